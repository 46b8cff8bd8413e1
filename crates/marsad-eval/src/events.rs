//! Quotes, facts and events (issue 6) against the annotated dev sets `data/events-dev.tsv`
//! and `data/events-dev2.tsv` (the extraction rules were tuned on them), the held-out test
//! set `data/events-test.tsv` (same format and guidelines, never used for tuning), or the
//! blind quotes-only set `data/events-dev3.tsv`.
//!
//! A set may declare which sections it annotated with a comment line `# sections: quotes`
//! (any of `quotes`, `facts`, `events`, separated by commas or spaces): only those sections
//! are scored, and predictions of the other sections are ignored rather than counted as
//! spurious. Without the directive all three sections are scored.
//!
//! The sets store offsets and labels only (see `data/README.md`). Each document has a
//! `scope` line: the headline and the body bytes `start..end` were read and annotated, so
//! predictions outside the scope are not scored. A prediction matches a gold item of the
//! same document and field when their spans overlap (one to one, largest overlap first);
//! facts must also agree on the type and events on the action. On matched pairs the scorer
//! reports speaker accuracy (quotes), count accuracy (facts) and actor accuracy (events).

use std::collections::{HashMap, HashSet};

use marsad_doc::{Doc, EventArg, Field, QuoteKind};
use marsad_entities::kb::{KnowledgeBase, NameKind};
use marsad_text::normalize;
use serde::Serialize;

/// One annotated document: which part of it was annotated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DevDoc {
    /// `ant` or `snn`: which corpus the document is in.
    pub corpus: String,
    pub id: String,
    /// Body bytes `scope_start..scope_end` (and the whole headline) were annotated.
    pub scope_start: usize,
    pub scope_end: usize,
}

/// What a gold item or a prediction says.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "what", rename_all = "lowercase")]
pub enum Label {
    /// A quotation: direct (`true`) or indirect, and who said it (an entity id or words;
    /// `-` for none).
    Quote { direct: bool, speaker: String },
    /// A numeric fact: `KILL`, `WOUND`, …, `MONEY`, `PERCENT`; its number and qualifier.
    Fact { kind: String, count: f64, qualifier: String },
    /// An event: the action and its sides (an entity id or words; `-` for none).
    Event { action: String, actor: String, target: String },
}

/// An annotated item of the dev set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gold {
    pub doc: String,
    /// `headline` or `body`.
    pub field: String,
    pub start: usize,
    pub end: usize,
    pub label: Label,
}

/// The dev set: its documents and their annotated items.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EventsDev {
    pub docs: Vec<DevDoc>,
    pub items: Vec<Gold>,
    /// The sections the set declares it annotated (`# sections: quotes`), in the order
    /// quotes, facts, events; `None` when it does not say, which means all three.
    pub sections: Option<Vec<String>>,
}

/// The section names a `# sections:` directive may list, in report order.
pub const SECTIONS: [&str; 3] = ["quotes", "facts", "events"];

impl EventsDev {
    /// Whether the set annotated `section` (`quotes`, `facts` or `events`).
    pub fn annotates(&self, section: &str) -> bool {
        self.sections.as_ref().is_none_or(|s| s.iter().any(|n| n == section))
    }
}

/// The section list of a `# sections: a, b` comment line: `None` when the line is not the
/// directive, `Some(Err(name))` for a name that is not a section.
fn sections_directive(line: &str) -> Option<Result<Vec<String>, String>> {
    let rest = line.strip_prefix('#')?.trim_start().strip_prefix("sections:")?;
    let mut found = Vec::new();
    for name in rest.split(|c: char| c == ',' || c.is_whitespace()).filter(|n| !n.is_empty()) {
        if !SECTIONS.contains(&name) {
            return Some(Err(name.to_owned()));
        }
        found.push(name);
    }
    Some(Ok(SECTIONS.iter().filter(|s| found.contains(s)).map(|s| (*s).to_owned()).collect()))
}

/// Reads the dev set TSV (`corpus doc field start end type labels…`, `#` comments).
/// Malformed lines are returned as errors with their line number; the rest are kept.
pub fn read_events_dev(tsv: &str) -> (EventsDev, Vec<String>) {
    let mut dev = EventsDev::default();
    let mut errors = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if let Some(directive) = sections_directive(line) {
            match directive {
                Ok(names) if !names.is_empty() && dev.sections.is_none() => {
                    dev.sections = Some(names);
                }
                Ok(_) => errors.push(format!("line {}: empty or repeated sections line", n + 1)),
                Err(name) => errors.push(format!("line {}: unknown section {name:?}", n + 1)),
            }
            continue;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if !parse_line(&cols, &mut dev) {
            errors.push(format!("line {}: malformed", n + 1));
        }
    }
    (dev, errors)
}

