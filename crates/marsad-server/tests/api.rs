//! The HTTP API and pages against a real server on an ephemeral loopback port, over a real
//! archive built by ingesting the project's `examples/`, with raw HTTP/1.1 requests.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use marsad_index::Archive;
use marsad_pipeline::Pipeline;
use marsad_server::{AppState, ingest_bytes};
use serde_json::Value;

struct Server {
    addr: SocketAddr,
    _dir: tempfile::TempDir,
}

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// A server over a fresh archive of every file in `examples/`, on 127.0.0.1:0; it runs
/// until the test process exits.
fn start(token: Option<&str>) -> Server {
    start_with(token, marsad_server::REQUEST_TIMEOUT)
}

/// [`start`] with another request time bound.
fn start_with(token: Option<&str>, timeout: Duration) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let archive = Archive::open_or_create(&dir.path().join("data")).unwrap();
    let state = AppState::new(archive, Pipeline::default(), token.map(str::to_owned))
        .with_request_timeout(timeout);
    let state = Arc::new(state);
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(examples_dir()).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let label = format!("examples/{}", f.file_name().unwrap().to_string_lossy());
        let r = ingest_bytes(&state, &label, &bytes, 1000).unwrap();
        assert!(r.failed.is_empty(), "{:?}", r.failed);
    }
    assert_eq!(state.archive.len().unwrap(), 5);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = marsad_server::run("127.0.0.1:0", state, |addr| {
            let _ = tx.send(addr);
        });
    });
    let addr = rx.recv_timeout(Duration::from_secs(30)).unwrap();
    Server { addr, _dir: dir }
}

/// The read-only server most tests share.
fn shared() -> SocketAddr {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| start(None)).addr
}

struct Reply {
    status: u16,
    headers: String,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    fn error_code(&self) -> String {
        self.json()["error"]["code"].as_str().unwrap_or_default().to_owned()
    }
}

fn decode_chunked(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(nl) = body.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(std::str::from_utf8(&body[..nl]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        out.extend_from_slice(&body[nl + 2..nl + 2 + size]);
        body = &body[nl + 2 + size + 2..];
    }
    out
}

fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    // A server may answer (413) before reading a large body and close.
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("no header end");
    let headers = String::from_utf8_lossy(&raw[..split]).to_string();
    let status: u16 = headers.split(' ').nth(1).unwrap().parse().unwrap();
    let mut body = raw[split + 4..].to_vec();
    if headers.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = decode_chunked(&body);
    }
    Reply { status, headers, body: String::from_utf8(body).unwrap() }
}

fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, "GET", path, &[], b"")
}

fn enc(s: &str) -> String {
    marsad_server::html::url_encode(s)
}

#[test]
fn health_openapi_unknown_routes_and_stories() {
    let addr = shared();
    let r = get(addr, "/api/health");
    assert_eq!(r.status, 200);
    assert!(r.headers.to_ascii_lowercase().contains("content-type: application/json"));
    let v = r.json();
    assert_eq!(v["status"], "ok");
    assert_eq!(v["articles"], 5);
    assert_eq!(v["ingest_enabled"], false);

    let doc = get(addr, "/api/openapi.json").json();
    assert_eq!(doc["openapi"], "3.0.3");
    for path in [
        "/api/health",
        "/api/analyze",
        "/api/search",
        "/api/articles",
        "/api/articles/{id}",
        "/api/articles/{id}/related",
        "/api/article",
        "/api/entities/{id}",
        "/api/stories",
        "/api/stories/{id}",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} missing from the OpenAPI document");
    }

    let r = get(addr, "/api/no-such-thing");
    assert_eq!((r.status, r.error_code().as_str()), (404, "not_found"));
    let r = get(addr, "/api/stories?from=yesterday");
    assert_eq!((r.status, r.error_code().as_str()), (400, "bad_filter"));
    let r = get(addr, "/api/stories?per_page=500");
    assert_eq!((r.status, r.error_code().as_str()), (400, "bad_request"));
    let r = get(addr, "/api/stories/story-none");
    assert_eq!((r.status, r.error_code().as_str()), (404, "not_found"));
    let r = get(addr, "/no-such-page");
    assert_eq!(r.status, 404);
    assert!(r.body.contains("dir=\"rtl\""));
}

