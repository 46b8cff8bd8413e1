//! `marsad stories`: archived articles grouped into stories — the same event across
//! outlets and days.
//!
//! Online, single-pass clustering in publication order. Each article becomes two
//! L2-normalised vectors:
//!
//! - **text**: tf-idf over stemmed words of the headline (counted twice) and the lead (the
//!   first [`LEAD_TERMS`] stemmed words of the body), with idf computed over the articles
//!   being clustered (the same analysis as the index, [`crate::analysis::stemmed_terms`]);
//! - **entities**: salience × idf of the article's resolved entities.
//!
//! A story keeps the sum of its members' vectors (its centroid), each member weighted by
//! `0.5^(age / half_life_days)` (age counted back from the story's latest member), so a
//! long story is compared by what it is about now, not by how it began. An article joins
//! the open story with the highest
//! `text_weight·cos(text, centroid) + (1 − text_weight)·cos(entities, centroid)` when that
//! reaches the threshold, the story's latest article is at most `window_days` older and its
//! first at most `max_span_days` older; otherwise it starts a story. The span bound stops a
//! busy topic (a war covered every day) from chaining into one month-long story: measured
//! from the latest article alone, the window never closes while coverage continues.
//! Undated articles come last and ignore both bounds. A second pass then merges stories,
//! in order of their first article, into the earlier story whose centroid is most similar
//! when that reaches `merge_threshold`, their time spans are at most `window_days` apart
//! and together at most `max_span_days` long: a big story split before its centroid settled
//! comes together. A merge must also reach `merge_cohesion` times the *cohesion* of the
//! broader of the two stories, the mean similarity of its own members to its centroid: a
//! broad story (a war and the reactions to it, told from many angles) takes in a piece at
//! the low `merge_threshold`, and two broad pieces of it come together, but a tight story
//! (one event told by a few outlets) and a single article only join what looks like their
//! members. Without it the merge pass is a second, looser join that pulls every small event
//! of a busy place (another raid in the same war, another rally of the same campaign) into
//! that place's topical story. The defaults were tuned on the two hand-labelled ANT story
//! sets (see BENCHMARKS.md).
//!
//! A story's id is `story-` followed by the id of its earliest article (ties by id). Ids
//! are kept stable under a date range: [`Archive::story_articles`] also loads the articles
//! of `2 × max_span_days` before `from` as *context* ([`StoryArticle::context`]); they are
//! clustered, so a story begun before the range has the same members and the same id as
//! when the whole archive is clustered, but [`summarize`] lists only the articles in the
//! range (size, outlets, span, entities, tags and headline are theirs). A range cannot
//! change an id unless clustering before the context itself would have changed the story,
//! which the span bound makes rare. Its representative headline is that of the member
//! closest to the headline centroid.

use std::collections::{BTreeSet, HashMap};

use marsad_text::Stemmer;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::analysis::stemmed_terms;
use crate::archive::{Archive, record_entities, tag_name};
use crate::error::ArchiveError;

/// Stemmed body words counted as the lead.
pub const LEAD_TERMS: usize = 60;

/// How many longest story spans before `from` [`Archive::story_articles`] loads as context.
const CONTEXT_SPANS: i64 = 2;

/// How to cluster.
#[derive(Clone, Copy, Debug)]
pub struct StoriesRequest {
    /// Only articles published at or after this time (seconds since the epoch).
    pub from: Option<i64>,
    /// Only articles published at or before this time.
    pub to: Option<i64>,
    /// An article may join a story whose latest article is at most this many days older.
    pub window_days: f64,
    /// Lowest combined similarity for joining a story (0..=1).
    pub threshold: f64,
    /// Share of the text similarity in the combined similarity; the rest is entities.
    pub text_weight: f64,
    /// After the single pass, two stories whose centroids reach this combined similarity
    /// and whose time spans are at most `window_days` apart are merged (above 1: never).
    pub merge_threshold: f64,
    /// Longest story, in days from its first article: a later article starts a new story
    /// (and merges obey it too). Not finite: unbounded.
    pub max_span_days: f64,
    /// Half-life, in days, of a member's weight in its story's centroid, so a long story is
    /// compared by what it is about now. Not finite or 0: no decay.
    pub half_life_days: f64,
    /// A merge also needs this share of the cohesion (the mean combined similarity of the
    /// members to their centroid) of the broader of the two stories, so tight stories merge
    /// only with what looks like their members (0: no such bound).
    pub merge_cohesion: f64,
}

impl Default for StoriesRequest {
    fn default() -> Self {
        StoriesRequest {
            from: None,
            to: None,
            window_days: 2.0,
            threshold: 0.25,
            text_weight: 0.85,
            merge_threshold: 0.2,
            max_span_days: 14.0,
            half_life_days: 4.0,
            merge_cohesion: 0.5,
        }
    }
}

/// One article as the clusterer sees it.
#[derive(Clone, Debug, Default)]
pub struct StoryArticle {
    pub id: String,
    pub source: Option<String>,
    pub headline: String,
    /// The body's first paragraphs (enough for the lead).
    pub lead: String,
    /// Seconds since the epoch.
    pub published: Option<i64>,
    /// `(entity id, canonical name, salience)`.
    pub entities: Vec<(String, String, f64)>,
    /// Publisher and predicted tags, as written.
    pub tags: Vec<String>,
    /// Published before the requested range: clustered (so stories and their ids come out
    /// as over the whole archive) but not listed in any story.
    pub context: bool,
}

