//! Emendations: an editor's correction of a misprint that keeps the
//! printed reading.
//!
//! The syntax is [CriticMarkup](https://criticmarkup.com/)'s, written in
//! the article body where the misprint stands:
//!
//! | written | meaning |
//! |---|---|
//! | `{~~止损损亏~>止损治亏~~}` | printed 止损损亏, read 止损治亏 |
//! | `{++、++}` | the printed text lacks 、 |
//! | `{--and--}` | the printed text has a stray `and` |
//! | `{==查案一整改一治理==}` | the passage is doubtful; not corrected |
//!
//! Each may be followed at once by an editor's note `{>>…<<}`; a doubtful
//! passage (`{==…==}`) must have one. Neither reading nor note may span
//! lines.
//!
//! The text reads the corrected form (so the glossary matches it); the
//! printed form and the note are printed right after it as
//! `〔原文作“止损损亏”。…〕`, which the stylesheet shows on hover or focus
//! and in print. Search text carries both readings.
//!
//! How it passes through Markdown: [`prepare`] replaces each emendation by
//! its corrected reading between two private-use characters that encode
//! its index; [`split_events`] turns those into marker events around the
//! reading; [`finish`] turns the markers into HTML once terms are linked.

use super::highlight::escape_html;
use pulldown_cmark::{CowStr, Event};

/// First code point of the opening markers (Supplementary Private Use
/// Area-A), one per emendation index.
const OPEN_BASE: u32 = 0xF0000;
/// First code point of the closing markers (Supplementary Private Use
/// Area-B).
const CLOSE_BASE: u32 = 0x100000;
/// How many emendations one document may hold.
const MAX: usize = 0xFFFD;
/// The label prefix of a marker event (a footnote reference no editor can
/// write, since the marker characters are removed from sources).
const LABEL: char = '\u{E000}';

/// What an emendation does to the printed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmendKind {
    /// A printed reading replaced by another.
    Substitution,
    /// Something the printed text lacks.
    Insertion,
    /// Something the printed text has in excess.
    Deletion,
    /// A doubtful passage, marked but not corrected.
    Query,
}

/// One emendation of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Emendation {
    /// What it does.
    pub kind: EmendKind,
    /// The reading as printed.
    pub printed: String,
    /// The reading the edition shows.
    pub corrected: String,
    /// The editor's note, if any.
    pub note: Option<String>,
}

impl Emendation {
    /// The apparatus printed after the corrected reading, e.g.
    /// `〔原文作“止损损亏”。当作“止损治亏”。〕`.
    pub fn apparatus(&self) -> String {
        let head = match self.kind {
            EmendKind::Substitution => format!("原文作“{}”", self.printed),
            EmendKind::Insertion => "原文无此字，编者补".to_string(),
            EmendKind::Deletion => format!("原文此处有“{}”，编者删", self.printed),
            EmendKind::Query => "原文如此，存疑".to_string(),
        };
        match &self.note {
            Some(n) => format!("〔{head}。{n}〕"),
            None => format!("〔{head}〕"),
        }
    }
}

/// A malformed emendation: where it starts (a byte offset into the
/// source) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Byte offset into the Markdown source.
    pub offset: usize,
    /// 1-based line of the source.
    pub line: usize,
    /// 1-based column in characters.
    pub col: usize,
    /// What is wrong, in English (an editor's message).
    pub message: String,
}

/// A Markdown source with its emendations replaced by marked corrected
/// readings.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// The source to parse.
    pub source: String,
    /// The emendations, by index.
    pub emendations: Vec<Emendation>,
}

const OPENERS: [(&str, &str, EmendKind); 4] = [
    ("{~~", "~~}", EmendKind::Substitution),
    ("{++", "++}", EmendKind::Insertion),
    ("{--", "--}", EmendKind::Deletion),
    ("{==", "==}", EmendKind::Query),
];

/// True if `c` is one of the marker characters (removed from sources so
/// no text can forge a marker).
fn is_marker(c: char) -> bool {
    c == LABEL || (c as u32) >= OPEN_BASE
}

