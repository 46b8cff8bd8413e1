//! The ANT corpus April 2018 subset (`../shared/data/ant-multisource-2018-04`): one TREC
//! `<DOC>` per file, next to a `SOURCE.md` that the directory walk must skip.

mod common;

use std::collections::BTreeMap;

use marsad_readers::{InputFormat, read_inputs, read_path};

#[test]
fn every_file_is_one_article() {
    let Some(dir) = common::shared("data/ant-multisource-2018-04") else {
        return;
    };
    let records = read_path(&dir, InputFormat::Auto);
    let errors: Vec<String> =
        records.iter().filter_map(|r| r.as_ref().err()).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{} errors, first: {:?}", errors.len(), errors.first());
    assert_eq!(records.len(), 4_798);

    let mut per_source: BTreeMap<String, usize> = BTreeMap::new();
    let mut with_offset = 0;
    for article in records.iter().flatten() {
        assert!(article.headline.as_deref().is_some_and(|h| !h.is_empty()), "{}", article.id);
        let Some(published) = article.published else {
            panic!("{}: no publication time", article.id);
        };
        assert!(published.datetime.year() == 2018, "{}", article.id);
        with_offset += usize::from(published.offset.is_some());
        assert!(!article.paragraphs.is_empty(), "{}", article.id);
        assert!(article.url.is_some(), "{}", article.id);
        assert!(!article.origin.path.ends_with(".md"));
        assert_eq!(article.origin.record, None);
        for p in article.paragraph_texts() {
            assert!(!p.is_empty() && !p.contains("</TEXT>"), "{}", article.id);
        }
        *per_source
            .entry(article.source.clone().unwrap_or_default().to_lowercase())
            .or_default() += 1;
    }
    assert_eq!(with_offset, 4_798, "every TIME states its zone");
    let counts: Vec<(&str, usize)> = per_source.iter().map(|(s, n)| (s.as_str(), *n)).collect();
    assert_eq!(counts.iter().map(|(_, n)| n).sum::<usize>(), 4_798);
    assert_eq!(counts.len(), 5, "{counts:?}");
}

#[test]
fn walk_order_is_sorted_and_lazy_reading_matches() {
    let Some(dir) = common::shared("data/ant-multisource-2018-04/CNN/technology") else {
        return;
    };
    let eager: Vec<String> =
        read_path(&dir, InputFormat::Auto).into_iter().flatten().map(|a| a.origin.path).collect();
    let mut sorted = eager.clone();
    sorted.sort();
    assert_eq!(eager, sorted);
    let input = vec![dir.display().to_string()];
    let lazy: Vec<String> =
        read_inputs(&input, InputFormat::Trec).flatten().map(|a| a.origin.path).collect();
    assert_eq!(lazy, eager);
}

#[test]
fn a_named_non_article_file_is_read_as_asked() {
    // Named directly, SOURCE.md is read (as a text page); only the walk skips it.
    let Some(path) = common::shared("data/ant-multisource-2018-04/SOURCE.md") else {
        return;
    };
    let records = read_path(&path, InputFormat::Auto);
    assert_eq!(records.len(), 1);
    // Forced to TREC, its sample `<DOC>` (which has no `<TEXT>`) is an error, not a panic.
    let records = read_path(&path, InputFormat::Trec);
    assert!(!records.is_empty() && records.iter().all(Result::is_err), "{records:?}");
}
