//! The time tagger: every date, time and relative time expression in a text, with byte
//! offsets into the original and a normalized value.
//!
//! The tagger runs over [`marsad_text`] tokens and their keys. At each token it tries the
//! rules below, most specific first; the first that matches wins and the scan resumes after
//! it (leftmost, then most specific). Each rule looks at a bounded number of tokens, so
//! tagging is linear in the text.
//!
//! | rule | examples | value |
//! |---|---|---|
//! | Gregorian date | `السبت 8 يناير 2022 م`, `يناير 8، 2022`, `2022/1/8`, `08-01-2022`, `2022-01-08` | date |
//! | Hijri date | `25 شوال 1436 هـ`, `5 جمادى الآخرة 1443` | Gregorian date (Umm al-Qura) |
//! | day and month | `8 يناير` | date in the anchor's year (relative) |
//! | month | `يناير 2022`, `شهر مارس`, `مارس الماضي`, `رمضان 1436 هـ` | interval |
//! | year | `عام 2021`, `2021 م`, `1436 هـ` | interval |
//! | period | `الأسبوع الماضي`, `الشهر المقبل`, `العام الجاري`, `مطلع الشهر الجاري` | interval |
//! | offset | `منذ ثلاثة أيام`, `قبل يومين`, `بعد أسبوعين`, `قبل 3 أشهر` | date / interval |
//! | deictic day | `اليوم`, `أمس`, `أول أمس`, `غدا`, `بعد غد` | date |
//! | weekday | `الجمعة`, `الأحد الماضي`, `السبت المقبل` | date |
//! | clock | `11:47 ص`, `15:05`, `الساعة الثالثة عصرا`, `بتوقيت غرينتش` | time, or a datetime after a day |
//!
//! Weeks run Saturday to Friday. A bare weekday is the most recent such day on or before the
//! anchor, unless `المقبل`/`القادم` or a future-tense verb shortly before it (`سيعقد`, `ستبدأ`, `سوف`)
//! points forward, then it is the next such day after the anchor.

use std::fmt;

use jiff::ToSpan;
use jiff::civil::{Date, DateTime, Time};
use marsad_text::{Token, TokenKind};

use crate::hijri;
use crate::words::{self, DayPart, Dir, HijriHead, Part, Unit};

/// A normalized time value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// A calendar day: `2022-01-08`.
    Date(Date),
    /// A day and a clock time: `2022-01-08T11:47:00`.
    DateTime(DateTime),
    /// A clock time without a day: `11:47:00`.
    Time(Time),
    /// A closed range of days (a week, month or year): `2022-01-01/2022-01-31`.
    Interval(Date, Date),
}

/// ISO 8601.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Date(d) => write!(f, "{d}"),
            Value::DateTime(dt) => write!(f, "{}", dt.strftime("%Y-%m-%dT%H:%M:%S")),
            Value::Time(t) => write!(f, "{}", t.strftime("%H:%M:%S")),
            Value::Interval(a, b) => write!(f, "{a}/{b}"),
        }
    }
}

/// How fine a value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Granularity {
    Year,
    Month,
    Week,
    Day,
    Minute,
}

impl Granularity {
    /// The lowercase name used in output (`day`, `month`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Year => "year",
            Granularity::Month => "month",
            Granularity::Week => "week",
            Granularity::Day => "day",
            Granularity::Minute => "minute",
        }
    }
}

/// The calendar the text used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Calendar {
    Gregorian,
    Hijri,
}

impl Calendar {
    /// `gregorian` or `hijri`.
    pub fn as_str(self) -> &'static str {
        match self {
            Calendar::Gregorian => "gregorian",
            Calendar::Hijri => "hijri",
        }
    }
}

/// Why an expression that looks like a date has no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimeError {
    /// No such day: `30 فبراير`, month 13, Hijri day 31.
    ImpossibleDate,
    /// No such clock time: `25:00`, `13:00 ص`.
    InvalidTime,
    /// A year far outside news (Gregorian outside 1000–2200, Hijri outside 1000–1700).
    AbsurdYear,
    /// Date arithmetic left the supported range.
    OutOfRange,
}

impl TimeError {
    /// A short English description (`impossible date`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            TimeError::ImpossibleDate => "impossible date",
            TimeError::InvalidTime => "invalid time",
            TimeError::AbsurdYear => "absurd year",
            TimeError::OutOfRange => "out of range",
        }
    }
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One time expression found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeExpr {
    /// Byte offsets of the expression in the text given to [`tag`].
    pub start: usize,
    pub end: usize,
    /// The normalized value; `None` for errors and for relative expressions without anchor.
    pub value: Option<Value>,
    pub granularity: Granularity,
    pub calendar: Calendar,
    /// Whether the value depends on the anchor (publication date).
    pub relative: bool,
    /// Why there is no value, when the expression is not a possible date or time.
    pub error: Option<TimeError>,
}

/// Tags `text`, resolving relative expressions against `anchor` (the publication day).
///
/// ```
/// use jiff::civil::date;
/// use marsad_time::tag;
///
/// let text = "وصل الوفد الأحد الماضي وغادر السبت 8 يناير 2022";
/// let found = tag(text, Some(date(2022, 1, 8)));
/// let values: Vec<String> =
///     found.iter().map(|t| t.value.map(|v| v.to_string()).unwrap_or_default()).collect();
/// assert_eq!(values, ["2022-01-02", "2022-01-08"]);
/// assert_eq!(&text[found[0].start..found[0].end], "الأحد الماضي");
/// ```
pub fn tag(text: &str, anchor: Option<Date>) -> Vec<TimeExpr> {
    let tokens = marsad_text::tokenize(text);
    tag_tokens(text, &tokens, anchor)
}

