//! ITA rounds as the app and the CLI use them: the reads, a catalogue or a
//! result imported from a file (checked whole, written as one change or
//! not at all), the O25 analysis, the answer sheet with its URLs checked,
//! and what starting an agency's own report removes of the sample's.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::budget_import::RowError;
use crate::change::{Applied, Change};
use crate::error::Result;
use crate::ita::analysis::{Analysis, analyse};
use crate::ita::answers::{Answer, answers};
use crate::ita::links::{check_online, network_present};
use crate::ita::{Crossing, Round, RoundSummary, ScoreSet, Track, catalogue, crosswalk, scores};
use crate::refusal::Refusal;
use crate::table::{ReadOptions, Table};

use super::{Store, ita};

/// What importing a catalogue or a result file did, or would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ItaImport {
    /// Rows read (items or indicators).
    pub rows: usize,
    /// Every refused row: any one refuses the file.
    pub errors: Vec<RowError>,
    /// How the file was read (see [`Table::notes`]).
    pub notes: Vec<String>,
    /// The title rows above the header, kept as the source.
    pub source: String,
    /// Whether it was written.
    pub imported: bool,
}

fn import_result(table: &Table, rows: usize, errors: Vec<RowError>, source: String) -> ItaImport {
    ItaImport {
        rows,
        errors,
        notes: table.notes.clone(),
        source,
        imported: false,
    }
}

/// The online check's per-URL time limit.
const LINK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

impl Store {
    /// The rounds stored, newest first.
    pub async fn ita_rounds(&self) -> Result<Vec<RoundSummary>> {
        ita::rounds(&mut *self.pool.acquire().await?).await
    }

    /// A round with its tracker, findings and measures.
    pub async fn ita_round(&self, year_be: i32) -> Result<Round> {
        ita::round(&mut *self.pool.acquire().await?, year_be).await
    }

    /// The result stored for round `year_be`.
    pub async fn ita_scores(&self, year_be: i32) -> Result<Option<ScoreSet>> {
        ita::score_set(&mut *self.pool.acquire().await?, year_be).await
    }

    /// Every round's result stored, oldest first: what `verify` compares.
    pub(super) async fn all_ita_scores(&self) -> Result<Vec<ScoreSet>> {
        let mut conn = self.pool.acquire().await?;
        let mut all = Vec::new();
        for y in ita::all_score_years(&mut conn).await? {
            all.extend(ita::score_set(&mut conn, y).await?);
        }
        Ok(all)
    }

    /// The crosswalk from round `year_be` to the round its items continue.
    pub async fn ita_crosswalk(&self, year_be: i32) -> Result<Vec<Crossing>> {
        let round = self.ita_round(year_be).await?.catalogue();
        let previous = match round.previous_year {
            Some(p) if self.ita_rounds().await?.iter().any(|r| r.year_be == p) => {
                Some(self.ita_round(p).await?.catalogue())
            }
            _ => None,
        };
        Ok(crosswalk(&round, previous.as_ref()))
    }

    /// O25 for round `year_be`: the result of the round before, analysed.
    pub async fn ita_analysis(&self, year_be: i32) -> Result<Analysis> {
        let round = self.ita_round(year_be).await?;
        let scores = self
            .ita_scores(year_be - 1)
            .await?
            .ok_or(Refusal::NoScores { year_be: year_be - 1 })?;
        let before = self.ita_scores(year_be - 2).await?;
        Ok(analyse(&round, &scores, before.as_ref()))
    }

    /// The ITAS answers of round `year_be`, their URLs checked offline.
    pub async fn ita_answers(&self, year_be: i32) -> Result<Vec<Answer>> {
        let round = self.ita_round(year_be).await?;
        let org = self.organization().await?;
        Ok(answers(&round, &org.domains))
    }

