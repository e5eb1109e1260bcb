//! Translations (issue 19) on a small fixture edition
//! (`tests/fixtures/translations/`): the bilingual article page, listings,
//! feed, hreflang and JSON-LD, the search index, `jiedu translations
//! stamp`, `jiedu check`'s stale-paragraph and rendering reports, and bad
//! translation files failing the build with file:line:col while the
//! previous output stays as it was.

use crate::support::*;
use std::path::{Path, PathBuf};

const BASE: &str = "https://user.github.io/repo/";
const TRANSLATION: &str = "content/translations/en/qing-lian.md";

/// The fixture edition, copied into a temp dir with the templates.
fn fixture() -> tempfile::TempDir {
    let ed = edition(BASE);
    let from = repo().join("tests/fixtures/translations");
    for dir in ["articles", "glossary", "translations"] {
        copy_tree(&from.join(dir), &ed.path().join("content").join(dir));
    }
    ed
}

fn build(root: &Path) -> jiedu::Result<PathBuf> {
    let out = root.join("public");
    let opts = jiedu::site::BuildOptions {
        base_url: Some(BASE.into()),
        out: Some(out.clone()),
        ..Default::default()
    };
    jiedu::site::build(root, &opts).map(|_| out)
}

fn at(html: &str, needle: &str) -> usize {
    html.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in page"))
}

#[test]
fn the_article_page_pairs_each_paragraph_with_its_english() {
    let ed = fixture();
    let out = build(ed.path()).unwrap();
    let html = page(&out, "articles/qing-lian/index.html");
    assert!(html.contains("<div class=\"body bilingual\" data-read=\"both\">"));
    // Pair after pair: ¶N, then its English, then ¶N+1.
    let order: Vec<usize> = [
        "id=\"p1\"",
        "id=\"p1-en\"",
        "id=\"p2\"",
        "id=\"p2-en\"",
        "id=\"p3\"",
        "id=\"p3-en\"",
        "id=\"p4\"",
        "id=\"p4-en\"",
    ]
    .iter()
    .map(|n| at(&html, n))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // The English carries the same ¶ anchor and number, in English.
    let en1 = &html[at(&html, "id=\"p1-en\"")..];
    let en1 = &en1[..at(en1, "</div>")];
    assert!(en1.contains("lang=\"en\""), "{en1}");
    assert!(en1.contains("<a class=\"pn\" href=\"#p1\""), "{en1}");
    assert!(en1.contains(">1</a>"), "{en1}");
    assert!(en1.contains("“Two Establishments”"), "{en1}");
    // ¶4 is not translated: a placeholder, shown only in the English view.
    assert!(html.contains("class=\"blk blk-en untranslated\" id=\"p4-en\""));
    // The glossary still links in the Chinese, and only there.
    let zh1 = &html[at(&html, "id=\"p1\"")..at(&html, "id=\"p1-en\"")];
    assert!(zh1.contains("/repo/glossary/liang-ge-que-li/"), "{zh1}");
    assert!(!en1.contains("glossary/"), "{en1}");
    // Header: English title, translator, status, coverage; the control is
    // there but hidden until the script runs; the notes follow the text.
    assert!(html.contains(
        "<p class=\"title-en\" lang=\"en\">Advancing the Building of a Clean Chongqing</p>"
    ));
    assert!(html.contains("Translated by Test Translator, 2026-11-30; 3 of 4 paragraphs."));
    assert!(html.contains("英译（草稿）"));
    assert!(html.contains("class=\"lang-switch\" role=\"group\""));
    assert!(html.contains("data-read=\"zh\"") && html.contains("data-read=\"en\""));
    assert!(html.contains("Translator’s notes"));
    assert!(html.contains("static/bilingual.js"));
    // The pair, for search engines.
    let canonical = format!("{BASE}articles/qing-lian/");
    assert!(html.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"{canonical}\">"
    )));
    assert!(html.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"{canonical}?lang=en\">"
    )));
    let ld = json_ld(&html);
    let tr = &ld["workTranslation"];
    assert_eq!(tr["inLanguage"], "en");
    assert_eq!(
        tr["headline"],
        "Advancing the Building of a Clean Chongqing"
    );
    assert_eq!(tr["translationOfWork"]["@id"], canonical.as_str());
    assert_eq!(tr["translator"]["name"], "Test Translator");

    // An article without a translation is as before.
    let plain = page(&out, "articles/guo-qi/index.html");
    assert!(plain.contains("<div class=\"body\">"));
    assert!(
        !plain.contains("blk-en") && !plain.contains("hreflang") && !plain.contains("bilingual.js")
    );
    assert!(json_ld(&plain).get("workTranslation").is_none());
}

