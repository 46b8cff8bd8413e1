//! Events: who did what to whom, when and where, over a small CAMEO-like action set.
//!
//! A trigger word gives the action (`تباحث`/`يهاتف` consult, `حذر` warn, `ندد` criticize,
//! `إطلاق النار` use-force, `وصلت` with troops deploy, …). The actor is an argument (an
//! entity, or a group of a country: `القوات الروسية` → `country:ru`, role `military`) right
//! before the trigger (`وأمريكا تحذر`, `كانت الخارجية الأمريكية حذرت`), else the first one
//! after it (Arabic verb–subject order); the target is the next argument after the actor.
//! Inside a quotation, an order (`أمر`, `سمح`) makes the speaker the actor. The date is the
//! sentence's dated time expression; the place its first other place entity. Repeats of the
//! same action between the same sides are merged (keeping the first, filling its date).

use marsad_doc::{Event, EventArg};
use marsad_text::normalize;

use crate::ctx::{FieldCtx, bare, is_quote_mark, strip_conj};
use crate::lex::{Lex, lex};
use crate::quotes::Found;

/// Actions and their past-tense verb bases (feminine, plural and dual forms derived) and
/// present forms as written.
const ACTIONS: &[(&str, &[&str], &[&str])] = &[
    (
        "consult",
        &["تباحث", "هاتف", "اتصل", "التقى", "اجتمع", "ناقش", "استقبل"],
        &["يهاتف", "تهاتف", "يلتقي", "يلتقيان", "يجتمع", "تجتمع", "يبحث", "تبحث", "يستقبل"],
    ),
    ("warn", &["حذر", "أنذر", "هدد", "توعد"], &["يحذر", "تحذر", "يهدد", "تهدد", "يهددون", "يتوعد"]),
    (
        "criticize",
        &["ندد", "انتقد", "أدان", "دان", "استنكر", "شجب", "اتهم"],
        &["يندد", "تندد", "ينتقد", "تنتقد", "يدين", "تدين", "يتهم", "تتهم"],
    ),
    ("demand", &["طالب"], &["يطالب", "تطالب"]),
    ("appeal", &["دعا", "ناشد", "حث", "طلب"], &["يدعو", "تدعو", "يناشد", "تناشد"]),
    ("cooperate", &["اتفق", "تعاون"], &["يتفق", "يتعاون", "تتعاون"]),
    ("protest", &["تظاهر", "احتج"], &["يتظاهر", "يحتج"]),
    ("arrest", &["اعتقل", "احتجز", "أوقف"], &["يعتقل", "تعتقل"]),
    (
        "use-force",
        &["قصف", "اقتحم", "شن", "استهدف", "دمر"],
        &["يقصف", "تقصف", "يشن", "تشن", "يستهدف", "تستهدف"],
    ),
    ("deploy", &["نشر", "وصل", "أرسل", "دخل", "انتشر"], &["ينشر", "تنشر", "يرسل", "ترسل"]),
    ("statement", &["أعلن"], &["يعلن", "تعلن"]),
];

/// Event nouns (`هجوم`, `غارات`, `إدانة`) and their actions; the keys are matched without
/// clitics and article.
const NOMINALS: &[(&str, &str)] = &[
    ("هجوم", "use-force"),
    ("هجوما", "use-force"),
    ("هجمات", "use-force"),
    ("غارة", "use-force"),
    ("غارات", "use-force"),
    ("ضربة", "use-force"),
    ("ضربات", "use-force"),
    ("تفجير", "use-force"),
    ("اعتقال", "arrest"),
    ("توقيف", "arrest"),
    ("إيقاف", "arrest"),
    ("إدانة", "criticize"),
    ("تحذير", "warn"),
    ("مطالبة", "demand"),
    ("تنسيق", "cooperate"),
    ("لقاء", "consult"),
    ("لقائه", "consult"),
];

