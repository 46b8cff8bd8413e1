//! The speaker ranker's training data and its cross-validation over the annotated sets.
//!
//! Every body quote Marsad finds that overlaps an annotated quote becomes one
//! [`RankExample`]: its candidates (see `marsad_events::SpeakerModel`) labelled right when
//! the scorer's own matcher ([`same_party`]) accepts them for the annotated speaker.
//! [`leave_one_set_out`] trains on all sets but one and scores the one left out, so each
//! set's figure comes from a model that never saw it.

use marsad_doc::{Doc, Field};
use marsad_events::{GivenQuote, RankExample, SpeakerCandidates, SpeakerModel};
use serde::Serialize;

use crate::events::{EventsDev, Label, same_party, with_canonical_names};

/// One quote's candidates, labelled, and which of them the rules chose.
#[derive(Clone, Debug, PartialEq)]
pub struct Labelled {
    pub example: RankExample,
    /// The index of the rules' speaker among the candidates (none when the rules found no
    /// speaker).
    pub rule: Option<usize>,
    /// Where the quote is: document id and body offsets.
    pub doc: String,
    pub start: usize,
    pub end: usize,
    /// Each candidate's value (entity id or words), and the annotated speaker.
    pub values: Vec<String>,
    pub gold: String,
}

/// The labelled quotes of one annotated set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SetExamples {
    pub name: String,
    pub quotes: Vec<Labelled>,
}

