//! The learned speaker ranker: the rules of [`crate::quotes`] propose a speaker, and a
//! linear model chooses among that proposal and the other parties a reader would consider.
//!
//! Hand rules reached about 0.68 speaker accuracy on text nobody had tuned them on: each
//! new set's errors were a long tail (another entity of the sentence, a role carried back to
//! a name, words that name nobody). A ranker weighs the same evidence the rules use — where
//! a party stands from the cue, what precedes it, who spoke before — with weights learned
//! from the annotated sets instead of written one case at a time.
//!
//! For every quote of the body the candidates are:
//! - the rules' speaker (features `rule:…`, saying where the rules found it);
//! - each person, organisation or place mentioned in the cue's sentence outside the quote
//!   (`m:…`: side of the cue, distance, rank among the mentions on that side, the label, the
//!   word or clitic before it);
//! - the speakers of the three latest earlier quotes (`h:…`), and the first person or
//!   organisation of the previous sentence (`ps:…`);
//! - the article's most salient person (`doc:…`).
//!
//! Every candidate also carries the cue's gender and number against its own (`وقالت` with
//! `الوزارة` or a country, both feminine; a person's gender is not known, only its label).
//!
//! A party proposed several ways is one candidate with the union of the features. The
//! model scores each candidate (a sum of feature weights) and the best one speaks; ties
//! keep the rules' speaker. Features name structure only (positions, labels, a fixed list
//! of function words), never corpus words, so the model file is statistics of our own
//! annotations. `marsad train speakers` writes it from the annotated sets.

use std::collections::HashMap;
use std::sync::OnceLock;

use marsad_doc::{QuoteKind, TextRange};

use crate::ctx::{FieldCtx, strip_conj};
use crate::lex::lex;
use crate::quotes::{Found, Speaker, carried, is_continuation, speaker_from_mention};

/// The shipped model, written by `marsad train speakers`.
const EMBEDDED: &str = include_str!("../data/speaker.model");

/// Feature weights of the speaker ranker.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpeakerModel {
    weights: HashMap<String, f32>,
    /// How much better than the rules' speaker another candidate must score to replace it
    /// (written as the line `@margin<TAB>x`; chosen by cross-validation when training).
    pub margin: f32,
}

/// The model file's line holding [`SpeakerModel::margin`].
const MARGIN: &str = "@margin";

/// One quote's candidates as training data: each candidate's features and whether it is
/// the annotated speaker.
#[derive(Clone, Debug, PartialEq)]
pub struct RankExample {
    pub candidates: Vec<Vec<String>>,
    pub right: Vec<bool>,
}

impl SpeakerModel {
    /// The model shipped in the crate (`data/speaker.model`); an unreadable file (caught by
    /// the crate's tests) leaves the rules' speakers alone.
    pub fn embedded() -> &'static SpeakerModel {
        static MODEL: OnceLock<SpeakerModel> = OnceLock::new();
        MODEL.get_or_init(|| SpeakerModel::parse(EMBEDDED).unwrap_or_default())
    }

    /// Reads `feature<TAB>weight` lines (`#` comments and blank lines skipped).
    pub fn parse(text: &str) -> Result<SpeakerModel, String> {
        let mut weights = HashMap::new();
        let mut margin = 0.0;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, w) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {}: expected feature<TAB>weight", n + 1))?;
            let w: f32 = w
                .trim()
                .parse()
                .map_err(|_| format!("line {}: weight {w:?} is not a number", n + 1))?;
            if !w.is_finite() {
                return Err(format!("line {}: weight {w} is not finite", n + 1));
            }
            if name == MARGIN {
                margin = w;
            } else {
                weights.insert(name.to_owned(), w);
            }
        }
        Ok(SpeakerModel { weights, margin })
    }

    /// The model as `feature<TAB>weight` lines, sorted by feature, after a comment header.
    pub fn to_tsv(&self, header: &str) -> String {
        let mut names: Vec<&String> = self.weights.keys().collect();
        names.sort();
        let mut out: String = header.lines().map(|l| format!("# {l}\n")).collect();
        out.push_str(&format!("{MARGIN}\t{:.4}\n", self.margin));
        for n in names {
            if let Some(w) = self.weights.get(n) {
                out.push_str(&format!("{n}\t{w:.4}\n"));
            }
        }
        out
    }

    /// The same weights with another override margin.
    pub fn with_margin(self, margin: f32) -> SpeakerModel {
        SpeakerModel { margin, ..self }
    }

    /// How many features carry a weight.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// A candidate's score: the sum of its features' weights.
    pub fn score(&self, features: &[String]) -> f32 {
        features.iter().filter_map(|f| self.weights.get(f)).sum()
    }

    /// The index of the best candidate (the first on a tie); the rules' speaker (`rule`)
    /// stays unless another candidate scores more than [`margin`](Self::margin) above it.
    pub fn choose(&self, candidates: &[Vec<String>], rule: Option<usize>) -> Option<usize> {
        let mut best: Option<(usize, f32)> = None;
        for (i, c) in candidates.iter().enumerate() {
            let s = self.score(c);
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        let rule_score = rule.and_then(|r| candidates.get(r)).map(|c| self.score(c));
        match (best, rule_score) {
            (Some((_, b)), Some(r)) if b - r <= self.margin => rule,
            (best, _) => best.map(|(i, _)| i),
        }
    }

    /// Trains a conditional log-linear ranker (softmax over each quote's candidates) by
    /// stochastic gradient descent with L2 shrinkage, averaging the weights over all steps;
    /// quotes whose annotated speaker is no candidate teach nothing and are skipped. The
    /// order of examples is shuffled with a fixed seed, so training is reproducible.
    pub fn train(examples: &[RankExample], epochs: usize) -> SpeakerModel {
        const RATE: f32 = 0.1;
        const L2: f32 = 1e-4;
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut coded: Vec<(Vec<Vec<usize>>, Vec<bool>)> = Vec::new();
        for ex in examples.iter().filter(|e| e.right.iter().any(|r| *r)) {
            let cands = ex
                .candidates
                .iter()
                .map(|fs| {
                    fs.iter()
                        .map(|f| {
                            let n = index.len();
                            *index.entry(f.as_str()).or_insert(n)
                        })
                        .collect()
                })
                .collect();
            coded.push((cands, ex.right.clone()));
        }
        let mut w = vec![0f32; index.len()];
        let mut sum = vec![0f64; index.len()];
        let mut steps = 0u64;
        let mut order: Vec<usize> = (0..coded.len()).collect();
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..epochs {
            // Fisher–Yates with a xorshift generator.
            for i in (1..order.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                order.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            for &e in &order {
                let Some((cands, right)) = coded.get(e) else { continue };
                let scores: Vec<f32> =
                    cands.iter().map(|fs| fs.iter().filter_map(|&f| w.get(f)).sum()).collect();
                let max = scores.iter().copied().fold(f32::MIN, f32::max);
                let exp: Vec<f32> = scores.iter().map(|s| (s - max).exp()).collect();
                let z: f32 = exp.iter().sum();
                let z_right: f32 =
                    exp.iter().zip(right).filter(|(_, r)| **r).map(|(e, _)| *e).sum();
                for ((fs, e), r) in cands.iter().zip(&exp).zip(right) {
                    // d(log P(right)) / d(score) = P(c | right) - P(c).
                    let target = if *r { e / z_right.max(f32::MIN_POSITIVE) } else { 0.0 };
                    let g = target - e / z;
                    for &f in fs {
                        if let Some(x) = w.get_mut(f) {
                            *x += RATE * g;
                        }
                    }
                }
                for x in w.iter_mut() {
                    *x *= 1.0 - RATE * L2;
                }
                for (s, x) in sum.iter_mut().zip(&w) {
                    *s += f64::from(*x);
                }
                steps += 1;
            }
        }
        let weights = index
            .into_iter()
            .filter_map(|(name, i)| {
                let avg = sum.get(i).copied().unwrap_or(0.0) / steps.max(1) as f64;
                (avg.abs() >= 1e-4).then(|| (name.to_owned(), avg as f32))
            })
            .collect();
        SpeakerModel { weights, margin: 0.0 }
    }
}

/// A party that may have said a quote, and why it is considered.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub speaker: Speaker,
    pub features: Vec<String>,
}

