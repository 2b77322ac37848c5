//! ITA rounds as the app and the CLI use them: the reads, a catalogue or a
//! result imported from a file (checked whole, written as one change or
//! not at all), the O25 analysis, the answer sheet with its URLs checked,
//! and the sample's ITA 2569 round seeded through those same paths.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::budget_import::RowError;
use crate::change::{Applied, Change};
use crate::domain::{OitItem, ReportDoc};
use crate::error::Result;
use crate::ita::analysis::{Analysis, analyse};
use crate::ita::answers::{Answer, answers};
use crate::ita::links::{check_online, network_present};
use crate::ita::{Crossing, Round, RoundSummary, ScoreSet, Track, TrackStatus, catalogue, crosswalk, scores};
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
            std::thread::scope(|s| {
                // A few at a time: a government site may throttle a burst.
                for chunk in all.chunks_mut(4) {
                    let handles: Vec<_> = chunk
                        .iter_mut()
                        .filter(|a| !a.url.is_empty() && url::Url::parse(&a.url).is_ok())
                        .map(|a| s.spawn(move || a.check.online = check_online(&a.url, LINK_TIMEOUT)))
                        .collect();
                    for h in handles {
                        let _ = h.join();
                    }
                }
            });
            (all, true)
        })
        .await
        .map_err(|e| crate::CoreError::Io(format!("the link check stopped: {e}")))?;
        Ok(checked)
    }

    /// Reads a catalogue for round `year_be` from `path` and, when `write`
    /// and every row is understood, sets it (`replace`: over the round's
    /// own). The crosswalk names the newest earlier round stored.
    pub async fn import_ita_catalogue_file(
        &self,
        path: &Path,
        year_be: i32,
        replace: bool,
        write: bool,
    ) -> Result<ItaImport> {
        let table = crate::table::read_file(path, &ReadOptions::default())?;
        let previous = self
            .ita_rounds()
            .await?
            .into_iter()
            .map(|r| r.year_be)
            .find(|y| *y < year_be);
        let (catalogue, errors) = catalogue::read(&table, year_be, previous)?;
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
    /// data, when the sample's made-up result is still stored: that result,
    /// the rounds' tracker, findings and measures (the DIP's), and the
    /// website's domains. The catalogues stay: they serve every agency.
    pub(super) async fn sample_ita_removal(&self) -> Result<Vec<Change>> {
        let samples: Vec<ScoreSet> = self.all_ita_scores().await?.into_iter().filter(|s| s.sample).collect();
        if samples.is_empty() {
            return Ok(Vec::new());
        }
        let mut changes = Vec::new();
        for r in self.ita_rounds().await? {
            let round = self.ita_round(r.year_be).await?;
            if !round.measures.is_empty() {
                changes.push(Change::SetItaMeasures {
                    year_be: r.year_be,
                    measures: Vec::new(),
                });
            }
            for f in &round.findings {
                changes.push(Change::SetItaFinding {
                    year_be: r.year_be,
                    indicator: f.indicator.clone(),
                    issue: String::new(),
                });
            }
            for i in round.items.iter().filter(|i| !i.track.is_empty()) {
                changes.push(Change::SetItaTrack {
                    year_be: r.year_be,
                    code: i.item.code.clone(),
                    track: Track::default(),
                });
            }
        }
        changes.extend(samples.iter().map(|s| Change::SetItaScores {
            year_be: s.year_be,
            scores: None,
        }));
        changes.push(Change::SetWebDomains { domains: Vec::new() });
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

/// The sample's ITA 2569 round, as an agency would make it: the shipped
/// catalogues of 2566 and 2569, the made-up result of 2568 (marked as a
/// sample), the DIP report moved forward as the FY 2568 draft that O26
/// asks for (filed under the item the crosswalk takes O43 to), the website's
/// domain, and a tracker, findings and measures to show. One change.
pub(super) fn sample_round(sample: &ReportDoc) -> Result<Change> {
    const ROUND: i32 = 2569;
    let mut changes = Vec::new();
    let mut c69 = None;
    for (year, _) in catalogue::SHIPPED {
        let c = catalogue::shipped(year).ok_or(Refusal::ItaRoundMissing { year_be: year })??;
        if year == ROUND {
            c69 = Some(c.clone());
        }
        changes.push(Change::SetItaCatalogue {
            catalogue: c,
            replace: false,
        });
    }
    let c69 = c69.ok_or(Refusal::ItaRoundMissing { year_be: ROUND })?;
    let (year, csv) = scores::SAMPLE;
    let (set, errors) = scores::read(&crate::table::read_csv(csv.as_bytes())?, year, true)?;
    if let Some(e) = errors.first() {
        return Err(crate::CoreError::Database(format!(
            "the sample result: row {}: {}",
            e.row, e.message
        )));
    }
    changes.push(Change::SetItaScores {
        year_be: year,
        scores: Some(set),
    });
    // The report O26 asks for: FY 2568, filed under the item O43 became.
    let fy = ROUND - 1;
    let mut doc = sample.clone();
    doc.year.year_be = fy;
    doc.memos.clear();
    doc.year.oit_items = c69
        .items
        .iter()
        .filter(|i| i.period.fiscal_year(ROUND) == fy)
        .map(|i| OitItem {
            code: i.code.clone(),
            title: i.title.clone(),
        })
        .collect();
    let filed = c69
        .items
        .iter()
        .find(|i| i.was.iter().any(|w| w == "O43"))
        .ok_or(Refusal::ItaRoundMissing { year_be: ROUND })?;
    doc.year.oit_code = filed.code.clone();
    // Titled as the framework words the item, headings otherwise the DIP's.
    let headings = crate::domain::Headings {
        title: doc.year.title.clone(),
        heading: doc.year.heading.clone(),
        part1_heading: doc.year.part1_heading.clone(),
        part2_heading: doc.year.part2_heading.clone(),
        columns: doc.year.columns.clone(),
    }
    .following_item(&filed.title);
    doc.year.title = headings.title;
    changes.push(Change::ImportReport {
        doc: Box::new(doc),
        replace: false,
    });
    changes.push(Change::SetWebDomains {
        domains: vec!["ipthailand.go.th".into()],
    });
    let site = "https://www.ipthailand.go.th/th/ita-2569";
    let track = |division: &str, status: TrackStatus, url: &str, explanation: &str, evidence: Option<i32>| Track {
        division: division.into(),
        due: chrono::NaiveDate::from_ymd_opt(2026, 4, 30),
        status,
        url: url.into(),
        explanation: explanation.into(),
        evidence_year: evidence,
    };
    let tracks = [
        (
            "O1",
            track(
                "สำนักงานเลขาธิการกรม",
                TrackStatus::Published,
                &format!("{site}/o1.html"),
                "แผนผังโครงสร้างส่วนราชการและอำนาจหน้าที่ของกรมทรัพย์สินทางปัญญา",
                Some(ROUND),
            ),
        ),
        (
            "O25",
            track(
                "กลุ่มคุ้มครองจริยธรรม",
                TrackStatus::InProgress,
                &format!("{site}/o25.html"),
                "การวิเคราะห์ผลการประเมิน ITA ประจำปี พ.ศ. 2568 และมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
                Some(ROUND),
            ),
        ),
        (
            "O26",
            track(
                "กลุ่มคุ้มครองจริยธรรม",
                TrackStatus::Published,
                &format!("{site}/o26.html"),
                "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปีงบประมาณ พ.ศ. 2568",
                Some(fy),
            ),
        ),
        (
            "O18",
            track(
                "กลุ่มคุ้มครองจริยธรรม",
                TrackStatus::Published,
                "http://www.ipthailand.go.th/th/ita-2569/o18.html",
                "สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
                Some(ROUND),
            ),
        ),
    ];
    for (code, track) in tracks {
        changes.push(Change::SetItaTrack {
            year_be: ROUND,
            code: code.into(),
            track,
        });
    }
    let findings = [
        ("2", "บุคลากรรับรู้แผนการใช้จ่ายงบประมาณน้อย และไม่ทราบช่องทางติดตามการเบิกจ่าย"),
        ("4", "บุคลากรบางส่วนยังไม่ทราบขั้นตอนการยืมทรัพย์สินของราชการ ข้อ 207–209"),
        ("7", "ผู้รับบริการเข้าถึงข่าวสารผ่านช่องทางออนไลน์ได้ไม่ทั่วถึง"),
    ];
    for (indicator, issue) in findings {
        changes.push(Change::SetItaFinding {
            year_be: ROUND,
            indicator: indicator.into(),
            issue: issue.into(),
        });
    }
    let measure = |title: &str, owner: &str, timeline: &str, indicators: &[&str]| crate::ita::ItaMeasure {
        title: title.into(),
        owner: owner.into(),
        timeline: timeline.into(),
        indicators: indicators.iter().map(|s| (*s).to_owned()).collect(),
    };
    changes.push(Change::SetItaMeasures {
        year_be: ROUND,
        measures: vec![
            measure(
                "เผยแพร่แผนและผลการใช้จ่ายงบประมาณรายไตรมาสทางอินทราเน็ตและเว็บไซต์กรม",
                "กลุ่มบริหารงานคลัง",
                "ต.ค. 2568 – ก.ย. 2569",
                &["2"],
            ),
            measure(
                "ทบทวนคู่มือและแผนผังขั้นตอนการยืมทรัพย์สินของราชการ และชี้แจงบุคลากร",
                "กลุ่มบริหารงานคลัง",
                "พ.ย. 2568 – ม.ค. 2569",
                &["4"],
            ),
        ],
    });
    Ok(Change::Batch { changes })
}
