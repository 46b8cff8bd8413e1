//! WARC files built here: plain, whole-file gzip, per-record gzip, and bad input.

use std::io::{Read, Write};

use flate2::Compression;
use flate2::write::GzEncoder;
use marsad_web::{WarcReader, WebError};

const PAGE: &str = include_str!("fixtures/jsonld.html");

/// One WARC record.
fn record(kind: &str, url: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2024-05-20T21:30:00Z\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
    out.extend_from_slice(body);
    out
}

fn response(url: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    record("response", url, "application/http; msgtype=response", &http(content_type, body))
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// A small crawl: warcinfo, a request, two HTML pages, an image, a windows-1256 page.
fn records() -> Vec<Vec<u8>> {
    let bare = PAGE.replace("<meta charset=\"utf-8\">", "");
    let (arabic_1256, _, _) = encoding_rs::WINDOWS_1256.encode(&bare);
    vec![
        record("warcinfo", "", "application/warc-fields", b"software: marsad-test\r\n"),
        record(
            "request",
            "https://a.example/1",
            "application/http; msgtype=request",
            b"GET /1 HTTP/1.1\r\n\r\n",
        ),
        response("https://a.example/1", "text/html; charset=utf-8", PAGE.as_bytes()),
        response("https://a.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
        response("https://a.example/2", "text/html; charset=windows-1256", &arabic_1256),
        response("https://a.example/3", "text/html", include_bytes!("fixtures/wordpress.html")),
    ]
}

fn read_all(bytes: &[u8]) -> (Vec<Result<marsad_doc::Article, WebError>>, marsad_web::WarcStats) {
    let mut reader = WarcReader::new(bytes, "crawl.warc");
    let items: Vec<_> = reader.by_ref().collect();
    (items, reader.stats())
}

fn urls(items: &[Result<marsad_doc::Article, WebError>]) -> Vec<String> {
    items
        .iter()
        .map(|r| match r {
            Ok(a) => a.url.clone().unwrap_or_default(),
            Err(e) => format!("error {}", e.url.clone().unwrap_or_default()),
        })
        .collect()
}

const GOOD: [&str; 3] = ["https://a.example/1", "https://a.example/2", "https://a.example/3"];

#[test]
fn plain_whole_gzip_and_per_record_gzip() {
    let plain: Vec<u8> = records().concat();
    let whole = gzip(&plain);
    let per_record: Vec<u8> = records().iter().flat_map(|r| gzip(r)).collect();
    for (name, bytes) in [("plain", &plain), ("whole", &whole), ("per-record", &per_record)] {
        let (items, stats) = read_all(bytes);
        assert_eq!(urls(&items), GOOD, "{name}");
        assert_eq!(stats.records, 6, "{name}");
        assert_eq!((stats.html, stats.non_html, stats.other, stats.errors), (3, 1, 2, 0), "{name}");
        let first = items.first().and_then(|r| r.as_ref().ok());
        assert_eq!(
            first.and_then(|a| a.headline.as_deref()),
            Some("منتخب الشباب يتأهل إلى نهائي البطولة الإقليمية")
        );
        let second = items.get(1).and_then(|r| r.as_ref().ok());
        assert_eq!(
            second.map(|a| a.text.clone()),
            first.map(|a| a.text.clone()),
            "{name}: windows-1256"
        );
        assert_eq!(first.and_then(|a| a.origin.record), Some(3));
    }
    // WARC/1.0 works the same.
    let v10: Vec<u8> = records()
        .iter()
        .flat_map(|r| [b"WARC/1.0".as_slice(), r.get(8..).unwrap_or_default()].concat())
        .collect();
    assert_eq!(urls(&read_all(&v10).0), GOOD);
}

#[test]
fn bad_records_are_errors_and_the_rest_is_read() {
    let mut rs = records();
    // Malformed HTTP headers.
    rs.insert(
        3,
        record(
            "response",
            "https://bad.example/http",
            "application/http; msgtype=response",
            b"garbage without headers",
        ),
    );
    // A lying charset.
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(PAGE);
    rs.insert(4, response("https://bad.example/charset", "text/html; charset=utf-8", &cp1256));
    // 100,000 nested tags.
    rs.insert(
        5,
        response("https://bad.example/deep", "text/html", "<div>".repeat(100_000).as_bytes()),
    );
    // A WARC header that is not one.
    rs.insert(6, b"NOT-A-WARC-LINE\r\nfoo: bar\r\n\r\n".to_vec());
    let plain = rs.concat();
    let (items, stats) = read_all(&plain);
    assert_eq!(
        urls(&items),
        [
            "https://a.example/1",
            "error https://bad.example/http",
            "error https://bad.example/charset",
            "error https://bad.example/deep",
            "error ",
            "https://a.example/2",
            "https://a.example/3"
        ]
    );
    assert_eq!(stats.errors, 4);
    // Offsets point at the record.
    let deep =
        items.get(3).and_then(|r| r.as_ref().err()).and_then(|e| e.offset).unwrap_or(0) as usize;
    assert!(plain.get(deep..).is_some_and(|r| r.starts_with(b"WARC/1.1")));
    // Per-record gzip with the same records: same outcome, offsets at gzip members.
    let per_record: Vec<u8> = rs.iter().flat_map(|r| gzip(r)).collect();
    assert_eq!(urls(&read_all(&per_record).0), urls(&items));
}

#[test]
fn truncated_gzip() {
    let per_record: Vec<Vec<u8>> = records().iter().map(|r| gzip(r)).collect();
    let mut bytes = per_record.concat();
    let cut = bytes.len() - per_record.last().map_or(0, |r| r.len() / 2);
    bytes.truncate(cut);
    let (items, stats) = read_all(&bytes);
    let got = urls(&items);
    assert_eq!(
        got.get(..2).map(<[String]>::to_vec),
        Some(vec![GOOD[0].to_owned(), GOOD[1].to_owned()]),
        "{got:?}"
    );
    assert!(got.last().is_some_and(|u| u.starts_with("error")), "{got:?}");
    assert_eq!(stats.errors, 1);
    // Truncated in the middle of a plain record.
    let plain = records().concat();
    let (items, _) = read_all(plain.get(..plain.len() - 500).unwrap_or_default());
    assert!(items.last().is_some_and(Result::is_err));
    assert_eq!(items.iter().filter(|r| r.is_ok()).count(), 2);
}

/// A 100 MB page is an error with its URL, streamed past without being held in memory,
/// and the record after it is read.
#[test]
fn huge_page_is_skipped() {
    let size: u64 = 100 << 20;
    let head = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://big.example/\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {size}\r\n\r\n"
    );
    let after =
        [b"\r\n\r\n".to_vec(), response("https://a.example/1", "text/html", PAGE.as_bytes())]
            .concat();
    let input = head.as_bytes().chain(std::io::repeat(b'x').take(size)).chain(&after[..]);
    let mut reader = WarcReader::new(input, "big.warc");
    let items: Vec<_> = reader.by_ref().collect();
    assert_eq!(urls(&items), ["error https://big.example/", "https://a.example/1"]);
    let err =
        items.first().and_then(|r| r.as_ref().err()).map(|e| e.message.clone()).unwrap_or_default();
    assert!(err.contains("over the"), "{err}");
}
