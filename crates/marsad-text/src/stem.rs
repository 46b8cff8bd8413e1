//! A clitic-aware light stemmer for Arabic keys.
//!
//! Arabic glues conjunctions (`و`, `ف`), prepositions (`ب`, `ل`, `ك`), the article (`ال`),
//! the future marker (`س`) and object/possessive pronouns (`ها`, `هم`, …) onto words. A
//! light stemmer strips these so that `القوات`, `قوات`, `وقوات` and `بالقوات` meet, without
//! the root extraction that merges unrelated words.
//!
//! The rules, applied to a key (see [`crate::normalize`]) in this order:
//! 1. Words of three letters or fewer are left alone (`أمر` stays `امر`).
//! 2. A proclitic chain ending in the article: `وبال كال لل ال …`, if two letters remain.
//! 3. Otherwise: a conjunction `و`, then a preposition `ب` or `ل`, or the future `س` before
//!    an imperfect prefix in a verb (`سيقوم`, not `سياسي`), then one imperfect prefix `ي ت ن` — each only if three letters
//!    remain. `ف` is stripped only before the article, because many words start with it
//!    (`فلسطين`); `ك` likewise (`كازاخستان`). `تفعيل` nouns (`تغيير`) keep their `ت`.
//! 4. One pronoun suffix (`هما كما هم هن ها كم نا`); a `ت` freed by it was a teh marbuta
//!    (`حكومتها` → `حكوم`).
//! 5. One inflection suffix (`ات ون ين ان وا ه ت`), if three letters remain. `ه` covers the
//!    teh marbuta, which keys spell `ه`.
//!
//! In step 3, a trained [`StemLexicon`] vetoes stripping a first letter that belongs to the
//! word (`وزير`, `بريطانيا`, `تقرير`); without it the rules apply alone.
//!
//! The nisba `ي` is kept: `سياسي` (political) and `سياسة` (politics) are different words.
//! The choices were made by measuring conflation F1 on the PADT treebank
//! (`marsad eval stem`); see BENCHMARKS.md.

use std::sync::{Arc, OnceLock};

use crate::lexicon::StemLexicon;

/// Proclitic chains that end in the article, longest first.
const ARTICLE_CHAINS: [&str; 12] =
    ["وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال"];
const PRONOUN_SUFFIXES: [&str; 7] = ["هما", "كما", "هم", "هن", "ها", "كم", "نا"];
const INFLECTION_SUFFIXES: [&str; 7] = ["ات", "ون", "ين", "ان", "وا", "ه", "ت"];

/// The shipped lexicon, built by `marsad train stem-lexicon` (see [`crate::lexicon`]).
const SHIPPED_LEXICON: &str = include_str!("../data/stem-lexicon.txt");

fn shipped_lexicon() -> Arc<StemLexicon> {
    static LEXICON: OnceLock<Arc<StemLexicon>> = OnceLock::new();
    LEXICON.get_or_init(|| Arc::new(StemLexicon::parse(SHIPPED_LEXICON))).clone()
}

/// A clitic-aware light stemmer over keys.
#[derive(Clone, Debug)]
pub struct Stemmer {
    /// Words whose first letter is not a clitic; `None` for rules alone.
    lexicon: Option<Arc<StemLexicon>>,
}

impl Default for Stemmer {
    fn default() -> Self {
        Stemmer::new()
    }
}

/// Number of characters in a string made of two-byte Arabic letters.
#[inline]
fn letters(s: &str) -> usize {
    s.len() / 2
}

#[inline]
fn is_arabic_key_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}')
}

impl Stemmer {
    /// The stemmer with the shipped lexicon.
    pub fn new() -> Self {
        Stemmer { lexicon: Some(shipped_lexicon()) }
    }

    /// The stemmer with a given lexicon (e.g. one just trained).
    pub fn with_lexicon(lexicon: StemLexicon) -> Self {
        Stemmer { lexicon: Some(Arc::new(lexicon)) }
    }

    /// The stemmer with rules alone, no lexicon.
    pub fn rules_only() -> Self {
        Stemmer { lexicon: None }
    }

    /// Whether the first letter of key `w` belongs to the word (is not a clitic), per the
    /// lexicon; always `false` without one.
    #[inline]
    pub fn keeps_first_letter(&self, w: &str) -> bool {
        self.lexicon.as_ref().is_some_and(|l| l.keeps_first_letter(w))
    }

