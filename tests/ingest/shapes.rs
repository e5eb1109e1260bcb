//! The three shapes real pages come in (issue 15): golden files for every
//! fixture in `tests/fixtures/ingest/shapes/` (real public pages, listed
//! with their provenance in `tests/fixtures/ingest/SOURCES.md`), a score
//! against hand-labelled expectations, and re-ingest per shape.
//!
//! Regenerate the golden files with
//! `JIEDU_BLESS=1 cargo test --test ingest shapes::`, then review the diff
//! like code: titles exact, nothing lost, no markup in an article.

use crate::listing::golden_files;
use crate::support::{self, article_files as snapshot};
use jiedu::content::{frontmatter, ArticleMeta};
use jiedu::ingest::printed::Given;
use jiedu::ingest::shape::Shape;
use jiedu::ingest::sidecar::{self, SourceMeta};
use jiedu::ingest::{account, ingest_source, run, write, Action, IngestOptions, IngestedSource};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures_dir() -> PathBuf {
    root().join("tests/fixtures/ingest/shapes")
}

/// The fixture pages (not their sidecars or the labels), sorted.
fn fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(fixtures_dir())
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| ["txt", "md", "html", "htm"].contains(&e))
        })
        .collect();
    v.sort();
    v
}

fn ingest_fixture(path: &Path) -> IngestedSource {
    let bytes = fs::read(path).expect("fixture");
    let name = path.file_name().and_then(|n| n.to_str()).expect("name");
    let given = Given {
        sidecar: sidecar::read(path).expect("sidecar"),
        defaults: None,
    };
    ingest_source(name, &bytes, &given).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The expected files for one source.
fn render(src: &IngestedSource) -> BTreeMap<String, String> {
    let mut header = format!(
        "shape: {} ({})\nencoding: {}\nprinted: {}\n",
        src.shape.shape.label(),
        src.shape.reason,
        src.encoding,
        serde_json::to_string(&src.printed).expect("json")
    );
    for n in &src.notes {
        header.push_str(&format!("note: {n}\n"));
    }
    golden_files(src, header, &src.reported_removed())
}

#[test]
fn fixtures_match_their_golden_files() {
    let mut problems = Vec::new();
    for f in fixtures() {
        let src = ingest_fixture(&f);
        let name = src.file.clone();
        if let Err(p) = account::accounting(&src.text, &src.articles, &src.removed) {
            problems.push(format!("{name}: accounting failed: {p:#?}"));
        }
        for a in &src.articles {
            for bad in ["<script", "<p>", "<div", "</", "javascript:", "<%"] {
                if a.body.contains(bad) || a.meta.title.contains(bad) {
                    problems.push(format!("{name}: “{}” holds markup {bad}", a.meta.title));
                }
            }
        }
        let stem = f.file_stem().and_then(|n| n.to_str()).expect("stem");
        problems.extend(support::check_golden(
            &root().join("tests/golden/ingest-shapes").join(stem),
            &render(&src),
        ));
    }
    assert!(
        problems.is_empty(),
        "{}\n\nIf the change is intended, rerun with JIEDU_BLESS=1 and review the diff.",
        problems.join("\n\n")
    );
}

/// What a person reading the page expects: how many articles, each one's
/// title and date (`null` where the page gives none).
#[derive(Debug, Deserialize)]
struct Label {
    articles: usize,
    #[serde(default)]
    titles: Vec<Option<String>>,
    #[serde(default)]
    dates: Vec<Option<String>>,
}

/// Right / labelled, per shape: article counts, titles, dates.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Score {
    /// Pages whose article count is right, of pages.
    pages: (usize, usize),
    /// Articles labelled, and articles ingested, on these pages.
    articles: (usize, usize),
    titles: (usize, usize),
    dates: (usize, usize),
}

