//! The CLI contract, run as a real process over real database files.

use assert_cmd::Command;

fn cli(db: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("prongsai-cli").unwrap();
    c.arg("--db").arg(db);
    c
}

fn stdout(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn failure(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(!out.status.success(), "unexpectedly succeeded");
    let err = String::from_utf8(out.stderr).unwrap();
    // Exactly one error line, and it is the last thing printed.
    let errors = err.lines().filter(|l| l.starts_with("prongsai-cli: error: ")).count();
    assert_eq!(errors, 1, "not one error line: {err}");
    assert!(
        err.trim_end()
            .lines()
            .last()
            .unwrap()
            .starts_with("prongsai-cli: error: ")
    );
    err
}

#[test]
fn first_use_creates_the_database_with_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sub/dir/p.sqlite");
    let out = cli(&db).arg("years").output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "2566\tdraft\t4 measures\n");
    assert!(String::from_utf8(out.stderr).unwrap().contains("sample report"));
    assert!(db.exists());
    // Second run: no seeding message.
    let out = cli(&db).args(["years", "--format", "json"]).output().unwrap();
    assert!(out.stderr.is_empty());
    let years: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(years[0]["year_be"], 2566);
}

#[test]
fn report_import_replace_report_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let first = stdout(cli(&db).args(["report", "--year", "2566", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(v["measures"].as_array().unwrap().len(), 4);
    assert_eq!(v["outcomes"].as_array().unwrap().len(), 5);
    let file = dir.path().join("r.json");
    std::fs::write(&file, &first).unwrap();

    let err = failure(cli(&db).arg("import-report").arg(&file));
    assert!(err.contains("2566 already exists"), "{err}");
    let msg = stdout(cli(&db).arg("import-report").arg(&file).arg("--replace"));
    assert_eq!(msg, "imported fiscal year 2566 (4 measures)\n");
    let second = stdout(cli(&db).args(["report", "--year", "2566"]));
    assert_eq!(first, second);
}

#[test]
fn malformed_files_are_refused_with_their_json_path_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let before = stdout(cli(&db).args(["report", "--year", "2566"]));
    let mut v: serde_json::Value = serde_json::from_str(&before).unwrap();
    v["measures"][2]["activities"][1]["text"] = serde_json::Value::Null;
    let cases = [
        (v.to_string(), "measures[2].activities[1].text: invalid type: null"),
        (before[..before.len() / 2].to_owned(), "EOF while parsing"),
        ("[]".to_owned(), "$: invalid length 0, expected struct ReportDoc"),
        ("{}".to_owned(), "$: missing field `format`"),
        (
            before.replace("\"year_be\": 2566", "\"year_be\": 2023"),
            "year.year_be: 2023 looks like a Christian-era year",
        ),
    ];
    for (text, expected) in cases {
        let file = dir.path().join("bad.json");
        std::fs::write(&file, text).unwrap();
        let err = failure(cli(&db).arg("import-report").arg(&file).arg("--replace"));
        assert!(err.contains(expected), "expected {expected:?} in {err}");
    }
    let file = dir.path().join("latin1.json");
    std::fs::write(&file, b"{\"format\": \"\xe9\"}").unwrap();
    assert!(failure(cli(&db).arg("import-report").arg(&file)).contains("not UTF-8"));
    assert!(failure(cli(&db).arg("import-report").arg(dir.path().join("missing.json"))).contains("cannot read"));
    assert_eq!(stdout(cli(&db).args(["report", "--year", "2566"])), before);
}

#[test]
fn unknown_years_and_ce_years_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    assert!(failure(cli(&db).args(["report", "--year", "2567"])).contains("fiscal year 2567 not found"));
    assert!(failure(cli(&db).args(["report", "--year", "2023"])).contains("did you mean 2566"));
}

