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

use marsad_doc::{Entity, Quote, QuoteKind, TextRange};
use marsad_text::normalize;

use crate::ctx::{FieldCtx, bare, is_quote_mark, strip_conj};
use crate::lex::{Lex, lex};

/// How many tokens an attribution cue may stand before its quote.
const CUE_WINDOW: usize = 15;
/// How many tokens a speech verb may stand before its complementizer.
const COMPLEMENTIZER_WINDOW: usize = 20;
/// The fewest words a quotation (direct or reported) must have.
const MIN_WORDS: usize = 3;

/// A pair of token indices (opening and closing quotation mark).
type Span = (usize, usize);

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
    pub(crate) fn value(&self) -> String {
        self.key().to_owned()
    }

    /// What [`value`](Self::value) holds, borrowed: the entity id, else the resolved words.
    pub(crate) fn key(&self) -> &str {
        self.id.as_deref().unwrap_or(&self.resolved_text)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CueKind {
    Verb,
    Participle,
    Source,
    /// `قوله`: the words of whom `عن` names before it.
    Qawl,
}

#[derive(Clone, Debug)]
struct Cue {
    token: usize,
    kind: CueKind,
    /// A cue of quotations in marks only (`ووصفه`, `داعيا`), never of reported speech.
    direct_only: bool,
    speaker: Option<Speaker>,
}

/// A quote found, with the speaker as resolved (used by the events rules too).
#[derive(Clone, Debug)]
pub(crate) struct Found {
    pub quote: Quote,
    pub speaker: Option<Speaker>,
    /// The token of the attribution cue (none for a quote after a bare colon).
    pub cue: Option<usize>,
}

impl Found {
    /// Gives the quote another speaker, in the record (`speaker`, `speaker_text`,
    /// `speaker_span`) as well.
    pub(crate) fn set_speaker(&mut self, sp: Speaker) {
        self.quote.speaker = Some(sp.value());
        self.quote.speaker_text = Some(sp.text.clone());
        self.quote.speaker_span = sp.span.map(|r| TextRange::new(r.start, r.end));
        self.speaker = Some(sp);
    }
}

/// Every quote of a field, in text order.
pub(crate) fn find(ctx: &FieldCtx) -> Vec<Found> {
    let lex = lex();
    let mut out: Vec<Found> = Vec::new();
    let mut last_speaker: Option<Speaker> = None;
    let mut history: Vec<(usize, Speaker)> = Vec::new();
    // Every cue's speaker, quoted or not (`حسب بيان صادر عن X`), for resolving roles later.
    let mut mentioned: Vec<(usize, Speaker)> = Vec::new();
    let mut prev_sentence: Option<(usize, usize)> = None;
    let mut last_quote_at = 0usize;
    for s in ctx.sentences {
        let first = s.first_token.min(ctx.tokens.len());
        let end = s.end_token.min(ctx.tokens.len());
        if first >= end {
            continue;
        }
        // Who an unnamed subject is: the previous quote's speaker when it was quoted in
        // the previous sentence, else the first actor of the previous sentence (pro-drop:
        // `… بومبيو … . وقال في مؤتمر صحفي إن …`), else the previous quote's speaker.
        let fallback = match prev_sentence {
            Some((pf, pe)) => {
                let recent = ctx.token(pf).is_some_and(|t| last_quote_at >= t.start);
                if recent && last_speaker.is_some() {
                    carried(&last_speaker)
                } else {
                    first_actor_before(ctx, lex, pf, pe)
                        .map(|s| Speaker { span: None, ..s })
                        .or_else(|| carried(&last_speaker))
                }
            }
            None => carried(&last_speaker),
        };
        prev_sentence = Some((first, end));
        let (names, spans): (Vec<Span>, Vec<Span>) = quote_spans(ctx, first, end)
            .into_iter()
            .filter(|&(o, c)| word_count(ctx, o + 1, c) >= MIN_WORDS)
            .partition(|&(o, c)| is_name_span(ctx, lex, o, c));
        let inside = |i: usize| spans.iter().any(|&(o, c)| o < i && i < c);
        // Attribution cues and their speakers, in order.
        let mut cues: Vec<Cue> = Vec::new();
        for i in first..end {
            if inside(i) || !ctx.is_word(i) {
                continue;
            }
            let key = ctx.key(i);
            // `من المتوقع أن تعلن`, `لن يقول`: planned or denied, not said.
            let present = matches!(strip_conj(key).chars().next(), Some('ي' | 'ت'));
            if present
                && i > first
                && matches!(ctx.key(i - 1), "ان" | "لن" | "لم" | "كي" | "لكي" | "قد")
            {
                continue;
            }
            if is_considered(ctx, lex, i) || is_anonymity(ctx, i) {
                continue;
            }
            // `قبل ساعات من بث المقابلة`: after a preposition the word is a verbal noun.
            if i > first
                && !key.starts_with('و')
                && matches!(
                    ctx.key(i - 1),
                    "من" | "عن" | "في" | "على" | "بعد" | "قبل" | "خلال" | "اثر" | "عقب"
                )
            {
                continue;
            }
            // `تدعي أن` (claims that) is written like `تدعى سامية` (is called): only the
            // one before a complementizer speaks.
            if matches!(strip_conj(key), "يدعي" | "تدعي") && !lex.is_complementizer(ctx.key(i + 1))
            {
                continue;
            }
            let (kind, direct_only) = if lex.is_participle(key) || is_speech_noun(ctx, i) {
                (CueKind::Participle, false)
            } else if lex.is_direct_participle(key) {
                (CueKind::Participle, true)
            } else if lex.is_source(key) {
                (CueKind::Source, false)
            } else if lex.is_speech_verb(key) || is_jaa_fi(ctx, i) {
                (CueKind::Verb, false)
            } else if lex.is_qawl(key) {
                (CueKind::Qawl, false)
            } else if lex.is_direct_verb(key) {
                (CueKind::Verb, true)
            } else {
                continue;
            };
            let prev = cues
                .iter()
                .rev()
                .filter(|c| c.kind == CueKind::Verb)
                .find_map(|c| c.speaker.clone());
            let conjoined = direct_only
                && kind == CueKind::Verb
                && key.starts_with('و')
                && i > first
                && matches!(ctx.word(i - 1), "،" | "," | "\"" | "»" | "”");
            let speaker = if conjoined && prev.is_some() {
                // `…، واتهم النظام "…"`: the same subject; the words after are the object.
                prev
            } else {
                // `وتابع`, `وأضاف`: a continuation keeps the previous quote's speaker.
                let fb = if is_continuation(key) && last_speaker.is_some() {
                    carried(&last_speaker)
                } else {
                    fallback.clone()
                };
                cue_speaker(ctx, lex, i, kind, first, prev, &fb, &history)
                    .map(|sp| fuller_form_before(ctx, sp, &history, i))
            };
            if let (Some(sp), Some(t)) = (&speaker, ctx.token(i)) {
                // `نقلت صحيفة X عن مصدر`: the medium that relays is named too, for a later
                // `وقالت الصحيفة`.
                if kind == CueKind::Verb
                    && strip_conj(key).starts_with("نقل")
                    && let Some(medium) = speaker_after(ctx, lex, i + 1, &history)
                    && medium.key() != sp.key()
                {
                    mentioned.push((t.start, medium));
                }
                mentioned.push((t.start, sp.clone()));
            }
            cues.push(Cue { token: i, kind, direct_only, speaker });
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
        // Speech verbs inside a reported clause (`قال البيت الأبيض إن مستشاره أبلغ السفير
        // بأن …`): the outer clause ends at the inner complementizer and the inner verb
        // reports a quote of its own, by the inner subject.
        let mut nested: Vec<(usize, Option<Speaker>)> = Vec::new();
        for q in &cues {
            let inner = nested.iter().position(|(t, _)| *t == q.token);
            if (q.direct_only && !describes_as(ctx, lex, q.token, end))
                || (inner.is_none() && ctx.token(q.token).is_some_and(|t| t.start < covered_until))
            {
                continue;
            }
            let source = q.kind == CueKind::Source;
            let Some(comp) = complementizer_after(ctx, lex, q.token, end, &spans, &names, source)
            else {
                continue;
            };
            // `وأفاد مراسلنا نقلا عن مصادر يمنية بأن …`: the source between verb and clause
            // is whose words they are.
            let speaker = match inner {
                Some(n) => nested.swap_remove(n).1,
                // (`أفادت الرئاسة، حسب ما نقلت الوكالة، أن`: a source naming who passed
                // the words on is not whose they are.)
                None => cues
                    .iter()
                    .filter(|c| c.kind == CueKind::Source && c.token > q.token && c.token < comp)
                    .filter(|c| q.speaker.is_none() || strip_conj(ctx.key(c.token)) == "نقلا")
                    .find_map(|c| c.speaker.clone())
                    .or_else(|| q.speaker.clone()),
            };
            let mut from = comp + 1;
            if spans.iter().any(|&(o, _)| o == from) {
                continue;
            }
            // Clauses coordinated with `وأن`/`وإن` are quotes of their own, by the same
            // speaker.
            loop {
                let mut next_clause = None;
                let mut stop = end;
                let mut j = from;
                while j < end {
                    if let Some(&(_, c)) = spans.iter().find(|&&(o, _)| o == j) {
                        // A quoted fragment inside the clause (`إن إيران تعمل على "زعزعة …"`)
                        // belongs to it; one after a comma or a cue is a quote of its own.
                        let prev = ctx.key(j.saturating_sub(1));
                        let own = matches!(ctx.word(j.saturating_sub(1)), "،" | "," | ":")
                            || lex.is_speech_verb(prev)
                            || lex.is_participle(prev)
                            || lex.is_direct_verb(prev)
                            || lex.is_qawl(prev);
                        if own {
                            stop = j;
                            break;
                        }
                        j = c + 1;
                        continue;
                    }
                    // (Past tense only: `معلومات تفيد بأن` describes, it does not report.)
                    let past = !matches!(strip_conj(ctx.key(j)).chars().next(), Some('ي' | 'ت'));
                    // (`رغم قوله إن`: the words of whom the pronoun on `قوله` points to.)
                    let qawl = |c: &Cue| c.kind == CueKind::Qawl;
                    if let Some(c) = cues.iter().find(|c| {
                        c.token == j
                            && !c.direct_only
                            && ((c.kind == CueKind::Verb && past) || qawl(c))
                    }) && let Some(inner_comp) =
                        complementizer_after(ctx, lex, j, end, &spans, &names, false)
                        && (j + 1..inner_comp).all(|k| ctx.is_word(k))
                    {
                        // The inner subject stands between the two (`إن مستشاره X أبلغ`);
                        // with none (`إنه أبلغ`), it is the outer speaker.
                        // (Words that name no one there, `وفي حين قال X إن الهجوم لم يوقع
                        // ضحايا، قال Y إن`, mean the verb opens a sentence of its own.)
                        let subject = if qawl(c) {
                            c.speaker.clone()
                        } else if j > from {
                            first_actor_before(ctx, lex, from, j)
                                .or_else(|| {
                                    speaker_after(ctx, lex, from, &history)
                                        .filter(|s| s.id.is_some() || is_role(lex, ctx.key(from)))
                                })
                                .or_else(|| c.speaker.clone())
                        } else {
                            speaker.clone()
                        };
                        nested.push((c.token, subject));
                        stop = if j > from { inner_comp } else { from };
                        break;
                    }
                    let next = ctx.key(j + 1);
                    if j > from + 2
                        && is_coordinated_complementizer(lex, ctx.key(j))
                        && !matches!(ctx.word(j - 1), "،" | ",")
                    {
                        stop = j;
                        next_clause = Some(j + 1);
                        break;
                    }
                    if matches!(ctx.word(j), "." | "!" | "؟" | "?") && ctx.is_word(j + 1) {
                        stop = j;
                        break;
                    }
                    if matches!(ctx.word(j), "،" | "," | "؛" | ";")
                        && (lex.is_participle(next)
                            || lex.is_source(next)
                            || (next.starts_with('و') && lex.is_speech_verb(next)))
                    {
                        stop = j;
                        break;
                    }
                    j += 1;
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
                        speaker.clone(),
                    ));
                }
                match next_clause {
                    Some(n) if !spans.iter().any(|&(o, _)| o == n) => from = n,
                    _ => break,
                }
            }
        }
        // Direct quotes inside a reported clause are part of it.
        let clauses: Vec<(usize, usize)> = found
            .iter()
            .filter(|f| f.quote.kind == QuoteKind::Indirect)
            .map(|f| (f.quote.start, f.quote.end))
            .collect();
        found.retain(|f| {
            f.quote.kind == QuoteKind::Indirect
                || !clauses.iter().any(|&(a, b)| a < f.quote.start && f.quote.end <= b)
        });
        found.sort_by_key(|f| f.quote.start);
        for f in &found {
            last_quote_at = last_quote_at.max(f.quote.start);
            if let Some(sp) = &f.speaker {
                last_speaker = Some(sp.clone());
                history.push((f.quote.start, sp.clone()));
            }
        }
        out.extend(found);
        history.append(&mut mentioned);
        history.sort_by_key(|(pos, _)| *pos);
    }
    if ctx.field == marsad_doc::Field::Headline {
        headline_colon(ctx, lex, &mut out, &history);
    }
    out
}

/// Headline quotes whose speaker is a person role left unresolved (`وزير الخارجية
/// الأمريكي`) take the person the body names next to the same role words (`قال وزير
/// الخارجية الأمريكي سامي نور`, `سامي نور، وزير الخارجية الأمريكي،`).
///
/// When the body never repeats the role, the headline's person is the first person the
/// body quotes (`سفير سابق: …` over `وقال السفير الروسي السابق سامي نور إن …`): a
/// headline quotes the story's main speaker.
pub(crate) fn resolve_from_body(quotes: &mut [Found], body: &FieldCtx, body_quotes: &[Found]) {
    let lex = lex();
    for f in quotes.iter_mut() {
        let Some(sp) = f.speaker.as_ref().filter(|s| s.id.is_none()) else { continue };
        let words = bare_words(&sp.text);
        let first = sp.text.split_whitespace().next().map(normalize).unwrap_or_default();
        if !lex.is_person_role(&first) {
            // `أمهات المختطفين: …` over a body quoting `رابطة أمهات المختطفين`: the body
            // speaker whose name holds the headline's first two words.
            let own = words.join(" ");
            let head = words.iter().take(2).cloned().collect::<Vec<_>>().join(" ");
            let longer = (words.len() >= 2)
                .then(|| {
                    body_quotes.iter().filter_map(|q| q.speaker.as_ref()).find(|s| {
                        let long = bare_words(&s.resolved_text);
                        let k = long.join(" ");
                        // (Or all the headline's words in order from the same head:
                        // `مصدر أميركي` for `مصدر أمني أميركي`.)
                        k != own && (k.contains(&head) || holds_in_order(&long, &words))
                    })
                })
                .flatten();
            // `مسؤولان: …` over a body quoting `المسؤولان` as their government: the first
            // body speaker with an id written with the same one word.
            let group = lex.group(&first).is_some() || bare(&first).starts_with("مسؤول");
            let same_word = (words.len() == 1 && group)
                .then(|| {
                    body_quotes
                        .iter()
                        .filter_map(|q| q.speaker.as_ref())
                        .find(|s| s.id.is_some() && bare_words(&s.text) == words)
                })
                .flatten();
            if let Some(p) = longer.or(same_word).cloned() {
                let resolved = Speaker { text: sp.text.clone(), span: sp.span, ..p };
                f.set_speaker(resolved);
            }
            continue;
        }
        if words.len() > 5 {
            continue;
        }
        // The whole role, else without its last words (`… الأمريكي الجديد` → `… الأمريكي`),
        // down to two words.
        let found = (2..=words.len()).rev().find_map(|len| {
            (0..body.tokens.len()).find_map(|k| {
                let same =
                    (0..len).all(|d| words.get(d).is_some_and(|w| bare(body.key(k + d)) == w));
                if !same {
                    return None;
                }
                let last = k + len - 1;
                person_after_role(body, k, last).or_else(|| {
                    apposition_name(body, lex, last + 1)
                        .and_then(|(a, b)| phrase_speaker(body, a, b))
                })
            })
        });
        let found = found.or_else(|| {
            body_quotes
                .iter()
                .filter_map(|q| q.speaker.as_ref())
                .find(|s| s.id.is_some() && s.label.as_deref() == Some("PER"))
                .cloned()
        });
        if let Some(p) = found {
            let resolved = Speaker { text: sp.text.clone(), span: sp.span, ..p };
            f.set_speaker(resolved);
        }
    }
}

