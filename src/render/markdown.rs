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
//! Raw HTML policy: raw HTML in Markdown is **escaped**, shown as the text
//! it is. Editors' Markdown never needs it, and escaping is the only policy
//! that is safe without a sanitizer. Links and images keep only `http`,
//! `https` and `mailto` URLs, fragments and relative paths; site paths
//! starting with `/` are rebased onto the base URL's sub-path. Any other
//! scheme (`javascript:`, `data:`…) loses its link and keeps its text.

use super::emend::{self, Emendation};
use super::highlight::{escape_html, Highlighter};
use crate::glossary::{Match, Matcher};
use crate::ids::{ParagraphId, Slug};
use crate::url::Urls;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;

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
    /// [`TermLinks`] and [`Anchors::Paragraphs`] only), in order: the
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

/// How to link glossary terms in a text: the matcher, the article the text
/// belongs to (for document-local abbreviations), and each term's id and
/// URL, indexed like the matcher's terms.
pub struct TermLinks<'a> {
    /// The glossary's matcher.
    pub matcher: &'a Matcher,
    /// The article being rendered.
    pub article: &'a Slug,
    /// Term ids, by term index.
    pub ids: &'a [crate::ids::TermId],
    /// Term page URLs, by term index.
    pub urls: &'a [String],
    /// The class telling each term's kind apart in the text (`g-idea`,
    /// `g-person`…), by term index.
    pub classes: &'a [&'static str],
}

/// The class that tells a term's kind apart in the text: one quiet cue
/// (the underline's style, see site.css) for each of four groups a reader
/// can keep in mind — formulations, bodies and documents, people, places.
pub fn kind_class(kind: crate::content::TermKind) -> &'static str {
    use crate::content::TermKind as K;
    match kind {
        K::Slogan | K::NumericFormula | K::Program | K::Concept => "g-idea",
        K::Institution | K::Meeting | K::Document => "g-org",
        K::Person => "g-person",
        K::Place => "g-place",
    }
}

/// Whether top-level blocks get `pN` anchors and ¶ numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchors {
    /// Article bodies: every block citable.
    Paragraphs,
    /// Definitions and free pages: plain flow.
    None,
}

/// Renders Markdown with one site's links and one highlighter.
pub struct Markdown<'a> {
    urls: &'a Urls,
    highlighter: &'a Highlighter,
}

type Events<'e> = Vec<Event<'e>>;

