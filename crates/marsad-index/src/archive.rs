//! The data directory: a tantivy index for search and a redb store for the full analysis
//! records, kept consistent across crashes.
//!
//! ```text
//! DIR/marsad-archive.json   marker: {"format": "marsad-archive", "version": 1}
//! DIR/index/                tantivy index (Arabic analyzer, see crate::analysis)
//! DIR/store.redb            id → record JSON, id → content hash
//! ```
//!
//! Each batch is committed to the index first and to the store second. A crash between the
//! two leaves articles in the index that the store does not know; the next ingest sees them
//! as new and replaces them (delete by id, then add), so nothing is ever indexed twice and
//! every article whose store commit finished is searchable.

use std::fs;
use std::path::{Path, PathBuf};

use marsad_pipeline::Record;
use marsad_text::normalize;
use redb::{Database, ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition};
use serde_json::Value;
use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

use crate::analysis::{EXACT, MarsadTokenizer, STEMMED};
use crate::error::{ArchiveError, io};

const MARKER: &str = "marsad-archive.json";
const FORMAT: &str = "marsad-archive";
const VERSION: u64 = 1;

const ARTICLES: TableDefinition<&str, &str> = TableDefinition::new("articles");
const HASHES: TableDefinition<&str, u64> = TableDefinition::new("hashes");

/// redb's page cache (its default, 1 GiB, let a 100,000-article ingest reach 1.6 GB RSS).
const STORE_CACHE: usize = 128 * 1024 * 1024;

/// Memory the index writer may use before flushing a segment (all threads together).
const WRITER_MEMORY: usize = 120_000_000;

/// The fields of the index.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    pub id: Field,
    pub headline: Field,
    pub body: Field,
    pub headline_exact: Field,
    pub body_exact: Field,
    pub source: Field,
    pub published: Field,
    pub day: Field,
    /// Entity ids and normalized canonical names (filters and related articles).
    pub entity: Field,
    /// Canonical entity names as written (facets).
    pub entity_name: Field,
    /// Tags as written (facets).
    pub tag: Field,
    /// Normalized tags (filters and related articles).
    pub tag_key: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        headline: b.add_text_field("headline", text(STEMMED).set_stored()),
        body: b.add_text_field("body", text(STEMMED)),
        headline_exact: b.add_text_field("headline_exact", text(EXACT)),
        body_exact: b.add_text_field("body_exact", text(EXACT)),
        source: b.add_text_field("source", STRING | STORED | tantivy::schema::FAST),
        published: b.add_i64_field("published", INDEXED | STORED | tantivy::schema::FAST),
        day: b.add_text_field("day", STRING | tantivy::schema::FAST),
        entity: b.add_text_field("entity", STRING | STORED),
        entity_name: b.add_text_field("entity_name", STRING | tantivy::schema::FAST),
        tag: b.add_text_field("tag", STRING | STORED | tantivy::schema::FAST),
        tag_key: b.add_text_field("tag_key", STRING),
    };
    (b.build(), fields)
}

/// One analysed article ready to be stored: the record JSON and what the index needs.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub id: String,
    /// Hash of the article's own content (see `CONTENT_FIELDS`): not where it was read
    /// from, not the analysis.
    pub hash: u64,
    pub json: String,
    pub headline: String,
    /// Body paragraphs joined with newlines.
    pub body: String,
    pub source: Option<String>,
    /// Seconds since the epoch (a dateline without a zone is read as UTC).
    pub published: Option<i64>,
    /// `YYYY-MM-DD` as the article states it.
    pub day: Option<String>,
    /// `(id, canonical name)` of each entity.
    pub entities: Vec<(String, String)>,
    /// Publisher tags and predicted tags, as written.
    pub tags: Vec<String>,
}

/// FNV-1a, 64 bits: stable across builds and platforms, unlike `DefaultHasher`.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The name of a predicted tag: a string, or an object's `tag`/`name`/`label`/`text`.
pub(crate) fn tag_name(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s.as_str()),
        Value::Object(o) => {
            ["tag", "name", "label", "text"].iter().find_map(|k| o.get(*k).and_then(Value::as_str))
        }
        _ => None,
    }
}

/// The fields of a record that come from the article itself (not from analysis, not from
/// where it was read): what "the same article" means for idempotent ingest.
const CONTENT_FIELDS: [&str; 14] = [
    "schema",
    "id",
    "url",
    "source",
    "headline",
    "published",
    "paragraphs",
    "publisher_tags",
    "related_headlines",
    "author",
    "section",
    "modified",
    "canonical_url",
    "language",
];

