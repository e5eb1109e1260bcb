//! A batch of changed paths, sorted by what they feed
//! ([`Layout::classify`]): the first step of an incremental rebuild.

use crate::layout::{InputKind, Layout};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// A batch of changed paths, sorted by what they feed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ChangedPaths {
    /// Something every page depends on changed (`site.yaml`, a whole
    /// content folder, an annotation): only a full rebuild will do.
    pub everything: bool,
    /// A template changed (reload them all and diff their texts).
    pub templates: bool,
    /// Article files or folders.
    pub articles: BTreeSet<PathBuf>,
    /// Glossary entry files or folders.
    pub terms: BTreeSet<PathBuf>,
    /// Free page files or folders.
    pub pages: BTreeSet<PathBuf>,
    /// Raw source files or folders.
    pub sources: BTreeSet<PathBuf>,
    /// Translation files or folders.
    pub translations: BTreeSet<PathBuf>,
    /// Static files or folders, by path under `templates/static/`.
    pub statics: BTreeSet<String>,
}

impl ChangedPaths {
    /// Sorts `paths` by what they feed in the edition laid out as `layout`.
    pub fn sort<'a>(layout: &Layout, paths: impl IntoIterator<Item = &'a PathBuf>) -> Self {
        let mut s = ChangedPaths::default();
        for p in paths {
            match layout.classify(p) {
                // Annotations are few and touch their article's page only,
                // but their anchors are checked against the analysis:
                // rebuild all.
                InputKind::Config | InputKind::Everything | InputKind::Annotation => {
                    s.everything = true
                }
                InputKind::Article => drop(s.articles.insert(p.clone())),
                InputKind::Term => drop(s.terms.insert(p.clone())),
                InputKind::Page => drop(s.pages.insert(p.clone())),
                InputKind::Source => drop(s.sources.insert(p.clone())),
                InputKind::Translation => drop(s.translations.insert(p.clone())),
                InputKind::Template => s.templates = true,
                InputKind::Static(rel) => drop(s.statics.insert(rel)),
                InputKind::Ignored => {}
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_sorted_by_what_they_feed() {
        let layout = Layout::new("/ed");
        let paths: Vec<PathBuf> = [
            "/ed/content/articles/a.md",
            "/ed/content/glossary/t.md",
            "/ed/content/translations/en/a.md",
            "/ed/templates/article.html",
            "/ed/templates/static/site.css",
            "/ed/public/index.html",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let s = ChangedPaths::sort(&layout, &paths);
        assert!(!s.everything && s.templates);
        assert_eq!(s.articles, BTreeSet::from([paths[0].clone()]));
        assert_eq!(s.terms, BTreeSet::from([paths[1].clone()]));
        assert_eq!(s.translations, BTreeSet::from([paths[2].clone()]));
        assert_eq!(s.statics, BTreeSet::from(["site.css".to_string()]));
        assert!(s.pages.is_empty() && s.sources.is_empty());
        for all in ["/ed/site.yaml", "/ed/content/annotations/a.yaml"] {
            let s = ChangedPaths::sort(&layout, &[PathBuf::from(all)]);
            assert!(s.everything, "{all}");
        }
    }
}
