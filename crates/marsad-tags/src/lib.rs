//! The tags stage: what an article is about, as an editor would tag it.
//!
//! Two kinds of candidates compete in one ranking:
//! - entities (from the entities stage), scored by salience, one tag each, written in the
//!   form the article itself uses most (`بوتين` rather than `فلاديمير بوتين`, `أمريكا`
//!   rather than the adjective `الأمريكية` or the long name `الولايات المتحدة`);
//! - topic words, scored by TF-IDF of their stem against background document frequencies
//!   (`marsad train idf`), weighted up in the headline, written in their most frequent form
//!   without conjunctions and prepositions.
//!
//! Both carry the same position signals ([`Signals`]: in the headline, first position,
//! spread, background rarity), which the ranking weighs ([`TagWeights`]).
//!
//! The publisher's own tags are never looked at.

pub mod stats;

use std::collections::{HashMap, HashSet};

use marsad_doc::{Doc, Entity, Field, Tag, TokenKind};
use marsad_entities::display_word;
use marsad_text::normalize::normalize_word_into;
use marsad_text::stopwords::is_stopword_key;
use marsad_text::{Stemmer, normalize};

pub use stats::{DocFrequencies, DocFrequenciesBuilder, HashedKeys, IdfTable, stem_hash};

const SHIPPED_IDF: &str = include_str!("../data/idf.tsv");

/// The knowledge base's countries: their one-word names are the editor's form
/// (`أمريكا` for `الولايات المتحدة`, `اليمن` for `الجمهورية اليمنية`).
const COUNTRIES: &str = marsad_entities::kb::COUNTRIES_TSV;

/// Weights of the ranking, chosen on the 3alyoum dev set (`marsad eval tags`; see
/// BENCHMARKS.md for how).
#[derive(Clone, Copy, Debug)]
pub struct TagWeights {
    /// Added to an entity's salience.
    pub entity_bonus: f64,
    /// Scale of the best topic word's score (topic scores are relative to the best).
    pub topic_scale: f64,
    /// Term-frequency weight of a headline occurrence, and of one in the lead (the first
    /// paragraph after any byline).
    pub headline_weight: f64,
    pub lead_weight: f64,
    /// Factor for words the article also uses with the article `ال` (nouns, adjectives).
    pub article_bonus: f64,
    /// Added to entities that are neither people, places nor organisations (currencies,
    /// events, products).
    pub misc_bonus: f64,
    /// Added to a two-word topic phrase (`الخدمة المدنية`), used at least twice.
    pub phrase_bonus: f64,
    /// Times a topic word's rarity in background news (idf over the highest idf, 0..=1).
    pub topic_idf: f64,
    /// Times how late the first use comes (0 in the headline or first word, 1 at the end).
    pub entity_first: f64,
    pub topic_first: f64,
    /// Times how much of the body lies between an entity's first and last mention (0..=1).
    pub entity_spread: f64,
    /// Topic candidates scoring below this are not tags: fewer tags rather than weak ones.
    pub topic_floor: f64,
    /// Entity candidates scoring below this are not tags.
    pub entity_floor: f64,
    /// Added to a place not named in the headline.
    pub place_body: f64,
    /// Added to an organisation not named in the headline (often a source being cited).
    pub organisation_body: f64,
}

impl Default for TagWeights {
    fn default() -> Self {
        TagWeights {
            entity_bonus: 0.35,
            topic_scale: 0.8,
            headline_weight: 4.2,
            lead_weight: 1.0,
            article_bonus: 2.0,
            misc_bonus: -0.1,
            phrase_bonus: -0.05,
            topic_idf: -0.15,
            entity_first: -0.25,
            topic_first: -0.85,
            entity_spread: -0.15,
            topic_floor: 0.3,
            entity_floor: 0.2,
            place_body: -0.1,
            organisation_body: -0.3,
        }
    }
}

impl TagWeights {
    /// The weights' names, for [`TagWeights::get`] and [`TagWeights::set`].
    pub const NAMES: [&'static str; 15] = [
        "entity_bonus",
        "topic_scale",
        "headline_weight",
        "lead_weight",
        "article_bonus",
        "misc_bonus",
        "phrase_bonus",
        "topic_idf",
        "entity_first",
        "topic_first",
        "entity_spread",
        "topic_floor",
        "entity_floor",
        "place_body",
        "organisation_body",
    ];

    fn slot(&mut self, name: &str) -> Option<&mut f64> {
        Some(match name {
            "entity_bonus" => &mut self.entity_bonus,
            "topic_scale" => &mut self.topic_scale,
            "headline_weight" => &mut self.headline_weight,
            "lead_weight" => &mut self.lead_weight,
            "article_bonus" => &mut self.article_bonus,
            "misc_bonus" => &mut self.misc_bonus,
            "phrase_bonus" => &mut self.phrase_bonus,
            "topic_idf" => &mut self.topic_idf,
            "entity_first" => &mut self.entity_first,
            "topic_first" => &mut self.topic_first,
            "entity_spread" => &mut self.entity_spread,
            "topic_floor" => &mut self.topic_floor,
            "entity_floor" => &mut self.entity_floor,
            "place_body" => &mut self.place_body,
            "organisation_body" => &mut self.organisation_body,
            _ => return None,
        })
    }

    /// The weight named `name` (one of [`TagWeights::NAMES`]).
    pub fn get(&self, name: &str) -> Option<f64> {
        let mut copy = *self;
        copy.slot(name).map(|v| *v)
    }

