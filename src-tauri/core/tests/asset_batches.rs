//! An asset import's rows reach SQLite many to a statement: what comes
//! back is what was given.

use prongsai_core::assets::{AssetDoc, AssetStatus};
use prongsai_core::{Change, Store};
use sqlx::Connection;

#[path = "common/asset_doc.rs"]
mod asset_doc;
use asset_doc::asset;

/// An import's rows reach SQLite many to a statement: every value comes
/// back as it was given (quotes, backslashes, Thai marks, a symbol outside
/// the BMP, lines of a note), with its SQL type (an empty budget year NULL,
/// a price as exact text), and ids follow the file across statements.
#[tokio::test]
async fn imported_values_come_back_exactly_through_the_batched_insert() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    let mut odd = asset(
        "7440-001-\"9\"/66",
        "เก้าอี้ \"ผู้บริหาร\" \\ ปรับระดับ 'สูง' 😀",
        AssetStatus::Usable,
    );
    odd.budget_year = None;
    odd.price = "1234567.89".parse().unwrap();
    odd.note = "บรรทัดแรก\nบรรทัดที่สอง <b>&amp;</b>".into();
    odd.model = "[0] {\"a\": 1}".into();
    let mut many: Vec<AssetDoc> = (0..10_050)
        .map(|i| asset(&format!("7440-002-{i:05}/66"), "โต๊ะทำงาน", AssetStatus::Usable))
        .collect();
    many.insert(5_000, odd.clone());
    store
        .apply(Change::ImportAssets { assets: many.clone() })
        .await
        .unwrap();
    let stored = store.assets().await.unwrap();
    assert_eq!(stored.len(), many.len());
    let found = stored.iter().find(|a| a.number == odd.number).expect("the odd asset");
    assert_eq!(*found, odd);
    // Ids follow the file's order, across the statements' boundary.
    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", dir.path().join("p.sqlite").display()))
        .await
        .unwrap();
    let order: Vec<String> = sqlx::query_scalar("SELECT number FROM asset ORDER BY id")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    let want: Vec<String> = many.iter().map(|a| a.number.clone()).collect();
    assert_eq!(order, want);
    let types: (String, String, String, String) = sqlx::query_as(
        "SELECT typeof(budget_year), typeof(price), typeof(useful_life), price FROM asset WHERE number = ?1",
    )
    .bind(&odd.number)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(
        types,
        ("null".into(), "text".into(), "integer".into(), "1234567.89".into())
    );
    let v = store.verify().await.unwrap();
    assert!(v.ok(), "{v:?}");
}

/// An import is inserted in statements of 500 rows, its history and search
/// text made beside them: a fault past the first 500 still leaves nothing
/// imported and names its row; a row cleaned past them is stored, logged
/// and found as cleaned.
#[tokio::test]
async fn an_import_of_many_statements_is_all_or_none_and_cleaned_throughout() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    let (entries, _) = store.verify_chain().await.unwrap();
    let rows = |n: usize| -> Vec<AssetDoc> {
        (0..n)
            .map(|i| {
                let mut a = asset(&format!("7110-006-{i:05}/66"), "โต๊ะทำงาน", AssetStatus::Usable);
                a.category = "ครุภัณฑ์สำนักงาน".into();
                a
            })
            .collect()
    };
    let mut bad = rows(1600);
    bad[1234].number = bad[5].number.clone();
    let e = store.apply(Change::ImportAssets { assets: bad }).await.unwrap_err();
    assert!(
        e.to_string().contains("assets[1234]") && e.to_string().contains("7110-006-00005/66"),
        "{e}"
    );
    assert!(store.find_assets("", None).await.unwrap().is_empty());
    assert_eq!(store.verify_chain().await.unwrap().0, entries);

    let mut good = rows(1600);
    good[1300].name = "  เก้าอี้พับ  ".into();
    good[1301].number = "๗๑๑๐-๐๐๖-๙๙๙๙๙/๖๖".into();
    store.apply(Change::ImportAssets { assets: good }).await.unwrap();
    assert_eq!(store.find_assets("", None).await.unwrap().len(), 1600);
    let found = store.find_assets("เก้าอี้พับ", None).await.unwrap();
    assert_eq!(
        found.iter().map(|r| r.number.as_str()).collect::<Vec<_>>(),
        ["7110-006-01300/66"]
    );
    assert_eq!(found[0].name, "เก้าอี้พับ");
    let stored = store.assets().await.unwrap();
    assert!(stored.iter().any(|a| a.number == "7110-006-99999/66"));
    assert!(!stored.iter().any(|a| a.number.contains('๙')));
    let v = store.verify().await.unwrap();
    assert!(v.ok(), "{v:?}");
}
