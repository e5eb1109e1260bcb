//! Articles grouped by what pages look them up by: the boxes a host
//! carries, the articles of one printed bundle, the articles cut from one
//! source. Made once per build, so that a page finds its group without a
//! pass over every article: such a pass per page made the build
//! quadratic in the edition's size.

use crate::content::Article;
use crate::ids::Slug;
use std::collections::HashMap;

/// Article indices by host, by bundle and by source file, each in
/// article order.
#[derive(Debug, Default)]
pub struct Groups {
    boxes: HashMap<Slug, Vec<usize>>,
    bundles: HashMap<(String, Option<String>), Vec<usize>>,
    sources: HashMap<String, Vec<usize>>,
}

impl Groups {
    /// The groups of `articles`.
    pub fn of(articles: &[Article]) -> Groups {
        let mut groups = Groups::default();
        for (i, a) in articles.iter().enumerate() {
            if let Some(host) = &a.meta.host {
                groups.boxes.entry(host.clone()).or_default().push(i);
            }
            if let Some(title) = &a.meta.bundle {
                let key = (title.clone(), source_file(a));
                groups.bundles.entry(key).or_default().push(i);
            }
            if let Some(file) = source_file(a) {
                groups.sources.entry(file).or_default().push(i);
            }
        }
        groups
    }

    /// The boxes hosted by article `host`.
    pub fn boxes(&self, host: &Slug) -> &[usize] {
        self.boxes.get(host).map_or(&[], Vec::as_slice)
    }

    /// The articles printed in the same bundle as `a` (same bundle title,
    /// same source file), `a` included; empty if it is in none.
    pub fn bundle(&self, a: &Article) -> &[usize] {
        let Some(title) = &a.meta.bundle else {
            return &[];
        };
        let key = (title.clone(), source_file(a));
        self.bundles.get(&key).map_or(&[], Vec::as_slice)
    }

    /// The articles cut from the source file `file`.
    pub fn cut_from(&self, file: &str) -> &[usize] {
        self.sources.get(file).map_or(&[], Vec::as_slice)
    }
}

fn source_file(a: &Article) -> Option<String> {
    a.meta.source.as_ref().map(|s| s.file.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(slug: &str, extra: &str) -> Article {
        let text = format!("---\ntitle: {slug}\n{extra}---\n\n正文。\n");
        Article::parse(&text, std::path::Path::new(&format!("{slug}.md"))).unwrap()
    }

    fn source(file: &str, first: usize) -> String {
        format!("source:\n  file: {file}\n  first_line: {first}\n  last_line: {first}\n  sha256: \"00\"\n")
    }

    #[test]
    fn articles_are_grouped_by_host_bundle_and_source() {
        let articles = [
            article("a", &source("p1.txt", 1)),
            article(
                "b",
                &format!("host: a\nbundle: 专版\n{}", source("p1.txt", 2)),
            ),
            article("c", &format!("bundle: 专版\n{}", source("p1.txt", 3))),
            article("d", &format!("bundle: 专版\n{}", source("p2.txt", 1))),
            article("e", "host: a\n"),
        ];
        let g = Groups::of(&articles);
        let slug = |s: &str| Slug::new(s).unwrap();
        assert_eq!(g.boxes(&slug("a")), [1, 4]);
        assert!(g.boxes(&slug("b")).is_empty());
        // Same title, same file: one bundle; the same title in another
        // file is another bundle.
        assert_eq!(g.bundle(&articles[1]), [1, 2]);
        assert_eq!(g.bundle(&articles[3]), [3]);
        assert!(g.bundle(&articles[0]).is_empty());
        assert_eq!(g.cut_from("p1.txt"), [0, 1, 2]);
        assert_eq!(g.cut_from("p2.txt"), [3]);
        assert!(g.cut_from("p3.txt").is_empty());
    }
}
