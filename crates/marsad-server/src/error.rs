//! API errors as values: an HTTP status, a stable machine-readable code and a message,
//! sent as `{"error": {"code": "...", "message": "..."}}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use marsad_index::ArchiveError;

/// One failed request. `code` is part of the API contract: codes are added, never renamed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { status, code, message: message.into() }
    }

    /// 400 `bad_request`: a parameter is missing or malformed.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 404 `not_found`.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 500 `internal`: a bug or an unexpected failure (the message says which).
    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", message)
    }

    /// 503 `timeout`: the request took longer than the server allows.
    pub fn timeout(limit: std::time::Duration) -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            format!("the request took longer than {} s", limit.as_secs_f64()),
        )
    }

    /// The error's JSON body.
    pub fn body(&self) -> serde_json::Value {
        serde_json::json!({"error": {"code": self.code, "message": self.message}})
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body())).into_response()
    }
}

impl From<ArchiveError> for ApiError {
    fn from(e: ArchiveError) -> ApiError {
        let message = e.to_string();
        let (status, code) = match e {
            ArchiveError::EmptyQuery => (StatusCode::BAD_REQUEST, "empty_query"),
            ArchiveError::OnlyStopWords(_) => (StatusCode::BAD_REQUEST, "stop_words_only"),
            ArchiveError::QuerySyntax { .. } => (StatusCode::BAD_REQUEST, "query_syntax"),
            ArchiveError::BadFilter(_) => (StatusCode::BAD_REQUEST, "bad_filter"),
            ArchiveError::UnknownId(_) => (StatusCode::NOT_FOUND, "not_found"),
            ArchiveError::Busy(_) => (StatusCode::SERVICE_UNAVAILABLE, "archive_busy"),
            ArchiveError::Missing(_)
            | ArchiveError::Foreign(_)
            | ArchiveError::Corrupt { .. }
            | ArchiveError::Io(_) => (StatusCode::INTERNAL_SERVER_ERROR, "archive_error"),
        };
        ApiError::new(status, code, message)
    }
}

/// A request body axum could not read (too large, not UTF-8, bad JSON…) as an [`ApiError`].
pub fn rejection(status: StatusCode, text: String) -> ApiError {
    let code =
        if status == StatusCode::PAYLOAD_TOO_LARGE { "payload_too_large" } else { "bad_request" };
    ApiError::new(status, code, text)
}
