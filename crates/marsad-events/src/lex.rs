//! Word lists, written in plain Arabic and turned into normalization keys once.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use marsad_text::normalize;

use crate::ctx::strip_conj;

/// Past-tense (third person masculine singular) attribution verbs; feminine `ت`, plural `وا`
/// and dual `ا` forms are derived.
const SPEECH_VERBS: &[&str] = &[
    "قال",
    "أضاف",
    "تابع",
    "أكد",
    "اعتبر",
    "أوضح",
    "صرح",
    "أشار",
    "ذكر",
    "حذر",
    "شدد",
    "لفت",
    "أعلن",
    "أفاد",
    "كشف",
    "نفى",
    "استطرد",
    "أردف",
    "زعم",
    "اعترف",
    "أبلغ",
    "رأى",
    "تساءل",
    "علق",
    "ختم",
    "نوه",
    "نقل",
    "توعد",
    "ادعى",
    // `أوردت الصحيفة أن …`: reported what a source wrote.
    "أورد",
    // `ردت موسكو بأنها …`, `كتب على تويتر أن …`, `رجحت مصادر أن …`
    "رد",
    "كتب",
    "رجح",
    "كرر",
    // `فأجاب كيم "…"`
    "أجاب",
];

/// Verbs that attribute a quotation in marks but not reported speech (`ووصفه بأنه "…"`,
/// `دعا المواطنين إلى "…"`): cues of direct quotes only.
const DIRECT_VERBS: &[&str] = &[
    "وصف",
    "تعهد",
    "دعا",
    "طالب",
    "طلب",
    "اتهم",
    "بث",
    "غرد",
    "التمس",
    "حث",
    "حض",
    "ناشد",
    "انتقد",
    "ندد",
    "أدان",
    "دان",
    "هدد",
    "أعرب",
];

/// Present forms and participles of [`DIRECT_VERBS`], as written.
const DIRECT_OTHER: &[&str] = &[
    "يصف",
    "تصف",
    "يدعو",
    "تدعو",
    "يطالب",
    "تطالب",
    "يتهم",
    "تتهم",
    "يكتب",
    "يتعهد",
    "ينتقد",
    "يندد",
    "يهدد",
    "تهدد",
];

/// Participles of [`DIRECT_VERBS`]: they attach a quotation in marks to the subject.
const DIRECT_PARTICIPLES: &[&str] = &[
    "واصفا",
    "واصفة",
    "داعيا",
    "داعية",
    "مطالبا",
    "مطالبة",
    "متهما",
    "متهمة",
    "مغردا",
    "متعهدا",
    "متوعدا",
    "مهددا",
    "منددا",
    "كاتبا",
];

/// `قوله`: the words of the one named before it with `عن` (`نقلت الوكالة عن X قوله: "…"`).
const QAWL: &[&str] = &["قوله", "قولها", "قولهم", "قولهما"];

/// Nouns before a quotation mark that make the quoted words a name (`لمحطة "…"`).
const NAME_HEADS: &[&str] = &[
    "صحيفة",
    "قناة",
    "محطة",
    "وكالة",
    "موقع",
    "شبكة",
    "مجلة",
    "تلفزيون",
    "إذاعة",
    "راديو",
    "برنامج",
    "حركة",
    "تنظيم",
    "جماعة",
    "منظمة",
    "مركز",
    "لجنة",
    "حساب",
    "وسم",
    "هاشتاغ",
    "مؤسسة",
    "شركة",
    "مجموعة",
    "جبهة",
    "حزب",
    "كتاب",
    "فيلم",
    "رواية",
    "مسلسل",
    "عملية",
    "جمعية",
    "ائتلاف",
    "تحالف",
    "مبادرة",
    "حملة",
    "مسيرة",
    "صفحة",
    "تطبيق",
    "مشروع",
    "جيش",
    "لواء",
    "فصيل",
];

/// Titles that may stand before a name in apposition (`، العميد يحيى رسول، إن`).
const NAME_TITLES: &[&str] = &[
    "الجنرال",
    "العقيد",
    "العميد",
    "اللواء",
    "الركن",
    "الدكتور",
    "الشيخ",
    "المقدم",
    "الرائد",
    "النقيب",
    "السيد",
    "السيدة",
    "الفريق",
    "المشير",
    "القاضي",
    "الأستاذ",
    "المهندس",
    "الميجور",
    "الكولونيل",
    "الكابتن",
    "السفير",
];

