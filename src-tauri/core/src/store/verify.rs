//! `verify`: the history's hash chain walked entry by entry, then the
//! history replayed into a scratch database and compared with the records
//! as they are, so an edit made around the app is named; and the head
//! remembered beside the file, so the newest entries removed show too.

use std::collections::HashMap;

use crate::domain::Id;
use crate::error::{CoreError, Result};

use super::{Store, apply, assets, head, history, logged};

impl Store {
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

    /// Walks the history's hash chain only (no replay): the entry count and
    /// the first entry that does not match, if any. Cheap enough to run
    /// after every start: it neither parses the entries nor reads an
    /// import's rows (a full [`Store::verify`] does both, and names an
    /// entry it cannot read as where the chain breaks).
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
        let (entries, mut broken_at, changes) = history::check_chain(&mut conn).await?;
        let mut mismatches = Vec::new();
        let dir = tempfile::tempdir()?;
        let replay = Store::open_scratch(&dir.path().join("replay.sqlite")).await?;
        if broken_at.is_none() {
            // One transaction: a commit for each of 10,000 entries was a
            // sixth of the replay's time.
            let mut tx = replay.pool.begin_with("BEGIN IMMEDIATE").await?;
            // An import's rows are read back one entry at a time and checked
            // against the hash its entry names; the next entry is read while
            // this one replays.
            let mut changes = changes.into_iter();
            let mut next = match changes.next() {
                Some(r) => Some(read_entry(&mut conn, r).await),
                None => None,
            };
            while let Some((r, change)) = next.take() {
                let change = match change {
                    Ok(c) => c,
                    Err(e) => {
                        broken_at = Some((r.id, e.to_string()));
                        break;
                    }
                };
                let following = changes.next();
                let (replayed, read) = tokio::join!(apply::replay(&mut tx, change, r.mode), async {
                    match following {
                        Some(f) => Some(read_entry(&mut conn, f).await),
                        None => None,
                    }
                });
                replayed.map_err(|e| CoreError::Database(format!("the history does not replay: {e}")))?;
                next = read;
            }
            if broken_at.is_none() {
                tx.commit().await?;
            }
        }
        drop(conn);
        if broken_at.is_none() {
            // The registers, by far the largest records, are compared by
            // SQLite (see `same_by_id`) while the rest are read and
            // compared here.
            let (assets, rest) = tokio::join!(
                replay.first_asset_difference(self),
                self.differences_besides_assets(&replay)
            );
            let (before, records, after) = rest?;
            mismatches.extend(before);
            // The other asset records count only when the register
            // matches, as an asset that differs may not read back.
            match assets? {
                Some(diff) => mismatches.push(diff),
                None => mismatches.extend(records?),
            }
            mismatches.extend(after);
        }
        replay.close().await;
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

    /// What differs between the database (`self`) and the history's
    /// `replay`, but for the asset register: the years, each year's report
    /// and budget; the other asset records; the ITA and the organization.
    /// The other asset records' difference is returned as read, error and
    /// all: it counts only when the registers match.
    async fn differences_besides_assets(
        &self,
        replay: &Store,
    ) -> Result<(Vec<String>, Result<Option<String>>, Vec<String>)> {
        let mut years = Vec::new();
        // Each pair is read at once, the replay on its connection and the
        // database on one of its own.
        let (real_years, replay_years) = tokio::join!(self.years(), replay.years());
        let real_years: Vec<i32> = real_years?.iter().map(|y| y.year_be).collect();
        let replay_years: Vec<i32> = replay_years?.iter().map(|y| y.year_be).collect();
        if real_years != replay_years {
            years.push(format!(
                "fiscal years: history {replay_years:?}, database {real_years:?}"
            ));
        }
        for year in real_years.iter().filter(|y| replay_years.contains(y)) {
            let (h, d) = tokio::join!(replay.export_doc(*year), self.export_doc(*year));
            let (hb, db) = tokio::join!(replay.budget(*year), self.budget(*year));
            let pairs = [
                ("report", serde_json::to_value(h?), serde_json::to_value(d?)),
                ("budget", serde_json::to_value(hb?), serde_json::to_value(db?)),
            ];
            for (what, h, d) in pairs {
                let (h, d) = (h.expect("serialises"), d.expect("serialises"));
                if let Some(diff) = first_difference(&h, &d, "") {
                    years.push(format!("fiscal year {year} {what}: {diff}"));
                }
            }
        }
        let (h, d) = tokio::join!(replay.records_value(), self.records_value());
        let records = h.and_then(|h| Ok(first_difference(&h, &d?, "records")));
        let mut rest = Vec::new();
        let (h, d) = tokio::join!(replay.ita_value(), self.ita_value());
        if let Some(diff) = first_difference(&h?, &d?, "ita") {
            rest.push(diff);
        }
        let (h, d) = tokio::join!(replay.organization(), self.organization());
        let (h, d) = (serde_json::to_value(h.ok()), serde_json::to_value(d.ok()));
        if let Some(diff) = first_difference(&h.expect("serialises"), &d.expect("serialises"), "organization") {
            rest.push(diff);
        }
        Ok((years, records, rest))
    }

