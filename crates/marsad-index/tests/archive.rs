//! The archive on invented articles: ingest idempotency, search, filters, facets, bad input,
//! related articles and duplicates.

use marsad_doc::{Article, TextRange};
use marsad_index::{
    Archive, ArchiveError, DuplicatesRequest, Prepared, RelatedRequest, SearchRequest, parse_date,
};
use marsad_pipeline::Pipeline;

/// An article of our own: one paragraph per line of `body`.
fn article(id: &str, source: &str, day: &str, headline: &str, body: &str) -> Article {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for line in body.split('\n') {
        paragraphs.push(TextRange::new(start, start + line.len()));
        start += line.len() + 1;
    }
    let published = day
        .parse::<jiff::civil::Date>()
        .ok()
        .map(|d| marsad_doc::Published::local(d.at(10, 0, 0, 0)));
    Article {
        id: id.into(),
        url: Some(format!("https://example.org/{id}")),
        source: Some(source.into()),
        headline: Some(headline.into()),
        published,
        text: body.into(),
        paragraphs,
        ..Article::default()
    }
}

fn corpus() -> Vec<Article> {
    vec![
        article(
            "a1",
            "وكالة الشمال",
            "2021-03-01",
            "وصول القوات إلى المدينة الساحلية",
            "وصلت القوات الأمريكية إلى المدينة الساحلية صباح الأحد بعد اتفاق مع الحكومة.\nوقال المتحدث إن الانتشار سيستمر أسبوعين.",
        ),
        article(
            "a2",
            "صحيفة الجنوب",
            "2021-03-02",
            "وزراء الخارجية يجتمعون في عمان",
            "بحث وزراء الخارجية العرب في عمان ملف المياه مع أمريكا والاتحاد الأوروبي.\nواتفق الوزراء على لقاء جديد في الربيع.",
        ),
        article(
            "a3",
            "وكالة الشمال",
            "2021-03-10",
            "مهرجان للشعر في القاهرة",
            "انطلق مهرجان الشعر العربي في القاهرة بمشاركة شعراء من عشرين بلدا.\nوتستمر الأمسيات عشرة أيام في دار الأوبرا.",
        ),
        article(
            "a4",
            "صحيفة الجنوب",
            "2021-03-11",
            "انسحاب بالقوات من الحدود الشمالية",
            "أعلنت وزارة الدفاع سحب قوات من الحدود الشمالية خلال الأسبوع الجاري.\nوأكد الجيش أن الانسحاب يتم بالتنسيق مع الجيران.",
        ),
    ]
}

fn prepare(articles: Vec<Article>) -> Vec<Prepared> {
    let pipeline = Pipeline::default();
    articles.into_iter().filter_map(|a| Prepared::from_record(&pipeline.analyze(a)).ok()).collect()
}

fn archive_with(dir: &std::path::Path, articles: Vec<Article>) -> Archive {
    let archive = Archive::open_or_create(dir).unwrap_or_else(|e| panic!("open: {e}"));
    {
        let mut w = archive.writer().unwrap_or_else(|e| panic!("writer: {e}"));
        w.write_batch(prepare(articles)).unwrap_or_else(|e| panic!("write: {e}"));
        w.finish().unwrap_or_else(|e| panic!("finish: {e}"));
    }
    archive
}

fn ids(archive: &Archive, req: SearchRequest) -> Vec<String> {
    let mut got: Vec<String> = archive
        .search(&SearchRequest { limit: 20, ..req })
        .unwrap_or_else(|e| panic!("search: {e}"))
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    got.sort();
    got
}

fn q(query: &str) -> SearchRequest {
    SearchRequest { query: query.into(), limit: 20, ..SearchRequest::default() }
}

