//! The interchange file: a whole fiscal year's report as `prongsai-cli
//! report --format json` writes it and `import-report` reads it, versioned,
//! with no database ids; and a report's file form (`Report::to_doc`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Channel, Digits, Evidence, MemoDoc, OitItem, Orientation, Report, Signatures, StatusTrail, YearStatus};

pub const DOC_FORMAT: &str = "prongsai-report";
pub const DOC_VERSION: u32 = 1;

/// A whole fiscal year's report as a file: what `prongsai-cli report
/// --format json` writes and `import-report` reads. No database ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReportDoc {
    pub format: String,
    pub version: u32,
    pub organization: OrganizationDoc,
    pub year: YearDoc,
    pub measures: Vec<MeasureDoc>,
    pub outcomes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub memos: Vec<MemoDoc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OrganizationDoc {
    pub name_th: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub ministry: String,
    #[serde(default)]
    pub doc_prefix: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub divisions: Vec<String>,
    #[serde(default)]
    pub digits: Digits,
    #[serde(default)]
    pub orientation: Orientation,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct YearDoc {
    pub year_be: i32,
    #[serde(default)]
    pub status: YearStatus,
    #[serde(default)]
    pub title: Vec<String>,
    #[serde(default)]
    pub heading: Vec<String>,
    #[serde(default)]
    pub part1_heading: String,
    #[serde(default)]
    pub part2_heading: String,
    /// The table's column headings; absent: the standard four.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// The embedded sample, labelled ตัวอย่าง in the app.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
    #[serde(default, skip_serializing_if = "Signatures::is_empty")]
    pub signatures: Signatures,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub oit_code: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub oit_items: Vec<OitItem>,
    #[serde(default, skip_serializing_if = "StatusTrail::is_empty")]
    pub trail: StatusTrail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MeasureDoc {
    pub title: String,
    #[serde(default)]
    pub activities: Vec<ItemDoc>,
    #[serde(default)]
    pub results: Vec<ResultDoc>,
    #[serde(default)]
    pub remarks: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub oit_code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ItemDoc {
    #[serde(default)]
    pub level: u8,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ResultDoc {
    #[serde(default)]
    pub level: u8,
    pub text: String,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

impl Report {
    /// The file form of this report: ids and labels dropped.
    pub fn to_doc(&self) -> ReportDoc {
        ReportDoc {
            format: DOC_FORMAT.to_owned(),
            version: DOC_VERSION,
            organization: OrganizationDoc {
                name_th: self.organization.name_th.clone(),
                name_en: self.organization.name_en.clone(),
                ministry: self.organization.ministry.clone(),
                doc_prefix: self.organization.doc_prefix.clone(),
                phone: self.organization.phone.clone(),
                divisions: self.organization.divisions.iter().map(|d| d.name.clone()).collect(),
                digits: self.organization.digits,
                orientation: self.organization.orientation,
                channels: self.organization.channels.clone(),
            },
            year: YearDoc {
                year_be: self.year.year_be,
                status: self.year.status,
                title: self.year.headings.title.clone(),
                heading: self.year.headings.heading.clone(),
                part1_heading: self.year.headings.part1_heading.clone(),
                part2_heading: self.year.headings.part2_heading.clone(),
                columns: self.year.headings.columns.clone(),
                sample: self.year.sample,
                signatures: self.year.signatures.clone(),
                oit_code: self.year.oit_code.clone(),
                oit_items: self.year.oit_items.clone(),
                trail: self.year.trail.clone(),
            },
            measures: self
                .measures
                .iter()
                .map(|m| MeasureDoc {
                    title: m.title.clone(),
                    activities: m
                        .activities
                        .iter()
                        .map(|a| ItemDoc {
                            level: a.level,
                            text: a.text.clone(),
                        })
                        .collect(),
                    results: m
                        .results
                        .iter()
                        .map(|r| ResultDoc {
                            level: r.level,
                            text: r.text.clone(),
                            evidence: r.evidence.iter().map(|e| e.evidence.clone()).collect(),
                        })
                        .collect(),
                    remarks: m.remarks.clone(),
                    oit_code: m.oit_code.clone(),
                })
                .collect(),
            outcomes: self.outcomes.iter().map(|o| o.text.clone()).collect(),
            memos: self.memos.iter().map(|m| m.memo.clone()).collect(),
        }
    }
}
