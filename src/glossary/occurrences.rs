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
use std::ops::Range;

/// How many articles of one term the rankings look at; see the module doc.
pub const MAX_POSTINGS: usize = 200;

/// Characters of context on each side of a keyword-in-context line.
pub const KWIC_CHARS: usize = 20;

/// One occurrence of a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Occurrence {
    /// Index of the term.
    pub term: u32,
    /// Article and paragraph.
    pub place: Place,
    /// Byte range in the paragraph text.
    pub start: u32,
    /// End of the byte range.
    pub end: u32,
}

impl Occurrence {
    /// Term `term` at bytes `range` of the paragraph at `place`. Held as
    /// `u32`s: an edition has millions of occurrences, each held for the
    /// whole build.
    pub fn new(term: usize, place: Place, range: Range<usize>) -> Occurrence {
        Occurrence {
            term: term as u32,
            place,
            start: range.start as u32,
            end: range.end as u32,
        }
    }

    /// Index of the term.
    pub fn term(self) -> usize {
        self.term as usize
    }

    /// Byte range in the paragraph text.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
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
    /// [`Occurrences::terms_in`]). `u32`s: an edition holds millions.
    of: u32,
    /// Number of occurrences.
    count: u32,
}

impl Count {
    /// `count` occurrences in article (or of term) `of`.
    pub fn new(of: usize, count: usize) -> Count {
        Count {
            of: of as u32,
            count: count as u32,
        }
    }

    /// Index of the article or term.
    pub fn of(self) -> usize {
        self.of as usize
    }

    /// Number of occurrences.
    pub fn count(self) -> usize {
        self.count as usize
    }
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
    by_term: Vec<Vec<u32>>,
    /// Per article: its slice of `all`.
    by_article: Vec<Range<usize>>,
    /// Per term: articles and counts, in article order.
    term_articles: Vec<Vec<Count>>,
    /// Per article: terms and counts, most frequent first.
    article_terms: Vec<Vec<Count>>,
    /// The distinct terms of each paragraph that has any, flattened.
    paragraphs: ParagraphTerms,
}

/// The distinct, sorted terms of every paragraph holding a term, in one
/// flat vector so co-occurrence walks never allocate.
#[derive(Debug, Clone, Default)]
struct ParagraphTerms {
    /// All lists, concatenated (`u32`s, as all the indices an edition
    /// holds millions of).
    terms: Vec<u32>,
    /// Where each paragraph's list starts in `terms`; one extra at the end.
    starts: Vec<u32>,
    /// Per article: its range of paragraph numbers.
    by_article: Vec<Range<usize>>,
}

impl ParagraphTerms {
    fn build(all: &[Occurrence], by_article: &[Range<usize>]) -> ParagraphTerms {
        let mut out = ParagraphTerms {
            starts: vec![0],
            ..ParagraphTerms::default()
        };
        let mut scratch = Vec::new();
        for range in by_article {
            let first = out.starts.len() - 1;
            for group in all[range.clone()].chunk_by(|a, b| a.place == b.place) {
                scratch.clear();
                scratch.extend(group.iter().map(|o| o.term));
                scratch.sort_unstable();
                scratch.dedup();
                out.terms.extend_from_slice(&scratch);
                out.starts.push(out.terms.len() as u32);
            }
            out.by_article.push(first..out.starts.len() - 1);
        }
        out
    }

    /// The distinct terms of each paragraph of an article that has any.
    fn of_article(&self, article: usize) -> impl Iterator<Item = &[u32]> {
        let range = self.by_article.get(article).cloned().unwrap_or(0..0);
        range.map(|p| &self.terms[self.starts[p] as usize..self.starts[p + 1] as usize])
    }
}

impl Occurrences {
    /// Finds every term of `matcher` in every paragraph of `corpus`,
    /// honouring each term's `only_in` articles.
    pub fn compute(matcher: &Matcher, corpus: &[ArticleText]) -> Occurrences {
        let mut all = Vec::new();
        let mut by_article = Vec::with_capacity(corpus.len());
        let mut last_article = 0;
        for (place, para) in paragraphs(corpus) {
            while by_article.len() < place.article() {
                by_article.push(last_article..all.len());
                last_article = all.len();
            }
            let slug = place.slug(corpus);
            all.extend(
                matcher
                    .find_in(&para.text, slug)
                    .into_iter()
                    .map(|m| Occurrence::new(m.term, place, m.start..m.end)),
            );
        }
        while by_article.len() < corpus.len() {
            by_article.push(last_article..all.len());
            last_article = all.len();
        }
        Occurrences::index(all, by_article, matcher.term_count())
    }

    /// Indexes occurrences found elsewhere, e.g. by the renderer while it
    /// links terms, so the text is matched only once per build. `articles`
    /// and `terms` are the sizes of the corpus and glossary; occurrences
    /// naming an article or term beyond them are dropped.
    pub fn from_occurrences(
        mut all: Vec<Occurrence>,
        articles: usize,
        terms: usize,
    ) -> Occurrences {
        all.retain(|o| o.place.article() < articles && o.term() < terms);
        all.sort_by_key(|o| (o.place, o.start));
        let mut by_article = Vec::with_capacity(articles);
        let mut start = 0;
        for article in 0..articles {
            let end = start + all[start..].partition_point(|o| o.place.article() == article);
            by_article.push(start..end);
            start = end;
        }
        Occurrences::index(all, by_article, terms)
    }

