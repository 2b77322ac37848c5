//! Files as Thai offices keep them: an import never stores a value it did
//! not understand. Invisible characters, hidden sheets, columns it does not
//! know, title rows, months typed wrong, spreadsheet float noise, a sheet
//! that declares a million rows.

use std::collections::{BTreeMap, HashSet};

use prongsai_core::assets::import::read_assets;
use prongsai_core::budget::BudgetDoc;
use prongsai_core::budget_import::{plan, read_csv, read_workbook};
use prongsai_core::refusal::Refusal;
use prongsai_core::table::{ReadOptions, read_file, read_workbook_sheet};

fn divisions() -> Vec<String> {
    vec!["กองคลัง".into()]
}

fn empty() -> BudgetDoc {
    BudgetDoc {
        year_be: 2566,
        lines: vec![],
        targets: vec![],
    }
}

const BUDGET_HEAD: &str = "หน่วยงาน,งบรายจ่าย,รายการ,แผนงาน/ผลผลิต/โครงการ,แหล่งเงิน,งบประมาณที่ได้รับจัดสรร,เดือน,เบิกจ่าย\n";

#[test]
fn invisible_characters_in_a_budget_key_do_not_make_a_new_line() {
    let october = format!(
        "{BUDGET_HEAD}กองคลัง,งบดำเนินงาน,ค่าวัสดุ,แผนงาน บุคลากรภาครัฐ,เงินงบประมาณ,\"1,000,000\",2022-10,\"200,000\"\n"
    );
    let (doc, _) = plan(&read_csv(october.as_bytes()).unwrap(), None, &empty(), &divisions()).unwrap();
    assert_eq!(doc.lines.len(), 1);
    // Next month's file: the same line typed with a no-break space, a
    // double space, a zero-width space and a byte-order mark.
    for odd in [
        "แผนงาน\u{00A0}บุคลากรภาครัฐ",
        "แผนงาน  บุคลากรภาครัฐ",
        "แผนงาน บุคลากร\u{200B}ภาครัฐ",
        "แผนงาน บุคลากรภาครัฐ\u{FEFF}",
    ] {
        let november =
            format!("{BUDGET_HEAD}กองคลัง,งบดำเนินงาน,ค่าวัสดุ,{odd},เงินงบประมาณ  ,\"1,000,000\",2022-11,\"100,000\"\n");
        let (merged, preview) = plan(&read_csv(november.as_bytes()).unwrap(), None, &doc, &divisions()).unwrap();
        assert!(preview.errors.is_empty(), "{:?}", preview.errors);
        assert_eq!(merged.lines.len(), 1, "{odd:?} made a second line");
        assert_eq!(preview.lines_added, 0);
    }
}

#[test]
fn a_month_is_exactly_yyyy_mm() {
    for bad in ["2022-105", "2022-1", "22-10", "2022/10"] {
        let csv = format!("{BUDGET_HEAD}กองคลัง,งบดำเนินงาน,ค่าวัสดุ,,,\"1,000\",{bad},100\n");
        let (_, preview) = plan(&read_csv(csv.as_bytes()).unwrap(), None, &empty(), &divisions()).unwrap();
        assert_eq!(preview.errors.len(), 1, "{bad} was taken");
        assert_eq!(preview.errors[0].row, 2);
    }
    // A date cell reads as its date: its month.
    let csv = format!("{BUDGET_HEAD}กองคลัง,งบดำเนินงาน,ค่าวัสดุ,,,\"1,000\",2022-10-01,100\n");
    let (_, preview) = plan(&read_csv(csv.as_bytes()).unwrap(), None, &empty(), &divisions()).unwrap();
    assert!(preview.errors.is_empty(), "{:?}", preview.errors);
}

#[test]
fn every_column_not_understood_is_named_with_a_near_miss_and_refused_until_mapped() {
    let csv = "หน่วยงาน,งบรายจ่าย,แผนงาน / ผลผลิต / โครงการ,แหล่งของเงิน,งบประมาณที่ได้รับจัดสรร\n\
               กองคลัง,งบดำเนินงาน,แผนงานพื้นฐาน,เงินงบประมาณ,100\n";
    let table = read_csv(csv.as_bytes()).unwrap();
    // Spaces around the slashes are the same name; "แหล่งของเงิน" is not.
    let err = plan(&table, None, &empty(), &divisions()).unwrap_err().to_string();
    assert!(err.contains("\"แหล่งของเงิน\" (did you mean \"แหล่งเงิน\"?)"), "{err}");
    assert!(!err.contains("แผนงาน / ผลผลิต"), "{err}");
    // Mapped: read; ignored: left out, on the user's word.
    for to in ["source", "ignore"] {
        let m = BTreeMap::from([("แหล่งของเงิน".to_owned(), to.to_owned())]);
        let (doc, preview) = plan(&table, Some(&m), &empty(), &divisions()).unwrap();
        assert!(preview.errors.is_empty(), "{:?}", preview.errors);
        let expected = if to == "source" {
            "เงินงบประมาณ"
        } else {
            ""
        };
        assert_eq!(doc.lines[0].source, expected);
    }
}

