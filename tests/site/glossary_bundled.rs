//! The bundled glossary meets the edition's bar (issue 4, point 7; issue
//! 22): enough entries, each citing the text it rests on; no candidate term
//! that occurs twice or more, and no numeric formula even once, is left
//! unglossed without a recorded reason; and the definitions keep to what the
//! texts say, public-record facts living in their own cited fields.

use crate::support::repo;
use jiedu::glossary::candidates::{CandidateKind, CandidateOptions};

#[test]
fn every_frequent_candidate_and_every_numeric_formula_is_glossed_or_ignored_with_a_reason() {
    let opts = CandidateOptions {
        min_count: 1,
        limit: None,
    };
    let all = jiedu::site::term_candidates(&repo(), &opts).unwrap();
    let left: Vec<String> = all
        .iter()
        .filter(|c| {
            c.count >= 2
                || matches!(
                    c.kind,
                    // Formulas, and phrases the texts define or abbreviate
                    // themselves, count even when used once.
                    CandidateKind::NumericFormula
                        | CandidateKind::Definition
                        | CandidateKind::Abbreviation
                )
        })
        .map(|c| format!("{} ({}, {})", c.text, c.kind.key(), c.count))
        .collect();
    assert!(
        left.is_empty(),
        "gloss these or add them to content/glossary/ignore.yaml with a reason: {left:?}"
    );
}

#[test]
fn every_ignored_phrase_has_a_reason() {
    let path = repo().join(jiedu::glossary::IGNORE_FILE);
    let ignore = jiedu::glossary::load_ignore(&path).unwrap();
    assert!(ignore.len() >= 100, "{} entries", ignore.len());
    for e in &ignore {
        assert!(
            e.reason.trim().len() >= 10,
            "{:?} has no real reason",
            e.text
        );
    }
}

#[test]
fn the_glossary_is_large_enough_and_every_entry_cites_its_source() {
    let site = jiedu::content::load(&repo()).unwrap();
    assert!(site.terms.len() >= 190, "{} entries", site.terms.len());
    for t in &site.terms {
        let cites = t.definition.contains("](/sources/") || t.definition.contains("](/articles/");
        assert!(
            cites,
            "{} cites no paragraph or source line",
            t.path.display()
        );
    }
    jiedu::glossary::validate(&site.terms).unwrap();
}

/// The method page's one policy: the definition says what the texts say;
/// the public record goes in `origin`/`record` with a publication and date
/// (the types require both), what is unknown in `unknown`, and translators'
/// notes in `english`/`english_alternatives`.
#[test]
fn definitions_keep_to_the_texts_and_public_facts_are_cited_apart() {
    let site = jiedu::content::load(&repo()).unwrap();
    for t in &site.terms {
        for marker in ["据公开报道", "公开报道", "\nEnglish:", "English: "] {
            assert!(
                !t.definition.contains(marker),
                "{}: `{marker}` in the definition; move it to record/english_alternatives",
                t.path.display()
            );
        }
        for s in t.meta.public_sources() {
            assert!(!s.publication.trim().is_empty(), "{}", t.path.display());
            assert!(
                s.url.as_deref().is_some_and(|u| u.starts_with("http")),
                "{}: cite where the fact can be read",
                t.path.display()
            );
        }
    }
    let citing = site
        .terms
        .iter()
        .filter(|t| t.meta.public_sources().next().is_some())
        .count();
    assert!(citing >= 30, "only {citing} entries cite the public record");
    // The national formulas the issue names carry their origin.
    for id in [
        "liang-ge-que-li",
        "zhong-yang-ba-xiang-gui-ding",
        "si-xia-ji-ceng",
        "xin-zhi-sheng-chan-li",
        "er-shi-jie-san-zhong-quan-hui",
        "zhu-ti-jiao-yu",
        "xi-bu-lu-hai-xin-tong-dao",
    ] {
        let t = site.terms.iter().find(|t| t.id.as_str() == id).unwrap();
        assert!(t.meta.origin.is_some(), "{id} has no origin");
    }
}

#[test]
fn every_glossary_citation_resolves() {
    jiedu::site::check_citations(&repo()).unwrap();
}
