//! The site: from a loaded edition to files in `public/`.
//!
//! [`build`] reads as its list of steps: load, prepare the renderers,
//! render every page into a fresh directory, copy static files, swap the
//! directory in. [`check`] then verifies the written site's links.

pub mod analysis;
pub mod annotations;
pub mod check;
pub mod init;
pub mod pages;
pub mod search;
pub mod term_pages;
pub mod theme;
pub mod translations;
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
/// for long builds). The total grows once, when the search index, built
/// alongside the pages, knows how many files it has.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

/// [`build`], reporting progress while it writes pages.
pub fn build_with_progress(
    root: &Path,
    opts: &BuildOptions,
    progress: Option<Progress<'_>>,
) -> Result<BuildReport> {
    let start = Instant::now();
    let mut steps = Steps::default();
    let mut site = steps.time("load", || content::load(root))?;
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
        crate::glossary::validate_files(&site.terms)
    })?;
    let markdown = crate::render::Markdown::new(&urls, &highlighter);
    // The pages use the rendered bodies and plain text; the Markdown
    // sources would be a third copy of the edition's text.
    let analysis = steps.time("render bodies, find terms", || {
        analysis::Analyzer::new(&site.terms, &urls).analyze_taking_sources(&mut site, &markdown)
    });
    if profiling() {
        eprintln!("profile: analysis holds {}", analysis.footprint());
    }
    Error::collect(annotations::problems(&site, &analysis))?;
    let out = write::Output::begin(&out_dir)?;
    let renderer = pages::PageRenderer::new(&site, &urls, &templates, &highlighter, &analysis);
    steps.time("render and write pages", || match progress {
        None => renderer.write_all(&out),
        Some(report) => {
            let pages = renderer.page_keys().len();
            let total = || pages + renderer.search_files().unwrap_or(0);
            with_progress(|| renderer.write_all(&out), || report(out.files(), total()))
        }
    })?;
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
        self.0.push((name, t.elapsed()));
        if profiling() {
            eprintln!("profile: after {name}: {}", memory_status());
        }
        value
    }
}

/// True when `JIEDU_PROFILE` is set: the build then tells on stderr the
/// memory after each step and the time spent per kind of page.
pub(crate) fn profiling() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("JIEDU_PROFILE").is_some())
}

/// The resident and peak resident memory of this process, and the CPU
/// time it used so far (Linux only): on a busy machine wall time measures
/// the neighbours too.
fn memory_status() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mut parts: Vec<String> = status
        .lines()
        .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    // Fields 14 and 15 of /proc/self/stat, after the parenthesised name:
    // user and system time in clock ticks (100 a second on Linux).
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: Vec<u64> = after_name
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse().ok())
        .collect();
    if let [user, system] = ticks[..] {
        parts.push(format!(
            "cpu user {:.2} s, system {:.2} s",
            user as f64 / 100.0,
            system as f64 / 100.0
        ));
    }
    parts.join(", ")
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
        |t| std::fs::read_to_string(&t.path).ok(),
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
