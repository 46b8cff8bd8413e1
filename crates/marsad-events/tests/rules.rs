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
            kind: None,
            role: None,
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
fn dual_scale_words_and_one_word_hundreds_are_numbers() {
    let d = doc(
        "رصدت البلدية ملياري دولار للطرق، وتبرع رجل أعمال بمليوني يورو. وقتل مئتا شخص في الفيضان وأصيب ثلاثمئة آخرون.",
        &[],
    );
    let x = extract(&d);
    let got: Vec<(&str, f64, Option<&str>)> =
        x.facts.iter().map(|f| (f.kind, f.count, f.unit.as_deref())).collect();
    assert!(got.contains(&("MONEY", 2e9, Some("USD"))), "{got:?}");
    assert!(got.contains(&("MONEY", 2e6, Some("EUR"))), "{got:?}");
    assert!(got.contains(&("KILL", 200.0, None)), "{got:?}");
    assert!(got.contains(&("WOUND", 300.0, None)), "{got:?}");
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

fn speakers(x: &marsad_events::Extraction) -> Vec<(String, Option<String>, QuoteKind)> {
    x.quotes.iter().map(|q| (q.text.clone(), q.speaker.clone(), q.kind)).collect()
}

#[test]
fn qawl_after_an_source_with_an_gives_the_speaker() {
    let d = doc(
        "ونقلت وكالة الأخبار عن مسؤول محلي قوله يوم الخميس، إن الجسر سيفتح أمام السيارات قريبا.",
        &[],
    );
    let x = extract(&d);
    let q = speakers(&x);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "الجسر سيفتح أمام السيارات قريبا");
    assert_eq!(q[0].1.as_deref(), Some("مسؤول محلي"));
    assert_eq!(q[0].2, QuoteKind::Indirect);
}

/// A document with only a headline.
fn headline_doc(headline: &str, entities: &[(&str, &str, &str)]) -> Doc {
    let tokens = tokenize(headline);
    let sents = sentences(headline, &tokens, &[(0, headline.len())]);
    let mut doc = Doc::new(Article {
        id: "h".into(),
        headline: Some(headline.into()),
        text: String::new(),
        ..Article::default()
    });
    doc.headline = FieldText { tokens, sentences: sents };
    for (form, id, label) in entities {
        let mentions = headline
            .match_indices(form)
            .map(|(at, m)| EntityMention {
                field: Field::Headline,
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
            kind: None,
            role: None,
            salience: 0.5,
            mentions,
        });
    }
    doc
}

#[test]
fn a_headline_speaker_colon_words_is_a_direct_quote() {
    let d = headline_doc(
        "نقابة المعلمين: لن نعود إلى الفصول قبل صرف الرواتب",
        &[("نقابة المعلمين", "org:teachers", "ORG")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "لن نعود إلى الفصول قبل صرف الرواتب");
    assert_eq!(q[0].1.as_deref(), Some("org:teachers"));
    assert_eq!(q[0].2, QuoteKind::Direct);
    // A place before the colon is a news line, not a speaker.
    let d =
        headline_doc("الأردن: افتتاح معبر حدودي جديد مع العراق", &[("الأردن", "country:jo", "LOC")]);
    assert!(extract(&d).quotes.is_empty());
    // So is a section label, a sport or a competition.
    for headline in [
        "فيديو: فرق الإنقاذ تواصل البحث عن مفقودين في القرية",
        "مباشر: مؤتمر صحفي لوزير الخارجية بعد لقاء نظيره",
        "كرة القدم: المنتخب يفوز بثلاثية ويتأهل إلى النهائي",
        "كأس الاتحاد: الفريقان يلتقيان مساء الجمعة في العاصمة",
    ] {
        let q = speakers(&extract(&headline_doc(headline, &[])));
        assert!(q.is_empty(), "{headline}: {q:?}");
    }
}

#[test]
fn a_source_with_fa_inna_reports_speech() {
    let d = doc(
        "وبحسب وزارة الزراعة، فإن محصول القمح تضاعف هذا الموسم.",
        &[("وزارة الزراعة", "org:agriculture", "ORG")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "محصول القمح تضاعف هذا الموسم");
    assert_eq!(q[0].1.as_deref(), Some("org:agriculture"));
}

#[test]
fn a_role_with_a_name_in_apposition_gives_the_name() {
    let d = doc("وقال المتحدث باسم البلدية، العقيد سامي ناصر، إن الطرق ستغلق حتى المساء.", &[]);
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("العقيد سامي ناصر"));
}

#[test]
fn a_repeated_role_resolves_to_the_name_given_with_it_before() {
    let d = doc(
        "افتتح القسم الجديد بحضور مدير مستشفى المدينة هشام فريد. وقال مدير مستشفى المدينة إن القسم يضم عشرين سريرا.",
        &[],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("هشام فريد"));
}

#[test]
fn a_dropped_subject_is_the_actor_of_the_sentence_before() {
    let d = doc(
        "زار وزير الصحة سامر خليل المستشفى الجديد صباح اليوم. وقال في مؤتمر صحفي إن الخدمات ستتحسن كثيرا.",
        &[("سامر خليل", "person:samer-khalil", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:samer-khalil"));
}

#[test]
fn qawl_before_a_quotation_in_marks() {
    let d = doc("ونقلت الإذاعة عن مصدر أمني قوله: \"الوضع تحت السيطرة الكاملة\".", &[]);
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("مصدر أمني"));
    assert_eq!(q[0].2, QuoteKind::Direct);
}

#[test]
fn the_sources_refer_back_to_the_unnamed_sources_named_before() {
    let d = doc(
        "قالت مصادر طبية إن المستشفى استقبل عشرات الجرحى. وأوضحت المصادر أن معظم الحالات مستقرة.",
        &[],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("مصادر طبية"));
}

#[test]
fn describing_verbs_attribute_quotations_in_marks() {
    let d = doc("ووصف الوزير القرار بأنه \"خطوة في الاتجاه الصحيح\".", &[]);
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "خطوة في الاتجاه الصحيح");
    assert_eq!(q[0].2, QuoteKind::Direct);
}

#[test]
fn a_quoted_name_after_a_naming_noun_does_not_block_reported_speech() {
    let d = doc("وقال المدير لقناة \"الأخبار العربية اليوم\" إن المشروع سينتهي قريبا جدا.", &[]);
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "المشروع سينتهي قريبا جدا");
    assert_eq!(q[0].2, QuoteKind::Indirect);
}

#[test]
fn a_quoted_fragment_inside_a_reported_clause_belongs_to_it() {
    let d = doc("وقال الوزير إن الحكومة ستعمل على \"تحسين الخدمات العامة في كل المدن\".", &[]);
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].2, QuoteKind::Indirect);
    assert!(q[0].0.starts_with("الحكومة ستعمل") && q[0].0.contains("تحسين الخدمات"), "{q:?}");
}

#[test]
fn a_government_of_a_country_speaks_as_the_country() {
    let d = doc(
        "وقالت الحكومة المصرية إن الأسعار ستنخفض خلال الشهر.",
        &[("المصرية", "country:eg", "LOC")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:eg"));
}

#[test]
fn a_hashtag_name_after_a_title_is_the_speaker() {
    let d = doc("أكد الشيخ #سامر_خليل_الحمد أن المبادرة حققت أهدافها كاملة.", &[]);
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("سامر خليل الحمد"));
}

#[test]
fn coordinated_reported_clauses_are_two_quotes() {
    let d = doc("قال المتحدث إن الطريق مغلق بالكامل وإن الإصلاحات ستستغرق أسبوعا كاملا.", &[]);
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].0, "الطريق مغلق بالكامل");
    assert_eq!(q[1].0, "الإصلاحات ستستغرق أسبوعا كاملا");
}

fn facts_of(body: &str) -> Vec<(String, f64, String)> {
    extract(&doc(body, &[]))
        .facts
        .iter()
        .map(|f| (f.kind.to_owned(), f.count, f.qualifier.to_owned()))
        .collect()
}

#[test]
fn duals_articles_and_martyrdom_nouns_count() {
    let f = facts_of("أسفر الحادث عن مقتل شخصين وإصابة جنديين.");
    assert_eq!(
        f,
        vec![("KILL".into(), 2.0, "exact".into()), ("WOUND".into(), 2.0, "exact".into())]
    );
    let f = facts_of("وأدى القصف إلى مقتل العشرات.");
    assert_eq!(f, vec![("KILL".into(), 10.0, "at_least".into())]);
    let f = facts_of("وأدى القصف إلى استشهاد 5 مدنيين وأصاب 7 آخرين.");
    assert_eq!(
        f,
        vec![("KILL".into(), 5.0, "exact".into()), ("WOUND".into(), 7.0, "exact".into())]
    );
}

#[test]
fn qualifiers_after_the_count_and_a_noun_between_words_and_trigger() {
    let f = facts_of("قتل 12 شخصا على الأقل في الانفجار.");
    assert_eq!(f, vec![("KILL".into(), 12.0, "at_least".into())]);
    let f = facts_of("قال الشهود إن أربعة أشخاص قتلوا في الحادث.");
    assert_eq!(f, vec![("KILL".into(), 4.0, "exact".into())]);
}

#[test]
fn ages_and_years_are_not_counts() {
    assert!(facts_of("قتل رجل يبلغ 45 عاما في الحادث.").is_empty());
    assert!(facts_of("هاجر السكان إلى المدينة عام 300 للهجرة.").is_empty());
}

fn events_of(body: &str, entities: &[(&str, &str, &str)]) -> Vec<(&'static str, Option<String>)> {
    extract(&doc(body, entities))
        .events
        .iter()
        .map(|e| (e.action, e.actor.as_ref().map(|a| a.id.clone())))
        .collect()
}

#[test]
fn attack_verbs_and_qualified_attack_nouns_are_events() {
    let e = events_of("شنت القوات الروسية غارات على المدينة.", &[("الروسية", "country:ru", "LOC")]);
    assert_eq!(e, vec![("use-force", Some("country:ru".into()))]);
    let e = events_of("قتل ثلاثة مدنيين في غارات جوية على القرية.", &[]);
    assert_eq!(e, vec![("use-force", None)]);
    let e = events_of("ودانت مصر القرار.", &[("مصر", "country:eg", "LOC")]);
    assert_eq!(e, vec![("criticize", Some("country:eg".into()))]);
    // An adjective between the forces and their country; a verb with an object pronoun.
    let e = events_of(
        "شنت القوات الجوية العراقية ضربات على مواقع المسلحين.",
        &[("العراقية", "country:iq", "LOC")],
    );
    assert_eq!(e, vec![("use-force", Some("country:iq".into()))]);
    let e = events_of("واعتقلته الشرطة العراقية أمس.", &[("العراقية", "country:iq", "LOC")]);
    assert_eq!(e, vec![("arrest", Some("country:iq".into()))]);
}

#[test]
fn denied_planned_quoted_and_bare_events_are_not_events() {
    assert!(events_of("لم تشن القوات أي هجوم جديد.", &[]).is_empty());
    assert!(events_of("يحقق الفريق في ملابسات هجوم المدينة.", &[]).is_empty());
    assert!(events_of("وقال الضابط: \"قصفنا المواقع كلها في الليل\".", &[]).is_empty());
    assert!(events_of("رجح دبلوماسيون أن يجتمع المجلس غدا.", &[]).is_empty());
}

