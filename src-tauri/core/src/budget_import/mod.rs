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
use crate::refusal::Refusal;

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

/// A header or field name as compared: NFC, lower case, no spaces (so
/// "แผนงาน / ผลผลิต / โครงการ" is "แผนงาน/ผลผลิต/โครงการ").
fn name_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    crate::keys::normalize_key(name)
        .nfc()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

fn field_named<F: Copy>(fields: &[(F, &str, &str)], name: &str) -> Option<F> {
    let n = name_key(name);
    fields
        .iter()
        .find(|(_, en, th)| n == name_key(en) || n == name_key(th))
        .map(|(f, ..)| *f)
}

/// What a mapping maps a column to when the column is to be left out.
pub const IGNORE: &str = "ignore";

/// Words offices use for a field under another name: suggested, never
/// taken on their own (the user maps them).
const NEAR: &[(&str, &str)] = &[
    ("สภาพ", "สถานะ"),
    ("สภาพครุภัณฑ์", "สถานะ"),
    ("แหล่งของเงิน", "แหล่งเงิน"),
    ("แหล่งงบประมาณ", "แหล่งเงิน"),
    ("ยี่ห้อ/รุ่น/หมายเลขเครื่อง", "ยี่ห้อ"),
    ("ยี่ห้อ/รุ่น", "ยี่ห้อ"),
    ("วันที่ตรวจรับ", "วันที่ได้มา"),
    ("ราคาต่อหน่วย", "ราคา"),
    ("ที่ตั้ง", "สถานที่ตั้ง"),
    ("ผลการเบิกจ่าย", "เบิกจ่าย"),
    ("งบประมาณที่ได้รับ", "งบประมาณที่ได้รับจัดสรร"),
];

/// The field name most like `header`, if any is near enough to suggest.
fn suggest<F: Copy>(fields: &[(F, &str, &str)], header: &str) -> Option<String> {
    let h = name_key(header);
    if let Some((_, to)) = NEAR.iter().find(|(from, _)| name_key(from) == h)
        && fields.iter().any(|(_, _, th)| th == to)
    {
        return Some((*to).to_owned());
    }
    fields
        .iter()
        .flat_map(|(_, en, th)| [*en, *th])
        .map(|name| (strsim::normalized_levenshtein(&h, &name_key(name)), name))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name.to_owned())
}

/// Which column of a table holds which of `fields` ((field, English name,
/// Thai name)): a header that is a field's name, or the field a `mapping`
/// maps that header to. Every `required` field needs a column, and every
/// other non-empty header must be a field or mapped (to a field or to
/// [`IGNORE`]): a column the import does not understand is never dropped
/// without a word.
pub fn columns<F: Copy + Eq + std::hash::Hash>(
    headers: &[String],
    mapping: Option<&std::collections::BTreeMap<String, String>>,
    fields: &[(F, &str, &str)],
    required: &[F],
) -> Result<HashMap<F, usize>> {
    let mut columns: HashMap<F, usize> = HashMap::new();
    let mut unknown: Vec<String> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let mapped = mapping.and_then(|m| m.get(h.trim()));
        let name = match mapped {
            Some(f) if name_key(f) == IGNORE || f.trim().is_empty() => continue,
            Some(f) => f.as_str(),
            None => h.as_str(),
        };
        match field_named(fields, name) {
            Some(f) if columns.insert(f, i).is_some() => {
                return Err(malformed(format!("two columns are {name}")));
            }
            Some(_) => {}
            None if mapped.is_some() => {
                return Err(malformed(format!("the mapping names an unknown field \"{name}\"")));
            }
            None if h.trim().is_empty() => {}
            None => unknown.push(match suggest(fields, h) {
                Some(s) => format!("\"{}\" (did you mean \"{s}\"?)", h.trim()),
                None => format!("\"{}\"", h.trim()),
            }),
        }
    }
    let mut problems = Vec::new();
    for r in required {
        if !columns.contains_key(r) {
            let (_, en, th) = fields
                .iter()
                .find(|(f, ..)| f == r)
                .expect("a required field is listed");
            problems.push(format!(
                "no \"{en}\" (\"{th}\") column: give a mapping or rename the header"
            ));
            break;
        }
    }
    if !unknown.is_empty() {
        problems.push(format!(
            "columns not understood: {}; map each to a field or to \"{IGNORE}\" (nothing was imported)",
            unknown.join(", ")
        ));
    }
    if !problems.is_empty() {
        return Err(malformed(problems.join("; ")));
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
        if field_named(FIELDS, field).is_none() && name_key(field) != IGNORE {
            return Err(malformed(format!("the mapping names an unknown field \"{field}\"")));
        }
    }
    Ok(())
}

pub use crate::table::{ReadOptions, Table, read_csv, read_workbook};

/// Reads a CSV or the active sheet of a workbook (see [`crate::table`]).
pub fn read_table(path: &Path) -> Result<Table> {
    crate::table::read_file(path, &ReadOptions::default())
}

