//! The article model that flows through the Marsad pipeline.
//!
//! A reader produces an [`Article`]: the page's own structure (headline, dateline, body
//! paragraphs, source, the publisher's tags, related headlines) with the body kept as one
//! untouched string. The pipeline wraps it in a [`Doc`], to which the text layer adds tokens
//! and sentences and each analysis stage adds labelled [`Span`]s. Every offset is a byte
//! offset into the original string of its [`Field`], so anything can be highlighted.

use std::fmt;

use serde::{Serialize, Serializer};

pub use marsad_text::{Sentence, Token, TokenKind};

/// A half-open byte range `start..end` into one field's original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct TextRange {
    pub start: usize,
    pub end: usize,
}

impl TextRange {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        TextRange { start, end }
    }

    /// The slice of `text` this range covers, or `""` if it does not fit `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Which original string an offset points into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Headline,
    Body,
}

/// When an article was published: a wall-clock time, with the UTC offset when the source
/// states one. Datelines on Arabic pages give local time without a zone, so the offset is
/// optional rather than guessed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Published {
    pub datetime: jiff::civil::DateTime,
    pub offset: Option<jiff::tz::Offset>,
}

impl Published {
    pub fn local(datetime: jiff::civil::DateTime) -> Self {
        Published { datetime, offset: None }
    }

    pub fn with_offset(datetime: jiff::civil::DateTime, offset: jiff::tz::Offset) -> Self {
        Published { datetime, offset: Some(offset) }
    }
}

/// ISO 8601: `2022-01-08T11:47:00`, or `2018-04-01T05:46:01+00:00` when the offset is known.
impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.datetime;
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            d.year(),
            d.month(),
            d.day(),
            d.hour(),
            d.minute(),
            d.second()
        )?;
        if let Some(offset) = self.offset {
            let secs = offset.seconds();
            let sign = if secs < 0 { '-' } else { '+' };
            let secs = secs.unsigned_abs();
            write!(f, "{sign}{:02}:{:02}", secs / 3600, (secs % 3600) / 60)?;
        }
        Ok(())
    }
}

impl Serialize for Published {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Where an article came from: a file and, for multi-record files, the record number
/// (1-based) or, for a whole page, none. Used in every error message and as a fallback id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<usize>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.record {
            Some(n) => write!(f, "{} (record {n})", self.path),
            None => write!(f, "{}", self.path),
        }
    }
}

/// One news article as a reader found it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    /// Stable identifier: the record's own id, else the URL, else `path#record`.
    pub id: String,
    pub url: Option<String>,
    /// The outlet, e.g. `الحرة` or `3alyoum`.
    pub source: Option<String>,
    pub headline: Option<String>,
    pub published: Option<Published>,
    /// The body as found in the source, untouched. Paragraph, token and span offsets point
    /// into this string. It may contain parts that are not body (a trailing tag block); only
    /// what [`Article::paragraphs`] covers is body.
    pub text: String,
    /// Body paragraphs, in order, as ranges of [`Article::text`], trimmed of whitespace.
    pub paragraphs: Vec<TextRange>,
    /// The publisher's own tags (`كلمات مفتاحية`, `سمات`, …), never mixed into the body.
    pub publisher_tags: Vec<String>,
    /// Headlines of related articles listed under the page, never mixed into the body.
    pub related_headlines: Vec<String>,
    pub origin: Origin,
    /// The byline, as the page states it (several authors joined with `، `).
    pub author: Option<String>,
    /// The publisher's section or category (`سياسة`, `Business`).
    pub section: Option<String>,
    /// When the page says the article was last modified.
    pub modified: Option<Published>,
    /// The page's canonical URL (`<link rel="canonical">`, `og:url`, JSON-LD `url`).
    pub canonical_url: Option<String>,
    /// The language of the body: `ar` when Arabic script dominates, else the page's declared
    /// language (`en`, `fr`, …), else `und`. Unset for inputs that do not say or detect it.
    pub language: Option<String>,
}

impl Article {
    /// The text of each body paragraph.
    pub fn paragraph_texts(&self) -> impl Iterator<Item = &str> {
        self.paragraphs.iter().map(|p| p.slice(&self.text))
    }
}

/// Tokens and sentences of one field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldText {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

/// A labelled stretch of text added by an analysis stage (an entity mention, a time
/// expression, a quote, …).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Span {
    pub field: Field,
    pub start: usize,
    pub end: usize,
    pub label: String,
}

