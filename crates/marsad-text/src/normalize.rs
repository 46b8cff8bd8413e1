//! Normalization into matching keys.
//!
//! A key is what two spellings of the same word have in common: `الأمَّة`, `الامة` and
//! `الامه` all have the key `الامه`. Keys are for matching, indexing and stemming; text shown
//! to people always comes from the original string.
//!
//! The rules, in order of application:
//! - NFKC, so presentation forms (`ﻻ`) and compatibility characters become plain letters;
//! - harakat, tanween, shadda, sukun, superscript alef, Quranic marks, tatweel and the
//!   invisible joiners/direction marks are removed;
//! - `أ إ آ ٱ` → `ا`, `ى` → `ي`, `ة` → `ه`; Persian `ی ک` → `ي ك`;
//! - Arabic-Indic (`٠`–`٩`) and Persian (`۰`–`۹`) digits → ASCII;
//! - Latin letters are lowercased.
//!
//! [`normalize`] is idempotent: the key of a key is the key itself.

use unicode_normalization::UnicodeNormalization;

/// What the key rules do to one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyChar {
    /// Dropped from the key (a diacritic, tatweel, a joiner).
    Drop,
    /// Kept, possibly replaced.
    Keep(char),
}

/// The key rule for one character, for every character that needs no NFKC (ASCII and the
/// basic Arabic block). Returns `None` for characters that may need NFKC first.
#[inline]
pub fn key_char(c: char) -> Option<KeyChar> {
    let u = c as u32;
    if u < 0x80 {
        return Some(KeyChar::Keep(c.to_ascii_lowercase()));
    }
    if (0x0600..=0x06FF).contains(&u) {
        return Some(match ARABIC_KEYS[(u - 0x0600) as usize] {
            '\0' => KeyChar::Drop,
            k => KeyChar::Keep(k),
        });
    }
    match u {
        // Zero-width non-joiner/joiner, direction marks, byte-order mark.
        0x200C..=0x200F | 0xFEFF => Some(KeyChar::Drop),
        // No-break space is common in scraped news; NFKC makes it a space anyway.
        0x00A0 => Some(KeyChar::Keep(' ')),
        _ => None,
    }
}

/// [`arabic_key`] for U+0600..=U+06FF, with `'\0'` for [`KeyChar::Drop`]: one load per
/// character on the hot path.
static ARABIC_KEYS: [char; 256] = {
    let mut table = ['\0'; 256];
    let mut i = 0;
    while i < 256 {
        if let Some(c) = char::from_u32(0x0600 + i as u32) {
            table[i] = match arabic_key(c) {
                KeyChar::Drop => '\0',
                KeyChar::Keep(k) => k,
            };
        }
        i += 1;
    }
    table
};

const fn arabic_key(c: char) -> KeyChar {
    use KeyChar::{Drop, Keep};
    match c {
        // Quranic annotation signs, harakat, tanween, shadda, sukun, maddah/hamza marks,
        // superscript alef, tatweel, small high/low signs.
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{0640}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}' => Drop,
        'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' => Keep('ا'),
        'ى' | 'ی' | '\u{06D0}' => Keep('ي'),
        'ة' | '\u{06C0}' | '\u{06C1}' | '\u{06D5}' => Keep('ه'),
        'ک' => Keep('ك'),
        '٠'..='٩' => Keep((b'0' + (c as u32 - 0x0660) as u8) as char),
        '۰'..='۹' => Keep((b'0' + (c as u32 - 0x06F0) as u8) as char),
        // The high-hamza letters have compatibility decompositions (ٵ → اٴ).
        '\u{0675}' => Keep('ا'),
        '\u{0676}' | '\u{0677}' => Keep('و'),
        '\u{0678}' => Keep('ي'),
        _ => Keep(c),
    }
}

/// The key of `text`.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// Appends the key of `text` to `out` (which is not cleared), so a caller can reuse one
/// buffer for many words.
pub fn normalize_into(text: &str, out: &mut String) {
    normalize_word_into(text, out);
}

