//! Search (issue 6): the index `jiedu build` writes, the search page, and
//! the client-side engine run under Node against that index.

use crate::support::{browser::*, search::*, *};

fn json(out: &std::path::Path, rel: &str) -> serde_json::Value {
    serde_json::from_str(&page(out, rel)).unwrap()
}

#[test]
fn the_search_page_names_its_index_under_the_sub_path() {
    let ed = fixture();
    let out = built(&ed);
    let html = page(&out, "search/index.html");
    assert!(
        html.contains(r#"data-index="/repo/search/meta.json""#),
        "{html}"
    );
    assert!(html.contains("/repo/static/search-core.js"));
    assert!(html.contains("/repo/static/search.js"));
    assert!(html.contains("<noscript>"));
    assert!(html.contains(r#"href="/repo/glossary/""#));
    // Every page has the header box, and only the search page loads the
    // engine and the index.
    let article = page(&out, "articles/a-que-li/index.html");
    assert!(article.contains(r#"action="/repo/search/""#));
    assert!(article.contains("/repo/static/search-key.js"));
    assert!(!article.contains("search-core.js") && !article.contains("meta.json"));
}

#[test]
fn the_head_lists_terms_forms_and_shards_and_the_table_lists_articles() {
    let ed = fixture();
    let out = built(&ed);
    let meta = json(&out, "search/meta.json");
    assert_eq!(meta["v"], 3);
    assert_eq!(meta["article_prefix"], "/repo/articles/");
    assert_eq!(meta["articles"], 3);
    let term = meta["terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "liang-ge-que-li")
        .unwrap();
    assert_eq!(term["url"], "/repo/glossary/liang-ge-que-li/");
    assert_eq!(term["english"], "Two Establishes");
    assert_eq!(term["count"], 3);
    // Forms of two tokens or more get a list of their own; 清廉 is one
    // bigram and 33618 one word, already exact.
    let forms: Vec<&str> = meta["forms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(
        forms.contains(&"两个确立") && forms.contains(&"三攻坚一盘活"),
        "{forms:?}"
    );
    assert!(
        !forms.contains(&"清廉") && !forms.contains(&"33618"),
        "{forms:?}"
    );
    let shards = meta["shards"].as_u64().unwrap() as usize;
    assert!(shards.is_power_of_two());
    for n in 0..shards {
        assert!(out.join(format!("search/p/{n}.json")).is_file());
    }
    // The article table, in columns, newest first; paragraphs 3 + 2 + 3.
    let articles = json(&out, "search/articles.json");
    assert_eq!(
        articles["slug"],
        serde_json::json!(["a-que-li", "b-guo-qi", "c-san-luan"])
    );
    assert_eq!(articles["title"][1], "国企改革深化提升");
    assert_eq!(articles["paragraphs"], serde_json::json!([3, 2, 3]));
    let dates = &articles["dates"];
    let date = |i: usize| dates[articles["date"][i].as_u64().unwrap() as usize].clone();
    assert_eq!(date(0), "2025年2月13日");
    assert_eq!(date(2), "2024年6月1日");
    assert_eq!(articles["chunks"][0], 0);
}

/// The value under `key` in the postings shard that holds `token`.
fn in_shard_of(out: &std::path::Path, token: &str, key: &str) -> serde_json::Value {
    let shards = json(out, "search/meta.json")["shards"].as_u64().unwrap() as u32;
    let n = jiedu::site::search::token_hash(token) % shards;
    json(out, &format!("search/p/{n}.json"))[key].clone()
}

#[test]
fn postings_are_delta_encoded_paragraph_numbers_in_the_hashed_shard() {
    let ed = fixture();
    let out = built(&ed);
    let list = |token: &str| {
        let deltas: Vec<u32> =
            serde_json::from_value(in_shard_of(&out, token, token)).unwrap_or_default();
        deltas
            .iter()
            .scan(0, |acc, d| {
                *acc += d;
                Some(*acc)
            })
            .collect::<Vec<u32>>()
    };
    // 确立: a ¶1, ¶2; b ¶2 (global 4); c ¶1 (global 5, 需要确立).
    assert_eq!(list("确立"), [0, 1, 4, 5]);
    assert_eq!(list("盘活"), [3, 4]);
    assert_eq!(list("33618"), [3]);
    assert_eq!(list("gdp"), [7]);
    assert_eq!(list("test"), [7]);
    assert!(list("两确").is_empty());
    // A glossary form's own list: only where it stands whole (c-san-luan
    // has 两个 … 确立 apart; its global paragraphs are 5–7).
    assert_eq!(list("=两个确立"), [0, 1, 4]);
    assert_eq!(list("=三攻坚一盘活"), [3, 4]);
}

/// A glossary form's shard carries the snippet text of its first page of
/// results, so a slogan is answered by one fetch.
#[test]
fn a_forms_shard_carries_the_text_of_its_first_results() {
    let ed = fixture();
    let out = built(&ed);
    let leads = |token: &str| {
        let key = format!("{}{token}", jiedu::site::search::LEAD_MARK);
        in_shard_of(&out, token, &key)
    };
    // 两个确立: a-que-li ¶1 and ¶2 (title match first), then b-guo-qi ¶2.
    let got = leads("=两个确立");
    let got: Vec<(u64, u64, &str, u64)> = got
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l[0].as_u64().unwrap(),
                l[1].as_u64().unwrap(),
                l[2].as_str().unwrap(),
                l[3].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                0,
                1,
                "全市党员干部深刻领悟“两个确立”的决定性意义，坚决做到“两个维护”。",
                0
            ),
            (1, 2, "再次强调，“两个确立”是最大的政治成果。", 0),
            // Cut 24 characters before the match: what the page shows.
            (
                4,
                2,
                "委通报：国企“三攻坚一盘活”取得成效；同时拥护“两个确立”。",
                1
            ),
        ]
    );
    // A one-token form (33618) has them beside its token's list; a word
    // that is no glossary form has none.
    assert_eq!(leads("33618")[0][0], 3);
    assert!(leads("确立").is_null());
}

#[test]
fn paragraph_text_is_stored_once_with_its_anchor() {
    let ed = fixture();
    let out = built(&ed);
    let chunk = json(&out, "search/t/0.json");
    assert_eq!(chunk["a"], 0);
    assert_eq!(chunk["p"][0][1][0], 2);
    assert!(chunk["p"][0][1][1]
        .as_str()
        .unwrap()
        .starts_with("再次强调"));
    // Markup in the text stays text: JSON-escaped here, drawn with
    // textContent by the page.
    let all = page(&out, "search/t/0.json");
    assert!(all.contains("<script>alert(1)</script>"));
}

#[test]
fn the_search_page_passes_the_link_check() {
    let ed = fixture();
    let out = built(&ed);
    let base = jiedu::config::BaseUrl::parse(BASE).unwrap();
    let broken = jiedu::site::check::check_links(&out, &base).unwrap();
    assert!(broken.is_empty(), "{broken:?}");
}

/// The same engine the page runs, under `node --test`, against this
/// fixture's index: ranking, phrase checks, aliases, snippets.
#[test]
fn the_javascript_engine_passes_its_tests() {
    if node().is_none() {
        return skip("node is not installed; the JavaScript search tests did not run");
    }
    let ed = fixture();
    let out = built(&ed);
    run_node(
        &["--test", "tests/browser/search_core.test.mjs"],
        &[("JIEDU_SEARCH_SITE", &out)],
    );
}
