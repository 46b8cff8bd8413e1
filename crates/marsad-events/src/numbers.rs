//! Numbers as news writes them: digits in any script with separators (`3,000`, `٣٠٠٠`,
//! `2.5`), multiplier words (`3 آلاف`, `2.5 مليار`), number words (`ثلاثة`, `عشرين`), vague
//! quantities (`عشرات`, `مئات`, `آلاف`) and ranges (`بين 10 و20`, `10-20`).

use marsad_text::normalize;

use crate::ctx::{FieldCtx, strip_conj};

/// A number found at some tokens.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct NumberExpr {
    /// First and last token indices.
    pub first: usize,
    pub last: usize,
    pub value: f64,
    /// The upper bound of a range.
    pub max: Option<f64>,
    /// `عشرات`, `مئات`, `آلاف`: a lower bound, not a count.
    pub vague: bool,
    /// Written in words rather than digits.
    pub words: bool,
    /// A dual noun (`شخصين`, `جنديين`): the number is also the noun counted.
    pub noun: bool,
}

impl NumberExpr {
    /// `عشرات`, `مئات الآلاف`…: a lower bound written in words over tokens `first..=last`.
    fn vague_words(first: usize, last: usize, value: f64) -> NumberExpr {
        NumberExpr { first, last, value, max: None, vague: true, words: true, noun: false }
    }
}

/// The value of a number token's text: any digit system, `,`/`٬` thousands separators,
/// `.`/`٫` (or a comma not followed by exactly three digits) as the decimal point. Clock
/// times and dates (`11:47`, `2022/1/8`) are not numbers here.
pub fn parse_number(s: &str) -> Option<f64> {
    let key = normalize(s);
    if key.is_empty() || key.contains([':', '/']) {
        return None;
    }
    let mut digits = String::with_capacity(key.len());
    let chars: Vec<char> = key.chars().collect();
    let mut seen_decimal = false;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            ',' | '\u{066C}' | '،' => {
                let group =
                    chars.get(i + 1..i + 4).is_some_and(|g| g.iter().all(char::is_ascii_digit))
                        && !chars.get(i + 4).is_some_and(char::is_ascii_digit);
                if !group {
                    if seen_decimal {
                        return None;
                    }
                    seen_decimal = true;
                    digits.push('.');
                }
            }
            '.' | '\u{066B}' => {
                if seen_decimal {
                    return None;
                }
                seen_decimal = true;
                digits.push('.');
            }
            _ => return None,
        }
    }
    digits.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Multiplier words after a number (`ألف`, `آلاف`, `مليون`, `مليار`).
fn multiplier(key: &str) -> Option<f64> {
    match key {
        "الف" | "الاف" | "الفا" => Some(1e3),
        "مليون" | "ملايين" | "مليونا" => Some(1e6),
        "مليار" | "مليارات" | "مليارا" | "بليون" => Some(1e9),
        "تريليون" => Some(1e12),
        _ => None,
    }
}

/// Number words (keys, without conjunction) and their values.
fn word_value(key: &str) -> Option<f64> {
    let v = match key {
        "واحد" | "واحده" => 1.0,
        "اثنان" | "اثنين" | "اثنتان" | "اثنتين" => 2.0,
        "ثلاث" | "ثلاثه" => 3.0,
        "اربع" | "اربعه" => 4.0,
        "خمس" | "خمسه" => 5.0,
        "ست" | "سته" => 6.0,
        "سبع" | "سبعه" => 7.0,
        "ثماني" | "ثمانيه" | "ثمان" => 8.0,
        "تسع" | "تسعه" => 9.0,
        "عشر" | "عشره" => 10.0,
        "عشرون" | "عشرين" => 20.0,
        "ثلاثون" | "ثلاثين" => 30.0,
        "اربعون" | "اربعين" => 40.0,
        "خمسون" | "خمسين" => 50.0,
        "ستون" | "ستين" => 60.0,
        "سبعون" | "سبعين" => 70.0,
        "ثمانون" | "ثمانين" => 80.0,
        "تسعون" | "تسعين" => 90.0,
        "مئه" | "مائه" => 100.0,
        "مئتي" | "مائتي" | "مئتان" | "مائتان" | "مئتين" | "مائتين" | "مئتا" | "مائتا" => {
            200.0
        }
        "الف" => 1e3,
        "الفي" | "الفان" | "الفين" => 2e3,
        "مليون" => 1e6,
        // Duals of the scale words (`مليونا دولار`, `ملياري يورو`).
        "مليوني" | "مليونين" | "مليونان" => 2e6,
        "مليار" => 1e9,
        "ملياري" | "مليارين" | "ملياران" => 2e9,
        _ => return compound_hundreds(key),
    };
    Some(v)
}

