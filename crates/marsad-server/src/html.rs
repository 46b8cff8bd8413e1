//! The web UI: server-rendered right-to-left Arabic pages that work without JavaScript.
//!
//! Everything that comes from an article (or a request) is untrusted: it reaches the page
//! only through [`escape`] (text and attribute values) or [`url_encode`] (query values),
//! and pages are served with a Content-Security-Policy that allows no script at all.

use std::fmt::Write;
use std::sync::Arc;

use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use serde_json::Value;

use crate::AppState;
use crate::api::{analyze_bytes, article_record, blocking, related_list};
use crate::error::ApiError;
use crate::profile::{EntityProfile, SearchPage, SearchParams, entity_profile, search};
use crate::stories::{StoriesParams, StoryDetail, TimelineEntry, iso, stories_page, story_detail};

const STYLE: &str = include_str!("../assets/style.css");
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Escapes text for HTML element content and quoted attribute values: `& < > " '`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes a query-string value (everything but unreserved ASCII).
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A date or time value, isolated left-to-right inside the Arabic text (`—` when absent).
fn date_html(value: Option<&str>) -> String {
    match value {
        Some(v) => format!("<bdi dir=\"ltr\">{}</bdi>", escape(v)),
        None => "—".to_owned(),
    }
}

/// A link target `path?k=v&…` with encoded values, escaped for an attribute.
fn href(path: &str, params: &[(&str, &str)]) -> String {
    let query: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", url_encode(v)))
        .collect();
    if query.is_empty() { escape(path) } else { escape(&format!("{path}?{}", query.join("&"))) }
}

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(search_page))
        .route("/search", get(search_page))
        .route("/article", get(article_page))
        .route("/entity", get(entity_page))
        .route("/stories", get(stories_list_page))
        .route("/story", get(story_page))
        .route("/analyze", get(analyze_form).post(analyze_page))
        .route("/static/style.css", get(style))
}

async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        STYLE,
    )
        .into_response()
}

/// A whole page around `main`.
fn page(status: StatusCode, title: &str, main: &str) -> Response {
    let mut html = String::with_capacity(main.len() + 1024);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — مرصد</title>\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n</head>\n<body>\n\
         <header class=\"top\"><a class=\"brand\" href=\"/\">مرصد</a>\
         <nav><a href=\"/\">البحث</a><a href=\"/stories\">القصص</a><a href=\"/analyze\">تحليل مقال</a>\
         <a href=\"/api/openapi.json\" lang=\"en\" dir=\"ltr\">API</a></nav></header>\n<main>\n{main}\n</main>\n\
         <footer>مرصد — تحليل الأخبار العربية</footer>\n</body>\n</html>\n",
        escape(title)
    );
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, CSP),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        html,
    )
        .into_response()
}

fn error_page(e: &ApiError) -> Response {
    let title = match e.status {
        StatusCode::NOT_FOUND => "غير موجود",
        s if s.is_client_error() => "طلب غير صالح",
        _ => "خطأ",
    };
    let main = format!(
        "<h1>{}</h1>\n<p class=\"error\" role=\"alert\">{}</p>\n<p><a href=\"/\">العودة إلى البحث</a></p>",
        escape(title),
        escape(&e.message)
    );
    page(e.status, title, &main)
}

/// Unknown paths: a JSON error under `/api/`, a page elsewhere.
pub(crate) async fn not_found(uri: axum::http::Uri) -> Response {
    let e = ApiError::not_found(format!("no page at {}", uri.path()));
    if uri.path().starts_with("/api/") { e.into_response() } else { error_page(&e) }
}

// ---------------------------------------------------------------------------------------
// Search

fn search_form(p: &SearchParams) -> String {
    let v = |o: &Option<String>| escape(o.as_deref().unwrap_or(""));
    let mut hidden = String::new();
    for (k, o) in [("source", &p.source), ("entity", &p.entity), ("tag", &p.tag)] {
        if let Some(val) = o.as_deref().filter(|s| !s.is_empty()) {
            let _ =
                write!(hidden, "<input type=\"hidden\" name=\"{k}\" value=\"{}\">", escape(val));
        }
    }
    format!(
        "<form class=\"search\" action=\"/\" method=\"get\" role=\"search\">\
         <label for=\"q\">ابحث في الأرشيف</label>\
         <div class=\"row\"><input id=\"q\" name=\"q\" type=\"search\" value=\"{}\" placeholder=\"مثال: أمطار الساحل\" autofocus>\
         <button type=\"submit\">بحث</button></div>\
         <div class=\"row dates\"><label>من <input type=\"date\" name=\"from\" value=\"{}\"></label>\
         <label>إلى <input type=\"date\" name=\"to\" value=\"{}\"></label>{hidden}</div></form>",
        escape(&p.q),
        v(&p.from),
        v(&p.to)
    )
}

