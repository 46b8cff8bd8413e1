//! Direct and indirect quotations, attached to their attribution cue and speaker.
//!
//! Per sentence: quotation-mark spans of at least three words are candidate direct quotes
//! (a quoted name `"بوتين"` or scare-quoted word `"طويلة"` is not a quote); attribution cues
//! are speech verbs (`قال`, `وأضافت`, `يؤكد`), participles (`قائلا`) and source prepositions
//! (`بحسب`, `وفقا لـ`). A direct quote needs a cue before it (within
//! [`CUE_WINDOW`] tokens, no other quote in between), a cue right after it (`"…"، قال X`) or a
//! colon before it. Reported speech is a speech verb or participle followed by a
//! complementizer (`أن`, `إنه`, `بأن`) whose clause is not itself quoted.
//!
//! The speaker of a cue is the entity (or the words) right after the verb, else an entity
//! right before it, else — for participles — the sentence's earlier speaker, else the
//! previous quote's speaker (`وتابع: "…"`). A bare role (`الوزارة`, `الرئيس`) resolves to the
//! organisation or person named before it.

use marsad_doc::{Quote, QuoteKind, TextRange};
use marsad_text::normalize;

use crate::ctx::{FieldCtx, bare, is_quote_mark};
use crate::lex::{Lex, lex};

/// How many tokens an attribution cue may stand before its quote.
const CUE_WINDOW: usize = 15;
/// How many tokens a speech verb may stand before its complementizer.
const COMPLEMENTIZER_WINDOW: usize = 20;
/// The fewest words a quotation (direct or reported) must have.
const MIN_WORDS: usize = 3;

/// Who said it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Speaker {
    /// The entity id, when the speaker is (or resolves to) an entity.
    pub id: Option<String>,
    /// What the record's `speaker` holds when there is no id: the resolved speaker's words.
    pub resolved_text: String,
    /// As written where this quote names it.
    pub text: String,
    pub span: Option<TextRange>,
    /// The entity's label (`PER`, `ORG`, `LOC`), when known.
    pub label: Option<String>,
}

