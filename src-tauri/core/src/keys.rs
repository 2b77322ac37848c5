//! Keys compared as people read them. An asset number, or the division,
//! plan, source and item of a budget line, typed with a no-break space, a
//! zero-width space, a byte-order mark, a double space or a non-breaking
//! hyphen is the same key as the plain one: Unicode NFC, invisible
//! characters removed, every run of space-like characters one space, ends
//! trimmed, every hyphen look-alike "-". Keys are stored in this form, so
//! look-alikes are duplicates.

use unicode_normalization::UnicodeNormalization;

/// `s` in the form keys are compared and stored in.
pub fn normalize_key(s: &str) -> String {
    // Printable ASCII without spaces (most asset numbers) is its own key.
    if s.bytes().all(|b| b.is_ascii_graphic()) {
        return s.to_owned();
    }
    // Most keys are already in NFC: the quick check spares composing them.
    match unicode_normalization::is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => key_of(s.chars(), s.len()),
        _ => key_of(s.nfc(), s.len()),
    }
}

fn key_of(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut space = false;
    for c in chars {
        let c = match c {
            // Zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen.
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => continue,
            // Hyphen, non-breaking hyphen, figure dash, en and em dash,
            // horizontal bar, minus sign, small and full-width hyphen-minus.
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' | '\u{FE63}'
            | '\u{FF0D}' => '-',
            c if c.is_whitespace() => {
                space = !out.is_empty();
                continue;
            }
            c => c,
        };
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alikes_are_one_key() {
        let plain = "7440-001-0001/66";
        assert_eq!(normalize_key(plain), plain);
        assert_eq!(normalize_key(" a\tb "), "a b");
        assert_eq!(normalize_key(""), "");
        for odd in [
            "7440-001-0001/66\u{200B}",
            "\u{FEFF}7440-001-0001/66",
            "7440\u{2011}001\u{2011}0001/66",
            "7440\u{2013}001-0001/66 ",
            " 7440-001-0001/66\u{00A0}",
        ] {
            assert_eq!(normalize_key(odd), plain, "{odd:?}");
        }
        assert_eq!(
            normalize_key("แผนงาน\u{00A0}\u{00A0}บุคลากร  ภาครัฐ"),
            "แผนงาน บุคลากร ภาครัฐ"
        );
        assert_eq!(normalize_key("เงิน\u{200B}งบประมาณ"), "เงินงบประมาณ");
        // NFC: a decomposed letter is the composed one.
        assert_eq!(normalize_key("Cafe\u{0301}"), "Caf\u{00E9}");
    }
}
