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

/// A page of several items under one heading (`# 新闻联播 2007-01-01`,
/// then `## 1. …`, `## 2. …`): the heading and what precedes the first
/// item are the page's, not an article's, and are taken out (and
/// reported); each `##` item becomes an article's `#` headline, its list
/// number taken out and reported too. Any other text is returned as is.
fn edition_page(text: &str) -> (String, Vec<(usize, String, String)>) {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let count = |level: usize| lines.iter().filter(|l| heading(l) == Some(level)).count();
    let edition =
        first.is_some_and(|i| heading(lines[i]) == Some(1)) && count(1) == 1 && count(2) >= 2;
    if !edition {
        return (text.to_string(), Vec::new());
    }
    items_page(text, 2)
}

/// The level of a Markdown heading line (`#` to `###`), if it is one.
fn heading(line: &str) -> Option<usize> {
    let t = line.trim_end();
    (1..=3).find(|&n| t.starts_with(&format!("{} ", "#".repeat(n))))
}

/// The heading level of a body's items: the shallowest level (`#` to
/// `###`) at which at least two headings stand, each followed by text.
/// A day's page titled in its front-matter (`新闻联播完整文字稿 · 2026年6月18日`)
/// lists its items so.
fn item_level(body: &str) -> Option<usize> {
    let lines: Vec<&str> = body.lines().collect();
    (1..=3).find(|&level| {
        let heads: Vec<usize> = (0..lines.len())
            .filter(|&i| heading(lines[i]) == Some(level))
            .collect();
        heads.len() >= 2
            && heads
                .iter()
                .filter(|&&h| {
                    lines[h + 1..]
                        .iter()
                        .take_while(|l| heading(l).is_none_or(|n| n > level))
                        .any(|l| is_text(l))
                })
                .count()
                >= 2
    })
}

/// A line that is nothing but a Markdown link, `[text](url)`.
fn is_lone_link(line: &str) -> bool {
    static LINK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\[[^\]]*\]\([^)]*\)$").expect("valid regex"));
    LINK.is_match(line.trim())
}

/// A line of running text: not blank, not a heading, not a rule, not a
/// lone link, not raw markup.
fn is_text(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && heading(t).is_none() && !is_rule(t) && !is_lone_link(t) && !t.starts_with('<')
}

/// A thematic break: `---`, `***`, `___` (three or more).
fn is_rule(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3
        && ["-", "*", "_"]
            .iter()
            .any(|c| t.chars().all(|x| x.to_string() == *c))
}

/// Splits a page into its items at headings of `level`: what precedes
/// the first item with text is the page's (its heading, a lead, a link to
/// the whole programme) and is taken out and reported; each item heading
/// becomes an article's `#` headline, its list number or media tag
/// (`1.`, `[视频]`) taken out and reported; rules between items go too.
fn items_page(text: &str, level: usize) -> (String, Vec<(usize, String, String)>) {
    static ORDINAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{1,3}[.、．]\s*)").expect("valid regex"));
    static MEDIA: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\[[^\[\]()]{1,4}\])[^(]").expect("valid regex"));
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_item = |i: usize| heading(lines[i]) == Some(level);
    let has_text = |h: usize| {
        lines[h + 1..]
            .iter()
            .take_while(|l| heading(l).is_none_or(|n| n > level))
            .any(|l| is_text(l))
    };
    let first_item = (0..lines.len())
        .find(|&i| is_item(i) && has_text(i))
        .unwrap_or(0);
    let mut out = String::with_capacity(text.len());
    let mut dropped = Vec::new();
    let mut drop =
        |no: usize, what: &str, t: &str| dropped.push((no, what.to_string(), t.to_string()));
    for (i, l) in lines.iter().enumerate() {
        let body = l.trim_end_matches(['\r', '\n']);
        let ending = &l[body.len()..];
        if i < first_item {
            if !body.trim().is_empty() {
                drop(i + 1, "page heading", body.trim());
            }
            out.push_str(ending);
        } else if is_item(i) {
            let item = body[level + 1..].trim_start();
            let number = ORDINAL.find(item).map_or("", |m| m.as_str());
            if !number.is_empty() {
                drop(i + 1, "item number", number.trim());
            }
            let rest = &item[number.len()..];
            let tag = MEDIA
                .captures(rest)
                .map_or("", |c| c.get(1).map_or("", |m| m.as_str()));
            if !tag.is_empty() {
                drop(i + 1, "media tag", tag);
            }
            out.push_str("# ");
            out.push_str(rest[tag.len()..].trim_start());
            out.push_str(ending);
        } else if is_rule(body) {
            drop(i + 1, "rule", body.trim());
            out.push_str(ending);
        } else if is_lone_link(body) {
            // `[查看视频 ↗](…)`, `[原文](…)`: the site's link to the item,
            // as a saved HTML page's link lines are its navigation.
            drop(i + 1, "links", body.trim());
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
    let mut entries: Vec<(usize, String, &Value)> = map
        .iter()
        .enumerate()
        .map(|(i, (k, v))| (i, scalar(k).unwrap_or_default(), v))
        .collect();
    // A crawler's own `category` gives way to the page's `section`, and
    // that to an explicit `column`: the stronger is taken last.
    entries.sort_by_key(|(_, k, _)| column_rank(&k.to_ascii_lowercase()));
    let mut page_name = None;
    let mut used = Vec::new();
    let mut unused = Vec::new();
    for (i, key, v) in entries {
        let lower = key.to_ascii_lowercase();
        if matches!(lower.as_str(), "section_name" | "page_name") {
            page_name = scalar(v).filter(|s| !s.trim().is_empty());
            if page_name.is_some() {
                used.push((i, (key, "source.page".to_string())));
                continue;
            }
        }
        match take(&mut fm, &lower, v) {
            Some(f) => used.push((i, (key, f.to_string()))),
            None => unused.push((i, key)),
        }
    }
    // Reported in the order the file gives them.
    used.sort_by_key(|(i, _)| *i);
    unused.sort_by_key(|(i, _)| *i);
    fm.used = used.into_iter().map(|(_, u)| u).collect();
    fm.unused = unused.into_iter().map(|(_, u)| u).collect();
    if let Some(name) = page_name.map(|n| n.trim().to_string()) {
        fm.page = Some(match fm.page.take() {
            Some(page) => format!("{page}：{name}"),
            None => name,
        });
    }
    Ok(fm)
}

/// The order keys are read in: weaker sources of `column` first.
fn column_rank(key: &str) -> u8 {
    match key {
        "category" | "categories" => 1,
        "section" => 2,
        "column" => 3,
        _ => 0,
    }
}

/// A page number as a crawler writes it in `section`: `第10版`, `10版`,
/// `A01`. It says where the article was printed, not its column.
fn is_page_number(s: &str) -> bool {
    static PAGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:第\s*[A-Za-z]?\d{1,3}\s*版|[A-Za-z]?\d{1,3}\s*版|[A-Z]\d{1,3})$")
            .expect("valid regex")
    });
    PAGE.is_match(s.trim())
}

