//! A candidate as `jiedu terms` reports it: the phrase, why it was
//! proposed (its kind, which sets its weight), its counts and an example;
//! and the options of a search.

use crate::ids::{ParagraphId, Slug};
use serde::{Serialize, Serializer};

/// Why a phrase was proposed; also decides its weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CandidateKind {
    /// The corpus explains it: “X”，即…
    Definition,
    /// The corpus abbreviates a name to it: (以下简称X).
    Abbreviation,
    /// A numbered formula or digit code: 三攻坚一盘活, 33618.
    NumericFormula,
    /// A short quoted phrase.
    Quoted,
    /// A person named with their post.
    Official,
}

impl CandidateKind {
    pub(super) fn weight(self) -> usize {
        match self {
            CandidateKind::Definition | CandidateKind::Abbreviation => 3,
            CandidateKind::NumericFormula => 2,
            CandidateKind::Quoted | CandidateKind::Official => 1,
        }
    }

    /// The kebab-case name used in `--json` and the table.
    pub fn key(self) -> &'static str {
        match self {
            CandidateKind::Definition => "definition",
            CandidateKind::Abbreviation => "abbreviation",
            CandidateKind::NumericFormula => "numeric-formula",
            CandidateKind::Quoted => "quoted",
            CandidateKind::Official => "official",
        }
    }
}

/// One place a candidate is used, for the editor to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The article.
    pub article: Slug,
    /// The paragraph, serialized as its anchor (`p3`).
    #[serde(serialize_with = "anchor")]
    pub paragraph: ParagraphId,
    /// The sentence holding the candidate.
    pub sentence: String,
}

fn anchor<S: Serializer>(p: &ParagraphId, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&p.anchor())
}

/// A phrase the glossary may be missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// The phrase, without quotes.
    pub text: String,
    /// Why it was proposed.
    pub kind: CandidateKind,
    /// Occurrences in the corpus, marked or not.
    pub count: usize,
    /// How many times the corpus marks it as a term: quoted, defined,
    /// abbreviated, or standing alone as a formula.
    pub marked: usize,
    /// Articles it occurs in.
    pub articles: usize,
    /// The full name an abbreviation stands for, or an official's post.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where it was first proposed.
    pub example: Example,
}

/// Knobs of [`candidates`](super::candidates()).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateOptions {
    /// Leave out candidates occurring fewer times than this.
    pub min_count: usize,
    /// Return at most this many; `None` for all.
    pub limit: Option<usize>,
}

impl Default for CandidateOptions {
    fn default() -> Self {
        CandidateOptions {
            min_count: 1,
            limit: None,
        }
    }
}