/// [`tag`] over tokens already made by [`marsad_text::tokenize`] (offsets into `text`).
/// Tokens whose offsets do not fall inside `text` are ignored.
pub fn tag_tokens(text: &str, tokens: &[Token], anchor: Option<Date>) -> Vec<TimeExpr> {
    let mut keys = String::with_capacity(text.len() + 16);
    let mut ranges = Vec::with_capacity(tokens.len());
    for t in tokens {
        let Some(src) = text.get(t.start..t.end) else { continue };
        let kind = match t.kind {
            TokenKind::Number => Kind::Num,
            TokenKind::Arabic | TokenKind::Latin => Kind::Word,
            TokenKind::Punct | TokenKind::Symbol => Kind::Punct,
        };
        let from = keys.len();
        if kind == Kind::Punct {
            keys.push_str(src);
        } else {
            marsad_text::normalize_into(src, &mut keys);
        }
        ranges.push((t.start, t.end, kind, from, keys.len()));
    }
    let lx: Vec<Lx<'_>> = ranges
        .iter()
        .map(|&(start, end, kind, a, b)| Lx { start, end, kind, key: keys.get(a..b).unwrap_or("") })
        .collect();
    let p = Parser { lx: &lx, anchor };
    let mut out = Vec::new();
    let mut i = 0;
    while i < lx.len() {
        match p.at(i) {
            Some(hit) if hit.end > i => {
                let (start, end) = match (lx.get(i), lx.get(hit.end - 1)) {
                    (Some(a), Some(b)) => (a.start, b.end),
                    _ => break,
                };
                out.push(TimeExpr {
                    start,
                    end,
                    value: hit.value.as_ref().ok().copied().flatten(),
                    granularity: hit.gran,
                    calendar: hit.cal,
                    relative: hit.rel,
                    error: hit.value.err(),
                });
                i = hit.end;
            }
            _ => i += 1,
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Num,
    Word,
    Punct,
}

/// A token with its key (numbers: ASCII digits and inner separators; punctuation: itself).
#[derive(Clone, Copy, Debug)]
struct Lx<'k> {
    start: usize,
    end: usize,
    kind: Kind,
    key: &'k str,
}

/// What a rule found: tokens up to `end` (exclusive) and the value.
struct Hit {
    end: usize,
    value: Result<Option<Value>, TimeError>,
    gran: Granularity,
    cal: Calendar,
    rel: bool,
}

impl Hit {
    fn new(end: usize, value: Result<Option<Value>, TimeError>, gran: Granularity) -> Hit {
        Hit { end, value, gran, cal: Calendar::Gregorian, rel: false }
    }

    fn relative(mut self) -> Hit {
        self.rel = true;
        self
    }

    fn hijri(mut self) -> Hit {
        self.cal = Calendar::Hijri;
        self
    }
}

/// A clock time read from the text (hour already on the 24-hour clock when a day part said
/// so) and the token after it.
struct Clock {
    end: usize,
    time: Result<Time, TimeError>,
}

/// Separators allowed between parts of one expression.
const SEPS: &[&str] = &["،", ",", "-", "–", "—", "|", "/"];

/// Gregorian years outside this range are flagged as absurd.
const GREGORIAN_YEARS: std::ops::RangeInclusive<i64> = 1000..=2200;
/// Hijri years outside this range are flagged as absurd.
const HIJRI_YEARS: std::ops::RangeInclusive<i64> = 1000..=1700;
/// Numeric dates with a year in this range are Hijri even without `هـ` (no Gregorian news
/// date has such a year).
const HIJRI_NUMERIC_YEARS: std::ops::RangeInclusive<i64> = 1300..=1499;

struct Parser<'a, 'k> {
    lx: &'a [Lx<'k>],
    anchor: Option<Date>,
}

