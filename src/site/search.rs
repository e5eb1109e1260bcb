//! The search index: what `/search/` loads to search the edition in the
//! browser, offline, from a plain static host.
//!
//! Chinese has no spaces, so there are no words to index. The index is
//! built on characters instead:
//!
//! 1. **Tokens.** Text is normalised one character at a time (full-width
//!    ASCII → ASCII, ASCII lowercase; see [`normalize_char`]), so offsets in
//!    the normalised text are offsets in the original. A run of Han
//!    characters gives its *bigrams* and its *unigrams*; a run of ASCII
//!    letters and digits gives the whole run as one token (`33618`, `gdp`).
//! 2. **Postings.** Every token maps to the sorted list of paragraphs that
//!    contain it, numbered globally across the edition, delta-encoded.
//!    Tokens are spread over `2^k` shard files by an FNV-1a hash of their
//!    UTF-8 bytes, so a query fetches only the shards of its own tokens.
//! 3. **Paragraph text**, stored once, in chunks of consecutive articles
//!    (about [`CHUNK_BYTES`] each). The browser intersects the postings of
//!    a phrase's tokens, then checks each candidate paragraph against its
//!    text: a slogan such as 两个确立 is found only where it stands whole,
//!    never as 两个 … 确立 scattered through a paragraph. The same text gives
//!    the keyword-in-context snippets.
//! 4. **Meta**: the glossary (term, aliases, pinyin, English, kind, gloss,
//!    count, URL) and each article's title, date, chunk and paragraph range.
//!    Glossary entries are matched on the client against this list, so a
//!    query such as `Two Establishes` or `liangge queli` finds its term.
//!
//! 5. **Leads** ([`leads`]): for a query naming a glossary form, the
//!    windows of paragraph text that the first page of results shows, in
//!    the form's own shard, so a slogan is answered by one fetch.
//!
//! Files, all under `search/`: `meta.json`, `articles.json` (the article
//! table, in columns: see `ArticleTable`), `p/<n>.json`
//! (postings shard `n`: `{token: [first, delta, delta…], "#token":
//! [[paragraph, anchor number, window, cut]…]}`), `t/<n>.json` (text chunk
//! `n`: `{"a": first article, "p": [[[anchor number, text]…] per article]}`).
//! The JavaScript that reads them is `templates/static/search-core.js`; its
//! tokeniser and hash must stay in step with this file, which the tests of
//! both check on the same strings.

mod leads;

pub use leads::LEAD_MARK;

use super::analysis::Analysis;
use super::pages::PageRenderer;
use crate::content::Site;
use crate::error::Result;
use crate::glossary::ArticleText;
use crate::render::context::{SearchPage, SearchView};
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

/// Target size of a postings shard in bytes of JSON.
pub const SHARD_BYTES: usize = 64 * 1024;

/// The most postings shards; a power of two. At 10,000 articles the
/// postings fill 1,024 shards of [`SHARD_BYTES`]; the cap only keeps a
/// much larger edition's shards from growing past a few hundred KB (at
/// 1,024 they would be about 430 KB each at 100,000 articles).
pub const MAX_SHARDS: usize = 4096;

/// One file of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SearchFile {
    /// `search/meta.json`: the head, loaded first.
    Meta,
    /// `search/articles.json`: the article table.
    Articles,
    /// `search/p/<n>.json`: postings shard `n`.
    Postings(usize),
    /// `search/t/<n>.json`: text chunk `n`.
    Text(usize),
}

impl SearchFile {
    /// The output path, relative to `public/`.
    pub fn path(self) -> String {
        match self {
            SearchFile::Meta => "search/meta.json".into(),
            SearchFile::Articles => "search/articles.json".into(),
            SearchFile::Postings(n) => format!("search/p/{n}.json"),
            SearchFile::Text(n) => format!("search/t/{n}.json"),
        }
    }
}

/// The built index, serialised, file by file.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    meta: String,
    articles: String,
    postings: Vec<String>,
    texts: Vec<String>,
}

