//! A small, fast, forgiving HTML parser: tokenizer plus an arena tree.
//!
//! It is not a full HTML5 tree builder: it knows void elements, raw-text elements
//! (`script`, `style`, `title`, …), the implied end tags that matter for text (`p`, `li`,
//! `dt`/`dd`, `tr`/`td`, `option`, headings) and ignores end tags with no open element.
//! That is what extraction needs, at several times the speed of a spec tree builder.
//! Nodes are stored in document order, so a parent always comes before its children and
//! bottom-up passes are one reverse loop. Nothing recurses, so deep nesting cannot overflow
//! the stack; nesting deeper than [`MAX_DEPTH`] is an error.

use std::borrow::Cow;

use memchr::memchr;

/// Open elements deeper than this make the page an error rather than a tree.
pub const MAX_DEPTH: usize = 2048;

/// Index of a node in [`Dom::nodes`].
pub type NodeId = u32;

/// No node (the parent of the root, the end of a sibling list).
pub const NONE: NodeId = u32::MAX;

macro_rules! tags {
    ($($variant:ident = $name:literal),* $(,)?) => {
        /// The element names the extractor cares about; any other is [`Tag::Other`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Tag { $($variant,)* Other }

        const TAG_NAMES: &[(&str, Tag)] = &[$(($name, Tag::$variant),)*];

        /// Number of [`Tag`] variants.
        const TAG_COUNT: usize = TAG_NAMES.len() + 1;
    };
}

tags! {
    A = "a", Abbr = "abbr", Address = "address", Area = "area", Article = "article",
    Aside = "aside", Audio = "audio", B = "b", Base = "base", Blockquote = "blockquote",
    Body = "body", Br = "br", Button = "button", Canvas = "canvas", Caption = "caption",
    Center = "center", Cite = "cite", Code = "code", Col = "col", Dd = "dd", Del = "del",
    Details = "details", Dialog = "dialog", Div = "div", Dl = "dl", Dt = "dt", Em = "em",
    Embed = "embed", Fieldset = "fieldset", Figcaption = "figcaption", Figure = "figure",
    Font = "font", Footer = "footer", Form = "form", H1 = "h1", H2 = "h2", H3 = "h3",
    H4 = "h4", H5 = "h5", H6 = "h6", Head = "head", Header = "header", Hr = "hr",
    Html = "html", I = "i", Iframe = "iframe", Img = "img", Input = "input", Ins = "ins",
    Label = "label", Li = "li", Link = "link", Main = "main", Mark = "mark", Menu = "menu",
    Meta = "meta", Nav = "nav", Noembed = "noembed", Noframes = "noframes",
    Noscript = "noscript", Object = "object", Ol = "ol", Optgroup = "optgroup",
    Option = "option", P = "p", Param = "param", Picture = "picture", Pre = "pre", Q = "q",
    S = "s", Script = "script", Section = "section", Select = "select", Small = "small",
    Source = "source", Span = "span", Strong = "strong", Style = "style", Sub = "sub",
    Summary = "summary", Sup = "sup", Svg = "svg", Table = "table", Tbody = "tbody",
    Td = "td", Template = "template", Textarea = "textarea", Tfoot = "tfoot", Th = "th",
    Thead = "thead", Time = "time", Title = "title", Tr = "tr", Track = "track", U = "u",
    Ul = "ul", Video = "video", Wbr = "wbr", Xmp = "xmp",
}

impl Tag {
    /// The tag for an element name (ASCII case-insensitive).
    pub fn from_name(name: &[u8]) -> Tag {
        if name.len() > 10 {
            return Tag::Other;
        }
        let mut buf = [0u8; 10];
        let lower = &mut buf[..name.len()];
        lower.copy_from_slice(name);
        lower.make_ascii_lowercase();
        TAG_NAMES.iter().find(|(n, _)| n.as_bytes() == &*lower).map_or(Tag::Other, |&(_, tag)| tag)
    }

