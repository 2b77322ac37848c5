//! An existing register from CSV or XLSX: the app's own column names (Thai
//! or English) need no mapping; other layouts map their headers to fields.
//! Every row is checked and every problem reported with its row; nothing
//! is written unless all rows are good (`Change::ImportAssets`).

use std::collections::{BTreeMap, HashMap, HashSet};

use foldhash::{HashMap as FastMap, HashSet as FastSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{AssetDoc, AssetStatus};
use crate::budget_import::{RowError, Table};
use crate::error::Result;
use crate::refusal::{AmountProblem, Refusal};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Number,
    Name,
    Category,
    Brand,
    Model,
    Serial,
    AcquiredOn,
    Method,
    Price,
    BudgetYear,
    Funding,
    Location,
    Division,
    Status,
    UsefulLife,
    Note,
}

/// The app's own column names: (field, English, Thai). Listed in the README.
pub const FIELDS: &[(Field, &str, &str)] = &[
    (Field::Number, "number", "เลขครุภัณฑ์"),
    (Field::Name, "name", "ชื่อครุภัณฑ์"),
    (Field::Category, "category", "ประเภท"),
    (Field::Brand, "brand", "ยี่ห้อ"),
    (Field::Model, "model", "รุ่น"),
    (Field::Serial, "serial", "หมายเลขเครื่อง"),
    (Field::AcquiredOn, "acquired_on", "วันที่ได้มา"),
    (Field::Method, "method", "วิธีการได้มา"),
    (Field::Price, "price", "ราคา"),
    (Field::BudgetYear, "budget_year", "ปีงบประมาณ"),
    (Field::Funding, "funding", "แหล่งเงิน"),
    (Field::Location, "location", "สถานที่ตั้ง"),
    (Field::Division, "division", "หน่วยงานผู้ดูแล"),
    (Field::Status, "status", "สถานะ"),
    (Field::UsefulLife, "useful_life", "อายุการใช้งาน"),
    (Field::Note, "note", "หมายเหตุ"),
];

/// Columns the register export adds that Prongsai works out, never
/// imports (depreciation as of a date): left out of an import by name.
pub const DERIVED: [&str; 2] = ["ค่าเสื่อมราคาสะสม", "มูลค่าสุทธิ"];

/// What an import of a register would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssetImportPreview {
    pub rows: usize,
    pub added: usize,
    pub errors: Vec<RowError>,
}

/// A register file chosen in the app, checked but not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssetImportCheck {
    pub file_name: String,
    pub headers: Vec<String>,
    pub mapping: Option<BTreeMap<String, String>>,
    /// Why the file cannot be read as it is (a required column missing):
    /// the user then maps the columns.
    pub problem: Option<String>,
    pub preview: Option<AssetImportPreview>,
    /// The field names a mapping may use.
    pub fields: Vec<String>,
    /// How the file was read (see [`crate::table::Table::notes`]).
    pub notes: Vec<String>,
    /// The sheet read, and the workbook's visible sheets to pick from.
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
}

/// The field names a mapping may use.
pub fn field_names() -> Vec<String> {
    FIELDS.iter().map(|(_, en, _)| (*en).to_owned()).collect()
}

/// A date as a register holds it: ISO with a Gregorian year (a spreadsheet
/// date cell), or typed with a Buddhist Era year (5/4/2566, 2566-04-05).
pub fn parse_register_date(text: &str) -> Result<NaiveDate> {
    let t = crate::thai::to_storage(text.trim());
    // Without a hyphen it is not ISO: chrono is not asked (a register's
    // every row has a date, most of them written 5/4/2566).
    if t.contains('-')
        && let Ok(d) = NaiveDate::parse_from_str(&t, "%Y-%m-%d")
    {
        use chrono::Datelike;
        if (1900..=2300).contains(&d.year()) {
            return Ok(d);
        }
    }
    crate::thai::parse_be_date(&t)
}

