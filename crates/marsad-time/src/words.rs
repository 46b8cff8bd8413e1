//! Word tables for the time tagger, over keys (see [`marsad_text::normalize()`]).

/// Strips one leading conjunction `و`/`ف` when at least three letters remain.
pub(crate) fn strip_conj(key: &str) -> &str {
    for p in ["و", "ف"] {
        if let Some(rest) = key.strip_prefix(p)
            && rest.chars().count() >= 3
        {
            return rest;
        }
    }
    key
}

/// A key without conjunction, preposition (`ب`, `ل`, `ك`) and article: the noun and whether
/// it was definite. `والجمعه` → (`جمعه`, true), `للعام` → (`عام`, true), `لعام` → (`عام`,
/// false).
pub(crate) fn core(key: &str) -> (&str, bool) {
    let key = strip_conj(key);
    for p in ["بال", "كال", "ال"] {
        if let Some(rest) = key.strip_prefix(p)
            && rest.chars().count() >= 2
        {
            return (rest, true);
        }
    }
    if let Some(rest) = key.strip_prefix("لل")
        && rest.chars().count() >= 2
    {
        return (rest, true);
    }
    for p in ["ب", "ل"] {
        if let Some(rest) = key.strip_prefix(p)
            && rest.chars().count() >= 3
        {
            return (rest, false);
        }
    }
    (key, false)
}

/// The weekday named by a definite key (`الجمعه`, `والجمعه`, `بالاحد`), as days from
/// Monday (0 = Monday … 6 = Sunday).
pub(crate) fn weekday(key: &str) -> Option<i8> {
    let (noun, definite) = core(key);
    if !definite {
        return None;
    }
    Some(match noun {
        "اثنين" => 0,
        "ثلاثاء" => 1,
        "اربعاء" => 2,
        "خميس" => 3,
        "جمعه" => 4,
        "سبت" => 5,
        "احد" => 6,
        _ => return None,
    })
}

/// A Gregorian month named by one key, allowing a leading conjunction or preposition.
pub(crate) fn month_word(key: &str) -> Option<i8> {
    if let Some(m) = crate::names::one_word_month(key) {
        return Some(m);
    }
    let bare = strip_conj(key);
    if let Some(m) = crate::names::one_word_month(bare) {
        return Some(m);
    }
    for p in ["ب", "ل"] {
        if let Some(rest) = bare.strip_prefix(p)
            && rest.chars().count() >= 3
            && let Some(m) = crate::names::one_word_month(rest)
        {
            return Some(m);
        }
    }
    None
}

/// Whether a key is the first word of a Levantine two-word month (`كانون`, `تشرين`).
pub(crate) fn is_levant_first(key: &str) -> bool {
    matches!(strip_conj(key), "كانون" | "تشرين")
}

/// What a Hijri month word starts: a whole month, or the first of two words.
pub(crate) enum HijriHead {
    Month(u8),
    /// `ربيع`: the next word says first (3) or second (4).
    Rabi,
    /// `جمادى`: first (5) or second (6).
    Jumada,
    /// `ذو`/`ذي`: `القعده` (11) or `الحجه` (12).
    Dhu,
}

/// The Hijri month (or first half of one) named by a key.
pub(crate) fn hijri_head(key: &str) -> Option<HijriHead> {
    let bare = strip_conj(key);
    Some(match bare {
        "محرم" => HijriHead::Month(1),
        "صفر" => HijriHead::Month(2),
        "رجب" => HijriHead::Month(7),
        "شعبان" => HijriHead::Month(8),
        "رمضان" => HijriHead::Month(9),
        "شوال" => HijriHead::Month(10),
        "ربيع" => HijriHead::Rabi,
        "جمادي" | "جماد" => HijriHead::Jumada,
        "ذو" | "ذي" | "ذا" => HijriHead::Dhu,
        _ => return None,
    })
}

/// Whether the second word of a two-word month says "first" (`الاول`, `الاولي`, `اول`).
pub(crate) fn is_first(key: &str) -> bool {
    matches!(key, "الاول" | "الاولي" | "اول" | "اولي" | "الاوله")
}

/// Whether the second word of a two-word month says "second"/"last" (`الثاني`, `الاخره`).
pub(crate) fn is_second(key: &str) -> bool {
    matches!(
        key,
        "الثاني"
            | "الثانيه"
            | "ثاني"
            | "ثانيه"
            | "الاخر"
            | "الاخره"
            | "اخر"
            | "اخره"
    )
}

/// Whether a key after a year marks the Hijri era (`هـ`, `هجري`, `للهجره`).
pub(crate) fn is_hijri_era(key: &str) -> bool {
    matches!(key, "ه" | "هجري" | "هجريه" | "للهجره" | "هجريا")
}

