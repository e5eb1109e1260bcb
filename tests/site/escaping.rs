//! Issue 9, escaping everywhere: hostile text — `</script>`, quotes,
//! `<img onerror>` — in an article's title and paragraphs stays text in
//! keyword-in-context snippets on term pages, in the search index, in the
//! rendered search results (headless Chromium: `browser::escaping`), and
//! in the dev server's
//! error page; and no `javascript:`, `data:` or `vbscript:` URL survives
//! in a link or image, however it is spelled.
//!
//! (Front-matter in templates, the body, JSON-LD and the Atom feed are
//! covered by `build`; the live error overlay by `browser::serve`.)

use crate::support::{search::*, *};
use std::path::{Path, PathBuf};

fn built_for(ed: &tempfile::TempDir) -> PathBuf {
    built(ed)
}

/// The title as a reader should see it (front-matter is plain text, so
/// `&amp;` stays as typed).
fn shown_title() -> String {
    format!("坏标题</script>{PAYLOAD}\"'&amp;")
}

/// Every `<tag …>` in `html` whose name is `name`.
fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    html.match_indices(&open)
        .filter(|(i, _)| {
            html[i + open.len()..]
                .chars()
                .next()
                .is_some_and(|c| c == ' ' || c == '>')
        })
        .map(|(i, _)| &html[i..i + html[i..].find('>').map_or(0, |e| e + 1)])
        .collect()
}

fn assert_inert(html: &str, what: &str) {
    assert!(tags(html, "img").is_empty(), "{what}: an <img> got through");
    assert!(!html.contains(PAYLOAD), "{what}: raw payload");
    assert!(!html.contains("</script><img"), "{what}: raw </script>");
    assert!(!html.contains("<b>粗</b>"), "{what}: raw markup");
    // Every script element is one of the edition's own.
    for tag in tags(html, "script") {
        assert!(
            tag.contains("src=\"/repo/static/") || tag.contains("application/ld+json"),
            "{what}: foreign script {tag}"
        );
    }
}

#[test]
fn keyword_in_context_snippets_on_term_pages_stay_text() {
    let ed = hostile_edition();
    let out = built_for(&ed);
    let html = page(&out, "glossary/liang-ge-que-li/index.html");
    assert_inert(&html, "term page");
    // The snippet shows the paragraph's text, escaped, and the title too.
    assert!(
        html.contains("&lt;img src=x onerror=window.__pwned=1&gt;"),
        "snippet text shown escaped: {html}"
    );
    assert!(html.contains(&tera_escape(&shown_title())), "title: {html}");
    for rel in [
        "index.html",
        "articles/hostile/index.html",
        "glossary/index.html",
    ] {
        assert_inert(&page(&out, rel), rel);
    }
}

/// Every JSON file under `dir`, parsed.
fn json_files(dir: &Path) -> Vec<(PathBuf, serde_json::Value)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let value = serde_json::from_str(&text)
                .unwrap_or_else(|err| panic!("{}: not JSON: {err}", e.path().display()));
            (e.path().to_path_buf(), value)
        })
        .collect()
}

/// Every string in a JSON value.
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[test]
fn the_search_index_holds_hostile_text_as_json_strings() {
    let ed = hostile_edition();
    let out = built_for(&ed);
    let files = json_files(&out.join("search"));
    assert!(!files.is_empty());
    let mut all = Vec::new();
    for (_, v) in &files {
        strings(v, &mut all);
    }
    // Stored exactly (the page draws it with textContent), so searching
    // and snippets see what the reader sees.
    assert!(
        all.iter().any(|s| s == &shown_title()),
        "title stored as data"
    );
    // The paragraph as text: Markdown has decoded `&amp;` to `&`, and the
    // raw `<b>` (escaped by the raw-HTML policy) is kept as characters.
    let para = format!("两个确立</script>{PAYLOAD}\"'&<b>粗</b>");
    assert!(all.iter().any(|s| s == &para), "paragraph stored as data");
    // The search page itself inlines none of it.
    assert_inert(&page(&out, "search/index.html"), "search page");
}

