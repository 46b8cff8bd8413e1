//! The stemmer's lexicon: words whose first letter looks like a clitic but belongs to the
//! word.
//!
//! Rules alone cannot tell `وزير` (minister, `و` is a root letter) from `وقال` (and he said),
//! or `بريطانيا` from `بقيادة` (under the command of). Usage can: a noun that takes the
//! article (`الوزير`) owns its first letter, since the article only attaches to a word's own
//! start; and a clitic is real only if what remains is itself a common word (`قيادة` is,
//! `ريطانيا` is not). [`StemLexiconBuilder`] counts this over a corpus and keeps the words
//! whose first letter must stay; `marsad train stem-lexicon` builds the shipped list from
//! `../shared/data`.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::normalize::normalize_word_into;
use crate::token::{TokenKind, Tokens};

/// FNV-1a: the lexicon is looked up on the hot path with short keys, where SipHash's
/// DoS resistance buys nothing (the keys are our own shipped list).
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvSet = HashSet<Box<str>, BuildHasherDefault<Fnv>>;

/// A noun seen with the article at least this often owns its first letter.
const MIN_ARTICLE_USES: u32 = 3;
/// A clitic is stripped only if the rest is seen, alone or with the article, at least this
/// share as often as the whole word.
const MIN_REST_SHARE: f64 = 0.05;

/// Words (keys) whose first letter the stemmer must not strip as a clitic.
#[derive(Clone, Debug, Default)]
pub struct StemLexicon {
    keep_first_letter: FnvSet,
}

impl StemLexicon {
    /// Whether `key`'s first letter belongs to the word.
    #[inline]
    pub fn keeps_first_letter(&self, key: &str) -> bool {
        self.keep_first_letter.contains(key)
    }

    pub fn len(&self) -> usize {
        self.keep_first_letter.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keep_first_letter.is_empty()
    }

    /// Reads the text form: one key per line; `#` lines are comments.
    pub fn parse(text: &str) -> StemLexicon {
        let keep_first_letter = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(Box::from)
            .collect();
        StemLexicon { keep_first_letter }
    }

    /// The text form, sorted, after a comment header.
    pub fn to_text(&self, header: &str) -> String {
        let mut words: Vec<&str> = self.keep_first_letter.iter().map(|w| &**w).collect();
        words.sort_unstable();
        let mut out = String::new();
        for line in header.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        for w in words {
            out.push_str(w);
            out.push('\n');
        }
        out
    }
}

/// Counts word keys over a corpus and derives a [`StemLexicon`].
#[derive(Clone, Debug, Default)]
pub struct StemLexiconBuilder {
    /// key → (uses as a word, uses after the article `ال`).
    counts: HashMap<String, (u32, u32)>,
    key: String,
}

impl StemLexiconBuilder {
    pub fn new() -> Self {
        StemLexiconBuilder::default()
    }

    /// Counts the Arabic words of `text`.
    pub fn add_text(&mut self, text: &str) {
        for token in Tokens::new(text) {
            if token.kind != TokenKind::Arabic {
                continue;
            }
            self.key.clear();
            if !normalize_word_into(token.text(text), &mut self.key) {
                continue;
            }
            let key = std::mem::take(&mut self.key);
            self.count(&key).0 += 1;
            // `ال` + at least three letters: the rest is a noun seen with the article.
            if let Some(rest) = key.strip_prefix("ال")
                && rest.len() >= 6
            {
                self.count(rest).1 += 1;
            }
            self.key = key;
        }
    }

    fn count(&mut self, key: &str) -> &mut (u32, u32) {
        self.counts.entry(key.to_owned()).or_default()
    }

    /// Number of distinct word keys counted.
    pub fn distinct_words(&self) -> usize {
        self.counts.len()
    }

    /// The words whose first letter must stay: nouns seen with the article, and words
    /// starting with `و ب ل` whose rest is rare next to the whole word.
    pub fn build(&self) -> StemLexicon {
        let get = |k: &str| self.counts.get(k).copied().unwrap_or((0, 0));
        let mut keep = FnvSet::default();
        for (word, &(alone, with_article)) in &self.counts {
            if alone == 0 || word.len() < 8 {
                continue; // never seen bare, or too short for the stemmer to touch
            }
            let Some(first) = word.chars().next() else { continue };
            if !matches!(first, 'و' | 'ب' | 'ل' | 'ي' | 'ت' | 'ن' | 'س') {
                continue;
            }
            let noun = with_article >= MIN_ARTICLE_USES;
            let rest_rare = matches!(first, 'و' | 'ب' | 'ل') && {
                let (rest_alone, rest_article) = get(&word[first.len_utf8()..]);
                f64::from(rest_alone + rest_article) < (MIN_REST_SHARE * f64::from(alone)).max(1.0)
            };
            if noun || rest_rare {
                keep.insert(Box::from(word.as_str()));
            }
        }
        StemLexicon { keep_first_letter: keep }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_which_first_letters_belong_to_the_word() {
        let mut b = StemLexiconBuilder::new();
        // Our own sentences: الوزير shows that و belongs to وزير; قيادة is common on its own;
        // nothing but بريطانيا itself starts like it.
        for _ in 0..3 {
            b.add_text("قال الوزير إن وزير الخارجية وصل. وقال الوزير إن القيادة بقيادة جديدة.");
            b.add_text("زارت بريطانيا البلاد، وقيادة الجيش في بريطانيا.");
        }
        let lex = b.build();
        assert!(lex.keeps_first_letter("وزير"));
        assert!(lex.keeps_first_letter("بريطانيا"));
        assert!(!lex.keeps_first_letter("وقال"));
        assert!(!lex.keeps_first_letter("بقياده"));
        let round_trip = StemLexicon::parse(&lex.to_text("test"));
        assert_eq!(round_trip.len(), lex.len());
        assert!(round_trip.keeps_first_letter("وزير"));
    }
}
