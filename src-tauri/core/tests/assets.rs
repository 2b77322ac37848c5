//! The asset register, loans and inspections against a real database: the
//! loan state machine through the store, double lending refused by the
//! store and by SQLite itself, import errors, the history's replay.

use chrono::NaiveDate;
use prongsai_core::assets::index::AssetQuery;
use prongsai_core::assets::{
    AssetDoc, AssetStatus, Authority, Finding, LoanFilter, LoanRequest, LoanState, Member, ReturnCondition, Settlement,
};
use prongsai_core::error::Refusal;
use prongsai_core::{Change, CoreError, Store, TextTarget};
use sqlx::Connection;

#[path = "common/asset_doc.rs"]
mod asset_doc;
#[path = "common/asset_store.rs"]
mod asset_store;
use asset_doc::{asset, d};
use asset_store::store_with_assets;

fn request(number: &str, from: NaiveDate, due: NaiveDate) -> LoanRequest {
    LoanRequest {
        asset_number: number.into(),
        borrower: "นางสาวสมใจ ใฝ่ดี".into(),
        position: "นักวิชาการพัสดุ".into(),
        division: "กลุ่มบริหารงานคลัง".into(),
        purpose: "ใช้ประชุมนอกสถานที่".into(),
        outside: true,
        borrow_on: from,
        due_on: due,
    }
}

async fn newest_loan(store: &Store) -> i64 {
    store.loans(&LoanFilter::default(), d(2023, 6, 1)).await.unwrap()[0].id
}

