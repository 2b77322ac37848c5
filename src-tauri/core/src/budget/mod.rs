//! The year's budget: lines by division and expense category, allocation and
//! transfers, the monthly plan, disbursement and commitments, and the
//! monitoring report (6-month, 12-month, or any cut-off month). Money is
//! `Decimal` throughout: totals are exact, never rounded on the way.

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::Id;
use crate::error::{CoreError, Result};
use crate::refusal::Refusal;
use crate::thai;

/// Expense categories of the Budget Act (งบรายจ่าย).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS, strum::IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Personnel,
    Operating,
    Investment,
    Subsidy,
    Other,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Personnel,
        Category::Operating,
        Category::Investment,
        Category::Subsidy,
        Category::Other,
    ];
    /// The name as stored and sent (snake_case).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
    /// From the stored name or the Thai one.
    pub fn parse(s: &str) -> Option<Self> {
        Category::ALL.into_iter().find(|c| c.as_str() == s || c.thai() == s)
    }
    pub fn thai(self) -> &'static str {
        match self {
            Category::Personnel => "งบบุคลากร",
            Category::Operating => "งบดำเนินงาน",
            Category::Investment => "งบลงทุน",
            Category::Subsidy => "งบเงินอุดหนุน",
            Category::Other => "งบรายจ่ายอื่น",
        }
    }
}

/// Items of the operating budget (งบดำเนินงาน).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS, strum::IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum OperatingItem {
    Compensation,
    Expenses,
    Materials,
    Utilities,
}

impl OperatingItem {
    pub const ALL: [OperatingItem; 4] = [
        OperatingItem::Compensation,
        OperatingItem::Expenses,
        OperatingItem::Materials,
        OperatingItem::Utilities,
    ];
    /// The name as stored and sent (snake_case).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
    /// From the stored name or the Thai one.
    pub fn parse(s: &str) -> Option<Self> {
        OperatingItem::ALL
            .into_iter()
            .find(|c| c.as_str() == s || c.thai() == s)
    }
    pub fn thai(self) -> &'static str {
        match self {
            OperatingItem::Compensation => "ค่าตอบแทน",
            OperatingItem::Expenses => "ค่าใช้สอย",
            OperatingItem::Materials => "ค่าวัสดุ",
            OperatingItem::Utilities => "ค่าสาธารณูปโภค",
        }
    }
}

/// One fiscal month of a line: 1 = October … 12 = September.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MonthFigures {
    pub month: u8,
    #[serde(default)]
    #[ts(type = "string")]
    pub planned: Decimal,
    #[serde(default)]
    #[ts(type = "string")]
    pub disbursed: Decimal,
    #[serde(default)]
    #[ts(type = "string")]
    pub committed: Decimal,
}

/// A budget line as it travels in files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BudgetLineDoc {
    /// กอง/สำนัก
    pub division: String,
    pub category: Category,
    #[serde(default)]
    pub item: Option<OperatingItem>,
    /// แผนงาน/ผลผลิต/โครงการ
    #[serde(default)]
    pub plan: String,
    #[serde(default)]
    pub source: String,
    #[ts(type = "string")]
    pub allocated: Decimal,
    #[serde(default)]
    #[ts(type = "string")]
    pub transfer_in: Decimal,
    #[serde(default)]
    #[ts(type = "string")]
    pub transfer_out: Decimal,
    #[serde(default)]
    pub months: Vec<MonthFigures>,
}

impl BudgetDoc {
    /// The divisions of the lines, in the order they first appear.
    pub fn divisions(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for l in &self.lines {
            if !out.contains(&l.division.as_str()) {
                out.push(&l.division);
            }
        }
        out
    }
}

impl BudgetLineDoc {
    /// Allocation after transfers in and out.
    pub fn available(&self) -> Decimal {
        self.allocated + self.transfer_in - self.transfer_out
    }

