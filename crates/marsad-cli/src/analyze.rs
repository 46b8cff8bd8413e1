//! `marsad analyze`: readers → pipeline → records on stdout, problems on stderr.

use std::io::{BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use marsad_readers::{InputFormat, read_inputs};

use crate::OutputFormat;

pub fn run(
    format: Option<OutputFormat>,
    input_format: InputFormat,
    inputs: &[String],
    rules_only: bool,
) -> Result<ExitCode, String> {
    let stdout = std::io::stdout();
    let format = format.unwrap_or(if stdout.is_terminal() {
        OutputFormat::Text
    } else {
        OutputFormat::Jsonl
    });
    let mut out = BufWriter::new(stdout.lock());
    let pipeline = crate::events::speakers_pipeline(rules_only);

    // A spinner on stderr when a person is watching and the records go elsewhere.
    let progress = if std::io::stderr().is_terminal() && !std::io::stdout().is_terminal() {
        ProgressBar::new_spinner()
    } else {
        ProgressBar::hidden()
    };
    progress.set_style(
        ProgressStyle::with_template("{spinner} {pos} articles, {msg} failed ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    progress.set_message("0");

    let (mut ok, mut failed) = (0usize, 0usize);
    for item in read_inputs(inputs, input_format) {
        match item {
            Ok(article) => {
                let record = pipeline.analyze(article);
                let written = match format {
                    OutputFormat::Jsonl => serde_json::to_writer(&mut out, &record)
                        .map_err(std::io::Error::other)
                        .and_then(|()| out.write_all(b"\n")),
                    OutputFormat::Json => serde_json::to_writer_pretty(&mut out, &record)
                        .map_err(std::io::Error::other)
                        .and_then(|()| out.write_all(b"\n")),
                    OutputFormat::Text => writeln!(out, "{}", record.to_text()),
                };
                if let Err(e) = written {
                    // A closed pipe (`marsad analyze … | head`) is not an error of ours.
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        return Ok(ExitCode::SUCCESS);
                    }
                    return Err(format!("cannot write output: {e}"));
                }
                ok += 1;
                progress.inc(1);
            }
            Err(e) => {
                failed += 1;
                progress.suspend(|| eprintln!("marsad: {e}"));
                progress.set_message(failed.to_string());
            }
        }
    }
    progress.finish_and_clear();
    if let Err(e) = out.flush()
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(format!("cannot write output: {e}"));
    }
    if failed > 0 {
        eprintln!("marsad: {ok} articles analyzed, {failed} inputs or records failed");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
