//! Writes the gallery's fixture database: the sample report with every
//! record a document prints (two memos, a budget with its months, an asset
//! register, a loan through every step, an inspection). `tests/gallery.rs`
//! prints every document from it; `make docs-gallery` turns them into the
//! PNGs of `docs/gallery/`.
//!
//! Run once when the fixture must change, and commit the file:
//! `cargo run -p prongsai-core --example gallery_fixture -- src-tauri/core/tests/fixtures/gallery.sqlite`

use chrono::NaiveDate;
use prongsai_core::assets::{
    AssetDoc, AssetStatus, Authority, Finding, LoanFilter, LoanRequest, Member, ReturnCondition,
};
use prongsai_core::budget::{BudgetDoc, BudgetLineDoc, Category, MonthFigures, OperatingItem, Target, TargetScope};
use prongsai_core::doc;
use prongsai_core::domain::{Emblem, MemoDoc, Secrecy, Signatures, Urgency};
use prongsai_core::{Change, Store};
use rust_decimal::Decimal;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("a real date")
}

fn money(s: &str) -> Decimal {
    s.parse().expect("an amount")
}

/// A budget line whose plan is spread over the months by `weights`, with
/// `paid` of each month's plan disbursed (per cent) and commitments made in
/// `committed` (month, amount).
#[allow(clippy::too_many_arguments)]
fn line(
    division: &str,
    category: Category,
    item: Option<OperatingItem>,
    allocated: &str,
    transfer_in: &str,
    weights: [u32; 12],
    paid: u32,
    committed: &[(u8, &str)],
) -> BudgetLineDoc {
    let allocated = money(allocated);
    let available = allocated + money(transfer_in);
    let total: u32 = weights.iter().sum();
    let mut left = available;
    let months = (1..=12u8)
        .map(|m| {
            let planned = if m == 12 {
                left
            } else {
                (available * Decimal::from(weights[m as usize - 1]) / Decimal::from(total)).round_dp(0)
            };
            left -= planned;
            MonthFigures {
                month: m,
                planned,
                disbursed: (planned * Decimal::from(paid) / Decimal::from(100)).round_dp(2),
                committed: committed
                    .iter()
                    .find(|(cm, _)| *cm == m)
                    .map_or(Decimal::ZERO, |(_, a)| money(a)),
            }
        })
        .collect();
    BudgetLineDoc {
        division: division.into(),
        category,
        item,
        plan: "ผลผลิตที่ 1 การคุ้มครองทรัพย์สินทางปัญญา".into(),
        source: "งบประมาณแผ่นดิน".into(),
        allocated,
        transfer_in: money(transfer_in),
        transfer_out: Decimal::ZERO,
        months,
    }
}

fn budget() -> BudgetDoc {
    const EVEN: [u32; 12] = [1; 12];
    const BACK: [u32; 12] = [0, 0, 1, 1, 2, 2, 2, 2, 2, 2, 1, 1];
    BudgetDoc {
        year_be: 2566,
        lines: vec![
            line(
                "สำนักงานเลขาธิการกรม",
                Category::Personnel,
                None,
                "62500000",
                "0",
                EVEN,
                99,
                &[],
            ),
            line(
                "สำนักงานเลขาธิการกรม",
                Category::Operating,
                Some(OperatingItem::Compensation),
                "3250000",
                "0",
                EVEN,
                96,
                &[],
            ),
            line(
                "กลุ่มบริหารงานคลัง",
                Category::Operating,
                Some(OperatingItem::Expenses),
                "12846250",
                "350000",
                EVEN,
                92,
                &[(2, "450000"), (5, "380000")],
            ),
            line(
                "กลุ่มบริหารงานคลัง",
                Category::Operating,
                Some(OperatingItem::Materials),
                "2150000",
                "0",
                EVEN,
                90,
                &[(1, "120000")],
            ),
            line(
                "สำนักงานเลขาธิการกรม",
                Category::Operating,
                Some(OperatingItem::Utilities),
                "4600000",
                "0",
                EVEN,
                100,
                &[],
            ),
            line(
                "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร",
                Category::Investment,
                None,
                "13000000",
                "0",
                BACK,
                80,
                &[(3, "6500000"), (4, "4200000")],
            ),
            line(
                "กองบริหารงานทะเบียนทรัพย์สินทางปัญญา",
                Category::Other,
                None,
                "3000000",
                "0",
                BACK,
                85,
                &[],
            ),
        ],
        targets: [(1, "30"), (2, "52"), (3, "75"), (4, "100")]
            .into_iter()
            .map(|(quarter, percent)| Target {
                scope: TargetScope::Overall,
                quarter,
                percent: money(percent),
            })
            .collect(),
    }
}