/// Which column holds each field: `mapping`, or the headers as the app
/// writes them. The export's worked-out columns are left out unless mapped.
fn columns_of(table: &Table, mapping: Option<&BTreeMap<String, String>>) -> Result<HashMap<Field, usize>> {
    let mut effective = mapping.cloned().unwrap_or_default();
    for h in &table.headers {
        if DERIVED.iter().any(|d| h.trim().starts_with(d)) {
            effective
                .entry(h.trim().to_owned())
                .or_insert_with(|| crate::budget_import::IGNORE.to_owned());
        }
    }
    crate::budget_import::columns(
        &table.headers,
        (mapping.is_some() || !effective.is_empty()).then_some(&effective),
        FIELDS,
        &[
            Field::Number,
            Field::Name,
            Field::Category,
            Field::AcquiredOn,
            Field::Price,
        ],
    )
}

/// The asset numbers `table` holds, in the form [`read_assets`] compares
/// them in: what to look up in the register before reading it.
pub fn numbers_of(table: &Table, mapping: Option<&BTreeMap<String, String>>) -> Result<Vec<String>> {
    let Some(&column) = columns_of(table, mapping)?.get(&Field::Number) else {
        return Ok(Vec::new());
    };
    Ok(table
        .rows
        .iter()
        .filter_map(|row| row.get(column))
        .map(|cell| number_key(cell))
        .filter(|n| !n.is_empty())
        .collect())
}

/// An asset number's cell in the form numbers are compared and stored in:
/// look-alikes (a trailing zero-width space, a non-breaking hyphen, Thai
/// digits) are the same number.
fn number_key(cell: &str) -> String {
    crate::keys::normalize_key(&crate::thai::to_storage(cell.trim()))
}

/// Reads every row of `table` into assets, the cells' text becoming the
/// assets' (a large register is not held twice). `categories` are the known
/// categories with their useful lives; `registered` the numbers already in
/// the register (those of [`numbers_of`] it holds are enough). Returns the
/// assets and every row's problems, in the file's order.
pub fn read_assets(
    table: Table,
    mapping: Option<&BTreeMap<String, String>>,
    categories: &[(String, u32)],
    registered: &HashSet<String>,
) -> Result<(Vec<AssetDoc>, Vec<RowError>)> {
    let mut assets = Vec::with_capacity(table.rows.len());
    let errors = read_assets_into(table, mapping, categories, registered, true, &mut |rows, _| {
        assets.extend(rows);
    })?;
    Ok((assets, errors))
}

/// Rows that [`read_assets_into`] hands on at a time while it reads.
pub const READ_CHUNK: usize = 2_000;

