//! A reader for the PADT CoNLL-U treebank that rebuilds surface words.
//!
//! PADT writes every clitic as its own syntactic word (`بِ` + `إِعَادَةِ`, `يَملِكُ` + `هَا`),
//! fully vocalized. Running text glues them (`بإعادة`, `يملكها`), and a stemmer must cope
//! with the glued form, so this reader glues them back: one-letter proclitics (`و ف ب ل ك
//! س`) onto the next word, with `ل` + `ال` written `لل`; personal-pronoun enclitics onto the
//! word before, with teh marbuta becoming `ت` before them. Diacritics are removed, as in news
//! text. The lemma of a rebuilt word is the lemma of its host.

/// One rebuilt surface word with its gold lemma.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LemmaWord {
    /// The word as it would appear in undiacritized text.
    pub surface: String,
    /// The host's lemma, undiacritized.
    pub lemma: String,
    /// The host's universal part of speech.
    pub upos: String,
}

/// A syntactic word of the treebank.
struct Row {
    form: String,
    lemma: String,
    upos: String,
}

const PROCLITICS: [&str; 6] = ["و", "ف", "ب", "ل", "ك", "س"];
const ENCLITICS: [&str; 11] = ["ه", "ها", "هم", "هما", "هن", "نا", "ي", "ني", "ك", "كم", "كما"];

/// Removes Arabic diacritics and tatweel, keeping letters as they are (hamza forms stay).
pub fn strip_diacritics(s: &str) -> String {
    s.chars()
        .filter(|&c| !matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}'))
        .collect()
}

/// Parses CoNLL-U text into sentences of syntactic words. Malformed lines are skipped and
/// counted in the second value.
fn parse(text: &str) -> (Vec<Vec<Row>>, usize) {
    let mut sentences = Vec::new();
    let mut current = Vec::new();
    let mut malformed = 0;
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 {
            malformed += 1;
            continue;
        }
        // Multi-word token ranges (`3-4`) and empty nodes (`3.1`) are not syntactic words.
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        current.push(Row {
            form: strip_diacritics(cols[1]),
            lemma: strip_diacritics(cols[2]),
            upos: cols[3].to_owned(),
        });
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    (sentences, malformed)
}

/// Reads a CoNLL-U treebank and rebuilds its surface words. Returns the words and the number
/// of malformed lines skipped.
pub fn read_surface_words(text: &str) -> (Vec<LemmaWord>, usize) {
    let (sentences, malformed) = parse(text);
    let mut words = Vec::new();
    for sentence in &sentences {
        let mut i = 0;
        let mut pending = String::new();
        while i < sentence.len() {
            let row = &sentence[i];
            let next_is_word = sentence.get(i + 1).is_some_and(|n| n.upos != "PUNCT");
            if PROCLITICS.contains(&row.form.as_str())
                && matches!(row.upos.as_str(), "ADP" | "CONJ" | "PART")
                && next_is_word
            {
                pending.push_str(&row.form);
                i += 1;
                continue;
            }
            let mut surface = if pending.ends_with('ل') && row.form.starts_with("ال") {
                // ل + الكتاب is written للكتاب.
                format!("{pending}{}", &row.form["ا".len()..])
            } else {
                format!("{pending}{}", row.form)
            };
            pending.clear();
            while let Some(next) = sentence.get(i + 1) {
                if next.upos == "PRON"
                    && next.lemma == "هو"
                    && ENCLITICS.contains(&next.form.as_str())
                {
                    if surface.ends_with('ة') {
                        surface.truncate(surface.len() - 'ة'.len_utf8());
                        surface.push('ت');
                    }
                    surface.push_str(&next.form);
                    i += 1;
                } else {
                    break;
                }
            }
            words.push(LemmaWord { surface, lemma: row.lemma.clone(), upos: row.upos.clone() });
            i += 1;
        }
    }
    (words, malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glues_clitics_back() {
        // Our own three-sentence sample in PADT's layout.
        let text = "# sent_id 1\n\
            1\tوَ\tوَ\tCONJ\n2\tبِ\tبِ\tADP\n3\tاَلقُوَّاتِ\tقُوَّة\tNOUN\n\n\
            1\tلِ\tلِ\tADP\n2\tاَلحُكُومَةِ\tحُكُومَة\tNOUN\n3\t.\t.\tPUNCT\n\n\
            1\tحُكُومَةِ\tحُكُومَة\tNOUN\n2\tهَا\tهُوَ\tPRON\n3\tbad line\n";
        let (words, malformed) = read_surface_words(text);
        let surfaces: Vec<&str> = words.iter().map(|w| w.surface.as_str()).collect();
        assert_eq!(surfaces, vec!["وبالقوات", "للحكومة", ".", "حكومتها"]);
        assert_eq!(words[0].lemma, "قوة");
        assert_eq!(malformed, 1);
    }
}
