//! Issue 20 end to end, through the `jiedu` binary and a real dev server:
//! a new edition made by `jiedu init` builds with the built-in templates,
//! drafts stay out of a build unless `--drafts`, `check` lists them, the
//! server shows them with a badge, and an override of a built-in template
//! is picked up by the watcher, also when `templates/` did not exist when
//! the server started.

use crate::support::serve::*;
use jiedu::serve::{Report, ServeOptions, Server};
use std::path::Path;
use std::sync::mpsc;
use std::time::Instant;

use crate::support::jiedu;

/// A new edition made by the binary, with one published and one draft of
/// each kind; the published term refers to the draft one.
fn drafted_edition() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, err) = jiedu(dir.path(), &["init"]);
    assert!(ok, "{out}{err}");
    let root = dir.path();
    let article = |title: &str, extra: &str| {
        format!("---\ntitle: {title}\ndate: 2025-01-01\n{extra}---\n推进清廉重庆建设。\n")
    };
    write(root, "content/articles/open.md", &article("公开", ""));
    write(
        root,
        "content/articles/wip.md",
        &article("未完", "draft: true\n"),
    );
    write(
        root,
        "content/pages/plan.md",
        "---\ntitle: 计划\ndraft: true\n---\n写作中。\n",
    );
    write(
        root,
        "content/glossary/qing-lian.md",
        "---\nterm: 清廉重庆\npinyin: qīnglián chóngqìng\nkind: program\nsee_also: [jian-she]\n---\n定义。\n",
    );
    write(
        root,
        "content/glossary/jian-she.md",
        "---\nterm: 建设\npinyin: jiànshè\nkind: slogan\ndraft: true\n---\n定义。\n",
    );
    dir
}

#[test]
fn init_defaults_to_the_current_directory_and_a_build_leaves_drafts_out() {
    let ed = drafted_edition();
    let root = ed.path();
    assert!(!root.join("templates").exists(), "init ejected templates");
    let (ok, out, err) = jiedu(root, &["build"]);
    assert!(ok, "{out}{err}");
    assert!(!out.contains("/./"), "{out}");
    assert!(root.join("public/articles/open/index.html").is_file());
    assert!(root.join("public/glossary/qing-lian/index.html").is_file());
    for gone in ["articles/wip", "plan", "glossary/jian-she"] {
        assert!(!root.join("public").join(gone).exists(), "{gone} published");
    }
    let sitemap = std::fs::read_to_string(root.join("public/sitemap.xml")).unwrap();
    assert!(!sitemap.contains("wip"), "{sitemap}");
    let term = std::fs::read_to_string(root.join("public/glossary/qing-lian/index.html")).unwrap();
    assert!(!term.contains("jian-she"), "a link to a draft term");

    let (ok, out, err) = jiedu(root, &["check"]);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains("3 drafts, left out of `jiedu build` unless --drafts"),
        "{out}"
    );
    for d in [
        "content/articles/wip.md",
        "content/glossary/jian-she.md",
        "content/pages/plan.md",
    ] {
        assert!(out.contains(&format!("  {d}\n")), "{d} not listed: {out}");
    }

    let (ok, out, err) = jiedu(root, &["build", "--drafts", "-o", "with-drafts"]);
    assert!(ok, "{out}{err}");
    let wip = std::fs::read_to_string(root.join("with-drafts/articles/wip/index.html")).unwrap();
    assert!(wip.contains("class=\"draft-badge\""), "no badge");
    let open = std::fs::read_to_string(root.join("with-drafts/articles/open/index.html")).unwrap();
    assert!(
        !open.contains("class=\"draft-badge\""),
        "a badge on a published article"
    );
    assert!(root.join("with-drafts/plan/index.html").is_file());
    let (ok, out, err) = jiedu(root, &["check", "--output-dir", "with-drafts"]);
    assert!(ok, "{out}{err}");
}

#[test]
fn init_refuses_a_non_empty_directory_and_root_names_where_to_create() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.txt", "mine");
    let (ok, _, err) = jiedu(dir.path(), &["init"]);
    assert!(
        !ok && err.contains("not empty") && err.contains("--force"),
        "{err}"
    );
    let (ok, _, err) = jiedu(dir.path(), &["init", "--force"]);
    assert!(ok, "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
    let (ok, _, err) = jiedu(dir.path(), &["--root", "fresh", "init"]);
    assert!(ok, "{err}");
    assert!(dir.path().join("fresh/site.yaml").is_file());
    let (_, help, _) = jiedu(dir.path(), &["init", "--help"]);
    assert!(help.contains("where to create the edition"), "{help}");
}

