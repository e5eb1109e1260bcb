//! The ignore file: phrases an editor rejected, which `jiedu terms` no
//! longer proposes. The only part of the engine that reads the disk.

use crate::error::{Error, Location, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Where the ignore list lives, relative to the edition root.
pub const IGNORE_FILE: &str = "content/glossary/ignore.yaml";

/// A phrase an editor rejected, from the ignore file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreEntry {
    /// The rejected phrase, as `terms` shows it.
    pub text: String,
    /// Why, for the next editor.
    #[serde(default)]
    pub reason: String,
}

/// Parses an ignore file: a YAML list of `{text: "…", reason: "…"}`.
/// Errors name `path` and the line.
pub fn parse_ignore(text: &str, path: &Path) -> Result<Vec<IgnoreEntry>> {
    let entries: Option<Vec<IgnoreEntry>> = yaml_serde::from_str(text)
        .map_err(|e| crate::content::frontmatter::yaml_error(path, text, 0, &e))?;
    let entries = entries.unwrap_or_default();
    let errors: Vec<Error> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.text.trim().is_empty())
        .map(|(i, _)| {
            Error::invalid(
                entry_location(text, path, i),
                "ignore entry with empty `text`",
            )
            .with_hint("write the phrase exactly as `jiedu terms` lists it")
        })
        .collect();
    Error::collect(errors)?;
    Ok(entries)
}

/// The line of the `index`-th top-level list item, or the whole file.
fn entry_location(text: &str, path: &Path, index: usize) -> Location {
    let mut offset = 0;
    let mut items = text.split_inclusive('\n').filter_map(|line| {
        let here = offset;
        offset += line.len();
        line.starts_with('-').then_some(here)
    });
    match items.nth(index) {
        Some(at) => Location::of_offset(path, text, at),
        None => Location::file(path),
    }
}

/// Reads and parses the ignore file at `path`; a missing file is an empty
/// list.
pub fn load_ignore(path: &Path) -> Result<Vec<IgnoreEntry>> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_ignore(&text, path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(Error::io(path, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_file_parses_and_points_at_lines() {
        let path = Path::new("content/glossary/ignore.yaml");
        let ok = parse_ignore(
            "- {text: \"红岩先锋\", reason: \"brand\"}\n- text: 回头看\n",
            path,
        )
        .unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[1].reason, "");
        assert!(parse_ignore("# nothing yet\n", path).unwrap().is_empty());
        assert!(parse_ignore("", path).unwrap().is_empty());
        let e = parse_ignore("- {text: a}\n- {txt: b}\n", path)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("content/glossary/ignore.yaml:2:"), "{e}");
        assert!(e.contains("unknown field `txt`"), "{e}");
        let e = parse_ignore("- {text: a}\n- {text: \" \"}\n", path)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("content/glossary/ignore.yaml:2:1: ignore entry with empty `text`"),
            "{e}"
        );
    }

    #[test]
    fn missing_ignore_file_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load_ignore(&dir.path().join("ignore.yaml"))
            .unwrap()
            .is_empty());
    }
}
