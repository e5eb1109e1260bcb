//! The reader's experience in a real browser (issue 8): headless Chromium,
//! driven by playwright-core (`tests/browser/reader.mjs`), opens the home
//! page, two articles, a term page, the glossary, a source and the people
//! index at 375 and 1280 px in light and dark, saves full-page screenshots
//! under `tests/artifacts/` (git-ignored; the list is printed), checks that
//! nothing scrolls sideways, runs axe-core on every page (no serious or
//! The search page (empty and with a query's results) and the 404 page are
//! in that pass too, which runs axe-core on every page (no violations at
//! any level, colour contrast included). It walks an article by keyboard
//! through every glossary link and into each popover, opens a gloss by
//! click and by tap, copies a paragraph link with "cite this paragraph",
//! checks the print styles, and measures where the sidenotes of a fixture
//! article with footnotes fall at five widths (the bundled texts have
//! none): beside their paragraph in the margin from 1100 px, under it
//! below that, never over the text or one another.
//!
//! Skipped loudly without Chromium, Node, playwright-core or axe-core; a
//! failure instead with `JIEDU_REQUIRE_BROWSER=1` (set by `.ci/run`).

use crate::support::{browser::*, search::*, *};

/// An edition with one article whose footnotes are short and long, on
/// long and short paragraphs, so that a long note beside a short
/// paragraph runs into the next noted one unless the layout stops it.
fn footnote_edition() -> tempfile::TempDir {
    let ed = edition(BASE);
    let long = "全市上下坚持以习近平新时代中国特色社会主义思想为指导，".repeat(6);
    let body = format!(
        "{long}这是第一段，注释很短[^1]。\n\n\
         第二段很短[^2]。\n\n\
         第三段也很短[^3]。\n\n\
         {long}第四段没有注释。\n\n\
         [^1]: 短注。\n\
         [^2]: {}\n\
         [^3]: 第三条注释。\n",
        "这是一条很长的注释，说明文中提法的来历、出处和前后的变化。".repeat(4)
    );
    write(
        ed.path(),
        "content/articles/zhu-shi.md",
        &format!("---\ntitle: 注释的位置\ndate: 2025-01-02\n---\n{body}"),
    );
    // A page's notes have no margin to go to: they stay under the text.
    write(
        ed.path(),
        "content/pages/shuo-ming.md",
        "---\ntitle: 说明\n---\n说明页的一段话[^a]。\n\n[^a]: 说明页的注释。\n",
    );
    ed
}

#[test]
fn reader_pages_in_both_themes_and_widths_are_accessible_and_citable() {
    let Some(chromium) = chromium_or_skip("reader") else {
        return;
    };
    let out = bundled();
    let site = out.to_string_lossy().into_owned();
    let notes_ed = footnote_edition();
    let notes = built(&notes_ed).to_string_lossy().into_owned();
    let artifacts = repo().join("tests/artifacts");
    let artifacts = artifacts.to_string_lossy().into_owned();
    run_node(
        &["tests/browser/reader.mjs", &site, &artifacts, &notes],
        &[("CHROMIUM", &chromium)],
    );
    eprintln!("reader screenshots and axe report: {artifacts}/reader-*");
}
