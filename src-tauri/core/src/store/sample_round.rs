//! The sample's ITA 2569 round: the shipped catalogues, the made-up ITA
//! 2568 result, the DIP report moved forward as the FY 2568 draft O26 asks
//! for, and a tracker, findings and measures to show ([`work`]), which
//! starting an agency's own report removes where they are still as seeded.

use crate::change::Change;
use crate::domain::{OitItem, ReportDoc};
use crate::error::Result;
use crate::ita::{ItaMeasure, Track, TrackStatus, catalogue, scores};
use crate::refusal::Refusal;

/// The round the sample files its FY 2568 draft under.
pub(super) const ROUND: i32 = 2569;

/// What the sample seeds in the round beyond its catalogue.
pub(super) struct Work {
    pub domains: Vec<String>,
    pub tracks: Vec<(String, Track)>,
    pub findings: Vec<(String, String)>,
    pub measures: Vec<ItaMeasure>,
}

/// The sample's ITA 2569 round, as an agency would make it: the shipped
/// catalogues of 2566 and 2569, the made-up result of 2568 (marked as a
/// sample), the DIP report moved forward as the FY 2568 draft that O26
/// asks for (filed under the item the crosswalk takes O43 to), the website's
/// domain, and a tracker, findings and measures to show. One change.
pub(super) fn sample_round(sample: &ReportDoc) -> Result<Change> {
    let mut changes = Vec::new();
    let mut c69 = None;
    for (year, _) in catalogue::SHIPPED {
        let c = catalogue::shipped(year).ok_or(Refusal::ItaRoundMissing { year_be: year })??;
        if year == ROUND {
            c69 = Some(c.clone());
        }
        changes.push(Change::SetItaCatalogue {
            catalogue: c,
            replace: false,
        });
    }
    let c69 = c69.ok_or(Refusal::ItaRoundMissing { year_be: ROUND })?;
    let (year, csv) = scores::SAMPLE;
    let (set, errors) = scores::read(&crate::table::read_csv(csv.as_bytes())?, year, true)?;
    if let Some(e) = errors.first() {
        return Err(crate::CoreError::Database(format!(
            "the sample result: row {}: {}",
            e.row, e.message
        )));
    }
    changes.push(Change::SetItaScores {
        year_be: year,
        scores: Some(set),
    });
    // The report O26 asks for: FY 2568, filed under the item O43 became.
    let fy = ROUND - 1;
    let mut doc = sample.clone();
    doc.year.year_be = fy;
    doc.memos.clear();
    doc.year.oit_items = c69
        .items
        .iter()
        .filter(|i| i.period.fiscal_year(ROUND) == fy)
        .map(|i| OitItem {
            code: i.code.clone(),
            title: i.title.clone(),
        })
        .collect();
    let filed = c69
        .items
        .iter()
        .find(|i| i.was.iter().any(|w| w == "O43"))
        .ok_or(Refusal::ItaRoundMissing { year_be: ROUND })?;
    doc.year.oit_code = filed.code.clone();
    // Titled as the framework words the item, headings otherwise the DIP's.
    let headings = crate::domain::Headings {
        title: doc.year.title.clone(),
        heading: doc.year.heading.clone(),
        part1_heading: doc.year.part1_heading.clone(),
        part2_heading: doc.year.part2_heading.clone(),
        columns: doc.year.columns.clone(),
    }
    .following_item(&filed.title);
    doc.year.title = headings.title;
    changes.push(Change::ImportReport {
        doc: Box::new(doc),
        replace: false,
    });
    let work = work();
    changes.push(Change::SetWebDomains { domains: work.domains });
    for (code, track) in work.tracks {
        changes.push(Change::SetItaTrack {
            year_be: ROUND,
            code,
            track,
        });
    }
    for (indicator, issue) in work.findings {
        changes.push(Change::SetItaFinding {
            year_be: ROUND,
            indicator,
            issue,
        });
    }
    changes.push(Change::SetItaMeasures {
        year_be: ROUND,
        measures: work.measures,
    });
    Ok(Change::Batch { changes })
}

/// The sample's domain, tracker entries, findings and measures in ITA 2569.
pub(super) fn work() -> Work {
    let fy = ROUND - 1;
    let site = "https://www.ipthailand.go.th/th/ita-2569";
    let track = |division: &str, status: TrackStatus, url: &str, explanation: &str, evidence: Option<i32>| Track {
        division: division.into(),
        due: chrono::NaiveDate::from_ymd_opt(2026, 4, 30),
        status,
        url: url.into(),
        explanation: explanation.into(),
        evidence_year: evidence,
    };
    let tracks = [
        (
            "O1",
            track(
                "สำนักงานเลขาธิการกรม",
                TrackStatus::Published,
                &format!("{site}/o1.html"),
                "แผนผังโครงสร้างส่วนราชการและอำนาจหน้าที่ของกรมทรัพย์สินทางปัญญา",
                Some(ROUND),
            ),
        ),
        (
            "O25",
            track(
                "กลุ่มคุ้มครองจริยธรรม",
                TrackStatus::InProgress,
                &format!("{site}/o25.html"),
                "การวิเคราะห์ผลการประเมิน ITA ประจำปี พ.ศ. 2568 และมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
                Some(ROUND),
            ),
        ),
        (
            "O26",
            track(
                "กลุ่มคุ้มครองจริยธรรม",
                TrackStatus::Published,
                &format!("{site}/o26.html"),
                "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปีงบประมาณ พ.ศ. 2568",
                Some(fy),
            ),
        ),
        (
            "O18",
            track(
                "กลุ่มคุ้มครองจริยธรรม",
                TrackStatus::Published,
                "http://www.ipthailand.go.th/th/ita-2569/o18.html",
                "สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
                Some(ROUND),
            ),
        ),
    ];
    let findings = [
        ("2", "บุคลากรรับรู้แผนการใช้จ่ายงบประมาณน้อย และไม่ทราบช่องทางติดตามการเบิกจ่าย"),
        ("4", "บุคลากรบางส่วนยังไม่ทราบขั้นตอนการยืมทรัพย์สินของราชการ ข้อ 207–209"),
        ("7", "ผู้รับบริการเข้าถึงข่าวสารผ่านช่องทางออนไลน์ได้ไม่ทั่วถึง"),
    ];
    let measure = |title: &str, owner: &str, timeline: &str, indicators: &[&str]| crate::ita::ItaMeasure {
        title: title.into(),
        owner: owner.into(),
        timeline: timeline.into(),
        indicators: indicators.iter().map(|s| (*s).to_owned()).collect(),
    };
    let measures = vec![
        measure(
            "เผยแพร่แผนและผลการใช้จ่ายงบประมาณรายไตรมาสทางอินทราเน็ตและเว็บไซต์กรม",
            "กลุ่มบริหารงานคลัง",
            "ต.ค. 2568 – ก.ย. 2569",
            &["2"],
        ),
        measure(
            "ทบทวนคู่มือและแผนผังขั้นตอนการยืมทรัพย์สินของราชการ และชี้แจงบุคลากร",
            "กลุ่มบริหารงานคลัง",
            "พ.ย. 2568 – ม.ค. 2569",
            &["4"],
        ),
    ];
    Work {
        domains: vec!["ipthailand.go.th".into()],
        tracks: tracks.into_iter().map(|(c, t)| (c.to_owned(), t)).collect(),
        findings: findings
            .into_iter()
            .map(|(i, issue)| (i.to_owned(), issue.to_owned()))
            .collect(),
        measures,
    }
}
