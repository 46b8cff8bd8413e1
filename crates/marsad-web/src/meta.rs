//! Page metadata: headline, times, author, section, tags, canonical URL, language, related
//! headlines, from JSON-LD, OpenGraph and other `<meta>` tags, `<link rel=canonical>`,
//! `<time>`, tag links, related-article boxes and a visible Arabic dateline.

use jiff::civil::Time;
use jiff::fmt::rfc2822;
use jiff::fmt::temporal::Pieces;
use marsad_doc::Published;
use serde_json::Value;

use crate::dom::{Dom, Kind, NodeId, Tag};
use crate::extract::{Measure, RELATED_HEADINGS};

/// Larger JSON-LD blocks are not parsed.
const MAX_JSON_LD: usize = 1 << 20;

/// At most this many tags and related headlines are kept.
const MAX_LIST: usize = 50;

/// What the page says about itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageMeta {
    pub headline: Option<String>,
    pub published: Option<Published>,
    pub modified: Option<Published>,
    pub author: Option<String>,
    pub section: Option<String>,
    pub site: Option<String>,
    pub tags: Vec<String>,
    pub canonical_url: Option<String>,
    /// The `<html lang>` (or `og:locale`, JSON-LD `inLanguage`) primary subtag, lowercase.
    pub declared_language: Option<String>,
    pub related: Vec<String>,
    /// The `<title>`, used when nothing better names the article.
    pub title: Option<String>,
    pub h1: Option<String>,
    /// The first `<time datetime>` value.
    pub time_element: Option<Published>,
}

/// Parses a timestamp as pages write them: ISO 8601 / RFC 3339 (with or without offset,
/// date only), RFC 2822, or an Arabic dateline.
pub fn parse_time(s: &str) -> Option<Published> {
    let s = s.trim();
    if s.is_empty() || s.len() > 120 {
        return None;
    }
    if let Ok(pieces) = Pieces::parse(s) {
        let datetime = pieces.date().to_datetime(pieces.time().unwrap_or(Time::midnight()));
        return Some(match pieces.to_numeric_offset() {
            Some(offset) => Published::with_offset(datetime, offset),
            None => Published::local(datetime),
        });
    }
    static PARSER: rfc2822::DateTimeParser = rfc2822::DateTimeParser::new().relaxed_weekday(true);
    if let Ok(z) = PARSER.parse_zoned(s) {
        return Some(Published::with_offset(z.datetime(), z.offset()));
    }
    marsad_time::parse_dateline(s).map(Published::local)
}

fn set<T>(slot: &mut Option<T>, value: Option<T>) {
    if slot.is_none() {
        *slot = value;
    }
}

