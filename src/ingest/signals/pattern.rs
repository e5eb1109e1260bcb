//! The one way the signals compile their regexes.

use regex::Regex;

/// Compiles a regex that is a literal of this file. Patterns are tested
/// below, so a bad one fails the test suite, not an editor's run.
pub(super) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad built-in regex {pattern}: {e}"))
}
