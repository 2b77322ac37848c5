//! The Thai word list (PyThaiNLP, CC0), compiled in and searched in place:
//! the file is sorted in byte order, so a binary search needs no index.

use std::sync::LazyLock;

static WORDS_TXT: &str = include_str!("../../data/words_th.txt");

static WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| WORDS_TXT.lines().collect());

/// Is `w` a Thai word of the list?
pub fn contains(w: &str) -> bool {
    WORDS.binary_search(&w).is_ok()
}

pub fn len() -> usize {
    WORDS.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_knows_compounds() {
        assert!(
            WORDS.windows(2).all(|w| w[0] < w[1]),
            "data/words_th.txt must be sorted (LC_ALL=C sort -u)"
        );
        assert!(len() > 60_000);
        for w in ["งบประมาณ", "ร้องเรียน", "อิเล็กทรอนิกส์", "หนังสือเวียน", "ทรัพย์สิน"]
        {
            assert!(contains(w), "{w}");
        }
        assert!(!contains("งบประมา"));
    }
}
