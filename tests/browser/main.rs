//! Every test that drives a real browser, in one test binary (each
//! `tests/*/main.rs` is linked once). Most run a Node script beside this
//! file (`*.mjs`, playwright-core and axe-core against headless Chromium);
//! `serve` drives Chromium over chromedriver (`webdriver`). Each skips
//! loudly when Chromium, chromedriver, Node or the npm packages are
//! missing, and fails instead under `JIEDU_REQUIRE_BROWSER=1` (as in CI):
//! `support::browser`.

#[path = "../support/mod.rs"]
mod support;

mod webdriver;

mod apparatus;
mod escaping;
mod gloss;
mod reader;
mod reading;
mod search;
mod serve;
mod translations;
