//! The site: from a loaded edition to files in `public/`.
//!
//! [`build`] reads as its list of steps: load, prepare the renderers,
//! render every page into a fresh directory, copy static files, swap the
//! directory in. [`check`] then verifies the written site's links.

pub mod check;
pub mod deps;
pub mod pages;
pub mod write;

use crate::config::BaseUrl;
use crate::content;
use crate::error::{Error, Location, Result};
use crate::render::{Highlighter, Templates};
use crate::url::Urls;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What `jiedu build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Overrides `base_url` from site.yaml.
    pub base_url: Option<String>,
    /// Output directory; default `<root>/public`.
    pub out: Option<PathBuf>,
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Files written (pages, feeds, static files).
    pub files: usize,
    /// Articles rendered.
    pub articles: usize,
    /// Glossary terms loaded.
    pub terms: usize,
    /// The output directory.
    pub out: PathBuf,
    /// Wall time of the whole build.
    pub elapsed: Duration,
}

/// Builds the edition at `root`.
pub fn build(root: &Path, opts: &BuildOptions) -> Result<BuildReport> {
    let start = Instant::now();
    let mut site = content::load(root)?;
    if let Some(url) = &opts.base_url {
        site.config.base_url =
            BaseUrl::parse(url).map_err(|msg| Error::invalid(Location::file("--base-url"), msg))?;
    }
    let urls = Urls::new(site.config.base_url.clone());
    let templates = Templates::load(&root.join("templates"), &urls)?;
    let highlighter = Highlighter::new();
    let out_dir = opts.out.clone().unwrap_or_else(|| root.join("public"));

    let mut out = write::Output::begin(&out_dir)?;
    let renderer = pages::PageRenderer::new(&site, &urls, &templates, &highlighter);
    renderer.write_all(&mut out)?;
    out.copy_tree(&root.join("templates/static"), "static")?;
    let files = out.files();
    let out = out.commit()?;
    Ok(BuildReport {
        files,
        articles: site.articles.len(),
        terms: site.terms.len(),
        out,
        elapsed: start.elapsed(),
    })
}
