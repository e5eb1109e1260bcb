//! `jiedu init [DIR]`: a new edition, ready to build and to publish.
//!
//! It writes `site.yaml`, an about page, the empty content folders, a
//! `.gitignore` and a GitHub Pages workflow that installs this very
//! version of jiedu. The templates are built into the binary
//! ([`crate::render::builtin`]), so a new edition has none of its own
//! unless asked (`--eject`). Nothing is ever overwritten.

use crate::error::{Error, Location, Result};
use std::path::Path;

const SITE_YAML: &str = "\
# The edition's settings; the README lists every key.
title: 新的注释版
# Where the site will be published; a GitHub Pages project site lives
# under https://<user>.github.io/<repo>/.
base_url: https://example.org/
language: zh-Hans
description: 一句话介绍这个注释版。
";

const ABOUT: &str =
    "---\ntitle: 关于本版\nnav_order: 1\n---\n在这里介绍本版收录的文本和阅读方法。\n";

/// What `build` writes (`public/`, and the `.public.*` siblings of an
/// interrupted build) and what `serve` writes (`.jiedu-serve/`): output,
/// never committed.
const GITIGNORE: &str = "/public\n/.public.*\n/.jiedu-serve\n";

/// The Pages workflow, with `@VERSION@` and `@REPO@` to fill in.
const PAGES_WORKFLOW: &str = include_str!("init/pages.yml");

/// What `jiedu init` was asked to do.
#[derive(Debug, Clone, Copy, Default)]
pub struct InitOptions {
    /// Allow a directory that is not empty (its files are kept).
    pub force: bool,
    /// Also copy the built-in templates into `templates/`.
    pub eject: bool,
}

/// What `jiedu init` did, by path relative to the edition.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InitReport {
    /// Files written.
    pub written: Vec<String>,
    /// Files that already existed and were left alone (only with `force`).
    pub kept: Vec<String>,
}

/// The Pages workflow for editions made by this version of jiedu: it
/// installs the release `version` from the GitHub repository `repo`
/// (`owner/name`).
pub fn pages_workflow(version: &str, repo: &str) -> String {
    PAGES_WORKFLOW
        .replace("@VERSION@", version)
        .replace("@REPO@", repo)
}

/// `owner/name` of the GitHub repository in Cargo.toml's `repository`.
fn own_repo() -> &'static str {
    let url = env!("CARGO_PKG_REPOSITORY");
    url.trim_start_matches("https://github.com/")
        .trim_end_matches('/')
}

/// Creates a new edition in `dir`, which must not exist or be empty
/// unless `opts.force`. Existing files are never overwritten.
pub fn init(dir: &Path, opts: &InitOptions) -> Result<InitReport> {
    if !opts.force && is_non_empty(dir)? {
        return Err(
            Error::invalid(Location::file(dir), "directory is not empty").with_hint(
                "choose a new or empty directory, or pass --force to add an edition here \
                 (existing files are kept)",
            ),
        );
    }
    let workflow = pages_workflow(env!("CARGO_PKG_VERSION"), own_repo());
    let mut files: Vec<(String, &[u8])> = vec![
        ("site.yaml".into(), SITE_YAML.as_bytes()),
        ("content/pages/about.md".into(), ABOUT.as_bytes()),
        (".gitignore".into(), GITIGNORE.as_bytes()),
        (".github/workflows/pages.yml".into(), workflow.as_bytes()),
    ];
    if opts.eject {
        let templates = crate::render::builtin::FILES.iter();
        files.extend(templates.map(|(rel, bytes)| (format!("templates/{rel}"), *bytes)));
    }
    let mut report = InitReport::default();
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if path.exists() {
            report.kept.push(rel);
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        report.written.push(rel);
    }
    let layout = crate::layout::Layout::new(dir);
    for path in [layout.sources(), layout.articles(), layout.glossary()] {
        std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
    }
    Ok(report)
}

