//! Cutting a document into blocks: the parser's options, top-level blocks
//! and footnote definitions, and each block's plain text.

use crate::render::emend::{self, Emendation};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;

/// A block's events.
pub(super) type Events<'e> = Vec<Event<'e>>;

/// The parser's options: tables, footnotes, heading attributes and
/// strikethrough; no smart punctuation.
pub(super) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// Cuts events into top-level blocks and footnote definitions by label.
pub(super) fn split_blocks<'e>(
    parser: Parser<'e>,
) -> (Vec<Events<'e>>, HashMap<String, Events<'e>>) {
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
pub(super) struct PlainText {
    pub(super) text: String,
    /// The text with the emendations' apparatus, when it has any.
    pub(super) search: Option<String>,
    /// By event index: the offset of the event's text, for events that
    /// carry text.
    pub(super) offsets: Vec<Option<usize>>,
}

impl PlainText {
    pub(super) fn of(events: &[Event<'_>], emendations: &[Emendation]) -> PlainText {
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

#[cfg(test)]
mod tests {
    use crate::render::markdown::testutil::render;

    #[test]
    fn no_smart_punctuation() {
        let r = render("他说\"好\"，'是'--对...\n");
        assert!(r.html.contains("他说\"好\"，'是'"), "{}", r.html);
        assert!(r.html.contains("--对..."), "{}", r.html);
    }
}