/// Hundreds written as one word: `ثلاثمئة` … `تسعمئة` (also with `مائة`).
fn compound_hundreds(key: &str) -> Option<f64> {
    let units = key.strip_suffix("مئه").or_else(|| key.strip_suffix("مائه"))?;
    let n = match units {
        "ثلاث" => 3.0,
        "اربع" => 4.0,
        "خمس" => 5.0,
        "ست" => 6.0,
        "سبع" => 7.0,
        "ثمان" | "ثماني" => 8.0,
        "تسع" => 9.0,
        _ => return None,
    };
    Some(n * 100.0)
}

/// Vague quantity words: the lower bound they imply.
fn vague_value(key: &str) -> Option<f64> {
    match key {
        "عشرات" => Some(10.0),
        "مئات" | "مايات" => Some(100.0),
        "الاف" => Some(1e3),
        "عشرات الاف" => Some(1e4),
        "مئات الاف" => Some(1e5),
        "ملايين" => Some(1e6),
        _ => None,
    }
}

/// Nouns of people with a broken plural, whose `ين`/`ان` form is a dual (`شخصين`,
/// `قائدين`, `جنديين`), not a plural. Written as normalization keys.
const DUAL_STEMS: &[&str] = &[
    "شخص",
    "قائد",
    "جندي",
    "طفل",
    "رجل",
    "ضابط",
    "عنصر",
    "شاب",
    "شقيق",
    "حارس",
    "امرات",
    "طفلت",
    "سائق",
    "طالب",
    "صبي",
    "ولد",
    "زعيم",
];

/// Whether `key` is the dual of a noun of people.
fn dual(key: &str) -> bool {
    ["ين", "ان"]
        .iter()
        .any(|suffix| key.strip_suffix(suffix).is_some_and(|stem| DUAL_STEMS.contains(&stem)))
}

fn bare_number_key(key: &str) -> &str {
    let k = strip_conj(key);
    k.strip_prefix("ب").filter(|r| word_value(r).is_some() || vague_value(r).is_some()).unwrap_or(k)
}

/// The number starting at token `i` (before `end`), if there is one.
pub(crate) fn number_at(ctx: &FieldCtx, i: usize, end: usize) -> Option<NumberExpr> {
    let mut expr = single(ctx, i, end)?;
    // A range: `10-20`, `10 إلى 20`, `بين 10 و20`.
    let sep = ctx.key(expr.last + 1);
    let before = i.checked_sub(1).map_or("", |p| ctx.key(p));
    let range_sep = sep == "-" || sep == "–" || ((sep == "الي" || sep == "و") && before == "بين");
    if range_sep && expr.last + 2 < end {
        if let Some(hi) = single(ctx, expr.last + 2, end)
            && hi.value > expr.value
            && !hi.vague
        {
            expr.max = Some(hi.value);
            expr.last = hi.last;
        }
    } else if before == "بين" && expr.last + 1 < end {
        // `بين 10 و20` where `و20` is one token.
        let k = ctx.key(expr.last + 1);
        if let Some(rest) = k.strip_prefix('و')
            && let Some(v) = parse_number(rest).filter(|v| *v > expr.value)
        {
            expr.max = Some(v);
            expr.last += 1;
        }
    }
    Some(expr)
}

