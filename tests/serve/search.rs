//! The search index under `jiedu serve` (issue 21, point 5): refreshed
//! on a thread of its own once the editor pauses, published whole, and
//! announced to open pages with a `search` event. After a burst of edits
//! the index served over HTTP is the last edit's, every file of it (its
//! head, article table and shards agree), as a fresh build writes it.
//! Waits are on events with generous deadlines, never on timings.

use crate::support::serve::*;
use jiedu::serve::Server;
use std::net::SocketAddr;

/// The search index's files as served over HTTP: the head and article
/// table by name, then every shard and text chunk the head and table
/// say there are.
fn served_index(addr: SocketAddr) -> Vec<(String, Vec<u8>)> {
    let fetch = |rel: &str| {
        let r = get(addr, &format!("/{rel}"));
        assert_eq!(r.status, 200, "{rel}");
        (rel.to_string(), r.body)
    };
    let meta = fetch("search/meta.json");
    let articles = fetch("search/articles.json");
    let head: serde_json::Value = serde_json::from_slice(&meta.1).unwrap();
    let table: serde_json::Value = serde_json::from_slice(&articles.1).unwrap();
    let rows = table["slug"].as_array().unwrap().len();
    assert_eq!(head["articles"], rows, "head and article table agree");
    let shards = head["shards"].as_u64().unwrap() as usize;
    let chunks = table["chunks"].as_array().unwrap().len();
    let mut files = vec![meta, articles];
    files.extend((0..shards).map(|n| fetch(&format!("search/p/{n}.json"))));
    files.extend((0..chunks).map(|n| fetch(&format!("search/t/{n}.json"))));
    files.sort();
    files
}

/// The same files of a fresh build.
fn built_index(root: &std::path::Path, url: &str) -> Vec<(String, Vec<u8>)> {
    let is_index = |p: &str| p.starts_with("search/") && p.ends_with(".json");
    let mut files: Vec<_> = fresh_build(root, url)
        .into_iter()
        .filter(|(p, _)| is_index(p))
        .collect();
    files.sort();
    files
}

fn start(root: &std::path::Path) -> Server {
    let opts = jiedu::serve::ServeOptions {
        port: 0,
        ..jiedu::serve::ServeOptions::default()
    };
    Server::start(root, &opts, |r| eprintln!("serve: {r}")).unwrap()
}

#[test]
fn after_a_burst_of_edits_the_served_index_is_the_last_edits_whole() {
    let ed = edition();
    let root = ed.path().canonicalize().unwrap();
    let server = start(&root);
    let (mut events, _) = Events::open(server.addr());
    let article = |k: usize| {
        format!("---\ntitle: 新文章{k}\ndate: 2025-02-01\n---\n第{k}次编辑提到清廉重庆。\n")
    };
    // Each edit adds an article and waits for its page: the index has
    // more rows each time, and lags until the editor pauses.
    for k in 0..6 {
        write(&root, &format!("content/articles/new-{k}.md"), &article(k));
        events.wait_for("reload");
    }
    // The pause: the index of the last state is published, and pages
    // that loaded the index are told where it lives. (On a slow machine
    // an index of an earlier state may have been published during the
    // burst, its event arriving late: each event is a whole index, the
    // last one is the last edit's.)
    let expected = built_index(&root, server.url());
    loop {
        let search = events.wait_for("search");
        assert_eq!(search.data, "/search/");
        if served_index(server.addr()) == expected {
            break;
        }
    }
    let articles = get(server.addr(), "/search/articles.json").text();
    assert!(articles.contains("新文章5"), "the last edit is searchable");
}
