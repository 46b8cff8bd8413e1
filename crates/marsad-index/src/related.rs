//! `marsad related`: articles about the same thing as a given one.
//!
//! Candidates come from three queries on the index: the seed's most distinctive stemmed
//! words (more-like-this), its salient entities, and its tags. Each candidate is then scored
//! on three signals, each in 0..=1, and a time factor:
//!
//! - **text**: cosine of tf-idf vectors over stemmed words (headline counted twice), so a
//!   short article that shares the seed's rare words scores as well as a long one;
//! - **entities**: the seed's salience mass that the candidate shares;
//! - **tags**: the share of the seed's tags the candidate has as tags or entity names;
//! - **time**: `0.75 + 0.25·exp(−days/14)` when both are dated, `0.85` when either is not.
//!
//! `score = (0.5·text + 0.35·entities + 0.15·tags) · time`.

use std::collections::{HashMap, HashSet};

use marsad_text::{Stemmer, normalize};
use serde::Serialize;
use serde_json::Value;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value as _};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::analysis::stemmed_terms;
use crate::archive::{Archive, record_entities, tag_name};
use crate::error::{ArchiveError, io};

/// Number of distinctive words in the more-like-this query.
const MLT_TERMS: usize = 30;
/// Candidates taken from each of the three queries.
const CANDIDATES: usize = 300;

/// What to look for.
#[derive(Clone, Debug)]
pub struct RelatedRequest {
    pub id: String,
    pub limit: usize,
}

/// One related article and why.
#[derive(Clone, Debug, Serialize)]
pub struct Related {
    pub id: String,
    pub headline: String,
    pub source: Option<String>,
    pub published: Option<String>,
    pub score: f64,
    /// Text similarity (tf-idf cosine over stems), 0..=1.
    pub text_similarity: f64,
    /// Canonical names of the seed's entities this article shares, most salient first.
    pub shared_entities: Vec<String>,
    /// The seed's tags this article also has (as a tag or an entity name).
    pub shared_tags: Vec<String>,
    /// Days between the two publication times, when both are known.
    pub days_apart: Option<f64>,
    /// One line saying why.
    pub why: String,
}

struct Seed {
    id: String,
    /// `(entity id, canonical, salience)`, most salient first.
    entities: Vec<(String, String, f64)>,
    /// `(as written, normalized)`.
    tags: Vec<(String, String)>,
    published: Option<i64>,
    text: String,
}

