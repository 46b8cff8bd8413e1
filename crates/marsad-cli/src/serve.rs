//! `marsad serve` and `marsad demo`: the HTTP API and the web UI (issue 9).

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;
use marsad_index::Archive;
use marsad_pipeline::Pipeline;
use marsad_server::{AppState, ingest_examples, run};

use crate::archive::DataArg;

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub data: DataArg,
    /// Address to listen on (loopback by default; port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Bearer token that enables `POST /api/articles` [default: $MARSAD_TOKEN; without
    /// one, ingest over HTTP is disabled].
    #[arg(long)]
    pub token: Option<String>,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Address to listen on (loopback by default; port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Bearer token that enables `POST /api/articles` [default: $MARSAD_TOKEN].
    #[arg(long)]
    pub token: Option<String>,
}

fn token(arg: Option<String>) -> Option<String> {
    arg.or_else(|| std::env::var("MARSAD_TOKEN").ok()).filter(|t| !t.trim().is_empty())
}

fn announce(url: &str, articles: u64, dir: &std::path::Path, ingest: bool) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "marsad: serving {url} ({articles} articles in {})", dir.display());
    let _ = out.flush();
    eprintln!(
        "marsad: web UI {url} · API {url}api/openapi.json · ingest over HTTP {} · Ctrl-C stops",
        if ingest { "enabled (bearer token)" } else { "disabled (no --token)" }
    );
}

fn warn_if_public(addr: &str) {
    let loopback =
        addr.starts_with("127.") || addr.starts_with("[::1]") || addr.starts_with("localhost:");
    if !loopback {
        eprintln!("marsad: warning: listening on {addr}, reachable from other machines");
    }
}

/// `marsad serve`: opens the archive once and serves it until Ctrl-C.
pub fn serve(args: ServeArgs) -> Result<ExitCode, String> {
    let dir = args.data.dir();
    let archive = Archive::open_or_create(&dir).map_err(|e| e.to_string())?;
    let articles = archive.len().map_err(|e| e.to_string())?;
    let token = token(args.token);
    let ingest = token.is_some();
    let state = Arc::new(AppState::new(archive, Pipeline::default(), token));
    warn_if_public(&args.addr);
    run(&args.addr, state, |addr| announce(&format!("http://{addr}/"), articles, &dir, ingest))?;
    Ok(ExitCode::SUCCESS)
}

