//! Publication times as the formats write them.

use jiff::civil::Time;
use jiff::fmt::rfc2822;
use jiff::fmt::temporal::Pieces;
use marsad_doc::Published;

/// Longer strings are not timestamps.
const MAX_TIMESTAMP_BYTES: usize = 120;

/// Parses a publication time in any of the forms news data uses:
///
/// - ISO 8601 / RFC 3339: `2022-01-08T11:47:00+03:00`, `2022-01-08T08:47:00Z`,
///   `2022-01-08 11:47:00`, `2022-01-08`;
/// - RFC 2822: `Sat, 08 Jan 2022 11:47:00 +0300` (also `GMT`; a wrong weekday is forgiven);
/// - an Arabic dateline, see [`marsad_time::parse_dateline`]: `السبت 8 يناير 2022 11:47 ص`.
///
/// The offset is kept when the string states one; otherwise the time is local.
///
/// ```
/// use marsad_readers::parse_timestamp;
///
/// let p = parse_timestamp("Sun, 01 Apr 2018 05:46:01 +0000").map(|p| p.to_string());
/// assert_eq!(p.as_deref(), Some("2018-04-01T05:46:01+00:00"));
/// let p = parse_timestamp("2015-08-10 18:52:49").map(|p| p.to_string());
/// assert_eq!(p.as_deref(), Some("2015-08-10T18:52:49"));
/// ```
pub fn parse_timestamp(s: &str) -> Option<Published> {
    let s = s.trim();
    if s.is_empty() || s.len() > MAX_TIMESTAMP_BYTES {
        return None;
    }
    iso_8601(s)
        .or_else(|| rfc_2822(s))
        .or_else(|| marsad_time::parse_dateline(s).map(Published::local))
}

fn iso_8601(s: &str) -> Option<Published> {
    let pieces = Pieces::parse(s).ok()?;
    let datetime = pieces.date().to_datetime(pieces.time().unwrap_or(Time::midnight()));
    Some(match pieces.to_numeric_offset() {
        Some(offset) => Published::with_offset(datetime, offset),
        None => Published::local(datetime),
    })
}

fn rfc_2822(s: &str) -> Option<Published> {
    static PARSER: rfc2822::DateTimeParser = rfc2822::DateTimeParser::new().relaxed_weekday(true);
    let zoned = PARSER.parse_zoned(s).ok()?;
    Some(Published::with_offset(zoned.datetime(), zoned.offset()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(s: &str) -> Option<String> {
        parse_timestamp(s).map(|p| p.to_string())
    }

    #[test]
    fn iso_forms() {
        assert_eq!(show("2022-01-08T11:47:00+03:00").as_deref(), Some("2022-01-08T11:47:00+03:00"));
        assert_eq!(show("2022-01-08T08:47:00Z").as_deref(), Some("2022-01-08T08:47:00+00:00"));
        assert_eq!(show("2022-01-08 11:47:00").as_deref(), Some("2022-01-08T11:47:00"));
        assert_eq!(show(" 2022-01-08 ").as_deref(), Some("2022-01-08T00:00:00"));
        assert_eq!(
            show("2022-01-08T11:47:00.250-05:00").as_deref(),
            Some("2022-01-08T11:47:00-05:00")
        );
    }

    #[test]
    fn rfc_2822_forms() {
        assert_eq!(
            show("Sun, 01 Apr 2018 05:46:01 +0000").as_deref(),
            Some("2018-04-01T05:46:01+00:00")
        );
        assert_eq!(
            show("Thu, 12 Apr 2018 16:19:43 +0400").as_deref(),
            Some("2018-04-12T16:19:43+04:00")
        );
        assert_eq!(
            show("Mon, 02 Apr 2018 05:46:01 GMT").as_deref(),
            Some("2018-04-02T05:46:01+00:00")
        );
        // 2018-04-12 was a Thursday.
        assert_eq!(
            show("Sun, 12 Apr 2018 16:19:43 +0400").as_deref(),
            Some("2018-04-12T16:19:43+04:00")
        );
    }

    #[test]
    fn arabic_datelines() {
        assert_eq!(show("السبت 8 يناير 2022 11:47 ص").as_deref(), Some("2022-01-08T11:47:00"));
    }

    #[test]
    fn not_timestamps() {
        for s in ["", "   ", "غدا", "2022-02-31", "Sun, 31 Feb 2018 05:46:01 +0000", "12345"] {
            assert_eq!(show(s), None, "{s:?}");
        }
        assert_eq!(show(&"2022-01-08 ".repeat(100)), None);
    }
}
