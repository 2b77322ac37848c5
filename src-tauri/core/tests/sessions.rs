//! Nothing acknowledged as saved is lost, and nothing is replaced before it
//! is checked: stale saves, undo's place and barrier, opening and restoring
//! files that are not ours, odd paths, the lock on the canonical path.

use prongsai_core::error::Refusal;
use std::path::Path;

use prongsai_core::change::{OrgSettings, View};
use prongsai_core::store::{AppLock, restore};
use prongsai_core::{Change, CoreError, ErrorCode, Store, TextTarget, YearStatus};

async fn sample(db: &Path) -> Store {
    Store::open_or_seed(db).await.unwrap().0
}

async fn first_title(store: &Store, year: i32) -> (i64, String) {
    let r = store.report(year).await.unwrap();
    (r.measures[0].id, r.measures[0].title.clone())
}

#[tokio::test]
async fn a_save_based_on_a_value_no_longer_stored_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample(&dir.path().join("p.sqlite")).await;
    let (id, old) = first_title(&store, 2566).await;
    let target = TextTarget::MeasureTitle(id);
    // Typed from the stored text: saved.
    store.save_text(target, "มาตรการ ก".into(), &old).await.unwrap();
    // A second view still holding the old text types on: refused, and the
    // saved text stays.
    let err = store.save_text(target, "มาตรการ ข".into(), &old).await.unwrap_err();
    assert!(matches!(err, CoreError::Conflict { .. }), "{err:?}");
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert_eq!(store.text(target).await.unwrap(), "มาตรการ ก");
    // The user saw both and keeps theirs: saved over the value they saw.
    store.save_text(target, "มาตรการ ข".into(), "มาตรการ ก").await.unwrap();
    assert_eq!(first_title(&store, 2566).await.1, "มาตรการ ข");
    // An undo under a field: the field's base is stale again.
    store.undo().await.unwrap();
    let err = store
        .save_text(target, "มาตรการ ค".into(), "มาตรการ ข")
        .await
        .unwrap_err();
    assert!(matches!(err, CoreError::Conflict { .. }));
    // The base as shown (Thai digits, spaces around) is the stored text.
    store.save_text(target, "ข้อ 12".into(), "มาตรการ ก").await.unwrap();
    store.save_text(target, "ข้อ 13".into(), " ข้อ ๑๒ ").await.unwrap();
    assert_eq!(store.text(target).await.unwrap(), "ข้อ 13");
}

#[tokio::test]
async fn undo_names_the_year_and_view_it_acts_on_and_stops_at_a_status_change() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample(&dir.path().join("p.sqlite")).await;
    store
        .apply(Change::NewYear {
            from: 2566,
            to: 2567,
            keep_remarks: false,
        })
        .await
        .unwrap();
    let (id66, _) = first_title(&store, 2566).await;
    let (id67, _) = first_title(&store, 2567).await;
    store
        .apply(Change::SetText {
            target: TextTarget::MeasureRemarks(id67),
            text: "หมายเหตุ ๒๕๖๗".into(),
        })
        .await
        .unwrap();
    store
        .apply(Change::SetText {
            target: TextTarget::MeasureRemarks(id66),
            text: "หมายเหตุ ๒๕๖๖".into(),
        })
        .await
        .unwrap();
    let state = store.undo_state().await.unwrap();
    let step = state.undo.unwrap();
    assert_eq!(
        (step.kind.as_str(), step.year_be, step.view),
        ("set_text", Some(2566), View::Report)
    );
    // Naming it changed nothing.
    assert_eq!(store.report(2566).await.unwrap().measures[0].remarks, "หมายเหตุ 2566");
    store.undo().await.unwrap();
    let step = store.undo_state().await.unwrap().undo.unwrap();
    assert_eq!((step.year_be, step.view), (Some(2567), View::Report));
    let redo = store.undo_state().await.unwrap().redo.unwrap();
    assert_eq!((redo.kind.as_str(), redo.year_be), ("set_text", Some(2566)));
    // Settings have a view and no year.
    let org = store.organization().await.unwrap();
    store
        .apply(Change::SetOrganization {
            settings: OrgSettings {
                name_th: format!("{} (แก้)", org.name_th),
                name_en: org.name_en.clone(),
                ministry: org.ministry.clone(),
                doc_prefix: org.doc_prefix.clone(),
                phone: org.phone.clone(),
                divisions: org.divisions.iter().map(|d| d.name.clone()).collect(),
                digits: org.digits,
                orientation: org.orientation,
            },
        })
        .await
        .unwrap();
    let step = store.undo_state().await.unwrap().undo.unwrap();
    assert_eq!(step.view, View::Settings);
    // Approving 2567 is a barrier: undo does not pass it, so the year is
    // left only by reopening, with a reason.
    store
        .apply(Change::SetStatus {
            year_be: 2567,
            status: YearStatus::Approved,
            by: "ผู้อนุมัติ".into(),
            url: String::new(),
            reason: String::new(),
            at: None,
        })
        .await
        .unwrap();
    let state = store.undo_state().await.unwrap();
    assert!(state.undo.is_none() && state.redo.is_none(), "{state:?}");
    assert!(store.undo().await.is_err());
    assert_eq!(store.report(2567).await.unwrap().year.status, YearStatus::Approved);
    let err = store
        .apply(Change::SetStatus {
            year_be: 2567,
            status: YearStatus::Draft,
            by: String::new(),
            url: String::new(),
            reason: String::new(),
            at: None,
        })
        .await
        .unwrap_err();
    assert!(matches!(err, CoreError::Refused(Refusal::EmptyText { .. })), "{err:?}");
}

