//! `jiedu serve` edit→reload latency at 100, 1,000 and 10,000 articles,
//! next to a full build of the same edition (issue 5; DESIGN.md target:
//! median under 100 ms at 10,000 articles).
//!
//! A synthetic edition is generated deterministically: N articles of
//! about 3 KB made by reshuffling paragraphs of the seed texts
//! (`$JIEDU_SEEDS`, else `content/sources/`) and N/10 generated glossary
//! terms woven into them, by [`jiedu::synth`]; the bundled templates. For each size it measures
//!
//! - a full `site::build` (the median of three);
//! - the time from writing an edited article to its `reload` event arriving
//!   on a real SSE connection, for body edits (the common case: one page
//!   and the term pages it touches) and for title edits (which also
//!   re-render the home page, feed, sitemap and neighbours). This includes
//!   the watcher's 20 ms debounce.
//!
//! Then, for the largest size only (issue 21: "under 100 ms at any
//! editing pace"), body edits at an editor's pace: one every 3.5 s, 1 s
//! and 0.3 s (each run starting from an idle server whose search index is
//! published). At 3.5 s the search index is refreshed between edits; at
//! 1 s a refresh starts in each pause and is overtaken by the next edit;
//! at 0.3 s the editor rarely pauses long enough to start one. A last
//! figure is what starting a refresh costs the rebuild thread (copying
//! what the index reads), the only part of it an edit can wait for.
//!
//! Run: `cargo bench --bench serve_latency` (`-- 100 1000` for some sizes).

#[path = "../tests/support/mod.rs"]
mod test_support;
use test_support::serve as support;

use jiedu::serve::Report;

// The allocator of the `jiedu` binary, so the server measured here
// allocates as `jiedu serve` does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};
use support::Events;

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![100, 1_000, 10_000]
    } else {
        sizes
    };
    let paragraphs = seed_paragraphs();
    println!("{} seed paragraphs", paragraphs.len());
    println!("| articles | full build | body edit→reload median / p95 | title edit→reload median / p95 | rebuild alone (body) median |");
    println!("| --- | --- | --- | --- | --- |");
    for &n in &sizes {
        bench(n, &paragraphs);
    }
    if let Some(&n) = sizes.iter().max() {
        paced(n, &paragraphs);
    }
}

/// Body edits at three paces on one edition of `n` articles.
fn paced(n: usize, paragraphs: &[String]) {
    let ed = tempfile::tempdir().unwrap();
    let root = ed.path().canonicalize().unwrap();
    generate(&root, n, paragraphs);
    let (server, _reports) = support::start_reporting(&root);
    let (mut events, _) = Events::open(server.addr());
    println!();
    println!("| articles | edits apart | body edit→reload median / p95 / mean | edits |");
    println!("| --- | --- | --- | --- |");
    let mut k = 1000;
    for (gap, count) in [(3500, 15), (1000, 25), (300, 40)] {
        let gap = Duration::from_millis(gap);
        let mut took = Vec::new();
        let start = Instant::now();
        for j in 0..count {
            let at = start + gap * j;
            std::thread::sleep(at.saturating_duration_since(Instant::now()));
            let i = (k * 7919) % n;
            took.push(edit(&root, &mut events, i, k, false));
            k += 1;
        }
        let mean = took.iter().sum::<Duration>() / count;
        println!(
            "| {n} | {:.1} s | {} / {} / {} | {count} |",
            gap.as_secs_f64(),
            ms(median(&mut took)),
            ms(p95(&mut took)),
            ms(mean),
        );
        // The next run starts from an idle server, its index published.
        events.wait_for("search");
    }
    server.stop();
    println!(
        "| {n} | refresh start (rebuild thread) | {} | |",
        ms(snapshot_cost(&root))
    );
}

