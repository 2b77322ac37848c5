//! Government assets: the register (ทะเบียนครุภัณฑ์), straight-line
//! depreciation, loans of durable supplies as a state machine (ระเบียบ
//! กระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560
//! ข้อ 207–211) and the annual inspection (ข้อ 213). Pure rules here; the
//! store applies them (`store::assets`), imports read tables (`import`),
//! `index` filters a large register in memory.

pub mod export;
pub mod import;
pub mod index;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::Id;
use crate::error::Result;
use crate::refusal::{Moment, Refusal};

strum_names!(ReturnCondition, Settlement, Authority, Finding);

pub use crate::status::{AssetStatus, LoanState, LoanStep};

/// An asset as it travels in files and changes (no database id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AssetDoc {
    /// เลขครุภัณฑ์, unique: 7440-001-0001/66
    pub number: String,
    pub name: String,
    pub category: String,
    #[serde(default)]
    pub brand: String,
    #[serde(default)]
    pub model: String,
    #[serde(default)]
    pub serial: String,
    pub acquired_on: NaiveDate,
    /// วิธีการได้มา (e-bidding, เฉพาะเจาะจง, รับบริจาค …)
    #[serde(default)]
    pub method: String,
    #[ts(type = "string")]
    pub price: Decimal,
    /// The fiscal year (BE) of the budget that paid for it.
    #[serde(default)]
    pub budget_year: Option<i32>,
    /// แหล่งเงิน
    #[serde(default)]
    pub funding: String,
    #[serde(default)]
    pub location: String,
    /// The custodian division.
    #[serde(default)]
    pub division: String,
    #[serde(default)]
    pub status: AssetStatus,
    /// Useful life in years (the category's when the file gives none).
    pub useful_life: u32,
    #[serde(default)]
    pub note: String,
}

/// An asset in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Asset {
    pub id: Id,
    #[serde(flatten)]
    #[ts(flatten)]
    pub doc: AssetDoc,
    /// A photo, base64 (the register's page only; lists leave it out).
    pub photo: Option<crate::domain::Emblem>,
}

/// One status change of an asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatusEvent {
    pub on: NaiveDate,
    pub status: AssetStatus,
    pub reason: String,
}

// ------------------------------------------------------------ depreciation

/// What an asset is worth on a day by straight-line depreciation, with the
/// fiscal-year convention: each full fiscal year (1 Oct – 30 Sep) of its
/// useful life takes (price − salvage) ÷ life, a part year takes that share
/// by its days, and the total stops at a salvage value of 1 baht; and what
/// it lost in the fiscal year that day falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Depreciation {
    pub as_of: NaiveDate,
    #[ts(type = "string")]
    pub accumulated: Decimal,
    #[ts(type = "string")]
    pub book_value: Decimal,
    /// Depreciation in the fiscal year of `as_of`, through `as_of`.
    #[ts(type = "string")]
    pub this_fiscal_year: Decimal,
}

pub const SALVAGE: Decimal = Decimal::ONE;

fn satang(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// Depreciation accumulated from `acquired` through `as_of` (both days
/// counted), and the part of it that fell in `as_of`'s fiscal year.
fn accumulated(price: Decimal, life_years: u32, acquired: NaiveDate, as_of: NaiveDate) -> (Decimal, Decimal) {
    let base = (price - SALVAGE).max(Decimal::ZERO);
    if as_of < acquired || life_years == 0 || base.is_zero() {
        return (Decimal::ZERO, Decimal::ZERO);
    }
    let yearly = base / Decimal::from(life_years);
    let (first, last) = (
        crate::thai::fiscal_year_of(acquired),
        crate::thai::fiscal_year_of(as_of),
    );
    let (mut total, mut this_year) = (Decimal::ZERO, Decimal::ZERO);
    for fy in first..=last {
        let Ok((start, end)) = crate::thai::fiscal_year_bounds(fy) else {
            break;
        };
        let from = start.max(acquired);
        let to = end.min(as_of);
        let days_in_year = (end - start).num_days() + 1;
        let days = (to - from).num_days() + 1;
        let amount = if days == days_in_year {
            satang(yearly)
        } else {
            satang(yearly * Decimal::from(days) / Decimal::from(days_in_year))
        };
        let amount = amount.min(base - total);
        total += amount;
        if fy == last {
            this_year = amount;
        }
        if total >= base {
            if fy != last {
                this_year = Decimal::ZERO;
            }
            break;
        }
    }
    (total, this_year)
}

/// An acquisition date the register takes: its fiscal year is one
/// Prongsai holds. The file's check and the write path both ask it.
pub fn check_acquired_on(date: NaiveDate) -> Result<NaiveDate> {
    crate::thai::check_year_be(crate::thai::fiscal_year_of(date))
        .map(|_| date)
        .map_err(|_| Refusal::ImplausibleDate { date }.into())
}

pub fn depreciation(doc: &AssetDoc, as_of: NaiveDate) -> Depreciation {
    let (acc, this_year) = accumulated(doc.price, doc.useful_life, doc.acquired_on, as_of);
    Depreciation {
        as_of,
        accumulated: acc,
        book_value: doc.price - acc,
        this_fiscal_year: this_year,
    }
}

// --------------------------------------------------------------- loans

/// The next state after `step`, or why the step is refused. Only these
/// moves exist: requested → approved | refused; approved → handed over;
/// handed over → returned; a returned loan with damage or loss is settled
/// (it stays returned).
pub fn next_state(state: LoanState, step: LoanStep) -> std::result::Result<LoanState, Refusal> {
    use LoanState::*;
    use LoanStep::*;
    match (state, step) {
        (Requested, Approve) => Ok(Approved),
        (Requested, Refuse) => Ok(Refused),
        (Approved, HandOver) => Ok(HandedOver),
        (HandedOver, Return) => Ok(Returned),
        (Returned, Settle) => Ok(Returned),
        (state, step) => Err(Refusal::LoanStepOutOfOrder { state, step }),
    }
}

/// How a returned asset came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum ReturnCondition {
    Good,
    Damaged,
    Lost,
}

