//! The search index's tables: the head (`meta.json`: the glossary and
//! the index's shape), the article table (`articles.json`) and the text
//! chunks (`t/<n>.json`).

use super::files::to_json;
use crate::content::Site;
use crate::glossary::ArticleText;
use crate::site::analysis::Analysis;
use crate::url::Urls;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;

/// Format version, bumped when the files change shape.
pub const VERSION: u32 = 3;

/// Target size of a text chunk in bytes of JSON: the snippets of one
/// results page cost up to ten chunk fetches, so each must be small (a
/// query at 10,000 articles fetched 340 KB of text with 32 KB chunks);
/// large enough that an edition of 10,000 articles is not 10,000 files.
pub const CHUNK_BYTES: usize = 8 * 1024;

/// A run of consecutive articles whose text ships in one file.
pub(super) struct Chunk {
    pub(super) first: usize,
    end: usize,
}

impl Chunk {
    pub(super) fn to_json(&self, corpus: &[Cow<ArticleText>]) -> String {
        /// `{"a": first article, "p": [[[anchor, text]…] per article]}`,
        /// serialised straight from the borrowed text (a JSON value tree
        /// would copy every paragraph first).
        #[derive(serde::Serialize)]
        struct ChunkFile<'a> {
            a: usize,
            p: Vec<Vec<(u32, &'a str)>>,
        }
        let p = corpus[self.first..self.end]
            .iter()
            .map(|a| {
                a.paragraphs
                    .iter()
                    .map(|p| (p.id.0, p.text.as_str()))
                    .collect()
            })
            .collect();
        to_json(&ChunkFile { a: self.first, p })
    }
}

pub(super) fn chunk_articles(corpus: &[Cow<ArticleText>]) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut first = 0;
    let mut bytes = 0;
    for (i, a) in corpus.iter().enumerate() {
        bytes += a.paragraphs.iter().map(|p| p.text.len() + 8).sum::<usize>();
        if bytes >= CHUNK_BYTES {
            chunks.push(Chunk { first, end: i + 1 });
            first = i + 1;
            bytes = 0;
        }
    }
    if first < corpus.len() {
        chunks.push(Chunk {
            first,
            end: corpus.len(),
        });
    }
    chunks
}

/// `search/meta.json`, the head: small, so the glossary answers as soon
/// as the page has it, while the article table is still on its way.
#[derive(Serialize)]
pub(super) struct IndexHead {
    v: u32,
    /// Number of postings shards.
    shards: usize,
    /// Root-relative URL prefix of articles: `<prefix><slug>/`.
    article_prefix: String,
    /// Number of articles (entries of each column of `articles.json`).
    articles: usize,
    /// The glossary forms with a list of their own, under `=<form>`.
    forms: Vec<String>,
    terms: Vec<HeadTerm>,
}

#[derive(Serialize)]
struct HeadTerm {
    id: String,
    url: String,
    term: String,
    aliases: Vec<String>,
    pinyin: String,
    english: String,
    kind: &'static str,
    short: String,
    count: usize,
}

impl IndexHead {
    pub(super) fn new(
        site: &Site,
        analysis: &Analysis,
        urls: &Urls,
        shards: usize,
        forms: Vec<String>,
    ) -> IndexHead {
        IndexHead {
            v: VERSION,
            shards,
            article_prefix: urls.path("articles/"),
            articles: site.articles.len(),
            forms,
            terms: head_terms(site, analysis, urls),
        }
    }
}

/// `search/articles.json`, the article table, in columns: one entry per
/// article, in the analysis's order, in each of `slug`, `title`, `date`
/// and `paragraphs`. Columns, not rows, because like values then stand
/// together: at 10,000 articles the table gzips to less than half the
/// size of the same rows. Derivable values are left out: an article's
/// first global paragraph number is the sum of the counts before it, and
/// its text chunk is found from `chunks`.
#[derive(Serialize)]
pub(super) struct ArticleTable {
    slug: Vec<String>,
    title: Vec<String>,
    /// Index into `dates` (an edition has far fewer dates than articles);
    /// -1 for an undated article.
    date: Vec<i64>,
    /// Display dates, each once.
    dates: Vec<String>,
    /// Paragraphs per article.
    paragraphs: Vec<u32>,
    /// The first article of each text chunk, ascending.
    chunks: Vec<usize>,
}

impl ArticleTable {
    pub(super) fn new(site: &Site, corpus: &[Cow<ArticleText>], chunks: &[Chunk]) -> ArticleTable {
        let mut dates: Vec<String> = Vec::new();
        let mut date_index: HashMap<String, i64> = HashMap::new();
        let date = site
            .articles
            .iter()
            .map(|a| match a.meta.date {
                None => -1,
                Some(d) => *date_index.entry(d.chinese()).or_insert_with_key(|d| {
                    dates.push(d.clone());
                    dates.len() as i64 - 1
                }),
            })
            .collect();
        ArticleTable {
            slug: site.articles.iter().map(|a| a.slug.to_string()).collect(),
            title: site.articles.iter().map(|a| a.meta.title.clone()).collect(),
            date,
            dates,
            paragraphs: corpus.iter().map(|a| a.paragraphs.len() as u32).collect(),
            chunks: chunks.iter().map(|c| c.first).collect(),
        }
    }
}

fn head_terms(site: &Site, analysis: &Analysis, urls: &Urls) -> Vec<HeadTerm> {
    site.terms
        .iter()
        .enumerate()
        .map(|(i, t)| HeadTerm {
            id: t.id.to_string(),
            url: urls.term(&t.id),
            term: t.meta.term.clone(),
            aliases: t.meta.aliases.clone(),
            pinyin: t.meta.pinyin.clone(),
            english: t.meta.english.clone().unwrap_or_default(),
            kind: t.meta.kind.label(),
            short: t.meta.short.clone().unwrap_or_else(|| {
                crate::text::summary_sentence(&t.definition, crate::text::DESCRIPTION_CHARS)
            }),
            count: analysis.occurrences.total(i),
        })
        .collect()
}