/// What handing a search refresh to its thread costs the rebuild thread:
/// the median of five, on a session of the edition at `root`.
fn snapshot_cost(root: &Path) -> Duration {
    use jiedu::incremental::{OutputDir, Session};
    let out = tempfile::tempdir().unwrap();
    let base = jiedu::config::BaseUrl::parse("http://127.0.0.1:1/").unwrap();
    let layout = jiedu::layout::Layout::new(root);
    let mut session = Session::open(layout, OutputDir::open(out.path()).unwrap(), base);
    session.apply(Vec::new(), true).unwrap();
    let (tx, rx) = mpsc::channel();
    let done = move |r| drop(tx.send(r));
    session
        .refresh_search_in_background(Box::new(done))
        .unwrap();
    let mut took: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            session.start_search_refresh();
            let took = start.elapsed();
            // One at a time: the next starts once this one has ended.
            rx.recv().unwrap();
            took
        })
        .collect();
    median(&mut took)
}

fn bench(n: usize, paragraphs: &[String]) {
    let ed = tempfile::tempdir().unwrap();
    let root = ed.path().canonicalize().unwrap();
    generate(&root, n, paragraphs);
    let full = median(&mut (0..3).map(|_| full_build(&root)).collect::<Vec<_>>());

    let (server, reports) = support::start_reporting(&root);
    let (mut events, _) = Events::open(server.addr());

    let edits = if n >= 10_000 { 25 } else { 40 };
    let mut body = Vec::new();
    let mut title = Vec::new();
    let mut rebuild = Vec::new();
    for k in 0..edits {
        let i = (k * 7919) % n;
        body.push(edit(&root, &mut events, i, k, false));
        rebuild.push(rebuild_time(&reports));
        title.push(edit(&root, &mut events, i, k, true));
        rebuild_time(&reports);
    }
    println!(
        "| {n} | {} | {} / {} | {} / {} | {} |",
        ms(full),
        ms(median(&mut body)),
        ms(p95(&mut body)),
        ms(median(&mut title)),
        ms(p95(&mut title)),
        ms(median(&mut rebuild)),
    );
    server.stop();
}

/// Edits article `i` (its body, or its title too) and waits for the reload.
fn edit(root: &Path, events: &mut Events, i: usize, k: usize, retitle: bool) -> Duration {
    let path = root.join(format!("content/articles/synth-{i:06}.md"));
    let text = std::fs::read_to_string(&path).unwrap();
    let text = match retitle {
        true => text.replacen("title: '", &format!("title: '改{k}"), 1),
        false => format!("{text}\n编辑第{k}次修改了这一段。\n"),
    };
    let start = Instant::now();
    std::fs::write(&path, text).unwrap();
    loop {
        let e = events.next().expect("reload within the patience");
        if e.name == "reload" {
            return start.elapsed();
        }
        assert_ne!(e.name, "error", "{}", e.data);
    }
}

/// How long the server's last rebuild took by its own clock.
fn rebuild_time(reports: &mpsc::Receiver<Report>) -> Duration {
    let mut last = Duration::ZERO;
    // The report is sent before the reload event, so it is already here.
    for r in reports.try_iter() {
        match r {
            Report::Rebuilt { elapsed, .. } => last = elapsed,
            Report::Failed { error, .. } => panic!("{}", error.message),
        }
    }
    last
}

fn full_build(root: &Path) -> Duration {
    let out = tempfile::tempdir().unwrap();
    let opts = jiedu::site::BuildOptions {
        base_url: None,
        out: Some(out.path().join("public")),
        ..Default::default()
    };
    let start = Instant::now();
    jiedu::site::build(root, &opts).unwrap();
    start.elapsed()
}

/// A deterministic edition of `n` articles and `n / 10` generated terms
/// (the shared generator, [`jiedu::synth`]).
fn generate(root: &Path, n: usize, paragraphs: &[String]) {
    let opts = jiedu::synth::SynthOptions {
        articles: n,
        terms: (n / 10).max(1),
        seed: 42,
    };
    jiedu::synth::write_edition(
        root,
        &support::repo().join("templates"),
        None,
        paragraphs,
        &opts,
    )
    .unwrap();
}

/// Paragraphs of the seed texts (`$JIEDU_SEEDS`, else `content/sources`).
fn seed_paragraphs() -> Vec<String> {
    let dir = jiedu::synth::seed_dir(&support::repo());
    jiedu::synth::seed_paragraphs(&dir).unwrap_or_else(|e| panic!("{e}"))
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn p95(v: &mut [Duration]) -> Duration {
    v.sort();
    v[((v.len() as f64 * 0.95).ceil() as usize).min(v.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
