//! The tags stage: what an article is about, as an editor would tag it.
//!
//! Two kinds of candidates compete in one ranking:
//! - entities (from the entities stage), scored by salience, one tag each, written in the
//!   form the article itself uses most (`بوتين` rather than `فلاديمير بوتين`, `أمريكا`
//!   rather than the adjective `الأمريكية`);
//! - topic words, scored by TF-IDF of their stem against background document frequencies
//!   (`marsad train idf`), weighted up in the headline and the lead, written in their most
//!   frequent form without conjunctions and prepositions.
//!
//! The publisher's own tags are never looked at.

pub mod stats;

use std::collections::{HashMap, HashSet};

use marsad_doc::{Doc, Entity, Field, FieldText, Tag, TokenKind};
use marsad_entities::display_word;
use marsad_text::stopwords::is_stopword_key;
use marsad_text::{Stemmer, normalize};

pub use stats::{DocFrequencies, DocFrequenciesBuilder};

const SHIPPED_IDF: &str = include_str!("../data/idf.tsv");

/// Weights of the ranking, chosen on the 3alyoum dev set (`marsad eval tags`).
#[derive(Clone, Copy, Debug)]
pub struct TagWeights {
    /// Added to an entity's salience.
    pub entity_bonus: f64,
    /// Scale of the best topic word's score (topic scores are relative to the best).
    pub topic_scale: f64,
    /// Term-frequency weight of a headline occurrence, and of one in the first paragraph.
    pub headline_weight: f64,
    pub lead_weight: f64,
    /// Factor for words the article also uses with the article `ال` (nouns, adjectives).
    pub article_bonus: f64,
}

impl Default for TagWeights {
    fn default() -> Self {
        TagWeights {
            entity_bonus: 0.4,
            topic_scale: 0.8,
            headline_weight: 4.0,
            lead_weight: 2.0,
            article_bonus: 1.3,
        }
    }
}

/// Ranks tags for a document.
#[derive(Clone, Debug)]
pub struct Tagger {
    df: DocFrequencies,
    stemmer: Stemmer,
    pub weights: TagWeights,
}

impl Tagger {
    /// The tagger with the shipped document frequencies.
    pub fn shipped() -> Tagger {
        Tagger::new(DocFrequencies::parse(SHIPPED_IDF))
    }

    pub fn new(df: DocFrequencies) -> Tagger {
        Tagger { df, stemmer: Stemmer::new(), weights: TagWeights::default() }
    }

    /// The top `limit` tags of `doc`, best first.
    pub fn tag(&self, doc: &Doc, limit: usize) -> Vec<Tag> {
        let mut tags = Vec::new();
        let mut claimed_stems: HashSet<String> = HashSet::new();
        let mut taken_texts: HashSet<String> = HashSet::new();

        let byline = byline_range(doc);
        let in_byline = |field: Field, start: usize| {
            field == Field::Body && byline.is_some_and(|(a, b)| start >= a && start < b)
        };
        for entity in &doc.entities {
            // A reporter's name in the byline is not what the article is about.
            if entity.mentions.iter().all(|m| in_byline(m.field, m.start)) {
                continue;
            }
            let text = editor_form(entity, doc);
            let folded = normalize(&text);
            if text.is_empty() || !taken_texts.insert(folded) {
                continue;
            }
            for m in &entity.mentions {
                for w in m.text.split_whitespace() {
                    claimed_stems.insert(self.stem_of(w));
                }
            }
            tags.push(Tag {
                text,
                score: entity.salience + self.weights.entity_bonus,
                entity: Some(entity.id.clone()),
                kind: kind_of(&entity.label).to_owned(),
            });
        }

        // Topic words.
        struct Word {
            weight: f64,
            forms: HashMap<String, usize>,
            with_article: bool,
            verb_like: usize,
            uses: usize,
        }
        let mut words: HashMap<String, Word> = HashMap::new();
        let lead_end = doc.article.paragraphs.first().map_or(0, |p| p.end);
        let fields: [(Field, &str, &FieldText); 2] = [
            (Field::Headline, doc.article.headline.as_deref().unwrap_or(""), &doc.headline),
            (Field::Body, doc.article.text.as_str(), &doc.body),
        ];
        for (field, text, ft) in fields {
            for t in &ft.tokens {
                if t.kind != TokenKind::Arabic || in_byline(field, t.start) {
                    continue;
                }
                let surface = t.text(text);
                // Cheap rejections first: most tokens are stop words or entity words.
                let key = normalize(surface);
                if is_stopword_key(&key) {
                    continue;
                }
                let stem = self.stemmer.stem(&key);
                if claimed_stems.contains(stem) {
                    continue;
                }
                let stem = stem.to_owned();
                let display = strip_marks(&display_word(surface));
                let display_key = normalize(&display);
                if is_stopword_key(&display_key)
                    || display_key.chars().count() < 3
                    || NOT_TAGS.contains(&display_key.as_str())
                {
                    continue;
                }
                let weight = match field {
                    Field::Headline => self.weights.headline_weight,
                    Field::Body if t.end <= lead_end => self.weights.lead_weight,
                    Field::Body => 1.0,
                };
                let w = words.entry(stem.clone()).or_insert(Word {
                    weight: 0.0,
                    forms: HashMap::new(),
                    with_article: false,
                    verb_like: 0,
                    uses: 0,
                });
                w.weight += weight;
                w.uses += 1;
                w.with_article |= display_key.starts_with("ال");
                // An imperfect verb: its first letter is a prefix the stemmer removed.
                let first = display_key.chars().next();
                if matches!(first, Some('ي' | 'ت' | 'ن')) && !stem.starts_with(first.unwrap_or(' '))
                {
                    w.verb_like += 1;
                }
                *w.forms.entry(display).or_default() += 1;
            }
        }
        let scored: Vec<(f64, String)> = words
            .into_iter()
            .filter(|(_, w)| w.weight >= 2.0 && w.verb_like * 2 <= w.uses)
            .filter_map(|(stem, w)| {
                // The most used form; among equals, one without an attached pronoun, then
                // the shorter.
                let form = w
                    .forms
                    .into_iter()
                    .max_by(|a, b| {
                        a.1.cmp(&b.1)
                            .then(has_pronoun_suffix(&b.0).cmp(&has_pronoun_suffix(&a.0)))
                            .then(b.0.chars().count().cmp(&a.0.chars().count()))
                            .then(b.0.cmp(&a.0))
                    })?
                    .0;
                let noun_bonus = if w.with_article { self.weights.article_bonus } else { 1.0 };
                Some((w.weight.ln_1p() * self.df.idf(&stem) * noun_bonus, form))
            })
            .collect();
        let best = scored.iter().map(|s| s.0).fold(0.0f64, f64::max);
        for (score, form) in scored {
            if best <= 0.0 || !taken_texts.insert(normalize(&form)) {
                continue;
            }
            tags.push(Tag {
                text: form,
                score: self.weights.topic_scale * score / best,
                entity: None,
                kind: "topic".to_owned(),
            });
        }
        tags.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.text.cmp(&b.text)));
        tags.truncate(limit);
        for t in &mut tags {
            t.score = (t.score * 1000.0).round() / 1000.0;
        }
        tags
    }

    fn stem_of(&self, word: &str) -> String {
        self.stemmer.stem(&normalize(&display_word(word))).to_owned()
    }
}