/// Hash of the article's own content. Analysis output is left out on purpose: it is a
/// function of the content (and a re-analysis with a newer Marsad is a separate matter),
/// and some stages order equal-scored items differently from run to run.
fn content_hash(record: &Value) -> u64 {
    let content: serde_json::Map<String, Value> = CONTENT_FIELDS
        .iter()
        .map(|k| ((*k).to_owned(), record.get(*k).cloned().unwrap_or(Value::Null)))
        .collect();
    fnv1a(Value::Object(content).to_string().as_bytes())
}

/// The content hash [`Prepared::hash`] will have for this article, computed before any
/// analysis, so an ingest can skip articles the archive already holds unchanged.
pub fn article_hash(article: &marsad_doc::Article) -> u64 {
    let record = Record::from_doc(&marsad_doc::Doc::new(article.clone()));
    serde_json::to_value(&record).map(|v| content_hash(&v)).unwrap_or(0)
}

impl Prepared {
    /// Everything the archive keeps of one record.
    pub fn from_record(record: &Record) -> Result<Prepared, String> {
        if record.id.trim().is_empty() {
            return Err("record has an empty id".into());
        }
        let value = serde_json::to_value(record).map_err(|e| format!("cannot encode: {e}"))?;
        let json = value.to_string();
        let hash = content_hash(&value);
        let body = record.paragraphs.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n");
        let published = record.published.and_then(|p| {
            let offset = p.offset.unwrap_or(jiff::tz::Offset::UTC);
            offset.to_timestamp(p.datetime).ok().map(|t| t.as_second())
        });
        let day = record.published.map(|p| {
            let d = p.datetime.date();
            format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
        });
        let mut tags: Vec<String> = record.publisher_tags.clone();
        let predicted = value.get("tags").and_then(Value::as_array).cloned().unwrap_or_default();
        for t in predicted.iter().filter_map(tag_name) {
            if !tags.iter().any(|x| normalize(x) == normalize(t)) {
                tags.push(t.to_owned());
            }
        }
        Ok(Prepared {
            id: record.id.clone(),
            hash,
            json,
            headline: record.headline.clone().unwrap_or_default(),
            body,
            source: record.source.clone(),
            published,
            day,
            entities: value
                .get("entities")
                .and_then(Value::as_array)
                .map(|es| {
                    es.iter()
                        .filter_map(|e| {
                            let id = e.get("id")?.as_str()?;
                            let name = e.get("canonical").and_then(Value::as_str).unwrap_or(id);
                            Some((id.to_owned(), name.to_owned()))
                        })
                        .collect()
                })
                .unwrap_or_default(),
            tags,
        })
    }

    fn document(&self, f: &Fields) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &self.id);
        doc.add_text(f.headline, &self.headline);
        doc.add_text(f.body, &self.body);
        doc.add_text(f.headline_exact, &self.headline);
        doc.add_text(f.body_exact, &self.body);
        if let Some(s) = &self.source {
            doc.add_text(f.source, s);
        }
        if let Some(p) = self.published {
            doc.add_i64(f.published, p);
        }
        if let Some(d) = &self.day {
            doc.add_text(f.day, d);
        }
        for (id, name) in &self.entities {
            doc.add_text(f.entity, id);
            let key = normalize(name);
            if key != *id {
                doc.add_text(f.entity, &key);
            }
            doc.add_text(f.entity_name, name);
        }
        for t in &self.tags {
            doc.add_text(f.tag, t);
            doc.add_text(f.tag_key, normalize(t));
        }
        doc
    }
}

/// What one batch (or a whole ingest) did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchSummary {
    /// New ids.
    pub added: usize,
    /// Known ids whose content changed.
    pub updated: usize,
    /// Known ids with the same content.
    pub skipped: usize,
}

impl BatchSummary {
    pub fn add(&mut self, other: BatchSummary) {
        self.added += other.added;
        self.updated += other.updated;
        self.skipped += other.skipped;
    }
}

/// An open data directory.
pub struct Archive {
    dir: PathBuf,
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    /// The store; `None` in an archive opened for search while another process (an
    /// ingest) holds the store, since search needs the index alone.
    db: Option<Database>,
}

fn register_tokenizers(index: &Index) {
    index.tokenizers().register(STEMMED, TextAnalyzer::from(MarsadTokenizer::stemmed()));
    index.tokenizers().register(EXACT, TextAnalyzer::from(MarsadTokenizer::exact()));
}

