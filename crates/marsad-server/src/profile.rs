//! Answers shared by the JSON API and the pages: paged search and entity profiles.

use std::collections::{BTreeMap, HashMap};

use marsad_index::{Archive, SearchRequest, SearchResults, parse_date};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::ApiError;
use crate::{MAX_PER_PAGE, MAX_RESULTS};

/// Articles read to build an entity profile (the most relevant first).
pub const PROFILE_ARTICLES: usize = 500;
/// Quotes and co-occurring entities listed in a profile.
const PROFILE_LIST: usize = 50;

/// Search parameters as they come in the query string.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub source: Option<String>,
    pub entity: Option<String>,
    pub tag: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

pub(crate) fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// One page of results.
#[derive(Clone, Debug, Serialize)]
pub struct SearchPage {
    pub page: usize,
    pub per_page: usize,
    /// Pages reachable (bounded by the server's result depth).
    pub pages: usize,
    #[serde(flatten)]
    pub results: SearchResults,
}

pub(crate) fn number(name: &str, v: &Option<String>, default: usize) -> Result<usize, ApiError> {
    match nonempty(v) {
        None => Ok(default),
        Some(s) => s.parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| {
            ApiError::bad_request(format!("{name} must be a positive integer, not {s:?}"))
        }),
    }
}

/// Runs a paged search: `page` (1-based) of `per_page` hits (at most [`MAX_PER_PAGE`], and
/// no deeper than [`MAX_RESULTS`]).
pub fn search(archive: &Archive, p: &SearchParams) -> Result<SearchPage, ApiError> {
    let per_page = number("per_page", &p.per_page, 10)?;
    if per_page > MAX_PER_PAGE {
        return Err(ApiError::bad_request(format!("per_page is at most {MAX_PER_PAGE}")));
    }
    let page = number("page", &p.page, 1)?;
    let depth = page.saturating_mul(per_page);
    if depth > MAX_RESULTS {
        return Err(ApiError::bad_request(format!(
            "results deeper than {MAX_RESULTS} are not served: narrow the query"
        )));
    }
    let date = |s: &Option<String>, end| nonempty(s).map(|s| parse_date(&s, end)).transpose();
    let req = SearchRequest {
        query: p.q.clone(),
        from: date(&p.from, false)?,
        to: date(&p.to, true)?,
        source: nonempty(&p.source),
        entity: nonempty(&p.entity),
        tag: nonempty(&p.tag),
        limit: depth,
    };
    let mut results = archive.search(&req)?;
    let skip = (page - 1) * per_page;
    results.hits = results.hits.into_iter().skip(skip).collect();
    let pages = results.total.min(MAX_RESULTS).div_ceil(per_page).max(1);
    Ok(SearchPage { page, per_page, pages, results })
}

/// Mentions of an entity on one day.
#[derive(Clone, Debug, Serialize)]
pub struct DayCount {
    pub day: String,
    pub articles: usize,
    pub mentions: usize,
}

/// Another entity named in the same articles.
#[derive(Clone, Debug, Serialize)]
pub struct CoEntity {
    pub id: String,
    pub canonical: String,
    pub label: String,
    /// Articles naming both.
    pub articles: usize,
}

/// A quote by the entity.
#[derive(Clone, Debug, Serialize)]
pub struct ProfileQuote {
    pub article: String,
    pub headline: String,
    pub published: Option<String>,
    pub text: String,
    pub kind: Option<String>,
    pub verb: Option<String>,
}

/// An article naming the entity.
#[derive(Clone, Debug, Serialize)]
pub struct ProfileArticle {
    pub id: String,
    pub headline: String,
    pub source: Option<String>,
    pub published: Option<String>,
    pub mentions: usize,
}

/// What the archive knows about one entity.
#[derive(Clone, Debug, Serialize)]
pub struct EntityProfile {
    pub id: String,
    pub canonical: String,
    pub label: String,
    pub english: Option<String>,
    pub country: Option<String>,
    /// Articles naming it in the archive.
    pub total_articles: usize,
    /// Articles read for the lists below (the first [`PROFILE_ARTICLES`] by relevance).
    pub articles_read: usize,
    pub mentions_per_day: Vec<DayCount>,
    pub quotes: Vec<ProfileQuote>,
    pub co_occurring: Vec<CoEntity>,
    pub articles: Vec<ProfileArticle>,
}

