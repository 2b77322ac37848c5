//! The year's budget: import, targets, the monitoring report, the spending
//! plan, the workbook.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use prongsai_core::budget::TargetScope;
use prongsai_core::{Change, CoreError, Store, documents};

use crate::args::read_mapping;
use crate::output::{Out, malformed};

#[derive(Subcommand)]
pub enum BudgetCommand {
    /// Import budget lines and monthly figures from CSV or XLSX (all rows or none).
    /// Headers in the app's own names (README) need no mapping.
    Import {
        /// The .csv or .xlsx file
        file: PathBuf,
        /// Fiscal year in the Buddhist Era, e.g. 2566
        #[arg(long)]
        year: i32,
        /// JSON object mapping the file's headers to field names ("ignore" leaves a column out)
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
        /// The workbook sheet to read [default: the active sheet]
        #[arg(long)]
        sheet: Option<String>,
        /// Check every row and show what would change, without writing
        #[arg(long)]
        dry_run: bool,
    },
    /// Set or clear a cabinet disbursement target (cumulative % by the end of a quarter)
    Target {
        /// Fiscal year in the Buddhist Era, e.g. 2566
        #[arg(long)]
        year: i32,
        #[arg(long, value_enum)]
        scope: TargetScope,
        /// 1 (Oct–Dec) … 4 (Jul–Sep)
        #[arg(long)]
        quarter: u8,
        /// The target in per cent, e.g. 54 [omit to clear the target]
        #[arg(long)]
        percent: Option<String>,
    },
    /// Write the year's spending plan (แผนการใช้จ่ายงบประมาณ) as PDF
    Plan {
        /// Fiscal year in the Buddhist Era, e.g. 2566
        #[arg(long)]
        year: i32,
        /// The PDF file to write (replaced atomically)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write the budget lines and the monitoring report as an XLSX workbook
    Export {
        /// Fiscal year in the Buddhist Era, e.g. 2566
        #[arg(long)]
        year: i32,
        /// Last month of the monitoring sheet, YYYY-MM [default: the whole year]
        #[arg(long, value_name = "YYYY-MM")]
        through: Option<String>,
        /// The .xlsx file to write (replaced atomically)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The monitoring report (plan against disbursement) through a month:
    /// `--through 2023-03` is the 6-month report of 2566, `2023-09` the 12-month one
    Report {
        /// Fiscal year in the Buddhist Era, e.g. 2566
        #[arg(long)]
        year: i32,
        /// Last month covered, YYYY-MM in the Christian era [default: the whole year]
        #[arg(long, value_name = "YYYY-MM")]
        through: Option<String>,
        #[arg(long, value_enum, default_value_t = BudgetFormat::Json)]
        format: BudgetFormat,
        /// The PDF file to write (with --format pdf)
        #[arg(long, value_name = "FILE", required_if_eq("format", "pdf"))]
        out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BudgetFormat {
    Json,
    Pdf,
}

impl BudgetCommand {
    /// Only reads the database.
    pub fn reads(&self) -> bool {
        match self {
            BudgetCommand::Import { dry_run, .. } => *dry_run,
            BudgetCommand::Target { .. } => false,
            BudgetCommand::Report { .. } | BudgetCommand::Export { .. } | BudgetCommand::Plan { .. } => true,
        }
    }
}

pub async fn run(store: &Store, command: BudgetCommand, out: &mut Out) -> Result<(), CoreError> {
    match command {
        BudgetCommand::Report {
            year,
            through,
            format,
            out: path,
        } => {
            let month = prongsai_core::budget::through_month(year, through.as_deref())?;
            match (format, path) {
                (BudgetFormat::Pdf, Some(path)) => {
                    out.wrote(&documents::export_budget_report(store, year, month, &path).await?)?;
                }
                _ => out.json(&store.monitoring(year, month).await?.1)?,
            }
        }
        BudgetCommand::Import {
            file,
            year,
            mapping,
            sheet,
            dry_run,
        } => {
            prongsai_core::thai::check_year_be(year)?;
            // A mapping given now, else the one remembered for this layout.
            let given = mapping.as_deref().map(read_mapping).transpose()?;
            let opts = prongsai_core::table::ReadOptions { sheet };
            // The core's one workflow, as the app runs it; a dry run only checks.
            let (check, done) = if dry_run {
                let (check, merged) = store.check_budget_import_with(year, &file, given, &opts).await?;
                let ok = merged.is_some();
                (check, ok.then_some(None))
            } else {
                let (check, done) = store.import_budget_file(year, &file, given, &opts).await?;
                (check, done.map(Some))
            };
            let preview = out.import_check(&file, &check.notes, check.problem, check.preview)?;
            for e in &preview.errors {
                out.row_error(e.row, e.column.as_deref(), &e.message)?;
            }
            let Some(done) = done else {
                let message = format!(
                    "{} of {} rows have errors; nothing was imported",
                    preview.errors.len(),
                    preview.rows
                );
                return Err(malformed(&file, message));
            };
            for o in &preview.overspent {
                out.line(format_args!(
                    "warning: {} {} {}: the balance at the year's end is {} (disbursed and open commitments exceed the allocation)",
                    o.division,
                    o.category.thai(),
                    o.item.map_or("", |i| i.thai()),
                    o.remaining
                ))?;
            }
            let summary = format!(
                "{} rows: {} lines added, {} updated, {} monthly figures",
                preview.rows, preview.lines_added, preview.lines_updated, preview.months_set
            );
            match done {
                None => out.line(format_args!("dry run, nothing written: {summary}"))?,
                Some(d) if !d.changed => out.line(format_args!("nothing to change: {summary}"))?,
                Some(_) => out.line(format_args!("imported {summary}"))?,
            }
            if done.is_some_and(|d| d.remembered) {
                out.line("the mapping is remembered for files with these columns")?;
            }
        }
        BudgetCommand::Export {
            year,
            through,
            out: path,
        } => {
            let month = prongsai_core::budget::through_month(year, through.as_deref())?;
            out.wrote(&documents::export_budget_xlsx(store, year, month, &path).await?)?;
        }
        BudgetCommand::Plan { year, out: path } => {
            prongsai_core::thai::check_year_be(year)?;
            out.wrote(&documents::export_spending_plan(store, year, &path).await?)?;
        }
        BudgetCommand::Target {
            year,
            scope,
            quarter,
            percent,
        } => {
            prongsai_core::thai::check_year_be(year)?;
            let cleared = percent.is_none();
            store
                .apply(Change::SetTarget {
                    year_be: year,
                    scope,
                    quarter,
                    percent,
                })
                .await?;
            out.line(if cleared { "target cleared" } else { "target set" })?;
        }
    }
    Ok(())
}