#[test]
fn every_command_has_help() {
    for args in [
        &["--help"][..],
        &["years", "--help"],
        &["report", "--help"],
        &["import-report", "--help"],
        &["export", "--help"],
        &["export-memo", "--help"],
        &["memos", "--help"],
        &["org", "set-emblem", "--help"],
        &["year", "new", "--help"],
        &["year", "status", "--help"],
        &["undo", "--help"],
        &["search", "--help"],
        &["assets", "import", "--help"],
        &["assets", "list", "--help"],
        &["loan", "request", "--help"],
        &["loan", "list", "--help"],
        &["inspection", "start", "--help"],
    ] {
        let out = Command::cargo_bin("prongsai-cli").unwrap().args(args).output().unwrap();
        assert!(out.status.success());
        assert!(String::from_utf8(out.stdout).unwrap().contains("Usage: prongsai-cli"));
    }
}

#[test]
fn a_newer_database_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    stdout(cli(&db).arg("years"));
    let status = std::process::Command::new("python3")
        .arg("-c")
        .arg(format!(
            "import sqlite3; c = sqlite3.connect({:?}); c.execute(\"INSERT INTO _sqlx_migrations VALUES (99990101000000, 'x', CURRENT_TIMESTAMP, 1, x'00', 0)\"); c.commit()",
            db.to_str().unwrap()
        ))
        .status()
        .unwrap();
    assert!(status.success());
    assert!(failure(cli(&db).arg("years")).contains("newer Prongsai"));
}

#[test]
fn export_writes_the_report_and_memo_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let pdf = dir.path().join("report.pdf");
    let out = stdout(cli(&db).args(["export", "--year", "2566", "--out"]).arg(&pdf));
    assert!(out.starts_with("wrote "));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-") && bytes.len() > 10_000);
    let portrait = dir.path().join("portrait.pdf");
    stdout(
        cli(&db)
            .args([
                "export",
                "--year",
                "2566",
                "--digits",
                "arabic",
                "--orientation",
                "portrait",
                "--out",
            ])
            .arg(&portrait),
    );
    assert!(std::fs::read(&portrait).unwrap().starts_with(b"%PDF-"));

    let memos = stdout(cli(&db).arg("memos"));
    let id = memos.split('\t').next().unwrap().to_owned();
    assert!(memos.contains("พณ 0701.08/ว24"), "{memos}");
    let memo = dir.path().join("memo.pdf");
    let out = cli(&db)
        .args(["export-memo", "--id", &id, "--out"])
        .arg(&memo)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stderr).unwrap().contains("no emblem is set"));
    assert!(std::fs::read(&memo).unwrap().starts_with(b"%PDF-"));

    let png = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/emblem.png");
    stdout(cli(&db).args(["org", "set-emblem"]).arg(&png));
    let out = cli(&db)
        .args(["export-memo", "--id", &id, "--out"])
        .arg(&memo)
        .output()
        .unwrap();
    assert!(out.status.success() && out.stderr.is_empty());
    assert!(failure(cli(&db).args(["org", "set-emblem"]).arg(&pdf)).contains("not a PNG, JPEG or SVG"));
}

#[test]
fn export_errors_are_one_line_and_leave_files_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    assert!(
        failure(
            cli(&db)
                .args(["export", "--year", "2566", "--out"])
                .arg(dir.path().join("no/dir/r.pdf"))
        )
        .contains("cannot write")
    );
    assert!(failure(cli(&db).args(["export", "--year", "2570", "--out", "x.pdf"])).contains("not found"));
    assert!(failure(cli(&db).args(["export-memo", "--id", "999", "--out", "x.pdf"])).contains("memo 999 not found"));
    let existing = dir.path().join("keep.pdf");
    std::fs::write(&existing, b"old").unwrap();
    assert!(failure(cli(&db).args(["export", "--year", "2023", "--out"]).arg(&existing)).contains("did you mean 2566"));
    assert_eq!(std::fs::read(&existing).unwrap(), b"old");
}