impl SearchIndex {
    /// Builds the index of `site`'s articles from the analysed paragraphs.
    pub fn build(site: &Site, analysis: &Analysis, urls: &Urls) -> SearchIndex {
        // English translations are searched too, under the Chinese
        // paragraphs' anchors (issue 19).
        let corpus = super::translations::searchable_corpus(site, analysis);
        let corpus: &[Cow<ArticleText>] = &corpus;
        let chunks = chunk_articles(corpus);
        let mut postings = Postings::of(corpus);
        let edition =
            leads::Edition::new(corpus, site.articles.iter().map(|a| a.meta.title.as_str()));
        let all_forms = glossary_forms(site);
        let forms = postings.add_forms(&all_forms, &edition);
        let leads = leads::all_leads(&all_forms, &postings, &edition);
        let lead_bytes = leads.iter().map(|(t, j)| t.len() + j.len()).sum();
        let shards = postings.shard_count(lead_bytes);
        let meta = Meta::new(site, analysis, urls, shards, forms);
        SearchIndex {
            meta: to_json(&meta),
            articles: to_json(&ArticleTable::new(site, corpus, &chunks)),
            postings: postings.into_shards(shards, leads),
            texts: {
                use rayon::prelude::*;
                chunks.par_iter().map(|c| c.to_json(corpus)).collect()
            },
        }
    }

    /// Every file of the index.
    pub fn files(&self) -> Vec<SearchFile> {
        let mut files = vec![SearchFile::Meta, SearchFile::Articles];
        files.extend((0..self.postings.len()).map(SearchFile::Postings));
        files.extend((0..self.texts.len()).map(SearchFile::Text));
        files
    }

    /// The bytes of one file, if the index has it.
    pub fn get(&self, file: SearchFile) -> Option<&str> {
        match file {
            SearchFile::Meta => Some(&self.meta),
            SearchFile::Articles => Some(&self.articles),
            SearchFile::Postings(n) => self.postings.get(n).map(String::as_str),
            SearchFile::Text(n) => self.texts.get(n).map(String::as_str),
        }
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

/// Normalises one character for indexing and matching: full-width ASCII
/// forms become ASCII, ASCII letters become lowercase. Every character
/// maps to exactly one, so offsets survive normalisation.
pub fn normalize_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// Whether `c` is a Han character (CJK unified ideographs and extensions,
/// compatibility ideographs, 〇).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Han,
    Word,
    Other,
}

fn class(c: char) -> Class {
    if is_han(c) {
        Class::Han
    } else if c.is_ascii_alphanumeric() {
        Class::Word
    } else {
        Class::Other
    }
}

/// The index tokens of `text`, in order, with repeats: Han bigrams and
/// unigrams, whole ASCII words. The browser tokenises queries the same way.
pub fn tokens(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().map(normalize_char).collect();
    let mut out = Vec::new();
    for_each_run(&chars, |kind, run| match kind {
        Class::Han => {
            out.extend(run.iter().map(|c| c.to_string()));
            out.extend(run.windows(2).map(|w| w.iter().collect::<String>()));
        }
        Class::Word => out.push(run.iter().collect()),
        Class::Other => {}
    });
    out
}

/// Calls `f` with each maximal run of characters of one class, in order:
/// the one place text is cut into Han runs and words, for both the
/// readable tokens and the packed keys.
fn for_each_run(chars: &[char], mut f: impl FnMut(Class, &[char])) {
    let mut start = 0;
    while start < chars.len() {
        let kind = class(chars[start]);
        let end = (start..chars.len())
            .find(|&i| class(chars[i]) != kind)
            .unwrap_or(chars.len());
        f(kind, &chars[start..end]);
        start = end;
    }
}

/// 32-bit FNV-1a of the token's UTF-8 bytes: which shard holds it.
pub fn token_hash(token: &str) -> u32 {
    token.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// A token as a hash key without allocating: a Han unigram or bigram
/// packed into one integer, or an ASCII word.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    /// One or two Han characters: `first << 32 | second` (0 for none;
    /// a Han character is never NUL).
    Han(u64),
    /// A run of ASCII letters and digits.
    Word(Box<str>),
    /// A whole glossary form (normalised), written `=<form>`: its list
    /// holds exactly the paragraphs where the form stands whole.
    Form(Box<str>),
}

impl Key {
    fn han(a: char, b: Option<char>) -> Key {
        Key::Han((u64::from(a) << 32) | b.map_or(0, u64::from))
    }

