//! Bad input gets a clear error naming file, line and column, or a
//! documented safe rendering; never a panic and never a half-written
//! public/.

use crate::support::*;
use jiedu::site::{build, BuildOptions};
use std::path::Path;

fn build_err(ed: &tempfile::TempDir) -> String {
    let out = ed.path().join("public");
    let e = build(
        ed.path(),
        &BuildOptions {
            base_url: None,
            out: Some(out.clone()),
            ..Default::default()
        },
    )
    .expect_err("the build must fail");
    assert!(
        !out.exists(),
        "no public/ is written by a failed first build"
    );
    e.to_string()
}

fn build_ok(ed: &tempfile::TempDir) -> std::path::PathBuf {
    crate::support::build_public(ed.path())
}

#[test]
fn malformed_yaml_names_file_line_and_column() {
    let ed = edition("https://example.org/");
    write(
        ed.path(),
        "content/articles/a.md",
        "---\ntitle: \"未闭合\n---\n正文\n",
    );
    let e = build_err(&ed);
    // Where the quote opened (line 2, column 8), with no position counted
    // from the YAML block left in the message to contradict it.
    assert!(
        e.contains("a.md:2:8: found unexpected end of stream, while scanning a quoted scalar"),
        "{e}"
    );
    let ed = edition("https://example.org/");
    write(
        ed.path(),
        "content/articles/a.md",
        "---\ntitle: 标题\nauthors:\n\t- 周尤\n---\n",
    );
    let e = build_err(&ed);
    assert!(e.contains("a.md:4:1:"), "{e}");
    assert!(e.contains("tab"), "{e}");
}

#[test]
fn wrong_types_and_unknown_keys_and_empty_files() {
    let ed = edition("https://example.org/");
    write(
        ed.path(),
        "content/articles/a.md",
        "---\ntitle: [不是, 字符串]\n---\n",
    );
    write(
        ed.path(),
        "content/articles/b.md",
        "---\ntitle: 乙\nauthor: 周尤\n---\n",
    );
    write(ed.path(), "content/articles/c.md", "");
    write(ed.path(), "content/articles/d.md", "---\n---\n正文\n");
    write(ed.path(), "content/articles/e.md", "只有正文，没有前言。\n");
    let e = build_err(&ed);
    assert!(
        e.contains("a.md:2:8: title: invalid type: sequence, expected a string"),
        "{e}"
    );
    assert!(e.contains("b.md:3:1: unknown field `author`"), "{e}");
    assert!(e.contains("c.md:1:1: no front-matter"), "{e}");
    assert!(e.contains("d.md:2:1: front-matter is empty"), "{e}");
    assert!(e.contains("e.md:1:1: no front-matter"), "{e}");
}

#[test]
fn file_names_that_are_not_slugs_are_rejected() {
    for name in ["Bad Name.md", "a..b.md", "中文.md", "a_b.md"] {
        let ed = edition("https://example.org/");
        write(
            ed.path(),
            &format!("content/articles/{name}"),
            "---\ntitle: t\n---\n",
        );
        let e = build_err(&ed);
        assert!(e.contains("is not a valid slug"), "{name}: {e}");
        assert!(e.contains("hint: rename the file"), "{name}: {e}");
    }
}

#[test]
fn glossary_problems_are_all_reported() {
    let ed = edition("https://example.org/");
    write(
        ed.path(),
        "content/glossary/a.md",
        "---\nterm: 两个确立\nkind: slogan\nparent: b\n---\n",
    );
    write(
        ed.path(),
        "content/glossary/b.md",
        "---\nterm: 两个维护\nkind: slogan\nparent: a\n---\n",
    );
    write(
        ed.path(),
        "content/glossary/c.md",
        "---\nterm: 党\nkind: concept\n---\n",
    );
    write(
        ed.path(),
        "content/glossary/d.md",
        "---\nterm: 两个确立\nkind: slogan\n---\n",
    );
    write(
        ed.path(),
        "content/glossary/sub/d.md",
        "---\nterm: 其他\nkind: slogan\n---\n",
    );
    let e = build_err(&ed);
    assert!(e.contains("duplicate term id `d`"), "{e}");
    let ed2 = edition("https://example.org/");
    for f in ["a", "b", "c", "d"] {
        let text =
            std::fs::read_to_string(ed.path().join(format!("content/glossary/{f}.md"))).unwrap();
        write(ed2.path(), &format!("content/glossary/{f}.md"), &text);
    }
    let e = build_err(&ed2);
    assert!(e.contains("cycle"), "parent cycle: {e}");
    assert!(
        e.contains("c.md") && e.contains("党"),
        "one-character term: {e}"
    );
    assert!(
        e.contains("a.md") && e.contains("d.md"),
        "duplicate surface form names both: {e}"
    );
}

