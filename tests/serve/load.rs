//! Issue 9, the dev server under load: `jiedu serve` as its own process on
//! an ephemeral port answers waves of 1,000 concurrent requests (pages,
//! static files, missing pages, event streams opened and dropped) while an
//! article is edited and rebuilt over and over, with no errors, whole
//! bodies, and bounded memory read from the server's /proc status.
#![cfg(target_os = "linux")]

use crate::support::serve::{edition, write, PATIENCE};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Barrier};

/// Requests in flight at once in each wave.
const CONCURRENT: usize = 1_000;

/// The server process; killed when dropped.
struct ServerProcess {
    child: Child,
    addr: SocketAddr,
    out: PathBuf,
    lines: mpsc::Receiver<String>,
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl ServerProcess {
    fn start(root: &Path) -> ServerProcess {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jiedu"))
            .args(["serve", "--port", "0"])
            .current_dir(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, lines) = mpsc::channel();
        let out = BufReader::new(child.stdout.take().unwrap());
        let err = BufReader::new(child.stderr.take().unwrap());
        let tx2 = tx.clone();
        std::thread::spawn(move || {
            out.lines()
                .map_while(Result::ok)
                .for_each(|l| drop(tx.send(l)))
        });
        std::thread::spawn(move || {
            err.lines()
                .map_while(Result::ok)
                .for_each(|l| drop(tx2.send(format!("stderr: {l}"))))
        });
        let mut server = ServerProcess {
            child,
            addr: "127.0.0.1:0".parse().unwrap(),
            out: root.join(".jiedu-serve"),
            lines,
        };
        let serving = server.line_with("serving ");
        let url = serving
            .split(" at ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap();
        let host = url.trim_start_matches("http://").trim_end_matches('/');
        server.addr = host.parse().unwrap();
        server
    }

    /// The next output line containing `what`.
    fn line_with(&self, what: &str) -> String {
        loop {
            let line = self
                .lines
                .recv_timeout(PATIENCE)
                .unwrap_or_else(|_| panic!("no `{what}` line from the server"));
            if line.contains(what) {
                return line;
            }
            assert!(!line.starts_with("stderr: error"), "{line}");
        }
    }

    /// (VmRSS, VmHWM) in KiB.
    fn memory(&self) -> (u64, u64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let field = |name: &str| -> u64 {
            let line = status.lines().find(|l| l.starts_with(name)).unwrap();
            line.split_whitespace().nth(1).unwrap().parse().unwrap()
        };
        (field("VmRSS:"), field("VmHWM:"))
    }
}

/// A thousand client sockets need more than the common default of 1,024
/// descriptors; the server process inherits the raised limit.
fn raise_open_file_limit() {
    use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
    let lim = getrlimit(Resource::Nofile);
    let want = 4 * CONCURRENT as u64;
    if lim.current.is_some_and(|c| c < want) {
        let max = lim.maximum.map_or(want, |m| m.min(want));
        assert!(
            max >= 3 * CONCURRENT as u64,
            "the open-file hard limit ({max}) is too low for this test"
        );
        setrlimit(
            Resource::Nofile,
            Rlimit {
                current: Some(max),
                maximum: lim.maximum,
            },
        )
        .unwrap();
    }
}

/// One kind of request and what a correct answer is.
#[derive(Clone)]
enum Probe {
    /// A page: 200, HTML, complete to `</html>`.
    Page(String),
    /// A static file: 200 and exactly these bytes.
    Static(String, Arc<Vec<u8>>),
    /// A missing page: the site's 404 page, complete.
    Missing(String),
    /// The event stream: connect, read the hello event, hang up.
    Events,
}

/// Runs `probe`; `Err` says what was wrong.
fn run(addr: SocketAddr, probe: &Probe) -> Result<(), String> {
    let mut s = TcpStream::connect(addr).map_err(|e| format!("connect: {e}"))?;
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    let target = match probe {
        Probe::Page(p) | Probe::Static(p, _) | Probe::Missing(p) => p.as_str(),
        Probe::Events => "/__jiedu/events",
    };
    write!(s, "GET {target} HTTP/1.0\r\nHost: {addr}\r\n\r\n").map_err(|e| e.to_string())?;
    if let Probe::Events = probe {
        let mut r = BufReader::new(s);
        let mut line = String::new();
        while !line.starts_with("event: hello") {
            line.clear();
            if r.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
                return Err("event stream ended before hello".into());
            }
        }
        return Ok(()); // dropped: the client disconnects
    }
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)
        .map_err(|e| format!("{target}: {e}"))?;
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or(format!("{target}: no end of headers"))?;
    let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    let body = &raw[end + 4..];
    let status = head.split(' ').nth(1).unwrap_or("");
    if let Some(len) = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
    {
        if len != body.len() {
            return Err(format!("{target}: {} of {len} bytes", body.len()));
        }
    }
    let html_whole = String::from_utf8_lossy(body)
        .trim_end()
        .ends_with("</html>");
    let ok = match probe {
        Probe::Page(_) => status == "200" && html_whole,
        Probe::Missing(_) => status == "404" && html_whole,
        Probe::Static(_, bytes) => status == "200" && body == bytes.as_slice(),
        Probe::Events => unreachable!(),
    };
    ok.then_some(())
        .ok_or_else(|| format!("{target}: status {status}, {} bytes", body.len()))
}

