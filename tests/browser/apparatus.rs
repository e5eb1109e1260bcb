//! The editorial apparatus in a real browser (issue 17): headless
//! Chromium, driven by playwright-core (`tests/browser/apparatus.mjs`),
//! checks an emendation's note on focus, tap, without JavaScript and in
//! print; an annotation in the margin; the citation panel reached and
//! copied by keyboard alone, of the article and of a paragraph; and that
//! an edition built with a placeholder `base_url` cites the address the
//! page is read at. Screenshots go to `tests/artifacts/apparatus-*.png`.
//!
//! Skipped loudly without Chromium, Node, playwright-core or axe-core; a
//! failure instead with `JIEDU_REQUIRE_BROWSER=1`.

use crate::support::{browser::*, *};

#[test]
fn emendations_annotations_and_citations_in_a_browser() {
    let Some(chromium) = chromium_or_skip("apparatus") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let real = bundled();
    let placeholder = dir.path().join("placeholder");
    let opts = jiedu::site::BuildOptions {
        // The same sub-path as the real one, so the test server serves both.
        base_url: Some("https://example.github.io/repo/".into()),
        out: Some(placeholder.clone()),
        ..Default::default()
    };
    jiedu::site::build(&repo(), &opts).unwrap();
    let artifacts = repo().join("tests/artifacts");
    let (real, placeholder, artifacts) = (
        real.to_string_lossy().into_owned(),
        placeholder.to_string_lossy().into_owned(),
        artifacts.to_string_lossy().into_owned(),
    );
    run_node(
        &[
            "tests/browser/apparatus.mjs",
            &real,
            &placeholder,
            &artifacts,
        ],
        &[("CHROMIUM", &chromium)],
    );
}
