//! Numeric facts: GDELT-style counts, money and percentages.
//!
//! A count is a number next to a trigger word of its type: the trigger within
//! [`TRIGGER_BEFORE`] tokens before the number (`وأصيب 18`, `واعتقل أكثر من 3000 شخص`,
//! `مقتل ما مجموعه 18 من …`) or within [`TRIGGER_AFTER`] tokens after it (`26 متظاهرا قتلوا`),
//! never across punctuation; the nearer wins, the one before on a tie. The subject is the
//! noun counted (`متظاهرا`, `من عناصر إنفاذ القانون` → `عناصر إنفاذ القانون`); a count
//! without one takes the subject of the previous count of the sentence (`وأصيب 18`). Money
//! is a number followed by a currency; a percentage a number followed by `%` or `في المئة`.

use marsad_doc::Fact;

use crate::ctx::{FieldCtx, bare, strip_conj};
use crate::lex::lex;
use crate::numbers::{NumberExpr, number_at};

/// (Four: `اعتقلت السلطات الألمانية الأحد ستة أشخاص`, a subject and a day in between.)
const TRIGGER_BEFORE: usize = 4;
const TRIGGER_AFTER: usize = 4;

/// Count types and the stems (keys without clitics and article) that trigger them. Checked
/// in order: `احتجاز` (ARREST) before `احتج` (PROTEST).
const TRIGGERS: &[(&str, &[&str])] = &[
    (
        "KILL",
        &[
            "قتل",
            "مقتل",
            "قتيل",
            "قتلي",
            "مصرع",
            "حتف",
            "توفي",
            "وفاه",
            "وفيات",
            "استشهد",
            "شهيد",
            "استشهاد",
            "شهداء",
            "اعدم",
        ],
    ),
    ("WOUND", &["اصيب", "اصاب", "جريح", "جرحي", "مصاب", "جرح"]),
    (
        "ARREST",
        &[
            "اعتقل",
            "اعتقال",
            "معتقل",
            "احتجز",
            "احتجاز",
            "محتجز",
            "توقيف",
            "موقوف",
            "القبض",
            "قبض",
            "اوقف",
        ],
    ),
    ("KIDNAP", &["اختطف", "اختطاف", "خطف", "مختطف", "رهائن", "رهين"]),
    ("DISPLACE", &["نازح", "نزوح", "نزح", "لاجئ", "لاجي", "شرد", "مشرد", "تهجير", "هجر", "مهجر"]),
    ("AFFECT", &["متضرر", "تضرر", "ضحايا", "محاصر", "منكوب"]),
    ("PROTEST", &["متظاهر", "محتج", "تظاهر", "احتج"]),
];

/// Currency words (keys) and their ISO codes.
const CURRENCIES: &[(&str, &str)] = &[
    ("دولار", "USD"),
    ("دولارا", "USD"),
    ("دولارات", "USD"),
    ("يورو", "EUR"),
    ("جنيه", "EGP"),
    ("جنيها", "EGP"),
    ("جنيهات", "EGP"),
    ("استرليني", "GBP"),
    ("ريال", "SAR"),
    ("ريالا", "SAR"),
    ("ريالات", "SAR"),
    ("درهم", "AED"),
    ("درهما", "AED"),
    ("دينار", "KWD"),
    ("دينارا", "KWD"),
    ("ليره", "TRY"),
    ("روبل", "RUB"),
    ("يوان", "CNY"),
];

/// A currency word refined by the adjective after it (`ريال قطري`, `جنيه إسترليني`).
fn currency(key: &str, next: &str) -> Option<&'static str> {
    let k = bare(key);
    let k = if CURRENCIES.iter().any(|(w, _)| *w == key) { key } else { k };
    let code = CURRENCIES.iter().find(|(w, _)| *w == k).map(|(_, c)| *c)?;
    let next = strip_conj(next);
    Some(match (code, next) {
        (_, "قطري") => "QAR",
        (_, "عماني") => "OMR",
        (_, "يمني") => "YER",
        (_, "ايراني") => "IRR",
        (_, "كويتي") => "KWD",
        (_, "اردني") => "JOD",
        (_, "عراقي") => "IQD",
        (_, "بحريني") => "BHD",
        (_, "ليبي") => "LYD",
        (_, "جزائري") => "DZD",
        (_, "تونسي") => "TND",
        (_, "مغربي") => "MAD",
        (_, "سوري") | (_, "سوريه") => "SYP",
        (_, "لبنانيه") | (_, "لبناني") => "LBP",
        (_, "تركيه") | (_, "تركي") => "TRY",
        (_, "سوداني") => "SDG",
        ("EGP", "استرليني") => "GBP",
        (c, _) => c,
    })
}

