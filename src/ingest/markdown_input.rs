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

use crate::error::{Error, Location, Result};
use crate::schema::frontmatter;
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;
use yaml_serde::Value;

/// Front-matter values mapped onto ours, and what was left unused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// `title`.
    pub title: Option<String>,
    /// `date` (or `published`, `pubdate`), as `YYYY-MM-DD` when readable.
    pub date: Option<String>,
    /// `date` as written, when it could not be read.
    pub bad_date: Option<String>,
    /// `author` / `authors` (a list or a string of names).
    pub authors: Vec<String>,
    /// `section` / `column` / `category`.
    pub column: Option<String>,
    /// `page` / `version` (版次).
    pub page: Option<String>,
    /// `url` / `source_url` / `original_url` / `link`.
    pub url: Option<String>,
    /// `publication` / `source` / `newspaper`.
    pub publication: Option<String>,
    /// `keywords` / `tags`.
    pub keywords: Vec<String>,
    /// Keys used, with the field they filled: `(key, field)`.
    pub used: Vec<(String, String)>,
    /// Keys not used.
    pub unused: Vec<String>,
}

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
    if fm.title.is_some() {
        let mut one = one_article(fm, split.body, body_line);
        if let Plan::One { text: t, .. } = &mut one {
            *t = blank_head(text, body_line);
        }
        return Ok(one);
    }
    let (text, dropped) = edition_page(&lines_for_pipeline(text, body_line));
    Ok(Plan::Lines {
        fm: Some(fm),
        text,
        dropped,
    })
}

/// A page of several items under one heading (`# 新闻联播 2007-01-01`,
/// then `## 1. …`, `## 2. …`): the heading and what precedes the first
/// item are the page's, not an article's, and are taken out (and
/// reported); each `##` item becomes an article's `#` headline, its list
/// number taken out and reported too. Any other text is returned as is.
fn edition_page(text: &str) -> (String, Vec<(usize, String, String)>) {
    static ORDINAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{1,3}[.、．]\s*)").expect("valid regex"));
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is = |l: &str, p: &str| l.trim_end().starts_with(p);
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let h1s = lines.iter().filter(|l| is(l, "# ")).count();
    let h2s = lines.iter().filter(|l| is(l, "## ")).count();
    let edition = first.is_some_and(|i| is(lines[i], "# ")) && h1s == 1 && h2s >= 2;
    if !edition {
        return (text.to_string(), Vec::new());
    }
    let first_item = lines.iter().position(|l| is(l, "## ")).unwrap_or(0);
    let mut out = String::with_capacity(text.len());
    let mut dropped = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let body = l.trim_end_matches(['\r', '\n']);
        let ending = &l[body.len()..];
        if i < first_item {
            if !body.trim().is_empty() {
                dropped.push((i + 1, "page heading".to_string(), body.trim().to_string()));
            }
            out.push_str(ending);
        } else if let Some(item) = body.strip_prefix("## ") {
            let number = ORDINAL.find(item).map_or("", |m| m.as_str());
            if !number.is_empty() {
                dropped.push((i + 1, "item number".to_string(), number.trim().to_string()));
            }
            out.push_str("# ");
            out.push_str(&item[number.len()..]);
            out.push_str(ending);
        } else {
            out.push_str(l);
        }
    }
    (out, dropped)
}

fn opens_with_fence(text: &str) -> bool {
    text.lines().next().is_some_and(|l| l.trim_end() == "---")
}

/// Parses the YAML between the fences into [`FrontMatter`].
fn parse_front_matter(yaml: &str, yaml_line: usize, path: &Path) -> Result<FrontMatter> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    let value: Value = yaml_serde::from_str(yaml)
        .map_err(|e| frontmatter::yaml_error(path, yaml, yaml_line, &e))?;
    let Value::Mapping(map) = value else {
        return Err(Error::invalid(
            Location::at(path, yaml_line + 1, 1),
            "front-matter is not a mapping of keys to values",
        )
        .with_hint("write `title: …`, `date: …` on their own lines"));
    };
    let mut fm = FrontMatter::default();
    for (k, v) in &map {
        let key = scalar(k).unwrap_or_default();
        let field = take(&mut fm, &key.to_ascii_lowercase(), v);
        match field {
            Some(f) => fm.used.push((key, f.to_string())),
            None => fm.unused.push(key),
        }
    }
    Ok(fm)
}