    /// Strips a one-letter proclitic `prefix` if three letters remain and the lexicon does
    /// not say the letter belongs to the word.
    #[inline]
    fn strip_clitic<'w>(&self, w: &'w str, prefix: &str) -> &'w str {
        match w.strip_prefix(prefix) {
            Some(rest) if letters(rest) >= 3 && !self.keeps_first_letter(w) => rest,
            _ => w,
        }
    }

    /// The stem of `key` (a [`crate::normalize()`] key); always a slice of `key`. Keys
    /// with anything but Arabic letters (Latin, digits) are returned unchanged.
    pub fn stem<'k>(&self, key: &'k str) -> &'k str {
        if key.chars().all(is_arabic_key_letter) { self.stem_arabic(key) } else { key }
    }

    /// [`Stemmer::stem`] for a key already known to be all Arabic letters (see
    /// [`crate::normalize::normalize_word_into`]). Other keys never panic but may be cut.
    pub fn stem_arabic<'k>(&self, key: &'k str) -> &'k str {
        // Letters U+0621..U+064A are two bytes each in UTF-8, so byte length / 2 is the
        // letter count, and every cut below falls on a character boundary.
        if key.len() <= 6 || !key.len().is_multiple_of(2) {
            return key;
        }
        let mut w = key;

        let mut had_article = false;
        // Every chain starts with one of these letters; most words skip the loop.
        let may_have_article = matches!(w.chars().next(), Some('ا' | 'و' | 'ف' | 'ب' | 'ك' | 'ل'));
        for chain in ARTICLE_CHAINS.iter().filter(|_| may_have_article) {
            if let Some(rest) = w.strip_prefix(chain)
                && letters(rest) >= 2
            {
                w = rest;
                had_article = true;
                break;
            }
        }
        if !had_article {
            w = self.strip_clitic(w, "و");
            let before = w;
            w = self.strip_clitic(w, "ب");
            if w.len() == before.len() {
                w = self.strip_clitic(w, "ل");
            }
            if w.len() == before.len() && is_future_verb(w) && !self.keeps_first_letter(w) {
                w = w.get(2..).unwrap_or(w);
            }
            if !is_tafeel_noun(w) {
                for prefix in ["ي", "ت", "ن"] {
                    let stripped = self.strip_clitic(w, prefix);
                    if stripped.len() != w.len() {
                        w = stripped;
                        break;
                    }
                }
            }
        }

        // Every suffix ends in one of these letters; most words skip both loops.
        if !matches!(w.chars().next_back(), Some('ا' | 'م' | 'ن' | 'ت' | 'ه')) {
            return w;
        }
        for suffix in PRONOUN_SUFFIXES {
            if let Some(rest) = w.strip_suffix(suffix)
                && letters(rest) >= 2
            {
                w = rest;
                if letters(w) >= 4 && w.ends_with('ت') && !w.ends_with("ات") {
                    w = &w[..w.len() - 2];
                }
                break;
            }
        }

        for suffix in INFLECTION_SUFFIXES {
            if let Some(rest) = w.strip_suffix(suffix)
                && letters(rest) >= 3
            {
                // `ت` alone after `ا` is the plural `ات`, which needs a longer stem.
                if suffix != "ت" || !w.ends_with("ات") {
                    w = rest;
                }
                break;
            }
        }
        w
    }
}

/// `سيفعل`, `ستفعل`, `سنفعل`: the future `س` before an imperfect prefix, with a verb stem
/// after it. Words ending in `ي` or `ه` are nouns and adjectives (`سياسي`, `سيارة`).
fn is_future_verb(w: &str) -> bool {
    w.starts_with('س')
        && letters(w) >= 5
        && matches!(w.get(2..).and_then(|r| r.chars().next()), Some('ي' | 'ت' | 'ن'))
        && !w.ends_with('ي')
        && !w.ends_with('ه')
}

/// `تفعيل` verbal nouns (`تغيير`, `توزيع`): five letters, `ت` first, `ي` fourth. Their `ت`
/// is not an imperfect prefix.
fn is_tafeel_noun(w: &str) -> bool {
    letters(w) == 5 && w.starts_with('ت') && w.get(6..).is_some_and(|r| r.starts_with('ي'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize;

    fn stem(word: &str) -> String {
        Stemmer::new().stem(&normalize(word)).to_owned()
    }

    fn same_stem(words: &[&str]) {
        let first = stem(words[0]);
        for w in words {
            assert_eq!(stem(w), first, "{w} vs {}", words[0]);
        }
    }

    #[test]
    fn article_and_clitics_are_stripped_consistently() {
        same_stem(&["القوات", "قوات", "وقوات", "بالقوات", "للقوات", "والقوات"]);
        same_stem(&["الحكومة", "والحكومة", "بالحكومة", "للحكومة", "حكومة", "حكومتها"]);
        same_stem(&["يبحثون", "يبحث", "تبحث", "وبحث"]);
        same_stem(&["قال", "وقال", "قالت"]);
        same_stem(&["يقوم", "سيقوم", "ويقوم"]);
    }

    #[test]
    fn word_initial_letters_that_look_like_clitics_stay() {
        assert_eq!(stem("فلسطينيون"), "فلسطيني");
        assert!(stem("كازاخستان").starts_with("كازاخست"));
        assert_eq!(stem("التغيير"), stem("تغيير"));
        assert_eq!(stem("تغيير"), "تغيير");
    }

    #[test]
    fn shipped_lexicon_keeps_letters_that_belong_to_the_word() {
        // Rules alone cut `وزير` to `زير` but `الوزير` to `وزير`; the lexicon knows better.
        same_stem(&["وزير", "الوزير", "ووزير", "للوزير"]);
        same_stem(&["بريطانيا", "وبريطانيا"]);
        assert!(stem("بريطانيا").starts_with("بريطاني"));
        // Real clitics are still stripped.
        same_stem(&["قيادة", "بقيادة", "القيادة"]);
        assert_eq!(Stemmer::rules_only().stem(&normalize("وزير")), "زير");
    }

    #[test]
    fn short_words_are_not_eaten() {
        assert_eq!(stem("أمر"), "امر");
        assert_eq!(stem("بلد"), "بلد");
        assert_eq!(stem("وقت"), "وقت");
    }

    #[test]
    fn nisba_adjectives_stay_apart_from_their_nouns() {
        assert_ne!(stem("السياسية"), stem("السياسة"));
        same_stem(&["السياسية", "سياسي", "والسياسي"]);
    }

    #[test]
    fn non_arabic_keys_are_unchanged() {
        let s = Stemmer::new();
        assert_eq!(s.stem("covid19"), "covid19");
        assert_eq!(s.stem("2022"), "2022");
        assert_eq!(s.stem(""), "");
    }
}
