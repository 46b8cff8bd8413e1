//! The article-extraction-benchmark's metric (scrapinghub/article-extraction-benchmark,
//! `evaluate.py`): per page, the multiset of 4-token shingles of the extracted body is
//! matched against the gold body's; the page's TP/FP/FN are normalized to sum to 1;
//! precision is the mean over pages with `tp + fp > 0`, recall the mean over pages with
//! `tp + fn > 0`, and F1 is the harmonic mean of those two means. Tokens are runs of word
//! characters (Python's `\w`: letters, digits, `_`).

use std::collections::HashMap;

/// One page's normalized true positives, false positives and false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
}

/// Shingle size used by the benchmark.
const N: usize = 4;

fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|t| !t.is_empty()).collect()
}

fn shingles<'t>(tokens: &'t [&'t str]) -> HashMap<&'t [&'t str], i64> {
    let mut map = HashMap::new();
    if tokens.is_empty() {
        return map;
    }
    if tokens.len() < N {
        map.insert(tokens, 1);
        return map;
    }
    for w in tokens.windows(N) {
        *map.entry(w).or_insert(0) += 1;
    }
    map
}

/// Compares one extracted body with the gold body.
pub fn compare(gold: &str, predicted: &str) -> Counts {
    let (gt, pt) = (tokens(gold), tokens(predicted));
    let (g, p) = (shingles(&gt), shingles(&pt));
    let (mut tp, mut fp, mut fn_) = (0i64, 0i64, 0i64);
    for (k, &gc) in &g {
        let pc = p.get(k).copied().unwrap_or(0);
        tp += gc.min(pc);
        fn_ += (gc - pc).max(0);
    }
    for (k, &pc) in &p {
        let gc = g.get(k).copied().unwrap_or(0);
        fp += (pc - gc).max(0);
    }
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return Counts::default();
    }
    Counts { tp: tp as f64 / sum, fp: fp as f64 / sum, fn_: fn_ as f64 / sum }
}

/// Precision, recall and F1 over pages, as the benchmark aggregates them.
pub fn aggregate(pages: &[Counts]) -> (f64, f64, f64) {
    let mean =
        |xs: Vec<f64>| if xs.is_empty() { 0.0 } else { xs.iter().sum::<f64>() / xs.len() as f64 };
    let precision = mean(
        pages
            .iter()
            .filter(|c| c.tp + c.fp > 0.0)
            .map(|c| if c.fp == 0.0 && c.fn_ == 0.0 { 1.0 } else { c.tp / (c.tp + c.fp) })
            .collect(),
    );
    let recall = mean(
        pages
            .iter()
            .filter(|c| c.tp + c.fn_ > 0.0)
            .map(|c| if c.fp == 0.0 && c.fn_ == 0.0 { 1.0 } else { c.tp / (c.tp + c.fn_) })
            .collect(),
    );
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    (precision, recall, f1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_partial_and_empty() {
        let gold = "one two three four five six";
        assert_eq!(compare(gold, gold), Counts { tp: 1.0, fp: 0.0, fn_: 0.0 });
        // 3 gold shingles; prediction has the first 2 plus one wrong.
        let c = compare(gold, "one two three four five x");
        assert!((c.tp - 2.0 / 4.0).abs() < 1e-9 && (c.fp - 1.0 / 4.0).abs() < 1e-9);
        // Empty prediction: recall 0, no precision term.
        let empty = compare(gold, "");
        assert_eq!(empty, Counts { tp: 0.0, fp: 0.0, fn_: 1.0 });
        let (p, r, f) = aggregate(&[compare(gold, gold), empty]);
        assert!((p - 1.0).abs() < 1e-9 && (r - 0.5).abs() < 1e-9 && (f - 2.0 / 3.0).abs() < 1e-9);
    }
}
