//! JSON and JSON Lines records.
//!
//! Arrays are read one element at a time, so a bad record costs only itself; a syntax error
//! or a file cut short ends the array with one error naming the byte where it happened.

use marsad_doc::Article;
use serde_json::{Deserializer, Map, Value};

use crate::body::{line_ranges, split_tag_list, split_tag_tail};
use crate::detect::strip_bom;
use crate::{ReadError, origin, parse_timestamp};

const ID: &[&str] = &["id", "_id", "docno"];
const URL: &[&str] = &["url", "link"];
const SOURCE: &[&str] = &["source", "site"];
const HEADLINE: &[&str] = &["title", "headline"];
const BODY: &[&str] = &["body", "content", "text", "articleBody"];
const PUBLISHED: &[&str] = &["published", "date", "date_extracted", "datetime", "date_published"];
const TAGS: &[&str] = &["tags", "keywords"];
const RELATED: &[&str] = &["related", "related_headlines"];

type Record = Result<Article, ReadError>;

/// Reads a JSON file: an array of records, or one or more concatenated records.
pub(crate) fn read_json(path: &str, bytes: &[u8]) -> Vec<Record> {
    let offset = bytes.len() - strip_bom(bytes).len();
    let start = skip_whitespace(bytes, offset);
    match bytes.get(start) {
        Some(b'[') => read_array(path, bytes, start + 1),
        Some(_) => read_stream(path, bytes, start),
        None => vec![Err(ReadError::file(path, "empty file"))],
    }
}

/// Reads the elements of an array whose `[` ends at `pos`.
fn read_array(path: &str, bytes: &[u8], mut pos: usize) -> Vec<Record> {
    let mut out = Vec::new();
    let mut record = 0;
    loop {
        pos = skip_whitespace(bytes, pos);
        match bytes.get(pos) {
            None => {
                out.push(Err(
                    ReadError::file(path, "truncated JSON: the array is not closed").at_byte(pos)
                ));
                break;
            }
            Some(b']') => {
                let after = skip_whitespace(bytes, pos + 1);
                if after < bytes.len() {
                    out.push(Err(ReadError::file(path, "unexpected data after the JSON array")
                        .at_byte(after)));
                }
                break;
            }
            Some(_) => {}
        }
        record += 1;
        let rest = bytes.get(pos..).unwrap_or_default();
        let mut values = Deserializer::from_slice(rest).into_iter::<Value>();
        match values.next() {
            Some(Ok(value)) => {
                out.push(article(value, path, Some(record)));
                pos += values.byte_offset();
            }
            Some(Err(e)) => {
                out.push(Err(syntax_error(path, Some(record), pos, rest, &e)));
                break;
            }
            None => {
                out.push(Err(
                    ReadError::file(path, "truncated JSON: the array is not closed").at_byte(pos)
                ));
                break;
            }
        }
        pos = skip_whitespace(bytes, pos);
        match bytes.get(pos) {
            Some(b',') => pos += 1,
            Some(b']') | None => {}
            Some(_) => {
                let message = "invalid JSON: expected `,` or `]` after the record";
                out.push(Err(ReadError::new(origin(path, Some(record)), message).at_byte(pos)));
                break;
            }
        }
    }
    out
}

/// Reads one record, or several concatenated ones, starting at `start`.
fn read_stream(path: &str, bytes: &[u8], start: usize) -> Vec<Record> {
    let rest = bytes.get(start..).unwrap_or_default();
    if rest.first() != Some(&b'{') {
        let message = "not JSON: expected `[` or `{`";
        return vec![Err(ReadError::file(path, message).at_byte(start))];
    }
    let mut out = Vec::new();
    let mut values = Deserializer::from_slice(rest).into_iter::<Value>();
    let mut record = 0;
    let mut single = false;
    loop {
        let value_start = skip_whitespace(rest, values.byte_offset());
        let Some(next) = values.next() else {
            break;
        };
        record += 1;
        if record == 1 {
            single = rest.get(values.byte_offset()..).is_none_or(|r| r.trim_ascii().is_empty());
        }
        let number = (!single).then_some(record);
        match next {
            Ok(value) => out.push(article(value, path, number)),
            Err(e) => {
                let at = rest.get(value_start..).unwrap_or_default();
                out.push(Err(syntax_error(path, number, start + value_start, at, &e)));
                break;
            }
        }
    }
    out
}

