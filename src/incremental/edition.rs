//! The edition as last rendered into the output, kept in memory, and how
//! an edit moves it forward: swap the edited files in, bring the glossary
//! analysis up to date, name and render the pages that changed — or, on
//! any error, put everything back as it was.

use super::delta;
use super::deps::{self, Input};
use super::edits::Edits;
use super::pages::{render, search_paths, site_view, PageSources};
use super::reanalyse::{GlossaryState, OldAnalysis, Reanalysis};
use super::rewrite::{ListingPages, PendingWrites, RewritePlan};
use super::search::{SearchIndexState, SearchSnapshot};
use super::templates::TemplateSet;
use super::term_usage::TermUsage;
use crate::config::BaseUrl;
use crate::content::load::check_site;
use crate::content::{self, Site};
use crate::error::Result;
use crate::layout::Layout;
use crate::render::Highlighter;
use crate::site::analysis::Analysis;
use crate::site::pages::{listing_pages, PageKey};
use crate::url::Urls;
use std::collections::BTreeSet;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

/// The edition as last rendered into the output.
pub struct LiveEdition {
    site: Site,
    urls: Urls,
    templates: TemplateSet,
    /// Which article mentions which term (for glossary edits).
    usage: TermUsage,
    /// Rendered bodies and glossary occurrences of the site as it is.
    glossary: GlossaryState,
    /// Whether the search index lags (it is refreshed apart, when idle).
    search: SearchIndexState,
    /// Pages of the article listing (each shows how many there are).
    listing_pages: usize,
    /// The site-wide template variables, serialized: when they change
    /// (a page joins the navigation), every page changes.
    view: String,
}

/// Every page of a full build, (output path, bytes).
pub type AllPages = Vec<(String, Vec<u8>)>;

/// A loaded edition, every page of it, and which of those pages are the
/// search index's files.
pub type Loaded = (LiveEdition, AllPages, BTreeSet<String>);

impl LiveEdition {
    /// Loads, checks and analyses the edition at `layout` with links for
    /// `base_url`, and renders every page. `generation` counts the changes
    /// under the search index (see [`SearchIndexState`]).
    pub fn load(
        layout: &Layout,
        base_url: &BaseUrl,
        hl: &Highlighter,
        generation: Arc<AtomicU64>,
    ) -> Result<Loaded> {
        let mut site = content::load(layout.root())?;
        site.config.base_url = base_url.clone();
        let urls = Urls::new(base_url.clone());
        let templates = TemplateSet::load(layout, &urls)?;
        crate::glossary::validate(&site.terms)?;
        let glossary = GlossaryState::analyse(&site, &urls, hl);
        warn_lost_annotations(&site, glossary.analysis());
        let (pages, index) = {
            let sources = PageSources {
                site: &site,
                urls: &urls,
                templates: templates.templates(),
                highlighter: hl,
                analysis: glossary.analysis(),
            };
            let index = sources.search_index();
            let renderer = sources.renderer().with_search(&index);
            let keys = renderer.keys();
            let pages = render(&renderer, keys.iter())?;
            (pages, search_paths(&keys))
        };
        let edition = LiveEdition {
            usage: TermUsage::new(&site),
            view: site_view(&site, &urls),
            listing_pages: listing_pages(site.articles.len()),
            site,
            urls,
            templates,
            glossary,
            search: SearchIndexState::written(generation),
        };
        Ok((edition, pages, index))
    }

    /// The site.
    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Its links.
    pub fn urls(&self) -> &Urls {
        &self.urls
    }

