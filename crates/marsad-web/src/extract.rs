//! Main-content extraction: which paragraphs of a page are the article.
//!
//! Three passes over the [`Dom`]:
//!
//! 1. **Prune** (document order): a node is boilerplate if its parent is, or if its tag
//!    (`nav`, `aside`, `form`, `footer`, …), role, hidden state or class/id words (`share`,
//!    `related`, `comment`, `newsletter`, `اقرأ`, …) say so.
//! 2. **Measure** (reverse order): text length, link-text length and commas of each
//!    subtree, counting only what is not pruned.
//! 3. **Score** (readability-style): each paragraph-like element with enough text scores
//!    `1 + commas + min(len/100, 3)` for its ancestors (full for the parent, half for the
//!    grandparent, then `1/(3·level)`), candidates are weighted by tag and class words and
//!    by `1 − link density`, and the best one wins. An element marked as the article body
//!    (`itemprop="articleBody"`) wins outright when it holds enough text.
//!
//! The winner's text blocks (and those of siblings that score close to it) are the body,
//! minus blocks that are mostly links.

use crate::dom::{Dom, Kind, NONE, NodeId, Tag, is_html_space, push_collapsed};

/// Per-node measurements.
pub(crate) struct Measure {
    /// Whether the node is boilerplate (itself or through an ancestor).
    pub pruned: Vec<bool>,
    /// Characters of text in the subtree (not pruned).
    pub text: Vec<u32>,
    /// Characters of link text in the subtree.
    pub links: Vec<u32>,
    /// Commas (Latin and Arabic) in the subtree.
    pub commas: Vec<u32>,
    /// Why a node was pruned as "related": its subtree holds related headlines.
    pub related: Vec<bool>,
}

/// Class and id words that mark boilerplate, matched as substrings of the lowercased
/// `class id` string.
const BOILERPLATE_SUBSTRINGS: &[&str] = &[
    "comment",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "sidebar",
    "breadcrumb",
    "footer",
    "masthead",
    "navbar",
    "navigation",
    "menu",
    "cookie",
    "consent",
    "gdpr",
    "popup",
    "modal",
    "promo",
    "sponsor",
    "advert",
    "banner",
    "outbrain",
    "taboola",
    "trending",
    "most-popular",
    "mostpopular",
    "most-read",
    "recommend",
    "read-also",
    "readalso",
    "read-more",
    "readmore",
    "more-news",
    "more-stories",
    "signup",
    "sign-up",
    "paywall",
    "disqus",
    "pagination",
    "pager",
    "toolbar",
    "skip-link",
    "widget",
    "tag-list",
    "taglist",
    "post-tags",
    "article-tags",
    "entry-tags",
    "tags-list",
    "byline",
    "author-bio",
    "caption",
    "credit",
    "print-only",
    "visually-hidden",
    "sr-only",
    "screen-reader",
    "nocontent",
    "inline-ad",
    "ad-container",
    "ad-wrapper",
    "ad-slot",
    "ad-unit",
    "adunit",
    "dfp",
    "bottom-of-article",
    "timestamp",
    "dateline",
    "meta-data",
    "post-meta",
    "entry-meta",
    "article-meta",
    "sticky",
    "rail",
];

/// Class and id words (whole tokens, split on space, `-`, `_`) that mark boilerplate.
const BOILERPLATE_TOKENS: &[&str] = &[
    "ad",
    "ads",
    "nav",
    "tags",
    "tag",
    "header",
    "meta",
    "date",
    "author",
    "topics",
    "extra",
    "aside",
    "related",
    "share",
    "social",
    "embed",
    "video",
    "audio",
    "gallery",
    "slideshow",
    "keywords",
];

/// Words that keep an element despite a boilerplate word (readability's "maybe").
const CONTENT_WORDS: &[&str] = &[
    "article-body",
    "articlebody",
    "article-content",
    "story-body",
    "entry-content",
    "post-content",
    "main-content",
];

/// Class and id words that mark related-article boxes (their links are related headlines).
const RELATED_WORDS: &[&str] = &[
    "related",
    "read-also",
    "readalso",
    "more-news",
    "more-stories",
    "recommend",
    "see-also",
    "also-read",
];

