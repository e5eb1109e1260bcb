//! The engine of `jiedu terms`: phrases the corpus treats as terms that the
//! glossary does not have yet, ranked for an editor.
//!
//! The procedure:
//!
//! 1. **Propose.** Each sentence of each paragraph is scanned by
//!    extractors that are reliable about where a phrase starts and ends:
//!    in-text definitions and abbreviations ([`super::definitions`]);
//!    quoted short phrases (“…”, 「…」 and, nested in speech, ‘…’; 2–12 characters, no sentence punctuation);
//!    numeric formulas standing alone between punctuation (两个确立,
//!    三攻坚一盘活, 六区一高地); digit codes of 3–6 digits quoted or named as
//!    a 工程/体系/机制/布局… (885, 33618); and officials named right after
//!    their post (市委书记袁家军), conservatively: a common surname, a
//!    two- or three-character name, then punctuation or a reporting verb.
//! 2. **Exclude** every surface form the glossary already has, and every
//!    text an editor rejected in `content/glossary/ignore.yaml`.
//! 3. **Count** each remaining phrase everywhere it occurs, quoted or not,
//!    with the [`Matcher`]'s boundary rules, the glossary's own forms
//!    taking precedence so “三清” inside “三清三减三增” is not counted.
//! 4. **Rank** by how often the corpus itself *marks* the phrase (quotes
//!    it, defines it, names it as a formula) times a weight by kind
//!    (definitions and abbreviations 3, formulas 2, others 1), then by
//!    count, then by text. Ranking by plain count would put generic words
//!    that happen to be quoted once (“产业”) above real slogans.

use super::corpus::{paragraphs, ArticleText, Place};
use super::definitions::{DefinitionFinder, DefinitionKind};
use super::matcher::Matcher;
use crate::content::Term;
use crate::error::{Error, Location, Result};
use crate::ids::{ParagraphId, Slug};
use crate::text::{is_han, sentences};
use regex::Regex;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

/// Where the ignore list lives, relative to the edition root.
pub const IGNORE_FILE: &str = "content/glossary/ignore.yaml";

/// Why a phrase was proposed; also decides its weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CandidateKind {
    /// The corpus explains it: “X”，即…
    Definition,
    /// The corpus abbreviates a name to it: (以下简称X).
    Abbreviation,
    /// A numbered formula or digit code: 三攻坚一盘活, 33618.
    NumericFormula,
    /// A short quoted phrase.
    Quoted,
    /// A person named with their post.
    Official,
}

impl CandidateKind {
    fn weight(self) -> usize {
        match self {
            CandidateKind::Definition | CandidateKind::Abbreviation => 3,
            CandidateKind::NumericFormula => 2,
            CandidateKind::Quoted | CandidateKind::Official => 1,
        }
    }

    /// The kebab-case name used in `--json` and the table.
    pub fn key(self) -> &'static str {
        match self {
            CandidateKind::Definition => "definition",
            CandidateKind::Abbreviation => "abbreviation",
            CandidateKind::NumericFormula => "numeric-formula",
            CandidateKind::Quoted => "quoted",
            CandidateKind::Official => "official",
        }
    }
}

/// One place a candidate is used, for the editor to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The article.
    pub article: Slug,
    /// The paragraph, serialized as its anchor (`p3`).
    #[serde(serialize_with = "anchor")]
    pub paragraph: ParagraphId,
    /// The sentence holding the candidate.
    pub sentence: String,
}

fn anchor<S: Serializer>(p: &ParagraphId, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&p.anchor())
}

/// A phrase the glossary may be missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// The phrase, without quotes.
    pub text: String,
    /// Why it was proposed.
    pub kind: CandidateKind,
    /// Occurrences in the corpus, marked or not.
    pub count: usize,
    /// How many times the corpus marks it as a term: quoted, defined,
    /// abbreviated, or standing alone as a formula.
    pub marked: usize,
    /// Articles it occurs in.
    pub articles: usize,
    /// The full name an abbreviation stands for, or an official's post.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where it was first proposed.
    pub example: Example,
}

/// Knobs of [`candidates`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateOptions {
    /// Leave out candidates occurring fewer times than this.
    pub min_count: usize,
    /// Return at most this many; `None` for all.
    pub limit: Option<usize>,
}

