//! Stories for the JSON API and the pages: the archive's clustering
//! ([`marsad_index::Archive::stories`]) over a date range, paged, and one story as a
//! timeline across outlets.
//!
//! Clustering reads every stored record in the range, so its result is kept per range and
//! dropped whenever this server writes to the archive (the archive's store is locked by
//! this process, so no one else can change it behind our back).

use std::collections::HashMap;
use std::sync::Arc;

use marsad_index::{StoriesRequest, Story, StoryArticle, cluster, parse_date, summarize};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::profile::{nonempty, number};
use crate::{AppState, MAX_PER_PAGE};

/// Story list parameters as they come in the query string.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct StoriesParams {
    pub from: Option<String>,
    pub to: Option<String>,
    /// Smallest story listed (default 2: a story is more than one article).
    pub min_size: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

/// The date range of a story request, parsed: the cache key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Range {
    from: Option<i64>,
    to: Option<i64>,
}

impl Range {
    fn parse(from: &Option<String>, to: &Option<String>) -> Result<Range, ApiError> {
        let date = |s: &Option<String>, end| nonempty(s).map(|s| parse_date(&s, end)).transpose();
        Ok(Range { from: date(from, false)?, to: date(to, true)? })
    }
}

/// A clustered range: the stories (largest first) and what the timeline shows of each
/// article.
pub(crate) struct Clustered {
    range: Range,
    generation: u64,
    stories: Vec<Story>,
    /// Articles in the range (not the context clustered before `from`).
    in_range: usize,
    articles: HashMap<String, TimelineEntry>,
}

/// One article of a story on its timeline.
#[derive(Clone, Debug, Serialize)]
pub struct TimelineEntry {
    pub id: String,
    pub headline: String,
    pub source: Option<String>,
    /// ISO 8601, UTC.
    pub published: Option<String>,
}

/// One page of stories.
#[derive(Clone, Debug, Serialize)]
pub struct StoriesPage {
    pub from: Option<String>,
    pub to: Option<String>,
    pub min_size: usize,
    /// Stories of at least `min_size` articles in the range.
    pub total: usize,
    /// Articles clustered (every article in the range, singletons included).
    pub articles: usize,
    pub page: usize,
    pub per_page: usize,
    pub pages: usize,
    pub stories: Vec<Story>,
}

/// One story with its articles in publication order (undated ones last).
#[derive(Clone, Debug, Serialize)]
pub struct StoryDetail {
    #[serde(flatten)]
    pub story: Story,
    pub timeline: Vec<TimelineEntry>,
}

/// Seconds since the epoch as ISO 8601 UTC.
pub(crate) fn iso(seconds: i64) -> Option<String> {
    jiff::Timestamp::from_second(seconds).ok().map(|t| t.to_string())
}

/// The stories of `range`, clustered now or taken from the cache when the archive has not
/// changed since.
fn clustered(state: &AppState, range: Range) -> Result<Arc<Clustered>, ApiError> {
    let generation = state.generation();
    {
        let cache = state.stories_cache.lock().map_err(|_| ApiError::internal("cache poisoned"))?;
        if let Some(c) = cache.as_ref().filter(|c| c.range == range && c.generation == generation) {
            return Ok(Arc::clone(c));
        }
    }
    let req = StoriesRequest { from: range.from, to: range.to, ..StoriesRequest::default() };
    let articles: Vec<StoryArticle> = state.archive.story_articles(&req)?;
    let groups = cluster(&articles, &req);
    let stories = summarize(&articles, &groups);
    let in_range = articles.iter().filter(|a| !a.context).count();
    let articles = articles
        .into_iter()
        .map(|a| {
            let entry = TimelineEntry {
                id: a.id.clone(),
                headline: a.headline,
                source: a.source,
                published: a.published.and_then(iso),
            };
            (a.id, entry)
        })
        .collect();
    let fresh = Arc::new(Clustered { range, generation, stories, in_range, articles });
    let mut cache = state.stories_cache.lock().map_err(|_| ApiError::internal("cache poisoned"))?;
    *cache = Some(Arc::clone(&fresh));
    Ok(fresh)
}

/// A page of the stories of at least `min_size` articles, largest first.
pub fn stories_page(state: &AppState, p: &StoriesParams) -> Result<StoriesPage, ApiError> {
    let range = Range::parse(&p.from, &p.to)?;
    let min_size = number("min_size", &p.min_size, 2)?;
    let per_page = number("per_page", &p.per_page, 20)?;
    if per_page > MAX_PER_PAGE {
        return Err(ApiError::bad_request(format!("per_page is at most {MAX_PER_PAGE}")));
    }
    let page = number("page", &p.page, 1)?;
    let c = clustered(state, range)?;
    let listed: Vec<&Story> = c.stories.iter().filter(|s| s.size >= min_size).collect();
    let total = listed.len();
    let stories = listed
        .into_iter()
        .skip((page - 1).saturating_mul(per_page))
        .take(per_page)
        .cloned()
        .collect();
    Ok(StoriesPage {
        from: nonempty(&p.from),
        to: nonempty(&p.to),
        min_size,
        total,
        articles: c.in_range,
        page,
        per_page,
        pages: total.div_ceil(per_page).max(1),
        stories,
    })
}

/// The story `id` as clustered over the range of `p` (ids are those the list gave for the
/// same range).
pub fn story_detail(
    state: &AppState,
    id: &str,
    p: &StoriesParams,
) -> Result<StoryDetail, ApiError> {
    let range = Range::parse(&p.from, &p.to)?;
    let c = clustered(state, range)?;
    let story = c
        .stories
        .iter()
        .find(|s| s.id == id)
        .ok_or_else(|| ApiError::not_found(format!("no story with id {id:?} in this range")))?;
    let mut timeline: Vec<TimelineEntry> =
        story.articles.iter().filter_map(|a| c.articles.get(a)).cloned().collect();
    // ISO strings of one zone sort as times; undated articles go last.
    timeline.sort_by(|a, b| match (&a.published, &b.published) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.id.cmp(&b.id),
    });
    Ok(StoryDetail { story: story.clone(), timeline })
}
