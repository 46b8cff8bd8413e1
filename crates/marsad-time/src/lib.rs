//! Dates and times in Arabic news: the dateline under a headline, and every time expression
//! in a text.
//!
//! [`tag`] finds dates, times and relative expressions (`الأحد الماضي`, `منذ ثلاثة أيام`,
//! `25 شوال 1436 هـ`) with byte offsets into the original text and ISO values, anchored on
//! the publication day; see [`tagger`](crate::tag) for the rules.
//!
//! [`parse_dateline`] reads lines such as `السبت 8 يناير 2022 11:47 ص` into a
//! [`jiff::civil::DateTime`] (the local time of the outlet; datelines name no zone), and
//! [`is_dateline`] tells whether a whole line is such a dateline.
//!
//! What is understood:
//! - day, month name and year, with or without a weekday before them (`السبت، 8 يناير 2022`),
//!   and month-first (`يناير 8، 2022`);
//! - month names of Egypt and the Gulf (`يناير`), the Levant (`كانون الثاني`), the Maghreb
//!   (`جانفي`) and Morocco (`دجنبر`), in any spelling with the same normalization key
//!   ([`marsad_text::normalize()`]), so `أبريل`/`ابريل` and `آذار`/`اذار` both work;
//! - numeric dates `2022-01-08` (year first) and `08/01/2022` (day first);
//! - an optional time `hh:mm[:ss]` before or after the date, with `ص` (before noon) or `م`
//!   (after noon): `11:47 ص` → 11:47, `3:05 م` → 15:05, `12:30 ص` → 00:30; no time is
//!   midnight;
//! - Arabic-Indic and Persian digits (`٨ يناير ٢٠٢٢`).
//!
//! Invalid dates (`31 فبراير 2022`) and times (`8 يناير 2022 25:00`) give `None`. Nothing panics on any
//! input.

mod grammar;
mod hijri;
mod lex;
mod names;
mod tagger;
mod words;

pub use tagger::{Calendar, Granularity, TimeError, TimeExpr, Value, tag, tag_tokens};

use jiff::civil::DateTime;

/// A dateline line is at most this long; longer lines are prose, not datelines.
const MAX_DATELINE_BYTES: usize = 200;

/// Words a dateline line may carry besides the date (`آخر تحديث:`, `بتوقيت مكة`, an outlet).
const MAX_EXTRA_WORDS: usize = 3;

/// The first date (and time) in `line`, read as a dateline.
///
/// The date may sit among other words (`نشر في السبت 8 يناير 2022 - 11:47 ص`); use
/// [`is_dateline`] to know whether the line is a dateline and little else.
///
/// ```
/// use jiff::civil::date;
/// use marsad_time::parse_dateline;
///
/// let want = date(2022, 1, 8).at(11, 47, 0, 0);
/// assert_eq!(parse_dateline("السبت 8 يناير 2022 11:47 ص"), Some(want));
/// assert_eq!(parse_dateline("٨ كانون الثاني ٢٠٢٢"), Some(date(2022, 1, 8).at(0, 0, 0, 0)));
/// assert_eq!(parse_dateline("31 فبراير 2022"), None);
/// ```
pub fn parse_dateline(line: &str) -> Option<DateTime> {
    let key = marsad_text::normalize(line);
    let toks = lex::lex(&key);
    grammar::find(&toks).map(|m| m.datetime)
}

