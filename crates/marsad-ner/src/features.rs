//! What the tagger looks at.
//!
//! Every feature is a 64-bit hash of a template id and a value, e.g. (`w0.stem`, `حكوم`). The
//! model stores weights per hash, so extraction never allocates feature strings.

use marsad_text::{Stemmer, normalize};

use crate::distributional::{WordClass, WordClasses};
use crate::gazetteer::Gazetteer;
use crate::label::EntityType;

/// What the features look words up in: name lists and word classes. Both travel inside the
/// model file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lexicons {
    pub gazetteer: Gazetteer,
    pub classes: WordClasses,
}

/// FNV-1a over bytes, continuing from `seed`.
#[inline]
fn fnv(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = seed;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// The hash of a string value on its own (used for gazetteer words).
#[inline]
pub fn hash_str(s: &str) -> u64 {
    fnv(FNV_OFFSET, s.as_bytes())
}

/// The hash of a (template, value) feature.
#[inline]
fn feature(template: u8, value: &str) -> u64 {
    fnv(fnv(FNV_OFFSET, &[template, 0xff]), value.as_bytes())
}

/// The hash of a (template, number) feature.
#[inline]
fn feature_n(template: u8, value: u32) -> u64 {
    fnv(fnv(FNV_OFFSET, &[template, 0xfe]), &value.to_le_bytes())
}

/// The first `bits` levels of a hierarchy path (see `WordClass::path`), if it is that deep.
fn path_prefix(path: u16, bits: u32) -> Option<u32> {
    let depth = 15u32.saturating_sub(path.leading_zeros());
    (path != 0 && depth >= bits).then(|| u32::from(path) >> (depth - bits))
}

/// Proclitic chains stripped for the clitic-free form, longest first.
const PROCLITICS: [&str; 13] =
    ["وبال", "وكال", "فبال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ب"];

/// The key of a word with its proclitics (conjunction, preposition, article) removed, as
/// long as three letters remain: `و"توكاييف"` → `توكاييف`, `بالقاهرة` → `قاهره`. Quote marks
/// and other non-letters around the word are dropped first.
pub fn strip_key(word: &str) -> String {
    strip_key_with_article(word).0
}

/// [`strip_key`], and whether what was stripped ended in the article.
pub fn strip_key_with_article(word: &str) -> (String, bool) {
    let key = normalize(word);
    let key: String = key.chars().filter(|c| c.is_alphanumeric()).collect();
    let rest = key.as_str();
    for p in PROCLITICS {
        // One-letter clitics only where the lexicon does not say the letter is the word's
        // own (`وزير`, `بريطانيا`).
        if p.len() == 2 && default_stemmer().keeps_first_letter(rest) {
            continue;
        }
        if let Some(r) = rest.strip_prefix(p)
            && r.chars().count() >= 3
        {
            return (r.to_owned(), p.ends_with("ال") || p.ends_with("لل"));
        }
    }
    (rest.to_owned(), false)
}

fn default_stemmer() -> &'static Stemmer {
    static STEMMER: std::sync::OnceLock<Stemmer> = std::sync::OnceLock::new();
    STEMMER.get_or_init(Stemmer::new)
}

/// Coarse shape of a word: script, digits, length.
fn shape(word: &str, stripped: &str) -> &'static str {
    let first = word.chars().next().unwrap_or(' ');
    let len = stripped.chars().count();
    if word.chars().any(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c)) {
        "digit"
    } else if first.is_ascii_alphabetic() {
        if first.is_ascii_uppercase() { "LATIN" } else { "latin" }
    } else if !first.is_alphanumeric() {
        "punct"
    } else if len <= 2 {
        "ar2"
    } else if len <= 4 {
        "ar4"
    } else if len <= 6 {
        "ar6"
    } else {
        "ar7+"
    }
}

/// Per-word values computed once and reused by neighbours' features.
struct WordInfo {
    key: String,
    stem: String,
    stripped: String,
    stripped_hash: u64,
    shape: &'static str,
    prefix: &'static str,
    class: Option<WordClass>,
}

