//! IOB2 labels over four entity types.

use std::fmt;

/// The entity types of ANERcorp.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    Pers,
    Loc,
    Org,
    Misc,
}

impl EntityType {
    pub const ALL: [EntityType; 4] =
        [EntityType::Pers, EntityType::Loc, EntityType::Org, EntityType::Misc];

    /// The name used in IOB tags (`PERS`) — ANERcorp's spelling.
    pub fn tag_name(self) -> &'static str {
        match self {
            EntityType::Pers => "PERS",
            EntityType::Loc => "LOC",
            EntityType::Org => "ORG",
            EntityType::Misc => "MISC",
        }
    }

    /// The short label used in Marsad's output (`PER`, `LOC`, `ORG`, `MISC`).
    pub fn output_name(self) -> &'static str {
        match self {
            EntityType::Pers => "PER",
            EntityType::Loc => "LOC",
            EntityType::Org => "ORG",
            EntityType::Misc => "MISC",
        }
    }
}

/// One IOB2 label. Indices are stable: they index model weights.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    O,
    B(EntityType),
    I(EntityType),
}

/// Number of labels: `O` plus `B-` and `I-` for each type.
pub const NUM_LABELS: usize = 9;

impl Label {
    /// All labels in index order.
    pub fn all() -> [Label; NUM_LABELS] {
        let mut out = [Label::O; NUM_LABELS];
        for (i, t) in EntityType::ALL.into_iter().enumerate() {
            out[1 + 2 * i] = Label::B(t);
            out[2 + 2 * i] = Label::I(t);
        }
        out
    }

    pub fn index(self) -> usize {
        let type_index = |t: EntityType| EntityType::ALL.iter().position(|&x| x == t).unwrap_or(0);
        match self {
            Label::O => 0,
            Label::B(t) => 1 + 2 * type_index(t),
            Label::I(t) => 2 + 2 * type_index(t),
        }
    }

    pub fn from_index(i: usize) -> Label {
        Label::all().get(i).copied().unwrap_or(Label::O)
    }

    /// Parses `O`, `B-PERS`, `I-LOC`, … (also `PER`). Unknown tags are `None`.
    pub fn parse(tag: &str) -> Option<Label> {
        if tag == "O" {
            return Some(Label::O);
        }
        let (prefix, name) = tag.split_once('-')?;
        let t = match name {
            "PERS" | "PER" => EntityType::Pers,
            "LOC" => EntityType::Loc,
            "ORG" => EntityType::Org,
            "MISC" => EntityType::Misc,
            _ => return None,
        };
        match prefix {
            "B" => Some(Label::B(t)),
            "I" => Some(Label::I(t)),
            _ => None,
        }
    }

    /// Whether `self` may follow `prev` in IOB2: `I-X` only after `B-X` or `I-X`.
    pub fn may_follow(self, prev: Option<Label>) -> bool {
        match self {
            Label::I(t) => matches!(prev, Some(Label::B(p)) | Some(Label::I(p)) if p == t),
            _ => true,
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::O => f.write_str("O"),
            Label::B(t) => write!(f, "B-{}", t.tag_name()),
            Label::I(t) => write!(f, "I-{}", t.tag_name()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_round_trip() {
        for (i, l) in Label::all().into_iter().enumerate() {
            assert_eq!(l.index(), i);
            assert_eq!(Label::from_index(i), l);
            assert_eq!(Label::parse(&l.to_string()), Some(l));
        }
        assert_eq!(Label::parse("B-PER"), Some(Label::B(EntityType::Pers)));
        assert_eq!(Label::parse("X-LOC"), None);
        assert!(!Label::I(EntityType::Loc).may_follow(Some(Label::B(EntityType::Pers))));
        assert!(Label::I(EntityType::Loc).may_follow(Some(Label::I(EntityType::Loc))));
        assert!(!Label::I(EntityType::Loc).may_follow(None));
    }
}