impl Default for CandidateOptions {
    fn default() -> Self {
        CandidateOptions {
            min_count: 1,
            limit: None,
        }
    }
}

/// A phrase an editor rejected, from the ignore file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreEntry {
    /// The rejected phrase, as `terms` shows it.
    pub text: String,
    /// Why, for the next editor.
    #[serde(default)]
    pub reason: String,
}

/// Parses an ignore file: a YAML list of `{text: "…", reason: "…"}`.
/// Errors name `path` and the line.
pub fn parse_ignore(text: &str, path: &Path) -> Result<Vec<IgnoreEntry>> {
    let entries: Option<Vec<IgnoreEntry>> = yaml_serde::from_str(text)
        .map_err(|e| crate::content::frontmatter::yaml_error(path, text, 0, &e))?;
    let entries = entries.unwrap_or_default();
    let errors: Vec<Error> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.text.trim().is_empty())
        .map(|(i, _)| {
            Error::invalid(
                entry_location(text, path, i),
                "ignore entry with empty `text`",
            )
            .with_hint("write the phrase exactly as `jiedu terms` lists it")
        })
        .collect();
    Error::collect(errors)?;
    Ok(entries)
}

/// The line of the `index`-th top-level list item, or the whole file.
fn entry_location(text: &str, path: &Path, index: usize) -> Location {
    let mut offset = 0;
    let mut items = text.split_inclusive('\n').filter_map(|line| {
        let here = offset;
        offset += line.len();
        line.starts_with('-').then_some(here)
    });
    match items.nth(index) {
        Some(at) => Location::of_offset(path, text, at),
        None => Location::file(path),
    }
}

