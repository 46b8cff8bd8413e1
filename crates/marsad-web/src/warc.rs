//! Streaming WARC reading: records one at a time from any [`Read`], in constant memory.
//!
//! WARC 1.0 and 1.1; plain, whole-file gzip and per-record gzip (a file is a series of
//! gzip members, each holding one or more records). `response` records whose block is an
//! HTTP response with an HTML payload become [`Article`]s; other records are skipped and
//! counted in [`WarcStats`]. Each bad record (malformed headers, an HTTP block that does
//! not parse, a page over [`MAX_PAGE_BYTES`], a lying charset, …) is a [`WebError`] with
//! the record's number, offset and URL, and reading goes on with the next record. A
//! truncated or corrupt gzip member ends its records; reading resumes at the next gzip
//! member found after the damage.

use std::io::{self, BufRead, BufReader, Read};

use flate2::bufread::GzDecoder;
use marsad_doc::{Article, Origin};

use crate::{MAX_PAGE_BYTES, WebError, read_page};

/// A WARC or HTTP header block longer than this is malformed.
const MAX_HEADER_BYTES: usize = 64 << 10;

/// How much decompressed payload a `Content-Encoding: gzip` response may expand to.
const MAX_DECODED_BYTES: u64 = MAX_PAGE_BYTES as u64;

/// What a WARC file held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WarcStats {
    /// Records read (of any type).
    pub records: usize,
    /// HTML responses read as pages (articles and page errors).
    pub html: usize,
    /// Response records skipped because their payload is not HTML.
    pub non_html: usize,
    /// Records of other types (`warcinfo`, `request`, `metadata`, …), skipped.
    pub other: usize,
    /// Errors reported (bad records and pages).
    pub errors: usize,
}

/// Counts the bytes read from the file.
struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

type Raw<R> = BufReader<Counting<R>>;

/// The file as a stream of records.
enum Stream<R: Read> {
    Plain(Raw<R>),
    /// Reading the gzip member that starts at `start`.
    Gzip {
        member: Box<BufReader<GzDecoder<Raw<R>>>>,
        start: u64,
    },
    /// Between gzip members.
    Between(Raw<R>),
    Done,
}

fn raw_pos<R: Read>(raw: &Raw<R>) -> u64 {
    raw.get_ref().pos - raw.buffer().len() as u64
}

/// Reads the records of one WARC file. See the module documentation.
pub struct WarcReader<R: Read> {
    stream: Stream<R>,
    label: String,
    stats: WarcStats,
    /// Decompressed bytes read from the current member (or the plain file).
    member_pos: u64,
}

/// A header block: name (lowercase) and value pairs.
struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// One record's outcome, before it becomes an iterator item.
enum Outcome {
    Item(Box<Result<Article, WebError>>),
    Skipped,
    /// The member or file has no more records.
    End,
}

impl<R: Read> WarcReader<R> {
    /// Reads from `input`; `label` names the file in origins and errors. Whether the file
    /// is gzipped is decided from its first bytes.
    pub fn new(input: R, label: &str) -> Self {
        let mut raw = BufReader::with_capacity(64 << 10, Counting { inner: input, pos: 0 });
        let gzip = raw.fill_buf().map(|b| b.starts_with(&[0x1f, 0x8b])).unwrap_or(false);
        let stream = if gzip { Stream::Between(raw) } else { Stream::Plain(raw) };
        WarcReader { stream, label: label.to_owned(), stats: WarcStats::default(), member_pos: 0 }
    }

    /// What has been read so far.
    pub fn stats(&self) -> WarcStats {
        self.stats
    }

    fn error(&mut self, offset: u64, url: Option<&str>, message: impl Into<String>) -> WebError {
        self.stats.errors += 1;
        WebError {
            record: Some(self.stats.records.max(1)),
            offset: Some(offset),
            url: url.map(str::to_owned),
            message: message.into(),
        }
    }

