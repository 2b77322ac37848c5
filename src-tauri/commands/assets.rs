//! The register, loans and inspections: the table's pages, an asset's
//! page, reminders, figures, imports and the documents they print.

use prongsai_core::error::Refusal;
use std::collections::BTreeMap;

use prongsai_core::assets::import::AssetImportCheck;
use prongsai_core::assets::index::{AssetQuery, AssetRows};
use prongsai_core::assets::{AssetPage, AssetSummary, Inspection, Loan, LoanFilter, LoanReminders};
use prongsai_core::documents::{self, Exported};
use prongsai_core::table::ReadOptions;
use prongsai_core::{CoreError, Id};
use tauri::{AppHandle, Runtime, State};

use super::{Res, export_with, open_file, today};
use crate::AppState;

/// One page of the register's table, filtered and sorted.
#[tauri::command]
pub async fn asset_rows(state: State<'_, AppState>, query: AssetQuery) -> Res<AssetRows> {
    Ok(state.asset_index().await?.query(&query))
}

/// One asset's page as of today.
#[tauri::command]
pub async fn asset_page(state: State<'_, AppState>, number: String) -> Res<AssetPage> {
    Ok(state.store().await?.asset_page(&number, today()).await?)
}

#[tauri::command]
pub async fn loans(state: State<'_, AppState>, filter: LoanFilter) -> Res<Vec<Loan>> {
    Ok(state.store().await?.loans(&filter, today()).await?)
}

/// Loans out past their due date, and those due within 3 days: the banner on start.
#[tauri::command]
pub async fn loan_reminders(state: State<'_, AppState>) -> Res<LoanReminders> {
    let day = today();
    let all = state.store().await?.loans(&LoanFilter::default(), day).await?;
    let overdue = LoanFilter {
        overdue_on: Some(day),
        ..Default::default()
    };
    let soon = LoanFilter {
        due_within: Some(3),
        ..Default::default()
    };
    let count = |f: &LoanFilter| all.iter().filter(|l| f.keeps(l, day)).count() as u32;
    Ok(LoanReminders {
        overdue: count(&overdue),
        due_soon: count(&soon),
    })
}

#[tauri::command]
pub async fn asset_summary(state: State<'_, AppState>, year_be: i32) -> Res<AssetSummary> {
    Ok(state.store().await?.asset_summary(year_be, today()).await?)
}

/// A year's asset figures as a sentence, to insert in a result.
#[tauri::command]
pub async fn asset_summary_phrase(state: State<'_, AppState>, year_be: i32) -> Res<String> {
    Ok(asset_summary(state, year_be).await?.phrase())
}

#[tauri::command]
pub async fn export_assets_xlsx<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Res<Option<Exported>> {
    let store = state.store().await?;
    let name = format!("ทะเบียนครุภัณฑ์-{}.xlsx", today().format("%Y-%m-%d"));
    export_with(&app, &state, (&name, "Excel", "xlsx"), |path| async move {
        documents::export_assets_xlsx(&store, today(), &path).await
    })
    .await
}

#[tauri::command]
pub async fn export_loan_slip<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: Id,
) -> Res<Option<Exported>> {
    let store = state.store().await?;
    let name = format!("แบบยืมพัสดุ-{id}.pdf");
    export_with(&app, &state, (&name, "PDF", "pdf"), |path| async move {
        documents::export_loan_slip(&store, id, &path).await
    })
    .await
}

#[tauri::command]
pub async fn export_inspection_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    year_be: i32,
) -> Res<Option<Exported>> {
    let store = state.store().await?;
    let name = format!("ตรวจสอบพัสดุ-{year_be}.pdf");
    export_with(&app, &state, (&name, "PDF", "pdf"), |path| async move {
        documents::export_inspection(&store, year_be, &path).await
    })
    .await
}

/// A year's inspection; `null` when none has started.
#[tauri::command]
pub async fn inspection(state: State<'_, AppState>, year_be: i32) -> Res<Option<Inspection>> {
    match state.store().await?.inspection(year_be).await {
        Ok(i) => Ok(Some(i)),
        Err(CoreError::Refused(Refusal::NotFound { .. })) => Ok(None),
        Err(e) => Err(e.payload()),
    }
}

/// Lets the user pick a register file (CSV/XLSX) and checks it without
/// writing; `null` when cancelled.
#[tauri::command]
pub async fn assets_import_choose<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Res<Option<AssetImportCheck>> {
    let store = state.store().await?;
    let Some(path) = open_file(&app, "CSV / Excel", &["csv", "xlsx", "xls", "ods"]).await else {
        return Ok(None);
    };
    let (check, _) = store.check_asset_import_file(&path, None).await?;
    state.set_pending_assets(Some(path));
    Ok(Some(check))
}

/// Checks the chosen register file again with a column mapping.
#[tauri::command]
pub async fn assets_import_check(
    state: State<'_, AppState>,
    mapping: Option<BTreeMap<String, String>>,
    sheet: Option<String>,
) -> Res<AssetImportCheck> {
    let path = state
        .pending_assets()
        .ok_or_else(|| CoreError::from(Refusal::NoFileChosen).payload())?;
    let (check, _) = state
        .store()
        .await?
        .check_asset_import_file_with(&path, mapping, &ReadOptions { sheet })
        .await?;
    Ok(check)
}

/// Imports the chosen register file: every row, or none when any is bad.
#[tauri::command]
pub async fn assets_import_apply(
    state: State<'_, AppState>,
    mapping: Option<BTreeMap<String, String>>,
    sheet: Option<String>,
) -> Res<AssetImportCheck> {
    let path = state
        .pending_assets()
        .ok_or_else(|| CoreError::from(Refusal::NoFileChosen).payload())?;
    let (check, added) = state
        .store()
        .await?
        .import_assets_file(&path, mapping, &ReadOptions { sheet }, true)
        .await?;
    if added.is_some() {
        state.set_pending_assets(None);
    }
    Ok(check)
}