/// A labelled title is right when some article has it exactly; a
/// labelled date is right when the article with that title (or, for an
/// untitled label, the article at that place) has it.
fn score_of(src: &IngestedSource, label: &Label, score: &mut Score) {
    score.pages.1 += 1;
    score.articles.0 += label.articles;
    score.articles.1 += src.articles.len();
    if src.articles.len() == label.articles {
        score.pages.0 += 1;
    }
    let with_title = |t: &str| src.articles.iter().find(|a| a.meta.title == t);
    for want in label.titles.iter().flatten() {
        score.titles.1 += 1;
        if with_title(want).is_some() {
            score.titles.0 += 1;
        }
    }
    for (i, want) in label.dates.iter().enumerate() {
        score.dates.1 += 1;
        let article = match label.titles.get(i).cloned().flatten() {
            Some(t) => with_title(&t),
            None => src.articles.get(i),
        };
        let got = article.map(|a| a.meta.date.map(|d| d.to_string()));
        if got.as_ref() == Some(want) {
            score.dates.0 += 1;
        }
    }
}

/// The page grammar corpus's labels (`pages/labels.yaml`), read for
/// what this table scores: each article's title (`~` or absent: not
/// scored) and date (absent: the page gives none).
#[derive(Debug, Deserialize)]
struct PagesLabels {
    pages: Vec<PageLabels>,
}

#[derive(Debug, Deserialize)]
struct PageLabels {
    file: String,
    articles: Vec<PageArticle>,
}

#[derive(Debug, Deserialize)]
struct PageArticle {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

/// Every hand-labelled page: the shapes fixtures, the text seeds they
/// name, and the page grammar corpus (`pages/`), as (path, label).
fn all_labels() -> Vec<(PathBuf, Label)> {
    let shapes: BTreeMap<String, Label> = yaml_serde::from_str(
        &fs::read_to_string(fixtures_dir().join("labels.yaml")).expect("labels"),
    )
    .expect("labels parse");
    let mut out: Vec<(PathBuf, Label)> = shapes
        .into_iter()
        .map(|(file, label)| {
            let path = [
                fixtures_dir().join(&file),
                root().join("content/sources").join(&file),
            ]
            .into_iter()
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("labelled file {file} not found"));
            (path, label)
        })
        .collect();
    let pages_dir = root().join("tests/fixtures/ingest/pages");
    let pages: PagesLabels = yaml_serde::from_str(
        &fs::read_to_string(pages_dir.join("labels.yaml")).expect("pages labels"),
    )
    .expect("pages labels parse");
    for p in pages.pages {
        let label = Label {
            articles: p.articles.len(),
            titles: p.articles.iter().map(|a| a.title.clone()).collect(),
            dates: p.articles.iter().map(|a| a.date.clone()).collect(),
        };
        out.push((pages_dir.join(&p.file), label));
    }
    out
}

/// Scores every labelled page (the shapes fixtures, the text seeds and
/// the page grammar corpus) against its hand labels, per shape, and
/// prints the table; the floor below is what was measured when the
/// labels were last extended, so a regression fails and an improvement
/// is seen.
#[test]
fn hand_labels_per_shape() {
    let mut by_shape: BTreeMap<Shape, Score> = BTreeMap::new();
    let mut misses = Vec::new();
    for (path, label) in &all_labels() {
        let file = path.file_name().and_then(|n| n.to_str()).expect("name");
        let src = ingest_fixture(path);
        let score = by_shape.entry(src.shape.shape).or_default();
        let before = *score;
        score_of(&src, label, score);
        if score.pages.0 == before.pages.0
            || score.titles.0 - before.titles.0 < score.titles.1 - before.titles.1
            || score.dates.0 - before.dates.0 < score.dates.1 - before.dates.1
        {
            let got: Vec<String> = src
                .articles
                .iter()
                .map(|a| {
                    format!(
                        "{} [{}]",
                        a.meta.title,
                        a.meta.date.map(|d| d.to_string()).unwrap_or_default()
                    )
                })
                .collect();
            misses.push(format!("{file}: labelled {label:?}\n  got {got:?}"));
        }
    }
    let mut table = String::new();
    for (shape, s) in &by_shape {
        table.push_str(&format!(
            "{}: {} pages, {} articles labelled ({} ingested); article count right on {}/{} pages, titles {}/{}, dates {}/{}\n",
            shape.label(),
            s.pages.1,
            s.articles.0,
            s.articles.1,
            s.pages.0,
            s.pages.1,
            s.titles.0,
            s.titles.1,
            s.dates.0,
            s.dates.1
        ));
    }
    println!("{table}\n{}", misses.join("\n"));
    let floor: [(Shape, Score); 3] = FLOOR;
    for (shape, min) in floor {
        let got = by_shape.get(&shape).copied().unwrap_or_default();
        assert!(
            got.pages.0 >= min.pages.0
                && got.titles.0 >= min.titles.0
                && got.dates.0 >= min.dates.0,
            "{shape:?} scored below its floor {min:?}:\n{table}\n{}",
            misses.join("\n")
        );
    }
}

