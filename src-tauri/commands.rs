//! IPC commands. Each is a few lines over prongsai-core; errors cross as
//! `{ code, message }` ([`ErrorPayload`]). Types are in ui/src/lib/bindings.ts.

use std::collections::BTreeMap;
use std::path::PathBuf;

use prongsai_core::budget_import::ImportCheck;
use prongsai_core::table::ReadOptions;

use prongsai_core::assets::import::AssetImportCheck;
use prongsai_core::assets::index::{AssetQuery, AssetRows};
use prongsai_core::assets::{AssetPage, AssetSummary, Inspection, Loan, LoanFilter, LoanReminders};
use prongsai_core::documents::{self, Exported};
use prongsai_core::store::{BackupInfo, HistoryEntry, UndoState, backups};
use prongsai_core::{
    Applied, Change, Channel, CoreError, ErrorCode, ErrorPayload, Id, Report, SearchHit, TextTarget, YearSummary, doc,
};
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::AppState;

type Res<T> = Result<T, ErrorPayload>;

pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        years,
        report,
        apply_change,
        save_text,
        text_of,
        export_report_pdf,
        export_memo_pdf,
        open_exported,
        choose_emblem,
        budget_view,
        budget_import_choose,
        budget_import_check,
        budget_import_apply,
        export_budget_pdf,
        export_budget_xlsx,
        export_spending_plan_pdf,
        undo_state,
        undo,
        redo,
        search,
        parse_be_date,
        channel_phrase,
        open_url,
        set_user,
        history_of,
        list_backups,
        backup_now,
        restore_choose,
        restore_backup,
        asset_rows,
        asset_page,
        loans,
        loan_reminders,
        asset_summary,
        asset_summary_phrase,
        export_assets_xlsx,
        export_loan_slip,
        export_inspection_pdf,
        assets_import_choose,
        assets_import_check,
        assets_import_apply,
        inspection
    ]
}

/// Fiscal years, newest first.
#[tauri::command]
pub async fn years(state: State<'_, AppState>) -> Res<Vec<YearSummary>> {
    state.store()?.years().await.map_err(|e| e.payload())
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
    report
        .transpose()
        .map(|r| {
            r.map(|r| {
                let digits = r.organization.digits;
                r.for_display(digits)
            })
        })
        .map_err(|e| e.payload())
}

/// The one write command: every edit is a typed [`Change`].
#[tauri::command]
pub async fn apply_change(state: State<'_, AppState>, change: Change) -> Res<Applied> {
    state.store()?.apply(change).await.map_err(|e| e.payload())
}

/// Saves a text field's typing, refused with `conflict` when the field no
/// longer holds `base`, the stored text the typing began from.
#[tauri::command]
pub async fn save_text(state: State<'_, AppState>, target: TextTarget, text: String, base: String) -> Res<Applied> {
    state
        .store()?
        .save_text(target, text, &base)
        .await
        .map_err(|e| e.payload())
}

/// A text field's stored value (shown beside the user's text in a conflict).
#[tauri::command]
pub async fn text_of(state: State<'_, AppState>, target: TextTarget) -> Res<String> {
    state.store()?.text(target).await.map_err(|e| e.payload())
}

/// What Undo and Redo would do now.
#[tauri::command]
pub async fn undo_state(state: State<'_, AppState>) -> Res<UndoState> {
    state.store()?.undo_state().await.map_err(|e| e.payload())
}

/// Undoes the newest change (a new entry of the history).
#[tauri::command]
pub async fn undo(state: State<'_, AppState>) -> Res<Applied> {
    state.store()?.undo().await.map_err(|e| e.payload())
}

#[tauri::command]
pub async fn redo(state: State<'_, AppState>) -> Res<Applied> {
    state.store()?.redo().await.map_err(|e| e.payload())
}

/// Every year's texts containing `query`, newest year first.
#[tauri::command]
pub async fn search(state: State<'_, AppState>, query: String) -> Res<Vec<SearchHit>> {
    state.store()?.search(&query).await.map_err(|e| e.payload())
}

/// A date typed with a Buddhist Era year, as ISO (refuses a CE year with a hint).
#[tauri::command]
pub fn parse_be_date(text: String) -> Res<String> {
    prongsai_core::thai::parse_be_date(&text)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|e| e.payload())
}

/// A complaint channel as the phrase inserted into a result.
#[tauri::command]
pub fn channel_phrase(channel: Channel) -> String {
    channel.phrase()
}

