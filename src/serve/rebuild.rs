//! Rebuilding: keeping the served directory byte-for-byte equal to what
//! `jiedu build` would write, while re-reading and re-rendering only what
//! an edit changed.
//!
//! The [`Builder`] keeps the loaded [`Site`], the templates and the
//! dependency indexes of [`crate::site::deps`] in memory. One batch of
//! changed paths is handled in these steps:
//!
//! 1. sort the paths ([`super::watch::classify`]) and expand directories
//!    (a renamed or deleted folder) into the files in it, on disk or in
//!    the site;
//! 2. parse every changed content file, and reload the templates if one
//!    changed — a parse error stops here, with nothing changed;
//! 3. ask `deps` which pages the *old* site shows the changed inputs on;
//! 4. swap the new files into the site, keeping the old ones to undo, and
//!    run the cross-file checks of `content::load`;
//! 5. bring the glossary analysis up to date — the edited articles are
//!    analysed alone and spliced in ([`Analysis::splice`]); a glossary
//!    edit, or more than a few articles at once, re-analyse the edition —
//!    and compare what pages show of it before and after
//!    ([`crate::site::delta`]: related lists, a term's later pages);
//! 6. ask `deps` again on the *new* site, render the union, in parallel,
//!    in memory;
//! 7. write the pages whose bytes changed, delete the pages of deleted
//!    things, copy changed static files.
//!
//! The search index is left out of steps 3–7: it covers the whole edition
//! and takes longer to rebuild than the edited page, so the server marks
//! it stale and calls [`Builder::refresh_search`] once the editor pauses.
//!
//! An error in steps 2–6 undoes the swap, so the in-memory site and the
//! output stay the last good ones; the paths stay pending and are retried
//! with the next edit. `site.yaml`, a lost event or a poisoned state (a
//! panic mid-rebuild) take the full path: load and render everything, then
//! write what differs and delete what a build would not have written.

use super::output::ServedDir;
use super::reanalyse::{OldAnalysis, Reanalysis};
use crate::config::BaseUrl;
use crate::content::load::{check_site, files_in, read_text};
use crate::content::{self, Article, Page, Site, Source, Term, Translation};
use crate::error::{Error, Result};
use crate::ids::TermId;
use crate::layout::{InputKind, Layout};
use crate::render::context::SiteView;
use crate::render::{Highlighter, Markdown, Templates};
use crate::site::analysis::{Analysis, Analyzer};
use crate::site::delta;
use crate::site::deps::{self, Input, Scope, TemplateGraph, TermUsage};
use crate::site::pages::{PageKey, PageRenderer};
use crate::site::search::SearchIndex;
use crate::site::theme;
use crate::url::Urls;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// What one rebuild changed in the output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Output files whose bytes changed, relative to the output.
    pub written: Vec<String>,
    /// Output files deleted.
    pub removed: Vec<String>,
    /// Whether everything was reloaded and re-rendered.
    pub full: bool,
}

impl Changes {
    /// Whether the only change is to stylesheets, which a page can swap
    /// without reloading.
    pub fn css_only(&self) -> bool {
        !self.written.is_empty()
            && self.removed.is_empty()
            && self.written.iter().all(|p| p.ends_with(".css"))
    }

    /// Whether nothing in the output changed.
    pub fn is_empty(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }
}

/// Keeps an output directory equal to a build of an edition.
pub struct Builder {
    root: PathBuf,
    out: ServedDir,
    base_url: BaseUrl,
    highlighter: Highlighter,
    state: Option<Loaded>,
    /// Changed paths not yet applied (their last rebuild failed).
    pending: BTreeSet<PathBuf>,
    /// The next rebuild must be a full one.
    full: bool,
}

/// The edition as last rendered into the output.
pub(super) struct Loaded {
    pub(super) site: Site,
    pub(super) urls: Urls,
    templates: Templates,
    texts: BTreeMap<String, String>,
    graph: TemplateGraph,
    usage: TermUsage,
    /// Rendered bodies and glossary occurrences of the site as it is.
    pub(super) analysis: Analysis,
    /// The glossary's matcher, kept to re-analyse edited articles alone.
    pub(super) analyzer: Analyzer,
    /// The search index files last written (refreshed apart, when idle).
    search_files: BTreeSet<String>,
    /// Whether the search index lags behind the site.
    search_stale: bool,
    /// Pages of the article listing (each shows how many there are).
    listing_pages: usize,
    /// The site-wide template variables, serialized: when they change
    /// (a page joins the navigation), every page changes.
    view: String,
}

