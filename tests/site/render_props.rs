//! Issue 9, property: rendering never drops text. Any paragraphs of
//! Chinese text, Latin letters, digits and Chinese punctuation (nothing
//! Markdown treats as syntax), with glossary terms linked, come out as one
//! block each whose text is the paragraph, and the HTML, stripped of tags
//! and entities, still reads every paragraph whole.

use jiedu::config::BaseUrl;
use jiedu::content::Term;
use jiedu::glossary::Matcher;
use jiedu::ids::{Slug, TermId};
use jiedu::render::markdown::TermLinks;
use jiedu::render::{Anchors, Highlighter, Markdown};
use jiedu::url::Urls;
use proptest::prelude::*;
use std::path::Path;

fn terms() -> Vec<Term> {
    [
        ("liang-ge-que-li", "两个确立"),
        ("san-qing", "三清"),
        ("san-qing-san-jian", "三清三减"),
        ("ai", "AI"),
    ]
    .iter()
    .map(|(id, form)| {
        let text = format!("---\nterm: \"{form}\"\nkind: slogan\n---\n定义。\n");
        Term::parse(&text, Path::new(&format!("{id}.md"))).unwrap()
    })
    .collect()
}

/// Text a reader sees in `html`: tags removed, entities decoded.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn paragraph() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "两",
        "个",
        "确",
        "立",
        "三",
        "清",
        "减",
        "增",
        "两个确立",
        "三清三减",
        "AI",
        "党",
        "的",
        "建",
        "设",
        "中",
        "国",
        "a",
        "Z",
        "7",
        "0",
        "，",
        "。",
        "、",
        "；",
        "：",
        "“",
        "”",
        "（",
        "）",
        "《",
        "》",
        "！",
        "？",
        "—",
        "…",
        "　",
    ]);
    prop::collection::vec(pieces, 1..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn rendering_never_drops_text(paras in prop::collection::vec(paragraph(), 1..6)) {
        // A paragraph of nothing but spaces is not text.
        prop_assume!(paras.iter().all(|p| p.chars().any(|c| c != '　')));
        let terms = terms();
        let matcher = Matcher::new(&terms);
        let ids: Vec<TermId> = terms.iter().map(|t| t.id.clone()).collect();
        let hrefs: Vec<String> = ids.iter().map(|i| format!("/glossary/{i}/")).collect();
        let article = Slug::new("p").unwrap();
        let urls = Urls::new(BaseUrl::parse("https://example.org/").unwrap());
        let highlighter = Highlighter::new();
        let classes = vec!["g-idea"; ids.len()];
        let links = TermLinks { matcher: &matcher, article: &article, ids: &ids, urls: &hrefs, classes: &classes };
        let source = paras.join("\n\n");
        let out = Markdown::new(&urls, &highlighter)
            .render_linked(&source, Anchors::Paragraphs, Some(&links));
        let texts: Vec<&str> = out.blocks.iter().map(|b| b.text.as_str()).collect();
        // Ideographic spaces (U+3000) are kept, except at the very end of a
        // paragraph, where pulldown-cmark trims them like trailing spaces:
        // invisible either way.
        let want: Vec<&str> = paras.iter().map(|p| p.trim_end_matches('　')).collect();
        prop_assert_eq!(&texts, &want);
        let seen = visible(&out.html);
        for p in &want {
            prop_assert!(seen.contains(p), "{:?} missing from {:?}", p, out.html);
        }
    }
}
