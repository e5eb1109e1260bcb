//! Browser tests' support: Node, Chromium and the npm packages that drive
//! it, and the rule for when they are missing: a test skips loudly, or
//! fails when `JIEDU_REQUIRE_BROWSER=1` (as in CI).

use super::repo;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, MutexGuard};

/// Whether browser and Node tests must run (CI) rather than be skipped.
pub fn required() -> bool {
    std::env::var("JIEDU_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// Skips loudly, or fails when `JIEDU_REQUIRE_BROWSER=1`.
pub fn skip(why: &str) {
    let msg = format!("SKIPPED: {why} (set JIEDU_REQUIRE_BROWSER=1 to make this a failure)");
    assert!(!required(), "{msg}");
    eprintln!("\n======== {msg} ========\n");
}

/// `node` if it runs.
pub fn node() -> Option<PathBuf> {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then(|| PathBuf::from("node"))
}

/// A turn with the browser: held while a test's browser runs, so one
/// Chromium runs at a time in a test process, as when each browser test
/// was a binary of its own (two at once on a small shared machine made
/// the scripts' waits race). A test that panicked gives its turn back.
pub fn one_browser_at_a_time() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    TURN.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `node args…` from the repository root with `env`, one at a time
/// ([`one_browser_at_a_time`]); panics with its output when it fails.
pub fn run_node(args: &[&str], env: &[(&str, &Path)]) {
    let _turn = one_browser_at_a_time();
    let mut cmd = Command::new("node");
    cmd.args(args).current_dir(repo());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(
        out.status.success(),
        "node {args:?} failed:\n{stdout}\n{stderr}"
    );
}

/// Chromium (`$CHROMIUM`, else `/usr/bin/chromium`) for a test's Node
/// script, when node, Chromium and the npm packages the scripts drive it
/// with (playwright-core, axe-core) are all here; otherwise skips loudly
/// (or fails under `JIEDU_REQUIRE_BROWSER=1`), naming the `test` that did
/// not run, and gives `None`.
pub fn chromium_or_skip(test: &str) -> Option<PathBuf> {
    let chromium = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let modules = repo().join("node_modules");
    if node().is_none()
        || !chromium.exists()
        || !modules.join("playwright-core").is_dir()
        || !modules.join("axe-core/axe.min.js").is_file()
    {
        skip(&format!("node, Chromium, node_modules/playwright-core or node_modules/axe-core is missing; the {test} browser test did not run"));
        return None;
    }
    Some(chromium)
}
