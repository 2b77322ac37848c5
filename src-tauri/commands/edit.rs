//! Editing: the one write command, typing saved against its base, undo and
//! redo, a field's history, search.

use prongsai_core::store::{HistoryEntry, UndoState};
use prongsai_core::{Applied, Change, SearchHit, TextTarget};
use tauri::State;

use super::Res;
use crate::AppState;

/// The one write command: every edit is a typed [`Change`].
#[tauri::command]
pub async fn apply_change(state: State<'_, AppState>, change: Change) -> Res<Applied> {
    Ok(state.store().await?.apply(change).await?)
}

/// Saves a text field's typing, refused with `conflict` when the field no
/// longer holds `base`, the stored text the typing began from.
#[tauri::command]
pub async fn save_text(state: State<'_, AppState>, target: TextTarget, text: String, base: String) -> Res<Applied> {
    Ok(state.store().await?.save_text(target, text, &base).await?)
}

/// A text field's stored value (shown beside the user's text in a conflict).
#[tauri::command]
pub async fn text_of(state: State<'_, AppState>, target: TextTarget) -> Res<String> {
    Ok(state.store().await?.text(target).await?)
}

/// What Undo and Redo would do now.
#[tauri::command]
pub async fn undo_state(state: State<'_, AppState>) -> Res<UndoState> {
    Ok(state.store().await?.undo_state().await?)
}

/// Undoes the newest change (a new entry of the history).
#[tauri::command]
pub async fn undo(state: State<'_, AppState>) -> Res<Applied> {
    Ok(state.store().await?.undo().await?)
}

#[tauri::command]
pub async fn redo(state: State<'_, AppState>) -> Res<Applied> {
    Ok(state.store().await?.redo().await?)
}

/// Every version of one text field, newest first.
#[tauri::command]
pub async fn history_of(state: State<'_, AppState>, target: TextTarget) -> Res<Vec<HistoryEntry>> {
    Ok(state.store().await?.history_of(target).await?)
}

/// Every year's texts containing `query`, newest year first.
#[tauri::command]
pub async fn search(state: State<'_, AppState>, query: String) -> Res<Vec<SearchHit>> {
    Ok(state.store().await?.search(&query).await?)
}
