//! `marsad serve` and `marsad demo`: the HTTP API and the web UI (issue 9).

use std::io::Write;
use std::path::PathBuf;
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
    let loopback = addr.starts_with("127.") || addr.starts_with("[::1]") || addr.starts_with("localhost:");
    if !loopback {
        eprintln!("marsad: warning: listening on {addr}, reachable from other machines");
    }
}

/// `marsad serve`: opens the archive once and serves it until Ctrl-C.
pub fn serve(args: ServeArgs) -> Result<ExitCode, String> {
    let dir = args
        .data
        .data
        .clone()
        .or_else(|| std::env::var_os("MARSAD_DATA").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("marsad-data"));
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
