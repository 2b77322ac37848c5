//! `prongsai-cli`: the headless face of prongsai-core, for CI and power
//! users. Every command opens the same database the app uses (or `--db`),
//! creating it with the sample report on first use. Errors print one line
//! to stderr and exit non-zero.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use prongsai_core::documents;
use prongsai_core::{Change, CoreError, Digits, Orientation, Store, doc, paths};

#[derive(Parser)]
#[command(
    name = "prongsai-cli",
    version,
    about = "Prongsai (โปร่งใส) without a window: list, export and import integrity reports"
)]
struct Cli {
    /// SQLite database to use [default: the app's database in the OS app-data folder]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Who is making the changes, as recorded in the history
    #[arg(long, global = true, value_name = "NAME", default_value = "")]
    user: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
        digits: Option<DigitsArg>,
        /// Page orientation [default: the organization's setting]
        #[arg(long, value_enum)]
        orientation: Option<OrientationArg>,
    },
    /// List the stored memos (บันทึกข้อความ) of a fiscal year
    Memos {
        /// Fiscal year in the Buddhist Era [default: the newest]
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
        digits: Option<DigitsArg>,
    },
    /// Organization settings
    Org {
        #[command(subcommand)]
        command: OrgCommand,
    },
    /// The year's budget
    Budget {
        #[command(subcommand)]
        command: BudgetCommand,
    },
    /// Write a consistent copy of the database to a new file (VACUUM INTO)
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Replace the database with a backup, after backing up the current state
    Restore { file: PathBuf },
    /// Check the history's hash chain and that the records match what it
    /// last wrote (an edit made around the app is named)
    Verify,
    /// Print an amount in Thai words, as Excel's BAHTTEXT (`baht-text -- -5` for negatives)
    BahtText {
        /// The amount: 1234.50, 1,234.50, ๑,๒๓๔.๕๐ or (1,234.50)
        #[arg(allow_hyphen_values = true)]
        amount: String,
    },
    /// Fiscal years: start one from another, set its status
    Year {
        #[command(subcommand)]
        command: YearCommand,
    },
    /// Undo the newest change not undone yet (the app's Ctrl+Z)
    Undo,
    /// Redo the change the newest undo reversed (the app's Ctrl+Shift+Z)
    Redo,
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

