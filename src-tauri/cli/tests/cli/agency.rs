//! Another agency's report from the command line: its name, its own year.

use super::*;

#[test]
fn org_set_and_an_empty_year_print_the_agencys_own_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let said = stdout(cli(&db).args([
        "org",
        "set",
        "--name-th",
        "กรมการค้าภายใน",
        "--prefix",
        "พณ 0401",
        "--division",
        "กองส่งเสริมการค้า",
    ]));
    assert!(said.contains("กรมการค้าภายใน"), "{said}");
    stdout(cli(&db).args(["year", "new", "--to", "2569", "--empty"]));
    // A year needs --from or --empty, not both.
    for args in [
        &["year", "new", "--to", "2570"][..],
        &["year", "new", "--from", "2569", "--to", "2570", "--empty"],
    ] {
        assert!(!cli(&db).args(args).output().unwrap().status.success(), "{args:?}");
    }
    // A Christian-era year is refused with its hint, in one line.
    let err = failure(cli(&db).args(["year", "new", "--to", "2026", "--empty"]));
    assert!(err.contains("2569"), "{err}");

    let report: serde_json::Value = serde_json::from_str(&stdout(cli(&db).args(["report", "--year", "2569"]))).unwrap();
    assert_eq!(report["organization"]["name_th"], "กรมการค้าภายใน");
    assert_eq!(report["organization"]["doc_prefix"], "พณ 0401");
    assert_eq!(report["measures"].as_array().unwrap().len(), 0);

    let pdf = dir.path().join("r.pdf");
    stdout(
        cli(&db)
            .args(["export", "--year", "2569", "--digits", "arabic", "--out"])
            .arg(&pdf),
    );
    let out = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("กรมการค้าภายใน") && text.contains("2569"), "{text}");
    assert!(!text.contains("ทรัพย์สินทางปัญญา"), "{text}");
    assert!(stdout(cli(&db).arg("verify")).contains("every record matches the history"));
}
