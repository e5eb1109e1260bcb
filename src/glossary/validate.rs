//! Checks across glossary terms that no single term file can make on its
//! own: references to unknown terms, parent cycles, surface forms claimed
//! twice, and surface forms too short to link safely.
//!
//! Every problem is collected, so an editor sees them all at once. Errors
//! name the term file and the line of the offending key or value, found in
//! the text each [`Term`] keeps from loading ([`Term::text`]): nothing here
//! reads a file, so `jiedu build` and `jiedu serve` report alike.
//! [`validate_with_text`] takes the texts from elsewhere.

use crate::content::Term;
use crate::error::{Error, Location, Result};
use crate::ids::TermId;
use std::collections::{HashMap, HashSet};

/// Checks `terms`; errors name the file, line and column in the text each
/// term was loaded from (a term built without one is named by file only).
pub fn validate(terms: &[Term]) -> Result<()> {
    validate_with_text(terms, |t| Some(t.text.clone()))
}

/// Checks `terms`; `text_of` gives a term file's text, used to point each
/// error at its line.
pub fn validate_with_text(terms: &[Term], text_of: impl Fn(&Term) -> Option<String>) -> Result<()> {
    let locate = Locator { text_of: &text_of };
    let mut errors = Vec::new();
    errors.extend(check_references(terms, &locate));
    errors.extend(check_cycles(terms, &locate));
    errors.extend(check_forms(terms, &locate));
    errors.extend(check_duplicates(terms, &locate));
    Error::collect(errors)
}

/// Finds where a key (and optionally a value under it) is in a term file.
struct Locator<'f> {
    text_of: &'f dyn Fn(&Term) -> Option<String>,
}

impl Locator<'_> {
    /// The line of `key:` in the front-matter, or of `value` at or after it.
    fn at(&self, term: &Term, key: &str, value: Option<&str>) -> Location {
        let Some(text) = (self.text_of)(term) else {
            return Location::file(&term.path);
        };
        match find_key(&text, key, value) {
            Some(offset) => Location::of_offset(&term.path, &text, offset),
            None => Location::file(&term.path),
        }
    }
}

/// Byte offset of `value` after the top-level `key:` line, or of the key.
fn find_key(text: &str, key: &str, value: Option<&str>) -> Option<usize> {
    let mut offset = 0;
    let key_at = text.split_inclusive('\n').find_map(|line| {
        let here = offset;
        offset += line.len();
        line.strip_prefix(key)
            .filter(|rest| rest.starts_with(':'))
            .map(|_| here)
    })?;
    let end = text[key_at + 1..]
        .find("\n---")
        .map_or(text.len(), |i| key_at + 1 + i);
    let found = value.and_then(|v| text[key_at..end].find(v).map(|i| key_at + i));
    Some(found.unwrap_or(key_at))
}

fn check_references(terms: &[Term], locate: &Locator) -> Vec<Error> {
    let known: HashSet<&TermId> = terms.iter().map(|t| &t.id).collect();
    let mut errors = Vec::new();
    for t in terms {
        let refs = t.meta.parent.iter().map(|p| ("parent", p));
        for (key, id) in refs.chain(t.meta.see_also.iter().map(|s| ("see_also", s))) {
            let loc = || locate.at(t, key, Some(id.as_str()));
            if id == &t.id {
                errors.push(Error::invalid(
                    loc(),
                    format!("`{key}` names the term itself"),
                ));
            } else if !known.contains(id) {
                errors.push(
                    Error::invalid(loc(), format!("`{key}`: unknown term `{id}`"))
                        .with_hint(format!("create content/glossary/{id}.md or fix the id")),
                );
            }
        }
    }
    errors
}

/// Parent cycles of two or more terms, each reported once at the term
/// with the smallest id (self-parents are reported as references).
fn check_cycles(terms: &[Term], locate: &Locator) -> Vec<Error> {
    let index: HashMap<&TermId, usize> =
        terms.iter().enumerate().map(|(i, t)| (&t.id, i)).collect();
    let parent = |i: usize| {
        let p = terms[i].meta.parent.as_ref()?;
        index.get(p).copied().filter(|&j| j != i)
    };
    // Colour each term: on the current parent chain, or finished. A chain
    // that reaches a term on itself has found a cycle; linear overall.
    let mut state = vec![Visit::New; terms.len()];
    let mut errors = Vec::new();
    for start in 0..terms.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state[i] {
                Visit::Done => break,
                Visit::OnPath => {
                    let pos = path.iter().position(|&x| x == i).unwrap_or(0);
                    errors.push(cycle_error(terms, &path[pos..], locate));
                    break;
                }
                Visit::New => {
                    state[i] = Visit::OnPath;
                    path.push(i);
                    at = parent(i);
                }
            }
        }
        for i in path {
            state[i] = Visit::Done;
        }
    }
    errors
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Visit {
    New,
    OnPath,
    Done,
}