/// A search snippet (the index marks matches `<b>…</b>` and escapes the rest) rebuilt
/// through [`escape`], with matches as `<mark>`.
fn snippet_html(snippet: &str) -> String {
    const OPEN: char = '\u{E000}';
    const CLOSE: char = '\u{E001}';
    let text: String = snippet.chars().filter(|c| *c != OPEN && *c != CLOSE).collect();
    let text = text
        .replace("<b>", "\u{E000}")
        .replace("</b>", "\u{E001}")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    escape(&text).replace(OPEN, "<mark>").replace(CLOSE, "</mark>")
}

fn search_results(p: &SearchParams, r: &SearchPage) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<p class=\"summary\">{} نتيجة — الصفحة {} من {}</p>\n<div class=\"results-layout\"><section class=\"results\" aria-label=\"النتائج\"><ol class=\"hits\">",
        r.results.total, r.page, r.pages
    );
    for h in &r.results.hits {
        let _ = write!(
            out,
            "<li class=\"hit\"><h3><a href=\"{}\">{}</a></h3><p class=\"meta\">{} · {}</p><p class=\"snippet\">{}</p></li>",
            href("/article", &[("id", &h.id)]),
            escape(if h.headline.is_empty() { &h.id } else { &h.headline }),
            escape(h.source.as_deref().unwrap_or("—")),
            date_html(h.published.as_deref()),
            snippet_html(&h.snippet)
        );
    }
    out.push_str("</ol>");
    let base = |page: usize| {
        let page = page.to_string();
        href(
            "/",
            &[
                ("q", &p.q),
                ("from", p.from.as_deref().unwrap_or("")),
                ("to", p.to.as_deref().unwrap_or("")),
                ("source", p.source.as_deref().unwrap_or("")),
                ("entity", p.entity.as_deref().unwrap_or("")),
                ("tag", p.tag.as_deref().unwrap_or("")),
                ("page", &page),
            ],
        )
    };
    out.push_str("<nav class=\"pages\">");
    if r.page > 1 {
        let _ = write!(out, "<a rel=\"prev\" href=\"{}\">السابق</a>", base(r.page - 1));
    }
    if r.page < r.pages {
        let _ = write!(out, "<a rel=\"next\" href=\"{}\">التالي</a>", base(r.page + 1));
    }
    out.push_str("</nav></section>\n<aside class=\"facets\" aria-label=\"تصفية\">");
    let f = &r.results.facets;
    for (name, key, counts) in [
        ("المصدر", "source", &f.source),
        ("الكيانات", "entity", &f.entity),
        ("الوسوم", "tag", &f.tag),
        ("الأيام", "day", &f.day),
    ] {
        if counts.is_empty() {
            continue;
        }
        let _ = write!(out, "<section class=\"facet\"><h4>{name}</h4><ul>");
        for c in counts.iter().take(15) {
            let link = if key == "day" {
                href("/", &[("q", &p.q), ("from", &c.value), ("to", &c.value)])
            } else {
                href("/", &[("q", &p.q), (key, &c.value)])
            };
            let _ = write!(
                out,
                "<li><a href=\"{link}\">{}</a> <span class=\"count\">{}</span></li>",
                escape(&c.value),
                c.count
            );
        }
        out.push_str("</ul></section>");
    }
    out.push_str("</aside></div>");
    out
}

async fn search_page(
    State(state): State<Arc<AppState>>,
    params: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Query(params) = match params {
        Ok(p) => p,
        Err(r) => return error_page(&ApiError::bad_request(r.body_text())),
    };
    let mut main = String::from("<h1>البحث في الأخبار</h1>\n");
    main.push_str(&search_form(&params));
    if params.q.trim().is_empty() {
        let s = state.clone();
        let n = blocking(move || Ok(s.archive.len()?)).await.unwrap_or(0);
        let _ = write!(main, "<p class=\"summary\">في الأرشيف {n} مقالا. اكتب كلمات للبحث.</p>");
        return page(StatusCode::OK, "البحث", &main);
    }
    let p = params.clone();
    match blocking(move || search(&state.archive, &p)).await {
        Ok(r) => {
            let active: Vec<String> =
                [("المصدر", &params.source), ("الكيان", &params.entity), ("الوسم", &params.tag)]
                    .iter()
                    .filter_map(|(n, v)| {
                        v.as_deref()
                            .filter(|s| !s.is_empty())
                            .map(|v| format!("{n}: {}", escape(v)))
                    })
                    .collect();
            if !active.is_empty() {
                let _ = write!(
                    main,
                    "<p class=\"filters\">التصفية: {} — <a href=\"{}\">إزالة</a></p>",
                    active.join("، "),
                    href("/", &[("q", &params.q)])
                );
            }
            main.push_str(&search_results(&params, &r));
            page(StatusCode::OK, &params.q, &main)
        }
        Err(e) => {
            let _ = write!(main, "<p class=\"error\" role=\"alert\">{}</p>", escape(&e.message));
            page(e.status, "البحث", &main)
        }
    }
}

