//! Article bodies' HTML, as the page writer asks for it.
//!
//! A build does not hold the edition's HTML: the analysis renders each
//! body once to find its paragraphs and terms, keeps what other pages need
//! (text, occurrences, anchors) and drops the HTML. An article's page then
//! renders its body again, from its file, when the page is written
//! ([`Bodies::Streamed`]), so at any moment only the bodies of the pages
//! being written are in memory. The dev server keeps every body rendered
//! ([`Bodies::Held`]): it re-renders only what an edit touches.
//!
//! Reading the file again is safe against an editor saving mid-build: the
//! analysis keeps a checksum of each body it rendered, and a body that no
//! longer matches is an error naming the file, so the build fails (and
//! leaves the previous `public/` whole) rather than write a page whose
//! body disagrees with the term pages and index made from the first read.

use super::analysis::Analyzer;
use crate::content::Article;
use crate::error::{Error, Location, Result};
use crate::glossary::{Match, Occurrences};
use crate::render::markdown::BlockMatch;
use crate::render::{Markdown, Rendered};
use std::borrow::Cow;

/// Where an article page's body HTML comes from.
pub enum Bodies<'a> {
    /// Rendered and kept, by article index.
    Held(&'a [Rendered]),
    /// Rendered again from each article's file when its page is written.
    Streamed(Streamed<'a>),
}

/// What rendering a body again needs: the glossary's analyzer, the
/// Markdown renderer, the articles (their files) and the checksum of each
/// body as the analysis rendered it.
pub struct Streamed<'a> {
    /// The analyzer the analysis used.
    pub analyzer: &'a Analyzer,
    /// The Markdown renderer the analysis used.
    pub markdown: &'a Markdown<'a>,
    /// The articles, by index.
    pub articles: &'a [Article],
    /// [`checksum`](super::analysis::checksum) of each article's body, by index.
    pub sums: &'a [u64],
    /// The glossary's occurrences the analysis found: placed again, not
    /// matched again.
    pub occurrences: &'a Occurrences,
}

/// An article body's HTML and the terms linked in it, in order of first
/// link (its glosses).
pub struct BodyHtml<'a> {
    /// The HTML.
    pub html: Cow<'a, str>,
    /// Indices of the glossary terms linked, in order of first link.
    pub terms: Cow<'a, [usize]>,
}

impl Bodies<'_> {
    /// The body of article `i`.
    pub fn get(&self, i: usize) -> Result<BodyHtml<'_>> {
        match self {
            Bodies::Held(bodies) => Ok(BodyHtml {
                html: Cow::Borrowed(bodies[i].html.as_str()),
                terms: Cow::Borrowed(bodies[i].terms.as_slice()),
            }),
            Bodies::Streamed(s) => s.render(i).map(|r| BodyHtml {
                html: Cow::Owned(r.html),
                terms: Cow::Owned(r.terms),
            }),
        }
    }
}

impl Streamed<'_> {
    fn render(&self, i: usize) -> Result<Rendered> {
        let article = &self.articles[i];
        let path = &article.path;
        let body = crate::content::article::read_body(path)?;
        if super::analysis::checksum(&body) != self.sums[i] {
            return Err(Error::invalid(
                Location::file(path),
                "the file changed while the site was being built; build again",
            ));
        }
        let known: Vec<BlockMatch> = (self.occurrences.in_article(i).iter())
            .map(|o| BlockMatch {
                block: o.place.paragraph,
                found: Match {
                    start: o.range().start,
                    end: o.range().end,
                    term: o.term(),
                },
            })
            .collect();
        Ok(self
            .analyzer
            .body(self.markdown, &article.slug, &body, &known))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A streamed body is the held one, byte for byte; once its file is
    /// edited behind the build's back it is an error naming the file.
    #[test]
    fn a_body_is_rendered_again_from_its_file_and_an_edit_since_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let ed = dir.path().join("ed");
        crate::site::init::init(&ed, &crate::site::init::InitOptions::default()).unwrap();
        let articles = crate::layout::Layout::new(&ed).articles();
        std::fs::create_dir_all(&articles).unwrap();
        for (slug, body) in [
            ("a", "两个确立，**三清**[^1]。\n\n[^1]: 注。"),
            ("b", "另一篇。"),
        ] {
            let text = format!("---\ntitle: {slug}\n---\n\n{body}\n");
            std::fs::write(articles.join(format!("{slug}.md")), text).unwrap();
        }
        let site = crate::content::load(&ed).unwrap();
        assert!(!site.articles.is_empty());
        let urls = crate::url::Urls::new(site.config.base_url.clone());
        let highlighter = crate::render::Highlighter::new();
        let markdown = Markdown::new(&urls, &highlighter);
        let analyzer = Analyzer::new(&site.terms, &urls);
        let held = analyzer.analyze(&site, &markdown);
        let (analysis, sums) = analyzer.analyze_streaming(&site, &markdown).unwrap();
        assert!(analysis.bodies.iter().all(|b| b.html.is_empty()));
        let streamed = Bodies::Streamed(Streamed {
            analyzer: &analyzer,
            markdown: &markdown,
            articles: &site.articles,
            sums: &sums,
            occurrences: &analysis.occurrences,
        });
        for i in 0..site.articles.len() {
            let body = streamed.get(i).unwrap();
            assert_eq!(body.html, held.bodies[i].html);
            assert_eq!(&body.terms[..], &held.bodies[i].terms[..]);
        }
        let path = site.articles[0].path.clone();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}\n又一段。\n")).unwrap();
        let err = streamed.get(0).err().expect("an edited file").to_string();
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(
            err.contains("changed while the site was being built"),
            "{err}"
        );
    }
}