/// Whether `line` is a dateline: a date (and time) with at most a few other words around
/// it, such as a label (`آخر تحديث:`) or a zone (`بتوقيت مكة`).
///
/// ```
/// use marsad_time::is_dateline;
///
/// assert!(is_dateline("السبت 8 يناير 2022 11:47 ص"));
/// assert!(is_dateline("آخر تحديث: 08/01/2022 - 15:05"));
/// assert!(!is_dateline("وفي 8 يناير 2022 وصل الوفد إلى العاصمة بعد رحلة طويلة"));
/// ```
pub fn is_dateline(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.len() > MAX_DATELINE_BYTES {
        return false;
    }
    let key = marsad_text::normalize(line);
    let toks = lex::lex(&key);
    let Some(found) = grammar::find(&toks) else {
        return false;
    };
    let before = toks.get(..found.start).unwrap_or_default();
    let after = toks.get(found.end..).unwrap_or_default();
    let extra = before.iter().chain(after).filter(|t| t.is_content()).count();
    extra <= MAX_EXTRA_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn at(y: i16, mo: i8, d: i8, h: i8, mi: i8) -> Option<DateTime> {
        Some(date(y, mo, d).at(h, mi, 0, 0))
    }

    #[test]
    fn reference_dateline() {
        assert_eq!(parse_dateline("السبت 8 يناير 2022 11:47 ص"), at(2022, 1, 8, 11, 47));
        assert!(is_dateline("السبت 8 يناير 2022 11:47 ص"));
    }

    #[test]
    fn with_and_without_weekday_and_time() {
        assert_eq!(parse_dateline("8 يناير 2022 11:47 ص"), at(2022, 1, 8, 11, 47));
        assert_eq!(parse_dateline("الأحد 9 يناير 2022"), at(2022, 1, 9, 0, 0));
        assert_eq!(parse_dateline("9 يناير 2022"), at(2022, 1, 9, 0, 0));
        assert_eq!(parse_dateline("الاثنين، 10 يناير 2022 - 09:15 ص"), at(2022, 1, 10, 9, 15));
        assert_eq!(parse_dateline("يوم الثلاثاء 11 يناير 2022"), at(2022, 1, 11, 0, 0));
    }

    #[test]
    fn meridiem() {
        assert_eq!(parse_dateline("3 مارس 2021 3:05 م"), at(2021, 3, 3, 15, 5));
        assert_eq!(parse_dateline("3 مارس 2021 12:30 ص"), at(2021, 3, 3, 0, 30));
        assert_eq!(parse_dateline("3 مارس 2021 12:30 م"), at(2021, 3, 3, 12, 30));
        assert_eq!(parse_dateline("3 مارس 2021 07:30 مساءً"), at(2021, 3, 3, 19, 30));
        assert_eq!(parse_dateline("3 مارس 2021 07:30 صباحاً"), at(2021, 3, 3, 7, 30));
        assert_eq!(parse_dateline("3 مارس 2021 07:30م"), at(2021, 3, 3, 19, 30));
        assert_eq!(parse_dateline("3 مارس 2021 21:40"), at(2021, 3, 3, 21, 40));
        assert_eq!(
            parse_dateline("3 مارس 2021 21:40:15"),
            Some(date(2021, 3, 3).at(21, 40, 15, 0))
        );
    }

    #[test]
    fn era_marker_is_not_pm() {
        assert_eq!(parse_dateline("5 أغسطس 2015 م"), at(2015, 8, 5, 0, 0));
        assert_eq!(parse_dateline("5 أغسطس 2015 م 10:00 ص"), at(2015, 8, 5, 10, 0));
    }

    #[test]
    fn arabic_indic_digits() {
        assert_eq!(parse_dateline("٨ يناير ٢٠٢٢"), at(2022, 1, 8, 0, 0));
        assert_eq!(parse_dateline("السبت ٨ يناير ٢٠٢٢ ١١:٤٧ ص"), at(2022, 1, 8, 11, 47));
        assert_eq!(parse_dateline("۸ ژانویه ۲۰۲۲"), None, "Persian month names are not known");
    }

    #[test]
    fn levant_and_maghreb_months() {
        assert_eq!(parse_dateline("الخميس 2 كانون الأول 2021"), at(2021, 12, 2, 0, 0));
        assert_eq!(parse_dateline("14 تشرين الثاني 2019 16:00"), at(2019, 11, 14, 16, 0));
        assert_eq!(parse_dateline("1 آب 2020"), at(2020, 8, 1, 0, 0));
        assert_eq!(parse_dateline("الجمعة 4 جويلية 2014"), at(2014, 7, 4, 0, 0));
        assert_eq!(parse_dateline("20 أوت 2016"), at(2016, 8, 20, 0, 0));
        assert_eq!(parse_dateline("7 فيفري 2018 10:20"), at(2018, 2, 7, 10, 20));
        assert_eq!(parse_dateline("7 إبريل 2018"), at(2018, 4, 7, 0, 0));
        assert_eq!(parse_dateline("8 كانون الثاني (يناير) 2022"), at(2022, 1, 8, 0, 0));
        assert_eq!(parse_dateline("يناير 8، 2022"), at(2022, 1, 8, 0, 0));
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(parse_dateline("2022-01-08 11:47"), at(2022, 1, 8, 11, 47));
        assert_eq!(parse_dateline("2022-01-08 11:47:09"), Some(date(2022, 1, 8).at(11, 47, 9, 0)));
        assert_eq!(parse_dateline("2022-01-08T11:47:09"), Some(date(2022, 1, 8).at(11, 47, 9, 0)));
        assert_eq!(parse_dateline("08/01/2022"), at(2022, 1, 8, 0, 0));
        assert_eq!(parse_dateline("السبت 08/01/2022 11:47 ص"), at(2022, 1, 8, 11, 47));
        assert_eq!(parse_dateline("٠٨/٠١/٢٠٢٢"), at(2022, 1, 8, 0, 0));
        assert_eq!(parse_dateline("8.1.2022"), at(2022, 1, 8, 0, 0));
        assert_eq!(parse_dateline("2022/01/08"), at(2022, 1, 8, 0, 0));
        assert_eq!(parse_dateline("08/01-2022"), None, "mixed separators");
    }

    #[test]
    fn time_before_date() {
        assert_eq!(parse_dateline("11:47 ص - السبت 8 يناير 2022"), at(2022, 1, 8, 11, 47));
    }

    #[test]
    fn invalid_gives_none() {
        for line in [
            "31 فبراير 2022",
            "29 فبراير 2023",
            "السبت 8 يناير 2022 25:00",
            "8 يناير 2022 13:00 ص",
            "32/01/2022",
            "2022-13-01",
            "8 يناير",
            "يناير 2022",
            "",
            "   ",
            "لا تاريخ في هذا السطر",
            "99999999999999999999 يناير 2022",
            "8 يناير 2022 11:75",
        ] {
            assert_eq!(parse_dateline(line), None, "{line:?}");
            assert!(!is_dateline(line), "{line:?}");
        }
    }

    #[test]
    fn dateline_lines_and_prose() {
        assert!(is_dateline("  ٨ يناير ٢٠٢٢  "));
        assert!(is_dateline("نشر في: الأحد 9 يناير 2022"));
        assert!(is_dateline("الأحد 9 يناير 2022 10:00 ص بتوقيت مكة"));
        assert!(is_dateline("2022-01-08 11:47:00"));
        assert!(!is_dateline("وصل الوفد الأحد 9 يناير 2022 إلى العاصمة وبدأ مباحثات مطولة"));
        assert!(!is_dateline("الأحد الماضي"));
        assert!(!is_dateline(&format!("9 يناير 2022 {}", "كلمة ".repeat(60))));
        // The first date in prose is still found by parse_dateline.
        assert_eq!(parse_dateline("وصل الوفد الأحد 9 يناير 2022 إلى العاصمة"), at(2022, 1, 9, 0, 0));
    }

    #[test]
    fn long_line_is_linear() {
        let line = "8 يناير ".repeat(200_000);
        assert_eq!(parse_dateline(&line), None);
        assert!(!is_dateline(&line));
    }
}