/// Seconds since the epoch of a record's `published` (ISO 8601; no offset reads as UTC).
fn published_seconds(s: &str) -> Option<i64> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Some(t.as_second());
    }
    let dt = s.parse::<jiff::civil::DateTime>().ok()?;
    jiff::tz::Offset::UTC.to_timestamp(dt).ok().map(|t| t.as_second())
}

impl StoryArticle {
    /// What the clusterer needs of a stored analysis record (missing fields stay empty).
    pub fn from_record(id: &str, record: &Value) -> StoryArticle {
        let text = |k: &str| record.get(k).and_then(Value::as_str).map(str::to_owned);
        let paragraphs = record.get("paragraphs").and_then(Value::as_array).into_iter().flatten();
        let lead =
            lead_of(paragraphs.map(|p| p.get("text").and_then(Value::as_str).unwrap_or_default()));
        let tags = tags_of(
            ["publisher_tags", "tags"]
                .iter()
                .flat_map(|key| record.get(*key).and_then(Value::as_array).into_iter().flatten()),
        );
        StoryArticle {
            id: id.to_owned(),
            source: text("source"),
            headline: text("headline").unwrap_or_default(),
            lead,
            published: text("published").as_deref().and_then(published_seconds),
            entities: record_entities(record),
            tags,
            context: false,
        }
    }

    /// [`StoryArticle::from_record`] straight from the stored JSON, reading only the fields
    /// it needs (entity mentions, times, quotes… are skipped unparsed); `None` when the
    /// JSON is not a record.
    pub fn from_json(id: &str, json: &str) -> Option<StoryArticle> {
        let r: StoredFields = serde_json::from_str(json).ok()?;
        Some(StoryArticle {
            id: id.to_owned(),
            source: r.source,
            headline: r.headline.unwrap_or_default(),
            lead: lead_of(r.paragraphs.iter().map(|p| p.text.as_str())),
            published: r.published.as_deref().and_then(published_seconds),
            entities: r
                .entities
                .into_iter()
                .filter_map(|e| {
                    let id = e.id?;
                    let name = e.canonical.unwrap_or_else(|| id.clone());
                    Some((id, name, e.salience.unwrap_or(0.0)))
                })
                .collect(),
            tags: tags_of(r.publisher_tags.iter().chain(&r.tags)),
            context: false,
        })
    }
}

/// The first paragraphs, up to about 1,200 bytes (enough for [`LEAD_TERMS`]).
fn lead_of<'a>(paragraphs: impl Iterator<Item = &'a str>) -> String {
    let mut lead = String::new();
    for p in paragraphs {
        if lead.len() > 1200 {
            break;
        }
        lead.push_str(p);
        lead.push('\n');
    }
    lead
}

/// Distinct tag names, in order.
fn tags_of<'a>(values: impl Iterator<Item = &'a Value>) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for name in values.filter_map(tag_name) {
        if !tags.iter().any(|x| x == name) {
            tags.push(name.to_owned());
        }
    }
    tags
}

/// The fields of a stored record that stories read.
#[derive(serde::Deserialize)]
struct StoredFields {
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    headline: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    paragraphs: Vec<StoredParagraph>,
    #[serde(default)]
    entities: Vec<StoredEntity>,
    #[serde(default)]
    publisher_tags: Vec<Value>,
    #[serde(default)]
    tags: Vec<Value>,
}

#[derive(serde::Deserialize)]
struct StoredParagraph {
    #[serde(default)]
    text: String,
}

#[derive(serde::Deserialize)]
struct StoredEntity {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    canonical: Option<String>,
    #[serde(default)]
    salience: Option<f64>,
}

/// One story.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Story {
    /// `story-` + the id of its earliest article, context articles included (stable under
    /// a date range; see the module documentation).
    pub id: String,
    pub size: usize,
    /// Distinct sources, sorted.
    pub outlets: Vec<String>,
    /// Publication time of the first and last dated articles (ISO 8601, UTC).
    pub first: Option<String>,
    pub last: Option<String>,
    /// Canonical names of the most salient entities over all members.
    pub top_entities: Vec<String>,
    /// The most frequent tags over all members.
    pub top_tags: Vec<String>,
    /// Headline of the member closest to the text centroid.
    pub headline: String,
    /// Id of that member.
    pub representative: String,
    /// Member ids in publication order.
    pub articles: Vec<String>,
}

/// A sparse vector over interned terms (stems or entity ids, numbered per clustering run).
type Sparse = HashMap<u32, f64, TermIdHash>;

/// Hashes interned term ids with one multiplication (Fibonacci hashing). The similarity
/// loop is hash lookups and nothing else; with SipHash over the term strings they took 70 %
/// of a whole `marsad stories` run.
#[derive(Clone, Copy, Default)]
struct TermIdHasher(u64);

impl std::hash::Hasher for TermIdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type TermIdHash = std::hash::BuildHasherDefault<TermIdHasher>;

/// Numbers terms in order of first sight.
#[derive(Default)]
struct Interner<'a> {
    ids: HashMap<&'a str, u32>,
}

impl<'a> Interner<'a> {
    fn id(&mut self, term: &'a str) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(term).or_insert(next)
    }
}

fn normalize_vec(v: &mut Sparse) {
    let norm = v.values().map(|w| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        v.values_mut().for_each(|w| *w /= norm);
    }
}

/// Cosine of a unit vector with an unnormalised one of the given norm.
fn cosine(unit: &Sparse, other: &Sparse, other_norm: f64) -> f64 {
    if other_norm <= 0.0 {
        return 0.0;
    }
    let (small, large) = if unit.len() <= other.len() { (unit, other) } else { (other, unit) };
    small.iter().filter_map(|(t, w)| large.get(t).map(|x| w * x)).sum::<f64>() / other_norm
}

