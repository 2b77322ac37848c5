//! Prongsai's core: the domain, the SQLite store, the rules and Thai text
//! handling. Usable without a window: the desktop app and the CLI are thin
//! layers over it. This crate never depends on tauri.

/// `as_str` and `parse` for enums whose names strum derives (snake_case,
/// the same names serde writes): `strum_names!(Digits, YearStatus)`.
macro_rules! strum_names {
    ($($t:ty),+) => {$(
        impl $t {
            /// The name as stored and sent (snake_case).
            pub fn as_str(self) -> &'static str {
                self.into()
            }
            /// The value a stored name stands for.
            pub fn parse(s: &str) -> Option<Self> {
                s.parse().ok()
            }
        }
    )+};
}

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
pub mod ita;
pub mod keys;
pub mod money;
pub mod paths;
pub mod publish;
pub mod refusal;
pub mod replace;
pub mod sample;
pub mod status;
pub mod store;
pub mod table;
pub mod text;
pub mod thai;
pub mod webview;
mod xlsx;

pub use change::{Applied, Change, TextTarget};
pub use domain::*;
pub use error::{CoreError, ErrorCode, ErrorPayload, Refusal, Result};
/// Typesetting is its own crate; documents build on it.
pub use prongsai_typeset as typeset;
pub use store::Store;