    /// Elements that never have content.
    pub fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Area
                | Tag::Base
                | Tag::Br
                | Tag::Col
                | Tag::Embed
                | Tag::Hr
                | Tag::Img
                | Tag::Input
                | Tag::Link
                | Tag::Meta
                | Tag::Param
                | Tag::Source
                | Tag::Track
                | Tag::Wbr
        )
    }

    /// Elements whose content is text up to the matching end tag.
    fn is_raw_text(self) -> bool {
        matches!(
            self,
            Tag::Script
                | Tag::Style
                | Tag::Title
                | Tag::Textarea
                | Tag::Xmp
                | Tag::Iframe
                | Tag::Noembed
                | Tag::Noframes
                | Tag::Noscript
                | Tag::Template
        )
    }

    /// Block elements: text on either side of one is a separate paragraph.
    pub fn is_block(self) -> bool {
        matches!(
            self,
            Tag::Address
                | Tag::Article
                | Tag::Aside
                | Tag::Blockquote
                | Tag::Body
                | Tag::Caption
                | Tag::Center
                | Tag::Dd
                | Tag::Details
                | Tag::Dialog
                | Tag::Div
                | Tag::Dl
                | Tag::Dt
                | Tag::Fieldset
                | Tag::Figcaption
                | Tag::Figure
                | Tag::Footer
                | Tag::Form
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Header
                | Tag::Hr
                | Tag::Html
                | Tag::Li
                | Tag::Main
                | Tag::Menu
                | Tag::Nav
                | Tag::Ol
                | Tag::P
                | Tag::Pre
                | Tag::Section
                | Tag::Summary
                | Tag::Table
                | Tag::Tbody
                | Tag::Td
                | Tag::Tfoot
                | Tag::Th
                | Tag::Thead
                | Tag::Tr
                | Tag::Ul
                | Tag::Br
        )
    }

    pub fn is_heading(self) -> bool {
        matches!(self, Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)
    }

    /// Start tags that close an open `p`.
    fn closes_p(self) -> bool {
        self.is_block()
            && !matches!(
                self,
                Tag::Body | Tag::Html | Tag::Caption | Tag::Td | Tag::Th | Tag::Tr | Tag::Br
            )
    }

    /// Elements that bound the search for an element to close implicitly.
    fn is_scope_boundary(self) -> bool {
        matches!(
            self,
            Tag::Html | Tag::Table | Tag::Td | Tag::Th | Tag::Caption | Tag::Button | Tag::Object
        )
    }
}

/// What a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The root.
    Document,
    /// An element: its tag, its name as a range of the source, its attributes as a range of
    /// [`Dom::attrs`].
    Element { tag: Tag, name: (u32, u32), attrs: (u32, u32) },
    /// Text as a range of the source, entities not yet decoded.
    Text { start: u32, end: u32, raw: bool },
}

/// One node of the tree, linked to its parent, first child and next sibling.
#[derive(Clone, Copy, Debug)]
pub struct Node {
    pub kind: Kind,
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub next: NodeId,
}

/// One attribute: name and value as ranges of the source.
#[derive(Clone, Copy, Debug)]
pub struct Attr {
    name: (u32, u32),
    value: (u32, u32),
}

/// The tree of one page, borrowing the page's text.
pub struct Dom<'a> {
    src: &'a str,
    pub nodes: Vec<Node>,
    attrs: Vec<Attr>,
}

/// Why a page could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    TooDeep,
    TooLarge,
}

