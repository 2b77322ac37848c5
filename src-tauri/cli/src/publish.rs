//! Publishing: the website folder and open data.

use std::path::PathBuf;

use clap::Subcommand;
use prongsai_core::publish::infographic::{Kind, Size, Theme};
use prongsai_core::publish::{self, Progress, PublishOptions, Published};
use prongsai_core::{CoreError, Store};

use crate::output::{Out, note};

#[derive(Subcommand)]
pub enum PublishCommand {
    /// Write a fiscal year's website folder: index.html with the report as
    /// an accessible table, a page per ITA item, the PDFs and Word file,
    /// open data; no script, no remote file
    Publish {
        /// Fiscal year in the Buddhist Era, e.g. 2566
        #[arg(long)]
        year: i32,
        /// The folder (created if missing; files of the same name are replaced)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Include names of people in the open data (borrowers, approvers, asset notes)
        #[arg(long)]
        with_names: bool,
    },
    /// Write a fiscal year's open data: budget monitoring, asset register and
    /// loan book as CSV (UTF-8 with BOM) and XLSX, each with a data dictionary,
    /// and metadata.csv
    OpenData {
        /// Fiscal year in the Buddhist Era, e.g. 2566
        #[arg(long)]
        year: i32,
        /// The folder (created if missing)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Include names of people (borrowers, approvers, asset notes)
        #[arg(long)]
        with_names: bool,
    },
    /// Draw an infographic from the records: PNG (1040 px square for LINE,
    /// or A4 at 150 dpi), or PDF when FILE ends in .pdf
    Infographic {
        /// Fiscal year in the Buddhist Era, e.g. 2566
        #[arg(long)]
        year: i32,
        #[arg(long, value_enum)]
        kind: Kind,
        #[arg(long, value_enum, default_value_t = Size::Line)]
        size: Size,
        #[arg(long, value_enum, default_value_t = Theme::Navy)]
        theme: Theme,
        /// The budget's months: 6 or 12 [default: 12 once anything was spent after March]
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(["6", "12"]))]
        through: Option<String>,
        /// The file to write (.png, or .pdf)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

impl PublishCommand {
    /// Every publishing command only reads the database.
    pub fn reads(&self) -> bool {
        true
    }
}

fn told(done: &Published, out: &mut Out) -> Result<(), CoreError> {
    out.line(format_args!(
        "wrote {} files ({} bytes) in {}; open {}",
        done.files.len(),
        done.bytes,
        done.dir,
        done.index
    ))
}

pub async fn run(store: &Store, command: PublishCommand, out: &mut Out) -> Result<(), CoreError> {
    match command {
        PublishCommand::Publish {
            year,
            out: dir,
            with_names,
        } => {
            // Steps are told once the work has taken half a second.
            let start = std::time::Instant::now();
            let progress = move |p: Progress| {
                if start.elapsed().as_millis() > 500 {
                    note(format_args!("[{}/{}] {} {}", p.done, p.total, p.step.words(), p.detail));
                }
            };
            let done = publish::publish_site(store, year, &dir, PublishOptions { with_names }, &progress).await?;
            told(&done, out)
        }
        PublishCommand::Infographic {
            year,
            kind,
            size,
            theme,
            through,
            out: path,
        } => {
            let through = through.and_then(|t| t.parse().ok());
            let done = publish::export_infographic(store, year, (kind, size, theme), through, &path).await?;
            out.wrote(&done)
        }
        PublishCommand::OpenData {
            year,
            out: dir,
            with_names,
        } => {
            let done = publish::open_data(store, year, &dir, PublishOptions { with_names }).await?;
            told(&done, out)
        }
    }
}
