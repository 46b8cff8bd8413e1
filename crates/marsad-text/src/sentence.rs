//! Sentence boundaries.
//!
//! A sentence ends at `.`, `!`, `?`, `؟`, `…` or a run of dots, together with any closing
//! quotes or brackets right after it, and always at the end of a paragraph. A terminator
//! inside a quotation does not end the sentence, so `قال: "جاء. ثم ذهب" ثم سكت.` is one
//! sentence; a quotation that never closes within its paragraph is ignored, so one stray
//! quote mark cannot swallow a paragraph.

use crate::token::{Token, TokenKind};

/// A sentence: the byte range `start..end` of the original text and the token indices
/// `first_token..end_token` of the token list it was split from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub first_token: usize,
    pub end_token: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum QuoteMark {
    Open(char),
    Close(char),
    /// `"` opens or closes depending on the state.
    Toggle,
}

fn quote_mark(s: &str) -> Option<QuoteMark> {
    match s {
        "«" => Some(QuoteMark::Open('»')),
        "“" => Some(QuoteMark::Open('”')),
        "„" => Some(QuoteMark::Open('”')),
        "‹" => Some(QuoteMark::Open('›')),
        "»" | "”" | "›" => s.chars().next().map(QuoteMark::Close),
        "\"" => Some(QuoteMark::Toggle),
        _ => None,
    }
}

fn is_terminator(s: &str) -> bool {
    matches!(s, "!" | "?" | "؟" | "…" | "۔") || (!s.is_empty() && s.bytes().all(|b| b == b'.'))
}

fn is_closer(s: &str) -> bool {
    matches!(s, "»" | "”" | "\"" | "’" | "›" | ")" | "]" | "}")
}

/// Splits each paragraph `(start, end)` of `text` into sentences. `tokens` must be the
/// tokens of `text` in order; `paragraphs` must be sorted and non-overlapping.
pub fn sentences(text: &str, tokens: &[Token], paragraphs: &[(usize, usize)]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut ti = 0;
    for &(pstart, pend) in paragraphs {
        while ti < tokens.len() && tokens[ti].start < pstart {
            ti += 1;
        }
        let first = ti;
        while ti < tokens.len() && tokens[ti].end <= pend {
            ti += 1;
        }
        split_paragraph(text, tokens, first, ti, &mut out);
    }
    out
}

/// Splits tokens `first..end` (one paragraph) into sentences appended to `out`.
fn split_paragraph(
    text: &str,
    tokens: &[Token],
    first: usize,
    end: usize,
    out: &mut Vec<Sentence>,
) {
    if first >= end {
        return;
    }
    let quoted = quoted_tokens(text, &tokens[first..end]);
    let mut sentence_start = first;
    let mut i = first;
    while i < end {
        let t = tokens[i];
        let s = t.text(text);
        if t.kind == TokenKind::Punct && is_terminator(s) && !quoted[i - first] {
            let mut last = i + 1;
            while last < end
                && tokens[last].kind == TokenKind::Punct
                && is_closer(tokens[last].text(text))
            {
                last += 1;
            }
            // Further terminators (`؟!`) belong to the same sentence.
            while last < end
                && tokens[last].kind == TokenKind::Punct
                && is_terminator(tokens[last].text(text))
            {
                last += 1;
            }
            push(tokens, sentence_start, last, out);
            sentence_start = last;
            i = last;
            continue;
        }
        i += 1;
    }
    push(tokens, sentence_start, end, out);
}

fn push(tokens: &[Token], first: usize, end: usize, out: &mut Vec<Sentence>) {
    if first < end {
        out.push(Sentence {
            start: tokens[first].start,
            end: tokens[end - 1].end,
            first_token: first,
            end_token: end,
        });
    }
}

/// For each token of one paragraph, whether it sits inside a quotation that closes within
/// the paragraph.
fn quoted_tokens(text: &str, tokens: &[Token]) -> Vec<bool> {
    let mut quoted = vec![false; tokens.len()];
    // Stack of (expected closer, index of the opening token).
    let mut open: Vec<(Option<char>, usize)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Punct {
            continue;
        }
        match quote_mark(t.text(text)) {
            Some(QuoteMark::Open(closer)) => open.push((Some(closer), i)),
            Some(QuoteMark::Close(c)) => {
                if let Some(pos) = open.iter().rposition(|&(want, _)| want == Some(c)) {
                    let (_, from) = open[pos];
                    open.truncate(pos);
                    quoted[from + 1..i].iter_mut().for_each(|q| *q = true);
                }
            }
            Some(QuoteMark::Toggle) => {
                if let Some(pos) = open.iter().rposition(|&(want, _)| want.is_none()) {
                    let (_, from) = open[pos];
                    open.truncate(pos);
                    quoted[from + 1..i].iter_mut().for_each(|q| *q = true);
                } else {
                    open.push((None, i));
                }
            }
            None => {}
        }
    }
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize;

    fn split(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        sentences(text, &tokens, &[(0, text.len())])
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn splits_on_arabic_and_latin_terminators() {
        assert_eq!(
            split("وصل الوفد. هل انتهى الاجتماع؟ نعم! ثم غادر…"),
            vec!["وصل الوفد.", "هل انتهى الاجتماع؟", "نعم!", "ثم غادر…"]
        );
    }

    #[test]
    fn quotations_are_not_split() {
        assert_eq!(
            split("قال الوزير: \"وصلنا. وسنبقى\". ثم غادر."),
            vec!["قال الوزير: \"وصلنا. وسنبقى\".", "ثم غادر."]
        );
        assert_eq!(
            split("قالت: «انتهى الأمر. لن نعود». وصمتت."),
            vec!["قالت: «انتهى الأمر. لن نعود».", "وصمتت."]
        );
    }

    #[test]
    fn terminator_inside_a_quote_keeps_the_speaker_in_the_sentence() {
        // Quote attribution needs `قال` and the quoted words in one sentence.
        assert_eq!(
            split("قال: “انتهينا.” وغادر. ثم عاد."),
            vec!["قال: “انتهينا.” وغادر.", "ثم عاد."]
        );
        assert_eq!(split("وتابع: \"لا أفهم!\""), vec!["وتابع: \"لا أفهم!\""]);
    }

    #[test]
    fn unclosed_quote_does_not_swallow_paragraph() {
        assert_eq!(split("قال \"أولا. ثانيا. ثالثا."), vec!["قال \"أولا.", "ثانيا.", "ثالثا."]);
    }

    #[test]
    fn paragraphs_always_end_sentences() {
        let text = "سطر أول بلا نقطة\nسطر ثان.";
        let tokens = tokenize(text);
        let nl = text.find('\n').expect("has a newline");
        let s = sentences(text, &tokens, &[(0, nl), (nl + 1, text.len())]);
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn numbers_with_dots_do_not_split() {
        assert_eq!(
            split("ارتفع بنسبة 2.5 بالمئة. ثم هبط."),
            vec!["ارتفع بنسبة 2.5 بالمئة.", "ثم هبط."]
        );
    }
}