/// A time expression found by the time stage: where it is and its normalized value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimeMention {
    /// The expression as written.
    pub text: String,
    pub field: Field,
    /// Byte offsets into the field's original string (see [`Doc::field_text`]).
    pub start: usize,
    pub end: usize,
    /// ISO 8601: a date (`2022-01-07`), a datetime (`2022-01-08T11:47:00`), a time
    /// (`11:47:00`) or an interval (`2022-01-01/2022-01-31`); `null` when the expression is
    /// impossible (see `error`) or relative without an anchor.
    pub value: Option<String>,
    /// `year`, `month`, `week`, `day` or `minute`.
    pub granularity: &'static str,
    /// `gregorian` or `hijri`: the calendar the text used (values are always Gregorian).
    pub calendar: &'static str,
    /// Whether the value depends on the publication time.
    pub relative: bool,
    /// Why there is no value (`impossible date`, `invalid time`, `absurd year`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'static str>,
}

/// An article on its way through the pipeline: the article plus what the stages add.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Doc {
    pub article: Article,
    pub headline: FieldText,
    pub body: FieldText,
    pub spans: Vec<Span>,
    /// Time expressions of the headline and body, in text order per field.
    pub times: Vec<TimeMention>,
    /// People, places, organisations and other names, most salient first.
    pub entities: Vec<Entity>,
    /// Direct and indirect quotations with their speakers, in text order.
    pub quotes: Vec<Quote>,
    /// Numeric facts (counts of killed, wounded, arrested, …; money; percentages).
    pub facts: Vec<Fact>,
    /// Who did what to whom, when and where.
    pub events: Vec<Event>,
    /// Suggested tags, best first.
    pub tags: Vec<Tag>,
    /// Things a reader of the output should know about this article's analysis (e.g. the
    /// metadata's publication date disagrees with the dateline in the text).
    pub warnings: Vec<String>,
}

/// A suggested tag.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tag {
    /// The tag as an editor would write it.
    pub text: String,
    pub score: f64,
    /// The entity id when the tag is an entity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// `person`, `place`, `organisation`, `misc` or `topic`.
    pub kind: String,
}

/// One place where an entity is named.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityMention {
    pub field: Field,
    /// Byte offsets into the field's original text.
    pub start: usize,
    pub end: usize,
    /// The text as written (`و"توكاييف"` keeps its clitic and quotes out of the offsets
    /// only when they are separate tokens).
    pub text: String,
    /// A nationality adjective standing for a country (`الروسية` for Russia).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub demonym: bool,
}

/// An entity of an article: all its mentions resolved to one canonical name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entity {
    /// A knowledge-base id (`country:ru`, `person:vladimir-putin`) or, for names the
    /// knowledge base lacks, `label:canonical-key` — stable across articles.
    pub id: String,
    /// The canonical Arabic name (`فلاديمير بوتين` for a mention `بوتين`).
    pub canonical: String,
    /// `PER`, `LOC`, `ORG` or `MISC`.
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub english: Option<String>,
    /// For a city or a government body: the country it belongs to or stands for
    /// (`واشنطن`, `الكرملين` → `country:us`, `country:ru`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// For an organisation the knowledge base knows: its kind (`ministry`, `army`,
    /// `media`, …). A state's army (`army`) speaks and acts as its country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// For a person the knowledge base knows: their office with its years, in English
    /// (`Foreign Minister of Iran 2013-2021`). A title in the text (`وزير الخارجية
    /// الإيراني`) is matched against it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// How central the entity is to the article, in 0..=1 (headline, frequency, position).
    pub salience: f64,
    pub mentions: Vec<EntityMention>,
}

/// Whether a quotation reproduces the speaker's words or reports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// The words between quotation marks (`قال: "…"`).
    Direct,
    /// Reported speech after a complementizer (`قال إن …`, `أكد أن …`).
    Indirect,
}

