//! Finding and reading the edition's files: sorted listings of a folder
//! (walk errors reported, never skipped) and UTF-8 reads whose errors
//! name the file and position.
//!
//! This is the reading half of the disk access `ingest` and `content`
//! share: ingest lists the sources and re-reads the articles it wrote,
//! `content::load` reads everything. Turning source bytes into text is
//! [`crate::decode`]'s; where the folders are is [`crate::layout`]'s.

use crate::error::{Error, Location, Result};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The file extensions a source may have; a sidecar (`*.yaml`) beside a
/// source is not one.
pub const SOURCE_EXTENSIONS: [&str; 4] = ["txt", "md", "html", "htm"];

/// The files with extension `ext` under `dir`, sorted, with walk errors
/// pushed onto `errors`. A missing directory is simply empty.
pub fn files_in(dir: &Path, ext: &str, errors: &mut Vec<Error>) -> Vec<PathBuf> {
    files_where(dir, |p| has_ext(p, ext), errors)
}

/// The source files under `dir`: every extension of
/// [`SOURCE_EXTENSIONS`], sorted; sidecars (`*.yaml`) and other
/// files are not sources.
pub fn source_files_in(dir: &Path, errors: &mut Vec<Error>) -> Vec<PathBuf> {
    let is_source = |p: &Path| SOURCE_EXTENSIONS.iter().any(|ext| has_ext(p, ext));
    files_where(dir, is_source, errors)
}

/// Reads a UTF-8 content file, naming the file and position on failure.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        Error::invalid(Location::of_offset(path, &before, valid), "invalid UTF-8")
            .with_hint("content files must be saved as UTF-8")
    })
}

/// The files under `dir` that `keep` accepts, sorted by name.
fn files_where(dir: &Path, keep: impl Fn(&Path) -> bool, errors: &mut Vec<Error>) -> Vec<PathBuf> {
    if !dir.exists() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() && keep(e.path()) => {
                files.push(e.into_path());
            }
            Ok(_) => {}
            Err(e) => errors.push(walk_error(dir, e)),
        }
    }
    files
}

/// `path` has extension `ext` and is not hidden (`.name`).
fn has_ext(path: &Path, ext: &str) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'));
    !hidden && path.extension().and_then(|e| e.to_str()) == Some(ext)
}

/// A walk error as an error naming the file (a symlink loop by name).
fn walk_error(dir: &Path, e: walkdir::Error) -> Error {
    let path = e.path().unwrap_or(dir).to_path_buf();
    let msg = if e.loop_ancestor().is_some() {
        "symbolic link loop".to_string()
    } else {
        e.to_string()
    };
    Error::invalid(Location::file(path), msg)
}
