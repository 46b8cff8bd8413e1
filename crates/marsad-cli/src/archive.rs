//! The archive commands (issue 7): `marsad ingest`, `search`, `related`, `duplicates`.

use std::io::{IsTerminal, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;
use std::time::Instant;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use marsad_index::{
    Archive, ArchiveError, BatchSummary, DuplicatesRequest, Prepared, RelatedRequest,
    SearchRequest, SearchResults, article_hash, parse_date,
};
use marsad_pipeline::Pipeline;
use marsad_readers::{InputFormat, read_inputs};
use rayon::iter::{ParallelBridge, ParallelIterator};

/// Where the archive lives: `--data`, else `$MARSAD_DATA`, else `./marsad-data`.
#[derive(Args, Clone, Debug)]
pub struct DataArg {
    /// The data directory [default: $MARSAD_DATA, else ./marsad-data].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
}

impl DataArg {
    pub(crate) fn dir(&self) -> PathBuf {
        self.data
            .clone()
            .or_else(|| std::env::var_os("MARSAD_DATA").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("marsad-data"))
    }
}

/// How to print results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ResultFormat {
    Json,
    Text,
}

pub(crate) fn result_format(format: Option<ResultFormat>) -> ResultFormat {
    format.unwrap_or(if std::io::stdout().is_terminal() {
        ResultFormat::Text
    } else {
        ResultFormat::Json
    })
}

#[derive(Args, Debug)]
pub struct IngestArgs {
    #[command(flatten)]
    pub data: DataArg,
    /// Input format; `auto` detects it per file.
    #[arg(long, default_value = "auto", value_parser = crate::parse_input_format)]
    pub input_format: InputFormat,
    /// Articles per commit: each committed batch survives a crash.
    #[arg(long, default_value_t = 1000)]
    pub batch: usize,
    /// Print a line for every committed batch.
    #[arg(long, short)]
    pub verbose: bool,
    /// Analyse and store again articles already archived with the same content (after an
    /// upgrade of the analysis); by default they are skipped unread.
    #[arg(long)]
    pub reanalyze: bool,
    /// Files, directories (read recursively) or `-` for stdin.
    #[arg(required = true)]
    pub inputs: Vec<String>,
}

/// `--from` / `--to` on the publication time.
#[derive(Args, Debug)]
pub struct DateRangeArgs {
    /// Published on or after (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS).
    #[arg(long)]
    pub from: Option<String>,
    /// Published on or before (a bare date includes the whole day).
    #[arg(long)]
    pub to: Option<String>,
}

impl DateRangeArgs {
    /// The bounds in seconds since the epoch (`--to` as a bare date includes its day).
    pub fn seconds(&self) -> Result<(Option<i64>, Option<i64>), String> {
        let date = |s: &Option<String>, end| {
            s.as_deref().map(|s| parse_date(s, end)).transpose().map_err(|e| e.to_string())
        };
        Ok((date(&self.from, false)?, date(&self.to, true)?))
    }
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    #[command(flatten)]
    pub data: DataArg,
    #[command(flatten)]
    pub range: DateRangeArgs,
    /// Only this outlet (as stored, e.g. `SkyNews`).
    #[arg(long)]
    pub source: Option<String>,
    /// Only articles naming this entity (an id such as `country:ru`, or a name).
    #[arg(long)]
    pub entity: Option<String>,
    /// Only articles with this tag.
    #[arg(long)]
    pub tag: Option<String>,
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// `json` or `text` [default: text on a terminal, json otherwise].
    #[arg(long, short = 'f')]
    pub format: Option<ResultFormat>,
    /// The query: words (clitics and spellings do not matter), "phrases", -not, OR.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
}

#[derive(Args, Debug)]
pub struct RelatedArgs {
    #[command(flatten)]
    pub data: DataArg,
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[arg(long, short = 'f')]
    pub format: Option<ResultFormat>,
    /// The id of an archived article.
    pub id: String,
}

