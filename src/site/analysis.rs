//! The corpus-wide pass between loading and page rendering.
//!
//! Article pages need to know their related articles and term pages need
//! every occurrence in every article, so article bodies are rendered first
//! (which numbers paragraphs and links terms), and the glossary passes run
//! over the paragraphs' plain text. Paragraph numbering has one owner, the
//! Markdown renderer, so every occurrence points at an anchor that exists.
//!
//! # One article at a time, then linear aggregation
//!
//! All the work that reads an article's text is done per article, in
//! parallel, by [`Analyzer::article`]: Markdown rendering, term matching
//! (once, on each block's plain text; the same matches both link the terms
//! in the HTML and become occurrences) and in-text definitions. The result,
//! an [`ArticleAnalysis`], is a self-contained unit. [`Analysis`] then
//! aggregates the units' matches and definitions into corpus-wide postings
//! in linear passes that never look at text again.
//!
//! That makes the analysis incremental: when one article changes, the dev
//! server analyses that article alone and hands it to
//! [`Analysis::replace_article`] (or [`Analysis::insert_article`],
//! [`Analysis::remove_article`], or [`Analysis::splice`] for several), which
//! re-aggregates the stored matches: linear in the number of occurrences,
//! with no rendering or matching of other articles. Indices are those of
//! `site.articles`: an edit that moves an article in that order (a new
//! date) is a removal at the old index and an insertion at the new one. A
//! glossary change alters what every article matches (and the term
//! indices), so it needs a new [`Analyzer`] and a full [`analyze`]; so does
//! a change of `base_url`, which is in the linked HTML.
//!
//! Related articles, co-occurrence and counts are then read from the
//! re-aggregated [`Occurrences`]; which pages to re-render is
//! [`super::deps`]'s business.

use crate::content::{Article, Site, Term};
use crate::error::Result;
use crate::glossary::{
    ArticleText, Definition, DefinitionFinder, Found, Matcher, Occurrence, Occurrences,
    ParagraphText, Place,
};
use crate::ids::{Slug, TermId};
use crate::render::markdown::{kind_class, BlockMatch, TermLinks};
use crate::render::{Anchors, Markdown, Rendered};
use crate::url::Urls;
use rayon::prelude::*;
use std::ops::Range;

/// Everything the pages need beyond the [`Site`] itself.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Rendered article bodies, by article index. Their blocks have been
    /// moved into [`Analysis::corpus`] (kept once, not twice: it is a whole
    /// copy of the edition's text) and their matches into
    /// [`Analysis::occurrences`].
    pub bodies: Vec<Rendered>,
    /// Each article's paragraphs as plain text, by article index.
    pub corpus: Vec<ArticleText>,
    /// Every glossary occurrence.
    pub occurrences: Occurrences,
    /// In-text definitions the corpus gives itself, in corpus order.
    pub definitions: Vec<Definition>,
    /// Size of the glossary the analysis was made with.
    terms: usize,
}

/// One article's share of the analysis: its rendered body, its plain
/// text, the glossary matches in it and the definitions it gives. Made by
/// [`Analyzer::article`] without looking at any other article.
#[derive(Debug, Clone)]
pub struct ArticleAnalysis {
    /// The rendered body (its blocks' text and matches are moved out when
    /// the unit joins an [`Analysis`]).
    pub body: Rendered,
    /// The paragraphs' plain text.
    pub text: ArticleText,
    /// Definitions found, with the index of their paragraph.
    pub definitions: Vec<(usize, Found)>,
}

impl ArticleAnalysis {
    /// The article's occurrences, placed as article `article`.
    fn occurrences(&self, article: usize) -> Vec<Occurrence> {
        let matches = &self.body.matches;
        matches
            .iter()
            .map(|&BlockMatch { block, found }| {
                let paragraph = block as usize;
                let place = Place::new(article, paragraph);
                Occurrence::new(found.term, place, found.start..found.end)
            })
            .collect()
    }

    /// The article's definitions, placed as article `article`.
    fn placed_definitions(&mut self, article: usize) -> Vec<Definition> {
        let paragraphs = &self.text.paragraphs;
        std::mem::take(&mut self.definitions)
            .into_iter()
            .map(|(paragraph, found)| Definition {
                sentence: paragraphs[paragraph].text[found.sentence.clone()].to_string(),
                found,
                place: Place::new(article, paragraph),
            })
            .collect()
    }
}

/// What analysing one article needs from the glossary: build it once per
/// glossary and reuse it for every article (it is `Sync`).
pub struct Analyzer {
    matcher: Matcher,
    ids: Vec<TermId>,
    term_urls: Vec<String>,
    term_classes: Vec<&'static str>,
    definitions: DefinitionFinder,
}