/// A headline `X: words` is a direct quote by X (`وزير الخارجية: لن نتراجع عن القرار`),
/// unless the words after the colon are already a quotation in marks.
fn headline_colon(ctx: &FieldCtx, lex: &Lex, out: &mut Vec<Found>, history: &[(usize, Speaker)]) {
    let n = ctx.tokens.len();
    let Some(colon) = (0..n).find(|&i| ctx.word(i) == ":") else { return };
    // The segment the speaker is in: after the last separator (`..`, `|`, `-`) before it.
    let mut seg = colon;
    while seg > 0 {
        let w = ctx.word(seg - 1);
        if ctx.is_punct(seg - 1) && !is_quote_mark(w) && !matches!(w, "،" | ",") {
            break;
        }
        seg -= 1;
    }
    let before_words = word_count(ctx, seg, colon);
    if before_words == 0 || before_words > 8 {
        return;
    }
    let mut last = n;
    while last > colon + 1 && ctx.is_punct(last - 1) && !is_quote_mark(ctx.word(last - 1)) {
        last -= 1;
    }
    if last <= colon + 1 || word_count(ctx, colon + 1, last) < MIN_WORDS {
        return;
    }
    let Some(speaker) = speaker_after(ctx, lex, seg, history) else { return };
    // `سوريا: …` is a place line of a news headline, not a quote; `تركيا: سنتحرك …`, in
    // the first person, is the country speaking.
    let first_person = (colon + 1..last).any(|k| {
        let w = strip_conj(ctx.key(k));
        let n = w.chars().count();
        (n >= 4 && w.ends_with("نا") && !matches!(w, "هناك" | "احيانا"))
            || (n >= 5 && w.starts_with("سن") && !w.starts_with("سنو") && !w.starts_with("سنه"))
            || matches!(w, "نحن" | "اننا" | "لدينا")
    });
    if speaker.label.as_deref() == Some("LOC") && !first_person {
        return;
    }
    // `مباشر: …`, `فيديو: …`, `كرة القدم: …`, `دوري أبطال أوروبا: …`: a section label or
    // a sport or competition before the headline proper, not a party speaking.
    // (The key itself: `فيديو` is no `ف` + `يديو`.)
    let first = ctx.key(seg);
    let label = matches!(
        first.strip_prefix("ال").unwrap_or(first),
        "مباشر"
            | "فيديو"
            | "بالفيديو"
            | "صور"
            | "بالصور"
            | "عاجل"
            | "كره"
            | "دوري"
            | "كاس"
            | "بطوله"
            | "مونديال"
            | "اولمبياد"
    );
    if label || speaker.label.as_deref() == Some("MISC") {
        return;
    }
    // `الرئيس اللبناني: "…"`: the words after the colon are a quotation in marks already,
    // found without a speaker; X said them.
    if is_quote_mark(ctx.word(colon + 1)) {
        let opens = ctx.token(colon + 1).map_or(0, |t| t.start);
        let closes = ctx.token(colon + 2).map_or(0, |t| t.end);
        if let Some(f) = out.iter_mut().find(|f| f.quote.start >= opens && f.quote.start <= closes)
            && f.speaker.is_none()
        {
            f.set_speaker(speaker);
        }
        return;
    }
    let (text, start, end) = ctx.slice(colon + 1, last - 1);
    if out.iter().any(|f| f.quote.start < start && f.quote.end > start) {
        return;
    }
    out.retain(|f| f.quote.end <= start || f.quote.start >= end);
    out.push(make(ctx, text, start, end, QuoteKind::Direct, None, Some(speaker)));
    out.sort_by_key(|f| f.quote.start);
}

/// `الذي يعتبر الأب الروحي للجماعة` (who is considered …): `يعتبر` after a relative
/// pronoun and not before a complementizer describes, it reports nothing.
fn is_considered(ctx: &FieldCtx, lex: &Lex, i: usize) -> bool {
    i > 0
        && matches!(strip_conj(ctx.key(i)), "يعتبر" | "تعتبر" | "يعد" | "تعد")
        && matches!(ctx.key(i - 1), "الذي" | "التي" | "الذين")
        && !lex.is_complementizer(ctx.key(i + 1))
}

/// `طلب عدم الكشف عن هويته`, `مفضلا عدم ذكر اسمه`: a request for anonymity inside the
/// speaker's description; neither its verb nor the verbal noun after `عدم` says anything.
fn is_anonymity(ctx: &FieldCtx, i: usize) -> bool {
    let asks = |k: usize| {
        let v = strip_conj(ctx.key(k));
        ["طلب", "طالب", "مفضل", "فضل", "مشترط", "اشترط", "رفض", "رافض"].iter().any(|r| {
            v.strip_prefix(r).is_some_and(|rest| matches!(rest, "" | "ت" | "وا" | "ا" | "ه" | "ين"))
        })
    };
    (asks(i) && ctx.key(i + 1) == "عدم") || (i > 0 && ctx.key(i - 1) == "عدم")
}

/// `وأن`, `وإنه`: a complementizer coordinated with the one before.
fn is_coordinated_complementizer(lex: &Lex, key: &str) -> bool {
    key.strip_prefix('و').is_some_and(|k| lex.is_complementizer(k))
}

/// Verbs that continue what was quoted before (`وتابع`, `وأضافت`, `واستطرد`).
pub(crate) fn is_continuation(key: &str) -> bool {
    let k = strip_conj(key);
    ["تابع", "اضاف", "استطرد", "اردف", "ختم", "يتابع", "يضيف", "تضيف", "تتابع"]
        .iter()
        .any(|v| k == *v || k.strip_suffix('ت') == Some(v))
}

/// A verbal noun of saying that opens reported speech like a participle (`مع التأكيد على
/// أن`, `والإشارة إلى أن`): only right before its complementizer, or `على`/`إلى` and it.
fn is_speech_noun(ctx: &FieldCtx, i: usize) -> bool {
    let k = bare(ctx.key(i));
    if !["تاكيد", "تشديد", "اشاره", "توضيح", "تنويه", "قول"].contains(&k)
    {
        return false;
    }
    let lex = lex();
    let next = ctx.key(i + 1);
    lex.is_complementizer(next)
        || (matches!(next, "علي" | "الي") && lex.is_complementizer(ctx.key(i + 2)))
}

/// `وصفه … بأنه …`: a describing verb with `بأن` reports what was said.
fn describes_as(ctx: &FieldCtx, lex: &Lex, verb: usize, end: usize) -> bool {
    let key = ctx.key(verb);
    let k = crate::lex::strip_conj_short(key);
    // (`واتهمه بأن …`: an accusation reports what the accuser said; `واصفة إياه بأنه …`.)
    let describing =
        ["وصف", "يصف", "تصف", "اتهم", "يتهم", "تتهم", "متهم"].iter().any(|v| k.starts_with(v))
            || key.starts_with("واصف");
    describing
        && (verb + 1..end.min(verb + 8))
            .take_while(|&j| !ctx.is_punct(j) || matches!(ctx.word(j), "،" | ","))
            .any(|j| ctx.key(j).starts_with("بان") && lex.is_complementizer(ctx.key(j)))
}

/// `جاء في X أن …`
fn is_jaa_fi(ctx: &FieldCtx, i: usize) -> bool {
    // (`ورد فيه أن`: stated in it.)
    (matches!(crate::ctx::strip_conj(ctx.key(i)), "جاء" | "جا" | "ورد") && ctx.key(i + 1) == "في")
        || (strip_conj(ctx.key(i)) == "ورد" && matches!(ctx.key(i + 1), "فيه" | "فيها"))
}

/// A short quotation right after a naming noun (`لمحطة "سي إن إن"`, `حركة "…"`) is a
/// name, not a quote.
fn is_name_span(ctx: &FieldCtx, lex: &Lex, open: usize, close: usize) -> bool {
    if open == 0 || word_count(ctx, open + 1, close) > 5 {
        return false;
    }
    // `يدعى "…"`, `الملقب بـ"…"`: what someone is called.
    let naming = |k: usize| {
        matches!(
            strip_conj(ctx.key(k)),
            "يدعى"
                | "تدعى"
                | "يدعي"
                | "تدعي"
                | "يلقب"
                | "تلقب"
                | "المسمى"
                | "الملقب"
                | "الملقبه"
        )
    };
    if naming(open - 1)
        || (open >= 2 && matches!(ctx.key(open - 1), "ب" | "بـ" | "ـ") && naming(open - 2))
        || (open >= 3 && ctx.key(open - 1) == "ـ" && ctx.key(open - 2) == "ب" && naming(open - 3))
    {
        return true;
    }
    // The head, or the head and its definite complement (`وكالة الأنباء "…"`).
    lex.is_name_head(ctx.key(open - 1))
        || (open >= 2
            && ctx.is_word(open - 1)
            && ctx.key(open - 1).starts_with("ال")
            && lex.is_name_head(ctx.key(open - 2)))
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
    Found { quote, speaker, cue }
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
                if closes && closer == "\"" && unclosed(ctx, o, i) {
                    // The first mark was never closed: this one opens the next quote.
                    open = Some((i, "\""));
                } else if closes {
                    out.push((o, i));
                    open = None;
                }
            }
        }
    }
    out
}

/// Whether a straight-quote pair `open..close` spans a sentence break followed by a new
/// attribution (`… أهدافها. ونقلت الوكالة …`): then the opening mark was left unclosed.
fn unclosed(ctx: &FieldCtx, open: usize, close: usize) -> bool {
    let lex = lex();
    (open + 1..close).any(|k| {
        matches!(ctx.word(k), "." | "!" | "؟")
            && ctx.key(k + 1).starts_with('و')
            && lex.is_speech_verb(ctx.key(k + 1))
    })
}

