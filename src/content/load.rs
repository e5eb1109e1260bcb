//! Reading an edition from disk: `site.yaml` and everything under
//! `content/`, into a [`Site`].
//!
//! Every file is read and parsed even after an error, so one run reports
//! every broken file at once. Walk errors (unreadable directories, symlink
//! loops) are reported too, never skipped silently.

use super::annotation::AnnotationFile;
use super::article::Article;
use super::model::Site;
use super::page::Page;
use super::source::Source;
use super::term::Term;
use super::translation::Translation;
use crate::error::{Error, Location, Result};
pub use crate::files::{files_in, read_text, source_files_in};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Loads the edition at `root`.
pub fn load(root: &Path) -> Result<Site> {
    load_with(root, ArticleBodies::Kept)
}

/// Whether [`load_with`] keeps the articles' Markdown bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleBodies {
    /// Kept in [`Article::body`].
    Kept,
    /// Checked and dropped, leaving [`Article::body`] empty: a build reads
    /// each body again, from its file, when it renders it
    /// ([`crate::content::article::read_body`]), so the whole edition's
    /// Markdown is never held at once.
    Dropped,
}

/// Loads the edition at `root`, keeping the articles' bodies or not.
pub fn load_with(root: &Path, bodies: ArticleBodies) -> Result<Site> {
    let config = crate::config::load(root)?;
    let layout = crate::layout::Layout::new(root);
    let mut errors = Vec::new();
    let parse_article = |text: &str, path: &Path| {
        let mut article = Article::parse(text, path)?;
        if bodies == ArticleBodies::Dropped {
            article.body = String::new();
        }
        Ok(article)
    };
    let articles = load_dir(&layout.articles(), "md", &mut errors, parse_article);
    let terms = load_dir(&layout.glossary(), "md", &mut errors, Term::parse);
    let pages = load_dir(&layout.pages(), "md", &mut errors, Page::parse);
    let sources = load_sources(&layout.sources(), &mut errors);
    let annotations = load_dir(
        &layout.annotations(),
        "yaml",
        &mut errors,
        AnnotationFile::parse,
    );
    let translations = load_dir(
        &layout.translations(),
        "md",
        &mut errors,
        Translation::parse,
    );
    check_unique(
        "article slug",
        articles.iter().map(|a| (a.slug.as_str(), &a.path)),
        &mut errors,
    );
    check_unique(
        "term id",
        terms.iter().map(|t| (t.id.as_str(), &t.path)),
        &mut errors,
    );
    check_unique(
        "page slug",
        pages.iter().map(|p| (p.slug.as_str(), &p.path)),
        &mut errors,
    );
    check_sources(&articles, &sources, &mut errors);
    check_annotated(&articles, &annotations, &mut errors);
    check_hosts(&articles, &mut errors);
    check_translations(&articles, &translations, &mut errors);
    Error::collect(errors)?;
    let mut site = Site {
        root: root.to_path_buf(),
        config,
        articles,
        terms,
        pages,
        sources,
        annotations,
        translations,
    };
    site.sort();
    Ok(site)
}

/// A box's `host:` must be another article, itself hosted by none.
fn check_hosts(articles: &[Article], errors: &mut Vec<Error>) {
    for a in articles {
        let Some(host) = &a.meta.host else { continue };
        let found = articles.iter().find(|h| &h.slug == host);
        let problem = match found {
            None => Some(format!("host `{host}` is no article")),
            Some(h) if h.slug == a.slug => Some("an article cannot be its own host".to_string()),
            Some(h) if h.meta.host.is_some() => {
                Some(format!("host `{host}` is itself a box of another article"))
            }
            Some(_) => None,
        };
        if let Some(msg) = problem {
            errors.push(Error::invalid(Location::file(&a.path), msg));
        }
    }
}

/// Every annotation file must name an article.
fn check_annotated(articles: &[Article], files: &[AnnotationFile], errors: &mut Vec<Error>) {
    for f in files {
        if !articles.iter().any(|a| a.slug == f.article) {
            errors.push(
                Error::invalid(
                    Location::file(&f.path),
                    format!("annotations for `{}`, which is no article", f.article),
                )
                .with_hint(
                    "name the file after the article's slug: content/annotations/<slug>.yaml",
                ),
            );
        }
    }
}

