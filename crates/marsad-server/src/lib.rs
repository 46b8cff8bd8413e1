//! The Marsad HTTP server: a JSON API and a right-to-left Arabic web UI over one archive.
//!
//! ```text
//! client ──HTTP──▶ axum router ──▶ api (JSON) / html (server-rendered pages)
//!                     │  body limit, per-request time bound, bearer token for writes
//!                     ▼
//!        AppState { Archive (opened once, shared), Pipeline, token }
//! ```
//!
//! The archive's store is locked by one process, so the server opens it once and shares it
//! ([`AppState`] behind an `Arc`) across requests; archive and analysis work runs on
//! tokio's blocking pool. Everything taken from articles is untrusted and escaped
//! ([`html::escape`]).

mod api;
mod error;
pub mod html;
mod profile;
mod stories;

use std::net::SocketAddr;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use marsad_index::{Archive, BatchSummary, Prepared};
use marsad_pipeline::Pipeline;
use marsad_readers::{InputFormat, read_bytes};

pub use api::openapi;
pub use error::ApiError;
pub use stories::{StoriesPage, StoryDetail, TimelineEntry};

/// Largest request body accepted (an article or a batch of articles).
pub const BODY_LIMIT: usize = 5 * 1024 * 1024;
/// Longest a request may take before it is answered with a `timeout` error.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Largest page of search results.
pub const MAX_PER_PAGE: usize = 50;
/// Deepest result reachable by paging (`page × per_page`).
pub const MAX_RESULTS: usize = 1000;
/// Most articles one `POST /api/articles` may carry.
pub const MAX_BATCH: usize = 1000;

/// The example articles that ship with Marsad (`examples/`), for `marsad demo`.
pub const EXAMPLES: [(&str, &str); 3] = [
    ("examples/page-ar.txt", include_str!("../../../examples/page-ar.txt")),
    ("examples/wire-ar.jsonl", include_str!("../../../examples/wire-ar.jsonl")),
    ("examples/archive-ar.trec", include_str!("../../../examples/archive-ar.trec")),
];

/// What every request shares: the open archive, the analysis pipeline and the write token.
pub struct AppState {
    pub archive: Archive,
    pub pipeline: Pipeline,
    /// Bearer token for `POST /api/articles`; `None` disables ingest over HTTP.
    pub token: Option<String>,
    /// Longest a request may take before it is answered with a `timeout` error.
    pub request_timeout: Duration,
    /// One ingest at a time (the index has one writer).
    write_lock: Mutex<()>,
    /// Bumped by every write, so cached answers know they are stale.
    generation: AtomicU64,
    /// The last clustered story range (see [`stories`]).
    stories_cache: Mutex<Option<Arc<stories::Clustered>>>,
}

impl AppState {
    pub fn new(archive: Archive, pipeline: Pipeline, token: Option<String>) -> AppState {
        let token = token.filter(|t| !t.trim().is_empty());
        AppState {
            archive,
            pipeline,
            token,
            request_timeout: REQUEST_TIMEOUT,
            write_lock: Mutex::new(()),
            generation: AtomicU64::new(0),
            stories_cache: Mutex::new(None),
        }
    }

    /// The same state with another request time bound (tests use a short one).
    pub fn with_request_timeout(mut self, limit: Duration) -> AppState {
        self.request_timeout = limit;
        self
    }

    /// How many writes this server has made to the archive.
    fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }
}

/// The outcome of ingesting a request body or a set of files.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct IngestReport {
    pub added: usize,
    pub updated: usize,
    pub skipped: usize,
    /// Ids of the articles read (stored, updated or already there).
    pub ids: Vec<String>,
    /// One message per record that could not be read or analysed.
    pub failed: Vec<String>,
}

/// Reads `bytes` (any input format, detected), analyses every article and stores them in
/// one committed batch. Records that fail are reported, never fatal; the archive failing
/// is an error.
pub fn ingest_bytes(
    state: &AppState,
    label: &str,
    bytes: &[u8],
    max_articles: usize,
) -> Result<IngestReport, ApiError> {
    let mut report = IngestReport::default();
    let mut batch = Vec::new();
    for item in read_bytes(label, bytes, InputFormat::Auto) {
        let article = match item {
            Ok(article) => article,
            Err(e) => {
                report.failed.push(e.to_string());
                continue;
            }
        };
        if batch.len() >= max_articles {
            return Err(ApiError::new(
                axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                "too_many_articles",
                format!("at most {max_articles} articles per request"),
            ));
        }
        let origin = article.origin.to_string();
        match catch_unwind(AssertUnwindSafe(|| state.pipeline.analyze(article))) {
            Ok(record) => match Prepared::from_record(&record) {
                Ok(p) => {
                    report.ids.push(p.id.clone());
                    batch.push(p);
                }
                Err(e) => report.failed.push(format!("{origin}: {e}")),
            },
            Err(_) => report.failed.push(format!("{origin}: analysis failed (internal error)")),
        }
    }
    if batch.is_empty() {
        return Ok(report);
    }
    let _guard = state.write_lock.lock().map_err(|_| ApiError::internal("ingest lock poisoned"))?;
    let mut writer = state.archive.writer()?;
    let written = writer.write_batch(batch).and_then(|summary| writer.finish().map(|()| summary));
    // Even a failed write may have committed part of the batch.
    state.generation.fetch_add(1, Ordering::AcqRel);
    let summary: BatchSummary = written?;
    report.added = summary.added;
    report.updated = summary.updated;
    report.skipped = summary.skipped;
    Ok(report)
}

/// Ingests the bundled [`EXAMPLES`] (for `marsad demo` and tests).
pub fn ingest_examples(state: &AppState) -> Result<IngestReport, ApiError> {
    let mut total = IngestReport::default();
    for (label, text) in EXAMPLES {
        let r = ingest_bytes(state, label, text.as_bytes(), MAX_BATCH)?;
        total.added += r.added;
        total.updated += r.updated;
        total.skipped += r.skipped;
        total.ids.extend(r.ids);
        total.failed.extend(r.failed);
    }
    Ok(total)
}

/// Bounds every request's time: past [`AppState::request_timeout`] the client gets a
/// `timeout` error (the work itself finishes in the background).
async fn time_bound(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let limit = state.request_timeout;
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(response) => response,
        Err(_) => ApiError::timeout(limit).into_response(),
    }
}

/// The whole application: API routes, pages, static assets, limits.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .merge(api::routes())
        .merge(html::routes())
        .fallback(html::not_found)
        .layer(axum::middleware::from_fn_with_state(Arc::clone(&state), time_bound))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state)
}

/// Serves `state` on an already bound listener until Ctrl-C (or SIGTERM).
pub async fn serve(listener: tokio::net::TcpListener, state: Arc<AppState>) -> std::io::Result<()> {
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// Binds `addr`, calls `on_bound` with the actual address (port 0 picks a free one), and
/// serves until Ctrl-C or SIGTERM. Blocks the calling thread.
pub fn run(
    addr: &str,
    state: Arc<AppState>,
    on_bound: impl FnOnce(SocketAddr),
) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server runtime: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        let local = listener.local_addr().map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        on_bound(local);
        serve(listener, state).await.map_err(|e| format!("server stopped: {e}"))
    })
}