/// The complementizer (`أن`, `إنه`, …) that a speech verb at `verb` governs, if it comes within
/// [`COMPLEMENTIZER_WINDOW`] tokens without crossing a colon, a full stop or a quotation.
fn complementizer_after(
    ctx: &FieldCtx,
    lex: &Lex,
    verb: usize,
    end: usize,
    spans: &[(usize, usize)],
    names: &[(usize, usize)],
    source: bool,
) -> Option<usize> {
    let limit = end.min(verb + COMPLEMENTIZER_WINDOW + 1);
    // `نقلت الوكالة عن X، الذي كان قد أعلن أن …، قوله إن`: the clause belongs to `قوله`.
    // (Not `أضافت أن X لم يحدد موعدا رغم قوله إن`, with no `عن` naming whose words.)
    if !lex.is_qawl(ctx.key(verb))
        && (verb + 2..limit)
            .any(|k| lex.is_qawl(ctx.key(k)) && (verb + 1..k).any(|t| ctx.key(t) == "عن"))
    {
        return None;
    }
    let mut j = verb + 1;
    while j < end && j <= verb + COMPLEMENTIZER_WINDOW {
        if let Some(&(o, c)) = spans.iter().find(|&&(o, _)| o == j) {
            // `مدير مكتب التحقيقات "أف بي آي" السابق، إن`: a short quotation inside the
            // subject, with the subject going on after it, is a name.
            let goes_on = ctx.is_word(c + 1) || matches!(ctx.word(c + 1), "،" | ",");
            if !source && word_count(ctx, o + 1, c) <= 3 && goes_on {
                j = c + 1;
                continue;
            }
            return None;
        }
        if let Some(&(_, c)) = names.iter().find(|&&(o, _)| o == j) {
            j = c + 1;
            continue;
        }
        if matches!(ctx.word(j), ":" | "." | "؛" | ";" | "!" | "؟" | "?") {
            return None;
        }
        let key = ctx.key(j);
        // (`بحسب ما نقلت X، فإن …`: the verb after `ما` is the source's own.)
        let source_verb = source && j == verb + 2 && ctx.key(verb + 1) == "ما";
        if j > verb + 1
            && ctx.is_word(j)
            && !lex.is_source(key)
            && !source_verb
            && !is_considered(ctx, lex, j)
            && !is_anonymity(ctx, j)
            && (lex.is_speech_verb(key) || lex.is_participle(key) || lex.is_qawl(key))
        {
            return None;
        }
        // `بحسب X، فإن …`: a source takes only the `فإن` clause.
        if source {
            if matches!(key, "فان" | "فانه" | "فانها" | "فانهم") {
                return Some(j);
            }
        } else if ctx.is_word(j)
            && lex.is_complementizer(key)
            && !matches!(
                ctx.key(j.saturating_sub(1)),
                "بعد" | "قبل" | "منذ" | "دون" | "بدون" | "رغم" | "برغم"
            )
            && !(matches!(ctx.key(j.saturating_sub(1)), "له" | "لها" | "لهم")
                && strip_conj(ctx.key(j.saturating_sub(2))) == "سبق")
            && !matches!(ctx.key(j.saturating_sub(1)), "يشتبه" | "اشتبه" | "يرجح" | "يفترض")
        {
            // (`بعد أن`, `دون أن` open a clause of time or manner, `الذي سبق له أن` one of
            // what someone did, `هجوم يشتبه بأنه` one of a suspicion: not what was said.)
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
    fallback: &Option<Speaker>,
    history: &[(usize, Speaker)],
) -> Option<Speaker> {
    let carried = |f: &Option<Speaker>| f.clone();
    let last_speaker = fallback;
    match kind {
        CueKind::Participle => prev_in_sentence
            .or_else(|| first_actor_before(ctx, lex, first, i))
            .or_else(|| carried(last_speaker)),
        CueKind::Source => {
            let mut j = i + 1;
            while j < ctx.tokens.len() && matches!(ctx.key(j), "ل" | "لـ" | "عن" | "ـ") {
                j += 1;
            }
            // `وفق ما نقلته عنه الوكالة`: the words are of whom `عنه` points back to.
            let back = ["عنه", "عنها", "عنهم"];
            if matches!(ctx.key(j), "ما" | "لما")
                && (j + 1..(j + 4).min(ctx.tokens.len())).any(|k| back.contains(&ctx.key(k)))
            {
                return prev_in_sentence.or_else(|| carried(last_speaker));
            }
            let k = strip_conj(ctx.key(i));
            if matches!(k, "حسبما" | "وفقما") {
                return None;
            }
            // `بحسب ما نقلت X`, `وفق ما ذكرته X`, `وفقا لما ذكره X`: whoever the verb
            // after `ما` has.
            let verb = ctx.key(j + 1);
            let verb_base = ["ها", "ه"].iter().find_map(|p| verb.strip_suffix(p)).unwrap_or(verb);
            if matches!(ctx.key(j), "ما" | "لما")
                && (lex.is_speech_verb(verb) || lex.is_speech_verb(verb_base))
            {
                return speaker_after(ctx, lex, j + 2, history);
            }
            // `وفقا للوزارة`: the preposition is written on the noun.
            // (Not `وفقا للعقيد المالكي`: a title before a name is that person's.)
            if let Some(rest) = ctx.key(j).strip_prefix("لل")
                && ctx.mention_at(j).is_none()
                && ctx.mention_at(j + 1).is_none()
            {
                let noun = format!("ال{rest}");
                if is_role(lex, &noun) {
                    let at = ctx.token(j).map_or(0, |t| t.start);
                    if let Some(s) = resolve_role(ctx, lex, &noun, at, history) {
                        return Some(written_at(ctx, j, j, s));
                    }
                }
            }
            speaker_after(ctx, lex, j, history)
        }
        CueKind::Qawl => {
            // `نقلت الوكالة عن مصدر في الوزارة قوله`
            let lo = i.saturating_sub(12).max(first);
            (lo..i)
                .rev()
                .find(|&k| ctx.key(k) == "عن")
                .and_then(|k| speaker_after(ctx, lex, k + 1, history))
                .or_else(|| {
                    // `نقلت رويترز حديث وزير الدفاع X لمحطة …، قوله`
                    (lo..i)
                        .find(|&k| matches!(bare(ctx.key(k)), "حديث" | "تصريحات" | "كلام"))
                        .and_then(|k| speaker_after(ctx, lex, k + 1, history))
                })
                .or_else(|| {
                    // The person named last before `قوله` in the sentence (`أضافت ساندرز
                    // أن ترامب لم يحدد موعدا …، رغم قوله إن`: his words, not hers).
                    (first..i).rev().find_map(|k| {
                        let m = ctx.mention_at(k)?;
                        ctx.entity(m).filter(|e| e.label == "PER")?;
                        speaker_from_mention(ctx, m)
                    })
                })
                .or(prev_in_sentence)
                .or_else(|| carried(last_speaker))
        }
        CueKind::Verb => {
            let key = strip_conj(ctx.key(i));
            // `نقلت الوكالة عن X أن …`: the words are X's.
            // (The agency's name may take eight tokens: `وكالة أنباء الإمارات "وام" عن`.)
            if key.starts_with("نقل") {
                let from = (i + 1..(i + 10).min(ctx.tokens.len()))
                    .take_while(|&k| {
                        !lex.is_complementizer(ctx.key(k)) && !ctx.word(k).contains(['.', ':'])
                    })
                    // (`نقل التقرير على لسان المصدر`, "on the tongue of": the same.)
                    .find(|&k| {
                        ctx.key(k) == "عن" || (ctx.key(k) == "لسان" && ctx.key(k - 1) == "علي")
                    });
                if let Some(s) = from.and_then(|k| speaker_after(ctx, lex, k + 1, history)) {
                    return Some(s);
                }
            }
            // `وكانت الخارجية الأمريكية قد حذرت`: the subject between `كان` and `قد`.
            if i >= first + 3 && ctx.key(i - 1) == "قد" {
                let lo = i.saturating_sub(9).max(first);
                if let Some(k) =
                    (lo..i - 2).rev().find(|&k| matches!(strip_conj(ctx.key(k)), "كان" | "كانت"))
                    && let Some(s) = speaker_after(ctx, lex, k + 1, history)
                {
                    return Some(s);
                }
            }
            // `وكانت السلطات كشفت`: a one- or two-word subject between `كان` and a past verb.
            if !key.starts_with('ي') && !key.starts_with('ت') {
                let kan = (i.saturating_sub(3).max(first)..i.saturating_sub(1))
                    .find(|&k| matches!(strip_conj(ctx.key(k)), "كان" | "كانت"));
                if let Some(k) = kan
                    && (k + 1..i).all(|m| ctx.is_word(m))
                    && let Some(s) = speaker_after(ctx, lex, k + 1, history)
                {
                    return Some(s);
                }
            }
            // `وفق الوكالة التي أشارت إلى أن`: the antecedent of the relative pronoun —
            // when the verb agrees with it (`الدول التي قال إنها`: a masculine verb after
            // `التي` has a subject of its own, the relative is its object).
            let relative = strip_conj(ctx.key(i.saturating_sub(1)));
            let feminine_verb = key.ends_with('ت') || key.starts_with('ت');
            let agrees = match relative {
                "التي" => feminine_verb,
                "الذي" => !feminine_verb,
                _ => true,
            };
            // (`في الوقت الذي قال فيه مصدر`: with `فيه` after the verb the relative is where
            // it was said, and the verb has a subject of its own.)
            let resumed_where =
                matches!(relative, "التي" | "الذي") && matches!(ctx.key(i + 1), "فيه" | "فيها");
            if i >= first + 2
                && matches!(relative, "التي" | "الذي" | "الذين")
                && agrees
                && !resumed_where
            {
                // `ستورمي دانيلز، التي ادعت`: a name ending right before (the comma).
                let back =
                    if matches!(ctx.word(i - 2), "،" | ",") { i.saturating_sub(3) } else { i - 2 };
                if let Some(m) = ctx.mention_ending_in(back)
                    && ctx.entity(m).is_some_and(|e| e.label == "PER" || e.label == "ORG")
                {
                    return speaker_from_mention(ctx, m);
                }
                if let Some(m) = ctx.mention_at(i - 2)
                    && ctx.entity(m).is_some_and(|e| e.label != "LOC")
                {
                    return speaker_from_mention(ctx, m);
                }
                if phrase_word(ctx, lex, i - 2) && !lex.is_source(ctx.key(i - 2)) {
                    return phrase_speaker(ctx, i - 2, i - 2);
                }
                // `وفق المرصد السوري لحقوق الإنسان، الذي قال`: an untagged name before the
                // comma, from its head noun on.
                if back + 1 < i {
                    let head = (back.saturating_sub(5).max(first)..=back).find(|&k| {
                        let key = ctx.key(k);
                        let noun = key.strip_prefix("ال").unwrap_or(key);
                        ctx.is_word(k)
                            && (is_role(lex, key) || lex.is_name_head(noun))
                            && (k..=back)
                                .all(|t| phrase_word(ctx, lex, t) || ctx.key(t).starts_with('ل'))
                    });
                    if let Some(h) = head {
                        return phrase_speaker(ctx, h, back);
                    }
                }
            }
            let after = if is_jaa_fi(ctx, i) || resumed_where { i + 2 } else { i + 1 };
            let after = speaker_after(ctx, lex, after, history);
            // Subject–verb order (`ترامب يصف …`): an entity right before a present-tense
            // verb, or before any verb when nothing named follows it.
            let present = key.starts_with('ي') || key.starts_with('ت');
            let adjacent = speaker_before(ctx, i, first).filter(|s| {
                s.span.is_some_and(|sp| {
                    ctx.token(i).is_some_and(|t| t.start.saturating_sub(sp.end) <= 3)
                })
            });
            let fronted = fronted_subject(ctx, lex, first, i, history);
            match (after, adjacent) {
                (_, Some(b)) if present => Some(b),
                (_, None) if present && fronted.is_some() => fronted.clone(),
                (Some(a), Some(b)) if a.id.is_none() => Some(b),
                (Some(a), _) => Some(a),
                (None, b) => b,
            }
            .or_else(|| topic_subject(ctx, lex, first, i, history))
            .or_else(|| speaker_before(ctx, i, first))
            .or_else(|| contrast_subject(ctx, lex, first, i, history))
            .or(fronted)
            .or(prev_in_sentence)
            .or_else(|| first_actor_before(ctx, lex, first, i))
            .or_else(|| opening_subject(ctx, lex, first, i, history))
            .or_else(|| carried(last_speaker))
        }
    }
}

/// `…، لكن سفير موسكو في لندن قال إن …`: after a contrasting or accompanying conjunction
/// (`لكن`, `بينما`, `فيما`, `في حين`), a clause may put its subject before the speech verb;
/// a role or a body named there (not a name, which [`speaker_before`] finds) is the
/// speaker.
fn contrast_subject(
    ctx: &FieldCtx,
    lex: &Lex,
    first: usize,
    i: usize,
    history: &[(usize, Speaker)],
) -> Option<Speaker> {
    let lo = i.saturating_sub(7).max(first);
    // (`حين` covers `في حين`.)
    let opener = (lo..i)
        .rev()
        .find(|&k| matches!(strip_conj(ctx.key(k)), "لكن" | "بينما" | "فيما" | "حين"))?;
    let start = opener + 1;
    if start >= i || !ctx.is_word(start) || (start..i).any(|k| ctx.is_punct(k)) {
        return None;
    }
    if !heads_a_subject(lex, ctx.key(start)) {
        return None;
    }
    speaker_after(ctx, lex, start, history)
}

/// Whether a clause opening with `key` (before its verb) opens with a speaker: a role, a
/// naming head noun (`منظمة`, `وكالة`) or a source noun (`مصادر`).
fn heads_a_subject(lex: &Lex, key: &str) -> bool {
    is_role(lex, key) || lex.is_name_head(key) || lex.source_noun(key).is_some()
}

/// `الرئيس الصيني يؤكد أن …`, `إيران تحذر من …`, `منظمة "X" تعتبر أن …`: the sentence (or
/// a headline's words after `X:`) opens with its subject, right before the speech verb —
/// the usual order of headlines. Only a role, a body, a source, a group or a named party
/// opening the clause, in at most six words, all of them words of a speaker's phrase (no
/// relative pronoun or other verb between, which would make it another clause's subject).
fn fronted_subject(
    ctx: &FieldCtx,
    lex: &Lex,
    first: usize,
    i: usize,
    history: &[(usize, Speaker)],
) -> Option<Speaker> {
    let start = (first..i).rev().find(|&k| ctx.word(k) == ":").map_or(first, |c| c + 1);
    if i <= start || i - start > 6 {
        return None;
    }
    let words_only = (start..i).all(|k| {
        is_quote_mark(ctx.word(k))
            || (phrase_word(ctx, lex, k)
                && !lex.is_complementizer(ctx.key(k))
                && !matches!(strip_conj(ctx.key(k)), "الذي" | "التي" | "الذين" | "ما" | "من"))
    });
    if !words_only {
        return None;
    }
    let key = ctx.key(start);
    let named = ctx.mention_at(start).is_some_and(|m| ctx.entity(m).is_some());
    // (`مسيرة تقول الصحيفة إن …`: one indefinite word is no subject of its own.)
    if !named && !key.starts_with("ال") && i == start + 1 {
        return None;
    }
    if !(named || heads_a_subject(lex, key) || lex.group(key).is_some()) {
        return None;
    }
    let verb_at = ctx.token(i)?.start;
    let s = speaker_after(ctx, lex, start, history)?;
    // The subject is all of it: it ends right before the verb (a closing mark between).
    let ends = s.span.is_some_and(|sp| {
        sp.end <= verb_at && (ctx.token_from(sp.end)..i).all(|k| is_quote_mark(ctx.word(k)))
    });
    ends.then_some(s)
}

/// `أما السفارة، فقد اعتبرت أن …`: the topic after `أما` is the subject of the verb in the
/// `ف` clause that answers it.
fn topic_subject(
    ctx: &FieldCtx,
    lex: &Lex,
    first: usize,
    i: usize,
    history: &[(usize, Speaker)],
) -> Option<Speaker> {
    let lo = i.saturating_sub(8).max(first);
    let amma = (lo..i).rev().find(|&k| strip_conj(ctx.key(k)) == "اما")?;
    // The answer clause opens with `ف` on the verb or on `قد`.
    let answered = (amma + 2..=i).any(|k| {
        let w = ctx.key(k);
        w.starts_with('ف') && (k == i || matches!(w, "فقد" | "فان" | "فانه" | "فانها"))
    });
    if !answered {
        return None;
    }
    speaker_after(ctx, lex, amma + 1, history)
}

/// The subject of the verb opening the sentence, for a later speech verb with none of its
/// own (`وألغت الشركة الصينية رحلتها، وأبلغت ركابها أن …`): coordinated verbs share it.
/// Only a role or group noun right after a conjoined first word is taken; a named entity
/// there is found by [`first_actor_before`] already.
fn opening_subject(
    ctx: &FieldCtx,
    lex: &Lex,
    first: usize,
    i: usize,
    history: &[(usize, Speaker)],
) -> Option<Speaker> {
    let opener = ctx.key(first);
    let subject = first + 1;
    if i <= subject + 1
        || !ctx.is_word(first)
        // (A conjoined word, or a bare one that is neither definite nor named, is the verb.)
        || !(opener.starts_with('و')
            || opener.starts_with('ف')
            || (!opener.starts_with("ال") && ctx.mention_at(first).is_none()))
        || opener.chars().count() < 4
        || lex.is_speech_verb(opener)
        // (`وزير الخارجية الفرنسي يحذر`: a role whose `و` is its own letter is the subject.)
        || is_role(lex, opener)
        || !ctx.is_word(subject)
        || !is_role(lex, ctx.key(subject))
    {
        return None;
    }
    let found = speaker_after(ctx, lex, subject, history)?;
    if found.id.is_some() {
        return Some(found);
    }
    // Words only: the noun and its definite modifiers (`الشركة الصينية`, `سلطات الطيران
    // الأوروبية`), not the object after them (`رحلتها`).
    let mut last = subject;
    while last < subject + 3
        && last + 1 < i
        && phrase_word(ctx, lex, last + 1)
        && strip_conj(ctx.key(last + 1)).starts_with("ال")
    {
        last += 1;
    }
    // (`ووجه الجهاز اتهاما …`: a bare role is the body named before with it.)
    let key = ctx.key(subject);
    if last == subject
        && lex.is_org_role(key)
        && let Some(at) = ctx.token(subject).map(|t| t.start)
        && let Some(s) = resolve_role(ctx, lex, key, at, history).filter(|s| {
            // (Words only when they are headed by the role: not `العاملون بالصحيفة`.)
            s.id.is_some() || bare_words(&s.text).first().is_some_and(|w| w == bare(key))
        })
    {
        return Some(written_at(ctx, subject, subject, s));
    }
    phrase_speaker(ctx, subject, last)
}

/// A speaker in words that shorten a fuller name given before (`المرصد` after `المرصد
/// السوري لحقوق الإنسان`, `وكالة الأنباء الرسمية` after `وكالة الأنباء الكورية الشمالية
/// الرسمية`, `منظمة الصحة` after `منظمة الصحة العالمية`) is the party named so: an
/// earlier speaker whose words hold these words in order from the same head, or an
/// organisation whose name does. Written where it stands here.
fn fuller_form_before(
    ctx: &FieldCtx,
    sp: Speaker,
    history: &[(usize, Speaker)],
    cue: usize,
) -> Speaker {
    if sp.id.is_some() {
        return sp;
    }
    let short = bare_words(&sp.resolved_text);
    let fuller = |long: &[String]| long.len() > short.len() && holds_in_order(long, &short);
    if short.is_empty() || short.first().is_some_and(|h| h.chars().count() < 3) {
        return sp;
    }
    let at = ctx.token(cue).map_or(0, |t| t.start);
    let earlier = history.iter().rev().filter(|(pos, _)| *pos < at).find_map(|(_, s)| {
        let named = match &s.id {
            // (An entity by its own name: not `الباحثون بحسب صحيفة …` for the paper.)
            Some(id) => {
                let canonical = ctx.entities.iter().find(|e| &e.id == id).map(|e| &e.canonical);
                canonical.is_some_and(|c| fuller(&bare_words(c)))
                    || (id.starts_with("country:") && fuller(&bare_words(&s.text)))
            }
            // (Words only when what they add is the name's: not `الادعاء بسجن كل`,
            // `محكمة ألمانية مساء`, which ran on past the speaker.)
            None => {
                let long = bare_words(&s.resolved_text);
                fuller(&long)
                    && !s.resolved_text.contains(['"', '«', '»'])
                    && long.iter().all(|w| short.contains(w) || !is_run_on_word(w))
            }
        };
        named.then(|| s.clone())
    });
    let found = earlier.or_else(|| {
        ctx.mentions.iter().rev().filter(|m| m.end <= at).find_map(|m| {
            let e = ctx.entity(*m).filter(|e| e.label == "ORG")?;
            fuller(&bare_words(&e.canonical)).then(|| speaker_from_mention(ctx, *m)).flatten()
        })
    });
    match found {
        Some(f) => Speaker { text: sp.text, span: sp.span, ..f },
        None => sp,
    }
}

/// A key without the preposition `ل` written on it, as the noun stands alone (`لشرطه` →
/// `شرطه`, `للشرطه` → `الشرطه`); `None` when it does not start with `ل`.
fn without_li(key: &str) -> Option<String> {
    match key.strip_prefix("لل") {
        Some(rest) => Some(format!("ال{rest}")),
        None => key.strip_prefix('ل').map(str::to_owned),
    }
}

/// The bare keys of the words of `text` (conjunction, article and prepositions off).
fn bare_words(text: &str) -> Vec<String> {
    text.split_whitespace().map(|w| bare(&normalize(w)).to_owned()).collect()
}

/// Whether the words `long` hold all of `short` in order, from the same head word (`مصدر
/// أمني أميركي` holds `مصدر أميركي`).
fn holds_in_order(long: &[String], short: &[String]) -> bool {
    let mut rest = long.iter();
    long.first() == short.first() && short.iter().all(|w| rest.any(|l| l == w))
}

/// A word (bare key) that a speaker's name does not go on with: a preposition on the word,
/// a time, a relative pronoun, a word of reporting.
fn is_run_on_word(w: &str) -> bool {
    let original_prefix = w.starts_with('ب') || w.starts_with('ل');
    (original_prefix && w.chars().count() > 3)
        || matches!(
            w,
            "مساء"
                | "صباح"
                | "ليله"
                | "ماضيه"
                | "ماضي"
                | "ممن"
                | "ذي"
                | "تي"
                | "والذي"
                | "والتي"
                | "نبا"
                | "داخل"
                | "نفسها"
                | "نفسه"
                | "كل"
                | "بالغ"
                | "امس"
                | "يوم"
        )
}

/// The previous quote's speaker, as the speaker of a quote that names none.
pub(crate) fn carried(last: &Option<Speaker>) -> Option<Speaker> {
    last.as_ref().map(|s| Speaker { span: None, ..s.clone() })
}

pub(crate) fn speaker_from_mention(ctx: &FieldCtx, m: crate::ctx::MentionRef) -> Option<Speaker> {
    let e = ctx.entity(m)?;
    let text = ctx.text.get(m.start..m.end).unwrap_or("").to_owned();
    Some(Speaker {
        // A city that speaks is its country's government (`قالت موسكو` → Russia).
        id: Some(crate::ctx::government_of(e).to_owned()),
        resolved_text: e.canonical.clone(),
        text,
        span: Some(TextRange::new(m.start, m.end.max(m.start))),
        label: Some(e.label.clone()),
    })
}

/// A speaker given by words only; words that are the full name of a person or
/// organisation the article names elsewhere (`أنور #قرقاش` → `أنور قرقاش`) are that entity.
fn phrase_speaker(ctx: &FieldCtx, a: usize, b: usize) -> Option<Speaker> {
    let (text, start, end) = ctx.slice(a, b);
    if text.is_empty() {
        return None;
    }
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '#' | '_' | '"' | '«' | '»'))
        .filter(|w| !w.is_empty())
        .map(normalize)
        .collect();
    let full_name = (words.len() >= 2)
        .then(|| {
            ctx.entities.iter().find(|e| {
                (e.label == "PER" || e.label == "ORG")
                    && e.canonical.split_whitespace().map(normalize).eq(words.iter().cloned())
            })
        })
        .flatten();
    if let Some(e) =
        full_name.or_else(|| person_by_surname(ctx, &words)).or_else(|| named_in_full(ctx, &words))
    {
        return Some(Speaker {
            id: Some(e.id.clone()),
            resolved_text: e.canonical.clone(),
            text: text.to_owned(),
            span: Some(TextRange::new(start, end.max(start))),
            label: Some(e.label.clone()),
        });
    }
    Some(Speaker {
        id: None,
        resolved_text: text.to_owned(),
        text: text.to_owned(),
        span: Some(TextRange::new(start, end.max(start))),
        label: None,
    })
}