fn parse_line(cols: &[&str], dev: &mut EventsDev) -> bool {
    let [corpus, doc, field, start, end, kind, rest @ ..] = cols else { return false };
    let (Ok(start), Ok(end)) = (start.parse::<usize>(), end.parse::<usize>()) else {
        return false;
    };
    if start > end || !matches!(*field, "headline" | "body") {
        return false;
    }
    let label = match (*kind, rest) {
        ("scope", []) => {
            dev.docs.push(DevDoc {
                corpus: (*corpus).to_owned(),
                id: (*doc).to_owned(),
                scope_start: start,
                scope_end: end,
            });
            return true;
        }
        ("quote", [k @ ("direct" | "indirect"), speaker]) => {
            Label::Quote { direct: *k == "direct", speaker: (*speaker).to_owned() }
        }
        ("fact", [kind, count, qualifier]) => match count.parse::<f64>() {
            Ok(count) => {
                Label::Fact { kind: (*kind).to_owned(), count, qualifier: (*qualifier).to_owned() }
            }
            Err(_) => return false,
        },
        ("event", [action, actor, target]) => Label::Event {
            action: (*action).to_owned(),
            actor: (*actor).to_owned(),
            target: (*target).to_owned(),
        },
        _ => return false,
    };
    if start == end {
        return false;
    }
    dev.items.push(Gold { doc: (*doc).to_owned(), field: (*field).to_owned(), start, end, label });
    true
}

/// A prediction: like [`Gold`], with every way the prediction names its speaker or sides
/// (an entity id and the words as written), any of which may match the gold name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Predicted {
    pub doc: String,
    pub field: String,
    pub start: usize,
    pub end: usize,
    pub label: Label,
    /// Names of the speaker (quotes) or actor (events): id, resolved text, text as written.
    pub who: Vec<String>,
    /// Names of the target (events).
    pub whom: Vec<String>,
}

fn field_name(field: Field) -> &'static str {
    match field {
        Field::Headline => "headline",
        Field::Body => "body",
    }
}

fn arg_names(arg: Option<&EventArg>) -> Vec<String> {
    arg.map(|a| vec![a.id.clone(), a.text.clone()]).unwrap_or_default()
}

/// The prefixes of entity ids: knowledge-base ids (`person:antonio-guterres`), and the ids
/// the entity tagger makes for names the knowledge base lacks (`org:جامعه_ديلاور`,
/// `per:…`, `loc:…`, `misc:…`).
const ID_PREFIXES: [&str; 8] =
    ["person:", "org:", "country:", "city:", "per:", "loc:", "misc:", "label:"];

/// Whether `name` is an id the entity tagger made (a prefix and a non-ASCII key), not a
/// knowledge-base id.
fn is_tagger_id(name: &str) -> bool {
    ID_PREFIXES
        .iter()
        .any(|p| name.strip_prefix(p).is_some_and(|key| !key.is_empty() && !key.is_ascii()))
}

/// Marks a canonical entity name among a prediction's names (see [`same_party`]).
const CANONICAL: &str = "name:";

/// Adds to `names` the canonical name of each tagger-made id among them (the entity's
/// `canonical` in `doc`, else the id's key), marked `name:`, so that a gold party written as
/// words can be compared with it by name.
pub(crate) fn with_canonical_names(mut names: Vec<String>, doc: &Doc) -> Vec<String> {
    let extra: Vec<String> = names
        .iter()
        .filter(|n| is_tagger_id(n))
        .map(|n| match doc.entities.iter().find(|e| &e.id == n) {
            Some(e) => e.canonical.clone(),
            None => n.split_once(':').map_or("", |(_, key)| key).replace('_', " "),
        })
        .filter(|n| !n.trim().is_empty())
        .map(|n| format!("{CANONICAL}{n}"))
        .collect();
    names.extend(extra);
    names
}

/// The quotes, facts and events the pipeline put in `doc`, as predictions of document `id`.
/// A speaker, actor or target that is a tagger-made entity id also carries the entity's
/// canonical name (see [`same_party`]).
pub fn predictions(id: &str, doc: &Doc) -> Vec<Predicted> {
    let mut out = Vec::new();
    for q in &doc.quotes {
        let who: Vec<String> = q.speaker.iter().chain(q.speaker_text.iter()).cloned().collect();
        let who = with_canonical_names(who, doc);
        out.push(Predicted {
            doc: id.to_owned(),
            field: field_name(q.field).to_owned(),
            start: q.start,
            end: q.end,
            label: Label::Quote {
                direct: q.kind == QuoteKind::Direct,
                speaker: who.first().cloned().unwrap_or_else(|| "-".into()),
            },
            who,
            whom: Vec::new(),
        });
    }
    for f in &doc.facts {
        out.push(Predicted {
            doc: id.to_owned(),
            field: field_name(f.field).to_owned(),
            start: f.start,
            end: f.end,
            label: Label::Fact {
                kind: f.kind.to_owned(),
                count: f.count,
                qualifier: f.qualifier.to_owned(),
            },
            who: Vec::new(),
            whom: Vec::new(),
        });
    }
    for e in &doc.events {
        let who = with_canonical_names(arg_names(e.actor.as_ref()), doc);
        let whom = with_canonical_names(arg_names(e.target.as_ref()), doc);
        out.push(Predicted {
            doc: id.to_owned(),
            field: field_name(e.field).to_owned(),
            start: e.start,
            end: e.end,
            label: Label::Event {
                action: e.action.to_owned(),
                actor: who.first().cloned().unwrap_or_else(|| "-".into()),
                target: whom.first().cloned().unwrap_or_else(|| "-".into()),
            },
            who,
            whom,
        });
    }
    out
}

