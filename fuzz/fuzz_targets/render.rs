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

fuzz_target!(|input: &str| {
    let terms = terms();
    let matcher = Matcher::new(&terms);
    let ids: Vec<TermId> = terms.iter().map(|t| t.id.clone()).collect();
    let hrefs: Vec<String> = ids.iter().map(|i| format!("/glossary/{i}/")).collect();
    let article = Slug::new("fuzz").expect("slug");
    let urls = Urls::new(BaseUrl::parse("https://example.org/sub/").expect("base"));
    let highlighter = Highlighter::new();
    let links = TermLinks { matcher: &matcher, article: &article, ids: &ids, urls: &hrefs };
    let out = Markdown::new(&urls, &highlighter).render_linked(input, Anchors::Paragraphs, Some(&links));
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
