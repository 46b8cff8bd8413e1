//! The analysis pipeline: an [`Article`] in, a [`Doc`] out, and the `analyze` JSON record
//! that is Marsad's stable output contract.
//!
//! ```text
//! Article ──▶ TextStage (tokens, sentences) ──▶ TimeStage (times) ──▶ EntityStage
//!             (entities) ──▶ later stages (tags, quotes/facts/events) ──▶ Doc ──▶ Record
//! ```
//!
//! Each stage implements [`Stage`] and adds to the [`Doc`]; [`Pipeline::default`] lists the
//! stages in order.

mod entity_stage;
mod events_stage;
mod record;
mod tags_stage;
mod time_stage;

pub use entity_stage::EntityStage;
pub use events_stage::EventsStage;
pub use record::{ParagraphOut, Record, SCHEMA_VERSION, TimeOut};
pub use tags_stage::{TAGS_PER_ARTICLE, TagsStage};
pub use time_stage::TimeStage;

use marsad_doc::{Article, Doc, FieldText};
use marsad_text::{sentences, tokenize};

/// One step of analysis: reads the [`Doc`] and adds to it.
pub trait Stage: Send + Sync {
    /// A short name for progress and error messages.
    fn name(&self) -> &'static str;
    fn run(&self, doc: &mut Doc);
}

/// Tokens and sentences of the headline and of every body paragraph.
#[derive(Clone, Copy, Debug, Default)]
pub struct TextStage;

impl Stage for TextStage {
    fn name(&self) -> &'static str {
        "text"
    }

    fn run(&self, doc: &mut Doc) {
        if let Some(headline) = doc.article.headline.as_deref() {
            let tokens = tokenize(headline);
            let sentences = sentences(headline, &tokens, &[(0, headline.len())]);
            doc.headline = FieldText { tokens, sentences };
        }
        let text = doc.article.text.as_str();
        // Only what the paragraphs cover is body: a text page's `text` is the whole page,
        // with headline, dateline and tag block outside the paragraphs.
        let mut tokens = Vec::new();
        let mut ranges = Vec::with_capacity(doc.article.paragraphs.len());
        for p in &doc.article.paragraphs {
            let Some(paragraph) = text.get(p.start..p.end) else { continue };
            tokens.extend(tokenize(paragraph).into_iter().map(|mut t| {
                t.start += p.start;
                t.end += p.start;
                t
            }));
            ranges.push((p.start, p.end));
        }
        let sentences = sentences(text, &tokens, &ranges);
        doc.body = FieldText { tokens, sentences };
    }
}

/// The ordered list of stages an article goes through.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Default for Pipeline {
    /// Every stage that has landed, in order. The entities stage loads the shipped model
    /// and knowledge base; if they were corrupt (a broken build), it is left out with a
    /// message rather than failing every article.
    fn default() -> Self {
        let mut stages: Vec<Box<dyn Stage>> = vec![Box::new(TextStage), Box::new(TimeStage)];
        match EntityStage::shipped() {
            Ok(stage) => stages.push(Box::new(stage)),
            Err(e) => eprintln!("marsad: entities stage disabled: {e}"),
        }
        stages.push(Box::new(EventsStage::default()));
        stages.push(Box::new(TagsStage::shipped()));
        Pipeline { stages }
    }
}

impl Pipeline {
    /// A pipeline of the given stages, in order (for evaluations that swap one stage).
    pub fn with_stages(stages: Vec<Box<dyn Stage>>) -> Pipeline {
        Pipeline { stages }
    }

    /// Replaces the stage named `name` (e.g. `"tags"`) with `stage`; returns whether one
    /// was found.
    pub fn replace_stage(&mut self, name: &str, stage: Box<dyn Stage>) -> bool {
        match self.stages.iter_mut().find(|s| s.name() == name) {
            Some(slot) => {
                *slot = stage;
                true
            }
            None => false,
        }
    }

    /// Names of the stages, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Runs every stage over the article.
    pub fn run(&self, article: Article) -> Doc {
        let mut doc = Doc::new(article);
        for stage in &self.stages {
            stage.run(&mut doc);
        }
        doc
    }

    /// Runs every stage over the article like [`Pipeline::run`], adding each stage's wall
    /// time to `spent` (same order as [`Pipeline::stage_names`]; extra stages beyond
    /// `spent.len()` run untimed). For per-stage benchmarks.
    pub fn run_timed(&self, article: Article, spent: &mut [std::time::Duration]) -> Doc {
        let mut doc = Doc::new(article);
        for (i, stage) in self.stages.iter().enumerate() {
            let t = std::time::Instant::now();
            stage.run(&mut doc);
            if let Some(slot) = spent.get_mut(i) {
                *slot += t.elapsed();
            }
        }
        doc
    }

    /// Runs every stage and returns the output record.
    pub fn analyze(&self, article: Article) -> Record {
        Record::from_doc(&self.run(article))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_doc::TextRange;

    fn article() -> Article {
        // Our own page: headline, then two paragraphs inside a larger text.
        let text = "عنوان\n\nوصل الوفد إلى المدينة. وقال \"انتهينا.\" ثم غادر.\n\nالفقرة الثانية هنا\n\nوسوم";
        let p1 = text.find("وصل").unwrap_or(0);
        let p1_end = text.find("\n\nالفقرة").unwrap_or(0);
        let p2 = text.find("الفقرة").unwrap_or(0);
        let p2_end = text.find("\n\nوسوم").unwrap_or(0);
        Article {
            id: "t1".into(),
            headline: Some("اجتماع الوفد في المدينة".into()),
            text: text.into(),
            paragraphs: vec![TextRange::new(p1, p1_end), TextRange::new(p2, p2_end)],
            ..Article::default()
        }
    }

    #[test]
    fn text_stage_tokenizes_only_the_body_paragraphs() {
        let doc = Pipeline::default().run(article());
        let text = &doc.article.text;
        let words: Vec<&str> = doc.body.tokens.iter().map(|t| t.text(text)).collect();
        assert_eq!(words.first(), Some(&"وصل"));
        assert_eq!(words.last(), Some(&"هنا"));
        assert!(!words.contains(&"وسوم") && !words.contains(&"عنوان"));
        assert_eq!(doc.body.sentences.len(), 3);
        assert_eq!(doc.headline.tokens.len(), 4);
    }

    #[test]
    fn record_has_the_schema_fields() {
        let record = Pipeline::default().analyze(article());
        let json = serde_json::to_value(&record).unwrap_or_default();
        for field in [
            "schema",
            "id",
            "url",
            "source",
            "headline",
            "published",
            "paragraphs",
            "publisher_tags",
            "related_headlines",
            "tags",
            "entities",
            "times",
            "quotes",
            "facts",
            "events",
        ] {
            assert!(json.get(field).is_some(), "missing {field}");
        }
        assert_eq!(json["schema"], 1);
        assert_eq!(json["paragraphs"][1]["text"], "الفقرة الثانية هنا");
    }
}
