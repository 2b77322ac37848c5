//! Opening a database: the version check (a newer schema or another
//! program's file is refused untouched), a copy before migrating, the
//! migrations, sealing old history entries; read-only opening beside the
//! app; seeding the sample; and consistent copies (`VACUUM INTO`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Connection, migrate::Migrator};

use crate::change::Change;
use crate::error::{CoreError, Result};

use super::{OpenReport, Store, guard, history};

pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// The newest schema version this build knows.
pub fn known_schema_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// How many commands a store serves at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Serves {
    /// The app: commands arrive together, and a read need not wait for
    /// another command's statement.
    Many,
    /// One command at a time (a CLI command; a scratch copy, checked one
    /// step after another): one connection, opened once. sqlx hands a
    /// released connection back through a task that pings it first; on a
    /// one-thread runtime the next acquire often ran before that task,
    /// found nothing idle and opened another connection, up to the pool's
    /// size, each with a thread and a parse of the schema (some 4 % of the
    /// sample's export each).
    One,
}

impl Serves {
    fn connections(self) -> u32 {
        match self {
            Serves::Many => 4,
            Serves::One => 1,
        }
    }
}

/// How a store's commits reach the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Durability {
    /// Every commit synced, through a write-ahead log: the user's records.
    Durable,
    /// Nothing synced, the journal in memory: a copy thrown away after use.
    Scratch,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it,
    /// after keeping a copy of a database that needs migrating.
    pub async fn open(path: &Path) -> Result<(Store, OpenReport)> {
        Store::open_with(path, true, Durability::Durable, Serves::Many).await
    }

    /// A scratch database that dies with its folder (`verify`'s replay): a
    /// commit need not reach the disk, so replaying ten thousand entries
    /// waits for no ten thousand fsyncs, and its rollback journal is kept
    /// in memory, so each page is written once (a write-ahead log writes
    /// every page twice: into the log, then into the file); its pages are
    /// SQLite's largest (64 KiB).
    pub(super) async fn open_scratch(path: &Path) -> Result<Store> {
        let mut store = Store::open_with(path, false, Durability::Scratch, Serves::One).await?.0;
        // Nothing else opens it: there is no other program to watch for.
        store.guard = guard::FileGuard::default();
        Ok(store)
    }

    pub(super) async fn open_with(
        path: &Path,
        backup_before_migrating: bool,
        durability: Durability,
        serves: Serves,
    ) -> Result<(Store, OpenReport)> {
        let mut report = OpenReport::default();
        let applied = if path.exists() {
            check_version(path).await?
        } else {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| CoreError::Io(format!("cannot create folder {}: {e}", dir.display())))?;
            }
            report.created = true;
            None
        };
        let opts = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(match durability {
                Durability::Durable => SqliteJournalMode::Wal,
                Durability::Scratch => SqliteJournalMode::Memory,
            })
            .synchronous(match durability {
                Durability::Durable => SqliteSynchronous::Full,
                Durability::Scratch => SqliteSynchronous::Off,
            })
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        // Pages larger than SQLite's 4 KiB, for a new file only: set before
        // its first table, the size holds. An existing file, and the
        // copies `VACUUM INTO` makes of it, keep their own. A scratch copy
        // takes the largest: replaying 1,000,000 assets wrote 350 MB, a
        // system call a page, and read them back as many to be compared.
        // The records take 16 KiB: 100,000 assets insert and commit with
        // half the system time, and a one-row commit writes 32 KiB to the
        // log instead of 8.
        let opts = match (durability, report.created) {
            (Durability::Scratch, _) => opts.page_size(65536),
            (Durability::Durable, true) => opts.page_size(16384),
            (Durability::Durable, false) => opts,
        };
        // Connections are never retired while the store is open, so the
        // write-ahead log it opened stays the one every later write goes to
        // (FileGuard). No `min_connections`: its task would open a second
        // connection beside the first, and two first opens of a log without
        // its -shm race for recovery ("database is locked").
        let pool = SqlitePoolOptions::new()
            .max_connections(serves.connections())
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(opts)
            .await?;
        if let Some(version) = applied
            && version < known_schema_version()
            && backup_before_migrating
        {
            report.backup = Some(backup_before_migration(&pool, path, version).await?);
        }
        MIGRATOR.run(&pool).await?;
        // Entries from before the hash chain (schema < 5) are sealed once.
        {
            let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
            history::seal(&mut tx).await?;
            tx.commit().await?;
        }
        let store = Store {
            pool,
            path: path.to_owned(),
            actor: default_actor(),
            guard: guard::FileGuard::take(path),
            read_only: false,
        };
        Ok((store, report))
    }

    /// A connection of its own on this store's file, outside its pool, that
    /// only reads: `verify` compares its registers on several at once,
    /// whatever the pool's size (a CLI command's has one connection).
    pub(super) async fn reader(&self) -> Result<sqlx::SqliteConnection> {
        Ok(sqlx::SqliteConnection::connect_with(&read_only_options(&self.path)).await?)
    }

    /// Opens an existing, up-to-date database for reading only: nothing is
    /// written, migrated or checkpointed, and the write-ahead log is never
    /// removed, so this is safe beside the app that has the file open.
    /// Only a CLI command reads so, one statement at a time (`Serves::One`).
    pub async fn open_read_only(path: &Path) -> Result<Store> {
        match check_version(path).await? {
            Some(v) if v == known_schema_version() => {}
            _ => {
                return Err(CoreError::DatabaseLocked(format!(
                    "{} is open in the Prongsai app and can only be read as it is",
                    path.display()
                )));
            }
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(Serves::One.connections())
            .connect_with(read_only_options(path))
            .await?;
        Ok(Store {
            pool,
            path: path.to_owned(),
            actor: default_actor(),
            guard: guard::FileGuard::default(),
            read_only: true,
        })
    }

    /// Opens the database and, if it holds nothing yet, loads the embedded
    /// sample report through the ordinary import path, then the sample's
    /// ITA 2569 round with its FY 2568 draft ([`super::sample_round::sample_round`]).
    pub async fn open_or_seed(path: &Path) -> Result<(Store, OpenReport)> {
        Store::open_or_seed_serving(path, Serves::Many).await
    }

    /// [`Store::open_or_seed`] for a store that serves `serves` commands at once.
    pub(super) async fn open_or_seed_serving(path: &Path, serves: Serves) -> Result<(Store, OpenReport)> {
        let (store, mut report) = Store::open_with(path, true, Durability::Durable, serves).await?;
        if store.is_empty().await? {
            let doc = crate::sample::sample_doc()?;
            let round = super::sample_round::sample_round(&doc)?;
            store
                .apply(Change::ImportReport {
                    doc: Box::new(doc),
                    replace: false,
                })
                .await?;
            store.apply(round).await?;
            report.seeded = true;
        }
        Ok((store, report))
    }

    /// Writes a consistent copy of the database to `dest` (`VACUUM INTO`).
    pub async fn backup_to(&self, dest: &Path) -> Result<()> {
        vacuum_into(&self.pool, dest).await
    }
}

