//! `marsad eval events` and `marsad bench pipeline`: quotes, facts and events against the
//! annotated dev set, and the whole analysis pipeline's speed stage by stage.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use crate::corpus::read_corpus;
use marsad_eval::events::{
    DocTexts, EventsDev, KindScore, Label, annotation_predictions, join_contiguous_quotes,
    predictions, read_events_dev, score,
};
use marsad_pipeline::Pipeline;

fn label_text(label: &Label) -> String {
    match label {
        Label::Quote { direct, speaker } => {
            format!("{} quote by {speaker}", if *direct { "direct" } else { "indirect" })
        }
        Label::Fact { kind, count, qualifier } => format!("{kind} {count} {qualifier}"),
        Label::Event { action, actor, target } => format!("{action} {actor} → {target}"),
    }
}

fn print_score(name: &str, attribute: &str, second: &str, s: &KindScore) {
    println!(
        "{name:<7} {:>5} {:>5} {:>5}   P {:.3}  R {:.3}  F1 {:.3}   {attribute} {:.3} ({}/{})   {second} {:.3}",
        s.gold,
        s.predicted,
        s.matched,
        s.precision,
        s.recall,
        s.f1,
        s.attribute_accuracy,
        s.attribute_right,
        s.matched,
        s.second_accuracy,
    );
}

/// Reads an annotated quotes/facts/events set, reporting malformed lines on stderr; a set
/// without documents is an error.
pub fn read_set(path: &Path) -> Result<EventsDev, String> {
    let tsv = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read annotated set: {e}", path.display()))?;
    let (set, errors) = read_events_dev(&tsv);
    for e in &errors {
        eprintln!("marsad: {}: {e}", path.display());
    }
    if set.docs.is_empty() {
        return Err(format!("{}: no annotated documents", path.display()));
    }
    Ok(set)
}

/// The default pipeline, or with the rules' speakers only (no speaker ranker).
pub fn speakers_pipeline(rules_only: bool) -> Pipeline {
    let mut pipeline = Pipeline::default();
    if rules_only {
        pipeline.replace_stage("events", Box::new(marsad_pipeline::EventsStage::rules_only()));
    }
    pipeline
}

