//! Footnotes as sidenotes: numbered by first reference, each placed after
//! the block that first refers to it; definitions never referenced are
//! kept as endnotes.

use super::blocks::Events;
use super::policy::Markdown;
use crate::render::emend::{self, Emendation};
use crate::render::highlight::escape_html;
use std::collections::HashMap;

/// The superscript reference to note `n`; its first reference carries the
/// id the sidenote links back to.
pub(super) fn note_ref(n: u32, first: bool) -> String {
    let id = if first {
        format!(" id=\"fnref-{n}\"")
    } else {
        String::new()
    };
    format!("<sup class=\"fnref\"{id}><a href=\"#fn-{n}\" role=\"doc-noteref\">{n}</a></sup>")
}

/// Footnote numbering (by first reference) and sidenote output.
pub(super) struct NoteState<'e> {
    defs: HashMap<String, Events<'e>>,
    emendations: &'e [Emendation],
    numbers: HashMap<String, u32>,
    emitted: Vec<u32>,
}

impl<'e> NoteState<'e> {
    pub(super) fn new(defs: HashMap<String, Events<'e>>, emendations: &'e [Emendation]) -> Self {
        NoteState {
            defs,
            emendations,
            numbers: HashMap::new(),
            emitted: Vec::new(),
        }
    }

    /// The note's number and whether this is its first reference.
    pub(super) fn number(&mut self, label: &str) -> (u32, bool) {
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

    pub(super) fn asides(&mut self, referenced: &[u32], md: &Markdown<'_>) -> String {
        let notes: String = referenced.iter().map(|n| self.note_html(*n, md)).collect();
        if notes.is_empty() {
            notes
        } else {
            format!("<aside class=\"sidenotes\">{notes}</aside>\n")
        }
    }

    /// Definitions never referenced: kept, as plain notes at the end.
    pub(super) fn leftovers(&mut self, md: &Markdown<'_>) -> String {
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
    use crate::render::markdown::testutil::render;

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
}
