//! Splitting a page into its articles: page text → [`Draft`]s.
//!
//! A page dump is a newspaper page flattened to text, so one file holds a
//! main article, secondary articles, continuations from other pages,
//! briefs, photo captions and pieces of articles whose layout got
//! interleaved. The split runs in four steps, each using only the signals
//! of [`super::signals`]:
//!
//! 1. **Lines.** Non-blank lines with the number of blank lines before each
//!    (two or more mark a new box on the page) and whether they are
//!    indented; the page's line discipline is learned ([`super::lines`]);
//!    site chrome at the page's edges, and production credits (责任编辑,
//!    版式设计) anywhere, are taken out and reported.
//! 2. **Units.** A walk over the lines finds heads (the headline block of
//!    [`super::headline`]: section line, kicker, headline and column,
//!    subtitle, byline, dateline), continuation markers, briefs, captions
//!    and end credits. A short line is a headline only with evidence: a
//!    kicker, subtitle, column, byline or dateline, a new box, or the end
//!    of the article before it (a photo credit, a closing dateline or
//!    credit). A caption right under a headline is that article's text.
//!    An editor's note closed by `——编者` goes to the headline after it.
//!    Text after something that ends an article with no new head is an
//!    untitled *fragment*.
//! 3. **Roles.** Within a unit each line becomes a heading, list item,
//!    table row, label or text.
//! 4. **Streams.** Broken paragraphs are rejoined: a line that stops
//!    mid-sentence is continued by the next text that does not plainly
//!    start something new. When two articles are interleaved (a line
//!    broken, then a list ordinal that resumes the article's own list, or
//!    a plain continuation further down), the text is routed to separate
//!    streams; every stream but the article's own becomes a flagged
//!    fragment, except a summary box (a heading over a list), which stays
//!    in its host after the paragraph it interrupted. On a page of one
//!    paragraph per line none of this happens: an indent or blank line
//!    ends a paragraph. Nothing is ever dropped: ambiguity produces a
//!    fragment and a warning, not a guess.
//!
//! Finally an umbrella title heading the page over several articles is
//! recorded as the `bundle` of each of them.

use super::headline;
use super::lines::{self, Discipline};
use super::signals::{self as sig, BylineKind};
use std::collections::{BTreeSet, HashMap, HashSet};

/// One non-blank line of a page.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line number in the source.
    pub no: usize,
    /// The line, trimmed.
    pub text: String,
    /// Blank lines before it (page start counts as a large gap).
    pub gap: usize,
    /// It opens with a paragraph indent (「　　」).
    pub indent: bool,
}

/// A front-matter value taken from the page. `counted` says whether its
/// text was moved out of the page (and so counts in the accounting) or
/// derived from text that stays in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The value.
    pub text: String,
    /// Moved from the source (true) or derived (false).
    pub counted: bool,
}

impl Field {
    fn moved(text: impl Into<String>) -> Self {
        Field {
            text: text.into(),
            counted: true,
        }
    }
}

/// What a paragraph is in the article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Running text.
    Text,
    /// A section heading; 2 is the highest level used in bodies.
    Heading(u8),
    /// A list item.
    Item,
    /// A table row (tab-separated cells).
    Row,
    /// A label standing alone, such as `嘉宾`.
    Label,
    /// A marker such as `(上接1版)`.
    Marker,
    /// A signature line (issuer, date) closing a report.
    Sign,
}

/// A paragraph: one or more source lines joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    /// Its role.
    pub role: Role,
    /// The text, lines joined without separator (Chinese has no spaces).
    pub text: String,
    /// The source lines it holds, in the order joined.
    pub lines: Vec<usize>,
}

/// How a piece of the page was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftShape {
    /// Under a head with a headline.
    Titled,
    /// Text at the top of a page with no headline (a report, a notice).
    Untitled,
    /// Text that belongs to no head on this page.
    Fragment,
    /// The rest of an article begun on another page (`(上接1版)`).
    Continuation,
    /// A brief (`● …(记者 金鑫)`).
    Brief,
    /// A photo caption standing alone.
    Caption,
}