/// Reads JSON Lines: one record a line, blank lines skipped. Record numbers are line numbers.
pub(crate) fn read_jsonl(path: &str, bytes: &[u8]) -> Vec<Record> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let number = i + 1;
        let bom = if i == 0 { line.len() - strip_bom(line).len() } else { 0 };
        let content = line.get(bom..).unwrap_or_default();
        let lead = content.len() - content.trim_ascii_start().len();
        let json = content.trim_ascii();
        let json_start = line_start + bom + lead;
        line_start += line.len() + 1;
        if json.is_empty() {
            continue;
        }
        out.push(match serde_json::from_slice::<Value>(json) {
            Ok(value) => article(value, path, Some(number)),
            Err(e) => {
                let at = json_start + error_offset(json, &e);
                let message = format!("invalid JSON: {}", error_message(&e));
                Err(ReadError::new(origin(path, Some(number)), message).at_byte(at))
            }
        });
    }
    out
}

/// The error for a record starting at byte `start` of the file, whose text is `rest`.
fn syntax_error(
    path: &str,
    record: Option<usize>,
    start: usize,
    rest: &[u8],
    e: &serde_json::Error,
) -> ReadError {
    let origin = origin(path, record);
    if e.is_eof() {
        ReadError::new(origin, "truncated JSON: the file ends inside this record").at_byte(start)
    } else {
        let message = format!("invalid JSON: {}", error_message(e));
        ReadError::new(origin, message).at_byte(start + error_offset(rest, e))
    }
}

/// serde_json's message without its `at line L column C`, which would count from the
/// record rather than the file.
fn error_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(at) => full.get(..at).unwrap_or(&full).to_owned(),
        None => full,
    }
}

/// The byte offset in `text` of the line and column an error names.
fn error_offset(text: &[u8], e: &serde_json::Error) -> usize {
    let line_start = if e.line() <= 1 {
        0
    } else {
        text.iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'\n')
            .nth(e.line() - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (line_start + e.column().saturating_sub(1)).min(text.len())
}

fn skip_whitespace(bytes: &[u8], mut pos: usize) -> usize {
    while bytes.get(pos).is_some_and(u8::is_ascii_whitespace) {
        pos += 1;
    }
    pos
}

/// Turns one record into an article.
fn article(value: Value, path: &str, record: Option<usize>) -> Record {
    let origin = origin(path, record);
    let Value::Object(mut fields) = value else {
        return Err(ReadError::new(origin, "record is not an object"));
    };
    let text = match body(&mut fields) {
        Ok(Some(text)) => text,
        Ok(None) => return Err(ReadError::new(origin, "record has no body")),
        Err(field) => {
            return Err(ReadError::new(origin, format!("field `{field}` is not a string")));
        }
    };
    let url = string(&mut fields, URL);
    let id = string(&mut fields, ID).or_else(|| url.clone()).unwrap_or_else(|| match record {
        Some(n) => format!("{path}#{n}"),
        None => path.to_owned(),
    });
    let published =
        PUBLISHED.iter().filter_map(|key| fields.get(*key)?.as_str()).find_map(parse_timestamp);
    let mut paragraphs = line_ranges(&text);
    let mut publisher_tags = tags(&mut fields);
    for tag in split_tag_tail(&text, &mut paragraphs) {
        if !publisher_tags.contains(&tag) {
            publisher_tags.push(tag);
        }
    }
    Ok(Article {
        id,
        url,
        source: string(&mut fields, SOURCE),
        headline: string(&mut fields, HEADLINE),
        published,
        text,
        paragraphs,
        publisher_tags,
        related_headlines: related(&mut fields),
        origin,
        ..Article::default()
    })
}

/// The body: the first of [`BODY`] that is present and not null. A list of strings is
/// joined with newlines. `Err` names a body field of another type.
fn body(fields: &mut Map<String, Value>) -> Result<Option<String>, &'static str> {
    let Some((key, value)) =
        BODY.iter().find_map(|&key| Some((key, fields.remove(key).filter(|v| !v.is_null())?)))
    else {
        return Ok(None);
    };
    match value {
        Value::String(text) => Ok(Some(text)),
        Value::Array(items) => {
            let lines: Option<Vec<String>> = items
                .into_iter()
                .map(|v| match v {
                    Value::String(s) => Some(s),
                    _ => None,
                })
                .collect();
            lines.map(|lines| Some(lines.join("\n"))).ok_or(key)
        }
        _ => Err(key),
    }
}

