//! The report: years, a year's report, its PDF and its memos' PDFs, the
//! emblem, the phrase a complaint channel inserts.

use prongsai_core::documents::{self, Exported};
use prongsai_core::{Change, Channel, Id, Report, YearSummary, doc};
use tauri::{AppHandle, Runtime, State};

use super::{Res, export_with, open_file};
use crate::AppState;

/// Fiscal years, newest first.
#[tauri::command]
pub async fn years(state: State<'_, AppState>) -> Res<Vec<YearSummary>> {
    Ok(state.store()?.years().await?)
}

/// A year's report as the reader sees it (the organization's digits); the
/// newest year when `year_be` is absent, `null` when there is none.
#[tauri::command]
pub async fn report(state: State<'_, AppState>, year_be: Option<i32>) -> Res<Option<Report>> {
    let store = state.store()?;
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
    let store = state.store()?;
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
    let store = state.store()?;
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
    let store = state.store()?;
    let Some(path) = open_file(&app, "PNG / JPEG / SVG", &["png", "jpg", "jpeg", "svg"]).await else {
        return Ok(false);
    };
    let emblem = doc::read_image_file(&path)?;
    store.apply(Change::SetEmblem { emblem: Some(emblem) }).await?;
    Ok(true)
}

/// A complaint channel as the phrase inserted into a result.
#[tauri::command]
pub fn channel_phrase(channel: Channel) -> String {
    channel.phrase()
}