    /// Sets the weight named `name`; `false` when there is none.
    pub fn set(&mut self, name: &str, value: f64) -> bool {
        match self.slot(name) {
            Some(v) => {
                *v = value;
                true
            }
            None => false,
        }
    }
}

/// Ranks tags for a document.
#[derive(Clone, Debug)]
pub struct Tagger {
    idf: IdfTable,
    stemmer: Stemmer,
    /// Country id → its one-word name, for countries whose canonical name is longer.
    short_names: HashMap<String, String>,
    pub weights: TagWeights,
}

/// What the ranking knows of a candidate tag besides its kind.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Signals {
    /// An entity's salience (0 for topic words).
    pub salience: f64,
    /// A topic word's TF-IDF relative to the article's best topic word (0 for entities).
    pub tfidf: f64,
    /// Used in the headline.
    pub headline: bool,
    /// A topic word's rarity in background news: idf over the highest idf, in 0..=1 (0 for
    /// entities).
    pub idf: f64,
    /// Where the first use comes, as a share of the body (0 in the headline).
    pub first: f64,
    /// Share of the body between the first and the last use.
    pub spread: f64,
}

/// A candidate tag with its signals, before ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub tag: Tag,
    pub signals: Signals,
}

/// A topic word of one article: its stem's occurrences.
struct Word {
    hash: u64,
    weight: f64,
    uses: u32,
    verb_like: u32,
    with_article: bool,
    headline: bool,
    first: usize,
    last: usize,
}

/// Where a candidate comes from.
#[derive(Clone, Copy)]
enum Source {
    Entity(usize),
    Topic(u32),
    /// Two adjacent topic words: an index into [`Pool::phrases`].
    Phrase(u32),
}

/// Two topic words used side by side.
struct Phrase {
    first: u32,
    second: u32,
    weight: f64,
    uses: u32,
    headline: bool,
    /// Where it is first used: field and token index of its first word.
    at: (Field, u32),
    start: usize,
    last: usize,
}

/// What scores a topic candidate (a word or a phrase).
struct TopicUse {
    weight: f64,
    idf: f64,
    with_article: bool,
    headline: bool,
    /// Byte offsets of the first and last use in the body.
    first: usize,
    last: usize,
}

/// One article's candidates before their written forms are chosen.
struct Pool {
    candidates: Vec<(Signals, Source)>,
    /// (word, field, token index) of every counted topic-word occurrence.
    occurrences: Vec<(u32, Field, u32)>,
    phrases: Vec<Phrase>,
}

impl Tagger {
    /// The ranking signals of a topic word or phrase.
    fn topic_signals(&self, u: &TopicUse, max_idf: f64, body_len: f64) -> Signals {
        let mut tfidf = u.weight.ln_1p() * u.idf;
        if u.with_article {
            tfidf *= self.weights.article_bonus;
        }
        Signals {
            salience: 0.0,
            tfidf,
            headline: u.headline,
            idf: u.idf / max_idf,
            first: u.first as f64 / body_len,
            spread: u.last.saturating_sub(u.first) as f64 / body_len,
        }
    }

    /// The tagger with the shipped document frequencies.
    pub fn shipped() -> Tagger {
        Tagger::new(DocFrequencies::parse(SHIPPED_IDF))
    }

    pub fn new(df: DocFrequencies) -> Tagger {
        Tagger {
            idf: IdfTable::new(&df),
            stemmer: Stemmer::new(),
            short_names: short_country_names(COUNTRIES),
            weights: TagWeights::default(),
        }
    }

