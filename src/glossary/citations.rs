//! Citations in glossary entries must land: every link a definition makes
//! to an article paragraph (`/articles/<slug>/#p3`) or a source line
//! (`/sources/<name>/#L12`) names an article, paragraph, source and line
//! that exist. `jiedu check` runs this before it looks at the built site,
//! so a broken citation is reported at its term file's line, where the
//! editor fixes it, rather than at the page it was rendered into.
//!
//! Pure: the caller gives the terms, the file texts (for line numbers) and
//! what exists ([`Targets`]).

use super::corpus::ArticleText;
use crate::content::{Source, Term};
use crate::error::{Error, Location};
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a citation may point at: each article's paragraph count and each
/// source's line count.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    paragraphs: HashMap<String, u32>,
    lines: HashMap<String, usize>,
}

impl Targets {
    /// The targets of an edition: its articles' paragraphs as the renderer
    /// numbered them, and its sources' lines.
    pub fn new(corpus: &[ArticleText], sources: &[Source]) -> Targets {
        Targets {
            paragraphs: corpus
                .iter()
                .map(|a| {
                    let last = a.paragraphs.iter().map(|p| p.id.0).max().unwrap_or(0);
                    (a.slug.as_str().to_string(), last)
                })
                .collect(),
            lines: sources
                .iter()
                .map(|s| (s.name.as_str().to_string(), s.lines().count()))
                .collect(),
        }
    }

    /// Why `link` does not resolve, or `None` when it does. Links other
    /// than to articles and sources are not citations and pass.
    pub fn problem(&self, link: &str) -> Option<String> {
        let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
        let mut parts = path.trim_matches('/').split('/');
        let (section, name) = (parts.next()?, parts.next().unwrap_or(""));
        match section {
            "articles" => {
                let Some(&last) = self.paragraphs.get(name) else {
                    return Some(format!("no article `{name}`"));
                };
                check_number(fragment, 'p', last as usize, &format!("article `{name}`"))
            }
            "sources" => {
                let Some(&last) = self.lines.get(name) else {
                    return Some(format!("no source `{name}`"));
                };
                check_number(fragment, 'L', last, &format!("source `{name}`"))
            }
            _ => None,
        }
    }
}

/// A fragment `p12` / `L12` within 1..=`last`; an empty fragment passes.
fn check_number(fragment: &str, prefix: char, last: usize, what: &str) -> Option<String> {
    if fragment.is_empty() {
        return None;
    }
    let unit = if prefix == 'p' { "paragraph" } else { "line" };
    match fragment.strip_prefix(prefix).map(str::parse::<usize>) {
        Some(Ok(n)) if (1..=last).contains(&n) => None,
        Some(Ok(n)) => Some(format!("{what} has no {unit} {n} (it has {last})")),
        _ => Some(format!(
            "`#{fragment}` is not a {unit} anchor of {what} (write #{prefix}N)"
        )),
    }
}

fn link_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\]\(\s*<?(/(?:articles|sources)/[^)\s>]*)>?(?:\s+[^)]*)?\)")
            .expect("citation pattern is valid")
    })
}

/// Every citation in `terms` that does not resolve, each naming its term
/// file and line. `text_of` gives a term file's full text (for the line);
/// without it, errors name the file only.
pub fn check(
    terms: &[Term],
    targets: &Targets,
    text_of: impl Fn(&Term) -> Option<String>,
) -> Vec<Error> {
    let mut errors = Vec::new();
    for t in terms {
        let file_text = text_of(t);
        // The body is the end of the file: find where it starts there.
        let body_at = file_text
            .as_deref()
            .filter(|f| f.ends_with(t.definition.as_str()))
            .map(|f| f.len() - t.definition.len());
        for c in link_pattern().captures_iter(&t.definition) {
            let link = c.get(1).expect("group 1");
            let Some(problem) = targets.problem(link.as_str()) else {
                continue;
            };
            let loc = match (&file_text, body_at) {
                (Some(f), Some(at)) => Location::of_offset(&t.path, f, at + link.start()),
                _ => Location::file(&t.path),
            };
            errors.push(
                Error::invalid(
                    loc,
                    format!("citation `{}` does not resolve: {problem}", link.as_str()),
                )
                .with_hint(
                    "cite an existing article paragraph (/articles/<slug>/#pN) or source line",
                ),
            );
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::Slug;
    use std::path::Path;

    fn targets() -> Targets {
        let corpus = [ArticleText::from_plain(
            Slug::new("a").unwrap(),
            "一\n\n二\n\n三\n",
        )];
        let mut t = Targets::new(&corpus, &[]);
        t.lines.insert("000_x".into(), 10);
        t
    }

    #[test]
    fn resolves_articles_paragraphs_sources_and_lines() {
        let t = targets();
        assert_eq!(t.problem("/articles/a/#p3"), None);
        assert_eq!(t.problem("/articles/a/"), None);
        assert_eq!(t.problem("/sources/000_x/#L10"), None);
        assert_eq!(t.problem("/glossary/zzz/"), None);
        assert!(t
            .problem("/articles/a/#p4")
            .unwrap()
            .contains("no paragraph 4"));
        assert!(t
            .problem("/articles/b/#p1")
            .unwrap()
            .contains("no article `b`"));
        assert!(t
            .problem("/sources/000_x/#L11")
            .unwrap()
            .contains("no line 11"));
        assert!(t
            .problem("/sources/001_y/#L1")
            .unwrap()
            .contains("no source"));
        assert!(t
            .problem("/articles/a/#x")
            .unwrap()
            .contains("not a paragraph anchor"));
    }

    #[test]
    fn errors_name_the_term_file_and_line() {
        let text = "---\nterm: 甲\nkind: slogan\n---\n见[一](/articles/a/#p1)。\n\n又见[二](/articles/a/#p9)、[三](/sources/000_x/#L2)。\n";
        let term = Term::parse(text, Path::new("jia.md")).unwrap();
        let errors = check(&[term], &targets(), |_| Some(text.to_string()));
        assert_eq!(errors.len(), 1);
        let e = errors[0].to_string();
        assert!(e.starts_with("jia.md:7:"), "{e}");
        assert!(e.contains("/articles/a/#p9"), "{e}");
    }
}