/// `وقال القدرة`, `وأضاف عون`: a lone word that is the last name of exactly one person the
/// article names in full (`أشرف القدرة`, `ميشال عون`) is that person, even where the
/// tagger did not see a name in the word alone (it is also a common noun). `words` are
/// normalized.
fn named_in_full<'a>(ctx: &FieldCtx<'a>, words: &[String]) -> Option<&'a marsad_doc::Entity> {
    let lex = lex();
    let [word] = words else { return None };
    let word = bare(strip_conj(word));
    if word.chars().count() < 3 || lex.is_person_role(word) || is_role(lex, word) {
        return None;
    }
    let mut people = ctx.entities.iter().filter(|e| {
        e.label == "PER"
            && e.canonical.split_whitespace().count() >= 2
            && e.canonical.split_whitespace().last().is_some_and(|w| bare(&normalize(w)) == word)
    });
    let person = people.next()?;
    people.next().is_none().then_some(person)
}

/// `أنطونيو غوتيريس` where only `غوتيريس` was tagged: a given name before a person's
/// one-word name is that person (not `محامي غوتيريس`: a title or a definite word before it
/// names someone else). `words` are normalized.
fn person_by_surname<'a>(ctx: &FieldCtx<'a>, words: &[String]) -> Option<&'a marsad_doc::Entity> {
    let lex = lex();
    if !(2..=3).contains(&words.len()) {
        return None;
    }
    let (surname, given) = words.split_last()?;
    let name_like = |w: &String| {
        !w.starts_with("ال") && !lex.is_person_role(w) && !is_not_self_head(w) && !is_role(lex, w)
    };
    if !given.iter().all(name_like) {
        return None;
    }
    ctx.entities.iter().find(|e| {
        e.label == "PER"
            && e.mentions
                .iter()
                .any(|m| !m.text.contains(' ') && bare(&normalize(&m.text)) == bare(surname))
    })
}

/// Whether a speaker phrase may go on through token `k`.
fn phrase_word(ctx: &FieldCtx, lex: &Lex, k: usize) -> bool {
    let key = ctx.key(k);
    ctx.is_word(k)
        && !lex.is_speaker_stop(key)
        && !is_anonymity(ctx, k)
        && !ctx.in_time(k)
        && !lex.is_participle(key)
        && !lex.is_speech_verb(key)
        && !lex.is_qawl(key)
}

/// How or when something was said (`قال صراحة إن`, `أجابت بحذر`, `صرحت سابقا بأنها`), as
/// keys: no speaker's word, whether before the subject or after it.
const SAYING_ADVERBS: [&str; 10] =
    ["صراحه", "بصراحه", "بوضوح", "بثقه", "بحذر", "بحزم", "سابقا", "لاحقا", "مجددا", "مرارا"];

/// The last token of the speaker phrase starting at `j`: words up to a stop, punctuation,
/// five words, or an addressee (`لسكاي نيوز`, `لوكالة`).
fn phrase_end(ctx: &FieldCtx, lex: &Lex, j: usize) -> usize {
    let mut last = j;
    let mut k = j;
    while k < ctx.tokens.len() && k < j + 5 {
        if !phrase_word(ctx, lex, k) {
            break;
        }
        let key = ctx.key(k);
        // (`شرطة لندن`, `صحيفة لوموند`: a place, or a body after the head of a name, whose
        // own first letter is `ل` goes on. Not `مدرب ليفربول` (a person, not the club) nor
        // `مصادر لبي بي سي` (whom the sources told).)
        let own_lam = ctx.mention_at(k).and_then(|m| ctx.entity(m)).is_some_and(|e| {
            (e.label == "LOC" || (e.label == "ORG" && lex.is_name_head(ctx.key(j))))
                && normalize(&e.canonical).split(' ').next().is_some_and(|w| w == key)
        });
        if k > j
            && key.starts_with('ل')
            && !own_lam
            && (ctx.mention_at(k).is_some() || lex.is_name_head(key))
        {
            break;
        }
        // `المنظمة عشية الذكرى`, `مصدر عسكري صباح اليوم`, `مصدر لم يكشف اسمه`, `عون
        // تعليقا`: a time, a negation or an adverb ends the speaker's words.
        if k > j
            && (ctx.in_time(k)
                || matches!(key, "عشيه" | "لم" | "لن" | "لا" | "تعليقا" | "ردا")
                || SAYING_ADVERBS.contains(&key))
        {
            break;
        }
        // `فريق الخبراء عمله`, `الباحث بالجهود`: a possessed noun or a prepositional
        // phrase after the head is no longer the speaker's name. (The raw word tells `ه`
        // from `ة`, which keys fold together.)
        let raw = ctx.word(k);
        // (`وأحد نجومه، X`: a possessed noun closing the phrase before a comma is part of it;
        // `مسؤولون بالإدارة الأمريكية`: a group after `ب` too.)
        let possessed = raw.chars().count() >= 4
            && (raw.ends_with('ه') || raw.ends_with("ها") || raw.ends_with("هم"))
            && !matches!(ctx.word(k + 1), "،" | ",");
        let prepositional =
            key.strip_prefix("بال").is_some_and(|rest| !is_role(lex, &format!("ال{rest}")));
        if k > j
            && ctx.mention_at(k).is_none()
            && !matches!(key, "باسمه" | "باسمها")
            && (possessed || prepositional)
        {
            break;
        }
        // `وحث الأمير السلطات`: a second definite role is the object.
        if k > j && key.starts_with("ال") && ctx.key(k - 1).starts_with("ال") && is_role(lex, key)
        {
            break;
        }
        // `البعثة الأمريكية مجلس الأمن`: after a definite word, a name without the article
        // opens the next noun phrase (the object).
        if k > j
            && strip_conj(ctx.key(k - 1)).starts_with("ال")
            && !key.starts_with("ال")
            && ctx.mention_at(k).is_some_and(|m| {
                ctx.token(k).is_some_and(|t| m.start == t.start)
                    && ctx.entity(m).is_some_and(|e| e.label == "ORG")
            })
        {
            break;
        }
        // `المتحدثة باسم الخارجية سامية نور`: the role's words end where a person's name
        // starts, so that the name is read whole after them. (Not right after `باسم`:
        // `متحدث باسم سامي نور` speaks for that person, who is part of the words.)
        if k > j
            && is_role(lex, ctx.key(j))
            && !matches!(ctx.key(k - 1), "باسم" | "بإسم")
            && ctx.mention_at(k).is_some_and(|m| {
                ctx.token(k).is_some_and(|t| m.start == t.start)
                    && ctx.entity(m).is_some_and(|e| e.label == "PER")
            })
        {
            break;
        }
        last = k;
        k += 1;
    }
    last
}

/// Heads of a state's agencies and services (`هيئة المسح الجيولوجي الأميركية`, `جهاز
/// الإسعاف الإسرائيلي`), as keys without the article: one the knowledge base lacks speaks
/// as its country, when the country is named in the phrase.
const AGENCY_HEADS: [&str; 6] = ["هيئه", "جهاز", "اسعاف", "خدمات", "مصلحه", "حرس"];

fn is_agency_head(key: &str) -> bool {
    let head = strip_conj(key);
    AGENCY_HEADS.contains(&head.strip_prefix("ال").unwrap_or(head))
}

/// A government, army or police of a country (`الحكومة الإسبانية`, `القوات الروسية`), or an
/// agency of one (see [`AGENCY_HEADS`]), as the country, when the phrase `j..=last` starts
/// with such a group word.
fn group_country(ctx: &FieldCtx, lex: &Lex, j: usize, last: usize) -> Option<Speaker> {
    let key = ctx.key(j);
    let k = bare(key);
    let agency = || {
        // (Not one the knowledge base names in the phrase or right after it: `جهاز الأمن
        // الداخلي الإسرائيلي "شين بيت"`.)
        let named = (j..=last + 3).any(|k| {
            ctx.mention_at(k).and_then(|m| ctx.entity(m)).is_some_and(|e| e.label == "ORG")
        });
        is_agency_head(key) && !named
    };
    if lex.group(key).is_none() && !agency() {
        return None;
    }
    if matches!(k, "خارجيه" | "وزاره") {
        return None;
    }
    // `السلطات في السلفادور`: the country after `في`.
    let last = if last == j && ctx.key(j + 1) == "في" { j + 2 } else { last };
    for k in j + 1..=last.min(j + 3) {
        if let Some(m) = ctx.mention_at(k)
            && let Some(e) = ctx.entity(m)
        {
            if e.label != "LOC" {
                return None;
            }
            // (`شرطة دلهي`: a place the knowledge base does not put in a country is in the
            // country the article is about.)
            let id =
                if e.id.starts_with("country:") { Some(e.id.clone()) } else { e.country.clone() }
                    .or_else(|| ctx.home_country().map(str::to_owned))?;
            return Some(country_speaker(ctx, j, last_token_before(ctx, k, m.end), id));
        }
    }
    None
}

/// A government, army, police or security service named without its country (`السلطات`,
/// `القوات المسلحة`, `الأجهزة الأمنية`) as the country of the latest earlier group that
/// had one (`السلطات الألمانية` → Germany), else of the field's first country or city.
fn group_from_context(
    ctx: &FieldCtx,
    lex: &Lex,
    j: usize,
    last: usize,
    history: &[(usize, Speaker)],
) -> Option<Speaker> {
    let key = ctx.key(j);
    // (An agency written with its words and no country, `هيئة الطيران المدني`, as the
    // police: of the country the context gives. Not a bare `الهيئة`, named before.)
    // (Nor one whose own name follows in marks or brackets: `هيئة التنظيم "…"`.)
    let agency = !strip_conj(key).starts_with("ال")
        && last > j
        && is_agency_head(key)
        && !(j..=last + 1).any(|k| matches!(ctx.word(k), "\"" | "«" | "“" | "("));
    let role = if agency { "government" } else { lex.group(key)? };
    if (j..=last).any(|k| ctx.mention_at(k).is_some()) {
        return None;
    }
    // `وزارة الصحة`: a ministry the knowledge base has no entry for (an entry would be a
    // mention here) is the government of the country the article is about. Not a bare
    // `الوزارة` (the ministry named before), not `وزارة الدفاع "البنتاغون"` (the name in
    // marks or brackets says whose), and not a defence, foreign or interior ministry: the
    // knowledge base lists those of the countries news quotes, and one named bare is as
    // often a foreign power's (`وزارة الدفاع` in a story from Syria is the Pentagon).
    // (`bare` takes the `و` of `وزاره` for the conjunction, hence `زاره`.)
    let indefinite_ministry =
        matches!(bare(key), "وزاره" | "زاره") && !strip_conj(key).starts_with("ال") && last > j;
    let named_after = matches!(ctx.word(last + 1), "\"" | "«" | "“" | "(");
    let foreign_affairs = matches!(bare(ctx.key(j + 1)), "دفاع" | "خارجيه" | "داخليه");
    if indefinite_ministry && !named_after && !foreign_affairs {
        return ctx.home_country().map(|id| country_speaker(ctx, j, last, id.to_owned()));
    }
    if !matches!(role, "military" | "police" | "government")
        || matches!(bare(key), "خارجيه" | "وزاره" | "زاره" | "بعثه")
    {
        return None;
    }
    let at = ctx.token(j)?.start;
    let earlier = history.iter().rev().find(|(pos, s)| {
        *pos < at
            && s.label.as_deref() == Some("ORG")
            && s.id.as_deref().is_some_and(|id| id.starts_with("country:"))
            && s.text.split_whitespace().next().is_some_and(|w| lex.group(&normalize(w)).is_some())
    });
    let id = match earlier {
        Some((_, s)) => s.id.clone()?,
        // (Not the country the article names most: in a story from Gaza `الجيش` is
        // still the army of the first country named.)
        // (Before any place with a country, `في كاليفورنيا`: the country the article is
        // about.)
        None => ctx
            .mentions
            .iter()
            .filter(|m| m.end <= at)
            .find_map(|m| {
                let e = ctx.entity(*m).filter(|e| e.label == "LOC")?;
                if e.id.starts_with("country:") { Some(e.id.clone()) } else { e.country.clone() }
            })
            .or_else(|| body_home_country(ctx))?,
    };
    Some(country_speaker(ctx, j, last, id))
}

