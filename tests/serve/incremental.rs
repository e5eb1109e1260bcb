//! The incremental rebuild's one promise (issue 5): after any sequence of
//! edits, the served output is byte-for-byte what `jiedu build` writes
//! for the same files. Each step edits the edition on disk, waits for the
//! server's rebuild reports, and compares every output file with a fresh
//! build into another directory.
//!
//! When `pages.rs` makes a page depend on something new and
//! `incremental/deps.rs` lacks the edge, this test fails at the step that edits
//! that something, naming the stale file.

use crate::support::serve::*;
use jiedu::serve::{Report, Server};
use std::path::Path;
use std::sync::mpsc;
use std::time::Instant;

struct Harness {
    server: Server,
    reports: mpsc::Receiver<Report>,
    root: std::path::PathBuf,
}

impl Harness {
    fn start(root: &Path) -> Harness {
        let (server, reports) = start_reporting(root);
        Harness {
            server,
            reports,
            root: root.to_path_buf(),
        }
    }

    /// Waits for rebuilds until the output equals a fresh build; fails
    /// with the differing files when a rebuild fails or time runs out.
    fn settles(&self, step: &str) -> usize {
        let expected = fresh_build(&self.root, self.server.url());
        let deadline = Instant::now() + PATIENCE;
        let mut rebuilds = 0;
        loop {
            rebuilds += 1;
            let left = deadline.saturating_duration_since(Instant::now());
            let report = self.reports.recv_timeout(left);
            let served = snapshot(self.server.out_dir());
            match report {
                Ok(Report::Failed { error, .. }) => {
                    panic!("{step}: rebuild failed: {}", error.message)
                }
                Ok(r) if served == expected => {
                    eprintln!("{step}: {r}");
                    return rebuilds;
                }
                Ok(_) => continue,
                Err(_) => panic!(
                    "{step}: output differs from a fresh build:\n{}",
                    diff(&served, &expected)
                ),
            }
        }
    }
}

fn diff(served: &[(String, Vec<u8>)], expected: &[(String, Vec<u8>)]) -> String {
    let mut out = String::new();
    for (path, bytes) in expected {
        match served.iter().find(|(p, _)| p == path) {
            None => out.push_str(&format!("  missing: {path}\n")),
            Some((_, b)) if b != bytes => out.push_str(&format!("  stale:   {path}\n")),
            _ => {}
        }
    }
    for (path, _) in served {
        if !expected.iter().any(|(p, _)| p == path) {
            out.push_str(&format!("  extra:   {path}\n"));
        }
    }
    out
}

fn article(slug: &str, title: &str, date: &str, body: &str) -> (String, String) {
    (
        format!("content/articles/{slug}.md"),
        format!("---\ntitle: {title}\ndate: {date}\n---\n{body}\n"),
    )
}

#[test]
fn any_sequence_of_edits_equals_a_fresh_build() {
    let ed = edition();
    let root = ed.path().canonicalize().unwrap();
    let h = Harness::start(&root);
    let w = |(rel, text): (String, String)| write(&root, &rel, &text);
    let rm = |rel: &str| std::fs::remove_file(root.join(rel)).unwrap();

    w(article(
        "jia",
        "文章jia",
        "2025-01-01",
        "正文改了，提到清廉重庆和三清。",
    ));
    h.settles("edit an article's body (and the terms it uses)");

    // Translations (issue 19): its article's page, listing entry, feed
    // and the search index follow every edit.
    let translation = |status: &str, english: &str| {
        (
            "content/translations/en/jia.md".to_string(),
            format!("---\ntitle: Article jia\nstatus: {status}\n---\n{{#p1}}\n{english}\n"),
        )
    };
    w(translation(
        "draft",
        "The body changed; it names Clean Chongqing.",
    ));
    h.settles("add a translation");

    w(translation(
        "reviewed",
        "The body was changed, naming Clean Chongqing.",
    ));
    h.settles("edit a translation (text and status)");

    w(article(
        "jia",
        "文章jia",
        "2025-01-01",
        "正文又改了，提到清廉重庆。",
    ));
    h.settles("edit the Chinese of a translated article");

    rm("content/translations/en/jia.md");
    h.settles("delete a translation");

    w(translation("draft", "Back again."));
    h.settles("add the translation back");

    w(article(
        "bing",
        "文章bing改名",
        "2024-12-31",
        "三清三减三增。",
    ));
    h.settles("edit an article's title and date (it moves)");

    w(article("wu", "文章wu", "2025-01-03", "新文章，两个确立。"));
    h.settles("add an article");

    rm("content/articles/yi.md");
    h.settles("delete an article (the listing loses a page)");

    write(
        &root,
        "content/glossary/qing-lian.md",
        "---\nterm: 清廉重庆建设\naliases: [清廉重庆]\npinyin: qīnglián chóngqìng jiànshè\nkind: program\nsee_also: [san-qing]\n---\n新定义。\n",
    );
    h.settles("edit a term");

    write(
        &root,
        "content/glossary/ge-ren.md",
        "---\nterm: 普通\npinyin: pǔtōng\nkind: concept\n---\n定义。\n",
    );
    h.settles("add a term");

    rm("content/glossary/san-qing.md");
    write(
        &root,
        "content/glossary/qing-lian.md",
        "---\nterm: 清廉重庆建设\npinyin: qīnglián\nkind: program\n---\n新定义。\n",
    );
    h.settles("delete a child term and the see-also to it");

    let base = std::fs::read_to_string(root.join("templates/base.html")).unwrap();
    write(
        &root,
        "templates/partials/foot.html",
        "<p class=\"foot\">页脚一</p>\n",
    );
    w((
        "templates/base.html".into(),
        base.replace("</footer>", "{% include \"partials/foot.html\" %}</footer>"),
    ));
    h.settles("edit a template to include a partial");

    write(
        &root,
        "templates/partials/foot.html",
        "<p class=\"foot\">页脚二</p>\n",
    );
    h.settles("edit only the partial");

    std::fs::rename(
        root.join("content/articles/ding.md"),
        root.join("content/articles/ding-2.md"),
    )
    .unwrap();
    h.settles("rename an article");

    write(
        &root,
        "content/pages/about.md",
        "---\ntitle: 关于本版\nnav_order: 1\n---\n关于。\n",
    );
    h.settles("retitle a page in the navigation");

    write(
        &root,
        "content/sources/s1.txt",
        "第一行改\n市委召开全会，强调两个确立。\n第三行\n第四行\n",
    );
    h.settles("edit a source");

    write(&root, "templates/static/extra.css", ".x { color: blue }\n");
    h.settles("add a static file");

    rm("templates/static/extra.css");
    h.settles("delete a static file");

    std::fs::create_dir_all(root.join("content/articles/sub")).unwrap();
    std::fs::rename(
        root.join("content/articles/wu.md"),
        root.join("content/articles/sub/wu-2.md"),
    )
    .unwrap();
    h.settles("move an article into a folder");

    std::fs::rename(
        root.join("content/articles/sub"),
        root.join("content/articles/sub-2"),
    )
    .unwrap();
    h.settles("rename the folder");

    for k in 0..jiedu::site::pages::ARTICLES_PER_LISTING {
        w(article(
            &format!("old-{k:02}"),
            &format!("旧文{k}"),
            &format!("2020-01-{:02}", k % 28 + 1),
            "旧文。",
        ));
    }
    h.settles("add enough articles for a second listing page");

    w(article("top", "最新", "2026-01-01", "最新的文章。"));
    h.settles("add an article that shifts every listing page");

    w(article("old-07", "旧文七改名", "2020-01-08", "旧文。"));
    h.settles("retitle an article on the second listing page");

    rm("content/articles/top.md");
    h.settles("delete an article so later listing pages shift back");

    w((
        "site.yaml".into(),
        "title: 改名的版\nbase_url: https://example.org/\n".into(),
    ));
    h.settles("edit site.yaml");
}