    /// Indexes per-article lists of occurrences, each sorted by paragraph
    /// and position, the `i`-th list holding article `i`'s; a linear pass.
    pub fn from_articles(lists: Vec<Vec<Occurrence>>, terms: usize) -> Occurrences {
        let mut occ = Occurrences::default();
        occ.splice(0..0, lists, terms);
        occ
    }

    /// Replaces the occurrences of the articles in `range` by `lists` (as
    /// [`Vec::splice`] replaces elements): one list per new article, each
    /// sorted by paragraph and position and naming the article index it
    /// will have. Later articles' indices shift by the difference. Costs
    /// one linear pass over all occurrences: nothing is matched again.
    ///
    /// # Panics
    /// If `range` is out of bounds, as [`Vec::splice`].
    pub fn splice(&mut self, range: Range<usize>, lists: Vec<Vec<Occurrence>>, terms: usize) {
        let articles = self.by_article.len();
        assert!(range.start <= range.end && range.end <= articles);
        let old = std::mem::take(&mut self.all);
        let cut = |i: usize| self.by_article.get(i).map_or(old.len(), |r| r.start);
        let (before, after) = (cut(range.start), cut(range.end));
        let inserted: usize = lists.iter().map(Vec::len).sum();
        let mut all = Vec::with_capacity(before + inserted + old.len() - after);
        all.extend_from_slice(&old[..before]);
        all.extend(lists.iter().flatten().copied());
        let shift = |a: usize| a + lists.len() - range.len();
        all.extend(old[after..].iter().map(|o| Occurrence {
            place: Place::new(shift(o.place.article()), o.place.paragraph()),
            ..*o
        }));
        drop(old);
        let count = articles - range.len() + lists.len();
        debug_assert!(all
            .windows(2)
            .all(|w| (w[0].place, w[0].start) <= (w[1].place, w[1].start)));
        let mut by_article = Vec::with_capacity(count);
        let mut start = 0;
        for article in 0..count {
            let end = start + all[start..].partition_point(|o| o.place.article() == article);
            by_article.push(start..end);
            start = end;
        }
        *self = Occurrences::index(all, by_article, terms);
    }

