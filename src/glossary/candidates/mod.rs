//! The engine of `jiedu terms`: phrases the corpus treats as terms that the
//! glossary does not have yet, ranked for an editor.
//!
//! The procedure:
//!
//! 1. **Propose.** Each sentence of each paragraph is scanned by
//!    extractors that are reliable about where a phrase starts and ends:
//!    in-text definitions and abbreviations ([`super::definitions`]);
//!    quoted short phrases (“…”, 「…」 and, nested in speech, ‘…’; 2–12 characters, no sentence punctuation);
//!    numeric formulas standing alone between punctuation (两个确立,
//!    三攻坚一盘活, 六区一高地); digit codes of 3–6 digits quoted or named as
//!    a 工程/体系/机制/布局… (885, 33618); and officials named right after
//!    their post (市委书记袁家军), conservatively: a common surname, a
//!    two- or three-character name, then punctuation or a reporting verb.
//! 2. **Exclude** every surface form the glossary already has, and every
//!    text an editor rejected in `content/glossary/ignore.yaml`.
//! 3. **Count** each remaining phrase everywhere it occurs, quoted or not,
//!    with the [`Matcher`]'s boundary rules, the glossary's own forms
//!    taking precedence so “三清” inside “三清三减三增” is not counted.
//! 4. **Rank** by how often the corpus itself *marks* the phrase (quotes
//!    it, defines it, names it as a formula) times a weight by kind
//!    (definitions and abbreviations 3, formulas 2, others 1), then by
//!    count, then by text. Ranking by plain count would put generic words
//!    that happen to be quoted once (“产业”) above real slogans.
//!
//! This file only declares, re-exports and runs that procedure
//! ([`candidates`]); its parts live in files of their own:
//! - `extract`: the extractors that propose phrases (step 1), with the
//!   word lists of `words`;
//! - `candidate`: the candidate and its kind, weight and options;
//! - `ignore`: the editors' ignore file;
//! - `table`: the terminal table of `jiedu terms`.

mod candidate;
mod extract;
mod ignore;
mod table;
mod words;

pub use candidate::{Candidate, CandidateKind, CandidateOptions, Example};
pub use ignore::{load_ignore, parse_ignore, IgnoreEntry, IGNORE_FILE};
pub use table::table;

use super::corpus::{paragraphs, ArticleText, Place};
use super::matcher::Matcher;
use crate::content::Term;
use extract::Extractors;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// What is known about one phrase while scanning.
struct PhraseSeen {
    kind: CandidateKind,
    note: Option<String>,
    place: Place,
    sentence: Range<usize>,
    proposed: usize,
}

/// Candidates for the glossary in `corpus`, best first; see the module
/// doc for how they are found and ranked.
pub fn candidates(
    corpus: &[ArticleText],
    terms: &[Term],
    ignore: &[IgnoreEntry],
    options: &CandidateOptions,
) -> Vec<Candidate> {
    let known: HashSet<&str> = terms.iter().flat_map(Term::surface_forms).collect();
    let ignored: HashSet<&str> = ignore.iter().map(|e| e.text.as_str()).collect();
    let mut seen = propose_all(corpus);
    seen.retain(|text, _| !known.contains(text.as_str()) && !ignored.contains(text.as_str()));
    let counts = count(corpus, &seen, &known);
    let mut out: Vec<Candidate> = seen
        .into_iter()
        .map(|(text, s)| {
            let (n, articles) = counts.get(&text).copied().unwrap_or((0, 0));
            to_candidate(corpus, text, s, n, articles)
        })
        .filter(|c| c.count >= options.min_count)
        .collect();
    out.sort_by(|a, b| {
        let score = |c: &Candidate| c.marked * c.kind.weight();
        (score(b), b.count)
            .cmp(&(score(a), a.count))
            .then_with(|| a.text.cmp(&b.text))
    });
    if let Some(limit) = options.limit {
        out.truncate(limit);
    }
    out
}

