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
    /// Whether `store` holds the opened store (or why it could not be
    /// opened): the app opens its database while the window loads, and
    /// [`AppState::store`] waits for it.
    opened: tokio::sync::watch::Sender<bool>,
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
            opened: tokio::sync::watch::Sender::new(true),
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

    /// Locks the database for this app; [`AppState::open_store`] then
    /// opens it. Commands that come before it is open wait for it.
    pub fn locking(path: &Path) -> AppState {
        let db = match prongsai_core::store::canonical_db_path(path) {
            Ok(p) => p,
            Err(e) => return AppState::new(Err(e.payload()), None, None),
        };
        let lock = match AppLock::acquire(&db) {
            Ok(l) => l,
            Err(e) => return AppState::new(Err(e.payload()), None, None),
        };
        let opening = CoreError::DatabaseLocked("the database is being opened".into()).payload();
        let state = AppState::new(Err(opening), Some(db), Some(lock));
        state.opened.send_replace(false);
        state
    }

    /// Opens the locked database (seeding a new one), the core's one way
    /// in, shared with the CLI (`store::session`), and lets the waiting
    /// commands go on. Does nothing when it is open or was refused.
    pub async fn open_store(&self) {
        if *self.opened.borrow() {
            return;
        }
        if let Some(db) = self.db.clone() {
            // On a task of its own: should the open panic, the commands are
            // told so, where they would otherwise wait for it forever.
            let store = match tokio::spawn(async move { Store::open_or_seed(&db).await }).await {
                Ok(opened) => opened.map(|(s, _)| s).map_err(|e| e.payload()),
                Err(e) => Err(CoreError::Io(format!("opening the database failed: {e}")).payload()),
            };
            *locked(&self.store) = store;
        }
        self.opened.send_replace(true);
    }

    pub fn failed(e: CoreError) -> AppState {
        AppState::new(Err(e.payload()), None, None)
    }

    pub fn from_store(store: Store) -> AppState {
        let db = store.path().to_owned();
        AppState::new(Ok(store), Some(db), None)
    }

    /// The store, writing in the name of the app's user; once it is open.
    pub async fn store(&self) -> Result<Store, ErrorPayload> {
        self.until_open().await;
        let user = locked(&self.user).clone();
        locked(&self.store)
            .as_ref()
            .map(|s| s.clone().with_actor(user))
            .map_err(Clone::clone)
    }

    async fn until_open(&self) {
        // The sender lives as long as `self`: waiting cannot fail.
        let _ = self.opened.subscribe().wait_for(|open| *open).await;
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
        self.until_open().await;
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
        let store = self.store().await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The window loads while the database opens: a command that comes
    /// first waits for the store, and is not told the database is busy.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_command_waits_for_the_database_to_open() {
        let dir = tempfile::tempdir().unwrap();
        let state = Arc::new(AppState::locking(&dir.path().join("p.sqlite")));
        let first = tokio::spawn({
            let state = state.clone();
            async move { state.store().await.map(|s| s.path().to_owned()) }
        });
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        assert!(!first.is_finished(), "the command went on before the database was open");

        state.open_store().await;
        let opened = first.await.unwrap().expect("the opened store");
        assert_eq!(Some(opened.as_path()), state.db_path());
        // The sample was seeded: the store is the real one.
        let years = state.store().await.unwrap().years().await.unwrap();
        assert!(!years.is_empty());
    }

    /// A file that is not a database: the open's error is what every
    /// command is told, once the open has tried.
    #[tokio::test]
    async fn a_database_that_will_not_open_is_said_to_every_command() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.sqlite");
        std::fs::write(&path, vec![0x5a; 64 * 1024]).unwrap();
        let state = AppState::locking(&path);
        state.open_store().await;
        let first = state.store().await.err().expect("the open fails");
        let second = state.store().await.err().expect("and stays failed");
        assert_eq!(first.code, second.code);
        assert_ne!(
            first.code,
            prongsai_core::ErrorCode::DatabaseLocked,
            "not the placeholder: {first:?}"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            vec![0x5a; 64 * 1024],
            "the file is left as it was"
        );
    }

    /// A database another app holds is refused at once, and the refusal is
    /// what every command is told: nothing waits for an open that never comes.
    #[tokio::test]
    async fn a_refused_database_is_said_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.sqlite");
        let holder = AppState::locking(&path);
        let second = AppState::locking(&path);
        // No open_store: the refusal is there at once, and nothing waits.
        let refused = tokio::time::timeout(std::time::Duration::from_secs(5), second.store())
            .await
            .expect("the refusal is said without waiting for an open")
            .err()
            .expect("the lock refuses a second app");
        assert_eq!(refused.code, prongsai_core::ErrorCode::DatabaseLocked);
        drop(holder);
    }
}