impl Builder {
    /// A builder of the edition at `root` (absolute) into `out`, with
    /// links for `base_url`. Nothing is built until [`Builder::rebuild`].
    pub fn new(root: &Path, out: ServedDir, base_url: BaseUrl) -> Self {
        Builder {
            root: root.to_path_buf(),
            out,
            base_url,
            highlighter: Highlighter::new(),
            state: None,
            pending: BTreeSet::new(),
            full: true,
        }
    }

    /// Whether a site has been built (the output is worth serving).
    pub fn has_site(&self) -> bool {
        self.state.is_some()
    }

    /// Forgets the in-memory site, so the next rebuild is a full one.
    /// Called after a rebuild panicked and may have left it half-changed.
    pub fn poison(&mut self) {
        self.state = None;
        self.full = true;
    }

    /// Brings the output up to date with `changed` paths (plus any still
    /// pending from a failed rebuild); `rescan` forces a full rebuild.
    pub fn rebuild(&mut self, changed: Vec<PathBuf>, rescan: bool) -> Result<Changes> {
        self.pending.extend(changed);
        let sorted = Sorted::new(&self.root, &self.pending);
        self.full |= rescan || sorted.everything || self.state.is_none();
        let result = if self.full {
            self.full_build()
        } else {
            self.incremental(&sorted)
        };
        if result.is_ok() {
            self.pending.clear();
            self.full = false;
        }
        result
    }

    fn full_build(&mut self) -> Result<Changes> {
        self.state = None;
        let mut site = content::load(&self.root)?;
        site.config.base_url = self.base_url.clone();
        let urls = Urls::new(self.base_url.clone());
        let (templates, texts) = load_templates(&self.root, &urls)?;
        crate::glossary::validate(&site.terms)?;
        let analyzer = Analyzer::new(&site.terms, &urls);
        let analysis = analyzer.analyze(&site, &Markdown::new(&urls, &self.highlighter));
        warn_lost_annotations(&site, &analysis);
        let index = SearchIndex::build(&site, &analysis, &urls);
        let renderer = PageRenderer::new(&site, &urls, &templates, &self.highlighter, &analysis)
            .with_search(&index);
        let keys = renderer.keys();
        let pages = render(&renderer, keys.iter())?;
        let search_files = search_paths(&keys);
        let changes = self.sync(pages)?;
        let analysed = (analysis, analyzer, search_files);
        self.state = Some(Loaded::new(site, urls, templates, texts, analysed));
        Ok(changes)
    }

    /// Whether the search index lags behind the site: content edits leave
    /// it for [`Builder::refresh_search`], so that the page being edited
    /// reloads without waiting for an index of the whole edition.
    pub fn search_stale(&self) -> bool {
        self.state.as_ref().is_some_and(|s| s.search_stale)
    }

    /// Rebuilds the search index, writes the files that changed and
    /// deletes those it no longer has.
    pub fn refresh_search(&mut self) -> Result<Changes> {
        let Some(state) = self.state.as_mut() else {
            return Ok(Changes::default());
        };
        // Cleared first: a failing refresh is reported once, not retried
        // at every pause; the next content edit marks it stale again.
        state.search_stale = false;
        let index = SearchIndex::build(&state.site, &state.analysis, &state.urls);
        let renderer = state
            .renderer(&state.templates, &self.highlighter)
            .with_search(&index);
        let keys = renderer.search_keys();
        let pages = render(&renderer, keys.iter())?;
        let files = search_paths(&keys);
        let old = std::mem::replace(&mut state.search_files, files);
        let mut changes = Changes::default();
        for (rel, bytes) in &pages {
            self.put_page(rel, bytes, &mut changes)?;
        }
        let state = self.state.as_ref().expect("checked above");
        for rel in old.difference(&state.search_files) {
            if self.out.remove(rel)? {
                changes.removed.push(rel.clone());
            }
        }
        Ok(changes)
    }

