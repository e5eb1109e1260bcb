//! Issue 9, data safety under `jiedu serve`: a burst of 500 file events
//! becomes a few rebuilds, files deleted while rebuilds run do not bring
//! the server down, and in both cases the served output ends equal to a
//! fresh `jiedu build` of the same files. Waits are on rebuild reports.

use crate::support::serve::*;
use jiedu::serve::{Report, Server};
use std::path::Path;
use std::sync::mpsc;
use std::time::Instant;

struct Harness {
    server: Server,
    reports: mpsc::Receiver<Report>,
}

impl Harness {
    fn start(root: &Path) -> Harness {
        let (server, reports) = start_reporting(root);
        Harness { server, reports }
    }

    /// Waits for rebuild reports until the served output equals a fresh
    /// build of `root`; returns (rebuilds, of which failed).
    fn settle(&self, root: &Path) -> (usize, usize) {
        let expected = fresh_build(root, self.server.url());
        let deadline = Instant::now() + PATIENCE;
        let (mut rebuilds, mut failed) = (0, 0);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let Ok(report) = self.reports.recv_timeout(left) else {
                let served = snapshot(self.server.out_dir());
                let stale: Vec<_> = expected
                    .iter()
                    .filter(|f| !served.contains(f))
                    .map(|(p, _)| p.as_str())
                    .take(10)
                    .collect();
                panic!(
                    "output never equalled a fresh build; differing: {stale:?}\n{}",
                    first_difference(&expected, &served)
                );
            };
            rebuilds += 1;
            if let Report::Failed { error, .. } = &report {
                eprintln!("failed rebuild: {}", error.message);
                failed += 1;
                continue;
            }
            if snapshot(self.server.out_dir()) == expected {
                return (rebuilds, failed);
            }
        }
    }

    /// The server still answers pages and event streams.
    fn is_up(&self) {
        assert_eq!(get(self.server.addr(), "/").status, 200);
        let (events, _hello) = Events::open(self.server.addr());
        events.close();
    }
}

/// Where the first file of `expected` that `served` lacks differs from
/// the served one, with some text either side: what a failure shows.
fn first_difference(expected: &[(String, Vec<u8>)], served: &[(String, Vec<u8>)]) -> String {
    let Some((path, want)) = expected.iter().find(|f| !served.contains(f)) else {
        return String::new();
    };
    let got = served.iter().find(|(p, _)| p == path);
    let got = got.map_or("<missing>".into(), |(_, b)| String::from_utf8_lossy(b));
    let want = String::from_utf8_lossy(want);
    let at = want
        .chars()
        .zip(got.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let near = |s: &str| -> String {
        let part: String = s.chars().skip(at.saturating_sub(300)).take(600).collect();
        part.replace('\n', "⏎")
    };
    format!(
        "{path} from character {at}:\nwant {}\ngot  {}",
        near(&want),
        near(&got)
    )
}

fn article(i: usize, body: &str) -> String {
    format!("---\ntitle: 文章{i}\ndate: 2025-02-01\n---\n{body}\n\n推进清廉重庆建设。\n")
}

#[test]
fn a_burst_of_500_file_events_is_a_few_rebuilds_and_the_site_is_whole() {
    let ed = edition();
    let h = Harness::start(ed.path());
    // 500 new articles written as fast as the test can (each a write and a
    // rename: a thousand file events).
    for i in 0..500 {
        write(
            ed.path(),
            &format!("content/articles/b{i}.md"),
            &article(i, "一阵写入。"),
        );
    }
    let (rebuilds, failed) = h.settle(ed.path());
    eprintln!("500 files written → {rebuilds} rebuild(s), {failed} failed");
    assert_eq!(failed, 0);
    // The loop merges whatever arrives while a rebuild runs into the next
    // one; only pauses of the writing thread longer than the quiet period
    // (a loaded machine) can split the burst, and each split waits for a
    // whole rebuild of hundreds of pages. Ten is generous; one per file
    // would be 500.
    assert!(rebuilds <= 10, "{rebuilds} rebuilds for one burst");
    h.is_up();
    assert_eq!(get(h.server.addr(), "/articles/b499/").status, 200);
}

#[test]
fn files_deleted_while_rebuilds_run_do_not_stop_the_server() {
    let ed = edition();
    for i in 0..150 {
        write(
            ed.path(),
            &format!("content/articles/d{i}.md"),
            &article(i, "将被删除。"),
        );
    }
    let h = Harness::start(ed.path());
    // Delete and recreate articles without pause until three rebuilds
    // have finished meanwhile: rebuilds run while files vanish under them.
    let deadline = Instant::now() + PATIENCE;
    let (mut during, mut failed_during, mut round) = (0, 0, 0);
    while during < 3 {
        assert!(Instant::now() < deadline, "no rebuilds while deleting");
        for i in 0..150 {
            let rel = format!("content/articles/d{i}.md");
            if (i + round) % 2 == 0 {
                let _ = std::fs::remove_file(ed.path().join(&rel));
            } else {
                write(ed.path(), &rel, &article(i, &format!("第{round}轮。")));
            }
        }
        round += 1;
        while let Ok(r) = h.reports.try_recv() {
            during += 1;
            failed_during += usize::from(matches!(r, Report::Failed { .. }));
        }
    }
    // A last article written after every deletion: once it is served,
    // every earlier event has been handled.
    write(
        ed.path(),
        "content/articles/zz-last.md",
        &article(999, "最后。"),
    );
    let (rebuilds, failed) = h.settle(ed.path());
    eprintln!(
        "{round} rounds of deletions; {during} rebuilds during them \
         ({failed_during} failed), then {rebuilds} to settle ({failed} failed)"
    );
    h.is_up();
    assert_eq!(get(h.server.addr(), "/articles/zz-last/").status, 200);
    let gone = (0..150).find(|i| !ed.path().join(format!("content/articles/d{i}.md")).exists());
    let gone = gone.expect("some articles end deleted");
    assert_eq!(
        get(h.server.addr(), &format!("/articles/d{gone}/")).status,
        404,
        "a deleted article is not served"
    );
}