fn categories() -> Vec<(String, u32)> {
    vec![("ครุภัณฑ์คอมพิวเตอร์".into(), 5), ("ครุภัณฑ์สำนักงาน".into(), 10)]
}

const REGISTER: &str = "เลขครุภัณฑ์,ชื่อครุภัณฑ์,ประเภท,วันที่ได้มา,ราคา,สภาพ\n\
                        7440-001-0001/66,โน้ตบุ๊ก,ครุภัณฑ์คอมพิวเตอร์,5/4/2566,25900,ชำรุด\n";

#[test]
fn a_register_status_column_under_another_name_is_never_dropped() {
    let table = read_csv(REGISTER.as_bytes()).unwrap();
    let err = read_assets(table.clone(), None, &categories(), &HashSet::new())
        .unwrap_err()
        .to_string();
    assert!(err.contains("\"สภาพ\" (did you mean \"สถานะ\"?)"), "{err}");
    let m = BTreeMap::from([("สภาพ".to_owned(), "status".to_owned())]);
    let (assets, errors) = read_assets(table, Some(&m), &categories(), &HashSet::new()).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(assets[0].status.as_str(), "damaged");
}

#[test]
fn look_alike_asset_numbers_are_duplicates() {
    let csv = "เลขครุภัณฑ์,ชื่อครุภัณฑ์,ประเภท,วันที่ได้มา,ราคา\n\
               7440-001-0001/66,โน้ตบุ๊ก,ครุภัณฑ์คอมพิวเตอร์,5/4/2566,25900\n\
               7440\u{2011}001\u{2011}0001/66,โน้ตบุ๊ก,ครุภัณฑ์คอมพิวเตอร์,5/4/2566,25900\n\
               7440-001-0002/66\u{200B},โน้ตบุ๊ก,ครุภัณฑ์คอมพิวเตอร์,5/4/2566,25900\n";
    let table = read_csv(csv.as_bytes()).unwrap();
    let registered = HashSet::from(["7440-001-0002/66".to_owned()]);
    let (assets, errors) = read_assets(table, None, &categories(), &registered).unwrap();
    let rows: Vec<usize> = errors.iter().map(|e| e.row).collect();
    assert_eq!(rows, vec![3, 4], "{errors:?}");
    assert!(errors[0].message.contains("also on row 2"), "{errors:?}");
    assert!(errors[1].message.contains("already in the register"), "{errors:?}");
    assert_eq!(assets.len(), 1);
}

/// A date is refused where the file has it, by the rule the write path
/// holds it to (its fiscal year one the register takes): read as dates,
/// these passed the file's check and the import then failed on the row's
/// index among the good rows.
#[test]
fn a_date_the_register_cannot_hold_is_refused_at_its_row_and_column() {
    let csv = "เลขครุภัณฑ์,ชื่อครุภัณฑ์,ประเภท,วันที่ได้มา,ราคา\n\
               A-1,โน้ตบุ๊ก,ครุภัณฑ์คอมพิวเตอร์,2290-01-01,25900\n\
               A-2,โน้ตบุ๊ก,ครุภัณฑ์คอมพิวเตอร์,1/10/2800,25900\n\
               A-3,โน้ตบุ๊ก,ครุภัณฑ์คอมพิวเตอร์,30/9/2800,25900\n";
    let table = read_csv(csv.as_bytes()).unwrap();
    let (assets, errors) = read_assets(table, None, &categories(), &HashSet::new()).unwrap();
    assert_eq!(errors.iter().map(|e| e.row).collect::<Vec<_>>(), [2, 3], "{errors:?}");
    for e in &errors {
        assert_eq!(e.column.as_deref(), Some("วันที่ได้มา"));
        assert!(matches!(e.refusal, Some(Refusal::ImplausibleDate { .. })), "{e:?}");
    }
    assert_eq!(assets.len(), 1);
    assert_eq!(assets[0].number, "A-3");
}

