//! Errors of the archive, as values with messages that name the directory or the article.

use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong opening, writing or asking the archive.
#[derive(Debug)]
pub enum ArchiveError {
    /// There is no archive at this path (nothing has been ingested there).
    Missing(PathBuf),
    /// The directory holds files that are not a Marsad archive; it is never written to.
    Foreign(PathBuf),
    /// The directory is a Marsad archive but a part of it cannot be read.
    Corrupt { path: PathBuf, message: String },
    /// Another `marsad` process holds the archive open for writing.
    Busy(PathBuf),
    /// The query is empty.
    EmptyQuery,
    /// The query has only stop words (`في`, `من`, `على`), which match everything.
    OnlyStopWords(String),
    /// The query cannot be parsed.
    QuerySyntax { query: String, message: String },
    /// A filter value cannot be understood (e.g. a date).
    BadFilter(String),
    /// No article has this id.
    UnknownId(String),
    /// A failure of the file system, the index or the store.
    Io(String),
}

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArchiveError::Missing(p) => write!(
                f,
                "no archive at {} (run `marsad ingest --data {}` first)",
                p.display(),
                p.display()
            ),
            ArchiveError::Foreign(p) => write!(
                f,
                "{} is not a Marsad data directory (it has other files and no marsad-archive.json); \
                 refusing to write into it: choose an empty or new directory with --data",
                p.display()
            ),
            ArchiveError::Corrupt { path, message } => {
                write!(f, "the archive at {} is damaged: {message}", path.display())
            }
            ArchiveError::Busy(p) => write!(
                f,
                "the archive at {} is in use by another marsad process (an ingest?); try again when it ends",
                p.display()
            ),
            ArchiveError::EmptyQuery => write!(f, "empty query: give some words to search for"),
            ArchiveError::OnlyStopWords(q) => write!(
                f,
                "the query {q:?} has only stop words (such as في، من، على), which are in every article; add a content word"
            ),
            ArchiveError::QuerySyntax { query, message } => {
                write!(f, "cannot understand the query {query:?}: {message}")
            }
            ArchiveError::BadFilter(m) => write!(f, "{m}"),
            ArchiveError::UnknownId(id) => write!(f, "no article with id {id:?} in the archive"),
            ArchiveError::Io(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for ArchiveError {}

impl ArchiveError {
    /// Whether this error is the user's (a usage error, exit 2) rather than the archive's.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            ArchiveError::EmptyQuery
                | ArchiveError::OnlyStopWords(_)
                | ArchiveError::QuerySyntax { .. }
                | ArchiveError::BadFilter(_)
                | ArchiveError::UnknownId(_)
        )
    }
}

pub(crate) fn io(context: &str, e: impl fmt::Display) -> ArchiveError {
    ArchiveError::Io(format!("{context}: {e}"))
}