/// Nouns of documents: as a speaker they stand for whoever issued them (`وأضاف البيان`).
const DOCUMENT_NOUNS: &[&str] = &[
    "البيان",
    "بيان",
    "التقرير",
    "تقرير",
    "الرسالة",
    "رسالة",
    "الوثيقة",
    "المذكرة",
    "التغريدة",
    "التصريح",
];

/// Unnamed sources (`مصادر يمنية`); with the article they refer back (`وأوضحت المصادر`).
const SOURCE_NOUNS: &[&str] = &["مصدر", "مصادر"];

/// Present-tense attribution verbs (3rd person masculine singular, as written); the
/// feminine `ت`, plural `ون` and dual `ان` forms are derived. Not `يذكر` (`يذكر أن` is the
/// impersonal "it is worth noting"), nor `يبين` (its `تبين` is also "it turned out").
const SPEECH_PRESENT: &[&str] = &[
    "يقول",
    "يضيف",
    "يؤكد",
    "يرى",
    "يعتبر",
    "يشير",
    "يوضح",
    "يحذر",
    "يتابع",
    "يزعم",
    "يتوعد",
    "يعلن",
    "يكشف",
    "يفيد",
    "ينفي",
    "يلفت",
    "ينوه",
    "يشدد",
    "يصرح",
    "يعترف",
    "يتساءل",
    "يؤكدون",
    "يدعي",
    "يكتب",
    "يرجح",
];

/// Participles (masculine, as written) that attach a quote to the subject of the sentence
/// (`…، قائلا: "…"`); the feminine `ة` and plural `ين` forms are derived.
const PARTICIPLES: &[&str] = &[
    "قائلا",
    "مضيفا",
    "مؤكدا",
    "مشيرا",
    "موضحا",
    "معتبرا",
    "محذرا",
    "لافتا",
    "مشددا",
    "متابعا",
    "مستطردا",
    "معلقا",
    "منوها",
    "مبينا",
    "كاشفا",
    "معلنا",
    "نافيا",
    "زاعما",
    "مدعيا",
];

/// Prepositions that name a quote's source (`بحسب X`, `وفقا لـ X`, `نقلا عن X`).
const SOURCES: &[&str] = &["بحسب", "حسب", "وفقا", "وفق", "طبقا", "نقلا"];

/// Complementizers that open reported speech.
const COMPLEMENTIZERS: &[&str] = &[
    "أن",
    "إن",
    "بأن",
    "أنه",
    "إنه",
    "أنها",
    "إنها",
    "أنهم",
    "إنهم",
    "أنهما",
    "إنهما",
    "أنهن",
    "إنهن",
    "بأنهن",
    "بأنهما",
    "بأنه",
    "بأنها",
    "بأنهم",
    "أننا",
    "إننا",
    "أنني",
    "إنني",
    "أنّ",
    "إنّ",
];

/// Words that end a speaker phrase.
const SPEAKER_STOPS: &[&str] = &[
    "من",
    "في",
    "خلال",
    "على",
    "عن",
    "إلى",
    "الى",
    "مع",
    "أمام",
    "عبر",
    "الذي",
    "التي",
    "بعد",
    "قبل",
    "قبيل",
    "لدى",
    "اليوم",
    "أمس",
    "لـ",
    "ل",
    "حيث",
    "وقد",
    "قد",
    "إثر",
    "عقب",
    "أيضا",
    "كذلك",
    "بدوره",
    "فيه",
    "فيها",
    "قوله",
    "قولها",
    "بدورها",
    "لوكالة",
    "للصحفيين",
    "لصحيفة",
    "لقناة",
    "بيان",
    "تصريح",
    "تصريحات",
    "ببيان",
    "ببيانها",
    "ببيانه",
    "بيانها",
    "بيانه",
    "للوكالة",
    "للصحافيين",
    "لمحطة",
    "قائلا",
    "بالقول",
    "عنه",
    "عنها",
    "عنهم",
    "له",
    "لها",
    "لهم",
    "منذ",
    "عما",
    "مما",
    "بما",
    "فيما",
    "أثناء",
    "اثناء",
    "وسط",
    "عند",
];

