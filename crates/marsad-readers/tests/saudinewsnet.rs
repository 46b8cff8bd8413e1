//! SaudiNewsNet days (`../shared/data/saudinewsnet-2015-08-10_11`): JSON arrays of records
//! `{source, url, date_extracted, title, author, content}`.

mod common;

use marsad_doc::Article;
use marsad_readers::{InputFormat, read_path};

/// Whether the last non-empty line of `text` has `سمات` as a word of its own.
fn has_tag_word_in_last_line(text: &str) -> bool {
    let last = text.lines().map(str::trim).rev().find(|l| !l.is_empty()).unwrap_or_default();
    last.split_whitespace().any(|w| w == "سمات")
}

fn read_day(file: &str, expected: usize) -> Option<Vec<Article>> {
    let path = common::shared(&format!("data/saudinewsnet-2015-08-10_11/{file}"))?;
    let records = read_path(&path, InputFormat::Auto);
    let errors: Vec<String> =
        records.iter().filter_map(|r| r.as_ref().err()).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let articles: Vec<Article> = records.into_iter().filter_map(Result::ok).collect();
    assert_eq!(articles.len(), expected);
    Some(articles)
}

fn check_day(articles: &[Article]) -> (usize, usize) {
    let mut tails = 0;
    for a in articles {
        assert!(a.url.is_some(), "{}", a.id);
        assert_eq!(a.id, a.url.clone().unwrap_or_default(), "no id field: the url is the id");
        assert!(a.source.is_some(), "{}", a.id);
        let published = a.published.map(|p| p.to_string()).unwrap_or_default();
        assert!(published.starts_with("2015-08-1"), "{}: {published}", a.id);
        for range in &a.paragraphs {
            assert!(
                a.text.get(range.start..range.end).is_some_and(|p| !p.is_empty() && p.trim() == p)
            );
        }
        if a.source.as_deref() == Some("3alyoum") && has_tag_word_in_last_line(&a.text) {
            tails += 1;
            assert!(!a.publisher_tags.is_empty(), "{}: tail tags not found", a.id);
            let tail = format!("سمات {}", a.publisher_tags.first().map_or("", String::as_str));
            for p in a.paragraph_texts() {
                assert!(!p.contains(&tail), "{}: tag tail left in the body", a.id);
            }
            let last = a.paragraph_texts().last().unwrap_or_default();
            assert!(!last.ends_with("سمات"), "{}", a.id);
        }
    }
    let tagged = articles.iter().filter(|a| !a.publisher_tags.is_empty()).count();
    (tails, tagged)
}

#[test]
fn day_2015_08_10() {
    let Some(articles) = read_day("2015-08-10.json", 1_700) else {
        return;
    };
    let (tails, tagged) = check_day(&articles);
    // 86 articles from 3alyoum, 83 of them with a tag tail; no other outlet has one.
    assert_eq!((tails, tagged), (83, 83));
    // Records with an empty body are articles without paragraphs, not errors.
    let empty = articles.iter().filter(|a| a.paragraphs.is_empty()).count();
    assert_eq!(empty, 14);
}

#[test]
fn day_2015_08_11() {
    let Some(articles) = read_day("2015-08-11.json", 1_686) else {
        return;
    };
    let (tails, tagged) = check_day(&articles);
    assert_eq!((tails, tagged), (79, 79));
}

#[test]
fn tail_right_after_a_body_word() {
    // In three records of this day the tail follows the last body word with no punctuation
    // in between (the body was cut mid-sentence, or is a poem); the tail is still split off.
    let Some(articles) = read_day("2015-08-10.json", 1_700) else {
        return;
    };
    let ends_in_letter = |a: &&Article| {
        !a.publisher_tags.is_empty()
            && a.paragraph_texts()
                .last()
                .and_then(|p| p.chars().last())
                .is_some_and(char::is_alphabetic)
    };
    let tags: Vec<usize> =
        articles.iter().filter(ends_in_letter).map(|a| a.publisher_tags.len()).collect();
    assert_eq!(tags, vec![6, 8, 4]);
}