/// Reads and parses the ignore file at `path`; a missing file is an empty
/// list.
pub fn load_ignore(path: &Path) -> Result<Vec<IgnoreEntry>> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_ignore(&text, path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// A phrase proposed at one place, before aggregation.
struct Proposal {
    text: String,
    kind: CandidateKind,
    note: Option<String>,
    sentence: Range<usize>,
}

/// What is known about one phrase while scanning.
struct Seen {
    kind: CandidateKind,
    note: Option<String>,
    place: Place,
    sentence: Range<usize>,
    proposed: usize,
}

/// Candidates for the glossary in `corpus`, best first; see the module
/// doc for how they are found and ranked.
pub fn candidates(
    corpus: &[ArticleText],
    terms: &[Term],
    ignore: &[IgnoreEntry],
    options: &CandidateOptions,
) -> Vec<Candidate> {
    let known: HashSet<&str> = terms.iter().flat_map(Term::surface_forms).collect();
    let ignored: HashSet<&str> = ignore.iter().map(|e| e.text.as_str()).collect();
    let mut seen = propose_all(corpus);
    seen.retain(|text, _| !known.contains(text.as_str()) && !ignored.contains(text.as_str()));
    let counts = count(corpus, &seen, &known);
    let mut out: Vec<Candidate> = seen
        .into_iter()
        .map(|(text, s)| {
            let (n, articles) = counts.get(&text).copied().unwrap_or((0, 0));
            to_candidate(corpus, text, s, n, articles)
        })
        .filter(|c| c.count >= options.min_count)
        .collect();
    out.sort_by(|a, b| {
        let score = |c: &Candidate| c.marked * c.kind.weight();
        (score(b), b.count)
            .cmp(&(score(a), a.count))
            .then_with(|| a.text.cmp(&b.text))
    });
    if let Some(limit) = options.limit {
        out.truncate(limit);
    }
    out
}

fn to_candidate(
    corpus: &[ArticleText],
    text: String,
    s: Seen,
    n: usize,
    articles: usize,
) -> Candidate {
    let para = s.place.text(corpus);
    Candidate {
        text,
        kind: s.kind,
        // Found by an extractor but hidden from the count by a longer
        // phrase: it still occurred where it was proposed.
        count: n.max(s.proposed),
        marked: s.proposed,
        articles: articles.max(1),
        note: s.note,
        example: Example {
            article: s.place.slug(corpus).clone(),
            paragraph: s.place.anchor(corpus),
            sentence: para[s.sentence].to_string(),
        },
    }
}

/// Runs every extractor on every sentence, keeping for each phrase its
/// strongest kind and the first place of that kind.
fn propose_all(corpus: &[ArticleText]) -> HashMap<String, Seen> {
    let extractors = Extractors::new();
    let mut seen: HashMap<String, Seen> = HashMap::new();
    for (place, para) in paragraphs(corpus) {
        for p in extractors.propose(&para.text) {
            let entry = seen.entry(p.text).or_insert_with(|| Seen {
                kind: p.kind,
                note: None,
                place,
                sentence: p.sentence.clone(),
                proposed: 0,
            });
            entry.proposed += 1;
            if p.kind < entry.kind {
                entry.kind = p.kind;
                entry.place = place;
                entry.sentence = p.sentence;
            }
            if entry.note.is_none() {
                entry.note = p.note;
            }
        }
    }
    seen
}

/// Occurrences and distinct articles of each phrase. Glossary forms are
/// in the automaton too, so a phrase inside a known longer term is not
/// counted there.
fn count(
    corpus: &[ArticleText],
    seen: &HashMap<String, Seen>,
    known: &HashSet<&str>,
) -> HashMap<String, (usize, usize)> {
    let phrases: Vec<&str> = seen.keys().map(String::as_str).collect();
    let matcher = Matcher::from_forms(phrases.iter().copied().chain(known.iter().copied()));
    let mut tally: HashMap<usize, (usize, usize, usize)> = HashMap::new();
    for (place, para) in paragraphs(corpus) {
        for m in matcher
            .find(&para.text)
            .into_iter()
            .filter(|m| m.term < phrases.len())
        {
            let t = tally.entry(m.term).or_insert((0, 0, usize::MAX));
            t.0 += 1;
            if t.2 != place.article {
                t.1 += 1;
                t.2 = place.article;
            }
        }
    }
    tally
        .into_iter()
        .map(|(i, (n, articles, _))| (phrases[i].to_string(), (n, articles)))
        .collect()
}

/// The compiled extractors.
struct Extractors {
    definitions: DefinitionFinder,
    quoted: Regex,
    nested: Regex,
    digits: Regex,
    counted: Regex,
    paired: Regex,
    clause: Regex,
    official: Regex,
}

/// Counted phrases that are ordinary prose, not formulas: 三个方面.
const GENERIC_TAILS: &[&str] = &[
    "方面", "方向", "问题", "环节", "部分", "阶段", "层面", "领域", "重点", "步骤", "月", "年",
    "小时",
];

const NUMERALS: &str = "一二三四五六七八九十两双";

impl Extractors {
    fn new() -> Extractors {
        let compile = |p: &str| Regex::new(p).expect("candidate patterns are valid");
        Extractors {
            definitions: DefinitionFinder::new(),
            quoted: compile(r#"“([^“”]{2,12})”|「([^「」]{2,12})」"#),
            nested: compile(r"‘([^‘’]{2,12})’"),
            digits: compile(r"[0-9]{3,6}"),
            counted: compile(r"^[两三四五六七八九十]个\p{Han}{2,4}$"),
            paired: compile(&format!(
                r"^(?:[{NUMERALS}][\p{{Han}}&&[^{NUMERALS}个]]{{1,3}}){{2,4}}$"
            )),
            clause: compile(r"[^，。、；：！？,;:!?（）()“”《》「」\s]+"),
            official: compile(&format!(
                r"({POSTS})[ \u{{3000}}]?([{SURNAMES}]\p{{Han}}{{1,2}})"
            )),
        }
    }

    /// Proposals in one paragraph; a phrase proposed twice in a sentence
    /// (quoted and defined) is kept once, with its strongest kind.
    fn propose(&self, text: &str) -> Vec<Proposal> {
        let mut all = self.propose_each(text);
        all.sort_by(|a, b| {
            (a.sentence.start, &a.text, a.kind).cmp(&(b.sentence.start, &b.text, b.kind))
        });
        all.dedup_by(|b, a| a.sentence == b.sentence && a.text == b.text);
        all
    }

    fn propose_each(&self, text: &str) -> Vec<Proposal> {
        let mut out = Vec::new();
        for s in sentences(text) {
            let sentence = &text[s.clone()];
            let mut push = |text: String, kind, note| {
                out.push(Proposal {
                    text,
                    kind,
                    note,
                    sentence: s.clone(),
                })
            };
            for d in self.definitions.find(sentence) {
                let kind = match d.kind {
                    DefinitionKind::Explanation => CandidateKind::Definition,
                    DefinitionKind::Abbreviation => CandidateKind::Abbreviation,
                };
                push(d.form, kind, d.full);
            }
            for q in self.quoted_phrases(sentence) {
                let kind = if self.is_formula(q, true) {
                    CandidateKind::NumericFormula
                } else {
                    CandidateKind::Quoted
                };
                push(q.to_string(), kind, None);
            }
            for clause in self.clause.find_iter(sentence) {
                if let Some(f) = self.formula_ending(clause.as_str()) {
                    push(f.to_string(), CandidateKind::NumericFormula, None);
                }
            }
            for code in self.digit_codes(sentence) {
                push(code.to_string(), CandidateKind::NumericFormula, None);
            }
            for (name, post) in self.officials(sentence) {
                push(name.to_string(), CandidateKind::Official, Some(post));
            }
        }
        out
    }

    /// Quoted phrases that read as names, not as quoted speech.
    fn quoted_phrases<'t>(&self, s: &'t str) -> Vec<&'t str> {
        self.quoted
            .captures_iter(s)
            .filter_map(|c| c.get(1).or_else(|| c.get(2)))
            // Nested quotes sit inside an outer match, so are found apart.
            .chain(self.nested.captures_iter(s).filter_map(|c| c.get(1)))
            .map(|m| m.as_str().trim())
            .filter(|q| q.chars().count() >= 2)
            .filter(|q| !q.contains(['，', '。', '！', '？', '：', '；', ',', '!', '?', ';', ':']))
            .collect()
    }

    /// A numbered formula. Quoted, anything from two to eight characters
    /// starting with a Chinese numeral, or made of digits, will do. Unquoted,
    /// only two strict shapes: 两个确立 (numeral, 个, two to four
    /// characters) and, from five characters on so that idioms like 一心一意
    /// stay out, 三攻坚一盘活 (numbered parts).
    fn is_formula(&self, s: &str, quoted: bool) -> bool {
        let n = s.chars().count();
        if quoted {
            // Digit codes and sums such as 885, 4+1+1 and 1+7+N (a
            // letter stands for "any number" only beside a `+`).
            let digits = s.chars().any(|c| c.is_ascii_digit())
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.<>".contains(c))
                && (s.contains('+') || s.chars().all(|c| !c.is_ascii_alphabetic()));
            (2..=8).contains(&n) && (s.starts_with(|c| NUMERALS.contains(c)) || digits)
        } else {
            let generic = GENERIC_TAILS.iter().any(|t| s.contains(t));
            (4..=8).contains(&n)
                && !generic
                && (self.counted.is_match(s) || (n >= 5 && self.paired.is_match(s)))
        }
    }

    /// The longest formula ending a clause, where its end is certain.
    fn formula_ending<'t>(&self, clause: &'t str) -> Option<&'t str> {
        clause
            .char_indices()
            .filter(|(_, c)| NUMERALS.contains(*c))
            .map(|(i, _)| &clause[i..])
            .find(|tail| self.is_formula(tail, false))
    }

    /// Digit codes used as names: 3–6 digits not part of a longer number,
    /// followed by a short phrase ending in 工程, 体系, 机制… (quoted codes
    /// are found as quoted phrases).
    fn digit_codes<'t>(&self, s: &'t str) -> Vec<&'t str> {
        self.digits
            .find_iter(s)
            .filter(|m| {
                let before = s[..m.start()].chars().next_back();
                let after = &s[m.end()..];
                !before.is_some_and(|c| c.is_ascii_digit() || c == '.')
                    && !after.starts_with(|c: char| c.is_ascii_digit() || c == '.')
                    && names_a_system(after)
            })
            .map(|m| m.as_str())
            .collect()
    }

    /// Officials: (name, post). Tries a two-character name followed by a
    /// reporting verb, then three characters, then two, each followed by
    /// punctuation or a verb; anything else is left out.
    fn officials(&self, s: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for c in self.official.captures_iter(s) {
            let (post, name) = (c.get(1).expect("group 1"), c.get(2).expect("group 2"));
            if s[..post.end()].ends_with("总书记") {
                continue;
            }
            let chars: Vec<(usize, char)> = name.as_str().char_indices().collect();
            let cut = |k: usize| chars.get(k).map_or(name.as_str().len(), |&(i, _)| i);
            let rest = |k: usize| &s[name.start() + cut(k)..];
            let pick = if follows_verb(rest(2)) {
                Some(2)
            } else if chars.len() == 3 && ends_name(rest(3)) {
                Some(3)
            } else {
                Some(2).filter(|_| ends_name(rest(2)))
            };
            if let Some(k) = pick {
                let post_text = post_of(&s[..post.end()]);
                out.push((name.as_str()[..cut(k)].to_string(), post_text));
            }
        }
        out
    }
}

