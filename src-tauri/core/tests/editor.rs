//! The report editor's changes against a real database: every operation,
//! its undo and redo, copy-forward, the status rules, search; and a property
//! test that any sequence of edits undone in full gives back the report.

use prongsai_core::change::{EvidenceSnap, ItemList, ItemRef, ItemSnap, MeasureSnap, OitTarget, OrgSettings};
use prongsai_core::{
    Change, Channel, ChannelKind, CoreError, Digits, Evidence, HitPlace, OitItem, Orientation, Report, Store,
    TextTarget, YearStatus,
};

async fn sample() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    (dir, store)
}

async fn doc_json(store: &Store, year: i32) -> serde_json::Value {
    serde_json::to_value(store.export_doc(year).await.unwrap()).unwrap()
}

fn item(text: &str) -> ItemSnap {
    ItemSnap {
        id: None,
        level: 0,
        text: text.into(),
        evidence: Vec::new(),
    }
}

async fn report(store: &Store) -> Report {
    store.report(2566).await.unwrap()
}

/// Undoes everything undoable and checks the report is back to `original`.
async fn undo_all(store: &Store) {
    while store.undo_state().await.unwrap().undo.is_some() {
        store.undo().await.unwrap();
    }
}

#[tokio::test]
async fn measures_insert_move_delete_and_undo() {
    let (_d, store) = sample().await;
    let original = doc_json(&store, 2566).await;
    let ids: Vec<i64> = report(&store).await.measures.iter().map(|m| m.id).collect();

    let applied = store
        .apply(Change::InsertMeasure {
            year_be: 2566,
            index: 1,
            measure: MeasureSnap {
                id: None,
                title: "มาตรการใหม่".into(),
                remarks: String::new(),
                oit_code: String::new(),
                activities: vec![item("กิจกรรมแรก")],
                results: vec![],
            },
        })
        .await
        .unwrap();
    assert_eq!(applied.year_be, 2566);
    let r = report(&store).await;
    assert_eq!(r.measures.len(), 5);
    assert_eq!(r.measures[1].title, "มาตรการใหม่");
    // A lone item is not numbered, as in the printed report.
    assert_eq!(r.measures[1].activities[0].label, "");
    let new_id = r.measures[1].id;

    // Move the first measure to the end: the order follows, ids stay.
    store.apply(Change::MoveMeasure { id: ids[0], to: 4 }).await.unwrap();
    let order: Vec<i64> = report(&store).await.measures.iter().map(|m| m.id).collect();
    assert_eq!(order, vec![new_id, ids[1], ids[2], ids[3], ids[0]]);
    // Moving to where it is already is refused (and records nothing).
    let before = store.change_count().await.unwrap();
    assert!(store.apply(Change::MoveMeasure { id: ids[0], to: 9 }).await.is_err());
    assert_eq!(store.change_count().await.unwrap(), before);

    // Delete a measure with results and evidence; undo brings every piece back with its ids.
    let with_evidence = report(&store)
        .await
        .measures
        .into_iter()
        .find(|m| m.results.iter().any(|r| !r.evidence.is_empty()))
        .unwrap();
    store
        .apply(Change::DeleteMeasure { id: with_evidence.id })
        .await
        .unwrap();
    assert!(report(&store).await.measures.iter().all(|m| m.id != with_evidence.id));
    store.undo().await.unwrap();
    let back = report(&store)
        .await
        .measures
        .into_iter()
        .find(|m| m.id == with_evidence.id)
        .unwrap();
    assert_eq!(back, with_evidence);

    undo_all(&store).await;
    assert_eq!(doc_json(&store, 2566).await, original);
    // Redo all of it, then the history still verifies by replay.
    while store.undo_state().await.unwrap().redo.is_some() {
        store.redo().await.unwrap();
    }
    // Insert, move, delete: the undone delete is redone too.
    let r = report(&store).await;
    assert_eq!(r.measures.len(), 4);
    assert!(r.measures.iter().any(|m| m.id == new_id) && r.measures.iter().all(|m| m.id != with_evidence.id));
    let v = store.verify().await.unwrap();
    assert!(v.ok(), "{v:?}");
}

