//! A register file is inserted as it is read: its first rows reach SQLite
//! while the rest is still being checked. What is kept is still all of the
//! file or none of it, in the file's order, and a fault anywhere in it is
//! reported with its row.

use prongsai_core::assets::AssetStatus;
use prongsai_core::{Change, Store};
use sqlx::Connection;

#[path = "common/asset_doc.rs"]
mod asset_doc;
use asset_doc::asset;

const HEADER: &str = "เลขครุภัณฑ์,ชื่อครุภัณฑ์,ประเภท,ยี่ห้อ,วันที่ได้มา,ราคา,ปีงบประมาณ,สถานที่ตั้ง,หน่วยงานผู้ดูแล\n";

/// A register of `n` rows (more than the reader hands on at a time, and
/// enough for a check to read each half on a thread of its own), numbered
/// by row, with `bad` rows' category one that is not known.
fn register(n: usize, bad: &[usize]) -> String {
    let mut csv = HEADER.to_owned();
    for i in 0..n {
        let category = if bad.contains(&i) {
            "ครุภัณฑ์ที่ไม่มี"
        } else if i % 10 == 0 {
            "ครุภัณฑ์สำนักงาน"
        } else {
            "ครุภัณฑ์คอมพิวเตอร์"
        };
        csv.push_str(&format!(
            "7440-001-{i:06}/66,เครื่องที่ {i},{category},Lenovo,5/4/2566,\"25,900.00\",2566,ห้อง {},กลุ่มบริหารงานคลัง\n",
            i % 40
        ));
    }
    csv
}

async fn numbers_by_id(path: &std::path::Path) -> Vec<String> {
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let numbers = sqlx::query_scalar("SELECT number FROM asset ORDER BY id")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    numbers
}

#[tokio::test]
async fn a_register_file_is_inserted_as_it_is_read_and_kept_whole_in_its_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let (store, _) = Store::open_or_seed(&db).await.unwrap();
    let n = 5_123;
    // One number typed with Thai digits and a zero-width space, in a later
    // chunk: stored as the others are.
    let csv = register(n, &[]).replace("7440-001-004321/66", "\u{200B}๗๔๔๐-๐๐๑-๐๐๔๓๒๑/๖๖");
    let file = dir.path().join("register.csv");
    std::fs::write(&file, csv).unwrap();
    let (check, added) = store
        .import_assets_file(&file, None, &Default::default(), true)
        .await
        .unwrap();
    assert_eq!(added, Some(n));
    let preview = check.preview.unwrap();
    assert_eq!((preview.rows, preview.added, preview.errors.len()), (n, n, 0));
    let expected: Vec<String> = (0..n).map(|i| format!("7440-001-{i:06}/66")).collect();
    assert_eq!(numbers_by_id(&db).await, expected);
    // One entry in the history, naming every row; the search text covers
    // the last chunk too.
    let entry = store
        .raw_change(store.last_change_id().await.unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(entry.contains(&format!("\"count\":{n}")), "{entry}");
    let found = store.find_assets("เครื่องที่ 5001", None).await.unwrap();
    assert_eq!(
        found.iter().map(|r| r.number.as_str()).collect::<Vec<_>>(),
        ["7440-001-005001/66"]
    );
    let v = store.verify().await.unwrap();
    assert!(v.ok(), "{v:?}");
}

#[tokio::test]
async fn a_fault_anywhere_in_a_register_file_keeps_none_of_it_and_names_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let (store, _) = Store::open_or_seed(&db).await.unwrap();
    let entries = store.last_change_id().await.unwrap();
    let file = dir.path().join("register.csv");
    // Past the first rows handed on; in a later chunk (and, for the
    // check, in the half read on the other thread); the very last row.
    for bad in [2_300, 4_000, 4_999] {
        std::fs::write(&file, register(5_000, &[bad])).unwrap();
        let (check, added) = store
            .import_assets_file(&file, None, &Default::default(), true)
            .await
            .unwrap();
        assert_eq!(added, None, "a fault at {bad}");
        let preview = check.preview.unwrap();
        assert_eq!((preview.rows, preview.added), (5_000, 4_999));
        assert_eq!(
            preview.errors.iter().map(|e| e.row).collect::<Vec<_>>(),
            [bad + 2],
            "the spreadsheet's row: the header is row 1"
        );
        assert!(numbers_by_id(&db).await.is_empty(), "a fault at {bad}");
        assert_eq!(store.last_change_id().await.unwrap(), entries);
        // The check alone finds the same.
        let (alone, assets) = store.check_asset_import_file(&file, None).await.unwrap();
        assert!(assets.is_none());
        assert_eq!(alone.preview.unwrap(), preview);
    }
    // Fixed, the file is imported from the first id, as if nothing had
    // been tried.
    std::fs::write(&file, register(5_000, &[])).unwrap();
    let (_, added) = store
        .import_assets_file(&file, None, &Default::default(), true)
        .await
        .unwrap();
    assert_eq!(added, Some(5_000));
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let ids: (i64, i64) = sqlx::query_as("SELECT MIN(id), MAX(id) FROM asset")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    assert_eq!(ids, (1, 5_000));
    assert!(store.verify().await.unwrap().ok());
}

