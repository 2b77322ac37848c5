//! `FileGuard`: a store remembers the database file and its write-ahead log
//! as it opened them (device and inode), and a write finds out when either
//! was replaced or removed since, whatever program did it: it is refused
//! before it commits into a file no one else will see.

use std::path::{Path, PathBuf};

use crate::error::{CoreError, Result};

/// The identity of a file (device and inode), where the OS gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileId(u64, u64);

#[cfg(unix)]
fn file_id(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| FileId(m.dev(), m.ino()))
}

// Windows and others: an open database cannot be renamed over or deleted
// there (SQLite opens it without FILE_SHARE_DELETE), so there is nothing to
// watch for.
#[cfg(not(unix))]
fn file_id(_path: &Path) -> Option<FileId> {
    None
}

/// The database file and its write-ahead log as a store opened them.
#[derive(Debug, Clone, Default)]
pub(super) struct FileGuard {
    db: Option<FileId>,
    wal: Option<FileId>,
}

fn wal_path(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", db.display()))
}

impl FileGuard {
    /// Taken once the store has opened the file and its log.
    pub(super) fn take(db: &Path) -> FileGuard {
        FileGuard {
            db: file_id(db),
            wal: file_id(&wal_path(db)),
        }
    }

    /// Refuses a write when the files on disk are not the ones this store
    /// has open: the database renamed over or deleted, or its log removed
    /// (another process checkpointed and deleted it after our locks were
    /// dropped), which would send this write into an unlinked file.
    pub(super) fn check(&self, db: &Path) -> Result<()> {
        let replaced = self.db.is_some_and(|id| file_id(db) != Some(id))
            || self.wal.is_some_and(|id| file_id(&wal_path(db)) != Some(id));
        if replaced {
            return Err(CoreError::DatabaseReplaced {
                path: db.display().to_string(),
            });
        }
        Ok(())
    }
}
