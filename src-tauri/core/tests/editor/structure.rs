//! Measures, items and evidence: insert, move, delete, split, merge, levels, undo.

use super::*;
use prongsai_core::error::Refusal;

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
        Err(CoreError::Refused(Refusal::SplitNeedsText))
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
        Err(CoreError::Refused(Refusal::EmptyText { .. }))
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
