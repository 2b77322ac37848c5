//! The history as a hash chain, and `verify` naming what was changed
//! around the app.

use std::path::Path;

use prongsai_core::budget::MonthField;
use prongsai_core::{Change, Store, TextTarget};
use sqlx::Connection;

async fn raw(path: &Path, sql: &str) {
    let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(&mut c)
        .await
        .unwrap();
    c.close().await.unwrap();
}

async fn edited_store(path: &Path) -> Store {
    let (store, _) = Store::open_or_seed(path).await.unwrap();
    let r = store.report(2566).await.unwrap();
    for (i, m) in r.measures.iter().enumerate() {
        store
            .apply(Change::SetText {
                target: TextTarget::MeasureRemarks(m.id),
                text: format!("หมายเหตุ {i}"),
            })
            .await
            .unwrap();
    }
    store
}

#[tokio::test]
async fn a_day_of_edits_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let store = edited_store(&dir.path().join("p.sqlite")).await;
    let v = store.verify().await.unwrap();
    // The sample report, its ITA round, and the four edits.
    assert_eq!(v.entries, 6);
    assert!(v.ok(), "{v:?}");
}

#[tokio::test]
async fn an_edit_made_around_the_app_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite");
    edited_store(&path).await.close().await;
    raw(
        &path,
        "UPDATE measure SET title = 'แก้ด้วยเครื่องมืออื่น' WHERE position = 1 \
         AND year_id = (SELECT id FROM fiscal_year WHERE year_be = 2566)",
    )
    .await;
    let (store, _) = Store::open(&path).await.unwrap();
    let v = store.verify().await.unwrap();
    assert!(v.broken_at.is_none());
    assert_eq!(v.mismatches.len(), 1, "{v:?}");
    assert!(
        v.mismatches[0].starts_with("fiscal year 2566 report: measures[1].title"),
        "{v:?}"
    );
    assert!(v.mismatches[0].contains("แก้ด้วยเครื่องมืออื่น"));
}

#[tokio::test]
async fn a_rewritten_or_removed_entry_breaks_the_chain_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite");
    edited_store(&path).await.close().await;
    // A tool that drops the guard and rewrites entry 3.
    raw(
        &path,
        "DROP TRIGGER change_log_no_update; UPDATE change_log SET actor = 'someone else' WHERE id = 3",
    )
    .await;
    let (store, _) = Store::open(&path).await.unwrap();
    let v = store.verify().await.unwrap();
    assert_eq!(v.broken_at.as_ref().map(|b| b.0), Some(3), "{v:?}");
    store.close().await;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite");
    edited_store(&path).await.close().await;
    raw(
        &path,
        "DROP TRIGGER change_log_no_delete; DELETE FROM change_log WHERE id = 2",
    )
    .await;
    let (store, _) = Store::open(&path).await.unwrap();
    let v = store.verify().await.unwrap();
    assert_eq!(v.broken_at.as_ref().map(|b| b.0), Some(3), "{v:?}");
}

#[tokio::test]
async fn budget_edits_replay_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite");
    let store = edited_store(&path).await;
    let budget = prongsai_core::budget::BudgetDoc {
        year_be: 2566,
        lines: vec![prongsai_core::budget::BudgetLineDoc {
            division: "กลุ่มบริหารงานคลัง".into(),
            category: prongsai_core::budget::Category::Other,
            item: None,
            plan: String::new(),
            source: String::new(),
            allocated: "100".parse().unwrap(),
            transfer_in: Default::default(),
            transfer_out: Default::default(),
            months: vec![],
        }],
        targets: vec![],
    };
    store
        .apply(Change::ImportBudget {
            budget: Box::new(budget),
            replace: false,
        })
        .await
        .unwrap();
    let line = store.budget_view(2566, 12).await.unwrap().lines[0].id;
    store
        .apply(Change::SetMonthFigure {
            line_id: line,
            month: 3,
            field: MonthField::Disbursed,
            amount: "๕๐".into(),
        })
        .await
        .unwrap();
    assert!(store.verify().await.unwrap().ok());
    store.close().await;
    raw(&path, "UPDATE budget_month SET disbursed = '5000' WHERE month = 3").await;
    let (store, _) = Store::open(&path).await.unwrap();
    let v = store.verify().await.unwrap();
    assert!(
        v.mismatches
            .iter()
            .any(|m| m.starts_with("fiscal year 2566 budget: lines[0].months[0].disbursed")),
        "{v:?}"
    );
}