// ---------------------------------------------------------------------------------------
// Article

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn list<'a>(v: &'a Value, k: &str) -> &'a [Value] {
    v.get(k).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// Arabic name of an entity label.
fn label_name(label: &str) -> &'static str {
    match label {
        "PER" => "شخص",
        "LOC" => "مكان",
        "ORG" => "منظمة",
        _ => "أخرى",
    }
}

fn label_class(label: &str) -> &'static str {
    match label {
        "PER" => "ent-per",
        "LOC" => "ent-loc",
        "ORG" => "ent-org",
        _ => "ent-misc",
    }
}

/// Something to highlight in a field: `[start, end)` and its opening and closing markup.
struct Span {
    start: usize,
    end: usize,
    open: String,
    close: &'static str,
}

/// The entity and time highlights of one field (`headline` or `body`), by start offset,
/// overlaps dropped (the earlier, then the longer, wins).
fn spans(record: &Value, field: &str, link_entities: bool) -> Vec<Span> {
    let mut out = Vec::new();
    for e in list(record, "entities") {
        let (id, canonical, label) = (s(e, "id"), s(e, "canonical"), s(e, "label"));
        let english = s(e, "english");
        let title = if english.is_empty() {
            format!("{canonical} ({})", label_name(label))
        } else {
            format!("{canonical} — {english} ({})", label_name(label))
        };
        for m in list(e, "mentions") {
            if s(m, "field") != field {
                continue;
            }
            let (Some(start), Some(end)) =
                (m.get("start").and_then(Value::as_u64), m.get("end").and_then(Value::as_u64))
            else {
                continue;
            };
            let open = if link_entities {
                format!(
                    "<a class=\"ent {}\" data-entity=\"{}\" title=\"{}\" href=\"{}\">",
                    label_class(label),
                    escape(id),
                    escape(&title),
                    href("/entity", &[("id", id)])
                )
            } else {
                format!(
                    "<span class=\"ent {}\" data-entity=\"{}\" title=\"{}\">",
                    label_class(label),
                    escape(id),
                    escape(&title)
                )
            };
            let close = if link_entities { "</a>" } else { "</span>" };
            out.push(Span { start: start as usize, end: end as usize, open, close });
        }
    }
    for t in list(record, "times") {
        if s(t, "field") != field {
            continue;
        }
        let (Some(start), Some(end)) =
            (t.get("start").and_then(Value::as_u64), t.get("end").and_then(Value::as_u64))
        else {
            continue;
        };
        let value = t.get("value").and_then(Value::as_str);
        let title = match value {
            Some(v) => v.to_owned(),
            None => format!("بلا قيمة: {}", s(t, "error")),
        };
        let open = match value {
            Some(v) => format!(
                "<time class=\"tm\" datetime=\"{}\" title=\"{}\">",
                escape(v),
                escape(&title)
            ),
            None => format!("<time class=\"tm\" title=\"{}\">", escape(&title)),
        };
        out.push(Span { start: start as usize, end: end as usize, open, close: "</time>" });
    }
    out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Span> = Vec::with_capacity(out.len());
    for sp in out {
        if sp.end <= sp.start {
            continue;
        }
        if kept.last().is_some_and(|k| sp.start < k.end) {
            continue;
        }
        kept.push(sp);
    }
    kept
}

/// `text` (which starts at byte `base` of its field) with the spans inside it highlighted;
/// spans that do not fall on character boundaries of `text` are left out.
fn highlight(text: &str, base: usize, spans: &[Span]) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut at = 0;
    for sp in spans {
        let (Some(start), Some(end)) = (sp.start.checked_sub(base), sp.end.checked_sub(base))
        else {
            continue;
        };
        if start < at || end > text.len() {
            continue;
        }
        let (Some(before), Some(inner)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        out.push_str(&escape(before));
        out.push_str(&sp.open);
        out.push_str(&escape(inner));
        out.push_str(sp.close);
        at = end;
    }
    out.push_str(&escape(text.get(at..).unwrap_or("")));
    out
}

fn action_name(action: &str) -> &str {
    match action {
        "statement" => "تصريح",
        "appeal" => "مناشدة",
        "consult" => "تشاور",
        "cooperate" => "تعاون",
        "demand" => "مطالبة",
        "warn" => "تحذير",
        "criticize" => "انتقاد",
        "protest" => "احتجاج",
        "arrest" => "اعتقال",
        "use-force" => "استخدام القوة",
        "deploy" => "نشر قوات",
        other => other,
    }
}

/// The name of an entity id in this record (its canonical name), else the id.
fn entity_name<'a>(record: &'a Value, id: &'a str) -> &'a str {
    list(record, "entities")
        .iter()
        .find(|e| s(e, "id") == id)
        .map(|e| s(e, "canonical"))
        .filter(|c| !c.is_empty())
        .unwrap_or(id)
}

fn entity_link(record: &Value, id: &str, archived: bool) -> String {
    let name = entity_name(record, id);
    let known = list(record, "entities").iter().any(|e| s(e, "id") == id);
    if archived && known {
        format!("<a href=\"{}\">{}</a>", href("/entity", &[("id", id)]), escape(name))
    } else {
        escape(name)
    }
}

