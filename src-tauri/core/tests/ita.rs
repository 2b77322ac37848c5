//! ITA rounds through the store: the sample's round, a catalogue imported
//! with a bad row (refused, nothing changed), a result imported, the
//! tracker, undo, verify, and the O25 and answer-sheet exports.

use std::path::Path;

use prongsai_core::ita::{Period, Track, TrackStatus};
use prongsai_core::refusal::Refusal;
use prongsai_core::{Change, CoreError, Store, documents};

async fn fresh(dir: &Path) -> Store {
    Store::open_or_seed(&dir.join("p.sqlite")).await.unwrap().0
}

#[tokio::test]
async fn a_fresh_database_holds_the_ita_2569_round_with_its_fy_2568_draft() {
    let dir = tempfile::tempdir().unwrap();
    let store = fresh(dir.path()).await;
    let rounds: Vec<i32> = store.ita_rounds().await.unwrap().iter().map(|r| r.year_be).collect();
    assert_eq!(rounds, vec![2569, 2566]);
    let round = store.ita_round(2569).await.unwrap();
    let o26 = round.items.iter().find(|i| i.item.code == "O26").unwrap();
    assert_eq!((o26.item.period, o26.fiscal_year), (Period::Previous, 2568));
    // The report O26 asks for: the DIP's, moved forward, a draft, filed as O26.
    let fy = store.report(2568).await.unwrap();
    assert!(fy.year.sample);
    assert_eq!(fy.year.oit_code, "O26");
    // Titled as ITA 2569 words O26, for its own fiscal year.
    assert_eq!(
        fy.year.title,
        [
            "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
            "ปีงบประมาณ พ.ศ. 2568"
        ]
    );
    assert_eq!(fy.year.headings.title[1], "ปีงบประมาณ พ.ศ. {ปี}");
    assert_eq!(fy.measures.len(), store.report(2566).await.unwrap().measures.len());
    // The made-up result says it is one.
    let scores = store.ita_scores(2568).await.unwrap().unwrap();
    assert!(scores.sample);
    // The crosswalk from 2566, by the stored catalogues.
    let walk = store.ita_crosswalk(2569).await.unwrap();
    let o42 = walk.iter().find(|c| c.from_code == "O42").unwrap();
    assert_eq!(o42.to_code, "O25");
    assert_eq!(o42.from_title, "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน");
    let v = store.verify().await.unwrap();
    assert!(v.mismatches.is_empty() && v.broken_at.is_none(), "{v:?}");
}

#[tokio::test]
async fn a_catalogue_with_a_bad_row_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let store = fresh(dir.path()).await;
    let before = store.change_count().await.unwrap();
    let file = dir.path().join("ita-2570.csv");
    std::fs::write(
        &file,
        "ITA 2570 (ร่างจากคู่มือ)\ncode,title,period\nO1,โครงสร้าง,current\nO2,ข้อมูลผู้บริหาร,next year\n",
    )
    .unwrap();
    let r = store
        .import_ita_catalogue_file(&file, 2570, None, false, true)
        .await
        .unwrap();
    assert!(!r.imported);
    assert_eq!(r.errors.len(), 1);
    assert_eq!((r.errors[0].row, r.errors[0].column.as_deref()), (4, Some("period")));
    assert!(matches!(r.errors[0].refusal, Some(Refusal::NotAPeriod { .. })));
    assert_eq!(store.change_count().await.unwrap(), before);
    assert!(store.ita_rounds().await.unwrap().iter().all(|r| r.year_be != 2570));

    // A `was` code the round it continues does not have: refused as a row.
    std::fs::write(
        &file,
        "ITA 2570 (ร่างจากคู่มือ)\ncode,title,period,was\nO1,โครงสร้าง,current,O1\nO2,รายงาน ITA,previous,O62\n",
    )
    .unwrap();
    let r = store
        .import_ita_catalogue_file(&file, 2570, None, false, true)
        .await
        .unwrap();
    assert!(!r.imported);
    assert!(matches!(
        &r.errors[0].refusal,
        Some(Refusal::NotInRound { code, year_be: 2569 }) if code == "O62"
    ));

    // Corrected, it imports; the crosswalk names the newest earlier round.
    std::fs::write(
        &file,
        "ITA 2570 (ร่างจากคู่มือ)\ncode,title,period,was\nO1,โครงสร้าง,current,O1\nO2,รายงาน ITA,previous,O26\n",
    )
    .unwrap();
    let r = store
        .import_ita_catalogue_file(&file, 2570, None, false, true)
        .await
        .unwrap();
    assert!(r.imported && r.errors.is_empty());
    let round = store.ita_round(2570).await.unwrap();
    assert_eq!(round.previous_year, Some(2569));
    assert_eq!(round.source, "ITA 2570 (ร่างจากคู่มือ)");
    assert_eq!(
        round.items[1].was_titles,
        vec!["รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปีงบประมาณ พ.ศ. 2568".to_owned()]
    );
    // Again without --replace: refused.
    let again = store.import_ita_catalogue_file(&file, 2570, None, false, true).await;
    assert!(matches!(
        again,
        Err(CoreError::Refused(Refusal::ItaRoundExists { year_be: 2570 }))
    ));
}

