//! Every released schema version migrates: a fixture database of each
//! (tests/fixtures/schema/vN.sqlite, written by `examples/schema_fixtures.rs`
//! when that version was released) opens in today's app, is backed up
//! first, keeps all its data, and its history still verifies and undoes.

use std::path::{Path, PathBuf};

use prongsai_core::store::known_schema_version;
use prongsai_core::{Change, Store, TextTarget};
use sqlx::Connection;

fn fixture(version: i64) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/schema/v{version}.sqlite"))
}

/// The schema version recorded in a file, read without migrating it.
async fn version_of(path: &Path) -> i64 {
    let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=ro", path.display()))
        .await
        .unwrap();
    let v: i64 = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
        .fetch_one(&mut c)
        .await
        .unwrap();
    c.close().await.unwrap();
    v
}

#[tokio::test]
async fn there_is_a_fixture_for_every_schema_version() {
    for v in 1..=known_schema_version() {
        let path = fixture(v);
        assert!(
            path.exists(),
            "no fixture for schema v{v}: run `cargo run -p prongsai-core --example schema_fixtures -- {v} \
             src-tauri/core/tests/fixtures/schema` and commit it"
        );
        assert_eq!(version_of(&path).await, v, "{} is not at v{v}", path.display());
    }
}

#[tokio::test]
async fn every_released_schema_migrates_with_a_backup_and_keeps_its_data() {
    let latest = known_schema_version();
    for v in 1..=latest {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("prongsai.sqlite");
        std::fs::copy(fixture(v), &db).unwrap();
        let (store, opened) = Store::open(&db).await.unwrap_or_else(|e| panic!("v{v}: {e}"));
        assert!(!opened.created && !opened.seeded);

        // A copy of the old file before anything changed it.
        match (&opened.backup, v < latest) {
            (Some(b), true) => {
                assert!(b.to_string_lossy().contains(&format!("before-migration-v{v}")));
                assert_eq!(version_of(b).await, v, "v{v}: the backup is the old database");
            }
            (None, false) => {}
            (b, _) => panic!("v{v}: backup {b:?}"),
        }
        store.check_integrity().await.unwrap_or_else(|e| panic!("v{v}: {e}"));
        let check = store.verify().await.unwrap();
        assert!(check.ok(), "v{v}: {check:?}");
        // The copy from before the migration, at its own schema, is read
        // for its head (`verify --against` a backup); from v5, when the
        // chain began, the migrated history holds it.
        if v >= 5 {
            let backup = opened.backup.clone().unwrap_or_else(|| fixture(v));
            assert_eq!(store.verify_against(&backup).await.unwrap(), None, "v{v}");
        }

        // The data each version could hold is all there.
        let r = store.report(2566).await.unwrap();
        assert_eq!((r.measures.len(), r.outcomes.len()), (4, 5), "v{v}");
        assert_eq!(r.measures[0].title, "สร้างการรับรู้การใช้จ่ายงบประมาณประจำปี", "v{v}");
        assert!(
            r.measures
                .iter()
                .flat_map(|m| &m.results)
                .any(|x| !x.evidence.is_empty()),
            "v{v}"
        );
        assert_eq!(!r.memos.is_empty(), v >= 2, "v{v}: memos");
        let budget = store.budget(2566).await.unwrap();
        assert_eq!(budget.lines.len(), if v >= 3 { 2 } else { 0 }, "v{v}: budget lines");
        if v >= 3 {
            assert_eq!(budget.lines[1].allocated, "3500000.25".parse().unwrap());
            assert_eq!(budget.targets.len(), 1);
        }
        let headers = ["หน่วยงาน", "งบ", "จัดสรร"].map(String::from).to_vec();
        assert_eq!(
            store.remembered_mapping(&headers).await.unwrap().is_some(),
            v >= 4,
            "v{v}: mapping"
        );
        assert_eq!(r.organization.channels.len(), usize::from(v >= 6), "v{v}: channels");
        assert_eq!(r.year.oit_items.len(), usize::from(v >= 6), "v{v}: OIT items");
        if v >= 7 {
            let today = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
            assert_eq!(store.assets().await.unwrap().len(), 2, "v{v}: assets");
            let loans = store.loans(&Default::default(), today).await.unwrap();
            assert_eq!(loans.len(), 1, "v{v}: loans");
            assert_eq!(loans[0].state, prongsai_core::assets::LoanState::Returned);
            assert_eq!(
                store.inspection(2566).await.unwrap().findings.len(),
                1,
                "v{v}: findings"
            );
        }

        // A font file chosen (v10), kept as recorded though it is gone.
        assert_eq!(
            r.organization.font_file.ends_with("THSarabunNew.ttf"),
            v >= 10,
            "v{v}: font file {:?}",
            r.organization.font_file
        );

        // And it works as today's database: an edit, its undo, a verify.
        let target = TextTarget::MeasureRemarks(r.measures[1].id);
        store
            .apply(Change::SetText {
                target,
                text: "หลังปรับรุ่น".into(),
            })
            .await
            .unwrap();
        store.undo().await.unwrap();
        assert_eq!(
            store.report(2566).await.unwrap().measures[1].remarks,
            r.measures[1].remarks
        );
        let check = store.verify().await.unwrap();
        assert!(check.ok(), "v{v} after an edit: {check:?}");
        store.close().await;
    }
}