/// Fills the field `key` means, returning its name, or `None`.
fn take(fm: &mut FrontMatter, key: &str, v: &Value) -> Option<&'static str> {
    let text = scalar(v).filter(|s| !s.trim().is_empty());
    match key {
        "title" => set(&mut fm.title, text, "title"),
        "date" | "published" | "pubdate" | "publish_date" | "publishdate" => {
            let raw = text?;
            match normal_date(&raw) {
                Some(d) => fm.date = Some(d),
                None => fm.bad_date = Some(raw),
            }
            Some("date")
        }
        "author" | "authors" | "byline" => {
            fm.authors = list(v)
                .into_iter()
                .flat_map(|s| {
                    s.split(['、', '，', ',', ' ', '　'])
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .filter(|s| !s.is_empty())
                .collect();
            (!fm.authors.is_empty()).then_some("authors")
        }
        "section" | "column" | "category" | "categories" => {
            let first = list(v).into_iter().next();
            set(&mut fm.column, first, "column")
        }
        "page" | "version" | "banci" | "edition" => set(&mut fm.page, text, "source.page"),
        "url" | "source_url" | "original_url" | "link" | "permalink" | "canonical_url" => set(
            &mut fm.url,
            text.filter(|u| u.starts_with("http")),
            "source.url",
        ),
        "publication" | "source" | "newspaper" | "paper" => {
            set(&mut fm.publication, text, "source.publication")
        }
        "keywords" | "tags" => {
            fm.keywords = list(v);
            (!fm.keywords.is_empty()).then_some("keywords (reported)")
        }
        _ => None,
    }
}

fn set(slot: &mut Option<String>, v: Option<String>, name: &'static str) -> Option<&'static str> {
    let v = v?;
    *slot = Some(v.trim().to_string());
    Some(name)
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn list(v: &Value) -> Vec<String> {
    match v {
        Value::Sequence(items) => items.iter().filter_map(scalar).collect(),
        other => scalar(other)
            .map(|s| {
                s.split([',', '，', '、'])
                    .map(|x| x.trim().to_string())
                    .filter(|x| !x.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// `2019-10-22`, `2019/10/22 08:00`, `2019年10月22日` → `2019-10-22`.
pub fn normal_date(s: &str) -> Option<String> {
    static D: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})").expect("valid regex")
    });
    static YM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(\d{4})(?:\s*[-/.年]\s*(\d{1,2})\s*月?)?\s*$").expect("valid regex")
    });
    let iso = if let Some(c) = D.captures(s) {
        format!("{}-{:0>2}-{:0>2}", &c[1], &c[2], &c[3])
    } else {
        let c = YM.captures(s)?;
        match c.get(2) {
            Some(m) => format!("{}-{:0>2}", &c[1], m.as_str()),
            None => c[1].to_string(),
        }
    };
    crate::schema::PartialDate::parse(&iso)
        .ok()
        .map(|d| d.to_string())
}

fn one_article(fm: FrontMatter, body: &str, body_line: usize) -> Plan {
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
fn blank_head(text: &str, body_line: usize) -> String {
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

/// The file's lines for the text pipeline: lines before `body_line`
/// (front-matter) blank; quote marks, whole-line bold and `*`/`+` bullets
/// read; everything else as written.
fn lines_for_pipeline(text: &str, body_line: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let ending = &raw[raw.trim_end_matches(['\r', '\n']).len()..];
        if i < body_line {
            out.push_str(ending);
            continue;
        }
        out.push_str(&read_line(raw.trim_end_matches(['\r', '\n'])));
        out.push_str(ending);
    }
    out
}

fn read_line(line: &str) -> String {
    let mut t = line.trim_start();
    while let Some(rest) = t.strip_prefix('>') {
        t = rest.trim_start();
    }
    let t = if let Some(rest) = t.strip_prefix("* ").or_else(|| t.strip_prefix("+ ")) {
        format!("- {rest}")
    } else {
        t.to_string()
    };
    let inner = t.trim();
    let bold = inner.len() > 4
        && ((inner.starts_with("**") && inner.ends_with("**"))
            || (inner.starts_with("__") && inner.ends_with("__")));
    if bold && !inner[2..inner.len() - 2].contains("**") {
        return inner[2..inner.len() - 2].trim().to_string();
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn without_title_the_pipeline_reads_it() {
        let Plan::Lines { text, fm, .. } =
            plan("# 甲\n\n> 本报记者 张三\n\n**小标题**\n", Path::new("a.md")).unwrap()
        else {
            panic!()
        };
        assert!(fm.is_none());
        assert_eq!(text, "# 甲\n\n本报记者 张三\n\n小标题\n");
        let Plan::Lines { text, .. } =
            plan("---\ndate: 2020-01-02\n---\n# 甲\n", Path::new("a.md")).unwrap()
        else {
            panic!()
        };
        assert_eq!(text, "\n\n\n# 甲\n");
    }

    #[test]
    fn an_edition_page_is_split_into_its_items() {
        let page =
            "# 新闻联播 2007-01-01\n\n- 新闻条数：2\n\n## 1. 甲\n\n正文。\n\n## 2. 乙\n\n正文。\n";
        let Plan::Lines { text, dropped, .. } = plan(page, Path::new("e.md")).unwrap() else {
            panic!()
        };
        assert_eq!(text, "\n\n\n\n# 甲\n\n正文。\n\n# 乙\n\n正文。\n");
        assert_eq!(dropped.len(), 4, "{dropped:?}");
        assert_eq!(dropped[2], (5, "item number".to_string(), "1.".to_string()));
    }

    #[test]
    fn bad_front_matter_names_the_line() {
        let e = plan("---\ntitle: x\n正文\n", Path::new("u.md")).unwrap_err();
        assert!(e.to_string().contains("never closed"), "{e}");
        let e = plan("---\ntitle: [x\n---\n", Path::new("b.md")).unwrap_err();
        assert!(e.to_string().starts_with("b.md:"), "{e}");
        let e = plan("---\n- a\n- b\n---\n", Path::new("l.md")).unwrap_err();
        assert!(e.to_string().contains("not a mapping"), "{e}");
    }

    #[test]
    fn dates_in_the_forms_crawlers_write() {
        assert_eq!(normal_date("2019年1月31日").as_deref(), Some("2019-01-31"));
        assert_eq!(
            normal_date("2010/09/10 09:14").as_deref(),
            Some("2010-09-10")
        );
        assert_eq!(normal_date("2019-10").as_deref(), Some("2019-10"));
        assert_eq!(normal_date("2019-02-30"), None);
        assert_eq!(normal_date("yesterday"), None);
    }
}