/// A second annotation of the same documents as predictions, to score one annotator
/// against another with the same matcher: each item names its speaker or sides by the one
/// name the annotator gave (`-`, none, gives no name).
pub fn annotation_predictions(other: &EventsDev) -> Vec<Predicted> {
    let names = |s: &str| if s == "-" { Vec::new() } else { vec![s.to_owned()] };
    other
        .items
        .iter()
        .map(|g| {
            let (who, whom) = match &g.label {
                Label::Quote { speaker, .. } => (names(speaker), Vec::new()),
                Label::Event { actor, target, .. } => (names(actor), names(target)),
                Label::Fact { .. } => (Vec::new(), Vec::new()),
            };
            Predicted {
                doc: g.doc.clone(),
                field: g.field.clone(),
                start: g.start,
                end: g.end,
                label: g.label.clone(),
                who,
                whom,
            }
        })
        .collect()
}

/// The shipped knowledge base, loaded once.
fn shipped_kb() -> &'static KnowledgeBase {
    static KB: std::sync::OnceLock<KnowledgeBase> = std::sync::OnceLock::new();
    KB.get_or_init(|| KnowledgeBase::shipped().0)
}

/// Whether a prediction names the gold party `gold` (`-`: nobody). A gold knowledge-base id
/// must be equal to one of the names. Gold words match a name written as words when one
/// normalized form contains the other (`الحكومة السورية` and `الحكومة`); ids are not
/// compared with words, but a tagger-made id comes with its entity's canonical name (see
/// [`predictions`]), which matches when its normalized form equals the gold words', and a
/// knowledge-base id matches gold words that are one of its names. `label:` ids (older
/// tagger ids) are compared by their key.
pub fn same_party(gold: &str, names: &[String]) -> bool {
    if gold == "-" {
        return names.is_empty();
    }
    let is_id = |s: &str| ID_PREFIXES.iter().any(|p| *p != "label:" && s.starts_with(p));
    if is_id(gold) {
        return names.iter().any(|n| n == gold);
    }
    // Gold words that are a knowledge-base name or variant (`وكالة الأنباء السورية`) are that
    // entry: the annotators replaced such words by the entry's id, so a set keeps words only
    // for names the knowledge base did not have when the set was made.
    if let Some((entry, NameKind::Name)) = shipped_kb().lookup(gold)
        && names.contains(&entry.id)
    {
        return true;
    }
    // Hyphens and underscores split words before normalizing, which would drop them
    // (`كيم سي-يون` is the tagger's `كيم سي يون`, not `كيم سييون`); quotation marks around
    // a name as written (`مجموعة "واندا"`) are not part of it.
    let key = |n: &str| {
        let n = normalize(&n.replace(['-', '_', '"', '«', '»', '“', '”'], " "));
        n.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let g = key(gold);
    if g.is_empty() {
        return false;
    }
    if names.iter().filter_map(|n| n.strip_prefix(CANONICAL)).any(|n| key(n) == g) {
        return true;
    }
    // A person the tagger knows by the surname (`per:…` with canonical `تيتورينكو`) is the
    // person the gold names in full (`فلاديمير تيتورينكو`): the gold words end with it.
    let person = names.iter().any(|n| n.starts_with("per:"));
    if person
        && names.iter().filter_map(|n| n.strip_prefix(CANONICAL)).any(|n| {
            let n = key(n);
            // (And a name of two words or more that the gold goes on after: `سلطان بن سحيم`
            // for `سلطان بن سحيم آل ثاني`.)
            (n.chars().count() >= 4 && g.strip_suffix(&n).is_some_and(|rest| rest.ends_with(' ')))
                || (n.split(' ').count() >= 2
                    && g.strip_prefix(&n).is_some_and(|rest| rest.starts_with(' ')))
        })
    {
        return true;
    }
    names.iter().filter(|n| !is_id(n) && !n.starts_with(CANONICAL)).any(|n| {
        let n = key(n.strip_prefix("label:").unwrap_or(n));
        !n.is_empty() && (n.contains(&g) || g.contains(&n))
    })
}

/// Precision/recall of one kind (quotes, facts or events) and the accuracy of its attribute
/// (speaker, count, actor) on matched pairs.
#[derive(Clone, Debug, Default, Serialize)]
pub struct KindScore {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Matched pairs whose attribute is right: the speaker (quotes), the count (facts), the
    /// actor (events).
    pub attribute_right: usize,
    /// `attribute_right / matched`.
    pub attribute_accuracy: f64,
    /// Matched pairs whose second attribute is right: the kind direct/indirect (quotes), the
    /// qualifier (facts), the target (events).
    pub second_right: usize,
    pub second_accuracy: f64,
}

/// A gold item not found, or found with a wrong attribute; or a prediction matching nothing.
#[derive(Clone, Debug, Serialize)]
pub struct Mismatch {
    pub doc: String,
    pub field: String,
    pub start: usize,
    pub end: usize,
    /// `miss`, `spurious`, or the attribute that is wrong (`speaker`, `count`, `actor`).
    pub what: String,
    pub expected: Option<Label>,
    pub got: Option<Label>,
}

/// The scores of the dev set.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EventsReport {
    pub documents: usize,
    /// The sections scored (`quotes`, `facts`, `events`): those the set declares, else all
    /// three. The scores of the other sections are left at zero: they were not annotated.
    pub sections: Vec<String>,
    pub quotes: KindScore,
    pub facts: KindScore,
    pub events: KindScore,
    pub mismatches: Vec<Mismatch>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Section {
    Quotes,
    Facts,
    Events,
}

fn section(label: &Label) -> Section {
    match label {
        Label::Quote { .. } => Section::Quotes,
        Label::Fact { .. } => Section::Facts,
        Label::Event { .. } => Section::Events,
    }
}

fn section_name(section: Section) -> &'static str {
    match section {
        Section::Quotes => "quotes",
        Section::Facts => "facts",
        Section::Events => "events",
    }
}