fn workbook(path: &Path, rows: &[[&str; 4]]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(path).unwrap();
}

#[tokio::test]
async fn scores_import_replaces_the_rounds_result_and_undo_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = fresh(dir.path()).await;
    let file = dir.path().join("scores.xlsx");
    // A result without the indicators the sample's O25 findings and
    // measures name (2, 4, 7): refused, or they could not be edited again.
    workbook(
        &file,
        &[
            ["เครื่องมือ", "ตัวชี้วัด", "ชื่อตัวชี้วัด", "คะแนน"],
            ["IIT", "1", "การปฏิบัติหน้าที่", "80.5"],
            ["OIT", "9", "การเปิดเผยข้อมูล", "๙๗.๕๐"],
        ],
    );
    let before = store.change_count().await.unwrap();
    let e = store.import_ita_scores_file(&file, 2568, true).await;
    assert!(
        matches!(&e, Err(CoreError::Refused(Refusal::IndicatorsInUse { indicators, year_be: 2568 })) if indicators == &["2", "4", "7"]),
        "{e:?}"
    );
    assert_eq!(store.change_count().await.unwrap(), before);
    assert!(store.ita_scores(2568).await.unwrap().unwrap().sample);

    // The agency's own result, every indicator: it replaces the sample's.
    let mut rows = vec![["instrument", "indicator", "name", "score"]];
    let names = [
        "การปฏิบัติหน้าที่",
        "การใช้งบประมาณ",
        "การใช้อำนาจ",
        "การใช้ทรัพย์สินของราชการ",
        "การแก้ไขปัญหาการทุจริต",
        "คุณภาพการดำเนินงาน",
        "ประสิทธิภาพการสื่อสาร",
        "การปรับปรุงการทำงาน",
        "การเปิดเผยข้อมูล",
        "การป้องกันการทุจริต",
    ];
    let numbers: Vec<String> = (1..=10).map(|n| n.to_string()).collect();
    for (i, name) in names.iter().enumerate() {
        let instrument = ["IIT", "IIT", "IIT", "IIT", "IIT", "EIT", "EIT", "EIT", "OIT", "OIT"][i];
        rows.push([
            instrument,
            numbers[i].as_str(),
            name,
            if i == 8 { "๙๗.๕๐" } else { "80.5" },
        ]);
    }
    workbook(&file, &rows);
    let r = store.import_ita_scores_file(&file, 2568, true).await.unwrap();
    assert!(r.imported, "{:?}", r.errors);
    let set = store.ita_scores(2568).await.unwrap().unwrap();
    assert!(!set.sample);
    assert_eq!(set.scores.len(), 10);
    assert_eq!(set.scores[8].score.to_string(), "97.5");
    // The analysis of 2569 reads it: no previous column, no earlier result.
    let a = store.ita_analysis(2569).await.unwrap();
    assert!(a.rows[0].below && a.rows[0].previous.is_none());
    store.undo().await.unwrap();
    assert!(store.ita_scores(2568).await.unwrap().unwrap().sample);
    // A finding for an indicator the result does not have is refused.
    let e = store
        .apply(Change::SetItaFinding {
            year_be: 2569,
            indicator: "42".into(),
            issue: "x".into(),
        })
        .await;
    assert!(matches!(e, Err(CoreError::Refused(Refusal::UnknownIndicator { .. }))));
    // A result given under another round's year is refused in words.
    let mut other = store.ita_scores(2568).await.unwrap().unwrap();
    other.year_be = 2567;
    let e = store
        .apply(Change::SetItaScores {
            year_be: 2568,
            scores: Some(other),
        })
        .await;
    assert!(matches!(
        e,
        Err(CoreError::Refused(Refusal::ScoresOfAnotherYear {
            year_be: 2568,
            scores_year: 2567
        }))
    ));
}

