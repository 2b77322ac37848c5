//! What the app holds between commands: the open store, or why it could
//! not be opened (shown to the user, e.g. a database from a newer version).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use prongsai_core::{CoreError, ErrorPayload, Store};

pub struct AppState {
    store: Result<Store, ErrorPayload>,
    /// Files this session exported: the only ones the app offers to open.
    exported: Mutex<HashSet<PathBuf>>,
    /// The import file the user chose and saw checked, awaiting "apply".
    pending_import: Mutex<Option<PathBuf>>,
    /// The user name set in the app: who the history records.
    user: Mutex<String>,
}

impl AppState {
    pub async fn open(path: &Path) -> AppState {
        AppState {
            store: Store::open_or_seed(path).await.map(|(s, _)| s).map_err(|e| e.payload()),
            exported: Mutex::default(),
            pending_import: Mutex::default(),
            user: Mutex::default(),
        }
    }

    pub fn failed(e: CoreError) -> AppState {
        AppState {
            store: Err(e.payload()),
            exported: Mutex::default(),
            pending_import: Mutex::default(),
            user: Mutex::default(),
        }
    }

    pub fn from_store(store: Store) -> AppState {
        AppState {
            store: Ok(store),
            exported: Mutex::default(),
            pending_import: Mutex::default(),
            user: Mutex::default(),
        }
    }

    /// The store, writing in the name of the app's user.
    pub fn store(&self) -> Result<Store, ErrorPayload> {
        let user = self.user.lock().unwrap_or_else(|e| e.into_inner()).clone();
        self.store
            .as_ref()
            .map(|s| s.clone().with_actor(user))
            .map_err(Clone::clone)
    }

    pub fn set_user(&self, name: String) {
        *self.user.lock().unwrap_or_else(|e| e.into_inner()) = name;
    }
}

impl AppState {
    pub fn remember_export(&self, path: PathBuf) {
        self.exported.lock().unwrap_or_else(|e| e.into_inner()).insert(path);
    }

    pub fn set_pending_import(&self, path: Option<PathBuf>) {
        *self.pending_import.lock().unwrap_or_else(|e| e.into_inner()) = path;
    }

    pub fn pending_import(&self) -> Option<PathBuf> {
        self.pending_import.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn was_exported(&self, path: &Path) -> bool {
        self.exported.lock().unwrap_or_else(|e| e.into_inner()).contains(path)
    }
}