/// Quote, fact and event precision/recall (span overlap) on the annotated dev set.
pub fn eval_dev(
    dev: &Path,
    ant: &Path,
    against: Option<&Path>,
    rules_only: bool,
    verbose: bool,
    json: bool,
) -> Result<ExitCode, String> {
    let gold = read_set(dev)?;
    // A second annotator's items stand in for Marsad's predictions.
    let second = against.map(read_set).transpose()?;
    let wanted: std::collections::HashSet<&str> =
        gold.docs.iter().filter(|d| d.corpus == "ant").map(|d| d.id.as_str()).collect();
    let (articles, _) = read_corpus(ant)?;
    let pipeline = speakers_pipeline(rules_only);
    let mut predicted = Vec::new();
    let mut texts = DocTexts::new();
    let mut found = std::collections::HashSet::new();
    for a in articles {
        if !wanted.contains(a.id.as_str()) || !found.insert(a.id.clone()) {
            continue;
        }
        let id = a.id.clone();
        texts.insert(id.clone(), (a.headline.clone().unwrap_or_default(), a.text.clone()));
        if second.is_none() {
            let doc = pipeline.run(a);
            predicted.extend(predictions(&id, &doc));
        }
    }
    if let Some(second) = &second {
        predicted = annotation_predictions(second);
    }
    let missing = wanted.len() - found.len();
    if missing > 0 {
        eprintln!("marsad: {missing} dev-set documents not found in {}", ant.display());
    }
    // A clause and the quoted words that go on with it are one statement, however a set
    // cut it (see `join_contiguous_quotes`).
    let (gold, predicted) = join_contiguous_quotes(&gold, &predicted, &texts);
    let report = score(&gold, &predicted);
    if json {
        println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
        return Ok(ExitCode::SUCCESS);
    }
    match against {
        Some(other) => println!(
            "The second annotation {} against {} ({} documents; span overlap, one to one)",
            other.display(),
            dev.display(),
            report.documents
        ),
        None => println!(
            "Quotes, facts, events on the annotated set {} ({} documents; span overlap, one to one)",
            dev.display(),
            report.documents
        ),
    }
    println!("{:<7} {:>5} {:>5} {:>5}", "", "gold", "pred", "match");
    for (name, attribute, second, s) in [
        ("quotes", "speaker", "kind", &report.quotes),
        ("facts", "count", "qualifier", &report.facts),
        ("events", "actor", "target", &report.events),
    ] {
        if report.sections.iter().any(|n| n == name) {
            print_score(name, attribute, second, s);
        } else {
            println!("{name:<7} not annotated in this set (its predictions are not scored)");
        }
    }
    if verbose {
        for m in &report.mismatches {
            println!(
                "  {:<8} {} {} {}..{}: expected {}, got {}",
                m.what,
                m.doc,
                m.field,
                m.start,
                m.end,
                m.expected.as_ref().map_or_else(|| "nothing".into(), label_text),
                m.got.as_ref().map_or_else(|| "nothing".into(), label_text),
            );
        }
    }
    Ok(if missing > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The whole pipeline's throughput over a corpus on one thread, with each stage timed and
/// compared with the text stage; best of `runs` (by total time).
pub fn bench_pipeline(corpus: &Path, runs: usize, json: bool) -> Result<ExitCode, String> {
    let (articles, failed) = read_corpus(corpus)?;
    let pipeline = Pipeline::default();
    let names = pipeline.stage_names();
    // What the stages read: the body text and the headline.
    let bytes: usize =
        articles.iter().map(|a| a.text.len() + a.headline.as_ref().map_or(0, String::len)).sum();
    let mut best: Option<Vec<Duration>> = None;
    let mut items = 0usize;
    for _ in 0..runs.max(1) {
        let mut spent = vec![Duration::ZERO; names.len()];
        let mut found = 0usize;
        for a in &articles {
            // The clone is outside every stage's timer.
            let doc = pipeline.run_timed(a.clone(), &mut spent);
            found += doc.quotes.len() + doc.facts.len() + doc.events.len();
        }
        items = std::hint::black_box(found);
        let total: Duration = spent.iter().sum();
        if best.as_ref().is_none_or(|b| total < b.iter().sum::<Duration>()) {
            best = Some(spent);
        }
    }
    let spent = best.unwrap_or_default();
    let secs = |d: &Duration| d.as_secs_f64().max(1e-9);
    let total = secs(&spent.iter().sum());
    let text = spent.first().map_or(total, secs);
    let stages: Vec<serde_json::Value> = names
        .iter()
        .zip(&spent)
        .map(|(name, d)| {
            serde_json::json!({ "stage": name, "seconds": secs(d),
                "share": secs(d) / total, "vs_text_stage": secs(d) / text,
                "mb_per_s": bytes as f64 / 1e6 / secs(d) })
        })
        .collect();
    let mb_s = bytes as f64 / 1e6 / total;
    let articles_s = articles.len() as f64 / total;
    if json {
        let report = serde_json::json!({ "corpus": corpus.display().to_string(),
            "articles": articles.len(), "bytes": bytes, "runs": runs, "seconds": total,
            "mb_per_s": mb_s, "articles_per_s": articles_s,
            "quotes_facts_events": items, "stages": stages });
        println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
    } else {
        println!(
            "Analyze pipeline over {} ({} articles, {:.1} MB), one thread, best of {runs} runs",
            corpus.display(),
            articles.len(),
            bytes as f64 / 1e6
        );
        println!("{:<10} {:>9} {:>8} {:>11} {:>12}", "stage", "seconds", "share", "MB/s", "× text");
        for (name, d) in names.iter().zip(&spent) {
            println!(
                "{name:<10} {:>9.3} {:>7.1}% {:>11.1} {:>11.1}x",
                secs(d),
                secs(d) / total * 100.0,
                bytes as f64 / 1e6 / secs(d),
                secs(d) / text
            );
        }
        println!(
            "{:<10} {:>9.3} {:>7.1}% {:>11.2} {:>11.1}x",
            "whole",
            total,
            100.0,
            mb_s,
            total / text
        );
        println!(
            "whole pipeline: {mb_s:.2} MB/s, {articles_s:.0} articles/s ({:.3}× the text stage's speed); {items} quotes+facts+events",
            text / total
        );
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