    /// The next article or error, skipping records that are neither.
    fn next_item(&mut self) -> Option<Result<Article, WebError>> {
        loop {
            match std::mem::replace(&mut self.stream, Stream::Done) {
                Stream::Done => return None,
                Stream::Between(mut raw) => {
                    match raw.fill_buf() {
                        Ok([]) => return None,
                        Ok(_) => {}
                        Err(e) => {
                            let pos = raw_pos(&raw);
                            return Some(Err(self.error(pos, None, format!("cannot read: {e}"))));
                        }
                    }
                    let start = raw_pos(&raw);
                    self.member_pos = 0;
                    self.stream = Stream::Gzip {
                        member: Box::new(BufReader::with_capacity(64 << 10, GzDecoder::new(raw))),
                        start,
                    };
                }
                Stream::Plain(mut raw) => {
                    // Errors point at the record itself, past the blank lines before it.
                    if let Err(e) = skip_blank_lines(&mut raw) {
                        let pos = raw_pos(&raw);
                        return Some(Err(self.error(pos, None, format!("cannot read: {e}"))));
                    }
                    let offset = raw_pos(&raw);
                    let outcome = self.record(&mut raw, offset);
                    match outcome {
                        Ok(Outcome::End) => return None,
                        Ok(Outcome::Skipped) => self.stream = Stream::Plain(raw),
                        Ok(Outcome::Item(item)) => {
                            self.stream = Stream::Plain(raw);
                            return Some(*item);
                        }
                        Err(Fatal { message, resync }) => {
                            let err = self.error(offset, None, message);
                            if resync && skip_to_record(&mut raw).is_ok() {
                                self.stream = Stream::Plain(raw);
                            }
                            return Some(Err(err));
                        }
                    }
                }
                Stream::Gzip { mut member, start } => {
                    let outcome = self.record(&mut *member, start);
                    match outcome {
                        Ok(Outcome::End) => {
                            self.stream = Stream::Between(member.into_inner().into_inner());
                        }
                        Ok(Outcome::Skipped) => self.stream = Stream::Gzip { member, start },
                        Ok(Outcome::Item(item)) => {
                            self.stream = Stream::Gzip { member, start };
                            return Some(*item);
                        }
                        Err(Fatal { message, .. }) => {
                            // The member is damaged: look for the next one.
                            let err = self.error(start, None, message);
                            let mut raw = member.into_inner().into_inner();
                            if raw_pos(&raw) <= start && raw.fill_buf().is_ok_and(|b| !b.is_empty())
                            {
                                raw.consume(1);
                            }
                            if next_gzip_member(&mut raw).is_ok() {
                                self.stream = Stream::Between(raw);
                            }
                            return Some(Err(err));
                        }
                    }
                }
            }
        }
    }

