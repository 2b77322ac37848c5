//! The store against real SQLite files, one fresh database per test.

use std::path::{Path, PathBuf};

use prongsai_core::store::known_schema_version;
use prongsai_core::*;

fn db(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("prongsai.sqlite")
}

async fn seeded(dir: &tempfile::TempDir) -> Store {
    let (store, report) = Store::open_or_seed(&db(dir)).await.unwrap();
    assert!(report.created && report.seeded);
    store
}

async fn sqlite_conn(path: &Path) -> sqlx::SqliteConnection {
    use sqlx::Connection;
    sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=rwc", path.display()))
        .await
        .unwrap()
}

#[tokio::test]
async fn migrations_create_the_schema_on_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let (store, report) = Store::open(&db(&dir)).await.unwrap();
    assert!(report.created && !report.seeded && report.backup.is_none());
    assert!(store.is_empty().await.unwrap());
    assert!(store.years().await.unwrap().is_empty());
    store.close().await;

    let mut conn = sqlite_conn(&db(&dir)).await;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(version, known_schema_version());
    let tables: Vec<String> = sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    for t in [
        "organization",
        "fiscal_year",
        "measure",
        "activity",
        "result",
        "evidence",
        "outcome",
        "change_log",
    ] {
        assert!(tables.iter().any(|x| x == t), "missing table {t}: {tables:?}");
    }
}

#[tokio::test]
async fn foreign_keys_cascade_when_a_year_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeded(&dir).await;
    let mut doc = store.export_doc(2566).await.unwrap();
    doc.measures.truncate(1);
    store
        .apply(Change::ImportReport {
            doc: Box::new(doc),
            replace: true,
        })
        .await
        .unwrap();
    store.check_integrity().await.unwrap();
    // The sample's FY 2568 draft keeps its own rows.
    let other = store.report(2568).await.unwrap();
    let results: i64 = other.measures.iter().map(|m| m.results.len() as i64).sum();
    let evidence: i64 = other
        .measures
        .iter()
        .flat_map(|m| &m.results)
        .map(|r| r.evidence.len() as i64)
        .sum();
    store.close().await;
    // With foreign keys off the old year's rows would stay behind as orphans.
    let mut conn = sqlite_conn(&db(&dir)).await;
    let counts: (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM measure), (SELECT COUNT(*) FROM result), (SELECT COUNT(*) FROM evidence)",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(counts, (1 + other.measures.len() as i64, 6 + results, 4 + evidence));
}

#[tokio::test]
async fn sample_loads_the_reference_report() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeded(&dir).await;
    let years = store.years().await.unwrap();
    // The reference report, and the same moved forward as the FY 2568 draft.
    assert_eq!(
        years.iter().map(|y| (y.year_be, y.measures)).collect::<Vec<_>>(),
        [(2568, 4), (2566, 4)]
    );
    let r = store.report(2566).await.unwrap();
    assert_eq!(r.organization.name_th, "กรมทรัพย์สินทางปัญญา");
    assert_eq!(r.measures.len(), 4);
    assert_eq!(r.outcomes.len(), 5);
    let titles: Vec<&str> = r.measures.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "สร้างการรับรู้การใช้จ่ายงบประมาณประจำปี",
            "เปิดโอกาสให้บุคลากรมีส่วนร่วมตรวจสอบการใช้จ่ายงบประมาณ",
            "ปรับปรุงขั้นตอนการยืมทรัพย์สินของราชการ",
            "สร้างการรับรู้การใช้ทรัพย์สินของราชการ",
        ]
    );
    let results: Vec<usize> = r.measures.iter().map(|m| m.results.len()).collect();
    assert_eq!(results, [6, 5, 3, 1]);
    // Numbering comes from the order: measure 2's sub-items are 1) 2) 3).
    let labels: Vec<&str> = r.measures[1].results.iter().map(|x| x.label.as_str()).collect();
    assert_eq!(labels, ["1.", "1)", "2)", "3)", "2."]);
    assert_eq!(r.measures[3].activities[0].label, "");
    assert_eq!(r.outcomes[4].label, "2.5");
    // The memo circular of 5 April 2566 is structured evidence.
    let memo = r.measures[0].results[0]
        .evidence
        .iter()
        .find_map(|e| match &e.evidence {
            Evidence::Memo { number, date, urgency } => Some((number.clone(), *date, *urgency)),
            _ => None,
        })
        .unwrap();
    assert_eq!(memo.0, "พณ 0701.08/ว24");
    assert_eq!(memo.1.to_string(), "2023-04-05");
    assert_eq!(memo.2, Urgency::MostUrgent);
}