/// The count type of a trigger word, if it is one.
pub(crate) fn trigger_type(key: &str) -> Option<&'static str> {
    let b = bare(key);
    let k = strip_conj(key);
    TRIGGERS
        .iter()
        .find(|(_, stems)| {
            stems.iter().any(|s| b.starts_with(s) || k.starts_with(s) || key.starts_with(s))
        })
        .map(|(t, _)| *t)
}

/// `القضاء على ستة مسلحين` (army statements: "finished off"): `على` after `القضاء` is a
/// KILL trigger when a count follows.
fn killing_phrase_at(ctx: &FieldCtx, k: usize) -> Option<&'static str> {
    let on = ctx.key(k) == "علي";
    let finishing = k > 0 && bare(strip_conj(ctx.key(k - 1))) == "قضاء";
    (on && finishing).then_some("KILL")
}

/// Units after a number that make it something other than a count of people (keys
/// without clitics and article).
const NOT_COUNTED_AFTER: &[&str] = &[
    "عاما",
    "عام",
    "اعوام",
    "سنه",
    "سنوات",
    "سنين",
    "يوما",
    "ايام",
    "ساعه",
    "ساعات",
    "دقيقه",
    "دقائق",
    "دقايق",
    "شهرا",
    "اشهر",
    "شهور",
    "اسبوعا",
    "اسابيع",
    "كيلومتر",
    "كيلومترا",
    "كيلومترات",
    "كلم",
    "كم",
    "متر",
    "مترا",
    "امتار",
    "طن",
    "اطنان",
    "هجره",
    "هجري",
    "هجريه",
    "ميلادي",
    "ميلاديه",
    "درجه",
    "درجات",
];

/// Words before a number that make it a year or an identifier (`عام 2011`, `رقم 3`).
const NOT_COUNTED_BEFORE: &[&str] = &["عام", "سنه", "رقم", "قرار", "ماده"];

/// Qualifier phrases before a number (keys, in order), with the qualifier they give.
const QUALIFIERS_BEFORE: &[(&[&str], &str)] = &[
    (&["اكثر", "من"], "more_than"),
    (&["ما", "يزيد", "عن"], "more_than"),
    (&["ما", "يزيد", "علي"], "more_than"),
    (&["ما", "يربو", "علي"], "more_than"),
    (&["ما", "لا", "يقل", "عن"], "at_least"),
    (&["لا", "يقل", "عن"], "at_least"),
    (&["اقل", "من"], "less_than"),
    (&["ما", "يقارب"], "about"),
    (&["ما", "يقرب", "من"], "about"),
    (&["ما", "مجموعه"], "exact"),
    (&["ما", "يصل", "الي"], "up_to"),
    (&["نحو"], "about"),
    (&["حوالي"], "about"),
    (&["قرابه"], "about"),
    (&["زهاء"], "about"),
    (&["حوالى"], "about"),
    (&["اكثر"], "more_than"),
];

/// The qualifier written before token `i` and the index of its first token.
fn qualifier_before(ctx: &FieldCtx, i: usize, first: usize) -> Option<(&'static str, usize)> {
    for (words, q) in QUALIFIERS_BEFORE {
        let n = words.len();
        if i < first + n {
            continue;
        }
        let start = i - n;
        let ok = words.iter().enumerate().all(|(k, w)| {
            let key = ctx.key(start + k);
            key == *w || (k == 0 && strip_conj(key) == *w)
        });
        if ok {
            return Some((q, start));
        }
    }
    None
}

