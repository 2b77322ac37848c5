use super::*;
use proptest::prelude::*;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn line(division: &str, category: Category, allocated: &str, months: &[(u8, &str, &str)]) -> BudgetLineDoc {
    BudgetLineDoc {
        division: division.into(),
        category,
        item: None,
        plan: String::new(),
        source: String::new(),
        allocated: d(allocated),
        transfer_in: Decimal::ZERO,
        transfer_out: Decimal::ZERO,
        months: months
            .iter()
            .map(|&(month, planned, disbursed)| MonthFigures {
                month,
                planned: d(planned),
                disbursed: d(disbursed),
                committed: Decimal::ZERO,
            })
            .collect(),
    }
}

#[test]
fn fiscal_months_start_in_october() {
    assert_eq!(fiscal_month(2566, "2022-10").unwrap(), 1);
    assert_eq!(fiscal_month(2566, "2023-03").unwrap(), 6);
    assert_eq!(fiscal_month(2566, "2023-09").unwrap(), 12);
    assert!(fiscal_month(2566, "2023-10").is_err());
    let e = fiscal_month(2566, "2566-03").unwrap_err().to_string();
    assert!(e.contains("Christian era"), "{e}");
    assert!(fiscal_month(2566, "2023-13").is_err());
}

#[test]
fn the_six_month_report_adds_up() {
    let mut a = line(
        "กองคลัง",
        Category::Operating,
        "1000000.00",
        &[
            (1, "100000", "90000.50"),
            (6, "100000", "110000"),
            (7, "100000", "100000"),
        ],
    );
    a.transfer_in = d("50000");
    let b = line("กองคลัง", Category::Investment, "2000000", &[(3, "500000", "250000.25")]);
    let c = line(
        "สำนักงานเลขาธิการกรม",
        Category::Personnel,
        "300000",
        &[(2, "25000", "25000")],
    );
    let doc = BudgetDoc {
        year_be: 2566,
        lines: vec![a, b, c],
        targets: vec![
            Target {
                scope: TargetScope::Overall,
                quarter: 2,
                percent: d("54"),
            },
            Target {
                scope: TargetScope::Investment,
                quarter: 2,
                percent: d("40"),
            },
        ],
    };
    validate(&doc).unwrap();
    let m = monitor(&doc, 6).unwrap();
    assert_eq!(m.through, NaiveDate::from_ymd_opt(2023, 3, 31).unwrap());
    assert_eq!(m.quarter, 2);
    assert_eq!(m.total.allocated, d("3350000.00"));
    assert_eq!(m.total.disbursed, d("475000.75"));
    assert_eq!(m.total.remaining, d("2874999.25"));
    assert_eq!(m.total.percent_disbursed, Some(d("14.18")));
    assert_eq!(m.total.target_percent, Some(d("54")));
    let inv = m.by_category.iter().find(|r| r.key == "งบลงทุน").unwrap();
    assert_eq!(inv.target_percent, Some(d("40")));
    assert_eq!(inv.percent_disbursed, Some(d("12.50")));
    assert_eq!(m.by_division.len(), 2);
    // Month 7 (April) is after the cut-off.
    let ops = m.by_category.iter().find(|r| r.key == "งบดำเนินงาน").unwrap();
    assert_eq!(ops.disbursed, d("200000.50"));
    assert_eq!(monitor(&doc, 12).unwrap().total.disbursed, d("575000.75"));
}

#[test]
fn faults_are_named_by_their_place() {
    let mut doc = BudgetDoc {
        year_be: 2566,
        lines: vec![line("ก", Category::Other, "10", &[(13, "0", "1")])],
        targets: vec![],
    };
    assert!(
        validate(&doc)
            .unwrap_err()
            .to_string()
            .starts_with("lines[0].months[0].month: 13")
    );
    doc.lines[0].months[0].month = 1;
    doc.lines[0].months[0].disbursed = d("1.005");
    assert!(
        validate(&doc)
            .unwrap_err()
            .to_string()
            .starts_with("lines[0].months[0].disbursed")
    );
    doc.lines[0].months[0].disbursed = d("1.00");
    doc.lines.push(doc.lines[0].clone());
    assert!(
        validate(&doc)
            .unwrap_err()
            .to_string()
            .starts_with("lines[1]: the same division")
    );
}

fn amount() -> impl Strategy<Value = Decimal> {
    (0i64..10_000_000_000).prop_map(|satang| Decimal::new(satang, 2))
}

proptest! {
    /// Category totals and division totals both add up to the grand total, to the satang.
    #[test]
    fn totals_add_up_exactly(
        raw in prop::collection::vec((0usize..4, 0usize..5, amount(), prop::collection::vec((1u8..=12, amount(), amount()), 0..12)), 1..40),
        through in 1u8..=12,
    ) {
        let divisions = ["ก", "ข", "ค", "ง"];
        let mut lines: Vec<BudgetLineDoc> = Vec::new();
        for (i, (div, cat, allocated, months)) in raw.into_iter().enumerate() {
            let mut seen = [false; 13];
            let months = months.into_iter().filter(|(m, ..)| !std::mem::replace(&mut seen[*m as usize], true))
                .map(|(month, planned, disbursed)| MonthFigures { month, planned, disbursed, committed: Decimal::ZERO })
                .collect();
            lines.push(BudgetLineDoc {
                division: divisions[div].into(), category: Category::ALL[cat], item: None,
                plan: format!("p{i}"), source: String::new(), allocated,
                transfer_in: Decimal::ZERO, transfer_out: Decimal::ZERO, months,
            });
        }
        let doc = BudgetDoc { year_be: 2567, lines, targets: vec![] };
        validate(&doc).unwrap();
        let m = monitor(&doc, through).unwrap();
        for f in [|r: &MonitorRow| r.allocated, |r: &MonitorRow| r.planned, |r: &MonitorRow| r.disbursed, |r: &MonitorRow| r.remaining] {
            let by_cat: Decimal = m.by_category.iter().map(f).sum();
            let by_div: Decimal = m.by_division.iter().map(f).sum();
            prop_assert_eq!(by_cat, f(&m.total));
            prop_assert_eq!(by_div, f(&m.total));
        }
    }
}

#[test]
fn commitments_are_released_as_they_are_disbursed() {
    // A purchase order of 1,000,000 signed in October and paid in
    // installments: it is not counted again once paid.
    let figures = |month, disbursed: &str, committed: &str| MonthFigures {
        month,
        planned: Decimal::ZERO,
        disbursed: d(disbursed),
        committed: d(committed),
    };
    let line = BudgetLineDoc {
        division: "กองคลัง".into(),
        category: Category::Investment,
        item: None,
        plan: String::new(),
        source: String::new(),
        allocated: d("1200000"),
        transfer_in: Decimal::ZERO,
        transfer_out: Decimal::ZERO,
        months: vec![
            figures(1, "0", "1000000"),
            figures(2, "400000", "0"),
            figures(3, "650000", "100000"),
        ],
    };
    assert_eq!(line.outstanding(1), d("1000000"));
    assert_eq!(line.outstanding(2), d("600000"));
    // 650,000 pays the 600,000 still open and 50,000 of March's 100,000.
    assert_eq!(line.outstanding(3), d("50000"));
    let doc = BudgetDoc {
        year_be: 2566,
        lines: vec![line],
        targets: vec![],
    };
    let m = monitor(&doc, 3).unwrap();
    assert_eq!(m.total.committed, d("50000"));
    assert_eq!(
        m.total.remaining,
        d("100000"),
        "1,200,000 − 1,050,000 paid − 50,000 open"
    );
}
