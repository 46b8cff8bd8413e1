//! The JSON API under `/api`, and its OpenAPI 3 description ([`openapi`]) kept next to the
//! routes it describes.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use marsad_index::RelatedRequest;
use marsad_readers::{InputFormat, read_bytes};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::error::{ApiError, rejection};
use crate::profile::{SearchParams, entity_profile, search};
use crate::stories::{StoriesParams, stories_page, story_detail};
use crate::{AppState, MAX_BATCH, ingest_bytes};

type ApiResult = Result<Json<Value>, ApiError>;
type St = State<Arc<AppState>>;

/// Most related articles returned.
const MAX_RELATED: usize = 50;

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/health", get(health))
        .route("/api/openapi.json", get(openapi_json))
        .route("/api/analyze", post(analyze))
        .route("/api/search", get(search_api))
        .route("/api/articles", post(ingest))
        .route("/api/articles/{id}", get(article_by_path))
        .route("/api/articles/{id}/related", get(related_by_path))
        .route("/api/article", get(article_by_query))
        .route("/api/related", get(related_by_query))
        .route("/api/entities/{id}", get(entity))
        .route("/api/stories", get(stories))
        .route("/api/stories/{id}", get(story))
        .route("/api/{*rest}", get(api_not_found).post(api_not_found))
}

/// Runs archive or analysis work on the blocking pool.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::internal(format!("request failed: {e}")))?
}

fn to_json<T: serde::Serialize>(v: &T) -> ApiResult {
    serde_json::to_value(v).map(Json).map_err(|e| ApiError::internal(format!("cannot encode: {e}")))
}

async fn health(State(state): St) -> ApiResult {
    let s = state.clone();
    let articles = blocking(move || Ok(s.archive.len()?)).await?;
    Ok(Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "articles": articles,
        "ingest_enabled": state.token.is_some(),
    })))
}

async fn openapi_json() -> Json<Value> {
    Json(openapi())
}

/// Analyses one request body (text page, HTML, JSON, JSON Lines or TREC): the record of
/// each article read, and the messages of those that could not be.
pub(crate) fn analyze_bytes(
    state: &AppState,
    bytes: &[u8],
) -> Result<Vec<marsad_pipeline::Record>, ApiError> {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for item in read_bytes("request", bytes, InputFormat::Auto) {
        match item {
            Ok(article) if records.len() >= MAX_BATCH => {
                let _ = article;
                return Err(ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "too_many_articles",
                    format!("at most {MAX_BATCH} articles per request"),
                ));
            }
            Ok(article) => {
                let analysed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    state.pipeline.analyze(article)
                }));
                match analysed {
                    Ok(record) => records.push(record),
                    Err(_) => errors.push("analysis failed (internal error)".to_owned()),
                }
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    if records.is_empty() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "unreadable_article",
            if errors.is_empty() { "no article in the body".to_owned() } else { errors.join("; ") },
        ));
    }
    Ok(records)
}

async fn analyze(State(state): St, body: Result<Bytes, BytesRejection>) -> ApiResult {
    let body = body.map_err(|r| rejection(r.status(), r.body_text()))?;
    let records = blocking(move || analyze_bytes(&state, &body)).await?;
    match records.as_slice() {
        [one] => to_json(one),
        many => to_json(&many),
    }
}

async fn search_api(
    State(state): St,
    params: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> ApiResult {
    let Query(params) = params.map_err(|r| ApiError::bad_request(r.body_text()))?;
    let page = blocking(move || search(&state.archive, &params)).await?;
    to_json(&page)
}

fn check_token(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = state.token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "ingest_disabled",
            "ingest over HTTP is disabled: start the server with --token or MARSAD_TOKEN",
        ));
    };
    let given = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    // Compare every byte, whatever differs first.
    let same = given.len() == expected.len()
        && given.bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
    if same {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "a valid `Authorization: Bearer <token>` header is required",
        ))
    }
}

async fn ingest(
    State(state): St,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    check_token(&state, &headers)?;
    let body = body.map_err(|r| rejection(r.status(), r.body_text()))?;
    let report = blocking(move || ingest_bytes(&state, "request", &body, MAX_BATCH)).await?;
    if report.ids.is_empty() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "unreadable_article",
            if report.failed.is_empty() {
                "no article in the body".to_owned()
            } else {
                report.failed.join("; ")
            },
        ));
    }
    to_json(&report)
}

