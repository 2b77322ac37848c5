//! The budget through the store: exact round trip, all-or-nothing import,
//! the monitoring report from what is stored.

use prongsai_core::budget::{
    BudgetDoc, BudgetLineDoc, Category, MonthFigures, OperatingItem, Target, TargetScope, monitor,
};
use prongsai_core::{Change, ErrorCode, Store};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn sample_budget() -> BudgetDoc {
    let month = |month, planned: &str, disbursed: &str, committed: &str| MonthFigures {
        month,
        planned: d(planned),
        disbursed: d(disbursed),
        committed: d(committed),
    };
    BudgetDoc {
        year_be: 2566,
        lines: vec![
            BudgetLineDoc {
                division: "สำนักงานเลขาธิการกรม".into(),
                category: Category::Operating,
                item: Some(OperatingItem::Utilities),
                plan: "ผลผลิตที่ 1".into(),
                source: "งบประมาณแผ่นดิน".into(),
                allocated: d("1200000.00"),
                transfer_in: d("35000.50"),
                transfer_out: d("0"),
                months: (1..=12).map(|m| month(m, "100000", "99999.99", "0.01")).collect(),
            },
            BudgetLineDoc {
                division: "กลุ่มบริหารงานคลัง".into(),
                category: Category::Investment,
                item: None,
                plan: String::new(),
                source: String::new(),
                allocated: d("5000000"),
                transfer_in: d("0"),
                transfer_out: d("250000"),
                months: vec![month(4, "2500000", "1200000.25", "1300000")],
            },
        ],
        targets: vec![Target {
            scope: TargetScope::Overall,
            quarter: 2,
            percent: d("54"),
        }],
    }
}

#[tokio::test]
async fn a_budget_round_trips_exactly_and_monitors() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    assert!(store.budget(2566).await.unwrap().lines.is_empty());
    let doc = sample_budget();
    store
        .apply(Change::ImportBudget {
            budget: Box::new(doc.clone()),
            replace: false,
        })
        .await
        .unwrap();
    assert_eq!(store.budget(2566).await.unwrap(), doc);

    let m = monitor(&store.budget(2566).await.unwrap(), 6).unwrap();
    assert_eq!(m.total.allocated, d("5985000.50"));
    // Six months of 99,999.99 plus 1,200,000.25 in January.
    assert_eq!(m.total.disbursed, d("1800000.19"));
    // Commitments are released as they are disbursed: only January's
    // 1,300,000 less its 1,200,000.25 paid is still open.
    assert_eq!(m.total.committed, d("99999.75"));
    assert_eq!(m.total.remaining, d("4085000.56"));
    assert_eq!(m.total.target_percent, Some(d("54")));

    // Refused without replace; nothing changes.
    let mut other = sample_budget();
    other.lines.truncate(1);
    let err = store
        .apply(Change::ImportBudget {
            budget: Box::new(other.clone()),
            replace: false,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert_eq!(store.budget(2566).await.unwrap(), doc);
    store
        .apply(Change::ImportBudget {
            budget: Box::new(other.clone()),
            replace: true,
        })
        .await
        .unwrap();
    assert_eq!(store.budget(2566).await.unwrap(), other);
}

#[tokio::test]
async fn a_bad_budget_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    let changes = store.change_count().await.unwrap();
    let mut doc = sample_budget();
    doc.lines[1].months.push(MonthFigures {
        month: 4,
        ..Default::default()
    });
    let err = store
        .apply(Change::ImportBudget {
            budget: Box::new(doc),
            replace: true,
        })
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("lines[1].months[1].month: month 4 is listed twice"),
        "{err}"
    );
    let mut doc = sample_budget();
    doc.year_be = 2570;
    let err = store
        .apply(Change::ImportBudget {
            budget: Box::new(doc),
            replace: true,
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert!(store.budget(2566).await.unwrap().lines.is_empty());
    assert_eq!(store.change_count().await.unwrap(), changes);
}

#[tokio::test]
async fn the_six_month_report_prints_with_tables_words_and_charts() {
    use prongsai_core::Digits;
    use prongsai_core::documents::{budget_report_pdf, write_atomically};
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    store
        .apply(Change::ImportBudget {
            budget: Box::new(sample_budget()),
            replace: false,
        })
        .await
        .unwrap();
    let budget = store.budget(2566).await.unwrap();
    let m = monitor(&budget, 6).unwrap();
    let org = store.organization().await.unwrap();
    let path = dir.path().join("budget.pdf");
    write_atomically(
        &path,
        &budget_report_pdf(&budget, &m, &org, &Default::default(), Digits::Arabic).unwrap(),
    )
    .unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-raw"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for part in [
        "(รอบ 6 เดือน)",
        "ตั้งแต่ 1 ตุลาคม 2565 ถึง 31 มีนาคม 2566",
        "5,985,000.50",
        "1,800,000.19",
        "หนึ่งล้านแปดแสนบาทสิบเก้าสตางค์",
        "งบดำเนินงาน",
        "แผนสะสม",
        "54.00",
    ] {
        assert!(text.contains(part), "no {part:?} in:\n{text}");
    }
    assert!(
        std::process::Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .unwrap()
            .status
            .success()
    );
}

