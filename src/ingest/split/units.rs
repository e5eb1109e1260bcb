//! Units (step 2): the walk over the page's lines that cuts it into
//! headed articles, continuations, briefs, captions and fragments.

use super::head::{parse_head, take_column};
use super::model::{piece, Draft, DraftShape, Field, Line, Piece, Unit};
use crate::ingest::lines::Discipline;
use crate::ingest::signals::{self as sig, BylineKind};

/// Walks the page and cuts it into units (see the module docs, step 2).
pub(super) fn units(ls: &[Line], discipline: Discipline) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut cur: Option<usize> = None;
    let mut column: Option<Line> = None;
    let mut k = 0;
    while k < ls.len() {
        let after_end = k > 0 && ends_article(&ls[k - 1].text);
        // The line under a label (`编者按`, `核心阅读`) is the label's text.
        let labelled = k > 0 && sig::is_label(&ls[k - 1].text);
        if let Some(head) = (!labelled).then(|| parse_head(ls, k, after_end)).flatten() {
            let mut draft = head.draft;
            units.extend(take_column(&mut draft, &mut column));
            units.push(Unit {
                draft,
                pieces: head.rest.into_iter().collect(),
            });
            cur = Some(units.len() - 1);
            k = head.next;
            continue;
        }
        let l = &ls[k];
        k += 1;
        if sig::is_continuation_marker(&l.text) {
            let mut draft = Draft::new(DraftShape::Continuation);
            units.extend(take_column(&mut draft, &mut column));
            units.push(Unit {
                draft,
                pieces: vec![piece(l)],
            });
            cur = Some(units.len() - 1);
        } else if sig::is_column(&l.text) {
            if let Some(c) = column.replace(l.clone()) {
                // Two column names in a row: the first heads nothing.
                units.push(Unit {
                    draft: Draft::new(DraftShape::Fragment),
                    pieces: vec![piece(&c)],
                });
            }
            cur = None;
        } else if l.text.starts_with('●') || (l.gap >= 2 && sig::trailing_credit(&l.text).is_some())
        {
            let mut u = brief(ls, l, &mut k, discipline);
            units.extend(take_column(&mut u.draft, &mut column));
            units.push(u);
            cur = None;
        } else if let Some(off) = sig::photo_credit(&l.text).filter(|&o| o > 0) {
            // Several captions in a row are a photo group, not the text of
            // the headline above them.
            let is_caption = |n: &Line| sig::photo_credit(&n.text).is_some_and(|o| o > 0);
            let group = ls.get(k).is_some_and(is_caption)
                || (k >= 2 && ls.get(k - 2).is_some_and(is_caption));
            match cur
                .map(|c| &mut units[c])
                .filter(|u| !group && awaits_body(u))
            {
                // A headline over a photo and its caption: the caption is
                // its text, the credit its byline.
                Some(u) => {
                    let mut c = caption(l, off);
                    u.draft.byline = c.draft.byline.take();
                    u.draft.photo = true;
                    u.draft.head_lines.extend(c.draft.head_lines);
                    u.pieces.append(&mut c.pieces);
                }
                None => units.push(caption(l, off)),
            }
        } else if sig::photo_credit(&l.text) == Some(0)
            || sig::byline_kind(&l.text) == Some(BylineKind::Credit)
        {
            let photo = sig::photo_credit(&l.text).is_some();
            match cur
                .map(|c| &mut units[c])
                .filter(|u| u.draft.byline.is_none())
            {
                Some(u) => {
                    u.draft.byline = Some(Field::moved(&l.text));
                    u.draft.head_lines.push(l.no);
                    u.draft.photo = photo;
                }
                None => units.push(Unit {
                    draft: Draft::new(DraftShape::Fragment),
                    pieces: vec![piece(l)],
                }),
            }
            cur = None;
        } else {
            let c = match cur {
                Some(c) => c,
                None => {
                    let shape = if units.is_empty() {
                        DraftShape::Untitled
                    } else {
                        DraftShape::Fragment
                    };
                    let mut draft = Draft::new(shape);
                    units.extend(take_column(&mut draft, &mut column));
                    units.push(Unit {
                        draft,
                        pieces: Vec::new(),
                    });
                    units.len() - 1
                }
            };
            cur = Some(c);
            let u = &mut units[c];
            let mut p = piece(l);
            // A paragraph closing with the reporters' credit, the way copy
            // printed elsewhere often ends: the credit is the byline.
            if u.draft.byline.is_none() {
                if let Some(at) = sig::trailing_credit(&p.text) {
                    u.draft.byline = Some(Field::moved(sig::trim(&p.text[at..])));
                    u.draft.head_lines.push(p.no());
                    p.text = sig::trim(&p.text[..at]).to_string();
                }
            }
            u.pieces.push(p);
        }
    }
    if let Some(c) = column {
        // A column name with nothing under it: keep it as a fragment.
        units.push(Unit {
            draft: Draft::new(DraftShape::Fragment),
            pieces: vec![piece(&c)],
        });
    }
    attach_notes(&mut units);
    units
}