#[derive(Subcommand)]
enum BudgetCommand {
    /// Import budget lines and monthly figures from CSV or XLSX (all rows or none).
    /// Headers in the app's own names (README) need no mapping.
    Import {
        /// The .csv or .xlsx file
        file: PathBuf,
        /// Fiscal year in the Buddhist Era, e.g. 2566
        #[arg(long)]
        year: i32,
        /// JSON object mapping the file's headers to field names
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
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
        scope: ScopeArg,
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
enum ScopeArg {
    Overall,
    Investment,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum BudgetFormat {
    Json,
    Pdf,
}

#[derive(Subcommand)]
enum YearCommand {
    /// Start a fiscal year from another: its measures, activities and OIT
    /// list are copied; results, evidence and outcomes start empty
    New {
        /// The year to copy (BE), e.g. 2566
        #[arg(long)]
        from: i32,
        /// The new year (BE), e.g. 2567
        #[arg(long)]
        to: i32,
        /// Copy each measure's remarks too
        #[arg(long)]
        keep_remarks: bool,
    },
    /// Set a year's status: approved (--by), published (--url), or back to
    /// draft (--reason). An approved or published year is read-only.
    Status {
        /// Fiscal year in the Buddhist Era
        #[arg(long)]
        year: i32,
        #[arg(value_enum)]
        status: StatusArg,
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

#[derive(Clone, Copy, ValueEnum)]
enum StatusArg {
    Draft,
    Approved,
    Published,
}

#[derive(Subcommand)]
enum OrgCommand {
    /// Set the emblem (ครุฑ) printed on memos, from a PNG, JPEG or SVG file
    SetEmblem { file: PathBuf },
    /// Remove the emblem
    ClearEmblem,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum DigitsArg {
    Thai,
    Arabic,
}

impl From<DigitsArg> for Digits {
    fn from(d: DigitsArg) -> Digits {
        match d {
            DigitsArg::Thai => Digits::Thai,
            DigitsArg::Arabic => Digits::Arabic,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum OrientationArg {
    Landscape,
    Portrait,
}

impl From<OrientationArg> for Orientation {
    fn from(o: OrientationArg) -> Orientation {
        match o {
            OrientationArg::Landscape => Orientation::Landscape,
            OrientationArg::Portrait => Orientation::Portrait,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return fail(&CoreError::Io(e.to_string())),
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

fn fail(e: &CoreError) -> ExitCode {
    // One line, whatever the message holds.
    let msg = e.to_string().replace(['\n', '\r'], " ");
    eprintln!("prongsai-cli: error: {msg}");
    ExitCode::FAILURE
}

async fn run(cli: Cli) -> Result<(), CoreError> {
    if let Command::Restore { file } = &cli.command {
        let path = match &cli.db {
            Some(p) => p.clone(),
            None => paths::default_db_path()?,
        };
        let safety = prongsai_core::store::restore(&path, file).await?;
        println!(
            "restored {} from {} (the previous state is in {})",
            path.display(),
            file.display(),
            safety.display()
        );
        return Ok(());
    }
    // Commands that need no database.
    if let Command::BahtText { amount } = &cli.command {
        let value = prongsai_core::money::parse_amount(amount)?;
        println!("{}", prongsai_core::money::baht_text(value));
        return Ok(());
    }
    let path = match cli.db {
        Some(p) => p,
        None => paths::default_db_path()?,
    };
    let (store, opened) = Store::open_or_seed(&path).await?;
    let store = store.with_actor(cli.user);
    if opened.seeded {
        eprintln!("prongsai-cli: created {} with the sample report", path.display());
    }
    if let Some(backup) = &opened.backup {
        eprintln!(
            "prongsai-cli: backed up the database to {} before upgrading it",
            backup.display()
        );
    }
    let result = command(&store, cli.command).await;
    store.close().await;
    result
}

async fn command(store: &Store, command: Command) -> Result<(), CoreError> {
    let mut out = std::io::stdout().lock();
    match command {
        Command::Years { format } => {
            let years = store.years().await?;
            match format {
                ListFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&years).expect("serialises"))?,
                ListFormat::Text => {
                    for y in years {
                        writeln!(out, "{}\t{}\t{} measures", y.year_be, y.status.as_str(), y.measures)?;
                    }
                }
            }
        }
        Command::Report {
            year,
            format: ReportFormat::Json,
        } => {
            prongsai_core::thai::check_year_be(year)?;
            let doc = store.export_doc(year).await?;
            out.write_all(doc::to_json(&doc).as_bytes())?;
        }
        Command::Export {
            year,
            out: path,
            digits,
            orientation,
        } => {
            let done = documents::export_report(
                store,
                year,
                digits.map(Digits::from),
                orientation.map(Orientation::from),
                &path,
            )
            .await?;
            writeln!(out, "wrote {} ({} bytes)", done.path, done.bytes)?;
        }
        Command::Memos { year, format } => {
            let year = match year {
                Some(y) => prongsai_core::thai::check_year_be(y)?,
                None => match store.years().await?.first() {
                    Some(y) => y.year_be,
                    None => return Ok(()),
                },
            };
            let memos = store.report(year).await?.memos;
            match format {
                ListFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&memos).expect("serialises"))?,
                ListFormat::Text => {
                    for m in memos {
                        writeln!(out, "{}\t{}\t{}\t{}", m.id, m.memo.number, m.memo.date, m.memo.subject)?;
                    }
                }
            }
        }
        Command::ExportMemo { id, out: path, digits } => {
            let done = documents::export_memo(store, id, digits.map(Digits::from), &path).await?;
            if done.missing_emblem {
                eprintln!(
                    "prongsai-cli: warning: no emblem is set, its place on the memo stays empty \
                     (prongsai-cli org set-emblem FILE)"
                );
            }
            writeln!(out, "wrote {} ({} bytes)", done.path, done.bytes)?;
        }
        Command::Org {
            command: OrgCommand::SetEmblem { file },
        } => {
            let emblem = prongsai_core::doc::read_image_file(&file)?;
            store.apply(Change::SetEmblem { emblem: Some(emblem) }).await?;
            writeln!(out, "emblem set from {}", file.display())?;
        }
        Command::Org {
            command: OrgCommand::ClearEmblem,
        } => {
            store.apply(Change::SetEmblem { emblem: None }).await?;
            writeln!(out, "emblem removed")?;
        }
        Command::Budget {
            command:
                BudgetCommand::Report {
                    year,
                    through,
                    format,
                    out: path,
                },
        } => {
            let month = prongsai_core::budget::through_month(year, through.as_deref())?;
            match (format, path) {
                (BudgetFormat::Pdf, Some(path)) => {
                    let done = documents::export_budget_report(store, year, month, &path).await?;
                    writeln!(out, "wrote {} ({} bytes)", done.path, done.bytes)?;
                }
                _ => {
                    let (_, report) = store.monitoring(year, month).await?;
                    writeln!(out, "{}", serde_json::to_string_pretty(&report).expect("serialises"))?;
                }
            }
        }
        Command::Budget {
            command:
                BudgetCommand::Import {
                    file,
                    year,
                    mapping,
                    dry_run,
                },
        } => {
            prongsai_core::thai::check_year_be(year)?;
            let given = match mapping {
                Some(m) => {
                    let text = std::fs::read_to_string(&m)
                        .map_err(|e| CoreError::Io(format!("cannot read {}: {e}", m.display())))?;
                    Some(
                        serde_json::from_str::<std::collections::BTreeMap<String, String>>(&text).map_err(|e| {
                            CoreError::MalformedImport {
                                path: m.display().to_string(),
                                message: e.to_string(),
                            }
                        })?,
                    )
                }
                None => None,
            };
            // A mapping given now, else the one remembered for this layout.
            let (check, merged) = store.check_budget_import(year, &file, given.clone()).await?;
            let malformed = |message: String| CoreError::MalformedImport {
                path: file.display().to_string(),
                message,
            };
            if let Some(problem) = check.problem {
                return Err(malformed(problem));
            }
            let preview = check
                .preview
                .ok_or_else(|| malformed("the file could not be checked".into()))?;
            for e in &preview.errors {
                let column = e.column.as_ref().map(|c| format!(" ({c})")).unwrap_or_default();
                writeln!(out, "row {}{column}: {}", e.row, e.message)?;
            }
            let Some(merged) = merged else {
                return Err(malformed(format!(
                    "{} of {} rows have errors; nothing was imported",
                    preview.errors.len(),
                    preview.rows
                )));
            };
            let summary = format!(
                "{} rows: {} lines added, {} updated, {} monthly figures",
                preview.rows, preview.lines_added, preview.lines_updated, preview.months_set
            );
            if dry_run {
                writeln!(out, "dry run, nothing written: {summary}")?;
            } else if merged == store.budget(year).await? {
                writeln!(out, "nothing to change: {summary}")?;
            } else {
                store
                    .apply(Change::ImportBudget {
                        budget: Box::new(merged),
                        replace: true,
                    })
                    .await?;
                writeln!(out, "imported {summary}")?;
            }
            if let (Some(m), false) = (given, dry_run) {
                store
                    .apply(Change::RememberMapping {
                        headers: check.headers,
                        mapping: m,
                    })
                    .await?;
                writeln!(out, "the mapping is remembered for files with these columns")?;
            }
        }
        Command::Budget {
            command:
                BudgetCommand::Export {
                    year,
                    through,
                    out: path,
                },
        } => {
            let month = prongsai_core::budget::through_month(year, through.as_deref())?;
            let done = documents::export_budget_xlsx(store, year, month, &path).await?;
            writeln!(out, "wrote {} ({} bytes)", done.path, done.bytes)?;
        }
        Command::Budget {
            command: BudgetCommand::Plan { year, out: path },
        } => {
            prongsai_core::thai::check_year_be(year)?;
            let done = documents::export_spending_plan(store, year, &path).await?;
            writeln!(out, "wrote {} ({} bytes)", done.path, done.bytes)?;
        }
        Command::Budget {
            command:
                BudgetCommand::Target {
                    year,
                    scope,
                    quarter,
                    percent,
                },
        } => {
            prongsai_core::thai::check_year_be(year)?;
            let scope = match scope {
                ScopeArg::Overall => prongsai_core::budget::TargetScope::Overall,
                ScopeArg::Investment => prongsai_core::budget::TargetScope::Investment,
            };
            let cleared = percent.is_none();
            store
                .apply(Change::SetTarget {
                    year_be: year,
                    scope,
                    quarter,
                    percent,
                })
                .await?;
            writeln!(out, "{}", if cleared { "target cleared" } else { "target set" })?;
        }
        Command::Verify => {
            let v = store.verify().await?;
            writeln!(out, "history: {} entries", v.entries)?;
            match &v.broken_at {
                Some((id, why)) => writeln!(out, "the hash chain breaks at entry {id}: {why}")?,
                None => writeln!(out, "the hash chain is intact")?,
            }
            for m in &v.mismatches {
                writeln!(out, "differs from the history: {m}")?;
            }
            if v.broken_at.is_none() && v.mismatches.is_empty() {
                writeln!(out, "every record matches the history")?;
            } else {
                out.flush()?;
                return Err(CoreError::Database("verification failed".into()));
            }
        }
        Command::Backup { out: path } => {
            store.backup_to(&path).await?;
            writeln!(out, "backed up to {}", path.display())?;
        }
        Command::Year {
            command: YearCommand::New { from, to, keep_remarks },
        } => {
            store.apply(Change::NewYear { from, to, keep_remarks }).await?;
            let r = store.report(to).await?;
            writeln!(
                out,
                "created fiscal year {to} from {from}: {} measures, {} activities (results, evidence and outcomes are empty)",
                r.measures.len(),
                r.measures.iter().map(|m| m.activities.len()).sum::<usize>()
            )?;
        }
        Command::Year {
            command:
                YearCommand::Status {
                    year,
                    status,
                    by,
                    url,
                    reason,
                },
        } => {
            let status = match status {
                StatusArg::Draft => prongsai_core::YearStatus::Draft,
                StatusArg::Approved => prongsai_core::YearStatus::Approved,
                StatusArg::Published => prongsai_core::YearStatus::Published,
            };
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
            writeln!(out, "fiscal year {year} is now {}", status.as_str())?;
        }
        Command::Undo | Command::Redo => {
            let undo = matches!(command, Command::Undo);
            let state = store.undo_state().await?;
            let step = if undo { state.undo } else { state.redo };
            let applied = if undo { store.undo().await? } else { store.redo().await? };
            let kind = step.map(|s| s.kind).unwrap_or_default();
            let verb = if undo { "undid" } else { "redid" };
            match applied.year_be {
                0 => writeln!(out, "{verb} {kind}")?,
                y => writeln!(out, "{verb} {kind} (fiscal year {y})")?,
            }
        }
        Command::Search { query, format } => {
            let hits = store.search(&query).await?;
            match format {
                ListFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&hits).expect("serialises"))?,
                ListFormat::Text => {
                    for h in &hits {
                        let place = serde_json::to_value(h.place).expect("serialises");
                        writeln!(
                            out,
                            "{}\t{}\t{}",
                            h.year_be,
                            place["field"].as_str().unwrap_or(""),
                            h.snippet
                        )?;
                    }
                }
            }
        }
        Command::BahtText { .. } | Command::Restore { .. } => unreachable!("handled before the database is opened"),
        Command::ImportReport { file, replace } => {
            let text = read_input(&file)?;
            let doc = doc::parse(&text)?;
            let year = doc.year.year_be;
            let measures = doc.measures.len();
            store
                .apply(Change::ImportReport {
                    doc: Box::new(doc),
                    replace,
                })
                .await?;
            writeln!(out, "imported fiscal year {year} ({measures} measures)")?;
        }
    }
    out.flush()?;
    Ok(())
}

fn read_input(file: &PathBuf) -> Result<String, CoreError> {
    let bytes = if file.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)?;
        buf
    } else {
        std::fs::read(file).map_err(|e| CoreError::Io(format!("cannot read {}: {e}", file.display())))?
    };
    if bytes.len() > doc::MAX_DOC_BYTES {
        return Err(CoreError::MalformedImport {
            path: "$".into(),
            message: format!("file is larger than {} bytes", doc::MAX_DOC_BYTES),
        });
    }
    String::from_utf8(bytes).map_err(|e| CoreError::MalformedImport {
        path: "$".into(),
        message: format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
    })
}
