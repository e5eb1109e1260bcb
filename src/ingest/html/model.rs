//! The shapes the HTML steps share: what a page gives ([`Derived`],
//! [`HeadMeta`]), what it leaves out ([`Dropped`]), why it is refused
//! ([`NotAnArticle`]), and a line as the walk collects it.

use crate::ingest::signals as sig;
use ego_tree::NodeId;

/// Something left out of a page, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// 1-based line of the file where it starts (as near as known).
    pub line: usize,
    /// What it was: `script`, `nav`, `links`, `outside the article`…
    pub what: String,
    /// Its text, shortened.
    pub text: String,
}

/// Facts from the page's `<head>`, each with where it was found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeadMeta {
    /// `<title>` text.
    pub title: Option<String>,
    /// A publication date from a `<meta>` tag, as written, and the tag.
    pub date: Option<(String, String)>,
    /// The canonical URL, and the tag it came from.
    pub url: Option<(String, String)>,
    /// The publication (`<meta name="source">`, `og:site_name`).
    pub publication: Option<(String, String)>,
}

/// An HTML page turned into lines.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// The lines, blank lines between blocks, as the text pipeline reads.
    pub text: String,
    /// For each line of `text` (0-based), the 1-based line of the file.
    pub line_map: Vec<usize>,
    /// What was left out.
    pub dropped: Vec<Dropped>,
    /// The head's facts.
    pub head: HeadMeta,
}

/// Why a page is not ingested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAnArticle {
    /// The reason, for the error message.
    pub reason: String,
}

/// What kind of line a block makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Text,
    Heading(u8),
    Item,
    Row,
}

/// A line as collected, before the article area is chosen.
#[derive(Debug, Clone)]
pub(super) struct HtmlLine {
    /// The text, tidied.
    pub(super) text: String,
    /// What kind of line it is.
    pub(super) kind: Kind,
    /// Characters inside `<a>`.
    pub(super) link_chars: usize,
    /// The nearest block element holding it.
    pub(super) block: NodeId,
    /// Starts a new box (a heading, a table, a section).
    pub(super) new_box: bool,
    /// Follows the line before without a blank line (after a `<br>`).
    pub(super) tight: bool,
}

/// Running text: a paragraph of at least 20 Chinese characters that is
/// not a heading.
pub(super) fn is_running(l: &HtmlLine) -> bool {
    matches!(l.kind, Kind::Text | Kind::Item) && han(&l.text) >= 20
}

/// How many Chinese characters `s` has.
pub(super) fn han(s: &str) -> usize {
    s.chars().filter(|&c| sig::is_han(c)).count()
}
