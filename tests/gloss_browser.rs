//! The in-text glosses in a real browser (issue 4): headless Chromium,
//! driven by playwright-core (`tests/browser/gloss.mjs`), hovers, focuses
//! and taps a term in a bundled article, checks the popover, Esc and focus
//! return, and reads the definition with JavaScript disabled.
//!
//! Skipped loudly without Chromium, Node or playwright-core; a failure
//! instead with `JIEDU_REQUIRE_BROWSER=1` (set by `.ci/run`).

mod search_util;

use search_util::*;
use std::path::PathBuf;

#[test]
fn glosses_open_on_hover_focus_and_tap_and_close_on_escape() {
    let chromium = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if node().is_none()
        || !chromium.exists()
        || !repo().join("node_modules/playwright-core").is_dir()
    {
        return skip("node, Chromium or node_modules/playwright-core is missing; the gloss browser test did not run");
    }
    let dir = tempfile::tempdir().unwrap();
    let out = built_bundled(&dir);
    let site = out.to_string_lossy().into_owned();
    run_node(
        &[
            "tests/browser/gloss.mjs",
            &site,
            "articles/zai-gong-jian-tu-po-zhong-quan-li/",
            "san-gong-jian-yi-pan-huo",
        ],
        &[("CHROMIUM", &chromium)],
    );
}