/// Every paragraph of the reference text (markup and numbering removed,
/// digits in storage form) is somewhere in the sample, word for word.
#[tokio::test]
async fn sample_is_a_faithful_transcription() {
    let reference = include_str!("../sample/dip-fy2566-integrity-report.txt");
    let dir = tempfile::tempdir().unwrap();
    let store = seeded(&dir).await;
    // The report as it is shown and printed: its headings name the agency
    // by placeholder, filled in here.
    let report = store.report(2566).await.unwrap();
    let all = squash(&serde_json::to_string(&report).unwrap().replace("\\n", " "));
    let mut checked = 0;
    for line in reference.lines() {
        for cell in line.split('\t') {
            for raw in cell.split("<p>").flat_map(|s| s.split("</p>")) {
                let raw = raw.split("<div").next().unwrap_or("").replace("**", "");
                let text = strip_number(&squash(&thai::to_storage(&raw)));
                if text.chars().count() < 12 {
                    continue;
                }
                // The report breaks measure 4's result over two pages.
                for piece in text.split(" ลงวันที่ 5 เมษายน 2566 และผ่านระบบ")
                {
                    assert!(all.contains(piece.trim()), "not in the sample: {piece}");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 25, "only {checked} paragraphs checked");
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strip_number(s: &str) -> String {
    let s = s.trim_start_matches(['-', ' ']);
    let digits = s.chars().take_while(|c| c.is_ascii_digit() || *c == '.').count();
    if digits > 0 && s[digits..].starts_with([' ', ')']) || s.chars().nth(digits) == Some(')') {
        s[digits..].trim_start_matches(')').trim().to_owned()
    } else {
        s.to_owned()
    }
}

#[tokio::test]
async fn an_edit_is_stored_logged_and_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeded(&dir).await;
    let r = store.report(2566).await.unwrap();
    let target = r.measures[1].results[2].id;
    let old = r.measures[1].results[2].text.clone();
    let before = store.change_count().await.unwrap();
    let applied = store
        .apply(Change::SetText {
            target: TextTarget::Result(target),
            text: "  ผลใหม่ ๒๕๖๖ <b>ตัวหนา</b>  ".into(),
        })
        .await
        .unwrap();
    assert_eq!(applied.year_be, 2566);
    assert_eq!(store.change_count().await.unwrap(), before + 1);
    store.close().await;

    let (store, report) = Store::open_or_seed(&db(&dir)).await.unwrap();
    assert!(!report.created && !report.seeded);
    let r = store.report(2566).await.unwrap();
    // Stored trimmed, with Arabic digits, markup kept as plain text.
    assert_eq!(r.measures[1].results[2].text, "ผลใหม่ 2566 <b>ตัวหนา</b>");
    // Shown with Thai digits when the organization says so.
    let shown = r.clone().for_display(Digits::Thai);
    assert_eq!(shown.measures[1].results[2].text, "ผลใหม่ ๒๕๖๖ <b>ตัวหนา</b>");
    assert_eq!(shown.measures[1].results[0].label, "๑.");
    store.close().await;

    let mut conn = sqlite_conn(&db(&dir)).await;
    let (change, before): (String, String) =
        sqlx::query_as("SELECT change, before FROM change_log ORDER BY id DESC LIMIT 1")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert!(change.contains("ผลใหม่ 2566"));
    // `before` holds the inverse change, which undo applies: the old text.
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&before).unwrap()["undo"]["text"],
        old
    );
    // The log cannot be rewritten.
    assert!(sqlx::query("DELETE FROM change_log").execute(&mut conn).await.is_err());
    assert!(
        sqlx::query("UPDATE change_log SET actor = 'x'")
            .execute(&mut conn)
            .await
            .is_err()
    );
}

#[tokio::test]
async fn refused_edits_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeded(&dir).await;
    let doc_before = store.export_doc(2566).await.unwrap();
    let changes = store.change_count().await.unwrap();
    let m = &store.report(2566).await.unwrap().measures[0];
    let cases = [
        (TextTarget::MeasureTitle(m.id), " \n ".to_owned(), ErrorCode::EmptyText),
        (
            TextTarget::Activity(m.activities[0].id),
            "".to_owned(),
            ErrorCode::EmptyText,
        ),
        (
            TextTarget::Result(m.results[0].id),
            "ก".repeat(20_001),
            ErrorCode::TextTooLong,
        ),
        (
            TextTarget::Result(m.results[0].id),
            "a\u{7}b".to_owned(),
            ErrorCode::InvalidInput,
        ),
        (TextTarget::Result(987_654), "x".to_owned(), ErrorCode::NotFound),
    ];
    for (target, text, code) in cases {
        let err = store.apply(Change::SetText { target, text }).await.unwrap_err();
        assert_eq!(err.code(), code, "{err}");
    }
    // Remarks may be emptied.
    store
        .apply(Change::SetText {
            target: TextTarget::MeasureRemarks(m.id),
            text: " ".into(),
        })
        .await
        .unwrap();
    assert_eq!(store.export_doc(2566).await.unwrap(), doc_before);
    assert_eq!(store.change_count().await.unwrap(), changes + 1);
}