impl Analyzer {
    /// An analyzer for the glossary `terms`, linking to term pages of `urls`.
    pub fn new(terms: &[Term], urls: &Urls) -> Analyzer {
        let ids: Vec<TermId> = terms.iter().map(|t| t.id.clone()).collect();
        Analyzer {
            matcher: Matcher::new(terms),
            term_urls: ids.iter().map(|id| urls.term(id)).collect(),
            term_classes: terms.iter().map(|t| kind_class(t.meta.kind)).collect(),
            ids,
            definitions: DefinitionFinder::new(),
        }
    }

    /// The number of glossary terms.
    pub fn terms(&self) -> usize {
        self.ids.len()
    }

    /// How to link terms in the body of article `slug`.
    fn links<'s>(&'s self, slug: &'s Slug) -> TermLinks<'s> {
        TermLinks {
            matcher: &self.matcher,
            article: slug,
            ids: &self.ids,
            urls: &self.term_urls,
            classes: &self.term_classes,
        }
    }

    /// Renders one article's body, matching the glossary once per block,
    /// and finds its definitions.
    pub fn article(&self, markdown: &Markdown<'_>, article: &Article) -> ArticleAnalysis {
        let links = self.links(&article.slug);
        let body = markdown.render_linked(&article.body, Anchors::Paragraphs, Some(&links));
        self.unit(body, &article.slug)
    }

    /// [`Self::article`] of the body `body` of article `slug`, without
    /// making its HTML: a build makes it when the page is written
    /// ([`Self::body`]).
    fn scan(&self, markdown: &Markdown<'_>, slug: &Slug, body: &str) -> ArticleAnalysis {
        let links = self.links(slug);
        self.unit(markdown.scan_linked(body, &links), slug)
    }

    /// The analysis of a rendered (or scanned) body.
    fn unit(&self, mut body: Rendered, slug: &Slug) -> ArticleAnalysis {
        // Kept for the whole build: no slack from growing.
        body.html.shrink_to_fit();
        // The blocks' text moves to the corpus, without the slack it grew
        // with (an edition's whole text is held); the blocks go with it.
        let text = ArticleText {
            slug: slug.clone(),
            paragraphs: std::mem::take(&mut body.blocks)
                .into_iter()
                .map(|mut b| {
                    b.text.shrink_to_fit();
                    ParagraphText {
                        id: b.id,
                        text: b.text,
                    }
                })
                .collect(),
        };
        let definitions = text
            .paragraphs
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                self.definitions
                    .find(&p.text)
                    .into_iter()
                    .map(move |f| (i, f))
            })
            .collect();
        ArticleAnalysis {
            body,
            text,
            definitions,
        }
    }

    /// Analyses every article of `site`, in parallel.
    pub fn analyze(&self, site: &Site, markdown: &Markdown<'_>) -> Analysis {
        let units: Vec<ArticleAnalysis> = site
            .articles
            .par_iter()
            .map(|a| self.article(markdown, a))
            .collect();
        Analysis::from_articles(units, self.terms())
    }

    /// [`Self::analyze`] for a build, which holds neither the edition's
    /// Markdown nor its HTML: each article's body is read from its file
    /// (the site may be loaded without bodies, see
    /// [`crate::content::ArticleBodies`]), scanned, and dropped, keeping
    /// what other pages need (text, matches, anchors) and no HTML. Returns,
    /// beside the analysis, each body's [`checksum`]: an article's page
    /// renders its body again from its file
    /// ([`Bodies::Streamed`](super::bodies::Bodies)) and checks that the
    /// file is the one analysed. The dev server keeps sources and HTML to
    /// re-analyse edits.
    pub fn analyze_streaming(
        &self,
        site: &Site,
        markdown: &Markdown<'_>,
    ) -> Result<(Analysis, Vec<u64>)> {
        let units: Vec<Result<(ArticleAnalysis, u64)>> = site
            .articles
            .par_iter()
            .map(|a| {
                let body = crate::content::article::read_body(&a.path)?;
                let unit = self.scan(markdown, &a.slug, &body);
                Ok((unit, checksum(&body)))
            })
            .collect();
        let (units, sums): (Vec<ArticleAnalysis>, Vec<u64>) = units
            .into_iter()
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .unzip();
        Ok((Analysis::from_articles(units, self.terms()), sums))
    }

    /// The body `body` of article `slug`, as [`Self::article`] renders it,
    /// placing the matches `known` it found then (sorted by block) rather
    /// than matching again: what its page shows when the build did not
    /// keep the HTML.
    pub fn body(
        &self,
        markdown: &Markdown<'_>,
        slug: &Slug,
        body: &str,
        known: &[BlockMatch],
    ) -> Rendered {
        let links = self.links(slug);
        markdown.render_known(body, &links, known)
    }
}

/// A checksum of an article's Markdown body: tells whether the file read
/// when its page is written is the one the analysis read. Not a defence
/// against a forger, only against an edit between two reads.
pub fn checksum(body: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut hasher);
    hasher.finish()
}