impl<'a> Markdown<'a> {
    /// A renderer for links built by `urls`.
    pub fn new(urls: &'a Urls, highlighter: &'a Highlighter) -> Self {
        Markdown { urls, highlighter }
    }

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
        let mut seen = Seen::default();
        for (i, block) in blocks.into_iter().enumerate() {
            // Marking restarts after each heading: a term's first
            // occurrence in each section is marked again.
            if matches!(block.first(), Some(Event::Start(Tag::Heading { .. }))) {
                seen.section.clear();
            }
            let block = emend::split_events(block);
            let plain = PlainText::of(&block, emendations);
            let found = match links {
                Some(l) if !plain.text.is_empty() => l.matcher.find_in(&plain.text, l.article),
                _ => Vec::new(),
            };
            let linking = links.map(|l| Linking {
                links: l,
                offsets: &plain.offsets,
                found: &found,
            });
            let (html, referenced) =
                self.block_html(block, &mut state, linking, &mut seen, emendations);
            let asides = state.asides(&referenced, self);
            match anchors {
                Anchors::Paragraphs => {
                    let id = ParagraphId(i as u32 + 1);
                    push_anchored(&mut out.html, id, &html, &asides);
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
        out.html.push_str(&state.leftovers(self));
        out.terms = seen.used;
        out
    }

    fn block_html(
        &self,
        block: Events<'_>,
        notes: &mut NoteState<'_>,
        linking: Option<Linking<'_>>,
        seen: &mut Seen,
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

    /// Applies the HTML, link and code policies to a block's events.
    fn transform<'e>(
        &self,
        events: Events<'e>,
        on_note: &mut dyn FnMut(&str) -> String,
    ) -> Events<'e> {
        self.transform_traced(events, &mut Vec::new(), on_note)
    }

    /// [`Self::transform`], also telling for each output event the index
    /// of the input event it came from, so the linker can find each text
    /// event's place in the block's plain text.
    fn transform_traced<'e>(
        &self,
        events: Events<'e>,
        origins: &mut Vec<usize>,
        on_note: &mut dyn FnMut(&str) -> String,
    ) -> Events<'e> {
        let mut out = Vec::with_capacity(events.len());
        origins.clear();
        let mut dropped_links = Vec::new();
        let mut code: Option<(Option<String>, String)> = None;
        // Events pushed since the last input event came from it.
        let mut previous = 0;
        for (origin, ev) in events.into_iter().enumerate() {
            origins.resize(out.len(), previous);
            previous = origin;
            if let Some((_, buf)) = code.as_mut() {
                match ev {
                    Event::Text(t) => buf.push_str(&t),
                    Event::End(TagEnd::CodeBlock) => {
                        let (lang, buf) = code.take().unwrap_or_default();
                        let html = self.highlighter.block(&buf, lang.as_deref());
                        out.push(Event::Html(html.into()));
                    }
                    _ => {}
                }
                continue;
            }
            match ev {
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(l) => l.split_whitespace().next().map(str::to_string),
                        CodeBlockKind::Indented => None,
                    };
                    code = Some((lang, String::new()));
                }
                Event::Html(h) | Event::InlineHtml(h) => out.push(Event::Text(h)),
                Event::Start(Tag::HtmlBlock) => out.push(Event::Start(Tag::Paragraph)),
                Event::End(TagEnd::HtmlBlock) => out.push(Event::End(TagEnd::Paragraph)),
                Event::FootnoteReference(label) if emend::marker_label(&label).is_some() => {
                    out.push(Event::FootnoteReference(label))
                }
                Event::FootnoteReference(label) => {
                    out.push(Event::InlineHtml(on_note(&label).into()))
                }
                Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                    let kept = self.with_safe_url(tag);
                    dropped_links.push(kept.is_none());
                    out.extend(kept.map(Event::Start));
                }
                Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                    if !dropped_links.pop().unwrap_or(false) {
                        out.push(Event::End(end));
                    }
                }
                other => out.push(other),
            }
        }
        origins.resize(out.len(), previous);
        out
    }

    /// A link or image tag with its URL made safe, or `None` to drop it
    /// (its text stays).
    fn with_safe_url<'e>(&self, tag: Tag<'e>) -> Option<Tag<'e>> {
        match tag {
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest_url = self.safe_url(&dest_url)?;
                Some(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest_url = self.safe_url(&dest_url)?;
                Some(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            other => Some(other),
        }
    }

    /// The URL to emit for a link destination, or `None` to drop the link.
    fn safe_url<'e>(&self, dest: &CowStr<'e>) -> Option<CowStr<'e>> {
        let trimmed = dest.trim_matches(|c: char| c.is_ascii_whitespace() || c.is_ascii_control());
        if trimmed.starts_with('/') && !trimmed.starts_with("//") {
            return Some(self.urls.path(trimmed).into());
        }
        match scheme(trimmed) {
            None if !trimmed.starts_with("//") => Some(dest.clone()),
            Some(s) if ["http", "https", "mailto"].contains(&s.as_str()) => Some(dest.clone()),
            _ => None,
        }
    }
}

/// The URL scheme of `url`, lowercased, if it has one.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect();
    let colon = cleaned.find(':')?;
    let candidate = &cleaned[..colon];
    let valid = candidate
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    valid.then(|| candidate.to_ascii_lowercase())
}

/// What the linker needs for one block: how to link, where each input
/// event's text starts in the block's plain text, and the matches the
/// matcher found in that plain text.
/// Which terms a document has met: all of them, in order of first
/// occurrence, and those met since the last heading.
#[derive(Default)]
struct Seen {
    used: Vec<usize>,
    section: Vec<usize>,
}

