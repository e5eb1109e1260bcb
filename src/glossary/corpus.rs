//! The input of the corpus-wide passes: each article's plain paragraph
//! text, already stripped of Markdown, links and code by the renderer.
//!
//! The glossary does not parse Markdown bodies itself, so that paragraph
//! numbering (`#p1`, `#p2`…) has one owner, the renderer, and occurrences
//! point at exactly the anchors it writes. [`ArticleText::from_plain`]
//! exists for tools and tests that start from plain text.

use crate::ids::{ParagraphId, Slug};

/// One paragraph of an article, as plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParagraphText {
    /// The paragraph's anchor.
    pub id: ParagraphId,
    /// Its text without markup.
    pub text: String,
}

/// One article's paragraphs, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleText {
    /// The article.
    pub slug: Slug,
    /// Its paragraphs.
    pub paragraphs: Vec<ParagraphText>,
}

impl ArticleText {
    /// Splits plain text into paragraphs at blank lines, numbered `p1`,
    /// `p2`… Lines inside a paragraph are joined without a separator, as
    /// Chinese text wraps without spaces.
    pub fn from_plain(slug: Slug, text: &str) -> ArticleText {
        let mut paragraphs = Vec::new();
        let mut current = String::new();
        for line in text.lines().map(str::trim).chain([""]) {
            if !line.is_empty() {
                current.push_str(line);
            } else if !current.is_empty() {
                let id = ParagraphId(paragraphs.len() as u32 + 1);
                paragraphs.push(ParagraphText {
                    id,
                    text: std::mem::take(&mut current),
                });
            }
        }
        ArticleText { slug, paragraphs }
    }
}

/// Where a piece of corpus text is: article and paragraph indices into
/// the `&[ArticleText]` a pass was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Place {
    /// Index of the article.
    pub article: u32,
    /// Index of the paragraph within the article.
    pub paragraph: u32,
}

impl Place {
    /// Paragraph `paragraph` of article `article`. Held as `u32`s: every
    /// occurrence and definition has a place.
    pub fn new(article: usize, paragraph: usize) -> Place {
        Place {
            article: article as u32,
            paragraph: paragraph as u32,
        }
    }

    /// Index of the article.
    pub fn article(self) -> usize {
        self.article as usize
    }

    /// Index of the paragraph within the article.
    pub fn paragraph(self) -> usize {
        self.paragraph as usize
    }

    /// The article's slug.
    pub fn slug(self, corpus: &[ArticleText]) -> &Slug {
        &corpus[self.article()].slug
    }

    /// The paragraph's anchor.
    pub fn anchor(self, corpus: &[ArticleText]) -> ParagraphId {
        self.para(corpus).id
    }

    /// The paragraph's text.
    pub fn text(self, corpus: &[ArticleText]) -> &str {
        &self.para(corpus).text
    }

    fn para(self, corpus: &[ArticleText]) -> &ParagraphText {
        &corpus[self.article()].paragraphs[self.paragraph()]
    }
}

/// Every paragraph of the corpus with its place, in order.
pub(crate) fn paragraphs(corpus: &[ArticleText]) -> impl Iterator<Item = (Place, &ParagraphText)> {
    corpus.iter().enumerate().flat_map(|(article, a)| {
        a.paragraphs
            .iter()
            .enumerate()
            .map(move |(paragraph, p)| (Place::new(article, paragraph), p))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_splits_at_blank_lines() {
        let a = ArticleText::from_plain(Slug::new("a").unwrap(), "第一段\n续行\n\n\n  第二段  \n");
        let texts: Vec<_> = a
            .paragraphs
            .iter()
            .map(|p| (p.id.anchor(), p.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                ("p1".to_string(), "第一段续行"),
                ("p2".to_string(), "第二段")
            ]
        );
    }
}
