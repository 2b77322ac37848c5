//! The embedded default: the Department of Intellectual Property's real
//! FY 2566 integrity report (`sample/dip-fy2566.json`, transcribed from
//! `sample/dip-fy2566-integrity-report.txt`). It is data, loaded through the
//! same import path as any user file.

use crate::domain::ReportDoc;
use crate::error::Result;

pub const SAMPLE_JSON: &str = include_str!("../sample/dip-fy2566.json");

/// The sample report, parsed and validated like any import.
pub fn sample_doc() -> Result<ReportDoc> {
    crate::doc::parse(SAMPLE_JSON)
}
