//! O25, "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร": last round's result
//! analysed for this round. Each indicator with its score, the change since
//! the year before, whether it is under [`PASS_MARK`] or fell, the issue
//! found and the measures that answer it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Instrument, ItaMeasure, PASS_MARK, Round, ScoreSet};

/// One indicator of the analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnalysisRow {
    pub instrument: Instrument,
    pub indicator: String,
    pub name: String,
    #[ts(type = "string")]
    pub score: Decimal,
    #[ts(type = "string | null")]
    pub previous: Option<Decimal>,
    /// score − previous.
    #[ts(type = "string | null")]
    pub change: Option<Decimal>,
    /// Under the pass mark (85).
    pub below: bool,
    /// Lower than the year before.
    pub fell: bool,
    /// What the analysis found ("" not yet written).
    pub issue: String,
    /// The positions (in [`Analysis::measures`]) of the measures that
    /// answer this indicator.
    pub measures: Vec<usize>,
}

impl AnalysisRow {
    /// An indicator the O25 document must answer.
    pub fn needs_measure(&self) -> bool {
        self.below || self.fell
    }
}

/// The O25 analysis of round `year_be`: the result of the round before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Analysis {
    /// The round analysed for (ITA 2569).
    pub year_be: i32,
    /// The round whose result is analysed (ITA 2568).
    pub scores_year: i32,
    /// The result's source, as imported.
    pub source: String,
    /// The result is the made-up sample.
    pub sample: bool,
    pub rows: Vec<AnalysisRow>,
    pub measures: Vec<ItaMeasure>,
    /// Indicators to answer that no measure names.
    pub unanswered: Vec<String>,
    /// The mark an indicator under is flagged ([`PASS_MARK`]).
    #[ts(type = "string")]
    pub pass_mark: Decimal,
}

impl Analysis {
    /// The analysis as the app shows it (see [`Round::for_display`]).
    pub fn for_display(mut self, digits: crate::domain::Digits) -> Analysis {
        let d = |s: &mut String| *s = crate::thai::to_display(s, digits);
        d(&mut self.source);
        for r in &mut self.rows {
            d(&mut r.name);
            d(&mut r.issue);
        }
        for m in &mut self.measures {
            d(&mut m.title);
            d(&mut m.owner);
            d(&mut m.timeline);
        }
        self
    }
}

/// Analyses `scores` (round `round.year_be − 1`) for `round`; `before` is
/// the result of the round before that, used where a score has no
/// `previous` of its own.
pub fn analyse(round: &Round, scores: &ScoreSet, before: Option<&ScoreSet>) -> Analysis {
    let rows: Vec<AnalysisRow> = scores
        .scores
        .iter()
        .map(|s| {
            let previous = s.previous.or_else(|| {
                before
                    .and_then(|b| b.scores.iter().find(|p| p.indicator == s.indicator))
                    .map(|p| p.score)
            });
            let change = previous.map(|p| s.score - p);
            AnalysisRow {
                instrument: s.instrument,
                indicator: s.indicator.clone(),
                name: s.name.clone(),
                score: s.score,
                previous,
                change,
                below: s.score < PASS_MARK,
                fell: change.is_some_and(|c| c.is_sign_negative() && !c.is_zero()),
                issue: round
                    .findings
                    .iter()
                    .find(|f| f.indicator == s.indicator)
                    .map(|f| f.issue.clone())
                    .unwrap_or_default(),
                measures: round
                    .measures
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| m.indicators.contains(&s.indicator))
                    .map(|(i, _)| i)
                    .collect(),
            }
        })
        .collect();
    let unanswered = rows
        .iter()
        .filter(|r| r.needs_measure() && r.measures.is_empty())
        .map(|r| r.indicator.clone())
        .collect();
    Analysis {
        year_be: round.year_be,
        scores_year: scores.year_be,
        source: scores.source.clone(),
        sample: scores.sample,
        rows,
        measures: round.measures.clone(),
        unanswered,
        pass_mark: PASS_MARK,
    }
}
