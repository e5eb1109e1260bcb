//! Building editions end to end: the bundled one, fixture ones, and the
//! guarantees of the foundation issue (sub-paths, escaping, atomic output).

use crate::support::*;
use jiedu::site::{build, check::check_links, BuildOptions};

fn build_into(
    root: &std::path::Path,
    out: &std::path::Path,
    base: Option<&str>,
) -> jiedu::Result<jiedu::site::BuildReport> {
    build(
        root,
        &BuildOptions {
            base_url: base.map(str::to_string),
            out: Some(out.to_path_buf()),
            ..Default::default()
        },
    )
}

#[test]
fn bundled_edition_builds_with_every_article_title_and_byline() {
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("public");
    let report = build_into(&repo(), &out, None).unwrap();
    let site = jiedu::content::load(&repo()).unwrap();
    assert!(!site.articles.is_empty());
    assert_eq!(report.articles, site.articles.len());
    // Titles keep dates and numbers on one line in no-break spans (issue 18).
    let unwrap_nb = |html: String| {
        html.replace("<span class=\"nb\">", "")
            .replace("</span>", "")
    };
    let index = unwrap_nb(page(&out, "index.html"));
    for a in &site.articles {
        let html = unwrap_nb(page(&out, &format!("articles/{}/index.html", a.slug)));
        let title = tera_escape(&a.meta.title);
        assert!(
            html.contains(&format!("<h1>{title}</h1>")),
            "title of {}",
            a.slug
        );
        match &a.meta.host {
            // A box is listed on its host's page, not the home page.
            Some(host) => assert!(
                page(&out, &format!("articles/{host}/index.html")).contains(&title),
                "{} shown with its host",
                a.slug
            ),
            None => assert!(index.contains(&title), "{} listed on the home page", a.slug),
        }
        if let Some(byline) = &a.meta.byline {
            assert!(html.contains(&tera_escape(byline)), "byline of {}", a.slug);
        }
        assert!(
            html.contains("<div class=\"blk\" id=\"p1\"><a class=\"pn\" href=\"#p1\""),
            "¶ anchors in {}",
            a.slug
        );
    }
    for f in [
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        ".nojekyll",
        "static/site.css",
        "static/highlight.css",
        "glossary/index.html",
    ] {
        assert!(out.join(f).is_file(), "{f} generated");
    }
}

#[test]
fn check_passes_at_a_root_and_under_a_sub_path() {
    for base in ["https://example.org/", "https://user.github.io/repo/"] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build_into(&repo(), &out, Some(base)).unwrap();
        let base_url = jiedu::config::BaseUrl::parse(base).unwrap();
        let broken = check_links(&out, &base_url).unwrap();
        assert!(broken.is_empty(), "{base}: {broken:#?}");
        let index = page(&out, "index.html");
        let prefix = tera_escape(base_url.path());
        assert!(
            index.contains(&format!("href=\"{prefix}static/site.css\"")),
            "{base}"
        );
        let sitemap = page(&out, "sitemap.xml");
        assert!(
            sitemap.contains(&format!("<loc>{}</loc>", tera_escape(base))),
            "{sitemap}"
        );
    }
}

#[test]
fn check_reports_a_broken_link_and_exits_non_zero() {
    let ed = edition("https://user.github.io/repo/");
    write(
        ed.path(),
        "content/articles/a.md",
        "---\ntitle: 甲\n---\n见[不存在的段落](/articles/a/#p9)。\n",
    );
    let (ok, _, err) = jiedu(ed.path(), &["build"]);
    assert!(ok, "{err}");
    let (ok, stdout, _) = jiedu(ed.path(), &["check"]);
    assert!(!ok);
    assert!(
        stdout.contains("articles/a/index.html: `/repo/articles/a/#p9`: no element with id `p9`"),
        "{stdout}"
    );
}

