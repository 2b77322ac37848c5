//! Smaller defects found by using the CLI as people do, each kept fixed.

use std::path::Path;
use std::process::{Command, Stdio};

fn cli(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_prongsai-cli"));
    c.arg("--db").arg(db);
    c
}

#[test]
fn a_ce_year_in_a_date_is_one_line_with_its_hint() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(&dir.path().join("p.sqlite"))
        .args([
            "loan",
            "request",
            "--asset",
            "x",
            "--borrower",
            "a",
            "--purpose",
            "b",
            "--from",
            "1/5/2023",
            "--due",
            "2/5/2566",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("prongsai-cli: error:") && err.contains("did you mean 2566?"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    assert!(cli(&db).arg("years").output().unwrap().status.success());
    // `report | head -c 0`: the reader is gone before the report is written.
    let mut child = cli(&db)
        .args(["report", "--year", "2566"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[cfg(unix)]
#[test]
fn exported_documents_are_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let pdf = dir.path().join("r.pdf");
    let xlsx = dir.path().join("b.xlsx");
    assert!(
        cli(&db)
            .args(["export", "--year", "2566", "--out"])
            .arg(&pdf)
            .status()
            .unwrap()
            .success()
    );
    assert!(
        cli(&db)
            .args(["assets", "export", "--out"])
            .arg(&xlsx)
            .status()
            .unwrap()
            .success()
    );
    for f in [&pdf, &xlsx] {
        let mode = std::fs::metadata(f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o044, 0o044, "{} is {mode:o}", f.display());
    }
}

#[test]
fn an_unchanged_budget_reimport_writes_no_history_and_a_sheet_is_chosen_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let mut book = rust_xlsxwriter_book();
    let path = dir.path().join("budget.xlsx");
    std::fs::write(&path, book.save_to_buffer().unwrap()).unwrap();
    let count = || {
        let out = cli(&db).arg("verify").output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        text.lines().next().unwrap_or_default().to_owned()
    };
    let first = cli(&db)
        .args(["budget", "import", "--year", "2566"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8(first.stdout).unwrap();
    assert!(
        first.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&first.stderr)
    );
    // The active sheet is read, and the hidden one is named as not read.
    assert!(text.contains("read: sheet \"ปีนี้\" of 2 (1 hidden"), "{text}");
    assert!(text.contains("imported 1 rows"), "{text}");
    let after_first = count();
    let again = cli(&db)
        .args(["budget", "import", "--year", "2566"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(String::from_utf8(again.stdout).unwrap().contains("nothing to change"));
    assert_eq!(count(), after_first, "an unchanged re-import wrote history");
    // The hidden sheet only when named: last year's figures are another line.
    let named = cli(&db)
        .args(["budget", "import", "--year", "2566", "--dry-run", "--sheet", "ปีที่แล้ว"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8(named.stdout).unwrap();
    assert!(text.contains("read: sheet \"ปีที่แล้ว\""), "{text}");
}

/// A budget workbook whose first sheet (last year's) is hidden and whose
/// second, active sheet has a title row above its header.
fn rust_xlsxwriter_book() -> rust_xlsxwriter::Workbook {
    let mut book = rust_xlsxwriter::Workbook::new();
    let old = book.add_worksheet().set_name("ปีที่แล้ว").unwrap();
    for (c, h) in ["หน่วยงาน", "งบรายจ่าย", "งบประมาณที่ได้รับจัดสรร"].iter().enumerate()
    {
        old.write(0, c as u16, *h).unwrap();
    }
    old.write(1, 0, "กลุ่มบริหารงานคลัง").unwrap();
    old.write(1, 1, "งบบุคลากร").unwrap();
    old.write(1, 2, 999.0).unwrap();
    old.set_hidden(true);
    let now = book.add_worksheet().set_name("ปีนี้").unwrap();
    now.write(0, 0, "แผนการใช้จ่ายงบประมาณ ปีงบประมาณ พ.ศ. 2566").unwrap();
    for (c, h) in ["หน่วยงาน", "งบรายจ่าย", "งบประมาณที่ได้รับจัดสรร"].iter().enumerate()
    {
        now.write(2, c as u16, *h).unwrap();
    }
    now.write(3, 0, "กลุ่มบริหารงานคลัง").unwrap();
    now.write(3, 1, "งบดำเนินงาน").unwrap();
    now.write(3, 2, 1_000_000.0).unwrap();
    now.set_active(true);
    book
}

#[test]
fn an_approved_year_refuses_a_replacing_import_and_a_file_brings_no_status() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let run = |args: &[&str]| cli(&db).args(args).output().unwrap();
    assert!(
        run(&["year", "status", "--year", "2566", "approved", "--by", "อธิบดี"])
            .status
            .success()
    );
    let json = run(&["report", "--year", "2566", "--format", "json"]).stdout;
    let file = dir.path().join("r.json");
    std::fs::write(&file, &json).unwrap();
    let out = cli(&db)
        .arg("import-report")
        .arg(&file)
        .arg("--replace")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("approved and cannot be edited"), "{err}");
    let years = String::from_utf8(run(&["years"]).stdout).unwrap();
    assert!(years.contains("2566\tapproved"), "{years}");
    // Where the year is a draft, the approved file may not bring its
    // approval along; as a draft it imports.
    let other = dir.path().join("other.sqlite");
    let replace = |file: &Path| {
        cli(&other)
            .arg("import-report")
            .arg(file)
            .arg("--replace")
            .output()
            .unwrap()
    };
    let out = replace(&file);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("an imported year is a draft"), "{err}");
    let mut doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
    doc["year"]["status"] = "draft".into();
    std::fs::write(&file, serde_json::to_vec(&doc).unwrap()).unwrap();
    let out = replace(&file);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_loan_step_recorded_wrong_is_corrected_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let csv = dir.path().join("r.csv");
    std::fs::write(
        &csv,
        "เลขครุภัณฑ์,ชื่อครุภัณฑ์,ประเภท,วันที่ได้มา,ราคา\nA-1,โน้ตบุ๊ก,ครุภัณฑ์คอมพิวเตอร์,5/4/2566,25900\n",
    )
    .unwrap();
    let ok = |args: &[&str]| {
        let out = cli(&db).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    ok(&["assets", "import", csv.to_str().unwrap()]);
    ok(&[
        "loan",
        "request",
        "--asset",
        "A-1",
        "--borrower",
        "นางสาวสมใจ ใฝ่ดี",
        "--purpose",
        "ประชุม",
        "--from",
        "1/5/2566",
        "--due",
        "9/5/2566",
        "--on",
        "28/4/2566",
    ]);
    ok(&["loan", "approve", "--id", "1", "--by", "อธิบดี", "--on", "29/4/2566"]);
    // The borrower hands over their own loan: refused in one line.
    let out = cli(&db)
        .args(["loan", "handover", "--id", "1", "--by", "สมใจ ใฝ่ดี", "--on", "1/5/2566"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stderr).unwrap().contains("separation of duties"));
    ok(&["loan", "handover", "--id", "1", "--by", "พัสดุ", "--on", "1/5/2566"]);
    ok(&[
        "loan",
        "return",
        "--id",
        "1",
        "--condition",
        "good",
        "--received-by",
        "พัสดุ",
        "--on",
        "20/5/2566",
    ]);
    ok(&[
        "loan",
        "correct",
        "--id",
        "1",
        "--step",
        "return",
        "--on",
        "8/5/2566",
        "--reason",
        "พิมพ์วันที่ผิด",
    ]);
    let list: serde_json::Value = serde_json::from_str(&ok(&["loan", "list", "--format", "json"])).unwrap();
    assert_eq!(list[0]["returned_on"], "2023-05-08");
    assert!(ok(&["verify"]).contains("every record matches the history"));
}
