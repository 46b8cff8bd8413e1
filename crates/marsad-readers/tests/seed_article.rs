//! The reference article (`../shared/seed/article.txt`) read as a text page.

mod common;

use marsad_readers::{InputFormat, read_path};

#[test]
fn reference_article_structure() {
    let Some(path) = common::shared("seed/article.txt") else {
        return;
    };
    let Ok(content) = std::fs::read_to_string(&path) else {
        panic!("cannot read {}", path.display());
    };
    let records = read_path(&path, InputFormat::Auto);
    let [Ok(article)] = records.as_slice() else {
        panic!("expected one article, got {records:?}");
    };

    let first_line = content.lines().next().unwrap_or_default().trim();
    assert_eq!(article.headline.as_deref(), Some(first_line));
    assert_eq!(article.published.map(|p| p.to_string()).as_deref(), Some("2022-01-08T11:47:00"));
    assert_eq!(article.paragraphs.len(), 14);
    assert_eq!(article.source.as_deref(), Some("الحرة"));
    assert_eq!(
        article.publisher_tags,
        vec!["كازاخستان", "روسيا", "أمريكا", "بوتين", "توكاييف", "بلينكن"]
    );
    assert_eq!(article.related_headlines.len(), 6);
    assert_eq!(article.text, content, "offsets point into the file");

    let tag_line = article.publisher_tags.join(" ");
    for paragraph in article.paragraph_texts() {
        assert!(!paragraph.is_empty());
        assert!(!paragraph.contains(&tag_line), "tag line in body: {paragraph}");
        assert!(!paragraph.contains("المصدر |"), "source line in body: {paragraph}");
        for related in &article.related_headlines {
            assert!(!paragraph.contains(related.as_str()), "related headline in body: {related}");
        }
    }
    for related in &article.related_headlines {
        assert!(content.contains(related.as_str()));
        assert!(!related.contains("كلمات"), "tag header among related headlines");
    }
}