#[tokio::test]
async fn a_full_loan_and_every_refused_step() {
    let (_d, store) = store_with_assets().await;
    let n = "7440-001-0001/66";
    // Dates out of order, a damaged asset: refused, nothing recorded.
    let before = store.change_count().await.unwrap();
    assert!(
        store
            .apply(Change::RequestLoan {
                request: request(n, d(2023, 5, 10), d(2023, 5, 1)),
                on: d(2023, 5, 1)
            })
            .await
            .is_err()
    );
    let e = store
        .apply(Change::RequestLoan {
            request: request("7440-001-0003/66", d(2023, 5, 1), d(2023, 5, 9)),
            on: d(2023, 5, 1),
        })
        .await
        .unwrap_err();
    assert!(e.to_string().contains("damaged"), "{e}");
    assert_eq!(store.change_count().await.unwrap(), before);

    store
        .apply(Change::RequestLoan {
            request: request(n, d(2023, 5, 1), d(2023, 5, 9)),
            on: d(2023, 4, 28),
        })
        .await
        .unwrap();
    let id = newest_loan(&store).await;
    let step = |c: Change| {
        let store = store.clone();
        async move { store.apply(c).await }
    };
    // Not yet approved: cannot be handed over or returned.
    let e = step(Change::HandOverLoan {
        loan_id: id,
        on: d(2023, 5, 1),
        by: "เจ้าหน้าที่พัสดุ".into(),
    })
    .await
    .unwrap_err();
    assert_eq!(e.to_string(), "a loan that is requested cannot be handed over");
    assert!(
        step(Change::ReturnLoan {
            loan_id: id,
            on: d(2023, 5, 1),
            condition: ReturnCondition::Good,
            received_by: "x".into()
        })
        .await
        .is_err()
    );
    // A decision before the request, or without a name: refused.
    assert!(
        step(Change::DecideLoan {
            loan_id: id,
            approve: true,
            by: "อธิบดี".into(),
            authority: Authority::Head,
            on: d(2023, 4, 1),
            reason: String::new()
        })
        .await
        .is_err()
    );
    assert!(matches!(
        step(Change::DecideLoan {
            loan_id: id,
            approve: true,
            by: " ".into(),
            authority: Authority::Head,
            on: d(2023, 4, 29),
            reason: String::new()
        })
        .await,
        Err(CoreError::Refused(Refusal::EmptyText { .. }))
    ));
    step(Change::DecideLoan {
        loan_id: id,
        approve: true,
        by: "ผู้อำนวยการกองคลัง".into(),
        authority: Authority::Delegate,
        on: d(2023, 4, 29),
        reason: String::new(),
    })
    .await
    .unwrap();
    // Approved twice? No.
    assert!(
        step(Change::DecideLoan {
            loan_id: id,
            approve: false,
            by: "x".into(),
            authority: Authority::Head,
            on: d(2023, 4, 30),
            reason: "r".into()
        })
        .await
        .is_err()
    );
    step(Change::HandOverLoan {
        loan_id: id,
        on: d(2023, 5, 1),
        by: "เจ้าหน้าที่พัสดุ".into(),
    })
    .await
    .unwrap();
    let out = store.asset_index().await.unwrap().query(&AssetQuery {
        text: n.into(),
        limit: 5,
        ..Default::default()
    });
    assert!(out.rows[0].on_loan);
    // Out and overdue on 10 May; due within 3 days on 7 May.
    let overdue = LoanFilter {
        overdue_on: Some(d(2023, 5, 10)),
        ..Default::default()
    };
    assert_eq!(store.loans(&overdue, d(2023, 5, 10)).await.unwrap().len(), 1);
    let soon = LoanFilter {
        due_within: Some(3),
        ..Default::default()
    };
    assert_eq!(store.loans(&soon, d(2023, 5, 7)).await.unwrap().len(), 1);
    assert_eq!(store.loans(&soon, d(2023, 5, 1)).await.unwrap().len(), 0);
    // The asset cannot be marked lost while out.
    assert!(
        step(Change::SetAssetStatus {
            number: n.into(),
            status: AssetStatus::Lost,
            on: d(2023, 5, 2),
            reason: String::new()
        })
        .await
        .is_err()
    );
    // Returned damaged on 12 May (late): the asset is damaged; settled by repair, usable again.
    assert!(
        step(Change::ReturnLoan {
            loan_id: id,
            on: d(2023, 4, 30),
            condition: ReturnCondition::Good,
            received_by: "x".into()
        })
        .await
        .is_err()
    );
    step(Change::ReturnLoan {
        loan_id: id,
        on: d(2023, 5, 12),
        condition: ReturnCondition::Damaged,
        received_by: "เจ้าหน้าที่พัสดุ".into(),
    })
    .await
    .unwrap();
    let page = store.asset_page(n, d(2023, 5, 12)).await.unwrap();
    assert_eq!(page.asset.doc.status, AssetStatus::Damaged);
    step(Change::SettleLoan {
        loan_id: id,
        settlement: Settlement::Repaired,
        note: "ผู้ยืมซ่อมคืนสภาพเดิม".into(),
        on: d(2023, 5, 20),
    })
    .await
    .unwrap();
    assert!(
        step(Change::SettleLoan {
            loan_id: id,
            settlement: Settlement::Paid,
            note: String::new(),
            on: d(2023, 5, 21)
        })
        .await
        .is_err()
    );
    let page = store.asset_page(n, d(2023, 9, 30)).await.unwrap();
    assert_eq!(page.asset.doc.status, AssetStatus::Usable);
    let statuses: Vec<AssetStatus> = page.events.iter().map(|e| e.status).collect();
    assert_eq!(statuses, [AssetStatus::Damaged, AssetStatus::Usable]);
    let loan = &page.loans[0];
    assert_eq!(
        (loan.state, loan.on_time(), loan.decided_as),
        (LoanState::Returned, Some(false), Some(Authority::Delegate))
    );
    assert_eq!(loan.settlement, Some(Settlement::Repaired));
    // The year's figures.
    let s = store.asset_summary(2566, d(2024, 1, 1)).await.unwrap();
    assert_eq!((s.registered, s.loans, s.overdue), (3, 1, 0));
    assert_eq!(s.returned_on_time_percent, Some("0".parse().unwrap()));
    assert!(s.phrase().contains("มีครุภัณฑ์ในทะเบียน 3 รายการ"));
    let v = store.verify().await.unwrap();
    assert!(v.ok(), "{v:?}");
}

