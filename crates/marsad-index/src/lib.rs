//! The Marsad archive: where analysed articles are kept and asked about.
//!
//! - [`Archive`]: a data directory with a tantivy index (Arabic analyzer: the same
//!   normalisation and stemming at index and query time, a stemmed and an exact field) and
//!   a redb store of the full analysis records; crash-safe batch commits.
//! - [`Archive::search`]: BM25, filters, highlighted snippets, facet counts.
//! - [`Archive::related`]: articles about the same thing, each with the reasons.
//! - [`Archive::duplicates`]: exact and near-duplicate articles (MinHash over shingles).
//! - [`Archive::stories`]: articles grouped into stories (online clustering over time).

pub mod analysis;
mod archive;
mod duplicates;
mod error;
mod related;
mod search;
mod stories;

pub use archive::{Archive, ArchiveWriter, BatchSummary, Prepared, article_hash};
pub use duplicates::{DuplicatePair, DuplicatesRequest};
pub use error::ArchiveError;
pub use related::{Related, RelatedRequest};
pub use search::{FacetCount, Facets, Hit, SearchRequest, SearchResults, parse_date};
pub use stories::{LEAD_TERMS, StoriesRequest, Story, StoryArticle, cluster, summarize};
