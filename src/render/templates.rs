//! Tera templates: the built-in ones, an edition's overrides, and
//! rendering typed contexts.
//!
//! The templates are the built-in set ([`super::builtin`]) with every
//! `*.html` / `*.xml` under the edition's `templates/` laid over it, file
//! by file: an edition overrides what it wants and falls back to the
//! built-in template for everything else, with no error.
//!
//! Every page is rendered from one `Serialize` struct (see
//! [`super::context`]), never from a string-keyed map. Templates see one
//! function, `url(path=…)`, which builds internal links through the same
//! [`Urls`] as the Rust side, so a template can never forget the sub-path.
//! Autoescaping is on for `.html` and `.xml`: front-matter text cannot
//! inject markup; only pre-rendered HTML marked `| safe` is output raw.

use crate::error::{Error, Location, Result};
use crate::url::Urls;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use tera::Tera;

/// Where a template's text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateOrigin {
    /// The edition's own file, overriding the built-in one if any.
    Edition(PathBuf),
    /// Compiled into jiedu.
    BuiltIn,
}

/// A template's text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSource {
    /// The template text.
    pub text: String,
    /// The edition's file or the built-in.
    pub origin: TemplateOrigin,
}

/// Every template by name (`article.html`, `partials/x.html`).
pub type Sources = BTreeMap<String, TemplateSource>;

/// The loaded templates of an edition.
pub struct Templates {
    tera: Tera,
    sources: Sources,
}

impl Templates {
    /// Loads the built-in templates and the edition's overrides in `dir`
    /// (its `templates/`, which need not exist).
    pub fn load(dir: &Path, urls: &Urls) -> Result<Self> {
        Self::from_sources(read_sources(dir)?, urls)
    }

    /// Templates from their texts, already read by [`read_sources`]. The
    /// dev server reads the texts itself, once, so the templates it
    /// renders with are exactly the texts it diffs to find what changed.
    pub fn from_sources(sources: Sources, urls: &Urls) -> Result<Self> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Tera's own escaper also turns `/` into `&#x2F;`, which is not
        // needed in quoted attributes or text and bloats every URL.
        tera.set_escape_fn(super::highlight::escape_html);
        let texts = sources.iter().map(|(n, s)| (n.as_str(), s.text.as_str()));
        tera.add_raw_templates(texts)
            .map_err(|e| template_error(&sources, &e))?;
        tera.register_function("url", url_function(urls.clone()));
        tera.register_filter("nb", nb_filter);
        Ok(Templates { tera, sources })
    }

    /// Renders template `name` with `ctx`.
    pub fn render<C: Serialize>(&self, name: &str, ctx: &C) -> Result<String> {
        self.render_context(name, &self.context(name, ctx)?)
    }

    /// `ctx` as Tera's context for template `name`: the serialisation
    /// half of [`Self::render`].
    pub fn context<C: Serialize>(&self, name: &str, ctx: &C) -> Result<tera::Context> {
        tera::Context::from_serialize(ctx).map_err(|e| Error::Template {
            loc: Location::file(path_of(&self.sources, name)),
            msg: chain(&e),
        })
    }

    /// Renders template `name` with a context made by [`Self::context`]:
    /// Tera's half of [`Self::render`].
    pub fn render_context(&self, name: &str, context: &tera::Context) -> Result<String> {
        self.tera
            .render(name, context)
            .map_err(|e| template_error(&self.sources, &e))
    }

    /// Whether a template of this name exists.
    pub fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// Where template `name` came from, if it exists.
    pub fn origin(&self, name: &str) -> Option<&TemplateOrigin> {
        self.sources.get(name).map(|s| &s.origin)
    }
}

/// The built-in templates with the edition's files in `dir` laid over
/// them. A missing `dir` means no overrides.
pub fn read_sources(dir: &Path) -> Result<Sources> {
    let mut sources: Sources = super::builtin::templates()
        .map(|(name, text)| {
            let source = TemplateSource {
                text: text.to_string(),
                origin: TemplateOrigin::BuiltIn,
            };
            (name.to_string(), source)
        })
        .collect();
    for (name, path) in template_files(dir)? {
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let origin = TemplateOrigin::Edition(path);
        sources.insert(name, TemplateSource { text, origin });
    }
    Ok(sources)
}

