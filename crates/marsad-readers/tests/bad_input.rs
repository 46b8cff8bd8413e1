//! Bad input: every problem is an error value naming the file and where, nothing panics,
//! and the good records around a bad one survive.

use marsad_readers::{InputFormat, ReadError, read_bytes};

fn errors(records: &[Result<marsad_doc::Article, ReadError>]) -> Vec<String> {
    records.iter().filter_map(|r| r.as_ref().err()).map(ToString::to_string).collect()
}

fn ok_count(records: &[Result<marsad_doc::Article, ReadError>]) -> usize {
    records.iter().filter(|r| r.is_ok()).count()
}

#[test]
fn invalid_utf8_text_page() {
    let mut bytes = "عنوان الخبر\nنص الخبر.".as_bytes().to_vec();
    let at = bytes.len() - 3;
    bytes.insert(at, 0xC3);
    let records = read_bytes("bad.txt", &bytes, InputFormat::Auto);
    assert_eq!(errors(&records), vec![format!("bad.txt (byte {at}): invalid UTF-8")]);
}

#[test]
fn empty_and_binary_files() {
    let records = read_bytes("e.json", b"", InputFormat::Auto);
    assert_eq!(errors(&records), vec!["e.json: empty file"]);
    let records = read_bytes("b.txt", &[0x50, 0x4B, 0x03, 0x04, 0, 0, 8, 0], InputFormat::Auto);
    assert_eq!(errors(&records), vec!["b.txt: binary file, not an article"]);
    let records = read_bytes("c.txt", &[0x01; 64], InputFormat::Text);
    assert_eq!(errors(&records), vec!["c.txt: binary file, not an article"]);
}

#[test]
fn truncated_json_array_keeps_complete_records() {
    let records: Vec<String> = (1..=5)
        .map(|i| format!(r#"{{"title": "خبر {i}", "content": "نص الخبر رقم {i}."}}"#))
        .collect();
    let full = format!("[\n{}\n]", records.join(",\n"));
    let cut = full.len() * 2 / 3;
    let cut = (0..=cut).rev().find(|&i| full.is_char_boundary(i)).unwrap_or(0);
    let truncated = full.get(..cut).unwrap_or_default();
    let read = read_bytes("cut.json", truncated.as_bytes(), InputFormat::Auto);
    let complete = truncated.matches("}").count();
    assert_eq!(ok_count(&read), complete);
    let errs = errors(&read);
    assert_eq!(errs.len(), 1, "{errs:?}");
    let start = truncated.rfind('{').unwrap_or(0);
    assert_eq!(
        errs[0],
        format!(
            "cut.json (record {}, byte {start}): truncated JSON: the file ends inside this record",
            complete + 1
        )
    );
}

#[test]
fn record_without_body() {
    let json =
        r#"[{"title": "أ", "content": "نص."}, {"title": "بلا نص"}, {"title": "ج", "body": "نص."}]"#;
    let records = read_bytes("nb.json", json.as_bytes(), InputFormat::Auto);
    assert_eq!(ok_count(&records), 2);
    assert_eq!(errors(&records), vec!["nb.json (record 2): record has no body"]);
}

#[test]
fn jsonl_bad_line_names_its_line() {
    let jsonl = "{\"content\": \"أ\"}\n{\"content\": \"ب\"\n\n{\"content\": \"ج\"}\n";
    let records = read_bytes("l.jsonl", jsonl.as_bytes(), InputFormat::Jsonl);
    assert_eq!(ok_count(&records), 2);
    let errs = errors(&records);
    assert_eq!(errs.len(), 1);
    assert!(errs[0].starts_with("l.jsonl (record 2, byte "), "{errs:?}");
}

#[test]
fn jsonl_invalid_utf8_fails_only_its_line() {
    let mut jsonl = b"{\"content\": \"a\"}\n{\"content\": \"".to_vec();
    jsonl.extend_from_slice(b"\xE0\x80\"}\n{\"content\": \"b\"}\n");
    let records = read_bytes("u.jsonl", &jsonl, InputFormat::Auto);
    assert_eq!(ok_count(&records), 2);
    assert_eq!(errors(&records).len(), 1);
}

#[test]
fn wrong_forced_format() {
    let records = read_bytes("page.txt", "عنوان\nنص.".as_bytes(), InputFormat::Json);
    assert_eq!(errors(&records), vec!["page.txt (byte 0): not JSON: expected `[` or `{`"]);
    let records = read_bytes("page.txt", "عنوان\nنص.".as_bytes(), InputFormat::Trec);
    assert_eq!(errors(&records), vec!["page.txt: no <DOC> element: not a TREC file"]);
    let records = read_bytes("page.txt", "عنوان\nنص.".as_bytes(), InputFormat::Jsonl);
    assert_eq!(errors(&records).len(), 2, "each line is a bad record");
}

/// 50 MB on one line: linear work, no quadratic scans.
const HUGE: usize = 50 * 1024 * 1024;

#[test]
fn huge_single_line_text_page() {
    let line = "كلمة ".repeat(HUGE / "كلمة ".len());
    let records = read_bytes("huge.txt", line.as_bytes(), InputFormat::Auto);
    let [Ok(article)] = records.as_slice() else { panic!("expected one article") };
    assert_eq!(article.headline.as_deref(), Some(line.trim()));
    assert!(article.paragraphs.is_empty());
    assert_eq!(article.text.len(), line.len());
}

#[test]
fn huge_single_line_jsonl_record() {
    let body = "كلمة ".repeat(HUGE / "كلمة ".len());
    let line =
        format!("{{\"title\": \"عنوان\", \"content\": \"{body}\"}}\n{{\"content\": \"نص\"}}\n");
    let records = read_bytes("huge.jsonl", line.as_bytes(), InputFormat::Auto);
    assert_eq!(ok_count(&records), 2);
    let paragraphs = records.first().and_then(|r| r.as_ref().ok()).map(|a| a.paragraphs.len());
    assert_eq!(paragraphs, Some(1));
}
