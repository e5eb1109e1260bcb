//! Splitting a page into its articles: page text → [`Draft`]s.
//!
//! A page dump is a newspaper page flattened to text, so one file holds a
//! main article, secondary articles, continuations from other pages,
//! briefs, photo captions and pieces of articles whose layout got
//! interleaved. The split runs in four steps, each using only the signals
//! of [`super::signals`]:
//!
//! 1. **Lines.** Non-blank lines with the number of blank lines before each
//!    (two or more mark a new box on the page) and whether they are
//!    indented; the page's line discipline is learned ([`super::lines`]);
//!    site chrome at the page's edges, and production credits (责任编辑,
//!    版式设计) anywhere, are taken out and reported.
//! 2. **Units.** A walk over the lines finds heads (the headline block of
//!    [`super::headline`]: section line, kicker, headline and column,
//!    subtitle, byline, dateline), continuation markers, briefs, captions
//!    and end credits. A short line is a headline only with evidence: a
//!    kicker, subtitle, column, byline or dateline, a new box, or the end
//!    of the article before it (a photo credit, a closing dateline or
//!    credit). A caption right under a headline is that article's text.
//!    An editor's note closed by `——编者` goes to the headline after it.
//!    Text after something that ends an article with no new head is an
//!    untitled *fragment*.
//! 3. **Roles.** Within a unit each line becomes a heading, list item,
//!    table row, label or text.
//! 4. **Streams.** Broken paragraphs are rejoined: a line that stops
//!    mid-sentence is continued by the next text that does not plainly
//!    start something new. When two articles are interleaved (a line
//!    broken, then a list ordinal that resumes the article's own list, or
//!    a plain continuation further down), the text is routed to separate
//!    streams; every stream but the article's own becomes a flagged
//!    fragment, except a summary box (a heading over a list), which stays
//!    in its host after the paragraph it interrupted. On a page of one
//!    paragraph per line none of this happens: an indent or blank line
//!    ends a paragraph. Nothing is ever dropped: ambiguity produces a
//!    fragment and a warning, not a guess.
//!
//! Finally an umbrella title heading the page over several articles is
//! recorded as the `bundle` of each of them.
//!
//! The steps live in files of their own: `model.rs` (the types),
//! `page.rs` (step 1 and the page-level finish), `head.rs` and `units.rs`
//! (step 2), `roles.rs` (step 3) and `streams.rs` (step 4). This file only
//! declares them, re-exports the types and runs the steps in order.

mod head;
mod model;
mod page;
mod roles;
mod streams;
mod units;

pub use model::{Draft, DraftShape, Field, Line, Para, ParaRole, SplitPage};

use crate::ingest::lines;
use page::{mark_bundle, open_line_texts, page_lines, split_on_repeats};
use std::collections::HashMap;
use streams::streams;
use units::units;

/// Splits a decoded page.
pub fn split(text: &str) -> SplitPage {
    let discipline = lines::learn(text.lines());
    let (lines, removed) = page_lines(text);
    let open_lines = open_line_texts(&lines);
    let line_text: HashMap<usize, String> = lines.iter().map(|l| (l.no, l.text.clone())).collect();
    let mut drafts = Vec::new();
    for unit in units(&lines, discipline) {
        for d in streams(unit, discipline) {
            drafts.extend(split_on_repeats(d, &open_lines, &line_text));
        }
    }
    drafts.retain(|d| !d.lines().is_empty());
    drafts.sort_by_key(|d| d.range());
    mark_bundle(&mut drafts);
    SplitPage { drafts, removed }
}
