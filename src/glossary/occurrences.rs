//! Every occurrence of every term in the corpus, and what term pages and
//! article pages derive from them: counts per article, keyword-in-context
//! lines, co-occurring terms and related articles.
//!
//! [`Occurrences::compute`] runs the matcher once over each paragraph and
//! then builds postings in linear passes: term → occurrences, term →
//! articles with counts, article → terms with counts. The derived rankings
//! walk those postings and never compare all pairs of articles or terms;
//! a term found in more than [`MAX_POSTINGS`] articles is too common to say
//! which articles are related, and only its [`MAX_POSTINGS`] densest
//! articles are used for co-occurrence. That keeps an edition of 10,000
//! articles and 1,000 terms linear in its size.
//!
//! Snippets are not stored: [`Occurrences::kwic`] cuts them from the input
//! on demand, borrowed, so memory grows with the number of occurrences
//! only by a few words each.

use super::corpus::{paragraphs, ArticleText, Place};
use super::matcher::Matcher;
use serde::Serialize;
use std::collections::HashMap;
use std::ops::Range;

/// How many articles of one term the rankings look at; see the module doc.
pub const MAX_POSTINGS: usize = 200;

/// Characters of context on each side of a keyword-in-context line.
pub const KWIC_CHARS: usize = 20;

/// One occurrence of a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Occurrence {
    /// Index of the term.
    pub term: usize,
    /// Article and paragraph.
    pub place: Place,
    /// Byte range in the paragraph text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

/// A keyword-in-context line, in parts so a template can escape each and
/// highlight the keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Kwic<'a> {
    /// Up to [`KWIC_CHARS`] characters before the keyword.
    pub left: &'a str,
    /// The keyword as it appears.
    pub keyword: &'a str,
    /// Up to [`KWIC_CHARS`] characters after it.
    pub right: &'a str,
    /// True when the paragraph goes on before `left` (show “…”).
    pub cut_left: bool,
    /// True when the paragraph goes on after `right`.
    pub cut_right: bool,
}

/// How often one term occurs in one article (or one article holds one term).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Count {
    /// Index of the article (in [`Occurrences::counts`]) or of the term (in
    /// [`Occurrences::terms_in`]).
    pub of: usize,
    /// Number of occurrences.
    pub count: usize,
}

/// A term that appears together with another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CoOccurrence {
    /// Index of the other term.
    pub term: usize,
    /// Paragraphs holding both.
    pub paragraphs: usize,
    /// Articles holding both.
    pub articles: usize,
}

/// An article related to another by the terms they share.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RelatedArticle {
    /// Index of the related article.
    pub article: usize,
    /// How many distinct terms the two share (common terms excluded).
    pub shared_terms: usize,
    /// The sum of the shared terms' weights: rarer terms weigh more.
    pub score: f64,
}

/// All occurrences of a glossary in a corpus, with postings.
#[derive(Debug, Clone, Default)]
pub struct Occurrences {
    /// Sorted by article, paragraph, start.
    all: Vec<Occurrence>,
    /// Per term: indices into `all`.
    by_term: Vec<Vec<usize>>,
    /// Per article: its slice of `all`.
    by_article: Vec<Range<usize>>,
    /// Per term: articles and counts, in article order.
    term_articles: Vec<Vec<Count>>,
    /// Per article: terms and counts, most frequent first.
    article_terms: Vec<Vec<Count>>,
}

impl Occurrences {
    /// Finds every term of `matcher` in every paragraph of `corpus`,
    /// honouring each term's `only_in` articles.
    pub fn compute(matcher: &Matcher, corpus: &[ArticleText]) -> Occurrences {
        let mut all = Vec::new();
        let mut by_article = Vec::with_capacity(corpus.len());
        let mut last_article = 0;
        for (place, para) in paragraphs(corpus) {
            while by_article.len() < place.article {
                by_article.push(last_article..all.len());
                last_article = all.len();
            }
            let slug = place.slug(corpus);
            all.extend(
                matcher
                    .find_in(&para.text, slug)
                    .into_iter()
                    .map(|m| Occurrence {
                        term: m.term,
                        place,
                        start: m.start,
                        end: m.end,
                    }),
            );
        }
        while by_article.len() < corpus.len() {
            by_article.push(last_article..all.len());
            last_article = all.len();
        }
        Occurrences::index(all, by_article, matcher.term_count())
    }

    fn index(all: Vec<Occurrence>, by_article: Vec<Range<usize>>, terms: usize) -> Occurrences {
        let mut by_term = vec![Vec::new(); terms];
        let mut term_articles: Vec<Vec<Count>> = vec![Vec::new(); terms];
        for (i, o) in all.iter().enumerate() {
            by_term[o.term].push(i);
            let postings = &mut term_articles[o.term];
            match postings.last_mut() {
                Some(c) if c.of == o.place.article => c.count += 1,
                _ => postings.push(Count {
                    of: o.place.article,
                    count: 1,
                }),
            }
        }
        let mut article_terms: Vec<Vec<Count>> = vec![Vec::new(); by_article.len()];
        for (term, postings) in term_articles.iter().enumerate() {
            for c in postings {
                article_terms[c.of].push(Count {
                    of: term,
                    count: c.count,
                });
            }
        }
        for terms in &mut article_terms {
            terms.sort_by(|a, b| b.count.cmp(&a.count).then(a.of.cmp(&b.of)));
        }
        Occurrences {
            all,
            by_term,
            by_article,
            term_articles,
            article_terms,
        }
    }

