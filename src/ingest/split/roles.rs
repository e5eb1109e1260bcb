//! Roles (step 3): each piece of a unit becomes a heading, list item,
//! table row, label, marker, signature or text.

use super::head::md_heading;
use super::model::{Draft, DraftShape, Field, ParaRole, Piece};
use crate::ingest::lines::{self, Discipline};
use crate::ingest::signals as sig;

// ---- step 3: roles ---------------------------------------------------

/// The role of each piece, and pieces joined where a heading was wrapped.
pub(super) fn roles(
    draft: &mut Draft,
    pieces: Vec<Piece>,
    discipline: Discipline,
) -> Vec<(Piece, ParaRole)> {
    let mut out: Vec<(Piece, ParaRole)> = Vec::with_capacity(pieces.len());
    // Lines under a label (`嘉宾`, `主持人`) are its list: the first may sit
    // after one blank line, the rest follow without one.
    let mut under_label: Option<usize> = None;
    for mut p in pieces {
        // A crawler's bold line (`**记者手记**`, `**突出“两个维护”…**`) is a
        // label or a segment head; the asterisks are its markup.
        let bold = bold_line(&p.text).map(str::to_string);
        if let Some(inner) = bold {
            let role = if sig::is_label(&inner) {
                ParaRole::Label
            } else {
                ParaRole::Heading(3)
            };
            p.text = inner;
            under_label = (role == ParaRole::Label).then_some(0);
            out.push((p, role));
            continue;
        }
        let t = p.text.as_str();
        let listed = under_label.is_some_and(|n| if n == 0 { p.gap <= 1 } else { p.gap == 0 });
        let role = if let Some((lv, _)) = md_heading(t) {
            if lv <= 3 {
                ParaRole::Heading(2)
            } else {
                ParaRole::Heading(3)
            }
        } else if sig::is_label(t) {
            ParaRole::Label
        } else if sig::is_editor_signoff(t) {
            ParaRole::Sign
        } else if discipline == Discipline::Paragraphs && lines::is_segment_head(t) {
            ParaRole::Heading(3)
        } else if listed && sig::chars(t) <= 40 && !t.contains('。') {
            ParaRole::Item
        } else if t.contains('\t') {
            ParaRole::Row
        } else if t.starts_with("- ") || t.starts_with(['◆', '◇', '▲']) {
            ParaRole::Item
        } else if sig::is_continuation_marker(t) {
            ParaRole::Marker
        } else {
            structural_heading(t).unwrap_or(ParaRole::Text)
        };
        under_label = match role {
            ParaRole::Label => Some(0),
            ParaRole::Item if listed => under_label.map(|n| n + 1),
            _ => None,
        };
        out.push((p, role));
    }
    if discipline == Discipline::Paragraphs {
        mark_lists(&mut out);
    }
    mark_signature(&mut out);
    if matches!(draft.shape, DraftShape::Titled) && draft.byline.is_none() {
        signed_name(draft, &mut out);
    }
    plain_headings(out)
}

/// The text of a line set wholly in bold by a crawler (`**…**`), when it
/// is short enough to be a label or a head.
fn bold_line(text: &str) -> Option<&str> {
    let inner = text.strip_prefix("**")?.strip_suffix("**")?;
    let ok = (2..=40).contains(&sig::chars(inner))
        && !inner.contains("**")
        && !inner.contains(['。', '；'])
        && !sig::starts_new(inner);
    ok.then_some(inner)
}

/// On a page of one paragraph per line, a run of three or more short
/// unpunctuated lines is a list (names, units), not text to be joined or
/// headings.
fn mark_lists(out: &mut [(Piece, ParaRole)]) {
    let entry = |(p, r): &(Piece, ParaRole)| {
        *r == ParaRole::Text
            && lines::is_list_entry(&p.text)
            && !p.text.starts_with('□')
            && !sig::starts_new(&p.text)
    };
    let mut i = 0;
    while i < out.len() {
        // Entries of one list follow each other on the page.
        let run = out[i..]
            .iter()
            .enumerate()
            .take_while(|(j, x)| {
                entry(x)
                    && (*j == 0 || out[i + j - 1].0.nos.last().map(|n| n + 1) == Some(x.0.no()))
            })
            .count();
        if run >= 3 {
            for (_, r) in &mut out[i..i + run] {
                *r = ParaRole::Item;
            }
        }
        i += run.max(1);
    }
}

