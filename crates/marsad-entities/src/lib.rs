//! The entities stage: who and what an article names.
//!
//! Mentions come from two sources: the trained tagger ([`marsad_ner::Model`]) over each
//! sentence, and the knowledge base ([`kb::KnowledgeBase`]) matched as a dictionary, which
//! also turns nationality adjectives (`الروسية`) into mentions of their country. Mentions are
//! then resolved to entities: knowledge-base names to their entry, short person names to the
//! full name used elsewhere in the article (`بوتين` → `فلاديمير بوتين`), everything else by
//! its clitic-free key. Each entity gets a salience from headline presence, frequency and
//! first position.

pub mod kb;
mod resolve;

use marsad_doc::{Doc, Entity, Field, FieldText, TokenKind};
use marsad_ner::eval::spans;
use marsad_ner::features::{hash_str, strip_key, strip_key_with_article};
use marsad_ner::{EntityType, Model};
use marsad_text::{normalize, normalize_into};

pub use kb::{KbEntry, KnowledgeBase, NameKind};
use resolve::most_named_country;
pub use resolve::{Candidate, display_name, display_word, resolve};

/// Single words that name a knowledge-base entry but are far more often something else
/// (keys). Dictionary matches on them need support (see [`Candidate::needs_support`]).
const AMBIGUOUS_WORDS: [&str; 28] = [
    "قاعده",
    "جزيره",
    "عربيه",
    "بنا",
    "وات",
    "وام",
    "تاس",
    "قنا",
    "وفا",
    "دوما",
    "مالي",
    "ماليه",
    "صور",
    "عين",
    "ابيض",
    "قم",
    "اب",
    "شام",
    "عمان",
    "جنينه",
    "لولا",
    "رئيسي",
    "شرع",
    "ضيف",
    "يماني",
    "روحاني",
    "برهان",
    "كامل",
];

/// Speech verbs (keys) the tagger sometimes takes as a person's last name (`كوربن كرر`).
const GLUED_SPEECH_VERBS: [&str; 12] =
    ["قال", "قالت", "كرر", "اكد", "اضاف", "اعلن", "اوضح", "صرح", "ذكر", "يقول", "تقول", "اشار"];

/// Speech verbs (keys) the tagger sometimes takes as a person's first name (`أجابت ساندرز`).
const LEADING_SPEECH_VERBS: [&str; 6] = ["اجاب", "اجابت", "قالت", "اضافت", "اكدت", "ردت"];

/// Military ranks (keys) the tagger sometimes takes as the first word of a person's name
/// (`لفتنانت جنرال كينيث …`), or as a person of its own: a title, not a name. (Also with
/// the article: `اللفتنانت`.)
const RANKS: [&str; 6] = ["لفتنانت", "ليفتنانت", "جنرال", "ميجور", "كولونيل", "ادميرال"];

/// Honorifics and styles (keys) written before a name, never part of it: `سيدنا محمد`,
/// `لسمو الأمير`. The tagger sometimes starts a person on them.
const HONORIFICS: [&str; 8] = ["سيدنا", "سيدتنا", "نبينا", "سمو", "لسمو", "بسمو", "السمو", "ولسمو"];

/// First words (keys) of religious formulae with the word `الله` after them (`رضي الله
/// عنه`, `بتوفيق الله`, `بسم الله`): the tagger sometimes takes the formula for a
/// theophoric name (`عبد الله`, `نصر الله`), which these never start.
const FORMULA_HEADS: [&str; 19] = [
    "رضي",
    "رضوان",
    "رحمه",
    "رحمها",
    "رحمهم",
    "رحمك",
    "يرحمه",
    "توفيق",
    "بتوفيق",
    "الحمد",
    "بسم",
    "سبحان",
    "صلي",
    "دين",
    "شاء",
    "باذن",
    "حفظه",
    "وفقه",
    "جزاه",
];

