//! A round's item catalogue read from a table (CSV or XLSX): the files
//! Prongsai ships (`data/ita/2566.csv`, `2569.csv`) and a user's file for a
//! new round are read by this one path. Every row is checked; a file with
//! any row refused is refused whole, with each row's problem.
//!
//! Columns, by English or Thai name: `code` (รหัส, ข้อ), `title` (หัวข้อ,
//! ชื่อข้อ), `period` (ปีของข้อมูล: `current` ปีปัจจุบัน / `previous`
//! ปีที่ผ่านมา), and optionally `contents` (ข้อมูลที่ต้องมี), `was` (ข้อเดิม:
//! the previous round's codes, space- or comma-separated) and `confirmed`
//! (ยืนยันแล้ว: yes/no). The title rows above the header say where the text
//! came from: they become the catalogue's `source`.

use crate::budget_import::RowError;
use crate::change::clean_line;
use crate::error::{CoreError, Result};
use crate::refusal::Refusal;
use crate::table::Table;

use super::{Catalogue, ItaItem, Period, normalise_code};

/// The catalogues Prongsai ships, by round: checked against the NACC's
/// manual before use (their title rows say so).
pub const SHIPPED: [(i32, &str); 2] = [
    (2566, include_str!("../../data/ita/2566.csv")),
    (2569, include_str!("../../data/ita/2569.csv")),
];