/// The write path checks a row's number against the register as the row
/// is inserted, and the rest of the row before: the row named is still
/// the first at fault, and a number already registered is named before
/// another fault of its row.
#[tokio::test]
async fn the_write_path_names_the_first_row_at_fault_whichever_check_finds_it() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    let office = |number: &str| {
        let mut a = asset(number, "โต๊ะทำงาน", AssetStatus::Usable);
        a.category = "ครุภัณฑ์สำนักงาน".into();
        a
    };
    let unknown = |number: &str| {
        let mut a = office(number);
        a.category = "ครุภัณฑ์ที่ไม่มี".into();
        a
    };
    store
        .apply(Change::ImportAssets {
            assets: vec![office("A-1")],
        })
        .await
        .unwrap();
    let refused = |assets| async {
        store
            .apply(Change::ImportAssets { assets })
            .await
            .unwrap_err()
            .to_string()
    };
    let e = refused(vec![office("B-1"), unknown("A-1")]).await;
    assert!(
        e.contains("assets[1]") && e.contains("A-1") && e.contains("already"),
        "{e}"
    );
    let e = refused(vec![unknown("C-1"), office("A-1")]).await;
    assert!(e.contains("assets[0]") && e.contains("ครุภัณฑ์ที่ไม่มี"), "{e}");
    let e = refused(vec![office("D-1"), office("A-1"), unknown("D-1")]).await;
    assert!(e.contains("assets[1]") && e.contains("A-1"), "{e}");
    let e = refused(vec![office("D-1"), unknown("E-1"), office("D-1")]).await;
    assert!(e.contains("assets[1]") && e.contains("ครุภัณฑ์ที่ไม่มี"), "{e}");
    assert_eq!(store.assets().await.unwrap().len(), 1);
}

async fn last_entry(store: &Store) -> String {
    let id = store.last_change_id().await.unwrap();
    store.raw_change(id).await.unwrap().unwrap()
}

/// A register file inserted as it is read is logged as the same rows
/// checked first and applied whole: one write path, whichever way the
/// rows reach it.
#[tokio::test]
async fn a_register_file_inserted_as_it_is_read_is_logged_as_the_same_import_applied_whole() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("register.csv");
    std::fs::write(&file, register(4_321, &[])).unwrap();
    let (a, b) = (dir.path().join("a.sqlite"), dir.path().join("b.sqlite"));
    let (streamed, _) = Store::open_or_seed(&a).await.unwrap();
    let (_, added) = streamed
        .import_assets_file(&file, None, &Default::default(), true)
        .await
        .unwrap();
    assert_eq!(added, Some(4_321));
    let (whole, _) = Store::open_or_seed(&b).await.unwrap();
    let (_, assets) = whole.check_asset_import_file(&file, None).await.unwrap();
    whole
        .apply(Change::ImportAssets {
            assets: assets.unwrap(),
        })
        .await
        .unwrap();
    // The entry names the rows by their count and the hash of their JSON.
    assert_eq!(last_entry(&streamed).await, last_entry(&whole).await);
    assert_eq!(numbers_by_id(&a).await, numbers_by_id(&b).await);
    assert_eq!(streamed.assets().await.unwrap(), whole.assets().await.unwrap());
    assert_eq!(
        streamed.find_assets("ห้อง 7", None).await.unwrap(),
        whole.find_assets("ห้อง 7", None).await.unwrap()
    );
}

/// Read-only beside the app, an import still shows the file's own
/// problems, and refuses a good file for the lock alone, writing nothing.
#[tokio::test]
async fn read_only_beside_the_app_an_import_shows_the_files_problems_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    Store::open_or_seed(&db).await.unwrap().0.close().await;
    let beside = Store::open_read_only(&db).await.unwrap();
    let file = dir.path().join("register.csv");
    std::fs::write(&file, register(30, &[7])).unwrap();
    let (check, added) = beside
        .import_assets_file(&file, None, &Default::default(), true)
        .await
        .unwrap();
    assert_eq!(added, None);
    assert_eq!(
        check.preview.unwrap().errors.iter().map(|e| e.row).collect::<Vec<_>>(),
        [9]
    );
    std::fs::write(&file, register(30, &[])).unwrap();
    let e = beside
        .import_assets_file(&file, None, &Default::default(), true)
        .await
        .unwrap_err();
    assert!(matches!(e, prongsai_core::CoreError::DatabaseLocked(_)), "{e:?}");
    assert!(numbers_by_id(&db).await.is_empty());
}