/// Finds every emendation in `source`; a malformed one is a [`Problem`]
/// with its place.
pub fn prepare(source: &str) -> Result<Prepared, Problem> {
    prepare_unplaced(source).map_err(|p| placed(p, source))
}

fn prepare_unplaced(source: &str) -> Result<Prepared, Problem> {
    let clean: String;
    let source = if source.chars().any(is_marker) {
        clean = source
            .chars()
            .map(|c| if is_marker(c) { '\u{fffd}' } else { c })
            .collect();
        &clean
    } else {
        source
    };
    let mut out = Prepared {
        source: String::with_capacity(source.len()),
        emendations: Vec::new(),
    };
    let mut rest = 0;
    while let Some(found) = next_opener(source, rest) {
        let (at, opener) = found;
        out.source.push_str(&source[rest..at]);
        let (emendation, end) = parse_one(source, at, opener)?;
        if out.emendations.len() >= MAX {
            return Err(problem(at, "too many emendations in one file"));
        }
        let index = out.emendations.len() as u32;
        out.source.push(marker(OPEN_BASE, index));
        out.source.push_str(&emendation.corrected);
        out.source.push(marker(CLOSE_BASE, index));
        out.emendations.push(emendation);
        rest = end;
    }
    if let Some(stray) = source[rest..].find("{>>") {
        return Err(problem(
            rest + stray,
            "an editor's note {>>…<<} must follow an emendation",
        ));
    }
    out.source.push_str(&source[rest..]);
    Ok(out)
}

fn marker(base: u32, index: u32) -> char {
    char::from_u32(base + index).unwrap_or('\u{fffd}')
}

fn problem(offset: usize, message: &str) -> Problem {
    Problem {
        offset,
        line: 0,
        col: 0,
        message: message.to_string(),
    }
}

/// `p` with its line and column in `source` filled in.
fn placed(mut p: Problem, source: &str) -> Problem {
    let at = crate::error::Location::of_offset("", source, p.offset);
    p.line = at.line;
    p.col = at.col;
    p
}

/// The next opener at or after `from`, or a stray note (reported by
/// [`parse_one`] as an error).
fn next_opener(source: &str, from: usize) -> Option<(usize, usize)> {
    let tail = &source[from..];
    let mut best: Option<(usize, usize)> = None;
    for (k, (open, _, _)) in OPENERS.iter().enumerate() {
        if let Some(i) = tail.find(open) {
            if best.is_none_or(|(b, _)| i < b) {
                best = Some((i, k));
            }
        }
    }
    if let Some(i) = tail.find("{>>") {
        if best.is_none_or(|(b, _)| i < b) {
            best = Some((i, usize::MAX));
        }
    }
    best.map(|(i, k)| (from + i, k))
}

/// Parses the emendation whose opener `opener` (an index into
/// [`OPENERS`]) starts at `at`; returns it and the offset after it and
/// its note.
fn parse_one(source: &str, at: usize, opener: usize) -> Result<(Emendation, usize), Problem> {
    let Some(&(open, close, kind)) = OPENERS.get(opener) else {
        return Err(problem(
            at,
            "an editor's note {>>…<<} must follow an emendation",
        ));
    };
    let body_start = at + open.len();
    let line_end = source[body_start..]
        .find('\n')
        .map_or(source.len(), |i| body_start + i);
    let Some(len) = source[body_start..line_end].find(close) else {
        return Err(problem(
            at,
            &format!("emendation `{open}` is not closed by `{close}` on its line"),
        ));
    };
    let inner = &source[body_start..body_start + len];
    let mut end = body_start + len + close.len();
    let (printed, corrected) = readings(kind, inner).map_err(|m| problem(at, m))?;
    let mut note = None;
    if source[end..line_end].starts_with("{>>") {
        let from = end + 3;
        let Some(n) = source[from..line_end].find("<<}") else {
            return Err(problem(
                end,
                "editor's note `{>>` is not closed by `<<}` on its line",
            ));
        };
        let text = source[from..from + n].trim();
        if text.is_empty() {
            return Err(problem(end, "editor's note is empty"));
        }
        note = Some(text.to_string());
        end = from + n + 3;
    }
    if kind == EmendKind::Query && note.is_none() {
        return Err(problem(
            at,
            "a doubtful passage {==…==} needs a note {>>…<<} saying why",
        ));
    }
    let emendation = Emendation {
        kind,
        printed,
        corrected,
        note,
    };
    Ok((emendation, end))
}