/// The analysis of one record as HTML: text with highlights, tags, quotes, facts, events.
/// `archived` links entities to their pages (the record is in the archive).
pub fn render_record(record: &Value, archived: bool) -> String {
    let mut out = String::new();
    let headline = s(record, "headline");
    let _ = write!(
        out,
        "<article class=\"doc\"><h1 class=\"headline\">{}</h1>",
        if headline.is_empty() {
            escape(s(record, "id"))
        } else {
            highlight(headline, 0, &spans(record, "headline", archived))
        }
    );
    let mut meta = Vec::new();
    for (k, name) in
        [("source", "المصدر"), ("published", "النشر"), ("author", "الكاتب"), ("section", "القسم")]
    {
        let v = s(record, k);
        if !v.is_empty() {
            meta.push(if k == "published" {
                format!("{name}: <bdi dir=\"ltr\">{}</bdi>", escape(v))
            } else {
                format!("{name}: {}", escape(v))
            });
        }
    }
    let url = s(record, "url");
    if url.starts_with("https://") || url.starts_with("http://") {
        meta.push(format!(
            "<a rel=\"noopener noreferrer nofollow\" href=\"{}\">الرابط الأصلي</a>",
            escape(url)
        ));
    }
    let _ = write!(out, "<p class=\"meta\">{}</p>", meta.join(" · "));
    out.push_str(
        "<p class=\"legend\"><span class=\"ent ent-per\">شخص</span> <span class=\"ent ent-loc\">مكان</span> \
         <span class=\"ent ent-org\">منظمة</span> <span class=\"ent ent-misc\">أخرى</span> <time class=\"tm\">زمن</time></p>",
    );
    let body_spans = spans(record, "body", archived);
    out.push_str("<div class=\"body\">");
    for p in list(record, "paragraphs") {
        let start = p.get("start").and_then(Value::as_u64).unwrap_or(0) as usize;
        let _ = write!(out, "<p>{}</p>", highlight(s(p, "text"), start, &body_spans));
    }
    out.push_str("</div></article>");

    // Tags.
    let mut tags: Vec<String> = list(record, "publisher_tags")
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    for t in list(record, "tags") {
        let name = t.as_str().unwrap_or_else(|| s(t, "text"));
        if !name.is_empty() && !tags.iter().any(|x| x == name) {
            tags.push(name.to_owned());
        }
    }
    if !tags.is_empty() {
        out.push_str("<section class=\"tags\"><h2>الوسوم</h2><ul>");
        for t in &tags {
            if archived {
                let _ = write!(
                    out,
                    "<li><a href=\"{}\">{}</a></li>",
                    href("/", &[("q", t)]),
                    escape(t)
                );
            } else {
                let _ = write!(out, "<li>{}</li>", escape(t));
            }
        }
        out.push_str("</ul></section>");
    }

    // Entities.
    let entities = list(record, "entities");
    if !entities.is_empty() {
        out.push_str("<section class=\"entities\"><h2>الكيانات</h2><ul>");
        for e in entities {
            let english = s(e, "english");
            let _ = write!(
                out,
                "<li><span class=\"ent {}\">{}</span> <small>{}{}{} · {} ذكر</small></li>",
                label_class(s(e, "label")),
                entity_link(record, s(e, "id"), archived),
                label_name(s(e, "label")),
                if english.is_empty() { "" } else { " · " },
                escape(english),
                list(e, "mentions").len()
            );
        }
        out.push_str("</ul></section>");
    }

    // Quotes.
    let quotes = list(record, "quotes");
    if !quotes.is_empty() {
        out.push_str("<section class=\"quotes\"><h2>الاقتباسات</h2><ul>");
        for q in quotes {
            let speaker = match q.get("speaker").and_then(Value::as_str) {
                Some(id) => entity_link(record, id, archived),
                None => escape(s(q, "speaker_text")),
            };
            let _ = write!(
                out,
                "<li><blockquote>«{}»</blockquote><p class=\"speaker\">— {}{}</p></li>",
                escape(s(q, "text")),
                if speaker.is_empty() { "قائل غير معروف".to_owned() } else { speaker },
                match s(q, "verb") {
                    "" => String::new(),
                    v => format!(" <small>({})</small>", escape(v)),
                }
            );
        }
        out.push_str("</ul></section>");
    }

    // Facts.
    let facts = list(record, "facts");
    if !facts.is_empty() {
        out.push_str("<section class=\"facts\"><h2>الوقائع والأرقام</h2><table><thead><tr><th>النوع</th><th>العدد</th><th>الموضوع</th><th>النص</th></tr></thead><tbody>");
        for f in facts {
            let count = f.get("count").map(Value::to_string).unwrap_or_default();
            let unit = s(f, "unit");
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}{}{}</td><td>{}</td><td>{}</td></tr>",
                escape(s(f, "type")),
                escape(&count),
                if unit.is_empty() { "" } else { " " },
                escape(unit),
                escape(s(f, "subject")),
                escape(s(f, "text"))
            );
        }
        out.push_str("</tbody></table></section>");
    }

    // Events, as a timeline: dated first, by date.
    let mut events: Vec<&Value> = list(record, "events").iter().collect();
    if !events.is_empty() {
        events.sort_by(|a, b| {
            let (da, db) =
                (a.get("date").and_then(Value::as_str), b.get("date").and_then(Value::as_str));
            match (da, db) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
        });
        out.push_str("<section class=\"events\"><h2>الأحداث</h2><ol class=\"timeline\">");
        for ev in events {
            let side = |k: &str| {
                ev.get(k).filter(|v| !v.is_null()).map(|a| {
                    let id = s(a, "id");
                    let shown = if list(record, "entities").iter().any(|e| s(e, "id") == id) {
                        entity_link(record, id, archived)
                    } else {
                        escape(s(a, "text"))
                    };
                    match s(a, "role") {
                        "" => shown,
                        role => format!("{shown} <small>({})</small>", escape(role)),
                    }
                })
            };
            let _ = write!(
                out,
                "<li><time class=\"when\">{}</time> <strong>{}</strong> {}{} <small>«{}»</small></li>",
                escape(ev.get("date").and_then(Value::as_str).unwrap_or("بلا تاريخ")),
                escape(action_name(s(ev, "action"))),
                side("actor").unwrap_or_default(),
                side("target").map(|t| format!(" ← {t}")).unwrap_or_default(),
                escape(s(ev, "trigger"))
            );
        }
        out.push_str("</ol></section>");
    }

    // Times.
    let times = list(record, "times");
    if !times.is_empty() {
        out.push_str("<section class=\"times\"><h2>التواريخ والأزمنة</h2><ul>");
        for t in times {
            let _ = write!(
                out,
                "<li>{} → <span dir=\"ltr\">{}</span></li>",
                escape(s(t, "text")),
                escape(t.get("value").and_then(Value::as_str).unwrap_or("—"))
            );
        }
        out.push_str("</ul></section>");
    }
    out
}