/// The edition's template files under `dir` as (name, path), sorted:
/// every `*.html` and `*.xml` outside `static/`. None if `dir` is missing.
pub fn template_files(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry
            .map_err(|e| Error::invalid(Location::file(e.path().unwrap_or(dir)), e.to_string()))?;
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name = rel.to_string_lossy().replace('\\', "/");
        if entry.file_type().is_file() && super::builtin::is_template(&name) {
            files.push((name, entry.path().to_path_buf()));
        }
    }
    Ok(files)
}

/// The file an error in template `name` is reported against: the
/// edition's file, or `(built-in)/name` for a built-in template.
fn path_of(sources: &Sources, name: &str) -> PathBuf {
    match sources.get(name).map(|s| &s.origin) {
        Some(TemplateOrigin::Edition(path)) => path.clone(),
        Some(TemplateOrigin::BuiltIn) => PathBuf::from(format!("(built-in)/{name}")),
        None => Path::new("templates").join(name),
    }
}

fn url_function(urls: Urls) -> impl tera::Function {
    move |args: &HashMap<String, tera::Value>| {
        let path = args
            .get("path")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("url() needs path=\"…\""))?;
        Ok(tera::Value::String(urls.path(path)))
    }
}

/// `{{ text | nb | safe }}`: the text escaped, with dates, numbers with
/// units and fixed phrases kept on one line ([`super::nobreak`]). The
/// filter escapes, so `safe` after it is safe.
fn nb_filter(value: &tera::Value, _: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("nb filters text"))?;
    Ok(tera::Value::String(super::nobreak::escape_wrapped(text)))
}

/// Tera's message with its cause chain, and the template location if Tera
/// names one.
fn template_error(sources: &Sources, e: &tera::Error) -> Error {
    let msg = chain(e);
    let name = quoted_template_name(&msg);
    let mut at = line_col(&msg).map(|pos| (name, pos));
    if at.is_none() {
        if let Some((n, pos)) = missing_name(&msg).and_then(|m| first_use(sources, name, m)) {
            at = Some((Some(n), pos));
        }
    }
    let (name, (line, col)) = at.unwrap_or((name, (0, 0)));
    let path = name.map_or_else(|| PathBuf::from("templates"), |n| path_of(sources, n));
    Error::Template {
        loc: Location::at(path, line, col),
        msg,
    }
}

/// The variable, filter, function or test a Tera render error says is
/// missing. Render errors, unlike parse errors, carry no position.
fn missing_name(msg: &str) -> Option<&str> {
    [
        ("Variable `", '`'),
        ("Filter '", '\''),
        ("Function '", '\''),
        ("Test '", '\''),
    ]
    .iter()
    .find_map(|(open, close)| {
        let rest = &msg[msg.find(open)? + open.len()..];
        Some(&rest[..rest.find(*close)?])
    })
    .filter(|n| !n.is_empty())
}

/// The first place `name` is used inside a `{{ }}` or `{% %}` tag: in the
/// template being rendered, else in any template (the use may be in a
/// parent or an include). Returns the template and 1-based line and column.
fn first_use<'a>(
    sources: &'a Sources,
    rendered: Option<&'a str>,
    name: &str,
) -> Option<(&'a str, (usize, usize))> {
    rendered
        .into_iter()
        .chain(sources.keys().map(String::as_str))
        .find_map(|t| Some((t, use_in_tags(&sources.get(t)?.text, name)?)))
}

fn use_in_tags(text: &str, name: &str) -> Option<(usize, usize)> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
    let mut from = 0;
    while let Some(open) = text[from..].find(['{']).map(|i| from + i) {
        let close = match text.get(open..open + 2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            _ => {
                from = open + 1;
                continue;
            }
        };
        let end = text[open..].find(close).map_or(text.len(), |i| open + i);
        let tag = &text[open..end];
        let mut search = 0;
        while let Some(i) = tag[search..].find(name).map(|i| search + i) {
            let before = tag[..i].chars().next_back();
            let after = tag[i + name.len()..].chars().next();
            if !word(before) && !word(after) {
                let at = open + i;
                let line = text[..at].matches('\n').count() + 1;
                let col = text[..at].rsplit('\n').next().unwrap_or("").chars().count() + 1;
                return Some((line, col));
            }
            search = i + name.len();
        }
        from = end.max(open + 1);
    }
    None
}

fn chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