/// Renders every article body and runs the glossary over the result.
pub fn analyze(site: &Site, urls: &Urls, markdown: &Markdown<'_>) -> Analysis {
    Analyzer::new(&site.terms, urls).analyze(site, markdown)
}

impl Analysis {
    /// Aggregates per-article analyses (the `i`-th is article `i`) made
    /// with a glossary of `terms` terms.
    pub fn from_articles(articles: Vec<ArticleAnalysis>, terms: usize) -> Analysis {
        let mut analysis = Analysis {
            terms,
            ..Analysis::default()
        };
        analysis.splice(0..0, articles);
        analysis
    }

    /// Article `article`'s paragraphs as search should index them:
    /// `(anchor number, text)`, where a paragraph holding emendations has
    /// each printed reading after its correction, so either is found.
    pub fn search_paragraphs(&self, article: usize) -> impl Iterator<Item = (u32, &str)> {
        let extra = &self.bodies[article].search_texts;
        self.corpus[article]
            .paragraphs
            .iter()
            .enumerate()
            .map(move |(i, p)| {
                let text = match extra.binary_search_by_key(&(i as u32), |(b, _)| *b) {
                    Ok(k) => extra[k].1.as_str(),
                    Err(_) => p.text.as_str(),
                };
                (p.id.0, text)
            })
    }

    /// The number of articles analysed.
    pub fn len(&self) -> usize {
        self.bodies.len()
    }

    /// True when there are no articles.
    pub fn is_empty(&self) -> bool {
        self.bodies.is_empty()
    }

    /// What the analysis holds, in bytes, for profiling.
    pub fn footprint(&self) -> String {
        let html: usize = self.bodies.iter().map(|b| b.html.capacity()).sum();
        let html_len: usize = self.bodies.iter().map(|b| b.html.len()).sum();
        let text: usize = self
            .corpus
            .iter()
            .flat_map(|a| &a.paragraphs)
            .map(|p| p.text.capacity() + std::mem::size_of::<ParagraphText>())
            .sum();
        let occ = self.occurrences.all().len();
        format!(
            "html {} MB ({} MB used), text {} MB, {} occurrences ({} MB as stored), {} definitions",
            html >> 20,
            html_len >> 20,
            text >> 20,
            occ,
            (occ * (std::mem::size_of::<Occurrence>() + 8)) >> 20,
            self.definitions.len()
        )
    }

    /// Replaces article `index`'s analysis (after an edit of its file).
    pub fn replace_article(&mut self, index: usize, article: ArticleAnalysis) {
        self.splice(index..index + 1, vec![article]);
    }

    /// Inserts a new article's analysis at `index`; later articles move up.
    pub fn insert_article(&mut self, index: usize, article: ArticleAnalysis) {
        self.splice(index..index, vec![article]);
    }

    /// Removes article `index`'s analysis; later articles move down.
    pub fn remove_article(&mut self, index: usize) {
        self.splice(index..index + 1, Vec::new());
    }

    /// Replaces the analyses of the articles in `range` by `articles`, as
    /// [`Vec::splice`] does, and re-aggregates occurrences and definitions
    /// from the stored matches: linear in their number, with no rendering
    /// or matching. The analyses must come from an [`Analyzer`] of the same
    /// glossary.
    ///
    /// # Panics
    /// If `range` is out of bounds.
    pub fn splice(&mut self, range: Range<usize>, articles: Vec<ArticleAnalysis>) {
        let first = range.start;
        let mut occurrences = Vec::with_capacity(articles.len());
        let mut definitions = Vec::new();
        let mut bodies = Vec::with_capacity(articles.len());
        let mut texts = Vec::with_capacity(articles.len());
        for (k, mut a) in articles.into_iter().enumerate() {
            occurrences.push(a.occurrences(first + k));
            definitions.extend(a.placed_definitions(first + k));
            a.body.matches = Vec::new();
            bodies.push(a.body);
            texts.push(a.text);
        }
        let inserted = bodies.len();
        self.bodies.splice(range.clone(), bodies);
        self.corpus.splice(range.clone(), texts);
        self.occurrences
            .splice(range.clone(), occurrences, self.terms);
        self.splice_definitions(range, inserted, definitions);
    }

    /// Definitions are sorted by place: cut out those of `range`, put
    /// `new` in their stead and shift the later ones.
    fn splice_definitions(&mut self, range: Range<usize>, inserted: usize, new: Vec<Definition>) {
        let defs = &mut self.definitions;
        let from = defs.partition_point(|d| d.place.article() < range.start);
        let to = defs.partition_point(|d| d.place.article() < range.end);
        let removed = range.len();
        for d in &mut defs[to..] {
            d.place = Place::new(d.place.article() + inserted - removed, d.place.paragraph());
        }
        defs.splice(from..to, new);
    }
}