impl<'a> Dom<'a> {
    /// Parses `src`. Fails only on nesting deeper than [`MAX_DEPTH`] or a page over 4 GiB.
    pub fn parse(src: &'a str) -> Result<Dom<'a>, ParseError> {
        if u32::try_from(src.len()).is_err() {
            return Err(ParseError::TooLarge);
        }
        let mut builder = Builder {
            dom: Dom { src, nodes: Vec::with_capacity(src.len() / 40), attrs: Vec::new() },
            stack: vec![0],
            open: [0; TAG_COUNT],
        };
        builder.dom.nodes.push(Node {
            kind: Kind::Document,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next: NONE,
        });
        builder.run()?;
        Ok(builder.dom)
    }

    /// The page's text.
    pub fn source(&self) -> &'a str {
        self.src
    }

    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id as usize)
    }

    /// The tag of an element node.
    pub fn tag(&self, id: NodeId) -> Option<Tag> {
        match self.node(id)?.kind {
            Kind::Element { tag, .. } => Some(tag),
            _ => None,
        }
    }

    fn slice(&self, (start, end): (u32, u32)) -> &'a str {
        self.src.get(start as usize..end as usize).unwrap_or("")
    }

    /// The element's name as written.
    pub fn name(&self, id: NodeId) -> &'a str {
        match self.node(id).map(|n| n.kind) {
            Some(Kind::Element { name, .. }) => self.slice(name),
            _ => "",
        }
    }

    /// The raw (undecoded) value of attribute `name` (ASCII case-insensitive).
    pub fn attr_raw(&self, id: NodeId, name: &str) -> Option<&'a str> {
        let Some(Kind::Element { attrs: (a, b), .. }) = self.node(id).map(|n| n.kind) else {
            return None;
        };
        self.attrs
            .get(a as usize..b as usize)?
            .iter()
            .find(|attr| self.slice(attr.name).eq_ignore_ascii_case(name))
            .map(|attr| self.slice(attr.value))
    }

    /// The value of attribute `name`, entities decoded.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<Cow<'a, str>> {
        self.attr_raw(id, name).map(decode_entities)
    }

    /// The children of a node, in order.
    pub fn children(&self, id: NodeId) -> Children<'_, 'a> {
        Children { dom: self, next: self.node(id).map_or(NONE, |n| n.first_child) }
    }

    /// The node and all its descendants, in document order. Because nodes are stored in
    /// document order, this is a contiguous range ending before the next node outside it.
    pub fn subtree(&self, id: NodeId) -> std::ops::Range<usize> {
        let start = id as usize;
        let mut end = self.nodes.len();
        let mut cur = id;
        while let Some(node) = self.node(cur) {
            if node.next != NONE {
                end = node.next as usize;
                break;
            }
            cur = node.parent;
        }
        start..end.max(start + 1).min(self.nodes.len())
    }

    /// The decoded text of a text node; `""` for other nodes.
    pub fn text(&self, id: NodeId) -> Cow<'a, str> {
        match self.node(id).map(|n| n.kind) {
            Some(Kind::Text { start, end, raw: false }) => {
                decode_entities(self.slice((start, end)))
            }
            Some(Kind::Text { start, end, raw: true }) => Cow::Borrowed(self.slice((start, end))),
            _ => Cow::Borrowed(""),
        }
    }

    /// All text under `id`, with whitespace collapsed to single spaces, trimmed.
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        for i in self.subtree(id) {
            if let Some(Kind::Text { .. }) = self.nodes.get(i).map(|n| n.kind) {
                let parent = self.nodes.get(i).map_or(NONE, |n| n.parent);
                // Script and style text is never content.
                if !matches!(self.tag(parent), Some(Tag::Script | Tag::Style | Tag::Template)) {
                    push_collapsed(&mut out, &self.text(i as NodeId));
                }
            }
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out
    }
}

/// Appends `text` to `out` with runs of whitespace collapsed to one space and no leading
/// space at the start of `out`.
pub fn push_collapsed(out: &mut String, text: &str) {
    for (i, word) in text.split(is_html_space).enumerate() {
        if word.is_empty() {
            if i == 0 && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        if i > 0 && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(word);
    }
    if text.ends_with(is_html_space) && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// Whitespace for collapsing: ASCII whitespace, no-break space and Unicode spaces.
pub fn is_html_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}'
}

/// The children of a node.
pub struct Children<'d, 'a> {
    dom: &'d Dom<'a>,
    next: NodeId,
}

impl Iterator for Children<'_, '_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        let id = self.next;
        self.next = self.dom.node(id)?.next;
        Some(id)
    }
}

