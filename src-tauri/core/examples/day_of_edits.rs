//! A day of editing on a database, for trying `verify` and the history on
//! something realistic: `cargo run -p prongsai-core --example day_of_edits -- DB [EDITS]`
//! applies EDITS (default 500) edits by three people through the store:
//! texts, new and moved items, splits, evidence, a new year, undos and
//! redos. Then run `prongsai-cli --db DB verify`.

use prongsai_core::change::{EvidenceSnap, ItemList, ItemRef, ItemSnap};
use prongsai_core::{Change, Evidence, Store, TextTarget};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let db = args.next().expect("usage: day_of_edits DB [EDITS]");
    let edits: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(500);
    let (base, _) = Store::open_or_seed(db.as_ref()).await.unwrap();
    let people = ["สมใจ ใฝ่ดี", "สมชาย รักงาน", "วันดี มีสุข"];
    let mut seed: u64 = 0x2566;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    };
    let (mut applied, mut refused) = (0, 0);
    for i in 0..edits {
        let store = base.clone().with_actor(people[next(3)]);
        let r = store.report(2566).await.unwrap();
        let m = &r.measures[next(r.measures.len())];
        let result = if m.results.is_empty() {
            None
        } else {
            Some(&m.results[next(m.results.len())])
        };
        let change = match next(12) {
            0..=3 => Change::SetText {
                target: TextTarget::MeasureRemarks(m.id),
                text: format!("ตรวจทานแล้ว รอบที่ {i}"),
            },
            4 => match result {
                Some(x) => Change::SetText {
                    target: TextTarget::Result(x.id),
                    text: format!("{} (ปรับถ้อยคำ {i})", x.text),
                },
                None => continue,
            },
            5 => Change::InsertItem {
                list: ItemList::Results { measure_id: m.id },
                index: 99,
                item: ItemSnap {
                    id: None,
                    level: 0,
                    text: format!("ผลการดำเนินการเพิ่มเติม {i}"),
                    evidence: Vec::new(),
                },
            },
            6 => Change::MoveMeasure {
                id: m.id,
                to: next(r.measures.len()) as u32,
            },
            7 => match result {
                Some(x) => Change::InsertEvidence {
                    result_id: x.id,
                    index: 99,
                    evidence: EvidenceSnap {
                        id: None,
                        evidence: Evidence::Url {
                            url: format!("https://www.ipthailand.go.th/th/ita/{i}"),
                        },
                    },
                },
                None => continue,
            },
            8 => match result {
                Some(x) if x.text.chars().count() > 20 => Change::SplitItem {
                    item: ItemRef::Result(x.id),
                    at: 12,
                },
                _ => continue,
            },
            9 => {
                match if next(2) == 0 {
                    store.undo().await
                } else {
                    store.redo().await
                } {
                    Ok(_) => applied += 1,
                    Err(_) => refused += 1,
                }
                continue;
            }
            10 if !store.years().await.unwrap().iter().any(|y| y.year_be == 2567) => Change::NewYear {
                from: 2566,
                to: 2567,
                keep_remarks: false,
            },
            _ => match result {
                Some(x) if m.results.len() > 3 => Change::DeleteItem {
                    item: ItemRef::Result(x.id),
                },
                _ => continue,
            },
        };
        match store.apply(change).await {
            Ok(_) => applied += 1,
            Err(_) => refused += 1,
        }
    }
    base.close().await;
    println!("{applied} changes applied, {refused} refused (a move to where it is, nothing to redo, …)");
}
