//! Background document frequencies: how many news articles use each stem.
//!
//! Built by `marsad train idf` from the articles in `../shared/data` (the articles are not
//! shipped; this table of counts is), and read back with [`DocFrequencies::parse`].

use std::collections::{HashMap, HashSet};

use marsad_text::Analyzer;

/// Document frequencies of stems over a background corpus.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocFrequencies {
    documents: u32,
    df: HashMap<String, u32>,
}

impl DocFrequencies {
    /// Number of background documents.
    pub fn documents(&self) -> u32 {
        self.documents
    }

    pub fn len(&self) -> usize {
        self.df.len()
    }

    pub fn is_empty(&self) -> bool {
        self.df.is_empty()
    }

    /// Smoothed inverse document frequency of a stem: `ln((N + 1) / (df + 1)) + 1`; a stem
    /// never seen gets the highest value.
    pub fn idf(&self, stem: &str) -> f64 {
        let df = self.df.get(stem).copied().unwrap_or(0);
        (f64::from(self.documents + 1) / f64::from(df + 1)).ln() + 1.0
    }

    /// Every stem with its document frequency, in no particular order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, u32)> {
        self.df.iter().map(|(k, &n)| (k.as_str(), n))
    }

    /// Reads the text form: a `documents\tN` line, then `stem\tdf` lines; `#` lines are
    /// comments. Malformed lines are skipped.
    pub fn parse(text: &str) -> DocFrequencies {
        let mut out = DocFrequencies::default();
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((key, value)) = line.split_once('\t') else { continue };
            let Ok(n) = value.trim().parse::<u32>() else { continue };
            if key == "documents" {
                out.documents = n;
            } else {
                out.df.insert(key.to_owned(), n);
            }
        }
        out
    }

    /// The text form, stems sorted, after a comment header.
    pub fn to_text(&self, header: &str) -> String {
        let mut rows: Vec<(&String, &u32)> = self.df.iter().collect();
        rows.sort();
        let mut out = String::new();
        for line in header.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(&format!("documents\t{}\n", self.documents));
        for (stem, n) in rows {
            out.push_str(&format!("{stem}\t{n}\n"));
        }
        out
    }
}

/// A 64-bit FNV-1a hash of a stem: the tagger keys its per-article counts and its idf table
/// by it, so that no word allocates.
pub fn stem_hash(stem: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in stem.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A hasher for keys that are already hashes ([`stem_hash`]): passes them through.
#[derive(Clone, Copy, Debug, Default)]
pub struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Builds [`PassThrough`] hashers.
pub type HashedKeys = std::hash::BuildHasherDefault<PassThrough>;

/// Inverse document frequencies keyed by [`stem_hash`], precomputed for lookups on the hot
/// path.
#[derive(Clone, Debug, Default)]
pub struct IdfTable {
    idf: HashMap<u64, f32, HashedKeys>,
    unseen: f32,
}

impl IdfTable {
    pub fn new(df: &DocFrequencies) -> IdfTable {
        let n = f64::from(df.documents + 1);
        let idf = df
            .entries()
            .map(|(stem, d)| (stem_hash(stem), ((n / f64::from(d + 1)).ln() + 1.0) as f32))
            .collect();
        IdfTable { idf, unseen: (n.ln() + 1.0) as f32 }
    }

    /// [`DocFrequencies::idf`] of the stem with this [`stem_hash`].
    pub fn get(&self, hash: u64) -> f64 {
        f64::from(self.idf.get(&hash).copied().unwrap_or(self.unseen))
    }

    /// The idf of a stem never seen: the highest value.
    pub fn max(&self) -> f64 {
        f64::from(self.unseen)
    }
}

/// Counts document frequencies over articles.
#[derive(Debug, Default)]
pub struct DocFrequenciesBuilder {
    analyzer: Analyzer,
    counts: DocFrequencies,
}

impl DocFrequenciesBuilder {
    pub fn new() -> Self {
        DocFrequenciesBuilder::default()
    }

    /// Adds one document (its headline and body texts).
    pub fn add_document<'t>(&mut self, texts: impl IntoIterator<Item = &'t str>) {
        let mut seen: HashSet<String> = HashSet::new();
        for text in texts {
            self.analyzer.analyze(text, |_, stem| {
                if !seen.contains(stem) {
                    seen.insert(stem.to_owned());
                }
            });
        }
        for stem in seen {
            *self.counts.df.entry(stem).or_default() += 1;
        }
        self.counts.documents += 1;
    }

    /// The frequencies, keeping stems seen in at least `min_df` documents.
    pub fn build(mut self, min_df: u32) -> DocFrequencies {
        self.counts.df.retain(|_, n| *n >= min_df);
        self.counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_documents_not_occurrences() {
        let mut b = DocFrequenciesBuilder::new();
        b.add_document(["الحكومة والحكومة تجتمع", "الحكومة"]);
        b.add_document(["اجتماع الوزراء"]);
        b.add_document(["حكومة جديدة"]);
        let df = b.build(1);
        assert_eq!(df.documents(), 3);
        let stem = marsad_text::Stemmer::new().stem(&marsad_text::normalize("الحكومة")).to_owned();
        assert!(df.idf(&stem) < df.idf("غير-موجود"));
        let back = DocFrequencies::parse(&df.to_text("test"));
        assert_eq!(back, df);
        let table = IdfTable::new(&df);
        assert!((table.get(stem_hash(&stem)) - df.idf(&stem)).abs() < 1e-6);
        assert!((table.get(stem_hash("غير-موجود")) - df.idf("غير-موجود")).abs() < 1e-6);
    }
}
