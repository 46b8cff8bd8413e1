//! The time stage on our annotated dev set (crates/marsad-eval/data/time-dev.tsv): offsets
//! and values decided by reading ANT and SaudiNewsNet articles, no text stored.
//!
//! The floors below guard against regressions; the figures themselves are in BENCHMARKS.md
//! (`marsad eval time --dev …`).

use std::collections::HashSet;
use std::path::Path;

use marsad_eval::time::{Predicted, read_dev, score_dev};
use marsad_pipeline::Pipeline;
use marsad_readers::{InputFormat, read_path};

#[test]
fn dev_set_detection_and_normalisation() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tsv =
        std::fs::read_to_string(root.join("../marsad-eval/data/time-dev.tsv")).unwrap_or_default();
    let (gold, errors) = read_dev(&tsv);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(gold.len() >= 300, "{} annotations", gold.len());
    let shared = root.join("../../../shared/data");
    let corpora = [("ant", "ant-multisource-2018-04"), ("snn", "saudinewsnet-2015-08-10_11")];
    if corpora.iter().any(|(_, dir)| !shared.join(dir).exists()) {
        eprintln!("skipping: ../shared/data/ant-multisource-2018-04 or saudinewsnet not found");
        return;
    }
    let wanted: HashSet<(&str, &str)> =
        gold.iter().map(|g| (g.corpus.as_str(), g.doc.as_str())).collect();
    let pipeline = Pipeline::default();
    let mut predicted = Vec::new();
    let mut seen = HashSet::new();
    for (corpus, dir) in corpora {
        for article in read_path(&shared.join(dir), InputFormat::Auto).into_iter().flatten() {
            if !wanted.contains(&(corpus, article.id.as_str())) || !seen.insert(article.id.clone())
            {
                continue;
            }
            let record = pipeline.analyze(article);
            for t in &record.times {
                let field = match t.field {
                    marsad_doc::Field::Headline => "headline",
                    marsad_doc::Field::Body => "body",
                };
                predicted.push(Predicted {
                    doc: record.id.clone(),
                    field: field.into(),
                    start: t.start,
                    end: t.end,
                    value: t.value.clone(),
                });
            }
        }
    }
    let report = score_dev(&gold, &predicted);
    eprintln!(
        "P {:.3} R {:.3} normalisation {:.3}",
        report.precision, report.recall, report.normalisation_accuracy
    );
    assert!(report.precision >= 0.95, "precision {:.3}", report.precision);
    assert!(report.recall >= 0.93, "recall {:.3}", report.recall);
    assert!(
        report.normalisation_accuracy >= 0.92,
        "normalisation {:.3}",
        report.normalisation_accuracy
    );
}
