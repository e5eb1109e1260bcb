//! What several page kinds show of the glossary: a term's summary with its
//! count, the most used terms, a term's one-line gloss, pinyin for sorting.

use crate::content::{Term, TermKind};
use crate::glossary::occurrences::KWIC_CHARS;
use crate::glossary::Occurrences;
use crate::render::context::TermSummary;
use crate::text::{summary_sentence, DESCRIPTION_CHARS};
use crate::url::Urls;

/// Articles listed per page of a term's occurrences.
pub const ARTICLES_PER_PAGE: usize = 50;

/// The glossary and its counts: what a term's summary reads.
#[derive(Clone, Copy)]
pub struct TermCounts<'a> {
    /// The glossary, by id.
    pub terms: &'a [Term],
    /// Every occurrence of every term.
    pub occurrences: &'a Occurrences,
    /// For the terms' links.
    pub urls: &'a Urls,
}

impl TermCounts<'_> {
    /// The summary of term `ix`, with its total occurrence count.
    pub fn summary(&self, ix: usize) -> TermSummary {
        let total = self.occurrences.total(ix);
        TermSummary::new(&self.terms[ix], self.urls, total)
    }

    /// The `n` most frequent slogans, formulas, programmes and concepts:
    /// what a reader comes to the edition to decode. Places, people,
    /// bodies and documents (a district's name, 《意见》) are frequent but
    /// say little about the edition's language (issue 18).
    pub fn top(&self, n: usize) -> Vec<TermSummary> {
        use TermKind as K;
        let formulation = |i: usize| {
            matches!(
                self.terms[i].meta.kind,
                K::Slogan | K::NumericFormula | K::Program | K::Concept
            )
        };
        let mut ranked: Vec<usize> = (0..self.terms.len())
            .filter(|&i| formulation(i) && self.occurrences.total(i) > 0)
            .collect();
        ranked.sort_by_key(|&i| (std::cmp::Reverse(self.occurrences.total(i)), i));
        ranked
            .into_iter()
            .take(n)
            .map(|i| self.summary(i))
            .collect()
    }

    /// How many pages term `ix`'s occurrence list takes (at least 1).
    pub fn occurrence_pages(&self, ix: usize) -> usize {
        self.occurrences
            .counts(ix)
            .len()
            .div_ceil(ARTICLES_PER_PAGE)
            .max(1)
    }
}

/// The one-line gloss of a term: its `short`, or the first sentence of its
/// definition without Markdown markup.
pub fn short_definition(t: &Term) -> String {
    if let Some(short) = &t.meta.short {
        return short.clone();
    }
    let plain = strip_markdown(&t.definition);
    let sentence = summary_sentence(plain.trim(), DESCRIPTION_CHARS);
    sentence.chars().take(KWIC_CHARS * 4).collect()
}

/// Text of Markdown without its markup (link targets, emphasis, code ticks).
fn strip_markdown(md: &str) -> String {
    let mut text = String::new();
    for ev in pulldown_cmark::Parser::new(md) {
        match ev {
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => text.push_str(&t),
            pulldown_cmark::Event::SoftBreak | pulldown_cmark::Event::HardBreak => {}
            pulldown_cmark::Event::End(pulldown_cmark::TagEnd::Paragraph) => text.push('\n'),
            _ => {}
        }
    }
    text
}

/// Pinyin without tone marks, lowercase, for sorting.
pub fn pinyin_key(pinyin: &str) -> String {
    pinyin
        .chars()
        .map(|c| match c {
            'ā' | 'á' | 'ǎ' | 'à' => 'a',
            'ē' | 'é' | 'ě' | 'è' => 'e',
            'ī' | 'í' | 'ǐ' | 'ì' => 'i',
            'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
            'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
            'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'ü' => 'v',
            c => c.to_ascii_lowercase(),
        })
        .filter(|c| c.is_ascii_alphanumeric() || *c == ' ')
        .collect()
}
