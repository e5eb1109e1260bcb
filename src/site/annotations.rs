//! Standing annotations against the analysed edition: which ones lost
//! their passage (an error of `build` and `check`, a warning of `serve`)
//! and where the others go on their article's page.

use super::analysis::Analysis;
use crate::content::annotation::{find, lost};
use crate::content::Site;
use crate::error::Error;
use crate::render::annotate::PlacedNote;
use crate::render::{Anchors, Markdown};

/// The annotations whose quoted passage stands nowhere in their article,
/// as errors naming the file, line and the quote.
pub fn lost_passages(site: &Site, analysis: &Analysis) -> Vec<Error> {
    let index = site.article_index();
    let mut errors = Vec::new();
    for file in &site.annotations {
        let Some(&i) = index.get(&file.article) else {
            continue;
        };
        let Some(text) = analysis.corpus.get(i) else {
            continue;
        };
        let paragraphs: Vec<&str> = text.paragraphs.iter().map(|p| p.text.as_str()).collect();
        for item in &file.items {
            if find(item, &paragraphs).is_none() {
                errors.push(lost(item, &file.article));
            }
        }
    }
    errors
}

/// Article `i`'s annotations that still find their passage, placed and
/// rendered, in file order.
pub fn placed(
    site: &Site,
    analysis: &Analysis,
    i: usize,
    markdown: &Markdown<'_>,
) -> Vec<PlacedNote> {
    let article = &site.articles[i];
    let items = site.annotations_of(&article.slug);
    if items.is_empty() {
        return Vec::new();
    }
    let paragraphs: Vec<&str> = analysis.corpus[i]
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    items
        .iter()
        .filter_map(|item| {
            let block = find(item, &paragraphs)?;
            Some(PlacedNote {
                block,
                quote: item.quote.clone(),
                by: item.by.clone().unwrap_or_else(|| "编者".to_string()),
                note_html: markdown.render(&item.note, Anchors::None).html,
            })
        })
        .collect()
}

/// [`lost_passages`] for a loaded edition, analysing it first (for
/// `jiedu check`, which reads the built site but not the analysis).
pub fn check(site: &Site) -> Vec<Error> {
    if site.annotations.is_empty() {
        return Vec::new();
    }
    let urls = crate::url::Urls::new(site.config.base_url.clone());
    let highlighter = crate::render::Highlighter::new();
    let markdown = Markdown::new(&urls, &highlighter);
    let analysis = super::analysis::analyze(site, &urls, &markdown);
    lost_passages(site, &analysis)
}
