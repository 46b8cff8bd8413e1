//! Word classes learned from unlabeled news: what a word is like, for words the labelled
//! corpus never showed.
//!
//! A third of the entity words in the ANERcorp test split never occur in its training part.
//! Unlabeled news shows how such words behave: the words around them (a name sits where
//! names sit: after `الرئيس`, before `إن`), and whether they take the article (foreign names
//! and most person names never do). [`WordClassesBuilder`] counts both over a corpus, groups
//! words with similar contexts by spherical k-means over PPMI-weighted left/right neighbour
//! vectors, and yields a [`WordClasses`] table that the tagger's features read.

use std::collections::HashMap;

use crate::features::{hash_str, strip_key_with_article};
use crate::model::FeatureMap;

/// What the tagger may know about a word from unlabeled text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordClass {
    /// Coarse and fine context clusters (`u16::MAX`: none).
    pub coarse: u16,
    pub fine: u16,
    /// The word's leaf in a binary hierarchy of context clusters (bisecting k-means, in the
    /// spirit of Brown clusters): a leading 1 bit, then one bit per level, left to right;
    /// 0 for none. Prefixes of it are coarser clusters.
    pub path: u16,
    /// How often the word takes the article: 0 never, 1 seldom, 2 sometimes, 3 mostly.
    pub article: u8,
    /// log2 of the word's count, capped at 15.
    pub frequency: u8,
}

/// Word classes by hash of the clitic-stripped key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WordClasses {
    pub(crate) map: FeatureMap<WordClass>,
}