fn malformed(message: String) -> CoreError {
    CoreError::MalformedImport {
        path: "$".into(),
        message,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowError {
    pub row: usize,
    pub column: Option<String>,
    /// English, for the CLI.
    pub message: String,
    /// What was refused, for the UI's words.
    pub refusal: Option<Refusal>,
}

impl RowError {
    pub fn new(row: usize, column: Option<String>, refusal: Refusal) -> Self {
        RowError {
            row,
            column,
            message: refusal.to_string(),
            refusal: Some(refusal),
        }
    }

    /// A refusal keeps its words; any other failure its English message.
    pub fn of(row: usize, column: Option<String>, e: CoreError) -> Self {
        match e {
            CoreError::Refused(r) => RowError::new(row, column, r),
            other => RowError {
                row,
                column,
                message: other.to_string(),
                refusal: None,
            },
        }
    }
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
    /// How the file was read: its encoding, the sheet, the header row,
    /// numbers rounded from spreadsheet noise.
    pub notes: Vec<String>,
    /// The sheet read, and the workbook's visible sheets to pick from.
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
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
    /// Lines whose balance at the year's end would be below zero once
    /// imported: disbursed and open commitments over the allocation. Not an
    /// error (the file may be right), but said before anything is written.
    pub overspent: Vec<Overspent>,
}

/// A budget line whose balance is below zero.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Overspent {
    pub division: String,
    pub category: Category,
    pub item: Option<OperatingItem>,
    #[ts(type = "string")]
    pub remaining: Decimal,
}

type LineKey = (String, Category, Option<OperatingItem>, String, String);

/// A line's key, as compared: look-alike text is the same key.
fn key_of(l: &BudgetLineDoc) -> LineKey {
    use crate::keys::normalize_key;
    (
        normalize_key(&l.division),
        l.category,
        l.item,
        normalize_key(&l.plan),
        normalize_key(&l.source),
    )
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
        overspent: Vec::new(),
    };
    let mut seen_lines: HashMap<LineKey, usize> = HashMap::new();
    let mut seen_months: HashMap<(LineKey, u8), usize> = HashMap::new();
    let mut touched: std::collections::HashSet<LineKey> = std::collections::HashSet::new();
    for (ri, row) in table.rows.iter().enumerate() {
        let row_no = table.line(ri);
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut errors = Vec::new();
        let text = |f: Field| {
            columns
                .get(&f)
                .and_then(|&i| row.get(i))
                .map(|s| crate::keys::normalize_key(s))
                .unwrap_or_default()
        };
        let header = |f: Field| columns.get(&f).map(|&i| table.headers[i].clone());
        let mut err = |f: Field, e: CoreError| errors.push(RowError::of(row_no, header(f), e));
        let amount = |f: Field, err: &mut dyn FnMut(Field, CoreError)| -> Option<Decimal> {
            let t = text(f);
            if t.is_empty() {
                return None;
            }
            match parse_amount(&t) {
                Ok(v) => Some(v),
                Err(e) => {
                    err(f, e);
                    None
                }
            }
        };

        let division = text(Field::Division);
        if division.is_empty() {
            err(Field::Division, Refusal::empty("division").into());
        } else if !divisions.iter().any(|d| crate::keys::normalize_key(d) == division) {
            err(
                Field::Division,
                Refusal::UnknownDivision { name: division.clone() }.into(),
            );
        }
        let category = match Category::parse(&text(Field::Category)) {
            Some(c) => Some(c),
            None => {
                err(
                    Field::Category,
                    Refusal::UnknownCategory {
                        category: text(Field::Category),
                    }
                    .into(),
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
                err(
                    Field::Item,
                    Refusal::UnknownItem {
                        text: item_text.clone(),
                    }
                    .into(),
                );
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
            // Exactly YYYY-MM, or the date a date cell reads as.
            let b = month_text.as_bytes();
            let shaped =
                b.len() == 7 && b[4] == b'-' && b.iter().enumerate().all(|(i, c)| i == 4 || c.is_ascii_digit());
            let from_date =
                chrono::NaiveDate::parse_from_str(&month_text, "%Y-%m-%d").is_ok() && month_text.len() == 10;
            let month = if shaped || from_date {
                fiscal_month(existing.year_be, &month_text[..7])
            } else {
                Err(Refusal::NotAMonth {
                    text: month_text.clone(),
                }
                .into())
            };
            match month {
                Ok(m) => Some(m),
                Err(e) => {
                    err(Field::Month, e);
                    None
                }
            }
        };
        let planned = amount(Field::Planned, &mut err);
        let disbursed = amount(Field::Disbursed, &mut err);
        let committed = amount(Field::Committed, &mut err);
        let has_month_figures = planned.is_some() || disbursed.is_some() || committed.is_some();
        if has_month_figures && month_text.is_empty() {
            err(Field::Month, Refusal::MonthNeeded.into());
        }
        for (f, v) in [
            (Field::Allocated, allocated),
            (Field::TransferIn, transfer_in),
            (Field::TransferOut, transfer_out),
        ] {
            if let Some(v) = v.filter(Decimal::is_sign_negative) {
                err(f, Refusal::Negative { text: v.to_string() }.into());
            }
        }
        let (Some(category), true) = (category, errors.is_empty()) else {
            preview.errors.extend(errors);
            continue;
        };
        let key: LineKey = (division.clone(), category, item, text(Field::Plan), text(Field::Source));
        let line_figures = allocated.is_some() || transfer_in.is_some() || transfer_out.is_some();
        if line_figures && let Some(first) = seen_lines.insert(key.clone(), row_no) {
            preview
                .errors
                .push(RowError::new(row_no, None, Refusal::DuplicateLine { first }));
            continue;
        }
        if let Some(m) = month
            && let Some(first) = seen_months.insert((key.clone(), m), row_no)
        {
            preview
                .errors
                .push(RowError::new(row_no, None, Refusal::DuplicateMonth { first }));
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
                    preview.errors.push(RowError::new(
                        row_no,
                        header(Field::Allocated),
                        Refusal::NewLineNeedsAllocation,
                    ));
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
    preview.overspent = doc
        .lines
        .iter()
        .filter_map(|l| {
            let remaining = l.available() - l.to_date(12, |m| m.disbursed) - l.outstanding(12);
            remaining.is_sign_negative().then(|| Overspent {
                division: l.division.clone(),
                category: l.category,
                item: l.item,
                remaining,
            })
        })
        .filter(|o| !o.remaining.is_zero())
        .collect();
    Ok((doc, preview))
}

#[cfg(test)]
mod tests;