fn prefix_kind(key: &str, stripped: &str) -> &'static str {
    let cut = key.len().saturating_sub(stripped.len());
    match key.get(..cut) {
        Some("") | None => "none",
        Some(p) if p.ends_with("ال") || p.ends_with("لل") => "article",
        Some(_) => "clitic",
    }
}

/// Turns sentences into feature hashes.
#[derive(Clone, Debug)]
pub struct FeatureExtractor {
    stemmer: Stemmer,
}

impl Default for FeatureExtractor {
    fn default() -> Self {
        FeatureExtractor { stemmer: Stemmer::new() }
    }
}

/// The features of one sentence: for token `i`, `features[offsets[i]..offsets[i + 1]]`.
#[derive(Clone, Debug, Default)]
pub struct SentenceFeatures {
    pub features: Vec<u64>,
    pub offsets: Vec<usize>,
}

impl SentenceFeatures {
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn token(&self, i: usize) -> &[u64] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => self.features.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

impl FeatureExtractor {
    pub fn new() -> Self {
        FeatureExtractor::default()
    }

    fn info(&self, word: &str, classes: &WordClasses) -> WordInfo {
        let key = normalize(word);
        let stem = self.stemmer.stem(&key).to_owned();
        let stripped = strip_key(word);
        let stripped_hash = hash_str(&stripped);
        WordInfo {
            shape: shape(word, &stripped),
            prefix: prefix_kind(&key, &stripped),
            key,
            stem,
            stripped,
            stripped_hash,
            class: classes.get(stripped_hash),
        }
    }

    /// The features of every token of a sentence.
    pub fn extract(&self, tokens: &[&str], lexicons: &Lexicons) -> SentenceFeatures {
        self.extract_hiding(tokens, lexicons, &[])
    }

