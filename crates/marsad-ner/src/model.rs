//! The tagger's model: feature weights per label, label transitions, the gazetteer; Viterbi
//! decoding; the binary model file.
//!
//! File layout (little-endian): magic `MARSADNER`, format version `u32`, then
//! `transitions` (`(NUM_LABELS + 1) × NUM_LABELS` `f32`, row `NUM_LABELS` is the sentence
//! start), the feature count `u64` and per feature its hash `u64` and `NUM_LABELS` weights
//! as `f32`, then the gazetteer entry count `u64` and per entry its type `u8`, word count
//! `u32` and word hashes `u64`, then the word-class count `u64` and per word its hash
//! `u64`, coarse and fine cluster and hierarchy path `u16`, article and frequency class `u8`.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

use crate::distributional::{WordClass, WordClasses};
use crate::features::{FeatureExtractor, Lexicons, SentenceFeatures};
use crate::gazetteer::Gazetteer;
use crate::label::{EntityType, Label, NUM_LABELS};

const MAGIC: &[u8; 9] = b"MARSADNER";
const VERSION: u32 = 3;

/// Feature hashes are already well mixed: hash them with themselves.
#[derive(Default)]
pub(crate) struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type FeatureMap<V> = HashMap<u64, V, BuildHasherDefault<IdentityHasher>>;

/// Why a model could not be loaded.
#[derive(Debug)]
pub enum ModelError {
    Io { path: String, error: std::io::Error },
    Corrupt { path: String, reason: String },
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fix = "rebuild it with `marsad train ner`";
        match self {
            ModelError::Io { path, error } => {
                write!(f, "{path}: cannot read NER model ({error}); {fix}")
            }
            ModelError::Corrupt { path, reason } => {
                write!(f, "{path}: corrupt NER model ({reason}); {fix}")
            }
        }
    }
}

impl std::error::Error for ModelError {}

/// A trained tagger.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub(crate) weights: FeatureMap<[f32; NUM_LABELS]>,
    /// `transitions[prev][cur]`; `prev == NUM_LABELS` is the sentence start.
    pub(crate) transitions: [[f32; NUM_LABELS]; NUM_LABELS + 1],
    pub lexicons: Lexicons,
    extractor: FeatureExtractor,
}

impl Model {
    pub(crate) fn from_parts(
        weights: FeatureMap<[f32; NUM_LABELS]>,
        transitions: [[f32; NUM_LABELS]; NUM_LABELS + 1],
        lexicons: Lexicons,
    ) -> Model {
        Model { weights, transitions, lexicons, extractor: FeatureExtractor::new() }
    }

    pub fn num_features(&self) -> usize {
        self.weights.len()
    }

    /// Labels for the tokens of one sentence.
    pub fn tag(&self, tokens: &[&str]) -> Vec<Label> {
        let features = self.extractor.extract(tokens, &self.lexicons);
        self.decode(&features)
    }

    /// Per-token label scores from the features alone.
    pub(crate) fn emissions(&self, features: &SentenceFeatures) -> Vec<[f32; NUM_LABELS]> {
        (0..features.len())
            .map(|i| {
                let mut scores = [0.0f32; NUM_LABELS];
                for f in features.token(i) {
                    if let Some(w) = self.weights.get(f) {
                        for (s, x) in scores.iter_mut().zip(w) {
                            *s += x;
                        }
                    }
                }
                scores
            })
            .collect()
    }

    /// The best label sequence under IOB2 constraints.
    pub(crate) fn decode(&self, features: &SentenceFeatures) -> Vec<Label> {
        viterbi(&self.emissions(features), &self.transitions)
    }