fn record_text(record: &Value) -> (String, String) {
    let headline = record.get("headline").and_then(Value::as_str).unwrap_or_default().to_owned();
    let body = record
        .get("paragraphs")
        .and_then(Value::as_array)
        .map(|ps| {
            ps.iter()
                .filter_map(|p| p.get("text").and_then(Value::as_str))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    (headline, body)
}

impl Archive {
    fn seed(&self, id: &str) -> Result<Seed, ArchiveError> {
        let record = self.get(id)?.ok_or_else(|| ArchiveError::UnknownId(id.to_owned()))?;
        let mut entities: Vec<(String, String, f64)> = record_entities(&record);
        entities.sort_by(|a, b| b.2.total_cmp(&a.2));
        entities.truncate(12);
        let mut tags: Vec<(String, String)> = Vec::new();
        let publisher =
            record.get("publisher_tags").and_then(Value::as_array).cloned().unwrap_or_default();
        let predicted = record.get("tags").and_then(Value::as_array).cloned().unwrap_or_default();
        for t in publisher.iter().chain(predicted.iter()).filter_map(tag_name) {
            let key = normalize(t);
            if !key.is_empty() && !tags.iter().any(|(_, k)| *k == key) {
                tags.push((t.to_owned(), key));
            }
        }
        let (headline, body) = record_text(&record);
        let searcher = self.reader.searcher();
        let published = self
            .stored_by_id(&searcher, id)?
            .and_then(|d| d.get_first(self.fields.published).and_then(|v| v.as_i64()));
        Ok(Seed {
            id: id.to_owned(),
            entities,
            tags,
            published,
            text: format!(
                "{headline}
{headline}
{body}"
            ),
        })
    }

    fn stored_by_id(
        &self,
        searcher: &Searcher,
        id: &str,
    ) -> Result<Option<TantivyDocument>, ArchiveError> {
        let q = TermQuery::new(Term::from_field_text(self.fields.id, id), IndexRecordOption::Basic);
        let top = searcher
            .search(&q, &TopDocs::with_limit(1).order_by_score())
            .map_err(|e| io("search", e))?;
        match top.first() {
            Some((_, a)) => Ok(Some(searcher.doc(*a).map_err(|e| io("stored document", e))?)),
            None => Ok(None),
        }
    }

    /// Inverse document frequency of a stem (body field), smoothed.
    fn idf(&self, searcher: &Searcher, stem: &str, n: f64) -> f64 {
        let df =
            searcher.doc_freq(&Term::from_field_text(self.fields.body, stem)).unwrap_or(0) as f64;
        let dfh = searcher.doc_freq(&Term::from_field_text(self.fields.headline, stem)).unwrap_or(0)
            as f64;
        let df = df.max(dfh);
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    fn tfidf(
        &self,
        searcher: &Searcher,
        text: &str,
        stemmer: &Stemmer,
        n: f64,
        idf_cache: &mut HashMap<String, f64>,
    ) -> HashMap<String, f64> {
        let mut tf: HashMap<String, f64> = HashMap::new();
        for t in stemmed_terms(text, stemmer) {
            *tf.entry(t).or_default() += 1.0;
        }
        tf.into_iter()
            .map(|(t, c)| {
                let idf = match idf_cache.get(&t) {
                    Some(v) => *v,
                    None => {
                        let v = self.idf(searcher, &t, n);
                        idf_cache.insert(t.clone(), v);
                        v
                    }
                };
                let w = (1.0 + c.ln()) * idf;
                (t, w)
            })
            .collect()
    }

    /// Articles related to `req.id`, best first, each with its reasons.
    pub fn related(&self, req: &RelatedRequest) -> Result<Vec<Related>, ArchiveError> {
        let seed = self.seed(&req.id)?;
        let searcher = self.reader.searcher();
        let f = self.fields;
        let n = searcher.num_docs() as f64;
        let stemmer = Stemmer::new();
        let mut idf_cache = HashMap::new();
        let seed_vec = self.tfidf(&searcher, &seed.text, &stemmer, n, &mut idf_cache);
        let seed_norm = seed_vec.values().map(|w| w * w).sum::<f64>().sqrt();

        // Candidates.
        let mut terms: Vec<(&String, &f64)> = seed_vec.iter().collect();
        terms.sort_by(|a, b| b.1.total_cmp(a.1).then_with(|| a.0.cmp(b.0)));
        let mut mlt: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (t, w) in terms.into_iter().take(MLT_TERMS) {
            for field in [f.headline, f.body] {
                let q =
                    TermQuery::new(Term::from_field_text(field, t), IndexRecordOption::WithFreqs);
                mlt.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), *w as f32))));
            }
        }
        let ents: Vec<(Occur, Box<dyn Query>)> = seed
            .entities
            .iter()
            .map(|(id, _, s)| {
                let q =
                    TermQuery::new(Term::from_field_text(f.entity, id), IndexRecordOption::Basic);
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(q), (*s as f32).max(0.01))) as Box<dyn Query>,
                )
            })
            .collect();
        let tags: Vec<(Occur, Box<dyn Query>)> = seed
            .tags
            .iter()
            .flat_map(|(_, key)| {
                [f.tag_key, f.entity].map(|field| {
                    let q =
                        TermQuery::new(Term::from_field_text(field, key), IndexRecordOption::Basic);
                    (Occur::Should, Box::new(q) as Box<dyn Query>)
                })
            })
            .collect();
        let mut candidates: Vec<DocAddress> = Vec::new();
        let mut seen = HashSet::new();
        for clauses in [mlt, ents, tags] {
            if clauses.is_empty() {
                continue;
            }
            let q = BooleanQuery::new(clauses);
            let top = searcher
                .search(&q, &TopDocs::with_limit(CANDIDATES).order_by_score())
                .map_err(|e| io("search", e))?;
            for (_, a) in top {
                if seen.insert(a) {
                    candidates.push(a);
                }
            }
        }

        // Entity and tag weights: salience (entities) times rarity in the archive.
        let rarity = |field, key: &str| {
            let df = searcher.doc_freq(&Term::from_field_text(field, key)).unwrap_or(0) as f64;
            (1.0 + n / (df + 1.0)).ln()
        };
        let seed_ents: HashMap<&str, f64> = seed
            .entities
            .iter()
            .map(|(id, _, s)| (id.as_str(), s.max(0.01) * rarity(f.entity, id)))
            .collect();
        let seed_ent_norm = seed_ents.values().map(|w| w * w).sum::<f64>().sqrt();
        let tag_weights: Vec<f64> =
            seed.tags.iter().map(|(_, k)| rarity(f.tag_key, k).max(rarity(f.entity, k))).collect();
        let tag_mass: f64 = tag_weights.iter().sum();
        let mut out = Vec::new();
        for address in candidates {
            let doc: TantivyDocument =
                searcher.doc(address).map_err(|e| io("stored document", e))?;
            let strings = |field| {
                doc.get_all(field).filter_map(|v| v.as_str().map(str::to_owned)).collect::<Vec<_>>()
            };
            let Some(id) = strings(f.id).into_iter().next() else { continue };
            if id == seed.id {
                continue;
            }
            let cand_entities: HashSet<String> = strings(f.entity).into_iter().collect();
            let cand_tags: HashSet<String> = strings(f.tag).iter().map(|t| normalize(t)).collect();
            let shared: Vec<&(String, String, f64)> =
                seed.entities.iter().filter(|(eid, _, _)| cand_entities.contains(eid)).collect();
            let mut shared_tags = Vec::new();
            let mut tag_shared_mass = 0.0;
            for ((t, k), w) in seed.tags.iter().zip(&tag_weights) {
                if cand_tags.contains(k) || cand_entities.contains(k) {
                    shared_tags.push(t.clone());
                    tag_shared_mass += w;
                }
            }
            let tag_score = if tag_mass > 0.0 { tag_shared_mass / tag_mass } else { 0.0 };
            let record = self.get(&id)?.unwrap_or(Value::Null);
            let (headline, body) = record_text(&record);
            let cand_vec = self.tfidf(
                &searcher,
                &format!("{headline}\n{headline}\n{body}"),
                &stemmer,
                n,
                &mut idf_cache,
            );
            // Entities: cosine of salience × rarity vectors.
            let mut cand_ent_norm = 0.0;
            let mut ent_dot = 0.0;
            for e in record.get("entities").and_then(Value::as_array).into_iter().flatten() {
                let Some(eid) = e.get("id").and_then(Value::as_str) else { continue };
                let sal = e.get("salience").and_then(Value::as_f64).unwrap_or(0.0).max(0.01);
                let w = sal * rarity(f.entity, eid);
                cand_ent_norm += w * w;
                if let Some(sw) = seed_ents.get(eid) {
                    ent_dot += sw * w;
                }
            }
            let entity_score = if seed_ent_norm > 0.0 && cand_ent_norm > 0.0 {
                ent_dot / (seed_ent_norm * cand_ent_norm.sqrt())
            } else {
                0.0
            };
            let dot: f64 =
                cand_vec.iter().filter_map(|(t, w)| seed_vec.get(t).map(|s| s * w)).sum();
            let cand_norm = cand_vec.values().map(|w| w * w).sum::<f64>().sqrt();
            let text = if seed_norm > 0.0 && cand_norm > 0.0 {
                dot / (seed_norm * cand_norm)
            } else {
                0.0
            };

            let published = doc.get_first(f.published).and_then(|v| v.as_i64());
            let days_apart = match (seed.published, published) {
                (Some(a), Some(b)) => Some((a - b).unsigned_abs() as f64 / 86_400.0),
                _ => None,
            };
            let time = days_apart.map_or(0.85, |d| 0.75 + 0.25 * (-d / 14.0).exp());
            let score = (0.5 * text + 0.35 * entity_score + 0.15 * tag_score) * time;

            let mut why = Vec::new();
            if !shared.is_empty() {
                why.push(format!(
                    "shared entities: {}",
                    shared.iter().map(|e| e.1.as_str()).collect::<Vec<_>>().join("، ")
                ));
            }
            if !shared_tags.is_empty() {
                why.push(format!("shared tags: {}", shared_tags.join("، ")));
            }
            why.push(format!("text similarity {text:.2}"));
            match days_apart {
                Some(d) => why.push(format!("{d:.1} days apart")),
                None => why.push("undated".into()),
            }
            out.push(Related {
                id,
                headline,
                source: record.get("source").and_then(Value::as_str).map(str::to_owned),
                published: record.get("published").and_then(Value::as_str).map(str::to_owned),
                score,
                text_similarity: text,
                shared_entities: shared.iter().map(|e| e.1.clone()).collect(),
                shared_tags,
                days_apart,
                why: why.join("; "),
            });
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        out.truncate(req.limit);
        Ok(out)
    }
}
