//! Which template uses which: read from `{% extends %}`, `{% include %}`
//! and `{% import %}` statements, so an edited template re-renders the
//! pages made with it or with any template that uses it, and no others.

use std::collections::{BTreeSet, HashMap};

/// Which template uses which, read from `{% extends %}`, `{% include %}`
/// and `{% import %}` statements.
#[derive(Debug, Clone, Default)]
pub struct TemplateGraph {
    /// Template name → the names it refers to directly.
    uses: HashMap<String, BTreeSet<String>>,
}

impl TemplateGraph {
    /// The graph of `templates`, given as (name, text) pairs.
    pub fn parse<'a>(templates: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let uses = templates
            .into_iter()
            .map(|(name, text)| (name.to_string(), references(text).into_iter().collect()))
            .collect();
        TemplateGraph { uses }
    }

    /// `changed` and every template that uses it, directly or through
    /// others. A page rendered with any of these must be re-rendered.
    pub fn dependents(&self, changed: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::from([changed.to_string()]);
        let mut todo = vec![changed.to_string()];
        while let Some(t) = todo.pop() {
            for (user, refs) in &self.uses {
                if refs.contains(&t) && found.insert(user.clone()) {
                    todo.push(user.clone());
                }
            }
        }
        found
    }
}

/// The template names a template's text refers to: every quoted string of
/// an `extends` or `include` tag (an include may list several), and the
/// first of an `import` tag (`{% import "macros.html" as m %}`).
pub fn references(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("%}") else { break };
        let tag = after[..end].trim_start_matches(['-', '+']).trim_start();
        let word = tag.split_whitespace().next().unwrap_or("");
        let strings = quoted(tag);
        match word {
            "extends" | "include" => out.extend(strings),
            "import" => out.extend(strings.into_iter().take(1)),
            _ => {}
        }
        rest = &after[end + 2..];
    }
    out
}

/// The string literals of a Tera tag ("…", '…' or `…`).
fn quoted(tag: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(open) = rest.find(['"', '\'', '`']) {
        // The quote is ASCII, so `open + 1` is a character boundary.
        let quote = char::from(rest.as_bytes()[open]);
        let body = &rest[open + 1..];
        let Some(close) = body.find(quote) else { break };
        out.push(body[..close].to_string());
        rest = &body[close + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_references_are_parsed_from_tags() {
        let text = r#"{% extends "base.html" %}
{%- include 'partials/a.html' -%}
{% include ["x.html", "y.html"] ignore missing %}
{% import "macros.html" as m %}
{% if "not-a-template.html" %}{{ "nor.html" }}{% endif %}"#;
        assert_eq!(
            references(text),
            [
                "base.html",
                "partials/a.html",
                "x.html",
                "y.html",
                "macros.html"
            ]
        );
    }

    #[test]
    fn dependents_follow_chains() {
        let g = TemplateGraph::parse([
            ("base.html", "{% include \"nav.html\" %}"),
            ("nav.html", "{% import \"m.html\" as m %}"),
            ("article.html", "{% extends \"base.html\" %}"),
            ("atom.xml", "<feed/>"),
        ]);
        let d = g.dependents("m.html");
        assert_eq!(
            d.into_iter().collect::<Vec<_>>(),
            ["article.html", "base.html", "m.html", "nav.html"]
        );
        assert_eq!(g.dependents("atom.xml").len(), 1);
    }
}
