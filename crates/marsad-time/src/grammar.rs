//! The dateline grammar, as a small recursive-descent parser over [`Tok`]ens.
//!
//! ```text
//! dateline  = [weekday] date [era] [sep time]      السبت، 8 يناير 2022 م - 11:47 ص
//!           | time [sep] [weekday] date [era]      11:47 ص السبت 8 يناير 2022
//! weekday   = [يوم] name [sep]
//! date      = day [/-.] month [/-.,] year          8 يناير 2022, 8/يناير/2022
//!           | month day [,] year                   يناير 8، 2022
//!           | year - mm - dd | dd / mm / yyyy      2022-01-08, 08/01/2022 (also . and -)
//! month     = name [( name ) | / name]             كانون الثاني (يناير)
//! time      = hh : mm [: ss] [meridiem]            11:47 ص, 15:05, 3:05 مساءً
//! ```
//!
//! A time that is not a valid time (`25:00`, `13:00 ص`) fails the whole dateline, as an
//! invalid date does.
//!
//! Each rule either consumes its tokens and returns a value, or returns `None` and leaves
//! the cursor where it was, so rules combine with `or_else` without bookkeeping. New forms
//! (Hijri dates, relative dates) are new rules here and new tables in [`crate::names`].

use jiff::civil::{Date, DateTime, Time};

use crate::lex::Tok;
use crate::names::{self, Meridiem};

/// A dateline found in a token list: its value and the tokens `start..end` it spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Match {
    pub(crate) datetime: DateTime,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// The first dateline in `toks`, trying each content token as a start (leftmost wins).
/// Each attempt looks at a bounded number of tokens, so this is linear in `toks`.
pub(crate) fn find(toks: &[Tok<'_>]) -> Option<Match> {
    (0..toks.len()).find_map(|start| {
        if !toks.get(start).is_some_and(|t| t.is_content()) {
            return None;
        }
        let mut cursor = Cursor { toks, pos: start };
        let datetime = cursor.dateline()?;
        Some(Match { datetime, start, end: cursor.pos })
    })
}

/// Punctuation allowed between the parts of a dateline.
const SEPARATORS: &[char] = &['-', '–', '—', '|', ',', '،', '/', '•', '·', '@', '(', ')'];

/// Punctuation allowed inside a date: `8/يناير/2022`, `2022-01-08`, `08.01.2022`.
const DATE_SEPARATORS: &[char] = &['/', '-', '.'];

struct Cursor<'t, 'k> {
    toks: &'t [Tok<'k>],
    pos: usize,
}

