//! Search index benchmark: builds a synthetic edition from the seed page
//! dumps and reports what the search index costs (build time, file count,
//! bytes). Not a timed test; run it by hand:
//!
//! ```sh
//! cargo bench --bench search_index -- [ARTICLES] [OUT_DIR] [TERMS]
//! ```
//!
//! `ARTICLES` (default 10000) articles of about 3 KB are made by
//! [`jiedu::synth`], reshuffling seed paragraphs deterministically (article
//! `i` always gets the same text). The edition gets the
//! repository's templates and glossary and is built into `OUT_DIR`
//! (default a temp dir), so the browser benchmark
//! (`benches/search_browser.mjs`) can be pointed at it. Besides the index
//! build time it reports the index's size raw and gzipped (each file on
//! its own, as a static host serves them) and the peak memory the index
//! step added (Linux: `VmHWM` after resetting it through `clear_refs`). Seeds come
//! from `$JIEDU_SEEDS`, else `content/sources/`, else `../shared/seeds/`.

use jiedu::site::analysis;
use jiedu::site::search::{SearchFile, SearchIndex};
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
    // 0: the real glossary only; more adds generated terms, whose forms
    // get lists of their own in the index.
    let terms: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(0);
    let tmp = std::env::temp_dir().join(format!("jiedu-search-bench-{count}"));
    let edition = out.clone().unwrap_or(tmp).join("edition");
    write_edition(&edition, count, terms);
    report(&edition);
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared generator ([`jiedu::synth`]) with the real glossary only.
fn write_edition(root: &Path, count: usize, terms: usize) {
    let _ = std::fs::remove_dir_all(root);
    let paragraphs = synth::seed_paragraphs(&synth::seed_dir(&repo())).unwrap();
    let opts = synth::SynthOptions {
        articles: count,
        terms,
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

/// A field of `/proc/self/status`, in kB (Linux only).
fn proc_status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Bytes of `text` gzipped at the default level.
fn gzip_len(text: &str) -> usize {
    use std::io::Write as _;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = gz.write_all(text.as_bytes());
    gz.finish().map_or(0, |v| v.len())
}

fn report(root: &Path) {
    let t = Instant::now();
    let site = jiedu::content::load(root).unwrap();
    let urls = Urls::new(site.config.base_url.clone());
    let highlighter = jiedu::render::Highlighter::new();
    let markdown = jiedu::render::Markdown::new(&urls, &highlighter);
    let analysis = analysis::analyze(&site, &urls, &markdown);
    let before = t.elapsed();
    let rss_before = proc_status_kb("VmRSS");
    // Resets VmHWM to the current RSS, so the peak below is the index's.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let t = Instant::now();
    let index = SearchIndex::build(&site, &analysis, &urls);
    let index_time = t.elapsed();
    let peak = proc_status_kb("VmHWM");
    let files = index.files();
    let bytes: usize = files
        .iter()
        .map(|f| index.get(*f).map_or(0, str::len))
        .sum();
    let gzipped: usize = files
        .iter()
        .map(|f| gzip_len(index.get(*f).unwrap_or_default()))
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
        "search index: {} files, {} bytes raw, {} gzipped, built in {:?}",
        files.len(),
        bytes,
        gzipped,
        index_time
    );
    for f in [SearchFile::Meta, SearchFile::Articles] {
        let text = index.get(f).unwrap_or_default();
        println!(
            "  {}: {} bytes, {} gzipped",
            f.path(),
            text.len(),
            gzip_len(text)
        );
    }
    if let (Some(before), Some(peak)) = (rss_before, peak) {
        println!(
            "  memory: RSS {} MB before the index step, peak {} MB during it (+{} MB)",
            before / 1024,
            peak / 1024,
            peak.saturating_sub(before) / 1024
        );
    }
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