impl<'k> Parser<'_, 'k> {
    // ---- token helpers ----

    fn word(&self, i: usize) -> Option<&'k str> {
        self.lx.get(i).filter(|t| t.kind == Kind::Word).map(|t| t.key)
    }

    /// A plain number (digits only) of `min..=max` digits.
    fn num(&self, i: usize, min: usize, max: usize) -> Option<i64> {
        let t = self.lx.get(i).filter(|t| t.kind == Kind::Num)?;
        let k = t.key;
        if !(min..=max).contains(&k.len()) || !k.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        k.parse().ok()
    }

    /// A day of the month as written: one or two digits, or three with a leading zero
    /// (`011`, a typo seen in wire copy).
    fn day(&self, i: usize) -> Option<i64> {
        self.num(i, 1, 2).or_else(|| {
            let t = self.lx.get(i)?;
            if t.key.len() == 3 && t.key.starts_with('0') { self.num(i, 3, 3) } else { None }
        })
    }

    fn is_punct(&self, i: usize, set: &[&str]) -> bool {
        self.lx.get(i).is_some_and(|t| t.kind == Kind::Punct && set.contains(&t.key))
    }

    /// Skips one separator, if there is one.
    fn sep(&self, i: usize) -> usize {
        if self.is_punct(i, SEPS) { i + 1 } else { i }
    }

    // ---- the rules ----

    /// The expression starting at token `i`, if any.
    fn at(&self, i: usize) -> Option<Hit> {
        let t = self.lx.get(i)?;
        if t.kind == Kind::Punct {
            return None;
        }
        let hit = self
            .date(i)
            .or_else(|| self.period(i))
            .or_else(|| self.part_of_named(i))
            .or_else(|| self.month(i))
            .or_else(|| self.year(i))
            .or_else(|| self.offset(i))
            .or_else(|| self.deictic(i))
            .or_else(|| self.weekday(i));
        match hit {
            Some(hit) => Some(self.with_clock(hit)),
            None => self.clock(i).map(|c| {
                Hit::new(c.end, c.time.map(|t| Some(Value::Time(t))), Granularity::Minute)
            }),
        }
    }

    /// A day (date granularity) followed by a clock time becomes a datetime.
    fn with_clock(&self, hit: Hit) -> Hit {
        let Ok(Some(Value::Date(day))) = hit.value else { return hit };
        if hit.gran != Granularity::Day {
            return hit;
        }
        let mut j = self.sep(hit.end);
        if self.word(j).is_some_and(|w| matches!(w, "في" | "على")) {
            j += 1;
        }
        let Some(clock) = self.clock(j) else { return hit };
        let value = clock.time.map(|t| Some(Value::DateTime(day.to_datetime(t))));
        Hit { end: clock.end, value, gran: Granularity::Minute, ..hit }
    }

    /// An optional `[يوم] weekday [،]` before a date; returns where the date would start.
    fn weekday_prefix(&self, i: usize) -> usize {
        let mut j = i;
        if self.word(j).is_some_and(|w| words::strip_conj(w) == "يوم") {
            j += 1;
        }
        if self.word(j).and_then(words::weekday).is_some() { self.sep(j + 1) } else { i }
    }

    /// Gregorian and Hijri dates with day, month and year (or day and month).
    fn date(&self, i: usize) -> Option<Hit> {
        let j = self.weekday_prefix(i);
        self.numeric_date(j)
            .or_else(|| self.day_month_year(j))
            .or_else(|| self.month_day_year(j))
            .or_else(|| self.hijri_date(j))
    }

    /// `2022/1/8`, `8/1/2022`, `8.1.2022` (one number token), `2022-01-08`, `08-01-2022`,
    /// `15 / 8 / 1436` (separate tokens). A year in 1300–1499 or a `هـ` after it makes the
    /// date Hijri (`2-10-1436هـ`, `1431/5/18`).
    fn numeric_date(&self, i: usize) -> Option<Hit> {
        let t = self.lx.get(i).filter(|t| t.kind == Kind::Num)?;
        let (parts, end) = if t.key.contains(['/', '.']) {
            let mut parts = t.key.split(['/', '.']);
            let a = parts.next()?;
            let b = parts.next()?;
            let c = parts.next()?;
            if parts.next().is_some() {
                return None;
            }
            ([a, b, c], i + 1)
        } else {
            let a = t.key;
            let sep = self.lx.get(i + 1).filter(|t| t.kind == Kind::Punct)?.key;
            if !matches!(sep, "-" | "/") || !self.is_punct(i + 3, &[sep]) {
                return None;
            }
            let b = self.lx.get(i + 2).filter(|t| t.kind == Kind::Num)?.key;
            let c = self.lx.get(i + 4).filter(|t| t.kind == Kind::Num)?.key;
            ([a, b, c], i + 5)
        };
        if !parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let n = |s: &str| s.parse::<i64>().ok();
        let [a, b, c] = parts;
        let (y, m, d) = match parts.map(str::len) {
            [4, 1..=2, 1..=2] => (n(a)?, n(b)?, n(c)?),
            [1..=2, 1..=2, 4] => (n(c)?, n(b)?, n(a)?),
            _ => return None,
        };
        if let Some(end) = self.hijri_era(end).or(HIJRI_NUMERIC_YEARS.contains(&y).then_some(end)) {
            return Some(Hit::new(end, hijri_day(y, m, d), Granularity::Day).hijri());
        }
        let end = self.era(end).unwrap_or(end);
        Some(Hit::new(end, gregorian(y, m, d).map(|d| Some(Value::Date(d))), Granularity::Day))
    }

    /// An optional era marker `م`/`ميلادي` after a Gregorian year; the index after it.
    fn era(&self, i: usize) -> Option<usize> {
        self.word(i).filter(|w| crate::names::is_gregorian_era(w)).map(|_| i + 1)
    }

    /// A Gregorian month name at `i` (one word, or `كانون الثاني`), with an optional
    /// alternative in parentheses or after `/` (`كانون الثاني (يناير)`).
    fn month_name(&self, i: usize) -> Option<(i8, usize)> {
        let w = self.word(i)?;
        let (m, mut j) = if let Some(m) = words::month_word(w) {
            (m, i + 1)
        } else if words::is_levant_first(w) {
            let second = self.word(i + 1)?;
            (crate::names::two_word_month(words::strip_conj(w), second)?, i + 2)
        } else {
            return None;
        };
        // `(يناير)` or `/ يناير` naming the same month in another system.
        if self.is_punct(j, &["("]) {
            if let Some((_, k)) = self.month_name_plain(j + 1)
                && self.is_punct(k, &[")"])
            {
                j = k + 1;
            }
        } else if self.is_punct(j, &["/", "-"])
            && let Some((_, k)) = self.month_name_plain(j + 1)
        {
            j = k;
        }
        Some((m, j))
    }

    fn month_name_plain(&self, i: usize) -> Option<(i8, usize)> {
        let w = self.word(i)?;
        if let Some(m) = words::month_word(w) {
            return Some((m, i + 1));
        }
        let second = self.word(i + 1)?;
        Some((crate::names::two_word_month(w, second)?, i + 2))
    }

    /// A day before a month name: `8`, `8 من [شهر]`, `الثامن من`, `الحادي والعشرين من`;
    /// the day and the index of the month name.
    fn day_before_month(&self, i: usize) -> Option<(i64, usize)> {
        let (d, mut j, ordinal) = if let Some(d) = self.day(i) {
            (d, i + 1, false)
        } else {
            let (d, j) = self.ordinal_day(i)?;
            (d, j, true)
        };
        let has_min = self.word(j).is_some_and(|w| w == "من");
        if has_min {
            j += 1;
            if self.word(j).is_some_and(|w| w == "شهر") {
                j += 1;
            }
        } else if ordinal {
            // `الثاني` alone is too common a word; an ordinal day needs `من`.
            return None;
        }
        Some((d, j))
    }

    /// An ordinal day (`الاول` … `الحادي والثلاثين`) at `i`; the day and the index after it.
    fn ordinal_day(&self, i: usize) -> Option<(i64, usize)> {
        let unit = words::ordinal(self.word(i)?)?;
        match self.word(i + 1) {
            Some("عشر") if (1..=9).contains(&unit) => Some((unit + 10, i + 2)),
            Some("والعشرين") if (1..=9).contains(&unit) => Some((unit + 20, i + 2)),
            Some("والثلاثين") if unit == 1 => Some((31, i + 2)),
            _ => Some((unit, i + 1)),
        }
    }

    /// A year after a month: `2022`, `، 2022`, `عام 2022`, `من عام 2001`, `من العام 2001`;
    /// the year and the index after it (and its era marker).
    fn year_after_month(&self, j: usize) -> Option<(i64, usize)> {
        let mut k = self.sep(j);
        if self.word(k).is_some_and(|w| w == "من") {
            k += 1;
        }
        if self.word(k).is_some_and(|w| matches!(words::core(w).0, "عام" | "سنه")) {
            k += 1;
        }
        let y = self.num(k, 4, 4)?;
        Some((y, self.era(k + 1).unwrap_or(k + 1)))
    }

    /// `8 يناير 2022 [م]`, `14 أبريل من عام 2001`, `الثالث من أبريل 2018`, or without a
    /// year: `8 يناير` (the anchor's year), `24 يوليو الماضي`, `17 يونيو المقبل`.
    fn day_month_year(&self, i: usize) -> Option<Hit> {
        let (d, mi) = self.day_before_month(i)?;
        let (m, j) = self.month_name(mi)?;
        if let Some((y, end)) = self.year_after_month(j) {
            let value = gregorian(y, i64::from(m), d).map(|d| Some(Value::Date(d)));
            return Some(Hit::new(end, value, Granularity::Day));
        }
        let dir = self.word(j).and_then(words::qualifier);
        let end = if dir.is_some() { j + 1 } else { j };
        let m = i64::from(m);
        let value = match self.anchor {
            Some(a) => {
                let ay = i64::from(a.year());
                let this = (i64::from(a.month()), i64::from(a.day()));
                let y = match dir {
                    Some(Dir::Past) if (m, d) >= this => ay - 1,
                    Some(Dir::Next) if (m, d) <= this => ay + 1,
                    _ => ay,
                };
                gregorian(y, m, d).map(|d| Some(Value::Date(d)))
            }
            // Still report impossible days without an anchor (a leap year allows 29 Feb).
            None => gregorian(2000, m, d).map(|_| None),
        };
        Some(Hit::new(end, value, Granularity::Day).relative())
    }

    /// `يناير 8، 2022`.
    fn month_day_year(&self, i: usize) -> Option<Hit> {
        let (m, j) = self.month_name(i)?;
        let d = self.num(j, 1, 2)?;
        let k = self.sep(j + 1);
        let y = self.num(k, 4, 4)?;
        let end = self.era(k + 1).unwrap_or(k + 1);
        Some(Hit::new(
            end,
            gregorian(y, i64::from(m), d).map(|d| Some(Value::Date(d))),
            Granularity::Day,
        ))
    }

    /// A Hijri month name at `i` (`شوال`, `ربيع الأول`, `جمادى الآخرة`, `ذو الحجة`).
    fn hijri_month(&self, i: usize) -> Option<(u8, usize)> {
        let head = words::hijri_head(self.word(i)?)?;
        let second = self.word(i + 1);
        match head {
            HijriHead::Month(m) => Some((m, i + 1)),
            HijriHead::Rabi => match second? {
                s if words::is_first(s) => Some((3, i + 2)),
                s if words::is_second(s) => Some((4, i + 2)),
                _ => None,
            },
            HijriHead::Jumada => match second? {
                s if words::is_first(s) => Some((5, i + 2)),
                s if words::is_second(s) => Some((6, i + 2)),
                _ => None,
            },
            HijriHead::Dhu => match second? {
                "القعده" | "قعده" => Some((11, i + 2)),
                "الحجه" | "حجه" => Some((12, i + 2)),
                _ => None,
            },
        }
    }

    /// An optional Hijri era marker; the index after it.
    fn hijri_era(&self, i: usize) -> Option<usize> {
        self.word(i).filter(|w| words::is_hijri_era(w)).map(|_| i + 1)
    }

    /// `25 شوال 1436 [هـ]`, or `25 شوال` (unresolved: the anchor's Hijri year is not guessed).
    fn hijri_date(&self, i: usize) -> Option<Hit> {
        let d = self.day(i)?;
        let (m, j) = self.hijri_month(i + 1)?;
        let k = self.sep(j);
        if let Some(y) = self.num(k, 3, 4) {
            let end = self.hijri_era(k + 1).unwrap_or(k + 1);
            let value = hijri_day(y, i64::from(m), d);
            return Some(Hit::new(end, value, Granularity::Day).hijri());
        }
        let value = if (1..=30).contains(&d) { Ok(None) } else { Err(TimeError::ImpossibleDate) };
        Some(Hit::new(j, value, Granularity::Day).hijri().relative())
    }

    /// Months without a day: `يناير 2022`, `رمضان 1436 هـ`, `شهر مارس`, `مارس الماضي`.
    fn month(&self, i: usize) -> Option<Hit> {
        let (named, start) = match self.word(i) {
            Some(w) if words::core(w).0 == "شهر" => (true, i + 1),
            _ => (false, i),
        };
        if let Some((m, j)) = self.hijri_month(start) {
            let k = self.sep(j);
            let y = self.num(k, 3, 4)?;
            let era = self.hijri_era(k + 1);
            if era.is_none() && !named {
                return None;
            }
            let end = era.unwrap_or(k + 1);
            let value = if !HIJRI_YEARS.contains(&y) {
                Err(TimeError::AbsurdYear)
            } else {
                i32::try_from(y)
                    .ok()
                    .and_then(|y| hijri::month_span(y, m))
                    .map(|(a, b)| Some(Value::Interval(a, b)))
                    .ok_or(TimeError::OutOfRange)
            };
            return Some(Hit::new(end, value, Granularity::Month).hijri());
        }
        let (m, j) = self.month_name(start)?;
        if let Some((y, end)) = self.year_after_month(j) {
            return Some(Hit::new(end, month_interval(y, i64::from(m)), Granularity::Month));
        }
        let dir = self.word(j).and_then(words::qualifier);
        let ambiguous = self.word(start).is_some_and(|w| matches!(w, "اب" | "ماي" | "مارس"));
        // A bare month after a preposition (`في فبراير`, `منذ يونيو`): the most recent such
        // month, or the next one when a future-tense verb is near.
        let after_preposition =
            i.checked_sub(1).and_then(|p| self.word(p)).is_some_and(words::is_time_preposition);
        let (dir, end) = match dir {
            Some(dir) => (dir, j + 1),
            None if named => (Dir::This, j),
            None if after_preposition && !matches!(self.word(start), Some("اب" | "ماي")) => {
                (if self.future_near(i, j) { Dir::Upcoming } else { Dir::Recent }, j)
            }
            None => return None,
        };
        if ambiguous && !named && dir == Dir::This {
            return None;
        }
        let value = match self.anchor {
            None => Ok(None),
            Some(a) => {
                let (ay, am) = (i64::from(a.year()), i64::from(a.month()));
                let m = i64::from(m);
                let y = match dir {
                    Dir::This => ay,
                    Dir::Past if m < am => ay,
                    Dir::Past => ay - 1,
                    Dir::Next if m > am => ay,
                    Dir::Next => ay + 1,
                    Dir::Recent if m <= am => ay,
                    Dir::Recent => ay - 1,
                    Dir::Upcoming if m >= am => ay,
                    Dir::Upcoming => ay + 1,
                };
                month_interval(y, m)
            }
        };
        Some(Hit::new(end, value, Granularity::Month).relative())
    }

    /// `عام 2021`, `العام 2021 م`, `سنة 1436 هـ`, `2021 م`, `1436 هـ`.
    fn year(&self, i: usize) -> Option<Hit> {
        let (j, named) = match self.word(i) {
            Some(w) if matches!(words::core(w).0, "عام" | "سنه" | "عامي") => {
                (i + 1, true)
            }
            _ => (i, false),
        };
        let y = self.num(j, 4, 4)?;
        let (hijri_era, greg_era) = (self.hijri_era(j + 1), self.era(j + 1));
        if let Some(end) = hijri_era {
            let value = if !HIJRI_YEARS.contains(&y) {
                Err(TimeError::AbsurdYear)
            } else {
                i32::try_from(y)
                    .ok()
                    .and_then(hijri::year_span)
                    .map(|(a, b)| Some(Value::Interval(a, b)))
                    .ok_or(TimeError::OutOfRange)
            };
            return Some(Hit::new(end, value, Granularity::Year).hijri());
        }
        if !named && greg_era.is_none() && !self.bare_year_context(i, y) {
            return None;
        }
        let end = greg_era.unwrap_or(j + 1);
        Some(Hit::new(end, year_interval(y), Granularity::Year))
    }

    /// Whether a bare number at `i` reads as a year: 1900–2100 after `في`, `منذ`, `حتى`, …
    /// (`في 2013`, `منذ 2014`), or after `و` that follows a year (`بين 2002 و2004`).
    fn bare_year_context(&self, i: usize, y: i64) -> bool {
        if !(1900..=2100).contains(&y) {
            return false;
        }
        let prev = i.checked_sub(1).and_then(|p| self.word(p));
        if prev.is_some_and(words::is_time_preposition) {
            return true;
        }
        prev == Some("و") && i.checked_sub(2).and_then(|p| self.num(p, 4, 4)).is_some()
    }

    /// `مطلع 2018`, `أواخر عام 2014`, `بداية العام 2012`, `أواخر مايو`: part of a month or
    /// year named after it (early, middle and late thirds).
    fn part_of_named(&self, i: usize) -> Option<Hit> {
        let part = words::part(self.word(i)?)?;
        let next = i + 1;
        // `مطلع الشهر الجاري` and friends are periods; leave them to that rule.
        let hit = self.year_named_or_bare(next).or_else(|| self.month_after_part(next))?;
        let value = hit.value.map(|v| match v {
            Some(Value::Interval(a, b)) => {
                let (a, b) = part_of(a, b, Some(part));
                Some(Value::Interval(a, b))
            }
            other => other,
        });
        Some(Hit { value, ..hit })
    }

    /// A year after a part word: `2018`, `عام 2014`, `العام 2012`.
    fn year_named_or_bare(&self, i: usize) -> Option<Hit> {
        if let Some(hit) = self.year(i) {
            return Some(hit);
        }
        let y = self.num(i, 4, 4).filter(|y| (1900..=2100).contains(y))?;
        let end = self.era(i + 1).unwrap_or(i + 1);
        Some(Hit::new(end, year_interval(y), Granularity::Year))
    }

    /// A month after a part word: with a year (`أواخر مايو 2018`), a qualifier, or bare (the
    /// most recent such month, or the next one with a future verb near).
    fn month_after_part(&self, i: usize) -> Option<Hit> {
        let (m, j) = self.month_name(i)?;
        if self.word(i).is_some_and(|w| matches!(w, "اب" | "ماي")) {
            return None;
        }
        if let Some((y, end)) = self.year_after_month(j) {
            return Some(Hit::new(end, month_interval(y, i64::from(m)), Granularity::Month));
        }
        let (dir, end) = match self.word(j).and_then(words::qualifier) {
            Some(dir) => (dir, j + 1),
            None if self.future_near(i, j) => (Dir::Upcoming, j),
            None => (Dir::Recent, j),
        };
        let value = match self.anchor {
            None => Ok(None),
            Some(a) => {
                let (ay, am, m) = (i64::from(a.year()), i64::from(a.month()), i64::from(m));
                let y = match dir {
                    Dir::This => ay,
                    Dir::Past | Dir::Recent if m < am || (dir == Dir::Recent && m == am) => ay,
                    Dir::Past | Dir::Recent => ay - 1,
                    _ if m > am || (dir == Dir::Upcoming && m == am) => ay,
                    _ => ay + 1,
                };
                month_interval(y, m)
            }
        };
        Some(Hit::new(end, value, Granularity::Month).relative())
    }

    /// `الأسبوع الماضي`, `الشهر المقبل`, `العام الجاري`, `هذا العام`, `مطلع الشهر الجاري`.
    fn period(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        let part = self.word(j).and_then(words::part);
        if part.is_some() {
            j += 1;
        }
        let this = self.word(j).is_some_and(|w| matches!(words::strip_conj(w), "هذا" | "هذه"));
        if this {
            j += 1;
        }
        let (noun, definite) = words::core(self.word(j)?);
        let unit = match noun {
            "اسبوع" => Unit::Week,
            "شهر" => Unit::Month,
            "عام" | "سنه" => Unit::Year,
            _ => return None,
        };
        if !definite {
            return None;
        }
        j += 1;
        // `بداية العام 2012`, `العام 2021`: a named year, not a period around the anchor.
        if self.num(j, 4, 4).is_some() {
            return None;
        }
        // `الأسبوع قبل الماضي`: the one before last.
        let before_last = self.word(j) == Some("قبل")
            && self.word(j + 1).and_then(words::qualifier) == Some(Dir::Past);
        if before_last {
            j += 1;
        }
        let dir = match self.word(j).and_then(words::qualifier) {
            Some(dir) => {
                j += 1;
                dir
            }
            // `نهاية الأسبوع` is the weekend of some week, not this week's end.
            None if this || (part.is_some() && unit != Unit::Week) => Dir::This,
            None => return None,
        };
        let step = match dir {
            Dir::Past if before_last => -2,
            Dir::Past => -1,
            Dir::This | Dir::Recent | Dir::Upcoming => 0,
            Dir::Next => 1,
        };
        let value = match self.anchor {
            None => Ok(None),
            Some(a) => {
                let span = match unit {
                    Unit::Week => week_of(a, step),
                    Unit::Month => {
                        let total = i64::from(a.year()) * 12 + i64::from(a.month()) - 1 + step;
                        month_bounds(total.div_euclid(12), total.rem_euclid(12) + 1)
                    }
                    _ => year_bounds(i64::from(a.year()) + step),
                };
                span.map(|(s, e)| part_of(s, e, part)).map(|(s, e)| Some(Value::Interval(s, e)))
            }
        };
        let gran = match unit {
            Unit::Week => Granularity::Week,
            Unit::Month => Granularity::Month,
            _ => Granularity::Year,
        };
        Some(Hit::new(j, value, gran).relative())
    }

    /// `منذ ثلاثة أيام`, `قبل يومين`, `بعد أسبوعين`, `قبل 3 أشهر`.
    fn offset(&self, i: usize) -> Option<Hit> {
        let sign: i64 = match words::strip_conj(self.word(i)?) {
            "منذ" | "قبل" => -1,
            "بعد" => 1,
            _ => return None,
        };
        let mut j = i + 1;
        // `منذ نحو الـ 28 عاما`: approximations and the article before a number.
        while self.word(j).is_some_and(|w| matches!(w, "نحو" | "حوالي" | "قرابه" | "زهاء" | "ال"))
        {
            j += 1;
        }
        let (unit, count) = if let Some((unit, Some(n))) = self.word(j).and_then(words::unit_word) {
            // A lone unit (`قبل شهر`) but not `قبل شهر رمضان`, `بعد عام 2011`, `قبل يوم الجمعة`.
            let next = self.lx.get(j + 1);
            let blocks = next.is_some_and(|t| {
                t.kind == Kind::Num
                    || (t.kind == Kind::Word
                        && (t.key.starts_with("ال")
                            || words::month_word(t.key).is_some()
                            || words::hijri_head(t.key).is_some()))
            });
            if blocks {
                return None;
            }
            j += 1;
            (unit, i64::from(n))
        } else {
            let n = match self.num(j, 1, 3) {
                Some(n) => n,
                None => i64::from(words::number_word(self.word(j)?)?),
            };
            j += 1;
            let (unit, _) = words::unit_word(self.word(j)?)?;
            j += 1;
            (unit, n)
        };
        // `بعد 5 سنوات من المشاركة`, `قبل أسبوع من الانتخابات`: counted from another event,
        // not from the publication day.
        let from_event = self.word(j).is_some_and(|w| matches!(w, "من" | "على"));
        if from_event && (sign > 0 || words::strip_conj(self.word(i).unwrap_or("")) == "قبل") {
            return None;
        }
        let delta = sign * count;
        let value = match self.anchor {
            None => Ok(None),
            Some(a) => match unit {
                Unit::Day => add_days(a, delta).map(|d| Some(Value::Date(d))),
                Unit::Week => add_days(a, delta * 7).map(|d| Some(Value::Date(d))),
                Unit::Month => {
                    let total = i64::from(a.year()) * 12 + i64::from(a.month()) - 1 + delta;
                    month_interval(total.div_euclid(12), total.rem_euclid(12) + 1)
                }
                Unit::Year => year_interval(i64::from(a.year()) + delta),
            },
        };
        let gran = match unit {
            Unit::Day => Granularity::Day,
            Unit::Week => Granularity::Week,
            Unit::Month => Granularity::Month,
            Unit::Year => Granularity::Year,
        };
        Some(Hit::new(j, value, gran).relative())
    }

    /// `اليوم`, `أمس`, `أول أمس`, `أمس الأول`, `غدا`, `بعد غد`, each optionally followed by
    /// the weekday it is (`أمس الجمعة`).
    fn deictic(&self, i: usize) -> Option<Hit> {
        let w = words::strip_conj(self.word(i)?);
        let next = self.word(i + 1);
        let (days, mut j) = match w {
            "اليوم" => {
                // `في اليوم نفسه`, `اليوم التالي`, `اليوم الوطني` are not today.
                if let Some(n) = next
                    && (matches!(n, "نفسه" | "ذاته" | "الذي" | "التي")
                        || (n.starts_with("ال") && words::weekday(n).is_none()))
                {
                    return None;
                }
                // `21 ساعة في اليوم`: per day.
                let per_day = i.checked_sub(1).and_then(|p| self.word(p)) == Some("في")
                    && i.checked_sub(2).and_then(|p| self.word(p)).is_some_and(|w| {
                        matches!(w, "ساعه" | "ساعات" | "مره" | "مرات" | "مرتين" | "وجبات")
                    });
                if per_day {
                    return None;
                }
                (0, i + 1)
            }
            "امس" | "الامس" | "بالامس" => match next {
                Some("الاول") => (-2, i + 2),
                _ => (-1, i + 1),
            },
            "اول" => match (next, self.word(i + 2)) {
                (Some("امس"), _) => (-2, i + 2),
                (Some("من"), Some("امس")) => (-2, i + 3),
                _ => return None,
            },
            "غدا" => (1, i + 1),
            "بعد" => match next {
                Some("غد" | "الغد" | "غدا") => (2, i + 2),
                _ => return None,
            },
            _ => return None,
        };
        if self.word(j).and_then(words::weekday).is_some() {
            j += 1;
        }
        let value = match self.anchor {
            None => Ok(None),
            Some(a) => add_days(a, days).map(|d| Some(Value::Date(d))),
        };
        Some(Hit::new(j, value, Granularity::Day).relative())
    }

    /// `الجمعة`, `يوم الأحد الماضي`, `السبت المقبل`.
    fn weekday(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        if self.word(j).is_some_and(|w| words::strip_conj(w) == "يوم") {
            j += 1;
        }
        let wd = words::weekday(self.word(j)?)?;
        j += 1;
        // `للجمعة الرابعة` (the fourth Friday) counts Fridays; it names no day.
        if self.word(j).is_some_and(words::is_feminine_ordinal) {
            return None;
        }
        let dir = match self.word(j).and_then(words::qualifier) {
            Some(d @ (Dir::Past | Dir::Next)) => {
                j += 1;
                Some(d)
            }
            _ => None,
        };
        let future = dir == Some(Dir::Next) || (dir.is_none() && self.future_near(i, j));
        let value = match self.anchor {
            None => Ok(None),
            Some(a) => {
                let have = i64::from(a.weekday().to_monday_zero_offset());
                let want = i64::from(wd);
                let back = (have - want).rem_euclid(7);
                let delta = if future {
                    let fwd = (want - have).rem_euclid(7);
                    if fwd == 0 { 7 } else { fwd }
                } else if dir == Some(Dir::Past) && back == 0 {
                    -7
                } else {
                    -back
                };
                add_days(a, delta).map(|d| Some(Value::Date(d)))
            }
        };
        Some(Hit::new(j, value, Granularity::Day).relative())
    }

    /// Whether a future-tense verb sits within a few words before `i` (`ستعقد القمة يوم
    /// الخميس`). Verbs after the expression mostly belong to reported speech (`أعلن يوم
    /// الاثنين أن الفريق سيفتقد …`), so they are not looked at.
    fn future_near(&self, i: usize, _end: usize) -> bool {
        (i.saturating_sub(6)..i).any(|k| {
            let t = self.lx.get(k);
            t.is_some_and(|t| t.kind == Kind::Word && words::is_future_verb(t.key))
        })
    }

    /// A clock time: `11:47 ص`, `15:05`, `21:40:15`, `الساعة 10 صباحا`, `الساعة الثالثة
    /// عصرا`, with an optional zone after it (`بتوقيت غرينتش`, `GMT+3`).
    fn clock(&self, i: usize) -> Option<Clock> {
        let mut j = i;
        let named = self.word(j).is_some_and(|w| matches!(words::core(w).0, "ساعه"));
        if named {
            j += 1;
        }
        let t = self.lx.get(j)?;
        let (h, m, s, mut end) = if t.kind == Kind::Num && t.key.contains(':') {
            let mut parts = t.key.split(':');
            let h = parts.next()?;
            let m = parts.next()?;
            let s = parts.next();
            if parts.next().is_some()
                || !(1..=2).contains(&h.len())
                || m.len() != 2
                || s.is_some_and(|s| s.len() != 2)
            {
                return None;
            }
            let s = match s {
                Some(s) => s.parse::<u32>().ok()?,
                None => 0,
            };
            (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?, s, j + 1)
        } else if named {
            if let Some(h) = self.num(j, 1, 2) {
                // `الساعة 10` needs a day part after it to be a time.
                self.word(j + 1).and_then(words::day_part)?;
                (u32::try_from(h).ok()?, 0, 0, j + 1)
            } else {
                let mut h = words::hour_word(self.word(j)?)?;
                let mut k = j + 1;
                if self.word(k).is_some_and(|w| matches!(w, "عشره" | "عشر")) {
                    if h == 2 {
                        h = 12;
                    }
                    k += 1;
                } else if h == 11 {
                    return None;
                }
                let mut m = 0;
                match self.word(k) {
                    Some("والنصف") => {
                        m = 30;
                        k += 1;
                    }
                    Some("والربع") => {
                        m = 15;
                        k += 1;
                    }
                    _ => {}
                }
                (h, m, 0, k)
            }
        } else {
            return None;
        };
        let part = self.word(end).and_then(words::day_part);
        if part.is_some() {
            end += 1;
        }
        end = self.zone(end);
        let hour = match part {
            None => Some(h),
            Some(_) if h == 0 || h > 12 => None,
            Some(DayPart::Morning) => Some(if h == 12 { 0 } else { h }),
            Some(DayPart::Noon) => Some(if h <= 5 { h + 12 } else { h }),
            Some(DayPart::Afternoon | DayPart::Evening) => Some(if h < 12 { h + 12 } else { h }),
            Some(DayPart::Night) => Some(match h {
                12 => 0,
                6..=11 => h + 12,
                _ => h,
            }),
        };
        let time = hour
            .filter(|&h| h < 24 && m < 60 && s < 60)
            .and_then(|h| {
                Time::new(i8::try_from(h).ok()?, i8::try_from(m).ok()?, i8::try_from(s).ok()?, 0)
                    .ok()
            })
            .ok_or(TimeError::InvalidTime);
        Some(Clock { end, time })
    }

    /// An optional zone after a time; the index after it.
    fn zone(&self, i: usize) -> usize {
        match self.word(i) {
            Some("بتوقيت") => {
                let mut j = i + 1;
                while j < i + 3 && self.word(j).is_some_and(words::is_zone_word) {
                    j += 1;
                }
                if j == i + 1 { i } else { j }
            }
            Some("gmt" | "utc") => {
                if self.is_punct(i + 1, &["+", "-"]) && self.num(i + 2, 1, 2).is_some() {
                    i + 3
                } else {
                    i + 1
                }
            }
            _ => i,
        }
    }
}

