//! The templates as the incremental layer keeps them: compiled, with the
//! texts they were compiled from (to diff after an edit) and the graph of
//! which uses which ([`TemplateGraph`]).

use super::template_graph::TemplateGraph;
use crate::error::Result;
use crate::layout::Layout;
use crate::render::templates::read_sources;
use crate::render::Templates;
use crate::url::Urls;
use std::collections::{BTreeMap, BTreeSet};

/// The edition's templates, their texts by name and their graph.
pub struct TemplateSet {
    templates: Templates,
    texts: BTreeMap<String, String>,
    graph: TemplateGraph,
}

impl TemplateSet {
    /// Reads and compiles the templates of the edition at `layout`.
    ///
    /// Each file is read once: reading it again could see a newer version
    /// than the one the templates were built from, and that edit would then
    /// be missed. Deleting an override brings back the built-in text, which
    /// the diff then sees as a changed template.
    pub fn load(layout: &Layout, urls: &Urls) -> Result<Self> {
        let sources = read_sources(&layout.templates())?;
        let texts: BTreeMap<String, String> = sources
            .iter()
            .map(|(n, s)| (n.clone(), s.text.clone()))
            .collect();
        let templates = Templates::from_sources(sources, urls)?;
        let graph = TemplateGraph::parse(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())));
        Ok(TemplateSet {
            templates,
            texts,
            graph,
        })
    }

    /// The compiled templates.
    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    /// Which template uses which.
    pub fn graph(&self) -> &TemplateGraph {
        &self.graph
    }

    /// Names of templates added, removed or changed from `old` to `self`.
    pub fn changed_since(&self, old: &TemplateSet) -> Vec<String> {
        changed_names(&old.texts, &self.texts)
    }
}

/// Names of templates added, removed or changed between two sets of texts.
fn changed_names(old: &BTreeMap<String, String>, new: &BTreeMap<String, String>) -> Vec<String> {
    let names: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    names
        .into_iter()
        .filter(|n| old.get(*n) != new.get(*n))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::BaseUrl;

    #[test]
    fn changed_names_are_added_removed_or_edited() {
        let map = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string()))
                .collect()
        };
        let old = map(&[("a.html", "1"), ("b.html", "2"), ("c.html", "3")]);
        let new = map(&[("a.html", "1"), ("b.html", "two"), ("d.html", "4")]);
        assert_eq!(changed_names(&old, &new), ["b.html", "c.html", "d.html"]);
        assert!(changed_names(&old, &old).is_empty());
    }

    #[test]
    fn an_override_and_its_removal_are_both_changes() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(dir.path());
        let urls = Urls::new(BaseUrl::parse("https://x.org/").unwrap());
        let builtin = TemplateSet::load(&layout, &urls).unwrap();
        std::fs::create_dir_all(layout.templates()).unwrap();
        let over = layout.templates().join("404.html");
        std::fs::write(&over, "{% extends \"base.html\" %}").unwrap();
        let edited = TemplateSet::load(&layout, &urls).unwrap();
        assert_eq!(edited.changed_since(&builtin), ["404.html"]);
        assert!(edited.graph().dependents("base.html").contains("404.html"));
        std::fs::remove_file(&over).unwrap();
        let back = TemplateSet::load(&layout, &urls).unwrap();
        assert_eq!(back.changed_since(&edited), ["404.html"]);
        assert!(back.changed_since(&builtin).is_empty());
    }
}