/// One article as split from the page, before it is described and cleaned.
#[derive(Debug, Clone)]
pub struct Draft {
    /// How it was found.
    pub shape: DraftShape,
    /// Kicker (引题) above the headline.
    pub kicker: Option<Field>,
    /// Headline, when the page gives one.
    pub title: Option<Field>,
    /// Subtitle.
    pub subtitle: Option<Field>,
    /// Column name.
    pub column: Option<Field>,
    /// The umbrella title over the bundle this article belongs to.
    pub bundle: Option<Field>,
    /// Byline as printed.
    pub byline: Option<Field>,
    /// Dateline as printed.
    pub dateline: Option<Field>,
    /// The byline is a photo credit.
    pub photo: bool,
    /// Body paragraphs.
    pub paras: Vec<Para>,
    /// Lines used by the head (headline, byline…).
    pub head_lines: Vec<usize>,
    /// What an editor should check.
    pub warnings: Vec<String>,
    /// Layout marks taken off with a field (the brackets of a column, the
    /// square of a section line, a crawler's `>`): counted, never shown.
    pub marks: Vec<String>,
}

impl Draft {
    fn new(shape: DraftShape) -> Self {
        Draft {
            shape,
            kicker: None,
            title: None,
            subtitle: None,
            column: None,
            bundle: None,
            byline: None,
            dateline: None,
            photo: false,
            paras: Vec::new(),
            head_lines: Vec::new(),
            warnings: Vec::new(),
            marks: Vec::new(),
        }
    }

    /// Every source line this draft holds, sorted.
    pub fn lines(&self) -> BTreeSet<usize> {
        let body = self.paras.iter().flat_map(|p| p.lines.iter().copied());
        self.head_lines.iter().copied().chain(body).collect()
    }

    /// First and last source line.
    pub fn range(&self) -> (usize, usize) {
        let lines = self.lines();
        (
            lines.first().copied().unwrap_or(0),
            lines.last().copied().unwrap_or(0),
        )
    }

    /// The front-matter values moved out of the page.
    pub fn counted_fields(&self) -> Vec<&str> {
        [
            &self.kicker,
            &self.title,
            &self.subtitle,
            &self.column,
            &self.byline,
            &self.dateline,
        ]
        .into_iter()
        .flatten()
        .filter(|f| f.counted)
        .map(|f| f.text.as_str())
        .chain(self.marks.iter().map(String::as_str))
        .collect()
    }
}

/// A page split into drafts, plus the chrome taken out.
#[derive(Debug, Clone, Default)]
pub struct SplitPage {
    /// The articles, in page order.
    pub drafts: Vec<Draft>,
    /// Site chrome removed: (line, text).
    pub removed: Vec<(usize, String)>,
}

/// Splits a decoded page.
pub fn split(text: &str) -> SplitPage {
    let discipline = lines::learn(text.lines());
    let (lines, removed) = page_lines(text);
    let open_lines = open_line_texts(&lines);
    let line_text: HashMap<usize, String> = lines.iter().map(|l| (l.no, l.text.clone())).collect();
    let mut drafts = Vec::new();
    for unit in units(&lines, discipline) {
        for d in streams(unit, discipline) {
            drafts.extend(split_on_repeats(d, &open_lines, &line_text));
        }
    }
    drafts.retain(|d| !d.lines().is_empty());
    drafts.sort_by_key(|d| d.range());
    mark_bundle(&mut drafts);
    SplitPage { drafts, removed }
}

