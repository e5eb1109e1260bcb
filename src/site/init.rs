//! `jiedu init DIR`: a new, empty edition with the default templates.
//!
//! The default templates are compiled into the binary from this
//! repository's `templates/`, so a new edition looks like the bundled one
//! and builds at once.

use crate::error::{Error, Location, Result};
use std::path::Path;

/// The default templates and static files, by path under `templates/`.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("source.html", include_str!("../../templates/source.html")),
    (
        "glossary.html",
        include_str!("../../templates/glossary.html"),
    ),
    ("term.html", include_str!("../../templates/term.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    ("search.html", include_str!("../../templates/search.html")),
    ("people.html", include_str!("../../templates/people.html")),
    (
        "static/site.css",
        include_str!("../../templates/static/site.css"),
    ),
    (
        "static/gloss.js",
        include_str!("../../templates/static/gloss.js"),
    ),
    (
        "static/reader.js",
        include_str!("../../templates/static/reader.js"),
    ),
    (
        "static/favicon.svg",
        include_str!("../../templates/static/favicon.svg"),
    ),
    (
        "static/search-key.js",
        include_str!("../../templates/static/search-key.js"),
    ),
    (
        "static/search-core.js",
        include_str!("../../templates/static/search-core.js"),
    ),
    (
        "static/search.js",
        include_str!("../../templates/static/search.js"),
    ),
    (
        "static/cite.js",
        include_str!("../../templates/static/cite.js"),
    ),
];

const SITE_YAML: &str = "\
# The edition's settings; the README lists every key.
title: 新的注释版
# Where the site will be published; a GitHub Pages project site lives
# under https://<user>.github.io/<repo>/.
base_url: https://example.org/
language: zh-Hans
description: 一句话介绍这个注释版。
";

const ABOUT: &str =
    "---\ntitle: 关于本版\nnav_order: 1\n---\n在这里介绍本版收录的文本和阅读方法。\n";

/// Creates a new edition in `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<()> {
    if dir.exists()
        && dir
            .read_dir()
            .map_err(|e| Error::io(dir, e))?
            .next()
            .is_some()
    {
        return Err(
            Error::invalid(Location::file(dir), "directory is not empty")
                .with_hint("choose a new directory; init never overwrites files"),
        );
    }
    let write = |rel: &str, text: &str| {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))
    };
    write("site.yaml", SITE_YAML)?;
    write("content/pages/about.md", ABOUT)?;
    for sub in ["content/sources", "content/articles", "content/glossary"] {
        let path = dir.join(sub);
        std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
    }
    for (rel, text) in DEFAULT_TEMPLATES {
        write(&format!("templates/{rel}"), text)?;
    }
    write(".gitignore", "/public\n/.public.*\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_edition_builds_and_init_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let ed = dir.path().join("ed");
        init(&ed).unwrap();
        let report = crate::site::build(&ed, &Default::default()).unwrap();
        assert!(report.files > 5);
        assert!(ed.join("public/about/index.html").is_file());
        let e = init(&ed).unwrap_err().to_string();
        assert!(e.contains("not empty"), "{e}");
    }

    #[test]
    fn every_template_file_is_embedded() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry
                    .path()
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                assert!(
                    DEFAULT_TEMPLATES.iter().any(|(r, _)| *r == rel),
                    "{rel} missing from DEFAULT_TEMPLATES"
                );
            }
        }
    }
}
