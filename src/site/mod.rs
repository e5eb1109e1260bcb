//! The site: from a loaded edition to files in `public/`.
//!
//! [`build`] reads as its list of steps: load, validate the glossary,
//! render the bodies and find the terms, build the search index and write
//! its files as they are made (beside rendering and writing the pages,
//! into a fresh directory), copy static files, swap the directory in. [`check`] then
//! verifies the written site's links.

pub mod analysis;
pub mod annotations;
pub mod bodies;
pub mod check;
pub mod init;
pub mod pages;
pub mod profile;
pub mod search;
pub mod theme;
pub mod translations;
pub mod write;

use crate::config::BaseUrl;
use crate::content;
use crate::error::{Error, Location, Result};
use crate::render::{Highlighter, Templates};
use crate::url::Urls;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What `jiedu build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Overrides `base_url` from site.yaml.
    pub base_url: Option<String>,
    /// Output directory; default `<root>/public`.
    pub out: Option<PathBuf>,
    /// Also publish files marked `draft: true`.
    pub drafts: bool,
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
    /// Wall time of each step, in order.
    pub steps: Vec<(&'static str, Duration)>,
    /// Things the editor should know that did not stop the build.
    pub warnings: Vec<String>,
}

/// Builds the edition at `root`.
pub fn build(root: &Path, opts: &BuildOptions) -> Result<BuildReport> {
    build_with_progress(root, opts, None)
}

/// Told, about ten times a second while pages are written, how many
/// files are written so far and how many there will be (a progress bar
/// for long builds). The total grows as the search index, built beside the
/// pages, writes its files: how many it will have is known only at its end.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// [`build`], reporting progress while it writes pages.
pub fn build_with_progress(
    root: &Path,
    opts: &BuildOptions,
    progress: Option<Progress<'_>>,
) -> Result<BuildReport> {
    let start = Instant::now();
    let mut steps = Steps::default();
    // The articles' bodies are read again, one at a time, when they are
    // analysed and when their pages are written: never all held at once.
    let mut site = steps.time("load", || {
        content::load_with(root, content::ArticleBodies::Dropped)
    })?;
    if !opts.drafts {
        site.drop_drafts();
    }
    if let Some(url) = &opts.base_url {
        site.config.base_url =
            BaseUrl::parse(url).map_err(|msg| Error::invalid(Location::file("--base-url"), msg))?;
    }
    let urls = Urls::new(site.config.base_url.clone());
    let mut warnings = Vec::new();
    if site.config.base_url.is_placeholder() {
        warnings.push(format!(
            "base_url {} is a placeholder: canonical links, the feed and the sitemap point \
             nowhere (citations fall back to the page's own address); set base_url in \
             site.yaml or pass --base-url",
            site.config.base_url
        ));
    }
    let layout = crate::layout::Layout::new(root);
    let templates = Templates::load(&layout.templates(), &urls)?;
    let highlighter = Highlighter::new();
    let out_dir = opts.out.clone().unwrap_or_else(|| layout.output());

    steps.time("validate glossary", || {
        crate::glossary::validate(&site.terms)
    })?;
    let markdown = crate::render::Markdown::new(&urls, &highlighter);
    // Neither the Markdown nor the HTML of the edition is held: the
    // analysis keeps the text and the terms found, and each article's
    // page renders its body again, from its file, when it is written.
    let analyzer = analysis::Analyzer::new(&site.terms, &urls);
    let (analysis, sums) = steps.time("render bodies, find terms", || {
        analyzer.analyze_streaming(&site, &markdown)
    })?;
    if profile::profiling() {
        eprintln!("profile: analysis holds {}", analysis.footprint());
    }
    Error::collect(annotations::problems(&site, &analysis))?;
    let out = write::Output::begin(&out_dir)?;
    let bodies = bodies::Bodies::Streamed(bodies::Streamed {
        analyzer: &analyzer,
        markdown: &markdown,
        articles: &site.articles,
        sums: &sums,
        occurrences: &analysis.occurrences,
    });
    let renderer = pages::PageRenderer::new(&site, &urls, &templates, &highlighter, &analysis)
        .with_bodies(bodies);
    let index =
        |emit: &search::Emit<'_>| search::SearchIndex::stream(&site, &analysis, &urls, emit);
    write_site(&mut steps, renderer, index, &out, progress)?;
    for rel in theme::static_files(root)? {
        if let Some(bytes) = theme::read_static(root, &rel)? {
            out.write(&format!("static/{rel}"), &bytes)?;
        }
    }
    let files = out.files();
    let out = steps.time("swap output", || out.commit())?;
    Ok(BuildReport {
        files,
        articles: site.articles.len(),
        terms: site.terms.len(),
        out,
        elapsed: start.elapsed(),
        steps: steps.0,
        warnings,
    })
}

/// The steps that write the site: the search index is built beside the
/// pages (it needs only the analysis; building it first left all but one
/// core idle), and each of its files is written as soon as it is made.
fn write_site<'a>(
    steps: &mut Steps,
    renderer: pages::PageRenderer<'a>,
    index: impl FnOnce(&search::Emit<'_>) -> Result<()> + Send,
    out: &write::Output,
    progress: Option<Progress<'_>>,
) -> Result<()> {
    let profile = profile::Profile::default();
    let keys = renderer.page_keys();
    let pages = keys.len();
    let index_files = AtomicUsize::new(0);
    let write = || -> Result<()> {
        let write_index = || {
            index(&|file: search::SearchFile, json: String| {
                let t = Instant::now();
                out.write(&file.path(), json.as_bytes())?;
                profile.add("search index file", Duration::ZERO, t.elapsed(), json.len());
                index_files.fetch_add(1, Ordering::Relaxed);
                Ok(())
            })
        };
        let write_pages = || renderer.write(out, keys, &profile);
        let (indexed, written) = steps.beside(
            ("build and write search index", write_index),
            ("render and write pages", write_pages),
        );
        written.and(indexed)
    };
    match progress {
        None => write(),
        Some(report) => {
            let total = || pages + index_files.load(Ordering::Relaxed);
            with_progress(write, || report(out.files(), total()))
        }
    }?;
    profile.report();
    Ok(())
}

/// Runs `work`, calling `tick` every 100 ms on another thread until it ends.
fn with_progress<T: Send>(work: impl FnOnce() -> T + Send, tick: impl Fn() + Sync) -> T {
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                tick();
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        let value = work();
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        value
    })
}

/// Wall time of each named step of a build.
#[derive(Debug, Default)]
struct Steps(Vec<(&'static str, Duration)>);

impl Steps {
    fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let t = Instant::now();
        let value = f();
        self.record(name, t.elapsed());
        value
    }

    /// Runs `a` and `b` at the same time, each timed as a step of its own
    /// (their times overlap).
    fn beside<A: Send, B: Send>(
        &mut self,
        (a_name, a): (&'static str, impl FnOnce() -> A + Send),
        (b_name, b): (&'static str, impl FnOnce() -> B + Send),
    ) -> (A, B) {
        let ((a, a_time), (b, b_time)) = rayon::join(
            || {
                let t = Instant::now();
                (a(), t.elapsed())
            },
            || {
                let t = Instant::now();
                (b(), t.elapsed())
            },
        );
        self.record(a_name, a_time);
        self.record(b_name, b_time);
        (a, b)
    }

    fn record(&mut self, name: &'static str, took: Duration) {
        self.0.push((name, took));
        if profile::profiling() {
            eprintln!("profile: after {name}: {}", profile::memory_status());
        }
    }
}

/// The edition at `root`, loaded and analysed (paragraph text, term
/// occurrences): what the glossary tools read.
fn analyzed(root: &Path) -> Result<(content::Site, analysis::Analysis)> {
    let site = content::load(root)?;
    let urls = Urls::new(site.config.base_url.clone());
    let highlighter = Highlighter::new();
    let markdown = crate::render::Markdown::new(&urls, &highlighter);
    let analysis = analysis::analyze(&site, &urls, &markdown);
    Ok((site, analysis))
}

/// `jiedu check`'s content pass over the glossary: every citation a term
/// makes to an article paragraph or source line resolves. Errors name the
/// term file and line.
pub fn check_citations(root: &Path) -> Result<()> {
    let (site, analysis) = analyzed(root)?;
    let targets = crate::glossary::citations::Targets::new(&analysis.corpus, &site.sources);
    Error::collect(crate::glossary::citations::check(
        &site.terms,
        &targets,
        |t| Some(t.text.clone()),
    ))
}

/// `jiedu terms --draft`: writes a stub entry `content/glossary/<id>.md`
/// (marked `draft: true`) for each phrase, and returns the files written.
/// A phrase the texts never use, or one the glossary already has, is an
/// error; nothing is written then. Existing files are never overwritten.
pub fn write_term_drafts(root: &Path, phrases: &[String]) -> Result<Vec<PathBuf>> {
    use crate::glossary::{candidates, drafts};
    let (site, analysis) = analyzed(root)?;
    let found = candidates::candidates(
        &analysis.corpus,
        &site.terms,
        &[],
        &candidates::CandidateOptions::default(),
    );
    let layout = crate::layout::Layout::new(root);
    let dir = layout.glossary();
    let places = drafts::Places {
        glossary: &dir,
        articles: &layout.articles(),
    };
    let planned = drafts::plan(phrases, &analysis.corpus, &site.terms, &found, &places)?;
    if !planned.is_empty() {
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    }
    planned
        .into_iter()
        .map(|d| {
            let path = dir.join(format!("{}.md", d.id.as_str()));
            write_new(&path, &d.text)?;
            Ok(path)
        })
        .collect()
}

/// Writes `text` to a file that must not exist yet.
fn write_new(path: &Path, text: &str) -> Result<()> {
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io(path, e))
}

/// `jiedu terms`: phrases the texts use as terms but the glossary lacks,
/// most useful first, minus those `content/glossary/ignore.yaml` rejects.
pub fn term_candidates(
    root: &Path,
    options: &crate::glossary::candidates::CandidateOptions,
) -> Result<Vec<crate::glossary::candidates::Candidate>> {
    let (site, analysis) = analyzed(root)?;
    let ignore = crate::glossary::candidates::load_ignore(
        &root.join(crate::glossary::candidates::IGNORE_FILE),
    )?;
    Ok(crate::glossary::candidates::candidates(
        &analysis.corpus,
        &site.terms,
        &ignore,
        options,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Indexing is a step of its own, timed beside the pages, and its
    /// files are written: the report names every step in order.
    #[test]
    fn the_search_index_is_a_step_of_the_build() {
        let dir = tempfile::tempdir().unwrap();
        let ed = dir.path().join("ed");
        init::init(&ed, &init::InitOptions::default()).unwrap();
        let report = build(&ed, &BuildOptions::default()).unwrap();
        let names: Vec<&str> = report.steps.iter().map(|(name, _)| *name).collect();
        assert_eq!(
            names,
            [
                "load",
                "validate glossary",
                "render bodies, find terms",
                "build and write search index",
                "render and write pages",
                "swap output",
            ]
        );
        assert!(ed.join("public/search/meta.json").is_file());
        assert!(ed.join("public/search/articles.json").is_file());
    }
}
