//! News from the web: article extraction from HTML pages and streaming WARC reading.
//!
//! - [`read_page`] turns one HTML page (bytes in any charset) into an [`Article`]: headline,
//!   published and modified time, author, section, publisher tags, body paragraphs without
//!   boilerplate, related headlines, canonical URL and language.
//! - [`WarcReader`] streams the records of a WARC file (1.0/1.1, plain, whole-file gzip or
//!   per-record gzip) from any [`std::io::Read`], in constant memory, and yields each HTML
//!   response as an [`Article`] or a [`WebError`] carrying the record's offset and URL.
//! - [`score`] is the article-extraction-benchmark's precision/recall/F1.
//!
//! The parser ([`dom`]) and extractor are our own: see ARCHITECTURE.md for the figures that
//! chose them over the crates.io extractors.

pub mod benchmark;
pub mod charset;
pub mod dom;
mod extract;
mod meta;
pub mod score;
mod warc;

use std::fmt;

use marsad_doc::{Article, Origin, TextRange};

pub use meta::{PageMeta, parse_time};
pub use warc::{WarcReader, WarcStats};

/// Pages larger than this are an error, not an article.
pub const MAX_PAGE_BYTES: usize = 16 << 20;

/// A problem with one page or one WARC record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebError {
    /// The record number in a WARC file (1-based), none for a single page.
    pub record: Option<usize>,
    /// Where the record starts in the file (for gzipped WARCs, its gzip member).
    pub offset: Option<u64>,
    /// The record's target URL, when known.
    pub url: Option<String>,
    pub message: String,
}

impl WebError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        WebError { record: None, offset: None, url: None, message: message.into() }
    }
}

impl fmt::Display for WebError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(url) = &self.url {
            write!(f, "{url}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for WebError {}

/// The extracted content of a page, before it becomes an [`Article`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub meta: PageMeta,
    pub paragraphs: Vec<String>,
    /// A dateline found in the page's visible text.
    pub dateline: Option<marsad_doc::Published>,
}

impl Page {
    /// The body as one string, paragraphs separated by blank lines.
    pub fn body(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

/// Parses `html` and extracts metadata and body paragraphs.
pub fn extract(html: &str) -> Result<Page, WebError> {
    let dom = dom::Dom::parse(html).map_err(|e| match e {
        dom::ParseError::TooDeep => {
            WebError::new(format!("tags nested deeper than {}", dom::MAX_DEPTH))
        }
        dom::ParseError::TooLarge => WebError::new("page too large"),
    })?;
    let measure = extract::measure(&dom);
    let roots = extract::main_content(&dom, &measure);
    let paragraphs = extract::paragraphs(&dom, &measure, &roots);
    let meta = meta::read(&dom, &measure);
    let dateline = if meta.published.is_none() { find_dateline(&dom) } else { None };
    Ok(Page { meta, paragraphs, dateline })
}

/// The first short visible text that reads as an Arabic dateline.
fn find_dateline(dom: &dom::Dom) -> Option<marsad_doc::Published> {
    let mut tried = 0;
    for i in 0..dom.nodes.len() {
        let Some(dom::Kind::Text { raw: false, .. }) = dom.nodes.get(i).map(|n| n.kind) else {
            continue;
        };
        let text = dom.text(i as dom::NodeId);
        let text = text.trim();
        if text.is_empty()
            || text.len() > 200
            || !text.chars().any(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c))
        {
            continue;
        }
        tried += 1;
        if tried > 400 {
            break;
        }
        if let Some(dt) = marsad_time::parse_dateline(text) {
            return Some(marsad_doc::Published::local(dt));
        }
    }
    None
}

/// `ar` when Arabic letters are most of the letters of `text`.
pub fn is_arabic(text: &str) -> bool {
    let (mut arabic, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if ('\u{0600}'..='\u{06FF}').contains(&c)
            || ('\u{0750}'..='\u{077F}').contains(&c)
            || ('\u{FB50}'..='\u{FEFF}').contains(&c)
        {
            arabic += 1;
        }
    }
    letters > 0 && arabic * 2 >= letters
}

/// Reads one HTML page into an [`Article`]. `url` is where the page came from (a WARC
/// record's target URI), `content_type` the HTTP `Content-Type` if any; `origin` names the
/// file (and record) for ids and errors.
///
/// [`Article::text`] is the extracted body, paragraphs separated by blank lines, and
/// [`Article::paragraphs`] point into it. A page with no body text is an error.
pub fn read_page(
    bytes: &[u8],
    url: Option<&str>,
    content_type: Option<&str>,
    origin: Origin,
) -> Result<Article, WebError> {
    let with_url = |mut e: WebError| {
        e.url = url.map(str::to_owned);
        e
    };
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(with_url(WebError::new(format!(
            "page is {} bytes, over the {} byte limit",
            bytes.len(),
            MAX_PAGE_BYTES
        ))));
    }
    let http_charset = content_type.and_then(charset::from_content_type);
    let (html, _, _) = charset::decode(bytes, http_charset).map_err(|e| {
        with_url(WebError::new(format!(
            "charset {} declared, but {} byte sequences are not {}",
            e.declared, e.malformed, e.declared
        )))
    })?;
    let page = extract(&html).map_err(with_url)?;
    let mut text = String::new();
    let mut paragraphs = Vec::with_capacity(page.paragraphs.len());
    for p in &page.paragraphs {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(p);
        paragraphs.push(TextRange::new(start, text.len()));
    }
    if paragraphs.is_empty() {
        return Err(with_url(WebError::new("no article text found in the page")));
    }
    let meta = page.meta;
    let language = if is_arabic(&text) {
        "ar".to_owned()
    } else {
        match meta.declared_language.as_deref() {
            Some(lang) if lang != "ar" => lang.to_owned(),
            _ => "und".to_owned(),
        }
    };
    let url = url.map(str::to_owned).or_else(|| meta.canonical_url.clone());
    let id = url.clone().unwrap_or_else(|| origin.to_string());
    Ok(Article {
        id,
        url,
        source: meta.site,
        headline: meta.headline,
        published: meta.published.or(page.dateline),
        text,
        paragraphs,
        publisher_tags: meta.tags,
        related_headlines: meta.related,
        origin,
        author: meta.author,
        section: meta.section,
        modified: meta.modified,
        canonical_url: meta.canonical_url,
        language: Some(language),
    })
}

/// Whether `bytes` start like an HTML page (`<!doctype html`, `<html`, or a comment or
/// `<head>` before them), after a byte-order mark and whitespace.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes).trim_ascii_start();
    let head = b.get(..64).unwrap_or(b).to_ascii_lowercase();
    head.starts_with(b"<!doctype html")
        || head.starts_with(b"<html")
        || head.starts_with(b"<head")
        || (head.starts_with(b"<!--")
            && memchr::memmem::find(&b.get(..2048).unwrap_or(b).to_ascii_lowercase(), b"<html")
                .is_some())
}

