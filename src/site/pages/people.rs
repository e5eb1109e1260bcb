//! The people index at `/people/` (issue 8): the reader's way in by
//! person, beside articles and the glossary. Reads the glossary's people
//! with their counts, and the articles' authors.
//!
//! A person is either a glossary term of kind `person` (an official the
//! texts name; its mentions are the term's occurrences from
//! [`Analysis`](crate::site::analysis::Analysis)) or an article author from
//! front-matter `authors`, or both when an author's name is a term or one
//! of its aliases. Everything here is a pure function of the site and the
//! analysis, so a page is rebuilt whenever an article or a term changes.

use super::frame::Frame;
use super::terms::{pinyin_key, short_definition, TermCounts};
use crate::content::{Article, TermKind};
use crate::error::Result;
use crate::render::context::{ArticleSummary, Mention, PeoplePage, PersonView, PEOPLE_PREVIEW};
use pinyin::ToPinyin;
use std::collections::BTreeMap;

/// What the people index reads.
pub struct Reads<'a> {
    /// The glossary (its people) and its counts (their mentions).
    pub terms: TermCounts<'a>,
    /// The articles (their authors).
    pub articles: &'a [Article],
}

/// `people/index.html`.
pub fn render(f: &Frame, r: &Reads) -> Result<String> {
    r.page(f)
}

impl Reads<'_> {
    fn page(&self, f: &Frame) -> Result<String> {
        let (named, authors) = self.people();
        let ctx = PeoplePage {
            site: &f.view,
            page: f.meta(
                "人物",
                "本版文章提到的官员与人物，以及文章的记者和作者。".into(),
                &f.urls.people(),
                "people",
            ),
            named,
            authors,
        };
        f.render("people.html", &ctx)
    }

    /// People with a glossary entry, then authors without one, each list
    /// sorted by pinyin.
    fn people(&self) -> (Vec<PersonView>, Vec<PersonView>) {
        let mut by_author = self.articles_by_author();
        let mut named = Vec::new();
        for (ix, t) in self.terms.terms.iter().enumerate() {
            if t.meta.kind != TermKind::Person {
                continue;
            }
            let mut written = Vec::new();
            for name in std::iter::once(&t.meta.term).chain(&t.meta.aliases) {
                written.extend(by_author.remove(name.as_str()).unwrap_or_default());
            }
            written.sort_unstable();
            written.dedup();
            named.push(PersonView {
                name: t.meta.term.clone(),
                anchor: String::new(),
                pinyin: name_case(&t.meta.pinyin, 1),
                post: Some(short_definition(t)).filter(|p| !p.is_empty()),
                term: Some(self.terms.summary(ix)),
                written: self.summaries(preview(&written)),
                written_total: written.len(),
                mentioned: self.mentions(ix),
                mentioned_total: self.terms.occurrences.counts(ix).len(),
            });
        }
        let authors = by_author
            .into_iter()
            .map(|(name, written)| PersonView {
                name: name.to_string(),
                anchor: String::new(),
                pinyin: name_case(&name_pinyin(name), surname_syllables(name)),
                post: None,
                term: None,
                written: self.summaries(preview(&written)),
                written_total: written.len(),
                mentioned: Vec::new(),
                mentioned_total: 0,
            })
            .collect();
        (sorted(named, 0), sorted(authors, 1))
    }

    /// Article indices by author name, in site order (newest first).
    fn articles_by_author(&self) -> BTreeMap<&str, Vec<usize>> {
        let mut map: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, a) in self.articles.iter().enumerate() {
            for name in &a.meta.authors {
                map.entry(name.as_str()).or_default().push(i);
            }
        }
        map
    }

    fn summaries(&self, articles: &[usize]) -> Vec<ArticleSummary> {
        articles
            .iter()
            .map(|&i| ArticleSummary::new(&self.articles[i], self.terms.urls))
            .collect()
    }

    /// The newest articles term `ix` occurs in, with counts.
    fn mentions(&self, ix: usize) -> Vec<Mention> {
        preview(self.terms.occurrences.counts(ix))
            .iter()
            .map(|c| Mention {
                article: ArticleSummary::new(&self.articles[c.of()], self.terms.urls),
                count: c.count(),
            })
            .collect()
    }
}