/// Whether a gold item and a prediction may match (beyond overlapping spans).
fn compatible(g: &Label, p: &Label) -> bool {
    match (g, p) {
        (Label::Quote { .. }, Label::Quote { .. }) => true,
        (Label::Fact { kind: a, .. }, Label::Fact { kind: b, .. }) => a == b,
        (Label::Event { action: a, .. }, Label::Event { action: b, .. }) => a == b,
        _ => false,
    }
}

/// The attributes of a matched pair that are right: (first, second).
fn attributes(g: &Label, p: &Predicted) -> (bool, bool) {
    match (g, &p.label) {
        (Label::Quote { direct, speaker }, Label::Quote { direct: d, .. }) => {
            (same_party(speaker, &p.who), direct == d)
        }
        (Label::Fact { count, qualifier, .. }, Label::Fact { count: c, qualifier: q, .. }) => {
            ((count - c).abs() < 1e-9, qualifier == q)
        }
        (Label::Event { actor, target, .. }, Label::Event { .. }) => {
            (same_party(actor, &p.who), same_party(target, &p.whom))
        }
        _ => (false, false),
    }
}

/// The texts of the scored documents, by id: (headline, body).
pub type DocTexts = HashMap<String, (String, String)>;

/// Whether the text between two quotes is only spaces and quotation marks, so that they
/// read as one statement (`إن القرار "…"`: the clause and the quoted words that go on
/// with it).
fn contiguous(gap: &str) -> bool {
    gap.chars().all(|c| c.is_whitespace() || matches!(c, '"' | '«' | '»' | '“' | '”' | '„'))
}

/// Joins quotes of one speaker that follow each other with nothing but spaces and
/// quotation marks between them into one quote, spanning both, with the first one's kind.
///
/// Why: the sets annotate a reported clause that runs into a quoted fragment (`قال إن
/// القرار "يؤكد …"`) two ways. `events-dev.tsv` mostly has one indirect quote over both;
/// `events-dev2`, `-dev3` and `-test` have an indirect quote up to the mark and a direct
/// one after it. Marsad writes one quote (one statement, one record). Joining on both
/// sides before matching scores the statement once, whichever way it was cut. Only
/// quotes are joined; `who` of a prediction is compared by its first name.
pub fn join_contiguous_quotes(
    dev: &EventsDev,
    predicted: &[Predicted],
    texts: &DocTexts,
) -> (EventsDev, Vec<Predicted>) {
    let gap = |doc: &str, field: &str, a: usize, b: usize| -> bool {
        let Some((headline, body)) = texts.get(doc) else { return false };
        let text = if field == "headline" { headline } else { body };
        a <= b && text.get(a..b).is_some_and(contiguous)
    };
    let items = join_runs(
        &dev.items,
        |g| (g.doc.as_str(), g.field.as_str(), g.start, g.end),
        |a, b| match (&a.label, &b.label) {
            (Label::Quote { speaker: s1, .. }, Label::Quote { speaker: s2, .. }) => s1 == s2,
            _ => false,
        },
        |g, end| g.end = end,
        &gap,
    );
    let preds = join_runs(
        predicted,
        |p| (p.doc.as_str(), p.field.as_str(), p.start, p.end),
        |a, b| {
            matches!(a.label, Label::Quote { .. })
                && matches!(b.label, Label::Quote { .. })
                && a.who.first() == b.who.first()
        },
        |p, end| p.end = end,
        &gap,
    );
    (EventsDev { items, ..dev.clone() }, preds)
}

