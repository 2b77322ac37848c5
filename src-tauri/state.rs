//! What the app holds between commands: the open store (or why it could
//! not be opened, shown to the user: a database from a newer version, one
//! another window has open), the lock that keeps a second app instance off
//! the file, and this session's exports.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use std::sync::Arc;

use prongsai_core::assets::index::AssetIndex;
use prongsai_core::store::AppLock;
use prongsai_core::{CoreError, ErrorPayload, Store};

pub struct AppState {
    store: Mutex<Result<Store, ErrorPayload>>,
    /// The database file, and the lock on it while this app has it open.
    db: Option<PathBuf>,
    _lock: Option<AppLock>,
    /// Files this session exported: the only ones the app offers to open.
    exported: Mutex<HashSet<PathBuf>>,
    /// The import file the user chose and saw checked, awaiting "apply".
    pending_import: Mutex<Option<PathBuf>>,
    /// The same for a register file.
    pending_assets: Mutex<Option<PathBuf>>,
    /// The user name set in the app: who the history records.
    user: Mutex<String>,
    /// The register in memory for the table, with the history entry it was built at.
    asset_index: Mutex<Option<(i64, Arc<AssetIndex>)>>,
}

fn locked<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl AppState {
    fn new(store: Result<Store, ErrorPayload>, db: Option<PathBuf>, lock: Option<AppLock>) -> AppState {
        AppState {
            store: Mutex::new(store),
            db,
            _lock: lock,
            exported: Mutex::default(),
            pending_import: Mutex::default(),
            pending_assets: Mutex::default(),
            user: Mutex::default(),
            asset_index: Mutex::default(),
        }
    }

    /// The database file this app opened (none when the path was refused).
    pub fn db_path(&self) -> Option<&Path> {
        self.db.as_deref()
    }

    /// Locks the database for this app, then opens it (seeding a new one):
    /// the core's one way in, shared with the CLI (`store::session`).
    pub async fn open(path: &Path) -> AppState {
        let db = match prongsai_core::store::canonical_db_path(path) {
            Ok(p) => p,
            Err(e) => return AppState::new(Err(e.payload()), None, None),
        };
        let lock = match AppLock::acquire(&db) {
            Ok(l) => l,
            Err(e) => return AppState::new(Err(e.payload()), None, None),
        };
        let store = Store::open_or_seed(&db).await.map(|(s, _)| s).map_err(|e| e.payload());
        AppState::new(store, Some(db), Some(lock))
    }

    pub fn failed(e: CoreError) -> AppState {
        AppState::new(Err(e.payload()), None, None)
    }

    pub fn from_store(store: Store) -> AppState {
        let db = store.path().to_owned();
        AppState::new(Ok(store), Some(db), None)
    }

    /// The store, writing in the name of the app's user.
    pub fn store(&self) -> Result<Store, ErrorPayload> {
        let user = locked(&self.user).clone();
        locked(&self.store)
            .as_ref()
            .map(|s| s.clone().with_actor(user))
            .map_err(Clone::clone)
    }

    pub fn set_user(&self, name: String) {
        *locked(&self.user) = name;
    }

    /// Replaces the database with `from` (after keeping the current state
    /// beside it) and reopens it. Commands that arrive meanwhile are told
    /// the database is busy. Returns where the previous state was kept.
    pub async fn restore(&self, from: &Path) -> Result<PathBuf, ErrorPayload> {
        let db = self
            .db
            .clone()
            .ok_or_else(|| CoreError::Io("no database is open".into()).payload())?;
        let busy = CoreError::DatabaseLocked("the database is being restored".into()).payload();
        let current = std::mem::replace(&mut *locked(&self.store), Err(busy));
        if let Ok(store) = current {
            store.close().await;
        }
        let result = prongsai_core::store::restore(&db, from).await;
        let reopened = Store::open_or_seed(&db).await.map(|(s, _)| s).map_err(|e| e.payload());
        *locked(&self.store) = reopened;
        result.map_err(|e| e.payload())
    }

    /// The register's index, rebuilt when anything was written since.
    pub async fn asset_index(&self) -> Result<Arc<AssetIndex>, ErrorPayload> {
        let store = self.store()?;
        let at = store.last_change_id().await.map_err(|e| e.payload())?;
        if let Some((built, index)) = locked(&self.asset_index).as_ref()
            && *built == at
        {
            return Ok(index.clone());
        }
        let index = Arc::new(store.asset_index().await.map_err(|e| e.payload())?);
        *locked(&self.asset_index) = Some((at, index.clone()));
        Ok(index)
    }

    pub fn remember_export(&self, path: PathBuf) {
        locked(&self.exported).insert(path);
    }

    pub fn set_pending_import(&self, path: Option<PathBuf>) {
        *locked(&self.pending_import) = path;
    }

    pub fn pending_import(&self) -> Option<PathBuf> {
        locked(&self.pending_import).clone()
    }

    pub fn set_pending_assets(&self, path: Option<PathBuf>) {
        *locked(&self.pending_assets) = path;
    }

    pub fn pending_assets(&self) -> Option<PathBuf> {
        locked(&self.pending_assets).clone()
    }

    pub fn was_exported(&self, path: &Path) -> bool {
        locked(&self.exported).contains(path)
    }
}