// ---- calendar arithmetic ----

/// A checked Hijri day converted to Gregorian: absurd years and impossible days are errors.
fn hijri_day(y: i64, m: i64, d: i64) -> Result<Option<Value>, TimeError> {
    if !HIJRI_YEARS.contains(&y) {
        return Err(TimeError::AbsurdYear);
    }
    match (i32::try_from(y), u8::try_from(m), u8::try_from(d)) {
        (Ok(y), Ok(m), Ok(d)) => hijri::to_gregorian(y, m, d)
            .map(|d| Some(Value::Date(d)))
            .ok_or(TimeError::ImpossibleDate),
        _ => Err(TimeError::ImpossibleDate),
    }
}

/// A checked Gregorian date: absurd years and impossible days are errors.
fn gregorian(y: i64, m: i64, d: i64) -> Result<Date, TimeError> {
    if !GREGORIAN_YEARS.contains(&y) {
        return Err(TimeError::AbsurdYear);
    }
    let (Ok(y), Ok(m), Ok(d)) = (i16::try_from(y), i8::try_from(m), i8::try_from(d)) else {
        return Err(TimeError::ImpossibleDate);
    };
    Date::new(y, m, d).map_err(|_| TimeError::ImpossibleDate)
}

fn month_bounds(y: i64, m: i64) -> Result<(Date, Date), TimeError> {
    let first = gregorian(y, m, 1)?;
    Ok((first, first.last_of_month()))
}

