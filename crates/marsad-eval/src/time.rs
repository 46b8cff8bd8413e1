//! Time tagging on real data: Hijri/Gregorian agreement and throughput.
//!
//! SaudiNewsNet articles often open with both readings of the day, `25 شوال 1436 هـ الموافق
//! 10 اغسطس 2015 م`. Both name the same day, so converting the Hijri one with Umm al-Qura
//! must give the Gregorian one: a check that needs no annotation.

use std::time::{Duration, Instant};

use marsad_time::{Calendar, Granularity, TimeExpr, tag, tag_tokens};
use serde::Serialize;

/// One article whose two readings disagree, or whose pair was not read.
#[derive(Clone, Debug, Serialize)]
pub struct PairMiss {
    pub id: String,
    /// Byte offset of the `الموافق` that joins the two readings.
    pub offset: usize,
    pub hijri: Option<String>,
    pub gregorian: Option<String>,
    pub reason: String,
}

/// Agreement of Hijri and Gregorian readings over a set of articles.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PairReport {
    pub articles: usize,
    /// Articles where `الموافق` joins a Hijri date (with `هـ`) and a Gregorian one.
    pub candidates: usize,
    /// Candidates where the tagger read both dates with values.
    pub read: usize,
    pub agree: usize,
    /// `agree / candidates`: a pair that was not read counts as a miss.
    pub agreement: f64,
    pub misses: Vec<PairMiss>,
}

/// Whether `between` (the text between two dates) is a short `الموافق` link.
fn is_link(between: &str) -> bool {
    between.len() < 40 && marsad_text::normalize(between).contains("الموافق")
}

/// Gregorian month names a day-level reading after `الموافق` uses (keys).
const GREGORIAN_MONTH_KEYS: &[&str] = &[
    "يناير",
    "فبراير",
    "مارس",
    "ابريل",
    "مايو",
    "يونيو",
    "يوليو",
    "اغسطس",
    "سبتمبر",
    "اكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// The byte offset of the first `الموافق` (the word itself, not `الموافقة`) with `هـ` and a
/// digit shortly before it and a Gregorian month name shortly after it: a day stated in both
/// calendars. Found by text alone, so the tagger does not choose its own test cases.
pub fn find_link(text: &str) -> Option<usize> {
    const WORD: &str = "الموافق";
    let window = |from: usize, to: usize| {
        let (mut a, mut b) = (from.min(text.len()), to.min(text.len()));
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        while !text.is_char_boundary(b) {
            b += 1;
        }
        text.get(a..b).unwrap_or("")
    };
    text.match_indices(WORD).map(|(i, _)| i).find(|&i| {
        let after_word = text.get(i + WORD.len()..).and_then(|r| r.chars().next());
        if after_word.is_some_and(char::is_alphabetic) {
            return false;
        }
        let before = window(i.saturating_sub(40), i);
        let after = marsad_text::normalize(window(i + WORD.len(), i + WORD.len() + 50));
        before.contains('ه')
            && before.chars().any(|c| c.is_numeric())
            && GREGORIAN_MONTH_KEYS.iter().any(|m| after.contains(m))
    })
}

/// Checks every `Hijri الموافق Gregorian` pair, one per article (the first).
pub fn hijri_pairs<'a>(articles: impl IntoIterator<Item = (&'a str, &'a str)>) -> PairReport {
    let mut report = PairReport::default();
    for (id, text) in articles {
        report.articles += 1;
        // A candidate by text alone, independent of the tagger (see [`find_link`]).
        let Some(link) = find_link(text) else { continue };
        report.candidates += 1;
        let found = tag(text, None);
        let pair = found.windows(2).find_map(|w| match w {
            [a, b] if a.end <= link && b.start >= link => {
                text.get(a.end..b.start).filter(|s| is_link(s)).map(|_| (a, b))
            }
            _ => None,
        });
        let miss = |hijri: Option<&TimeExpr>, greg: Option<&TimeExpr>, reason: &str| PairMiss {
            id: id.to_owned(),
            offset: link,
            hijri: hijri.and_then(|t| text.get(t.start..t.end)).map(str::to_owned),
            gregorian: greg.and_then(|t| text.get(t.start..t.end)).map(str::to_owned),
            reason: reason.to_owned(),
        };
        let Some((h, g)) = pair else {
            report.misses.push(miss(None, None, "no dated pair around الموافق"));
            continue;
        };
        if h.calendar != Calendar::Hijri || g.calendar != Calendar::Gregorian {
            report.misses.push(miss(Some(h), Some(g), "not a Hijri then Gregorian pair"));
            continue;
        }
        let (Some(hv), Some(gv)) = (h.value, g.value) else {
            let why = h.error.or(g.error).map_or("no value", |e| e.as_str());
            report.misses.push(miss(Some(h), Some(g), why));
            continue;
        };
        report.read += 1;
        // Compare days: a Gregorian reading with a time is still its day.
        let day = |v: marsad_time::Value| match v {
            marsad_time::Value::DateTime(dt) => dt.date().to_string(),
            other => other.to_string(),
        };
        // A Hijri month (`رجب 1395هـ`) agrees with a Gregorian day inside it.
        let inside = match (hv, gv) {
            (marsad_time::Value::Interval(a, b), marsad_time::Value::Date(d)) => a <= d && d <= b,
            _ => false,
        };
        if inside || day(hv) == day(gv) {
            report.agree += 1;
        } else {
            let why = format!("Hijri gives {}, Gregorian says {}", day(hv), day(gv));
            report.misses.push(miss(Some(h), Some(g), &why));
        }
    }
    report.agreement =
        if report.candidates == 0 { 0.0 } else { report.agree as f64 / report.candidates as f64 };
    report
}