    fn into_token(self) -> String {
        match self {
            Key::Han(k) => [k >> 32, k & 0xffff_ffff]
                .into_iter()
                .filter(|&c| c != 0)
                .filter_map(|c| char::from_u32(c as u32))
                .collect(),
            Key::Word(w) => w.into(),
            Key::Form(f) => format!("{FORM_MARK}{f}"),
        }
    }
}

/// What starts the token of a whole glossary form; never part of a Han
/// token or a word.
pub const FORM_MARK: char = '=';

/// How many tokens the browser looks up for a phrase (see `queryTokens` in
/// search-core.js): a Han run's bigrams, or its one character; a word.
fn query_token_count(phrase: &str) -> usize {
    let chars: Vec<char> = phrase.chars().map(normalize_char).collect();
    let mut n = 0;
    for_each_run(&chars, |kind, run| match kind {
        Class::Han => n += run.len().saturating_sub(1).max(1),
        Class::Word => n += 1,
        Class::Other => {}
    });
    n
}

/// Every glossary form (terms and aliases), normalised, that the browser
/// searches as one phrase: sorted, without repeats or spaces (a form with
/// a space is two phrases to the browser, never one).
fn glossary_forms(site: &Site) -> Vec<String> {
    let mut forms: Vec<String> = site
        .terms
        .iter()
        .flat_map(|t| std::iter::once(&t.meta.term).chain(&t.meta.aliases))
        .map(|f| f.trim().chars().map(normalize_char).collect::<String>())
        .filter(|f| !f.is_empty() && !f.chars().any(char::is_whitespace))
        .collect();
    forms.sort_unstable();
    forms.dedup();
    forms
}

/// Calls `f` with every index token of `text`, as [`tokens`] lists them
/// (Han unigrams of a run, then its bigrams; whole ASCII words), without
/// allocating for Han tokens. `chars` is scratch space.
fn for_each_key(text: &str, chars: &mut Vec<char>, mut f: impl FnMut(Key)) {
    chars.clear();
    chars.extend(text.chars().map(normalize_char));
    for_each_run(chars, |kind, run| match kind {
        Class::Han => {
            run.iter().for_each(|&c| f(Key::han(c, None)));
            run.windows(2).for_each(|w| f(Key::han(w[0], Some(w[1]))));
        }
        Class::Word => f(Key::Word(run.iter().collect::<String>().into())),
        Class::Other => {}
    });
}

/// Token → sorted global paragraph numbers.
struct Postings {
    lists: HashMap<Key, Vec<u32>>,
    total: usize,
}

impl Postings {
    /// Built in parallel over runs of articles, then merged in order, so
    /// every list stays sorted. Tokens are packed keys, not strings: an
    /// edition of 10,000 articles has tens of millions of token instances.
    fn of(corpus: &[Cow<ArticleText>]) -> Postings {
        use rayon::prelude::*;
        let mut firsts = Vec::with_capacity(corpus.len());
        let mut g = 0u32;
        for a in corpus {
            firsts.push(g);
            g += a.paragraphs.len() as u32;
        }
        let per = corpus
            .len()
            .div_ceil(4 * rayon::current_num_threads())
            .max(64);
        let parts: Vec<Postings> = (0..corpus.len().div_ceil(per))
            .into_par_iter()
            .map(|n| {
                let range = n * per..((n + 1) * per).min(corpus.len());
                Postings::of_articles(&corpus[range.clone()], firsts[range.start])
            })
            .collect();
        let mut parts = parts.into_iter();
        let mut all = parts.next().unwrap_or(Postings {
            lists: HashMap::new(),
            total: 0,
        });
        for part in parts {
            all.total += part.total;
            for (key, list) in part.lists {
                all.lists.entry(key).or_default().extend(list);
            }
        }
        all
    }

