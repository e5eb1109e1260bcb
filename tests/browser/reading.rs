//! The reading controls and the calmer page (issue 18) in a real browser:
//! headless Chromium, driven by playwright-core (`tests/browser/reading.mjs`),
//! on the bundled edition. Term marking (first per section without
//! script; all, first or off, remembered across pages; kinds told apart by
//! underline style; axe clean in each mode and both themes), line breaking
//! measured at 375 px on the cases, concordance landings with and
//! without script, the frequency chart's labels at 375 and 1280 px in both
//! themes, the home page's arrangement, contents and font size on long
//! articles, and the small items (dark popover, phone masthead, ¶ tap
//! target, heading scale, Q&A indent). Screenshots go under
//! `tests/artifacts/` (git-ignored); their paths are printed.
//!
//! Skipped loudly without Chromium, Node, playwright-core or axe-core; a
//! failure instead with `JIEDU_REQUIRE_BROWSER=1`.

use crate::support::{browser::*, *};

#[test]
fn reading_controls_line_breaks_landings_chart_and_home_page_work_in_a_browser() {
    let Some(chromium) = chromium_or_skip("reading") else {
        return;
    };
    let out = bundled();
    let site = out.to_string_lossy().into_owned();
    let artifacts = repo().join("tests/artifacts");
    let artifacts = artifacts.to_string_lossy().into_owned();
    run_node(
        &["tests/browser/reading.mjs", &site, &artifacts],
        &[("CHROMIUM", &chromium)],
    );
}
