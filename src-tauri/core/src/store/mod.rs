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

mod apply;
mod assets;
pub mod backups;
mod budget;
mod effect;
mod guard;
pub mod head;
mod history;
mod ita;
mod logged;
mod memo;
mod open;
mod organization;
mod place;
mod read;
mod report;
mod report_file;
mod rounds;
mod rows;
mod sample_round;
mod search;
pub mod session;
mod verify;
mod workflows;
mod year;

pub use backups::{About, BackupInfo, Retention, about};
pub use history::HistoryEntry;
pub use open::{MIGRATOR, known_schema_version};
pub use rounds::ItaImport;
pub use session::{Access, AppLock, Session, canonical_db_path, restore};
pub use verify::Verification;
pub use workflows::ImportDone;
pub use year::{copy_forward, empty_year};

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

use sqlx::sqlite::SqlitePool;

use crate::domain::{Report, ReportDoc, YearSummary};
use crate::error::{CoreError, Result};

#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
    actor: String,
    /// The files this store opened: a write to files since replaced is refused.
    guard: guard::FileGuard,
    /// Opened read-only beside the app ([`Access::CliRead`]): writes are refused.
    read_only: bool,
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

    /// The day in Thailand of the newest entry of the history: when the
    /// records last changed, as published data says.
    pub async fn last_changed_on(&self) -> Result<Option<chrono::NaiveDate>> {
        Ok(self.last_changed_at().await?.map(crate::thai::day_in_thailand))
    }

    /// When the newest entry of the history was written: the moment the
    /// records a document prints were last changed.
    pub async fn last_changed_at(&self) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        let at: Option<String> = sqlx::query_scalar("SELECT at FROM change_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&self.pool)
            .await?;
        Ok(at
            .and_then(|a| chrono::DateTime::parse_from_rfc3339(&a).ok())
            .map(|t| t.with_timezone(&chrono::Utc)))
    }

    /// A text field's stored value (what a conflict is shown against).
    pub async fn text(&self, target: crate::change::TextTarget) -> Result<String> {
        report::text_of(&mut *self.pool.acquire().await?, target).await
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
            assets::read::index_rows(&mut conn).await?,
        ))
    }

    /// The assets whose text holds every word of `text` (all when it has
    /// none) with `status`, in number order: what the app's table filter
    /// finds, read from the kept search text instead of every asset.
    pub async fn find_assets(
        &self,
        text: &str,
        status: Option<crate::assets::AssetStatus>,
    ) -> Result<Vec<crate::assets::index::AssetRow>> {
        let mut conn = self.pool.acquire().await?;
        let words = crate::assets::index::Words::new(text);
        if words.is_empty() {
            return assets::read::asset_rows(&mut conn, None, status).await;
        }
        let ids = assets::text::find(&mut conn, &words).await?;
        assets::read::asset_rows(&mut conn, Some(&ids), status).await
    }

    /// The whole register in number order (no photos).
    pub async fn assets(&self) -> Result<Vec<crate::assets::AssetDoc>> {
        let mut conn = self.pool.acquire().await?;
        Ok(assets::read::all_assets(&mut conn)
            .await?
            .into_iter()
            .map(|(_, a)| a)
            .collect())
    }

    /// One asset's page as of `today`.
    pub async fn asset_page(&self, number: &str, today: chrono::NaiveDate) -> Result<crate::assets::AssetPage> {
        let mut conn = self.pool.acquire().await?;
        let asset = assets::read::asset(&mut conn, number).await?;
        let events = assets::read::status_events(&mut conn, asset.id).await?;
        let loans = assets::read::loans(&mut conn, Some(asset.id)).await?;
        Ok(crate::assets::AssetPage {
            depreciation: crate::assets::depreciation(&asset.doc, today),
            asset,
            events,
            loans,
        })
    }

    pub async fn loan(&self, id: crate::domain::Id) -> Result<crate::assets::Loan> {
        let mut conn = self.pool.acquire().await?;
        assets::read::loan_row(&mut conn, id).await
    }

    /// Loans kept by `filter`, newest first.
    pub async fn loans(
        &self,
        filter: &crate::assets::LoanFilter,
        today: chrono::NaiveDate,
    ) -> Result<Vec<crate::assets::Loan>> {
        let mut conn = self.pool.acquire().await?;
        Ok(assets::read::loans(&mut conn, None)
            .await?
            .into_iter()
            .filter(|l| filter.keeps(l, today))
            .collect())
    }

    pub async fn inspection(&self, year_be: i32) -> Result<crate::assets::Inspection> {
        let mut conn = self.pool.acquire().await?;
        assets::read::inspection(&mut conn, year_be).await
    }

    /// A year's asset figures, to quote in a result.
    pub async fn asset_summary(&self, year_be: i32, today: chrono::NaiveDate) -> Result<crate::assets::AssetSummary> {
        let mut conn = self.pool.acquire().await?;
        assets::read::summary(&mut conn, year_be, today).await
    }

    /// Reads a register table without writing: the assets it would add and
    /// every row's problems.
    pub async fn check_asset_import(
        &self,
        table: crate::budget_import::Table,
        mapping: Option<&std::collections::BTreeMap<String, String>>,
    ) -> Result<(Vec<crate::assets::AssetDoc>, crate::assets::import::AssetImportPreview)> {
        let mut conn = self.pool.acquire().await?;
        let cats = assets::read::categories(&mut conn).await?;
        let numbers = crate::assets::import::numbers_of(&table, mapping)?;
        let registered = assets::read::registered_among(&mut conn, None, numbers.iter().map(String::as_str)).await?;
        drop(numbers);
        let rows = table.rows.len();
        let (docs, errors) = crate::assets::import::read_assets(table, mapping, &cats, &registered)?;
        let preview = crate::assets::import::AssetImportPreview {
            rows,
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
        let mut check = import_check(path, &table, mapping.clone());
        match self.check_asset_import(table, mapping.as_ref()).await {
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

    /// The number a new memo of the series `prefix` takes (see
    /// [`crate::domain::next_memo_number`]).
    pub async fn next_memo_number(&self, prefix: &str) -> Result<String> {
        memo::next_number(&mut *self.pool.acquire().await?, prefix).await
    }

    /// Searches every year's measures, activities, results, remarks,
    /// evidence and outcomes (at most [`search::MAX_HITS`] hits).
    pub async fn search(&self, query: &str) -> Result<Vec<crate::domain::SearchHit>> {
        let mut conn = self.pool.acquire().await?;
        search::search(&mut conn, query).await
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
}

/// The last part of a path, for showing which file a check was of.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A register file's check before its rows are read: its name, headers,
/// how it was read and the mapping given.
fn import_check(
    path: &Path,
    table: &crate::table::Table,
    mapping: Option<std::collections::BTreeMap<String, String>>,
) -> crate::assets::import::AssetImportCheck {
    crate::assets::import::AssetImportCheck {
        file_name: file_name(path),
        headers: table.headers.clone(),
        mapping,
        problem: None,
        preview: None,
        fields: crate::assets::import::field_names(),
        notes: table.notes.clone(),
        sheet: table.sheet.clone(),
        sheets: table.sheets.clone(),
    }
}
