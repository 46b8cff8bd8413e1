//! A ministry named without its country is the ministry of the country the article is about
//! (our own sentences; needs no shared data).

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
