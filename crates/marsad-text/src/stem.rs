//! The light stemmer. (Placeholder rules; see the evaluation command.)

/// A clitic-aware light stemmer over keys.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stemmer {}

impl Stemmer {
    pub fn new() -> Self {
        Stemmer {}
    }

    /// The stem of `key` (a [`crate::normalize`] key); always a slice of `key`.
    pub fn stem<'k>(&self, key: &'k str) -> &'k str {
        key
    }
}
