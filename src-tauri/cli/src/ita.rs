//! ITA rounds: their item catalogues, the result received, the O25
//! analysis, the ITAS answer sheet and its URLs.

use std::path::PathBuf;

use clap::Subcommand;
use prongsai_core::ita::links::{LinkProblem, Online};
use prongsai_core::{Change, CoreError, Store, documents};

use crate::output::{ListFormat, Out, malformed};

#[derive(Subcommand)]
pub enum ItaCommand {
    /// The assessment rounds stored (ITA 2566, ITA 2569, …)
    Years {
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// A round's items: code, the fiscal year each asks for, the tracker's
    /// status, the previous round's items it continues
    Items {
        /// The assessment year (BE), e.g. 2569
        #[arg(long)]
        year: i32,
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// Import a round's catalogue from CSV or XLSX (columns code, title,
    /// period, and optionally contents, was, confirmed); every row is
    /// checked and any row refused refuses the file
    ImportCatalogue {
        file: PathBuf,
        /// The assessment year (BE) the catalogue is for, e.g. 2570
        #[arg(long)]
        year: i32,
        /// The round the `was` column names [default: the newest earlier round stored]
        #[arg(long, value_name = "YEAR")]
        previous: Option<i32>,
        /// Replace the round's catalogue (its tracker is kept by code)
        #[arg(long)]
        replace: bool,
        /// Check the file only
        #[arg(long)]
        dry_run: bool,
    },
    /// Add the catalogue Prongsai ships for a round (2566 or 2569)
    AddRound {
        #[arg(long)]
        year: i32,
    },
    /// Import the ITA result received (columns instrument, indicator, name,
    /// score, and optionally previous) for the round it scores
    ImportScores {
        file: PathBuf,
        /// The round scored (BE), e.g. 2568
        #[arg(long)]
        year: i32,
        #[arg(long)]
        dry_run: bool,
    },
    /// Print O25 for a round: the analysis of the round before's result and
    /// the measures set; with --out, write it as a PDF
    Analysis {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// Write the ITAS answer sheet (.xlsx or .pdf by the file's extension)
    Answers {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
    },
    /// Check every answer's URL: https, on the organization's domains, well
    /// formed; and, when a network is present, that it opens. Fails when a
    /// URL has a problem
    CheckLinks {
        #[arg(long)]
        year: i32,
        /// Do not open the URLs
        #[arg(long)]
        offline: bool,
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    /// Set the domains of the organization's website (ITAS URLs must be on them)
    SetDomains {
        #[arg(required = true)]
        domains: Vec<String>,
    },
}

impl ItaCommand {
    pub fn reads(&self) -> bool {
        match self {
            ItaCommand::Years { .. }
            | ItaCommand::Items { .. }
            | ItaCommand::Analysis { .. }
            | ItaCommand::Answers { .. }
            | ItaCommand::CheckLinks { .. } => true,
            ItaCommand::ImportCatalogue { dry_run, .. } | ItaCommand::ImportScores { dry_run, .. } => *dry_run,
            ItaCommand::AddRound { .. } | ItaCommand::SetDomains { .. } => false,
        }
    }
}

fn problem_words(p: &LinkProblem) -> String {
    match p {
        LinkProblem::Missing => "answered มี without a URL".into(),
        LinkProblem::Malformed { detail } => format!("not a well-formed URL ({detail})"),
        LinkProblem::NotHttps => "not https".into(),
        LinkProblem::ForeignDomain { host } => format!("not on the organization's website ({host})"),
    }
}

fn online_words(o: &Online) -> Option<String> {
    match o {
        Online::NotChecked => None,
        Online::Answered { status } => Some(format!("answers ({status})")),
        Online::Redirected { to, status } => Some(format!("redirects to {to} ({status})")),
        Online::ErrorPage { to, status } => {
            Some(format!("redirects to an error page or another site: {to} ({status})"))
        }
        Online::Failed {
            status: Some(s),
            reason,
        } => Some(format!("fails: HTTP {s} {reason}")),
        Online::Failed { status: None, reason } => Some(format!("does not answer: {reason}")),
    }
}

fn import_report(
    out: &mut Out,
    file: &std::path::Path,
    r: &prongsai_core::store::ItaImport,
    what: &str,
) -> Result<(), CoreError> {
    out.read_notes(&r.notes)?;
    if !r.source.is_empty() {
        out.line(format_args!("source: {}", r.source))?;
    }
    out.line(format_args!("rows: {}", r.rows))?;
    for e in &r.errors {
        out.row_error(e.row, e.column.as_deref(), &e.message)?;
    }
    if !r.errors.is_empty() {
        out.flush()?;
        return Err(malformed(
            file,
            format!("{} rows have problems; nothing was imported", r.errors.len()),
        ));
    }
    if r.imported {
        out.line(format_args!("imported the {what}"))
    } else {
        out.line("dry run: nothing was imported")
    }
}

pub async fn run(store: &Store, command: ItaCommand, out: &mut Out) -> Result<(), CoreError> {
    match command {
        ItaCommand::Years { format } => {
            let rounds = store.ita_rounds().await?;
            out.list(format, &rounds, |r| {
                let previous = r
                    .previous_year
                    .map(|p| format!("\tcontinues ITA {p}"))
                    .unwrap_or_default();
                format!(
                    "ITA {}\t{} items\t{} published{previous}",
                    r.year_be, r.items, r.published
                )
            })
        }
        ItaCommand::Items { year, format } => {
            let round = store.ita_round(year).await?;
            out.list(format, &round.items, |i| {
                let was = if i.item.was.is_empty() {
                    String::new()
                } else {
                    format!("\twas {}", i.item.was.join(" "))
                };
                let unconfirmed = if i.item.confirmed { "" } else { " (unconfirmed title)" };
                let wrong = if i.wrong_year {
                    " · evidence of another year"
                } else {
                    ""
                };
                format!(
                    "{}\tFY {}\t{}{wrong}\t{}{unconfirmed}{was}",
                    i.item.code,
                    i.fiscal_year,
                    i.track.status.as_str(),
                    i.item.title
                )
            })
        }
        ItaCommand::ImportCatalogue {
            file,
            year,
            previous,
            replace,
            dry_run,
        } => {
            let r = store
                .import_ita_catalogue_file(&file, year, previous, replace, !dry_run)
                .await?;
            import_report(out, &file, &r, &format!("catalogue of ITA {year}"))
        }
        ItaCommand::AddRound { year } => {
            store.add_shipped_round(year).await?;
            out.line(format_args!(
                "added ITA {year} with the catalogue Prongsai ships (check it against the NACC manual)"
            ))
        }
        ItaCommand::ImportScores { file, year, dry_run } => {
            let r = store.import_ita_scores_file(&file, year, !dry_run).await?;
            import_report(out, &file, &r, &format!("result of ITA {year}"))
        }
        ItaCommand::Analysis {
            year, out: Some(path), ..
        } => out.wrote(&documents::export_ita_analysis(store, year, &path).await?),
        ItaCommand::Analysis {
            year,
            out: None,
            format,
        } => {
            let a = store.ita_analysis(year).await?;
            if matches!(format, ListFormat::Json) {
                return out.json(&a);
            }
            if a.sample {
                out.line("sample: the scores are made up")?;
            }
            for r in &a.rows {
                let change = r.change.map(|c| format!("{c:+.2}")).unwrap_or_else(|| "-".into());
                let flag = match (r.below, r.fell) {
                    (true, true) => "\tunder 85, fell",
                    (true, false) => "\tunder 85",
                    (false, true) => "\tfell",
                    (false, false) => "",
                };
                let measures: Vec<String> = r.measures.iter().map(|m| format!("measure {}", m + 1)).collect();
                out.line(format_args!(
                    "{} {}\t{}\t{:.2}\t{change}{flag}\t{}",
                    r.instrument.label(),
                    r.indicator,
                    r.name,
                    r.score,
                    measures.join(", ")
                ))?;
            }
            if !a.unanswered.is_empty() {
                out.line(format_args!(
                    "no measure yet for indicators {}",
                    a.unanswered.join(", ")
                ))?;
            }
            Ok(())
        }
        ItaCommand::Answers { year, out: path } => out.wrote(&documents::export_ita_answers(store, year, &path).await?),
        ItaCommand::CheckLinks { year, offline, format } => {
            let (answers, online) = store.ita_check_links(year, !offline).await?;
            let checked: Vec<_> = answers
                .iter()
                .filter(|a| !a.url.is_empty() || a.has)
                .map(|a| &a.check)
                .collect();
            out.list(format, &checked, |c| {
                let mut words: Vec<String> = c.problems.iter().map(problem_words).collect();
                words.extend(online_words(&c.online));
                let verdict = if c.is_ok() { "ok" } else { "PROBLEM" };
                format!("{}\t{verdict}\t{}\t{}", c.code, c.url, words.join("; "))
            })?;
            if !online && !offline {
                crate::output::note("no network: the URLs were checked offline only");
            }
            let bad = checked.iter().filter(|c| !c.is_ok()).count();
            if bad > 0 {
                out.flush()?;
                return Err(CoreError::MalformedImport {
                    path: format!("ITA {year}"),
                    message: format!("{bad} URLs have problems"),
                });
            }
            Ok(())
        }
        ItaCommand::SetDomains { domains } => {
            store.apply(Change::SetWebDomains { domains }).await?;
            let org = store.organization().await?;
            out.line(format_args!("the website's domains: {}", org.domains.join(", ")))
        }
    }
}
