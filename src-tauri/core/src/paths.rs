//! Where the database lives when no `--db` is given: the OS app-data folder,
//! the same one the desktop app uses (`<data dir>/<APP_IDENTIFIER>`).

use std::path::PathBuf;

use crate::error::{CoreError, Result};

/// Must equal `identifier` in tauri.conf.json (a test checks it).
pub const APP_IDENTIFIER: &str = "th.prongsai.app";

pub const DB_FILE_NAME: &str = "prongsai.sqlite";

/// `~/.local/share/th.prongsai.app` on Linux, `~/Library/Application
/// Support/th.prongsai.app` on macOS, `%APPDATA%\th.prongsai.app` on Windows.
pub fn app_data_dir() -> Result<PathBuf> {
    dirs::data_dir()
        .map(|d| d.join(APP_IDENTIFIER))
        .ok_or_else(|| CoreError::Io("no application data folder on this system".into()))
}

pub fn default_db_path() -> Result<PathBuf> {
    Ok(app_data_dir()?.join(DB_FILE_NAME))
}
