//! Arabic stop words.
//!
//! The list is stopwords-iso's Arabic list (MIT, see `data/stopwords-iso-ar.LICENSE`),
//! embedded at build time and looked up by key, so `إلى`, `الى` and `إلَى` are all stop
//! words.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::normalize::normalize;

const STOPWORDS_ISO_AR: &str = include_str!("../data/stopwords-iso-ar.txt");

fn set() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        STOPWORDS_ISO_AR.lines().map(|l| normalize(l.trim())).filter(|k| !k.is_empty()).collect()
    })
}

/// Whether `word` (any spelling; it is normalized first) is a stop word.
pub fn is_stopword(word: &str) -> bool {
    set().contains(&normalize(word))
}

/// Whether a key (already the output of [`normalize`]) is a stop word.
pub fn is_stopword_key(key: &str) -> bool {
    set().contains(key)
}

/// Number of distinct stop-word keys.
pub fn len() -> usize {
    set().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_function_words_are_stop_words() {
        for w in ["في", "من", "إلى", "الى", "على", "عن", "هذا", "التي"] {
            assert!(is_stopword(w), "{w}");
        }
        for w in ["كازاخستان", "حكومة", "قتل"] {
            assert!(!is_stopword(w), "{w}");
        }
        assert!(len() > 300);
    }
}
