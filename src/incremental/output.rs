//! The served output directory, updated in place, one file at a time.
//!
//! `jiedu build` swaps a whole new directory in; the dev server cannot,
//! because it rewrites a handful of pages per edit in a site of thousands.
//! Each file is written to a temporary sibling and renamed over the old
//! one, so a request never sees half a page; a file whose bytes did not
//! change is not touched at all, which is also how the server knows what
//! an edit really changed.

use crate::error::{Error, Result};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// An output directory being kept equal to a build.
#[derive(Debug, Clone)]
pub struct OutputDir {
    dir: PathBuf,
}

impl OutputDir {
    /// Opens (creating) `dir`.
    pub fn open(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        Ok(OutputDir {
            dir: dir.to_path_buf(),
        })
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Writes `bytes` to `rel` unless the file already holds them; says
    /// whether it wrote.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<bool> {
        let path = self.resolve(rel)?;
        if std::fs::read(&path).is_ok_and(|old| old == bytes) {
            return Ok(false);
        }
        let parent = path.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let tmp = parent.join(format!(".{name}.jiedu-tmp"));
        std::fs::write(&tmp, bytes).map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
        Ok(true)
    }

    /// Removes the file `rel` and the directories it leaves empty; says
    /// whether there was a file (a directory at `rel` is left alone).
    pub fn remove(&self, rel: &str) -> Result<bool> {
        let path = self.resolve(rel)?;
        // A folder (a deleted static folder, named along with its files)
        // is not a file; it goes once the files in it are removed.
        if path.is_dir() {
            return Ok(false);
        }
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(Error::io(&path, e)),
        }
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != self.dir) {
            // Fails (and stops) at the first directory that is not empty.
            if std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
        Ok(true)
    }

    /// Every file under the directory, as relative `/`-separated paths.
    pub fn files(&self) -> Result<BTreeSet<String>> {
        let mut out = BTreeSet::new();
        for entry in walkdir::WalkDir::new(&self.dir) {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(&self.dir).to_path_buf();
                Error::io(path, std::io::Error::other(e.to_string()))
            })?;
            if entry.file_type().is_file() {
                out.insert(rel_of(&self.dir, entry.path()));
            }
        }
        Ok(out)
    }

    fn resolve(&self, rel: &str) -> Result<PathBuf> {
        let rel_path = Path::new(rel);
        let safe = !rel.is_empty()
            && rel_path
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            let e = std::io::Error::other("output path escapes the output directory");
            return Err(Error::io(rel_path, e));
        }
        Ok(self.dir.join(rel_path))
    }
}

/// `path` relative to `dir`, with `/` separators.
pub fn rel_of(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_skips_equal_bytes_and_remove_prunes_empty_dirs() {
        let tmp = tempfile::tempdir().unwrap();
        let out = OutputDir::open(&tmp.path().join("out")).unwrap();
        assert!(out.put("articles/a/index.html", b"one").unwrap());
        assert!(!out.put("articles/a/index.html", b"one").unwrap());
        assert!(out.put("articles/b/index.html", b"two").unwrap());
        assert!(out.remove("articles/a/index.html").unwrap());
        assert!(!out.path().join("articles/a").exists());
        assert!(out.path().join("articles/b").exists());
        let files: Vec<_> = out.files().unwrap().into_iter().collect();
        assert_eq!(files, ["articles/b/index.html"]);
        assert!(out.put("../escape", b"").is_err());
    }
}