/// A document with a headline and a one-paragraph body; entities are `(written form, id,
/// label, country)`, every occurrence in either field a mention.
fn full_doc(headline: &str, body: &str, entities: &[(&str, &str, &str, Option<&str>)]) -> Doc {
    let mut doc = Doc::new(Article {
        id: "f".into(),
        headline: Some(headline.into()),
        text: body.into(),
        paragraphs: vec![TextRange::new(0, body.len())],
        ..Article::default()
    });
    let tokens = tokenize(headline);
    let sents = sentences(headline, &tokens, &[(0, headline.len())]);
    doc.headline = FieldText { tokens, sentences: sents };
    let tokens = tokenize(body);
    let sents = sentences(body, &tokens, &[(0, body.len())]);
    doc.body = FieldText { tokens, sentences: sents };
    for (form, id, label, country) in entities {
        let mut mentions = Vec::new();
        for (field, text) in [(Field::Headline, headline), (Field::Body, body)] {
            mentions.extend(text.match_indices(form).map(|(at, m)| EntityMention {
                field,
                start: at,
                end: at + m.len(),
                text: m.into(),
                demonym: false,
            }));
        }
        doc.entities.push(Entity {
            id: (*id).into(),
            canonical: (*form).into(),
            label: (*label).into(),
            english: None,
            country: country.map(str::to_owned),
            kind: None,
            role: None,
            salience: 0.5,
            mentions,
        });
    }
    doc
}

#[test]
fn a_capital_that_speaks_is_its_country() {
    let d = full_doc(
        "",
        "وقالت عمان إن المعبر سيفتح أمام المسافرين الأسبوع المقبل.",
        &[("عمان", "city:amman", "LOC", Some("country:jo"))],
    );
    let x = extract(&d);
    assert_eq!(x.quotes.len(), 1, "{:?}", x.quotes);
    assert_eq!(x.quotes[0].speaker.as_deref(), Some("country:jo"));
}

