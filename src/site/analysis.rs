//! The corpus-wide pass between loading and page rendering.
//!
//! Article pages need to know their related articles and term pages need
//! every occurrence in every article, so article bodies are rendered first
//! (which numbers paragraphs and links terms), and the glossary passes run
//! over the paragraphs' plain text. Paragraph numbering has one owner, the
//! Markdown renderer, so every occurrence points at an anchor that exists.

use crate::content::Site;
use crate::glossary::{self, ArticleText, Definition, Matcher, Occurrences, ParagraphText};
use crate::ids::TermId;
use crate::render::markdown::TermLinks;
use crate::render::{Anchors, Markdown, Rendered};
use crate::url::Urls;
use rayon::prelude::*;

/// Everything the pages need beyond the [`Site`] itself.
pub struct Analysis {
    /// Rendered article bodies, by article index. Their blocks' text has
    /// been moved into [`Analysis::corpus`] (kept once, not twice: it is a
    /// whole copy of the edition's text); the blocks keep their anchors.
    pub bodies: Vec<Rendered>,
    /// Each article's paragraphs as plain text, by article index.
    pub corpus: Vec<ArticleText>,
    /// Every glossary occurrence.
    pub occurrences: Occurrences,
    /// In-text definitions the corpus gives itself.
    pub definitions: Vec<Definition>,
}

/// Renders every article body and runs the glossary over the result.
pub fn analyze(site: &Site, urls: &Urls, markdown: &Markdown<'_>) -> Analysis {
    let matcher = Matcher::new(&site.terms);
    let ids: Vec<TermId> = site.terms.iter().map(|t| t.id.clone()).collect();
    let term_urls: Vec<String> = ids.iter().map(|id| urls.term(id)).collect();
    let mut bodies: Vec<Rendered> = site
        .articles
        .par_iter()
        .map(|a| {
            let links = TermLinks {
                matcher: &matcher,
                article: &a.slug,
                ids: &ids,
                urls: &term_urls,
            };
            markdown.render_linked(&a.body, Anchors::Paragraphs, Some(&links))
        })
        .collect();
    let corpus: Vec<ArticleText> = site
        .articles
        .iter()
        .zip(&mut bodies)
        .map(|(a, r)| ArticleText {
            slug: a.slug.clone(),
            paragraphs: r
                .blocks
                .iter_mut()
                .map(|b| ParagraphText {
                    id: b.id,
                    text: std::mem::take(&mut b.text),
                })
                .collect(),
        })
        .collect();
    let occurrences = Occurrences::compute(&matcher, &corpus);
    let definitions = glossary::find_definitions(&corpus);
    Analysis {
        bodies,
        corpus,
        occurrences,
        definitions,
    }
}
