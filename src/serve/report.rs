//! What the terminal is told after each rebuild.

use super::events::ErrorInfo;
use crate::incremental::Outcome;
use std::fmt;
use std::time::Duration;

/// What the terminal is told after each rebuild.
#[derive(Debug, Clone)]
pub enum Report {
    /// The output is up to date.
    Rebuilt {
        /// What changed in it.
        changes: Outcome,
        /// How long the rebuild took.
        elapsed: Duration,
    },
    /// The rebuild failed; the previous output is still served.
    Failed {
        /// The error.
        error: ErrorInfo,
        /// How long until it failed.
        elapsed: Duration,
    },
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Report::Rebuilt { changes, elapsed } => {
                let ms = elapsed.as_millis();
                if changes.is_empty() {
                    return write!(f, "nothing changed ({ms} ms)");
                }
                let what = if changes.full { "built" } else { "rebuilt" };
                let n = changes.written.len();
                let files = if n == 1 { "file" } else { "files" };
                write!(f, "{what} {n} {files} ({}) ", names(&changes.written))?;
                if !changes.removed.is_empty() {
                    let m = changes.removed.len();
                    write!(f, "and removed {m} ({}) ", names(&changes.removed))?;
                }
                write!(f, "in {ms} ms")
            }
            Report::Failed { error, elapsed } => write!(
                f,
                "error after {} ms, still serving the last good site:\n{}",
                elapsed.as_millis(),
                error.message
            ),
        }
    }
}

/// `articles/x, index, …` — page names without `index.html`, at most four.
fn names(paths: &[String]) -> String {
    let short = |p: &String| {
        let p = p.strip_suffix("/index.html").unwrap_or(p);
        p.strip_suffix(".html").unwrap_or(p).to_string()
    };
    let mut list: Vec<String> = paths.iter().take(4).map(short).collect();
    if paths.len() > 4 {
        list.push("…".into());
    }
    list.join(", ")
}