#[test]
fn invalid_utf8_gb18030_and_nul_bytes_in_content() {
    let ed = edition("https://example.org/");
    std::fs::create_dir_all(ed.path().join("content/articles")).unwrap();
    std::fs::write(
        ed.path().join("content/articles/a.md"),
        b"---\ntitle: ok\n---\n\xff\xfe\n",
    )
    .unwrap();
    let (gbk, _, _) = encoding_rs::GB18030.encode("---\ntitle: 标题\n---\n正文\n");
    std::fs::write(ed.path().join("content/articles/b.md"), &gbk).unwrap();
    let e = build_err(&ed);
    assert!(e.contains("a.md:4:1: invalid UTF-8"), "{e}");
    assert!(e.contains("b.md:2:8: invalid UTF-8"), "{e}");
    assert!(
        e.contains("hint: content files must be saved as UTF-8"),
        "{e}"
    );

    let ed = edition("https://example.org/");
    write(
        ed.path(),
        "content/articles/n.md",
        "---\ntitle: 空字符\n---\n前\0后\n",
    );
    let out = build_ok(&ed);
    let html = page(&out, "articles/n/index.html");
    assert!(
        html.contains("前\u{fffd}后"),
        "NUL is shown as the replacement character: {html}"
    );
}

#[test]
fn a_symlink_loop_and_an_unreadable_file_are_errors_not_hangs() {
    let ed = edition("https://example.org/");
    write(ed.path(), "content/articles/a.md", "---\ntitle: 甲\n---\n");
    std::os::unix::fs::symlink(
        ed.path().join("content"),
        ed.path().join("content/articles/loop"),
    )
    .unwrap();
    // A directory named like an article cannot be read as one.
    std::fs::create_dir_all(ed.path().join("content/glossary/dir.md")).unwrap();
    let e = build_err(&ed);
    assert!(e.contains("symbolic link loop"), "{e}");
    let ed = edition("https://example.org/");
    std::fs::create_dir_all(ed.path().join("content/articles")).unwrap();
    std::os::unix::fs::symlink(
        "/nonexistent/x.md",
        ed.path().join("content/articles/dangling.md"),
    )
    .unwrap();
    let e = build_err(&ed);
    assert!(e.contains("dangling.md"), "{e}");
}

#[test]
fn huge_and_deeply_nested_articles_render() {
    let ed = edition("https://example.org/");
    let many: String = (0..10_000).map(|i| format!("第{i}段。\n\n")).collect();
    write(
        ed.path(),
        "content/articles/many.md",
        &format!("---\ntitle: 一万段\n---\n{many}"),
    );
    let big = "很长的一段文字。".repeat(10 * 1024 * 1024 / 24);
    write(
        ed.path(),
        "content/articles/big.md",
        &format!("---\ntitle: 十兆\n---\n{big}\n"),
    );
    let nested_quotes = format!("{}深\n", "> ".repeat(2_000));
    let nested_lists: String = (0..500)
        .map(|d| format!("{}- 第{d}层\n", "  ".repeat(d)))
        .collect();
    write(
        ed.path(),
        "content/articles/deep.md",
        &format!("---\ntitle: 深\n---\n{nested_quotes}\n{nested_lists}"),
    );
    let out = build_ok(&ed);
    let html = page(&out, "articles/many/index.html");
    assert!(html.contains("id=\"p10000\""));
    assert!(page(&out, "articles/deep/index.html").contains("第499层"));
    assert!(
        std::fs::metadata(out.join("articles/big/index.html"))
            .unwrap()
            .len()
            > 10_000_000
    );
}

/// Builds `ed` with the binary (it must succeed), snapshots public/, lets
/// `break_it` damage the edition, and builds again: the second build must
/// exit non-zero and leave public/ byte-identical. Returns its stderr.
fn fails_keeping_public(ed: &tempfile::TempDir, break_it: impl FnOnce(&Path)) -> String {
    let (ok, _, err) = jiedu(ed.path(), &["build"]);
    assert!(ok, "the edition builds before it is broken: {err}");
    let before = snapshot(&ed.path().join("public"));
    break_it(ed.path());
    let (ok, _, err) = jiedu(ed.path(), &["build"]);
    assert!(!ok, "the build must fail");
    assert!(err.starts_with("error: "), "{err}");
    assert!(
        snapshot(&ed.path().join("public")) == before,
        "public/ untouched by the failed build"
    );
    err
}

fn good_edition() -> tempfile::TempDir {
    let ed = edition("https://example.org/");
    write(
        ed.path(),
        "content/articles/ok.md",
        "---\ntitle: 好的\n---\n强调两个确立。\n",
    );
    write(
        ed.path(),
        "content/glossary/liang-ge-que-li.md",
        "---\nterm: 两个确立\nkind: slogan\n---\n定义。\n",
    );
    ed
}

#[test]
fn the_cli_exits_non_zero_naming_the_place_and_keeps_public() {
    let ed = good_edition();
    let err = fails_keeping_public(&ed, |root| {
        write(root, "content/articles/q.md", "---\ntitle: \"未闭合\n---\n");
    });
    assert!(err.contains("content/articles/q.md:2:8: "), "{err}");

    let ed = good_edition();
    let err = fails_keeping_public(&ed, |root| {
        write(
            root,
            "content/glossary/empty.md",
            "---\nterm: \"\"\nkind: slogan\n---\n",
        );
    });
    assert!(
        err.contains("content/glossary/empty.md:2:1: term is empty"),
        "{err}"
    );
}

