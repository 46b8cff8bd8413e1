//! Reading a whole corpus for evaluation and benchmark commands.

use std::path::Path;

use marsad_doc::Article;
use marsad_readers::{InputFormat, read_path};

/// Reads every article under `corpus` (a file or a directory), reporting unreadable records
/// on stderr. Returns the articles and the number of failures; no article at all is an
/// error.
pub fn read_corpus(corpus: &Path) -> Result<(Vec<Article>, usize), String> {
    if !corpus.exists() {
        return Err(format!("{}: corpus not found", corpus.display()));
    }
    let mut articles = Vec::new();
    let mut failed = 0;
    for item in read_path(corpus, InputFormat::Auto) {
        match item {
            Ok(a) => articles.push(a),
            Err(e) => {
                failed += 1;
                eprintln!("marsad: {e}");
            }
        }
    }
    if articles.is_empty() {
        return Err(format!("{}: no articles read", corpus.display()));
    }
    Ok((articles, failed))
}