/// Boxes headed by these words list related headlines.
pub(crate) const RELATED_HEADINGS: &[&str] = &[
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "اقرأ ايضا",
    "إقرأ أيضا",
    "إقرأ أيضاً",
    "أخبار ذات صلة",
    "اخبار ذات صلة",
    "مواضيع ذات صلة",
    "مقالات ذات صلة",
    "ذات صلة",
    "اقرأ المزيد",
    "Related",
    "Read more",
    "Read also",
    "More stories",
];

const POSITIVE_WORDS: &[&str] =
    &["article", "body", "content", "entry", "main", "page", "post", "text", "blog", "story", "نص"];
const NEGATIVE_WORDS: &[&str] = &[
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "foot",
    "footer",
    "footnote",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "tool",
    "widget",
];

fn class_id(dom: &Dom, id: NodeId) -> String {
    let mut s = String::new();
    if let Some(c) = dom.attr_raw(id, "class") {
        s.push_str(c);
    }
    if let Some(i) = dom.attr_raw(id, "id") {
        s.push(' ');
        s.push_str(i);
    }
    s.make_ascii_lowercase();
    s
}

/// Whether an element is boilerplate by its own markup.
fn is_boilerplate(dom: &Dom, id: NodeId, tag: Tag) -> bool {
    match tag {
        Tag::Script
        | Tag::Style
        | Tag::Noscript
        | Tag::Template
        | Tag::Nav
        | Tag::Button
        | Tag::Select
        | Tag::Textarea
        | Tag::Iframe
        | Tag::Svg
        | Tag::Canvas
        | Tag::Video
        | Tag::Audio
        | Tag::Object
        | Tag::Embed
        | Tag::Head
        | Tag::Menu
        | Tag::Dialog
        | Tag::Input
        | Tag::Figure
        | Tag::Figcaption
        | Tag::Title
        | Tag::Time
        | Tag::Picture
        | Tag::Label => return true,
        Tag::Html | Tag::Body | Tag::Main => return false,
        _ => {}
    }
    if dom.attr_raw(id, "hidden").is_some() {
        return true;
    }
    if dom.attr_raw(id, "aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return true;
    }
    if let Some(role) = dom.attr_raw(id, "role") {
        let role = role.to_ascii_lowercase();
        if matches!(
            role.as_str(),
            "navigation"
                | "complementary"
                | "banner"
                | "contentinfo"
                | "menu"
                | "menubar"
                | "dialog"
                | "alert"
                | "search"
        ) {
            return true;
        }
    }
    if let Some(style) = dom.attr_raw(id, "style") {
        let style: String =
            style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Class and id words that mark boilerplate whatever the element's size.
const STRONG_BOILERPLATE: &[&str] = &["comment", "disqus", "outbrain", "taboola"];

/// Whether an element's class or id words say boilerplate: `Some(true)` for words that
/// hold whatever the size ([`STRONG_BOILERPLATE`]), `Some(false)` for words that hold
/// only for elements with a small share of the page's text.
fn boilerplate_words(dom: &Dom, id: NodeId, tag: Tag) -> Option<bool> {
    match tag {
        Tag::Html | Tag::Body | Tag::Main => return None,
        // Page-wide wrappers in some CMSs (ASP.NET forms, `<header>` around the article).
        Tag::Form | Tag::Header | Tag::Footer | Tag::Aside => return Some(false),
        _ => {}
    }
    if dom.attr_raw(id, "itemprop").is_some_and(|v| v.eq_ignore_ascii_case("articleBody")) {
        return None;
    }
    let words = class_id(dom, id);
    if words.is_empty() || CONTENT_WORDS.iter().any(|w| words.contains(w)) {
        return None;
    }
    if STRONG_BOILERPLATE.iter().any(|w| words.contains(w)) {
        return Some(true);
    }
    let weak = BOILERPLATE_SUBSTRINGS.iter().any(|w| words.contains(w))
        || words
            .split(|c: char| c.is_ascii_whitespace() || c == '-' || c == '_')
            .any(|t| BOILERPLATE_TOKENS.contains(&t));
    weak.then_some(false)
}

fn is_related_box(dom: &Dom, id: NodeId) -> bool {
    let words = class_id(dom, id);
    RELATED_WORDS.iter().any(|w| words.contains(w))
}

/// Characters in `s`, not counting whitespace.
fn char_count(s: &str) -> u32 {
    s.chars().filter(|c| !is_html_space(*c)).count() as u32
}

/// Commas in `s`.
fn comma_count(s: &str) -> u32 {
    s.chars().filter(|&c| matches!(c, ',' | '،')).count() as u32
}

/// Share of the page's text above which an element is not pruned for weak class words
/// (a wrapper named `page-with-rail` may hold the article).
const WEAK_PRUNE_MAX_SHARE: f64 = 0.3;

pub(crate) fn measure(dom: &Dom) -> Measure {
    let n = dom.nodes.len();
    let mut m = Measure {
        pruned: vec![false; n],
        text: vec![0; n],
        links: vec![0; n],
        commas: vec![0; n],
        related: vec![false; n],
    };
    // Pass 1: structural pruning (tags, roles, hidden), related boxes.
    let mut words = vec![None; n];
    for i in 0..n {
        let Some(node) = dom.nodes.get(i) else { break };
        let parent = node.parent as usize;
        let parent_pruned = m.pruned.get(parent).copied().unwrap_or(false);
        let parent_related = m.related.get(parent).copied().unwrap_or(false);
        let (pruned, related) = match node.kind {
            Kind::Element { tag, .. } => {
                let id = i as NodeId;
                let related = parent_related || is_related_box(dom, id);
                if let Some(w) = words.get_mut(i) {
                    *w = boilerplate_words(dom, id, tag);
                }
                (parent_pruned || is_boilerplate(dom, id, tag), related)
            }
            Kind::Text { raw: true, .. } => (true, parent_related),
            _ => (parent_pruned, parent_related),
        };
        if let Some(p) = m.pruned.get_mut(i) {
            *p = pruned;
        }
        if let Some(r) = m.related.get_mut(i) {
            *r = related;
        }
    }
    sum_up(dom, &mut m);
    // Pass 2: class words, weak ones only on elements with a small share of the text.
    let total = f64::from(m.text.first().copied().unwrap_or(0).max(1));
    let text_before = std::mem::take(&mut m.text);
    for i in 0..n {
        let Some(node) = dom.nodes.get(i) else { break };
        let parent_pruned = m.pruned.get(node.parent as usize).copied().unwrap_or(false);
        let share = f64::from(text_before.get(i).copied().unwrap_or(0)) / total;
        let by_words = match words.get(i).copied().flatten() {
            Some(true) => true,
            Some(false) => share < WEAK_PRUNE_MAX_SHARE,
            None => false,
        };
        if let Some(p) = m.pruned.get_mut(i) {
            *p = *p || parent_pruned || by_words;
        }
    }
    m.text = vec![0; n];
    m.links.iter_mut().for_each(|x| *x = 0);
    m.commas.iter_mut().for_each(|x| *x = 0);
    sum_up(dom, &mut m);
    m
}

/// Bottom-up text, link-text and comma counts over what is not pruned.
fn sum_up(dom: &Dom, m: &mut Measure) {
    let n = dom.nodes.len();
    for i in (0..n).rev() {
        let Some(node) = dom.nodes.get(i) else { continue };
        if m.pruned.get(i).copied().unwrap_or(true) {
            continue;
        }
        if let Kind::Text { .. } = node.kind {
            let text = dom.text(i as NodeId);
            if let Some(t) = m.text.get_mut(i) {
                *t = char_count(&text);
            }
            if let Some(c) = m.commas.get_mut(i) {
                *c = comma_count(&text);
            }
        }
        if dom.tag(i as NodeId) == Some(Tag::A)
            && let (Some(&t), Some(l)) = (m.text.get(i), m.links.get_mut(i))
        {
            *l = t;
        }
        let parent = node.parent as usize;
        let (t, l, c) = (
            m.text.get(i).copied().unwrap_or(0),
            m.links.get(i).copied().unwrap_or(0),
            m.commas.get(i).copied().unwrap_or(0),
        );
        if let Some(p) = m.text.get_mut(parent) {
            *p += t;
        }
        if let Some(p) = m.links.get_mut(parent) {
            *p += l;
        }
        if let Some(p) = m.commas.get_mut(parent) {
            *p += c;
        }
    }
}

impl Measure {
    fn link_density(&self, i: usize) -> f64 {
        let t = self.text.get(i).copied().unwrap_or(0);
        if t == 0 {
            return 0.0;
        }
        f64::from(self.links.get(i).copied().unwrap_or(0)) / f64::from(t)
    }
}

/// Whether an element holds text directly, as a paragraph does.
fn is_paragraph_like(dom: &Dom, id: NodeId, tag: Tag) -> bool {
    match tag {
        Tag::P | Tag::Pre | Tag::Td | Tag::Blockquote => true,
        Tag::Div | Tag::Section | Tag::Article | Tag::Span | Tag::Font | Tag::Center => {
            // A container without block children is a paragraph.
            !dom.children(id).any(|c| dom.tag(c).is_some_and(|t| t.is_block() && t != Tag::Br))
        }
        _ => false,
    }
}

fn class_weight(dom: &Dom, id: NodeId) -> f64 {
    let words = class_id(dom, id);
    if words.is_empty() {
        return 0.0;
    }
    let mut w = 0.0;
    if NEGATIVE_WORDS.iter().any(|n| words.contains(n)) {
        w -= 25.0;
    }
    if POSITIVE_WORDS.iter().any(|p| words.contains(p)) {
        w += 25.0;
    }
    w
}

fn tag_weight(tag: Tag) -> f64 {
    match tag {
        Tag::Div | Tag::Article | Tag::Section | Tag::Main => 5.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => {
            -3.0
        }
        t if t.is_heading() => -5.0,
        Tag::Th => -5.0,
        _ => 0.0,
    }
}

/// The elements whose text is the article body, in document order.
pub(crate) fn main_content(dom: &Dom, m: &Measure) -> Vec<NodeId> {
    // An element that says it is the body.
    let marked: Vec<NodeId> = (0..dom.nodes.len() as NodeId)
        .filter(|&i| {
            dom.attr_raw(i, "itemprop").is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
                && !m.pruned.get(i as usize).copied().unwrap_or(true)
        })
        .collect();
    let marked: Vec<NodeId> = outermost(dom, marked);
    let marked_text: u32 =
        marked.iter().map(|&i| m.text.get(i as usize).copied().unwrap_or(0)).sum();
    if marked_text >= 300 {
        return marked;
    }

    let n = dom.nodes.len();
    let mut score = vec![0.0f64; n];
    let mut is_candidate = vec![false; n];
    for i in 0..n {
        if m.pruned.get(i).copied().unwrap_or(true) {
            continue;
        }
        match dom.nodes.get(i).map(|n| n.kind) {
            Some(Kind::Element { tag, .. }) if is_paragraph_like(dom, i as NodeId, tag) => {}
            // Loose text in a container with block children (`text<br>text<div>…`) is a
            // paragraph of that container, as readability wraps it in a `<p>`.
            Some(Kind::Text { .. }) => {
                let parent = dom.nodes.get(i).map_or(NONE, |n| n.parent);
                let loose = dom.tag(parent).is_some_and(|t| {
                    matches!(
                        t,
                        Tag::Div
                            | Tag::Section
                            | Tag::Article
                            | Tag::Main
                            | Tag::Body
                            | Tag::Center
                    ) && !is_paragraph_like(dom, parent, t)
                });
                if !loose {
                    continue;
                }
            }
            _ => continue,
        }
        let len = m.text.get(i).copied().unwrap_or(0);
        if len < 25 {
            continue;
        }
        let content = 1.0
            + f64::from(m.commas.get(i).copied().unwrap_or(0))
            + (f64::from(len) / 100.0).min(3.0);
        let mut ancestor = dom.nodes.get(i).map_or(NONE, |n| n.parent);
        let mut level = 0usize;
        while ancestor != NONE && level < 5 {
            let a = ancestor as usize;
            if let Some(c) = is_candidate.get_mut(a)
                && !*c
            {
                *c = true;
                let t = dom.tag(ancestor).unwrap_or(Tag::Other);
                if let Some(s) = score.get_mut(a) {
                    *s = tag_weight(t) + class_weight(dom, ancestor);
                }
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            if let Some(s) = score.get_mut(a) {
                *s += content / divider;
            }
            ancestor = dom.nodes.get(a).map_or(NONE, |n| n.parent);
            level += 1;
        }
    }
    let mut best: Option<(usize, f64)> = None;
    for i in 0..n {
        if !is_candidate.get(i).copied().unwrap_or(false) || i == 0 {
            continue;
        }
        let s = score.get(i).copied().unwrap_or(0.0) * (1.0 - m.link_density(i));
        if let Some(v) = score.get_mut(i) {
            *v = s;
        }
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    let Some((top, top_score)) = best else {
        return vec![0];
    };
    // Siblings that look like the same article.
    let threshold = (top_score * 0.2).max(10.0);
    let parent = dom.nodes.get(top).map_or(NONE, |n| n.parent);
    if parent == NONE {
        return vec![top as NodeId];
    }
    let mut out = Vec::new();
    for sib in dom.children(parent) {
        let s = sib as usize;
        if s == top {
            out.push(sib);
            continue;
        }
        if m.pruned.get(s).copied().unwrap_or(true) {
            continue;
        }
        let sib_score = if is_candidate.get(s).copied().unwrap_or(false) {
            score.get(s).copied().unwrap_or(0.0)
        } else {
            0.0
        };
        if sib_score >= threshold {
            out.push(sib);
            continue;
        }
        if dom.tag(sib) == Some(Tag::P) {
            let len = m.text.get(s).copied().unwrap_or(0);
            let ld = m.link_density(s);
            if (len > 80 && ld < 0.25)
                || (len > 0 && ld == 0.0 && ends_sentence(&dom.text_content(sib)))
            {
                out.push(sib);
            }
        }
    }
    out
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end().ends_with(['.', '!', '?', '۔', '؟'])
}

/// Drops nodes inside another node of the list.
fn outermost(dom: &Dom, ids: Vec<NodeId>) -> Vec<NodeId> {
    let mut out: Vec<NodeId> = Vec::new();
    for id in ids {
        let inside = out.iter().any(|&o| dom.subtree(o).contains(&(id as usize)));
        if !inside {
            out.push(id);
        }
    }
    out
}

/// The text blocks (paragraphs) under `roots`, skipping pruned nodes and blocks that are
/// mostly links. A paragraph ends where a block element starts or ends.
pub(crate) fn paragraphs(dom: &Dom, m: &Measure, roots: &[NodeId]) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut links = 0usize;
    // Where the open block elements end (node index just past their subtree).
    let mut ends: Vec<usize> = Vec::new();
    for &root in roots {
        let range = dom.subtree(root);
        let mut i = range.start;
        while i < range.end {
            let Some(node) = dom.nodes.get(i) else { break };
            let mut next = i + 1;
            if m.pruned.get(i).copied().unwrap_or(true) {
                // Skip the subtree; a pruned block still ends a paragraph.
                if dom.tag(i as NodeId).is_some_and(Tag::is_block) {
                    flush(&mut out, &mut current, &mut links);
                }
                next = dom.subtree(i as NodeId).end;
            } else {
                match node.kind {
                    Kind::Element { tag, .. } => {
                        if tag.is_block() {
                            flush(&mut out, &mut current, &mut links);
                            if node.first_child != NONE {
                                ends.push(dom.subtree(i as NodeId).end);
                            }
                        }
                        if tag == Tag::A {
                            links += m.text.get(i).copied().unwrap_or(0) as usize;
                        }
                    }
                    Kind::Text { .. } => push_collapsed(&mut current, &dom.text(i as NodeId)),
                    Kind::Document => {}
                }
            }
            let mut hit = false;
            while ends.last().is_some_and(|&e| e <= next) {
                ends.pop();
                hit = true;
            }
            if hit {
                flush(&mut out, &mut current, &mut links);
            }
            i = next;
        }
        flush(&mut out, &mut current, &mut links);
        ends.clear();
    }
    out
}

fn flush(out: &mut Vec<String>, current: &mut String, links: &mut usize) {
    let text = current.trim();
    if !text.is_empty() {
        let chars = text.chars().count();
        let link_density = *links as f64 / chars.max(1) as f64;
        if link_density <= 0.5 {
            out.push(text.to_owned());
        }
    }
    current.clear();
    *links = 0;
}