fn default_actor() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
}

/// Reads the schema version of an existing file without writing to it,
/// and refuses it unless it is a Prongsai database whose every recorded
/// migration is one of ours, applied whole. `None`: an empty file (a
/// database with no tables yet).
pub(super) async fn check_version(path: &Path) -> Result<Option<i64>> {
    // No URL: a path may hold `?` or `#`.
    let opts = SqliteConnectOptions::new().filename(path).read_only(true);
    let mut conn = SqliteConnection::connect_with(&opts)
        .await
        .map_err(|e| CoreError::Database(format!("{} is not a Prongsai database: {e}", path.display())))?;
    let result = read_version(&mut conn, path).await;
    conn.close().await.ok();
    let version = result?;
    let known = known_schema_version();
    match version {
        Some(found) if found > known => Err(CoreError::DatabaseTooNew {
            path: path.display().to_string(),
            found,
            known,
        }),
        other => Ok(other),
    }
}

async fn read_version(conn: &mut SqliteConnection, path: &Path) -> Result<Option<i64>> {
    let foreign = || {
        CoreError::Database(format!(
            "{} is a SQLite database of another program, not a Prongsai database; it was left untouched",
            path.display()
        ))
    };
    let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
        .fetch_all(&mut *conn)
        .await
        .map_err(|e| CoreError::Database(format!("{} is not a Prongsai database: {e}", path.display())))?;
    if tables.is_empty() {
        return Ok(None);
    }
    if !tables.iter().any(|t| t == "_sqlx_migrations") {
        return Err(foreign());
    }
    let rows: Vec<(i64, bool, Vec<u8>)> =
        sqlx::query_as("SELECT version, success, checksum FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut *conn)
            .await
            .map_err(|_| foreign())?;
    let Some(&(found, _, _)) = rows.last() else {
        // Created, killed before its first migration: nothing but the table.
        return if tables.len() == 1 { Ok(Some(0)) } else { Err(foreign()) };
    };
    if let Some((v, _, _)) = rows.iter().find(|(_, ok, _)| !ok) {
        return Err(CoreError::Migration(format!(
            "{}: the upgrade to schema {v} failed part-way in this file, so it cannot be trusted; it was left untouched",
            path.display()
        )));
    }
    // Every migration of ours up to the newest recorded one is there, as we
    // wrote it (a newer app's file also holds all of ours).
    for m in MIGRATOR.iter().filter(|m| m.version <= found) {
        let same = rows
            .iter()
            .any(|(v, _, sum)| *v == m.version && sum.as_slice() == &*m.checksum);
        if !same {
            return Err(foreign());
        }
    }
    Ok(Some(found))
}

async fn backup_before_migration(pool: &SqlitePool, path: &Path, version: i64) -> Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let name = format!(
        "{}.before-migration-v{version}-{stamp}.sqlite",
        path.file_stem().and_then(|s| s.to_str()).unwrap_or("prongsai")
    );
    let dest = path.with_file_name(name);
    vacuum_into(pool, &dest).await?;
    Ok(dest)
}

