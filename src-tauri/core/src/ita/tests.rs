use super::*;
use crate::table::read_csv;

fn shipped(year: i32) -> Catalogue {
    catalogue::shipped(year).expect("shipped").expect("reads")
}

#[test]
fn the_shipped_catalogues_read_whole_and_say_where_their_text_came_from() {
    let c66 = shipped(2566);
    let codes: Vec<String> = (1..=43).map(|n| format!("O{n}")).collect();
    assert_eq!(c66.items.iter().map(|i| i.code.clone()).collect::<Vec<_>>(), codes);
    let c69 = shipped(2569);
    let codes: Vec<String> = (1..=26).map(|n| format!("O{n}")).collect();
    assert_eq!(c69.items.iter().map(|i| i.code.clone()).collect::<Vec<_>>(), codes);
    for c in [&c66, &c69] {
        assert!(c.source.contains("ป.ป.ช."), "{}", c.source);
        assert!(c.items.iter().all(|i| !i.title.is_empty()));
    }
    let o26 = &c69.items[25];
    assert!(o26.title.starts_with("รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส"));
    assert_eq!(o26.period, Period::Previous);
    assert_eq!(o26.period.fiscal_year(2569), 2568);
    assert_eq!(c69.items[24].period.fiscal_year(2569), 2569);
    assert_eq!(c69.previous_year, Some(2566));
}

#[test]
fn the_crosswalk_takes_o42_to_o25_and_o43_to_o26_and_names_only_items_of_2566() {
    let (c66, c69) = (shipped(2566), shipped(2569));
    let walk = crosswalk(&c69, Some(&c66));
    let pair = |from: &str| walk.iter().find(|c| c.from_code == from).map(|c| c.to_code.as_str());
    assert_eq!(pair("O42"), Some("O25"));
    assert_eq!(pair("O43"), Some("O26"));
    for c in &walk {
        assert!(!c.from_title.is_empty(), "{} is not an item of 2566", c.from_code);
    }
    assert_eq!(
        walk.iter().find(|c| c.from_code == "O42").unwrap().from_title,
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    );
    // Without the previous round stored, the codes stay, untitled.
    assert!(crosswalk(&c69, None).iter().all(|c| c.from_title.is_empty()));
}

#[test]
fn a_catalogue_row_that_is_not_understood_is_named_with_its_row_and_column() {
    let csv = "ITA 2570 (ร่าง)\n\
               code,title,period,was\n\
               O1,โครงสร้าง,current,O1\n\
               O2,ข้อมูลผู้บริหาร,ปีหน้า,\n\
               X3,ข่าว,current,\n\
               O1,ซ้ำ,current,\n\
               O5,แผน,previous,O99 Q\n";
    let table = read_csv(csv.as_bytes()).unwrap();
    let known = ["O1".to_owned(), "O5".to_owned()];
    let (c, errors) = catalogue::read(&table, 2570, Some((2569, Some(&known[..])))).unwrap();
    assert_eq!(c.items.len(), 1);
    assert_eq!(c.source, "ITA 2570 (ร่าง)");
    let found: Vec<(usize, Option<&str>)> = errors.iter().map(|e| (e.row, e.column.as_deref())).collect();
    assert_eq!(
        found,
        vec![
            (4, Some("period")),
            (5, Some("code")),
            (6, Some("code")),
            (7, Some("was"))
        ]
    );
    assert!(errors[2].message.contains("row 3"), "{}", errors[2].message);
    assert!(catalogue::read_all(&table, 2570, None).is_err());
    // A column not understood refuses the file before any row.
    let table = read_csv("code,title,period,คะแนน\nO1,ก,current,1\n".as_bytes()).unwrap();
    assert!(matches!(
        catalogue::read(&table, 2570, None),
        Err(crate::CoreError::Refused(crate::refusal::Refusal::ColumnUnknown { .. }))
    ));
    let table = read_csv("code,title\nO1,ก\n".as_bytes()).unwrap();
    assert!(matches!(
        catalogue::read(&table, 2570, None),
        Err(crate::CoreError::Refused(crate::refusal::Refusal::ColumnMissing { .. }))
    ));
}

#[test]
fn thai_headers_and_values_read_as_english_ones() {
    let csv = "รหัส,หัวข้อ,ปีของข้อมูล,ข้อเดิม,ยืนยันแล้ว\no 26,รายงานผล,ปีที่ผ่านมา,\"O43, O42\",ไม่ใช่\n";
    let c = catalogue::read_all(&read_csv(csv.as_bytes()).unwrap(), 2570, None).unwrap();
    assert_eq!(
        c.items,
        vec![ItaItem {
            code: "O26".into(),
            title: "รายงานผล".into(),
            contents: String::new(),
            period: Period::Previous,
            was: vec!["O43".into(), "O42".into()],
            confirmed: false,
        }]
    );
}

