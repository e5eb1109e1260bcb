//! `jiedu serve` and translations (issue 19): a translation edit is
//! rebuilt and reloaded; a bad translation (an anchor the article lacks)
//! is shown in the error overlay naming its file and line, the served site
//! stays the last good one, and the fix applies.

use crate::support::serve::*;
use jiedu::serve::{ServeOptions, Server};

const TRANSLATION: &str = "content/translations/en/jia.md";

fn translation(blocks: &str) -> String {
    format!("---\ntitle: Article jia\ntranslator: T. Ester\nstatus: draft\n---\n{blocks}")
}

#[test]
fn a_translation_edit_reloads_and_a_bad_one_shows_the_overlay() {
    let ed = edition();
    write(
        ed.path(),
        TRANSLATION,
        &translation("{#p1}\nFirst version.\n"),
    );
    let opts = ServeOptions {
        port: 0,
        ..ServeOptions::default()
    };
    let server = Server::start(ed.path(), &opts, |r| eprintln!("serve: {r}")).unwrap();
    let (mut events, _) = Events::open(server.addr());
    assert!(get(server.addr(), "/articles/jia/")
        .text()
        .contains("First version."));

    write(
        ed.path(),
        TRANSLATION,
        &translation("{#p1}\nSecond version.\n\n{#p2}\nSecond paragraph.\n"),
    );
    events.wait_for("reload");
    let page = get(server.addr(), "/articles/jia/").text();
    assert!(
        page.contains("Second version.") && page.contains("id=\"p2-en\""),
        "{page}"
    );

    // The article has two paragraphs: ¶7 is an error at its marker.
    write(
        ed.path(),
        TRANSLATION,
        &translation("{#p1}\nThird version.\n\n{#p7}\nNowhere.\n"),
    );
    let error = events.wait_for("error");
    let info: serde_json::Value = serde_json::from_str(&error.data).unwrap();
    assert_eq!(info["file"], TRANSLATION, "{info}");
    assert_eq!(info["line"], 9, "{info}");
    assert!(error.data.contains("has no paragraph p7"), "{}", error.data);
    // Nothing else is affected: the last good page is served.
    let page = get(server.addr(), "/articles/jia/").text();
    assert!(
        page.contains("Second version.") && !page.contains("Third version."),
        "{page}"
    );
    assert!(get(server.addr(), "/articles/yi/")
        .text()
        .contains("推进清廉重庆建设"));

    write(ed.path(), TRANSLATION, &translation("{#p1}\nFixed.\n"));
    events.wait_for("reload");
    assert!(get(server.addr(), "/articles/jia/")
        .text()
        .contains("Fixed."));
}