    /// Every occurrence, by article, paragraph and position.
    pub fn all(&self) -> &[Occurrence] {
        &self.all
    }

    /// The occurrences of one term, in corpus order.
    pub fn of_term(&self, term: usize) -> impl Iterator<Item = &Occurrence> {
        let ix = self.by_term.get(term).map_or(&[][..], Vec::as_slice);
        ix.iter().map(|&i| &self.all[i])
    }

    /// How many times the term occurs in the whole corpus.
    pub fn total(&self, term: usize) -> usize {
        self.by_term.get(term).map_or(0, Vec::len)
    }

    /// The occurrences in one article, in order.
    pub fn in_article(&self, article: usize) -> &[Occurrence] {
        self.by_article
            .get(article)
            .map_or(&[], |r| &self.all[r.clone()])
    }

    /// The articles a term occurs in, with counts, in corpus order.
    pub fn counts(&self, term: usize) -> &[Count] {
        self.term_articles.get(term).map_or(&[], Vec::as_slice)
    }

    /// The terms occurring in an article, with counts, most frequent first.
    pub fn terms_in(&self, article: usize) -> &[Count] {
        self.article_terms.get(article).map_or(&[], Vec::as_slice)
    }

    /// The keyword-in-context line of an occurrence.
    pub fn kwic<'a>(&self, corpus: &'a [ArticleText], occ: &Occurrence) -> Kwic<'a> {
        kwic(occ.place.text(corpus), occ.start, occ.end, KWIC_CHARS)
    }

    /// Up to `limit` terms that share paragraphs or articles with `term`,
    /// most shared paragraphs first, then most shared articles.
    pub fn co_occurring(&self, term: usize, limit: usize) -> Vec<CoOccurrence> {
        let mut tally: HashMap<usize, (usize, usize)> = HashMap::new();
        for place in self.paragraphs_of(term) {
            for other in self.distinct_terms_at(place) {
                tally.entry(other).or_default().0 += 1;
            }
        }
        for article in densest(self.counts(term)) {
            for c in self.terms_in(article) {
                tally.entry(c.of).or_default().1 += 1;
            }
        }
        tally.remove(&term);
        let mut out: Vec<CoOccurrence> = tally
            .into_iter()
            .map(|(term, (paragraphs, articles))| CoOccurrence {
                term,
                paragraphs,
                articles,
            })
            .collect();
        out.sort_by(|a, b| {
            (b.paragraphs, b.articles)
                .cmp(&(a.paragraphs, a.articles))
                .then(a.term.cmp(&b.term))
        });
        out.truncate(limit);
        out
    }

    /// Distinct paragraphs of a term, limited to the densest articles.
    fn paragraphs_of(&self, term: usize) -> Vec<Place> {
        let articles: Vec<usize> = densest(self.counts(term));
        let mut places: Vec<Place> = self
            .of_term(term)
            .map(|o| o.place)
            .filter(|p| articles.binary_search(&p.article).is_ok())
            .collect();
        places.dedup();
        places
    }

    /// Distinct terms in one paragraph, found in the article's slice.
    fn distinct_terms_at(&self, place: Place) -> Vec<usize> {
        let mut terms: Vec<usize> = self
            .in_article(place.article)
            .iter()
            .filter(|o| o.place == place)
            .map(|o| o.term)
            .collect();
        terms.sort_unstable();
        terms.dedup();
        terms
    }

    /// Up to `limit` other articles sharing terms with `article`, best
    /// first. Each shared term weighs `ln(articles / articles with it)`, so
    /// rare terms count most; terms in more than [`MAX_POSTINGS`] articles,
    /// or in only this one, are skipped.
    pub fn related_articles(&self, article: usize, limit: usize) -> Vec<RelatedArticle> {
        let n = self.by_article.len() as f64;
        let mut tally: HashMap<usize, (usize, f64)> = HashMap::new();
        for t in self.terms_in(article) {
            let postings = self.counts(t.of);
            if postings.len() > MAX_POSTINGS || postings.len() < 2 {
                continue;
            }
            let weight = (n / postings.len() as f64).ln().max(f64::EPSILON);
            for other in postings.iter().filter(|c| c.of != article) {
                let entry = tally.entry(other.of).or_default();
                entry.0 += 1;
                entry.1 += weight;
            }
        }
        let mut out: Vec<RelatedArticle> = tally
            .into_iter()
            .map(|(article, (shared_terms, score))| RelatedArticle {
                article,
                shared_terms,
                score,
            })
            .collect();
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(b.shared_terms.cmp(&a.shared_terms))
                .then(a.article.cmp(&b.article))
        });
        out.truncate(limit);
        out
    }
}