fn load_dir<T: Send>(
    dir: &Path,
    ext: &str,
    errors: &mut Vec<Error>,
    parse: impl Fn(&str, &Path) -> Result<T> + Sync,
) -> Vec<T> {
    // Parsed in parallel; collecting keeps the sorted file order, so
    // errors are reported in the same order every run.
    let parsed: Vec<Result<T>> = files_in(dir, ext, errors)
        .par_iter()
        .map(|path| read_text(path).and_then(|text| parse(&text, path)))
        .collect();
    let mut out = Vec::with_capacity(parsed.len());
    for item in parsed {
        match item {
            Ok(item) => out.push(item),
            Err(e) => errors.push(e),
        }
    }
    out
}

fn load_sources(dir: &Path, errors: &mut Vec<Error>) -> Vec<Source> {
    let mut out = Vec::new();
    for path in source_files_in(dir, errors) {
        let loaded = std::fs::read(&path)
            .map_err(|e| Error::io(&path, e))
            .and_then(|bytes| Source::from_bytes(&bytes, &path));
        match loaded {
            Ok(s) => out.push(s),
            Err(e) => errors.push(e),
        }
    }
    out
}

fn check_unique<'a>(
    what: &'static str,
    items: impl Iterator<Item = (&'a str, &'a PathBuf)>,
    errors: &mut Vec<Error>,
) {
    let mut seen: HashMap<&str, &PathBuf> = HashMap::new();
    for (id, path) in items {
        if let Some(first) = seen.insert(id, path) {
            errors.push(Error::Duplicate {
                what,
                id: id.to_string(),
                first: Location::file(first),
                second: Location::file(path),
            });
        }
    }
}

fn check_sources(articles: &[Article], sources: &[Source], errors: &mut Vec<Error>) {
    let by_file: HashMap<&str, &Source> = sources.iter().map(|s| (s.file.as_str(), s)).collect();
    for a in articles {
        let Some(src) = &a.meta.source else { continue };
        let found = by_file.get(src.file.as_str()).copied();
        let problem = match found {
            None => Some(format!("source `{}` is not in content/sources/", src.file)),
            Some(s) => {
                let lines = s.text.lines().count();
                let ok = src.first_line >= 1
                    && src.first_line <= src.last_line
                    && src.last_line <= lines;
                (!ok).then(|| {
                    format!(
                        "source lines {}–{} are outside `{}` ({lines} lines)",
                        src.first_line, src.last_line, src.file
                    )
                })
            }
        };
        if let Some(msg) = problem {
            errors.push(Error::invalid(Location::file(&a.path), msg));
        }
    }
}

/// The cross-file checks of [`load`] (unique slugs and ids, source
/// references), for a [`Site`] the dev server changed in memory file by
/// file instead of loading it again.
pub fn check_site(site: &Site) -> Result<()> {
    let mut errors = Vec::new();
    let articles = site.articles.iter().map(|a| (a.slug.as_str(), &a.path));
    check_unique("article slug", articles, &mut errors);
    let terms = site.terms.iter().map(|t| (t.id.as_str(), &t.path));
    check_unique("term id", terms, &mut errors);
    let pages = site.pages.iter().map(|p| (p.slug.as_str(), &p.path));
    check_unique("page slug", pages, &mut errors);
    check_sources(&site.articles, &site.sources, &mut errors);
    check_translations(&site.articles, &site.translations, &mut errors);
    Error::collect(errors)
}

/// Every translation must translate an article of the edition, and its
/// language folder must be one the site renders (`en`).
fn check_translations(articles: &[Article], translations: &[Translation], errors: &mut Vec<Error>) {
    for t in translations {
        if t.lang != "en" {
            let msg = format!(
                "translations into `{}` are not supported; only `en/`",
                t.lang
            );
            errors.push(Error::invalid(Location::file(&t.path), msg));
        } else if !articles.iter().any(|a| a.slug == t.slug) {
            errors.push(
                Error::invalid(
                    Location::at(&t.path, 1, 1),
                    format!("no article `{}` to translate", t.slug),
                )
                .with_hint(
                    "a translation's file name is its article's slug: content/articles/<slug>.md",
                ),
            );
        }
    }
}
