//! Files, directories and standard input.
//!
//! A directory is walked recursively in sorted order. The walk skips hidden entries,
//! symbolic links to directories, and files whose name says they are not articles:
//! documentation (`README`, `LICENSE`, `SOURCE.md`, …) and any extension other than `txt`,
//! `text`, `json`, `jsonl`, `ndjson`, `trec`, `sgml`, `html`, `htm`, `warc`, `warc.gz` or
//! none. WARC files are streamed record by record, never read whole. Every other file is read, and
//! one that turns out not to be an article (empty, binary, not UTF-8) is an error, as is
//! any file named directly.

use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use marsad_doc::Article;

use crate::{InputFormat, ReadError, read_bytes};

/// Extensions of files the walk reads (compared lowercase).
const ARTICLE_EXTENSIONS: &[&str] =
    &["txt", "text", "json", "jsonl", "ndjson", "trec", "sgml", "html", "htm", "warc"];

/// Names (up to the first `.`, `-` or `_`, compared uppercase) of files that describe a
/// data set rather than hold its articles.
const NOT_ARTICLES: &[&str] = &[
    "README",
    "LICENSE",
    "LICENCE",
    "COPYING",
    "NOTICE",
    "CHANGELOG",
    "CHANGES",
    "AUTHORS",
    "CONTRIBUTING",
    "CREDITS",
    "SOURCE",
    "SOURCES",
    "CITATION",
];

/// How `-` is named in errors and origins.
const STDIN_LABEL: &str = "<stdin>";

/// Something to read.
enum Source {
    Stdin,
    File(PathBuf),
}

/// Reads the articles of a file, or of every article file under a directory.
pub fn read_path(path: &Path, format: InputFormat) -> Vec<Result<Article, ReadError>> {
    sources(path).into_iter().flat_map(|source| read_source(source, format)).collect()
}

/// Reads each input in turn: a file, a directory (walked as [`read_path`] does) or `-` for
/// standard input. Files are read lazily, one at a time, as the iterator is advanced.
pub fn read_inputs(
    inputs: &[String],
    format: InputFormat,
) -> impl Iterator<Item = Result<Article, ReadError>> + use<> {
    let inputs: Vec<String> = inputs.to_vec();
    inputs.into_iter().flat_map(move |input| {
        let sources =
            if input == "-" { vec![Ok(Source::Stdin)] } else { sources(Path::new(&input)) };
        sources.into_iter().flat_map(move |source| read_source(source, format))
    })
}

/// The files behind a path, in order.
fn sources(path: &Path) -> Vec<Result<Source, ReadError>> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            let mut out = Vec::new();
            walk(path, &mut out);
            out
        }
        Ok(_) => vec![Ok(Source::File(path.to_path_buf()))],
        Err(e) => vec![Err(ReadError::file(&label(path), format!("cannot read: {e}")))],
    }
}

fn walk(dir: &Path, out: &mut Vec<Result<Source, ReadError>>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.push(Err(ReadError::file(&label(dir), format!("cannot read directory: {e}"))));
            return;
        }
    };
    let mut entries: Vec<fs::DirEntry> = entries
        .filter_map(|entry| match entry {
            Ok(entry) => Some(entry),
            Err(e) => {
                out.push(Err(ReadError::file(&label(dir), format!("cannot read directory: {e}"))));
                None
            }
        })
        .collect();
    entries.sort_by_key(fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, out);
        } else if is_article_name(&name)
            && (kind.is_file() || fs::metadata(&path).is_ok_and(|m| m.is_file()))
        {
            out.push(Ok(Source::File(path)));
        }
    }
}

/// Whether a file found by the walk may hold articles, judging by its name.
fn is_article_name(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    let first = name.split(['.', '-', '_']).next().unwrap_or_default().to_ascii_uppercase();
    if NOT_ARTICLES.contains(&first.as_str()) {
        return false;
    }
    if name.to_ascii_lowercase().ends_with(".warc.gz") {
        return true;
    }
    match name.rsplit_once('.') {
        Some((_, ext)) => ARTICLE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()),
        None => true,
    }
}

/// Items of one source: WARC files stream, other files are read whole.
type Items = Box<dyn Iterator<Item = Result<Article, ReadError>>>;

/// Whether a file is a WARC, by the forced format, its name, or its first bytes.
fn is_warc_file(path: &Path, format: InputFormat) -> bool {
    match format {
        InputFormat::Warc => true,
        InputFormat::Auto => {
            let name = path.to_string_lossy().to_ascii_lowercase();
            if name.ends_with(".warc") || name.ends_with(".warc.gz") {
                return true;
            }
            let mut head = [0u8; 512];
            let n = fs::File::open(path).and_then(|mut f| f.read(&mut head)).unwrap_or(0);
            head.get(..n).is_some_and(marsad_web::looks_like_warc)
        }
        _ => false,
    }
}

fn read_source(source: Result<Source, ReadError>, format: InputFormat) -> Items {
    if let Ok(Source::File(path)) = &source
        && is_warc_file(path, format)
    {
        let label = label(path);
        return match fs::File::open(path) {
            Ok(file) => Box::new(crate::read_warc(&label, file)),
            Err(e) => {
                Box::new(std::iter::once(Err(ReadError::file(&label, format!("cannot read: {e}")))))
            }
        };
    }
    Box::new(read_whole(source, format).into_iter())
}

fn read_whole(
    source: Result<Source, ReadError>,
    format: InputFormat,
) -> Vec<Result<Article, ReadError>> {
    match source {
        Err(e) => vec![Err(e)],
        Ok(Source::Stdin) => {
            let mut bytes = Vec::new();
            match std::io::stdin().lock().read_to_end(&mut bytes) {
                Ok(_) => read_bytes(STDIN_LABEL, &bytes, format),
                Err(e) => vec![Err(ReadError::file(STDIN_LABEL, format!("cannot read: {e}")))],
            }
        }
        Ok(Source::File(path)) => {
            let label = label(&path);
            match fs::read(&path) {
                Ok(bytes) => read_bytes(&label, &bytes, format),
                Err(e) => vec![Err(ReadError::file(&label, format!("cannot read: {e}")))],
            }
        }
    }
}

fn label(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_names() {
        for name in
            ["a.txt", "2015-08-10.json", "x.JSONL", "doc-1", "news.trec", "p.html", "c.warc.gz"]
        {
            assert!(is_article_name(OsStr::new(name)), "{name}");
        }
        for name in [
            "SOURCE.md",
            "README",
            "readme.txt",
            "LICENSE.MIT.txt",
            "notes.md",
            "page.css",
            "a.zip",
            "a.gz",
        ] {
            assert!(!is_article_name(OsStr::new(name)), "{name}");
        }
    }
}