/// Each text event with its no-break runs ([`super::nobreak`]) wrapped in
/// `<span class="nb">`, which the stylesheet keeps on one line.
fn keep_runs_whole(events: Events<'_>) -> Events<'_> {
    let mut out = Vec::with_capacity(events.len());
    for ev in events {
        let Event::Text(t) = &ev else {
            out.push(ev);
            continue;
        };
        let runs = super::nobreak::runs(t);
        if runs.is_empty() {
            out.push(ev);
            continue;
        }
        let mut pos = 0;
        for r in runs {
            if r.start > pos {
                out.push(Event::Text(t[pos..r.start].to_string().into()));
            }
            out.push(Event::InlineHtml("<span class=\"nb\">".into()));
            out.push(Event::Text(t[r.clone()].to_string().into()));
            out.push(Event::InlineHtml("</span>".into()));
            pos = r.end;
        }
        if pos < t.len() {
            out.push(Event::Text(t[pos..].to_string().into()));
        }
    }
    out
}

struct Linking<'a> {
    links: &'a TermLinks<'a>,
    offsets: &'a [Option<usize>],
    found: &'a [Match],
}

/// Wraps every glossary term in the block's text in a link to its page.
///
/// The terms were found once, in the block's plain text; here they are
/// placed on the events. Text is linked in *runs*: consecutive text events
/// with only inline emphasis between them, so a term broken by markup
/// (`两个**确立**`) is still linked. A run ends at a link, image, code or
/// block boundary: a match lying in a link or code, or straddling one, is
/// an occurrence (the plain text holds it) but gets no link. A match that
/// crosses an emphasis tag becomes one link per piece, keeping the HTML
/// well nested.
fn link_terms<'e>(
    events: Events<'e>,
    origins: &[usize],
    linking: &Linking<'_>,
    used: &mut Seen,
) -> Events<'e> {
    let mut out = Vec::with_capacity(events.len());
    let mut run: Vec<(Event<'e>, usize)> = Vec::new();
    let mut inside = 0usize;
    for (ev, &origin) in events.into_iter().zip(origins) {
        let inline_markup = matches!(
            ev,
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
                | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough)
        ) || emend::is_marker_event(&ev);
        match ev {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                flush_run(&mut run, &mut out, linking, used);
                inside += 1;
                out.push(ev);
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                inside = inside.saturating_sub(1);
                out.push(ev);
            }
            Event::Text(_) if inside == 0 => run.push((ev, origin)),
            _ if inline_markup && inside == 0 => run.push((ev, origin)),
            other => {
                flush_run(&mut run, &mut out, linking, used);
                out.push(other);
            }
        }
    }
    flush_run(&mut run, &mut out, linking, used);
    out
}

/// The plain-text byte range of each text event of a run.
fn run_ranges(run: &[(Event<'_>, usize)], offsets: &[Option<usize>]) -> Vec<Option<Range<usize>>> {
    run.iter()
        .map(|(ev, origin)| match ev {
            Event::Text(t) => {
                let start = offsets.get(*origin).copied().flatten()?;
                Some(start..start + t.len())
            }
            _ => None,
        })
        .collect()
}

/// The matches lying wholly inside the run's text: inside one stretch of
/// text events that follow each other without a gap.
fn run_matches<'m>(ranges: &[Option<Range<usize>>], found: &'m [Match]) -> Vec<&'m Match> {
    let mut spans: Vec<Range<usize>> = Vec::new();
    for r in ranges.iter().flatten() {
        match spans.last_mut() {
            Some(s) if s.end == r.start => s.end = r.end,
            _ => spans.push(r.clone()),
        }
    }
    let mut out = Vec::new();
    for span in spans {
        // `found` is sorted and non-overlapping: starts and ends ascend.
        let first = found.partition_point(|m| m.start < span.start);
        let last = found.partition_point(|m| m.end <= span.end);
        out.extend(found[first..last.max(first)].iter());
    }
    out
}