fn asset(number: &str, name: &str, category: &str, acquired_on: NaiveDate, price: &str, division: &str) -> AssetDoc {
    AssetDoc {
        number: number.into(),
        name: name.into(),
        category: category.into(),
        brand: String::new(),
        model: String::new(),
        serial: String::new(),
        acquired_on,
        method: "เฉพาะเจาะจง".into(),
        price: money(price),
        budget_year: Some(2565),
        funding: "งบประมาณแผ่นดิน".into(),
        location: "อาคารกรมทรัพย์สินทางปัญญา ชั้น 4".into(),
        division: division.into(),
        status: AssetStatus::Usable,
        useful_life: 5,
        note: String::new(),
    }
}

const LONG_MEMO: &str = "ตามที่กรมทรัพย์สินทางปัญญาได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2566 เพื่อให้การดำเนินงานเป็นไปตามแนวทางการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment: ITA) ของสำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ นั้น
กลุ่มบริหารงานคลังได้จัดทำรายงานผลการใช้จ่ายงบประมาณ รอบ 6 เดือน (1 ตุลาคม 2565 ถึง 31 มีนาคม 2566) เรียบร้อยแล้ว โดยมีผลการเบิกจ่ายรวม 50,673,125.00 บาท คิดเป็นร้อยละ 49.82 ของงบประมาณหลังโอนเปลี่ยนแปลง ต่ำกว่าเป้าหมายของคณะรัฐมนตรีที่กำหนดไว้ร้อยละ 52 สำหรับไตรมาสที่ 2 เนื่องจากการเบิกจ่ายงบลงทุนรายการครุภัณฑ์คอมพิวเตอร์อยู่ระหว่างการตรวจรับพัสดุ ทั้งนี้ ได้ก่อหนี้ผูกพันแล้วจำนวน 10,700,000.00 บาท และคาดว่าจะเบิกจ่ายได้ครบถ้วนภายในเดือนพฤษภาคม 2566
เพื่อให้การใช้จ่ายงบประมาณเป็นไปอย่างมีประสิทธิภาพ โปร่งใส และตรวจสอบได้ จึงขอให้ทุกสำนัก/กอง/ศูนย์ เร่งรัดการเบิกจ่ายงบประมาณตามแผนที่กำหนด และรายงานผลการดำเนินงานพร้อมปัญหาอุปสรรคให้กลุ่มบริหารงานคลังทราบภายในวันที่ 10 ของทุกเดือน ทางไปรษณีย์อิเล็กทรอนิกส์ fin@ipthailand.go.th หรือทางระบบสารบรรณอิเล็กทรอนิกส์ของกรม โดยสามารถดาวน์โหลดแบบรายงานได้ที่ https://www.ipthailand.go.th/th/dip-budget-report-2566.html
หากมีข้อสงสัยเกี่ยวกับการรายงาน สามารถสอบถามได้ที่ นางสาวสมหญิง รักงาน นักวิชาการเงินและบัญชีชำนาญการ กลุ่มบริหารงานคลัง โทร. 0 2547 4621 ในวันและเวลาราชการ ทั้งนี้ ขอให้แจ้งเวียนให้บุคลากรในสังกัดทราบโดยทั่วกันด้วย
ในการนี้ กลุ่มบริหารงานคลังจะสรุปผลการเบิกจ่ายของแต่ละหน่วยงานเสนอผู้บริหารทราบเป็นประจำทุกเดือน และจะเผยแพร่รายงานผลการใช้จ่ายงบประมาณรอบ 6 เดือนและรอบ 12 เดือนบนเว็บไซต์ของกรมตามที่สำนักงาน ป.ป.ช. กำหนด เพื่อให้ประชาชนและผู้มีส่วนได้ส่วนเสียสามารถตรวจสอบได้ต่อไป
จึงเรียนมาเพื่อโปรดทราบ และดำเนินการในส่วนที่เกี่ยวข้องต่อไปด้วย";

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let path = std::env::args().nth(1).expect("usage: gallery_fixture PATH");
    let path = std::path::Path::new(&path);
    assert!(!path.exists(), "{} exists: remove it first", path.display());
    let (store, _) = Store::open_or_seed(path).await.expect("the store opens");
    let apply = |c: Change| {
        let store = &store;
        async move { store.apply(c).await.expect("the change applies") }
    };

    let mut settings = store.organization().await.expect("organization").settings();
    settings.phone = "0 2547 4621".into();
    apply(Change::SetOrganization { settings }).await;
    let png = include_bytes!("../tests/fixtures/emblem.png");
    apply(Change::SetEmblem {
        emblem: Some(Emblem {
            mime: doc::sniff_image(png).expect("a PNG").into(),
            data: doc::base64_encode(png),
        }),
    })
    .await;
    apply(Change::SetSignatures {
        year_be: 2566,
        signatures: Signatures {
            reporter_name: "นางสาวสมหญิง รักงาน".into(),
            reporter_position: "นักวิชาการเงินและบัญชีชำนาญการ".into(),
            approver_name: "นายวุฒิไกร ลีวีระพันธุ์".into(),
            approver_position: "อธิบดีกรมทรัพย์สินทางปัญญา".into(),
            approved_on: Some(d(2023, 10, 16)),
        },
    })
    .await;

    // A second memo, long enough for two pages.
    apply(Change::InsertMemo {
        id: None,
        memo: MemoDoc {
            number: "พณ 0701.08/ว31".into(),
            date: d(2023, 4, 20),
            urgency: Urgency::Urgent,
            secrecy: Secrecy::default(),
            division: "สำนักงานเลขาธิการกรม กลุ่มบริหารงานคลัง โทร. 0 2547 4621".into(),
            subject: "รายงานผลการใช้จ่ายงบประมาณ รอบ 6 เดือน ประจำปีงบประมาณ พ.ศ. 2566 และการเร่งรัดการเบิกจ่าย".into(),
            recipient: "ผู้อำนวยการสำนัก/กอง/ศูนย์ และหัวหน้ากลุ่มทุกกลุ่ม".into(),
            body: LONG_MEMO.into(),
            signer_name: "นางสาวสมหญิง รักงาน".into(),
            signer_position: "เลขานุการกรม".into(),
        },
    })
    .await;

    apply(Change::ImportBudget {
        budget: Box::new(budget()),
        replace: true,
    })
    .await;

    let it = "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร";
    let assets = vec![
        asset(
            "7440-001-0001/65",
            "เครื่องคอมพิวเตอร์โน้ตบุ๊ก สำหรับงานประมวลผล",
            "ครุภัณฑ์คอมพิวเตอร์",
            d(2022, 3, 15),
            "25900.00",
            it,
        ),
        asset(
            "7440-001-0002/65",
            "เครื่องคอมพิวเตอร์โน้ตบุ๊ก สำหรับงานประมวลผล",
            "ครุภัณฑ์คอมพิวเตอร์",
            d(2022, 3, 15),
            "25900.00",
            it,
        ),
        asset(
            "7440-007-0001/65",
            "เครื่องพิมพ์เลเซอร์ ขาวดำ ชนิด Network แบบที่ 1",
            "ครุภัณฑ์คอมพิวเตอร์",
            d(2022, 4, 1),
            "8900.00",
            it,
        ),
        asset(
            "6730-002-0001/64",
            "เครื่องฉายภาพโปรเจคเตอร์ ขนาด 4,000 ANSI Lumens",
            "ครุภัณฑ์สำนักงาน",
            d(2021, 6, 30),
            "32500.00",
            "สำนักงานเลขาธิการกรม",
        ),
        asset(
            "7110-006-0003/63",
            "ตู้เหล็กเก็บเอกสาร แบบ 2 บาน",
            "ครุภัณฑ์สำนักงาน",
            d(2020, 1, 20),
            "5500.00",
            "กลุ่มบริหารงานคลัง",
        ),
        asset(
            "5820-005-0001/62",
            "กล้องถ่ายภาพระบบดิจิตอล ความละเอียดไม่น้อยกว่า 20 ล้านพิกเซล",
            "ครุภัณฑ์โฆษณาและเผยแพร่",
            d(2019, 8, 9),
            "46000.00",
            "สำนักงานเลขาธิการกรม",
        ),
    ];
    apply(Change::ImportAssets { assets }).await;

    // A loan through every step (ข้อ 207–209).
    apply(Change::RequestLoan {
        request: LoanRequest {
            asset_number: "6730-002-0001/64".into(),
            borrower: "นางสาวสมหญิง รักงาน".into(),
            position: "นักวิชาการเงินและบัญชีชำนาญการ".into(),
            division: "กลุ่มบริหารงานคลัง".into(),
            purpose: "ใช้ในการประชุมชี้แจงแผนการใช้จ่ายงบประมาณประจำปีงบประมาณ พ.ศ. 2566 ณ โรงแรมริชมอนด์ จังหวัดนนทบุรี".into(),
            outside: true,
            borrow_on: d(2023, 5, 9),
            due_on: d(2023, 5, 12),
        },
        on: d(2023, 5, 2),
    })
    .await;
    let loan = store.loans(&LoanFilter::default(), d(2023, 5, 2)).await.expect("loans")[0].id;
    apply(Change::DecideLoan {
        loan_id: loan,
        approve: true,
        by: "นายวุฒิไกร ลีวีระพันธุ์".into(),
        authority: Authority::Head,
        on: d(2023, 5, 3),
        reason: String::new(),
    })
    .await;
    apply(Change::HandOverLoan {
        loan_id: loan,
        on: d(2023, 5, 9),
        by: "นายสมศักดิ์ ดูแลพัสดุ".into(),
    })
    .await;
    apply(Change::ReturnLoan {
        loan_id: loan,
        on: d(2023, 5, 12),
        condition: ReturnCondition::Good,
        received_by: "นายสมศักดิ์ ดูแลพัสดุ".into(),
    })
    .await;

    // The year's inspection (ข้อ 213), recorded but not yet confirmed.
    let member = |name: &str, position: &str| Member {
        name: name.into(),
        position: position.into(),
    };
    apply(Change::StartInspection {
        year_be: 2566,
        on: d(2023, 9, 25),
        supply_officer: "นายสมศักดิ์ ดูแลพัสดุ".into(),
        committee: vec![
            member("นายประเสริฐ ตรวจการ", "ผู้อำนวยการกองบริหารงานทะเบียนทรัพย์สินทางปัญญา"),
            member("นางสาวกานดา ถูกต้อง", "นักวิชาการพัสดุชำนาญการ"),
            member("นายวิชัย ใจซื่อ", "นักจัดการงานทั่วไปปฏิบัติการ"),
        ],
    })
    .await;
    for (number, finding, note) in [
        ("7440-001-0001/65", Finding::Found, ""),
        ("7440-001-0002/65", Finding::Found, ""),
        ("7440-007-0001/65", Finding::Damaged, "ชุดดึงกระดาษชำรุด รอส่งซ่อม"),
        ("6730-002-0001/64", Finding::Found, ""),
        ("7110-006-0003/63", Finding::Obsolete, "สนิมขึ้น บานพับหลุด ไม่คุ้มค่าซ่อม"),
        ("5820-005-0001/62", Finding::NotFound, "อยู่ระหว่างตรวจสอบกับผู้ยืมคนล่าสุด"),
    ] {
        apply(Change::RecordFinding {
            year_be: 2566,
            number: number.into(),
            finding,
            note: note.into(),
        })
        .await;
    }
    store.close().await;
    println!("wrote {}", path.display());
}