/// Whether the action at trigger `t` is denied, prevented, threatened or only possible
/// (`لم تشن`, `قد تشنها`, `نفي أن تكون قد شنت`, `إحباط هجوم`, `مصممة على شن ضربات`).
fn unreal(ctx: &FieldCtx, t: usize, first: usize) -> bool {
    let key = ctx.key(t);
    let prev = if t > first { ctx.key(t - 1) } else { "" };
    if matches!(prev, "لم" | "لن" | "لا" | "ولم" | "ولن" | "اي") {
        return true;
    }
    let k = strip_conj(key);
    let nominal = is_nominal(key);
    let present = !nominal && (k.starts_with('ي') || k.starts_with('ت'));
    // `قد تشنها`, `أن يجتمع` (planned), `التي تستهدف` (what something is for).
    if present && matches!(strip_conj(prev), "قد" | "ان" | "كي" | "لكي" | "التي" | "الذي")
    {
        return true;
    }
    // A verb-looking word after a preposition is a verbal noun (`بناء على طلب`).
    if !nominal
        && !present
        && matches!(prev, "علي" | "من" | "في" | "عن" | "الي" | "حول" | "بعد" | "قبل")
    {
        return true;
    }
    // `على ما أعلنت X`: an attribution, not an announcement.
    if prev == "ما" || prev == "لما" || prev == "حسبما" {
        return true;
    }
    // `شن` after a preposition is the verbal noun: an intention (`على شن`, `بشن`).
    if matches!(k, "شن" | "بشن" | "لشن")
        && (k != "شن" || matches!(prev, "علي" | "من" | "عن" | "الي"))
    {
        return true;
    }
    let lo = t.saturating_sub(6).max(first);
    (lo..t).any(|j| {
        let b = bare(ctx.key(j));
        [
            "نفي",
            "نفت",
            "ينفي",
            "تنفي",
            "نفيه",
            "احباط",
            "منع",
            "تهديد",
            "تهديدات",
            "خطط",
            "خطه",
            "محاوله",
        ]
        .contains(&b)
    })
}

/// Whether an attack noun at `t` is qualified as an event: an adjective (`هجوم كيماوي`,
/// `غارات جوية`, `غارة مماثلة`), its agent (`غارات لطائرات التحالف`) or target (`على`, `ضد`).
fn qualified(ctx: &FieldCtx, t: usize, end: usize) -> bool {
    let next = t + 1;
    if next >= end || !ctx.is_word(next) {
        return false;
    }
    let k = strip_conj(ctx.key(next));
    let adjective = ["ي", "يه", "يا", "يين", "ين"].iter().any(|s| k.ends_with(s))
        && !k.starts_with("ال")
        && ctx.mention_at(next).is_none();
    adjective
        || matches!(k, "عنيف" | "عنيفه" | "مماثله" | "مماثل" | "علي" | "ضد" | "جديد" | "جديده")
        || k.starts_with("لطائرات")
        || k.starts_with("لقوات")
}

/// Whether the trigger at `t`, inside a quotation, follows an order verb (`أمر قواته بـ`).
fn ordered_in_quote(ctx: &FieldCtx, quotes: &[Found], t: usize) -> bool {
    let Some(trig) = ctx.token(t) else { return false };
    quotes.iter().filter(|f| f.quote.start <= trig.start && trig.end <= f.quote.end).any(|f| {
        ctx.tokens
            .iter()
            .enumerate()
            .filter(|(_, tk)| tk.start >= f.quote.start && tk.end <= trig.start)
            .any(|(k, _)| ORDERS.iter().any(|o| strip_conj(ctx.key(k)).starts_with(o)))
    })
}

/// Whether the trigger word is an event noun (not a verb form).
fn is_nominal(key: &str) -> bool {
    action_of(key).is_none() && nominal_action(key).is_some()
}

/// A noun with the article (`الهجوم`, `بالضربات`): a repeat of an event named before.
fn definite(key: &str) -> bool {
    let k = strip_conj(key);
    ["ال", "بال", "لل", "كال"].iter().any(|p| k.starts_with(p))
}

fn nominal_action(key: &str) -> Option<&'static str> {
    type Table = std::collections::HashMap<String, &'static str>;
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| NOMINALS.iter().map(|(w, a)| (normalize(w), *a)).collect());
    table.get(bare(key)).or_else(|| table.get(key)).copied()
}

/// Actions whose events have no target.
const NO_TARGET: &[&str] = &["statement", "protest"];

/// Actions that happen somewhere (the others are said or agreed, and get no place).
const PLACED: &[&str] = &["protest", "arrest", "use-force", "deploy"];

/// Words skipped between a trigger and its arguments.
const SKIP: &[&str] = &["فيه", "فيها", "بدوره", "بدورها", "ايضا", "كذلك", "امس", "اليوم"];

