//! Name lists as features: whether a word, or a run of words, is a known person, place or
//! organisation name.
//!
//! Entries are stored as hashes of clitic-stripped keys (see [`crate::features::strip_key`]),
//! so the model file carries what the tagger needs without the lists' text.

use std::collections::HashMap;

use crate::features::{hash_str, strip_key};
use crate::label::EntityType;

/// Known names by type: single words, and multi-word names by their first word.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gazetteer {
    /// `(word hash, type)` → present.
    words: HashMap<(u64, EntityType), ()>,
    /// first-word hash → multi-word names starting with it (word hashes, type).
    phrases: HashMap<u64, Vec<(Vec<u64>, EntityType)>>,
}

impl Gazetteer {
    pub fn new() -> Self {
        Gazetteer::default()
    }

    /// Adds a name (any spelling; words are normalized and clitic-stripped).
    pub fn add(&mut self, name: &str, t: EntityType) {
        let words: Vec<u64> = name.split_whitespace().map(|w| hash_str(&strip_key(w))).collect();
        self.add_hashed(words, t);
    }

    /// Adds a name given as already clitic-stripped word keys joined by spaces.
    pub fn add_key(&mut self, key: &str, t: EntityType) {
        self.add_hashed(key.split(' ').filter(|w| !w.is_empty()).map(hash_str).collect(), t);
    }

    pub(crate) fn add_hashed(&mut self, words: Vec<u64>, t: EntityType) {
        match words.len() {
            0 => {}
            1 => {
                self.words.insert((words[0], t), ());
            }
            _ => {
                let entry = self.phrases.entry(words[0]).or_default();
                if !entry.iter().any(|(w, et)| *w == words && *et == t) {
                    entry.push((words, t));
                }
            }
        }
    }

    pub fn contains_word(&self, word_hash: u64, t: EntityType) -> bool {
        self.words.contains_key(&(word_hash, t))
    }

    /// For each position of a sentence (given as word hashes), the types of multi-word
    /// names covering it, with `true` when the position starts the name.
    pub fn phrase_matches(&self, words: &[u64]) -> Vec<Vec<(EntityType, bool)>> {
        let mut out = vec![Vec::new(); words.len()];
        for start in 0..words.len() {
            let Some(candidates) = self.phrases.get(&words[start]) else { continue };
            for (phrase, t) in candidates {
                let end = start + phrase.len();
                if end <= words.len() && words[start..end] == phrase[..] {
                    for (i, slot) in out[start..end].iter_mut().enumerate() {
                        slot.push((*t, i == 0));
                    }
                }
            }
        }
        out
    }

    pub fn len(&self) -> usize {
        self.words.len() + self.phrases.values().map(Vec::len).sum::<usize>()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// All entries as (word hashes, type), in a stable order, for saving.
    pub(crate) fn entries(&self) -> Vec<(Vec<u64>, EntityType)> {
        let mut out: Vec<(Vec<u64>, EntityType)> =
            self.words.keys().map(|&(w, t)| (vec![w], t)).collect();
        for list in self.phrases.values() {
            out.extend(list.iter().cloned());
        }
        out.sort();
        out
    }
}

/// Reads an ANERGazet list: one name per line; `====` / `****` lines and section headings
/// (the line between two `====`) are skipped.
pub fn read_anergazet(text: &str, t: EntityType, into: &mut Gazetteer) -> usize {
    let mut added = 0;
    let mut in_heading = false;
    for line in text.lines() {
        let line = line.trim_start_matches('\u{feff}').trim();
        if line.starts_with("====") {
            in_heading = !in_heading;
            continue;
        }
        if in_heading || line.is_empty() || line.starts_with("****") {
            continue;
        }
        into.add(line, t);
        added += 1;
    }
    added
}

/// Reads the world-cities CSV (`CountryNameAr,CountryNameEn,CityNameAr,CityNameEn,Population`):
/// every country, and cities of at least `min_population`, as places. Administrative
/// prefixes (`ولاية`, `منطقة`, `مقاطعة`, `محافظة`) are dropped from city names.
pub fn read_world_cities(text: &str, min_population: u64, into: &mut Gazetteer) -> usize {
    let mut added = 0;
    for line in text.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').map(|f| f.trim().trim_matches('"')).collect();
        let [country, _, city, _, population] = fields[..] else { continue };
        into.add(country, EntityType::Loc);
        added += 1;
        let population: u64 = population.parse().unwrap_or(0);
        if population >= min_population {
            let mut name = city;
            for prefix in ["ولاية ", "منطقة ", "مقاطعة ", "محافظة "] {
                name = name.strip_prefix(prefix).unwrap_or(name);
            }
            into.add(name, EntityType::Loc);
            added += 1;
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_phrases_match_through_clitics() {
        let mut g = Gazetteer::new();
        g.add("الأردن", EntityType::Loc);
        g.add("الأمم المتحدة", EntityType::Org);
        assert!(g.contains_word(hash_str(&strip_key("والاردن")), EntityType::Loc));
        let sentence: Vec<u64> =
            ["قالت", "الأمم", "المتحدة", "اليوم"].iter().map(|w| hash_str(&strip_key(w))).collect();
        let m = g.phrase_matches(&sentence);
        assert_eq!(m[1], vec![(EntityType::Org, true)]);
        assert_eq!(m[2], vec![(EntityType::Org, false)]);
        assert!(m[0].is_empty() && m[3].is_empty());
    }

    #[test]
    fn reads_list_formats() {
        let mut g = Gazetteer::new();
        assert_eq!(
            read_anergazet("====\nاسيا\n====\nاردن\n****\nعمان\n", EntityType::Loc, &mut g),
            2
        );
        let csv = "h\n\"بلد\",\"C\",\"ولاية مدينة\",\"X\",500000\n\"بلد\",\"C\",\"قرية\",\"Y\",10\n";
        assert_eq!(read_world_cities(csv, 100_000, &mut g), 3);
        assert!(g.contains_word(hash_str(&strip_key("مدينة")), EntityType::Loc));
        assert!(!g.contains_word(hash_str(&strip_key("قرية")), EntityType::Loc));
    }
}
