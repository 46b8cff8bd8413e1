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
//! A story keeps the sum of its members' vectors (its centroid) and the time of its latest
//! article. An article joins the open story with the highest
//! `text_weight·cos(text, centroid) + (1 − text_weight)·cos(entities, centroid)` when that
//! reaches the threshold and the story's latest article is at most `window_days` older;
//! otherwise it starts a story. Undated articles come last and ignore the window. A second
//! pass then merges stories, in order of their first article, into the earlier story whose
//! centroid is most similar when that reaches `merge_threshold` and their time spans are at
//! most `window_days` apart: a big story split before its centroid settled comes together.
//! The defaults were tuned on the hand-labelled ANT dev set (see BENCHMARKS.md).
//!
//! A story's id is `story-` followed by the id of its first article, so it is stable as long
//! as that article stays first. Its representative headline is that of the member closest
//! to the text centroid.

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
        let mut lead = String::new();
        for p in record.get("paragraphs").and_then(Value::as_array).into_iter().flatten() {
            if lead.len() > 1200 {
                break;
            }
            lead.push_str(p.get("text").and_then(Value::as_str).unwrap_or_default());
            lead.push('\n');
        }
        let entities = record_entities(record);
        let mut tags: Vec<String> = Vec::new();
        for key in ["publisher_tags", "tags"] {
            for t in record.get(key).and_then(Value::as_array).into_iter().flatten() {
                if let Some(name) = tag_name(t)
                    && !tags.iter().any(|x| x == name)
                {
                    tags.push(name.to_owned());
                }
            }
        }
        StoryArticle {
            id: id.to_owned(),
            source: text("source"),
            headline: text("headline").unwrap_or_default(),
            lead,
            published: text("published").as_deref().and_then(published_seconds),
            entities,
            tags,
        }
    }
}

/// One story.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Story {
    /// `story-` + the id of its first article.
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

type Sparse = HashMap<String, f64>;

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

struct Centroid {
    text: Sparse,
    text_norm: f64,
    ents: Sparse,
    ents_norm: f64,
    earliest: Option<i64>,
    latest: Option<i64>,
    members: Vec<usize>,
}

impl Centroid {
    fn add(&mut self, text: &Sparse, ents: &Sparse, published: Option<i64>, i: usize) {
        for (t, w) in text {
            *self.text.entry(t.clone()).or_default() += w;
        }
        for (t, w) in ents {
            *self.ents.entry(t.clone()).or_default() += w;
        }
        self.text_norm = self.text.values().map(|w| w * w).sum::<f64>().sqrt();
        self.ents_norm = self.ents.values().map(|w| w * w).sum::<f64>().sqrt();
        self.latest = match (self.latest, published) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        self.earliest = match (self.earliest, published) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.members.push(i);
    }

