//! The Thai word list as a finite-state transducer (the `fst` crate): a
//! byte-by-byte walk finds every listed word a text starts with, where a
//! sorted list needs a binary search for every character read.

use std::path::PathBuf;

fn main() {
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
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("words_th.fst");
    std::fs::write(out, bytes).expect("writing the word list's FST");
}
