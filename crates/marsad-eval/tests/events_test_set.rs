//! The held-out quotes/facts/events test set (`data/events-test.tsv`), the second dev set
//! (`data/events-dev2.tsv`) and the blind quotes-only third to ninth dev sets
//! (`data/events-dev3.tsv`, `data/events-dev4.tsv`, `data/events-dev5.tsv`, `data/events-dev6.tsv`,
//! `data/events-dev7.tsv`, `data/events-dev8.tsv`, `data/events-dev9.tsv`) parse, share no document with the other sets, and every
//! span lies inside its document's text on character boundaries. No figure floors: the test set measures, it does not guard. Skips with a
//! message when `../shared/data` is absent.

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

/// The blind quotes-only third dev set shares no document with the other three sets, and
/// declares that it annotates quotes only (so facts and events are not scored on it).
#[test]
fn events_dev3_set_parses_and_spans_lie_inside_documents() {
    check_set("events-dev3.tsv", &["events-dev.tsv", "events-test.tsv", "events-dev2.tsv"], 30);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (dev3, _) = read_events_dev(&read_set(root, "events-dev3.tsv"));
    assert_eq!(dev3.sections, Some(vec!["quotes".to_owned()]));
    assert!(dev3.items.iter().all(|g| matches!(g.label, Label::Quote { .. })));
}

/// The blind quotes-only fourth dev set shares no document with the other four sets, and
/// declares that it annotates quotes only.
#[test]
fn events_dev4_set_parses_and_spans_lie_inside_documents() {
    check_set(
        "events-dev4.tsv",
        &["events-dev.tsv", "events-test.tsv", "events-dev2.tsv", "events-dev3.tsv"],
        40,
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (dev4, _) = read_events_dev(&read_set(root, "events-dev4.tsv"));
    assert_eq!(dev4.sections, Some(vec!["quotes".to_owned()]));
    assert!(dev4.items.iter().all(|g| matches!(g.label, Label::Quote { .. })));
}

/// The blind quotes-only fifth dev set shares no document with the other five sets, and
/// declares that it annotates quotes only.
#[test]
fn events_dev5_set_parses_and_spans_lie_inside_documents() {
    check_set(
        "events-dev5.tsv",
        &[
            "events-dev.tsv",
            "events-test.tsv",
            "events-dev2.tsv",
            "events-dev3.tsv",
            "events-dev4.tsv",
        ],
        40,
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (dev5, _) = read_events_dev(&read_set(root, "events-dev5.tsv"));
    assert_eq!(dev5.sections, Some(vec!["quotes".to_owned()]));
    assert!(dev5.items.iter().all(|g| matches!(g.label, Label::Quote { .. })));
}

/// The blind quotes-only sixth dev set shares no document with the other six sets, and
/// declares that it annotates quotes only.
#[test]
fn events_dev6_set_parses_and_spans_lie_inside_documents() {
    check_set(
        "events-dev6.tsv",
        &[
            "events-dev.tsv",
            "events-test.tsv",
            "events-dev2.tsv",
            "events-dev3.tsv",
            "events-dev4.tsv",
            "events-dev5.tsv",
        ],
        35,
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (dev6, _) = read_events_dev(&read_set(root, "events-dev6.tsv"));
    assert_eq!(dev6.sections, Some(vec!["quotes".to_owned()]));
    assert!(dev6.items.iter().all(|g| matches!(g.label, Label::Quote { .. })));
}

/// The blind quotes-only seventh dev set shares no document with the other seven sets, and
/// declares that it annotates quotes only.
#[test]
fn events_dev7_set_parses_and_spans_lie_inside_documents() {
    check_set(
        "events-dev7.tsv",
        &[
            "events-dev.tsv",
            "events-test.tsv",
            "events-dev2.tsv",
            "events-dev3.tsv",
            "events-dev4.tsv",
            "events-dev5.tsv",
            "events-dev6.tsv",
        ],
        30,
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (dev7, _) = read_events_dev(&read_set(root, "events-dev7.tsv"));
    assert_eq!(dev7.sections, Some(vec!["quotes".to_owned()]));
    assert!(dev7.items.iter().all(|g| matches!(g.label, Label::Quote { .. })));
}

/// The blind quotes-only eighth dev set shares no document with the other eight sets, and
/// declares that it annotates quotes only.
#[test]
fn events_dev8_set_parses_and_spans_lie_inside_documents() {
    check_set(
        "events-dev8.tsv",
        &[
            "events-dev.tsv",
            "events-test.tsv",
            "events-dev2.tsv",
            "events-dev3.tsv",
            "events-dev4.tsv",
            "events-dev5.tsv",
            "events-dev6.tsv",
            "events-dev7.tsv",
        ],
        40,
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (dev8, _) = read_events_dev(&read_set(root, "events-dev8.tsv"));
    assert_eq!(dev8.sections, Some(vec!["quotes".to_owned()]));
    assert!(dev8.items.iter().all(|g| matches!(g.label, Label::Quote { .. })));
}

/// The blind quotes-only ninth dev set shares no document with the other nine sets, and
/// declares that it annotates quotes only.
#[test]
fn events_dev9_set_parses_and_spans_lie_inside_documents() {
    check_set(
        "events-dev9.tsv",
        &[
            "events-dev.tsv",
            "events-test.tsv",
            "events-dev2.tsv",
            "events-dev3.tsv",
            "events-dev4.tsv",
            "events-dev5.tsv",
            "events-dev6.tsv",
            "events-dev7.tsv",
            "events-dev8.tsv",
        ],
        40,
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (dev9, _) = read_events_dev(&read_set(root, "events-dev9.tsv"));
    assert_eq!(dev9.sections, Some(vec!["quotes".to_owned()]));
    assert!(dev9.items.iter().all(|g| matches!(g.label, Label::Quote { .. })));
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
