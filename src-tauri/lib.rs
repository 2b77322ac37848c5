//! The desktop shell: a window over prongsai-core. Thin by rule: each
//! command in [`commands`] is a few lines over a core function; no domain
//! logic lives here.

pub mod commands;
mod state;

use std::path::PathBuf;

use tauri::Manager;

pub use state::AppState;

/// The database the app opens: `--db PATH` on the command line, else
/// `PRONGSAI_DB`, else `prongsai.sqlite` in the OS app-data folder.
fn database_path(app: &tauri::App) -> Result<PathBuf, String> {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args
                .next()
                .map(PathBuf::from)
                .ok_or_else(|| "--db needs a path".to_owned());
        }
        if let Some(p) = arg.strip_prefix("--db=") {
            return Ok(PathBuf::from(p));
        }
    }
    if let Some(p) = std::env::var_os("PRONGSAI_DB") {
        return Ok(PathBuf::from(p));
    }
    app.path()
        .app_data_dir()
        .map(|d| d.join(prongsai_core::paths::DB_FILE_NAME))
        .map_err(|e| e.to_string())
}

/// When the process started, as near as the shell can tell.
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Told once the window has painted the report.
static PAINTED: tokio::sync::Notify = tokio::sync::Notify::const_new();

/// Whether `PRONGSAI_TIMING` is set: read once, as every command asks.
static TIMING: std::sync::LazyLock<bool> = std::sync::LazyLock::new(|| std::env::var_os("PRONGSAI_TIMING").is_some());

/// With `PRONGSAI_TIMING` set, says on stderr how long after the start a
/// step of it came (`scripts/bench-start.py` reads them).
fn timing(step: &str) {
    if *TIMING && let Some(t) = STARTED.get() {
        eprintln!("prongsai: {step} {} ms after start", t.elapsed().as_millis());
    }
}

/// The window painted the report (the `painted` command): the rolling
/// backups may start.
pub fn first_paint() {
    timing("first paint");
    PAINTED.notify_one();
}

/// Every [`ROLLING_EVERY`](prongsai_core::store::backups::ROLLING_EVERY)
/// a backup of the database if it changed since the last one; the first
/// once the window has painted the report (or
/// [`FIRST_BACKUP_AFTER`](prongsai_core::store::backups::FIRST_BACKUP_AFTER)
/// when it never says so), so copying a large database never delays it.
fn spawn_rolling_backups(app: tauri::AppHandle) {
    use prongsai_core::store::backups::{FIRST_BACKUP_AFTER, ROLLING_EVERY};
    tauri::async_runtime::spawn(async move {
        let _ = tokio::time::timeout(FIRST_BACKUP_AFTER, PAINTED.notified()).await;
        let mut tick = tokio::time::interval(ROLLING_EVERY);
        loop {
            tick.tick().await;
            let Ok(store) = app.state::<AppState>().store().await else {
                continue;
            };
            if let Err(e) = store
                .rolling_backup(chrono::Utc::now(), prongsai_core::store::Retention::default())
                .await
            {
                eprintln!("prongsai: rolling backup failed: {e}");
            }
        }
    });
}

/// An old web view (or none) is said in a native dialog, in Thai and
/// English with the link to install one, and the app closes: the window
/// would not run, or not run right.
fn refuse_an_unsupported_webview(app: &tauri::App) {
    use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
    let version = tauri::webview_version().ok();
    let engine = prongsai_core::webview::Engine::of_this_os();
    if let Err(problem) = prongsai_core::webview::check(engine, version.as_deref()) {
        eprintln!("prongsai: {}", problem.english);
        let handle = app.handle().clone();
        app.dialog()
            .message(format!("{}\n\n{}", problem.thai, problem.english))
            .title("Prongsai — โปร่งใส")
            .kind(MessageDialogKind::Error)
            .show(move |_| handle.exit(1));
    }
}

pub fn run() {
    STARTED.get_or_init(std::time::Instant::now);
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            timing("setup");
            refuse_an_unsupported_webview(app);
            let state = match database_path(app) {
                Ok(path) => AppState::locking(&path),
                Err(e) => AppState::failed(prongsai_core::CoreError::Io(e)),
            };
            app.manage(state);
            // Opened while the window loads its page: the event loop does
            // not wait for it (seeding the sample takes a tenth of a
            // second), and the first command waits only if it comes first.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                handle.state::<AppState>().open_store().await;
                timing("database open");
            });
            spawn_rolling_backups(app.handle().clone());
            Ok(())
        })
        .on_page_load(|_, payload| match payload.event() {
            tauri::webview::PageLoadEvent::Started => timing("page load started"),
            tauri::webview::PageLoadEvent::Finished => timing("page loaded"),
        })
        .invoke_handler({
            let handler = commands::handler();
            move |invoke| {
                timing(invoke.message.command());
                handler(invoke)
            }
        })
        .run(tauri::generate_context!())
        .expect("error while running Prongsai");
}
