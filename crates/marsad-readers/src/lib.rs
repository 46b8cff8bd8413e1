//! Readers that turn news files into [`Article`]s.
//!
//! Four formats are understood, and [`detect_format`] tells them apart by content:
//!
//! - **text**: a news page saved as plain text: headline, dateline, body paragraphs, a source
//!   line (`المصدر | …`), a tag block (`كلمات مفتاحية` and a line of tags) and related
//!   headlines. See [`InputFormat::Text`].
//! - **json**: one object, several concatenated objects, or an array of objects, with
//!   fields such as `title`, `content`, `date`. See [`InputFormat::Json`].
//! - **jsonl**: one JSON object per line. See [`InputFormat::Jsonl`].
//! - **trec**: `<DOC>` … `</DOC>` documents with `<DOCNO>`, `<TITLE>`, `<TIME>`, `<TEXT>`.
//!   See [`InputFormat::Trec`].
//!
//! Bad input never panics and never loses the good records around it: every problem is a
//! [`ReadError`] in the returned list, next to the articles that could be read, and names
//! the file and the record or byte where it happened.

mod body;
mod detect;
mod json;
mod text;
mod timestamp;
mod trec;
mod walk;

use std::fmt;
use std::str::FromStr;

use marsad_doc::{Article, Origin};

pub use detect::detect_format;
pub use timestamp::parse_timestamp;
pub use walk::{read_inputs, read_path};

/// The format of an input, or [`InputFormat::Auto`] to detect it from the content.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// Decide per file with [`detect_format`].
    #[default]
    Auto,
    /// A news page as plain text, one article per file. Non-empty lines are, in order: the
    /// headline; a dateline (`السبت 8 يناير 2022 11:47 ص`) anywhere, taken as the publication
    /// time; body paragraphs; a source line (`المصدر | الحرة`, `المصدر: …`); a tag block
    /// header (`كلمات مفتاحية`, `الوسوم`, `Tags`, …) followed by a line of tags (or one tag a
    /// line); and after the tags, short lines taken as related headlines. Any part may be
    /// missing. [`Article::text`] is the whole file (without a byte-order mark), so every
    /// offset points into the file.
    Text,
    /// A JSON object, a stream of objects, or an array of objects. Fields (first present
    /// wins): `id`; `url`/`link`; `source`/`site`; `title`/`headline`;
    /// `body`/`content`/`text`; `published`/`date`/`date_extracted`/`datetime`;
    /// `tags`/`keywords` (array or comma-separated string); `related` (array).
    /// [`Article::text`] is the body as decoded; paragraphs are its non-empty lines.
    Json,
    /// One JSON object per line, fields as for [`InputFormat::Json`]. The record number of
    /// each article and error is its line number.
    Jsonl,
    /// TREC-style `<DOC>` documents, one or many per file: `DOCNO` → id, `URL`, `SRC` →
    /// source, `TITLE` → headline, `TIME` → published, `TEXT` → text and paragraphs. The
    /// markup is found by its tags; the text is taken as is, without XML unescaping.
    Trec,
    /// One HTML page (any charset): metadata and the article body without boilerplate,
    /// see [`marsad_web::read_page`]. [`Article::text`] is the extracted body.
    Html,
    /// A WARC crawl (plain or gzipped): every HTML response is a page as for
    /// [`InputFormat::Html`]; files are streamed record by record.
    Warc,
}

impl InputFormat {
    /// The names [`FromStr`] accepts, in the order of the variants.
    pub const NAMES: [&'static str; 7] = ["auto", "text", "json", "jsonl", "trec", "html", "warc"];

    /// The name of this format, as [`FromStr`] accepts it.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Auto => "auto",
            InputFormat::Text => "text",
            InputFormat::Json => "json",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Trec => "trec",
            InputFormat::Html => "html",
            InputFormat::Warc => "warc",
        }
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for InputFormat {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(InputFormat::Auto),
            "text" | "txt" => Ok(InputFormat::Text),
            "json" => Ok(InputFormat::Json),
            "jsonl" | "ndjson" => Ok(InputFormat::Jsonl),
            "trec" => Ok(InputFormat::Trec),
            "html" | "htm" => Ok(InputFormat::Html),
            "warc" => Ok(InputFormat::Warc),
            _ => Err(UnknownFormat(s.to_owned())),
        }
    }
}

/// The error of parsing an [`InputFormat`] name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown input format {:?} (expected one of: {})",
            self.0,
            InputFormat::NAMES.join(", ")
        )
    }
}

impl std::error::Error for UnknownFormat {}

/// A problem with one file or one record of a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// The file and, in multi-record files, the record (1-based; in JSON Lines the line).
    pub origin: Origin,
    /// Where in the file the problem is, when known.
    pub byte_offset: Option<usize>,
    pub message: String,
}

impl ReadError {
    pub(crate) fn new(origin: Origin, message: impl Into<String>) -> Self {
        ReadError { origin, byte_offset: None, message: message.into() }
    }

