//! The entities stage: people, places and organisations, resolved to canonical entities.

use marsad_doc::Doc;
use marsad_entities::EntityRecognizer;

use crate::Stage;

/// Runs the shipped NER model and knowledge base (see `marsad-entities`).
pub struct EntityStage {
    recognizer: EntityRecognizer,
}

impl EntityStage {
    pub fn shipped() -> Result<EntityStage, String> {
        Ok(EntityStage { recognizer: EntityRecognizer::shipped()? })
    }
}

impl Stage for EntityStage {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn run(&self, doc: &mut Doc) {
        doc.entities = self.recognizer.recognize(doc);
    }
}
