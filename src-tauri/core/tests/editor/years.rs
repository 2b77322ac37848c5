//! The organization, channels, OIT, signatures; years copied forward and their status; search.

use super::*;
use prongsai_core::error::Refusal;

#[tokio::test]
async fn organization_channels_oit_and_signatures() {
    let (_d, store) = sample().await;
    let org = store.organization().await.unwrap();
    let settings = OrgSettings {
        name_th: "กรมทดสอบ".into(),
        name_en: "Department of Tests".into(),
        ministry: org.ministry.clone(),
        doc_prefix: "พณ 0799".into(),
        phone: String::new(),
        divisions: vec!["กองกลาง".into(), "กองคลัง".into()],
        digits: Digits::Arabic,
        orientation: Orientation::Portrait,
    };
    store
        .apply(Change::SetOrganization {
            settings: settings.clone(),
        })
        .await
        .unwrap();
    let now = store.organization().await.unwrap();
    assert_eq!(now.name_th, "กรมทดสอบ");
    assert_eq!((now.digits, now.orientation), (Digits::Arabic, Orientation::Portrait));
    assert_eq!(
        now.divisions.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(),
        ["กองกลาง", "กองคลัง"]
    );
    let dup = OrgSettings {
        divisions: vec!["กองกลาง".into(), "กองกลาง".into()],
        ..settings.clone()
    };
    assert!(store.apply(Change::SetOrganization { settings: dup }).await.is_err());

    let channels = vec![
        Channel {
            kind: ChannelKind::Phone,
            value: "0 2547 4621".into(),
            unit: "กองบริหารงานกลาง".into(),
            note: String::new(),
        },
        Channel {
            kind: ChannelKind::Email,
            value: "saraban@ipthailand.go.th".into(),
            unit: String::new(),
            note: String::new(),
        },
    ];
    store
        .apply(Change::SetChannels {
            channels: channels.clone(),
        })
        .await
        .unwrap();
    assert_eq!(store.organization().await.unwrap().channels, channels);
    assert_eq!(channels[0].phrase(), "โทรศัพท์ 0 2547 4621 (กองบริหารงานกลาง)");
    let bad = vec![Channel {
        kind: ChannelKind::Email,
        value: "not an address".into(),
        unit: String::new(),
        note: String::new(),
    }];
    assert!(store.apply(Change::SetChannels { channels: bad }).await.is_err());

    // OIT: a catalogue per year; tags must name an item of it.
    let m = report(&store).await.measures[0].id;
    assert!(
        store
            .apply(Change::SetOitTag {
                target: OitTarget::Measure(m),
                code: "O42".into()
            })
            .await
            .is_err()
    );
    let items = vec![
        OitItem {
            code: "O42".into(),
            title: "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน".into(),
        },
        OitItem {
            code: "O43".into(),
            title: "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส".into(),
        },
    ];
    store
        .apply(Change::SetOitItems {
            year_be: 2566,
            items: items.clone(),
        })
        .await
        .unwrap();
    store
        .apply(Change::SetOitTag {
            target: OitTarget::Measure(m),
            code: "O42".into(),
        })
        .await
        .unwrap();
    store
        .apply(Change::SetOitTag {
            target: OitTarget::Year(2566),
            code: "O43".into(),
        })
        .await
        .unwrap();
    let r = report(&store).await;
    assert_eq!(
        (r.year.oit_code.as_str(), r.measures[0].oit_code.as_str()),
        ("O43", "O42")
    );
    assert_eq!(r.year.oit_items, items);
    // An item still used as a tag cannot be dropped from the list.
    assert!(
        store
            .apply(Change::SetOitItems {
                year_be: 2566,
                items: vec![items[1].clone()]
            })
            .await
            .is_err()
    );
    // They travel in the report file.
    let doc = store.export_doc(2566).await.unwrap();
    assert_eq!(doc.measures[0].oit_code, "O42");
    assert_eq!(doc.organization.channels, channels);

    let mut sig = r.year.signatures.clone();
    sig.approver_name = "นางสาวทดสอบ ใจดี".into();
    store
        .apply(Change::SetSignatures {
            year_be: 2566,
            signatures: sig.clone(),
        })
        .await
        .unwrap();
    assert_eq!(report(&store).await.year.signatures, sig);
    let v = store.verify().await.unwrap();
    assert!(v.ok(), "{v:?}");
}