/// Opens a web address (http or https only) in the system browser.
#[tauri::command]
pub fn open_url<R: Runtime>(app: AppHandle<R>, url: String) -> Res<()> {
    if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(char::is_whitespace) {
        return Err(CoreError::InvalidInput(format!("\"{url}\" is not a web address")).payload());
    }
    app.opener()
        .open_url(url, None::<&str>)
        .map_err(|e| CoreError::Io(e.to_string()).payload())
}

/// Every version of one text field, newest first.
#[tauri::command]
pub async fn history_of(state: State<'_, AppState>, target: TextTarget) -> Res<Vec<HistoryEntry>> {
    state.store()?.history_of(target).await.map_err(|e| e.payload())
}

/// The rolling backups kept beside the database, newest first.
#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Res<Vec<BackupInfo>> {
    let store = state.store()?;
    backups::list(&backups::backup_dir(store.path())).map_err(|e| e.payload())
}

/// "Back up now": asks where, then writes a consistent copy there;
/// `None` when the user cancels.
#[tauri::command]
pub async fn backup_now<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Res<Option<String>> {
    let store = state.store()?;
    let name = format!("prongsai-{}.sqlite", chrono::Local::now().format("%Y-%m-%d-%H%M"));
    let Some(path) = save_as(&app, &name, "SQLite", "sqlite").await else {
        return Ok(None);
    };
    if path.exists() {
        std::fs::remove_file(&path)
            .map_err(|e| CoreError::Io(format!("cannot replace {}: {e}", path.display())).payload())?;
    }
    store.backup_to(&path).await.map_err(|e| e.payload())?;
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
    let store = state.store()?;
    let path = backups::resolve(&backups::backup_dir(store.path()), &name).map_err(|e| e.payload())?;
    drop(store);
    state.restore(&path).await.map(|p| p.display().to_string())
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// One page of the register's table, filtered and sorted.
#[tauri::command]
pub async fn asset_rows(state: State<'_, AppState>, query: AssetQuery) -> Res<AssetRows> {
    Ok(state.asset_index().await?.query(&query))
}

/// One asset's page as of today.
#[tauri::command]
pub async fn asset_page(state: State<'_, AppState>, number: String) -> Res<AssetPage> {
    state
        .store()?
        .asset_page(&number, today())
        .await
        .map_err(|e| e.payload())
}

#[tauri::command]
pub async fn loans(state: State<'_, AppState>, filter: LoanFilter) -> Res<Vec<Loan>> {
    state.store()?.loans(&filter, today()).await.map_err(|e| e.payload())
}

/// Loans out past their due date, and those due within 3 days: the banner on start.
#[tauri::command]
pub async fn loan_reminders(state: State<'_, AppState>) -> Res<LoanReminders> {
    let day = today();
    let all = state
        .store()?
        .loans(&LoanFilter::default(), day)
        .await
        .map_err(|e| e.payload())?;
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
    state
        .store()?
        .asset_summary(year_be, today())
        .await
        .map_err(|e| e.payload())
}

/// A year's asset figures as a sentence, to insert in a result.
#[tauri::command]
pub async fn asset_summary_phrase(state: State<'_, AppState>, year_be: i32) -> Res<String> {
    Ok(asset_summary(state, year_be).await?.phrase())
}

#[tauri::command]
pub async fn export_assets_xlsx<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Res<Option<Exported>> {
    let store = state.store()?;
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
    let store = state.store()?;
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
    let store = state.store()?;
    let name = format!("ตรวจสอบพัสดุ-{year_be}.pdf");
    export_with(&app, &state, (&name, "PDF", "pdf"), |path| async move {
        documents::export_inspection(&store, year_be, &path).await
    })
    .await
}

/// A year's inspection; `null` when none has started.
#[tauri::command]
pub async fn inspection(state: State<'_, AppState>, year_be: i32) -> Res<Option<Inspection>> {
    match state.store()?.inspection(year_be).await {
        Ok(i) => Ok(Some(i)),
        Err(CoreError::NotFound { .. }) => Ok(None),
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
    let store = state.store()?;
    let Some(path) = open_file(&app, "CSV / Excel", &["csv", "xlsx", "xls", "ods"]).await else {
        return Ok(None);
    };
    let (check, _) = store
        .check_asset_import_file(&path, None)
        .await
        .map_err(|e| e.payload())?;
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
        .ok_or_else(|| CoreError::InvalidInput("no file chosen".into()).payload())?;
    let (check, _) = state
        .store()?
        .check_asset_import_file_with(&path, mapping, &ReadOptions { sheet })
        .await
        .map_err(|e| e.payload())?;
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
        .ok_or_else(|| CoreError::InvalidInput("no file chosen".into()).payload())?;
    let store = state.store()?;
    let (check, assets) = store
        .check_asset_import_file_with(&path, mapping, &ReadOptions { sheet })
        .await
        .map_err(|e| e.payload())?;
    let Some(assets) = assets else {
        return Ok(check);
    };
    store
        .apply(Change::ImportAssets { assets })
        .await
        .map_err(|e| e.payload())?;
    state.set_pending_assets(None);
    Ok(check)
}

/// The name the history records for this window's changes.
#[tauri::command]
pub fn set_user(state: State<'_, AppState>, name: String) -> Res<()> {
    let name = prongsai_core::change::clean_line("user name", &name, false).map_err(|e| e.payload())?;
    state.set_user(name);
    Ok(())
}

/// A year's budget monitored through fiscal month `through` (1 = October).
#[tauri::command]
pub async fn budget_view(
    state: State<'_, AppState>,
    year_be: i32,
    through: u8,
) -> Res<prongsai_core::budget::BudgetView> {
    state
        .store()?
        .budget_view(year_be, through)
        .await
        .map_err(|e| e.payload())
}

/// Asks where to save a file of one kind; `None` when the user cancels.
async fn save_as<R: Runtime>(app: &AppHandle<R>, file_name: &str, kind: &str, ext: &str) -> Option<PathBuf> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .add_filter(kind, &[ext])
        .set_file_name(file_name)
        .save_file(move |p| {
            let _ = tx.send(p);
        });
    let path = rx.await.ok().flatten()?.into_path().ok()?;
    Some(if path.extension().is_some() {
        path
    } else {
        path.with_extension(ext)
    })
}

/// Asks for a file of one kind to open; `None` when the user cancels.
async fn open_file<R: Runtime>(app: &AppHandle<R>, kind: &str, exts: &[&str]) -> Option<PathBuf> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    app.dialog().file().add_filter(kind, exts).pick_file(move |p| {
        let _ = tx.send(p);
    });
    rx.await.ok().flatten().and_then(|p| p.into_path().ok())
}

