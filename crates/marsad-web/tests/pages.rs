//! Arabic pages in the layouts common CMSs produce (our own invented articles), one in
//! windows-1256, and the Arabic page of `../shared/data/trafilatura-eval`.

use marsad_doc::{Article, Origin};
use marsad_web::read_page;

fn read(html: &[u8], content_type: Option<&str>) -> Article {
    match read_page(html, None, content_type, Origin { path: "page.html".into(), record: None }) {
        Ok(a) => a,
        Err(e) => panic!("page not read: {e}"),
    }
}

fn body(a: &Article) -> Vec<&str> {
    a.paragraph_texts().collect()
}

#[test]
fn wordpress_page() {
    let a = read(include_bytes!("fixtures/wordpress.html"), None);
    assert_eq!(a.headline.as_deref(), Some("افتتاح مكتبة عامة جديدة في وسط المدينة"));
    assert_eq!(a.published.map(|p| p.to_string()).as_deref(), Some("2023-03-14T09:30:00+03:00"));
    assert_eq!(a.modified.map(|p| p.to_string()).as_deref(), Some("2023-03-14T12:05:00+03:00"));
    assert_eq!(a.section.as_deref(), Some("ثقافة"));
    assert_eq!(a.source.as_deref(), Some("صحيفة الواحة"));
    assert_eq!(a.canonical_url.as_deref(), Some("https://alwaha.example/2023/03/14/new-library/"));
    assert_eq!(a.language.as_deref(), Some("ar"));
    assert_eq!(a.publisher_tags, ["مكتبات", "ثقافة", "البلدية"]);
    let paragraphs = body(&a);
    assert_eq!(paragraphs.len(), 3, "{paragraphs:#?}");
    assert!(paragraphs[0].starts_with("افتتحت بلدية المدينة"));
    assert!(paragraphs[2].ends_with("الاطلاع عليه."));
    let all = a.text.as_str();
    for boilerplate in
        ["شارك هذا", "خبر رائع", "الأكثر قراءة", "جميع الحقوق", "الرئيسية", "اقرأ أيضا"]
    {
        assert!(!all.contains(boilerplate), "{boilerplate} in body");
    }
    assert_eq!(
        a.related_headlines,
        [
            "المجلس البلدي يقر ميزانية الثقافة للعام المقبل",
            "مهرجان الكتاب يعود إلى الساحة القديمة في الربيع"
        ]
    );
}

#[test]
fn drupal_page_with_a_visible_dateline() {
    let a = read(include_bytes!("fixtures/drupal.html"), None);
    assert_eq!(a.headline.as_deref(), Some("وزارة الزراعة تطلق حملة لمكافحة التصحر"));
    // No machine-readable date: the visible Arabic dateline is read.
    assert_eq!(a.published.map(|p| p.to_string()).as_deref(), Some("2022-01-08T11:47:00"));
    assert_eq!(a.publisher_tags, ["الزراعة", "التصحر", "البيئة"]);
    let paragraphs = body(&a);
    assert_eq!(paragraphs.len(), 3, "{paragraphs:#?}");
    assert!(paragraphs[0].starts_with("أطلقت وزارة الزراعة"));
    assert!(!a.text.contains("أضف تعليقا") && !a.text.contains("الوسوم"));
    assert_eq!(a.related_headlines, ["ارتفاع إنتاج القمح في الموسم الحالي إلى مستوى قياسي"]);
}