#[tokio::test]
async fn items_split_merge_level_and_numbering() {
    let (_d, store) = sample().await;
    let original = doc_json(&store, 2566).await;
    let m = report(&store).await.measures[0].clone();
    let first = m.activities[0].clone();
    let n = m.activities.len();

    // Split the first activity after its 10th character.
    store
        .apply(Change::SplitItem {
            item: ItemRef::Activity(first.id),
            at: 10,
        })
        .await
        .unwrap();
    let acts = report(&store).await.measures[0].activities.clone();
    assert_eq!(acts.len(), n + 1);
    let head: String = first.text.chars().take(10).collect();
    let tail: String = first.text.chars().skip(10).collect();
    assert_eq!(acts[0].text, head.trim());
    assert_eq!(acts[1].text, tail.trim());
    assert_eq!(acts[1].label, "2.", "numbering follows the order");
    // One undo step takes the whole split back.
    assert_eq!(store.undo_state().await.unwrap().undo.unwrap().kind, "batch");
    store.undo().await.unwrap();
    assert_eq!(doc_json(&store, 2566).await, original);

    // A split at the edge is refused.
    assert!(matches!(
        store
            .apply(Change::SplitItem {
                item: ItemRef::Activity(first.id),
                at: 0
            })
            .await,
        Err(CoreError::InvalidInput(_))
    ));

    // Merge result 1 with result 2: texts joined, evidence of both kept.
    let r = &m.results;
    let evidence: Vec<Evidence> = r[0]
        .evidence
        .iter()
        .chain(&r[1].evidence)
        .map(|e| e.evidence.clone())
        .collect();
    store
        .apply(Change::MergeItem {
            item: ItemRef::Result(r[0].id),
        })
        .await
        .unwrap();
    let merged = report(&store).await.measures[0].results[0].clone();
    assert_eq!(merged.text, format!("{} {}", r[0].text, r[1].text));
    assert_eq!(
        merged.evidence.iter().map(|e| e.evidence.clone()).collect::<Vec<_>>(),
        evidence
    );
    store.undo().await.unwrap();
    assert_eq!(doc_json(&store, 2566).await, original);
    // The last item has nothing to merge with.
    let last = r.last().unwrap().id;
    assert!(
        store
            .apply(Change::MergeItem {
                item: ItemRef::Result(last)
            })
            .await
            .is_err()
    );

    // Sub-items: the first item cannot be one; the second can, and reads 1).
    assert!(
        store
            .apply(Change::SetLevel {
                item: ItemRef::Activity(first.id),
                level: 1
            })
            .await
            .is_err()
    );
    store
        .apply(Change::SetLevel {
            item: ItemRef::Activity(m.activities[1].id),
            level: 1,
        })
        .await
        .unwrap();
    let acts = report(&store).await.measures[0].activities.clone();
    assert_eq!(acts[1].label, "1)");

    // Insert, move and delete an outcome.
    let outcomes = report(&store).await.outcomes;
    store
        .apply(Change::InsertItem {
            list: ItemList::Outcomes { year_be: 2566 },
            index: 0,
            item: item("ผลลัพธ์ใหม่"),
        })
        .await
        .unwrap();
    let o = report(&store).await.outcomes;
    assert_eq!((o[0].text.as_str(), o[0].label.as_str()), ("ผลลัพธ์ใหม่", "2.1"));
    store
        .apply(Change::MoveItem {
            item: ItemRef::Outcome(o[0].id),
            to: 99,
        })
        .await
        .unwrap();
    assert_eq!(report(&store).await.outcomes.last().unwrap().text, "ผลลัพธ์ใหม่");
    store
        .apply(Change::DeleteItem {
            item: ItemRef::Outcome(o[0].id),
        })
        .await
        .unwrap();
    assert_eq!(report(&store).await.outcomes, outcomes);
    // An empty item is refused, and the report is unchanged.
    assert!(matches!(
        store
            .apply(Change::InsertItem {
                list: ItemList::Results { measure_id: m.id },
                index: 0,
                item: item("   "),
            })
            .await,
        Err(CoreError::EmptyText { .. })
    ));
    undo_all(&store).await;
    assert_eq!(doc_json(&store, 2566).await, original);
}

