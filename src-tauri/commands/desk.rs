//! The desk around the records: who is editing, dates and years as typed,
//! opening a web address or an exported file outside the app.

use prongsai_core::error::Refusal;
use std::path::PathBuf;

use prongsai_core::CoreError;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;

use super::Res;
use crate::AppState;

/// The name the history records for this window's changes.
#[tauri::command]
pub fn set_user(state: State<'_, AppState>, name: String) -> Res<()> {
    let name = prongsai_core::change::clean_line("user name", &name, false)?;
    state.set_user(name);
    Ok(())
}

/// A date typed with a Buddhist Era year, as ISO (refuses a CE year with a hint).
#[tauri::command]
pub fn parse_be_date(text: String) -> Res<String> {
    Ok(prongsai_core::thai::parse_be_date(&text).map(|d| d.format("%Y-%m-%d").to_string())?)
}

/// A typed year: BE, a CE year with the BE year it likely meant, or none.
#[tauri::command]
pub fn read_year(text: String) -> prongsai_core::thai::YearReading {
    prongsai_core::thai::read_year(&text)
}

/// Opens a web address (http or https only) in the system browser.
#[tauri::command]
pub fn open_url<R: Runtime>(app: AppHandle<R>, url: String) -> Res<()> {
    if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(char::is_whitespace) {
        return Err(CoreError::from(Refusal::NotAUrl { text: url }).payload());
    }
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| CoreError::Io(e.to_string()).payload())
}

/// Opens a file this session exported with the system's PDF viewer.
#[tauri::command]
pub async fn open_exported<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, path: String) -> Res<()> {
    let path = PathBuf::from(path);
    if !state.was_exported(&path) {
        return Err(CoreError::from(Refusal::NotExportedHere).payload());
    }
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| CoreError::Io(e.to_string()).payload())
}

/// The version, the schema and where the records are, for the help panel.
#[tauri::command]
pub fn about(state: State<'_, AppState>) -> prongsai_core::store::About {
    prongsai_core::store::about(state.db_path())
}

/// The window has painted the report: the rolling backups may start.
#[tauri::command]
pub fn painted() {
    crate::first_paint();
}

/// The fiscal year (BE) today falls in: the year a new agency starts with.
#[tauri::command]
pub fn fiscal_year_today() -> i32 {
    prongsai_core::thai::fiscal_year_of(chrono::Local::now().date_naive())
}