/// Whether `bytes` start like a WARC file: `WARC/1.` plain, or a gzip member whose first
/// bytes decompress to `WARC/1.`.
pub fn looks_like_warc(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"WARC/1.") {
        return true;
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        use std::io::Read;
        let mut head = [0u8; 7];
        let mut decoder = flate2::read::GzDecoder::new(bytes);
        return decoder.read_exact(&mut head).is_ok() && &head == b"WARC/1.";
    }
    false
}

/// Development aid: the chosen content roots as `tag.class#id (text chars)`.
#[doc(hidden)]
pub fn debug_roots(html: &str) -> Vec<String> {
    let Ok(dom) = dom::Dom::parse(html) else { return Vec::new() };
    let m = extract::measure(&dom);
    extract::main_content(&dom, &m)
        .into_iter()
        .map(|id| {
            let mut chain = String::new();
            let mut cur = id;
            while cur != dom::NONE {
                chain.push_str(&format!(
                    "{}.{}#{}[{}{}] < ",
                    dom.name(cur),
                    dom.attr_raw(cur, "class").unwrap_or(""),
                    dom.attr_raw(cur, "id").unwrap_or(""),
                    m.text.get(cur as usize).copied().unwrap_or(0),
                    if m.pruned.get(cur as usize).copied().unwrap_or(false) {
                        " PRUNED"
                    } else {
                        ""
                    }
                ));
                cur = dom.node(cur).map_or(dom::NONE, |n| n.parent);
            }
            chain
        })
        .collect()
}

/// Development aid: the element tree to `depth`, with text counts.
#[doc(hidden)]
pub fn debug_tree(html: &str, depth: usize) -> String {
    let Ok(dom) = dom::Dom::parse(html) else { return String::new() };
    let m = extract::measure(&dom);
    let mut out = String::new();
    let mut stack = vec![(0u32, 0usize)];
    while let Some((id, d)) = stack.pop() {
        if dom.tag(id).is_some() || id == 0 {
            out.push_str(&format!(
                "{}{}.{}#{} [{}{}]\n",
                "  ".repeat(d),
                dom.name(id),
                dom.attr_raw(id, "class")
                    .unwrap_or("")
                    .get(..40.min(dom.attr_raw(id, "class").unwrap_or("").len()))
                    .unwrap_or(""),
                dom.attr_raw(id, "id").unwrap_or(""),
                m.text.get(id as usize).copied().unwrap_or(0),
                if m.pruned.get(id as usize).copied().unwrap_or(false) { " P" } else { "" }
            ));
        }
        if d < depth {
            let kids: Vec<u32> = dom.children(id).collect();
            for k in kids.into_iter().rev() {
                stack.push((k, d + 1));
            }
        }
    }
    out
}