/// The first `'name.html'` in a Tera message.
fn quoted_template_name(msg: &str) -> Option<&str> {
    msg.split('\'')
        .skip(1)
        .step_by(2)
        .find(|s| s.ends_with(".html") || s.ends_with(".xml"))
}

/// Tera's parse errors carry ` --> line:col`.
fn line_col(msg: &str) -> Option<(usize, usize)> {
    let at = msg.find("--> ")? + 4;
    let rest = &msg[at..];
    let end = rest
        .find(|c: char| !c.is_ascii_digit() && c != ':')
        .unwrap_or(rest.len());
    let (l, c) = rest[..end].split_once(':')?;
    Some((l.parse().ok()?, c.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::BaseUrl;

    fn urls() -> Urls {
        Urls::new(BaseUrl::parse("https://x.org/sub/").unwrap())
    }

    #[derive(Serialize)]
    struct Ctx {
        title: String,
    }

    #[test]
    fn renders_escaped_with_url_function() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("t.html"),
            "<a href=\"{{ url(path='/static/a.css') }}\">{{ title }}</a>",
        )
        .unwrap();
        let t = Templates::load(dir.path(), &urls()).unwrap();
        let html = t
            .render(
                "t.html",
                &Ctx {
                    title: "<script>x</script>".into(),
                },
            )
            .unwrap();
        assert_eq!(
            html,
            "<a href=\"/sub/static/a.css\">&lt;script&gt;x&lt;/script&gt;</a>"
        );
    }

    #[test]
    fn an_edition_overrides_file_by_file_and_falls_back_to_the_built_ins() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-templates-here");
        let t = Templates::load(&missing, &urls()).unwrap();
        assert_eq!(t.origin("article.html"), Some(&TemplateOrigin::BuiltIn));
        assert_eq!(t.origin("atom.xml"), Some(&TemplateOrigin::BuiltIn));
        std::fs::write(dir.path().join("404.html"), "<p>{{ title }}</p>").unwrap();
        let t = Templates::load(dir.path(), &urls()).unwrap();
        let own = TemplateOrigin::Edition(dir.path().join("404.html"));
        assert_eq!(t.origin("404.html"), Some(&own));
        assert_eq!(t.origin("term.html"), Some(&TemplateOrigin::BuiltIn));
        let ctx = Ctx { title: "x".into() };
        assert_eq!(t.render("404.html", &ctx).unwrap(), "<p>x</p>");
    }

    #[test]
    fn an_error_in_a_built_in_template_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let t = Templates::load(dir.path(), &urls()).unwrap();
        let ctx = Ctx { title: "x".into() };
        let e = t.render("404.html", &ctx).unwrap_err().to_string();
        assert!(e.starts_with("(built-in)/"), "{e}");
    }

    #[test]
    fn syntax_errors_name_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bad.html"), "ok\n{% if %}\n").unwrap();
        let e = Templates::load(dir.path(), &urls()).err().unwrap();
        let s = e.to_string();
        assert!(s.contains("bad.html:2:"), "{s}");
    }

    #[test]
    fn undefined_variables_are_errors_naming_the_template() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("u.html"), "{{ nope }}").unwrap();
        let t = Templates::load(dir.path(), &urls()).unwrap();
        let e = t
            .render(
                "u.html",
                &Ctx {
                    title: String::new(),
                },
            )
            .unwrap_err();
        let s = e.to_string();
        assert!(s.contains("u.html") && s.contains("nope"), "{s}");
    }

    #[test]
    fn undefined_names_are_located_at_their_first_use_in_a_tag() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("base.html"),
            "<title>t</title>\n{% block b %}{% endblock %}\n<p>{{ title | shout }}</p>\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("u.html"),
            "{% extends \"base.html\" %}\n{% block b %}\n  <b>nope</b> {% if true %}{{ nope }}{% endif %}\n{% endblock %}\n",
        )
        .unwrap();
        let t = Templates::load(dir.path(), &urls()).unwrap();
        let ctx = Ctx {
            title: String::new(),
        };
        let e = t.render("u.html", &ctx).unwrap_err().to_string();
        assert!(e.contains("u.html:3:31: "), "{e}");
        let e = t.render("base.html", &ctx).unwrap_err().to_string();
        assert!(e.contains("base.html:3:15: "), "{e}");
        assert!(e.contains("shout"), "{e}");
    }
}
