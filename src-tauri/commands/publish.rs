//! Publishing beyond the PDF: the report and memos as Word files, the
//! website folder, open data, infographics. Long work tells the window how
//! far it is (`export-progress` events, [`Progress`]).

use std::path::PathBuf;

use prongsai_core::Id;
use prongsai_core::documents::{self, Exported};
use prongsai_core::publish::infographic::{Kind, Size, Theme};
use prongsai_core::publish::{self, Progress, PublishOptions, Published};
use tauri::{AppHandle, Emitter, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use super::{Res, export_with};
use crate::AppState;

/// Exports a year's report as a Word file (`null`: cancelled).
#[tauri::command]
pub async fn export_report_docx<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    year_be: i32,
) -> Res<Option<Exported>> {
    let store = state.store().await?;
    export_with(
        &app,
        &state,
        (&format!("ITA-report-{year_be}.docx"), "Word", "docx"),
        |path| async move { documents::export_report_docx(&store, year_be, None, &path).await },
    )
    .await
}

/// Exports a stored memo as a Word file (`null`: cancelled).
#[tauri::command]
pub async fn export_memo_docx<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: Id,
) -> Res<Option<Exported>> {
    let store = state.store().await?;
    export_with(
        &app,
        &state,
        (&format!("memo-{id}.docx"), "Word", "docx"),
        |path| async move { documents::export_memo_docx(&store, id, None, &path).await },
    )
    .await
}

/// Asks for a folder; `None` when the user cancels.
async fn pick_folder<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog().file().pick_folder(move |p| {
        let _ = tx.send(p);
    });
    rx.await.ok().flatten().and_then(|p| p.into_path().ok())
}

/// What the window is told of a folder written: the page to open, or the
/// folder itself.
fn as_exported(state: &AppState, done: &Published, open: PathBuf) -> Exported {
    state.remember_export(open.clone());
    Exported {
        path: open.display().to_string(),
        bytes: done.bytes,
        missing_emblem: false,
        font_missing: false,
    }
}

/// Writes the year's website folder into a folder the user picks
/// (`null`: cancelled), telling the window each step.
#[tauri::command]
pub async fn publish_site<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    year_be: i32,
) -> Res<Option<Exported>> {
    let store = state.store().await?;
    let Some(dir) = pick_folder(&app).await else {
        return Ok(None);
    };
    let window = app.clone();
    let on = move |p: Progress| {
        let _ = window.emit("export-progress", p);
    };
    let done = publish::publish_site(&store, year_be, &dir, PublishOptions::default(), &on).await?;
    Ok(Some(as_exported(&state, &done, PathBuf::from(&done.index))))
}

/// Writes the year's open data into a folder the user picks (`null`: cancelled).
#[tauri::command]
pub async fn export_open_data<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    year_be: i32,
) -> Res<Option<Exported>> {
    let store = state.store().await?;
    let Some(dir) = pick_folder(&app).await else {
        return Ok(None);
    };
    let done = publish::open_data(&store, year_be, &dir, PublishOptions::default()).await?;
    Ok(Some(as_exported(&state, &done, dir)))
}

/// Draws an infographic as PNG where the user chooses (`null`: cancelled).
#[tauri::command]
pub async fn export_infographic<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    year_be: i32,
    kind: Kind,
    size: Size,
    theme: Theme,
) -> Res<Option<Exported>> {
    let store = state.store().await?;
    let name = format!("infographic-{}-{year_be}-{}.png", kind.as_str(), size.as_str());
    export_with(&app, &state, (&name, "PNG", "png"), |path| async move {
        publish::export_infographic(&store, year_be, (kind, size, theme), None, &path).await
    })
    .await
}
