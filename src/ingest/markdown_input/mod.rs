//! Markdown sources, with or without YAML front-matter.
//!
//! Crawlers save articles as Markdown: front-matter with title, date,
//! section, author, source URL; then `# title`, `## series line`,
//! `> byline`, `**bold subheads**`. Such a file already *is* an article,
//! so it is read as one:
//!
//! - **Front-matter naming a title → one article.** Its keys that mean
//!   what ours mean fill the front-matter (`title`, `date`,
//!   `author`/`authors`, `section`/`column`, `page`, `url`/`source_url`/
//!   `original_url`/`link`, `keywords`/`tags`; see [`FrontMatter`]); the
//!   rest are listed in the report as not used. The body stays Markdown,
//!   headings, quotes, emphasis and lists as written (nothing is escaped;
//!   the renderer still refuses raw HTML and unsafe link schemes). A first
//!   `# heading` equal to the title is moved into `title`; other level-1
//!   headings become `##`, because the page's own `<h1>` is the title.
//! - **Otherwise → the text pipeline.** The file may hold several articles
//!   (several `#` headings with bylines), so it is split like a page dump,
//!   after Markdown markup that would otherwise be escaped is read: `> `
//!   quote marks, `**…**` wrapping a whole line (a subhead) and `* `/`+ `
//!   bullets. Front-matter lines become blank lines, so every line keeps
//!   its number.
//!
//! Unclosed front-matter and YAML that is not a mapping are errors naming
//! the line.

mod article;
mod front_matter;
mod items;
mod markup;

pub use article::Plan;
pub use front_matter::{normal_date, FrontMatter};

use crate::error::Result;
use crate::schema::frontmatter;
use article::{blank_head, one_article};
use front_matter::{opens_with_fence, parse_front_matter};
use items::{edition_page, item_level, items_page};
use markup::lines_for_pipeline;
use std::path::Path;

/// Reads a Markdown source's text; `path` is for errors.
pub fn plan(text: &str, path: &Path) -> Result<Plan> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.trim_start_matches(['\r', '\n']).starts_with("---") || !opens_with_fence(text) {
        let (text, dropped) = edition_page(&lines_for_pipeline(text, 0));
        return Ok(Plan::Lines {
            fm: None,
            text,
            dropped,
        });
    }
    let split = frontmatter::split(text, path)?;
    let fm = parse_front_matter(split.yaml, split.yaml_line, path)?;
    let body_line = split.body_line; // 0-based line where the body starts
    let day_page = fm
        .title
        .as_deref()
        .is_some_and(|t| crate::ingest::printed::day_title(t).is_some())
        && item_level(split.body).is_some();
    if fm.title.is_some() && !day_page {
        let mut one = one_article(fm, split.body, body_line);
        if let Plan::One { text: t, .. } = &mut one {
            *t = blank_head(text, body_line);
        }
        return Ok(one);
    }
    let lines = lines_for_pipeline(text, body_line);
    let (text, dropped) = if day_page {
        items_page(&lines, item_level(&lines).unwrap_or(2))
    } else {
        edition_page(&lines)
    };
    Ok(Plan::Lines {
        fm: Some(fm),
        text,
        dropped,
    })
}
