//! Typed errors. Every fallible core function returns [`CoreError`]; at the
//! IPC and CLI edges it becomes an [`ErrorPayload`] `{ code, message }`.
//! The UI shows its own Thai/English words for each [`ErrorCode`]; `message`
//! carries the detail (which field, which JSON path).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("{what} not found")]
    NotFound { what: String },
    #[error("{field} must not be empty")]
    EmptyText { field: String },
    #[error("{field} is too long: {len} characters (at most {max})")]
    TextTooLong { field: String, len: usize, max: usize },
    #[error("{0}")]
    InvalidInput(String),
    #[error("fiscal year {year_be} already exists; use --replace to overwrite it")]
    YearExists { year_be: i32 },
    #[error("fiscal year {year_be} is {status} and cannot be edited")]
    YearLocked { year_be: i32, status: String },
    #[error("{path}: {message}")]
    MalformedImport { path: String, message: String },
    #[error(
        "the database {path} was written by a newer Prongsai (schema {found}, this app knows up to {known}); \
         it was left untouched — update Prongsai to open it"
    )]
    DatabaseTooNew { path: String, found: i64, known: i64 },
    #[error("the database is locked by another program or window: {0}")]
    DatabaseLocked(String),
    #[error("database error: {0}")]
    Database(String),
    /// A text save based on a value that is no longer the stored one: it
    /// was changed since the user began typing (an undo, another view).
    #[error("{field} was changed since this edit began; nothing was saved over it")]
    Conflict { field: String },
    /// The database file was replaced, or its write-ahead log removed, by
    /// another program since this store opened it: a write would land in a
    /// file nobody will read again, so it is refused.
    #[error(
        "the database {path} was replaced or its log removed by another program since Prongsai opened it; \
         this change was not saved — close Prongsai and open it again"
    )]
    DatabaseReplaced { path: String },
    /// A backup that is not restored, and why; the database is as it was.
    #[error("{file} was not restored: {reason}. Nothing was replaced: the database {kept} is as it was")]
    RestoreRefused { file: String, kept: String, reason: String },
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("{0}")]
    Io(String),
}

/// A stable, machine-readable error kind. The UI keys its messages on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    EmptyText,
    TextTooLong,
    InvalidInput,
    YearExists,
    YearLocked,
    MalformedImport,
    DatabaseTooNew,
    DatabaseLocked,
    Database,
    Conflict,
    DatabaseReplaced,
    RestoreRefused,
    Migration,
    Io,
    /// Raised at the edge (e.g. the IPC layer) for failures outside the core.
    Internal,
}

/// What crosses IPC and what the CLI prints: `{ code, message }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
}

impl CoreError {
    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::NotFound { .. } => ErrorCode::NotFound,
            CoreError::EmptyText { .. } => ErrorCode::EmptyText,
            CoreError::TextTooLong { .. } => ErrorCode::TextTooLong,
            CoreError::InvalidInput(_) => ErrorCode::InvalidInput,
            CoreError::YearExists { .. } => ErrorCode::YearExists,
            CoreError::YearLocked { .. } => ErrorCode::YearLocked,
            CoreError::MalformedImport { .. } => ErrorCode::MalformedImport,
            CoreError::DatabaseTooNew { .. } => ErrorCode::DatabaseTooNew,
            CoreError::DatabaseLocked(_) => ErrorCode::DatabaseLocked,
            CoreError::Database(_) => ErrorCode::Database,
            CoreError::Conflict { .. } => ErrorCode::Conflict,
            CoreError::DatabaseReplaced { .. } => ErrorCode::DatabaseReplaced,
            CoreError::RestoreRefused { .. } => ErrorCode::RestoreRefused,
            CoreError::Migration(_) => ErrorCode::Migration,
            CoreError::Io(_) => ErrorCode::Io,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
        }
    }

    pub(crate) fn not_found(what: impl Into<String>) -> Self {
        CoreError::NotFound { what: what.into() }
    }
}

/// What crosses IPC: `?` in a command turns a core error into its payload.
impl From<CoreError> for ErrorPayload {
    fn from(e: CoreError) -> Self {
        e.payload()
    }
}

impl From<sqlx::Error> for CoreError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e {
            // SQLITE_BUSY (5) / SQLITE_LOCKED (6), possibly extended.
            if let Some(code) = db.code()
                && matches!(code.parse::<i32>().map(|c| c & 0xff), Ok(5 | 6))
            {
                return CoreError::DatabaseLocked(db.message().to_owned());
            }
        }
        CoreError::Database(e.to_string())
    }
}

impl From<sqlx::migrate::MigrateError> for CoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        CoreError::Migration(e.to_string())
    }
}

impl From<std::io::Error> for CoreError {
    fn from(e: std::io::Error) -> Self {
        CoreError::Io(e.to_string())
    }
}
