//! The events stage: quotes with speakers, numeric facts and events (see `marsad-events`).

use marsad_doc::Doc;

use crate::Stage;

/// Fills [`Doc::quotes`], [`Doc::facts`] and [`Doc::events`] from the tokens, times and
/// entities of the stages before it; runs after the entities stage.
#[derive(Clone, Copy, Debug, Default)]
pub struct EventsStage {
    rules_only: bool,
}

impl EventsStage {
    /// The stage with the rules' speakers only, without the shipped speaker ranker (to
    /// measure what the ranker adds, and to record the rules' blind output).
    pub fn rules_only() -> EventsStage {
        EventsStage { rules_only: true }
    }
}

impl Stage for EventsStage {
    fn name(&self) -> &'static str {
        "events"
    }

    fn run(&self, doc: &mut Doc) {
        if self.rules_only {
            marsad_events::annotate_with(doc, &marsad_events::SpeakerModel::default());
        } else {
            marsad_events::annotate(doc);
        }
    }
}
