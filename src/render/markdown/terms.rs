//! Glossary terms in a block's text: found once in its plain text by the
//! matcher, placed here on the events as links (first occurrences) or
//! marks (later ones).

use super::blocks::Events;
use crate::glossary::{Match, Matcher};
use crate::ids::Slug;
use crate::render::emend;
use crate::render::highlight::escape_html;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

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

/// Which terms a document has met: all of them, in order of first
/// occurrence, and those met since the last heading.
#[derive(Default)]
pub(super) struct TermsSeen {
    pub(super) used: Vec<usize>,
    pub(super) section: Vec<usize>,
}

/// What the linker needs for one block: how to link, where each input
/// event's text starts in the block's plain text, and the matches the
/// matcher found in that plain text.
pub(super) struct Linking<'a> {
    pub(super) links: &'a TermLinks<'a>,
    pub(super) offsets: &'a [Option<usize>],
    pub(super) found: &'a [Match],
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
pub(super) fn link_terms<'e>(
    events: Events<'e>,
    origins: &[usize],
    linking: &Linking<'_>,
    used: &mut TermsSeen,
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
    seen: &mut TermsSeen,
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

#[cfg(test)]
mod tests {
    use crate::render::markdown::testutil::linked;

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
}