/// Every fact of a field, in text order.
pub(crate) fn find(ctx: &FieldCtx) -> Vec<Fact> {
    let _ = lex();
    let mut out = Vec::new();
    for s in ctx.sentences {
        let first = s.first_token.min(ctx.tokens.len());
        let end = s.end_token.min(ctx.tokens.len());
        let mut prev_subject: Option<String> = None;
        let mut i = first;
        while i < end {
            let Some(num) = number_at(ctx, i, end) else {
                i += 1;
                continue;
            };
            i = num.last + 1;
            if let Some(f) = fact(ctx, &num, first, end, s.start, s.end, &mut prev_subject) {
                out.push(f);
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn fact(
    ctx: &FieldCtx,
    num: &NumberExpr,
    first: usize,
    end: usize,
    sent_start: usize,
    sent_end: usize,
    prev_subject: &mut Option<String>,
) -> Option<Fact> {
    let (qualifier, qstart) = match qualifier_before(ctx, num.first, first) {
        Some((q, at)) => (q, at),
        None if num.vague => ("at_least", num.first),
        None => ("exact", num.first),
    };
    let next = num.last + 1;
    let after_key = ctx.key(next);
    let mut span_start = qstart;
    let mut span_end = num.last;
    // Percentages.
    let pct_word = (after_key == "في"
        && matches!(ctx.key(next + 1), "المئه" | "المائه" | "المايه"))
    .then_some(next + 1)
    .or_else(|| matches!(after_key, "بالمئه" | "بالمائه").then_some(next));
    if matches!(ctx.word(next), "%" | "٪") || pct_word.is_some() {
        span_end = pct_word.unwrap_or(next);
        return Some(build(
            ctx,
            "PERCENT",
            num,
            qualifier,
            None,
            Some("%".into()),
            span_start,
            span_end,
            sent_start,
            sent_end,
        ));
    }
    // Money: a currency word or a dollar sign.
    if let Some(code) = (next < end).then(|| currency(after_key, ctx.key(next + 1))).flatten() {
        span_end = next;
        let next2 = strip_conj(ctx.key(next + 1));
        if currency(after_key, next2) != currency(after_key, "") {
            span_end = next + 1;
        }
        return Some(build(
            ctx,
            "MONEY",
            num,
            qualifier,
            None,
            Some(code.into()),
            span_start,
            span_end,
            sent_start,
            sent_end,
        ));
    }
    if num.first > first && ctx.word(num.first - 1) == "$" || ctx.word(next) == "$" {
        return Some(build(
            ctx,
            "MONEY",
            num,
            qualifier,
            None,
            Some("USD".into()),
            span_start,
            span_end,
            sent_start,
            sent_end,
        ));
    }
    // An age, a duration, a distance or a year is not a count (`ذات 29 عاما`, `عام 204
    // للهجرة`).
    if !num.noun
        && (NOT_COUNTED_AFTER.contains(&bare(after_key))
            || NOT_COUNTED_BEFORE.contains(&bare(ctx.key(num.first.wrapping_sub(1)))))
    {
        return None;
    }
    // A year or a number in words without a trigger next to it is not a count.
    let mut before: Option<(usize, &'static str)> = None;
    let mut k = qstart;
    while k > first && qstart - k < TRIGGER_BEFORE {
        k -= 1;
        if ctx.is_punct(k) {
            break;
        }
        if let Some(t) = trigger_type(ctx.key(k)).or_else(|| killing_phrase_at(ctx, k)) {
            before = Some((qstart - k, t));
            span_start = k;
            break;
        }
    }
    let mut after: Option<(usize, &'static str, usize)> = None;
    let mut k = next;
    while k < end && k - num.last <= TRIGGER_AFTER {
        if ctx.is_punct(k) || ctx.is_number(k) {
            break;
        }
        if let Some(t) = trigger_type(ctx.key(k)) {
            // A protest noun is often the subject of another count (`26 متظاهرا قتلوا`):
            // keep looking for a stronger trigger.
            if after.is_none() || t != "PROTEST" {
                after = Some((k - num.last, t, k));
            }
            if t != "PROTEST" {
                break;
            }
        }
        k += 1;
    }
    let kind = match (before, after) {
        (Some((db, tb)), Some((da, ta, ka))) => {
            if da < db {
                span_start = qstart;
                span_end = ka;
                ta
            } else {
                tb
            }
        }
        (Some((_, t)), None) => t,
        (None, Some((_, t, ka))) => {
            span_end = ka;
            t
        }
        (None, None) => return None,
    };
    // A number in words needs its trigger next to it, or only the noun counted between
    // (`أربعة أشخاص قتلوا`).
    let noun_between = after.is_some_and(|(d, _, _)| d == 2 && is_people_noun(ctx.key(next)));
    if num.words && before.is_none() && after.is_some_and(|(d, _, _)| d > 1) && !noun_between {
        return None;
    }
    // The subject: the noun after the number (or after `من`), unless it is the trigger.
    let mut subject = num.noun.then(|| ctx.word(num.first).to_owned());
    let mut j = if num.noun { end } else { next };
    if matches!(ctx.key(j), "علي") && ctx.key(j + 1) == "الاقل" {
        j += 2;
    }
    if j < end
        && ctx.is_word(j)
        && trigger_type(ctx.key(j)).is_none_or(|t| t == "PROTEST" && kind != "PROTEST")
    {
        if ctx.key(j) == "من" {
            let mut last = j;
            let mut k = j + 1;
            while k < end && k <= j + 3 && ctx.is_word(k) && trigger_type(ctx.key(k)).is_none() {
                if matches!(ctx.key(k), "في" | "خلال" | "علي" | "الي" | "منذ" | "بعد")
                {
                    break;
                }
                last = k;
                k += 1;
            }
            if last > j {
                subject = Some(ctx.slice(j + 1, last).0.to_owned());
                span_end = span_end.max(last);
            }
        } else if !matches!(
            ctx.key(j),
            "في" | "خلال"
                | "علي"
                | "الي"
                | "منذ"
                | "بعد"
                | "قبل"
                | "عن"
                | "و"
                | "او"
                | "مع"
                | "بين"
                | "حتي"
        ) && !lex().is_complementizer(ctx.key(j))
            && !ctx.in_time(j)
        {
            subject = Some(ctx.word(j).to_owned());
            span_end = span_end.max(j);
        }
    }
    if subject.is_none() {
        subject = prev_subject.clone();
    } else {
        prev_subject.clone_from(&subject);
    }
    // `60 شخصا على الأقل`
    let mut qualifier = qualifier;
    if qualifier == "exact"
        && (next..(next + 3).min(end)).any(|k| ctx.key(k) == "علي" && ctx.key(k + 1) == "الاقل")
    {
        qualifier = "at_least";
    }
    Some(build(
        ctx, kind, num, qualifier, subject, None, span_start, span_end, sent_start, sent_end,
    ))
}

/// Nouns counted in casualty reports (keys without clitics and article).
fn is_people_noun(key: &str) -> bool {
    let b = bare(key);
    [
        "اشخاص",
        "شخصا",
        "شخص",
        "مدنيين",
        "مدنيا",
        "اطفال",
        "جنود",
        "جنديا",
        "عناصر",
        "رجال",
        "نساء",
        "مواطنين",
        "مواطنا",
        "فلسطينيين",
        "فلسطينيا",
        "افراد",
        "مسلحين",
        "اخرين",
        "اخرون",
        "اشخاصا",
        "ضحايا",
    ]
    .contains(&b)
}

#[allow(clippy::too_many_arguments)]
fn build(
    ctx: &FieldCtx,
    kind: &'static str,
    num: &NumberExpr,
    qualifier: &'static str,
    subject: Option<String>,
    unit: Option<String>,
    a: usize,
    b: usize,
    sent_start: usize,
    sent_end: usize,
) -> Fact {
    let (text, start, end) = ctx.slice(a.min(num.first), b.max(num.last));
    Fact {
        kind,
        count: num.value,
        count_max: num.max,
        qualifier,
        subject,
        unit,
        place: ctx.place_in(sent_start, sent_end, &[]),
        date: ctx.date_in(sent_start, sent_end),
        text: text.to_owned(),
        field: ctx.field,
        start,
        end,
    }
}
