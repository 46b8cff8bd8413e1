//! The tokenizer: words, numbers, punctuation and symbols, each with byte offsets into the
//! original text. Offsets always fall on character boundaries, so `&text[t.start..t.end]`
//! never panics.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word in Arabic script (diacritics, tatweel and joiners inside it included).
    Arabic,
    /// A word in any other alphabetic script (Latin mostly); may contain digits (`G20`).
    Latin,
    /// A number in any digit system, with inner separators: `3,000`, `٣٠٠٠`, `11:47`, `2.5`.
    Number,
    /// Punctuation: `، ؛ ؟ « » " “ ” … . ! ( )` and the like. A run of dots is one token.
    Punct,
    /// Anything else that is not whitespace (`%`, `$`, emoji).
    Symbol,
}

/// A token: a kind and the byte range `start..end` of the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Arabic | TokenKind::Latin)
    }
}

/// Tokenizes all of `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    Tokens::new(text).collect()
}

/// Character classes the tokenizer decides on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Space,
    ArabicLetter,
    /// Marks, tatweel and joiners: continue a word, never start one.
    WordInner,
    Digit,
    Letter,
    Punct,
    Symbol,
}

#[inline]
fn class(c: char) -> Class {
    let u = c as u32;
    if u < 0x80 {
        return match c {
            'a'..='z' | 'A'..='Z' => Class::Letter,
            '0'..='9' => Class::Digit,
            ' ' | '\t' | '\n' | '\r' | '\x0B' | '\x0C' => Class::Space,
            '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}'
            | '-' | '/' | '\\' | '|' | '`' => Class::Punct,
            c if c.is_ascii_control() => Class::Space,
            _ => Class::Symbol,
        };
    }
    if (0x0600..=0x06FF).contains(&u) {
        return ARABIC_CLASSES[(u - 0x0600) as usize];
    }
    match u {
        0x200C | 0x200D => Class::WordInner,
        // Presentation forms (except the ornate parentheses).
        0xFD3E | 0xFD3F => Class::Punct,
        0xFB50..=0xFDFF | 0xFE70..=0xFEFC => Class::ArabicLetter,
        0x200E | 0x200F | 0xFEFF | 0x00AD | 0x202A..=0x202E | 0x2066..=0x2069 => Class::Space,
        _ => {
            if c.is_whitespace() {
                Class::Space
            } else if c.is_alphabetic() {
                Class::Letter
            } else if c.is_numeric() {
                Class::Digit
            } else if is_punct(c) {
                Class::Punct
            } else if c.is_control() {
                Class::Space
            } else {
                Class::Symbol
            }
        }
    }
}

/// [`arabic_block_class`] for U+0600..=U+06FF: one load per Arabic character.
static ARABIC_CLASSES: [Class; 256] = {
    let mut table = [Class::Symbol; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = arabic_block_class(0x0600 + i as u32);
        i += 1;
    }
    table
};

const fn arabic_block_class(u: u32) -> Class {
    match u {
        0x0621..=0x063A | 0x0641..=0x064A | 0x066E..=0x066F | 0x0671..=0x06D3 | 0x06D5 => {
            Class::ArabicLetter
        }
        0x06EE..=0x06EF | 0x06FA..=0x06FC | 0x06FF => Class::ArabicLetter,
        0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x0640 | 0x06D6..=0x06ED => Class::WordInner,
        0x0660..=0x0669 | 0x06F0..=0x06F9 => Class::Digit,
        // Arabic comma, semicolon, question mark, full stop, decimal and thousands separators.
        0x060C | 0x061B | 0x061F | 0x06D4 | 0x066D | 0x066B | 0x066C => Class::Punct,
        // Arabic percent sign and everything else in the block.
        _ => Class::Symbol,
    }
}

fn is_punct(c: char) -> bool {
    matches!(
        c,
        '«' | '»'
            | '“'
            | '”'
            | '„'
            | '‘'
            | '’'
            | '‹'
            | '›'
            | '…'
            | '–'
            | '—'
            | '‐'
            | '‑'
            | '·'
            | '•'
            | '¡'
            | '¿'
            | '″'
            | '′'
    ) || matches!(c as u32, 0x2010..=0x2027 | 0x3000..=0x303F | 0xFE50..=0xFE6B | 0xFF01..=0xFF0F)
}

/// Separators that may sit between digits inside one number.
#[inline]
fn is_number_separator(c: char) -> bool {
    matches!(c, ',' | '.' | ':' | '/' | '\u{066B}' | '\u{066C}' | '،')
}