#[test]
fn script_in_front_matter_and_body_is_escaped() {
    let ed = edition("https://example.org/");
    write(
        ed.path(),
        "content/articles/x.md",
        "---\ntitle: \"<script>alert('t')</script>标题\"\nbyline: \"<img src=x onerror=alert(1)>\"\nsubtitle: '\"><b>'\n---\n正文<script>alert('b')</script>\n\n<iframe src=\"javascript:alert(2)\"></iframe>\n\n[链接](javascript:alert(3))\n",
    );
    let out = ed.path().join("public");
    build_into(ed.path(), &out, None).unwrap();
    for rel in ["articles/x/index.html", "index.html", "atom.xml"] {
        let html = page(&out, rel);
        let scripts = html.matches("<script").count();
        let ours = html
            .matches("<script src=\"/static/gloss.js\" defer></script>")
            .count()
            + html
                .matches("<script src=\"/static/search-key.js\" defer></script>")
                .count()
            + html
                .matches("<script src=\"/static/cite.js\" defer></script>")
                .count()
            + html
                .matches("<script src=\"/static/reader.js\" defer></script>")
                .count()
            + html
                .matches("<script type=\"application/ld+json\">")
                .count();
        assert_eq!(
            scripts, ours,
            "{rel}: only the edition's own script: {html}"
        );
        assert!(
            !html.contains("</script>标题"),
            "{rel}: JSON-LD cannot end early"
        );
        assert!(!html.contains("<img"), "{rel}");
        assert!(!html.contains("<iframe"), "{rel}");
        assert!(!html.contains("\"><b>"), "{rel}");
        assert!(
            !html.to_ascii_lowercase().contains("href=\"javascript"),
            "{rel}"
        );
    }
    let html = page(&out, "articles/x/index.html");
    assert!(
        html.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;标题"),
        "title shown as text"
    );
    assert!(
        html.contains(r#""headline":"\u003cscript\u003ealert('t')\u003c/script\u003e标题""#),
        "JSON-LD: {html}"
    );
    assert!(
        html.contains("正文&lt;script&gt;alert('b')&lt;/script&gt;"),
        "body shown as text"
    );
}

#[test]
fn failed_build_leaves_previous_output_byte_identical() {
    let ed = edition("https://example.org/");
    write(
        ed.path(),
        "content/articles/a.md",
        "---\ntitle: 甲\n---\n正文。\n",
    );
    let out = ed.path().join("public");
    build_into(ed.path(), &out, None).unwrap();
    let before = snapshot(&out);

    // A content error …
    write(
        ed.path(),
        "content/articles/b.md",
        "---\ntitle: 乙\ntitel: typo\n---\n",
    );
    let e = build_into(ed.path(), &out, None).unwrap_err().to_string();
    assert!(e.contains("b.md:3:1: unknown field `titel`"), "{e}");
    assert_eq!(snapshot(&out), before);

    // … and a template error half-way through rendering.
    std::fs::remove_file(ed.path().join("content/articles/b.md")).unwrap();
    write(
        ed.path(),
        "templates/article.html",
        "{% extends \"base.html\" %}{% block content %}{{ nope }}{% endblock content %}",
    );
    let e = build_into(ed.path(), &out, None).unwrap_err().to_string();
    assert!(e.contains("article.html") && e.contains("nope"), "{e}");
    assert_eq!(snapshot(&out), before);
    let siblings: Vec<_> = std::fs::read_dir(ed.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !siblings
            .iter()
            .any(|n| n.to_string_lossy().starts_with(".public.")),
        "{siblings:?}"
    );
}

#[test]
fn every_load_error_is_reported_at_once_with_line_and_column() {
    let ed = edition("https://example.org/");
    write(
        ed.path(),
        "content/articles/a.md",
        "---\ntitle: 甲\ndate: 2025-13-01\n---\n",
    );
    write(ed.path(), "content/articles/b.md", "no front matter\n");
    write(
        ed.path(),
        "content/glossary/c.md",
        "---\nterm: 两个确立\nkind: slogn\n---\n",
    );
    let e = jiedu::content::load(ed.path()).unwrap_err().to_string();
    assert!(e.contains("3 problems"), "{e}");
    assert!(
        e.contains("a.md:3:7: date: `2025-13-01` is not a date"),
        "{e}"
    );
    assert!(e.contains("b.md:1:1: no front-matter"), "{e}");
    assert!(e.contains("c.md:3:7: kind: unknown variant `slogn`"), "{e}");
}

#[test]
fn footnotes_prev_next_and_source_links() {
    let ed = edition("https://example.org/sub/");
    write(
        ed.path(),
        "content/sources/page_1.txt",
        "标题\n正文一行\n第二行\n",
    );
    write(
        ed.path(),
        "content/articles/new.md",
        "---\ntitle: 新\ndate: 2025-02-13\nsource: {file: page_1.txt, first_line: 1, last_line: 2, sha256: x}\n---\n正文[^n]。\n\n[^n]: 注释。\n",
    );
    write(
        ed.path(),
        "content/articles/old.md",
        "---\ntitle: 旧\ndate: 2024\n---\n旧文。\n",
    );
    let out = ed.path().join("public");
    build_into(ed.path(), &out, None).unwrap();
    let new = page(&out, "articles/new/index.html");
    assert!(
        new.contains("<aside class=\"sidenotes\"><div class=\"sidenote\" id=\"fn-1\""),
        "{new}"
    );
    assert!(
        new.contains("rel=\"next\" href=\"/sub/articles/old/\""),
        "{new}"
    );
    assert!(new.contains("href=\"/sub/sources/page_1/#L1\""), "{new}");
    let src = page(&out, "sources/page_1/index.html");
    assert!(src.contains("id=\"L3\""), "{src}");
    assert!(src.contains("class=\"in-article a0 r0"), "{src}");
    assert!(
        src.contains("class=\"range-link\" href=\"/sub/articles/new/\""),
        "{src}"
    );
    let base = jiedu::config::BaseUrl::parse("https://example.org/sub/").unwrap();
    assert!(check_links(&out, &base).unwrap().is_empty());
    let atom = page(&out, "atom.xml");
    assert!(
        atom.contains("<updated>2025-02-13T00:00:00+08:00</updated>"),
        "{atom}"
    );
}

/// The article listing is paginated: no page lists more than
/// `ARTICLES_PER_LISTING` articles, every article is on exactly one page,
/// the pages link to each other and are in the sitemap, and the columns
/// on the home page show a bounded preview with the full count.
#[test]
fn article_listing_is_paginated_and_bounded() {
    use jiedu::site::pages::ARTICLES_PER_LISTING;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ed");
    let paragraphs = jiedu::synth::seed_paragraphs(&jiedu::synth::seed_dir(&repo())).unwrap();
    let n = 2 * ARTICLES_PER_LISTING + 7;
    let opts = jiedu::synth::SynthOptions {
        articles: n,
        terms: 20,
        seed: 3,
    };
    jiedu::synth::write_edition(&root, &repo().join("templates"), None, &paragraphs, &opts)
        .unwrap();
    // One column and one author for every article, and the most frequent
    // term a person: their previews must stay short.
    for e in std::fs::read_dir(root.join("content/articles")).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        let text = text.replacen("---\n", "---\ncolumn: 综合\nauthors: [记者甲]\n", 1);
        std::fs::write(&p, text).unwrap();
    }
    let person = root.join("content/glossary/synth-00000.md");
    let text = std::fs::read_to_string(&person).unwrap();
    std::fs::write(&person, text.replace("kind: slogan", "kind: person")).unwrap();
    let out = dir.path().join("public");
    build_into(&root, &out, Some("https://example.org/sub/")).unwrap();
    let site = jiedu::content::load(&root).unwrap();
    let pages: Vec<String> = (1..=3)
        .map(|k| match k {
            1 => page(&out, "index.html"),
            k => page(&out, &format!("page/{k}/index.html")),
        })
        .collect();
    assert!(!out.join("page/4/index.html").exists());
    assert!(!out.join("page/1/index.html").exists());
    let listed = |html: &str| -> Vec<String> {
        // Leads grouped by date and briefs apart, up to the pager.
        let list = &html[html.find("id=\"articles-heading\"").unwrap()..];
        let list = &list[..list.find("<nav class=\"pager\"").unwrap()];
        site.articles
            .iter()
            .filter(|a| list.contains(&format!("href=\"/sub/articles/{}/\"", a.slug)))
            .map(|a| a.slug.to_string())
            .collect()
    };
    let per_page: Vec<Vec<String>> = pages.iter().map(|h| listed(h)).collect();
    assert_eq!(
        per_page.iter().map(Vec::len).collect::<Vec<_>>(),
        [ARTICLES_PER_LISTING, ARTICLES_PER_LISTING, 7]
    );
    let all: Vec<String> = per_page.concat();
    let expected: Vec<String> = site.articles.iter().map(|a| a.slug.to_string()).collect();
    assert_eq!(all, expected, "every article once, in listing order");
    assert!(pages[0].contains("rel=\"next\" href=\"/sub/page/2/\""));
    assert!(pages[1].contains("rel=\"prev\" href=\"/sub/\""));
    assert!(pages[1].contains("rel=\"next\" href=\"/sub/page/3/\""));
    assert!(pages[2].contains("<span aria-current=\"page\">3</span>"));
    assert!(!pages[2].contains("rel=\"next\""));
    // Top terms and columns only on the first page; the column shows a
    // preview and its full count.
    assert!(pages[0].contains("columns-heading"));
    assert!(!pages[1].contains("columns-heading"));
    let columns = &pages[0][pages[0].find("columns-heading").unwrap()..];
    assert!(columns.contains(&format!("{n} 篇")), "{columns}");
    assert_eq!(
        columns.matches("<li><a href=").count(),
        jiedu::render::context::COLUMN_PREVIEW
    );
    // The people index: ten newest per person, the full counts, a link
    // to the term page listing every mention.
    let preview = jiedu::render::context::PEOPLE_PREVIEW;
    let people = page(&out, "people/index.html");
    let entries: Vec<&str> = people.split("<dt id=").skip(1).collect();
    assert_eq!(entries.len(), 2, "{people}");
    // How many articles mention the person, from their term page's header.
    let term = page(&out, "glossary/synth-00000/index.html");
    let head = &term[..term.find(" 篇</span>").unwrap()];
    let mentioned: usize = head[head.rfind("· ").unwrap() + "· ".len()..]
        .parse()
        .unwrap();
    assert!(
        mentioned > preview,
        "the person is mentioned in {mentioned} articles"
    );
    for entry in &entries {
        assert!(
            entry.matches("<li><a href=").count() <= 2 * preview,
            "{entry}"
        );
    }
    let named = entries.iter().find(|e| e.contains("提及于")).unwrap();
    assert!(
        named.contains(&format!("提及于 {mentioned} 篇，最新 {preview} 篇")),
        "{named}"
    );
    assert!(
        named.contains("href=\"/sub/glossary/synth-00000/\">全部"),
        "{named}"
    );
    let author = entries.iter().find(|e| e.contains("记者甲")).unwrap();
    assert!(
        author.contains(&format!("署名文章 {n} 篇，最新 {preview} 篇")),
        "{author}"
    );
    let sitemap = page(&out, "sitemap.xml");
    assert!(sitemap.contains("https://example.org/sub/page/3/"));
    let base = jiedu::config::BaseUrl::parse("https://example.org/sub/").unwrap();
    assert!(check_links(&out, &base).unwrap().is_empty());
}