/// Verbs of ordering inside a quote (`إنه أمر قواته بإطلاق النار`): the speaker acts.
const ORDERS: &[&str] = &["امر", "سمح", "اذن", "وجه", "اصدر"];

fn action_of(key: &str) -> Option<(&'static str, bool)> {
    type Table = std::collections::HashMap<String, (&'static str, bool)>;
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = Table::new();
        for (action, past, present) in ACTIONS {
            for v in *past {
                let k = normalize(v);
                let stem =
                    k.strip_suffix('ي').or_else(|| k.strip_suffix('ا')).unwrap_or(&k).to_owned();
                for form in [
                    format!("{stem}ت"),
                    format!("{k}ت"),
                    format!("{k}وا"),
                    format!("{k}ا"),
                    k.clone(),
                ] {
                    // The first action listed keeps a form two actions share.
                    t.entry(form).or_insert((*action, false));
                }
            }
            for v in *present {
                t.entry(normalize(v)).or_insert((*action, true));
            }
        }
        t
    });
    let k = crate::lex::strip_conj_short(key);
    let find = |w: &str| table.get(w).copied();
    find(key).or_else(|| find(k)).or_else(|| {
        // With an object pronoun: `اعتقلته`, `استقبله`, `استهدفتها`.
        ["ه", "ها", "هم"]
            .iter()
            .find_map(|p| k.strip_suffix(p).filter(|v| v.chars().count() >= 3).and_then(find))
    })
}

/// A trigger at token `i`: the action, whether the verb is present tense, and the last
/// token of the trigger phrase.
fn trigger(ctx: &FieldCtx, i: usize, end: usize) -> Option<(&'static str, bool, usize)> {
    let key = ctx.key(i);
    let k = strip_conj(key);
    let b = bare(key);
    let next = ctx.key(i + 1);
    // Firing: `أطلق النار`, `إطلاق النار`, `فتح النار`, `بفتح النار`.
    if i + 1 < end
        && matches!(next, "النار" | "الرصاص")
        && ["اطلق", "اطلاق", "فتح", "باطلاق", "بفتح", "لاطلاق", "لفتح"]
            .iter()
            .any(|s| k.starts_with(s) || b.starts_with(s))
    {
        return Some(("use-force", false, i + 1));
    }
    // `ألقى القبض`
    if i + 1 < end && next == "القبض" && (k.starts_with("القي") || k.starts_with("القت"))
    {
        return Some(("arrest", false, i + 1));
    }
    // `أجريا محادثة هاتفية`, `أجرى اتصالا`
    if k.starts_with("اجر") && k.chars().count() <= 5 {
        let talk = (i + 1..(i + 7).min(end)).any(|j| {
            let b = bare(ctx.key(j));
            ["محادث", "اتصال", "مباحثات", "مشاورات", "مكالمه"].iter().any(|s| b.starts_with(s))
        });
        if talk {
            return Some(("consult", false, i));
        }
    }
    // `حركة احتجاج بدأت`, `اندلعت احتجاجات`
    if ["احتجاج", "تظاهرات", "مظاهرات"].iter().any(|s| b.starts_with(s)) {
        let near = |j: usize| {
            let k = strip_conj(ctx.key(j));
            ["بدات", "اندلعت", "انطلقت", "خرجت", "عمت", "تجددت"].contains(&k)
        };
        if (i + 1..(i + 3).min(end)).any(near) || (i.saturating_sub(2)..i).any(near) {
            return Some(("protest", false, i));
        }
    }
    if let Some((action, present)) = action_of(key) {
        return Some((action, present, i));
    }
    nominal_action(key).map(|a| (a, false, i))
}