/// The country the article is about (see [`FieldCtx::home_country`]), in the body only: a
/// headline names too little to tell.
fn body_home_country(ctx: &FieldCtx) -> Option<String> {
    (ctx.field == marsad_doc::Field::Body).then(|| ctx.home_country().map(str::to_owned)).flatten()
}

/// The words `a..=b` (`الحكومة الإسبانية`, `وزارة الصحة`) speaking as country `id`.
fn country_speaker(ctx: &FieldCtx, a: usize, b: usize, id: String) -> Speaker {
    let (text, start, end) = ctx.slice(a, b);
    Speaker {
        id: Some(id),
        resolved_text: text.to_owned(),
        text: text.to_owned(),
        span: Some(TextRange::new(start, end.max(start))),
        label: Some("ORG".into()),
    }
}

/// The last token starting before byte `end`, from token `from` on.
fn last_token_before(ctx: &FieldCtx, from: usize, end: usize) -> usize {
    (from..ctx.tokens.len())
        .take_while(|&k| ctx.token(k).is_some_and(|t| t.start < end))
        .last()
        .unwrap_or(from)
}

/// A name in apposition after a role (`، العميد يحيى رسول، إن`): from the comma at `comma`,
/// optional titles and one to four name words closed by a comma, a colon, a complementizer or
/// `قوله`. Returns the first and last token of the name (titles included).
fn apposition_name(ctx: &FieldCtx, lex: &Lex, comma: usize) -> Option<(usize, usize)> {
    if !matches!(ctx.word(comma), "،" | ",") {
        return None;
    }
    let start = comma + 1;
    let mut k = start;
    while k < start + 3 && ctx.is_word(k) && lex.is_name_title(ctx.key(k)) {
        k += 1;
    }
    let titles = k - start;
    let mut words = 0;
    while words < 4 {
        // A hashtag inside the name (`أنور #قرقاش`).
        if ctx.word(k) == "#" && ctx.is_word(k + 1) {
            k += 1;
            continue;
        }
        // (`علي` written with `ي` opening a name is the name Ali, not `على` folded.)
        let ali = words == 0 && ctx.word(k) == "علي" && phrase_word(ctx, lex, k + 1);
        if !ali && (!phrase_word(ctx, lex, k) || is_role(lex, ctx.key(k))) {
            break;
        }
        k += 1;
        words += 1;
    }
    if words == 0 || (titles == 0 && words < 2) {
        return None;
    }
    let closes = matches!(ctx.word(k), "،" | "," | ":")
        || lex.is_complementizer(ctx.key(k))
        || lex.is_qawl(ctx.key(k));
    closes.then_some((start, k - 1))
}

/// Heads whose person complement is not the speaker (`مكتب X`, `محامي X`, `نجل X`).
pub(crate) fn is_not_self_head(key: &str) -> bool {
    matches!(
        bare(key),
        "مكتب"
            | "ديوان"
            | "حكومه"
            | "اداره"
            | "حمله"
            | "محامي"
            | "زوجه"
            | "عائله"
            | "نجل"
            | "ابن"
            | "شقيق"
            | "فريق"
            | "انصار"
            | "مساعد"
            | "مقرب"
            | "مقربون"
            | "مصدر"
            | "مصادر"
            | "وكيل"
            | "محاميه"
    )
}

fn is_role(lex: &Lex, key: &str) -> bool {
    lex.is_person_role(key) || lex.is_org_role(key) || lex.group(key).is_some()
}

/// A person named right after the role phrase `j..=last` (past a comma, or past `في`/`لدى`
/// and an organisation or place: `سفير فرنسا في الأمم المتحدة فرانسوا دولاتر`).
fn person_after_role(ctx: &FieldCtx, j: usize, last: usize) -> Option<Speaker> {
    let n = ctx.tokens.len();
    // `المتحدث باسم الرئيس X`: X is whom the spokesman speaks for.
    let on_behalf = (j..=last).find(|&k| matches!(ctx.key(k), "باسم" | "بإسم"));
    // (`متحدث باسم X`: a person named right after `باسم` is that principal.)
    if let Some(b) = on_behalf
        && ctx.mention_at(b + 1).is_some_and(|m| ctx.entity(m).is_some_and(|e| e.label == "PER"))
    {
        return None;
    }
    let mut k = if on_behalf.is_some() { last + 1 } else { j + 1 };
    let mut passed_place = false;
    while k < n && k <= last + 6 {
        if k > last {
            let w = ctx.word(k);
            let comma_ok = k == last + 1 || passed_place;
            if ctx.is_punct(k) && !is_quote_mark(w) && !(comma_ok && matches!(w, "،" | ",")) {
                return None;
            }
            if passed_place && matches!(w, "،" | ",") {
                // `مفوض حقوق الإنسان في الأمم المتحدة، سامي نور،`
                if let Some(m) = ctx.mention_at(k + 1)
                    && ctx.entity(m).is_some_and(|e| e.label == "PER")
                {
                    return speaker_from_mention(ctx, m);
                }
                let lex = lex();
                return apposition_name(ctx, lex, k).and_then(|(a, b)| phrase_speaker(ctx, a, b));
            }
            if ctx.is_word(k) && matches!(ctx.key(k), "في" | "لدي" | "ب") && !passed_place {
                // Only when an organisation or place follows, then the person.
                let at = if ctx.word(k + 1) == "#" { k + 2 } else { k + 1 };
                let m = ctx.mention_at(at)?;
                let e = ctx.entity(m)?;
                if e.label == "PER" {
                    return None;
                }
                passed_place = true;
                k = last_token_before(ctx, k + 1, m.end) + 1;
                continue;
            }
        }
        if let Some(m) = ctx.mention_at(k)
            && ctx.entity(m).is_some_and(|e| e.label == "PER")
        {
            return speaker_from_mention(ctx, m);
        }
        if k > last && ctx.is_word(k) && !passed_place {
            // Words after the phrase: only a title may stand before the name
            // (`ردت المتحدثة … على ترامب`: a preposition opens an object).
            if ctx.mention_at(k).is_none()
                && (k > last + 3 || matches!(ctx.key(k), "علي" | "عن" | "من" | "الي" | "مع" | "ضد"))
            {
                return None;
            }
        }
        k += 1;
    }
    None
}

/// The person a role phrase `j..=last` is followed by: named after it (see
/// [`person_after_role`]), as a hashtag (`#قرقاش`), or in apposition past a comma (`،
/// سامي نور،`, `، #قرقاش`).
fn named_after_role(ctx: &FieldCtx, lex: &Lex, j: usize, last: usize) -> Option<Speaker> {
    // `المتحدثة باسم المستشارة، سامية نور،`: a name after a spokesperson for a person's
    // title is the principal's, not the spokesperson's.
    let principal = (j..last)
        .any(|k| matches!(ctx.key(k), "باسم" | "بإسم") && lex.is_person_role(ctx.key(k + 1)));
    if principal {
        return None;
    }
    if let Some(p) = person_after_role(ctx, j, last) {
        // `مستشار المرشد الإيراني علي خامنئي، علي أكبر ولايتي،`: after a second title
        // (whom the role serves), the name right after it is that principal's, and the
        // name in apposition after it is the speaker's.
        let serves = (j + 1..=last).any(|k| lex.is_person_role(ctx.key(k)));
        if serves
            && let Some(sp) = p.span
            && let Some(end) = (last + 1..ctx.tokens.len())
                .take_while(|&k| ctx.token(k).is_some_and(|t| t.start < sp.end))
                .last()
        {
            if let Some(m) =
                ctx.mention_at(end + 2).filter(|_| matches!(ctx.word(end + 1), "،" | ","))
                && ctx.entity(m).is_some_and(|e| e.label == "PER")
            {
                return speaker_from_mention(ctx, m);
            }
            if let Some((a, b)) = apposition_name(ctx, lex, end + 1) {
                return phrase_speaker(ctx, a, b);
            }
        }
        return Some(p);
    }
    if let Some(h) = hashtag_speaker(ctx, last + 1) {
        return Some(h);
    }
    if let Some((a, b)) = apposition_name(ctx, lex, last + 1) {
        return phrase_speaker(ctx, a, b);
    }
    if matches!(ctx.word(last + 1), "،" | ",") {
        return hashtag_speaker(ctx, last + 2);
    }
    None
}

/// Whom a role phrase (`رئيس شرطة المدينة`, `المتحدث`) names: the person named next to an
/// earlier mention of the same role (`رئيس شرطة المدينة سامي نور`, `سامي نور، المتحدث`).
/// With the whole phrase repeated, the words right after the earlier mention are the name
/// even when no entity was found there.
fn role_named_before(ctx: &FieldCtx, lex: &Lex, j: usize, last: usize) -> Option<Speaker> {
    let len = last - j + 1;
    let same = |a: usize, b: usize| bare(ctx.key(a)) == bare(ctx.key(b));
    let mut k = j;
    while k > 0 {
        k -= 1;
        if !same(k, j) {
            continue;
        }
        // (`المتحدث الرسمي باسم التحالف، تركي المالكي` for a later `المتحدث باسم التحالف`:
        // one adjective after the earlier head is skipped.)
        let skip = usize::from(
            len > 1
                && !same(k + 1, j + 1)
                && same(k + 2, j + 1)
                && ctx.key(k + 1).starts_with("ال")
                && !is_role(lex, ctx.key(k + 1)),
        );
        let same = |a: usize, b: usize| same(a + if a > k { skip } else { 0 }, b);
        if len > 1 && !same(k + 1, j + 1) {
            // Only the head word repeats, right before a person's name (`السفيرة سامية
            // نور …` for a later `السفيرة القطرية`).
            if let Some(m) = ctx.mention_at(k + 1)
                && ctx.entity(m).is_some_and(|e| e.label == "PER")
            {
                return speaker_from_mention(ctx, m);
            }
            continue;
        }
        let whole = (0..len).all(|d| k + d + skip < j && same(k + d, j + d));
        let end = skip + if whole { k + len - 1 } else { k + len.min(2) - 1 };
        if let Some(p) = named_after_role(ctx, lex, k, end) {
            return Some(p);
        }
        // `سامي نور، المتحدث باسم …`
        if k >= 2 && matches!(ctx.word(k - 1), "،" | ",") {
            let before = ctx.token(k - 1).map_or(0, |t| t.start);
            if let Some(m) = ctx.mentions.iter().rev().find(|m| m.end <= before) {
                let close = ctx.token(k - 2).is_some_and(|t| m.end >= t.start && m.end <= t.end);
                if close && ctx.entity(*m).is_some_and(|e| e.label == "PER") {
                    return speaker_from_mention(ctx, *m);
                }
            }
        }
        if whole && lex.is_person_role(ctx.key(j)) {
            // Untagged name right after the whole repeated role. (`الداعية السعودي البارز،
            // عادل …`: after one more adjective and a comma, only a tagged name is taken.)
            let mut a = end + 1;
            if ctx.is_word(a) && ctx.key(a).starts_with("ال") {
                a += 1 + usize::from(matches!(ctx.word(a + 1), "،" | ","));
                if let Some(m) = ctx.mention_at(a)
                    && ctx.entity(m).is_some_and(|e| e.label == "PER")
                {
                    return speaker_from_mention(ctx, m);
                }
                continue;
            }
            let mut b = a;
            // (`رئيس الفيليبين وهو محام سابق`: a pronoun opens a clause, not a name.)
            let pronoun = matches!(ctx.key(a), "هو" | "هي" | "هم" | "وهو" | "وهي" | "وهم");
            while !pronoun && b < a + 3 && phrase_word(ctx, lex, b) && !is_role(lex, ctx.key(b)) {
                b += 1;
            }
            let closes = b > a
                && (ctx.is_punct(b)
                    || !ctx.is_word(b)
                    || lex.is_speaker_stop(ctx.key(b))
                    || lex.is_speech_verb(ctx.key(b)));
            if closes {
                return phrase_speaker(ctx, a, b - 1);
            }
        }
    }
    None
}

/// `شركة الطيران` after `شركة سامي للطيران`: a head noun and a common noun of what the
/// body does refer back to the organisation named after the same head earlier, when the
/// same common noun follows that name.
fn named_by_head_and_kind_before(ctx: &FieldCtx, j: usize) -> Option<Speaker> {
    let head = strip_conj(ctx.key(j));
    if head.starts_with("ال") {
        return None;
    }
    let head = bare(head);
    let kind = bare(ctx.key(j + 1).strip_prefix("ال")?);
    if kind.chars().count() < 3 {
        return None;
    }
    (0..j).rev().find_map(|k| {
        if bare(strip_conj(ctx.key(k))) != head {
            return None;
        }
        let m = ctx.mention_at(k + 1)?;
        ctx.entity(m).filter(|e| e.label == "ORG")?;
        let after = last_token_before(ctx, k + 1, m.end) + 1;
        (after..(after + 2).min(j))
            .any(|t| bare(ctx.key(t)).ends_with(kind))
            .then(|| speaker_from_mention(ctx, m))
            .flatten()
    })
}

/// Whom a role of two words or more (`المدعي العام`) names when the article gives the
/// name only later, with the same role words (`وقال المدعي العام سامي نور`), or with its
/// words but a last adjective right before a tagged name (`وزير الشؤون الدينية سامي نور`
/// for an earlier `وزير الشؤون الدينية التونسي`).
fn role_named_after(ctx: &FieldCtx, lex: &Lex, j: usize, last: usize) -> Option<Speaker> {
    let len = last - j + 1;
    if len < 2 {
        return None;
    }
    let same = |a: usize, b: usize| bare(ctx.key(a)) == bare(ctx.key(b));
    (last + 1..ctx.tokens.len()).find_map(|k| {
        let repeated = (0..len).take_while(|&d| same(k + d, j + d)).count();
        if repeated == len {
            return named_after_role(ctx, lex, k, k + len - 1)
                .or_else(|| person_right_before(ctx, k));
        }
        // (Only a name may follow the shorter words: `وزير الخارجية الروسي` after them is
        // another minister. And only an adjective may be left out: `المدير الفني للمنتخب`
        // is one coach, `المدير الفني` another.)
        let adjective = strip_conj(ctx.key(last)).starts_with("ال");
        let m = ctx.mention_at(k + repeated).filter(|_| repeated >= 2 && repeated + 1 == len)?;
        ctx.entity(m).filter(|e| e.label == "PER" && adjective)?;
        speaker_from_mention(ctx, m)
    })
}

/// The person whose tagged name ends right before token `k`, or before a comma there
/// (`أعلن سامي نور مدير الهيئة`, `سامي نور، مدير الهيئة`: the role at `k` describes him).
fn person_right_before(ctx: &FieldCtx, k: usize) -> Option<Speaker> {
    let k = if matches!(ctx.word(k.checked_sub(1)?), "،" | ",") { k - 1 } else { k };
    let prev = ctx.token(k.checked_sub(1)?)?;
    let m = ctx.mentions.iter().rev().find(|m| m.end <= prev.end && m.end > prev.start)?;
    ctx.entity(*m).filter(|e| e.label == "PER")?;
    speaker_from_mention(ctx, *m)
}

/// `المصادر`, `المصدر الرسمي`: the unnamed source named before (`مصادر يمنية`).
fn source_named_before(ctx: &FieldCtx, lex: &Lex, j: usize) -> Option<Speaker> {
    let k = (0..j).rev().find(|&k| lex.source_noun(ctx.key(k)) == Some(false))?;
    let last = phrase_end(ctx, lex, k);
    phrase_speaker(ctx, k, last)
}

