//! Reading a spreadsheet file (CSV, XLSX, XLS, ODS) into a [`Table`] the
//! importers check, saying what was read and never more than a bound:
//!
//! - CSV: the encoding is found from a byte-order mark, else UTF-8, else
//!   detected (`chardetng`: Thai Excel writes Windows-874) and decoded by
//!   `encoding_rs`; a byte the encoding does not define refuses the file.
//! - Workbooks (XLSX only): the active sheet is read when it is visible (a
//!   hidden sheet is never read unless named); `sheet` names another. Cells
//!   are read one by one, so a sheet's declared size allocates nothing.
//!   XLS and ODS are refused with advice: their readers allocate a sheet's
//!   whole extent.
//! - The header row is found in the first [`HEADER_WITHIN`] rows, below any
//!   title rows; every row keeps the spreadsheet's own number.
//! - Sizes are checked before reading: [`MAX_FILE_BYTES`],
//!   [`MAX_UNZIPPED_BYTES`], [`MAX_COLUMNS`], [`MAX_CELLS`].

use std::path::Path;

use crate::error::{CoreError, Result};
use crate::refusal::Refusal;

/// The largest file read (a 100,000-asset register is about 20 MB as CSV).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The widest sheet read (column IV).
pub const MAX_COLUMNS: usize = 256;
/// The most non-empty cells read.
pub const MAX_CELLS: usize = 4_000_000;
/// The header row is looked for among this many first non-empty rows.
pub const HEADER_WITHIN: usize = 20;

/// A table read from a file: the header row and the rows below it, as text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The spreadsheet's own number (1-based) of each row in `rows`.
    pub lines: Vec<usize>,
    /// The sheet read from a workbook.
    pub sheet: Option<String>,
    /// The workbook's visible sheets, in order: the ones a user may pick.
    pub sheets: Vec<String>,
    /// How the file was read, for the dry run: the encoding, the sheet
    /// (and the others), the header row when it is not the first.
    pub notes: Vec<String>,
    /// The title rows above the header, each row's cells joined by spaces.
    pub above: Vec<String>,
}

impl Table {
    /// The spreadsheet's number of the `i`th row of `rows`.
    pub fn line(&self, i: usize) -> usize {
        self.lines.get(i).copied().unwrap_or(i + 2)
    }
}

/// What to read of a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The workbook sheet to read [default: the active one].
    pub sheet: Option<String>,
}

fn malformed(message: String) -> CoreError {
    CoreError::MalformedImport {
        path: "$".into(),
        message,
    }
}