fn to_candidate(
    corpus: &[ArticleText],
    text: String,
    s: PhraseSeen,
    n: usize,
    articles: usize,
) -> Candidate {
    let para = s.place.text(corpus);
    Candidate {
        text,
        kind: s.kind,
        // Found by an extractor but hidden from the count by a longer
        // phrase: it still occurred where it was proposed.
        count: n.max(s.proposed),
        marked: s.proposed,
        articles: articles.max(1),
        note: s.note,
        example: Example {
            article: s.place.slug(corpus).clone(),
            paragraph: s.place.anchor(corpus),
            sentence: para[s.sentence].to_string(),
        },
    }
}

/// Runs every extractor on every sentence, keeping for each phrase its
/// strongest kind and the first place of that kind.
fn propose_all(corpus: &[ArticleText]) -> HashMap<String, PhraseSeen> {
    let extractors = Extractors::new();
    let mut seen: HashMap<String, PhraseSeen> = HashMap::new();
    for (place, para) in paragraphs(corpus) {
        for p in extractors.propose(&para.text) {
            let entry = seen.entry(p.text).or_insert_with(|| PhraseSeen {
                kind: p.kind,
                note: None,
                place,
                sentence: p.sentence.clone(),
                proposed: 0,
            });
            entry.proposed += 1;
            if p.kind < entry.kind {
                entry.kind = p.kind;
                entry.place = place;
                entry.sentence = p.sentence;
            }
            if entry.note.is_none() {
                entry.note = p.note;
            }
        }
    }
    seen
}

/// Occurrences and distinct articles of each phrase. Glossary forms are
/// in the automaton too, so a phrase inside a known longer term is not
/// counted there.
fn count(
    corpus: &[ArticleText],
    seen: &HashMap<String, PhraseSeen>,
    known: &HashSet<&str>,
) -> HashMap<String, (usize, usize)> {
    let phrases: Vec<&str> = seen.keys().map(String::as_str).collect();
    let matcher = Matcher::from_forms(phrases.iter().copied().chain(known.iter().copied()));
    let mut tally: HashMap<usize, (usize, usize, usize)> = HashMap::new();
    for (place, para) in paragraphs(corpus) {
        for m in matcher
            .find(&para.text)
            .into_iter()
            .filter(|m| m.term < phrases.len())
        {
            let t = tally.entry(m.term).or_insert((0, 0, usize::MAX));
            t.0 += 1;
            if t.2 != place.article() {
                t.1 += 1;
                t.2 = place.article();
            }
        }
    }
    tally
        .into_iter()
        .map(|(i, (n, articles, _))| (phrases[i].to_string(), (n, articles)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::testutil::term;
    use crate::ids::Slug;
    use CandidateKind::*;

    fn article(slug: &str, text: &str) -> ArticleText {
        ArticleText::from_plain(Slug::new(slug).unwrap(), text)
    }

    #[test]
    fn known_and_ignored_phrases_are_excluded_and_counts_respect_terms() {
        let corpus = [
            article(
                "a",
                "推进“三清三减三增”，坚持“两个确立”，打造“红岩先锋”。\n\n两个确立，红岩先锋。",
            ),
            article("b", "“两个确立”。“三清”，即清理。三清三减三增。"),
        ];
        let terms = [term("sqsjsz", "三清三减三增", &[])];
        let ignore = [IgnoreEntry {
            text: "红岩先锋".into(),
            reason: "a brand, not a term".into(),
        }];
        let got = candidates(&corpus, &terms, &ignore, &CandidateOptions::default());
        let summary: Vec<_> = got
            .iter()
            .map(|c| (c.text.as_str(), c.kind, c.count, c.articles))
            .collect();
        assert_eq!(
            summary,
            [
                ("两个确立", NumericFormula, 3, 2),
                ("三清", Definition, 1, 1)
            ]
        );
        assert_eq!(
            got[0].example.sentence,
            "推进“三清三减三增”，坚持“两个确立”，打造“红岩先锋”。"
        );
        assert_eq!(got[1].example.paragraph.anchor(), "p1");
        let limited = CandidateOptions {
            min_count: 2,
            limit: Some(5),
        };
        assert_eq!(candidates(&corpus, &terms, &ignore, &limited).len(), 1);
    }
}
