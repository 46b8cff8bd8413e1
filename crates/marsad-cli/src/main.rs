//! `marsad`: Arabic news intelligence from the command line.
//!
//! Exit status: 0 when everything succeeded, 1 when some inputs or records failed (each
//! failure is reported on stderr with its file and record), 2 for usage errors.

mod analyze;
mod bench;
mod eval;
mod train;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use marsad_readers::InputFormat;

#[derive(Parser)]
#[command(
    name = "marsad",
    version,
    about = "Arabic news intelligence: structure, analysis and search of Arabic news."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles (plain-text pages, JSON, JSON Lines, TREC <DOC> files, directories, `-`
    /// for stdin) and write one analysis record per article.
    Analyze {
        /// Output: `json` (pretty objects), `jsonl` (one object per line) or `text` (for
        /// people). Default: `text` on a terminal, `jsonl` otherwise.
        #[arg(long, short = 'f')]
        format: Option<OutputFormat>,
        /// Input format; `auto` detects it per file.
        #[arg(long, default_value = "auto", value_parser = parse_input_format)]
        input_format: InputFormat,
        /// Files, directories (read recursively) or `-` for stdin.
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// Measure quality on real data.
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
    /// Measure speed on real data.
    Bench {
        #[command(subcommand)]
        what: BenchCommand,
    },
    /// Build the statistics that ship with Marsad from real data.
    Train {
        #[command(subcommand)]
        what: TrainCommand,
    },
}

#[derive(Subcommand)]
enum TrainCommand {
    /// Count word usage over news corpora and write the stemmer's lexicon (words whose
    /// first letter looks like a clitic but belongs to the word).
    StemLexicon {
        /// Corpora in any input format (files or directories).
        #[arg(long = "corpus", default_values = [
            "../shared/data/ant-multisource-2018-04",
            "../shared/data/saudinewsnet-2015-08-10_11",
        ])]
        corpora: Vec<PathBuf>,
        /// Where to write the lexicon.
        #[arg(long, default_value = "crates/marsad-text/data/stem-lexicon.txt")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Stemmer conflation precision/recall/F1 on a lemma-annotated treebank, against
    /// Snowball Arabic.
    Stem {
        /// A CoNLL-U file with lemmas.
        #[arg(long, default_value = "../shared/data/padt-ud-test-2016/ar-ud-test.conllu")]
        treebank: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Normalize + tokenize + stem throughput over a corpus, against Snowball Arabic.
    Text {
        /// A corpus in any input format (a TREC directory by default).
        #[arg(long, default_value = "../shared/data/ant-multisource-2018-04")]
        corpus: PathBuf,
        /// Runs per configuration; the best is reported.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Json,
    Jsonl,
    Text,
}

fn parse_input_format(s: &str) -> Result<InputFormat, String> {
    s.parse::<InputFormat>().map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze { format, input_format, inputs } => {
            analyze::run(format, input_format, &inputs)
        }
        Command::Eval { what: EvalCommand::Stem { treebank, json } } => eval::stem(&treebank, json),
        Command::Bench { what: BenchCommand::Text { corpus, runs, json } } => {
            bench::text(&corpus, runs, json)
        }
        Command::Train { what: TrainCommand::StemLexicon { corpora, out } } => {
            train::stem_lexicon(&corpora, &out)
        }
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("marsad: error: {message}");
            ExitCode::from(2)
        }
    }
}