/// The candidates of quote `q` of `quotes` (the field's quotes in text order, with the
/// rules' speakers), the rules' own speaker first when there is one.
pub(crate) fn candidates(ctx: &FieldCtx, quotes: &[Found], q: usize) -> Vec<Candidate> {
    let Some(found) = quotes.get(q) else { return Vec::new() };
    let lex = lex();
    let mut out: Vec<Candidate> = Vec::new();
    let add = |out: &mut Vec<Candidate>, speaker: Speaker, features: Vec<String>| match out
        .iter_mut()
        .find(|c| c.speaker.key() == speaker.key())
    {
        Some(c) => {
            for f in features {
                if !c.features.contains(&f) {
                    c.features.push(f);
                }
            }
        }
        None => out.push(Candidate { speaker, features }),
    };
    let qa = ctx.token_from(found.quote.start);
    let qb = ctx.token_from(found.quote.end);
    let anchor = found.cue.unwrap_or(qa);
    let Some(sentence) = ctx
        .sentences
        .iter()
        .position(|s| s.first_token <= anchor && anchor < s.end_token.max(s.first_token + 1))
    else {
        return out;
    };
    let (first, end) = ctx
        .sentences
        .get(sentence)
        .map_or((0, 0), |s| (s.first_token, s.end_token.min(ctx.tokens.len())));
    let cue_key = found.cue.map(|c| ctx.key(c)).unwrap_or("");
    let cue_kind = match found.cue {
        None => "colon",
        Some(_) if lex.is_participle(cue_key) => "part",
        Some(_) if lex.is_source(cue_key) => "src",
        Some(_) if lex.is_qawl(cue_key) => "qawl",
        Some(_) => "verb",
    };
    let quote_kind = match found.quote.kind {
        QuoteKind::Direct => "dq",
        QuoteKind::Indirect => "iq",
    };
    let quote_side = if qa > anchor { "qafter" } else { "qbefore" };
    let cont = is_continuation(cue_key);
    // A cue with no subject of its own right after it (`وقال إن`, `وأضاف: "`): the
    // speaker is someone named before.
    let bare_cue = found.cue.is_some_and(|c| {
        let next = ctx.key(c + 1);
        ctx.is_punct(c + 1) || lex.is_complementizer(next) || PREPOSITIONS.contains(&next)
    });
    let cue_shape = if found.cue.is_none() {
        "nocue"
    } else if bare_cue {
        "bare"
    } else {
        "full"
    };
    // Other quotes of the sentence: a party named inside one is rarely the speaker.
    let other_quotes: Vec<(usize, usize)> = quotes
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != q)
        .map(|(_, f)| (ctx.token_from(f.quote.start), ctx.token_from(f.quote.end)))
        .filter(|&(a, _)| first <= a && a < end)
        .collect();

    // The rules' speaker.
    if let Some(sp) = &found.speaker {
        let here = sp.span.and_then(|r| {
            let k = ctx.token_from(r.start);
            (first <= k && k < end).then_some(if k > anchor { "after" } else { "before" })
        });
        let wher = here.unwrap_or(if sp.span.is_none() { "carried" } else { "elsewhere" });
        let lab = label_name(sp);
        let mut feats = vec![
            "rule".into(),
            format!("rule:{wher}"),
            format!("rule:{wher}:{lab}"),
            format!("rule:{cue_kind}:{wher}"),
            format!("rule:{quote_kind}:{wher}"),
        ];
        if sp.id.is_none() {
            // Words only the rules propose: where they stand is all there is to weigh.
            feats.push(format!("w:{wher}"));
            feats.push(format!("w:{wher}:{cue_kind}"));
            feats.push(format!("w:{wher}:{cue_shape}"));
        }
        add(&mut out, sp.clone(), feats);
    }

    // The rules' speaker phrase, when written here: a name inside it (`مشرع روسي`) is part
    // of a fuller speaker.
    let rule_span = found.speaker.as_ref().and_then(|sp| sp.span).map(|r| (r.start, r.end));
    let inside_rule = |sp: &Speaker| {
        let (Some((a, b)), Some(r)) = (rule_span, sp.span) else { return false };
        a <= r.start && r.end <= b && (a, b) != (r.start, r.end)
    };
    // Mentions of the sentence outside the quote, by side of the cue and nearness.
    let mut after_rank = 0usize;
    let mut before: Vec<(usize, Speaker)> = Vec::new();
    let mut seen_end = 0usize;
    for k in first..end {
        if (qa..qb).contains(&k) {
            continue;
        }
        let Some(m) = ctx.mention_at(k) else { continue };
        if m.start < seen_end {
            continue;
        }
        seen_end = m.end;
        // (`على تويتر`: where the words were posted is no candidate.)
        if crate::quotes::is_medium(ctx, m) {
            continue;
        }
        let Some(sp) = speaker_from_mention(ctx, m) else { continue };
        let in_other = other_quotes.iter().any(|&(a, b)| a <= k && k < b);
        if in_other {
            let mut feats = vec!["m:in_other_quote".to_owned()];
            feats.push(format!("m:in_other_quote:{}", label_name(&sp)));
            add(&mut out, sp, feats);
            continue;
        }
        if k > anchor {
            let mut feats = mention_features(ctx, k, m.start, anchor, "after", after_rank, &sp);
            if inside_rule(&sp) {
                feats.push(format!("m:inside_rule:{}", label_name(&sp)));
            }
            feats.push(format!("m:after:{}:{cue_kind}", rank_name(after_rank)));
            feats.push(format!("m:after:{}:{quote_kind}:{quote_side}", rank_name(after_rank)));
            if k > qb && qb > anchor {
                feats.push("m:after_quote".into());
            } else if k < qa {
                feats.push(format!("m:between:{}", rank_name(after_rank)));
                feats.push(format!("m:between:{}:{}", rank_name(after_rank), label_name(&sp)));
            }
            if k == first {
                feats.push("m:sentence_first".into());
            }
            add(&mut out, sp, feats);
            after_rank += 1;
        } else if k < anchor {
            before.push((k, sp));
        }
    }
    for (rank, (k, sp)) in before.into_iter().rev().enumerate() {
        let start = sp.span.map_or(0, |r| r.start);
        let mut feats = mention_features(ctx, k, start, anchor, "before", rank, &sp);
        if inside_rule(&sp) {
            feats.push(format!("m:inside_rule:{}", label_name(&sp)));
        }
        feats.push(format!("m:before:{}:{cue_kind}", rank_name(rank)));
        feats.push(format!("m:before:{}:{quote_kind}:{quote_side}", rank_name(rank)));
        if k < qa && qa < anchor {
            feats.push("m:before_quote".into());
        } else if k > qb && qb < anchor {
            feats.push(format!("m:between:{}", rank_name(rank)));
        }
        if k == first {
            feats.push("m:sentence_first".into());
            feats.push(format!("m:sentence_first:{cue_shape}"));
        }
        feats.push(format!("m:before:{}:{cue_shape}", rank_name(rank)));
        add(&mut out, sp, feats);
    }

    // Earlier quotes' speakers, latest first.
    let mut seen: Vec<&str> = Vec::new();
    for f in quotes.get(..q).unwrap_or(&[]).iter().rev() {
        let Some(sp) = &f.speaker else { continue };
        if seen.contains(&sp.key()) {
            continue;
        }
        let n = seen.len();
        seen.push(sp.key());
        let fa = ctx.token_from(f.quote.start);
        let when = if fa >= first { "same" } else { "earlier" };
        let mut feats = vec![
            format!("h:{n}"),
            format!("h:{n}:{when}"),
            format!("h:{n}:{cue_kind}"),
            format!("h:{n}:{cue_shape}"),
            format!("h:{n}:{when}:{cue_shape}"),
        ];
        if cont {
            feats.push(format!("h:{n}:cont"));
        }
        feats.push(format!("h:{n}:{}", label_name(sp)));
        if let Some(c) = carried(&Some(sp.clone())) {
            add(&mut out, c, feats);
        }
        if seen.len() == 3 {
            break;
        }
    }

    // The first person or organisation of the previous sentence.
    if let Some(prev) = sentence.checked_sub(1).and_then(|p| ctx.sentences.get(p)) {
        let (pf, pe) = (prev.first_token, prev.end_token.min(ctx.tokens.len()));
        let first_actor = (pf..pe).find_map(|k| {
            let m = ctx.mention_at(k)?;
            let e = ctx.entity(m)?;
            (e.label == "PER" || e.label == "ORG").then(|| speaker_from_mention(ctx, m)).flatten()
        });
        if let Some(sp) = first_actor {
            let lab = label_name(&sp);
            let feats = vec![
                "ps:first".into(),
                format!("ps:first:{lab}"),
                format!("ps:{cue_kind}"),
                format!("ps:{cue_shape}"),
            ];
            if let Some(c) = carried(&Some(sp)) {
                add(&mut out, c, feats);
            }
        }
    }

    // The article's most salient person.
    let top = ctx
        .entities
        .iter()
        .filter(|e| e.label == "PER")
        .max_by(|a, b| a.salience.total_cmp(&b.salience));
    if let Some(e) = top
        && let Some(m) = ctx.mentions.iter().find(|m| ctx.entity(**m).is_some_and(|x| x.id == e.id))
        && let Some(sp) = speaker_from_mention(ctx, *m)
    {
        add(&mut out, Speaker { span: None, ..sp }, vec!["doc:top_person".into()]);
    }

    // What the rules chose, as a context for every other candidate: a role in words
    // (`السفيرة القطرية`) is often the person or body the article names elsewhere.
    let rule_key = found.speaker.as_ref().map(Speaker::key);
    let rule_shape = match &found.speaker {
        None => "none".to_owned(),
        Some(sp) if sp.id.is_some() => label_name(sp).to_owned(),
        Some(sp) => {
            let head = sp.resolved_text.split_whitespace().next().unwrap_or("");
            let head = marsad_text::normalize(head);
            if lex.is_person_role(strip_conj(&head)) {
                "person_role".to_owned()
            } else if lex.is_org_role(strip_conj(&head)) {
                "org_role".to_owned()
            } else {
                "words".to_owned()
            }
        }
    };
    // The head of the rules' words (`السفيرة` of `السفيرة القطرية`), to look for it next to
    // each candidate's mentions.
    let role_head = found
        .speaker
        .as_ref()
        .filter(|sp| sp.id.is_none())
        .and_then(|sp| sp.resolved_text.split_whitespace().next())
        .map(|w| crate::ctx::bare(&marsad_text::normalize(w)).to_owned())
        .filter(|h| h.chars().count() >= 3);
    for c in &mut out {
        if rule_key == Some(c.speaker.key()) {
            continue;
        }
        let lab = label_name(&c.speaker).to_owned();
        let src: Vec<String> = c
            .features
            .iter()
            .filter(|f| {
                matches!(f.as_str(), "h:0" | "h:1" | "h:2" | "ps:first" | "doc:top_person")
                    || f.starts_with("m:after:r")
                    || f.starts_with("m:before:r")
                    || f.as_str() == "m:in_other_quote"
            })
            .filter(|f| f.matches(':').count() <= 2)
            .map(|f| format!("alt:{rule_shape}:{f}"))
            .collect();
        c.features.extend(src);
        c.features.push(format!("alt:{rule_shape}:{lab}"));
        if let (Some(head), Some(id)) = (&role_head, &c.speaker.id)
            && role_near(ctx, head, id)
        {
            c.features.push(format!("alt:{rule_shape}:role_near"));
        }
    }

    // The cue's grammatical gender and number, to weigh against each party's.
    let cue_form = found.cue.map_or("none", |c| cue_gender(ctx.key(c)));
    // Facts about each party, whichever way it was proposed.
    for c in &mut out {
        let party = party_gender(&c.speaker);
        c.features.push(format!("g:{cue_form}:{party}"));
        c.features.push(format!("g:{cue_form}:{}", label_name(&c.speaker)));
        let mentions = c
            .speaker
            .id
            .as_ref()
            .and_then(|id| ctx.entities.iter().find(|e| &e.id == id))
            .map_or(0, |e| e.mentions.len());
        c.features.push(format!("freq:{}", bucket(mentions, &[0, 1, 2, 4, 8])));
        c.features.push(format!("lab:{}", label_name(&c.speaker)));
        if c.speaker.id.is_none() {
            let words = c.speaker.resolved_text.split_whitespace().count();
            c.features.push(format!("words:{}", bucket(words, &[1, 2, 3, 5])));
            c.features.extend(words_features(&c.speaker.resolved_text));
        }
        c.features.push("bias".into());
    }
    out
}