#[tokio::test]
async fn one_asset_is_never_lent_twice_by_the_store_or_by_sqlite() {
    let (dir, store) = store_with_assets().await;
    let n = "7440-001-0002/66";
    for _ in 0..2 {
        store
            .apply(Change::RequestLoan {
                request: request(n, d(2023, 6, 1), d(2023, 6, 5)),
                on: d(2023, 6, 1),
            })
            .await
            .unwrap();
    }
    let loans = store.loans(&LoanFilter::default(), d(2023, 6, 1)).await.unwrap();
    let (second, first) = (loans[0].id, loans[1].id);
    let approve = |id| Change::DecideLoan {
        loan_id: id,
        approve: true,
        by: "อธิบดี".into(),
        authority: Authority::Head,
        on: d(2023, 6, 1),
        reason: String::new(),
    };
    store.apply(approve(first)).await.unwrap();
    let e = store.apply(approve(second)).await.unwrap_err();
    assert!(e.to_string().contains("cannot be lent twice at once"), "{e}");
    // Around the app, SQLite itself refuses the second.
    store.close().await;
    let mut raw = sqlx::SqliteConnection::connect(&format!("sqlite://{}", dir.path().join("p.sqlite").display()))
        .await
        .unwrap();
    let r = sqlx::query("UPDATE loan SET state = 'handed_over' WHERE id = ?1")
        .bind(second)
        .execute(&mut raw)
        .await;
    let err = r.unwrap_err().to_string();
    assert!(err.contains("UNIQUE constraint failed"), "{err}");
    raw.close().await.unwrap();
}

#[tokio::test]
async fn inspection_committee_findings_and_confirmation() {
    let (_d, store) = store_with_assets().await;
    let m = |n: &str| Member {
        name: n.into(),
        position: "นักวิชาการ".into(),
    };
    let start = |committee: Vec<Member>| Change::StartInspection {
        year_be: 2566,
        on: d(2023, 10, 2),
        supply_officer: "นายพัสดุ ดูแล".into(),
        committee,
    };
    let e = store
        .apply(start(vec![m("นายก"), m("พัสดุ ดูแล"), m("นางค")]))
        .await
        .unwrap_err();
    assert!(e.to_string().contains("supply officer"), "{e}");
    store
        .apply(start(vec![m("นายก กรรมการ"), m("นางข กรรมการ"), m("นางสาวค กรรมการ")]))
        .await
        .unwrap();
    let find = |n: &str, f| Change::RecordFinding {
        year_be: 2566,
        number: n.into(),
        finding: f,
        note: String::new(),
    };
    store.apply(find("7440-001-0001/66", Finding::Found)).await.unwrap();
    store.apply(find("7440-001-0002/66", Finding::NotFound)).await.unwrap();
    store.apply(find("7440-001-0003/66", Finding::Obsolete)).await.unwrap();
    store
        .apply(Change::ConfirmInspection {
            year_be: 2566,
            on: d(2023, 10, 20),
        })
        .await
        .unwrap();
    assert!(
        store.apply(find("7440-001-0001/66", Finding::Damaged)).await.is_err(),
        "confirmed is final"
    );
    let idx = store.asset_index().await.unwrap();
    let status = |n: &str| {
        idx.query(&AssetQuery {
            text: n.into(),
            limit: 1,
            ..Default::default()
        })
        .rows[0]
            .status
    };
    assert_eq!(status("0001/66"), AssetStatus::Usable);
    assert_eq!(status("0002/66"), AssetStatus::Lost);
    assert_eq!(status("0003/66"), AssetStatus::Deteriorated);
    let i = store.inspection(2566).await.unwrap();
    assert_eq!((i.findings.len(), i.confirmed_on), (3, Some(d(2023, 10, 20))));
    assert_eq!(store.asset_summary(2566, d(2024, 1, 1)).await.unwrap().inspected, 3);
    assert!(store.verify().await.unwrap().ok());
}