/// A consistent copy of the database at `dest`, written under a temporary
/// name beside it, synced, then renamed: `dest` is either absent or whole,
/// whatever happens meanwhile (a full disk, a kill). An existing `dest` is
/// refused, never replaced.
pub(super) async fn vacuum_into(pool: &SqlitePool, dest: &Path) -> Result<()> {
    if dest.exists() {
        return Err(CoreError::Io(format!("{} already exists", dest.display())));
    }
    let dir = dest
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let partial = tempfile::Builder::new()
        .prefix(".prongsai-")
        .suffix(".partial")
        .tempfile_in(dir)
        .map_err(|e| CoreError::Io(format!("cannot write in {}: {e}", dir.display())))?;
    let partial_str = partial
        .path()
        .to_str()
        .ok_or_else(|| CoreError::Io(format!("{} is not a valid UTF-8 path", dest.display())))?
        .to_owned();
    sqlx::query("VACUUM INTO ?1")
        .bind(&partial_str)
        .execute(pool)
        .await
        .map_err(|e| CoreError::Io(format!("cannot write {}: {e}", dest.display())))?;
    partial
        .as_file()
        .sync_all()
        .map_err(|e| CoreError::Io(format!("cannot write {}: {e}", dest.display())))?;
    partial
        .persist_noclobber(dest)
        .map_err(|e| CoreError::Io(format!("cannot write {}: {}", dest.display(), e.error)))?;
    Ok(())
}

/// A connection to the file at `path` that writes nothing.
fn read_only_options(path: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_new_database_is_made_in_large_pages_and_an_old_one_keeps_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let page = |s: Store| async move {
            let size: i64 = sqlx::query_scalar("PRAGMA page_size").fetch_one(&s.pool).await.unwrap();
            s.close().await;
            size
        };
        // Set before the first table: once a table is made, the size holds.
        let scratch = Store::open_scratch(&dir.path().join("replay.sqlite")).await.unwrap();
        assert_eq!(page(scratch).await, 65536);
        let (records, _) = Store::open(&dir.path().join("p.sqlite")).await.unwrap();
        assert_eq!(page(records).await, 16384);
        // A database made before, in SQLite's 4 KiB pages, opens as it is.
        let old = dir.path().join("old.sqlite");
        Store::open_or_seed(&old).await.unwrap().0.close().await;
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", old.display()))
            .await
            .unwrap();
        sqlx::raw_sql("PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; VACUUM; PRAGMA journal_mode = WAL")
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
        let (old, _) = Store::open(&old).await.unwrap();
        assert!(old.years().await.unwrap().iter().any(|y| y.year_be == 2566));
        // So do its copies: `VACUUM INTO` writes a pending page size.
        let copy = dir.path().join("copy.sqlite");
        vacuum_into(&old.pool, &copy).await.unwrap();
        assert_eq!(page(old).await, 4096);
        let (copy, _) = Store::open(&copy).await.unwrap();
        assert_eq!(page(copy).await, 4096);
    }
}
