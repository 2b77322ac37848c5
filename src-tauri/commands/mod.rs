//! IPC commands, one module per part of the app. Each is a few lines over
//! prongsai-core; errors cross as `{ code, message }` ([`ErrorPayload`],
//! from any `CoreError` by `?`). Types are in ui/src/lib/bindings.ts, and
//! ui/src/lib/api.ts lists every command once (a test holds the two lists
//! equal).

use std::path::PathBuf;

use prongsai_core::ErrorPayload;
use prongsai_core::documents::Exported;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::AppState;

mod assets;
mod backup;
mod budget;
mod desk;
mod edit;
mod ita;
mod publish;
mod report;
#[cfg(test)]
mod tests;

type Res<T> = Result<T, ErrorPayload>;

/// Every command, in the order api.ts lists them.
pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        report::years,
        report::report,
        edit::apply_change,
        edit::save_text,
        edit::text_of,
        report::export_report_pdf,
        report::export_memo_pdf,
        desk::open_exported,
        report::choose_emblem,
        report::choose_font,
        report::installed_fonts,
        budget::budget_view,
        budget::budget_import_choose,
        budget::budget_import_check,
        budget::budget_import_apply,
        budget::export_budget_pdf,
        budget::export_budget_xlsx,
        budget::export_spending_plan_pdf,
        edit::undo_state,
        edit::undo,
        edit::redo,
        edit::search,
        desk::parse_be_date,
        desk::read_year,
        report::channel_phrase,
        desk::open_url,
        desk::set_user,
        edit::history_of,
        backup::list_backups,
        backup::backup_now,
        backup::restore_choose,
        backup::restore_backup,
        assets::asset_rows,
        assets::asset_page,
        assets::loans,
        assets::loan_reminders,
        assets::asset_summary,
        assets::asset_summary_phrase,
        assets::export_assets_xlsx,
        assets::export_loan_slip,
        assets::export_inspection_pdf,
        assets::assets_import_choose,
        assets::assets_import_check,
        assets::assets_import_apply,
        assets::inspection,
        report::start_own_report,
        report::empty_year,
        desk::fiscal_year_today,
        desk::about,
        desk::painted,
        report::next_memo_number,
        report::preview_memo,
        ita::ita_rounds,
        ita::ita_shipped,
        ita::ita_add_round,
        ita::ita_round,
        ita::ita_analysis,
        ita::ita_check_links,
        ita::ita_import_catalogue,
        ita::ita_import_scores,
        ita::export_ita_analysis_pdf,
        ita::export_ita_answers,
        publish::export_report_docx,
        publish::export_memo_docx,
        publish::publish_site,
        publish::export_open_data,
        publish::export_infographic
    ]
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
    let done = export(path.clone()).await?;
    state.remember_export(path);
    Ok(Some(done))
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