/// The gender and number a speech cue shows (keys): `قالت`, `مضيفة` feminine, `قالوا`
/// plural, `يقول`, `قال` masculine; a present form with `ت` (`تقول`, but also the past
/// `تابع`) is left unknown.
fn cue_gender(key: &str) -> &'static str {
    let k = strip_conj(key);
    let n = k.chars().count();
    if n >= 4 && (k.ends_with("وا") || k.ends_with("ون")) {
        "pl"
    } else if n >= 4 && (k.ends_with('ت') || k.ends_with('ه')) {
        "fem"
    } else if k.starts_with('ت') {
        "unk"
    } else {
        "masc"
    }
}

/// A party's gender as its words show it: a first word in `ة` (keys `ه`: `الوزارة`,
/// `الحكومة`) or a country is feminine; a person or other words are left to their label.
fn party_gender(sp: &Speaker) -> &'static str {
    if sp.id.as_deref().is_some_and(|id| id.starts_with("country:")) {
        return "fem";
    }
    let first = sp.resolved_text.split_whitespace().next().unwrap_or("");
    let key = marsad_text::normalize(first);
    if sp.label.as_deref() == Some("PER") {
        "per"
    } else if key.chars().count() >= 3 && key.ends_with('ه') {
        "fem"
    } else {
        "other"
    }
}

