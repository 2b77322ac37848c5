//! `verify` against a register edited around the app, with another SQLite
//! tool: each asset that differs from what the history wrote is named, by
//! number, and one that only moved to another id is not.

use prongsai_core::Store;
use sqlx::Connection;

#[path = "common/asset_doc.rs"]
mod asset_doc;
#[path = "common/asset_store.rs"]
mod asset_store;
use asset_store::store_with_assets;

/// `sql` run on the store's file by another SQLite tool (the store
/// closed), then the file opened again and verified.
async fn verify_after_another_tool(dir: &tempfile::TempDir, sql: &str) -> (Store, prongsai_core::store::Verification) {
    let path = dir.path().join("p.sqlite");
    let mut raw = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(&mut raw)
        .await
        .unwrap();
    raw.close().await.unwrap();
    let (store, _) = Store::open(&path).await.unwrap();
    let v = store.verify().await.unwrap();
    (store, v)
}

#[tokio::test]
async fn verify_names_each_asset_edited_around_the_app() {
    let (dir, store) = store_with_assets().await;
    assert!(store.verify().await.unwrap().ok());
    // A price changed with a SQLite tool is named.
    store.close().await;
    let (store, v) = verify_after_another_tool(
        &dir,
        "UPDATE asset SET price = '1.00' WHERE number = '7440-001-0002/66'",
    )
    .await;
    assert!(
        v.mismatches.iter().any(|m| m.starts_with("records.assets[1].price")),
        "{v:?}"
    );
    // An asset added around the app is named, past the ones that match.
    store.close().await;
    let (store, v) = verify_after_another_tool(
        &dir,
        "UPDATE asset SET price = '25900.00' WHERE number = '7440-001-0002/66'; \
         INSERT INTO asset (number, name, category, acquired_on, price, useful_life) \
         VALUES ('9999-999-0001/66', 'เพิ่มด้วยเครื่องมืออื่น', 'ครุภัณฑ์คอมพิวเตอร์', '2023-01-10', '1.00', 3)",
    )
    .await;
    assert_eq!(
        v.mismatches,
        ["records.assets[3] (9999-999-0001/66 is only in the database)"],
        "{v:?}"
    );
    // A number changed around the app, every other field as recorded, is
    // named: the history's asset is gone and another is in its place.
    store.close().await;
    let (store, v) = verify_after_another_tool(
        &dir,
        "DELETE FROM asset WHERE number = '9999-999-0001/66'; \
         UPDATE asset SET number = '7440-001-0009/66' WHERE number = '7440-001-0003/66'",
    )
    .await;
    assert_eq!(
        v.mismatches,
        ["records.assets[2] (7440-001-0003/66 is only in the history)"],
        "{v:?}"
    );
    // The number put back and an asset given another id: the register the
    // history wrote, for assets are matched by number.
    store.close().await;
    let (_, v) = verify_after_another_tool(
        &dir,
        "UPDATE asset SET number = '7440-001-0003/66' WHERE number = '7440-001-0009/66'; \
         UPDATE asset SET id = 1002 WHERE number = '7440-001-0002/66'",
    )
    .await;
    assert_eq!(v.mismatches, Vec::<String>::new());
}

#[tokio::test]
async fn verify_names_an_asset_edited_around_the_app_wherever_its_id_lies() {
    // `verify` compares the registers in ranges of ids, one for each core:
    // an edit to the first asset, the last, or any between them is named.
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    let numbers: Vec<String> = (1..=7).map(|n| format!("7440-001-{n:04}/66")).collect();
    let assets = numbers
        .iter()
        .map(|n| asset_doc::asset(n, "เครื่องคอมพิวเตอร์โน้ตบุ๊ก", prongsai_core::assets::AssetStatus::Usable))
        .collect();
    store
        .apply(prongsai_core::Change::ImportAssets { assets })
        .await
        .unwrap();
    assert!(store.verify().await.unwrap().ok());
    let mut store = store;
    for (at, number) in numbers.iter().enumerate() {
        store.close().await;
        let edit = format!(
            "UPDATE asset SET note = '' WHERE note <> ''; UPDATE asset SET note = 'แก้นอกระบบ' WHERE number = '{number}'"
        );
        let (reopened, v) = verify_after_another_tool(&dir, &edit).await;
        assert_eq!(
            v.mismatches,
            [format!(
                "records.assets[{at}].note (history: \"\", database: \"แก้นอกระบบ\")"
            )],
            "{number}"
        );
        store = reopened;
    }
}

#[tokio::test]
async fn an_asset_that_no_longer_reads_back_is_named_not_an_error() {
    // The inspection's findings read each asset's price: a price made
    // unreadable around the app fails them, but the register's comparison
    // names the asset first, and that is what `verify` reports.
    use prongsai_core::Change;
    use prongsai_core::assets::{Finding, Member};
    let (dir, store) = store_with_assets().await;
    let member = |n: &str| Member {
        name: n.into(),
        position: "นักวิชาการ".into(),
    };
    store
        .apply(Change::StartInspection {
            year_be: 2566,
            on: asset_doc::d(2023, 10, 2),
            supply_officer: "นายพัสดุ ดูแล".into(),
            committee: vec![
                member("นายก กรรมการ"),
                member("นางข กรรมการ"),
                member("นางสาวค กรรมการ"),
            ],
        })
        .await
        .unwrap();
    store
        .apply(Change::RecordFinding {
            year_be: 2566,
            number: "7440-001-0002/66".into(),
            finding: Finding::Found,
            note: String::new(),
        })
        .await
        .unwrap();
    assert!(store.verify().await.unwrap().ok());
    store.close().await;
    let (_, v) =
        verify_after_another_tool(&dir, "UPDATE asset SET price = 'x' WHERE number = '7440-001-0002/66'").await;
    // The database's asset does not read back either: it is named as the
    // history's alone.
    assert_eq!(
        v.mismatches,
        ["records.assets[1] (7440-001-0002/66 is only in the history)"],
        "{v:?}"
    );
}