/// [`read_assets`], handing the good rows to `sink` in the file's order as
/// they are read, at most [`READ_CHUNK`] at a time, with whether every row
/// before them was good: an import inserts them while the rest is read,
/// and stops at the first refused. Returns every row's problems. With
/// `split`, past 2,000 rows, each half is read on a thread of its own once
/// the numbers are checked: the first half is handed on as it is read, the
/// second once both are read. A check splits, to have every row soonest;
/// an import does not: SQLite takes the rows slower than one thread reads
/// them, and a second reader took from SQLite's thread the core it needs.
/// `sink` is only called on the calling thread.
pub fn read_assets_into(
    mut table: Table,
    mapping: Option<&BTreeMap<String, String>>,
    categories: &[(String, u32)],
    registered: &HashSet<String>,
    split: bool,
    sink: &mut dyn FnMut(Vec<AssetDoc>, bool),
) -> Result<Vec<RowError>> {
    let columns = columns_of(&table, mapping)?;
    // foldhash, not SipHash: these sets and maps take every row's number and
    // category, from a file the user chose (no one to flood them).
    let registered: FastSet<String> = registered.iter().map(|r| crate::keys::normalize_key(r)).collect();
    let categories: Vec<(String, u32)> = categories
        .iter()
        .map(|(c, life)| (crate::keys::normalize_key(c), *life))
        .collect();
    let mut rows = std::mem::take(&mut table.rows);
    let mut by_field = [None; FIELDS.len()];
    for (&f, &c) in &columns {
        by_field[f as usize] = Some(c);
    }
    let reader = Reader {
        columns: by_field,
        categories: &categories,
        table: &table,
    };
    // The numbers first, in order: a row whose number is empty, registered
    // or on an earlier row is refused for it alone, and its other cells
    // are not read. Each number is left in its cell in the form compared.
    let mut errors = Vec::new();
    let mut skip = vec![false; rows.len()];
    let mut seen: FastMap<String, usize> = FastMap::default();
    for (i, row) in rows.iter_mut().enumerate() {
        let n = table.line(i); // as the spreadsheet numbers it
        if row.iter().all(|c| c.trim().is_empty()) {
            skip[i] = true;
            continue;
        }
        let column = reader.cell(row.len(), Field::Number);
        let number = column.map_or_else(String::new, |c| number_key(&row[c]));
        let refused = if number.is_empty() {
            Some(Refusal::empty("asset number"))
        } else if registered.contains(&number) {
            Some(Refusal::AssetExists { number })
        } else if let Some(first) = seen.insert(number.clone(), n) {
            Some(Refusal::AlsoOnRow { number, first })
        } else {
            if let Some(c) = column {
                row[c] = number;
            }
            None
        };
        if let Some(r) = refused {
            errors.push(reader.error(n, Some(Field::Number), r.into()));
            skip[i] = true;
        }
    }
    drop(seen);
    // The rest of each row is read on two threads, each half in order.
    let mid = if split && rows.len() >= PARALLEL_ROWS {
        rows.len() / 2
    } else {
        rows.len()
    };
    let (first, second) = rows.split_at_mut(mid);
    let numbers_good = errors.is_empty();
    let (mut first_errors, (more, mut second_errors)) = if second.is_empty() {
        (
            reader.read(first, 0, &skip, numbers_good, sink),
            (Vec::new(), Vec::new()),
        )
    } else {
        std::thread::scope(|s| {
            let later = s.spawn(|| {
                let mut more = Vec::new();
                let errors = reader.read(second, mid, &skip[mid..], false, &mut |rows, _| more.push(rows));
                (more, errors)
            });
            let sooner = reader.read(first, 0, &skip[..mid], numbers_good, sink);
            (sooner, later.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
        })
    };
    let good = numbers_good && first_errors.is_empty() && second_errors.is_empty();
    for rows in more {
        sink(rows, good);
    }
    errors.append(&mut first_errors);
    errors.append(&mut second_errors);
    // Each row has at most one error: by row, they are in the file's order.
    errors.sort_by_key(|e| e.row);
    Ok(errors)
}

/// Rows from which [`read_assets`] reads on two threads.
const PARALLEL_ROWS: usize = 2_000;

/// What reading a row needs of its table.
struct Reader<'a> {
    /// The column of each field, by the field's place in [`Field`]: looked
    /// up for every cell, so not hashed.
    columns: [Option<usize>; FIELDS.len()],
    categories: &'a [(String, u32)],
    table: &'a Table,
}