fn month_interval(y: i64, m: i64) -> Result<Option<Value>, TimeError> {
    month_bounds(y, m).map(|(a, b)| Some(Value::Interval(a, b)))
}

fn year_bounds(y: i64) -> Result<(Date, Date), TimeError> {
    Ok((gregorian(y, 1, 1)?, gregorian(y, 12, 31)?))
}

fn year_interval(y: i64) -> Result<Option<Value>, TimeError> {
    year_bounds(y).map(|(a, b)| Some(Value::Interval(a, b)))
}

fn add_days(d: Date, n: i64) -> Result<Date, TimeError> {
    d.checked_add(n.days()).map_err(|_| TimeError::OutOfRange)
}

/// The Saturday–Friday week `step` weeks from the one holding `d`.
fn week_of(d: Date, step: i64) -> Result<(Date, Date), TimeError> {
    // Monday-zero offset of Saturday is 5.
    let since_saturday = (i64::from(d.weekday().to_monday_zero_offset()) - 5).rem_euclid(7);
    let start = add_days(d, step * 7 - since_saturday)?;
    Ok((start, add_days(start, 6)?))
}

/// The early, middle or late third of a span (or the whole span).
fn part_of(start: Date, end: Date, part: Option<Part>) -> (Date, Date) {
    let Some(part) = part else { return (start, end) };
    let days = i64::from((end - start).get_days()) + 1;
    let third = (days / 3).max(1);
    let at = |n: i64| add_days(start, n).unwrap_or(start);
    match part {
        Part::Early => (start, at(third - 1)),
        Part::Mid => (at(third), at(2 * third - 1)),
        Part::Late => (at(2 * third), end),
    }
}
