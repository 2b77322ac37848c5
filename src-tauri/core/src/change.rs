//! The one way to write: a typed [`Change`], applied by
//! [`crate::store::Store::apply`] in a single transaction that also appends
//! it to `change_log`. Undo/redo, the history and the audit trail build on
//! this record, so nothing writes around it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::{Emblem, Id, ReportDoc};
use crate::error::{CoreError, Result};
use crate::thai;

/// Longest text accepted in one field (characters). A whole report is a few
/// thousand; this bounds what a paste can do to the database and the PDF.
pub const MAX_TEXT_CHARS: usize = 20_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// Replace one text field of the report.
    SetText { target: TextTarget, text: String },
    /// Load a whole fiscal year from a [`ReportDoc`]. Refused when the year
    /// exists unless `replace`.
    ImportReport { doc: Box<ReportDoc>, replace: bool },
    /// Set (or clear, with `null`) the emblem printed on memos.
    SetEmblem { emblem: Option<Emblem> },
    /// Load a year's budget lines and targets (all or nothing). Refused when
    /// the year already has a budget unless `replace`.
    ImportBudget {
        budget: Box<crate::budget::BudgetDoc>,
        replace: bool,
    },
    /// Set one month's figure of one budget line. `amount` is as typed
    /// (Thai digits, commas, parentheses); it is stored in plain form.
    SetMonthFigure {
        line_id: Id,
        month: u8,
        field: crate::budget::MonthField,
        amount: String,
    },
    /// Set (or clear, with `null`) a cabinet disbursement target: the
    /// cumulative per cent by the end of a quarter.
    SetTarget {
        year_be: i32,
        scope: crate::budget::TargetScope,
        quarter: u8,
        percent: Option<String>,
    },
    /// Remember how the columns of an import layout (its header row) map to
    /// fields, for the next file of the same layout.
    RememberMapping {
        headers: Vec<String>,
        mapping: std::collections::BTreeMap<String, String>,
    },
}

/// Which text field a [`Change::SetText`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "field", content = "id", rename_all = "snake_case")]
pub enum TextTarget {
    MeasureTitle(Id),
    MeasureRemarks(Id),
    Activity(Id),
    Result(Id),
    Outcome(Id),
}

impl TextTarget {
    /// Human name of the field, used in error messages.
    pub fn field_name(self) -> &'static str {
        match self {
            TextTarget::MeasureTitle(_) => "measure title",
            TextTarget::MeasureRemarks(_) => "remarks",
            TextTarget::Activity(_) => "activity",
            TextTarget::Result(_) => "result",
            TextTarget::Outcome(_) => "outcome",
        }
    }
    /// Remarks may be empty; every other field is required.
    pub fn required(self) -> bool {
        !matches!(self, TextTarget::MeasureRemarks(_))
    }
}

/// What [`crate::store::Store::apply`] reports back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Applied {
    /// Row id of the change in `change_log`.
    pub change_id: Id,
    /// The fiscal year the change touched (0: none, an organization setting).
    pub year_be: i32,
}

/// Normalises text for storage and checks it: Thai digits to Arabic, line
/// ends to `\n`, surrounding white space trimmed; no control characters
/// other than newline and tab; not longer than [`MAX_TEXT_CHARS`]; not empty
/// when `required`. Markup is just text: it is stored as typed and every
/// view renders it inert.
pub fn clean_text(field: &str, text: &str, required: bool) -> Result<String> {
    let text = thai::to_storage(&text.replace("\r\n", "\n").replace('\r', "\n"));
    let text = text.trim();
    if let Some(c) = text.chars().find(|&c| c.is_control() && c != '\n' && c != '\t') {
        return Err(CoreError::InvalidInput(format!(
            "{field} contains a control character (U+{:04X})",
            c as u32
        )));
    }
    let len = text.chars().count();
    if len > MAX_TEXT_CHARS {
        return Err(CoreError::TextTooLong {
            field: field.to_owned(),
            len,
            max: MAX_TEXT_CHARS,
        });
    }
    if required && text.is_empty() {
        return Err(CoreError::EmptyText {
            field: field.to_owned(),
        });
    }
    Ok(text.to_owned())
}

/// Like [`clean_text`] for a one-line field (a title line, a name).
pub fn clean_line(field: &str, text: &str, required: bool) -> Result<String> {
    let text = clean_text(field, text, required)?;
    if text.contains('\n') {
        return Err(CoreError::InvalidInput(format!("{field} must be a single line")));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_normalises_and_refuses() {
        assert_eq!(clean_text("x", "  ๑๒ ก\r\nข ", true).unwrap(), "12 ก\nข");
        assert!(matches!(clean_text("x", "   ", true), Err(CoreError::EmptyText { .. })));
        assert_eq!(clean_text("x", "  ", false).unwrap(), "");
        assert!(matches!(
            clean_text("x", "a\u{0}b", true),
            Err(CoreError::InvalidInput(_))
        ));
        let huge = "ก".repeat(MAX_TEXT_CHARS + 1);
        assert!(matches!(
            clean_text("x", &huge, true),
            Err(CoreError::TextTooLong { .. })
        ));
        let xss = "<script>alert(1)</script>";
        assert_eq!(clean_text("x", xss, true).unwrap(), xss);
    }

    #[test]
    fn change_json_shape_is_stable() {
        let c = Change::SetText {
            target: TextTarget::Result(7),
            text: "ก".into(),
        };
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"set_text","target":{"field":"result","id":7},"text":"ก"}"#
        );
        assert_eq!(serde_json::from_str::<Change>(&json).unwrap(), c);
    }
}