    /// Sum of one figure over months 1..=through.
    pub fn to_date(&self, through: u8, f: impl Fn(&MonthFigures) -> Decimal) -> Decimal {
        self.months.iter().filter(|m| m.month <= through).map(f).sum()
    }

    /// Commitments (ก่อหนี้ผูกพัน) still outstanding at the end of month
    /// `through`: each month's new commitments, less what is disbursed,
    /// which pays the oldest commitments first. A purchase order entered
    /// when it is signed and again, as disbursement, when it is paid is
    /// counted once, not twice.
    pub fn outstanding(&self, through: u8) -> Decimal {
        let mut months: Vec<&MonthFigures> = self.months.iter().filter(|m| m.month <= through).collect();
        months.sort_by_key(|m| m.month);
        months.into_iter().fold(Decimal::ZERO, |open, m| {
            (open + m.committed - m.disbursed).max(Decimal::ZERO)
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum TargetScope {
    Overall,
    Investment,
}

/// A cabinet disbursement target: cumulative % by the end of a quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub scope: TargetScope,
    pub quarter: u8,
    #[ts(type = "string")]
    pub percent: Decimal,
}

/// A year's budget in file form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BudgetDoc {
    pub year_be: i32,
    #[serde(default)]
    pub lines: Vec<BudgetLineDoc>,
    /// Empty until the user sets them: no invented defaults.
    #[serde(default)]
    pub targets: Vec<Target>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BudgetLine {
    pub id: Id,
    #[serde(flatten)]
    #[ts(flatten)]
    pub line: BudgetLineDoc,
}

/// Checks a budget document: amounts in satang, months 1–12 at most once
/// per line, no line twice, targets 0–100 % once per quarter and scope.
/// Errors name the line (`lines[3].months[1].disbursed`).
pub fn validate(doc: &BudgetDoc) -> Result<()> {
    thai::check_year_be(doc.year_be)?;
    let bad = |path: String, msg: String| CoreError::MalformedImport { path, message: msg };
    let satang = |path: String, v: Decimal| {
        if v.normalize().scale() > crate::money::PLACES {
            Err(bad(path, format!("{v} has more than two decimal places")))
        } else {
            Ok(())
        }
    };
    let mut keys = std::collections::HashSet::new();
    for (i, l) in doc.lines.iter().enumerate() {
        let p = format!("lines[{i}]");
        if l.division.trim().is_empty() {
            return Err(bad(format!("{p}.division"), "must not be empty".into()));
        }
        if l.item.is_some() && l.category != Category::Operating {
            return Err(bad(
                format!("{p}.item"),
                "only งบดำเนินงาน (operating) lines have an item".into(),
            ));
        }
        if l.allocated.is_sign_negative() || l.transfer_in.is_sign_negative() || l.transfer_out.is_sign_negative() {
            return Err(bad(p.clone(), "allocation and transfers cannot be negative".into()));
        }
        for (name, v) in [
            ("allocated", l.allocated),
            ("transfer_in", l.transfer_in),
            ("transfer_out", l.transfer_out),
        ] {
            satang(format!("{p}.{name}"), v)?;
        }
        let mut seen = [false; 13];
        for (mi, m) in l.months.iter().enumerate() {
            let mp = format!("{p}.months[{mi}]");
            if !(1..=12).contains(&m.month) {
                return Err(bad(
                    format!("{mp}.month"),
                    format!("{} is not a fiscal month (1 = October … 12 = September)", m.month),
                ));
            }
            if std::mem::replace(&mut seen[m.month as usize], true) {
                return Err(bad(format!("{mp}.month"), format!("month {} is listed twice", m.month)));
            }
            for (name, v) in [
                ("planned", m.planned),
                ("disbursed", m.disbursed),
                ("committed", m.committed),
            ] {
                satang(format!("{mp}.{name}"), v)?;
            }
        }
        let key = (
            l.division.trim().to_owned(),
            l.category,
            l.item,
            l.plan.trim().to_owned(),
            l.source.trim().to_owned(),
        );
        if !keys.insert(key) {
            return Err(bad(
                p,
                "the same division, category, item, plan and source appear on an earlier line".into(),
            ));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for (i, t) in doc.targets.iter().enumerate() {
        let p = format!("targets[{i}]");
        if !(1..=4).contains(&t.quarter) {
            return Err(bad(
                format!("{p}.quarter"),
                format!("{} is not a quarter (1–4)", t.quarter),
            ));
        }
        if t.percent.is_sign_negative() || t.percent > Decimal::ONE_HUNDRED {
            return Err(bad(
                format!("{p}.percent"),
                format!("{} is not a percentage (0–100)", t.percent),
            ));
        }
        if !seen.insert((t.scope, t.quarter)) {
            return Err(bad(p, "the same scope and quarter appear twice".into()));
        }
    }
    Ok(())
}

/// The fiscal month (1 = October) of a `YYYY-MM` cut-off in fiscal year
/// `year_be`; a month outside that year is refused.
pub fn fiscal_month(year_be: i32, year_month: &str) -> Result<u8> {
    let date = NaiveDate::parse_from_str(&format!("{year_month}-01"), "%Y-%m-%d").map_err(|_| Refusal::NotAMonth {
        text: year_month.to_owned(),
    })?;
    if thai::fiscal_year_of(date) != year_be {
        return Err(Refusal::MonthOutsideYear {
            text: year_month.to_owned(),
            year_be,
            be_year_typed: date.year() > 2400,
        }
        .into());
    }
    Ok(((date.month() + 2) % 12 + 1) as u8)
}

/// Which figure of a month a [`crate::Change::SetMonthFigure`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MonthField {
    Planned,
    Disbursed,
    Committed,
}

impl MonthField {
    pub fn column(self) -> &'static str {
        match self {
            MonthField::Planned => "planned",
            MonthField::Disbursed => "disbursed",
            MonthField::Committed => "committed",
        }
    }
}

/// All lines' figures for one fiscal month, and the running totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MonthTotals {
    pub month: u8,
    #[ts(type = "string")]
    pub planned: Decimal,
    #[ts(type = "string")]
    pub disbursed: Decimal,
    #[ts(type = "string")]
    pub planned_to_date: Decimal,
    #[ts(type = "string")]
    pub disbursed_to_date: Decimal,
}

/// Month by month totals over all lines (for the cumulative chart).
pub fn month_totals(doc: &BudgetDoc) -> Vec<MonthTotals> {
    let (mut pc, mut dc) = (Decimal::ZERO, Decimal::ZERO);
    (1..=12u8)
        .map(|month| {
            let figures = doc
                .lines
                .iter()
                .flat_map(|l| l.months.iter())
                .filter(|m| m.month == month);
            let (planned, disbursed) = figures.fold((Decimal::ZERO, Decimal::ZERO), |(p, d), m| {
                (p + m.planned, d + m.disbursed)
            });
            pc += planned;
            dc += disbursed;
            MonthTotals {
                month,
                planned,
                disbursed,
                planned_to_date: pc,
                disbursed_to_date: dc,
            }
        })
        .collect()
}

/// What the app shows for a year's budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BudgetView {
    pub lines: Vec<BudgetLine>,
    pub targets: Vec<Target>,
    pub months: Vec<MonthTotals>,
    pub monitoring: Monitoring,
}

/// The cut-off month of a report: `YYYY-MM` in fiscal year `year_be`, or
/// the whole year (12) when none is given.
pub fn through_month(year_be: i32, year_month: Option<&str>) -> Result<u8> {
    thai::check_year_be(year_be)?;
    match year_month {
        Some(ym) => fiscal_month(year_be, ym),
        None => Ok(12),
    }
}

/// One row of the monitoring report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MonitorRow {
    /// Category, division, or "รวม" for the total.
    pub key: String,
    /// Allocation after transfers.
    #[ts(type = "string")]
    pub allocated: Decimal,
    #[ts(type = "string")]
    pub planned: Decimal,
    #[ts(type = "string")]
    pub disbursed: Decimal,
    /// Commitments still outstanding (released as they are disbursed).
    #[ts(type = "string")]
    pub committed: Decimal,
    /// Allocation less what is disbursed and still committed.
    #[ts(type = "string")]
    pub remaining: Decimal,
    /// Disbursed as % of the allocation (two places); none without allocation.
    #[ts(type = "string | null")]
    pub percent_disbursed: Option<Decimal>,
    /// The quarter's cabinet target for this row, if set.
    #[ts(type = "string | null")]
    pub target_percent: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Monitoring {
    pub year_be: i32,
    /// Fiscal months covered: 6 for the 6-month report, 12 for the year.
    pub through_month: u8,
    /// Last day covered.
    pub through: NaiveDate,
    pub quarter: u8,
    pub by_category: Vec<MonitorRow>,
    pub by_division: Vec<MonitorRow>,
    pub total: MonitorRow,
}

fn percent(part: Decimal, whole: Decimal) -> Option<Decimal> {
    (!whole.is_zero()).then(|| {
        (part * Decimal::ONE_HUNDRED / whole).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    })
}

fn row<'a>(
    key: String,
    lines: impl Iterator<Item = &'a BudgetLineDoc>,
    through: u8,
    target: Option<Decimal>,
) -> MonitorRow {
    let (mut allocated, mut planned, mut disbursed, mut committed) =
        (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for l in lines {
        allocated += l.available();
        planned += l.to_date(through, |m| m.planned);
        disbursed += l.to_date(through, |m| m.disbursed);
        committed += l.outstanding(through);
    }
    MonitorRow {
        key,
        allocated,
        planned,
        disbursed,
        committed,
        remaining: allocated - disbursed - committed,
        percent_disbursed: percent(disbursed, allocated),
        target_percent: target,
    }
}

/// The monitoring report through fiscal month `through` (1–12): by category,
/// by division, and the total, each against the quarter's target.
pub fn monitor(doc: &BudgetDoc, through: u8) -> Result<Monitoring> {
    if !(1..=12).contains(&through) {
        return Err(Refusal::NotAFiscalMonth { month: through.into() }.into());
    }
    let quarter = (through - 1) / 3 + 1;
    let target = |scope: TargetScope| {
        doc.targets
            .iter()
            .find(|t| t.scope == scope && t.quarter == quarter)
            .map(|t| t.percent)
    };
    let by_category = Category::ALL
        .iter()
        .filter(|c| doc.lines.iter().any(|l| l.category == **c))
        .map(|&c| {
            let scope = if c == Category::Investment {
                TargetScope::Investment
            } else {
                TargetScope::Overall
            };
            row(
                c.thai().to_owned(),
                doc.lines.iter().filter(|l| l.category == c),
                through,
                target(scope),
            )
        })
        .collect();
    let divisions = doc.divisions();
    let by_division = divisions
        .iter()
        .map(|d| {
            row(
                (*d).to_owned(),
                doc.lines.iter().filter(|l| l.division == *d),
                through,
                target(TargetScope::Overall),
            )
        })
        .collect();
    let total = row(
        "รวม".to_owned(),
        doc.lines.iter(),
        through,
        target(TargetScope::Overall),
    );
    let (_, end) = thai::fiscal_year_bounds(doc.year_be)?;
    let start_ce = end.year() - 1;
    let (y, m) = if through <= 3 {
        (start_ce, through as u32 + 9)
    } else {
        (end.year(), through as u32 - 3)
    };
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    let through_date = next
        .and_then(|d| d.pred_opt())
        .ok_or_else(|| Refusal::NotAFiscalMonth { month: through.into() })?;
    Ok(Monitoring {
        year_be: doc.year_be,
        through_month: through,
        through: through_date,
        quarter,
        by_category,
        by_division,
        total,
    })
}

#[cfg(test)]
mod tests;