fn check_marker(dir: &Path) -> Result<(), ArchiveError> {
    let path = dir.join(MARKER);
    let text = fs::read_to_string(&path).map_err(|e| ArchiveError::Corrupt {
        path: dir.to_path_buf(),
        message: format!("cannot read {MARKER}: {e}"),
    })?;
    let v: Value = serde_json::from_str(&text).map_err(|e| ArchiveError::Corrupt {
        path: dir.to_path_buf(),
        message: format!("{MARKER} is not valid JSON: {e}"),
    })?;
    if v.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(ArchiveError::Foreign(dir.to_path_buf()));
    }
    match v.get("version").and_then(Value::as_u64) {
        Some(VERSION) => Ok(()),
        other => Err(ArchiveError::Corrupt {
            path: dir.to_path_buf(),
            message: format!(
                "archive format version {} is not the version this marsad reads ({VERSION})",
                other.map_or("unknown".to_string(), |v| v.to_string())
            ),
        }),
    }
}

impl Archive {
    /// Opens an existing archive for reading and writing.
    pub fn open(dir: &Path) -> Result<Archive, ArchiveError> {
        if !dir.join(MARKER).exists() {
            let has_files = fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(false);
            return Err(if has_files {
                ArchiveError::Foreign(dir.to_path_buf())
            } else {
                ArchiveError::Missing(dir.to_path_buf())
            });
        }
        check_marker(dir)?;
        Archive::open_parts(dir, false, false)
    }

    /// Opens an existing archive for searching: like [`Archive::open`], but when another
    /// process holds the store (an ingest in progress), the archive opens without it.
    /// Search then sees what the ingest has committed so far; reading stored records gives
    /// [`ArchiveError::Busy`].
    pub fn open_for_search(dir: &Path) -> Result<Archive, ArchiveError> {
        match Archive::open(dir) {
            Err(ArchiveError::Busy(_)) => Archive::open_parts(dir, false, true),
            other => other,
        }
    }

    /// Opens the archive at `dir`, creating it when `dir` does not exist or is empty. A
    /// directory with other files is refused ([`ArchiveError::Foreign`]) and left as it is.
    pub fn open_or_create(dir: &Path) -> Result<Archive, ArchiveError> {
        if dir.join(MARKER).exists() {
            check_marker(dir)?;
            return Archive::open_parts(dir, true, false);
        }
        match fs::read_dir(dir) {
            Ok(mut entries) => {
                if entries.next().is_some() {
                    return Err(ArchiveError::Foreign(dir.to_path_buf()));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                fs::create_dir_all(dir)
                    .map_err(|e| io(&format!("cannot create {}", dir.display()), e))?;
            }
            Err(e) => return Err(io(&format!("cannot read {}", dir.display()), e)),
        }
        // The marker first: from here on the directory is ours and may be completed.
        let marker = serde_json::json!({"format": FORMAT, "version": VERSION}).to_string();
        let tmp = dir.join(format!("{MARKER}.tmp"));
        fs::write(&tmp, marker)
            .and_then(|()| fs::rename(&tmp, dir.join(MARKER)))
            .map_err(|e| io(&format!("cannot write {}", dir.join(MARKER).display()), e))?;
        Archive::open_parts(dir, true, false)
    }

    /// Opens the index and the store (creating them when `create`); with `without_store`,
    /// the index only.
    fn open_parts(dir: &Path, create: bool, without_store: bool) -> Result<Archive, ArchiveError> {
        let corrupt = |message: String| ArchiveError::Corrupt { path: dir.to_path_buf(), message };
        let (schema, fields) = schema();
        let index_dir = dir.join("index");
        let has_index = index_dir.join("meta.json").exists();
        let index = if has_index {
            let index =
                Index::open_in_dir(&index_dir).map_err(|e| corrupt(format!("index: {e}")))?;
            if index.schema() != schema {
                return Err(corrupt("the index was built with another schema".into()));
            }
            index
        } else if create {
            fs::create_dir_all(&index_dir)
                .map_err(|e| io(&format!("cannot create {}", index_dir.display()), e))?;
            Index::create_in_dir(&index_dir, schema).map_err(|e| corrupt(format!("index: {e}")))?
        } else {
            return Err(corrupt("the index is missing (index/meta.json)".into()));
        };
        register_tokenizers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e: TantivyError| corrupt(format!("index: {e}")))?;

        let store_path = dir.join("store.redb");
        if !create && !store_path.exists() {
            return Err(corrupt("the store is missing (store.redb)".into()));
        }
        if without_store {
            return Ok(Archive { dir: dir.to_path_buf(), index, reader, fields, db: None });
        }
        let db = Database::builder().set_cache_size(STORE_CACHE).create(&store_path).map_err(
            |e| match e {
                redb::DatabaseError::DatabaseAlreadyOpen => ArchiveError::Busy(dir.to_path_buf()),
                e => corrupt(format!("store: {e}")),
            },
        )?;
        // Make sure the tables exist, so that readers never meet a missing table.
        let txn = db.begin_write().map_err(|e| corrupt(format!("store: {e}")))?;
        txn.open_table(ARTICLES).map_err(|e| corrupt(format!("store: {e}")))?;
        txn.open_table(HASHES).map_err(|e| corrupt(format!("store: {e}")))?;
        txn.commit().map_err(|e| corrupt(format!("store: {e}")))?;
        Ok(Archive { dir: dir.to_path_buf(), index, reader, fields, db: Some(db) })
    }