impl WordClasses {
    pub fn get(&self, stripped_hash: u64) -> Option<WordClass> {
        self.map.get(&stripped_hash).copied()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Settings for [`WordClassesBuilder::build`].
#[derive(Clone, Copy, Debug)]
pub struct ClassConfig {
    /// Words seen fewer times get no cluster (but still frequency and article classes).
    pub min_count: u32,
    pub max_vocabulary: usize,
    /// Number of context words (dimensions per side).
    pub context_words: usize,
    pub coarse_clusters: usize,
    pub fine_clusters: usize,
    /// Levels of the binary hierarchy (at most 15).
    pub depth: usize,
    pub iterations: usize,
}

impl Default for ClassConfig {
    fn default() -> Self {
        ClassConfig {
            min_count: 4,
            max_vocabulary: 60_000,
            context_words: 3_000,
            coarse_clusters: 64,
            fine_clusters: 384,
            depth: 12,
            iterations: 10,
        }
    }
}

/// Collects unlabeled sentences.
#[derive(Clone, Debug, Default)]
pub struct WordClassesBuilder {
    ids: HashMap<String, u32>,
    words: Vec<String>,
    count: Vec<u32>,
    with_article: Vec<u32>,
    /// Word ids of all sentences, each followed by `u32::MAX`.
    stream: Vec<u32>,
}

const SEPARATOR: u32 = u32::MAX;

impl WordClassesBuilder {
    pub fn new() -> Self {
        WordClassesBuilder::default()
    }

    /// Adds one sentence (its tokens, punctuation included).
    pub fn add_sentence(&mut self, tokens: &[&str]) {
        for t in tokens {
            let (stripped, article) = strip_key_with_article(t);
            if stripped.is_empty() {
                continue;
            }
            let next = self.words.len() as u32;
            let id = *self.ids.entry(stripped.clone()).or_insert(next);
            if id == next {
                self.words.push(stripped);
                self.count.push(0);
                self.with_article.push(0);
            }
            let i = id as usize;
            self.count[i] += 1;
            self.with_article[i] += u32::from(article);
            self.stream.push(id);
        }
        self.stream.push(SEPARATOR);
    }

    pub fn tokens(&self) -> usize {
        self.stream.len() - self.stream.iter().filter(|&&x| x == SEPARATOR).count()
    }

    /// Computes the classes. Deterministic for the same sentences in the same order.
    pub fn build(&self, config: ClassConfig) -> WordClasses {
        let n_words = self.words.len();
        // Ids by descending frequency (ties by id, for determinism).
        let mut by_freq: Vec<u32> = (0..n_words as u32).collect();
        by_freq
            .sort_by(|&a, &b| self.count[b as usize].cmp(&self.count[a as usize]).then(a.cmp(&b)));
        let vocab: Vec<u32> = by_freq
            .iter()
            .copied()
            .filter(|&w| self.count[w as usize] >= config.min_count)
            .take(config.max_vocabulary)
            .collect();
        let mut row_of = vec![u32::MAX; n_words];
        for (r, &w) in vocab.iter().enumerate() {
            row_of[w as usize] = r as u32;
        }
        let mut dim_of = vec![u32::MAX; n_words];
        for (d, &w) in by_freq.iter().take(config.context_words).enumerate() {
            dim_of[w as usize] = d as u32;
        }
        let dims = 2 * config.context_words.min(n_words);

        // Left/right context counts per vocabulary word.
        let mut rows: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
        let mut dim_total = vec![0f64; dims];
        let mut total = 0f64;
        for window in self.stream.windows(2) {
            let (a, b) = (window[0], window[1]);
            if a == SEPARATOR || b == SEPARATOR {
                continue;
            }
            // b's left neighbour is a; a's right neighbour is b.
            if let (Some(&r), Some(&d)) = (row_of.get(b as usize), dim_of.get(a as usize))
                && r != u32::MAX
                && d != u32::MAX
            {
                *rows[r as usize].entry(d).or_default() += 1.0;
                dim_total[d as usize] += 1.0;
                total += 1.0;
            }
            if let (Some(&r), Some(&d)) = (row_of.get(a as usize), dim_of.get(b as usize))
                && r != u32::MAX
                && d != u32::MAX
            {
                let d = d + (dims / 2) as u32;
                *rows[r as usize].entry(d).or_default() += 1.0;
                dim_total[d as usize] += 1.0;
                total += 1.0;
            }
        }
        // PPMI weighting, then unit length.
        let vectors: Vec<Vec<(u32, f32)>> = rows
            .iter()
            .map(|row| {
                let row_total: f64 = row.values().map(|&x| f64::from(x)).sum();
                let mut v: Vec<(u32, f32)> = row
                    .iter()
                    .filter_map(|(&d, &c)| {
                        let pmi = (f64::from(c) * total / (row_total * dim_total[d as usize])).ln();
                        (pmi > 0.0).then_some((d, pmi as f32))
                    })
                    .collect();
                v.sort_by_key(|&(d, _)| d);
                let norm = v.iter().map(|&(_, x)| x * x).sum::<f32>().sqrt();
                if norm > 0.0 {
                    v.iter_mut().for_each(|(_, x)| *x /= norm);
                }
                v
            })
            .collect();
        let coarse = spherical_kmeans(&vectors, dims, config.coarse_clusters, config.iterations);
        let fine = spherical_kmeans(&vectors, dims, config.fine_clusters, config.iterations);
        let paths = hierarchy(&vectors, dims, config.depth.min(15), config.iterations.min(6));

        let mut map = FeatureMap::default();
        for (id, word) in self.words.iter().enumerate() {
            let n = self.count[id];
            if n < 2 {
                continue;
            }
            let share = f64::from(self.with_article[id]) / f64::from(n);
            let article = if self.with_article[id] == 0 {
                0
            } else if share < 0.1 {
                1
            } else if share < 0.5 {
                2
            } else {
                3
            };
            let row = row_of[id];
            let (c, f, path) = if row == u32::MAX {
                (u16::MAX, u16::MAX, 0)
            } else {
                (coarse[row as usize], fine[row as usize], paths[row as usize])
            };
            let frequency = (32 - n.leading_zeros()).min(15) as u8;
            map.insert(hash_str(word), WordClass { coarse: c, fine: f, path, article, frequency });
        }
        WordClasses { map }
    }
}

/// Spherical k-means over unit sparse vectors; the first `k` vectors (the most frequent
/// words) seed the centroids. Returns each vector's cluster.
fn spherical_kmeans(
    vectors: &[Vec<(u32, f32)>],
    dims: usize,
    k: usize,
    iterations: usize,
) -> Vec<u16> {
    let k = k.min(vectors.len()).clamp(1, u16::MAX as usize - 1);
    let mut centroids: Vec<Vec<f32>> = (0..k)
        .map(|c| {
            let mut dense = vec![0f32; dims];
            for &(d, x) in vectors.get(c).map(Vec::as_slice).unwrap_or(&[]) {
                if let Some(slot) = dense.get_mut(d as usize) {
                    *slot = x;
                }
            }
            dense
        })
        .collect();
    let mut assignment = vec![0u16; vectors.len()];
    for _ in 0..iterations {
        for (v, a) in vectors.iter().zip(assignment.iter_mut()) {
            let mut best = (f32::NEG_INFINITY, 0usize);
            for (c, centroid) in centroids.iter().enumerate() {
                let s: f32 = v
                    .iter()
                    .map(|&(d, x)| x * centroid.get(d as usize).copied().unwrap_or(0.0))
                    .sum();
                if s > best.0 {
                    best = (s, c);
                }
            }
            *a = best.1 as u16;
        }
        let mut sums = vec![vec![0f32; dims]; k];
        for (v, &a) in vectors.iter().zip(&assignment) {
            for &(d, x) in v {
                if let Some(slot) = sums[a as usize].get_mut(d as usize) {
                    *slot += x;
                }
            }
        }
        for (c, sum) in sums.into_iter().enumerate() {
            let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                centroids[c] = sum.into_iter().map(|x| x / norm).collect();
            }
        }
    }
    assignment
}

/// Unit-length dense centroid of some sparse vectors.
fn centroid(vectors: &[Vec<(u32, f32)>], members: &[usize], dims: usize) -> Vec<f32> {
    let mut sum = vec![0f32; dims];
    for &m in members {
        for &(d, x) in vectors.get(m).map(Vec::as_slice).unwrap_or(&[]) {
            if let Some(slot) = sum.get_mut(d as usize) {
                *slot += x;
            }
        }
    }
    let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        sum.iter_mut().for_each(|x| *x /= norm);
    }
    sum
}

