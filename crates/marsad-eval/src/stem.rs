//! Stemmer evaluation: how well stems group the surface forms of one lemma.
//!
//! Over the distinct surface forms of a lemma-annotated corpus (each form taking its most
//! frequent lemma), every pair of forms is a decision: same stem or not. Recall is the share
//! of same-lemma pairs that share a stem (conflation), precision the share of same-stem pairs
//! that share a lemma (no false merges), F1 their harmonic mean. Punctuation, numbers,
//! symbols and words without Arabic letters are left out.

use std::collections::HashMap;

use marsad_text::{Stemmer, normalize};
use serde::Serialize;

use crate::conllu::LemmaWord;

/// Pairwise conflation scores of one stemmer.
#[derive(Clone, Debug, Serialize)]
pub struct ConflationScore {
    pub stemmer: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Number of distinct stems the forms fell into.
    pub stems: usize,
}

/// The whole evaluation: the corpus size and one score per stemmer.
#[derive(Clone, Debug, Serialize)]
pub struct StemReport {
    pub words: usize,
    pub forms: usize,
    pub lemmas: usize,
    pub scores: Vec<ConflationScore>,
}

fn pairs(n: usize) -> u64 {
    let n = n as u64;
    n * n.saturating_sub(1) / 2
}

/// Distinct evaluable surface forms with the key of their most frequent lemma.
pub fn form_lemmas(words: &[LemmaWord]) -> Vec<(String, String)> {
    let mut counts: HashMap<&str, HashMap<String, usize>> = HashMap::new();
    for w in words {
        if matches!(w.upos.as_str(), "PUNCT" | "NUM" | "SYM") {
            continue;
        }
        if !w.surface.chars().any(|c| matches!(c, '\u{0621}'..='\u{064A}')) {
            continue;
        }
        *counts.entry(&w.surface).or_default().entry(normalize(&w.lemma)).or_default() += 1;
    }
    let mut out: Vec<(String, String)> = counts
        .into_iter()
        .map(|(form, lemmas)| {
            // Ties broken by the lemma itself so the result does not depend on hash order.
            let lemma = lemmas
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map(|(l, _)| l)
                .unwrap_or_default();
            (form.to_owned(), lemma)
        })
        .collect();
    out.sort();
    out
}

/// Scores one stemming function over `(form, lemma)` pairs.
pub fn score(
    name: &str,
    forms: &[(String, String)],
    stem: impl Fn(&str) -> String,
) -> ConflationScore {
    let mut by_cell: HashMap<(String, &str), usize> = HashMap::new();
    let mut by_stem: HashMap<String, usize> = HashMap::new();
    let mut by_lemma: HashMap<&str, usize> = HashMap::new();
    for (form, lemma) in forms {
        let s = stem(form);
        *by_cell.entry((s.clone(), lemma.as_str())).or_default() += 1;
        *by_stem.entry(s).or_default() += 1;
        *by_lemma.entry(lemma.as_str()).or_default() += 1;
    }
    let both: u64 = by_cell.values().map(|&n| pairs(n)).sum();
    let same_stem: u64 = by_stem.values().map(|&n| pairs(n)).sum();
    let same_lemma: u64 = by_lemma.values().map(|&n| pairs(n)).sum();
    let precision = if same_stem == 0 { 1.0 } else { both as f64 / same_stem as f64 };
    let recall = if same_lemma == 0 { 1.0 } else { both as f64 / same_lemma as f64 };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    ConflationScore { stemmer: name.to_owned(), precision, recall, f1, stems: by_stem.len() }
}

/// Evaluates Marsad's stemmer (with its shipped lexicon, and with rules alone) against Snowball Arabic (rust-stemmers, the one tantivy uses)
/// and the no-stemming baseline (the key alone), on the same forms.
pub fn evaluate(words: &[LemmaWord]) -> StemReport {
    let forms = form_lemmas(words);
    let lemmas =
        forms.iter().map(|(_, l)| l.as_str()).collect::<std::collections::HashSet<_>>().len();
    let ours = Stemmer::new();
    let rules = Stemmer::rules_only();
    let snowball = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Arabic);
    let scores = vec![
        score("marsad", &forms, |f| ours.stem(&normalize(f)).to_owned()),
        score("marsad (rules, no lexicon)", &forms, |f| rules.stem(&normalize(f)).to_owned()),
        score("snowball-arabic", &forms, |f| snowball.stem(f).into_owned()),
        score("snowball-arabic-on-keys", &forms, |f| snowball.stem(&normalize(f)).into_owned()),
        score("no-stemming (key)", &forms, normalize),
    ];
    StemReport { words: words.len(), forms: forms.len(), lemmas, scores }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(f, l)| (f.to_string(), l.to_string())).collect()
    }

    #[test]
    fn perfect_and_degenerate_stemmers() {
        let f = forms(&[("a1", "a"), ("a2", "a"), ("b1", "b"), ("b2", "b")]);
        let perfect = score("p", &f, |w| w[..1].to_owned());
        assert_eq!((perfect.precision, perfect.recall, perfect.f1), (1.0, 1.0, 1.0));
        let lump = score("l", &f, |_| "x".to_owned());
        assert_eq!(lump.recall, 1.0);
        assert!((lump.precision - 2.0 / 6.0).abs() < 1e-9);
        let split = score("s", &f, |w| w.to_owned());
        assert_eq!(split.recall, 0.0);
        assert_eq!(split.f1, 0.0);
    }
}
