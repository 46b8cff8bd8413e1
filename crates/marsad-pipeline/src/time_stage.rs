//! The time stage: every date, time and relative time expression of the headline and body
//! (see [`marsad_time::tag`]), anchored on the article's publication day.

use marsad_doc::{Doc, Field, TimeMention};
use marsad_time::TimeExpr;

use crate::Stage;

/// Tags time expressions in the headline and in every body paragraph, using the tokens the
/// [`TextStage`](crate::TextStage) made, and fills [`Doc::times`]. Without a publication
/// time, relative expressions keep `value: null`.
#[derive(Clone, Copy, Debug, Default)]
pub struct TimeStage;

impl Stage for TimeStage {
    fn name(&self) -> &'static str {
        "time"
    }

    fn run(&self, doc: &mut Doc) {
        let anchor = doc.article.published.map(|p| p.datetime.date());
        let mut times = Vec::new();
        if let Some(headline) = doc.article.headline.as_deref() {
            let found = marsad_time::tag_tokens(headline, &doc.headline.tokens, anchor);
            times.extend(found.iter().map(|t| mention(headline, Field::Headline, t)));
        }
        let text = doc.article.text.as_str();
        // Body tokens are file offsets, paragraph by paragraph; tag one paragraph at a time so
        // that no expression runs across a paragraph break.
        let tokens = &doc.body.tokens;
        let mut from = 0;
        for p in &doc.article.paragraphs {
            let count = tokens.get(from..).map_or(0, |rest| {
                rest.iter().take_while(|t| t.start >= p.start && t.end <= p.end).count()
            });
            let slice = tokens.get(from..from + count).unwrap_or_default();
            from += count;
            let found = marsad_time::tag_tokens(text, slice, anchor);
            times.extend(found.iter().map(|t| mention(text, Field::Body, t)));
        }
        doc.warnings.extend(dateline_conflict(doc, &times));
        doc.times = times;
    }
}

/// A warning when the publication date from metadata disagrees with a dateline written at
/// the start of the body (`بريدة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م`). The metadata
/// wins; the text's date is reported.
fn dateline_conflict(doc: &Doc, times: &[TimeMention]) -> Option<String> {
    let published = doc.article.published?;
    let first = doc.article.paragraphs.first()?;
    let dateline = times.iter().find(|t| {
        t.field == Field::Body
            && t.start >= first.start
            && t.start < first.start + 160
            && !t.relative
            && t.value.as_deref().is_some_and(|v| v.len() >= 10 && !v.contains('/'))
    })?;
    let text_date = dateline.value.as_deref()?.get(..10)?;
    let meta_date = published.to_string();
    let meta_date = meta_date.get(..10)?;
    (text_date != meta_date).then(|| {
        format!(
            "published {meta_date} (metadata) but the body's dateline {:?} says {text_date}; kept the metadata",
            dateline.text
        )
    })
}

fn mention(text: &str, field: Field, t: &TimeExpr) -> TimeMention {
    TimeMention {
        text: text.get(t.start..t.end).unwrap_or("").to_owned(),
        field,
        start: t.start,
        end: t.end,
        value: t.value.map(|v| v.to_string()),
        granularity: t.granularity.as_str(),
        calendar: t.calendar.as_str(),
        relative: t.relative,
        error: t.error.map(|e| e.as_str()),
    }
}
