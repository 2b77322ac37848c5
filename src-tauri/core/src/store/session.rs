//! Opening a database for the app or the CLI, so that both can share one
//! file and nothing either of them reports as saved is lost.
//!
//! The rules (ARCHITECTURE.md, "The app and the CLI on one database"):
//! - Every Prongsai process takes the OS lock on `<canonical db>.lock`
//!   before it opens the database. The app holds it for as long as it runs.
//! - The CLI, finding the app there, refuses every write and `restore` in
//!   one line, and reads through a read-only connection, which never
//!   checkpoints or removes the write-ahead log. SQLite's own POSIX locks are
//!   dropped when any descriptor of the file is closed in a process (a native
//!   dialog reading the folder is enough); ours is an `flock`/`LockFileEx`
//!   lock on another file, which no such close releases.
//! - A store remembers which files it opened ([`FileGuard`]); a write finds
//!   them replaced or its log removed (by another program, whatever it did)
//!   and is refused instead of landing in a file nobody will read again.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{OpenReport, Store, backups::AppLock};
use crate::error::{CoreError, Result};

/// Who opens the database, and for what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The desktop app: reads and writes for as long as it runs.
    App,
    /// A CLI command that writes (or restores).
    CliWrite,
    /// A CLI command that only reads: beside the app it reads read-only.
    CliRead,
}

/// Which kind of process holds a database's lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    App,
    Cli,
}

impl Holder {
    fn tag(self) -> &'static str {
        match self {
            Holder::App => "app",
            Holder::Cli => "cli",
        }
    }
}

/// How long a process waits for a short CLI command that holds the lock.
pub const WAIT_FOR_CLI: Duration = Duration::from_secs(30);

/// An open database with the lock that makes it ours.
pub struct Session {
    pub store: Store,
    /// `None` when the CLI reads beside the app: the store is read-only.
    pub lock: Option<AppLock>,
    pub opened: OpenReport,
}

/// The path every process names a database by: symbolic links and `..`
/// resolved, so that two spellings of one file take one lock. A file that
/// does not exist yet is named by its (created) folder's canonical path.
pub fn canonical_db_path(path: &Path) -> Result<PathBuf> {
    if path.exists() {
        return dunce::canonicalize(path).map_err(|e| CoreError::Io(format!("cannot resolve {}: {e}", path.display())));
    }
    let name = path
        .file_name()
        .ok_or_else(|| CoreError::Io(format!("{} does not name a file", path.display())))?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| CoreError::Io(format!("cannot create folder {}: {e}", dir.display())))?;
    let dir = dunce::canonicalize(dir).map_err(|e| CoreError::Io(format!("cannot resolve {}: {e}", dir.display())))?;
    Ok(dir.join(name))
}

/// Opens the database at `path` for `access` (see the module's rules).
pub async fn open(path: &Path, access: Access) -> Result<Session> {
    let path = canonical_db_path(path)?;
    let holder = if access == Access::App {
        Holder::App
    } else {
        Holder::Cli
    };
    match acquire(&path, holder, WAIT_FOR_CLI) {
        Ok(lock) => {
            let (store, opened) = Store::open_or_seed(&path).await?;
            Ok(Session {
                store,
                lock: Some(lock),
                opened,
            })
        }
        Err(Held::ByApp) if access == Access::CliRead => Ok(Session {
            store: Store::open_read_only(&path).await?,
            lock: None,
            opened: OpenReport::default(),
        }),
        Err(held) => Err(held.error(&path, access)),
    }
}