#[test]
fn analyze_reads_text_html_and_json_bodies() {
    let addr = shared();
    let page = std::fs::read(examples_dir().join("page-ar.txt")).unwrap();
    let r = request(addr, "POST", "/api/analyze", &[("Content-Type", "text/plain")], &page);
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["schema"], 1);
    assert!(v["headline"].as_str().unwrap().contains("معرض الكتاب"));
    let ids: Vec<&str> =
        v["entities"].as_array().unwrap().iter().filter_map(|e| e["id"].as_str()).collect();
    assert!(ids.contains(&"city:rabat"), "{ids:?}");
    assert!(!v["times"].as_array().unwrap().is_empty());

    let html = "<!DOCTYPE html><html lang=\"ar\"><head><meta charset=\"utf-8\"><title>زيارة رسمية إلى القاهرة</title></head>\
        <body><article><h1>زيارة رسمية إلى القاهرة</h1><p>وصل وزير الخارجية إلى القاهرة صباح الأحد في زيارة رسمية تستمر يومين يبحث خلالها العلاقات الثنائية.</p>\
        <p>وقال الوزير في مؤتمر صحفي إن المحادثات كانت مثمرة وبناءة.</p></article></body></html>";
    let r =
        request(addr, "POST", "/api/analyze", &[("Content-Type", "text/html")], html.as_bytes());
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert!(
        v["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["text"].as_str().unwrap().contains("القاهرة"))
    );

    let json = r#"{"id": "j1", "title": "اجتماع في الرياض", "content": "عقد الوزراء اجتماعا في الرياض يوم الاثنين لبحث الأوضاع.", "date": "2023-01-02"}"#;
    let r = request(
        addr,
        "POST",
        "/api/analyze",
        &[("Content-Type", "application/json")],
        json.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["id"], "j1");

    let r = request(addr, "POST", "/api/analyze", &[], b"   ");
    assert_eq!((r.status, r.error_code().as_str()), (422, "unreadable_article"));
}

#[test]
fn search_has_hits_highlights_facets_and_bounded_pages() {
    let addr = shared();
    let r = get(addr, &format!("/api/search?q={}", enc("قطار")));
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["total"], 1);
    assert_eq!(v["hits"][0]["id"], "example-2");
    assert!(v["hits"][0]["snippet"].as_str().unwrap().contains("<b>"));
    assert_eq!(v["facets"]["source"][0]["value"], "example-wire");
    assert_eq!((v["page"].as_u64(), v["pages"].as_u64()), (Some(1), Some(1)));

    // Filters.
    let r = get(addr, &format!("/api/search?q={}&source=nowhere", enc("قطار")));
    assert_eq!(r.json()["total"], 0);
    let r = get(addr, &format!("/api/search?q={}&from=2023-03-06&to=2023-03-06", enc("قطار")));
    assert_eq!(r.json()["total"], 1);
    let r = get(addr, &format!("/api/search?q={}&entity=city:rabat", enc("معرض")));
    assert_eq!(r.json()["hits"][0]["id"], "examples/page-ar.txt");

    // Pagination: page 2 of one result is empty; limits are enforced.
    let r = get(addr, &format!("/api/search?q={}&page=2", enc("قطار")));
    assert_eq!(r.json()["hits"].as_array().map(Vec::len), Some(0));
    for bad in ["page=0", "page=x", "per_page=51", "page=200&per_page=50"] {
        let r = get(addr, &format!("/api/search?q={}&{bad}", enc("قطار")));
        assert_eq!((r.status, r.error_code().as_str()), (400, "bad_request"), "{bad}");
    }
    // Query errors have their own codes.
    let r = get(addr, &format!("/api/search?q={}", enc("في")));
    assert_eq!((r.status, r.error_code().as_str()), (400, "stop_words_only"));
    let r = get(addr, "/api/search?q=");
    assert_eq!((r.status, r.error_code().as_str()), (400, "empty_query"));
    let r = get(addr, &format!("/api/search?q={}&from=yesterday", enc("قطار")));
    assert_eq!((r.status, r.error_code().as_str()), (400, "bad_filter"));
}

