//! The SQLite store: opening (version check, backup, migrations), reads, and
//! the single write path [`Store::apply`].
//!
//! Invariants:
//! - Every write is a [`Change`] applied by [`Store::apply`] in one
//!   `BEGIN IMMEDIATE` transaction that also appends it to `change_log`.
//! - WAL, foreign keys on, `synchronous = FULL`: a reported commit survives
//!   a crash of the process or the machine.
//! - A database whose schema is newer than this build is refused untouched;
//!   one that needs migrating is first copied with `VACUUM INTO`.

mod assets;
pub mod backups;
mod edit;
pub mod head;
mod history;
mod read;
pub mod session;
mod workflows;
mod write;

pub use edit::copy_forward;

pub use backups::{AppLock, BackupInfo, Retention};
pub use history::{HistoryEntry, Verification};
pub use session::{Access, Session, canonical_db_path, restore};
pub use workflows::ImportDone;

/// What Undo and Redo would do now (see [`Store::undo_state`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct UndoState {
    pub undo: Option<Step>,
    pub redo: Option<Step>,
    pub undo_depth: u32,
    pub redo_depth: u32,
}

/// One step of undo or redo: the log entry, the kind of change it is, and
/// where it acts, so the app can name it and show that place first.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct Step {
    pub change_id: i64,
    /// [`Change::kind`] of the change that would be undone or redone.
    pub kind: String,
    /// The fiscal year it changes, if it changes one.
    pub year_be: Option<i32>,
    /// The view where the change is seen.
    pub view: crate::change::View,
}

use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Connection, migrate::Migrator};

use crate::change::{Applied, Change};
use crate::domain::{Report, ReportDoc, YearSummary};
use crate::error::{CoreError, Result};

pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// The newest schema version this build knows.
pub fn known_schema_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
    actor: String,
    /// The files this store opened: a write to files since replaced is refused.
    guard: session::FileGuard,
    /// Opened read-only beside the app ([`Access::CliRead`]): writes are refused.
    read_only: bool,
    /// `AsRecorded` only for the scratch store `verify` replays into.
    rules: write::Rules,
}

