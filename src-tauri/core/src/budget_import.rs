//! Importing budget figures from CSV and XLSX (GFMIS exports, staff sheets).
//!
//! A file is a table with a header row. Each row names a budget line
//! (division, category, item, plan, source) and carries line figures
//! (allocated, transfers) and/or one month's figures (month, planned,
//! disbursed, committed). Headers in the app's own names — English or Thai,
//! listed in [`FIELDS`] — need no mapping; other layouts give a mapping
//! `{ "header in the file": "field" }`.
//!
//! [`plan`] checks every row and merges the good ones into the year's
//! budget without writing: its preview lists per-row errors. The caller
//! applies the merged budget only when there are none (all or nothing).
//! Values set, never added: importing the same file twice changes nothing.

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::budget::{BudgetDoc, BudgetLineDoc, Category, MonthFigures, OperatingItem, fiscal_month};
use crate::error::{CoreError, Result};
use crate::money::parse_amount;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Division,
    Category,
    Item,
    Plan,
    Source,
    Allocated,
    TransferIn,
    TransferOut,
    Month,
    Planned,
    Disbursed,
    Committed,
}

/// The app's own column names: (field, English, Thai).
pub const FIELDS: &[(Field, &str, &str)] = &[
    (Field::Division, "division", "หน่วยงาน"),
    (Field::Category, "category", "งบรายจ่าย"),
    (Field::Item, "item", "รายการ"),
    (Field::Plan, "plan", "แผนงาน/ผลผลิต/โครงการ"),
    (Field::Source, "source", "แหล่งเงิน"),
    (Field::Allocated, "allocated", "งบประมาณที่ได้รับจัดสรร"),
    (Field::TransferIn, "transfer_in", "โอนเข้า"),
    (Field::TransferOut, "transfer_out", "โอนออก"),
    (Field::Month, "month", "เดือน"),
    (Field::Planned, "planned", "แผนการใช้จ่าย"),
    (Field::Disbursed, "disbursed", "เบิกจ่าย"),
    (Field::Committed, "committed", "ก่อหนี้ผูกพัน"),
];

fn field_named<F: Copy>(fields: &[(F, &str, &str)], name: &str) -> Option<F> {
    let n = name.trim().to_lowercase();
    fields.iter().find(|(_, en, th)| n == *en || n == *th).map(|(f, ..)| *f)
}

/// Which column of a table holds which of `fields` ((field, English name,
/// Thai name)): a header that is a field's name, or, with a `mapping`, the
/// field it maps that header to. Every `required` field needs a column.
pub fn columns<F: Copy + Eq + std::hash::Hash>(
    headers: &[String],
    mapping: Option<&std::collections::BTreeMap<String, String>>,
    fields: &[(F, &str, &str)],
    required: &[F],
) -> Result<HashMap<F, usize>> {
    let mut columns: HashMap<F, usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        let name = match mapping {
            Some(m) => match m.get(h.trim()) {
                Some(f) => f.as_str(),
                None => continue,
            },
            None => h.as_str(),
        };
        match field_named(fields, name) {
            Some(f) if columns.insert(f, i).is_some() => {
                return Err(malformed(format!("two columns are {name}")));
            }
            Some(_) => {}
            None if mapping.is_some() => {
                return Err(malformed(format!("the mapping names an unknown field \"{name}\"")));
            }
            None => {}
        }
    }
    for r in required {
        if !columns.contains_key(r) {
            let (_, en, th) = fields
                .iter()
                .find(|(f, ..)| f == r)
                .expect("a required field is listed");
            return Err(malformed(format!(
                "no \"{en}\" (\"{th}\") column: give a mapping or rename the header"
            )));
        }
    }
    Ok(columns)
}

/// The key a mapping is remembered under: the header row, trimmed.
pub fn layout_key(headers: &[String]) -> String {
    headers.iter().map(|h| h.trim()).collect::<Vec<_>>().join("\u{1f}")
}

