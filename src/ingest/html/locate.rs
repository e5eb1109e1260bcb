//! Where text is in the saved file: the [`LineLocator`] moving forward
//! through it, the line of a byte offset, an element's text, and the
//! shortened text the report shows.

use crate::ingest::signals as sig;
use ego_tree::NodeId;
use scraper::Node;

/// Finds where a line's text is in the file, moving forward through it.
/// Text is matched on its first run of characters that HTML never
/// escapes (Chinese characters and letters), so entities do not matter.
pub(super) struct LineLocator<'a> {
    pub(super) html: &'a str,
    cursor: usize,
}

impl<'a> LineLocator<'a> {
    /// Starts at `<body`, so text is not found in `<title>` first.
    pub(super) fn new(html: &'a str) -> Self {
        let lower = html
            .get(..html.len().min(1 << 20))
            .map(str::to_ascii_lowercase);
        let cursor = lower.and_then(|l| l.find("<body")).unwrap_or(0);
        LineLocator { html, cursor }
    }

    /// The line of the next occurrence of `text`'s key; moves on.
    pub(super) fn find(&mut self, text: &str) -> Option<usize> {
        let key = key_of(text)?;
        let at = self.html[self.cursor..].find(&key)? + self.cursor;
        self.cursor = at;
        Some(line_at(self.html, at))
    }

    /// The line of `text` anywhere after the cursor, without moving;
    /// the cursor's line when it is not found.
    pub(super) fn peek(&mut self, text: &str) -> usize {
        let from = self.cursor;
        let found = key_of(text).and_then(|k| self.html[from..].find(&k).map(|i| i + from));
        line_at(self.html, found.unwrap_or(from))
    }
}

fn key_of(text: &str) -> Option<String> {
    let good = |c: char| sig::is_han(c) || c.is_alphanumeric();
    let mut best = String::new();
    let mut run = String::new();
    for c in text.chars() {
        if good(c) {
            run.push(c);
            if run.chars().count() >= 8 {
                return Some(run);
            }
        } else {
            if run.chars().count() > best.chars().count() {
                best = run.clone();
            }
            run.clear();
        }
    }
    if run.chars().count() > best.chars().count() {
        best = run;
    }
    (best.chars().count() >= 2).then_some(best)
}

/// The 1-based line of byte offset `at` in `text`.
pub(super) fn line_at(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    let mut at = at;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text[..at].bytes().filter(|&b| b == b'\n').count() + 1
}

/// The text under a node, whitespace collapsed (about 400 bytes at most).
pub(super) fn node_text(tree: &ego_tree::Tree<Node>, id: NodeId) -> String {
    let Some(node) = tree.get(id) else {
        return String::new();
    };
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
            s.push(' ');
            if s.len() > 400 {
                break;
            }
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most 60 characters, for the report.
pub(super) fn short(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}