/// What a speaker given as words looks like: its head (a role, an anonymous source) and
/// signs that the words run past the speaker (`مقابلة تلفزيونية له منذ`, `بالمساعدات`).
fn words_features(words: &str) -> Vec<String> {
    let lex = lex();
    let keys: Vec<String> = words.split_whitespace().map(marsad_text::normalize).collect();
    let mut out = Vec::new();
    let Some(head) = keys.first().map(|k| strip_conj(k)) else { return out };
    if ANONYMOUS_HEADS.contains(&crate::ctx::bare(head)) {
        out.push("words:anonymous".into());
    } else if lex.is_person_role(head) {
        out.push("words:person_role".into());
    } else if lex.is_org_role(head) {
        out.push("words:org_role".into());
    }
    if head.starts_with("بال") || head.starts_with("لل") {
        out.push("words:head_preposition".into());
    }
    if keys.iter().skip(1).any(|k| RUN_ON_WORDS.contains(&k.as_str())) {
        out.push("words:run_on".into());
    }
    if keys.iter().skip(1).any(|k| k.starts_with("بال") || k.starts_with("لل")) {
        out.push("words:inner_preposition".into());
    }
    out
}

/// Heads of anonymous sources (`مصدر عسكري`, `مصادر مسؤولة`, `مسؤول أمريكي`).
const ANONYMOUS_HEADS: [&str; 8] =
    ["مصدر", "مصادر", "مسؤول", "مسؤولون", "مسؤولين", "مسؤولو", "دبلوماسي", "دبلوماسيون"];

