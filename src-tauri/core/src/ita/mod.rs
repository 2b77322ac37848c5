//! The NACC's ITA as Prongsai keeps it: an assessment round (ITA 2569) is
//! its own record, apart from the fiscal years whose data it assesses.
//!
//! - A round's [`Catalogue`] lists its OIT items, each asking for the
//!   round's own fiscal year or the one before ([`Period`]), and names the
//!   previous round's items it continues (the crosswalk: O42 → O25).
//!   Catalogues for 2566 and 2569 ship as data files (`data/ita/`), read by
//!   the same path as a user's file ([`catalogue`]).
//! - The item tracker ([`Track`]): who prepares an item, by when, how far,
//!   the URL and the explanation answered in ITAS, and the fiscal year of
//!   the evidence, flagged when it is not the year the item asks for.
//! - The result an agency received ([`ScoreSet`], [`scores`]) and the O25
//!   analysis of it ([`analysis`]): indicators under [`PASS_MARK`] or fallen
//!   since the year before, the issue found, the measures set.
//! - The ITAS answer sheet ([`answers`]) and its URLs checked ([`links`]).

pub mod analysis;
pub mod answers;
pub mod catalogue;
pub mod links;
pub mod scores;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An indicator scoring under this is one the O25 analysis must answer
/// (the NACC's pass mark: 85, band A).
pub const PASS_MARK: Decimal = Decimal::from_parts(85, 0, 0, false, 0);

/// Which fiscal year an item asks for: the round's own (plans, current
/// data) or the one before (reports of results).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Period {
    #[default]
    Current,
    Previous,
}

impl Period {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The fiscal year (BE) an item of round `round_be` asks for.
    pub fn fiscal_year(self, round_be: i32) -> i32 {
        match self {
            Period::Current => round_be,
            Period::Previous => round_be - 1,
        }
    }
}

/// An OIT item of a round's catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ItaItem {
    /// "O25"
    pub code: String,
    pub title: String,
    /// What the published item must contain.
    #[serde(default)]
    pub contents: String,
    #[serde(default)]
    pub period: Period,
    /// The previous round's codes this item continues (the crosswalk).
    #[serde(default)]
    pub was: Vec<String>,
    /// The title was read in a source; `false`: a plausible title, to be
    /// checked against the NACC's manual.
    #[serde(default = "yes")]
    pub confirmed: bool,
}

fn yes() -> bool {
    true
}

/// A round's item list as imported: from a shipped file, a user's CSV or
/// XLSX, or edited in the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// The assessment year (BE): ITA 2569.
    pub year_be: i32,
    /// Where the text came from ("check against the NACC manual").
    #[serde(default)]
    pub source: String,
    /// The round the items' `was` codes name.
    #[serde(default)]
    pub previous_year: Option<i32>,
    pub items: Vec<ItaItem>,
}

/// How far an item of the tracker is.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum TrackStatus {
    /// ยังไม่เริ่ม
    #[default]
    NotStarted,
    /// กำลังจัดทำ
    InProgress,
    /// เผยแพร่แล้ว
    Published,
}

impl TrackStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
    pub fn thai(self) -> &'static str {
        match self {
            TrackStatus::NotStarted => "ยังไม่เริ่ม",
            TrackStatus::InProgress => "กำลังจัดทำ",
            TrackStatus::Published => "เผยแพร่แล้ว",
        }
    }
}

/// The tracker's record of one item in a round.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Track {
    /// The responsible division.
    #[serde(default)]
    pub division: String,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub status: TrackStatus,
    /// Where the item is published on the agency's own website.
    #[serde(default)]
    pub url: String,
    /// The explanation given in ITAS.
    #[serde(default)]
    pub explanation: String,
    /// The fiscal year (BE) of the evidence published.
    #[serde(default)]
    pub evidence_year: Option<i32>,
}

impl Track {
    pub fn is_empty(&self) -> bool {
        *self == Track::default()
    }
}

/// An item of a round as the tracker shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoundItem {
    #[serde(flatten)]
    #[ts(flatten)]
    pub item: ItaItem,
    /// The fiscal year (BE) the item asks for.
    pub fiscal_year: i32,
    pub track: Track,
    /// The evidence is of another fiscal year than the item asks for.
    pub wrong_year: bool,
    /// The previous round's items this one continues, with their titles
    /// (when that round is stored).
    pub was_titles: Vec<String>,
}

/// The IIT, EIT or OIT: the instrument an indicator is measured by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
#[serde(rename_all = "snake_case")]
pub enum Instrument {
    Iit,
    Eit,
    Oit,
}

impl Instrument {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
    pub fn label(self) -> &'static str {
        match self {
            Instrument::Iit => "IIT",
            Instrument::Eit => "EIT",
            Instrument::Oit => "OIT",
        }
    }
}

/// An indicator's score in a round's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub instrument: Instrument,
    /// The indicator's number or code as the result names it ("1", "9").
    pub indicator: String,
    pub name: String,
    #[ts(type = "string")]
    pub score: Decimal,
    /// The year before's score, when the result gives it.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub previous: Option<Decimal>,
}

/// The result an agency received for a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ScoreSet {
    /// The round scored (ITA 2568).
    pub year_be: i32,
    /// The file it was imported from.
    #[serde(default)]
    pub source: String,
    /// Made up for the sample: never an agency's result.
    #[serde(default)]
    pub sample: bool,
    pub scores: Vec<Score>,
}