    /// Whether the archive was opened without its store (see [`Archive::open_for_search`]).
    pub fn without_store(&self) -> bool {
        self.db.is_none()
    }

    /// The store, or [`ArchiveError::Busy`] when the archive was opened without it.
    fn store(&self) -> Result<&Database, ArchiveError> {
        self.db.as_ref().ok_or_else(|| ArchiveError::Busy(self.dir.clone()))
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A writer for ingesting. Only one process may write at a time.
    pub fn writer(&self) -> Result<ArchiveWriter<'_>, ArchiveError> {
        let writer = self.index.writer(WRITER_MEMORY).map_err(|e| match e {
            TantivyError::LockFailure(..) => ArchiveError::Busy(self.dir.clone()),
            e => io("cannot open the index for writing", e),
        })?;
        Ok(ArchiveWriter { archive: self, writer, replace_unchanged: false })
    }

    /// Number of articles in the store.
    pub fn len(&self) -> Result<u64, ArchiveError> {
        let txn = self.store()?.begin_read().map_err(|e| io("store", e))?;
        let table = txn.open_table(ARTICLES).map_err(|e| io("store", e))?;
        table.len().map_err(|e| io("store", e))
    }

    /// Whether the store holds no article.
    pub fn is_empty(&self) -> Result<bool, ArchiveError> {
        Ok(self.len()? == 0)
    }

    /// Number of live documents in the index (equal to [`Archive::len`] after a clean
    /// ingest).
    pub fn index_len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The stored record JSON of an article.
    pub fn get_json(&self, id: &str) -> Result<Option<String>, ArchiveError> {
        let txn = self.store()?.begin_read().map_err(|e| io("store", e))?;
        let table = txn.open_table(ARTICLES).map_err(|e| io("store", e))?;
        let got = table.get(id).map_err(|e| io("store", e))?;
        Ok(got.map(|v| v.value().to_owned()))
    }

    /// The stored record of an article, parsed.
    pub fn get(&self, id: &str) -> Result<Option<Value>, ArchiveError> {
        match self.get_json(id)? {
            Some(json) => serde_json::from_str(&json)
                .map(Some)
                .map_err(|e| io(&format!("store: record {id:?} is not valid JSON"), e)),
            None => Ok(None),
        }
    }

    /// Calls `each(id, json)` for every stored article, in id order.
    pub fn for_each(&self, mut each: impl FnMut(&str, &str)) -> Result<(), ArchiveError> {
        let txn = self.store()?.begin_read().map_err(|e| io("store", e))?;
        let table = txn.open_table(ARTICLES).map_err(|e| io("store", e))?;
        for item in table.iter().map_err(|e| io("store", e))? {
            let (k, v) = item.map_err(|e| io("store", e))?;
            each(k.value(), v.value());
        }
        Ok(())
    }

    /// Every stored id, in order.
    pub fn ids(&self) -> Result<Vec<String>, ArchiveError> {
        let mut out = Vec::new();
        self.for_each(|id, _| out.push(id.to_owned()))?;
        Ok(out)
    }

    /// Whether the store holds `id` with this content hash (see [`article_hash`]).
    pub fn holds(&self, id: &str, hash: u64) -> Result<bool, ArchiveError> {
        Ok(self.stored_hashes(&[id])?.first().copied().flatten() == Some(hash))
    }