/// Asks where to save, runs `export` there and remembers the file as this
/// session's (so that the app may offer to open it); `None` when cancelled.
async fn export_with<R: Runtime, F, Fut>(
    app: &AppHandle<R>,
    state: &AppState,
    (file_name, kind, ext): (&str, &str, &str),
    export: F,
) -> Res<Option<Exported>>
where
    F: FnOnce(PathBuf) -> Fut,
    Fut: std::future::Future<Output = prongsai_core::Result<Exported>>,
{
    let Some(path) = save_as(app, file_name, kind, ext).await else {
        return Ok(None);
    };
    let done = export(path.clone()).await.map_err(|e| e.payload())?;
    state.remember_export(path);
    Ok(Some(done))
}

/// Lets the user pick a CSV/XLSX file and checks it against the year's
/// budget without writing; `null` when cancelled.
#[tauri::command]
pub async fn budget_import_choose<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    year_be: i32,
) -> Res<Option<ImportCheck>> {
    let store = state.store()?;
    let Some(path) = open_file(&app, "CSV / Excel", &["csv", "xlsx", "xls", "ods"]).await else {
        return Ok(None);
    };
    let (check, _) = store
        .check_budget_import(year_be, &path, None)
        .await
        .map_err(|e| e.payload())?;
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
        .ok_or_else(|| CoreError::InvalidInput("no file chosen".into()).payload())?;
    let (check, _) = state
        .store()?
        .check_budget_import_with(year_be, &path, mapping, &ReadOptions { sheet })
        .await
        .map_err(|e| e.payload())?;
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
    let store = state.store()?;
    let path = state
        .pending_import()
        .ok_or_else(|| CoreError::InvalidInput("no file chosen".into()).payload())?;
    let (check, done) = store
        .import_budget_file(year_be, &path, mapping, &ReadOptions { sheet })
        .await
        .map_err(|e| e.payload())?;
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
    let store = state.store()?;
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
    let store = state.store()?;
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
    let store = state.store()?;
    export_with(
        &app,
        &state,
        (&format!("spending-plan-{year_be}.pdf"), "PDF", "pdf"),
        |path| async move { documents::export_spending_plan(&store, year_be, &path).await },
    )
    .await
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

/// Opens a file this session exported with the system's PDF viewer.
#[tauri::command]
pub async fn open_exported<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, path: String) -> Res<()> {
    let path = PathBuf::from(path);
    if !state.was_exported(&path) {
        return Err(CoreError::InvalidInput("only files exported in this session can be opened".into()).payload());
    }
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| ErrorPayload {
            code: ErrorCode::Io,
            message: e.to_string(),
        })
}

