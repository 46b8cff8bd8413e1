//! `marsad search`: BM25 over the stemmed and exact fields, filters, highlighted snippets
//! and facet counts.

use std::ops::Bound;

use marsad_text::normalize;
use serde::Serialize;
use serde_json::Value;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value as _};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, TantivyDocument, Term};

use crate::analysis::exact_terms;
use crate::archive::Archive;
use crate::error::{ArchiveError, io};

/// A search: the query text, filters and how many hits to return.
#[derive(Clone, Debug, Default)]
pub struct SearchRequest {
    /// Words, `"phrases"`, `+must`, `-not`, `AND`/`OR`, `field:word` (tantivy's syntax).
    pub query: String,
    /// Published at or after (seconds since the epoch).
    pub from: Option<i64>,
    /// Published at or before (seconds since the epoch).
    pub to: Option<i64>,
    /// The outlet, exactly as stored (`SkyNews`, `الحرة`).
    pub source: Option<String>,
    /// An entity id (`country:ru`) or name (`روسيا`, any spelling).
    pub entity: Option<String>,
    /// A tag (any spelling).
    pub tag: Option<String>,
    pub limit: usize,
}

/// One hit.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    pub id: String,
    pub score: f32,
    pub headline: String,
    pub source: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    /// A fragment of the body (or headline) with matches marked `<b>…</b>`.
    pub snippet: String,
}

/// One facet value and the number of matching articles that have it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Counts over all matching articles (not only the returned hits).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Facets {
    pub source: Vec<FacetCount>,
    pub entity: Vec<FacetCount>,
    pub tag: Vec<FacetCount>,
    pub day: Vec<FacetCount>,
}

/// The answer to a [`SearchRequest`].
#[derive(Clone, Debug, Serialize)]
pub struct SearchResults {
    pub query: String,
    /// Number of matching articles.
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

/// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]` into epoch seconds (UTC); a bare date
/// means its first second, or with `end_of_day` its last.
pub fn parse_date(s: &str, end_of_day: bool) -> Result<i64, ArchiveError> {
    let bad =
        || ArchiveError::BadFilter(format!("cannot read the date {s:?} (expected YYYY-MM-DD)"));
    let s = s.trim();
    let dt = if let Ok(d) = s.parse::<jiff::civil::Date>() {
        if end_of_day { d.at(23, 59, 59, 0) } else { d.at(0, 0, 0, 0) }
    } else {
        s.parse::<jiff::civil::DateTime>().map_err(|_| bad())?
    };
    jiff::tz::Offset::UTC.to_timestamp(dt).map(|t| t.as_second()).map_err(|_| bad())
}

/// Whether a query string has at least one word, and at least one that is not a stop word.
fn check_words(query: &str) -> Result<(), ArchiveError> {
    // Field names and operators are not words of the text.
    let cleaned: String = query
        .split_whitespace()
        .map(|w| w.rsplit_once(':').map_or(w, |(_, rest)| rest))
        .filter(|w| !matches!(*w, "AND" | "OR" | "NOT"))
        .collect::<Vec<_>>()
        .join(" ");
    let words = exact_terms(&cleaned);
    if words.is_empty() {
        return Err(ArchiveError::EmptyQuery);
    }
    if words.iter().all(|w| marsad_text::stopwords::is_stopword_key(w)) {
        return Err(ArchiveError::OnlyStopWords(query.trim().to_owned()));
    }
    Ok(())
}

fn term_query(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic))
}

