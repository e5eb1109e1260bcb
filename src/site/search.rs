//! The search index: what `/search/` loads to search the edition in the
//! browser, offline, from a plain static host.
//!
//! Chinese has no spaces, so there are no words to index. The index is
//! built on characters instead:
//!
//! 1. **Tokens.** Text is normalised one character at a time (full-width
//!    ASCII → ASCII, ASCII lowercase; see [`tokens::normalize_char`]), so offsets in
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
//! table, in columns: see `tables::ArticleTable`), `p/<n>.json`
//! (postings shard `n`: `{token: [first, delta, delta…], "#token":
//! [[paragraph, anchor number, window, cut]…]}`), `t/<n>.json` (text chunk
//! `n`: `{"a": first article, "p": [[[anchor number, text]…] per article]}`).
//! The JavaScript that reads them is `templates/static/search-core.js`; its
//! tokeniser and hash must stay in step with this file, which the tests of
//! both check on the same strings.

//!
//! The index is built once per build, as a step of its own that writes
//! each file as it is made ([`SearchIndex::stream`]); the dev server keeps
//! the files ([`SearchIndex::build`]). The page renderers never build it.

mod edition;
mod files;
mod leads;
mod list;
mod postings;
mod tables;
mod tokens;

pub use files::{SearchFile, SearchIndex};

/// Where [`SearchIndex::stream`] hands each file as it is made.
pub type Emit<'a> = dyn Fn(SearchFile, String) -> Result<()> + Sync + 'a;
pub use leads::{LEAD_ARTICLES, LEAD_PARAGRAPHS, TITLE_WEIGHT};
pub use postings::{delta_encode, MAX_SHARDS, SHARD_BYTES};
pub use tables::{CHUNK_BYTES, VERSION};
pub use tokens::{normalize_char, token_hash, tokens, FORM_MARK, LEAD_MARK};

use crate::content::Site;
use crate::error::Result;
use crate::glossary::ArticleText;
use crate::site::analysis::Analysis;
use crate::url::Urls;
use files::to_json;
use list::PostingList;
use postings::{Group, Pass, Postings};
use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;
use tables::{chunk_articles, ArticleTable, IndexHead};
use tokens::normalize_char as normalize;
use tokens::Key;

impl SearchIndex {
    /// Builds the index of `site`'s articles from the analysed paragraphs,
    /// and keeps its files (the dev server serves and refreshes them).
    pub fn build(site: &Site, analysis: &Analysis, urls: &Urls) -> SearchIndex {
        let files = std::sync::Mutex::new(Vec::new());
        let keep = |file: SearchFile, json: String| -> Result<()> {
            let mut files = files.lock().unwrap_or_else(|e| e.into_inner());
            files.push((file, json));
            Ok(())
        };
        // Keeping a file cannot fail.
        let _ = Self::stream(site, analysis, urls, &keep);
        SearchIndex::from_files(files.into_inner().unwrap_or_else(|e| e.into_inner()))
    }

    /// Builds the index and hands each file to `emit` as soon as it is
    /// made, keeping none: a build writes the text chunks while the
    /// postings are still being gathered, and each postings shard as it is
    /// serialised, so the index's files are never all in memory. Stops at
    /// the first error `emit` returns.
    pub fn stream(site: &Site, analysis: &Analysis, urls: &Urls, emit: &Emit<'_>) -> Result<()> {
        Self::stream_grouped(site, analysis, urls, emit, None)
    }

