//! Writing rendered pages and static files into the output as `jiedu
//! build` would: a static file of the same path overrides a page (build
//! copies static files last), and a full rebuild deletes whatever a build
//! would not have written.

use super::outcome::Outcome;
use super::output::OutputDir;
use crate::error::Result;
use crate::layout::Layout;
use crate::site::theme;
use std::collections::BTreeSet;

/// Writes into one output directory for one edition.
pub struct OutputWriter<'a> {
    layout: &'a Layout,
    out: &'a OutputDir,
}

impl<'a> OutputWriter<'a> {
    /// A writer of the edition at `layout` into `out`.
    pub fn new(layout: &'a Layout, out: &'a OutputDir) -> Self {
        OutputWriter { layout, out }
    }

    /// Makes the output hold exactly `pages` and the static files: writes
    /// what differs, deletes what a build would not have written.
    pub fn sync(&self, pages: Vec<(String, Vec<u8>)>, outcome: &mut Outcome) -> Result<()> {
        let mut wanted = BTreeSet::new();
        for (rel, bytes) in pages {
            self.put_page(&rel, &bytes, outcome)?;
            wanted.insert(rel);
        }
        for rel in theme::static_files(self.layout.root())? {
            self.copy_static(&rel, outcome)?;
            wanted.insert(format!("static/{rel}"));
        }
        for rel in self.out.files()?.difference(&wanted) {
            self.remove(rel, outcome)?;
        }
        Ok(())
    }

    /// Writes a rendered page, unless a static file of the same path
    /// overrides it.
    pub fn put_page(&self, rel: &str, bytes: &[u8], outcome: &mut Outcome) -> Result<()> {
        let shadowed = match rel.strip_prefix("static/") {
            Some(s) => theme::read_static(self.layout.root(), s)?.is_some(),
            None => false,
        };
        if !shadowed && self.out.put(rel, bytes)? {
            outcome.written.push(rel.to_string());
        }
        Ok(())
    }

    /// Deletes the output file `rel`, if there is one.
    pub fn remove(&self, rel: &str, outcome: &mut Outcome) -> Result<()> {
        if self.out.remove(rel)? {
            outcome.removed.push(rel.to_string());
        }
        Ok(())
    }

    /// Brings the static files under the `changed` paths (files or
    /// folders, under `templates/static/`) up to date. A static file gone
    /// brings back the page it shadowed, whose bytes `page_at` gives.
    pub fn update_statics(
        &self,
        changed: &BTreeSet<String>,
        page_at: impl Fn(&str) -> Result<Option<Vec<u8>>>,
        outcome: &mut Outcome,
    ) -> Result<()> {
        if changed.is_empty() {
            return Ok(());
        }
        let now = theme::static_files(self.layout.root())?;
        for rel in self.expand_static(&now, changed)? {
            let to = format!("static/{rel}");
            if now.contains(&rel) {
                self.copy_static(&rel, outcome)?;
            } else if let Some(bytes) = page_at(&to)? {
                self.put_page(&to, &bytes, outcome)?;
            } else {
                self.remove(&to, outcome)?;
            }
        }
        Ok(())
    }

    fn copy_static(&self, rel: &str, outcome: &mut Outcome) -> Result<()> {
        let Some(bytes) = theme::read_static(self.layout.root(), rel)? else {
            return Ok(());
        };
        let to = format!("static/{rel}");
        if self.out.put(&to, &bytes)? {
            outcome.written.push(to);
        }
        Ok(())
    }

    /// Changed static paths expanded to files: those now under a changed
    /// directory and those served from under it before.
    fn expand_static(
        &self,
        now: &BTreeSet<String>,
        changed: &BTreeSet<String>,
    ) -> Result<BTreeSet<String>> {
        let served: Vec<String> = self
            .out
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, Layout, OutputDir) {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(dir.path());
        let out = OutputDir::open(&dir.path().join("out")).unwrap();
        (dir, layout, out)
    }

    #[test]
    fn a_static_file_shadows_a_page_and_its_removal_brings_it_back() {
        let (_dir, layout, out) = setup();
        let writer = OutputWriter::new(&layout, &out);
        let own = layout.static_dir().join("highlight.css");
        std::fs::create_dir_all(own.parent().unwrap()).unwrap();
        std::fs::write(&own, "own").unwrap();
        let mut outcome = Outcome::default();
        writer
            .sync(
                vec![("static/highlight.css".into(), b"made".to_vec())],
                &mut outcome,
            )
            .unwrap();
        let served = out.path().join("static/highlight.css");
        assert_eq!(std::fs::read_to_string(&served).unwrap(), "own");

        std::fs::remove_file(&own).unwrap();
        let changed = BTreeSet::from(["highlight.css".to_string()]);
        let page = |rel: &str| Ok((rel == "static/highlight.css").then(|| b"made".to_vec()));
        let mut outcome = Outcome::default();
        writer.update_statics(&changed, page, &mut outcome).unwrap();
        assert_eq!(std::fs::read_to_string(&served).unwrap(), "made");
        assert_eq!(outcome.written, ["static/highlight.css"]);
    }

    #[test]
    fn a_full_sync_deletes_what_a_build_would_not_write() {
        let (_dir, layout, out) = setup();
        out.put("stale/index.html", b"old").unwrap();
        out.put("index.html", b"same").unwrap();
        let writer = OutputWriter::new(&layout, &out);
        let mut outcome = Outcome::default();
        writer
            .sync(vec![("index.html".into(), b"same".to_vec())], &mut outcome)
            .unwrap();
        assert_eq!(outcome.removed, ["stale/index.html"]);
        assert!(!outcome.written.contains(&"index.html".to_string()));
        assert!(out.files().unwrap().contains("index.html"));
    }

    #[test]
    fn a_deleted_static_folder_removes_every_file_served_from_it() {
        let (_dir, layout, out) = setup();
        let writer = OutputWriter::new(&layout, &out);
        out.put("static/fonts/a.woff2", b"a").unwrap();
        out.put("static/fonts/b.woff2", b"b").unwrap();
        let changed = BTreeSet::from(["fonts".to_string()]);
        let mut outcome = Outcome::default();
        writer
            .update_statics(&changed, |_| Ok(None), &mut outcome)
            .unwrap();
        assert_eq!(
            outcome.removed,
            ["static/fonts/a.woff2", "static/fonts/b.woff2"]
        );
    }
}