#[test]
fn baht_text_prints_thai_words_without_a_database() {
    let run = |amount: &str| {
        let out = Command::cargo_bin("prongsai-cli")
            .unwrap()
            .args(["--db", "/nonexistent/dir/x.sqlite", "baht-text", "--", amount])
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    assert_eq!(run("121.21").1, "หนึ่งร้อยยี่สิบเอ็ดบาทยี่สิบเอ็ดสตางค์\n");
    assert_eq!(run("21,000,000").1, "ยี่สิบเอ็ดล้านบาทถ้วน\n");
    assert_eq!(run("-5").1, "ลบห้าบาทถ้วน\n");
    assert_eq!(run("(๑๐๑)").1, "ลบหนึ่งร้อยเอ็ดบาทถ้วน\n");
    let (ok, _, err) = run("1.234,56");
    assert!(!ok && err.contains("is not an amount"), "{err}");
}

#[test]
fn budget_report_covers_the_months_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let six: serde_json::Value = serde_json::from_str(&stdout(cli(&db).args([
        "budget",
        "report",
        "--year",
        "2566",
        "--through",
        "2023-03",
    ])))
    .unwrap();
    assert_eq!(six["through_month"], 6);
    assert_eq!(six["through"], "2023-03-31");
    assert_eq!(six["quarter"], 2);
    assert_eq!(six["total"]["allocated"], "0");
    let year: serde_json::Value =
        serde_json::from_str(&stdout(cli(&db).args(["budget", "report", "--year", "2566"]))).unwrap();
    assert_eq!(year["through"], "2023-09-30");
    assert!(
        failure(cli(&db).args(["budget", "report", "--year", "2566", "--through", "2566-03"]))
            .contains("Christian era")
    );
    assert!(
        failure(cli(&db).args(["budget", "report", "--year", "2566", "--through", "2023-10"]))
            .contains("not in fiscal year 2566")
    );
    assert!(failure(cli(&db).args(["budget", "report", "--year", "2567"])).contains("not found"));
}

#[test]
fn budget_import_is_all_or_nothing_and_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let good = dir.path().join("budget.csv");
    std::fs::write(
        &good,
        "หน่วยงาน,งบรายจ่าย,งบประมาณที่ได้รับจัดสรร,เดือน,แผนการใช้จ่าย,เบิกจ่าย\n\
         กลุ่มบริหารงานคลัง,งบดำเนินงาน,\"1,000,000\",2022-10,\"100,000\",\"80,000\"\n\
         กลุ่มบริหารงานคลัง,งบดำเนินงาน,,2023-03,\"100,000\",\"120,000.50\"\n",
    )
    .unwrap();
    let dry = stdout(
        cli(&db)
            .arg("budget")
            .arg("import")
            .arg(&good)
            .args(["--year", "2566", "--dry-run"]),
    );
    assert!(
        dry.starts_with("dry run, nothing written: 2 rows: 1 lines added"),
        "{dry}"
    );
    let before: serde_json::Value =
        serde_json::from_str(&stdout(cli(&db).args(["budget", "report", "--year", "2566"]))).unwrap();
    assert_eq!(before["total"]["allocated"], "0");

    let done = stdout(cli(&db).arg("budget").arg("import").arg(&good).args(["--year", "2566"]));
    assert!(done.starts_with("imported 2 rows"), "{done}");
    let again = stdout(cli(&db).arg("budget").arg("import").arg(&good).args(["--year", "2566"]));
    assert!(again.starts_with("nothing to change"), "{again}");
    let six: serde_json::Value = serde_json::from_str(&stdout(cli(&db).args([
        "budget",
        "report",
        "--year",
        "2566",
        "--through",
        "2023-03",
    ])))
    .unwrap();
    assert_eq!(six["total"]["disbursed"], "200000.50");
    assert_eq!(six["total"]["percent_disbursed"], "20.00");

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "division,category,allocated\nกลุ่มบริหารงานคลัง,investment,500\nกองลับ,investment,12.345\n",
    )
    .unwrap();
    let out = cli(&db)
        .arg("budget")
        .arg("import")
        .arg(&bad)
        .args(["--year", "2566"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let listed = String::from_utf8(out.stdout).unwrap();
    assert!(
        listed.contains("row 3 (division): unknown division") && listed.contains("row 3 (allocated)"),
        "{listed}"
    );
    assert!(String::from_utf8(out.stderr).unwrap().contains("nothing was imported"));
    let after: serde_json::Value =
        serde_json::from_str(&stdout(cli(&db).args(["budget", "report", "--year", "2566"]))).unwrap();
    assert_eq!(after["total"]["allocated"], "1000000");
}

#[test]
fn a_mapping_is_remembered_for_its_layout() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let file = dir.path().join("gfmis.csv");
    std::fs::write(&file, "หน่วยเบิกจ่าย,หมวด,วงเงิน\nกลุ่มบริหารงานคลัง,งบลงทุน,250000\n").unwrap();
    let err = failure(cli(&db).arg("budget").arg("import").arg(&file).args(["--year", "2566"]));
    assert!(err.contains("no \"division\""), "{err}");
    let map = dir.path().join("map.json");
    std::fs::write(
        &map,
        r#"{"หน่วยเบิกจ่าย": "division", "หมวด": "category", "วงเงิน": "allocated"}"#,
    )
    .unwrap();
    let out = stdout(
        cli(&db)
            .arg("budget")
            .arg("import")
            .arg(&file)
            .args(["--year", "2566", "--mapping"])
            .arg(&map),
    );
    assert!(out.contains("imported 1 rows") && out.contains("remembered"), "{out}");
    // Next month's file of the same layout: no mapping needed.
    std::fs::write(&file, "หน่วยเบิกจ่าย,หมวด,วงเงิน\nกลุ่มบริหารงานคลัง,งบลงทุน,300000\n").unwrap();
    let out = stdout(cli(&db).arg("budget").arg("import").arg(&file).args(["--year", "2566"]));
    assert!(out.starts_with("imported 1 rows: 0 lines added, 1 updated"), "{out}");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"หน่วยเบิกจ่าย": "divisionx"}"#).unwrap();
    assert!(
        failure(
            cli(&db)
                .arg("budget")
                .arg("import")
                .arg(&file)
                .args(["--year", "2566", "--mapping"])
                .arg(&bad)
        )
        .contains("unknown field")
    );
}