/// A SQLite file of another sqlx-based program: it has `_sqlx_migrations`.
async fn foreign_sqlx_db(path: &Path) {
    use sqlx::Connection;
    let opts = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true);
    let mut c = sqlx::SqliteConnection::connect_with(&opts).await.unwrap();
    for sql in [
        "CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, \
         installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, success BOOLEAN NOT NULL, \
         checksum BLOB NOT NULL, execution_time BIGINT NOT NULL)",
        "INSERT INTO _sqlx_migrations VALUES (1, 'users', '2025-01-01', 1, x'00', 1)",
        "INSERT INTO _sqlx_migrations VALUES (2, 'orders', '2025-01-01', 1, x'01', 1)",
        "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)",
        "CREATE TABLE change_log (id INTEGER PRIMARY KEY)",
    ] {
        sqlx::query(sql).execute(&mut c).await.unwrap();
    }
    c.close().await.unwrap();
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn another_programs_sqlx_database_is_refused_untouched_by_open_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("other-app.db");
    foreign_sqlx_db(&foreign).await;
    let bytes = std::fs::read(&foreign).unwrap();
    let before = files_in(dir.path());
    let err = Store::open(&foreign).await.err().expect("refused");
    assert!(err.to_string().contains("another program"), "{err}");
    assert_eq!(std::fs::read(&foreign).unwrap(), bytes, "the file is untouched");
    assert_eq!(files_in(dir.path()), before, "no before-migration copy, no log");

    // Restore: refused before anything is replaced, naming the database kept.
    let db = dir.path().join("p.sqlite");
    let store = sample(&db).await;
    let (id, _) = first_title(&store, 2566).await;
    store
        .apply(Change::SetText {
            target: TextTarget::MeasureTitle(id),
            text: "ก่อนกู้คืน".into(),
        })
        .await
        .unwrap();
    store.close().await;
    let before = files_in(dir.path());
    let err = restore(&db, &foreign).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::RestoreRefused);
    let msg = err.to_string();
    assert!(
        msg.contains(&db.display().to_string()) && msg.contains("as it was"),
        "{msg}"
    );
    assert_eq!(files_in(dir.path()), before, "nothing replaced, nothing left behind");
    let store = sample(&db).await;
    assert_eq!(first_title(&store, 2566).await.1, "ก่อนกู้คืน");
    store.close().await;
}