/// Author names from a front-matter value: split on list marks and
/// spaces, except that single characters in a row are one name padded
/// with spaces as 人民日报 prints two-character names (`徐  阳` → 徐阳).
fn author_names(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in list(v) {
        let mut single = String::new();
        for part in item
            .split(['、', '，', ',', ' ', '　'])
            .filter(|p| !p.is_empty())
        {
            if part.chars().count() == 1 && part.chars().all(crate::ingest::signals::is_han) {
                single.push_str(part);
                continue;
            }
            if !single.is_empty() {
                out.push(std::mem::take(&mut single));
            }
            out.push(part.to_string());
        }
        if !single.is_empty() {
            out.push(single);
        }
    }
    out
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
            fm.authors = author_names(v);
            (!fm.authors.is_empty()).then_some("authors")
        }
        "section" | "column" | "category" | "categories" => {
            let first = list(v).into_iter().next();
            if first.as_deref().is_some_and(is_page_number) {
                return set(&mut fm.page, first, "source.page");
            }
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
    fn a_day_titled_in_front_matter_is_split_into_its_items() {
        let page = "---\ntitle: \"新闻联播完整文字稿 · 2026年6月18日\"\ndate: \"2026-06-18\"\n---\n<p class=\"lead\">全部 2 条</p>\n\n### 《新闻联播》 20260618 19:00\n\n[查看视频 ↗](https://tv.cctv.com/a)\n\n---\n\n### [视频]甲事\n\n[查看视频 ↗](https://tv.cctv.com/b)\n\n央视网消息：甲事正文。\n\n---\n\n### 乙事\n\n乙事正文。\n";
        let Plan::Lines {
            text, dropped, fm, ..
        } = plan(page, Path::new("t.md")).unwrap()
        else {
            panic!("not split")
        };
        assert_eq!(fm.unwrap().date.as_deref(), Some("2026-06-18"));
        let kept: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            kept,
            ["# 甲事", "央视网消息：甲事正文。", "# 乙事", "乙事正文。"]
        );
        assert_eq!(text.lines().count(), page.lines().count());
        let what: Vec<&str> = dropped.iter().map(|d| d.1.as_str()).collect();
        for w in ["page heading", "media tag", "links", "rule"] {
            assert!(what.contains(&w), "{w} not reported: {dropped:?}");
        }
        // One article under a title that is not a day's stays one article.
        let one = "---\ntitle: 标题一\n---\n# 标题一\n\n### 小标题一\n\n正文。\n\n### 小标题二\n\n正文。\n";
        assert!(matches!(
            plan(one, Path::new("o.md")).unwrap(),
            Plan::One { .. }
        ));
    }

    #[test]
    fn a_page_number_in_section_is_the_page_and_padded_names_are_whole() {
        let fm = "---\ntitle: 标题\nsection: \"第14版\"\nsection_name: \"社会\"\nauthor: \"徐  阳\"\ncategory: \"经济\"\n---\n# 标题\n\n正文。\n";
        let Plan::One { fm, .. } = plan(fm, Path::new("p.md")).unwrap() else {
            panic!()
        };
        assert_eq!(fm.page.as_deref(), Some("第14版：社会"));
        assert_eq!(fm.column.as_deref(), Some("经济"));
        assert_eq!(fm.authors, ["徐阳"]);
        let fm = "---\ntitle: 标题\nsection: 要闻\ncategory: 经济\nauthors: [张三, 李 四]\n---\n正文。\n";
        let Plan::One { fm, .. } = plan(fm, Path::new("q.md")).unwrap() else {
            panic!()
        };
        assert_eq!(fm.column.as_deref(), Some("要闻"));
        assert_eq!(fm.authors, ["张三", "李四"]);
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
