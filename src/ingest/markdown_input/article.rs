//! A Markdown file that is one article: the [`Plan`] a Markdown source
//! gets, and the article's body as written, a first `# heading` equal to
//! the title moved into `title`, other level-1 headings made `##`.

use super::front_matter::FrontMatter;

/// How a Markdown source is ingested.
#[derive(Debug, Clone)]
pub enum Plan {
    /// One article: its front-matter, its Markdown body, the body's first
    /// line (1-based), and the title line moved out, if any.
    One {
        /// The front-matter.
        fm: FrontMatter,
        /// The body as written to the article.
        body: String,
        /// File lines of the body with text (1-based).
        lines: Vec<usize>,
        /// The `# title` line moved into `title`, if any: (line, text).
        title_line: Option<(usize, String)>,
        /// The file's text with the front-matter lines blanked: what the
        /// accounting checks the article against.
        text: String,
    },
    /// Lines for the text pipeline, as many as the file has.
    Lines {
        /// The front-matter, if any.
        fm: Option<FrontMatter>,
        /// The text, front-matter blanked and Markdown markup read.
        text: String,
        /// What was taken out of it: (line, what, text).
        dropped: Vec<(usize, String, String)>,
    },
}

/// The article a file with a titled front-matter is: its body as written,
/// the first `# heading` equal to the title moved out (`text` left empty).
pub(super) fn one_article(fm: FrontMatter, body: &str, body_line: usize) -> Plan {
    let title = fm.title.clone().unwrap_or_default();
    let mut out: Vec<String> = Vec::new();
    let mut lines = Vec::new();
    let mut title_line = None;
    let mut seen_text = false;
    let mut fence: Option<String> = None;
    for (i, raw) in body.lines().enumerate() {
        let no = body_line + i + 1;
        let line = raw.trim_end();
        if let Some(f) = &fence {
            if line.trim_start().starts_with(f.as_str()) {
                fence = None;
            }
        } else if let Some(f) = fence_open(line) {
            fence = Some(f);
        } else if let Some(h) = line.strip_prefix("# ") {
            if !seen_text && title_line.is_none() && same_title(h, &title) {
                title_line = Some((no, h.trim().to_string()));
                continue;
            }
            out.push(format!("## {}", h.trim()));
            lines.push(no);
            seen_text = true;
            continue;
        }
        if !line.trim().is_empty() {
            lines.push(no);
            seen_text = true;
        }
        out.push(line.to_string());
    }
    let joined = out.join("\n");
    let trimmed = joined.trim_matches('\n');
    let body = if trimmed.trim().is_empty() {
        "\n".to_string()
    } else {
        format!("\n{trimmed}\n")
    };
    Plan::One {
        fm,
        body,
        lines,
        title_line,
        text: String::new(),
    }
}

/// `text` with its first `body_line` lines blank.
pub(super) fn blank_head(text: &str, body_line: usize) -> String {
    text.split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| {
            if i < body_line {
                &l[l.trim_end_matches(['\r', '\n']).len()..]
            } else {
                l
            }
        })
        .collect()
}

fn fence_open(line: &str) -> Option<String> {
    let t = line.trim_start();
    ["```", "~~~"]
        .iter()
        .find(|f| t.starts_with(*f))
        .map(|f| f.to_string())
}

fn same_title(heading: &str, title: &str) -> bool {
    let strip = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '*')
            .collect::<String>()
    };
    strip(heading) == strip(title)
}

#[cfg(test)]
mod tests {
    use crate::ingest::markdown_input::plan;
    use crate::ingest::markdown_input::Plan;
    use std::path::Path;

    const CRAWLED: &str = "---\ntitle: 标题一\ndate: 2019-10-22 08:00:00\nauthor: [张三, 李四]\nsection: 要闻\nsource_url: http://paper.people.com.cn/a.htm\nlayout: post\n---\n\n# 标题一\n\n## 系列报道之二\n\n> 本报记者 张三 李四\n\n**小标题**\n\n正文*强调*一段。\n";

    #[test]
    fn crawled_article_is_one_article_with_its_markdown() {
        let Plan::One {
            fm,
            body,
            lines,
            title_line,
            text,
        } = plan(CRAWLED, Path::new("a.md")).unwrap()
        else {
            panic!("not one article")
        };
        assert_eq!(fm.title.as_deref(), Some("标题一"));
        assert_eq!(fm.date.as_deref(), Some("2019-10-22"));
        assert_eq!(fm.authors, ["张三", "李四"]);
        assert_eq!(fm.column.as_deref(), Some("要闻"));
        assert_eq!(fm.url.as_deref(), Some("http://paper.people.com.cn/a.htm"));
        assert_eq!(fm.unused, ["layout"]);
        assert_eq!(title_line, Some((10, "标题一".to_string())));
        assert_eq!(
            body,
            "\n## 系列报道之二\n\n> 本报记者 张三 李四\n\n**小标题**\n\n正文*强调*一段。\n"
        );
        assert_eq!(lines, [12, 14, 16, 18]);
        assert!(text.starts_with("\n\n\n\n\n\n\n\n\n# 标题一\n"), "{text:?}");
    }
}
