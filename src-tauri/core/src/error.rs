//! Typed errors. Every fallible core function returns [`CoreError`]; at the
//! IPC and CLI edges it becomes an [`ErrorPayload`] `{ code, message }`.
//! A rule's refusal is a [`Refusal`]: data the UI words in its language, with
//! BE dates; `message` is the English sentence the CLI prints.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::refusal::{Refusal, Thing};

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// An input refused by a rule, with what a sentence about it needs.
    #[error(transparent)]
    Refused(#[from] Refusal),
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
    /// English, for the CLI and logs; the UI words `code` and `refusal`.
    pub message: String,
    /// What a rule refused, for a sentence in the UI language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub refusal: Option<Refusal>,
}

impl CoreError {
    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::Refused(r) => match r {
                Refusal::NotFound { .. } => ErrorCode::NotFound,
                Refusal::EmptyText { .. } => ErrorCode::EmptyText,
                Refusal::TextTooLong { .. } => ErrorCode::TextTooLong,
                Refusal::YearExists { .. } => ErrorCode::YearExists,
                Refusal::YearLocked { .. } => ErrorCode::YearLocked,
                Refusal::OpenInAnotherWindow { .. } => ErrorCode::DatabaseLocked,
                _ => ErrorCode::InvalidInput,
            },
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
            refusal: match self {
                CoreError::Refused(r) => Some(r.clone()),
                _ => None,
            },
        }
    }

    /// The refusal, when a rule refused the input.
    pub fn refusal(&self) -> Option<&Refusal> {
        match self {
            CoreError::Refused(r) => Some(r),
            _ => None,
        }
    }

    pub(crate) fn not_found(thing: Thing, key: impl ToString) -> Self {
        Refusal::not_found(thing, key).into()
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