fn buckets(results: &Value, name: &str) -> Vec<FacetCount> {
    results
        .get(name)
        .and_then(|a| a.get("buckets"))
        .and_then(Value::as_array)
        .map(|b| {
            b.iter()
                .filter_map(|e| {
                    let value = match e.get("key")? {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    Some(FacetCount { value, count: e.get("doc_count")?.as_u64()? })
                })
                .collect()
        })
        .unwrap_or_default()
}

impl Archive {
    /// The user's query, parsed over the four text fields (headline boosted), AND by
    /// default.
    pub(crate) fn parse_query(&self, query: &str) -> Result<Box<dyn Query>, ArchiveError> {
        check_words(query)?;
        let f = self.fields;
        let mut parser = QueryParser::for_index(
            &self.index,
            vec![f.headline, f.body, f.headline_exact, f.body_exact],
        );
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.headline, 2.0);
        parser.set_field_boost(f.headline_exact, 1.0);
        parser.set_field_boost(f.body_exact, 0.5);
        parser.parse_query(query).map_err(|e| ArchiveError::QuerySyntax {
            query: query.to_owned(),
            message: e.to_string(),
        })
    }

    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, ArchiveError> {
        let f = self.fields;
        let user = self.parse_query(&req.query)?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, user.box_clone())];
        let mut filter = |q: Box<dyn Query>| {
            clauses.push((Occur::Must, Box::new(BoostQuery::new(q, 0.0))));
        };
        if req.from.is_some() || req.to.is_some() {
            let lower = req.from.map_or(Bound::Unbounded, |v| {
                Bound::Included(Term::from_field_i64(f.published, v))
            });
            let upper = req.to.map_or(Bound::Unbounded, |v| {
                Bound::Included(Term::from_field_i64(f.published, v))
            });
            filter(Box::new(RangeQuery::new(lower, upper)));
        }
        if let Some(s) = &req.source {
            filter(term_query(f.source, s.trim()));
        }
        if let Some(e) = &req.entity {
            let e = e.trim();
            let key = if e.contains(':') { e.to_owned() } else { normalize(e) };
            filter(term_query(f.entity, &key));
        }
        if let Some(t) = &req.tag {
            filter(term_query(f.tag_key, &normalize(t.trim())));
        }
        let query = BooleanQuery::new(clauses);

        let searcher = self.reader.searcher();
        let aggs: Aggregations = serde_json::from_value(serde_json::json!({
            "source": {"terms": {"field": "source", "size": 20}},
            "entity": {"terms": {"field": "entity_name", "size": 20}},
            "tag": {"terms": {"field": "tag", "size": 20}},
            "day": {"terms": {"field": "day", "size": 62, "order": {"_key": "asc"}}},
        }))
        .map_err(|e| io("facet request", e))?;
        let agg = AggregationCollector::from_aggs(
            aggs,
            AggContextParams::new(
                AggregationLimitsGuard::default(),
                self.index.tokenizers().clone(),
            ),
        );
        let limit = req.limit.max(1);
        let (top, total, agg) = searcher
            .search(&query, &(TopDocs::with_limit(limit).order_by_score(), Count, agg))
            .map_err(|e| io("search", e))?;
        let agg = serde_json::to_value(&agg).map_err(|e| io("facets", e))?;
        let facets = Facets {
            source: buckets(&agg, "source"),
            entity: buckets(&agg, "entity"),
            tag: buckets(&agg, "tag"),
            day: buckets(&agg, "day"),
        };

        let mut body_snippets =
            SnippetGenerator::create(&searcher, &*user, f.body).map_err(|e| io("snippets", e))?;
        body_snippets.set_max_num_chars(200);
        let headline_snippets = SnippetGenerator::create(&searcher, &*user, f.headline)
            .map_err(|e| io("snippets", e))?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top.into_iter().take(req.limit) {
            hits.push(self.hit(&searcher, address, score, &body_snippets, &headline_snippets)?);
        }
        Ok(SearchResults { query: req.query.clone(), total, hits, facets })
    }

    /// What the index itself stores of an article, shaped like its stored record.
    fn record_from_index(&self, doc: &TantivyDocument) -> Value {
        let text = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_owned);
        let published = doc
            .get_first(self.fields.published)
            .and_then(|v| v.as_i64())
            .and_then(crate::stories::iso);
        serde_json::json!({
            "headline": text(self.fields.headline),
            "source": text(self.fields.source),
            "published": published,
        })
    }

    fn hit(
        &self,
        searcher: &tantivy::Searcher,
        address: DocAddress,
        score: f32,
        body_snippets: &SnippetGenerator,
        headline_snippets: &SnippetGenerator,
    ) -> Result<Hit, ArchiveError> {
        let doc: TantivyDocument = searcher.doc(address).map_err(|e| io("stored document", e))?;
        let id =
            doc.get_first(self.fields.id).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        let record = match self.get(&id) {
            Ok(record) => record.unwrap_or(Value::Null),
            // Opened while an ingest holds the store: the index's own stored fields stand in
            // (no body snippet, no URL; the time in UTC).
            Err(ArchiveError::Busy(_)) => self.record_from_index(&doc),
            Err(e) => return Err(e),
        };
        let text = |k: &str| record.get(k).and_then(Value::as_str).map(str::to_owned);
        let headline = text("headline").unwrap_or_default();
        let body = record
            .get("paragraphs")
            .and_then(Value::as_array)
            .map(|ps| {
                ps.iter()
                    .filter_map(|p| p.get("text").and_then(Value::as_str))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default();
        let snippet = body_snippets.snippet(&body);
        let snippet = if snippet.highlighted().is_empty() {
            let h = headline_snippets.snippet(&headline);
            if h.highlighted().is_empty() { snippet } else { h }
        } else {
            snippet
        };
        Ok(Hit {
            id,
            score,
            headline,
            source: text("source"),
            published: text("published"),
            url: text("url"),
            snippet: snippet.to_html(),
        })
    }
}
