//! Writing the output atomically, without removing the old one.
//!
//! A build renders into a directory beside the output (`.public.tmp-<pid>`),
//! and only when every page is written is it swapped in, on Linux by one
//! atomic exchange of the two directories (elsewhere the old output is
//! renamed aside, the new one renamed into place). A failed or killed
//! build therefore leaves the previous `public/` as it was.
//!
//! Nothing is removed on the way: the output a swap replaces is kept
//! beside the new one as `.public.spare`, and the next build writes into
//! that tree instead of an empty one: a file whose bytes are already
//! there is left alone, any other is replaced (unlinked, then written, so
//! a hard link elsewhere never sees the change), and at the end files the
//! build did not write are removed before the swap. A rebuild so touches
//! only what changed, and never deletes a whole output (18,000 files at
//! 10,000 articles, seconds of a rebuild's wall clock). The price is a
//! second copy of the output on disk.
//!
//! The spare is only ever a directory this module made and renamed: a
//! `.public.spare` that is not a real directory is never entered, and in
//! a reused tree symbolic links and special files are unlinked (never
//! followed) before anything is written, so no write leaves the tree.
//! The next build adopts what a killed build left (its temporary
//! directory becomes the spare) or puts back an old output it had set
//! aside.

use crate::error::{Error, Result};
use std::collections::HashSet;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// An output directory being written.
#[derive(Debug)]
pub struct Output {
    target: PathBuf,
    tmp: PathBuf,
    committed: bool,
    files: AtomicUsize,
    /// Files of a reused tree not (yet) written by this build, relative to
    /// `tmp`: removed before the swap. Empty when the tree was new.
    stale: Mutex<HashSet<PathBuf>>,
    /// True when writing into a previous output rather than an empty tree.
    reused: bool,
}

impl Output {
    /// Starts writing a new version of `target`, in the spare tree a
    /// previous build left if there is one.
    pub fn begin(target: &Path) -> Result<Self> {
        let target = absolute(target)?;
        let parent = target.parent().unwrap_or(Path::new("/")).to_path_buf();
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        remove_stale(&parent, &target);
        let tmp = sibling(&target, &format!("tmp-{}", std::process::id()));
        if tmp.symlink_metadata().is_ok() {
            remove_entry(&tmp).map_err(|e| Error::io(&tmp, e))?;
        }
        let stale = claim_spare(&spare_of(&target), &tmp);
        if stale.is_none() {
            std::fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, e))?;
        }
        Ok(Output {
            target,
            tmp,
            committed: false,
            files: AtomicUsize::new(0),
            reused: stale.is_some(),
            stale: Mutex::new(stale.unwrap_or_default()),
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
        let reused = self.lock_stale().remove(Path::new(rel));
        if reused && same_bytes(&path, bytes) {
            self.files.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        if self.reused {
            // Replace, never rewrite in place: the old file may be
            // hard-linked from elsewhere (a copy of a previous output).
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::io(&path, e));
                }
                _ => {}
            }
        }
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
    /// between the two renames is repaired by the next one). The old
    /// output is kept as the next build's spare, not removed.
    pub fn commit(mut self) -> Result<PathBuf> {
        self.remove_unwritten()?;
        if self.target.exists() && exchange(&self.tmp, &self.target).is_ok() {
            // The temporary directory now holds the old output.
            self.committed = true;
            // The build has succeeded; a tree that cannot be kept or
            // removed now is taken over by the next build.
            let _ = keep_as_spare(&self.tmp, &self.target);
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
        if old.exists() {
            let _ = keep_as_spare(&old, &self.target);
        }
        Ok(self.target.clone())
    }

    /// Removes the files of a reused tree this build did not write, and
    /// the directories that leaves empty.
    fn remove_unwritten(&self) -> Result<()> {
        let stale: Vec<PathBuf> = self.lock_stale().drain().collect();
        for rel in stale {
            let path = self.tmp.join(&rel);
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
            for dir in path.ancestors().skip(1) {
                if dir == self.tmp || std::fs::remove_dir(dir).is_err() {
                    break;
                }
            }
        }
        Ok(())
    }

    fn lock_stale(&self) -> std::sync::MutexGuard<'_, HashSet<PathBuf>> {
        self.stale
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
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
    /// A build that failed puts back the spare it was writing into (a
    /// cache: what it holds is compared, not trusted) or removes the new
    /// tree it had begun, so it leaves beside the output only what was
    /// there before.
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        if self.reused {
            let _ = keep_as_spare(&self.tmp, &self.target);
        } else {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// `.public.spare` beside `public`.
fn spare_of(target: &Path) -> PathBuf {
    sibling(target, "spare")
}

/// Renames the spare tree to `tmp` and surveys it; `None` (and `tmp`
/// absent) when there is no spare, it is not a real directory, or it
/// cannot be surveyed.
fn claim_spare(spare: &Path, tmp: &Path) -> Option<HashSet<PathBuf>> {
    let is_dir = spare.symlink_metadata().is_ok_and(|m| m.is_dir());
    // A rename is atomic: of two builds starting at once, one gets it.
    if !is_dir || std::fs::rename(spare, tmp).is_err() {
        return None;
    }
    match survey(tmp) {
        Ok(files) => Some(files),
        Err(_) => {
            let _ = std::fs::remove_dir_all(tmp);
            None
        }
    }
}

/// The regular files under `dir` (relative paths). On the way, symbolic
/// links and special files are unlinked (never followed) and empty
/// directories removed, so that the tree holds only what a build writes.
fn survey(dir: &Path) -> std::io::Result<HashSet<PathBuf>> {
    let mut files = HashSet::new();
    // Entries seen per depth since the last directory of the next depth
    // up was left (contents come before their directory).
    let mut seen: Vec<usize> = vec![0];
    for entry in walkdir::WalkDir::new(dir).contents_first(true).min_depth(1) {
        let entry = entry.map_err(std::io::Error::other)?;
        let depth = entry.depth();
        if seen.len() < depth + 2 {
            seen.resize(depth + 2, 0);
        }
        let kind = entry.file_type();
        if kind.is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .map_err(std::io::Error::other)?;
            files.insert(rel.to_path_buf());
        } else if kind.is_dir() {
            if std::mem::take(&mut seen[depth + 1]) == 0 {
                std::fs::remove_dir(entry.path())?;
                continue;
            }
        } else {
            std::fs::remove_file(entry.path())?;
            continue;
        }
        seen[depth] += 1;
    }
    Ok(files)
}

/// True if the file at `path` holds exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    if file.metadata().map(|m| m.len()).ok() != Some(bytes.len() as u64) {
        return false;
    }
    let mut old = Vec::with_capacity(bytes.len());
    file.read_to_end(&mut old).is_ok() && old == bytes
}