    /// [`Self::stream`], gathering the postings in `groups` passes (a
    /// power of two; by default [`groups_for`] the text), each holding
    /// only one group of shards' lists.
    fn stream_grouped(
        site: &Site,
        analysis: &Analysis,
        urls: &Urls,
        emit: &Emit<'_>,
        groups: Option<u32>,
    ) -> Result<()> {
        use rayon::prelude::*;
        // English translations are searched too, under the Chinese
        // paragraphs' anchors (issue 19).
        let corpus = crate::site::translations::searchable_corpus(site, analysis);
        let corpus: &[Cow<ArticleText>] = &corpus;
        let groups = groups.unwrap_or_else(|| groups_for(corpus));
        let chunks = chunk_articles(corpus);
        (chunks.par_iter().enumerate())
            .try_for_each(|(n, c)| emit(SearchFile::Text(n), c.to_json(corpus)))?;
        emit(
            SearchFile::Articles,
            to_json(&ArticleTable::new(site, corpus, &chunks)),
        )?;
        let edition =
            edition::Edition::new(corpus, site.articles.iter().map(|a| a.meta.title.as_str()));
        let all_forms = glossary_forms(site);
        // The first pass counts every list, for the shard count, and
        // gathers the first group's and those the glossary's forms need.
        let form_keys: HashSet<Key> = all_forms
            .iter()
            .flat_map(|f| postings::form_keys(f))
            .collect();
        let first = Pass {
            group: Group {
                index: 0,
                of: groups,
            },
            also: (groups > 1).then_some(&form_keys),
            census: groups > 1,
        };
        let timer = std::time::Instant::now();
        let mut postings = Postings::gather(corpus, &first);
        let first_pass = timer.elapsed();
        let forms = postings.add_forms(&all_forms, &edition);
        let leads = leads::all_leads(&all_forms, &postings, &edition);
        let lead_bytes = leads.iter().map(|(t, j)| t.len() + j.len()).sum();
        let shards = postings.shard_count(lead_bytes);
        let head = IndexHead::new(site, analysis, urls, shards, forms);
        // A group must hold whole shards: a small index has fewer groups.
        let groups = groups.min(shards as u32);
        let form_lists: Vec<(Key, PostingList)> = if groups > 1 {
            let forms = postings
                .lists
                .iter()
                .filter(|(k, _)| matches!(k, Key::Form(_)));
            forms.map(|(k, l)| (k.clone(), l.clone())).collect()
        } else {
            Vec::new()
        };
        let mut leads_of: Vec<Vec<(String, String)>> = vec![Vec::new(); groups as usize];
        for lead in leads {
            leads_of[(token_hash(&lead.0) % groups) as usize].push(lead);
        }
        let mut gathered = (first.group.of == groups).then_some(postings);
        for (index, leads) in (0..groups).zip(leads_of) {
            let group = Group { index, of: groups };
            let postings = gathered
                .take()
                .unwrap_or_else(|| Postings::of_group(corpus, group, &form_lists));
            postings.into_shards(shards, group, leads, &|n, json| {
                emit(SearchFile::Postings(n), json)
            })?;
        }
        if crate::site::profile::profiling() {
            eprintln!(
                "profile: search postings in {groups} group(s) of {shards} shards: \
                 first pass {} ms, all {} ms",
                first_pass.as_millis(),
                timer.elapsed().as_millis()
            );
        }
        // The head names the shard count: written last, it never names
        // shards that are not there yet.
        emit(SearchFile::Meta, to_json(&head))
    }
}

/// How many groups a build gathers the postings of `corpus` in: one per
/// [`GROUP_TEXT_BYTES`] of text, a power of two. The postings take about
/// half the text's size as varints; gathered whole, they were the peak of
/// a 100,000-article build. Each further group is one more pass over the
/// text, about 3 s of CPU at 100,000 articles (352 MB of text, 8 groups):
/// 4 groups peaked at 980-990 MB, 8 at 940-955 MB, for about 5 s more.
fn groups_for(corpus: &[Cow<ArticleText>]) -> u32 {
    let text: usize = corpus
        .iter()
        .flat_map(|a| &a.paragraphs)
        .map(|p| p.text.len())
        .sum();
    (text.div_ceil(GROUP_TEXT_BYTES).max(1) as u32).next_power_of_two()
}

/// The text one postings group covers; see [`groups_for`]. Editions up to
/// about 14,000 articles of 3 KB keep the single pass.
const GROUP_TEXT_BYTES: usize = 48 << 20;