#[derive(Args, Debug)]
pub struct DuplicatesArgs {
    #[command(flatten)]
    pub data: DataArg,
    /// Lowest shingle similarity for a near duplicate.
    #[arg(long, default_value_t = 0.8)]
    pub threshold: f64,
    #[arg(long, short = 'f')]
    pub format: Option<ResultFormat>,
}

pub(crate) fn open(data: &DataArg) -> Result<Archive, String> {
    Archive::open(&data.dir()).map_err(|e| e.to_string())
}

pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> Result<(), String> {
    let mut text =
        serde_json::to_string_pretty(value).map_err(|e| format!("cannot encode output: {e}"))?;
    text.push('\n');
    print_text(&text)
}

pub(crate) fn print_text(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write output: {e}"))
        }
        _ => Ok(()),
    }
}

/// `marsad ingest`: read → analyse in parallel → store and index, committing in batches.
pub fn ingest(args: IngestArgs) -> Result<ExitCode, String> {
    let dir = args.data.dir();
    let archive = Archive::open_or_create(&dir).map_err(|e| e.to_string())?;
    let mut writer = archive.writer().map_err(|e| e.to_string())?;
    writer.replace_unchanged(args.reanalyze);
    let reanalyze = args.reanalyze;
    let pipeline = Pipeline::default();
    let batch_size = args.batch.max(1);
    let started = Instant::now();

    let progress = if std::io::stderr().is_terminal() {
        ProgressBar::new_spinner()
    } else {
        ProgressBar::hidden()
    };
    progress.set_style(
        ProgressStyle::with_template("{spinner} {pos} articles ({per_sec}) {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    progress.enable_steady_tick(std::time::Duration::from_millis(200));

    let (tx, rx) =
        sync_channel::<Result<Option<Prepared>, String>>(batch_size.saturating_mul(2).max(64));
    let stop = AtomicBool::new(false);
    let mut total = BatchSummary::default();
    let mut failed = 0usize;
    let mut fatal: Option<String> = None;
    let (inputs, format) = (args.inputs.clone(), args.input_format);
    std::thread::scope(|scope| {
        let (pipeline, stop, archive) = (&pipeline, &stop, &archive);
        // Reading is sequential (one thread); analysis runs on rayon's pool.
        let (article_tx, article_rx) = sync_channel(256);
        scope.spawn(move || {
            for item in read_inputs(&inputs, format) {
                if stop.load(Ordering::Relaxed) || article_tx.send(item).is_err() {
                    break;
                }
            }
        });
        scope.spawn(move || {
            article_rx.into_iter().par_bridge().for_each_with(tx, |tx, item| {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                let prepared = match item {
                    // Already stored with the same content: no need to analyse it again.
                    Ok(article)
                        if !reanalyze
                            && archive
                                .holds(&article.id, article_hash(&article))
                                .unwrap_or(false) =>
                    {
                        Ok(None)
                    }
                    Ok(article) => {
                        let origin = article.origin.to_string();
                        match catch_unwind(AssertUnwindSafe(|| pipeline.analyze(article))) {
                            Ok(record) => Prepared::from_record(&record)
                                .map(Some)
                                .map_err(|e| format!("{origin}: {e}")),
                            Err(_) => Err(format!("{origin}: analysis failed (internal error)")),
                        }
                    }
                    Err(e) => Err(e.to_string()),
                };
                if tx.send(prepared).is_err() {
                    stop.store(true, Ordering::Relaxed);
                }
            });
        });
        let mut batch = Vec::with_capacity(batch_size);
        let mut flush =
            |batch: &mut Vec<Prepared>, total: &mut BatchSummary| -> Result<(), ArchiveError> {
                if batch.is_empty() {
                    return Ok(());
                }
                let n = batch.len();
                let s = writer.write_batch(std::mem::take(batch))?;
                total.add(s);
                if args.verbose {
                    progress.suspend(|| {
                        eprintln!(
                            "marsad: committed {n} articles ({} added, {} updated, {} skipped)",
                            s.added, s.updated, s.skipped
                        )
                    });
                }
                Ok(())
            };
        for item in rx {
            progress.inc(1);
            match item {
                Ok(None) => total.skipped += 1,
                Ok(Some(p)) => {
                    batch.push(p);
                    if batch.len() >= batch_size
                        && let Err(e) = flush(&mut batch, &mut total)
                    {
                        fatal = Some(e.to_string());
                        break;
                    }
                }
                Err(message) => {
                    failed += 1;
                    progress.suspend(|| eprintln!("marsad: {message}"));
                    progress.set_message(format!("{failed} failed"));
                }
            }
        }
        // `rx` is dropped here when the loop broke early, which stops the readers.
        if fatal.is_none()
            && let Err(e) = flush(&mut batch, &mut total)
        {
            fatal = Some(e.to_string());
        }
    });
    progress.finish_and_clear();
    if let Some(message) = fatal {
        return Err(format!(
            "ingest stopped: {message} (every batch committed before this is kept)"
        ));
    }
    writer.finish().map_err(|e| e.to_string())?;
    let seconds = started.elapsed().as_secs_f64();
    let seen = total.added + total.updated + total.skipped + failed;
    let stored = archive.len().map_err(|e| e.to_string())?;
    eprintln!(
        "marsad: {} added, {} updated, {} skipped, {failed} failed; {stored} articles in {} ({seen} read in {seconds:.1} s, {:.0} articles/s)",
        total.added,
        total.updated,
        total.skipped,
        dir.display(),
        seen as f64 / seconds.max(1e-9),
    );
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn unhtml(s: &str) -> String {
    s.replace("<b>", "**")
        .replace("</b>", "**")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

fn search_text(r: &SearchResults) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "{} articles match {:?}", r.total, r.query);
    for (i, h) in r.hits.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n{}. {}  [{:.2}]\n   {} · {} · {}",
            i + 1,
            h.headline,
            h.score,
            h.source.as_deref().unwrap_or("—"),
            h.published.as_deref().unwrap_or("—"),
            h.id
        );
        if !h.snippet.is_empty() {
            let _ = writeln!(out, "   {}", unhtml(&h.snippet).replace('\n', " "));
        }
    }
    let facets = [
        ("source", &r.facets.source),
        ("entity", &r.facets.entity),
        ("tag", &r.facets.tag),
        ("day", &r.facets.day),
    ];
    for (name, counts) in facets {
        if !counts.is_empty() {
            let list: Vec<String> =
                counts.iter().take(10).map(|c| format!("{} ({})", c.value, c.count)).collect();
            let _ = writeln!(out, "\n{name}: {}", list.join(", "));
        }
    }
    out
}

