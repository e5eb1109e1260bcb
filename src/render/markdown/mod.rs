//! Markdown → HTML for article bodies, term definitions and pages.
//!
//! The procedure:
//! 1. Parse with pulldown-cmark (tables, footnotes, heading attributes; no
//!    smart punctuation, which would turn the straight quotes of mixed text
//!    into the wrong curly ones and is never needed for Chinese).
//! 2. Cut the event stream into top-level blocks; footnote definitions are
//!    set aside.
//! 3. Render each block on its own, wrapped in `<div class="blk" id="pN">`
//!    with a visible ¶ number linking to itself, so every paragraph can be
//!    cited by a stable URL. Footnotes referenced in a block follow it as a
//!    sidenote `<aside>` (CSS puts it in the margin on wide screens, under
//!    the paragraph on narrow ones).
//!
//! This file only declares, re-exports and runs that procedure
//! ([`Markdown::render_linked`]); each step lives in a file of its own:
//! - `blocks`: parser options, cutting into blocks, a block's plain text;
//! - `policy`: the raw HTML, link and code policies, no-break runs;
//! - `terms`: linking glossary terms in a block's text;
//! - `notes`: footnote numbering and sidenotes;
//! - `anchors`: the ¶ anchors around each block;
//! - `rendered`: what rendering returns.

mod anchors;
mod blocks;
mod notes;
mod policy;
mod rendered;
mod terms;
#[cfg(test)]
mod testutil;

pub use anchors::Anchors;
pub use policy::Markdown;
pub use rendered::{BlockMatch, BlockText, Rendered};
pub use terms::{kind_class, TermLinks};

use super::emend::{self, Emendation};
use crate::ids::ParagraphId;
use anchors::push_anchored;
use blocks::{options, split_blocks, Events, PlainText};
use notes::{note_ref, NoteState};
use policy::keep_runs_whole;
use pulldown_cmark::{Event, Parser, Tag};
use terms::{link_terms, Linking, TermsSeen};

impl Markdown<'_> {
    /// Renders `source`.
    pub fn render(&self, source: &str, anchors: Anchors) -> Rendered {
        self.render_linked(source, anchors, None)
    }

    /// Renders `source`, linking every glossary term `links` finds.
    pub fn render_linked(
        &self,
        source: &str,
        anchors: Anchors,
        links: Option<&TermLinks<'_>>,
    ) -> Rendered {
        self.render_matched(source, anchors, links, None, true)
    }

    /// What [`Self::render_linked`] with paragraph anchors finds in
    /// `source` (blocks' text, matches, search text, emendations and
    /// their problem) without making its HTML: `html` and `terms` stay
    /// empty. For a build's analysis, which renders the HTML later, with
    /// [`Self::render_known`], when the page is written.
    pub fn scan_linked(&self, source: &str, links: &TermLinks<'_>) -> Rendered {
        self.render_matched(source, Anchors::Paragraphs, Some(links), None, false)
    }

    /// [`Self::render_linked`] with paragraph anchors, placing the matches
    /// `known` (sorted by block, as a rendering of the same `source` with
    /// the same `links` reported them in [`Rendered::matches`]) instead of
    /// running the matcher again: a body rendered a second time costs its
    /// Markdown, not its glossary.
    pub fn render_known(
        &self,
        source: &str,
        links: &TermLinks<'_>,
        known: &[BlockMatch],
    ) -> Rendered {
        self.render_matched(source, Anchors::Paragraphs, Some(links), Some(known), true)
    }

    fn render_matched(
        &self,
        source: &str,
        anchors: Anchors,
        links: Option<&TermLinks<'_>>,
        known: Option<&[BlockMatch]>,
        make_html: bool,
    ) -> Rendered {
        // NUL is not allowed in HTML text; show it as U+FFFD, as CommonMark
        // asks, rather than pass an invalid character to the browser.
        let cleaned;
        let source = if source.contains('\0') {
            cleaned = source.replace('\0', "\u{fffd}");
            cleaned.as_str()
        } else {
            source
        };
        let mut out = Rendered::default();
        let prepared = match emend::prepare(source) {
            Ok(p) => p,
            Err(problem) => {
                out.problem = Some(problem);
                emend::Prepared {
                    source: source.to_string(),
                    emendations: Vec::new(),
                }
            }
        };
        let emendations = &prepared.emendations[..];
        out.emendations = emendations.len();
        let (blocks, notes) = split_blocks(Parser::new_ext(&prepared.source, options()));
        let mut state = NoteState::new(notes, emendations);
        let mut seen = TermsSeen::default();
        for (i, block) in blocks.into_iter().enumerate() {
            // Marking restarts after each heading: a term's first
            // occurrence in each section is marked again.
            if matches!(block.first(), Some(Event::Start(Tag::Heading { .. }))) {
                seen.section.clear();
            }
            let block = emend::split_events(block);
            let plain = PlainText::of(&block, emendations);
            let found = match (links, known) {
                (Some(_), Some(known)) => block_matches(known, i as u32),
                (Some(l), None) if !plain.text.is_empty() => {
                    l.matcher.find_in(&plain.text, l.article)
                }
                _ => Vec::new(),
            };
            let linking = links.map(|l| Linking {
                links: l,
                offsets: &plain.offsets,
                found: &found,
            });
            let (html, asides) = if make_html {
                let (html, referenced) =
                    self.block_html(block, &mut state, linking, &mut seen, emendations);
                let asides = state.asides(&referenced, self);
                (html, asides)
            } else {
                (String::new(), String::new())
            };
            match anchors {
                Anchors::Paragraphs => {
                    let id = ParagraphId(i as u32 + 1);
                    if make_html {
                        push_anchored(&mut out.html, id, &html, &asides);
                    }
                    if let Some(search) = plain.search {
                        out.search_texts.push((i as u32, search));
                    }
                    out.blocks.push(BlockText {
                        id,
                        text: plain.text,
                    });
                    let block = i as u32;
                    out.matches
                        .extend(found.into_iter().map(|found| BlockMatch { block, found }));
                }
                Anchors::None => {
                    out.html.push_str(&html);
                    out.html.push_str(&asides);
                }
            }
        }
        if make_html {
            out.html.push_str(&state.leftovers(self));
        }
        out.terms = seen.used;
        out
    }

    fn block_html(
        &self,
        block: Events<'_>,
        notes: &mut NoteState<'_>,
        linking: Option<Linking<'_>>,
        seen: &mut TermsSeen,
        emendations: &[Emendation],
    ) -> (String, Vec<u32>) {
        let mut referenced = Vec::new();
        let mut origins = Vec::new();
        let mut events = self.transform_traced(block, &mut origins, &mut |label| {
            let (n, first) = notes.number(label);
            if first {
                referenced.push(n);
            }
            note_ref(n, first)
        });
        if let Some(linking) = linking {
            events = link_terms(events, &origins, &linking, seen);
        }
        let events = keep_runs_whole(events);
        let events = emend::finish(events, emendations);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        (html, referenced)
    }
}

