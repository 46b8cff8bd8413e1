//! Throughput of the text layer against Snowball Arabic (rust-stemmers, as in tantivy), on
//! the `<TEXT>` of the ANT corpus in `../shared` (skipped when absent).
//!
//! Run: `cargo bench -p marsad-text --bench text`

use std::path::Path;

use divan::counter::BytesCount;
use marsad_text::{Analyzer, Token, TokenKind, Tokens, normalize_into};

fn main() {
    divan::main();
}

/// The `<TEXT>` bodies of every ANT document, concatenated with newlines.
fn corpus() -> &'static str {
    static CORPUS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ant-multisource-2018-04");
        let mut out = String::new();
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path)
                    && let (Some(a), Some(b)) = (text.find("<TEXT>"), text.find("</TEXT>"))
                        && a + 6 <= b {
                            out.push_str(&text[a + 6..b]);
                            out.push('\n');
                        }
            }
        }
        if out.is_empty() {
            eprintln!("skipping real corpus: ../shared/data/ant-multisource-2018-04 not found; using a small built-in text");
            out = "قال المتحدث باسم الحكومة إن القوات وصلت إلى المدينة صباح الجمعة. ".repeat(20_000);
        }
        out
    })
}

#[divan::bench]
fn marsad_tokenize(bencher: divan::Bencher) {
    let text = corpus();
    bencher.counter(BytesCount::of_str(text)).bench(|| Tokens::new(text).count());
}

#[divan::bench]
fn marsad_normalize_tokenize_stem(bencher: divan::Bencher) {
    let text = corpus();
    let mut analyzer = Analyzer::new();
    bencher.counter(BytesCount::of_str(text)).bench_local(|| {
        let mut total = 0usize;
        analyzer.analyze(text, |_, stem| total += stem.len());
        total
    });
}

/// The baseline: same tokenizer and key normalization, Snowball Arabic as the stemmer.
#[divan::bench]
fn snowball_arabic_baseline(bencher: divan::Bencher) {
    let text = corpus();
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::Arabic);
    let mut key = String::new();
    bencher.counter(BytesCount::of_str(text)).bench_local(|| {
        let mut total = 0usize;
        for token in Tokens::new(text) {
            if matches!(token.kind, TokenKind::Arabic) {
                key.clear();
                normalize_into(token.text(text), &mut key);
                total += stemmer.stem(&key).len();
            }
        }
        total
    });
}

#[allow(dead_code)]
fn _uses(_: Token) {}
