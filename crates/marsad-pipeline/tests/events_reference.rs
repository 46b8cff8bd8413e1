//! Quotes, facts and events of the reference page (`../shared/seed/article.txt`), through
//! the whole default pipeline. Skips with a message when the page is absent.

use marsad_doc::{Doc, QuoteKind};
use marsad_pipeline::Pipeline;

const PAGE: &str = "../../../shared/seed/article.txt";

fn reference_doc() -> Option<Doc> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(PAGE);
    if !path.exists() {
        println!("skipping: ../shared/seed/article.txt not found");
        return None;
    }
    let article = marsad_readers::read_path(&path, marsad_readers::InputFormat::Auto)
        .into_iter()
        .next()?
        .ok()?;
    Some(Pipeline::default().run(article))
}

/// The speaker value of the quote whose text starts with `start` (first match).
fn quote<'d>(doc: &'d Doc, start: &str) -> Option<&'d marsad_doc::Quote> {
    doc.quotes.iter().find(|q| q.text.trim_start_matches('"').starts_with(start))
}

#[test]
fn reference_quotes_have_their_speakers() {
    let Some(doc) = reference_doc() else { return };
    let text = &doc.article.text;
    // Blinken's three quotes, the last one a continuation introduced by وتابع.
    for (start, verb) in
        [("ثمة درس من التاريخ", "قائلا"), ("السلطات والحكومة", "واعتبر"), ("لذلك لا أفهم", "وتابع")]
    {
        let q = quote(&doc, start).unwrap_or_else(|| panic!("missing quote {start}"));
        assert_eq!(q.kind, QuoteKind::Direct, "{start}");
        assert_eq!(q.speaker.as_deref(), Some("person:antony-blinken"), "{start}");
        assert_eq!(q.verb.as_deref(), Some(verb), "{start}");
        assert_eq!(text.get(q.start..q.end), Some(q.text.as_str()));
    }
    // The Russian Foreign Ministry, named as "الوزارة" at the quote.
    let q = quote(&doc, "بلينكن سخر من رد فعل").expect("ministry quote");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.speaker_text.as_deref(), Some("الوزارة"));
    let ministry = q.speaker.as_deref().unwrap_or("");
    assert!(
        ministry == "org:ru-foreign-ministry" || ministry.contains("الخارجية الروسية"),
        "{ministry}"
    );
    let span = q.speaker_span.expect("speaker offsets");
    assert_eq!(text.get(span.start..span.end), Some("الوزارة"));
    // Tokayev's televised statement: reported speech after قال … إنه.
    let q = quote(&doc, "سمح لقوات إنفاذ القانون").expect("Tokayev's statement");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker.as_deref(), Some("person:kassym-jomart-tokayev"));
    assert_eq!(q.verb.as_deref(), Some("قال"));
    // Quoted names and scare quotes are not quotes.
    for not_quote in ["طويلة", "دائم", "الفظة", "للسيطرة", "إرهابيين", "إعادة النظام"]
    {
        assert!(doc.quotes.iter().all(|q| q.text != not_quote), "{not_quote} taken as a quote");
    }
}

#[test]
fn reference_facts_count_casualties_and_arrests() {
    let Some(doc) = reference_doc() else { return };
    let has = |kind: &str, count: f64, qualifier: &str, subject: Option<&str>| {
        doc.facts.iter().any(|f| {
            f.kind == kind
                && f.count == count
                && f.qualifier == qualifier
                && subject.is_none_or(|s| f.subject.as_deref().is_some_and(|fs| fs.contains(s)))
        })
    };
    assert!(has("KILL", 26.0, "exact", Some("متظاهر")), "{:#?}", doc.facts);
    assert!(has("WOUND", 18.0, "exact", None));
    assert!(has("ARREST", 3000.0, "more_than", None));
    assert!(has("KILL", 18.0, "exact", Some("إنفاذ القانون")));
    assert!(has("WOUND", 700.0, "more_than", Some("إنفاذ القانون")));
    for f in &doc.facts {
        assert_eq!(doc.article.text.get(f.start..f.end), Some(f.text.as_str()));
    }
}

#[test]
fn reference_events() {
    let Some(doc) = reference_doc() else { return };
    let find = |action: &str, actor: &str, target: Option<&str>| {
        doc.events.iter().find(|e| {
            e.action == action
                && e.actor.as_ref().is_some_and(|a| a.id == actor)
                && target.is_none_or(|t| e.target.as_ref().is_some_and(|a| a.id == t))
        })
    };
    let call = find("consult", "person:vladimir-putin", Some("person:kassym-jomart-tokayev"))
        .expect("Putin–Tokayev call");
    assert_eq!(call.date.as_deref(), Some("2022-01-08"));
    assert!(find("warn", "person:antony-blinken", Some("country:kz")).is_some());
    let warn = find("warn", "org:us-state-department", Some("country:ru"))
        .expect("US warns Russian forces");
    assert_eq!(warn.target.as_ref().and_then(|t| t.role.as_deref()), Some("military"));
    assert_eq!(warn.date.as_deref(), Some("2022-01-06"));
    assert!(find("criticize", "city:moscow", Some("person:antony-blinken")).is_some());
    let force =
        find("use-force", "person:kassym-jomart-tokayev", None).expect("Tokayev authorises force");
    assert_eq!(force.date.as_deref(), Some("2022-01-07"));
    let deploy =
        find("deploy", "country:ru", Some("country:kz")).expect("Russian-led forces deployed");
    assert_eq!(deploy.actor.as_ref().and_then(|a| a.role.as_deref()), Some("military"));
    let protest = doc.events.iter().find(|e| e.action == "protest").expect("protests");
    assert_eq!(protest.date.as_deref(), Some("2022-01-02"));
}

/// Prints what was found (a debugging aid: `cargo test -- --ignored --nocapture`).
#[test]
#[ignore]
fn dump_reference_extraction() {
    let Some(doc) = reference_doc() else { return };
    for q in &doc.quotes {
        println!(
            "QUOTE {:?} speaker={:?} ({:?}) verb={:?}\n   {}",
            q.kind, q.speaker, q.speaker_text, q.verb, q.text
        );
    }
    for f in &doc.facts {
        println!(
            "FACT {} {} {} subj={:?} place={:?} date={:?} | {}",
            f.kind, f.count, f.qualifier, f.subject, f.place, f.date, f.text
        );
    }
    for e in &doc.events {
        println!(
            "EVENT {} actor={:?} target={:?} date={:?} place={:?} trig={}",
            e.action,
            e.actor.as_ref().map(|a| (&a.id, &a.text, &a.role)),
            e.target.as_ref().map(|a| (&a.id, &a.text, &a.role)),
            e.date,
            e.place,
            e.trigger
        );
    }
    for e in &doc.entities {
        println!(
            "ENT {} {} {} {:?}",
            e.id,
            e.canonical,
            e.label,
            e.mentions.iter().map(|m| &m.text).collect::<Vec<_>>()
        );
    }
    let _ = QuoteKind::Direct;
}