fn cycle_error(terms: &[Term], cycle: &[usize], locate: &Locator) -> Error {
    let first = *cycle
        .iter()
        .min_by_key(|&&i| &terms[i].id)
        .unwrap_or(&cycle[0]);
    let start = cycle.iter().position(|&i| i == first).unwrap_or(0);
    let mut names: Vec<&str> = cycle[start..]
        .iter()
        .chain(&cycle[..start])
        .map(|&i| terms[i].id.as_str())
        .collect();
    names.push(terms[first].id.as_str());
    let t = &terms[first];
    let parent = t.meta.parent.as_ref().map(TermId::as_str);
    Error::invalid(
        locate.at(t, "parent", parent),
        format!("parent cycle: {}", names.join(" → ")),
    )
    .with_hint("a parent is the broader term; remove `parent` from one of them")
}

/// Empty, one-character, padded or quoted surface forms.
fn check_forms(terms: &[Term], locate: &Locator) -> Vec<Error> {
    let mut errors = Vec::new();
    for t in terms {
        for (key, form) in keyed_forms(t) {
            if let Some((msg, hint)) = form_problem(form) {
                let value = Some(form).filter(|f| !f.trim().is_empty());
                errors.push(Error::invalid(locate.at(t, key, value), msg).with_hint(hint));
            }
        }
    }
    errors
}

fn keyed_forms(t: &Term) -> impl Iterator<Item = (&'static str, &str)> {
    let aliases = t.meta.aliases.iter().map(|a| ("aliases", a.as_str()));
    std::iter::once(("term", t.meta.term.as_str())).chain(aliases)
}

fn form_problem(form: &str) -> Option<(String, &'static str)> {
    let quotes = ['“', '”', '"', '「', '」'];
    if form.trim().is_empty() {
        Some(("empty surface form".into(), "remove it"))
    } else if form.trim() != form {
        Some((
            format!("surface form `{form}` has surrounding spaces"),
            "remove the spaces; forms match the text exactly",
        ))
    } else if form.chars().count() == 1 {
        Some((
            format!("surface form `{form}` is a single character"),
            "it would be linked everywhere it appears; use a longer form",
        ))
    } else if form.starts_with(quotes) || form.ends_with(quotes) {
        Some((
            format!("surface form `{form}` includes quotes"),
            "write the form without quotes; quoted occurrences match anyway",
        ))
    } else {
        None
    }
}

/// Forms claimed by two terms, or twice by one. Two document-local terms
/// (`only_in`) may share a form when their articles do not overlap: that
/// is how 《意见》 names a different document in each article.
fn check_duplicates(terms: &[Term], locate: &Locator) -> Vec<Error> {
    let mut seen: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut errors = Vec::new();
    for (i, t) in terms.iter().enumerate() {
        for (key, form) in keyed_forms(t) {
            if form.trim().is_empty() {
                continue;
            }
            let owners = seen.entry(form).or_default();
            if let Some(&j) = owners.iter().find(|&&j| j == i || !disjoint(&terms[j], t)) {
                errors.push(duplicate_error(terms, j, i, key, form, locate));
            }
            owners.push(i);
        }
    }
    errors
}

fn disjoint(a: &Term, b: &Term) -> bool {
    let (x, y) = (&a.meta.only_in, &b.meta.only_in);
    !x.is_empty() && !y.is_empty() && !x.iter().any(|s| y.contains(s))
}