/// The value of a number word (`ثلاثه` → 3, `عشرين` → 20), with or without `و`.
pub(crate) fn number_word(key: &str) -> Option<u32> {
    let key = strip_conj(key);
    Some(match key {
        "واحد" | "واحده" => 1,
        "اثنين" | "اثنان" | "اثنتين" | "اثنتان" => 2,
        "ثلاث" | "ثلاثه" => 3,
        "اربع" | "اربعه" => 4,
        "خمس" | "خمسه" => 5,
        "ست" | "سته" => 6,
        "سبع" | "سبعه" => 7,
        "ثمان" | "ثماني" | "ثمانيه" => 8,
        "تسع" | "تسعه" => 9,
        "عشر" | "عشره" => 10,
        "عشرين" | "عشرون" => 20,
        "ثلاثين" | "ثلاثون" => 30,
        "اربعين" | "اربعون" => 40,
        "خمسين" | "خمسون" => 50,
        "مئه" | "مائه" => 100,
        _ => return None,
    })
}

/// A unit of a duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// A unit word and the count it implies by itself: singular 1 (`يوم`), dual 2 (`يومين`),
/// plural `None` (`ايام`, needs a number before it).
pub(crate) fn unit_word(key: &str) -> Option<(Unit, Option<u32>)> {
    Some(match key {
        "يوم" | "يوما" => (Unit::Day, Some(1)),
        "يومين" | "يومان" => (Unit::Day, Some(2)),
        "ايام" => (Unit::Day, None),
        "اسبوع" | "اسبوعا" => (Unit::Week, Some(1)),
        "اسبوعين" | "اسبوعان" => (Unit::Week, Some(2)),
        "اسابيع" => (Unit::Week, None),
        "شهر" | "شهرا" => (Unit::Month, Some(1)),
        "شهرين" | "شهران" => (Unit::Month, Some(2)),
        "اشهر" | "شهور" => (Unit::Month, None),
        "عام" | "عاما" | "سنه" => (Unit::Year, Some(1)),
        "عامين" | "عامان" | "سنتين" | "سنتان" => (Unit::Year, Some(2)),
        "اعوام" | "سنوات" | "سنين" => (Unit::Year, None),
        _ => return None,
    })
}

/// Which way a qualifier points: `الماضي` back, `المقبل` forward, `الجاري` the current one.
/// `Recent` and `Upcoming` are for names without a qualifier (`في فبراير`): the latest one
/// up to and including the current, or the next one from the current on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dir {
    Past,
    Next,
    This,
    Recent,
    Upcoming,
}

/// The qualifier after a period or weekday (`الماضي`, `المقبله`, `القادم`, `الجاري`, `الحالي`).
pub(crate) fn qualifier(key: &str) -> Option<Dir> {
    Some(match key {
        "الماضي" | "الماضيه" | "المنصرم" | "المنصرمه" | "السابق" | "الفائت" => {
            Dir::Past
        }
        "المقبل" | "المقبله" | "القادم" | "القادمه" => Dir::Next,
        "الجاري" | "الجاريه" | "الحالي" | "الحاليه" => Dir::This,
        _ => return None,
    })
}

/// The part of a period a modifier before it names (`مطلع الشهر`, `منتصف العام`, `اواخر`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    Early,
    Mid,
    Late,
}

/// The part named by a modifier key.
pub(crate) fn part(key: &str) -> Option<Part> {
    Some(match strip_conj(key) {
        "مطلع" | "بدايه" | "اوائل" | "مستهل" | "اول" => Part::Early,
        "منتصف" | "اواسط" => Part::Mid,
        "نهايه" | "اواخر" | "اخر" | "ختام" => Part::Late,
        _ => return None,
    })
}

/// Half of the day or period named after an hour (`ص`, `مساء`, `عصرا`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DayPart {
    Morning,
    Noon,
    Afternoon,
    Evening,
    Night,
}

/// The day part a key after a clock time names.
pub(crate) fn day_part(key: &str) -> Option<DayPart> {
    Some(match key {
        "ص" | "صباحا" | "صباح" | "صباحي" | "فجرا" | "am" => DayPart::Morning,
        "ظهرا" | "الظهر" => DayPart::Noon,
        "عصرا" | "العصر" => DayPart::Afternoon,
        "م" | "مساء" | "مساءا" | "مسائي" | "مساء،" | "pm" => DayPart::Evening,
        "ليلا" | "ليل" => DayPart::Night,
        _ => return None,
    })
}

