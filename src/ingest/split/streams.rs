//! Streams (step 4): broken paragraphs rejoined, interleaved articles
//! routed to streams of their own, and the drafts made from them.

use super::model::{Draft, DraftShape, Para, ParaRole, Piece, Unit};
use super::roles::roles;
use crate::ingest::lines::Discipline;
use crate::ingest::signals as sig;

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

    fn append(&mut self, role: ParaRole, text: String, lines: Vec<usize>) {
        let open = role == ParaRole::Text && sig::ends_open(&text);
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
pub(super) fn streams(unit: Unit, discipline: Discipline) -> Vec<Draft> {
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
        if *role == ParaRole::Text && !sig::starts_new(&text) {
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

/// One paragraph per line (see [`crate::ingest::lines`]): a line continues the paragraph
/// before it only when it has neither indent nor blank line before it and
/// that paragraph stops mid-sentence.
fn paragraphs(pieces: Vec<(Piece, ParaRole)>) -> Vec<Para> {
    let mut paras: Vec<Para> = Vec::with_capacity(pieces.len());
    for (p, role) in pieces {
        if let Some(last) = paras.last_mut() {
            let continues = role == ParaRole::Text
                && last.role == ParaRole::Text
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
fn broken_before(st: &mut Streams, q: (usize, usize), next: &str, rest: &[(Piece, ParaRole)]) {
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
        .filter(|(_, r)| *r == ParaRole::Text)
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
        && paras[from - 1].role == ParaRole::Text
        && !sig::ends_sentence(&paras[from - 1].text)
        && sig::ordinal(&paras[from - 1].text).is_none()
    {
        from -= 1;
    }
    if (from..=q).any(|j| sig::ordinal(&paras[j].text).is_some() || paras[j].role != ParaRole::Text)
    {
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
    let items = paras.iter().filter(|p| p.role == ParaRole::Item).count();
    let heads = paras
        .iter()
        .filter(|p| {
            matches!(p.role, ParaRole::Heading(_))
                || (p.role == ParaRole::Text && sig::heading_like(&p.text, 30))
        })
        .count();
    items >= 2 && items + heads == paras.len() && heads <= 1
}

fn begins_midway(d: &mut Draft) {
    let first = d.paras.iter().find(|p| p.role == ParaRole::Text);
    if let Some(p) = first.filter(|p| sig::continues_plainly(&p.text)) {
        let line = p.lines.first().copied().unwrap_or(0);
        d.warnings.push(format!(
            "begins mid-sentence at line {line}: its start is not on this page"
        ));
    }
}
