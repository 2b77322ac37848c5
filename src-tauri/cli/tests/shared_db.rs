//! The app and the CLI on one database. The "app" here is this test process
//! opening the database exactly as the app does (`store::session::open`
//! with `Access::App`, what `AppState::open` calls); the CLI is the real
//! binary.

use std::path::Path;
use std::process::Command;

use prongsai_core::store::{Access, session};
use prongsai_core::{Change, Store, TextTarget};

fn cli(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_prongsai-cli"));
    c.arg("--db").arg(db);
    c
}

async fn set_remarks(store: &Store, text: &str) -> i64 {
    let id = store.report(2566).await.unwrap().measures[0].id;
    store
        .apply(Change::SetText {
            target: TextTarget::MeasureRemarks(id),
            text: text.into(),
        })
        .await
        .unwrap()
        .change_id
}

/// SQLite's documented hazard: POSIX advisory locks belong to the process
/// and are all dropped when ANY descriptor of the file is closed in it (a
/// native file dialog or a thumbnailer reading the folder is enough). Then
/// the CLI, closing the last connection it knows of, could checkpoint and
/// delete the write-ahead log the app still writes to: every later save of
/// the app would go to an unlinked file and be gone after a restart.
#[tokio::test]
async fn a_closed_descriptor_in_the_app_never_lets_the_cli_lose_its_saves() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let app = session::open(&db, Access::App).await.unwrap();
    let first = set_remarks(&app.store, "บันทึกก่อน").await;
    // A dialog or a sync tool inside the app's process opens and closes the
    // database's files. (With SQLite 3.51 the -shm lock alone still guards
    // the log; closing that file too drops it.)
    for suffix in ["", "-wal", "-shm"] {
        drop(std::fs::File::open(format!("{}{suffix}", db.display())).unwrap());
    }

    // The CLI reads beside the app (read-only), and exits.
    let pdf = dir.path().join("r.pdf");
    let out = cli(&db)
        .args(["export", "--year", "2566", "--out"])
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(pdf.exists());
    // It did not checkpoint and delete the log the app writes to (a CLI
    // that opened the database read-write did, once the app's POSIX locks
    // were dropped: the app's next saves then went to an unlinked file).
    assert!(
        Path::new(&format!("{}-wal", db.display())).exists(),
        "the CLI removed the app's write-ahead log"
    );
    // It sees what the app saved.
    let json = cli(&db).args(["report", "--year", "2566"]).output().unwrap();
    assert!(String::from_utf8_lossy(&json.stdout).contains("บันทึกก่อน"));
    // A write is refused in one line, naming the app; nothing changed.
    let out = cli(&db)
        .args(["year", "new", "--from", "2566", "--to", "2567"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("open in the Prongsai app"), "{err}");
    assert!(Path::new(&format!("{}-wal", db.display())).exists());

    // The app saves again, then restarts: every save is there.
    let second = set_remarks(&app.store, "บันทึกหลัง").await;
    app.store.close().await;
    drop(app.lock);
    let reopened = session::open(&db, Access::App).await.unwrap().store;
    assert_eq!(reopened.report(2566).await.unwrap().measures[0].remarks, "บันทึกหลัง");
    assert!(reopened.raw_change(first).await.unwrap().is_some());
    assert!(reopened.raw_change(second).await.unwrap().is_some());
    assert!(reopened.years().await.unwrap().iter().all(|y| y.year_be != 2567));
    let v = reopened.verify().await.unwrap();
    assert!(v.ok(), "{v:?}");
}

#[tokio::test]
async fn restore_is_refused_while_the_app_has_the_database_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let backup = dir.path().join("b.sqlite");
    let app = session::open(&db, Access::App).await.unwrap();
    app.store.backup_to(&backup).await.unwrap();
    set_remarks(&app.store, "หลังสำรอง").await;
    let out = cli(&db).arg("restore").arg(&backup).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("open in the Prongsai app"), "{err}");
    // The app goes on saving into the file that is still the database.
    set_remarks(&app.store, "ยังบันทึกได้").await;
    app.store.close().await;
    drop(app.lock);
    let store = Store::open(&db).await.unwrap().0;
    assert_eq!(store.report(2566).await.unwrap().measures[0].remarks, "ยังบันทึกได้");
    store.close().await;
    // With the app closed the restore goes through, keeping the state before.
    let out = cli(&db).arg("restore").arg(&backup).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// `backup --out` killed part-way (here by the file-size limit, as a full
/// disk would stop it) leaves no file at the name asked for.
#[cfg(unix)]
#[test]
fn a_backup_cut_short_leaves_no_file_at_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    assert!(cli(&db).arg("years").status().unwrap().success());
    let out = dir.path().join("copy.sqlite");
    // 100 KiB: the open writes less, the copy of the sample (240 KiB) more.
    let status = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "ulimit -f 100; exec \"{}\" --db \"{}\" backup --out \"{}\"",
            env!("CARGO_BIN_EXE_prongsai-cli"),
            db.display(),
            out.display()
        ))
        .status()
        .unwrap();
    assert!(!status.success(), "the copy is larger than the limit");
    assert!(!out.exists(), "a partial copy at the final name");
    // Without the limit the copy is whole and opens.
    assert!(
        cli(&db)
            .arg("backup")
            .arg("--out")
            .arg(&out)
            .status()
            .unwrap()
            .success()
    );
    assert!(cli(&out).arg("verify").output().unwrap().status.success());
}
