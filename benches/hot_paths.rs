//! Criterion benchmarks of the build's hot paths (issue 7), on a synthetic
//! edition of 1,000 articles and 1,000 terms from [`jiedu::synth`]:
//!
//! - `match_terms`: glossary matching over every paragraph, as MB/s;
//! - `markdown/article`: one article body to HTML with term links;
//! - `template/article` and `template/term`: one page through Tera;
//! - `build/1000`: the whole `site::build` into a fresh directory;
//! - `ingest_hostile_html`: hostile saved HTML at 250 kB and 1 MB, as MB/s
//!   (equal throughput at both sizes means ingest is linear).
//!
//! ```sh
//! cargo bench --bench hot_paths            # all
//! cargo bench --bench hot_paths -- match   # only matching
//! ```
//!
//! Seeds come from `$JIEDU_SEEDS`, else `content/sources/`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jiedu::glossary::Matcher;
use jiedu::render::markdown::TermLinks;
use jiedu::render::{Anchors, Highlighter, Markdown, Templates};
use jiedu::site::analysis;
use jiedu::site::pages::{PageKey, PageRenderer};
use jiedu::synth::{self, SynthOptions};
use jiedu::url::Urls;
use std::path::{Path, PathBuf};

const ARTICLES: usize = 1_000;

/// A synthetic edition, written once per run into a temp dir.
fn edition() -> (tempfile::TempDir, PathBuf) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("edition");
    let paragraphs = synth::seed_paragraphs(&synth::seed_dir(repo)).unwrap();
    let opts = SynthOptions {
        articles: ARTICLES,
        terms: 1_000,
        seed: 1,
    };
    let glossary = repo.join("content/glossary");
    synth::write_edition(
        &root,
        &repo.join("templates"),
        Some(&glossary),
        &paragraphs,
        &opts,
    )
    .unwrap();
    (dir, root)
}

fn hot_paths(c: &mut Criterion) {
    let (_dir, root) = edition();
    let site = jiedu::content::load(&root).unwrap();
    let urls = Urls::new(site.config.base_url.clone());
    let highlighter = Highlighter::new();
    let markdown = Markdown::new(&urls, &highlighter);
    let analysis = analysis::analyze(&site, &urls, &markdown);

    let matcher = Matcher::new(&site.terms);
    let bytes: usize = analysis
        .corpus
        .iter()
        .flat_map(|a| &a.paragraphs)
        .map(|p| p.text.len())
        .sum();
    let mut g = c.benchmark_group("match_terms");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    g.bench_function("corpus", |b| {
        b.iter(|| {
            let mut n = 0;
            for a in &analysis.corpus {
                for p in &a.paragraphs {
                    n += matcher.find_in(&p.text, &a.slug).len();
                }
            }
            n
        })
    });
    g.finish();

    let ids: Vec<_> = site.terms.iter().map(|t| t.id.clone()).collect();
    let term_urls: Vec<String> = ids.iter().map(|id| urls.term(id)).collect();
    let article = &site.articles[ARTICLES / 2];
    let classes: Vec<&str> = site
        .terms
        .iter()
        .map(|t| jiedu::render::markdown::kind_class(t.meta.kind))
        .collect();
    let links = TermLinks {
        matcher: &matcher,
        article: &article.slug,
        ids: &ids,
        urls: &term_urls,
        classes: &classes,
    };
    let mut g = c.benchmark_group("markdown");
    g.throughput(Throughput::Bytes(article.body.len() as u64));
    g.bench_function("article", |b| {
        b.iter(|| markdown.render_linked(&article.body, Anchors::Paragraphs, Some(&links)))
    });
    g.finish();

    let templates = Templates::load(&root.join("templates"), &urls).unwrap();
    let renderer = PageRenderer::new(&site, &urls, &templates, &highlighter, &analysis);
    let common = (0..site.terms.len())
        .max_by_key(|&i| analysis.occurrences.total(i))
        .unwrap();
    let mut g = c.benchmark_group("template");
    let key = PageKey::Article(article.slug.clone());
    g.bench_function("article", |b| {
        b.iter(|| renderer.render_page(&key).unwrap())
    });
    let key = PageKey::Term(site.terms[common].id.clone());
    g.bench_function("term", |b| b.iter(|| renderer.render_page(&key).unwrap()));
    g.finish();

    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    let out = tempfile::tempdir().unwrap();
    let opts = jiedu::site::BuildOptions {
        base_url: None,
        out: Some(out.path().join("public")),
        ..Default::default()
    };
    g.bench_function("1000", |b| {
        b.iter(|| jiedu::site::build(&root, &opts).unwrap())
    });
    g.finish();
}

/// Hostile saved HTML (handlers and scripts between paragraphs) at two
/// sizes, as MB/s: a linear ingest shows the same throughput at both; a
/// quadratic step would show a fourfold drop.
fn hostile_html(c: &mut Criterion) {
    let para = "全面从严治党永远在路上，党的自我革命永远在路上。".repeat(8);
    let chunk = format!("<p onclick=\"evil()\">{para}</p><script>var s='<p>';</script>\n");
    let mut g = c.benchmark_group("ingest_hostile_html");
    g.sample_size(10);
    for bytes in [250_000usize, 1_000_000] {
        let page = format!(
            "<!DOCTYPE html><html><body><h1>大页面</h1>{}</body></html>",
            chunk.repeat(bytes / chunk.len())
        );
        g.throughput(Throughput::Bytes(page.len() as u64));
        g.bench_function(format!("{bytes}"), |b| {
            b.iter(|| jiedu::ingest::ingest_bytes("big.html", page.as_bytes()).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, hot_paths, hostile_html);
criterion_main!(benches);
