//! The signals page dumps really show, as small pure predicates on one line
//! or paragraph of text.
//!
//! Every rule in `split` and `meta` is built from these, so each signal is
//! defined once, named after what it means on a newspaper page, and tested
//! on examples taken from the seeds: a byline (`□本报记者 周尤`), a dateline
//! (`新华社北京12月27日电`), a photo credit (`记者 罗斌 摄/视觉重庆`), a
//! line that stops mid-sentence (`…推动监督机制融入数字`), a line that plainly
//! continues one (`造，党的领导组织力全面提升。`), a list ordinal (`二是`).
//!
//! The signals live in files by what they recognise: `sentence.rs` (line
//! ends, quotes, ordinals, plain continuations), `heading.rs` (new
//! starts, headlines, columns, labels, markers) and `credits.rs`
//! (bylines, datelines, credits, chrome); `pattern.rs` compiles their
//! regexes. This file only declares them and re-exports the signals, so
//! rules elsewhere read `sig::ends_open` whichever file holds it.

mod credits;
mod heading;
mod pattern;
mod sentence;

/// The character classes every signal is built from, defined once in
/// [`crate::text`] and re-exported so the rules here read `sig::is_han`.
pub use crate::text::{chars, is_han, is_space};

pub use credits::{
    byline_kind, closing_dateline, dateline, is_chrome, is_editor_signoff, is_name,
    is_production_credit, photo_credit, trailing_credit, BylineKind,
};
pub use heading::{
    heading_like, is_column, is_continuation_marker, is_label, is_title_prefix, starts_new,
};
pub use sentence::{
    balanced, closes_quote_of, continues, continues_plainly, ends_open, ends_sentence,
    ends_with_comma, han_number, is_blank, is_cjk_punct, is_cjk_side, is_date_line, ordinal, trim,
    unclosed,
};
