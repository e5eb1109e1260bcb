//! The dev-server tests' support: a fixture edition, a tiny blocking
//! HTTP client and an SSE reader over `std::net::TcpStream`.
//!
//! Requests are HTTP/1.0, so responses are never chunked and end when the
//! server closes the connection; an event stream is then just lines.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Generous: CI machines are slow and shared, and nothing waits this long
/// unless something is broken.
pub const PATIENCE: Duration = Duration::from_secs(30);

// The helpers every integration test shares (repository root, copying a
// tree, writing like an editor, snapshots) come from the
// support module; `edition` here is the dev server's fixture.
pub use super::{copy_tree, repo, snapshot, write};

/// A small edition: dated articles (so they have neighbours), terms with
/// a parent and a see-also, a free page in the navigation, a source.
pub fn edition() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_tree(&repo().join("templates"), &root.join("templates"));
    write(
        root,
        "site.yaml",
        "title: 测试版\nbase_url: https://example.org/\ndescription: 测试\n",
    );
    let source = "第一行\n市委召开全会，强调两个确立。\n第三行\n";
    write(root, "content/sources/s1.txt", source);
    for (slug, day, body) in [
        ("jia", "01", "市委召开全会，强调两个确立。"),
        ("yi", "02", "推进清廉重庆建设。"),
        ("bing", "03", "三清三减三增工作取得成效，三清先行。"),
        ("ding", "04", "普通的消息。"),
    ] {
        let src = match slug {
            "jia" => "source: {file: s1.txt, first_line: 2, last_line: 2, sha256: x}\n",
            _ => "",
        };
        write(
            root,
            &format!("content/articles/{slug}.md"),
            &format!("---\ntitle: 文章{slug}\ndate: 2025-01-{day}\n{src}---\n{body}\n\n第二段。\n"),
        );
    }
    write(
        root,
        "content/glossary/liang-ge-que-li.md",
        "---\nterm: 两个确立\npinyin: liǎng gè quèlì\nkind: slogan\nsee_also: [qing-lian]\n---\n定义。\n",
    );
    write(
        root,
        "content/glossary/qing-lian.md",
        "---\nterm: 清廉重庆\npinyin: qīnglián chóngqìng\nkind: program\n---\n定义。\n",
    );
    write(
        root,
        "content/glossary/san-qing-san-jian-san-zeng.md",
        "---\nterm: 三清三减三增\npinyin: sān qīng\nkind: numeric-formula\n---\n定义。\n",
    );
    write(
        root,
        "content/glossary/san-qing.md",
        "---\nterm: 三清\npinyin: sān qīng\nkind: numeric-formula\nparent: san-qing-san-jian-san-zeng\n---\n定义。\n",
    );
    write(
        root,
        "content/pages/about.md",
        "---\ntitle: 关于\nnav_order: 1\n---\n关于本版。\n",
    );
    dir
}

/// A response.
#[derive(Debug)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Header lines, names lowercased.
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: Vec<u8>,
}

impl Response {
    /// The first header of this (lowercase) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `GET <target>` exactly as given (no normalisation of `..`).
pub fn get(addr: SocketAddr, target: &str) -> Response {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(s, "GET {target} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    parse(&raw)
}

fn parse(raw: &[u8]) -> Response {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: raw[end + 4..].to_vec(),
    }
}

/// An open `/__jiedu/events` stream.
pub struct Events {
    lines: mpsc::Receiver<String>,
    stream: TcpStream,
}

/// One server-sent event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// `event:` field.
    pub name: String,
    /// `data:` field.
    pub data: String,
}

impl Events {
    /// Connects and reads up to the `hello` event, so the stream is known
    /// to be subscribed before the caller edits anything.
    pub fn open(addr: SocketAddr) -> (Events, Event) {
        let mut s = TcpStream::connect(addr).unwrap();
        write!(s, "GET /__jiedu/events HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
        let reader = BufReader::new(s.try_clone().unwrap());
        let (tx, rx) = mpsc::channel();
        // A reader thread turns the socket into a channel, so waits can
        // have deadlines; it ends when the socket closes.
        std::thread::spawn(move || {
            for line in reader.lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut events = Events {
            lines: rx,
            stream: s,
        };
        let hello = events.next().expect("hello event");
        assert_eq!(hello.name, "hello");
        (events, hello)
    }

    /// The next event, or `None` after [`PATIENCE`].
    pub fn next(&mut self) -> Option<Event> {
        let deadline = Instant::now() + PATIENCE;
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let line = self.lines.recv_timeout(left).ok()?;
            if let Some(v) = line.strip_prefix("event:") {
                name = v.trim_start().to_string();
            } else if let Some(v) = line.strip_prefix("data:") {
                data = v.strip_prefix(' ').unwrap_or(v).to_string();
            } else if line.is_empty() && !name.is_empty() {
                return Some(Event { name, data });
            }
        }
    }

    /// The next event named `name`, skipping others.
    pub fn wait_for(&mut self, name: &str) -> Event {
        loop {
            match self.next() {
                Some(e) if e.name == name => return e,
                Some(_) => continue,
                None => panic!("no `{name}` event within {PATIENCE:?}"),
            }
        }
    }

    /// Closes the connection from this side.
    pub fn close(self) {
        let _ = self.stream.shutdown(std::net::Shutdown::Both);
    }
}

/// Polls `cond` until it holds or [`PATIENCE`] runs out (for state that
/// has no event to wait on, like a server noticing a closed socket).
pub fn eventually(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + PATIENCE;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Starts `jiedu serve` on `root` at an ephemeral port, returning the
/// server and its rebuild reports once the first build has succeeded.
pub fn start_reporting(
    root: &Path,
) -> (jiedu::serve::Server, mpsc::Receiver<jiedu::serve::Report>) {
    let (tx, reports) = mpsc::channel();
    let opts = jiedu::serve::ServeOptions {
        port: 0,
        ..jiedu::serve::ServeOptions::default()
    };
    let server =
        jiedu::serve::Server::start(root, &opts, move |r| drop(tx.send(r.clone()))).unwrap();
    let first = reports.recv_timeout(PATIENCE).expect("first build report");
    assert!(
        matches!(first, jiedu::serve::Report::Rebuilt { .. }),
        "{first}"
    );
    (server, reports)
}

/// Every file of a fresh `jiedu build` of `root` with links for `url`.
pub fn fresh_build(root: &Path, url: &str) -> Vec<(String, Vec<u8>)> {
    let out = tempfile::tempdir().unwrap();
    let opts = jiedu::site::BuildOptions {
        base_url: Some(url.to_string()),
        out: Some(out.path().join("public")),
        ..Default::default()
    };
    jiedu::site::build(root, &opts).unwrap();
    snapshot(&out.path().join("public"))
}
