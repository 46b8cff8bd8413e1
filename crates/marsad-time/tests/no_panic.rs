//! The tagger never panics and its offsets always slice the input.

use jiff::civil::date;
use marsad_time::tag;
use proptest::prelude::*;

/// Pieces that push the grammar into its corners.
const PIECES: &[&str] = &[
    "8",
    "٣١",
    "۲۰۲۲",
    "2022",
    "99999999999999999999",
    "1436",
    "/",
    "-",
    "،",
    ":",
    "11:47",
    "25:99",
    "2022/13/45",
    "08-01-",
    "يناير",
    "كانون",
    "الثاني",
    "شوال",
    "جمادى",
    "الآخرة",
    "ذو",
    "هـ",
    "م",
    "ص",
    "الجمعة",
    "الماضي",
    "المقبل",
    "منذ",
    "قبل",
    "بعد",
    "ثلاثة",
    "أيام",
    "يومين",
    "الأسبوع",
    "الشهر",
    "العام",
    "مطلع",
    "اليوم",
    "أمس",
    "أول",
    "غدا",
    "الساعة",
    "الثالثة",
    "عشرة",
    "عصرا",
    "بتوقيت",
    "GMT",
    "+",
    "عام",
    "شهر",
    "(",
    ")",
    " ",
    "\n",
];

proptest! {
    #[test]
    fn arbitrary_strings(text in any::<String>(), anchored in any::<bool>()) {
        let anchor = anchored.then(|| date(2022, 1, 8));
        for t in tag(&text, anchor) {
            prop_assert!(text.get(t.start..t.end).is_some());
        }
    }

    #[test]
    fn time_words_in_any_order(
        picks in proptest::collection::vec(0..PIECES.len(), 0..40),
        y in -9999i16..=9999,
    ) {
        let text: String = picks.iter().map(|&i| PIECES.get(i).copied().unwrap_or("")).collect::<Vec<_>>().join(" ");
        let anchor = jiff::civil::Date::new(y, 12, 31).ok();
        for t in tag(&text, anchor) {
            prop_assert!(t.start < t.end && text.get(t.start..t.end).is_some());
            prop_assert!(t.value.is_none() || t.error.is_none());
        }
    }
}

#[test]
fn extreme_anchors() {
    let text = "الأسبوع الماضي والشهر المقبل والعام الجاري بعد 999 عاما منذ 999 شهرا الجمعة غدا";
    for anchor in [jiff::civil::Date::MIN, jiff::civil::Date::MAX] {
        for t in tag(text, Some(anchor)) {
            assert!(text.get(t.start..t.end).is_some());
        }
    }
}