    /// Makes the output hold exactly `pages` and the static files: writes
    /// what differs, deletes what a build would not have written.
    fn sync(&mut self, pages: Vec<(String, Vec<u8>)>) -> Result<Changes> {
        let mut changes = Changes {
            full: true,
            ..Changes::default()
        };
        let mut wanted = BTreeSet::new();
        for (rel, bytes) in pages {
            self.put_page(&rel, &bytes, &mut changes)?;
            wanted.insert(rel);
        }
        for rel in static_files(&self.root)? {
            self.copy_static(&rel, &mut changes)?;
            wanted.insert(format!("static/{rel}"));
        }
        for rel in self.out.files()?.difference(&wanted) {
            if self.out.remove(rel)? {
                changes.removed.push(rel.clone());
            }
        }
        Ok(changes)
    }

    fn incremental(&mut self, sorted: &Sorted) -> Result<Changes> {
        let Some(state) = self.state.as_mut() else {
            return self.full_build();
        };
        let edits = Edits::read(&state.site, sorted)?;
        let reloaded = match sorted.templates {
            true => Some(load_templates(&self.root, &state.urls)?),
            false => None,
        };
        let mut inputs = edits.inputs(&state.site);
        if let Some((_, texts)) = &reloaded {
            inputs.extend(changed_templates(&state.texts, texts).map(Input::Template));
        }
        let rendered = state.apply(&edits, reloaded, &inputs, &self.highlighter)?;
        let mut changes = Changes::default();
        let written = self.write(rendered, sorted, &mut changes);
        if written.is_err() {
            // The site in memory is ahead of the output now; start over.
            self.full = true;
        }
        written.map(|()| changes)
    }

    fn write(&mut self, rendered: Rendered, sorted: &Sorted, changes: &mut Changes) -> Result<()> {
        for (rel, bytes) in &rendered.pages {
            self.put_page(rel, bytes, changes)?;
        }
        for key in &rendered.removed {
            let rel = key.path();
            if self.out.remove(&rel)? {
                changes.removed.push(rel);
            }
        }
        let statics = expand_static(&self.root, &self.out, &sorted.statics)?;
        let now = match statics.is_empty() {
            true => BTreeSet::new(),
            false => theme::static_files(&self.root)?,
        };
        for rel in statics {
            if now.contains(&rel) {
                self.copy_static(&rel, changes)?;
            } else {
                self.remove_static(&rel, changes)?;
            }
        }
        Ok(())
    }

    /// Writes a rendered page, unless a static file of the same path
    /// overrides it (as in `build`, where static files are copied last).
    fn put_page(&self, rel: &str, bytes: &[u8], changes: &mut Changes) -> Result<()> {
        let shadowed = match rel.strip_prefix("static/") {
            Some(s) => theme::read_static(&self.root, s)?.is_some(),
            None => false,
        };
        if !shadowed && self.out.put(rel, bytes)? {
            changes.written.push(rel.to_string());
        }
        Ok(())
    }

    fn copy_static(&self, rel: &str, changes: &mut Changes) -> Result<()> {
        let Some(bytes) = theme::read_static(&self.root, rel)? else {
            return Ok(());
        };
        let to = format!("static/{rel}");
        if self.out.put(&to, &bytes)? {
            changes.written.push(to);
        }
        Ok(())
    }

    /// A static file is gone; a page it shadowed comes back.
    fn remove_static(&self, rel: &str, changes: &mut Changes) -> Result<()> {
        let to = format!("static/{rel}");
        let Some(state) = &self.state else {
            return Ok(());
        };
        let renderer = state.renderer(&state.templates, &self.highlighter);
        let page = renderer.keys().into_iter().find(|k| k.path() == to);
        match page {
            Some(key) => {
                let (_, bytes) = renderer.render_page(&key)?;
                self.put_page(&to, &bytes, changes)
            }
            None => {
                if self.out.remove(&to)? {
                    changes.removed.push(to);
                }
                Ok(())
            }
        }
    }
}

/// Pages rendered by an incremental rebuild, not yet written.
struct Rendered {
    pages: Vec<(String, Vec<u8>)>,
    removed: Vec<PageKey>,
}