/// One throughput figure.
#[derive(Clone, Debug, Serialize)]
pub struct TimeThroughput {
    pub name: String,
    pub bytes: usize,
    pub seconds: f64,
    pub mb_per_s: f64,
    /// Time expressions found (tagging runs) or tokens (tokenizer run).
    pub items: usize,
}

fn measure(name: &str, bytes: usize, runs: usize, mut f: impl FnMut() -> usize) -> TimeThroughput {
    let mut best = Duration::MAX;
    let mut items = 0;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        items = std::hint::black_box(f());
        best = best.min(t.elapsed());
    }
    let seconds = best.as_secs_f64().max(1e-9);
    TimeThroughput {
        name: name.to_owned(),
        bytes,
        seconds,
        mb_per_s: bytes as f64 / 1e6 / seconds,
        items,
    }
}

/// Tokenizer alone, tagging over ready tokens (what the pipeline's time stage does), and
/// tokenize + tag, over `texts`, best of `runs`, on one thread.
pub fn time_throughput(texts: &[String], runs: usize) -> Vec<TimeThroughput> {
    let bytes: usize = texts.iter().map(String::len).sum();
    let tokenize = measure("tokenize (baseline)", bytes, runs, || {
        texts.iter().map(|t| marsad_text::Tokens::new(t).count()).sum()
    });
    let tokens: Vec<_> = texts.iter().map(|t| marsad_text::tokenize(t)).collect();
    let tag_only = measure("time tagging over tokens", bytes, runs, || {
        texts.iter().zip(&tokens).map(|(t, toks)| tag_tokens(t, toks, None).len()).sum()
    });
    let both = measure("tokenize + time tagging", bytes, runs, || {
        texts.iter().map(|t| tag(t, None).len()).sum()
    });
    vec![tokenize, tag_only, both]
}

/// Counts of expressions by granularity, for a report.
pub fn granularity_counts(found: &[TimeExpr]) -> [(Granularity, usize); 5] {
    let mut counts = [
        (Granularity::Year, 0),
        (Granularity::Month, 0),
        (Granularity::Week, 0),
        (Granularity::Day, 0),
        (Granularity::Minute, 0),
    ];
    for t in found {
        if let Some(c) = counts.iter_mut().find(|(g, _)| *g == t.granularity) {
            c.1 += 1;
        }
    }
    counts
}

/// One annotated expression of the dev set: where it is and the value a reader gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DevEntry {
    /// `ant` or `snn`: which corpus the document is in.
    pub corpus: String,
    pub doc: String,
    /// `headline` or `body`.
    pub field: String,
    pub start: usize,
    pub end: usize,
    pub value: String,
}

/// Reads the dev set TSV (`corpus  doc  field  start  end  value`, `#` comments). Malformed
/// lines are returned as errors with their line number, the rest are kept.
pub fn read_dev(tsv: &str) -> (Vec<DevEntry>, Vec<String>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let parsed = match cols.as_slice() {
            [corpus, doc, field, start, end, value] => {
                match (start.parse::<usize>(), end.parse::<usize>()) {
                    (Ok(start), Ok(end)) if start < end => Some(DevEntry {
                        corpus: (*corpus).to_owned(),
                        doc: (*doc).to_owned(),
                        field: (*field).to_owned(),
                        start,
                        end,
                        value: (*value).to_owned(),
                    }),
                    _ => None,
                }
            }
            _ => None,
        };
        match parsed {
            Some(e) => entries.push(e),
            None => errors.push(format!("line {}: malformed", n + 1)),
        }
    }
    (entries, errors)
}