/// An iterator over the tokens of a text.
pub struct Tokens<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Tokens<'t> {
    pub fn new(text: &'t str) -> Self {
        Tokens { text, pos: 0 }
    }

    #[inline]
    fn peek_char(&self, at: usize) -> Option<char> {
        self.text.get(at..)?.chars().next()
    }

    /// Advances while `keep` holds; returns the end offset.
    #[inline]
    fn run_while(&self, mut at: usize, keep: impl Fn(Class) -> bool) -> usize {
        let rest = &self.text[at..];
        for (i, c) in rest.char_indices() {
            if !keep(class(c)) {
                return at + i;
            }
        }
        at = self.text.len();
        at
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let text = self.text;
        loop {
            let start = self.pos;
            let c = self.peek_char(start)?;
            let class = class(c);
            let after = start + c.len_utf8();
            let (end, kind) = match class {
                Class::Space => {
                    self.pos = after;
                    continue;
                }
                Class::ArabicLetter | Class::WordInner => {
                    let end = self
                        .run_while(after, |k| matches!(k, Class::ArabicLetter | Class::WordInner));
                    if class == Class::WordInner && end == after {
                        // A stray mark on its own is not a word.
                        (after, TokenKind::Symbol)
                    } else {
                        (end, TokenKind::Arabic)
                    }
                }
                Class::Letter => {
                    let end = self.run_while(after, |k| matches!(k, Class::Letter | Class::Digit));
                    (end, TokenKind::Latin)
                }
                Class::Digit => (self.number_end(after), TokenKind::Number),
                Class::Punct => {
                    let end = if c == '.' {
                        // `...` is one token, like `…`.
                        start + text[start..].bytes().take_while(|&b| b == b'.').count()
                    } else {
                        after
                    };
                    (end, TokenKind::Punct)
                }
                Class::Symbol => (after, TokenKind::Symbol),
            };
            self.pos = end;
            return Some(Token { start, end, kind });
        }
    }
}

impl Tokens<'_> {
    /// The end of a number whose first digit ends at `at`: digits, and single separators
    /// that have a digit on both sides.
    fn number_end(&self, mut at: usize) -> usize {
        loop {
            at = self.run_while(at, |k| k == Class::Digit);
            match self.peek_char(at) {
                Some(sep) if is_number_separator(sep) => {
                    let next = at + sep.len_utf8();
                    match self.peek_char(next) {
                        Some(d) if class(d) == Class::Digit => at = next,
                        _ => return at,
                    }
                }
                _ => return at,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<(&str, TokenKind)> {
        tokenize(s).into_iter().map(|t| (t.text(s), t.kind)).collect()
    }

    #[test]
    fn arabic_words_keep_their_marks() {
        use TokenKind::*;
        assert_eq!(
            texts("قالَ الرئيسُ، جـــميل."),
            vec![
                ("قالَ", Arabic),
                ("الرئيسُ", Arabic),
                ("،", Punct),
                ("جـــميل", Arabic),
                (".", Punct)
            ]
        );
    }

    #[test]
    fn numbers_in_all_digit_systems() {
        use TokenKind::*;
        assert_eq!(
            texts("قتل 3,000 و٣٠٠٠ عند 11:47 بنسبة 2.5% في ۱۴۰۰."),
            vec![
                ("قتل", Arabic),
                ("3,000", Number),
                ("و", Arabic),
                ("٣٠٠٠", Number),
                ("عند", Arabic),
                ("11:47", Number),
                ("بنسبة", Arabic),
                ("2.5", Number),
                ("%", Symbol),
                ("في", Arabic),
                ("۱۴۰۰", Number),
                (".", Punct),
            ]
        );
    }

    #[test]
    fn trailing_separator_is_not_part_of_the_number() {
        use TokenKind::*;
        assert_eq!(texts("عام 2022."), vec![("عام", Arabic), ("2022", Number), (".", Punct)]);
        assert_eq!(texts("5، 6"), vec![("5", Number), ("،", Punct), ("6", Number)]);
    }

    #[test]
    fn quotes_and_ellipsis() {
        use TokenKind::*;
        assert_eq!(
            texts("«نعم» \"لا\" “ربما”... …"),
            vec![
                ("«", Punct),
                ("نعم", Arabic),
                ("»", Punct),
                ("\"", Punct),
                ("لا", Arabic),
                ("\"", Punct),
                ("“", Punct),
                ("ربما", Arabic),
                ("”", Punct),
                ("...", Punct),
                ("…", Punct),
            ]
        );
    }

    #[test]
    fn latin_words_and_mixed_text() {
        use TokenKind::*;
        assert_eq!(
            texts("لـ CNN وG20"),
            vec![("لـ", Arabic), ("CNN", Latin), ("و", Arabic), ("G20", Latin)]
        );
    }

    #[test]
    fn offsets_point_into_the_original() {
        let s = "  مرحبا\u{a0}بالعالم ";
        for t in tokenize(s) {
            assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
        }
        assert_eq!(tokenize(s)[1].text(s), "بالعالم");
    }
}
