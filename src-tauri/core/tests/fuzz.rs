//! Every fuzz target of `prongsai_core::fuzz`, in every test run: the
//! corpus in `fuzz/corpus/<target>/` (seeds and every crash ever found,
//! kept as regression inputs), then random mutations of it for a bounded
//! time. Coverage-guided runs use cargo-fuzz on the same targets
//! (`fuzz/README.md`); this keeps them honest on stable Rust in CI.
//!
//! `PRONGSAI_FUZZ_SECS` bounds each target's mutation time (default 4 s).
//! A failing input is written to `fuzz/artifacts/<target>/` and named.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect()
}

mod common;
use common::Rng;

/// Bytes worth inserting: Thai marks and digits, separators, JSON and CSV
/// punctuation, huge numbers, control characters.
const TOKENS: &[&str] = &[
    "\u{0E31}",
    "\u{0E48}",
    "\u{0E49}",
    "\u{0E4C}",
    "\u{0E33}",
    "\u{0E38}",
    "ฐ",
    "ญ",
    "๙",
    "๐",
    "ๅ",
    ",",
    ".",
    "(",
    ")",
    "-",
    "\"",
    "\\",
    "{",
    "}",
    "[",
    "]",
    ":",
    "\n",
    "\r\n",
    "\t",
    "\u{0}",
    "\u{200B}",
    "\u{FEFF}",
    "99999999999999999999",
    "1e308",
    "null",
    "true",
    "พ.ศ.",
    "/",
    "%",
    "https://",
    "😀",
    "\u{0301}",
];

fn mutate(rng: &mut Rng, seeds: &[(PathBuf, Vec<u8>)]) -> Vec<u8> {
    let mut d = seeds[rng.below(seeds.len())].1.clone();
    for _ in 0..=rng.below(4) {
        match rng.below(7) {
            0 if !d.is_empty() => {
                let i = rng.below(d.len());
                d[i] ^= 1 << rng.below(8);
            }
            1 if !d.is_empty() => {
                let i = rng.below(d.len());
                d[i] = rng.next() as u8;
            }
            2 if !d.is_empty() => {
                let (a, n) = (rng.below(d.len()), rng.below(16) + 1);
                d.drain(a..(a + n).min(d.len()));
            }
            3 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let i = rng.below(d.len() + 1);
                d.splice(i..i, t.iter().copied());
            }
            4 if !d.is_empty() => {
                // Repeat a slice: long runs, deep nesting.
                let a = rng.below(d.len());
                let b = (a + rng.below(32) + 1).min(d.len());
                let chunk = d[a..b].to_vec();
                for _ in 0..rng.below(8) {
                    d.splice(b..b, chunk.iter().copied());
                }
            }
            5 => {
                let other = &seeds[rng.below(seeds.len())].1;
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let i = rng.below(d.len() + 1);
                    d.splice(i..i, other[a..(a + rng.below(64)).min(other.len())].iter().copied());
                }
            }
            _ => d.truncate(rng.below(d.len() + 1)),
        }
    }
    d
}

fn run(target: &str, f: fn(&[u8]), budget: Duration) -> usize {
    let seeds = corpus(target);
    assert!(!seeds.is_empty(), "{target}: the corpus is empty");
    let fail = |input: &[u8], why: String| -> ! {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/artifacts")
            .join(target);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("crash-{:016x}", {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            input
                .iter()
                .for_each(|b| h = (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3));
            h
        }));
        std::fs::write(&path, input).unwrap();
        let _ = std::panic::take_hook(); // the default hook again, so this message shows
        panic!("{target} failed on {} ({} bytes): {why}", path.display(), input.len());
    };
    let call = |input: &[u8]| {
        if let Err(e) = catch_unwind(AssertUnwindSafe(|| f(input))) {
            let why = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(std::string::ToString::to_string))
                .unwrap_or_default();
            fail(input, why);
        }
    };
    for (_, seed) in &seeds {
        call(seed);
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ target.len() as u64);
    let start = Instant::now();
    let mut runs = seeds.len();
    while start.elapsed() < budget {
        call(&mutate(&mut rng, &seeds));
        runs += 1;
    }
    runs
}

#[test]
fn every_parser_survives_its_corpus_and_mutations() {
    let secs: u64 = std::env::var("PRONGSAI_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4);
    // Panics are caught and reported with their input; keep their noise out.
    std::panic::set_hook(Box::new(|_| {}));
    let mut summary = Vec::new();
    for (name, f) in prongsai_core::fuzz::TARGETS {
        let runs = run(name, f, Duration::from_secs(secs));
        summary.push(format!("{name}: {runs} runs"));
    }
    let _ = std::panic::take_hook();
    println!("fuzz: {}", summary.join(", "));
}