/// Measured when the labels were last extended (four publications; see
/// SOURCES.md and the README's ingest notes), so that any regression
/// fails. What is still missed is known: on the two day pages, three
/// item headlines the text grammar will not take as headlines (one of 66
/// characters, over its 60-character limit; two opening with a 【column】
/// tag), and one item of the 2007 transcript whose headline begins
/// `迈向又好又快：`. The HTML row gained the saved school page that
/// reprints a 人民日报 article (one article, its title and its print date
/// right, once a colon-ended `<h1>` lead-in above the headline became its
/// kicker instead of an article of its own): 4/5 pages, 28/31 titles,
/// 32/35 dates.
const FLOOR: [(Shape, Score); 3] = [
    (
        Shape::Text,
        Score {
            pages: (11, 11),
            articles: (0, 0),
            titles: (17, 17),
            dates: (23, 23),
        },
    ),
    (
        Shape::Markdown,
        Score {
            pages: (7, 9),
            articles: (0, 0),
            titles: (30, 32),
            dates: (31, 33),
        },
    ),
    (
        Shape::Html,
        Score {
            pages: (4, 5),
            articles: (0, 0),
            titles: (28, 31),
            dates: (32, 35),
        },
    ),
];

// ---- re-ingest, per shape ---------------------------------------------

/// A crawler's Markdown article in the shape the issue describes (made
/// up here: no public crawl with front-matter was found; see SOURCES.md).
const CRAWLED: &str = "---\ntitle: 坚持把巡视整改作为重大政治责任\ndate: 2024-11-13 08:00:00\nauthor: 周尤\nsection: 要闻\nsource_url: https://example.org/2024/11/13/a.html\nlayout: post\n---\n\n# 坚持把巡视整改作为重大政治责任\n\n## 巡视整改进展情况\n\n> 本报记者 周尤\n\n**提高站位抓整改**\n\n市委巡视组反馈意见后，党工委*立即*召开会议，研究制定整改方案。\n\n- 召开专题会议40余次\n- 完成整改任务\n";

fn edition_with(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let sources = dir.path().join("content/sources");
    fs::create_dir_all(&sources).expect("mkdir");
    for f in files {
        if *f == "crawled-front-matter.md" {
            fs::write(sources.join(f), CRAWLED).expect("write");
        } else {
            let from = [
                fixtures_dir().join(f),
                root().join("tests/fixtures/ingest/pages").join(f),
            ]
            .into_iter()
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("fixture {f} not found"));
            fs::copy(from, sources.join(f)).expect("copy");
        }
    }
    dir
}

fn ingest(root: &Path, opts: IngestOptions) -> jiedu::ingest::IngestReport {
    let report = run(root, &opts).expect("run");
    assert!(report.is_ok(), "{:?}", report.errors);
    report
}