/// An editor's note closed by `——编者` just before a headline introduces
/// the article under that headline: it moves there, with its `编者按`
/// label if it has one (at most three paragraphs otherwise).
fn attach_notes(units: &mut [Unit]) {
    for i in 0..units.len().saturating_sub(1) {
        let Some(end) = units[i]
            .pieces
            .iter()
            .rposition(|p| sig::is_editor_signoff(&p.text))
        else {
            continue;
        };
        let next_titled = units[i + 1].draft.shape == DraftShape::Titled;
        if end + 1 != units[i].pieces.len() || !next_titled {
            continue;
        }
        let pieces = &units[i].pieces;
        let label = pieces[..end]
            .iter()
            .rposition(|p| p.text == "编者按" || p.text.starts_with("编者按"));
        let start = label.unwrap_or_else(|| {
            let mut s = end;
            while s > 0 && end - s < 3 && pieces[s].gap < 2 {
                s -= 1;
            }
            s
        });
        let note: Vec<Piece> = units[i].pieces.drain(start..).collect();
        units[i + 1].pieces.splice(0..0, note);
    }
}

/// A titled unit with nothing under its head yet and no byline.
fn awaits_body(u: &Unit) -> bool {
    u.draft.shape == DraftShape::Titled && u.pieces.is_empty() && u.draft.byline.is_none()
}

/// The line ends an article: a photo credit, a credit in brackets, or a
/// closing dateline in brackets (`…（据新华社郑州9月9日电）`).
fn ends_article(text: &str) -> bool {
    sig::photo_credit(text).is_some()
        || sig::trailing_credit(text).is_some()
        || sig::byline_kind(text) == Some(BylineKind::Credit)
        || sig::closing_dateline(text).is_some()
}

/// A brief: a `●` paragraph (or a paragraph standing in its own box and
/// ending in a reporter's credit), continued over broken lines if need be.
fn brief(ls: &[Line], first: &Line, k: &mut usize, discipline: Discipline) -> Unit {
    let mut d = Draft::new(DraftShape::Brief);
    let mut pieces = vec![piece(first)];
    let mut text = first.text.clone();
    while sig::ends_open(&text)
        && *k < ls.len()
        && (discipline == Discipline::Wrapped || (ls[*k].gap == 0 && !ls[*k].indent))
        && !sig::starts_new(&ls[*k].text)
        && parse_head(ls, *k, false).is_none()
    {
        text.push_str(&ls[*k].text);
        pieces.push(piece(&ls[*k]));
        *k += 1;
    }
    if let Some(last) = pieces.last_mut() {
        if let Some(at) = sig::trailing_credit(&last.text) {
            d.byline = Some(Field::moved(sig::trim(&last.text[at..])));
            d.head_lines.push(last.no());
            last.text = sig::trim(&last.text[..at]).to_string();
        }
    }
    if let Some(p) = pieces.first_mut() {
        // A bullet with nothing after it stays as it is: dropping it would
        // lose a source line (found by the ingest fuzz target).
        let stripped = sig::trim(p.text.trim_start_matches('●'));
        if !stripped.is_empty() {
            p.text = stripped.to_string();
        }
    }
    pieces.retain(|p| !p.text.is_empty());
    Unit { draft: d, pieces }
}

/// A caption standing alone: text and a photo credit on one line.
fn caption(l: &Line, credit_at: usize) -> Unit {
    let mut d = Draft::new(DraftShape::Caption);
    d.photo = true;
    d.byline = Some(Field::moved(sig::trim(&l.text[credit_at..])));
    d.head_lines.push(l.no);
    let text = sig::trim(&l.text[..credit_at]).to_string();
    Unit {
        draft: d,
        pieces: vec![Piece {
            text,
            nos: vec![l.no],
            gap: l.gap,
            indent: l.indent,
        }],
    }
}