fn clean(s: &str) -> Option<String> {
    let mut out = String::new();
    crate::dom::push_collapsed(&mut out, s);
    let t = out.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn push_tag(tags: &mut Vec<String>, tag: &str) {
    for part in tag.split([',', '،', ';', '|']) {
        if let Some(t) = clean(part)
            && t.chars().count() <= 60
            && !tags.contains(&t)
            && tags.len() < MAX_LIST
        {
            tags.push(t);
        }
    }
}

pub(crate) fn read(dom: &Dom, m: &Measure) -> PageMeta {
    let mut meta = PageMeta::default();
    let mut json_ld = PageMeta::default();
    let mut og = PageMeta::default();
    let mut named = PageMeta::default();
    let mut link_tags: Vec<String> = Vec::new();
    let mut related_heading_at: Option<NodeId> = None;
    let mut h1_visible = false;
    for i in 0..dom.nodes.len() as NodeId {
        let Some(tag) = dom.tag(i) else { continue };
        match tag {
            Tag::Html => {
                if let Some(lang) = dom.attr(i, "lang") {
                    set(&mut meta.declared_language, primary_subtag(&lang));
                }
            }
            Tag::Title => set(&mut meta.title, first_text(dom, i)),
            // The first visible `h1`, else the first `h1`.
            Tag::H1 if meta.h1.is_none() || !m.pruned.get(i as usize).copied().unwrap_or(true) => {
                let text = clean(&dom.text_content(i));
                if text.is_some() && (meta.h1.is_none() || !h1_visible) {
                    h1_visible = !m.pruned.get(i as usize).copied().unwrap_or(true);
                    meta.h1 = text;
                }
            }
            Tag::Meta => read_meta_tag(dom, i, &mut og, &mut named),
            Tag::Link => {
                let rel = dom.attr(i, "rel").unwrap_or_default().to_ascii_lowercase();
                if rel.split_ascii_whitespace().any(|r| r == "canonical") {
                    set(&mut meta.canonical_url, dom.attr(i, "href").and_then(|h| clean(&h)));
                }
            }
            Tag::Script => {
                let ty = dom.attr(i, "type").unwrap_or_default().to_ascii_lowercase();
                if ty.contains("ld+json") {
                    let text = dom.children(i).map(|c| dom.text(c)).collect::<String>();
                    if text.len() <= MAX_JSON_LD
                        && let Ok(value) = serde_json::from_str::<Value>(text.trim())
                    {
                        read_json_ld(&value, &mut json_ld, 0);
                    }
                }
            }
            Tag::Time if meta.time_element.is_none() => {
                let value = dom.attr(i, "datetime").and_then(|d| parse_time(&d));
                meta.time_element = value.or_else(|| parse_time(&dom.text_content(i)));
            }
            Tag::A => {
                let rel = dom.attr_raw(i, "rel").unwrap_or("").to_ascii_lowercase();
                let href = dom.attr_raw(i, "href").unwrap_or("").to_ascii_lowercase();
                let is_tag_link = rel.split_ascii_whitespace().any(|r| r == "tag")
                    || [
                        "/tag/",
                        "/tags/",
                        "/keyword/",
                        "/keywords/",
                        "/topic/",
                        "/topics/",
                        "/taxonomy/term/",
                        "/وسم/",
                    ]
                    .iter()
                    .any(|p| href.contains(p));
                if is_tag_link && link_tags.len() < MAX_LIST {
                    push_tag(&mut link_tags, &dom.text_content(i));
                }
                if m.related.get(i as usize).copied().unwrap_or(false) {
                    push_headline(&mut meta.related, &dom.text_content(i));
                }
            }
            t if t.is_heading()
                || t == Tag::Div
                || t == Tag::Span
                || t == Tag::P
                || t == Tag::Strong =>
            {
                // A box headed "اقرأ أيضا" lists related headlines in its next siblings.
                let text = dom.text_content(i);
                if text.chars().count() <= 30
                    && RELATED_HEADINGS
                        .iter()
                        .any(|h| text.trim().trim_end_matches(':').trim() == *h)
                {
                    related_heading_at = Some(i);
                }
            }
            _ => {}
        }
    }
    if let Some(h) = related_heading_at {
        let mut sib = dom.node(h).map_or(crate::dom::NONE, |n| n.next);
        let mut steps = 0;
        while sib != crate::dom::NONE && steps < 3 {
            for k in dom.subtree(sib) {
                if dom.tag(k as NodeId) == Some(Tag::A) {
                    push_headline(&mut meta.related, &dom.text_content(k as NodeId));
                }
            }
            sib = dom.node(sib).map_or(crate::dom::NONE, |n| n.next);
            steps += 1;
        }
    }

    // Precedence: JSON-LD, then OpenGraph, then other meta tags, then the page itself.
    for src in [json_ld, og, named] {
        set(&mut meta.headline, src.headline);
        set(&mut meta.published, src.published);
        set(&mut meta.modified, src.modified);
        set(&mut meta.author, src.author);
        set(&mut meta.section, src.section);
        set(&mut meta.site, src.site);
        set(&mut meta.canonical_url, src.canonical_url);
        set(&mut meta.declared_language, src.declared_language);
        for t in &src.tags {
            push_tag(&mut meta.tags, t);
        }
    }
    for t in &link_tags {
        push_tag(&mut meta.tags, t);
    }
    if meta.published.is_none() {
        meta.published = meta.time_element;
    }
    if meta.headline.is_none() {
        meta.headline = meta.h1.clone().or_else(|| meta.title.as_deref().map(strip_site_suffix));
    }
    meta
}

fn push_headline(list: &mut Vec<String>, text: &str) {
    if let Some(t) = clean(text)
        && t.split_whitespace().count() >= 3
        && !list.contains(&t)
        && list.len() < MAX_LIST
    {
        list.push(t);
    }
}

fn first_text(dom: &Dom, id: NodeId) -> Option<String> {
    let text: String = dom
        .children(id)
        .filter(|&c| matches!(dom.node(c).map(|n| n.kind), Some(Kind::Text { .. })))
        .map(|c| dom.text(c))
        .collect();
    clean(&text)
}

/// `Headline - Site` → `Headline` (the longest part around ` - `, ` | `, ` — `).
fn strip_site_suffix(title: &str) -> String {
    for sep in [" | ", " - ", " — ", " – ", " :: "] {
        if let Some((head, _)) = title.rsplit_once(sep)
            && head.chars().count() >= 10
        {
            return head.trim().to_owned();
        }
    }
    title.trim().to_owned()
}

fn primary_subtag(lang: &str) -> Option<String> {
    let p = lang.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (p.len() >= 2 && p.len() <= 3 && p.chars().all(|c| c.is_ascii_alphabetic())).then_some(p)
}

fn read_meta_tag(dom: &Dom, i: NodeId, og: &mut PageMeta, named: &mut PageMeta) {
    let key = dom
        .attr(i, "property")
        .or_else(|| dom.attr(i, "name"))
        .or_else(|| dom.attr(i, "itemprop"))
        .unwrap_or_default()
        .to_ascii_lowercase();
    if key.is_empty() {
        return;
    }
    let Some(content) = dom.attr(i, "content") else { return };
    let value = clean(&content);
    match key.as_str() {
        "og:title" => set(&mut og.headline, value),
        "og:url" => set(&mut og.canonical_url, value),
        "og:site_name" => set(&mut og.site, value),
        "og:locale" => set(&mut og.declared_language, primary_subtag(&content)),
        "article:published_time" | "og:article:published_time" => {
            set(&mut og.published, parse_time(&content))
        }
        "article:modified_time" | "og:updated_time" | "og:article:modified_time" => {
            set(&mut og.modified, parse_time(&content))
        }
        "article:section" | "og:article:section" => set(&mut og.section, value),
        "article:author" | "og:article:author" if !content.starts_with("http") => {
            set(&mut og.author, value)
        }
        "article:tag" | "og:article:tag" => push_tag(&mut og.tags, &content),
        "keywords" | "news_keywords" => push_tag(&mut named.tags, &content),
        "author" | "byl" | "dc.creator" | "sailthru.author" | "parsely-author" => {
            set(&mut named.author, value.map(|v| v.trim_start_matches("By ").to_owned()))
        }
        "twitter:title" | "headline" | "parsely-title" | "sailthru.title" => {
            set(&mut named.headline, value)
        }
        "pubdate"
        | "publishdate"
        | "publish-date"
        | "date"
        | "dc.date"
        | "dc.date.issued"
        | "parsely-pub-date"
        | "sailthru.date"
        | "datepublished"
        | "article.published"
        | "citation_publication_date" => set(&mut named.published, parse_time(&content)),
        "lastmod" | "last-modified" | "datemodified" | "article.updated" => {
            set(&mut named.modified, parse_time(&content))
        }
        "section" | "category" | "parsely-section" | "articlesection" => {
            set(&mut named.section, value)
        }
        "content-language" | "language" | "dc.language" => {
            set(&mut named.declared_language, primary_subtag(&content))
        }
        _ => {}
    }
}

/// Object types that describe the article itself.
fn is_article_type(value: &Value) -> bool {
    let is = |t: &str| {
        matches!(
            t,
            "NewsArticle"
                | "Article"
                | "ReportageNewsArticle"
                | "AnalysisNewsArticle"
                | "OpinionNewsArticle"
                | "BackgroundNewsArticle"
                | "BlogPosting"
                | "LiveBlogPosting"
                | "WebPage"
                | "Report"
        )
    };
    match value.get("@type") {
        Some(Value::String(t)) => is(t),
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(is)),
        _ => false,
    }
}