/// Every page and static file of the served site, as probes.
fn probes(out: &Path) -> Vec<Probe> {
    let mut pages = Vec::new();
    let mut statics = Vec::new();
    for e in walkdir::WalkDir::new(out).into_iter().map(|e| e.unwrap()) {
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e
            .path()
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if let Some(dir) = rel.strip_suffix("index.html") {
            pages.push(Probe::Page(format!("/{dir}")));
        } else if rel.starts_with("static/") {
            let bytes = Arc::new(std::fs::read(e.path()).unwrap());
            statics.push(Probe::Static(format!("/{rel}"), bytes));
        }
    }
    assert!(pages.len() > 50 && !statics.is_empty());
    // Four in ten requests are pages, two static files, two missing pages,
    // two event streams.
    (0..CONCURRENT)
        .map(|i| match i % 10 {
            0..=3 => pages[i % pages.len()].clone(),
            4 | 5 => statics[i % statics.len()].clone(),
            6 | 7 => Probe::Missing(format!("/no-such-page-{i}/")),
            _ => Probe::Events,
        })
        .collect()
}

/// Sends every probe at once (a barrier releases them together); returns
/// the failures.
fn wave(addr: SocketAddr, probes: &[Probe]) -> Vec<String> {
    let barrier = Arc::new(Barrier::new(probes.len()));
    let threads: Vec<_> = probes
        .iter()
        .cloned()
        .map(|probe| {
            let barrier = barrier.clone();
            std::thread::Builder::new()
                .stack_size(128 * 1024)
                .spawn(move || {
                    barrier.wait();
                    run(addr, &probe)
                })
                .unwrap()
        })
        .collect();
    threads
        .into_iter()
        .filter_map(|t| t.join().unwrap().err())
        .collect()
}

#[test]
fn a_thousand_concurrent_requests_during_rebuilds_all_succeed_in_bounded_memory() {
    raise_open_file_limit();
    let ed = edition();
    for i in 0..60 {
        write(
            ed.path(),
            &format!("content/articles/e{i}.md"),
            &format!("---\ntitle: 文章{i}\ndate: 2025-03-01\n---\n推进清廉重庆建设。第{i}篇。\n"),
        );
    }
    let mut server = ServerProcess::start(ed.path());
    let probes = probes(&server.out);
    let (rss_start, _) = server.memory();

    // A warm-up wave, so buffers and thread pools have grown once.
    let failures = wave(server.addr, &probes);
    assert!(failures.is_empty(), "warm-up: {failures:?}");
    let (rss_warm, _) = server.memory();

    // An editor, on its own thread: rewrite one article, wait for the
    // server to report its rebuild, again, until the load is over; so a
    // rebuild is running nearly all the time.
    let done = Arc::new(AtomicBool::new(false));
    let rebuilds = Arc::new(AtomicUsize::new(0));
    let lines = std::mem::replace(&mut server.lines, mpsc::channel().1);
    let editor = {
        let (done, rebuilds) = (done.clone(), rebuilds.clone());
        let root = ed.path().to_path_buf();
        std::thread::spawn(move || {
            while !done.load(Ordering::SeqCst) {
                let n = rebuilds.load(Ordering::SeqCst);
                let body = format!("第{n}次修改，强调两个确立。");
                write(
                    &root,
                    "content/articles/jia.md",
                    &format!("---\ntitle: 文章jia\ndate: 2025-01-01\n---\n{body}\n"),
                );
                loop {
                    let line = lines.recv_timeout(PATIENCE).expect("a rebuild report");
                    assert!(!line.starts_with("stderr:"), "{line}");
                    if line.starts_with("rebuilt ") {
                        break;
                    }
                }
                rebuilds.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    let mut waves = 0;
    let mut failures = Vec::new();
    while rebuilds.load(Ordering::SeqCst) < 3 || waves < 5 {
        assert!(waves < 30, "only {rebuilds:?} rebuilds in {waves} waves");
        failures.extend(wave(server.addr, &probes));
        waves += 1;
        let (rss, hwm) = server.memory();
        eprintln!("wave {waves}: VmRSS {rss} KiB, VmHWM {hwm} KiB, {rebuilds:?} rebuilds");
    }
    done.store(true, Ordering::SeqCst);
    editor.join().expect("the editor saw every rebuild succeed");
    let finished = rebuilds.load(Ordering::SeqCst);
    let (rss_end, hwm) = server.memory();
    eprintln!(
        "{waves} waves of {CONCURRENT} concurrent requests, {finished} rebuilds during them; \
         server VmRSS {rss_start} KiB at start, {rss_warm} after warm-up, {rss_end} at end; \
         VmHWM {hwm} KiB"
    );
    assert!(
        failures.is_empty(),
        "{} failures: {:?}",
        failures.len(),
        &failures[..failures.len().min(10)]
    );
    // Bounds. Measured: 46 MB at start, 65 MB after the warm-up, a peak
    // of 88 MB and flat from the second wave on (debug build). Responses
    // are at most tens of KiB, so even a thousand buffered at once stay
    // under 100 MiB; a peak of 128 MiB above the start allows for that and
    // allocator slack, and catches the unbounded blocking-thread pool this
    // test found (230 MB). A per-request leak the size of a kept page
    // (tens of KiB) would add tens of MB a wave; 64 MiB over the waves
    // after the warm-up allows allocator caching only.
    assert!(
        hwm < rss_start + 128 * 1024,
        "peak {hwm} KiB from {rss_start} KiB"
    );
    assert!(
        rss_end < rss_warm + 64 * 1024,
        "resident grew from {rss_warm} to {rss_end} KiB"
    );
    assert!(get_ok(server.addr));
}

fn get_ok(addr: SocketAddr) -> bool {
    run(addr, &Probe::Page("/".into())).is_ok()
}
