//! The analysis matches terms once per article, while rendering, and
//! aggregates occurrences from those matches. These tests hold it to the
//! naive computation (matching every paragraph's plain text again with
//! `Occurrences::compute`, definitions with `find_definitions`), on the
//! bundled edition and on a synthetic one with markup that cuts terms
//! (emphasis, links, code, footnotes); and they hold the incremental API
//! (`replace_article`, `insert_article`, `remove_article`) to a fresh
//! analysis of the edited edition.

use jiedu::config::BaseUrl;
use jiedu::content::{self, Site};
use jiedu::glossary::{find_definitions, Matcher, Occurrences};
use jiedu::ids::Slug;
use jiedu::render::{Highlighter, Markdown};
use jiedu::site::analysis::{analyze, Analysis, Analyzer};
use jiedu::url::Urls;
use std::path::Path;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn urls() -> Urls {
    Urls::new(BaseUrl::parse("https://example.org/").unwrap())
}

fn analysis_of(site: &Site) -> Analysis {
    let urls = urls();
    let h = Highlighter::new();
    analyze(site, &urls, &Markdown::new(&urls, &h))
}

/// The analysis equals the naive one: every paragraph matched again.
fn assert_naive(site: &Site, a: &Analysis) {
    let naive = Occurrences::compute(&Matcher::new(&site.terms), &a.corpus);
    assert_eq!(a.occurrences.all(), naive.all());
    for t in 0..site.terms.len() {
        assert_eq!(a.occurrences.counts(t), naive.counts(t), "term {t}");
        assert_eq!(a.occurrences.co_occurring(t, 10), naive.co_occurring(t, 10));
    }
    for i in 0..site.articles.len() {
        assert_eq!(a.occurrences.terms_in(i), naive.terms_in(i), "article {i}");
        assert_eq!(
            a.occurrences.related_articles(i, 5),
            naive.related_articles(i, 5)
        );
    }
    assert_eq!(a.definitions, find_definitions(&a.corpus));
}

/// Every linked term is an occurrence in its paragraph (links are a
/// subset of the matches, found by the same pass).
fn assert_links_are_occurrences(site: &Site, a: &Analysis) {
    for (i, body) in a.bodies.iter().enumerate() {
        let occurring: std::collections::BTreeSet<usize> = a
            .occurrences
            .in_article(i)
            .iter()
            .map(|o| o.term())
            .collect();
        for t in &body.terms {
            assert!(
                occurring.contains(t),
                "{}: linked term {} is no occurrence",
                site.articles[i].slug,
                site.terms[*t].id
            );
        }
    }
}

#[test]
fn bundled_edition_matches_the_naive_computation() {
    let site = content::load(repo()).unwrap();
    let a = analysis_of(&site);
    assert!(
        a.occurrences.all().len() > 100,
        "the bundled texts use terms"
    );
    assert!(!a.definitions.is_empty());
    assert_naive(&site, &a);
    assert_links_are_occurrences(&site, &a);
}

/// A synthetic edition whose bodies carry markup inside and around terms.
fn synthetic(articles: usize) -> (tempfile::TempDir, Site) {
    let dir = tempfile::tempdir().unwrap();
    let paragraphs = jiedu::synth::seed_paragraphs(&jiedu::synth::seed_dir(repo())).unwrap();
    let opts = jiedu::synth::SynthOptions {
        articles,
        terms: 300,
        seed: 7,
    };
    jiedu::synth::write_edition(
        dir.path(),
        &repo().join("templates"),
        Some(&repo().join("content/glossary")),
        &paragraphs,
        &opts,
    )
    .unwrap();
    let mut site = content::load(dir.path()).unwrap();
    let forms: Vec<String> = site.terms.iter().map(|t| t.meta.term.clone()).collect();
    for (i, a) in site.articles.iter_mut().enumerate() {
        a.body = marked_up(&a.body, &forms, i);
    }
    (dir, site)
}

