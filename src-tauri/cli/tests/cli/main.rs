//! The CLI contract, run as a real process over real database files.

use assert_cmd::Command;

mod agency;
mod budget;
mod ita;
mod records;

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
    // The sample report, and the same moved forward as ITA 2569's FY 2568 draft.
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "2568\tdraft\t4 measures\n2566\tdraft\t4 measures\n"
    );
    assert!(String::from_utf8(out.stderr).unwrap().contains("sample report"));
    assert!(db.exists());
    // Second run: no seeding message.
    let out = cli(&db).args(["years", "--format", "json"]).output().unwrap();
    assert!(out.stderr.is_empty());
    let years: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(years[1]["year_be"], 2566);
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