/// The speaker named by a document noun at `j` (`بيان صادر عن X`, `بيان للجيش`, `البيان`).
fn document_speaker(
    ctx: &FieldCtx,
    lex: &Lex,
    j: usize,
    history: &[(usize, Speaker)],
) -> Option<Speaker> {
    let next = ctx.key(j + 1);
    if matches!(next, "صادر" | "الصادر") && matches!(ctx.key(j + 2), "عن" | "من") {
        return speaker_after(ctx, lex, j + 3, history);
    }
    // `تقرير من جماعة X`
    if matches!(next, "عن" | "من") {
        return speaker_after(ctx, lex, j + 2, history);
    }
    if let Some(m) = ctx.mention_at(j + 1) {
        return speaker_from_mention(ctx, m);
    }
    if let Some(rest) = next.strip_prefix("لل").filter(|r| r.chars().count() >= 2) {
        // `تقرير للمنظمة المعنية بحقوق الإنسان`: the organisation named before.
        let noun = format!("ال{rest}");
        let at = ctx.token(j + 1).map_or(0, |t| t.start);
        if lex.is_org_role(&noun)
            && let Some(s) = resolve_role(ctx, lex, &noun, at, history)
        {
            return Some(written_at(ctx, j + 1, j + 1, s));
        }
        // `بيان للجيش الوطني` → `الجيش الوطني`
        let last = phrase_end(ctx, lex, j + 1);
        let (text, start, end) = ctx.slice(j + 1, last);
        let written = ctx.word(j + 1);
        let tail = text.get(written.len()..).unwrap_or("");
        // (As written, `للشرطة` → `الشرطة`, not the key's `الشرطه`.)
        let own: String = written.chars().skip(2).collect();
        let resolved = format!("ال{own}{tail}");
        return Some(Speaker {
            id: None,
            resolved_text: resolved.clone(),
            text: resolved,
            span: Some(TextRange::new(start, end.max(start))),
            label: None,
        });
    }
    if crate::ctx::strip_conj(ctx.key(j)).starts_with("ال") {
        // `وأضاف البيان`: whoever issued the last statement quoted.
        let at = ctx.token(j).map_or(0, |t| t.start);
        let (text, start, end) = ctx.slice(j, j);
        return history
            .iter()
            .rev()
            .find(|(pos, s)| {
                *pos < at && !s.text.split_whitespace().any(|w| lex.is_document(&normalize(w)))
            })
            .map(|(_, s)| Speaker {
                text: text.to_owned(),
                span: Some(TextRange::new(start, end.max(start))),
                ..s.clone()
            });
    }
    None
}

/// A hashtag name at token `k` (`#سامي_نور`): its last token and its words.
fn hashtag_at(ctx: &FieldCtx, k: usize) -> Option<(usize, String)> {
    if ctx.word(k) != "#" || !ctx.is_word(k + 1) {
        return None;
    }
    let mut last = k + 1;
    let mut name = ctx.word(k + 1).to_owned();
    while ctx.word(last + 1) == "_" && ctx.is_word(last + 2) {
        name.push(' ');
        name.push_str(ctx.word(last + 2));
        last += 2;
    }
    Some((last, name))
}

