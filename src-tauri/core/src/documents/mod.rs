//! The documents Prongsai prints, built on [`crate::typeset`]: the annual
//! report and the circular memo. Files are written atomically.

pub mod assets;
pub mod budget_report;
pub mod docx;
pub mod ita;
pub mod memo;
mod page;
pub mod report;
pub mod spending_plan;

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::{Digits, Id, Orientation};
use crate::error::{CoreError, Result};
use crate::refusal::Refusal;
use crate::store::Store;

pub use budget_report::budget_report_pdf;
pub use memo::memo_pdf;
pub(crate) use page::emblem_image;
pub use page::memo_citation;
pub use report::{ReportOptions, report_pdf};
pub use spending_plan::spending_plan_pdf;

impl From<crate::typeset::TypesetError> for CoreError {
    fn from(e: crate::typeset::TypesetError) -> Self {
        Refusal::Typesetting { detail: e.to_string() }.into()
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename: a reader never sees half a file, and a failure leaves what was
/// there before.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fail = |e: std::io::Error| CoreError::Io(format!("cannot write {}: {e}", path.display()));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    // Made to be shared: readable by others as any new file (a temporary
    // file is created for its owner only).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    crate::replace::replace_file(tmp, path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// A document written to disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Exported {
    pub path: String,
    pub bytes: u64,
    /// A memo printed without an emblem (none is set for the organization).
    pub missing_emblem: bool,
    /// Set in the Sarabun compiled in, because the font file chosen in
    /// Settings could not be read (moved, removed).
    pub font_missing: bool,
}

/// The file a document is written as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum DocFormat {
    #[default]
    Pdf,
    /// A Word file (DOCX), to finish in Word.
    Docx,
}

/// Writes a fiscal year's report to `path` as a Word file.
pub async fn export_report_docx(store: &Store, year_be: i32, digits: Option<Digits>, path: &Path) -> Result<Exported> {
    crate::thai::check_year_be(year_be)?;
    let report = store.report(year_be).await?;
    let digits = digits.unwrap_or(report.organization.digits);
    write_docx(path, false, move || docx::report_docx(&report, digits)).await
}

/// Writes a stored memo to `path` as a Word file.
pub async fn export_memo_docx(store: &Store, id: Id, digits: Option<Digits>, path: &Path) -> Result<Exported> {
    let memo = store.memo(id).await?;
    let org = store.organization().await?;
    let digits = digits.unwrap_or(org.digits);
    let missing_emblem = org.emblem.is_none();
    write_docx(path, missing_emblem, move || docx::memo_docx(&memo, &org, digits)).await
}

async fn write_docx(
    path: &Path,
    missing_emblem: bool,
    build: impl FnOnce() -> Result<Vec<u8>> + Send + 'static,
) -> Result<Exported> {
    let bytes = tokio::task::spawn_blocking(build)
        .await
        .map_err(|e| CoreError::Io(format!("export stopped: {e}")))??;
    write_atomically(path, &bytes)?;
    Ok(Exported {
        path: path.display().to_string(),
        bytes: bytes.len() as u64,
        missing_emblem,
        font_missing: false,
    })
}

/// Writes a fiscal year's report to `path`; digits and orientation default
/// to the organization's settings.
pub async fn export_report(
    store: &Store,
    year_be: i32,
    digits: Option<Digits>,
    orientation: Option<Orientation>,
    path: &Path,
) -> Result<Exported> {
    crate::thai::check_year_be(year_be)?;
    let report = store.report(year_be).await?;
    let opts = ReportOptions {
        digits: digits.unwrap_or(report.organization.digits),
        orientation: orientation.unwrap_or(report.organization.orientation),
    };
    let font = report.organization.font_file.clone();
    write_pdf(store, path, (false, &font), move || report_pdf(&report, &opts)).await
}

/// Writes a stored memo to `path`.
pub async fn export_memo(store: &Store, id: Id, digits: Option<Digits>, path: &Path) -> Result<Exported> {
    let memo = store.memo(id).await?;
    let org = store.organization().await?;
    let digits = digits.unwrap_or(org.digits);
    let missing_emblem = org.emblem.is_none();
    let font = org.font_file.clone();
    write_pdf(store, path, (missing_emblem, &font), move || {
        memo_pdf(&memo, &org, digits)
    })
    .await
}

