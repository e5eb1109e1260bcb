//! `jiedu serve` end to end (issue 5): a real server on an ephemeral port,
//! real files edited on disk, a real HTTP client and event stream. Every
//! wait is on an event or report with a generous deadline, never a sleep.

use crate::support::serve::*;
use jiedu::serve::{ServeOptions, Server};
use std::path::Path;

fn start(root: &Path) -> Server {
    let opts = ServeOptions {
        port: 0,
        ..ServeOptions::default()
    };
    Server::start(root, &opts, |r| eprintln!("serve: {r}")).unwrap()
}

#[test]
fn editing_an_article_sends_reload_and_serves_the_edit() {
    let ed = edition();
    let server = start(ed.path());
    let (mut events, hello) = Events::open(server.addr());
    let page = get(server.addr(), "/articles/yi/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let script = format!(
        "<script src=\"/__jiedu/reload.js\" data-build=\"{}\"></script></body>",
        hello.data
    );
    assert!(page.text().contains(&script), "{}", page.text());

    write(
        ed.path(),
        "content/articles/yi.md",
        "---\ntitle: 文章yi\ndate: 2025-01-02\n---\n改过的正文。\n",
    );
    let reload = events.wait_for("reload");
    assert_ne!(reload.data, hello.data, "a new build id");
    let page = get(server.addr(), "/articles/yi/").text();
    assert!(page.contains("改过的正文。"), "{page}");
    assert!(page.contains(&format!("data-build=\"{}\"", reload.data)));
}

#[test]
fn broken_template_keeps_the_site_and_the_fix_recovers() {
    let ed = edition();
    let server = start(ed.path());
    let (mut events, _) = Events::open(server.addr());
    let before = get(server.addr(), "/articles/jia/").text();

    let good = std::fs::read_to_string(ed.path().join("templates/article.html")).unwrap();
    let broken = good.replacen("{% block content %}", "{% block content %}\n{% if %}", 1);
    write(ed.path(), "templates/article.html", &broken);
    let error = events.wait_for("error");
    let info: serde_json::Value = serde_json::from_str(&error.data).unwrap();
    assert_eq!(info["file"], "templates/article.html", "{info}");
    assert_eq!(info["line"], 3, "{info}");
    assert!(
        info["message"].as_str().unwrap().contains("article.html"),
        "{info}"
    );

    let during = get(server.addr(), "/articles/jia/");
    assert_eq!(during.status, 200, "the last good site is still served");
    assert_eq!(during.text(), before);
    // A page opened now learns of the error as soon as it connects.
    let (mut late, _) = Events::open(server.addr());
    assert_eq!(late.wait_for("error").data, error.data);

    write(
        ed.path(),
        "templates/article.html",
        &good.replace(
            "<article class=\"article\">",
            "<article class=\"article fixed\">",
        ),
    );
    events.wait_for("reload");
    late.wait_for("reload");
    assert!(get(server.addr(), "/articles/jia/")
        .text()
        .contains("article fixed"));
}

#[test]
fn bad_front_matter_is_reported_escaped_and_other_edits_wait_for_the_fix() {
    let ed = edition();
    let server = start(ed.path());
    let (mut events, _) = Events::open(server.addr());
    write(
        ed.path(),
        "content/articles/yi.md",
        "---\ntitle: <b>粗</b>\ndate: [\n---\n正文\n",
    );
    let error = events.wait_for("error");
    let info: serde_json::Value = serde_json::from_str(&error.data).unwrap();
    assert_eq!(info["file"], "content/articles/yi.md");
    assert!(info["line"].as_u64().unwrap() >= 3, "{info}");

    // Another edit while the error stands is held back with it …
    write(
        ed.path(),
        "content/articles/jia.md",
        "---\ntitle: 文章jia\ndate: 2025-01-01\n---\n另一处修改。\n",
    );
    events.wait_for("error");
    assert!(!get(server.addr(), "/articles/jia/")
        .text()
        .contains("另一处修改"));

    // … and fixing the error applies both.
    write(
        ed.path(),
        "content/articles/yi.md",
        "---\ntitle: <b>粗</b>\ndate: 2025-01-02\n---\n正文\n",
    );
    events.wait_for("reload");
    let page = get(server.addr(), "/articles/yi/").text();
    assert!(page.contains("&lt;b&gt;粗&lt;/b&gt;"), "{page}");
    assert!(get(server.addr(), "/articles/jia/")
        .text()
        .contains("另一处修改"));
}