fn is_web_page(value: &Value) -> bool {
    value.get("@type").and_then(Value::as_str) == Some("WebPage")
}

fn string_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => clean(s),
        Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(string_of).collect();
            (!names.is_empty()).then(|| names.join("، "))
        }
        Value::Object(_) => value.get("name").and_then(string_of),
        _ => None,
    }
}

fn read_json_ld(value: &Value, out: &mut PageMeta, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::Array(items) => {
            // Articles first, pages after.
            for item in items.iter().filter(|v| !is_web_page(v)) {
                read_json_ld(item, out, depth + 1);
            }
            for item in items.iter().filter(|v| is_web_page(v)) {
                read_json_ld(item, out, depth + 1);
            }
        }
        Value::Object(map) => {
            if let Some(graph) = map.get("@graph") {
                read_json_ld(graph, out, depth + 1);
            }
            if !is_article_type(value) {
                return;
            }
            let web_page = is_web_page(value);
            if !web_page {
                set(
                    &mut out.headline,
                    map.get("headline").or_else(|| map.get("name")).and_then(string_of),
                );
                set(&mut out.author, map.get("author").and_then(string_of));
                set(&mut out.section, map.get("articleSection").and_then(string_of));
                if let Some(k) = map.get("keywords") {
                    match k {
                        Value::Array(items) => {
                            for item in items {
                                if let Some(s) = item.as_str() {
                                    push_tag(&mut out.tags, s);
                                }
                            }
                        }
                        Value::String(s) => push_tag(&mut out.tags, s),
                        _ => {}
                    }
                }
            }
            set(
                &mut out.published,
                map.get("datePublished").and_then(Value::as_str).and_then(parse_time),
            );
            set(
                &mut out.modified,
                map.get("dateModified").and_then(Value::as_str).and_then(parse_time),
            );
            let url = map.get("url").and_then(Value::as_str).or_else(|| {
                map.get("mainEntityOfPage")
                    .and_then(|m| m.as_str().or_else(|| m.get("@id").and_then(Value::as_str)))
            });
            set(&mut out.canonical_url, url.and_then(clean));
            set(
                &mut out.declared_language,
                map.get("inLanguage").and_then(Value::as_str).and_then(primary_subtag),
            );
            set(
                &mut out.site,
                map.get("publisher").and_then(|p| p.get("name")).and_then(string_of),
            );
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        let show = |s: &str| parse_time(s).map(|p| p.to_string());
        assert_eq!(show("2022-01-08T11:47:00+03:00").as_deref(), Some("2022-01-08T11:47:00+03:00"));
        assert_eq!(show("2022-01-08").as_deref(), Some("2022-01-08T00:00:00"));
        assert_eq!(
            show("Sat, 08 Jan 2022 11:47:00 GMT").as_deref(),
            Some("2022-01-08T11:47:00+00:00")
        );
        assert_eq!(show("السبت 8 يناير 2022 11:47 ص").as_deref(), Some("2022-01-08T11:47:00"));
        assert_eq!(show("soon"), None);
    }

    #[test]
    fn site_suffix() {
        assert_eq!(
            strip_site_suffix("وزير المالية يعلن الموازنة - الجريدة"),
            "وزير المالية يعلن الموازنة"
        );
        assert_eq!(strip_site_suffix("Short - Site"), "Short - Site");
    }
}