#[test]
fn reingest_adds_nothing_and_changed_content_updates() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = tmp.path().join("data");
    let archive = Archive::open_or_create(&dir).unwrap_or_else(|e| panic!("{e}"));
    let mut w = archive.writer().unwrap_or_else(|e| panic!("{e}"));
    let first = w.write_batch(prepare(corpus())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((first.added, first.updated, first.skipped), (4, 0, 0));
    let again = w.write_batch(prepare(corpus())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((again.added, again.updated, again.skipped), (0, 0, 4));
    let mut changed = corpus();
    changed[2].headline = Some("مهرجان للشعر والموسيقى في القاهرة".into());
    let third = w.write_batch(prepare(changed)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((third.added, third.updated, third.skipped), (0, 1, 3));
    w.finish().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(archive.len().ok(), Some(4));
    assert_eq!(archive.index_len(), 4);
    assert_eq!(ids(&archive, q("الموسيقى")), vec!["a3"]);
    drop(archive);
    // Reopened, it holds the same.
    let archive = Archive::open(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(archive.len().ok(), Some(4));
    assert_eq!(archive.index_len(), 4);
}

#[test]
fn search_runs_while_an_ingest_holds_the_store() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = tmp.path().join("data");
    // The ingest: it holds the store and the index writer while it works.
    let ingesting = archive_with(&dir, corpus());
    let _writer = ingesting.writer().unwrap_or_else(|e| panic!("writer: {e}"));
    assert!(matches!(Archive::open(&dir), Err(ArchiveError::Busy(_))));
    // A search opened meanwhile sees what the ingest has committed.
    let searching = Archive::open_for_search(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert!(searching.without_store());
    let found = searching.search(&q("مهرجان")).unwrap_or_else(|e| panic!("search: {e}"));
    let hit = found.hits.first().unwrap_or_else(|| panic!("no hit: {found:?}"));
    assert_eq!((hit.id.as_str(), hit.source.as_deref()), ("a3", Some("وكالة الشمال")));
    assert_eq!(hit.headline, "مهرجان للشعر في القاهرة");
    assert!(hit.published.as_deref().is_some_and(|p| p.starts_with("2021-03-10")), "{hit:?}");
    // Stored records need the store: a clear "busy" error, not a crash.
    assert!(matches!(searching.get("a3"), Err(ArchiveError::Busy(_))));
    // Without an ingest, opening for search is an ordinary open.
    drop(_writer);
    drop(ingesting);
    drop(searching);
    let alone = Archive::open_for_search(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert!(!alone.without_store());
    assert!(alone.get("a3").is_ok_and(|r| r.is_some()));
}

#[test]
fn search_ignores_clitics_and_spelling() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let archive = archive_with(tmp.path(), corpus());
    let forces = ids(&archive, q("بالقوات"));
    assert_eq!(forces, vec!["a1", "a4"]);
    assert_eq!(ids(&archive, q("القوات")), forces);
    assert_eq!(ids(&archive, q("قوات")), forces);
    let america = ids(&archive, q("أمريكا"));
    assert!(america.contains(&"a2".to_string()), "{america:?}");
    assert_eq!(ids(&archive, q("امريكا")), america);
    assert_eq!(ids(&archive, q("وأمريكا")), america);
    // Two words: both must match.
    assert_eq!(ids(&archive, q("الشعر القاهرة")), vec!["a3"]);
    // An exact phrase.
    assert_eq!(ids(&archive, q("\"وزراء الخارجية\"")), vec!["a2"]);
}

#[test]
fn snippets_filters_and_facets() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let archive = archive_with(tmp.path(), corpus());
    let r = archive.search(&q("القوات")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.total, 2);
    assert!(r.hits.iter().all(|h| h.snippet.contains("<b>")), "{:?}", r.hits);
    let sources: Vec<(String, u64)> =
        r.facets.source.iter().map(|f| (f.value.clone(), f.count)).collect();
    assert!(sources.contains(&("وكالة الشمال".to_string(), 1)), "{sources:?}");
    assert!(sources.contains(&("صحيفة الجنوب".to_string(), 1)), "{sources:?}");
    let days: Vec<&str> = r.facets.day.iter().map(|f| f.value.as_str()).collect();
    assert_eq!(days, vec!["2021-03-01", "2021-03-11"]);

    let only_south =
        SearchRequest { source: Some("صحيفة الجنوب".into()), ..q("القوات") };
    assert_eq!(ids(&archive, only_south), vec!["a4"]);
    let early = SearchRequest {
        from: parse_date("2021-03-01", false).ok(),
        to: parse_date("2021-03-05", true).ok(),
        ..q("القوات")
    };
    assert_eq!(ids(&archive, early), vec!["a1"]);
    assert!(matches!(parse_date("أمس", false), Err(ArchiveError::BadFilter(_))));
}

#[test]
fn bad_queries_are_clear_errors() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let archive = archive_with(tmp.path(), corpus());
    assert!(matches!(archive.search(&q("")), Err(ArchiveError::EmptyQuery)));
    assert!(matches!(archive.search(&q("  ؟ ! ")), Err(ArchiveError::EmptyQuery)));
    assert!(matches!(archive.search(&q("في من على")), Err(ArchiveError::OnlyStopWords(_))));
    for bad in ["\"القوات", "nofield:القوات", "القوات AND (", "القوات^^"] {
        // A lenient reading is fine too, as long as nothing panics.
        if let Err(e) = archive.search(&q(bad)) {
            assert!(e.is_usage(), "{bad}: {e}");
            assert!(!e.to_string().is_empty());
        }
    }
    assert!(matches!(archive.search(&q("\"القوات")), Err(ArchiveError::QuerySyntax { .. })));
    let unknown = archive.related(&RelatedRequest { id: "nope".into(), limit: 5 });
    assert!(matches!(unknown, Err(ArchiveError::UnknownId(_))));
}

#[test]
fn foreign_and_corrupt_directories_are_refused_untouched() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let foreign = tmp.path().join("foreign");
    std::fs::create_dir_all(&foreign).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(foreign.join("notes.txt"), "ملاحظات").unwrap_or_else(|e| panic!("{e}"));
    let err = Archive::open_or_create(&foreign).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("not a Marsad data directory"), "{err}");
    let names: Vec<_> = std::fs::read_dir(&foreign)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("notes.txt")]);

    assert!(matches!(Archive::open(&tmp.path().join("none")), Err(ArchiveError::Missing(_))));

    let dir = tmp.path().join("data");
    drop(archive_with(&dir, corpus()));
    let meta = dir.join("index").join("meta.json");
    std::fs::write(&meta, "{ this is not json").unwrap_or_else(|e| panic!("{e}"));
    for open in [Archive::open(&dir), Archive::open_or_create(&dir)] {
        match open {
            Err(ArchiveError::Corrupt { message, .. }) => {
                assert!(message.contains("index"), "{message}")
            }
            Err(e) => panic!("unexpected error {e}"),
            Ok(_) => panic!("a damaged index opened"),
        }
    }
    assert_eq!(std::fs::read_to_string(&meta).ok().as_deref(), Some("{ this is not json"));

    let dir2 = tmp.path().join("data2");
    drop(archive_with(&dir2, corpus()));
    std::fs::write(dir2.join("store.redb"), b"garbage, not a database")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(Archive::open(&dir2), Err(ArchiveError::Corrupt { .. })));
}

