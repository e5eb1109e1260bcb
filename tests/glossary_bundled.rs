//! The bundled glossary meets the edition's bar (issue 4, point 7): enough
//! entries, each citing the text it rests on, and no candidate term that
//! occurs twice or more is left unglossed without a recorded reason.

mod util;

use jiedu::glossary::candidates::CandidateOptions;

#[test]
fn every_frequent_candidate_is_glossed_or_ignored_with_a_reason() {
    let opts = CandidateOptions {
        min_count: 2,
        limit: None,
    };
    let left = jiedu::site::term_candidates(&util::repo(), &opts).unwrap();
    let listed: Vec<String> = left
        .iter()
        .map(|c| format!("{} ({})", c.text, c.count))
        .collect();
    assert!(
        left.is_empty(),
        "gloss these or add them to content/glossary/ignore.yaml: {listed:?}"
    );
}

#[test]
fn the_glossary_is_large_enough_and_every_entry_cites_its_source() {
    let site = jiedu::content::load(&util::repo()).unwrap();
    assert!(site.terms.len() >= 60, "{} entries", site.terms.len());
    for t in &site.terms {
        let cites = t.definition.contains("](/sources/") || t.definition.contains("](/articles/");
        assert!(
            cites,
            "{} cites no paragraph or source line",
            t.path.display()
        );
    }
    jiedu::glossary::validate_files(&site.terms).unwrap();
}
