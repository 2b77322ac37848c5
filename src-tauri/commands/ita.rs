//! ITA rounds: the list, a round with its tracker, the O25 analysis, the
//! answer sheet and its URL check, a catalogue or result file (chosen in
//! Rust, checked whole, imported only when every row is understood), and
//! the O25 and answer-sheet exports. Edits go through `apply_change`.

use prongsai_core::Applied;
use prongsai_core::documents::{self, Exported};
use prongsai_core::ita::analysis::Analysis;
use prongsai_core::ita::answers::Answer;
use prongsai_core::ita::{Round, RoundSummary};
use prongsai_core::store::ItaImport;
use tauri::{AppHandle, Runtime, State};

use super::{Res, export_with, open_file};
use crate::AppState;

/// The rounds stored, newest first.
#[tauri::command]
pub async fn ita_rounds(state: State<'_, AppState>) -> Res<Vec<RoundSummary>> {
    Ok(state.store().await?.ita_rounds().await?)
}

/// The rounds whose catalogue Prongsai ships.
#[tauri::command]
pub fn ita_shipped() -> Vec<i32> {
    prongsai_core::ita::catalogue::SHIPPED.iter().map(|(y, _)| *y).collect()
}

/// Adds the catalogue Prongsai ships for round `year_be`.
#[tauri::command]
pub async fn ita_add_round(state: State<'_, AppState>, year_be: i32) -> Res<Applied> {
    Ok(state.store().await?.add_shipped_round(year_be).await?)
}

/// A round with its tracker, findings and measures.
#[tauri::command]
pub async fn ita_round(state: State<'_, AppState>, year_be: i32) -> Res<Round> {
    let store = state.store().await?;
    let digits = store.organization().await?.digits;
    Ok(store.ita_round(year_be).await?.for_display(digits))
}

/// O25 for round `year_be`; `null` when the round before's result is not
/// stored yet.
#[tauri::command]
pub async fn ita_analysis(state: State<'_, AppState>, year_be: i32) -> Res<Option<Analysis>> {
    let store = state.store().await?;
    if store.ita_scores(year_be - 1).await?.is_none() {
        return Ok(None);
    }
    let digits = store.organization().await?.digits;
    Ok(Some(store.ita_analysis(year_be).await?.for_display(digits)))
}

/// The answers with each URL checked offline, and opened when `online`
/// and a network is present. The flag says whether they were opened.
#[tauri::command]
pub async fn ita_check_links(state: State<'_, AppState>, year_be: i32, online: bool) -> Res<(Vec<Answer>, bool)> {
    Ok(state.store().await?.ita_check_links(year_be, online).await?)
}

/// Lets the user pick a catalogue file for round `year_be` and imports it
/// when every row is understood; `null` when cancelled.
#[tauri::command]
pub async fn ita_import_catalogue<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    year_be: i32,
    replace: bool,
) -> Res<Option<ItaImport>> {
    let store = state.store().await?;
    let Some(path) = open_file(&app, "CSV / Excel", &["csv", "xlsx"]).await else {
        return Ok(None);
    };
    Ok(Some(
        store
            .import_ita_catalogue_file(&path, year_be, None, replace, true)
            .await?,
    ))
}

/// Lets the user pick the result of round `year_be` and imports it when
/// every row is understood; `null` when cancelled.
#[tauri::command]
pub async fn ita_import_scores<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    year_be: i32,
) -> Res<Option<ItaImport>> {
    let store = state.store().await?;
    let Some(path) = open_file(&app, "CSV / Excel", &["csv", "xlsx"]).await else {
        return Ok(None);
    };
    Ok(Some(store.import_ita_scores_file(&path, year_be, true).await?))
}

/// Exports round `year_be`'s O25 document as PDF.
#[tauri::command]
pub async fn export_ita_analysis_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    year_be: i32,
) -> Res<Option<Exported>> {
    let store = state.store().await?;
    export_with(
        &app,
        &state,
        (&format!("ita-{year_be}-o25.pdf"), "PDF", "pdf"),
        |path| async move { documents::export_ita_analysis(&store, year_be, &path).await },
    )
    .await
}

/// Exports round `year_be`'s ITAS answer sheet as XLSX (`xlsx`) or PDF.
#[tauri::command]
pub async fn export_ita_answers<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    year_be: i32,
    xlsx: bool,
) -> Res<Option<Exported>> {
    let store = state.store().await?;
    let (kind, ext) = if xlsx { ("Excel", "xlsx") } else { ("PDF", "pdf") };
    export_with(
        &app,
        &state,
        (&format!("ita-{year_be}-answers.{ext}"), kind, ext),
        |path| async move { documents::export_ita_answers(&store, year_be, &path).await },
    )
    .await
}