/// Keeps the tree `dir` (an old output, or a failed build's) as the
/// spare of `target`; removes it if a spare is there already.
fn keep_as_spare(dir: &Path, target: &Path) -> std::io::Result<()> {
    let spare = spare_of(target);
    if spare.symlink_metadata().is_err() && std::fs::rename(dir, &spare).is_ok() {
        return Ok(());
    }
    std::fs::remove_dir_all(dir)
}

/// Removes a file, a symbolic link (not what it points to) or a directory
/// tree (std's removal does not follow links inside it).
fn remove_entry(path: &Path) -> std::io::Result<()> {
    if path.symlink_metadata()?.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
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

/// Deals with what killed builds of this output left (entries whose
/// process is gone): an old output set aside and not yet replaced is put
/// back; any other tree becomes the spare (or is removed when there is
/// one). An entry that is not a real directory is only unlinked.
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
        if !e.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_file(e.path());
        } else if rest.starts_with("old-") && !target.exists() {
            // A build killed between setting the old output aside and
            // renaming the new one in: put the old one back.
            let _ = std::fs::rename(e.path(), target);
        } else {
            let _ = keep_as_spare(&e.path(), target);
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

    /// Names beside `public` in `dir`, sorted.
    fn beside(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn commit_swaps_and_a_failed_build_leaves_what_was_there() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let index = target.join("a/index.html");
        build(&target, &[("a/index.html", b"one")]);
        assert_eq!(std::fs::read(&index).unwrap(), b"one");
        assert_eq!(beside(dir.path()), ["public"], "no old output to keep");

        // Failing in a new tree: the tree goes.
        let out = Output::begin(&target).unwrap();
        out.write("a/index.html", b"two").unwrap();
        drop(out);
        assert_eq!(std::fs::read(&index).unwrap(), b"one");
        assert_eq!(beside(dir.path()), ["public"]);

        // Failing in the spare: the spare is put back.
        build(&target, &[("a/index.html", b"two")]);
        assert_eq!(beside(dir.path()), [".public.spare", "public"]);
        let out = Output::begin(&target).unwrap();
        assert_eq!(beside(dir.path()).len(), 2, "the spare is being written");
        out.write("a/index.html", b"three").unwrap();
        drop(out);
        assert_eq!(std::fs::read(&index).unwrap(), b"two");
        assert_eq!(beside(dir.path()), [".public.spare", "public"]);
    }

    /// Builds `files` into `target` and swaps them in.
    fn build(target: &Path, files: &[(&str, &[u8])]) {
        let out = Output::begin(target).unwrap();
        for (rel, bytes) in files {
            out.write(rel, bytes).unwrap();
        }
        out.commit().unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_rebuild_reuses_the_old_output_and_removes_nothing_whole() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let spare = dir.path().join(".public.spare");
        let ino = |p: PathBuf| std::fs::metadata(p).unwrap().ino();
        build(
            &target,
            &[
                ("a.html", b"one"),
                ("same.html", b"s"),
                ("c/d/i.html", b"c"),
            ],
        );
        // The first rebuild writes into an empty tree; the replaced output
        // is kept whole as the spare.
        build(
            &target,
            &[
                ("a.html", b"two"),
                ("same.html", b"s"),
                ("c/d/i.html", b"c"),
            ],
        );
        assert_eq!(std::fs::read(spare.join("a.html")).unwrap(), b"one");
        let same = ino(spare.join("same.html"));
        let changed = ino(spare.join("a.html"));
        let elsewhere = dir.path().join("copy.html");
        std::fs::hard_link(spare.join("a.html"), &elsewhere).unwrap();

        // The next one writes into the spare: an unchanged file is left
        // alone, a changed one replaced (a hard link elsewhere keeps the
        // old bytes), an unwritten one and its emptied directories go.
        build(
            &target,
            &[
                ("a.html", b"three"),
                ("same.html", b"s"),
                ("b.html", b"new"),
            ],
        );
        assert_eq!(
            ino(target.join("same.html")),
            same,
            "unchanged file untouched"
        );
        assert_ne!(ino(target.join("a.html")), changed);
        assert_eq!(std::fs::read(target.join("a.html")).unwrap(), b"three");
        assert_eq!(std::fs::read(target.join("b.html")).unwrap(), b"new");
        assert_eq!(std::fs::read(&elsewhere).unwrap(), b"one");
        assert!(
            !target.join("c").exists(),
            "unwritten files and their folders removed"
        );
        assert_eq!(std::fs::read(spare.join("a.html")).unwrap(), b"two");
        assert_eq!(beside(dir.path()), [".public.spare", "copy.html", "public"]);
    }

    #[cfg(unix)]
    #[test]
    fn links_in_a_spare_are_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let spare = dir.path().join(".public.spare");
        let outside = dir.path().join("outside");
        std::fs::create_dir(&outside).unwrap();
        std::fs::write(outside.join("a.html"), b"keep").unwrap();
        build(&target, &[("a.html", b"one")]);
        build(&target, &[("a.html", b"two")]);
        // Links planted in the spare, to a folder and a file outside.
        std::fs::remove_file(spare.join("a.html")).unwrap();
        std::os::unix::fs::symlink(outside.join("a.html"), spare.join("a.html")).unwrap();
        std::os::unix::fs::symlink(&outside, spare.join("dir")).unwrap();
        build(&target, &[("a.html", b"new"), ("dir/a.html", b"new")]);
        assert_eq!(std::fs::read(target.join("dir/a.html")).unwrap(), b"new");
        assert!(!target.join("dir").symlink_metadata().unwrap().is_symlink());
        assert_eq!(std::fs::read(outside.join("a.html")).unwrap(), b"keep");
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 1);

        // A spare that is itself a link is never entered.
        std::fs::remove_dir_all(&spare).unwrap();
        std::os::unix::fs::symlink(&outside, &spare).unwrap();
        build(&target, &[("a.html", b"last")]);
        assert_eq!(std::fs::read(target.join("a.html")).unwrap(), b"last");
        assert_eq!(std::fs::read(outside.join("a.html")).unwrap(), b"keep");
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 1);
    }

    #[test]
    fn paths_cannot_escape() {
        let dir = tempfile::tempdir().unwrap();
        let out = Output::begin(&dir.path().join("public")).unwrap();
        assert!(out.write("../x", b"").is_err());
        assert!(out.write("/etc/x", b"").is_err());
    }

    #[test]
    fn a_killed_builds_tree_is_adopted_and_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".public.tmp-999999999");
        std::fs::create_dir(&stale).unwrap();
        std::fs::write(stale.join("x.html"), b"half").unwrap();
        let out = Output::begin(&dir.path().join("public")).unwrap();
        assert!(!stale.exists());
        // Adopted as the tree to write into; what this build does not
        // write is gone before the swap.
        assert_eq!(std::fs::read(out.dir().join("x.html")).unwrap(), b"half");
        out.write("y.html", b"y").unwrap();
        out.commit().unwrap();
        assert_eq!(beside(dir.path()), ["public"]);
        assert!(!dir.path().join("public/x.html").exists());
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
