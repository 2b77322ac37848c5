//! Entry points for fuzzing every parser that reads what a user hands the
//! app: report JSON, CSV and XLSX imports, register rows, images, amounts, BE dates, and
//! the Thai line breaker and shaper. Each takes arbitrary bytes, must never
//! panic, and checks what must hold of what it accepts. They are driven by
//! cargo-fuzz (`src-tauri/core/fuzz/`) and by `tests/fuzz.rs` in every
//! test run (the corpus in `fuzz/corpus/<target>/` plus random mutations).

use crate::domain::Digits;

/// A fuzz target: bytes in, a panic when something that must hold does not.
pub type Target = fn(&[u8]);

/// The targets by name, as the corpus folders and cargo-fuzz name them.
pub const TARGETS: [(&str, Target); 8] = [
    ("report_json", report_json),
    ("csv_import", csv_import),
    ("register_rows", register_rows),
    ("xlsx_import", xlsx_import),
    ("image", image),
    ("amount", amount),
    ("be_date", be_date),
    ("thai_lines", thai_lines),
];

/// A report file: parsed, then checked and normalised as an import would.
/// Whatever is accepted exports back to JSON that parses to the same report.
pub fn report_json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(doc) = crate::doc::parse(text) else { return };
    if let Ok(doc) = crate::doc::normalize(doc) {
        let again = crate::doc::parse(&crate::doc::to_json(&doc)).expect("an exported report parses");
        assert_eq!(crate::doc::normalize(again).expect("and normalises"), doc);
    }
}

/// A budget CSV: read, then merged as an import would (no database).
pub fn csv_import(data: &[u8]) {
    if let Ok(table) = crate::budget_import::read_csv(data) {
        plan(&table);
    }
}

/// A register CSV: read, then every row checked as an import would. What
/// it accepts has a number in the normal form of keys, no two alike, a
/// price that is not negative, and one asset per row.
pub fn register_rows(data: &[u8]) {
    let Ok(table) = crate::budget_import::read_csv(data) else {
        return;
    };
    let categories = [("ครุภัณฑ์สำนักงาน".to_owned(), 10), ("ครุภัณฑ์คอมพิวเตอร์".to_owned(), 5)];
    let registered = std::collections::HashSet::from(["7440-001-0001/66".to_owned()]);
    let rows = table.rows.len();
    let Ok((assets, errors)) = crate::assets::import::read_assets(table, None, &categories, &registered) else {
        return;
    };
    let mut seen = std::collections::HashSet::new();
    for a in &assets {
        assert_eq!(
            crate::keys::normalize_key(&a.number),
            a.number,
            "a stored number is normalised"
        );
        assert!(!registered.contains(&a.number), "a registered number is refused");
        assert!(seen.insert(a.number.clone()), "two assets {}", a.number);
        assert!(!a.price.is_sign_negative());
    }
    assert!(assets.len() + errors.len() <= rows);
}

/// A budget workbook (XLSX; other formats are refused): read, then merged.
pub fn xlsx_import(data: &[u8]) {
    if let Ok(table) = crate::budget_import::read_workbook(data.to_vec()) {
        plan(&table);
    }
}

fn plan(table: &crate::budget_import::Table) {
    let existing = crate::budget::BudgetDoc {
        year_be: 2566,
        lines: Vec::new(),
        targets: Vec::new(),
    };
    let divisions = ["กลุ่มบริหารงานคลัง".to_owned()];
    if let Ok((doc, _)) = crate::budget_import::plan(table, None, &existing, &divisions) {
        // What a plan accepts passes the budget's own rules.
        crate::budget::validate(&doc).expect("a planned budget is valid");
    }
}

/// An emblem or evidence image file: sniffed and checked as when picked.
pub fn image(data: &[u8]) {
    let encoded = crate::doc::base64_encode(data);
    for mime in ["image/png", "image/jpeg", "image/svg+xml"] {
        if crate::doc::check_image(mime, &encoded, "image").is_ok() {
            // What the check accepts, the PDF can embed.
            crate::typeset::pdf::Image::decode(data).expect("a checked image decodes");
        }
    }
}

/// An amount as typed: accepted ones format and read back to themselves,
/// and have words.
pub fn amount(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(value) = crate::money::parse_amount(text) {
        let _ = crate::money::baht_text(value);
        if value.scale() <= crate::money::PLACES {
            for digits in [Digits::Thai, Digits::Arabic] {
                let shown = crate::money::format_amount(value, digits);
                assert_eq!(
                    crate::money::parse_amount(&shown).expect("a shown amount parses"),
                    value
                );
            }
        }
    }
}

/// A date typed with a BE year: accepted ones are in the BE range.
pub fn be_date(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(d) = crate::thai::parse_be_date(text) {
        let long = crate::thai::date_long(d, Digits::Arabic);
        assert_eq!(crate::thai::parse_be_date(&long).expect("a shown date parses"), d);
    }
}

/// Text through the line breaker and the shaper: break offsets are
/// increasing char boundaries, and the lines give back the text.
pub fn thai_lines(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let text: String = text.chars().take(2_000).collect();
    let breaks = crate::typeset::breaks::opportunities(&text);
    let mut last = 0;
    for b in &breaks {
        assert!(
            b.pos >= last && b.pos <= text.len() && text.is_char_boundary(b.pos),
            "break at {}",
            b.pos
        );
        last = b.pos;
    }
    let width = 20.0 + f32::from(data.first().copied().unwrap_or(0)) * 2.0;
    let p = crate::typeset::layout::Paragraph::new(text.clone(), crate::typeset::layout::Style::regular(16.0));
    let lines = crate::typeset::layout::layout(&p, width);
    let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(squash(&joined), squash(&text), "the lines lose or add text");
}
