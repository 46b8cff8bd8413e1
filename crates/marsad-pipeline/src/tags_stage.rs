//! The tags stage: ranked tags from the entities and the article's own words.

use marsad_doc::Doc;
use marsad_tags::Tagger;

use crate::Stage;

/// How many tags an article gets.
pub const TAGS_PER_ARTICLE: usize = 10;

/// Runs the shipped [`Tagger`] after the entities stage.
pub struct TagsStage {
    tagger: Tagger,
}

impl TagsStage {
    pub fn shipped() -> TagsStage {
        TagsStage { tagger: Tagger::shipped() }
    }

    pub fn new(tagger: Tagger) -> TagsStage {
        TagsStage { tagger }
    }
}

impl Stage for TagsStage {
    fn name(&self) -> &'static str {
        "tags"
    }

    fn run(&self, doc: &mut Doc) {
        doc.tags = self.tagger.tag(doc, TAGS_PER_ARTICLE);
    }
}