#[tokio::test]
async fn a_backup_with_a_failed_migration_or_a_broken_history_is_not_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let store = sample(&db).await;
    let failed = dir.path().join("failed.sqlite");
    let forged = dir.path().join("forged.sqlite");
    store.backup_to(&failed).await.unwrap();
    store.backup_to(&forged).await.unwrap();
    store.close().await;
    for (file, sql) in [
        (
            &failed,
            "UPDATE _sqlx_migrations SET success = 0 WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
        ),
        (
            &forged,
            "UPDATE measure SET title = 'แก้นอกโปรแกรม' WHERE id = (SELECT MIN(id) FROM measure)",
        ),
    ] {
        use sqlx::Connection;
        let opts = sqlx::sqlite::SqliteConnectOptions::new().filename(file);
        let mut c = sqlx::SqliteConnection::connect_with(&opts).await.unwrap();
        sqlx::query(sql).execute(&mut c).await.unwrap();
        c.close().await.unwrap();
    }
    let bytes = std::fs::read(&failed).unwrap();
    let err = Store::open(&failed).await.err().expect("refused");
    assert_eq!(err.code(), ErrorCode::Migration, "{err}");
    assert_eq!(std::fs::read(&failed).unwrap(), bytes);
    for file in [&failed, &forged] {
        let before = files_in(dir.path());
        let err = restore(&db, file).await.unwrap_err();
        assert_eq!(err.code(), ErrorCode::RestoreRefused, "{err}");
        assert_eq!(files_in(dir.path()), before);
    }
    // A good backup restores, and the state before is kept.
    let good = dir.path().join("good.sqlite");
    sample(&db).await.backup_to(&good).await.unwrap();
    let safety = restore(&db, &good).await.unwrap();
    assert!(safety.exists());
    sample(&db).await.close().await;
}

#[tokio::test]
async fn any_path_the_os_accepts_opens_again() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["รายงาน?ปี#2566.sqlite", "a b&c%20d.sqlite", "x#y.sqlite"] {
        let db = dir.path().join(name);
        let store = sample(&db).await;
        let (id, _) = first_title(&store, 2566).await;
        store
            .apply(Change::SetText {
                target: TextTarget::MeasureTitle(id),
                text: format!("ชื่อ {name}"),
            })
            .await
            .unwrap();
        store.backup_to(&dir.path().join(format!("{name}.bak"))).await.unwrap();
        store.close().await;
        let store = sample(&db).await;
        assert_eq!(first_title(&store, 2566).await.1, format!("ชื่อ {name}"), "{name}");
        store.close().await;
    }
}

#[cfg(unix)]
#[tokio::test]
async fn the_lock_is_on_the_canonical_path_so_a_symlink_is_the_same_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    sample(&db).await.close().await;
    let link = dir.path().join("link.sqlite");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    let _app = AppLock::acquire(&db).unwrap();
    let err = AppLock::acquire(&link).unwrap_err();
    assert_eq!(err.code(), ErrorCode::DatabaseLocked, "{err}");
}

#[cfg(unix)]
#[tokio::test]
async fn a_write_to_a_database_replaced_under_the_store_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let store = sample(&db).await;
    let (id, _) = first_title(&store, 2566).await;
    let copy = dir.path().join("copy.sqlite");
    store.backup_to(&copy).await.unwrap();
    // Another program renames a file over the open database.
    std::fs::rename(&copy, &db).unwrap();
    let err = store
        .apply(Change::SetText {
            target: TextTarget::MeasureTitle(id),
            text: "หายไปกับไฟล์เก่า".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::DatabaseReplaced, "{err}");
    store.close().await;
    // Its log removed (another process checkpointed and deleted it).
    let store = sample(&db).await;
    std::fs::remove_file(format!("{}-wal", db.display())).unwrap();
    let err = store.undo().await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::DatabaseReplaced, "{err}");
    let err = store
        .save_text(TextTarget::MeasureTitle(id), "x".into(), "y")
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::DatabaseReplaced, "{err}");
}

/// A move that leaves a sub-item first, then a level change of it: undo
/// restores each recorded state and is never stuck.
#[tokio::test]
async fn undo_of_a_level_change_is_never_stuck() {
    use prongsai_core::change::ItemRef;
    let dir = tempfile::tempdir().unwrap();
    let store = sample(&dir.path().join("p.sqlite")).await;
    let original = serde_json::to_value(store.export_doc(2566).await.unwrap()).unwrap();
    let acts: Vec<i64> = store.report(2566).await.unwrap().measures[0]
        .activities
        .iter()
        .map(|a| a.id)
        .collect();
    assert!(acts.len() >= 2);
    for change in [
        Change::SetLevel {
            item: ItemRef::Activity(acts[1]),
            level: 1,
        },
        Change::MoveItem {
            item: ItemRef::Activity(acts[0]),
            to: 1,
        },
        Change::SetLevel {
            item: ItemRef::Activity(acts[1]),
            level: 0,
        },
    ] {
        store.apply(change).await.unwrap();
    }
    while store.undo_state().await.unwrap().undo.is_some() {
        store.undo().await.unwrap();
    }
    assert_eq!(
        serde_json::to_value(store.export_doc(2566).await.unwrap()).unwrap(),
        original
    );
}