/// Decodes the entities an attribute value may use to hide a scheme.
fn decode_entities(v: &str) -> String {
    let mut out = String::new();
    let mut rest = v;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(end) = tail.find(';') else {
            out.push_str(tail);
            return out;
        };
        let entity = &tail[1..end];
        let ch = match entity {
            "colon" => Some(':'),
            "amp" => Some('&'),
            "Tab" => Some('\t'),
            "NewLine" => Some('\n'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => out.push(c),
            None => out.push_str(&tail[..=end]),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The values of every `href`, `src` and `action` attribute.
fn urls_in(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for attr in [" href=\"", " src=\"", " action=\""] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            urls.push(decode_entities(
                &rest[..rest.find('"').unwrap_or(rest.len())],
            ));
        }
    }
    urls
}

#[test]
fn no_script_or_data_url_survives_in_links_or_images() {
    let ed = edition(BASE);
    let body = [
        "[a](javascript:alert(1))",
        "[b](JaVaScRiPt:alert(1))",
        "[c]( javascript:alert(1))",
        "[d](java&#115;cript:alert(1))",
        "[e](javascript&#58;alert(1))",
        "[f](javascript&colon;alert(1))",
        "[g](&#x6A;avascript:alert(1))",
        "[h](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[i](vbscript:msgbox(1))",
        "[j](<javascript:alert(1)>)",
        "<javascript:alert(1)>",
        "[k][ref]",
        "![l](data:image/svg+xml,<svg onload=alert(1)>)",
        "![m](javascript:alert(1))",
        "![p](data:image/png;base64,iVBORw0KGgo=)",
        "[n](\tjavascript:alert(1))",
        "[o](java%0ascript:alert(1))",
        "[可以](https://example.org/ok)",
        "",
        "[ref]: javascript:alert(1)",
    ]
    .join("\n\n");
    write(
        ed.path(),
        "content/articles/urls.md",
        &format!("---\ntitle: 链接\n---\n{body}\n"),
    );
    let out = built_for(&ed);
    let html = page(&out, "articles/urls/index.html");
    let urls = urls_in(&html);
    assert!(
        urls.iter().any(|u| u == "https://example.org/ok"),
        "a safe link survives: {urls:?}"
    );
    for u in &urls {
        let squashed: String = u
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect::<String>()
            .to_ascii_lowercase();
        for scheme in ["javascript:", "data:", "vbscript:"] {
            assert!(!squashed.starts_with(scheme), "{scheme} survived: {u}");
        }
    }
    // The links' text is still there.
    for text in ["可以", ">a<", ">b<"] {
        assert!(html.contains(text), "{text} kept: {html}");
    }
    assert!(tags(&html, "svg").is_empty(), "no inline SVG from an image");
}

#[test]
fn the_dev_servers_error_page_shows_markup_as_text() {
    use jiedu::serve::{ServeOptions, Server};
    let ed = edition(BASE);
    // An unknown key is quoted in the message: the payload reaches it.
    write(
        ed.path(),
        "content/articles/bad.md",
        &format!("---\ntitle: 坏\n\"{PAYLOAD}\": 1\n---\n"),
    );
    let opts = ServeOptions {
        port: 0,
        ..ServeOptions::default()
    };
    let server = Server::start(ed.path(), &opts, |_| {}).unwrap();
    let addr = server.addr();
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    use std::io::{Read, Write};
    write!(s, "GET / HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut raw = String::new();
    s.read_to_string(&mut raw).unwrap();
    assert!(
        raw.starts_with("HTTP/1.0 500") || raw.starts_with("HTTP/1.1 500"),
        "{raw}"
    );
    assert!(
        raw.contains("content/articles/bad.md:3:1") && raw.contains("&lt;img src=x onerror"),
        "the message is shown, escaped: {raw}"
    );
    let body = &raw[raw.find("\r\n\r\n").unwrap()..];
    assert!(tags(body, "img").is_empty(), "{body}");
    for tag in tags(body, "script") {
        assert!(
            tag.contains("/__jiedu/reload.js"),
            "only the reload script: {tag}"
        );
    }
    server.stop();
}
