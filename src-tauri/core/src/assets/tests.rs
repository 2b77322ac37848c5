use super::*;
use crate::refusal::Refusal;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn asset(price: &str, life: u32, acquired: NaiveDate) -> AssetDoc {
    AssetDoc {
        number: "7440-001-0001/66".into(),
        name: "เครื่องคอมพิวเตอร์".into(),
        category: "ครุภัณฑ์คอมพิวเตอร์".into(),
        brand: String::new(),
        model: String::new(),
        serial: String::new(),
        acquired_on: acquired,
        method: String::new(),
        price: price.parse().unwrap(),
        budget_year: Some(2566),
        funding: String::new(),
        location: String::new(),
        division: String::new(),
        status: AssetStatus::Usable,
        useful_life: life,
        note: String::new(),
    }
}

#[test]
fn straight_line_by_day_down_to_one_baht() {
    // 36,501 baht over 5 years from 1 Oct 2022: 7,300 a year.
    let a = asset("36501", 5, d(2022, 10, 1));
    let end_fy66 = depreciation(&a, d(2023, 9, 30));
    assert_eq!(end_fy66.accumulated, "7300.00".parse().unwrap());
    assert_eq!(end_fy66.book_value, "29201.00".parse().unwrap());
    assert_eq!(end_fy66.this_fiscal_year, "7300.00".parse().unwrap());
    // The day before it is bought, nothing; on the day, one day's worth.
    assert_eq!(depreciation(&a, d(2022, 9, 30)).accumulated, Decimal::ZERO);
    assert_eq!(depreciation(&a, d(2022, 10, 1)).accumulated, "20.00".parse().unwrap());
    // After its life, worth the salvage value, and nothing more this year.
    let later = depreciation(&a, d(2030, 3, 1));
    assert_eq!(later.book_value, SALVAGE);
    assert_eq!(later.this_fiscal_year, Decimal::ZERO);
    // The last year ends exactly at the salvage value.
    assert_eq!(depreciation(&a, d(2027, 9, 30)).book_value, SALVAGE);
}

#[test]
fn a_mid_year_purchase_depreciates_part_of_its_first_year() {
    // Bought 1 April 2023: 183 of FY 2566's 365 days at 10,000 a year.
    let a = asset("30001", 3, d(2023, 4, 1));
    let fy = depreciation(&a, d(2023, 9, 30));
    assert_eq!(fy.this_fiscal_year, fy.accumulated);
    assert_eq!(fy.accumulated, "5013.70".parse().unwrap());
    // FY 2567 is a full year (366 days): exactly 10,000.
    let next = depreciation(&a, d(2024, 9, 30));
    assert_eq!(next.this_fiscal_year, "10000.00".parse().unwrap());
    assert_eq!(next.accumulated, "15013.70".parse().unwrap());
    // The fourth fiscal year takes what is left, down to 1 baht.
    let end = depreciation(&a, d(2026, 9, 30));
    assert_eq!(end.book_value, SALVAGE);
    assert_eq!(end.this_fiscal_year, "4986.30".parse().unwrap());
    // A gift of 1 baht or less does not depreciate.
    assert_eq!(
        depreciation(&asset("1", 5, d(2023, 1, 1)), d(2025, 1, 1)).accumulated,
        Decimal::ZERO
    );
}

#[test]
fn every_loan_move_allowed_or_refused() {
    use LoanState::*;
    use LoanStep::*;
    let allowed = [
        (Requested, Approve, Approved),
        (Requested, Refuse, Refused),
        (Approved, HandOver, HandedOver),
        (HandedOver, Return, Returned),
        (Returned, Settle, Returned),
    ];
    for state in LoanState::ALL {
        for step in [Approve, Refuse, HandOver, Return, Settle] {
            let expected = allowed
                .iter()
                .find(|(s, st, _)| *s == state && *st == step)
                .map(|a| a.2);
            match (next_state(state, step), expected) {
                (Ok(n), Some(e)) => assert_eq!(n, e),
                (Err(why), None) => assert!(matches!(why, Refusal::LoanStepOutOfOrder { .. }), "{why}"),
                (got, want) => panic!("{state:?} {step:?}: got {got:?}, want {want:?}"),
            }
        }
    }
    assert!(Approved.holds_asset() && HandedOver.holds_asset());
    assert!(!Requested.holds_asset() && !Returned.holds_asset() && !Refused.holds_asset());
}

#[test]
fn committees_refuse_the_supply_officer_and_are_three_or_more() {
    let m = |n: &str| Member {
        name: n.into(),
        position: String::new(),
    };
    let ok = check_committee(&[m("นายก ใจดี"), m("นางข ใจงาม"), m("นางสาวค ใจเย็น")], "นายง เจ้าหน้าที่").unwrap();
    assert_eq!(ok.len(), 3);
    let e = check_committee(&[m("นายก ใจดี"), m("ง  เจ้าหน้าที่"), m("ค")], "นายง เจ้าหน้าที่").unwrap_err();
    assert!(e.to_string().contains("supply officer"), "{e}");
    assert!(check_committee(&[m("ก"), m("ข")], "").is_err());
    assert!(
        check_committee(&[m("นายก"), m("ก"), m("ข")], "")
            .unwrap_err()
            .to_string()
            .contains("twice")
    );
}

#[test]
fn statuses_parse_in_thai_and_english() {
    assert_eq!(AssetStatus::parse("ชำรุด"), Some(AssetStatus::Damaged));
    assert_eq!(AssetStatus::parse("Disposed"), Some(AssetStatus::Disposed));
    assert_eq!(AssetStatus::parse("พัง"), None);
}

/// A register file's reader keeps each field's column at the field's place
/// in `Field`: `import::FIELDS` lists every field at that place.
#[test]
fn the_import_fields_are_listed_in_their_order() {
    for (i, (field, _, _)) in import::FIELDS.iter().enumerate() {
        assert_eq!(*field as usize, i, "{field:?}");
    }
}