struct Builder<'a> {
    dom: Dom<'a>,
    /// Open elements, the root first.
    stack: Vec<NodeId>,
    /// How many elements of each tag are open, so end tags with nothing to close are
    /// dropped without a scan.
    open: [u32; TAG_COUNT],
}

impl<'a> Builder<'a> {
    fn run(&mut self) -> Result<(), ParseError> {
        let src = self.dom.src.as_bytes();
        let mut pos = 0;
        while pos < src.len() {
            let rest = src.get(pos..).unwrap_or_default();
            let Some(lt) = memchr(b'<', rest) else {
                self.text(pos, src.len());
                break;
            };
            let lt = pos + lt;
            if lt > pos {
                self.text(pos, lt);
            }
            pos = self.markup(lt)?;
        }
        Ok(())
    }

    /// Handles the markup at `lt` (a `<`), returning where to continue.
    fn markup(&mut self, lt: usize) -> Result<usize, ParseError> {
        let src = self.dom.src.as_bytes();
        let at = |i: usize| src.get(i).copied().unwrap_or(0);
        match at(lt + 1) {
            b'!' => {
                if src.get(lt + 2..lt + 4) == Some(b"--") {
                    Ok(find(src, lt + 4, b"-->").map_or(src.len(), |i| i + 3))
                } else {
                    Ok(memchr(b'>', src.get(lt..).unwrap_or_default())
                        .map_or(src.len(), |i| lt + i + 1))
                }
            }
            b'?' => {
                Ok(memchr(b'>', src.get(lt..).unwrap_or_default())
                    .map_or(src.len(), |i| lt + i + 1))
            }
            b'/' if at(lt + 2).is_ascii_alphabetic() => {
                let name_end = name_end(src, lt + 2);
                let close = memchr(b'>', src.get(name_end..).unwrap_or_default())
                    .map_or(src.len(), |i| name_end + i + 1);
                self.end_tag(lt + 2, name_end);
                Ok(close)
            }
            b'/' => {
                Ok(memchr(b'>', src.get(lt..).unwrap_or_default())
                    .map_or(src.len(), |i| lt + i + 1))
            }
            c if c.is_ascii_alphabetic() => self.start_tag(lt),
            _ => {
                // A lone `<` is text.
                self.text(lt, lt + 1);
                Ok(lt + 1)
            }
        }
    }