#[tokio::test]
async fn the_tracker_flags_evidence_of_another_year_and_undo_takes_an_edit_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = fresh(dir.path()).await;
    let o12 = |r: &prongsai_core::ita::Round| r.items.iter().find(|i| i.item.code == "O12").cloned().unwrap();
    let track = Track {
        division: "กลุ่มบริหารงานคลัง".into(),
        due: chrono::NaiveDate::from_ymd_opt(2026, 3, 31),
        status: TrackStatus::InProgress,
        url: "https://www.ipthailand.go.th/th/ita-2569/o12.html".into(),
        explanation: "รายงานสรุปผลการจัดซื้อจัดจ้าง".into(),
        evidence_year: Some(2569),
    };
    store
        .apply(Change::SetItaTrack {
            year_be: 2569,
            code: "o12".into(),
            track: track.clone(),
        })
        .await
        .unwrap();
    let item = o12(&store.ita_round(2569).await.unwrap());
    assert_eq!(item.track, track);
    // O12 asks for the previous fiscal year: evidence of 2569 is flagged.
    assert_eq!(item.fiscal_year, 2568);
    assert!(item.wrong_year);
    // A catalogue that drops a tracked item is refused.
    let mut c = store.ita_round(2569).await.unwrap().catalogue();
    c.items.retain(|i| i.code != "O12");
    let e = store
        .apply(Change::SetItaCatalogue {
            catalogue: c,
            replace: true,
        })
        .await;
    assert!(matches!(e, Err(CoreError::Refused(Refusal::ItaItemTracked { .. }))));
    store.undo().await.unwrap();
    assert!(o12(&store.ita_round(2569).await.unwrap()).track.is_empty());
    let v = store.verify().await.unwrap();
    assert!(v.mismatches.is_empty(), "{v:?}");
}

#[tokio::test]
async fn o25_and_the_answer_sheet_export_with_their_text_and_checks() {
    let dir = tempfile::tempdir().unwrap();
    let store = fresh(dir.path()).await;
    let pdf = dir.path().join("o25.pdf");
    documents::export_ita_analysis(&store, 2569, &pdf).await.unwrap();
    let text = String::from_utf8_lossy(
        &std::process::Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap()
            .stdout,
    )
    .into_owned();
    for want in [
        "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร",
        "คะแนนสมมติ",
        "การใช้ทรัพย์สินของราชการ",
        "ผู้อนุมัติ",
    ] {
        assert!(text.contains(want), "{want} not in the O25 text");
    }
    let answers = store.ita_answers(2569).await.unwrap();
    let o18 = answers.iter().find(|a| a.code == "O18").unwrap();
    assert_eq!(
        o18.check.problems,
        vec![prongsai_core::ita::links::LinkProblem::NotHttps]
    );
    let o1 = answers.iter().find(|a| a.code == "O1").unwrap();
    assert!(o1.has && o1.check.problems.is_empty());
    let xlsx = dir.path().join("answers.xlsx");
    documents::export_ita_answers(&store, 2569, &xlsx).await.unwrap();
    let table = prongsai_core::table::read_file(&xlsx, &Default::default()).unwrap();
    assert_eq!(table.headers[0], "ข้อ");
    assert_eq!(table.rows.len(), 26);
    let o18_row = table.rows.iter().find(|r| r[0] == "O18").unwrap();
    assert_eq!(o18_row[3], "มี");
    assert_eq!(o18_row[6], "ไม่ใช่ https");
    // Starting an agency's own report clears the DIP's ITA data as seeded,
    // not the catalogues and not what the agency tracked itself.
    let own = Track {
        division: "กองคลัง".into(),
        status: TrackStatus::InProgress,
        ..Track::default()
    };
    store
        .apply(Change::SetItaTrack {
            year_be: 2569,
            code: "O11".into(),
            track: own.clone(),
        })
        .await
        .unwrap();
    let settings = store.organization().await.unwrap().settings();
    store.start_own_report(settings, 2569, true).await.unwrap();
    assert!(store.ita_scores(2568).await.unwrap().is_none());
    let round = store.ita_round(2569).await.unwrap();
    let tracked: Vec<&str> = round
        .items
        .iter()
        .filter(|i| !i.track.is_empty())
        .map(|i| i.item.code.as_str())
        .collect();
    assert_eq!(tracked, ["O11"]);
    assert!(round.measures.is_empty() && round.findings.is_empty());
    assert_eq!(round.items.len(), 26);
    assert!(store.organization().await.unwrap().domains.is_empty());
}