    /// The top `limit` tags of `doc`, best first.
    pub fn tag(&self, doc: &Doc, limit: usize) -> Vec<Tag> {
        let mut key = String::new();
        let pool = self.pool(doc, &mut key);
        let mut ranked: Vec<(f64, Source)> = pool
            .candidates
            .iter()
            .map(|(signals, source)| (self.score(signals, *source, doc), *source))
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));

        // Written forms, best first, until `limit` distinct tags.
        let mut tags: Vec<Tag> = Vec::new();
        let mut taken: HashSet<String> = HashSet::new();
        let mut taken_stems: HashSet<u64, HashedKeys> = HashSet::default();
        // The stems of each accepted topic tag, to let a phrase absorb its own word.
        let mut topic_stems: Vec<(usize, Vec<u64>)> = Vec::new();
        for (score, source) in ranked {
            if tags.len() >= limit {
                break;
            }
            let floor = match source {
                Source::Entity(_) => self.weights.entity_floor,
                _ => self.weights.topic_floor,
            };
            if score < floor {
                continue;
            }
            let Some(mut tag) = self.written(doc, source, &pool) else { continue };
            if !taken.insert(normalize(&tag.text)) {
                continue;
            }
            // One tag per stem: `دولار` after `دولارا`, a name whose every word is taken.
            let stems: Vec<u64> =
                tag.text.split_whitespace().map(|w| self.hash_of(w, &mut key)).collect();
            if stems.iter().all(|h| taken_stems.contains(h)) {
                continue;
            }
            taken_stems.extend(stems.iter().copied());
            // A phrase ranked below one of its words takes that word's place
            // (`الانتخابات البلدية` for `البلدية`).
            if matches!(source, Source::Phrase(_))
                && let Some(&(at, _)) =
                    topic_stems.iter().find(|(_, own)| own.iter().all(|h| stems.contains(h)))
                && let Some(word) = tags.get_mut(at)
            {
                word.text = tag.text;
                continue;
            }
            if tag.entity.is_none() {
                topic_stems.push((tags.len(), stems));
            }
            tag.score = score;
            tags.push(tag);
        }
        // Equal scores in a stable order.
        tags.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.text.cmp(&b.text)));
        for t in &mut tags {
            t.score = (t.score * 1000.0).round() / 1000.0;
        }
        tags
    }

    /// Every candidate of `doc` with its written form and signals, unranked (scores are the
    /// ranking's), for inspection and tuning.
    pub fn candidates(&self, doc: &Doc) -> Vec<Candidate> {
        let mut key = String::new();
        let pool = self.pool(doc, &mut key);
        pool.candidates
            .iter()
            .filter_map(|(signals, source)| {
                let mut tag = self.written(doc, *source, &pool)?;
                tag.score = self.score(signals, *source, doc);
                Some(Candidate { tag, signals: *signals })
            })
            .collect()
    }

    /// The ranking score of a candidate.
    fn score(&self, s: &Signals, source: Source, doc: &Doc) -> f64 {
        let w = &self.weights;
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        match source {
            Source::Entity(i) => {
                let kind = doc.entities.get(i).map_or("misc", |e| kind_of(&e.label));
                s.salience
                    + w.entity_bonus
                    + w.misc_bonus * flag(kind == "misc")
                    + w.entity_first * s.first
                    + w.entity_spread * s.spread
                    + w.place_body * flag(!s.headline && kind == "place")
                    + w.organisation_body * flag(!s.headline && kind == "organisation")
            }
            Source::Topic(_) | Source::Phrase(_) => {
                w.phrase_bonus * flag(matches!(source, Source::Phrase(_)))
                    + w.topic_scale * s.tfidf
                    + w.topic_idf * s.idf
                    + w.topic_first * s.first
            }
        }
    }

    /// The tag of a candidate as written, score 0; `None` when its form is no tag.
    fn written(&self, doc: &Doc, source: Source, pool: &Pool) -> Option<Tag> {
        let tag = match source {
            Source::Entity(i) => {
                let entity = doc.entities.get(i)?;
                let text = self.editor_form(entity, doc);
                // A currency or unit named as a thing (`دولار`) is no subject.
                if entity.label == "MISC" && is_generic(&normalize(&text)) {
                    return None;
                }
                Tag {
                    text,
                    score: 0.0,
                    entity: Some(entity.id.clone()),
                    kind: kind_of(&entity.label).to_owned(),
                }
            }
            Source::Topic(wi) => Tag {
                text: topic_form(doc, wi, &pool.occurrences)?,
                score: 0.0,
                entity: None,
                kind: "topic".to_owned(),
            },
            Source::Phrase(pi) => Tag {
                text: phrase_form(doc, pool.phrases.get(pi as usize)?)?,
                score: 0.0,
                entity: None,
                kind: "topic".to_owned(),
            },
        };
        (!tag.text.is_empty()).then_some(tag)
    }

    /// The candidates of `doc` with their signals.
    fn pool(&self, doc: &Doc, key: &mut String) -> Pool {
        let mut candidates: Vec<(Signals, Source)> = Vec::new();
        let mut claimed: HashSet<u64, HashedKeys> = HashSet::default();
        let body_len = doc.article.text.len().max(1) as f64;
        let byline = byline_range(doc);
        let in_byline = |field: Field, start: usize| {
            field == Field::Body && byline.is_some_and(|(a, b)| start >= a && start < b)
        };
        let max_idf = self.idf.max();
        for (i, entity) in doc.entities.iter().enumerate() {
            // A reporter's name in the byline is not what the article is about.
            if entity.mentions.iter().all(|m| in_byline(m.field, m.start)) {
                continue;
            }
            // A name found in a function word (`بأن`) is a misreading, not a tag.
            if entity.mentions.iter().all(|m| is_function_word(&m.text)) {
                continue;
            }
            let mut signals =
                Signals { salience: entity.salience, first: 1.0, ..Signals::default() };
            let (mut first, mut last) = (usize::MAX, 0);
            for m in &entity.mentions {
                for w in m.text.split_whitespace() {
                    claimed.insert(self.hash_of(w, key));
                }
                match m.field {
                    Field::Headline => signals.headline = true,
                    Field::Body => {
                        first = first.min(m.start);
                        last = last.max(m.start);
                    }
                }
            }
            if first != usize::MAX {
                signals.first = first as f64 / body_len;
                signals.spread = last.saturating_sub(first) as f64 / body_len;
            }
            if signals.headline {
                signals.first = 0.0;
            }
            candidates.push((signals, Source::Entity(i)));
        }

        // Topic words: one pass over the tokens the text stage made, keys in one buffer,
        // counts keyed by stem hash; written forms are chosen only for the winners.
        let mut words: Vec<Word> = Vec::new();
        let mut index: HashMap<u64, u32, HashedKeys> = HashMap::default();
        let mut occurrences: Vec<(u32, Field, u32)> = Vec::new();
        // The lead: the first paragraph after the byline.
        let lead_end = doc
            .article
            .paragraphs
            .iter()
            .find(|p| !in_byline(Field::Body, p.start))
            .map_or(0, |p| p.end);
        let mut phrases: Vec<Phrase> = Vec::new();
        let mut phrase_index: HashMap<(u32, u32), u32> = HashMap::new();
        for field in [Field::Headline, Field::Body] {
            // The word counted at the previous token, if any.
            let mut previous: Option<(u32, usize)> = None;
            let text = doc.field_text(field);
            let ft = match field {
                Field::Headline => &doc.headline,
                Field::Body => &doc.body,
            };
            for (ti, t) in ft.tokens.iter().enumerate() {
                if t.kind != TokenKind::Arabic || in_byline(field, t.start) {
                    continue;
                }
                key.clear();
                let all_arabic = normalize_word_into(t.text(text), key);
                // Cheap rejections first: most tokens are stop words or entity words.
                if key.len() < 6 || is_stopword_key(key) {
                    continue;
                }
                let stem = if all_arabic { self.stemmer.stem_arabic(key) } else { key.as_str() };
                let hash = stem_hash(stem);
                if claimed.contains(&hash) {
                    continue;
                }
                // What the stemmer removed in front of the stem.
                let offset = (stem.as_ptr() as usize).wrapping_sub(key.as_ptr() as usize);
                let prefix = key.get(..offset).unwrap_or("");
                let weight = match field {
                    Field::Headline => self.weights.headline_weight,
                    Field::Body if t.end <= lead_end => self.weights.lead_weight,
                    Field::Body => 1.0,
                };
                let position = match field {
                    Field::Headline => 0,
                    Field::Body => t.start,
                };
                let wi = *index.entry(hash).or_insert_with(|| {
                    words.push(Word {
                        hash,
                        weight: 0.0,
                        uses: 0,
                        verb_like: 0,
                        with_article: false,
                        headline: false,
                        first: position,
                        last: position,
                    });
                    (words.len() - 1) as u32
                });
                let Some(w) = words.get_mut(wi as usize) else { continue };
                w.weight += weight;
                w.uses += 1;
                w.with_article |= has_article(prefix);
                w.headline |= field == Field::Headline;
                w.first = w.first.min(position);
                w.last = w.last.max(position);
                // An imperfect verb: what the stemmer removed ends in its prefix letter.
                if is_verb_prefix(prefix) {
                    w.verb_like += 1;
                }
                occurrences.push((wi, field, ti as u32));
                // A phrase's second word has no conjunction or preposition of its own.
                if let Some((pw, pti)) = previous
                    && pti + 1 == ti
                    && pw != wi
                    && (prefix.is_empty() || prefix == "ال")
                {
                    let pi = *phrase_index.entry((pw, wi)).or_insert_with(|| {
                        phrases.push(Phrase {
                            first: pw,
                            second: wi,
                            weight: 0.0,
                            uses: 0,
                            headline: false,
                            at: (field, pti as u32),
                            start: position,
                            last: position,
                        });
                        (phrases.len() - 1) as u32
                    });
                    if let Some(p) = phrases.get_mut(pi as usize) {
                        p.weight += weight;
                        p.uses += 1;
                        p.headline |= field == Field::Headline;
                        p.last = p.last.max(position);
                    }
                }
                previous = Some((wi, ti));
            }
        }
        let topic_start = candidates.len();
        for (wi, w) in words.iter().enumerate() {
            if w.weight < 2.0 || w.verb_like * 2 > w.uses {
                continue;
            }
            let use_ = TopicUse {
                weight: w.weight,
                idf: self.idf.get(w.hash),
                with_article: w.with_article,
                headline: w.headline,
                first: w.first,
                last: w.last,
            };
            candidates
                .push((self.topic_signals(&use_, max_idf, body_len), Source::Topic(wi as u32)));
        }
        let usable = |w: &Word| w.verb_like * 2 <= w.uses;
        for (pi, p) in phrases.iter().enumerate() {
            let (Some(a), Some(b)) = (words.get(p.first as usize), words.get(p.second as usize))
            else {
                continue;
            };
            // Used twice, nouns on both sides, and most uses of either word are in it.
            if p.uses < 2 || !usable(a) || !usable(b) || p.uses * 2 < a.uses.max(b.uses) {
                continue;
            }
            let use_ = TopicUse {
                weight: p.weight,
                idf: self.idf.get(a.hash).max(self.idf.get(b.hash)),
                with_article: a.with_article || b.with_article,
                headline: p.headline,
                first: p.start,
                last: p.last,
            };
            candidates
                .push((self.topic_signals(&use_, max_idf, body_len), Source::Phrase(pi as u32)));
        }
        let best = candidates[topic_start..].iter().map(|c| c.0.tfidf).fold(0.0f64, f64::max);
        if best > 0.0 {
            for c in &mut candidates[topic_start..] {
                c.0.tfidf /= best;
            }
        }
        Pool { candidates, occurrences, phrases }
    }

    /// The stem hash of a word as written (clitics and all), using `key` as the buffer.
    fn hash_of(&self, word: &str, key: &mut String) -> u64 {
        key.clear();
        let all_arabic = normalize_word_into(word, key);
        stem_hash(if all_arabic { self.stemmer.stem_arabic(key) } else { key })
    }

    /// The form an editor would tag an entity with: the name form the article uses most (a
    /// nationality adjective does not count), else the canonical name; a country named in
    /// several words (`الولايات المتحدة`, `الجمهورية اليمنية`) by its one-word name
    /// (`أمريكا`, `اليمن`).
    fn editor_form(&self, entity: &Entity, doc: &Doc) -> String {
        let form = editor_form(entity, doc);
        if form.contains(' ') {
            if let Some(short) = self.short_names.get(&entity.id) {
                return short.clone();
            }
            // A country written in its formal style (`الجمهورية اليمنية`) whose name is one
            // word: editors write the name (`اليمن`).
            if entity.id.starts_with("country:") && !entity.canonical.contains(' ') {
                return entity.canonical.clone();
            }
        }
        form
    }
}

