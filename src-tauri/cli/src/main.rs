//! `prongsai-cli`: the headless face of prongsai-core, for CI and power
//! users. Every command opens the same database the app uses (or `--db`),
//! creating it with the sample report on first use. Errors print one line
//! to stderr and exit non-zero.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{Parser, Subcommand, ValueEnum};
use prongsai_core::documents;
use prongsai_core::store::{Access, AppLock, canonical_db_path};
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
    Verify {
        /// Also check that the database still holds the newest entry of
        /// this backup (a copy taken earlier): entries removed since show
        #[arg(long, value_name = "BACKUP")]
        against: Option<PathBuf>,
    },
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
    /// The asset register (ทะเบียนครุภัณฑ์)
    Assets {
        #[command(subcommand)]
        command: AssetsCommand,
    },
    /// Loans of durable supplies: request, approve or refuse, hand over, return
    Loan {
        #[command(subcommand)]
        command: LoanCommand,
    },
    /// The annual inspection of supplies (ข้อ 213)
    Inspection {
        #[command(subcommand)]
        command: InspectionCommand,
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

/// Dates: ISO (2023-04-05) or with a Buddhist Era year (5/4/2566).
fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    prongsai_core::assets::import::parse_register_date(s).map_err(|e| e.to_string())
}

#[derive(Subcommand)]
enum AssetsCommand {
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

#[derive(Subcommand)]
enum LoanCommand {
    /// Request a loan of an asset
    Request {
        #[arg(long)]
        asset: String,
        #[arg(long)]
        borrower: String,
        #[arg(long, default_value = "")]
        position: String,
        #[arg(long, default_value = "")]
        division: String,
        #[arg(long)]
        purpose: String,
        /// The asset is used outside the office
        #[arg(long)]
        outside: bool,
        /// The borrowing date
        #[arg(long, value_parser = parse_date)]
        from: chrono::NaiveDate,
        /// The date it is due back
        #[arg(long, value_parser = parse_date)]
        due: chrono::NaiveDate,
        /// The request's date [default: today]
        #[arg(long, value_parser = parse_date)]
        on: Option<chrono::NaiveDate>,
    },
    /// Approve a requested loan
    Approve {
        #[arg(long)]
        id: i64,
        #[arg(long)]
        by: String,
        /// Decided by a delegate of the head of the agency
        #[arg(long)]
        delegate: bool,
        #[arg(long, value_parser = parse_date)]
        on: Option<chrono::NaiveDate>,
    },
    /// Refuse a requested loan, with the reason
    Refuse {
        #[arg(long)]
        id: i64,
        #[arg(long)]
        by: String,
        #[arg(long)]
        delegate: bool,
        #[arg(long)]
        reason: String,
        #[arg(long, value_parser = parse_date)]
        on: Option<chrono::NaiveDate>,
    },
    /// Hand an approved loan's asset over
    Handover {
        #[arg(long)]
        id: i64,
        #[arg(long)]
        by: String,
        #[arg(long, value_parser = parse_date)]
        on: Option<chrono::NaiveDate>,
    },
    /// Record the return: good, damaged or lost
    Return {
        #[arg(long)]
        id: i64,
        #[arg(long, value_enum)]
        condition: ConditionArg,
        #[arg(long)]
        received_by: String,
        #[arg(long, value_parser = parse_date)]
        on: Option<chrono::NaiveDate>,
    },
    /// How damage or loss was made good (ข้อ 209)
    Settle {
        #[arg(long)]
        id: i64,
        #[arg(long, value_enum)]
        how: SettlementArg,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long, value_parser = parse_date)]
        on: Option<chrono::NaiveDate>,
    },
    /// Correct a recorded step's date (and who did it), with the reason: the
    /// correction is recorded, the step is never left wrong
    Correct {
        #[arg(long)]
        id: i64,
        #[arg(long, value_enum)]
        step: CorrectStepArg,
        /// The step's right date
        #[arg(long, value_parser = parse_date)]
        on: chrono::NaiveDate,
        /// Who did the step [default: as recorded]
        #[arg(long, default_value = "")]
        by: String,
        #[arg(long)]
        reason: String,
    },
    /// List loans
    List {
        /// Only loans out past their due date (on --as-of)
        #[arg(long)]
        overdue: bool,
        /// Only loans out and due within this many days
        #[arg(long)]
        due_within: Option<u32>,
        #[arg(long)]
        borrower: Option<String>,
        /// The day to judge "overdue" and "due within" by [default: today]
        #[arg(long, value_parser = parse_date)]
        as_of: Option<chrono::NaiveDate>,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Write a loan's borrowing slip (แบบฟอร์มการยืมพัสดุ) as PDF
    Slip {
        #[arg(long)]
        id: i64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum CorrectStepArg {
    Decision,
    Handover,
    Return,
    Settle,
}

#[derive(Subcommand)]
enum InspectionCommand {
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
        finding: FindingArg,
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

#[derive(Clone, Copy, ValueEnum)]
enum ConditionArg {
    Good,
    Damaged,
    Lost,
}

#[derive(Clone, Copy, ValueEnum)]
enum SettlementArg {
    Repaired,
    Replaced,
    Paid,
}

#[derive(Clone, Copy, ValueEnum)]
enum FindingArg {
    Found,
    NotFound,
    Damaged,
    Obsolete,
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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // A value refused by its parser (a CE year, a bad date): one line,
        // as every other error.
        Err(e) if matches!(e.kind(), ErrorKind::ValueValidation | ErrorKind::InvalidValue) => {
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or_default();
            eprintln!("prongsai-cli: {}", first.trim());
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
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
    // The reader went away (`… | head -1`): what it wanted was written.
    if let CoreError::Io(m) = e
        && m.to_lowercase().contains("broken pipe")
    {
        return ExitCode::SUCCESS;
    }
    // One line, whatever the message holds.
    let msg = e.to_string().replace(['\n', '\r'], " ");
    eprintln!("prongsai-cli: error: {msg}");
    ExitCode::FAILURE
}

/// Whether a command only reads: beside the open app it then reads the
/// database read-only; every other command is refused there.
fn access(command: &Command) -> Access {
    let reads = match command {
        Command::Years { .. }
        | Command::Report { .. }
        | Command::Export { .. }
        | Command::Memos { .. }
        | Command::ExportMemo { .. }
        | Command::Search { .. }
        | Command::Verify { .. }
        | Command::Backup { .. } => true,
        Command::Budget { command } => match command {
            BudgetCommand::Import { dry_run, .. } => *dry_run,
            BudgetCommand::Target { .. } => false,
            BudgetCommand::Report { .. } | BudgetCommand::Export { .. } | BudgetCommand::Plan { .. } => true,
        },
        Command::Assets { command } => match command {
            AssetsCommand::Import { dry_run, .. } => *dry_run,
            AssetsCommand::Status { .. } => false,
            AssetsCommand::List { .. }
            | AssetsCommand::Show { .. }
            | AssetsCommand::Export { .. }
            | AssetsCommand::Summary { .. } => true,
        },
        Command::Loan { command } => matches!(command, LoanCommand::List { .. } | LoanCommand::Slip { .. }),
        Command::Inspection { command } => matches!(command, InspectionCommand::Report { .. }),
        _ => false,
    };
    if reads { Access::CliRead } else { Access::CliWrite }
}

async fn run(cli: Cli) -> Result<(), CoreError> {
    // Commands that need no database.
    if let Command::BahtText { amount } = &cli.command {
        let value = prongsai_core::money::parse_amount(amount)?;
        println!("{}", prongsai_core::money::baht_text(value));
        return Ok(());
    }
    let path = match &cli.db {
        Some(p) => p.clone(),
        None => paths::default_db_path()?,
    };
    if let Command::Restore { file } = &cli.command {
        // The lock first: never while the app (or another command) has the file.
        let path = canonical_db_path(&path)?;
        let _lock = AppLock::acquire_for(&path, Access::CliWrite)?;
        let safety = prongsai_core::store::restore(&path, file).await?;
        println!(
            "restored {} from {} (the previous state is in {})",
            path.display(),
            file.display(),
            safety.display()
        );
        return Ok(());
    }
    let session = prongsai_core::store::session::open(&path, access(&cli.command)).await?;
    let store = session.store.with_actor(cli.user);
    if session.opened.seeded {
        eprintln!("prongsai-cli: created {} with the sample report", path.display());
    }
    if let Some(backup) = &session.opened.backup {
        eprintln!(
            "prongsai-cli: backed up the database to {} before upgrading it",
            backup.display()
        );
    }
    let result = command(&store, cli.command).await;
    store.close().await;
    drop(session.lock);
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
                    sheet,
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
            for note in &check.notes {
                writeln!(out, "read: {note}")?;
            }
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
            let Some(done) = done else {
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
            match done {
                None => writeln!(out, "dry run, nothing written: {summary}")?,
                Some(d) if !d.changed => writeln!(out, "nothing to change: {summary}")?,
                Some(_) => writeln!(out, "imported {summary}")?,
            }
            if done.is_some_and(|d| d.remembered) {
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
        Command::Verify { against } => {
            let mut v = store.verify().await?;
            if let Some(backup) = against
                && let Some(m) = store.verify_against(&backup).await?
            {
                v.mismatches.insert(0, m);
            }
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
        Command::Assets { command } => assets_command(store, command, &mut out).await?,
        Command::Loan { command } => loan_command(store, command, &mut out).await?,
        Command::Inspection { command } => inspection_command(store, command, &mut out).await?,
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

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).expect("serialises")
}

async fn assets_command(store: &Store, command: AssetsCommand, out: &mut impl Write) -> Result<(), CoreError> {
    use prongsai_core::assets::AssetStatus;
    match command {
        AssetsCommand::Import {
            file,
            mapping,
            sheet,
            dry_run,
        } => {
            let table = prongsai_core::table::read_file(&file, &prongsai_core::table::ReadOptions { sheet })?;
            for note in &table.notes {
                writeln!(out, "read: {note}")?;
            }
            let mapping = match mapping {
                Some(m) => Some(
                    serde_json::from_str::<std::collections::BTreeMap<String, String>>(&read_input(&m)?).map_err(
                        |e| CoreError::MalformedImport {
                            path: "$".into(),
                            message: format!("the mapping is not a JSON object of header → field: {e}"),
                        },
                    )?,
                ),
                None => None,
            };
            let (assets, preview) = store.check_asset_import(&table, mapping.as_ref()).await?;
            writeln!(out, "rows: {} · assets to add: {}", preview.rows, preview.added)?;
            for e in &preview.errors {
                match &e.column {
                    Some(c) => writeln!(out, "row {} ({c}): {}", e.row, e.message)?,
                    None => writeln!(out, "row {}: {}", e.row, e.message)?,
                }
            }
            if !preview.errors.is_empty() {
                out.flush()?;
                return Err(CoreError::MalformedImport {
                    path: file.display().to_string(),
                    message: format!("{} rows have errors; nothing was imported", preview.errors.len()),
                });
            }
            if dry_run {
                writeln!(out, "dry run: nothing was imported")?;
            } else if !assets.is_empty() {
                let n = assets.len();
                store.apply(Change::ImportAssets { assets }).await?;
                writeln!(out, "imported {n} assets")?;
            }
        }
        AssetsCommand::List { status, search, format } => {
            let status = match status {
                Some(s) => Some(
                    AssetStatus::parse(&s).ok_or_else(|| CoreError::InvalidInput(format!("unknown status \"{s}\"")))?,
                ),
                None => None,
            };
            let index = store.asset_index().await?;
            let rows = index.all_matching(&search, status);
            match format {
                ListFormat::Json => writeln!(out, "{}", json(&rows))?,
                ListFormat::Text => {
                    for r in &rows {
                        let lent = if r.on_loan { "\ton loan" } else { "" };
                        writeln!(
                            out,
                            "{}\t{}\t{}\t{}{lent}",
                            r.number,
                            r.status.as_str(),
                            r.name,
                            r.price
                        )?;
                    }
                }
            }
        }
        AssetsCommand::Show { number } => writeln!(out, "{}", json(&store.asset_page(&number, today()).await?))?,
        AssetsCommand::Status {
            number,
            status,
            reason,
            on,
        } => {
            let status = AssetStatus::parse(&status)
                .ok_or_else(|| CoreError::InvalidInput(format!("unknown status \"{status}\"")))?;
            store
                .apply(Change::SetAssetStatus {
                    number: number.clone(),
                    status,
                    on: on.unwrap_or_else(today),
                    reason,
                })
                .await?;
            writeln!(out, "{number} is now {} ({})", status.as_str(), status.thai())?;
        }
        AssetsCommand::Export { out: path } => {
            let done = documents::export_assets_xlsx(store, today(), &path).await?;
            writeln!(out, "wrote {} ({} bytes)", done.path, done.bytes)?;
        }
        AssetsCommand::Summary { year, format } => {
            let s = store.asset_summary(year, today()).await?;
            match format {
                ListFormat::Json => writeln!(out, "{}", json(&s))?,
                ListFormat::Text => writeln!(out, "{}", s.phrase())?,
            }
        }
    }
    Ok(())
}

async fn loan_command(store: &Store, command: LoanCommand, out: &mut impl Write) -> Result<(), CoreError> {
    use prongsai_core::assets::{Authority, LoanFilter, LoanRequest, ReturnCondition, Settlement};
    let authority = |delegate: bool| if delegate { Authority::Delegate } else { Authority::Head };
    let (change, id) = match command {
        LoanCommand::Request {
            asset,
            borrower,
            position,
            division,
            purpose,
            outside,
            from,
            due,
            on,
        } => {
            let change = Change::RequestLoan {
                request: LoanRequest {
                    asset_number: asset,
                    borrower,
                    position,
                    division,
                    purpose,
                    outside,
                    borrow_on: from,
                    due_on: due,
                },
                on: on.unwrap_or_else(today),
            };
            store.apply(change).await?;
            let id = store.loans(&LoanFilter::default(), today()).await?[0].id;
            writeln!(out, "loan {id} requested")?;
            return Ok(());
        }
        LoanCommand::Approve { id, by, delegate, on } => (
            Change::DecideLoan {
                loan_id: id,
                approve: true,
                by,
                authority: authority(delegate),
                on: on.unwrap_or_else(today),
                reason: String::new(),
            },
            id,
        ),
        LoanCommand::Refuse {
            id,
            by,
            delegate,
            reason,
            on,
        } => (
            Change::DecideLoan {
                loan_id: id,
                approve: false,
                by,
                authority: authority(delegate),
                on: on.unwrap_or_else(today),
                reason,
            },
            id,
        ),
        LoanCommand::Handover { id, by, on } => (
            Change::HandOverLoan {
                loan_id: id,
                on: on.unwrap_or_else(today),
                by,
            },
            id,
        ),
        LoanCommand::Return {
            id,
            condition,
            received_by,
            on,
        } => (
            Change::ReturnLoan {
                loan_id: id,
                on: on.unwrap_or_else(today),
                condition: match condition {
                    ConditionArg::Good => ReturnCondition::Good,
                    ConditionArg::Damaged => ReturnCondition::Damaged,
                    ConditionArg::Lost => ReturnCondition::Lost,
                },
                received_by,
            },
            id,
        ),
        LoanCommand::Correct {
            id,
            step,
            on,
            by,
            reason,
        } => (
            Change::CorrectLoan {
                loan_id: id,
                step: match step {
                    CorrectStepArg::Decision => prongsai_core::assets::LoanStep::Approve,
                    CorrectStepArg::Handover => prongsai_core::assets::LoanStep::HandOver,
                    CorrectStepArg::Return => prongsai_core::assets::LoanStep::Return,
                    CorrectStepArg::Settle => prongsai_core::assets::LoanStep::Settle,
                },
                on,
                by,
                reason,
            },
            id,
        ),
        LoanCommand::Settle { id, how, note, on } => (
            Change::SettleLoan {
                loan_id: id,
                settlement: match how {
                    SettlementArg::Repaired => Settlement::Repaired,
                    SettlementArg::Replaced => Settlement::Replaced,
                    SettlementArg::Paid => Settlement::Paid,
                },
                note,
                on: on.unwrap_or_else(today),
            },
            id,
        ),
        LoanCommand::List {
            overdue,
            due_within,
            borrower,
            as_of,
            format,
        } => {
            let day = as_of.unwrap_or_else(today);
            let filter = LoanFilter {
                state: None,
                overdue_on: overdue.then_some(day),
                due_within,
                borrower,
            };
            let loans = store.loans(&filter, day).await?;
            match format {
                ListFormat::Json => writeln!(out, "{}", json(&loans))?,
                ListFormat::Text => {
                    for l in &loans {
                        writeln!(
                            out,
                            "{}\t{}\t{}\t{}\tdue {}{}",
                            l.id,
                            l.state.as_str(),
                            l.asset_number(),
                            l.request.borrower,
                            l.request.due_on,
                            if l.overdue(day) { "\toverdue" } else { "" }
                        )?;
                    }
                }
            }
            return Ok(());
        }
        LoanCommand::Slip { id, out: path } => {
            let done = documents::export_loan_slip(store, id, &path).await?;
            writeln!(out, "wrote {} ({} bytes)", done.path, done.bytes)?;
            return Ok(());
        }
    };
    store.apply(change).await?;
    let loan = store.loan(id).await?;
    writeln!(out, "loan {id} is now {}", loan.state.as_str().replace('_', " "))?;
    Ok(())
}

async fn inspection_command(store: &Store, command: InspectionCommand, out: &mut impl Write) -> Result<(), CoreError> {
    use prongsai_core::assets::{Finding, Member};
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
            writeln!(out, "inspection of {year} started")?;
        }
        InspectionCommand::Record {
            year,
            asset,
            finding,
            note,
        } => {
            let finding = match finding {
                FindingArg::Found => Finding::Found,
                FindingArg::NotFound => Finding::NotFound,
                FindingArg::Damaged => Finding::Damaged,
                FindingArg::Obsolete => Finding::Obsolete,
            };
            store
                .apply(Change::RecordFinding {
                    year_be: year,
                    number: asset.clone(),
                    finding,
                    note,
                })
                .await?;
            writeln!(out, "{asset}: {}", finding.as_str())?;
        }
        InspectionCommand::Confirm { year, on } => {
            store
                .apply(Change::ConfirmInspection {
                    year_be: year,
                    on: on.unwrap_or_else(today),
                })
                .await?;
            writeln!(out, "inspection of {year} confirmed")?;
        }
        InspectionCommand::Report { year, out: path } => {
            let done = documents::export_inspection(store, year, &path).await?;
            writeln!(out, "wrote {} ({} bytes)", done.path, done.bytes)?;
        }
    }
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