#[test]
fn completion_scripts_and_short_flags() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (ok, script, err) = jiedu(dir.path(), &["completion", shell]);
        assert!(ok, "{shell}: {err}");
        assert!(
            script.contains("output-dir") && script.contains("drafts"),
            "{shell}"
        );
    }
    let (ok, _, err) = jiedu(dir.path(), &["init", "-q"]);
    assert!(ok, "{err}");
    let (ok, out, err) = jiedu(
        dir.path(),
        &["build", "-q", "-u", "https://x.test/sub/", "-o", "site"],
    );
    assert!(ok && out.is_empty(), "quiet build printed: {out}{err}");
    let about = std::fs::read_to_string(dir.path().join("site/about/index.html")).unwrap();
    assert!(about.contains("https://x.test/sub/about/"), "-u ignored");
    let (ok, out, _) = jiedu(dir.path(), &["build", "-v"]);
    assert!(ok && out.contains("render and write pages"), "{out}");
}

#[test]
fn errors_are_plain_when_not_on_a_terminal_and_point_to_site_yaml_docs() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "site.yaml",
        "title: t\nbase_url: https://x.org/\ntitel: typo\n",
    );
    let (ok, _, err) = jiedu(dir.path(), &["build"]);
    assert!(!ok);
    assert!(!err.contains('\u{1b}'), "colour in a log: {err:?}");
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("site.yaml:3:1"), "{err}");
    assert!(err.contains("site.yaml"), "{err}");
    assert!(!err.contains("front-matter"), "{err}");
}

/// A server on a free port, and the output files each rebuild wrote.
/// On a terminal (`script` gives one) errors are coloured, unless
/// `NO_COLOR` is set.
#[test]
fn errors_are_coloured_on_a_terminal_unless_no_color() {
    let script = Path::new("/usr/bin/script");
    if !script.exists() {
        eprintln!("SKIPPED: no `script` (util-linux) to give jiedu a terminal");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "site.yaml", "title: t\nbase_url: nope\n");
    let bin = env!("CARGO_BIN_EXE_jiedu");
    let run = |no_color: bool| {
        let mut cmd = std::process::Command::new(script);
        cmd.args(["-qec", &format!("{bin} build"), "/dev/null"])
            .current_dir(dir.path())
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let out = cmd.output().unwrap();
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let shown = run(false);
    assert!(
        shown.contains("\u{1b}[") && shown.contains("error:"),
        "{shown:?}"
    );
    let plain = run(true);
    assert!(
        plain.contains("error:") && !plain.contains('\u{1b}'),
        "{plain:?}"
    );
}

fn start(root: &Path) -> (Server, mpsc::Receiver<Vec<String>>) {
    let opts = ServeOptions {
        port: 0,
        ..ServeOptions::default()
    };
    let (tx, rx) = mpsc::channel();
    let report = move |r: &Report| {
        eprintln!("serve: {r}");
        if let Report::Rebuilt { changes, .. } = r {
            let _ = tx.send(changes.written.clone());
        }
    };
    (Server::start(root, &opts, report).unwrap(), rx)
}

/// Polls `path` until its body contains `needle`.
fn wait_for(server: &Server, path: &str, needle: &str) -> String {
    let start = Instant::now();
    loop {
        let body = get(server.addr(), path).text();
        if body.contains(needle) {
            return body;
        }
        assert!(start.elapsed() < PATIENCE, "never saw {needle:?} in {body}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn serve_shows_drafts_with_a_badge_and_picks_up_new_overrides() {
    let ed = drafted_edition();
    let root = ed.path();
    let (server, rebuilds) = start(root);
    let wip = get(server.addr(), "/articles/wip/").text();
    assert!(wip.contains("class=\"draft-badge\""), "{wip}");
    let plan = get(server.addr(), "/plan/").text();
    assert!(plan.contains("class=\"draft-badge\""), "{plan}");
    let open = get(server.addr(), "/articles/open/").text();
    assert!(!open.contains("class=\"draft-badge\""));

    // No templates/ yet: ejecting one creates it, and the server must
    // watch it from then on.
    let (ok, _, err) = jiedu(root, &["eject", "page.html"]);
    assert!(ok, "{err}");
    let own = std::fs::read_to_string(root.join("templates/page.html")).unwrap();
    let own = own.replace("{{ body_html", "<p id=\"own-1\"></p>{{ body_html");
    write(root, "templates/page.html", &own);
    wait_for(&server, "/about/", "id=\"own-1\"");
    while rebuilds.try_recv().is_ok() {}
    let own = own.replace("own-1", "own-2");
    write(root, "templates/page.html", &own);
    // The template graph sends an edit of page.html to the free pages
    // only, as it does for the edition's own templates.
    let mut written = Vec::new();
    while !written.contains(&"about/index.html".to_string()) {
        written.extend(rebuilds.recv_timeout(PATIENCE).expect("no rebuild"));
    }
    assert!(
        !written.iter().any(|w| w.starts_with("articles/")),
        "{written:?}"
    );
    wait_for(&server, "/about/", "id=\"own-2\"");

    // Removing the override brings the built-in template back.
    std::fs::remove_file(root.join("templates/page.html")).unwrap();
    let start = Instant::now();
    while get(server.addr(), "/about/").text().contains("own-2") {
        assert!(start.elapsed() < PATIENCE, "the override stayed");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    server.stop();
}