/// Every glossary form (terms and aliases), normalised, that the browser
/// searches as one phrase: sorted, without repeats or spaces (a form with
/// a space is two phrases to the browser, never one).
fn glossary_forms(site: &Site) -> Vec<String> {
    let mut forms: Vec<String> = site
        .terms
        .iter()
        .flat_map(|t| std::iter::once(&t.meta.term).chain(&t.meta.aliases))
        .map(|f| f.trim().chars().map(normalize).collect::<String>())
        .filter(|f| !f.is_empty() && !f.chars().any(char::is_whitespace))
        .collect();
    forms.sort_unstable();
    forms.dedup();
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled edition, its URLs and its analysis.
    fn bundled() -> (Site, Urls, Analysis) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = crate::content::load(root).unwrap();
        let urls = Urls::new(site.config.base_url.clone());
        let highlighter = crate::render::Highlighter::new();
        let markdown = crate::render::Markdown::new(&urls, &highlighter);
        let analysis = crate::site::analysis::analyze(&site, &urls, &markdown);
        (site, urls, analysis)
    }

    /// Streaming hands over exactly the files the kept index has, each
    /// once, with the head last (it names the shards, which are then all
    /// there); an error from the receiver stops the build of the index.
    #[test]
    fn the_streamed_index_is_the_kept_one_with_its_head_last() {
        let (site, urls, analysis) = bundled();
        let kept = SearchIndex::build(&site, &analysis, &urls);
        let seen = std::sync::Mutex::new(Vec::new());
        SearchIndex::stream(&site, &analysis, &urls, &|file, json| {
            seen.lock().unwrap().push((file, json));
            Ok(())
        })
        .unwrap();
        let seen = seen.into_inner().unwrap();
        assert_eq!(seen.last().map(|(f, _)| *f), Some(SearchFile::Meta));
        let mut files: Vec<SearchFile> = seen.iter().map(|(f, _)| *f).collect();
        files.sort();
        files.dedup();
        assert_eq!(files.len(), seen.len(), "a file handed over twice");
        let mut expected = kept.files();
        expected.sort();
        assert_eq!(files, expected);
        for (file, json) in &seen {
            assert_eq!(kept.get(*file), Some(json.as_str()), "{file:?}");
        }
        let refuse = |_: SearchFile, _: String| -> Result<()> {
            Err(crate::error::Error::invalid(
                crate::error::Location::file("public"),
                "disk full",
            ))
        };
        let err = SearchIndex::stream(&site, &analysis, &urls, &refuse).unwrap_err();
        assert!(err.to_string().contains("disk full"), "{err}");
    }

    /// Gathering the postings a group of shards at a time (what a large
    /// edition does, to hold one group's lists at once) writes exactly the
    /// files one pass writes, each once, the head last.
    #[test]
    fn postings_gathered_in_groups_are_those_of_one_pass() {
        let (site, urls, analysis) = bundled();
        let files = |groups: u32| {
            let seen = std::sync::Mutex::new(Vec::new());
            SearchIndex::stream_grouped(
                &site,
                &analysis,
                &urls,
                &|file, json| {
                    seen.lock().unwrap().push((file, json));
                    Ok(())
                },
                Some(groups),
            )
            .unwrap();
            let mut seen = seen.into_inner().unwrap();
            assert_eq!(seen.last().map(|(f, _)| *f), Some(SearchFile::Meta));
            seen.sort();
            seen
        };
        let one = files(1);
        let shards = one
            .iter()
            .filter(|(f, _)| matches!(f, SearchFile::Postings(_)))
            .count();
        assert!(shards >= 4, "the bundled edition has {shards} shards");
        for groups in [2, 4, 1024] {
            let grouped = files(groups);
            assert_eq!(grouped.len(), one.len(), "{groups} groups");
            for (a, b) in one.iter().zip(&grouped) {
                assert_eq!(a, b, "{groups} groups");
            }
        }
    }
}
