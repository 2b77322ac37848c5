//! The asset register (ทะเบียนครุภัณฑ์): import, list, show, status, export,
//! the year's figures.

use prongsai_core::error::Refusal;
use std::path::PathBuf;

use clap::Subcommand;
use prongsai_core::assets::AssetStatus;
use prongsai_core::{Change, CoreError, Store, documents};

use crate::args::{parse_date, read_mapping, today};
use crate::output::{ListFormat, Out, malformed};

#[derive(Subcommand)]
pub enum AssetsCommand {
    /// Import a register from CSV or XLSX (all rows or none). Headers in the
    /// app's own names (README) need no mapping.
    Import {
        file: PathBuf,
        /// JSON object mapping the file's headers to field names ("ignore" leaves a column out)
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
        /// The workbook sheet to read [default: the active sheet]
        #[arg(long)]
        sheet: Option<String>,
        /// Check every row and report, without importing
        #[arg(long)]
        dry_run: bool,
    },
    /// List the register
    List {
        /// usable, damaged, deteriorated, lost or disposed (or the Thai word)
        #[arg(long)]
        status: Option<String>,
        /// Words that must all appear (number, name, category, location …)
        #[arg(long, default_value = "")]
        search: String,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// One asset: its record, book value today, status history and loans
    Show { number: String },
    /// Set an asset's status, with the reason
    Status {
        number: String,
        status: String,
        #[arg(long, default_value = "")]
        reason: String,
        #[arg(long, value_parser = parse_date)]
        on: Option<chrono::NaiveDate>,
    },
    /// Write the register and the loan book as XLSX
    Export {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// A fiscal year's figures (registered, loans, returned on time, overdue, inspected)
    Summary {
        #[arg(long)]
        year: i32,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
}

impl AssetsCommand {
    /// Only reads the database.
    pub fn reads(&self) -> bool {
        match self {
            AssetsCommand::Import { dry_run, .. } => *dry_run,
            AssetsCommand::Status { .. } => false,
            AssetsCommand::List { .. }
            | AssetsCommand::Show { .. }
            | AssetsCommand::Export { .. }
            | AssetsCommand::Summary { .. } => true,
        }
    }
}

pub async fn run(store: &Store, command: AssetsCommand, out: &mut Out) -> Result<(), CoreError> {
    match command {
        AssetsCommand::Import {
            file,
            mapping,
            sheet,
            dry_run,
        } => {
            let mapping = mapping.as_deref().map(read_mapping).transpose()?;
            let opts = prongsai_core::table::ReadOptions { sheet };
            // The core's one workflow, as the app runs it; a dry run only checks.
            let (check, added) = store.import_assets_file(&file, mapping, &opts, !dry_run).await?;
            let preview = out.import_check(&file, &check.notes, check.problem, check.preview)?;
            out.line(format_args!(
                "rows: {} · assets to add: {}",
                preview.rows, preview.added
            ))?;
            for e in &preview.errors {
                out.row_error(e.row, e.column.as_deref(), &e.message)?;
            }
            if !preview.errors.is_empty() {
                out.flush()?;
                let message = format!("{} rows have errors; nothing was imported", preview.errors.len());
                return Err(malformed(&file, message));
            }
            match added {
                Some(n) => out.line(format_args!("imported {n} assets"))?,
                None if dry_run => out.line("dry run: nothing was imported")?,
                None => {}
            }
        }
        AssetsCommand::List { status, search, format } => {
            let status = match status {
                Some(s) => Some(
                    AssetStatus::parse(&s)
                        .ok_or_else(|| CoreError::from(Refusal::UnknownStatus { text: s.clone() }))?,
                ),
                None => None,
            };
            let rows = store.find_assets(&search, status).await?;
            out.list(format, &rows, |r| {
                let lent = if r.on_loan { "\ton loan" } else { "" };
                format!("{}\t{}\t{}\t{}{lent}", r.number, r.status.as_str(), r.name, r.price)
            })?;
        }
        AssetsCommand::Show { number } => out.json(&store.asset_page(&number, today()).await?)?,
        AssetsCommand::Status {
            number,
            status,
            reason,
            on,
        } => {
            let status = AssetStatus::parse(&status)
                .ok_or_else(|| CoreError::from(Refusal::UnknownStatus { text: status.clone() }))?;
            store
                .apply(Change::SetAssetStatus {
                    number: number.clone(),
                    status,
                    on: on.unwrap_or_else(today),
                    reason,
                })
                .await?;
            out.line(format_args!("{number} is now {} ({})", status.as_str(), status.thai()))?;
        }
        AssetsCommand::Export { out: path } => {
            out.wrote(&documents::export_assets_xlsx(store, today(), &path).await?)?;
        }
        AssetsCommand::Summary { year, format } => {
            let s = store.asset_summary(year, today()).await?;
            match format {
                ListFormat::Json => out.json(&s)?,
                ListFormat::Text => out.line(s.phrase())?,
            }
        }
    }
    Ok(())
}
