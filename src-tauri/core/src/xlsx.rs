//! What every workbook Prongsai writes shares (rust_xlsxwriter): real date
//! cells shown as Thai dates in the Buddhist Era (Excel's `bbbb` year), and
//! sheets set up to print: A4, fit to the page's width, the header row
//! repeated on every page and frozen on screen, columns fitted to their text.

use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet, XlsxError};

use crate::error::CoreError;

pub(crate) fn fail(e: XlsxError) -> CoreError {
    CoreError::Io(format!("cannot write the workbook: {e}"))
}

/// A date cell's format: day/month/BE year (30/9/2566), a date Excel and
/// LibreOffice sort and compute with.
pub(crate) fn date_format() -> Format {
    Format::new().set_num_format("d/m/bbbb")
}

/// Writes `d` as a date cell.
pub(crate) fn write_date(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    d: chrono::NaiveDate,
    format: &Format,
) -> Result<(), CoreError> {
    let value = ExcelDateTime::from_ymd(
        u16::try_from(d.year()).map_err(|_| CoreError::Io(format!("no date cell for {d}")))?,
        d.month() as u8,
        d.day() as u8,
    )
    .map_err(fail)?;
    sheet
        .write_datetime_with_format(row, col, &value, format)
        .map_err(fail)?;
    Ok(())
}

/// Prints on A4 (landscape when `wide`), as wide as one page, the rows
/// above `header_rows` repeated on every page and frozen on screen, the
/// columns fitted to their text.
pub(crate) fn set_up(sheet: &mut Worksheet, header_rows: u32, wide: bool) -> Result<(), CoreError> {
    const A4: u8 = 9;
    sheet.set_paper_size(A4);
    if wide {
        sheet.set_landscape();
    }
    sheet.set_print_fit_to_pages(1, 0);
    if header_rows > 0 {
        sheet.set_repeat_rows(0, header_rows - 1).map_err(fail)?;
        sheet.set_freeze_panes(header_rows, 0).map_err(fail)?;
    }
    sheet.autofit();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// The XML of every part of a workbook, joined.
    pub(crate) fn xml_of(xlsx: &[u8]) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
        let mut all = String::new();
        for i in 0..zip.len() {
            zip.by_index(i).unwrap().read_to_string(&mut all).unwrap();
        }
        all
    }

    #[test]
    fn sheets_print_on_a4_with_their_header_and_dates_in_be() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write(0, 0, "วันที่").unwrap();
        write_date(
            sheet,
            1,
            0,
            chrono::NaiveDate::from_ymd_opt(2023, 9, 30).unwrap(),
            &date_format(),
        )
        .unwrap();
        set_up(sheet, 1, true).unwrap();
        let xml = xml_of(&book.save_to_buffer().unwrap());
        for part in [
            r#"paperSize="9""#,
            r#"orientation="landscape""#,
            r#"fitToPage="1""#,
            r#"fitToHeight="0""#,
            r#"ySplit="1""#,
            "_xlnm.Print_Titles",
            r#"formatCode="d/m/bbbb""#,
            "<v>45199</v>",
        ] {
            assert!(xml.contains(part), "{part} missing");
        }
    }
}
