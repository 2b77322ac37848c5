//! Export speed. `cargo bench -p prongsai-core --bench export`.

use criterion::{Criterion, criterion_group, criterion_main};
use prongsai_core::documents::{ReportOptions, report_pdf};
use prongsai_core::typeset::{Paragraph, Style, layout::layout};
use prongsai_core::{Change, Digits, Orientation, Report, Store, doc, sample};

/// The sample report, and a synthetic year of 200 measures made of its
/// sentences (the same shape as scripts/synthetic-year.py writes).
fn reports() -> (Report, Report) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open_or_seed(&dir.path().join("b.sqlite")).await.unwrap();
        let sample_report = store.report(2566).await.unwrap();
        let mut big = sample::sample_doc().unwrap();
        big.year.year_be = 2599;
        big.memos.clear();
        let base = big.measures.clone();
        big.measures = (0..200)
            .map(|i| {
                let mut m = base[i % base.len()].clone();
                m.title = format!("{} ({})", m.title, i + 1);
                m
            })
            .collect();
        let big = doc::normalize(big).unwrap();
        store
            .apply(Change::ImportReport {
                doc: Box::new(big),
                replace: false,
            })
            .await
            .unwrap();
        let big_report = store.report(2599).await.unwrap();
        (sample_report, big_report)
    })
}

fn bench(c: &mut Criterion) {
    let (sample, big) = reports();
    let opts = ReportOptions {
        digits: Digits::Thai,
        orientation: Orientation::Landscape,
    };
    c.bench_function("report_pdf/sample", |b| b.iter(|| report_pdf(&sample, &opts).unwrap()));
    let mut g = c.benchmark_group("big");
    g.sample_size(10);
    g.bench_function("report_pdf/200_measures", |b| {
        b.iter(|| report_pdf(&big, &opts).unwrap())
    });
    g.finish();
    let text = &sample.measures[1].results[0].text;
    c.bench_function("layout/paragraph", |b| {
        b.iter(|| layout(&Paragraph::new(text.as_str(), Style::regular(14.0)), 300.0))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
