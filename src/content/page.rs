//! Free pages (`content/pages/<slug>.md`): about, method, and the like.

use crate::error::{Error, Location, Result};
use crate::ids::Slug;
use crate::url::RESERVED_SEGMENTS;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A free page's front-matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FreePageMeta {
    /// The page title. Required.
    pub title: String,
    /// Meta description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Position in the navigation (lower first); pages without it are not
    /// in the navigation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nav_order: Option<u32>,
    /// Work in progress: left out of `jiedu build` unless `--drafts`,
    /// shown by `jiedu serve` with a badge, listed by `jiedu check`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

/// A loaded free page, published at `/<slug>/`.
#[derive(Debug, Clone)]
pub struct Page {
    /// The slug: the file stem.
    pub slug: Slug,
    /// The front-matter.
    pub meta: FreePageMeta,
    /// The Markdown body.
    pub body: String,
    /// The file it was loaded from.
    pub path: PathBuf,
}

impl Page {
    /// Parses a page file's text; `path` gives the slug and errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let slug = super::article::slug_of(path)?;
        if RESERVED_SEGMENTS.contains(&slug.as_str()) {
            return Err(Error::invalid(
                Location::file(path),
                format!("`{slug}` is a reserved URL; a page cannot use it"),
            )
            .with_hint("rename the file"));
        }
        let split = crate::schema::frontmatter::split(text, path)?;
        let meta: FreePageMeta = crate::schema::frontmatter::parse(&split, path)?;
        Ok(Page {
            slug,
            meta,
            body: split.body.to_string(),
            path: path.to_path_buf(),
        })
    }
}