/// The most used written form of topic word `word`: without conjunctions, prepositions and
/// marks; among equals, one without an attached pronoun, then the shorter. `None` when that
/// form is not a tag (a stop word once its clitics are gone, two letters, a religious formula).
fn topic_form(doc: &Doc, word: u32, occurrences: &[(u32, Field, u32)]) -> Option<String> {
    let mut forms: Vec<(String, usize)> = Vec::new();
    for &(wi, field, ti) in occurrences {
        if wi != word {
            continue;
        }
        let ft = match field {
            Field::Headline => &doc.headline,
            Field::Body => &doc.body,
        };
        let Some(t) = ft.tokens.get(ti as usize) else { continue };
        let display = strip_marks(&display_word(t.text(doc.field_text(field))));
        // The headline's form first: editors tag with the headline's bare words (`زلزال`,
        // `تمور`) where the body says `الزلزال`, `التمور`.
        let votes = if field == Field::Headline { HEADLINE_FORM_VOTES } else { 1 };
        match forms.iter_mut().find(|f| f.0 == display) {
            Some(f) => f.1 += votes,
            None => forms.push((display, votes)),
        }
    }
    let form = forms
        .into_iter()
        .max_by(|a, b| {
            a.1.cmp(&b.1)
                .then(has_pronoun_suffix(&b.0).cmp(&has_pronoun_suffix(&a.0)))
                .then(b.0.chars().count().cmp(&a.0.chars().count()))
                .then(b.0.cmp(&a.0))
        })?
        .0;
    let form = base_form(&form, doc);
    let key = normalize(&form);
    let rejected = is_stopword_key(&key)
        || key.chars().count() < 3
        || NOT_TAGS.contains(&key.as_str())
        || is_generic(&key)
        || is_imperfect_verb(&key);
    (!rejected).then_some(form)
}

