//! From mention candidates to entities.

use std::collections::HashMap;

use marsad_doc::{Doc, Entity, EntityMention, Field};
use marsad_ner::EntityType;
use marsad_text::{Stemmer, normalize};

use crate::kb::{KnowledgeBase, NameKind, name_key};

/// A possible mention: a token run with a type, from the tagger or the knowledge base.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub field: Field,
    pub start: usize,
    pub end: usize,
    /// The run's words as written.
    pub words: Vec<String>,
    pub label: EntityType,
    /// The knowledge-base entry it matched, and how.
    pub from_kb: Option<(String, NameKind)>,
    /// A dictionary match on a name that is also an ordinary word (`لولا`, `صور`,
    /// `رئيسي`): kept only if the tagger also saw a name there, or the article names the
    /// same entry unambiguously elsewhere.
    pub needs_support: bool,
}

impl Candidate {
    fn len(&self) -> usize {
        self.end - self.start
    }

    fn overlaps(&self, other: &Candidate) -> bool {
        self.field == other.field && self.start < other.end && other.start < self.end
    }

    fn is_demonym(&self) -> bool {
        matches!(self.from_kb, Some((_, NameKind::Demonym)))
    }
}

/// Byte offset in `word` after its first `letters` letters (diacritics and tatweel, which
/// keys drop, are skipped over with the letter before them).
fn after_letters(word: &str, letters: usize) -> usize {
    let mut seen = 0;
    for (i, c) in word.char_indices() {
        if normalize(c.encode_utf8(&mut [0; 4])).is_empty() {
            continue;
        }
        if seen == letters {
            return i;
        }
        seen += 1;
    }
    word.len()
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: std::sync::OnceLock<Stemmer> = std::sync::OnceLock::new();
    STEMMER.get_or_init(Stemmer::new)
}

/// A word as a name is displayed: conjunctions and prepositions removed, the article kept
/// (`وبالقاهرة` → `القاهرة`, `للأمم` → `الأمم`, `وروسيا` → `روسيا`, `وزير` unchanged).
pub fn display_word(word: &str) -> String {
    let key = normalize(word);
    // (key prefix, letters dropped, text put back)
    const CHAINS: [(&str, usize, &str); 10] = [
        ("وبال", 2, ""),
        ("وكال", 2, ""),
        ("فبال", 2, ""),
        ("ولل", 2, "ا"),
        ("فلل", 2, "ا"),
        ("وال", 1, ""),
        ("فال", 1, ""),
        ("بال", 1, ""),
        ("كال", 1, ""),
        ("لل", 1, "ا"),
    ];
    let letters = key.chars().count();
    for (prefix, drop, put_back) in CHAINS {
        if key.starts_with(prefix) && letters >= prefix.chars().count() + 2 {
            return format!("{put_back}{}", &word[after_letters(word, drop)..]);
        }
    }
    if key.starts_with("ال") {
        return word.to_owned();
    }
    for clitic in ["و", "ب", "ل"] {
        if key.starts_with(clitic) && letters >= 4 && !stemmer().keeps_first_letter(&key) {
            return word[after_letters(word, 1)..].to_owned();
        }
    }
    word.to_owned()
}

/// A run of words as a name is displayed: the first word's clitics removed.
pub fn display_name(words: &[String]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i == 0 { out.push_str(&display_word(w)) } else { out.push_str(w) }
    }
    out
}

/// Label names in output.
fn label_name(t: EntityType) -> &'static str {
    t.output_name()
}