    /// Takes in every member of `other`.
    fn absorb(&mut self, other: Centroid) {
        for (t, w) in other.text {
            *self.text.entry(t).or_default() += w;
        }
        for (t, w) in other.ents {
            *self.ents.entry(t).or_default() += w;
        }
        self.text_norm = self.text.values().map(|w| w * w).sum::<f64>().sqrt();
        self.ents_norm = self.ents.values().map(|w| w * w).sum::<f64>().sqrt();
        self.latest = self.latest.max(other.latest);
        self.earliest = match (self.earliest, other.earliest) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.members.extend(other.members);
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

    /// Whether the two time spans are at most `window` seconds apart.
    fn near(&self, other: &Centroid, window: i64) -> bool {
        match (self.earliest, self.latest, other.earliest, other.latest) {
            (Some(a0), Some(a1), Some(b0), Some(b1)) => b0 - a1 <= window && a0 - b1 <= window,
            _ => true,
        }
    }
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
    let text_vecs: Vec<Sparse> = terms
        .iter()
        .map(|t| {
            let mut tf: Sparse = HashMap::new();
            for w in t {
                *tf.entry(w.clone()).or_default() += 1.0;
            }
            let mut v: Sparse = tf
                .into_iter()
                .map(|(w, c)| {
                    let weight =
                        (1.0 + f64::ln(c)) * idf(df.get(w.as_str()).copied().unwrap_or(1.0));
                    (w, weight)
                })
                .collect();
            normalize_vec(&mut v);
            v
        })
        .collect();
    let ent_vecs: Vec<Sparse> = articles
        .iter()
        .map(|a| {
            let mut v: Sparse = HashMap::new();
            for (eid, _, s) in &a.entities {
                let w = s.max(0.01) * idf(edf.get(eid.as_str()).copied().unwrap_or(1.0));
                let slot = v.entry(eid.clone()).or_default();
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
    let window = (req.window_days * 86_400.0) as i64;
    let tw = req.text_weight.clamp(0.0, 1.0);
    let mut stories: Vec<Centroid> = Vec::new();
    let empty = Sparse::new();
    for i in order {
        let text = text_vecs.get(i).unwrap_or(&empty);
        let ents = ent_vecs.get(i).unwrap_or(&empty);
        let published = articles.get(i).and_then(|a| a.published);
        let mut best: Option<(usize, f64)> = None;
        for (s, c) in stories.iter().enumerate() {
            if let (Some(p), Some(l)) = (published, c.latest)
                && p - l > window
            {
                continue;
            }
            let sim = tw * cosine(text, &c.text, c.text_norm)
                + (1.0 - tw) * cosine(ents, &c.ents, c.ents_norm);
            if best.is_none_or(|(_, b)| sim > b) {
                best = Some((s, sim));
            }
        }
        match best {
            Some((s, sim)) if sim >= req.threshold => {
                if let Some(c) = stories.get_mut(s) {
                    c.add(text, ents, published, i);
                }
            }
            _ => {
                let mut c = Centroid {
                    text: Sparse::new(),
                    text_norm: 0.0,
                    ents: Sparse::new(),
                    ents_norm: 0.0,
                    earliest: None,
                    latest: None,
                    members: Vec::new(),
                };
                c.add(text, ents, published, i);
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
            .filter(|(_, m)| m.near(&c, window))
            .map(|(k, m)| (k, m.similarity(&c, tw)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((k, sim)) if sim >= req.merge_threshold => {
                if let Some(m) = merged.get_mut(k) {
                    m.absorb(c);
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

fn iso(seconds: i64) -> Option<String> {
    jiff::Timestamp::from_second(seconds).ok().map(|t| t.to_string())
}

/// Summaries of the clusters `groups` of `articles` (as returned by [`cluster`]), largest
/// first, then by first article.
pub fn summarize(articles: &[StoryArticle], groups: &[Vec<usize>]) -> Vec<Story> {
    let stemmer = Stemmer::new();
    let mut out: Vec<Story> = groups
        .iter()
        .filter_map(|members| {
            let ms: Vec<&StoryArticle> = members.iter().filter_map(|&i| articles.get(i)).collect();
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
                id: format!("story-{}", first.id),
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
    /// no bound is given), as the clusterer sees them, in id order.
    pub fn story_articles(&self, req: &StoriesRequest) -> Result<Vec<StoryArticle>, ArchiveError> {
        let mut raw = Vec::new();
        self.for_each(|id, json| raw.push((id.to_owned(), json.to_owned())))?;
        let articles = raw
            .into_par_iter()
            .filter_map(|(id, json)| {
                let record: Value = serde_json::from_str(&json).ok()?;
                let a = StoryArticle::from_record(&id, &record);
                let bounded = req.from.is_some() || req.to.is_some();
                match a.published {
                    Some(p) if req.from.is_some_and(|f| p < f) => None,
                    Some(p) if req.to.is_some_and(|t| p > t) => None,
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
    fn the_window_splits_the_same_words_far_apart() {
        let mut arts = invented();
        if let Some(a3) = arts.iter_mut().find(|a| a.id == "a3") {
            a3.published = a3.published.map(|p| p + 30 * 86_400);
        }
        let groups = cluster(&arts, &StoriesRequest::default());
        assert_eq!(groups.len(), 4);
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
