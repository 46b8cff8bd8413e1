//! `marsad ingest / search / related / duplicates` end to end through the binary: crash
//! safety under SIGKILL, bad input, and the acceptance checks on ../shared data.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use marsad_index::Archive;

fn marsad() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_marsad"));
    c.env_remove("MARSAD_DATA");
    c
}

fn run(args: &[&str]) -> Output {
    marsad().args(args).output().unwrap_or_else(|e| panic!("cannot run marsad: {e}"))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `n` invented articles as JSON Lines, each with a word of its own (`رمزN`).
fn write_corpus(path: &Path, n: usize) {
    let mut f = std::fs::File::create(path).unwrap_or_else(|e| panic!("{e}"));
    for i in 0..n {
        let line = serde_json::json!({
            "id": format!("k-{i}"),
            "title": format!("تقرير رقم {i} عن الطقس في المدينة"),
            "content": format!(
                "قالت هيئة الأرصاد إن درجات الحرارة سترتفع غدا في المدينة والقرى المجاورة رمز{i}.\n\
                 وتوقعت الهيئة هطول أمطار خفيفة في نهاية الأسبوع على المناطق الجبلية."
            ),
            "date": "2021-06-01T08:00:00Z",
            "source": "نشرة الطقس",
        });
        writeln!(f, "{line}").unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn sigkill_mid_ingest_keeps_committed_articles_and_rerun_completes() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let input = tmp.path().join("corpus.jsonl");
    let total = 600;
    write_corpus(&input, total);
    let data = tmp.path().join("data");
    let (input_s, data_s) =
        (input.to_string_lossy().into_owned(), data.to_string_lossy().into_owned());

    let mut child = marsad()
        .args(["ingest", "--verbose", "--batch", "20", "--data", &data_s, &input_s])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start marsad: {e}"));
    let mut committed = 0usize;
    let mut commits = 0usize;
    if let Some(err) = child.stderr.take() {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("marsad: committed ") {
                committed += rest
                    .split_whitespace()
                    .next()
                    .and_then(|n| n.parse::<usize>().ok())
                    .unwrap_or(0);
                commits += 1;
                if commits == 3 {
                    break;
                }
            }
        }
    }
    // `Child::kill` is SIGKILL on Unix: no destructor, no flush, no cleanup.
    child.kill().unwrap_or_else(|e| panic!("cannot kill: {e}"));
    let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
    assert!(!status.success(), "the ingest finished before it was killed; make the corpus larger");
    assert_eq!(commits, 3, "the ingest never reported three commits");

    {
        let archive = Archive::open(&data)
            .unwrap_or_else(|e| panic!("the killed archive does not open: {e}"));
        let stored = archive.len().unwrap_or_else(|e| panic!("{e}")) as usize;
        assert!(stored >= committed, "{stored} stored < {committed} committed");
        assert!(stored < total, "everything was stored before the kill");
        assert!(archive.index_len() as usize >= stored);
    }

    let rerun = run(&["ingest", "--data", &data_s, &input_s]);
    assert!(rerun.status.success(), "{}", stderr(&rerun));
    assert!(stderr(&rerun).contains("0 failed"), "{}", stderr(&rerun));
    let archive = Archive::open(&data).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(archive.len().ok(), Some(total as u64));
    assert_eq!(archive.index_len(), total as u64, "duplicates in the index");
    let ids = archive.ids().unwrap_or_default();
    assert_eq!(ids.len(), total);
    drop(archive);
    // Every article is found once by its own word.
    for i in [0, total / 2, total - 1] {
        let o = run(&["search", "--data", &data_s, "--format", "json", &format!("رمز{i}")]);
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
        assert_eq!(v["total"], 1, "{v}");
        assert_eq!(v["hits"][0]["id"], format!("k-{i}"));
    }
    // A third run adds nothing.
    let again = run(&["ingest", "--data", &data_s, &input_s]);
    assert!(
        stderr(&again).contains(&format!("0 added, 0 updated, {total} skipped")),
        "{}",
        stderr(&again)
    );
}

#[test]
fn bad_records_do_not_stop_ingest_and_bad_queries_exit_2() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let input = tmp.path().join("mixed.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"g1\", \"title\": \"خبر أول\", \"content\": \"وصل القطار إلى المحطة في موعده.\"}\n\
         {\"id\": \"bad\", \"title\": \"بلا نص\"}\n\
         not json at all\n\
         {\"id\": \"g2\", \"title\": \"خبر ثان\", \"content\": \"غادرت السفينة الميناء مساء أمس.\"}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let data = tmp.path().join("data");
    let d = data.to_string_lossy().into_owned();
    let o = run(&["ingest", "--data", &d, &input.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 added, 0 updated, 0 skipped, 2 failed"), "{}", stderr(&o));
    // Unchanged articles are skipped, or analysed and stored again on request.
    let o = run(&["ingest", "--data", &d, &input.to_string_lossy()]);
    assert!(stderr(&o).contains("0 added, 0 updated, 2 skipped, 2 failed"), "{}", stderr(&o));
    let o = run(&["ingest", "--reanalyze", "--data", &d, &input.to_string_lossy()]);
    assert!(stderr(&o).contains("0 added, 2 updated, 0 skipped, 2 failed"), "{}", stderr(&o));

    for (query, message) in
        [("في على", "only stop words"), ("\"القطار", "cannot understand"), (" ", "empty query")]
    {
        let o = run(&["search", "--data", &d, query]);
        assert_eq!(o.status.code(), Some(2), "{query}: {}", stderr(&o));
        assert!(stderr(&o).contains(message), "{query}: {}", stderr(&o));
    }
    let o = run(&["search", "--data", &d, "--format", "text", "بالقطار"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("خبر أول"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );

    // A foreign directory is refused and left alone.
    let foreign = tmp.path().join("photos");
    std::fs::create_dir_all(&foreign).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(foreign.join("a.jpg"), b"\xff\xd8\xff").unwrap_or_else(|e| panic!("{e}"));
    let o = run(&["ingest", "--data", &foreign.to_string_lossy(), &input.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a Marsad data directory"), "{}", stderr(&o));
    assert_eq!(std::fs::read_dir(&foreign).map(|d| d.count()).unwrap_or(0), 1);
    let o = run(&["search", "--data", &tmp.path().join("nothing").to_string_lossy(), "قطار"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no archive"), "{}", stderr(&o));
}

fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..").join("shared").join(rel);
    if p.exists() {
        Some(p)
    } else {
        println!("skipping: ../shared/{rel} not found");
        None
    }
}

/// Issue 7's acceptance checks on real data: all of ANT plus the reference page and its six
/// related headlines (as title-only JSON records, with the headline as the only text, since
/// a record needs a body); `related` on the page returns the six first, and `duplicates`
/// finds every URL that ANT files twice. About two minutes in a debug build.
#[test]
fn ant_related_six_first_and_duplicates_cover_every_url_filed_twice() {
    let (Some(ant), Some(seed)) =
        (shared("data/ant-multisource-2018-04"), shared("seed/article.txt"))
    else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let page = marsad_readers::read_path(&seed, marsad_readers::InputFormat::Auto);
    let Some(Ok(page)) = page.into_iter().next() else {
        panic!("the reference page does not read")
    };
    assert_eq!(page.related_headlines.len(), 6);
    let related_path = tmp.path().join("related.jsonl");
    let mut f = std::fs::File::create(&related_path).unwrap_or_else(|e| panic!("{e}"));
    for (i, h) in page.related_headlines.iter().enumerate() {
        let line =
            serde_json::json!({"id": format!("related-{}", i + 1), "title": h, "content": h});
        writeln!(f, "{line}").unwrap_or_else(|e| panic!("{e}"));
    }
    drop(f);
    let data = tmp.path().join("data");
    let d = data.to_string_lossy().into_owned();
    let o = run(&[
        "ingest",
        "--data",
        &d,
        &ant.to_string_lossy(),
        &seed.to_string_lossy(),
        &related_path.to_string_lossy(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));

    let o = run(&["related", "--data", &d, "--format", "json", "--limit", "10", &page.id]);
    assert!(o.status.success(), "{}", stderr(&o));
    let related: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    let ids: Vec<&str> =
        related.as_array().into_iter().flatten().filter_map(|r| r["id"].as_str()).collect();
    let mut first6: Vec<&str> = ids.iter().take(6).copied().collect();
    first6.sort_unstable();
    let want: Vec<String> = (1..=6).map(|i| format!("related-{i}")).collect();
    assert_eq!(first6, want, "related: {related:#}");
    assert!(related[0]["why"].as_str().is_some_and(|w| w.contains("shared")), "{related:#}");

    let o = run(&["duplicates", "--data", &d, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pairs: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    let found: std::collections::HashSet<(String, String)> = pairs
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p["a"].as_str()?.to_owned(), p["b"].as_str()?.to_owned())))
        .flat_map(|(a, b)| [(a.clone(), b.clone()), (b, a)])
        .collect();
    let mut by_url: std::collections::HashMap<String, Vec<String>> =
        std::collections::HashMap::new();
    for a in
        marsad_readers::read_path(&ant, marsad_readers::InputFormat::Auto).into_iter().flatten()
    {
        if let Some(u) = a.url {
            by_url.entry(u).or_default().push(a.id);
        }
    }
    let twice: Vec<&Vec<String>> = by_url.values().filter(|v| v.len() > 1).collect();
    assert_eq!(twice.len(), 214);
    let missing: Vec<&&Vec<String>> =
        twice.iter().filter(|v| !found.contains(&(v[0].clone(), v[1].clone()))).collect();
    assert!(missing.is_empty(), "not found as duplicates: {missing:?}");
}
