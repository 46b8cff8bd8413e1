//! What the rules read about one field: tokens with their keys, sentences, entity mentions
//! and time expressions, all with checked access.

use marsad_doc::{Doc, Entity, Field, Sentence, TimeMention, Token, TokenKind};
use marsad_text::normalize;

/// One mention of an entity in the field, pointing at its entity.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MentionRef {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
}

/// A field (headline or body) prepared for the rules.
pub(crate) struct FieldCtx<'d> {
    pub field: Field,
    pub text: &'d str,
    pub tokens: &'d [Token],
    pub sentences: &'d [Sentence],
    /// The normalization key of each token (same index as `tokens`).
    pub keys: Vec<String>,
    /// Entity mentions of this field, by start offset.
    pub mentions: Vec<MentionRef>,
    pub entities: &'d [Entity],
    /// Time expressions of this field, in text order.
    pub times: Vec<&'d TimeMention>,
    /// The year the article was published, when known (whose office a title names).
    pub year: Option<i16>,
    /// For each entity (same index as `entities`), the entity it is a short form of: an
    /// untagged person name (`كيم`) whose words all occur in the one knowledge-base person of
    /// the article that contains them (`كيم جونغ أون`).
    alias: Vec<Option<usize>>,
}

impl<'d> FieldCtx<'d> {
    pub fn new(doc: &'d Doc, field: Field) -> FieldCtx<'d> {
        let text = doc.field_text(field);
        let ft = match field {
            Field::Headline => &doc.headline,
            Field::Body => &doc.body,
        };
        let keys = ft.tokens.iter().map(|t| normalize(t.text(text))).collect();
        let mut mentions: Vec<MentionRef> = doc
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| !is_common_noun_entity(e))
            .flat_map(|(i, e)| {
                e.mentions.iter().filter(move |m| m.field == field).map(move |m| MentionRef {
                    start: m.start,
                    end: m.end,
                    entity: i,
                })
            })
            .collect();
        mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        let times = doc.times.iter().filter(|t| t.field == field).collect();
        let alias = short_name_alias(&doc.entities);
        FieldCtx {
            year: doc.article.published.map(|p| p.datetime.year()),
            field,
            text,
            tokens: &ft.tokens,
            sentences: &ft.sentences,
            keys,
            mentions,
            entities: &doc.entities,
            times,
            alias,
        }
    }

    pub fn token(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    /// The country the article names most often, through its own name, its people's
    /// adjective or its cities (every field counts), if one leads: whose an unnamed
    /// ministry is (`وزارة الصحة` in a story from Gaza).
    pub fn home_country(&self) -> Option<&'d str> {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for e in self.entities.iter().filter(|e| e.label == "LOC") {
            let country = government_of(e);
            if !country.starts_with("country:") {
                continue;
            }
            match counts.iter_mut().find(|(c, _)| *c == country) {
                Some((_, n)) => *n += e.mentions.len(),
                None => counts.push((country, e.mentions.len())),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        match counts.as_slice() {
            [(best, n), (_, m), ..] if n > m => Some(best),
            [(best, _)] => Some(best),
            _ => None,
        }
    }

    pub fn key(&self, i: usize) -> &str {
        self.keys.get(i).map_or("", String::as_str)
    }

    /// The original text of token `i` (empty when out of range).
    pub fn word(&self, i: usize) -> &'d str {
        self.tokens.get(i).map_or("", |t| t.text(self.text))
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(Token::is_word)
    }

    pub fn is_number(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Number)
    }

    pub fn is_punct(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| matches!(t.kind, TokenKind::Punct | TokenKind::Symbol))
    }

    /// The text between the start of token `a` and the end of token `b` (inclusive).
    pub fn slice(&self, a: usize, b: usize) -> (&'d str, usize, usize) {
        match (self.tokens.get(a), self.tokens.get(b)) {
            (Some(x), Some(y)) if x.start <= y.end => {
                (self.text.get(x.start..y.end).unwrap_or(""), x.start, y.end)
            }
            _ => ("", 0, 0),
        }
    }

    /// Whether bytes `a` and `b` of the field lie in the same sentence.
    pub fn same_sentence(&self, a: usize, b: usize) -> bool {
        self.sentences.iter().any(|s| s.start <= a && a < s.end && s.start <= b && b < s.end)
    }

    /// The index of the first token starting at or after byte `byte` (the token a mention
    /// or quote starting there begins with; `tokens.len()` past the end).
    pub fn token_from(&self, byte: usize) -> usize {
        self.tokens.partition_point(|t| t.start < byte)
    }

    /// The mention whose start lies within token `i` (clitics outside the mention's offsets
    /// are allowed: `و"توكاييف"`), the longest if several.
    pub fn mention_at(&self, i: usize) -> Option<MentionRef> {
        let t = self.tokens.get(i)?;
        // Mentions are sorted by start (longest first on a tie).
        let at = self.mentions.partition_point(|m| m.start < t.start);
        self.mentions.get(at).copied().filter(|m| m.start < t.end.max(t.start + 1))
    }

    /// The mention that ends within token `i` (`"وول ستريت جورنال" ورد`: a name of several
    /// words right before a verb), the last if several.
    pub fn mention_ending_in(&self, i: usize) -> Option<MentionRef> {
        let t = self.tokens.get(i)?;
        self.mentions.iter().rev().find(|m| m.end > t.start && m.end <= t.end).copied()
    }

    /// The entity of a mention; a short form of a knowledge-base person named in full
    /// elsewhere in the article gives that person.
    pub fn entity(&self, m: MentionRef) -> Option<&'d Entity> {
        let i = self.alias.get(m.entity).copied().flatten().unwrap_or(m.entity);
        self.entities.get(i)
    }

    /// Whether token `i` lies inside a time expression.
    pub fn in_time(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else { return false };
        self.times.iter().any(|m| m.start <= t.start && t.end <= m.end)
    }

    /// The first dated value (a day or finer) among the time expressions inside `start..end`.
    pub fn date_in(&self, start: usize, end: usize) -> Option<String> {
        self.times
            .iter()
            .filter(|m| m.start >= start && m.end <= end)
            .filter(|m| matches!(m.granularity, "day" | "minute"))
            .find_map(|m| m.value.as_deref().and_then(|v| v.get(..10)).map(str::to_owned))
    }

    /// The first place entity (a `LOC`) mentioned inside `start..end`, skipping `except`.
    pub fn place_in(&self, start: usize, end: usize, except: &[&str]) -> Option<String> {
        self.mentions
            .iter()
            .filter(|m| m.start >= start && m.end <= end)
            .filter_map(|m| self.entities.get(m.entity))
            .find(|e| e.label == "LOC" && !except.contains(&e.id.as_str()))
            .map(|e| e.id.clone())
    }
}

