//! Shaping equals HarfBuzz's: for a stress list of Thai words the glyph ids,
//! clusters, advances and offsets from harfrust are those `hb-shape`
//! (Debian's libharfbuzz-bin) gives for the same font file.

use std::io::Write;
use std::process::{Command, Stdio};

use prongsai_typeset::font::{Weight, face, font_bytes};
use prongsai_typeset::shape::shape;

type Pick<'a> = Box<dyn Fn(&str) -> bool + 'a>;

/// (glyph id, cluster, x advance, x offset, y offset)
type GlyphRow = (u32, u32, i32, i32, i32);

/// Words that stress Thai shaping, picked from the word list by pattern
/// plus a few made-up stacks: tone marks over upper vowels, ป/ฝ/ฟ with
/// upper marks, ญ/ฐ/ฎ/ฏ with below vowels, ำ with tone marks.
fn stress_list() -> Vec<String> {
    let words: Vec<&str> = include_str!("../data/words_th.txt").lines().collect();
    let upper = ['ิ', 'ี', 'ึ', 'ื', 'ั', '็'];
    let tone = ['่', '้', '๊', '๋', '์'];
    let below = ['ุ', 'ู', 'ฺ'];
    let categories: [(&str, Pick<'_>); 5] = [
        (
            "upper vowel + tone",
            Box::new(|w: &str| {
                let c: Vec<char> = w.chars().collect();
                c.windows(2).any(|p| upper.contains(&p[0]) && tone.contains(&p[1]))
            }),
        ),
        (
            "ป ฝ ฟ with upper marks",
            Box::new(|w: &str| {
                let c: Vec<char> = w.chars().collect();
                c.windows(2)
                    .any(|p| "ปฝฟฬ".contains(p[0]) && (upper.contains(&p[1]) || tone.contains(&p[1])))
            }),
        ),
        (
            "ญ ฐ ฎ ฏ with below vowels",
            Box::new(|w: &str| {
                let c: Vec<char> = w.chars().collect();
                c.windows(2).any(|p| "ญฐฎฏ".contains(p[0]) && below.contains(&p[1]))
            }),
        ),
        (
            "ำ with tone marks",
            Box::new(|w: &str| {
                let c: Vec<char> = w.chars().collect();
                c.windows(2).any(|p| tone.contains(&p[0]) && p[1] == 'ำ')
            }),
        ),
        (
            "below vowel + tone",
            Box::new(|w: &str| {
                let c: Vec<char> = w.chars().collect();
                c.windows(2).any(|p| below.contains(&p[0]) && tone.contains(&p[1]))
            }),
        ),
    ];
    let mut out: Vec<String> = Vec::new();
    for (_, pick) in &categories {
        // Every n-th match: spread over the alphabet, deterministic.
        let matches: Vec<&&str> = words.iter().filter(|w| pick(w)).collect();
        let step = (matches.len() / 45).max(1);
        out.extend(
            matches
                .iter()
                .step_by(step)
                .take(45)
                .map(std::string::ToString::to_string),
        );
    }
    out.extend(
        [
            "ปู่",
            "ป่ี",
            "ฝั่ง",
            "ฟื้น",
            "ฐุ",
            "ญู",
            "ฎุ",
            "ฏู",
            "ค่ำ",
            "น้ำ",
            "ทำ",
            "ก๋ำ",
            "ปั๊ม",
            "ฟิล์ม",
            "ที่",
            "ปี่",
            "รื่น",
            "กี๊",
            "ญาติ",
            "กตัญญู",
            "ฤๅษี",
            "ฦๅ",
            "ปฏิบัติ",
            "อิเล็กทรอนิกส์",
            "งบประมาณ",
            "ร้องเรียน",
        ]
        .map(String::from),
    );
    out.sort();
    out.dedup();
    out
}

/// (gid, cluster, x_advance, x_offset, y_offset) per glyph from hb-shape.
fn hb_shape(font: &str, words: &[String]) -> Vec<Vec<GlyphRow>> {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(words.join("\n").as_bytes()).unwrap();
    let out = Command::new("hb-shape")
        .args([
            &format!("--font-file={font}"),
            &format!("--text-file={}", file.path().display()),
            "--output-format=json",
            "--no-glyph-names",
            "--utf8-clusters",
            "--script=thai",
            "--language=th",
            "--direction=ltr",
        ])
        .stderr(Stdio::inherit())
        .output()
        .expect("hb-shape not found: install Debian's libharfbuzz-bin (make test does)");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines()
        .map(|l| {
            let v: Vec<serde_json::Value> = serde_json::from_str(l).unwrap();
            v.iter()
                .map(|g| {
                    let i = |k: &str| g[k].as_i64().unwrap();
                    (
                        i("g") as u32,
                        i("cl") as u32,
                        i("ax") as i32,
                        i("dx") as i32,
                        i("dy") as i32,
                    )
                })
                .collect()
        })
        .collect()
}

#[test]
fn harfrust_shapes_thai_like_harfbuzz() {
    let words = stress_list();
    assert!(words.len() >= 200, "only {} stress words", words.len());
    for weight in Weight::ALL {
        let mut font = tempfile::NamedTempFile::new().unwrap();
        font.write_all(font_bytes(weight)).unwrap();
        let expected = hb_shape(font.path().to_str().unwrap(), &words);
        assert_eq!(expected.len(), words.len());
        let mut marks = 0;
        for (word, want) in words.iter().zip(&expected) {
            let got: Vec<_> = shape(face(weight), word)
                .iter()
                .map(|g| (u32::from(g.gid), g.cluster, g.advance, g.dx, g.dy))
                .collect();
            assert_eq!(&got, want, "{weight:?} {word}");
            marks += got.iter().filter(|g| g.2 == 0).count();
        }
        // The list really exercises mark positioning.
        assert!(marks > 300, "only {marks} zero-advance marks");
    }
}