impl<'k> Cursor<'_, 'k> {
    /// Runs `rule`; on `None` the cursor goes back to where it was.
    fn attempt<T>(&mut self, rule: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let saved = self.pos;
        let result = rule(self);
        if result.is_none() {
            self.pos = saved;
        }
        result
    }

    fn peek(&self) -> Option<Tok<'k>> {
        self.toks.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<Tok<'k>> {
        let tok = self.peek()?;
        self.pos += 1;
        Some(tok)
    }

    fn word(&mut self) -> Option<&'k str> {
        self.attempt(|c| match c.next()? {
            Tok::Word(w) => Some(w),
            _ => None,
        })
    }

    /// A number of `min..=max` digits.
    fn number(&mut self, min: usize, max: usize) -> Option<(u32, usize)> {
        self.attempt(|c| match c.next()? {
            Tok::Num(n) if (min..=max).contains(&n.len()) => Some((n.parse().ok()?, n.len())),
            _ => None,
        })
    }

    /// One of `set`; returns which.
    fn punct(&mut self, set: &[char]) -> Option<char> {
        self.attempt(|c| match c.next()? {
            Tok::Punct(p) if set.contains(&p) => Some(p),
            _ => None,
        })
    }

    /// Skips separator punctuation and filler words.
    fn separators(&mut self) {
        while let Some(tok) = self.peek() {
            let skip = match tok {
                Tok::Punct(p) => SEPARATORS.contains(&p),
                Tok::Word(w) => names::is_filler(w),
                Tok::Num(_) => false,
            };
            if !skip {
                break;
            }
            self.pos += 1;
        }
    }

    fn dateline(&mut self) -> Option<DateTime> {
        self.attempt(Self::date_then_time).or_else(|| self.attempt(Self::time_then_date))
    }

    fn date_then_time(&mut self) -> Option<DateTime> {
        self.weekday();
        let date = self.date()?;
        self.era();
        // A clock time after the date must be valid: `8 يناير 2022 25:00` is no dateline.
        let time = match self.attempt(|c| {
            c.separators();
            c.clock()
        }) {
            Some(clock) => clock.to_time()?,
            None => Time::midnight(),
        };
        Some(date.to_datetime(time))
    }

    fn time_then_date(&mut self) -> Option<DateTime> {
        let time = self.clock()?.to_time()?;
        self.separators();
        self.weekday();
        let date = self.date()?;
        self.era();
        Some(date.to_datetime(time))
    }

    /// An optional weekday with what may surround it. The weekday is not checked against
    /// the date: pages get it wrong, and the date is what counts.
    fn weekday(&mut self) {
        self.attempt(|c| {
            c.separators();
            names::is_weekday(c.word()?).then_some(())?;
            c.separators();
            Some(())
        });
    }

    /// An optional era marker after the year (`2022 م`).
    fn era(&mut self) {
        self.attempt(|c| names::is_gregorian_era(c.word()?).then_some(()));
    }

    fn date(&mut self) -> Option<Date> {
        self.attempt(Self::day_month_year)
            .or_else(|| self.attempt(Self::month_day_year))
            .or_else(|| self.attempt(Self::numeric_date))
    }

    fn day_month_year(&mut self) -> Option<Date> {
        let (day, _) = self.number(1, 2)?;
        self.punct(DATE_SEPARATORS);
        let month = self.month()?;
        self.punct(&['/', '-', '.', ',', '،']);
        let (year, _) = self.number(4, 4)?;
        make_date(year, month, day)
    }

    fn month_day_year(&mut self) -> Option<Date> {
        let month = self.month()?;
        let (day, _) = self.number(1, 2)?;
        self.punct(&[',', '،']);
        let (year, _) = self.number(4, 4)?;
        make_date(year, month, day)
    }

    /// `2022-01-08` (year first) or `08/01/2022` (day first), with `-`, `/` or `.`.
    fn numeric_date(&mut self) -> Option<Date> {
        let (a, a_len) = self.number(1, 4)?;
        let sep = self.punct(DATE_SEPARATORS)?;
        let (b, _) = self.number(1, 2)?;
        self.punct(&[sep])?;
        let (c, c_len) = self.number(1, 4)?;
        match (a_len, c_len) {
            (4, 1..=2) => make_date(a, b, c),
            (1..=2, 4) => make_date(c, b, a),
            _ => None,
        }
    }

    /// A month name, possibly followed by the same month in another system:
    /// `كانون الثاني (يناير)`, `يناير/كانون الثاني`.
    fn month(&mut self) -> Option<u32> {
        let month = self.month_name()?;
        self.attempt(|c| {
            let open = c.punct(&['(', '/', '-'])?;
            let again = c.month_name()?;
            if open == '(' {
                c.punct(&[')'])?;
            }
            (again == month).then_some(())
        });
        Some(month)
    }

    fn month_name(&mut self) -> Option<u32> {
        let first = self.word()?;
        let two = self.attempt(|c| names::two_word_month(first, c.word()?));
        let month = two.or_else(|| names::one_word_month(first))?;
        u32::try_from(month).ok()
    }

    /// `hh:mm[:ss]` with an optional meridiem, not yet checked.
    fn clock(&mut self) -> Option<Clock> {
        let (hour, _) = self.number(1, 2)?;
        self.punct(&[':'])?;
        let (minute, _) = self.number(2, 2)?;
        let second = self
            .attempt(|c| {
                c.punct(&[':'])?;
                c.number(2, 2)
            })
            .map_or(0, |(s, _)| s);
        let meridiem = self.attempt(|c| names::meridiem(c.word()?));
        Some(Clock { hour, minute, second, meridiem })
    }
}

/// A clock time as written.
struct Clock {
    hour: u32,
    minute: u32,
    second: u32,
    meridiem: Option<Meridiem>,
}

impl Clock {
    /// The 24-hour time, or `None` if there is no such time (`25:00`, `13:00 ص`).
    fn to_time(&self) -> Option<Time> {
        let hour = to_24_hour(self.hour, self.meridiem)?;
        Time::new(
            i8::try_from(hour).ok()?,
            i8::try_from(self.minute).ok()?,
            i8::try_from(self.second).ok()?,
            0,
        )
        .ok()
    }
}

/// `ص` hours run 12, 1, …, 11 (12 is midnight); `م` hours run 12, 1, …, 11 (12 is noon).
/// A 24-hour time with `م` (`15:05 م`) is taken as written; one with `ص` is rejected.
fn to_24_hour(hour: u32, meridiem: Option<Meridiem>) -> Option<u32> {
    match (meridiem, hour) {
        (None, 0..=23) => Some(hour),
        (Some(Meridiem::Am), 12) => Some(0),
        (Some(Meridiem::Am), 0..=11) => Some(hour),
        (Some(Meridiem::Pm), 1..=11) => Some(hour + 12),
        (Some(Meridiem::Pm), 12..=23) => Some(hour),
        _ => None,
    }
}

/// A valid Gregorian date, or `None` (`31 فبراير`).
fn make_date(year: u32, month: u32, day: u32) -> Option<Date> {
    Date::new(i16::try_from(year).ok()?, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meridiem_hours() {
        let am = Some(Meridiem::Am);
        let pm = Some(Meridiem::Pm);
        assert_eq!(to_24_hour(12, am), Some(0));
        assert_eq!(to_24_hour(11, am), Some(11));
        assert_eq!(to_24_hour(12, pm), Some(12));
        assert_eq!(to_24_hour(3, pm), Some(15));
        assert_eq!(to_24_hour(15, pm), Some(15));
        assert_eq!(to_24_hour(15, am), None);
        assert_eq!(to_24_hour(0, pm), None);
        assert_eq!(to_24_hour(24, None), None);
    }

    #[test]
    fn invalid_dates() {
        assert!(make_date(2022, 2, 31).is_none());
        assert!(make_date(2022, 13, 1).is_none());
        assert!(make_date(2022, 1, 0).is_none());
        assert!(make_date(2024, 2, 29).is_some());
        assert!(make_date(2023, 2, 29).is_none());
    }
}