/// Role words of people; a bare role as speaker resolves to the person named before.
const PERSON_ROLES: &[&str] = &[
    "الرئيس",
    "رئيس",
    "الوزير",
    "وزير",
    "المتحدث",
    "الناطق",
    "المسؤول",
    "السفير",
    "الملك",
    "الأمير",
    "القائد",
    "الأمين",
    "المبعوث",
    "الزعيم",
    "زعيم",
    "الزعيمة",
    "زعيمة",
    "نائب",
    "المستشار",
    "نظيره",
    "أمين",
    "الشيخ",
    "مندوب",
    "المندوب",
    "متحدث",
    "ناطق",
    "المدعي",
    "مفوض",
    "المفوض",
    "قائد",
    "مدير",
    "المدير",
    "سفير",
    "والي",
    "محافظ",
    "المحافظ",
    "عميد",
    "العميد",
    "ولي",
    "المرشد",
    "مستشار",
    "مستشارة",
    // `كبير ممثلي المنظمة`, `كبير المفاوضين`
    "كبير",
    // Feminine forms (`وقالت المتحدثة`).
    "الرئيسة",
    "رئيسة",
    "الوزيرة",
    "وزيرة",
    "المسؤولة",
    "السفيرة",
    "سفيرة",
    "المستشارة",
    "المبعوثة",
    "المديرة",
    "مديرة",
    "المندوبة",
    "مندوبة",
    "المدعية",
    "المتحدثة",
    "متحدثة",
    "الناطقة",
    "ناطقة",
    // Descriptions that stand for a person already named (`وقال الدبلوماسي الروسي`).
    "الدبلوماسي",
    "القيادي",
    "الجنرال",
    "المحلل",
    "الخبير",
    "السيناتور",
    "الناشط",
    "الباحث",
    "الداعية",
    "القاضي",
    "القاضية",
    // Military ranks before a name (`الميجور جنرال X`, `العقيد X`).
    "الميجور",
    "العقيد",
    "اللواء",
    "الرائد",
    "النقيب",
    "الأدميرال",
    "الكولونيل",
    // Sport: a coach, player or star stands for the person named with the title
    // (`مدرب ليفربول يورغن كلوب`, later `المدرب الألماني`).
    "المدرب",
    "مدرب",
    "اللاعب",
    "لاعب",
    "النجم",
    "نجم",
    "المهاجم",
    "مهاجم",
    "الحارس",
    "حارس",
    // Indefinite, as in headlines (`محلل لـCNN: …` over a body that names him).
    "محلل",
    "خبير",
    "جنرال",
    "دبلوماسي",
];

/// Role words of organisations; a bare role resolves to the organisation named before whose
/// name contains it (`الوزارة` → `وزارة الخارجية الروسية`).
const ORG_ROLES: &[&str] = &[
    "الوزارة",
    "وزارة",
    "الحكومة",
    "الخارجية",
    "الداخلية",
    "الرئاسة",
    "الشرطة",
    "الجيش",
    "السلطات",
    "الهيئة",
    "الجهاز",
    "اللجنة",
    "المنظمة",
    "الشركة",
    "الحركة",
    "الجماعة",
    "البعثة",
    "الأمم",
    "المفوضية",
    "الحزب",
    "الوكالة",
    "الكرملين",
    "البيت",
    "القناة",
    "الصحيفة",
    "الموقع",
    "المكتب",
    "المجلس",
    "النقابة",
    "الجمعية",
    "الجامعة",
    "المحكمة",
    "الشبكة",
    "المرصد",
    "التحالف",
    // `الاتحاد` → `الاتحاد الأوروبي`, `الخزانة` → `وزارة الخزانة الأمريكية`.
    "الاتحاد",
    "البنك",
    "المصرف",
    "المستشفى",
    "الخزانة",
    "المركز",
    "المؤسسة",
    "المجموعة",
];