/// Replaces the database at `db` with the backup `from`. `from` is checked
/// whole first, on a scratch copy beside `db`: it is a Prongsai database,
/// its migrations are ours and complete, it migrates, its history verifies
/// and it passes SQLite's integrity check. Only then is the current state
/// kept beside `db` and the copy renamed into place. Returns where the
/// previous state was kept. Every refusal names the database, which is then
/// as it was. The caller holds the lock and has closed its store.
pub async fn restore(db: &Path, from: &Path) -> Result<PathBuf> {
    let refused = |reason: String| CoreError::RestoreRefused {
        file: from.display().to_string(),
        kept: db.display().to_string(),
        reason,
    };
    if !from.is_file() {
        return Err(refused("the file does not exist".into()));
    }
    let scratch = checked_copy(db, from).await.map_err(|e| refused(e.to_string()))?;
    // The current state, kept before anything is replaced.
    let (store, _) = Store::open(db).await.map_err(|e| refused(e.to_string()))?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let name = format!(
        "{}.before-restore-{stamp}.sqlite",
        db.file_stem().and_then(|s| s.to_str()).unwrap_or("prongsai")
    );
    let safety = db.with_file_name(name);
    let kept = store.backup_to(&safety).await;
    store.close().await;
    kept.map_err(|e| refused(e.to_string()))?;
    // Closed cleanly, the database has no log left; one that is there
    // (a crash) belongs to the old file and must not be applied to the new.
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", db.display()));
        if side.exists() {
            std::fs::remove_file(&side).map_err(|e| refused(format!("cannot remove {}: {e}", side.display())))?;
        }
    }
    scratch.persist(db).map_err(|e| {
        CoreError::Io(format!(
            "cannot replace {}: {}; the previous state is in {}",
            db.display(),
            e.error,
            safety.display()
        ))
    })?;
    // The restored history is the one to hold from now on.
    match super::head::head_of_file(db).await.ok().flatten() {
        Some(h) => super::head::remember(db, &h),
        None => {
            let _ = std::fs::remove_file(super::head::head_path(db));
        }
    }
    Ok(safety)
}

/// A copy of `from` beside `db`, migrated and checked whole; removed when
/// dropped unless persisted.
async fn checked_copy(db: &Path, from: &Path) -> Result<tempfile::NamedTempFile> {
    // Refuses a foreign file, another program's sqlx database or a failed
    // migration before anything is copied or written.
    match super::check_version(from).await? {
        Some(_) => {}
        None => return Err(CoreError::InvalidInput("it is an empty database, not a backup".into())),
    }
    let dir = db
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let scratch = tempfile::Builder::new()
        .prefix(".prongsai-restore-")
        .suffix(".sqlite")
        .tempfile_in(dir)
        .map_err(|e| CoreError::Io(format!("cannot write in {}: {e}", dir.display())))?;
    // Through SQLite, not a byte copy: a backup with its own log beside it
    // is copied as it reads, consistently.
    {
        let opts = sqlx::sqlite::SqliteConnectOptions::new().filename(from).read_only(true);
        let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect_with(&opts).await?;
        let dest = scratch
            .path()
            .to_str()
            .ok_or_else(|| CoreError::Io(format!("{} is not a valid UTF-8 path", dir.display())))?
            .to_owned();
        let copied = sqlx::query("VACUUM INTO ?1").bind(dest).execute(&mut conn).await;
        sqlx::Connection::close(conn).await.ok();
        copied?;
    }
    let (store, _) = Store::open_with(scratch.path(), false).await?;
    let checked = async {
        store.check_integrity().await?;
        let v = store.verify().await?;
        if let Some((id, why)) = v.broken_at {
            return Err(CoreError::Database(format!(
                "its history is broken at entry {id}: {why}"
            )));
        }
        if let Some(first) = v.mismatches.first() {
            return Err(CoreError::Database(format!(
                "its records differ from its history: {first}"
            )));
        }
        Ok(())
    }
    .await;
    store.close().await;
    checked?;
    Ok(scratch)
}

/// Why the lock could not be had.
#[derive(Debug)]
pub(super) enum Held {
    ByApp,
    ByCli,
    Failed(CoreError),
}

impl Held {
    pub(super) fn error(self, db: &Path, access: Access) -> CoreError {
        match (self, access) {
            (Held::ByApp, Access::App) => {
                CoreError::DatabaseLocked(format!("{} is already open in another Prongsai window", db.display()))
            }
            (Held::ByApp, _) => CoreError::DatabaseLocked(format!(
                "{} is open in the Prongsai app: close the app to change it from prongsai-cli (nothing was changed)",
                db.display()
            )),
            (Held::ByCli, _) => CoreError::DatabaseLocked(format!(
                "{} is in use by another prongsai-cli command (waited {} s; nothing was changed)",
                db.display(),
                WAIT_FOR_CLI.as_secs()
            )),
            (Held::Failed(e), _) => e,
        }
    }
}

