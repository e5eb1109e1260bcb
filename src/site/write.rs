//! Writing the output atomically.
//!
//! A build renders into a fresh directory beside the output
//! (`.public.tmp-<pid>`), and only when every page is written is it swapped
//! in, on Linux by one atomic exchange of the two directories (elsewhere
//! the old output is renamed aside, the new one renamed into place), and
//! the old one removed. A failed or killed build therefore leaves the
//! previous `public/` as it was; the next build removes a killed build's
//! temporary directory, or puts back an old output it had set aside.

use crate::error::{Error, Result};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// An output directory being written.
#[derive(Debug)]
pub struct Output {
    target: PathBuf,
    tmp: PathBuf,
    committed: bool,
    files: AtomicUsize,
}

impl Output {
    /// Starts writing a new version of `target`.
    pub fn begin(target: &Path) -> Result<Self> {
        let target = absolute(target)?;
        let parent = target.parent().unwrap_or(Path::new("/")).to_path_buf();
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        remove_stale(&parent, &target);
        let tmp = sibling(&target, &format!("tmp-{}", std::process::id()));
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        }
        std::fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, e))?;
        Ok(Output {
            target,
            tmp,
            committed: false,
            files: AtomicUsize::new(0),
        })
    }

    /// The directory being written into.
    pub fn dir(&self) -> &Path {
        &self.tmp
    }

    /// How many files have been written.
    pub fn files(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// Writes `bytes` to `rel`, a relative path such as `articles/x/index.html`.
    /// Safe to call from several threads at once.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.resolve(rel)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Copies the tree `from` into `rel`; a missing `from` copies nothing.
    pub fn copy_tree(&self, from: &Path, rel: &str) -> Result<()> {
        if !from.is_dir() {
            return Ok(());
        }
        for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                Error::io(
                    e.path().unwrap_or(from),
                    std::io::Error::other(e.to_string()),
                )
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let sub = entry.path().strip_prefix(from).unwrap_or(entry.path());
            let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            let rel = format!(
                "{}/{}",
                rel.trim_end_matches('/'),
                sub.to_string_lossy().replace('\\', "/")
            );
            self.write(&rel, &bytes)?;
        }
        Ok(())
    }

    /// Swaps the new output in place of the old one: with one atomic
    /// exchange where the system has it, so `target` is never missing;
    /// otherwise by renaming the old output aside first (a build killed
    /// between the two renames is repaired by the next one).
    pub fn commit(mut self) -> Result<PathBuf> {
        if self.target.exists() && exchange(&self.tmp, &self.target).is_ok() {
            // The temporary directory now holds the old output.
            self.committed = true;
            remove_tree(&self.tmp)?;
            return Ok(self.target.clone());
        }
        let old = sibling(&self.target, &format!("old-{}", std::process::id()));
        if self.target.exists() {
            std::fs::rename(&self.target, &old).map_err(|e| Error::io(&self.target, e))?;
        }
        if let Err(e) = std::fs::rename(&self.tmp, &self.target) {
            // Put the old output back so nothing is lost.
            let _ = std::fs::rename(&old, &self.target);
            return Err(Error::io(&self.target, e));
        }
        self.committed = true;
        remove_tree(&old)?;
        Ok(self.target.clone())
    }

    fn resolve(&self, rel: &str) -> Result<PathBuf> {
        let rel_path = Path::new(rel);
        let safe = rel_path
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !safe || rel.is_empty() {
            return Err(Error::io(
                rel_path,
                std::io::Error::other("output path escapes the output directory"),
            ));
        }
        Ok(self.tmp.join(rel_path))
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Removes a directory tree, unlinking its files on all cores: removing
/// the previous output of a large edition is otherwise a long serial tail.
fn remove_tree(dir: &Path) -> Result<()> {
    use rayon::prelude::*;
    if !dir.exists() {
        return Ok(());
    }
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.par_iter().for_each(|f| {
        let _ = std::fs::remove_file(f);
    });
    std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))
}

/// Atomically exchanges two directories.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// `p` made absolute, without `.` components (`./public` prints as
/// `/home/x/ed/public`, not `/home/x/ed/./public`).
fn absolute(p: &Path) -> Result<PathBuf> {
    let full = if p.is_absolute() {
        p.to_path_buf()
    } else {
        let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
        cwd.join(p)
    };
    Ok(full
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect())
}

/// `.public.<what>` beside `public`.
fn sibling(target: &Path, what: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.{what}"))
}

/// Removes temporary directories left by killed builds of this output
/// (whose process is gone).
fn remove_stale(parent: &Path, target: &Path) {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest.rsplit('-').next().and_then(|p| p.parse::<u32>().ok());
        let alive = pid
            .is_some_and(|p| p != std::process::id() && Path::new(&format!("/proc/{p}")).exists());
        if alive || !(rest.starts_with("tmp-") || rest.starts_with("old-")) {
            continue;
        }
        // A build killed between setting the old output aside and renaming
        // the new one in: put the old one back rather than lose it.
        if rest.starts_with("old-") && !target.exists() {
            let _ = std::fs::rename(e.path(), target);
        } else {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_have_no_dot_components() {
        let p = absolute(Path::new("./public")).unwrap();
        assert!(p.is_absolute() && p.ends_with("public"), "{}", p.display());
        assert!(!p.display().to_string().contains("/./"), "{}", p.display());
        let p = absolute(Path::new("/a/./b/./public")).unwrap();
        assert_eq!(p, Path::new("/a/b/public"));
    }

    #[test]
    fn commit_swaps_and_drop_discards() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let out = Output::begin(&target).unwrap();
        out.write("a/index.html", b"one").unwrap();
        out.commit().unwrap();
        assert_eq!(std::fs::read(target.join("a/index.html")).unwrap(), b"one");

        let out = Output::begin(&target).unwrap();
        out.write("a/index.html", b"two").unwrap();
        drop(out);
        assert_eq!(std::fs::read(target.join("a/index.html")).unwrap(), b"one");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "temporary directory removed");
    }

    #[test]
    fn paths_cannot_escape() {
        let dir = tempfile::tempdir().unwrap();
        let out = Output::begin(&dir.path().join("public")).unwrap();
        assert!(out.write("../x", b"").is_err());
        assert!(out.write("/etc/x", b"").is_err());
    }

    #[test]
    fn stale_temporary_directories_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".public.tmp-999999999");
        std::fs::create_dir(&stale).unwrap();
        let out = Output::begin(&dir.path().join("public")).unwrap();
        assert!(!stale.exists());
        drop(out);
    }

    #[test]
    fn an_old_output_set_aside_by_a_killed_build_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let aside = dir.path().join(".public.old-999999999");
        std::fs::create_dir(&aside).unwrap();
        std::fs::write(aside.join("index.html"), b"old").unwrap();
        let out = Output::begin(&target).unwrap();
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"old");
        assert!(!aside.exists());
        drop(out);
    }
}
