//! The report: list years, print, export, import; memos; search.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use prongsai_core::documents::DocFormat;
use prongsai_core::{Change, CoreError, Digits, Orientation, Store, doc, documents};

use crate::args::read_input;
use crate::output::{ListFormat, Out, note};

#[derive(Subcommand)]
pub enum ReportCommand {
    /// List the fiscal years in the database, newest first
    Years {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print a fiscal year's whole report
    Report {
        /// Fiscal year in the Buddhist Era, e.g. 2566
        #[arg(long)]
        year: i32,
        #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
        format: ReportFormat,
    },
    /// Write a fiscal year's report as PDF (A4, Sarabun, Thai shaping)
    Export {
        /// Fiscal year in the Buddhist Era, e.g. 2566
        #[arg(long)]
        year: i32,
        /// The PDF file to write (replaced atomically)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Digits in the text [default: the organization's setting]
        #[arg(long, value_enum)]
        digits: Option<Digits>,
        /// Page orientation [default: the organization's setting]
        #[arg(long, value_enum)]
        orientation: Option<Orientation>,
        /// PDF, or DOCX to finish in Word [default: by the file's extension]
        #[arg(long, value_enum)]
        format: Option<DocFormat>,
    },
    /// List the stored memos (บันทึกข้อความ), of one fiscal year or all
    Memos {
        /// Fiscal year in the Buddhist Era [default: every year, newest first]
        #[arg(long)]
        year: Option<i32>,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Write a stored memo as PDF (A4, emblem, urgency mark, signature block)
    ExportMemo {
        /// The memo's id (see `memos`)
        #[arg(long)]
        id: i64,
        /// The PDF file to write (replaced atomically)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Digits in the text [default: the organization's setting]
        #[arg(long, value_enum)]
        digits: Option<Digits>,
        /// PDF, or DOCX to finish in Word [default: by the file's extension]
        #[arg(long, value_enum)]
        format: Option<DocFormat>,
    },
    /// Search every year's measures, activities, results, remarks, evidence and outcomes
    Search {
        query: String,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Load a report file written by `report --format json` (all or nothing)
    ImportReport {
        /// The JSON file ("-" for standard input)
        file: PathBuf,
        /// Overwrite the fiscal year if it already exists
        #[arg(long)]
        replace: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Json,
}

impl ReportCommand {
    /// Only reads the database.
    pub fn reads(&self) -> bool {
        !matches!(self, ReportCommand::ImportReport { .. })
    }
}

pub async fn run(store: &Store, command: ReportCommand, out: &mut Out) -> Result<(), CoreError> {
    match command {
        ReportCommand::Years { format } => {
            let years = store.years().await?;
            out.list(format, &years, |y| {
                format!("{}\t{}\t{} measures", y.year_be, y.status.as_str(), y.measures)
            })?;
        }
        ReportCommand::Report {
            year,
            format: ReportFormat::Json,
        } => {
            prongsai_core::thai::check_year_be(year)?;
            let doc = store.export_doc(year).await?;
            out.raw(doc::to_json(&doc).as_bytes())?;
        }
        ReportCommand::Export {
            year,
            out: path,
            digits,
            orientation,
            format,
        } => {
            let done = match format_of(format, &path) {
                DocFormat::Pdf => documents::export_report(store, year, digits, orientation, &path).await?,
                DocFormat::Docx => {
                    if orientation.is_some() {
                        note("note: a Word file takes the organization's orientation; --orientation applies to PDF");
                    }
                    documents::export_report_docx(store, year, digits, &path).await?
                }
            };
            out.wrote(&done)?;
        }
        ReportCommand::Memos { year, format } => {
            // A memo is shown in the fiscal year it is dated in; no year: all.
            let years = match year {
                Some(y) => vec![prongsai_core::thai::check_year_be(y)?],
                None => store.years().await?.iter().map(|y| y.year_be).collect(),
            };
            let mut memos = Vec::new();
            for y in years {
                memos.extend(store.report(y).await?.memos);
            }
            out.list(format, &memos, |m| {
                format!("{}\t{}\t{}\t{}", m.id, m.memo.number, m.memo.date, m.memo.subject)
            })?;
        }
        ReportCommand::ExportMemo {
            id,
            out: path,
            digits,
            format,
        } => {
            let done = match format_of(format, &path) {
                DocFormat::Pdf => documents::export_memo(store, id, digits, &path).await?,
                DocFormat::Docx => documents::export_memo_docx(store, id, digits, &path).await?,
            };
            if done.missing_emblem {
                note(
                    "warning: no emblem is set, its place on the memo stays empty \
                     (prongsai-cli org set-emblem FILE)",
                );
            }
            out.wrote(&done)?;
        }
        ReportCommand::Search { query, format } => {
            let hits = store.search(&query).await?;
            out.list(format, &hits, |h| {
                let place = serde_json::to_value(h.place).expect("serialises");
                format!(
                    "{}\t{}\t{}",
                    h.year_be,
                    place["field"].as_str().unwrap_or(""),
                    h.snippet
                )
            })?;
        }
        ReportCommand::ImportReport { file, replace } => {
            let doc = doc::parse(&read_input(&file)?)?;
            let year = doc.year.year_be;
            let measures = doc.measures.len();
            store
                .apply(Change::ImportReport {
                    doc: Box::new(doc),
                    replace,
                })
                .await?;
            out.line(format_args!("imported fiscal year {year} ({measures} measures)"))?;
        }
    }
    Ok(())
}

/// The format asked for, else the file's extension's (`.docx`), else PDF.
fn format_of(format: Option<DocFormat>, path: &std::path::Path) -> DocFormat {
    format.unwrap_or_else(|| {
        let docx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx"));
        if docx { DocFormat::Docx } else { DocFormat::Pdf }
    })
}
