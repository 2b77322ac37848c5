//! Copies of the database: the rolling backups, "back up now", restore.

use prongsai_core::CoreError;
use prongsai_core::store::{BackupInfo, backups};
use tauri::{AppHandle, Runtime, State};

use super::{Res, open_file, save_as};
use crate::AppState;

/// The rolling backups kept beside the database, newest first.
#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Res<Vec<BackupInfo>> {
    let store = state.store().await?;
    Ok(backups::list(&backups::backup_dir(store.path()))?)
}

/// "Back up now": asks where, then writes a consistent copy there;
/// `None` when the user cancels.
#[tauri::command]
pub async fn backup_now<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Res<Option<String>> {
    let store = state.store().await?;
    let name = format!("prongsai-{}.sqlite", chrono::Local::now().format("%Y-%m-%d-%H%M"));
    let Some(path) = save_as(&app, &name, "SQLite", "sqlite").await else {
        return Ok(None);
    };
    if path.exists() {
        std::fs::remove_file(&path)
            .map_err(|e| CoreError::Io(format!("cannot replace {}: {e}", path.display())).payload())?;
    }
    store.backup_to(&path).await?;
    Ok(Some(path.display().to_string()))
}

/// "Restore…": asks for a backup file, keeps the current state beside the
/// database, and replaces it; returns where the previous state was kept,
/// `None` when the user cancels.
#[tauri::command]
pub async fn restore_choose<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Res<Option<String>> {
    let Some(path) = open_file(&app, "SQLite", &["sqlite", "db"]).await else {
        return Ok(None);
    };
    state.restore(&path).await.map(|p| Some(p.display().to_string()))
}

/// Restores one of the rolling backups, by its name in the list.
#[tauri::command]
pub async fn restore_backup(state: State<'_, AppState>, name: String) -> Res<String> {
    let store = state.store().await?;
    let path = backups::resolve(&backups::backup_dir(store.path()), &name)?;
    drop(store);
    state.restore(&path).await.map(|p| p.display().to_string())
}