impl Speaker {
    fn value(&self) -> String {
        self.id.clone().unwrap_or_else(|| self.resolved_text.clone())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CueKind {
    Verb,
    Participle,
    Source,
}

#[derive(Clone, Debug)]
struct Cue {
    token: usize,
    kind: CueKind,
    speaker: Option<Speaker>,
}

/// A quote found, with the speaker as resolved (used by the events rules too).
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub quote: Quote,
    pub speaker: Option<Speaker>,
}

/// Every quote of a field, in text order.
pub(crate) fn find(ctx: &FieldCtx) -> Vec<Found> {
    let lex = lex();
    let mut out: Vec<Found> = Vec::new();
    let mut last_speaker: Option<Speaker> = None;
    let mut history: Vec<(usize, Speaker)> = Vec::new();
    for s in ctx.sentences {
        let first = s.first_token.min(ctx.tokens.len());
        let end = s.end_token.min(ctx.tokens.len());
        if first >= end {
            continue;
        }
        let spans: Vec<(usize, usize)> = quote_spans(ctx, first, end)
            .into_iter()
            .filter(|&(o, c)| word_count(ctx, o + 1, c) >= MIN_WORDS)
            .collect();
        let inside = |i: usize| spans.iter().any(|&(o, c)| o < i && i < c);
        // Attribution cues and their speakers, in order.
        let mut cues: Vec<Cue> = Vec::new();
        for i in first..end {
            if inside(i) || !ctx.is_word(i) {
                continue;
            }
            let key = ctx.key(i);
            let kind = if lex.is_participle(key) {
                CueKind::Participle
            } else if lex.is_speech_verb(key) {
                CueKind::Verb
            } else if lex.is_source(key) {
                CueKind::Source
            } else {
                continue;
            };
            let prev = cues
                .iter()
                .rev()
                .filter(|c| c.kind == CueKind::Verb)
                .find_map(|c| c.speaker.clone());
            let speaker = cue_speaker(ctx, lex, i, kind, first, prev, &last_speaker, &history);
            cues.push(Cue { token: i, kind, speaker });
        }
        let mut found: Vec<Found> = Vec::new();
        // Direct quotes.
        for (n, &(o, c)) in spans.iter().enumerate() {
            let prev_close = n.checked_sub(1).and_then(|p| spans.get(p)).map_or(first, |s| s.1);
            let before = cues
                .iter()
                .rev()
                .find(|q| q.token < o && q.token >= prev_close && o - q.token <= CUE_WINDOW);
            let next_open = spans.get(n + 1).map_or(end, |s| s.0);
            let after = || {
                let mut j = c + 1;
                while j < next_open && j <= c + 3 && ctx.is_punct(j) {
                    j += 1;
                }
                cues.iter().find(|q| q.token == j && q.kind != CueKind::Participle)
            };
            let (cue, speaker) = match before.or_else(after) {
                Some(q) => (Some(q.token), q.speaker.clone()),
                None if o > first && ctx.word(o - 1) == ":" => {
                    (None, o.checked_sub(2).and_then(|k| speaker_before(ctx, k + 1, first)))
                }
                None => continue,
            };
            let (text, start, qend) = ctx.slice(o + 1, c.saturating_sub(1));
            found.push(make(ctx, text, start, qend, QuoteKind::Direct, cue, speaker));
        }
        // Reported speech.
        let mut covered_until = 0;
        for q in &cues {
            if q.kind == CueKind::Source
                || ctx.token(q.token).is_some_and(|t| t.start < covered_until)
            {
                continue;
            }
            let Some(comp) = complementizer_after(ctx, lex, q.token, end, &spans) else { continue };
            let from = comp + 1;
            if spans.iter().any(|&(o, _)| o == from) {
                continue;
            }
            let mut stop = end;
            for j in from..end {
                if spans.iter().any(|&(o, _)| o == j) {
                    stop = j;
                    break;
                }
                if matches!(ctx.word(j), "،" | "," | "؛" | ";")
                    && (lex.is_participle(ctx.key(j + 1)) || lex.is_source(ctx.key(j + 1)))
                {
                    stop = j;
                    break;
                }
            }
            let mut last = stop;
            while last > from && ctx.is_punct(last - 1) && !is_quote_mark(ctx.word(last - 1)) {
                last -= 1;
            }
            // A closing quote mark is kept only when its opening one is inside too.
            if last > from && word_count(ctx, from, last) >= MIN_WORDS {
                let (text, start, qend) = ctx.slice(from, last - 1);
                covered_until = qend;
                found.push(make(
                    ctx,
                    text,
                    start,
                    qend,
                    QuoteKind::Indirect,
                    Some(q.token),
                    q.speaker.clone(),
                ));
            }
        }
        found.sort_by_key(|f| f.quote.start);
        for f in &found {
            if let Some(sp) = &f.speaker {
                last_speaker = Some(sp.clone());
                history.push((f.quote.start, sp.clone()));
            }
        }
        out.extend(found);
    }
    out
}

fn make(
    ctx: &FieldCtx,
    text: &str,
    start: usize,
    end: usize,
    kind: QuoteKind,
    cue: Option<usize>,
    speaker: Option<Speaker>,
) -> Found {
    let quote = Quote {
        text: text.to_owned(),
        kind,
        speaker: speaker.as_ref().map(Speaker::value),
        speaker_text: speaker.as_ref().map(|s| s.text.clone()),
        verb: cue.map(|i| ctx.word(i).to_owned()),
        field: ctx.field,
        start,
        end,
        speaker_span: speaker.as_ref().and_then(|s| s.span),
    };
    Found { quote, speaker }
}

/// Word and number tokens in `from..to`.
fn word_count(ctx: &FieldCtx, from: usize, to: usize) -> usize {
    (from..to).filter(|&i| ctx.is_word(i) || ctx.is_number(i)).count()
}

/// Pairs of matching quotation marks in tokens `first..end`, as `(open, close)` indices.
pub(crate) fn quote_spans(ctx: &FieldCtx, first: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for i in first..end {
        let w = ctx.word(i);
        if !is_quote_mark(w) {
            continue;
        }
        match open {
            None => {
                let closer = match w {
                    "\"" => "\"",
                    "«" => "»",
                    "“" | "„" => "”",
                    _ => continue,
                };
                open = Some((i, closer));
            }
            Some((o, closer)) => {
                let closes = w == closer || (closer == "”" && w == "“");
                if closes {
                    out.push((o, i));
                    open = None;
                }
            }
        }
    }
    out
}

/// The complementizer (`أن`, `إنه`, …) that a speech verb at `verb` governs, if it comes within
/// [`COMPLEMENTIZER_WINDOW`] tokens without crossing a colon, a full stop or a quotation.
fn complementizer_after(
    ctx: &FieldCtx,
    lex: &Lex,
    verb: usize,
    end: usize,
    spans: &[(usize, usize)],
) -> Option<usize> {
    let mut j = verb + 1;
    while j < end && j <= verb + COMPLEMENTIZER_WINDOW {
        if spans.iter().any(|&(o, _)| o == j) {
            return None;
        }
        if matches!(ctx.word(j), ":" | "." | "؛" | ";" | "!" | "؟" | "?") {
            return None;
        }
        if j > verb + 1
            && ctx.is_word(j)
            && (lex.is_speech_verb(ctx.key(j)) || lex.is_participle(ctx.key(j)))
        {
            return None;
        }
        if ctx.is_word(j) && lex.is_complementizer(ctx.key(j)) {
            return Some(j);
        }
        j += 1;
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn cue_speaker(
    ctx: &FieldCtx,
    lex: &Lex,
    i: usize,
    kind: CueKind,
    first: usize,
    prev_in_sentence: Option<Speaker>,
    last_speaker: &Option<Speaker>,
    history: &[(usize, Speaker)],
) -> Option<Speaker> {
    match kind {
        CueKind::Participle => prev_in_sentence
            .or_else(|| first_actor_before(ctx, first, i))
            .or_else(|| carried(last_speaker)),
        CueKind::Source => {
            let mut j = i + 1;
            while j < ctx.tokens.len() && matches!(ctx.key(j), "ل" | "لـ" | "عن" | "ـ") {
                j += 1;
            }
            speaker_after(ctx, lex, j, history)
        }
        CueKind::Verb => speaker_after(ctx, lex, i + 1, history)
            .or_else(|| speaker_before(ctx, i, first))
            .or_else(|| carried(last_speaker)),
    }
}

/// The previous quote's speaker, as the speaker of a quote that names none.
fn carried(last: &Option<Speaker>) -> Option<Speaker> {
    last.as_ref().map(|s| Speaker { span: None, ..s.clone() })
}

fn speaker_from_mention(ctx: &FieldCtx, m: crate::ctx::MentionRef) -> Option<Speaker> {
    let e = ctx.entity(m)?;
    let text = ctx.text.get(m.start..m.end).unwrap_or("").to_owned();
    Some(Speaker {
        id: Some(e.id.clone()),
        resolved_text: e.canonical.clone(),
        text,
        span: Some(TextRange::new(m.start, m.end.max(m.start))),
        label: Some(e.label.clone()),
    })
}

/// The speaker written from token `j` on: an entity, a titled person (`وزير الخارجية
/// "أنتوني بلينكن"`), or a phrase of up to five words (a role resolves to whom it names).
fn speaker_after(
    ctx: &FieldCtx,
    lex: &Lex,
    j: usize,
    history: &[(usize, Speaker)],
) -> Option<Speaker> {
    let mut j = j;
    if is_quote_mark(ctx.word(j)) {
        // A quoted name (`"بلينكن"`), not the opening of the quote itself.
        let closes_soon =
            (j + 1..(j + 6).min(ctx.tokens.len())).any(|k| is_quote_mark(ctx.word(k)));
        if !closes_soon {
            return None;
        }
        j += 1;
    }
    let key = ctx.key(j);
    // `وتابع قائلا: "…"`: an attribution word is never the speaker.
    let cue = |k: &str| lex.is_participle(k) || lex.is_speech_verb(k);
    if !ctx.is_word(j) || lex.is_speaker_stop(key) || ctx.in_time(j) || cue(key) {
        return None;
    }
    if let Some(m) = ctx.mention_at(j) {
        return speaker_from_mention(ctx, m);
    }
    // The phrase: words up to a stop, punctuation or five words.
    let mut last = j;
    let mut k = j;
    while k < ctx.tokens.len() && k < j + 5 {
        if !ctx.is_word(k) || lex.is_speaker_stop(ctx.key(k)) || ctx.in_time(k) || cue(ctx.key(k)) {
            break;
        }
        last = k;
        k += 1;
    }
    let (text, start, end) = ctx.slice(j, last);
    // A person or organisation named inside the phrase or right after a title.
    let title = lex.is_person_role(key) || lex.is_org_role(key);
    let scan_end = if title { (last + 6).min(ctx.tokens.len()) } else { last + 1 };
    for k in j + 1..scan_end {
        if k > last && !(ctx.is_word(k) || is_quote_mark(ctx.word(k))) {
            break;
        }
        if k > last && ctx.is_word(k) && lex.is_speaker_stop(ctx.key(k)) {
            break;
        }
        if let Some(m) = ctx.mention_at(k)
            && ctx.entity(m).is_some_and(|e| e.label == "PER" || (e.label == "ORG" && k <= last))
        {
            return speaker_from_mention(ctx, m);
        }
    }
    let span = Some(TextRange::new(start, end.max(start)));
    if last == j
        && title
        && let Some(resolved) = resolve_role(ctx, lex, key, start, history)
    {
        return Some(Speaker { text: text.to_owned(), span, ..resolved });
    }
    if text.is_empty() {
        return None;
    }
    Some(Speaker {
        id: None,
        resolved_text: text.to_owned(),
        text: text.to_owned(),
        span,
        label: None,
    })
}

/// An entity named right before token `i` (`بلينكن قال`), within the sentence.
fn speaker_before(ctx: &FieldCtx, i: usize, first: usize) -> Option<Speaker> {
    let mut k = i;
    let mut steps = 0;
    while k > first && steps < 3 {
        k -= 1;
        steps += 1;
        if ctx.is_punct(k) && !is_quote_mark(ctx.word(k)) {
            return None;
        }
        if let Some(m) = ctx.mention_at(k) {
            let e = ctx.entity(m)?;
            if e.label == "PER" || e.label == "ORG" {
                return speaker_from_mention(ctx, m);
            }
        }
    }
    None
}

/// The first person or organisation named in the sentence before token `i`.
fn first_actor_before(ctx: &FieldCtx, first: usize, i: usize) -> Option<Speaker> {
    (first..i).find_map(|k| {
        let m = ctx.mention_at(k)?;
        let e = ctx.entity(m)?;
        (e.label == "PER" || e.label == "ORG").then(|| speaker_from_mention(ctx, m)).flatten()
    })
}

/// Whom a bare role refers to: for an organisation role, the latest earlier speaker or
/// organisation whose name contains it (`الوزارة` → `وزارة الخارجية الروسية`); for a person
/// role, the latest person named before.
fn resolve_role(
    ctx: &FieldCtx,
    lex: &Lex,
    key: &str,
    before: usize,
    history: &[(usize, Speaker)],
) -> Option<Speaker> {
    let stem = bare(key);
    if lex.is_org_role(key) {
        let from_history = history.iter().rev().find(|(pos, s)| {
            *pos < before
                && normalize(&s.resolved_text).contains(stem)
                && s.label.as_deref() != Some("PER")
        });
        let from_entities = ctx
            .mentions
            .iter()
            .rev()
            .filter(|m| m.end <= before)
            .find(|m| {
                ctx.entity(**m)
                    .is_some_and(|e| e.label == "ORG" && normalize(&e.canonical).contains(stem))
            })
            .copied();
        return match (from_history, from_entities) {
            (Some((pos, s)), Some(m)) if *pos >= m.start => Some(s.clone()),
            (_, Some(m)) => speaker_from_mention(ctx, m),
            (Some((_, s)), None) => Some(s.clone()),
            (None, None) => None,
        };
    }
    // A bare person role: the latest person.
    let m = ctx
        .mentions
        .iter()
        .rev()
        .filter(|m| m.end <= before)
        .find(|m| ctx.entity(**m).is_some_and(|e| e.label == "PER"))
        .copied()?;
    speaker_from_mention(ctx, m)
}
