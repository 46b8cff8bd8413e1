//! The web UI in headless Chromium: `marsad serve` over an archive of `examples/`, an
//! article page dumped and screenshotted. Skips (with a message) where /usr/bin/chromium is
//! absent; CI installs it (.ci/run).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const CHROMIUM: &str = "/usr/bin/chromium";

/// Kills the server (our own child, by its handle) when the test ends, pass or fail.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn chromium(profile: &Path, args: &[&str]) -> std::process::Output {
    // Bounded: coreutils' `timeout` ends a hung browser (Debian always has it).
    let mut cmd = if Path::new("/usr/bin/timeout").exists() {
        let mut c = Command::new("/usr/bin/timeout");
        c.args(["120", CHROMIUM]);
        c
    } else {
        Command::new(CHROMIUM)
    };
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .args(args)
    .stdin(Stdio::null());
    cmd.output().unwrap_or_else(|e| panic!("cannot run {CHROMIUM}: {e}"))
}

#[test]
fn article_page_in_headless_chromium_is_rtl_with_entities_and_related() {
    if !Path::new(CHROMIUM).exists() {
        eprintln!("skipping: {CHROMIUM} not found (CI installs it with apt-get install chromium)");
        return;
    }
    let marsad = env!("CARGO_BIN_EXE_marsad");
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    // From the workspace root, so that the text page's id is `examples/page-ar.txt`.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let status = Command::new(marsad)
        .current_dir(&root)
        .arg("ingest")
        .arg("--data")
        .arg(&data)
        .arg("examples")
        .status()
        .unwrap();
    assert!(status.success());

    let child = Command::new(marsad)
        .args(["serve", "--addr", "127.0.0.1:0", "--data"])
        .arg(&data)
        .env_remove("MARSAD_TOKEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut server = Killed(child);
    let stdout = server.0.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();

    // The text page: its id has a '/', it names entities, and the others are related.
    let url = format!("{base}article?id=examples%2Fpage-ar.txt");
    let dom = chromium(&tmp.path().join("profile-dom"), &["--dump-dom", &url]);
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(dom.contains("dir=\"rtl\""), "no dir=rtl in the DOM:\n{dom}");
    assert!(dom.contains("lang=\"ar\""));
    assert!(
        dom.contains("class=\"ent ent-loc\" data-entity=\"city:rabat\""),
        "no entity highlight:\n{dom}"
    );
    assert!(dom.contains("class=\"ent ent-per\""), "no person highlight:\n{dom}");
    assert!(dom.contains("class=\"tm\" datetime=\"2022-05-12\""), "no time highlight:\n{dom}");
    let related =
        dom.split("id=\"related\"").nth(1).unwrap_or_else(|| panic!("no related section:\n{dom}"));
    assert!(
        related.contains("<li><a href=\"/article?id="),
        "no related article listed:\n{related}"
    );

    let shot_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let shot = shot_dir.join("marsad-article-page.png");
    let _ = std::fs::remove_file(&shot);
    let out = chromium(
        &tmp.path().join("profile-shot"),
        &[&format!("--screenshot={}", shot.display()), "--window-size=1280,900", &url],
    );
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 10_000,
        "no screenshot ({size} bytes): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!("screenshot of {url}: {} ({size} bytes)", shot.display());

    // The stories page lists the examples' two-day rain story; its page draws the outlets
    // on a timeline.
    let list =
        chromium(&tmp.path().join("profile-stories"), &["--dump-dom", &format!("{base}stories")]);
    let list = String::from_utf8_lossy(&list.stdout);
    let link = list
        .split("href=\"/story?id=")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no story listed:\n{list}"))
        .replace("&amp;", "&");
    let story_url = format!("{base}story?id={link}");
    let story = chromium(&tmp.path().join("profile-story"), &["--dump-dom", &story_url]);
    let story = String::from_utf8_lossy(&story.stdout);
    assert!(story.contains("dir=\"rtl\""), "{story}");
    assert!(story.contains("<svg class=\"chart lanes\""), "no outlet timeline:\n{story}");
    assert!(story.contains("<circle"), "no article on the timeline:\n{story}");
    let shot = shot_dir.join("marsad-story-page.png");
    let _ = std::fs::remove_file(&shot);
    let out = chromium(
        &tmp.path().join("profile-story-shot"),
        &[&format!("--screenshot={}", shot.display()), "--window-size=1280,900", &story_url],
    );
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 10_000,
        "no screenshot ({size} bytes): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!("screenshot of {story_url}: {} ({size} bytes)", shot.display());
}
