//! The time tagger on invented sentences.

use jiff::civil::{Date, date};
use marsad_time::{Calendar, Granularity, TimeError, TimeExpr, tag};

/// Saturday 8 January 2022, the reference page's dateline.
const ANCHOR: Date = date(2022, 1, 8);

fn found(text: &str, anchor: Option<Date>) -> Vec<(String, Option<String>)> {
    tag(text, anchor)
        .iter()
        .map(|t| {
            (text.get(t.start..t.end).unwrap_or("?").to_owned(), t.value.map(|v| v.to_string()))
        })
        .collect()
}

/// The single expression in `text`, as (matched text, value).
fn one(text: &str) -> (String, Option<String>) {
    let all = found(text, Some(ANCHOR));
    assert_eq!(all.len(), 1, "{text:?}: {all:?}");
    all.into_iter().next().unwrap_or_default()
}

fn value(text: &str) -> Option<String> {
    one(text).1
}

fn first(text: &str) -> TimeExpr {
    let all = tag(text, Some(ANCHOR));
    assert!(!all.is_empty(), "{text:?}");
    all.into_iter().next().unwrap_or_else(|| unreachable!())
}

#[test]
fn gregorian_dates_in_every_order() {
    for text in [
        "وصل الوفد في 8 يناير 2022 إلى المدينة",
        "وصل الوفد في يناير 8، 2022 إلى المدينة",
        "وصل الوفد في 2022/1/8 إلى المدينة",
        "وصل الوفد في 08-01-2022 إلى المدينة",
        "وصل الوفد في 2022-01-08 إلى المدينة",
        "وصل الوفد في 8/1/2022 إلى المدينة",
        "وصل الوفد يوم السبت 8 يناير 2022 م إلى المدينة",
        "وصل الوفد السبت، 8 كانون الثاني 2022 إلى المدينة",
        "وصل الوفد في 8 جانفي 2022 إلى المدينة",
        "وصل الوفد في ٨ يناير ٢٠٢٢ إلى المدينة",
        "وصل الوفد في ۸ يناير ۲۰۲۲ إلى المدينة",
        "وصل الوفد في ٢٠٢٢/١/٨ إلى المدينة",
        "وصل الوفد في 8 كانون الثاني (يناير) 2022 إلى المدينة",
    ] {
        assert_eq!(value(text).as_deref(), Some("2022-01-08"), "{text}");
        assert!(!first(text).relative);
    }
    assert_eq!(one("وصل الوفد يوم السبت 8 يناير 2022 م إلى المدينة").0, "يوم السبت 8 يناير 2022 م");
}

#[test]
fn three_month_systems() {
    assert_eq!(value("في 14 تشرين الثاني 2019").as_deref(), Some("2019-11-14"));
    assert_eq!(value("في 20 أوت 2016").as_deref(), Some("2016-08-20"));
    assert_eq!(value("في 4 جويلية 2014").as_deref(), Some("2014-07-04"));
    assert_eq!(value("في 1 آب 2020").as_deref(), Some("2020-08-01"));
    assert_eq!(value("في 7 أفريل 2018").as_deref(), Some("2018-04-07"));
    assert_eq!(value("في 3 شباط 2018").as_deref(), Some("2018-02-03"));
}

#[test]
fn dates_with_times() {
    assert_eq!(value("السبت 8 يناير 2022 11:47 ص").as_deref(), Some("2022-01-08T11:47:00"));
    assert_eq!(value("السبت 8 يناير 2022 - 3:05 م").as_deref(), Some("2022-01-08T15:05:00"));
    assert_eq!(value("في 8 يناير 2022 الساعة 21:40").as_deref(), Some("2022-01-08T21:40:00"));
    assert_eq!(first("السبت 8 يناير 2022 11:47 ص").granularity, Granularity::Minute);
    assert_eq!(value("بدأ الاجتماع عند 11:47 ص").as_deref(), Some("11:47:00"));
    assert_eq!(value("بدأ الاجتماع عند 23:05 بتوقيت غرينتش").as_deref(), Some("23:05:00"));
    assert_eq!(one("بدأ الاجتماع عند 23:05 بتوقيت غرينتش").0, "23:05 بتوقيت غرينتش");
    assert_eq!(value("يبدأ الحفل الساعة الثالثة عصرا").as_deref(), Some("15:00:00"));
    assert_eq!(value("يبدأ الحفل الساعة 10 صباحا").as_deref(), Some("10:00:00"));
    assert_eq!(value("يبدأ الحفل غدا الساعة 10 صباحا").as_deref(), Some("2022-01-09T10:00:00"));
}

