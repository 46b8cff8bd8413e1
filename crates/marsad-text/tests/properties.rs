//! Properties of the text core that must hold for any input.

use marsad_text::{Analyzer, Stemmer, normalize, sentences, tokenize};
use proptest::prelude::*;

/// Strings biased towards Arabic, marks, digits, quotes and presentation forms.
fn arabic_like() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            prop::char::range('\u{0600}', '\u{06FF}'),
            prop::char::range('\u{FB50}', '\u{FEFF}'),
            prop::sample::select(vec![
                ' ', '\n', '.', '"', '«', '»', '“', '”', '،', '؟', '…', '1', ':', ','
            ]),
            any::<char>(),
        ],
        0..64,
    );
    pieces.prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalize_is_idempotent(s in arabic_like()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once.clone());
    }

    #[test]
    fn tokens_are_ordered_char_boundary_slices(s in arabic_like()) {
        let tokens = tokenize(&s);
        let mut last = 0;
        for t in &tokens {
            prop_assert!(t.start < t.end && t.start >= last);
            prop_assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
            prop_assert!(!s[t.start..t.end].trim().is_empty());
            last = t.end;
        }
    }

    #[test]
    fn sentences_cover_tokens_in_order(s in arabic_like()) {
        let tokens = tokenize(&s);
        let all = sentences(&s, &tokens, &[(0, s.len())]);
        let mut next = 0;
        for sentence in &all {
            prop_assert_eq!(sentence.first_token, next);
            prop_assert!(sentence.end_token > sentence.first_token);
            next = sentence.end_token;
        }
        prop_assert_eq!(next, tokens.len());
    }

    #[test]
    fn stems_are_slices_of_keys_and_stable(s in arabic_like()) {
        let stemmer = Stemmer::new();
        for t in tokenize(&s) {
            let key = normalize(t.text(&s));
            let stem = stemmer.stem(&key);
            prop_assert!(key.contains(stem));
            prop_assert!(!stem.is_empty() || key.is_empty());
            // The arabic-only entry point must not panic on any key either.
            let _ = stemmer.stem_arabic(&key);
        }
        let mut analyzer = Analyzer::new();
        analyzer.analyze(&s, |_, _| {});
    }

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        let tokens = tokenize(&s);
        let _ = sentences(&s, &tokens, &[(0, s.len())]);
        let _ = normalize(&s);
        Analyzer::new().analyze(&s, |_, _| {});
    }
}