#[tokio::test]
async fn records_are_kept_by_verify_and_passed_over_by_undo() {
    let (_dir, store) = store_with_assets().await;
    let m = store.report(2566).await.unwrap().measures[0].id;
    store
        .apply(Change::SetText {
            target: TextTarget::MeasureRemarks(m),
            text: "ก่อนยืม".into(),
        })
        .await
        .unwrap();
    store
        .apply(Change::RequestLoan {
            request: request("7440-001-0001/66", d(2023, 6, 1), d(2023, 6, 5)),
            on: d(2023, 6, 1),
        })
        .await
        .unwrap();
    // Undo skips the loan (a record) and undoes the text.
    assert_eq!(store.undo_state().await.unwrap().undo.unwrap().kind, "set_text");
    store.undo().await.unwrap();
    assert_eq!(store.report(2566).await.unwrap().measures[0].remarks, "");
    assert_eq!(
        store.loans(&LoanFilter::default(), d(2023, 6, 1)).await.unwrap().len(),
        1
    );
    // Duplicate numbers are refused, all or nothing.
    let e = store
        .apply(Change::ImportAssets {
            assets: vec![
                asset("X-1", "a", AssetStatus::Usable),
                asset("7440-001-0001/66", "b", AssetStatus::Usable),
            ],
        })
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("assets[1]") && e.to_string().contains("already in the register"),
        "{e}"
    );
    assert_eq!(store.assets().await.unwrap().len(), 3);
    // The first row at fault is named, a registered number as any other.
    let mut negative = asset("X-2", "c", AssetStatus::Usable);
    negative.price = -negative.price;
    let e = store
        .apply(Change::ImportAssets {
            assets: vec![asset("7440-001-0001/66", "b", AssetStatus::Usable), negative],
        })
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("assets[0]") && e.to_string().contains("already in the register"),
        "{e}"
    );
    // A file of more assets than the register: the register is read whole.
    let more: Vec<AssetDoc> = ["Y-1", "Y-2", "Y-3", "7440-001-0001/66"]
        .map(|n| asset(n, "d", AssetStatus::Usable))
        .into();
    let e = store.apply(Change::ImportAssets { assets: more }).await.unwrap_err();
    assert!(
        e.to_string().contains("assets[3]") && e.to_string().contains("already in the register"),
        "{e}"
    );
    // The loan kept and the text undone: the history replays to these
    // records exactly.
    let v = store.verify().await.unwrap();
    assert!(v.ok(), "{v:?}");
}

#[tokio::test]
async fn a_register_file_is_checked_then_mapped_then_imported() {
    let (dir, store) = store_with_assets().await;
    let file = dir.path().join("other-layout.csv");
    std::fs::write(
        &file,
        "Asset No,Description,Type,Date,Cost\nX-1,เก้าอี้,ครุภัณฑ์สำนักงาน,2020-01-01,990\nX-2,โต๊ะ,ครุภัณฑ์ไม่มี,2020-01-01,abc\n",
    )
    .unwrap();
    // Its own headers: a problem to map, not an error.
    let (check, assets) = store.check_asset_import_file(&file, None).await.unwrap();
    assert!(check.problem.unwrap().contains("give a mapping"));
    assert!(assets.is_none() && check.fields.contains(&"acquired_on".to_owned()));
    let mapping: std::collections::BTreeMap<String, String> = [
        ("Asset No", "number"),
        ("Description", "name"),
        ("Type", "category"),
        ("Date", "acquired_on"),
        ("Cost", "price"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_owned(), b.to_owned()))
    .collect();
    // Mapped: row 3 has two faults, reported; nothing to import yet.
    let (check, assets) = store
        .check_asset_import_file(&file, Some(mapping.clone()))
        .await
        .unwrap();
    let preview = check.preview.unwrap();
    assert_eq!((preview.rows, preview.added, preview.errors.len()), (2, 1, 1));
    assert_eq!(preview.errors[0].row, 3);
    assert!(assets.is_none());
    std::fs::write(
        &file,
        "Asset No,Description,Type,Date,Cost\nX-1,เก้าอี้,ครุภัณฑ์สำนักงาน,2020-01-01,990\n",
    )
    .unwrap();
    let (_, assets) = store
        .check_asset_import_file(&file, Some(mapping.clone()))
        .await
        .unwrap();
    store
        .apply(Change::ImportAssets {
            assets: assets.unwrap(),
        })
        .await
        .unwrap();
    assert_eq!(store.assets().await.unwrap().len(), 4);
    // The register is asked for the file's numbers only, in the form they
    // are compared in: X-1 typed with a non-breaking hyphen is registered.
    std::fs::write(
        &file,
        "Asset No,Description,Type,Date,Cost\nX-9,เก้าอี้,ครุภัณฑ์สำนักงาน,2020-01-01,990\n\
         X\u{2011}1,เก้าอี้,ครุภัณฑ์สำนักงาน,2020-01-01,990\n",
    )
    .unwrap();
    let (check, assets) = store.check_asset_import_file(&file, Some(mapping)).await.unwrap();
    let preview = check.preview.unwrap();
    assert_eq!((preview.rows, preview.added, preview.errors.len()), (2, 1, 1));
    assert_eq!(preview.errors[0].row, 3);
    assert!(
        preview.errors[0].message.contains("already in the register"),
        "{preview:?}"
    );
    assert!(assets.is_none());
}

