//! The Arabic text core of Marsad: everything later stages stand on, with no heavy
//! dependencies.
//!
//! - [`normalize`]: matching keys (NFKC, no diacritics, unified alef/yeh/teh marbuta, ASCII
//!   digits); the original text is never modified.
//! - [`tokenize`]: words, numbers and punctuation with byte offsets into the original text.
//! - [`sentences`]: sentence boundaries aware of Arabic punctuation and of quotations.
//! - [`Stemmer`]: a clitic-aware light stemmer that works on keys.
//! - [`stopwords`]: the shipped stop-word list, as keys.
//! - [`Analyzer`]: normalize + tokenize + stem in one pass, the hot path for indexing.

mod analyzer;
pub mod lexicon;
pub mod normalize;
mod sentence;
mod stem;
pub mod stopwords;
mod token;

pub use analyzer::Analyzer;
pub use lexicon::{StemLexicon, StemLexiconBuilder};
pub use normalize::{normalize, normalize_into};
pub use sentence::{Sentence, sentences};
pub use stem::Stemmer;
pub use token::{Token, TokenKind, Tokens, tokenize};
