//! The lexer: a normalized line as numbers, words and punctuation.
//!
//! Lexing works on the key of a line (see [`marsad_text::normalize()`]), so digits are ASCII,
//! hamza and diacritic variants are gone and Latin letters are lowercase.

/// One lexical unit of a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tok<'k> {
    /// A run of ASCII digits.
    Num(&'k str),
    /// A run of letters (any script).
    Word(&'k str),
    /// Any other character that is not whitespace.
    Punct(char),
}

impl Tok<'_> {
    /// Whether this token carries content (a number or a word) rather than punctuation.
    pub(crate) fn is_content(self) -> bool {
        !matches!(self, Tok::Punct(_))
    }
}

/// Splits a key into tokens; whitespace separates tokens and is dropped.
pub(crate) fn lex(key: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::new();
    let mut chars = key.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() || c.is_alphabetic() {
            let digit = c.is_ascii_digit();
            let mut end = start + c.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                let same = if digit { next.is_ascii_digit() } else { next.is_alphabetic() };
                if !same {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            let text = key.get(start..end).unwrap_or("");
            toks.push(if digit { Tok::Num(text) } else { Tok::Word(text) });
        } else {
            toks.push(Tok::Punct(c));
        }
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_numbers_words_and_punctuation() {
        assert_eq!(
            lex("السبت، 8 يناير 2022 11:47ص"),
            vec![
                Tok::Word("السبت"),
                Tok::Punct('،'),
                Tok::Num("8"),
                Tok::Word("يناير"),
                Tok::Num("2022"),
                Tok::Num("11"),
                Tok::Punct(':'),
                Tok::Num("47"),
                Tok::Word("ص"),
            ]
        );
        assert_eq!(
            lex("2022-01-08t11:47"),
            vec![
                Tok::Num("2022"),
                Tok::Punct('-'),
                Tok::Num("01"),
                Tok::Punct('-'),
                Tok::Num("08"),
                Tok::Word("t"),
                Tok::Num("11"),
                Tok::Punct(':'),
                Tok::Num("47"),
            ]
        );
    }

    #[test]
    fn empty_and_blank() {
        assert!(lex("").is_empty());
        assert!(lex(" \t ").is_empty());
    }
}