/// A measure set from the O25 analysis, and the indicators it answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ItaMeasure {
    pub title: String,
    /// Who carries it out (a division or a post).
    #[serde(default)]
    pub owner: String,
    /// When ("ต.ค. 2568 – ก.ย. 2569").
    #[serde(default)]
    pub timeline: String,
    /// The indicators it answers.
    #[serde(default)]
    pub indicators: Vec<String>,
}

/// What the O25 analysis found for one indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "ItaFinding")]
pub struct Finding {
    pub indicator: String,
    pub issue: String,
}

/// A round as the app shows it: its catalogue with the tracker, the O25
/// findings and measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Round {
    pub year_be: i32,
    pub source: String,
    pub previous_year: Option<i32>,
    pub items: Vec<RoundItem>,
    pub findings: Vec<Finding>,
    pub measures: Vec<ItaMeasure>,
}

impl Round {
    /// The catalogue as imported, without the tracker.
    pub fn catalogue(&self) -> Catalogue {
        Catalogue {
            year_be: self.year_be,
            source: self.source.clone(),
            previous_year: self.previous_year,
            items: self.items.iter().map(|i| i.item.clone()).collect(),
        }
    }

    /// The round as the app shows it: the text typed or imported (titles,
    /// contents, the tracker's division and explanation, findings,
    /// measures) in the organization's digits, as the report's fields are;
    /// codes, indicators, URLs, years and the source as stored. What the user saves
    /// from it is stored with Arabic digits again ([`crate::text`]).
    pub fn for_display(mut self, digits: crate::domain::Digits) -> Round {
        let d = |s: &mut String| *s = crate::thai::to_display(s, digits);
        // The source stays as written: it names codes (O1–O26) and sites.
        for i in &mut self.items {
            d(&mut i.item.title);
            d(&mut i.item.contents);
            d(&mut i.track.division);
            d(&mut i.track.explanation);
            i.was_titles.iter_mut().for_each(d);
        }
        self.findings.iter_mut().for_each(|f| d(&mut f.issue));
        for m in &mut self.measures {
            d(&mut m.title);
            d(&mut m.owner);
            d(&mut m.timeline);
        }
        self
    }

    /// The items that ask for fiscal year `year_be`.
    pub fn items_for(&self, year_be: i32) -> impl Iterator<Item = &RoundItem> {
        self.items.iter().filter(move |i| i.fiscal_year == year_be)
    }
}

/// A round in the list of rounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoundSummary {
    pub year_be: i32,
    pub items: usize,
    /// Items the tracker has as published.
    pub published: usize,
    pub previous_year: Option<i32>,
    /// A result is stored for the round before (the O25 analysis can run).
    pub has_scores: bool,
    /// No tracker entry, finding or measure: [`crate::change::Change::DeleteItaRound`] may remove it.
    pub removable: bool,
}

/// One item of the crosswalk from a round to the one before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Crossing {
    pub from_code: String,
    /// "" when the previous round is not stored.
    pub from_title: String,
    pub to_code: String,
    pub to_title: String,
}

/// The crosswalk of `round` from `previous` (its catalogue, when stored):
/// each previous item the round's items continue, in the round's order.
pub fn crosswalk(round: &Catalogue, previous: Option<&Catalogue>) -> Vec<Crossing> {
    let title_of = |code: &str| {
        previous
            .and_then(|p| p.items.iter().find(|i| i.code == code))
            .map(|i| i.title.clone())
            .unwrap_or_default()
    };
    round
        .items
        .iter()
        .flat_map(|i| {
            i.was.iter().map(move |w| Crossing {
                from_code: w.clone(),
                from_title: title_of(w),
                to_code: i.code.clone(),
                to_title: i.title.clone(),
            })
        })
        .collect()
}

/// Which of `known` each header of `table` is, by its English name or one
/// of its Thai ones: a header not known or given twice refuses the file (an
/// import never drops what it did not understand), and so does a missing
/// `required` one, named in English.
fn named_columns<C: Copy + PartialEq>(
    table: &crate::table::Table,
    known: &[(C, &str, &[&str])],
    required: &[C],
) -> crate::error::Result<Vec<C>> {
    use crate::refusal::Refusal;
    let mut found = Vec::new();
    for h in &table.headers {
        let name = h.trim().to_lowercase();
        let Some((col, _, _)) = known
            .iter()
            .find(|(_, en, th)| name == *en || th.contains(&name.as_str()))
        else {
            return Err(Refusal::ColumnUnknown {
                header: h.trim().into(),
            }
            .into());
        };
        if found.contains(col) {
            return Err(Refusal::ColumnTwice {
                header: h.trim().into(),
            }
            .into());
        }
        found.push(*col);
    }
    for col in required {
        if !found.contains(col) {
            let en = known.iter().find(|(c, _, _)| c == col).map_or("", |(_, en, _)| *en);
            return Err(Refusal::ColumnMissing { column: en.into() }.into());
        }
    }
    Ok(found)
}

/// The title rows above a table's header, as an import keeps them: where
/// its text came from.
fn source_of(table: &crate::table::Table) -> String {
    table
        .above
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// An OIT code as stored: "o 25", "O25 " and "๐๒๕" are refused or
/// normalised to "O25"; `None` when it is not one.
pub fn normalise_code(text: &str) -> Option<String> {
    let t = crate::thai::to_storage(text.trim()).replace(' ', "");
    let digits = t.strip_prefix(['O', 'o'])?;
    if digits.is_empty() || digits.len() > 3 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    (n > 0).then(|| format!("O{n}"))
}

#[cfg(test)]
mod tests;