fn json_ld(html: &str) -> serde_json::Value {
    let start = at(html, "<script type=\"application/ld+json\">");
    let body = &html[start..];
    let body = &body[at(body, ">") + 1..at(body, "</script>")];
    serde_json::from_str(body).unwrap()
}

#[test]
fn listings_feed_and_search_know_the_translation() {
    let ed = fixture();
    let out = build(ed.path()).unwrap();
    let home = page(&out, "index.html");
    let entry = |slug: &str| {
        let s = at(&home, &format!("href=\"/repo/articles/{slug}/\""));
        home[s..s + at(&home[s..], "</li>")].to_string()
    };
    assert!(
        entry("qing-lian").contains("class=\"tr-status tr-draft\""),
        "{}",
        entry("qing-lian")
    );
    assert!(entry("qing-lian").contains("英译（草稿）"));
    assert!(!entry("guo-qi").contains("tr-status"));
    // The home page's list by column marks it too.
    let column = &home[at(&home, "id=\"column-1\"")..];
    let column = &column[..at(column, "</ul>")];
    assert!(
        column.contains("qing-lian") && column.contains("英译（草稿）"),
        "{column}"
    );

    let feed = page(&out, "atom.xml");
    assert!(feed.contains(&format!(
        "hreflang=\"en\" title=\"Advancing the Building of a Clean Chongqing\" href=\"{BASE}articles/qing-lian/?lang=en\""
    )), "{feed}");
    assert!(feed.contains("English translation (draft): Advancing"));

    // The English is searchable under the Chinese paragraph's anchor: the
    // text chunk holds it as paragraph 3 of the article, after the Chinese.
    let mut texts = String::new();
    for e in std::fs::read_dir(out.join("search/t")).unwrap() {
        texts.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    assert!(
        texts.contains("[3,\"Building a Corruption-free Chongqing moves ahead"),
        "{texts}"
    );
    assert!(texts.contains("[3,\"推进清廉重庆建设"), "{texts}");
    let table: serde_json::Value =
        serde_json::from_str(&page(&out, "search/articles.json")).unwrap();
    let slugs = table["slug"].as_array().unwrap();
    let i = slugs.iter().position(|s| s == "qing-lian").unwrap();
    // Four Chinese paragraphs and three English ones.
    assert_eq!(table["paragraphs"][i], 7);
}

#[test]
fn stamp_then_check_reports_stale_paragraphs_and_renderings() {
    let ed = fixture();
    let root = ed.path();
    let before = std::fs::read_to_string(root.join(TRANSLATION)).unwrap();
    let (ok, stdout, stderr) = jiedu(root, &["translations", "stamp"]);
    assert!(ok, "{stdout}{stderr}");
    assert!(stdout.contains("3 markers stamped"), "{stdout}");
    let stamped = std::fs::read_to_string(root.join(TRANSLATION)).unwrap();
    // Only the marker lines changed, each to the hash of its paragraph's
    // plain text (what search and the glossary see).
    let hash = jiedu::content::translation::paragraph_hash(
        "全市党员干部深刻领悟“两个确立”的决定性意义，坚决做到“两个维护”。",
    );
    assert!(
        stamped.contains(&format!("{{#p1 hash={hash}}}\n")),
        "{stamped}"
    );
    let differing: Vec<_> = before
        .lines()
        .zip(stamped.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(differing.len(), 3, "{differing:?}");
    assert!(differing.iter().all(|(a, _)| a.starts_with("{#p")));
    // Stamping again changes nothing.
    let (ok, stdout, _) = jiedu(root, &["translations", "stamp"]);
    assert!(ok && stdout.contains("0 markers stamped"), "{stdout}");

    build(root).unwrap();
    let (ok, stdout, stderr) = jiedu(root, &["check", "--base-url", BASE]);
    assert!(ok, "{stdout}{stderr}");
    // 清廉重庆 is rendered otherwise than the glossary's English: advice.
    assert!(
        stdout.contains(&format!(
            "warning: ./{TRANSLATION}:17:1: p3: 清廉重庆 is glossed “Clean Chongqing”"
        )),
        "{stdout}"
    );
    assert!(!stdout.contains("p1: 两个确立"), "{stdout}");

    // The Chinese of ¶1 changes: its translation is stale, and check fails
    // naming the marker's line.
    let article = root.join("content/articles/qing-lian.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replace("深刻领悟", "深刻认识")).unwrap();
    build(root).unwrap();
    let (ok, stdout, stderr) = jiedu(root, &["check", "--base-url", BASE]);
    assert!(!ok, "{stdout}");
    assert!(
        stdout.contains(&format!(
            "{TRANSLATION}:9:1: stale: the Chinese of p1 changed"
        )),
        "{stdout}"
    );
    assert!(!stdout.contains("p3 changed"), "{stdout}");
    assert!(stderr.contains("1 stale and 0 unknown"), "{stderr}");
    // After revising, --restamp records the new Chinese.
    let (ok, stdout, _) = jiedu(root, &["translations", "stamp", "--restamp", "qing-lian"]);
    assert!(ok && stdout.contains("1 markers stamped"), "{stdout}");
    let (ok, stdout, _) = jiedu(root, &["check", "--base-url", BASE]);
    assert!(ok, "{stdout}");
}

/// A bad translation fails the build with an error at its place, and the
/// previous output stays byte for byte.
fn fails_with(edit: impl FnOnce(&Path), expected: &str) {
    let ed = fixture();
    let root = ed.path();
    let out = build(root).unwrap();
    let before = snapshot(&out);
    edit(root);
    let e = build(root).unwrap_err().to_string();
    assert!(e.contains(expected), "expected `{expected}` in:\n{e}");
    assert!(
        snapshot(&out) == before,
        "public/ changed after a failed build"
    );
    let (ok, _, stderr) = jiedu(root, &["build"]);
    assert!(!ok && stderr.contains(expected), "{stderr}");
}

fn rewrite(root: &Path, rel: &str, f: impl FnOnce(String) -> String) {
    let p = root.join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, f(text)).unwrap();
}

#[test]
fn an_unknown_anchor_is_an_error_at_its_marker() {
    fails_with(
        |r| rewrite(r, TRANSLATION, |t| t + "\n{#p9}\nNo such paragraph.\n"),
        &format!("{TRANSLATION}:21:3: the article `qing-lian` has no paragraph p9 (it has 4)"),
    );
}

#[test]
fn a_duplicate_anchor_is_an_error_at_the_second_marker() {
    fails_with(
        |r| rewrite(r, TRANSLATION, |t| t.replace("{#p3}", "{#p1}")),
        &format!("{TRANSLATION}:17:3: paragraph p1 is translated twice (first at line 9)"),
    );
}

#[test]
fn a_translation_of_a_missing_article_is_an_error() {
    fails_with(
        |r| {
            write(
                r,
                "content/translations/en/mei-you.md",
                "---\ntitle: Nothing\n---\n{#p1}\nX\n",
            )
        },
        "content/translations/en/mei-you.md:1:1: no article `mei-you` to translate",
    );
}

#[test]
fn malformed_front_matter_is_an_error_at_its_line() {
    fails_with(
        |r| {
            rewrite(r, TRANSLATION, |t| {
                t.replace("status: draft", "status: finished")
            })
        },
        &format!("{TRANSLATION}:5:9: status: unknown variant `finished`"),
    );
    fails_with(
        |r| rewrite(r, TRANSLATION, |t| t.replace("{#p2}", "{#p2 hash=nothex}")),
        &format!("{TRANSLATION}:14:6: a hash is 16 lowercase hex digits"),
    );
}

#[test]
fn translation_text_is_escaped_everywhere() {
    let ed = fixture();
    let root = ed.path();
    rewrite(root, TRANSLATION, |t| {
        t.replace(
            "title: Advancing the Building of a Clean Chongqing",
            "title: \"</script><img src=x onerror=alert(1)>\"",
        )
        .replace(
            "I. Main practices",
            "<script>alert(2)</script> [x](javascript:alert(3))",
        )
    });
    let out = build(root).unwrap();
    let html = page(&out, "articles/qing-lian/index.html");
    let feed = page(&out, "atom.xml");
    let home = page(&out, "index.html");
    for (name, text) in [("article", &html), ("feed", &feed), ("home", &home)] {
        assert!(!text.contains("<img src=x"), "{name}: {text}");
        assert!(!text.contains("<script>alert"), "{name}: {text}");
        assert!(!text.contains("href=\"javascript:"), "{name}: {text}");
    }
    assert!(
        html.contains("&lt;script&gt;alert(2)&lt;&#x2F;script&gt;")
            || html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"),
        "{html}"
    );
    // The JSON-LD still parses and holds the title as text.
    let ld = json_ld(&html);
    assert_eq!(
        ld["workTranslation"]["headline"],
        "</script><img src=x onerror=alert(1)>"
    );
}
