//! A translated article in a real browser (issue 19): headless Chromium,
//! driven by playwright-core (`tests/browser/bilingual.mjs`), opens the
//! fixture edition's translated article at 375 and 1280 px in each of the
//! three views (对照, 中文, English), checks the pairs' layout, runs
//! axe-core (no violations at any level), checks the remembered choice,
//! `?lang=`, landing on a paragraph, citing, the glossary popover, the page
//! without JavaScript and English search; screenshots go to
//! `tests/artifacts/bilingual-*.png` (git-ignored).
//!
//! Skipped loudly without Chromium, Node, playwright-core or axe-core; a
//! failure instead with `JIEDU_REQUIRE_BROWSER=1`.

use crate::support::{browser::*, search::*, *};

#[test]
fn the_three_views_at_two_widths_are_aligned_accessible_and_remembered() {
    let Some(chromium) = chromium_or_skip("bilingual") else {
        return;
    };
    let ed = edition(BASE);
    let from = repo().join("tests/fixtures/translations");
    for dir in ["articles", "glossary", "translations"] {
        copy_tree(&from.join(dir), &ed.path().join("content").join(dir));
    }
    let out = built(&ed).to_string_lossy().into_owned();
    let artifacts = repo().join("tests/artifacts");
    let artifacts = artifacts.to_string_lossy().into_owned();
    run_node(
        &["tests/browser/bilingual.mjs", &out, &artifacts],
        &[("CHROMIUM", &chromium)],
    );
    eprintln!("bilingual screenshots: {artifacts}/bilingual-*.png");
}
