//! In-text definitions: the places where the corpus explains its own
//! terms, so term pages can quote them and `jiedu terms` can propose them.
//!
//! Two shapes are recognised, with half- or full-width punctuation and
//! optional quotes:
//!
//! - **Explanations**: a quoted form followed by a defining verb —
//!   `“三清”，即…`, `“五长制”，指的是…`, `“四个加快”包括：…`,
//!   `“三避三退”机制即:…` — or, at the start of a sentence only, an
//!   unquoted `X是指…` / `X指的是…`.
//! - **Abbreviations** (简称): `《关于推进清廉重庆建设的意见》(以下简称《意见》)`,
//!   `（简称X）`, `(以下简称“X”)`, `，简称“X”`. When the full form is a
//!   bracketed title or a quotation right before, it is returned too.
//!
//! The unit of a definition is the sentence holding it (cut at 。！？), so a
//! term page can quote it and link to its paragraph. Common words that
//! merely contain 即 (立即, 随即, 即将…) are not definitions.

use super::corpus::{paragraphs, ArticleText, Place};
use crate::content::Term;
use crate::text::sentences;
use regex::Regex;
use serde::Serialize;
use std::ops::Range;

/// What sort of in-text definition was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DefinitionKind {
    /// “X”，即… / “X”指的是… / “X”包括：…
    Explanation,
    /// (以下简称X): X is an abbreviation of the preceding name.
    Abbreviation,
}

/// A definition found in one paragraph's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The form defined, without quotes (titles keep their 《》).
    pub form: String,
    /// Explanation or abbreviation.
    pub kind: DefinitionKind,
    /// For an abbreviation, the full name when it is bracketed or quoted
    /// right before it.
    pub full: Option<String>,
    /// Byte range of the whole sentence in the paragraph.
    pub sentence: Range<usize>,
}

/// A definition found in the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// What was found.
    pub found: Found,
    /// The sentence, for quoting.
    pub sentence: String,
    /// Where it is.
    pub place: Place,
}

/// The compiled patterns; build once and reuse.
#[derive(Debug, Clone)]
pub struct DefinitionFinder {
    explained: Regex,
    plain: Regex,
    abbreviated: Regex,
}

impl Default for DefinitionFinder {
    fn default() -> Self {
        DefinitionFinder::new()
    }
}

const QUOTED: &str = r#"(?:“(?P<q1>[^“”]{1,20})”|"(?P<q2>[^"]{1,20})"|「(?P<q3>[^「」]{1,20})」|‘(?P<q4>[^‘’]{1,20})’)"#;

impl DefinitionFinder {
    /// Compiles the patterns.
    ///
    /// # Panics
    /// Never: the patterns are constants covered by the tests.
    pub fn new() -> DefinitionFinder {
        let explained = format!(
            r"{QUOTED}(?P<suffix>\p{{Han}}{{0,4}}?)\s*[，,]?\s*(?P<verb>指的是|是指|就是|主要包括|具体包括|包括|即|指)\s*[：:]?"
        );
        let plain = r"^(?:所谓)?(?P<form>[\p{Han}A-Za-z0-9]{2,12}?)\s*[，,]?\s*(?:是指|指的是)";
        let abbreviated = r#"(?P<open>[（(]|[，,])\s*(?:以下)?简称(?:为)?\s*[：:]?\s*(?:“(?P<q1>[^“”]{1,20})”|"(?P<q2>[^"]{1,20})"|「(?P<q3>[^「」]{1,20})」|(?P<title>《[^《》]{1,30}》)|(?P<bare>[^()（）“”"《》，,。；;：:\s]{1,20}))\s*(?P<close>[)）])?"#;
        let compile = |p: &str| Regex::new(p).expect("definition patterns are valid");
        DefinitionFinder {
            explained: compile(&explained),
            plain: compile(plain),
            abbreviated: compile(abbreviated),
        }
    }