/// An event argument starting at token `j`, and its last token.
fn arg_at(ctx: &FieldCtx, lex: &Lex, j: usize, end: usize) -> Option<(EventArg, usize)> {
    if j >= end || !ctx.is_word(j) {
        return None;
    }
    let key = ctx.key(j);
    let last_of = |offset: usize| {
        (j..end).take_while(|&k| ctx.tokens.get(k).is_some_and(|t| t.start < offset)).last()
    };
    // A titled person: the person named within five tokens.
    if is_person_title(lex, key) {
        for k in j + 1..(j + 6).min(end) {
            if ctx.is_punct(k) && !is_quote_mark(ctx.word(k)) && ctx.word(k) != "،" {
                break;
            }
            if let Some(m) = ctx.mention_at(k)
                && let Some(e) = ctx.entity(m).filter(|e| e.label == "PER")
            {
                let text = ctx.text.get(m.start..m.end).unwrap_or("").to_owned();
                return Some((EventArg { id: e.id.clone(), text, role: None }, last_of(m.end)?));
            }
        }
    }
    // A named entity (`الخارجية الأمريكية` when the knowledge base knows it).
    if let Some(m) = ctx.mention_at(j)
        && let Some(e) = ctx.entity(m).filter(|e| e.label != "LOC" || lex.group(key).is_none())
    {
        let text = ctx.text.get(m.start..m.end).unwrap_or("").to_owned();
        if let Some(last) = last_of(m.end) {
            return Some((EventArg { id: e.id.clone(), text, role: None }, last));
        }
    }
    // A group of a country: `القوات الروسية`, `وحدة من القوات الروسية`, `قوات الأمن`.
    if let Some(mut role) = lex
        .group(key)
        .or_else(|| lex.group(bare(key)).or_else(|| lex.group(&format!("ال{}", bare(key)))))
    {
        let mut last = j;
        let mut country = None;
        for k in j + 1..(j + 5).min(end) {
            if !ctx.is_word(k) {
                break;
            }
            if let Some(m) = ctx.mention_at(k)
                && let Some(e) = ctx.entity(m)
            {
                let id = if e.id.starts_with("country:") {
                    Some(e.id.clone())
                } else {
                    e.country.clone()
                };
                if e.label == "LOC" || e.label == "ORG" {
                    country = id.or_else(|| Some(e.id.clone()));
                    last = last_of(m.end).unwrap_or(k);
                    break;
                }
            }
            let after_of = k == j + 2 && ctx.key(j + 1) == "من";
            if let Some(r) = lex.group(ctx.key(k))
                && (k == j + 1 || after_of)
            {
                role = r;
                last = k;
                continue;
            }
            if k == j + 1 && ctx.key(k) == "من" {
                continue;
            }
            // An adjective before the country (`القوات الجوية العراقية`).
            if k <= j + 2 && ctx.key(k).starts_with("ال") && lex.group(ctx.key(k)).is_none() {
                continue;
            }
            break;
        }
        let (text, _, _) = ctx.slice(j, last);
        let id = country.unwrap_or_else(|| text.to_owned());
        return Some((EventArg { id, text: text.to_owned(), role: Some(role.to_owned()) }, last));
    }
    let m = ctx.mention_at(j)?;
    let e = ctx.entity(m)?;
    let text = ctx.text.get(m.start..m.end).unwrap_or("").to_owned();
    Some((EventArg { id: e.id.clone(), text, role: None }, last_of(m.end)?))
}

fn is_person_title(lex: &Lex, key: &str) -> bool {
    lex.is_person_role(key)
        || lex.is_person_role(bare(key))
        || lex.is_person_role(&format!("ال{}", bare(key)))
}

/// The first argument from token `from` within `window` tokens, skipping commas, quote marks,
/// time expressions and filler words; stops at a preposition when `stop_at_prep`.
fn first_arg_after(
    ctx: &FieldCtx,
    lex: &Lex,
    from: usize,
    end: usize,
    window: usize,
    stop_at_prep: bool,
) -> Option<(EventArg, usize)> {
    let mut j = from;
    while j < end && j < from + window {
        let w = ctx.word(j);
        if ctx.is_punct(j) {
            if is_quote_mark(w) || matches!(w, "،" | ",") {
                j += 1;
                continue;
            }
            return None;
        }
        if ctx.in_time(j) || SKIP.contains(&ctx.key(j)) {
            j += 1;
            continue;
        }
        if let Some(found) = arg_at(ctx, lex, j, end) {
            return Some(found);
        }
        if stop_at_prep
            && matches!(ctx.key(j), "من" | "علي" | "الي" | "مع" | "ب" | "في" | "عن" | "ان" | "انه")
        {
            return None;
        }
        j += 1;
    }
    None
}

