//! CoNLL entity-level evaluation: an entity counts only if its type and both boundaries
//! match the gold entity exactly.

use std::collections::BTreeMap;

use crate::label::{EntityType, Label};

/// An entity as a half-open token range with a type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntitySpan {
    pub start: usize,
    pub end: usize,
    pub entity_type: EntityType,
}

/// Entities of an IOB2 sequence. As in conlleval, an `I-X` that does not continue an `X`
/// entity starts a new one.
pub fn spans(labels: &[Label]) -> Vec<EntitySpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, l) in labels.iter().enumerate() {
        let continues = matches!((l, open), (Label::I(t), Some((_, o))) if *t == o);
        if continues {
            continue;
        }
        if let Some((start, t)) = open.take() {
            out.push(EntitySpan { start, end: i, entity_type: t });
        }
        match l {
            Label::B(t) | Label::I(t) => open = Some((i, *t)),
            Label::O => {}
        }
    }
    if let Some((start, t)) = open {
        out.push(EntitySpan { start, end: labels.len(), entity_type: t });
    }
    out
}

/// Counts for one type (or all).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 { 0.0 } else { self.correct as f64 / self.predicted as f64 }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 { 0.0 } else { self.correct as f64 / self.gold as f64 }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

/// Per-type and micro-averaged counts.
#[derive(Clone, Debug, Default)]
pub struct NerScores {
    pub by_type: BTreeMap<EntityType, Counts>,
    pub micro: Counts,
    pub tokens: usize,
}

impl NerScores {
    /// Adds one sentence's gold and predicted labels.
    pub fn add(&mut self, gold: &[Label], predicted: &[Label]) {
        self.tokens += gold.len();
        let g = spans(gold);
        let p = spans(predicted);
        for s in &g {
            self.by_type.entry(s.entity_type).or_default().gold += 1;
            self.micro.gold += 1;
        }
        for s in &p {
            self.by_type.entry(s.entity_type).or_default().predicted += 1;
            self.micro.predicted += 1;
            if g.contains(s) {
                self.by_type.entry(s.entity_type).or_default().correct += 1;
                self.micro.correct += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityType::*;

    #[test]
    fn spans_follow_conlleval() {
        let l =
            [Label::B(Pers), Label::I(Pers), Label::O, Label::I(Loc), Label::B(Loc), Label::I(Org)];
        let s = spans(&l);
        assert_eq!(
            s,
            vec![
                EntitySpan { start: 0, end: 2, entity_type: Pers },
                EntitySpan { start: 3, end: 4, entity_type: Loc },
                EntitySpan { start: 4, end: 5, entity_type: Loc },
                EntitySpan { start: 5, end: 6, entity_type: Org },
            ]
        );
    }

    #[test]
    fn exact_boundaries_count() {
        let mut s = NerScores::default();
        s.add(
            &[Label::B(Pers), Label::I(Pers), Label::B(Loc)],
            &[Label::B(Pers), Label::O, Label::B(Loc)],
        );
        assert_eq!(s.micro, Counts { gold: 2, predicted: 2, correct: 1 });
        assert!((s.micro.f1() - 0.5).abs() < 1e-9);
    }
}
