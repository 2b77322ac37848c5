//! The write path: [`Store::apply`] and everything that goes through it
//! (typing saved against its base, undo, redo). One transaction per change:
//! [`apply_change`] is the one `match` over [`Change`], handing each kind
//! to the module that owns its rows, and [`apply_logged`] appends the
//! result to the hash-chained log.

use sqlx::{Connection, SqliteConnection};

use crate::change::{Applied, Change, TextTarget};
use crate::error::{CoreError, Result};
use crate::refusal::Refusal;

use super::effect::{Effect, Mode, Rules};
use super::{Step, Store, UndoState, assets, budget, history, ita, memo, organization, report, report_file, year};

impl Store {
    /// The one write path: applies `change` in a transaction and records it.
    pub async fn apply(&self, change: Change) -> Result<Applied> {
        self.apply_as(change, Mode::Do, None).await
    }

    pub(super) async fn apply_as(&self, change: Change, mode: Mode, reverts: Option<i64>) -> Result<Applied> {
        self.check_writable()?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let applied = apply_logged(&mut tx, change, &self.actor, mode, reverts).await?;
        // Checked again under the write lock, just before the commit.
        self.guard.check(&self.path)?;
        tx.commit().await?;
        self.remember_head().await;
        Ok(applied)
    }

    /// Imports the rows of a register file as one change, the
    /// `Change::ImportAssets` of every row, inserting them as they are read:
    /// the file's check (`read_assets_into`) hands on its good rows while it
    /// reads the rest, and the write path checks and inserts them as it does
    /// the rows of any `ImportAssets` (`assets::insert::import`), and logs
    /// them as it logs any import's.
    /// From the first row refused on, nothing more is inserted, and nothing
    /// is kept. Fills in what the file's check found (`check.preview`, or
    /// `check.problem` when the file cannot be read as mapped); returns the
    /// change when every row was good and was imported.
    pub(super) async fn import_asset_table(
        &self,
        table: crate::table::Table,
        mapping: Option<&std::collections::BTreeMap<String, String>>,
        check: &mut crate::assets::import::AssetImportCheck,
    ) -> Result<Option<Applied>> {
        use crate::assets::import::{AssetImportPreview, numbers_of, read_assets_into};
        self.check_writable()?;
        let numbers = match numbers_of(&table, mapping) {
            Ok(numbers) => numbers,
            Err(CoreError::MalformedImport { message, .. }) => {
                check.problem = Some(message);
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let cats = assets::read::categories(&mut tx).await?;
        let registered = assets::read::registered_among(&mut tx, None, numbers.iter().map(String::as_str)).await?;
        drop(numbers);
        let rows = table.rows.len();
        let mapping = mapping.cloned();
        let (send, chunks) = tokio::sync::mpsc::channel(4);
        let reading = tokio::task::spawn_blocking(move || {
            let (mut send, mut added) = (Some(send), 0);
            let errors = read_assets_into(
                table,
                mapping.as_ref(),
                &cats,
                &registered,
                false,
                &mut |chunk, good| {
                    added += chunk.len();
                    // Rows go on while every row before them was good and the
                    // inserts still take them.
                    let sent = good && send.as_ref().is_some_and(|s| s.blocking_send(chunk).is_ok());
                    if !sent {
                        send = None;
                    }
                },
            )?;
            Ok::<_, CoreError>((added, errors))
        });
        // The rows go once inserted: the log keeps them in its own form.
        let done = assets::insert::import(&mut tx, chunks, Rules::Check, false).await;
        let (added, errors) = reading
            .await
            .map_err(|e| CoreError::Database(format!("the register file was not read: {e}")))??;
        let good = errors.is_empty() && added > 0;
        check.preview = Some(AssetImportPreview { rows, added, errors });
        if !good {
            // Dropped, the transaction rolls back what was inserted.
            return Ok(None);
        }
        let (_, inserted, logged) = done?;
        if inserted != added {
            return Err(CoreError::Database(format!(
                "the import inserted {inserted} of the {added} rows read"
            )));
        }
        let logged = logged.ok_or_else(|| CoreError::Database("a checked import made no log form".into()))?;
        let change_id = history::append(&mut tx, &self.actor, logged, None, Mode::Do, None).await?;
        self.guard.check(&self.path)?;
        tx.commit().await?;
        self.remember_head().await;
        Ok(Some(Applied {
            change_id,
            year_be: 0,
            created: None,
        }))
    }

    /// Saves typing into a text field, refusing with [`CoreError::Conflict`]
    /// when the field no longer holds `base`, the stored text the typing
    /// began from (an undo or another view changed it meanwhile): nothing is
    /// overwritten unseen. The check and the write are one transaction.
    pub async fn save_text(&self, target: TextTarget, text: String, base: &str) -> Result<Applied> {
        self.check_writable()?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let stored = report::text_of(&mut tx, target).await?;
        let unchanged = report::is_base(base, &stored);
        if !unchanged && !report::is_base(&text, &stored) {
            return Err(CoreError::Conflict {
                field: target.field_name().to_owned(),
            });
        }
        let change = Change::SetText { target, text };
        let applied = apply_logged(&mut tx, change, &self.actor, Mode::Do, None).await?;
        self.guard.check(&self.path)?;
        tx.commit().await?;
        self.remember_head().await;
        Ok(applied)
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
        let (original_id, original) = if kind == "undo" {
            let reverts = reverts.unwrap_or_default();
            let change = sqlx::query_scalar("SELECT change FROM change_log WHERE id = ?1")
                .bind(reverts)
                .fetch_one(&mut *conn)
                .await?;
            (reverts, change)
        } else {
            (id, change)
        };
        let original = super::logged::read(conn, original_id, &original).await?;
        let year_be = if self.read_only {
            None
        } else {
            let mode = if kind == "undo" { Mode::Redo } else { Mode::Undo };
            let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
            let year = match inverse_of(&mut tx, id).await {
                Ok(inverse) => apply_logged(&mut tx, inverse, &self.actor, mode, Some(id))
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
            (undos.last(), Mode::Undo)
        } else {
            (redos.last(), Mode::Redo)
        };
        let Some(&id) = top else {
            return Err(if undo {
                Refusal::NothingToUndo
            } else {
                Refusal::NothingToRedo
            }
            .into());
        };
        let inverse = inverse_of(&mut tx, id).await?;
        let applied = apply_logged(&mut tx, inverse, &self.actor, mode, Some(id)).await?;
        self.guard.check(&self.path)?;
        tx.commit().await?;
        self.remember_head().await;
        Ok(applied)
    }
}

/// Applies `change` and appends it to the log (hash-chained). `mode` and
/// `reverts` mark an undo or a redo and the entry it reverses.
pub(super) async fn apply_logged(
    conn: &mut SqliteConnection,
    change: Change,
    actor: &str,
    mode: Mode,
    reverts: Option<i64>,
) -> Result<Applied> {
    let done = apply_change(conn, change, mode, Rules::Check).await?;
    log(conn, done, actor, mode, reverts).await
}

/// Appends a change as applied to the log.
async fn log(
    conn: &mut SqliteConnection,
    done: Effect,
    actor: &str,
    mode: Mode,
    reverts: Option<i64>,
) -> Result<Applied> {
    let before = match (&done.inverse, done.replaced) {
        (Some(inverse), _) => Some(serde_json::json!({ "undo": inverse })),
        (None, Some(replaced)) => Some(serde_json::json!({ "replaced": replaced })),
        (None, None) => None,
    };
    let logged = match done.logged {
        Some(logged) => logged,
        None => super::logged::write(&done.change)?,
    };
    let change_id = history::append(conn, actor, logged, before.as_ref(), mode, reverts).await?;
    Ok(Applied {
        change_id,
        year_be: done.year_be,
        created: done.created,
    })
}

/// Applies a change `verify` read from the history to its replay, as
/// recorded (no rule checked again, see [`Rules::AsRecorded`]) and not
/// logged: the replay is compared with the records and thrown away, never
/// read for its history. Logging each entry again (its JSON, its hash and
/// three statements) was half the time a history of small edits took to
/// replay.
pub(super) async fn replay(conn: &mut SqliteConnection, change: Change, mode: Mode) -> Result<()> {
    apply_change(conn, change, mode, Rules::AsRecorded).await.map(drop)
}

/// Applies one change without logging it: the one `match` over [`Change`].
/// A change made of others (a batch, a split, a merge, a new year) is
/// expanded and applied here, so no module applies changes itself.
async fn apply_change(conn: &mut SqliteConnection, change: Change, mode: Mode, rules: Rules) -> Result<Effect> {
    if rules == Rules::Check && change.is_record() {
        assets::check_new_record(conn, &change).await?;
    }
    Ok(match change {
        // The report's content.
        Change::SetText { target, text } => report::set_text(conn, target, text).await?.into(),
        Change::InsertMeasure {
            year_be,
            index,
            measure,
        } => report::insert_measure(conn, year_be, index, measure).await?.into(),
        Change::DeleteMeasure { id } => report::delete_measure(conn, id).await?.into(),
        Change::MoveMeasure { id, to } => report::move_measure(conn, id, to).await?.into(),
        Change::InsertItem { list, index, item } => report::insert_item(conn, list, index, item).await?.into(),
        Change::DeleteItem { item } => report::delete_item(conn, item).await?.into(),
        Change::MoveItem { item, to } => report::move_item(conn, item, to).await?.into(),
        Change::SetLevel { item, level } => report::set_level(conn, item, level, mode).await?.into(),
        Change::SplitItem { item, at } => {
            let batch = report::split_item(conn, item, at).await?;
            Box::pin(apply_change(conn, batch, mode, rules)).await?
        }
        Change::MergeItem { item } => {
            let batch = report::merge_item(conn, item).await?;
            Box::pin(apply_change(conn, batch, mode, rules)).await?
        }
        Change::InsertEvidence {
            result_id,
            index,
            evidence,
        } => report::insert_evidence(conn, result_id, index, evidence).await?.into(),
        Change::DeleteEvidence { id } => report::delete_evidence(conn, id).await?.into(),
        Change::ImportReport { doc, replace } => report_file::import_report(conn, doc, replace, rules).await?,

        // The organization.
        Change::SetOrganization { settings } => organization::set_organization(conn, settings).await?.into(),
        Change::SetChannels { channels } => organization::set_channels(conn, channels).await?.into(),
        Change::SetEmblem { emblem } => organization::set_emblem(conn, emblem).await?.into(),
        // The file is checked when the user sets it; an undo, a redo or a
        // replay applies it as recorded, even once the file is gone.
        Change::SetFont { file } => organization::set_font(conn, file, mode == Mode::Do && rules == Rules::Check)
            .await?
            .into(),

        // Memos.
        Change::InsertMemo { id, memo } => memo::insert_memo(conn, id, memo).await?.into(),
        Change::SetMemo { id, memo } => memo::set_memo(conn, id, memo).await?.into(),
        Change::DeleteMemo { id } => memo::delete_memo(conn, id).await?.into(),

        // Fiscal years.
        Change::NewYear { from, to, keep_remarks } => {
            let insert = year::new_year(conn, from, to, keep_remarks).await?;
            Box::pin(apply_change(conn, insert, mode, rules)).await?
        }
        Change::InsertYear { year } => year::insert_year(conn, year).await?.into(),
        Change::DeleteYear { year_be } => year::delete_year(conn, year_be).await?.into(),
        Change::SetStatus {
            year_be,
            status,
            by,
            url,
            reason,
            at,
        } => year::set_status(conn, mode, year_be, status, by, url, reason, at)
            .await?
            .into(),
        Change::SetSignatures { year_be, signatures } => year::set_signatures(conn, year_be, signatures).await?.into(),
        Change::SetHeadings { year_be, headings } => year::set_headings(conn, year_be, headings).await?.into(),
        Change::SetOitItems { year_be, items } => year::set_oit_items(conn, year_be, items).await?.into(),
        Change::SetOitTag { target, code } => year::set_oit_tag(conn, target, code).await?.into(),
        Change::SetItaCatalogue { catalogue, replace } => ita::set_catalogue(conn, catalogue, replace).await?.into(),
        Change::DeleteItaRound { year_be } => ita::delete_round(conn, year_be).await?.into(),
        Change::SetItaTrack { year_be, code, track } => ita::set_track(conn, year_be, code, track).await?.into(),
        Change::SetItaScores { year_be, scores } => ita::set_scores(conn, year_be, scores).await?.into(),
        Change::SetItaFinding {
            year_be,
            indicator,
            issue,
        } => ita::set_finding(conn, year_be, indicator, issue).await?.into(),
        Change::SetItaMeasures { year_be, measures } => ita::set_measures(conn, year_be, measures).await?.into(),
        Change::SetWebDomains { domains } => ita::set_web_domains(conn, domains).await?.into(),

        // The budget.
        Change::ImportBudget { budget, replace } => budget::import_budget(conn, budget, replace).await?,
        Change::SetMonthFigure {
            line_id,
            month,
            field,
            amount,
        } => budget::set_month_figure(conn, line_id, month, field, amount)
            .await?
            .into(),
        Change::SetTarget {
            year_be,
            scope,
            quarter,
            percent,
        } => budget::set_target(conn, year_be, scope, quarter, percent).await?.into(),
        Change::RememberMapping { headers, mapping } => budget::remember_mapping(conn, headers, mapping).await?,

        // Asset records: kept, never undone (no inverse), passed over by undo.
        Change::ImportAssets { assets } => {
            assets::register::import_assets(conn, assets::insert::all(assets), rules).await?
        }
        Change::SetAssetStatus {
            number,
            status,
            on,
            reason,
        } => Effect::record(assets::register::set_asset_status(conn, number, status, on, reason).await?),
        Change::SetAssetPhoto { number, photo } => {
            Effect::record(assets::register::set_asset_photo(conn, number, photo).await?)
        }
        Change::RequestLoan { request, on } => {
            let (change, loan_id) = assets::loans::request_loan(conn, request, on).await?;
            Effect {
                created: Some(loan_id),
                ..Effect::record(change)
            }
        }
        Change::DecideLoan {
            loan_id,
            approve,
            by,
            authority,
            on,
            reason,
        } => Effect::record(assets::loans::decide_loan(conn, loan_id, approve, by, authority, on, reason).await?),
        Change::HandOverLoan { loan_id, on, by } => {
            Effect::record(assets::loans::hand_over_loan(conn, loan_id, on, by).await?)
        }
        Change::ReturnLoan {
            loan_id,
            on,
            condition,
            received_by,
        } => Effect::record(assets::loans::return_loan(conn, loan_id, on, condition, received_by).await?),
        Change::SettleLoan {
            loan_id,
            settlement,
            note,
            on,
        } => Effect::record(assets::loans::settle_loan(conn, loan_id, settlement, note, on).await?),
        Change::CorrectLoan {
            loan_id,
            step,
            on,
            by,
            reason,
        } => Effect::record(assets::loans::correct_loan(conn, loan_id, step, on, by, reason).await?),
        Change::StartInspection {
            year_be,
            on,
            supply_officer,
            committee,
        } => Effect::record(assets::inspection::start_inspection(conn, year_be, on, supply_officer, committee).await?),
        Change::RecordFinding {
            year_be,
            number,
            finding,
            note,
        } => Effect::record(assets::inspection::record_finding(conn, year_be, number, finding, note).await?),
        Change::ConfirmInspection { year_be, on } => {
            Effect::record(assets::inspection::confirm_inspection(conn, year_be, on).await?)
        }

        // Several changes as one entry: undone together, in reverse.
        Change::Batch { changes } => {
            if changes.is_empty() {
                return Err(Refusal::EmptyBatch.into());
            }
            let mut done = Vec::with_capacity(changes.len());
            let mut inverses = Vec::with_capacity(changes.len());
            let mut year_be = 0;
            for c in changes {
                let d = Box::pin(apply_change(conn, c, mode, rules)).await?;
                year_be = if year_be == 0 { d.year_be } else { year_be };
                inverses.push(d.inverse);
                done.push(d.change);
            }
            let inverse = inverses.into_iter().rev().collect::<Option<Vec<_>>>();
            Effect::of(
                Change::Batch { changes: done },
                year_be,
                inverse.map(|changes| Change::Batch { changes }),
                None,
            )
        }
    })
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
