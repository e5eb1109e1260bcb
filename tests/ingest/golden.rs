//! Golden tests for ingest: each seed page in `content/sources/` against
//! `tests/golden/ingest/<stem>/` — the article list with line ranges and
//! warnings (`articles.txt`), the removed chrome (`removed.txt`) and every
//! generated article file in full.
//!
//! Regenerate with `JIEDU_BLESS=1 cargo test --test ingest golden::`, then
//! review the diff as closely as a code change: titles exact, nothing
//! lost, nothing merged.

use crate::listing::golden_files;
use crate::support;
use jiedu::ingest::{account, ingest_bytes, IngestedSource};
use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(root().join("content/sources"))
        .expect("content/sources")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

/// The expected files for one source, by name.
fn render(src: &IngestedSource) -> BTreeMap<String, String> {
    golden_files(src, String::new(), &src.removed)
}

#[test]
fn seeds_match_their_golden_files() {
    let mut problems = Vec::new();
    for seed in seeds() {
        let bytes = fs::read(&seed).expect("seed");
        let name = seed.file_name().and_then(|n| n.to_str()).expect("name");
        let src = ingest_bytes(name, &bytes).expect("ingest");
        if let Err(p) = account::accounting(&src.text, &src.articles, &src.removed) {
            problems.push(format!("{name}: accounting failed: {p:#?}"));
        }
        let stem = seed.file_stem().and_then(|n| n.to_str()).expect("stem");
        problems.extend(support::check_golden(
            &root().join("tests/golden/ingest").join(stem),
            &render(&src),
        ));
    }
    assert!(
        problems.is_empty(),
        "{}\n\nIf the change is intended, rerun with JIEDU_BLESS=1 and review the diff.",
        problems.join("\n\n")
    );
}