#[test]
fn articles_by_encoded_id_by_query_and_related() {
    let addr = shared();
    // The text page's id has a '/': URL-encoded in the path, or as a query parameter.
    let r = get(addr, "/api/articles/examples%2Fpage-ar.txt");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["id"], "examples/page-ar.txt");
    let r = get(addr, "/api/article?id=examples%2Fpage-ar.txt");
    assert_eq!(r.json()["id"], "examples/page-ar.txt");
    let r = get(addr, "/api/articles/example-1");
    assert_eq!(r.json()["headline"], "هطول أمطار غزيرة على مدن الساحل");

    let r = get(addr, "/api/articles/nope");
    assert_eq!((r.status, r.error_code().as_str()), (404, "not_found"));
    let r = get(addr, "/api/article");
    assert_eq!((r.status, r.error_code().as_str()), (400, "bad_request"));

    let r = get(addr, "/api/articles/example-2/related?limit=3");
    assert_eq!(r.status, 200, "{}", r.body);
    let list = r.json();
    let list = list.as_array().unwrap();
    assert!(!list.is_empty() && list.len() <= 3);
    assert!(list.iter().all(|x| x["why"].as_str().is_some_and(|w| !w.is_empty())));
    let r = get(addr, "/api/related?id=examples%2Fpage-ar.txt");
    assert_eq!(r.status, 200);
    let r = get(addr, "/api/articles/nope/related");
    assert_eq!((r.status, r.error_code().as_str()), (404, "not_found"));
}

#[test]
fn entity_profile_counts_days_and_co_occurring_entities() {
    let addr = shared();
    let r = get(addr, "/api/entities/city:rabat");
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["canonical"], "الرباط");
    assert_eq!(v["english"], "Rabat");
    assert_eq!(v["total_articles"], 1);
    assert_eq!(v["mentions_per_day"][0]["day"], "2022-05-12");
    assert_eq!(v["mentions_per_day"][0]["mentions"], 2);
    let co: Vec<&str> =
        v["co_occurring"].as_array().unwrap().iter().filter_map(|c| c["id"].as_str()).collect();
    assert!(co.contains(&"country:ma"), "{co:?}");
    let r = get(addr, "/api/entities/country:zz");
    assert_eq!((r.status, r.error_code().as_str()), (404, "not_found"));
    let r = get(addr, "/api/entities/a%22b");
    assert_eq!((r.status, r.error_code().as_str()), (400, "bad_request"));
}

#[test]
fn oversized_bodies_are_refused_with_a_json_error() {
    let addr = shared();
    let big = vec![b'a'; marsad_server::BODY_LIMIT + 1024];
    let r = request(addr, "POST", "/api/analyze", &[], &big);
    assert_eq!((r.status, r.error_code().as_str()), (413, "payload_too_large"));
}