/// The round each shipped round's crosswalk names.
fn shipped_previous(year_be: i32) -> Option<i32> {
    match year_be {
        2569 => Some(2566),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Code,
    Title,
    Contents,
    Period,
    Was,
    Confirmed,
}

const COLUMNS: [(Col, &str, &[&str]); 6] = [
    (Col::Code, "code", &["รหัส", "ข้อ", "รหัสข้อ"]),
    (Col::Title, "title", &["หัวข้อ", "ชื่อข้อ", "ชื่อรายการ"]),
    (Col::Contents, "contents", &["ข้อมูลที่ต้องมี", "รายละเอียด"]),
    (Col::Period, "period", &["ปีของข้อมูล"]),
    (Col::Was, "was", &["ข้อเดิม"]),
    (Col::Confirmed, "confirmed", &["ยืนยันแล้ว"]),
];

/// Which column each header is; a header Prongsai does not know refuses
/// the file (an import never drops what it did not understand).
fn columns(table: &Table) -> Result<Vec<Col>> {
    super::named_columns(table, &COLUMNS, &[Col::Code, Col::Title, Col::Period])
}

/// `current` / `previous`, in English or Thai.
pub fn parse_period(text: &str) -> Result<Period> {
    match text.trim().to_lowercase().as_str() {
        "current" | "ปีปัจจุบัน" | "ปีประเมิน" => Ok(Period::Current),
        "previous" | "ปีที่ผ่านมา" | "ปีก่อน" | "ปีงบประมาณที่ผ่านมา" => {
            Ok(Period::Previous)
        }
        _ => Err(Refusal::NotAPeriod {
            text: text.trim().into(),
        }
        .into()),
    }
}

fn parse_yes_no(text: &str) -> Result<bool> {
    match text.trim().to_lowercase().as_str() {
        "" | "yes" | "y" | "true" | "1" | "ใช่" | "ยืนยัน" => Ok(true),
        "no" | "n" | "false" | "0" | "ไม่ใช่" | "ไม่" | "ยังไม่ยืนยัน" => {
            Ok(false)
        }
        _ => Err(Refusal::NotYesNo {
            text: text.trim().into(),
        }
        .into()),
    }
}

/// The codes a `was` cell names: "O42", "O42 O43", "O42, O43".
pub fn parse_codes(text: &str) -> Result<Vec<String>> {
    let mut codes = Vec::new();
    for part in text.split([',', ' ', '/', ';']).filter(|p| !p.trim().is_empty()) {
        let code = normalise_code(part).ok_or_else(|| Refusal::NotAnOitCode {
            text: part.trim().into(),
        })?;
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    Ok(codes)
}

/// A code as typed in a catalogue: "O25", "o 25", "๐๒๕" with the O.
pub fn parse_code(text: &str) -> Result<String> {
    normalise_code(text).ok_or_else(|| {
        Refusal::NotAnOitCode {
            text: text.trim().into(),
        }
        .into()
    })
}

/// The catalogue of round `year_be` in `table`, or every row's problem.
/// `previous` is the round the `was` codes name, with its codes when it is
/// stored: a code it does not have refuses its row.
pub fn read(
    table: &Table,
    year_be: i32,
    previous: Option<(i32, Option<&[String]>)>,
) -> Result<(Catalogue, Vec<RowError>)> {
    let previous_year = previous.map(|(y, _)| y);
    crate::thai::check_year_be(year_be)?;
    let cols = columns(table)?;
    let mut items: Vec<ItaItem> = Vec::new();
    let mut lines: Vec<usize> = Vec::new();
    let mut errors = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        let line = table.line(i);
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |c: Col| {
            cols.iter()
                .position(|x| *x == c)
                .and_then(|p| row.get(p))
                .map_or("", |s| s.as_str())
        };
        let header = |c: Col| {
            COLUMNS
                .iter()
                .find(|(x, _, _)| *x == c)
                .map(|(_, en, _)| (*en).to_owned())
        };
        let mut problems = Vec::new();
        let mut check = |c: Col, r: Result<()>| {
            if let Err(e) = r {
                problems.push(RowError::of(line, header(c), e));
            }
        };
        let mut item = ItaItem {
            code: String::new(),
            title: String::new(),
            contents: String::new(),
            period: Period::Current,
            was: Vec::new(),
            confirmed: true,
        };
        check(Col::Code, parse_code(cell(Col::Code)).map(|c| item.code = c));
        check(
            Col::Title,
            clean_line("OIT item title", cell(Col::Title), true).map(|t| item.title = t),
        );
        check(
            Col::Contents,
            crate::change::clean_text("contents", cell(Col::Contents), false).map(|t| item.contents = t),
        );
        check(Col::Period, parse_period(cell(Col::Period)).map(|p| item.period = p));
        let was = parse_codes(cell(Col::Was)).and_then(|w| match previous {
            Some((year_be, Some(known))) => match w.iter().find(|c| !known.contains(c)) {
                Some(code) => Err(Refusal::NotInRound {
                    code: code.clone(),
                    year_be,
                }
                .into()),
                None => Ok(w),
            },
            _ => Ok(w),
        });
        check(Col::Was, was.map(|w| item.was = w));
        check(
            Col::Confirmed,
            parse_yes_no(cell(Col::Confirmed)).map(|c| item.confirmed = c),
        );
        if problems.is_empty()
            && let Some(first) = items.iter().position(|x| x.code == item.code)
        {
            problems.push(RowError::new(
                line,
                header(Col::Code),
                Refusal::AlsoOnRow {
                    number: item.code.clone(),
                    first: lines[first],
                },
            ));
        }
        if problems.is_empty() {
            items.push(item);
            lines.push(line);
        } else {
            errors.extend(problems);
        }
    }
    if items.is_empty() && errors.is_empty() {
        return Err(Refusal::NoItems.into());
    }
    let source = super::source_of(table);
    Ok((
        Catalogue {
            year_be,
            source,
            previous_year,
            items,
        },
        errors,
    ))
}

/// The catalogue in `table`, refused whole when a row is.
pub fn read_all(table: &Table, year_be: i32, previous_year: Option<i32>) -> Result<Catalogue> {
    let (catalogue, errors) = read(table, year_be, previous_year.map(|y| (y, None)))?;
    match errors.first() {
        None => Ok(catalogue),
        Some(first) => Err(CoreError::MalformedImport {
            path: format!("row {}", first.row),
            message: format!(
                "{} problems, nothing was imported; the first: row {}{}: {}",
                errors.len(),
                first.row,
                first.column.as_deref().map(|c| format!(" ({c})")).unwrap_or_default(),
                first.message
            ),
        }),
    }
}

/// The shipped catalogue of round `year_be`, if Prongsai ships one.
pub fn shipped(year_be: i32) -> Option<Result<Catalogue>> {
    SHIPPED.iter().find(|(y, _)| *y == year_be).map(|(y, csv)| {
        let table = crate::table::read_csv(csv.as_bytes())?;
        read_all(&table, *y, shipped_previous(*y))
    })
}