#[tokio::test]
async fn copy_forward_and_status_rules() {
    let (_d, store) = sample().await;
    let src = report(&store).await;
    store
        .apply(Change::NewYear {
            from: 2566,
            to: 2567,
            keep_remarks: false,
        })
        .await
        .unwrap();
    let new = store.report(2567).await.unwrap();
    assert_eq!(new.year.status, YearStatus::Draft);
    assert_eq!(new.measures.len(), src.measures.len());
    for (a, b) in new.measures.iter().zip(&src.measures) {
        assert_eq!(a.title, b.title);
        assert_eq!(
            a.activities.iter().map(|x| &x.text).collect::<Vec<_>>(),
            b.activities.iter().map(|x| &x.text).collect::<Vec<_>>()
        );
        assert!(a.results.is_empty() && a.remarks.is_empty());
    }
    assert!(new.outcomes.is_empty());
    assert!(
        new.year.title.iter().any(|l| l.contains("2567")),
        "{:?}",
        new.year.title
    );
    assert!(!new.year.title.iter().any(|l| l.contains("2566")));
    // Again, or onto itself, or a CE year: refused.
    assert!(matches!(
        store
            .apply(Change::NewYear {
                from: 2566,
                to: 2567,
                keep_remarks: true
            })
            .await,
        Err(CoreError::Refused(Refusal::YearExists { .. }))
    ));
    assert!(
        store
            .apply(Change::NewYear {
                from: 2566,
                to: 2024,
                keep_remarks: true
            })
            .await
            .is_err()
    );
    // Undo removes the new year; redo brings it back with the same ids.
    store.undo().await.unwrap();
    assert!(store.report(2567).await.is_err());
    store.redo().await.unwrap();
    assert_eq!(store.report(2567).await.unwrap(), new);

    // Status: publish needs approval first; approval needs a name.
    let status = |status, by: &str, url: &str, reason: &str| Change::SetStatus {
        year_be: 2566,
        status,
        by: by.into(),
        url: url.into(),
        reason: reason.into(),
        at: None,
    };
    assert!(
        store
            .apply(status(YearStatus::Published, "", "https://x.go.th/r", ""))
            .await
            .is_err()
    );
    assert!(matches!(
        store.apply(status(YearStatus::Approved, " ", "", "")).await,
        Err(CoreError::Refused(Refusal::EmptyText { .. }))
    ));
    store.apply(status(YearStatus::Approved, "อธิบดี", "", "")).await.unwrap();
    let y = report(&store).await.year;
    assert_eq!((y.status, y.trail.by.as_str()), (YearStatus::Approved, "อธิบดี"));
    assert!(!y.trail.at.is_empty());
    // An approved year is read-only: every kind of edit is refused.
    let m = report(&store).await.measures[0].clone();
    for c in [
        Change::SetText {
            target: TextTarget::MeasureTitle(m.id),
            text: "x".into(),
        },
        Change::DeleteMeasure { id: m.id },
        Change::MoveMeasure { id: m.id, to: 2 },
        Change::DeleteItem {
            item: ItemRef::Activity(m.activities[0].id),
        },
        Change::InsertItem {
            list: ItemList::Outcomes { year_be: 2566 },
            index: 0,
            item: item("x"),
        },
        Change::SetOitItems {
            year_be: 2566,
            items: vec![],
        },
    ] {
        assert!(matches!(
            store.apply(c).await,
            Err(CoreError::Refused(Refusal::YearLocked { .. }))
        ));
    }
    assert!(
        store
            .apply(status(YearStatus::Published, "", "not a url", ""))
            .await
            .is_err()
    );
    store
        .apply(status(
            YearStatus::Published,
            "",
            "https://www.ipthailand.go.th/ita/2566",
            "",
        ))
        .await
        .unwrap();
    assert_eq!(
        report(&store).await.year.trail.published_url,
        "https://www.ipthailand.go.th/ita/2566"
    );
    // Reopening needs a reason, which is kept.
    assert!(store.apply(status(YearStatus::Draft, "", "", "")).await.is_err());
    store
        .apply(status(YearStatus::Draft, "ผู้จัดทำ", "", "แก้ไขคำผิด"))
        .await
        .unwrap();
    let y = report(&store).await.year;
    assert_eq!(
        (y.status, y.trail.reopen_reason.as_str()),
        (YearStatus::Draft, "แก้ไขคำผิด")
    );
    store
        .apply(Change::SetText {
            target: TextTarget::MeasureTitle(m.id),
            text: "แก้แล้ว".into(),
        })
        .await
        .unwrap();
    let v = store.verify().await.unwrap();
    assert!(v.ok(), "{v:?}");
}

#[tokio::test]
async fn search_finds_every_kind_of_text_across_years() {
    let (_d, store) = sample().await;
    store
        .apply(Change::NewYear {
            from: 2566,
            to: 2567,
            keep_remarks: true,
        })
        .await
        .unwrap();
    let hits = store.search("ยืม").await.unwrap();
    assert!(hits.iter().any(|h| h.year_be == 2567));
    assert!(
        hits.iter()
            .any(|h| h.year_be == 2566 && matches!(h.place, HitPlace::Result(_)))
    );
    assert!(
        hits.windows(2).all(|w| w[0].year_be >= w[1].year_be),
        "newest year first"
    );
    assert!(hits.iter().all(|h| h.snippet.contains("ยืม")));
    // Thai digits find Arabic ones; a URL is found in evidence.
    let hits = store.search("ว๒๔").await.unwrap();
    assert!(!hits.is_empty());
    let hits = store.search("ipthailand.go.th").await.unwrap();
    assert!(
        hits.iter()
            .any(|h| matches!(h.place, HitPlace::Evidence(_) | HitPlace::Result(_)))
    );
    assert!(store.search("   ").await.unwrap().is_empty());
    assert!(store.search("ไม่มีคำนี้ในรายงานแน่นอน").await.unwrap().is_empty());
}
