//! The report: years, a year's report, its PDF and its memos' PDFs, the
//! emblem, the phrase a complaint channel inserts.

use prongsai_core::change::{OrgSettings, YearSnap};
use prongsai_core::documents::{self, Exported};
use prongsai_core::{Applied, Change, Channel, Id, Report, YearSummary, doc};
use tauri::{AppHandle, Runtime, State};

use super::{Res, export_with, open_file};
use crate::AppState;

/// Fiscal years, newest first.
#[tauri::command]
pub async fn years(state: State<'_, AppState>) -> Res<Vec<YearSummary>> {
    Ok(state.store().await?.years().await?)
}

/// A year's report as the reader sees it (the organization's digits); the
/// newest year when `year_be` is absent, `null` when there is none.
#[tauri::command]
pub async fn report(state: State<'_, AppState>, year_be: Option<i32>) -> Res<Option<Report>> {
    let store = state.store().await?;
    let report = match year_be {
        Some(y) => Some(store.report(y).await),
        None => store.latest_report().await.transpose(),
    };
    Ok(report.transpose().map(|r| {
        r.map(|r| {
            let digits = r.organization.digits;
            r.for_display(digits)
        })
    })?)
}

/// Exports a year's report as PDF to where the user chooses (`null`: cancelled).
#[tauri::command]
pub async fn export_report_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    year_be: i32,
) -> Res<Option<Exported>> {
    let store = state.store().await?;
    export_with(
        &app,
        &state,
        (&format!("ITA-report-{year_be}.pdf"), "PDF", "pdf"),
        |path| async move { documents::export_report(&store, year_be, None, None, &path).await },
    )
    .await
}

/// Exports a stored memo as PDF to where the user chooses (`null`: cancelled).
#[tauri::command]
pub async fn export_memo_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: Id,
) -> Res<Option<Exported>> {
    let store = state.store().await?;
    export_with(
        &app,
        &state,
        (&format!("memo-{id}.pdf"), "PDF", "pdf"),
        |path| async move { documents::export_memo(&store, id, None, &path).await },
    )
    .await
}

/// Lets the user pick the emblem image (PNG, JPEG or SVG); `false` when cancelled.
#[tauri::command]
pub async fn choose_emblem<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Res<bool> {
    let store = state.store().await?;
    let Some(path) = open_file(&app, "PNG / JPEG / SVG", &["png", "jpg", "jpeg", "svg"]).await else {
        return Ok(false);
    };
    let emblem = doc::read_image_file(&path)?;
    store.apply(Change::SetEmblem { emblem: Some(emblem) }).await?;
    Ok(true)
}

/// Lets the user pick the TH Sarabun file documents are set in (its
/// regular face; the bold must be beside it); `false` when cancelled.
#[tauri::command]
pub async fn choose_font<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Res<bool> {
    let store = state.store().await?;
    let Some(path) = open_file(&app, "TrueType", &["ttf", "otf", "TTF", "OTF"]).await else {
        return Ok(false);
    };
    let file = path.display().to_string();
    store.apply(Change::SetFont { file }).await?;
    Ok(true)
}

/// The TH Sarabun New / TH SarabunPSK files installed on this machine,
/// each with its bold beside it.
#[tauri::command]
pub fn installed_fonts() -> Vec<String> {
    use prongsai_core::typeset::font::{find_th_sarabun, font_folders};
    find_th_sarabun(&font_folders())
        .into_iter()
        .map(|p| p.display().to_string())
        .collect()
}

/// A complaint channel as the phrase inserted into a result.
#[tauri::command]
pub fn channel_phrase(channel: Channel) -> String {
    channel.phrase()
}

/// Starts the agency's own report: its organization, its first year empty
/// with the standard headings, the sample removed when asked. One entry of
/// the history, undone whole.
#[tauri::command]
pub async fn start_own_report(
    state: State<'_, AppState>,
    settings: OrgSettings,
    year_be: i32,
    remove_sample: bool,
) -> Res<Applied> {
    Ok(state
        .store()
        .await?
        .start_own_report(settings, year_be, remove_sample)
        .await?)
}

/// A year started afresh as the core makes it (standard headings, nothing
/// else), for the UI to insert.
#[tauri::command]
pub fn empty_year(year_be: i32) -> Res<YearSnap> {
    prongsai_core::thai::check_year_be(year_be)?;
    Ok(prongsai_core::store::empty_year(year_be))
}

/// The number a new memo of the series `prefix` takes ("พณ 0701.08/ว" →
/// "พณ 0701.08/ว25" after ว24).
#[tauri::command]
pub async fn next_memo_number(state: State<'_, AppState>, prefix: String) -> Res<String> {
    Ok(state.store().await?.next_memo_number(&prefix).await?)
}

/// The memo form's typing as it would print: its pages as SVG, laid out by
/// the same code as the PDF.
#[tauri::command]
pub async fn preview_memo(state: State<'_, AppState>, memo: prongsai_core::MemoDoc) -> Res<Vec<String>> {
    Ok(documents::preview_memo(&state.store().await?, memo).await?)
}
