//! The default templates and static files, compiled into the binary.
//!
//! An edition needs no `templates/` of its own. Every template and static
//! file jiedu ships is built in, and a file of the same name under the
//! edition's `templates/` replaces the built-in one, file by file. A
//! release that adds a page kind adds its template here too, so an
//! edition that overrode only `base.html` keeps building after an upgrade.
//! The list is made by `build.rs` from this repository's `templates/`.

/// Every built-in file by its path under `templates/` (`article.html`,
/// `static/site.css`), sorted by path.
pub const FILES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/builtin_templates.rs"));

/// The built-in Tera templates: `*.html` and `*.xml` outside `static/`.
pub fn templates() -> impl Iterator<Item = (&'static str, &'static str)> {
    FILES
        .iter()
        .filter(|(rel, _)| is_template(rel))
        .filter_map(|(rel, bytes)| Some((*rel, std::str::from_utf8(bytes).ok()?)))
}

/// The built-in static files, by path under `static/`.
pub fn statics() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    FILES
        .iter()
        .filter_map(|(rel, bytes)| Some((rel.strip_prefix("static/")?, *bytes)))
}

/// The built-in static file at `rel` (a path under `static/`).
pub fn static_file(rel: &str) -> Option<&'static [u8]> {
    statics().find(|(r, _)| *r == rel).map(|(_, b)| b)
}

/// Whether `rel`, a path under `templates/`, names a Tera template.
pub fn is_template(rel: &str) -> bool {
    !rel.starts_with("static/") && (rel.ends_with(".html") || rel.ends_with(".xml"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn every_file_under_templates_is_built_in_with_its_bytes() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut on_disk = 0;
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            on_disk += 1;
            let rel = entry.path().strip_prefix(&root).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            let built_in = FILES.iter().find(|(r, _)| *r == rel);
            let bytes = std::fs::read(entry.path()).unwrap();
            assert_eq!(built_in.map(|(_, b)| *b), Some(&bytes[..]), "{rel}");
        }
        assert_eq!(FILES.len(), on_disk);
        assert!(templates().any(|(n, _)| n == "article.html"));
        assert!(static_file("site.css").is_some());
        assert!(static_file("../base.html").is_none());
    }
}