    /// The ITA rounds and results as one JSON value: what `verify` compares.
    async fn ita_value(&self) -> Result<serde_json::Value> {
        let mut rounds = Vec::new();
        for r in self.ita_rounds().await? {
            rounds.push(self.ita_round(r.year_be).await?);
        }
        let scores = self.all_ita_scores().await?;
        Ok(serde_json::json!({ "rounds": rounds, "scores": scores }))
    }

    /// The first asset, in number order, that differs between the
    /// history's replay (`self`) and the database: SQLite compares the two
    /// registers (the replay attached to connections of their own on the
    /// database's file), joined by id and, when that finds a difference,
    /// by number, which decides; only the asset found is read.
    async fn first_asset_difference(&self, db: &Store) -> Result<Option<String>> {
        const COLUMNS: [&str; 15] = [
            "name",
            "category",
            "brand",
            "model",
            "serial",
            "acquired_on",
            "method",
            "price",
            "budget_year",
            "funding",
            "location",
            "division",
            "status",
            "useful_life",
            "note",
        ];
        let differs = COLUMNS.map(|c| format!("r.{c} IS NOT m.{c}")).join(" OR ");
        let replay = self
            .path
            .to_str()
            .ok_or_else(|| CoreError::Io(format!("{} is not a valid UTF-8 path", self.path.display())))?;
        if same_by_id(db, replay, &differs).await? {
            return Ok(None);
        }
        let mut conn = with_replay(db, replay).await?;
        let first = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(format!(
            "SELECT number FROM replay.asset AS r FULL JOIN main.asset AS m USING (number) \
             WHERE r.id IS NULL OR m.id IS NULL OR {differs} ORDER BY number LIMIT 1"
        )))
        .fetch_optional(&mut conn)
        .await;
        let Some(number) = closing(conn, first).await? else {
            return Ok(None);
        };
        let (mut h, mut d) = (self.pool.acquire().await?, db.pool.acquire().await?);
        let ours = assets::read::asset(&mut h, &number).await.ok();
        let theirs = assets::read::asset(&mut d, &number).await.ok();
        let at: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM asset WHERE number < ?1")
            .bind(&number)
            .fetch_one(if theirs.is_some() { &mut *d } else { &mut *h })
            .await?;
        let path = format!("records.assets[{at}]");
        Ok(Some(match (ours, theirs) {
            (Some(a), Some(b)) => {
                let (a, b) = (serde_json::to_value(&a.doc), serde_json::to_value(&b.doc));
                first_difference(&a.expect("serialises"), &b.expect("serialises"), &path).unwrap_or(path)
            }
            (Some(_), None) => format!("{path} ({number} is only in the history)"),
            _ => format!("{path} ({number} is only in the database)"),
        }))
    }

    /// The other asset records (statuses, loans, inspections, photos,
    /// categories, mappings) as one JSON value: what `verify` compares.
    async fn records_value(&self) -> Result<serde_json::Value> {
        let mut conn = self.pool.acquire().await?;
        let numbers: HashMap<Id, String> = sqlx::query_as::<_, (Id, String)>(
            "SELECT id, number FROM asset WHERE id IN (SELECT asset_id FROM asset_status_event)",
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect();
        let mut events: Vec<_> = assets::read::all_status_events(&mut conn)
            .await?
            .into_iter()
            .map(|(id, e)| (numbers.get(&id).cloned().unwrap_or_default(), e))
            .collect();
        events.sort_by(|a, b| a.0.cmp(&b.0));
        let loans = assets::read::loans(&mut conn, None).await?;
        let years: Vec<i32> = sqlx::query_scalar("SELECT year_be FROM inspection ORDER BY year_be")
            .fetch_all(&mut *conn)
            .await?;
        let mut inspections = Vec::new();
        for y in years {
            inspections.push(assets::read::inspection(&mut conn, y).await?);
        }
        let photos: Vec<(String, Option<String>, Option<Vec<u8>>)> = sqlx::query_as(
            "SELECT number, photo_mime, photo FROM asset WHERE photo IS NOT NULL OR photo_mime IS NOT NULL \
             ORDER BY number",
        )
        .fetch_all(&mut *conn)
        .await?;
        // Tables no change writes but migrations (categories) or that only
        // one change writes (mappings): compared too, so an edit around the
        // app shows.
        let categories = assets::read::categories(&mut conn).await?;
        let mappings: Vec<(String, String)> =
            sqlx::query_as("SELECT layout, mapping FROM import_mapping ORDER BY layout")
                .fetch_all(&mut *conn)
                .await?;
        Ok(serde_json::json!({
            "categories": categories,
            "import_mappings": mappings,
            "status_events": events,
            "loans": loans,
            "inspections": inspections,
            "photos": photos.into_iter().map(|(n, m, d)| (n, m, d.map(|d| crate::doc::base64_encode(&d)))).collect::<Vec<_>>(),
        }))
    }
}