/// A story while clustering: decayed sums of its members' vectors and its time span.
struct Centroid {
    text: Sparse,
    text_norm: f64,
    ents: Sparse,
    ents_norm: f64,
    /// Decayed sums of the members' weights, counting only members with a non-empty
    /// vector: the norm of a sum over this mass is the members' mean cosine to the centroid.
    text_mass: f64,
    ents_mass: f64,
    /// Time the sums are decayed to (the latest dated member).
    at: Option<i64>,
    earliest: Option<i64>,
    latest: Option<i64>,
    members: Vec<usize>,
}

/// Factor by which a weight decays over `seconds` with the given half-life (days; not
/// finite or not positive: no decay).
fn decay(seconds: i64, half_life_days: f64) -> f64 {
    if !half_life_days.is_finite() || half_life_days <= 0.0 || seconds <= 0 {
        return 1.0;
    }
    0.5f64.powf(seconds as f64 / (half_life_days * 86_400.0))
}

fn add_scaled(sum: &mut Sparse, v: &Sparse, factor: f64) {
    for (&t, w) in v {
        *sum.entry(t).or_default() += w * factor;
    }
}

fn norm(v: &Sparse) -> f64 {
    v.values().map(|w| w * w).sum::<f64>().sqrt()
}

fn min_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

impl Centroid {
    fn new() -> Centroid {
        Centroid {
            text: Sparse::default(),
            text_norm: 0.0,
            ents: Sparse::default(),
            ents_norm: 0.0,
            text_mass: 0.0,
            ents_mass: 0.0,
            at: None,
            earliest: None,
            latest: None,
            members: Vec::new(),
        }
    }

    /// Brings the sums forward to time `t` (older members weigh less).
    fn decay_to(&mut self, t: Option<i64>, half_life_days: f64) {
        if let (Some(at), Some(t)) = (self.at, t)
            && t > at
        {
            let f = decay(t - at, half_life_days);
            if f < 1.0 {
                self.text.values_mut().for_each(|w| *w *= f);
                self.ents.values_mut().for_each(|w| *w *= f);
                self.text_mass *= f;
                self.ents_mass *= f;
            }
            self.at = Some(t);
        } else if self.at.is_none() {
            self.at = t;
        }
    }

    fn add(&mut self, text: &Sparse, ents: &Sparse, published: Option<i64>, i: usize, hl: f64) {
        self.decay_to(published, hl);
        // A member older than the sums (undated stories, merges) weighs its own age less.
        let f = match (self.at, published) {
            (Some(at), Some(p)) => decay(at - p, hl),
            _ => 1.0,
        };
        add_scaled(&mut self.text, text, f);
        add_scaled(&mut self.ents, ents, f);
        if !text.is_empty() {
            self.text_mass += f;
        }
        if !ents.is_empty() {
            self.ents_mass += f;
        }
        self.text_norm = norm(&self.text);
        self.ents_norm = norm(&self.ents);
        self.latest = self.latest.max(published);
        self.earliest = min_opt(self.earliest, published);
        self.members.push(i);
    }

    /// Takes in every member of `other`.
    fn absorb(&mut self, mut other: Centroid, hl: f64) {
        let t = self.at.max(other.at);
        self.decay_to(t, hl);
        other.decay_to(t, hl);
        add_scaled(&mut self.text, &other.text, 1.0);
        add_scaled(&mut self.ents, &other.ents, 1.0);
        self.text_mass += other.text_mass;
        self.ents_mass += other.ents_mass;
        self.text_norm = norm(&self.text);
        self.ents_norm = norm(&self.ents);
        self.latest = self.latest.max(other.latest);
        self.earliest = min_opt(self.earliest, other.earliest);
        self.members.extend(other.members);
    }

    /// How alike the members are: `text_weight · t + (1 − text_weight) · e`, where `t` and
    /// `e` are the (decay-weighted) mean cosines of the members' text and entity vectors
    /// to the centroid (1: all members alike; near 0: a broad topic). A part no member has
    /// counts as 1, so such a story is held to the strict bound.
    fn cohesion(&self, text_weight: f64) -> f64 {
        let mean = |norm: f64, mass: f64| if mass > 0.0 { (norm / mass).min(1.0) } else { 1.0 };
        text_weight * mean(self.text_norm, self.text_mass)
            + (1.0 - text_weight) * mean(self.ents_norm, self.ents_mass)
    }

    /// Combined similarity of two stories' centroids.
    fn similarity(&self, other: &Centroid, text_weight: f64) -> f64 {
        let cos = |a: &Sparse, na: f64, b: &Sparse, nb: f64| {
            if na <= 0.0 || nb <= 0.0 {
                return 0.0;
            }
            cosine(a, b, nb) / na
        };
        text_weight * cos(&self.text, self.text_norm, &other.text, other.text_norm)
            + (1.0 - text_weight) * cos(&self.ents, self.ents_norm, &other.ents, other.ents_norm)
    }

    /// Whether the union of the two time spans is a story: the gap between them is at most
    /// `window` seconds and the whole at most `max_span`.
    fn mergeable(&self, other: &Centroid, window: i64, max_span: i64) -> bool {
        match (self.earliest, self.latest, other.earliest, other.latest) {
            (Some(a0), Some(a1), Some(b0), Some(b1)) => {
                b0 - a1 <= window && a0 - b1 <= window && a1.max(b1) - a0.min(b0) <= max_span
            }
            _ => true,
        }
    }
}

