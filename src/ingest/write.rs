//! Writing articles without ever losing an editor's work.
//!
//! Ingest stamps each file it writes with the sha256 of the body and of
//! the front-matter it generated (`ingest: {body_sha256, meta_sha256}`).
//! On a later run, each new article is matched to its existing file by
//! `source.file` + `first_line`, or else by `source.file` + title (so a
//! file is found even after an editor retitled or renamed it), and then:
//!
//! - body unchanged since ingest wrote it → regenerated (written only if
//!   the bytes differ, so a second run changes nothing);
//! - body edited → left alone and reported, unless `force`, which first
//!   copies the file to `<slug>.md.bak-<n>` (not `*.md`, so never loaded);
//! - front-matter edited (its hash differs from the stamp) → the editor's
//!   values are kept; only `source` is refreshed and the stamp recomputed
//!   (keeping the editor's record of where the text was printed where
//!   ingest knows nothing of it).
//!   If neither the body nor `source` changed, the file is not rewritten
//!   at all, so the editor's YAML layout and comments stay as they are.
//!
//! A file's name (its slug) is chosen once, when it is created, and never
//! recomputed. Files are written to a hidden temporary name and renamed,
//! so a crash never leaves half a file.

use super::ingested::Ingested;
use super::pipeline::{ingest_source, IngestedSource};
use super::printed::Given;
use super::report::{Action, ArticleReport, IngestReport, SourceReport};
use super::sidecar::{self, SourceMeta};
use super::{account, slug};
use crate::error::{Error, Location, Result};
use crate::ids::SourceName;
use crate::schema::{frontmatter, sha256_hex, ArticleMeta, IngestStamp};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What `jiedu ingest` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Source files to ingest; empty means every source in
    /// `content/sources/` (`.txt`, `.md`, `.html`, `.htm`).
    pub files: Vec<PathBuf>,
    /// Show the plan, write nothing.
    pub dry_run: bool,
    /// Regenerate edited files too, keeping a backup of each.
    pub force: bool,
    /// Where the one named source was printed (`--date`, `--publication`,
    /// `--page`, `--url`): merged into its sidecar, which is written.
    pub set: sidecar::SourceMeta,
}

/// An article file already in `content/articles/`.
#[derive(Debug, Clone)]
struct Existing {
    path: PathBuf,
    slug: String,
    meta: ArticleMeta,
    body: String,
    text: String,
    claimed: bool,
}

/// The complete text of an article file.
pub fn render_file(meta: &ArticleMeta, body: &str) -> Result<String> {
    let yaml = yaml(meta)?;
    Ok(format!("---\n{yaml}---\n{body}"))
}

fn yaml(meta: &ArticleMeta) -> Result<String> {
    yaml_serde::to_string(meta).map_err(|e| {
        Error::invalid(
            Location::file("<front-matter>"),
            format!("cannot write front-matter: {e}"),
        )
    })
}

/// Hash of the front-matter without its stamp.
fn meta_hash(meta: &ArticleMeta) -> Result<String> {
    let mut m = meta.clone();
    m.ingest = None;
    Ok(sha256_hex(yaml(&m)?.as_bytes()))
}

/// The front-matter and body ingest would write for `a`, stamped.
pub fn stamped(a: &Ingested) -> Result<(ArticleMeta, String)> {
    let mut meta = a.meta.clone();
    meta.ingest = Some(IngestStamp {
        body_sha256: sha256_hex(a.body.as_bytes()),
        meta_sha256: Some(meta_hash(&a.meta)?),
    });
    Ok((meta, a.body.clone()))
}

/// Slugs for the articles of one source in a fresh edition (used by the
/// golden tests and by dry runs on an empty edition).
pub fn fresh_slugs(src: &IngestedSource, taken: &mut HashSet<String>) -> Vec<String> {
    src.articles
        .iter()
        .map(|a| {
            let s = slug::slug_for(&a.meta.title, taken).to_string();
            taken.insert(s.clone());
            s
        })
        .collect()
}