/// Words that do not belong in a speaker's name (a pronoun object, a time, a preposition
/// alone).
const RUN_ON_WORDS: [&str; 12] =
    ["له", "لها", "لهم", "منذ", "بـ", "ب", "عن", "الى", "على", "هذا", "هذه", "ان"];

/// Whether the entity `id` is named somewhere in the field within three tokens after or
/// before the word `head` (`مدير المنظمة أحمد أوزمجو`, `أوزمجو، مدير المنظمة`).
fn role_near(ctx: &FieldCtx, head: &str, id: &str) -> bool {
    ctx.mentions.iter().filter(|m| ctx.entity(**m).is_some_and(|e| e.id == id)).any(|m| {
        let (a, b) = (ctx.token_from(m.start), ctx.token_from(m.end));
        let near = a.saturating_sub(3)..a;
        let after = b..b + 3;
        near.chain(after).any(|k| crate::ctx::bare(ctx.key(k)) == head)
    })
}

/// Where a mention stands and what comes right before it.
fn mention_features(
    ctx: &FieldCtx,
    k: usize,
    start: usize,
    anchor: usize,
    side: &str,
    rank: usize,
    sp: &Speaker,
) -> Vec<String> {
    let lab = label_name(sp);
    let dist = bucket(k.abs_diff(anchor), &[1, 2, 3, 5, 8, 13]);
    let r = rank_name(rank);
    let mut out = vec![
        format!("m:{side}"),
        format!("m:{side}:{r}"),
        format!("m:{side}:{r}:{lab}"),
        format!("m:{side}:d{dist}"),
        format!("m:{side}:d{dist}:{lab}"),
    ];
    // A clitic preposition inside the token (`لوزارة`, `بالرئيس`): not a subject.
    let clitic = ctx
        .token(k)
        .filter(|t| t.start < start)
        .and_then(|t| ctx.text.get(t.start..start))
        .map(marsad_text::normalize);
    if let Some(p) = clitic.filter(|p| !p.is_empty()) {
        let p = if ["و", "ل", "ب", "وب", "ول", "ف"].contains(&p.as_str()) {
            p
        } else {
            "x".into()
        };
        out.push(format!("m:{side}:clitic:{p}"));
    }
    let prev = if k == 0 { "" } else { ctx.key(k - 1) };
    let before = if k == anchor + 1 {
        "cue".to_owned()
    } else if k == 0 || ctx.is_punct(k - 1) {
        match ctx.word(k.saturating_sub(1)) {
            "،" | "," => "comma".to_owned(),
            ":" => "colon".to_owned(),
            w if crate::ctx::is_quote_mark(w) => "quote".to_owned(),
            _ => "punct".to_owned(),
        }
    } else if PREPOSITIONS.contains(&prev) || SOURCE_WORDS.contains(&prev) {
        prev.to_owned()
    } else if lex().is_speech_verb(prev) || lex().is_participle(prev) {
        "speech".to_owned()
    } else {
        "word".to_owned()
    };
    out.push(format!("m:{side}:prev:{before}"));
    out.push(format!("m:{side}:{r}:prev:{before}"));
    let next = ctx.word(ctx.token_from(sp.span.map_or(0, |s| s.end)));
    if matches!(next, "،" | ",") {
        out.push(format!("m:{side}:next:comma"));
    }
    out
}

/// Words whose presence before a mention the model may weigh (fixed lists, so the model
/// names no corpus words): prepositions and a complementizer, which also mean a cue right
/// before them has no subject of its own (`قال إن`, `قال في بيان`) …
const PREPOSITIONS: [&str; 10] = ["عن", "من", "في", "على", "الى", "مع", "ضد", "بين", "الي", "ان"];

/// … and source phrases and role heads (`نقلا عن`, `المتحدث باسم`, `وزير`).
const SOURCE_WORDS: [&str; 14] = [
    "لدي",
    "لدى",
    "حسب",
    "بحسب",
    "نقلا",
    "وفقا",
    "لسان",
    "باسم",
    "وزير",
    "رئيس",
    "المتحدث",
    "الناطق",
    "مصادر",
    "مسؤول",
];

fn label_name(sp: &Speaker) -> &str {
    match (&sp.id, sp.label.as_deref()) {
        (None, _) => "words",
        (Some(_), Some(l @ ("PER" | "ORG" | "LOC" | "MISC"))) => l,
        (Some(id), _) if id.starts_with("country:") => "LOC",
        (Some(_), _) => "other",
    }
}

fn rank_name(rank: usize) -> &'static str {
    match rank {
        0 => "r0",
        1 => "r1",
        _ => "r2",
    }
}

/// The index of the first bound `n` is at most, else the number of bounds.
fn bucket(n: usize, bounds: &[usize]) -> usize {
    bounds.iter().position(|&b| n <= b).unwrap_or(bounds.len())
}

