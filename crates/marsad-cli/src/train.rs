//! `marsad train …`: build the statistics that ship with Marsad, reproducibly, from the
//! corpora in `../shared/data`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use marsad_readers::{InputFormat, read_path};
use marsad_text::StemLexiconBuilder;

pub fn stem_lexicon(corpora: &[PathBuf], out: &Path) -> Result<ExitCode, String> {
    let mut builder = StemLexiconBuilder::new();
    let progress = ProgressBar::new_spinner();
    progress.set_style(
        ProgressStyle::with_template("{spinner} counting words: {pos} articles ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let (mut articles, mut failed) = (0usize, 0usize);
    for corpus in corpora {
        if !corpus.exists() {
            return Err(format!("{}: corpus not found", corpus.display()));
        }
        for item in read_path(corpus, InputFormat::Auto) {
            match item {
                Ok(article) => {
                    if let Some(h) = &article.headline {
                        builder.add_text(h);
                    }
                    for p in article.paragraph_texts() {
                        builder.add_text(p);
                    }
                    articles += 1;
                    progress.inc(1);
                }
                Err(e) => {
                    failed += 1;
                    progress.suspend(|| eprintln!("marsad: {e}"));
                }
            }
        }
    }
    progress.finish_and_clear();
    let lexicon = builder.build();
    let names: Vec<String> = corpora.iter().map(|c| c.display().to_string()).collect();
    let header = format!(
        "Stemmer lexicon: word keys whose first letter belongs to the word.\n\
         Built by `marsad train stem-lexicon` from {articles} articles ({} distinct words) of:\n{}\n\
         Derived word statistics; see ../shared/data/*/SOURCE.md for the corpora's terms.",
        builder.distinct_words(),
        names.join("\n")
    );
    std::fs::write(out, lexicon.to_text(&header))
        .map_err(|e| format!("{}: cannot write: {e}", out.display()))?;
    eprintln!(
        "marsad: {} words from {articles} articles ({} distinct) written to {}",
        lexicon.len(),
        builder.distinct_words(),
        out.display()
    );
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