/// Resolves candidates to entities, most salient first.
pub fn resolve(candidates: Vec<Candidate>, kb: &KnowledgeBase, doc: &Doc) -> Vec<Entity> {
    // Ambiguous dictionary matches need the tagger's agreement at that place, or a safe
    // mention of the same entry elsewhere in the article.
    let safe_ids: std::collections::HashSet<String> = candidates
        .iter()
        .filter(|c| !c.needs_support)
        .filter_map(|c| c.from_kb.as_ref().map(|(id, _)| id.clone()))
        .collect();
    let tagged: Vec<&Candidate> = candidates.iter().filter(|c| c.from_kb.is_none()).collect();
    let supported: Vec<bool> = candidates
        .iter()
        .map(|c| {
            !c.needs_support
                || tagged.iter().any(|t| t.overlaps(c))
                || c.from_kb.as_ref().is_some_and(|(id, _)| safe_ids.contains(id))
        })
        .collect();
    let mut candidates: Vec<Candidate> =
        candidates.into_iter().zip(supported).filter(|(_, ok)| *ok).map(|(c, _)| c).collect();
    // A tagger span that runs over two or more known names (`بوتين يهاتف توكاييف`) joined
    // them by mistake: the known names stand instead.
    let known: Vec<(Field, usize, usize, String)> = candidates
        .iter()
        .filter_map(|c| c.from_kb.as_ref().map(|(id, _)| (c.field, c.start, c.end, id.clone())))
        .collect();
    // Likewise a person span around one known person and a stray word (`بلينكن سخر`): the
    // known name stands.
    let known_people: Vec<(Field, usize, usize)> = candidates
        .iter()
        .filter(|c| c.from_kb.is_some() && c.label == EntityType::Pers)
        .map(|c| (c.field, c.start, c.end))
        .collect();
    candidates.retain(|c| {
        if c.from_kb.is_some() {
            return true;
        }
        let mut inside: Vec<&String> = known
            .iter()
            .filter(|(f, s, e, _)| *f == c.field && *s >= c.start && *e <= c.end)
            .map(|(_, _, _, id)| id)
            .collect();
        inside.sort();
        inside.dedup();
        let around_known_person = c.label == EntityType::Pers
            && known_people.iter().any(|&(f, s, e)| {
                f == c.field && s >= c.start && e <= c.end && (s, e) != (c.start, c.end)
            });
        // A lone definite word tagged MISC is a scare-quoted common word (`"الفظة"`).
        let definite_misc = c.label == EntityType::Misc
            && c.words.len() == 1
            && normalize(&c.words[0]).starts_with("ال");
        inside.len() < 2 && !around_known_person && !definite_misc
    });
    // Link tagger candidates whose name the knowledge base knows.
    for c in candidates.iter_mut().filter(|c| c.from_kb.is_none()) {
        let name = c.words.join(" ");
        if let Some((entry, kind)) = kb.lookup(&name) {
            c.from_kb = Some((entry.id.clone(), kind));
        } else if c.label == EntityType::Pers
            && let Some(entry) =
                kb.lookup_person_spelling(&name).or_else(|| kb.lookup_family_first_prefix(&name))
        {
            c.from_kb = Some((entry.id.clone(), NameKind::Name));
        }
    }
    // Overlaps: nationality adjectives always stand (they link a country even inside an
    // organisation's name); among the rest the longest run wins, then the knowledge base.
    let (demonyms, mut names): (Vec<Candidate>, Vec<Candidate>) =
        candidates.into_iter().partition(Candidate::is_demonym);
    names.sort_by(|a, b| {
        b.len()
            .cmp(&a.len())
            .then(b.from_kb.is_some().cmp(&a.from_kb.is_some()))
            .then((a.field as u8, a.start).cmp(&(b.field as u8, b.start)))
    });
    let mut kept: Vec<Candidate> = Vec::new();
    for c in names {
        if !kept.iter().any(|k| k.overlaps(&c)) {
            kept.push(c);
        }
    }
    for d in demonyms {
        if !kept.iter().any(|k| k.field == d.field && k.start == d.start && k.end == d.end) {
            kept.push(d);
        }
    }
    kept.sort_by_key(|c| (c.field != Field::Headline, c.start));

    // Group: by knowledge-base id, else by label-free key; then a short name joins the
    // longest name in the article that ends with it (`بوتين` → `فلاديمير بوتين`) when
    // either was tagged as a person, and a person's shorter name joins the same person's
    // full chain of names with the same first and last word (`صالح الزهراني`, `صالح بن علي
    // الزهراني` → `صالح بن علي بن حمد الزهراني`).
    let keys: Vec<String> = kept.iter().map(|c| name_key(&c.words.join(" "))).collect();
    let group_key = |i: usize| -> String {
        match &kept[i].from_kb {
            Some((id, _)) => id.clone(),
            None => format!("key:{}", keys[i]),
        }
    };
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for i in 0..kept.len() {
        let g = group_key(i);
        if !groups.contains_key(&g) {
            order.push(g.clone());
        }
        groups.entry(g).or_default().push(i);
    }
    let has_person = |members: &[usize]| members.iter().any(|&m| kept[m].label == EntityType::Pers);
    let mut by_length: Vec<String> =
        order.iter().filter(|g| g.starts_with("key:")).cloned().collect();
    by_length.sort_by_key(|g| std::cmp::Reverse(g.split(' ').count()));
    for short in by_length.clone() {
        let short_key = short.get("key:".len()..).unwrap_or_default();
        let person = |g: &String| groups.get(g).is_some_and(|m| has_person(m));
        // Only groups still standing: a longer name may itself have joined a longer one.
        let first_and_last = short_key
            .split_once(' ')
            .and_then(|(first, _)| Some((first, short_key.rsplit_once(' ')?.1)));
        // The one knowledge-base group of the article with a member `member` accepts, for a
        // one-word short name tagged as a person; none when two groups (or none) qualify.
        let one_known_group = |member: &dyn Fn(usize) -> bool| -> Option<String> {
            if !person(&short) || short_key.contains(' ') {
                return None;
            }
            let known: Vec<&String> = order
                .iter()
                .filter(|g| !g.starts_with("key:"))
                .filter(|g| groups.get(*g).is_some_and(|m| m.iter().any(|&i| member(i))))
                .collect();
            match known.as_slice() {
                [one] => Some((*one).clone()),
                _ => None,
            }
        };
        // A family name alone (`كيم`, `مون`) is the one person of the article whose name
        // the knowledge base writes family name first and starts with it.
        let family_first = || {
            one_known_group(&|i: usize| {
                let c = &kept[i];
                c.label == EntityType::Pers
                    && c.from_kb
                        .as_ref()
                        .and_then(|(id, _)| kb.get(id))
                        .is_some_and(crate::kb::family_name_first)
                    && keys[i].starts_with(&format!("{short_key} "))
            })
        };
        let long = family_first().or_else(|| {
            by_length
                .iter()
                .find(|long| {
                    let long_key = long.get("key:".len()..).unwrap_or_default();
                    long.len() > short.len()
                        && groups.contains_key(*long)
                        && ((long.ends_with(&format!(" {short_key}"))
                            && (person(long) || person(&short)))
                            || first_and_last.is_some_and(|(first, last)| {
                                long_key.starts_with(&format!("{first} "))
                                    && long_key.ends_with(&format!(" {last}"))
                                    && person(long)
                                    && person(&short)
                            }))
                })
                .cloned()
        });
        // Else a person's last name after the full name the knowledge base knew in another
        // spelling (`فلاديمير بوتن` … `بوتن`) or left it untagged there: that one person.
        let long = long.or_else(|| {
            // Member `i` is a knowledge-base person whose name ends with the short name,
            // not as a father's name (`سلمان` is not `محمد بن سلمان`).
            let ends_known_person = |i: usize| {
                let c = &kept[i];
                let in_kb = c
                    .from_kb
                    .as_ref()
                    .is_some_and(|(id, _)| kb.get(id).is_some_and(|e| e.label == "PER"));
                c.label == EntityType::Pers
                    && in_kb
                    && keys[i].strip_suffix(&format!(" {short_key}")).is_some_and(|rest| {
                        !rest.ends_with(" بن") && !rest.ends_with(" ابن") && rest != "بن"
                    })
            };
            one_known_group(&ends_known_person)
        });
        if let Some(long) = long {
            let moved = groups.remove(&short).unwrap_or_default();
            groups.entry(long).or_default().extend(moved);
        }
    }
    order.retain(|g| groups.contains_key(g));
    for members in groups.values_mut() {
        members.sort_unstable();
    }

    let body_len = doc.article.text.len().max(1) as f64;
    let mut entities: Vec<(Entity, usize)> = order
        .into_iter()
        .filter_map(|g| {
            let members = groups.get(&g)?;
            // A group is keyed by its entry's id (its first member may be a short name that
            // joined it) or by a `key:` of names the knowledge base does not know.
            let entry = if g.starts_with("key:") { None } else { kb.get(&g) };
            let label = match entry {
                Some(e) => e.label.to_owned(),
                None => {
                    // Majority of the tagger's labels; ties go to PER, LOC, ORG, MISC in
                    // that order.
                    let mut votes: HashMap<EntityType, usize> = HashMap::new();
                    for &m in members {
                        *votes.entry(kept[m].label).or_default() += 1;
                    }
                    let best = votes.into_iter().max_by_key(|&(t, n)| (n, std::cmp::Reverse(t)))?.0;
                    label_name(best).to_owned()
                }
            };
            let canonical = match entry {
                Some(e) => e.arabic.clone(),
                None => {
                    // The longest written form, without clitics.
                    let longest = members
                        .iter()
                        .max_by_key(|&&m| (kept[m].words.len(), std::cmp::Reverse(m)))?;
                    display_name(&kept[*longest].words)
                }
            };
            let id = match entry {
                Some(e) => e.id.clone(),
                None => {
                    format!("{}:{}", label.to_lowercase(), name_key(&canonical).replace(' ', "_"))
                }
            };
            let country = entry.and_then(|e| e.country.clone());
            let mentions: Vec<EntityMention> = members
                .iter()
                .map(|&m| {
                    let c = &kept[m];
                    EntityMention {
                        field: c.field,
                        start: c.start,
                        end: c.end,
                        text: doc.field_text(c.field).get(c.start..c.end).unwrap_or("").to_owned(),
                        demonym: c.is_demonym(),
                    }
                })
                .collect();
            let in_headline = mentions.iter().any(|m| m.field == Field::Headline);
            let first_body =
                mentions.iter().find(|m| m.field == Field::Body).map(|m| m.start as f64 / body_len);
            let frequency = (mentions.len() as f64 / 5.0).min(1.0);
            let salience = 0.4 * f64::from(u8::from(in_headline))
                + 0.4 * frequency
                + 0.2 * (1.0 - first_body.unwrap_or(1.0));
            let first = members[0];
            Some((
                Entity {
                    id,
                    canonical,
                    label,
                    english: entry.map(|e| e.english.clone()).filter(|e| !e.is_empty()),
                    country,
                    kind: entry.and_then(|e| e.kind.clone()),
                    role: entry.and_then(|e| e.role.clone()),
                    salience: (salience * 1000.0).round() / 1000.0,
                    mentions,
                },
                first,
            ))
        })
        .collect();
    entities.sort_by(|(a, fa), (b, fb)| b.salience.total_cmp(&a.salience).then(fa.cmp(fb)));
    entities.into_iter().map(|(e, _)| e).collect()
}

