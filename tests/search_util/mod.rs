//! The fixture edition the search tests share: a few glossary terms with
//! aliases, English and pinyin, and articles where the slogans stand whole,
//! stand scattered, and stand in titles. Built under a sub-path so every
//! test also proves that the index is found through `base_url`'s path.
#![allow(dead_code)]

#[path = "../util/mod.rs"]
mod util;

pub use util::*;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The sub-path the fixture is built for.
pub const BASE: &str = "https://user.github.io/repo/";

fn term(root: &Path, id: &str, yaml: &str) {
    write(
        root,
        &format!("content/glossary/{id}.md"),
        &format!("---\n{yaml}\n---\n定义。\n"),
    );
}

fn article(root: &Path, slug: &str, title: &str, date: &str, body: &str) {
    write(
        root,
        &format!("content/articles/{slug}.md"),
        &format!("---\ntitle: '{title}'\ndate: {date}\n---\n{body}\n"),
    );
}

/// Writes the fixture edition into a temp dir.
pub fn fixture() -> tempfile::TempDir {
    let ed = edition(BASE);
    let r = ed.path();
    term(
        r,
        "liang-ge-que-li",
        "term: 两个确立\npinyin: liǎng gè quèlì\nenglish: Two Establishes\nkind: slogan",
    );
    term(
        r,
        "liang-ge-wei-hu",
        "term: 两个维护\npinyin: liǎng gè wéihù\nenglish: Two Safeguards\nkind: slogan",
    );
    term(r, "san-gong-jian-yi-pan-huo", "term: 三攻坚一盘活\npinyin: sān gōngjiān yī pánhuó\nenglish: three tough battles and one revitalisation\nkind: numeric-formula");
    term(r, "33618", "term: \"33618\"\npinyin: sān sān liù yī bā\nenglish: the 33618 manufacturing cluster system\nkind: numeric-formula");
    term(
        r,
        "qing-lian-chong-qing",
        "term: 清廉重庆\npinyin: qīnglián Chóngqìng\nenglish: Clean Chongqing\nkind: program",
    );
    term(r, "shi-ji-wei-jian-wei", "term: 市纪委监委\naliases: [重庆市纪委监委]\npinyin: shì jìwěi jiānwěi\nenglish: Municipal Commission for Discipline Inspection and Supervision\nkind: institution");
    term(
        r,
        "chen-quan",
        "term: 陈全\npinyin: Chén Quán\nenglish: Chen Quan\nkind: person",
    );
    article(
        r,
        "a-que-li",
        "坚定拥护两个确立",
        "2025-02-13",
        "全市党员干部深刻领悟“两个确立”的决定性意义，坚决做到“两个维护”。\n\n\
         再次强调，“两个确立”是最大的政治成果。\n\n\
         推进清廉重庆建设，市纪委监委持续发力。",
    );
    article(
        r,
        "b-guo-qi",
        "国企改革深化提升",
        "2024-12-27",
        "深入实施“三攻坚一盘活”改革突破，加快打造“33618”现代制造业集群体系。\n\n\
         重庆市纪委监委通报：国企“三攻坚一盘活”取得成效；同时拥护“两个确立”。",
    );
    article(
        r,
        "c-san-luan",
        "两个层面的工作",
        "2024-06-01",
        "这里有两个方面的问题，需要确立新的机制。\n\n\
         市政府台办主任陈全当选会长。\n\n\
         Ｔｅｓｔ <script>alert(1)</script> 与 GDP 增长。",
    );
    ed
}

/// Builds the fixture with the sub-path `BASE`; returns the output dir.
pub fn built(ed: &tempfile::TempDir) -> PathBuf {
    let out = ed.path().join("public");
    let opts = jiedu::site::BuildOptions {
        base_url: Some(BASE.into()),
        out: Some(out.clone()),
        ..Default::default()
    };
    jiedu::site::build(ed.path(), &opts).unwrap();
    out
}

/// Whether Node tests must run (CI) rather than be skipped.
pub fn required() -> bool {
    std::env::var("JIEDU_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// Skips loudly, or fails when `JIEDU_REQUIRE_BROWSER=1`.
pub fn skip(why: &str) {
    let msg = format!("SKIPPED: {why} (set JIEDU_REQUIRE_BROWSER=1 to make this a failure)");
    assert!(!required(), "{msg}");
    eprintln!("\n======== {msg} ========\n");
}

/// `node` if it runs.
pub fn node() -> Option<PathBuf> {
    let ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then(|| PathBuf::from("node"))
}

/// Runs `node args…` from the repository root with `env`; panics with
/// its output when it fails.
pub fn run_node(args: &[&str], env: &[(&str, &Path)]) {
    let mut cmd = Command::new("node");
    cmd.args(args).current_dir(repo());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(
        out.status.success(),
        "node {args:?} failed:\n{stdout}\n{stderr}"
    );
}

/// The bundled edition built for `BASE` into `dir/public`.
#[allow(dead_code)]
pub fn built_bundled(dir: &tempfile::TempDir) -> PathBuf {
    let out = dir.path().join("public");
    let opts = jiedu::site::BuildOptions {
        base_url: Some(BASE.into()),
        out: Some(out.clone()),
        ..Default::default()
    };
    jiedu::site::build(&repo(), &opts).unwrap();
    out
}

/// Chromium for the accessibility tests, when node, Chromium and the npm
/// packages they drive it with (playwright-core, axe-core) are all here;
/// otherwise skips loudly (or fails under `JIEDU_REQUIRE_BROWSER=1`),
/// naming the `test` that did not run, and gives `None`.
pub fn axe_browser(test: &str) -> Option<PathBuf> {
    let chromium = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let modules = repo().join("node_modules");
    if node().is_none()
        || !chromium.exists()
        || !modules.join("playwright-core").is_dir()
        || !modules.join("axe-core/axe.min.js").is_file()
    {
        skip(&format!("node, Chromium, node_modules/playwright-core or node_modules/axe-core is missing; the {test} browser test did not run"));
        return None;
    }
    Some(chromium)
}
