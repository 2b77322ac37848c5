//! What applying a change did, and how it is applied: the small types every
//! aggregate module and the write path share.

use crate::change::Change;

/// Whether a change is the user's own, or an undo/redo of one. Undo and
/// redo apply recorded changes exactly: the status rules (approve before
/// publishing, a reason to reopen) were met when the change was first made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum Mode {
    Do,
    Undo,
    Redo,
}

/// Whether the rules that bind a user's new records are checked: always,
/// but when `verify` replays a history recorded under older rules, which
/// must replay as it was (and is only compared: an import replayed keeps no
/// search text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rules {
    Check,
    AsRecorded,
}

/// An undoable change as applied: the form recorded (ids filled in), the
/// year it touched (0: none), and the change that undoes it.
pub(super) struct Done {
    pub change: Change,
    pub year_be: i32,
    pub inverse: Option<Change>,
}

/// Any change as applied, before it is logged.
pub(super) struct Effect {
    pub change: Change,
    pub year_be: i32,
    /// What undoes it; `None` for a change that cannot be undone (an
    /// import, an asset record).
    pub inverse: Option<Change>,
    /// What an import replaced, kept in the log.
    pub replaced: Option<serde_json::Value>,
    /// The id of the record it created, when the caller needs it.
    pub created: Option<crate::domain::Id>,
    /// The change as the log stores it, when the module that applied it
    /// made that already (an import, beside its inserts); else the log
    /// makes it from `change`.
    pub logged: Option<super::logged::Logged>,
}

impl Effect {
    pub fn of(change: Change, year_be: i32, inverse: Option<Change>, replaced: Option<serde_json::Value>) -> Effect {
        Effect {
            change,
            year_be,
            inverse,
            replaced,
            created: None,
            logged: None,
        }
    }

    /// An asset record: kept, never undone, and of no year.
    pub fn record(change: Change) -> Effect {
        Effect::of(change, 0, None, None)
    }

    /// An asset import, with its log form made beside its inserts.
    pub fn import(assets: Vec<crate::assets::AssetDoc>, logged: Option<super::logged::Logged>) -> Effect {
        Effect {
            logged,
            ..Effect::record(Change::ImportAssets { assets })
        }
    }
}

impl From<Done> for Effect {
    fn from(d: Done) -> Self {
        Effect::of(d.change, d.year_be, d.inverse, None)
    }
}
