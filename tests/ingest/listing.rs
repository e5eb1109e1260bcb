//! The golden files of one ingested source, as both golden suites write
//! them: `articles.txt` (a header, then per article its line range, kind,
//! slug, title and warnings), every article file in full, and
//! `removed.txt` when something was taken out.

use jiedu::ingest::{write, IngestedSource, Removed};
use std::collections::{BTreeMap, HashSet};

/// The expected files for `src`, by name: `header` opens `articles.txt`,
/// `removed` fills `removed.txt` (left out when empty).
pub fn golden_files(
    src: &IngestedSource,
    header: String,
    removed: &[Removed],
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let slugs = write::fresh_slugs(src, &mut HashSet::new());
    let mut list = header;
    for (a, slug) in src.articles.iter().zip(&slugs) {
        let s = a.meta.source.as_ref().expect("source");
        let kind = serde_json::to_value(a.meta.kind).expect("kind");
        list.push_str(&format!(
            "{}–{}\t{}\t{}\t{}\n",
            s.first_line,
            s.last_line,
            kind.as_str().unwrap_or("?"),
            slug,
            a.meta.title
        ));
        for w in &a.meta.warnings {
            list.push_str(&format!("\t! {w}\n"));
        }
        let (meta, body) = write::stamped(a).expect("stamp");
        out.insert(
            format!("{slug}.md"),
            write::render_file(&meta, &body).expect("render"),
        );
    }
    out.insert("articles.txt".into(), list);
    if !removed.is_empty() {
        let text: String = removed
            .iter()
            .map(|r| format!("{}\t{}\n", r.line, r.text))
            .collect();
        out.insert("removed.txt".into(), text);
    }
    out
}