    /// An error about a whole file.
    pub(crate) fn file(path: &str, message: impl Into<String>) -> Self {
        ReadError::new(origin(path, None), message)
    }

    pub(crate) fn at_byte(mut self, offset: usize) -> Self {
        self.byte_offset = Some(offset);
        self
    }
}

/// `path (record 12): message`, `path (byte 1234): message`, both, or `path: message`.
impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = &self.origin.path;
        match (self.origin.record, self.byte_offset) {
            (Some(r), Some(b)) => write!(f, "{path} (record {r}, byte {b}): {}", self.message),
            (Some(r), None) => write!(f, "{path} (record {r}): {}", self.message),
            (None, Some(b)) => write!(f, "{path} (byte {b}): {}", self.message),
            (None, None) => write!(f, "{path}: {}", self.message),
        }
    }
}

impl std::error::Error for ReadError {}

pub(crate) fn origin(path: &str, record: Option<usize>) -> Origin {
    Origin { path: path.to_owned(), record }
}

/// Reads the articles of one file's content. `path_label` names the file in origins, ids
/// and errors. [`InputFormat::Auto`] detects the format with [`detect_format`].
///
/// Empty and binary content give one error; otherwise each record gives an article or an
/// error, in file order.
pub fn read_bytes(
    path_label: &str,
    bytes: &[u8],
    format: InputFormat,
) -> Vec<Result<Article, ReadError>> {
    if detect::is_blank(bytes) {
        return vec![Err(ReadError::file(path_label, "empty file"))];
    }
    if format == InputFormat::Warc
        || (format == InputFormat::Auto && marsad_web::looks_like_warc(bytes))
    {
        return read_warc(path_label, bytes).collect();
    }
    if detect::is_binary(bytes) {
        return vec![Err(ReadError::file(path_label, "binary file, not an article"))];
    }
    let format = match format {
        InputFormat::Auto => detect_format(bytes),
        forced => forced,
    };
    match format {
        InputFormat::Text | InputFormat::Auto => vec![text::read_page(path_label, bytes)],
        InputFormat::Json => json::read_json(path_label, bytes),
        InputFormat::Jsonl => json::read_jsonl(path_label, bytes),
        InputFormat::Trec => trec::read_trec(path_label, bytes),
        InputFormat::Html => vec![
            marsad_web::read_page(bytes, None, None, origin(path_label, None))
                .map_err(|e| web_error(path_label, e)),
        ],
        InputFormat::Warc => read_warc(path_label, bytes).collect(),
    }
}

/// Streams the articles of a WARC file from `input`, record by record, in constant memory.
pub fn read_warc<R: std::io::Read>(
    path_label: &str,
    input: R,
) -> impl Iterator<Item = Result<Article, ReadError>> + use<R> {
    let label = path_label.to_owned();
    marsad_web::WarcReader::new(input, path_label).map(move |r| r.map_err(|e| web_error(&label, e)))
}

/// A [`marsad_web::WebError`] as a [`ReadError`]: record number, byte offset and the URL
/// in the message.
fn web_error(path_label: &str, e: marsad_web::WebError) -> ReadError {
    let mut err = ReadError::new(origin(path_label, e.record), e.to_string());
    err.byte_offset = e.offset.and_then(|o| usize::try_from(o).ok());
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for name in InputFormat::NAMES {
            let format: InputFormat = name.parse().unwrap_or(InputFormat::Auto);
            assert_eq!(format.name(), name);
            assert_eq!(format.to_string(), name);
        }
        assert_eq!("JSONL".parse(), Ok(InputFormat::Jsonl));
        let err = "xml".parse::<InputFormat>().err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "unknown input format \"xml\" (expected one of: auto, text, json, jsonl, trec, html, warc)"
            )
        );
    }

    #[test]
    fn error_display() {
        let at = |record, byte| ReadError {
            origin: origin("a.json", record),
            byte_offset: byte,
            message: "record has no body".into(),
        };
        assert_eq!(at(Some(12), None).to_string(), "a.json (record 12): record has no body");
        assert_eq!(at(None, Some(1234)).to_string(), "a.json (byte 1234): record has no body");
        assert_eq!(
            at(Some(3), Some(7)).to_string(),
            "a.json (record 3, byte 7): record has no body"
        );
        assert_eq!(at(None, None).to_string(), "a.json: record has no body");
    }

    #[test]
    fn empty_and_binary() {
        for format in [InputFormat::Auto, InputFormat::Text, InputFormat::Json, InputFormat::Trec] {
            let got = read_bytes("e.txt", b"", format);
            assert_eq!(got, vec![Err(ReadError::file("e.txt", "empty file"))]);
            let got = read_bytes("e.txt", b"\xEF\xBB\xBF \n\t\r\n", format);
            assert_eq!(got, vec![Err(ReadError::file("e.txt", "empty file"))]);
            let got = read_bytes("b.bin", b"\x7FELF\x02\x01\x01\0\0\0\0", format);
            assert_eq!(got, vec![Err(ReadError::file("b.bin", "binary file, not an article"))]);
        }
    }
}