/// The id an entity has as the subject of a statement or an action: a city (a capital
/// standing for its government, `قالت موسكو`, `أعلنت دمشق`) and a state's army (`الجيش
/// الإسرائيلي`) give their country.
pub(crate) fn government_of(e: &Entity) -> &str {
    match &e.country {
        Some(c) if e.label == "LOC" && e.id.starts_with("city:") => c,
        Some(c) if e.kind.as_deref() == Some("army") => c,
        _ => &e.id,
    }
}

/// Whether an entity id comes from the knowledge base (`person:kim-jong-un`) rather than
/// from the words of an untagged name (`per:كيم`).
pub(crate) fn is_kb_id(id: &str) -> bool {
    id.is_ascii()
}

/// For each person entity the knowledge base does not know, the one knowledge-base person of
/// the article whose name contains all its words (`مون جاي` → `مون جاي إن`), if exactly one.
fn short_name_alias(entities: &[Entity]) -> Vec<Option<usize>> {
    let words = |e: &Entity| -> Vec<String> {
        e.canonical.split_whitespace().map(|w| crate::ctx::bare(&normalize(w)).to_owned()).collect()
    };
    let known: Vec<(usize, Vec<String>)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.label == "PER" && is_kb_id(&e.id))
        .map(|(i, e)| (i, words(e)))
        .collect();
    entities
        .iter()
        .map(|e| {
            if e.label != "PER" || is_kb_id(&e.id) || known.is_empty() {
                return None;
            }
            let mine = words(e);
            if mine.is_empty() || mine.iter().any(|w| w.chars().count() < 3) {
                return None;
            }
            let mut hits = known.iter().filter(|(_, full)| mine.iter().all(|w| full.contains(w)));
            match (hits.next(), hits.next()) {
                (Some((i, _)), None) => Some(*i),
                _ => None,
            }
        })
        .collect()
}

/// `key` without a leading conjunction `و`/`ف` when what remains is still a word of at least
/// three letters.
pub(crate) fn strip_conj(key: &str) -> &str {
    for p in ["و", "ف"] {
        match key.strip_prefix(p) {
            Some(rest) if rest.chars().count() >= 3 => return rest,
            _ => {}
        }
    }
    key
}

/// `key` without conjunction, a preposition `ب`/`ل`/`ك` and the article `ال`, for matching
/// noun stems (`وبالقتلى` → `قتلي`).
/// A tagger-made entity (not from the knowledge base) whose whole name is one common noun
/// the rules read as a role or a naming head (`منظمة`, `صحيفتا`): the tagger took the noun
/// for a name, and the rules resolve the noun themselves.
fn is_common_noun_entity(e: &Entity) -> bool {
    let lex = crate::lex::lex();
    let tagger_made = e.id.split_once(':').is_some_and(|(_, key)| !key.is_ascii());
    let key = normalize(&e.canonical);
    if !tagger_made || key.contains(' ') || key.is_empty() {
        return false;
    }
    // (A dual, `صحيفتا`, `منظمتان`, is its singular's noun.)
    let singular = ["تان", "تين", "تا"]
        .iter()
        .find_map(|d| key.strip_suffix(d))
        .map(|stem| format!("{stem}ه"));
    let bare = key.strip_prefix("ال").unwrap_or(&key);
    [bare.to_owned()].into_iter().chain(singular).any(|w| {
        let definite = format!("ال{w}");
        lex.is_org_role(&definite)
            || lex.is_person_role(&definite)
            || lex.is_name_head(&w)
            || lex.is_document(&w)
    })
}

pub(crate) fn bare(key: &str) -> &str {
    let mut k = strip_conj(key);
    for p in ["بال", "لل", "كال", "ال"] {
        match k.strip_prefix(p) {
            Some(rest) if rest.chars().count() >= 2 => return rest,
            _ => {}
        }
    }
    for p in ["ب", "ل"] {
        match k.strip_prefix(p) {
            Some(rest) if rest.chars().count() >= 4 => {
                k = rest;
                break;
            }
            _ => {}
        }
    }
    k
}

/// Whether a token's text is a quotation mark.
pub(crate) fn is_quote_mark(s: &str) -> bool {
    matches!(s, "\"" | "«" | "»" | "“" | "”" | "„")
}
