//! `jiedu check`: every internal link and anchor of the built site resolves.
//!
//! The checker reads the written HTML, not the model, so it catches what a
//! reader would hit: a template that forgot the sub-path, an anchor that
//! no paragraph carries, a link to a page that was never written. External
//! links are not fetched (the network is not the site's to test).

use crate::config::BaseUrl;
use crate::error::{Error, Result};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// A link that does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The page it is on, relative to the output (`articles/x/index.html`).
    pub page: String,
    /// The link as written.
    pub target: String,
    /// Why it does not resolve.
    pub reason: String,
}

impl fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: `{}`: {}", self.page, self.target, self.reason)
    }
}

/// Checks every `.html` file under `out`, whose site lives at `base`.
pub fn check_links(out: &Path, base: &BaseUrl) -> Result<Vec<BrokenLink>> {
    let pages = read_pages(out)?;
    let ids: HashMap<&str, HashSet<String>> = pages
        .iter()
        .map(|(rel, html)| (rel.as_str(), element_ids(html)))
        .collect();
    let mut broken = Vec::new();
    for (rel, html) in &pages {
        for target in link_targets(html) {
            if let Err(reason) = resolve(&target, rel, base, out, &ids) {
                broken.push(BrokenLink {
                    page: rel.clone(),
                    target,
                    reason,
                });
            }
        }
    }
    Ok(broken)
}

fn read_pages(out: &Path) -> Result<Vec<(String, String)>> {
    if !out.is_dir() {
        return Err(
            Error::invalid(crate::error::Location::file(out), "no built site here")
                .with_hint("run `jiedu build` first"),
        );
    }
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(out).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            Error::io(
                e.path().unwrap_or(out),
                std::io::Error::other(e.to_string()),
            )
        })?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "html") {
            let rel = entry.path().strip_prefix(out).unwrap_or(entry.path());
            let html =
                std::fs::read_to_string(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            pages.push((rel.to_string_lossy().replace('\\', "/"), html));
        }
    }
    Ok(pages)
}

/// Resolves one link found on page `rel`; `Err` says why it is broken.
fn resolve(
    target: &str,
    rel: &str,
    base: &BaseUrl,
    out: &Path,
    ids: &HashMap<&str, HashSet<String>>,
) -> Result<(), String> {
    let lower = target.trim().to_ascii_lowercase();
    if lower.starts_with("javascript:")
        || lower.starts_with("data:")
        || lower.starts_with("vbscript:")
    {
        return Err("script or data URL".into());
    }
    let Some(site_path) = site_path(target, rel, base)? else {
        return Ok(());
    };
    // A fragment directive (`#p3:~:text=…`, a text fragment) is for the
    // browser, not an element id: only what precedes it is checked.
    let (path, fragment) = match site_path.split_once('#') {
        Some((p, f)) => {
            let f = f.split_once(":~:").map_or(f, |(id, _)| id);
            (p.to_string(), Some(f.to_string()))
        }
        None => (site_path, None),
    };
    let path = path.split('?').next().unwrap_or("").to_string();
    let file = file_for(&path, out).ok_or_else(|| format!("no page at /{path}"))?;
    match fragment {
        Some(f) if !f.is_empty() && file.ends_with(".html") => {
            let f = percent_decode(&f);
            let has = ids.get(file.as_str()).is_some_and(|set| set.contains(&f));
            if has {
                Ok(())
            } else {
                Err(format!("no element with id `{f}` on /{path}"))
            }
        }
        _ => Ok(()),
    }
}

/// The target as a path inside the site (no leading `/`), `None` for
/// links that leave the site.
fn site_path(target: &str, rel: &str, base: &BaseUrl) -> Result<Option<String>, String> {
    let t = target.trim();
    if let Some(frag) = t.strip_prefix('#') {
        return Ok(Some(format!("{}#{frag}", page_url_path(rel))));
    }
    let root_relative = if let Some(rest) = t.strip_prefix(base.origin()) {
        rest.to_string()
    } else if t.contains("://")
        || t.starts_with("//")
        || t.starts_with("mailto:")
        || t.starts_with("tel:")
    {
        return Ok(None);
    } else if t.starts_with('/') {
        t.to_string()
    } else {
        let dir = page_url_path(rel);
        let dir = dir
            .rsplit_once('/')
            .map_or(String::new(), |(d, _)| format!("{d}/"));
        format!("{}{}", base.path(), normalize(&format!("{dir}{t}")))
    };
    match root_relative.strip_prefix(base.path()) {
        Some(inside) => Ok(Some(normalize(inside))),
        None if root_relative == base.path().trim_end_matches('/') => Ok(Some(String::new())),
        None => Err(format!("outside the site's base path {}", base.path())),
    }
}

/// `articles/x/index.html` → `articles/x/` (the URL path serving it).
fn page_url_path(rel: &str) -> String {
    rel.strip_suffix("index.html").unwrap_or(rel).to_string()
}

/// Resolves `.` and `..` segments of a relative path.
fn normalize(path: &str) -> String {
    let (path, frag) = match path.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (path, None),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    if let Some(f) = frag {
        joined.push('#');
        joined.push_str(f);
    }
    joined.trim_start_matches('/').to_string()
}

