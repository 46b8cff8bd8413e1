//! Text-layer throughput: normalize + tokenize + stem over a corpus, against Snowball
//! Arabic with the same tokenizer and keys, in the same process.

use std::time::{Duration, Instant};

use marsad_text::{Analyzer, TokenKind, Tokens, normalize_into};
use serde::Serialize;

/// One measured configuration.
#[derive(Clone, Debug, Serialize)]
pub struct Throughput {
    pub name: String,
    pub bytes: usize,
    pub tokens: usize,
    /// Best of the runs, in seconds.
    pub seconds: f64,
    pub mb_per_s: f64,
    pub tokens_per_s: f64,
}

fn measure(name: &str, bytes: usize, runs: usize, mut f: impl FnMut() -> usize) -> Throughput {
    let mut best = Duration::MAX;
    let mut tokens = 0;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        tokens = std::hint::black_box(f());
        best = best.min(t.elapsed());
    }
    let seconds = best.as_secs_f64().max(1e-9);
    Throughput {
        name: name.to_owned(),
        bytes,
        tokens,
        seconds,
        mb_per_s: bytes as f64 / 1e6 / seconds,
        tokens_per_s: tokens as f64 / seconds,
    }
}

/// Measures the text layer and the Snowball baseline over `texts`, best of `runs`.
pub fn text_throughput(texts: &[String], runs: usize) -> Vec<Throughput> {
    let bytes: usize = texts.iter().map(String::len).sum();
    let tokenize =
        measure("tokenize", bytes, runs, || texts.iter().map(|t| Tokens::new(t).count()).sum());
    let mut analyzer = Analyzer::new();
    let ours = measure("marsad normalize+tokenize+stem", bytes, runs, || {
        let mut n = 0;
        for t in texts {
            analyzer.analyze(t, |_, stem| n += usize::from(!stem.is_empty()));
        }
        n
    });
    let snowball = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Arabic);
    let mut key = String::new();
    let baseline = measure("snowball-arabic normalize+tokenize+stem", bytes, runs, || {
        let mut n = 0;
        for t in texts {
            for token in Tokens::new(t) {
                if matches!(token.kind, TokenKind::Arabic | TokenKind::Latin | TokenKind::Number) {
                    key.clear();
                    normalize_into(token.text(t), &mut key);
                    n += usize::from(!snowball.stem(&key).is_empty());
                }
            }
        }
        n
    });
    vec![tokenize, ours, baseline]
}