/// The speaker a [`crate::GivenQuote`] names, as the rules would have made it: an entity
/// id known to the article (or shaped like one) keeps its entity's label; anything else is
/// words.
pub(crate) fn given_speaker(ctx: &FieldCtx, g: &crate::GivenQuote) -> Option<Speaker> {
    let value = g.speaker.clone()?;
    let entity = ctx.entities.iter().find(|e| e.id == value);
    let id_like = ["person:", "org:", "country:", "city:", "per:", "loc:", "misc:", "label:"]
        .iter()
        .any(|p| value.starts_with(p));
    let text = g.speaker_text.clone().unwrap_or_else(|| value.clone());
    let span = g.speaker_span.map(|(a, b)| TextRange::new(a, b.max(a)));
    Some(if entity.is_some() || id_like {
        Speaker {
            resolved_text: entity.map_or_else(|| text.clone(), |e| e.canonical.clone()),
            label: entity
                .map(|e| e.label.clone())
                .or_else(|| value.starts_with("country:").then(|| "LOC".to_owned())),
            id: Some(value),
            text,
            span,
        }
    } else {
        Speaker { id: None, resolved_text: value, text, span, label: None }
    })
}

/// Lets `model` choose each body quote's speaker among its candidates.
pub(crate) fn rerank(ctx: &FieldCtx, quotes: &mut [Found], model: &SpeakerModel) {
    if model.is_empty() {
        return;
    }
    let all: Vec<Vec<Candidate>> = (0..quotes.len()).map(|q| candidates(ctx, quotes, q)).collect();
    // The previous quote's speaker as the rules had it, and as the ranker replaced it.
    let mut replaced: Option<(String, Speaker)> = None;
    for (f, cands) in quotes.iter_mut().zip(all) {
        // A quote the rules gave the previous quote's speaker (`وتابع: "…"`) keeps going with
        // that quote: when the ranker replaced the speaker there, the replacement carries.
        let carried_replacement = match (&f.speaker, &replaced) {
            (Some(s), Some((old, new))) if s.span.is_none() && s.key() == old => {
                carried(&Some(new.clone()))
            }
            _ => None,
        };
        let sp = carried_replacement.or_else(|| {
            let (parties, feats): (Vec<Speaker>, Vec<Vec<String>>) =
                cands.into_iter().map(|c| (c.speaker, c.features)).unzip();
            let rule =
                f.speaker.as_ref().and_then(|s| parties.iter().position(|c| c.key() == s.key()));
            model.choose(&feats, rule).and_then(|i| parties.into_iter().nth(i))
        });
        let Some(sp) =
            sp.filter(|sp| f.speaker.as_ref().is_none_or(|s| s.key() != sp.key())).filter(|sp| {
                !keeps_new_referent(ctx, f, sp)
                    && !passed_over(ctx, f, sp)
                    && !country_over_rules_words(f, sp)
                    && !person_inside_others_words(f, sp)
                    && !pronoun_of_qawl(ctx, f)
                    && !anonymous_source_here(ctx, f)
                    && !relayed_source(ctx, f)
                    // (A place the knowledge base does not know as a country or one of its
                    // cities, `loc:…`, is where something happened, not who spoke.)
                    && !sp.id.as_deref().is_some_and(|id| id.starts_with("loc:"))
            })
        else {
            replaced = None;
            continue;
        };
        replaced = f.speaker.as_ref().map(|old| (old.key().to_owned(), sp.clone()));
        f.set_speaker(sp);
    }
}

/// The rules' speaker of `f` when they kept words (no entity id), with its first word's key
/// (`مسؤول` in `مسؤول أميركي`): what the guards below read.
fn rules_words(f: &Found) -> Option<(&Speaker, String)> {
    let rule = f.speaker.as_ref().filter(|s| s.id.is_none())?;
    let head = rule.text.split_whitespace().next().map(marsad_text::normalize).unwrap_or_default();
    Some((rule, head))
}

/// Whether the rules' speaker of `f` is a title without the article that no rule tied to a
/// name (`سفير فرنسا في لبنان`, `مسؤول أمني`): such a phrase brings in someone the article
/// has not named, so a person named in another sentence (`sp`) is not whom it means.
fn keeps_new_referent(ctx: &FieldCtx, f: &Found, sp: &Speaker) -> bool {
    let Some((_, first)) = rules_words(f) else { return false };
    let title = lex().is_person_role(&first) && !strip_conj(&first).starts_with("ال");
    let cue_at = f.cue.and_then(|c| ctx.token(c)).map(|t| t.start);
    // (A candidate with no span there is someone named before, not in the sentence.)
    let elsewhere = match (sp.span, cue_at) {
        (Some(span), Some(at)) => !ctx.same_sentence(span.start, at),
        (None, _) => true,
        (Some(_), None) => false,
    };
    title && sp.label.as_deref() == Some("PER") && elsewhere
}

/// Whether `sp` is a country that would replace words the rules kept as the speaker
/// (`مسؤول أميركي`, `وسائل إعلام إسرائيلية`, `وكالة الأنباء الفرنسية`, a name the tagger
/// missed): the rules read the whole phrase, and turn it into its country where the phrase
/// speaks for one (`الحكومة الأمريكية`, an army); where they kept the words, a country
/// named in them only describes them, and one named elsewhere is someone else. Over ANT
/// such replacements were mostly wrong by the annotation conventions (unnamed officials,
/// media and people stay words).
///
/// Not when the words head a body of the state (`هيئة المسح الجيولوجي الأميركية`, `مكتب
/// رئيس كوريا الجنوبية`, `قادة طهران`): those speak for their country, and the ranker may
/// know it where the rules lack the body.
fn country_over_rules_words(f: &Found, sp: &Speaker) -> bool {
    let Some((rule, head)) = rules_words(f) else { return false };
    if rule.span.is_none() {
        return false;
    }
    let state_body = matches!(
        crate::ctx::bare(&head),
        "هيئه"
            | "مكتب"
            | "قاده"
            | "مركز"
            | "وزاره"
            | "حكومه"
            | "سلطات"
            | "اداره"
            | "رئاسه"
            | "قياده"
            | "مجلس"
            | "جهاز"
            | "دائره"
            | "مديريه"
            | "مصلحه"
            | "لجنه"
            | "بعثه"
            | "سفاره"
            | "جيش"
            | "قوات"
    );
    !state_body && sp.id.as_deref().is_some_and(|id| id.starts_with("country:"))
}