#[tokio::test]
async fn export_import_export_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeded(&dir).await;
    let first = doc::to_json(&store.export_doc(2566).await.unwrap());
    let parsed = doc::parse(&first).unwrap();
    store
        .apply(Change::ImportReport {
            doc: Box::new(parsed),
            replace: true,
        })
        .await
        .unwrap();
    let second = doc::to_json(&store.export_doc(2566).await.unwrap());
    assert_eq!(first, second);

    // Into another database too.
    let other = tempfile::tempdir().unwrap();
    let (store2, _) = Store::open(&db(&other)).await.unwrap();
    store2
        .apply(Change::ImportReport {
            doc: Box::new(doc::parse(&first).unwrap()),
            replace: false,
        })
        .await
        .unwrap();
    assert_eq!(doc::to_json(&store2.export_doc(2566).await.unwrap()), first);
}

#[tokio::test]
async fn an_existing_year_is_only_replaced_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeded(&dir).await;
    let mut doc = store.export_doc(2566).await.unwrap();
    doc.measures.truncate(1);
    let err = store
        .apply(Change::ImportReport {
            doc: Box::new(doc.clone()),
            replace: false,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::YearExists);
    assert_eq!(store.report(2566).await.unwrap().measures.len(), 4);
    store
        .apply(Change::ImportReport {
            doc: Box::new(doc),
            replace: true,
        })
        .await
        .unwrap();
    assert_eq!(store.report(2566).await.unwrap().measures.len(), 1);
}

