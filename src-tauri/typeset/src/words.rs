//! The Thai word list (PyThaiNLP, CC0), compiled in as a finite-state
//! transducer (`fst`, built by `build.rs` from the sorted list): finding
//! every listed word a text starts with is one walk, a byte at a time.

use std::sync::LazyLock;

static WORDS_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words_th.fst"));

static WORDS: LazyLock<fst::Set<&'static [u8]>> =
    LazyLock::new(|| fst::Set::new(WORDS_FST).expect("build.rs writes a valid FST"));

/// Is `w` a Thai word of the list?
pub fn contains(w: &str) -> bool {
    WORDS.contains(w)
}

pub fn len() -> usize {
    WORDS.len()
}

/// Lengths (in bytes) of the words of the list that `text` starts with,
/// of at most `max_chars` characters, shortest first.
#[cfg(test)]
fn words_at(text: &str, max_chars: usize) -> Vec<usize> {
    let mut out = Vec::new();
    each_word_at(text, max_chars, |len| out.push(len));
    out
}

/// Calls `found` with the length (in bytes) of each word of the list that
/// `text` starts with, of at most `max_chars` characters, shortest first.
fn each_word_at(text: &str, max_chars: usize, mut found: impl FnMut(usize)) {
    let fst = WORDS.as_fst();
    let mut node = fst.root();
    for (n, (i, c)) in text.char_indices().enumerate() {
        if n >= max_chars {
            break;
        }
        let end = i + c.len_utf8();
        for &b in &text.as_bytes()[i..end] {
            match node.find_input(b) {
                Some(t) => node = fst.node(node.transition(t).addr),
                // No listed word goes on with this byte.
                None => return,
            }
        }
        if node.is_final() {
            found(end);
        }
    }
}

/// Word boundaries of a run of Thai letters by maximal matching: among the
/// segmentations with the fewest characters outside listed words, then the
/// fewest words, the byte offsets that are a boundary in at least one
/// (ties are real: ไม่|มีผลกระทบ against ไม่มี|ผลกระทบ is not a tie, the
/// first has fewer words). Returns one flag per byte offset of `run`.
pub fn best_boundaries(run: &str) -> Vec<bool> {
    const MAX_WORD: usize = 30;
    let idx: Vec<usize> = run.char_indices().map(|(i, _)| i).chain([run.len()]).collect();
    let n = idx.len() - 1;
    let pos_of = |byte: usize| idx.binary_search(&byte).unwrap_or(0);
    // The edges from char i, `edges[from[i]..from[i + 1]]`: (j, unknown),
    // a listed word from char i to j, or one unknown char. One vector for
    // the run, not one for each of its characters.
    let mut from = Vec::with_capacity(n + 1);
    let mut edges: Vec<(usize, usize)> = Vec::with_capacity(2 * n);
    for i in 0..n {
        from.push(edges.len());
        edges.push((i + 1, 1));
        each_word_at(&run[idx[i]..], MAX_WORD, |len| edges.push((pos_of(idx[i] + len), 0)));
    }
    from.push(edges.len());
    let out_of = |i: usize| &edges[from[i]..from[i + 1]];
    let inf = (usize::MAX / 4, usize::MAX / 4);
    let add = |a: (usize, usize), u: usize| (a.0 + u, a.1 + 1);
    let mut fwd = vec![inf; n + 1];
    fwd[0] = (0, 0);
    for i in 0..n {
        for &(j, u) in out_of(i) {
            fwd[j] = fwd[j].min(add(fwd[i], u));
        }
    }
    let mut bwd = vec![inf; n + 1];
    bwd[n] = (0, 0);
    for i in (0..n).rev() {
        for &(j, u) in out_of(i) {
            bwd[i] = bwd[i].min(add(bwd[j], u));
        }
    }
    let best = fwd[n];
    let mut flags = vec![false; run.len() + 1];
    for i in 0..=n {
        if (fwd[i].0 + bwd[i].0, fwd[i].1 + bwd[i].1) == best {
            flags[idx[i]] = true;
        }
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list as the sorted text it is kept in.
    fn listed() -> Vec<&'static str> {
        include_str!("../data/words_th.txt").lines().collect()
    }

    #[test]
    fn the_list_is_sorted_and_knows_compounds() {
        assert!(
            listed().windows(2).all(|w| w[0] < w[1]),
            "data/words_th.txt must be sorted (LC_ALL=C sort -u)"
        );
        assert!(len() > 60_000);
        for w in ["งบประมาณ", "ร้องเรียน", "อิเล็กทรอนิกส์", "หนังสือเวียน", "ทรัพย์สิน"]
        {
            assert!(contains(w), "{w}");
        }
        assert!(!contains("งบประมา"));
    }

    #[test]
    fn prongsai_s_own_words_are_in_the_list() {
        for w in include_str!("../data/words_extra.txt").lines() {
            assert!(
                contains(w),
                "{w} is in data/words_extra.txt but not in data/words_th.txt (see data/README.md)"
            );
        }
    }

    #[test]
    fn words_at_finds_every_listed_word_the_text_starts_with() {
        let texts = [
            "การใช้จ่ายงบประมาณประจำปี",
            "ไม่มีผลกระทบต่อ",
            "หนังสือเวียนที่",
            "กกกก",
            "ก",
            "เ",
            "ทรัพย์สินของทางราชการ",
            "ๆ",
        ];
        for text in texts {
            for max in [2, 30] {
                let mut naive: Vec<usize> = listed()
                    .into_iter()
                    .filter(|w| text.starts_with(*w) && w.chars().count() <= max)
                    .map(str::len)
                    .collect();
                naive.sort_unstable();
                assert_eq!(words_at(text, max), naive, "{text} up to {max} characters");
            }
        }
    }

    #[test]
    fn maximal_matching_finds_word_boundaries() {
        let run = "ไม่มีผลกระทบต่อ";
        let b = best_boundaries(run);
        let cut = |s: &str| s.len();
        assert!(b[cut("ไม่")] && b[cut("ไม่มีผลกระทบ")] && b[run.len()] && b[0]);
        assert!(!b[cut("ไม่มี")], "มีผลกระทบ is one word");
        let run = "การใช้จ่ายงบประมาณ";
        let b = best_boundaries(run);
        assert!(b[cut("การใช้จ่าย")]);
        assert!(!b[cut("การใช้จ่ายงบ")], "งบประมาณ split");
    }
}
