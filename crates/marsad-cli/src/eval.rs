//! `marsad eval …`: quality figures on real data.

use std::path::Path;
use std::process::ExitCode;

use marsad_eval::{conllu, stem};

pub fn stem(treebank: &Path, json: bool) -> Result<ExitCode, String> {
    let text = std::fs::read_to_string(treebank)
        .map_err(|e| format!("{}: cannot read treebank: {e}", treebank.display()))?;
    let (words, malformed) = conllu::read_surface_words(&text);
    if words.is_empty() {
        return Err(format!("{}: no words found; is it a CoNLL-U file?", treebank.display()));
    }
    if malformed > 0 {
        eprintln!("marsad: {}: skipped {malformed} malformed lines", treebank.display());
    }
    let report = stem::evaluate(&words);
    if json {
        println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "Stemmer conflation on {} ({} words, {} distinct forms, {} lemmas)",
        treebank.display(),
        report.words,
        report.forms,
        report.lemmas
    );
    println!("{:<28} {:>9} {:>9} {:>9} {:>8}", "stemmer", "precision", "recall", "F1", "stems");
    for s in &report.scores {
        println!(
            "{:<28} {:>9.3} {:>9.3} {:>9.3} {:>8}",
            s.stemmer, s.precision, s.recall, s.f1, s.stems
        );
    }
    let snowball = report.scores.iter().find(|s| s.stemmer == "snowball-arabic");
    if let (Some(ours), Some(snowball)) = (report.scores.first(), snowball) {
        println!(
            "F1 difference marsad − snowball-arabic: {:+.1} points",
            (ours.f1 - snowball.f1) * 100.0
        );
    }
    Ok(ExitCode::SUCCESS)
}
