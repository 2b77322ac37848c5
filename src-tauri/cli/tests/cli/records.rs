//! Copies, verify, years, undo, search; the register, loans and inspections.

use super::*;

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
        .filter_map(std::result::Result::ok)
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
        "history: 2 entries\nthe hash chain is intact\nevery record matches the history\n"
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
    stdout(cli(&db).args(["year", "new", "--from", "2566", "--to", "2569"]));
    assert_eq!(stdout(cli(&db).arg("undo")), "undid insert_year (fiscal year 2569)\n");
    assert!(!stdout(cli(&db).arg("years")).contains("2569"));
    assert_eq!(stdout(cli(&db).arg("redo")), "redid insert_year (fiscal year 2569)\n");
    assert!(stdout(cli(&db).arg("years")).contains("2569"));

    // Search finds every year's copy of an activity (2568: the sample's draft).
    let hits: serde_json::Value =
        serde_json::from_str(&stdout(cli(&db).args(["search", "ยืม", "--format", "json"]))).unwrap();
    let years: std::collections::BTreeSet<i64> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["year_be"].as_i64().unwrap())
        .collect();
    assert_eq!(years.into_iter().collect::<Vec<_>>(), vec![2566, 2567, 2568, 2569]);
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