#[test]
fn months_and_years() {
    assert_eq!(value("في يناير 2022 تغير كل شيء").as_deref(), Some("2022-01-01/2022-01-31"));
    assert_eq!(value("في شباط 2024 تغير كل شيء").as_deref(), Some("2024-02-01/2024-02-29"));
    assert_eq!(value("في عام 2021 تغير كل شيء").as_deref(), Some("2021-01-01/2021-12-31"));
    assert_eq!(value("منذ العام 2015 م تغير كل شيء").as_deref(), Some("2015-01-01/2015-12-31"));
    assert_eq!(value("في مارس الماضي تغير كل شيء").as_deref(), Some("2021-03-01/2021-03-31"));
    assert_eq!(value("في مارس المقبل يتغير كل شيء").as_deref(), Some("2022-03-01/2022-03-31"));
    assert_eq!(value("خلال شهر فبراير يتغير كل شيء").as_deref(), Some("2022-02-01/2022-02-28"));
    assert_eq!(first("في عام 2021 تغير كل شيء").granularity, Granularity::Year);
    assert!(first("في مارس الماضي تغير كل شيء").relative);
    assert_eq!(value("وصل في 5 مارس").as_deref(), Some("2022-03-05"));
}

#[test]
fn reference_page_weekdays() {
    // Anchor Saturday 8 January 2022.
    assert_eq!(value("والجمعة، حذر الوزير").as_deref(), Some("2022-01-07"));
    assert_eq!(value("حذرت الوزارة، الخميس، القوات").as_deref(), Some("2022-01-06"));
    assert_eq!(value("بدأت الحركة، الأحد الماضي، في المدن").as_deref(), Some("2022-01-02"));
    assert_eq!(value("تحادث الرئيسان، السبت، هاتفيا").as_deref(), Some("2022-01-08"));
}

#[test]
fn weekdays_forward() {
    assert_eq!(value("يعقد المجلس اجتماعه الأحد المقبل").as_deref(), Some("2022-01-09"));
    assert_eq!(value("ستعقد القمة يوم الخميس في العاصمة").as_deref(), Some("2022-01-13"));
    assert_eq!(value("سوف يزور الوزير المدينة الاثنين").as_deref(), Some("2022-01-10"));
    assert_eq!(value("السبت المقبل موعد الافتتاح").as_deref(), Some("2022-01-15"));
    assert_eq!(value("السبت الماضي كان موعد الافتتاح").as_deref(), Some("2022-01-01"));
    // A noun starting with سي is no future verb.
    assert_eq!(value("ناقشت اللجنة السياسية الخميس الملف").as_deref(), Some("2022-01-06"));
}

#[test]
fn deictic_days() {
    assert_eq!(value("أعلنت الوزارة اليوم عن خطة").as_deref(), Some("2022-01-08"));
    assert_eq!(value("أعلنت الوزارة أمس عن خطة").as_deref(), Some("2022-01-07"));
    assert_eq!(value("أعلنت الوزارة أول أمس عن خطة").as_deref(), Some("2022-01-06"));
    assert_eq!(value("أعلنت الوزارة أول من أمس عن خطة").as_deref(), Some("2022-01-06"));
    assert_eq!(value("تعلن الوزارة غداً عن خطة").as_deref(), Some("2022-01-09"));
    assert_eq!(value("تعلن الوزارة بعد غد عن خطة").as_deref(), Some("2022-01-10"));
    assert_eq!(one("أعلنت الوزارة أمس الجمعة عن خطة").0, "أمس الجمعة");
    assert!(found("وفي اليوم نفسه وصل الوفد", Some(ANCHOR)).is_empty());
    assert!(found("احتفلت البلاد باليوم الوطني", Some(ANCHOR)).is_empty());
}

#[test]
fn offsets_from_the_anchor() {
    assert_eq!(value("وصل الوفد منذ ثلاثة أيام").as_deref(), Some("2022-01-05"));
    assert_eq!(value("وصل الوفد قبل يومين").as_deref(), Some("2022-01-06"));
    assert_eq!(value("وصل الوفد قبل 10 أيام").as_deref(), Some("2021-12-29"));
    assert_eq!(value("يصل الوفد بعد أسبوعين").as_deref(), Some("2022-01-22"));
    assert_eq!(value("وصل الوفد قبل شهرين").as_deref(), Some("2021-11-01/2021-11-30"));
    assert_eq!(value("وصل الوفد منذ عامين").as_deref(), Some("2020-01-01/2020-12-31"));
    assert_eq!(value("وصل الوفد قبل أسبوع").as_deref(), Some("2022-01-01"));
    // Not offsets: a named month or year follows.
    assert_eq!(value("وصل الوفد قبل شهر رمضان 1443 هـ").as_deref(), Some("2022-04-02/2022-05-01"));
    assert_eq!(one("تغير كل شيء بعد عام 2011").0, "عام 2011");
}

