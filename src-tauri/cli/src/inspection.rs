//! The annual inspection of supplies (ข้อ 213).

use std::path::PathBuf;

use clap::Subcommand;
use prongsai_core::assets::{Finding, Member};
use prongsai_core::{Change, CoreError, Store, documents};

use crate::args::{parse_date, today};
use crate::output::Out;

#[derive(Subcommand)]
pub enum InspectionCommand {
    /// Open a fiscal year's inspection with its committee (3 or more, not the supply officer)
    Start {
        #[arg(long)]
        year: i32,
        /// The supply officer (may not sit on the committee)
        #[arg(long, default_value = "")]
        officer: String,
        /// A member: "NAME" or "NAME|POSITION" (repeat; the first chairs)
        #[arg(long = "member", required = true)]
        members: Vec<String>,
        #[arg(long, value_parser = parse_date)]
        on: Option<chrono::NaiveDate>,
    },
    /// Record what the committee found of one asset
    Record {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        asset: String,
        #[arg(long, value_enum)]
        finding: Finding,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Confirm the findings: they become the assets' statuses
    Confirm {
        #[arg(long)]
        year: i32,
        #[arg(long, value_parser = parse_date)]
        on: Option<chrono::NaiveDate>,
    },
    /// Write the inspection report as PDF
    Report {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

impl InspectionCommand {
    /// Only reads the database.
    pub fn reads(&self) -> bool {
        matches!(self, InspectionCommand::Report { .. })
    }
}

pub async fn run(store: &Store, command: InspectionCommand, out: &mut Out) -> Result<(), CoreError> {
    match command {
        InspectionCommand::Start {
            year,
            officer,
            members,
            on,
        } => {
            let committee = members
                .iter()
                .map(|m| {
                    let (name, position) = m.split_once('|').unwrap_or((m.as_str(), ""));
                    Member {
                        name: name.trim().into(),
                        position: position.trim().into(),
                    }
                })
                .collect();
            store
                .apply(Change::StartInspection {
                    year_be: year,
                    on: on.unwrap_or_else(today),
                    supply_officer: officer,
                    committee,
                })
                .await?;
            out.line(format_args!("inspection of {year} started"))
        }
        InspectionCommand::Record {
            year,
            asset,
            finding,
            note,
        } => {
            store
                .apply(Change::RecordFinding {
                    year_be: year,
                    number: asset.clone(),
                    finding,
                    note,
                })
                .await?;
            out.line(format_args!("{asset}: {}", finding.as_str()))
        }
        InspectionCommand::Confirm { year, on } => {
            store
                .apply(Change::ConfirmInspection {
                    year_be: year,
                    on: on.unwrap_or_else(today),
                })
                .await?;
            out.line(format_args!("inspection of {year} confirmed"))
        }
        InspectionCommand::Report { year, out: path } => {
            out.wrote(&documents::export_inspection(store, year, &path).await?)
        }
    }
}
