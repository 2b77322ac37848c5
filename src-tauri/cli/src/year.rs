//! Fiscal years: a new one from another, a year's status.

use clap::Subcommand;
use prongsai_core::{Change, CoreError, Store, YearStatus};

use crate::output::Out;

#[derive(Subcommand)]
pub enum YearCommand {
    /// Start a fiscal year from another: its measures, activities and OIT
    /// list are copied; results, evidence and outcomes start empty
    New {
        /// The year to copy (BE), e.g. 2566
        #[arg(long, required_unless_present = "empty", conflicts_with = "empty")]
        from: Option<i32>,
        /// The new year (BE), e.g. 2567
        #[arg(long)]
        to: i32,
        /// Copy each measure's remarks too
        #[arg(long)]
        keep_remarks: bool,
        /// Start the year empty, with the standard headings (the
        /// organization's name and the year filled in)
        #[arg(long)]
        empty: bool,
    },
    /// Set a year's status: approved (--by), published (--url), or back to
    /// draft (--reason). An approved or published year is read-only.
    Status {
        /// Fiscal year in the Buddhist Era
        #[arg(long)]
        year: i32,
        #[arg(value_enum)]
        status: YearStatus,
        /// Who approves (required for approved)
        #[arg(long, default_value = "")]
        by: String,
        /// Where the report is published (required for published)
        #[arg(long, default_value = "")]
        url: String,
        /// Why the year is reopened (required for draft)
        #[arg(long, default_value = "")]
        reason: String,
    },
}

pub async fn run(store: &Store, command: YearCommand, out: &mut Out) -> Result<(), CoreError> {
    match command {
        YearCommand::New { from: None, to, .. } => {
            prongsai_core::thai::check_year_be(to)?;
            let year = prongsai_core::store::empty_year(to);
            store.apply(Change::InsertYear { year: Box::new(year) }).await?;
            out.line(format_args!(
                "created fiscal year {to}, empty, with the standard headings"
            ))
        }
        YearCommand::New {
            from: Some(from),
            to,
            keep_remarks,
            ..
        } => {
            store.apply(Change::NewYear { from, to, keep_remarks }).await?;
            let r = store.report(to).await?;
            out.line(format_args!(
                "created fiscal year {to} from {from}: {} measures, {} activities (results, evidence and outcomes are empty)",
                r.measures.len(),
                r.measures.iter().map(|m| m.activities.len()).sum::<usize>()
            ))
        }
        YearCommand::Status {
            year,
            status,
            by,
            url,
            reason,
        } => {
            store
                .apply(Change::SetStatus {
                    year_be: year,
                    status,
                    by,
                    url,
                    reason,
                    at: None,
                })
                .await?;
            out.line(format_args!("fiscal year {year} is now {}", status.as_str()))
        }
    }
}