impl Loaded {
    fn new(
        site: Site,
        urls: Urls,
        templates: Templates,
        texts: BTreeMap<String, String>,
        (analysis, analyzer, search_files): (Analysis, Analyzer, BTreeSet<String>),
    ) -> Self {
        let graph = graph_of(&texts);
        let site_articles = site.articles.len();
        let usage = TermUsage::new(&site);
        let view = view_of(&site, &urls);
        Loaded {
            site,
            urls,
            templates,
            texts,
            graph,
            usage,
            analysis,
            analyzer,
            search_files,
            search_stale: false,
            listing_pages: crate::site::pages::listing_pages(site_articles),
            view,
        }
    }

    fn renderer<'a>(&'a self, templates: &'a Templates, hl: &'a Highlighter) -> PageRenderer<'a> {
        PageRenderer::new(&self.site, &self.urls, templates, hl, &self.analysis)
    }

    /// Steps 3–5: the pages to write and delete, or an error with the
    /// site as it was.
    fn apply(
        &mut self,
        edits: &Edits,
        reloaded: Option<(Templates, BTreeMap<String, String>)>,
        inputs: &[Input],
        hl: &Highlighter,
    ) -> Result<Rendered> {
        // Every page of the old site but the search index, which is
        // refreshed apart: term-occurrence pages come and go with content.
        let all_before = self.renderer(&self.templates, hl).page_keys();
        let mut before = deps::affected(&self.site, &self.usage, &self.graph, &all_before, inputs);
        let plan = Reanalysis::plan(self, edits, inputs, hl);
        let old_order = (!edits.articles.is_empty()).then(|| delta::slugs(&self.site));
        let undo = edits.apply(&mut self.site);
        if let Some(old) = old_order {
            before.extend(delta::shifted_listing(&old, &delta::slugs(&self.site)));
        }
        let graph = reloaded.as_ref().map(|(_, texts)| graph_of(texts));
        let mut old_analysis = None;
        let result = check_site(&self.site).and_then(|()| {
            crate::glossary::validate(&self.site.terms)?;
            edits.update_usage(&self.site, &mut self.usage);
            if let Some(plan) = plan {
                let (pages, old) = plan.run(self, hl);
                old_analysis = Some(old);
                before.extend(pages);
            }
            let templates = reloaded.as_ref().map_or(&self.templates, |(t, _)| t);
            let graph = graph.as_ref().unwrap_or(&self.graph);
            self.render_changed(templates, graph, hl, inputs, &before)
        });
        let (rendered, view) = match result {
            Ok(done) => done,
            Err(e) => {
                undo.apply(&mut self.site);
                edits.update_usage(&self.site, &mut self.usage);
                if let Some(old) = old_analysis {
                    self.restore(old, hl);
                }
                return Err(e);
            }
        };
        if old_analysis.is_some() {
            warn_lost_annotations(&self.site, &self.analysis);
        }
        // The search index holds the translations' text too (issue 19).
        self.search_stale |= old_analysis.is_some() || !edits.translations.is_empty();
        if let Some((templates, texts)) = reloaded {
            self.templates = templates;
            self.texts = texts;
        }
        if let Some(graph) = graph {
            self.graph = graph;
        }
        self.view = view;
        self.listing_pages = crate::site::pages::listing_pages(self.site.articles.len());
        Ok(rendered)
    }

    /// Puts back the analysis of the site as it was, after a failed edit
    /// (the site itself is already back).
    fn restore(&mut self, old: OldAnalysis, hl: &Highlighter) {
        match old {
            OldAnalysis::Kept(kept) => {
                let (analysis, analyzer) = *kept;
                self.analysis = analysis;
                if let Some(analyzer) = analyzer {
                    self.analyzer = analyzer;
                }
            }
            // Spliced in place: analysing the old versions again is the
            // one way back. Slow, but only after an edit that failed late
            // (a template error on the new content).
            OldAnalysis::Spliced => {
                let markdown = Markdown::new(&self.urls, hl);
                self.analysis = self.analyzer.analyze(&self.site, &markdown);
            }
        }
    }

    /// Step 5, on the site already changed.
    fn render_changed(
        &self,
        templates: &Templates,
        graph: &TemplateGraph,
        hl: &Highlighter,
        inputs: &[Input],
        before: &BTreeSet<PageKey>,
    ) -> Result<(Rendered, String)> {
        let renderer = self.renderer(templates, hl);
        let all = renderer.page_keys();
        let view = view_of(&self.site, &self.urls);
        let after = match view == self.view {
            true => deps::affected(&self.site, &self.usage, graph, &all, inputs),
            false => all.iter().cloned().collect(),
        };
        let mut after = after;
        let mut before = before.clone();
        let pages = renderer.listing_pages();
        if pages != self.listing_pages {
            // Every page of the listing shows how many there are; those
            // past the new count are deleted.
            let every = (1..=pages.max(self.listing_pages)).map(delta::listing_key);
            before.extend(every);
            after.extend(all.iter().filter(|k| delta::is_listing(k)).cloned());
        }
        let exists: HashSet<&PageKey> = all.iter().collect();
        let removed = before
            .iter()
            .filter(|k| !exists.contains(k))
            .cloned()
            .collect();
        let keys = before.union(&after).filter(|k| exists.contains(k));
        let pages = render(&renderer, keys)?;
        Ok((Rendered { pages, removed }, view))
    }
}

