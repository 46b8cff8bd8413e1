//! TREC-style `<DOC>` files.
//!
//! The markup is pseudo-XML: text is not escaped, so elements are found by their tags
//! (ASCII case-insensitive) rather than by an XML parser. A missing closing tag is
//! forgiven: `<TEXT>` then runs to the end of its document, other elements to the end of
//! their line. Each document is decoded on its own, so invalid UTF-8 costs one document.

use marsad_doc::Article;

use crate::body::{line_ranges, split_tag_tail};
use crate::detect::starts_with_ignore_case;
use crate::{ReadError, origin, parse_timestamp};

/// Reads every `<DOC>` of a file.
pub(crate) fn read_trec(path: &str, bytes: &[u8]) -> Vec<Result<Article, ReadError>> {
    let docs = documents(bytes);
    if docs.is_empty() {
        return vec![Err(ReadError::file(path, "no <DOC> element: not a TREC file"))];
    }
    let many = docs.len() > 1;
    docs.iter()
        .enumerate()
        .map(|(i, &(start, end))| {
            let record = many.then_some(i + 1);
            let doc = bytes.get(start..end).unwrap_or_default();
            match std::str::from_utf8(doc) {
                Ok(doc) => document(doc, path, record),
                Err(e) => Err(ReadError::new(origin(path, record), "invalid UTF-8")
                    .at_byte(start + e.valid_up_to())),
            }
        })
        .collect()
}

/// The byte ranges of the documents' contents: from after each `<DOC>` to its `</DOC>`, or
/// to the next `<DOC>` or the end of the file when `</DOC>` is missing.
fn documents(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut docs = Vec::new();
    let mut pos = 0;
    while let Some(open) = find_tag(bytes, pos, b"<DOC>") {
        let start = open + b"<DOC>".len();
        let limit = find_tag(bytes, start, b"<DOC>").unwrap_or(bytes.len());
        let within = bytes.get(..limit).unwrap_or(bytes);
        match find_tag(within, start, b"</DOC>") {
            Some(close) => {
                docs.push((start, close));
                pos = close + b"</DOC>".len();
            }
            None => {
                docs.push((start, limit));
                pos = limit;
            }
        }
    }
    docs
}

/// The position of the first `tag` (ASCII case-insensitive) at or after `from`.
fn find_tag(bytes: &[u8], from: usize, tag: &[u8]) -> Option<usize> {
    let hay = bytes.get(from..)?;
    hay.iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'<')
        .map(|(i, _)| i)
        .find(|&i| hay.get(i..).is_some_and(|rest| starts_with_ignore_case(rest, tag)))
        .map(|i| from + i)
}

/// One document's article.
fn document(doc: &str, path: &str, record: Option<usize>) -> Result<Article, ReadError> {
    let origin = origin(path, record);
    let Some(text_at) = find_tag(doc.as_bytes(), 0, b"<TEXT>") else {
        return Err(ReadError::new(origin, "document has no <TEXT>"));
    };
    // Header elements are looked for before <TEXT> only, so the body cannot fake them.
    let header = doc.get(..text_at).unwrap_or_default();
    let field = |name: &str| element(header, name, false).map(str::trim).filter(|s| !s.is_empty());
    let text = element(doc, "TEXT", true).unwrap_or_default().to_owned();
    let url = field("URL").map(str::to_owned);
    let id =
        field("DOCNO").map(str::to_owned).or_else(|| url.clone()).unwrap_or_else(|| match record {
            Some(n) => format!("{path}#{n}"),
            None => path.to_owned(),
        });
    let mut paragraphs = line_ranges(&text);
    let publisher_tags = split_tag_tail(&text, &mut paragraphs);
    Ok(Article {
        id,
        url,
        source: field("SRC").map(str::to_owned),
        headline: field("TITLE").map(str::to_owned),
        published: field("TIME").and_then(parse_timestamp),
        text,
        paragraphs,
        publisher_tags,
        related_headlines: Vec::new(),
        origin,
        ..Article::default()
    })
}