/// A predicted expression in a dev-set document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Predicted {
    pub doc: String,
    pub field: String,
    pub start: usize,
    pub end: usize,
    pub value: Option<String>,
}

/// A gold expression the tagger missed or normalised differently.
#[derive(Clone, Debug, Serialize)]
pub struct DevMiss {
    pub doc: String,
    pub field: String,
    pub start: usize,
    pub end: usize,
    pub expected: String,
    /// `None` when nothing overlapping was found.
    pub got: Option<String>,
}

/// Detection precision/recall (a prediction matches a gold expression when their spans
/// overlap in the same field, one to one) and normalisation accuracy (matched pairs whose
/// values are equal).
#[derive(Clone, Debug, Default, Serialize)]
pub struct DevReport {
    pub documents: usize,
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub exact_span: usize,
    pub correct_value: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// `correct_value / matched`.
    pub normalisation_accuracy: f64,
    /// `correct_value / gold`: found and normalised right.
    pub end_to_end: f64,
    pub misses: Vec<DevMiss>,
    /// Predictions that overlap no gold expression (document, field, start, end).
    pub spurious: Vec<(String, String, usize, usize)>,
}

/// Scores `predicted` against `gold`; predictions must come from the gold documents only.
pub fn score_dev(gold: &[DevEntry], predicted: &[Predicted]) -> DevReport {
    let mut report =
        DevReport { gold: gold.len(), predicted: predicted.len(), ..DevReport::default() };
    let mut docs: Vec<&str> = gold.iter().map(|g| g.doc.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    report.documents = docs.len();
    let mut used = vec![false; predicted.len()];
    for g in gold {
        let found = predicted.iter().enumerate().find(|(i, p)| {
            !used.get(*i).copied().unwrap_or(true)
                && p.doc == g.doc
                && p.field == g.field
                && p.start < g.end
                && g.start < p.end
        });
        match found {
            Some((i, p)) => {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
                report.matched += 1;
                if p.start == g.start && p.end == g.end {
                    report.exact_span += 1;
                }
                if p.value.as_deref() == Some(g.value.as_str()) {
                    report.correct_value += 1;
                } else {
                    report
                        .misses
                        .push(miss_of(g, Some(p.value.clone().unwrap_or_else(|| "null".into()))));
                }
            }
            None => report.misses.push(miss_of(g, None)),
        }
    }
    for (p, u) in predicted.iter().zip(&used) {
        if !u {
            report.spurious.push((p.doc.clone(), p.field.clone(), p.start, p.end));
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    report.precision = ratio(report.matched, report.predicted);
    report.recall = ratio(report.matched, report.gold);
    report.f1 = if report.precision + report.recall > 0.0 {
        2.0 * report.precision * report.recall / (report.precision + report.recall)
    } else {
        0.0
    };
    report.normalisation_accuracy = ratio(report.correct_value, report.matched);
    report.end_to_end = ratio(report.correct_value, report.gold);
    report
}

fn miss_of(g: &DevEntry, got: Option<String>) -> DevMiss {
    DevMiss {
        doc: g.doc.clone(),
        field: g.field.clone(),
        start: g.start,
        end: g.end,
        expected: g.value.clone(),
        got,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(doc: &str, start: usize, end: usize, value: &str) -> DevEntry {
        DevEntry {
            corpus: "ant".into(),
            doc: doc.into(),
            field: "body".into(),
            start,
            end,
            value: value.into(),
        }
    }

    fn pred(doc: &str, start: usize, end: usize, value: Option<&str>) -> Predicted {
        Predicted {
            doc: doc.into(),
            field: "body".into(),
            start,
            end,
            value: value.map(Into::into),
        }
    }

    #[test]
    fn overlap_matching_and_values() {
        let g =
            [gold("a", 0, 10, "2018-04-01"), gold("a", 20, 30, "2018-04-02"), gold("b", 5, 9, "x")];
        let p = [
            pred("a", 2, 10, Some("2018-04-01")),
            pred("a", 20, 30, Some("2018-04-03")),
            pred("a", 40, 45, None),
        ];
        let r = score_dev(&g, &p);
        assert_eq!((r.matched, r.exact_span, r.correct_value), (2, 1, 1));
        assert_eq!(r.spurious.len(), 1);
        assert_eq!(r.misses.len(), 2);
        assert!((r.recall - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn reads_tsv_and_reports_bad_lines() {
        let (e, errs) =
            read_dev("# c\nant\td\tbody\t1\t5\t2018\nbad line\nant\td\tbody\t9\t3\tx\n");
        assert_eq!(e.len(), 1);
        assert_eq!(errs.len(), 2);
    }
}