    /// The postings of consecutive articles whose first paragraph has
    /// global number `first`.
    fn of_articles(articles: &[Cow<ArticleText>], first: u32) -> Postings {
        let mut lists: HashMap<Key, Vec<u32>> = HashMap::new();
        let mut total = 0;
        let mut chars = Vec::new();
        let paragraphs = articles.iter().flat_map(|a| &a.paragraphs);
        for (g, p) in paragraphs.enumerate() {
            let g = first + g as u32;
            for_each_key(&p.text, &mut chars, |key| {
                let list = lists.entry(key).or_default();
                // Paragraphs come in order, so a repeat is always the last.
                if list.last() != Some(&g) {
                    list.push(g);
                    total += 1;
                }
            });
        }
        Postings { lists, total }
    }

    /// Adds a list of its own for every form of `glossary` that the
    /// browser would otherwise have to verify against paragraph text,
    /// because it needs two tokens or more: the paragraphs having all the
    /// form's tokens, kept where the form stands whole. A query naming a slogan then needs no paragraph text
    /// to be ranked. Returns the forms, for the head file.
    fn add_forms(&mut self, glossary: &[String], edition: &leads::Edition) -> Vec<String> {
        use rayon::prelude::*;
        let forms: Vec<String> = glossary
            .iter()
            .filter(|f| query_token_count(f) >= 2)
            .cloned()
            .collect();
        let lists: Vec<Vec<u32>> = forms
            .par_iter()
            .map(|form| self.form_list(form, edition))
            .collect();
        for (form, list) in forms.iter().zip(lists) {
            if !list.is_empty() {
                self.total += list.len();
                self.lists.insert(Key::Form(form.as_str().into()), list);
            }
        }
        forms
    }

    /// The paragraphs where `form` (normalised) stands whole.
    fn form_list(&self, form: &str, edition: &leads::Edition) -> Vec<u32> {
        let mut keys = Vec::new();
        let chars: Vec<char> = form.chars().collect();
        for_each_run(&chars, |kind, run| match kind {
            Class::Han if run.len() == 1 => keys.push(Key::han(run[0], None)),
            Class::Han => keys.extend(run.windows(2).map(|w| Key::han(w[0], Some(w[1])))),
            Class::Word => keys.push(Key::Word(run.iter().collect::<String>().into())),
            Class::Other => {}
        });
        let mut lists: Vec<&Vec<u32>> = Vec::with_capacity(keys.len());
        for key in &keys {
            match self.lists.get(key) {
                Some(list) => lists.push(list),
                None => return Vec::new(),
            }
        }
        lists.sort_by_key(|l| l.len());
        let Some((first, rest)) = lists.split_first() else {
            return Vec::new();
        };
        // Normalising leaves Han characters alone, so an all-Han form is
        // found in the raw text without copying it.
        let han_only = form.chars().all(is_han);
        let mut normalised = String::new();
        first
            .iter()
            .copied()
            .filter(|g| rest.iter().all(|l| l.binary_search(g).is_ok()))
            .filter(|&g| {
                let text = edition.text(g);
                if han_only {
                    return text.contains(form);
                }
                normalised.clear();
                normalised.extend(text.chars().map(normalize_char));
                normalised.contains(form)
            })
            .collect()
    }

    /// Enough shards of about [`SHARD_BYTES`], a power of two: a delta
    /// costs about three bytes of JSON; `extra` bytes ship beside them.
    fn shard_count(&self, extra: usize) -> usize {
        let bytes = self.total * 3 + self.lists.len() * 8 + extra;
        bytes
            .div_ceil(SHARD_BYTES)
            .next_power_of_two()
            .clamp(1, MAX_SHARDS)
    }