    /// Writes the model file.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        std::fs::write(path, self.to_bytes())
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.weights.len() * (8 + 4 * NUM_LABELS));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        for row in &self.transitions {
            for x in row {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        // Sorted, so the same model always gives the same bytes.
        let mut keys: Vec<&u64> = self.weights.keys().collect();
        keys.sort_unstable();
        out.extend_from_slice(&(keys.len() as u64).to_le_bytes());
        for k in keys {
            out.extend_from_slice(&k.to_le_bytes());
            for x in self.weights.get(k).into_iter().flatten() {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        let entries = self.lexicons.gazetteer.entries();
        out.extend_from_slice(&(entries.len() as u64).to_le_bytes());
        for (words, t) in entries {
            let type_index = EntityType::ALL.iter().position(|&x| x == t).unwrap_or(0) as u8;
            out.push(type_index);
            out.extend_from_slice(&(words.len() as u32).to_le_bytes());
            for w in words {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        let mut classes: Vec<(&u64, &WordClass)> = self.lexicons.classes.map.iter().collect();
        classes.sort_unstable_by_key(|(k, _)| **k);
        out.extend_from_slice(&(classes.len() as u64).to_le_bytes());
        for (k, c) in classes {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&c.coarse.to_le_bytes());
            out.extend_from_slice(&c.fine.to_le_bytes());
            out.extend_from_slice(&c.path.to_le_bytes());
            out.push(c.article);
            out.push(c.frequency);
        }
        out
    }

    /// Reads a model file.
    pub fn load(path: &Path) -> Result<Model, ModelError> {
        let name = path.display().to_string();
        let bytes =
            std::fs::read(path).map_err(|error| ModelError::Io { path: name.clone(), error })?;
        Model::from_bytes(&bytes).map_err(|reason| ModelError::Corrupt { path: name, reason })
    }

    /// Parses a model from bytes; the error says what is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err("not a Marsad NER model (bad magic)".into());
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(format!("format version {version}, expected {VERSION}"));
        }
        let mut transitions = [[0.0f32; NUM_LABELS]; NUM_LABELS + 1];
        for row in transitions.iter_mut() {
            for x in row.iter_mut() {
                *x = r.f32()?;
            }
        }
        let n = r.u64()? as usize;
        if n > bytes.len() / (8 + 4 * NUM_LABELS) {
            return Err(format!("feature count {n} exceeds the file size"));
        }
        let mut weights = FeatureMap::with_capacity_and_hasher(n, Default::default());
        for _ in 0..n {
            let k = r.u64()?;
            let mut w = [0.0f32; NUM_LABELS];
            for x in w.iter_mut() {
                *x = r.f32()?;
            }
            weights.insert(k, w);
        }
        let entries = r.u64()? as usize;
        let mut gazetteer = Gazetteer::new();
        for _ in 0..entries {
            let t = *EntityType::ALL.get(r.u8()? as usize).ok_or("bad gazetteer type")?;
            let len = r.u32()? as usize;
            if len > bytes.len() / 8 {
                return Err("gazetteer entry longer than the file".into());
            }
            let words = (0..len).map(|_| r.u64()).collect::<Result<Vec<u64>, String>>()?;
            gazetteer.add_hashed(words, t);
        }
        let n = r.u64()? as usize;
        if n > bytes.len() / 16 {
            return Err(format!("word-class count {n} exceeds the file size"));
        }
        let mut classes = WordClasses::default();
        for _ in 0..n {
            let k = r.u64()?;
            let class = WordClass {
                coarse: r.u16()?,
                fine: r.u16()?,
                path: r.u16()?,
                article: r.u8()?,
                frequency: r.u8()?,
            };
            classes.map.insert(k, class);
        }
        if r.pos != bytes.len() {
            return Err(format!("{} trailing bytes", bytes.len() - r.pos));
        }
        Ok(Model::from_parts(weights, transitions, Lexicons { gazetteer, classes }))
    }
}

struct Reader<'b> {
    bytes: &'b [u8],
    pos: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Result<&'b [u8], String> {
        let end =
            self.pos.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or("truncated file")?;
        let out = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(out)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.array::<1>()?[0])
    }
    fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    fn f32(&mut self) -> Result<f32, String> {
        let x = f32::from_le_bytes(self.array()?);
        if x.is_finite() { Ok(x) } else { Err("non-finite weight".into()) }
    }
}

/// Viterbi over per-token scores and transitions, allowing `I-X` only after `B-X`/`I-X`.
pub(crate) fn viterbi(
    emissions: &[[f32; NUM_LABELS]],
    transitions: &[[f32; NUM_LABELS]; NUM_LABELS + 1],
) -> Vec<Label> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let labels = Label::all();
    let mut score = vec![[f32::NEG_INFINITY; NUM_LABELS]; n];
    let mut back = vec![[0usize; NUM_LABELS]; n];
    for (j, l) in labels.iter().enumerate() {
        if l.may_follow(None) {
            score[0][j] = transitions[NUM_LABELS][j] + emissions[0][j];
        }
    }
    for i in 1..n {
        for (j, l) in labels.iter().enumerate() {
            let mut best = (f32::NEG_INFINITY, 0);
            for (k, prev) in labels.iter().enumerate() {
                if !l.may_follow(Some(*prev)) || score[i - 1][k] == f32::NEG_INFINITY {
                    continue;
                }
                let s = score[i - 1][k] + transitions[k][j];
                if s > best.0 {
                    best = (s, k);
                }
            }
            score[i][j] = best.0 + emissions[i][j];
            back[i][j] = best.1;
        }
    }
    let mut j =
        (0..NUM_LABELS).max_by(|&a, &b| score[n - 1][a].total_cmp(&score[n - 1][b])).unwrap_or(0);
    let mut out = vec![Label::O; n];
    for i in (0..n).rev() {
        out[i] = labels[j];
        j = back[i][j];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_respects_iob() {
        // Token 1 prefers I-LOC, but token 0 is B-PERS: I-LOC is not allowed there.
        let mut e = vec![[0.0f32; NUM_LABELS]; 2];
        e[0][Label::B(EntityType::Pers).index()] = 5.0;
        e[1][Label::I(EntityType::Loc).index()] = 3.0;
        e[1][Label::I(EntityType::Pers).index()] = 2.0;
        let t = [[0.0f32; NUM_LABELS]; NUM_LABELS + 1];
        assert_eq!(viterbi(&e, &t), vec![Label::B(EntityType::Pers), Label::I(EntityType::Pers)]);
        assert!(viterbi(&[], &t).is_empty());
    }

    #[test]
    fn corrupt_files_are_errors_not_panics() {
        assert!(Model::from_bytes(b"").is_err());
        assert!(Model::from_bytes(b"MARSADNER\x01\x00\x00\x00").is_err());
        let model = Model::default();
        let bytes = model.to_bytes();
        assert!(Model::from_bytes(&bytes).is_ok());
        for cut in [1, bytes.len() / 2, bytes.len() - 1] {
            assert!(Model::from_bytes(&bytes[..cut]).is_err());
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(Model::from_bytes(&extra).is_err());
    }
}
