//! The article-extraction-benchmark harness: load the pages and gold bodies, score an
//! extractor with [`crate::score`], and time it.

use std::io::Read;
use std::path::Path;

use crate::score::{Counts, aggregate, compare};

/// One benchmark page: its id, the HTML (decoded), the gold body and the URL.
pub struct BenchPage {
    pub id: String,
    pub html: String,
    pub gold: String,
    pub url: String,
}

/// Loads `ground-truth.json` and `html/<id>.html.gz` from `dir`, in id order.
pub fn load(dir: &Path) -> Result<Vec<BenchPage>, String> {
    let truth_path = dir.join("ground-truth.json");
    let truth = std::fs::read(&truth_path).map_err(|e| format!("{}: {e}", truth_path.display()))?;
    let truth: serde_json::Value =
        serde_json::from_slice(&truth).map_err(|e| format!("{}: {e}", truth_path.display()))?;
    let map =
        truth.as_object().ok_or_else(|| format!("{}: not an object", truth_path.display()))?;
    let mut pages = Vec::with_capacity(map.len());
    for (id, entry) in map {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let file = std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let html = match crate::charset::decode(&bytes, None) {
            Ok((text, _, _)) => text,
            Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
        };
        let field = |k: &str| entry.get(k).and_then(|v| v.as_str()).unwrap_or("").to_owned();
        pages.push(BenchPage {
            id: id.clone(),
            html,
            gold: field("articleBody"),
            url: field("url"),
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// Quality of one extractor over the benchmark.
#[derive(Clone, Debug, PartialEq)]
pub struct Quality {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Per page, in [`load`] order.
    pub pages: Vec<Counts>,
}

/// Scores `extract` (HTML → body text) on `pages`.
pub fn evaluate(pages: &[BenchPage], mut extract: impl FnMut(&BenchPage) -> String) -> Quality {
    let counts: Vec<Counts> = pages.iter().map(|p| compare(&p.gold, &extract(p))).collect();
    let (precision, recall, f1) = aggregate(&counts);
    Quality { precision, recall, f1, pages: counts }
}

/// Marsad's body text for a page (paragraphs separated by blank lines), or `""` on error.
pub fn marsad_body(html: &str) -> String {
    crate::extract(html).map(|p| p.body()).unwrap_or_default()
}
