//! Money: `rust_decimal::Decimal`, two places, never f64. Parsing what
//! people type or export (Thai digits, thousands separators, parentheses for
//! negatives) refuses anything ambiguous instead of guessing, and amounts in
//! Thai words follow Excel's BAHTTEXT.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{CoreError, Result};
use crate::refusal::{AmountProblem, Refusal};
use crate::thai;

/// Satang per baht: amounts carry two decimal places.
pub const PLACES: u32 = 2;

fn bad(input: &str, problem: AmountProblem) -> CoreError {
    Refusal::NotAnAmount {
        text: input.to_owned(),
        problem,
    }
    .into()
}

/// Parses an amount as people write it: `1234.5`, `1,234.50`, `๑,๒๓๔.๕๐`,
/// `(1,234.50)` or `-1234.50`, `฿1,000`, `1,000 บาท`. Refused: more than two
/// decimal places, separators not in groups of three (`1,23`), a decimal
/// comma (`1.234,56`), spaces inside the number, anything else.
pub fn parse_amount(input: &str) -> Result<Decimal> {
    match plain_amount(input.trim()) {
        Some(plain) => Ok(plain),
        None => parse_written(input),
    }
}

/// [`parse_amount`] the long way, for every form.
fn parse_written(input: &str) -> Result<Decimal> {
    let original = input;
    let mut s = thai::to_storage(input.trim()).replace('\u{a0}', " ");
    if s.is_empty() {
        return Err(bad(original, AmountProblem::Empty));
    }
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') {
        negative = true;
        s = s[1..s.len() - 1].trim().to_owned();
    }
    for sign in ['-', '\u{2212}'] {
        if let Some(rest) = s.strip_prefix(sign) {
            if negative {
                return Err(bad(original, AmountProblem::TwoMinusSigns));
            }
            negative = true;
            s = rest.trim_start().to_owned();
        }
    }
    if let Some(rest) = s.strip_prefix('฿') {
        s = rest.trim_start().to_owned();
    }
    if let Some(rest) = s.strip_suffix("บาท") {
        s = rest.trim_end().to_owned();
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    if int.is_empty() || !int.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return Err(bad(original, AmountProblem::Characters));
    }
    if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return Err(bad(original, AmountProblem::Grouping));
        }
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad(original, AmountProblem::Decimals));
        }
        if f.len() > PLACES as usize {
            return Err(bad(original, AmountProblem::TooManyDecimals));
        }
    }
    let plain = format!(
        "{}{}",
        int.replace(',', ""),
        frac.map(|f| format!(".{f}")).unwrap_or_default()
    );
    let value: Decimal = plain.parse().map_err(|_| bad(original, AmountProblem::TooLarge))?;
    Ok(if negative { -value } else { value })
}

/// An amount written in ASCII digits alone, grouped by commas in threes or
/// not at all, with at most [`PLACES`] decimals (`25,900.00`, `1500`): what
/// [`parse_amount`] makes of it, without its copies. A register's every
/// row has one. `None` for anything else, which takes the long way.
fn plain_amount(s: &str) -> Option<Decimal> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let frac = match frac {
        Some(f) if (1..=PLACES as usize).contains(&f.len()) => f,
        Some(_) => return None,
        None => "",
    };
    // At most 18 digits, counted before any is read: they cannot
    // overflow an i64 (nor a Decimal's 28).
    if int.len() - int.matches(',').count() + frac.len() > 18 {
        return None;
    }
    let mut mantissa: i64 = 0;
    let mut read = |digits: &str| {
        let plain = digits.bytes().all(|b| b.is_ascii_digit());
        if plain {
            digits
                .bytes()
                .for_each(|d| mantissa = mantissa * 10 + i64::from(d - b'0'));
        }
        plain
    };
    let grouped = int.contains(',');
    for (i, group) in int.split(',').enumerate() {
        let fits = match (grouped, i) {
            (false, _) => !group.is_empty(),
            (true, 0) => (1..=3).contains(&group.len()),
            (true, _) => group.len() == 3,
        };
        if !fits || !read(group) {
            return None;
        }
    }
    if !read(frac) {
        return None;
    }
    Some(Decimal::new(mantissa, frac.len() as u32))
}

