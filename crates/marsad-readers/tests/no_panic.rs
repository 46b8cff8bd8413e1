//! Property tests: no input makes a reader panic, and every article's paragraphs are valid,
//! ordered, trimmed, non-empty slices of its text.

use marsad_doc::Article;
use marsad_readers::{InputFormat, ReadError, detect_format, read_bytes};
use proptest::prelude::*;

const FORMATS: [InputFormat; 5] = [
    InputFormat::Auto,
    InputFormat::Text,
    InputFormat::Json,
    InputFormat::Jsonl,
    InputFormat::Trec,
];

fn check(records: &[Result<Article, ReadError>]) -> Result<(), TestCaseError> {
    for article in records.iter().flatten() {
        let mut previous_end = 0;
        for r in &article.paragraphs {
            prop_assert!(r.start <= r.end && r.start >= previous_end, "{r:?}");
            let slice = article.text.get(r.start..r.end);
            prop_assert!(slice.is_some(), "{r:?} is not a slice of {:?}", article.text);
            let slice = slice.unwrap_or_default();
            prop_assert!(!slice.is_empty() && slice.trim() == slice, "{slice:?}");
            previous_end = r.end;
        }
    }
    for error in records.iter().filter_map(|r| r.as_ref().err()) {
        prop_assert!(!error.message.is_empty());
    }
    Ok(())
}

fn check_all_formats(bytes: &[u8]) -> Result<(), TestCaseError> {
    prop_assert_ne!(detect_format(bytes), InputFormat::Auto);
    for format in FORMATS {
        let records = read_bytes("prop", bytes, format);
        prop_assert!(
            !records.is_empty()
                || matches!(format, InputFormat::Json | InputFormat::Jsonl | InputFormat::Auto)
        );
        check(&records)?;
    }
    Ok(())
}

/// Text made of the pieces the readers look for, so that their branches are reached.
fn structured() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "\\",
        "\n",
        "\r\n",
        " ",
        "\u{a0}",
        "\u{feff}",
        "<DOC>",
        "</DOC>",
        "<TEXT>",
        "</TEXT>",
        "<TITLE>",
        "<TIME>",
        "<doc>",
        "سمات",
        "كلمات مفتاحية",
        "المصدر |",
        "الوسوم:",
        "اقرأ أيضا:",
        "السبت 8 يناير 2022 11:47 ص",
        "12:30 م",
        "٢٠٢٢",
        "\"content\": ",
        "\"title\": \"",
        "\"tags\": \"أ، ب\"",
        "null",
        "7",
        "خبر",
        "سماتٍ",
        ".",
        "،",
        "\u{0301}",
        "é",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|parts| parts.concat())
}

/// A JSON array of records with arbitrary strings, cut anywhere.
fn json_records() -> impl Strategy<Value = Vec<u8>> {
    let record = (any::<String>(), any::<String>(), any::<Option<String>>());
    (prop::collection::vec(record, 0..5), any::<prop::sample::Index>()).prop_map(|(records, cut)| {
        let values: Vec<serde_json::Value> = records
            .into_iter()
            .map(|(title, content, date)| serde_json::json!({"title": title, "content": content, "date": date}))
            .collect();
        let bytes = serde_json::to_vec(&values).unwrap_or_default();
        let at = cut.index(bytes.len() + 1);
        bytes.get(..at).unwrap_or_default().to_vec()
    })
}

proptest! {
    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_all_formats(&bytes)?;
    }

    #[test]
    fn arbitrary_strings(s in any::<String>()) {
        check_all_formats(s.as_bytes())?;
    }

    #[test]
    fn structured_strings(s in structured()) {
        check_all_formats(s.as_bytes())?;
    }

    #[test]
    fn cut_json_arrays(bytes in json_records()) {
        check_all_formats(&bytes)?;
    }

    #[test]
    fn datelines_never_panic(s in any::<String>()) {
        let _ = marsad_time::parse_dateline(&s);
        let _ = marsad_time::is_dateline(&s);
        let _ = marsad_readers::parse_timestamp(&s);
    }
}