/// What [`Store::open`] did besides opening.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenReport {
    /// The database file did not exist and was created.
    pub created: bool,
    /// Backup written before migrating, if any.
    pub backup: Option<PathBuf>,
    /// The embedded sample report was loaded (a new, empty database).
    pub seeded: bool,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it,
    /// after keeping a copy of a database that needs migrating.
    pub async fn open(path: &Path) -> Result<(Store, OpenReport)> {
        Store::open_with(path, true).await
    }

    async fn open_with(path: &Path, backup_before_migrating: bool) -> Result<(Store, OpenReport)> {
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
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        // Connections are never retired while the store is open, so the
        // write-ahead log it opened stays the one every later write goes to
        // (FileGuard). No `min_connections`: its task would open a second
        // connection beside the first, and two first opens of a log without
        // its -shm race for recovery ("database is locked").
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
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
            guard: session::FileGuard::take(path),
            read_only: false,
            rules: write::Rules::Check,
        };
        Ok((store, report))
    }

    /// Opens an existing, up-to-date database for reading only: nothing is
    /// written, migrated or checkpointed, and the write-ahead log is never
    /// removed, so this is safe beside the app that has the file open.
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
        let opts = SqliteConnectOptions::new()
            .filename(path)
            .read_only(true)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new().max_connections(2).connect_with(opts).await?;
        Ok(Store {
            pool,
            path: path.to_owned(),
            actor: default_actor(),
            guard: session::FileGuard::default(),
            read_only: true,
            rules: write::Rules::Check,
        })
    }

    /// Refuses a write through a read-only store or to files replaced since
    /// this store opened them.
    fn check_writable(&self) -> Result<()> {
        if self.read_only {
            return Err(CoreError::DatabaseLocked(format!(
                "{} is open in the Prongsai app: close the app to change it from prongsai-cli (nothing was changed)",
                self.path.display()
            )));
        }
        self.guard.check(&self.path)
    }

    /// Opens the database and, if it holds nothing yet, loads the embedded
    /// sample report through the ordinary import path.
    pub async fn open_or_seed(path: &Path) -> Result<(Store, OpenReport)> {
        let (store, mut report) = Store::open(path).await?;
        if store.is_empty().await? {
            let doc = crate::sample::sample_doc()?;
            store
                .apply(Change::ImportReport {
                    doc: Box::new(doc),
                    replace: false,
                })
                .await?;
            report.seeded = true;
        }
        Ok((store, report))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The name recorded with every change (the OS user unless set).
    pub fn with_actor(mut self, actor: impl Into<String>) -> Self {
        self.actor = actor.into();
        self
    }

    pub async fn close(self) {
        self.pool.close().await;
    }

    /// No organization and no recorded change: a brand-new database.
    pub async fn is_empty(&self) -> Result<bool> {
        let (orgs, changes): (i64, i64) =
            sqlx::query_as("SELECT (SELECT COUNT(*) FROM organization), (SELECT COUNT(*) FROM change_log)")
                .fetch_one(&self.pool)
                .await?;
        Ok(orgs == 0 && changes == 0)
    }

    pub async fn years(&self) -> Result<Vec<YearSummary>> {
        read::years(&mut *self.pool.acquire().await?).await
    }

    /// The whole report of one fiscal year, with ids and labels.
    pub async fn report(&self, year_be: i32) -> Result<Report> {
        read::report(&mut *self.pool.acquire().await?, year_be).await
    }

    /// The report of the newest fiscal year, if there is one.
    pub async fn latest_report(&self) -> Result<Option<Report>> {
        let mut conn = self.pool.acquire().await?;
        match read::years(&mut conn).await?.first() {
            Some(y) => Ok(Some(read::report(&mut conn, y.year_be).await?)),
            None => Ok(None),
        }
    }

    pub async fn memo(&self, id: i64) -> Result<crate::domain::Memo> {
        read::memo(&mut *self.pool.acquire().await?, id).await
    }

    pub async fn organization(&self) -> Result<crate::domain::Organization> {
        read::organization(&mut *self.pool.acquire().await?).await
    }

    /// A year's budget (no lines when none is loaded); a year that does not
    /// exist is refused.
    pub async fn budget(&self, year_be: i32) -> Result<crate::budget::BudgetDoc> {
        let mut conn = self.pool.acquire().await?;
        read::require_year(&mut conn, year_be).await?;
        read::budget(&mut conn, year_be).await
    }

    /// A year's budget and its monitoring report through fiscal month `through`.
    pub async fn monitoring(
        &self,
        year_be: i32,
        through: u8,
    ) -> Result<(crate::budget::BudgetDoc, crate::budget::Monitoring)> {
        let budget = self.budget(year_be).await?;
        let monitoring = crate::budget::monitor(&budget, through)?;
        Ok((budget, monitoring))
    }

    /// What the app shows for a year's budget, monitored through fiscal
    /// month `through` (1–12).
    pub async fn budget_view(&self, year_be: i32, through: u8) -> Result<crate::budget::BudgetView> {
        let mut conn = self.pool.acquire().await?;
        read::require_year(&mut conn, year_be).await?;
        let (lines, targets) = read::budget_lines(&mut conn, year_be).await?;
        let doc = crate::budget::BudgetDoc {
            year_be,
            lines: lines.iter().map(|l| l.line.clone()).collect(),
            targets: targets.clone(),
        };
        let monitoring = crate::budget::monitor(&doc, through)?;
        Ok(crate::budget::BudgetView {
            months: crate::budget::month_totals(&doc),
            lines,
            targets,
            monitoring,
        })
    }

    /// Checks an import file against a year's budget without writing.
    /// Returns the check and, when every row is good, the merged budget.
    pub async fn check_budget_import(
        &self,
        year_be: i32,
        path: &Path,
        mapping: Option<std::collections::BTreeMap<String, String>>,
    ) -> Result<(crate::budget_import::ImportCheck, Option<crate::budget::BudgetDoc>)> {
        self.check_budget_import_with(year_be, path, mapping, &Default::default())
            .await
    }

    /// [`Store::check_budget_import`] of the sheet `opts` names.
    pub async fn check_budget_import_with(
        &self,
        year_be: i32,
        path: &Path,
        mapping: Option<std::collections::BTreeMap<String, String>>,
        opts: &crate::table::ReadOptions,
    ) -> Result<(crate::budget_import::ImportCheck, Option<crate::budget::BudgetDoc>)> {
        use crate::budget_import::{ImportCheck, plan};
        let existing = self.budget(year_be).await?;
        let table = crate::table::read_file(path, opts)?;
        let mapping = match mapping {
            Some(m) => Some(m),
            None => self.remembered_mapping(&table.headers).await?,
        };
        let divisions: Vec<String> = self
            .organization()
            .await?
            .divisions
            .into_iter()
            .map(|d| d.name)
            .collect();
        let mut check = ImportCheck {
            file_name: file_name(path),
            headers: table.headers.clone(),
            mapping: mapping.clone(),
            problem: None,
            preview: None,
            notes: table.notes.clone(),
            sheet: table.sheet.clone(),
            sheets: table.sheets.clone(),
        };
        match plan(&table, mapping.as_ref(), &existing, &divisions) {
            Ok((merged, preview)) => {
                let ok = preview.errors.is_empty();
                check.preview = Some(preview);
                Ok((check, ok.then_some(merged)))
            }
            Err(CoreError::MalformedImport { message, .. }) => {
                check.problem = Some(message);
                Ok((check, None))
            }
            Err(e) => Err(e),
        }
    }

    /// The mapping remembered for an import layout (its header row), if any.
    pub async fn remembered_mapping(
        &self,
        headers: &[String],
    ) -> Result<Option<std::collections::BTreeMap<String, String>>> {
        let layout = crate::budget_import::layout_key(headers);
        let json: Option<String> = sqlx::query_scalar("SELECT mapping FROM import_mapping WHERE layout = ?1")
            .bind(layout)
            .fetch_optional(&self.pool)
            .await?;
        json.map(|j| serde_json::from_str(&j).map_err(|e| CoreError::Database(format!("stored mapping: {e}"))))
            .transpose()
    }

    /// The report of one year in file form.
    pub async fn export_doc(&self, year_be: i32) -> Result<ReportDoc> {
        Ok(self.report(year_be).await?.to_doc())
    }

    /// Number of entries in the change log.
    pub async fn change_count(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM change_log")
            .fetch_one(&self.pool)
            .await?)
    }

    /// The one write path: applies `change` in a transaction and records it.
    pub async fn apply(&self, change: Change) -> Result<Applied> {
        self.apply_as(change, edit::Mode::Do, None).await
    }

    async fn apply_as(&self, change: Change, mode: edit::Mode, reverts: Option<i64>) -> Result<Applied> {
        self.check_writable()?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let applied = write::apply(&mut tx, change, &self.actor, mode, reverts, self.rules).await?;
        // Checked again under the write lock, just before the commit.
        self.guard.check(&self.path)?;
        tx.commit().await?;
        self.remember_head().await;
        Ok(applied)
    }

    /// Saves typing into a text field, refusing with [`CoreError::Conflict`]
    /// when the field no longer holds `base`, the stored text the typing
    /// began from (an undo or another view changed it meanwhile): nothing is
    /// overwritten unseen. The check and the write are one transaction.
    pub async fn save_text(&self, target: crate::change::TextTarget, text: String, base: &str) -> Result<Applied> {
        self.check_writable()?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let stored = write::text_of(&mut tx, target).await?;
        let unchanged = write::is_base(base, &stored);
        if !unchanged && !write::is_base(&text, &stored) {
            return Err(CoreError::Conflict {
                field: target.field_name().to_owned(),
            });
        }
        let applied = write::apply(
            &mut tx,
            Change::SetText { target, text },
            &self.actor,
            edit::Mode::Do,
            None,
            self.rules,
        )
        .await?;
        self.guard.check(&self.path)?;
        tx.commit().await?;
        self.remember_head().await;
        Ok(applied)
    }

    /// A text field's stored value (what a conflict is shown against).
    pub async fn text(&self, target: crate::change::TextTarget) -> Result<String> {
        write::text_of(&mut *self.pool.acquire().await?, target).await
    }

    /// The changes that wrote one text field, newest first: when, who,
    /// whether it was an undo or a redo, and the text it left.
    pub async fn history_of(&self, target: crate::change::TextTarget) -> Result<Vec<HistoryEntry>> {
        let mut conn = self.pool.acquire().await?;
        history::of_text(&mut conn, target).await
    }

    /// The register in memory, for the app's table (rebuild after changes).
    pub async fn asset_index(&self) -> Result<crate::assets::index::AssetIndex> {
        let mut conn = self.pool.acquire().await?;
        Ok(crate::assets::index::AssetIndex::new(
            assets::index_rows(&mut conn).await?,
        ))
    }

    /// The whole register in number order (no photos).
    pub async fn assets(&self) -> Result<Vec<crate::assets::AssetDoc>> {
        let mut conn = self.pool.acquire().await?;
        Ok(assets::all_assets(&mut conn)
            .await?
            .into_iter()
            .map(|(_, a)| a)
            .collect())
    }

    /// One asset's page as of `today`.
    pub async fn asset_page(&self, number: &str, today: chrono::NaiveDate) -> Result<crate::assets::AssetPage> {
        let mut conn = self.pool.acquire().await?;
        let asset = assets::asset(&mut conn, number).await?;
        let events = assets::status_events(&mut conn, asset.id).await?;
        let loans = assets::loans(&mut conn, Some(asset.id)).await?;
        Ok(crate::assets::AssetPage {
            depreciation: crate::assets::depreciation(&asset.doc, today),
            asset,
            events,
            loans,
        })
    }

    pub async fn loan(&self, id: crate::domain::Id) -> Result<crate::assets::Loan> {
        let mut conn = self.pool.acquire().await?;
        assets::loan_row(&mut conn, id).await
    }

    /// Loans kept by `filter`, newest first.
    pub async fn loans(
        &self,
        filter: &crate::assets::LoanFilter,
        today: chrono::NaiveDate,
    ) -> Result<Vec<crate::assets::Loan>> {
        let mut conn = self.pool.acquire().await?;
        Ok(assets::loans(&mut conn, None)
            .await?
            .into_iter()
            .filter(|l| filter.keeps(l, today))
            .collect())
    }

    pub async fn inspection(&self, year_be: i32) -> Result<crate::assets::Inspection> {
        let mut conn = self.pool.acquire().await?;
        assets::inspection(&mut conn, year_be).await
    }

    /// A year's asset figures, to quote in a result.
    pub async fn asset_summary(&self, year_be: i32, today: chrono::NaiveDate) -> Result<crate::assets::AssetSummary> {
        let mut conn = self.pool.acquire().await?;
        assets::summary(&mut conn, year_be, today).await
    }

    /// Reads a register table without writing: the assets it would add and
    /// every row's problems.
    pub async fn check_asset_import(
        &self,
        table: &crate::budget_import::Table,
        mapping: Option<&std::collections::BTreeMap<String, String>>,
    ) -> Result<(Vec<crate::assets::AssetDoc>, crate::assets::import::AssetImportPreview)> {
        let mut conn = self.pool.acquire().await?;
        let cats = assets::categories(&mut conn).await?;
        let registered = assets::numbers(&mut conn).await?;
        let (docs, errors) = crate::assets::import::read_assets(table, mapping, &cats, &registered)?;
        let preview = crate::assets::import::AssetImportPreview {
            rows: table.rows.len(),
            added: docs.len(),
            errors,
        };
        Ok((docs, preview))
    }

    /// Checks a register file (CSV or XLSX) without writing: the check to
    /// show, and the assets when every row is good.
    pub async fn check_asset_import_file(
        &self,
        path: &Path,
        mapping: Option<std::collections::BTreeMap<String, String>>,
    ) -> Result<(
        crate::assets::import::AssetImportCheck,
        Option<Vec<crate::assets::AssetDoc>>,
    )> {
        self.check_asset_import_file_with(path, mapping, &Default::default())
            .await
    }

    /// [`Store::check_asset_import_file`] of the sheet `opts` names.
    pub async fn check_asset_import_file_with(
        &self,
        path: &Path,
        mapping: Option<std::collections::BTreeMap<String, String>>,
        opts: &crate::table::ReadOptions,
    ) -> Result<(
        crate::assets::import::AssetImportCheck,
        Option<Vec<crate::assets::AssetDoc>>,
    )> {
        let table = crate::table::read_file(path, opts)?;
        let mut check = crate::assets::import::AssetImportCheck {
            file_name: file_name(path),
            headers: table.headers.clone(),
            mapping: mapping.clone(),
            problem: None,
            preview: None,
            fields: crate::assets::import::field_names(),
            notes: table.notes.clone(),
            sheet: table.sheet.clone(),
            sheets: table.sheets.clone(),
        };
        match self.check_asset_import(&table, mapping.as_ref()).await {
            Ok((assets, preview)) => {
                let ok = preview.errors.is_empty() && !assets.is_empty();
                check.preview = Some(preview);
                Ok((check, ok.then_some(assets)))
            }
            Err(CoreError::MalformedImport { message, .. }) => {
                check.problem = Some(message);
                Ok((check, None))
            }
            Err(e) => Err(e),
        }
    }

    /// The asset records as one JSON value: what `verify` compares.
    async fn records_value(&self) -> Result<serde_json::Value> {
        let mut conn = self.pool.acquire().await?;
        let all = assets::all_assets(&mut conn).await?;
        let mut by_asset = assets::all_status_events(&mut conn).await?;
        let events: Vec<_> = all
            .iter()
            .map(|(id, a)| (a.number.clone(), by_asset.remove(id).unwrap_or_default()))
            .collect();
        let loans = assets::loans(&mut conn, None).await?;
        let years: Vec<i32> = sqlx::query_scalar("SELECT year_be FROM inspection ORDER BY year_be")
            .fetch_all(&mut *conn)
            .await?;
        let mut inspections = Vec::new();
        for y in years {
            inspections.push(assets::inspection(&mut conn, y).await?);
        }
        let photos: Vec<(String, Option<String>, Option<Vec<u8>>)> =
            sqlx::query_as("SELECT number, photo_mime, photo FROM asset ORDER BY number")
                .fetch_all(&mut *conn)
                .await?;
        // Tables no change writes but migrations (categories) or that only
        // one change writes (mappings): compared too, so an edit around the
        // app shows.
        let categories = assets::categories(&mut conn).await?;
        let mappings: Vec<(String, String)> =
            sqlx::query_as("SELECT layout, mapping FROM import_mapping ORDER BY layout")
                .fetch_all(&mut *conn)
                .await?;
        Ok(serde_json::json!({
            "categories": categories,
            "import_mappings": mappings,
            "assets": all.into_iter().map(|(_, a)| a).collect::<Vec<_>>(),
            "status_events": events,
            "loans": loans,
            "inspections": inspections,
            "photos": photos.into_iter().map(|(n, m, d)| (n, m, d.map(|d| crate::doc::base64_encode(&d)))).collect::<Vec<_>>(),
        }))
    }

    /// Searches every year's measures, activities, results, remarks,
    /// evidence and outcomes (at most [`read::MAX_HITS`] hits).
    pub async fn search(&self, query: &str) -> Result<Vec<crate::domain::SearchHit>> {
        let mut conn = self.pool.acquire().await?;
        read::search(&mut conn, query).await
    }

    /// What Undo and Redo would do now. Derived from the log, so it
    /// survives a reload of the window and a restart of the app.
    pub async fn undo_state(&self) -> Result<UndoState> {
        let mut conn = self.pool.acquire().await?;
        let (undo, redo) = history::stacks(&mut conn).await?;
        let (u, r) = (undo.last().copied(), redo.last().copied());
        Ok(UndoState {
            undo: match u {
                Some(id) => Some(self.step(&mut conn, id).await?),
                None => None,
            },
            redo: match r {
                Some(id) => Some(self.step(&mut conn, id).await?),
                None => None,
            },
            undo_depth: undo.len() as u32,
            redo_depth: redo.len() as u32,
        })
    }

    /// The step an entry stands for: a redo-able undo names the change it
    /// undid. Its year is the one reversing it would touch, found by
    /// applying the reversal in a transaction that is rolled back.
    async fn step(&self, conn: &mut SqliteConnection, id: i64) -> Result<Step> {
        let (kind, reverts, change): (String, Option<i64>, String) =
            sqlx::query_as("SELECT kind, reverts, change FROM change_log WHERE id = ?1")
                .bind(id)
                .fetch_one(&mut *conn)
                .await?;
        let original = if kind == "undo" {
            sqlx::query_scalar("SELECT change FROM change_log WHERE id = ?1")
                .bind(reverts)
                .fetch_one(&mut *conn)
                .await?
        } else {
            change
        };
        let original: Change = serde_json::from_str(&original)
            .map_err(|e| CoreError::Database(format!("history entry {id} is not a change: {e}")))?;
        let year_be = if self.read_only {
            None
        } else {
            let mode = if kind == "undo" {
                edit::Mode::Redo
            } else {
                edit::Mode::Undo
            };
            let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
            let year = match inverse_of(&mut tx, id).await {
                Ok(inverse) => write::apply(&mut tx, inverse, &self.actor, mode, Some(id), self.rules)
                    .await
                    .ok()
                    .map(|a| a.year_be)
                    .filter(|y| *y != 0),
                Err(_) => None,
            };
            tx.rollback().await?;
            year
        };
        Ok(Step {
            change_id: id,
            kind: original.kind().to_owned(),
            year_be,
            view: original.view(),
        })
    }

    /// Undoes the newest change that is not undone yet, by applying its
    /// recorded inverse as a new entry of the history.
    pub async fn undo(&self) -> Result<Applied> {
        self.reverse(true).await
    }

    /// Applies again the change the newest undo reversed.
    pub async fn redo(&self) -> Result<Applied> {
        self.reverse(false).await
    }

    async fn reverse(&self, undo: bool) -> Result<Applied> {
        self.check_writable()?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let (undos, redos) = history::stacks(&mut tx).await?;
        let (top, mode) = if undo {
            (undos.last(), edit::Mode::Undo)
        } else {
            (redos.last(), edit::Mode::Redo)
        };
        let Some(&id) = top else {
            return Err(CoreError::InvalidInput(
                if undo {
                    "there is nothing to undo"
                } else {
                    "there is nothing to redo"
                }
                .into(),
            ));
        };
        let inverse = inverse_of(&mut tx, id).await?;
        let applied = write::apply(&mut tx, inverse, &self.actor, mode, Some(id), self.rules).await?;
        self.guard.check(&self.path)?;
        tx.commit().await?;
        self.remember_head().await;
        Ok(applied)
    }

    /// `PRAGMA integrity_check` and `foreign_key_check` both clean.
    pub async fn check_integrity(&self) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&mut *conn)
            .await?;
        if integrity != ["ok"] {
            return Err(CoreError::Database(format!(
                "integrity check failed: {}",
                integrity.join("; ")
            )));
        }
        let orphans = sqlx::query("PRAGMA foreign_key_check").fetch_all(&mut *conn).await?;
        if !orphans.is_empty() {
            return Err(CoreError::Database(format!(
                "{} rows break foreign keys",
                orphans.len()
            )));
        }
        Ok(())
    }

    /// The newest history entry's id (0 for none): it changes with every write.
    pub async fn last_change_id(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM change_log")
            .fetch_one(&self.pool)
            .await?)
    }

    /// The recorded change JSON of history entry `id`, if there is one.
    pub async fn raw_change(&self, id: i64) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT change FROM change_log WHERE id = ?1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Walks the history's hash chain only (no replay): the entry count and
    /// the first entry that does not match, if any. Cheap enough to run
    /// after every start.
    pub async fn verify_chain(&self) -> Result<(usize, Option<(i64, String)>)> {
        let mut conn = self.pool.acquire().await?;
        let (entries, broken_at, _) = history::check_chain(&mut conn).await?;
        Ok((entries, broken_at))
    }

    /// Walks the history's hash chain and replays it into a scratch
    /// database: an entry changed or removed, or a record edited around the
    /// app, is reported by name.
    pub async fn verify(&self) -> Result<Verification> {
        let mut conn = self.pool.acquire().await?;
        let (entries, broken_at, changes) = history::check_chain(&mut conn).await?;
        drop(conn);
        let mut mismatches = Vec::new();
        if broken_at.is_none() {
            let dir = tempfile::tempdir()?;
            let (mut replay, _) = Store::open(&dir.path().join("replay.sqlite")).await?;
            replay.rules = write::Rules::AsRecorded;
            for r in changes {
                replay.actor = r.actor;
                replay
                    .apply_as(r.change, r.mode, r.reverts)
                    .await
                    .map_err(|e| CoreError::Database(format!("the history does not replay: {e}")))?;
            }
            let real_years: Vec<i32> = self.years().await?.iter().map(|y| y.year_be).collect();
            let replay_years: Vec<i32> = replay.years().await?.iter().map(|y| y.year_be).collect();
            if real_years != replay_years {
                mismatches.push(format!(
                    "fiscal years: history {replay_years:?}, database {real_years:?}"
                ));
            }
            for year in real_years.iter().filter(|y| replay_years.contains(y)) {
                let pairs = [
                    (
                        "report",
                        serde_json::to_value(replay.export_doc(*year).await?),
                        serde_json::to_value(self.export_doc(*year).await?),
                    ),
                    (
                        "budget",
                        serde_json::to_value(replay.budget(*year).await?),
                        serde_json::to_value(self.budget(*year).await?),
                    ),
                ];
                for (what, h, d) in pairs {
                    let (h, d) = (h.expect("serialises"), d.expect("serialises"));
                    if let Some(diff) = history::first_difference(&h, &d, "") {
                        mismatches.push(format!("fiscal year {year} {what}: {diff}"));
                    }
                }
            }
            if let Some(diff) =
                history::first_difference(&replay.records_value().await?, &self.records_value().await?, "records")
            {
                mismatches.push(diff);
            }
            let (h, d) = (
                serde_json::to_value(replay.organization().await.ok()),
                serde_json::to_value(self.organization().await.ok()),
            );
            if let Some(diff) =
                history::first_difference(&h.expect("serialises"), &d.expect("serialises"), "organization")
            {
                mismatches.push(diff);
            }
            replay.close().await;
        }
        // The newest entries removed with their effects leave a valid,
        // shorter chain: the head remembered beside the file shows it.
        if let Some(seen) = head::remembered(&self.path) {
            let mut conn = self.pool.acquire().await?;
            if let Some(m) = head::holds(&mut conn, &seen, "the last write Prongsai made").await? {
                mismatches.insert(0, m);
            }
        }
        Ok(Verification {
            entries,
            broken_at,
            mismatches,
        })
    }

    /// Writes a consistent copy of the database to `dest` (`VACUUM INTO`).
    pub async fn backup_to(&self, dest: &Path) -> Result<()> {
        vacuum_into(&self.pool, dest).await
    }
}

/// The recorded inverse of history entry `id`.
async fn inverse_of(conn: &mut SqliteConnection, id: i64) -> Result<Change> {
    let before: String = sqlx::query_scalar("SELECT before FROM change_log WHERE id = ?1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    serde_json::from_str::<serde_json::Value>(&before)
        .ok()
        .and_then(|mut v| v.get_mut("undo").map(serde_json::Value::take))
        .and_then(|v| serde_json::from_value::<Change>(v).ok())
        .ok_or_else(|| CoreError::Database(format!("history entry {id} has no inverse")))
}

/// The last part of a path, for showing which file a check was of.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
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
async fn check_version(path: &Path) -> Result<Option<i64>> {
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
async fn vacuum_into(pool: &SqlitePool, dest: &Path) -> Result<()> {
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