#[tokio::test]
async fn evidence_url_image_memo_and_bad_input() {
    let (_d, store) = sample().await;
    let m = report(&store).await.measures[1].clone();
    let result = m.results[0].id;
    let add = |e: Evidence| Change::InsertEvidence {
        result_id: result,
        index: 99,
        evidence: EvidenceSnap { id: None, evidence: e },
    };
    store
        .apply(add(Evidence::Url {
            url: "https://www.ipthailand.go.th/th/".into(),
        }))
        .await
        .unwrap();
    let png = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/emblem.png")).unwrap();
    store
        .apply(add(Evidence::Image {
            name: "infographic.png".into(),
            mime: "image/png".into(),
            data: prongsai_core::doc::base64_encode(&png),
        }))
        .await
        .unwrap();
    let date = prongsai_core::thai::parse_be_date("5 เมษายน 2566").unwrap();
    store
        .apply(add(Evidence::Memo {
            number: "พณ 0701.08/ว24".into(),
            date,
            urgency: prongsai_core::Urgency::MostUrgent,
        }))
        .await
        .unwrap();
    let ev = report(&store).await.measures[1].results[0].evidence.clone();
    let kinds: Vec<&str> = ev
        .iter()
        .rev()
        .take(3)
        .map(|e| match e.evidence {
            Evidence::Url { .. } => "url",
            Evidence::Image { .. } => "image",
            Evidence::Memo { .. } => "memo",
        })
        .collect();
    assert_eq!(kinds, ["memo", "image", "url"]);
    // The memo reference finds the stored memo of the same number and date.
    assert!(ev.last().unwrap().memo_id.is_some());

    // Refused: a script URL, a file that is not an image, an empty memo number.
    for bad in [
        Evidence::Url {
            url: "javascript:alert(1)".into(),
        },
        Evidence::Image {
            name: "x.png".into(),
            mime: "image/png".into(),
            data: prongsai_core::doc::base64_encode(b"<svg onload=alert(1)>"),
        },
        Evidence::Memo {
            number: " ".into(),
            date,
            urgency: prongsai_core::Urgency::Normal,
        },
    ] {
        let before = store.change_count().await.unwrap();
        assert!(store.apply(add(bad)).await.is_err());
        assert_eq!(store.change_count().await.unwrap(), before);
    }
    // Delete the image; undo puts it back in its place.
    let image = ev
        .iter()
        .find(|e| matches!(e.evidence, Evidence::Image { .. }))
        .unwrap()
        .clone();
    store.apply(Change::DeleteEvidence { id: image.id }).await.unwrap();
    assert!(
        report(&store).await.measures[1].results[0]
            .evidence
            .iter()
            .all(|e| e.id != image.id)
    );
    store.undo().await.unwrap();
    assert_eq!(report(&store).await.measures[1].results[0].evidence, ev);
}

