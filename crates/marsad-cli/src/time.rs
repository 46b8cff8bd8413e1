//! `marsad eval time` and `marsad bench time`: the time tagger on real data.

use std::path::Path;
use std::process::ExitCode;

use crate::corpus::read_corpus;
use marsad_eval::time::{hijri_pairs, time_throughput};

/// Hijri/Gregorian agreement over articles that state a day in both calendars.
pub fn eval_hijri_pairs(corpus: &Path, json: bool) -> Result<ExitCode, String> {
    let (articles, failed) = read_corpus(corpus)?;
    let report = hijri_pairs(articles.iter().map(|a| (a.id.as_str(), a.text.as_str())));
    if json {
        println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
    } else {
        println!(
            "Hijri (Umm al-Qura) vs Gregorian readings of the same day, {} ({} articles)",
            corpus.display(),
            report.articles
        );
        println!("articles stating both:      {}", report.candidates);
        println!("pairs read with values:     {}", report.read);
        println!("readings agree:             {}", report.agree);
        println!("agreement:                  {:.2}%", report.agreement * 100.0);
        for m in &report.misses {
            println!(
                "  miss {} @{}: {} / {}: {}",
                m.id,
                m.offset,
                m.hijri.as_deref().unwrap_or("—"),
                m.gregorian.as_deref().unwrap_or("—"),
                m.reason
            );
        }
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Time tagging throughput, with the tokenizer alone as the baseline in the same run.
pub fn bench(corpus: &Path, runs: usize, json: bool) -> Result<ExitCode, String> {
    let (articles, failed) = read_corpus(corpus)?;
    let texts: Vec<String> = articles.into_iter().map(|a| a.text).collect();
    let results = time_throughput(&texts, runs);
    if json {
        let report = serde_json::json!({ "corpus": corpus.display().to_string(),
            "articles": texts.len(), "results": results });
        println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
    } else {
        let bytes: usize = texts.iter().map(String::len).sum();
        println!(
            "Time tagging over {} ({} articles, {:.1} MB), one thread, best of {runs} runs",
            corpus.display(),
            texts.len(),
            bytes as f64 / 1e6
        );
        println!("{:<30} {:>10} {:>10} {:>12}", "configuration", "MB/s", "vs tok", "items");
        let base = results.first().map(|r| r.mb_per_s).unwrap_or(1.0);
        for r in &results {
            println!(
                "{:<30} {:>10.1} {:>9.2}x {:>12}",
                r.name,
                r.mb_per_s,
                r.mb_per_s / base,
                r.items
            );
        }
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Detection P/R and normalisation accuracy on the annotated dev set.
pub fn eval_dev(dev: &Path, ant: &Path, snn: &Path, json: bool) -> Result<ExitCode, String> {
    use marsad_eval::time::{Predicted, read_dev, score_dev};
    let tsv = std::fs::read_to_string(dev)
        .map_err(|e| format!("{}: cannot read dev set: {e}", dev.display()))?;
    let (gold, errors) = read_dev(&tsv);
    for e in &errors {
        eprintln!("marsad: {}: {e}", dev.display());
    }
    if gold.is_empty() {
        return Err(format!("{}: no annotations", dev.display()));
    }
    let wanted: std::collections::HashSet<(&str, &str)> =
        gold.iter().map(|g| (g.corpus.as_str(), g.doc.as_str())).collect();
    let pipeline = marsad_pipeline::Pipeline::default();
    let mut predicted = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (corpus, path) in [("ant", ant), ("snn", snn)] {
        let (articles, _) = read_corpus(path)?;
        for a in articles {
            if !wanted.contains(&(corpus, a.id.as_str())) || !seen.insert((corpus, a.id.clone())) {
                continue;
            }
            let record = pipeline.analyze(a);
            for t in &record.times {
                let field = match t.field {
                    marsad_doc::Field::Headline => "headline",
                    marsad_doc::Field::Body => "body",
                };
                predicted.push(Predicted {
                    doc: record.id.clone(),
                    field: field.to_owned(),
                    start: t.start,
                    end: t.end,
                    value: t.value.clone(),
                });
            }
        }
    }
    let report = score_dev(&gold, &predicted);
    if json {
        println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "Time expressions on the dev set {} ({} documents, {} annotated, {} predicted)",
        dev.display(),
        report.documents,
        report.gold,
        report.predicted
    );
    println!("detection precision:      {:.3}", report.precision);
    println!("detection recall:         {:.3}", report.recall);
    println!("detection F1:             {:.3}", report.f1);
    println!("exact spans:              {} of {} matched", report.exact_span, report.matched);
    println!(
        "normalisation accuracy:   {:.3} (correct values / matched)",
        report.normalisation_accuracy
    );
    println!("found and right:          {:.3} (correct values / annotated)", report.end_to_end);
    for m in &report.misses {
        println!(
            "  miss {} {} {}..{}: expected {}, got {}",
            m.doc,
            m.field,
            m.start,
            m.end,
            m.expected,
            m.got.as_deref().unwrap_or("nothing")
        );
    }
    for (doc, field, s, e) in &report.spurious {
        println!("  spurious {doc} {field} {s}..{e}");
    }
    Ok(ExitCode::SUCCESS)
}