#[test]
fn ingest_needs_the_bearer_token_and_is_off_without_one() {
    let r = request(shared(), "POST", "/api/articles", &[], b"{}");
    assert_eq!((r.status, r.error_code().as_str()), (403, "ingest_disabled"));

    let server = start(Some("s3cret"));
    let addr = server.addr;
    let batch = concat!(
        r#"{"id": "n1", "title": "افتتاح ميناء جديد", "content": "افتتحت السلطات ميناء جديدا للصيادين على الساحل الشمالي.", "source": "test-wire", "date": "2024-02-01"}"#,
        "\n",
        r#"{"id": "n2", "title": "ميناء الصيادين يستقبل أول سفينة", "content": "استقبل ميناء الصيادين الجديد أول سفينة صيد صباح اليوم.", "source": "test-wire", "date": "2024-02-02"}"#,
        "\n"
    );
    for auth in [None, Some("Bearer wrong"), Some("s3cret"), Some("Bearer s3cret2")] {
        let headers: Vec<(&str, &str)> = auth.map(|a| ("Authorization", a)).into_iter().collect();
        let r = request(addr, "POST", "/api/articles", &headers, batch.as_bytes());
        assert_eq!((r.status, r.error_code().as_str()), (401, "unauthorized"), "{auth:?}");
    }
    let auth = [("Authorization", "Bearer s3cret")];
    let r = request(addr, "POST", "/api/articles", &auth, batch.as_bytes());
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!((v["added"].as_u64(), v["ids"].as_array().map(Vec::len)), (Some(2), Some(2)));
    // Searchable at once; a second post of the same articles adds nothing.
    let r = get(addr, &format!("/api/search?q={}", enc("ميناء")));
    assert_eq!(r.json()["total"], 2);
    let r = request(addr, "POST", "/api/articles", &auth, batch.as_bytes());
    assert_eq!((r.json()["added"].as_u64(), r.json()["skipped"].as_u64()), (Some(0), Some(2)));
    let r = get(addr, "/api/health");
    assert_eq!(r.json()["articles"], 7);
    let r = request(addr, "POST", "/api/articles", &auth, b"\x00\x01\x02binary");
    assert_eq!((r.status, r.error_code().as_str()), (422, "unreadable_article"));
}

#[test]
fn requests_past_the_time_bound_get_a_timeout_error() {
    let server = start_with(None, Duration::from_millis(20));
    // Analysing a megabyte of Arabic takes far longer than 20 ms.
    let sentence = "قال الوزير في مؤتمر صحفي في الرباط يوم الأحد إن المحادثات كانت مثمرة. ";
    let body = sentence.repeat(1_000_000 / sentence.len());
    let r = request(server.addr, "POST", "/api/analyze", &[], body.as_bytes());
    assert_eq!((r.status, r.error_code().as_str()), (503, "timeout"), "{}", r.body);
}

/// Three invented wire articles: two outlets report one flood on two days; a third
/// article is about something else.
const FLOOD_BATCH: &str = concat!(
    r#"{"id": "f1", "title": "فيضانات تغمر أحياء مدينة صفاقس بعد أمطار غزيرة", "content": "غمرت مياه الفيضانات أحياء في مدينة صفاقس التونسية بعد أمطار غزيرة هطلت طوال الليل، وأجلت فرق الحماية المدنية عشرات العائلات.", "source": "wire-a", "date": "2024-05-01T08:00:00"}"#,
    "\n",
    r#"{"id": "f2", "title": "فرق الحماية المدنية تواصل إجلاء العائلات من أحياء صفاقس المغمورة بمياه الفيضانات", "content": "واصلت فرق الحماية المدنية إجلاء العائلات من أحياء مدينة صفاقس التي غمرتها مياه الفيضانات بعد الأمطار الغزيرة.", "source": "wire-b", "date": "2024-05-02T10:30:00"}"#,
    "\n",
    r#"{"id": "f3", "title": "افتتاح مهرجان للسينما في عمّان بمشاركة مخرجين شباب", "content": "افتتح في عمّان مهرجان للسينما يعرض أفلاما قصيرة لمخرجين شباب من عدة دول.", "source": "wire-a", "date": "2024-05-01T12:00:00"}"#,
    "\n"
);

