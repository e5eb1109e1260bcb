//! Where an edition keeps its files, written down once.
//!
//! An edition is a directory: `site.yaml`, `content/` (sources, articles,
//! glossary, pages, annotations, translations), `templates/` (with
//! `templates/static/`) and the output, `public/`. Loading, ingest,
//! `init`, the build and the dev server's watcher all ask a [`Layout`]
//! instead of joining folder names themselves, so a new content folder is
//! added here and nowhere else; [`Layout::classify`] says which of these
//! inputs a changed path belongs to.

use std::path::{Component, Path, PathBuf};

/// The folders and files of one edition, from its root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    root: PathBuf,
}

/// What a path under the edition is to the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputKind {
    /// `site.yaml`.
    Config,
    /// Something under `content/articles/` (a file or a directory).
    Article,
    /// Something under `content/glossary/`.
    Term,
    /// Something under `content/pages/`.
    Page,
    /// Something under `content/sources/`.
    Source,
    /// Something under `content/annotations/`.
    Annotation,
    /// Something under `content/translations/`.
    Translation,
    /// A template (anything under `templates/` but `static/`).
    Template,
    /// A static file, by its path relative to `templates/static/`.
    Static(String),
    /// `content/`, `templates/` or a content folder itself: everything in
    /// it may have changed at once.
    Everything,
    /// Not an input of the build (the output, editor droppings elsewhere…).
    Ignored,
}

/// The content folders, by name under `content/`.
const SECTIONS: [&str; 6] = [
    "articles",
    "glossary",
    "pages",
    "sources",
    "annotations",
    "translations",
];

impl Layout {
    /// The layout of the edition at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Layout { root: root.into() }
    }

    /// The edition's root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `site.yaml`.
    pub fn config_file(&self) -> PathBuf {
        self.root.join("site.yaml")
    }

    /// `content/`.
    pub fn content(&self) -> PathBuf {
        self.root.join("content")
    }

    /// `content/sources/`: the raw pages ingest reads.
    pub fn sources(&self) -> PathBuf {
        self.content().join("sources")
    }

    /// `content/articles/`: one Markdown file per article.
    pub fn articles(&self) -> PathBuf {
        self.content().join("articles")
    }

    /// `content/glossary/`: one Markdown file per term, and `ignore.yaml`.
    pub fn glossary(&self) -> PathBuf {
        self.content().join("glossary")
    }

    /// `content/pages/`: free-standing pages (about, method…).
    pub fn pages(&self) -> PathBuf {
        self.content().join("pages")
    }

    /// `content/annotations/`: an editor's notes, one YAML file per article.
    pub fn annotations(&self) -> PathBuf {
        self.content().join("annotations")
    }

    /// `content/translations/`: one folder per language.
    pub fn translations(&self) -> PathBuf {
        self.content().join("translations")
    }

    /// `templates/`: the edition's own templates, overriding built-in ones.
    pub fn templates(&self) -> PathBuf {
        self.root.join("templates")
    }

    /// `templates/static/`: files copied to the output's `static/`.
    pub fn static_dir(&self) -> PathBuf {
        self.templates().join("static")
    }

    /// `public/`: the default output.
    pub fn output(&self) -> PathBuf {
        self.root.join("public")
    }

    /// `.jiedu-serve/`: the dev server's output, never `public/`.
    pub fn serve_output(&self) -> PathBuf {
        self.root.join(".jiedu-serve")
    }

    /// The directories the dev server watches recursively: the inputs, and
    /// never the whole root, where `target/` or `node_modules/` could
    /// exhaust the watch limit and where the output lives.
    pub fn watched_dirs(&self) -> [PathBuf; 2] {
        [self.content(), self.templates()]
    }

    /// Sorts `path`, an absolute path under the root.
    pub fn classify(&self, path: &Path) -> InputKind {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return InputKind::Ignored;
        };
        let parts: Vec<&str> = rel
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => s.to_str(),
                _ => None,
            })
            .collect();
        classify_parts(&parts)
    }
}

fn classify_parts(parts: &[&str]) -> InputKind {
    match parts {
        ["site.yaml"] => InputKind::Config,
        ["content"] | ["templates"] | ["templates", "static"] => InputKind::Everything,
        ["content", section] if SECTIONS.contains(section) => InputKind::Everything,
        ["content", "articles", _, ..] => InputKind::Article,
        ["content", "glossary", _, ..] => InputKind::Term,
        ["content", "pages", _, ..] => InputKind::Page,
        ["content", "sources", _, ..] => InputKind::Source,
        ["content", "annotations", _, ..] => InputKind::Annotation,
        ["content", "translations", _, ..] => InputKind::Translation,
        ["templates", "static", rest @ ..] => InputKind::Static(rest.join("/")),
        ["templates", _, ..] => InputKind::Template,
        _ => InputKind::Ignored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(rel: &str) -> InputKind {
        Layout::new("/ed").classify(&Path::new("/ed").join(rel))
    }

    #[test]
    fn folders_are_named_from_the_root() {
        let l = Layout::new("/ed");
        assert_eq!(l.articles(), Path::new("/ed/content/articles"));
        assert_eq!(l.static_dir(), Path::new("/ed/templates/static"));
        assert_eq!(l.output(), Path::new("/ed/public"));
        assert_eq!(l.config_file(), Path::new("/ed/site.yaml"));
    }

    #[test]
    fn every_content_file_is_sorted_into_its_section() {
        assert_eq!(kind("site.yaml"), InputKind::Config);
        assert_eq!(kind("content/articles/a.md"), InputKind::Article);
        assert_eq!(kind("content/articles/sub/.x.md.swp"), InputKind::Article);
        assert_eq!(kind("content/translations/en"), InputKind::Translation);
        assert_eq!(kind("templates/partials/nav.html"), InputKind::Template);
        assert_eq!(kind("content/glossary/t.md"), InputKind::Term);
        assert_eq!(kind("content/pages/about.md"), InputKind::Page);
        assert_eq!(kind("content/sources/001.txt"), InputKind::Source);
        assert_eq!(kind("content/annotations/a.yaml"), InputKind::Annotation);
        assert_eq!(kind("content/translations/en/x.md"), InputKind::Translation);
        assert_eq!(kind("templates/article.html"), InputKind::Template);
        assert_eq!(
            kind("templates/static/css/site.css"),
            InputKind::Static("css/site.css".into())
        );
    }

    #[test]
    fn folders_themselves_mean_everything() {
        for rel in [
            "content",
            "templates",
            "templates/static",
            "content/glossary",
        ] {
            assert_eq!(kind(rel), InputKind::Everything, "{rel}");
        }
        assert_eq!(kind("content/annotations"), InputKind::Everything);
    }

    #[test]
    fn outputs_and_strays_are_ignored() {
        for rel in [
            "public/a",
            ".jiedu-serve/index.html",
            "site.yaml~",
            "content/x.md",
            "README.md",
            "target/x",
        ] {
            assert_eq!(kind(rel), InputKind::Ignored, "{rel}");
        }
        assert_eq!(
            Layout::new("/ed").classify(Path::new("/other/site.yaml")),
            InputKind::Ignored
        );
    }
}