fn hashtag_speaker(ctx: &FieldCtx, k: usize) -> Option<Speaker> {
    let (last, name) = hashtag_at(ctx, k)?;
    let (_, start, end) = ctx.slice(k, last);
    // The entity of that name, when the article names it elsewhere.
    let key = normalize(&name);
    let words: Vec<String> = key.split_whitespace().map(str::to_owned).collect();
    let named = ctx.entities.iter().find(|e| normalize(&e.canonical) == key);
    // `#بن_دغر` for `أحمد عبيد بن دغر`: a person whose full name ends with the words.
    let ends_with = || {
        (key.chars().count() >= 4)
            .then(|| {
                ctx.entities.iter().find(|e| {
                    e.label == "PER"
                        && normalize(&e.canonical)
                            .strip_suffix(key.as_str())
                            .is_some_and(|rest| rest.ends_with(' '))
                })
            })
            .flatten()
    };
    if let Some(e) = named.or_else(|| person_by_surname(ctx, &words)).or_else(ends_with) {
        return Some(Speaker {
            id: Some(e.id.clone()),
            resolved_text: e.canonical.clone(),
            text: name,
            span: Some(TextRange::new(start, end.max(start))),
            label: Some(e.label.clone()),
        });
    }
    Some(Speaker {
        id: None,
        resolved_text: name.clone(),
        text: name,
        span: Some(TextRange::new(start, end.max(start))),
        label: Some("PER".into()),
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
    // `ما وصفه بـ"…"`: the preposition introduces the quoted words; the speaker is the
    // subject before the verb.
    if matches!(ctx.word(j), "بـ" | "ب") {
        return None;
    }
    if is_quote_mark(ctx.word(j)) {
        // A quoted name (`"بلينكن"`), not the opening of the quote itself.
        let closes_soon =
            (j + 1..(j + 6).min(ctx.tokens.len())).any(|k| is_quote_mark(ctx.word(k)));
        // `تطالب "بالحد من استخدام"`: words opening with a preposition are quoted, not a name.
        let prepositional = ["بال", "لل"].iter().any(|p| ctx.key(j + 1).starts_with(p));
        if !closes_soon || prepositional {
            return None;
        }
        j += 1;
    }
    // `قال الثلاثاء رئيس الوزراء`: a time expression or filler before the subject.
    // (`ما هدد به مؤخرا الأمين العام`: a preposition with a pronoun and an adverb too.)
    while j < ctx.tokens.len()
        && ctx.is_word(j)
        && (ctx.in_time(j)
            || matches!(
                ctx.key(j),
                "امس"
                    | "اليوم"
                    | "ايضا"
                    | "كذلك"
                    | "مؤخرا"
                    | "به"
                    | "بها"
                    | "له"
                    | "لها"
                    | "عليه"
                    | "عليها"
                    | "منه"
                    | "منها"
                    // (`وقالت لنا لمياء`: to whom, as `له` above.)
                    | "لنا"
            )
            || SAYING_ADVERBS.contains(&ctx.key(j)))
    {
        j += 1;
    }
    // `حذرت على لسان وزير الدفاع`: whose tongue said it.
    if ctx.key(j) == "علي" && ctx.key(j + 1) == "لسان" {
        j += 2;
    }
    if let Some(s) = medium_of_country_before(ctx, j) {
        return Some(s);
    }
    // `أعلنت كل من روسيا والولايات المتحدة أن`: the first party named after `كل من`.
    if ctx.key(j) == "كل" && ctx.key(j + 1) == "من" {
        j += 2;
    }
    // (`وصفه سابقا بـ"…"` as above, after the adverb.)
    if matches!(ctx.word(j), "بـ" | "ب") {
        return None;
    }
    // `كرر أكثر من مرة أنه`: an adverb of how often, not the subject.
    if ctx.key(j) == "اكثر" && ctx.key(j + 1) == "من" && matches!(ctx.key(j + 2), "مره" | "مرات")
    {
        return None;
    }
    // `قال اثنان من المصادر`, `قال العديد من الطلاب`, `أكد أكثر من مصدر`: the group the
    // count is taken from.
    if matches!(
        strip_conj(ctx.key(j)),
        "اثنان"
            | "اثنين"
            | "ثلاثه"
            | "اربعه"
            | "بعض"
            | "عدد"
            | "العديد"
            | "عشرات"
            | "اكثر"
    ) && ctx.key(j + 1) == "من"
        && ctx.is_word(j + 2)
    {
        return speaker_after(ctx, lex, j + 2, history);
    }
    if let Some(s) = hashtag_speaker(ctx, j) {
        // `#ولي_العهد_السعودي`: a title written as a hashtag names whom it would name
        // written out.
        if s.id.is_none()
            && lex.is_person_role(ctx.key(j + 1))
            && let Some((last, _)) = hashtag_at(ctx, j)
            && let Some(p) = role_of_country(ctx, j + 1, last)
                .or_else(|| same_role_of_country(ctx, lex, j + 1, last))
        {
            return Some(Speaker { text: s.text, span: s.span, ..p });
        }
        return Some(s);
    }
    // `قالت للصحفيين`, `قال لرويترز X`: the addressee is skipped.
    if let Some(next) = addressee_end(ctx, lex, j) {
        return speaker_after(ctx, lex, next, history);
    }
    // `هذا الخبير`, `القناة نفسها`: whoever was speaking before.
    if let Some(last) = anaphor_end(ctx, lex, j, history) {
        let at = ctx.token(j).map_or(0, |t| t.start);
        let (text, start, end) = ctx.slice(j, last);
        // The noun (`القناة`) picks the latest entity that spoke called so, else the
        // latest speaker.
        let noun = if ctx.key(last).starts_with("ال") { last } else { j };
        let stem = bare(ctx.key(noun));
        let earlier = || history.iter().rev().filter(|(pos, _)| *pos < at);
        let named = earlier().find(|(_, s)| {
            s.id.is_some()
                && stem.chars().count() >= 3
                && normalize(&s.resolved_text).contains(stem)
        });
        return named.or_else(|| earlier().next()).map(|(_, s)| Speaker {
            text: text.to_owned(),
            span: Some(TextRange::new(start, end.max(start))),
            ..s.clone()
        });
    }
    let key = ctx.key(j);
    // `ذكر فيها الأخير`: the latter is the one named last.
    if matches!(key, "الاخير" | "الاخيره") {
        let at = ctx.token(j).map_or(0, |t| t.start);
        let m = ctx
            .mentions
            .iter()
            .rev()
            .filter(|m| m.end <= at)
            .find(|m| ctx.entity(**m).is_some_and(|e| e.label == "PER" || e.label == "ORG"))?;
        return speaker_from_mention(ctx, *m).map(|s| written_at(ctx, j, j, s));
    }
    // `وطالبت بالمساعدات الإنسانية`: a prepositional phrase is the verb's complement.
    if key.starts_with("بال") && ctx.mention_at(j).is_none() {
        return None;
    }
    // `ينفي هذه الاتهامات`: a demonstrative not pointing back to someone who speaks (see
    // `anaphor_end`) opens the object, never the speaker.
    if matches!(strip_conj(key), "هذا" | "هذه" | "ذلك" | "تلك" | "هؤلاء") {
        return None;
    }
    // (`ووفقا لبيان صادر عن X`, `وفقا لتقرير X`: the preposition written on the noun.)
    let li_document = without_li(key).is_some_and(|noun| lex.is_document(&noun));
    if ctx.is_word(j) && (lex.is_document(key) || li_document) {
        return document_speaker(ctx, lex, j, history);
    }
    if !phrase_word(ctx, lex, j) {
        return None;
    }
    if let Some(m) = ctx.mention_at(j) {
        return speaker_from_mention(ctx, m);
    }
    let title = lex.is_person_role(key) || lex.is_org_role(key);
    if lex.source_noun(key) == Some(true)
        && let Some(s) = source_named_before(ctx, lex, j)
    {
        return Some(written_at(ctx, j, phrase_end(ctx, lex, j), s));
    }
    // `ذكرت ترحيبها`: a noun with a possessive pronoun is an object, not the speaker.
    // (`وختم كلمته قائلا`: a noun ending in `ته` is possessed too.)
    // (`كرر رأيه`: the raw word tells the pronoun `ه` from `ة`, which keys fold together.)
    let raw = ctx.word(j);
    if !title
        && ((["ها", "هم", "هما", "ته"].iter().any(|p| key.ends_with(p))
            && key.chars().count() >= 5)
            || (raw.ends_with('ه') && raw.chars().count() >= 4 && ctx.mention_at(j).is_none()))
    {
        return None;
    }
    let mut last = phrase_end(ctx, lex, j);
    let bare_head = last == j && lex.is_name_head(key);
    // `قالت شركة #تويتر`, `أكدت وكالة #موديز`: a head noun whose name follows as a
    // hashtag (Alarabiya's style) is that name; the hashtag is what the tagger may know.
    if bare_head && let Some(s) = hashtag_speaker(ctx, j + 1) {
        let end = s.span.map_or(0, |r| r.end);
        let (text, start, _) = ctx.slice(j, j);
        let label = if s.id.is_some() { s.label } else { Some("ORG".into()) };
        return Some(Speaker {
            text: format!("{text} {}", s.text),
            span: Some(TextRange::new(start, end.max(start))),
            label,
            ..s
        });
    }
    // `قالت منظمة "مراسلون بلا حدود"`, `قال موقع "سينيت"`: after a bare head noun, a name
    // of up to five words in marks is the speaker, whatever the tagger took it for (the head
    // says it names an organisation or an outlet); an organisation the tagger knows by
    // those words is that organisation.
    if bare_head
        && is_quote_mark(ctx.word(j + 1))
        && let Some(close) = (j + 3..j + 8).find(|&k| is_quote_mark(ctx.word(k)))
        && (j + 2..close).all(|k| ctx.is_word(k))
    {
        let (text, start, end) = ctx.slice(j, close);
        let name_end = ctx.token(close - 1).map_or(end, |t| t.end);
        let org = ctx
            .mention_at(j + 2)
            .filter(|m| m.end >= name_end && ctx.entity(*m).is_some_and(|e| e.label == "ORG"));
        if let Some(s) = org.and_then(|m| speaker_from_mention(ctx, m)) {
            return Some(Speaker {
                text: text.to_owned(),
                span: Some(TextRange::new(start, end.max(start))),
                ..s
            });
        }
        let (name, _, _) = ctx.slice(j + 2, close - 1);
        return Some(Speaker {
            id: None,
            resolved_text: name.to_owned(),
            text: text.to_owned(),
            span: Some(TextRange::new(start, end.max(start))),
            label: Some("ORG".into()),
        });
    }
    // `موقع "شبيغل" الإلكتروني`, `هيئة التنظيم "روسكومنادزور"`: an untagged name of one
    // or two words in marks right after the head words is part of the speaker.
    // (A name the tagger took for a place or a thing, `"كوبا ديبايت"`, is the name too.)
    if is_quote_mark(ctx.word(last + 1))
        && let Some(close) = (last + 3..last + 5).find(|&k| is_quote_mark(ctx.word(k)))
        && (last + 2..close).all(|k| ctx.is_word(k))
        && ctx
            .mention_at(last + 2)
            .is_none_or(|m| ctx.entity(m).is_some_and(|e| e.label == "LOC" || e.label == "MISC"))
    {
        last = close;
    }
    let (text, start, end) = ctx.slice(j, last);
    let span = Some(TextRange::new(start, end.max(start)));
    if let Some(s) = group_country(ctx, lex, j, last) {
        return Some(s);
    }
    // `مسؤولون بالإدارة الأمريكية`, `مسؤولون عسكريون في سول`: unnamed officials of a
    // country speak as its government.
    if matches!(
        strip_conj(key),
        "مسؤولون" | "مسؤولين" | "المسؤولون" | "المسؤولين" | "مسؤولان" | "المسؤولان"
    ) && let Some(country) = (j + 1..=last)
        .find_map(|k| {
            let e = ctx.entity(ctx.mention_at(k)?)?;
            (e.label == "LOC").then(|| crate::ctx::government_of(e).to_owned())
        })
        .or_else(|| {
            // (`مسؤولون محليون`: of the country the article names first — a place the
            // knowledge base does not place in a country, `أتلانتا`, names none.)
            let at = ctx.token(j)?.start;
            ctx.mentions.iter().filter(|m| m.end <= at).find_map(|m| {
                let e = ctx.entity(*m).filter(|e| e.label == "LOC")?;
                Some(crate::ctx::government_of(e).to_owned())
                    .filter(|id| id.starts_with("country:"))
            })
        })
        // (A bare `مسؤولون` before any place is named: of the country the article is
        // about. Not `مسؤولون من الأمم المتحدة`, `مسؤولون في #البيت_الأبيض`.)
        .or_else(|| {
            let bare_word = last == j
                && (matches!(ctx.word(j + 1), "،" | "," | ":")
                    || lex.is_complementizer(ctx.key(j + 1)));
            bare_word.then(|| ctx.home_country().map(str::to_owned)).flatten()
        })
        && country.starts_with("country:")
    {
        return Some(country_speaker(ctx, j, last, country));
    }
    if let Some(c) = group_from_context(ctx, lex, j, last, history) {
        return Some(Speaker { text: text.to_owned(), span, ..c });
    }
    let person_title = lex.is_person_role(key);
    // A name in marks or brackets right after the words (`جهاز الأمن "شين بيت"`).
    if matches!(ctx.word(last + 1), "(" | "\"" | "«" | "“")
        && let Some(m) = ctx.mention_at(last + 2)
        && ctx.entity(m).is_some_and(|e| e.label == "ORG" || (person_title && e.label == "PER"))
    {
        // Written with its head (`صحيفة "ديلي ميل"`), so that `الصحيفة` finds it later.
        let (text, start, _) = ctx.slice(j, last_token_before(ctx, last + 2, m.end));
        return speaker_from_mention(ctx, m).map(|s| Speaker {
            text: text.to_owned(),
            span: Some(TextRange::new(start, m.end.max(start))),
            ..s
        });
    }
    if person_title && let Some(p) = named_after_role(ctx, lex, j, last) {
        return Some(p);
    }
    // `متحدث باسمها`: whom the pronoun points to.
    if (j + 1..=last).any(|k| matches!(ctx.key(k), "باسمها" | "باسمه")) {
        let at = ctx.token(j).map_or(0, |t| t.start);
        if let Some(m) = ctx
            .mentions
            .iter()
            .rev()
            .filter(|m| m.end <= at)
            .find(|m| ctx.entity(**m).is_some_and(|e| e.label == "ORG" || e.label == "PER"))
        {
            return speaker_from_mention(ctx, *m).map(|s| Speaker {
                text: text.to_owned(),
                span,
                ..s
            });
        }
    }
    if person_title && let Some(p) = role_named_before(ctx, lex, j, last) {
        return Some(Speaker { text: text.to_owned(), span, ..p });
    }
    if person_title && let Some(p) = role_named_after(ctx, lex, j, last) {
        return Some(Speaker { text: text.to_owned(), span, ..p });
    }
    if person_title && let Some(p) = untagged_name_after_title(ctx, lex, j, last) {
        return Some(p);
    }
    if person_title && let Some(p) = same_role_of_country(ctx, lex, j, last) {
        return Some(Speaker { text: text.to_owned(), span, ..p });
    }
    // `متحدثة باسم الشرطة الألمانية`, `متحدث باسم وزارة الخارجية البريطانية`: a
    // spokesperson the article never names speaks the body's words, so the body (the
    // country for its police or army) is the speaker.
    if person_title
        && let Some(b) = (j..last).find(|&k| matches!(ctx.key(k), "باسم" | "بإسم"))
        && let Some(body) = group_country(ctx, lex, b + 1, last)
            .or_else(|| {
                (b + 1..=last).find_map(|k| {
                    let m = ctx.mention_at(k)?;
                    ctx.entity(m).filter(|e| e.label == "ORG")?;
                    speaker_from_mention(ctx, m)
                })
            })
            .or_else(|| {
                // (`المتحدثة باسم الاتحاد`: the union named before.)
                let role = ctx.key(b + 1);
                let at = ctx.token(j).map_or(0, |t| t.start);
                (b + 1 == last && lex.is_org_role(role))
                    .then(|| resolve_role(ctx, lex, role, at, history))
                    .flatten()
                    .filter(|s| s.label.as_deref() != Some("PER"))
            })
    {
        return Some(Speaker { text: text.to_owned(), span, ..body });
    }
    // `المتحدث الرسمي لشرطة منطقة الرياض`: `ل` on the police says whose spokesperson, as
    // `باسم` does; the country is the place named after it, else the article's. (Not an
    // army's: `المتحدث الرسمي لقوات التحالف` is often named right after.)
    if matches!(bare(key), "متحدث" | "متحدثه" | "ناطق" | "ناطقه")
        && let Some(b) = (j + 1..=last)
            .find(|&k| without_li(ctx.key(k)).and_then(|noun| lex.group(&noun)) == Some("police"))
        && let Some(id) = (b + 1..=last)
            .find_map(|k| {
                let e = ctx.entity(ctx.mention_at(k)?)?;
                (e.label == "LOC").then(|| crate::ctx::government_of(e).to_owned())
            })
            .filter(|id| id.starts_with("country:"))
            .or_else(|| body_home_country(ctx))
    {
        return Some(country_speaker(ctx, j, last, id));
    }
    // `الوزير الإيراني`, `ولي العهد السعودي`: the one person of that country in the article.
    if person_title && let Some(p) = role_of_country(ctx, j, last) {
        return Some(Speaker { text: text.to_owned(), span, ..p });
    }
    // `الدبلوماسي الروسي`, `رئيس شرطة المدينة`: a title no rule above could tie to a name
    // describes someone already speaking in the article, the latest person quoted. An
    // indefinite one (`مسؤول أميركي`, `سفير سابق`) is someone unnamed, and stays words.
    let definite = (j..=last).any(|k| {
        strip_conj(ctx.key(k)).starts_with("ال")
            || ctx
                .mention_at(k)
                .and_then(|m| ctx.entity(m))
                .is_some_and(|e| e.label == "LOC" && !e.id.starts_with("country:"))
    });
    if person_title
        && definite
        && !(j..=last).any(|k| {
            // (A nationality adjective is a mention of its country, and fine.)
            ctx.mention_at(k).and_then(|m| ctx.entity(m)).is_some_and(|e| e.label != "LOC")
        })
    {
        let at = ctx.token(j).map_or(0, |t| t.start);
        // (`وقال المسؤول` after `قال مسؤول من القوات …`: the one called so before.)
        let stem = bare(key);
        let same_role = history.iter().rev().find(|(pos, s)| {
            *pos < at && last == j && s.text.split_whitespace().any(|w| bare(&normalize(w)) == stem)
        });
        let person =
            || history.iter().rev().find(|(pos, s)| *pos < at && s.label.as_deref() == Some("PER"));
        if let Some((_, p)) = same_role.or_else(person) {
            return Some(Speaker { text: text.to_owned(), span, ..p.clone() });
        }
    }
    // An organisation or person named inside the phrase (`مكتب حقوق الإنسان في الأمم
    // المتحدة`, `الملياردير X`); a person after a head that is someone else (`مكتب رئيس
    // الوزراء X`, `محامي X`) is not the speaker.
    if !person_title {
        let other = is_not_self_head(key);
        for k in j + 1..=last {
            if let Some(m) = ctx.mention_at(k)
                && ctx.entity(m).is_some_and(|e| e.label == "ORG" || (e.label == "PER" && !other))
            {
                return speaker_from_mention(ctx, m);
            }
        }
    }
    let org_head = lex.is_org_role(key);
    let resolvable = (last == j && title)
        || (org_head && last <= j + 2 && !(j + 1..=last).any(|k| ctx.mention_at(k).is_some()));
    if resolvable && let Some(resolved) = resolve_role(ctx, lex, key, start, history) {
        return Some(Speaker { text: text.to_owned(), span, ..resolved });
    }
    if last == j
        && let Some(named) = named_by_head_before(ctx, lex, j)
    {
        return Some(Speaker { text: text.to_owned(), span, ..named });
    }
    if last == j + 1
        && let Some(named) = named_by_head_and_kind_before(ctx, j)
    {
        return Some(Speaker { text: text.to_owned(), span, ..named });
    }
    phrase_speaker(ctx, j, last)
}

/// `s` as written at tokens `a..=b` (a role, anaphor or source noun that resolved to it).
/// `الوكالة السعودية`, `الصحيفة البريطانية` after `وكالة الأنباء السعودية`, `صحيفة
/// الغارديان`: a medium's head noun with its country's adjective is the one news agency or
/// medium of that country (by its KB kind and country) the field named before.
fn medium_of_country_before(ctx: &FieldCtx, j: usize) -> Option<Speaker> {
    let key = strip_conj(ctx.key(j));
    let medium = key.starts_with("ال")
        && matches!(
            bare(key),
            "وكاله"
                | "صحيفه"
                | "جريده"
                | "قناه"
                | "تلفزيون"
                | "اذاعه"
                | "شبكه"
                | "مجله"
        );
    if !medium {
        return None;
    }
    let country = ctx
        .mention_at(j + 1)
        .and_then(|m| ctx.entity(m))
        .filter(|e| e.id.starts_with("country:"))
        .map(|e| e.id.as_str())?;
    let at = ctx.token(j)?.start;
    let mut named = ctx.mentions.iter().filter(|m| m.end <= at).filter(|m| {
        ctx.entity(**m).is_some_and(|e| {
            e.country.as_deref() == Some(country)
                && matches!(e.kind.as_deref(), Some("media" | "news-agency"))
        })
    });
    let first = *named.next()?;
    let id = ctx.entity(first).map(|e| e.id.as_str());
    // (Two different media of the country: which one is meant is not known.)
    if named.any(|m| ctx.entity(*m).map(|e| e.id.as_str()) != id) {
        return None;
    }
    speaker_from_mention(ctx, first).map(|s| written_at(ctx, j, j + 1, s))
}

fn written_at(ctx: &FieldCtx, a: usize, b: usize, s: Speaker) -> Speaker {
    let (text, start, end) = ctx.slice(a, b);
    Speaker { text: text.to_owned(), span: Some(TextRange::new(start, end.max(start))), ..s }
}

/// `المتحدث باسم وزارة الصحة سامي النور في بيان`: after a title's definite words, an
/// indefinite word cannot describe them (an adjective would take the article too), so it
/// opens a new noun phrase — the name in apposition, which the tagger missed. Two or three
/// words, ending before a preposition, punctuation or a speech word.
fn untagged_name_after_title(ctx: &FieldCtx, lex: &Lex, j: usize, last: usize) -> Option<Speaker> {
    let end = (last + 3).min(ctx.tokens.len());
    let opens_name = |k: usize| {
        let key = ctx.key(k);
        let before = strip_conj(ctx.key(k - 1));
        let raw = ctx.word(k);
        // (Not a relative clause, `المسؤول الذي اشترط`, a conjoined word, `ومقدم`, or a
        // word with a pronoun, `تقوده`.)
        let relative = matches!(before, "الذي" | "التي" | "الذين" | "اللذين" | "اللتين" | "اللذان");
        let pronoun = raw.ends_with('ه') || raw.ends_with("ها") || raw.ends_with("هم");
        before.starts_with("ال")
            && !relative
            && !key.starts_with('و')
            && !pronoun
            && phrase_word(ctx, lex, k)
            && ctx.mention_at(k).is_none()
            && !is_role(lex, key)
            && !key.starts_with("ال")
            && !["ب", "ل", "ك"].iter().any(|p| key.starts_with(p))
    };
    let a = (j + 1..end).take_while(|&k| ctx.is_word(k)).find(|&k| opens_name(k))?;
    let mut b = a;
    while b < a + 2
        && phrase_word(ctx, lex, b + 1)
        && ctx.mention_at(b + 1).is_none()
        && !is_role(lex, ctx.key(b + 1))
    {
        b += 1;
    }
    let closes = ctx.is_punct(b + 1)
        || !ctx.is_word(b + 1)
        || lex.is_speaker_stop(ctx.key(b + 1))
        || lex.is_speech_verb(ctx.key(b + 1))
        || lex.is_complementizer(ctx.key(b + 1));
    (b > a && closes).then(|| phrase_speaker(ctx, a, b)).flatten()
}

/// A definite noun standing alone (`الرابطة`, `المركز`) refers back to the body named
/// earlier by the same noun heading a longer name (`رابطة أمهات المختطفين`, `مركز حقوق
/// الإنسان`): that name, or the entity tagged there.
fn named_by_head_before(ctx: &FieldCtx, lex: &Lex, j: usize) -> Option<Speaker> {
    let key = strip_conj(ctx.key(j));
    let head = key.strip_prefix("ال").filter(|h| h.chars().count() >= 3)?;
    let head = bare(head);
    (0..j).rev().find_map(|k| {
        let written = strip_conj(ctx.key(k));
        if !ctx.is_word(k) || written.starts_with("ال") || bare(written) != head {
            return None;
        }
        if let Some(m) = ctx.mention_at(k)
            && ctx.entity(m).is_some_and(|e| e.label == "ORG")
        {
            return speaker_from_mention(ctx, m);
        }
        // The name in marks or as a hashtag after the head (`لشركة "نجمة"`, `رابطة
        // #أمهات_المزارعين`): the head's word as the role writes it, and the name.
        if let Some(name) = marked_name_at(ctx, k + 1) {
            let (role, _, _) = ctx.slice(j, j);
            let head = role.find("ال").and_then(|at| role.get(at + "ال".len()..)).unwrap_or(role);
            return Some(Speaker {
                id: None,
                resolved_text: format!("{head} {name}"),
                text: role.to_owned(),
                span: None,
                label: None,
            });
        }
        let last = phrase_end(ctx, lex, k);
        (last > k).then(|| phrase_speaker(ctx, k, last)).flatten()
    })
}

/// A name of one to four words written in quotation marks (`"نجمة الشمال"`) or as a
/// hashtag (`#أمهات_المزارعين`) starting at token `k`.
fn marked_name_at(ctx: &FieldCtx, k: usize) -> Option<String> {
    if let Some((_, name)) = hashtag_at(ctx, k) {
        return Some(name);
    }
    if !is_quote_mark(ctx.word(k)) {
        return None;
    }
    let close = (k + 1..k + 6).find(|&t| !ctx.is_word(t))?;
    if close == k + 1 || !is_quote_mark(ctx.word(close)) {
        return None;
    }
    let (name, _, _) = ctx.slice(k + 1, close - 1);
    Some(name.to_owned())
}

/// The token after an addressee at `j` (`للصحفيين`, `لرويترز`, `لوكالة الأنباء X`), if `j`
/// is one: a word with the preposition `ل` on a name, a naming noun or a definite noun.
fn addressee_end(ctx: &FieldCtx, lex: &Lex, j: usize) -> Option<usize> {
    let key = strip_conj(ctx.key(j));
    if !ctx.is_word(j) || !key.starts_with('ل') || key.chars().count() < 4 {
        return None;
    }
    if let Some(m) = ctx.mention_at(j) {
        let at = ctx.token(j)?.start;
        // The preposition is outside the mention (`لـ` + name) or written on it — unless
        // the `ل` is the name's own (`لافروف`, a word of its canonical name).
        let written = ctx.text.get(m.start..m.end).unwrap_or("");
        let own_letter = ctx.entity(m).is_some_and(|e| {
            let w = normalize(written);
            normalize(&e.canonical).split_whitespace().any(|c| c == w)
        });
        if m.start > at || (written.starts_with('ل') && !own_letter) {
            return Some(last_token_before(ctx, j, m.end) + 1);
        }
        return None;
    }
    if lex.is_name_head(key) {
        // `لوكالة الأنباء الفرنسية`: the name after the noun goes with it.
        let mut k = j + 1;
        while k < j + 4 && ctx.is_word(k) && ctx.key(k).starts_with("ال") {
            k += 1;
        }
        if let Some(m) = ctx.mention_at(k) {
            return Some(last_token_before(ctx, k, m.end) + 1);
        }
        return Some(k);
    }
    (key.starts_with("لل") && !is_role(lex, &format!("ا{}", &key[2..]))).then_some(j + 1)
}

/// The last token of an anaphoric speaker phrase at `j`: a demonstrative and its noun
/// (`هذا الخبير`, `لهذا المسؤول`) or a noun with `نفسه`/`ذاته` (`القناة نفسها`).
fn anaphor_end(ctx: &FieldCtx, lex: &Lex, j: usize, history: &[(usize, Speaker)]) -> Option<usize> {
    if !ctx.is_word(j) {
        return None;
    }
    let key = strip_conj(ctx.key(j));
    let demonstrative = ["هذا", "هذه", "لهذا", "لهذه"].contains(&key);
    let noun = ctx.key(j + 1);
    // Only a noun of someone who speaks (`هذا المسؤول`, or a noun an earlier speaker was
    // called by: `خبير …` → `هذا الخبير`), not `هذه الاتهامات`.
    let stem = bare(noun);
    let speaks = is_role(lex, noun)
        || lex.is_name_head(noun)
        || lex.source_noun(noun).is_some()
        || (stem.chars().count() >= 3
            && history
                .iter()
                .any(|(_, s)| s.text.split_whitespace().any(|w| bare(&normalize(w)) == stem)));
    if demonstrative && phrase_word(ctx, lex, j + 1) && noun.starts_with("ال") && speaks {
        return Some(j + 1);
    }
    // `صاحب الـ41 عاما`, `صاحبة الـ 30 عاما`: the one of that age, someone the article is
    // already about (sport reports' way to avoid repeating a name).
    if matches!(key, "صاحب" | "صاحبه")
        && matches!(ctx.key(j + 1), "ال" | "الـ")
        && ctx.is_number(j + 2)
        && matches!(ctx.key(j + 3), "عاما" | "عام" | "سنه" | "ربيعا")
    {
        return Some(j + 3);
    }
    let same = |k: usize| matches!(ctx.key(k), "نفسه" | "نفسها" | "ذاته" | "ذاتها" | "نفسهم");
    if key.starts_with("ال") && ctx.mention_at(j).is_none() {
        if same(j + 1) {
            return Some(j + 1);
        }
        if ctx.key(j + 1).starts_with("ال") && ctx.mention_at(j + 1).is_none() && same(j + 2) {
            return Some(j + 2);
        }
    }
    None
}

/// The person a role phrase of a country names (`الوزير الإيراني`, `ولي العهد السعودي`):
/// the one knowledge-base person of that country the article names, if only one.
fn role_of_country(ctx: &FieldCtx, j: usize, last: usize) -> Option<Speaker> {
    // Only titles a country's leading people hold: `سفير روسيا` or `متحدث باسم رئاسة
    // الوزراء في بريطانيا` is someone else than the one Russian or British leader named.
    let leading = |w: &str| {
        let w = w.strip_prefix("ال").unwrap_or(w);
        matches!(
            w,
            "رئيس"
                | "رئيسه"
                | "ملك"
                | "امير"
                | "ولي"
                | "وزير"
                | "وزيره"
                | "زعيم"
                | "مرشد"
        )
    };
    // (The key itself first: `وزير` is not `و` + `زير`.)
    if !leading(ctx.key(j)) && !leading(strip_conj(ctx.key(j))) {
        return None;
    }
    // (Or the country of a ministry named in the title: `وزير الخارجية الإيرانية`.)
    let country = (j + 1..=last).find_map(|k| {
        let m = ctx.mention_at(k)?;
        let e = ctx.entity(m)?;
        if e.id.starts_with("country:") {
            Some(e.id.clone())
        } else {
            e.country.clone().filter(|_| e.kind.as_deref() == Some("ministry"))
        }
    })?;
    let people: Vec<&Entity> = ctx
        .entities
        .iter()
        .filter(|e| {
            e.label == "PER"
                && crate::ctx::is_kb_id(&e.id)
                && e.country.as_deref() == Some(country.as_str())
        })
        .collect();
    // Several people of that country: the one whose office in the knowledge base the title
    // names (`وزير الخارجية الإيراني` among Rouhani and Zarif), held when the article was
    // published.
    let office = office_words(ctx, j, last);
    let holders: Vec<&Entity> = if office.is_empty() {
        people
    } else {
        let holding: Vec<&Entity> = people
            .iter()
            .copied()
            .filter(|e| e.role.as_deref().is_some_and(|r| holds_office(r, office, ctx.year)))
            .collect();
        // (One person whose office the knowledge base does not give may still be meant.)
        if holding.is_empty() && people.len() == 1 {
            people.into_iter().filter(|e| e.role.is_none()).collect()
        } else {
            holding
        }
    };
    let [p] = holders.as_slice() else { return None };
    Some(Speaker {
        id: Some(p.id.clone()),
        resolved_text: p.canonical.clone(),
        text: p.canonical.clone(),
        span: None,
        label: Some("PER".into()),
    })
}

/// The English words of the office the title at `j..=last` names, as the knowledge base's
/// roles write it (`وزير الخارجية` → `Foreign Minister`, `Secretary of State`, …); none
/// when the title says no more than a head any office has.
fn office_words(ctx: &FieldCtx, j: usize, last: usize) -> &'static [&'static str] {
    let keys: Vec<&str> = (j..=last).map(|k| bare(ctx.key(k))).collect();
    let has = |w: &str| keys.contains(&w);
    // (`رئيس المركز الروسي` heads a centre: a president's title names only the country.)
    let only_country = || {
        (j + 1..=last).filter(|&k| ctx.is_word(k)).all(|k| {
            ctx.mention_at(k)
                .and_then(|m| ctx.entity(m))
                .is_some_and(|e| e.id.starts_with("country:"))
        })
    };
    // (The key itself first: `وزير` is not `و` + `زير`.)
    let head = ctx.key(j);
    let head = head.strip_prefix("ال").unwrap_or(head);
    let head = if matches!(head, "وزير" | "وزيره" | "ولي") { head } else { bare(head) };
    match head {
        "ولي" if has("عهد") => &["Crown Prince"],
        "ملك" | "عاهل" => &["King"],
        "امير" => &["Emir"],
        "مرشد" => &["Supreme Leader"],
        "رئيس" | "رئيسه" if has("وزراء") || has("حكومه") => &["Prime Minister"],
        "رئيس" | "رئيسه" if only_country() => &["President"],
        "وزير" | "وزيره" if has("خارجيه") => {
            &["Foreign Minister", "Foreign Secretary", "Secretary of State", "Foreign Affairs"]
        }
        "وزير" | "وزيره" if has("دفاع") => &["Defence", "Defense"],
        "وزير" | "وزيره" if has("داخليه") => &["Interior", "Home Secretary"],
        "وزير" | "وزيره" if has("ماليه") => &["Finance", "Treasury", "Exchequer"],
        _ => &[],
    }
}

/// Whether a knowledge-base role (`Foreign Minister of Iran 2013-2021`, `Vice President …`)
/// holds one of `office`'s words, not as a deputy, and, when the year is known, in that year
/// (a role without years is taken as held).
fn holds_office(role: &str, office: &[&str], year: Option<i16>) -> bool {
    role.split(", ").any(|part| {
        let named = office.iter().any(|w| {
            part.contains(w)
                && !["Vice ", "Deputy ", "Former "]
                    .iter()
                    .any(|d| part.contains(&format!("{d}{w}")))
        });
        named && year.is_none_or(|y| in_office(part, y))
    })
}

/// Whether the years written in a role (`2013-2021`, `2017-`, `in 2018`) include `year`.
fn in_office(role: &str, year: i16) -> bool {
    let years: Vec<(i16, Option<i16>)> = role
        .split_whitespace()
        .filter_map(|w| {
            let w = w.trim_end_matches([',', ')', ';']);
            let (from, to) = w.split_once('-').unwrap_or((w, w));
            let from = from.parse::<i16>().ok().filter(|y| (1900..2100).contains(y))?;
            Some((from, if to.is_empty() { None } else { to.parse().ok() }))
        })
        .collect();
    years.is_empty() || years.iter().any(|&(from, to)| from <= year && to.is_none_or(|t| year <= t))
}

/// `المندوب البريطاني` for the person the article names elsewhere as `مندوب بريطانيا لدى
/// الأمم المتحدة بيتر ويلسون`: the same head noun (either gender) and the same country (its
/// name or its demonym, or the named person's country in the knowledge base), the phrase's
/// other words among the words of that role. Only when one person is named so.
fn same_role_of_country(ctx: &FieldCtx, lex: &Lex, j: usize, last: usize) -> Option<Speaker> {
    let stem = |k: usize| {
        let b = bare(ctx.key(k));
        b.strip_suffix('ه').filter(|s| s.chars().count() >= 3).unwrap_or(b).to_owned()
    };
    // A country's envoy to a body is its delegate there and, at the UN, its ambassador:
    // news name the one person by all three (`المندوب البريطاني` … `السفير البريطاني، X`).
    let head_of = |k: usize| match stem(k).as_str() {
        "سفير" | "مبعوث" => "مندوب".to_owned(),
        other => other.to_owned(),
    };
    let country_at = |k: usize| {
        let e = ctx.entity(ctx.mention_at(k)?)?;
        e.id.starts_with("country:").then(|| e.id.clone())
    };
    let country = (j..=last).find_map(country_at)?;
    let head = head_of(j);
    let words: Vec<String> =
        (j + 1..=last).filter(|&k| ctx.is_word(k) && country_at(k).is_none()).map(stem).collect();
    // (A former holder, `رئيس كوريا الجنوبية الأسبق`, is not the one now.)
    let former = |w: &String| matches!(w.as_str(), "سابق" | "اسبق");
    let mut named: Vec<Speaker> = Vec::new();
    for k in (0..ctx.tokens.len()).filter(|k| !(j..=last).contains(k)) {
        if !ctx.is_word(k) || head_of(k) != head {
            continue;
        }
        let end = phrase_end(ctx, lex, k);
        let Some(p) = named_after_role(ctx, lex, k, end).or_else(|| person_right_before(ctx, k))
        else {
            continue;
        };
        let role: std::collections::HashSet<String> = (k + 1..=end).map(stem).collect();
        if !words.iter().all(|w| role.contains(w))
            || (role.iter().any(former) && !words.iter().any(former))
        {
            continue;
        }
        let of = (k..=end).find_map(country_at).or_else(|| {
            let id = p.id.as_deref()?;
            ctx.entities.iter().find(|e| e.id == id)?.country.clone()
        });
        if of.as_deref() == Some(country.as_str())
            && !named.iter().any(|n| n.id == p.id && n.resolved_text == p.resolved_text)
        {
            named.push(p);
        }
    }
    match named.len() {
        1 => named.pop(),
        _ => None,
    }
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
        // A name starting here, or a longer one ending here (`"وول ستريت جورنال" ورد`).
        if let Some(m) = ctx.mention_at(k).or_else(|| ctx.mention_ending_in(k)) {
            let e = ctx.entity(m)?;
            if (e.label == "PER" || e.label == "ORG")
                && !after_with(ctx, first, m)
                && !is_medium(ctx, m)
            {
                return speaker_from_mention(ctx, m);
            }
        }
    }
    None
}

