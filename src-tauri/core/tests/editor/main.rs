//! The report editor's changes against a real database: every operation,
//! its undo and redo, copy-forward, the status rules, search; and a property
//! test that any sequence of edits undone in full gives back the report.

use prongsai_core::change::{EvidenceSnap, ItemList, ItemRef, ItemSnap, MeasureSnap, OitTarget, OrgSettings};
use prongsai_core::{
    Change, Channel, ChannelKind, CoreError, Digits, Evidence, HitPlace, OitItem, Orientation, Report, Store,
    TextTarget, YearStatus,
};

mod structure;
mod years;

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