fn str_of(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(str::to_owned)
}

/// The profile of the entity `id` (`country:ru`, `person:…`, `label:…`), computed from a
/// search filtered on it and bounded to [`PROFILE_ARTICLES`] articles.
pub fn entity_profile(archive: &Archive, id: &str) -> Result<EntityProfile, ApiError> {
    let id = id.trim();
    if id.is_empty()
        || id.len() > 300
        || id.contains(['"', '\\'])
        || id.chars().any(char::is_control)
    {
        return Err(ApiError::bad_request("not a valid entity id"));
    }
    // A field query on the entity id itself: the archive's search needs query words.
    let req = SearchRequest {
        query: format!("entity:\"{id}\""),
        entity: Some(id.to_owned()),
        limit: PROFILE_ARTICLES,
        ..SearchRequest::default()
    };
    let results = match archive.search(&req) {
        Ok(r) => r,
        // An id whose words the query parser cannot take (only stop words, symbols) is
        // simply not in the index.
        Err(e) if e.is_usage() => {
            return Err(ApiError::not_found(format!("no article names the entity {id:?}")));
        }
        Err(e) => return Err(e.into()),
    };
    if results.total == 0 {
        return Err(ApiError::not_found(format!("no article names the entity {id:?}")));
    }
    let mut profile = EntityProfile {
        id: id.to_owned(),
        canonical: id.to_owned(),
        label: String::new(),
        english: None,
        country: None,
        total_articles: results.total,
        articles_read: 0,
        mentions_per_day: Vec::new(),
        quotes: Vec::new(),
        co_occurring: Vec::new(),
        articles: Vec::new(),
    };
    let mut days: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut co: HashMap<String, CoEntity> = HashMap::new();
    let mut described = false;
    for hit in &results.hits {
        let Some(record) = archive.get(&hit.id)? else { continue };
        profile.articles_read += 1;
        let entities = record.get("entities").and_then(Value::as_array);
        let mut mentions = 0;
        for e in entities.into_iter().flatten() {
            let Some(eid) = e.get("id").and_then(Value::as_str) else { continue };
            let canonical = str_of(e, "canonical").unwrap_or_else(|| eid.to_owned());
            let label = str_of(e, "label").unwrap_or_default();
            if eid == id {
                mentions += e.get("mentions").and_then(Value::as_array).map_or(0, Vec::len);
                if !described {
                    described = true;
                    profile.canonical = canonical;
                    profile.label = label;
                    profile.english = str_of(e, "english");
                    profile.country = str_of(e, "country");
                }
            } else {
                co.entry(eid.to_owned())
                    .or_insert(CoEntity { id: eid.to_owned(), canonical, label, articles: 0 })
                    .articles += 1;
            }
        }
        let published = str_of(&record, "published");
        if let Some(day) = published.as_deref().and_then(|p| p.get(..10)) {
            let slot = days.entry(day.to_owned()).or_default();
            slot.0 += 1;
            slot.1 += mentions;
        }
        let headline = str_of(&record, "headline").unwrap_or_default();
        for q in record.get("quotes").and_then(Value::as_array).into_iter().flatten() {
            if profile.quotes.len() < PROFILE_LIST
                && q.get("speaker").and_then(Value::as_str) == Some(id)
            {
                profile.quotes.push(ProfileQuote {
                    article: hit.id.clone(),
                    headline: headline.clone(),
                    published: published.clone(),
                    text: str_of(q, "text").unwrap_or_default(),
                    kind: str_of(q, "kind"),
                    verb: str_of(q, "verb"),
                });
            }
        }
        profile.articles.push(ProfileArticle {
            id: hit.id.clone(),
            headline,
            source: str_of(&record, "source"),
            published,
            mentions,
        });
    }
    profile.mentions_per_day = days
        .into_iter()
        .map(|(day, (articles, mentions))| DayCount { day, articles, mentions })
        .collect();
    let mut co: Vec<CoEntity> = co.into_values().collect();
    co.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.id.cmp(&b.id)));
    co.truncate(PROFILE_LIST);
    profile.co_occurring = co;
    profile.articles.truncate(PROFILE_LIST);
    Ok(profile)
}
