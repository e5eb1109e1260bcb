//! A raw source's page, `sources/<name>/`: the page dump line by line,
//! each line linked to the article cut from it. Reads the source and the
//! articles (which lines each came from).

use super::frame::Frame;
use crate::content::{Article, Source, SourceRef};
use crate::error::Result;
use crate::render::context::{ArticleSummary, PrintedView, SourceLine, SourcePage, SourceRange};

/// The page of `source`, with `articles`, those cut from it (in article
/// order).
pub fn render<'a>(
    f: &Frame,
    source: &Source,
    articles: impl Iterator<Item = &'a Article>,
) -> Result<String> {
    let cut: Vec<(&Article, &SourceRef)> = articles
        .filter_map(|a| Some((a, a.meta.source.as_ref().filter(|s| s.file == source.file)?)))
        .collect();
    let mut ranges: Vec<(SourceRange, bool)> = (cut.iter())
        .map(|&(a, s)| {
            let range = SourceRange {
                article: ArticleSummary::new(a, f.urls),
                first_line: s.first_line,
                last_line: s.last_line,
            };
            (range, a.meta.host.is_some())
        })
        .collect();
    ranges.sort_by_key(|(r, _)| r.first_line);
    let printed = cut.iter().find_map(|(_, s)| PrintedView::of(s));
    // A fragment hosted as a box is shown in its host, not listed apart.
    let fragments: Vec<SourceRange> = (ranges.iter())
        .filter(|(r, hosted)| r.article.kind.as_deref() == Some("fragment") && !hosted)
        .map(|(r, _)| r.clone())
        .collect();
    let ranges: Vec<SourceRange> = ranges.into_iter().map(|(r, _)| r).collect();
    let lines = source
        .lines()
        .enumerate()
        .map(|(i, text)| {
            let n = i + 1;
            let article = ranges
                .iter()
                .position(|r| (r.first_line..=r.last_line).contains(&n));
            SourceLine {
                n,
                text: text.to_string(),
                article,
                range_start: article.is_some_and(|r| ranges[r].first_line == n),
            }
        })
        .collect();
    let url = f.urls.source(&source.name);
    let title = match printed.as_ref().filter(|p| p.publication.is_some()) {
        Some(p) => format!("原文：{}", p.line),
        None => format!("原文 {}", source.file),
    };
    let ctx = SourcePage {
        site: &f.view,
        page: f.meta(&title, String::new(), &url, "source"),
        file: source.file.clone(),
        sha256: source.sha256.clone(),
        printed,
        lines,
        articles: ranges,
        fragments,
    };
    f.render("source.html", &ctx)
}