/// Group heads of event arguments and the role they stand for.
const GROUPS: &[(&str, &str)] = &[
    ("القوات", "military"),
    ("قوات", "military"),
    ("وحدة", "military"),
    ("وحدات", "military"),
    ("الجيش", "military"),
    ("جيش", "military"),
    ("الجنود", "military"),
    ("الجيشان", "military"),
    // `سلاح الجو الأميركي`
    ("سلاح", "military"),
    ("الجيشين", "military"),
    ("جنود", "military"),
    // `قيادة شرطة دمشق`: a command is its force.
    ("قيادة", "police"),
    ("الشرطة", "police"),
    ("شرطة", "police"),
    ("الأمن", "police"),
    ("الأجهزة", "police"),
    ("أجهزة", "police"),
    ("السلطات", "government"),
    ("الحكومة", "government"),
    ("حكومة", "government"),
    ("الخارجية", "government"),
    ("وزارة", "government"),
    ("الوزارة", "government"),
    // `الإدارة الأمريكية` (the administration), `السفارة الروسية`: a government's own.
    ("الإدارة", "government"),
    ("السفارة", "government"),
    ("البعثة", "government"),
    // `الرئاسة اليمنية`: a presidency without an entry of its own is its country.
    ("الرئاسة", "government"),
    ("رئاسة", "government"),
    ("إدارة", "government"),
    ("البحرية", "military"),
    ("النيابة", "government"),
    ("سفارة", "government"),
    ("المتظاهرين", "protesters"),
    ("المتظاهرون", "protesters"),
    ("متظاهرين", "protesters"),
    ("المحتجين", "protesters"),
    ("المحتجون", "protesters"),
];

pub(crate) struct Lex {
    pub speech: HashSet<String>,
    pub participles: HashSet<String>,
    pub sources: HashSet<String>,
    pub complementizers: HashSet<String>,
    pub speaker_stops: HashSet<String>,
    pub person_roles: HashSet<String>,
    pub org_roles: HashSet<String>,
    pub groups: HashMap<String, &'static str>,
    pub direct: HashSet<String>,
    /// The 3rd person masculine past of [`DIRECT_VERBS`] (`وصف`), which may take an object
    /// pronoun (`ووصفه`).
    pub direct_base: HashSet<String>,
    pub direct_participles: HashSet<String>,
    pub qawl: HashSet<String>,
    pub name_heads: HashSet<String>,
    pub name_titles: HashSet<String>,
    pub documents: HashSet<String>,
    pub source_nouns: HashSet<String>,
}

fn keys(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| normalize(w)).collect()
}

pub(crate) fn lex() -> &'static Lex {
    static LEX: OnceLock<Lex> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut speech = past_forms(SPEECH_VERBS);
        speech.extend(present_forms(SPEECH_PRESENT));
        let mut direct = past_forms(DIRECT_VERBS);
        direct.extend(keys(DIRECT_OTHER));
        let name_heads = NAME_HEADS.iter().map(|w| bare_key(&normalize(w))).collect();
        Lex {
            speech,
            participles: participle_forms(PARTICIPLES),
            sources: keys(SOURCES),
            complementizers: keys(COMPLEMENTIZERS),
            speaker_stops: keys(SPEAKER_STOPS),
            person_roles: keys(PERSON_ROLES),
            org_roles: keys(ORG_ROLES),
            groups: GROUPS.iter().map(|(w, r)| (normalize(w), *r)).collect(),
            direct,
            direct_base: keys(DIRECT_VERBS),
            direct_participles: keys(DIRECT_PARTICIPLES),
            qawl: keys(QAWL),
            name_heads,
            name_titles: keys(NAME_TITLES),
            documents: keys(DOCUMENT_NOUNS),
            source_nouns: keys(SOURCE_NOUNS),
        }
    })
}

/// The past forms of verbs (3rd person masculine singular given): feminine `ت`, plural `وا`,
/// dual `ا`; `رأى` / `نفى` / `دعا` (final alef maqsura or alef) take `ت` on the stem.
fn past_forms(verbs: &[&str]) -> HashSet<String> {
    let mut out = HashSet::new();
    for v in verbs {
        let k = normalize(v);
        let stem = k.strip_suffix('ي').or_else(|| k.strip_suffix('ا')).unwrap_or(&k);
        out.insert(format!("{stem}ت"));
        out.insert(format!("{k}ت"));
        out.insert(format!("{k}وا"));
        out.insert(format!("{k}ا"));
        out.insert(k);
    }
    out
}

/// The present forms of verbs (3rd person masculine singular given, `يقول`): feminine
/// `تقول`, plural `يقولون`, dual `يقولان`/`تقولان`.
fn present_forms(verbs: &[&str]) -> HashSet<String> {
    let mut out = HashSet::new();
    for v in verbs {
        let k = normalize(v);
        out.insert(k.clone());
        let Some(stem) = k.strip_prefix('ي') else { continue };
        out.insert(format!("ت{stem}"));
        if !stem.ends_with('ي') && !stem.ends_with("ون") {
            out.insert(format!("{k}ون"));
            out.insert(format!("{k}ان"));
            out.insert(format!("ت{stem}ان"));
        }
    }
    out
}