    fn start_tag(&mut self, lt: usize) -> Result<usize, ParseError> {
        let src = self.dom.src.as_bytes();
        let name_start = lt + 1;
        let name_stop = name_end(src, name_start);
        let tag = Tag::from_name(src.get(name_start..name_stop).unwrap_or_default());
        let attrs_start = self.dom.attrs.len() as u32;
        let mut i = name_stop;
        let mut self_closing = false;
        // Attributes.
        loop {
            while src.get(i).is_some_and(|b| b.is_ascii_whitespace() || *b == b'/') {
                if src.get(i) == Some(&b'/') {
                    self_closing = true;
                }
                i += 1;
            }
            match src.get(i) {
                None => break,
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(_) => {}
            }
            self_closing = false;
            let n0 = i;
            while src
                .get(i)
                .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>' | b'='))
            {
                i += 1;
            }
            if i == n0 {
                // A stray `=`.
                i += 1;
                continue;
            }
            let n1 = i;
            while src.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            let value;
            if src.get(i) == Some(&b'=') {
                i += 1;
                while src.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                match src.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let v0 = i + 1;
                        let v1 = memchr(q, src.get(v0..).unwrap_or_default())
                            .map_or(src.len(), |k| v0 + k);
                        value = (v0 as u32, v1 as u32);
                        i = (v1 + 1).min(src.len());
                    }
                    _ => {
                        let v0 = i;
                        while src.get(i).is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>') {
                            i += 1;
                        }
                        value = (v0 as u32, i as u32);
                    }
                }
            } else {
                value = (n1 as u32, n1 as u32);
            }
            if self.dom.attrs.len() - attrs_start as usize <= 64 {
                self.dom.attrs.push(Attr { name: (n0 as u32, n1 as u32), value });
            }
        }
        let attrs = (attrs_start, self.dom.attrs.len() as u32);
        self.open_element(tag, (name_start as u32, name_stop as u32), attrs, self_closing)?;
        if tag.is_raw_text() && !self_closing {
            let name = src.get(name_start..name_stop).unwrap_or_default();
            let end = find_end_tag(src, i, name);
            if end > i {
                let raw = !matches!(tag, Tag::Title | Tag::Textarea);
                self.push_text(i, end, raw);
            }
            self.pop_tag(tag, name_start, name_stop);
            let close =
                memchr(b'>', src.get(end..).unwrap_or_default()).map_or(src.len(), |k| end + k + 1);
            return Ok(close);
        }
        Ok(i)
    }

    fn open_element(
        &mut self,
        tag: Tag,
        name: (u32, u32),
        attrs: (u32, u32),
        self_closing: bool,
    ) -> Result<(), ParseError> {
        self.implied_end_tags(tag);
        let id = self.append(Kind::Element { tag, name, attrs });
        let keep_open = !(tag.is_void() || (self_closing && tag == Tag::Other));
        if keep_open {
            if self.stack.len() >= MAX_DEPTH {
                return Err(ParseError::TooDeep);
            }
            self.stack.push(id);
            if let Some(count) = self.open.get_mut(tag as usize) {
                *count += 1;
            }
        }
        Ok(())
    }

    fn implied_end_tags(&mut self, tag: Tag) {
        if tag.closes_p() && self.open[Tag::P as usize] > 0 {
            self.close_in_scope(Tag::P, &[]);
        }
        match tag {
            Tag::Li => self.close_in_scope(Tag::Li, &[Tag::Ul, Tag::Ol]),
            Tag::Dd | Tag::Dt => {
                self.close_in_scope(Tag::Dd, &[Tag::Dl]);
                self.close_in_scope(Tag::Dt, &[Tag::Dl]);
            }
            Tag::Option => self.close_in_scope(Tag::Option, &[Tag::Select]),
            Tag::Tr => self.close_in_scope(Tag::Tr, &[Tag::Tbody, Tag::Thead, Tag::Tfoot]),
            Tag::Td | Tag::Th => {
                self.close_in_scope(Tag::Td, &[Tag::Tr]);
                self.close_in_scope(Tag::Th, &[Tag::Tr]);
            }
            Tag::A => self.close_in_scope(Tag::A, &[]),
            t if t.is_heading() => {
                if let Some(top) = self.stack.last().and_then(|&id| self.dom.tag(id))
                    && top.is_heading()
                {
                    self.pop();
                }
            }
            _ => {}
        }
    }

    /// Pops up to and including the innermost open `tag`, unless a scope boundary or one
    /// of `stop` comes first.
    fn close_in_scope(&mut self, tag: Tag, stop: &[Tag]) {
        if self.open.get(tag as usize).copied().unwrap_or(0) == 0 {
            return;
        }
        let mut found = None;
        for (depth, &id) in self.stack.iter().enumerate().rev().take(MAX_DEPTH) {
            let Some(t) = self.dom.tag(id) else { break };
            if t == tag {
                found = Some(depth);
                break;
            }
            if t.is_scope_boundary() || stop.contains(&t) {
                break;
            }
        }
        if let Some(depth) = found {
            self.truncate(depth);
        }
    }

    fn end_tag(&mut self, name_start: usize, name_stop: usize) {
        let src = self.dom.src.as_bytes();
        let name = src.get(name_start..name_stop).unwrap_or_default();
        let tag = Tag::from_name(name);
        if tag == Tag::Br {
            let _ =
                self.open_element(Tag::Br, (name_start as u32, name_stop as u32), (0, 0), false);
            return;
        }
        self.pop_tag(tag, name_start, name_stop);
    }

    /// Closes the innermost open element with this tag (and name, for unknown tags).
    fn pop_tag(&mut self, tag: Tag, name_start: usize, name_stop: usize) {
        if self.open.get(tag as usize).copied().unwrap_or(0) == 0 {
            return;
        }
        let src = self.dom.src.as_bytes();
        let name = src.get(name_start..name_stop).unwrap_or_default();
        let mut found = None;
        for (depth, &id) in self.stack.iter().enumerate().rev() {
            let Some(node) = self.dom.node(id) else { break };
            if let Kind::Element { tag: t, name: (a, b), .. } = node.kind
                && t == tag
                && (tag != Tag::Other
                    || src
                        .get(a as usize..b as usize)
                        .is_some_and(|n| n.eq_ignore_ascii_case(name)))
            {
                found = Some(depth);
                break;
            }
        }
        if let Some(depth) = found {
            self.truncate(depth);
        }
    }

    /// Pops the stack down to `depth` elements (never the root).
    fn truncate(&mut self, depth: usize) {
        while self.stack.len() > depth.max(1) {
            self.pop();
        }
    }

    fn pop(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        if let Some(id) = self.stack.pop()
            && let Some(tag) = self.dom.tag(id)
            && let Some(count) = self.open.get_mut(tag as usize)
        {
            *count = count.saturating_sub(1);
        }
    }

    fn text(&mut self, start: usize, end: usize) {
        self.push_text(start, end, false);
    }

    fn push_text(&mut self, start: usize, end: usize, raw: bool) {
        // Merge with a preceding text node (a lone `<` splits text).
        let parent = self.stack.last().copied().unwrap_or(0);
        if let Some(last) = self.dom.node(parent).map(|n| n.last_child)
            && let Some(node) = self.dom.nodes.get_mut(last as usize)
            && let Kind::Text { end: e, raw: r, .. } = &mut node.kind
            && *e as usize == start
            && *r == raw
        {
            *e = end as u32;
            return;
        }
        self.append(Kind::Text { start: start as u32, end: end as u32, raw });
    }

    fn append(&mut self, kind: Kind) -> NodeId {
        let id = self.dom.nodes.len() as NodeId;
        let parent = self.stack.last().copied().unwrap_or(0);
        self.dom.nodes.push(Node { kind, parent, first_child: NONE, last_child: NONE, next: NONE });
        let prev = match self.dom.nodes.get_mut(parent as usize) {
            Some(p) => {
                let prev = p.last_child;
                if p.first_child == NONE {
                    p.first_child = id;
                }
                p.last_child = id;
                prev
            }
            None => NONE,
        };
        if let Some(prev) = self.dom.nodes.get_mut(prev as usize) {
            prev.next = id;
        }
        id
    }
}