/// The output paths of the search index files among `keys`.
fn search_paths(keys: &[PageKey]) -> BTreeSet<String> {
    keys.iter()
        .filter(|k| matches!(k, PageKey::SearchIndex(_)))
        .map(PageKey::path)
        .collect()
}

fn render<'k>(
    renderer: &PageRenderer,
    keys: impl Iterator<Item = &'k PageKey>,
) -> Result<Vec<(String, Vec<u8>)>> {
    use rayon::prelude::*;
    let keys: Vec<&PageKey> = keys.collect();
    keys.par_iter().map(|k| renderer.render_page(k)).collect()
}

fn view_of(site: &Site, urls: &Urls) -> String {
    serde_json::to_string(&SiteView::new(site, urls)).unwrap_or_default()
}

fn graph_of(texts: &BTreeMap<String, String>) -> TemplateGraph {
    TemplateGraph::parse(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())))
}

/// The templates, and their texts by name (for the template graph). Each
/// file is read once: reading it again could see a newer version than the
/// one the templates were built from, and that edit would then be missed.
/// Deleting an override brings back the built-in text, which the diff
/// then sees as a changed template.
fn load_templates(root: &Path, urls: &Urls) -> Result<(Templates, BTreeMap<String, String>)> {
    let sources = crate::render::templates::read_sources(&Layout::new(root).templates())?;
    let texts = sources
        .iter()
        .map(|(n, s)| (n.clone(), s.text.clone()))
        .collect();
    let templates = Templates::from_sources(sources, urls)?;
    Ok((templates, texts))
}

/// Names of templates added, removed or changed between two loads.
fn changed_templates<'a>(
    old: &'a BTreeMap<String, String>,
    new: &'a BTreeMap<String, String>,
) -> impl Iterator<Item = String> + 'a {
    let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    names
        .into_iter()
        .filter(|n| old.get(*n) != new.get(*n))
        .cloned()
}

/// Every static file served, by path under `static/`: the built-in ones
/// and the edition's.
fn static_files(root: &Path) -> Result<Vec<String>> {
    Ok(theme::static_files(root)?.into_iter().collect())
}

/// Changed static paths expanded to files: those now under a changed
/// directory and those served from under it before.
fn expand_static(
    root: &Path,
    out: &ServedDir,
    changed: &BTreeSet<String>,
) -> Result<BTreeSet<String>> {
    if changed.is_empty() {
        return Ok(BTreeSet::new());
    }
    let now = static_files(root)?;
    let served: Vec<String> = out
        .files()?
        .into_iter()
        .filter_map(|f| f.strip_prefix("static/").map(str::to_string))
        .collect();
    let under = |f: &String, c: &String| f == c || f.starts_with(&format!("{c}/"));
    let mut files = BTreeSet::new();
    for c in changed {
        files.extend(now.iter().chain(&served).filter(|f| under(f, c)).cloned());
        files.insert(c.clone());
    }
    Ok(files)
}

/// A batch of changed paths, sorted by what they feed.
#[derive(Debug, Default)]
struct Sorted {
    everything: bool,
    templates: bool,
    articles: BTreeSet<PathBuf>,
    terms: BTreeSet<PathBuf>,
    pages: BTreeSet<PathBuf>,
    sources: BTreeSet<PathBuf>,
    translations: BTreeSet<PathBuf>,
    statics: BTreeSet<String>,
}

