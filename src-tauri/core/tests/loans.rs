//! Loans keep ข้อ 207–209 with separation of duties: the borrower never
//! approves, hands over or receives their own loan; no step is dated after
//! today or before the asset was acquired; disposal is final.

use chrono::NaiveDate;
use prongsai_core::assets::{AssetDoc, AssetStatus, Authority, LoanFilter, LoanRequest, ReturnCondition};
use prongsai_core::{Change, CoreError, Store};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn asset(number: &str) -> AssetDoc {
    AssetDoc {
        number: number.into(),
        name: "เครื่องคอมพิวเตอร์โน้ตบุ๊ก".into(),
        category: "ครุภัณฑ์คอมพิวเตอร์".into(),
        brand: String::new(),
        model: String::new(),
        serial: String::new(),
        acquired_on: d(2023, 1, 10),
        method: String::new(),
        price: "25900.00".parse().unwrap(),
        budget_year: Some(2566),
        funding: String::new(),
        location: String::new(),
        division: String::new(),
        status: AssetStatus::Usable,
        useful_life: 5,
        note: String::new(),
    }
}

const BORROWER: &str = "นางสาวสมใจ ใฝ่ดี";

async fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    store
        .apply(Change::ImportAssets {
            assets: vec![asset("A-1"), asset("A-2")],
        })
        .await
        .unwrap();
    (dir, store)
}

fn request(number: &str, from: NaiveDate) -> LoanRequest {
    LoanRequest {
        asset_number: number.into(),
        borrower: BORROWER.into(),
        position: String::new(),
        division: String::new(),
        purpose: "ประชุม".into(),
        outside: false,
        borrow_on: from,
        due_on: from + chrono::Days::new(7),
    }
}

fn refused(r: Result<prongsai_core::Applied, CoreError>, says: &str) {
    let e = r.expect_err("refused");
    assert!(e.to_string().contains(says), "{e}");
}

#[tokio::test]
async fn the_borrower_never_approves_hands_over_or_receives_their_own_loan() {
    let (_d, store) = store().await;
    store
        .apply(Change::RequestLoan {
            request: request("A-1", d(2024, 5, 1)),
            on: d(2024, 4, 28),
        })
        .await
        .unwrap();
    let id = store.loans(&LoanFilter::default(), d(2024, 5, 1)).await.unwrap()[0].id;
    let decide = |by: &str| Change::DecideLoan {
        loan_id: id,
        approve: true,
        by: by.into(),
        authority: Authority::Head,
        on: d(2024, 4, 29),
        reason: String::new(),
    };
    // The same person with another title and spacing is the same person.
    refused(store.apply(decide("สมใจ  ใฝ่ดี")).await, "separation of duties");
    store.apply(decide("อธิบดี")).await.unwrap();
    refused(
        store
            .apply(Change::HandOverLoan {
                loan_id: id,
                on: d(2024, 5, 1),
                by: BORROWER.into(),
            })
            .await,
        "separation of duties",
    );
    store
        .apply(Change::HandOverLoan {
            loan_id: id,
            on: d(2024, 5, 1),
            by: "เจ้าหน้าที่พัสดุ".into(),
        })
        .await
        .unwrap();
    let ret = |on: NaiveDate, by: &str| Change::ReturnLoan {
        loan_id: id,
        on,
        condition: ReturnCondition::Good,
        received_by: by.into(),
    };
    refused(
        store.apply(ret(d(2024, 5, 8), "นางสาว สมใจ ใฝ่ดี")).await,
        "separation of duties",
    );
    // A return typed 3/12/2596 for 2569: after today, refused; nothing stuck.
    refused(store.apply(ret(d(2053, 12, 3), "เจ้าหน้าที่พัสดุ")).await, "after today");
    store.apply(ret(d(2024, 5, 8), "เจ้าหน้าที่พัสดุ")).await.unwrap();
    assert!(store.verify().await.unwrap().ok());
}