    fn index(all: Vec<Occurrence>, by_article: Vec<Range<usize>>, terms: usize) -> Occurrences {
        let mut by_term = vec![Vec::new(); terms];
        let mut term_articles: Vec<Vec<Count>> = vec![Vec::new(); terms];
        for (i, o) in all.iter().enumerate() {
            by_term[o.term()].push(i as u32);
            let postings = &mut term_articles[o.term()];
            match postings.last_mut() {
                Some(c) if c.of() == o.place.article() => c.count += 1,
                _ => postings.push(Count::new(o.place.article(), 1)),
            }
        }
        let mut article_terms: Vec<Vec<Count>> = vec![Vec::new(); by_article.len()];
        for (term, postings) in term_articles.iter().enumerate() {
            for c in postings {
                article_terms[c.of()].push(Count::new(term, c.count()));
            }
        }
        for terms in &mut article_terms {
            terms.sort_by(|a, b| b.count.cmp(&a.count).then(a.of.cmp(&b.of)));
        }
        let paragraphs = ParagraphTerms::build(&all, &by_article);
        Occurrences {
            paragraphs,
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
        ix.iter().map(|&i| &self.all[i as usize])
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
        let range = occ.range();
        kwic(occ.place.text(corpus), range.start, range.end, KWIC_CHARS)
    }

    /// Up to `limit` terms that share paragraphs or articles with `term`,
    /// most shared paragraphs first, then most shared articles.
    pub fn co_occurring(&self, term: usize, limit: usize) -> Vec<CoOccurrence> {
        // Dense tallies indexed by term: a hash map per call costs more
        // than the walk itself at 1,000 terms.
        let mut tally = vec![(0usize, 0usize); self.by_term.len()];
        for article in densest(self.counts(term)) {
            for c in self.terms_in(article) {
                tally[c.of()].1 += 1;
            }
            for terms in self.paragraphs.of_article(article) {
                if terms.binary_search(&(term as u32)).is_ok() {
                    for &other in terms {
                        tally[other as usize].0 += 1;
                    }
                }
            }
        }
        if let Some(own) = tally.get_mut(term) {
            *own = (0, 0);
        }
        let mut out: Vec<CoOccurrence> = tally
            .into_iter()
            .enumerate()
            .filter(|(_, (_, articles))| *articles > 0)
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

    /// Up to `limit` other articles sharing terms with `article`, best
    /// first. Each shared term weighs `ln(articles / articles with it)`, so
    /// rare terms count most; terms in more than [`MAX_POSTINGS`] articles,
    /// or in only this one, are skipped.
    pub fn related_articles(&self, article: usize, limit: usize) -> Vec<RelatedArticle> {
        let n = self.by_article.len() as f64;
        let mut out = TALLY.with_borrow_mut(|tally| {
            // A dense tally reused by the thread (an article page asks for
            // each article, and hashing every posting cost more than the
            // ranking); only the entries touched are read and reset.
            tally.resize(self.by_article.len(), (0, 0.0));
            let mut touched = Vec::new();
            for t in self.terms_in(article) {
                let postings = self.counts(t.of());
                if postings.len() > MAX_POSTINGS || postings.len() < 2 {
                    continue;
                }
                let weight = (n / postings.len() as f64).ln().max(f64::EPSILON);
                for other in postings.iter().filter(|c| c.of() != article) {
                    let entry = &mut tally[other.of()];
                    if entry.0 == 0 {
                        touched.push(other.of());
                    }
                    entry.0 += 1;
                    entry.1 += weight;
                }
            }
            (touched.into_iter())
                .map(|article| {
                    let (shared_terms, score) = std::mem::take(&mut tally[article]);
                    RelatedArticle {
                        article,
                        shared_terms,
                        score,
                    }
                })
                .collect::<Vec<_>>()
        });
        let best = |a: &RelatedArticle, b: &RelatedArticle| {
            b.score
                .total_cmp(&a.score)
                .then(b.shared_terms.cmp(&a.shared_terms))
                .then(a.article.cmp(&b.article))
        };
        // The order is total, so picking the first `limit` before sorting
        // them gives what sorting all of them gave, for less.
        if out.len() > limit && limit > 0 {
            out.select_nth_unstable_by(limit - 1, best);
        }
        out.truncate(limit);
        out.sort_by(best);
        out
    }
}

thread_local! {
    /// Per article: shared terms and score, for [`Occurrences::related_articles`].
    static TALLY: std::cell::RefCell<Vec<(usize, f64)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The (at most [`MAX_POSTINGS`]) articles where a term is densest, as
/// sorted article indices.
fn densest(postings: &[Count]) -> Vec<usize> {
    let mut chosen: Vec<Count> = postings.to_vec();
    if chosen.len() > MAX_POSTINGS {
        chosen.sort_by(|a, b| b.count.cmp(&a.count).then(a.of.cmp(&b.of)));
        chosen.truncate(MAX_POSTINGS);
    }
    let mut articles: Vec<usize> = chosen.into_iter().map(Count::of).collect();
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
    fn indexing_found_occurrences_gives_the_same_result() {
        let (_, occ) = setup();
        let mut shuffled: Vec<Occurrence> = occ.all().to_vec();
        shuffled.reverse();
        let again = Occurrences::from_occurrences(shuffled, 4, 4);
        assert_eq!(again.all(), occ.all());
        assert_eq!(again.counts(0), occ.counts(0));
        assert_eq!(again.in_article(2), occ.in_article(2));
        assert!(again.in_article(3).is_empty());
        assert_eq!(again.co_occurring(0, 5), occ.co_occurring(0, 5));
        assert!(Occurrences::from_occurrences(occ.all().to_vec(), 1, 4)
            .in_article(1)
            .is_empty());
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

    /// The best `limit` are picked before sorting: any limit gives the
    /// head of the full ranking, ties broken the same way.
    #[test]
    fn related_articles_of_any_limit_are_the_head_of_the_full_ranking() {
        let terms = [
            term("lgql", "两个确立", &[]),
            term("lgwh", "两个维护", &[]),
            term("e885", "885", &[]),
            term("sgj", "三攻坚一盘活", &[]),
        ];
        let texts = [
            "两个确立，两个维护，885，三攻坚一盘活。",
            "两个确立。",
            "两个维护，885。",
            "三攻坚一盘活，两个确立。",
            "885。",
            "两个确立，两个维护。",
            "两个维护。",
            "885，三攻坚一盘活，两个维护。",
            "两个确立。",
        ];
        let slugs: Vec<String> = (0..texts.len()).map(|i| format!("a{i}")).collect();
        let articles: Vec<(&str, &[&str])> = (slugs.iter().zip(&texts))
            .map(|(s, t)| (s.as_str(), std::slice::from_ref(t)))
            .collect();
        let c = corpus(&articles);
        let occ = Occurrences::compute(&Matcher::new(&terms), &c);
        let full = occ.related_articles(0, usize::MAX);
        assert_eq!(full.len(), texts.len() - 1);
        assert!(full.windows(2).all(|w| w[0].score >= w[1].score));
        // Articles 1, 6 and 8 tie (one term each, each term in five
        // articles): by index.
        let at = |a: usize| full.iter().position(|r| r.article == a).unwrap();
        assert_eq!((at(6), at(8)), (at(1) + 1, at(1) + 2));
        for limit in 0..=full.len() + 1 {
            let head = occ.related_articles(0, limit);
            assert_eq!(head, full[..limit.min(full.len())], "limit {limit}");
        }
    }
}