/// Whether `sp` is a person named inside the words the rules kept, after a head that is
/// someone else (`محامي ترمب`, `عائلة X`, `مكتب نتانياهو`): the lawyer, the family or the
/// office speaks, not the person. (A head with the article is in apposition to the name,
/// `المحامية X`, `الفريق X`: that is the person.) Nor the person a spokesperson speaks for
/// (`متحدث باسم X`), whatever the head.
fn person_inside_others_words(f: &Found, sp: &Speaker) -> bool {
    let Some((rule, head)) = rules_words(f) else { return false };
    let Some(rule_span) = rule.span else { return false };
    if sp.label.as_deref() != Some("PER") {
        return false;
    }
    let words = marsad_text::normalize(&rule.text);
    // (`متحدث باسم X`, `المتحدثة باسم X`: whoever the head, X is whom it speaks for. The
    // words are normalized, so `بإسم` is `باسم` here.)
    let on_behalf = words.split_whitespace().any(|w| w == "باسم");
    let others_head =
        crate::quotes::is_not_self_head(&head) && !crate::ctx::strip_conj(&head).starts_with("ال");
    // Named there, or named elsewhere and written there (`محامي ترمب` for Trump).
    let inside = || {
        sp.span.is_some_and(|span| rule_span.start <= span.start && span.end <= rule_span.end)
            || [&sp.resolved_text, &sp.text].iter().any(|name| {
                let name = marsad_text::normalize(name);
                let surname = name.split_whitespace().last().unwrap_or("");
                surname.chars().count() >= 3
                    && words.split_whitespace().skip(1).any(|w| w == surname)
            })
    };
    (on_behalf || others_head) && inside()
}

/// Whether the rules' speaker of `f` is an unnamed source written in the cue's sentence
/// (`مصدر في وزارة الخارجية`, `مسؤولون أميركيون`): whoever relays its words (`نقلت سانا
/// عن مصدر …`) or is named near it is not the source, which stays unnamed by design.
fn anonymous_source_here(ctx: &FieldCtx, f: &Found) -> bool {
    let Some((rule, head)) = rules_words(f) else { return false };
    let (Some(span), Some(cue)) = (rule.span, f.cue) else { return false };
    let cue_at = ctx.token(cue).map_or(0, |t| t.start);
    ctx.same_sentence(span.start, cue_at) && ANONYMOUS_HEADS.contains(&strip_conj(&head))
}

/// Whether the cue of `f` is `نقل` and the rules' speaker is whom it relays, after `عن`
/// (`ونقلت فرانس برس، عن جنرال أميركي، أن …`): the agency only passes the words on, and the
/// ranker's nearness to the cue would favour it.
fn relayed_source(ctx: &FieldCtx, f: &Found) -> bool {
    let (Some(cue), Some(span)) = (f.cue, f.speaker.as_ref().and_then(|s| s.span)) else {
        return false;
    };
    let at = ctx.token_from(span.start);
    strip_conj(ctx.key(cue)).starts_with("نقل")
        && cue < at
        && (cue + 1..at).any(|k| ctx.key(k) == "عن")
}

/// Whether the cue of `f` is `قوله`/`قولها` and the rules gave the quote to a person named
/// before it in the same sentence: the pronoun on the noun points back to that person (`رغم
/// قوله إن …` after `أن سامر خليل لم يحدد …`), which the rules read and the ranker's
/// features of nearness and history do not.
fn pronoun_of_qawl(ctx: &FieldCtx, f: &Found) -> bool {
    let Some(cue) = f.cue else { return false };
    let Some(rule) = f.speaker.as_ref() else { return false };
    let Some(span) = rule.span else { return false };
    let cue_at = ctx.token(cue).map_or(0, |t| t.start);
    lex().is_qawl(ctx.key(cue))
        && rule.label.as_deref() == Some("PER")
        && span.end <= cue_at
        && ctx.same_sentence(span.start, cue_at)
}

