//! The rules on invented Arabic sentences (our own, not from any corpus), with hand-made
//! entities, and a property test that no input panics.

use marsad_doc::{Article, Doc, Entity, EntityMention, Field, FieldText, QuoteKind, TextRange};
use marsad_events::extract;
use marsad_text::{sentences, tokenize};
use proptest::prelude::*;

/// A one-paragraph body with the given entities (`(written form, id, label)`; every
/// occurrence of the written form becomes a mention).
fn doc(body: &str, entities: &[(&str, &str, &str)]) -> Doc {
    let tokens = tokenize(body);
    let sents = sentences(body, &tokens, &[(0, body.len())]);
    let mut doc = Doc::new(Article {
        id: "t".into(),
        text: body.into(),
        paragraphs: vec![TextRange::new(0, body.len())],
        ..Article::default()
    });
    doc.body = FieldText { tokens, sentences: sents };
    for (form, id, label) in entities {
        let mentions = body
            .match_indices(form)
            .map(|(at, m)| EntityMention {
                field: Field::Body,
                start: at,
                end: at + m.len(),
                text: m.into(),
                demonym: false,
            })
            .collect();
        doc.entities.push(Entity {
            id: (*id).into(),
            canonical: (*form).into(),
            label: (*label).into(),
            english: None,
            country: None,
            salience: 0.5,
            mentions,
        });
    }
    doc
}

#[test]
fn direct_quote_with_speaker_after_the_verb_and_continuation() {
    let d = doc(
        "وقال الوزير سامر خليل في مؤتمر صحفي: \"سنبني ثلاثة جسور جديدة هذا العام\". وتابع: \"المشاريع كلها ممولة من الميزانية\".",
        &[("سامر خليل", "person:samer-khalil", "PER")],
    );
    let x = extract(&d);
    assert_eq!(x.quotes.len(), 2, "{:#?}", x.quotes);
    assert_eq!(x.quotes[0].text, "سنبني ثلاثة جسور جديدة هذا العام");
    assert_eq!(x.quotes[0].speaker.as_deref(), Some("person:samer-khalil"));
    assert_eq!(x.quotes[0].speaker_text.as_deref(), Some("سامر خليل"));
    assert_eq!(
        x.quotes[1].speaker.as_deref(),
        Some("person:samer-khalil"),
        "continuation keeps the speaker"
    );
    assert_eq!(x.quotes[1].verb.as_deref(), Some("وتابع"));
    assert!(x.quotes.iter().all(|q| q.kind == QuoteKind::Direct));
}

#[test]
fn guillemets_curly_quotes_and_a_cue_after_the_quote() {
    let d = doc(
        "«الأسعار ستنخفض في الربيع المقبل»، قال مدير الشركة. وأضافت النقابة: “نطالب برفع الأجور فورا”.",
        &[],
    );
    let x = extract(&d);
    assert_eq!(x.quotes.len(), 2, "{:#?}", x.quotes);
    assert_eq!(x.quotes[0].text, "الأسعار ستنخفض في الربيع المقبل");
    assert_eq!(x.quotes[0].speaker.as_deref(), Some("مدير الشركة"));
    assert_eq!(x.quotes[1].text, "نطالب برفع الأجور فورا");
    assert_eq!(x.quotes[1].speaker_text.as_deref(), Some("النقابة"));
}

#[test]
fn indirect_speech_and_a_role_resolved_to_the_organisation_named_before() {
    let d = doc(
        "أكدت وزارة الصحة الليبية أن حملة التطعيم ستبدأ الأسبوع المقبل. وأضافت الوزارة أن اللقاحات وصلت إلى المستودعات.",
        &[("وزارة الصحة الليبية", "org:ly-health", "ORG")],
    );
    let x = extract(&d);
    assert_eq!(x.quotes.len(), 2, "{:#?}", x.quotes);
    assert!(x.quotes.iter().all(|q| q.kind == QuoteKind::Indirect));
    assert_eq!(x.quotes[0].text, "حملة التطعيم ستبدأ الأسبوع المقبل");
    assert_eq!(x.quotes[0].speaker.as_deref(), Some("org:ly-health"));
    assert_eq!(x.quotes[1].speaker.as_deref(), Some("org:ly-health"));
    assert_eq!(x.quotes[1].speaker_text.as_deref(), Some("الوزارة"));
}

#[test]
fn quoted_names_and_scare_quotes_are_not_quotes() {
    let d = doc(
        "التقى \"سامر\" بالوفد في جلسة \"طويلة\" وصفت بأنها \"مثمرة جدا\".",
        &[("سامر", "person:samer", "PER")],
    );
    assert!(extract(&d).quotes.is_empty());
}

#[test]
fn counts_with_qualifiers_subjects_and_inherited_subjects() {
    let d = doc(
        "قالت الشرطة إن 12 عاملا قتلوا في الانفجار، وأصيب 40، واعتقل أكثر من 150 شخصا. ونزح نحو ٣٠٠٠ من سكان القرية.",
        &[],
    );
    let x = extract(&d);
    let got: Vec<(&str, f64, &str, Option<&str>)> =
        x.facts.iter().map(|f| (f.kind, f.count, f.qualifier, f.subject.as_deref())).collect();
    assert_eq!(
        got,
        vec![
            ("KILL", 12.0, "exact", Some("عاملا")),
            ("WOUND", 40.0, "exact", Some("عاملا")),
            ("ARREST", 150.0, "more_than", Some("شخصا")),
            ("DISPLACE", 3000.0, "about", Some("سكان القرية")),
        ]
    );
}

