//! The states records pass through: a fiscal year's, an asset's and a
//! loan's. A leaf module: the domain, the register and the refusals that
//! name a state all use these.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

strum_names!(YearStatus, LoanState);

/// A fiscal year's report: drafted, approved, published.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString,
)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum YearStatus {
    #[default]
    Draft,
    Approved,
    Published,
}

/// ใช้งานได้ / ชำรุด / เสื่อมสภาพ / สูญหาย / จำหน่ายแล้ว
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum AssetStatus {
    #[default]
    Usable,
    Damaged,
    Deteriorated,
    Lost,
    Disposed,
}

impl AssetStatus {
    pub const ALL: [AssetStatus; 5] = [
        AssetStatus::Usable,
        AssetStatus::Damaged,
        AssetStatus::Deteriorated,
        AssetStatus::Lost,
        AssetStatus::Disposed,
    ];
    pub fn thai(self) -> &'static str {
        match self {
            AssetStatus::Usable => "ใช้งานได้",
            AssetStatus::Damaged => "ชำรุด",
            AssetStatus::Deteriorated => "เสื่อมสภาพ",
            AssetStatus::Lost => "สูญหาย",
            AssetStatus::Disposed => "จำหน่ายแล้ว",
        }
    }
    /// The name as stored and sent (snake_case).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
    /// From the stored name, the Thai word or the English one.
    pub fn parse(s: &str) -> Option<AssetStatus> {
        let s = s.trim();
        AssetStatus::ALL
            .into_iter()
            .find(|a| a.as_str() == s || a.thai() == s || s.eq_ignore_ascii_case(a.as_str()))
    }
}

/// Where a loan is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString,
)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum LoanState {
    Requested,
    Approved,
    Refused,
    HandedOver,
    Returned,
}

impl LoanState {
    pub const ALL: [LoanState; 5] = [
        LoanState::Requested,
        LoanState::Approved,
        LoanState::Refused,
        LoanState::HandedOver,
        LoanState::Returned,
    ];
    /// The state in the words of a register kept by hand.
    pub fn thai(self) -> &'static str {
        match self {
            LoanState::Requested => "รอพิจารณา",
            LoanState::Approved => "อนุมัติแล้ว รอส่งมอบ",
            LoanState::Refused => "ไม่อนุมัติ",
            LoanState::HandedOver => "อยู่ระหว่างยืม",
            LoanState::Returned => "คืนแล้ว",
        }
    }

    /// The asset is out of the store (or promised): no other loan may start.
    pub fn holds_asset(self) -> bool {
        matches!(self, LoanState::Approved | LoanState::HandedOver)
    }
}

/// What happens to a loan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum LoanStep {
    #[cfg_attr(feature = "clap", value(name = "decision"))]
    Approve,
    #[cfg_attr(feature = "clap", value(skip))]
    Refuse,
    #[cfg_attr(feature = "clap", value(name = "handover"))]
    HandOver,
    Return,
    Settle,
}
