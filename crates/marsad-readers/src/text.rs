//! Plain-text news pages: one article per file.
//!
//! A page is read line by line, each non-empty line classified by what it looks like and by
//! where it is: the first line is the headline; datelines, source lines and block headers
//! are recognised anywhere; body paragraphs end at the first tag or related-list header (or
//! at a source line that follows the body), and nothing after that end is ever body.

use marsad_doc::{Article, Published, TextRange};

use crate::body::{line_ranges, split_tag_tail, split_tags};
use crate::{ReadError, origin};

/// Block headers are short: longer labels are prose.
const MAX_HEADER_BYTES: usize = 80;

/// A source line names an outlet in a few words.
const MAX_SOURCE_WORDS: usize = 6;

/// A related headline has at most this many words; longer lines after the body are dropped.
const MAX_RELATED_WORDS: usize = 25;

/// In a one-tag-a-line block, each tag has at most this many words.
const MAX_LINE_TAG_WORDS: usize = 3;

/// Where on the page the reader is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// Lines are body paragraphs.
    Body,
    /// After a tag header: the next line holds the tags.
    TagLine,
    /// After a tag header whose tags come one a line.
    TagPerLine,
    /// After the body: short lines are related headlines.
    AfterBody,
}

/// Reads a text page (see [`crate::InputFormat::Text`]).
pub(crate) fn read_page(path: &str, bytes: &[u8]) -> Result<Article, ReadError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let message = "invalid UTF-8";
            return Err(ReadError::file(path, message).at_byte(e.valid_up_to()));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = line_ranges(text);
    if lines.is_empty() {
        return Err(ReadError::file(path, "empty file"));
    }
    let mut page = Page::new(path, text);
    for (i, range) in lines.iter().enumerate() {
        let next = lines.get(i + 1).map(|r| r.slice(text));
        page.line(*range, next);
    }
    Ok(page.finish())
}

/// The page being read.
struct Page<'t> {
    text: &'t str,
    article: Article,
    part: Part,
    seen_headline: bool,
}

impl<'t> Page<'t> {
    fn new(path: &str, text: &'t str) -> Self {
        let article =
            Article { id: path.to_owned(), origin: origin(path, None), ..Article::default() };
        Page { text, article, part: Part::Body, seen_headline: false }
    }

    /// Takes the next non-empty line; `next` is the line after it, if any.
    fn line(&mut self, range: TextRange, next: Option<&str>) {
        let line = range.slice(self.text);
        if marsad_time::is_dateline(line) {
            if self.article.published.is_none() {
                self.article.published = marsad_time::parse_dateline(line).map(Published::local);
            }
            return;
        }
        if !self.seen_headline {
            self.seen_headline = true;
            self.article.headline = Some(line.to_owned());
            return;
        }
        if let Some(source) = source_line(line) {
            if self.article.source.is_none() {
                self.article.source = Some(source.to_owned());
            }
            if self.part == Part::Body && !self.article.paragraphs.is_empty() {
                self.part = Part::AfterBody;
            }
            return;
        }
        if let Some(inline) = header(line, is_tag_header) {
            match inline {
                Some(tags) => {
                    self.article.publisher_tags.extend(split_tags(tags));
                    self.part = Part::AfterBody;
                }
                None => self.part = Part::TagLine,
            }
            return;
        }
        if let Some(inline) = header(line, is_related_header) {
            match inline {
                // An inline link (`اقرأ أيضا: …`) inside the body keeps the body going.
                Some(headline) => self.article.related_headlines.push(headline.to_owned()),
                None => self.part = Part::AfterBody,
            }
            return;
        }
        match self.part {
            Part::Body => self.article.paragraphs.push(range),
            Part::TagLine if is_line_tag(line) && next.is_some_and(is_line_tag) => {
                self.article.publisher_tags.push(line.to_owned());
                self.part = Part::TagPerLine;
            }
            Part::TagLine => {
                self.article.publisher_tags.extend(split_tags(line));
                self.part = Part::AfterBody;
            }
            Part::TagPerLine if is_line_tag(line) => {
                self.article.publisher_tags.push(line.to_owned())
            }
            Part::TagPerLine | Part::AfterBody => {
                self.part = Part::AfterBody;
                if word_count(line, MAX_RELATED_WORDS + 1) <= MAX_RELATED_WORDS {
                    self.article.related_headlines.push(line.to_owned());
                }
            }
        }
    }

    fn finish(mut self) -> Article {
        if self.article.publisher_tags.is_empty() {
            self.article.publisher_tags = split_tag_tail(self.text, &mut self.article.paragraphs);
        }
        self.article.text = self.text.to_owned();
        self.article
    }
}

/// The number of words of `line`, counting no further than `limit`.
fn word_count(line: &str, limit: usize) -> usize {
    line.split_whitespace().take(limit).count()
}

fn is_line_tag(line: &str) -> bool {
    word_count(line, MAX_LINE_TAG_WORDS + 1) <= MAX_LINE_TAG_WORDS
}

