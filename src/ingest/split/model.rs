//! The split's data: what a page is cut into ([`Line`], [`Draft`], its
//! [`Para`]s and [`Field`]s) and the pieces and units the steps pass
//! between them.

use std::collections::BTreeSet;

/// One non-blank line of a page.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line number in the source.
    pub no: usize,
    /// The line, trimmed.
    pub text: String,
    /// Blank lines before it (page start counts as a large gap).
    pub gap: usize,
    /// It opens with a paragraph indent (「　　」).
    pub indent: bool,
}

/// A front-matter value taken from the page. `counted` says whether its
/// text was moved out of the page (and so counts in the accounting) or
/// derived from text that stays in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The value.
    pub text: String,
    /// Moved from the source (true) or derived (false).
    pub counted: bool,
}

impl Field {
    /// A value moved out of the page (it counts).
    pub(super) fn moved(text: impl Into<String>) -> Self {
        Field {
            text: text.into(),
            counted: true,
        }
    }
}

/// What a paragraph is in the article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaRole {
    /// Running text.
    Text,
    /// A section heading; 2 is the highest level used in bodies.
    Heading(u8),
    /// A list item.
    Item,
    /// A table row (tab-separated cells).
    Row,
    /// A label standing alone, such as `嘉宾`.
    Label,
    /// A marker such as `(上接1版)`.
    Marker,
    /// A signature line (issuer, date) closing a report.
    Sign,
}

/// A paragraph: one or more source lines joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    /// Its role.
    pub role: ParaRole,
    /// The text, lines joined without separator (Chinese has no spaces).
    pub text: String,
    /// The source lines it holds, in the order joined.
    pub lines: Vec<usize>,
}

/// How a piece of the page was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftShape {
    /// Under a head with a headline.
    Titled,
    /// Text at the top of a page with no headline (a report, a notice).
    Untitled,
    /// Text that belongs to no head on this page.
    Fragment,
    /// The rest of an article begun on another page (`(上接1版)`).
    Continuation,
    /// A brief (`● …(记者 金鑫)`).
    Brief,
    /// A photo caption standing alone.
    Caption,
}

/// One article as split from the page, before it is described and cleaned.
#[derive(Debug, Clone)]
pub struct Draft {
    /// How it was found.
    pub shape: DraftShape,
    /// Kicker (引题) above the headline.
    pub kicker: Option<Field>,
    /// Headline, when the page gives one.
    pub title: Option<Field>,
    /// Subtitle.
    pub subtitle: Option<Field>,
    /// Column name.
    pub column: Option<Field>,
    /// The umbrella title over the bundle this article belongs to.
    pub bundle: Option<Field>,
    /// Byline as printed.
    pub byline: Option<Field>,
    /// Dateline as printed.
    pub dateline: Option<Field>,
    /// The byline is a photo credit.
    pub photo: bool,
    /// Body paragraphs.
    pub paras: Vec<Para>,
    /// Lines used by the head (headline, byline…).
    pub head_lines: Vec<usize>,
    /// What an editor should check.
    pub warnings: Vec<String>,
    /// Layout marks taken off with a field (the brackets of a column, the
    /// square of a section line, a crawler's `>`): counted, never shown.
    pub marks: Vec<String>,
}

impl Draft {
    /// An empty draft of this shape.
    pub(super) fn new(shape: DraftShape) -> Self {
        Draft {
            shape,
            kicker: None,
            title: None,
            subtitle: None,
            column: None,
            bundle: None,
            byline: None,
            dateline: None,
            photo: false,
            paras: Vec::new(),
            head_lines: Vec::new(),
            warnings: Vec::new(),
            marks: Vec::new(),
        }
    }

    /// Every source line this draft holds, sorted.
    pub fn lines(&self) -> BTreeSet<usize> {
        let body = self.paras.iter().flat_map(|p| p.lines.iter().copied());
        self.head_lines.iter().copied().chain(body).collect()
    }

    /// First and last source line.
    pub fn range(&self) -> (usize, usize) {
        let lines = self.lines();
        (
            lines.first().copied().unwrap_or(0),
            lines.last().copied().unwrap_or(0),
        )
    }

    /// The front-matter values moved out of the page.
    pub fn counted_fields(&self) -> Vec<&str> {
        [
            &self.kicker,
            &self.title,
            &self.subtitle,
            &self.column,
            &self.byline,
            &self.dateline,
        ]
        .into_iter()
        .flatten()
        .filter(|f| f.counted)
        .map(|f| f.text.as_str())
        .chain(self.marks.iter().map(String::as_str))
        .collect()
    }
}

/// A page split into drafts, plus the chrome taken out.
#[derive(Debug, Clone, Default)]
pub struct SplitPage {
    /// The articles, in page order.
    pub drafts: Vec<Draft>,
    /// Site chrome removed: (line, text).
    pub removed: Vec<(usize, String)>,
}

/// A line or part of one, before roles are given.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    /// The text.
    pub(super) text: String,
    /// Source lines: one, or more for a heading wrapped over lines.
    pub(super) nos: Vec<usize>,
    /// Blank lines before it.
    pub(super) gap: usize,
    /// It opens with a paragraph indent.
    pub(super) indent: bool,
}

impl Piece {
    /// Its first source line (0 when it has none).
    pub(super) fn no(&self) -> usize {
        self.nos.first().copied().unwrap_or(0)
    }
}

/// A draft's head and the pieces under it, before roles are given.
#[derive(Debug)]
pub(super) struct Unit {
    /// The draft as found so far (shape and head fields).
    pub(super) draft: Draft,
    /// The pieces of its body.
    pub(super) pieces: Vec<Piece>,
}

/// A whole line as a piece.
pub(super) fn piece(l: &Line) -> Piece {
    Piece {
        text: l.text.clone(),
        nos: vec![l.no],
        gap: l.gap,
        indent: l.indent,
    }
}
