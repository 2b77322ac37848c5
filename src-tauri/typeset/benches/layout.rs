//! Typesetting speed, the work behind every page of every document.
//! `cargo bench -p prongsai-typeset`; figures in docs/benchmarks.md.

use criterion::{Criterion, criterion_group, criterion_main};
use prongsai_typeset::font::{Weight, face};
use prongsai_typeset::layout::layout;
use prongsai_typeset::shape::shape;
use prongsai_typeset::{Paragraph, Style};

/// A paragraph as reports write them: Thai words without spaces between
/// them, numbers, a date, an e-mail address and a URL.
const PARAGRAPH: &str = "กรมทรัพย์สินทางปัญญาได้จัดทำประกาศเจตนารมณ์การป้องกันและต่อต้านการทุจริต \
    และเผยแพร่ให้บุคลากรทุกระดับรับทราบผ่านช่องทางการสื่อสารภายในองค์กร เมื่อวันที่ 9 พฤษภาคม 2566 \
    โดยมีผู้เข้าร่วมกิจกรรมจำนวน 1,234 คน คิดเป็นร้อยละ 98.50 ของบุคลากรทั้งหมด \
    ผู้สนใจสามารถติดต่อได้ที่ fin@ipthailand.go.th หรือดูรายละเอียดที่ \
    https://www.ipthailand.go.th/th/govern-ment.html ตลอด 24 ชั่วโมง";

fn typeset(c: &mut Criterion) {
    let regular = face(Weight::Regular);
    c.bench_function("shape/paragraph", |b| b.iter(|| shape(regular, PARAGRAPH)));
    let p = Paragraph::new(PARAGRAPH, Style::regular(14.0));
    c.bench_function("layout/paragraph_300pt", |b| b.iter(|| layout(&p, 300.0)));
    let long = Paragraph::new(PARAGRAPH.repeat(20), Style::regular(14.0));
    c.bench_function("layout/20_paragraphs_480pt", |b| b.iter(|| layout(&long, 480.0)));
}

criterion_group!(benches, typeset);
criterion_main!(benches);
