//! The in-text glosses in a real browser (issues 4 and 8): headless
//! Chromium, driven by playwright-core (`tests/browser/gloss.mjs`), hovers,
//! focuses, clicks and taps a term in a bundled article: a click or tap
//! opens the popover without navigating, a second one or the popover's
//! link goes to the term page, Ctrl-click and middle click open it in a new
//! tab; Tab reaches the popover's link and leaves it, Esc closes it with
//! focus back on the term; the ARIA is a non-modal dialog's; with
//! JavaScript disabled the term is a plain link and its definition is on
//! the page.
//!
//! Skipped loudly without Chromium, Node or playwright-core; a failure
//! instead with `JIEDU_REQUIRE_BROWSER=1` (set by `.ci/run`).

use crate::support::{browser::*, *};

#[test]
fn glosses_open_on_hover_focus_click_and_tap_and_their_link_is_keyboard_reachable() {
    let Some(chromium) = chromium_or_skip("gloss") else {
        return;
    };
    let out = bundled();
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
