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

use marsad_doc::{Doc, Event, Fact, Field, Quote};

pub use numbers::parse_number;

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
    let mut out = Extraction::default();
    let head = ctx::FieldCtx::new(doc, Field::Headline);
    let body = ctx::FieldCtx::new(doc, Field::Body);
    let mut head_quotes = quotes::find(&head);
    let body_quotes = quotes::find(&body);
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

/// Fills [`Doc::quotes`], [`Doc::facts`] and [`Doc::events`] of `doc`.
pub fn annotate(doc: &mut Doc) {
    let Extraction { quotes, facts, events } = extract(doc);
    doc.quotes = quotes;
    doc.facts = facts;
    doc.events = events;
}
