//! Publishing a year beyond the PDF: the website folder (`site`), open data
//! (`open_data`). Both the app and the CLI call these workflows.
//!
//! Everything is made from the records alone (no clock, no random name),
//! so publishing the same records twice writes the same bytes.

pub mod infographic;
pub mod open_data;
pub mod site;

use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::documents::{self, ReportOptions, write_atomically};
use crate::domain::{Evidence, Report};
use crate::error::{CoreError, Result};
use crate::refusal::Refusal;
use crate::store::Store;
use chrono::NaiveDate;
use infographic::{Kind, Size, Theme};
use open_data::{Dataset, Publisher};
use site::{ItemPage, Linked, Site};

/// What a publish is making now; the window words it in its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PublishStep {
    ReportPdf,
    ReportWord,
    SpendingPlan,
    BudgetReport,
    /// A memo cited as evidence (its number is the detail).
    Memo,
    OpenData,
    Infographics,
    Pages,
    Done,
}

impl PublishStep {
    /// The step in the command line's words.
    pub fn words(self) -> &'static str {
        match self {
            PublishStep::ReportPdf => "the report (PDF)",
            PublishStep::ReportWord => "the report (Word)",
            PublishStep::SpendingPlan => "the spending plan",
            PublishStep::BudgetReport => "the budget monitoring report",
            PublishStep::Memo => "memo",
            PublishStep::OpenData => "open data",
            PublishStep::Infographics => "infographics",
            PublishStep::Pages => "the pages",
            PublishStep::Done => "done",
        }
    }
}

/// How far a long export is, for a progress bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
    pub step: PublishStep,
    /// What the step is about (a memo's number), or empty.
    pub detail: String,
}

/// Told of each step; the app forwards it to the window.
pub type OnProgress<'a> = &'a (dyn Fn(Progress) + Send + Sync);

/// What a publish wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Published {
    /// The folder, and the page to open in it.
    pub dir: String,
    pub index: String,
    /// Every file written, relative to `dir`.
    pub files: Vec<String>,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What a publish may include beyond the public records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PublishOptions {
    /// Names of people in the open data (borrowers, approvers, asset notes).
    pub with_names: bool,
}

struct Steps<'a> {
    done: u32,
    total: u32,
    on: OnProgress<'a>,
}

impl Steps<'_> {
    fn next(&mut self, step: PublishStep, detail: &str) {
        (self.on)(Progress {
            done: self.done,
            total: self.total,
            step,
            detail: detail.to_owned(),
        });
        self.done += 1;
    }
}

/// The loans requested in a fiscal year (`starts`..=`ends`), as they stood
/// at its end.
async fn loans_of_year(store: &Store, (starts, ends): (NaiveDate, NaiveDate)) -> Result<Vec<crate::assets::Loan>> {
    Ok(store
        .loans(&Default::default(), ends)
        .await?
        .into_iter()
        .filter(|l| (starts..=ends).contains(&l.requested_on))
        .collect())
}

/// The year's datasets (budget monitoring, register, loan book), those
/// with records.
async fn datasets(store: &Store, report: &Report, records: &YearRecords, opts: PublishOptions) -> Result<Vec<Dataset>> {
    let year = &report.year;
    let mut sets = Vec::new();
    if !records.budget.lines.is_empty() {
        sets.push(open_data::budget_dataset(&records.budget, year.starts_on));
    }
    // The register as it stood at the year's end: what was acquired by then.
    let register: Vec<_> = store
        .assets()
        .await?
        .into_iter()
        .filter(|a| a.acquired_on <= year.ends_on)
        .collect();
    if !register.is_empty() {
        sets.push(open_data::asset_dataset(&register, year.ends_on, opts.with_names));
    }
    if !records.loans.is_empty() {
        sets.push(open_data::loan_dataset(&records.loans, opts.with_names));
    }
    Ok(sets)
}

/// What a year publishes beside its report, read once: its budget and the
/// loans requested in it.
struct YearRecords {
    budget: crate::budget::BudgetDoc,
    loans: Vec<crate::assets::Loan>,
}

async fn year_records(store: &Store, year_be: i32) -> Result<YearRecords> {
    let bounds = crate::thai::fiscal_year_bounds(year_be)?;
    Ok(YearRecords {
        budget: store.budget(year_be).await?,
        loans: loans_of_year(store, bounds).await?,
    })
}

async fn publisher(store: &Store, report: &Report) -> Result<Publisher> {
    let org = &report.organization;
    Ok(Publisher {
        organization: org.name_th.clone(),
        contact: org.phone.clone(),
        last_update: store.last_changed_on().await?,
    })
}