    fn stored_hashes(&self, ids: &[&str]) -> Result<Vec<Option<u64>>, ArchiveError> {
        let txn = self.store()?.begin_read().map_err(|e| io("store", e))?;
        let table = txn.open_table(HASHES).map_err(|e| io("store", e))?;
        ids.iter()
            .map(|id| Ok(table.get(*id).map_err(|e| io("store", e))?.map(|v| v.value())))
            .collect()
    }
}

/// Writes batches of articles into an [`Archive`]; see the module docs for the commit order.
pub struct ArchiveWriter<'a> {
    archive: &'a Archive,
    writer: IndexWriter,
    replace_unchanged: bool,
}

impl ArchiveWriter<'_> {
    /// Also replace stored articles whose content is unchanged (counted as updated): for
    /// re-analysing an archive after the analysis stages improved.
    pub fn replace_unchanged(&mut self, yes: bool) {
        self.replace_unchanged = yes;
    }

    /// Stores and indexes a batch and commits it: when this returns `Ok`, every article of
    /// the batch survives a crash. Ids already stored with the same content are skipped
    /// (unless [`ArchiveWriter::replace_unchanged`]); with other content, replaced. Within the batch, a later article with the same id
    /// wins.
    pub fn write_batch(&mut self, batch: Vec<Prepared>) -> Result<BatchSummary, ArchiveError> {
        let mut summary = BatchSummary::default();
        // Last one of each id wins within the batch.
        let mut seen = std::collections::HashMap::new();
        for (i, p) in batch.iter().enumerate() {
            if let Some(prev) = seen.insert(p.id.as_str(), i) {
                let _ = prev;
                summary.skipped += 1;
            }
        }
        let mut keep: Vec<usize> = seen.into_values().collect();
        keep.sort_unstable();
        let ids: Vec<&str> =
            keep.iter().filter_map(|&i| batch.get(i)).map(|p| p.id.as_str()).collect();
        let known = self.archive.stored_hashes(&ids)?;
        let f = self.archive.fields;
        let mut to_store = Vec::new();
        for (&i, old) in keep.iter().zip(known) {
            let Some(p) = batch.get(i) else { continue };
            match old {
                Some(h) if h == p.hash && !self.replace_unchanged => {
                    summary.skipped += 1;
                    continue;
                }
                Some(_) => summary.updated += 1,
                None => summary.added += 1,
            }
            // Always delete first: the index may hold this id from a batch whose store
            // commit did not finish.
            self.writer.delete_term(Term::from_field_text(f.id, &p.id));
            self.writer.add_document(p.document(&f)).map_err(|e| io("cannot index", e))?;
            to_store.push(p);
        }
        if to_store.is_empty() {
            return Ok(summary);
        }
        self.writer.commit().map_err(|e| io("cannot commit the index", e))?;
        let txn = self.archive.store()?.begin_write().map_err(|e| io("store", e))?;
        {
            let mut articles = txn.open_table(ARTICLES).map_err(|e| io("store", e))?;
            let mut hashes = txn.open_table(HASHES).map_err(|e| io("store", e))?;
            for p in &to_store {
                articles.insert(p.id.as_str(), p.json.as_str()).map_err(|e| io("store", e))?;
                hashes.insert(p.id.as_str(), p.hash).map_err(|e| io("store", e))?;
            }
        }
        txn.commit().map_err(|e| io("cannot commit the store", e))?;
        Ok(summary)
    }

    /// Waits for background merges and makes everything written visible to searches.
    pub fn finish(self) -> Result<(), ArchiveError> {
        self.writer.wait_merging_threads().map_err(|e| io("index merge", e))?;
        self.archive.reader.reload().map_err(|e| io("index reload", e))
    }
}

/// The `(id, canonical name, salience)` of every entity of a stored record; entries
/// without an id are skipped.
pub(crate) fn record_entities(record: &serde_json::Value) -> Vec<(String, String, f64)> {
    let Some(entities) = record.get("entities").and_then(serde_json::Value::as_array) else {
        return Vec::new();
    };
    entities
        .iter()
        .filter_map(|e| {
            let id = e.get("id")?.as_str()?.to_owned();
            let name =
                e.get("canonical").and_then(serde_json::Value::as_str).unwrap_or(&id).to_owned();
            let salience = e.get("salience").and_then(serde_json::Value::as_f64).unwrap_or(0.0);
            Some((id, name, salience))
        })
        .collect()
}
