//! `marsad stories` (the archive's stories) and `marsad eval stories` (B-cubed against the
//! hand-labelled dev set).

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use marsad_eval::stories::{Label, bcubed, read_labels, story_errors};
use marsad_index::{StoriesRequest, Story, StoryArticle, cluster};
use marsad_pipeline::Pipeline;
use marsad_readers::{InputFormat, read_path};
use rayon::iter::{IntoParallelIterator, ParallelIterator};

use crate::archive::{
    DataArg, DateRangeArgs, ResultFormat, open, print_json, print_text, result_format,
};

/// Clustering parameters shared by `stories` and `eval stories`.
#[derive(Args, Clone, Copy, Debug)]
pub struct ClusterArgs {
    /// An article may join a story whose latest article is at most this many days older.
    #[arg(long, default_value_t = StoriesRequest::default().window_days)]
    pub window_days: f64,
    /// Lowest combined similarity (text and entities) for joining a story.
    #[arg(long, default_value_t = StoriesRequest::default().threshold)]
    pub threshold: f64,
    /// Share of text similarity in the combined similarity (the rest is entities).
    #[arg(long, default_value_t = StoriesRequest::default().text_weight)]
    pub text_weight: f64,
    /// Lowest combined centroid similarity for merging two stories after the single pass.
    #[arg(long, default_value_t = StoriesRequest::default().merge_threshold)]
    pub merge_threshold: f64,
    /// Longest story, in days from its first article ("inf": unbounded).
    #[arg(long, default_value_t = StoriesRequest::default().max_span_days)]
    pub max_span_days: f64,
    /// Half-life in days of a member's weight in its story's centroid ("inf": no decay).
    #[arg(long, default_value_t = StoriesRequest::default().half_life_days)]
    pub half_life_days: f64,
    /// A merge also needs this share of the broader story's cohesion (its members' mean
    /// similarity to its centroid; 0: off).
    #[arg(long, default_value_t = StoriesRequest::default().merge_cohesion)]
    pub merge_cohesion: f64,
}

impl ClusterArgs {
    fn request(&self, from: Option<i64>, to: Option<i64>) -> StoriesRequest {
        StoriesRequest {
            from,
            to,
            window_days: self.window_days,
            threshold: self.threshold,
            text_weight: self.text_weight,
            merge_threshold: self.merge_threshold,
            max_span_days: self.max_span_days,
            half_life_days: self.half_life_days,
            merge_cohesion: self.merge_cohesion,
        }
    }
}

#[derive(Args, Debug)]
pub struct StoriesArgs {
    #[command(flatten)]
    pub data: DataArg,
    #[command(flatten)]
    pub range: DateRangeArgs,
    /// Show only stories with at least this many articles.
    #[arg(long, default_value_t = 1)]
    pub min_size: usize,
    #[arg(long, short = 'f')]
    pub format: Option<ResultFormat>,
    #[command(flatten)]
    pub cluster: ClusterArgs,
}

fn story_text(stories: &[Story]) -> String {
    let mut out = String::new();
    for s in stories {
        let span = match (&s.first, &s.last) {
            (Some(a), Some(b)) => {
                format!("{} → {}", a.get(..10).unwrap_or(a), b.get(..10).unwrap_or(b))
            }
            _ => "undated".into(),
        };
        out.push_str(&format!(
            "{}  [{} articles; {}; {}]\n  {}\n",
            s.id,
            s.size,
            s.outlets.join(", "),
            span,
            s.headline
        ));
        if !s.top_entities.is_empty() {
            out.push_str(&format!("  entities: {}\n", s.top_entities.join("، ")));
        }
        if !s.top_tags.is_empty() {
            out.push_str(&format!("  tags: {}\n", s.top_tags.join("، ")));
        }
        out.push('\n');
    }
    out
}

/// `marsad stories`.
pub fn stories(args: StoriesArgs) -> Result<ExitCode, String> {
    let archive = open(&args.data)?;
    let (from, to) = args.range.seconds()?;
    let mut stories =
        archive.stories(&args.cluster.request(from, to)).map_err(|e| e.to_string())?;
    stories.retain(|s| s.size >= args.min_size);
    match result_format(args.format) {
        ResultFormat::Json => print_json(&stories)?,
        ResultFormat::Text => print_text(&story_text(&stories))?,
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args, Debug)]
pub struct EvalStoriesArgs {
    /// The labels: `DOCNO<TAB>story` lines (`stories-dev.tsv`, or the held-out
    /// `stories-dev2.tsv`).
    #[arg(long, alias = "dev", default_value = "crates/marsad-eval/data/stories-dev.tsv")]
    pub labels: PathBuf,
    /// The ANT corpus, analysed and clustered whole (used unless --data is given).
    #[arg(long, default_value = "../shared/data/ant-multisource-2018-04")]
    pub ant: PathBuf,
    /// Cluster this archive instead (an ANT ingest: faster when trying parameters).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
    /// Also list the errors: gold stories split over several clusters and clusters holding
    /// several gold stories, with headlines.
    #[arg(long)]
    pub errors: bool,
    #[command(flatten)]
    pub cluster: ClusterArgs,
}

/// The labels of articles whose DOCNO ends with one of `days` (`YYYYMMDD`).
fn labels_of_days(labels: &[Label], days: &[&str]) -> Vec<Label> {
    labels.iter().filter(|(id, _)| days.iter().any(|d| id.ends_with(d))).cloned().collect()
}