#[test]
fn periods() {
    assert_eq!(value("ارتفعت الأسعار الأسبوع الماضي").as_deref(), Some("2022-01-01/2022-01-07"));
    assert_eq!(value("ارتفعت الأسعار خلال الأسبوع الماضي").as_deref(), Some("2022-01-01/2022-01-07"));
    assert_eq!(value("ترتفع الأسعار الشهر المقبل").as_deref(), Some("2022-02-01/2022-02-28"));
    assert_eq!(value("ارتفعت الأسعار العام الماضي").as_deref(), Some("2021-01-01/2021-12-31"));
    assert_eq!(value("ارتفعت الأسعار في السنة الماضية").as_deref(), Some("2021-01-01/2021-12-31"));
    assert_eq!(value("ترتفع الأسعار هذا العام").as_deref(), Some("2022-01-01/2022-12-31"));
    assert_eq!(value("ارتفعت الأسعار مطلع الشهر الجاري").as_deref(), Some("2022-01-01/2022-01-10"));
    assert_eq!(first("ارتفعت الأسعار العام الماضي").granularity, Granularity::Year);
}

#[test]
fn hijri_dates() {
    let t = first("الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م");
    assert_eq!(t.calendar, Calendar::Hijri);
    assert_eq!(t.value.map(|v| v.to_string()).as_deref(), Some("2015-08-10"));
    let all = found("الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م", None);
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].1.as_deref(), Some("2015-08-10"));
    assert_eq!(value("في 5 جمادى الآخرة 1443 هـ").as_deref(), Some("2022-01-08"));
    assert_eq!(value("في 5 جمادى الثانية 1443هـ").as_deref(), Some("2022-01-08"));
    assert_eq!(value("في 1 رمضان 1436 هـ").as_deref(), Some("2015-06-18"));
    assert!(value("في 12 ربيع الأول 1443 هـ").is_some());
    assert!(value("في 12 ربيع الاول 1443 هـ").is_some());
    assert!(value("في 10 ذي الحجة 1442 هـ").is_some());
    assert!(value("في 10 ذو القعدة 1442").is_some());
    assert_eq!(value("في رمضان 1436 هـ").as_deref(), Some("2015-06-18/2015-07-16"));
    assert!(value("في عام 1436 هـ").is_some());
}

#[test]
fn impossible_dates_have_errors_not_values() {
    for (text, error) in [
        ("في 30 فبراير 2022 حدث ذلك", TimeError::ImpossibleDate),
        ("في 2022/13/01 حدث ذلك", TimeError::ImpossibleDate),
        ("في 31 شوال 1436 هـ حدث ذلك", TimeError::ImpossibleDate),
        ("في 8 يناير 9999 حدث ذلك", TimeError::AbsurdYear),
        ("في عام 3021 حدث ذلك", TimeError::AbsurdYear),
        ("في 8 يناير 2022 25:00 حدث ذلك", TimeError::InvalidTime),
        ("عند 13:00 ص حدث ذلك", TimeError::InvalidTime),
    ] {
        let t = first(text);
        assert_eq!(t.value, None, "{text}");
        assert_eq!(t.error, Some(error), "{text}");
    }
}

#[test]
fn without_anchor_relative_stays_unresolved() {
    for text in ["أعلنت الوزارة أمس", "الأحد الماضي", "منذ ثلاثة أيام", "العام الماضي", "في 5 مارس"]
    {
        let all = tag(text, None);
        assert_eq!(all.len(), 1, "{text}");
        assert!(all.iter().all(|t| t.value.is_none() && t.relative && t.error.is_none()), "{text}");
    }
    // Absolute dates do not need an anchor.
    assert_eq!(found("في 8 يناير 2022", None)[0].1.as_deref(), Some("2022-01-08"));
}

#[test]
fn plain_prose_has_no_times() {
    for text in [
        "قال أحد المسؤولين إن الاتفاق مارس ضغطا على الأطراف",
        "ارتفع عدد السيارات إلى 3000 سيارة",
        "بلغت النسبة 2.5 في المئة",
        "",
    ] {
        assert!(found(text, Some(ANCHOR)).is_empty(), "{text}: {:?}", found(text, Some(ANCHOR)));
    }
}

#[test]
fn offsets_point_into_the_original() {
    let text = "  وفي يوم الأحد الماضي،   وصل الوفد ";
    let all = tag(text, Some(ANCHOR));
    assert_eq!(all.len(), 1);
    assert_eq!(text.get(all[0].start..all[0].end), Some("يوم الأحد الماضي"));
}