#[tokio::test]
async fn no_step_before_the_acquisition_or_after_today_and_disposal_is_final() {
    let (_d, store) = store().await;
    refused(
        store
            .apply(Change::RequestLoan {
                request: request("A-1", d(2023, 1, 5)),
                on: d(2023, 1, 2),
            })
            .await,
        "acquisition",
    );
    let tomorrow = chrono::Local::now().date_naive() + chrono::Days::new(1);
    refused(
        store
            .apply(Change::RequestLoan {
                request: request("A-1", tomorrow),
                on: tomorrow,
            })
            .await,
        "after today",
    );
    let status = |s: AssetStatus| Change::SetAssetStatus {
        number: "A-2".into(),
        status: s,
        on: d(2024, 1, 1),
        reason: "ตามมติคณะกรรมการ".into(),
    };
    store.apply(status(AssetStatus::Disposed)).await.unwrap();
    refused(store.apply(status(AssetStatus::Usable)).await, "disposal is final");
    assert!(store.verify().await.unwrap().ok());
}

/// A step recorded with a wrong date is corrected by a recorded correction
/// with its reason, in order with the other steps; never left stuck.
#[tokio::test]
async fn a_wrong_step_is_corrected_with_a_reason() {
    use prongsai_core::assets::LoanStep;
    let (_d, store) = store().await;
    store
        .apply(Change::RequestLoan {
            request: request("A-1", d(2024, 5, 1)),
            on: d(2024, 4, 28),
        })
        .await
        .unwrap();
    let id = store.loans(&LoanFilter::default(), d(2024, 5, 1)).await.unwrap()[0].id;
    for c in [
        Change::DecideLoan {
            loan_id: id,
            approve: true,
            by: "อธิบดี".into(),
            authority: Authority::Head,
            on: d(2024, 4, 29),
            reason: String::new(),
        },
        Change::HandOverLoan {
            loan_id: id,
            on: d(2024, 5, 1),
            by: "เจ้าหน้าที่พัสดุ".into(),
        },
        // Typed 20/5 for 8/5.
        Change::ReturnLoan {
            loan_id: id,
            on: d(2024, 5, 20),
            condition: ReturnCondition::Good,
            received_by: "เจ้าหน้าที่พัสดุ".into(),
        },
    ] {
        store.apply(c).await.unwrap();
    }
    let correct = |on: NaiveDate, by: &str, reason: &str| Change::CorrectLoan {
        loan_id: id,
        step: LoanStep::Return,
        on,
        by: by.into(),
        reason: reason.into(),
    };
    refused(store.apply(correct(d(2024, 5, 8), "", " ")).await, "reason");
    refused(
        store.apply(correct(d(2024, 4, 30), "", "พิมพ์วันที่ผิด")).await,
        "before the hand-over",
    );
    refused(
        store.apply(correct(d(2024, 5, 8), BORROWER, "พิมพ์วันที่ผิด")).await,
        "separation of duties",
    );
    refused(
        store
            .apply(Change::CorrectLoan {
                loan_id: id,
                step: LoanStep::Settle,
                on: d(2024, 5, 9),
                by: String::new(),
                reason: "x".into(),
            })
            .await,
        "no settlement to correct",
    );
    store
        .apply(correct(d(2024, 5, 8), "นายรับคืน ตรวจดี", "พิมพ์วันที่ผิดจาก 8 เป็น 20"))
        .await
        .unwrap();
    let loan = store.loan(id).await.unwrap();
    assert_eq!(loan.returned_on, Some(d(2024, 5, 8)));
    assert_eq!(loan.received_by, "นายรับคืน ตรวจดี");
    // Records are not undone: undo passes over the correction.
    assert!(store.undo_state().await.unwrap().undo.is_none());
    assert!(store.verify().await.unwrap().ok());
}