impl Sorted {
    fn new<'a>(root: &Path, paths: impl IntoIterator<Item = &'a PathBuf>) -> Self {
        let mut s = Sorted::default();
        for p in paths {
            match Layout::new(root).classify(p) {
                // Annotations are few and touch their article's page only, but
                // their anchors are checked against the analysis: rebuild all.
                InputKind::Config | InputKind::Everything | InputKind::Annotation => {
                    s.everything = true
                }
                InputKind::Article => drop(s.articles.insert(p.clone())),
                InputKind::Term => drop(s.terms.insert(p.clone())),
                InputKind::Page => drop(s.pages.insert(p.clone())),
                InputKind::Source => drop(s.sources.insert(p.clone())),
                InputKind::Translation => drop(s.translations.insert(p.clone())),
                InputKind::Template => s.templates = true,
                InputKind::Static(rel) => drop(s.statics.insert(rel)),
                InputKind::Ignored => {}
            }
        }
        s
    }
}

/// New versions of changed content files, by path; `None` is a deletion.
#[derive(Default)]
pub(super) struct Edits {
    pub(super) articles: Vec<(PathBuf, Option<Article>)>,
    pub(super) terms: Vec<(PathBuf, Option<Term>)>,
    pages: Vec<(PathBuf, Option<Page>)>,
    sources: Vec<(PathBuf, Option<Source>)>,
    translations: Vec<(PathBuf, Option<Translation>)>,
}

impl Edits {
    /// Step 2: reads and parses every changed file, collecting errors.
    fn read(site: &Site, sorted: &Sorted) -> Result<Self> {
        let mut errors = Vec::new();
        let e = &mut errors;
        let edits = Edits {
            articles: read_section(
                &sorted.articles,
                paths(&site.articles, |a| &a.path),
                "md",
                e,
                |p| read_text(p).and_then(|t| Article::parse(&t, p)),
            ),
            terms: read_section(
                &sorted.terms,
                paths(&site.terms, |t| &t.path),
                "md",
                e,
                |p| read_text(p).and_then(|t| Term::parse(&t, p)),
            ),
            pages: read_section(
                &sorted.pages,
                paths(&site.pages, |x| &x.path),
                "md",
                e,
                |p| read_text(p).and_then(|t| Page::parse(&t, p)),
            ),
            sources: read_section(
                &sorted.sources,
                paths(&site.sources, |s| &s.path),
                "txt",
                e,
                |p| {
                    let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
                    Source::from_bytes(&bytes, p)
                },
            ),
            translations: read_section(
                &sorted.translations,
                paths(&site.translations, |t| &t.path),
                "md",
                e,
                |p| read_text(p).and_then(|t| Translation::parse(&t, p)),
            ),
        };
        Error::collect(errors)?;
        Ok(edits)
    }

    /// The changes as `deps` inputs, judged against the site before them.
    fn inputs(&self, site: &Site) -> Vec<Input> {
        let mut inputs = Vec::new();
        for (path, new) in &self.articles {
            let old = site.articles.iter().find(|a| &a.path == path);
            let same = |o: &Article, n: &Article| o.slug == n.slug && o.meta == n.meta;
            let scope = match (old, new) {
                (Some(o), Some(n)) if same(o, n) => Scope::Body,
                _ => Scope::Listing,
            };
            inputs.push(Input::Article {
                path: path.clone(),
                scope,
            });
        }
        inputs.extend(self.terms.iter().map(|(p, _)| Input::Term(p.clone())));
        inputs.extend(self.pages.iter().map(|(p, _)| Input::Page(p.clone())));
        inputs.extend(self.sources.iter().map(|(p, _)| Input::Source(p.clone())));
        inputs.extend(
            self.translations
                .iter()
                .map(|(p, _)| Input::Translation(p.clone())),
        );
        inputs
    }

    /// Swaps the new versions into `site`; returns the edits that undo it.
    fn apply(&self, site: &mut Site) -> Edits {
        let undo = Edits {
            articles: swap_all(&mut site.articles, &self.articles, |a| &a.path),
            terms: swap_all(&mut site.terms, &self.terms, |t| &t.path),
            pages: swap_all(&mut site.pages, &self.pages, |p| &p.path),
            sources: swap_all(&mut site.sources, &self.sources, |s| &s.path),
            translations: swap_all(&mut site.translations, &self.translations, |t| &t.path),
        };
        if self.reorders(&undo) {
            site.sort();
        }
        undo
    }