/// Lets the user pick the emblem image (PNG, JPEG or SVG); `false` when cancelled.
#[tauri::command]
pub async fn choose_emblem<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> Res<bool> {
    let store = state.store()?;
    let Some(path) = open_file(&app, "PNG / JPEG / SVG", &["png", "jpg", "jpeg", "svg"]).await else {
        return Ok(false);
    };
    let emblem = doc::read_image_file(&path).map_err(|e| e.payload())?;
    store
        .apply(Change::SetEmblem { emblem: Some(emblem) })
        .await
        .map_err(|e| e.payload())?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use prongsai_core::{ErrorCode, Store};
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder, mock_context, noop_assets};
    use tauri::webview::InvokeRequest;

    use super::*;

    fn app(store: Store) -> tauri::App<tauri::test::MockRuntime> {
        let app = mock_builder()
            .invoke_handler(handler())
            .build(mock_context(noop_assets()))
            .expect("mock app");
        tauri::Manager::manage(&app, AppState::from_store(store));
        app
    }

    type Webview = tauri::WebviewWindow<tauri::test::MockRuntime>;

    fn webview(app: &tauri::App<tauri::test::MockRuntime>) -> Webview {
        tauri::WebviewWindowBuilder::new(app, "main", Default::default())
            .build()
            .expect("mock webview")
    }

    fn invoke(webview: &Webview, cmd: &str, body: serde_json::Value) -> Result<serde_json::Value, serde_json::Value> {
        get_ipc_response(
            webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(body),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|b| b.deserialize::<serde_json::Value>().unwrap())
    }

    #[test]
    fn commands_read_and_edit_the_report_over_ipc() {
        let dir = tempfile::tempdir().unwrap();
        let store = tauri::async_runtime::block_on(Store::open_or_seed(&dir.path().join("p.sqlite")))
            .unwrap()
            .0;
        let app = app(store);
        let app = webview(&app);

        let report = invoke(&app, "report", serde_json::json!({})).unwrap();
        assert_eq!(report["year"]["year_be"], 2566);
        assert_eq!(report["measures"].as_array().unwrap().len(), 4);
        // Shown with Thai digits, as the sample organization asks.
        assert_eq!(report["measures"][0]["results"][0]["label"], "๑.");
        let id = report["measures"][0]["results"][0]["id"].clone();

        let change = serde_json::json!({ "change": {
            "kind": "set_text", "target": { "field": "result", "id": id }, "text": "ผลใหม่ ๑๒"
        }});
        let applied = invoke(&app, "apply_change", change).unwrap();
        assert_eq!(applied["year_be"], 2566);
        let report = invoke(&app, "report", serde_json::json!({ "yearBe": 2566 })).unwrap();
        assert_eq!(report["measures"][0]["results"][0]["text"], "ผลใหม่ ๑๒");

        // Errors arrive as { code, message }.
        let empty = serde_json::json!({ "change": {
            "kind": "set_text", "target": { "field": "result", "id": id }, "text": "  "
        }});
        let err = invoke(&app, "apply_change", empty).unwrap_err();
        let err: ErrorPayload = serde_json::from_value(err).unwrap();
        assert_eq!(err.code, ErrorCode::EmptyText);
        assert_eq!(err.message, "result must not be empty");

        let err = invoke(&app, "report", serde_json::json!({ "yearBe": 2570 })).unwrap_err();
        assert_eq!(err["code"], "not_found");
    }

    #[test]
    fn a_database_that_failed_to_open_answers_every_command_with_its_error() {
        let app = mock_builder()
            .invoke_handler(handler())
            .build(mock_context(noop_assets()))
            .unwrap();
        tauri::Manager::manage(
            &app,
            AppState::failed(prongsai_core::CoreError::DatabaseTooNew {
                path: "x".into(),
                found: 9,
                known: 1,
            }),
        );
        let err = invoke(&webview(&app), "years", serde_json::json!({})).unwrap_err();
        assert_eq!(err["code"], "database_too_new");
    }
}