/// `一、…` → level 2, `（一）…` → level 3, `1.…` → level 4, when the line is
/// a short heading and not a run-in paragraph.
fn structural_heading(t: &str) -> Option<ParaRole> {
    let (family, _) = sig::ordinal(t)?;
    if sig::chars(t) > 40 || t.contains(['。', '；', '，', ',']) || family == "是" {
        return None;
    }
    Some(match family {
        "、" => ParaRole::Heading(2),
        "（）" => ParaRole::Heading(3),
        _ => ParaRole::Heading(4),
    })
}

/// An issuer and a date closing a unit (`西部科学城重庆高新区党工委` /
/// `2024年11月13日`) are a signature, not a heading and a paragraph.
fn mark_signature(out: &mut [(Piece, ParaRole)]) {
    let n = out.len();
    if n >= 2 && sig::is_date_line(&out[n - 1].0.text) && sig::heading_like(&out[n - 2].0.text, 40)
    {
        out[n - 1].1 = ParaRole::Sign;
        out[n - 2].1 = ParaRole::Sign;
    } else if n >= 1 && sig::is_date_line(&out[n - 1].0.text) {
        out[n - 1].1 = ParaRole::Sign;
    }
}

/// A name standing alone at the end of an article after a finished
/// sentence is its author's signature (`杨晨`): it becomes the byline.
fn signed_name(draft: &mut Draft, out: &mut Vec<(Piece, ParaRole)>) {
    let n = out.len();
    let signed = n >= 2
        && out[n - 1].1 == ParaRole::Text
        && sig::is_name(&out[n - 1].0.text)
        && sig::ends_sentence(&out[n - 2].0.text);
    if signed {
        if let Some((p, _)) = out.pop() {
            draft.byline = Some(Field::moved(p.text));
            draft.head_lines.extend(p.nos);
        }
    }
}

/// Short standalone lines become headings when body text follows the
/// group (at most three lines) and nothing plainly continues them; lines
/// of a group with no blank line between are one wrapped heading.
fn plain_headings(mut out: Vec<(Piece, ParaRole)>) -> Vec<(Piece, ParaRole)> {
    let eligible = |p: &Piece, r: ParaRole| r == ParaRole::Text && sig::heading_like(&p.text, 40);
    let mut i = 0;
    while i < out.len() {
        if !eligible(&out[i].0, out[i].1) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < out.len() && j + 1 - i < 3 && eligible(&out[j + 1].0, out[j + 1].1) {
            j += 1;
        }
        let body_after = out.get(j + 1).is_some_and(|(p, r)| match r {
            ParaRole::Text => !sig::heading_like(&p.text, 40) && !sig::is_date_line(&p.text),
            ParaRole::Item | ParaRole::Row | ParaRole::Label => true,
            _ => false,
        });
        // A heading follows a finished sentence, or at least is itself
        // closed: `…；` then `…组织加快打` is a sentence going on.
        let after_open = i > 0
            && out[i - 1].1 == ParaRole::Text
            && (sig::ends_with_comma(&out[i - 1].0.text)
                || (!sig::ends_sentence(&out[i - 1].0.text) && sig::ends_open(&out[i].0.text)));
        let continued = after_open
            || (i..=j).any(|x| {
                out.get(x + 1)
                    .is_some_and(|n| sig::continues(&out[x].0.text, &n.0.text))
            });
        if body_after && !continued {
            for (x, (_, role)) in out.iter_mut().enumerate().take(j + 1).skip(i) {
                *role = ParaRole::Heading(if x == i { 2 } else { 3 });
            }
        }
        i = j + 1;
    }
    merge_wrapped_headings(out)
}

/// Joins a heading line with the next when no blank line separates them
/// (`企业和群众反映事项按期` / `办理率保持95%以上`).
fn merge_wrapped_headings(out: Vec<(Piece, ParaRole)>) -> Vec<(Piece, ParaRole)> {
    let mut merged: Vec<(Piece, ParaRole)> = Vec::with_capacity(out.len());
    for (p, r) in out {
        if let Some(last) = merged.last_mut() {
            if matches!((last.1, r), (ParaRole::Heading(_), ParaRole::Heading(_))) && p.gap == 0 {
                last.0.text.push_str(&p.text);
                last.0.nos.extend(p.nos);
                continue;
            }
        }
        merged.push((p, r));
    }
    merged
}
