//! Grows a database for the scale benchmark (`scripts/bench-scale.sh`):
//! `cargo run --release -p prongsai-core --example scale_db -- DB IMPORTS EDITS`
//! adds IMPORTS registers of 100,000 assets each (numbers unique across
//! runs) and EDITS one-field edits of the sample's remarks, through the
//! store as the app makes them. Run it again on the same file to grow it
//! further; the script measures open, a change, export and verify between.

use prongsai_core::assets::AssetDoc;
use prongsai_core::{Change, Store, TextTarget};

const ASSETS: usize = 100_000;

fn register(batch: usize) -> Vec<AssetDoc> {
    (0..ASSETS)
        .map(|i| {
            let (name, category) = if i % 10 == 0 {
                ("เก้าอี้สำนักงาน", "ครุภัณฑ์สำนักงาน")
            } else {
                ("เครื่องคอมพิวเตอร์โน้ตบุ๊ก", "ครุภัณฑ์คอมพิวเตอร์")
            };
            serde_json::from_value(serde_json::json!({
                "number": format!("{:04}-001-{i:06}/66", 7000 + batch),
                "name": name,
                "category": category,
                "brand": "Lenovo",
                "serial": format!("SN{batch}{i:06}"),
                "acquired_on": "2023-04-05",
                "price": "25900.00",
                "budget_year": 2566,
                "location": format!("ห้อง {}", i % 40),
                "division": "กลุ่มบริหารงานคลัง",
                "useful_life": 5,
            }))
            .expect("an asset")
        })
        .collect()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let db = args.next().expect("usage: scale_db DB IMPORTS EDITS");
    let imports: usize = args.next().and_then(|n| n.parse().ok()).expect("IMPORTS");
    let edits: usize = args.next().and_then(|n| n.parse().ok()).expect("EDITS");
    let (store, _) = Store::open_or_seed(db.as_ref()).await.unwrap();
    let done = store.assets().await.unwrap().len() / ASSETS;
    for batch in done..done + imports {
        let t = std::time::Instant::now();
        store
            .apply(Change::ImportAssets {
                assets: register(batch),
            })
            .await
            .unwrap();
        eprintln!("import {}: {:.2} s", batch + 1, t.elapsed().as_secs_f64());
    }
    let measures = store.report(2566).await.unwrap().measures;
    let t = std::time::Instant::now();
    for i in 0..edits {
        let m = &measures[i % measures.len()];
        store
            .apply(Change::SetText {
                target: TextTarget::MeasureRemarks(m.id),
                text: format!("หมายเหตุ ครั้งที่ {i}"),
            })
            .await
            .unwrap();
    }
    eprintln!("{edits} edits: {:.2} s", t.elapsed().as_secs_f64());
    store.close().await;
}
