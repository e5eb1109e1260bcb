//! The content files an edit changed, read and parsed, and swapped into
//! the site with a way back: applying [`Edits`] returns the edits that
//! undo them, so a rebuild that fails later leaves the site as it was.

use super::deps::{ArticleChange, Input};
use super::inputs::ChangedPaths;
use super::term_usage::TermUsage;
use crate::content::load::{files_in, read_text};
use crate::content::{Article, Page, Site, Source, Term, Translation};
use crate::error::{Error, Result};
use crate::ids::TermId;
use std::collections::BTreeSet;
use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// New versions of one kind of content file, by path; `None` is a deletion.
pub type Versions<T> = Vec<(PathBuf, Option<T>)>;

/// New versions of changed content files.
#[derive(Debug, Default)]
pub struct Edits {
    articles: Versions<Article>,
    terms: Versions<Term>,
    pages: Versions<Page>,
    sources: Versions<Source>,
    translations: Versions<Translation>,
}

impl Edits {
    /// Reads and parses every changed file, collecting every error: files
    /// named in `changed`, files under changed directories, and items the
    /// site has under a changed path (a deleted file or folder).
    pub fn read(site: &Site, changed: &ChangedPaths) -> Result<Self> {
        let mut errors = Vec::new();
        let e = &mut errors;
        let edits = Edits {
            articles: read_section(
                &changed.articles,
                paths(&site.articles, |a| &a.path),
                "md",
                e,
                |p| read_text(p).and_then(|t| Article::parse(&t, p)),
            ),
            terms: read_section(
                &changed.terms,
                paths(&site.terms, |t| &t.path),
                "md",
                e,
                |p| read_text(p).and_then(|t| Term::parse(&t, p)),
            ),
            pages: read_section(
                &changed.pages,
                paths(&site.pages, |x| &x.path),
                "md",
                e,
                |p| read_text(p).and_then(|t| Page::parse(&t, p)),
            ),
            sources: read_section(
                &changed.sources,
                paths(&site.sources, |s| &s.path),
                "txt",
                e,
                |p| {
                    let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
                    Source::from_bytes(&bytes, p)
                },
            ),
            translations: read_section(
                &changed.translations,
                paths(&site.translations, |t| &t.path),
                "md",
                e,
                |p| read_text(p).and_then(|t| Translation::parse(&t, p)),
            ),
        };
        Error::collect(errors)?;
        Ok(edits)
    }

    /// Edits of articles alone, for tests.
    #[cfg(test)]
    pub fn of_articles(articles: Versions<Article>) -> Self {
        Edits {
            articles,
            ..Edits::default()
        }
    }

    /// Edits of glossary entries alone, for tests.
    #[cfg(test)]
    pub fn of_terms(terms: Versions<Term>) -> Self {
        Edits {
            terms,
            ..Edits::default()
        }
    }

    /// The edited articles' new versions, by path.
    pub fn articles(&self) -> &[(PathBuf, Option<Article>)] {
        &self.articles
    }

    /// Whether a glossary entry was edited, added or deleted.
    pub fn touches_glossary(&self) -> bool {
        !self.terms.is_empty()
    }

    /// Whether a translation was edited, added or deleted.
    pub fn touches_translations(&self) -> bool {
        !self.translations.is_empty()
    }

    /// The changes as inputs of the dependency graph, judged against the
    /// site before them.
    pub fn inputs(&self, site: &Site) -> Vec<Input> {
        let mut inputs = Vec::new();
        for (path, new) in &self.articles {
            let old = site.articles.iter().find(|a| &a.path == path);
            let change = match (old, new) {
                (Some(o), Some(n)) if same_listing(o, n) => ArticleChange::Body,
                _ => ArticleChange::Listing,
            };
            inputs.push(Input::Article {
                path: path.clone(),
                change,
            });
        }
        inputs.extend(self.terms.iter().map(|(p, _)| Input::Term(p.clone())));
        inputs.extend(self.pages.iter().map(|(p, _)| Input::Page(p.clone())));
        inputs.extend(self.sources.iter().map(|(p, _)| Input::Source(p.clone())));
        let translations = self.translations.iter();
        inputs.extend(translations.map(|(p, _)| Input::Translation(p.clone())));
        inputs
    }