#[test]
fn a_slug_or_term_reference_with_dots_or_slashes_in_front_matter_is_refused() {
    // Slugs come from file names only (tested above); front-matter has no
    // `slug` key, so one there is an unknown field, not a path.
    let ed = good_edition();
    let err = fails_keeping_public(&ed, |root| {
        write(
            root,
            "content/articles/s.md",
            "---\ntitle: 甲\nslug: ../../etc\n---\n",
        );
    });
    assert!(err.contains("s.md:3:1: unknown field `slug`"), "{err}");
    // Term references are ids, checked like slugs.
    let ed = good_edition();
    let err = fails_keeping_public(&ed, |root| {
        write(
            root,
            "content/glossary/x.md",
            "---\nterm: 三个务必\nkind: slogan\nparent: ../liang-ge-que-li\nsee_also: [a/b]\n---\n",
        );
    });
    assert!(
        err.contains("content/glossary/x.md:4:9: `../liang-ge-que-li` is not a valid term id"),
        "{err}"
    );
}

#[test]
fn duplicate_article_slugs_name_both_files() {
    let ed = good_edition();
    let err = fails_keeping_public(&ed, |root| {
        write(
            root,
            "content/articles/sub/ok.md",
            "---\ntitle: 重名\n---\n",
        );
    });
    assert!(
        err.contains("content/articles/sub/ok.md: duplicate article slug `ok`")
            && err.contains("content/articles/ok.md already uses it"),
        "{err}"
    );
}

/// A see-also cycle is a cross-reference, not a hierarchy: two terms that
/// point at each other are legitimate and both pages link across. (Parent
/// cycles are errors: see `glossary_problems_are_all_reported`.)
#[test]
fn a_see_also_cycle_is_allowed_and_links_both_ways() {
    let ed = edition("https://example.org/");
    write(
        ed.path(),
        "content/articles/a.md",
        "---\ntitle: 甲\n---\n两个确立，两个维护。\n",
    );
    write(
        ed.path(),
        "content/glossary/que-li.md",
        "---\nterm: 两个确立\nkind: slogan\nsee_also: [wei-hu]\n---\n",
    );
    write(
        ed.path(),
        "content/glossary/wei-hu.md",
        "---\nterm: 两个维护\nkind: slogan\nsee_also: [que-li]\n---\n",
    );
    let out = build_ok(&ed);
    assert!(page(&out, "glossary/que-li/index.html").contains("href=\"/glossary/wei-hu/\""));
    assert!(page(&out, "glossary/wei-hu/index.html").contains("href=\"/glossary/que-li/\""));
}

#[test]
fn template_errors_name_the_template_line_and_column() {
    let ed = good_edition();
    let tpl = ed.path().join("templates/article.html");
    let good = std::fs::read_to_string(&tpl).unwrap();
    let err = fails_keeping_public(&ed, |_| {
        let broken = good.replacen("{% block content %}", "{% block content %}\n{% if %}", 1);
        std::fs::write(&tpl, broken).unwrap();
    });
    let line = good
        .lines()
        .position(|l| l.contains("{% block content %}"))
        .unwrap()
        + 2;
    assert!(
        err.contains(&format!("templates/article.html:{line}:7: template error")),
        "{err}"
    );

    // Tera reports an undefined variable without a position; the error
    // points at its first use in a tag.
    std::fs::write(&tpl, &good).unwrap();
    let err = fails_keeping_public(&ed, |_| {
        let broken = good.replacen(
            "{% block content %}",
            "{% block content %}\n<p>no_such_variable</p> {{ no_such_variable }}",
            1,
        );
        std::fs::write(&tpl, broken).unwrap();
    });
    assert!(
        err.contains(&format!("templates/article.html:{line}:28: template error")),
        "{err}"
    );
    assert!(
        err.contains("Variable `no_such_variable` not found"),
        "{err}"
    );
}

/// An unreadable file is an error naming it. `chmod 000` cannot make a
/// file unreadable for root (CI runs as root), so the test also uses a
/// link to /proc/self/mem, which no one can read from offset 0: the read
/// fails with EIO for every user.
#[test]
fn an_unreadable_file_is_an_error_naming_it() {
    let ed = good_edition();
    let err = fails_keeping_public(&ed, |root| {
        std::os::unix::fs::symlink("/proc/self/mem", root.join("content/articles/mem.md")).unwrap();
    });
    assert!(
        err.contains("content/articles/mem.md: Input/output error (os error 5)"),
        "{err}"
    );
    assert_eq!(err.matches("os error 5").count(), 1, "said once: {err}");

    use std::os::unix::fs::PermissionsExt;
    let ed = good_edition();
    let locked = ed.path().join("content/articles/locked.md");
    write(
        ed.path(),
        "content/articles/locked.md",
        "---\ntitle: 锁\n---\n",
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        eprintln!("running as root: chmod 000 does not stop reads; covered by /proc/self/mem");
        return;
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    let err = fails_keeping_public(&ed, |_| {
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    });
    assert!(err.contains("locked.md: Permission denied"), "{err}");
}