/// `jiedu ingest`: see the module docs.
pub fn run(root: &Path, opts: &IngestOptions) -> Result<IngestReport> {
    let layout = crate::layout::Layout::new(root);
    let sources_dir = layout.sources();
    let articles_dir = layout.articles();
    let mut report = IngestReport {
        dry_run: opts.dry_run,
        ..IngestReport::default()
    };
    let defaults = site_defaults(root)?;
    let files = source_files(&sources_dir, &opts.files, &mut report.errors)?;
    if files.is_empty() && !report.errors.is_empty() {
        return Ok(report);
    }
    let stated = state_sidecar(&files, opts)?;
    let mut existing = scan(&articles_dir, &mut report.errors)?;
    let mut taken: HashSet<String> = existing.iter().map(|e| e.slug.clone()).collect();
    for path in files {
        let given = sidecar::read(&path).map(|sidecar| Given {
            sidecar: match (&stated, sidecar) {
                (Some(s), _) => Some(s.clone()),
                (None, found) => found,
            },
            defaults: defaults.clone(),
        });
        match given.and_then(|g| ingest_file(&path, &g)) {
            Ok(src) => {
                let mut s = plan(&src, &articles_dir, root, &mut existing, &mut taken, opts)?;
                s.shape = src.shape.shape;
                s.shape_reason = src.shape.reason.clone();
                s.encoding = src.encoding.to_string();
                s.printed = src.printed.clone();
                s.notes = src.notes.clone();
                report.removed.extend(src.reported_removed());
                report.sources.push(s);
            }
            Err(e) => report.errors.push(e.to_string()),
        }
    }
    Ok(report)
}

/// `site.yaml`'s `source_defaults:`, when there is a `site.yaml`.
fn site_defaults(root: &Path) -> Result<Option<SourceMeta>> {
    if !crate::layout::Layout::new(root).config_file().exists() {
        return Ok(None);
    }
    Ok(crate::config::load(root)?.source_defaults)
}

/// With `--date`/`--publication`/`--page`/`--url`: merges them into the
/// one named source's sidecar and writes it (unless dry-running); the
/// merged sidecar is what that source is ingested with.
fn state_sidecar(files: &[PathBuf], opts: &IngestOptions) -> Result<Option<SourceMeta>> {
    if opts.set.is_empty() {
        return Ok(None);
    }
    let [file] = files else {
        return Err(Error::invalid(
            Location::file("content/sources/"),
            format!(
                "--date, --publication, --page and --url describe one source, but {} were named",
                files.len()
            ),
        )
        .with_hint(
            "name exactly one source: jiedu ingest content/sources/<file> --date 2019-10-22",
        ));
    };
    if let Some(d) = &opts.set.date {
        crate::schema::PartialDate::parse(d)
            .map_err(|m| Error::invalid(Location::file("--date"), m))?;
    }
    let merged = sidecar::read(file)?.unwrap_or_default().overlaid(&opts.set);
    if !opts.dry_run {
        sidecar::write(file, &merged)?;
    }
    Ok(Some(merged))
}

/// Reads, decodes, ingests and checks one source.
fn ingest_file(path: &Path, given: &Given) -> Result<IngestedSource> {
    let file = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_string();
    let stem = path.file_stem().and_then(|n| n.to_str()).unwrap_or("");
    SourceName::new(stem.to_ascii_lowercase()).map_err(|e| {
        Error::invalid(Location::file(path), e.to_string())
            .with_hint("rename the source; its name is part of a URL")
    })?;
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let src = ingest_source(&file, &bytes, given).map_err(|e| relocate(e, path))?;
    if let Err(problems) = account::accounting(&src.text, &src.articles, &src.removed) {
        let msg = format!(
            "ingest would lose or invent text (a bug in ingest; nothing written): {}",
            problems.join("; ")
        );
        return Err(Error::invalid(Location::file(path), msg));
    }
    Ok(src)
}

/// Errors from decoding name only the file; give them the full path.
fn relocate(e: Error, path: &Path) -> Error {
    match e {
        Error::Invalid { loc, msg, hint } => Error::Invalid {
            loc: Location {
                path: path.to_path_buf(),
                ..loc
            },
            msg,
            hint,
        },
        other => other,
    }
}