/// The forms of active participles (masculine accusative given, `قائلا`): feminine
/// `قائلة`, plural `قائلين`.
fn participle_forms(words: &[&str]) -> HashSet<String> {
    let mut out = HashSet::new();
    for w in words {
        let k = normalize(w);
        if let Some(stem) = k.strip_suffix('ا') {
            out.insert(normalize(&format!("{stem}ة")));
            out.insert(format!("{stem}ين"));
        }
        out.insert(k);
    }
    out
}

fn bare_key(key: &str) -> String {
    crate::ctx::bare(key).to_owned()
}

impl Lex {
    /// An attribution verb (`وقال`, `وأضافت`, `فأكدوا`, `يقول`).
    pub fn is_speech_verb(&self, key: &str) -> bool {
        self.speech.contains(key) || self.speech.contains(strip_conj(key))
    }

    pub fn is_participle(&self, key: &str) -> bool {
        self.participles.contains(key) || self.participles.contains(strip_conj(key))
    }

    pub fn is_source(&self, key: &str) -> bool {
        self.sources.contains(key) || self.sources.contains(strip_conj(key))
    }

    pub fn is_complementizer(&self, key: &str) -> bool {
        self.complementizers.contains(key)
    }

    pub fn is_speaker_stop(&self, key: &str) -> bool {
        self.speaker_stops.contains(key)
            || self.complementizers.contains(key)
            // `وحسب الملف فإنه …`
            || key.strip_prefix('ف').is_some_and(|k| self.complementizers.contains(k))
    }

    pub fn is_person_role(&self, key: &str) -> bool {
        self.person_roles.contains(strip_conj(key)) || self.person_roles.contains(key)
    }

    pub fn is_org_role(&self, key: &str) -> bool {
        self.org_roles.contains(strip_conj(key)) || self.org_roles.contains(key)
    }

    /// A verb attributing quotations in marks only (`ووصفه`, `يدعو`).
    pub fn is_direct_verb(&self, key: &str) -> bool {
        let k = strip_conj_short(key);
        self.direct.contains(key)
            || self.direct.contains(k)
            // With an object pronoun: `ووصفه`.
            || [key, k].iter().any(|w| {
                ["ه", "ها", "هم"].iter().any(|p| {
                    w.strip_suffix(p)
                        .is_some_and(|v| v.chars().count() >= 3 && self.direct_base.contains(v))
                })
            })
    }

    pub fn is_direct_participle(&self, key: &str) -> bool {
        self.direct_participles.contains(key) || self.direct_participles.contains(strip_conj(key))
    }

    /// `قوله`, `وقولها`.
    pub fn is_qawl(&self, key: &str) -> bool {
        self.qawl.contains(key) || self.qawl.contains(strip_conj(key))
    }

    /// A noun that makes the quoted words after it a name (`لمحطة`, `صحيفة`).
    pub fn is_name_head(&self, key: &str) -> bool {
        self.name_heads.contains(crate::ctx::bare(key)) || self.name_heads.contains(key)
    }

    pub fn is_name_title(&self, key: &str) -> bool {
        self.name_titles.contains(strip_conj(key)) || self.name_titles.contains(key)
    }

    pub fn is_document(&self, key: &str) -> bool {
        self.documents.contains(strip_conj(key)) || self.documents.contains(key)
    }

    /// `مصدر`, `مصادر`, with or without the article (returns whether it has it).
    pub fn source_noun(&self, key: &str) -> Option<bool> {
        let k = strip_conj(key);
        if self.source_nouns.contains(k) {
            return Some(false);
        }
        k.strip_prefix("ال").filter(|r| self.source_nouns.contains(*r)).map(|_| true)
    }

    pub fn group(&self, key: &str) -> Option<&'static str> {
        self.groups.get(key).or_else(|| self.groups.get(strip_conj(key))).copied()
    }
}

/// `key` without a leading `و`/`ف` even when two letters remain (`وحث` → `حث`).
pub(crate) fn strip_conj_short(key: &str) -> &str {
    for p in ["و", "ف"] {
        if let Some(rest) = key.strip_prefix(p)
            && rest.chars().count() >= 2
        {
            return rest;
        }
    }
    key
}
