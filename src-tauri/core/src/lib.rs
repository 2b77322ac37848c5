//! Prongsai's core: the domain, the SQLite store, the rules and Thai text
//! handling. Usable without a window: the desktop app and the CLI are thin
//! layers over it. This crate never depends on tauri.

pub mod assets;
pub mod bindings;
pub mod budget;
pub mod budget_export;
pub mod budget_import;
pub mod change;
pub mod doc;
pub mod documents;
pub mod domain;
pub mod error;
pub mod fuzz;
pub mod keys;
pub mod money;
pub mod paths;
pub mod sample;
pub mod store;
pub mod table;
pub mod thai;
pub mod typeset;

pub use change::{Applied, Change, TextTarget};
pub use domain::*;
pub use error::{CoreError, ErrorCode, ErrorPayload, Result};
pub use store::Store;
