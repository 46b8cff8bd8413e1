//! Metadata wins over a dateline in the text, and a disagreement is reported.

use marsad_doc::{Article, Published, TextRange};
use marsad_pipeline::Pipeline;

fn article(body: &str, published: (i16, i8, i8)) -> Article {
    let (y, m, d) = published;
    Article {
        id: "t".into(),
        headline: Some("خبر".into()),
        published: Some(Published::local(jiff::civil::date(y, m, d).at(12, 0, 0, 0))),
        text: body.into(),
        paragraphs: vec![TextRange::new(0, body.len())],
        ..Article::default()
    }
}

#[test]
fn a_disagreeing_dateline_is_a_warning() {
    // Our own wire-style opening line.
    let body = "الرياض 9 أغسطس 2015 م - افتتح الوزير معرضا للكتاب في المدينة.";
    let record = Pipeline::default().analyze(article(body, (2015, 8, 10)));
    assert_eq!(record.published.map(|p| p.to_string()), Some("2015-08-10T12:00:00".into()));
    assert_eq!(record.warnings.len(), 1, "{:?}", record.warnings);
    assert!(record.warnings[0].contains("2015-08-09"));
}

#[test]
fn an_agreeing_dateline_is_quiet() {
    let body = "الرياض 10 أغسطس 2015 م - افتتح الوزير معرضا للكتاب في المدينة.";
    let record = Pipeline::default().analyze(article(body, (2015, 8, 10)));
    assert!(record.warnings.is_empty(), "{:?}", record.warnings);
}
