//! `site.yaml`: the edition's title, address and options.
//!
//! `base_url` is the address the site is published at and may carry a
//! sub-path (a GitHub Pages project site lives at
//! `https://user.github.io/repo/`). It is parsed once into a [`BaseUrl`];
//! every link is then built by [`crate::url::Urls`] from it.

use crate::error::{Error, Location, Result};
use crate::schema::frontmatter::yaml_error;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;

/// The parsed `site.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The edition's title, shown in every page header.
    pub title: String,
    /// Where the site is published, e.g. `https://user.github.io/jiedu/`.
    pub base_url: BaseUrl,
    /// BCP 47 language tag of the texts.
    #[serde(default = "default_language")]
    pub language: String,
    /// One sentence describing the edition (meta description, feed subtitle).
    #[serde(default)]
    pub description: String,
    /// Who publishes the edition (feed author, footer).
    #[serde(default)]
    pub author: Option<String>,
    /// Tunable behaviour.
    #[serde(default)]
    pub options: Options,
    /// Where the edition's sources were printed, for sources whose
    /// sidecar does not say (see `schema::sidecar`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_defaults: Option<crate::schema::SourceMeta>,
}

/// Tunable behaviour, all with defaults.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// How many of the newest articles the Atom feed lists.
    pub feed_limit: usize,
    /// syntect theme for code blocks in light mode.
    pub highlight_light: String,
    /// syntect theme for code blocks in dark mode.
    pub highlight_dark: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            feed_limit: 50,
            highlight_light: "InspiredGitHub".into(),
            highlight_dark: "base16-ocean.dark".into(),
        }
    }
}

fn default_language() -> String {
    "zh-Hans".into()
}

impl SiteConfig {
    /// Parses the text of `site.yaml`; `path` is only used in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        yaml_serde::from_str(text).map_err(|e| yaml_error(path, text, 0, &e))
    }

    /// Reads and parses `path`.
    pub fn from_path(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::parse(&text, path)
    }
}

/// An absolute http(s) URL with a path that ends in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    origin: String,
    path: String,
}

impl BaseUrl {
    /// Parses `https://host[:port][/sub/path]`; the path gets a trailing `/`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let rest = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .ok_or_else(|| format!("base_url `{s}` must start with http:// or https://"))?;
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let host_ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-.:[]".contains(c));
        if !host_ok {
            return Err(format!("base_url `{s}` has no valid host"));
        }
        if path.contains(['?', '#', ' ', '"', '<', '>', '\\']) || path.contains("..") {
            return Err(format!("base_url `{s}` has an invalid path"));
        }
        let mut path = if path.is_empty() {
            "/".to_string()
        } else {
            path.to_string()
        };
        if !path.ends_with('/') {
            path.push('/');
        }
        let origin = s[..s.len() - rest.len() + host.len()].to_string();
        Ok(BaseUrl { origin, path })
    }

    /// True for an address that cannot be where the edition is read: an
    /// `example` host (`example.github.io`, `example.com`, `*.example`…)
    /// or `.invalid`. Links built on it are dead, so citations fall back to
    /// the page's own address and `jiedu build` warns.
    pub fn is_placeholder(&self) -> bool {
        let host = self.origin.split_once("://").map_or("", |(_, h)| h);
        let host = host.rsplit_once(':').map_or(host, |(h, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                h
            } else {
                host
            }
        });
        let host = host.to_ascii_lowercase();
        let labels: Vec<&str> = host.split('.').collect();
        labels.first() == Some(&"example")
            || labels
                .last()
                .is_some_and(|l| *l == "example" || *l == "invalid")
            || ["example.com", "example.org", "example.net"]
                .iter()
                .any(|d| host == *d || host.ends_with(&format!(".{d}")))
    }

    /// `https://host` without a trailing slash.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The sub-path, starting and ending with `/` (just `/` at a root).
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.origin, self.path)
    }
}

impl Serialize for BaseUrl {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for BaseUrl {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        BaseUrl::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Loads `site.yaml` from an edition root, with a hint when it is missing.
pub fn load(root: &Path) -> Result<SiteConfig> {
    let path = crate::layout::Layout::new(root).config_file();
    if !path.exists() {
        return Err(Error::invalid(Location::file(&path), "site.yaml not found")
            .with_hint("run jiedu from the edition's root, or create one with `jiedu init`"));
    }
    SiteConfig::from_path(&path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_base_urls_are_recognised() {
        for p in [
            "https://example.github.io/jiedu/",
            "https://example.com/",
            "https://www.example.org/x/",
            "http://docs.example:8080/",
            "https://site.invalid/",
        ] {
            assert!(BaseUrl::parse(p).unwrap().is_placeholder(), "{p}");
        }
        for r in [
            "https://user.github.io/repo/",
            "http://127.0.0.1:1111/",
            "https://examples.net/",
        ] {
            assert!(!BaseUrl::parse(r).unwrap().is_placeholder(), "{r}");
        }
    }

    #[test]
    fn base_url_keeps_sub_path_with_one_trailing_slash() {
        let b = BaseUrl::parse("https://user.github.io/repo").unwrap();
        assert_eq!(b.origin(), "https://user.github.io");
        assert_eq!(b.path(), "/repo/");
        assert_eq!(b.to_string(), "https://user.github.io/repo/");
        let root = BaseUrl::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(root.path(), "/");
        assert_eq!(root.origin(), "http://127.0.0.1:8080");
    }

    #[test]
    fn base_url_rejects_nonsense() {
        for bad in [
            "ftp://x/",
            "example.com",
            "https:///x",
            "https://a/b/../c",
            "https://a/<x>",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn unknown_keys_are_errors_with_a_line() {
        let e = SiteConfig::parse(
            "title: t\nbase_url: https://x.org/\ntitel: typo\n",
            Path::new("site.yaml"),
        )
        .unwrap_err();
        let s = e.to_string();
        assert!(s.starts_with("site.yaml:3:"), "{s}");
        assert!(s.contains("titel"), "{s}");
        assert!(
            s.contains("“Configuration: site.yaml” lists every key"),
            "{s}"
        );
        assert!(!s.contains("front-matter"), "{s}");
    }
}