/// Real sources of each shape, one-article and many-article pages: a
/// second run writes nothing, and an edited body and an edited
/// front-matter survive a third.
#[test]
fn re_ingest_is_byte_identical_and_keeps_edits_per_shape() {
    for (file, shape) in [
        ("hnrb-2010-09-10-teachers.txt", Shape::Text),
        ("zsnews-2019-03-06.html", Shape::Html),
        ("hnrb-2010-09-10.html", Shape::Html),
        ("xwlb-2021-07-09.html", Shape::Html),
        ("rmrb-2019-07-22-sxyz.html", Shape::Html),
        ("xwlb-2026-06-10.md", Shape::Markdown),
        ("rmrb-2025-01-02-xinzhiye.md", Shape::Markdown),
        ("xwlb-2026-06-18-transcript.md", Shape::Markdown),
        ("crawled-front-matter.md", Shape::Markdown),
    ] {
        let ed = edition_with(&[file]);
        let first = ingest(ed.path(), IngestOptions::default());
        assert_eq!(first.sources[0].shape, shape, "{file}");
        assert!(first.count(Action::Created) >= 1, "{file}");
        let before = snapshot(ed.path());
        let second = ingest(ed.path(), IngestOptions::default());
        assert_eq!(
            second.count(Action::Unchanged),
            before.len(),
            "{file}: {}",
            second.table()
        );
        assert_eq!(
            snapshot(ed.path()),
            before,
            "{file}: second run changed files"
        );

        // An editor changes one article's body and its title.
        let (name, text) = before.iter().next().expect("an article");
        let path = ed.path().join("content/articles").join(name);
        let edited_body = format!("{text}\n编者补记。\n");
        fs::write(&path, &edited_body).expect("edit body");
        let third = ingest(ed.path(), IngestOptions::default());
        assert_eq!(third.count(Action::KeptEdited), 1, "{file}");
        assert_eq!(fs::read_to_string(&path).expect("read"), edited_body);

        fs::write(&path, text).expect("restore");
        let split = frontmatter::split(text, &path).expect("split");
        let mut meta: ArticleMeta = frontmatter::parse(&split, &path).expect("parse");
        meta.title = "编者改过的标题".into();
        let retitled = write::render_file(&meta, split.body).expect("render");
        fs::write(&path, &retitled).expect("edit title");
        ingest(ed.path(), IngestOptions::default());
        let after = fs::read_to_string(&path).expect("read");
        assert!(after.contains("title: 编者改过的标题"), "{file}: {after}");
    }
}

/// `--date/--publication/--page/--url` write the sidecar, and the values
/// reach every article's `source:`, the date its `date` when the page has
/// none.
#[test]
fn flags_write_the_sidecar_and_fill_the_source() {
    let ed = edition_with(&["xwlb-2026-06-10.md"]);
    let set = SourceMeta {
        publication: Some("新闻联播".into()),
        date: Some("2026-06-10".into()),
        page: Some("主要内容".into()),
        url: Some("https://tv.cctv.com/2026/06/10/".into()),
        note: None,
    };
    let report = ingest(
        ed.path(),
        IngestOptions {
            files: vec!["xwlb-2026-06-10.md".into()],
            set: set.clone(),
            ..Default::default()
        },
    );
    let side = ed.path().join("content/sources/xwlb-2026-06-10.yaml");
    let written = SourceMeta::parse(&fs::read_to_string(&side).expect("sidecar"), &side).unwrap();
    assert_eq!(written, set);
    let printed = &report.sources[0].printed;
    assert_eq!(printed.date.as_ref().unwrap().from, "sidecar");
    assert!(
        report.table().contains("date: 2026-06-10 (sidecar)"),
        "{}",
        report.table()
    );
    for (_, text) in snapshot(ed.path()) {
        assert!(text.contains("publication: 新闻联播"), "{text}");
        assert!(text.contains("page: 主要内容"), "{text}");
        assert!(text.contains("date: 2026-06-10"), "{text}");
    }
    // The edition loads: sidecars are not sources, the four keys parse.
    fs::write(
        ed.path().join("site.yaml"),
        "title: t\nbase_url: https://example.org/\nsource_defaults:\n  publication: 央视\n",
    )
    .expect("site.yaml");
    let site = jiedu::content::load::load(ed.path()).expect("load");
    assert_eq!(site.sources.len(), 1);
    // site.yaml defaults fill what the sidecar leaves out; the sidecar wins.
    let again = ingest(ed.path(), IngestOptions::default());
    let p = &again.sources[0].printed;
    assert_eq!(p.publication.as_ref().unwrap().value, "新闻联播");
}

// ---- bad input -----------------------------------------------------------

