//! The asset register, loans and inspections in SQLite. Records, not
//! drafts: their changes carry no inverse and undo passes over them. The
//! rules that bind a new record are checked in `rules`;
//! each kind of change is applied by `register` (an import's rows by
//! `insert`), `loans` or `inspection`,
//! and `read` answers the queries.

mod base;
pub(super) mod insert;
pub(super) mod inspection;
pub(super) mod loans;
pub(super) mod read;
pub(super) mod register;
mod rules;
pub(super) mod text;

pub(super) use rules::check_new_record;
