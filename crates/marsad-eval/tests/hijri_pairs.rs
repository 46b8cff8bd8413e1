//! Hijri and Gregorian readings of the same day agree on SaudiNewsNet (≥ 99%).

use std::path::Path;

use marsad_readers::{InputFormat, read_path};

#[test]
fn saudinewsnet_hijri_gregorian_agree() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/saudinewsnet-2015-08-10_11");
    if !dir.exists() {
        eprintln!("skipping: ../shared/data/saudinewsnet-2015-08-10_11 not found");
        return;
    }
    let articles: Vec<_> = read_path(&dir, InputFormat::Auto).into_iter().flatten().collect();
    let report =
        marsad_eval::time::hijri_pairs(articles.iter().map(|a| (a.id.as_str(), a.text.as_str())));
    for m in &report.misses {
        eprintln!("miss {} @{}: {:?} / {:?}: {}", m.id, m.offset, m.hijri, m.gregorian, m.reason);
    }
    eprintln!(
        "candidates {} read {} agree {} agreement {:.4}",
        report.candidates, report.read, report.agree, report.agreement
    );
    assert!(report.candidates >= 300, "{} candidates", report.candidates);
    assert!(report.agreement >= 0.99, "agreement {:.4}", report.agreement);
}