    /// [`FeatureExtractor::extract`], leaving out the identity of the words marked `true` in
    /// `hide` (their key, stem and stripped form, alone and in bigrams). Training hides rare
    /// words so the model learns to tag a word it has never seen from its shape, class and
    /// context, as it must at test time.
    pub fn extract_hiding(
        &self,
        tokens: &[&str],
        lexicons: &Lexicons,
        hide: &[bool],
    ) -> SentenceFeatures {
        let gazetteer = &lexicons.gazetteer;
        let infos: Vec<WordInfo> = tokens.iter().map(|t| self.info(t, &lexicons.classes)).collect();
        let hashes: Vec<u64> = infos.iter().map(|i| i.stripped_hash).collect();
        let phrases = gazetteer.phrase_matches(&hashes);
        let boundary = WordInfo {
            key: "<s>".into(),
            stem: "<s>".into(),
            stripped: "<s>".into(),
            stripped_hash: 0,
            shape: "<s>",
            prefix: "none",
            class: None,
        };
        let at = |i: isize| -> &WordInfo {
            if i < 0 { &boundary } else { infos.get(i as usize).unwrap_or(&boundary) }
        };

        let mut out =
            SentenceFeatures { features: Vec::with_capacity(tokens.len() * 40), offsets: vec![0] };
        let mut buf = String::new();
        for (i, w) in infos.iter().enumerate() {
            let f = &mut out.features;
            let ii = i as isize;
            let (p1, p2, n1, n2) = (at(ii - 1), at(ii - 2), at(ii + 1), at(ii + 2));
            f.push(feature(0, ""));
            let hidden = hide.get(i).copied().unwrap_or(false);
            if hidden {
                f.push(feature(29, "hidden"));
            } else {
                f.push(feature(1, &w.key));
                f.push(feature(2, &w.stem));
                f.push(feature(3, &w.stripped));
            }
            f.push(feature(4, w.shape));
            f.push(feature(5, w.prefix));
            let chars: Vec<char> = w.stripped.chars().collect();
            for n in 1..=3 {
                if chars.len() > n {
                    buf.clear();
                    buf.extend(&chars[..n]);
                    f.push(feature(6 + n as u8, &buf));
                    buf.clear();
                    buf.extend(&chars[chars.len() - n..]);
                    f.push(feature(10 + n as u8, &buf));
                }
            }
            f.push(feature(14, &p1.stripped));
            f.push(feature(15, &n1.stripped));
            f.push(feature(16, &p2.stripped));
            f.push(feature(17, &n2.stripped));
            f.push(feature(18, &p1.key));
            f.push(feature(19, &n1.key));
            f.push(feature(20, &p1.stem));
            f.push(feature(21, &n1.stem));
            f.push(feature(22, p1.shape));
            f.push(feature(23, n1.shape));
            f.push(feature(24, p1.prefix));
            f.push(feature(25, n1.prefix));
            if !hidden {
                buf.clear();
                buf.push_str(&p1.stripped);
                buf.push('|');
                buf.push_str(&w.stripped);
                f.push(feature(26, &buf));
                buf.clear();
                buf.push_str(&w.stripped);
                buf.push('|');
                buf.push_str(&n1.stripped);
                f.push(feature(27, &buf));
            }
            buf.clear();
            buf.push_str(w.shape);
            buf.push('|');
            buf.push_str(p1.shape);
            buf.push('|');
            buf.push_str(n1.shape);
            f.push(feature(28, &buf));

            // Word classes from unlabeled text: this word's and its neighbours' clusters,
            // how it takes the article, how common it is.
            match w.class {
                Some(c) => {
                    f.push(feature_n(40, u32::from(c.coarse)));
                    f.push(feature_n(41, u32::from(c.fine)));
                    f.push(feature_n(42, u32::from(c.article)));
                    f.push(feature_n(43, u32::from(c.frequency)));
                    f.push(feature_n(44, u32::from(c.article) << 8 | u32::from(c.coarse)));
                    for bits in [4u32, 6, 8, 10, 12] {
                        if let Some(prefix) = path_prefix(c.path, bits) {
                            f.push(feature_n(51, bits << 16 | prefix));
                        }
                    }
                }
                None => f.push(feature(45, "unseen")),
            }
            for (template, other) in [(46, p1), (47, n1), (48, p2), (49, n2)] {
                if let Some(c) = other.class {
                    f.push(feature_n(template, u32::from(c.coarse)));
                    if let Some(prefix) = path_prefix(c.path, 8) {
                        f.push(feature_n(template + 10, prefix));
                    }
                }
            }
            if let (Some(a), Some(b)) = (p1.class, w.class) {
                f.push(feature_n(50, u32::from(a.coarse) << 16 | u32::from(b.coarse)));
            }

            // Gazetteers: this word, its neighbours, and multi-word names covering it.
            for t in EntityType::ALL {
                let name = t.tag_name();
                if gazetteer.contains_word(w.stripped_hash, t) {
                    f.push(feature(30, name));
                }
                if ii > 0 && gazetteer.contains_word(p1.stripped_hash, t) {
                    f.push(feature(31, name));
                }
                if gazetteer.contains_word(n1.stripped_hash, t) {
                    f.push(feature(32, name));
                }
            }
            for &(t, starts) in phrases.get(i).map(Vec::as_slice).unwrap_or(&[]) {
                f.push(feature(if starts { 33 } else { 34 }, t.tag_name()));
            }
            out.offsets.push(out.features.len());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_key_removes_clitics_and_quotes() {
        assert_eq!(strip_key("و\"توكاييف\""), "توكاييف");
        assert_eq!(strip_key("بالقاهرة"), "قاهره");
        assert_eq!(strip_key("للأمم"), "امم");
        assert_eq!(strip_key("وزير"), "وزير");
        assert_eq!(strip_key("وقال"), "قال");
        assert_eq!(strip_key("ولد"), "ولد");
    }

    #[test]
    fn every_token_gets_features() {
        let fx = FeatureExtractor::new();
        let g = Lexicons::default();
        let s = fx.extract(&["قال", "الرئيس", "\"", "بوتين", "\""], &g);
        assert_eq!(s.len(), 5);
        for i in 0..5 {
            assert!(s.token(i).len() >= 20);
        }
        assert!(fx.extract(&[], &g).is_empty());
    }
}
