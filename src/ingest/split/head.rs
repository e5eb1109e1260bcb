//! Heads (part of step 2): reading the headline block of
//! [`crate::ingest::headline`] (section line, column, kicker, headline,
//! subtitle, byline, dateline) where the evidence allows a headline.

use super::model::{piece, Draft, DraftShape, Field, Line, Piece, Unit};
use crate::ingest::headline;
use crate::ingest::signals::{self as sig, BylineKind};

/// Gives a pending column name (and its line) to the draft that follows
/// it. If the draft already has a column, the pending one heads nothing
/// and comes back as a fragment unit.
pub(super) fn take_column(d: &mut Draft, column: &mut Option<Line>) -> Option<Unit> {
    let c = column.take()?;
    if d.column.is_some() {
        return Some(Unit {
            draft: Draft::new(DraftShape::Fragment),
            pieces: vec![piece(&c)],
        });
    }
    d.column = Some(Field::moved(c.text));
    d.head_lines.push(c.no);
    None
}

/// Markdown heading level of a line and its text without the `#`s.
pub(super) fn md_heading(text: &str) -> Option<(u8, &str)> {
    let hashes = text.chars().take_while(|&c| c == '#').count();
    let rest = &text[hashes..];
    ((1..=6).contains(&hashes) && rest.starts_with([' ', '\t']))
        .then(|| (hashes as u8, sig::trim(rest)))
}

/// The text of a line without Markdown heading marks.
fn plain(text: &str) -> &str {
    md_heading(text).map_or(text, |(_, t)| t)
}

fn is_dash_subtitle(l: &Line) -> bool {
    plain(&l.text).starts_with("——") && !sig::is_editor_signoff(&l.text)
}

/// Could this line be a headline? Markdown levels 1–2 or a plain short
/// line; never a column name or a label.
fn title_candidate(l: &Line) -> bool {
    let level_ok = md_heading(&l.text).is_none_or(|(lv, _)| lv <= 2);
    level_ok && !sig::is_column(&l.text) && sig::heading_like(plain(&l.text), 60)
}

fn is_anchor(l: &Line) -> bool {
    sig::byline_kind(&l.text).is_some_and(|k| k != BylineKind::Credit)
        || sig::dateline(&l.text).is_some()
        || sig::is_column(&l.text)
}

/// What [`parse_head`] found.
pub(super) struct Head {
    /// The draft with its head fields filled in.
    pub(super) draft: Draft,
    /// The index of the first line after the head.
    pub(super) next: usize,
    /// Text left on the head's last line, which starts the body.
    pub(super) rest: Option<Piece>,
}

/// Tries to read a head starting at `ls[start]` (the headline block of
/// [`crate::ingest::headline`]):
/// `section? column? kicker? prefix? TITLE(column)? subtitle? column? (byline | dateline)?`.
/// A head is accepted only with evidence beyond a short line: Markdown
/// `#`, a kicker or section line, a subtitle `——`, a column, a byline or
/// dateline, a gap of two blank lines before it (a new box on the page)
/// followed by body text, or the end of an article just before it
/// (`after_end`: a photo credit, a closing dateline or credit) followed by
/// body text.
pub(super) fn parse_head(ls: &[Line], start: usize, after_end: bool) -> Option<Head> {
    let at = |k: usize| ls.get(k);
    let mut d = Draft::new(DraftShape::Titled);
    let mut k = start;
    let take = |d: &mut Draft, k: &mut usize| {
        d.head_lines.push(ls[*k].no);
        *k += 1;
    };
    let md_level = |l: &Line| md_heading(&l.text).map(|(lv, _)| lv);
    if let Some(section) = at(k).and_then(|l| headline::section_line(&l.text)) {
        if at(k + 1).is_some_and(title_candidate) {
            d.kicker = Some(Field::moved(section));
            d.marks.push("□".into());
            take(&mut d, &mut k);
        }
    }
    if at(k).is_some_and(|l| sig::is_column(&l.text)) && at(k + 1).is_some_and(title_candidate) {
        d.column = Some(Field::moved(&ls[k].text));
        take(&mut d, &mut k);
    }
    let md_kicker = d.kicker.is_none()
        && at(k).is_some_and(|l| matches!(md_level(l), Some(2 | 3)) && !is_dash_subtitle(l))
        && at(k + 1).is_some_and(|l| md_level(l) == Some(1));
    if md_kicker || (d.kicker.is_none() && plain_kicker(ls, k)) {
        d.kicker = Some(Field::moved(plain(&ls[k].text)));
        take(&mut d, &mut k);
    }
    let mut prefix = String::new();
    if at(k).is_some_and(|l| sig::is_title_prefix(&l.text))
        && at(k + 1).is_some_and(title_candidate)
    {
        prefix = ls[k].text.clone();
        take(&mut d, &mut k);
    }
    let t = at(k).filter(|l| title_candidate(l))?;
    let level = md_heading(&t.text).map(|(lv, _)| lv);
    let title = format!("{prefix}{}", plain(&t.text));
    match headline::column_suffix(&title) {
        Some((at_bracket, column)) if d.column.is_none() => {
            d.column = Some(Field::moved(column));
            d.title = Some(Field::moved(sig::trim(&title[..at_bracket])));
            d.marks.push("（）".into());
        }
        _ => d.title = Some(Field::moved(title)),
    }
    take(&mut d, &mut k);
    let md_subtitle = level == Some(1) && at(k).is_some_and(|l| md_level(l) == Some(2));
    let date_subtitle = at(k).is_some_and(|l| headline::date_subtitle(plain(&l.text)).is_some());
    if at(k).is_some_and(is_dash_subtitle) || md_subtitle || date_subtitle {
        d.subtitle = Some(Field::moved(plain(&ls[k].text)));
        take(&mut d, &mut k);
    } else if level.is_none()
        && at(k).is_some_and(|l| {
            md_heading(&l.text).is_none()
                && sig::heading_like(&l.text, 60)
                && !sig::is_column(&l.text)
        })
        && at(k + 1).is_some_and(is_anchor)
    {
        let text = ls[k].text.clone();
        if d.column.is_none() && sig::chars(&text) <= 10 && text.chars().all(sig::is_han) {
            d.warnings.push(format!(
                "`{text}` (line {}) taken as the column; it may be a subtitle",
                ls[k].no
            ));
            d.column = Some(Field::moved(text));
        } else {
            d.subtitle = Some(Field::moved(text));
        }
        take(&mut d, &mut k);
    }
    if d.column.is_none() && at(k).is_some_and(|l| sig::is_column(&l.text)) {
        d.column = Some(Field::moved(&ls[k].text));
        take(&mut d, &mut k);
    }
    let rest = head_byline(ls, &mut d, &mut k);
    let evidence = d.subtitle.is_some()
        || d.column.is_some()
        || d.kicker.is_some()
        || d.byline.is_some()
        || d.dateline.is_some();
    let body_next = rest.is_none()
        && at(k).is_some_and(|l| !sig::heading_like(plain(&l.text), 60) && !is_anchor(l));
    let boxed = (start == 0 || ls[start].gap >= 2 || after_end) && body_next;
    let accept = match level {
        Some(1) => true,
        Some(_) => d.byline.is_some() || d.dateline.is_some(),
        None => evidence || boxed,
    };
    accept.then_some(Head {
        draft: d,
        next: k,
        rest,
    })
}

