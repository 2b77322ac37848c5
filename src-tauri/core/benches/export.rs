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
        b.iter(|| report_pdf(&big, &opts).unwrap());
    });
    g.finish();
    let text = &sample.measures[1].results[0].text;
    c.bench_function("layout/paragraph", |b| {
        b.iter(|| layout(&Paragraph::new(text.as_str(), Style::regular(14.0)), 300.0));
    });
}

/// A year of 500 budget lines with 12 months each, in `divisions` divisions.
fn big_budget(lines: usize) -> prongsai_core::budget::BudgetDoc {
    use prongsai_core::budget::*;
    use rust_decimal::Decimal;
    BudgetDoc {
        year_be: 2566,
        lines: (0..lines)
            .map(|i| BudgetLineDoc {
                division: format!("กอง {}", i % 20),
                category: Category::ALL[i % 5],
                item: None,
                plan: format!("โครงการ {i}"),
                source: String::new(),
                allocated: Decimal::new(100_000_000 + i as i64, 2),
                transfer_in: Decimal::ZERO,
                transfer_out: Decimal::ZERO,
                months: (1..=12)
                    .map(|m| MonthFigures {
                        month: m,
                        planned: Decimal::new(8_000_000 + i as i64, 2),
                        disbursed: Decimal::new(7_999_999 + i as i64 * 3, 2),
                        committed: Decimal::new(12_345, 2),
                    })
                    .collect(),
            })
            .collect(),
        targets: vec![],
    }
}

/// An XLSX of `rows` monthly disbursement rows in the app's own headers.
fn big_xlsx(rows: usize) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in [
        "หน่วยงาน",
        "งบรายจ่าย",
        "แผนงาน/ผลผลิต/โครงการ",
        "งบประมาณที่ได้รับจัดสรร",
        "เดือน",
        "เบิกจ่าย",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let months = [
        "2022-10", "2022-11", "2022-12", "2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06", "2023-07",
        "2023-08", "2023-09",
    ];
    for r in 0..rows {
        let row = r as u32 + 1;
        let line = r / 12;
        sheet.write_string(row, 0, "กลุ่มบริหารงานคลัง").unwrap();
        sheet.write_string(row, 1, "งบดำเนินงาน").unwrap();
        sheet.write_string(row, 2, format!("โครงการ {line}")).unwrap();
        if r % 12 == 0 {
            sheet.write_number(row, 3, 1_200_000.0).unwrap();
        }
        sheet.write_string(row, 4, months[r % 12]).unwrap();
        sheet.write_number(row, 5, 12_345.67).unwrap();
    }
    book.save_to_buffer().unwrap()
}

fn budget(c: &mut Criterion) {
    let doc = big_budget(500);
    c.bench_function("budget/monitor_500_lines_12_months", |b| {
        b.iter(|| prongsai_core::budget::monitor(&doc, 12).unwrap());
    });
    let xlsx = big_xlsx(50_000);
    let empty = prongsai_core::budget::BudgetDoc {
        year_be: 2566,
        lines: vec![],
        targets: vec![],
    };
    let divisions = vec!["กลุ่มบริหารงานคลัง".to_owned()];
    let mut g = c.benchmark_group("budget_import");
    g.sample_size(10);
    g.bench_function("xlsx_50k_rows", |b| {
        b.iter(|| {
            let table = prongsai_core::budget_import::read_workbook(xlsx.clone()).unwrap();
            let (merged, preview) = prongsai_core::budget_import::plan(&table, None, &empty, &divisions).unwrap();
            assert!(preview.errors.is_empty());
            merged
        });
    });
    g.finish();
}

criterion_group!(benches, bench, budget);
criterion_main!(benches);
