//! Hostile text in a real browser (issue 9): the rendered search results
//! of an article whose title and text carry `</script>`, quotes and
//! `<img onerror>` stay inert in headless Chromium
//! (`tests/browser/hostile.mjs`). The same text on built pages and in the
//! search index is `site::escaping`'s.

use crate::support::{browser::*, search::*};

#[test]
fn hostile_search_results_stay_inert_in_chromium() {
    let Some(chromium) = chromium_or_skip("hostile-text") else {
        return;
    };
    let ed = hostile_edition();
    let out = built(&ed);
    run_node(
        &["tests/browser/hostile.mjs", &out.to_string_lossy()],
        &[("CHROMIUM", &chromium)],
    );
}
