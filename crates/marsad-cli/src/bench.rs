//! `marsad bench …`: speed figures on real corpora, each against a baseline in the same
//! process.

use std::path::Path;
use std::process::ExitCode;

use crate::corpus::read_corpus;
use marsad_eval::throughput::text_throughput;

/// Peak resident memory of this process in MiB, from /proc (Linux only).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

pub fn text(corpus: &Path, runs: usize, json: bool) -> Result<ExitCode, String> {
    let (articles, failed) = read_corpus(corpus)?;
    let texts: Vec<String> = articles.into_iter().map(|a| a.text).collect();
    let results = text_throughput(&texts, runs);
    let peak = peak_rss_mib();
    if json {
        let report = serde_json::json!({ "corpus": corpus.display().to_string(), "articles": texts.len(),
            "results": results, "peak_rss_mib": peak });
        println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
    } else {
        let bytes: usize = texts.iter().map(String::len).sum();
        println!(
            "Text layer over {} ({} articles, {:.1} MB), best of {runs} runs",
            corpus.display(),
            texts.len(),
            bytes as f64 / 1e6
        );
        println!("{:<42} {:>10} {:>14} {:>8}", "configuration", "MB/s", "tokens/s", "vs base");
        let base = results.last().map(|r| r.mb_per_s).unwrap_or(1.0);
        for r in &results {
            println!(
                "{:<42} {:>10.1} {:>14.0} {:>7.2}x",
                r.name,
                r.mb_per_s,
                r.tokens_per_s,
                r.mb_per_s / base
            );
        }
        if let Some(p) = peak {
            println!("peak resident memory: {p:.0} MiB (corpus held in memory)");
        }
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