    /// The shard files, each list in its token's shard and each form's
    /// leads (`(token, JSON)`) in the same shard as the form's list.
    fn into_shards(self, shards: usize, leads: Vec<(String, String)>) -> Vec<String> {
        use rayon::prelude::*;
        let mut buckets: Vec<Shard> = vec![Shard::default(); shards];
        for (key, list) in self.lists {
            let token = key.into_token();
            let n = token_hash(&token) as usize % shards;
            buckets[n].lists.push((token, list));
        }
        for (token, json) in leads {
            let n = token_hash(&token) as usize % shards;
            buckets[n].leads.push((format!("{LEAD_MARK}{token}"), json));
        }
        buckets
            .into_par_iter()
            .map(|mut b| {
                b.lists.sort_unstable_by(|x, y| x.0.cmp(&y.0));
                b.leads.sort_unstable();
                shard_json(&b)
            })
            .collect()
    }
}

/// What one postings shard holds before it is written.
#[derive(Clone, Default)]
struct Shard {
    /// `(token, sorted paragraph numbers)`, sorted by token.
    lists: Vec<(String, Vec<u32>)>,
    /// `(#token, JSON of its leads)`, sorted.
    leads: Vec<(String, String)>,
}

/// `[first, delta, delta…]` of a sorted list.
pub fn delta_encode(sorted: &[u32]) -> Vec<u32> {
    let mut prev = 0;
    sorted
        .iter()
        .map(|&n| {
            let d = n - prev;
            prev = n;
            d
        })
        .collect()
}

/// `{"token":[first,delta…],…,"#token":[leads…],…}`, written directly:
/// building a JSON value tree first costs more than the rest of the index.
/// Each list is sorted (not yet delta-encoded).
fn shard_json(shard: &Shard) -> String {
    use std::fmt::Write as _;
    let entries = &shard.lists;
    let mut out = String::with_capacity(entries.len() * 16);
    out.push('{');
    for (i, (token, list)) in entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&to_json(token));
        out.push_str(":[");
        let mut prev = 0;
        for (j, &n) in list.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            let _ = write!(out, "{}", n - prev);
            prev = n;
        }
        out.push(']');
    }
    for (i, (token, json)) in shard.leads.iter().enumerate() {
        if i > 0 || !entries.is_empty() {
            out.push(',');
        }
        out.push_str(&to_json(token));
        out.push(':');
        out.push_str(json);
    }
    out.push('}');
    out
}

/// A run of consecutive articles whose text ships in one file.
struct Chunk {
    first: usize,
    end: usize,
}

impl Chunk {
    fn to_json(&self, corpus: &[Cow<ArticleText>]) -> String {
        let paragraphs: Vec<Vec<(u32, &str)>> = corpus[self.first..self.end]
            .iter()
            .map(|a| {
                a.paragraphs
                    .iter()
                    .map(|p| (p.id.0, p.text.as_str()))
                    .collect()
            })
            .collect();
        to_json(&serde_json::json!({ "a": self.first, "p": paragraphs }))
    }
}

