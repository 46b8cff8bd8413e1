//! The `analyze` output record: Marsad's stable JSON contract.
//!
//! Field names never change meaning or disappear; new fields may be added. `schema` says
//! which version of the contract a record follows.

use marsad_doc::{Doc, Origin, Published};

/// One time expression of the record (`times`): text, field, byte offsets, ISO value,
/// granularity, calendar, relative, and `error` when the date is impossible.
pub type TimeOut = marsad_doc::TimeMention;
use serde::Serialize;

/// The version of the record layout.
pub const SCHEMA_VERSION: u32 = 1;

/// One body paragraph: its text and byte offsets into the article's original text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParagraphOut {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Counts from the text layer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TextStats {
    pub tokens: usize,
    pub words: usize,
    pub sentences: usize,
}

/// One analyzed article. The last six lists are filled by analysis stages as they land.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Record {
    pub schema: u32,
    pub id: String,
    pub url: Option<String>,
    pub source: Option<String>,
    pub headline: Option<String>,
    pub published: Option<Published>,
    pub paragraphs: Vec<ParagraphOut>,
    pub publisher_tags: Vec<String>,
    pub related_headlines: Vec<String>,
    pub tags: Vec<marsad_doc::Tag>,
    pub entities: Vec<marsad_doc::Entity>,
    pub times: Vec<TimeOut>,
    pub quotes: Vec<marsad_doc::Quote>,
    pub facts: Vec<marsad_doc::Fact>,
    pub events: Vec<marsad_doc::Event>,
    pub stats: TextStats,
    pub origin: Origin,
    /// Notes on this article's analysis, such as a dateline that disagrees with the
    /// metadata (empty when all is well).
    pub warnings: Vec<String>,
    /// The byline (web pages and feeds that state one).
    pub author: Option<String>,
    /// The publisher's section or category.
    pub section: Option<String>,
    /// Last modification time (ISO 8601), when the page states it.
    pub modified: Option<Published>,
    /// The page's canonical URL.
    pub canonical_url: Option<String>,
    /// `ar`, another declared language code, or `und` (web pages).
    pub language: Option<String>,
}

impl Record {
    pub fn from_doc(doc: &Doc) -> Record {
        let a = &doc.article;
        Record {
            schema: SCHEMA_VERSION,
            id: a.id.clone(),
            url: a.url.clone(),
            source: a.source.clone(),
            headline: a.headline.clone(),
            published: a.published,
            paragraphs: a
                .paragraphs
                .iter()
                .map(|p| ParagraphOut {
                    text: p.slice(&a.text).to_owned(),
                    start: p.start,
                    end: p.end,
                })
                .collect(),
            publisher_tags: a.publisher_tags.clone(),
            related_headlines: a.related_headlines.clone(),
            tags: doc.tags.clone(),
            entities: doc.entities.clone(),
            times: doc.times.clone(),
            quotes: doc.quotes.clone(),
            facts: doc.facts.clone(),
            events: doc.events.clone(),
            stats: TextStats {
                tokens: doc.body.tokens.len(),
                words: doc.body.tokens.iter().filter(|t| t.is_word()).count(),
                sentences: doc.body.sentences.len(),
            },
            origin: a.origin.clone(),
            warnings: doc.warnings.clone(),
            author: a.author.clone(),
            section: a.section.clone(),
            modified: a.modified,
            canonical_url: a.canonical_url.clone(),
            language: a.language.clone(),
        }
    }

    /// A readable summary for people.
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let none = "—";
        let _ = writeln!(out, "● {}", self.headline.as_deref().unwrap_or(none));
        let _ = writeln!(out, "  id:        {}", self.id);
        if let Some(url) = &self.url {
            let _ = writeln!(out, "  url:       {url}");
        }
        let _ = writeln!(out, "  source:    {}", self.source.as_deref().unwrap_or(none));
        let published = self.published.map(|p| p.to_string());
        let _ = writeln!(out, "  published: {}", published.as_deref().unwrap_or(none));
        let _ = writeln!(
            out,
            "  body:      {} paragraphs, {} sentences, {} words",
            self.paragraphs.len(),
            self.stats.sentences,
            self.stats.words
        );
        if !self.publisher_tags.is_empty() {
            let _ = writeln!(out, "  tags:      {}", self.publisher_tags.join("، "));
        }
        for (i, p) in self.paragraphs.iter().enumerate() {
            let _ = writeln!(out, "  [{}] {}", i + 1, p.text);
        }
        if !self.related_headlines.is_empty() {
            let _ = writeln!(out, "  related:");
            for h in &self.related_headlines {
                let _ = writeln!(out, "    - {h}");
            }
        }
        out
    }
}
