//! `marsad`: Arabic news intelligence from the command line.
//!
//! Exit status: 0 when everything succeeded, 1 when some inputs or records failed (each
//! failure is reported on stderr with its file and record), 2 for usage errors.

mod analyze;
mod archive;
mod bench;
mod corpus;
mod eval;
mod events;
mod ner;
mod serve;
mod speakers;
mod stories;
mod tags;
mod time;
mod train;
mod web;

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
        /// Quotes keep the rules' speakers: no speaker ranker.
        #[arg(long)]
        rules_only: bool,
    },
    /// Analyse articles in parallel and store them in the archive (`--data DIR`): a search
    /// index and the full records; re-ingesting the same articles adds nothing.
    Ingest(archive::IngestArgs),
    /// Search the archive: BM25 with highlighted snippets and facet counts.
    Search(archive::SearchArgs),
    /// Articles related to an archived one, each with the reasons.
    Related(archive::RelatedArgs),
    /// Exact and near-duplicate articles in the archive.
    Duplicates(archive::DuplicatesArgs),
    /// Group the archive into stories: the same event across outlets and days.
    Stories(stories::StoriesArgs),
    /// Serve the archive: JSON API under /api and the Arabic web UI (127.0.0.1:8080).
    Serve(serve::ServeArgs),
    /// Serve the bundled examples from a fresh temporary archive (try the web UI).
    Demo(serve::DemoArgs),
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
    /// Count stem document frequencies over news corpora for tag ranking.
    Idf {
        #[arg(long = "corpus", default_values = [
            "../shared/data/ant-multisource-2018-04",
            "../shared/data/saudinewsnet-2015-08-10_11",
        ])]
        corpora: Vec<PathBuf>,
        /// Sources to leave out (the tag evaluation's articles by default).
        #[arg(long = "exclude-source", default_values = ["3alyoum"])]
        exclude_sources: Vec<String>,
        #[arg(long, default_value = "crates/marsad-tags/data/idf.tsv")]
        out: PathBuf,
    },
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
    /// Train the entity tagger on ANERcorp with the ANERGazet and world-cities gazetteers.
    Ner {
        #[arg(
            long,
            default_value = "../shared/data/anercorp-camel/ANERCorp_train_from_original.txt"
        )]
        train: PathBuf,
        #[arg(long, default_value = "../shared/data/anergazet")]
        gazetteers: PathBuf,
        #[arg(long, default_value = "../shared/data/world-cities-ar/world-cities.csv")]
        cities: PathBuf,
        /// Unlabeled news for word classes (any input format).
        #[arg(long = "unlabeled", default_values = [
            "../shared/data/ant-multisource-2018-04",
            "../shared/data/saudinewsnet-2015-08-10_11",
        ])]
        unlabeled: Vec<PathBuf>,
        #[arg(long, default_value_t = 12)]
        epochs: usize,
        /// Where to write the model.
        #[arg(long, default_value = "crates/marsad-ner/data/ner.model")]
        out: PathBuf,
    },
    /// Train the speaker ranker of quotes on the annotated quote sets (never on the
    /// held-out `dev10` and `test`).
    Speakers {
        #[command(flatten)]
        data: speakers::RankerData,
        /// Where to write the model.
        #[arg(long, default_value = "crates/marsad-events/data/speaker.model")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Story clustering: B-cubed precision/recall/F1 on the hand-labelled ANT dev set.
    Stories(stories::EvalStoriesArgs),
    /// Quotes, facts and events: precision/recall (span overlap) on the annotated dev set,
    /// with speaker, count and actor accuracy on matched items.
    Events {
        /// Which annotated set to score: `dev` or `dev2` (the rules were tuned on them),
        /// `test` (held out, never used for tuning), `dev3` … `dev15` (blind, quotes only):
        /// `crates/marsad-eval/data/events-<set>.tsv`.
        #[arg(long, default_value = "dev", value_parser = ["dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14", "dev15", "dev16", "dev17", "test"])]
        set: String,
        /// An annotated set's TSV, instead of the `--set` file.
        #[arg(long)]
        dev: Option<PathBuf>,
        /// The ANT corpus the dev set's documents come from.
        #[arg(long, default_value = "../shared/data/ant-multisource-2018-04")]
        ant: PathBuf,
        /// List every miss, spurious prediction and wrong attribute.
        #[arg(long)]
        verbose: bool,
        #[arg(long)]
        json: bool,
        /// Score a second annotation of the same documents (a TSV in the same format)
        /// instead of Marsad: agreement between two annotators, with the same matcher.
        #[arg(long)]
        against: Option<PathBuf>,
        /// Score the rules' speakers alone, without the shipped speaker ranker.
        #[arg(long)]
        rules_only: bool,
    },
    /// The speaker ranker: leave-one-set-out accuracy against the rules over the training
    /// sets, and the shipped model on held-out sets.
    Speakers {
        #[command(flatten)]
        data: speakers::RankerData,
        /// Held-out sets to score the shipped model on (`dev10`, `dev11`, `dev12`, `dev13`, `dev14`, `dev15`, `test`).
        #[arg(long = "held-out", value_parser = ["dev10", "dev11", "dev12", "dev13", "dev14", "dev15", "dev16", "dev17", "test"])]
        held_out: Vec<String>,
        /// Cross-validate at this override margin instead of the shipped model's.
        #[arg(long)]
        margin: Option<f32>,
        /// List each fold's quotes that the rules or the ranker get wrong, with their
        /// candidates and features.
        #[arg(long)]
        verbose: bool,
        #[arg(long)]
        json: bool,
    },
    /// Token-level precision/recall/F1 of the top tags against publisher tags (the 3alyoum
    /// articles of SaudiNewsNet, whose `سمات` tails are hand-written tags).
    Tags {
        #[arg(long = "file", default_values = [
            "../shared/data/saudinewsnet-2015-08-10_11/2015-08-10.json",
            "../shared/data/saudinewsnet-2015-08-10_11/2015-08-11.json",
        ])]
        files: Vec<PathBuf>,
        #[arg(long, default_value = "3alyoum")]
        source: String,
        /// How many top tags count.
        #[arg(long, default_value_t = 5)]
        top: usize,
        /// Print each article's gold tokens and our top tags (score, kind, tokens that hit)
        /// on stderr.
        #[arg(long)]
        verbose: bool,
        #[arg(long)]
        json: bool,
        /// A ranking weight to try instead of the shipped one, as `name=value` (repeatable;
        /// names: entity_bonus, topic_scale, headline_weight, lead_weight, article_bonus,
        /// misc_bonus, phrase_bonus, topic_idf, entity_first, topic_first, entity_spread).
        #[arg(long = "weight")]
        weights: Vec<String>,
    },
    /// HTML extraction precision/recall/F1 on the article-extraction-benchmark (its own
    /// 4-token shingle metric).
    Html {
        #[arg(long, default_value = "../shared/data/article-extraction-benchmark")]
        bench: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Entity-level precision/recall/F1 per type and micro on the CAMeL test split of
    /// ANERcorp, with tagging speed.
    Ner {
        #[arg(long, default_value = "crates/marsad-ner/data/ner.model")]
        model: PathBuf,
        #[arg(long, default_value = "../shared/data/anercorp-camel/ANERCorp_CamelLab_test.txt")]
        test: PathBuf,
        #[arg(long)]
        json: bool,
    },
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
    /// Time tagging: Hijri (Umm al-Qura) and Gregorian readings of the same day must agree
    /// (`25 شوال 1436 هـ الموافق 10 اغسطس 2015 م`).
    Time {
        /// Articles that state days in both calendars (SaudiNewsNet by default).
        #[arg(long = "hijri-pairs", default_value = "../shared/data/saudinewsnet-2015-08-10_11")]
        hijri_pairs: PathBuf,
        /// Score the annotated dev set instead (detection P/R, normalisation accuracy).
        #[arg(long)]
        dev: Option<PathBuf>,
        /// The ANT corpus the dev set's `ant` documents come from.
        #[arg(long, default_value = "../shared/data/ant-multisource-2018-04")]
        ant: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum BenchCommand {
    /// The whole analyze pipeline's MB/s and articles/s on one thread, stage by stage,
    /// against the text stage.
    Pipeline {
        /// A corpus in any input format (a TREC directory by default).
        #[arg(long, default_value = "../shared/data/ant-multisource-2018-04")]
        corpus: PathBuf,
        /// Runs; the fastest is reported.
        #[arg(long, default_value_t = 3)]
        runs: usize,
        #[arg(long)]
        json: bool,
    },
    /// Search latency (p50/p99) of two-word queries over an archive (`--data DIR`).
    Search(archive::BenchSearchArgs),
    /// HTTP load: concurrent clients against `marsad serve` over an archive (`--data DIR`).
    Serve(serve::BenchServeArgs),
    /// HTML pages/s on one core on the article-extraction-benchmark, against the bare parse.
    Html {
        #[arg(long, default_value = "../shared/data/article-extraction-benchmark")]
        bench: PathBuf,
        /// Runs per configuration; the best is reported.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        #[arg(long)]
        json: bool,
    },
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
    /// Time tagging throughput over a corpus, against the tokenizer alone.
    Time {
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

/// Output piped into a reader that stops early (`marsad eval tags --json | head`) ends the
/// process quietly, as it does any Unix filter, instead of failing on every later write.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in `main`, before any thread exists; restoring the default
    // action of SIGPIPE touches no Rust state.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze { format, input_format, inputs, rules_only } => {
            analyze::run(format, input_format, &inputs, rules_only)
        }
        Command::Ingest(args) => archive::ingest(args),
        Command::Bench { what: BenchCommand::Search(args) } => archive::bench_search(args),
        Command::Bench { what: BenchCommand::Serve(args) } => serve::bench_serve(args),
        Command::Search(args) => archive::search(args),
        Command::Related(args) => archive::related(args),
        Command::Duplicates(args) => archive::duplicates(args),
        Command::Stories(args) => stories::stories(args),
        Command::Eval { what: EvalCommand::Stories(args) } => stories::eval(args),
        Command::Serve(args) => serve::serve(args),
        Command::Demo(args) => serve::demo(args),
        Command::Eval { what: EvalCommand::Html { bench, json } } => web::eval_html(&bench, json),
        Command::Bench { what: BenchCommand::Html { bench, runs, json } } => {
            web::bench_html(&bench, runs, json)
        }
        Command::Eval { what: EvalCommand::Stem { treebank, json } } => eval::stem(&treebank, json),
        Command::Eval {
            what: EvalCommand::Events { set, dev, ant, verbose, json, against, rules_only },
        } => {
            let dev = dev.unwrap_or_else(|| {
                PathBuf::from(format!("crates/marsad-eval/data/events-{set}.tsv"))
            });
            events::eval_dev(&dev, &ant, against.as_deref(), rules_only, verbose, json)
        }
        Command::Bench { what: BenchCommand::Pipeline { corpus, runs, json } } => {
            events::bench_pipeline(&corpus, runs, json)
        }
        Command::Eval { what: EvalCommand::Time { hijri_pairs, dev, ant, json } } => match dev {
            Some(dev) => time::eval_dev(&dev, &ant, &hijri_pairs, json),
            None => time::eval_hijri_pairs(&hijri_pairs, json),
        },
        Command::Bench { what: BenchCommand::Text { corpus, runs, json } } => {
            bench::text(&corpus, runs, json)
        }
        Command::Bench { what: BenchCommand::Time { corpus, runs, json } } => {
            time::bench(&corpus, runs, json)
        }
        Command::Train { what: TrainCommand::StemLexicon { corpora, out } } => {
            train::stem_lexicon(&corpora, &out)
        }
        Command::Train {
            what: TrainCommand::Ner { train, gazetteers, cities, unlabeled, epochs, out },
        } => ner::train_ner(&ner::NerData { train, gazetteers, cities, unlabeled }, &out, epochs),
        Command::Eval { what: EvalCommand::Ner { model, test, json } } => {
            ner::eval_ner(&model, &test, json)
        }
        Command::Eval {
            what: EvalCommand::Tags { files, source, top, verbose, json, weights },
        } => {
            let mut w = marsad_tags::TagWeights::default();
            for spec in &weights {
                let parsed = spec.split_once('=').and_then(|(name, value)| {
                    value.trim().parse::<f64>().ok().filter(|v| w.set(name.trim(), *v))
                });
                if parsed.is_none() {
                    eprintln!(
                        "marsad: error: --weight {spec}: expected name=number, names: {}",
                        marsad_tags::TagWeights::NAMES.join(", ")
                    );
                    return ExitCode::from(2);
                }
            }
            tags::eval_tags(&files, &source, top, verbose, json, w)
        }
        Command::Train { what: TrainCommand::Speakers { data, out } } => {
            speakers::train(&data, &out)
        }
        Command::Eval { what: EvalCommand::Speakers { data, held_out, margin, verbose, json } } => {
            speakers::eval(&data, &held_out, margin, verbose, json)
        }
        Command::Train { what: TrainCommand::Idf { corpora, exclude_sources, out } } => {
            tags::train_idf(&corpora, &exclude_sources, &out)
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
