//! The incremental layer's entry point: a [`Session`] keeps one output
//! directory byte-for-byte equal to what `jiedu build` would write for an
//! edition, and brings it up to date after each batch of changed paths.

use super::edition::LiveEdition;
use super::edits::Edits;
use super::inputs::ChangedPaths;
use super::outcome::Outcome;
use super::output::OutputDir;
use super::rewrite::PendingWrites;
use super::templates::TemplateSet;
use super::writer::OutputWriter;
use crate::config::BaseUrl;
use crate::error::Result;
use crate::layout::Layout;
use crate::render::Highlighter;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Keeps an output directory equal to a build of an edition.
///
/// ```no_run
/// use jiedu::incremental::{OutputDir, Session};
/// use jiedu::layout::Layout;
/// # fn main() -> jiedu::Result<()> {
/// let base = jiedu::config::BaseUrl::parse("http://127.0.0.1:1111/").unwrap();
/// let mut session = Session::open(Layout::new("."), OutputDir::open("out".as_ref())?, base);
/// session.apply(Vec::new(), true)?; // the first, full build
/// let outcome = session.apply(vec!["content/articles/a.md".into()], false)?;
/// println!("wrote {:?}", outcome.written);
/// # Ok(())
/// # }
/// ```
pub struct Session {
    layout: Layout,
    out: OutputDir,
    base_url: BaseUrl,
    highlighter: Highlighter,
    edition: Option<LiveEdition>,
    /// Changed paths not yet applied (their last rebuild failed).
    pending: BTreeSet<PathBuf>,
    /// The next rebuild must be a full one.
    full: bool,
}

impl Session {
    /// A session for the edition at `layout` (absolute) writing into
    /// `out`, with links for `base_url`. Nothing is built until
    /// [`Session::apply`].
    pub fn open(layout: Layout, out: OutputDir, base_url: BaseUrl) -> Self {
        Session {
            layout,
            out,
            base_url,
            highlighter: Highlighter::new(),
            edition: None,
            pending: BTreeSet::new(),
            full: true,
        }
    }

    /// Whether a site has been built (the output is worth serving).
    pub fn has_site(&self) -> bool {
        self.edition.is_some()
    }

    /// Forgets the in-memory edition, so the next rebuild is a full one.
    /// Called after a rebuild panicked and may have left it half-changed.
    pub fn poison(&mut self) {
        self.edition = None;
        self.full = true;
    }

    /// Brings the output up to date with `changed` paths (plus any still
    /// pending from a failed rebuild); `rescan` forces a full rebuild, as
    /// do `site.yaml`, an annotation, or no edition in memory.
    ///
    /// An error leaves the edition in memory and the output as they were;
    /// the paths stay pending and are retried with the next call.
    pub fn apply(&mut self, changed: Vec<PathBuf>, rescan: bool) -> Result<Outcome> {
        self.pending.extend(changed);
        let sorted = ChangedPaths::sort(&self.layout, &self.pending);
        self.full |= rescan || sorted.everything || self.edition.is_none();
        let result = match self.full {
            true => self.full_build(),
            false => self.incremental(&sorted),
        };
        if result.is_ok() {
            self.pending.clear();
            self.full = false;
        }
        result
    }

    /// Whether the search index lags behind the site: content edits leave
    /// it for [`Session::refresh_search`], so that the page being edited
    /// reloads without waiting for an index of the whole edition.
    pub fn search_stale(&self) -> bool {
        self.edition.as_ref().is_some_and(LiveEdition::search_stale)
    }

    /// Rebuilds the search index, writes the files that changed and
    /// deletes those it no longer has.
    pub fn refresh_search(&mut self) -> Result<Outcome> {
        let mut outcome = Outcome::default();
        let Some(edition) = self.edition.as_mut() else {
            return Ok(outcome);
        };
        let index = edition.refresh_search(&self.highlighter)?;
        let writer = OutputWriter::new(&self.layout, &self.out);
        for (rel, bytes) in &index.pages {
            writer.put_page(rel, bytes, &mut outcome)?;
        }
        for rel in &index.gone {
            writer.remove(rel, &mut outcome)?;
        }
        Ok(outcome)
    }