#[test]
fn stories_list_group_outlets_and_days_and_follow_ingests() {
    let server = start(Some("k"));
    let addr = server.addr;
    let auth = [("Authorization", "Bearer k")];
    let r = request(addr, "POST", "/api/articles", &auth, FLOOD_BATCH.as_bytes());
    assert_eq!(r.status, 200, "{}", r.body);

    let v = get(addr, "/api/stories").json();
    assert_eq!((v["total"].as_u64(), v["articles"].as_u64()), (Some(2), Some(8)), "{v}");
    // The examples' own story (rain on the coast over two days) and the flood.
    let flood = |v: &Value| {
        v["stories"].as_array().unwrap().iter().find(|s| s["articles"][0] == "f1").cloned()
    };
    let story = flood(&v).unwrap_or_else(|| panic!("no flood story: {v}"));
    assert_eq!(story["size"], 2, "{story}");
    assert_eq!(story["outlets"], serde_json::json!(["wire-a", "wire-b"]));
    assert_eq!(story["articles"], serde_json::json!(["f1", "f2"]));
    let id = story["id"].as_str().unwrap().to_owned();
    // Singletons too on request; every article in exactly one story.
    let all = get(addr, "/api/stories?min_size=1&per_page=50").json();
    let members: usize = all["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["size"].as_u64().unwrap() as usize)
        .sum();
    assert_eq!(members, 8, "{all}");
    // A range that leaves the flood out.
    let v = get(addr, "/api/stories?from=2024-06-01").json();
    assert_eq!((v["total"].as_u64(), v["articles"].as_u64()), (Some(0), Some(0)), "{v}");

    let d = get(addr, &format!("/api/stories/{}", enc(&id))).json();
    let timeline: Vec<(&str, &str)> = d["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["published"].as_str().unwrap()))
        .collect();
    assert_eq!(timeline, vec![("f1", "2024-05-01T08:00:00Z"), ("f2", "2024-05-02T10:30:00Z")]);

    // A later report joins the story: the cached clustering is redone after the ingest.
    let third = r#"{"id": "f4", "title": "ارتفاع أعداد العائلات المجلاة من أحياء صفاقس بسبب الفيضانات", "content": "ارتفع عدد العائلات التي أجلتها فرق الحماية المدنية من أحياء صفاقس المغمورة بمياه الفيضانات.", "source": "wire-c", "date": "2024-05-02T18:00:00"}"#;
    let r = request(addr, "POST", "/api/articles", &auth, third.as_bytes());
    assert_eq!(r.status, 200, "{}", r.body);
    let v = get(addr, "/api/stories").json();
    assert_eq!(flood(&v).map(|s| s["size"].clone()), Some(serde_json::json!(3)), "{v}");

    // The pages: the list links the story; the story page shows every outlet on a timeline.
    let list = get(addr, "/stories");
    assert_eq!(list.status, 200);
    assert!(list.body.contains(&format!("href=\"/story?id={}\"", enc(&id))), "{}", list.body);
    let page = get(addr, &format!("/story?id={}", enc(&id)));
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(page.body.contains("<svg class=\"chart lanes\""), "{}", page.body);
    for needle in ["wire-a", "wire-b", "wire-c", "href=\"/article?id=f4\""] {
        assert!(page.body.contains(needle), "{needle} missing: {}", page.body);
    }
    assert_eq!(get(addr, "/story?id=story-none").status, 404);
}

#[test]
fn pages_escape_untrusted_markup_everywhere() {
    const SCRIPT: &str = "<script>alert(1)</script>";
    const IMG: &str = "\"><img src=x onerror=alert(1)>";
    let server = start(Some("t"));
    let addr = server.addr;
    let hostile_id = format!("xss{IMG}");
    let article = serde_json::json!({
        "id": hostile_id,
        "url": "javascript:alert(1)",
        "source": format!("src{SCRIPT}"),
        "title": format!("عنوان خبيث {SCRIPT} في الرباط {IMG}"),
        "content": format!("قال الوزير في الرباط يوم الأحد إن {SCRIPT} خطير.\nوأضاف \"{IMG} هذا كلام مقتبس طويل\" ثم غادر المغرب."),
        "tags": [format!("وسم{SCRIPT}"), IMG],
        "date": "2024-03-03",
    });
    let r = request(
        addr,
        "POST",
        "/api/articles",
        &[("Authorization", "Bearer t")],
        article.to_string().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    // A second report of the same hostile event, so that it makes a story.
    let mut second = article.clone();
    second["id"] = serde_json::json!(format!("{hostile_id}-2"));
    second["source"] = serde_json::json!(format!("other{IMG}"));
    let r = request(
        addr,
        "POST",
        "/api/articles",
        &[("Authorization", "Bearer t")],
        second.to_string().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let stories = get(addr, "/api/stories").json();
    let story_id = stories["stories"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["id"].as_str())
        .find(|id| id.contains("xss"))
        .unwrap_or_else(|| panic!("the hostile articles make no story: {stories}"))
        .to_owned();

    let pages = [
        "/".to_owned(),
        "/stories".to_owned(),
        format!("/story?id={}", enc(&story_id)),
        format!("/story?id={}", enc(SCRIPT)),
        format!("/?q={}", enc("خبيث")),
        format!("/?q={}&source={}", enc("خبيث"), enc(&format!("src{SCRIPT}"))),
        format!("/?q={}", enc(SCRIPT)),
        format!("/article?id={}", enc(&hostile_id)),
        format!("/article?id={}", enc(SCRIPT)),
        "/entity?id=city:rabat".to_owned(),
        format!("/entity?id={}", enc(SCRIPT)),
        format!("/{}", enc(SCRIPT)),
        "/article?id=examples%2Fpage-ar.txt".to_owned(),
    ];
    let mut bodies: Vec<(String, Reply)> =
        pages.iter().map(|p| (p.clone(), get(addr, p))).collect();
    let form =
        format!("text={}", enc(&format!("خبر {SCRIPT}\n\nقال الوزير في الرباط إن {IMG} مهم جدا.")));
    bodies.push((
        "POST /analyze".to_owned(),
        request(
            addr,
            "POST",
            "/analyze",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            form.as_bytes(),
        ),
    ));
    let hostile_page =
        bodies.iter().find(|(p, _)| p.starts_with("/article?id=xss")).map(|(_, r)| r).unwrap();
    assert_eq!(hostile_page.status, 200, "{}", hostile_page.body);
    assert!(hostile_page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!hostile_page.body.contains("href=\"javascript:"));
    for (path, r) in &bodies {
        assert!(r.body.contains("<html lang=\"ar\" dir=\"rtl\">"), "{path}: {}", r.body);
        assert!(r.headers.contains("content-security-policy"), "{path}");
        for raw in [SCRIPT, "<img src=x", "<script", "onerror=alert(1)>"] {
            assert!(!r.body.contains(raw), "{path} contains {raw:?} unescaped:\n{}", r.body);
        }
    }
    let page =
        |prefix: &str| bodies.iter().find(|(p, _)| p.starts_with(prefix)).map(|(_, r)| r).unwrap();
    let entity = page("/entity?id=city:rabat");
    assert_eq!(entity.status, 200);
    assert!(entity.body.contains("<svg class=\"chart\""), "{}", entity.body);
    assert!(entity.body.contains("href=\"/entity?id=country%3Ama\""), "{}", entity.body);
    let article = page("/article?id=examples%2F");
    assert!(article.body.contains("id=\"related\""));
    assert!(article.body.contains("<time class=\"tm\" datetime=\"2022-05-12\""));
    assert!(page(&format!("/?q={}", enc("خبيث"))).body.contains("<mark>"));
    // The analysis page shows the analysis (escaped), not an error.
    let analyzed = &bodies.last().unwrap().1;
    assert_eq!(analyzed.status, 200);
    assert!(analyzed.body.contains("data-entity=\"city:rabat\""), "{}", analyzed.body);
}