#[derive(Deserialize)]
struct IdParam {
    id: Option<String>,
}

async fn article_page(State(state): State<Arc<AppState>>, Query(q): Query<IdParam>) -> Response {
    let Some(id) = q.id.filter(|s| !s.is_empty()) else {
        return error_page(&ApiError::bad_request("the id parameter is required"));
    };
    let got = blocking(move || {
        let record = article_record(&state, &id)?;
        let related = related_list(&state, &id, 10)?;
        Ok((record, related))
    })
    .await;
    let (record, related) = match got {
        Ok(x) => x,
        Err(e) => return error_page(&e),
    };
    let mut main = render_record(&record, true);
    main.push_str("<section class=\"related\" id=\"related\"><h2>مقالات ذات صلة</h2>");
    if related.is_empty() {
        main.push_str("<p>لا مقالات ذات صلة في الأرشيف.</p>");
    } else {
        main.push_str("<ol>");
        for r in &related {
            let _ = write!(
                main,
                "<li><a href=\"{}\">{}</a> <span class=\"meta\">{} · {}</span><p class=\"why\">السبب: {} <small>({:.2})</small></p></li>",
                href("/article", &[("id", &r.id)]),
                escape(if r.headline.is_empty() { &r.id } else { &r.headline }),
                escape(r.source.as_deref().unwrap_or("—")),
                date_html(r.published.as_deref()),
                escape(&r.why),
                r.score
            );
        }
        main.push_str("</ol>");
    }
    main.push_str("</section>");
    let title = s(&record, "headline").to_owned();
    page(StatusCode::OK, &title, &main)
}

// ---------------------------------------------------------------------------------------
// Entity

/// Mentions per day as an inline SVG bar chart (no script, no external resource).
fn bar_chart(profile: &EntityProfile) -> String {
    let days = &profile.mentions_per_day;
    if days.is_empty() {
        return "<p>لا تواريخ للمقالات.</p>".to_owned();
    }
    let (w, h) = (640.0_f64, 160.0_f64);
    let max = days.iter().map(|d| d.mentions).max().unwrap_or(1).max(1) as f64;
    let bar = w / days.len() as f64;
    let mut out = format!(
        "<svg class=\"chart\" role=\"img\" aria-label=\"الذكر في اليوم\" viewBox=\"0 0 {w} {}\" width=\"{w}\" height=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" direction=\"ltr\">",
        h + 20.0,
        h + 20.0
    );
    for (i, d) in days.iter().enumerate() {
        let bh = (d.mentions as f64 / max * h).max(1.0);
        let _ = write!(
            out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\"><title>{}: {} ذكر في {} مقال</title></rect>",
            i as f64 * bar + bar * 0.1,
            h - bh,
            (bar * 0.8).max(1.0),
            escape(&d.day),
            d.mentions,
            d.articles
        );
    }
    let first = days.first().map_or("", |d| d.day.as_str());
    let last = days.last().map_or("", |d| d.day.as_str());
    let _ = write!(
        out,
        "<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text><text x=\"{w}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\">{}</text></svg>",
        h + 16.0,
        escape(first),
        h + 16.0,
        escape(last)
    );
    out
}