impl ReturnCondition {
    pub fn thai(self) -> &'static str {
        match self {
            ReturnCondition::Good => "เรียบร้อย",
            ReturnCondition::Damaged => "ชำรุด",
            ReturnCondition::Lost => "สูญหาย",
        }
    }
}

/// How damage or loss on return was made good (ข้อ 209): repaired to its
/// former state, replaced with one of the same kind and quality, or paid for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Settlement {
    Repaired,
    Replaced,
    Paid,
}

impl Settlement {
    pub fn thai(self) -> &'static str {
        match self {
            Settlement::Repaired => "ซ่อมแซมให้คงสภาพเดิม",
            Settlement::Replaced => "ชดใช้เป็นพัสดุอย่างเดียวกัน",
            Settlement::Paid => "ชดใช้เป็นเงิน",
        }
    }
}

/// Who decided a loan: the head of the agency or the one he delegated to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    Head,
    Delegate,
}

/// A loan request as the borrower fills it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct LoanRequest {
    pub asset_number: String,
    pub borrower: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub division: String,
    pub purpose: String,
    /// Used outside the office (ข้อ 207 asks which).
    pub outside: bool,
    pub borrow_on: NaiveDate,
    pub due_on: NaiveDate,
}

/// A loan with everything that happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Loan {
    pub id: Id,
    pub asset_id: Id,
    pub asset_name: String,
    pub state: LoanState,
    #[serde(flatten)]
    #[ts(flatten)]
    pub request: LoanRequest,
    pub requested_on: NaiveDate,
    pub decided_by: String,
    pub decided_as: Option<Authority>,
    pub decided_on: Option<NaiveDate>,
    pub refusal: String,
    pub handed_over_on: Option<NaiveDate>,
    pub handed_over_by: String,
    pub returned_on: Option<NaiveDate>,
    pub return_condition: Option<ReturnCondition>,
    pub received_by: String,
    pub settlement: Option<Settlement>,
    pub settlement_note: String,
    pub settled_on: Option<NaiveDate>,
}

impl Loan {
    /// The lent asset's number.
    pub fn asset_number(&self) -> &str {
        &self.request.asset_number
    }

    /// Out and past its due date on `today`.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.state == LoanState::HandedOver && self.request.due_on < today
    }
    /// Returned by its due date.
    pub fn on_time(&self) -> Option<bool> {
        self.returned_on.map(|r| r <= self.request.due_on)
    }
}

/// Checks a request on its own: names, purpose, dates in order.
pub fn check_request(r: &LoanRequest) -> Result<LoanRequest> {
    use crate::text::{clean_line, clean_text};
    let out = LoanRequest {
        asset_number: clean_line("asset number", &r.asset_number, true)?,
        borrower: clean_line("borrower", &r.borrower, true)?,
        position: clean_line("position", &r.position, false)?,
        division: clean_line("division", &r.division, false)?,
        purpose: clean_text("purpose", &r.purpose, true)?,
        outside: r.outside,
        borrow_on: r.borrow_on,
        due_on: r.due_on,
    };
    if out.due_on < out.borrow_on {
        return Err(Refusal::BeforeEarlier {
            moment: Moment::Due,
            on: out.due_on,
            earlier: Moment::Borrowing,
            earlier_on: out.borrow_on,
        }
        .into());
    }
    crate::thai::check_year_be(crate::thai::fiscal_year_of(out.borrow_on))
        .map_err(|_| Refusal::DateOutOfRange { date: out.borrow_on })?;
    Ok(out)
}

// ----------------------------------------------------------- inspection

/// A member of an inspection committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub name: String,
    #[serde(default)]
    pub position: String,
}

/// What the committee found of one asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    Found,
    NotFound,
    Damaged,
    Obsolete,
}

impl Finding {
    pub fn thai(self) -> &'static str {
        match self {
            Finding::Found => "พบ ใช้งานได้",
            Finding::NotFound => "ไม่พบ",
            Finding::Damaged => "ชำรุด",
            Finding::Obsolete => "เสื่อมสภาพ/หมดความจำเป็น",
        }
    }
    /// The status a confirmed finding gives the asset, when it changes it.
    pub fn status(self) -> Option<AssetStatus> {
        match self {
            Finding::Found => None,
            Finding::NotFound => Some(AssetStatus::Lost),
            Finding::Damaged => Some(AssetStatus::Damaged),
            Finding::Obsolete => Some(AssetStatus::Deteriorated),
        }
    }
}