/// `marsad demo`: the bundled examples ingested into a fresh temporary archive, served.
pub fn demo(args: DemoArgs) -> Result<ExitCode, String> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("marsad-demo-{}-{nanos}", std::process::id()));
    let result = (|| {
        let archive = Archive::open_or_create(&dir).map_err(|e| e.to_string())?;
        let token = token(args.token);
        let ingest = token.is_some();
        let state = Arc::new(AppState::new(archive, Pipeline::default(), token));
        let report = ingest_examples(&state).map_err(|e| e.to_string())?;
        for f in &report.failed {
            eprintln!("marsad: {f}");
        }
        let articles = state.archive.len().map_err(|e| e.to_string())?;
        warn_if_public(&args.addr);
        run(&args.addr, state, |addr| announce(&format!("http://{addr}/"), articles, &dir, ingest))
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result.map(|()| ExitCode::SUCCESS)
}

#[derive(Args, Debug)]
pub struct BenchServeArgs {
    #[command(flatten)]
    pub data: DataArg,
    /// Concurrent clients, each on one keep-alive connection.
    #[arg(long, default_value_t = 50)]
    pub clients: usize,
    /// How long to run.
    #[arg(long, default_value_t = 20)]
    pub seconds: u64,
    #[arg(long)]
    pub json: bool,
}

/// What one load client saw: search and article latencies (ms), errors, the first error.
type ClientTally = (Vec<f64>, Vec<f64>, usize, Option<String>);

/// One keep-alive HTTP/1.1 connection that sends GETs and reads whole responses.
struct Client {
    addr: std::net::SocketAddr,
    conn: Option<std::io::BufReader<std::net::TcpStream>>,
}

impl Client {
    fn get(&mut self, path: &str) -> Result<u16, String> {
        use std::io::{BufRead, Read};
        let conn = match &mut self.conn {
            Some(c) => c,
            None => {
                let s = std::net::TcpStream::connect(self.addr).map_err(|e| e.to_string())?;
                let _ = s.set_nodelay(true);
                self.conn.insert(std::io::BufReader::new(s))
            }
        };
        let req = format!("GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", self.addr);
        conn.get_mut().write_all(req.as_bytes()).map_err(|e| e.to_string())?;
        let mut line = String::new();
        conn.read_line(&mut line).map_err(|e| e.to_string())?;
        let status: u16 =
            line.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or("bad status line")?;
        let (mut length, mut chunked) = (0usize, false);
        loop {
            line.clear();
            conn.read_line(&mut line).map_err(|e| e.to_string())?;
            let l = line.trim_end().to_ascii_lowercase();
            if l.is_empty() {
                break;
            }
            if let Some(v) = l.strip_prefix("content-length:") {
                length = v.trim().parse().map_err(|_| "bad content-length")?;
            } else if l.starts_with("transfer-encoding:") && l.contains("chunked") {
                chunked = true;
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                conn.read_line(&mut line).map_err(|e| e.to_string())?;
                let size = usize::from_str_radix(line.trim(), 16).map_err(|_| "bad chunk")?;
                let mut chunk = vec![0; size + 2];
                conn.read_exact(&mut chunk).map_err(|e| e.to_string())?;
                if size == 0 {
                    break;
                }
            }
        } else {
            body.resize(length, 0);
            conn.read_exact(&mut body).map_err(|e| e.to_string())?;
        }
        Ok(status)
    }
}

/// `marsad bench serve`: `--clients` concurrent keep-alive clients for `--seconds` against
/// an in-process server over `--data`: three searches (two-word headline queries) to one
/// article fetch; throughput, latency percentiles and errors.
pub fn bench_serve(args: BenchServeArgs) -> Result<ExitCode, String> {
    use std::time::{Duration, Instant};
    let dir = args.data.dir();
    let archive = Archive::open(&dir).map_err(|e| e.to_string())?;
    let articles = archive.len().map_err(|e| e.to_string())?;
    let (mut queries, mut ids) = (Vec::new(), Vec::new());
    archive
        .for_each(|id, json| {
            if ids.len() < 2000 {
                ids.push(format!("/api/articles/{}", marsad_server::html::url_encode(id)));
            }
            if queries.len() >= 2000 {
                return;
            }
            if let Some(query) = crate::archive::headline_query(json) {
                queries.push(format!("/api/search?q={}", marsad_server::html::url_encode(&query)));
            }
        })
        .map_err(|e| e.to_string())?;
    if queries.is_empty() || ids.is_empty() {
        return Err("the archive has no headlines to make queries from".into());
    }
    let state = Arc::new(AppState::new(archive, Pipeline::default(), None));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        if let Err(e) = run("127.0.0.1:0", state, |addr| {
            let _ = tx.send(addr);
        }) {
            eprintln!("marsad: {e}");
        }
    });
    let addr = rx.recv_timeout(Duration::from_secs(60)).map_err(|_| "the server did not start")?;
    let deadline = Instant::now() + Duration::from_secs(args.seconds.max(1));
    let started = Instant::now();
    let clients = args.clients.max(1);
    let results: Vec<ClientTally> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..clients)
            .map(|c| {
                let (queries, ids) = (&queries, &ids);
                scope.spawn(move || {
                    let mut client = Client { addr, conn: None };
                    let (mut search_ms, mut article_ms) = (Vec::new(), Vec::new());
                    let (mut errors, mut first_error) = (0usize, None);
                    let mut i = c * 7919;
                    while Instant::now() < deadline {
                        i += 1;
                        let is_article = i % 4 == 0;
                        let path = if is_article {
                            &ids[i % ids.len()]
                        } else {
                            &queries[i % queries.len()]
                        };
                        let t = Instant::now();
                        let got = client.get(path);
                        let ms = t.elapsed().as_secs_f64() * 1000.0;
                        match got {
                            Ok(200) => {
                                if is_article {
                                    article_ms.push(ms)
                                } else {
                                    search_ms.push(ms)
                                }
                            }
                            other => {
                                errors += 1;
                                client.conn = None;
                                first_error.get_or_insert(format!("{path}: {other:?}"));
                            }
                        }
                    }
                    (search_ms, article_ms, errors, first_error)
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let (mut search_ms, mut article_ms, mut errors, mut first_error) =
        (Vec::new(), Vec::new(), 0, None);
    for (s, a, e, f) in results {
        search_ms.extend(s);
        article_ms.extend(a);
        errors += e;
        if first_error.is_none() {
            first_error = f;
        }
    }
    let mut all: Vec<f64> = search_ms.iter().chain(&article_ms).copied().collect();
    for v in [&mut all, &mut search_ms, &mut article_ms] {
        v.sort_by(f64::total_cmp);
    }
    let pct = |v: &[f64], p: f64| {
        v.get(((v.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0.0)
    };
    let report = serde_json::json!({
        "articles": articles,
        "clients": clients,
        "seconds": elapsed,
        "requests": all.len() + errors,
        "errors": errors,
        "first_error": first_error,
        "requests_per_second": all.len() as f64 / elapsed,
        "p50_ms": pct(&all, 0.5),
        "p90_ms": pct(&all, 0.9),
        "p99_ms": pct(&all, 0.99),
        "max_ms": pct(&all, 1.0),
        "search": {"requests": search_ms.len(), "p50_ms": pct(&search_ms, 0.5), "p99_ms": pct(&search_ms, 0.99)},
        "article": {"requests": article_ms.len(), "p50_ms": pct(&article_ms, 0.5), "p99_ms": pct(&article_ms, 0.99)},
    });
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
    } else {
        println!(
            "{} clients × {:.1} s over {articles} articles: {} requests ({:.0}/s), {errors} errors; p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms (search p50 {:.2} / p99 {:.2} ms; article p50 {:.2} / p99 {:.2} ms)",
            clients,
            elapsed,
            all.len() + errors,
            all.len() as f64 / elapsed,
            pct(&all, 0.5),
            pct(&all, 0.9),
            pct(&all, 0.99),
            pct(&all, 1.0),
            pct(&search_ms, 0.5),
            pct(&search_ms, 0.99),
            pct(&article_ms, 0.5),
            pct(&article_ms, 0.99),
        );
    }
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