async fn entity_page(State(state): State<Arc<AppState>>, Query(q): Query<IdParam>) -> Response {
    let Some(id) = q.id.filter(|s| !s.is_empty()) else {
        return error_page(&ApiError::bad_request("the id parameter is required"));
    };
    let p = match blocking(move || entity_profile(&state.archive, &id)).await {
        Ok(p) => p,
        Err(e) => return error_page(&e),
    };
    let mut main = String::new();
    let _ = write!(
        main,
        "<h1><span class=\"ent {}\">{}</span></h1><p class=\"meta\">{} · <span dir=\"ltr\">{}</span>{}{} · مذكور في {} مقالا</p>",
        label_class(&p.label),
        escape(&p.canonical),
        label_name(&p.label),
        escape(&p.id),
        if p.english.is_some() { " · " } else { "" },
        escape(p.english.as_deref().unwrap_or("")),
        p.total_articles
    );
    if p.articles_read < p.total_articles {
        let _ = write!(
            main,
            "<p class=\"note\">الإحصاءات من أول {} مقال بحسب الصلة.</p>",
            p.articles_read
        );
    }
    main.push_str("<section><h2>الذكر في اليوم</h2>");
    main.push_str(&bar_chart(&p));
    main.push_str("</section>");
    main.push_str("<section class=\"quotes\"><h2>اقتباساته</h2>");
    if p.quotes.is_empty() {
        main.push_str("<p>لا اقتباسات.</p>");
    } else {
        main.push_str("<ul>");
        for q in &p.quotes {
            let _ = write!(
                main,
                "<li><blockquote>«{}»</blockquote><p class=\"speaker\"><a href=\"{}\">{}</a> · {}</p></li>",
                escape(&q.text),
                href("/article", &[("id", &q.article)]),
                escape(&q.headline),
                date_html(q.published.as_deref())
            );
        }
        main.push_str("</ul>");
    }
    main.push_str("</section><section class=\"co\"><h2>كيانات ترد معه</h2>");
    if p.co_occurring.is_empty() {
        main.push_str("<p>لا كيانات.</p>");
    } else {
        main.push_str("<ul>");
        for c in &p.co_occurring {
            let _ = write!(
                main,
                "<li><a class=\"ent {}\" href=\"{}\">{}</a> <span class=\"count\">{}</span></li>",
                label_class(&c.label),
                href("/entity", &[("id", &c.id)]),
                escape(&c.canonical),
                c.articles
            );
        }
        main.push_str("</ul>");
    }
    main.push_str("</section><section><h2>المقالات</h2><ul>");
    for a in &p.articles {
        let _ = write!(
            main,
            "<li><a href=\"{}\">{}</a> <span class=\"meta\">{} · {} · {} ذكر</span></li>",
            href("/article", &[("id", &a.id)]),
            escape(if a.headline.is_empty() { &a.id } else { &a.headline }),
            escape(a.source.as_deref().unwrap_or("—")),
            date_html(a.published.as_deref()),
            a.mentions
        );
    }
    main.push_str("</ul></section>");
    page(StatusCode::OK, &p.canonical, &main)
}

// ---------------------------------------------------------------------------------------
// Stories

/// The date range of a story page as link parameters (story ids belong to a range).
fn range_params(p: &StoriesParams) -> [(&'static str, String); 2] {
    let v = |o: &Option<String>| o.as_deref().unwrap_or("").trim().to_owned();
    [("from", v(&p.from)), ("to", v(&p.to))]
}

/// A time span `first – last` (one value when both are the same day and time).
fn span_html(first: Option<&str>, last: Option<&str>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a != b => format!("{} – {}", date_html(Some(a)), date_html(Some(b))),
        (a, b) => date_html(a.or(b)),
    }
}