/// The printed and corrected readings of an emendation's inside.
fn readings(kind: EmendKind, inner: &str) -> Result<(String, String), &'static str> {
    if inner.is_empty() {
        return Err("emendation is empty");
    }
    if OPENERS.iter().any(|(o, _, _)| inner.contains(o)) {
        return Err("emendations cannot be nested");
    }
    let own = |s: &str| s.to_string();
    match kind {
        EmendKind::Substitution => {
            let (printed, corrected) = inner
                .split_once("~>")
                .ok_or("a substitution needs `~>` between the printed and the corrected reading")?;
            if printed == corrected {
                return Err("a substitution's two readings are the same");
            }
            if printed.is_empty() {
                return Err("a substitution needs the printed reading before `~>`");
            }
            Ok((own(printed), own(corrected)))
        }
        EmendKind::Insertion => Ok((String::new(), own(inner))),
        EmendKind::Deletion => Ok((own(inner), String::new())),
        EmendKind::Query => Ok((own(inner), own(inner))),
    }
}

/// Which marker a character is: `(index, opening)`.
fn marker_of(c: char) -> Option<(u32, bool)> {
    let n = c as u32;
    if (OPEN_BASE..OPEN_BASE + MAX as u32).contains(&n) {
        Some((n - OPEN_BASE, true))
    } else if (CLOSE_BASE..CLOSE_BASE + MAX as u32).contains(&n) {
        Some((n - CLOSE_BASE, false))
    } else {
        None
    }
}

/// A marker event: a footnote reference whose label no source can hold.
fn marker_event(index: u32, opening: bool) -> Event<'static> {
    let kind = if opening { 'o' } else { 'c' };
    Event::FootnoteReference(format!("{LABEL}{kind}{index}").into())
}

/// The marker a footnote reference's label stands for, if it is one.
pub fn marker_label(label: &str) -> Option<(u32, bool)> {
    let rest = label.strip_prefix(LABEL)?;
    let opening = rest.starts_with('o');
    let index = rest.get(1..)?.parse().ok()?;
    Some((index, opening))
}

/// True for a marker event (the linker treats it like inline emphasis).
pub fn is_marker_event(ev: &Event<'_>) -> bool {
    matches!(ev, Event::FootnoteReference(l) if marker_label(l).is_some())
}

/// Splits text events at marker characters into text and marker events.
/// Code keeps the corrected reading without markers.
pub fn split_events(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    if !events.iter().any(has_marker) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len() + 4);
    for ev in events {
        match ev {
            Event::Text(t) if t.chars().any(|c| marker_of(c).is_some()) => {
                let mut buf = String::new();
                for c in t.chars() {
                    match marker_of(c) {
                        Some((i, opening)) => {
                            if !buf.is_empty() {
                                out.push(Event::Text(std::mem::take(&mut buf).into()));
                            }
                            out.push(marker_event(i, opening));
                        }
                        None => buf.push(c),
                    }
                }
                if !buf.is_empty() {
                    out.push(Event::Text(buf.into()));
                }
            }
            Event::Code(t) => out.push(Event::Code(strip(t))),
            Event::Html(t) => out.push(Event::Html(strip(t))),
            Event::InlineHtml(t) => out.push(Event::InlineHtml(strip(t))),
            other => out.push(other),
        }
    }
    out
}

fn has_marker(ev: &Event<'_>) -> bool {
    match ev {
        Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
            t.chars().any(|c| marker_of(c).is_some())
        }
        _ => false,
    }
}

