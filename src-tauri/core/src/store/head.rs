//! The history's head as Prongsai last wrote it, kept beside the database
//! (`<db>.head`: the newest entry's id and hash). The hash chain shows an
//! entry changed or removed in the middle; it cannot show the newest
//! entries removed with their effects reverted, since what is left is a
//! shorter, valid chain. The head remembered outside the file does:
//! `verify` finds the entry it names, or says the newest were removed.
//! `verify --against` does the same for a backup, or for a PDF Prongsai
//! printed (its information dictionary names the entry it was made at).

use std::path::{Path, PathBuf};

use sqlx::SqliteConnection;

use super::Store;
use crate::error::{CoreError, Result};
use crate::refusal::Refusal;

/// The key of a printed PDF's information dictionary that names the
/// history entry it was made at.
pub const HISTORY_KEY: &str = "ProngsaiHistory";

/// The newest entry of a history: its id and hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub id: i64,
    pub hash: String,
}

pub(super) fn head_path(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}.head", db.display()))
}

pub(super) async fn head(conn: &mut SqliteConnection) -> Result<Option<Head>> {
    head_by(conn, super::history::NEWEST).await
}

async fn head_by(conn: &mut SqliteConnection, query: &'static str) -> Result<Option<Head>> {
    let row: Option<(i64, Option<String>)> = sqlx::query_as(query).fetch_optional(&mut *conn).await?;
    Ok(row.map(|(id, hash)| Head {
        id,
        hash: hash.unwrap_or_default(),
    }))
}

/// The head of the database file at `path`, read through a read-only
/// connection (nothing is written, migrated or checkpointed), at whatever
/// schema the file is.
pub(super) async fn head_of_file(path: &Path) -> Result<Option<Head>> {
    use sqlx::Connection;
    let opts = sqlx::sqlite::SqliteConnectOptions::new().filename(path).read_only(true);
    let mut conn = SqliteConnection::connect_with(&opts).await?;
    let found = head_by(&mut conn, super::history::NEWEST_IN_ANY_SCHEMA).await;
    conn.close().await.ok();
    found
}

/// Remembers `head` beside `db` (temporary file, then rename). Written
/// after the commit, so it is never ahead of the database; a failure to
/// write it loses nothing and is only reported.
pub(super) fn remember(db: &Path, head: &Head) {
    let path = head_path(db);
    let tmp = PathBuf::from(format!("{}.tmp", path.display()));
    let written =
        std::fs::write(&tmp, format!("{} {}\n", head.id, head.hash)).and_then(|()| std::fs::rename(&tmp, &path));
    if let Err(e) = written {
        eprintln!(
            "prongsai: cannot remember the history's head in {}: {e}",
            path.display()
        );
    }
}

/// The head remembered beside `db`, if there is a readable one.
pub(super) fn remembered(db: &Path) -> Option<Head> {
    let text = std::fs::read_to_string(head_path(db)).ok()?;
    let (id, hash) = text.trim().split_once(' ')?;
    Some(Head {
        id: id.parse().ok()?,
        hash: hash.to_owned(),
    })
}

/// Whether the history in `conn` holds `head`; the mismatch, in words.
pub(super) async fn holds(conn: &mut SqliteConnection, head: &Head, whose: &str) -> Result<Option<String>> {
    let hash: Option<Option<String>> = sqlx::query_scalar(super::history::HASH_OF)
        .bind(head.id)
        .fetch_optional(&mut *conn)
        .await?;
    let newest: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM change_log")
        .fetch_one(&mut *conn)
        .await?;
    Ok(match hash {
        None => Some(format!(
            "history: {whose} holds entry {} but the history ends at entry {newest}: the newest entries were removed",
            head.id
        )),
        Some(h) if h.as_deref().unwrap_or_default() != head.hash => {
            Some(format!("history: entry {} differs from the one {whose} holds", head.id))
        }
        Some(_) => None,
    })
}

impl Store {
    /// The newest entry of the history, if any.
    pub async fn head(&self) -> Result<Option<Head>> {
        head(&mut *self.pool.acquire().await?).await
    }

    /// After a commit: remember the new head beside the database.
    pub(super) async fn remember_head(&self) {
        if let Ok(Some(h)) = self.head().await {
            remember(&self.path, &h);
        }
    }

    /// Whether this database still holds the head of `backup` (a copy
    /// taken earlier): `None` when it does, else what is wrong.
    pub async fn verify_against(&self, backup: &Path) -> Result<Option<String>> {
        // A document Prongsai printed names the entry it was made at.
        let bytes =
            std::fs::read(backup).map_err(|e| CoreError::Io(format!("cannot read {}: {e}", backup.display())))?;
        if bytes.starts_with(b"%PDF") {
            let stamp = crate::typeset::pdf::info(&bytes, HISTORY_KEY).ok_or_else(|| {
                CoreError::from(Refusal::NoHistoryStamp {
                    file: backup.display().to_string(),
                })
            })?;
            let theirs = stamp
                .split_once(' ')
                .and_then(|(id, hash)| {
                    Some(Head {
                        id: id.parse().ok()?,
                        hash: hash.to_owned(),
                    })
                })
                .ok_or_else(|| {
                    CoreError::from(Refusal::NoHistoryStamp {
                        file: backup.display().to_string(),
                    })
                })?;
            let whose = format!("the document {}", backup.display());
            return holds(&mut *self.pool.acquire().await?, &theirs, &whose).await;
        }
        drop(bytes);
        super::open::check_version(backup).await?;
        let Some(theirs) = head_of_file(backup).await? else {
            return Err(Refusal::NoHistory {
                file: backup.display().to_string(),
            }
            .into());
        };
        let whose = format!("the backup {}", backup.display());
        holds(&mut *self.pool.acquire().await?, &theirs, &whose).await
    }
}
