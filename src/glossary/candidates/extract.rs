//! The extractors of step 1: in each sentence, the phrases marked as
//! terms by a definition or abbreviation, quotes, a formula's shape, a
//! digit code named as a system, or an official's post.

use super::candidate::CandidateKind;
use super::words::{ends_name, follows_verb, names_a_system, post_of, POSTS, SURNAMES};
use crate::glossary::definitions::{DefinitionFinder, DefinitionKind};
use crate::text::sentences;
use regex::Regex;
use std::ops::Range;

/// A phrase proposed at one place, before aggregation.
pub(super) struct Proposal {
    pub(super) text: String,
    pub(super) kind: CandidateKind,
    pub(super) note: Option<String>,
    pub(super) sentence: Range<usize>,
}

/// The compiled extractors.
pub(super) struct Extractors {
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
    pub(super) fn new() -> Extractors {
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
    pub(super) fn propose(&self, text: &str) -> Vec<Proposal> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use CandidateKind::*;

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
}