/// The sources to ingest: the named ones (which must be in
/// `content/sources/`), or all of them.
/// The sources to ingest: the named ones (which must lie in `dir`), else
/// every source in `dir`.
pub(crate) fn source_files(
    dir: &Path,
    named: &[PathBuf],
    errors: &mut Vec<String>,
) -> Result<Vec<PathBuf>> {
    if named.is_empty() {
        let mut errs = Vec::new();
        let files = crate::files::source_files_in(dir, &mut errs);
        errors.extend(errs.iter().map(ToString::to_string));
        return Ok(files);
    }
    let canon_dir = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
    let mut out = Vec::new();
    // A name is a path from here, from the edition root, or in sources.
    let root = dir.parent().and_then(Path::parent).unwrap_or(dir);
    for n in named {
        let path = [n.clone(), root.join(n), dir.join(n)]
            .into_iter()
            .find(|p| p.exists())
            .unwrap_or_else(|| dir.join(n));
        let inside = path
            .canonicalize()
            .ok()
            .and_then(|p| p.parent().map(|d| d == canon_dir));
        match inside {
            Some(true) => out.push(path),
            Some(false) => errors.push(
                Error::invalid(Location::file(n), "not in content/sources/")
                    .with_hint("copy the page dump into content/sources/ first; ingest keeps the original there")
                    .to_string(),
            ),
            None => errors.push(Error::invalid(Location::file(n), "no such source file").to_string()),
        }
    }
    Ok(out)
}

/// The article files already there. Files that do not parse are reported
/// and never touched, but their names stay taken.
fn scan(dir: &Path, errors: &mut Vec<String>) -> Result<Vec<Existing>> {
    let mut errs = Vec::new();
    let files = crate::files::files_in(dir, "md", &mut errs);
    errors.extend(errs.iter().map(ToString::to_string));
    let mut out = Vec::new();
    for path in files {
        let slug = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let parsed = crate::files::read_text(&path).and_then(|text| {
            let split = frontmatter::split(&text, &path)?;
            let meta: ArticleMeta = frontmatter::parse(&split, &path)?;
            let body = split.body.to_string();
            Ok(Existing {
                path: path.clone(),
                slug: slug.clone(),
                meta,
                body,
                text,
                claimed: false,
            })
        });
        match parsed {
            Ok(e) => out.push(e),
            Err(e) => errors.push(format!(
                "{e}\n  (left alone: ingest will not touch a file it cannot read)"
            )),
        }
    }
    Ok(out)
}

/// Finds the existing file of article `a`: same source and first line, or
/// same source and title.
fn find(existing: &[Existing], file: &str, a: &Ingested) -> Option<usize> {
    let first = a.meta.source.as_ref().map_or(0, |s| s.first_line);
    let of_source =
        |e: &Existing| !e.claimed && e.meta.source.as_ref().is_some_and(|s| s.file == file);
    let same_line = |e: &Existing| {
        of_source(e)
            && e.meta
                .source
                .as_ref()
                .is_some_and(|s| s.first_line == first)
    };
    // Several articles of a saved HTML page can start on one line of the
    // file: the title tells them apart.
    existing
        .iter()
        .position(|e| same_line(e) && e.meta.title == a.meta.title)
        .or_else(|| existing.iter().position(same_line))
        .or_else(|| {
            existing
                .iter()
                .position(|e| of_source(e) && e.meta.title == a.meta.title)
        })
}

/// Decides, and unless dry-running does, what to write for one source.
fn plan(
    src: &IngestedSource,
    dir: &Path,
    root: &Path,
    existing: &mut [Existing],
    taken: &mut HashSet<String>,
    opts: &IngestOptions,
) -> Result<SourceReport> {
    let mut articles = Vec::new();
    for a in &src.articles {
        let (meta, body) = stamped(a)?;
        let (slug, path, action, backup) = match find(existing, &src.file, a) {
            Some(i) => {
                existing[i].claimed = true;
                let e = &existing[i];
                let (action, backup) = update(e, meta, body, opts)?;
                (e.slug.clone(), e.path.clone(), action, backup)
            }
            None => {
                let slug = slug::slug_for(&a.meta.title, taken).to_string();
                taken.insert(slug.clone());
                let path = dir.join(format!("{slug}.md"));
                if !opts.dry_run {
                    write_atomic(&path, &render_file(&meta, &body)?)?;
                }
                (slug, path, Action::Created, None)
            }
        };
        let source = a.meta.source.as_ref();
        articles.push(ArticleReport {
            slug,
            path: relative(&path, root),
            kind: a.meta.kind.unwrap_or(crate::schema::ArticleKind::News),
            title: a.meta.title.clone(),
            first_line: source.map_or(0, |s| s.first_line),
            last_line: source.map_or(0, |s| s.last_line),
            warnings: a.meta.warnings.clone(),
            action,
            backup: backup.map(|b| relative(&b, root)),
        });
    }
    let orphans = existing
        .iter()
        .filter(|e| !e.claimed && e.meta.source.as_ref().is_some_and(|s| s.file == src.file))
        .map(|e| relative(&e.path, root))
        .collect();
    Ok(SourceReport {
        file: src.file.clone(),
        articles,
        orphans,
        ..SourceReport::default()
    })
}

