//! Rolling backups, the app's lock on its database, and a record's history.

use chrono::{TimeZone, Utc};
use prongsai_core::store::{AppLock, Retention, backups};
use prongsai_core::{Change, CoreError, Store, TextTarget};

async fn sample(dir: &std::path::Path) -> Store {
    Store::open_or_seed(&dir.join("prongsai.sqlite")).await.unwrap().0
}

async fn edit_remarks(store: &Store, text: &str) {
    let id = store.report(2566).await.unwrap().measures[0].id;
    store
        .apply(Change::SetText {
            target: TextTarget::MeasureRemarks(id),
            text: text.into(),
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn rolling_backups_only_when_changed_and_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample(dir.path()).await;
    let keep = Retention { per_day: 2, days: 2 };
    let at = |d, h| Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap();

    let first = store
        .rolling_backup(at(25, 9), keep)
        .await
        .unwrap()
        .expect("a first backup");
    assert!(first.starts_with(backups::backup_dir(store.path())));
    // No change since: nothing new.
    assert!(store.rolling_backup(at(25, 10), keep).await.unwrap().is_none());
    // Each change, a new one; the set is pruned to 2 a day for 2 days.
    for (i, (d, h)) in [(25, 11), (25, 12), (26, 9), (27, 9), (27, 10), (27, 11)]
        .into_iter()
        .enumerate()
    {
        edit_remarks(&store, &format!("แก้ครั้งที่ {i}")).await;
        assert!(store.rolling_backup(at(d, h), keep).await.unwrap().is_some());
    }
    let left = backups::list(&backups::backup_dir(store.path())).unwrap();
    let stamps: Vec<&str> = left.iter().map(|b| &b.name[9..24]).collect();
    assert_eq!(stamps, ["20261127T110000", "20261127T100000", "20261126T090000"]);
    // Every file left is a database holding the history up to its entry.
    let newest = &left[0];
    let path = backups::resolve(&backups::backup_dir(store.path()), &newest.name).unwrap();
    let (copy, _) = Store::open(&path).await.unwrap();
    assert_eq!(copy.change_count().await.unwrap(), newest.change_id);
    assert_eq!(copy.report(2566).await.unwrap().measures[0].remarks, "แก้ครั้งที่ 5");
    assert!(copy.verify().await.unwrap().ok());
}

#[tokio::test]
async fn a_second_app_on_the_same_database_is_refused_until_the_first_closes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("prongsai.sqlite");
    let first = AppLock::acquire(&db).unwrap();
    match AppLock::acquire(&db) {
        Err(e @ CoreError::Refused(prongsai_core::Refusal::OpenInAnotherWindow { .. })) => {
            assert_eq!(e.code(), prongsai_core::ErrorCode::DatabaseLocked);
            assert!(e.to_string().contains("another Prongsai window"), "{e}");
        }
        other => panic!("expected a lock error, got {other:?}"),
    }
    // Another database is not affected.
    let _other = AppLock::acquire(&dir.path().join("other.sqlite")).unwrap();
    drop(first);
    AppLock::acquire(&db).unwrap();
}

#[tokio::test]
async fn a_fields_history_lists_every_version_with_undo_and_batches() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample(dir.path()).await.with_actor("สมหญิง");
    let r = store.report(2566).await.unwrap();
    let activity = r.measures[0].activities[0].clone();
    let target = TextTarget::Activity(activity.id);
    store
        .apply(Change::SetText {
            target,
            text: "ฉบับแก้ ๑".into(),
        })
        .await
        .unwrap();
    store.undo().await.unwrap();
    // A split writes the first half through a batch.
    store
        .apply(Change::SplitItem {
            item: prongsai_core::change::ItemRef::Activity(activity.id),
            at: 5,
        })
        .await
        .unwrap();
    let h = store.history_of(target).await.unwrap();
    let seen: Vec<(&str, &str)> = h.iter().map(|e| (e.kind.as_str(), e.text.as_str())).collect();
    let head: String = activity.text.chars().take(5).collect();
    assert_eq!(
        seen,
        [("do", head.trim()), ("undo", activity.text.as_str()), ("do", "ฉบับแก้ 1")]
    );
    assert!(h.iter().all(|e| e.actor == "สมหญิง"));
    // Another field's history does not include these.
    let other = TextTarget::Activity(r.measures[0].activities[1].id);
    assert!(store.history_of(other).await.unwrap().is_empty());
}
