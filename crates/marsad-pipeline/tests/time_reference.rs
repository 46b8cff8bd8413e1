//! The time stage on the reference page (`../shared/seed/article.txt`) and on our own pages.

use std::path::Path;

use jiff::civil::date;
use marsad_doc::{Article, Published, TextRange};
use marsad_pipeline::Pipeline;
use marsad_readers::InputFormat;

#[test]
fn reference_page_weekdays() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed/article.txt");
    if !path.exists() {
        eprintln!("skipping: ../shared/seed/article.txt not found");
        return;
    }
    let mut articles = marsad_readers::read_path(&path, InputFormat::Auto);
    assert_eq!(articles.len(), 1);
    let Some(Ok(article)) = articles.pop() else {
        panic!("the reference page does not read");
    };
    let record = Pipeline::default().analyze(article);
    let value_of = |word: &str| -> Vec<Option<String>> {
        record.times.iter().filter(|t| t.text.contains(word)).map(|t| t.value.clone()).collect()
    };
    for (word, want) in [
        ("الجمعة", "2022-01-07"),
        ("الخميس", "2022-01-06"),
        ("الأحد الماضي", "2022-01-02"),
        ("السبت", "2022-01-08"),
    ] {
        let got = value_of(word);
        assert!(!got.is_empty(), "{word} not tagged: {:?}", record.times);
        assert!(got.iter().all(|v| v.as_deref() == Some(want)), "{word}: {got:?}");
    }
    // Offsets point into the page.
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    for t in &record.times {
        assert_eq!(text.get(t.start..t.end), Some(t.text.as_str()), "{t:?}");
    }
}

fn page(published: Option<Published>) -> Article {
    // Our own page: the headline and one paragraph.
    let text = "عنوان\n\nقال الوزير أمس إن الاجتماع سيعقد الخميس المقبل في 20 يناير 2022.\n\nوسوم";
    let p = text.find("قال").unwrap_or(0);
    let e = text.find("\n\nوسوم").unwrap_or(0);
    Article {
        id: "t".into(),
        headline: Some("اجتماع مرتقب الأسبوع المقبل".into()),
        published,
        text: text.into(),
        paragraphs: vec![TextRange::new(p, e)],
        ..Article::default()
    }
}

#[test]
fn times_in_headline_and_body_with_anchor() {
    let anchor = Published::local(date(2022, 1, 8).at(11, 47, 0, 0));
    let record = Pipeline::default().analyze(page(Some(anchor)));
    let got: Vec<(&str, &str, Option<&str>)> = record
        .times
        .iter()
        .map(|t| {
            let field = match t.field {
                marsad_doc::Field::Headline => "headline",
                marsad_doc::Field::Body => "body",
            };
            (field, t.text.as_str(), t.value.as_deref())
        })
        .collect();
    assert_eq!(
        got,
        [
            ("headline", "الأسبوع المقبل", Some("2022-01-15/2022-01-21")),
            ("body", "أمس", Some("2022-01-07")),
            ("body", "الخميس المقبل", Some("2022-01-13")),
            ("body", "20 يناير 2022", Some("2022-01-20")),
        ]
    );
    let json = serde_json::to_value(&record).unwrap_or_default();
    assert_eq!(json["times"][0]["field"], "headline");
    assert_eq!(json["times"][1]["granularity"], "day");
    assert_eq!(json["times"][1]["calendar"], "gregorian");
    assert_eq!(json["times"][1]["relative"], true);
}

#[test]
fn without_anchor_relative_times_have_no_value() {
    let record = Pipeline::default().analyze(page(None));
    assert_eq!(record.times.len(), 4);
    for t in &record.times {
        assert_eq!(t.value.is_some(), !t.relative, "{t:?}");
    }
}