/// Words frequent in news that editors do not use as tags (keys).
const NOT_TAGS: [&str; 4] = ["الله", "تعالي", "سبحانه", "صلي"];

/// The byline: a first body paragraph of at most six words with a dash in it
/// (`فلان الفلاني – جدة`), as wire copy and Gulf papers open.
fn byline_range(doc: &Doc) -> Option<(usize, usize)> {
    let first = doc.article.paragraphs.first()?;
    let text = first.slice(&doc.article.text);
    let words = text.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count();
    (words <= 6 && text.contains(['–', '-', '—'])).then_some((first.start, first.end))
}

/// The text without harakat, tanween, shadda, sukun and tatweel (hamza forms kept): how
/// tags are written.
fn strip_marks(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'))
        .collect()
}

/// Whether a word ends in an object or possessive pronoun (`شرفها`, `وفاته`).
fn has_pronoun_suffix(word: &str) -> bool {
    let key = normalize(word);
    key.chars().count() > 4
        && ["ها", "هم", "هما", "هن", "كم", "نا"].iter().any(|s| key.ends_with(s))
}

fn kind_of(label: &str) -> &'static str {
    match label {
        "PER" => "person",
        "LOC" => "place",
        "ORG" => "organisation",
        _ => "misc",
    }
}

/// The form an editor would tag an entity with: the name form the article uses most (a
/// nationality adjective does not count), else the canonical name.
fn editor_form(entity: &Entity, doc: &Doc) -> String {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for m in &entity.mentions {
        let text = doc.field_text(m.field).get(m.start..m.end).unwrap_or("");
        let words: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
        if words.is_empty() || m.demonym || is_demonym_of(entity, &words) {
            continue;
        }
        let mut form = strip_marks(&display_word(&words[0]));
        for w in &words[1..] {
            form.push(' ');
            form.push_str(&strip_marks(w));
        }
        *counts.entry(form).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| {
            a.1.cmp(&b.1).then(b.0.chars().count().cmp(&a.0.chars().count())).then(b.0.cmp(&a.0))
        })
        .map(|(form, _)| form)
        .unwrap_or_else(|| entity.canonical.clone())
}

/// Whether a one-word mention of a place is an adjective (`الروسية` for Russia): it ends in
/// the nisba and is not the canonical name itself.
fn is_demonym_of(entity: &Entity, words: &[String]) -> bool {
    if entity.label != "LOC" || words.len() != 1 {
        return false;
    }
    let key = normalize(&display_word(&words[0]));
    let canonical = normalize(&entity.canonical);
    key != canonical
        && (key.ends_with('ي')
            || key.ends_with("يه")
            || key.ends_with("يون")
            || key.ends_with("يين"))
}
