//! The ITA result an agency receives, read from a table (CSV or XLSX): a
//! score per indicator, with the instrument that measured it and, when the
//! result gives it, the year before's score. Every row is checked; a file
//! with any row refused is refused whole.
//!
//! Columns, by English or Thai name: `instrument` (เครื่องมือ: IIT, EIT,
//! OIT), `indicator` (ตัวชี้วัด), `name` (ชื่อตัวชี้วัด), `score` (คะแนน),
//! and optionally `previous` (คะแนนปีก่อน). The title rows above the header
//! become the result's `source`.

use rust_decimal::Decimal;

use crate::budget_import::RowError;
use crate::change::clean_line;
use crate::error::Result;
use crate::refusal::Refusal;
use crate::table::Table;

use super::{Instrument, Score, ScoreSet};

/// The made-up result of ITA 2568 the sample database holds: marked as a
/// sample in its title rows and in the database, never an agency's.
pub const SAMPLE: (i32, &str) = (2568, include_str!("../../sample/ita-2568-scores.csv"));

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Instrument,
    Indicator,
    Name,
    Score,
    Previous,
}

const COLUMNS: [(Col, &str, &[&str]); 5] = [
    (Col::Instrument, "instrument", &["เครื่องมือ"]),
    (Col::Indicator, "indicator", &["ตัวชี้วัด", "ตัวชี้วัดที่", "ข้อ"]),
    (Col::Name, "name", &["ชื่อตัวชี้วัด"]),
    (Col::Score, "score", &["คะแนน"]),
    (Col::Previous, "previous", &["คะแนนปีก่อน", "คะแนนปีที่ผ่านมา"]),
];

fn columns(table: &Table) -> Result<Vec<Col>> {
    super::named_columns(
        table,
        &COLUMNS,
        &[Col::Instrument, Col::Indicator, Col::Name, Col::Score],
    )
}

/// A score from 0 to 100, Thai or Arabic digits, at most two decimals.
pub fn parse_score(text: &str) -> Result<Decimal> {
    let t = crate::thai::to_storage(text.trim());
    let refused = || Refusal::NotAScore {
        text: text.trim().into(),
    };
    let d: Decimal = t.parse().map_err(|_| refused())?;
    if d.is_sign_negative() || d > Decimal::ONE_HUNDRED || d.scale() > 2 {
        return Err(refused().into());
    }
    Ok(d.normalize())
}

fn parse_instrument(text: &str) -> Result<Instrument> {
    text.trim().parse::<Instrument>().map_err(|_| {
        Refusal::NotAnInstrument {
            text: text.trim().into(),
        }
        .into()
    })
}

/// The result of round `year_be` in `table`, or every row's problem.
pub fn read(table: &Table, year_be: i32, sample: bool) -> Result<(ScoreSet, Vec<RowError>)> {
    crate::thai::check_year_be(year_be)?;
    let cols = columns(table)?;
    let mut scores: Vec<Score> = Vec::new();
    let mut lines = Vec::new();
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
        let mut take = |c: Col, e: crate::error::CoreError| problems.push(RowError::of(line, header(c), e));
        let instrument = parse_instrument(cell(Col::Instrument))
            .map_err(|e| take(Col::Instrument, e))
            .ok();
        let indicator = clean_line("indicator", &crate::thai::to_storage(cell(Col::Indicator)), true)
            .map_err(|e| take(Col::Indicator, e))
            .ok();
        let name = clean_line("indicator name", cell(Col::Name), false)
            .map_err(|e| take(Col::Name, e))
            .ok();
        let score = parse_score(cell(Col::Score)).map_err(|e| take(Col::Score, e)).ok();
        let previous = match cell(Col::Previous).trim() {
            "" | "-" => Some(None),
            t => parse_score(t).map(Some).map_err(|e| take(Col::Previous, e)).ok(),
        };
        if let (Some(instrument), Some(indicator), Some(name), Some(score), Some(previous)) =
            (instrument, indicator, name, score, previous)
        {
            if let Some(first) = scores.iter().position(|s| s.indicator == indicator) {
                problems.push(RowError::new(
                    line,
                    header(Col::Indicator),
                    Refusal::AlsoOnRow {
                        number: indicator,
                        first: lines[first],
                    },
                ));
            } else {
                scores.push(Score {
                    instrument,
                    indicator,
                    name,
                    score,
                    previous,
                });
                lines.push(line);
            }
        }
        errors.extend(problems);
    }
    if scores.is_empty() && errors.is_empty() {
        return Err(Refusal::NoItems.into());
    }
    let source = super::source_of(table);
    Ok((
        ScoreSet {
            year_be,
            source,
            sample,
            scores,
        },
        errors,
    ))
}
