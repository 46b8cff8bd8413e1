//! Body helpers shared by the readers: paragraphs as ranges, tags, and the trailing
//! `سمات` tag list some outlets append to the body.

use marsad_doc::TextRange;

/// The ranges of the non-empty lines of `text`, trimmed of whitespace.
pub(crate) fn line_ranges(text: &str) -> Vec<TextRange> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        if let Some(range) = trimmed(line, start) {
            ranges.push(range);
        }
        start += line.len() + 1;
    }
    ranges
}

/// The range of `line` (which starts at byte `start`) without surrounding whitespace, or
/// `None` if nothing is left.
pub(crate) fn trimmed(line: &str, start: usize) -> Option<TextRange> {
    let kept = line.trim();
    if kept.is_empty() {
        return None;
    }
    let lead = line.len() - line.trim_start().len();
    Some(TextRange::new(start + lead, start + lead + kept.len()))
}

/// Separators of a tag list.
const TAG_SEPARATORS: &[char] = &['،', ',', '؛', ';', '|'];

/// Splits a tag line: on `،`, `,`, `؛`, `;` or `|` when it has any, else on whitespace.
pub(crate) fn split_tags(line: &str) -> Vec<String> {
    if line.contains(TAG_SEPARATORS) {
        split_tag_list(line)
    } else {
        line.split_whitespace().map(str::to_owned).collect()
    }
}

