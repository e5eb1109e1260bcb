//! The dependency graph checked against the page renderers.
//!
//! [`super::deps`] and [`super::delta`] predict which pages an edit
//! changes; the renderers decide. These tests build a small edition, make
//! each kind of edit, rebuild incrementally, and build the edited edition
//! again from scratch with `site::build`. Every output file whose bytes
//! differ between the two full builds must be among the pages the session
//! rendered, wrote or deleted (a missing edge fails here, naming the
//! page), and an edit that touches a few pages must not re-render most of
//! the site.

use super::test_site::{article, edition, files, fresh_build, term, write, BASE};
use super::{Outcome, OutputDir, Session};
use crate::config::BaseUrl;
use crate::layout::Layout;
use std::collections::{BTreeMap, BTreeSet};

/// How many pages an edit may re-render.
#[derive(Debug, Clone, Copy)]
enum Bound {
    /// At most this many output files besides the search index.
    AtMost(usize),
    /// Every page may change (`site.yaml`, the base template).
    Everything,
}

/// One edit: a name, the file, its new text (`None` deletes it).
struct Edit {
    name: &'static str,
    path: &'static str,
    text: Option<String>,
    bound: Bound,
}

fn edits() -> Vec<Edit> {
    let page_html = include_str!("../../templates/page.html").replace("位置", "所在");
    let base_html =
        include_str!("../../templates/base.html").replace("</body>", "<!-- 改 --></body>");
    let few = Bound::AtMost;
    vec![
        Edit { name: "article body", path: "content/articles/ding.md", text: Some(article("ding", 4, "", "改过的消息。")), bound: few(4) },
        Edit { name: "article body with a term", path: "content/articles/bing.md", text: Some(article("文章丙", 3, "", "三清三减三增工作取得成效。")), bound: few(8) },
        Edit { name: "article title", path: "content/articles/yi.md", text: Some(article("新标题", 2, "", "推进清廉重庆建设。")), bound: few(12) },
        Edit { name: "article date", path: "content/articles/ding.md", text: Some(article("ding", 20, "", "改过的消息。")), bound: few(14) },
        Edit { name: "article added", path: "content/articles/new.md", text: Some(article("新文章", 15, "", "又一条。")), bound: few(14) },
        Edit { name: "article deleted", path: "content/articles/new.md", text: None, bound: few(14) },
        Edit { name: "term definition", path: "content/glossary/qing-lian.md", text: Some(term("清廉重庆", "", "新的定义。")), bound: few(9) },
        Edit { name: "term forms", path: "content/glossary/san-qing.md", text: Some(term("三清", "parent: san-qing-san-jian-san-zeng\naliases: [三减]\n", "定义。")), bound: few(10) },
        Edit { name: "free page", path: "content/pages/about.md", text: Some("---\ntitle: 关于\nnav_order: 1\n---\n改了。\n".into()), bound: few(2) },
        Edit { name: "source", path: "content/sources/s1.txt", text: Some("第一行\n市委召开全会，强调两个确立！\n第三行\n".into()), bound: few(4) },
        Edit { name: "translation", path: "content/translations/en/yi.md", text: Some("---\ntitle: Article yi, revised\ntranslator: T. Ester\nstatus: reviewed\n---\n{#p1}\nSecond.\n".into()), bound: few(4) },
        Edit { name: "page template", path: "templates/page.html", text: Some(page_html), bound: few(1) },
        Edit { name: "base template", path: "templates/base.html", text: Some(base_html), bound: Bound::Everything },
        Edit { name: "site title", path: "site.yaml", text: Some("title: 新版\nbase_url: https://example.org/\n".into()), bound: Bound::Everything },
    ]
}

/// Output files added, deleted or changed between two builds.
fn changed(
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
) -> BTreeSet<String> {
    let paths: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    paths
        .into_iter()
        .filter(|p| before.get(*p) != after.get(*p))
        .cloned()
        .collect()
}

/// What the session touched: every page it rendered, wrote or deleted.
fn touched(outcome: &Outcome, all: &BTreeMap<String, Vec<u8>>) -> BTreeSet<String> {
    if outcome.full {
        return all.keys().cloned().collect();
    }
    let lists = [&outcome.rendered, &outcome.written, &outcome.removed];
    lists.into_iter().flatten().cloned().collect()
}

fn is_search_file(path: &str) -> bool {
    path.starts_with("search/") && path != "search/index.html"
}

#[test]
fn the_graph_predicts_every_page_an_edit_changes_and_few_more() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    edition(&root);
    let out_dir = root.join(".out");
    let out = OutputDir::open(&out_dir).unwrap();
    let base = BaseUrl::parse(BASE).unwrap();
    let mut session = Session::open(Layout::new(&root), out, base);
    session.apply(Vec::new(), true).unwrap();
    let mut before = fresh_build(&root);
    assert_eq!(
        files(&out_dir),
        before,
        "the first build equals `jiedu build`"
    );
    for edit in edits() {
        let path = root.join(edit.path);
        match &edit.text {
            Some(text) => write(&root, edit.path, text),
            None => std::fs::remove_file(&path).unwrap(),
        }
        let outcome = session.apply(vec![path], false).unwrap();
        let mut predicted = touched(&outcome, &before);
        if session.search_stale() {
            let index = session.refresh_search().unwrap();
            predicted.extend(index.written.iter().chain(&index.removed).cloned());
        }
        let after = fresh_build(&root);
        let actual = changed(&before, &after);
        let missed: Vec<&String> = actual.difference(&predicted).collect();
        assert!(
            missed.is_empty(),
            "{}: the graph missed {missed:?}",
            edit.name
        );
        assert!(
            files(&out_dir) == after,
            "{}: output differs from a fresh build",
            edit.name
        );
        let pages: Vec<&String> = predicted.iter().filter(|p| !is_search_file(p)).collect();
        eprintln!(
            "{}: {} changed, {} rendered of {}",
            edit.name,
            actual.len(),
            pages.len(),
            after.len()
        );
        match edit.bound {
            Bound::AtMost(n) => assert!(
                pages.len() <= n && pages.len() * 3 < after.len(),
                "{}: {} pages rendered for {} changed: {pages:?}",
                edit.name,
                pages.len(),
                actual.len()
            ),
            Bound::Everything => assert!(outcome.full || pages.len() * 2 > after.len()),
        }
        before = after;
    }
}
