//! The register at 100,000 assets: importing a CSV (read, check every row,
//! insert in one transaction, logged; checked whole then applied, and as
//! the file workflow does it, inserted as read) and filtering by text in
//! memory.
//! `cargo bench -p prongsai-core --bench assets`; figures in docs/benchmarks.md.
//! Targets (issue #6): import < 5 s, filter < 50 ms; (issue #19) one search
//! from the kept text well under the 100 ms a whole `assets list --search` may take.

use std::fmt::Write;

use criterion::{Criterion, criterion_group, criterion_main};
use prongsai_core::assets::index::AssetQuery;
use prongsai_core::{Change, Store};

const N: usize = 100_000;

/// A register CSV in the app's own Thai column names.
fn csv() -> String {
    let mut s = String::from("เลขครุภัณฑ์,ชื่อครุภัณฑ์,ประเภท,ยี่ห้อ,วันที่ได้มา,ราคา,ปีงบประมาณ,สถานที่ตั้ง,หน่วยงานผู้ดูแล\n");
    for i in 1..=N {
        let (name, cat) = if i % 10 == 0 {
            ("เก้าอี้สำนักงาน", "ครุภัณฑ์สำนักงาน")
        } else {
            ("เครื่องคอมพิวเตอร์โน้ตบุ๊ก", "ครุภัณฑ์คอมพิวเตอร์")
        };
        writeln!(
            s,
            "7440-001-{i:06}/66,{name},{cat},Lenovo,5/4/2566,\"25,900.00\",2566,ห้อง {},กลุ่มบริหารงานคลัง",
            i % 40
        )
        .unwrap();
    }
    s
}

fn import(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let text = csv();
    let mut g = c.benchmark_group("assets");
    g.sample_size(10);
    // Each import into a new database, made outside the time measured.
    let fresh = || {
        let dir = tempfile::tempdir().unwrap();
        let store = rt
            .block_on(Store::open_or_seed(&dir.path().join("a.sqlite")))
            .unwrap()
            .0;
        (dir, store)
    };
    g.bench_function("import_100k_csv", |b| {
        b.iter_batched(
            fresh,
            |(_dir, store)| {
                rt.block_on(async {
                    let table = prongsai_core::budget_import::read_csv(text.as_bytes()).unwrap();
                    let (assets, preview) = store.check_asset_import(table, None).await.unwrap();
                    assert!(preview.errors.is_empty());
                    store.apply(Change::ImportAssets { assets }).await.unwrap();
                    store.close().await;
                });
            },
            criterion::BatchSize::PerIteration,
        );
    });

    // The file workflow (`assets import`, the app's Import): the rows
    // inserted as they are read.
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("register.csv");
    std::fs::write(&file, &text).unwrap();
    g.bench_function("import_100k_csv_file_as_read", |b| {
        b.iter_batched(
            fresh,
            |(_dir, store)| {
                rt.block_on(async {
                    let (_, added) = store
                        .import_assets_file(&file, None, &Default::default(), true)
                        .await
                        .unwrap();
                    assert_eq!(added, Some(N));
                    store.close().await;
                });
            },
            criterion::BatchSize::PerIteration,
        );
    });

    let dir = tempfile::tempdir().unwrap();
    let (store, index) = rt.block_on(async {
        let (store, _) = Store::open_or_seed(&dir.path().join("a.sqlite")).await.unwrap();
        let table = prongsai_core::budget_import::read_csv(text.as_bytes()).unwrap();
        let (assets, _) = store.check_asset_import(table, None).await.unwrap();
        store.apply(Change::ImportAssets { assets }).await.unwrap();
        let index = store.asset_index().await.unwrap();
        (store, index)
    });
    assert_eq!(index.len(), N);
    g.sample_size(50);
    g.bench_function("filter_100k_text", |b| {
        b.iter(|| index.filter("เก้าอี้ ห้อง 1", None).len());
    });
    g.bench_function("query_100k_text_page", |b| {
        let q = AssetQuery {
            text: "โน้ตบุ๊ก".into(),
            limit: 200,
            ..Default::default()
        };
        b.iter(|| index.query(&q).total);
    });
    g.bench_function("query_100k_sorted_by_name", |b| {
        let q = AssetQuery {
            sort: prongsai_core::assets::index::AssetSort::Name,
            limit: 200,
            ..Default::default()
        };
        b.iter(|| index.query(&q).total);
    });
    g.sample_size(10);
    // What one `assets list --search` does after opening: the kept search
    // text read and matched, then the rows found read.
    g.bench_function("search_100k_kept_text_one_row", |b| {
        b.iter(|| rt.block_on(store.find_assets("7440-001-012345", None)).unwrap().len());
    });
    g.bench_function("index_100k_build", |b| {
        b.iter(|| rt.block_on(store.asset_index()).unwrap().len());
    });
    g.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
