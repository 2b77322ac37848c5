//! `prongsai-cli ita …`: the rounds, a catalogue and a result imported
//! (a bad row refuses the file), O25 and the answer sheet written, the
//! URLs checked.

use super::{cli, failure, stdout};

#[test]
fn the_ita_commands_list_import_analyse_and_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let years = stdout(cli(&db).args(["ita", "years"]));
    assert!(years.starts_with("ITA 2569\t26 items"), "{years}");
    let items: serde_json::Value = serde_json::from_str(&stdout(
        cli(&db).args(["ita", "items", "--year", "2569", "--format", "json"]),
    ))
    .unwrap();
    let o25 = items.as_array().unwrap().iter().find(|i| i["code"] == "O25").unwrap();
    assert_eq!(o25["was"], serde_json::json!(["O42"]));
    assert_eq!(o25["fiscal_year"], 2569);

    // A catalogue with a bad row: refused whole, the row named, nothing stored.
    let file = dir.path().join("ita-2570.csv");
    std::fs::write(&file, "code,title,period\nO1,โครงสร้าง,current\nO2,ข้อมูลผู้บริหาร,soon\n").unwrap();
    let err = failure(
        cli(&db)
            .args(["ita", "import-catalogue"])
            .arg(&file)
            .args(["--year", "2570"]),
    );
    assert!(err.contains("nothing was imported"), "{err}");
    let out = cli(&db)
        .args(["ita", "import-catalogue"])
        .arg(&file)
        .args(["--year", "2570"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("row 3 (period)"));
    assert!(!stdout(cli(&db).args(["ita", "years"])).contains("2570"));
    std::fs::write(
        &file,
        "code,title,period\nO1,โครงสร้าง,current\nO2,ข้อมูลผู้บริหาร,previous\n",
    )
    .unwrap();
    stdout(
        cli(&db)
            .args(["ita", "import-catalogue"])
            .arg(&file)
            .args(["--year", "2570"]),
    );
    assert!(stdout(cli(&db).args(["ita", "years"])).starts_with("ITA 2570\t2 items"));

    // A result for 2569, then the analysis of round 2570 reads it.
    let scores = dir.path().join("ita-2569.csv");
    std::fs::write(
        &scores,
        "instrument,indicator,name,score\nIIT,1,การปฏิบัติหน้าที่,84.9\nOIT,9,การเปิดเผยข้อมูล,100\n",
    )
    .unwrap();
    stdout(
        cli(&db)
            .args(["ita", "import-scores"])
            .arg(&scores)
            .args(["--year", "2569"]),
    );
    let analysis = stdout(cli(&db).args(["ita", "analysis", "--year", "2570"]));
    // Compared with the sample's ITA 2568 result, the round before.
    assert!(
        analysis.contains("IIT 1\tการปฏิบัติหน้าที่\t84.90\t-7.25\tunder 85, fell"),
        "{analysis}"
    );

    let o25 = dir.path().join("o25.pdf");
    stdout(cli(&db).args(["ita", "analysis", "--year", "2569", "--out"]).arg(&o25));
    assert!(std::fs::read(&o25).unwrap().starts_with(b"%PDF"));
    let sheet = dir.path().join("answers.xlsx");
    stdout(cli(&db).args(["ita", "answers", "--year", "2569", "--out"]).arg(&sheet));
    assert!(std::fs::read(&sheet).unwrap().starts_with(b"PK"));

    // The sample's O18 answer is http: the check names it and fails.
    let err = failure(cli(&db).args(["ita", "check-links", "--year", "2569", "--offline"]));
    assert!(err.contains("1 URLs have problems"), "{err}");
    let out = cli(&db)
        .args(["ita", "check-links", "--year", "2569", "--offline"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        text.contains("O18\tPROBLEM\thttp://") && text.contains("not https"),
        "{text}"
    );
    assert!(text.contains("O26\tok\t"), "{text}");
}