/// A word without its attached possessive or object pronoun, when the article shows the
/// bare word: `وفاته` → `وفاة`, `زواجها` → `زواج`, `اكتشافه` → `اكتشاف` (editors tag the
/// thing, not whose it is). The word itself when no such form is found.
fn base_form(word: &str, doc: &Doc) -> String {
    // The suffixes are matched on the letters as written: `ة` is no pronoun.
    let plain: String = word.chars().filter(|c| !is_mark(*c)).collect();
    let key = normalize(word);
    let letters = plain.chars().count();
    // (suffix, letters at least left)
    const PRONOUNS: [(&str, usize); 8] =
        [("هما", 3), ("كما", 3), ("هم", 3), ("هن", 3), ("ها", 3), ("كم", 3), ("ه", 3), ("ك", 3)];
    // A noun before another in the dual or plural (`ضابطي شرطة`, `مصابي الحادث`), or with
    // `my` (`أختي`): a final `ي` (not `ى`) on a word without the article.
    let construct = word.ends_with('ي') && !key.starts_with("ال") && letters >= 4;
    let suffix = match PRONOUNS
        .iter()
        .find(|(s, min)| plain.ends_with(s) && letters >= s.chars().count() + min)
    {
        Some(&(suffix, _)) => suffix,
        None if construct => "ي",
        None => return word.to_owned(),
    };
    let cut = letters - suffix.chars().count();
    let bare: String = plain.chars().take(cut).collect();
    // A `ت` before the pronoun may be a tā' marbūṭa (`وفاته`), a plural's (`أصواتها`) or
    // the root's (`بيتها`): the article decides.
    let mut options = vec![bare.clone()];
    if let Some(stem) = bare.strip_suffix('ت') {
        options.insert(0, format!("{stem}ة"));
    }
    for option in options {
        if occurs_as_word(doc, &normalize(&option)) {
            return option;
        }
    }
    word.to_owned()
}

/// Whether the article uses the word with key `key`, alone or after the article and
/// conjunctions and prepositions (`وفاة`, `الوفاة`, `بالوفاة`).
fn occurs_as_word(doc: &Doc, key: &str) -> bool {
    if key.is_empty() {
        return false;
    }
    let bare = key.strip_prefix("ال").unwrap_or(key);
    let mut buffer = String::new();
    for (ft, field) in [(&doc.headline, Field::Headline), (&doc.body, Field::Body)] {
        let text = doc.field_text(field);
        for t in &ft.tokens {
            if t.kind != TokenKind::Arabic {
                continue;
            }
            buffer.clear();
            normalize_word_into(t.text(text), &mut buffer);
            if let Some(front) = buffer.strip_suffix(bare)
                && front.len() <= 8
                && ["", "ال", "و", "ف", "ب", "ل", "ك", "وال", "فال", "بال", "لل", "وب", "ول"]
                    .contains(&front)
            {
                return true;
            }
        }
    }
    false
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Whether a key is an imperfect verb (`يتراجع`, `فيعود`): `ي` after any conjunction, then
/// at least three letters. Nouns beginning with `ي` are few in news (`يوم` is generic).
fn is_imperfect_verb(key: &str) -> bool {
    let rest = key.strip_prefix(['و', 'ف']).unwrap_or(key);
    (rest.starts_with('ي') && rest.chars().count() >= 4)
        // A past verb of a plural subject (`قتلوا`).
        || (key.ends_with("وا") && key.chars().count() >= 4)
}

/// Whether a key (with or without the article) is a generic news word: a unit, a day or
/// month, a direction, an honorific, or a word of reporting and quantity that any story
/// may use.
fn is_generic(key: &str) -> bool {
    let bare = key.strip_prefix("ال").unwrap_or(key);
    generic_keys().contains(bare)
}

fn generic_keys() -> &'static HashSet<String> {
    static SET: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        GENERIC_NEWS_WORDS
            .split_whitespace()
            .map(|w| {
                let k = normalize(w);
                k.strip_prefix("ال").map(str::to_owned).unwrap_or(k)
            })
            .collect()
    })
}