#[test]
fn a_short_name_is_the_full_knowledge_base_person_of_the_article() {
    let d = full_doc(
        "",
        "وصل سامر خليل نور إلى المدينة. وقال خليل إن الزيارة ناجحة جدا.",
        &[("سامر خليل نور", "person:samer-nour", "PER", None), ("خليل", "per:خليل", "PER", None)],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:samer-nour"));
}

#[test]
fn an_addressee_after_the_verb_is_not_the_speaker() {
    let d = doc(
        "قال سامر نور إن القرار نهائي ولا رجعة فيه. وقالت للمراسلين إن الحكومة لن تتراجع عنه أبدا.",
        &[("سامر نور", "per:سامر_نور", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("per:سامر_نور"));
}

#[test]
fn a_demonstrative_or_same_speaker_refers_back() {
    let d = doc(
        "وقال خبير زراعي بارز إن المحصول سيتضاعف هذا العام. وأضاف هذا الخبير أن الأمطار كانت وفيرة جدا.",
        &[],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("خبير زراعي بارز"));
}

#[test]
fn a_role_of_a_country_is_the_one_person_of_that_country() {
    let d = full_doc(
        "",
        "التقى سامر نور نظيره في العاصمة. وقال الوزير الأردني إن المحادثات كانت مثمرة جدا.",
        &[
            ("سامر نور", "person:samer-nour", "PER", Some("country:jo")),
            ("الأردني", "country:jo", "LOC", None),
        ],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:samer-nour"));
}

#[test]
fn a_headline_role_is_the_person_the_body_names_with_it() {
    let d = full_doc(
        "وزير المالية الأردني الجديد: الموازنة لن تتأخر",
        "قال وزير المالية الأردني سامر نور إن الموازنة ستقدم في موعدها المحدد.",
        &[("سامر نور", "person:samer-nour", "PER", None)],
    );
    let x = extract(&d);
    let head: Vec<_> = x.quotes.iter().filter(|q| q.field == Field::Headline).collect();
    assert_eq!(head.len(), 1, "{:?}", x.quotes);
    assert_eq!(head[0].speaker.as_deref(), Some("person:samer-nour"));
}

#[test]
fn present_forms_speak_but_not_when_planned_or_impersonal() {
    let q = speakers(&extract(&doc("وتكشف الوزارة أن العجز تراجع إلى النصف هذا العام.", &[])));
    assert_eq!(q.len(), 1, "{q:?}");
    let q = speakers(&extract(&doc(
        "ومن المتوقع أن تعلن اللجنة نتائجها بعد أن تنتهي من مراجعة كل الملفات.",
        &[],
    )));
    assert!(q.is_empty(), "{q:?}");
    let q = speakers(&extract(&doc("يذكر أن المدينة استضافت المعرض مرتين من قبل.", &[])));
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn a_definite_head_noun_refers_to_the_longer_name_it_headed_before() {
    let d = doc(
        "طالبت رابطة مزارعي الوادي في بيان بخفض أسعار البذور. وقالت الرابطة إن الأسعار ارتفعت كثيرا هذا العام.",
        &[],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("رابطة مزارعي الوادي"));
}

#[test]
fn a_role_with_an_adjective_is_the_person_named_with_its_head_word_before() {
    let d = doc(
        "ألقت السفيرة ليلى حداد كلمة أمام المجلس. وقالت السفيرة الأردنية إن بلادها تدعم الحوار بين الطرفين.",
        &[("ليلى حداد", "per:ليلى_حداد", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("per:ليلى_حداد"));
}

#[test]
fn a_definite_description_is_the_person_quoted_before() {
    let d = doc(
        "وقال سامر خليل إن المفاوضات ستستأنف الأسبوع المقبل. وأضاف الدبلوماسي المخضرم: \"لا بديل عن الحل السياسي في المنطقة\".",
        &[("سامر خليل", "person:samer-khalil", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("person:samer-khalil"));
}

#[test]
fn a_headline_role_the_body_never_repeats_is_the_first_person_it_quotes() {
    let d = full_doc(
        "سفير سابق: الحوار هو الطريق الوحيد",
        "قال الدبلوماسي المخضرم سامر نور إن الحوار هو الطريق الوحيد لحل الأزمة.",
        &[("سامر نور", "person:samer-nour", "PER", None)],
    );
    let x = extract(&d);
    let head: Vec<_> = x.quotes.iter().filter(|q| q.field == Field::Headline).collect();
    assert_eq!(head.len(), 1, "{:?}", x.quotes);
    assert_eq!(head[0].speaker.as_deref(), Some("person:samer-nour"));
}

#[test]
fn a_role_named_only_later_takes_the_name_given_with_it_then() {
    let d = doc(
        "طالب المدعي العام في المقاطعة رئيس البلدية بالاستقالة، قائلا إن التقرير يكشف مخالفات كثيرة. وقال المدعي العام سامر نور إن التحقيق سيستمر.",
        &[("سامر نور", "person:samer-nour", "PER")],
    );
    let q = speakers(&extract(&d));
    assert!(!q.is_empty(), "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:samer-nour"), "{q:?}");
}

#[test]
fn a_title_with_a_nationality_adjective_is_the_person_quoted_before() {
    let d = doc(
        "وقال سامر نور إن المفاوضات ستستأنف قريبا. وأضاف الدبلوماسي الأردني: \"لا بديل عن الحل السياسي في المنطقة\".",
        &[("سامر نور", "person:samer-nour", "PER"), ("الأردني", "country:jo", "LOC")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("person:samer-nour"));
}

#[test]
fn a_head_noun_with_what_the_body_does_refers_to_the_organisation_named_with_both() {
    let d = doc(
        "أعلنت شركة نجمة الصحراء للطيران إلغاء رحلاتها. وأكدت شركة الطيران أن المسافرين سيستردون أموالهم كاملة.",
        &[("نجمة الصحراء", "org:najmat", "ORG")],
    );
    let q = speakers(&extract(&d));
    assert!(!q.is_empty(), "{q:?}");
    assert_eq!(q.last().and_then(|x| x.1.as_deref()), Some("org:najmat"), "{q:?}");
}

#[test]
fn an_embassy_or_an_administration_speaks_for_its_country() {
    let d = doc(
        "وقالت السفارة الروسية في بيان إن الوفد سيصل غدا. وأكدت الإدارة الأمريكية أن المحادثات ستجري في موعدها.",
        &[("الروسية", "country:ru", "LOC"), ("الأمريكية", "country:us", "LOC")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:ru"));
    assert_eq!(q[1].1.as_deref(), Some("country:us"));
}

#[test]
fn a_headline_speaker_is_the_longer_name_the_body_quotes_with_its_words() {
    let d = full_doc(
        "عمال الميناء: الأجور لم تعد تكفي لشيء",
        "وقالت نقابة عمال الميناء في بيان إن الأجور لم ترتفع منذ خمسة أعوام كاملة.",
        &[],
    );
    let x = extract(&d);
    let head: Vec<_> = x.quotes.iter().filter(|q| q.field == Field::Headline).collect();
    assert_eq!(head.len(), 1, "{:?}", x.quotes);
    assert_eq!(head[0].speaker.as_deref(), Some("نقابة عمال الميناء"), "{:?}", x.quotes);
}

#[test]
fn reporting_and_describing_verbs_introduce_reported_speech() {
    let q = speakers(&extract(&doc(
        "انتقدت النقابة القرار الجديد، واصفة إياه بأنه ظالم لكل العاملين في القطاع.",
        &[],
    )));
    assert_eq!(q.len(), 1, "{q:?}");
    let q = speakers(&extract(&doc(
        "وأوردت صحيفة المساء أن الحكومة ستعلن خطة جديدة للنقل العام.",
        &[],
    )));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("صحيفة المساء"));
    // `تدعي أن` claims; `تدعى سامية` is only what she is called.
    let q = speakers(&extract(&doc(
        "وقالت ممثلة تدعي أنها تعرضت للاحتيال إن الشركة لم ترد على رسائلها.",
        &[],
    )));
    assert!(!q.is_empty(), "{q:?}");
    let q = speakers(&extract(&doc(
        "صدر حكم على امرأة تدعى سامية نور بعد إدانتها بدخول البلاد \"بطريقة غير قانونية على الإطلاق\".",
        &[],
    )));
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn a_source_with_ma_and_a_verb_takes_the_fa_inna_clause() {
    let q = speakers(&extract(&doc(
        "وبحسب ما نقلت صحيفة المساء، فإن الوزير سيزور المدينة الأسبوع المقبل.",
        &[],
    )));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("صحيفة المساء"));
}

#[test]
fn a_given_name_before_a_tagged_surname_is_that_person() {
    let d = doc(
        "وصل حداد إلى العاصمة مساء أمس. وقال #سامر_حداد إن الخطة أصبحت جاهزة للتنفيذ.",
        &[("حداد", "per:haddad", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("per:haddad"), "{q:?}");
}

#[test]
fn compound_number_words_add_up() {
    let x = extract(&doc(
        "وقال الوزير إن مائة وخمسون مليون دولار خصصت للإعمار. وقتل خمسة عشر شخصا في القصف، وأصيب ثلاثة وعشرون آخرون.",
        &[],
    ));
    let counts: Vec<(&str, f64)> = x.facts.iter().map(|f| (f.kind, f.count)).collect();
    assert!(counts.contains(&("MONEY", 150e6)), "{counts:?}");
    assert!(counts.contains(&("KILL", 15.0)), "{counts:?}");
    assert!(counts.contains(&("WOUND", 23.0)), "{counts:?}");
    // Two numbers side by side stay two (`ثلاثة وأربعة`).
    let x = extract(&doc("وأصيب ثلاثة وأربعة آخرون في حادثين منفصلين.", &[]));
    assert!(x.facts.iter().all(|f| f.count != 7.0), "{:?}", x.facts);
}

#[test]
fn a_count_may_stand_four_words_after_its_trigger() {
    let x = extract(&doc("اعتقلت الشرطة المحلية الأحد ستة أشخاص في المدينة.", &[]));
    let counts: Vec<(&str, f64)> = x.facts.iter().map(|f| (f.kind, f.count)).collect();
    assert!(counts.contains(&("ARREST", 6.0)), "{counts:?}");
}

#[test]
fn finishing_off_a_count_is_killing_and_tens_of_thousands_is_one_number() {
    let x = extract(&doc("أعلن الجيش القضاء على ستة مسلحين في الجبال.", &[]));
    let counts: Vec<(&str, f64)> = x.facts.iter().map(|f| (f.kind, f.count)).collect();
    assert_eq!(counts, vec![("KILL", 6.0)]);
    let x = extract(&doc("ونزح عشرات الآلاف من السكان خلال الأسبوع.", &[]));
    let counts: Vec<(&str, f64)> = x.facts.iter().map(|f| (f.kind, f.count)).collect();
    assert_eq!(counts, vec![("DISPLACE", 1e4)]);
}

#[test]
fn a_spokesperson_named_after_the_role_is_read_whole() {
    let d = doc(
        "وقالت المتحدثة باسم الخارجية سلمى داود: \"نريد وصول المفتشين في أقرب وقت\".",
        &[("سلمى داود", "per:salma-dawood", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("per:salma-dawood"), "{q:?}");
}

#[test]
fn an_unnamed_spokesperson_speaks_for_the_body() {
    // A police force has no entry of its own: the country speaks.
    let d = doc(
        "وقال متحدث باسم الشرطة الفرنسية إن عددا من المارة أصيبوا في الحادث.",
        &[("الفرنسية", "country:fr", "LOC")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:fr"), "{q:?}");
    // A ministry the knowledge base knows speaks as itself.
    let d = doc(
        "وقالت متحدثة باسم وزارة المالية المصرية: \"سندفع الرواتب قبل نهاية الشهر\".",
        &[("وزارة المالية المصرية", "org:eg-finance-ministry", "ORG")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("org:eg-finance-ministry"), "{q:?}");
}

#[test]
fn a_coordinated_speech_verb_shares_the_subject_of_the_sentence() {
    let d = doc(
        "وقال سامر خليل إن المصنع سيغلق قريبا. وأغلقت الشركة الوطنية مصنعها في المدينة، وأبلغت عمالها أن الإغلاق سيدوم شهرا كاملا.",
        &[("سامر خليل", "person:samer-khalil", "PER")],
    );
    let x = extract(&d);
    assert_eq!(x.quotes.len(), 2, "{:#?}", x.quotes);
    assert_eq!(x.quotes[1].speaker.as_deref(), Some("الشركة الوطنية"), "{:#?}", x.quotes);
}

#[test]
fn a_demonstrative_after_the_verb_is_the_object() {
    let d = doc(
        "لكن سامر خليل ينفي هذه الاتهامات ويعتبر أن الهدف منها تشويه سمعته أمام الناخبين.",
        &[("سامر خليل", "person:samer-khalil", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:samer-khalil"), "{q:?}");
}

#[test]
fn a_report_inside_a_reported_clause_is_a_quote_of_the_inner_subject() {
    let d = doc(
        "وقالت الرئاسة إن مستشارها سامر خليل أبلغ السفير الزائر بأن التعاون بين البلدين سيتوسع العام المقبل.",
        &[("الرئاسة", "org:presidency", "ORG"), ("سامر خليل", "person:samer-khalil", "PER")],
    );
    let x = extract(&d);
    let q: Vec<(&str, Option<&str>)> =
        x.quotes.iter().map(|q| (q.text.as_str(), q.speaker.as_deref())).collect();
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0], ("مستشارها سامر خليل أبلغ السفير الزائر", Some("org:presidency")), "{q:?}");
    assert_eq!(
        q[1],
        ("التعاون بين البلدين سيتوسع العام المقبل", Some("person:samer-khalil")),
        "{q:?}"
    );
    // A present-tense verb there describes (`معلومات تفيد بأن`): one quote.
    let d = doc(
        "وذكرت الرئاسة أن هناك معلومات تفيد بأن الوفد سيصل غدا إلى العاصمة.",
        &[("الرئاسة", "org:presidency", "ORG")],
    );
    assert_eq!(extract(&d).quotes.len(), 1);
}

#[test]
fn an_unnamed_role_of_a_named_speaker_is_the_person_quoted_last() {
    let d = doc(
        "وقال قائد الشرطة سامر خليل إن التحقيق مستمر منذ الصباح. وقال رئيس شرطة المدينة إن المشتبه به اعتقل قرب المحطة.",
        &[("سامر خليل", "person:samer-khalil", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("person:samer-khalil"), "{q:?}");
}

#[test]
fn the_topic_after_amma_speaks_in_the_fa_clause() {
    let d = doc(
        "وقال سامر خليل إن الاتفاق سيوقع قريبا. أما الحكومة الفرنسية، فقد اعتبرت أن الاتفاق يحتاج إلى مراجعة شاملة.",
        &[("سامر خليل", "person:samer-khalil", "PER"), ("الفرنسية", "country:fr", "LOC")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("country:fr"), "{q:?}");
}

#[test]
fn a_verbal_noun_after_a_preposition_is_no_cue_and_a_name_after_yuda_is_no_quote() {
    // `من بث المقابلة`: `بث` is the broadcast, nobody speaks.
    let d = doc(
        "وقبل ساعات من بث المقابلة، هاجم سامر خليل خصمه متهما إياه بـ\"نشر الكثير من الأكاذيب\".",
        &[("سامر خليل", "person:samer-khalil", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:samer-khalil"), "{q:?}");
    // `يدعى "…"` is what someone is called; the reported clause goes on through it.
    let d = doc("وأوضح البيان أن المسلح يدعى \"أبو سامر الجنوبي\" وأنه سلم سلاحه للجيش.", &[]);
    let x = extract(&d);
    assert!(x.quotes.iter().all(|q| q.kind == QuoteKind::Indirect), "{:#?}", x.quotes);
    assert!(x.quotes[0].text.contains("أبو سامر الجنوبي"), "{:#?}", x.quotes);
}

#[test]
fn a_hashtag_surname_is_the_person_named_in_full() {
    let d = doc(
        "وصل رئيس الوزراء سامر عبيد بن خليل إلى المدينة. وقال #بن_خليل إن الحكومة ستعود إلى العاصمة.",
        &[("سامر عبيد بن خليل", "person:samer-bin-khalil", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:samer-bin-khalil"), "{q:?}");
}

#[test]
fn a_second_speech_verb_after_a_comma_with_no_subject_between_is_its_own_sentence() {
    let d = doc(
        "وفي حين قال الجيش إن القصف لم يوقع ضحايا، قال المتحدث سامر خليل إن ثلاثة منازل تضررت في القصف.",
        &[("سامر خليل", "person:samer-khalil", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.last().and_then(|s| s.1.as_deref()), Some("person:samer-khalil"), "{q:?}");
}

#[test]
fn reports_from_a_group_and_officials_of_a_country() {
    let d = doc(
        "كما أشار تقرير من حركة النور إلى أن الدفاعات الجوية اعترضت ثلاثة صواريخ فوق المدينة.",
        &[("حركة النور", "org:nour", "ORG")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("org:nour"), "{q:?}");
    let d = doc(
        "وقال مسؤولون بالإدارة الفرنسية إن الطائرات عادت إلى قواعدها بسلام.",
        &[("الفرنسية", "country:fr", "LOC")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:fr"), "{q:?}");
}

#[test]
fn a_name_after_a_definite_phrase_opens_the_object() {
    let d = doc(
        "وأبلغت البعثة الفرنسية مجلس الأمن بأنها تحتاج إلى وقت أطول لدراسة المشروع.",
        &[("الفرنسية", "country:fr", "LOC"), ("مجلس الأمن", "org:unsc", "ORG")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:fr"), "{q:?}");
}

#[test]
fn more_reporting_forms_and_a_short_quoted_name_inside_the_subject() {
    // `زاعما أن`, a participle of claiming.
    let d = doc(
        "وهاجم سامر خليل شركة البريد زاعما أن الشركة تخسر أموالا كثيرة كل عام.",
        &[("سامر خليل", "person:samer-khalil", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:samer-khalil"), "{q:?}");
    // `ورد فيه أن`, by the paper named right before it.
    let d = doc(
        "ورد على سؤال بشأن مقال في صحيفة \"النهار اليومية\" ورد فيه أن الحكومة تعد خطة جديدة للمدارس.",
        &[("النهار اليومية", "org:nahar-daily", "ORG")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("org:nahar-daily"), "{q:?}");
    // A quoted short name inside the subject does not stop the reported clause.
    let d = doc(
        "قال سامر خليل، مدير هيئة الإذاعة \"صوت المدينة\" السابق، إن الرئيس لا يصلح للحكم.",
        &[("سامر خليل", "person:samer-khalil", "PER")],
    );
    let x = extract(&d);
    assert!(
        x.quotes.iter().any(|q| q.kind == QuoteKind::Indirect && q.text.starts_with("الرئيس")),
        "{:#?}",
        x.quotes
    );
}

#[test]
fn replying_and_writing_report_speech_and_an_ambassador_is_not_the_president() {
    let d = doc(
        "وردت الحكومة الفرنسية بأنها لن تقبل نتائج التحقيق دون مشاركة خبرائها. ويكتب سامر خليل في مذكراته أن الوزير طلب منه وقف التحقيق.",
        &[("الفرنسية", "country:fr", "LOC"), ("سامر خليل", "person:samer-khalil", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:fr"), "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("person:samer-khalil"), "{q:?}");
    // The one French person the article names is not whom `سفير فرنسا` means.
    let mut d = doc(
        "التقى الرئيس جان دوبون وفدا في باريس. وكان سفير فرنسا في لبنان قد قال إن أي هجوم سيقابل برد حازم.",
        &[("جان دوبون", "person:jean-dupont", "PER"), ("فرنسا", "country:fr", "LOC")],
    );
    d.entities[0].country = Some("country:fr".into());
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_ne!(q[0].1.as_deref(), Some("person:jean-dupont"), "{q:?}");
}

#[test]
fn a_pronoun_with_a_preposition_before_the_subject_is_skipped() {
    let d = doc(
        "وهو ما هدد به مؤخرا الأمين العام للحزب سامر خليل، حين قال إن الخصوم ارتكبوا خطأ تاريخيا بقصفهم المطار.",
        &[("سامر خليل", "person:samer-khalil", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:samer-khalil"), "{q:?}");
}

#[test]
fn a_headline_country_speaking_in_the_first_person_is_quoted() {
    let mut d =
        headline_doc("فرنسا: سنتحرك مع شركائنا في المنطقة", &[("فرنسا", "country:fr", "LOC")]);
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:fr"), "{q:?}");
    // A place line is not.
    d = headline_doc("فرنسا: إضراب عام في المدن الكبرى", &[("فرنسا", "country:fr", "LOC")]);
    assert!(extract(&d).quotes.is_empty());
}

#[test]
fn a_name_starting_with_lam_is_no_addressee() {
    let d = headline_doc(
        "لاميرو: الاتهامات الموجهة إلينا كاذبة تماما",
        &[("لاميرو", "person:sami-lamiro", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:sami-lamiro"), "{q:?}");
}

#[test]
fn a_speaker_phrase_stops_at_a_possessed_noun_or_a_prepositional_phrase() {
    let d = doc("وقال الباحث بالشؤون الأمنية إن الهجمات ستتراجع خلال الصيف المقبل.", &[]);
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("الباحث"), "{q:?}");
    // `وفقا للوزارة`: the ministry named before.
    let d = doc(
        "وقالت وزارة المالية المصرية إن العجز تراجع هذا الربع. ووفقا للوزارة فإن الإيرادات ارتفعت بنسبة كبيرة هذا العام.",
        &[("وزارة المالية المصرية", "org:eg-finance-ministry", "ORG")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("org:eg-finance-ministry"), "{q:?}");
}

#[test]
fn a_masculine_verb_after_allati_has_a_subject_of_its_own() {
    let d = doc(
        "وشكر سامر خليل الدول التي دعمت بلاده، لكنه لم يذكر أسماء الدول الأخرى التي قال إنها تدرس الخطوة نفسها.",
        &[("سامر خليل", "person:samer-khalil", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_ne!(q[0].1.as_deref(), Some("الأخرى"), "{q:?}");
}

#[test]
fn a_noun_with_a_pronoun_after_the_verb_is_its_object() {
    let d = doc(
        "وانتقد سامر خليل اللجنة بشدة. وكرر رأيه بأن التحقيق كله ملاحقة سياسية لا أكثر.",
        &[("سامر خليل", "person:samer-khalil", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:samer-khalil"), "{q:?}");
}

#[test]
fn a_headline_analyst_is_the_person_the_body_quotes() {
    let mut d = headline_doc("محلل لقناة المدينة: الهدنة لن تصمد طويلا", &[]);
    let body = "وقال المحلل العسكري سامر خليل إن الهدنة هشة وقد تنهار خلال أيام.";
    let tokens = tokenize(body);
    d.body =
        marsad_doc::FieldText { sentences: sentences(body, &tokens, &[(0, body.len())]), tokens };
    d.article.text = body.into();
    d.article.paragraphs = vec![TextRange::new(0, body.len())];
    d.entities.push(Entity {
        id: "person:samer-khalil".into(),
        canonical: "سامر خليل".into(),
        label: "PER".into(),
        english: None,
        country: None,
        kind: None,
        role: None,
        salience: 0.5,
        mentions: vec![EntityMention {
            field: Field::Body,
            start: body.find("سامر").unwrap_or(0),
            end: body.find(" إن").unwrap_or(0),
            text: "سامر خليل".into(),
            demonym: false,
        }],
    });
    let x = extract(&d);
    let headline: Vec<_> = x.quotes.iter().filter(|q| q.field == Field::Headline).collect();
    assert_eq!(headline.len(), 1, "{:#?}", x.quotes);
    assert_eq!(headline[0].speaker.as_deref(), Some("person:samer-khalil"), "{:#?}", x.quotes);
}

#[test]
fn unnamed_local_officials_speak_for_the_country_the_article_names() {
    let d = doc(
        "عثر على الصحفي مصابا في مدينة روسية. وقال مسؤولون محليون إنهم لم يعثروا على أي رسالة في الشقة.",
        &[("روسية", "country:ru", "LOC")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:ru"), "{q:?}");
}

#[test]
fn an_untagged_name_before_a_comma_and_a_relative_is_the_speaker() {
    let d = doc(
        "وأصيب العشرات في القصف، وفق المرصد الوطني لحقوق الإنسان، الذي قال إن الطائرات استهدفت سوقا شعبية.",
        &[],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("المرصد الوطني لحقوق الإنسان"), "{q:?}");
}

#[test]
fn the_name_after_a_principal_is_the_principals_and_the_apposition_speaks() {
    let d = doc(
        "قال مستشار الرئيس سامر خليل، علي حسن نور، الخميس، إن بلاده لن تقبل أي تعديل على الاتفاق.",
        &[("سامر خليل", "person:samer-khalil", "PER")],
    );
    let x = extract(&d);
    assert_eq!(x.quotes.len(), 1, "{:#?}", x.quotes);
    assert_eq!(x.quotes[0].speaker.as_deref(), Some("علي حسن نور"), "{:#?}", x.quotes);
}

#[test]
fn a_ranker_model_chooses_among_the_candidates_and_the_margin_protects_the_rules() {
    use marsad_events::{SpeakerModel, extract_with, speaker_candidates};
    let d = doc(
        "استقبل الوزير سامر خليل وفدا من الشركة. وقالت وزارة المالية إن الميزانية ستزيد هذا العام.",
        &[
            ("سامر خليل", "person:samer-khalil", "PER"),
            ("وزارة المالية", "org:finance-ministry", "ORG"),
        ],
    );
    // The rules: the ministry right after the verb.
    let rules = extract_with(&d, &SpeakerModel::default());
    assert_eq!(rules.quotes.len(), 1, "{:#?}", rules.quotes);
    assert_eq!(rules.quotes[0].speaker.as_deref(), Some("org:finance-ministry"));
    // The candidates name both parties, the rules' own first and marked.
    let cands = speaker_candidates(&d);
    assert_eq!(cands.len(), 1);
    let values: Vec<&str> = cands[0].candidates.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(values.first(), Some(&"org:finance-ministry"), "{values:?}");
    assert!(cands[0].candidates[0].rule);
    assert!(values.contains(&"person:samer-khalil"), "{values:?}");
    // A model that weighs the previous sentence's first actor above all takes the person,
    // with its words and no span in this sentence.
    let Ok(model) = SpeakerModel::parse("ps:first\t5\n") else { panic!("model") };
    let x = extract_with(&d, &model);
    assert_eq!(x.quotes[0].speaker.as_deref(), Some("person:samer-khalil"));
    assert_eq!(x.quotes[0].speaker_text.as_deref(), Some("سامر خليل"));
    assert_eq!(x.quotes[0].speaker_span, None);
    // Unless the margin asks for more than that.
    let x = extract_with(&d, &model.with_margin(10.0));
    assert_eq!(x.quotes[0].speaker.as_deref(), Some("org:finance-ministry"));
}

#[test]
fn a_relative_with_where_it_was_said_leaves_the_verb_its_own_subject() {
    // `في الوقت الذي قال فيه X`: the time is not the speaker, X is; without `فيه` the
    // antecedent of the relative still speaks.
    let d = doc(
        "انقطعت الكهرباء عن المدينة، في الوقت الذي قال فيه مسؤول محلي إن الإصلاحات ستنتهي خلال يومين.",
        &[],
    );
    let x = extract(&d);
    assert_eq!(x.quotes.len(), 1, "{:#?}", x.quotes);
    assert_eq!(x.quotes[0].speaker.as_deref(), Some("مسؤول محلي"));
}

#[test]
fn a_radio_station_is_whom_the_speaker_told() {
    let d = doc(
        "ورجح الوزير سامر خليل أن تتأخر الانتخابات شهرا، وقال لإذاعة الجزائر إنه لن يترشح مرة أخرى.",
        &[("سامر خليل", "person:samer-khalil", "PER"), ("الجزائر", "country:dz", "LOC")],
    );
    let x = extract(&d);
    assert_eq!(x.quotes.len(), 2, "{:#?}", x.quotes);
    assert_eq!(x.quotes[1].speaker.as_deref(), Some("person:samer-khalil"), "{:#?}", x.quotes);
}

#[test]
fn a_continuation_follows_the_ranker_when_it_replaced_the_speaker_before() {
    use marsad_events::{SpeakerModel, extract_with};
    let d = doc(
        "استقبل الوزير سامر خليل وفدا من الشركة. وقالت وزارة المالية إن الميزانية ستزيد هذا العام. وتابعت: \"لن نرفع الضرائب على الأسر الفقيرة\".",
        &[
            ("سامر خليل", "person:samer-khalil", "PER"),
            ("وزارة المالية", "org:finance-ministry", "ORG"),
        ],
    );
    // The rules give both quotes to the ministry, the second as a continuation.
    let rules = extract_with(&d, &SpeakerModel::default());
    let speakers: Vec<_> = rules.quotes.iter().map(|q| q.speaker.as_deref()).collect();
    assert_eq!(speakers, [Some("org:finance-ministry"); 2], "{:#?}", rules.quotes);
    // A model that replaces the first quote's speaker moves the continuation with it.
    let Ok(model) = SpeakerModel::parse("ps:first\t5\n") else { panic!("model") };
    let x = extract_with(&d, &model);
    let speakers: Vec<_> = x.quotes.iter().map(|q| q.speaker.as_deref()).collect();
    assert_eq!(speakers, [Some("person:samer-khalil"); 2], "{:#?}", x.quotes);
}

#[test]
fn after_but_a_role_before_the_verb_is_its_subject() {
    // The government named first in the sentence is not who answers after `لكن`.
    let d = doc(
        "واتهمت الحكومة الفرنسية الشركة بإخفاء الأدلة، لكن مدير الشركة في باريس قال إن الاتهامات لا أساس لها.",
        &[("الفرنسية", "country:fr", "LOC"), ("باريس", "city:paris", "LOC")],
    );
    let x = extract(&d);
    assert_eq!(x.quotes.len(), 1, "{:#?}", x.quotes);
    let speaker = x.quotes[0].speaker.as_deref().unwrap_or("-");
    assert!(speaker.starts_with("مدير الشركة"), "{:#?}", x.quotes);
}

#[test]
fn a_definite_head_noun_refers_to_a_name_in_marks_or_a_hashtag_after_it_before() {
    let d = doc(
        "وقال المدير التنفيذي لشركة \"نجمة الشمال\" في تغريدة إن المصنع سيفتح قريبا. وذكرت الشركة في موقعها أن الإنتاج سيبدأ في الربيع المقبل.",
        &[],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("شركة نجمة الشمال"));
    let d = doc(
        "دعت رابطة #أمهات_الصيادين_المفقودين، أمس، الحكومة إلى مواصلة البحث. وقالت الرابطة إن العائلات لم تتلق أي خبر منذ أسبوعين.",
        &[],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("رابطة أمهات الصيادين المفقودين"));
}

#[test]
fn a_role_is_the_person_named_right_before_the_same_role_later() {
    let d = doc(
        "وأعلن مدير الهيئة أن المياه ستعود إلى الأحياء الشرقية غدا. وقال سامي نور مدير هيئة المياه في بيان إن الفرق تعمل ليلا ونهارا.",
        &[("سامي نور", "person:sami-nour", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:sami-nour"));
    let d = doc(
        "وأعلن مدير الهيئة أن المياه ستعود إلى الأحياء الشرقية غدا. وقال سامي نور، مدير هيئة المياه، في بيان إن الفرق تعمل ليلا ونهارا.",
        &[("سامي نور", "person:sami-nour", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q[0].1.as_deref(), Some("person:sami-nour"), "{q:?}");
}

#[test]
fn qawl_inside_a_reported_clause_is_the_words_of_the_person_it_points_to() {
    let d = doc(
        "وأضافت ليلى حداد أن سامر خليل لم يحدد موعدا لافتتاح الجسر، وذلك رغم قوله في مقابلة إن الأعمال ستنتهي قبل الصيف.",
        &[("ليلى حداد", "person:laila-haddad", "PER"), ("سامر خليل", "person:samer-khalil", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:laila-haddad"));
    assert_eq!(q[1].0, "الأعمال ستنتهي قبل الصيف");
    assert_eq!(q[1].1.as_deref(), Some("person:samer-khalil"));
}

#[test]
fn an_after_sabaqa_lahu_is_not_a_report() {
    let d = doc(
        "ونقلت صحيفة الأخبار عن سامر خليل، الذي سبق له أن عمل في الميناء عشرين عاما، قوله بأن \"الرصيف الجديد لن يكفي السفن الكبيرة\".",
        &[("سامر خليل", "person:samer-khalil", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:samer-khalil"));
}

#[test]
fn a_count_of_a_group_speaks_for_the_group() {
    let d = doc(
        "تحقق الشرطة في سرقة المتحف، بحسب مصادر مطلعة. وقال اثنان من المصادر إن اللصوص دخلوا من نافذة السطح.",
        &[],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("مصادر مطلعة"));
    // `أكثر من`, more than one: the group too, not the word `أكثر`.
    let d = doc("وأكد أكثر من شاهد عيان أن الحريق بدأ في الطابق الأرضي للمبنى.", &[]);
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(q[0].1.as_deref().is_some_and(|s| s.starts_with("شاهد")), "{q:?}");
}

#[test]
fn how_often_after_the_verb_is_not_its_subject() {
    let d = doc(
        "قال سامر خليل إن الضرائب لن ترتفع هذا العام. وفي المؤتمر نفسه كرر أكثر من مرة أنه يرفض رفع الضرائب على الخبز.",
        &[("سامر خليل", "person:samer-khalil", "PER")],
    );
    let q = speakers(&extract(&d));
    assert!(q.iter().all(|(_, s, _)| s.as_deref() != Some("أكثر")), "{q:?}");
    assert_eq!(q.last().and_then(|x| x.1.as_deref()), Some("person:samer-khalil"), "{q:?}");
}

#[test]
fn a_common_noun_the_tagger_took_for_a_name_is_read_as_the_noun() {
    let d = doc(
        "دعت منظمة الصحة الإقليمية إلى فتح الطرق. وقالت المنظمة إن الأدوية يجب أن تدخل المدينة فورا ودون شروط.",
        &[("منظمة الصحة الإقليمية", "org:regional-health", "ORG"), ("المنظمة", "org:منظمه", "ORG")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("org:regional-health"));
}

#[test]
fn a_report_of_the_organisation_is_the_organisation_named_after_that_noun_before() {
    let d = doc(
        "انتقدت منظمة راصد الحقوق قانونا جديدا للجنسية. وجاء في تقرير للمنظمة المعنية بحقوق الإنسان أن الأطفال يعاملون كأجانب طوال حياتهم.",
        &[("راصد الحقوق", "org:rights-watcher", "ORG")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("org:rights-watcher"));
}

#[test]
fn whom_the_subject_spoke_with_is_not_the_speaker() {
    // (And a preposition of time, `أثناء`, opens no speaker.)
    let d = doc(
        "وقال سامر خليل إن المعبر سيفتح أمام المسافرين قريبا. وقال للنواب أثناء مناقشة مشروع القانون \"قررنا فتح المعبر ستة أشهر إضافية\".",
        &[("سامر خليل", "person:samer-khalil", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("person:samer-khalil"), "{q:?}");
    let d = doc(
        "تطرق الرئيس جان دوبون إلى الوضع في المدينة، خلال اتصال هاتفي السبت مع الرئيس اللبناني سامر خليل، وأكد على ضرورة \"إنهاء الأزمة الإنسانية في المدينة عبر ضمانات صادقة\".",
        &[("سامر خليل", "person:samer-khalil", "PER"), ("جان دوبون", "person:jean-dupont", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:jean-dupont"), "{q:?}");
}

#[test]
fn a_participle_after_an_answer_is_the_answerers() {
    let d = doc(
        "وتابع المتحدث أن سامر خليل قال لفادي نور إن المدينة جميلة في الربيع، فأجاب فادي نور \"حقا؟\"، مضيفا \"سأزور المدينة في أي وقت تريدونه\".",
        &[("سامر خليل", "person:samer-khalil", "PER"), ("فادي نور", "person:fadi-nour", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.last().map(|x| x.0.as_str()), Some("سأزور المدينة في أي وقت تريدونه"), "{q:?}");
    assert_eq!(q.last().and_then(|x| x.1.as_deref()), Some("person:fadi-nour"), "{q:?}");
}

#[test]
fn an_untagged_name_after_a_titles_definite_words_is_the_speaker() {
    let d = doc(
        "وقال المتحدث باسم وزارة الصحة سامي النوري في بيان إن ثلاثة مصابين نقلوا إلى المستشفى.",
        &[],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("سامي النوري"));
    // Not a relative clause after the title.
    let d = doc("وقال المسؤول الذي اشترط عدم الكشف عن اسمه إن الوزارة استدعت السفير أمس.", &[]);
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_ne!(q[0].1.as_deref(), Some("اشترط عدم الكشف"), "{q:?}");
}

#[test]
fn a_leader_title_is_the_person_named_after_its_body_and_place() {
    let d = doc(
        "أعلن زعيم حركة النهضة الشعبية في المدينة سامر خليل أن الحركة ستشارك في الانتخابات المقبلة.",
        &[("سامر خليل", "person:samer-khalil", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:samer-khalil"));
}

#[test]
fn a_military_rank_before_a_name_is_a_title() {
    let d = doc(
        "ووصلت الدفعة الأولى من الرهائن إلى المعبر، وفقا للتلفزيون الرسمي. وكان الميجور جنرال سامر خليل، رئيس مركز التنسيق في سوريا التابع للجيش الروسي قال، يوم الأحد إن الجيش أبرم اتفاقا مع الفصائل لخروج مقاتليها.",
        &[
            ("الميجور", "per:ميجور", "PER"),
            ("سامر خليل", "person:samer-khalil", "PER"),
            ("سوريا", "country:sy", "LOC"),
            ("الروسي", "country:ru", "LOC"),
        ],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:samer-khalil"));
}

#[test]
fn an_agency_that_relays_is_not_the_subject_of_the_next_verb() {
    let d = doc(
        "وأصر سامر خليل على براءته ووصف إدانته بأنها قضية سياسية بحتة. وحسب رويترز، قال وسط هتاف الجماهير \"سأمتثل للقانون ولست فوقه أبدا\".",
        &[("سامر خليل", "person:samer-khalil", "PER"), ("رويترز", "org:reuters", "ORG")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.last().and_then(|x| x.1.as_deref()), Some("person:samer-khalil"), "{q:?}");
}

#[test]
fn the_latter_is_the_one_named_last() {
    let d = doc(
        "التقى سامر خليل أمس فادي نور في العاصمة، وقال الأخير إن المحادثات كانت مثمرة جدا.",
        &[("سامر خليل", "person:samer-khalil", "PER"), ("فادي نور", "person:fadi-nour", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:fadi-nour"));
}

#[test]
fn officials_named_again_are_the_government_named_with_them_first() {
    let d = doc(
        "من أتلانتا: كشف مسؤولان في الحكومة الأمريكية للصحفيين عن اجتماع قريب لمجلس الأمن القومي. وكشف المسؤولان أن الاجتماع سيعقد في أول يوم من الأسبوع المقبل.",
        &[("أتلانتا", "loc:اتلانتا", "LOC"), ("الأمريكية", "country:us", "LOC")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:us"));
}

#[test]
fn headline_officials_are_the_government_the_body_gives_them() {
    let d = full_doc(
        "مسؤولان: اجتماع قريب لمجلس الأمن القومي لبحث الأوضاع",
        "كشف مسؤولان في الحكومة الأمريكية للصحفيين عن اجتماع قريب. وكشف المسؤولان أن الاجتماع سيعقد في أول يوم من الأسبوع المقبل.",
        &[("الأمريكية", "country:us", "LOC", None)],
    );
    let x = extract(&d);
    let headline: Vec<_> = x.quotes.iter().filter(|q| q.field == Field::Headline).collect();
    assert_eq!(headline.len(), 1, "{:#?}", x.quotes);
    assert_eq!(headline[0].speaker.as_deref(), Some("country:us"), "{:#?}", x.quotes);
}

#[test]
fn the_bare_coalition_is_the_coalition_named_before() {
    let d = doc(
        "شنت طائرات التحالف العربي غارات على مواقع قرب الحدود. وقال التحالف إن الغارات دمرت منصات صواريخ.",
        &[("التحالف العربي", "org:saudi-led-coalition", "ORG")],
    );
    let x = extract(&d);
    assert_eq!(x.quotes.len(), 1, "{:#?}", x.quotes);
    assert_eq!(x.quotes[0].speaker.as_deref(), Some("org:saudi-led-coalition"));
}

#[test]
fn a_ministry_without_an_entry_is_the_government_of_the_country_the_article_is_about() {
    // Named once by a visitor's country, but the story is in Tunisia: the ministry is
    // Tunisia's, not the first country named.
    let d = doc(
        "زار وفد من فرنسا مدينة صفاقس في تونس أمس، وتفقد مستشفيات تونس الجديدة في المدينة. \
         وقالت وزارة الصحة إن المستشفيات ستستقبل المرضى الشهر المقبل.",
        &[
            ("فرنسا", "country:fr", "LOC"),
            ("صفاقس", "city:sfax", "LOC"),
            ("تونس", "country:tn", "LOC"),
        ],
    );
    let mut d = d;
    d.entities[1].country = Some("country:tn".into());
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:tn"), "{q:?}");
}

#[test]
fn a_fire_department_or_a_navy_without_its_country_is_the_article_countrys() {
    let d = doc(
        "اندلع حريق كبير في مصنع بولاية أوهايو في الولايات المتحدة. وقالت إدارة الإطفاء إن النيران أخمدت بعد ساعات.",
        &[("الولايات المتحدة", "country:us", "LOC")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:us"), "{q:?}");
    let d = doc(
        "غرقت سفينة صيد قبالة سواحل تشيلي. وقالت البحرية إن فرق الإنقاذ انتشلت ستة بحارة.",
        &[("تشيلي", "country:cl", "LOC")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:cl"), "{q:?}");
}

#[test]
fn a_request_for_anonymity_is_neither_the_cue_nor_the_speaker() {
    let d = doc("وقال مسؤول حكومي طلب عدم الكشف عن هويته إن المفاوضات ستستأنف الأسبوع المقبل.", &[]);
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].0, "المفاوضات ستستأنف الأسبوع المقبل");
    assert_eq!(q[0].1.as_deref(), Some("مسؤول حكومي"), "{q:?}");
    let d = doc("وقال أحد الموظفين طالبا عدم كشف اسمه، إن الرواتب تأخرت ثلاثة أشهر.", &[]);
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("أحد الموظفين"), "{q:?}");
}

#[test]
fn a_lone_last_name_is_the_person_named_in_full_before() {
    // `القدرة` is also a common noun, so no tagger mention marks it alone.
    let d = doc(
        "أعلن المتحدث سامي القدرة حصيلة جديدة للضحايا. وقال القدرة إن المستشفيات تعمل بطاقتها القصوى.",
        &[("سامي القدرة", "per:سامي_القدرة", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("per:سامي_القدرة"), "{q:?}");
    // Two people of that name: neither.
    let d = doc(
        "التقى سامي القدرة بشقيقه علي القدرة أمس. وقال القدرة إن اللقاء كان وديا.",
        &[("سامي القدرة", "per:سامي_القدرة", "PER"), ("علي القدرة", "per:علي_القدرة", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("القدرة"), "{q:?}");
}

#[test]
fn bare_officials_before_any_place_are_the_article_countrys() {
    let d = doc(
        "قال مسؤولون إن الفيضانات دمرت مئات المنازل في شمال البرازيل. وأعلنت البرازيل الحداد، وأرسلت البرازيل فرقا إلى المنطقة.",
        &[("البرازيل", "country:br", "LOC")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:br"), "{q:?}");
    // Officials of someone named right after them are not the country's.
    let d = doc(
        "قال مسؤولون من الأمم المتحدة إن الفيضانات دمرت مئات المنازل في شمال البرازيل. وأعلنت البرازيل الحداد.",
        &[("البرازيل", "country:br", "LOC"), ("الأمم المتحدة", "org:un", "ORG")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_ne!(q[0].1.as_deref(), Some("country:br"), "{q:?}");
}

#[test]
fn the_bare_ministry_is_the_one_named_with_its_name_in_marks() {
    let d = doc(
        "وافقت واشنطن على بيع صواريخ لقطر، كما أعلنت وزارة الدفاع \"البنتاغون\". وأعلنت الوزارة أن الصفقة تشمل خمسة آلاف صاروخ.",
        &[
            ("واشنطن", "city:washington", "LOC"),
            ("قطر", "country:qa", "LOC"),
            ("البنتاغون", "org:pentagon", "ORG"),
        ],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("org:pentagon"), "{q:?}");
}

#[test]
fn an_army_or_a_defence_ministry_is_not_the_country_the_story_is_from() {
    // Named most is Palestine; the army is still Israel's, the country named first.
    let d = doc(
        "أطلقت إسرائيل النار على متظاهرين في غزة. وتجمع آلاف الفلسطينيين قرب خان يونس وفي شمال غزة. \
         وقال الجيش إن الجنود ردوا على محاولات لاجتياز السياج.",
        &[
            ("إسرائيل", "country:il", "LOC"),
            ("غزة", "city:gaza", "LOC"),
            ("الفلسطينيين", "country:ps", "LOC"),
            ("خان يونس", "city:khan-younis", "LOC"),
        ],
    );
    let mut d = d;
    d.entities[1].country = Some("country:ps".into());
    d.entities[3].country = Some("country:ps".into());
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:il"), "{q:?}");
    // A defence ministry named bare in a story from Syria is not Syria's government.
    let d = doc(
        "قصفت طائرات مواقع في سوريا، وأدانت سوريا القصف، وقالت سوريا إنه عدوان. \
         وقالت وزارة الدفاع إن الضربات استهدفت مخازن أسلحة.",
        &[("سوريا", "country:sy", "LOC")],
    );
    let q = speakers(&extract(&d));
    let ministry = q.iter().find(|(text, _, _)| text.starts_with("الضربات"));
    assert!(ministry.is_some_and(|(_, who, _)| who.as_deref() != Some("country:sy")), "{q:?}");
}

#[test]
fn a_head_noun_is_the_name_after_it_as_a_hashtag_or_in_marks() {
    // A hashtag name the tagger knows; a one-word name in marks the tagger took for a
    // person; a three-word name in marks it does not know.
    let d = doc(
        "قالت شركة #بريق إن أرباحها ارتفعت في الربع الأول من العام. \
         وقال موقع \"نجمة\" الإخباري إن الخدمة ستتوقف في المدن الصغيرة منذ الشهر المقبل. \
         وقالت منظمة \"أصدقاء الغابة الخضراء\" إن الحرائق اتسعت في الجبال خلال الليل.",
        &[("بريق", "org:brq", "ORG"), ("نجمة", "per:نجمه", "PER")],
    );
    // (The rules alone: the shipped ranker may prefer the tagger's id for the same words.)
    let q = speakers(&marsad_events::extract_with(&d, &marsad_events::SpeakerModel::default()));
    assert_eq!(q.len(), 3, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("org:brq"), "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("نجمة"), "{q:?}");
    assert_eq!(q[2].1.as_deref(), Some("أصدقاء الغابة الخضراء"), "{q:?}");
}

#[test]
fn a_union_a_treasury_or_a_bank_named_bare_is_the_one_named_before() {
    let d = doc(
        "فرض الاتحاد الأوروبي عقوبات جديدة على شركات النفط في البلاد. \
         وقال الاتحاد إن العقوبات ستبقى سارية حتى نهاية العام المقبل.",
        &[("الاتحاد الأوروبي", "org:eu", "ORG")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("org:eu"), "{q:?}");
}

#[test]
fn a_spokesperson_for_a_bare_body_speaks_for_the_body_named_before() {
    // The union is known only by the words the article gives it; its spokeswoman is never
    // named, and the person quoted before her is someone else.
    let d = doc(
        "وقال سامي نور إن فرق الإنقاذ تعمل في ظروف صعبة جدا في المدينة. \
         وقال اتحاد المسعفين، ومقره في الولايات المتحدة، إن المستشفى أكد وفاة عشرين شخصا. \
         لكن المتحدثة باسم الاتحاد قالت إن التقارير من الأرض ترجح أعدادا أكبر بكثير.",
        &[("سامي نور", "per:سامي_نور", "PER"), ("اتحاد المسعفين", "org:اتحاد_مسعفين", "ORG")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 3, "{q:?}");
    assert_eq!(q[2].1.as_deref(), Some("org:اتحاد_مسعفين"), "{q:?}");
}

#[test]
fn a_repeated_role_finds_the_name_given_with_an_adjective_after_its_head() {
    let d = doc(
        "أعلن المتحدث الرسمي باسم التحالف، سامي نور، اعتراض صاروخين فوق المدينة. \
         وأضاف المتحدث باسم التحالف أن الصاروخين أطلقا نحو مناطق سكنية مكتظة.",
        &[("سامي نور", "per:سامي_نور", "PER"), ("التحالف", "org:coalition", "ORG")],
    );
    let q = speakers(&extract(&d));
    let added = q.iter().find(|(text, _, _)| text.starts_with("الصاروخين"));
    assert!(added.is_some_and(|(_, who, _)| who.as_deref() == Some("per:سامي_نور")), "{q:?}");
}

#[test]
fn a_delegate_is_the_ambassador_or_envoy_of_the_same_country() {
    // Quoted first as the delegate, named later as the ambassador.
    let d = doc(
        "قال المندوب البلادستاني لدى المنظمة إن الجلسة المقبلة لن تغير شيئا في الملف. \
         وذكر السفير البلادستاني، سامي نور، أن وفد بلاده لن يحضر الجلسة المقبلة.",
        &[("سامي نور", "per:سامي_نور", "PER"), ("البلادستاني", "country:bl", "LOC")],
    );
    let q = speakers(&extract(&d));
    let first = q.iter().find(|(text, _, _)| text.starts_with("الجلسة المقبلة لن"));
    assert!(first.is_some_and(|(_, who, _)| who.as_deref() == Some("per:سامي_نور")), "{q:?}");
}

#[test]
fn a_role_with_a_demonym_is_the_person_named_with_that_role_and_country() {
    // Introduced with the country's name; quoted later with its demonym.
    let d = doc(
        "وقال مندوب بلادستان لدى الأمم المتحدة سامي نور إن بلاده لن تقبل القرار الجديد. \
         وقال رامي حداد إن التصويت تأجل إلى الأسبوع المقبل بطلب من عدة دول. \
         وقال المندوب البلادستاني إن المجلس تجاهل رسائل حكومته المتكررة منذ أشهر.",
        &[
            ("سامي نور", "per:سامي_نور", "PER"),
            ("رامي حداد", "per:رامي_حداد", "PER"),
            ("بلادستان", "country:bl", "LOC"),
            ("البلادستاني", "country:bl", "LOC"),
            ("الأمم المتحدة", "org:un", "ORG"),
        ],
    );
    let q = speakers(&extract(&d));
    let added = q.iter().find(|(text, _, _)| text.starts_with("المجلس"));
    assert!(added.is_some_and(|(_, who, _)| who.as_deref() == Some("per:سامي_نور")), "{q:?}");
    // A former holder of the title is not the one speaking now.
    let d = doc(
        "وكان رئيس بلادستان الأسبق سامي نور قد زار العاصمة قبل عشرين عاما. \
         وقال الرئيس البلادستاني إن المحادثات ستستأنف الأسبوع المقبل في العاصمة.",
        &[
            ("سامي نور", "per:سامي_نور", "PER"),
            ("بلادستان", "country:bl", "LOC"),
            ("البلادستاني", "country:bl", "LOC"),
        ],
    );
    let q = speakers(&extract(&d));
    let said = q.iter().find(|(text, _, _)| text.starts_with("المحادثات"));
    assert!(said.is_some_and(|(_, who, _)| who.as_deref() != Some("per:سامي_نور")), "{q:?}");
}

#[test]
fn a_title_written_as_a_hashtag_is_the_person_it_names() {
    let d = doc(
        "التقى الأمير سامي نور رجال أعمال في العاصمة أمس. \
         وقال #ولي_العهد_البلادستاني إن بلاده ستفتح أسواقها للمستثمرين خلال العام المقبل.",
        &[("سامي نور", "person:sami-nour", "PER"), ("البلادستاني", "country:bl", "LOC")],
    );
    let mut d = d;
    d.entities[0].country = Some("country:bl".into());
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:sami-nour"), "{q:?}");
}

#[test]
fn a_platform_the_words_were_posted_on_is_not_the_speaker() {
    let d = doc(
        "وكتب سامي نور في تغريدة على تويتر قال فيها: \"سنعود إلى الملعب أقوى من قبل\". \
         وقال رامي حداد في تغريدة بحسابه بتويتر: \"الفريق قدم مباراة كبيرة هذا المساء\".",
        &[
            ("سامي نور", "per:سامي_نور", "PER"),
            ("رامي حداد", "per:رامي_حداد", "PER"),
            ("تويتر", "org:twitter", "ORG"),
        ],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 2, "{q:?}");
    assert!(q.iter().all(|(_, who, _)| who.as_deref() != Some("org:twitter")), "{q:?}");
}

#[test]
fn what_someone_described_as_is_their_own_wording() {
    let d = doc(
        "واستنكر سامي نور ما وصفه بـ\"الهجوم الوحشي على المدنيين العزل\" في المدينة.",
        &[("سامي نور", "per:سامي_نور", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("per:سامي_نور"), "{q:?}");
}

#[test]
fn a_states_army_speaks_as_its_country() {
    let mut d = doc(
        "وقال جيش بلادستان إن قواته ردت على إطلاق النار قرب الحدود الشمالية.",
        &[("جيش بلادستان", "org:bl-army", "ORG")],
    );
    d.entities[0].country = Some("country:bl".into());
    d.entities[0].kind = Some("army".into());
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:bl"), "{q:?}");
}

#[test]
fn a_time_ends_the_speakers_words() {
    let d = doc(
        "وتعمل منظمة الإغاثة الدولية في المنطقة منذ سنوات. \
         وقالت المنظمة عشية الذكرى الأولى للحادث إن مئات الأسر ما زالت بلا مأوى.",
        &[("منظمة الإغاثة الدولية", "org:relief", "ORG")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("org:relief"), "{q:?}");
}

#[test]
fn a_country_describing_the_speakers_words_does_not_replace_them() {
    // With the shipped ranker: the adjective is not the speaker.
    let d = doc(
        "ذكرت وسائل إعلام بلادستانية أن الحكومة ستعلن موازنة جديدة الأسبوع المقبل. \
         وقال مسؤول بلادستاني إن الموازنة ستخفض الإنفاق على الدفاع بنسبة كبيرة.",
        &[("بلادستانية", "country:bl", "LOC"), ("بلادستاني", "country:bl", "LOC")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("وسائل إعلام بلادستانية"), "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("مسؤول بلادستاني"), "{q:?}");
}

#[test]
fn a_person_named_after_someone_elses_head_does_not_replace_the_words() {
    // With the shipped ranker: the lawyer speaks, not his client.
    let d = doc(
        "مثل سامي نور أمام المحكمة أمس بتهمة الاحتيال على المستثمرين. \
         وقال محامي سامي نور إن موكله بريء وإنه سيطعن في الحكم أمام محكمة الاستئناف.",
        &[("سامي نور", "per:سامي_نور", "PER")],
    );
    let q = speakers(&extract(&d));
    assert!(!q.is_empty(), "{q:?}");
    assert!(q.iter().all(|(_, who, _)| who.as_deref() != Some("per:سامي_نور")), "{q:?}");
}

#[test]
fn a_country_named_elsewhere_does_not_replace_a_name_the_tagger_missed() {
    // With the shipped ranker: the untagged name stays the speaker.
    let d = doc(
        "تستعد بلادستان لانتخابات برلمانية الشهر المقبل وسط أزمة اقتصادية حادة. \
         وقال كمال الدين شاهين إن الحكومة فشلت في وقف تراجع العملة خلال العام الماضي.",
        &[("بلادستان", "country:bl", "LOC")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_ne!(q[0].1.as_deref(), Some("country:bl"), "{q:?}");
}

#[test]
fn a_title_picks_the_holder_of_that_office_among_the_countrys_people() {
    let d = doc(
        "استقبل الرئيس سامي نور الوفد الزائر في العاصمة. وأشار رامي حداد إلى أن المحادثات كانت مثمرة. \
         وقال رامي فهد إن الحكومة ستدرس المقترحات. \
         وشدد وزير الخارجية البلادستاني على أن بلاده لن تتراجع عن مواقفها المعلنة.",
        &[
            ("سامي نور", "person:sami-nour", "PER"),
            ("رامي حداد", "person:rami-haddad", "PER"),
            ("رامي فهد", "per:رامي_فهد", "PER"),
            ("البلادستاني", "country:bl", "LOC"),
        ],
    );
    let mut d = d;
    d.entities[0].country = Some("country:bl".into());
    d.entities[0].role = Some("President of Biladistan 2015-".into());
    d.entities[1].country = Some("country:bl".into());
    d.entities[1].role = Some("Foreign Minister of Biladistan 2016-2020".into());
    let q = speakers(&extract(&d));
    let stressed = q.iter().find(|(text, _, _)| text.starts_with("بلاده لن"));
    assert!(
        stressed.is_some_and(|(_, who, _)| who.as_deref() == Some("person:rami-haddad")),
        "{q:?}"
    );
}

#[test]
fn a_subject_opening_the_sentence_before_its_speech_verb_speaks() {
    // Headline order: a role, then the verb.
    let d = full_doc(
        "الرئيس البلادستاني يؤكد أن الحدود ستبقى مفتوحة أمام التجارة",
        "قال الرئيس البلادستاني سامي نور إن الحدود لن تغلق في وجه الشاحنات.",
        &[("سامي نور", "person:sami-nour", "PER", None)],
    );
    let x = extract(&d);
    let head: Vec<_> = x.quotes.iter().filter(|q| q.field == Field::Headline).collect();
    assert_eq!(head.len(), 1, "{:?}", x.quotes);
    assert_eq!(head[0].speaker.as_deref(), Some("person:sami-nour"), "{:?}", x.quotes);
    // A country opening a body sentence before a present-tense verb.
    let q = speakers(&extract(&doc(
        "وتصاعد الخلاف حول السد خلال الشهر الماضي. بلادستان تؤكد أنها لن تتوقف عن بناء السد.",
        &[("بلادستان", "country:bl", "LOC")],
    )));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:bl"), "{q:?}");
    // A role whose first letter is `و` is not a conjoined verb (`وزير` is not `و` + `زير`).
    let q = speakers(&extract(&doc(
        "وتأخر وصول المحققين إلى المدينة. وزير الداخلية البلادستاني يحذر من أن الأدلة قد تختفي.",
        &[],
    )));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("وزير الداخلية البلادستاني"), "{q:?}");
    // One indefinite word before the verb is not its subject.
    let q = speakers(&extract(&doc(
        "وخرجت أمس مسيرة كبيرة في المدينة. مسيرة تقول الصحيفة إنها جمعت آلاف المشاركين.",
        &[],
    )));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("الصحيفة"), "{q:?}");
}

#[test]
fn a_headline_speaker_colon_marked_words_is_a_quote_by_the_speaker() {
    let d = full_doc(
        "الرئيس البلادستاني: \"لن نقبل أي تدخل في شؤوننا الداخلية\"",
        "قال الرئيس البلادستاني سامي نور إن بلاده ترفض كل تدخل خارجي.",
        &[("سامي نور", "person:sami-nour", "PER", None)],
    );
    let x = extract(&d);
    let head: Vec<_> = x.quotes.iter().filter(|q| q.field == Field::Headline).collect();
    assert_eq!(head.len(), 1, "{:?}", x.quotes);
    assert_eq!(head[0].speaker.as_deref(), Some("person:sami-nour"), "{:?}", x.quotes);
}

#[test]
fn a_repeated_role_skips_an_adjective_and_a_comma_before_the_name() {
    let d = doc(
        "وحضر الافتتاح الداعية البلادستاني البارز، سامي نور، مع عدد من المسؤولين. \
         وقال الداعية البلادستاني إنه لا يعرف قواعد اللعبة الجديدة.",
        &[("سامي نور", "per:سامي_نور", "PER")],
    );
    let rules_only = marsad_events::SpeakerModel::default();
    let q = speakers(&marsad_events::extract_with(&d, &rules_only));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("per:سامي_نور"), "{q:?}");
}

#[test]
fn an_addressee_pronoun_an_adverb_or_kull_min_before_the_subject_is_skipped() {
    let q = speakers(&extract(&doc(
        "وقالت لنا سامية نور إن المياه انقطعت عن الحي منذ أسبوع.",
        &[("سامية نور", "person:samia-nour", "PER")],
    )));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:samia-nour"), "{q:?}");
    let q = speakers(&extract(&doc(
        "وأعلنت كل من بلادستان وجارتها الشمالية أن المفاوضات ستستأنف الشهر المقبل.",
        &[("بلادستان", "country:bl", "LOC")],
    )));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:bl"), "{q:?}");
    let q = speakers(&extract(&doc(
        "وأكد الوزير صراحة أن الحكومة لن ترفع أسعار الوقود هذا العام.",
        &[],
    )));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("الوزير"), "{q:?}");
}

#[test]
fn the_ranker_keeps_an_unnamed_source_and_skips_a_platform_and_an_unknown_place() {
    use marsad_events::{SpeakerModel, extract_with};
    // A model that takes any organisation or place it is offered.
    let Ok(model) = SpeakerModel::parse("lab:ORG\t10\nlab:LOC\t10\n") else { panic!("model") };
    // The agency relays the unnamed source's words; the source stays the speaker.
    let d = doc(
        "ونقلت وكالة الأنباء البلادستانية عن مصدر في وزارة الخارجية قوله إن الوفد سيصل غدا.",
        &[("وكالة الأنباء البلادستانية", "org:bna", "ORG")],
    );
    let x = extract_with(&d, &model);
    assert_eq!(x.quotes.len(), 1, "{:#?}", x.quotes);
    let source = x.quotes[0].speaker.as_deref();
    assert!(source.is_some_and(|s| s.starts_with("مصدر")), "{:#?}", x.quotes);
    // Where the words were posted is no candidate.
    let d = doc(
        "وكتب سامي نور في تغريدة على تويتر أن الاجتماع أُلغي في اللحظة الأخيرة.",
        &[("سامي نور", "person:sami-nour", "PER"), ("تويتر", "org:twitter", "ORG")],
    );
    let x = extract_with(&d, &model);
    assert_eq!(x.quotes.len(), 1, "{:#?}", x.quotes);
    assert_eq!(x.quotes[0].speaker.as_deref(), Some("person:sami-nour"), "{:#?}", x.quotes);
    // A place the knowledge base does not place in a country speaks for no one.
    let d = doc(
        "وأغلقت السلطات الطريق الساحلي. وقال سكان وادي النخيل إن المياه غمرت البيوت.",
        &[("وادي النخيل", "loc:وادي_النخيل", "LOC")],
    );
    let x = extract_with(&d, &model);
    assert_eq!(x.quotes.len(), 1, "{:#?}", x.quotes);
    assert_eq!(x.quotes[0].speaker.as_deref(), Some("سكان وادي النخيل"), "{:#?}", x.quotes);
}

#[test]
fn a_mediums_head_and_country_is_the_medium_of_that_country_named_before() {
    let mut d = doc(
        "ونشرت صحيفة النجمة تقريرا عن الميناء. وقالت الصحيفة البلادستانية إن السفن تأخرت أسبوعا.",
        &[("النجمة", "org:najma", "ORG"), ("البلادستانية", "country:bl", "LOC")],
    );
    for e in &mut d.entities {
        if e.id == "org:najma" {
            e.country = Some("country:bl".into());
            e.kind = Some("media".into());
        }
    }
    let rules_only = marsad_events::SpeakerModel::default();
    let q = speakers(&marsad_events::extract_with(&d, &rules_only));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("org:najma"), "{q:?}");
}

#[test]
fn a_role_named_later_without_its_last_adjective_is_that_person() {
    let rules_only = marsad_events::SpeakerModel::default();
    let q = speakers(&marsad_events::extract_with(
        &doc(
            "وأكد وزير الشؤون الدينية البلادستاني أن المساجد ستفتح طوال الليل. \
             واعتبر وزير الشؤون الدينية سامي نور أثناء زيارته أن التدريب ضروري للجميع.",
            &[("البلادستاني", "country:bl", "LOC"), ("سامي نور", "person:sami-nour", "PER")],
        ),
        &rules_only,
    ));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:sami-nour"), "{q:?}");
    // Only an adjective may be left out: the coach of the team is not the coach named later.
    let q = speakers(&marsad_events::extract_with(
        &doc(
            "وأكد المدير الفني للمنتخب الأول أن الفريق جاهز للمباراة المقبلة. \
             وقال المدير الفني سامي نور إن ناديه لن يبيع لاعبيه هذا الصيف.",
            &[("سامي نور", "person:sami-nour", "PER")],
        ),
        &rules_only,
    ));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_ne!(q[0].1.as_deref(), Some("person:sami-nour"), "{q:?}");
}

#[test]
fn police_and_state_agencies_speak_as_their_country() {
    let rules_only = marsad_events::SpeakerModel::default();
    let run = |body: &str, entities: &[(&str, &str, &str)], country_of: &[(&str, &str)]| {
        let mut d = doc(body, entities);
        for e in &mut d.entities {
            if let Some((_, c)) = country_of.iter().find(|(id, _)| *id == e.id) {
                e.country = Some((*c).into());
            }
        }
        speakers(&marsad_events::extract_with(&d, &rules_only))
    };
    // A city whose name starts with `ل` is not an addressee (`لرويترز`).
    let q = run(
        "وقالت شرطة لوران إنها اعتقلت رجلين قرب المحطة الرئيسية.",
        &[("لوران", "city:loran", "LOC")],
        &[("city:loran", "country:bl")],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:bl"), "{q:?}");
    // A town the knowledge base does not place: the country the article is about.
    let q = run(
        "ضربت عاصفة شمال بلادستان أمس. وقالت شرطة وادي النخيل إن أحدا لم يصب بأذى.",
        &[("بلادستان", "country:bl", "LOC"), ("وادي النخيل", "loc:وادي_النخيل", "LOC")],
        &[],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:bl"), "{q:?}");
    // An unnamed spokesman of a city's police (`ل` on the police, as `باسم`).
    let q = run(
        "وقال المتحدث الرسمي لشرطة مدينة لوران إن الطائرة الصغيرة أسقطت دون إصابات.",
        &[("لوران", "city:loran", "LOC")],
        &[("city:loran", "country:bl")],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:bl"), "{q:?}");
    // Bare police, with only places of no known country before: the article's country.
    let q = run(
        "وقع إطلاق النار في بلدة النخيل. وقالت الشرطة إن المشتبه به اعتقل. وتقع البلدة جنوب بلادستان.",
        &[("بلادستان", "country:bl", "LOC"), ("النخيل", "loc:النخيل", "LOC")],
        &[],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:bl"), "{q:?}");
    // A state agency with its country's adjective.
    let q = run(
        "وقال جهاز الإسعاف البلادستاني إن ثلاثة مصابين نقلوا إلى المستشفى.",
        &[("البلادستاني", "country:bl", "LOC")],
        &[],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:bl"), "{q:?}");
    // `الجهاز` later is that agency.
    let q = run(
        "أعلن جهاز الأمن البلادستاني أنه اعتقل عشرة أشخاص قرب الحدود. \
         وذكر الجهاز في بيان له أن التحقيق كشف خطة لمهاجمة الميناء.",
        &[("البلادستاني", "country:bl", "LOC")],
        &[],
    );
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("country:bl"), "{q:?}");
    // And as the subject of the sentence's first verb.
    let q = run(
        "أعلن جهاز الأمن البلادستاني أنه اعتقل عشرة أشخاص قرب الحدود. \
         ووجه الجهاز اتهاما لقائد الخلية، وقال إن التحقيق كشف خطة لمهاجمة الميناء.",
        &[("البلادستاني", "country:bl", "LOC")],
        &[],
    );
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("country:bl"), "{q:?}");
    // Without its country's adjective: the country the context gives, as for the police;
    // not when its own name follows in marks.
    let q = run(
        "ألغت بلادستان رحلات عدة أمس. وقالت هيئة الطيران المدني إن الأجواء ستفتح صباح الغد.",
        &[("بلادستان", "country:bl", "LOC")],
        &[],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("country:bl"), "{q:?}");
    let q = run(
        "ألغت بلادستان رحلات عدة أمس. وقالت هيئة الطيران \"سما\" إن الأجواء ستفتح صباح الغد.",
        &[("بلادستان", "country:bl", "LOC")],
        &[],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_ne!(q[0].1.as_deref(), Some("country:bl"), "{q:?}");
    // One the knowledge base names is itself.
    let q = run(
        "وقال جهاز الأمن البلادستاني \"الدرع\" إن الخلية كانت تخطط لهجمات.",
        &[("البلادستاني", "country:bl", "LOC"), ("الدرع", "org:shield", "ORG")],
        &[],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("org:shield"), "{q:?}");
}

#[test]
fn a_shortened_name_is_the_party_named_in_full_before() {
    let rules_only = marsad_events::SpeakerModel::default();
    let q = speakers(&marsad_events::extract_with(
        &doc(
            "وقالت منظمة الصحة العالمية إن حملة التطعيم بدأت في الشمال. \
             وقالت منظمة الصحة إن اللقاحات وصلت إلى المراكز كلها.",
            &[("منظمة الصحة العالمية", "org:who", "ORG")],
        ),
        &rules_only,
    ));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("org:who"), "{q:?}");
    // In words: the earlier words, which hold the shorter ones in order.
    let q = speakers(&marsad_events::extract_with(
        &doc(
            "وقالت وكالة الأنباء الجنوبية الرسمية إن الجسر أغلق أمس. \
             وأضافت وكالة الأنباء الرسمية أن الإصلاحات ستستغرق أسبوعين.",
            &[],
        ),
        &rules_only,
    ));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("وكالة الأنباء الجنوبية الرسمية"), "{q:?}");
}

#[test]
fn a_document_noun_with_the_preposition_written_on_it_names_its_issuer() {
    let rules_only = marsad_events::SpeakerModel::default();
    let q = speakers(&marsad_events::extract_with(
        &doc(
            "ووفقا لبيان صادر عن منظمة الصحة العالمية، فإن الحملة ستبدأ الأسبوع المقبل في كل المدن.",
            &[("منظمة الصحة العالمية", "org:who", "ORG")],
        ),
        &rules_only,
    ));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("org:who"), "{q:?}");
    // `لتقرير للشرطة`: the body, as written (`ة`, not the key's `ه`).
    let q = speakers(&marsad_events::extract_with(
        &doc("ووفقا لتقرير للشرطة، فإن السائق كان يقود بسرعة كبيرة قبل الحادث.", &[]),
        &rules_only,
    ));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("الشرطة"), "{q:?}");
}

#[test]
fn a_headline_speaker_in_fewer_words_is_the_body_speaker_holding_them() {
    let d = full_doc(
        "مصدر جنوبي: \"الاتفاق سيوقع قبل نهاية الشهر\"",
        "وقال مصدر أمني جنوبي إن الاتفاق سيوقع قبل نهاية الشهر في العاصمة.",
        &[],
    );
    let x = marsad_events::extract_with(&d, &marsad_events::SpeakerModel::default());
    let headline: Vec<_> = x.quotes.iter().filter(|q| q.field == Field::Headline).collect();
    assert_eq!(headline.len(), 1, "{:?}", x.quotes);
    assert_eq!(headline[0].speaker.as_deref(), Some("مصدر أمني جنوبي"), "{:?}", x.quotes);
}

#[test]
fn a_coach_or_player_title_is_the_person_named_with_it() {
    let rules_only = marsad_events::SpeakerModel::default();
    let q = speakers(&marsad_events::extract_with(
        &doc(
            "قال مدرب النادي الأزرق، سامي نور، إن الفريق جاهز لمباراة السبت. \
             وأضاف المدرب أن الإصابات لن تؤثر على التشكيلة الأساسية.",
            &[("سامي نور", "person:sami-nour", "PER")],
        ),
        &rules_only,
    ));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("person:sami-nour"), "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("person:sami-nour"), "{q:?}");
}

#[test]
fn a_name_whose_own_first_letter_is_lam_goes_on_after_a_head_noun() {
    let rules_only = marsad_events::SpeakerModel::default();
    let q = speakers(&marsad_events::extract_with(
        &doc(
            "وقالت صحيفة لوران إن الحكومة ستعلن خطتها الأسبوع المقبل.",
            &[("لوران", "org:loran", "ORG")],
        ),
        &rules_only,
    ));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("org:loran"), "{q:?}");
    // Not after sources: `لـ` there is whom they told.
    let q = speakers(&marsad_events::extract_with(
        &doc(
            "وقالت مصادر لراديو الشمال إن الحكومة ستعلن خطتها الأسبوع المقبل.",
            &[("لراديو الشمال", "org:لراديو_الشمال", "ORG")],
        ),
        &rules_only,
    ));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_ne!(q[0].1.as_deref(), Some("org:لراديو_الشمال"), "{q:?}");
}

#[test]
fn a_spokesperson_for_a_person_is_not_that_person() {
    // Whom the spokesperson speaks for, named after `باسم`, is not who speaks.
    let d = doc(
        "وقال متحدث باسم سامي نور إن الحكومة لا تنوي تغيير خطتها في الوقت الحالي.",
        &[("سامي نور", "per:سامي_نور", "PER")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_ne!(q[0].1.as_deref(), Some("per:سامي_نور"), "{q:?}");
}

#[test]
fn the_one_of_an_age_is_whom_the_article_is_about() {
    // `صاحب الـ 35 عاما`: sport reports name the player by his age the second time.
    let d = doc(
        "وقال سامي نور إن فريقه قدم مباراة كبيرة أمام منافس قوي. \
         وأوضح صاحب الـ 35 عاما أن الاعتزال ليس في حساباته هذا الموسم.",
        &[("سامي نور", "per:سامي_نور", "PER")],
    );
    let q = speakers(&extract(&d));
    let later = q.iter().find(|(text, _, _)| text.starts_with("الاعتزال"));
    assert!(later.is_some_and(|(_, who, _)| who.as_deref() == Some("per:سامي_نور")), "{q:?}");
}

#[test]
fn a_medium_that_relays_words_is_not_their_speaker() {
    // `نقلت X عن Y`: Y's words, however long X's name; X is named for a later `الصحيفة`.
    let d = doc(
        "ونقلت صحيفة \"الرقيب اليومي\" البلادستانية عن مصادر طبية أن المستشفى استقبل عشرات الجرحى. \
         وقالت الصحيفة إن الطواقم الطبية عملت طوال الليل دون توقف.",
        &[("الرقيب اليومي", "org:raqib", "ORG"), ("البلادستانية", "country:bl", "LOC")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("مصادر طبية"), "{q:?}");
    assert_eq!(q[1].1.as_deref(), Some("org:raqib"), "{q:?}");
    // And with a comma before `عن`.
    let d = doc(
        "ونقلت وكالة الأنباء، عن ضابط كبير، أن القوات انسحبت من المدينة ليلا.",
        &[("وكالة الأنباء", "org:agency", "ORG")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("ضابط كبير"), "{q:?}");
    // `على لسان X`, on X's tongue, as `عن X`.
    let d = doc(
        "ونقلت وكالة الأنباء على لسان مصدر مسؤول أن المحادثات ستستأنف الأسبوع المقبل.",
        &[("وكالة الأنباء", "org:agency", "ORG")],
    );
    let q = speakers(&extract(&d));
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("مصدر مسؤول"), "{q:?}");
}