/// `items` in text order, each run of items that `joins` pairwise and that `gap` finds
/// adjacent (same document and field) made one item spanning the run.
fn join_runs<T: Clone>(
    items: &[T],
    at: impl Fn(&T) -> (&str, &str, usize, usize),
    joins: impl Fn(&T, &T) -> bool,
    set_end: impl Fn(&mut T, usize),
    gap: &dyn Fn(&str, &str, usize, usize) -> bool,
) -> Vec<T> {
    let mut sorted: Vec<&T> = items.iter().collect();
    sorted.sort_by(|a, b| {
        let (ad, af, a_start, _) = at(a);
        let (bd, bf, b_start, _) = at(b);
        (ad, af, a_start).cmp(&(bd, bf, b_start))
    });
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in sorted {
        let (doc, field, start, end) = at(item);
        if let Some(last) = out.last_mut() {
            let (last_doc, last_field, _, last_end) = at(last);
            if joins(last, item)
                && last_doc == doc
                && last_field == field
                && gap(doc, field, last_end, start)
            {
                set_end(last, last_end.max(end));
                continue;
            }
        }
        out.push(item.clone());
    }
    out
}

/// Scores `predicted` against the dev set. Predictions of documents outside the set, body
/// predictions starting outside a document's scope, and predictions (and gold items) of a
/// section the set does not annotate (see [`EventsDev::sections`]) are ignored.
pub fn score(dev: &EventsDev, predicted: &[Predicted]) -> EventsReport {
    let scored = |label: &Label| dev.annotates(section_name(section(label)));
    let scopes: HashMap<&str, (usize, usize)> =
        dev.docs.iter().map(|d| (d.id.as_str(), (d.scope_start, d.scope_end))).collect();
    let in_scope = |doc: &str, field: &str, start: usize| match scopes.get(doc) {
        Some(&(a, b)) => field == "headline" || (a <= start && start < b),
        None => false,
    };
    let preds: Vec<&Predicted> = predicted
        .iter()
        .filter(|p| in_scope(&p.doc, &p.field, p.start) && scored(&p.label))
        .collect();
    let golds: Vec<&Gold> = dev
        .items
        .iter()
        .filter(|g| scopes.contains_key(g.doc.as_str()) && scored(&g.label))
        .collect();
    let mut report = EventsReport {
        documents: dev.docs.iter().map(|d| d.id.as_str()).collect::<HashSet<_>>().len(),
        sections: SECTIONS.iter().filter(|s| dev.annotates(s)).map(|s| (*s).to_owned()).collect(),
        ..EventsReport::default()
    };
    // Candidate pairs, largest overlap first, then matched greedily one to one.
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (gi, g) in golds.iter().enumerate() {
        for (pi, p) in preds.iter().enumerate() {
            if p.doc == g.doc
                && p.field == g.field
                && p.start < g.end
                && g.start < p.end
                && compatible(&g.label, &p.label)
            {
                let overlap = g.end.min(p.end) - g.start.max(p.start);
                pairs.push((overlap, gi, pi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gold_match: Vec<Option<usize>> = vec![None; golds.len()];
    let mut pred_used = vec![false; preds.len()];
    for (_, gi, pi) in pairs {
        let free_gold = gold_match.get(gi).is_some_and(Option::is_none);
        let free_pred = pred_used.get(pi).is_some_and(|u| !u);
        if free_gold && free_pred {
            if let Some(slot) = gold_match.get_mut(gi) {
                *slot = Some(pi);
            }
            if let Some(u) = pred_used.get_mut(pi) {
                *u = true;
            }
        }
    }
    let mut scores: HashMap<Section, KindScore> = HashMap::new();
    for (gi, g) in golds.iter().enumerate() {
        let s = scores.entry(section(&g.label)).or_default();
        s.gold += 1;
        let matched = gold_match.get(gi).copied().flatten().and_then(|pi| preds.get(pi));
        let Some(p) = matched else {
            report.mismatches.push(mismatch(g, None, "miss"));
            continue;
        };
        s.matched += 1;
        let (first, second) = attributes(&g.label, p);
        s.attribute_right += usize::from(first);
        s.second_right += usize::from(second);
        if !first {
            let what = match section(&g.label) {
                Section::Quotes => "speaker",
                Section::Facts => "count",
                Section::Events => "actor",
            };
            report.mismatches.push(mismatch(g, Some(p), what));
        }
    }
    for (pi, p) in preds.iter().enumerate() {
        scores.entry(section(&p.label)).or_default().predicted += 1;
        if !pred_used.get(pi).copied().unwrap_or(true) {
            report.mismatches.push(Mismatch {
                doc: p.doc.clone(),
                field: p.field.clone(),
                start: p.start,
                end: p.end,
                what: "spurious".into(),
                expected: None,
                got: Some(p.label.clone()),
            });
        }
    }
    for (sec, slot) in [
        (Section::Quotes, &mut report.quotes),
        (Section::Facts, &mut report.facts),
        (Section::Events, &mut report.events),
    ] {
        let mut s = scores.remove(&sec).unwrap_or_default();
        s.precision = ratio(s.matched, s.predicted);
        s.recall = ratio(s.matched, s.gold);
        s.f1 = if s.precision + s.recall > 0.0 {
            2.0 * s.precision * s.recall / (s.precision + s.recall)
        } else {
            0.0
        };
        s.attribute_accuracy = ratio(s.attribute_right, s.matched);
        s.second_accuracy = ratio(s.second_right, s.matched);
        *slot = s;
    }
    report.mismatches.sort_by(|a, b| (&a.doc, &a.field, a.start).cmp(&(&b.doc, &b.field, b.start)));
    report
}

fn mismatch(g: &Gold, p: Option<&Predicted>, what: &str) -> Mismatch {
    Mismatch {
        doc: g.doc.clone(),
        field: g.field.clone(),
        start: g.start,
        end: g.end,
        what: what.to_owned(),
        expected: Some(g.label.clone()),
        got: p.map(|p| p.label.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "# comment\n\
ant\tD1\tbody\t0\t100\tscope\n\
ant\tD1\tbody\t10\t30\tquote\tdirect\tperson:x\n\
ant\tD1\tbody\t40\t50\tfact\tKILL\t3\texact\n\
ant\tD1\theadline\t0\t8\tevent\twarn\tcountry:us\t-\n\
ant\tD2\tbody\t0\t50\tscope\n\
ant\tD2\tbody\t5\t9\tquote\tindirect\tالحكومة السورية\n\
bad line\n";

    fn pred(
        doc: &str,
        field: &str,
        start: usize,
        end: usize,
        label: Label,
        who: &[&str],
    ) -> Predicted {
        Predicted {
            doc: doc.into(),
            field: field.into(),
            start,
            end,
            label,
            who: who.iter().map(|s| (*s).to_owned()).collect(),
            whom: Vec::new(),
        }
    }

    fn quote(direct: bool) -> Label {
        Label::Quote { direct, speaker: String::new() }
    }

    #[test]
    fn reads_scopes_items_and_reports_bad_lines() {
        let (dev, errors) = read_events_dev(TSV);
        assert_eq!(dev.docs.len(), 2);
        assert_eq!(dev.items.len(), 4);
        assert_eq!(errors, vec!["line 8: malformed".to_owned()]);
        let (_, errors) = read_events_dev(
            "ant\tD\tbody\t5\t3\tscope\nant\tD\tbody\t1\t2\tfact\tKILL\tx\texact\n",
        );
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn a_second_annotation_scores_as_predictions() {
        let (dev, _) = read_events_dev(TSV);
        // The same annotation agrees with itself everywhere.
        let r = score(&dev, &annotation_predictions(&dev));
        for k in [&r.quotes, &r.facts, &r.events] {
            assert_eq!((k.precision, k.recall, k.attribute_accuracy), (1.0, 1.0, 1.0), "{k:?}");
        }
        // Another speaker, as words or as an id, is a disagreement; words that hold the
        // other annotator's words are not.
        let other = TSV
            .replace("direct\tperson:x", "direct\tperson:y")
            .replace("الحكومة السورية", "الحكومة السورية الجديدة");
        let (second, _) = read_events_dev(&other);
        let r = score(&dev, &annotation_predictions(&second));
        assert_eq!((r.quotes.matched, r.quotes.attribute_right), (2, 1), "{:?}", r.quotes);
    }

    #[test]
    fn overlap_matching_and_attribute_accuracy() {
        let (dev, _) = read_events_dev(TSV);
        let fact =
            |count: f64| Label::Fact { kind: "KILL".into(), count, qualifier: "exact".into() };
        let warn =
            Label::Event { action: "warn".into(), actor: String::new(), target: String::new() };
        let preds = vec![
            // Overlaps the D1 quote, right speaker, wrong kind.
            pred("D1", "body", 12, 35, quote(false), &["person:x", "إكس"]),
            // The D2 quote with a speaker written shorter than the gold words.
            pred("D2", "body", 0, 9, quote(false), &["الحكومة"]),
            // Overlaps the fact but a wrong count; a second fact that matches nothing.
            pred("D1", "body", 41, 49, fact(4.0), &[]),
            pred("D1", "body", 60, 70, fact(1.0), &[]),
            // The event, right action, actor missing.
            pred("D1", "headline", 0, 20, warn, &[]),
            // Outside the scope and outside the set: ignored.
            pred("D1", "body", 150, 160, quote(true), &[]),
            pred("D9", "body", 0, 10, quote(true), &[]),
        ];
        let r = score(&dev, &preds);
        assert_eq!(r.documents, 2);
        assert_eq!((r.quotes.gold, r.quotes.predicted, r.quotes.matched), (2, 2, 2));
        assert_eq!(r.quotes.attribute_right, 2);
        assert_eq!(r.quotes.second_right, 1);
        assert_eq!((r.facts.gold, r.facts.predicted, r.facts.matched), (1, 2, 1));
        assert!((r.facts.precision - 0.5).abs() < 1e-9);
        assert_eq!(r.facts.attribute_right, 0);
        assert_eq!((r.events.matched, r.events.attribute_right), (1, 0));
        assert_eq!(r.events.second_right, 1);
        assert!(r.mismatches.iter().any(|m| m.what == "spurious" && m.start == 60));
    }

    #[test]
    fn facts_and_events_need_the_same_type_and_matching_is_one_to_one() {
        let (dev, _) = read_events_dev(TSV);
        let wound = Label::Fact { kind: "WOUND".into(), count: 3.0, qualifier: "exact".into() };
        let preds = vec![
            pred("D1", "body", 40, 50, wound, &[]),
            pred("D1", "body", 10, 30, quote(true), &["person:x"]),
            pred("D1", "body", 10, 30, quote(true), &["person:x"]),
        ];
        let r = score(&dev, &preds);
        assert_eq!((r.facts.matched, r.facts.predicted), (0, 1));
        assert_eq!((r.quotes.matched, r.quotes.predicted), (1, 2));
        assert!((r.quotes.recall - 0.5).abs() < 1e-9);
    }

    #[test]
    fn a_declared_section_list_scores_only_those_sections() {
        let tsv = format!("# sections: quotes\n{TSV}");
        let (dev, errors) = read_events_dev(&tsv);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(dev.sections, Some(vec!["quotes".to_owned()]));
        assert!(dev.annotates("quotes") && !dev.annotates("facts") && !dev.annotates("events"));
        let fact = Label::Fact { kind: "KILL".into(), count: 3.0, qualifier: "exact".into() };
        let warn =
            Label::Event { action: "warn".into(), actor: String::new(), target: String::new() };
        let preds = vec![
            pred("D1", "body", 10, 30, quote(true), &["person:x"]),
            // Matches the gold fact, but facts are not scored: neither counted nor spurious.
            pred("D1", "body", 40, 50, fact.clone(), &[]),
            pred("D1", "body", 60, 70, fact, &[]),
            pred("D1", "headline", 0, 8, warn, &[]),
        ];
        let r = score(&dev, &preds);
        assert_eq!(r.sections, vec!["quotes".to_owned()]);
        assert_eq!((r.quotes.gold, r.quotes.predicted, r.quotes.matched), (2, 1, 1));
        assert_eq!((r.facts.gold, r.facts.predicted), (0, 0));
        assert_eq!((r.events.gold, r.events.predicted), (0, 0));
        assert!(
            r.mismatches.iter().all(|m| matches!(
                m.expected.as_ref().or(m.got.as_ref()),
                Some(Label::Quote { .. })
            ))
        );
        // Without the directive all three sections are scored, as before.
        let (dev, _) = read_events_dev(TSV);
        assert_eq!(dev.sections, None);
        let r = score(&dev, &preds);
        assert_eq!(r.sections, vec!["quotes", "facts", "events"]);
        assert_eq!((r.facts.predicted, r.events.predicted), (2, 1));
        // Two sections; an unknown name and a repeated line are errors.
        let (dev, errors) = read_events_dev("#sections: events, quotes\n");
        assert!(errors.is_empty());
        assert_eq!(dev.sections, Some(vec!["quotes".to_owned(), "events".to_owned()]));
        let (_, errors) = read_events_dev("# sections: quotes\n# sections: quotes, rumours\n");
        assert_eq!(errors, vec!["line 2: unknown section \"rumours\"".to_owned()]);
        let (_, errors) = read_events_dev("# sections: quotes\n# sections: facts\n");
        assert_eq!(errors, vec!["line 2: empty or repeated sections line".to_owned()]);
    }

    #[test]
    fn a_clause_and_its_quoted_words_score_as_one_statement_however_cut() {
        // Our sentence: `قال إن القرار "خطوة في الاتجاه الصحيح" فعلا` (byte offsets below).
        let body = "قال إن القرار \"خطوة في الاتجاه الصحيح\" فعلا";
        let clause = body.find("القرار").unwrap_or(0);
        let open = body.find('"').unwrap_or(0);
        let close = body.rfind('"').unwrap_or(0);
        let mut texts = DocTexts::new();
        texts.insert("D".into(), (String::new(), body.to_owned()));
        let speaker = |direct| Label::Quote { direct, speaker: "person:x".into() };
        // Gold cut in two: the clause up to the mark (indirect), the quoted words (direct).
        let dev = EventsDev {
            docs: vec![DevDoc {
                corpus: "ant".into(),
                id: "D".into(),
                scope_start: 0,
                scope_end: body.len(),
            }],
            items: vec![
                Gold {
                    doc: "D".into(),
                    field: "body".into(),
                    start: clause,
                    end: open - 1,
                    label: speaker(false),
                },
                Gold {
                    doc: "D".into(),
                    field: "body".into(),
                    start: open + 1,
                    end: close,
                    label: speaker(true),
                },
            ],
            sections: None,
        };
        // One prediction over both.
        let one = [pred("D", "body", clause, close + 1, quote(false), &["person:x"])];
        let (g, p) = join_contiguous_quotes(&dev, &one, &texts);
        assert_eq!(g.items.len(), 1);
        assert_eq!((g.items[0].start, g.items[0].end), (clause, close));
        let r = score(&g, &p);
        assert_eq!((r.quotes.gold, r.quotes.matched, r.quotes.attribute_right), (1, 1, 1));
        // A different speaker, or words in between, keeps them apart.
        let mut other = dev.clone();
        other.items[1].label = Label::Quote { direct: true, speaker: "person:y".into() };
        assert_eq!(join_contiguous_quotes(&other, &one, &texts).0.items.len(), 2);
        let mut apart = dev.clone();
        apart.items[0].end = clause + 2;
        assert_eq!(join_contiguous_quotes(&apart, &one, &texts).0.items.len(), 2);
    }

    #[test]
    fn party_names() {
        let names = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(same_party("-", &[]));
        assert!(!same_party("-", &names(&["country:us"])));
        assert!(same_party("country:us", &names(&["country:us", "واشنطن"])));
        assert!(!same_party("country:us", &names(&["الولايات المتحدة"])));
        assert!(same_party("حسن غونين", &names(&["label:حسن-غونين", "غونين"])));
        assert!(same_party("وزارة الصحة الفلسطينية", &names(&["وزارة الصحة"])));
        assert!(!same_party("مصادر", &names(&["country:sy"])));
        assert!(!same_party("مصادر", &[]));
        // A tagger-made id is not compared as words, but its canonical name is.
        assert!(is_tagger_id("org:جامعه_ديلاور") && is_tagger_id("per:كيم"));
        assert!(!is_tagger_id("org:saba") && !is_tagger_id("country:us"));
        assert!(!same_party("جامعة ديلاور", &names(&["org:جامعه_ديلاور"])));
        assert!(same_party("جامعة ديلاور", &names(&["org:جامعه_ديلاور", "name:جامعة ديلاور"])));
        assert!(!same_party("org:saba", &names(&["org:وكاله_سبا", "name:وكالة سبا"])));
        // By equality only: a canonical name that is part of the gold name does not match.
        assert!(!same_party("كيم أو-كييوم", &names(&["per:كيم", "name:كيم"])));
        // A hyphen in the gold name splits words, as the tagger's underscore does.
        assert!(same_party("كيم سي-يون", &names(&["per:كيم_سي_يون", "name:كيم سي يون"])));
        assert!(!same_party("كيم سي-يون", &names(&["per:كيم_سييون", "name:كيم سييون"])));
        assert!(same_party("مجموعة واندا", &names(&["مجموعة \"واندا\""])));
        // A person known by the surname is the person the gold names in full; an
        // organisation's last word is not the organisation.
        assert!(same_party("سامي حداد", &names(&["per:حداد", "name:حداد"])));
        assert!(!same_party("سامي حداد", &names(&["org:حداد", "name:حداد"])));
        assert!(!same_party("سامي عبد الحداد", &names(&["per:حداد", "name:حداد"])));
        // A person's name of two words that the gold name goes on after is that person; a
        // lone first name is not.
        assert!(same_party("سامي بن علي آل نور", &names(&["per:سامي_بن_علي", "name:سامي بن علي"])));
        assert!(!same_party("سامي حداد", &names(&["per:سامي", "name:سامي"])));
        // Gold words that are a knowledge-base name or variant are that entry; a
        // nationality adjective is not its country, and other words are not an id.
        assert!(same_party("وكالة الأنباء السورية", &names(&["org:sana", "الوكالة"])));
        assert!(same_party("الأمم المتحدة", &names(&["org:un"])));
        assert!(!same_party("الأمم المتحدة", &names(&["org:unsc"])));
        assert!(!same_party("الروسية", &names(&["country:ru"])));
        assert!(!same_party("وزارة الخارجية الفلبينية", &names(&["country:ph"])));
    }
}
