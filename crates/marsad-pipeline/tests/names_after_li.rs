//! A knowledge-base name after the preposition `ل` is found (`لسوريا`, `لمجلس الأمن`), but a
//! word that only looks like `ل` + a short name is not (our own sentences; needs no shared
//! data).

use marsad_doc::{Article, TextRange};
use marsad_pipeline::Pipeline;

fn entity_ids(text: &str) -> Vec<String> {
    let article = Article {
        id: "t".into(),
        text: text.into(),
        paragraphs: vec![TextRange::new(0, text.len())],
        ..Article::default()
    };
    Pipeline::default().run(article).entities.into_iter().map(|e| e.id).collect()
}

#[test]
fn a_country_and_a_council_after_li_are_the_knowledge_base_entries() {
    let ids = entity_ids(
        "وجه الوزير انتقادات حادة لسوريا أمس، وقدم مذكرة لمجلس الأمن الدولي عن الوضع في الشمال.",
    );
    assert!(ids.iter().any(|id| id == "country:sy"), "{ids:?}");
    assert!(ids.iter().any(|id| id == "org:unsc"), "{ids:?}");
    assert!(!ids.iter().any(|id| id.starts_with("loc:") || id.starts_with("org:مجلس")), "{ids:?}");
}

#[test]
fn a_name_that_starts_with_lam_is_not_cut() {
    // `لبنان` is Lebanon, not `ل` + something; `لونغ` is a surname, not `ل` + `ونغ`.
    let ids = entity_ids("زار غاري لونغ لبنان أمس والتقى مسؤولين في بيروت.");
    assert!(ids.iter().any(|id| id == "country:lb"), "{ids:?}");
    assert!(!ids.iter().any(|id| id == "person:penny-wong"), "{ids:?}");
}

#[test]
fn a_shared_surname_is_the_person_the_article_names_in_full() {
    // `المالكي` alone is no one in particular; after `تركي المالكي` it is him.
    let ids = entity_ids(
        "قال المتحدث باسم التحالف العربي العقيد تركي المالكي إن الدفاعات اعترضت صاروخا. \
         وأضاف المالكي أن الصاروخ سقط في منطقة خالية.",
    );
    assert!(ids.iter().any(|id| id == "person:turki-al-maliki"), "{ids:?}");
    assert!(ids.iter().any(|id| id == "org:saudi-led-coalition"), "{ids:?}");
    assert!(!ids.iter().any(|id| id == "person:nouri-al-maliki"), "{ids:?}");
}