#[test]
fn a_burst_of_many_files_is_one_rebuild() {
    let ed = edition();
    let root = ed.path().canonicalize().unwrap();
    let h = Harness::start(&root);
    // 200 files written as fast as possible, as a `git checkout` would.
    for i in 0..200 {
        let (rel, text) = article(
            &format!("a{i:03}"),
            &format!("批量{i}"),
            "2025-02-01",
            "正文。",
        );
        write(&root, &rel, &text);
    }
    let rebuilds = h.settles("a burst of 200 new articles");
    // Debouncing and merging batches that queue up during a rebuild keep
    // the count far below one per file (usually one or two).
    let extra = h.reports.try_iter().count();
    eprintln!("{} rebuilds for a burst of 200 files", rebuilds + extra);
    assert!(
        rebuilds + extra < 10,
        "{rebuilds} + {extra} rebuilds for one burst"
    );
}

/// The dev server re-renders only the pages the glossary analysis says
/// changed (`incremental::delta`): other articles' related lists, a term's later
/// pages. An edition large enough for paginated term pages and ranked
/// related lists, with edits that keep, add and remove terms, move
/// articles and change the number of articles, holds it to a fresh build.
#[test]
fn edits_of_a_large_edition_equal_a_fresh_build() {
    let ed = tempfile::tempdir().unwrap();
    let root = ed.path().canonicalize().unwrap();
    let paragraphs = jiedu::synth::seed_paragraphs(&jiedu::synth::seed_dir(&repo())).unwrap();
    let opts = jiedu::synth::SynthOptions {
        // One past a multiple of 50: deleting an article takes a page
        // off the listing, adding one puts it back.
        articles: 101,
        terms: 8,
        seed: 5,
    };
    jiedu::synth::write_edition(&root, &repo().join("templates"), None, &paragraphs, &opts)
        .unwrap();
    let forms = jiedu::synth::term_forms(8);
    let h = Harness::start(&root);
    let path = |i: usize| format!("content/articles/synth-{i:06}.md");
    let read = |i: usize| std::fs::read_to_string(root.join(path(i))).unwrap();
    let put = |i: usize, text: String| write(&root, &path(i), &text);

    put(7, format!("{}\n不提术语的一句补充。\n", read(7)));
    h.settles("a body edit that keeps the article's terms");

    put(8, format!("{}\n新增提到“{}”。\n", read(8), forms[7]));
    h.settles("a body edit that adds a rare term");

    let text = read(9);
    let front = &text[..text.find("\n---\n").unwrap() + 5];
    put(9, format!("{front}全文删去，只剩一句。\n"));
    h.settles("a body edit that removes every term");

    put(10, read(10).replacen("title: '", "title: '改题", 1));
    h.settles("a title edit (shown in related lists and term pages)");

    put(11, read(11).replacen("date: 20", "date: 19", 1));
    h.settles("a date edit (the article moves)");

    for i in [20, 40, 60] {
        put(
            i,
            format!("{}\n再提“{}”和“{}”。\n", read(i), forms[6], forms[0]),
        );
    }
    h.settles("three articles edited at once");

    std::fs::remove_file(root.join(path(12))).unwrap();
    h.settles("delete an article (the listing loses a page)");

    write(
        &root,
        "content/articles/new.md",
        &format!(
            "---\ntitle: 新文\ndate: 2020-05-05\n---\n“{}”与“{}”。\n",
            forms[0], forms[5]
        ),
    );
    h.settles("add an article (the listing gains a page)");
}