/// An umbrella title over a bundle: the page opens with a headline that
/// has no credit and at most an editor's note or a paragraph under it,
/// and at least two more headlines follow. It stays the first article
/// (with its note), and every headed article after it records it as its
/// `bundle`.
fn mark_bundle(drafts: &mut [Draft]) {
    let Some(first) = drafts.first() else { return };
    let text_paras = first
        .paras
        .iter()
        .filter(|p| p.role == Role::Text && !p.text.starts_with("编者按"))
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

// ---- step 1: lines ---------------------------------------------------

/// Non-blank lines with their gaps; chrome at the top and bottom of the
/// page is removed. Chrome is only looked for at the edges, because
/// `主办单位` inside an article is text.
fn page_lines(text: &str) -> (Vec<Line>, Vec<(usize, String)>) {
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
fn open_line_texts(lines: &[Line]) -> HashSet<String> {
    lines
        .iter()
        .filter(|l| sig::ends_open(&l.text) && sig::chars(&l.text) >= 8)
        .map(|l| l.text.clone())
        .collect()
}

// ---- step 2: units ---------------------------------------------------

/// A line or part of one, before roles are given.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    /// Source lines: one, or more for a heading wrapped over lines.
    nos: Vec<usize>,
    gap: usize,
    indent: bool,
}

impl Piece {
    fn no(&self) -> usize {
        self.nos.first().copied().unwrap_or(0)
    }
}

#[derive(Debug)]
struct Unit {
    draft: Draft,
    pieces: Vec<Piece>,
}

fn piece(l: &Line) -> Piece {
    Piece {
        text: l.text.clone(),
        nos: vec![l.no],
        gap: l.gap,
        indent: l.indent,
    }
}

/// Gives a pending column name (and its line) to the draft that follows
/// it. If the draft already has a column, the pending one heads nothing
/// and comes back as a fragment unit.
fn take_column(d: &mut Draft, column: &mut Option<Line>) -> Option<Unit> {
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
fn md_heading(text: &str) -> Option<(u8, &str)> {
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
struct Head {
    draft: Draft,
    next: usize,
    rest: Option<Piece>,
}

/// Tries to read a head starting at `ls[start]` (the headline block of
/// [`super::headline`]):
/// `section? column? kicker? prefix? TITLE(column)? subtitle? column? (byline | dateline)?`.
/// A head is accepted only with evidence beyond a short line: Markdown
/// `#`, a kicker or section line, a subtitle `——`, a column, a byline or
/// dateline, a gap of two blank lines before it (a new box on the page)
/// followed by body text, or the end of an article just before it
/// (`after_end`: a photo credit, a closing dateline or credit) followed by
/// body text.
fn parse_head(ls: &[Line], start: usize, after_end: bool) -> Option<Head> {
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
/// [`super::headline`]).
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

/// Walks the page and cuts it into units (see the module docs, step 2).
fn units(ls: &[Line], discipline: Discipline) -> Vec<Unit> {
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

// ---- step 3: roles ---------------------------------------------------

/// Role of each piece, and pieces joined where a heading was wrapped.
fn roles(draft: &mut Draft, pieces: Vec<Piece>, discipline: Discipline) -> Vec<(Piece, Role)> {
    let mut out: Vec<(Piece, Role)> = Vec::with_capacity(pieces.len());
    // Lines under a label (`嘉宾`, `主持人`) are its list: the first may sit
    // after one blank line, the rest follow without one.
    let mut under_label: Option<usize> = None;
    for mut p in pieces {
        // A crawler's bold line (`**记者手记**`, `**突出“两个维护”…**`) is a
        // label or a segment head; the asterisks are its markup.
        let bold = bold_line(&p.text).map(str::to_string);
        if let Some(inner) = bold {
            let role = if sig::is_label(&inner) {
                Role::Label
            } else {
                Role::Heading(3)
            };
            p.text = inner;
            under_label = (role == Role::Label).then_some(0);
            out.push((p, role));
            continue;
        }
        let t = p.text.as_str();
        let listed = under_label.is_some_and(|n| if n == 0 { p.gap <= 1 } else { p.gap == 0 });
        let role = if let Some((lv, _)) = md_heading(t) {
            if lv <= 3 {
                Role::Heading(2)
            } else {
                Role::Heading(3)
            }
        } else if sig::is_label(t) {
            Role::Label
        } else if sig::is_editor_signoff(t) {
            Role::Sign
        } else if discipline == Discipline::Paragraphs && lines::is_segment_head(t) {
            Role::Heading(3)
        } else if listed && sig::chars(t) <= 40 && !t.contains('。') {
            Role::Item
        } else if t.contains('\t') {
            Role::Row
        } else if t.starts_with("- ") || t.starts_with(['◆', '◇', '▲']) {
            Role::Item
        } else if sig::is_continuation_marker(t) {
            Role::Marker
        } else {
            structural_heading(t).unwrap_or(Role::Text)
        };
        under_label = match role {
            Role::Label => Some(0),
            Role::Item if listed => under_label.map(|n| n + 1),
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
fn mark_lists(out: &mut [(Piece, Role)]) {
    let entry = |(p, r): &(Piece, Role)| {
        *r == Role::Text
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
                *r = Role::Item;
            }
        }
        i += run.max(1);
    }
}

/// `一、…` → level 2, `（一）…` → level 3, `1.…` → level 4, when the line is
/// a short heading and not a run-in paragraph.
fn structural_heading(t: &str) -> Option<Role> {
    let (family, _) = sig::ordinal(t)?;
    if sig::chars(t) > 40 || t.contains(['。', '；', '，', ',']) || family == "是" {
        return None;
    }
    Some(match family {
        "、" => Role::Heading(2),
        "（）" => Role::Heading(3),
        _ => Role::Heading(4),
    })
}

/// An issuer and a date closing a unit (`西部科学城重庆高新区党工委` /
/// `2024年11月13日`) are a signature, not a heading and a paragraph.
fn mark_signature(out: &mut [(Piece, Role)]) {
    let n = out.len();
    if n >= 2 && sig::is_date_line(&out[n - 1].0.text) && sig::heading_like(&out[n - 2].0.text, 40)
    {
        out[n - 1].1 = Role::Sign;
        out[n - 2].1 = Role::Sign;
    } else if n >= 1 && sig::is_date_line(&out[n - 1].0.text) {
        out[n - 1].1 = Role::Sign;
    }
}

/// A name standing alone at the end of an article after a finished
/// sentence is its author's signature (`杨晨`): it becomes the byline.
fn signed_name(draft: &mut Draft, out: &mut Vec<(Piece, Role)>) {
    let n = out.len();
    let signed = n >= 2
        && out[n - 1].1 == Role::Text
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
fn plain_headings(mut out: Vec<(Piece, Role)>) -> Vec<(Piece, Role)> {
    let eligible = |p: &Piece, r: Role| r == Role::Text && sig::heading_like(&p.text, 40);
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
            Role::Text => !sig::heading_like(&p.text, 40) && !sig::is_date_line(&p.text),
            Role::Item | Role::Row | Role::Label => true,
            _ => false,
        });
        // A heading follows a finished sentence, or at least is itself
        // closed: `…；` then `…组织加快打` is a sentence going on.
        let after_open = i > 0
            && out[i - 1].1 == Role::Text
            && (sig::ends_with_comma(&out[i - 1].0.text)
                || (!sig::ends_sentence(&out[i - 1].0.text) && sig::ends_open(&out[i].0.text)));
        let continued = after_open
            || (i..=j).any(|x| {
                out.get(x + 1)
                    .is_some_and(|n| sig::continues(&out[x].0.text, &n.0.text))
            });
        if body_after && !continued {
            for (x, (_, role)) in out.iter_mut().enumerate().take(j + 1).skip(i) {
                *role = Role::Heading(if x == i { 2 } else { 3 });
            }
        }
        i = j + 1;
    }
    merge_wrapped_headings(out)
}

/// Joins a heading line with the next when no blank line separates them
/// (`企业和群众反映事项按期` / `办理率保持95%以上`).
fn merge_wrapped_headings(out: Vec<(Piece, Role)>) -> Vec<(Piece, Role)> {
    let mut merged: Vec<(Piece, Role)> = Vec::with_capacity(out.len());
    for (p, r) in out {
        if let Some(last) = merged.last_mut() {
            if matches!((last.1, r), (Role::Heading(_), Role::Heading(_))) && p.gap == 0 {
                last.0.text.push_str(&p.text);
                last.0.nos.extend(p.nos);
                continue;
            }
        }
        merged.push((p, r));
    }
    merged
}

// ---- step 4: streams -------------------------------------------------

/// The paragraphs of one unit, routed to streams; stream 0 is the unit's
/// own article.
struct Streams {
    paras: Vec<Vec<Para>>,
    cur: usize,
    open: Vec<(usize, usize)>,
    last: Option<(usize, usize)>,
    warnings: Vec<String>,
}

impl Streams {
    fn text(&self, at: (usize, usize)) -> &str {
        &self.paras[at.0][at.1].text
    }

    fn append(&mut self, role: Role, text: String, lines: Vec<usize>) {
        let open = role == Role::Text && sig::ends_open(&text);
        self.paras[self.cur].push(Para { role, text, lines });
        let at = (self.cur, self.paras[self.cur].len() - 1);
        if open {
            self.open.push(at);
        }
        self.last = Some(at);
    }

    fn join(&mut self, at: (usize, usize), text: &str, lines: Vec<usize>) {
        let para = &mut self.paras[at.0][at.1];
        let spaced = para.text.ends_with(|c: char| c.is_ascii_alphanumeric())
            && text.starts_with(|c: char| c.is_ascii_alphanumeric());
        if spaced {
            para.text.push(' ');
        }
        para.text.push_str(text);
        para.lines.extend(lines);
        if !sig::ends_open(&para.text) {
            self.open.retain(|o| *o != at);
        }
        self.cur = at.0;
        self.last = Some(at);
    }

    /// The paragraphs of stream `s` from `from` on move to a new stream.
    fn split_off(&mut self, s: usize, from: usize) -> usize {
        let moved = self.paras[s].split_off(from);
        self.paras.push(moved);
        let new = self.paras.len() - 1;
        for o in self.open.iter_mut().filter(|o| o.0 == s && o.1 >= from) {
            *o = (new, o.1 - from);
        }
        new
    }
}

/// Rejoins broken paragraphs and separates interleaved articles (module
/// docs, step 4). Returns the unit's draft and a fragment per foreign
/// stream.
fn streams(unit: Unit, discipline: Discipline) -> Vec<Draft> {
    let Unit { mut draft, pieces } = unit;
    let pieces = roles(&mut draft, pieces, discipline);
    if discipline == Discipline::Paragraphs {
        draft.paras = paragraphs(pieces);
        if !matches!(
            draft.shape,
            DraftShape::Titled | DraftShape::Brief | DraftShape::Caption
        ) {
            begins_midway(&mut draft);
        }
        return vec![draft];
    }
    let mut st = Streams {
        paras: vec![Vec::new()],
        cur: 0,
        open: Vec::new(),
        last: None,
        warnings: Vec::new(),
    };
    for (i, (p, role)) in pieces.iter().enumerate() {
        let (text, lines) = (p.text.clone(), p.nos.clone());
        let adjacent = st.last.filter(|l| st.open.contains(l));
        if *role == Role::Text && !sig::starts_new(&text) {
            if let Some(q) = adjacent {
                // Two articles interleaved: the older open line of the
                // other stream takes the text first.
                let target = st.open.iter().copied().find(|o| o.0 != q.0).unwrap_or(q);
                st.join(target, &text, lines);
                continue;
            }
            if let Some(o) = st
                .open
                .iter()
                .copied()
                .find(|&o| sig::continues(st.text(o), &text))
            {
                st.join(o, &text, lines);
                continue;
            }
        } else if let Some(q) = adjacent {
            broken_before(&mut st, q, &text, &pieces[i + 1..]);
        }
        st.append(*role, text, lines);
    }
    finish(draft, st)
}

/// One paragraph per line (see [`lines`]): a line continues the paragraph
/// before it only when it has neither indent nor blank line before it and
/// that paragraph stops mid-sentence.
fn paragraphs(pieces: Vec<(Piece, Role)>) -> Vec<Para> {
    let mut paras: Vec<Para> = Vec::with_capacity(pieces.len());
    for (p, role) in pieces {
        if let Some(last) = paras.last_mut() {
            let continues = role == Role::Text
                && last.role == Role::Text
                && p.gap == 0
                && !p.indent
                && sig::ends_open(&last.text)
                && !sig::starts_new(&p.text);
            if continues {
                last.text.push_str(&p.text);
                last.lines.extend(p.nos);
                continue;
            }
        }
        paras.push(Para {
            role,
            text: p.text,
            lines: p.nos,
        });
    }
    paras
}

/// A line `q` stopped mid-sentence and the next paragraph plainly starts
/// something new. Either `q`'s sentence belongs to another article (the
/// new paragraph resumes this article's numbered list), or the new
/// paragraph opens an insert that ends where `q` is plainly continued, or
/// `q`'s continuation is simply not on this page.
fn broken_before(st: &mut Streams, q: (usize, usize), next: &str, rest: &[(Piece, Role)]) {
    if let Some(from) = foreign_sentence(&st.paras[q.0], q.1, next) {
        let first = st.paras[q.0][from].lines.first().copied().unwrap_or(0);
        let new = st.split_off(q.0, from);
        st.warnings.push(format!(
            "lines from {first} interrupt this article's numbered list: taken out as a fragment (stream {new})"
        ));
        st.cur = q.0;
        return;
    }
    let q_text = st.text(q).to_string();
    // Look for `q`'s continuation, but only up to the next broken line:
    // a continuation after that more likely belongs to it.
    let texts = rest
        .iter()
        .filter(|(_, r)| *r == Role::Text)
        .map(|(p, _)| p.text.as_str());
    let found = texts
        .scan(false, |stop, t| {
            if *stop {
                return None;
            }
            *stop = sig::ends_open(t);
            Some(t)
        })
        .any(|t| sig::continues(&q_text, t));
    if found {
        st.paras.push(Vec::new());
        st.cur = st.paras.len() - 1;
        return;
    }
    st.open.retain(|o| *o != q);
    let line = st.paras[q.0][q.1].lines.last().copied().unwrap_or(0);
    st.warnings.push(format!(
        "line {line} stops mid-sentence and nothing on the page continues it"
    ));
}

/// If `next` resumes a numbered list (`二是`) whose previous item came
/// before the sentence that `paras[q]` leaves open, that sentence is
/// foreign: returns the index of its first paragraph.
fn foreign_sentence(paras: &[Para], q: usize, next: &str) -> Option<usize> {
    let (family, n) = sig::ordinal(next)?;
    let mut from = q;
    while from > 0
        && paras[from - 1].role == Role::Text
        && !sig::ends_sentence(&paras[from - 1].text)
        && sig::ordinal(&paras[from - 1].text).is_none()
    {
        from -= 1;
    }
    if (from..=q).any(|j| sig::ordinal(&paras[j].text).is_some() || paras[j].role != Role::Text) {
        return None;
    }
    let previous = paras[..from]
        .iter()
        .rev()
        .find_map(|p| sig::ordinal(&p.text))?;
    (n >= 2 && previous == (family, n - 1)).then_some(from)
}

/// Turns the streams into drafts and warns about what stayed open.
fn finish(mut draft: Draft, mut st: Streams) -> Vec<Draft> {
    if draft.shape == DraftShape::Caption {
        st.open.clear();
    }
    for &(s, i) in &st.open {
        let line = st.paras[s][i].lines.last().copied().unwrap_or(0);
        let last = i + 1 == st.paras[s].len();
        st.warnings.push(if last {
            format!("ends mid-sentence at line {line} (continued on another page?)")
        } else {
            format!("line {line} stops mid-sentence and nothing on the page continues it")
        });
    }
    let mut streams = st.paras.into_iter();
    draft.paras = streams.next().unwrap_or_default();
    let host = draft.title.as_ref().map(|t| t.text.clone());
    let mut out = Vec::new();
    for (n, paras) in streams.enumerate() {
        if paras.is_empty() {
            continue;
        }
        if is_box(&paras) {
            // A summary box set into the article's text stays with it,
            // after the paragraph it interrupted.
            let first = paras[0].lines.first().copied().unwrap_or(0);
            let at = draft
                .paras
                .iter()
                .rposition(|p| p.lines.first().is_some_and(|&l| l < first))
                .map_or(0, |i| i + 1);
            draft.paras.splice(at..at, paras);
            continue;
        }
        let mut f = Draft::new(DraftShape::Fragment);
        f.paras = paras;
        f.warnings.push(match &host {
            Some(t) => format!(
                "interleaved with “{t}”: kept apart as a fragment; find the article it belongs to"
            ),
            None => "interleaved with other text: kept apart as a fragment".to_string(),
        });
        let _ = n;
        begins_midway(&mut f);
        out.push(f);
    }
    draft
        .warnings
        .extend(st.warnings.iter().map(|w| match w.find(" (stream ") {
            Some(i) => w[..i].to_string(),
            None => w.clone(),
        }));
    if !matches!(
        draft.shape,
        DraftShape::Titled | DraftShape::Brief | DraftShape::Caption
    ) {
        begins_midway(&mut draft);
    }
    let mut all = vec![draft];
    all.extend(out);
    all
}

/// A sidebar or summary box: a heading over a list (`着力构建“五个体系”`
/// and its `◆` items), nothing else.
fn is_box(paras: &[Para]) -> bool {
    let items = paras.iter().filter(|p| p.role == Role::Item).count();
    let heads = paras
        .iter()
        .filter(|p| {
            matches!(p.role, Role::Heading(_))
                || (p.role == Role::Text && sig::heading_like(&p.text, 30))
        })
        .count();
    items >= 2 && items + heads == paras.len() && heads <= 1
}

fn begins_midway(d: &mut Draft) {
    let first = d.paras.iter().find(|p| p.role == Role::Text);
    if let Some(p) = first.filter(|p| sig::continues_plainly(&p.text)) {
        let line = p.lines.first().copied().unwrap_or(0);
        d.warnings.push(format!(
            "begins mid-sentence at line {line}: its start is not on this page"
        ));
    }
}

/// A fragment whose paragraph repeats, at its start, a broken line found
/// elsewhere on the page is two pieces of layout: cut it there.
fn split_on_repeats(
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
        .find(|(_, p)| p.role == Role::Text && repeats(p))
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