/// A memo as it would print, unsaved (the form's typing), as SVG pages.
pub async fn preview_memo(store: &Store, memo: crate::domain::MemoDoc) -> Result<Vec<String>> {
    let org = store.organization().await?;
    let digits = org.digits;
    let faces = document_faces(&org.font_file).0;
    crate::typeset::font::with_faces(faces, || {
        memo::memo_preview(&crate::domain::Memo { id: 0, memo }, &org, digits)
    })
}

/// Writes the budget monitoring report through fiscal month `through`.
pub async fn export_budget_report(store: &Store, year_be: i32, through: u8, path: &Path) -> Result<Exported> {
    let (budget, monitoring) = store.monitoring(year_be, through).await?;
    let org = store.organization().await?;
    let signed = year_signatures(store, year_be).await?;
    let font = org.font_file.clone();
    write_pdf(store, path, (false, &font), move || {
        budget_report_pdf(&budget, &monitoring, &org, &signed, org.digits)
    })
    .await
}

/// Writes the year's spending plan.
pub async fn export_spending_plan(store: &Store, year_be: i32, path: &Path) -> Result<Exported> {
    let budget = store.budget(year_be).await?;
    let org = store.organization().await?;
    let signed = year_signatures(store, year_be).await?;
    let font = org.font_file.clone();
    write_pdf(store, path, (false, &font), move || {
        spending_plan_pdf(&budget, &org, &signed, org.digits)
    })
    .await
}

/// Who reports and who approves the year (its report's signatures), for
/// the budget documents' signature blocks.
async fn year_signatures(store: &Store, year_be: i32) -> Result<crate::domain::Signatures> {
    Ok(store.report(year_be).await?.year.signatures)
}

/// Who signs a round's O25 document: the reporter and approver of the
/// fiscal year its result covers, else of the round's own year, else blank.
async fn round_signatures(store: &Store, round_be: i32) -> Result<crate::domain::Signatures> {
    let years = store.years().await?;
    for fy in [round_be - 1, round_be] {
        if years.iter().any(|y| y.year_be == fy) {
            return year_signatures(store, fy).await;
        }
    }
    Ok(crate::domain::Signatures::default())
}

/// Writes round `year_be`'s O25 document: the analysis of the round
/// before's result and the measures set from it.
pub async fn export_ita_analysis(store: &Store, year_be: i32, path: &Path) -> Result<Exported> {
    let analysis = store.ita_analysis(year_be).await?;
    let org = store.organization().await?;
    let signed = round_signatures(store, year_be).await?;
    let font = org.font_file.clone();
    write_pdf(store, path, (false, &font), move || {
        ita::analysis_pdf(&analysis, &org, &signed, org.digits)
    })
    .await
}

/// Writes round `year_be`'s ITAS answer sheet, as a workbook when `path`
/// ends in `.xlsx`, else as a PDF; each URL checked offline.
pub async fn export_ita_answers(store: &Store, year_be: i32, path: &Path) -> Result<Exported> {
    let answers = store.ita_answers(year_be).await?;
    let org = store.organization().await?;
    let font = org.font_file.clone();
    let xlsx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if xlsx {
        write_pdf(store, path, (false, ""), move || {
            crate::ita::answers::workbook(year_be, &org.name_th, &answers)
        })
        .await
    } else {
        write_pdf(store, path, (false, &font), move || {
            ita::answers_pdf(year_be, &answers, &org, org.digits)
        })
        .await
    }
}

/// Writes the budget and its monitoring report as an XLSX workbook.
pub async fn export_budget_xlsx(store: &Store, year_be: i32, through: u8, path: &Path) -> Result<Exported> {
    let (budget, monitoring) = store.monitoring(year_be, through).await?;
    write_pdf(store, path, (false, ""), move || {
        crate::budget_export::to_xlsx(&budget, &monitoring)
    })
    .await
}