async fn stories_list_page(
    State(state): State<Arc<AppState>>,
    Query(p): Query<StoriesParams>,
) -> Response {
    let params = p.clone();
    let got = match blocking(move || stories_page(&state, &params)).await {
        Ok(x) => x,
        Err(e) => return error_page(&e),
    };
    let [(_, from), (_, to)] = range_params(&p);
    let mut main = format!(
        "<h1>القصص</h1><p class=\"note\">مقالات عن الحدث نفسه من منابر وأيام مختلفة، مجمّعة آليا.</p>\
         <form class=\"search\" action=\"/stories\" method=\"get\"><div class=\"row dates\">\
         <label>من <input type=\"date\" name=\"from\" value=\"{}\"></label>\
         <label>إلى <input type=\"date\" name=\"to\" value=\"{}\"></label>\
         <button type=\"submit\">عرض</button></div></form>\
         <p class=\"summary\">{} قصة من مقالين فأكثر، من {} مقالا.</p>",
        escape(&from),
        escape(&to),
        got.total,
        got.articles
    );
    if got.stories.is_empty() {
        main.push_str("<p>لا قصص في هذه الفترة.</p>");
    } else {
        main.push_str("<ol class=\"hits stories\">");
        for st in &got.stories {
            let _ = write!(
                main,
                "<li class=\"hit\"><h3><a href=\"{}\">{}</a></h3><p class=\"meta\">{} مقالا · {} منبر: {} · {}</p>",
                href("/story", &[("id", &st.id), ("from", &from), ("to", &to)]),
                escape(if st.headline.is_empty() { &st.id } else { &st.headline }),
                st.size,
                st.outlets.len(),
                escape(&st.outlets.join("، ")),
                span_html(st.first.as_deref(), st.last.as_deref())
            );
            if !st.top_entities.is_empty() {
                let _ = write!(
                    main,
                    "<p class=\"meta\">أبرز الكيانات: {}</p>",
                    escape(&st.top_entities.join("، "))
                );
            }
            main.push_str("</li>");
        }
        main.push_str("</ol>");
    }
    if got.pages > 1 {
        main.push_str("<nav class=\"pages\">");
        for n in 1..=got.pages {
            let number = n.to_string();
            if n == got.page {
                let _ = write!(main, "<strong>{n}</strong>");
            } else {
                let _ = write!(
                    main,
                    "<a href=\"{}\">{n}</a>",
                    href("/stories", &[("from", &from), ("to", &to), ("page", &number)])
                );
            }
        }
        main.push_str("</nav>");
    }
    page(StatusCode::OK, "القصص", &main)
}

/// The story's articles as an inline SVG: one lane per outlet, a dot per article at its
/// publication time (no script, no external resource).
fn outlet_timeline(timeline: &[TimelineEntry], outlets: &[String]) -> String {
    let seconds = |e: &TimelineEntry| {
        e.published
            .as_deref()
            .and_then(|p| p.parse::<jiff::Timestamp>().ok())
            .map(|t| t.as_second())
    };
    let times: Vec<i64> = timeline.iter().filter_map(seconds).collect();
    let (Some(&t0), Some(&t1)) = (times.iter().min(), times.iter().max()) else {
        return String::new();
    };
    let lanes: Vec<&str> =
        if outlets.is_empty() { vec!["—"] } else { outlets.iter().map(String::as_str).collect() };
    let (label_w, plot_w, lane_h) = (120.0_f64, 520.0_f64, 28.0_f64);
    let h = lane_h * lanes.len() as f64 + 24.0;
    let w = label_w + plot_w + 16.0;
    let span = (t1 - t0).max(1) as f64;
    let mut out = format!(
        "<svg class=\"chart lanes\" role=\"img\" aria-label=\"المقالات حسب المنبر والوقت\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" xmlns=\"http://www.w3.org/2000/svg\" direction=\"ltr\">"
    );
    for (k, lane) in lanes.iter().enumerate() {
        let y = lane_h * k as f64 + lane_h / 2.0;
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{:.1}\" font-size=\"12\">{}</text><line x1=\"{label_w}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#ccc\"/>",
            y + 4.0,
            escape(lane),
            label_w + plot_w
        );
    }
    for e in timeline {
        let Some(t) = seconds(e) else { continue };
        let lane =
            e.source.as_deref().and_then(|s| lanes.iter().position(|l| *l == s)).unwrap_or(0);
        let x = label_w + (t - t0) as f64 / span * plot_w;
        let y = lane_h * lane as f64 + lane_h / 2.0;
        let _ = write!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\"><title>{} — {}</title></circle>",
            escape(e.published.as_deref().unwrap_or("")),
            escape(&e.headline)
        );
    }
    let _ = write!(
        out,
        "<text x=\"{label_w}\" y=\"{:.1}\" font-size=\"12\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\">{}</text></svg>",
        h - 4.0,
        escape(&iso(t0).unwrap_or_default()),
        label_w + plot_w,
        h - 4.0,
        escape(&iso(t1).unwrap_or_default())
    );
    out
}