/// The first (newest) [`PEOPLE_PREVIEW`] of a person's articles.
fn preview<T>(articles: &[T]) -> &[T] {
    &articles[..articles.len().min(PEOPLE_PREVIEW)]
}

/// Sorts people by pinyin, then name, and numbers their anchors; `list`
/// keeps the two lists' anchors apart.
fn sorted(mut people: Vec<PersonView>, list: usize) -> Vec<PersonView> {
    people.sort_by_cached_key(|p| (pinyin_key(&p.pinyin), p.name.clone()));
    for (n, p) in people.iter_mut().enumerate() {
        p.anchor = format!("person-{list}-{}", n + 1);
    }
    people
}

/// The pinyin of a name without a glossary entry (tone marks kept, like
/// the glossary's); the surname read as a surname ([`super::surnames`]),
/// characters without pinyin standing as they are.
fn name_pinyin(name: &str) -> String {
    let (mut syllables, skip) = match super::surnames::surname(name) {
        Some((reading, chars)) => (vec![reading.to_string()], chars),
        None => (Vec::new(), 0),
    };
    syllables.extend(name.chars().skip(skip).map(|c| {
        c.to_pinyin()
            .map_or_else(|| c.to_string(), |p| p.with_tone().to_string())
    }));
    syllables.join(" ")
}

/// A name's pinyin written as names are (issue 18): the surname and the
/// given name each capitalised, the given name's syllables joined —
/// 「hé chūn yáng」 → 「Hé Chūnyáng」, 「chén quán」 → 「Chén Quán」. Pinyin
/// already written that way is left as it is. The surname is the first
/// `surname` syllables (two for 欧阳, 司马…).
fn name_case(pinyin: &str, surname: usize) -> String {
    let syllables: Vec<&str> = pinyin.split_whitespace().collect();
    if syllables.is_empty() {
        return String::new();
    }
    let (surname, given) = syllables.split_at(surname.clamp(1, syllables.len()));
    let mut out = capitalised(&surname.concat().to_lowercase());
    if !given.is_empty() {
        out.push(' ');
        out.push_str(&capitalised(&given.concat().to_lowercase()));
    }
    out
}

/// How many syllables the surname of `name` has: two for a compound
/// surname the surname table knows, else one.
fn surname_syllables(name: &str) -> usize {
    match super::surnames::surname(name) {
        Some((_, 2)) => 2,
        _ => 1,
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_written_with_capitals_and_the_given_name_joined() {
        assert_eq!(name_case("hé chūn yáng", 1), "Hé Chūnyáng");
        assert_eq!(name_case("chén quán", 1), "Chén Quán");
        assert_eq!(name_case("Chén Quán", 1), "Chén Quán");
        assert_eq!(name_case("ài", 1), "Ài");
        assert_eq!(
            name_case(&name_pinyin("令狐冲"), surname_syllables("令狐冲")),
            "Línghú Chōng"
        );
        assert_eq!(
            pinyin_key(&name_case(&name_pinyin("何春阳"), 1)),
            "he chunyang"
        );
    }

    #[test]
    fn names_get_pinyin_for_sorting() {
        assert_eq!(name_pinyin("周尤"), "zhōu yóu");
        assert_eq!(pinyin_key(&name_pinyin("黄乔")), "huang qiao");
    }

    #[test]
    fn surnames_sort_by_their_surname_reading() {
        // By each character's commonest reading these would be céng,
        // dān, jiě, qū, chóu, and 曾 would sort before 陈 (chén).
        assert_eq!(name_pinyin("曾明"), "zēng míng");
        assert_eq!(name_pinyin("单霁翔"), "shàn jì xiáng");
        assert_eq!(name_pinyin("解振华"), "xiè zhèn huá");
        assert_eq!(name_pinyin("区梦觉"), "ōu mèng jué");
        assert_eq!(name_pinyin("仇和"), "qiú hé");
        let names = ["曾明", "陈一", "张三", "仇和", "解振华"];
        let mut people: Vec<(String, &str)> = names
            .iter()
            .map(|n| (pinyin_key(&name_pinyin(n)), *n))
            .collect();
        people.sort();
        let order: Vec<&str> = people.iter().map(|(_, n)| *n).collect();
        assert_eq!(order, ["陈一", "仇和", "解振华", "曾明", "张三"]);
    }
}
