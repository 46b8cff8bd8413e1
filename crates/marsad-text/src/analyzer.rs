//! Normalize + tokenize + stem in one pass: the hot path for indexing and statistics.

use crate::normalize::normalize_word_into;
use crate::stem::Stemmer;
use crate::token::{Token, TokenKind, Tokens};

/// Runs the whole text layer over a text and hands each word's stem to a callback,
/// reusing one buffer so that no word allocates.
#[derive(Clone, Debug, Default)]
pub struct Analyzer {
    stemmer: Stemmer,
    key: String,
}

impl Analyzer {
    pub fn new() -> Self {
        Analyzer::default()
    }

    /// Calls `each(token, stem)` for every word and number of `text`; `stem` is the stem of
    /// the token's key (numbers: the key itself). Returns the number of tokens seen.
    pub fn analyze(&mut self, text: &str, mut each: impl FnMut(Token, &str)) -> usize {
        let mut count = 0;
        for token in Tokens::new(text) {
            count += 1;
            match token.kind {
                TokenKind::Arabic | TokenKind::Latin | TokenKind::Number => {
                    self.key.clear();
                    let all_arabic = normalize_word_into(token.text(text), &mut self.key);
                    let stem =
                        if all_arabic { self.stemmer.stem_arabic(&self.key) } else { &self.key };
                    each(token, stem);
                }
                TokenKind::Punct | TokenKind::Symbol => {}
            }
        }
        count
    }
}