async fn story_page(State(state): State<Arc<AppState>>, Query(q): Query<StoryParam>) -> Response {
    let Some(id) = q.id.clone().filter(|s| !s.is_empty()) else {
        return error_page(&ApiError::bad_request("the id parameter is required"));
    };
    let params =
        StoriesParams { from: q.from.clone(), to: q.to.clone(), ..StoriesParams::default() };
    let p = params.clone();
    let d: StoryDetail = match blocking(move || story_detail(&state, &id, &p)).await {
        Ok(d) => d,
        Err(e) => return error_page(&e),
    };
    let st = &d.story;
    let [(_, from), (_, to)] = range_params(&params);
    let mut main = format!(
        "<h1>{}</h1><p class=\"meta\">قصة من {} مقالا · {} منبر · {}</p>",
        escape(if st.headline.is_empty() { &st.id } else { &st.headline }),
        st.size,
        st.outlets.len(),
        span_html(st.first.as_deref(), st.last.as_deref())
    );
    if !st.top_entities.is_empty() || !st.top_tags.is_empty() {
        main.push_str("<section class=\"tags\"><h2>أبرز الكيانات والوسوم</h2><ul>");
        for name in st.top_entities.iter().chain(&st.top_tags) {
            let _ = write!(main, "<li>{}</li>", escape(name));
        }
        main.push_str("</ul></section>");
    }
    main.push_str("<section><h2>المنابر على الخط الزمني</h2>");
    main.push_str(&outlet_timeline(&d.timeline, &st.outlets));
    main.push_str("</section><section class=\"events\"><h2>المقالات بالترتيب الزمني</h2><ol class=\"timeline story\">");
    for e in &d.timeline {
        let _ = write!(
            main,
            "<li><span class=\"when\">{}</span> <span class=\"outlet\">{}</span> <a href=\"{}\">{}</a></li>",
            date_html(e.published.as_deref()),
            escape(e.source.as_deref().unwrap_or("—")),
            href("/article", &[("id", &e.id)]),
            escape(if e.headline.is_empty() { &e.id } else { &e.headline })
        );
    }
    let _ = write!(
        main,
        "</ol></section><p><a href=\"{}\">كل القصص</a></p>",
        href("/stories", &[("from", &from), ("to", &to)])
    );
    page(StatusCode::OK, &st.headline, &main)
}

#[derive(Deserialize)]
struct StoryParam {
    id: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

// ---------------------------------------------------------------------------------------
// Analyze

#[derive(Deserialize)]
struct AnalyzeForm {
    #[serde(default)]
    text: String,
}

fn analyze_form_html(text: &str) -> String {
    format!(
        "<h1>تحليل مقال</h1><form class=\"analyze\" action=\"/analyze\" method=\"post\">\
         <label for=\"text\">الصق نص المقال (نص، أو HTML، أو JSON)</label>\
         <textarea id=\"text\" name=\"text\" rows=\"12\" required>{}</textarea>\
         <button type=\"submit\">حلّل</button></form>",
        escape(text)
    )
}

async fn analyze_form() -> Response {
    page(StatusCode::OK, "تحليل مقال", &analyze_form_html(""))
}

async fn analyze_page(
    State(state): State<Arc<AppState>>,
    form: Result<Form<AnalyzeForm>, FormRejection>,
) -> Response {
    let Form(form) = match form {
        Ok(f) => f,
        Err(r) => return error_page(&crate::error::rejection(r.status(), r.body_text())),
    };
    let text = form.text;
    let input = text.clone();
    let mut main = analyze_form_html(&text);
    match blocking(move || analyze_bytes(&state, input.as_bytes())).await {
        Ok(records) => {
            for record in records {
                match serde_json::to_value(&record) {
                    Ok(v) => {
                        main.push_str("<section class=\"analysis\"><h2>نتيجة التحليل</h2>");
                        main.push_str(&render_record(&v, false));
                        main.push_str("</section>");
                    }
                    Err(e) => {
                        let _ = write!(main, "<p class=\"error\">{}</p>", escape(&e.to_string()));
                    }
                }
            }
            page(StatusCode::OK, "تحليل مقال", &main)
        }
        Err(e) => {
            let _ = write!(main, "<p class=\"error\" role=\"alert\">{}</p>", escape(&e.message));
            page(e.status, "تحليل مقال", &main)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(
            escape("\"><img onerror='x'>&"),
            "&quot;&gt;&lt;img onerror=&#39;x&#39;&gt;&amp;"
        );
        assert_eq!(escape("مرصد"), "مرصد");
    }

    #[test]
    fn url_encode_keeps_only_unreserved() {
        assert_eq!(url_encode("a/b c&d=e"), "a%2Fb%20c%26d%3De");
        assert_eq!(url_encode("ر"), "%D8%B1");
    }

    #[test]
    fn snippet_keeps_marks_and_escapes_the_rest() {
        let got = snippet_html("&lt;script&gt; <b>قطار</b> &amp; \u{E000}");
        assert_eq!(got, "&lt;script&gt; <mark>قطار</mark> &amp; ");
    }

    #[test]
    fn highlight_skips_bad_offsets_and_escapes() {
        let text = "<b>قال بوتين</b>";
        let start = text.find("بوتين").unwrap_or(0);
        let spans = vec![
            Span { start: 1, end: 2, open: "[".into(), close: "]" },
            Span { start, end: start + "بوتين".len(), open: "<x>".into(), close: "</x>" },
            Span { start: start + 1, end: start + 3, open: "(".into(), close: ")" },
            Span { start: 500, end: 600, open: "(".into(), close: ")" },
        ];
        let got = highlight(text, 0, &spans);
        assert_eq!(got, "&lt;[b]&gt;قال <x>بوتين</x>&lt;/b&gt;");
    }
}