/// The end of a tag name starting at `start`.
fn name_end(src: &[u8], start: usize) -> usize {
    let mut i = start;
    while src.get(i).is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>')) {
        i += 1;
    }
    i
}

/// The first occurrence of `needle` at or after `from`.
fn find(src: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(src.get(from..)?, needle).map(|i| from + i)
}

/// Where the end tag `</name` of a raw-text element starts, or the end of the page.
fn find_end_tag(src: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(k) = find(src, i, b"</") {
        let after = k + 2;
        let matches =
            src.get(after..after + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name))
                && src
                    .get(after + name.len())
                    .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'));
        if matches {
            return k;
        }
        i = after;
    }
    src.len()
}

/// Decodes character references (`&amp;`, `&#1575;`, `&#x627;` and the common named ones).
/// Unknown references stay as written.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let tail = rest.get(amp..).unwrap_or("");
        match entity(tail) {
            Some((decoded, len)) => {
                match decoded {
                    Decoded::Char(c) => out.push(c),
                    Decoded::Str(s) => out.push_str(s),
                }
                rest = tail.get(len..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Small decoded text of one reference.
enum Decoded {
    Char(char),
    Str(&'static str),
}

/// The reference at the start of `s` (which starts with `&`) and its length.
fn entity(s: &str) -> Option<(Decoded, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (radix, start) = match b.get(2) {
            Some(b'x' | b'X') => (16, 3),
            _ => (10, 2),
        };
        let digits = b.get(start..)?.iter().take_while(|c| c.is_ascii_hexdigit()).count();
        let digits = if radix == 10 {
            b.get(start..)?.iter().take_while(|c| c.is_ascii_digit()).count()
        } else {
            digits
        };
        if digits == 0 || digits > 8 {
            return None;
        }
        let n = u32::from_str_radix(s.get(start..start + digits)?, radix).ok()?;
        let c = match n {
            0 => '\u{fffd}',
            0x80..=0x9f => windows_1252_c1(n),
            _ => char::from_u32(n).unwrap_or('\u{fffd}'),
        };
        let mut len = start + digits;
        if b.get(len) == Some(&b';') {
            len += 1;
        }
        return Some((Decoded::Char(c), len));
    }
    let name_len = b.get(1..)?.iter().take(10).take_while(|c| c.is_ascii_alphanumeric()).count();
    let name = s.get(1..1 + name_len)?;
    let decoded = match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "shy" => "\u{ad}",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "laquo" => "«",
        "raquo" => "»",
        "bull" => "•",
        "middot" => "·",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "times" => "×",
        "eacute" => "é",
        "egrave" => "è",
        "aacute" => "á",
        "agrave" => "à",
        "iacute" => "í",
        "oacute" => "ó",
        "uacute" => "ú",
        "ntilde" => "ñ",
        "ccedil" => "ç",
        "uuml" => "ü",
        "ouml" => "ö",
        "auml" => "ä",
        "zwnj" => "\u{200c}",
        "zwj" => "\u{200d}",
        "rlm" => "\u{200f}",
        "lrm" => "\u{200e}",
        "thinsp" => "\u{2009}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "euro" => "€",
        "pound" => "£",
        "cent" => "¢",
        "sect" => "§",
        "para" => "¶",
        "frac12" => "½",
        _ => return None,
    };
    let mut len = 1 + name_len;
    if b.get(len) == Some(&b';') {
        len += 1;
    }
    Some((Decoded::Str(decoded), len))
}

/// Numeric references in 0x80..0x9F mean windows-1252 characters, as browsers read them.
fn windows_1252_c1(n: u32) -> char {
    const TABLE: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    TABLE.get((n - 0x80) as usize).copied().unwrap_or('\u{fffd}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags_of(dom: &Dom, id: NodeId) -> Vec<String> {
        dom.children(id).filter(|&c| dom.tag(c).is_some()).map(|c| dom.name(c).to_owned()).collect()
    }

    #[test]
    fn builds_a_tree() {
        let dom = Dom::parse("<html><body><p>one<p>two</p><ul><li>a<li>b</ul></body></html>")
            .unwrap_or_else(|_| panic!("parse"));
        let body = (0..dom.nodes.len() as NodeId).find(|&i| dom.tag(i) == Some(Tag::Body));
        let body = body.unwrap_or(0);
        assert_eq!(tags_of(&dom, body), ["p", "p", "ul"]);
        assert_eq!(dom.text_content(body), "onetwoab");
    }

    #[test]
    fn attributes_and_entities() {
        let dom = Dom::parse(r#"<meta content="a &amp; b" NAME=keywords data-x=1 checked>"#)
            .unwrap_or_else(|_| panic!("parse"));
        assert_eq!(dom.attr(1, "name").as_deref(), Some("keywords"));
        assert_eq!(dom.attr(1, "content").as_deref(), Some("a & b"));
        assert_eq!(dom.attr(1, "checked").as_deref(), Some(""));
        assert_eq!(decode_entities("&#1575;&#x644;&lt;&bogus; &"), "ال<&bogus; &");
    }

    #[test]
    fn raw_text_elements() {
        let dom = Dom::parse("<p>a<script>if (a<b) {'</p>'}</script>b</p>")
            .unwrap_or_else(|_| panic!("parse"));
        assert_eq!(dom.text_content(0), "ab");
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let deep = "<div>".repeat(100_000);
        assert_eq!(Dom::parse(&deep).err(), Some(ParseError::TooDeep));
        let ok = "<span>".repeat(1000);
        assert!(Dom::parse(&ok).is_ok());
    }
}
