//! The reference page's entities (../shared/seed/README.md): every person, place and
//! organisation found with the right type and canonical name.

use std::path::Path;

use marsad_pipeline::Pipeline;
use marsad_readers::{InputFormat, read_path};

fn seed() -> Option<marsad_doc::Doc> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed/article.txt");
    if !path.exists() {
        eprintln!("skipping: ../shared/seed/article.txt not found");
        return None;
    }
    let article = read_path(&path, InputFormat::Auto).into_iter().next()?.ok()?;
    Some(Pipeline::default().run(article))
}

#[test]
fn seed_entities_have_types_and_canonical_names() {
    let Some(doc) = seed() else { return };
    let find = |canonical: &str| doc.entities.iter().find(|e| e.canonical == canonical);
    let expected = [
        ("PER", "فلاديمير بوتين"),
        ("PER", "قاسم جومرت توكاييف"),
        ("PER", "أنتوني بلينكن"),
        ("LOC", "كازاخستان"),
        ("LOC", "روسيا"),
        ("LOC", "الولايات المتحدة"),
        ("LOC", "واشنطن"),
        ("LOC", "موسكو"),
        ("LOC", "ألماتي"),
        ("LOC", "آسيا الوسطى"),
        ("ORG", "الكرملين"),
        ("ORG", "وزارة الخارجية الروسية"),
        ("ORG", "وزارة الخارجية الأمريكية"),
        ("ORG", "وزارة الداخلية الكازاخستانية"),
    ];
    let listing: Vec<String> =
        doc.entities.iter().map(|e| format!("{} {} ({})", e.label, e.canonical, e.id)).collect();
    for (label, canonical) in expected {
        let entity =
            find(canonical).unwrap_or_else(|| panic!("{canonical} not found in {listing:#?}"));
        assert_eq!(entity.label, label, "{canonical}");
    }
    // Short forms and clitic/quote-attached mentions resolve to the same entity.
    let mentions = |canonical: &str| find(canonical).map(|e| e.mentions.len()).unwrap_or(0);
    assert!(mentions("فلاديمير بوتين") >= 3, "بوتين mentions: {listing:#?}");
    assert!(mentions("قاسم جومرت توكاييف") >= 3);
    assert!(mentions("أنتوني بلينكن") >= 4);
    // Nationality adjectives link to their country.
    let russia = find("روسيا")
        .map(|e| e.mentions.iter().map(|m| m.text.clone()).collect::<Vec<_>>())
        .unwrap_or_default();
    assert!(russia.iter().any(|m| m == "الروسية" || m == "الروسي"), "{russia:?}");
    let kz = find("كازاخستان")
        .map(|e| e.mentions.iter().map(|m| m.text.clone()).collect::<Vec<_>>())
        .unwrap_or_default();
    assert!(kz.iter().any(|m| m.contains("الكازاخستاني")), "{kz:?}");
    // The headline's entities are the most salient.
    let top: Vec<&str> = doc.entities.iter().take(5).map(|e| e.canonical.as_str()).collect();
    assert!(top.contains(&"كازاخستان") && top.contains(&"فلاديمير بوتين"), "{top:?}");
}