/// An amount as documents print it: thousands commas, two decimals, the
/// chosen digits ("1,234,567.89" or "๑,๒๓๔,๕๖๗.๘๙").
pub fn format_amount(amount: Decimal, digits: crate::domain::Digits) -> String {
    let a = amount.round_dp_with_strategy(PLACES, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.2}", a.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if a.is_sign_negative() && !a.is_zero() { "-" } else { "" };
    thai::to_display(&format!("{sign}{grouped}.{frac}"), digits)
}

const DIGITS: [&str; 10] = ["ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"];
const PLACES_TH: [&str; 6] = ["", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"];

/// A number below one million in words; `""` for 0. A final 1 after any
/// higher non-zero digit of the whole number is เอ็ด (101 หนึ่งร้อยเอ็ด,
/// 1,000,001 หนึ่งล้านเอ็ด: `higher` says a higher group is not zero), 2 in
/// the tens is ยี่ (ยี่สิบ), 1 in the tens is just สิบ.
fn below_million(n: u64, higher: bool) -> String {
    let digits: Vec<u64> = (0..6).map(|p| n / 10u64.pow(p) % 10).collect();
    let mut out = String::new();
    for place in (0..6).rev() {
        let d = digits[place] as usize;
        if d == 0 {
            continue;
        }
        match (place, d) {
            (1, 1) => {}
            (1, 2) => out.push_str("ยี่"),
            (0, 1) if n > 1 || higher => {
                out.push_str("เอ็ด");
                continue;
            }
            _ => out.push_str(DIGITS[d]),
        }
        out.push_str(PLACES_TH[place]);
    }
    out
}

/// A whole number in words, ล้าน repeating for each six digits.
fn whole(n: u128) -> String {
    if n < 1_000_000 {
        return below_million(n as u64, false);
    }
    let (high, low) = (n / 1_000_000, (n % 1_000_000) as u64);
    format!("{}ล้าน{}", whole(high), below_million(low, true))
}

/// The amount in Thai words as Excel's BAHTTEXT writes it, rounded to the
/// satang (half away from zero): 101 → หนึ่งร้อยเอ็ดบาทถ้วน, 0.50 →
/// ห้าสิบสตางค์, -5 → ลบห้าบาทถ้วน.
pub fn baht_text(amount: Decimal) -> String {
    let a = amount.round_dp_with_strategy(PLACES, RoundingStrategy::MidpointAwayFromZero);
    let sign = if a.is_sign_negative() && !a.is_zero() {
        "ลบ"
    } else {
        ""
    };
    let a = a.abs();
    let baht = a.trunc();
    let satang = ((a - baht) * Decimal::ONE_HUNDRED).trunc();
    let baht: u128 = baht.try_into().unwrap_or(0);
    let satang: u128 = satang.try_into().unwrap_or(0);
    let words = match (baht, satang) {
        (0, 0) => "ศูนย์บาทถ้วน".to_owned(),
        (0, s) => format!("{}สตางค์", whole(s)),
        (b, 0) => format!("{}บาทถ้วน", whole(b)),
        (b, s) => format!("{}บาท{}สตางค์", whole(b), whole(s)),
    };
    format!("{sign}{words}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// Excel's BAHTTEXT on the same amounts.
    const BAHTTEXT: &[(&str, &str)] = &[
        ("0", "ศูนย์บาทถ้วน"),
        ("0.00", "ศูนย์บาทถ้วน"),
        ("1", "หนึ่งบาทถ้วน"),
        ("2", "สองบาทถ้วน"),
        ("9", "เก้าบาทถ้วน"),
        ("10", "สิบบาทถ้วน"),
        ("11", "สิบเอ็ดบาทถ้วน"),
        ("12", "สิบสองบาทถ้วน"),
        ("19", "สิบเก้าบาทถ้วน"),
        ("20", "ยี่สิบบาทถ้วน"),
        ("21", "ยี่สิบเอ็ดบาทถ้วน"),
        ("22", "ยี่สิบสองบาทถ้วน"),
        ("30", "สามสิบบาทถ้วน"),
        ("31", "สามสิบเอ็ดบาทถ้วน"),
        ("99", "เก้าสิบเก้าบาทถ้วน"),
        ("100", "หนึ่งร้อยบาทถ้วน"),
        ("101", "หนึ่งร้อยเอ็ดบาทถ้วน"),
        ("110", "หนึ่งร้อยสิบบาทถ้วน"),
        ("111", "หนึ่งร้อยสิบเอ็ดบาทถ้วน"),
        ("120", "หนึ่งร้อยยี่สิบบาทถ้วน"),
        ("121", "หนึ่งร้อยยี่สิบเอ็ดบาทถ้วน"),
        ("200", "สองร้อยบาทถ้วน"),
        ("999", "เก้าร้อยเก้าสิบเก้าบาทถ้วน"),
        ("1000", "หนึ่งพันบาทถ้วน"),
        ("1001", "หนึ่งพันเอ็ดบาทถ้วน"),
        ("1010", "หนึ่งพันสิบบาทถ้วน"),
        ("1200", "หนึ่งพันสองร้อยบาทถ้วน"),
        ("1234", "หนึ่งพันสองร้อยสามสิบสี่บาทถ้วน"),
        ("10000", "หนึ่งหมื่นบาทถ้วน"),
        ("10001", "หนึ่งหมื่นเอ็ดบาทถ้วน"),
        ("12345", "หนึ่งหมื่นสองพันสามร้อยสี่สิบห้าบาทถ้วน"),
        ("100000", "หนึ่งแสนบาทถ้วน"),
        ("100001", "หนึ่งแสนเอ็ดบาทถ้วน"),
        ("999999", "เก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าบาทถ้วน"),
        ("1000000", "หนึ่งล้านบาทถ้วน"),
        ("1000001", "หนึ่งล้านเอ็ดบาทถ้วน"),
        ("2000001", "สองล้านเอ็ดบาทถ้วน"),
        ("101000001", "หนึ่งร้อยเอ็ดล้านเอ็ดบาทถ้วน"),
        ("1000001000000", "หนึ่งล้านเอ็ดล้านบาทถ้วน"),
        ("1000000.01", "หนึ่งล้านบาทหนึ่งสตางค์"),
        ("1000011", "หนึ่งล้านสิบเอ็ดบาทถ้วน"),
        ("1100000", "หนึ่งล้านหนึ่งแสนบาทถ้วน"),
        ("2000000", "สองล้านบาทถ้วน"),
        ("10000000", "สิบล้านบาทถ้วน"),
        ("11000000", "สิบเอ็ดล้านบาทถ้วน"),
        ("21000000", "ยี่สิบเอ็ดล้านบาทถ้วน"),
        ("101000000", "หนึ่งร้อยเอ็ดล้านบาทถ้วน"),
        ("123456789", "หนึ่งร้อยยี่สิบสามล้านสี่แสนห้าหมื่นหกพันเจ็ดร้อยแปดสิบเก้าบาทถ้วน"),
        ("1000000000", "หนึ่งพันล้านบาทถ้วน"),
        ("1000000000000", "หนึ่งล้านล้านบาทถ้วน"),
        ("1500000000000", "หนึ่งล้านห้าแสนล้านบาทถ้วน"),
        ("21000000000000", "ยี่สิบเอ็ดล้านล้านบาทถ้วน"),
        ("1000000000000000000", "หนึ่งล้านล้านล้านบาทถ้วน"),
        ("0.01", "หนึ่งสตางค์"),
        ("0.10", "สิบสตางค์"),
        ("0.11", "สิบเอ็ดสตางค์"),
        ("0.21", "ยี่สิบเอ็ดสตางค์"),
        ("0.50", "ห้าสิบสตางค์"),
        ("0.99", "เก้าสิบเก้าสตางค์"),
        ("1.01", "หนึ่งบาทหนึ่งสตางค์"),
        ("1.50", "หนึ่งบาทห้าสิบสตางค์"),
        ("121.21", "หนึ่งร้อยยี่สิบเอ็ดบาทยี่สิบเอ็ดสตางค์"),
        ("1234.56", "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบหกสตางค์"),
        ("2500.75", "สองพันห้าร้อยบาทเจ็ดสิบห้าสตางค์"),
        ("0.125", "สิบสามสตางค์"),
        ("0.994", "เก้าสิบเก้าสตางค์"),
        ("0.995", "หนึ่งบาทถ้วน"),
        ("-5", "ลบห้าบาทถ้วน"),
        ("-0.50", "ลบห้าสิบสตางค์"),
        ("-121.21", "ลบหนึ่งร้อยยี่สิบเอ็ดบาทยี่สิบเอ็ดสตางค์"),
        ("-0.001", "ศูนย์บาทถ้วน"),
    ];

    #[test]
    fn baht_text_matches_the_table() {
        assert!(BAHTTEXT.len() >= 50);
        for (amount, words) in BAHTTEXT {
            assert_eq!(baht_text(d(amount)), *words, "{amount}");
        }
    }

    #[test]
    fn amounts_print_with_separators() {
        use crate::domain::Digits;
        assert_eq!(format_amount(d("1234567.891"), Digits::Arabic), "1,234,567.89");
        assert_eq!(format_amount(d("-0.5"), Digits::Arabic), "-0.50");
        assert_eq!(format_amount(d("100"), Digits::Thai), "๑๐๐.๐๐");
        assert_eq!(format_amount(d("999999.995"), Digits::Arabic), "1,000,000.00");
        assert_eq!(format_amount(Decimal::ZERO, Digits::Arabic), "0.00");
    }

    #[test]
    fn amounts_parse_as_written() {
        let ok = [
            ("1234.5", "1234.5"),
            ("1,234.50", "1234.50"),
            ("๑,๒๓๔.๕๐", "1234.50"),
            ("(1,234.50)", "-1234.50"),
            ("-1234.50", "-1234.50"),
            ("−7", "-7"),
            ("฿1,000", "1000"),
            ("1,000 บาท", "1000"),
            ("  42 ", "42"),
            ("0.01", "0.01"),
            ("123,456,789.12", "123456789.12"),
        ];
        for (input, value) in ok {
            assert_eq!(parse_amount(input).unwrap(), d(value), "{input}");
        }
    }

    #[test]
    fn ambiguous_or_broken_amounts_are_refused() {
        for input in [
            "",
            " ",
            "1,23",
            "1.234,56",
            "12.345",
            "1 234",
            "12a",
            "--5",
            "(-5)",
            "1..2",
            "1.",
            ".5",
            "1,2345",
            "๑๒,๓",
            "1e5",
            "NaN",
            "١٢٣",
        ] {
            let err = parse_amount(input).unwrap_err();
            assert_eq!(err.code(), crate::ErrorCode::InvalidInput, "{input}: {err}");
        }
    }

    proptest::proptest! {
        /// The short way reads what the long way reads, to the scale, and
        /// leaves it every text it would refuse.
        #[test]
        fn a_plain_amount_is_read_as_the_long_way_reads_it(text in "[0-9]{0,7}(,?[0-9]{0,4}){0,6}(\\.[0-9]{0,3})?|[0-9]{17,24}") {
            if let Some(short) = plain_amount(&text) {
                let long = parse_written(&text).expect("the long way reads it");
                proptest::prop_assert_eq!(short, long);
                proptest::prop_assert_eq!(short.scale(), long.scale());
            }
        }
    }

    #[test]
    fn plain_amounts_take_the_short_way() {
        for (text, mantissa, scale) in [
            ("25,900.00", 2_590_000, 2),
            ("1500", 1500, 0),
            ("007.5", 75, 1),
            ("9999999999999999.99", 999_999_999_999_999_999, 2),
        ] {
            assert_eq!(plain_amount(text), Some(Decimal::new(mantissa, scale)), "{text}");
        }
        for text in [
            "",
            "1,23",
            "12,345,67",
            ",123",
            "1.234",
            "1.",
            ".5",
            "-1",
            "1 000",
            "1234567890123456789",
            "9999999999999999999",
            "99999999999999999999",
            "999,999,999,999,999,999,999",
        ] {
            assert_eq!(plain_amount(text), None, "{text}");
        }
    }
}
