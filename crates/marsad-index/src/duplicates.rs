//! `marsad duplicates`: exact and near-duplicate articles.
//!
//! Each article's headline and body become normalized word keys; identical key sequences
//! are exact duplicates. For near duplicates, 5-word shingles are summarised by a 126-hash
//! MinHash signature, and locality-sensitive hashing (42 bands of 3 rows: a pair with
//! Jaccard 0.5 is proposed with probability 0.995) proposes pairs. A pair is a near
//! duplicate when its estimated Jaccard similarity, or the estimated share of the shorter
//! article's shingles found in the longer one (containment: an updated or extended version
//! of the same story), reaches the threshold. Two records with the same URL are the same
//! article by definition (one filed twice, or an update): they are reported as `same-url`
//! with their text similarity, whatever it is.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::analysis::exact_terms;
use crate::archive::{Archive, fnv1a};
use crate::error::ArchiveError;

const SHINGLE: usize = 5;
const HASHES: usize = 126;
const BANDS: usize = 42;
const ROWS: usize = HASHES / BANDS;
/// Buckets larger than this (boilerplate shared by many pages) propose no pairs.
const MAX_BUCKET: usize = 50;

/// What to look for.
#[derive(Clone, Copy, Debug)]
pub struct DuplicatesRequest {
    /// Lowest estimated Jaccard similarity of shingles for a near duplicate (0..=1).
    pub threshold: f64,
}

impl Default for DuplicatesRequest {
    fn default() -> Self {
        DuplicatesRequest { threshold: 0.8 }
    }
}

/// Two articles with (nearly) the same text.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct DuplicatePair {
    pub a: String,
    pub b: String,
    /// 1.0 for exact duplicates; else the MinHash estimate of shingle Jaccard similarity.
    pub similarity: f64,
    /// Estimated share of the shorter article's shingles that the longer one has.
    pub containment: f64,
    /// `exact` (same words), `near` (similarity or containment over the threshold) or
    /// `same-url` (the same URL with different text: an update or a re-filing).
    pub kind: &'static str,
    pub a_source: Option<String>,
    pub b_source: Option<String>,
    pub headline: String,
}

struct Signature {
    id: String,
    source: Option<String>,
    url: Option<String>,
    headline: String,
    exact: u64,
    minhash: Vec<u64>,
    /// Number of distinct shingles.
    shingles: usize,
}

/// splitmix64: a fast, well-mixed 64-bit hash of a 64-bit value.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn signature(id: String, json: &str) -> Option<Signature> {
    let record: Value = serde_json::from_str(json).ok()?;
    let headline = record.get("headline").and_then(Value::as_str).unwrap_or_default().to_owned();
    let mut text = headline.clone();
    for p in record.get("paragraphs").and_then(Value::as_array).into_iter().flatten() {
        text.push('\n');
        text.push_str(p.get("text").and_then(Value::as_str).unwrap_or_default());
    }
    let keys = exact_terms(&text);
    if keys.is_empty() {
        return None;
    }
    let exact = fnv1a(keys.join(" ").as_bytes());
    let word_hashes: Vec<u64> = keys.iter().map(|k| fnv1a(k.as_bytes())).collect();
    let mut shingles: Vec<u64> = if word_hashes.len() < SHINGLE {
        vec![word_hashes.iter().fold(0u64, |h, w| mix(h ^ w))]
    } else {
        word_hashes.windows(SHINGLE).map(|w| w.iter().fold(0u64, |h, x| mix(h ^ x))).collect()
    };
    shingles.sort_unstable();
    shingles.dedup();
    let minhash = (0..HASHES as u64)
        .map(|i| {
            let seed = mix(i.wrapping_add(0x5eed));
            shingles.iter().map(|s| mix(s ^ seed)).min().unwrap_or(u64::MAX)
        })
        .collect();
    let source = record.get("source").and_then(Value::as_str).map(str::to_owned);
    let url = ["canonical_url", "url"]
        .iter()
        .find_map(|k| record.get(*k).and_then(Value::as_str))
        .map(|u| u.trim().trim_end_matches('/').to_owned())
        .filter(|u| !u.is_empty());
    Some(Signature { id, source, url, headline, exact, minhash, shingles: shingles.len() })
}

