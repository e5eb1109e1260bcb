//! The front-matter a crawler writes, read into [`FrontMatter`]: its
//! keys that mean what ours mean fill our fields (a page number given as
//! `section` is the page, padded two-character names are whole), the rest
//! are listed as unused; and dates in the forms crawlers write.

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

/// Does the first line of `text` open front-matter (`---`)?
pub(super) fn opens_with_fence(text: &str) -> bool {
    text.lines().next().is_some_and(|l| l.trim_end() == "---")
}

/// Parses the YAML between the fences into [`FrontMatter`].
pub(super) fn parse_front_matter(yaml: &str, yaml_line: usize, path: &Path) -> Result<FrontMatter> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::markdown_input::plan;
    use crate::ingest::markdown_input::Plan;

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