/// Writes the year's open data into `dir`: CSV, XLSX and a dictionary per
/// dataset, and `metadata.csv`.
pub async fn open_data(store: &Store, year_be: i32, dir: &Path, opts: PublishOptions) -> Result<Published> {
    crate::thai::check_year_be(year_be)?;
    let report = store.report(year_be).await?;
    let records = year_records(store, year_be).await?;
    let sets = datasets(store, &report, &records, opts).await?;
    if sets.is_empty() {
        return Err(crate::refusal::Refusal::NoOpenData { year_be }.into());
    }
    let files = open_data::files(&sets, &publisher(store, &report).await?)?;
    write_all(dir, &files, "metadata.csv")
}

fn write_all(dir: &Path, files: &[(String, Vec<u8>)], index: &str) -> Result<Published> {
    let mut bytes = 0;
    for (name, data) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| CoreError::Io(format!("cannot create {}: {e}", parent.display())))?;
        }
        write_atomically(&path, data)?;
        bytes += data.len() as u64;
    }
    Ok(Published {
        dir: dir.display().to_string(),
        index: dir.join(index).display().to_string(),
        files: files.iter().map(|(n, _)| n.clone()).collect(),
        bytes,
    })
}

/// The fiscal month the budget's monitoring report runs through: 12 once
/// anything was disbursed after the sixth month, else 6.
fn monitoring_through(budget: &crate::budget::BudgetDoc) -> u8 {
    let last = budget
        .lines
        .iter()
        .flat_map(|l| &l.months)
        .filter(|m| !m.disbursed.is_zero())
        .map(|m| m.month)
        .max()
        .unwrap_or(0);
    if last > 6 { 12 } else { 6 }
}

/// A memo's file name from its date and number (`memo-2023-04-05-0701-08-24`,
/// for "พณ 0701.08/ว24" of 5 April 2566): the same when the year is
/// published again or imported anew, unlike its id.
fn memo_file(m: &crate::domain::MemoDoc) -> String {
    let number: Vec<String> = m
        .number
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    format!("memo-{}-{}", m.date.format("%Y-%m-%d"), number.join("-"))
        .trim_end_matches('-')
        .to_owned()
}

/// `stem` + `ext`, or with `-2`, `-3`… when a file of that name is already
/// among `files`.
fn unique(files: &[(String, Vec<u8>)], stem: &str, ext: &str) -> String {
    let taken = |name: &str| files.iter().any(|(n, _)| n == name);
    let mut name = format!("{stem}{ext}");
    let mut n = 2;
    while taken(&name) {
        name = format!("{stem}-{n}{ext}");
        n += 1;
    }
    name
}

fn extension(mime: &str) -> &'static str {
    match mime {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/webp" => "webp",
        _ => "bin",
    }
}