#[tokio::test]
async fn a_month_figure_is_set_through_the_write_path() {
    use prongsai_core::budget::MonthField;
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    store
        .apply(Change::ImportBudget {
            budget: Box::new(sample_budget()),
            replace: false,
        })
        .await
        .unwrap();
    let view = store.budget_view(2566, 6).await.unwrap();
    let line = view.lines[1].id; // investment line: nothing in March yet
    let before = view.monitoring.total.percent_disbursed;
    let set = |amount: &str| Change::SetMonthFigure {
        line_id: line,
        month: 6,
        field: MonthField::Disbursed,
        amount: amount.into(),
    };
    store.apply(set("๑,๐๐๐,๐๐๐.๐๐")).await.unwrap();
    let view = store.budget_view(2566, 6).await.unwrap();
    assert_eq!(
        view.lines[1]
            .line
            .months
            .iter()
            .find(|m| m.month == 6)
            .unwrap()
            .disbursed,
        d("1000000.00")
    );
    assert_ne!(view.monitoring.total.percent_disbursed, before);
    assert_eq!(view.monitoring.total.disbursed, d("2800000.19"));
    assert_eq!(view.months[5].disbursed_to_date, d("2800000.19"));
    // Bad input changes nothing.
    for bad in ["1.234,5", "12.345", "abc", ""] {
        assert_eq!(
            store.apply(set(bad)).await.unwrap_err().code(),
            ErrorCode::InvalidInput,
            "{bad}"
        );
    }
    let err = store
        .apply(Change::SetMonthFigure {
            line_id: 999_999,
            month: 6,
            field: MonthField::Disbursed,
            amount: "1".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert_eq!(
        store.budget_view(2566, 6).await.unwrap().monitoring.total.disbursed,
        d("2800000.19")
    );
}

#[tokio::test]
async fn the_spending_plan_prints_quarters_by_category_and_division() {
    use prongsai_core::Digits;
    use prongsai_core::documents::{spending_plan_pdf, write_atomically};
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    store
        .apply(Change::ImportBudget {
            budget: Box::new(sample_budget()),
            replace: false,
        })
        .await
        .unwrap();
    let org = store.organization().await.unwrap();
    let path = dir.path().join("plan.pdf");
    write_atomically(
        &path,
        &spending_plan_pdf(
            &store.budget(2566).await.unwrap(),
            &org,
            &Default::default(),
            Digits::Arabic,
        )
        .unwrap(),
    )
    .unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-raw"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // Utilities line: 100,000 a month, 300,000 a quarter, 1,200,000 a year;
    // investment: 2,500,000 planned in January (quarter 2).
    for part in [
        "แผนการใช้จ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. 2566",
        "ค่าสาธารณูปโภค",
        "300,000.00",
        "2,500,000.00",
        "3,700,000.00",
        "5,985,000.50",
        "ห้าล้านเก้าแสนแปดหมื่นห้าพันบาทห้าสิบสตางค์",
    ] {
        assert!(text.contains(part), "no {part:?} in:\n{text}");
    }
}

#[tokio::test]
async fn targets_are_set_and_cleared_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    let set = |quarter, percent: Option<&str>| Change::SetTarget {
        year_be: 2566,
        scope: TargetScope::Investment,
        quarter,
        percent: percent.map(String::from),
    };
    assert!(
        store.budget(2566).await.unwrap().targets.is_empty(),
        "no invented defaults"
    );
    store.apply(set(2, Some("๔๐%"))).await.unwrap();
    assert_eq!(store.budget(2566).await.unwrap().targets[0].percent, d("40"));
    store.apply(set(2, Some("45.5"))).await.unwrap();
    assert_eq!(store.budget(2566).await.unwrap().targets[0].percent, d("45.5"));
    for bad in [
        set(5, Some("1")),
        set(1, Some("101")),
        set(1, Some("-1")),
        set(1, Some("ห้าสิบ")),
    ] {
        assert_eq!(store.apply(bad).await.unwrap_err().code(), ErrorCode::InvalidInput);
    }
    store.apply(set(2, None)).await.unwrap();
    assert!(store.budget(2566).await.unwrap().targets.is_empty());
}
