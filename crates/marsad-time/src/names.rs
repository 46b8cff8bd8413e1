//! Names of months, weekdays and times of day, as keys (see [`marsad_text::normalize()`]).
//!
//! Every table matches keys, so `أبريل`, `ابريل` and `إبريل` are one entry, and so are
//! `آذار`/`اذار` and `جويلية`/`جويليه`.

/// The month (1–12) named by a one-word key, in any of the naming systems:
///
/// - Egypt and the Gulf: `يناير` … `ديسمبر`, with the variants `يونيه`, `يوليه`;
/// - the Levant and Iraq: `شباط` … `أيلول` (the two-word names are in [`two_word_month`]);
/// - the Maghreb: `جانفي`, `فيفري`, `أفريل`, `ماي`, `جوان`, `جويلية`, `أوت`;
/// - Morocco: `يوليوز`, `غشت`, `شتنبر`, `نونبر`, `دجنبر`.
pub(crate) fn one_word_month(key: &str) -> Option<i8> {
    let month = match key {
        "يناير" | "جانفي" => 1,
        "فبراير" | "فيفري" | "شباط" => 2,
        "مارس" | "اذار" => 3,
        "ابريل" | "افريل" | "نيسان" => 4,
        "مايو" | "ماي" | "ايار" => 5,
        "يونيو" | "يونيه" | "جوان" | "حزيران" => 6,
        "يوليو" | "يوليه" | "جويليه" | "يوليوز" | "تموز" => 7,
        "اغسطس" | "اوت" | "غشت" | "اب" => 8,
        "سبتمبر" | "شتنبر" | "ايلول" => 9,
        "اكتوبر" => 10,
        "نوفمبر" | "نونبر" => 11,
        "ديسمبر" | "دجنبر" => 12,
        _ => return None,
    };
    Some(month)
}

/// The month named by the Levantine two-word names `كانون الثاني`, `تشرين الأول`,
/// `تشرين الثاني`, `كانون الأول` (the article may be missing: `كانون ثاني`).
pub(crate) fn two_word_month(first: &str, second: &str) -> Option<i8> {
    let second = second.strip_prefix("ال").unwrap_or(second);
    match (first, second) {
        ("كانون", "ثاني") => Some(1),
        ("تشرين", "اول") => Some(10),
        ("تشرين", "ثاني") => Some(11),
        ("كانون", "اول") => Some(12),
        _ => None,
    }
}

/// Whether a key names a day of the week (`السبت`, `الأحد`, …, with or without `ال`).
pub(crate) fn is_weekday(key: &str) -> bool {
    let bare = key.strip_prefix("ال").unwrap_or(key);
    matches!(bare, "سبت" | "احد" | "اثنين" | "ثلاثاء" | "اربعاء" | "خميس" | "جمعه")
}

/// Half of the day named after a clock time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Meridiem {
    /// `ص`, `صباحا`, `am`.
    Am,
    /// `م`, `مساء`, `ظهرا`, `عصرا`, `pm`.
    Pm,
}

/// The half of the day a key after a clock time names.
pub(crate) fn meridiem(key: &str) -> Option<Meridiem> {
    match key {
        "ص" | "صباحا" | "صباح" | "صباحي" | "am" => Some(Meridiem::Am),
        "م" | "مساء" | "مساءا" | "مسائي" | "ظهرا" | "عصرا" | "pm" => {
            Some(Meridiem::Pm)
        }
        _ => None,
    }
}

/// Whether a key after a year marks the Gregorian era (`2022 م`, `2022 ميلادي`).
pub(crate) fn is_gregorian_era(key: &str) -> bool {
    matches!(key, "م" | "ميلادي" | "ميلاديه" | "للميلاد")
}

/// Words that may sit between the parts of a dateline without adding anything:
/// `يوم` before a weekday, `الساعة` before a time, `T` in ISO 8601.
pub(crate) fn is_filler(key: &str) -> bool {
    matches!(key, "الساعه" | "ساعه" | "t" | "في" | "يوم")
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_text::normalize;

    fn month(name: &str) -> Option<i8> {
        let key = normalize(name);
        let mut words = key.split(' ');
        match (words.next(), words.next()) {
            (Some(first), None) => one_word_month(first),
            (Some(first), Some(second)) => two_word_month(first, second),
            _ => None,
        }
    }

    #[test]
    fn all_three_systems() {
        let egypt = [
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "مايو",
            "يونيو",
            "يوليو",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        ];
        let levant = [
            "كانون الثاني",
            "شباط",
            "آذار",
            "نيسان",
            "أيار",
            "حزيران",
            "تموز",
            "آب",
            "أيلول",
            "تشرين الأول",
            "تشرين الثاني",
            "كانون الأول",
        ];
        let maghreb = [
            "جانفي",
            "فيفري",
            "مارس",
            "أفريل",
            "ماي",
            "جوان",
            "جويلية",
            "أوت",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        ];
        for system in [egypt, levant, maghreb] {
            for (i, name) in system.iter().enumerate() {
                assert_eq!(month(name), i8::try_from(i + 1).ok(), "{name}");
            }
        }
    }

    #[test]
    fn spelling_variants() {
        for (name, m) in [
            ("ابريل", 4),
            ("إبريل", 4),
            ("يونيه", 6),
            ("يونية", 6),
            ("يوليه", 7),
            ("اغسطس", 8),
            ("آغسطس", 8),
            ("اذار", 3),
            ("كانون ثاني", 1),
            ("تشرينُ الأوّل", 10),
        ] {
            assert_eq!(month(name), Some(m), "{name}");
        }
        assert_eq!(month("كانون"), None);
        assert_eq!(month("تشرين الثالث"), None);
    }

    #[test]
    fn weekdays_and_meridiem() {
        for day in ["السبت", "الأحد", "الإثنين", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"]
        {
            assert!(is_weekday(&normalize(day)), "{day}");
        }
        assert!(!is_weekday(&normalize("الأسبوع")));
        assert_eq!(meridiem(&normalize("صباحاً")), Some(Meridiem::Am));
        assert_eq!(meridiem(&normalize("مساءً")), Some(Meridiem::Pm));
        assert_eq!(meridiem("PM"), None, "keys are lowercase");
    }
}
