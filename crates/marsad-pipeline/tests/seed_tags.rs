//! The reference page's tags: with the publisher's tag block hidden, the six tags the
//! publisher chose are our top six.

use std::collections::HashSet;
use std::path::Path;

use marsad_pipeline::Pipeline;
use marsad_readers::{InputFormat, read_path};
use marsad_text::normalize;

#[test]
fn seed_top_six_tags_are_the_publishers() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed/article.txt");
    if !path.exists() {
        eprintln!("skipping: ../shared/seed/article.txt not found");
        return;
    }
    let Some(Ok(mut article)) = read_path(&path, InputFormat::Auto).into_iter().next() else {
        panic!("the reference page reads");
    };
    let publisher: HashSet<String> = article.publisher_tags.iter().map(|t| normalize(t)).collect();
    assert_eq!(publisher.len(), 6);
    // Hide the tag block: the tagger must not depend on it.
    article.publisher_tags.clear();
    let record = Pipeline::default().analyze(article);
    let top: Vec<&str> = record.tags.iter().take(6).map(|t| t.text.as_str()).collect();
    let ours: HashSet<String> = top.iter().map(|t| normalize(t)).collect();
    assert_eq!(ours, publisher, "top six: {top:?}");
    // Entity tags carry their entity ids.
    assert!(record.tags.iter().take(6).all(|t| t.entity.is_some()));
}