/// Generic news words (our list): reporting, quantity and time, calendar, directions,
/// units and currencies, honorifics (`سمو`, `معالي`). Written without the article.
const GENERIC_NEWS_WORDS: &str = "\
    مصدر مصادر مسؤول مسؤولين مسؤولون تصريح تصريحات بيان خبر أخبار تقرير تقارير صحيفة \
    وكالة مراسل فيديو سبب أسباب صلة شخص أشخاص أمر أمور شيء أشياء جانب خلال إطار مكان \
    أماكن نوع أنواع جزء طرف أطراف مرة مرات إضافة ضوء صعيد مستوى وقت بداية نهاية \
    آلاف ألف مليون ملايين مليار أيام يوم ساعة ساعات دقيقة دقائق أسبوع أسابيع شهر أشهر \
    سنة سنوات عام أعوام ماضي مقبل حالي أمس غدا مدة فترة أقل أكثر نحو حوالي قرابة عدد \
    أعداد نسبة السبت الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة يناير فبراير مارس \
    أبريل إبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر القعدة الحجة جمادى \
    شرق غرب شمال جنوب دولار دولارا دولارات ريال ريالات يورو جنيه جنيهات درهم دراهم دينار \
    ليرة فرنك روبية كجم كيلوجرام كيلوغرام كيلو كيلومتر كيلومترات كلم متر أمتار طن أطنان \
    طنا لتر بالمئة المئة سمو معالي سماحة فضيلة إحدى بعض كافة جميع";

/// How many body uses a headline use of a form counts for when choosing a topic word's form.
const HEADLINE_FORM_VOTES: usize = 1000;

/// A two-word phrase as first written: the first word without its conjunctions and
/// prepositions, both without marks. `None` when either word is too short to be a tag word.
fn phrase_form(doc: &Doc, phrase: &Phrase) -> Option<String> {
    let (field, ti) = phrase.at;
    let ft = match field {
        Field::Headline => &doc.headline,
        Field::Body => &doc.body,
    };
    let text = doc.field_text(field);
    let first = ft.tokens.get(ti as usize)?.text(text);
    let second = ft.tokens.get(ti as usize + 1)?.text(text);
    let first = strip_marks(&display_word(first));
    let second = strip_marks(second);
    let (first_key, second_key) = (normalize(&first), normalize(&second));
    // `أحد الجبال`: a generic word makes the phrase generic.
    if first_key.chars().count() < 3
        || second_key.chars().count() < 3
        || is_generic(&first_key)
        || is_generic(&second_key)
    {
        return None;
    }
    Some(format!("{first} {second}"))
}

/// Whether the letters the stemmer removed (`prefix`) include the article `ال`.
fn has_article(prefix: &str) -> bool {
    prefix.ends_with("ال") || prefix.ends_with("لل")
}

/// Whether the letters the stemmer removed end in an imperfect-verb prefix (`ي`, `ت`, `ن`)
/// after any conjunction and preposition (`ويقول`, `تقول`).
fn is_verb_prefix(prefix: &str) -> bool {
    let rest = prefix.strip_prefix(['و', 'ف']).unwrap_or(prefix);
    let rest = rest.strip_prefix(['ب', 'ل']).unwrap_or(rest);
    rest.starts_with(['ي', 'ت', 'ن'])
}

/// Country id → its first one-word name (canonical, then variants), for the countries whose
/// canonical name has several words; from the knowledge base's `countries.tsv`.
fn short_country_names(tsv: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for line in tsv.lines().filter(|l| !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let (Some(id), Some(_english), Some(arabic), variants) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        if !id.starts_with("country:") || !arabic.contains(' ') {
            continue;
        }
        let short = variants
            .unwrap_or("")
            .split('|')
            .map(str::trim)
            .find(|v| !v.is_empty() && !v.contains(' '));
        if let Some(short) = short {
            out.insert(id.to_owned(), short.to_owned());
        }
    }
    out
}

