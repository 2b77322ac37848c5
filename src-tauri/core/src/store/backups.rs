//! Rolling backups while the app is used.
//!
//! Backups are `VACUUM INTO` copies in a `backups/` folder beside the
//! database, named by time and by the newest history entry they hold
//! (`prongsai-20261127T101500Z-c000123.sqlite`): a backup is taken only when
//! there are changes since the last one, and the set is pruned to a few per
//! day for a bounded number of days.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Store;
use crate::error::{CoreError, Result};
use crate::refusal::{Refusal, Thing};

/// How many rolling backups are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// The newest this many of each day are kept…
    pub per_day: usize,
    /// …for this many most recent days that have backups.
    pub days: usize,
}

impl Default for Retention {
    fn default() -> Self {
        Retention { per_day: 6, days: 30 }
    }
}

/// How often the app takes a rolling backup while changes are being made.
pub const ROLLING_EVERY: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// The first rolling backup waits for the window to paint the report, so
/// copying a large database never competes with it; at most this long when
/// the window never says it did. None is taken when nothing changed since
/// the newest backup.
pub const FIRST_BACKUP_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

/// One rolling backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    /// The file name inside the backups folder.
    pub name: String,
    /// When it was taken (RFC 3339, UTC).
    pub at: String,
    /// The newest history entry it holds.
    pub change_id: i64,
    pub bytes: u64,
}

/// What the help panel shows: the version, the schema it writes, and
/// where the records and their backups are.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct About {
    pub version: String,
    pub schema: i64,
    /// The database file, when one is open.
    pub database: Option<String>,
    /// The folder of its rolling backups.
    pub backups: Option<String>,
}

pub fn about(db: Option<&Path>) -> About {
    About {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        schema: super::known_schema_version(),
        database: db.map(|d| d.display().to_string()),
        backups: db.map(|d| backup_dir(d).display().to_string()),
    }
}

/// The folder rolling backups of `db` go to.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

fn file_name(at: DateTime<Utc>, change_id: i64) -> String {
    format!("prongsai-{}-c{change_id:06}.sqlite", at.format("%Y%m%dT%H%M%SZ"))
}

/// Parses a rolling backup's file name back into its time and entry.
fn parse_name(name: &str) -> Option<(DateTime<Utc>, i64)> {
    let rest = name.strip_prefix("prongsai-")?.strip_suffix(".sqlite")?;
    let (stamp, change) = rest.split_once("-c")?;
    let at = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ")
        .ok()?
        .and_utc();
    Some((at, change.parse().ok()?))
}

/// The rolling backups in `dir`, newest first. Other files are ignored.
pub fn list(dir: &Path) -> Result<Vec<BackupInfo>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(CoreError::Io(format!("cannot read {}: {e}", dir.display()))),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some((at, change_id)) = parse_name(&name) {
            out.push(BackupInfo {
                name,
                at: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                change_id,
                bytes: entry.metadata().map(|m| m.len()).unwrap_or(0),
            });
        }
    }
    out.sort_by(|a, b| b.name.cmp(&a.name));
    Ok(out)
}

/// The backups `retention` drops from `backups` (newest first, as [`list`] gives).
pub fn to_prune(backups: &[BackupInfo], retention: Retention) -> Vec<String> {
    let mut days: Vec<NaiveDate> = Vec::new();
    let mut kept_today = 0;
    let mut drop = Vec::new();
    for b in backups {
        let Some((at, _)) = parse_name(&b.name) else { continue };
        let day = at.date_naive();
        if days.last() != Some(&day) {
            days.push(day);
            kept_today = 0;
        }
        if days.len() > retention.days || kept_today >= retention.per_day {
            drop.push(b.name.clone());
        } else {
            kept_today += 1;
        }
    }
    drop
}

/// A rolling backup file by name, refusing anything that is not one (a
/// path, `..`, another file).
pub fn resolve(dir: &Path, name: &str) -> Result<PathBuf> {
    if parse_name(name).is_none() || name.contains(['/', '\\']) {
        return Err(Refusal::NotABackup { name: name.to_owned() }.into());
    }
    let path = dir.join(name);
    if !path.is_file() {
        return Err(CoreError::not_found(Thing::Backup, name));
    }
    Ok(path)
}

impl Store {
    /// Takes a rolling backup if there are changes since the newest one,
    /// then prunes the folder. Returns the new file, if one was written.
    pub async fn rolling_backup(&self, now: DateTime<Utc>, retention: Retention) -> Result<Option<PathBuf>> {
        let dir = backup_dir(&self.path);
        let newest: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM change_log")
            .fetch_one(&self.pool)
            .await?;
        let existing = list(&dir)?;
        if existing.first().is_some_and(|b| b.change_id >= newest) {
            return Ok(None);
        }
        std::fs::create_dir_all(&dir).map_err(|e| CoreError::Io(format!("cannot create {}: {e}", dir.display())))?;
        let dest = dir.join(file_name(now, newest));
        // Written under another name and renamed: a half-written copy is never listed.
        super::open::vacuum_into(&self.pool, &dest).await?;
        for name in to_prune(&list(&dir)?, retention) {
            std::fs::remove_file(dir.join(name))?;
        }
        Ok(Some(dest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(at: &str, change_id: i64) -> BackupInfo {
        let at = DateTime::parse_from_rfc3339(at).unwrap().with_timezone(&Utc);
        BackupInfo {
            name: file_name(at, change_id),
            at: at.to_rfc3339(),
            change_id,
            bytes: 0,
        }
    }

    #[test]
    fn names_round_trip_and_others_are_refused() {
        let b = info("2026-11-27T10:15:00Z", 123);
        assert_eq!(b.name, "prongsai-20261127T101500Z-c000123.sqlite");
        assert_eq!(parse_name(&b.name).unwrap().1, 123);
        assert!(parse_name("prongsai.sqlite").is_none());
        let dir = tempfile::tempdir().unwrap();
        assert!(resolve(dir.path(), "../prongsai.sqlite").is_err());
        assert!(resolve(dir.path(), "prongsai-20261127T101500Z-c000123.sqlite/../../x").is_err());
        assert!(matches!(
            resolve(dir.path(), &b.name),
            Err(CoreError::Refused(Refusal::NotFound { .. }))
        ));
    }

    #[test]
    fn pruning_keeps_a_few_per_day_for_a_number_of_days() {
        // Newest first: 4 on the 27th, 2 on the 26th, 1 on each of the 25th and 24th.
        let all = vec![
            info("2026-11-27T16:00:00Z", 40),
            info("2026-11-27T15:00:00Z", 39),
            info("2026-11-27T14:00:00Z", 38),
            info("2026-11-27T13:00:00Z", 37),
            info("2026-11-26T09:00:00Z", 30),
            info("2026-11-26T08:00:00Z", 29),
            info("2026-11-25T08:00:00Z", 20),
            info("2026-11-24T08:00:00Z", 10),
        ];
        let dropped = to_prune(&all, Retention { per_day: 2, days: 3 });
        let names = |ids: &[usize]| ids.iter().map(|&i| all[i].name.clone()).collect::<Vec<_>>();
        assert_eq!(dropped, names(&[2, 3, 7]));
        assert!(to_prune(&all, Retention { per_day: 10, days: 10 }).is_empty());
    }
}