/// `assets list --search` reads the kept search text, the app's table its
/// index in memory: both find the same assets, in the same order, and an
/// asset without kept text (imported before schema v12) is still found.
#[tokio::test]
async fn the_kept_search_text_finds_what_the_tables_filter_finds() {
    let (dir, store) = store_with_assets().await;
    let more: Vec<AssetDoc> = (4..=2100)
        .map(|i| {
            let name = if i % 3 == 0 {
                "เก้าอี้สำนักงาน"
            } else {
                "โต๊ะทำงาน"
            };
            let mut a = asset(&format!("7110-006-{i:04}/66"), name, AssetStatus::Usable);
            a.category = "ครุภัณฑ์สำนักงาน".into();
            a.location = format!("ห้อง {}", i % 40);
            a.status = if i % 7 == 0 {
                AssetStatus::Damaged
            } else {
                AssetStatus::Usable
            };
            a
        })
        .collect();
    store.apply(Change::ImportAssets { assets: more }).await.unwrap();
    let index = store.asset_index().await.unwrap();
    let numbers =
        |rows: Vec<prongsai_core::assets::index::AssetRow>| rows.into_iter().map(|r| r.number).collect::<Vec<_>>();
    let queries = [
        ("", None),
        ("เก้าอี้ ห้อง 1", None),
        ("THINKPAD โน้ตบุ๊ก", None),
        ("๗๑๑๐-๐๐๖-๐๐๔๒", None),
        ("โต๊ะ", Some(AssetStatus::Damaged)),
        ("", Some(AssetStatus::Damaged)),
        ("ไม่มีคำนี้", None),
    ];
    for (text, status) in queries {
        let found = numbers(store.find_assets(text, status).await.unwrap());
        assert_eq!(found, numbers(index.all_matching(text, status)), "{text:?} {status:?}");
    }
    assert_eq!(
        numbers(store.find_assets("๗๑๑๐-๐๐๖-๐๐๔๒", None).await.unwrap()),
        ["7110-006-0042/66"]
    );
    // Words, not a phrase: "1" is in every number (7110-…), so every chair.
    let chairs = (4..=2100).filter(|i| i % 3 == 0).count();
    assert_eq!(store.find_assets("เก้าอี้ ห้อง 1", None).await.unwrap().len(), chairs);
    store.close().await;

    // Assets imported before v12 have no search text (here the first
    // import's, before the blocks of the second): they are read.
    let path = dir.path().join("p.sqlite");
    let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let refused = sqlx::query("DELETE FROM asset_text").execute(&mut c).await.unwrap_err();
    assert!(refused.to_string().contains("append-only"), "{refused}");
    let deleted = sqlx::raw_sql(
        "DROP TRIGGER asset_text_no_delete; \
         DELETE FROM asset_text WHERE first_id = (SELECT MIN(first_id) FROM asset_text)",
    )
    .execute(&mut c)
    .await
    .unwrap();
    assert_eq!(deleted.rows_affected(), 1);
    c.close().await.unwrap();
    let (store, _) = Store::open(&path).await.unwrap();
    let index = store.asset_index().await.unwrap();
    for (text, status) in queries {
        let found = numbers(store.find_assets(text, status).await.unwrap());
        assert_eq!(found, numbers(index.all_matching(text, status)), "{text:?} {status:?}");
    }
}