fn pair(
    a: &Signature,
    b: &Signature,
    similarity: f64,
    containment: f64,
    kind: &'static str,
) -> DuplicatePair {
    DuplicatePair {
        a: a.id.clone(),
        b: b.id.clone(),
        similarity,
        containment,
        kind,
        a_source: a.source.clone(),
        b_source: b.source.clone(),
        headline: a.headline.clone(),
    }
}

/// MinHash estimates of Jaccard similarity and of containment of the smaller article.
fn estimate(a: &Signature, b: &Signature) -> (f64, f64) {
    let same = a.minhash.iter().zip(&b.minhash).filter(|(x, y)| x == y).count();
    let similarity = same as f64 / HASHES as f64;
    // |A∩B| = J·(|A|+|B|)/(1+J), over the smaller set.
    let (na, nb) = (a.shingles as f64, b.shingles as f64);
    let containment = (similarity * (na + nb) / (1.0 + similarity) / na.min(nb).max(1.0)).min(1.0);
    (similarity, containment)
}

impl Archive {
    /// Every exact and near-duplicate pair, most similar first.
    pub fn duplicates(&self, req: &DuplicatesRequest) -> Result<Vec<DuplicatePair>, ArchiveError> {
        let mut raw = Vec::new();
        self.for_each(|id, json| raw.push((id.to_owned(), json.to_owned())))?;
        let sigs: Vec<Signature> =
            raw.into_par_iter().filter_map(|(id, json)| signature(id, &json)).collect();

        let mut out = Vec::new();
        // Exact: same key sequence.
        let mut by_exact: HashMap<u64, Vec<usize>> = HashMap::new();
        for (i, s) in sigs.iter().enumerate() {
            by_exact.entry(s.exact).or_default().push(i);
        }
        for group in by_exact.values().filter(|g| g.len() > 1) {
            for (x, &i) in group.iter().enumerate() {
                for &j in group.iter().skip(x + 1) {
                    if let (Some(a), Some(b)) = (sigs.get(i), sigs.get(j)) {
                        out.push(pair(a, b, 1.0, 1.0, "exact"));
                    }
                }
            }
        }
        // Near: LSH buckets over one representative per exact group.
        let reps: Vec<usize> = {
            let mut r: Vec<usize> = by_exact.values().filter_map(|g| g.first().copied()).collect();
            r.sort_unstable();
            r
        };
        let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
        for &i in &reps {
            let Some(s) = sigs.get(i) else { continue };
            for (band, rows) in s.minhash.chunks(ROWS).enumerate() {
                let key = rows.iter().fold(band as u64, |h, r| mix(h ^ r));
                buckets.entry((band, key)).or_default().push(i);
            }
        }
        let mut candidates: Vec<(usize, usize)> = buckets
            .values()
            .filter(|b| b.len() > 1 && b.len() <= MAX_BUCKET)
            .flat_map(|b| {
                b.iter().enumerate().flat_map(move |(x, &i)| {
                    b.iter().skip(x + 1).map(move |&j| (i.min(j), i.max(j)))
                })
            })
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for (i, j) in candidates {
            let (Some(a), Some(b)) = (sigs.get(i), sigs.get(j)) else { continue };
            let (similarity, containment) = estimate(a, b);
            if similarity.max(containment) >= req.threshold {
                out.push(pair(a, b, similarity, containment, "near"));
            }
        }
        // Same URL, different text.
        let mut by_url: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, s) in sigs.iter().enumerate() {
            if let Some(u) = &s.url {
                by_url.entry(u.as_str()).or_default().push(i);
            }
        }
        let known: std::collections::HashSet<(String, String)> = out
            .iter()
            .flat_map(|p| [(p.a.clone(), p.b.clone()), (p.b.clone(), p.a.clone())])
            .collect();
        for group in by_url.values().filter(|g| g.len() > 1) {
            for (x, &i) in group.iter().enumerate() {
                for &j in group.iter().skip(x + 1) {
                    let (Some(a), Some(b)) = (sigs.get(i), sigs.get(j)) else { continue };
                    if known.contains(&(a.id.clone(), b.id.clone())) {
                        continue;
                    }
                    let (similarity, containment) = estimate(a, b);
                    out.push(pair(a, b, similarity, containment, "same-url"));
                }
            }
        }
        out.sort_by(|x, y| {
            y.similarity
                .total_cmp(&x.similarity)
                .then_with(|| x.a.cmp(&y.a))
                .then_with(|| x.b.cmp(&y.b))
        });
        Ok(out)
    }
}