/// Writes a loan's borrowing slip (แบบฟอร์มการยืมพัสดุ).
pub async fn export_loan_slip(store: &Store, loan_id: Id, path: &Path) -> Result<Exported> {
    let loan = store.loan(loan_id).await?;
    let org = store.organization().await?;
    let font = org.font_file.clone();
    write_pdf(store, path, (false, &font), move || {
        assets::loan_slip_pdf(&loan, &org, org.digits)
    })
    .await
}

/// Writes a year's inspection report.
pub async fn export_inspection(store: &Store, year_be: i32, path: &Path) -> Result<Exported> {
    let inspection = store.inspection(year_be).await?;
    let org = store.organization().await?;
    let font = org.font_file.clone();
    write_pdf(store, path, (false, &font), move || {
        assets::inspection_pdf(&inspection, &org, org.digits)
    })
    .await
}

/// Writes the register (with book values as of `today`) and the loan book as XLSX.
pub async fn export_assets_xlsx(store: &Store, today: chrono::NaiveDate, path: &Path) -> Result<Exported> {
    let register = store.assets().await?;
    let loans = store.loans(&Default::default(), today).await?;
    write_pdf(store, path, (false, ""), move || {
        crate::assets::export::to_xlsx(&register, &loans, today)
    })
    .await
}

/// The key under which a PDF names the history entry it was made at.
pub use crate::store::head::HISTORY_KEY;

/// The faces of the font file chosen in Settings (`None`: Sarabun), and
/// whether one was chosen but cannot be read now.
fn document_faces(font_file: &str) -> (Option<&'static crate::typeset::font::Faces>, bool) {
    if font_file.is_empty() {
        return (None, false);
    }
    match crate::typeset::font::load(Path::new(font_file)) {
        Ok(faces) => (Some(faces), false),
        Err(_) => (None, true),
    }
}

/// Typesets on a blocking thread (CPU work, off the async runtime), in the
/// font file chosen in Settings (`font`, or Sarabun), and writes the file
/// atomically.
async fn write_pdf(
    store: &Store,
    path: &Path,
    (missing_emblem, font): (bool, &str),
    typeset: impl FnOnce() -> Result<Vec<u8>> + Send + 'static,
) -> Result<Exported> {
    let (pdf, font_missing) = render(store, font, typeset).await?;
    write_atomically(path, &pdf)?;
    Ok(Exported {
        path: path.display().to_string(),
        bytes: pdf.len() as u64,
        missing_emblem,
        font_missing,
    })
}

/// Typesets on a blocking thread in the font file chosen in Settings
/// (`font`, or Sarabun), naming the history's head in a PDF's
/// information: the document's bytes, and whether the chosen font was
/// missing.
pub(crate) async fn render(
    store: &Store,
    font: &str,
    typeset: impl FnOnce() -> Result<Vec<u8>> + Send + 'static,
) -> Result<(Vec<u8>, bool)> {
    let (faces, font_missing) = document_faces(font);
    // The history's head, so that a printed document can be checked against
    // the database later (`verify --against`): the entries it was made from
    // are still there.
    let head = store.head().await?;
    // Dated when the records were last changed, not when printed: the same
    // records print the same bytes.
    let made = store.last_changed_at().await?.map(|t| {
        use chrono::{Datelike, Timelike};
        let year = u32::try_from(t.year()).unwrap_or(0);
        [year, t.month(), t.day(), t.hour(), t.minute(), t.second()]
    });
    // Set in a PDF as it is written (a DOCX has no such dictionary).
    let stamp = head.map(|h| crate::typeset::pdf::Stamp {
        key: HISTORY_KEY.to_owned(),
        value: format!("{} {}", h.id, h.hash),
        made,
    });
    let pdf = tokio::task::spawn_blocking(move || -> Result<Vec<u8>> {
        crate::typeset::pdf::with_stamp(stamp, || crate::typeset::font::with_faces(faces, typeset))
    })
    .await
    .map_err(|e| CoreError::Io(format!("export stopped: {e}")))??;
    Ok((pdf, font_missing))
}