/// A register long enough to be read on two threads reads as one: assets
/// and problems in the file's order, a number repeated across the halves
/// named with the row it was first on.
#[test]
fn a_long_register_reads_in_the_files_order() {
    let mut csv = String::from("เลขครุภัณฑ์,ชื่อครุภัณฑ์,ประเภท,วันที่ได้มา,ราคา\n");
    for i in 0..5000 {
        let (number, price) = match i {
            10 | 4000 => (format!("A-{i}"), "abc".to_owned()),
            4500 => ("A-20".to_owned(), "1".to_owned()),
            _ => (format!("A-{i}"), i.to_string()),
        };
        csv.push_str(&format!("{number},โต๊ะ,ครุภัณฑ์สำนักงาน,5/4/2566,{price}\n"));
    }
    let table = read_csv(csv.as_bytes()).unwrap();
    let (assets, errors) = read_assets(table, None, &categories(), &HashSet::new()).unwrap();
    let rows: Vec<usize> = errors.iter().map(|e| e.row).collect();
    assert_eq!(rows, vec![12, 4002, 4502], "{errors:?}");
    assert!(errors[2].message.contains("also on row 22"), "{errors:?}");
    assert_eq!(assets.len(), 4997);
    let prices: Vec<String> = assets.iter().map(|a| a.price.to_string()).collect();
    let expected: Vec<String> = (0..5000)
        .filter(|i| ![10, 4000, 4500].contains(i))
        .map(|i| i.to_string())
        .collect();
    assert_eq!(prices, expected);
    assert_eq!(assets[4996].number, "A-4999");
}

/// An XLSX with a hidden first sheet (last year's list) and the visible,
/// active register after it.
fn two_sheet_book() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let old = book.add_worksheet().set_name("ปีที่แล้ว").unwrap();
    old.write(0, 0, "เลขครุภัณฑ์").unwrap();
    old.write(0, 1, "ชื่อครุภัณฑ์").unwrap();
    old.write(1, 0, "OLD-1").unwrap();
    old.write(1, 1, "เก่า").unwrap();
    old.set_hidden(true);
    let reg = book.add_worksheet().set_name("ทะเบียน").unwrap();
    reg.write(0, 0, "ทะเบียนครุภัณฑ์ ประจำปี 2566").unwrap();
    reg.write(2, 0, "เลขครุภัณฑ์").unwrap();
    reg.write(2, 1, "ชื่อครุภัณฑ์").unwrap();
    reg.write(2, 2, "ราคา").unwrap();
    reg.write(3, 0, "NEW-1").unwrap();
    reg.write(3, 1, "ใหม่").unwrap();
    reg.write(3, 2, 25900.000000000007).unwrap();
    reg.set_active(true);
    book.save_to_buffer().unwrap()
}

#[test]
fn the_active_visible_sheet_is_read_and_a_hidden_one_only_when_named() {
    let t = read_workbook(two_sheet_book()).unwrap();
    assert_eq!(t.sheet.as_deref(), Some("ทะเบียน"));
    assert_eq!(t.headers, vec!["เลขครุภัณฑ์", "ชื่อครุภัณฑ์", "ราคา"]);
    assert_eq!(t.rows[0][0], "NEW-1");
    // Row numbers are the sheet's own (title, blank row, header on row 3).
    assert_eq!(t.lines, vec![4]);
    // Float noise is rounded to the satang and named.
    assert_eq!(t.rows[0][2], "25900.00");
    assert!(t.notes.iter().any(|n| n.contains("rounding noise")), "{:?}", t.notes);
    assert!(t.notes[0].contains("1 hidden"), "{:?}", t.notes);
    let hidden = read_workbook_sheet(two_sheet_book(), Some("ปีที่แล้ว")).unwrap();
    assert_eq!(hidden.rows[0][0], "OLD-1");
    let err = read_workbook_sheet(two_sheet_book(), Some("ไม่มี"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("\"ปีที่แล้ว\" (hidden)"), "{err}");
}

#[test]
fn a_sheet_with_a_far_corner_cell_is_refused_without_allocating_it() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet();
    s.write(0, 0, "a").unwrap();
    s.write(1_048_575, 16_383, "z").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    assert!(bytes.len() < 10_000);
    let err = read_workbook(bytes.clone()).unwrap_err().to_string();
    assert!(err.contains("column 16384"), "{err}");
    // Kept for the fuzzers: the same file in the XLSX corpus.
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus/xlsx_import/corner-cell.xlsx");
    assert_eq!(
        std::fs::read(corpus).ok().map(|b| read_workbook(b).is_err()),
        Some(true)
    );
}

#[test]
fn a_file_larger_than_the_bound_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(prongsai_core::table::MAX_FILE_BYTES + 1).unwrap();
    let err = read_file(&path, &ReadOptions::default()).unwrap_err().to_string();
    assert!(err.contains("at most 64 MB"), "{err}");
}

#[test]
fn xls_and_ods_are_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["xls", "ods"] {
        let path = dir.path().join(format!("register.{ext}"));
        std::fs::write(&path, b"not read").unwrap();
        let err = read_file(&path, &ReadOptions::default()).unwrap_err().to_string();
        assert!(err.contains("save it as .xlsx or CSV UTF-8"), "{err}");
    }
}