/// The stored record of an article.
pub(crate) fn article_record(state: &AppState, id: &str) -> Result<Value, ApiError> {
    state.archive.get(id)?.ok_or_else(|| ApiError::not_found(format!("no article with id {id:?}")))
}

/// Related articles of an archived one, each with the reasons.
pub(crate) fn related_list(
    state: &AppState,
    id: &str,
    limit: usize,
) -> Result<Vec<marsad_index::Related>, ApiError> {
    Ok(state
        .archive
        .related(&RelatedRequest { id: id.to_owned(), limit: limit.clamp(1, MAX_RELATED) })?)
}

#[derive(Deserialize)]
struct IdQuery {
    id: Option<String>,
    limit: Option<usize>,
}

#[derive(Deserialize)]
struct LimitQuery {
    limit: Option<usize>,
}

async fn article_by_path(State(state): St, Path(id): Path<String>) -> ApiResult {
    blocking(move || article_record(&state, &id)).await.map(Json)
}

async fn article_by_query(State(state): St, Query(q): Query<IdQuery>) -> ApiResult {
    let id = q.id.ok_or_else(|| ApiError::bad_request("the id parameter is required"))?;
    blocking(move || article_record(&state, &id)).await.map(Json)
}

async fn related_by_path(
    State(state): St,
    Path(id): Path<String>,
    Query(q): Query<LimitQuery>,
) -> ApiResult {
    let list = blocking(move || related_list(&state, &id, q.limit.unwrap_or(10))).await?;
    to_json(&list)
}

async fn related_by_query(State(state): St, Query(q): Query<IdQuery>) -> ApiResult {
    let id = q.id.ok_or_else(|| ApiError::bad_request("the id parameter is required"))?;
    let list = blocking(move || related_list(&state, &id, q.limit.unwrap_or(10))).await?;
    to_json(&list)
}

async fn entity(State(state): St, Path(id): Path<String>) -> ApiResult {
    let profile = blocking(move || entity_profile(&state.archive, &id)).await?;
    to_json(&profile)
}

async fn stories(
    State(state): St,
    params: Result<Query<StoriesParams>, axum::extract::rejection::QueryRejection>,
) -> ApiResult {
    let Query(params) = params.map_err(|r| ApiError::bad_request(r.body_text()))?;
    let page = blocking(move || stories_page(&state, &params)).await?;
    to_json(&page)
}

async fn story(
    State(state): St,
    Path(id): Path<String>,
    params: Result<Query<StoriesParams>, axum::extract::rejection::QueryRejection>,
) -> ApiResult {
    let Query(params) = params.map_err(|r| ApiError::bad_request(r.body_text()))?;
    let detail = blocking(move || story_detail(&state, &id, &params)).await?;
    to_json(&detail)
}

async fn api_not_found() -> ApiError {
    ApiError::not_found("no such API endpoint (see /api/openapi.json)")
}