/// verify compares every table: a category's useful life or a remembered
/// mapping changed around the app is named.
#[tokio::test]
async fn verify_names_an_edit_to_categories_or_mappings() {
    use sqlx::Connection;
    let dir = tempfile::tempdir().unwrap();
    for (i, (sql, named)) in [
        (
            "UPDATE asset_category SET useful_life = useful_life + 1 WHERE rowid = (SELECT MIN(rowid) FROM asset_category)",
            "records.categories",
        ),
        (
            "INSERT INTO import_mapping (layout, mapping) VALUES ('a', '{\"a\":\"division\"}')",
            "records.import_mappings",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let db = dir.path().join(format!("p{i}.sqlite"));
        let store = sample(&db).await;
        assert!(store.verify().await.unwrap().ok());
        store.close().await;
        let opts = sqlx::sqlite::SqliteConnectOptions::new().filename(&db);
        let mut c = sqlx::SqliteConnection::connect_with(&opts).await.unwrap();
        sqlx::query(sql).execute(&mut c).await.unwrap();
        c.close().await.unwrap();
        let store = sample(&db).await;
        let v = store.verify().await.unwrap();
        assert!(v.mismatches.iter().any(|m| m.starts_with(named)), "{named}: {v:?}");
        store.close().await;
    }
}

/// A copy just written (a backup, the state kept before a restore) opens at
/// once: a store opens its file with one connection, not two racing for
/// the log's recovery ("database is locked", one open in about 75).
#[tokio::test(flavor = "multi_thread")]
async fn a_fresh_copy_always_opens() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample(&dir.path().join("p.sqlite")).await;
    for i in 0..150 {
        let copy = dir.path().join(format!("copy-{i}.sqlite"));
        store.backup_to(&copy).await.unwrap();
        let (opened, _) = Store::open(&copy).await.unwrap_or_else(|e| panic!("copy {i}: {e}"));
        opened.close().await;
    }
}

/// The newest entries removed with their effects reverted leave a valid,
/// shorter chain that replays clean: the head Prongsai remembered beside
/// the file, or a backup's, shows it.
#[tokio::test]
async fn verify_finds_the_newest_entries_removed_with_their_effects() {
    use sqlx::Connection;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let store = sample(&db).await;
    let (id, original) = first_title(&store, 2566).await;
    store
        .apply(Change::SetText {
            target: TextTarget::MeasureTitle(id),
            text: "แก้แล้วลบทิ้ง".into(),
        })
        .await
        .unwrap();
    let backup = dir.path().join("b.sqlite");
    store.backup_to(&backup).await.unwrap();
    // A printed report names the entry it was made at.
    let pdf = dir.path().join("r.pdf");
    prongsai_core::documents::export_report(&store, 2566, None, None, &pdf)
        .await
        .unwrap();
    let check = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    assert!(store.verify().await.unwrap().ok());
    assert_eq!(store.verify_against(&backup).await.unwrap(), None);
    assert_eq!(store.verify_against(&pdf).await.unwrap(), None);
    store.close().await;
    // Around the app: drop the guard, delete the newest entry, revert it.
    let opts = sqlx::sqlite::SqliteConnectOptions::new().filename(&db);
    let mut c = sqlx::SqliteConnection::connect_with(&opts).await.unwrap();
    for sql in [
        "DROP TRIGGER change_log_no_delete".to_owned(),
        "DELETE FROM change_log WHERE id = (SELECT MAX(id) FROM change_log)".to_owned(),
        format!("UPDATE measure SET title = '{original}' WHERE id = {id}"),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut c).await.unwrap();
    }
    c.close().await.unwrap();
    let store = sample(&db).await;
    let v = store.verify().await.unwrap();
    assert!(v.broken_at.is_none(), "the shorter chain is intact");
    assert!(
        v.mismatches
            .iter()
            .any(|m| m.contains("the newest entries were removed")),
        "{v:?}"
    );
    for copy in [&backup, &pdf] {
        let against = store.verify_against(copy).await.unwrap().unwrap();
        assert!(against.contains("newest entries were removed"), "{against}");
    }
    // A restore makes the restored history the one held.
    store.close().await;
    restore(&db, &backup).await.unwrap();
    let store = sample(&db).await;
    assert!(store.verify().await.unwrap().ok());
}
