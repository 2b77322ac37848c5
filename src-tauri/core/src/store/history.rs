//! The change log: each entry appended with the hash of the one before it
//! (SHA-256), the chain walked entry by entry, entries written before the
//! chain sealed, the undo and redo stacks derived from it, and the history
//! of one text field.

use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use crate::change::{Change, ChangeKind, TextTarget};

use super::effect::Mode;
use crate::error::{CoreError, Result};

/// One log entry's fields, as hashed.
struct EntryRef<'a> {
    pub id: i64,
    pub at: &'a str,
    pub actor: &'a str,
    pub change: &'a str,
    pub before: Option<&'a str>,
    /// "do", "undo" or "redo".
    pub kind: &'a str,
    pub reverts: Option<i64>,
}

/// SHA-256 (hex) of an entry and the hash of the one before it. An undo or
/// redo also hashes its kind and the entry it reverses (a plain entry hashes
/// as it did before schema v6, so older chains still verify).
fn entry_hash(prev: &str, e: &EntryRef<'_>) -> String {
    let mut h = Sha256::new();
    let id = e.id.to_string();
    for part in [prev, &id, e.at, e.actor, e.change, e.before.unwrap_or("")] {
        h.update(part.as_bytes());
        h.update(b"\n");
    }
    if e.kind != "do" {
        let reverts = e.reverts.map(|r| r.to_string()).unwrap_or_default();
        for part in [e.kind, &reverts] {
            h.update(part.as_bytes());
            h.update(b"\n");
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The newest entry's id and hash. Every head query reads the index
/// `change_log_head` (schema v13), never the row: `hash` follows the
/// entry's JSON, which SQLite would read through to reach it.
pub(super) const NEWEST: &str = "SELECT id, hash FROM change_log INDEXED BY change_log_head ORDER BY id DESC LIMIT 1";
/// [`NEWEST`] in a file of any schema (a copy taken before v13 has no
/// index to name); SQLite reads the index where there is one.
pub(super) const NEWEST_IN_ANY_SCHEMA: &str = "SELECT id, hash FROM change_log ORDER BY id DESC LIMIT 1";
/// The oldest entry's id and hash.
const OLDEST: &str = "SELECT id, hash FROM change_log INDEXED BY change_log_head ORDER BY id LIMIT 1";
/// Entry `?1`'s hash.
pub(super) const HASH_OF: &str = "SELECT hash FROM change_log INDEXED BY change_log_head WHERE id = ?1";

/// What the undo and redo stacks are replayed from, each entry's: id, kind,
/// what it reverts, whether it has an inverse, and the first characters of
/// its change (the kind is its first field). Every value is read from the
/// index `change_log_stack` (v14), never from the row: an entry's JSON can
/// be megabytes, and this runs after every save in the app.
const STACK: &str = "SELECT id, kind, reverts, COALESCE(substr(before, 1, 8) = '{\"undo\":', 0), substr(change, 1, 48) \
     FROM change_log INDEXED BY change_log_stack ORDER BY id";

/// Hash of the newest entry, "" for an empty log.
async fn last_hash(conn: &mut SqliteConnection) -> Result<String> {
    let h: Option<(i64, Option<String>)> = sqlx::query_as(NEWEST).fetch_optional(&mut *conn).await?;
    Ok(h.and_then(|(_, hash)| hash).unwrap_or_default())
}

/// Appends a change, as the log stores it (`logged`), to the log as the
/// next link of the chain (writers are serialised by `BEGIN IMMEDIATE`);
/// returns its id. `before` holds its inverse or what an import replaced;
/// `mode` and `reverts` mark an undo or a redo and the entry it reverses.
pub(super) async fn append(
    conn: &mut SqliteConnection,
    actor: &str,
    logged: super::logged::Logged,
    before: Option<&serde_json::Value>,
    mode: Mode,
    reverts: Option<i64>,
) -> Result<i64> {
    let change_json = logged.json;
    let before = before.map(serde_json::Value::to_string);
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let kind: &'static str = mode.into();
    let id: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM change_log")
        .fetch_one(&mut *conn)
        .await?;
    let prev = last_hash(conn).await?;
    let entry = EntryRef {
        id,
        at: &at,
        actor,
        change: &change_json,
        before: before.as_deref(),
        kind,
        reverts,
    };
    let hash = entry_hash(&prev, &entry);
    sqlx::query(
        "INSERT INTO change_log (id, at, actor, change, before, prev_hash, hash, kind, reverts) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .bind(id)
    .bind(&at)
    .bind(actor)
    .bind(&change_json)
    .bind(&before)
    .bind(&prev)
    .bind(&hash)
    .bind(kind)
    .bind(reverts)
    .execute(&mut *conn)
    .await?;
    if let Some(rows) = &logged.rows {
        super::logged::keep_rows(conn, id, rows).await?;
    }
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct Entry {
    id: i64,
    at: String,
    actor: String,
    change: String,
    before: Option<String>,
    prev_hash: Option<String>,
    hash: Option<String>,
    kind: String,
    reverts: Option<i64>,
}

impl Entry {
    fn hash_with(&self, prev: &str) -> String {
        entry_hash(
            prev,
            &EntryRef {
                id: self.id,
                at: &self.at,
                actor: &self.actor,
                change: &self.change,
                before: self.before.as_deref(),
                kind: &self.kind,
                reverts: self.reverts,
            },
        )
    }
}

async fn entries(conn: &mut SqliteConnection) -> Result<Vec<Entry>> {
    Ok(sqlx::query_as(
        "SELECT id, at, actor, change, before, prev_hash, hash, kind, reverts FROM change_log ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// Seals entries written before the chain existed (schema < 5), oldest
/// first, and reads nothing else: every entry since has been sealed as it
/// was appended, and no older app writes to a newer schema, so unsealed
/// entries can only come first. When the first entry is sealed there is
/// nothing to do, and only its id and hash are read (opening does not grow
/// with the history). An entry whose hash was removed later, in the middle
/// of the chain, is not resealed: `verify` names it.
pub(super) async fn seal(conn: &mut SqliteConnection) -> Result<usize> {
    let first: Option<(i64, Option<String>)> = sqlx::query_as(OLDEST).fetch_optional(&mut *conn).await?;
    if !matches!(first, Some((_, None))) {
        return Ok(0);
    }
    let all = entries(conn).await?;
    let mut prev = String::new();
    let mut sealed = 0;
    for e in all {
        let h = match &e.hash {
            Some(h) => h.clone(),
            None => {
                let h = e.hash_with(&prev);
                sqlx::query("UPDATE change_log SET prev_hash = ?1, hash = ?2 WHERE id = ?3")
                    .bind(&prev)
                    .bind(&h)
                    .bind(e.id)
                    .execute(&mut *conn)
                    .await?;
                sealed += 1;
                h
            }
        };
        prev = h;
    }
    Ok(sealed)
}

/// A recorded change as the replay applies it: its JSON, read into a
/// [`Change`] only when it is replayed ([`super::logged::read`]), so at
/// most two imports' rows are in memory: the one replayed, the next read.
pub(super) struct Recorded {
    pub id: i64,
    pub change: String,
    pub mode: Mode,
}

pub(super) async fn check_chain(conn: &mut SqliteConnection) -> Result<(usize, Option<(i64, String)>, Vec<Recorded>)> {
    let all = entries(conn).await?;
    let mut prev = String::new();
    let mut changes = Vec::with_capacity(all.len());
    let entries = all.len();
    for e in all {
        if e.prev_hash.as_deref() != Some(prev.as_str()) {
            return Ok((
                entries,
                Some((
                    e.id,
                    "it does not follow the entry before it (one was removed or reordered)".into(),
                )),
                changes,
            ));
        }
        let expected = e.hash_with(&prev);
        if e.hash.as_deref() != Some(expected.as_str()) {
            return Ok((
                entries,
                Some((e.id, "its content was changed after it was written".into())),
                changes,
            ));
        }
        let mode = e
            .kind
            .parse::<Mode>()
            .ok()
            .ok_or_else(|| CoreError::Database(format!("history entry {} has kind {:?}", e.id, e.kind)))?;
        changes.push(Recorded {
            id: e.id,
            change: e.change,
            mode,
        });
        prev = expected;
    }
    Ok((entries, None, changes))
}

/// The kind of a change from the start of its JSON (`{"kind":"set_text",…`):
/// serde writes an internally tagged enum's tag first.
fn change_kind(head: &str) -> Option<ChangeKind> {
    head.strip_prefix("{\"kind\":\"")?.split('"').next()?.parse().ok()
}

/// The undo and redo stacks, newest last, as entry ids: replayed from the
/// log's kinds. A change that cannot be undone (an import) empties both.
pub(super) async fn stacks(conn: &mut SqliteConnection) -> Result<(Vec<i64>, Vec<i64>)> {
    /// id, kind, reverts, has an inverse, the head of the change's JSON
    type StackRow = (i64, String, Option<i64>, bool, String);
    let rows: Vec<StackRow> = sqlx::query_as(STACK).fetch_all(&mut *conn).await?;
    let (mut undo, mut redo) = (Vec::new(), Vec::new());
    for (id, kind, reverts, undoable, head) in rows {
        // Asset records touch nothing undo does: undo passes over them.
        if change_kind(&head).is_some_and(super::super::change::ChangeKind::is_record) {
            continue;
        }
        // A status change (approve, publish, reopen) is a barrier: undo
        // never passes it, so a year leaves approval only by reopening,
        // with the reason that needs.
        if kind == "do" && change_kind(&head) == Some(ChangeKind::SetStatus) {
            undo.clear();
            redo.clear();
            continue;
        }
        match kind.as_str() {
            "undo" if undo.last().is_some() && undo.last() == reverts.as_ref() => {
                undo.pop();
                redo.push(id);
            }
            "redo" if redo.last().is_some() && redo.last() == reverts.as_ref() => {
                redo.pop();
                undo.push(id);
            }
            "do" if undoable => {
                undo.push(id);
                redo.clear();
            }
            _ => {
                undo.clear();
                redo.clear();
            }
        }
    }
    Ok((undo, redo))
}

/// One change to a record, as the app's history panel lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct HistoryEntry {
    pub change_id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    /// "do", "undo" or "redo".
    pub kind: String,
    /// The text the change left in the field.
    pub text: String,
}

/// Every entry that set `target`'s text (alone or in a batch), newest first.
pub(super) async fn of_text(conn: &mut SqliteConnection, target: TextTarget) -> Result<Vec<HistoryEntry>> {
    let target_json = serde_json::to_string(&target).expect("a target serialises");
    // A cheap filter in SQL, then the exact match on the parsed change.
    let pattern = format!("%\"target\":{}%", target_json.replace('%', "\\%").replace('_', "\\_"));
    let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "SELECT id, at, actor, kind, change FROM change_log WHERE change LIKE ?1 ESCAPE '\\' ORDER BY id DESC",
    )
    .bind(&pattern)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::new();
    for (change_id, at, actor, kind, change) in rows {
        let change: Change = serde_json::from_str(&change)
            .map_err(|e| CoreError::Database(format!("history entry {change_id} is not a change: {e}")))?;
        if let Some(text) = text_set(&change, target) {
            out.push(HistoryEntry {
                change_id,
                at,
                actor,
                kind,
                text,
            });
        }
    }
    Ok(out)
}

/// The text `change` leaves in `target`, if it sets it (the last write wins in a batch).
fn text_set(change: &Change, target: TextTarget) -> Option<String> {
    match change {
        Change::SetText { target: t, text } if *t == target => Some(text.clone()),
        Change::Batch { changes } => changes.iter().rev().find_map(|c| text_set(c, target)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The head queries read the index of ids and hashes alone, never an
    /// entry's row: SQLite would read through the entry's JSON (megabytes
    /// for a report) to reach the hash that follows it.
    #[tokio::test]
    async fn the_chains_head_is_read_from_its_index_not_the_entries() {
        use sqlx::Connection;
        let mut conn = SqliteConnection::connect("sqlite::memory:").await.unwrap();
        crate::store::MIGRATOR.run(&mut conn).await.unwrap();
        for query in [NEWEST, OLDEST, HASH_OF] {
            let plan: Vec<(i64, i64, i64, String)> =
                sqlx::query_as(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {query}")))
                    .bind(1)
                    .fetch_all(&mut conn)
                    .await
                    .unwrap();
            assert!(!plan.is_empty(), "{query}");
            for (_, _, _, step) in plan {
                assert!(step.contains("USING COVERING INDEX change_log_head"), "{query}: {step}");
            }
        }
    }

    /// The stacks are read from the index `change_log_stack` alone: the
    /// query's program takes no column from the table's rows, where each
    /// entry's JSON lies (megabytes for a report; read after every save).
    #[tokio::test]
    async fn the_stacks_are_read_from_their_index_not_the_entries() {
        use sqlx::Connection;
        let mut conn = SqliteConnection::connect("sqlite::memory:").await.unwrap();
        crate::store::MIGRATOR.run(&mut conn).await.unwrap();
        let (table,): (i64,) = sqlx::query_as("SELECT rootpage FROM sqlite_schema WHERE name = 'change_log'")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        // addr, opcode, p1 (the cursor), p2 (for OpenRead, the root page)
        let program: Vec<(i64, String, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!("EXPLAIN {STACK}")))
            .fetch_all(&mut conn)
            .await
            .unwrap();
        let rows: Vec<i64> = program
            .iter()
            .filter(|(_, op, _, root)| op == "OpenRead" && *root == table)
            .map(|(_, _, cursor, _)| *cursor)
            .collect();
        let columns: Vec<_> = program.iter().filter(|(_, op, _, _)| op == "Column").collect();
        assert!(columns.len() >= 4, "{program:?}");
        for (addr, _, cursor, _) in columns {
            assert!(
                !rows.contains(cursor),
                "column read from the rows at {addr}: {program:?}"
            );
        }
    }

    #[test]
    fn a_changes_kind_reads_from_the_head_of_its_json() {
        let c = Change::ConfirmInspection {
            year_be: 2566,
            on: chrono::NaiveDate::from_ymd_opt(2023, 10, 20).unwrap(),
        };
        let json = serde_json::to_string(&c).unwrap();
        let head: String = json.chars().take(48).collect();
        assert_eq!(change_kind(&head), Some(ChangeKind::from(&c)));
        assert_eq!(change_kind("{\"text\":\"x\"}"), None);
    }
}
