//! The change log as a hash chain, and `verify`: the chain walked entry by
//! entry, and the history replayed into a scratch database and compared
//! with the records as they are (an edit made around the app is named).

use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use crate::change::Change;
use crate::error::{CoreError, Result};

/// SHA-256 (hex) of an entry and the hash of the one before it.
pub(super) fn entry_hash(prev: &str, id: i64, at: &str, actor: &str, change: &str, before: Option<&str>) -> String {
    let mut h = Sha256::new();
    for part in [prev, &id.to_string(), at, actor, change, before.unwrap_or("")] {
        h.update(part.as_bytes());
        h.update(b"\n");
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Hash of the newest entry, "" for an empty log.
pub(super) async fn last_hash(conn: &mut SqliteConnection) -> Result<String> {
    let h: Option<Option<String>> = sqlx::query_scalar("SELECT hash FROM change_log ORDER BY id DESC LIMIT 1")
        .fetch_optional(&mut *conn)
        .await?;
    Ok(h.flatten().unwrap_or_default())
}

type Entry = (
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

async fn entries(conn: &mut SqliteConnection) -> Result<Vec<Entry>> {
    Ok(
        sqlx::query_as("SELECT id, at, actor, change, before, prev_hash, hash FROM change_log ORDER BY id")
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// Seals entries written before the chain existed (schema < 5), oldest first.
pub(super) async fn seal(conn: &mut SqliteConnection) -> Result<usize> {
    let all = entries(conn).await?;
    let mut prev = String::new();
    let mut sealed = 0;
    for (id, at, actor, change, before, _, hash) in all {
        let h = match hash {
            Some(h) => h,
            None => {
                let h = entry_hash(&prev, id, &at, &actor, &change, before.as_deref());
                sqlx::query("UPDATE change_log SET prev_hash = ?1, hash = ?2 WHERE id = ?3")
                    .bind(&prev)
                    .bind(&h)
                    .bind(id)
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

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Verification {
    pub entries: usize,
    /// The first entry whose hash does not match, and why.
    pub broken_at: Option<(i64, String)>,
    /// Records that differ from what the history last wrote, by name.
    pub mismatches: Vec<String>,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.broken_at.is_none() && self.mismatches.is_empty()
    }
}

pub(super) async fn check_chain(
    conn: &mut SqliteConnection,
) -> Result<(usize, Option<(i64, String)>, Vec<(String, Change)>)> {
    let all = entries(conn).await?;
    let mut prev = String::new();
    let mut changes = Vec::with_capacity(all.len());
    for (id, at, actor, change, before, prev_hash, hash) in &all {
        if prev_hash.as_deref() != Some(prev.as_str()) {
            return Ok((
                all.len(),
                Some((
                    *id,
                    "it does not follow the entry before it (one was removed or reordered)".into(),
                )),
                changes,
            ));
        }
        let expected = entry_hash(&prev, *id, at, actor, change, before.as_deref());
        if hash.as_deref() != Some(expected.as_str()) {
            return Ok((
                all.len(),
                Some((*id, "its content was changed after it was written".into())),
                changes,
            ));
        }
        let parsed: Change = serde_json::from_str(change)
            .map_err(|e| CoreError::Database(format!("history entry {id} is not a change: {e}")))?;
        changes.push((actor.clone(), parsed));
        prev = expected;
    }
    Ok((all.len(), None, changes))
}

/// The first place two JSON values differ, as a path (`measures[0].title`).
pub(super) fn first_difference(a: &serde_json::Value, b: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match y.get(k) {
                    Some(w) => {
                        if let Some(d) = first_difference(v, w, &p) {
                            return Some(d);
                        }
                    }
                    None => return Some(p),
                }
            }
            y.keys().find(|k| !x.contains_key(*k)).map(|k| format!("{path}.{k}"))
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                if let Some(d) = first_difference(v, w, &format!("{path}[{i}]")) {
                    return Some(d);
                }
            }
            (x.len() != y.len()).then(|| {
                format!(
                    "{path} (length {} in the history, {} in the database)",
                    x.len(),
                    y.len()
                )
            })
        }
        _ => (a != b).then(|| format!("{path} (history: {a}, database: {b})")),
    }
}