/// `marsad search`.
pub fn search(args: SearchArgs) -> Result<ExitCode, String> {
    // Search needs the index only, so it also runs while an ingest holds the store.
    let archive = Archive::open_for_search(&args.data.dir()).map_err(|e| e.to_string())?;
    if archive.without_store() {
        eprintln!(
            "marsad: an ingest is writing to this archive: results cover what it has committed \
             so far, with headline snippets only"
        );
    }
    let (from, to) = args.range.seconds()?;
    let req = SearchRequest {
        query: args.query.join(" "),
        from,
        to,
        source: args.source,
        entity: args.entity,
        tag: args.tag,
        limit: args.limit,
    };
    let results = archive.search(&req).map_err(|e| e.to_string())?;
    match result_format(args.format) {
        ResultFormat::Json => print_json(&results)?,
        ResultFormat::Text => print_text(&search_text(&results))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `marsad related`.
pub fn related(args: RelatedArgs) -> Result<ExitCode, String> {
    let archive = open(&args.data)?;
    let related = archive
        .related(&RelatedRequest { id: args.id.clone(), limit: args.limit })
        .map_err(|e| e.to_string())?;
    match result_format(args.format) {
        ResultFormat::Json => print_json(&related)?,
        ResultFormat::Text => {
            use std::fmt::Write;
            let mut out = String::new();
            for (i, r) in related.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "{}. {}  [{:.3}]\n   {} · {} · {}\n   why: {}",
                    i + 1,
                    r.headline,
                    r.score,
                    r.source.as_deref().unwrap_or("—"),
                    r.published.as_deref().unwrap_or("—"),
                    r.id,
                    r.why
                );
            }
            if related.is_empty() {
                out.push_str("no related articles\n");
            }
            print_text(&out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `marsad duplicates`.
pub fn duplicates(args: DuplicatesArgs) -> Result<ExitCode, String> {
    if !(0.0..=1.0).contains(&args.threshold) {
        return Err(format!("--threshold must be between 0 and 1, not {}", args.threshold));
    }
    let archive = open(&args.data)?;
    let pairs = archive
        .duplicates(&DuplicatesRequest { threshold: args.threshold })
        .map_err(|e| e.to_string())?;
    match result_format(args.format) {
        ResultFormat::Json => print_json(&pairs)?,
        ResultFormat::Text => {
            use std::fmt::Write;
            let mut out = String::new();
            let exact = pairs.iter().filter(|p| p.kind == "exact").count();
            let same_url = pairs.iter().filter(|p| p.kind == "same-url").count();
            let near = pairs.len() - exact - same_url;
            let _ = writeln!(
                out,
                "{} pairs ({exact} exact, {near} near, {same_url} same URL)",
                pairs.len()
            );
            for p in &pairs {
                let _ = writeln!(
                    out,
                    "{:.2} {:5} {}  {}  {}",
                    p.similarity, p.kind, p.a, p.b, p.headline
                );
            }
            print_text(&out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args, Debug)]
pub struct BenchSearchArgs {
    #[command(flatten)]
    pub data: DataArg,
    /// Number of two-word queries (taken from the archive's own headlines).
    #[arg(long, default_value_t = 2000)]
    pub queries: usize,
    #[arg(long)]
    pub json: bool,
}

/// `marsad bench search`: latency of two-word queries (top 10, facets, snippets) on one
/// thread, over the archive in `--data`.
pub fn bench_search(args: BenchSearchArgs) -> Result<ExitCode, String> {
    let archive = open(&args.data)?;
    // Two content words from every headline, in id order: deterministic and real.
    let mut queries = Vec::new();
    archive
        .for_each(|_, json| {
            if queries.len() >= args.queries {
                return;
            }
            if let Some(query) = headline_query(json) {
                queries.push(query);
            }
        })
        .map_err(|e| e.to_string())?;
    if queries.is_empty() {
        return Err("the archive has no headlines to make queries from".into());
    }
    let mut times = Vec::with_capacity(queries.len());
    let mut hits = 0usize;
    for q in &queries {
        let req = SearchRequest { query: q.clone(), limit: 10, ..SearchRequest::default() };
        let start = Instant::now();
        let r = archive.search(&req).map_err(|e| e.to_string())?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        hits += r.total;
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        times.get(((times.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0.0)
    };
    let articles = archive.len().map_err(|e| e.to_string())?;
    let report = serde_json::json!({
        "articles": articles,
        "queries": times.len(),
        "mean_matches": hits as f64 / times.len() as f64,
        "p50_ms": pct(0.5),
        "p90_ms": pct(0.9),
        "p99_ms": pct(0.99),
        "max_ms": pct(1.0),
    });
    if args.json {
        print_json(&report)?;
    } else {
        print_text(&format!(
            "{} two-word queries over {articles} articles (mean {:.0} matches): p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms\n",
            times.len(),
            hits as f64 / times.len() as f64,
            pct(0.5),
            pct(0.9),
            pct(0.99),
            pct(1.0)
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A two-word benchmark query from a stored record: the first two content words of its
/// headline (longer than three letters, not stop words), if it has two.
pub(crate) fn headline_query(record_json: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(record_json).ok()?;
    let words: Vec<&str> = v["headline"]
        .as_str()?
        .split_whitespace()
        .filter(|w| w.chars().count() > 3 && w.chars().all(char::is_alphabetic))
        .filter(|w| !marsad_text::stopwords::is_stopword(w))
        .take(2)
        .collect();
    (words.len() == 2).then(|| words.join(" "))
}