/// The output file a URL path resolves to, as GitHub Pages would serve it.
fn file_for(path: &str, out: &Path) -> Option<String> {
    let path = percent_decode(path);
    let candidates: Vec<String> = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![
            path.clone(),
            format!("{path}/index.html"),
            format!("{path}.html"),
        ]
    };
    candidates.into_iter().find(|c| {
        let p: PathBuf = out.join(c);
        !c.split('/').any(|s| s == "..") && p.is_file()
    })
}

/// `%XX` escapes decoded; malformed ones are kept as written, as a
/// browser keeps them.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Every `id` attribute in `html`.
fn element_ids(html: &str) -> HashSet<String> {
    tags(html)
        .into_iter()
        .flat_map(|t| t.attrs)
        .filter(|(k, _)| k == "id")
        .map(|(_, v)| v)
        .collect()
}

/// Every `href` and `src` in `html`.
fn link_targets(html: &str) -> Vec<String> {
    tags(html)
        .into_iter()
        .flat_map(|t| t.attrs)
        .filter(|(k, _)| k == "href" || k == "src")
        .map(|(_, v)| v)
        .collect()
}

struct TagAttrs {
    attrs: Vec<(String, String)>,
}

/// A small HTML tag scanner: enough for the markup jiedu writes (comments,
/// raw-text `script`/`style`, quoted and unquoted attributes, entities).
fn tags(html: &str) -> Vec<TagAttrs> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        if name.is_empty() || !name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let (attrs, consumed) = parse_attrs(&rest[name_end..]);
        rest = &rest[name_end + consumed..];
        out.push(TagAttrs { attrs });
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            rest = rest.find(&close).map_or("", |i| &rest[i..]);
        }
    }
    out
}

/// Parses attributes up to `>`; returns them and the bytes consumed.
fn parse_attrs(s: &str) -> (Vec<(String, String)>, usize) {
    let bytes = s.as_bytes();
    let mut attrs = Vec::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            return (attrs, (i + 1).min(bytes.len()));
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=>/".contains(&bytes[i]) {
            i += 1;
        }
        let key = s[start..i].to_ascii_lowercase();
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            let (v, used) = attr_value(&s[i..]);
            value = decode_entities(v);
            i += used;
        }
        attrs.push((key, value));
    }
}

fn attr_value(s: &str) -> (&str, usize) {
    match s.as_bytes().first() {
        Some(&q @ (b'"' | b'\'')) => {
            let end = s[1..].find(q as char).map_or(s.len() - 1, |e| e);
            (&s[1..1 + end], (end + 2).min(s.len()))
        }
        _ => {
            let end = s
                .find(|c: char| c.is_ascii_whitespace() || c == '>')
                .unwrap_or(s.len());
            (&s[..end], end)
        }
    }
}

fn decode_entities(v: &str) -> String {
    if !v.contains('&') {
        return v.to_string();
    }
    let mut out = String::new();
    let mut rest = v;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|s| *s < 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (rel, html) in files {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, html).unwrap();
        }
        dir
    }

    #[test]
    fn finds_broken_pages_and_anchors_under_a_sub_path() {
        let base = BaseUrl::parse("https://u.github.io/repo/").unwrap();
        let dir = site(&[
            (
                "index.html",
                r##"<a href="/repo/a/">a</a> <a href="/repo/a/#p1">ok</a> <a href="/repo/a/?hl=x&amp;n=0#p1:~:text=x">ok landing</a> <a href="/repo/a/#p9">bad anchor</a>
               <a href="/b/">outside</a> <a href="/repo/missing/">missing</a> <a href="https://other.org/x">ext</a>
               <link href="/repo/static/s.css"> <!-- <a href="/repo/commented/"> -->"##,
            ),
            (
                "a/index.html",
                r##"<div id="p1"></div><a href="../">up</a><a href='#p1'>self</a><a href="#nope">x</a>
               <a href="https://u.github.io/repo/a/?x=1&amp;y=2#p1">abs</a>"##,
            ),
            ("static/s.css", "body{}"),
        ]);
        let broken = check_links(dir.path(), &base).unwrap();
        let got: Vec<String> = broken
            .iter()
            .map(|b| format!("{} {}", b.page, b.target))
            .collect();
        assert_eq!(
            got,
            [
                "a/index.html #nope",
                "index.html /repo/a/#p9",
                "index.html /b/",
                "index.html /repo/missing/",
            ],
            "{broken:#?}"
        );
    }

    #[test]
    fn script_urls_are_broken() {
        let base = BaseUrl::parse("https://x.org/").unwrap();
        let dir = site(&[("index.html", "<a href=\"JavaScript:alert(1)\">x</a>")]);
        assert_eq!(check_links(dir.path(), &base).unwrap().len(), 1);
    }

    #[test]
    fn percent_escapes_are_decoded_and_malformed_ones_kept() {
        assert_eq!(percent_decode("/%E4%B8%AD%E6%96%87/#p1"), "/中文/#p1");
        assert_eq!(percent_decode("a%zz%4"), "a%zz%4");
    }

    #[test]
    fn entities_in_attributes_are_decoded() {
        assert_eq!(decode_entities("a&amp;b&#x2F;&#39;&bogus"), "a&b/'&bogus");
    }
}