#[tokio::test]
async fn a_malformed_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeded(&dir).await;
    let before = doc::to_json(&store.export_doc(2566).await.unwrap());
    let changes = store.change_count().await.unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&before).unwrap();
    // Valid JSON, valid first measures, a fault deep in the last one: the
    // whole import must be refused, not half applied.
    v["measures"][3]["results"][0]["evidence"][0]["date"] = "2023-02-30".into();
    let err = doc::parse(&v.to_string()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::MalformedImport);
    // (serde sees inside a tagged enum only as a whole: the path ends at the item)
    assert!(
        err.to_string().starts_with("measures[3].results[0].evidence[0]: "),
        "{err}"
    );

    // A document that parses but breaks a rule inside the transaction
    // (a division listed twice) rolls back everything.
    let other = tempfile::tempdir().unwrap();
    let (empty, _) = Store::open(&db(&other)).await.unwrap();
    let mut dup = doc::parse(&before).unwrap();
    dup.organization.divisions.push(dup.organization.divisions[0].clone());
    let err = empty
        .apply(Change::ImportReport {
            doc: Box::new(dup),
            replace: false,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(empty.is_empty().await.unwrap(), "a failed import left rows behind");

    assert_eq!(doc::to_json(&store.export_doc(2566).await.unwrap()), before);
    assert_eq!(store.change_count().await.unwrap(), changes);
}

fn file_bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

#[tokio::test]
async fn a_database_from_a_newer_app_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    seeded(&dir).await.close().await;
    {
        let mut conn = sqlite_conn(&path).await;
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES (99990101000000, 'from the future', 1, x'00', 0)",
        )
        .execute(&mut conn)
        .await
        .unwrap();
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&mut conn)
            .await
            .unwrap();
    }
    let before = file_bytes(&path);
    let err = Store::open(&path).await.err().unwrap();
    assert_eq!(err.code(), ErrorCode::DatabaseTooNew);
    assert!(err.to_string().contains("newer Prongsai"), "{err}");
    assert_eq!(file_bytes(&path), before, "the newer database was modified");
}

#[tokio::test]
async fn an_older_schema_is_backed_up_then_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    {
        // A database at schema version 0: the migration table, nothing else.
        let mut conn = sqlite_conn(&path).await;
        sqlx::query(
            "CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, \
             installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, success BOOLEAN NOT NULL, \
             checksum BLOB NOT NULL, execution_time BIGINT NOT NULL)",
        )
        .execute(&mut conn)
        .await
        .unwrap();
    }
    let (store, report) = Store::open_or_seed(&path).await.unwrap();
    let backup = report.backup.expect("no backup before migrating");
    assert!(
        backup
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .contains("before-migration-v0")
    );
    assert!(backup.exists());
    assert!(report.seeded);
    assert_eq!(store.years().await.unwrap().len(), 2);
    // The backup is the old database, readable and unmigrated.
    let mut conn = sqlite_conn(&backup).await;
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'measure'")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn foreign_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.sqlite");
    {
        let mut conn = sqlite_conn(&path).await;
        sqlx::query("CREATE TABLE notes (x TEXT)")
            .execute(&mut conn)
            .await
            .unwrap();
    }
    let before = file_bytes(&path);
    let err = Store::open(&path).await.err().unwrap();
    assert!(err.to_string().contains("not a Prongsai database"), "{err}");
    assert_eq!(file_bytes(&path), before);

    let text = dir.path().join("report.txt");
    std::fs::write(&text, "this is not a database, just text that is long enough").unwrap();
    let err = Store::open(&text).await.err().unwrap();
    assert!(err.to_string().contains("not a Prongsai database"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "this is not a database, just text that is long enough"
    );
}

#[tokio::test]
async fn an_approved_year_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeded(&dir).await;
    // A status is set by the status change only (an import brings none).
    let mut doc = store.export_doc(2566).await.unwrap();
    doc.year.status = YearStatus::Approved;
    let err = store
        .apply(Change::ImportReport {
            doc: Box::new(doc.clone()),
            replace: true,
        })
        .await
        .unwrap_err();
    assert!(err.to_string().contains("an imported year is a draft"), "{err}");
    store
        .apply(Change::SetStatus {
            year_be: 2566,
            status: YearStatus::Approved,
            by: "อธิบดี".into(),
            url: String::new(),
            reason: String::new(),
            at: None,
        })
        .await
        .unwrap();
    // Approved: even a replacing import is refused.
    doc.year.status = YearStatus::Draft;
    let err = store
        .apply(Change::ImportReport {
            doc: Box::new(doc),
            replace: true,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::YearLocked);
    let id = store.report(2566).await.unwrap().outcomes[0].id;
    let err = store
        .apply(Change::SetText {
            target: TextTarget::Outcome(id),
            text: "ใหม่".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::YearLocked);
}
