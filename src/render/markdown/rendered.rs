//! What rendering a Markdown document returns.

use crate::glossary::Match;
use crate::ids::ParagraphId;
use crate::render::emend;

/// The plain text of one top-level block, for glossary matching and search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockText {
    /// The block's anchor.
    pub id: ParagraphId,
    /// Its text without markup.
    pub text: String,
}

/// A rendered Markdown document.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Each top-level block's text, in order.
    pub blocks: Vec<BlockText>,
    /// Indices of the glossary terms linked in the text, in order of first
    /// occurrence.
    pub terms: Vec<usize>,
    /// Search text of the blocks holding emendations, by block index: the
    /// plain text with each printed reading after its correction, so a
    /// search finds either reading.
    pub search_texts: Vec<(u32, String)>,
    /// How many emendations the text holds.
    pub emendations: usize,
    /// The first malformed emendation, if any (the text is then rendered
    /// without emendations; loading reports it with its place).
    pub problem: Option<emend::Problem>,
    /// Every glossary match in the blocks' plain text (rendering with
    /// [`TermLinks`](super::TermLinks) and
    /// [`Anchors::Paragraphs`](super::Anchors::Paragraphs) only), in order: the
    /// matcher runs once per block, and these are what the linking used.
    pub matches: Vec<BlockMatch>,
}

/// A glossary match in one block's plain text ([`BlockText::text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockMatch {
    /// Index of the block in [`Rendered::blocks`].
    pub block: u32,
    /// The match, with byte offsets into the block's text.
    pub found: Match,
}