    /// The answers of round `year_be` with every URL checked offline and,
    /// when `online` and a network is present, opened. Returns the answers
    /// and whether they were checked online.
    pub async fn ita_check_links(&self, year_be: i32, online: bool) -> Result<(Vec<Answer>, bool)> {
        let mut all = self.ita_answers(year_be).await?;
        let org = self.organization().await?;
        let probe = org.domains.first().cloned().or_else(|| {
            all.iter()
                .find_map(|a| url::Url::parse(&a.url).ok()?.host_str().map(str::to_owned))
        });
        let Some(probe) = probe.filter(|_| online) else {
            return Ok((all, false));
        };
        let checked = tokio::task::spawn_blocking(move || {
            if !network_present(&probe) {
                return (all, false);
            }
            // Four at a time, each taking the next URL when it is done: a
            // government site may throttle a burst, and one slow URL holds
            // up no other.
            let urls: Vec<(usize, String)> = all
                .iter()
                .enumerate()
                .filter(|(_, a)| !a.url.is_empty() && url::Url::parse(&a.url).is_ok())
                .map(|(i, a)| (i, a.url.clone()))
                .collect();
            let next = std::sync::atomic::AtomicUsize::new(0);
            let opened = std::sync::Mutex::new(Vec::new());
            std::thread::scope(|s| {
                for _ in 0..4 {
                    s.spawn(|| {
                        while let Some((i, url)) = urls.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) {
                            let online = check_online(url, LINK_TIMEOUT);
                            opened.lock().expect("no checker panics").push((*i, online));
                        }
                    });
                }
            });
            for (i, online) in opened.into_inner().expect("no checker panics") {
                all[i].check = all[i].check.clone().opened(online);
            }
            (all, true)
        })
        .await
        .map_err(|e| crate::CoreError::Io(format!("the link check stopped: {e}")))?;
        Ok(checked)
    }

    /// Reads a catalogue for round `year_be` from `path` and, when `write`
    /// and every row is understood, sets it (`replace`: over the round's
    /// own). Its `was` codes name round `previous` [default: the newest
    /// earlier round stored], and must be its items when it is stored.
    pub async fn import_ita_catalogue_file(
        &self,
        path: &Path,
        year_be: i32,
        previous: Option<i32>,
        replace: bool,
        write: bool,
    ) -> Result<ItaImport> {
        let table = crate::table::read_file(path, &ReadOptions::default())?;
        let stored: Vec<i32> = self.ita_rounds().await?.into_iter().map(|r| r.year_be).collect();
        let previous = previous.or_else(|| stored.iter().copied().find(|y| *y < year_be));
        let known: Option<Vec<String>> = match previous {
            Some(p) if stored.contains(&p) => Some(
                self.ita_round(p)
                    .await?
                    .items
                    .into_iter()
                    .map(|i| i.item.code)
                    .collect(),
            ),
            _ => None,
        };
        let (catalogue, errors) = catalogue::read(&table, year_be, previous.map(|p| (p, known.as_deref())))?;
        let mut result = import_result(&table, catalogue.items.len(), errors, catalogue.source.clone());
        if write && result.errors.is_empty() {
            self.apply(Change::SetItaCatalogue { catalogue, replace }).await?;
            result.imported = true;
        }
        Ok(result)
    }

    /// Reads the result of round `year_be` from `path` and, when `write` and
    /// every row is understood, stores it over any result of that round.
    pub async fn import_ita_scores_file(&self, path: &Path, year_be: i32, write: bool) -> Result<ItaImport> {
        let table = crate::table::read_file(path, &ReadOptions::default())?;
        let (set, errors) = scores::read(&table, year_be, false)?;
        let mut result = import_result(&table, set.scores.len(), errors, set.source.clone());
        if write && result.errors.is_empty() {
            self.apply(Change::SetItaScores {
                year_be,
                scores: Some(set),
            })
            .await?;
            result.imported = true;
        }
        Ok(result)
    }

    /// What starting an agency's own report removes of the sample's ITA
    /// data: the made-up result, and the tracker entries, findings,
    /// measures and domains the sample seeded, where they are still as
    /// seeded (an agency's own entries stay). The catalogues stay: they
    /// serve every agency.
    pub(super) async fn sample_ita_removal(&self) -> Result<Vec<Change>> {
        let work = super::sample_round::work();
        let year_be = super::sample_round::ROUND;
        let mut changes = Vec::new();
        if self.ita_rounds().await?.iter().any(|r| r.year_be == year_be) {
            let round = self.ita_round(year_be).await?;
            if !round.measures.is_empty() && round.measures == work.measures {
                changes.push(Change::SetItaMeasures {
                    year_be,
                    measures: Vec::new(),
                });
            }
            for f in &round.findings {
                if work
                    .findings
                    .iter()
                    .any(|(i, issue)| *i == f.indicator && *issue == f.issue)
                {
                    changes.push(Change::SetItaFinding {
                        year_be,
                        indicator: f.indicator.clone(),
                        issue: String::new(),
                    });
                }
            }
            for i in &round.items {
                if work
                    .tracks
                    .iter()
                    .any(|(code, t)| *code == i.item.code && *t == i.track)
                {
                    changes.push(Change::SetItaTrack {
                        year_be,
                        code: i.item.code.clone(),
                        track: Track::default(),
                    });
                }
            }
        }
        for s in self.all_ita_scores().await?.into_iter().filter(|s| s.sample) {
            changes.push(Change::SetItaScores {
                year_be: s.year_be,
                scores: None,
            });
        }
        if self.organization().await?.domains == work.domains {
            changes.push(Change::SetWebDomains { domains: Vec::new() });
        }
        Ok(changes)
    }

    /// Adds the catalogue Prongsai ships for round `year_be`.
    pub async fn add_shipped_round(&self, year_be: i32) -> Result<Applied> {
        let catalogue = catalogue::shipped(year_be).ok_or(Refusal::ItaRoundMissing { year_be })??;
        self.apply(Change::SetItaCatalogue {
            catalogue,
            replace: false,
        })
        .await
    }
}
