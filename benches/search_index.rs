//! Search index benchmark: builds a synthetic edition from the seed page
//! dumps and reports what the search index costs (build time, file count,
//! bytes). Not a timed test; run it by hand:
//!
//! ```sh
//! cargo bench --bench search_index -- [ARTICLES] [OUT_DIR]
//! ```
//!
//! `ARTICLES` (default 10000) articles of about 3 KB are made by
//! reshuffling seed paragraphs deterministically (article `i` always gets
//! the same text); `0` instead splits each seed into articles of ten
//! paragraphs, about the size of the bundled edition. The edition gets the
//! repository's templates and glossary and is built into `OUT_DIR`
//! (default a temp dir), so the browser benchmark
//! (`tests/browser/search_bench.mjs`) can be pointed at it. Seeds come
//! from `$JIEDU_SEEDS`, else `content/sources/`, else `../shared/seeds/`.

use jiedu::site::analysis;
use jiedu::site::search::SearchIndex;
use jiedu::url::Urls;
use std::fmt::Write as _;
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
    let paragraphs = seed_paragraphs();
    write_edition(&edition, &paragraphs, count);
    report(&edition);
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed_dir() -> PathBuf {
    if let Ok(d) = std::env::var("JIEDU_SEEDS") {
        return PathBuf::from(d);
    }
    let sources = repo().join("content/sources");
    if sources.is_dir() {
        return sources;
    }
    repo().join("../shared/seeds")
}

/// Every non-trivial line of every seed, grouped by seed.
fn seed_paragraphs() -> Vec<Vec<String>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(seed_dir())
        .expect("seed directory (set JIEDU_SEEDS)")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            text.lines()
                .map(str::trim)
                .filter(|l| l.chars().count() >= 12)
                .map(String::from)
                .collect()
        })
        .collect()
}

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

fn write_edition(root: &Path, seeds: &[Vec<String>], count: usize) {
    let _ = std::fs::remove_dir_all(root);
    copy_tree(&repo().join("templates"), &root.join("templates"));
    copy_tree(
        &repo().join("content/glossary"),
        &root.join("content/glossary"),
    );
    std::fs::write(
        root.join("site.yaml"),
        "title: 合成版\nbase_url: https://user.github.io/repo/\ndescription: 搜索基准\n",
    )
    .unwrap();
    let articles = root.join("content/articles");
    std::fs::create_dir_all(&articles).unwrap();
    let bodies: Vec<Vec<String>> = if count == 0 {
        seeds
            .iter()
            .flat_map(|s| s.chunks(10).map(<[String]>::to_vec))
            .collect()
    } else {
        let all: Vec<&String> = seeds.iter().flatten().collect();
        (0..count).map(|i| shuffled(&all, i)).collect()
    };
    for (i, body) in bodies.iter().enumerate() {
        let title: String = body[0]
            .chars()
            .take_while(|c| !"，,。：:；".contains(*c))
            .take(24)
            .collect();
        let date = format!("{}-{:02}-{:02}", 2023 + i % 3, 1 + i % 12, 1 + i % 28);
        let mut text = format!(
            "---\ntitle: '{}'\ndate: {date}\n---\n",
            title.replace('\'', "''")
        );
        for p in body {
            let _ = write!(text, "{p}\n\n");
        }
        std::fs::write(articles.join(format!("synth-{i:05}.md")), text).unwrap();
    }
}

fn shuffled(all: &[&String], i: usize) -> Vec<String> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (i as u64 + 1).wrapping_mul(0x1000_0000_01b3));
    let mut body = Vec::new();
    let mut bytes = 0;
    while bytes < 3000 {
        let p = all[rng.next(all.len())];
        bytes += p.len();
        body.push(p.clone());
    }
    body
}

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
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