#[test]
fn backup_and_restore_keep_the_state_before() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let before = stdout(cli(&db).args(["report", "--year", "2566"]));
    let backup = dir.path().join("backup.sqlite");
    assert!(stdout(cli(&db).args(["backup", "--out"]).arg(&backup)).starts_with("backed up to"));
    assert!(failure(cli(&db).args(["backup", "--out"]).arg(&backup)).contains("already exists"));

    // Change the report, then restore the backup.
    let mut v: serde_json::Value = serde_json::from_str(&before).unwrap();
    v["measures"].as_array_mut().unwrap().truncate(1);
    let changed = dir.path().join("changed.json");
    std::fs::write(&changed, v.to_string()).unwrap();
    stdout(cli(&db).arg("import-report").arg(&changed).arg("--replace"));
    let edited = stdout(cli(&db).args(["report", "--year", "2566"]));
    assert_ne!(edited, before);
    let msg = stdout(cli(&db).arg("restore").arg(&backup));
    assert!(msg.starts_with("restored") && msg.contains("before-restore"), "{msg}");
    assert_eq!(stdout(cli(&db).args(["report", "--year", "2566"])), before);
    // The state before the restore was kept.
    let safety = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("before-restore"))
        .unwrap();
    assert_eq!(
        stdout(
            Command::cargo_bin("prongsai-cli")
                .unwrap()
                .arg("--db")
                .arg(&safety)
                .args(["report", "--year", "2566"])
        ),
        edited
    );

    // Not a Prongsai database: refused, nothing replaced.
    let junk = dir.path().join("junk.sqlite");
    std::fs::write(&junk, b"not a database at all, just some bytes long enough").unwrap();
    assert!(failure(cli(&db).arg("restore").arg(&junk)).contains("not a Prongsai database"));
    assert_eq!(stdout(cli(&db).args(["report", "--year", "2566"])), before);
}

#[test]
fn verify_reports_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let out = stdout(cli(&db).arg("verify"));
    assert_eq!(
        out,
        "history: 1 entries\nthe hash chain is intact\nevery record matches the history\n"
    );
    let status = std::process::Command::new("python3")
        .arg("-c")
        .arg(format!(
            "import sqlite3; c = sqlite3.connect({:?}); c.execute(\"UPDATE outcome SET text = 'x' WHERE position = 0\"); c.commit()",
            db.to_str().unwrap()
        ))
        .status()
        .unwrap();
    assert!(status.success());
    let out = cli(&db).arg("verify").output().unwrap();
    assert!(!out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("differs from the history: fiscal year 2566 report: outcomes[0]"),
        "{text}"
    );
}