/// Where a tagged person really starts, past words that are not a name: a military rank
/// the tagger took for a first name (`اللفتنانت جنرال كينيث …`), a speech verb before
/// the name (`أجابت ساندرز`), an honorific (`سيدنا`, `لسمو`), and the words of the title
/// `ولي العهد` / `ولي ولي العهد` (the crown prince and his deputy are titles, and the
/// tagger reads `ولي ولي` as a name). `end` when nothing of the span is a name, and also
/// when the span is a religious formula (`رضي الله`, `الله`, `بسم الله الرحمن`).
fn person_name_start(words: &[&str], start: usize, end: usize) -> usize {
    let key = |k: usize| words.get(k).map(|w| letters_key(w)).unwrap_or_default();
    let first = key(start);
    if matches!(first.as_str(), "الله" | "لله")
        || FORMULA_HEADS.contains(&first.as_str()) && key(start + 1) == "الله"
    {
        return end;
    }
    let mut k = start;
    while k < end {
        let word = key(k);
        let bare = word.strip_prefix("ال").unwrap_or(&word);
        let crown_title = matches!(word.as_str(), "ولي" | "لولي" | "وولي")
            && matches!(key(k + 1).as_str(), "ولي" | "العهد")
            || word == "العهد" && k > 0 && key(k - 1) == "ولي";
        if RANKS.contains(&bare)
            || HONORIFICS.contains(&word.as_str())
            || crown_title
            || LEADING_SPEECH_VERBS.contains(&word.as_str()) && k + 1 < end
        {
            k += 1;
        } else {
            break;
        }
    }
    k
}

/// The family name alone, where the tagger did not see it (`وقالت سكريبال`, `لماي`), after
/// the article named the person in full: a person mention of one field for each word
/// whose key (also without the preposition `ل`) is one of `surnames` and that no other
/// mention covers. Resolution joins it to the full name, as it does the tagger's.
fn surname_mentions(
    field: Field,
    text: &str,
    ft: &FieldText,
    surnames: &std::collections::HashSet<String>,
    out: &mut Vec<Candidate>,
) {
    if surnames.is_empty() {
        return;
    }
    // Tokens another mention covers, marked once (a document has many mentions).
    let mut taken = vec![false; ft.tokens.len()];
    for c in out.iter().filter(|c| c.field == field) {
        let first = ft.tokens.partition_point(|t| t.end <= c.start);
        let end = ft.tokens.partition_point(|t| t.start < c.end);
        for flag in taken.get_mut(first..end).unwrap_or(&mut []) {
            *flag = true;
        }
    }
    // (Only a word whose normalized form ends with a surname is worth its clitic-free key:
    // the clitics are all in front.)
    let mut normalized = String::new();
    for (t, _) in ft.tokens.iter().zip(&taken).filter(|(t, taken)| t.is_word() && !**taken) {
        let word = t.text(text);
        normalized.clear();
        normalize_into(word, &mut normalized);
        let letters = normalized.trim_end_matches(|c: char| !c.is_alphanumeric());
        if !surnames.iter().any(|s| letters.ends_with(s.as_str())) {
            continue;
        }
        let (key, article) = strip_key_with_article(word);
        if article {
            continue;
        }
        // (After `ل` the mention starts past it, so that it resolves as the name.)
        let start = if surnames.contains(&key) {
            t.start
        } else if key.strip_prefix('ل').is_some_and(|rest| surnames.contains(rest))
            && let Some(li) = word.find('ل')
        {
            t.start + li + 'ل'.len_utf8()
        } else {
            continue;
        };
        out.push(Candidate {
            field,
            start,
            end: t.end,
            words: vec![text.get(start..t.end).unwrap_or(word).to_owned()],
            label: EntityType::Pers,
            from_kb: None,
            needs_support: false,
        });
    }
}