    /// Loads and renders everything, then writes what differs and deletes
    /// what a build would not have written.
    fn full_build(&mut self) -> Result<Outcome> {
        self.edition = None;
        let (edition, pages) = LiveEdition::load(&self.layout, &self.base_url, &self.highlighter)?;
        let mut outcome = Outcome {
            full: true,
            ..Outcome::default()
        };
        OutputWriter::new(&self.layout, &self.out).sync(pages, &mut outcome)?;
        self.edition = Some(edition);
        Ok(outcome)
    }

    /// Reads the changed files, applies them to the edition in memory,
    /// writes the pages they changed.
    fn incremental(&mut self, changed: &ChangedPaths) -> Result<Outcome> {
        let Some(edition) = self.edition.as_mut() else {
            return self.full_build();
        };
        let edits = Edits::read(edition.site(), changed)?;
        let reloaded = match changed.templates {
            true => Some(TemplateSet::load(&self.layout, edition.urls())?),
            false => None,
        };
        let pending = edition.apply(&edits, reloaded, &self.highlighter)?;
        let mut outcome = Outcome::default();
        let written = self.write(pending, changed, &mut outcome);
        if written.is_err() {
            // The edition in memory is ahead of the output now; start over.
            self.full = true;
        }
        written.map(|()| outcome)
    }

    fn write(
        &self,
        pending: PendingWrites,
        changed: &ChangedPaths,
        outcome: &mut Outcome,
    ) -> Result<()> {
        let writer = OutputWriter::new(&self.layout, &self.out);
        for (rel, bytes) in &pending.pages {
            outcome.rendered.push(rel.clone());
            writer.put_page(rel, bytes, outcome)?;
        }
        for key in &pending.removed {
            writer.remove(&key.path(), outcome)?;
        }
        let page_at = |rel: &str| match &self.edition {
            Some(edition) => edition.page_at(rel, &self.highlighter),
            None => Ok(None),
        };
        writer.update_statics(&changed.statics, page_at, outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incremental::test_site::{edition, files, fresh_build, term, write, BASE};

    fn open(root: &std::path::Path) -> Session {
        let out = OutputDir::open(&root.join(".out")).unwrap();
        Session::open(Layout::new(root), out, BaseUrl::parse(BASE).unwrap())
    }

    #[test]
    fn a_failed_edit_changes_nothing_and_is_retried_until_fixed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        edition(&root);
        let mut session = open(&root);
        assert!(session.apply(Vec::new(), false).unwrap().full);
        let built = files(&root.join(".out"));

        // A parent that does not exist fails after the swap: undone.
        let entry = root.join("content/glossary/qing-lian.md");
        let bad = term("清廉重庆", "parent: nope\n", "改了。");
        write(&root, "content/glossary/qing-lian.md", &bad);
        assert!(session.apply(vec![entry.clone()], false).is_err());
        assert_eq!(files(&root.join(".out")), built, "the output is untouched");
        assert!(session.has_site());
        // The path stays pending: a later batch without it retries it.
        assert!(session.apply(Vec::new(), false).is_err());

        write(
            &root,
            "content/glossary/qing-lian.md",
            &term("清廉重庆", "", "改了。"),
        );
        let outcome = session.apply(Vec::new(), false).unwrap();
        assert!(!outcome.full && !outcome.written.is_empty());
        if session.search_stale() {
            session.refresh_search().unwrap();
        }
        assert!(files(&root.join(".out")) == fresh_build(&root));
    }

    #[test]
    fn a_poisoned_session_rebuilds_everything_and_deletes_strays() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        edition(&root);
        let mut session = open(&root);
        session.apply(Vec::new(), false).unwrap();
        std::fs::write(root.join(".out/stray.html"), "x").unwrap();
        session.poison();
        assert!(!session.has_site());
        let outcome = session.apply(Vec::new(), false).unwrap();
        assert!(outcome.full);
        assert_eq!(outcome.removed, ["stray.html"]);
        assert!(files(&root.join(".out")) == fresh_build(&root));
    }
}