/// Checks a committee: at least three members (ข้อ 213 appoints a
/// committee), no one twice, and not the supply officer.
pub fn check_committee(members: &[Member], supply_officer: &str) -> Result<Vec<Member>> {
    use crate::text::clean_line;
    let officer = clean_line("supply officer", supply_officer, false)?;
    let mut out: Vec<Member> = Vec::new();
    for m in members {
        let name = clean_line("committee member", &m.name, true)?;
        if !officer.is_empty() && same_person(&name, &officer) {
            return Err(Refusal::SupplyOfficerOnCommittee { name }.into());
        }
        if out.iter().any(|o| same_person(&o.name, &name)) {
            return Err(Refusal::MemberTwice { name }.into());
        }
        out.push(Member {
            name,
            position: clean_line("position", &m.position, false)?,
        });
    }
    if out.len() < 3 {
        return Err(Refusal::CommitteeTooSmall { members: out.len() }.into());
    }
    Ok(out)
}

/// Names compared without titles and extra spaces: "นายสมชาย  ใจดี" is "สมชาย ใจดี".
/// The same person, whatever title (นาย, นาง, ดร. …) and spacing the name
/// is written with.
pub(crate) fn same_person(a: &str, b: &str) -> bool {
    fn norm(s: &str) -> String {
        let s = s.trim();
        let s = ["นางสาว", "นาง", "นาย", "น.ส.", "ดร."]
            .iter()
            .fold(s, |s, t| s.strip_prefix(t).unwrap_or(s));
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }
    norm(a) == norm(b)
}

/// A year's inspection: who sat on it, what it found, whether it is closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Inspection {
    pub year_be: i32,
    pub started_on: NaiveDate,
    pub supply_officer: String,
    pub committee: Vec<Member>,
    pub confirmed_on: Option<NaiveDate>,
    pub findings: Vec<FindingRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FindingRow {
    pub number: String,
    pub name: String,
    /// The asset's price: the value the inspection report counts.
    #[ts(type = "string")]
    pub price: rust_decimal::Decimal,
    pub finding: Finding,
    pub note: String,
}

/// One asset's page: the record, its worth today, its status history and loans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssetPage {
    pub asset: Asset,
    pub depreciation: Depreciation,
    pub events: Vec<StatusEvent>,
    pub loans: Vec<Loan>,
}

/// Which loans to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LoanFilter {
    /// Only loans in this state.
    pub state: Option<LoanState>,
    /// Only loans out past their due date on this day.
    pub overdue_on: Option<NaiveDate>,
    /// Only loans out and due within this many days of `today`.
    pub due_within: Option<u32>,
    /// Only this borrower's (part of the name).
    pub borrower: Option<String>,
}

impl LoanFilter {
    pub fn keeps(&self, l: &Loan, today: NaiveDate) -> bool {
        self.state.is_none_or(|s| l.state == s)
            && self.overdue_on.is_none_or(|d| l.overdue(d))
            && self.due_within.is_none_or(|n| {
                l.state == LoanState::HandedOver
                    && l.request.due_on >= today
                    && (l.request.due_on - today).num_days() <= i64::from(n)
            })
            && self
                .borrower
                .as_deref()
                .is_none_or(|b| l.request.borrower.contains(b.trim()))
    }
}

/// What the app reminds of on start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LoanReminders {
    /// Loans out past their due date.
    pub overdue: u32,
    /// Loans out and due within 3 days.
    pub due_soon: u32,
}

/// The asset figures of a fiscal year, to quote in a measure's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssetSummary {
    pub year_be: i32,
    /// Assets in the register (not disposed) at the end of the year.
    pub registered: i64,
    /// Loans requested in the year.
    pub loans: i64,
    /// Of the loans returned in the year, the per cent returned by the due date.
    #[ts(type = "string | null")]
    pub returned_on_time_percent: Option<Decimal>,
    /// Loans out past their due date at the end of the year (or today).
    pub overdue: i64,
    /// Assets with a finding in the year's inspection.
    pub inspected: i64,
}

impl AssetSummary {
    /// The figures as a sentence for a result (storage digits).
    pub fn phrase(&self) -> String {
        let on_time = self
            .returned_on_time_percent
            .map(|p| format!(" ส่งคืนตรงเวลาร้อยละ {}", p.round_dp(2)))
            .unwrap_or_default();
        format!(
            "ปีงบประมาณ พ.ศ. {} มีครุภัณฑ์ในทะเบียน {} รายการ มีการยืม {} ครั้ง{} ค้างส่งคืนเกินกำหนด {} รายการ และตรวจสอบพัสดุประจำปีแล้ว {} รายการ",
            self.year_be, self.registered, self.loans, on_time, self.overdue, self.inspected
        )
    }
}

#[cfg(test)]
mod tests;
