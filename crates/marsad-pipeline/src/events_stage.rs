//! The events stage: quotes with speakers, numeric facts and events (see `marsad-events`).

use marsad_doc::Doc;

use crate::Stage;

/// Fills [`Doc::quotes`], [`Doc::facts`] and [`Doc::events`] from the tokens, times and
/// entities of the stages before it; runs after the entities stage.
#[derive(Clone, Copy, Debug, Default)]
pub struct EventsStage;

impl Stage for EventsStage {
    fn name(&self) -> &'static str {
        "events"
    }

    fn run(&self, doc: &mut Doc) {
        marsad_events::annotate(doc);
    }
}