/// Writes the year's website folder into `dir`: `index.html`, a page per
/// ITA item, the PDFs, open data under `data/`, the stylesheet and fonts
/// under `files/`.
pub async fn publish_site(
    store: &Store,
    year_be: i32,
    dir: &Path,
    opts: PublishOptions,
    on: OnProgress<'_>,
) -> Result<Published> {
    crate::thai::check_year_be(year_be)?;
    let report = store.report(year_be).await?;
    let org = report.organization.clone();
    let digits = org.digits;
    let records = year_records(store, year_be).await?;
    let budget = &records.budget;
    // The infographics' figures, and the monitoring the budget report prints.
    let facts = facts(org.clone(), year_be, &records, None)?;
    let memo_ids: Vec<i64> = {
        let mut ids: Vec<i64> = report
            .measures
            .iter()
            .flat_map(|m| &m.results)
            .flat_map(|r| &r.evidence)
            .filter_map(|e| e.memo_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let mut steps = Steps {
        done: 0,
        total: 5 + memo_ids.len() as u32 + if facts.monitoring.is_some() { 2 } else { 0 },
        on,
    };
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut documents: Vec<Linked> = Vec::new();
    let mut add = |files: &mut Vec<(String, Vec<u8>)>, href: String, title: String, data: Vec<u8>| {
        documents.push(Linked {
            href: href.clone(),
            title,
            bytes: data.len() as u64,
        });
        files.push((href, data));
    };

    let shown = report.clone().for_display(digits);
    steps.next(PublishStep::ReportPdf, "");
    let title = shown.year.title.join(" ");
    let pdf = {
        let report = report.clone();
        let opts = ReportOptions {
            digits,
            orientation: org.orientation,
        };
        documents::render(store, &org.font_file, move || documents::report_pdf(&report, &opts))
            .await?
            .0
    };
    add(&mut files, format!("files/report-{year_be}.pdf"), title.clone(), pdf);
    steps.next(PublishStep::ReportWord, "");
    let docx = documents::docx::report_docx(&report, digits)?;
    add(
        &mut files,
        format!("files/report-{year_be}.docx"),
        format!("{title} (ไฟล์ Word สำหรับแก้ไข)"),
        docx,
    );

    // Monitored when the year has budget lines.
    if let Some(monitoring) = facts.monitoring.clone() {
        let signed = report.year.signatures.clone();
        steps.next(PublishStep::SpendingPlan, "");
        let pdf = {
            let (budget, org, signed) = (budget.clone(), org.clone(), signed.clone());
            documents::render(store, &org.font_file.clone(), move || {
                documents::spending_plan_pdf(&budget, &org, &signed, digits)
            })
            .await?
            .0
        };
        add(
            &mut files,
            format!("files/spending-plan-{year_be}.pdf"),
            crate::thai::to_display(&format!("แผนการใช้จ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. {year_be}"), digits),
            pdf,
        );
        steps.next(PublishStep::BudgetReport, "");
        let through = monitoring.through_month;
        let pdf = {
            let (budget, org) = (budget.clone(), org.clone());
            documents::render(store, &org.font_file.clone(), move || {
                documents::budget_report_pdf(&budget, &monitoring, &org, &signed, digits)
            })
            .await?
            .0
        };
        add(
            &mut files,
            format!("files/budget-report-{year_be}.pdf"),
            crate::thai::to_display(
                &format!("รายงานการกำกับติดตามการใช้จ่ายงบประมาณ รอบ {through} เดือน ปีงบประมาณ พ.ศ. {year_be}"),
                digits,
            ),
            pdf,
        );
    }

    let mut memo_files = Vec::new();
    for id in memo_ids {
        let memo = store.memo(id).await?;
        steps.next(PublishStep::Memo, &memo.memo.number);
        let href = unique(&files, &format!("files/{}", memo_file(&memo.memo)), ".pdf");
        let (memo_org, font) = (org.clone(), org.font_file.clone());
        let pdf = documents::render(store, &font, move || documents::memo_pdf(&memo, &memo_org, digits))
            .await?
            .0;
        files.push((href.clone(), pdf));
        memo_files.push((id, href));
    }

    let mut image_files = Vec::new();
    for e in report
        .measures
        .iter()
        .flat_map(|m| &m.results)
        .flat_map(|r| &r.evidence)
    {
        if let Evidence::Image { mime, data, .. } = &e.evidence {
            let bytes = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, data)
                .map_err(|err| CoreError::Io(format!("an image of the evidence cannot be read: {err}")))?;
            // An SVG is drawn to pixels: opened from the agency's site, an
            // SVG file could run its own script.
            let (bytes, ext) = if crate::typeset::is_svg(&bytes) {
                let png = crate::typeset::Image::decode(&bytes)
                    .and_then(|img| img.png())
                    .map_err(|err| CoreError::Io(format!("an image of the evidence cannot be drawn: {err}")))?;
                (png, "png")
            } else {
                (bytes, extension(mime))
            };
            let hash = Sha256::digest(&bytes);
            let hex: String = hash.iter().take(6).map(|b| format!("{b:02x}")).collect();
            let href = format!("files/image-{hex}.{ext}");
            image_files.push((e.id, href.clone()));
            if !files.iter().any(|(n, _)| *n == href) {
                files.push((href, bytes));
            }
        }
    }

    steps.next(PublishStep::OpenData, "");
    let sets = datasets(store, &report, &records, opts).await?;
    let publisher = publisher(store, &report).await?;
    let mut data = Vec::new();
    let data_files = if sets.is_empty() {
        Vec::new()
    } else {
        open_data::files(&sets, &publisher)?
    };
    for (name, bytes) in data_files {
        let href = format!("data/{name}");
        let title = sets.iter().find(|d| name.starts_with(&d.name)).map_or_else(
            || "คำอธิบายชุดข้อมูล (metadata)".to_owned(),
            |d| {
                if name.ends_with("-dictionary.csv") {
                    format!("{} — พจนานุกรมข้อมูล", d.title)
                } else {
                    d.title.clone()
                }
            },
        );
        data.push(Linked {
            href: href.clone(),
            title: crate::thai::to_display(&title, digits),
            bytes: bytes.len() as u64,
        });
        files.push((href, bytes));
    }

    steps.next(PublishStep::Infographics, "");
    let drawn = tokio::task::spawn_blocking(move || {
        let mut out = Vec::new();
        for kind in [Kind::Budget, Kind::Channels, Kind::Borrowing] {
            match infographic::png(&facts, kind, Size::Line, Theme::Navy) {
                Ok(png) => out.push((kind, infographic::alt(&facts, kind), png)),
                // Nothing to draw (no budget, no channels): left out.
                Err(CoreError::Refused(Refusal::NoBudgetToShow { .. } | Refusal::NoChannelsToShow)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    })
    .await
    .map_err(|e| CoreError::Io(format!("export stopped: {e}")))??;
    let mut pictures = Vec::new();
    for (kind, alt, png) in drawn {
        let href = format!("files/infographic-{}-{year_be}.png", kind.as_str());
        pictures.push((href.clone(), alt));
        files.push((href, png));
    }

    steps.next(PublishStep::Pages, "");
    let items = item_pages(store, &report)
        .await?
        .into_iter()
        .map(|it| ItemPage {
            title: crate::thai::to_display(&it.title, digits),
            contents: crate::thai::to_display(&it.contents, digits),
            ..it
        })
        .collect();
    let site = Site {
        report: &shown,
        digits,
        items,
        documents,
        data,
        memo_files,
        image_files,
        pictures,
    };
    files.push(("index.html".into(), site::index(&site).into_bytes()));
    for it in &site.items {
        files.push((it.file.clone(), site::item(&site, it).into_bytes()));
    }
    files.push(("files/style.css".into(), site::STYLE.as_bytes().to_vec()));
    for (name, bytes) in crate::typeset::font::WEB_FONTS {
        files.push((format!("files/{name}"), bytes.to_vec()));
    }
    (steps.on)(Progress {
        done: steps.total,
        total: steps.total,
        step: PublishStep::Done,
        detail: String::new(),
    });
    write_all(dir, &files, "index.html")
}

/// The year's ITA items: the round of the same year with its tracker when
/// one is stored, else the year's own OIT list; each with its page's name.
async fn item_pages(store: &Store, report: &Report) -> Result<Vec<ItemPage>> {
    let mut items = year_items(store, report).await?;
    let names = site::item_files(items.iter().map(|it| it.code.as_str()));
    for (it, name) in items.iter_mut().zip(names) {
        it.file = name;
    }
    Ok(items)
}

async fn year_items(store: &Store, report: &Report) -> Result<Vec<ItemPage>> {
    let year_be = report.year.year_be;
    let rounds = store.ita_rounds().await?;
    if rounds.iter().any(|r| r.year_be == year_be) {
        let round = store.ita_round(year_be).await?;
        return Ok(round
            .items
            .into_iter()
            .map(|ri| ItemPage {
                file: String::new(),
                code: ri.item.code,
                title: ri.item.title,
                contents: ri.item.contents,
                period: ri.item.period,
                fiscal_year: ri.fiscal_year,
                track: (!ri.track.is_empty()).then_some(ri.track),
            })
            .collect());
    }
    Ok(report
        .year
        .oit_items
        .iter()
        .map(|o| ItemPage {
            file: String::new(),
            code: o.code.clone(),
            title: o.title.clone(),
            contents: String::new(),
            period: crate::ita::Period::Current,
            fiscal_year: year_be,
            track: None,
        })
        .collect())
}

/// What an infographic is drawn from: the organization, the year's budget
/// monitored through `through` (6 or 12; by default 12 once anything was
/// spent after March, else 6), the loans requested in the year.
pub async fn infographic_facts(store: &Store, year_be: i32, through: Option<u8>) -> Result<infographic::Facts> {
    crate::thai::check_year_be(year_be)?;
    let records = year_records(store, year_be).await?;
    facts(store.organization().await?, year_be, &records, through)
}

fn facts(
    org: crate::domain::Organization,
    year_be: i32,
    records: &YearRecords,
    through: Option<u8>,
) -> Result<infographic::Facts> {
    let budget = &records.budget;
    let monitoring = if budget.lines.is_empty() {
        None
    } else {
        let through = through.unwrap_or_else(|| monitoring_through(budget));
        Some(crate::budget::monitor(budget, through)?)
    };
    Ok(infographic::Facts {
        org,
        year_be,
        monitoring,
        loans: records.loans.clone(),
    })
}

/// Writes an infographic to `path`: a PDF when it ends in `.pdf`, else a PNG.
pub async fn export_infographic(
    store: &Store,
    year_be: i32,
    (kind, size, theme): (infographic::Kind, infographic::Size, infographic::Theme),
    through: Option<u8>,
    path: &Path,
) -> Result<documents::Exported> {
    let facts = infographic_facts(store, year_be, through).await?;
    let pdf = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    let bytes = if pdf {
        // Sarabun, as the PNG: an infographic is one design whatever the
        // font chosen for documents.
        documents::render(store, "", move || infographic::pdf(&facts, kind, size, theme))
            .await?
            .0
    } else {
        tokio::task::spawn_blocking(move || infographic::png(&facts, kind, size, theme))
            .await
            .map_err(|e| CoreError::Io(format!("export stopped: {e}")))??
    };
    write_atomically(path, &bytes)?;
    Ok(documents::Exported {
        path: path.display().to_string(),
        bytes: bytes.len() as u64,
        missing_emblem: false,
        font_missing: false,
    })
}
