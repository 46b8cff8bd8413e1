//! Hijri dates in the Umm al-Qura calendar (the official calendar of Saudi Arabia), converted
//! to the proleptic Gregorian calendar with [`icu_calendar`].

use icu_calendar::Date as IcuDate;
use icu_calendar::cal::{Hijri, Iso};
use jiff::civil::Date;

/// The Gregorian date of Hijri day `day` of month `month` (1–12) in year `year` (AH), or
/// `None` when there is no such day (month 13, day 31, day 30 of a 29-day month, a year
/// outside `1..=9999`).
pub(crate) fn to_gregorian(year: i32, month: u8, day: u8) -> Option<Date> {
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    let hijri =
        IcuDate::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura()).ok()?;
    let iso = hijri.to_calendar(Iso);
    let y = i16::try_from(iso.year().extended_year()).ok()?;
    let m = i8::try_from(iso.month().ordinal).ok()?;
    let d = i8::try_from(iso.day_of_month().0).ok()?;
    Date::new(y, m, d).ok()
}

/// The first and last Gregorian days of Hijri month `month` of `year`.
pub(crate) fn month_span(year: i32, month: u8) -> Option<(Date, Date)> {
    let first = to_gregorian(year, month, 1)?;
    let last = to_gregorian(year, month, 30).or_else(|| to_gregorian(year, month, 29))?;
    Some((first, last))
}

/// The first and last Gregorian days of Hijri year `year`.
pub(crate) fn year_span(year: i32) -> Option<(Date, Date)> {
    let (first, _) = month_span(year, 1)?;
    let (_, last) = month_span(year, 12)?;
    Some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn known_days() {
        // 1 Ramadan 1436 was 18 June 2015; 25 Shawwal 1436 was 10 August 2015.
        assert_eq!(to_gregorian(1436, 9, 1), Some(date(2015, 6, 18)));
        assert_eq!(to_gregorian(1436, 10, 25), Some(date(2015, 8, 10)));
        // 5 Jumada al-Akhirah 1443 was 8 January 2022.
        assert_eq!(to_gregorian(1443, 6, 5), Some(date(2022, 1, 8)));
    }

    #[test]
    fn impossible_days() {
        assert_eq!(to_gregorian(1436, 13, 1), None);
        assert_eq!(to_gregorian(1436, 1, 31), None);
        assert_eq!(to_gregorian(1436, 0, 1), None);
        assert_eq!(to_gregorian(0, 1, 1), None);
    }

    #[test]
    fn spans() {
        assert_eq!(month_span(1436, 9), Some((date(2015, 6, 18), date(2015, 7, 16))));
        assert!(year_span(1443).is_some());
    }
}