fn dot(v: &[(u32, f32)], dense: &[f32]) -> f32 {
    v.iter().map(|&(d, x)| x * dense.get(d as usize).copied().unwrap_or(0.0)).sum()
}

/// Splits `members` in two by spherical 2-means, seeded with the first member (the most
/// frequent word) and the member least like it.
fn split(
    vectors: &[Vec<(u32, f32)>],
    members: &[usize],
    dims: usize,
    iterations: usize,
) -> (Vec<usize>, Vec<usize>) {
    let seed_a = centroid(vectors, &members[..1], dims);
    let far = members
        .iter()
        .copied()
        .min_by(|&x, &y| dot(&vectors[x], &seed_a).total_cmp(&dot(&vectors[y], &seed_a)))
        .unwrap_or(members[0]);
    let (mut ca, mut cb) = (seed_a, centroid(vectors, &[far], dims));
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for _ in 0..iterations.max(1) {
        left.clear();
        right.clear();
        for &m in members {
            if dot(&vectors[m], &ca) >= dot(&vectors[m], &cb) {
                left.push(m)
            } else {
                right.push(m)
            }
        }
        if left.is_empty() || right.is_empty() {
            break;
        }
        ca = centroid(vectors, &left, dims);
        cb = centroid(vectors, &right, dims);
    }
    if left.is_empty() || right.is_empty() {
        // No structure to split on: halve by frequency rank, so codes stay distinct.
        let half = members.len() / 2;
        return (members[..half].to_vec(), members[half..].to_vec());
    }
    (left, right)
}

/// Binary hierarchy codes by recursive 2-means (see [`WordClass::path`]).
fn hierarchy(
    vectors: &[Vec<(u32, f32)>],
    dims: usize,
    depth: usize,
    iterations: usize,
) -> Vec<u16> {
    let mut codes = vec![1u16; vectors.len()];
    let mut clusters: Vec<Vec<usize>> = vec![(0..vectors.len()).collect()];
    for _ in 0..depth {
        let mut next = Vec::with_capacity(clusters.len() * 2);
        for members in clusters {
            if members.len() < 2 {
                members.iter().for_each(|&m| codes[m] <<= 1);
                next.push(members);
                continue;
            }
            let (left, right) = split(vectors, &members, dims, iterations);
            left.iter().for_each(|&m| codes[m] <<= 1);
            right.iter().for_each(|&m| codes[m] = codes[m] << 1 | 1);
            next.push(left);
            next.push(right);
        }
        clusters = next;
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_slots_share_a_cluster() {
        let mut b = WordClassesBuilder::new();
        // Our own toy corpus: city names after في, verbs after ثم.
        for _ in 0..5 {
            for city in ["دمشق", "عمان", "بغداد", "القاهرة"] {
                b.add_sentence(&["وصل", "الوفد", "إلى", city, "اليوم"]);
            }
            for verb in ["غادر", "عاد", "رجع"] {
                b.add_sentence(&["ثم", verb, "الوفد", "سريعا"]);
            }
        }
        let config = ClassConfig {
            min_count: 2,
            coarse_clusters: 2,
            fine_clusters: 3,
            iterations: 5,
            ..ClassConfig::default()
        };
        let classes = b.build(config);
        let class = |w: &str| classes.get(hash_str(&crate::features::strip_key(w)));
        let (dam, bag, ghad) = (class("دمشق"), class("بغداد"), class("غادر"));
        assert!(dam.is_some() && bag.is_some() && ghad.is_some());
        assert_eq!(dam.map(|c| c.coarse), bag.map(|c| c.coarse));
        assert_ne!(dam.map(|c| c.coarse), ghad.map(|c| c.coarse));
        // The hierarchy puts the cities under one branch, away from the verbs.
        let top = |c: Option<WordClass>| c.map(|c| c.path >> (15 - c.path.leading_zeros() - 1));
        assert_eq!(top(dam), top(bag));
        assert_ne!(top(dam), top(ghad));
        assert_eq!(class("القاهرة").map(|c| c.article), Some(3));
        assert_eq!(dam.map(|c| c.article), Some(0));
    }
}