#[test]
fn related_finds_the_same_story_and_says_why() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut articles = corpus();
    articles.push(article(
        "q1",
        "وكالة الشمال",
        "2021-04-02",
        "زلزال قوي يضرب مدينة أزمير التركية",
        "ضرب زلزال قوي مدينة أزمير التركية فجر الجمعة وأدى إلى انهيار مبان سكنية.\nوأعلنت السلطات التركية إرسال فرق إنقاذ إلى أزمير.",
    ));
    articles.push(article(
        "q2",
        "صحيفة الجنوب",
        "2021-04-03",
        "فرق الإنقاذ تبحث عن ناجين في أزمير بعد الزلزال",
        "تواصل فرق الإنقاذ البحث عن ناجين تحت أنقاض المباني في أزمير بعد الزلزال.\nوقالت السلطات التركية إن عدد الضحايا ارتفع.",
    ));
    articles.push(article(
        "q3",
        "وكالة الشمال",
        "2021-04-02",
        "أزمير تحصي خسائر الزلزال",
        "بدأت بلدية أزمير إحصاء خسائر الزلزال الذي ضرب المدينة.",
    ));
    let archive = archive_with(tmp.path(), articles);
    let related = archive
        .related(&RelatedRequest { id: "q1".into(), limit: 5 })
        .unwrap_or_else(|e| panic!("{e}"));
    let top: Vec<&str> = related.iter().take(2).map(|r| r.id.as_str()).collect();
    assert!(top.contains(&"q2") && top.contains(&"q3"), "{related:#?}");
    assert!(related.iter().all(|r| r.id != "q1"));
    let first = &related[0];
    assert!(first.why.contains("text similarity"), "{}", first.why);
    assert!(first.days_apart.is_some_and(|d| d < 2.0));
}

#[test]
fn duplicates_exact_and_near() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let long = "افتتحت البلدية حديقة عامة جديدة في وسط المدينة تضم ملاعب للأطفال وممرات للمشي ومساحات خضراء واسعة.\nوقال رئيس البلدية إن المشروع استغرق عامين وكلف ميزانية كبيرة من أموال المدينة.\nوأضاف أن الحديقة ستفتح أبوابها يوميا من الصباح حتى منتصف الليل طوال أيام السنة.\nويأمل السكان أن تخفف الحديقة من الازدحام وتوفر مكانا آمنا للعائلات في عطلة نهاية الأسبوع.";
    let mut articles = corpus();
    articles.push(article("d1", "وكالة الشمال", "2021-05-01", "حديقة جديدة في وسط المدينة", long));
    articles.push(article("d2", "صحيفة الجنوب", "2021-05-01", "حديقة جديدة في وسط المدينة", long));
    let edited = long.replace("طوال أيام السنة", "طوال العام");
    articles.push(article("d3", "موقع ثالث", "2021-05-02", "حديقة جديدة في وسط المدينة", &edited));
    let archive = archive_with(tmp.path(), articles);
    let pairs = archive.duplicates(&DuplicatesRequest::default()).unwrap_or_else(|e| panic!("{e}"));
    let has = |a: &str, b: &str, kind: &str| {
        pairs.iter().any(|p| p.kind == kind && ((p.a == a && p.b == b) || (p.a == b && p.b == a)))
    };
    assert!(has("d1", "d2", "exact"), "{pairs:#?}");
    assert!(has("d1", "d3", "near") || has("d2", "d3", "near"), "{pairs:#?}");
    assert!(pairs.iter().all(|p| p.a.starts_with('d') && p.b.starts_with('d')), "{pairs:#?}");
    assert!(pairs.iter().all(|p| (0.0..=1.0).contains(&p.similarity)));
}
