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
//! - A store remembers which files it opened ([`super::guard::FileGuard`]); a write finds
//!   them replaced or its log removed (by another program, whatever it did)
//!   and is refused instead of landing in a file nobody will read again.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::open::{Durability, Serves};
use super::{OpenReport, Store};
use crate::error::{CoreError, Result};
use crate::refusal::Refusal;

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
            let serves = if access == Access::App {
                Serves::Many
            } else {
                Serves::One
            };
            let (store, opened) = Store::open_or_seed_serving(&path, serves).await?;
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
    crate::replace::replace_file(scratch, db).map_err(|e| {
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
    match super::open::check_version(from).await? {
        Some(_) => {}
        None => return Err(Refusal::EmptyDatabase.into()),
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
    let (store, _) = Store::open_with(scratch.path(), false, Durability::Durable, Serves::One).await?;
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
            (Held::ByApp, Access::App) => Refusal::OpenInAnotherWindow {
                file: db.display().to_string(),
            }
            .into(),
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

/// Held while a Prongsai process has the database open: the app for as
/// long as it runs, a CLI command for its run (see this module). The
/// lock is the operating system's (`flock`, `LockFileEx`: released if the
/// process dies, and not by closing some other descriptor of the file), on
/// `<canonical db>.lock`.
#[derive(Debug)]
pub struct AppLock {
    _file: std::fs::File,
    path: PathBuf,
}

impl AppLock {
    /// Takes the lock for the app; refused with [`CoreError::DatabaseLocked`]
    /// while another app has it (a CLI command holding it is waited for).
    pub fn acquire(db: &Path) -> Result<AppLock> {
        AppLock::acquire_for(db, Access::App)
    }

    /// Takes the lock for `access`: the CLI is refused while the app holds
    /// it, and waits for another CLI command.
    pub fn acquire_for(db: &Path, access: Access) -> Result<AppLock> {
        let db = canonical_db_path(db)?;
        let holder = if access == Access::App {
            Holder::App
        } else {
            Holder::Cli
        };
        acquire(&db, holder, WAIT_FOR_CLI).map_err(|held| held.error(&db, access))
    }

    /// The lock on `<db>.lock`, or `None` while another process holds it.
    pub(super) fn try_acquire(db: &Path) -> Result<Option<AppLock>> {
        let path = PathBuf::from(format!("{}.lock", db.display()));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| CoreError::Io(format!("cannot open {}: {e}", path.display())))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(AppLock { _file: file, path })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(CoreError::Io(format!("cannot lock {}: {e}", path.display()))),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
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

    /// One CLI command, one connection: a second one costs a thread and a
    /// parse of the schema, and the CLI's runtime never needs two at once.
    /// A TEMP table lives on the connection that made it: still there at
    /// the end, it shows every statement ran on that one connection. The
    /// paths that hold a connection a while (a save, undo, verify) run too:
    /// one that asked for a second would wait for it forever.
    #[tokio::test]
    async fn a_cli_command_reads_and_writes_on_one_connection() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite");
        let session = open(&db, Access::CliWrite).await.unwrap();
        assert!(session.opened.seeded);
        let store = session.store;
        sqlx::query("CREATE TEMP TABLE probe (x)")
            .execute(&store.pool)
            .await
            .unwrap();
        let year = store.years().await.unwrap()[0].year_be;
        let measure = &store.report(year).await.unwrap().measures[0];
        let target = crate::change::TextTarget::MeasureTitle(measure.id);
        store
            .save_text(target, "มาตรการ ก".into(), &measure.title)
            .await
            .unwrap();
        assert!(store.undo_state().await.unwrap().undo.is_some());
        store.undo().await.unwrap();
        let verified = store.verify().await.unwrap();
        assert!(verified.broken_at.is_none() && verified.mismatches.is_empty());
        store.organization().await.unwrap();
        sqlx::query("SELECT count(*) FROM temp.probe")
            .execute(&store.pool)
            .await
            .expect("the connection opened first is the one every statement ran on");
        assert_eq!(store.pool.size(), 1);
        store.close().await;
        drop(session.lock);

        // Beside the app, the CLI reads read-only, on one connection too;
        // the app's store serves commands at once.
        let app = open(&db, Access::App).await.unwrap();
        let (a, b) = (
            app.store.pool.acquire().await.unwrap(),
            app.store.pool.acquire().await.unwrap(),
        );
        drop((a, b));
        let beside = open(&db, Access::CliRead).await.unwrap();
        assert!(beside.store.read_only);
        beside.store.report(year).await.unwrap();
        beside.store.years().await.unwrap();
        assert_eq!(beside.store.pool.size(), 1);
    }
}