/// An hour named by an ordinal word (`الثالثه` → 3, `الحاديه` → 11 with `عشره` after).
pub(crate) fn hour_word(key: &str) -> Option<u32> {
    Some(match key {
        "الواحده" => 1,
        "الثانيه" => 2,
        "الثالثه" => 3,
        "الرابعه" => 4,
        "الخامسه" => 5,
        "السادسه" => 6,
        "السابعه" => 7,
        "الثامنه" => 8,
        "التاسعه" => 9,
        "العاشره" => 10,
        "الحاديه" => 11,
        _ => return None,
    })
}

/// Whether a word after `بتوقيت` names a zone we keep in the span.
pub(crate) fn is_zone_word(key: &str) -> bool {
    matches!(
        key,
        "غرينتش"
            | "غرينيتش"
            | "جرينتش"
            | "جرينيتش"
            | "مكه"
            | "المكرمه"
            | "القاهره"
            | "بيروت"
            | "دمشق"
            | "بغداد"
            | "الرياض"
            | "القدس"
            | "ابوظبي"
            | "الدوحه"
            | "عمان"
            | "السعوديه"
            | "الامارات"
            | "المحلي"
            | "العالمي"
            | "gmt"
            | "utc"
    )
}

/// Whether a key looks like a future-tense verb: `سوف`, or a `سي`/`ست`/`سن`/`سا` prefix on
/// a word that is not one of the common nouns with that start (`سياسه`, `سياره`, `سته`, …).
pub(crate) fn is_future_verb(key: &str) -> bool {
    let key = strip_conj(key);
    if key == "سوف" {
        return true;
    }
    if key.chars().count() < 4 {
        return false;
    }
    if !(key.starts_with("سي")
        || key.starts_with("ست")
        || key.starts_with("سن")
        || key.starts_with("سا"))
    {
        return false;
    }
    // Nouns and names with these starts (`سياسه`, `سياره`, `ستين`, `ساعه`, …).
    const NOUN_STARTS: &[&str] = &[
        "سياس",
        "سيار",
        "سيطر",
        "سيول",
        "سينا",
        "ستار",
        "ستين",
        "ستون",
        "ستوديو",
        "سنو",
        "سنت",
        "سنين",
        "ساع",
        "ساح",
        "سابق",
        "سادس",
        "ساله",
        "سالم",
        "سامي",
        "سان",
        "سائ",
        "سارا",
        "سيناريو",
        "سيبير",
        "سيئ",
        "ستراتيج",
        "سيدات",
        "سيده",
        "سيدي",
    ];
    // Whole words only: `سيرتفع` is a verb although `سير` is a noun.
    const NOUN_WORDS: &[&str] =
        &["سير", "سيره", "سيد", "سيف", "سيل", "سيم", "سته", "سنه", "سنا", "سيول", "ستة"];
    !NOUN_WORDS.contains(&key) && !NOUN_STARTS.iter().any(|n| key.starts_with(n))
}

/// The day an ordinal word names on its own (`الاول` → 1 … `العاشر` → 10, `العشرين` → 20,
/// `الثلاثين` → 30), or the unit of a compound (`الحادي` → 1 in `الحادي عشر`).
pub(crate) fn ordinal(key: &str) -> Option<i64> {
    Some(match strip_conj(key) {
        "الاول" | "الحادي" => 1,
        "الثاني" => 2,
        "الثالث" => 3,
        "الرابع" => 4,
        "الخامس" => 5,
        "السادس" => 6,
        "السابع" => 7,
        "الثامن" => 8,
        "التاسع" => 9,
        "العاشر" => 10,
        "العشرين" => 20,
        "الثلاثين" => 30,
        _ => return None,
    })
}

/// Whether a key is a feminine ordinal (`الاولي`, `الثانيه`, … `العاشره`), as in
/// `للجمعه الرابعه` (the fourth Friday), which is no date.
pub(crate) fn is_feminine_ordinal(key: &str) -> bool {
    matches!(
        key,
        "الاولي"
            | "الثانيه"
            | "الثالثه"
            | "الرابعه"
            | "الخامسه"
            | "السادسه"
            | "السابعه"
            | "الثامنه"
            | "التاسعه"
            | "العاشره"
            | "الاخيره"
    )
}

/// Whether a key is a preposition that may stand before a bare month or year (`في يناير`,
/// `منذ 2014`, `حتى 2020`).
pub(crate) fn is_time_preposition(key: &str) -> bool {
    matches!(
        key,
        "في" | "خلال"
            | "منذ"
            | "حتى"
            | "بحلول"
            | "بين"
            | "وفي"
            | "ومنذ"
            | "وحتى"
            | "وخلال"
    )
}