    /// Every definition in one paragraph's text, in order.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        for sentence in sentences(text) {
            let s = &text[sentence.clone()];
            let here = |form: String, kind, full| Found {
                form,
                kind,
                full,
                sentence: sentence.clone(),
            };
            for (form, full) in self.abbreviations(s) {
                out.push(here(form, DefinitionKind::Abbreviation, full));
            }
            for form in self.explanations(s) {
                out.push(here(form, DefinitionKind::Explanation, None));
            }
        }
        out
    }

    fn explanations(&self, s: &str) -> Vec<String> {
        let mut forms: Vec<String> = self
            .explained
            .captures_iter(s)
            .filter(|c| !is_common_word(c, s))
            .filter_map(|c| quoted(&c))
            .collect();
        if forms.is_empty() {
            forms.extend(self.plain.captures(s).map(|c| c["form"].to_string()));
        }
        forms
    }

    fn abbreviations(&self, s: &str) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        for c in self.abbreviated.captures_iter(s) {
            let paren = matches!(&c["open"], "(" | "（");
            let form = match (quoted(&c), c.name("title"), c.name("bare")) {
                (Some(q), _, _) => q,
                (None, Some(t), _) => t.as_str().to_string(),
                // A bare abbreviation needs both brackets to be delimited.
                (None, None, Some(b)) if paren && c.name("close").is_some() => {
                    b.as_str().to_string()
                }
                _ => continue,
            };
            let open = c.name("open").map_or(0, |m| m.start());
            out.push((form, full_before(&s[..open])));
        }
        out
    }
}

/// The content of whichever quote group matched.
fn quoted(c: &regex::Captures) -> Option<String> {
    ["q1", "q2", "q3", "q4"]
        .iter()
        .find_map(|g| c.name(g))
        .map(|m| m.as_str().trim().to_string())
        .filter(|f| f.chars().count() >= 2)
}

/// True when the verb is part of a longer common word: 即 in 立即, 随即
/// or 即将, 指 in 指导 or 指出.
fn is_common_word(c: &regex::Captures, s: &str) -> bool {
    let Some(verb) = c.name("verb") else {
        return false;
    };
    let suffix = c.name("suffix").map_or("", |m| m.as_str());
    let before = suffix.chars().next_back();
    let after = s[verb.end()..].chars().next();
    match verb.as_str() {
        "即" => {
            matches!(before, Some('立' | '随' | '旋' | '当' | '亦' | '则'))
                || matches!(after, Some('将' | '使' | '便' | '可' | '时' | '刻'))
        }
        "指" => matches!(
            after,
            Some('导' | '向' | '出' | '挥' | '标' | '引' | '示' | '定' | '南' | '针' | '数' | '令')
        ),
        _ => false,
    }
}

/// The full name right before an abbreviation: a 《title》 or a quotation.
fn full_before(before: &str) -> Option<String> {
    let before = before.trim_end();
    if before.ends_with('》') {
        let start = before.rfind('《')?;
        return Some(before[start..].to_string());
    }
    if let Some(inner) = before.strip_suffix('”') {
        let start = inner.rfind('“')?;
        return Some(inner[start + '“'.len_utf8()..].to_string());
    }
    None
}

/// Every in-text definition in the corpus, in corpus order.
pub fn find_definitions(corpus: &[ArticleText]) -> Vec<Definition> {
    let finder = DefinitionFinder::new();
    let mut out = Vec::new();
    for (place, para) in paragraphs(corpus) {
        for found in finder.find(&para.text) {
            let sentence = para.text[found.sentence.clone()].to_string();
            out.push(Definition {
                found,
                sentence,
                place,
            });
        }
    }
    out
}