/// On a terminal a build that takes more than a second shows a progress
/// bar of files written out of the total; in a log (no terminal) it prints
/// no bar. `script` gives the build a pseudo-terminal.
#[test]
fn a_long_build_shows_a_progress_bar_on_a_terminal_only() {
    let script = std::path::Path::new("/usr/bin/script");
    if !script.exists() {
        eprintln!("SKIPPED: no `script` (util-linux) to give the build a terminal");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ed");
    let paragraphs = jiedu::synth::seed_paragraphs(&jiedu::synth::seed_dir(&repo())).unwrap();
    let opts = jiedu::synth::SynthOptions {
        // Several seconds for a debug binary, so the bar appears.
        articles: 1_500,
        terms: 100,
        seed: 9,
    };
    jiedu::synth::write_edition(&root, &repo().join("templates"), None, &paragraphs, &opts)
        .unwrap();
    let bin = env!("CARGO_BIN_EXE_jiedu");
    let tty = std::process::Command::new(script)
        .args(["-qec", &format!("{bin} build"), "/dev/null"])
        .current_dir(&root)
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&tty.stdout);
    assert!(tty.status.success(), "{shown}");
    assert!(
        shown.contains("writing pages"),
        "no bar on a terminal: {shown}"
    );
    assert!(shown.contains(" files · "), "{shown}");
    let (ok, _, logged) = jiedu(&root, &["build"]);
    assert!(ok, "{logged}");
    assert!(
        !logged.contains("writing pages"),
        "a bar in a log: {logged}"
    );
}
