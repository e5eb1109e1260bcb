//! A raw source's page, `sources/<name>/`: the page dump line by line,
//! each line linked to the article cut from it. Reads the source and the
//! articles (which lines each came from).

use super::frame::Frame;
use crate::content::{Article, Source};
use crate::error::Result;
use crate::render::context::{ArticleSummary, Printed, SourceLine, SourcePage, SourceRange};

/// The page of `source`, among `articles`.
pub fn render(f: &Frame, source: &Source, articles: &[Article]) -> Result<String> {
    let mut ranges: Vec<SourceRange> = articles
        .iter()
        .filter_map(|a| {
            let s = a.meta.source.as_ref().filter(|s| s.file == source.file)?;
            Some(SourceRange {
                article: ArticleSummary::new(a, f.urls),
                first_line: s.first_line,
                last_line: s.last_line,
            })
        })
        .collect();
    ranges.sort_by_key(|r| r.first_line);
    let printed = articles
        .iter()
        .filter_map(|a| a.meta.source.as_ref().filter(|s| s.file == source.file))
        .find_map(Printed::of);
    let fragments: Vec<SourceRange> = ranges
        .iter()
        .filter(|r| r.article.kind.as_deref() == Some("fragment"))
        .filter(|r| {
            let slug = r.article.slug.as_str();
            !articles
                .iter()
                .any(|a| a.slug.as_str() == slug && a.meta.host.is_some())
        })
        .cloned()
        .collect();
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
