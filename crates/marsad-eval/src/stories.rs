//! Story clustering against hand-made story labels: B-cubed precision, recall and F1.
//!
//! B-cubed (Bagga & Baldwin 1998) scores each labelled article: precision is the share of
//! the articles in its predicted cluster that have its gold story, recall the share of its
//! gold story found in its predicted cluster (both counted over labelled articles only, the
//! article itself included); the figures are means over labelled articles. Unlabelled
//! articles in the predicted clusters are ignored; a labelled article that the clusterer
//! never saw counts as a singleton cluster.

use std::collections::HashMap;

use serde::Serialize;

/// A labelled article: `(document id, story id)`.
pub type Label = (String, String);

/// Reads a labels file: `# comment` and blank lines skipped, else `id<TAB>story`.
/// Returns the labels and the numbers (1-based) of malformed lines.
pub fn read_labels(text: &str) -> (Vec<Label>, Vec<usize>) {
    let mut labels = Vec::new();
    let mut bad = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        match line.split_once('\t') {
            Some((id, story)) if !id.trim().is_empty() && !story.trim().is_empty() => {
                labels.push((id.trim().to_owned(), story.trim().to_owned()));
            }
            _ => bad.push(n + 1),
        }
    }
    (labels, bad)
}

/// B-cubed figures.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct BCubed {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Labelled articles scored.
    pub articles: usize,
    /// Gold stories among them.
    pub gold_stories: usize,
    /// Predicted clusters holding at least one labelled article.
    pub predicted_clusters: usize,
    /// Labelled articles the clusterer did not place (scored as singletons).
    pub unplaced: usize,
}

/// B-cubed of `predicted` (document id → cluster id) against `gold`.
pub fn bcubed(gold: &[Label], predicted: &HashMap<String, String>) -> BCubed {
    let mut unplaced = 0;
    let pred: Vec<String> = gold
        .iter()
        .map(|(id, _)| match predicted.get(id) {
            Some(c) => format!("c:{c}"),
            None => {
                unplaced += 1;
                format!("u:{id}")
            }
        })
        .collect();
    let mut pair: HashMap<(&str, &str), usize> = HashMap::new();
    let mut gsize: HashMap<&str, usize> = HashMap::new();
    let mut psize: HashMap<&str, usize> = HashMap::new();
    for ((_, g), p) in gold.iter().zip(&pred) {
        *pair.entry((g.as_str(), p.as_str())).or_default() += 1;
        *gsize.entry(g.as_str()).or_default() += 1;
        *psize.entry(p.as_str()).or_default() += 1;
    }
    let (mut p_sum, mut r_sum) = (0.0, 0.0);
    for ((_, g), p) in gold.iter().zip(&pred) {
        let both = pair.get(&(g.as_str(), p.as_str())).copied().unwrap_or(0) as f64;
        p_sum += both / psize.get(p.as_str()).copied().unwrap_or(1).max(1) as f64;
        r_sum += both / gsize.get(g.as_str()).copied().unwrap_or(1).max(1) as f64;
    }
    let n = gold.len();
    let (precision, recall) =
        if n == 0 { (0.0, 0.0) } else { (p_sum / n as f64, r_sum / n as f64) };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    BCubed {
        precision,
        recall,
        f1,
        articles: n,
        gold_stories: gsize.len(),
        predicted_clusters: psize.len(),
        unplaced,
    }
}

/// One labelled group as the other side sees it: `(key, member ids)`, largest part first.
pub type Parts = Vec<(String, Vec<String>)>;

/// What a clustering got wrong, over labelled articles only.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct StoryErrors {
    /// Gold stories spread over several predicted clusters: `(gold story, parts by
    /// predicted cluster)`, biggest gold story first.
    pub split: Vec<(String, Parts)>,
    /// Predicted clusters holding several gold stories: `(cluster, parts by gold story)`,
    /// biggest cluster first.
    pub merged: Vec<(String, Parts)>,
}