/// `fresh` with where the text was printed (`publication`, `date`,
/// `page`, `url` of its `source:` map) taken from the existing file where
/// ingest itself knows nothing of it: an editor's record of the print is
/// never dropped by a re-ingest.
fn keep_printed(
    mut fresh: ArticleMeta,
    existing: Option<&crate::schema::SourceRef>,
) -> ArticleMeta {
    if let (Some(new), Some(old)) = (fresh.source.as_mut(), existing) {
        new.publication = new.publication.take().or_else(|| old.publication.clone());
        new.date = new.date.take().or_else(|| old.date.clone());
        new.page = new.page.take().or_else(|| old.page.clone());
        new.url = new.url.take().or_else(|| old.url.clone());
    }
    fresh
}

/// Regenerates an existing file if its body is ingest's own (or `force`).
fn update(
    e: &Existing,
    fresh: ArticleMeta,
    body: String,
    opts: &IngestOptions,
) -> Result<(Action, Option<PathBuf>)> {
    let stamp = e.meta.ingest.as_ref();
    let body_own = stamp.is_some_and(|s| s.body_sha256 == sha256_hex(e.body.as_bytes()));
    let meta_own =
        stamp.and_then(|s| s.meta_sha256.as_deref()) == Some(meta_hash(&e.meta)?.as_str());
    if !body_own && !opts.force {
        return Ok((Action::KeptEdited, None));
    }
    let fresh = keep_printed(fresh, e.meta.source.as_ref());
    if !meta_own && body_own && body == e.body && fresh.source == e.meta.source {
        // Nothing ingest owns has changed: leave the editor's file as it
        // is, byte for byte (their YAML layout and comments included).
        return Ok((Action::Unchanged, None));
    }
    let meta = if meta_own {
        fresh
    } else {
        // The editor's front-matter wins; ingest refreshes only where the
        // text sits in the source and its own stamp (whose meta hash stays
        // that of ingest's output, so the edit is still seen next time).
        ArticleMeta {
            source: fresh.source,
            ingest: fresh.ingest,
            ..e.meta.clone()
        }
    };
    let text = render_file(&meta, &body)?;
    if text == e.text {
        return Ok((Action::Unchanged, None));
    }
    if opts.dry_run {
        return Ok((
            if body_own {
                Action::Updated
            } else {
                Action::Forced
            },
            None,
        ));
    }
    let backup = if body_own {
        None
    } else {
        Some(backup(&e.path, &e.text)?)
    };
    write_atomic(&e.path, &text)?;
    Ok((
        if body_own {
            Action::Updated
        } else {
            Action::Forced
        },
        backup,
    ))
}

/// Copies an edited file to `<name>.bak-<n>` beside it before `force`
/// overwrites it.
fn backup(path: &Path, text: &str) -> Result<PathBuf> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("article.md");
    let mut n = 1;
    loop {
        let b = path.with_file_name(format!("{name}.bak-{n}"));
        if !b.exists() {
            std::fs::write(&b, text).map_err(|e| Error::io(&b, e))?;
            return Ok(b);
        }
        n += 1;
    }
}

/// Writes `text` to a hidden temporary file beside `path`, then renames.
fn write_atomic(path: &Path, text: &str) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("article.md");
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, text).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

fn relative(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}
