//! The budget from the command line: import, mappings, the monitoring report.

use super::*;

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
