//! Text as it is stored: every field a user types or a file brings is
//! normalised and checked here before it is written.

use crate::error::Result;
use crate::refusal::Refusal;
use crate::thai;

/// Longest text accepted in one field (characters). A whole report is a few
/// thousand; this bounds what a paste can do to the database and the PDF.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Normalises text for storage and checks it: Thai digits to Arabic, line
/// ends to `\n`, surrounding white space trimmed; no control characters
/// other than newline and tab; not longer than [`MAX_TEXT_CHARS`]; not empty
/// when `required`. Markup is just text: it is stored as typed and every
/// view renders it inert.
pub fn clean_text(field: &str, text: &str, required: bool) -> Result<String> {
    Ok(cleaned(field, text, required)?.into_owned())
}

fn cleaned<'a>(field: &str, text: &'a str, required: bool) -> Result<std::borrow::Cow<'a, str>> {
    use std::borrow::Cow;
    // Most text needs no rewriting: it is only checked, not copied.
    let text = if text.chars().any(|c| c == '\r' || ('๐'..='๙').contains(&c)) {
        Cow::Owned(
            thai::to_storage(&text.replace("\r\n", "\n").replace('\r', "\n"))
                .trim()
                .to_owned(),
        )
    } else {
        Cow::Borrowed(text.trim())
    };
    if let Some(c) = text.chars().find(|&c| c.is_control() && c != '\n' && c != '\t') {
        return Err(Refusal::ControlCharacter {
            field: field.to_owned(),
            code: c as u32,
        }
        .into());
    }
    let len = text.chars().count();
    if len > MAX_TEXT_CHARS {
        return Err(Refusal::TextTooLong {
            field: field.to_owned(),
            len,
            max: MAX_TEXT_CHARS,
        }
        .into());
    }
    if required && text.is_empty() {
        return Err(Refusal::empty(field).into());
    }
    Ok(text)
}

/// [`clean_text`] of an owned string: the same string back when it needed
/// no change (an import's hundred thousand rows are not copied again).
pub fn clean_owned(field: &str, text: String, required: bool) -> Result<String> {
    Ok(match cleaned(field, &text, required)? {
        std::borrow::Cow::Borrowed(t) if t.len() == text.len() => text,
        clean => clean.into_owned(),
    })
}

/// Like [`clean_text`] for a one-line field (a title line, a name).
pub fn clean_line(field: &str, text: &str, required: bool) -> Result<String> {
    one_line(field, clean_text(field, text, required)?)
}

/// [`clean_line`] of an owned string, not copied when it needs no change.
pub fn clean_owned_line(field: &str, text: String, required: bool) -> Result<String> {
    one_line(field, clean_owned(field, text, required)?)
}

fn one_line(field: &str, text: String) -> Result<String> {
    if text.contains('\n') {
        return Err(Refusal::NotOneLine {
            field: field.to_owned(),
        }
        .into());
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::CoreError;

    #[test]
    fn clean_text_normalises_and_refuses() {
        assert_eq!(clean_text("x", "  ๑๒ ก\r\nข ", true).unwrap(), "12 ก\nข");
        assert!(matches!(
            clean_text("x", "   ", true),
            Err(CoreError::Refused(Refusal::EmptyText { .. }))
        ));
        assert_eq!(clean_text("x", "  ", false).unwrap(), "");
        assert!(matches!(
            clean_text("x", "a\u{0}b", true),
            Err(CoreError::Refused(Refusal::ControlCharacter { .. }))
        ));
        let huge = "ก".repeat(MAX_TEXT_CHARS + 1);
        assert!(matches!(
            clean_text("x", &huge, true),
            Err(CoreError::Refused(Refusal::TextTooLong { .. }))
        ));
        let xss = "<script>alert(1)</script>";
        assert_eq!(clean_text("x", xss, true).unwrap(), xss);
    }
}