/// The split gold stories and merged predicted clusters of `predicted` against `gold`
/// (an unplaced article is its own cluster, as in [`bcubed`]).
pub fn story_errors(gold: &[Label], predicted: &HashMap<String, String>) -> StoryErrors {
    fn group(items: &[(&str, &str, &str)]) -> Vec<(String, Parts)> {
        // (outer key, inner key, id) → outer → inner → ids, keeping only outer keys with
        // more than one inner key.
        let mut map: HashMap<&str, HashMap<&str, Vec<String>>> = HashMap::new();
        for &(outer, inner, id) in items {
            map.entry(outer).or_default().entry(inner).or_default().push(id.to_owned());
        }
        let mut out: Vec<(String, Parts)> = map
            .into_iter()
            .filter(|(_, inner)| inner.len() > 1)
            .map(|(outer, inner)| {
                let mut parts: Parts =
                    inner.into_iter().map(|(k, ids)| (k.to_owned(), ids)).collect();
                parts.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
                (outer.to_owned(), parts)
            })
            .collect();
        let size = |p: &Parts| p.iter().map(|x| x.1.len()).sum::<usize>();
        out.sort_by(|a, b| size(&b.1).cmp(&size(&a.1)).then_with(|| a.0.cmp(&b.0)));
        out
    }
    let pred: Vec<String> = gold
        .iter()
        .map(|(id, _)| predicted.get(id).cloned().unwrap_or_else(|| format!("unplaced:{id}")))
        .collect();
    let by_gold: Vec<(&str, &str, &str)> =
        gold.iter().zip(&pred).map(|((id, g), p)| (g.as_str(), p.as_str(), id.as_str())).collect();
    let by_pred: Vec<(&str, &str, &str)> =
        gold.iter().zip(&pred).map(|((id, g), p)| (p.as_str(), g.as_str(), id.as_str())).collect();
    StoryErrors { split: group(&by_gold), merged: group(&by_pred) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(pairs: &[(&str, &str)]) -> Vec<Label> {
        pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    fn pred(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn perfect_clustering_scores_one() {
        let g = gold(&[("a", "x"), ("b", "x"), ("c", "y")]);
        let s = bcubed(&g, &pred(&[("a", "1"), ("b", "1"), ("c", "2"), ("z", "2")]));
        assert_eq!((s.precision, s.recall, s.f1), (1.0, 1.0, 1.0));
        assert_eq!((s.gold_stories, s.predicted_clusters), (2, 2));
    }

    #[test]
    fn one_big_cluster_and_all_singletons() {
        let g = gold(&[("a", "x"), ("b", "x"), ("c", "y"), ("d", "y")]);
        let lumped = bcubed(&g, &pred(&[("a", "1"), ("b", "1"), ("c", "1"), ("d", "1")]));
        assert!((lumped.precision - 0.5).abs() < 1e-12);
        assert!((lumped.recall - 1.0).abs() < 1e-12);
        // Nothing placed: every article is its own cluster.
        let split = bcubed(&g, &HashMap::new());
        assert_eq!(split.unplaced, 4);
        assert!((split.precision - 1.0).abs() < 1e-12);
        assert!((split.recall - 0.5).abs() < 1e-12);
        assert!((split.f1 - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn textbook_example() {
        // Gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}.
        let g = gold(&[("a", "x"), ("b", "x"), ("c", "x"), ("d", "y"), ("e", "y")]);
        let s = bcubed(&g, &pred(&[("a", "1"), ("b", "1"), ("c", "2"), ("d", "2"), ("e", "2")]));
        // P: a,b 1; c 1/3; d,e 2/3 → (2 + 1/3 + 4/3)/5 = 11/15.
        assert!((s.precision - 11.0 / 15.0).abs() < 1e-12);
        // R: a,b 2/3; c 1/3; d,e 1 → (4/3 + 1/3 + 2)/5 = 11/15.
        assert!((s.recall - 11.0 / 15.0).abs() < 1e-12);
    }

    #[test]
    fn labels_file_skips_comments_and_reports_bad_lines() {
        let (l, bad) = read_labels("# c\n\nA-1\tx\nbroken\nB-2\ty\r\n");
        assert_eq!(l, gold(&[("A-1", "x"), ("B-2", "y")]));
        assert_eq!(bad, vec![4]);
        assert_eq!(bcubed(&[], &HashMap::new()).f1, 0.0);
    }

    #[test]
    fn errors_list_split_stories_and_merged_clusters() {
        let g = gold(&[("a", "x"), ("b", "x"), ("c", "x"), ("d", "y"), ("e", "z")]);
        let e = story_errors(&g, &pred(&[("a", "1"), ("b", "1"), ("c", "2"), ("d", "2")]));
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            e.split,
            vec![(
                "x".to_string(),
                vec![("1".to_string(), ids(&["a", "b"])), ("2".to_string(), ids(&["c"]))]
            )]
        );
        assert_eq!(
            e.merged,
            vec![(
                "2".to_string(),
                vec![("x".to_string(), ids(&["c"])), ("y".to_string(), ids(&["d"]))]
            )]
        );
    }
}
