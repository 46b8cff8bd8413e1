//! The held-out quotes/facts/events test set (`data/events-test.tsv`), the second dev set
//! (`data/events-dev2.tsv`) and the blind quotes-only third to seventeenth dev sets
//! (`data/events-dev3.tsv` … `data/events-dev17.tsv`) parse, share no document with the sets
//! made before them, and every span lies inside its document's text on character boundaries.
//! No figure floors: the test set measures, it does not guard. Skips with a message when
//! `../shared/data` is absent.

use std::collections::HashSet;
use std::path::Path;

use marsad_eval::events::{Label, read_events_dev};
use marsad_readers::{InputFormat, read_path};

fn read_set(root: &Path, name: &str) -> String {
    std::fs::read_to_string(root.join("data").join(name)).unwrap_or_default()
}

#[test]
fn events_test_set_parses_and_spans_lie_inside_documents() {
    check_set("events-test.tsv", &["events-dev.tsv"], 25);
}

/// The second dev set shares no document with the first one nor with the test set.
#[test]
fn events_dev2_set_parses_and_spans_lie_inside_documents() {
    check_set("events-dev2.tsv", &["events-dev.tsv", "events-test.tsv"], 30);
}

/// Every annotated quotes/facts/events set, in the order they were made: each later set must
/// share no document with any set before it.
const SETS_IN_ORDER: &[&str] = &[
    "events-dev.tsv",
    "events-test.tsv",
    "events-dev2.tsv",
    "events-dev3.tsv",
    "events-dev4.tsv",
    "events-dev5.tsv",
    "events-dev6.tsv",
    "events-dev7.tsv",
    "events-dev8.tsv",
    "events-dev9.tsv",
    "events-dev10.tsv",
    "events-dev11.tsv",
    "events-dev12.tsv",
    "events-dev13.tsv",
    "events-dev14.tsv",
    "events-dev15.tsv",
    "events-dev16.tsv",
    "events-dev17.tsv",
];

/// A blind quotes-only set (dev3 on) shares no document with the sets made before it, and
/// declares that it annotates quotes only (so facts and events are not scored on it).
fn check_quotes_only_set(name: &str, min_docs: usize) {
    let at = SETS_IN_ORDER.iter().position(|s| *s == name).unwrap_or(SETS_IN_ORDER.len());
    assert!(at < SETS_IN_ORDER.len(), "{name} is not in SETS_IN_ORDER");
    check_set(name, &SETS_IN_ORDER[..at], min_docs);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (set, _) = read_events_dev(&read_set(root, name));
    assert_eq!(set.sections, Some(vec!["quotes".to_owned()]), "{name}");
    assert!(set.items.iter().all(|g| matches!(g.label, Label::Quote { .. })), "{name}");
}

#[test]
fn events_dev3_set_parses_and_spans_lie_inside_documents() {
    check_quotes_only_set("events-dev3.tsv", 30);
}

#[test]
fn events_dev4_set_parses_and_spans_lie_inside_documents() {
    check_quotes_only_set("events-dev4.tsv", 40);
}

#[test]
fn events_dev5_set_parses_and_spans_lie_inside_documents() {
    check_quotes_only_set("events-dev5.tsv", 40);
}

#[test]
fn events_dev6_set_parses_and_spans_lie_inside_documents() {
    check_quotes_only_set("events-dev6.tsv", 35);
}

#[test]
fn events_dev7_set_parses_and_spans_lie_inside_documents() {
    check_quotes_only_set("events-dev7.tsv", 30);
}

#[test]
fn events_dev8_set_parses_and_spans_lie_inside_documents() {
    check_quotes_only_set("events-dev8.tsv", 40);
}

#[test]
fn events_dev9_set_parses_and_spans_lie_inside_documents() {
    check_quotes_only_set("events-dev9.tsv", 40);
}

#[test]
fn events_dev10_set_parses_and_spans_lie_inside_documents() {
    check_quotes_only_set("events-dev10.tsv", 40);
}

#[test]
fn events_dev11_set_parses_and_spans_lie_inside_documents() {
    check_quotes_only_set("events-dev11.tsv", 40);
}