/// Reads a CSV or a workbook by the file's extension, after checking its size.
pub fn read_file(path: &Path, opts: &ReadOptions) -> Result<Table> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    if matches!(ext.as_str(), "xls" | "ods" | "xlsb") {
        return Err(malformed(format!(
            "a .{ext} workbook is not read (its reader cannot bound the memory it takes): \
             save it as .xlsx or CSV UTF-8 and import that"
        )));
    }
    if !matches!(ext.as_str(), "csv" | "xlsx" | "xlsm") {
        return Err(Refusal::NotATableFile {
            file: path.display().to_string(),
        }
        .into());
    }
    let size = std::fs::metadata(path)
        .map_err(|e| CoreError::Io(format!("cannot read {}: {e}", path.display())))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(malformed(format!(
            "the file is {} MB; at most {} MB are read",
            size / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| CoreError::Io(format!("cannot read {}: {e}", path.display())))?;
    if ext == "csv" {
        read_csv(&bytes)
    } else {
        read_workbook_sheet(bytes, opts.sheet.as_deref())
    }
}

/// The text of a CSV file in whatever encoding it came in, and that
/// encoding. UTF-8 (most files) is read where it lies, not copied.
fn decode(bytes: &[u8]) -> Result<(std::borrow::Cow<'_, str>, &'static encoding_rs::Encoding)> {
    let encoding = match encoding_rs::Encoding::for_bom(bytes) {
        Some((enc, _)) => enc,
        None if let Ok(text) = simdutf8::basic::from_utf8(bytes) => return Ok((text.into(), encoding_rs::UTF_8)),
        None => {
            // Not UTF-8: what Excel on Thai Windows writes as "CSV", or refused.
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let guess = detector.guess(None, false);
            if guess != encoding_rs::WINDOWS_874 {
                return Err(malformed(format!(
                    "the CSV is neither UTF-8 nor Thai (Windows-874) text (it looks like {}): save it as \"CSV UTF-8\"",
                    guess.name()
                )));
            }
            guess
        }
    };
    let (text, used, had_errors) = encoding.decode(bytes);
    if had_errors {
        return Err(malformed(format!(
            "the CSV is neither UTF-8 nor {} text: save it as \"CSV UTF-8\"",
            used.name()
        )));
    }
    Ok((text, used))
}

pub fn read_csv(bytes: &[u8]) -> Result<Table> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(malformed(format!(
            "the CSV is larger than {} MB",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let (text, encoding) = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = Grid::default();
    // The line each record starts on, as a spreadsheet numbers it (blank
    // lines counted), from the newlines before its first byte.
    let (mut line, mut counted) = (1usize, 0usize);
    // One record read into again and again: 100,000 rows are not 100,000
    // records made and freed.
    let mut record = csv::ByteRecord::new();
    while reader
        .read_byte_record(&mut record)
        .map_err(|e| malformed(format!("CSV: {e}")))?
    {
        let bytes = text.as_bytes();
        let mut start = record.position().map_or(counted, |p| p.byte() as usize);
        // The parser's position is before the blank lines it skipped.
        while start < bytes.len() && matches!(bytes[start], b'\n' | b'\r') {
            start += 1;
        }
        line += bytes[counted..start.max(counted)]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted = start.max(counted);
        // The text is UTF-8 and the reader splits it only at ASCII bytes
        // (commas, quotes, line ends), so the record and each field are
        // UTF-8 too: the record is checked again in one SIMD pass, and its
        // fields cut from it at their char boundaries, where `StringRecord`
        // checked them field by field with std's check.
        // The row's vector is made to its length: collected through an
        // `Option`, it doubled past it, 28 MiB more at 100,000 rows.
        let not_utf8 = || malformed(format!("CSV: row {line} is not UTF-8 text"));
        let all = simdutf8::basic::from_utf8(record.as_slice()).map_err(|_| not_utf8())?;
        let mut values = Vec::with_capacity(record.len());
        for i in 0..record.len() {
            let cell = record.range(i).and_then(|r| all.get(r)).ok_or_else(not_utf8)?;
            values.push(cell.to_owned());
        }
        grid.push(line, values)?;
    }
    let mut table = grid.into_table()?;
    if encoding != encoding_rs::UTF_8 {
        table.notes.insert(0, format!("read as {} text", encoding.name()));
    }
    Ok(table)
}

/// Reads the active sheet of a workbook (see [`read_workbook_sheet`]).
pub fn read_workbook(bytes: Vec<u8>) -> Result<Table> {
    read_workbook_sheet(bytes, None)
}

/// Reads `sheet`, or the active sheet when it is visible, of an XLSX
/// workbook (other formats are refused: see [`read_file`]).
pub fn read_workbook_sheet(bytes: Vec<u8>, sheet: Option<&str>) -> Result<Table> {
    use calamine::{Reader, SheetVisible};
    let active = inspect_zip(&bytes)?;
    // The XLSX reader itself, never one guessed from the bytes: the XLS and
    // ODS readers allocate a sheet's whole declared extent.
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| {
        malformed(format!(
            "cannot read the workbook as .xlsx ({e}): save it as .xlsx or CSV UTF-8 and import that"
        ))
    })?;
    let sheets: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect();
    if sheets.is_empty() {
        return Err(malformed("the workbook has no sheet".into()));
    }
    let name = match sheet {
        Some(wanted) => sheets
            .iter()
            .find(|(n, _)| n.trim() == wanted.trim())
            .map(|(n, _)| n.clone())
            .ok_or_else(|| {
                malformed(format!(
                    "the workbook has no sheet \"{wanted}\"; its sheets: {}",
                    names(&sheets)
                ))
            })?,
        None => {
            let all = book.sheet_names();
            let active_name = active.and_then(|i| all.get(i).cloned());
            match active_name.and_then(|a| sheets.iter().find(|(n, v)| *n == a && *v)) {
                Some((n, _)) => n.clone(),
                None => sheets
                    .iter()
                    .find(|(_, visible)| *visible)
                    .map(|(n, _)| n.clone())
                    .ok_or_else(|| malformed("every sheet of the workbook is hidden: name one to read".into()))?,
            }
        }
    };
    let mut grid = Grid::default();
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|e| malformed(format!("cannot read the sheet \"{name}\": {e}")))?;
    let mut pending: std::collections::BTreeMap<u32, Vec<(u32, String)>> = Default::default();
    let mut noise = Vec::new();
    let mut count = 0usize;
    while let Some(cell) = cells
        .next_cell()
        .map_err(|e| malformed(format!("cannot read the sheet \"{name}\": {e}")))?
    {
        let (row, col) = cell.get_position();
        let value: calamine::Data = cell.get_value().clone().into();
        let text = cell_text(&value, &mut noise, row as usize + 1, col as usize);
        if text.is_empty() {
            continue;
        }
        if col as usize >= MAX_COLUMNS {
            return Err(malformed(format!(
                "the sheet \"{name}\" has a value in column {} (at most {MAX_COLUMNS} columns are read)",
                col + 1
            )));
        }
        count += 1;
        if count > MAX_CELLS {
            return Err(malformed(format!(
                "the sheet \"{name}\" has more than {MAX_CELLS} cells"
            )));
        }
        pending.entry(row).or_default().push((col, text));
    }
    for (row, cells) in pending {
        let width = cells.iter().map(|(c, _)| *c as usize + 1).max().unwrap_or(0);
        let mut values = vec![String::new(); width];
        for (c, t) in cells {
            values[c as usize] = t;
        }
        grid.push(row as usize + 1, values)?;
    }
    grid.notes = noise;
    let mut table = grid.into_table()?;
    let others: Vec<&(String, bool)> = sheets.iter().filter(|(n, _)| *n != name).collect();
    let hidden = others.iter().filter(|(_, v)| !v).count();
    let mut note = format!("sheet \"{name}\"");
    if !others.is_empty() {
        note.push_str(&format!(
            " of {} ({} hidden, not read; --sheet names another)",
            sheets.len(),
            hidden
        ));
    }
    table.notes.insert(0, note);
    table.sheet = Some(name);
    table.sheets = sheets.iter().filter(|(_, v)| *v).map(|(n, _)| n.clone()).collect();
    Ok(table)
}

fn names(sheets: &[(String, bool)]) -> String {
    sheets
        .iter()
        .map(|(n, v)| {
            if *v {
                format!("\"{n}\"")
            } else {
                format!("\"{n}\" (hidden)")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What an XLSX may unpack to (its parts' declared sizes, added up): a
/// small file that unpacks to gigabytes is refused before it is read.
pub const MAX_UNZIPPED_BYTES: u64 = 256 * 1024 * 1024;

/// Looks into an XLSX's zip before calamine reads it: refuses one that
/// unpacks past [`MAX_UNZIPPED_BYTES`] (the central directory's sizes, at
/// which the reader stops) and returns the index of its active sheet
/// (`<workbookView activeTab>`), if it says one. Not a zip: calamine says
/// what it is.
fn inspect_zip(bytes: &[u8]) -> Result<Option<usize>> {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(None);
    };
    let mut total = 0u64;
    for i in 0..zip.len() {
        if let Ok(part) = zip.by_index_raw(i) {
            total = total.saturating_add(part.size());
        }
    }
    if total > MAX_UNZIPPED_BYTES {
        return Err(malformed(format!(
            "the workbook unpacks to {} MB; at most {} MB are read",
            total / (1024 * 1024),
            MAX_UNZIPPED_BYTES / (1024 * 1024)
        )));
    }
    let Ok(file) = zip.by_name("xl/workbook.xml") else {
        return Ok(None);
    };
    let mut xml = String::new();
    // The workbook part is small; read at most 1 MB of it.
    if std::io::Read::read_to_string(&mut std::io::Read::take(file, 1 << 20), &mut xml).is_err() {
        return Ok(None);
    }
    let active = || -> Option<usize> {
        let view = &xml[xml.find("<workbookView")?..];
        let view = &view[..view.find('>')?];
        let at = view.find("activeTab=\"")? + "activeTab=\"".len();
        view[at..].split('"').next()?.parse().ok()
    };
    Ok(active())
}

/// A number cell as typed: its shortest form, or, when that carries binary
/// rounding noise (25900.00000000001, shown as 25,900.00), the number to
/// the satang, with a note saying so.
fn number_text(f: f64, notes: &mut Vec<String>, line: usize, col: usize) -> String {
    let shortest = format!("{f}");
    let decimals = shortest.split_once('.').map_or(0, |(_, d)| d.len());
    let satang = (f * 100.0).round() / 100.0;
    if decimals > 6 && (f - satang).abs() < 1e-6 {
        let rounded = format!("{satang:.2}");
        if notes.len() < 100 {
            notes.push(format!(
                "row {line}, column {}: {shortest} read as {rounded} (spreadsheet rounding noise)",
                col + 1
            ));
        }
        return rounded;
    }
    shortest
}

/// A cell as text; `line` and `col` name it in a note.
fn cell_text(d: &calamine::Data, notes: &mut Vec<String>, line: usize, col: usize) -> String {
    use calamine::Data;
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => number_text(*f, notes, line, col),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|t| t.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#ERROR {e:?}"),
    }
}

/// Rows as read, with their numbers; blank rows are left out.
#[derive(Default)]
struct Grid {
    rows: Vec<(usize, Vec<String>)>,
    cells: usize,
    notes: Vec<String>,
}

impl Grid {
    fn push(&mut self, line: usize, values: Vec<String>) -> Result<()> {
        if values.len() > MAX_COLUMNS {
            return Err(malformed(format!(
                "row {line} has {} columns (at most {MAX_COLUMNS} are read)",
                values.len()
            )));
        }
        if values.iter().all(|v| v.trim().is_empty()) {
            return Ok(());
        }
        self.cells += values.len();
        if self.cells > MAX_CELLS {
            return Err(malformed(format!("the file has more than {MAX_CELLS} cells")));
        }
        self.rows.push((line, values));
        Ok(())
    }

    /// The header row is the first of the first [`HEADER_WITHIN`] rows that
    /// fills at least two cells and at least 60 % as many as the fullest
    /// row there: title rows above it (one merged cell, a subtitle) are
    /// passed over.
    fn into_table(self) -> Result<Table> {
        let filled = |r: &Vec<String>| r.iter().filter(|v| !v.trim().is_empty()).count();
        let window = &self.rows[..self.rows.len().min(HEADER_WITHIN)];
        let fullest = window.iter().map(|(_, r)| filled(r)).max().unwrap_or(0);
        let Some(at) = window
            .iter()
            .position(|(_, r)| filled(r) >= 2 && filled(r) * 10 >= fullest * 6)
            .or_else(|| (!window.is_empty()).then_some(0))
        else {
            return Ok(Table::default());
        };
        let mut notes = self.notes;
        let header_line = self.rows[at].0;
        let above = self.rows[..at]
            .iter()
            .map(|(_, r)| {
                let cells: Vec<&str> = r.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
                cells.join(" ")
            })
            .collect();
        if header_line != 1 {
            notes.insert(0, format!("header on row {header_line}"));
        }
        let mut rows = self.rows.into_iter().skip(at);
        let headers = rows.next().map(|(_, r)| r).unwrap_or_default();
        let (lines, rows) = rows.unzip();
        Ok(Table {
            headers,
            rows,
            lines,
            sheet: None,
            sheets: Vec::new(),
            notes,
            above,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_windows_path_is_judged_by_its_extension_in_any_case() {
        // As a Windows file dialog gives it: backslashes, an upper-case extension.
        let xls = Path::new(r"C:\Users\สมหญิง\Desktop\งบประมาณ 2568.XLS");
        assert!(matches!(
            read_file(xls, &ReadOptions::default()),
            Err(CoreError::MalformedImport { .. })
        ));
        let txt = Path::new(r"C:\Users\สมหญิง\Desktop\งบประมาณ.TXT");
        assert!(matches!(
            read_file(txt, &ReadOptions::default()),
            Err(CoreError::Refused(Refusal::NotATableFile { .. }))
        ));
        // A CSV or XLSX is taken, and only then is the file looked for.
        for ok in [r"D:\งาน\ทะเบียน.CSV", r"D:\งาน\ทะเบียน.Xlsx"] {
            let e = read_file(Path::new(ok), &ReadOptions::default()).unwrap_err();
            assert!(matches!(e, CoreError::Io(_)), "{ok}: {e:?}");
        }
    }

    #[test]
    fn a_windows_csv_with_crlf_reads_as_a_unix_one() {
        // Excel on Windows ends lines with CRLF, inside quoted cells too.
        let crlf = "รหัส,หัวข้อ,ปีของข้อมูล\r\nO1,\"โครงสร้าง\r\nหน้าที่\",current\r\nO2,ข้อมูลผู้บริหาร,current\r\n";
        let lf = crlf.replace("\r\n", "\n");
        let (a, b) = (read_csv(crlf.as_bytes()).unwrap(), read_csv(lf.as_bytes()).unwrap());
        assert_eq!(a.headers, b.headers);
        assert_eq!(a.lines, b.lines);
        assert_eq!(a.headers[2], "ปีของข้อมูล");
        assert!(a.rows.iter().flatten().all(|c| !c.ends_with('\r')));
        // The line break kept inside a cell is cleaned to \n when stored.
        assert_eq!(
            crate::text::clean_text("title", &a.rows[0][1], true).unwrap(),
            "โครงสร้าง\nหน้าที่"
        );
    }

    #[test]
    fn each_cell_is_the_text_written_between_its_commas() {
        // Cells are cut from each record's text: quoted commas, doubled
        // quotes, Thai and empty cells come out as written, row by row.
        let csv = "เลขครุภัณฑ์,ชื่อ,ราคา,หมายเหตุ\n\
                   7440-001-0001/66,\"โต๊ะ, ไม้สัก\",\"25,900.00\",\"ยี่ห้อ \"\"ดี\"\"\"\n\
                   ,เก้าอี้,,\n\
                   3,ตู้,1\n";
        let t = read_csv(csv.as_bytes()).unwrap();
        assert_eq!(t.headers, ["เลขครุภัณฑ์", "ชื่อ", "ราคา", "หมายเหตุ"]);
        assert_eq!(
            t.rows,
            [
                vec!["7440-001-0001/66", "โต๊ะ, ไม้สัก", "25,900.00", "ยี่ห้อ \"ดี\""],
                vec!["", "เก้าอี้", "", ""],
                vec!["3", "ตู้", "1"],
            ]
        );
        // Each row is held at its length: a large file's rows take no
        // spare capacity.
        assert!(t.rows.iter().all(|r| r.capacity() == r.len()));
    }

    #[test]
    fn title_rows_and_blank_lines_keep_the_spreadsheets_row_numbers() {
        let csv = "ทะเบียนครุภัณฑ์ ประจำปี 2566,,,\n\
                   กองคลัง,,,\n\
                   \n\
                   เลขครุภัณฑ์,ชื่อครุภัณฑ์,ประเภท,ราคา\n\
                   1,โต๊ะ,ครุภัณฑ์สำนักงาน,100\n\
                   ,,,\n\
                   2,เก้าอี้,ครุภัณฑ์สำนักงาน,50\n";
        let t = read_csv(csv.as_bytes()).unwrap();
        assert_eq!(t.headers[0], "เลขครุภัณฑ์");
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.lines, vec![5, 7]);
        assert_eq!(t.notes, vec!["header on row 4"]);
        assert_eq!(t.above, vec!["ทะเบียนครุภัณฑ์ ประจำปี 2566", "กองคลัง"]);
    }

    #[test]
    fn a_windows_874_csv_reads_as_thai_and_a_bom_is_dropped() {
        let text = "หน่วยงาน,เบิกจ่าย\nกองคลัง,1000\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_874.encode(text);
        let t = read_csv(&bytes).unwrap();
        assert_eq!(t.headers, vec!["หน่วยงาน", "เบิกจ่าย"]);
        assert_eq!(t.rows, vec![vec!["กองคลัง".to_owned(), "1000".to_owned()]]);
        assert_eq!(t.notes, vec!["read as windows-874 text"]);
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(read_csv(&bom).unwrap().headers[0], "หน่วยงาน");
        // Bytes no encoding defines are refused with advice.
        let err = read_csv(b"a,b\n\xff\xfe\xdb,1\n").unwrap_err().to_string();
        assert!(err.contains("CSV UTF-8"), "{err}");
    }
}