#[test]
fn money_percentages_vague_numbers_and_ranges() {
    let d = doc(
        "بلغت الصفقة 2.5 مليار دولار، وارتفعت الأسعار 15%. وخرج آلاف المتظاهرين. وأصيب بين 10 و20 شخصا.",
        &[],
    );
    let x = extract(&d);
    let money = x.facts.iter().find(|f| f.kind == "MONEY").expect("money");
    assert_eq!((money.count, money.unit.as_deref()), (2.5e9, Some("USD")));
    let pct = x.facts.iter().find(|f| f.kind == "PERCENT").expect("percent");
    assert_eq!(pct.count, 15.0);
    let protest = x.facts.iter().find(|f| f.kind == "PROTEST").expect("protesters");
    assert_eq!((protest.count, protest.qualifier), (1000.0, "at_least"));
    let range = x.facts.iter().find(|f| f.kind == "WOUND").expect("range");
    assert_eq!((range.count, range.count_max), (10.0, Some(20.0)));
}

#[test]
fn numbers_without_a_trigger_are_not_facts() {
    let d = doc("زار الوفد 3 مدن والتقى 12 مسؤولا خلال الجولة.", &[]);
    assert!(extract(&d).facts.is_empty());
}

#[test]
fn events_with_verb_subject_and_subject_verb_order() {
    let d = doc(
        "حذرت مصر إثيوبيا من عواقب الخطوة. والسودان ينتقد قرار إثيوبيا. وأجرى الرئيس \"سالم\" اتصالا هاتفيا مع \"ماهر\".",
        &[
            ("مصر", "country:eg", "LOC"),
            ("إثيوبيا", "country:et", "LOC"),
            ("السودان", "country:sd", "LOC"),
            ("سالم", "person:salem", "PER"),
            ("ماهر", "person:maher", "PER"),
        ],
    );
    let x = extract(&d);
    let ev: Vec<(&str, Option<&str>, Option<&str>)> = x
        .events
        .iter()
        .map(|e| {
            (
                e.action,
                e.actor.as_ref().map(|a| a.id.as_str()),
                e.target.as_ref().map(|a| a.id.as_str()),
            )
        })
        .collect();
    assert!(ev.contains(&("warn", Some("country:eg"), Some("country:et"))), "{ev:?}");
    assert!(ev.contains(&("criticize", Some("country:sd"), Some("country:et"))), "{ev:?}");
    assert!(ev.contains(&("consult", Some("person:salem"), Some("person:maher"))), "{ev:?}");
}

#[test]
fn troops_deploy_with_the_country_of_the_forces() {
    let d = doc(
        "ووصلت القوات التركية إلى ليبيا لتأمين الموانئ.",
        &[("التركية", "country:tr", "LOC"), ("ليبيا", "country:ly", "LOC")],
    );
    let x = extract(&d);
    let e = x.events.iter().find(|e| e.action == "deploy").expect("deploy");
    let actor = e.actor.as_ref().expect("actor");
    assert_eq!((actor.id.as_str(), actor.role.as_deref()), ("country:tr", Some("military")));
    assert_eq!(e.target.as_ref().map(|t| t.id.as_str()), Some("country:ly"));
}

#[test]
fn offsets_point_into_the_text() {
    let body = "وقال المتحدث: \"لن نتراجع عن هذا القرار أبدا\"، مضيفا أن 5 أشخاص اعتقلوا.";
    let d = doc(body, &[]);
    let x = extract(&d);
    assert!(!x.quotes.is_empty() && !x.facts.is_empty());
    for q in &x.quotes {
        assert_eq!(body.get(q.start..q.end), Some(q.text.as_str()));
        if let Some(s) = q.speaker_span {
            assert_eq!(body.get(s.start..s.end), q.speaker_text.as_deref());
        }
    }
    for f in &x.facts {
        assert_eq!(body.get(f.start..f.end), Some(f.text.as_str()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// No input panics, with or without entities pointing anywhere.
    #[test]
    fn no_input_panics(
        body in "([\"«»“”:،,. 0-9٣٠%]|قال|وأضاف|إن|أن|قائلا|بحسب|الوزارة|قتل|أصيب|أكثر|من|مليون|دولار|حذرت|القوات|الروسية|إلى|بين|و|عشرات|[ء-ي]{1,6}| ){0,60}",
        cut in 0usize..400,
    ) {
        let form = body.get(..cut.min(body.len())).and_then(|s| s.split(' ').next_back()).unwrap_or("");
        let form = if form.is_empty() { "x" } else { form };
        let d = doc(&body, &[(form, "label:x", "PER"), ("الروسية", "country:ru", "LOC")]);
        let x = extract(&d);
        for q in &x.quotes {
            prop_assert!(q.start <= q.end && q.end <= body.len());
        }
        // A doc whose entities point outside the text must not panic either.
        let mut bad = d.clone();
        if let Some(e) = bad.entities.first_mut() {
            e.mentions.push(EntityMention { field: Field::Body, start: 10_000, end: 3, text: String::new(), demonym: false });
        }
        let _ = extract(&bad);
    }
}
