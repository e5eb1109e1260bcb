//! Small sites for the incremental layer's unit tests.

use crate::content::{Article, Site, Term};
use std::path::{Path, PathBuf};

/// A site of `articles` (slug, body) and `terms` (id, form), with no
/// pages, sources or translations.
pub fn site(articles: &[(&str, &str)], terms: &[(&str, &str)]) -> Site {
    let config = "title: t\nbase_url: https://x.org/\n";
    let config = crate::config::SiteConfig::parse(config, Path::new("site.yaml")).unwrap();
    let article = |(slug, body): &(&str, &str)| {
        let text = format!("---\ntitle: {slug}\n---\n{body}\n");
        Article::parse(&text, Path::new(&format!("a/{slug}.md"))).unwrap()
    };
    let term = |(id, form): &(&str, &str)| {
        let text = format!("---\nterm: {form}\nkind: slogan\n---\n");
        Term::parse(&text, Path::new(&format!("g/{id}.md"))).unwrap()
    };
    Site {
        root: PathBuf::from("."),
        config,
        articles: articles.iter().map(article).collect(),
        terms: terms.iter().map(term).collect(),
        pages: Vec::new(),
        sources: Vec::new(),
        annotations: Vec::new(),
        translations: Vec::new(),
    }
}
