//! Tests of `layout`: lines fit, labels hang, boxes are drawn, justified
//! lines fill the measure.

use super::*;

#[test]
fn lines_fit_and_keep_all_text() {
    let text = "เผยแพร่ข้อมูลแผน/รายงานการกำกับติดตามการใช้จ่ายงบประมาณประจำปีของหน่วยงาน ทั้งงบประมาณในระดับกรมและระดับกอง ให้บุคลากรทราบโดยทั่วกัน";
    let p = Paragraph::new(text, Style::regular(14.0));
    let lines = layout(&p, 200.0);
    assert!(lines.len() > 2);
    for l in &lines {
        assert!(l.width <= 200.0 + 0.01, "{} > 200: {}", l.width, l.text);
    }
    let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
}

#[test]
fn a_too_long_word_is_cut_at_graphemes() {
    let p = Paragraph::new(
        "https://example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        Style::regular(12.0),
    );
    let lines = layout(&p, 60.0);
    assert!(lines.len() > 3);
    assert!(lines.iter().all(|l| l.width <= 60.01));
    assert_eq!(lines[0].links.len(), 1);
}

#[test]
fn a_label_hangs_before_the_text() {
    let p = Paragraph::new("ข้อความ", Style::regular(14.0)).label(Span::new("1.", Style::regular(14.0)), 20.0);
    let l = &layout(&p, 300.0)[0];
    assert_eq!(l.x, 20.0);
    assert!(
        l.glyphs.iter().any(|g| g.x_units < 0),
        "label not placed left of the text"
    );
    assert!(l.text.starts_with("1. "));
}

#[test]
fn check_boxes_are_drawn_not_missing_glyphs() {
    let p = Paragraph::new("☐ อนุมัติ  ☑ ไม่อนุมัติ  ☒ ชำรุด", Style::regular(16.0));
    let lines = layout(&p, 400.0);
    let boxes: Vec<char> = lines.iter().flat_map(|l| l.boxes.iter().map(|b| b.mark)).collect();
    assert_eq!(boxes, ['☐', '☑', '☒']);
    assert!(
        lines.iter().flat_map(|l| &l.glyphs).all(|g| g.gid != 0),
        "a box printed as glyph 0"
    );
    // The words around a box keep their places and their text.
    assert!(lines[0].words.iter().any(|w| w.text.starts_with('☐')));
    let b = &lines[0].boxes[0];
    assert!(b.side > 5.0 && b.x >= 0.0);
}

#[test]
fn justified_lines_fill_the_measure_but_the_last() {
    let text = "ตามที่กรมทรัพย์สินทางปัญญาได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2566 เพื่อให้การดำเนินงานเป็นไปตามแนวทางการประเมิน";
    let p = Paragraph::new(text, Style::regular(16.0)).align(Align::Justify);
    let lines = layout(&p, 300.0);
    assert!(lines.len() > 2);
    for l in &lines[..lines.len() - 1] {
        assert!((l.width - 300.0).abs() < 0.5, "{} wide: {}", l.width, l.text);
    }
    assert!(lines.last().unwrap().width < 299.0);
}