/// The distinct days (`YYYYMMDD`, the last DOCNO field) of the labelled articles, in order.
fn labelled_days(labels: &[Label]) -> Vec<String> {
    let days: std::collections::BTreeSet<String> = labels
        .iter()
        .filter_map(|(id, _)| id.rsplit('-').next())
        .filter(|d| d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string)
        .collect();
    days.into_iter().collect()
}

/// Every article of `corpus`, analysed in parallel, as the clusterer sees it.
pub fn analysed_articles(corpus: &std::path::Path) -> Vec<StoryArticle> {
    let pipeline = Pipeline::default();
    read_path(corpus, InputFormat::Auto)
        .into_par_iter()
        .filter_map(|item| {
            let record = pipeline.analyze(item.ok()?);
            let value = serde_json::to_value(&record).ok()?;
            Some(StoryArticle::from_record(&record.id, &value))
        })
        .collect()
}

/// `marsad eval stories`.
pub fn eval(args: EvalStoriesArgs) -> Result<ExitCode, String> {
    let text = std::fs::read_to_string(&args.labels)
        .map_err(|e| format!("{}: cannot read labels: {e}", args.labels.display()))?;
    let (labels, bad) = read_labels(&text);
    if !bad.is_empty() {
        eprintln!("marsad: {}: skipped malformed lines {bad:?}", args.labels.display());
    }
    if labels.is_empty() {
        return Err(format!("{}: no labels", args.labels.display()));
    }
    let req = args.cluster.request(None, None);
    let mut articles = match &args.data {
        Some(dir) => {
            let archive = open(&DataArg { data: Some(dir.clone()) })?;
            archive.story_articles(&req).map_err(|e| e.to_string())?
        }
        None => {
            if !args.ant.is_dir() {
                return Err(format!("{}: no such corpus directory", args.ant.display()));
            }
            analysed_articles(&args.ant)
        }
    };
    // Same input order every run, whatever order the threads finished in.
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    let groups = cluster(&articles, &req);
    let mut predicted: HashMap<String, String> = HashMap::new();
    for (k, g) in groups.iter().enumerate() {
        for a in g.iter().filter_map(|&i| articles.get(i)) {
            predicted.insert(a.id.clone(), k.to_string());
        }
    }
    let score = bcubed(&labels, &predicted);
    if args.json {
        print_json(&score)?;
    } else {
        println!(
            "Stories B-cubed on {} ({} labelled articles, {} gold stories; {} articles clustered into {} stories)",
            args.labels.display(),
            score.articles,
            score.gold_stories,
            articles.len(),
            groups.len()
        );
        println!(
            "precision {:.3}  recall {:.3}  F1 {:.3}  (predicted clusters over labelled: {}, unplaced: {})",
            score.precision, score.recall, score.f1, score.predicted_clusters, score.unplaced
        );
        // One line per labelled day (the DOCNO's `YYYYMMDD`), whatever set is scored, so a
        // day the defaults were not chosen on is visible apart.
        for day in labelled_days(&labels) {
            let part = labels_of_days(&labels, &[day.as_str()]);
            let s = bcubed(&part, &predicted);
            println!(
                "  {day}: {} articles, precision {:.3}  recall {:.3}  F1 {:.3}",
                s.articles, s.precision, s.recall, s.f1
            );
        }
        println!(
            "window {} days, threshold {}, text weight {}, merge threshold {}, max span {} days, half-life {} days, merge cohesion {}",
            req.window_days,
            req.threshold,
            req.text_weight,
            req.merge_threshold,
            req.max_span_days,
            req.half_life_days,
            req.merge_cohesion
        );
    }
    if args.errors {
        let by_id: HashMap<&str, &StoryArticle> =
            articles.iter().map(|a| (a.id.as_str(), a)).collect();
        let size: HashMap<&str, usize> = {
            let mut m: HashMap<&str, usize> = HashMap::new();
            for c in predicted.values() {
                *m.entry(c.as_str()).or_default() += 1;
            }
            m
        };
        let line = |id: &str| {
            let a = by_id.get(id);
            // The DOCNO holds the day; the time of day (UTC) orders the articles within it.
            let when = a.and_then(|a| a.published).map(|p| {
                format!("{:02}:{:02}", p.rem_euclid(86_400) / 3_600, p.rem_euclid(3_600) / 60)
            });
            let head = a.map(|a| a.headline.as_str()).unwrap_or("?");
            format!("      {id}  {}  {head}", when.unwrap_or_else(|| "undated".into()))
        };
        let errors = story_errors(&labels, &predicted);
        println!("\nGold stories split over several clusters:");
        for (gold, parts) in &errors.split {
            println!("  {gold}");
            for (cluster, ids) in parts {
                let n = size.get(cluster.as_str()).copied().unwrap_or(1);
                println!("    cluster {cluster} ({} labelled of {n})", ids.len());
                ids.iter().for_each(|id| println!("{}", line(id)));
            }
        }
        println!("\nClusters holding several gold stories:");
        for (cluster, parts) in &errors.merged {
            let n = size.get(cluster.as_str()).copied().unwrap_or(1);
            println!("  cluster {cluster} ({n} articles)");
            for (gold, ids) in parts {
                println!("    {gold} ({})", ids.len());
                ids.iter().for_each(|id| println!("{}", line(id)));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