fn strip(t: CowStr<'_>) -> CowStr<'_> {
    if t.chars().any(|c| marker_of(c).is_some()) {
        t.chars()
            .filter(|c| marker_of(*c).is_none())
            .collect::<String>()
            .into()
    } else {
        t
    }
}

/// Replaces marker events by the emendations' HTML.
pub fn finish<'e>(events: Vec<Event<'e>>, emendations: &[Emendation]) -> Vec<Event<'e>> {
    events
        .into_iter()
        .map(|ev| match &ev {
            Event::FootnoteReference(label) => match marker_label(label) {
                Some((i, opening)) => Event::InlineHtml(html(emendations, i, opening).into()),
                None => ev,
            },
            _ => ev,
        })
        .collect()
}

/// The HTML of an opening or closing marker.
fn html(emendations: &[Emendation], index: u32, opening: bool) -> String {
    let Some(e) = emendations.get(index as usize) else {
        return String::new();
    };
    let class = match e.kind {
        EmendKind::Substitution => "sub",
        EmendKind::Insertion => "ins",
        EmendKind::Deletion => "del",
        EmendKind::Query => "query",
    };
    if opening {
        format!(
            "<span class=\"emend emend-{class}\" tabindex=\"0\" data-printed=\"{}\"><span class=\"emend-text\">",
            escape_html(&e.printed)
        )
    } else {
        format!(
            "</span><span class=\"emend-note\" role=\"note\">{}</span></span>",
            escape_html(&e.apparatus())
        )
    }
}

/// The apparatus to add to the search text at a closing marker.
pub fn search_apparatus(emendations: &[Emendation], label: &str) -> Option<String> {
    let (i, opening) = marker_label(label)?;
    if opening {
        return None;
    }
    let e = emendations.get(i as usize)?;
    (e.kind != EmendKind::Query).then(|| e.apparatus())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepares_all_four_kinds_with_notes() {
        let p = prepare("甲{~~止损损亏~>止损治亏~~}{>>据上下文。<<}乙{++、++}丙{--and--}丁{==一==}{>>疑为破折号<<}").unwrap();
        assert_eq!(p.emendations.len(), 4);
        assert_eq!(p.emendations[0].printed, "止损损亏");
        assert_eq!(p.emendations[0].corrected, "止损治亏");
        assert_eq!(p.emendations[0].note.as_deref(), Some("据上下文。"));
        assert_eq!(p.emendations[2].corrected, "");
        let visible: String = p
            .source
            .chars()
            .filter(|c| marker_of(*c).is_none())
            .collect();
        assert_eq!(visible, "甲止损治亏乙、丙丁一");
        assert_eq!(
            p.emendations[0].apparatus(),
            "〔原文作“止损损亏”。据上下文。〕"
        );
    }

    #[test]
    fn malformed_emendations_are_problems_with_offsets() {
        let cases = [
            ("ab{~~x~>y", 2, "not closed"),
            ("ab{~~xy~~}", 2, "`~>`"),
            ("a{==x==}", 1, "needs a note"),
            ("正文{>>孤立<<}", 6, "must follow"),
            ("x{~~a~>b~~}{>>open", 11, "not closed"),
            ("{~~a\n~>b~~}", 0, "on its line"),
            ("{~~a~>a~~}", 0, "the same"),
        ];
        for (src, offset, msg) in cases {
            let e = prepare(src).unwrap_err();
            assert_eq!(e.offset, offset, "{src}: {e:?}");
            assert_eq!(e.line, 1 + src[..offset].matches('\n').count());
            assert!(e.message.contains(msg), "{src}: {}", e.message);
        }
    }

    #[test]
    fn forged_markers_are_neutralised() {
        let forged = format!("a{}b", char::from_u32(OPEN_BASE).unwrap());
        let p = prepare(&forged).unwrap();
        assert_eq!(p.source, "a\u{fffd}b");
    }
}