/// A quotation and who said it (the record's `quotes` entries).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quote {
    /// What was said: the words inside the quotation marks, or the reported clause.
    pub text: String,
    pub kind: QuoteKind,
    /// The speaker: an entity id (`person:antony-blinken`, `label:…`) when the speaker is a
    /// resolved entity, else the speaker's text (a role such as `رئيس البلاد`); `null` when
    /// no speaker was found.
    pub speaker: Option<String>,
    /// The speaker as written where the quote names it (or where the continued quote named
    /// it: `وتابع: "…"` keeps the previous quote's speaker).
    pub speaker_text: Option<String>,
    /// The attribution verb or phrase as written (`وأضافت`, `قائلا`, `بحسب`).
    pub verb: Option<String>,
    pub field: Field,
    /// Byte offsets of the quoted text (without the quotation marks).
    pub start: usize,
    pub end: usize,
    /// Byte offsets of `speaker_text` in the same field, when it is written in this sentence.
    pub speaker_span: Option<TextRange>,
}

/// A number the text states about the world (the record's `facts` entries).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fact {
    /// `KILL`, `WOUND`, `ARREST`, `KIDNAP`, `PROTEST`, `DISPLACE`, `AFFECT` (GDELT count
    /// types), `MONEY` or `PERCENT`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The number (the lower bound of a range; `عشرات` → 10, `مئات` → 100, `آلاف` → 1000).
    pub count: f64,
    /// The upper bound of a range (`بين 10 و20`, `10-20`).
    pub count_max: Option<f64>,
    /// `exact`, `about`, `at_least` (also `عشرات`, `مئات`, `آلاف`), `more_than`, `less_than`
    /// or `up_to`.
    pub qualifier: &'static str,
    /// Whom or what is counted, as written (`متظاهرا`, `عناصر إنفاذ القانون`).
    pub subject: Option<String>,
    /// The currency (`USD`, `SAR`, `EUR`, …, or the word as written) of a `MONEY` fact; `%`
    /// for `PERCENT`.
    pub unit: Option<String>,
    /// Where, when the sentence names a place entity: its id.
    pub place: Option<String>,
    /// When, when the sentence has a dated time expression: its ISO value.
    pub date: Option<String>,
    /// The stretch of text the fact was read from (number through trigger).
    pub text: String,
    pub field: Field,
    pub start: usize,
    pub end: usize,
}

/// One side of an event: an entity, or a role of a country (`القوات الروسية` → `country:ru`,
/// role `military`), or just the words when nothing resolves.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventArg {
    /// An entity id, or the text when no entity matches.
    pub id: String,
    /// As written.
    pub text: String,
    /// `military`, `police`, `government`, `protesters`, … when the argument is a group of a
    /// country rather than the entity itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// Who did what to whom, when and where (the record's `events` entries).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// A small CAMEO-like action: `statement`, `appeal`, `consult`, `cooperate`, `demand`,
    /// `warn`, `criticize`, `protest`, `arrest`, `use-force`, `deploy`.
    pub action: &'static str,
    pub actor: Option<EventArg>,
    pub target: Option<EventArg>,
    /// The ISO value of the time expression the sentence states (`الجمعة` → `2022-01-07`);
    /// `null` when the sentence states none (no date is guessed).
    pub date: Option<String>,
    /// A place entity id named in the sentence.
    pub place: Option<String>,
    /// The trigger word as written (`حذرت`, `تباحث`).
    pub trigger: String,
    /// The sentence the event was read from.
    pub text: String,
    pub field: Field,
    pub start: usize,
    pub end: usize,
}

impl Doc {
    pub fn new(article: Article) -> Self {
        Doc { article, ..Doc::default() }
    }

    /// The original string a field's offsets point into.
    pub fn field_text(&self, field: Field) -> &str {
        match field {
            Field::Headline => self.article.headline.as_deref().unwrap_or(""),
            Field::Body => &self.article.text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_is_iso_8601() {
        let d = jiff::civil::date(2022, 1, 8).at(11, 47, 0, 0);
        assert_eq!(Published::local(d).to_string(), "2022-01-08T11:47:00");
        let off = jiff::tz::Offset::from_seconds(3 * 3600 + 1800).expect("valid offset");
        assert_eq!(Published::with_offset(d, off).to_string(), "2022-01-08T11:47:00+03:30");
        let neg = jiff::tz::Offset::from_seconds(-5 * 3600).expect("valid offset");
        assert_eq!(Published::with_offset(d, neg).to_string(), "2022-01-08T11:47:00-05:00");
    }

    #[test]
    fn range_slice_never_panics() {
        let text = "مرحبا";
        assert_eq!(TextRange::new(0, 2).slice(text), "م");
        assert_eq!(TextRange::new(0, 1).slice(text), "");
        assert_eq!(TextRange::new(0, 99).slice(text), "");
    }
}
