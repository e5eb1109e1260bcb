//! The edition as the search index's leads read it: every paragraph in
//! global order, where each article's paragraphs start, and the titles.

use super::tokens::normalize_char;
use std::collections::HashSet;

/// The edition as the leads need it: every paragraph in global order, where
/// each article's paragraphs start, and the titles, normalised and joined.
pub(super) struct Edition<'a> {
    pub(super) paragraphs: Vec<(u32, &'a str)>,
    pub(super) firsts: Vec<u32>,
    /// Normalised titles, NUL between them (no form holds one).
    pub(super) titles: String,
    /// Byte offset of each title in `titles`.
    pub(super) title_at: Vec<usize>,
}

impl<'a> Edition<'a> {
    /// `titles` are the articles' titles in the analysis's order.
    pub(super) fn new<'t>(
        corpus: &'a [std::borrow::Cow<'a, crate::glossary::ArticleText>],
        titles: impl Iterator<Item = &'t str>,
    ) -> Self {
        let articles = corpus.iter().map(|a| {
            a.paragraphs
                .iter()
                .map(|p| (p.id.0, p.text.as_str()))
                .collect()
        });
        Edition::of(articles, titles)
    }

    /// From each article's `(anchor, text)` paragraphs and its title.
    pub(super) fn of<'t>(
        articles: impl Iterator<Item = Vec<(u32, &'a str)>>,
        titles: impl Iterator<Item = &'t str>,
    ) -> Self {
        let mut firsts = Vec::new();
        let mut paragraphs = Vec::new();
        for a in articles {
            firsts.push(paragraphs.len() as u32);
            paragraphs.extend(a);
        }
        let mut joined = String::new();
        let mut title_at = Vec::with_capacity(firsts.len());
        for t in titles {
            if !title_at.is_empty() {
                joined.push('\0');
            }
            title_at.push(joined.len());
            joined.extend(t.chars().map(normalize_char));
        }
        Edition {
            paragraphs,
            firsts,
            titles: joined,
            title_at,
        }
    }

    /// The text of global paragraph `g`.
    pub(super) fn text(&self, g: u32) -> &'a str {
        self.paragraphs[g as usize].1
    }

    pub(super) fn article_of(&self, g: u32) -> usize {
        self.firsts.partition_point(|&f| f <= g) - 1
    }

    /// The articles whose title holds `form`.
    pub(super) fn titled(&self, form: &str) -> HashSet<usize> {
        self.titles
            .match_indices(form)
            .map(|(at, _)| self.title_at.partition_point(|&s| s <= at) - 1)
            .collect()
    }
}
