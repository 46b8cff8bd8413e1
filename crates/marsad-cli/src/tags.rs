//! `marsad train idf` and `marsad eval tags`: the tagger's background statistics and its
//! quality on the 3alyoum articles of SaudiNewsNet, whose publishers tagged them by hand.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use marsad_pipeline::{Pipeline, TagsStage};
use marsad_readers::{InputFormat, read_path};
use marsad_tags::{DocFrequenciesBuilder, TagWeights, Tagger};
use marsad_text::normalize;

pub fn train_idf(
    corpora: &[PathBuf],
    exclude_sources: &[String],
    out: &Path,
) -> Result<ExitCode, String> {
    let mut builder = DocFrequenciesBuilder::new();
    let (mut used, mut excluded, mut failed) = (0usize, 0usize, 0usize);
    for corpus in corpora {
        if !corpus.exists() {
            return Err(format!("{}: corpus not found", corpus.display()));
        }
        for item in read_path(corpus, InputFormat::Auto) {
            match item {
                Ok(article) => {
                    if article.source.as_ref().is_some_and(|s| exclude_sources.contains(s)) {
                        excluded += 1;
                        continue;
                    }
                    let mut texts: Vec<&str> = article.headline.as_deref().into_iter().collect();
                    texts.extend(article.paragraph_texts());
                    builder.add_document(texts);
                    used += 1;
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("marsad: {e}");
                }
            }
        }
    }
    let df = builder.build(2);
    let header = format!(
        "Document frequencies of stems, for tag ranking.\n\
         Built by `marsad train idf` from {used} articles of {} (sources left out: {}).\n\
         Derived counts; see ../shared/data/*/SOURCE.md for the corpora's terms.",
        corpora.iter().map(|c| c.display().to_string()).collect::<Vec<_>>().join(", "),
        if exclude_sources.is_empty() { "none".to_owned() } else { exclude_sources.join(", ") }
    );
    std::fs::write(out, df.to_text(&header))
        .map_err(|e| format!("{}: cannot write: {e}", out.display()))?;
    eprintln!(
        "marsad: {} stems from {used} articles ({excluded} excluded, {failed} failed) written to {}",
        df.len(),
        out.display()
    );
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Token-level scores of the top-`k` tags against the publisher's tags.
pub struct TagScores {
    pub articles: usize,
    pub correct: usize,
    pub predicted: usize,
    pub gold: usize,
    /// The same counts over the articles at even and at odd positions (0-based), to check
    /// that a change helps both halves and not only the one it was tuned on.
    pub halves: [(usize, usize, usize); 2],
}

impl TagScores {
    pub fn precision(&self) -> f64 {
        self.correct as f64 / self.predicted.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.correct as f64 / self.gold.max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        f1_of(self.correct, self.predicted, self.gold)
    }
    /// F1 over the articles at even (`0`) or odd (`1`) positions.
    pub fn half_f1(&self, half: usize) -> f64 {
        self.halves.get(half).map_or(0.0, |&(c, p, g)| f1_of(c, p, g))
    }
}

fn f1_of(correct: usize, predicted: usize, gold: usize) -> f64 {
    let p = correct as f64 / predicted.max(1) as f64;
    let r = correct as f64 / gold.max(1) as f64;
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

fn folded_tokens<'a>(texts: impl IntoIterator<Item = &'a str>) -> HashSet<String> {
    texts
        .into_iter()
        .flat_map(str::split_whitespace)
        .map(normalize)
        .filter(|t| !t.is_empty())
        .collect()
}

/// Scores the tagger on every article of `source` in `files` that carries publisher tags
/// (for 3alyoum: the `سمات` tail, which the reader removes from the body).
pub fn score_tags(
    files: &[PathBuf],
    source: &str,
    k: usize,
    verbose: bool,
    weights: TagWeights,
) -> Result<TagScores, String> {
    let mut pipeline = Pipeline::default();
    let mut tagger = Tagger::shipped();
    tagger.weights = weights;
    pipeline.replace_stage("tags", Box::new(TagsStage::new(tagger)));
    let mut scores =
        TagScores { articles: 0, correct: 0, predicted: 0, gold: 0, halves: [(0, 0, 0); 2] };
    for file in files {
        if !file.exists() {
            return Err(format!("{}: not found", file.display()));
        }
        for article in read_path(file, InputFormat::Auto).into_iter().flatten() {
            if article.source.as_deref() != Some(source) || article.publisher_tags.is_empty() {
                continue;
            }
            let gold = folded_tokens(article.publisher_tags.iter().map(String::as_str));
            // The tagger never sees the publisher's tags: they are not in the body, and the
            // tags stage does not read `publisher_tags`.
            let mut article = article;
            article.publisher_tags.clear();
            let record = pipeline.analyze(article);
            let top: Vec<&str> = record.tags.iter().take(k).map(|t| t.text.as_str()).collect();
            let predicted = folded_tokens(top.iter().copied());
            let correct = predicted.intersection(&gold).count();
            if verbose {
                let mut sorted: Vec<&String> = gold.iter().collect();
                sorted.sort();
                eprintln!(
                    "{}\n  gold: {}",
                    record.id,
                    sorted.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")
                );
                for t in record.tags.iter().take(k) {
                    let words = folded_tokens([t.text.as_str()]);
                    let hits = words.intersection(&gold).count();
                    eprintln!("  {:6.3} {:12} {hits}/{} {}", t.score, t.kind, words.len(), t.text);
                }
            }
            if let Some(h) = scores.halves.get_mut(scores.articles % 2) {
                h.0 += correct;
                h.1 += predicted.len();
                h.2 += gold.len();
            }
            scores.articles += 1;
            scores.correct += correct;
            scores.predicted += predicted.len();
            scores.gold += gold.len();
        }
    }
    Ok(scores)
}

pub fn eval_tags(
    files: &[PathBuf],
    source: &str,
    k: usize,
    verbose: bool,
    json: bool,
    weights: TagWeights,
) -> Result<ExitCode, String> {
    let s = score_tags(files, source, k, verbose, weights)?;
    if s.articles == 0 {
        return Err(format!("no {source} articles with publisher tags in the given files"));
    }
    if json {
        let report = serde_json::json!({
            "source": source, "articles": s.articles, "top_k": k,
            "precision": s.precision(), "recall": s.recall(), "f1": s.f1(),
            "f1_even": s.half_f1(0), "f1_odd": s.half_f1(1),
        });
        println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
    } else {
        println!(
            "Tags vs publisher tags: {} {source} articles, top {k} tags, folded tokens, micro over articles",
            s.articles
        );
        println!(
            "precision {:.3}  recall {:.3}  F1 {:.3}  (F1 of the even-position half {:.3}, odd {:.3})",
            s.precision(),
            s.recall(),
            s.f1(),
            s.half_f1(0),
            s.half_f1(1)
        );
    }
    Ok(ExitCode::SUCCESS)
}