/// Splits `label: value` (or `label | value`, `label - value`) at the first separator, if
/// one comes within a header's length.
fn label_value(line: &str) -> Option<(&str, &str)> {
    const SEPARATORS: &[char] = &[':', '：', '|', '-', '–', '—'];
    let (at, sep) = line
        .char_indices()
        .take_while(|&(i, _)| i <= MAX_HEADER_BYTES)
        .find(|(_, c)| SEPARATORS.contains(c))?;
    Some((line.get(..at)?, line.get(at + sep.len_utf8()..)?))
}

/// The outlet named by a source line (`المصدر | الحرة`, `المصدر: وكالات`), if it is one.
fn source_line(line: &str) -> Option<&str> {
    let (label, value) = label_value(line)?;
    if label.len() > MAX_HEADER_BYTES
        || !matches!(key(label).as_str(), "المصدر" | "مصدر" | "source")
    {
        return None;
    }
    let value = value.trim().trim_end_matches(['.', '|', '-']).trim();
    let words = word_count(value, MAX_SOURCE_WORDS + 1);
    (1..=MAX_SOURCE_WORDS).contains(&words).then_some(value)
}

/// If `line` is a block header recognised by `is_header`: `Some(None)` when it stands alone
/// (`كلمات مفتاحية`), `Some(Some(rest))` when the block follows on the same line
/// (`الوسوم: مصر، ليبيا`).
fn header(line: &str, is_header: fn(&str) -> bool) -> Option<Option<&str>> {
    if line.len() <= MAX_HEADER_BYTES && is_header(&key(line)) {
        return Some(None);
    }
    let (label, value) = label_value(line)?;
    let value = value.trim();
    (label.len() <= MAX_HEADER_BYTES && !value.is_empty() && is_header(&key(label)))
        .then_some(Some(value))
}

