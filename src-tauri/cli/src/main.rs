//! `prongsai-cli`: the headless face of prongsai-core, for CI and power
//! users. Every command opens the same database the app uses (or `--db`),
//! creating it with the sample report on first use. Errors print one line
//! to stderr and exit non-zero.
//!
//! This file only parses and dispatches: each family of commands is a
//! module (its arguments and its run), `output` prints, `args` reads values.

mod args;
mod assets;
mod budget;
mod history;
mod inspection;
mod ita;
mod loan;
mod org;
mod output;
mod publish;
mod report;
mod year;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{Parser, Subcommand};
use prongsai_core::store::{Access, AppLock, canonical_db_path};
use prongsai_core::{CoreError, paths};

use output::{Out, fail, note};

/// mimalloc, not the C library's allocator: an import or a replay makes and
/// frees millions of small values (cells, bound texts, SQLite's copies of
/// them) on three threads, and glibc's allocator spent about a fifth of an
/// import (docs/benchmarks.md, seventh pass).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    #[command(flatten)]
    Report(report::ReportCommand),
    /// Organization settings
    Org {
        #[command(subcommand)]
        command: org::OrgCommand,
    },
    /// The year's budget
    Budget {
        #[command(subcommand)]
        command: budget::BudgetCommand,
    },
    /// Fiscal years: start one from another, set its status
    Year {
        #[command(subcommand)]
        command: year::YearCommand,
    },
    /// The asset register (ทะเบียนครุภัณฑ์)
    Assets {
        #[command(subcommand)]
        command: assets::AssetsCommand,
    },
    /// Loans of durable supplies: request, approve or refuse, hand over, return
    Loan {
        #[command(subcommand)]
        command: loan::LoanCommand,
    },
    /// The annual inspection of supplies (ข้อ 213)
    Inspection {
        #[command(subcommand)]
        command: inspection::InspectionCommand,
    },
    /// ITA assessment rounds: item catalogues, the tracker, the result
    /// received and its O25 analysis, the ITAS answer sheet and its URLs
    Ita {
        #[command(subcommand)]
        command: ita::ItaCommand,
    },
    #[command(flatten)]
    Publish(publish::PublishCommand),
    #[command(flatten)]
    History(history::HistoryCommand),
    /// Replace the database with a backup, after backing up the current state
    Restore { file: PathBuf },
    /// Print an amount in Thai words, as Excel's BAHTTEXT (`baht-text -- -5` for negatives)
    BahtText {
        /// The amount: 1234.50, 1,234.50, ๑,๒๓๔.๕๐ or (1,234.50)
        #[arg(allow_hyphen_values = true)]
        amount: String,
    },
}

impl Command {
    /// Whether a command only reads: beside the open app it then reads the
    /// database read-only; every other command is refused there.
    fn access(&self) -> Access {
        let reads = match self {
            Command::Report(c) => c.reads(),
            Command::History(c) => c.reads(),
            Command::Publish(c) => c.reads(),
            Command::Budget { command } => command.reads(),
            Command::Assets { command } => command.reads(),
            Command::Loan { command } => command.reads(),
            Command::Inspection { command } => command.reads(),
            Command::Ita { command } => command.reads(),
            Command::Org { command } => command.reads(),
            Command::Year { .. } | Command::Restore { .. } | Command::BahtText { .. } => false,
        };
        if reads { Access::CliRead } else { Access::CliWrite }
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

async fn run(cli: Cli) -> Result<(), CoreError> {
    let mut out = Out::stdout();
    // Commands that need no database.
    if let Command::BahtText { amount } = &cli.command {
        let value = prongsai_core::money::parse_amount(amount)?;
        return out.line(prongsai_core::money::baht_text(value));
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
        return out.line(format_args!(
            "restored {} from {} (the previous state is in {})",
            path.display(),
            file.display(),
            safety.display()
        ));
    }
    let session = prongsai_core::store::session::open(&path, cli.command.access()).await?;
    let store = session.store.with_actor(cli.user);
    if session.opened.seeded {
        note(format_args!("created {} with the sample report", path.display()));
    }
    if let Some(backup) = &session.opened.backup {
        note(format_args!(
            "backed up the database to {} before upgrading it",
            backup.display()
        ));
    }
    let result = match cli.command {
        Command::Report(c) => report::run(&store, c, &mut out).await,
        Command::History(c) => history::run(&store, c, &mut out).await,
        Command::Publish(c) => publish::run(&store, c, &mut out).await,
        Command::Org { command } => org::run(&store, command, &mut out).await,
        Command::Budget { command } => budget::run(&store, command, &mut out).await,
        Command::Year { command } => year::run(&store, command, &mut out).await,
        Command::Assets { command } => assets::run(&store, command, &mut out).await,
        Command::Loan { command } => loan::run(&store, command, &mut out).await,
        Command::Inspection { command } => inspection::run(&store, command, &mut out).await,
        Command::Ita { command } => ita::run(&store, command, &mut out).await,
        Command::Restore { .. } | Command::BahtText { .. } => unreachable!("handled before the database is opened"),
    }
    .and_then(|()| out.flush());
    store.close().await;
    drop(session.lock);
    result
}