/// The first person or organisation (or government of a country) named in the sentence
/// before token `i`.
fn first_actor_before(ctx: &FieldCtx, lex: &Lex, first: usize, i: usize) -> Option<Speaker> {
    (first..i).find_map(|k| {
        if let Some(s) = group_country(ctx, lex, k, (k + 3).min(i.saturating_sub(1))) {
            return Some(s);
        }
        let m = ctx.mention_at(k)?;
        let e = ctx.entity(m)?;
        // (`وحسب رويترز، قال`: the agency relays the words, it does not say them.)
        let relayed = k > first && lex.is_source(ctx.key(k - 1));
        let actor = (e.label == "PER" || e.label == "ORG") && !relayed && !is_medium(ctx, m);
        (actor && !after_with(ctx, first, m)).then(|| speaker_from_mention(ctx, m)).flatten()
    })
}

/// Whether mention `m` is where words were published, not who said them: after `على`,
/// `عبر` or `في` (`في تغريدة على تويتر قال فيها`), also with `موقع` or `حساب` between,
/// with `ب` written on it (`بحسابه بتويتر`), or in apposition after `الاجتماعي` (`بموقع
/// التواصل الاجتماعي، تويتر،`).
pub(crate) fn is_medium(ctx: &FieldCtx, m: crate::ctx::MentionRef) -> bool {
    let at = ctx.token_from(m.start);
    let own = ctx.token(at).is_some_and(|t| t.start == m.start);
    let k = if own { at } else { at.saturating_sub(1) };
    // (The mention may start at the token, `ب` included, or after it; `بومبيو` is a name
    // starting with `ب`, `بتويتر` is `ب` + `تويتر`.)
    let key = ctx.key(k);
    let clitic = key.strip_prefix('ب').is_some_and(|rest| {
        ctx.entity(m).is_some_and(|e| {
            let canonical = normalize(&e.canonical);
            let mut words = canonical.split(' ');
            !words.clone().any(|w| w == key) && words.any(|w| w == rest)
        })
    });
    let before = |d: usize| k.checked_sub(d).map_or("", |b| strip_conj(ctx.key(b)));
    clitic
        || matches!(before(1), "علي" | "عبر" | "في" | "بموقع" | "بحساب" | "بصفحه")
        // (`على موقع تويتر`)
        || (matches!(before(1), "موقع" | "منصه" | "شبكه" | "حساب" | "صفحه")
            && matches!(before(2), "علي" | "عبر" | "في"))
        || (matches!(ctx.word(k.wrapping_sub(1)), "،" | ",") && before(2) == "الاجتماعي")
}

/// Whether mention `m` is whom someone was with (`في اتصال مع الرئيس الفلسطيني X`, `ومع
/// X`): `مع` up to four words before it. Such a name is not the subject of a verb after it.
fn after_with(ctx: &FieldCtx, first: usize, m: crate::ctx::MentionRef) -> bool {
    let start = ctx.token_from(m.start);
    (start.saturating_sub(4).max(first)..start)
        .rev()
        .take_while(|&t| ctx.is_word(t))
        .any(|t| strip_conj(ctx.key(t)) == "مع")
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
    // `وتابعت المتحدثة`, `وقالت الصحيفة`: the latest speaker written with that role word.
    // (A word is also compared whole: `bare` takes the `و` of `وزارة` for a conjunction.)
    let by_role = history.iter().rev().find(|(pos, s)| {
        *pos < before
            && s.text.split_whitespace().map(normalize).any(|w| bare(&w) == stem || w == stem)
    });
    if let Some((_, s)) = by_role {
        return Some(s.clone());
    }
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
                // (Or written after the noun: `منظمة هيومن رايتس ووتش`.)
                let after_noun = ctx
                    .token_from(m.start)
                    .checked_sub(1)
                    .is_some_and(|k| bare(strip_conj(ctx.key(k))) == stem);
                ctx.entity(**m).is_some_and(|e| {
                    e.label == "ORG" && (after_noun || normalize(&e.canonical).contains(stem))
                })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_office_is_held_by_its_words_in_its_years() {
        let zarif = "Foreign Minister of Iran 2013-2021";
        let office = ["Foreign Minister", "Secretary of State"];
        assert!(holds_office(zarif, &office, Some(2018)));
        assert!(!holds_office(zarif, &office, Some(2022)));
        assert!(holds_office(zarif, &office, None));
        assert!(holds_office("US Secretary of State 2018-2021", &office, Some(2018)));
        let pence = "Vice President of the United States 2017-2021";
        assert!(!holds_office(pence, &["President"], Some(2018)));
        assert!(holds_office("President of Turkey 2014-", &["President"], Some(2018)));
        let yildirim = "Deputy Prime Minister 2002-2007, Prime Minister of Turkey 2016-2018";
        assert!(holds_office(yildirim, &["Prime Minister"], Some(2018)));
        assert!(!holds_office("Deputy Prime Minister 2015-2017", &["Prime Minister"], Some(2016)));
    }
}
