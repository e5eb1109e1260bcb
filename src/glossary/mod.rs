//! Glossary: terms, matching, occurrences.

pub mod candidates;
pub mod corpus;
pub mod definitions;
pub mod matcher;
pub mod occurrences;
pub mod validate;

pub use candidates::{
    candidates, load_ignore, parse_ignore, table, Candidate, CandidateKind, CandidateOptions,
    Example, IgnoreEntry, IGNORE_FILE,
};
pub use corpus::{ArticleText, ParagraphText, Place};
pub use definitions::{find_definitions, Definition, DefinitionFinder, DefinitionKind};
pub use matcher::{Match, Matcher};
pub use occurrences::{CoOccurrence, Count, Kwic, Occurrence, Occurrences, RelatedArticle};
pub use validate::{validate, validate_files, validate_with_text};

/// Builders shared by the unit tests of this module.
#[cfg(test)]
pub(crate) mod testutil {
    use crate::content::term::{Term, TermKind, TermMeta};
    use crate::ids::TermId;
    use std::path::PathBuf;

    /// A term with id `id`, headword `form` and `aliases`.
    pub fn term(id: &str, form: &str, aliases: &[&str]) -> Term {
        Term {
            id: TermId::new(id).unwrap(),
            meta: TermMeta {
                term: form.to_string(),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                pinyin: String::new(),
                english: None,
                kind: TermKind::Slogan,
                parent: None,
                see_also: Vec::new(),
                short: None,
                only_in: Vec::new(),
            },
            definition: String::new(),
            path: PathBuf::from(format!("content/glossary/{id}.md")),
        }
    }
}