/// [`normalize_into`], returning whether the key it appended is made only of Arabic letters
/// (U+0621..=U+064A), which is what the stemmer needs to know.
///
/// This is the hot path of indexing, so it walks bytes: ASCII and the two-byte Arabic block
/// are mapped by table without decoding; anything else takes the general NFKC path.
pub fn normalize_word_into(text: &str, out: &mut String) -> bool {
    let start = out.len();
    let bytes = text.as_bytes();
    let mut all_arabic = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            out.push(b.to_ascii_lowercase() as char);
            all_arabic = false;
            i += 1;
        } else if (0xD8..=0xDB).contains(&b) && i + 1 < bytes.len() {
            // A lead byte D8..DB with its continuation byte encodes U+0600..=U+06FF.
            let offset = (((b as usize) & 0x1F) << 6 | (bytes[i + 1] as usize & 0x3F)) - 0x600;
            let k = ARABIC_KEYS[offset & 0xFF];
            if k != '\0' {
                out.push(k);
                all_arabic &= matches!(k, '\u{0621}'..='\u{064A}');
            }
            i += 2;
        } else {
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            match key_char(c) {
                Some(KeyChar::Keep(k)) => {
                    out.push(k);
                    all_arabic = false;
                }
                Some(KeyChar::Drop) => {}
                None => {
                    // Outside ASCII and the Arabic block: redo this text on the general
                    // path, which applies full NFKC.
                    out.truncate(start);
                    normalize_general(text, out);
                    return out[start..].chars().all(|c| matches!(c, '\u{0621}'..='\u{064A}'));
                }
            }
            i += c.len_utf8();
        }
    }
    all_arabic && out.len() > start
}

/// The general path: NFKC, then the Arabic rules, repeated until nothing changes (removing
/// a mark can let NFKC compose what the mark separated).
fn normalize_general(text: &str, out: &mut String) {
    let mut current: String = text.to_owned();
    for _ in 0..4 {
        let mut next = String::with_capacity(current.len());
        for c in current.nfkc() {
            match key_char(c) {
                Some(KeyChar::Keep(k)) => next.push(k),
                Some(KeyChar::Drop) => {}
                None => next.extend(c.to_lowercase()),
            }
        }
        if next == current {
            break;
        }
        current = next;
    }
    out.push_str(&current);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_diacritics_and_tatweel() {
        assert_eq!(normalize("الأُمَّةُ"), "الامه");
        assert_eq!(normalize("كِتَابٌ"), "كتاب");
        assert_eq!(normalize("جـــميل"), "جميل");
        assert_eq!(normalize("هٰذا"), "هذا");
    }

    #[test]
    fn unifies_letter_variants() {
        assert_eq!(normalize("أحمد إلى آخر ٱلكتاب"), "احمد الي اخر الكتاب");
        assert_eq!(normalize("مدرسة"), "مدرسه");
        assert_eq!(normalize("مصطفى"), "مصطفي");
        assert_eq!(normalize("کیف"), "كيف");
    }

    #[test]
    fn nfkc_presentation_forms() {
        assert_eq!(normalize("ﻻ"), "لا");
        assert_eq!(normalize("ﻷ"), "لا");
        assert_eq!(normalize("ﺑﻴﺖ"), "بيت");
    }

    #[test]
    fn digits_become_ascii() {
        assert_eq!(normalize("٢٠٢٢"), "2022");
        assert_eq!(normalize("۱۴۰۰"), "1400");
        assert_eq!(normalize("11:47"), "11:47");
    }

    #[test]
    fn latin_is_lowercased() {
        assert_eq!(normalize("CNN"), "cnn");
        assert_eq!(normalize("Ärger"), "ärger");
    }

    #[test]
    fn idempotent_on_examples() {
        for s in ["الأُمَّةُ", "ﻷ", "e\u{064E}\u{0301}", "İstanbul", "ﷺ"] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once, "input {s:?}");
        }
    }
}