#[test]
fn ordinal_days_and_years_after_min() {
    assert_eq!(value("وقع الاتفاق في الثالث من أبريل/نيسان 2018").as_deref(), Some("2018-04-03"));
    assert_eq!(value("وقع الاتفاق في الأول من إبريل الجاري").as_deref(), Some("2022-04-01"));
    assert_eq!(value("وقع الاتفاق في الحادي والعشرين من مارس 2019").as_deref(), Some("2019-03-21"));
    assert_eq!(value("وقع الاتفاق في 11 من شهر إبريل 2019").as_deref(), Some("2019-04-11"));
    assert_eq!(value("وقع الاتفاق في 14 أبريل من عام 2001").as_deref(), Some("2001-04-14"));
    assert_eq!(value("وقع الاتفاق في 18 أبريل/نيسان عام 1983").as_deref(), Some("1983-04-18"));
    // An ordinal without `من` is just a word.
    assert!(found("فاز الفريق الثاني في المسابقة", Some(ANCHOR)).is_empty());
}

#[test]
fn day_month_with_qualifier() {
    assert_eq!(value("بدأ المعسكر في 20 يوليو الماضي").as_deref(), Some("2021-07-20"));
    assert_eq!(value("تبدأ البطولة يوم 17 يونيو المقبل").as_deref(), Some("2022-06-17"));
    assert_eq!(value("تبدأ البطولة في 3 يناير المقبل").as_deref(), Some("2023-01-03"));
}

#[test]
fn bare_months_and_years_after_prepositions() {
    assert_eq!(
        value("ارتفع الإنتاج في فبراير بنسبة كبيرة").as_deref(),
        Some("2021-02-01/2021-02-28")
    );
    assert_eq!(
        value("ارتفع الإنتاج في يناير بنسبة كبيرة").as_deref(),
        Some("2022-01-01/2022-01-31")
    );
    assert_eq!(
        value("سيرتفع الإنتاج في مارس بنسبة كبيرة").as_deref(),
        Some("2022-03-01/2022-03-31")
    );
    assert_eq!(value("لم يحدث ذلك منذ 2014").as_deref(), Some("2014-01-01/2014-12-31"));
    let all = found("وقعت القضية بين 2002 و2004 في المدينة", Some(ANCHOR));
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(all[1].1.as_deref(), Some("2004-01-01/2004-12-31"));
    // A bare number is no year without a preposition, nor outside 1900–2100.
    assert!(found("بلغ العدد 2014 شخصا", Some(ANCHOR)).is_empty());
    assert!(found("في 3000 منزل", Some(ANCHOR)).is_empty());
}

#[test]
fn parts_of_named_months_and_years() {
    assert_eq!(value("تعقد القمة أواخر مايو").as_deref(), Some("2021-05-21/2021-05-31"));
    assert_eq!(value("انخفض السعر منذ أواخر عام 2014").as_deref(), Some("2014-08-31/2014-12-31"));
    assert_eq!(value("يمتد الاتفاق حتى نهاية 2018").as_deref(), Some("2018-08-31/2018-12-31"));
    assert_eq!(value("بدأ الإضراب بداية العام 2012").as_deref(), Some("2012-01-01/2012-05-01"));
}

#[test]
fn numeric_hijri_dates() {
    assert_eq!(value("توفيت صباح يوم السبت 2-10-1436هـ").as_deref(), Some("2015-07-18"));
    assert_eq!(value("بحسب التعليمات الصادرة في 1436/10/25").as_deref(), Some("2015-08-10"));
    assert_eq!(value("وتاريخ 25 / 10 / 1436هـ صدر القرار").as_deref(), Some("2015-08-10"));
    assert_eq!(first("وتاريخ 25 / 10 / 1436هـ صدر القرار").calendar, Calendar::Hijri);
}

#[test]
fn not_anchored_on_the_publication_day() {
    // Counted from another event.
    assert!(found("عاد بعد 5 سنوات من الغياب", Some(ANCHOR)).is_empty());
    assert!(found("سجلوا قبل أسبوع من الانتخابات", Some(ANCHOR)).is_empty());
    // The weekend, a count of Fridays, hours per day.
    assert!(found("حقق الفيلم أرقاما في نهاية الأسبوع الأول", Some(ANCHOR)).is_empty());
    assert!(found("تتواصل المسيرات للجمعة الرابعة", Some(ANCHOR)).is_empty());
    assert!(found("عمل 12 ساعة في اليوم", Some(ANCHOR)).is_empty());
    // But approximations from today are.
    assert_eq!(value("قدم المسرحية قبل نحو 30 عاما").as_deref(), Some("1992-01-01/1992-12-31"));
    assert_eq!(value("ارتفعت الأسعار الأسبوع قبل الماضي").as_deref(), Some("2021-12-25/2021-12-31"));
}