fn single(ctx: &FieldCtx, i: usize, end: usize) -> Option<NumberExpr> {
    if i >= end || ctx.in_time(i) {
        return None;
    }
    let key = ctx.key(i);
    if ctx.is_number(i) {
        let mut value = parse_number(ctx.word(i))?;
        let mut last = i;
        if i + 1 < end
            && let Some(m) = multiplier(strip_conj(ctx.key(i + 1)))
        {
            value *= m;
            last = i + 1;
        }
        return Some(NumberExpr {
            first: i,
            last,
            value,
            max: None,
            vague: false,
            words: false,
            noun: false,
        });
    }
    if !ctx.is_word(i) {
        return None;
    }
    let k = bare_number_key(key);
    if let Some(v) = vague_value(k) {
        // `عشرات الآلاف`
        // (`عشرات الآلاف` with the article too.)
        let next = ctx.key(i + 1);
        let next = next.strip_prefix("ال").filter(|r| vague_value(r).is_some()).unwrap_or(next);
        let combined = if i + 1 < end { vague_value(&format!("{k} {next}")) } else { None };
        return Some(match combined {
            Some(v2) => NumberExpr::vague_words(i, i + 1, v2),
            None => NumberExpr::vague_words(i, i, v),
        });
    }
    // `العشرات`, `الآلاف`, `زملائه الأربعة`: with the article.
    let k = match k.strip_prefix("ال") {
        Some(rest) if word_value(k).is_none() && vague_value(k).is_none() => {
            if let Some(v) = vague_value(rest) {
                return Some(NumberExpr::vague_words(i, i, v));
            }
            rest
        }
        _ => k,
    };
    if word_value(k).is_none() {
        return dual(k).then_some(NumberExpr {
            first: i,
            last: i,
            value: 2.0,
            max: None,
            vague: false,
            words: true,
            noun: true,
        });
    }
    let mut value = word_value(k)?;
    let mut last = i;
    // `خمسة عشر`: a unit before `عشر` is a teen.
    if value < 10.0 && last + 1 < end && matches!(ctx.key(last + 1), "عشر" | "عشره") {
        value += 10.0;
        last += 1;
    }
    // `مائة وخمسون`, `ثلاثة وعشرون`, `مئتان وخمسة وعشرون`: number words joined by `و`
    // add up, hundreds before units before tens (`ثلاثة وأربعة` is two numbers).
    let mut part = value;
    while last + 1 < end {
        let Some(v) = ctx.key(last + 1).strip_prefix('و').and_then(word_value) else { break };
        let tens = (20.0..100.0).contains(&v) && v % 10.0 == 0.0;
        let fits = (part >= 100.0 && v < 100.0) || (part < 10.0 && tens);
        if !fits {
            break;
        }
        value += v;
        part = v;
        last += 1;
    }
    if value < 1000.0
        && last + 1 < end
        && let Some(m) = multiplier(strip_conj(ctx.key(last + 1)))
    {
        value *= m;
        last += 1;
    }
    Some(NumberExpr { first: i, last, value, max: None, vague: false, words: true, noun: false })
}

#[cfg(test)]
mod tests {
    use super::parse_number;

    #[test]
    fn digits_in_any_script_with_separators() {
        assert_eq!(parse_number("3000"), Some(3000.0));
        assert_eq!(parse_number("3,000"), Some(3000.0));
        assert_eq!(parse_number("٣٠٠٠"), Some(3000.0));
        assert_eq!(parse_number("۷۰۰"), Some(700.0));
        assert_eq!(parse_number("2.5"), Some(2.5));
        assert_eq!(parse_number("2,5"), Some(2.5));
        assert_eq!(parse_number("٢٫٥"), Some(2.5));
        assert_eq!(parse_number("1,250,000"), Some(1_250_000.0));
        assert_eq!(parse_number("11:47"), None);
        assert_eq!(parse_number("2022/1/8"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("1.2.3"), None);
    }
}