    /// Swaps the new versions into `site`; returns the edits that undo it.
    pub fn apply(&self, site: &mut Site) -> Edits {
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
            (Some(o), Some(n)) => same_listing(o, n),
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

    /// Re-scans term usage for the articles and terms these edits touch,
    /// as they are in `site`.
    pub fn update_usage(&self, site: &Site, usage: &mut TermUsage) {
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

/// Whether two versions of an article list the same way (slug and
/// front-matter): then only its body changed.
fn same_listing(old: &Article, new: &Article) -> bool {
    old.slug == new.slug && old.meta == new.meta
}

/// Replaces each item at a path by its new version (in place when both
/// exist, so the order holds); returns the old versions.
fn swap_all<T: Clone>(
    items: &mut Vec<T>,
    edits: &[(PathBuf, Option<T>)],
    path_of: fn(&T) -> &PathBuf,
) -> Versions<T> {
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
) -> Versions<T> {
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

/// The paths [`read_section`] looks at: `changed` (a folder as the
/// files under it), the items the site has under a changed path, and
/// every difference between the site and the disk in a folder an event
/// named (see [`unannounced`]).
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
    paths.extend(unannounced(changed, known, ext));
    paths
}

/// In each folder holding a changed file, the files the site has that
/// are gone and the files there the site lacks. The watcher can lose a
/// file's events: notify's debouncer drops every event of a path created
/// and removed within one window, even when the path existed before
/// (removed, written again, removed: the file is gone and no event says
/// so). Reading the folders an event names catches that for the cost of
/// a directory listing: about 10 ms in a folder of 10,000 articles, so a
/// batch naming one path (an editor's save, where no other file churns)
/// skips it; the next batch of several paths in the folder catches up.
fn unannounced(changed: &BTreeSet<PathBuf>, known: &[&Path], ext: &str) -> Vec<PathBuf> {
    if changed.len() < 2 {
        return Vec::new();
    }
    let folders: BTreeSet<&Path> = changed
        .iter()
        .filter(|c| !c.is_dir())
        .filter_map(|c| c.parent())
        .collect();
    let mut out = Vec::new();
    for folder in folders {
        // By file name, from one listing: a folder may hold ten thousand
        // articles, and hashing or stat-ing whole paths cost 20 ms there.
        let Ok(entries) = std::fs::read_dir(folder) else {
            continue;
        };
        let listed: HashSet<OsString> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        let here: Vec<&Path> = (known.iter().copied())
            .filter(|k| k.parent() == Some(folder))
            .collect();
        let gone = here
            .iter()
            .filter(|k| k.file_name().is_some_and(|n| !listed.contains(n)));
        out.extend(gone.map(|k| k.to_path_buf()));
        let known_names: HashSet<&OsStr> = here.iter().filter_map(|k| k.file_name()).collect();
        let new = (listed.iter())
            .filter(|n| !known_names.contains(n.as_os_str()))
            .map(|n| folder.join(n))
            .filter(|p| is_content_file(p, ext) && p.is_file());
        out.extend(new);
    }
    out
}

/// What `content::load` reads: visible files with the extension.
fn is_content_file(path: &Path, ext: &str) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !name.starts_with('.') && path.extension().and_then(|e| e.to_str()) == Some(ext)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incremental::test_site::site;

    fn slugs(site: &Site) -> Vec<&str> {
        site.articles.iter().map(|a| a.slug.as_str()).collect()
    }

    fn article(slug: &str, title: &str, body: &str) -> Article {
        let text = format!("---\ntitle: {title}\n---\n{body}\n");
        Article::parse(&text, Path::new(&format!("a/{slug}.md"))).unwrap()
    }

    /// A file whose events the watcher lost is found through its folder:
    /// gone from the disk, it is removed; new on the disk, it is read.
    #[test]
    fn files_whose_events_were_lost_are_found_in_the_changed_folder() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("articles");
        std::fs::create_dir(&folder).unwrap();
        let text = |t: &str| format!("---\ntitle: {t}\n---\n正文。\n");
        for name in ["a", "b"] {
            std::fs::write(folder.join(format!("{name}.md")), text(name)).unwrap();
        }
        let mut s = site(&[], &[]);
        let load = |name: &str| {
            let path = folder.join(format!("{name}.md"));
            Article::parse(&text(name), &path).unwrap()
        };
        s.articles = vec![load("a"), load("b")];
        // b.md vanishes and c.md appears, but only a.md's and d.md's
        // events arrive.
        std::fs::remove_file(folder.join("b.md")).unwrap();
        std::fs::write(folder.join("c.md"), text("c")).unwrap();
        std::fs::write(folder.join("a.md"), text("a2")).unwrap();
        std::fs::write(folder.join("d.md"), text("d")).unwrap();
        s.articles.push(load("d"));
        let changed = ChangedPaths {
            articles: [folder.join("a.md"), folder.join("d.md")].into(),
            ..ChangedPaths::default()
        };
        let edits = Edits::read(&s, &changed).unwrap();
        let seen: Vec<(String, bool)> = edits
            .articles()
            .iter()
            .map(|(p, new)| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, new.is_some())
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("a.md".to_string(), true),
                ("b.md".to_string(), false),
                ("c.md".to_string(), true),
                ("d.md".to_string(), true)
            ]
        );
    }

    #[test]
    fn applying_the_undo_puts_the_site_back() {
        let mut s = site(&[("x", "一。"), ("y", "二。")], &[]);
        let before = s.clone();
        let edits = Edits {
            articles: vec![
                (PathBuf::from("a/x.md"), Some(article("x", "x", "改了。"))),
                (PathBuf::from("a/y.md"), None),
                (PathBuf::from("a/z.md"), Some(article("z", "z", "新。"))),
            ],
            ..Edits::default()
        };
        let undo = edits.apply(&mut s);
        assert_eq!(slugs(&s), ["x", "z"]);
        assert_eq!(s.articles[0].body.trim(), "改了。");
        undo.apply(&mut s);
        assert_eq!(slugs(&s), slugs(&before));
        let bodies = |s: &Site| {
            s.articles
                .iter()
                .map(|a| a.body.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(bodies(&s), bodies(&before));
    }

    #[test]
    fn a_body_edit_is_its_own_scope_and_keeps_the_order() {
        let s = site(&[("x", "一。")], &[]);
        let body = Edits {
            articles: vec![(PathBuf::from("a/x.md"), Some(article("x", "x", "二。")))],
            ..Edits::default()
        };
        let change = |e: &Edits| match &e.inputs(&s)[..] {
            [Input::Article { change, .. }] => *change,
            other => panic!("{other:?}"),
        };
        assert_eq!(change(&body), ArticleChange::Body);
        let mut copy = s.clone();
        assert!(!body.reorders(&body.apply(&mut copy)));
        let retitled = Edits {
            articles: vec![(PathBuf::from("a/x.md"), Some(article("x", "新", "一。")))],
            ..Edits::default()
        };
        assert_eq!(change(&retitled), ArticleChange::Listing);
        let mut copy = s.clone();
        assert!(retitled.reorders(&retitled.apply(&mut copy)));
    }

    #[test]
    fn a_section_reads_new_files_and_names_deleted_ones() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.md");
        std::fs::write(&new, "---\ntitle: 新\n---\n正文。\n").unwrap();
        let bad = dir.path().join("bad.md");
        std::fs::write(&bad, "---\ntitle: [\n---\n").unwrap();
        let gone = dir.path().join("gone.md");
        let ignored = dir.path().join(".new.md.swp");
        let changed = BTreeSet::from([new.clone(), gone.clone(), ignored, bad.clone()]);
        let mut errors = Vec::new();
        let known = vec![gone.as_path()];
        let read = read_section(&changed, known, "md", &mut errors, |p| {
            read_text(p).and_then(|t| Article::parse(&t, p))
        });
        let names: Vec<(&Path, bool)> = read
            .iter()
            .map(|(p, a)| (p.as_path(), a.is_some()))
            .collect();
        assert_eq!(names, [(gone.as_path(), false), (new.as_path(), true)]);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].to_string().contains("bad.md"), "{}", errors[0]);
    }
}
