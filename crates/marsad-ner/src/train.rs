//! Training: the averaged structured perceptron (Collins 2002).
//!
//! Each epoch visits the sentences in a shuffled order (a fixed-seed generator, so the
//! result is reproducible), decodes with the current weights and, where the best sequence
//! differs from the gold one, moves weights towards the gold features and away from the
//! predicted ones. The model keeps the average of the weights over all steps, which
//! generalises far better than the last weights; the average is kept lazily (Daumé's trick:
//! `avg = w − u / c`).

use crate::corpus::Corpus;
use crate::features::{FeatureExtractor, Lexicons, SentenceFeatures, strip_key};
use crate::label::{Label, NUM_LABELS};
use crate::model::{FeatureMap, Model, viterbi};

/// Training settings.
#[derive(Clone, Copy, Debug)]
pub struct TrainConfig {
    pub epochs: usize,
    pub seed: u64,
    /// Features whose averaged weights are all below this (in absolute value) are dropped
    /// from the saved model.
    pub prune_below: f32,
    /// Words seen at most this often in the training corpus have their identity hidden
    /// (see [`FeatureExtractor::extract_hiding`]); 0 hides nothing.
    pub hide_rarer_than: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig { epochs: 12, seed: 0x6d61_7273_6164, prune_below: 1e-3, hide_rarer_than: 1 }
    }
}

/// A tiny deterministic generator (SplitMix64) for shuffling.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

struct Weights {
    index: FeatureMap<usize>,
    w: Vec<[f64; NUM_LABELS]>,
    u: Vec<[f64; NUM_LABELS]>,
    tw: [[f64; NUM_LABELS]; NUM_LABELS + 1],
    tu: [[f64; NUM_LABELS]; NUM_LABELS + 1],
    /// Steps so far (1-based so the first update counts).
    c: f64,
}

impl Weights {
    fn slot(&mut self, f: u64) -> usize {
        let next = self.w.len();
        let i = *self.index.entry(f).or_insert(next);
        if i == next {
            self.w.push([0.0; NUM_LABELS]);
            self.u.push([0.0; NUM_LABELS]);
        }
        i
    }

    fn update(&mut self, features: &[u64], label: usize, delta: f64) {
        for &f in features {
            let i = self.slot(f);
            self.w[i][label] += delta;
            self.u[i][label] += self.c * delta;
        }
    }

    fn update_transition(&mut self, prev: usize, cur: usize, delta: f64) {
        self.tw[prev][cur] += delta;
        self.tu[prev][cur] += self.c * delta;
    }

    fn emissions(&self, sf: &SentenceFeatures) -> Vec<[f32; NUM_LABELS]> {
        (0..sf.len())
            .map(|t| {
                let mut s = [0.0f32; NUM_LABELS];
                for f in sf.token(t) {
                    if let Some(&i) = self.index.get(f) {
                        for (x, w) in s.iter_mut().zip(&self.w[i]) {
                            *x += *w as f32;
                        }
                    }
                }
                s
            })
            .collect()
    }

    fn transitions(&self) -> [[f32; NUM_LABELS]; NUM_LABELS + 1] {
        let mut t = [[0.0f32; NUM_LABELS]; NUM_LABELS + 1];
        for (row, src) in t.iter_mut().zip(&self.tw) {
            for (x, w) in row.iter_mut().zip(src) {
                *x = *w as f32;
            }
        }
        t
    }
}

/// Per-epoch progress: epoch number (1-based) and the share of tokens mislabelled.
pub type EpochReport = (usize, f64);

/// Trains a model on `corpus` with name-list and word-class features from `lexicons`.
pub fn train(
    corpus: &Corpus,
    lexicons: Lexicons,
    config: TrainConfig,
    mut on_epoch: impl FnMut(EpochReport),
) -> Model {
    let extractor = FeatureExtractor::new();
    let mut frequency: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for s in &corpus.sentences {
        for t in &s.tokens {
            *frequency.entry(strip_key(t)).or_default() += 1;
        }
    }
    let data: Vec<(SentenceFeatures, Vec<usize>)> = corpus
        .sentences
        .iter()
        .map(|s| {
            let tokens: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            let hide: Vec<bool> = s
                .tokens
                .iter()
                .map(|t| {
                    frequency.get(&strip_key(t)).copied().unwrap_or(0) <= config.hide_rarer_than
                })
                .collect();
            (
                extractor.extract_hiding(&tokens, &lexicons, &hide),
                s.labels.iter().map(|l| l.index()).collect(),
            )
        })
        .collect();
    let mut w = Weights {
        index: FeatureMap::default(),
        w: Vec::new(),
        u: Vec::new(),
        tw: [[0.0; NUM_LABELS]; NUM_LABELS + 1],
        tu: [[0.0; NUM_LABELS]; NUM_LABELS + 1],
        c: 1.0,
    };
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = SplitMix(config.seed);
    let total_tokens: usize = data.iter().map(|(_, g)| g.len()).sum();
    for epoch in 1..=config.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut wrong = 0usize;
        for &s in &order {
            let (sf, gold) = &data[s];
            let pred: Vec<usize> =
                viterbi(&w.emissions(sf), &w.transitions()).into_iter().map(Label::index).collect();
            if pred != *gold {
                for t in 0..gold.len() {
                    let (g, p) = (gold[t], pred[t]);
                    if g != p {
                        wrong += 1;
                        w.update(sf.token(t), g, 1.0);
                        w.update(sf.token(t), p, -1.0);
                    }
                    let gp = if t == 0 { NUM_LABELS } else { gold[t - 1] };
                    let pp = if t == 0 { NUM_LABELS } else { pred[t - 1] };
                    if (gp, g) != (pp, p) {
                        w.update_transition(gp, g, 1.0);
                        w.update_transition(pp, p, -1.0);
                    }
                }
            }
            w.c += 1.0;
        }
        on_epoch((epoch, wrong as f64 / total_tokens.max(1) as f64));
    }

    // Average, prune, and freeze to f32.
    let mut weights = FeatureMap::default();
    for (&f, &i) in &w.index {
        let mut avg = [0.0f32; NUM_LABELS];
        for ((a, wl), ul) in avg.iter_mut().zip(&w.w[i]).zip(&w.u[i]) {
            *a = (wl - ul / w.c) as f32;
        }
        if avg.iter().any(|x| x.abs() >= config.prune_below) {
            weights.insert(f, avg);
        }
    }
    let mut transitions = [[0.0f32; NUM_LABELS]; NUM_LABELS + 1];
    for (p, row) in transitions.iter_mut().enumerate() {
        for (l, x) in row.iter_mut().enumerate() {
            *x = (w.tw[p][l] - w.tu[p][l] / w.c) as f32;
        }
    }
    Model::from_parts(weights, transitions, lexicons)
}
