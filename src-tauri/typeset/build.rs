//! Build-time data, so that no printing process builds it again:
//! - the Thai word list as a finite-state transducer (the `fst` crate): a
//!   byte-by-byte walk finds every listed word a text starts with, where a
//!   sorted list needs a binary search for every character read;
//! - the unit patterns (`src/unit_patterns.rs`) as DFAs (`regex-automata`),
//!   a forward and a reverse one each. Compiling them with `regex` cost a
//!   tenth of the sample's export; loading them costs a check of their bytes.

use std::path::{Path, PathBuf};

use regex_automata::dfa::{dense, regex::Regex};

#[path = "src/unit_patterns.rs"]
mod unit_patterns;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    words(&out);
    units(&out);
}

fn words(out: &Path) {
    let list = "data/words_th.txt";
    println!("cargo::rerun-if-changed={list}");
    let text = std::fs::read_to_string(list).expect("data/words_th.txt");
    let mut set = fst::SetBuilder::memory();
    for word in text.lines() {
        // The list is sorted in byte order (a unit test checks it).
        set.insert(word)
            .expect("data/words_th.txt must be sorted (LC_ALL=C sort -u)");
    }
    let bytes = set.into_inner().expect("the word list as an FST");
    std::fs::write(out.join("words_th.fst"), bytes).expect("writing the word list's FST");
}

/// `units-<i>.fwd` and `units-<i>.rev`, in the target's byte order (loading
/// refuses any other).
fn units(out: &Path) {
    println!("cargo::rerun-if-changed=src/unit_patterns.rs");
    let big_endian = std::env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    for (i, pattern) in unit_patterns::patterns().iter().enumerate() {
        let re = Regex::builder()
            .dense(dense::Config::new().minimize(true))
            .build(pattern)
            .expect("the unit patterns compile");
        for (dfa, end) in [(re.forward(), "fwd"), (re.reverse(), "rev")] {
            let (bytes, pad) = if big_endian {
                dfa.to_bytes_big_endian()
            } else {
                dfa.to_bytes_little_endian()
            };
            std::fs::write(out.join(format!("units-{i}.{end}")), &bytes[pad..]).expect("writing a unit DFA");
        }
    }
}