/// The rules refuse with data the UI words in Thai: each refusal of the
/// loan, inspection, budget and year rules arrives as its own kind, with
/// the dates and names a sentence needs (the UI's test words every kind).
#[tokio::test]
async fn each_rule_refuses_with_its_own_kind_of_refusal() {
    use prongsai_core::refusal::{Duty, Moment, Refusal};
    let (_dir, store) = store().await;
    let kind = |r: Result<prongsai_core::Applied, CoreError>| match r.expect_err("refused") {
        CoreError::Refused(r) => r,
        other => panic!("not a refusal: {other}"),
    };
    let today = chrono::Local::now().date_naive();
    let tomorrow = today.succ_opt().unwrap();

    // Loans: a step after today, the borrower approving, a step out of order.
    let r = kind(
        store
            .apply(Change::RequestLoan {
                request: request("A-1", tomorrow),
                on: tomorrow,
            })
            .await,
    );
    assert_eq!(
        r,
        Refusal::AfterToday {
            moment: Moment::Request,
            on: tomorrow,
            today
        }
    );
    let loan = store
        .apply(Change::RequestLoan {
            request: request("A-1", today),
            on: today,
        })
        .await
        .unwrap()
        .created
        .unwrap();
    let decide = |by: &str| Change::DecideLoan {
        loan_id: loan,
        approve: true,
        by: by.into(),
        authority: Authority::Head,
        on: today,
        reason: String::new(),
    };
    assert_eq!(
        kind(store.apply(decide(BORROWER)).await),
        Refusal::BorrowerDuty {
            who: BORROWER.into(),
            duty: Duty::Decide
        }
    );
    let hand_over = Change::HandOverLoan {
        loan_id: loan,
        on: today,
        by: "เจ้าหน้าที่พัสดุ".into(),
    };
    assert!(matches!(
        kind(store.apply(hand_over).await),
        Refusal::LoanStepOutOfOrder { .. }
    ));

    // Inspection: a committee of two.
    let two = ["นาย ก", "นาย ข"].map(|n| prongsai_core::assets::Member {
        name: n.into(),
        position: String::new(),
    });
    let r = kind(
        store
            .apply(Change::StartInspection {
                year_be: 2566,
                on: d(2023, 9, 1),
                supply_officer: "นาง ค".into(),
                committee: two.to_vec(),
            })
            .await,
    );
    assert_eq!(r, Refusal::CommitteeTooSmall { members: 2 });

    // Budget: a target over 100 %.
    let r = kind(
        store
            .apply(Change::SetTarget {
                year_be: 2566,
                scope: prongsai_core::budget::TargetScope::Overall,
                quarter: 1,
                percent: Some("120".into()),
            })
            .await,
    );
    assert_eq!(r, Refusal::NotAPercentage { text: "120".into() });

    // Years: publishing a draft, copying a year onto itself.
    let publish = Change::SetStatus {
        year_be: 2566,
        status: prongsai_core::YearStatus::Published,
        by: String::new(),
        url: "https://example.go.th/ita".into(),
        reason: String::new(),
        at: None,
    };
    assert_eq!(
        kind(store.apply(publish).await),
        Refusal::PublishBeforeApproval { year_be: 2566 }
    );
    let copy = Change::NewYear {
        from: 2566,
        to: 2566,
        keep_remarks: false,
    };
    assert_eq!(kind(store.apply(copy).await), Refusal::CopyOntoItself { year_be: 2566 });

    // What crosses IPC carries the refusal beside the English message.
    let payload = CoreError::from(Refusal::CopyOntoItself { year_be: 2566 }).payload();
    assert_eq!(payload.code, prongsai_core::ErrorCode::InvalidInput);
    assert!(payload.message.contains("copied onto itself"));
    assert_eq!(payload.refusal, Some(Refusal::CopyOntoItself { year_be: 2566 }));
}

/// The header search finds the register too: an asset by its number or
/// name (Thai digits find Arabic ones), a loan by its borrower; each hit
/// names the asset it opens.
#[tokio::test]
async fn the_search_finds_assets_and_loans() {
    use prongsai_core::HitPlace;
    let (_dir, store) = store().await;
    let today = chrono::Local::now().date_naive();
    store
        .apply(Change::RequestLoan {
            request: request("A-2", today),
            on: today,
        })
        .await
        .unwrap();
    let hits = store.search("a-๑").await.unwrap();
    assert!(
        hits.iter()
            .any(|h| matches!(h.place, HitPlace::Asset(_)) && h.asset_number.as_deref() == Some("A-1")),
        "{hits:?}"
    );
    let hits = store.search("สมใจ").await.unwrap();
    let loan = hits
        .iter()
        .find(|h| matches!(h.place, HitPlace::Loan(_)))
        .expect("the loan by its borrower");
    assert_eq!(loan.asset_number.as_deref(), Some("A-2"));
    assert_eq!(loan.year_be, 0);
    // The report's texts still come first.
    let hits = store.search("คอมพิวเตอร์").await.unwrap();
    assert!(
        hits.iter().filter(|h| matches!(h.place, HitPlace::Asset(_))).count() == 2,
        "{hits:?}"
    );
}