#[test]
fn scores_are_read_checked_and_the_sample_says_it_is_one() {
    let (year, csv) = scores::SAMPLE;
    let (set, errors) = scores::read(&read_csv(csv.as_bytes()).unwrap(), year, true).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(set.scores.len(), 10);
    assert!(set.sample && set.source.contains("สมมติ"));
    let csv = "instrument,indicator,name,score,previous\n\
               IIT,1,การปฏิบัติหน้าที่,๙๒.๕,90\n\
               XIT,2,ก,80,\n\
               EIT,3,ข,101,\n\
               OIT,4,ค,80.123,\n\
               OIT,1,ซ้ำ,80,\n";
    let (set, errors) = scores::read(&read_csv(csv.as_bytes()).unwrap(), 2568, false).unwrap();
    assert_eq!(set.scores.len(), 1);
    assert_eq!(set.scores[0].score, rust_decimal::Decimal::new(925, 1));
    let found: Vec<(usize, Option<&str>)> = errors.iter().map(|e| (e.row, e.column.as_deref())).collect();
    assert_eq!(
        found,
        vec![
            (3, Some("instrument")),
            (4, Some("score")),
            (5, Some("score")),
            (6, Some("indicator"))
        ]
    );
}

#[test]
fn the_analysis_flags_indicators_under_85_and_those_that_fell_and_links_measures() {
    let (year, csv) = scores::SAMPLE;
    let (set, _) = scores::read(&read_csv(csv.as_bytes()).unwrap(), year, true).unwrap();
    let round = Round {
        year_be: 2569,
        source: String::new(),
        previous_year: None,
        items: Vec::new(),
        findings: vec![Finding {
            indicator: "4".into(),
            issue: "บุคลากรบางส่วนยังไม่ทราบขั้นตอนการยืม".into(),
        }],
        measures: vec![ItaMeasure {
            title: "ทบทวนคู่มือการยืมทรัพย์สิน".into(),
            owner: "กลุ่มบริหารงานคลัง".into(),
            timeline: "ต.ค. 2568 – ธ.ค. 2568".into(),
            indicators: vec!["4".into()],
        }],
    };
    let a = analysis::analyse(&round, &set, None);
    let row = |i: &str| a.rows.iter().find(|r| r.indicator == i).unwrap();
    // 83.60 after 86.25: under 85, and fell.
    assert!(row("2").below && row("2").fell);
    assert_eq!(row("2").change, Some(rust_decimal::Decimal::new(-265, 2)));
    // 87.35 after 88.60: above 85, but fell.
    assert!(!row("7").below && row("7").fell);
    // 92.15 after 90.40: neither.
    assert!(!row("1").needs_measure());
    assert_eq!(row("4").measures, vec![0]);
    assert_eq!(row("4").issue, "บุคลากรบางส่วนยังไม่ทราบขั้นตอนการยืม");
    assert!(a.unanswered.contains(&"2".to_owned()) && !a.unanswered.contains(&"4".to_owned()));
}

#[test]
fn codes_are_normalised_or_refused() {
    assert_eq!(normalise_code(" o 25 ").as_deref(), Some("O25"));
    assert_eq!(normalise_code("O๒๖").as_deref(), Some("O26"));
    assert_eq!(normalise_code("O025").as_deref(), Some("O25"));
    for bad in ["25", "O", "O0", "Q1", "O1a", "O1234"] {
        assert_eq!(normalise_code(bad), None, "{bad}");
    }
}

#[test]
fn a_report_filed_under_an_item_is_titled_as_the_framework_words_it() {
    let h = crate::domain::Headings::standard();
    let t = h.following_item("รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปีงบประมาณ พ.ศ. 2568");
    assert_eq!(
        t.title,
        [
            "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
            "ปีงบประมาณ พ.ศ. {ปี}"
        ]
    );
    assert_eq!(t.fill("กรมหนึ่ง", "กระทรวงหนึ่ง", 2568).title[1], "ปีงบประมาณ พ.ศ. 2568");
    assert_eq!(
        (t.heading.clone(), t.part1_heading.clone()),
        (h.heading.clone(), h.part1_heading.clone())
    );
    let t = h.following_item("การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร");
    assert_eq!(t.title[1], "ประจำปีงบประมาณ พ.ศ. {ปี}");
}