/// Labels the candidates of `doc`'s body quotes (document `id`) against the annotated
/// quotes of `set`: each found quote takes the annotated quote it overlaps most, within
/// the annotated scope.
pub fn label(set: &EventsDev, id: &str, doc: &Doc, found: &[SpeakerCandidates]) -> Vec<Labelled> {
    let Some(scope) = set.docs.iter().find(|d| d.id == id) else { return Vec::new() };
    let golds: Vec<(usize, usize, &str)> = set
        .items
        .iter()
        .filter(|g| g.doc == id && g.field == "body")
        .filter_map(|g| match &g.label {
            Label::Quote { speaker, .. } => Some((g.start, g.end, speaker.as_str())),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for q in found.iter().filter(|q| q.field == Field::Body) {
        if q.start < scope.scope_start || q.start >= scope.scope_end {
            continue;
        }
        let best = golds
            .iter()
            .filter(|(a, b, _)| q.start < *b && *a < q.end)
            .max_by_key(|(a, b, _)| q.end.min(*b) - q.start.max(*a));
        let Some(&(_, _, speaker)) = best else { continue };
        let right = q
            .candidates
            .iter()
            .map(|c| {
                let names = with_canonical_names(vec![c.value.clone(), c.written.clone()], doc);
                same_party(speaker, &names)
            })
            .collect();
        out.push(Labelled {
            example: RankExample {
                candidates: q.candidates.iter().map(|c| c.features.clone()).collect(),
                right,
            },
            rule: q.candidates.iter().position(|c| c.rule),
            doc: id.to_owned(),
            start: q.start,
            end: q.end,
            values: q.candidates.iter().map(|c| c.value.clone()).collect(),
            gold: speaker.to_owned(),
        });
    }
    out
}

/// How the rules and a ranker do on one set's labelled quotes.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RankScore {
    pub set: String,
    /// Found quotes that overlap an annotated one.
    pub quotes: usize,
    /// Quotes whose annotated speaker is among the candidates (the ranker's ceiling).
    pub reachable: usize,
    pub rule_right: usize,
    pub ranker_right: usize,
    /// Quotes where the ranker chose another candidate than the rules.
    pub changed: usize,
}

impl RankScore {
    pub fn rule_accuracy(&self) -> f64 {
        ratio(self.rule_right, self.quotes)
    }
    pub fn ranker_accuracy(&self) -> f64 {
        ratio(self.ranker_right, self.quotes)
    }
    pub fn ceiling(&self) -> f64 {
        ratio(self.reachable, self.quotes)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores `model` and the rules on `set`.
pub fn score(set: &SetExamples, model: &SpeakerModel) -> RankScore {
    let mut s = RankScore { set: set.name.clone(), ..RankScore::default() };
    for q in &set.quotes {
        let right =
            |i: Option<usize>| i.and_then(|i| q.example.right.get(i)).copied().unwrap_or(false);
        s.quotes += 1;
        s.reachable += usize::from(q.example.right.iter().any(|r| *r));
        s.rule_right += usize::from(right(q.rule));
        let chosen = model.choose(&q.example.candidates, q.rule);
        s.ranker_right += usize::from(right(chosen));
        s.changed += usize::from(chosen != q.rule);
    }
    s
}

/// A model trained on every set but `held`, with the override margin `margin`.
pub fn train_without(
    sets: &[SetExamples],
    held: usize,
    epochs: usize,
    margin: f32,
) -> SpeakerModel {
    let train: Vec<RankExample> = sets
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != held)
        .flat_map(|(_, s)| s.quotes.iter().map(|q| q.example.clone()))
        .collect();
    SpeakerModel::train(&train, epochs).with_margin(margin)
}

/// Trains on every set but one and scores the one left out, for each set in turn, with
/// the override margin `margin`.
pub fn leave_one_set_out(sets: &[SetExamples], epochs: usize, margin: f32) -> Vec<RankScore> {
    sets.iter()
        .enumerate()
        .map(|(held, s)| score(s, &train_without(sets, held, epochs, margin)))
        .collect()
}

/// The override margins [`margin_grid`] tries.
pub const MARGINS: [f32; 8] = [0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0];

/// Each margin of [`MARGINS`] with its leave-one-set-out total, and the standard error of
/// the best accuracy (`sqrt(p(1-p)/n)` over the `n` quotes): margins whose accuracies lie
/// within it of each other are ones the folds cannot tell apart.
pub fn margin_grid(sets: &[SetExamples], epochs: usize) -> (Vec<(f32, RankScore)>, f64) {
    let tried: Vec<(f32, RankScore)> =
        MARGINS.iter().map(|&m| (m, total(&leave_one_set_out(sets, epochs, m)))).collect();
    let best = tried.iter().map(|(_, s)| s.ranker_accuracy()).fold(0.0, f64::max);
    // (Every margin is scored on the same quotes.)
    let quotes = tried.first().map_or(1, |(_, s)| s.quotes.max(1));
    (tried, (best * (1.0 - best) / quotes as f64).sqrt())
}

/// The sum of several sets' scores, named `total`.
pub fn total(scores: &[RankScore]) -> RankScore {
    let mut t = RankScore { set: "total".into(), ..RankScore::default() };
    for s in scores {
        t.quotes += s.quotes;
        t.reachable += s.reachable;
        t.rule_right += s.rule_right;
        t.ranker_right += s.ranker_right;
        t.changed += s.changed;
    }
    t
}

/// The rules' speakers at each set's blind run (`data/speakers-blind.tsv`), by set and
/// document.
pub type BlindSpeakers = std::collections::HashMap<(String, String), Vec<GivenQuote>>;

/// Reads `set doc start end speaker speaker_text span_start span_end` lines (`-` for none,
/// `#` comments). Malformed lines are returned as errors with their line number.
pub fn read_blind(tsv: &str) -> (BlindSpeakers, Vec<String>) {
    let mut out = BlindSpeakers::new();
    let mut errors = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let parsed = match cols.as_slice() {
            [set, doc, start, end, speaker, text, a, b] => {
                let opt = |s: &str| (s != "-").then(|| s.to_owned());
                let span = match (a.parse::<usize>(), b.parse::<usize>()) {
                    (Ok(a), Ok(b)) => Some((a, b)),
                    _ => None,
                };
                match (start.parse::<usize>(), end.parse::<usize>()) {
                    (Ok(start), Ok(end)) if start <= end => Some((
                        (set.to_string(), doc.to_string()),
                        GivenQuote {
                            start,
                            end,
                            speaker: opt(speaker),
                            speaker_text: opt(text),
                            speaker_span: span,
                        },
                    )),
                    _ => None,
                }
            }
            _ => None,
        };
        match parsed {
            Some((key, q)) => out.entry(key).or_default().push(q),
            None => errors.push(format!("line {}: malformed", n + 1)),
        }
    }
    (out, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blind_lines_read_and_bad_ones_are_named() {
        let tsv = "# comment\n\
                   dev4\tdoc-1\t10\t40\tperson:x\tالرئيس\t2\t8\n\
                   dev4\tdoc-1\t50\t90\t-\t-\t-\t-\n\
                   dev4\tdoc-1\t95\t90\tcountry:ru\tموسكو\t-\t-\n\
                   dev4\tdoc-2\t1\n";
        let (blind, errors) = read_blind(tsv);
        assert_eq!(errors, vec!["line 4: malformed", "line 5: malformed"]);
        let quotes = blind.get(&("dev4".to_owned(), "doc-1".to_owned()));
        let Some(quotes) = quotes else { panic!("{blind:?}") };
        assert_eq!(quotes.len(), 2);
        assert_eq!(quotes[0].speaker.as_deref(), Some("person:x"));
        assert_eq!(quotes[0].speaker_span, Some((2, 8)));
        assert_eq!(quotes[1].speaker, None);
        assert_eq!(quotes[1].speaker_span, None);
    }

    fn quote(right: &[bool], rule: Option<usize>, feats: &[&[&str]]) -> Labelled {
        Labelled {
            example: RankExample {
                candidates: feats
                    .iter()
                    .map(|f| f.iter().map(|s| (*s).to_owned()).collect())
                    .collect(),
                right: right.to_vec(),
            },
            rule,
            doc: "d".into(),
            start: 0,
            end: 1,
            values: Vec::new(),
            gold: "g".into(),
        }
    }

    #[test]
    fn scores_count_rules_ranker_ceiling_and_changes() {
        let set = SetExamples {
            name: "s".into(),
            quotes: vec![
                // The rules are right; the model agrees.
                quote(&[true, false], Some(0), &[&["rule"], &["other"]]),
                // The rules are wrong; the model picks the right one.
                quote(&[false, true], Some(0), &[&["rule"], &["near"]]),
                // Nobody can be right.
                quote(&[false], None, &[&["other"]]),
            ],
        };
        let model = SpeakerModel::parse("rule\t1\nnear\t2\n").unwrap_or_default();
        // (A margin of 1 or more would keep the rules' wrong speaker in the second quote.)
        let s = score(&set, &model);
        assert_eq!(
            (s.quotes, s.reachable, s.rule_right, s.ranker_right, s.changed),
            (3, 2, 1, 2, 2)
        );
        assert_eq!(total(&[s.clone(), s]).ranker_right, 4);
    }

    #[test]
    fn each_fold_scores_the_set_left_out() {
        let set = |name: &str| SetExamples {
            name: name.into(),
            quotes: vec![quote(&[false, true], Some(0), &[&["rule"], &["near"]]); 4],
        };
        let folds = leave_one_set_out(&[set("a"), set("b")], 3, 0.0);
        assert_eq!(folds.iter().map(|f| f.set.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert!(folds.iter().all(|f| f.ranker_right == 4 && f.rule_right == 0));
    }
}
