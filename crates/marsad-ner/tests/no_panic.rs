//! The tagger never panics, whatever the tokens, and always returns one label per token.

use std::path::Path;

use marsad_ner::{Label, Model};
use proptest::prelude::*;

fn model() -> &'static Model {
    static MODEL: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
    MODEL.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/ner.model");
        Model::load(&path).unwrap_or_else(|e| panic!("the shipped model loads: {e}"))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn any_tokens_get_valid_labels(tokens in prop::collection::vec(any::<String>(), 0..40)) {
        let refs: Vec<&str> = tokens.iter().map(String::as_str).collect();
        let labels = model().tag(&refs);
        prop_assert_eq!(labels.len(), tokens.len());
        for (i, l) in labels.iter().enumerate() {
            let prev = if i == 0 { None } else { Some(labels[i - 1]) };
            prop_assert!(l.may_follow(prev), "{:?} after {:?}", l, prev);
        }
    }

    #[test]
    fn arabic_like_tokens(tokens in prop::collection::vec("[\\u0600-\\u06FF\"«» .،]{0,12}", 0..30)) {
        let refs: Vec<&str> = tokens.iter().map(String::as_str).collect();
        prop_assert_eq!(model().tag(&refs).len(), tokens.len());
    }
}

#[test]
fn the_shipped_model_tags_a_sentence_of_ours() {
    // Our own sentence: a person after a title, a country after a preposition.
    let tokens = [
        "وقال",
        "الرئيس",
        "الفرنسي",
        "إيمانويل",
        "ماكرون",
        "في",
        "باريس",
        "إن",
        "فرنسا",
        "ستدعم",
        "لبنان",
        ".",
    ];
    let labels = model().tag(&tokens);
    let label = |w: &str| tokens.iter().position(|t| *t == w).map(|i| labels[i]);
    assert!(matches!(label("باريس"), Some(Label::B(_))), "{labels:?}");
    assert!(matches!(label("فرنسا"), Some(Label::B(_))), "{labels:?}");
}

#[test]
fn missing_and_corrupt_model_files_name_the_file_and_the_fix() {
    let missing = Model::load(Path::new("/nonexistent/ner.model"))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        missing.contains("/nonexistent/ner.model") && missing.contains("marsad train ner"),
        "{missing}"
    );
    let dir = std::env::temp_dir().join(format!("marsad-ner-test-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let corrupt = dir.join("bad.model");
    let _ = std::fs::write(&corrupt, b"MARSADNER\x03\x00\x00\x00garbage");
    let message = Model::load(&corrupt).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("bad.model") && message.contains("corrupt"), "{message}");
    let _ = std::fs::remove_dir_all(&dir);
}