#[test]
fn json_ld_news_site() {
    let a = read(include_bytes!("fixtures/jsonld.html"), None);
    assert_eq!(a.headline.as_deref(), Some("منتخب الشباب يتأهل إلى نهائي البطولة الإقليمية"));
    assert_eq!(a.published.map(|p| p.to_string()).as_deref(), Some("2024-05-20T21:15:00+02:00"));
    assert_eq!(a.modified.map(|p| p.to_string()).as_deref(), Some("2024-05-20T23:40:00+02:00"));
    assert_eq!(a.author.as_deref(), Some("كريم منصور، ليلى عادل"));
    assert_eq!(a.section.as_deref(), Some("رياضة"));
    assert_eq!(a.publisher_tags, ["كرة القدم", "منتخب الشباب"]);
    assert_eq!(
        a.canonical_url.as_deref(),
        Some("https://alkhabar.example/sport/2024/05/20/youth-final")
    );
    let paragraphs = body(&a);
    assert_eq!(paragraphs.len(), 3, "{paragraphs:#?}");
    assert!(!a.text.contains("شارك") && !a.text.contains("عاجل") && !a.text.contains("الذهب"));
    assert_eq!(a.related_headlines, ["المدرب يعلن قائمة المنتخب الأول لمباريات الشهر المقبل"]);
}

/// The JSON-LD page re-encoded in windows-1256, its charset given by a meta tag, by the
/// HTTP header, or by nothing (detected).
#[test]
fn windows_1256_page() {
    let utf8 = String::from_utf8_lossy(include_bytes!("fixtures/jsonld.html")).into_owned();
    let expected = read(utf8.as_bytes(), None);
    let with_meta = utf8.replace("<meta charset=\"utf-8\">", "<meta charset=\"windows-1256\">");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&with_meta);
    assert!(!unmappable);
    let a = read(&bytes, None);
    assert_eq!(a.headline, expected.headline);
    assert_eq!(a.text, expected.text);
    let bare = utf8.replace("<meta charset=\"utf-8\">", "");
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&bare);
    assert_eq!(read(&bytes, Some("text/html; charset=windows-1256")).text, expected.text);
    assert_eq!(read(&bytes, None).text, expected.text, "detected");
}

#[test]
fn non_arabic_page_is_marked() {
    let html = b"<html lang=\"fr-FR\"><head><title>Un titre assez long pour le test</title></head>\
        <body><article><p>Le conseil municipal a vote hier soir le budget de l'annee prochaine, \
        avec une hausse des depenses culturelles.</p></article></body></html>";
    let a = read(html, None);
    assert_eq!(a.language.as_deref(), Some("fr"));
    assert_eq!(a.headline.as_deref(), Some("Un titre assez long pour le test"));
}

#[test]
fn assabah_arabic_page() {
    let path = "../../../shared/data/trafilatura-eval/assabah.com.tn.article.html";
    let Ok(bytes) = std::fs::read(path) else {
        println!("skipping: ../shared/data/trafilatura-eval/assabah.com.tn.article.html not found");
        return;
    };
    let a = read(&bytes, None);
    let headline = a.headline.clone().unwrap_or_default();
    assert!(headline.contains("خالد عبد الكريم ماسا"), "{headline}");
    assert_eq!(a.language.as_deref(), Some("ar"));
    for snippet in ["منذ بدء", "كل المجالات", "وماذا عن حقيقة"] {
        assert!(a.text.contains(snippet), "missing {snippet}");
    }
    for snippet in ["كورونا يقتل", "غائم جزئيا", "إضافة تعليق جديد"]
    {
        assert!(!a.text.contains(snippet), "boilerplate {snippet}");
    }
}

#[test]
fn bad_pages_are_errors() {
    let origin = || Origin { path: "p.html".into(), record: None };
    let deep = "<div>".repeat(100_000);
    let err = read_page(deep.as_bytes(), Some("https://x.example/deep"), None, origin());
    let err = err.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.starts_with("https://x.example/deep: tags nested deeper"), "{err}");
    assert!(read_page(b"<html><body></body></html>", None, None, origin()).is_err());
    // A lying charset: declared UTF-8, really windows-1256.
    let page = String::from_utf8_lossy(include_bytes!("fixtures/jsonld.html")).into_owned();
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&page);
    let err = read_page(&bytes, None, Some("text/html; charset=utf-8"), origin());
    assert!(err.err().is_some_and(|e| e.message.contains("charset UTF-8 declared")));
}