/// Each bad source is reported with its file (and line where there is
/// one), and nothing already in `content/articles/` is touched.
#[test]
fn bad_sources_are_reported_and_articles_untouched() {
    let ed = edition_with(&["zsnews-2019-03-06.html"]);
    ingest(ed.path(), IngestOptions::default());
    let before = snapshot(ed.path());
    let sources = ed.path().join("content/sources");
    let links: String = (0..40)
        .map(|i| {
            format!("<li><a href=\"/n/{i}.html\">第{i}条新闻标题在这里显示得比较长</a></li>\n")
        })
        .collect();
    let cases: [(&str, &str, &str); 6] = [
        ("index.html", &format!("<!DOCTYPE html><html><body><ul>{links}</ul></body></html>"), "index.html: not an article page"),
        ("login.html", "<html><body><form><input name=u><input type=password><button>登录</button></form></body></html>", "login.html: not an article page"),
        ("empty.html", "", "empty.html: not an article page"),
        ("unclosed.md", "---\ntitle: 标题\ndate: 2019-01-31\n正文没有结束。\n", "unclosed.md:1:1: front-matter is never closed"),
        ("badyaml.md", "---\ntitle: [标题\n---\n正文。\n", "badyaml.md:"),
        ("sidecar.txt", "# 标题\n\n正文第一段，内容。\n", "sidecar.yaml:2:"),
    ];
    for (name, text, _) in &cases {
        fs::write(sources.join(name), text).expect("write");
    }
    fs::write(
        sources.join("sidecar.yaml"),
        "publication: 人民日报\nedition: 第2版\n",
    )
    .expect("yaml");
    fs::write(sources.join("baddate.txt"), "# 标题\n\n正文。\n").expect("write");
    fs::write(sources.join("baddate.yaml"), "date: 2019-02-30\n").expect("yaml");
    let report = run(ed.path(), &IngestOptions::default()).expect("run");
    for (name, _, want) in &cases {
        assert!(
            report.errors.iter().any(|e| e.contains(want)),
            "{name}: no error containing {want:?} in {:#?}",
            report.errors
        );
    }
    assert!(
        report
            .errors
            .iter()
            .any(|e| e.contains("baddate.yaml:1:") && e.contains("2019-02-30")),
        "{:#?}",
        report.errors
    );
    assert_eq!(snapshot(ed.path()), before, "content/articles/ was touched");
}

// ---- hostile HTML ----------------------------------------------------------

fn rendered(body: &str) -> String {
    use jiedu::render::{Anchors, Highlighter, Markdown};
    let urls =
        jiedu::url::Urls::new(jiedu::config::BaseUrl::parse("https://example.org/").unwrap());
    let h = Highlighter::new();
    Markdown::new(&urls, &h)
        .render(body, Anchors::Paragraphs)
        .html
}

fn assert_inert(name: &str, src: &IngestedSource) {
    for a in &src.articles {
        let html = rendered(&a.body);
        let lower = html.to_ascii_lowercase();
        for bad in [
            "<script",
            "<iframe",
            " onclick=",
            " onerror=",
            "href=\"javascript:",
            "<img",
            "<svg",
        ] {
            assert!(!lower.contains(bad), "{name}: {bad} in {html}");
        }
        for bad in ["<script", "<img", "onerror="] {
            assert!(!a.meta.title.contains(bad), "{name}: {bad} in title");
        }
    }
}

const PARA: &str = "这是一段足够长的正文，用来说明文章页面里真正的内容在哪里，而不是导航或者脚本。";

#[test]
fn hostile_html_never_panics_and_never_leaks_markup() {
    let events = format!(
        "<html><head><title>标题</title><script>alert(1)</script></head><body onload=\"alert(2)\">\
         <h1 onclick=\"alert(3)\">标题</h1><p onmouseover=\"x()\">{PARA}<a href=\"javascript:alert(4)\">点这里看看详细内容</a></p>\
         <p>&lt;script&gt;alert(5)&lt;/script&gt;{PARA}</p><img src=x onerror=alert(6)>\
         <iframe src=\"javascript:alert(7)\"></iframe><svg><script>alert(8)</script></svg>\
         <style>p{{}}</style><noscript><p>没有脚本</p></noscript></body></html>"
    );
    let src = jiedu::ingest::ingest_bytes("events.html", events.as_bytes()).expect("events");
    assert_inert("events", &src);
    let body: String = src.articles.iter().map(|a| a.body.as_str()).collect();
    assert!(
        !body.contains("alert(1)") && !body.contains("没有脚本"),
        "{body}"
    );
    // Escaped text stays text: the page's own words `<script>` are shown.
    assert!(body.contains("script"), "{body}");

    let deep = format!(
        "<html><body>{}<p>{PARA}</p>{}</body></html>",
        "<div><span><b>".repeat(1000),
        "</b></span></div>".repeat(1000)
    );
    let src = jiedu::ingest::ingest_bytes("deep.html", deep.as_bytes()).expect("deep");
    assert_inert("deep", &src);
    assert!(src.articles.iter().any(|a| a.body.contains("足够长的正文")));

    let unclosed = format!(
        "<html><body>{}{PARA}",
        "<div><p><table><tr><td>".repeat(1000)
    );
    let src = jiedu::ingest::ingest_bytes("unclosed.html", unclosed.as_bytes()).expect("unclosed");
    assert_inert("unclosed", &src);

    account::accounting(&src.text, &src.articles, &src.removed).expect("unclosed accounted");
}

