//! Quotes with speakers, numeric facts and events, read by rules from an analysed [`Doc`].
//!
//! Everything here works over the tokens and sentences of `marsad-text` (already in the
//! [`Doc`]), the time expressions of the time stage ([`Doc::times`]) and the resolved
//! entities of the entities stage ([`Doc::entities`]):
//!
//! - [`quotes`]: direct quotations in `"…"`, `«…»`, `“…”` and indirect speech (`قال … إن …`,
//!   `أكد أن …`), each attached to its attribution verb (`قال`, `وأضافت`, `قائلا`, `بحسب`, …)
//!   and speaker (an entity id, a role resolved to the entity named earlier, or the words);
//!   continuations (`وتابع: "…"`) keep the previous speaker.
//! - [`facts`]: GDELT-style counts (`KILL`, `WOUND`, `ARREST`, `KIDNAP`, `PROTEST`,
//!   `DISPLACE`, `AFFECT`) with number, qualifier and subject; money and percentages.
//! - [`events`]: who did what to whom (a small CAMEO-like action set), with date and place.
//!
//! Nothing here panics on any input: every index is checked, and a rule that does not fit
//! simply finds nothing.

mod ctx;
mod events;
mod facts;
mod lex;
mod numbers;
mod quotes;
mod speakers;

use marsad_doc::{Doc, Event, Fact, Field, Quote};

pub use numbers::parse_number;
pub use speakers::{RankExample, SpeakerModel};

/// What [`extract`] finds in one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extraction {
    pub quotes: Vec<Quote>,
    pub facts: Vec<Fact>,
    pub events: Vec<Event>,
}

/// Quotes, facts and events of the headline and the body of `doc`, in text order per field
/// (headline first). Uses `doc.headline`/`doc.body` tokens and sentences, `doc.times` and
/// `doc.entities`; a document without them simply yields fewer results.
pub fn extract(doc: &Doc) -> Extraction {
    extract_with(doc, SpeakerModel::embedded())
}

/// [`extract`] with `model` choosing the body quotes' speakers (an empty model keeps the
/// rules' speakers).
pub fn extract_with(doc: &Doc, model: &SpeakerModel) -> Extraction {
    let mut out = Extraction::default();
    let head = ctx::FieldCtx::new(doc, Field::Headline);
    let body = ctx::FieldCtx::new(doc, Field::Body);
    let mut head_quotes = quotes::find(&head);
    let mut body_quotes = quotes::find(&body);
    speakers::rerank(&body, &mut body_quotes, model);
    // A headline role (`وزير الخارجية الأمريكي: …`) is the person the body names with it.
    quotes::resolve_from_body(&mut head_quotes, &body, &body_quotes);
    for (ctx, quotes) in [(head, head_quotes), (body, body_quotes)] {
        out.facts.extend(facts::find(&ctx));
        for event in events::find(&ctx, &quotes) {
            events::merge(&mut out.events, event);
        }
        out.quotes.extend(quotes.into_iter().map(|f| f.quote));
    }
    out
}

/// A body quote's speaker candidates (see [`SpeakerModel`]), for training and evaluating
/// the ranker: the quote's offsets and, per candidate, its names and features.
#[derive(Clone, Debug, PartialEq)]
pub struct SpeakerCandidates {
    pub field: Field,
    pub start: usize,
    pub end: usize,
    pub candidates: Vec<CandidateInfo>,
}

/// One party that may have said a quote.
#[derive(Clone, Debug, PartialEq)]
pub struct CandidateInfo {
    /// What the record's `speaker` would hold: the entity id, else the words.
    pub value: String,
    /// The speaker as written where it was found.
    pub written: String,
    /// Whether the rules chose it.
    pub rule: bool,
    pub features: Vec<String>,
}

/// Every body quote's speaker candidates, before any model chooses.
pub fn speaker_candidates(doc: &Doc) -> Vec<SpeakerCandidates> {
    candidates_of(doc, None)
}

/// A quote's speaker as another version of the rules gave it (a record's `quotes` entry):
/// for training the ranker on rule output the rules were not tuned on.
#[derive(Clone, Debug, PartialEq)]
pub struct GivenQuote {
    pub start: usize,
    pub end: usize,
    /// The record's `speaker` (an entity id or words), `speaker_text` and `speaker_span`.
    pub speaker: Option<String>,
    pub speaker_text: Option<String>,
    pub speaker_span: Option<(usize, usize)>,
}

/// [`speaker_candidates`] with the rules' speakers taken from `given` (the body quotes of
/// the same document as another version of the rules found them): each quote found now
/// takes the speaker of the given quote it overlaps most, and none when none overlaps.
pub fn speaker_candidates_given(doc: &Doc, given: &[GivenQuote]) -> Vec<SpeakerCandidates> {
    candidates_of(doc, Some(given))
}

fn candidates_of(doc: &Doc, given: Option<&[GivenQuote]>) -> Vec<SpeakerCandidates> {
    let body = ctx::FieldCtx::new(doc, Field::Body);
    let mut found = quotes::find(&body);
    if let Some(given) = given {
        for f in &mut found {
            let (a, b) = (f.quote.start, f.quote.end);
            let best = given
                .iter()
                .filter(|g| g.start < b && a < g.end)
                .max_by_key(|g| g.end.min(b) - g.start.max(a));
            f.speaker = best.and_then(|g| speakers::given_speaker(&body, g));
        }
    }
    (0..found.len())
        .filter_map(|q| {
            let f = found.get(q)?;
            let rule = f.speaker.as_ref().map(|s| s.value());
            let candidates = speakers::candidates(&body, &found, q)
                .into_iter()
                .map(|c| CandidateInfo {
                    rule: rule.as_ref() == Some(&c.speaker.value()),
                    value: c.speaker.value(),
                    written: c.speaker.text,
                    features: c.features,
                })
                .collect();
            Some(SpeakerCandidates {
                field: Field::Body,
                start: f.quote.start,
                end: f.quote.end,
                candidates,
            })
        })
        .collect()
}

/// Fills [`Doc::quotes`], [`Doc::facts`] and [`Doc::events`] of `doc`.
pub fn annotate(doc: &mut Doc) {
    annotate_with(doc, SpeakerModel::embedded());
}

/// [`annotate`] with `model` choosing the body quotes' speakers (an empty model,
/// `SpeakerModel::default()`, keeps the rules' speakers).
pub fn annotate_with(doc: &mut Doc, model: &SpeakerModel) {
    let Extraction { quotes, facts, events } = extract_with(doc, model);
    doc.quotes = quotes;
    doc.facts = facts;
    doc.events = events;
}