/// The first of `keys` holding a non-empty string (or a number), trimmed.
fn string(fields: &mut Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|&key| match fields.remove(key)? {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// Tags from an array of strings or a comma-separated string.
fn tags(fields: &mut Map<String, Value>) -> Vec<String> {
    let Some(value) = TAGS.iter().find_map(|&key| fields.remove(key)) else {
        return Vec::new();
    };
    match value {
        Value::String(s) => split_tag_list(&s),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// Related headlines from an array of strings or of objects with a `title`/`headline`.
fn related(fields: &mut Map<String, Value>) -> Vec<String> {
    let Some(Value::Array(items)) = RELATED.iter().find_map(|&key| fields.remove(key)) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| match item {
            Value::String(s) => Some(s.as_str()),
            Value::Object(o) => HEADLINE.iter().find_map(|&key| o.get(key)?.as_str()),
            _ => None,
        })
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oks(records: &[Record]) -> Vec<&Article> {
        records.iter().filter_map(|r| r.as_ref().ok()).collect()
    }

    fn errors(records: &[Record]) -> Vec<String> {
        records.iter().filter_map(|r| r.as_ref().err()).map(ToString::to_string).collect()
    }

    #[test]
    fn one_object_with_every_field() {
        let json = r#"{"id": 7, "link": "https://example.org/a", "site": "مثال",
            "headline": "عنوان", "body": "فقرة أولى.\n\n  فقرة ثانية.  \n",
            "date": "2022-01-08T11:47:00+03:00", "keywords": "اقتصاد، نفط خام",
            "related": ["خبر آخر", {"title": "خبر ثالث"}, 5]}"#;
        let records = read_json("a.json", json.as_bytes());
        let [Ok(a)] = records.as_slice() else { panic!("{records:?}") };
        assert_eq!(a.id, "7");
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.source.as_deref(), Some("مثال"));
        assert_eq!(a.headline.as_deref(), Some("عنوان"));
        assert_eq!(a.text, "فقرة أولى.\n\n  فقرة ثانية.  \n");
        assert_eq!(a.paragraph_texts().collect::<Vec<_>>(), vec!["فقرة أولى.", "فقرة ثانية."]);
        assert_eq!(
            a.published.map(|p| p.to_string()).as_deref(),
            Some("2022-01-08T11:47:00+03:00")
        );
        assert_eq!(a.publisher_tags, vec!["اقتصاد", "نفط خام"]);
        assert_eq!(a.related_headlines, vec!["خبر آخر", "خبر ثالث"]);
        assert_eq!(a.origin, origin("a.json", None));
    }

    #[test]
    fn ids_fall_back_to_url_then_position() {
        let json = r#"[{"content": "نص", "url": "u1"}, {"content": "نص"}]"#;
        let records = read_json("a.json", json.as_bytes());
        let ids: Vec<&str> = oks(&records).iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, vec!["u1", "a.json#2"]);
    }

    #[test]
    fn bad_records_do_not_lose_the_others() {
        let json =
            r#"[{"content": "أ"}, 42, {"title": "بلا نص"}, {"content": 5}, {"content": "ب"}]"#;
        let records = read_json("a.json", json.as_bytes());
        assert_eq!(oks(&records).len(), 2);
        assert_eq!(
            errors(&records),
            vec![
                "a.json (record 2): record is not an object",
                "a.json (record 3): record has no body",
                "a.json (record 4): field `content` is not a string",
            ]
        );
    }

    #[test]
    fn truncated_array() {
        let json = r#"[{"content": "أ"}, {"content": "ب"}, {"content": "ج"#;
        let records = read_json("cut.json", json.as_bytes());
        assert_eq!(oks(&records).len(), 2);
        let start = json.rfind('{').unwrap_or_default();
        assert_eq!(
            errors(&records),
            vec![format!(
                "cut.json (record 3, byte {start}): truncated JSON: the file ends inside this record"
            )]
        );
        let records = read_json("cut.json", br#"[{"content": "x"},"#);
        assert_eq!(
            errors(&records),
            vec!["cut.json (byte 18): truncated JSON: the array is not closed"]
        );
    }

    #[test]
    fn syntax_error_names_the_byte() {
        let json = "[{\"content\": \"x\"},\n {\"content\": }]";
        let records = read_json("s.json", json.as_bytes());
        assert_eq!(oks(&records).len(), 1);
        let at = json.find('}').map(|i| i + json[i + 1..].find('}').unwrap_or(0) + 1);
        assert_eq!(
            errors(&records),
            vec![format!(
                "s.json (record 2, byte {}): invalid JSON: expected value",
                at.unwrap_or(0)
            )]
        );
    }

    #[test]
    fn concatenated_objects_are_records() {
        let records = read_json("c.json", b"{\"content\": \"a\"}\n{\"content\": \"b\"}");
        let records: Vec<_> = oks(&records).iter().map(|a| a.origin.record).collect();
        assert_eq!(records, vec![Some(1), Some(2)]);
    }

    #[test]
    fn not_json() {
        let records = read_json("t.txt", "نص عادي".as_bytes());
        assert_eq!(errors(&records), vec!["t.txt (byte 0): not JSON: expected `[` or `{`"]);
    }

    #[test]
    fn jsonl_bad_lines_are_errors() {
        let mut jsonl = b"{\"content\": \"a\"}\n\n{\"content\": \n[1]\n{\"content\": \"".to_vec();
        jsonl.extend_from_slice(b"\xFF\"}\r\n{\"content\": \"b\"}");
        let records = read_jsonl("l.jsonl", &jsonl);
        let lines: Vec<_> = oks(&records).iter().map(|a| a.origin.record).collect();
        assert_eq!(lines, vec![Some(1), Some(6)]);
        let errs = errors(&records);
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(errs[0].starts_with("l.jsonl (record 3, byte 2"), "{errs:?}");
        assert!(errs[0].contains("invalid JSON: EOF while parsing"), "{errs:?}");
        assert_eq!(errs[1], "l.jsonl (record 4): record is not an object");
        assert!(errs[2].starts_with("l.jsonl (record 5, byte "), "{errs:?}");
    }

    #[test]
    fn tag_tail_adds_to_record_tags() {
        let json = r#"{"content": "نص الخبر. سمات مصر اقتصاد", "tags": ["مصر"]}"#;
        let records = read_json("t.json", json.as_bytes());
        let [Ok(a)] = records.as_slice() else { panic!("{records:?}") };
        assert_eq!(a.publisher_tags, vec!["مصر", "اقتصاد"]);
        assert_eq!(a.paragraph_texts().collect::<Vec<_>>(), vec!["نص الخبر."]);
    }
}