fn duplicate_error(
    terms: &[Term],
    first: usize,
    second: usize,
    key: &str,
    form: &str,
    locate: &Locator,
) -> Error {
    let (a, b) = (&terms[first], &terms[second]);
    let msg = if first == second {
        format!("surface form `{form}` is listed twice")
    } else {
        format!(
            "surface form `{form}` is also used by term `{}` ({})",
            a.id,
            a.path.display()
        )
    };
    Error::invalid(locate.at(b, key, Some(form)), msg).with_hint(
        "each form may link to one term; keep it in one file, \
         or give both terms disjoint `only_in` articles",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::testutil::term;
    use crate::ids::Slug;

    fn messages(terms: &[Term]) -> String {
        validate(terms).unwrap_err().to_string()
    }

    #[test]
    fn a_clean_glossary_passes() {
        let mut child = term("sanqing", "三清", &[]);
        child.meta.parent = Some(TermId::new("sqsjsz").unwrap());
        child.meta.see_also = vec![TermId::new("sqsjsz").unwrap()];
        assert!(validate(&[child, term("sqsjsz", "三清三减三增", &[])]).is_ok());
    }

    #[test]
    fn unknown_references_and_self_references_are_errors() {
        let mut t = term("a", "两个确立", &[]);
        t.meta.parent = Some(TermId::new("nope").unwrap());
        t.meta.see_also = vec![TermId::new("a").unwrap(), TermId::new("gone").unwrap()];
        let s = messages(&[t]);
        assert!(s.contains("3 problems"), "{s}");
        assert!(
            s.contains("content/glossary/a.md: `parent`: unknown term `nope`"),
            "{s}"
        );
        assert!(s.contains("`see_also` names the term itself"), "{s}");
        assert!(s.contains("unknown term `gone`"), "{s}");
    }

    #[test]
    fn parent_cycles_are_reported_once() {
        let mut a = term("a", "两个确立", &[]);
        let mut b = term("b", "两个维护", &[]);
        a.meta.parent = Some(TermId::new("b").unwrap());
        b.meta.parent = Some(TermId::new("a").unwrap());
        let s = messages(&[b, a]);
        assert!(
            s.starts_with("content/glossary/a.md: parent cycle: a → b → a"),
            "{s}"
        );
        assert!(!s.contains("problems"), "{s}");
        // A chain leading into a three-term cycle reports the cycle once.
        let with_parent = |id: &str, form: &str, parent: &str| {
            let mut t = term(id, form, &[]);
            t.meta.parent = Some(TermId::new(parent).unwrap());
            t
        };
        let terms = [
            with_parent("d", "四个加快", "c"),
            with_parent("c", "三清", "b"),
            with_parent("b", "三减", "e"),
            with_parent("e", "三增", "c"),
        ];
        let s = messages(&terms);
        assert_eq!(s, "content/glossary/b.md: parent cycle: b → e → c → b\n  hint: a parent is the broader term; remove `parent` from one of them");
    }

    #[test]
    fn short_and_empty_forms_are_errors_with_hints() {
        let s = messages(&[term("dang", "党", &[""])]);
        assert!(s.contains("surface form `党` is a single character"), "{s}");
        assert!(s.contains("hint: it would be linked everywhere"), "{s}");
        assert!(s.contains("empty surface form"), "{s}");
        let s = messages(&[term("q", "“两个确立”", &[])]);
        assert!(s.contains("includes quotes"), "{s}");
    }

    #[test]
    fn duplicate_forms_name_both_files() {
        let s = messages(&[term("a", "三清", &[]), term("b", "三清三减三增", &["三清"])]);
        assert!(
            s.starts_with("content/glossary/b.md: surface form `三清` is also used by term `a` (content/glossary/a.md)"),
            "{s}"
        );
        let s = messages(&[term("a", "三清三减三增", &["三清三减三增"])]);
        assert!(s.contains("listed twice"), "{s}");
    }

    #[test]
    fn document_local_terms_may_share_a_form() {
        let local = |id: &str, slug: &str| {
            let mut t = term(id, "《意见》", &[]);
            t.meta.only_in = vec![Slug::new(slug).unwrap()];
            t
        };
        assert!(validate(&[local("a", "x"), local("b", "y")]).is_ok());
        assert!(validate(&[local("a", "x"), local("b", "x")]).is_err());
        assert!(validate(&[local("a", "x"), term("b", "《意见》", &[])]).is_err());
    }

    #[test]
    fn errors_point_at_the_line_when_the_text_is_known() {
        let mut t = term("a", "三清三减三增", &["三清", "党"]);
        t.meta.parent = Some(TermId::new("nope").unwrap());
        let text = "---\nterm: 三清三减三增\naliases:\n  - 三清\n  - 党\nkind: slogan\nparent: nope\n---\n定义\n";
        let e = validate_with_text(&[t], |_| Some(text.to_string())).unwrap_err();
        let s = e.to_string();
        assert!(
            s.contains("content/glossary/a.md:7:9: `parent`: unknown term"),
            "{s}"
        );
        assert!(
            s.contains("content/glossary/a.md:5:5: surface form `党`"),
            "{s}"
        );
    }

    #[test]
    fn a_parsed_term_is_located_without_reading_its_file() {
        // The path does not exist: the line comes from the text the term
        // was parsed from, as in `jiedu serve`'s rebuilds.
        let path = std::path::Path::new("no/such/dir/a.md");
        let t = Term::parse("---\nterm: 党\nkind: slogan\n---\n", path).unwrap();
        let s = validate(&[t]).unwrap_err().to_string();
        assert!(s.contains("a.md:2:7: surface form `党`"), "{s}");
    }
}
