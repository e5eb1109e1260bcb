//! The reader's experience in a real browser (issue 8): headless Chromium,
//! driven by playwright-core (`tests/browser/reader.mjs`), opens the home
//! page, two articles, a term page, the glossary, a source and the people
//! index at 375 and 1280 px in light and dark, saves full-page screenshots
//! under `tests/artifacts/` (git-ignored; the list is printed), checks that
//! nothing scrolls sideways, runs axe-core on every page (no serious or
//! critical violations, colour contrast included), walks an article by
//! keyboard through every glossary link, taps a gloss open, copies a
//! paragraph link with "cite this paragraph", and checks the print styles.
//!
//! Skipped loudly without Chromium, Node, playwright-core or axe-core; a
//! failure instead with `JIEDU_REQUIRE_BROWSER=1` (set by `.ci/run`).

mod search_util;

use search_util::*;
use std::path::PathBuf;

#[test]
fn reader_pages_in_both_themes_and_widths_are_accessible_and_citable() {
    let chromium = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let modules = repo().join("node_modules");
    if node().is_none()
        || !chromium.exists()
        || !modules.join("playwright-core").is_dir()
        || !modules.join("axe-core/axe.min.js").is_file()
    {
        return skip("node, Chromium, node_modules/playwright-core or node_modules/axe-core is missing; the reader browser test did not run");
    }
    let dir = tempfile::tempdir().unwrap();
    let out = built_bundled(&dir);
    let site = out.to_string_lossy().into_owned();
    let artifacts = repo().join("tests/artifacts");
    let artifacts = artifacts.to_string_lossy().into_owned();
    run_node(
        &["tests/browser/reader.mjs", &site, &artifacts],
        &[("CHROMIUM", &chromium)],
    );
    eprintln!("reader screenshots and axe report: {artifacts}/reader-*");
}