/// The matches of block `block` among `known`, sorted by block.
fn block_matches(known: &[BlockMatch], block: u32) -> Vec<crate::glossary::Match> {
    let from = known.partition_point(|m| m.block < block);
    let to = known.partition_point(|m| m.block <= block);
    known[from..to].iter().map(|m| m.found).collect()
}

#[cfg(test)]
mod tests {
    use crate::render::markdown::testutil::{linked, linked_again, render};

    /// A body rendered again with the matches of its first rendering is
    /// the same body: links, marks, anchors, notes and emendations.
    #[test]
    fn placing_known_matches_renders_what_matching_rendered() {
        let md = "# 三清三减三增\n\n先做三{~~青~>清~~}，再看两个**确立**[^n]和885。\n\n\
                  [两个确立](https://x.org/)与三清三减三增。\n\n> 两个确立\n\n[^n]: 注：885。\n";
        let (first, again, bare) = linked_again(md);
        assert!(first.matches.len() >= 6, "{:?}", first.matches);
        assert_eq!(again.html, first.html);
        assert_eq!(again.matches, first.matches);
        assert_eq!(again.terms, first.terms);
        // Without the matches, nothing is linked: the test can fail.
        assert_ne!(bare.html, first.html);
    }

    #[test]
    fn emendations_show_the_correction_link_it_and_keep_the_printed_reading() {
        let r = linked(
            "先做三{~~青~>清~~}{>>据上下文。<<}，再看两个确立{++、++}885。\n\n`{~~a~>b~~}`\n",
        );
        // The term spanning the emendation is matched in the corrected text
        // and linked piecewise around the mark.
        assert_eq!(r.blocks[0].text, "先做三清，再看两个确立、885。");
        assert!(r.terms.contains(&0), "{}", r.html);
        assert!(
            r.html.contains("<span class=\"emend emend-sub\" tabindex=\"0\" data-printed=\"青\"><span class=\"emend-text\"><a class=\"term t1 g-idea\""),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(
                "<span class=\"emend-note\" role=\"note\">〔原文作“青”。据上下文。〕</span></span>"
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains("〔原文无此字，编者补〕"), "{}", r.html);
        // Search text holds both readings; the code span shows the
        // corrected reading only, without markers.
        assert_eq!(r.search_texts.len(), 1);
        assert_eq!(r.search_texts[0].0, 0);
        assert!(r.search_texts[0]
            .1
            .contains("三清〔原文作“青”。据上下文。〕"));
        assert!(r.html.contains("<code>b</code>"), "{}", r.html);
    }

    #[test]
    fn a_malformed_emendation_renders_as_text_and_is_reported() {
        let r = render("甲{~~乙\n");
        assert!(r.problem.is_some());
        assert!(r.html.contains("甲{~~乙"), "{}", r.html);
    }

    #[test]
    fn emendation_text_is_escaped() {
        let r = render("{~~<b>~><i>~~}{>>\"<script><<}\n");
        assert!(
            !r.html.contains("<b>") && !r.html.contains("<script>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("data-printed=\"&lt;b&gt;\""), "{}", r.html);
    }
}