/// The OpenAPI 3.0 description of the JSON API.
pub fn openapi() -> Value {
    let error = json!({"$ref": "#/components/schemas/Error"});
    let err =
        |d: &str| json!({"description": d, "content": {"application/json": {"schema": error}}});
    let ok = |d: &str, schema: Value| json!({"description": d, "content": {"application/json": {"schema": schema}}});
    let obj = || json!({"type": "object"});
    let q = |name: &str, d: &str| json!({"name": name, "in": "query", "required": false, "description": d, "schema": {"type": "string"}});
    let path_id = || json!({"name": "id", "in": "path", "required": true, "description": "Article id, URL-encoded ('/' as %2F).", "schema": {"type": "string"}});
    let query_id = || json!({"name": "id", "in": "query", "required": true, "description": "Article id.", "schema": {"type": "string"}});
    let article_body = || {
        json!({"required": true, "content": {
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
            "application/json": {"schema": obj()},
        }})
    };
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Marsad API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Arabic news analysis and archive search. Errors are {\"error\": {\"code\", \"message\"}} with stable codes: bad_request, empty_query, stop_words_only, query_syntax, bad_filter, not_found, unauthorized, ingest_disabled, payload_too_large, too_many_articles, unreadable_article, archive_busy, archive_error, timeout, internal, not_implemented. Bodies are limited to 5 MB and requests to 30 s.",
        },
        "paths": {
            "/api/health": {"get": {"summary": "Liveness and archive size.", "responses": {"200": ok("Status.", obj())}}},
            "/api/openapi.json": {"get": {"summary": "This document.", "responses": {"200": ok("OpenAPI 3 document.", obj())}}},
            "/api/analyze": {"post": {
                "summary": "Analyse an article (plain text page, HTML, JSON, JSON Lines or TREC; detected).",
                "requestBody": article_body(),
                "responses": {"200": ok("The analysis record (schema 1), or an array of records when the body holds several articles.", obj()),
                              "413": err("Body too large."), "422": err("No article could be read.")}}},
            "/api/search": {"get": {
                "summary": "Search the archive: BM25 hits with highlighted snippets and facets.",
                "parameters": [q("q", "Query words, \"phrases\", -not, OR (required)."), q("from", "Published on or after (YYYY-MM-DD)."),
                               q("to", "Published on or before (YYYY-MM-DD, inclusive)."), q("source", "Outlet."),
                               q("entity", "Entity id or name."), q("tag", "Tag."), q("page", "Page, from 1."), q("per_page", "Hits per page (≤ 50).")],
                "responses": {"200": ok("Results: query, total, page, per_page, pages, hits [{id, score, headline, source, published, url, snippet}], facets {source, entity, tag, day}.", obj()),
                              "400": err("Bad query or filter.")}}},
            "/api/articles": {"post": {
                "summary": "Ingest one article or a batch (JSON array, JSON Lines, TREC…). Requires a bearer token.",
                "security": [{"bearer": []}],
                "requestBody": article_body(),
                "responses": {"200": ok("{added, updated, skipped, ids, failed}.", obj()), "401": err("Missing or wrong token."),
                              "403": err("Ingest disabled (no token configured)."), "422": err("No article could be read.")}}},
            "/api/articles/{id}": {"get": {"summary": "An archived article's record.", "parameters": [path_id()],
                "responses": {"200": ok("The record.", obj()), "404": err("Unknown id.")}}},
            "/api/articles/{id}/related": {"get": {"summary": "Related articles, each with why.", "parameters": [path_id(), q("limit", "At most this many (≤ 50).")],
                "responses": {"200": ok("[{id, headline, source, published, score, text_similarity, shared_entities, shared_tags, days_apart, why}].", json!({"type": "array", "items": obj()})), "404": err("Unknown id.")}}},
            "/api/article": {"get": {"summary": "An archived article's record (id as a query parameter).", "parameters": [query_id()],
                "responses": {"200": ok("The record.", obj()), "404": err("Unknown id.")}}},
            "/api/related": {"get": {"summary": "Related articles (id as a query parameter).", "parameters": [query_id(), q("limit", "At most this many (≤ 50).")],
                "responses": {"200": ok("Related articles.", json!({"type": "array", "items": obj()})), "404": err("Unknown id.")}}},
            "/api/entities/{id}": {"get": {"summary": "An entity: mentions per day, its quotes, co-occurring entities (from up to 500 articles).",
                "parameters": [{"name": "id", "in": "path", "required": true, "description": "Entity id such as country:ru.", "schema": {"type": "string"}}],
                "responses": {"200": ok("{id, canonical, label, english, country, total_articles, articles_read, mentions_per_day, quotes, co_occurring, articles}.", obj()), "404": err("No article names it.")}}},
            "/api/stories": {"get": {
                "summary": "Stories: the archive's articles in the range grouped into stories (the same event across outlets and days), largest first.",
                "parameters": [q("from", "Published on or after (YYYY-MM-DD)."), q("to", "Published on or before (YYYY-MM-DD, inclusive)."),
                               q("min_size", "Smallest story listed (default 2)."), q("page", "Page, from 1."), q("per_page", "Stories per page (≤ 50).")],
                "responses": {"200": ok("{from, to, min_size, total, articles, page, per_page, pages, stories [{id, size, outlets, first, last, top_entities, top_tags, headline, representative, articles}]}.", obj()),
                              "400": err("Bad date or number.")}}},
            "/api/stories/{id}": {"get": {
                "summary": "One story with its articles on a timeline. Story ids belong to a range: pass the same from/to as the list.",
                "parameters": [{"name": "id", "in": "path", "required": true, "description": "Story id from /api/stories, URL-encoded.", "schema": {"type": "string"}},
                               q("from", "As in the list."), q("to", "As in the list.")],
                "responses": {"200": ok("The story's fields and timeline [{id, headline, source, published}] in publication order.", obj()),
                              "404": err("No such story in the range.")}}},
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Error": {"type": "object", "required": ["error"], "properties": {"error": {
                "type": "object", "required": ["code", "message"],
                "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}}},
        },
    })
}