const POSTS: &str = "副市长|市长|副区长|区长|副县长|县长|副部长|部长|副主任|主任|副书记|书记|院长|行长|董事长|总经理|局长|厅长|主席|秘书长|发言人|检察长";

/// Common surnames: a name must start with one, which keeps verbs and
/// nouns after a post (书记要…, 主任以及…) from being taken for names.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝傅但";

const VERBS: &[&str] = &[
    "说", "表示", "出席", "介绍", "强调", "指出", "主持", "回答", "当选", "则", "就", "多次",
    "围绕", "要求", "认为", "会见", "调研", "讲话", "参加", "宣布", "作", "主讲", "带队", "一行",
];

fn follows_verb(rest: &str) -> bool {
    VERBS.iter().any(|v| rest.starts_with(v))
}

/// True when a name may end here: end of text, a non-Chinese character
/// (punctuation, space, digit) or a reporting verb.
fn ends_name(rest: &str) -> bool {
    match rest.chars().next() {
        None => true,
        Some(c) if !is_han(c) => true,
        Some(_) => follows_verb(rest),
    }
}

/// The post before a name: back to the start of its clause (a 、 joins
/// several posts), at most 24 characters.
fn post_of(before: &str) -> String {
    let start = before
        .rfind(|c: char| "，。；：！？“”（）(),;:!? \u{3000}\n".contains(c))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let clause = &before[start..];
    let skip = clause.chars().count().saturating_sub(24);
    clause.chars().skip(skip).collect()
}

