//! Telling formats apart, and telling articles from things that are not.

use crate::InputFormat;

/// How many leading bytes the binary check looks at, as git and ripgrep do.
const BINARY_SAMPLE: usize = 8192;

/// The UTF-8 byte-order mark.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `bytes` without a leading byte-order mark.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

/// Whether there is nothing but a byte-order mark and ASCII whitespace.
pub(crate) fn is_blank(bytes: &[u8]) -> bool {
    strip_bom(bytes).trim_ascii().is_empty()
}

/// Whether the content looks binary: a NUL byte, or more than one control character in ten,
/// among the first few kilobytes.
pub(crate) fn is_binary(bytes: &[u8]) -> bool {
    let sample = bytes.get(..BINARY_SAMPLE).unwrap_or(bytes);
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F)
        .count();
    control * 10 > sample.len()
}

/// The format of `bytes`, judged by content (never [`InputFormat::Auto`]):
///
/// - `[` first → [`InputFormat::Json`];
/// - `{` first → [`InputFormat::Jsonl`] when the first two non-empty lines both start with
///   `{` and one of them is a complete JSON value alone, else [`InputFormat::Json`];
/// - `<DOC>` first → [`InputFormat::Trec`];
/// - `<!doctype html`, `<html` or `<head` first → [`InputFormat::Html`];
/// - `WARC/1.` first, or a gzip stream that starts with it → [`InputFormat::Warc`];
/// - anything else → [`InputFormat::Text`].
///
/// Leading whitespace and a byte-order mark are skipped.
pub fn detect_format(bytes: &[u8]) -> InputFormat {
    if marsad_web::looks_like_warc(bytes) {
        return InputFormat::Warc;
    }
    if marsad_web::looks_like_html(bytes) {
        return InputFormat::Html;
    }
    let content = strip_bom(bytes).trim_ascii_start();
    match content.first() {
        Some(b'[') => InputFormat::Json,
        Some(b'{') if looks_like_jsonl(content) => InputFormat::Jsonl,
        Some(b'{') => InputFormat::Json,
        Some(b'<') if starts_with_ignore_case(content, b"<DOC>") => InputFormat::Trec,
        _ => InputFormat::Text,
    }
}

fn looks_like_jsonl(content: &[u8]) -> bool {
    let mut lines =
        content.split(|&b| b == b'\n').map(<[u8]>::trim_ascii).filter(|l| !l.is_empty());
    let (Some(first), Some(second)) = (lines.next(), lines.next()) else {
        return false;
    };
    let whole = |line: &[u8]| serde_json::from_slice::<serde::de::IgnoredAny>(line).is_ok();
    first.starts_with(b"{") && second.starts_with(b"{") && (whole(first) || whole(second))
}

pub(crate) fn starts_with_ignore_case(hay: &[u8], prefix: &[u8]) -> bool {
    hay.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_format() {
        assert_eq!(detect_format(b"[{\"title\": \"x\"}]"), InputFormat::Json);
        assert_eq!(detect_format(b"\xEF\xBB\xBF  \n[]"), InputFormat::Json);
        assert_eq!(detect_format(b"{\"title\": \"x\"}"), InputFormat::Json);
        assert_eq!(detect_format(b"{\"a\": 1}\n{\"a\": 2}\n"), InputFormat::Jsonl);
        assert_eq!(
            detect_format(b"{\"a\": \n{\"a\": 2}\n"),
            InputFormat::Jsonl,
            "first line broken"
        );
        assert_eq!(detect_format(b"{\n  \"a\": 1\n}\n"), InputFormat::Json, "pretty-printed");
        assert_eq!(detect_format(b"{\n}\n{\n}\n"), InputFormat::Json, "pretty-printed stream");
        assert_eq!(detect_format(b"<DOC>\n<DOCNO>1</DOCNO>"), InputFormat::Trec);
        assert_eq!(detect_format(b"  <doc>"), InputFormat::Trec);
        assert_eq!(detect_format("عنوان الخبر\nنص".as_bytes()), InputFormat::Text);
        assert_eq!(detect_format(b""), InputFormat::Text);
        assert_eq!(detect_format(b"<html>"), InputFormat::Html);
        assert_eq!(detect_format(b"\n<!DOCTYPE html><html>"), InputFormat::Html);
        assert_eq!(detect_format(b"WARC/1.1\r\n"), InputFormat::Warc);
    }

    #[test]
    fn binary_content() {
        assert!(is_binary(b"abc\0def"));
        assert!(is_binary(&[1, 2, 3, 4, 5, b'a']));
        assert!(!is_binary("سطر عربي\r\n\tمع مسافات".as_bytes()));
        assert!(!is_binary(b""));
        // A NUL past the sample is not looked at.
        let mut late = vec![b'a'; BINARY_SAMPLE];
        late.push(0);
        assert!(!is_binary(&late));
    }
}
