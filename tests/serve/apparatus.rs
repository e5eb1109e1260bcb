//! `jiedu serve` with a malformed emendation or a lost annotation (issue
//! 17): the editor gets a warning, not a dead preview. The page is served
//! with the text as written (or without the annotation) and reloads, where
//! `jiedu build` would stop (tests/site/apparatus.rs).

use crate::support::serve::*;
use jiedu::serve::{ServeOptions, Server};

#[test]
fn serve_warns_and_keeps_previewing_bad_emendations_and_lost_annotations() {
    let ed = edition();
    write(
        ed.path(),
        "content/annotations/yi.yaml",
        "- quote: 不存在的段落\n  note: 说明。\n",
    );
    let opts = ServeOptions {
        port: 0,
        ..ServeOptions::default()
    };
    let server = Server::start(ed.path(), &opts, |r| eprintln!("serve: {r}")).unwrap();
    let page = get(server.addr(), "/articles/yi/");
    assert_eq!(
        page.status, 200,
        "a lost annotation does not stop the preview"
    );
    assert!(!page.text().contains("annotation"), "{}", page.text());

    let (mut events, _) = Events::open(server.addr());
    write(
        ed.path(),
        "content/articles/yi.md",
        "---\ntitle: 文章yi\ndate: 2025-01-02\n---\n正文{~~甲乙~>甲丙。\n",
    );
    events.wait_for("reload");
    let page = get(server.addr(), "/articles/yi/").text();
    assert!(
        page.contains("正文{~~甲乙~&gt;甲丙。"),
        "shown as written: {page}"
    );

    write(
        ed.path(),
        "content/articles/yi.md",
        "---\ntitle: 文章yi\ndate: 2025-01-02\n---\n正文{~~甲乙~>甲丙~~}{>>校。<<}不存在的段落。\n",
    );
    events.wait_for("reload");
    let page = get(server.addr(), "/articles/yi/").text();
    assert!(page.contains("data-printed=\"甲乙\""), "{page}");
    assert!(
        page.contains("class=\"sidenote annotation\""),
        "the annotation found its passage: {page}"
    );
}