/// True when the text after a digit code names a system: a short run of
/// Chinese ending in 工程, 体系, 机制…, not a unit such as 年 or 万.
fn names_a_system(after: &str) -> bool {
    const UNITS: &str =
        "年月日号万亿千百个家人元余多名项吨米亩户所件次天时分秒岁平公斤克条只辆套台批位期届";
    const NAMES: &[&str] = &[
        "工程",
        "体系",
        "机制",
        "布局",
        "架构",
        "行动",
        "计划",
        "战略",
        "格局",
        "模式",
        "工作法",
    ];
    let Some(first) = after.chars().next() else {
        return false;
    };
    if !is_han(first) || UNITS.contains(first) {
        return false;
    }
    let run: String = after.chars().take_while(|&c| is_han(c)).take(10).collect();
    NAMES.iter().any(|n| run.contains(n))
}

/// A plain-text table of candidates for the terminal: count, articles,
/// kind, phrase, note, and the example's place and sentence (shortened).
pub fn table(candidates: &[Candidate]) -> String {
    let width = candidates
        .iter()
        .map(|c| display_width(&c.text))
        .max()
        .unwrap_or(0)
        .max(4);
    let mut out = format!(
        "{:>6} {:>5} {:>4}  {:<15} {}  example\n",
        "marked",
        "count",
        "arts",
        "kind",
        pad("text", width)
    );
    for c in candidates {
        let note = c
            .note
            .as_deref()
            .map(|n| format!(" [{n}]"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:>6} {:>5} {:>4}  {:<15} {}  {}#{}: {}{}",
            c.marked,
            c.count,
            c.articles,
            c.kind.key(),
            pad(&c.text, width),
            c.example.article,
            c.example.paragraph,
            shorten(&c.example.sentence, 40),
            note,
        );
    }
    out
}

