//! No input panics the HTML or WARC readers.

use marsad_doc::Origin;
use proptest::prelude::*;

const TAGS: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<a href='/tag/x'>",
    "</a>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<li>",
    "<table><tr><td>",
    "&amp;",
    "&#x627;",
    "<meta charset=windows-1256>",
    "نص عربي ",
    "<br/>",
    "<h1>",
    "<time datetime='2022-01-08'>",
    "<",
    ">",
    "\"",
    "'",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn html_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = marsad_web::read_page(&bytes, None, None, Origin::default());
    }

    #[test]
    fn html_soup_never_panics(parts in proptest::collection::vec(0..TAGS.len(), 0..300)) {
        let html: String = parts.iter().filter_map(|&i| TAGS.get(i).copied()).collect();
        let _ = marsad_web::read_page(html.as_bytes(), Some("https://x.example/"), Some("text/html"), Origin::default());
    }

    #[test]
    fn warc_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000), gz in any::<bool>()) {
        let mut input = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 40\r\n\r\n".to_vec();
        input.extend_from_slice(&bytes);
        let input = if gz {
            use std::io::Write;
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            let _ = enc.write_all(&input);
            enc.finish().unwrap_or_default()
        } else {
            input
        };
        let n = marsad_web::WarcReader::new(&input[..], "p.warc").take(10_000).count();
        prop_assert!(n <= 10_000);
    }
}