/// Seconds of a duration in days (negative: 0); infinite or NaN: unbounded.
fn seconds(days: f64) -> i64 {
    if days.is_finite() { (days.max(0.0) * 86_400.0).min(1e15) as i64 } else { i64::MAX / 4 }
}

/// Groups `articles` into stories (see the module documentation); each story is the
/// indices of its members in publication order, stories in order of their first article.
pub fn cluster(articles: &[StoryArticle], req: &StoriesRequest) -> Vec<Vec<usize>> {
    let stemmer = Stemmer::new();
    let terms: Vec<Vec<String>> = articles
        .par_iter()
        .map(|a| {
            let mut t = stemmed_terms(&a.headline, &stemmer);
            t.extend(t.clone());
            t.extend(stemmed_terms(&a.lead, &stemmer).into_iter().take(LEAD_TERMS));
            t
        })
        .collect();
    let n = articles.len() as f64;
    let mut df: HashMap<&str, f64> = HashMap::new();
    for t in &terms {
        let distinct: BTreeSet<&str> = t.iter().map(String::as_str).collect();
        for d in distinct {
            *df.entry(d).or_default() += 1.0;
        }
    }
    let mut edf: HashMap<&str, f64> = HashMap::new();
    for a in articles {
        let distinct: BTreeSet<&str> = a.entities.iter().map(|e| e.0.as_str()).collect();
        for d in distinct {
            *edf.entry(d).or_default() += 1.0;
        }
    }
    let idf = |df: f64| (1.0 + n / df.max(1.0)).ln();
    let mut interner = Interner::default();
    let text_vecs: Vec<Sparse> = terms
        .iter()
        .map(|t| {
            let mut tf: HashMap<&str, f64> = HashMap::new();
            for w in t {
                *tf.entry(w.as_str()).or_default() += 1.0;
            }
            let mut v: Sparse = tf
                .into_iter()
                .map(|(w, c)| {
                    let weight = (1.0 + f64::ln(c)) * idf(df.get(w).copied().unwrap_or(1.0));
                    (interner.id(w), weight)
                })
                .collect();
            normalize_vec(&mut v);
            v
        })
        .collect();
    // Entity ids in their own numbering: a term and an entity never share a dimension
    // anyway (they sit in different vectors).
    let mut entity_ids = Interner::default();
    let ent_vecs: Vec<Sparse> = articles
        .iter()
        .map(|a| {
            let mut v = Sparse::default();
            for (eid, _, s) in &a.entities {
                let w = s.max(0.01) * idf(edf.get(eid.as_str()).copied().unwrap_or(1.0));
                let slot = v.entry(entity_ids.id(eid)).or_default();
                *slot = slot.max(w);
            }
            normalize_vec(&mut v);
            v
        })
        .collect();

    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|&i| {
        let a = articles.get(i);
        (a.and_then(|a| a.published).is_none(), a.and_then(|a| a.published), i)
    });
    let window = seconds(req.window_days);
    let max_span = seconds(req.max_span_days);
    let hl = req.half_life_days;
    let tw = req.text_weight.clamp(0.0, 1.0);
    let empty = Sparse::default();
    let mut stories: Vec<Centroid> = Vec::new();
    for i in order {
        let text = text_vecs.get(i).unwrap_or(&empty);
        let ents = ent_vecs.get(i).unwrap_or(&empty);
        let published = articles.get(i).and_then(|a| a.published);
        let best = stories
            .iter()
            .enumerate()
            .filter(|(_, c)| match (published, c.latest, c.earliest) {
                (Some(p), Some(l), Some(e)) => p - l <= window && p - e <= max_span,
                _ => true,
            })
            .map(|(s, c)| {
                let sim = tw * cosine(text, &c.text, c.text_norm)
                    + (1.0 - tw) * cosine(ents, &c.ents, c.ents_norm);
                (s, sim)
            })
            .filter(|&(_, sim)| sim >= req.threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            .map(|(s, _)| s);
        match best.and_then(|s| stories.get_mut(s)) {
            Some(c) => c.add(text, ents, published, i, hl),
            None => {
                let mut c = Centroid::new();
                c.add(text, ents, published, i, hl);
                stories.push(c);
            }
        }
    }
    // Merge pass: a big story split early (before its centroid settled) comes together.
    let mut merged: Vec<Centroid> = Vec::new();
    for c in stories {
        let best = merged
            .iter()
            .enumerate()
            .filter(|(_, m)| m.mergeable(&c, window, max_span))
            .map(|(k, m)| (k, m.similarity(&c, tw)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
        // The absolute bound, and the bound relative to how alike the members of the broader
        // story are (see the module documentation).
        let accepted = |k: usize, sim: f64| {
            sim >= req.merge_threshold
                && merged
                    .get(k)
                    .is_some_and(|m| sim >= req.merge_cohesion * m.cohesion(tw).min(c.cohesion(tw)))
        };
        match best {
            Some((k, sim)) if accepted(k, sim) => {
                if let Some(m) = merged.get_mut(k) {
                    m.absorb(c, hl);
                }
            }
            _ => merged.push(c),
        }
    }
    merged
        .into_iter()
        .map(|c| {
            let mut members = c.members;
            members.sort_by_key(|&i| {
                let p = articles.get(i).and_then(|a| a.published);
                (p.is_none(), p, i)
            });
            members
        })
        .collect()
}

/// A Unix time in seconds as an RFC 3339 UTC timestamp.
pub(crate) fn iso(seconds: i64) -> Option<String> {
    jiff::Timestamp::from_second(seconds).ok().map(|t| t.to_string())
}

/// Summaries of the clusters `groups` of `articles` (as returned by [`cluster`]), largest
/// first, then by first article. Context articles only give a story its id: a story made
/// of context articles alone is left out, and no other field counts them.
pub fn summarize(articles: &[StoryArticle], groups: &[Vec<usize>]) -> Vec<Story> {
    let stemmer = Stemmer::new();
    let mut out: Vec<Story> = groups
        .iter()
        .filter_map(|members| {
            let all: Vec<&StoryArticle> = members.iter().filter_map(|&i| articles.get(i)).collect();
            // The id comes from the earliest member, context included.
            let earliest =
                all.iter().min_by_key(|a| (a.published.is_none(), a.published, a.id.as_str()))?;
            let ms: Vec<&StoryArticle> = all.iter().copied().filter(|a| !a.context).collect();
            let first = ms.first()?;
            let outlets: BTreeSet<String> = ms.iter().filter_map(|a| a.source.clone()).collect();
            let times: Vec<i64> = ms.iter().filter_map(|a| a.published).collect();
            let mut ent_mass: HashMap<&str, f64> = HashMap::new();
            for a in &ms {
                for (_, name, s) in &a.entities {
                    *ent_mass.entry(name.as_str()).or_default() += s.max(0.01);
                }
            }
            let mut tag_count: HashMap<&str, usize> = HashMap::new();
            for a in &ms {
                for t in &a.tags {
                    *tag_count.entry(t.as_str()).or_default() += 1;
                }
            }
            let mut ents: Vec<(&str, f64)> = ent_mass.into_iter().collect();
            ents.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            let mut tags: Vec<(&str, usize)> = tag_count.into_iter().collect();
            tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            // Representative: the headline sharing most stem weight with all headlines.
            let heads: Vec<Vec<String>> =
                ms.iter().map(|a| stemmed_terms(&a.headline, &stemmer)).collect();
            let mut centroid: HashMap<&str, f64> = HashMap::new();
            for h in &heads {
                let distinct: BTreeSet<&str> = h.iter().map(String::as_str).collect();
                for t in distinct {
                    *centroid.entry(t).or_default() += 1.0;
                }
            }
            let score = |h: &Vec<String>| {
                let distinct: BTreeSet<&str> = h.iter().map(String::as_str).collect();
                let dot: f64 = distinct.iter().filter_map(|t| centroid.get(t)).sum();
                dot / (distinct.len().max(1) as f64).sqrt()
            };
            let rep = heads
                .iter()
                .enumerate()
                .max_by(|a, b| score(a.1).total_cmp(&score(b.1)).then_with(|| b.0.cmp(&a.0)))
                .and_then(|(k, _)| ms.get(k))
                .unwrap_or(first);
            Some(Story {
                id: format!("story-{}", earliest.id),
                size: ms.len(),
                outlets: outlets.into_iter().collect(),
                first: times.iter().min().and_then(|&t| iso(t)),
                last: times.iter().max().and_then(|&t| iso(t)),
                top_entities: ents.into_iter().take(5).map(|e| e.0.to_owned()).collect(),
                top_tags: tags.into_iter().take(5).map(|t| t.0.to_owned()).collect(),
                headline: rep.headline.clone(),
                representative: rep.id.clone(),
                articles: ms.iter().map(|a| a.id.clone()).collect(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.size.cmp(&a.size).then_with(|| a.first.cmp(&b.first)));
    out
}

impl Archive {
    /// The archived articles published within `req.from..=req.to` (undated ones only when
    /// no bound is given), as the clusterer sees them, in id order; with `req.from`, also
    /// those of the two longest story spans (`2 × max_span_days`) before it, marked
    /// [`StoryArticle::context`], so that a story begun before the range keeps its
    /// members and its id ([`summarize`] lists only the articles in the range).
    pub fn story_articles(&self, req: &StoriesRequest) -> Result<Vec<StoryArticle>, ArchiveError> {
        let mut raw = Vec::new();
        self.for_each(|id, json| raw.push((id.to_owned(), json.to_owned())))?;
        let lookback = seconds(req.max_span_days).saturating_mul(CONTEXT_SPANS);
        let articles = raw
            .into_par_iter()
            .filter_map(|(id, json)| {
                let mut a = StoryArticle::from_json(&id, &json)?;
                let bounded = req.from.is_some() || req.to.is_some();
                match a.published {
                    Some(p) if req.to.is_some_and(|t| p > t) => None,
                    Some(p) if req.from.is_some_and(|f| p < f.saturating_sub(lookback)) => None,
                    Some(p) if req.from.is_some_and(|f| p < f) => {
                        a.context = true;
                        Some(a)
                    }
                    None if bounded => None,
                    _ => Some(a),
                }
            })
            .collect();
        Ok(articles)
    }

    /// The archive's stories (see the module documentation), largest first.
    pub fn stories(&self, req: &StoriesRequest) -> Result<Vec<Story>, ArchiveError> {
        let articles = self.story_articles(req)?;
        let groups = cluster(&articles, req);
        Ok(summarize(&articles, &groups))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(
        id: &str,
        source: &str,
        day: i64,
        headline: &str,
        lead: &str,
        ents: &[&str],
    ) -> StoryArticle {
        StoryArticle {
            id: id.into(),
            source: Some(source.into()),
            headline: headline.into(),
            lead: lead.into(),
            published: Some(1_523_000_000 + day * 86_400),
            entities: ents.iter().map(|e| (e.to_string(), e.to_string(), 0.5)).collect(),
            tags: vec![],
            context: false,
        }
    }

    /// Two stories across outlets and days, and one unrelated article.
    fn invented() -> Vec<StoryArticle> {
        vec![
            article(
                "a1",
                "OutletA",
                0,
                "زلزال قوي يضرب مدينة تبريز ويوقع عشرات القتلى",
                "ضرب زلزال بقوة ست درجات مدينة تبريز فجر اليوم وأوقع عشرات القتلى والجرحى.",
                &["تبريز", "إيران"],
            ),
            article(
                "b1",
                "OutletB",
                0,
                "قمة اقتصادية في الرباط لبحث التجارة الأفريقية",
                "افتتحت في الرباط قمة اقتصادية لبحث التجارة بين الدول الأفريقية والرسوم الجمركية.",
                &["الرباط", "المغرب"],
            ),
            article(
                "a2",
                "OutletB",
                1,
                "ارتفاع حصيلة قتلى زلزال تبريز وفرق الإنقاذ تواصل البحث",
                "ارتفعت حصيلة قتلى الزلزال الذي ضرب تبريز وتواصل فرق الإنقاذ البحث تحت الأنقاض.",
                &["تبريز", "إيران"],
            ),
            article(
                "c1",
                "OutletC",
                1,
                "فريق الكرة يفوز بالبطولة بعد مباراة نهائية مثيرة",
                "فاز الفريق بالبطولة بعد مباراة نهائية مثيرة حسمت بركلات الترجيح.",
                &[],
            ),
            article(
                "b2",
                "OutletC",
                1,
                "قمة الرباط تختتم باتفاق لخفض الرسوم الجمركية على التجارة الأفريقية",
                "اختتمت قمة الرباط الاقتصادية باتفاق على خفض الرسوم الجمركية بين الدول الأفريقية.",
                &["الرباط", "المغرب"],
            ),
            article(
                "a3",
                "OutletC",
                2,
                "إيران تعلن الحداد بعد زلزال تبريز وفرق الإنقاذ تنتشل ناجين",
                "أعلنت إيران الحداد العام بعد زلزال تبريز فيما تنتشل فرق الإنقاذ ناجين من الأنقاض.",
                &["تبريز", "إيران"],
            ),
        ]
    }

    #[test]
    fn two_stories_across_outlets_and_days_and_a_singleton() {
        let arts = invented();
        let groups = cluster(&arts, &StoriesRequest::default());
        let ids: Vec<Vec<&str>> = groups
            .iter()
            .map(|g| g.iter().filter_map(|&i| arts.get(i)).map(|a| a.id.as_str()).collect())
            .collect();
        assert_eq!(ids.len(), 3, "{ids:?}");
        assert!(ids.contains(&vec!["a1", "a2", "a3"]), "{ids:?}");
        assert!(ids.contains(&vec!["b1", "b2"]), "{ids:?}");
        assert!(ids.contains(&vec!["c1"]), "{ids:?}");
        let stories = summarize(&arts, &groups);
        let quake = stories.first().map(|s| (s.id.as_str(), s.size, s.outlets.len()));
        assert_eq!(quake, Some(("story-a1", 3, 3)));
        let top = stories.first().map(|s| s.top_entities.clone()).unwrap_or_default();
        assert_eq!(top, vec!["إيران", "تبريز"]);
    }

    #[test]
    fn cohesion_is_the_members_mean_similarity_to_their_centroid() {
        let v = |pairs: &[(u32, f64)]| -> Sparse { pairs.iter().copied().collect() };
        let a = v(&[(1, 1.0)]);
        let b = v(&[(2, 1.0)]);
        let mut tight = Centroid::new();
        tight.add(&a, &a, Some(0), 0, 4.0);
        tight.add(&a, &a, Some(0), 1, 4.0);
        assert!((tight.cohesion(0.85) - 1.0).abs() < 1e-9);
        let mut broad = Centroid::new();
        broad.add(&a, &a, Some(0), 0, 4.0);
        broad.add(&b, &b, Some(0), 1, 4.0);
        // Two orthogonal members: each has cosine 1/√2 to their sum.
        assert!((broad.cohesion(0.85) - 0.5f64.sqrt()).abs() < 1e-9);
        // A part no member has counts as 1 (the strict bound).
        let mut no_entities = Centroid::new();
        no_entities.add(&a, &Sparse::default(), Some(0), 0, 4.0);
        no_entities.add(&b, &Sparse::default(), Some(0), 1, 4.0);
        assert!((no_entities.cohesion(0.5) - (0.5 * 0.5f64.sqrt() + 0.5)).abs() < 1e-9);
    }

    #[test]
    fn a_merge_must_reach_the_share_of_the_broader_storys_cohesion() {
        // No joins in the single pass: every story is made by the merge pass alone.
        let loose = StoriesRequest {
            threshold: 1.01,
            merge_threshold: 0.05,
            merge_cohesion: 0.0,
            ..StoriesRequest::default()
        };
        let arts = invented();
        let merged = cluster(&arts, &loose);
        assert!(
            ids(&arts, &merged).iter().any(|g| g.contains(&"a1") && g.contains(&"a2")),
            "{:?}",
            ids(&arts, &merged)
        );
        // A single article is perfectly cohesive: at 0.9 of it, only a near copy may merge.
        let strict = StoriesRequest { merge_cohesion: 0.9, ..loose };
        let alone = cluster(&arts, &strict);
        assert_eq!(alone.len(), arts.len(), "{:?}", ids(&arts, &alone));
    }

    #[test]
    fn the_window_splits_the_same_words_far_apart() {
        let mut arts = invented();
        if let Some(a3) = arts.iter_mut().find(|a| a.id == "a3") {
            a3.published = a3.published.map(|p| p + 30 * 86_400);
        }
        let groups = cluster(&arts, &StoriesRequest::default());
        assert_eq!(groups.len(), 4);
    }

    /// Ids of the stories `groups` of `arts`.
    fn ids<'a>(arts: &'a [StoryArticle], groups: &[Vec<usize>]) -> Vec<Vec<&'a str>> {
        groups
            .iter()
            .map(|g| g.iter().filter_map(|&i| arts.get(i)).map(|a| a.id.as_str()).collect())
            .collect()
    }

    /// A month of daily coverage of one topic, two outlets a day, each item a little
    /// different but all sharing the place and the war's words.
    fn month_of_daily_coverage() -> Vec<StoryArticle> {
        let turns = [
            "قصف مدفعي على أطراف مدينة الريان وسقوط قذائف قرب السوق",
            "اشتباكات عنيفة في مدينة الريان ونزوح عائلات من الأحياء الشرقية",
            "غارات جوية على مدينة الريان وانقطاع الكهرباء عن المستشفى",
            "قوافل إغاثة تصل إلى مدينة الريان بعد ليلة من القصف والاشتباكات",
        ];
        let mut out = Vec::new();
        for day in 0..30 {
            for (k, outlet) in ["OutletA", "OutletB"].iter().enumerate() {
                let turn = turns.get((day as usize + k) % turns.len()).copied().unwrap_or_default();
                let mut a = article(
                    &format!("d{day:02}-{k}"),
                    outlet,
                    day,
                    &format!("الحرب في الريان: {turn}"),
                    &format!("{turn}. وتتواصل المعارك في مدينة الريان لليوم {day} على التوالي."),
                    &["الريان"],
                );
                a.published = a.published.map(|p| p + 3_600 * (k as i64 * 5 + 8));
                out.push(a);
            }
        }
        out
    }

    #[test]
    fn a_month_of_daily_coverage_is_cut_into_stories_no_longer_than_the_max_span() {
        let arts = month_of_daily_coverage();
        let req = StoriesRequest::default();
        let groups = cluster(&arts, &req);
        assert!(groups.len() >= 3, "{:?}", ids(&arts, &groups));
        let max_span = (req.max_span_days * 86_400.0) as i64;
        for g in &groups {
            let times: Vec<i64> = g.iter().filter_map(|&i| arts.get(i)?.published).collect();
            let span =
                times.iter().max().copied().unwrap_or(0) - times.iter().min().copied().unwrap_or(0);
            assert!(span <= max_span, "{:?}", ids(&arts, &groups));
        }
        // Measured from the latest article only, the window never closes: one story.
        let unbounded = StoriesRequest { max_span_days: f64::INFINITY, ..req };
        assert_eq!(cluster(&arts, &unbounded).len(), 1);
    }

    #[test]
    fn two_events_a_week_apart_on_one_running_topic_are_two_stories() {
        // A flood in one city, its daily aftermath, and a week later a separate event
        // there (a dam breach upstream), all with the city as their main entity.
        let mut arts = vec![
            article(
                "flood-1",
                "OutletA",
                0,
                "سيول جارفة تغرق أحياء مدينة الوادي",
                "غمرت سيول جارفة أحياء مدينة الوادي بعد أمطار غزيرة وأغرقت عشرات المنازل.",
                &["الوادي"],
            ),
            article(
                "flood-2",
                "OutletB",
                0,
                "غرق عشرات المنازل في سيول مدينة الوادي",
                "أغرقت السيول عشرات المنازل في مدينة الوادي وأجلت فرق الدفاع المدني السكان.",
                &["الوادي"],
            ),
            article(
                "flood-3",
                "OutletC",
                1,
                "حصيلة سيول الوادي ترتفع إلى عشرة قتلى",
                "ارتفعت حصيلة السيول الجارفة في مدينة الوادي إلى عشرة قتلى وعشرات المنازل الغارقة.",
                &["الوادي"],
            ),
        ];
        for day in 2..8 {
            arts.push(article(
                &format!("after-{day}"),
                "OutletA",
                day,
                "مدينة الوادي تواصل إزالة آثار السيول وإصلاح الطرق",
                "تواصل فرق البلدية في مدينة الوادي إزالة آثار السيول وإصلاح الطرق والجسور المتضررة.",
                &["الوادي"],
            ));
        }
        arts.extend([
            article(
                "dam-1",
                "OutletB",
                8,
                "انهيار جزئي في سد الشلال شمال الوادي وإخلاء قرى",
                "انهار جزء من جدار سد الشلال شمال مدينة الوادي فجرا وأمرت السلطات بإخلاء ثلاث قرى.",
                &["الوادي", "سد الشلال"],
            ),
            article(
                "dam-2",
                "OutletC",
                8,
                "إخلاء ثلاث قرى بعد تصدع سد الشلال",
                "أخلت السلطات ثلاث قرى قرب سد الشلال بعد تصدع جداره وتسرب المياه شمال الوادي.",
                &["الوادي", "سد الشلال"],
            ),
            article(
                "dam-3",
                "OutletA",
                9,
                "مهندسون يبدأون ترميم جدار سد الشلال",
                "بدأ مهندسون ترميم الجدار المتصدع في سد الشلال وعاد بعض سكان القرى المخلاة.",
                &["سد الشلال"],
            ),
        ]);
        let groups = cluster(&arts, &StoriesRequest::default());
        let got = ids(&arts, &groups);
        let story_of = |id: &str| got.iter().position(|g| g.contains(&id));
        assert_eq!(story_of("flood-1"), story_of("flood-3"), "{got:?}");
        assert_eq!(story_of("dam-1"), story_of("dam-3"), "{got:?}");
        assert_ne!(story_of("flood-1"), story_of("dam-1"), "{got:?}");
    }

    #[test]
    fn a_second_flood_two_weeks_later_bridged_by_daily_aftermath_is_a_new_story() {
        let flood = |id: &str, outlet: &str, day: i64| {
            article(
                id,
                outlet,
                day,
                "سيول جارفة تغرق أحياء مدينة الوادي وتوقع قتلى",
                "غمرت سيول جارفة أحياء مدينة الوادي بعد أمطار غزيرة وأغرقت عشرات المنازل وأوقعت قتلى.",
                &["الوادي"],
            )
        };
        let mut arts = vec![flood("first-1", "OutletA", 0), flood("first-2", "OutletB", 0)];
        for day in 1..17 {
            arts.push(article(
                &format!("after-{day}"),
                "OutletC",
                day,
                "مدينة الوادي تواصل إزالة آثار السيول الجارفة عن الأحياء",
                "تواصل فرق البلدية في مدينة الوادي إزالة آثار السيول الجارفة عن الأحياء والمنازل.",
                &["الوادي"],
            ));
        }
        arts.extend([flood("second-1", "OutletA", 17), flood("second-2", "OutletB", 17)]);
        let groups = cluster(&arts, &StoriesRequest::default());
        let got = ids(&arts, &groups);
        let story_of = |id: &str| got.iter().position(|g| g.contains(&id));
        assert_eq!(story_of("second-1"), story_of("second-2"), "{got:?}");
        assert_ne!(story_of("first-1"), story_of("second-1"), "{got:?}");
        // Without the span bound the daily aftermath chains both floods into one story.
        let unbounded = StoriesRequest {
            max_span_days: f64::INFINITY,
            half_life_days: f64::INFINITY,
            ..StoriesRequest::default()
        };
        assert_eq!(cluster(&arts, &unbounded).len(), 1);
    }

    #[test]
    fn context_articles_give_the_id_but_are_not_listed() {
        let mut arts = invented();
        for a in arts.iter_mut().filter(|a| a.id == "a1" || a.id == "b1") {
            a.context = true;
        }
        let groups = cluster(&arts, &StoriesRequest::default());
        let stories = summarize(&arts, &groups);
        let got: Vec<(&str, Vec<&str>, usize)> = stories
            .iter()
            .map(|s| (s.id.as_str(), s.articles.iter().map(String::as_str).collect(), s.size))
            .collect();
        assert_eq!(
            got,
            vec![
                ("story-a1", vec!["a2", "a3"], 2),
                ("story-b1", vec!["b2"], 1),
                ("story-c1", vec!["c1"], 1),
            ]
        );
        let quake = stories.first().map(|s| (s.outlets.clone(), s.first.clone()));
        assert_eq!(
            quake,
            Some((vec!["OutletB".to_string(), "OutletC".to_string()], iso(1_523_086_400)))
        );
        // A story of context articles alone is not listed.
        let only: Vec<StoryArticle> = arts.iter().filter(|a| a.context).cloned().collect();
        assert!(summarize(&only, &cluster(&only, &StoriesRequest::default())).is_empty());
    }

    #[test]
    fn reading_the_stored_json_directly_matches_reading_the_record() {
        let input = serde_json::json!({
            "id": "t1",
            "source": "وكالة",
            "date": "2024-02-04T09:00:00",
            "title": "وزير الخارجية المصري يزور الرباط لبحث التعاون",
            "content": "وصل وزير الخارجية المصري إلى الرباط يوم الأحد في زيارة تستمر يومين.\nوقال الوزير إن المحادثات مع المغرب ستتناول التجارة والطاقة.",
            "tags": ["المغرب", "مصر"],
        })
        .to_string();
        let read =
            marsad_readers::read_bytes("t", input.as_bytes(), marsad_readers::InputFormat::Auto);
        let Some(Ok(article)) = read.into_iter().next() else {
            panic!("the invented record reads")
        };
        let record = marsad_pipeline::Pipeline::default().analyze(article);
        let json = serde_json::to_string(&record).unwrap_or_default();
        let value: Value = serde_json::from_str(&json).unwrap_or_default();
        let direct = StoryArticle::from_json("t1", &json);
        assert_eq!(
            format!("{direct:?}"),
            format!("{:?}", Some(StoryArticle::from_record("t1", &value)))
        );
        assert!(direct.is_some_and(|a| !a.entities.is_empty() && a.tags.len() > 1));
        assert!(StoryArticle::from_json("x", "not json").is_none());
    }

    #[test]
    fn empty_and_undated_input_do_not_panic() {
        assert!(cluster(&[], &StoriesRequest::default()).is_empty());
        let a = StoryArticle { id: "x".into(), ..StoryArticle::default() };
        let groups = cluster(&[a.clone(), a.clone()], &StoriesRequest::default());
        let stories = summarize(&[a.clone(), a], &groups);
        assert!(!stories.is_empty());
        assert!(StoryArticle::from_record("y", &Value::Null).headline.is_empty());
    }
}