    /// Reads one record from `input`. `offset` is where errors say the record is.
    fn record(&mut self, input: &mut impl BufRead, offset: u64) -> Result<Outcome, Fatal> {
        skip_blank_lines(input).map_err(Fatal::io)?;
        if input.fill_buf().map_err(Fatal::io)?.is_empty() {
            return Ok(Outcome::End);
        }
        self.stats.records += 1;
        let head = read_header_block(input).map_err(|m| Fatal { message: m, resync: true })?;
        let mut lines = head.split(|&b| b == b'\n');
        let version = lines.next().unwrap_or_default().trim_ascii();
        if !version.starts_with(b"WARC/1.") {
            let shown = String::from_utf8_lossy(version.get(..40).unwrap_or(version)).into_owned();
            return Err(Fatal { message: format!("not a WARC record: {shown:?}"), resync: true });
        }
        let headers = parse_headers(lines);
        let url = headers.get("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_owned());
        let Some(length) = headers.get("content-length").and_then(|v| v.trim().parse::<u64>().ok())
        else {
            return Err(Fatal {
                message: "WARC record without a valid Content-Length".into(),
                resync: true,
            });
        };
        let is_response =
            headers.get("warc-type").is_some_and(|t| t.eq_ignore_ascii_case("response"));
        let is_http = headers
            .get("content-type")
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"));
        if !is_response || !is_http {
            skip(input, length).map_err(|e| Fatal::truncated(e, length))?;
            self.stats.other += 1;
            return Ok(Outcome::Skipped);
        }
        if length > (MAX_PAGE_BYTES + MAX_HEADER_BYTES) as u64 {
            skip(input, length).map_err(|e| Fatal::truncated(e, length))?;
            let err = self.error(
                offset,
                url.as_deref(),
                format!("record of {length} bytes, over the {MAX_PAGE_BYTES} byte page limit"),
            );
            return Ok(Outcome::Item(Box::new(Err(err))));
        }
        let mut block = Vec::with_capacity(length as usize);
        input.take(length).read_to_end(&mut block).map_err(Fatal::io)?;
        if (block.len() as u64) < length {
            return Err(Fatal {
                message: format!(
                    "truncated record {}: {} of {length} bytes",
                    url.as_deref().unwrap_or(""),
                    block.len()
                ),
                resync: false,
            });
        }
        let origin = Origin { path: self.label.clone(), record: Some(self.stats.records) };
        let item = self.response(&block, url.as_deref(), origin);
        Ok(match item {
            None => Outcome::Skipped,
            Some(Ok(article)) => Outcome::Item(Box::new(Ok(article))),
            Some(Err(message)) => {
                Outcome::Item(Box::new(Err(self.error(offset, url.as_deref(), message))))
            }
        })
    }

    /// An HTTP response block: `None` when it is not HTML.
    fn response(
        &mut self,
        block: &[u8],
        url: Option<&str>,
        origin: Origin,
    ) -> Option<Result<Article, String>> {
        let Some(end) = header_end(block) else {
            return Some(Err("malformed HTTP response: no end of headers".into()));
        };
        let head = block.get(..end.0).unwrap_or_default();
        let body = block.get(end.1..).unwrap_or_default();
        let mut lines = head.split(|&b| b == b'\n');
        let status = lines.next().unwrap_or_default().trim_ascii();
        if !status.starts_with(b"HTTP/") || status.split(|&b| b == b' ').nth(1).is_none() {
            let shown = String::from_utf8_lossy(status.get(..40).unwrap_or(status)).into_owned();
            return Some(Err(format!("malformed HTTP status line {shown:?}")));
        }
        let headers = parse_headers(lines);
        let content_type = headers.get("content-type").map(str::to_owned);
        let is_html = match &content_type {
            Some(t) => {
                let t = t.to_ascii_lowercase();
                t.contains("text/html") || t.contains("application/xhtml")
            }
            None => crate::looks_like_html(body),
        };
        if !is_html {
            self.stats.non_html += 1;
            return None;
        }
        self.stats.html += 1;
        let mut payload: std::borrow::Cow<[u8]> = body.into();
        if headers
            .get("transfer-encoding")
            .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
        {
            match dechunk(&payload) {
                Some(p) => payload = p.into(),
                None => return Some(Err("malformed chunked transfer encoding".into())),
            }
        }
        if let Some(enc) = headers.get("content-encoding").map(str::to_ascii_lowercase)
            && (enc.contains("gzip") || enc.contains("deflate"))
            && payload.starts_with(&[0x1f, 0x8b])
        {
            let mut out = Vec::new();
            let read = flate2::read::GzDecoder::new(&*payload)
                .take(MAX_DECODED_BYTES + 1)
                .read_to_end(&mut out);
            match read {
                Ok(_) if out.len() as u64 > MAX_DECODED_BYTES => {
                    return Some(Err(format!(
                        "page over the {MAX_PAGE_BYTES} byte limit once decompressed"
                    )));
                }
                Ok(_) => payload = out.into(),
                Err(e) => return Some(Err(format!("bad gzip content encoding: {e}"))),
            }
        }
        Some(read_page(&payload, url, content_type.as_deref(), origin).map_err(|e| e.message))
    }
}

impl<R: Read> Iterator for WarcReader<R> {
    type Item = Result<Article, WebError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_item()
    }
}