/// The country the candidates name most often (itself, by adjective, or by one of its
/// places), if one leads.
pub(crate) fn most_named_country(candidates: &[Candidate], kb: &KnowledgeBase) -> Option<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for c in candidates {
        let Some((id, _)) = &c.from_kb else { continue };
        let Some(entry) = kb.get(id).filter(|e| e.label == "LOC") else { continue };
        let country =
            if id.starts_with("country:") { Some(id.clone()) } else { entry.country.clone() };
        if let Some(country) = country {
            *counts.entry(country).or_default() += 1;
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    match ranked.as_slice() {
        [(best, n), (_, m), ..] if n > m => Some(best.clone()),
        [(best, _)] => Some(best.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(words: &[&str], start: usize, label: EntityType) -> Candidate {
        let len: usize = words.iter().map(|w| w.len() + 1).sum();
        Candidate {
            field: Field::Body,
            start,
            end: start + len - 1,
            words: words.iter().map(|w| w.to_string()).collect(),
            label,
            from_kb: None,
            needs_support: false,
        }
    }

    #[test]
    fn nested_short_names_join_the_longest_name() {
        // Three forms of one invented name, longest first in the text: each shorter one
        // must end up with the full name, even after the middle one has merged.
        let text = "سمير خالد الحداد وصل. ثم قال خالد الحداد إن الحداد سيعود.";
        let doc = Doc {
            article: marsad_doc::Article { text: text.into(), ..Default::default() },
            ..Default::default()
        };
        let a = candidate(&["سمير", "خالد", "الحداد"], 0, EntityType::Pers);
        let b_start = text.find("خالد الحداد إن").unwrap_or(0);
        let b = candidate(&["خالد", "الحداد"], b_start, EntityType::Pers);
        let c_start = text.rfind("الحداد").unwrap_or(0);
        let c = candidate(&["الحداد"], c_start, EntityType::Pers);
        let entities = resolve(vec![a, b, c], &KnowledgeBase::new(), &doc);
        assert_eq!(entities.len(), 1, "{entities:?}");
        assert_eq!(entities[0].canonical, "سمير خالد الحداد");
        assert_eq!(entities[0].mentions.len(), 3);
    }

    #[test]
    fn first_and_last_name_join_the_full_chain_of_names() {
        // An invented man named in full once, then by first and last name; another man of
        // the same family keeps his own entity.
        let text = "حكم على ماجد بن سالم بن حمد الكعبي اليوم. وقال ماجد الكعبي إنه بريء. وحضر فارس الكعبي.";
        let doc = Doc {
            article: marsad_doc::Article { text: text.into(), ..Default::default() },
            ..Default::default()
        };
        let at = |needle: &str| text.find(needle).unwrap_or(0);
        let full = candidate(
            &["ماجد", "بن", "سالم", "بن", "حمد", "الكعبي"],
            at("ماجد بن"),
            EntityType::Pers,
        );
        let short = candidate(&["ماجد", "الكعبي"], at("ماجد الكعبي"), EntityType::Pers);
        let other = candidate(&["فارس", "الكعبي"], at("فارس"), EntityType::Pers);
        let entities = resolve(vec![full, short, other], &KnowledgeBase::new(), &doc);
        assert_eq!(entities.len(), 2, "{entities:?}");
        let majid = entities.iter().find(|e| e.canonical.starts_with("ماجد"));
        assert_eq!(majid.map(|e| e.mentions.len()), Some(2), "{entities:?}");
    }

    #[test]
    fn a_last_name_joins_the_known_person_named_in_another_spelling() {
        // An invented foreign minister the KB lists as `إيفان كوزيرسكوف`; the article spells
        // him `إيفان كوزرسكوف`, then calls him by his last name alone.
        let mut kb = KnowledgeBase::new();
        let people = "id\tenglish\tarabic\tvariants\trole\tcountry\twikidata\n\
            person:ivan-x\tIvan X\tإيفان كوزيرسكوف\t\t\tcountry:ru\t\n\
            person:salem-y\tSalem Y\tسالم بن كوزرسكوف\t\t\tcountry:ru\t\n";
        assert!(kb.load_tsv("people.tsv", people, "PER").is_empty());
        // The last name comes first, as in a headline.
        let text = "وقال كوزرسكوف إن الزيارة ناجحة. وصل إيفان كوزرسكوف إلى بكين. وقال سالم بن كوزرسكوف إنه سعيد.";
        let doc = Doc {
            article: marsad_doc::Article { text: text.into(), ..Default::default() },
            ..Default::default()
        };
        let at = |needle: &str| text.find(needle).unwrap_or(0);
        let full = candidate(&["إيفان", "كوزرسكوف"], at("إيفان"), EntityType::Pers);
        let last = candidate(&["كوزرسكوف"], at("كوزرسكوف إن"), EntityType::Pers);
        let entities = resolve(vec![last, full], &kb, &doc);
        assert_eq!(entities.len(), 1, "{entities:?}");
        assert_eq!(entities[0].id, "person:ivan-x");
        assert_eq!(entities[0].mentions.len(), 2);
        // A father's name is not the person: `سالم بن كوزرسكوف` stays apart from him.
        let son = candidate(&["سالم", "بن", "كوزرسكوف"], at("سالم"), EntityType::Pers);
        let last = candidate(&["كوزرسكوف"], at("كوزرسكوف إن"), EntityType::Pers);
        let entities = resolve(vec![son, last], &kb, &doc);
        assert_eq!(entities.len(), 2, "{entities:?}");
        assert!(entities.iter().all(|e| e.mentions.len() == 1), "{entities:?}");
    }

    #[test]
    fn a_family_name_first_person_is_found_by_the_family_name_and_a_cut_name() {
        // Invented Korean officials the KB lists family name first; the tagger also ran a
        // verb into a name ending in the family name, and cut the other official's name.
        let mut kb = KnowledgeBase::new();
        let people = "id\tenglish\tarabic\tvariants\trole\tcountry\twikidata\n\
            person:pak-x\tPak X\tباك سون هو\t\t\tcountry:kr\t\n\
            person:ri-y\tRi Y\tري جونغ سو\t\t\tcountry:kp\t\n";
        assert!(kb.load_tsv("people.tsv", people, "PER").is_empty());
        let text = "وصل باك سون هو إلى الحدود. يلتقي باك اليوم مع ري جونغ. وقال باك إن اللقاء مهم.";
        let doc = Doc {
            article: marsad_doc::Article { text: text.into(), ..Default::default() },
            ..Default::default()
        };
        let at = |needle: &str| text.find(needle).unwrap_or(0);
        let full = candidate(&["باك", "سون", "هو"], at("باك سون"), EntityType::Pers);
        let glued = candidate(&["يلتقي", "باك"], at("يلتقي"), EntityType::Pers);
        let alone = candidate(&["باك"], at("باك إن"), EntityType::Pers);
        let cut = candidate(&["ري", "جونغ"], at("ري"), EntityType::Pers);
        let entities = resolve(vec![full, glued, alone, cut], &kb, &doc);
        let pak = entities.iter().find(|e| e.id == "person:pak-x");
        assert_eq!(pak.map(|e| e.mentions.len()), Some(2), "{entities:?}");
        assert!(entities.iter().any(|e| e.id == "person:ri-y"), "{entities:?}");
    }

    #[test]
    fn display_keeps_the_article_and_drops_clitics() {
        assert_eq!(display_word("وبالقاهرة"), "القاهرة");
        assert_eq!(display_word("للأمم"), "الأمم");
        assert_eq!(display_word("وروسيا"), "روسيا");
        assert_eq!(display_word("الكرملين"), "الكرملين");
        assert_eq!(display_word("موسكو"), "موسكو");
    }
}
