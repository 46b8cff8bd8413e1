//! Bytes to text: the page's encoding from a byte-order mark, the HTTP header, a `<meta>`
//! tag, or detection.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252, WINDOWS_1256};

/// How far into a page to look for `<meta charset>` (browsers look at 1024 bytes; pages
/// with long heads put it later).
const META_PRESCAN: usize = 8192;

/// A declared charset that decodes with more malformed sequences than this share of the
/// page's non-ASCII bytes is a lie (and the page an error) rather than a few bad bytes.
const MAX_MALFORMED_SHARE: f64 = 0.02;

/// Where the encoding came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Bom,
    Http,
    Meta,
    Detected,
}

/// A decoding problem: the declared charset does not fit the bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CharsetError {
    pub declared: &'static str,
    pub malformed: usize,
}

/// The charset named in a `Content-Type` value (`text/html; charset=windows-1256`).
pub fn from_content_type(value: &str) -> Option<&'static Encoding> {
    let lower = value.to_ascii_lowercase();
    let at = lower.find("charset=")?;
    let rest = lower.get(at + "charset=".len()..)?;
    let name = rest.trim_start_matches(['"', '\'']);
    let end = name.find([';', '"', '\'', ' ', ',']).unwrap_or(name.len());
    Encoding::for_label(name.get(..end)?.trim().as_bytes())
}

/// The charset of a `<meta charset>` or `<meta http-equiv="content-type">` in the page's
/// head, read from the raw bytes.
pub fn from_meta(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..META_PRESCAN).unwrap_or(bytes);
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = memchr::memmem::find(lower.get(from..)?, b"<meta") {
        let start = from + k;
        let end =
            lower.get(start..)?.iter().position(|&b| b == b'>').map_or(lower.len(), |e| start + e);
        let tag = String::from_utf8_lossy(lower.get(start..end)?);
        if let Some(at) = tag.find("charset") {
            let rest = tag.get(at + "charset".len()..).unwrap_or("");
            let rest = rest.trim_start();
            if let Some(rest) = rest.strip_prefix('=') {
                let name = rest.trim_start().trim_start_matches(['"', '\'']);
                let stop = name.find(['"', '\'', ' ', ';', '/', '>']).unwrap_or(name.len());
                if let Some(enc) =
                    name.get(..stop).and_then(|n| Encoding::for_label(n.trim().as_bytes()))
                {
                    // A page that says UTF-16 in ASCII bytes is not UTF-16.
                    return Some(if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                        UTF_8
                    } else {
                        enc
                    });
                }
            }
        }
        from = end;
    }
    None
}

/// Arabic letters minus characters that do not belong in Arabic text, for picking between
/// single-byte Arabic encodings.
fn arabic_score(text: &str) -> i64 {
    let mut score = 0i64;
    for c in text.chars() {
        match c {
            '\u{0621}'..='\u{064A}' => score += 2,
            '\u{064B}'..='\u{0652}' | '\u{060C}' | '\u{061B}' | '\u{061F}' => score += 1,
            '\u{FFFD}' => score -= 5,
            '\u{00C0}'..='\u{00FF}' | '\u{0080}'..='\u{009F}' => score -= 2,
            _ => {}
        }
    }
    score
}

/// Guesses the encoding of bytes that declare none: UTF-8 when they are valid UTF-8, else
/// the best-scoring of windows-1256, ISO-8859-6 and windows-1252.
pub fn detect(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    // Mostly valid UTF-8 with a few bad bytes is still UTF-8.
    let (_, _, had_errors) = UTF_8.decode(bytes);
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    if had_errors && malformed(UTF_8, bytes) * 50 < non_ascii {
        return UTF_8;
    }
    let sample = bytes.get(..65536).unwrap_or(bytes);
    let candidates = [WINDOWS_1256, encoding_rs::ISO_8859_6, WINDOWS_1252];
    let mut best = WINDOWS_1256;
    let mut best_score = i64::MIN;
    for enc in candidates {
        let (text, _) = enc.decode_without_bom_handling(sample);
        let s = arabic_score(&text);
        if s > best_score {
            best = enc;
            best_score = s;
        }
    }
    if best_score <= 0 { WINDOWS_1252 } else { best }
}

/// Malformed sequences when decoding `bytes` as `enc`.
fn malformed(enc: &'static Encoding, bytes: &[u8]) -> usize {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    text.chars().filter(|&c| c == '\u{FFFD}').count()
}

/// Decodes a page. The encoding is, in order: a byte-order mark, `http_charset` (from the
/// HTTP `Content-Type`), a `<meta>` charset, detection. A declared charset that the bytes
/// contradict is corrected when the bytes are valid UTF-8 (a common lie), and is an error
/// when decoding with it leaves many malformed sequences.
pub fn decode(
    bytes: &[u8],
    http_charset: Option<&'static Encoding>,
) -> Result<(String, &'static Encoding, Source), CharsetError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes.get(bom_len..).unwrap_or_default());
        return Ok((text.into_owned(), enc, Source::Bom));
    }
    let declared = http_charset
        .map(|e| (e, Source::Http))
        .or_else(|| from_meta(bytes).map(|e| (e, Source::Meta)));
    let Some((enc, source)) = declared else {
        let enc = detect(bytes);
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return Ok((text.into_owned(), enc, Source::Detected));
    };
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    if enc != UTF_8 && valid_utf8 && !bytes.is_ascii() && enc.is_single_byte() {
        // Declared single-byte, but the bytes are UTF-8 multibyte text.
        let text = String::from_utf8_lossy(bytes).into_owned();
        return Ok((text, UTF_8, Source::Detected));
    }
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors {
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count().max(1);
        if bad as f64 > MAX_MALFORMED_SHARE * non_ascii as f64 && bad > 8 {
            return Err(CharsetError { declared: enc.name(), malformed: bad });
        }
    }
    Ok((text.into_owned(), enc, source))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_and_meta() {
        assert_eq!(from_content_type("text/html; charset=windows-1256"), Some(WINDOWS_1256));
        assert_eq!(from_content_type("text/html; Charset=\"UTF-8\""), Some(UTF_8));
        assert_eq!(from_content_type("text/html"), None);
        assert_eq!(from_meta(b"<head><meta charset=\"windows-1256\">"), Some(WINDOWS_1256));
        assert_eq!(
            from_meta(
                b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-6\">"
            ),
            Some(encoding_rs::ISO_8859_6)
        );
    }

    #[test]
    fn detects_arabic_single_byte() {
        let text = "أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المناطق الريفية";
        let (bytes, _, _) = WINDOWS_1256.encode(text);
        assert_eq!(detect(&bytes), WINDOWS_1256);
        let (bytes, _, _) = encoding_rs::ISO_8859_6.encode(text);
        assert_eq!(detect(&bytes), encoding_rs::ISO_8859_6);
        assert_eq!(detect(text.as_bytes()), UTF_8);
    }

    #[test]
    fn lying_charsets() {
        let text = "<p>أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين</p>";
        // Declared windows-1256, really UTF-8: corrected.
        let got = decode(text.as_bytes(), Some(WINDOWS_1256)).map(|(t, e, _)| (t, e));
        assert_eq!(got, Ok((text.to_owned(), UTF_8)));
        // Declared UTF-8, really windows-1256: an error.
        let (bytes, _, _) = WINDOWS_1256.encode(text);
        assert!(decode(&bytes, Some(UTF_8)).is_err());
    }
}