/// An error after which the current stream position is not at a record boundary.
struct Fatal {
    message: String,
    /// Whether scanning for the next `WARC/1.` line can find the next record.
    resync: bool,
}

impl Fatal {
    fn io(e: io::Error) -> Fatal {
        Fatal { message: format!("cannot read: {e}"), resync: false }
    }

    fn truncated(e: io::Error, length: u64) -> Fatal {
        Fatal { message: format!("truncated record of {length} bytes: {e}"), resync: false }
    }
}

/// Skips the blank lines between records.
fn skip_blank_lines(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        match buf.first() {
            Some(b'\r' | b'\n') => input.consume(1),
            _ => return Ok(()),
        }
    }
}

/// Reads header lines up to and including the blank line.
fn read_header_block(input: &mut impl BufRead) -> Result<Vec<u8>, String> {
    let mut head = Vec::new();
    loop {
        let before = head.len();
        let n = input
            .take((MAX_HEADER_BYTES + 1 - head.len().min(MAX_HEADER_BYTES)) as u64)
            .read_until(b'\n', &mut head)
            .map_err(|e| format!("cannot read: {e}"))?;
        if n == 0 {
            return Err("truncated WARC header".into());
        }
        if head.len() > MAX_HEADER_BYTES {
            return Err(format!("WARC header over {MAX_HEADER_BYTES} bytes"));
        }
        if head.get(before..).is_some_and(|line| line.trim_ascii().is_empty()) {
            return Ok(head);
        }
    }
}

fn parse_headers<'h>(lines: impl Iterator<Item = &'h [u8]>) -> Headers {
    let mut out = Vec::new();
    for line in lines {
        let line = line.trim_ascii_end();
        if line.is_empty() {
            break;
        }
        if let Some(colon) = line.iter().position(|&b| b == b':') {
            let name = String::from_utf8_lossy(line.get(..colon).unwrap_or_default())
                .trim()
                .to_ascii_lowercase();
            let value = String::from_utf8_lossy(line.get(colon + 1..).unwrap_or_default())
                .trim()
                .to_owned();
            out.push((name, value));
        }
    }
    Headers(out)
}

/// The end of an HTTP header block: (where the headers end, where the body starts).
fn header_end(block: &[u8]) -> Option<(usize, usize)> {
    let limit = block.len().min(MAX_HEADER_BYTES);
    let search = block.get(..limit)?;
    let crlf = memchr::memmem::find(search, b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = memchr::memmem::find(search, b"\n\n").map(|i| (i, i + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Decodes `Transfer-Encoding: chunked`.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let nl = rest.iter().position(|&b| b == b'\n')?;
        let line = rest.get(..nl)?.trim_ascii();
        let size_hex = line.split(|&b| b == b';').next()?;
        let size = usize::from_str_radix(std::str::from_utf8(size_hex).ok()?.trim(), 16).ok()?;
        rest = rest.get(nl + 1..)?;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size..)?;
        while rest.first().is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            rest = rest.get(1..)?;
        }
    }
}

/// Skips `n` bytes.
fn skip(input: &mut impl BufRead, n: u64) -> io::Result<()> {
    let copied = io::copy(&mut input.take(n), &mut io::sink())?;
    if copied < n {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, format!("{copied} of {n} bytes")));
    }
    Ok(())
}

/// Skips to the next line that starts with `WARC/1.`, leaving it unread.
fn skip_to_record(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if buf.starts_with(b"WARC/1.") {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => input.consume(i + 1),
            None => {
                let n = buf.len();
                input.consume(n);
            }
        }
    }
}

/// Skips to the next gzip member header (`1f 8b 08`), leaving it unread.
fn next_gzip_member(input: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match memchr::memmem::find(buf, &[0x1f, 0x8b, 0x08]) {
            Some(0) => return Ok(()),
            Some(i) => input.consume(i),
            None => {
                // Keep the last two bytes: a magic may straddle buffers.
                let n = buf.len().saturating_sub(2).max(1);
                input.consume(n);
            }
        }
    }
}
