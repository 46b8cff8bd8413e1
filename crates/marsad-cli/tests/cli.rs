//! End-to-end tests of the `marsad` binary: real files in, JSON out, exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn marsad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(args)
        .current_dir(project_root())
        .output()
        .expect("the marsad binary runs")
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A path under `../shared`, or `None` (with a message) when the shared data is absent.
fn shared(rel: &str) -> Option<String> {
    let path = project_root().join("../shared").join(rel);
    if path.exists() {
        Some(format!("../shared/{rel}"))
    } else {
        eprintln!("skipping: ../shared/{rel} not found");
        None
    }
}

fn jsonl(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("marsad-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn seed_article_structure() {
    let Some(path) = shared("seed/article.txt") else { return };
    let out = marsad(&["analyze", "--format", "json", &path]);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let record: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let page = std::fs::read_to_string(project_root().join(&path)).expect("seed readable");
    let first_line = page.lines().next().unwrap_or_default().trim();

    assert_eq!(record["schema"], 1);
    assert_eq!(record["headline"], first_line);
    assert_eq!(record["published"], "2022-01-08T11:47:00");
    assert_eq!(record["source"], "الحرة");
    assert_eq!(record["paragraphs"].as_array().map(Vec::len), Some(14));
    let tags: Vec<&str> = record["publisher_tags"]
        .as_array()
        .expect("tags")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(tags, ["كازاخستان", "روسيا", "أمريكا", "بوتين", "توكاييف", "بلينكن"]);
    let related: Vec<&str> = record["related_headlines"]
        .as_array()
        .expect("related")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(related.len(), 6);
    // Related headlines and the tag block never leak into the body, and offsets point
    // into the original page.
    for p in record["paragraphs"].as_array().expect("paragraphs") {
        let text = p["text"].as_str().expect("text");
        assert!(!related.iter().any(|h| text.contains(h)));
        assert!(!text.contains("كلمات مفتاحية"));
        let (start, end) = (
            p["start"].as_u64().expect("start") as usize,
            p["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(&page[start..end], text);
    }
    for field in ["tags", "entities", "times", "quotes", "facts", "events"] {
        assert!(record[field].is_array(), "{field} is a list");
    }
}

#[test]
fn saudinewsnet_day_and_3alyoum_tag_tails() {
    let Some(path) = shared("data/saudinewsnet-2015-08-10_11/2015-08-10.json") else { return };
    let out = marsad(&["analyze", "--format", "jsonl", &path]);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let records = jsonl(&out);
    assert_eq!(records.len(), 1700);

    // Which 3alyoum records end with a `سمات` tail, judged from the raw file.
    let raw: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(project_root().join(&path)).expect("readable"),
    )
    .expect("JSON");
    let mut with_tail = 0;
    for (raw, record) in raw.iter().zip(&records) {
        if raw["source"] != "3alyoum" {
            continue;
        }
        let content = raw["content"].as_str().unwrap_or_default();
        if !content.split_whitespace().any(|w| w == "سمات") {
            continue;
        }
        with_tail += 1;
        let tags = record["publisher_tags"].as_array().expect("tags");
        assert!(!tags.is_empty(), "{}: no publisher tags", record["id"]);
        let last = record["paragraphs"].as_array().and_then(|p| p.last()).expect("has body");
        let body_end = last["text"].as_str().unwrap_or_default();
        assert!(
            !body_end.split_whitespace().any(|w| w == "سمات"),
            "{}: tail left in body",
            record["id"]
        );
    }
    assert!(with_tail >= 80, "expected the 3alyoum tag tails, saw {with_tail}");
}

/// The tag quality the issue asks for, on the 3alyoum dev set (a quality floor, no timing):
/// F1 of the top-5 tags' tokens against the publisher's `سمات` tails, at least 0.45.
#[test]
fn tags_reach_the_dev_set_target() {
    let Some(_) = shared("data/saudinewsnet-2015-08-10_11/2015-08-10.json") else { return };
    let out = marsad(&["eval", "tags", "--json"]);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(report["articles"], 162);
    let f1 = report["f1"].as_f64().expect("f1");
    assert!(f1 >= 0.45, "tags F1 {f1} under 0.45: {report}");
}

#[test]
fn examples_analyze_cleanly() {
    let out = marsad(&["analyze", "--format", "jsonl", "examples"]);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let records = jsonl(&out);
    assert_eq!(records.len(), 5);
    assert!(records.iter().all(|r| r["headline"].is_string() && r["published"].is_string()));
}

#[test]
fn text_output_is_readable() {
    let out = marsad(&["analyze", "--format", "text", "examples/page-ar.txt"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("published: 2022-05-12T10:30:00"));
    assert!(text.contains("4 paragraphs"));
}

#[test]
fn stdin_is_an_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(["analyze", "--format", "jsonl", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(
                "{\"title\": \"خبر قصير\", \"content\": \"نص الخبر الأول.\\nنص ثان.\"}\n".as_bytes(),
            )
            .expect("write");
    }
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    let records = jsonl(&out);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["headline"], "خبر قصير");
    assert_eq!(records[0]["paragraphs"].as_array().map(Vec::len), Some(2));
}

#[test]
fn bad_inputs_are_reported_and_the_rest_still_analyzed() {
    let dir = scratch("bad");
    std::fs::write(dir.join("good.txt"), "عنوان الخبر\n\nفقرة أولى من الخبر.\n").expect("write");
    std::fs::write(dir.join("invalid-utf8.txt"), b"\xd8\xb9\xff\xfe title").expect("write");
    std::fs::write(dir.join("empty.txt"), b"").expect("write");
    std::fs::write(dir.join("binary.txt"), [0u8, 1, 2, 3, 0, 0, 255, 7, 0, 9]).expect("write");
    std::fs::write(
        dir.join("truncated.json"),
        "[{\"title\": \"أ\", \"content\": \"نص.\"}, {\"title\": \"ب\", \"cont",
    )
    .expect("write");
    std::fs::write(
        dir.join("records.jsonl"),
        "{\"title\": \"أول\", \"content\": \"نص أول.\"}\n{\"title\": \"بلا نص\"}\nnot json\n{\"title\": \"ثالث\", \"content\": \"نص.\"}\n",
    )
    .expect("write");
    let dir_arg = dir.to_string_lossy().to_string();
    let out = marsad(&["analyze", "--format", "jsonl", &dir_arg]);
    assert_eq!(out.status.code(), Some(1), "some records failed");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for needle in [
        "invalid-utf8.txt",
        "empty.txt",
        "binary.txt",
        "truncated.json",
        "records.jsonl (record 2",
        "records.jsonl (record 3",
    ] {
        assert!(stderr.contains(needle), "stderr names {needle}: {stderr}");
    }
    let headlines: Vec<String> =
        jsonl(&out).iter().filter_map(|r| r["headline"].as_str().map(str::to_owned)).collect();
    for h in ["عنوان الخبر", "أ", "أول", "ثالث"] {
        assert!(headlines.iter().any(|x| x == h), "{h} analyzed: {headlines:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(marsad(&["analyze"]).status.code(), Some(2));
    assert_eq!(marsad(&["analyze", "--input-format", "pdf", "examples"]).status.code(), Some(2));
    assert_eq!(marsad(&["no-such-command"]).status.code(), Some(2));
}

#[test]
fn missing_file_is_an_input_error() {
    let out = marsad(&["analyze", "--format", "jsonl", "examples/does-not-exist.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does-not-exist.txt"));
}

#[test]
fn stem_eval_beats_snowball() {
    let Some(path) = shared("data/padt-ud-test-2016/ar-ud-test.conllu") else { return };
    let out = marsad(&["eval", "stem", "--json", "--treebank", &path]);
    assert!(out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let f1 = |name: &str| {
        report["scores"]
            .as_array()
            .expect("scores")
            .iter()
            .find(|s| s["stemmer"] == name)
            .expect(name)["f1"]
            .as_f64()
            .expect("f1")
    };
    // The bar: at least 10 F1 points above Snowball Arabic on the same forms.
    assert!(
        f1("marsad") >= f1("snowball-arabic") + 0.10,
        "marsad {} vs snowball {}",
        f1("marsad"),
        f1("snowball-arabic")
    );
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    // Enough records to fill the pipe long before the reader stops: our own sentences.
    let dir = scratch("closed-pipe");
    let input = dir.join("many.jsonl");
    let mut lines = String::new();
    for i in 0..400 {
        lines.push_str(&format!(
            "{{\"id\":\"n{i}\",\"title\":\"اجتماع المجلس البلدي رقم {i}\",\"content\":\"عقد المجلس البلدي في مدينة الساحل اجتماعه الدوري وناقش خطط الطرق والحدائق للعام المقبل.\"}}\n"
        ));
    }
    std::fs::write(&input, lines).expect("input written");
    let mut child = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(["analyze"])
        .arg(&input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the marsad binary runs");
    let mut first = [0u8; 64];
    child.stdout.take().expect("piped stdout").read_exact(&mut first).expect("some output");
    // The read end is dropped here: every later write by marsad meets a closed pipe.
    let out = child.wait_with_output().expect("marsad ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // No panic and no error message: the pipe's reader chose to stop, nothing failed.
    assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{stderr}");
    assert_ne!(out.status.code(), Some(101), "{stderr}");
}

/// Runs `marsad train <model> --out …` into a scratch file and checks it is byte for byte
/// the shipped `shipped` file: same data, same code, same weights.
fn assert_training_reproduces(model: &str, shipped: &str) {
    let dir = scratch(&format!("{model}-model"));
    let out_path = dir.join("trained.model");
    let out_str = out_path.to_string_lossy().into_owned();
    let out = marsad(&["train", model, "--out", &out_str]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let trained = std::fs::read(&out_path).expect("the trained model");
    let shipped = std::fs::read(project_root().join(shipped)).expect("the shipped model");
    assert!(trained == shipped, "retrain with `marsad train {model}` and commit the model");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn training_the_speaker_ranker_reproduces_the_shipped_model() {
    let Some(_) = shared("data/ant-multisource-2018-04") else { return };
    assert_training_reproduces("speakers", "crates/marsad-events/data/speaker.model");
}

#[test]
fn training_the_tagger_reproduces_the_shipped_model() {
    // The knowledge base is one of the tagger's gazetteers: a KB edit needs `marsad train
    // ner` before it lands, or the shipped model stops being what the code trains.
    let Some(_) = shared("data/anercorp-camel") else { return };
    assert_training_reproduces("ner", "crates/marsad-ner/data/ner.model");
}

#[test]
fn the_speaker_ranker_refuses_held_out_sets_for_training() {
    let out = marsad(&["train", "speakers", "--set", "test"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("test"));
}

#[test]
fn the_speaker_ranker_beats_the_blind_rules_on_sets_it_did_not_learn_from() {
    let Some(_) = shared("data/ant-multisource-2018-04") else { return };
    let out = marsad(&["eval", "speakers", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let folds = report["leave_one_set_out"].as_array().expect("folds");
    let total = folds.iter().find(|f| f["set"] == "total").expect("a total row");
    let n = |k: &str| total[k].as_u64().expect(k);
    assert!(n("quotes") >= 600, "{total}");
    // Each set scored by a model trained on the others: more right speakers than the rules
    // had at the set's blind run.
    assert!(n("ranker_right") > n("rule_right"), "{total}");
}

#[test]
fn rules_only_keeps_the_quotes_and_drops_only_the_ranker() {
    // The same quotes are found with and without the speaker ranker; only speakers may
    // differ.
    let spans = |args: &[&str]| -> Vec<(u64, u64)> {
        let out = marsad(args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        jsonl(&out)
            .iter()
            .flat_map(|r| r["quotes"].as_array().cloned().unwrap_or_default())
            .map(|q| (q["start"].as_u64().unwrap_or(0), q["end"].as_u64().unwrap_or(0)))
            .collect()
    };
    let ranked = spans(&["analyze", "--format", "jsonl", "examples"]);
    let rules = spans(&["analyze", "--format", "jsonl", "--rules-only", "examples"]);
    assert!(!ranked.is_empty());
    assert_eq!(ranked, rules);
}
