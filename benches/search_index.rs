//! Search index benchmark: builds a synthetic edition from the seed page
//! dumps and reports what the search index costs (build time, file count,
//! bytes). Not a timed test; run it by hand:
//!
//! ```sh
//! cargo bench --bench search_index -- [ARTICLES] [OUT_DIR]
//! ```
//!
//! `ARTICLES` (default 10000) articles of about 3 KB are made by
//! [`jiedu::synth`], reshuffling seed paragraphs deterministically (article
//! `i` always gets the same text). The edition gets the
//! repository's templates and glossary and is built into `OUT_DIR`
//! (default a temp dir), so the browser benchmark
//! (`tests/browser/search_bench.mjs`) can be pointed at it. Seeds come
//! from `$JIEDU_SEEDS`, else `content/sources/`, else `../shared/seeds/`.

use jiedu::site::analysis;
use jiedu::site::search::SearchIndex;
use jiedu::synth;
use jiedu::url::Urls;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let count: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let out = args.get(1).map(PathBuf::from);
    let tmp = std::env::temp_dir().join(format!("jiedu-search-bench-{count}"));
    let edition = out.clone().unwrap_or(tmp).join("edition");
    write_edition(&edition, count);
    report(&edition);
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared generator ([`jiedu::synth`]) with the real glossary only.
fn write_edition(root: &Path, count: usize) {
    let _ = std::fs::remove_dir_all(root);
    let paragraphs = synth::seed_paragraphs(&synth::seed_dir(&repo())).unwrap();
    let opts = synth::SynthOptions {
        articles: count,
        terms: 0,
        seed: 1,
    };
    let glossary = repo().join("content/glossary");
    synth::write_edition(
        root,
        &repo().join("templates"),
        Some(&glossary),
        &paragraphs,
        &opts,
    )
    .unwrap();
}

fn report(root: &Path) {
    let t = Instant::now();
    let site = jiedu::content::load(root).unwrap();
    let urls = Urls::new(site.config.base_url.clone());
    let highlighter = jiedu::render::Highlighter::new();
    let markdown = jiedu::render::Markdown::new(&urls, &highlighter);
    let analysis = analysis::analyze(&site, &urls, &markdown);
    let before = t.elapsed();
    let t = Instant::now();
    let index = SearchIndex::build(&site, &analysis, &urls);
    let index_time = t.elapsed();
    let files = index.files();
    let bytes: usize = files
        .iter()
        .map(|f| index.get(*f).map_or(0, str::len))
        .sum();
    let text_bytes: usize = analysis
        .corpus
        .iter()
        .flat_map(|a| &a.paragraphs)
        .map(|p| p.text.len())
        .sum();
    println!(
        "{} articles, {} paragraphs, {} bytes of text; load+analyse {:?}",
        site.articles.len(),
        analysis
            .corpus
            .iter()
            .map(|a| a.paragraphs.len())
            .sum::<usize>(),
        text_bytes,
        before
    );
    println!(
        "search index: {} files, {} bytes raw, built in {:?}",
        files.len(),
        bytes,
        index_time
    );
    let t = Instant::now();
    let build = jiedu::site::build(root, &jiedu::site::BuildOptions::default()).unwrap();
    println!(
        "full build: {} files in {:?} (wall {:?}) → {}",
        build.files,
        build.elapsed,
        t.elapsed(),
        build.out.display()
    );
}