/// Columns a string takes in a terminal: wide (CJK, full-width) characters
/// take two.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if is_han(c)
                || ('\u{3000}'..='\u{303f}').contains(&c)
                || ('\u{ff00}'..='\u{ffef}').contains(&c)
                || ('\u{2018}'..='\u{201d}').contains(&c)
            {
                2
            } else {
                1
            }
        })
        .sum()
}

fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(display_width(s))))
}

fn shorten(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max_chars).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::testutil::term;

    fn article(slug: &str, text: &str) -> ArticleText {
        ArticleText::from_plain(Slug::new(slug).unwrap(), text)
    }

    fn found(text: &str) -> Vec<(String, CandidateKind)> {
        Extractors::new()
            .propose(text)
            .into_iter()
            .map(|p| (p.text, p.kind))
            .collect()
    }

    fn has(text: &str, phrase: &str, kind: CandidateKind) -> bool {
        found(text).iter().any(|(t, k)| t == phrase && *k == kind)
    }

    use CandidateKind::*;

    #[test]
    fn quoted_phrases_and_quoted_formulas() {
        let text = "坚定拥护“两个确立”，深化“红岩先锋”品牌，加快打造“33618”现代制造业集群体系。";
        assert!(has(text, "两个确立", NumericFormula));
        assert!(has(text, "红岩先锋", Quoted));
        assert!(has(text, "33618", NumericFormula));
        // Sums count as formulas, a letter only beside a `+`.
        assert!(has("优化“1+7+N”实验室体系", "1+7+N", NumericFormula));
        assert!(has("落实“4+1+1”机制", "4+1+1", NumericFormula));
        assert!(has("推广“5G”网络", "5G", Quoted));
        // Quotes nested in speech use single marks.
        assert!(has(
            "他说：“织密‘一网六防线’。”",
            "一网六防线",
            NumericFormula
        ));
        // Quoted speech is not a name.
        assert!(found("他说：“20多天下来，占道经营现象逐渐少了。”").is_empty());
    }

    #[test]
    fn unquoted_formulas_standing_alone() {
        assert!(has(
            "聚焦三攻坚一盘活，推进六区一高地建设。",
            "三攻坚一盘活",
            NumericFormula
        ));
        assert!(has("坚决做到两个维护。", "两个维护", NumericFormula));
        for text in [
            "一心一意，一针一线。",
            "打造一个平台。",
            "明确两个。",
            "具体抓手有四个方面。",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
        assert!(has(
            "实施三清三减三增、两个确立。",
            "三清三减三增",
            NumericFormula
        ));
        assert!(has(
            "实施三清三减三增、两个确立。",
            "两个确立",
            NumericFormula
        ));
        // Inside a longer clause the end of the formula is unknown.
        assert!(found("推进六区一高地建设。").is_empty());
        assert!(found("一是提高站位，二是强化落实。").is_empty());
    }

    #[test]
    fn digit_codes_named_as_systems() {
        assert!(has("完善党建统领885工作体系。", "885", NumericFormula));
        assert!(has("构建416科技创新战略布局。", "416", NumericFormula));
        for text in [
            "2023年机制建设",
            "共18850人",
            "增长8.885工程",
            "选取175家单位",
            "1234567工程",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn definitions_are_candidates() {
        assert!(has(
            "“三清”，即深入推进清理盘活存量资产。",
            "三清",
            Definition
        ));
        let p = Extractors::new().propose("我市以重庆农村土地交易所(以下简称“土交所”)牵头。");
        assert_eq!((p[0].text.as_str(), p[0].kind), ("土交所", Abbreviation));
        let p =
            Extractors::new().propose("市委印发《关于推进清廉重庆建设的意见》(以下简称《意见》)。");
        assert_eq!(p[0].note.as_deref(), Some("《关于推进清廉重庆建设的意见》"));
    }

    #[test]
    fn officials_with_their_posts() {
        let cases = [
            ("市委书记袁家军多次作出批示。", "袁家军", "市委书记"),
            ("坝周村党支部书记王波说。", "王波", "坝周村党支部书记"),
            (
                "市委常委、宣传部部长，市委新闻发言人姜辉；",
                "姜辉",
                "市委新闻发言人",
            ),
            (
                "市国资委党委书记、主任曾菁华围绕贯彻落实作介绍。",
                "曾菁华",
                "市国资委党委书记、主任",
            ),
            (
                "忠县县委常委、组织部部长 傅哈",
                "傅哈",
                "忠县县委常委、组织部部长",
            ),
            ("副市长但彦铮出席并宣布开幕。", "但彦铮", "副市长"),
        ];
        for (text, name, post) in cases {
            let got = Extractors::new().officials(text);
            assert_eq!(got, [(name.to_string(), post.to_string())], "{text}");
        }
        for text in [
            "习近平总书记关于全面从严治党的重要论述",
            "党委(党组)书记要亲自查、负总责",
            "严肃查处含谷镇原党委书记陈涛严重违纪违法问题",
            "该区110名社区书记担任总片长",
        ] {
            assert!(Extractors::new().officials(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn known_and_ignored_phrases_are_excluded_and_counts_respect_terms() {
        let corpus = [
            article(
                "a",
                "推进“三清三减三增”，坚持“两个确立”，打造“红岩先锋”。\n\n两个确立，红岩先锋。",
            ),
            article("b", "“两个确立”。“三清”，即清理。三清三减三增。"),
        ];
        let terms = [term("sqsjsz", "三清三减三增", &[])];
        let ignore = [IgnoreEntry {
            text: "红岩先锋".into(),
            reason: "a brand, not a term".into(),
        }];
        let got = candidates(&corpus, &terms, &ignore, &CandidateOptions::default());
        let summary: Vec<_> = got
            .iter()
            .map(|c| (c.text.as_str(), c.kind, c.count, c.articles))
            .collect();
        assert_eq!(
            summary,
            [
                ("两个确立", NumericFormula, 3, 2),
                ("三清", Definition, 1, 1)
            ]
        );
        assert_eq!(
            got[0].example.sentence,
            "推进“三清三减三增”，坚持“两个确立”，打造“红岩先锋”。"
        );
        assert_eq!(got[1].example.paragraph.anchor(), "p1");
        let limited = CandidateOptions {
            min_count: 2,
            limit: Some(5),
        };
        assert_eq!(candidates(&corpus, &terms, &ignore, &limited).len(), 1);
    }

    #[test]
    fn ignore_file_parses_and_points_at_lines() {
        let path = Path::new("content/glossary/ignore.yaml");
        let ok = parse_ignore(
            "- {text: \"红岩先锋\", reason: \"brand\"}\n- text: 回头看\n",
            path,
        )
        .unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[1].reason, "");
        assert!(parse_ignore("# nothing yet\n", path).unwrap().is_empty());
        assert!(parse_ignore("", path).unwrap().is_empty());
        let e = parse_ignore("- {text: a}\n- {txt: b}\n", path)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("content/glossary/ignore.yaml:2:"), "{e}");
        assert!(e.contains("unknown field `txt`"), "{e}");
        let e = parse_ignore("- {text: a}\n- {text: \" \"}\n", path)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("content/glossary/ignore.yaml:2:1: ignore entry with empty `text`"),
            "{e}"
        );
    }

    #[test]
    fn missing_ignore_file_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load_ignore(&dir.path().join("ignore.yaml"))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn table_aligns_wide_characters() {
        let c = Candidate {
            text: "两个确立".into(),
            kind: NumericFormula,
            count: 7,
            marked: 5,
            articles: 3,
            note: None,
            example: Example {
                article: Slug::new("a").unwrap(),
                paragraph: ParagraphId(2),
                sentence: "坚定拥护“两个确立”。".into(),
            },
        };
        let t = table(std::slice::from_ref(&c));
        assert!(
            t.starts_with("marked count arts  kind            text      example\n"),
            "{t}"
        );
        assert!(
            t.contains("     5     7    3  numeric-formula 两个确立  a#p2: 坚定拥护“两个确立”。\n"),
            "{t}"
        );
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.contains(r#""kind":"numeric-formula""#), "{json}");
        assert!(json.contains(r#""paragraph":"p2""#), "{json}");
    }
}
