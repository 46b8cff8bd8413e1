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
];

/// Present-tense attribution verbs, as written.
const SPEECH_PRESENT: &[&str] = &[
    "يقول",
    "تقول",
    "يقولون",
    "يضيف",
    "تضيف",
    "يؤكد",
    "تؤكد",
    "يرى",
    "ترى",
    "يعتبر",
    "تعتبر",
    "يشير",
    "تشير",
    "يوضح",
    "توضح",
    "يحذر",
    "تحذر",
    "يتابع",
    "تتابع",
];

/// Participles that attach a quote to the subject of the sentence (`…، قائلا: "…"`).
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
    "قائلة",
    "مضيفة",
    "مؤكدة",
    "مشيرة",
    "موضحة",
    "معتبرة",
    "محذرة",
    "لافتة",
    "مشددة",
    "قائلين",
    "مضيفين",
    "مؤكدين",
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
    "المستشار",
    "نظيره",
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
    ("جنود", "military"),
    ("الشرطة", "police"),
    ("شرطة", "police"),
    ("الأمن", "police"),
    ("السلطات", "government"),
    ("الحكومة", "government"),
    ("حكومة", "government"),
    ("الخارجية", "government"),
    ("وزارة", "government"),
    ("الوزارة", "government"),
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
}

fn keys(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| normalize(w)).collect()
}

pub(crate) fn lex() -> &'static Lex {
    static LEX: OnceLock<Lex> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut speech = HashSet::new();
        for v in SPEECH_VERBS {
            let k = normalize(v);
            // رأى / نفى / دعا: final alef maqsura or alef; feminine takes ت on the stem.
            let stem = k.strip_suffix('ي').or_else(|| k.strip_suffix('ا')).unwrap_or(&k);
            speech.insert(format!("{stem}ت"));
            speech.insert(format!("{k}ت"));
            speech.insert(format!("{k}وا"));
            speech.insert(format!("{k}ا"));
            speech.insert(k);
        }
        speech.extend(keys(SPEECH_PRESENT));
        Lex {
            speech,
            participles: keys(PARTICIPLES),
            sources: keys(SOURCES),
            complementizers: keys(COMPLEMENTIZERS),
            speaker_stops: keys(SPEAKER_STOPS),
            person_roles: keys(PERSON_ROLES),
            org_roles: keys(ORG_ROLES),
            groups: GROUPS.iter().map(|(w, r)| (normalize(w), *r)).collect(),
        }
    })
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
        self.speaker_stops.contains(key) || self.complementizers.contains(key)
    }

    pub fn is_person_role(&self, key: &str) -> bool {
        self.person_roles.contains(strip_conj(key)) || self.person_roles.contains(key)
    }

    pub fn is_org_role(&self, key: &str) -> bool {
        self.org_roles.contains(strip_conj(key)) || self.org_roles.contains(key)
    }

    pub fn group(&self, key: &str) -> Option<&'static str> {
        self.groups.get(key).or_else(|| self.groups.get(strip_conj(key))).copied()
    }
}
