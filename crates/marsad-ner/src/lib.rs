//! Arabic named-entity recognition.
//!
//! A sequence tagger over IOB2 labels for four types (PERS, LOC, ORG, MISC): an averaged
//! structured perceptron scored with Viterbi, over features from Marsad's text core (keys,
//! stems, clitic-stripped forms, affixes, shape, neighbours) and gazetteer membership.
//!
//! - [`corpus`]: CoNLL-style `token TAG` reading (ANERcorp).
//! - [`features`]: what the tagger looks at, as hashed feature ids.
//! - [`model`]: weights, Viterbi decoding, the binary model file.
//! - [`train`]: the averaged perceptron, deterministic for a given corpus and seed.
//! - [`eval`]: CoNLL entity-level precision, recall and F1.

pub mod corpus;
pub mod distributional;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod label;
pub mod model;
pub mod train;

pub use features::Lexicons;
pub use label::{EntityType, Label};
pub use model::{Model, ModelError};