/// The definitions of one term: those whose defined form is one of its
/// surface forms. A document-local term (`only_in`) only gets definitions
/// from its own articles.
pub fn of_term<'d>(
    definitions: &'d [Definition],
    term: &Term,
    corpus: &[ArticleText],
) -> Vec<&'d Definition> {
    let local = &term.meta.only_in;
    definitions
        .iter()
        .filter(|d| term.surface_forms().any(|f| f == d.found.form))
        .filter(|d| local.is_empty() || local.contains(d.place.slug(corpus)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<(String, DefinitionKind, Option<String>)> {
        DefinitionFinder::new()
            .find(text)
            .into_iter()
            .map(|f| (f.form, f.kind, f.full))
            .collect()
    }

    fn one(text: &str) -> (String, DefinitionKind, Option<String>) {
        let all = forms(text);
        assert_eq!(all.len(), 1, "{all:?} in {text}");
        all.into_iter().next().unwrap()
    }

    use DefinitionKind::{Abbreviation, Explanation};

    #[test]
    fn abbreviation_of_a_document_title() {
        let f = one("近日，市委印发《关于推进清廉重庆建设的意见》(以下简称《意见》)。");
        assert_eq!(
            f,
            (
                "《意见》".into(),
                Abbreviation,
                Some("《关于推进清廉重庆建设的意见》".into())
            )
        );
        let f = one("全会审议通过了《中共重庆市委关于深入贯彻落实习近平总书记重要指示精神奋力实现“三攻坚一盘活”改革突破的意见》(以下简称《意见》)，全面部署我市深化机构改革任务。");
        assert_eq!(f.0, "《意见》");
        assert!(f.2.unwrap().starts_with("《中共重庆市委关于"));
    }

    #[test]
    fn abbreviation_in_quotes_and_bare() {
        let text = "按照一体化、规范化、数智化要求，我市以重庆农村土地交易所(以下简称“土交所”)牵头，构建了四级服务体系。";
        assert_eq!(one(text), ("土交所".into(), Abbreviation, None));
        assert_eq!(
            one("重庆市海峡两岸交流促进会（简称海促会）召开大会。").0,
            "海促会"
        );
        assert_eq!(
            one("成渝地区双城经济圈，简称“双城经济圈”。").0,
            "双城经济圈"
        );
        assert_eq!(
            one("市国有资产监督管理委员会（以下简称: 市国资委）").0,
            "市国资委"
        );
        // Unbracketed and unquoted is too vague to delimit.
        assert!(forms("该会简称海促会，成立于1988年。").is_empty());
    }

    #[test]
    fn explanations_from_the_seeds() {
        let cases = [
            ("“三清”，即深入推进清理盘活存量资产、清除风险隐患、清收债权清偿债务。", "三清"),
            ("陈代忠口中的“五长制”，指的是万州区创新推行的党建统领下的“总片长、片区长、网格员、楼栋长、物业长”基层治理机制。", "五长制"),
            ("“四个加快”包括：加快推进园区开发区优化整合。", "四个加快"),
            ("“三避三退”机制即:村干部本人、家属、亲戚朋友不得参与本村村级工程承揽,必须主动避免;将群众意见", "三避三退"),
            ("所谓\"瘦身健体\"，就是压减层级。", "瘦身健体"),
            ("数字重庆是指以数字化变革为牵引的系统工程。", "数字重庆"),
        ];
        for (text, form) in cases {
            assert_eq!(one(text), (form.to_string(), Explanation, None), "{text}");
        }
    }

    #[test]
    fn common_words_with_ji_are_not_definitions() {
        for text in [
            "形成“1669”清廉重庆建设总体架构。即将清廉建设融入现代化新重庆建设大局。",
            "群众反映“回头看”立即引起重视。",
            "“一表通”随即上线。",
            "一场市容环境秩序专项整治行动随即展开。",
            "村委会立即进行调查。",
            "“三服务”指导员进村。",
            "“第一议题”指出方向。",
            "曾菁华说，这次“三攻坚一盘活”目标指向是资产。",
        ] {
            assert!(forms(text).is_empty(), "{text}: {:?}", forms(text));
        }
    }

    #[test]
    fn several_definitions_in_one_paragraph_keep_their_sentences() {
        let text = "“三清”，即清理。“三减”，即减层级。";
        let found = DefinitionFinder::new().find(text);
        let got: Vec<_> = found
            .iter()
            .map(|f| (f.form.as_str(), &text[f.sentence.clone()]))
            .collect();
        assert_eq!(
            got,
            [("三清", "“三清”，即清理。"), ("三减", "“三减”，即减层级。")]
        );
    }

    #[test]
    fn definitions_of_a_local_term_stay_in_its_articles() {
        use crate::glossary::testutil::term;
        use crate::ids::Slug;
        let corpus = vec![
            ArticleText::from_plain(
                Slug::new("a").unwrap(),
                "市委印发《关于推进清廉重庆建设的意见》(以下简称《意见》)。",
            ),
            ArticleText::from_plain(
                Slug::new("b").unwrap(),
                "全会通过了《关于三攻坚一盘活的意见》（以下简称《意见》）。",
            ),
        ];
        let defs = find_definitions(&corpus);
        assert_eq!(defs.len(), 2);
        let mut t = term(
            "qinglian-yijian",
            "《关于推进清廉重庆建设的意见》",
            &["《意见》"],
        );
        t.meta.only_in = vec![Slug::new("a").unwrap()];
        let mine = of_term(&defs, &t, &corpus);
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].place.slug(&corpus).as_str(), "a");
        assert_eq!(
            mine[0].sentence,
            "市委印发《关于推进清廉重庆建设的意见》(以下简称《意见》)。"
        );
    }
}
