//! Story clustering: an archive of invented articles, and a regression floor on the
//! hand-labelled ANT dev set (skipped without `../shared`).

use std::collections::HashMap;
use std::path::Path;

use marsad_eval::stories::{bcubed, read_labels};
use marsad_index::{Archive, Prepared, StoriesRequest, StoryArticle, cluster};
use marsad_pipeline::Pipeline;
use marsad_readers::{InputFormat, read_path};

const INVENTED: &str = r#"{"id": "quake-1", "source": "OutletA", "published": "2024-03-01T08:00:00Z", "headline": "زلزال قوي يضرب مدينة تبريز ويوقع عشرات القتلى", "text": "ضرب زلزال بقوة ست درجات مدينة تبريز في إيران فجر اليوم وأوقع عشرات القتلى والجرحى."}
{"id": "summit-1", "source": "OutletB", "published": "2024-03-01T10:00:00Z", "headline": "قمة اقتصادية في الرباط لبحث التجارة الأفريقية", "text": "افتتحت في الرباط عاصمة المغرب قمة اقتصادية لبحث التجارة بين الدول الأفريقية والرسوم الجمركية."}
{"id": "quake-2", "source": "OutletB", "published": "2024-03-02T09:00:00Z", "headline": "ارتفاع حصيلة قتلى زلزال تبريز وفرق الإنقاذ تواصل البحث", "text": "ارتفعت حصيلة قتلى الزلزال الذي ضرب مدينة تبريز في إيران وتواصل فرق الإنقاذ البحث تحت الأنقاض."}
{"id": "sport-1", "source": "OutletC", "published": "2024-03-02T12:00:00Z", "headline": "فريق الكرة يفوز بالبطولة بعد مباراة نهائية مثيرة", "text": "فاز الفريق بالبطولة بعد مباراة نهائية مثيرة حسمت بركلات الترجيح أمام جمهور غفير."}
{"id": "summit-2", "source": "OutletC", "published": "2024-03-02T15:00:00Z", "headline": "قمة الرباط تختتم باتفاق لخفض الرسوم الجمركية على التجارة الأفريقية", "text": "اختتمت قمة الرباط الاقتصادية في المغرب باتفاق على خفض الرسوم الجمركية بين الدول الأفريقية."}
{"id": "quake-3", "source": "OutletC", "published": "2024-03-03T07:00:00Z", "headline": "إيران تعلن الحداد بعد زلزال تبريز وفرق الإنقاذ تنتشل ناجين", "text": "أعلنت إيران الحداد العام بعد زلزال تبريز فيما تنتشل فرق الإنقاذ ناجين من تحت الأنقاض."}
"#;

#[test]
fn archive_stories_group_two_events_across_outlets_and_days_and_leave_one_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("invented.jsonl");
    std::fs::write(&file, INVENTED).expect("write");
    let data = dir.path().join("data");
    let archive = Archive::open_or_create(&data).expect("archive");
    let pipeline = Pipeline::default();
    let batch: Vec<Prepared> = read_path(&file, InputFormat::Auto)
        .into_iter()
        .map(|a| Prepared::from_record(&pipeline.analyze(a.expect("read"))).expect("prepare"))
        .collect();
    assert_eq!(batch.len(), 6);
    let mut writer = archive.writer().expect("writer");
    writer.write_batch(batch).expect("write batch");
    writer.finish().expect("finish");
    drop(archive);
    let archive = Archive::open(&data).expect("reopen");

    let stories = archive.stories(&StoriesRequest::default()).expect("stories");
    let got: Vec<(&str, Vec<&str>)> = stories
        .iter()
        .map(|s| (s.id.as_str(), s.articles.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("story-quake-1", vec!["quake-1", "quake-2", "quake-3"]),
            ("story-summit-1", vec!["summit-1", "summit-2"]),
            ("story-sport-1", vec!["sport-1"]),
        ]
    );
    let quake = &stories[0];
    assert_eq!(quake.outlets, vec!["OutletA", "OutletB", "OutletC"]);
    assert_eq!(quake.first.as_deref(), Some("2024-03-01T08:00:00Z"));
    assert_eq!(quake.last.as_deref(), Some("2024-03-03T07:00:00Z"));
    assert!(quake.headline.contains("تبريز"), "{}", quake.headline);

    // A date range keeps only the articles inside it.
    let req = StoriesRequest {
        from: Some(marsad_index::parse_date("2024-03-02", false).expect("date")),
        ..StoriesRequest::default()
    };
    let later = archive.stories(&req).expect("stories");
    assert_eq!(later.iter().map(|s| s.size).sum::<usize>(), 4);
    // Ids do not change when the range cuts a story's first article: the articles before
    // `from` are clustered as context but not listed.
    let got: Vec<(&str, Vec<&str>)> = later
        .iter()
        .map(|s| (s.id.as_str(), s.articles.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("story-quake-1", vec!["quake-2", "quake-3"]),
            ("story-sport-1", vec!["sport-1"]),
            ("story-summit-1", vec!["summit-2"]),
        ]
    );
    assert_eq!(later[0].first.as_deref(), Some("2024-03-02T09:00:00Z"));
    assert_eq!(later[0].outlets, vec!["OutletB", "OutletC"]);
    // The lower-level calls the server uses give the same stories.
    let articles = archive.story_articles(&req).expect("articles");
    assert_eq!(articles.iter().filter(|a| a.context).count(), 2);
    let groups = cluster(&articles, &req);
    assert_eq!(marsad_index::summarize(&articles, &groups), later);
}

#[test]
fn ant_dev_set_bcubed_floor() {
    let ant =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ant-multisource-2018-04");
    if !ant.is_dir() {
        eprintln!("skipping: {} not found", ant.display());
        return;
    }
    let labels_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../marsad-eval/data/stories-dev.tsv");
    let (labels, bad) = read_labels(&std::fs::read_to_string(labels_path).expect("labels"));
    assert!(bad.is_empty() && labels.len() >= 300);
    // Cluster the labelled slice only (the CLI's `eval stories` clusters all of ANT).
    let pipeline = Pipeline::default();
    let mut articles = Vec::new();
    for (id, _) in &labels {
        let mut parts = id.split('-');
        let (Some(src), Some(cat)) = (parts.next(), parts.next()) else { continue };
        let folder = match src {
            "AL" => "Alarabia",
            "BB" => "BBC",
            "CN" => "CNN",
            "FR" => "France24",
            _ => "SkyNews",
        };
        let path = ant.join(folder).join(cat).join(format!("{id}.txt"));
        for a in read_path(&path, InputFormat::Auto).into_iter().flatten() {
            let record = pipeline.analyze(a);
            let value = serde_json::to_value(&record).expect("json");
            articles.push(StoryArticle::from_record(&record.id, &value));
        }
    }
    assert_eq!(articles.len(), labels.len());
    let groups = cluster(&articles, &StoriesRequest::default());
    let mut predicted = HashMap::new();
    for (k, g) in groups.iter().enumerate() {
        for &i in g {
            predicted.insert(articles[i].id.clone(), k.to_string());
        }
    }
    let score = bcubed(&labels, &predicted);
    eprintln!("stories dev (slice only): {score:?}");
    assert!(score.f1 >= 0.70, "{score:?}");
}