/// Checks that a mapping names only known fields and headers of the layout.
pub fn check_mapping(headers: &[String], mapping: &std::collections::BTreeMap<String, String>) -> Result<()> {
    for (header, field) in mapping {
        if !headers.iter().any(|h| h.trim() == header) {
            return Err(malformed(format!(
                "the mapping names a column \"{header}\" the file does not have"
            )));
        }
        if field_named(FIELDS, field).is_none() {
            return Err(malformed(format!("the mapping names an unknown field \"{field}\"")));
        }
    }
    Ok(())
}

/// A table read from a file: the header row and the rows below it, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Reads the first sheet of an XLSX/XLS/ODS file or a CSV file (UTF-8,
/// comma-separated), by the file's extension.
pub fn read_table(path: &Path) -> Result<Table> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    let bytes = std::fs::read(path).map_err(|e| CoreError::Io(format!("cannot read {}: {e}", path.display())))?;
    match ext.as_str() {
        "csv" => read_csv(&bytes),
        "xlsx" | "xlsm" | "xls" | "ods" => read_workbook(bytes),
        _ => Err(CoreError::InvalidInput(format!(
            "{}: import reads .csv or .xlsx files",
            path.display()
        ))),
    }
}

fn malformed(message: String) -> CoreError {
    CoreError::MalformedImport {
        path: "$".into(),
        message,
    }
}

pub fn read_csv(bytes: &[u8]) -> Result<Table> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|e| malformed(format!("the CSV is not UTF-8 text (byte {})", e.valid_up_to())))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| malformed(format!("CSV header: {e}")))?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut rows = Vec::new();
    for r in reader.records() {
        let r = r.map_err(|e| malformed(format!("CSV: {e}")))?;
        rows.push(r.iter().map(str::to_owned).collect());
    }
    Ok(Table { headers, rows })
}

pub fn read_workbook(bytes: Vec<u8>) -> Result<Table> {
    use calamine::{Data, Reader};
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| malformed(format!("cannot read the workbook: {e}")))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| malformed("the workbook has no sheet".into()))?
        .map_err(|e| malformed(format!("cannot read the first sheet: {e}")))?;
    let cell = |d: &Data| -> String {
        match d {
            Data::Empty => String::new(),
            Data::String(s) => s.clone(),
            // Shortest representation: the number as it was typed.
            Data::Float(f) => format!("{f}"),
            Data::Int(i) => i.to_string(),
            Data::Bool(b) => b.to_string(),
            Data::DateTime(dt) => dt
                .as_datetime()
                .map(|t| t.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Error(e) => format!("#ERROR {e:?}"),
        }
    };
    let mut rows = range.rows().map(|r| r.iter().map(cell).collect::<Vec<_>>());
    let headers = rows.next().ok_or_else(|| malformed("the sheet is empty".into()))?;
    Ok(Table {
        headers,
        rows: rows.collect(),
    })
}

/// One problem with one row (`row` counts from 1 at the header, as a
/// spreadsheet shows it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowError {
    pub row: usize,
    pub column: Option<String>,
    pub message: String,
}

/// A file chosen for import, checked but not applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportCheck {
    pub file_name: String,
    pub headers: Vec<String>,
    /// The mapping used (given, or remembered for this layout), if any.
    pub mapping: Option<std::collections::BTreeMap<String, String>>,
    /// Why the file cannot be read as it is (e.g. no division column):
    /// the user then maps the columns.
    pub problem: Option<String>,
    pub preview: Option<ImportPreview>,
}

/// The app's field names, for a mapping form.
pub fn field_names() -> Vec<&'static str> {
    FIELDS.iter().map(|(_, en, _)| *en).collect()
}

/// What an import would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    pub year_be: i32,
    pub rows: usize,
    pub lines_added: usize,
    pub lines_updated: usize,
    pub months_set: usize,
    pub errors: Vec<RowError>,
}

type LineKey = (String, Category, Option<OperatingItem>, String, String);

fn key_of(l: &BudgetLineDoc) -> LineKey {
    (l.division.clone(), l.category, l.item, l.plan.clone(), l.source.clone())
}

