//! `marsad train ner`, `marsad eval ner`, `marsad bench ner`: the entity tagger's model,
//! its quality on the CAMeL test split of ANERcorp, and its speed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use marsad_ner::corpus::{Corpus, read_conll};
use marsad_ner::distributional::{ClassConfig, WordClassesBuilder};
use marsad_ner::eval::NerScores;
use marsad_ner::gazetteer::{Gazetteer, read_anergazet, read_world_cities};
use marsad_ner::train::{TrainConfig, train};
use marsad_ner::{EntityType, Lexicons, Model};
use marsad_readers::{InputFormat, read_path};
use marsad_text::{TokenKind, sentences, tokenize};

/// Where the training data lives, relative to the project root.
pub struct NerData {
    pub train: PathBuf,
    pub gazetteers: PathBuf,
    pub cities: PathBuf,
    /// Unlabeled news for word classes.
    pub unlabeled: Vec<PathBuf>,
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))
}

fn read_corpus(path: &Path, split_on_period: bool) -> Result<Corpus, String> {
    let corpus = read_conll(&read(path)?, split_on_period);
    for (line, reason) in corpus.skipped.iter().take(5) {
        eprintln!("marsad: {}:{line}: skipped ({reason})", path.display());
    }
    if corpus.sentences.is_empty() {
        return Err(format!("{}: no labelled sentences", path.display()));
    }
    Ok(corpus)
}

/// Builds the gazetteer from ANERGazet, the world-cities list and the knowledge base.
fn gazetteer(data: &NerData) -> Result<Gazetteer, String> {
    let mut g = Gazetteer::new();
    for (file, t) in [
        ("ANERGazet_Pers.txt", EntityType::Pers),
        ("ANERGazet_Loc.txt", EntityType::Loc),
        ("ANERGazet_Org.txt", EntityType::Org),
    ] {
        read_anergazet(&read(&data.gazetteers.join(file))?, t, &mut g);
    }
    read_world_cities(&read(&data.cities)?, 100_000, &mut g);
    // The knowledge base's names (not its nationality adjectives).
    let (kb, _) = marsad_entities::KnowledgeBase::shipped();
    for (key, entry, kind) in kb.names() {
        if kind != marsad_entities::NameKind::Name {
            continue;
        }
        let t = match entry.label {
            "PER" => EntityType::Pers,
            "ORG" => EntityType::Org,
            _ => EntityType::Loc,
        };
        g.add_key(key, t);
    }
    Ok(g)
}

/// Word classes from the sentences of unlabeled corpora (plus the labelled training
/// sentences' words, never the test split's).
fn word_classes(
    data: &NerData,
    labelled: &Corpus,
) -> Result<marsad_ner::distributional::WordClasses, String> {
    let mut builder = WordClassesBuilder::new();
    let mut articles = 0;
    for corpus in &data.unlabeled {
        if !corpus.exists() {
            return Err(format!("{}: corpus not found", corpus.display()));
        }
        for article in read_path(corpus, InputFormat::Auto).into_iter().flatten() {
            articles += 1;
            let mut texts: Vec<&str> = article.headline.as_deref().into_iter().collect();
            texts.extend(article.paragraph_texts());
            for text in texts {
                let tokens = tokenize(text);
                for s in sentences(text, &tokens, &[(0, text.len())]) {
                    let words: Vec<&str> = tokens[s.first_token..s.end_token]
                        .iter()
                        .filter(|t| t.kind != TokenKind::Symbol)
                        .map(|t| t.text(text))
                        .collect();
                    builder.add_sentence(&words);
                }
            }
        }
    }
    for s in &labelled.sentences {
        let words: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        builder.add_sentence(&words);
    }
    let start = Instant::now();
    let classes = builder.build(ClassConfig::default());
    eprintln!(
        "marsad: word classes for {} words from {articles} articles ({} tokens) in {:.1}s",
        classes.len(),
        builder.tokens(),
        start.elapsed().as_secs_f64()
    );
    Ok(classes)
}

pub fn train_ner(data: &NerData, out: &Path, epochs: usize) -> Result<ExitCode, String> {
    let corpus = read_corpus(&data.train, true)?;
    let gazetteer = gazetteer(data)?;
    let classes = word_classes(data, &corpus)?;
    eprintln!(
        "marsad: training on {} sentences, {} tokens; gazetteer {} entries",
        corpus.sentences.len(),
        corpus.tokens(),
        gazetteer.len()
    );
    let start = Instant::now();
    let config = TrainConfig { epochs, ..TrainConfig::default() };
    let model = train(&corpus, Lexicons { gazetteer, classes }, config, |(epoch, error)| {
        eprintln!("marsad: epoch {epoch:>2}: {:.2}% tokens wrong", error * 100.0);
    });
    model.save(out).map_err(|e| format!("{}: cannot write model: {e}", out.display()))?;
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "marsad: {} features, {:.1} MB, written to {} in {:.1}s",
        model.num_features(),
        size as f64 / 1e6,
        out.display(),
        start.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn eval_ner(model_path: &Path, test: &Path, json: bool) -> Result<ExitCode, String> {
    let load = Instant::now();
    let model = Model::load(model_path).map_err(|e| e.to_string())?;
    let load_seconds = load.elapsed().as_secs_f64();
    let corpus = read_corpus(test, false)?;
    let mut scores = NerScores::default();
    let start = Instant::now();
    for s in &corpus.sentences {
        let tokens: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        let predicted = model.tag(&tokens);
        scores.add(&s.labels, &predicted);
    }
    let seconds = start.elapsed().as_secs_f64().max(1e-9);
    if json {
        let by_type: serde_json::Map<String, serde_json::Value> = scores
            .by_type
            .iter()
            .map(|(t, c)| {
                (t.tag_name().to_owned(), serde_json::json!({"precision": c.precision(), "recall": c.recall(), "f1": c.f1(), "gold": c.gold}))
            })
            .collect();
        let m = scores.micro;
        let report = serde_json::json!({
            "test": test.display().to_string(), "sentences": corpus.sentences.len(), "tokens": scores.tokens,
            "micro": {"precision": m.precision(), "recall": m.recall(), "f1": m.f1(), "gold": m.gold},
            "by_type": by_type, "tokens_per_s": scores.tokens as f64 / seconds, "model_load_s": load_seconds,
        });
        println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "NER on {} ({} sentences, {} tokens), CoNLL entity-level",
        test.display(),
        corpus.sentences.len(),
        scores.tokens
    );
    println!("{:<6} {:>9} {:>9} {:>9} {:>6}", "type", "precision", "recall", "F1", "gold");
    for (t, c) in &scores.by_type {
        println!(
            "{:<6} {:>9.2} {:>9.2} {:>9.2} {:>6}",
            t.tag_name(),
            c.precision() * 100.0,
            c.recall() * 100.0,
            c.f1() * 100.0,
            c.gold
        );
    }
    let m = scores.micro;
    println!(
        "{:<6} {:>9.2} {:>9.2} {:>9.2} {:>6}",
        "micro",
        m.precision() * 100.0,
        m.recall() * 100.0,
        m.f1() * 100.0,
        m.gold
    );
    println!(
        "tagging: {:.0} tokens/s (features + Viterbi, one core); model load {:.2}s",
        scores.tokens as f64 / seconds,
        load_seconds
    );
    Ok(ExitCode::SUCCESS)
}