/// Places a run's matches: a term's first occurrence in the document and
/// in each section becomes a link (`<a class="term t1 …">`) that is marked
/// by default; any later one a `<span class="term …">` that reader.js turns
/// into a link when the reader asks for every occurrence to be marked.
/// So without JavaScript a reader sees the first occurrences marked, and
/// a page carries one full link per term and section, not one per use.
fn flush_run<'e>(
    run: &mut Vec<(Event<'e>, usize)>,
    out: &mut Events<'e>,
    linking: &Linking<'_>,
    seen: &mut Seen,
) {
    let ranges = run_ranges(run, linking.offsets);
    let matches = run_matches(&ranges, linking.found);
    if matches.is_empty() {
        out.extend(run.drain(..).map(|(ev, _)| ev));
        return;
    }
    let mut first = Vec::with_capacity(matches.len());
    for m in &matches {
        if !seen.used.contains(&m.term) {
            seen.used.push(m.term);
        }
        first.push(!seen.section.contains(&m.term));
        if !seen.section.contains(&m.term) {
            seen.section.push(m.term);
        }
    }
    let links = linking.links;
    for ((ev, _), range) in run.drain(..).zip(ranges) {
        let (Event::Text(t), Some(range)) = (&ev, range) else {
            out.push(ev);
            continue;
        };
        let (start, end) = (range.start, range.end);
        let mut pos = start;
        let placed = matches.iter().zip(&first);
        for (m, &first) in placed.filter(|(m, _)| m.start < end && m.end > start) {
            let (a, b) = (m.start.max(start), m.end.min(end));
            if a > pos {
                out.push(Event::Text(t[pos - start..a - start].to_string().into()));
            }
            let id = &links.ids[m.term];
            let class = links.classes.get(m.term).copied().unwrap_or("g-idea");
            let (open, close) = if first {
                let url = escape_html(&links.urls[m.term]);
                (format!("<a class=\"term t1 {class}\" href=\"{url}\" data-term=\"{id}\" aria-describedby=\"gloss-{id}\">"), "</a>")
            } else {
                (
                    format!("<span class=\"term {class}\" data-term=\"{id}\">"),
                    "</span>",
                )
            };
            out.push(Event::InlineHtml(open.into()));
            out.push(Event::Text(t[a - start..b - start].to_string().into()));
            out.push(Event::InlineHtml(close.into()));
            pos = b;
        }
        if pos < end {
            out.push(Event::Text(t[pos - start..].to_string().into()));
        }
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// Cuts events into top-level blocks and footnote definitions by label.
fn split_blocks<'e>(parser: Parser<'e>) -> (Vec<Events<'e>>, HashMap<String, Events<'e>>) {
    let mut blocks = Vec::new();
    let mut notes = HashMap::new();
    let mut current = Vec::new();
    let mut depth = 0usize;
    let mut note_label: Option<String> = None;
    for ev in parser {
        match &ev {
            Event::Start(Tag::FootnoteDefinition(label)) if depth == 0 => {
                note_label = Some(label.to_string());
                depth += 1;
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) if depth == 1 && note_label.is_some() => {
                depth = 0;
                let label = note_label.take().unwrap_or_default();
                notes.entry(label).or_insert(std::mem::take(&mut current));
                continue;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        current.push(ev);
        if depth == 0 && note_label.is_none() {
            blocks.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    (blocks, notes)
}

/// A block's text without markup (for glossary matching and search), and
/// where each of its events' text starts in it.
struct PlainText {
    text: String,
    /// The text with the emendations' apparatus, when it has any.
    search: Option<String>,
    /// By event index: the offset of the event's text, for events that
    /// carry text.
    offsets: Vec<Option<usize>>,
}

impl PlainText {
    fn of(events: &[Event<'_>], emendations: &[Emendation]) -> PlainText {
        let mut text = String::new();
        let mut offsets = Vec::with_capacity(events.len());
        // Where each emendation's apparatus goes in the search text.
        let mut apparatus: Vec<(usize, String)> = Vec::new();
        for ev in events {
            let mut offset = None;
            match ev {
                Event::FootnoteReference(label) => {
                    if let Some(a) = emend::search_apparatus(emendations, label) {
                        apparatus.push((text.len(), a));
                    }
                }
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    offset = Some(text.len());
                    text.push_str(t)
                }
                // A line break inside Chinese text is not a word space.
                Event::SoftBreak if text.ends_with(|c: char| !c.is_ascii()) => {}
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                Event::End(
                    TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
                ) if !text.ends_with(' ') && !text.is_empty() => text.push(' '),
                _ => {}
            }
            offsets.push(offset);
        }
        let search = (!apparatus.is_empty()).then(|| {
            let mut search = String::with_capacity(text.len() + 64);
            let mut from = 0;
            for (at, a) in &apparatus {
                search.push_str(&text[from..*at]);
                search.push_str(a);
                from = *at;
            }
            search.push_str(&text[from..]);
            search.truncate(search.trim_end().len());
            search
        });
        text.truncate(text.trim_end().len());
        // Kept for the whole build: no slack from growing.
        text.shrink_to_fit();
        PlainText {
            text,
            search,
            offsets,
        }
    }
}

fn push_anchored(out: &mut String, id: ParagraphId, html: &str, asides: &str) {
    let n = id.0;
    out.push_str(&format!(
        "<div class=\"blk\" id=\"{id}\"><a class=\"pn\" href=\"#{id}\" title=\"第{n}段：本段链接\">{n}</a>\n{html}{asides}</div>\n"
    ));
}

fn note_ref(n: u32, first: bool) -> String {
    let id = if first {
        format!(" id=\"fnref-{n}\"")
    } else {
        String::new()
    };
    format!("<sup class=\"fnref\"{id}><a href=\"#fn-{n}\" role=\"doc-noteref\">{n}</a></sup>")
}

/// Footnote numbering (by first reference) and sidenote output.
struct NoteState<'e> {
    defs: HashMap<String, Events<'e>>,
    emendations: &'e [Emendation],
    numbers: HashMap<String, u32>,
    emitted: Vec<u32>,
}

impl<'e> NoteState<'e> {
    fn new(defs: HashMap<String, Events<'e>>, emendations: &'e [Emendation]) -> Self {
        NoteState {
            defs,
            emendations,
            numbers: HashMap::new(),
            emitted: Vec::new(),
        }
    }

    /// The note's number and whether this is its first reference.
    fn number(&mut self, label: &str) -> (u32, bool) {
        let next = self.numbers.len() as u32 + 1;
        let mut first = false;
        let n = *self.numbers.entry(label.to_string()).or_insert_with(|| {
            first = true;
            next
        });
        (n, first)
    }

    fn label_of(&self, n: u32) -> Option<String> {
        self.numbers
            .iter()
            .find(|(_, v)| **v == n)
            .map(|(k, _)| k.clone())
    }

    fn note_html(&mut self, n: u32, md: &Markdown<'_>) -> String {
        let Some(label) = self.label_of(n) else {
            return String::new();
        };
        let Some(events) = self.defs.remove(&label) else {
            return String::new();
        };
        self.emitted.push(n);
        let mut inner = String::new();
        let events = md.transform(emend::split_events(events), &mut |l| {
            let (m, _) = self.numbers.get(l).map_or((0, false), |m| (*m, false));
            format!("<sup class=\"fnref\">{m}</sup>")
        });
        let events = emend::finish(events, self.emendations);
        pulldown_cmark::html::push_html(&mut inner, events.into_iter());
        format!(
            "<div class=\"sidenote\" id=\"fn-{n}\" role=\"doc-footnote\"><a class=\"sn-num\" href=\"#fnref-{n}\">{n}</a>{inner}</div>"
        )
    }

    fn asides(&mut self, referenced: &[u32], md: &Markdown<'_>) -> String {
        let notes: String = referenced.iter().map(|n| self.note_html(*n, md)).collect();
        if notes.is_empty() {
            notes
        } else {
            format!("<aside class=\"sidenotes\">{notes}</aside>\n")
        }
    }

    /// Definitions never referenced: kept, as plain notes at the end.
    fn leftovers(&mut self, md: &Markdown<'_>) -> String {
        let mut labels: Vec<String> = self.defs.keys().cloned().collect();
        labels.sort();
        let mut html = String::new();
        for label in labels {
            let Some(events) = self.defs.remove(&label) else {
                continue;
            };
            let events = md.transform(emend::split_events(events), &mut |_| String::new());
            let events = emend::finish(events, self.emendations);
            let mut inner = String::new();
            pulldown_cmark::html::push_html(&mut inner, events.into_iter());
            html.push_str(&format!(
                "<div class=\"note\"><span class=\"sn-num\">{}</span>{inner}</div>",
                escape_html(&label)
            ));
        }
        if html.is_empty() {
            html
        } else {
            format!("<section class=\"endnotes\">{html}</section>\n")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::BaseUrl;

    fn render(md: &str) -> Rendered {
        let urls = Urls::new(BaseUrl::parse("https://u.github.io/repo/").unwrap());
        let h = Highlighter::new();
        Markdown::new(&urls, &h).render(md, Anchors::Paragraphs)
    }

    #[test]
    fn every_top_level_block_gets_an_anchor_and_number() {
        let r =
            render("## 一、标题\n\n第一段。\n\n- 甲\n- 乙\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        for n in 1..=4 {
            assert!(
                r.html.contains(&format!("id=\"p{n}\"")),
                "p{n} in {}",
                r.html
            );
            assert!(r.html.contains(&format!("href=\"#p{n}\"")));
        }
        assert!(!r.html.contains("id=\"p5\""));
        assert_eq!(r.blocks[1].text, "第一段。");
        assert!(r.html.contains("<table>"));
    }

    #[test]
    fn no_smart_punctuation() {
        let r = render("他说\"好\"，'是'--对...\n");
        assert!(r.html.contains("他说\"好\"，'是'"), "{}", r.html);
        assert!(r.html.contains("--对..."), "{}", r.html);
    }

    #[test]
    fn raw_html_is_escaped() {
        let r = render("<script>alert(1)</script>\n\n正文<img src=x onerror=alert(1)>\n");
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("<img"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"));
    }

    #[test]
    fn dangerous_links_lose_their_href_and_keep_text() {
        let r = render("[点我](javascript:alert(1)) [图](data:text/html,x) [x](JaVaScRiPt:a) ![i](vbscript:x)\n");
        let h = r.html.to_ascii_lowercase();
        assert!(
            !h.contains("javascript:") && !h.contains("data:") && !h.contains("vbscript:"),
            "{h}"
        );
        assert!(r.html.contains("点我") && r.html.contains('图'));
    }

    #[test]
    fn internal_links_are_rebased_external_kept() {
        let r =
            render("[源](/sources/a/#L3) [外](https://example.org/x) [锚](#p2) [相对](../x/)\n");
        assert!(
            r.html.contains("href=\"/repo/sources/a/#L3\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"https://example.org/x\""));
        assert!(r.html.contains("href=\"#p2\""));
        assert!(r.html.contains("href=\"../x/\""));
    }

    #[test]
    fn footnotes_become_sidenotes_beside_their_paragraph() {
        let r = render(
            "第一段[^a]。\n\n第二段[^b][^a]。\n\n[^b]: 注二。\n[^a]: 注一。\n[^c]: 无引用。\n",
        );
        let p1 = r.html.find("id=\"p1\"").unwrap();
        let p2 = r.html.find("id=\"p2\"").unwrap();
        let n1 = r.html.find("id=\"fn-1\"").unwrap();
        let n2 = r.html.find("id=\"fn-2\"").unwrap();
        assert!(p1 < n1 && n1 < p2 && p2 < n2, "{}", r.html);
        assert!(r.html[n1..].starts_with("id=\"fn-1\" role=\"doc-footnote\"><a class=\"sn-num\" href=\"#fnref-1\">1</a><p>注一。"));
        assert!(r.html.contains("无引用"), "unreferenced notes are kept");
        assert_eq!(r.blocks.len(), 2);
    }

    fn linked(md: &str) -> Rendered {
        use crate::glossary::testutil::term;
        let terms = [
            term("san-qing", "三清", &[]),
            term("san-qing-san-jian-san-zeng", "三清三减三增", &[]),
            term("liang-ge-que-li", "两个确立", &[]),
            term("885", "885", &[]),
        ];
        let matcher = Matcher::new(&terms);
        let ids: Vec<_> = terms.iter().map(|t| t.id.clone()).collect();
        let urls: Vec<_> = ids.iter().map(|i| format!("/g/{i}/")).collect();
        let slug = Slug::new("a").unwrap();
        let links = TermLinks {
            matcher: &matcher,
            article: &slug,
            ids: &ids,
            urls: &urls,
            classes: &["g-idea", "g-idea", "g-idea", "g-num"],
        };
        let base = Urls::new(BaseUrl::parse("https://x.org/").unwrap());
        let h = Highlighter::new();
        Markdown::new(&base, &h).render_linked(md, Anchors::Paragraphs, Some(&links))
    }

    #[test]
    fn terms_are_linked_longest_first_and_recorded() {
        let r = linked("推进“三清三减三增”，先做三清。885工程，不是18850。\n");
        assert!(r.html.contains("“<a class=\"term t1 g-idea\" href=\"/g/san-qing-san-jian-san-zeng/\" data-term=\"san-qing-san-jian-san-zeng\" aria-describedby=\"gloss-san-qing-san-jian-san-zeng\">三清三减三增</a>”"), "{}", r.html);
        assert!(
            r.html
                .contains("先做<a class=\"term t1 g-idea\" href=\"/g/san-qing/\""),
            "{}",
            r.html
        );
        assert!(r.html.contains(">885</a>工程"), "{}", r.html);
        assert!(r.html.contains("不是18850"), "{}", r.html);
        assert_eq!(r.terms, [1, 0, 3]);
    }

    #[test]
    fn terms_across_emphasis_are_linked_piecewise_and_never_inside_links_or_code() {
        let r = linked(
            "坚决拥护两个**确立**。[两个确立](https://x.org/) `两个确立`\n\n```\n两个确立\n```\n",
        );
        assert!(
            r.html.contains(
                ">两个</a><strong><a class=\"term t1 g-idea\" href=\"/g/liang-ge-que-li/\""
            ),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<a href=\"https://x.org/\">两个确立</a>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<code>两个确立</code>"), "{}", r.html);
        assert_eq!(
            r.html.matches("class=\"term t1 g-idea\"").count(),
            2,
            "{}",
            r.html
        );
    }

    #[test]
    fn matches_are_found_once_in_the_plain_text_and_linked_where_they_can_be() {
        let r = linked("先做三清[三减三增](https://x.org/)。\n\n两个**确立**，`885`。\n");
        let found: Vec<_> = r
            .matches
            .iter()
            .map(|m| {
                (
                    m.block,
                    r.blocks[m.block as usize].text[m.found.start..m.found.end].to_string(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (0, "三清三减三增".to_string()),
                (1, "两个确立".to_string()),
                (1, "885".to_string())
            ]
        );
        // Straddling a link or inside code: an occurrence, not a link.
        assert_eq!(
            r.html.matches("class=\"term t1 g-idea\"").count(),
            2,
            "{}",
            r.html
        );
        assert_eq!(r.terms, [2]);
    }

    #[test]
    fn only_first_occurrences_in_each_section_are_links() {
        let r = linked("三清，三清。\n\n又见三清。\n\n## 二、两个确立\n\n三清与两个确立。\n");
        let html = &r.html;
        assert_eq!(
            html.matches("<a class=\"term t1 g-idea\" href=\"/g/san-qing/\"")
                .count(),
            2,
            "{html}"
        );
        assert_eq!(
            html.matches("<span class=\"term g-idea\" data-term=\"san-qing\">三清</span>")
                .count(),
            2,
            "{html}"
        );
        // The heading's own occurrence is the section's first; the next
        // paragraph's is not.
        assert!(
            html.contains("<h2>二、<a class=\"term t1 g-idea\" href=\"/g/liang-ge-que-li/\""),
            "{html}"
        );
        assert!(
            html.contains("与<span class=\"term g-idea\" data-term=\"liang-ge-que-li\">"),
            "{html}"
        );
    }

    #[test]
    fn dates_and_numbers_with_units_are_kept_on_one_line() {
        let r = render("2025年2月13日，全市1—11月份增长3.5%。\n");
        assert!(
            r.html.contains(
                "<span class=\"nb\">2025年2月13日</span>，全市<span class=\"nb\">1—11月份</span>"
            ),
            "{}",
            r.html
        );
        assert_eq!(r.blocks[0].text, "2025年2月13日，全市1—11月份增长3.5%。");
    }

    #[test]
    fn code_blocks_are_highlighted_with_classes() {
        let r = render("```rust\nlet x = 1;\n```\n");
        assert!(r.html.contains("hl-"), "{}", r.html);
        assert!(!r.html.contains("style="));
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