/// The argument that ends right before token `i` (a quote mark may sit between), taking the
/// longest one.
fn arg_before(ctx: &FieldCtx, lex: &Lex, i: usize, first: usize) -> Option<(EventArg, usize)> {
    let mut end_tok = i.checked_sub(1)?;
    if end_tok > first && is_quote_mark(ctx.word(end_tok)) {
        end_tok -= 1;
    }
    let lo = end_tok.saturating_sub(4).max(first);
    (lo..=end_tok).find_map(|j| {
        arg_at(ctx, lex, j, i).filter(|(_, last)| *last == end_tok).map(|(a, _)| (a, j))
    })
}

/// Every event of a field, in text order, with repeats merged.
pub(crate) fn find(ctx: &FieldCtx, quotes: &[Found]) -> Vec<Event> {
    let lex = lex();
    let mut out: Vec<Event> = Vec::new();
    for s in ctx.sentences {
        let first = s.first_token.min(ctx.tokens.len());
        let end = s.end_token.min(ctx.tokens.len());
        // The sentence's triggers; an event noun is dropped when a verb of the same action
        // states it (`شنت القوات غارات`), and only the first of its action is kept.
        let mut triggers: Vec<(usize, &'static str, usize, bool)> = Vec::new();
        let mut i = first;
        while i < end {
            match trigger(ctx, i, end).filter(|_| ctx.is_word(i)) {
                Some((action, _present, last)) => {
                    let nominal = last == i && is_nominal(ctx.key(i));
                    triggers.push((i, action, last, nominal));
                    i = last + 1;
                }
                None => i += 1,
            }
        }
        let mut kept: Vec<(usize, &'static str, usize, bool)> = Vec::new();
        for &(t, action, last, nominal) in &triggers {
            if unreal(ctx, t, first)
                || (nominal && action == "use-force" && !qualified(ctx, t, end))
            {
                continue;
            }
            // Actions inside a quotation in marks are the speaker's words, not reported
            // events.
            let in_direct = ctx.token(t).is_some_and(|tk| {
                quotes.iter().any(|f| {
                    f.quote.kind == marsad_doc::QuoteKind::Direct
                        && f.quote.start <= tk.start
                        && tk.end <= f.quote.end
                })
            });
            if in_direct && !ordered_in_quote(ctx, quotes, t) {
                continue;
            }
            if nominal
                && (definite(ctx.key(t))
                    || triggers.iter().any(|&(_, a, _, n)| a == action && !n)
                    || kept.iter().any(|&(_, a, _, n)| a == action && n))
            {
                continue;
            }
            kept.push((t, action, last, nominal));
        }
        for (t, action, last, nominal) in kept {
            let Some(trig) = ctx.token(t) else { continue };
            let quote =
                quotes.iter().find(|f| f.quote.start <= trig.start && trig.end <= f.quote.end);
            let ordered = quote.is_some_and(|f| {
                ctx.tokens
                    .iter()
                    .enumerate()
                    .filter(|(_, tk)| tk.start >= f.quote.start && tk.end <= trig.start)
                    .any(|(k, _)| ORDERS.iter().any(|o| strip_conj(ctx.key(k)).starts_with(o)))
            });
            let mut actor: Option<EventArg> = None;
            let mut target: Option<EventArg> = None;
            let mut target_from = last + 1;
            if action == "deploy" {
                // Troops only: the nearest military group before (10 tokens) or after (6).
                let military = |a: &EventArg| a.role.as_deref() == Some("military");
                actor = (first.max(t.saturating_sub(10))..t)
                    .filter_map(|j| arg_at(ctx, lex, j, t).filter(|(a, _)| military(a)))
                    .map(|(a, _)| a)
                    .next()
                    .or_else(|| {
                        first_arg_after(ctx, lex, last + 1, end, 6, true)
                            .map(|(a, _)| a)
                            .filter(military)
                    });
                if actor.is_none() {
                    continue;
                }
                // `… إلى ليبيا`, after the troops when they follow the verb.
                let to = (last + 1..(last + 7).min(end))
                    .take_while(|&j| !ctx.is_punct(j) || is_quote_mark(ctx.word(j)))
                    .find(|&j| matches!(ctx.key(j), "الي" | "في"));
                if let Some(to) = to {
                    target = first_arg_after(ctx, lex, to + 1, end, 3, true).map(|(a, _)| a);
                }
            } else if ordered {
                actor = quote.and_then(|f| f.speaker.as_ref()).map(|s| EventArg {
                    id: s.id.clone().unwrap_or_else(|| s.resolved_text.clone()),
                    text: s.text.clone(),
                    role: None,
                });
            } else if let Some((a, a_first)) = arg_before(ctx, lex, t, first) {
                // Subject–verb order; a coordinated pair (`"بوتين" و"توكاييف" أجريا`) is
                // actor and target.
                let mut p = a_first;
                if p > first && is_quote_mark(ctx.word(p - 1)) {
                    p -= 1;
                }
                let pair = if p > first && ctx.key(p - 1) == "و" {
                    arg_before(ctx, lex, p - 1, first)
                } else if ctx.key(a_first).starts_with('و') {
                    arg_before(ctx, lex, p, first)
                } else {
                    None
                };
                match pair {
                    Some((b, _)) if action == "consult" || action == "cooperate" => {
                        actor = Some(b);
                        target = Some(a);
                    }
                    _ => actor = Some(a),
                }
            } else if let Some((a, a_last)) = first_arg_after(ctx, lex, last + 1, end, 7, true) {
                actor = Some(a);
                target_from = a_last + 1;
            }
            if actor.is_none() && action != "protest" && action != "use-force" && !nominal {
                continue;
            }
            if target.is_none() && !NO_TARGET.contains(&action) && action != "use-force" {
                target = first_arg_after(ctx, lex, target_from, end, 8, false)
                    .map(|(a, _)| a)
                    .filter(|a| actor.as_ref().is_none_or(|b| b.id != a.id));
            }
            if target.is_none() && action == "use-force" && ctx.key(last + 1) == "علي" {
                {
                    let mut j = last + 2;
                    while j < end && is_quote_mark(ctx.word(j)) {
                        j += 1;
                    }
                    if ctx.is_word(j) {
                        let w = ctx.word(j).to_owned();
                        target = Some(EventArg { id: w.clone(), text: w, role: None });
                    }
                }
            }
            let ids: Vec<&str> = actor.iter().chain(target.iter()).map(|a| a.id.as_str()).collect();
            let event = Event {
                action,
                actor: actor.clone(),
                target: target.clone(),
                date: ctx.date_in(s.start, s.end),
                place: if action == "deploy" {
                    target.as_ref().map(|a| a.id.clone())
                } else if PLACED.contains(&action) {
                    nearest_place(ctx, s.start, s.end, trig.end, &ids)
                } else {
                    None
                },
                trigger: ctx.slice(t, last).0.to_owned(),
                text: ctx.text.get(s.start..s.end).unwrap_or("").to_owned(),
                field: ctx.field,
                start: s.start,
                end: s.end,
            };
            merge(&mut out, event);
        }
    }
    out
}

/// The place entity of the sentence `start..end` nearest after offset `at`, else nearest
/// before it, skipping `except`.
fn nearest_place(
    ctx: &FieldCtx,
    start: usize,
    end: usize,
    at: usize,
    except: &[&str],
) -> Option<String> {
    let places: Vec<(usize, &str)> = ctx
        .mentions
        .iter()
        .filter(|m| m.start >= start && m.end <= end)
        .filter_map(|m| ctx.entity(*m).map(|e| (m.start, e)))
        .filter(|(_, e)| e.label == "LOC" && !except.contains(&e.id.as_str()))
        .map(|(p, e)| (p, e.id.as_str()))
        .collect();
    places
        .iter()
        .find(|(p, _)| *p >= at)
        .or_else(|| places.iter().rev().find(|(p, _)| *p < at))
        .map(|(_, id)| (*id).to_owned())
}

/// Adds `event` unless the same action between the same sides (either order for consult)
/// is already there; then only a missing date is filled in.
pub(crate) fn merge(out: &mut Vec<Event>, event: Event) {
    let id = |a: &Option<EventArg>| a.as_ref().map(|a| a.id.clone());
    let same = |e: &Event| {
        e.action == event.action
            && ((id(&e.actor) == id(&event.actor)
                && (id(&e.target) == id(&event.target) || event.target.is_none()))
                || (event.action == "consult"
                    && id(&e.actor) == id(&event.target)
                    && id(&e.target) == id(&event.actor)))
            && event.actor.is_some()
    };
    match out.iter_mut().find(|e| same(e)) {
        Some(e) => {
            if e.date.is_none() {
                e.date = event.date;
            }
        }
        None => out.push(event),
    }
}
