//! Knowledge-base links that need the article around a name (our own sentences; needs no
//! shared data): a ministry named without its country is the ministry of the country the
//! article is about; a name after the preposition `ل` is found (`لسوريا`), but not a word
//! that only looks like `ل` + a short name; a shared surname is the person named in full; a
//! state's army keeps its kind and speaks as its country; a military rank before a name is
//! no part of it; a family name alone (`لماروتا`) is the person named in full before.

use marsad_doc::{Article, TextRange};
use marsad_pipeline::Pipeline;

/// The whole pipeline over a one-paragraph article.
fn analyze(text: &str) -> marsad_doc::Doc {
    let article = Article {
        id: "t".into(),
        text: text.into(),
        paragraphs: vec![TextRange::new(0, text.len())],
        ..Article::default()
    };
    Pipeline::default().run(article)
}

fn entity_ids(text: &str) -> Vec<String> {
    analyze(text).entities.into_iter().map(|e| e.id).collect()
}

#[test]
fn a_ministry_without_its_country_is_the_home_countrys() {
    let ids = entity_ids(
        "أعلنت الجزائر الحداد ثلاثة أيام بعد سقوط الطائرة قرب العاصمة الجزائرية. \
         وقالت وزارة الدفاع في بيان إن فرق الإنقاذ انتشلت كل الضحايا من موقع الحادث في الجزائر.",
    );
    assert!(ids.iter().any(|id| id == "org:dz-defence-ministry"), "{ids:?}");
    // Followed by its country's adjective, it is that country's (here the KB entry itself).
    let ids = entity_ids(
        "زار وفد فرنسي الجزائر أمس. وقالت وزارة الدفاع الفرنسية إن الزيارة ناجحة، وأكدت الجزائر ذلك.",
    );
    assert!(!ids.iter().any(|id| id == "org:dz-defence-ministry"), "{ids:?}");
}

#[test]
fn a_ministry_after_the_preposition_li_is_found_too() {
    let ids = entity_ids(
        "سلم مسلح نفسه للجيش في الجزائر. وأوضح بيان لوزارة الدفاع أن المسلح سلم سلاحه في الجنوب الجزائري.",
    );
    assert!(ids.iter().any(|id| id == "org:dz-defence-ministry"), "{ids:?}");
}

#[test]
fn a_ministry_followed_by_its_own_name_in_marks_is_not_the_home_countrys() {
    let ids = entity_ids(
        "وقعت قطر صفقة صواريخ جديدة، ورحبت قطر بها. وقال أمير قطر إن الصفقة مهمة، \
         كما أعلنت وزارة الدفاع \"البنتاغون\" موافقتها على البيع إلى قطر.",
    );
    assert!(ids.iter().any(|id| id == "org:pentagon"), "{ids:?}");
    assert!(!ids.iter().any(|id| id == "org:qa-defence-ministry"), "{ids:?}");
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

/// An organisation keeps its knowledge-base kind, and a state's army that speaks is its
/// country (the quotes stage reads the kind).
#[test]
fn a_states_army_carries_its_kind_and_speaks_as_its_country() {
    let doc =
        analyze("وقال الجيش الإسرائيلي في بيان إن طائراته قصفت موقعين في جنوب القطاع فجر اليوم.");
    let army = doc.entities.iter().find(|e| e.id == "org:idf");
    assert!(army.is_some_and(|e| e.kind.as_deref() == Some("army")), "{:?}", doc.entities);
    let speakers: Vec<_> = doc.quotes.iter().map(|q| q.speaker.as_deref()).collect();
    assert_eq!(speakers, [Some("country:il")], "{:?}", doc.quotes);
}

#[test]
fn a_military_rank_before_a_name_is_not_a_person() {
    // Whatever the tagger makes of the rank, no person is named by it, and the speaker is
    // the knowledge-base person after it.
    let doc =
        analyze("وقال اللفتنانت جنرال كينيث ماكنزي إن الضربات أصابت كل أهدافها في الليلة الماضية.");
    let ids: Vec<&str> = doc.entities.iter().map(|e| e.id.as_str()).collect();
    assert!(!doc.entities.iter().any(|e| e.canonical.contains("فتنانت")), "{ids:?}");
    assert!(ids.contains(&"person:kenneth-mckenzie"), "{ids:?}");
}

#[test]
fn a_speech_verb_before_a_name_is_not_part_of_the_person() {
    // (The tagger reads `أجابت ساندرز` after a long clause as one name.)
    let doc = analyze(
        "سارة ساندرز تحدثت أمس. وعندما سئلت عن احتمال أن يشكل الأمر خطرا على الأمن القومي \
         أجابت ساندرز: \"لا، الرئيس لم يضع جدولا\".",
    );
    let ids: Vec<&str> = doc.entities.iter().map(|e| e.id.as_str()).collect();
    assert!(!doc.entities.iter().any(|e| e.canonical.contains("أجابت")), "{ids:?}");
    assert!(ids.contains(&"person:sarah-huckabee-sanders"), "{ids:?}");
}

#[test]
fn a_family_name_alone_is_the_person_named_in_full_wherever_it_stands() {
    // The tagger sees the full name; the family name alone after a noun or with `ل` on it
    // is the same person, with the mention starting past the preposition.
    let text = "وقال المدرب جوزيبي ماروتا إن فريقه يستحق الفوز. وقدمت الإدارة شكرها لماروتا \
                على الموسم، ونشرت عائلة ماروتا صورا من الاحتفال.";
    let doc = analyze(text);
    let people: Vec<_> = doc.entities.iter().filter(|e| e.label == "PER").collect();
    assert_eq!(people.len(), 1, "{people:?}");
    let written: Vec<&str> = people[0].mentions.iter().map(|m| &text[m.start..m.end]).collect();
    assert_eq!(written, ["جوزيبي ماروتا", "ماروتا", "ماروتا"]);
    // A common word that is also a name's last word stays a word: `صالح` takes the article
    // in news (`الصالح`), so `لصالح` ("in favour of") is no mention of the person.
    let text = "وقال الرئيس علي عبد الله صالح إن الحوار مستمر. وصوت المجلس لصالح القرار بالإجماع.";
    let doc = analyze(text);
    let mentions: usize = doc.entities.iter().map(|e| e.mentions.len()).sum();
    assert_eq!(mentions, 1, "{:?}", doc.entities);
}