/// Builds a hostile page of about `bytes` bytes from `chunk`, ingests it
/// and checks what must hold at any size: no panic, no markup or script
/// in an article, every character accounted for. Returns the time taken.
fn hostile_page(chunk: &str, bytes: usize) -> std::time::Duration {
    let page = format!(
        "<!DOCTYPE html><html><body><h1>大页面</h1>{}</body></html>",
        chunk.repeat(bytes / chunk.len())
    );
    assert!(page.len() + chunk.len() > bytes);
    let started = std::time::Instant::now();
    let src = jiedu::ingest::ingest_bytes("big.html", page.as_bytes()).expect("big");
    assert!(!src.articles.is_empty());
    for a in &src.articles {
        for bad in ["evil", "<p", "<img", "javascript:", "alert("] {
            assert!(!a.body.contains(bad), "{bad} leaked at {bytes} bytes");
        }
    }
    account::accounting(&src.text, &src.articles, &src.removed).expect("accounted");
    started.elapsed()
}

/// Size: hostile pages of 250 kB, 1 MB and 20 MB (paragraphs with
/// handlers and scripts between them) each go through the whole ingest
/// without a panic, a leak or a lost character. Whether the cost grows
/// linearly is a benchmark's question (`benches/hot_paths.rs`), not a
/// timed assertion that a busy machine could fail.
#[test]
fn hostile_html_at_any_size_is_inert() {
    let dense = format!("<p onclick=\"evil()\">{PARA}</p><script>var s='<p>';</script>\n");
    for bytes in [250_000, 1_000_000, 20_000_000] {
        let took = hostile_page(&dense, bytes);
        eprintln!("hostile page of {bytes} bytes: {took:?}");
    }
}

/// A saved page in GBK that declares `<meta charset=gb2312>` decodes, and
/// its `<meta>` facts reach the report with their origin.
#[test]
fn gbk_page_with_meta_facts() {
    let page = format!(
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\
         <title>清廉重庆建设取得新进展_人民网</title><meta name=\"publishdate\" content=\"2019-01-31\">\
         <meta name=\"source\" content=\"来源：人民日报\"><link rel=\"canonical\" href=\"http://paper.people.com.cn/a.htm\"></head>\
         <body><div class=\"nav\"><a href=\"/\">首页</a></div><h1>清廉重庆建设取得新进展</h1><p>{PARA}</p>\
         <p>《人民日报》（2019年1月31日 01 版）</p></body></html>"
    );
    let (bytes, _, _) = encoding_rs::GB18030.encode(&page);
    let src = jiedu::ingest::ingest_bytes("gbk.html", &bytes).expect("gbk page");
    assert_eq!(src.encoding, "GB18030");
    assert_eq!(src.articles.len(), 1);
    let a = &src.articles[0];
    assert_eq!(a.meta.title, "清廉重庆建设取得新进展");
    assert_eq!(
        a.meta.date.map(|d| d.to_string()).as_deref(),
        Some("2019-01-31")
    );
    let s = a.meta.source.as_ref().expect("source");
    assert_eq!(s.publication.as_deref(), Some("人民日报"));
    assert_eq!(s.url.as_deref(), Some("http://paper.people.com.cn/a.htm"));
    let json = serde_json::to_string(&src.printed).expect("json");
    assert!(json.contains("<meta publishdate>"), "{json}");
}