#[test]
fn year_new_status_undo_and_search() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let out = stdout(cli(&db).args(["year", "new", "--from", "2566", "--to", "2567"]));
    assert!(
        out.starts_with("created fiscal year 2567 from 2566: 4 measures"),
        "{out}"
    );
    let doc: serde_json::Value =
        serde_json::from_str(&stdout(cli(&db).args(["report", "--year", "2567", "--format", "json"]))).unwrap();
    let src: serde_json::Value =
        serde_json::from_str(&stdout(cli(&db).args(["report", "--year", "2566", "--format", "json"]))).unwrap();
    assert_eq!(doc["year"]["status"], "draft");
    for (a, b) in doc["measures"]
        .as_array()
        .unwrap()
        .iter()
        .zip(src["measures"].as_array().unwrap())
    {
        assert_eq!(a["title"], b["title"]);
        assert_eq!(a["activities"], b["activities"]);
        assert_eq!(a["results"], serde_json::json!([]));
    }
    // A second copy, a CE year, an unknown source: one clear line each.
    assert!(failure(cli(&db).args(["year", "new", "--from", "2566", "--to", "2567"])).contains("already exists"));
    assert!(failure(cli(&db).args(["year", "new", "--from", "2566", "--to", "2024"])).contains("Christian-era"));
    assert!(failure(cli(&db).args(["year", "new", "--from", "2550", "--to", "2568"])).contains("not found"));

    // Status: approve needs --by; then the year is read-only; reopening needs --reason.
    assert!(failure(cli(&db).args(["year", "status", "--year", "2566", "approved"])).contains("approved by"));
    let out = stdout(cli(&db).args([
        "--user",
        "สมชาย",
        "year",
        "status",
        "--year",
        "2566",
        "approved",
        "--by",
        "อธิบดี",
    ]));
    assert_eq!(out, "fiscal year 2566 is now approved\n");
    let years = stdout(cli(&db).arg("years"));
    assert!(years.contains("2566\tapproved"), "{years}");
    assert!(
        failure(cli(&db).args(["year", "status", "--year", "2566", "published", "--url", "ftp://x"]))
            .contains("web address")
    );
    stdout(cli(&db).args([
        "year",
        "status",
        "--year",
        "2566",
        "published",
        "--url",
        "https://www.ipthailand.go.th/ita",
    ]));
    let doc: serde_json::Value =
        serde_json::from_str(&stdout(cli(&db).args(["report", "--year", "2566", "--format", "json"]))).unwrap();
    assert_eq!(doc["year"]["status"], "published");
    assert_eq!(
        doc["year"]["trail"]["published_url"],
        "https://www.ipthailand.go.th/ita"
    );
    assert!(failure(cli(&db).args(["year", "status", "--year", "2566", "draft"])).contains("reason"));
    stdout(cli(&db).args(["year", "status", "--year", "2566", "draft", "--reason", "แก้คำผิด"]));

    // A status change is a barrier: undo does not pass it, so a year
    // leaves approval only by reopening, with its reason.
    assert!(failure(cli(&db).arg("undo")).contains("nothing to undo"));
    assert!(stdout(cli(&db).arg("years")).contains("2566\tdraft"));
    // A new year is recorded as the year it inserted (ids and all).
    stdout(cli(&db).args(["year", "new", "--from", "2566", "--to", "2568"]));
    assert_eq!(stdout(cli(&db).arg("undo")), "undid insert_year (fiscal year 2568)\n");
    assert!(!stdout(cli(&db).arg("years")).contains("2568"));
    assert_eq!(stdout(cli(&db).arg("redo")), "redid insert_year (fiscal year 2568)\n");
    assert!(stdout(cli(&db).arg("years")).contains("2568"));

    // Search finds both years' copies of an activity.
    let hits: serde_json::Value =
        serde_json::from_str(&stdout(cli(&db).args(["search", "ยืม", "--format", "json"]))).unwrap();
    let years: std::collections::BTreeSet<i64> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["year_be"].as_i64().unwrap())
        .collect();
    assert_eq!(years.into_iter().collect::<Vec<_>>(), vec![2566, 2567, 2568]);
    assert!(stdout(cli(&db).arg("verify")).contains("every record matches the history"));
}