    fn pages<'a>(&'a self, templates: &'a TemplateSet, hl: &'a Highlighter) -> PageSources<'a> {
        PageSources {
            site: &self.site,
            urls: &self.urls,
            templates: templates.templates(),
            highlighter: hl,
            analysis: self.glossary.analysis(),
        }
    }

    /// Applies `edits` (and the templates `reloaded`, if any): the pages to
    /// write and delete, or an error with the edition as it was.
    pub fn apply(
        &mut self,
        edits: &Edits,
        reloaded: Option<TemplateSet>,
        hl: &Highlighter,
    ) -> Result<PendingWrites> {
        let mut inputs = edits.inputs(&self.site);
        if let Some(new) = &reloaded {
            let changed = new.changed_since(&self.templates);
            inputs.extend(changed.into_iter().map(Input::Template));
        }
        // Every page of the old site but the search index, which is
        // refreshed apart: term-occurrence pages come and go with content.
        let all_before = self.pages(&self.templates, hl).renderer().page_keys();
        let graph = self.templates.graph();
        let mut before = deps::affected(&self.site, &self.usage, graph, &all_before, &inputs);
        let plan = Reanalysis::plan(&self.site, &self.glossary, &self.urls, (edits, &inputs), hl);
        let old_order = (!edits.articles().is_empty()).then(|| delta::slugs(&self.site));
        let undo = edits.apply(&mut self.site);
        if let Some(old) = old_order {
            before.extend(delta::shifted_listing(&old, &delta::slugs(&self.site)));
        }
        let mut old_analysis = None;
        let step = Step {
            edits,
            inputs: &inputs,
            reloaded: reloaded.as_ref(),
            hl,
        };
        let (pending, view) = match self.update(step, plan, &mut old_analysis, before) {
            Ok(done) => done,
            Err(e) => {
                undo.apply(&mut self.site);
                edits.update_usage(&self.site, &mut self.usage);
                if let Some(old) = old_analysis {
                    self.glossary.restore(old, &self.site, &self.urls, hl);
                }
                return Err(e);
            }
        };
        if old_analysis.is_some() {
            warn_lost_annotations(&self.site, self.glossary.analysis());
        }
        // The search index holds the translations' text too (issue 19).
        if old_analysis.is_some() || edits.touches_translations() {
            self.search.mark_stale();
        }
        match edits.touches_glossary() {
            true => self.search.forget_all(),
            false => self
                .search
                .forget(edits.articles().iter().map(|(path, _)| path)),
        }
        if let Some(templates) = reloaded {
            self.templates = templates;
        }
        self.view = view;
        self.listing_pages = listing_pages(self.site.articles.len());
        Ok(pending)
    }

    /// On the site with the edits swapped in: the cross-file checks, term
    /// usage, the analysis, and the pages to write. `old_analysis` is set
    /// once the analysis changed, so a caller undoing can put it back.
    fn update(
        &mut self,
        step: Step,
        plan: Option<Reanalysis>,
        old_analysis: &mut Option<OldAnalysis>,
        mut before: BTreeSet<PageKey>,
    ) -> Result<(PendingWrites, String)> {
        check_site(&self.site)?;
        crate::glossary::validate(&self.site.terms)?;
        step.edits.update_usage(&self.site, &mut self.usage);
        if let Some(plan) = plan {
            let (pages, old) = plan.run(&self.site, &mut self.glossary, &self.urls, step.hl);
            *old_analysis = Some(old);
            before.extend(pages);
        }
        let templates = step.reloaded.unwrap_or(&self.templates);
        self.render_changed(templates, step.hl, step.inputs, before)
    }

    /// The pages the edit changed, rendered; and the new site view.
    fn render_changed(
        &self,
        templates: &TemplateSet,
        hl: &Highlighter,
        inputs: &[Input],
        before: BTreeSet<PageKey>,
    ) -> Result<(PendingWrites, String)> {
        let renderer = self.pages(templates, hl).renderer();
        let all = renderer.page_keys();
        let view = site_view(&self.site, &self.urls);
        let after = match view == self.view {
            true => deps::affected(&self.site, &self.usage, templates.graph(), &all, inputs),
            false => all.iter().cloned().collect(),
        };
        let listing = ListingPages {
            before: self.listing_pages,
            after: renderer.listing_pages(),
        };
        let plan = RewritePlan::new(&all, before, after, listing);
        let pages = render(&renderer, plan.render.iter())?;
        let removed = plan.delete;
        Ok((PendingWrites { pages, removed }, view))
    }

    /// The bytes of the page at output path `rel`, if the site has one.
    pub fn page_at(&self, rel: &str, hl: &Highlighter) -> Result<Option<Vec<u8>>> {
        // Search index files are never shadowed (they are not under
        // `static/`), so the pages without the index are enough.
        let renderer = self.pages(&self.templates, hl).renderer();
        match renderer.page_keys().into_iter().find(|k| k.path() == rel) {
            Some(key) => Ok(Some(renderer.render_page(&key)?.1)),
            None => Ok(None),
        }
    }

    /// Whether the search index lags behind the site.
    pub fn search_stale(&self) -> bool {
        self.search.is_stale()
    }

    /// What the search index of the site as it is now is built from;
    /// the index counts as fresh from here on (a refresh is under way).
    pub fn search_snapshot(&mut self) -> SearchSnapshot {
        self.search
            .snapshot(&self.site, self.glossary.analysis(), &self.urls)
    }
}

/// What one edit brings besides the site: the parsed files, their graph
/// inputs, new templates.
#[derive(Clone, Copy)]
struct Step<'a> {
    edits: &'a Edits,
    inputs: &'a [Input],
    reloaded: Option<&'a TemplateSet>,
    hl: &'a Highlighter,
}

/// A malformed emendation or an annotation whose passage is gone stops
/// `jiedu build`; the dev server shows the page without it and says so.
fn warn_lost_annotations(site: &Site, analysis: &Analysis) {
    for e in crate::site::annotations::problems(site, analysis) {
        eprintln!("warning: {e}");
    }
}
