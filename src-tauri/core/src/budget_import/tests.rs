use super::*;

fn divisions() -> Vec<String> {
    vec!["กองคลัง".into(), "สำนักงานเลขาธิการกรม".into()]
}

fn empty() -> BudgetDoc {
    BudgetDoc {
        year_be: 2566,
        lines: vec![],
        targets: vec![],
    }
}

const CSV: &str = "\u{feff}หน่วยงาน,งบรายจ่าย,รายการ,งบประมาณที่ได้รับจัดสรร,เดือน,แผนการใช้จ่าย,เบิกจ่าย\n\
    กองคลัง,งบดำเนินงาน,ค่าวัสดุ,\"1,200,000.00\",2022-10,\"100,000\",\"95,000.50\"\n\
    กองคลัง,งบดำเนินงาน,ค่าวัสดุ,,2022-11,\"100,000\",(500.00)\n\
    สำนักงานเลขาธิการกรม,personnel,,๕๐๐๐๐๐,2023-03,,\"41,666.67\"\n";

#[test]
fn thai_headers_need_no_mapping_and_reimport_changes_nothing() {
    let table = read_csv(CSV.as_bytes()).unwrap();
    let (doc, preview) = plan(&table, None, &empty(), &divisions()).unwrap();
    assert!(preview.errors.is_empty(), "{:?}", preview.errors);
    assert_eq!((preview.lines_added, preview.months_set), (2, 3));
    assert_eq!(doc.lines[0].allocated, "1200000.00".parse().unwrap());
    assert_eq!(doc.lines[0].months[1].disbursed, "-500.00".parse().unwrap());
    assert_eq!(doc.lines[1].allocated, "500000".parse().unwrap());
    assert_eq!(doc.lines[1].months[0].month, 6);
    let (again, preview) = plan(&table, None, &doc, &divisions()).unwrap();
    assert_eq!(again, doc);
    assert_eq!((preview.lines_added, preview.lines_updated), (0, 2));
}

#[test]
fn every_bad_row_is_reported_with_its_reason() {
    let csv = "division,category,allocated,month,disbursed\n\
        กองคลัง,operating,1000,2022-10,1.234\n\
        กองพัสดุ,operating,1000,,\n\
        กองคลัง,งบลับ,1000,,\n\
        กองคลัง,investment,1000,2023-10,5\n\
        กองคลัง,investment,1000,2566-01,5\n\
        กองคลัง,subsidy,1000,2022-12,5\n\
        กองคลัง,subsidy,,2022-12,6\n\
        กองคลัง,other,,2022-12,6\n";
    let table = read_csv(csv.as_bytes()).unwrap();
    let (_, preview) = plan(&table, None, &empty(), &divisions()).unwrap();
    let by_row: Vec<(usize, &str)> = preview.errors.iter().map(|e| (e.row, e.message.as_str())).collect();
    let expect = [
        (2, "more than two decimal places"),
        (3, "unknown division"),
        (4, "unknown category"),
        (5, "not in fiscal year 2566"),
        (6, "Christian era"),
        (8, "duplicate row"),
        (9, "needs its allocation"),
    ];
    assert_eq!(by_row.len(), expect.len(), "{by_row:?}");
    for ((row, msg), (er, em)) in by_row.iter().zip(expect) {
        assert_eq!(*row, er);
        assert!(msg.contains(em), "row {row}: {msg}");
    }
}

#[test]
fn xlsx_cells_read_as_typed() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["division", "category", "allocated", "month", "disbursed"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "กองคลัง").unwrap();
    sheet.write_string(1, 1, "งบลงทุน").unwrap();
    sheet.write_number(1, 2, 2500000.5).unwrap();
    let march = rust_xlsxwriter::ExcelDateTime::from_ymd(2023, 3, 31).unwrap();
    sheet
        .write_datetime_with_format(
            1,
            3,
            &march,
            &rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd"),
        )
        .unwrap();
    sheet.write_number(1, 4, 1234.56).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let table = read_workbook(bytes).unwrap();
    let (doc, preview) = plan(&table, None, &empty(), &divisions()).unwrap();
    assert!(preview.errors.is_empty(), "{:?} {:?}", preview.errors, table);
    assert_eq!(doc.lines[0].allocated, "2500000.5".parse().unwrap());
    assert_eq!(doc.lines[0].months[0].month, 6);
    assert_eq!(doc.lines[0].months[0].disbursed, "1234.56".parse().unwrap());
}

#[test]
fn broken_files_are_refused() {
    assert!(read_workbook(b"PK\x03\x04 not really a zip".to_vec()).is_err());
    assert!(read_csv(b"a,b\n\xff\xfe,1\n").is_err());
    assert!(read_workbook(Vec::new()).is_err());
}

#[test]
fn other_layouts_use_a_mapping() {
    let csv = "หน่วยเบิกจ่าย,หมวด,วงเงิน\nกองคลัง,งบลงทุน,250000\n";
    let table = read_csv(csv.as_bytes()).unwrap();
    assert!(
        plan(&table, None, &empty(), &divisions())
            .unwrap_err()
            .to_string()
            .contains("no \"division\"")
    );
    let mapping: std::collections::BTreeMap<String, String> =
        [("หน่วยเบิกจ่าย", "division"), ("หมวด", "category"), ("วงเงิน", "allocated")]
            .into_iter()
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .collect();
    let (doc, preview) = plan(&table, Some(&mapping), &empty(), &divisions()).unwrap();
    assert!(preview.errors.is_empty());
    assert_eq!(doc.lines[0].category, Category::Investment);
}

#[test]
fn a_line_driven_below_zero_is_said_before_import() {
    // 1,000 allocated; 600 disbursed in October, then an order of 700
    // committed in November that is still open: 300 below zero.
    let csv = "หน่วยงาน,งบรายจ่าย,งบประมาณที่ได้รับจัดสรร,เดือน,เบิกจ่าย,ก่อหนี้ผูกพัน\n\
        กองคลัง,งบลงทุน,1000,2022-10,600,0\n\
        กองคลัง,งบลงทุน,,2022-11,0,700\n\
        สำนักงานเลขาธิการกรม,งบดำเนินงาน,1000,2022-10,500,0\n";
    let table = read_csv(csv.as_bytes()).unwrap();
    let (_, preview) = plan(&table, None, &empty(), &divisions()).unwrap();
    assert!(preview.errors.is_empty(), "{:?}", preview.errors);
    assert_eq!(
        preview.overspent,
        vec![Overspent {
            division: "กองคลัง".into(),
            category: Category::Investment,
            item: None,
            remaining: "-300".parse().unwrap(),
        }]
    );
}