impl Reader<'_> {
    /// The column of `f`, if the table has one. Kept at `f`'s place in
    /// [`Field`], where [`FIELDS`] lists it (a test holds the order).
    fn column(&self, f: Field) -> Option<usize> {
        self.columns.get(f as usize).copied().flatten()
    }

    /// The column of `f` in a row `width` cells wide, if the row reaches it.
    fn cell(&self, width: usize, f: Field) -> Option<usize> {
        self.column(f).filter(|&c| c < width)
    }

    fn error(&self, line: usize, f: Option<Field>, e: crate::error::CoreError) -> RowError {
        RowError::of(
            line,
            f.map(|f| self.table.headers[self.column(f).expect("a field at fault has a column")].clone()),
            e,
        )
    }

    /// Reads `rows` (the table's from `offset`), but those to `skip`, into
    /// assets handed to `sink` in order, [`READ_CHUNK`] at a time, with
    /// whether every row before them was good (`good`: every row before
    /// `rows` was); returns their problems.
    fn read(
        &self,
        rows: &mut [Vec<String>],
        offset: usize,
        skip: &[bool],
        good: bool,
        sink: &mut dyn FnMut(Vec<AssetDoc>, bool),
    ) -> Vec<RowError> {
        let mut assets = Vec::with_capacity(READ_CHUNK.min(rows.len()));
        let mut errors = Vec::new();
        // Categories repeat: each text in the column is normalised once.
        let mut category_keys: FastMap<String, String> = FastMap::default();
        for (i, row) in rows.iter_mut().enumerate() {
            if skip[i] {
                continue;
            }
            let n = self.table.line(offset + i);
            // The row's memory goes when it is read, as the asset is made.
            let mut row = std::mem::take(row);
            let width = row.len();
            let cell = |f: Field| self.cell(width, f);
            // Left in its cell, in the form compared, by `read_assets`.
            let number = cell(Field::Number).map_or_else(String::new, |c| std::mem::take(&mut row[c]));
            let get = |f: Field| cell(f).map_or("", |c| row[c].trim());
            let mut fail = |f: Option<Field>, e: crate::error::CoreError| errors.push(self.error(n, f, e));
            let categories = self.categories;
            if get(Field::Name).is_empty() {
                fail(Some(Field::Name), Refusal::empty("name").into());
                continue;
            }
            let cell_text = get(Field::Category);
            let category = match category_keys.get(cell_text) {
                Some(key) => key.clone(),
                None => {
                    let key = crate::keys::normalize_key(cell_text);
                    category_keys.insert(cell_text.to_owned(), key.clone());
                    key
                }
            };
            let Some((_, default_life)) = categories.iter().find(|(c, _)| *c == category) else {
                fail(Some(Field::Category), Refusal::UnknownCategory { category }.into());
                continue;
            };
            // Held to the write path's rule here: 2290-01-01 or 1/10/2800
            // read as dates, and were then refused by row index, not by
            // the file's row.
            let acquired_on = match parse_register_date(get(Field::AcquiredOn)).and_then(super::check_acquired_on) {
                Ok(d) => d,
                Err(e) => {
                    fail(Some(Field::AcquiredOn), e);
                    continue;
                }
            };
            let price = match crate::money::parse_amount(get(Field::Price)) {
                Ok(p) if p.is_sign_negative() => {
                    fail(Some(Field::Price), Refusal::Negative { text: p.to_string() }.into());
                    continue;
                }
                Ok(p) if p.scale() > crate::money::PLACES => {
                    fail(
                        Some(Field::Price),
                        Refusal::NotAnAmount {
                            text: p.to_string(),
                            problem: AmountProblem::TooManyDecimals,
                        }
                        .into(),
                    );
                    continue;
                }
                Ok(p) => p,
                Err(e) => {
                    fail(Some(Field::Price), e);
                    continue;
                }
            };
            let budget_year = match get(Field::BudgetYear) {
                "" => None,
                y => match crate::thai::to_storage(y).parse::<i32>().map_err(|_| ()).and_then(|y| {
                    crate::thai::check_year_be(y).map_err(|_| ())?;
                    Ok(y)
                }) {
                    Ok(y) => Some(y),
                    Err(()) => {
                        let hint = crate::thai::to_storage(y)
                            .parse::<i32>()
                            .ok()
                            .and_then(|y| crate::thai::check_year_be(y).err())
                            .unwrap_or_else(|| Refusal::NotAFiscalYear { text: y.to_owned() }.into());
                        fail(Some(Field::BudgetYear), hint);
                        continue;
                    }
                },
            };
            let status = match get(Field::Status) {
                "" => AssetStatus::Usable,
                s => match AssetStatus::parse(s) {
                    Some(st) => st,
                    None => {
                        fail(
                            Some(Field::Status),
                            Refusal::UnknownStatus { text: s.to_owned() }.into(),
                        );
                        continue;
                    }
                },
            };
            let useful_life = match get(Field::UsefulLife) {
                "" => *default_life,
                l => match crate::thai::to_storage(l).trim_end_matches(" ปี").parse::<u32>() {
                    Ok(y) if (1..=100).contains(&y) => y,
                    _ => {
                        fail(Some(Field::UsefulLife), Refusal::NotYears { text: l.to_owned() }.into());
                        continue;
                    }
                },
            };
            // The cells' text becomes the asset's, each cell once (cleaning
            // trims it, copying only then).
            let mut take = |f: Field| cell(f).map_or_else(String::new, |c| std::mem::take(&mut row[c]));
            let mut line = |f: Field| crate::text::clean_owned_line("field", take(f), false);
            let texts = (
                line(Field::Brand),
                line(Field::Model),
                line(Field::Serial),
                line(Field::Method),
                line(Field::Funding),
                line(Field::Location),
                line(Field::Division),
                crate::text::clean_owned("note", take(Field::Note), false),
                crate::text::clean_owned_line("name", take(Field::Name), true),
            );
            let (
                Ok(brand),
                Ok(model),
                Ok(serial),
                Ok(method),
                Ok(funding),
                Ok(location),
                Ok(division),
                Ok(note),
                Ok(name),
            ) = texts
            else {
                fail(None, Refusal::TextFieldNotOneLine.into());
                continue;
            };
            assets.push(AssetDoc {
                number,
                name,
                category,
                brand,
                model,
                serial,
                acquired_on,
                method,
                price,
                budget_year,
                funding,
                location,
                division,
                status,
                useful_life,
                note,
            });
            if assets.len() == READ_CHUNK {
                let full = std::mem::replace(&mut assets, Vec::with_capacity(READ_CHUNK));
                sink(full, good && errors.is_empty());
            }
        }
        if !assets.is_empty() {
            sink(assets, good && errors.is_empty());
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(csv: &str) -> Table {
        crate::budget_import::read_csv(csv.as_bytes()).unwrap()
    }

    fn cats() -> Vec<(String, u32)> {
        vec![("ครุภัณฑ์คอมพิวเตอร์".into(), 3), ("ครุภัณฑ์สำนักงาน".into(), 10)]
    }

    #[test]
    fn thai_headers_need_no_mapping() {
        let t = table(
            "เลขครุภัณฑ์,ชื่อครุภัณฑ์,ประเภท,วันที่ได้มา,ราคา,ปีงบประมาณ,สถานะ\n\
             7440-001-0001/66,เครื่องคอมพิวเตอร์,ครุภัณฑ์คอมพิวเตอร์,5/4/2566,\"25,900.00\",2566,ใช้งานได้\n\
             7110-001-0001/60,โต๊ะทำงาน,ครุภัณฑ์สำนักงาน,2017-03-01,\"๔,๕๐๐\",,ชำรุด\n",
        );
        let (a, e) = read_assets(t, None, &cats(), &HashSet::new()).unwrap();
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].acquired_on, NaiveDate::from_ymd_opt(2023, 4, 5).unwrap());
        assert_eq!(a[0].useful_life, 3);
        assert_eq!(a[1].useful_life, 10);
        assert_eq!(a[1].status, AssetStatus::Damaged);
        assert_eq!(a[1].price, "4500".parse().unwrap());
    }

    #[test]
    fn the_cells_text_becomes_the_assets_trimmed_and_cleaned() {
        let t = table(
            "เลขครุภัณฑ์,ชื่อครุภัณฑ์,ประเภท,ยี่ห้อ,วันที่ได้มา,ราคา,หมายเหตุ,สถานที่ตั้ง\n\
             \u{200B}7440-001-0001/66 , โน้ตบุ๊ก ,\u{00A0}ครุภัณฑ์คอมพิวเตอร์,Lenovo,5/4/2566,900,\" ซื้อ ๒ เครื่อง\r\nส่งซ่อม \",ห้อง ๑\n\
             7440-001-0002/66,จอภาพ,ครุภัณฑ์คอมพิวเตอร์,  ,5/4/2566,900,,\n",
        );
        let (a, e) = read_assets(t, None, &cats(), &HashSet::new()).unwrap();
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(a[0].number, "7440-001-0001/66");
        assert_eq!(a[0].name, "โน้ตบุ๊ก");
        assert_eq!(a[0].category, "ครุภัณฑ์คอมพิวเตอร์");
        assert_eq!(a[0].brand, "Lenovo");
        assert_eq!(a[0].note, "ซื้อ 2 เครื่อง\nส่งซ่อม");
        assert_eq!(a[0].location, "ห้อง 1");
        assert_eq!(
            (a[1].brand.as_str(), a[1].note.as_str(), a[1].model.as_str()),
            ("", "", "")
        );
    }

    #[test]
    fn every_bad_row_is_reported_with_its_reason() {
        let t = table(
            "number,name,category,acquired_on,price,budget_year\n\
             A-1,ok,ครุภัณฑ์สำนักงาน,2023-01-02,100,2566\n\
             A-1,again,ครุภัณฑ์สำนักงาน,2023-01-02,100,\n\
             A-2,x,ครุภัณฑ์ยาน,2023-01-02,100,\n\
             A-3,x,ครุภัณฑ์สำนักงาน,31/2/2566,100,\n\
             A-4,x,ครุภัณฑ์สำนักงาน,5/4/2023,100,\n\
             A-5,x,ครุภัณฑ์สำนักงาน,2023-01-02,หนึ่งร้อย,\n\
             A-6,x,ครุภัณฑ์สำนักงาน,2023-01-02,100,2023\n\
             OLD-1,x,ครุภัณฑ์สำนักงาน,2023-01-02,100,\n",
        );
        let registered: HashSet<String> = ["OLD-1".to_owned()].into();
        let (a, e) = read_assets(t, None, &cats(), &registered).unwrap();
        assert_eq!(a.len(), 1);
        let rows: Vec<(usize, &str)> = e.iter().map(|e| (e.row, e.column.as_deref().unwrap_or(""))).collect();
        assert_eq!(
            rows,
            [
                (3, "number"),
                (4, "category"),
                (5, "acquired_on"),
                (6, "acquired_on"),
                (7, "price"),
                (8, "budget_year"),
                (9, "number")
            ]
        );
        assert!(e[0].message.contains("also on row 2"));
        assert!(e[1].message.contains("unknown category"));
        assert!(e[3].message.contains("Christian-era"));
        assert!(e[5].message.contains("Christian-era"));
        assert!(e[6].message.contains("already in the register"));
    }

    #[test]
    fn other_layouts_use_a_mapping() {
        let t = table("Asset No,Description,Type,Date,Cost\nX-1,chair,ครุภัณฑ์สำนักงาน,2020-01-01,990\n");
        assert!(read_assets(t.clone(), None, &cats(), &HashSet::new()).is_err());
        let m: BTreeMap<String, String> = [
            ("Asset No", "number"),
            ("Description", "name"),
            ("Type", "category"),
            ("Date", "acquired_on"),
            ("Cost", "price"),
        ]
        .into_iter()
        .map(|(a, b)| (a.into(), b.into()))
        .collect();
        let (a, e) = read_assets(t, Some(&m), &cats(), &HashSet::new()).unwrap();
        assert!(e.is_empty());
        assert_eq!(a[0].number, "X-1");
    }
}