/// Splits a tag list on `،`, `,`, `؛`, `;` or `|` only, so one tag may have several words.
pub(crate) fn split_tag_list(list: &str) -> Vec<String> {
    list.split(TAG_SEPARATORS).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// The word that starts a trailing tag list.
const TAIL_MARKER: &str = "سمات";

/// A trailing tag list has at most this many tags.
const MAX_TAIL_TAGS: usize = 25;

/// A tag in a trailing tag list has at most this many characters.
const MAX_TAIL_TAG_CHARS: usize = 30;

/// Characters that end or punctuate sentences, which a tag list never has.
const SENTENCE_PUNCTUATION: &[char] =
    &['.', '،', '؟', '?', '!', ':', '؛', ';', '«', '»', '"', '“', '”', '…'];

/// Splits a trailing tag list off the body and returns its tags (empty if there is none).
///
/// Some outlets append their tags to the body: `… آخر جملة. سمات دبي إنقاذ غرق`, on the last
/// line or a line of its own. The tail is the last whole word `سمات` of the last paragraph
/// when what follows it is 1 to 25 short words without sentence punctuation. The last
/// paragraph is cut before `سمات` (and dropped if nothing is left); `text` is not touched.
pub(crate) fn split_tag_tail(text: &str, paragraphs: &mut Vec<TextRange>) -> Vec<String> {
    let Some(last) = paragraphs.last_mut() else {
        return Vec::new();
    };
    let para = last.slice(text);
    let Some(marker) = last_whole_word(para, TAIL_MARKER) else {
        return Vec::new();
    };
    let tail = para.get(marker + TAIL_MARKER.len()..).unwrap_or("");
    let tags: Vec<&str> = tail.split_whitespace().take(MAX_TAIL_TAGS + 1).collect();
    let is_tag =
        |t: &&str| t.chars().count() <= MAX_TAIL_TAG_CHARS && !t.contains(SENTENCE_PUNCTUATION);
    if tags.is_empty() || tags.len() > MAX_TAIL_TAGS || !tags.iter().all(is_tag) {
        return Vec::new();
    }
    let kept = para.get(..marker).unwrap_or("").trim_end();
    if kept.is_empty() {
        paragraphs.pop();
    } else {
        last.end = last.start + kept.len();
    }
    tags.into_iter().map(str::to_owned).collect()
}

/// The byte position of the last occurrence of `word` in `text` that stands as a word of its
/// own: not inside or next to other letters or marks (`سماتٍ` is not `سمات`), and followed by
/// whitespace or the end.
fn last_whole_word(text: &str, word: &str) -> Option<usize> {
    text.rmatch_indices(word).map(|(at, _)| at).find(|&at| {
        let before = text.get(..at).and_then(|s| s.chars().next_back());
        let after = text.get(at + word.len()..).and_then(|s| s.chars().next());
        before.is_none_or(|c| !c.is_alphanumeric() && !is_mark(c))
            && after.is_none_or(char::is_whitespace)
    })
}

/// Arabic diacritics and other combining marks, which belong to the word before them.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'
        | '\u{06D6}'..='\u{06ED}' | '\u{0300}'..='\u{036F}' | '\u{200C}' | '\u{200D}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'t>(text: &'t str, ranges: &[TextRange]) -> Vec<&'t str> {
        ranges.iter().map(|r| r.slice(text)).collect()
    }

    #[test]
    fn lines_are_trimmed_and_blank_lines_dropped() {
        let text = " أول سطر \r\n\n\u{a0}\n\tثاني سطر\n";
        let ranges = line_ranges(text);
        assert_eq!(texts(text, &ranges), vec!["أول سطر", "ثاني سطر"]);
        assert!(line_ranges("").is_empty());
        assert!(line_ranges("\n\n \n").is_empty());
    }

    #[test]
    fn tags_split_on_separators_or_spaces() {
        assert_eq!(split_tags("مصر السودان  ليبيا"), vec!["مصر", "السودان", "ليبيا"]);
        assert_eq!(
            split_tags("الأمم المتحدة، مجلس الأمن ،ليبيا"),
            vec!["الأمم المتحدة", "مجلس الأمن", "ليبيا"]
        );
        assert_eq!(split_tags("a | b c"), vec!["a", "b c"]);
        assert!(split_tags(" ، ").is_empty());
        assert_eq!(split_tag_list("الأمم المتحدة"), vec!["الأمم المتحدة"]);
    }

    fn tail(text: &str) -> (Vec<String>, Vec<&str>) {
        let mut ranges = line_ranges(text);
        let tags = split_tag_tail(text, &mut ranges);
        (tags, texts(text, &ranges))
    }

    #[test]
    fn tail_on_the_last_line() {
        let text = "افتتح المعرض أبوابه.\nوشهد إقبالا كبيرا من الزوار. سمات المعرض الكتاب الرياض";
        let (tags, paras) = tail(text);
        assert_eq!(tags, vec!["المعرض", "الكتاب", "الرياض"]);
        assert_eq!(paras, vec!["افتتح المعرض أبوابه.", "وشهد إقبالا كبيرا من الزوار."]);
    }

    #[test]
    fn tail_on_a_line_of_its_own() {
        let text = "وشهد إقبالا كبيرا من الزوار.\n\u{a0} سمات المعرض الكتاب ";
        let (tags, paras) = tail(text);
        assert_eq!(tags, vec!["المعرض", "الكتاب"]);
        assert_eq!(paras, vec!["وشهد إقبالا كبيرا من الزوار."]);
    }

    #[test]
    fn tail_after_a_body_word() {
        // The body was cut off mid-sentence and the tags follow without punctuation; the
        // last سمات still starts the tags.
        let text = "تتميز المدينة بمعالم كثيرة تزخر بها سمات السياحة جدة";
        let (tags, paras) = tail(text);
        assert_eq!(tags, vec!["السياحة", "جدة"]);
        assert_eq!(paras, vec!["تتميز المدينة بمعالم كثيرة تزخر بها"]);
    }

    #[test]
    fn no_tail_in_prose() {
        for text in [
            "من أهم سمات القائد الصبر، والحكمة في القرار.",
            "هذه من سماتٍ نادرة",
            "تحدث عن سمات المرحلة المقبلة: الإصلاح والتنمية",
            "الكلمات المفتاحية سمات",
            "",
        ] {
            let (tags, paras) = tail(text);
            assert!(tags.is_empty(), "{text}");
            assert_eq!(paras, texts(text, &line_ranges(text)), "{text}");
        }
        let long = format!("خبر. سمات {}", "وسم ".repeat(MAX_TAIL_TAGS + 1));
        assert!(tail(&long).0.is_empty());
    }
}
