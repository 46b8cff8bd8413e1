//! `marsad eval html` and `marsad bench html`: extraction quality and speed on the
//! article-extraction-benchmark pages.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use marsad_web::benchmark;

/// Extraction precision/recall/F1 with the benchmark's own metric.
pub fn eval_html(dir: &Path, json: bool) -> Result<ExitCode, String> {
    let pages = benchmark::load(dir)?;
    let q = benchmark::evaluate(&pages, |p| benchmark::marsad_body(&p.html));
    if json {
        let report = serde_json::json!({
            "pages": pages.len(), "precision": q.precision, "recall": q.recall, "f1": q.f1,
        });
        println!("{report:#}");
    } else {
        println!("HTML extraction on {} ({} pages)", dir.display(), pages.len());
        println!("{:<10} {:>9} {:>9} {:>9}", "extractor", "precision", "recall", "F1");
        println!("{:<10} {:>9.3} {:>9.3} {:>9.3}", "marsad", q.precision, q.recall, q.f1);
    }
    Ok(ExitCode::SUCCESS)
}

/// Pages per second on one core: full extraction against the bare parse.
pub fn bench_html(dir: &Path, runs: usize, json: bool) -> Result<ExitCode, String> {
    let pages = benchmark::load(dir)?;
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let best = |f: &dyn Fn(&str) -> usize| {
        (0..runs.max(1))
            .map(|_| {
                let t = Instant::now();
                let mut sink = 0usize;
                for p in &pages {
                    sink = sink.wrapping_add(f(&p.html));
                }
                std::hint::black_box(sink);
                t.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    let parse = best(&|h| marsad_web::dom::Dom::parse(h).map_or(0, |d| d.nodes.len()));
    let full = best(&|h| marsad_web::extract(h).map_or(0, |p| p.paragraphs.len()));
    let rate = |secs: f64| pages.len() as f64 / secs;
    let mbs = |secs: f64| bytes as f64 / secs / 1e6;
    if json {
        let report = serde_json::json!({
            "pages": pages.len(), "bytes": bytes,
            "parse_pages_per_s": rate(parse), "extract_pages_per_s": rate(full),
            "extract_vs_parse": parse / full,
        });
        println!("{report:#}");
    } else {
        println!(
            "HTML extraction speed on {} ({} pages, {:.1} MB), best of {runs}",
            dir.display(),
            pages.len(),
            bytes as f64 / 1e6
        );
        println!("{:<32} {:>9} {:>8} {:>9}", "configuration", "pages/s", "MB/s", "vs parse");
        println!(
            "{:<32} {:>9.0} {:>8.1} {:>9.2}",
            "parse only (marsad dom)",
            rate(parse),
            mbs(parse),
            1.0
        );
        println!(
            "{:<32} {:>9.0} {:>8.1} {:>9.2}",
            "parse + extract + metadata",
            rate(full),
            mbs(full),
            parse / full
        );
    }
    Ok(ExitCode::SUCCESS)
}
