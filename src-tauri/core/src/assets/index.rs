//! The register in memory for the app's table: filter by text as the user
//! types, by status, sort by any column, and hand out one page of rows.
//! Built once from the store (`Store::asset_index`) and rebuilt when the
//! register changes; a query over 100,000 assets takes a few milliseconds
//! (benches/assets.rs).

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::AssetStatus;
use crate::domain::Id;

/// One row of the register's table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssetRow {
    pub id: Id,
    pub number: String,
    pub name: String,
    pub category: String,
    pub location: String,
    pub division: String,
    pub status: AssetStatus,
    #[ts(type = "string")]
    pub price: Decimal,
    pub acquired_on: NaiveDate,
    /// Lent out (approved or handed over) right now.
    pub on_loan: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AssetSort {
    #[default]
    Number,
    Name,
    Category,
    Location,
    Status,
    Price,
    AcquiredOn,
}

/// What the table asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssetQuery {
    /// Words that must all appear (number, name, category, brand, model,
    /// serial, location, division); Thai digits match Arabic ones.
    pub text: String,
    pub status: Option<AssetStatus>,
    pub sort: AssetSort,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssetRows {
    /// Rows matching the filter, in all.
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<AssetRow>,
}

pub struct AssetIndex {
    rows: Vec<AssetRow>,
    /// Lower-cased searchable text of each row.
    haystack: Vec<String>,
}

/// The text an asset is found by, as the filter compares it: number, name,
/// category, location, division, brand, model and serial, lower-cased.
/// The app's table and the store's search text (`assets list --search`)
/// both use it, so they find the same assets.
pub fn haystack(a: &super::AssetDoc) -> String {
    let fields = [
        (&a.number, '\t'),
        (&a.name, '\t'),
        (&a.category, '\t'),
        (&a.location, '\t'),
        (&a.division, '\t'),
        (&a.brand, ' '),
        (&a.model, ' '),
        (&a.serial, '\n'),
    ];
    let mut out = String::with_capacity(fields.iter().map(|(f, _)| f.len() + 1).sum());
    for (field, after) in fields {
        lower_into(&mut out, field);
        if after != '\n' {
            out.push(after);
        }
    }
    out
}

/// `s` lower-cased onto `out` (`str::to_lowercase` but for the Greek final
/// sigma). Runs of ASCII that is not upper case and of Thai, which has no
/// case, are copied whole; only other characters are looked up in the case
/// tables. In UTF-8 Thai (U+0E00..U+0E7F) is E0 B8 xx and E0 B9 xx.
fn lower_into(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        let x = b[i];
        if x < 0x80 && !x.is_ascii_uppercase() {
            i += 1;
            continue;
        }
        if x == 0xE0 && matches!(b.get(i + 1), Some(0xB8 | 0xB9)) {
            i += 3;
            continue;
        }
        out.push_str(&s[run..i]);
        let c = s[i..].chars().next().expect("a char starts at i");
        out.extend(c.to_lowercase());
        i += c.len_utf8();
        run = i;
    }
    out.push_str(&s[run..]);
}

/// The words of a filter, every one of which an asset's [`haystack`] must
/// contain: split at white space, Thai digits read as Arabic, lower-cased.
pub struct Words(Vec<String>);

