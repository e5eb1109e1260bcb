//! The glossary index, `glossary/index.html`: every term grouped by kind,
//! sorted by pinyin, with a jump bar of initials. Reads the glossary and
//! its counts ([`TermCounts`]).

use super::frame::Frame;
use super::terms::{pinyin_key, TermCounts};
use crate::content::{Term, TermKind};
use crate::error::Result;
use crate::render::context::{GlossaryPage, Initial, TermGroup, TermSummary};

/// `glossary/index.html`.
pub fn render(f: &Frame, terms: &TermCounts) -> Result<String> {
    let mut groups = Vec::new();
    for kind in TermKind::ALL {
        let mut of_kind: Vec<usize> = (0..terms.terms.len())
            .filter(|&i| terms.terms[i].meta.kind == kind)
            .collect();
        if of_kind.is_empty() {
            continue;
        }
        of_kind.sort_by_cached_key(|&i| sort_key(&terms.terms[i]));
        let summaries: Vec<TermSummary> = of_kind.into_iter().map(|i| terms.summary(i)).collect();
        groups.push(TermGroup {
            kind: kind.key().to_string(),
            label: kind.label().to_string(),
            initials: initials(summaries.iter()),
            terms: summaries,
        });
    }
    let ctx = GlossaryPage {
        site: &f.view,
        page: f.meta(
            "术语表",
            "本版所有口号、数字概括、简称、机构、会议与人物的释义。".into(),
            &f.urls.glossary(),
            "glossary",
        ),
        initials: initials(groups.iter().flat_map(|g| &g.terms)),
        total: terms.terms.len(),
        groups,
    };
    f.render("glossary.html", &ctx)
}

/// Sort key for the glossary: pinyin without tones, then the headword.
fn sort_key(t: &Term) -> (String, String) {
    (pinyin_key(&t.meta.pinyin), t.meta.term.clone())
}

/// The jump bar: the first term of each initial, in index order.
fn initials<'a>(terms: impl Iterator<Item = &'a TermSummary>) -> Vec<Initial> {
    let mut firsts: Vec<Initial> = Vec::new();
    let mut all: Vec<&TermSummary> = terms.collect();
    all.sort_by_cached_key(|t| pinyin_key(&t.pinyin));
    for t in all {
        let letter = pinyin_key(&t.pinyin)
            .chars()
            .next()
            .map_or('#', |c| c.to_ascii_uppercase());
        let letter = if letter.is_ascii_alphabetic() {
            letter.to_string()
        } else {
            "#".into()
        };
        if !firsts.iter().any(|f| f.letter == letter) {
            firsts.push(Initial {
                letter,
                anchor: format!("t-{}", t.id),
            });
        }
    }
    firsts
}