/// Whether `sp` is a person the rules passed over between the cue and a speaker they named
/// in words in apposition after it: in `قال مستشار الرئيس سامر خليل، علي حسن نور، إن …`
/// the president's name only says whom the adviser serves, and the rule that read the title
/// past it to the name in apposition knows that better than features of the two names.
fn passed_over(ctx: &FieldCtx, f: &Found, sp: &Speaker) -> bool {
    let Some((rule, _)) = rules_words(f) else { return false };
    let (Some(rule_span), Some(span), Some(cue)) =
        (rule.span, sp.span, f.cue.and_then(|c| ctx.token(c)))
    else {
        return false;
    };
    let same_sentence =
        ctx.sentences.iter().any(|s| s.start <= cue.start && rule_span.end <= s.end);
    // (In apposition: a comma right before the rules' name.)
    let after_comma = ctx
        .token_from(rule_span.start)
        .checked_sub(1)
        .is_some_and(|k| matches!(ctx.word(k), "،" | ","));
    sp.label.as_deref() == Some("PER")
        && same_sentence
        && after_comma
        && cue.end <= span.start
        && span.end <= rule_span.start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found_with(rule: Speaker) -> Found {
        Found {
            quote: marsad_doc::Quote {
                text: String::new(),
                kind: marsad_doc::QuoteKind::Indirect,
                speaker: None,
                speaker_text: None,
                verb: None,
                field: marsad_doc::Field::Body,
                start: 100,
                end: 200,
                speaker_span: None,
            },
            speaker: Some(rule),
            cue: None,
        }
    }

    fn words(text: &str, start: usize) -> Speaker {
        Speaker {
            id: None,
            resolved_text: text.to_owned(),
            text: text.to_owned(),
            span: Some(TextRange::new(start, start + text.len())),
            label: None,
        }
    }

    fn entity(id: &str, label: &str, start: usize, end: usize) -> Speaker {
        Speaker {
            id: Some(id.to_owned()),
            resolved_text: String::new(),
            text: String::new(),
            span: Some(TextRange::new(start, end)),
            label: Some(label.to_owned()),
        }
    }

    #[test]
    fn cues_and_parties_show_their_gender() {
        assert_eq!(cue_gender("وقالت"), "fem");
        assert_eq!(cue_gender("مضيفه"), "fem");
        assert_eq!(cue_gender("قالوا"), "pl");
        assert_eq!(cue_gender("واضاف"), "masc");
        assert_eq!(cue_gender("يقول"), "masc");
        assert_eq!(cue_gender("تابع"), "unk");
        assert_eq!(party_gender(&words("الوزارة", 0)), "fem");
        assert_eq!(party_gender(&words("مسؤول أميركي", 0)), "other");
        assert_eq!(party_gender(&entity("country:us", "LOC", 0, 5)), "fem");
        assert_eq!(party_gender(&entity("person:x", "PER", 0, 5)), "per");
    }

    #[test]
    fn a_country_does_not_replace_the_rules_words_unless_they_head_a_state_body() {
        let officials = found_with(words("مسؤول أميركي", 10));
        // Inside the words, or named elsewhere.
        assert!(country_over_rules_words(&officials, &entity("country:us", "LOC", 20, 30)));
        assert!(country_over_rules_words(&officials, &entity("country:us", "LOC", 300, 310)));
        assert!(!country_over_rules_words(&officials, &entity("person:x", "PER", 300, 310)));
        let survey = found_with(words("هيئة المسح الجيولوجي الأميركية", 10));
        assert!(!country_over_rules_words(&survey, &entity("country:us", "LOC", 40, 50)));
    }

    #[test]
    fn a_person_after_someone_elses_head_does_not_replace_the_rules_words() {
        let lawyer = found_with(words("محامي سامي", 10));
        assert!(person_inside_others_words(&lawyer, &entity("per:سامي", "PER", 21, 29)));
        // In apposition after a definite title, the name is the speaker's.
        let titled = found_with(words("المحامي سامي", 10));
        assert!(!person_inside_others_words(&titled, &entity("per:سامي", "PER", 25, 33)));
        // Named elsewhere in full, and written in the words by the surname.
        let named =
            Speaker { resolved_text: "سامي نور".into(), ..entity("per:x", "PER", 300, 315) };
        assert!(person_inside_others_words(&found_with(words("محامي نور", 10)), &named));
        assert!(!person_inside_others_words(&found_with(words("محامي خليل", 10)), &named));
    }

    fn feats(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn the_shipped_model_reads() {
        let model = SpeakerModel::parse(EMBEDDED);
        assert!(model.is_ok(), "{model:?}");
    }

    #[test]
    fn bad_model_lines_are_named() {
        assert_eq!(
            SpeakerModel::parse("rule\t1.5\nbias").unwrap_err(),
            "line 2: expected feature<TAB>weight"
        );
        assert!(SpeakerModel::parse("rule\tx").unwrap_err().starts_with("line 1: weight"));
        assert!(SpeakerModel::parse("rule\tinf").unwrap_err().contains("not finite"));
    }

    #[test]
    fn a_model_survives_writing_and_reading() {
        let model =
            SpeakerModel::parse("# header\n@margin\t0.5\nrule\t1.2500\nm:after:r0\t-0.5000\n");
        let Ok(model) = model else { panic!("{model:?}") };
        let again = SpeakerModel::parse(&model.to_tsv("written by a test"));
        assert_eq!(again, Ok(model.clone()));
        assert_eq!(model.score(&feats(&["rule", "m:after:r0", "unknown"])), 0.75);
        assert_eq!(model.margin, 0.5);
    }

    #[test]
    fn training_learns_which_feature_marks_the_speaker() {
        // The right candidate always has `near`; `far` and `rule` are spread over both.
        let examples: Vec<RankExample> = (0..40)
            .map(|i| {
                let right_first = i % 2 == 0;
                let good = feats(&["near", "bias"]);
                let bad =
                    feats(if i % 3 == 0 { &["far", "rule", "bias"] } else { &["far", "bias"] });
                let (candidates, right) = if right_first {
                    (vec![good, bad], vec![true, false])
                } else {
                    (vec![bad, good], vec![false, true])
                };
                RankExample { candidates, right }
            })
            .collect();
        let model = SpeakerModel::train(&examples, 5);
        assert!(model.score(&feats(&["near"])) > model.score(&feats(&["far"])));
        assert_eq!(model.choose(&[feats(&["far", "rule"]), feats(&["near"])], Some(0)), Some(1));
        // A margin wider than the difference keeps the rules' speaker.
        let cautious = SpeakerModel { margin: 100.0, ..model.clone() };
        assert_eq!(cautious.choose(&[feats(&["far", "rule"]), feats(&["near"])], Some(0)), Some(0));
        assert_eq!(cautious.choose(&[feats(&["far", "rule"]), feats(&["near"])], None), Some(1));
        // Reproducible: the same data gives the same weights.
        assert_eq!(SpeakerModel::train(&examples, 5), model);
    }

    #[test]
    fn ties_keep_the_first_candidate_and_nothing_is_no_choice() {
        let model = SpeakerModel::default();
        assert_eq!(model.choose(&[feats(&["a"]), feats(&["b"])], None), Some(0));
        assert_eq!(model.choose(&[], None), None);
    }

    #[test]
    fn examples_without_a_right_candidate_teach_nothing() {
        let ex = RankExample {
            candidates: vec![feats(&["x"]), feats(&["y"])],
            right: vec![false, false],
        };
        assert!(SpeakerModel::train(&[ex], 3).is_empty());
    }
}