/// Whether a one-word text is a function word, with or without an attached conjunction or
/// preposition (`بأن`, `وإن`).
fn is_function_word(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let (Some(word), None) = (words.next(), words.next()) else { return false };
    let key = normalize(word);
    if is_stopword_key(&key) {
        return true;
    }
    let mut rest = key.as_str();
    for _ in 0..2 {
        match rest.strip_prefix(['و', 'ف', 'ب', 'ل', 'ك']) {
            Some(r) if !r.is_empty() => {
                if is_stopword_key(r) {
                    return true;
                }
                rest = r;
            }
            _ => break,
        }
    }
    false
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

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_doc::{Article, EntityMention, TextRange};

    /// A doc of our own sentences: headline, paragraphs separated by blank lines, tokens as
    /// the text stage makes them.
    fn doc(headline: &str, paragraphs: &[&str]) -> Doc {
        let text = paragraphs.join("\n\n");
        let mut ranges = Vec::new();
        let mut start = 0;
        for p in paragraphs {
            ranges.push(TextRange::new(start, start + p.len()));
            start += p.len() + 2;
        }
        let article = Article {
            id: "t".into(),
            headline: Some(headline.into()),
            text,
            paragraphs: ranges,
            ..Article::default()
        };
        let mut doc = Doc::new(article);
        doc.headline.tokens = marsad_text::tokenize(headline);
        doc.body.tokens = marsad_text::tokenize(&doc.article.text);
        doc
    }

    /// An entity with a mention at every place `name` occurs in the body.
    fn entity(doc: &Doc, id: &str, canonical: &str, label: &str, name: &str) -> Entity {
        let mentions = doc
            .article
            .text
            .match_indices(name)
            .map(|(start, _)| EntityMention {
                field: Field::Body,
                start,
                end: start + name.len(),
                text: name.to_owned(),
                demonym: false,
            })
            .collect();
        Entity {
            id: id.into(),
            canonical: canonical.into(),
            label: label.into(),
            english: None,
            country: None,
            kind: None,
            role: None,
            salience: 0.5,
            mentions,
        }
    }

    fn texts(tags: &[Tag]) -> Vec<&str> {
        tags.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn a_country_named_in_several_words_is_tagged_by_its_short_name() {
        let mut d = doc(
            "محادثات تجارية جديدة",
            &[
                "أعلنت الولايات المتحدة اليوم بدء محادثات تجارية، وقالت الولايات المتحدة إنها متفائلة.",
            ],
        );
        d.entities = vec![entity(&d, "country:us", "الولايات المتحدة", "LOC", "الولايات المتحدة")];
        let tags = Tagger::shipped().tag(&d, 5);
        let us = tags.iter().find(|t| t.entity.as_deref() == Some("country:us"));
        assert_eq!(us.map(|t| t.text.as_str()), Some("أمريكا"), "{:?}", texts(&tags));
        // A formal style of a one-word country name is tagged by the name.
        let mut d = doc(
            "زيارة رسمية",
            &["وصل وفد من الجمهورية اليمنية اليوم، واستقبلت الجمهورية اليمنية الضيوف."],
        );
        d.entities = vec![entity(&d, "country:ye", "اليمن", "LOC", "الجمهورية اليمنية")];
        let ye = Tagger::shipped().tag(&d, 5);
        assert!(texts(&ye).contains(&"اليمن"), "{:?}", texts(&ye));
        // A name the knowledge base lacks keeps the article's form.
        let mut d = doc("زيارة", &["وصل وفد جزر الأمنيات اليوم، ورحب أهل جزر الأمنيات بالوفد."]);
        d.entities = vec![entity(&d, "LOC:x", "جزر الأمنيات", "LOC", "جزر الأمنيات")];
        assert!(texts(&Tagger::shipped().tag(&d, 5)).contains(&"جزر الأمنيات"));
    }

    #[test]
    fn a_topic_word_is_written_as_the_headline_writes_it() {
        let d = doc(
            "زلزال يهز القرية الجبلية",
            &[
                "ضرب الزلزال القرية فجرا، وشعر السكان بالزلزال في كل البيوت.",
                "وقال شاهد إن الزلزال استمر دقيقة، وإن الزلزال أخاف الأطفال.",
            ],
        );
        let tags = Tagger::shipped().tag(&d, 5);
        let all = texts(&tags);
        assert!(all.contains(&"زلزال"), "{all:?}");
        assert!(!all.contains(&"الزلزال"), "{all:?}");
    }

    #[test]
    fn a_phrase_takes_the_place_of_its_own_word() {
        let d = doc(
            "نقاش حول الطاقة الشمسية",
            &[
                "تتوسع الطاقة الشمسية في القرى، وتقول البلدية إن الطاقة الشمسية أرخص.",
                "ويطالب المزارعون بدعم الطاقة الشمسية في الحقول.",
            ],
        );
        let tags = Tagger::shipped().tag(&d, 5);
        let all = texts(&tags);
        assert!(all.contains(&"الطاقة الشمسية"), "{all:?}");
        assert!(!all.contains(&"الشمسية") && !all.contains(&"الطاقة"), "{all:?}");
    }

    #[test]
    fn the_byline_is_not_a_tag_and_not_the_lead() {
        let mut d = doc(
            "افتتاح مكتبة عامة",
            &["سالم البحار – المدينة", "افتتحت البلدية مكتبة عامة كبيرة، والمكتبة مفتوحة للجميع."],
        );
        d.entities = vec![entity(&d, "PER:x", "سالم البحار", "PER", "سالم البحار")];
        let tags = Tagger::shipped().tag(&d, 5);
        let all = texts(&tags);
        assert!(!all.iter().any(|t| t.contains("سالم")), "{all:?}");
        assert!(all.iter().any(|t| t.contains("مكتبة")), "{all:?}");
    }

    #[test]
    fn publisher_tags_are_never_used() {
        let mut d = doc("افتتاح مكتبة عامة", &["افتتحت البلدية مكتبة عامة كبيرة للقراء."]);
        let before = Tagger::shipped().tag(&d, 5);
        d.article.publisher_tags = vec!["كلمة_غائبة".into(), "مكتبة".into()];
        assert_eq!(Tagger::shipped().tag(&d, 5), before);
    }

    #[test]
    fn a_suffixed_word_is_written_in_the_base_form_the_article_uses() {
        let d = doc(
            "حزن في الحي بعد وفاته وزواجها",
            &["أعلنت الأسرة الوفاة صباحا، وكان الزواج قبل عام في بيتها.", "وعاد البيت هادئا."],
        );
        assert_eq!(base_form("وفاته", &d), "وفاة");
        assert_eq!(base_form("زواجها", &d), "زواج");
        assert_eq!(base_form("بيتها", &d), "بيت");
        // `ة` is no pronoun, and without a bare form in the article the word stays.
        assert_eq!(base_form("صورة", &d), "صورة");
        assert_eq!(base_form("رحيله", &d), "رحيله");
        // A noun before another in the dual, without the article.
        let d = doc("إصابة ضابطي مرور", &["أصيب ضابط مرور في الحادث، ونقل الضابط إلى المستشفى."]);
        assert_eq!(base_form("ضابطي", &d), "ضابط");
        assert_eq!(base_form("المروري", &d), "المروري");
    }

    #[test]
    fn generic_words_and_verbs_are_not_topic_words() {
        for word in ["الثلاثاء", "مصادر", "الأشخاص", "دولار", "كيلومترات", "سمو", "بعض"]
        {
            assert!(is_generic(&normalize(word)), "{word}");
        }
        for word in ["الزلزال", "مكتبة", "الانتخابات"] {
            assert!(!is_generic(&normalize(word)), "{word}");
        }
        for word in ["يتراجع", "فيعود", "قتلوا"] {
            assert!(is_imperfect_verb(&normalize(word)), "{word}");
        }
        for word in ["تعليم", "نظام", "يد"] {
            assert!(!is_imperfect_verb(&normalize(word)), "{word}");
        }
        let d = doc(
            "ارتفاع أسعار القمح يتراجع الثلاثاء",
            &["قالت مصادر إن أسعار القمح ارتفعت الثلاثاء، وإن القمح يتراجع في الأسواق الثلاثاء."],
        );
        let tags = Tagger::shipped().tag(&d, 5);
        let all = texts(&tags);
        assert!(all.iter().any(|t| t.contains("القمح")), "{all:?}");
        for bad in ["الثلاثاء", "مصادر", "يتراجع"] {
            assert!(!all.contains(&bad), "{all:?}");
        }
    }

    #[test]
    fn a_phrase_with_a_generic_word_is_no_tag() {
        let d = doc(
            "حريق بأحد المصانع",
            &[
                "اندلع حريق بأحد المصانع صباحا. وقال الدفاع المدني إن الحريق بأحد المصانع أخمد ظهرا.",
            ],
        );
        let all_tags = Tagger::shipped().tag(&d, 5);
        let all = texts(&all_tags);
        assert!(!all.iter().any(|t| t.contains("أحد")), "{all:?}");
    }

    #[test]
    fn a_name_read_into_a_function_word_is_no_tag() {
        assert!(is_function_word("بأن"));
        assert!(is_function_word("وإن"));
        assert!(!is_function_word("روسيا"));
        assert!(!is_function_word("بأن روسيا"));
        let mut d = doc(
            "افتتاح مكتبة عامة",
            &["أعلنت البلدية بأن المكتبة العامة ستفتح، وقال المدير بأن المكتبة كبيرة."],
        );
        d.entities = vec![entity(&d, "country:x", "بلاد الأوهام", "LOC", "بأن")];
        let tags = Tagger::shipped().tag(&d, 5);
        assert!(tags.iter().all(|t| t.entity.is_none()), "{:?}", texts(&tags));
    }

    #[test]
    fn an_organisation_cited_in_the_body_ranks_below_one_in_the_headline() {
        let mut d = doc(
            "مجلس المدينة يقر الميزانية",
            &[
                "أقر مجلس المدينة الميزانية الجديدة، بحسب صحيفة النهار الصباحية.",
                "وقالت صحيفة النهار إن مجلس المدينة ناقش الميزانية طويلا.",
            ],
        );
        let mut council = entity(&d, "ORG:a", "مجلس المدينة", "ORG", "مجلس المدينة");
        council.mentions.push(EntityMention {
            field: Field::Headline,
            start: 0,
            end: "مجلس المدينة".len(),
            text: "مجلس المدينة".into(),
            demonym: false,
        });
        let paper = entity(&d, "ORG:b", "صحيفة النهار", "ORG", "صحيفة النهار");
        d.entities = vec![paper, council];
        let tags = Tagger::shipped().tag(&d, 5);
        let rank = |name: &str| tags.iter().position(|t| t.text == name);
        assert!(rank("مجلس المدينة").is_some(), "{:?}", texts(&tags));
        assert!(rank("صحيفة النهار").is_none_or(|r| Some(r) > rank("مجلس المدينة")));
    }

    #[test]
    fn weights_are_set_by_name() {
        let mut w = TagWeights::default();
        for name in TagWeights::NAMES {
            assert!(w.get(name).is_some(), "{name}");
            assert!(w.set(name, 0.5));
            assert_eq!(w.get(name), Some(0.5));
        }
        assert!(!w.set("no_such_weight", 1.0));
        assert_eq!(w.get("no_such_weight"), None);
    }

    #[test]
    fn odd_input_does_not_panic() {
        let d = doc("", &["", "ـــ", "a b c", "١٢٣ ؟؟ !!"]);
        let _ = Tagger::shipped().tag(&d, 5);
        let _ = Tagger::shipped().candidates(&d);
        let empty = Doc::default();
        assert!(Tagger::shipped().tag(&empty, 5).is_empty());
    }
}