#[test]
fn deleted_article_answers_404_and_nothing_links_to_it() {
    let ed = edition();
    let server = start(ed.path());
    let (mut events, _) = Events::open(server.addr());
    assert!(get(server.addr(), "/articles/bing/")
        .text()
        .contains("/articles/yi/"));

    std::fs::remove_file(ed.path().join("content/articles/yi.md")).unwrap();
    events.wait_for("reload");
    let gone = get(server.addr(), "/articles/yi/");
    assert_eq!(gone.status, 404);
    assert_eq!(
        gone.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        gone.text().contains("页面不存在"),
        "the site's own 404 page"
    );
    assert!(gone.text().contains("/__jiedu/reload.js"));
    for page in [
        "/",
        "/articles/jia/",
        "/articles/bing/",
        "/sitemap.xml",
        "/atom.xml",
    ] {
        let text = get(server.addr(), page).text();
        assert!(
            !text.contains("articles/yi/"),
            "{page} still links the deleted article"
        );
    }
    assert!(!server.out_dir().join("articles/yi").exists());
}

#[test]
fn paths_outside_the_output_are_never_served() {
    let ed = edition();
    write(ed.path(), "secret.txt", "SECRET");
    let server = start(ed.path());
    let addr = server.addr();
    for target in [
        "/../secret.txt",
        "/../site.yaml",
        "/articles/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/site.yaml",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/static/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "//etc/passwd",
        "/etc/passwd",
        &format!("/{}", ed.path().join("secret.txt").display()),
        "/%00",
    ] {
        let r = get(addr, target);
        assert_ne!(r.status, 200, "{target}");
        let text = r.text();
        assert!(
            !text.contains("SECRET") && !text.contains("root:") && !text.contains("base_url"),
            "{target}: {text}"
        );
    }
}

#[test]
fn content_types_404_and_build_output_without_script() {
    let ed = edition();
    let server = start(ed.path());
    let addr = server.addr();
    let css = get(addr, "/static/site.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(!css.text().contains("__jiedu"));
    let feed = get(addr, "/atom.xml");
    assert_eq!(
        feed.header("content-type"),
        Some("application/xml; charset=utf-8")
    );
    assert!(!feed.text().contains("__jiedu"));
    assert_eq!(
        get(addr, "/robots.txt").header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    let js = get(addr, "/__jiedu/reload.js");
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(js.text().contains("textContent") && !js.text().contains("innerHTML"));
    let redirect = get(addr, "/articles/jia");
    assert_eq!(redirect.status, 308);
    assert_eq!(redirect.header("location"), Some("/articles/jia/"));
    assert_eq!(get(addr, "/no/such/page/").status, 404);

    // The served files on disk carry no script; neither does a build.
    let out = tempfile::tempdir().unwrap();
    let opts = jiedu::site::BuildOptions {
        base_url: None,
        out: Some(out.path().join("public")),
        ..Default::default()
    };
    jiedu::site::build(ed.path(), &opts).unwrap();
    for dir in [out.path().join("public"), server.out_dir().to_path_buf()] {
        for (rel, bytes) in snapshot(&dir) {
            assert!(
                !String::from_utf8_lossy(&bytes).contains("__jiedu"),
                "{rel} in {}",
                dir.display()
            );
        }
    }
}

#[test]
fn first_build_failure_serves_an_error_page_until_fixed() {
    let ed = edition();
    write(
        ed.path(),
        "site.yaml",
        "title: <x>\nbase_url: https://example.org/\ntitel: typo\n",
    );
    let server = start(ed.path());
    let (mut events, _) = Events::open(server.addr());
    let page = get(server.addr(), "/");
    assert_eq!(page.status, 500);
    let text = page.text();
    assert!(
        text.contains("site.yaml:3:1") && text.contains("titel"),
        "{text}"
    );
    assert!(text.contains("/__jiedu/reload.js"));

    write(
        ed.path(),
        "site.yaml",
        "title: 测试版\nbase_url: https://example.org/\n",
    );
    events.wait_for("reload");
    let page = get(server.addr(), "/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("测试版"));
}

#[test]
fn css_change_is_swapped_without_reload() {
    let ed = edition();
    let server = start(ed.path());
    let (mut events, _) = Events::open(server.addr());
    let css = std::fs::read_to_string(ed.path().join("templates/static/site.css")).unwrap();
    write(
        ed.path(),
        "templates/static/site.css",
        &format!("{css}\n.new {{ color: red }}\n"),
    );
    let e = events.next().expect("an event");
    assert_eq!(e.name, "css");
    assert_eq!(e.data, "[\"/static/site.css\"]");
    assert!(get(server.addr(), "/static/site.css")
        .text()
        .contains(".new"));
}

#[test]
fn event_streams_closed_by_clients_are_dropped() {
    let ed = edition();
    let server = start(ed.path());
    let baseline = server.listeners();
    let streams: Vec<_> = (0..20).map(|_| Events::open(server.addr()).0).collect();
    assert_eq!(server.listeners(), baseline + 20);
    for s in streams {
        s.close();
    }
    // The server notices on its next write at the latest (a keep-alive
    // comment every few seconds).
    eventually("closed streams to be dropped", || {
        server.listeners() == baseline
    });
    // And it still serves.
    assert_eq!(get(server.addr(), "/").status, 200);
}
