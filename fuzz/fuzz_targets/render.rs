//! Markdown + glossary → HTML must never panic, never emit a live
//! `<script>`, a `javascript:` link or raw markup from the input, and
//! never drop a term-free paragraph's text.
#![no_main]

use jiedu::config::BaseUrl;
use jiedu::content::Term;
use jiedu::glossary::Matcher;
use jiedu::ids::{Slug, TermId};
use jiedu::render::markdown::TermLinks;
use jiedu::render::{Anchors, Highlighter, Markdown};
use jiedu::url::Urls;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn terms() -> Vec<Term> {
    let entry = |id: &str, form: &str| {
        let text = format!("---\nterm: \"{form}\"\nkind: slogan\n---\n定义。\n");
        Term::parse(&text, Path::new(&format!("{id}.md"))).expect("fixture term")
    };
    vec![
        entry("liang-ge-que-li", "两个确立"),
        entry("san-qing", "三清"),
        entry("san-qing-san-jian-san-zeng", "三清三减三增"),
        entry("885", "885"),
        entry("ai", "AI"),
    ]
}

/// Built once: the highlighter loads its syntaxes on first use, which in
/// the instrumented build takes most of a second; per input, every fenced
/// code block would pay it again (libFuzzer reported such inputs as "slow
/// units").
struct Fixture {
    matcher: Matcher,
    ids: Vec<TermId>,
    hrefs: Vec<String>,
    article: Slug,
    urls: Urls,
    highlighter: Highlighter,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let terms = terms();
        let ids: Vec<TermId> = terms.iter().map(|t| t.id.clone()).collect();
        Fixture {
            matcher: Matcher::new(&terms),
            hrefs: ids.iter().map(|i| format!("/glossary/{i}/")).collect(),
            ids,
            article: Slug::new("fuzz").expect("slug"),
            urls: Urls::new(BaseUrl::parse("https://example.org/sub/").expect("base")),
            highlighter: Highlighter::new(),
        }
    })
}

fuzz_target!(|input: &str| {
    let f = fixture();
    let classes = vec!["g-idea"; f.ids.len()];
    let links = TermLinks { matcher: &f.matcher, article: &f.article, ids: &f.ids, urls: &f.hrefs, classes: &classes };
    let out = Markdown::new(&f.urls, &f.highlighter).render_linked(input, Anchors::Paragraphs, Some(&links));
    let lower = out.html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "live script from {input:?}");
    assert!(!lower.contains("href=\"javascript:"), "script URL from {input:?}");
    assert!(!lower.contains("<iframe") && !lower.contains("<img src=x"), "raw markup from {input:?}");
    // Plain text without Markdown syntax must survive whole.
    let plain = input.chars().all(|c| c.is_alphanumeric() && !c.is_ascii());
    if plain && !input.is_empty() {
        let shown: String = out.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(shown, input, "text dropped");
    }
});