/// Checks every row of `table` and merges them into `existing`. `divisions`
/// are the organization's; a row naming another is an error. `mapping`
/// maps the file's headers to field names for layouts of other programs.
pub fn plan(
    table: &Table,
    mapping: Option<&std::collections::BTreeMap<String, String>>,
    existing: &BudgetDoc,
    divisions: &[String],
) -> Result<(BudgetDoc, ImportPreview)> {
    let columns = columns(&table.headers, mapping, FIELDS, &[Field::Division, Field::Category])?;

    let mut doc = existing.clone();
    // Where each line is, by key: rows find their line in O(1).
    let mut index: HashMap<LineKey, usize> = doc.lines.iter().enumerate().map(|(i, l)| (key_of(l), i)).collect();
    let mut preview = ImportPreview {
        year_be: existing.year_be,
        rows: table.rows.len(),
        lines_added: 0,
        lines_updated: 0,
        months_set: 0,
        errors: Vec::new(),
    };
    let mut seen_lines: HashMap<LineKey, usize> = HashMap::new();
    let mut seen_months: HashMap<(LineKey, u8), usize> = HashMap::new();
    let mut touched: std::collections::HashSet<LineKey> = std::collections::HashSet::new();
    for (ri, row) in table.rows.iter().enumerate() {
        let row_no = ri + 2;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut errors = Vec::new();
        let text = |f: Field| {
            columns
                .get(&f)
                .and_then(|&i| row.get(i))
                .map(|s| s.trim().to_owned())
                .unwrap_or_default()
        };
        let header = |f: Field| columns.get(&f).map(|&i| table.headers[i].clone());
        let mut err = |f: Field, message: String| {
            errors.push(RowError {
                row: row_no,
                column: header(f),
                message,
            })
        };
        let amount = |f: Field, err: &mut dyn FnMut(Field, String)| -> Option<Decimal> {
            let t = text(f);
            if t.is_empty() {
                return None;
            }
            match parse_amount(&t) {
                Ok(v) => Some(v),
                Err(e) => {
                    err(f, e.to_string().replace("invalid input: ", ""));
                    None
                }
            }
        };

        let division = text(Field::Division);
        if division.is_empty() {
            err(Field::Division, "no division".into());
        } else if !divisions.iter().any(|d| d == &division) {
            err(
                Field::Division,
                format!("unknown division \"{division}\" (not among the organization's divisions)"),
            );
        }
        let category = match Category::parse(&text(Field::Category)) {
            Some(c) => Some(c),
            None => {
                err(
                    Field::Category,
                    format!("unknown category \"{}\"", text(Field::Category)),
                );
                None
            }
        };
        let item_text = text(Field::Item);
        let item = if item_text.is_empty() {
            None
        } else {
            let i = OperatingItem::parse(&item_text);
            if i.is_none() {
                err(Field::Item, format!("unknown item \"{item_text}\""));
            }
            i
        };
        let allocated = amount(Field::Allocated, &mut err);
        let transfer_in = amount(Field::TransferIn, &mut err);
        let transfer_out = amount(Field::TransferOut, &mut err);
        let month_text = text(Field::Month);
        let month = if month_text.is_empty() {
            None
        } else {
            let ym: String = month_text.chars().take(7).collect();
            match fiscal_month(existing.year_be, &ym) {
                Ok(m) => Some(m),
                Err(e) => {
                    err(Field::Month, e.to_string());
                    None
                }
            }
        };
        let planned = amount(Field::Planned, &mut err);
        let disbursed = amount(Field::Disbursed, &mut err);
        let committed = amount(Field::Committed, &mut err);
        let has_month_figures = planned.is_some() || disbursed.is_some() || committed.is_some();
        if has_month_figures && month_text.is_empty() {
            err(Field::Month, "monthly figures need a month (YYYY-MM)".into());
        }
        for (f, v) in [
            (Field::Allocated, allocated),
            (Field::TransferIn, transfer_in),
            (Field::TransferOut, transfer_out),
        ] {
            if v.is_some_and(|v| v.is_sign_negative()) {
                err(f, "cannot be negative".into());
            }
        }
        let (Some(category), true) = (category, errors.is_empty()) else {
            preview.errors.extend(errors);
            continue;
        };
        let key: LineKey = (division.clone(), category, item, text(Field::Plan), text(Field::Source));
        let line_figures = allocated.is_some() || transfer_in.is_some() || transfer_out.is_some();
        if line_figures && let Some(first) = seen_lines.insert(key.clone(), row_no) {
            preview.errors.push(RowError {
                row: row_no,
                column: None,
                message: format!("duplicate row: the line's allocation is already on row {first}"),
            });
            continue;
        }
        if let Some(m) = month
            && let Some(first) = seen_months.insert((key.clone(), m), row_no)
        {
            preview.errors.push(RowError {
                row: row_no,
                column: None,
                message: format!("duplicate row: this line's month is already on row {first}"),
            });
            continue;
        }
        // Merge.
        let idx = match index.get(&key).copied() {
            Some(i) => {
                if touched.insert(key.clone()) {
                    preview.lines_updated += 1;
                }
                i
            }
            None => {
                if !line_figures {
                    preview.errors.push(RowError {
                        row: row_no,
                        column: header(Field::Allocated),
                        message: "a new budget line needs its allocation".into(),
                    });
                    continue;
                }
                touched.insert(key.clone());
                preview.lines_added += 1;
                doc.lines.push(BudgetLineDoc {
                    division: key.0.clone(),
                    category,
                    item,
                    plan: key.3.clone(),
                    source: key.4.clone(),
                    allocated: Decimal::ZERO,
                    transfer_in: Decimal::ZERO,
                    transfer_out: Decimal::ZERO,
                    months: Vec::new(),
                });
                index.insert(key.clone(), doc.lines.len() - 1);
                doc.lines.len() - 1
            }
        };
        let line = &mut doc.lines[idx];
        if let Some(v) = allocated {
            line.allocated = v;
        }
        if let Some(v) = transfer_in {
            line.transfer_in = v;
        }
        if let Some(v) = transfer_out {
            line.transfer_out = v;
        }
        if let Some(m) = month {
            let pos = match line.months.iter().position(|x| x.month == m) {
                Some(p) => p,
                None => {
                    line.months.push(MonthFigures {
                        month: m,
                        ..Default::default()
                    });
                    line.months.sort_by_key(|x| x.month);
                    line.months.iter().position(|x| x.month == m).expect("just added")
                }
            };
            let mf = &mut line.months[pos];
            if let Some(v) = planned {
                mf.planned = v;
            }
            if let Some(v) = disbursed {
                mf.disbursed = v;
            }
            if let Some(v) = committed {
                mf.committed = v;
            }
            preview.months_set += 1;
        }
    }
    if preview.errors.is_empty() {
        crate::budget::validate(&doc)?;
    }
    Ok((doc, preview))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn divisions() -> Vec<String> {
        vec!["กองคลัง".into(), "สำนักงานเลขาธิการกรม".into()]
    }

    fn empty() -> BudgetDoc {
        BudgetDoc {
            year_be: 2566,
            lines: vec![],
            targets: vec![],
        }
    }

    const CSV: &str = "\u{feff}หน่วยงาน,งบรายจ่าย,รายการ,งบประมาณที่ได้รับจัดสรร,เดือน,แผนการใช้จ่าย,เบิกจ่าย\n\
        กองคลัง,งบดำเนินงาน,ค่าวัสดุ,\"1,200,000.00\",2022-10,\"100,000\",\"95,000.50\"\n\
        กองคลัง,งบดำเนินงาน,ค่าวัสดุ,,2022-11,\"100,000\",(500.00)\n\
        สำนักงานเลขาธิการกรม,personnel,,๕๐๐๐๐๐,2023-03,,\"41,666.67\"\n";

    #[test]
    fn thai_headers_need_no_mapping_and_reimport_changes_nothing() {
        let table = read_csv(CSV.as_bytes()).unwrap();
        let (doc, preview) = plan(&table, None, &empty(), &divisions()).unwrap();
        assert!(preview.errors.is_empty(), "{:?}", preview.errors);
        assert_eq!((preview.lines_added, preview.months_set), (2, 3));
        assert_eq!(doc.lines[0].allocated, "1200000.00".parse().unwrap());
        assert_eq!(doc.lines[0].months[1].disbursed, "-500.00".parse().unwrap());
        assert_eq!(doc.lines[1].allocated, "500000".parse().unwrap());
        assert_eq!(doc.lines[1].months[0].month, 6);
        let (again, preview) = plan(&table, None, &doc, &divisions()).unwrap();
        assert_eq!(again, doc);
        assert_eq!((preview.lines_added, preview.lines_updated), (0, 2));
    }

    #[test]
    fn every_bad_row_is_reported_with_its_reason() {
        let csv = "division,category,allocated,month,disbursed\n\
            กองคลัง,operating,1000,2022-10,1.234\n\
            กองพัสดุ,operating,1000,,\n\
            กองคลัง,งบลับ,1000,,\n\
            กองคลัง,investment,1000,2023-10,5\n\
            กองคลัง,investment,1000,2566-01,5\n\
            กองคลัง,subsidy,1000,2022-12,5\n\
            กองคลัง,subsidy,,2022-12,6\n\
            กองคลัง,other,,2022-12,6\n";
        let table = read_csv(csv.as_bytes()).unwrap();
        let (_, preview) = plan(&table, None, &empty(), &divisions()).unwrap();
        let by_row: Vec<(usize, &str)> = preview.errors.iter().map(|e| (e.row, e.message.as_str())).collect();
        let expect = [
            (2, "more than two decimal places"),
            (3, "unknown division"),
            (4, "unknown category"),
            (5, "not in fiscal year 2566"),
            (6, "Christian era"),
            (8, "duplicate row"),
            (9, "needs its allocation"),
        ];
        assert_eq!(by_row.len(), expect.len(), "{by_row:?}");
        for ((row, msg), (er, em)) in by_row.iter().zip(expect) {
            assert_eq!(*row, er);
            assert!(msg.contains(em), "row {row}: {msg}");
        }
    }

    #[test]
    fn xlsx_cells_read_as_typed() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["division", "category", "allocated", "month", "disbursed"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        sheet.write_string(1, 0, "กองคลัง").unwrap();
        sheet.write_string(1, 1, "งบลงทุน").unwrap();
        sheet.write_number(1, 2, 2500000.5).unwrap();
        let march = rust_xlsxwriter::ExcelDateTime::from_ymd(2023, 3, 31).unwrap();
        sheet
            .write_datetime_with_format(
                1,
                3,
                &march,
                &rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd"),
            )
            .unwrap();
        sheet.write_number(1, 4, 1234.56).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let table = read_workbook(bytes).unwrap();
        let (doc, preview) = plan(&table, None, &empty(), &divisions()).unwrap();
        assert!(preview.errors.is_empty(), "{:?} {:?}", preview.errors, table);
        assert_eq!(doc.lines[0].allocated, "2500000.5".parse().unwrap());
        assert_eq!(doc.lines[0].months[0].month, 6);
        assert_eq!(doc.lines[0].months[0].disbursed, "1234.56".parse().unwrap());
    }

    #[test]
    fn broken_files_are_refused() {
        assert!(read_workbook(b"PK\x03\x04 not really a zip".to_vec()).is_err());
        assert!(read_csv(b"a,b\n\xff\xfe,1\n").is_err());
        assert!(read_workbook(Vec::new()).is_err());
    }

    #[test]
    fn other_layouts_use_a_mapping() {
        let csv = "หน่วยเบิกจ่าย,หมวด,วงเงิน\nกองคลัง,งบลงทุน,250000\n";
        let table = read_csv(csv.as_bytes()).unwrap();
        assert!(
            plan(&table, None, &empty(), &divisions())
                .unwrap_err()
                .to_string()
                .contains("no \"division\"")
        );
        let mapping: std::collections::BTreeMap<String, String> =
            [("หน่วยเบิกจ่าย", "division"), ("หมวด", "category"), ("วงเงิน", "allocated")]
                .into_iter()
                .map(|(a, b)| (a.to_owned(), b.to_owned()))
                .collect();
        let (doc, preview) = plan(&table, Some(&mapping), &empty(), &divisions()).unwrap();
        assert!(preview.errors.is_empty());
        assert_eq!(doc.lines[0].category, Category::Investment);
    }
}