/// The (at most [`MAX_POSTINGS`]) articles where a term is densest, as
/// sorted article indices.
fn densest(postings: &[Count]) -> Vec<usize> {
    let mut chosen: Vec<Count> = postings.to_vec();
    if chosen.len() > MAX_POSTINGS {
        chosen.sort_by(|a, b| b.count.cmp(&a.count).then(a.of.cmp(&b.of)));
        chosen.truncate(MAX_POSTINGS);
    }
    let mut articles: Vec<usize> = chosen.into_iter().map(|c| c.of).collect();
    articles.sort_unstable();
    articles
}

/// The keyword `text[start..end]` with up to `width` characters each side,
/// cut on character boundaries.
pub fn kwic(text: &str, start: usize, end: usize, width: usize) -> Kwic<'_> {
    let left_start = text[..start]
        .char_indices()
        .rev()
        .nth(width.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let left_start = if width == 0 { start } else { left_start };
    let right_end = text[end..]
        .char_indices()
        .nth(width)
        .map_or(text.len(), |(i, _)| end + i);
    Kwic {
        left: &text[left_start..start],
        keyword: &text[start..end],
        right: &text[end..right_end],
        cut_left: left_start > 0,
        cut_right: right_end < text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::testutil::term;
    use crate::ids::Slug;

    fn corpus(articles: &[(&str, &[&str])]) -> Vec<ArticleText> {
        articles
            .iter()
            .map(|(slug, paras)| {
                ArticleText::from_plain(Slug::new(*slug).unwrap(), &paras.join("\n\n"))
            })
            .collect()
    }

    fn setup() -> (Vec<ArticleText>, Occurrences) {
        let terms = [
            term("lgql", "两个确立", &[]),
            term("lgwh", "两个维护", &[]),
            term("e885", "885", &[]),
            term("sgj", "三攻坚一盘活", &[]),
        ];
        let c = corpus(&[
            (
                "a",
                &[
                    "深刻领悟“两个确立”，坚决做到“两个维护”。",
                    "党建统领“885”工作体系。",
                ],
            ),
            ("b", &["“两个确立”，“两个确立”。", "“三攻坚一盘活”和885。"]),
            ("c", &["18850人", "三攻坚一盘活改革"]),
            ("d", &[]),
        ]);
        let occ = Occurrences::compute(&Matcher::new(&terms), &c);
        (c, occ)
    }

    #[test]
    fn finds_every_occurrence_with_places() {
        let (c, occ) = setup();
        assert_eq!(occ.all().len(), 8);
        let first = occ.of_term(0).next().unwrap();
        assert_eq!(first.place.slug(&c).as_str(), "a");
        assert_eq!(first.place.anchor(&c).anchor(), "p1");
        assert_eq!(occ.total(2), 2);
        assert_eq!(occ.in_article(2).len(), 1);
        assert!(occ.in_article(3).is_empty());
        assert!(occ.in_article(9).is_empty());
    }

    #[test]
    fn counts_per_term_and_article() {
        let (_, occ) = setup();
        assert_eq!(
            occ.counts(0),
            [Count { of: 0, count: 1 }, Count { of: 1, count: 2 }]
        );
        assert_eq!(occ.terms_in(1)[0], Count { of: 0, count: 2 });
        assert_eq!(occ.terms_in(1).len(), 3);
    }

    #[test]
    fn kwic_cuts_on_character_boundaries() {
        let text = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸关键词子丑寅卯辰巳午未申酉戌亥天干地支";
        let start = text.find("关键词").unwrap();
        let k = kwic(text, start, start + "关键词".len(), 5);
        assert_eq!(
            (k.left, k.keyword, k.right),
            ("己庚辛壬癸", "关键词", "子丑寅卯辰")
        );
        assert!(k.cut_left && k.cut_right);
        let k = kwic("885工作", 0, 3, 20);
        assert_eq!(
            (k.left, k.right, k.cut_left, k.cut_right),
            ("", "工作", false, false)
        );
    }

    #[test]
    fn kwic_of_an_occurrence() {
        let (c, occ) = setup();
        let o = occ.of_term(2).next().unwrap();
        let k = occ.kwic(&c, o);
        assert_eq!(
            (k.left, k.keyword, k.right),
            ("党建统领“", "885", "”工作体系。")
        );
    }

    #[test]
    fn co_occurring_terms_rank_paragraphs_first() {
        let (_, occ) = setup();
        let co = occ.co_occurring(0, 10);
        assert_eq!(
            co[0],
            CoOccurrence {
                term: 1,
                paragraphs: 1,
                articles: 1
            }
        );
        assert_eq!(co.len(), 3);
        assert!(co.iter().all(|c| c.term != 0));
        assert_eq!(occ.co_occurring(0, 1).len(), 1);
    }

    #[test]
    fn related_articles_share_rare_terms() {
        let (_, occ) = setup();
        let rel = occ.related_articles(0, 5);
        assert_eq!(rel[0].article, 1);
        assert_eq!(rel[0].shared_terms, 2);
        assert!(rel.iter().all(|r| r.article != 0));
        assert!(occ.related_articles(3, 5).is_empty());
    }
}