fn holder_path(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}.lock-holder", db.display()))
}

/// Takes the lock on `<db>.lock` (`db` canonical) for `holder`. A lock held
/// by the CLI is waited for up to `wait`; one held by the app is not.
pub(super) fn acquire(db: &Path, holder: Holder, wait: Duration) -> std::result::Result<AppLock, Held> {
    let start = Instant::now();
    loop {
        match AppLock::try_acquire(db).map_err(Held::Failed)? {
            Some(lock) => {
                // Who holds it, for the next process's message (best effort:
                // a stale holder file is read only while the lock is held).
                let _ = std::fs::write(holder_path(db), format!("{} {}\n", holder.tag(), std::process::id()));
                return Ok(lock);
            }
            None => {
                let by_cli = std::fs::read_to_string(holder_path(db)).is_ok_and(|s| s.starts_with("cli "));
                if !by_cli {
                    return Err(Held::ByApp);
                }
                if start.elapsed() >= wait {
                    return Err(Held::ByCli);
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

/// The identity of a file (device and inode), where the OS gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileId(u64, u64);

#[cfg(unix)]
fn file_id(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| FileId(m.dev(), m.ino()))
}

// Windows and others: an open database cannot be renamed over or deleted
// there (SQLite opens it without FILE_SHARE_DELETE), so there is nothing to
// watch for.
#[cfg(not(unix))]
fn file_id(_path: &Path) -> Option<FileId> {
    None
}

/// The database file and its write-ahead log as a store opened them.
#[derive(Debug, Clone, Default)]
pub(super) struct FileGuard {
    db: Option<FileId>,
    wal: Option<FileId>,
}

fn wal_path(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", db.display()))
}

impl FileGuard {
    /// Taken once the store has opened the file and its log.
    pub(super) fn take(db: &Path) -> FileGuard {
        FileGuard {
            db: file_id(db),
            wal: file_id(&wal_path(db)),
        }
    }

    /// Refuses a write when the files on disk are not the ones this store
    /// has open: the database renamed over or deleted, or its log removed
    /// (another process checkpointed and deleted it after our locks were
    /// dropped), which would send this write into an unlinked file.
    pub(super) fn check(&self, db: &Path) -> Result<()> {
        let replaced = self.db.is_some_and(|id| file_id(db) != Some(id))
            || self.wal.is_some_and(|id| file_id(&wal_path(db)) != Some(id));
        if replaced {
            return Err(CoreError::DatabaseReplaced {
                path: db.display().to_string(),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_symlink_and_dots_name_the_same_database() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("a").join("db.sqlite");
        let via_dots = dir.path().join("a").join("..").join("a").join("db.sqlite");
        assert_eq!(canonical_db_path(&real).unwrap(), canonical_db_path(&via_dots).unwrap());
        std::fs::write(&real, b"").unwrap();
        #[cfg(unix)]
        {
            let link = dir.path().join("link.sqlite");
            std::os::unix::fs::symlink(&real, &link).unwrap();
            assert_eq!(canonical_db_path(&link).unwrap(), canonical_db_path(&real).unwrap());
        }
    }

    #[test]
    fn the_app_is_refused_at_once_and_a_cli_holder_is_waited_for() {
        let dir = tempfile::tempdir().unwrap();
        let db = canonical_db_path(&dir.path().join("db.sqlite")).unwrap();
        let app = acquire(&db, Holder::App, Duration::ZERO).unwrap();
        let start = Instant::now();
        assert!(matches!(
            acquire(&db, Holder::Cli, Duration::from_secs(5)),
            Err(Held::ByApp)
        ));
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "an app holder is not waited for"
        );
        drop(app);
        let cli = acquire(&db, Holder::Cli, Duration::ZERO).unwrap();
        assert!(matches!(
            acquire(&db, Holder::App, Duration::from_millis(200)),
            Err(Held::ByCli)
        ));
        let t = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            drop(cli);
        });
        assert!(
            acquire(&db, Holder::App, Duration::from_secs(10)).is_ok(),
            "the CLI's lock is waited for"
        );
        t.join().unwrap();
    }
}
