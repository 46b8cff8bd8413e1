//! CoNLL-style NER corpora: one `token TAG` per line, sentences separated by blank lines.
//!
//! ANERcorp's original file has no blank lines; [`read_conll`] with `split_on_period` ends a
//! sentence after every `. O` line instead.

use crate::label::Label;

/// A labelled sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub labels: Vec<Label>,
}

/// The sentences of a corpus and the lines that could not be read.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    pub sentences: Vec<Sentence>,
    /// `(line number, reason)` for every skipped line.
    pub skipped: Vec<(usize, String)>,
}

impl Corpus {
    pub fn tokens(&self) -> usize {
        self.sentences.iter().map(|s| s.tokens.len()).sum()
    }
}

/// Reads `token TAG` lines. Lines whose last field is not a valid tag are skipped and
/// reported; a token with inner spaces keeps them (the tag is the last field).
pub fn read_conll(text: &str, split_on_period: bool) -> Corpus {
    let mut corpus = Corpus::default();
    let mut current = Sentence::default();
    let flush = |current: &mut Sentence, corpus: &mut Corpus| {
        if !current.tokens.is_empty() {
            corpus.sentences.push(std::mem::take(current));
        }
    };
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.is_empty() {
            flush(&mut current, &mut corpus);
            continue;
        }
        let Some((token, tag)) = line.rsplit_once(char::is_whitespace) else {
            corpus.skipped.push((i + 1, format!("no tag: {line:?}")));
            continue;
        };
        let (token, tag) = (token.trim(), tag.trim());
        let Some(label) = Label::parse(tag) else {
            corpus.skipped.push((i + 1, format!("unknown tag {tag:?}")));
            continue;
        };
        if token.is_empty() {
            corpus.skipped.push((i + 1, "empty token".into()));
            continue;
        }
        current.tokens.push(token.to_owned());
        current.labels.push(label);
        if split_on_period && label == Label::O && token == "." {
            flush(&mut current, &mut corpus);
        }
    }
    flush(&mut current, &mut corpus);
    corpus
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::EntityType;

    #[test]
    fn reads_and_splits() {
        let text = "زار B-PERS\nسمير I-PERS\n. O\nبغداد B-LOC\nbad\nx Z-LOC\n\nو O\n";
        let c = read_conll(text, true);
        assert_eq!(c.sentences.len(), 3);
        assert_eq!(c.sentences[1].labels, vec![Label::B(EntityType::Loc)]);
        assert_eq!(c.skipped.len(), 2);
        let c = read_conll(text, false);
        assert_eq!(c.sentences.len(), 2);
    }
}