const REGISTER: &str = "เลขครุภัณฑ์,ชื่อครุภัณฑ์,ประเภท,ยี่ห้อ,วันที่ได้มา,ราคา,ปีงบประมาณ,สถานที่ตั้ง\n\
7440-001-0001/66,เครื่องคอมพิวเตอร์โน้ตบุ๊ก,ครุภัณฑ์คอมพิวเตอร์,Lenovo,5/4/2566,\"25,900.00\",2566,ห้องพัสดุ\n\
7440-001-0002/66,เครื่องคอมพิวเตอร์โน้ตบุ๊ก,ครุภัณฑ์คอมพิวเตอร์,Lenovo,5/4/2566,\"25,900.00\",2566,ห้องพัสดุ\n\
7110-006-0001/60,โต๊ะประชุม,ครุภัณฑ์สำนักงาน,,2017-03-01,12000,2560,ห้องประชุม 1\n";

#[test]
fn assets_import_list_loan_and_inspection() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let csv = dir.path().join("register.csv");
    // A file with errors imports nothing and names every bad row.
    std::fs::write(
        &csv,
        format!("{REGISTER}7440-001-0001/66,ซ้ำ,ครุภัณฑ์คอมพิวเตอร์,,5/4/2023,abc,,\n"),
    )
    .unwrap();
    let err = cli(&db).args(["assets", "import"]).arg(&csv).output().unwrap();
    assert!(!err.status.success());
    let text = String::from_utf8(err.stdout).unwrap();
    assert!(
        text.contains("row 5 (เลขครุภัณฑ์): 7440-001-0001/66 is also on row 2"),
        "{text}"
    );
    assert!(stdout(cli(&db).args(["assets", "list"])).is_empty());
    // The good file: a dry run, then the import.
    std::fs::write(&csv, REGISTER).unwrap();
    let dry = stdout(cli(&db).args(["assets", "import", "--dry-run"]).arg(&csv));
    assert!(dry.contains("assets to add: 3") && dry.contains("dry run"), "{dry}");
    assert!(stdout(cli(&db).args(["assets", "list"])).is_empty());
    assert_eq!(
        stdout(cli(&db).args(["assets", "import"]).arg(&csv)),
        "rows: 3 · assets to add: 3\nimported 3 assets\n"
    );
    let list: serde_json::Value = serde_json::from_str(&stdout(cli(&db).args([
        "assets",
        "list",
        "--format",
        "json",
        "--search",
        "โน้ตบุ๊ก",
    ])))
    .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(list[0]["price"], "25900.00");

    // A loan from request to return; the dates in BE.
    let n = "7440-001-0001/66";
    let out = stdout(cli(&db).args([
        "loan",
        "request",
        "--asset",
        n,
        "--borrower",
        "นางสาวสมใจ ใฝ่ดี",
        "--purpose",
        "ประชุมนอกสถานที่",
        "--outside",
        "--from",
        "1/5/2566",
        "--due",
        "9/5/2566",
        "--on",
        "28/4/2566",
    ]));
    assert_eq!(out, "loan 1 requested\n");
    assert!(
        failure(cli(&db).args(["loan", "handover", "--id", "1", "--by", "พัสดุ", "--on", "1/5/2566"]))
            .contains("a loan that is requested cannot be handed over")
    );
    stdout(cli(&db).args(["loan", "approve", "--id", "1", "--by", "อธิบดี", "--on", "29/4/2566"]));
    // The same asset again: requested, but not approved while lent.
    stdout(cli(&db).args([
        "loan",
        "request",
        "--asset",
        n,
        "--borrower",
        "นายสมชาย",
        "--purpose",
        "อบรม",
        "--from",
        "2/5/2566",
        "--due",
        "3/5/2566",
        "--on",
        "29/4/2566",
    ]));
    assert!(
        failure(cli(&db).args(["loan", "approve", "--id", "2", "--by", "อธิบดี", "--on", "29/4/2566"]))
            .contains("cannot be lent twice at once")
    );
    assert_eq!(
        stdout(cli(&db).args([
            "loan",
            "handover",
            "--id",
            "1",
            "--by",
            "เจ้าหน้าที่พัสดุ",
            "--on",
            "1/5/2566"
        ])),
        "loan 1 is now handed over\n"
    );
    let overdue: serde_json::Value = serde_json::from_str(&stdout(cli(&db).args([
        "loan",
        "list",
        "--overdue",
        "--as-of",
        "2023-05-10",
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(overdue.as_array().unwrap().len(), 1);
    assert_eq!(overdue[0]["borrower"], "นางสาวสมใจ ใฝ่ดี");
    assert!(stdout(cli(&db).args(["loan", "list", "--overdue", "--as-of", "2023-05-08"])).is_empty());
    stdout(cli(&db).args([
        "loan",
        "return",
        "--id",
        "1",
        "--condition",
        "good",
        "--received-by",
        "เจ้าหน้าที่พัสดุ",
        "--on",
        "8/5/2566",
    ]));
    let slip = dir.path().join("slip.pdf");
    stdout(cli(&db).args(["loan", "slip", "--id", "1", "--out"]).arg(&slip));
    let text = std::process::Command::new("pdftotext")
        .arg(&slip)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("แบบฟอร์มการยืมพัสดุ") && text.contains("นางสาวสมใจ ใฝ่ดี"),
        "{text}"
    );

    // The inspection: the supply officer may not sit on the committee.
    let start = |members: &[&str]| {
        let mut c = cli(&db);
        c.args([
            "inspection",
            "start",
            "--year",
            "2566",
            "--officer",
            "นายพัสดุ ดูแล",
            "--on",
            "2/10/2566",
        ]);
        for m in members {
            c.args(["--member", m]);
        }
        c
    };
    assert!(failure(&mut start(&["นายก|ประธาน", "พัสดุ ดูแล", "นางค"])).contains("supply officer"));
    stdout(&mut start(&[
        "นายก ใจดี|ผู้อำนวยการ",
        "นางข ใจงาม|นักวิชาการ",
        "นางสาวค ใจเย็น|นักวิชาการ",
    ]));
    stdout(cli(&db).args([
        "inspection",
        "record",
        "--year",
        "2566",
        "--asset",
        n,
        "--finding",
        "found",
    ]));
    stdout(cli(&db).args([
        "inspection",
        "record",
        "--year",
        "2566",
        "--asset",
        "7110-006-0001/60",
        "--finding",
        "obsolete",
    ]));
    stdout(cli(&db).args(["inspection", "confirm", "--year", "2566", "--on", "20/10/2566"]));
    let list = stdout(cli(&db).args(["assets", "list", "--status", "เสื่อมสภาพ"]));
    assert!(list.starts_with("7110-006-0001/60\tdeteriorated"), "{list}");
    let report = dir.path().join("inspection.pdf");
    stdout(
        cli(&db)
            .args(["inspection", "report", "--year", "2566", "--out"])
            .arg(&report),
    );
    let text = String::from_utf8(
        std::process::Command::new("pdftotext")
            .arg(&report)
            .arg("-")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        text.contains("รายงานผลการตรวจสอบพัสดุประจำปีงบประมาณ") && text.contains("โต๊ะประชุม"),
        "{text}"
    );
    let summary = stdout(cli(&db).args(["assets", "summary", "--year", "2566"]));
    assert!(
        summary.contains("มีการยืม 2 ครั้ง") && summary.contains("ส่งคืนตรงเวลาร้อยละ 100"),
        "{summary}"
    );
    // The register exports to XLSX and imports back into a new database as it is.
    let xlsx = dir.path().join("register.xlsx");
    stdout(cli(&db).args(["assets", "export", "--out"]).arg(&xlsx));
    let other = dir.path().join("other.sqlite");
    let back = stdout(cli(&other).args(["assets", "import"]).arg(&xlsx));
    assert!(back.ends_with("imported 3 assets\n"), "{back}");
    assert!(stdout(cli(&db).arg("verify")).contains("every record matches the history"));
}
