//! The plain `Site` model: everything loaded, nothing rendered, no I/O.

use super::annotation::{Annotation, AnnotationFile};
use super::article::Article;
use super::page::Page;
use super::source::Source;
use super::term::Term;
use super::translation::Translation;
use crate::config::SiteConfig;
use crate::ids::{Slug, SourceName};
use std::collections::HashMap;
use std::path::PathBuf;

/// An edition, loaded: configuration, articles, glossary, pages, sources.
///
/// Articles are sorted newest first (undated last, then by source
/// position and slug), which is the order of the home page and of
/// previous/next links.
#[derive(Debug, Clone)]
pub struct Site {
    /// The edition's root directory.
    pub root: PathBuf,
    /// `site.yaml`.
    pub config: SiteConfig,
    /// All articles, newest first.
    pub articles: Vec<Article>,
    /// All glossary terms, by id.
    pub terms: Vec<Term>,
    /// Free pages, by slug.
    pub pages: Vec<Page>,
    /// Raw sources, by name.
    pub sources: Vec<Source>,
    /// Standing annotations, one file per annotated article, by slug.
    pub annotations: Vec<AnnotationFile>,
    /// Translations (issue 19), by language and article slug.
    pub translations: Vec<Translation>,
}

impl Site {
    /// Sorts everything into its canonical order.
    pub fn sort(&mut self) {
        self.articles.sort_by(|a, b| {
            let key = |x: &Article| {
                let src = x
                    .meta
                    .source
                    .as_ref()
                    .map(|s| (s.file.clone(), s.first_line));
                (std::cmp::Reverse(x.meta.date), src, x.slug.clone())
            };
            // Undated articles last: Reverse(None) sorts first, so flip it.
            match (a.meta.date.is_some(), b.meta.date.is_some()) {
                (true, false) => std::cmp::Ordering::Less,
                (false, true) => std::cmp::Ordering::Greater,
                _ => key(a).cmp(&key(b)),
            }
        });
        self.terms.sort_by(|a, b| a.id.cmp(&b.id));
        self.pages.sort_by(|a, b| a.slug.cmp(&b.slug));
        self.sources.sort_by(|a, b| a.name.cmp(&b.name));
        self.annotations.sort_by(|a, b| a.article.cmp(&b.article));
        self.translations
            .sort_by(|a, b| (&a.lang, &a.slug).cmp(&(&b.lang, &b.slug)));
    }

    /// The annotations of the article `slug`, if it has any.
    pub fn annotations_of(&self, slug: &Slug) -> &[Annotation] {
        self.annotations
            .binary_search_by(|f| f.article.cmp(slug))
            .map_or(&[], |i| &self.annotations[i].items)
    }

    /// The English translation of the article `slug`, if there is one.
    pub fn translation(&self, slug: &Slug) -> Option<&Translation> {
        Self::english_among(&self.translations, slug)
    }

    /// The English translation of article `slug` among `translations`,
    /// sorted by language and slug as [`Self::sort`] leaves them: found
    /// by bisection, since every article page asks.
    pub fn english_among<'t>(
        translations: &'t [Translation],
        slug: &Slug,
    ) -> Option<&'t Translation> {
        let at = translations
            .binary_search_by(|t| (t.lang.as_str(), &t.slug).cmp(&("en", slug)))
            .ok()?;
        Some(&translations[at])
    }

    /// The files marked `draft: true`: articles, then glossary terms,
    /// then pages.
    pub fn drafts(&self) -> Vec<&std::path::Path> {
        let articles = self.articles.iter().filter(|a| a.meta.draft);
        let terms = self.terms.iter().filter(|t| t.meta.draft);
        let pages = self.pages.iter().filter(|p| p.meta.draft);
        articles
            .map(|a| a.path.as_path())
            .chain(terms.map(|t| t.path.as_path()))
            .chain(pages.map(|p| p.path.as_path()))
            .collect()
    }

    /// Leaves the drafts out, as a published build does. A published term
    /// naming a draft as its parent or in `see_also` loses that reference
    /// instead of failing the build. (`only_in` naming a draft article is
    /// kept: it then matches nowhere, which is what a published edition
    /// without that article should show.)
    pub fn drop_drafts(&mut self) {
        let terms: std::collections::HashSet<_> = (self.terms.iter())
            .filter(|t| t.meta.draft)
            .map(|t| t.id.clone())
            .collect();
        let articles: std::collections::HashSet<_> = (self.articles.iter())
            .filter(|a| a.meta.draft)
            .map(|a| a.slug.clone())
            .collect();
        self.articles.retain(|a| !a.meta.draft);
        // A draft article's annotations and translation go with it.
        self.annotations.retain(|f| !articles.contains(&f.article));
        self.translations.retain(|t| !articles.contains(&t.slug));
        self.pages.retain(|p| !p.meta.draft);
        self.terms.retain(|t| !t.meta.draft);
        for t in &mut self.terms {
            let meta = &mut t.meta;
            meta.parent = meta.parent.take().filter(|p| !terms.contains(p));
            meta.see_also.retain(|s| !terms.contains(s));
        }
    }

    /// The index of each article by slug.
    pub fn article_index(&self) -> HashMap<&Slug, usize> {
        self.articles
            .iter()
            .enumerate()
            .map(|(i, a)| (&a.slug, i))
            .collect()
    }

    /// The source with this name, if loaded.
    pub fn source(&self, name: &SourceName) -> Option<&Source> {
        self.sources.iter().find(|s| &s.name == name)
    }
}
