//! The page as a whole (steps 1 and the finish): its non-blank lines with
//! chrome taken out, fragments cut where they repeat a broken line, and
//! the umbrella title recorded as each article's `bundle`.

use super::model::{Draft, DraftShape, Field, Line, Para, ParaRole};
use crate::ingest::lines;
use crate::ingest::signals as sig;
use std::collections::{HashMap, HashSet};

// ---- step 1: lines ---------------------------------------------------

/// Non-blank lines with their gaps; chrome at the top and bottom of the
/// page is removed. Chrome is only looked for at the edges, because
/// `主办单位` inside an article is text.
pub(super) fn page_lines(text: &str) -> (Vec<Line>, Vec<(usize, String)>) {
    let mut lines = Vec::new();
    let mut gap = usize::MAX / 2;
    for (i, raw) in text.lines().enumerate() {
        if sig::is_blank(raw) {
            gap += 1;
            continue;
        }
        lines.push(Line {
            no: i + 1,
            text: sig::trim(raw).to_string(),
            gap,
            indent: lines::is_indented(raw),
        });
        gap = 0;
    }
    let mut removed = Vec::new();
    while lines.last().is_some_and(|l| sig::is_chrome(&l.text)) {
        if let Some(l) = lines.pop() {
            removed.push((l.no, l.text));
        }
    }
    let top = lines.iter().take_while(|l| sig::is_chrome(&l.text)).count();
    for l in lines.drain(..top) {
        removed.push((l.no, l.text));
    }
    // Production credits (责任编辑, 版式设计) are chrome wherever they stand.
    lines.retain(|l| {
        let chrome = sig::is_production_credit(&l.text);
        if chrome {
            removed.push((l.no, l.text.clone()));
        }
        !chrome
    });
    removed.sort();
    (lines, removed)
}

/// Texts of lines that stop mid-sentence, long enough to be recognised
/// when repeated at the start of another paragraph.
pub(super) fn open_line_texts(lines: &[Line]) -> HashSet<String> {
    lines
        .iter()
        .filter(|l| sig::ends_open(&l.text) && sig::chars(&l.text) >= 8)
        .map(|l| l.text.clone())
        .collect()
}

/// A fragment whose paragraph repeats, at its start, a broken line found
/// elsewhere on the page is two pieces of layout: cut it there.
pub(super) fn split_on_repeats(
    d: Draft,
    open_lines: &HashSet<String>,
    line_text: &HashMap<usize, String>,
) -> Vec<Draft> {
    if d.shape != DraftShape::Fragment || open_lines.is_empty() {
        return vec![d];
    }
    let mut lengths: Vec<usize> = open_lines.iter().map(|t| t.len()).collect();
    lengths.sort_unstable();
    lengths.dedup();
    let repeats = |p: &Para| {
        let own = p
            .lines
            .first()
            .and_then(|n| line_text.get(n))
            .map_or("", String::as_str);
        lengths.iter().any(|&n| {
            p.text
                .get(..n)
                .is_some_and(|head| head != own && open_lines.contains(head) && p.text.len() > n)
        })
    };
    let cut = d
        .paras
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, p)| p.role == ParaRole::Text && repeats(p))
        .map(|(i, _)| i);
    let Some(cut) = cut else { return vec![d] };
    let mut first = d;
    let mut second = Draft::new(DraftShape::Fragment);
    second.paras = first.paras.split_off(cut);
    let line = second.paras[0].lines.first().copied().unwrap_or(0);
    second.warnings.push(format!(
        "line {line} repeats the start of a broken line elsewhere on the page: kept apart as a separate fragment"
    ));
    second.warnings.extend(
        first
            .warnings
            .iter()
            .filter(|w| w.contains("interleaved"))
            .cloned(),
    );
    // Warnings about a line go with the part that holds the line.
    let lines = second.lines();
    let (theirs, ours): (Vec<String>, Vec<String>) = first
        .warnings
        .drain(..)
        .partition(|w| warned_line(w).is_some_and(|n| lines.contains(&n)));
    first.warnings = ours;
    second.warnings.extend(theirs);
    let mut out = vec![first];
    out.extend(split_on_repeats(second, open_lines, line_text));
    out
}

/// The line number a warning names (`… at line 121 …`), if any.
fn warned_line(w: &str) -> Option<usize> {
    let at = w.find("line ")? + 5;
    let digits: String = w[at..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// An umbrella title over a bundle: the page opens with a headline that
/// has no credit and at most an editor's note or a paragraph under it,
/// and at least two more headlines follow. It stays the first article
/// (with its note), and every headed article after it records it as its
/// `bundle`.
pub(super) fn mark_bundle(drafts: &mut [Draft]) {
    let Some(first) = drafts.first() else { return };
    let text_paras = first
        .paras
        .iter()
        .filter(|p| p.role == ParaRole::Text && !p.text.starts_with("编者按"))
        .count();
    let umbrella = first.shape == DraftShape::Titled
        && first.byline.is_none()
        && first.dateline.is_none()
        && text_paras <= 1
        && drafts
            .iter()
            .skip(1)
            .filter(|d| d.shape == DraftShape::Titled)
            .count()
            >= 2;
    let Some(title) = umbrella.then(|| first.title.clone()).flatten() else {
        return;
    };
    for d in drafts
        .iter_mut()
        .skip(1)
        .filter(|d| d.shape == DraftShape::Titled)
    {
        d.bundle = Some(Field {
            text: title.text.clone(),
            counted: false,
        });
    }
}
