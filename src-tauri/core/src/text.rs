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
    // Most text needs no rewriting: it is only checked, not copied, and
    // read once for all the checks.
    let (text, found) = match scan(text.trim()) {
        Scan::Rewrite => {
            let text = thai::to_storage(&text.replace("\r\n", "\n").replace('\r', "\n"))
                .trim()
                .to_owned();
            let found = scan(&text);
            (Cow::Owned(text), found)
        }
        found => (Cow::Borrowed(text.trim()), found),
    };
    let Scan::Read { control, len } = found else {
        unreachable!("rewritten text has no carriage return or Thai digit")
    };
    if let Some(c) = control {
        return Err(Refusal::ControlCharacter {
            field: field.to_owned(),
            code: c as u32,
        }
        .into());
    }
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

/// What one reading of a text found.
#[derive(Debug, PartialEq)]
enum Scan {
    /// It holds a carriage return or a Thai digit: it is to be rewritten.
    Rewrite,
    /// Its first control character (other than a newline or a tab), and
    /// its length in characters.
    Read { control: Option<char>, len: usize },
}

fn scan(text: &str) -> Scan {
    let (mut control, mut len) = (None, 0);
    for c in text.chars() {
        if c == '\r' || ('๐'..='๙').contains(&c) {
            return Scan::Rewrite;
        }
        if control.is_none() && c.is_control() && c != '\n' && c != '\t' {
            control = Some(c);
        }
        len += 1;
    }
    Scan::Read { control, len }
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
        // A control character is found in text that was rewritten too.
        assert!(matches!(
            clean_text("x", "๑\u{7}", true),
            Err(CoreError::Refused(Refusal::ControlCharacter { code: 7, .. }))
        ));
        // The length is the stored text's, in characters.
        assert!(clean_text("x", &format!("๑{}", "ก".repeat(MAX_TEXT_CHARS - 1)), true).is_ok());
        assert_eq!(
            scan("ก\u{1}ข\u{2}"),
            Scan::Read {
                control: Some('\u{1}'),
                len: 4
            }
        );
        let xss = "<script>alert(1)</script>";
        assert_eq!(clean_text("x", xss, true).unwrap(), xss);
    }
}
