//! Our own invented articles under `tests/fixtures`, one file per format, read through the
//! directory walk, and walk rules on a scratch directory.

use std::fs;
use std::path::{Path, PathBuf};

use marsad_doc::Article;
use marsad_readers::{InputFormat, read_inputs, read_path};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn articles(path: &Path) -> Vec<Article> {
    let records = read_path(path, InputFormat::Auto);
    let errors: Vec<String> =
        records.iter().filter_map(|r| r.as_ref().err()).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:?}");
    records.into_iter().flatten().collect()
}

fn published(a: &Article) -> String {
    a.published.map(|p| p.to_string()).unwrap_or_default()
}

#[test]
fn walk_reads_every_format_in_sorted_order() {
    let all = articles(&fixtures());
    // A text page's id is its path; show its file name.
    let ids: Vec<String> = all
        .iter()
        .map(|a| match Path::new(&a.id).file_name() {
            Some(name) if a.id.contains('/') => name.to_string_lossy().into_owned(),
            _ => a.id.clone(),
        })
        .collect();
    // README.md is skipped; files come in byte order of their names, directories in place.
    assert_eq!(ids, vec!["EX-1", "EX-2", "festival.txt", "no-dateline.txt", "r1", "r2"]);
}

#[test]
fn text_page_with_every_part() {
    let all = articles(&fixtures().join("pages/festival.txt"));
    let [page] = all.as_slice() else { panic!("{all:?}") };
    assert_eq!(page.headline.as_deref(), Some("مهرجان الخريف يستقبل آلاف الزوار في يومه الأول"));
    assert_eq!(published(page), "2021-10-14T19:20:00");
    assert_eq!(page.paragraphs.len(), 3);
    assert_eq!(page.source.as_deref(), Some("وكالة الأنباء المحلية"));
    assert_eq!(page.publisher_tags, vec!["مهرجانات", "الحديقة المركزية", "حرف يدوية"]);
    assert_eq!(page.related_headlines.len(), 2);
    let file = fs::read_to_string(fixtures().join("pages/festival.txt")).unwrap_or_default();
    assert_eq!(page.text, file);
}

#[test]
fn text_page_without_dateline() {
    let all = articles(&fixtures().join("pages/no-dateline.txt"));
    let [page] = all.as_slice() else { panic!("{all:?}") };
    assert_eq!(page.published, None);
    assert_eq!(page.paragraphs.len(), 2);
}

#[test]
fn jsonl_records() {
    let all = articles(&fixtures().join("records.jsonl"));
    let [r1, r2] = all.as_slice() else { panic!("{all:?}") };
    assert_eq!(published(r1), "2021-07-05T09:30:00");
    assert_eq!(r1.publisher_tags, vec!["الأسعار", "الخضار", "الأسواق"]);
    assert_eq!(r1.paragraph_texts().last(), Some("وعزا التجار ذلك إلى موجة الحر."));
    assert_eq!(r1.origin.record, Some(1));
    assert_eq!(published(r2), "2021-07-05T00:00:00", "an Arabic date in a JSON field");
    assert_eq!(r2.origin.record, Some(2));
}

#[test]
fn trec_documents() {
    let all = articles(&fixtures().join("docs.trec"));
    let [d1, d2] = all.as_slice() else { panic!("{all:?}") };
    assert_eq!(published(d1), "2021-10-02T10:00:00+02:00");
    assert_eq!(d1.paragraphs.len(), 2);
    assert_eq!(d2.url, None);
    assert_eq!(published(d2), "2021-10-03T12:15:00+00:00");
    assert_eq!((d1.origin.record, d2.origin.record), (Some(1), Some(2)));
}

/// A scratch directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir =
            std::env::temp_dir().join(format!("marsad-readers-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        if let Err(e) = fs::create_dir_all(dir.join("sub")) {
            panic!("cannot create {}: {e}", dir.display());
        }
        Scratch(dir)
    }

    fn write(&self, name: &str, content: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        if let Err(e) = fs::write(&path, content) {
            panic!("cannot write {}: {e}", path.display());
        }
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[test]
fn walk_skips_what_is_not_an_article() {
    let dir = Scratch::new("walk");
    dir.write("a.txt", "عنوان أول\nنص أول.".as_bytes());
    dir.write("sub/b.txt", "عنوان ثان\nنص ثان.".as_bytes());
    dir.write(".hidden.txt", "عنوان مخفي\nنص.".as_bytes());
    dir.write("SOURCE.md", "# مصدر البيانات".as_bytes());
    dir.write("LICENSE.txt", b"Permission is hereby granted");
    dir.write("image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let blob = dir.write("blob.txt", b"\0\x01\x02binary");
    let empty = dir.write("empty.txt", b"");

    let records = read_path(&dir.0, InputFormat::Auto);
    let headlines: Vec<String> =
        records.iter().flatten().filter_map(|a| a.headline.clone()).collect();
    assert_eq!(headlines, vec!["عنوان أول", "عنوان ثان"]);
    // Files that may be articles by their name are read, and their problems reported.
    let errors: Vec<String> =
        records.iter().filter_map(|r| r.as_ref().err()).map(|e| e.to_string()).collect();
    assert_eq!(
        errors,
        vec![
            format!("{}: binary file, not an article", blob.display()),
            format!("{}: empty file", empty.display()),
        ]
    );
}

#[test]
fn missing_inputs_are_errors_and_the_rest_is_read() {
    let dir = Scratch::new("inputs");
    let page = dir.write("a.txt", "عنوان\nنص.".as_bytes());
    let missing = dir.0.join("missing.txt");
    let inputs = vec![missing.display().to_string(), page.display().to_string()];
    let records: Vec<_> = read_inputs(&inputs, InputFormat::Auto).collect();
    assert_eq!(records.len(), 2);
    let first =
        records.first().and_then(|r| r.as_ref().err()).map(ToString::to_string).unwrap_or_default();
    assert!(first.starts_with(&format!("{}: cannot read: ", missing.display())), "{first}");
    assert!(records.get(1).is_some_and(Result::is_ok));
}
