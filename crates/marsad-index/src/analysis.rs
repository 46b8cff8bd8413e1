//! The tantivy side of Marsad's Arabic analyzer: the same normalisation, tokenisation and
//! stemming as [`marsad_text::Analyzer`], so that index and query agree on every word.

use marsad_text::normalize::normalize_word_into;
use marsad_text::stopwords::is_stopword_key;
use marsad_text::{Stemmer, TokenKind, Tokens};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Name under which the stemmed tokenizer is registered.
pub const STEMMED: &str = "marsad_stem";
/// Name under which the exact (normalized, unstemmed) tokenizer is registered.
pub const EXACT: &str = "marsad_exact";

/// A tantivy [`Tokenizer`] over [`marsad_text`]: words and numbers with byte offsets into the
/// original text; each term is the normalized key (`أمريكا` and `امريكا` give `امريكا`) and,
/// in the stemmed variant, its light stem (`بالقوات` → `قوات`).
///
/// The stemmed variant leaves stop words out but keeps their positions, so phrase queries
/// still line up; the exact variant keeps every word.
#[derive(Clone, Debug)]
pub struct MarsadTokenizer {
    stemmer: Option<Stemmer>,
    tokens: Vec<Token>,
}

impl MarsadTokenizer {
    /// Keys stemmed with the shipped stemmer, stop words left out.
    pub fn stemmed() -> Self {
        MarsadTokenizer { stemmer: Some(Stemmer::new()), tokens: Vec::new() }
    }

    /// Normalized keys, unstemmed, every word kept.
    pub fn exact() -> Self {
        MarsadTokenizer { stemmer: None, tokens: Vec::new() }
    }
}

/// Calls `each(start, end, position, term)` for every indexed term of `text`, as
/// [`MarsadTokenizer`] would produce it (`stem` chooses the variant).
pub fn terms(
    text: &str,
    stemmer: Option<&Stemmer>,
    mut each: impl FnMut(usize, usize, usize, &str),
) {
    let mut key = String::new();
    let mut position = 0usize;
    for token in Tokens::new(text) {
        if !matches!(token.kind, TokenKind::Arabic | TokenKind::Latin | TokenKind::Number) {
            continue;
        }
        key.clear();
        let all_arabic = normalize_word_into(token.text(text), &mut key);
        if key.is_empty() {
            continue;
        }
        let pos = position;
        position += 1;
        match stemmer {
            Some(stemmer) => {
                if is_stopword_key(&key) {
                    continue;
                }
                let term = if all_arabic { stemmer.stem_arabic(&key) } else { key.as_str() };
                if !term.is_empty() {
                    each(token.start, token.end, pos, term);
                }
            }
            None => each(token.start, token.end, pos, &key),
        }
    }
}

impl Tokenizer for MarsadTokenizer {
    type TokenStream<'a> = MarsadTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> MarsadTokenStream<'a> {
        self.tokens.clear();
        let tokens = &mut self.tokens;
        terms(text, self.stemmer.as_ref(), |start, end, position, term| {
            tokens.push(Token {
                offset_from: start,
                offset_to: end,
                position,
                text: term.to_owned(),
                position_length: 1,
            });
        });
        MarsadTokenStream { tokens: &mut self.tokens, next: 0, scratch: Token::default() }
    }
}

/// The tokens of one text, produced eagerly by [`MarsadTokenizer`].
pub struct MarsadTokenStream<'a> {
    tokens: &'a mut Vec<Token>,
    next: usize,
    /// What `token`/`token_mut` return before the first `advance` (never read by tantivy).
    scratch: Token,
}

impl TokenStream for MarsadTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        match self.next.checked_sub(1) {
            Some(i) => self.tokens.get(i).unwrap_or(&self.scratch),
            None => &self.scratch,
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.next.checked_sub(1) {
            Some(i) => self.tokens.get_mut(i).unwrap_or(&mut self.scratch),
            None => &mut self.scratch,
        }
    }
}

/// The stemmed terms of `text` (stop words left out), in order.
pub fn stemmed_terms(text: &str, stemmer: &Stemmer) -> Vec<String> {
    let mut out = Vec::new();
    terms(text, Some(stemmer), |_, _, _, t| out.push(t.to_owned()));
    out
}

/// The normalized keys of the words of `text`, in order (nothing left out).
pub fn exact_terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    terms(text, None, |_, _, _, t| out.push(t.to_owned()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(mut tokenizer: MarsadTokenizer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut s = tokenizer.token_stream(text);
        while s.advance() {
            let t = s.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn clitics_and_spellings_share_a_term() {
        let stem = |w: &str| {
            stream(MarsadTokenizer::stemmed(), w).into_iter().map(|t| t.0).collect::<Vec<_>>()
        };
        assert_eq!(stem("بالقوات"), stem("القوات"));
        assert_eq!(stem("القوات"), stem("قوات"));
        assert_eq!(stem("أمريكا"), stem("امريكا"));
        let exact = |w: &str| {
            stream(MarsadTokenizer::exact(), w).into_iter().map(|t| t.0).collect::<Vec<_>>()
        };
        assert_eq!(exact("أمريكا"), exact("إمريكا"));
        assert_ne!(exact("بالقوات"), exact("القوات"));
    }

    #[test]
    fn offsets_point_into_the_original_and_stop_words_keep_positions() {
        let text = "وصل الوفد إلى المدينة";
        let got = stream(MarsadTokenizer::stemmed(), text);
        // `إلى` is a stop word: left out, but `المدينة` keeps position 3.
        assert_eq!(got.len(), 3);
        let last = &got[2];
        assert_eq!(&text[last.1..last.2], "المدينة");
        assert_eq!(last.3, 3);
        assert_eq!(stream(MarsadTokenizer::exact(), text).len(), 4);
    }

    #[test]
    fn token_before_advance_does_not_panic() {
        let mut t = MarsadTokenizer::exact();
        let mut s = t.token_stream("");
        assert_eq!(s.token().text, "");
        s.token_mut().text.push('x');
        assert!(!s.advance());
    }
}