    /// Whether applying `self` (whose inverse is `undo`) can change the
    /// order of the site: anything but an article body edited in place.
    fn reorders(&self, undo: &Edits) -> bool {
        let in_place = |o: &Option<Article>, n: &Option<Article>| match (o, n) {
            (Some(o), Some(n)) => o.slug == n.slug && o.meta == n.meta,
            _ => false,
        };
        let articles_moved = self
            .articles
            .iter()
            .zip(&undo.articles)
            .any(|((_, n), (_, o))| !in_place(o, n));
        articles_moved
            || !self.terms.is_empty()
            || !self.pages.is_empty()
            || !self.sources.is_empty()
            || !self.translations.is_empty()
    }

    /// Re-scans term usage for the articles and terms these edits touch.
    fn update_usage(&self, site: &Site, usage: &mut TermUsage) {
        for (path, _) in &self.articles {
            usage.update_article(site, path);
        }
        if self.terms.is_empty() {
            return;
        }
        let mut ids: BTreeSet<TermId> = BTreeSet::new();
        for (path, new) in &self.terms {
            ids.extend(new.iter().map(|t| t.id.clone()));
            // A deleted or renamed entry's id is its old file stem.
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            ids.extend(TermId::new(stem).ok());
        }
        usage.update_terms(site, &ids);
    }
}

/// Replaces each item at a path by its new version (in place when both
/// exist, so the order holds); returns the old versions.
fn swap_all<T: Clone>(
    items: &mut Vec<T>,
    edits: &[(PathBuf, Option<T>)],
    path_of: fn(&T) -> &PathBuf,
) -> Vec<(PathBuf, Option<T>)> {
    let mut undo = Vec::new();
    for (path, new) in edits {
        let at = items.iter().position(|x| path_of(x) == path);
        let old = match (at, new.clone()) {
            (Some(i), Some(n)) => Some(std::mem::replace(&mut items[i], n)),
            (Some(i), None) => Some(items.remove(i)),
            (None, Some(n)) => {
                items.push(n);
                None
            }
            (None, None) => None,
        };
        undo.push((path.clone(), old));
    }
    undo.reverse();
    undo
}

fn paths<T>(items: &[T], path_of: fn(&T) -> &PathBuf) -> Vec<&Path> {
    items.iter().map(|x| path_of(x).as_path()).collect()
}

/// The files of one content section to re-read: changed files, files under
/// changed directories, and items the site has under a changed path (a
/// deleted file or folder). Each is loaded if it still exists.
fn read_section<T>(
    changed: &BTreeSet<PathBuf>,
    known: Vec<&Path>,
    ext: &str,
    errors: &mut Vec<Error>,
    load: fn(&Path) -> Result<T>,
) -> Vec<(PathBuf, Option<T>)> {
    let mut out = Vec::new();
    for path in expand(changed, &known, ext, errors) {
        let new = match path.is_file() {
            true => match load(&path) {
                Ok(item) => Some(item),
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            },
            false => None,
        };
        if new.is_some() || known.contains(&path.as_path()) {
            out.push((path, new));
        }
    }
    out
}

fn expand(
    changed: &BTreeSet<PathBuf>,
    known: &[&Path],
    ext: &str,
    errors: &mut Vec<Error>,
) -> BTreeSet<PathBuf> {
    let mut paths = BTreeSet::new();
    for c in changed {
        if c.is_dir() {
            paths.extend(files_in(c, ext, errors));
        } else if is_content_file(c, ext) {
            paths.insert(c.clone());
        }
        paths.extend(
            known
                .iter()
                .filter(|k| k.starts_with(c))
                .map(|k| k.to_path_buf()),
        );
    }
    paths
}

/// What `content::load` reads: visible files with the extension.
fn is_content_file(path: &Path, ext: &str) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !name.starts_with('.') && path.extension().and_then(|e| e.to_str()) == Some(ext)
}

/// A malformed emendation or an annotation whose passage is gone stops
/// `jiedu build`; the dev server shows the page without it and says so.
fn warn_lost_annotations(site: &Site, analysis: &crate::site::analysis::Analysis) {
    for e in crate::site::annotations::problems(site, analysis) {
        eprintln!("warning: {e}");
    }
}
