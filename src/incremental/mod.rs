//! The incremental rebuild: keeping an output directory byte-for-byte
//! equal to what `jiedu build` would write, while re-reading and
//! re-rendering only what an edit changed. `jiedu serve` is its user: it
//! hands a [`Session`] each batch of changed paths and publishes the
//! [`Outcome`] (which output files changed).
//!
//! A [`Session`] keeps the loaded edition in memory ([`edition`]): the
//! site, the templates, the glossary analysis and two indexes of the
//! dependency graph. One batch is handled in these steps, each in its own
//! file:
//!
//! 1. [`inputs`]: sort the paths by what they feed
//!    ([`crate::layout::Layout::classify`]); `site.yaml`, an annotation or
//!    a lost event take the full path (load and render everything, write
//!    what differs, delete what a build would not have written);
//! 2. [`edits`]: read and parse every changed content file, expanding
//!    directories (a renamed or deleted folder) into the files in it, on
//!    disk or in the site; [`templates`]: reload the templates if one
//!    changed — a parse error stops here, with nothing changed;
//! 3. [`deps`]: which pages the *old* site shows the changed inputs on;
//! 4. swap the new files into the site, keeping the old ones to undo
//!    ([`edits`]), and run the cross-file checks of `content::load` and
//!    the glossary's validation;
//! 5. [`reanalyse`]: bring the glossary analysis up to date — edited
//!    articles are analysed alone and spliced in; a glossary edit, or more
//!    than a few articles at once, re-analyse the edition — and compare
//!    what pages show of it before and after ([`delta`]: related lists, a
//!    term's later pages);
//! 6. [`rewrite`]: ask [`deps`] again on the *new* site, render the union
//!    ([`pages`], in parallel, in memory), delete the pages that only the
//!    old site had;
//! 7. [`writer`]: write the pages whose bytes changed, delete the pages of
//!    deleted things, copy changed static files.
//!
//! The search index is left out of steps 3–7: it covers the whole edition
//! and takes longer to rebuild than the edited page (1.8 s at 10,000
//! articles), so [`search`] marks it stale and, once the editor pauses,
//! the server hands a snapshot of the site to a thread of its own
//! ([`refresher`]) and goes back to the next edit. The index is built
//! there and [`publish`]ed whole, unless an edit came in the meantime:
//! then it is dropped, and the next pause builds a newer one. A rebuild
//! never waits for it.
//!
//! An error in steps 2–6 undoes the swap, so the in-memory site and the
//! output stay the last good ones; the paths stay pending and are retried
//! with the next edit.

pub mod delta;
pub mod deps;
pub mod edition;
pub mod edits;
pub mod inputs;
pub mod outcome;
pub mod output;
pub mod pages;
pub mod publish;
pub mod reanalyse;
pub mod refresher;
pub mod rewrite;
pub mod search;
pub mod session;
pub mod template_graph;
pub mod templates;
pub mod term_usage;
pub mod writer;

#[cfg(test)]
mod prediction;
#[cfg(test)]
mod test_site;

pub use outcome::Outcome;
pub use output::OutputDir;
pub use session::Session;