/// Cuts some term forms with emphasis, puts some in links, code spans and
/// footnotes, so that what is linked and what occurs differ.
fn marked_up(body: &str, forms: &[String], i: usize) -> String {
    let mut out = body.to_string();
    for (k, form) in forms.iter().enumerate().filter(|(k, _)| k % 7 == i % 7) {
        let Some(pos) = out.find(form.as_str()) else {
            continue;
        };
        let mid = form.char_indices().nth(form.chars().count() / 2).unwrap().0;
        let (a, b) = form.split_at(mid);
        let replacement = match k % 4 {
            0 => format!("{a}**{b}**"),
            1 => format!("[{form}](https://example.org/{k})"),
            2 => format!("`{form}`"),
            _ => format!("{form}[^n{k}]"),
        };
        out.replace_range(pos..pos + form.len(), &replacement);
        if k % 4 == 3 {
            out.push_str(&format!("\n\n[^n{k}]: 注：{form}，即说明。\n"));
        }
    }
    out.push_str("\n\n## 小结\n\n- “两个确立”，即坚持\n- 表格后\n\n| 甲 | 两个确立 |\n|---|---|\n| 1 | 2 |\n");
    out
}

#[test]
fn synthetic_edition_with_markup_matches_the_naive_computation() {
    let (_dir, site) = synthetic(120);
    let a = analysis_of(&site);
    assert!(a.occurrences.all().len() > 1_000);
    let linked: usize = a
        .bodies
        .iter()
        .map(|b| b.html.matches("class=\"term").count())
        .sum();
    assert!(linked > 0 && linked < a.occurrences.all().len() * 2);
    assert_naive(&site, &a);
    assert_links_are_occurrences(&site, &a);
}

/// Everything an analysis gives the pages, for comparing two.
fn assert_same(got: &Analysis, want: &Analysis, terms: usize) {
    assert_eq!(got.len(), want.len());
    assert_eq!(got.corpus, want.corpus);
    for (g, w) in got.bodies.iter().zip(&want.bodies) {
        assert_eq!(
            (&g.html, &g.blocks, &g.terms),
            (&w.html, &w.blocks, &w.terms)
        );
    }
    assert_eq!(got.occurrences.all(), want.occurrences.all());
    for t in 0..terms {
        assert_eq!(got.occurrences.counts(t), want.occurrences.counts(t));
        assert_eq!(got.occurrences.total(t), want.occurrences.total(t));
        assert_eq!(
            got.occurrences.co_occurring(t, 10),
            want.occurrences.co_occurring(t, 10)
        );
    }
    for i in 0..want.len() {
        assert_eq!(
            got.occurrences.in_article(i),
            want.occurrences.in_article(i)
        );
        assert_eq!(got.occurrences.terms_in(i), want.occurrences.terms_in(i));
        assert_eq!(
            got.occurrences.related_articles(i, 5),
            want.occurrences.related_articles(i, 5)
        );
    }
    assert_eq!(got.definitions, want.definitions);
}

#[test]
fn replacing_inserting_and_removing_articles_equals_a_fresh_analysis() {
    let (_dir, mut site) = synthetic(60);
    let urls = urls();
    let h = Highlighter::new();
    let md = Markdown::new(&urls, &h);
    let analyzer = Analyzer::new(&site.terms, &urls);
    let mut a = analyzer.analyze(&site, &md);
    let terms = site.terms.len();

    // An edit: the article loses its first half and gains a definition
    // and the terms of another article.
    let half = site.articles[5].body.len() / 2;
    let cut = site.articles[5].body.floor_char_boundary(half);
    let extra = site.articles[40].body.clone();
    site.articles[5].body = format!(
        "“新词”，即新的说法。\n\n{}\n\n{extra}",
        &site.articles[5].body[cut..]
    );
    a.replace_article(5, analyzer.article(&md, &site.articles[5]));
    assert_same(&a, &analyzer.analyze(&site, &md), terms);

    // A new article in the middle.
    let mut new = site.articles[10].clone();
    new.slug = Slug::new("zz-new").unwrap();
    new.body.push_str("\n\n（以下简称《新文》）\n");
    site.articles.insert(3, new);
    a.insert_article(3, analyzer.article(&md, &site.articles[3]));
    assert_same(&a, &analyzer.analyze(&site, &md), terms);

    // Removals: in the middle, first and last.
    for i in [7, 0, usize::MAX] {
        let i = i.min(site.articles.len() - 1);
        site.articles.remove(i);
        a.remove_article(i);
        assert_same(&a, &analyzer.analyze(&site, &md), terms);
    }

    // Several at once: five articles become two of them.
    let kept: Vec<_> = site.articles[21..23].to_vec();
    let units = kept.iter().map(|x| analyzer.article(&md, x)).collect();
    site.articles.splice(20..25, kept);
    a.splice(20..25, units);
    assert_same(&a, &analyzer.analyze(&site, &md), terms);
}