impl Words {
    pub fn new(text: &str) -> Words {
        let mut lower = String::with_capacity(text.len());
        lower_into(&mut lower, &crate::thai::to_storage(text));
        Words(lower.split_whitespace().map(str::to_owned).collect())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn matches(&self, haystack: &str) -> bool {
        self.0.iter().all(|w| haystack.contains(w.as_str()))
    }
}

impl AssetIndex {
    /// `rows` with the text each is found by ([`haystack`]).
    pub fn new(rows: Vec<(AssetRow, String)>) -> AssetIndex {
        let mut rows = rows;
        rows.sort_by(|a, b| a.0.number.cmp(&b.0.number));
        let haystack = rows.iter_mut().map(|(_, hay)| std::mem::take(hay)).collect();
        AssetIndex {
            rows: rows.into_iter().map(|(r, _)| r).collect(),
            haystack,
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The positions of the rows matching `text` and `status`, in number order.
    pub fn filter(&self, text: &str, status: Option<AssetStatus>) -> Vec<usize> {
        let words = Words::new(text);
        (0..self.rows.len())
            .filter(|&i| status.is_none_or(|s| self.rows[i].status == s))
            .filter(|&i| words.matches(&self.haystack[i]))
            .collect()
    }

    /// Every row kept by the filter (words, status), in number order: what
    /// the CLI lists, however many pages the app would show it in.
    pub fn all_matching(&self, text: &str, status: Option<AssetStatus>) -> Vec<AssetRow> {
        self.filter(text, status)
            .into_iter()
            .map(|i| self.rows[i].clone())
            .collect()
    }

    pub fn query(&self, q: &AssetQuery) -> AssetRows {
        let mut hits = self.filter(&q.text, q.status);
        let r = &self.rows;
        match q.sort {
            AssetSort::Number => {}
            AssetSort::Name => hits.sort_by(|&a, &b| r[a].name.cmp(&r[b].name)),
            AssetSort::Category => hits.sort_by(|&a, &b| r[a].category.cmp(&r[b].category)),
            AssetSort::Location => hits.sort_by(|&a, &b| r[a].location.cmp(&r[b].location)),
            AssetSort::Status => hits.sort_by_key(|&a| r[a].status.as_str()),
            AssetSort::Price => hits.sort_by_key(|&a| r[a].price),
            AssetSort::AcquiredOn => hits.sort_by_key(|&a| r[a].acquired_on),
        }
        if q.descending {
            hits.reverse();
        }
        let total = hits.len() as u32;
        let limit = q.limit.clamp(1, 1000) as usize;
        let rows = hits
            .into_iter()
            .skip(q.offset as usize)
            .take(limit)
            .map(|i| r[i].clone())
            .collect();
        AssetRows {
            total,
            offset: q.offset,
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, number: &str, name: &str, status: AssetStatus, price: &str) -> (AssetRow, String) {
        let doc = crate::assets::AssetDoc {
            number: number.into(),
            name: name.into(),
            category: "ครุภัณฑ์สำนักงาน".into(),
            brand: "HP".into(),
            model: "ProBook".into(),
            serial: "SN123".into(),
            acquired_on: NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(),
            method: String::new(),
            price: price.parse().unwrap(),
            budget_year: None,
            funding: String::new(),
            location: "ชั้น 3".into(),
            division: "กองคลัง".into(),
            status,
            useful_life: 5,
            note: String::new(),
        };
        (
            AssetRow {
                id,
                number: number.into(),
                name: name.into(),
                category: "ครุภัณฑ์สำนักงาน".into(),
                location: "ชั้น 3".into(),
                division: "กองคลัง".into(),
                status,
                price: price.parse().unwrap(),
                acquired_on: NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(),
                on_loan: false,
            },
            haystack(&doc),
        )
    }

    #[test]
    fn the_text_an_asset_is_found_by_is_every_field_lower_cased() {
        let (_, hay) = row(1, "7440-ABC/66", "Notebook ÉCRAN เครื่อง", AssetStatus::Usable, "1");
        assert_eq!(
            hay,
            "7440-abc/66\tnotebook écran เครื่อง\tครุภัณฑ์สำนักงาน\tชั้น 3\tกองคลัง\thp probook sn123"
        );
        let words = Words::new("ÉCRAN  ๗๔๔๐");
        assert!(words.matches(&hay));
        assert!(!Words::new("écran โต๊ะ").matches(&hay));
        assert!(Words::new(" ").is_empty());
    }

    /// `assets list --search` kept its filter on the first 1,000 rows only.
    #[test]
    fn every_match_is_listed_past_the_first_page() {
        let rows = (0..2500)
            .map(|i| {
                let name = if i % 2 == 0 {
                    "เก้าอี้"
                } else {
                    "โต๊ะ"
                };
                row(i, &format!("N-{i:05}"), name, AssetStatus::Usable, "1")
            })
            .collect();
        let idx = AssetIndex::new(rows);
        let chairs = idx.all_matching("เก้าอี้", None);
        assert_eq!(chairs.len(), 1250);
        assert!(chairs.iter().all(|r| r.name == "เก้าอี้"));
        assert_eq!(idx.all_matching("", None).len(), 2500);
    }

    #[test]
    fn filters_sorts_and_pages() {
        let idx = AssetIndex::new(vec![
            row(1, "B-2", "เก้าอี้", AssetStatus::Usable, "900"),
            row(2, "A-1", "โต๊ะทำงาน", AssetStatus::Damaged, "4500"),
            row(3, "C-3", "โต๊ะประชุม", AssetStatus::Usable, "12000"),
        ]);
        let q = |text: &str| AssetQuery {
            text: text.into(),
            limit: 10,
            ..Default::default()
        };
        let numbers = |p: AssetRows| p.rows.into_iter().map(|r| r.number).collect::<Vec<_>>();
        assert_eq!(numbers(idx.query(&q(""))), ["A-1", "B-2", "C-3"]);
        assert_eq!(numbers(idx.query(&q("โต๊ะ"))), ["A-1", "C-3"]);
        assert_eq!(numbers(idx.query(&q("โต๊ะ ประชุม"))), ["C-3"]);
        assert_eq!(numbers(idx.query(&q("probook ชั้น ๓"))).len(), 3, "brand, Thai digits");
        let damaged = AssetQuery {
            status: Some(AssetStatus::Damaged),
            ..q("")
        };
        assert_eq!(numbers(idx.query(&damaged)), ["A-1"]);
        let by_price = AssetQuery {
            sort: AssetSort::Price,
            descending: true,
            ..q("")
        };
        assert_eq!(numbers(idx.query(&by_price)), ["C-3", "A-1", "B-2"]);
        let page = idx.query(&AssetQuery {
            offset: 1,
            limit: 1,
            ..q("")
        });
        assert_eq!((page.total, numbers(page)), (3, vec!["B-2".to_owned()]));
    }

    proptest::proptest! {
        /// Copying runs finds what lower-casing each character did.
        #[test]
        fn lower_into_lowers_each_character(text in crate::text::mixed_text()) {
            let mut out = String::from("x");
            lower_into(&mut out, &text);
            let by_chars: String = text.chars().flat_map(char::to_lowercase).collect();
            proptest::prop_assert_eq!(out, format!("x{by_chars}"));
        }
    }
}