/// Whether the registers of the history's replay (its file at `path`)
/// and of the database `db` hold as many assets, and every replayed asset
/// equals the database's asset of its id, number included: then no asset
/// is in one and not the other.
///
/// SQLite walks the replay in id order and finds each row's pair by rowid.
/// The join by number seeks each number in the other side's index, from
/// both sides (2.6 against 1.2 s at 1,000,000 assets), so it only runs
/// when this finds a difference, and decides then (an asset given another
/// id is none). The ids are compared in as many ranges as there are cores,
/// up to three, each on a connection of its own, outside the database's
/// pool, which serves the rest of `verify` meanwhile.
async fn same_by_id(db: &Store, path: &str, differs: &str) -> Result<bool> {
    let mut conn = with_replay(db, path).await?;
    let sizes = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM replay.asset), (SELECT COUNT(*) FROM main.asset), \
                (SELECT MIN(id) FROM replay.asset), (SELECT MAX(id) FROM replay.asset)",
    )
    .fetch_one(&mut conn)
    .await;
    let (ours, theirs, first, last): (i64, i64, Option<Id>, Option<Id>) = closing(conn, sizes).await?;
    if ours != theirs {
        return Ok(false);
    }
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(true);
    };
    let parts = std::thread::available_parallelism().map_or(1, |n| n.get().min(3)) as Id;
    let sql = format!(
        "SELECT NOT EXISTS (SELECT 1 FROM replay.asset AS r LEFT JOIN main.asset AS m ON m.id = r.id \
                            WHERE r.id BETWEEN ?1 AND ?2 AND (m.id IS NULL OR r.number IS NOT m.number OR {differs}))"
    );
    let mut ranges = tokio::task::JoinSet::new();
    for (from, to) in id_ranges(first, last, parts) {
        let (conn, sql) = (with_replay(db, path).await?, sql.clone());
        ranges.spawn(async move {
            let mut conn = conn;
            let same = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .bind(from)
                .bind(to)
                .fetch_one(&mut conn)
                .await;
            closing(conn, same).await
        });
    }
    // Every range runs to its end and closes its connection, one that
    // differs or fails included: an aborted one could still hold the
    // replay's file open when its folder is removed.
    let mut same = Ok(true);
    while let Some(range) = ranges.join_next().await {
        let range = range
            .map_err(|e| CoreError::Database(format!("the registers were not compared: {e}")))
            .and_then(|r| r);
        same = match (same, range) {
            (Ok(s), Ok(r)) => Ok(s && r),
            (Err(e), _) | (Ok(_), Err(e)) => Err(e),
        };
    }
    same
}

/// `first..=last` cut into at most `parts` ranges of consecutive ids, in
/// order, none empty.
fn id_ranges(first: Id, last: Id, parts: Id) -> Vec<(Id, Id)> {
    let span = (last - first) / parts + 1;
    (0..parts)
        .map(|k| first + k * span)
        .take_while(|from| *from <= last)
        .map(|from| (from, (from + span - 1).min(last)))
        .collect()
}

/// A read-only connection of its own on `db`'s file, outside its pool,
/// with the replay at `path` attached as `replay`: closed after use, so no
/// connection the store keeps ever has the replay attached.
async fn with_replay(db: &Store, path: &str) -> Result<sqlx::SqliteConnection> {
    let mut conn = db.reader().await?;
    sqlx::query("ATTACH DATABASE ?1 AS replay")
        .bind(path)
        .execute(&mut conn)
        .await?;
    Ok(conn)
}

/// `result`, read on `conn`, once `conn` is closed: its error first, then
/// the closing's.
async fn closing<T>(conn: sqlx::SqliteConnection, result: std::result::Result<T, sqlx::Error>) -> Result<T> {
    let closed = sqlx::Connection::close(conn).await;
    let value = result?;
    closed?;
    Ok(value)
}

/// A history entry and the change it records, read back.
async fn read_entry(
    conn: &mut sqlx::SqliteConnection,
    r: history::Recorded,
) -> (history::Recorded, Result<crate::Change>) {
    let change = logged::read(conn, r.id, &r.change).await;
    (r, change)
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

/// The first place two JSON values differ, as a path (`measures[0].title`).
fn first_difference(a: &serde_json::Value, b: &serde_json::Value, path: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_ranges_cover_the_register_once_in_order() {
        for first in [1, 7] {
            for last in first..first + 12 {
                for parts in 1..=3 {
                    let ranges = id_ranges(first, last, parts);
                    assert!(!ranges.is_empty() && ranges.len() <= parts as usize);
                    assert_eq!(ranges[0].0, first);
                    assert_eq!(ranges[ranges.len() - 1].1, last);
                    for (i, (from, to)) in ranges.iter().enumerate() {
                        assert!(from <= to, "{first}..={last} in {parts}: {ranges:?}");
                        if let Some((next, _)) = ranges.get(i + 1) {
                            assert_eq!(*next, to + 1, "{first}..={last} in {parts}: {ranges:?}");
                        }
                    }
                }
            }
        }
        assert_eq!(id_ranges(1, 1_000_000, 2), [(1, 500_000), (500_001, 1_000_000)]);
    }
}
