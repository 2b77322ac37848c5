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
    Ok(cleaned(field, text, required)?.0.into_owned())
}

/// The text cleaned, and whether it holds a line break.
fn cleaned<'a>(field: &str, text: &'a str, required: bool) -> Result<(std::borrow::Cow<'a, str>, bool)> {
    use std::borrow::Cow;
    // Most text needs no rewriting: it is only checked, not copied, and
    // read once for all the checks.
    let trimmed = text.trim();
    let (text, found) = match scan(trimmed) {
        Scan::Rewrite => {
            let text = thai::to_storage(&text.replace("\r\n", "\n").replace('\r', "\n"))
                .trim()
                .to_owned();
            let found = scan(&text);
            (Cow::Owned(text), found)
        }
        found => (Cow::Borrowed(trimmed), found),
    };
    let Scan::Read { control, len, newline } = found else {
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
    Ok((text, newline))
}

/// What one reading of a text found.
#[derive(Debug, PartialEq)]
enum Scan {
    /// It holds a carriage return or a Thai digit: it is to be rewritten.
    Rewrite,
    /// Its first control character (other than a newline or a tab), its
    /// length in characters, and whether it holds a newline.
    Read {
        control: Option<char>,
        len: usize,
        newline: bool,
    },
}

fn scan(text: &str) -> Scan {
    // One test for the common case, each character: controls (`Cc`:
    // U+0000..U+001F, U+007F..U+009F) and Thai digits are looked at only
    // when that finds one. A quarter fewer instructions than asking for
    // each in turn, and the newline comes with it.
    let (mut control, mut len, mut newline) = (None, 0, false);
    for c in text.chars() {
        if c < '\u{20}' || ('\u{7F}'..='\u{9F}').contains(&c) || ('๐'..='๙').contains(&c) {
            match c {
                '\r' | '๐'..='๙' => return Scan::Rewrite,
                '\n' => newline = true,
                '\t' => {}
                _ => {
                    control.get_or_insert(c);
                }
            }
        }
        len += 1;
    }
    Scan::Read { control, len, newline }
}

/// [`clean_text`] of an owned string: the same string back when it needed
/// no change (an import's hundred thousand rows are not copied again).
pub fn clean_owned(field: &str, text: String, required: bool) -> Result<String> {
    let changed = changed(&text, cleaned(field, &text, required)?.0);
    Ok(changed.unwrap_or(text))
}

/// The cleaned form of `text` when it differs, or `None`.
fn changed(text: &str, clean: std::borrow::Cow<'_, str>) -> Option<String> {
    match clean {
        std::borrow::Cow::Borrowed(t) if t.len() == text.len() => None,
        clean => Some(clean.into_owned()),
    }
}

/// Like [`clean_text`] for a one-line field (a title line, a name).
pub fn clean_line(field: &str, text: &str, required: bool) -> Result<String> {
    let (text, newline) = cleaned(field, text, required)?;
    one_line(field, newline)?;
    Ok(text.into_owned())
}

/// [`clean_line`] of an owned string, not copied when it needs no change.
pub fn clean_owned_line(field: &str, text: String, required: bool) -> Result<String> {
    let (clean, newline) = cleaned(field, &text, required)?;
    one_line(field, newline)?;
    Ok(changed(&text, clean).unwrap_or(text))
}

fn one_line(field: &str, newline: bool) -> Result<()> {
    if newline {
        return Err(Refusal::NotOneLine {
            field: field.to_owned(),
        }
        .into());
    }
    Ok(())
}

/// Short texts for property tests of text handling: Latin with the C0 and
/// C1 controls, Greek capitals, Thai with its digits, other three-byte
/// characters that start as Thai does in UTF-8, and any character.
#[cfg(test)]
pub(crate) fn mixed_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::char::{any, range};
    use proptest::strategy::Strategy as _;
    let parts = proptest::prop_oneof![
        range('\u{0}', '\u{24F}'),
        range('\u{391}', '\u{3A9}'),
        range('\u{E00}', '\u{E7F}'),
        range('\u{800}', '\u{FFF}'),
        any(),
    ];
    proptest::collection::vec(parts, 0..24).prop_map(|parts| parts.into_iter().collect())
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
                len: 4,
                newline: false
            }
        );
        let xss = "<script>alert(1)</script>";
        assert_eq!(clean_text("x", xss, true).unwrap(), xss);
    }

    /// What `scan` found when it asked for each thing in turn.
    fn scan_by_chars(text: &str) -> Scan {
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
        Scan::Read {
            control,
            len,
            newline: text.contains('\n'),
        }
    }

    proptest::proptest! {
        /// One test first finds what a test for each did: the same
        /// rewrite, the same first control, the same length, around Thai
        /// digits and C0 and C1 controls.
        #[test]
        fn scan_finds_what_a_test_for_each_found(
            text in mixed_text()
        ) {
            proptest::prop_assert_eq!(scan(&text), scan_by_chars(&text));
        }
    }
}