/// The matching key of a short label: normalized, without surrounding punctuation, with
/// single spaces.
fn key(label: &str) -> String {
    let key = marsad_text::normalize(label);
    let words: Vec<&str> = key
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

fn is_tag_header(key: &str) -> bool {
    matches!(
        key,
        "كلمات مفتاحيه"
            | "الكلمات المفتاحيه"
            | "كلمات دلاليه"
            | "الكلمات الدلاليه"
            | "كلمات رئيسيه"
            | "الكلمات الرئيسيه"
            | "وسوم"
            | "الوسوم"
            | "سمات"
            | "tags"
            | "tag"
            | "keywords"
    )
}

fn is_related_header(key: &str) -> bool {
    matches!(
        key,
        "اقرا ايضا"
            | "اقرا كذلك"
            | "اقرا المزيد"
            | "ذات صله"
            | "مواضيع ذات صله"
            | "موضوعات ذات صله"
            | "اخبار ذات صله"
            | "مقالات ذات صله"
            | "قد يهمك"
            | "قد يهمك ايضا"
            | "شاهد ايضا"
            | "related"
            | "related articles"
            | "read more"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(page: &str) -> Article {
        match read_page("page.txt", page.as_bytes()) {
            Ok(article) => article,
            Err(e) => panic!("{e}"),
        }
    }

    fn paragraphs(article: &Article) -> Vec<&str> {
        article.paragraph_texts().collect()
    }

    const FULL_PAGE: &str = "\
وزير الزراعة يفتتح معرض التمور في المدينة

الأحد 9 يناير 2022 03:15 م

افتتح وزير الزراعة صباح اليوم معرض التمور السنوي بمشاركة مئة مزارع.

وقال الوزير إن \"المعرض يعكس جودة الإنتاج المحلي\"، مشيرا إلى خطط للتصدير.

المصدر | وكالة الأنباء

الكلمات المفتاحية:

التمور الزراعة المعارض

ارتفاع صادرات التمور خلال العام الماضي
مزارعون يطالبون بدعم أكبر لقطاع النخيل
";

    #[test]
    fn full_page() {
        let a = read(FULL_PAGE);
        assert_eq!(a.headline.as_deref(), Some("وزير الزراعة يفتتح معرض التمور في المدينة"));
        assert_eq!(a.published.map(|p| p.to_string()).as_deref(), Some("2022-01-09T15:15:00"));
        assert_eq!(paragraphs(&a).len(), 2);
        assert!(paragraphs(&a)[0].starts_with("افتتح"));
        assert_eq!(a.source.as_deref(), Some("وكالة الأنباء"));
        assert_eq!(a.publisher_tags, vec!["التمور", "الزراعة", "المعارض"]);
        assert_eq!(a.related_headlines.len(), 2);
        assert_eq!(a.text, FULL_PAGE);
        assert_eq!(a.id, "page.txt");
        assert_eq!(a.origin, origin("page.txt", None));
    }

    #[test]
    fn headline_then_body() {
        let a = read("عنوان قصير\nالفقرة الأولى من الخبر.\nالفقرة الثانية.");
        assert_eq!(a.headline.as_deref(), Some("عنوان قصير"));
        assert_eq!(a.published, None);
        assert_eq!(paragraphs(&a), vec!["الفقرة الأولى من الخبر.", "الفقرة الثانية."]);
        assert!(
            a.source.is_none() && a.publisher_tags.is_empty() && a.related_headlines.is_empty()
        );
    }

    #[test]
    fn source_without_tags_ends_the_body() {
        let a = read("عنوان\nنص الخبر الأول.\nالمصدر: وكالات\nخبر آخر ذو صلة بالموضوع");
        assert_eq!(paragraphs(&a), vec!["نص الخبر الأول."]);
        assert_eq!(a.source.as_deref(), Some("وكالات"));
        assert_eq!(a.related_headlines, vec!["خبر آخر ذو صلة بالموضوع"]);
    }

    #[test]
    fn source_before_the_body_does_not_end_it() {
        let a = read("عنوان\nالمصدر - الجزيرة\nنص الخبر الأول.\nنص الخبر الثاني.");
        assert_eq!(a.source.as_deref(), Some("الجزيرة"));
        assert_eq!(paragraphs(&a), vec!["نص الخبر الأول.", "نص الخبر الثاني."]);
    }

    #[test]
    fn a_body_sentence_about_a_source_is_body() {
        let line = "المصدر: إن المفاوضات ستستأنف الأسبوع المقبل بعد توقف دام شهرين كاملين";
        let a = read(&format!("عنوان\n{line}"));
        assert_eq!(paragraphs(&a), vec![line]);
        assert_eq!(a.source, None);
    }

    #[test]
    fn tags_inline_and_comma_separated() {
        let a = read("عنوان\nنص.\nالوسوم: الأمم المتحدة، مجلس الأمن\nخبر ذو صلة");
        assert_eq!(a.publisher_tags, vec!["الأمم المتحدة", "مجلس الأمن"]);
        assert_eq!(paragraphs(&a), vec!["نص."]);
        assert_eq!(a.related_headlines, vec!["خبر ذو صلة"]);
    }

    #[test]
    fn tags_one_a_line() {
        let a = read(
            "عنوان\nنص.\n  وسوم  \nمصر\nالأمم المتحدة\nليبيا\nوزير الخارجية يزور القاهرة الأسبوع المقبل",
        );
        assert_eq!(a.publisher_tags, vec!["مصر", "الأمم المتحدة", "ليبيا"]);
        assert_eq!(a.related_headlines, vec!["وزير الخارجية يزور القاهرة الأسبوع المقبل"]);
    }

    #[test]
    fn related_header_and_inline_link() {
        let a = read(
            "عنوان\nنص أول.\nاقرأ أيضا: خبر مرتبط بالنص\nنص ثان.\nمواضيع ذات صلة\nخبر أول\nخبر ثان",
        );
        assert_eq!(paragraphs(&a), vec!["نص أول.", "نص ثان."]);
        assert_eq!(a.related_headlines, vec!["خبر مرتبط بالنص", "خبر أول", "خبر ثان"]);
    }

    #[test]
    fn trailing_tag_tail_without_a_block() {
        let a = read("عنوان\nنص الخبر. سمات الرياض الطقس");
        assert_eq!(a.publisher_tags, vec!["الرياض", "الطقس"]);
        assert_eq!(paragraphs(&a), vec!["نص الخبر."]);
    }

    #[test]
    fn bom_crlf_and_offsets() {
        let page = "\u{feff}عنوان الخبر\r\n\r\n٨ يناير ٢٠٢٢\r\n  نص الخبر.  \r\n";
        let a = read(page);
        assert_eq!(a.headline.as_deref(), Some("عنوان الخبر"));
        assert_eq!(a.published.map(|p| p.to_string()).as_deref(), Some("2022-01-08T00:00:00"));
        assert_eq!(paragraphs(&a), vec!["نص الخبر."]);
        assert_eq!(a.text, page.trim_start_matches('\u{feff}'));
    }

    #[test]
    fn dateline_first_means_no_headline() {
        let a = read("السبت 8 يناير 2022\nعنوان بعد التاريخ\nنص.");
        assert!(a.published.is_some());
        assert_eq!(a.headline.as_deref(), Some("عنوان بعد التاريخ"));
        assert_eq!(paragraphs(&a), vec!["نص."]);
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        let mut bytes = "عنوان\nنص".as_bytes().to_vec();
        bytes.insert(10, 0xFF);
        let err = read_page("bad.txt", &bytes).err();
        assert_eq!(err.map(|e| e.to_string()).as_deref(), Some("bad.txt (byte 10): invalid UTF-8"));
    }

    #[test]
    fn only_whitespace_lines() {
        let err = read_page("ws.txt", "\u{a0}\n \u{a0}".as_bytes()).err().map(|e| e.message);
        assert_eq!(err.as_deref(), Some("empty file"));
    }
}