/// A word's normalized key with its letters and digits only (no marks around it).
fn letters_key(word: &str) -> String {
    normalize(word).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Whether a one-word dictionary match needs the tagger's support: short one-word person
/// names (four letters or fewer: `جراد`, `ظريف`, `لولا`), cities of three letters or fewer,
/// and the listed ambiguous words (`صور`, `العين`, `رئيسي`). Longer surnames (`ترامب`,
/// `لافروف`) and other places and organisations' own names stand alone.
fn is_ambiguous(entry: &KbEntry, key: &str) -> bool {
    let letters = key.chars().count();
    (entry.label == "PER" && letters <= 4)
        || (entry.id.starts_with("city:") && letters <= 3)
        || AMBIGUOUS_WORDS.contains(&key)
}

/// The shipped model, trained by `marsad train ner` (see README).
const SHIPPED_MODEL: &[u8] = include_bytes!("../../marsad-ner/data/ner.model");

/// Finds and resolves the entities of a [`Doc`].
pub struct EntityRecognizer {
    model: Model,
    kb: KnowledgeBase,
}

impl EntityRecognizer {
    /// The recognizer with the shipped model and knowledge base. Fails only if the shipped
    /// files are corrupt, which a build from a clean checkout never gives.
    pub fn shipped() -> Result<EntityRecognizer, String> {
        let model = Model::from_bytes(SHIPPED_MODEL)
            .map_err(|e| format!("shipped NER model: {e}; rebuild it with `marsad train ner`"))?;
        let (kb, errors) = KnowledgeBase::shipped();
        if let Some(e) = errors.first() {
            return Err(format!("shipped knowledge base: {e} ({} problems)", errors.len()));
        }
        Ok(EntityRecognizer { model, kb })
    }

    pub fn new(model: Model, kb: KnowledgeBase) -> EntityRecognizer {
        EntityRecognizer { model, kb }
    }

    pub fn knowledge_base(&self) -> &KnowledgeBase {
        &self.kb
    }

    /// Where a tagged person's name `words[start..end]` really ends, when the tagger ran it
    /// on into the next words: before a word with the preposition `لل` (`كالانتاري للنواب`),
    /// before `ل` on a knowledge-base organisation (`أنصاري لرويترز`, `بيكر لبي بي سي`: whom
    /// the person spoke to), or before a speech verb (`كوربن كرر`). `start` when the span
    /// holds no name at all (`لبي بي سي` tagged as a person).
    fn person_name_end(&self, words: &[&str], start: usize, end: usize) -> usize {
        (start..end)
            .find(|&k| {
                let key = letters_key(words[k]);
                if key.starts_with("لل") || GLUED_SPEECH_VERBS.contains(&key.as_str()) {
                    return true;
                }
                let Some(rest) = key.strip_prefix('ل').filter(|r| r.chars().count() >= 2) else {
                    return false;
                };
                // `لبي بي سي`: the organisation's name may go on over the next words.
                let following = words.get(k + 1..end.min(k + 4)).unwrap_or(&[]);
                (0..=following.len()).rev().any(|n| {
                    let run: Vec<String> = std::iter::once(rest.to_owned())
                        .chain(following[..n].iter().map(|w| strip_key(w)))
                        .collect();
                    self.kb.lookup_key(&run.join(" ")).is_some_and(|(e, _)| e.label == "ORG")
                })
            })
            .unwrap_or(end)
    }

    /// The family names (clitic-free keys) of the people an article names in two words or
    /// more, as the tagger or the knowledge base found them: `سكريبال` of `يوليا سكريبال`.
    /// Only words that never take the article in news (foreign names and most family names
    /// do not; `صالح`, `حسن`, `الأسد` are also common words), after a given name rather
    /// than `بن` or `أبو` (`محمد بن سلمان` does not make every `سلمان` him), and no stop
    /// word.
    fn repeated_surnames(&self, candidates: &[Candidate]) -> std::collections::HashSet<String> {
        candidates
            .iter()
            .filter(|c| c.label == EntityType::Pers && c.words.len() >= 2)
            .filter_map(|c| {
                let [.., before, last] = c.words.as_slice() else { return None };
                let (key, article) = strip_key_with_article(last);
                let linked = matches!(
                    letters_key(before).as_str(),
                    "بن" | "ابن" | "بنت" | "ولد" | "ابو" | "ابي" | "ام" | "ال" | "عبد"
                );
                let common = self
                    .model
                    .lexicons
                    .classes
                    .get(hash_str(&key))
                    .is_some_and(|class| class.article > 0);
                (!article
                    && !linked
                    && !common
                    && !letters_key(last).starts_with("ال")
                    && key.chars().count() >= 3
                    && !marsad_text::stopwords::is_stopword_key(&key))
                .then_some(key)
            })
            .collect()
    }

    /// Mention candidates of one field: tagger spans and knowledge-base matches.
    fn candidates(&self, field: Field, text: &str, ft: &FieldText, out: &mut Vec<Candidate>) {
        for sentence in &ft.sentences {
            let tokens = ft.tokens.get(sentence.first_token..sentence.end_token).unwrap_or(&[]);
            let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
            // Tagger mentions.
            let labels = self.model.tag(&words);
            for mut span in spans(&labels) {
                if span.entity_type == EntityType::Pers {
                    span.start = person_name_start(&words, span.start, span.end);
                    span.end = self.person_name_end(&words, span.start, span.end);
                    if span.end == span.start {
                        continue;
                    }
                }
                let (Some(first), Some(last)) =
                    (tokens.get(span.start), tokens.get(span.end.saturating_sub(1)))
                else {
                    continue;
                };
                // A mention never starts or ends on punctuation.
                if !first.is_word() && first.kind != TokenKind::Number
                    || !last.is_word() && last.kind != TokenKind::Number
                {
                    continue;
                }
                out.push(Candidate {
                    field,
                    start: first.start,
                    end: last.end,
                    words: words[span.start..span.end].iter().map(|w| w.to_string()).collect(),
                    label: span.entity_type,
                    from_kb: None,
                    needs_support: false,
                });
            }
            // Knowledge-base matches, longest first at each position. Each word's stripped
            // key is computed once; runs are tried only from words that start a name.
            let keys: Vec<String> = tokens
                .iter()
                .zip(&words)
                .map(|(t, w)| if t.is_word() { strip_key(w) } else { String::new() })
                .collect();
            let mut i = 0;
            while i < tokens.len() {
                let mut matched = 0;
                // The preposition `ل` is not a clitic of the keys (it is the first letter of
                // too many words: `لبنان`, `لندن`), so a name after it (`لسوريا`,
                // `لمجلس الأمن`) is also tried without it, after the word as written.
                let without_li = keys[i]
                    .strip_prefix('ل')
                    .filter(|rest| !rest.starts_with('ل') && rest.chars().count() >= 3);
                let firsts = std::iter::once(keys[i].as_str()).chain(without_li);
                let longest = firsts
                    .clone()
                    .filter(|k| !k.is_empty())
                    .map(|k| self.kb.longest_name_from(k))
                    .max()
                    .unwrap_or(0);
                for n in (1..=longest.min(tokens.len() - i)).rev() {
                    let run = &keys[i..i + n];
                    if run.iter().any(String::is_empty) {
                        continue;
                    }
                    let found = firsts.clone().enumerate().find_map(|(nth, first)| {
                        let key = std::iter::once(first)
                            .chain(run[1..].iter().map(String::as_str))
                            .collect::<Vec<_>>()
                            .join(" ");
                        let (entry, kind) = self.kb.lookup_key(&key)?;
                        // After `ل`, only a name that is not also a common word or a short
                        // surname: `لونغ` is not `ل` + `ونغ`.
                        let stripped = nth > 0;
                        (!stripped || !is_ambiguous(entry, &key)).then_some((key, (entry, kind)))
                    });
                    if let Some((key, (entry, kind))) = found {
                        let label = match (entry.label, kind) {
                            (_, NameKind::Demonym) => EntityType::Loc,
                            ("PER", _) => EntityType::Pers,
                            ("ORG", _) => EntityType::Org,
                            _ => EntityType::Loc,
                        };
                        out.push(Candidate {
                            field,
                            start: tokens[i].start,
                            end: tokens[i + n - 1].end,
                            words: words[i..i + n].iter().map(|w| w.to_string()).collect(),
                            label,
                            from_kb: Some((entry.id.clone(), kind)),
                            needs_support: n == 1 && is_ambiguous(entry, &key),
                        });
                        matched = n;
                        break;
                    }
                }
                i += matched.max(1);
            }
        }
    }

    /// Bodies of the `home` country named without it (`وزارة الدفاع` in a story about
    /// Algeria → `org:dz-defence-ministry`), as knowledge-base candidates of one field.
    fn home_bodies(
        &self,
        field: Field,
        text: &str,
        ft: &FieldText,
        home: &str,
        out: &mut Vec<Candidate>,
    ) {
        let keys: Vec<String> = ft
            .tokens
            .iter()
            .map(|t| if t.is_word() { strip_key(t.text(text)) } else { String::new() })
            .collect();
        let mut i = 0;
        while i < keys.len() {
            let n = self.body_without_country(&keys, i);
            let entry = (n > 0)
                .then(|| {
                    let name = keys[i..i + n].join(" ");
                    self.kb.country_body(&name, home).or_else(|| {
                        name.strip_prefix('ل').and_then(|rest| self.kb.country_body(rest, home))
                    })
                })
                .flatten();
            let (Some(entry), Some(first), Some(last)) =
                (entry, ft.tokens.get(i), ft.tokens.get(i + n.max(1) - 1))
            else {
                i += 1;
                continue;
            };
            out.push(Candidate {
                field,
                start: first.start,
                end: last.end,
                words: ft.tokens[i..i + n].iter().map(|t| t.text(text).to_string()).collect(),
                label: EntityType::Org,
                from_kb: Some((entry.id.clone(), NameKind::Name)),
                needs_support: false,
            });
            i += n;
        }
    }

    /// How many words from `i` name a country's body without its country (`وزارة الدفاع`,
    /// not followed by a country or its adjective), or 0.
    fn body_without_country(&self, keys: &[String], i: usize) -> usize {
        for n in (2..=3).rev() {
            let Some(run) = keys.get(i..i + n) else { continue };
            if run.iter().any(String::is_empty) {
                continue;
            }
            // `بيان لوزارة الدفاع`: the preposition `ل`, which word keys keep (`لبنان`),
            // may stand on the body's first word.
            let joined = run.join(" ");
            let named = self.kb.is_body_name(&joined)
                || joined.strip_prefix('ل').is_some_and(|rest| self.kb.is_body_name(rest));
            if !named {
                continue;
            }
            let next_is_country = keys
                .get(i + n)
                .and_then(|k| self.kb.lookup_key(k))
                .is_some_and(|(e, _)| e.label == "LOC");
            // `وزارة الدفاع "البنتاغون"`, `وزارة الخارجية (الكرملين)`: the organisation
            // named in marks or brackets right after says whose body it is.
            let after_mark = i + n + usize::from(keys.get(i + n).is_some_and(String::is_empty));
            let next_is_org = (1..=3).any(|m| {
                keys.get(after_mark..after_mark + m).is_some_and(|run| {
                    !run.iter().any(String::is_empty)
                        && self.kb.lookup_key(&run.join(" ")).is_some_and(|(e, _)| e.label == "ORG")
                })
            });
            return if next_is_country || next_is_org { 0 } else { n };
        }
        0
    }

    /// The entities of `doc`, most salient first.
    pub fn recognize(&self, doc: &Doc) -> Vec<Entity> {
        let mut candidates = Vec::new();
        if let Some(headline) = doc.article.headline.as_deref() {
            self.candidates(Field::Headline, headline, &doc.headline, &mut candidates);
        }
        self.candidates(Field::Body, &doc.article.text, &doc.body, &mut candidates);
        let surnames = self.repeated_surnames(&candidates);
        if let Some(headline) = doc.article.headline.as_deref() {
            surname_mentions(Field::Headline, headline, &doc.headline, &surnames, &mut candidates);
        }
        surname_mentions(Field::Body, &doc.article.text, &doc.body, &surnames, &mut candidates);
        if let Some(home) = most_named_country(&candidates, &self.kb) {
            if let Some(headline) = doc.article.headline.as_deref() {
                self.home_bodies(Field::Headline, headline, &doc.headline, &home, &mut candidates);
            }
            self.home_bodies(Field::Body, &doc.article.text, &doc.body, &home, &mut candidates);
        }
        resolve(candidates, &self.kb, doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_name_starts_after_titles_and_is_never_a_formula() {
        let start = |words: &[&str]| person_name_start(words, 0, words.len());
        // Honorifics and the crown prince's titles come before the name.
        assert_eq!(start(&["سيدنا", "عمر"]), 1);
        assert_eq!(start(&["لسمو", "ولي", "العهد", "الأمير", "محمد"]), 3);
        assert_eq!(start(&["ولي", "ولي", "العهد"]), 3);
        // A rank and a speech verb, as before.
        assert_eq!(start(&["اللفتنانت", "جنرال", "كينيث"]), 2);
        assert_eq!(start(&["أجابت", "ساندرز"]), 1);
        // Religious formulae hold no name at all.
        assert_eq!(start(&["رضي", "الله"]), 2);
        assert_eq!(start(&["بسم", "الله", "الرحمن"]), 3);
        assert_eq!(start(&["الله"]), 1);
        // Theophoric names and a first name `ولي` before another name stay whole.
        assert_eq!(start(&["عبد", "الله", "العنزي"]), 0);
        assert_eq!(start(&["حسن", "نصر", "الله"]), 0);
        assert_eq!(start(&["ولي", "الدين", "يكن"]), 0);
    }

    #[test]
    fn a_person_name_ends_before_words_the_tagger_ran_on_into() {
        let r = EntityRecognizer::shipped().expect("shipped model and knowledge base");
        let end = |words: &[&str]| r.person_name_end(words, 0, words.len());
        // Whom the person spoke to: `ل` on a knowledge-base organisation, over one word or
        // several (`لبي بي سي`).
        assert_eq!(end(&["سامي", "أنصاري", "لرويترز"]), 2);
        assert_eq!(end(&["ليلى", "حداد", "لبي", "بي", "سي"]), 2);
        // `لل` is a preposition on a definite noun, never part of a name.
        assert_eq!(end(&["سامي", "نور", "للنواب"]), 2);
        // A speech verb after the surname.
        assert_eq!(end(&["كوربن", "كرر"]), 1);
        // A span that is only the addressee holds no name.
        assert_eq!(end(&["لرويترز"]), 0);
        // Names whose words start with `ل` stay whole.
        assert_eq!(end(&["ليلى", "لطفي"]), 2);
        assert_eq!(end(&["سامي", "لبيب", "نور"]), 3);
    }
}
