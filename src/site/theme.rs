//! An edition's look on disk: the static files a build copies (built-in
//! ones with the edition's `templates/static/` laid over them) and
//! `jiedu eject`, which copies built-in templates into the edition for
//! editing.

use crate::error::{Error, Location, Result};
use crate::layout::Layout;
use crate::render::builtin;
use std::collections::BTreeSet;
use std::path::Path;

/// Every static file the site serves, by path under `static/`: the
/// built-in ones and the edition's `templates/static/` files.
pub fn static_files(root: &Path) -> Result<BTreeSet<String>> {
    let mut files: BTreeSet<String> = builtin::statics().map(|(r, _)| r.to_string()).collect();
    let dir = Layout::new(root).static_dir();
    if !dir.is_dir() {
        return Ok(files);
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(&dir).to_path_buf();
            Error::io(path, std::io::Error::other(e.to_string()))
        })?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            files.insert(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(files)
}

/// The bytes of static file `rel` (a path under `static/`): the edition's
/// own if it has one, else the built-in one, else `None`.
pub fn read_static(root: &Path, rel: &str) -> Result<Option<Vec<u8>>> {
    let own = Layout::new(root).static_dir().join(rel);
    if own.is_file() {
        return std::fs::read(&own)
            .map(Some)
            .map_err(|e| Error::io(&own, e));
    }
    Ok(builtin::static_file(rel).map(<[u8]>::to_vec))
}

/// Copies built-in files into `root/templates/` for editing: those named
/// in `names` (paths under `templates/`, e.g. `base.html` or
/// `static/site.css`), or all of them. Refuses, writing nothing, to
/// overwrite an existing file unless `force`. Returns the paths written.
pub fn eject(root: &Path, names: &[String], force: bool) -> Result<Vec<String>> {
    let chosen = chosen(names)?;
    let dir = Layout::new(root).templates();
    let existing: Vec<&str> = chosen
        .iter()
        .map(|(rel, _)| *rel)
        .filter(|rel| dir.join(rel).exists())
        .collect();
    if !force && !existing.is_empty() {
        return Err(Error::invalid(
            Location::file(&dir),
            format!("would overwrite {}", existing.join(", ")),
        )
        .with_hint("move your versions aside, or pass --force to replace them"));
    }
    let mut written = Vec::new();
    for (rel, bytes) in chosen {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        written.push(format!("templates/{rel}"));
    }
    Ok(written)
}

fn chosen(names: &[String]) -> Result<Vec<(&'static str, &'static [u8])>> {
    if names.is_empty() {
        return Ok(builtin::FILES.to_vec());
    }
    names
        .iter()
        .map(|name| {
            let name = name.trim_start_matches("templates/");
            builtin::FILES
                .iter()
                .find(|(rel, _)| *rel == name)
                .copied()
                .ok_or_else(|| {
                    let known: Vec<&str> = builtin::FILES.iter().map(|(r, _)| *r).collect();
                    Error::invalid(Location::file(name), "no built-in template of this name")
                        .with_hint(format!("the built-in files are: {}", known.join(", ")))
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editions_static_files_override_the_built_in_ones() {
        let dir = tempfile::tempdir().unwrap();
        assert!(static_files(dir.path()).unwrap().contains("site.css"));
        let css = read_static(dir.path(), "site.css").unwrap().unwrap();
        assert_eq!(css, builtin::static_file("site.css").unwrap());
        std::fs::create_dir_all(dir.path().join("templates/static")).unwrap();
        std::fs::write(dir.path().join("templates/static/site.css"), "own").unwrap();
        std::fs::write(dir.path().join("templates/static/extra.js"), "x").unwrap();
        assert_eq!(
            read_static(dir.path(), "site.css").unwrap().unwrap(),
            b"own"
        );
        assert!(static_files(dir.path()).unwrap().contains("extra.js"));
        assert_eq!(read_static(dir.path(), "nope.css").unwrap(), None);
    }

    #[test]
    fn eject_copies_what_is_asked_and_never_overwrites_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let written = eject(dir.path(), &["base.html".into()], false).unwrap();
        assert_eq!(written, ["templates/base.html"]);
        std::fs::write(dir.path().join("templates/base.html"), "mine").unwrap();
        let e = eject(dir.path(), &[], false).unwrap_err().to_string();
        assert!(e.contains("would overwrite base.html"), "{e}");
        let text = std::fs::read_to_string(dir.path().join("templates/base.html")).unwrap();
        assert_eq!(text, "mine");
        assert!(!dir.path().join("templates/article.html").exists());
        let all = eject(dir.path(), &[], true).unwrap();
        assert_eq!(all.len(), builtin::FILES.len());
        let e = eject(dir.path(), &["nope.html".into()], true).unwrap_err();
        assert!(e.to_string().contains("no built-in template"), "{e}");
    }
}