#[test]
fn events_dev12_set_parses_and_spans_lie_inside_documents() {
    check_quotes_only_set("events-dev12.tsv", 40);
}

/// The thirteenth set has 39 documents (the selection rule left no more); its floor of 150
/// quotes guards against a truncated file.
#[test]
fn events_dev13_set_parses_and_spans_lie_inside_documents() {
    check_quotes_only_set("events-dev13.tsv", 35);
    check_quote_floor("events-dev13.tsv", 150);
}

/// The fourteenth set has 40 documents (the selection rule's cap); its floor of 230 quotes
/// guards against a truncated file.
#[test]
fn events_dev14_set_parses_and_spans_lie_inside_documents() {
    check_quotes_only_set("events-dev14.tsv", 37);
    check_quote_floor("events-dev14.tsv", 230);
}

/// The fifteenth set has 40 documents (the cap); its floor of 195 quotes guards against a
/// truncated file.
#[test]
fn events_dev15_set_parses_and_spans_lie_inside_documents() {
    check_quotes_only_set("events-dev15.tsv", 36);
    check_quote_floor("events-dev15.tsv", 195);
}

/// The sixteenth set has 40 documents (the cap); its floor of 160 quotes guards against a
/// truncated file.
#[test]
fn events_dev16_set_parses_and_spans_lie_inside_documents() {
    check_quotes_only_set("events-dev16.tsv", 36);
    check_quote_floor("events-dev16.tsv", 160);
}

/// The seventeenth set has 40 documents (the cap; positions 8 + 57k); its floor of 180 quotes
/// guards against a truncated file.
#[test]
fn events_dev17_set_parses_and_spans_lie_inside_documents() {
    check_quotes_only_set("events-dev17.tsv", 38);
    check_quote_floor("events-dev17.tsv", 180);
}

/// At least `min_quotes` quotes in the set (a truncated file has fewer).
fn check_quote_floor(name: &str, min_quotes: usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (set, _) = read_events_dev(&read_set(root, name));
    let quotes = set.items.iter().filter(|g| matches!(g.label, Label::Quote { .. })).count();
    assert!(quotes >= min_quotes, "{name}: {quotes} quotes");
}

fn check_set(name: &str, disjoint_from: &[&str], min_docs: usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (test, errors) = read_events_dev(&read_set(root, name));
    assert!(errors.is_empty(), "{errors:?}");
    assert!(test.docs.len() >= min_docs, "{} documents", test.docs.len());
    let wanted: HashSet<&str> = test.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(wanted.len(), test.docs.len(), "one scope line per document");
    assert!(test.items.iter().all(|g| wanted.contains(g.doc.as_str())), "item without a scope");
    // No document of the other sets.
    for other in disjoint_from {
        let (dev, _) = read_events_dev(&read_set(root, other));
        assert!(!dev.docs.is_empty(), "{other} is empty");
        let shared: Vec<&str> =
            dev.docs.iter().map(|d| d.id.as_str()).filter(|id| wanted.contains(id)).collect();
        assert!(shared.is_empty(), "{other} documents in {name}: {shared:?}");
    }

    let ant = root.join("../../../shared/data/ant-multisource-2018-04");
    if !ant.exists() {
        eprintln!("skipped the span checks: {} not found", ant.display());
        return;
    }
    let mut found = HashSet::new();
    for article in read_path(&ant, InputFormat::Auto).into_iter().flatten() {
        if !wanted.contains(article.id.as_str()) || !found.insert(article.id.clone()) {
            continue;
        }
        let body = article.text.as_str();
        let headline = article.headline.as_deref().unwrap_or("");
        for d in test.docs.iter().filter(|d| d.id == article.id) {
            assert!(body.get(d.scope_start..d.scope_end).is_some(), "{} scope", d.id);
        }
        for g in test.items.iter().filter(|g| g.doc == article.id) {
            let text = if g.field == "headline" { headline } else { body };
            let span = text.get(g.start..g.end);
            assert!(span.is_some_and(|s| !s.trim().is_empty()), "{} {}..{}", g.doc, g.start, g.end);
        }
    }
    assert_eq!(found.len(), wanted.len(), "{name} documents missing from {}", ant.display());
}