#[tokio::test]
async fn entries_from_before_the_chain_are_sealed_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite");
    edited_store(&path).await.close().await;
    // As a schema-4 database had them: no hashes yet.
    raw(
        &path,
        "DROP TRIGGER change_log_no_update; UPDATE change_log SET prev_hash = NULL, hash = NULL",
    )
    .await;
    let (store, _) = Store::open(&path).await.unwrap();
    let v = store.verify().await.unwrap();
    // The sample report, its ITA round, and the four edits.
    assert_eq!(v.entries, 6);
    assert!(v.ok(), "{v:?}");
}

/// Opening seals only entries from before the chain: it must never read
/// the sealed ones (a long history would make every open slower). A sealed
/// entry made unreadable as text shows it: opening still works.
#[tokio::test]
async fn opening_never_reads_sealed_entries() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite");
    edited_store(&path).await.close().await;
    raw(
        &path,
        "DROP TRIGGER change_log_no_update; \
         UPDATE change_log SET change = X'FF00FF' WHERE id = (SELECT max(id) FROM change_log); \
         UPDATE change_log SET before = X'FF00FF' WHERE id = (SELECT min(id) FROM change_log)",
    )
    .await;
    let (store, _) = Store::open(&path).await.unwrap();
    assert_eq!(store.years().await.unwrap().len(), 2);
    // `verify` reads every entry: it is where the damage shows.
    let verified = store.verify().await;
    assert!(verified.as_ref().map_or(true, |v| !v.ok()), "{verified:?}");
    store.close().await;
}

/// An import's rows are kept beside its entry, compressed, and named in it
/// by count and hash: the entry is small, the rows replay, and rows changed
/// around the app break the chain at that entry.
#[tokio::test]
async fn an_imports_rows_are_kept_beside_its_entry_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite");
    let (store, _) = Store::open_or_seed(&path).await.unwrap();
    let assets: Vec<prongsai_core::assets::AssetDoc> = (1..=2000)
        .map(|i| {
            serde_json::from_value(serde_json::json!({
                "number": format!("7440-001-{i:05}/66"),
                "name": format!("เครื่องคอมพิวเตอร์ {i}"),
                "category": "ครุภัณฑ์คอมพิวเตอร์",
                "acquired_on": "2023-04-05",
                "price": "25900.00",
                "useful_life": 5,
            }))
            .unwrap()
        })
        .collect();
    let id = store
        .apply(Change::ImportAssets { assets: assets.clone() })
        .await
        .unwrap()
        .change_id;
    let entry = store.raw_change(id).await.unwrap().unwrap();
    assert!(
        entry.starts_with("{\"kind\":\"import_assets\",\"stored_rows\":{\"count\":2000,\"sha256\":\""),
        "{entry}"
    );
    assert!(entry.len() < 200, "the entry names the rows, it does not hold them");
    assert!(store.verify().await.unwrap().ok());
    store.close().await;

    // The rows can be neither rewritten nor removed through SQLite...
    let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    for sql in ["UPDATE change_rows SET data = x'00'", "DELETE FROM change_rows"] {
        let e = sqlx::query(sql).execute(&mut c).await.unwrap_err();
        assert!(e.to_string().contains("append-only"), "{e}");
    }
    c.close().await.unwrap();
    // ...and a tool that drops the guard and swaps in other rows is named.
    let other = zstd_rows(&assets[..1999]);
    raw(
        &path,
        &format!(
            "DROP TRIGGER change_rows_no_update; UPDATE change_rows SET data = x'{}' WHERE change_id = {id}",
            other.iter().map(|b| format!("{b:02x}")).collect::<String>()
        ),
    )
    .await;
    let (store, _) = Store::open(&path).await.unwrap();
    let v = store.verify().await.unwrap();
    assert_eq!(v.broken_at.as_ref().map(|b| b.0), Some(id), "{v:?}");
    assert!(v.broken_at.unwrap().1.contains("rows were changed"));
}

fn zstd_rows(assets: &[prongsai_core::assets::AssetDoc]) -> Vec<u8> {
    zstd::encode_all(serde_json::to_string(assets).unwrap().as_bytes(), 3).unwrap()
}
