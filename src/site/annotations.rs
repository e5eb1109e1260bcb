//! The editor's apparatus against the analysed edition: malformed
//! emendations and standing annotations that lost their passage (errors of
//! `build` and `check`, warnings of `serve`, which shows the page without
//! them), and where the annotations go on their article's page.

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

/// Every malformed emendation (the first of each article) and every
/// annotation whose passage is gone, as errors naming file, line, column.
pub fn problems(site: &Site, analysis: &Analysis) -> Vec<Error> {
    let mut errors: Vec<Error> = site
        .articles
        .iter()
        .zip(&analysis.bodies)
        .filter_map(|(a, body)| {
            let p = body.problem.as_ref()?;
            let at = crate::error::Location::at(&a.path, a.body_line + p.line, p.col);
            Some(Error::invalid(at, p.message.clone()).with_hint(
                "emendations are written {~~printed~>corrected~~}{>>note<<}, {++added++}, \
                 {--removed--} or {==doubtful==}{>>note<<} (README: Emendations)",
            ))
        })
        .collect();
    errors.extend(lost_passages(site, analysis));
    errors
}

/// [`problems`] for a loaded edition, analysing it first (for
/// `jiedu check`, which reads the built site but not the analysis).
pub fn check(site: &Site) -> Vec<Error> {
    let urls = crate::url::Urls::new(site.config.base_url.clone());
    let highlighter = crate::render::Highlighter::new();
    let markdown = Markdown::new(&urls, &highlighter);
    let analysis = super::analysis::analyze(site, &urls, &markdown);
    problems(site, &analysis)
}