/// The content of the first element `name` of `doc`, up to its closing tag; without one, up
/// to the end of `doc` (`to_end`) or of the line.
fn element<'d>(doc: &'d str, name: &str, to_end: bool) -> Option<&'d str> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let bytes = doc.as_bytes();
    let start = find_tag(bytes, 0, open.as_bytes())? + open.len();
    let end = match find_tag(bytes, start, close.as_bytes()) {
        Some(end) => end,
        None if to_end => doc.len(),
        None => doc.get(start..)?.find('\n').map_or(doc.len(), |i| start + i),
    };
    doc.get(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "<DOC>
<DOCNO>XX-sport-1-20200105</DOCNO>
<URL>https://example.org/sport/1</URL>
<SRC>Example</SRC>
<CAT>sport</CAT>
<TITLE>الفريق يفوز بالبطولة</TITLE>
<TIME>Sun, 05 Jan 2020 18:30:00 +0300</TIME>
<AUTHOR></AUTHOR>
<ABSTRACT>
فاز الفريق بالبطولة.
</ABSTRACT>
<TEXT>
فاز الفريق بالبطولة بعد مباراة صعبة.
وقال المدرب إن <اللاعبين> قدموا أداء رائعا & مميزا.
</TEXT>
</DOC>
";

    #[test]
    fn one_document() {
        let records = read_trec("d.txt", DOC.as_bytes());
        let [Ok(a)] = records.as_slice() else { panic!("{records:?}") };
        assert_eq!(a.id, "XX-sport-1-20200105");
        assert_eq!(a.url.as_deref(), Some("https://example.org/sport/1"));
        assert_eq!(a.source.as_deref(), Some("Example"));
        assert_eq!(a.headline.as_deref(), Some("الفريق يفوز بالبطولة"));
        assert_eq!(
            a.published.map(|p| p.to_string()).as_deref(),
            Some("2020-01-05T18:30:00+03:00")
        );
        assert!(a.text.starts_with('\n'), "text is the element content as is");
        assert_eq!(
            a.paragraph_texts().collect::<Vec<_>>(),
            vec![
                "فاز الفريق بالبطولة بعد مباراة صعبة.",
                "وقال المدرب إن <اللاعبين> قدموا أداء رائعا & مميزا."
            ]
        );
        assert_eq!(a.origin, origin("d.txt", None));
    }

    #[test]
    fn many_documents_and_a_bad_one() {
        let bad = DOC.replace("<TEXT>", "<BODY>");
        let file = format!("{DOC}{bad}{}", DOC.replace("XX-sport-1", "XX-sport-3"));
        let records = read_trec("m.trec", file.as_bytes());
        assert_eq!(records.len(), 3);
        assert_eq!(records[0].as_ref().map(|a| a.origin.record).ok(), Some(Some(1)));
        assert_eq!(
            records[1].as_ref().err().map(ToString::to_string).as_deref(),
            Some("m.trec (record 2): document has no <TEXT>")
        );
        assert_eq!(records[2].as_ref().map(|a| a.id.as_str()).ok(), Some("XX-sport-3-20200105"));
    }

    #[test]
    fn missing_closing_tags_are_forgiven() {
        let doc = "<doc>\n<docno>7\n<title>عنوان\n<text>\nنص أول.\nنص ثان.";
        let records = read_trec("o.trec", doc.as_bytes());
        let [Ok(a)] = records.as_slice() else { panic!("{records:?}") };
        assert_eq!(a.id, "7");
        assert_eq!(a.headline.as_deref(), Some("عنوان"));
        assert_eq!(a.paragraph_texts().count(), 2);
    }

    #[test]
    fn invalid_utf8_costs_one_document() {
        let mut file = DOC.as_bytes().to_vec();
        let second_start = file.len();
        file.extend_from_slice(DOC.as_bytes());
        let title = second_start + DOC.find("الفريق").unwrap_or_default();
        file[title] = 0xFF;
        let records = read_trec("u.trec", &file);
        assert!(records[0].is_ok());
        assert_eq!(records[1].as_ref().err().and_then(|e| e.byte_offset), Some(title));
    }

    #[test]
    fn no_documents() {
        let records = read_trec("n.trec", "نص بلا وسوم".as_bytes());
        assert_eq!(
            records[0].as_ref().err().map(|e| e.message.as_str()),
            Some("no <DOC> element: not a TREC file")
        );
    }
}
