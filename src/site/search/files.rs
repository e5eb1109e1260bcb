//! The search index's files, once built: which files there are, where
//! each is linked and written (from [`Urls`]), and their bytes.

use crate::url::Urls;
use serde::Serialize;

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
    /// The file's root-relative URL: the one definition of where it is.
    pub fn url(self, urls: &Urls) -> String {
        match self {
            SearchFile::Meta => urls.search_meta(),
            SearchFile::Articles => urls.search_articles(),
            SearchFile::Postings(n) => urls.search_postings(n),
            SearchFile::Text(n) => urls.search_text(n),
        }
    }

    /// The output path, relative to `public/`, derived from [`Self::url`].
    pub fn path(self) -> String {
        let root = Urls::site_root();
        root.file_of(&self.url(root)).unwrap_or_default()
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
    /// The index of these serialised files, in any order; a file given
    /// twice is the last one given.
    pub(super) fn from_files(files: Vec<(SearchFile, String)>) -> Self {
        let mut index = SearchIndex {
            meta: String::new(),
            articles: String::new(),
            postings: Vec::new(),
            texts: Vec::new(),
        };
        let place = |list: &mut Vec<String>, n: usize, json: String| {
            if list.len() <= n {
                list.resize(n + 1, String::new());
            }
            list[n] = json;
        };
        for (file, json) in files {
            match file {
                SearchFile::Meta => index.meta = json,
                SearchFile::Articles => index.articles = json,
                SearchFile::Postings(n) => place(&mut index.postings, n, json),
                SearchFile::Text(n) => place(&mut index.texts, n, json),
            }
        }
        index
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

/// `value` as JSON text.
pub(super) fn to_json<T: Serialize>(value: &T) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}