fn is_non_empty(dir: &Path) -> Result<bool> {
    if !dir.exists() {
        return Ok(false);
    }
    let mut entries = dir.read_dir().map_err(|e| Error::io(dir, e))?;
    Ok(entries.next().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_edition_has_no_templates_and_builds_with_the_built_in_ones() {
        let dir = tempfile::tempdir().unwrap();
        let ed = dir.path().join("ed");
        init(&ed, &InitOptions::default()).unwrap();
        assert!(!ed.join("templates").exists());
        let report = crate::site::build(&ed, &Default::default()).unwrap();
        assert!(report.files > 5);
        assert!(ed.join("public/about/index.html").is_file());
        assert!(ed.join("public/static/site.css").is_file());
    }

    #[test]
    fn init_refuses_a_non_empty_directory_unless_forced_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site.yaml"), "mine").unwrap();
        let e = init(dir.path(), &InitOptions::default()).unwrap_err();
        assert!(e.to_string().contains("not empty"), "{e}");
        assert!(e.to_string().contains("--force"), "{e}");
        let opts = InitOptions {
            force: true,
            eject: true,
        };
        let report = init(dir.path(), &opts).unwrap();
        assert_eq!(report.kept, ["site.yaml"]);
        let kept = std::fs::read_to_string(dir.path().join("site.yaml")).unwrap();
        assert_eq!(kept, "mine");
        assert!(report.written.contains(&"templates/base.html".to_string()));
        assert!(dir.path().join("templates/static/site.css").is_file());
    }

    #[test]
    fn gitignore_keeps_build_and_preview_output_out_of_git() {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path(), &InitOptions::default()).unwrap();
        let ignore = std::fs::read_to_string(dir.path().join(".gitignore")).unwrap();
        let lines: Vec<&str> = ignore.lines().collect();
        assert_eq!(lines, ["/public", "/.public.*", "/.jiedu-serve"]);
    }

    #[test]
    fn the_pages_workflow_downloads_what_the_release_workflow_publishes() {
        let release = Path::new(env!("CARGO_MANIFEST_DIR")).join(".github/workflows/release.yml");
        let Ok(release) = std::fs::read_to_string(release) else {
            eprintln!("SKIPPED: no release workflow (a packaged crate)");
            return;
        };
        // The archive is jiedu-<target>.tar.gz holding `jiedu` at its top,
        // with a .sha256 beside it, for the target the Pages runner is.
        assert!(release.contains("target: x86_64-unknown-linux-gnu"));
        assert!(release.contains("name=jiedu-${{ matrix.target }}"));
        assert!(release.contains("tar -czf \"$name.tar.gz\" jiedu "));
        assert!(release.contains("sha256sum \"$archive\" > \"$archive.sha256\""));
        assert!(release.contains("on:\n  push:\n    tags: [\"v*\"]"));
        let pages = pages_workflow("1.2.3", "o/r");
        assert!(pages.contains("asset=jiedu-x86_64-unknown-linux-gnu.tar.gz"));
        assert!(pages.contains("releases/download/v$JIEDU_VERSION"));
        assert!(pages.contains("-C \"$HOME/.local/bin\" jiedu\n"));
    }

    #[test]
    fn the_pages_workflow_pins_this_version_and_this_repository() {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path(), &InitOptions::default()).unwrap();
        let flow = std::fs::read_to_string(dir.path().join(".github/workflows/pages.yml")).unwrap();
        let version = format!("JIEDU_VERSION: \"{}\"", env!("CARGO_PKG_VERSION"));
        assert!(flow.contains(&version), "{flow}");
        assert!(flow.contains(&format!("JIEDU_REPO: \"{}\"", own_repo())));
        assert!(!own_repo().contains("://"), "{}", own_repo());
        assert!(!flow.contains("@VERSION@") && !flow.contains("@REPO@"));
        assert!(flow.contains("cargo install --locked"));
        assert!(flow.contains("sha256sum -c"));
    }
}
