//! The budget: its view, importing a file (chosen in Rust, kept in state),
//! the monitoring report, the workbook and the spending plan.

use prongsai_core::error::Refusal;
use std::collections::BTreeMap;

use prongsai_core::CoreError;
use prongsai_core::budget_import::ImportCheck;
use prongsai_core::documents::{self, Exported};
use prongsai_core::table::ReadOptions;
use tauri::{AppHandle, Runtime, State};

use super::{Res, export_with, open_file};
use crate::AppState;

/// A year's budget monitored through fiscal month `through` (1 = October).
#[tauri::command]
pub async fn budget_view(
    state: State<'_, AppState>,
    year_be: i32,
    through: u8,
) -> Res<prongsai_core::budget::BudgetView> {
    Ok(state.store().await?.budget_view(year_be, through).await?)
}

/// Lets the user pick a CSV/XLSX file and checks it against the year's
/// budget without writing; `null` when cancelled.
#[tauri::command]
pub async fn budget_import_choose<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    year_be: i32,
) -> Res<Option<ImportCheck>> {
    let store = state.store().await?;
    let Some(path) = open_file(&app, "CSV / Excel", &["csv", "xlsx", "xls", "ods"]).await else {
        return Ok(None);
    };
    let (check, _) = store.check_budget_import(year_be, &path, None).await?;
    state.set_pending_import(Some(path));
    Ok(Some(check))
}

/// Checks the chosen file again with a column mapping from the user.
#[tauri::command]
pub async fn budget_import_check(
    state: State<'_, AppState>,
    year_be: i32,
    mapping: Option<BTreeMap<String, String>>,
    sheet: Option<String>,
) -> Res<ImportCheck> {
    let path = state
        .pending_import()
        .ok_or_else(|| CoreError::from(Refusal::NoFileChosen).payload())?;
    let (check, _) = state
        .store()
        .await?
        .check_budget_import_with(year_be, &path, mapping, &ReadOptions { sheet })
        .await?;
    Ok(check)
}

/// Imports the chosen file: all rows or none; a mapping used is remembered.
#[tauri::command]
pub async fn budget_import_apply(
    state: State<'_, AppState>,
    year_be: i32,
    mapping: Option<BTreeMap<String, String>>,
    sheet: Option<String>,
) -> Res<ImportCheck> {
    let store = state.store().await?;
    let path = state
        .pending_import()
        .ok_or_else(|| CoreError::from(Refusal::NoFileChosen).payload())?;
    let (check, done) = store
        .import_budget_file(year_be, &path, mapping, &ReadOptions { sheet })
        .await?;
    if done.is_none() {
        return Err(CoreError::MalformedImport {
            path: check.file_name.clone(),
            message: "some rows have errors; nothing was imported".into(),
        }
        .payload());
    }
    state.set_pending_import(None);
    Ok(check)
}

/// Exports the monitoring report through `through` as PDF.
#[tauri::command]
pub async fn export_budget_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    year_be: i32,
    through: u8,
) -> Res<Option<Exported>> {
    let store = state.store().await?;
    export_with(
        &app,
        &state,
        (&format!("budget-report-{year_be}-{through}m.pdf"), "PDF", "pdf"),
        |path| async move { documents::export_budget_report(&store, year_be, through, &path).await },
    )
    .await
}

/// Exports the budget and its monitoring report as XLSX.
#[tauri::command]
pub async fn export_budget_xlsx<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    year_be: i32,
    through: u8,
) -> Res<Option<Exported>> {
    let store = state.store().await?;
    export_with(
        &app,
        &state,
        (&format!("budget-{year_be}.xlsx"), "Excel", "xlsx"),
        |path| async move { documents::export_budget_xlsx(&store, year_be, through, &path).await },
    )
    .await
}

/// Exports the year's spending plan as PDF.
#[tauri::command]
pub async fn export_spending_plan_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    year_be: i32,
) -> Res<Option<Exported>> {
    let store = state.store().await?;
    export_with(
        &app,
        &state,
        (&format!("spending-plan-{year_be}.pdf"), "PDF", "pdf"),
        |path| async move { documents::export_spending_plan(&store, year_be, &path).await },
    )
    .await
}