/// Is `ls[k]` a kicker above the headline `ls[k + 1]`? Only when a byline,
/// dateline or subtitle follows the headline, and either the kicker ends
/// in a dash or the headline carries its column in brackets (see
/// [`crate::ingest::headline`]).
fn plain_kicker(ls: &[Line], k: usize) -> bool {
    let (Some(kicker), Some(title), Some(after)) = (ls.get(k), ls.get(k + 1), ls.get(k + 2)) else {
        return false;
    };
    let anchored = is_anchor(after) || is_dash_subtitle(after);
    md_heading(&kicker.text).is_none()
        && md_heading(&title.text).is_none()
        && headline::kicker_like(&kicker.text)
        && title_candidate(title)
        && anchored
        && (kicker.text.ends_with("——") || headline::column_suffix(&title.text).is_some())
}

/// Reads a byline or dateline at `ls[*k]` into `d`; returns the rest of
/// the line when the byline is only its prefix (`本报讯(记者 X)正文…`).
fn head_byline(ls: &[Line], d: &mut Draft, k: &mut usize) -> Option<Piece> {
    let l = ls.get(*k)?;
    let cut = match sig::byline_kind(&l.text) {
        Some(BylineKind::Marked) => {
            // A crawler's `>` before the credit is markup, not byline.
            match l.text.strip_prefix('>') {
                Some(rest) => {
                    d.byline = Some(Field::moved(sig::trim(rest)));
                    d.marks.push(">".into());
                }
                None => d.byline = Some(Field::moved(&l.text)),
            }
            l.text.len()
        }
        Some(BylineKind::Xun(n)) => {
            d.byline = Some(Field::moved(&l.text[..n]));
            // The paper's own 讯 is the dateline; the credit stays the byline.
            if l.text.starts_with("本报讯") {
                d.dateline = Some(Field {
                    text: "本报讯".into(),
                    counted: false,
                });
            }
            n
        }
        _ => {
            let n = sig::dateline(&l.text)?;
            d.dateline = Some(Field::moved(&l.text[..n]));
            n
        }
    };
    d.head_lines.push(l.no);
    *k += 1;
    let rest = sig::trim(&l.text[cut..]);
    if let (Some(_), Some(n)) = (&d.byline, sig::dateline(rest)) {
        d.dateline = Some(Field::moved(&rest[..n]));
        let after = sig::trim(&rest[n..]);
        return (!after.is_empty()).then(|| Piece {
            text: after.to_string(),
            nos: vec![l.no],
            gap: 0,
            indent: false,
        });
    }
    (!rest.is_empty()).then(|| Piece {
        text: rest.to_string(),
        nos: vec![l.no],
        gap: 0,
        indent: false,
    })
}