#[tokio::test]
async fn organization_channels_oit_and_signatures() {
    let (_d, store) = sample().await;
    let org = store.organization().await.unwrap();
    let settings = OrgSettings {
        name_th: "กรมทดสอบ".into(),
        name_en: "Department of Tests".into(),
        ministry: org.ministry.clone(),
        doc_prefix: "พณ 0799".into(),
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
        Err(CoreError::YearExists { .. })
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
        Err(CoreError::EmptyText { .. })
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
        assert!(matches!(store.apply(c).await, Err(CoreError::YearLocked { .. })));
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

mod property {
    //! Any sequence of edits, undone in full, gives back the report.
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        SetText(usize, String),
        InsertMeasure(usize),
        DeleteMeasure(usize),
        MoveMeasure(usize, usize),
        InsertResult(usize, usize, String),
        DeleteResult(usize, usize),
        MoveActivity(usize, usize, usize),
        Split(usize, usize, usize),
        Merge(usize, usize),
        Level(usize, usize),
        AddUrl(usize, usize),
        Outcome(String),
        Undo,
        Redo,
    }

    fn op() -> impl Strategy<Value = Op> {
        let text = "[ก-ฮ a-z<>&\"']{1,12}";
        prop_oneof![
            (any::<usize>(), text).prop_map(|(a, t)| Op::SetText(a, t)),
            any::<usize>().prop_map(Op::InsertMeasure),
            any::<usize>().prop_map(Op::DeleteMeasure),
            (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::MoveMeasure(a, b)),
            (any::<usize>(), any::<usize>(), text).prop_map(|(a, b, t)| Op::InsertResult(a, b, t)),
            (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::DeleteResult(a, b)),
            (any::<usize>(), any::<usize>(), any::<usize>()).prop_map(|(a, b, c)| Op::MoveActivity(a, b, c)),
            (any::<usize>(), any::<usize>(), any::<usize>()).prop_map(|(a, b, c)| Op::Split(a, b, c)),
            (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::Merge(a, b)),
            (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::Level(a, b)),
            (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Op::AddUrl(a, b)),
            text.prop_map(Op::Outcome),
            Just(Op::Undo),
            Just(Op::Redo),
        ]
    }

    /// The change an op stands for on the current report (None: not applicable).
    fn change(r: &Report, op: &Op) -> Option<Change> {
        let ms = &r.measures;
        let m = |i: usize| (!ms.is_empty()).then(|| &ms[i % ms.len()]);
        Some(match op {
            Op::SetText(i, t) => Change::SetText {
                target: TextTarget::MeasureTitle(m(*i)?.id),
                text: t.clone(),
            },
            Op::InsertMeasure(i) => Change::InsertMeasure {
                year_be: 2566,
                index: (*i % 6) as u32,
                measure: MeasureSnap {
                    id: None,
                    title: "ม".into(),
                    remarks: String::new(),
                    oit_code: String::new(),
                    activities: vec![item("ก")],
                    results: vec![item("ผ")],
                },
            },
            Op::DeleteMeasure(i) => Change::DeleteMeasure { id: m(*i)?.id },
            Op::MoveMeasure(i, to) => Change::MoveMeasure {
                id: m(*i)?.id,
                to: (*to % 6) as u32,
            },
            Op::InsertResult(i, at, t) => Change::InsertItem {
                list: ItemList::Results { measure_id: m(*i)?.id },
                index: (*at % 5) as u32,
                item: item(t),
            },
            Op::DeleteResult(i, j) => {
                let rs = &m(*i)?.results;
                Change::DeleteItem {
                    item: ItemRef::Result(rs.get(*j % rs.len().max(1))?.id),
                }
            }
            Op::MoveActivity(i, j, to) => {
                let a = &m(*i)?.activities;
                Change::MoveItem {
                    item: ItemRef::Activity(a.get(*j % a.len().max(1))?.id),
                    to: (*to % 5) as u32,
                }
            }
            Op::Split(i, j, at) => {
                let rs = &m(*i)?.results;
                let x = rs.get(*j % rs.len().max(1))?;
                Change::SplitItem {
                    item: ItemRef::Result(x.id),
                    at: (*at % x.text.chars().count().max(1)) as u32,
                }
            }
            Op::Merge(i, j) => {
                let rs = &m(*i)?.results;
                Change::MergeItem {
                    item: ItemRef::Result(rs.get(*j % rs.len().max(1))?.id),
                }
            }
            Op::Level(i, j) => {
                let a = &m(*i)?.activities;
                let x = a.get(*j % a.len().max(1))?;
                Change::SetLevel {
                    item: ItemRef::Activity(x.id),
                    level: 1 - x.level,
                }
            }
            Op::AddUrl(i, j) => {
                let rs = &m(*i)?.results;
                Change::InsertEvidence {
                    result_id: rs.get(*j % rs.len().max(1))?.id,
                    index: 0,
                    evidence: EvidenceSnap {
                        id: None,
                        evidence: Evidence::Url {
                            url: format!("https://a.go.th/{j}"),
                        },
                    },
                }
            }
            Op::Outcome(t) => Change::InsertItem {
                list: ItemList::Outcomes { year_be: 2566 },
                index: 0,
                item: item(t),
            },
            Op::Undo | Op::Redo => return None,
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
        #[test]
        fn edits_then_undo_all_restore_the_report(ops in proptest::collection::vec(op(), 1..25)) {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async {
                let (_d, store) = sample().await;
                let original = doc_json(&store, 2566).await;
                for op in &ops {
                    match op {
                        // Either may have nothing to do; that is refused, not a failure.
                        Op::Undo => { let _ = store.undo().await; }
                        Op::Redo => { let _ = store.redo().await; }
                        _ => {
                            let r = report(&store).await;
                            if let Some(c) = change(&r, op) {
                                // Some ops are refused on some reports (a split at
                                // the edge, a sub-item first): refused means unchanged.
                                let before = doc_json(&store, 2566).await;
                                if store.apply(c).await.is_err() {
                                    assert_eq!(doc_json(&store, 2566).await, before);
                                }
                            }
                        }
                    }
                }
                undo_all(&store).await;
                assert_eq!(doc_json(&store, 2566).await, original);
                let v = store.verify().await.unwrap();
                assert!(v.ok(), "{v:?}");
            });
        }
    }
}