fn chunk_articles(corpus: &[Cow<ArticleText>]) -> Vec<Chunk> {
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
struct Meta {
    v: u32,
    /// Number of postings shards.
    shards: usize,
    /// Root-relative URL prefix of articles: `<prefix><slug>/`.
    article_prefix: String,
    /// Number of articles (entries of each column of `articles.json`).
    articles: usize,
    /// The glossary forms with a list of their own, under `=<form>`.
    forms: Vec<String>,
    terms: Vec<MetaTerm>,
}

#[derive(Serialize)]
struct MetaTerm {
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

impl Meta {
    fn new(
        site: &Site,
        analysis: &Analysis,
        urls: &Urls,
        shards: usize,
        forms: Vec<String>,
    ) -> Meta {
        Meta {
            v: VERSION,
            shards,
            article_prefix: urls.path("articles/"),
            articles: site.articles.len(),
            forms,
            terms: meta_terms(site, analysis, urls),
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
struct ArticleTable {
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
    fn new(site: &Site, corpus: &[Cow<ArticleText>], chunks: &[Chunk]) -> ArticleTable {
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

fn meta_terms(site: &Site, analysis: &Analysis, urls: &Urls) -> Vec<MetaTerm> {
    site.terms
        .iter()
        .enumerate()
        .map(|(i, t)| MetaTerm {
            id: t.id.to_string(),
            url: urls.term(&t.id),
            term: t.meta.term.clone(),
            aliases: t.meta.aliases.clone(),
            pinyin: t.meta.pinyin.clone(),
            english: t.meta.english.clone().unwrap_or_default(),
            kind: t.meta.kind.label(),
            short: t
                .meta
                .short
                .clone()
                .unwrap_or_else(|| super::pages::first_sentence(&t.definition)),
            count: analysis.occurrences.total(i),
        })
        .collect()
}

impl PageRenderer<'_> {
    /// The index, built on first use and then kept.
    pub(super) fn search_index(&self) -> &SearchIndex {
        self.search
            .get_or_init(|| SearchIndex::build(self.site, self.analysis, self.urls))
    }

    /// `search/index.html`: the form, and where its script finds the index.
    pub(super) fn search_page(&self) -> Result<String> {
        let url = self.urls.path("search/");
        let ctx = SearchPage {
            site: &self.view,
            page: self.meta("搜索", String::new(), &url, "search"),
            search: SearchView {
                index_url: self.urls.path(&SearchFile::Meta.path()),
            },
        };
        self.render("search.html", &ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_runs_give_unigrams_and_bigrams() {
        assert_eq!(
            tokens("两个确立"),
            ["两", "个", "确", "立", "两个", "个确", "确立"]
        );
    }

    #[test]
    fn ascii_runs_are_whole_lowercase_words() {
        assert_eq!(tokens("“33618”体系"), ["33618", "体", "系", "体系"]);
        assert_eq!(tokens("ＧＤＰ增长"), ["gdp", "增", "长", "增长"]);
        assert_eq!(tokens("CAR-T"), ["car", "t"]);
    }

    #[test]
    fn punctuation_separates_runs() {
        assert_eq!(tokens("清，廉"), ["清", "廉"]);
        assert!(tokens("，。、“”").is_empty());
    }

    #[test]
    fn normalisation_keeps_one_char_per_char() {
        let s = "ＡＢ１２，Ab两";
        let n: String = s.chars().map(normalize_char).collect();
        assert_eq!(n, "ab12,ab两");
        assert_eq!(n.chars().count(), s.chars().count());
    }

    /// The same values are checked in `tests/browser/search_core.test.mjs`,
    /// so the browser finds the shard the builder wrote.
    #[test]
    fn fnv1a_matches_the_javascript() {
        assert_eq!(token_hash(""), 0x811c_9dc5);
        assert_eq!(token_hash("a"), 0xe40c_292c);
        assert_eq!(token_hash("确立"), 0x2a17_6440);
        assert_eq!(token_hash("33618"), 0xe20b_d846);
    }

    #[test]
    fn packed_keys_are_the_tokens() {
        let text = "两个确立，ＧＤＰ增长33618CAR-T清";
        let mut keys = Vec::new();
        for_each_key(text, &mut Vec::new(), |k| keys.push(k.into_token()));
        assert_eq!(keys, tokens(text));
    }

    #[test]
    fn shards_are_json_of_deltas() {
        let entries = vec![
            ("a".to_string(), vec![3, 4, 10]),
            ("确立".to_string(), vec![0]),
        ];
        let shard = Shard {
            lists: entries,
            leads: vec![("#确立".into(), r#"[[0,1,"确立",0]]"#.into())],
        };
        let json = shard_json(&shard);
        assert_eq!(
            json,
            r##"{"a":[3,1,6],"确立":[0],"#确立":[[0,1,"确立",0]]}"##
        );
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["a"], serde_json::json!([3, 1, 6]));
    }

    /// The browser looks a phrase up by these many tokens; a form needing
    /// one token already has an exact list and gets no list of its own.
    #[test]
    fn query_tokens_are_counted_as_the_browser_counts_them() {
        assert_eq!(query_token_count("两个确立"), 3);
        assert_eq!(query_token_count("清廉"), 1);
        assert_eq!(query_token_count("清"), 1);
        assert_eq!(query_token_count("33618"), 1);
        assert_eq!(query_token_count("ＧＤＰ增长"), 2);
        assert_eq!(query_token_count("CAR-T"), 2);
        assert_eq!(query_token_count("，"), 0);
    }

    #[test]
    fn a_form_key_is_marked_so_it_never_meets_a_text_token() {
        assert_eq!(Key::Form("两个确立".into()).into_token(), "=两个确立");
        assert!(tokens("=两个确立")
            .iter()
            .all(|t| !t.starts_with(FORM_MARK)));
    }

    #[test]
    fn deltas_of_a_sorted_list() {
        assert_eq!(delta_encode(&[3, 4, 10, 11]), [3, 1, 6, 1]);
        assert!(delta_encode(&[]).is_empty());
    }
}
