//! Just enough of the W3C WebDriver protocol to drive headless Chromium
//! through chromedriver: start it, open a session, navigate, run scripts.
//! Requests go over a plain `TcpStream`, like the other serve tests.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::MutexGuard;
use std::time::{Duration, Instant};

use crate::support::browser::one_browser_at_a_time;

/// Where the browser and its driver are, if installed.
pub fn find() -> Option<(PathBuf, PathBuf)> {
    let chromium = [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.is_file())?;
    let driver = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())?;
    Some((chromium, driver))
}

/// A running chromedriver with one headless browser session.
pub struct Browser {
    driver: Child,
    addr: SocketAddr,
    session: String,
    _profile: tempfile::TempDir,
    // Last, so the next test's browser starts after this one is gone.
    _turn: MutexGuard<'static, ()>,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session.
    pub fn start(chromium: &Path, driver: &Path, patience: Duration) -> Browser {
        let turn = one_browser_at_a_time();
        let port = free_port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        let profile = tempfile::tempdir().unwrap();
        let mut b = Browser {
            driver: child,
            addr,
            session: String::new(),
            _profile: profile,
            _turn: turn,
        };
        b.wait_ready(patience);
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-dev-shm-usage",
                    format!("--user-data-dir={}", b._profile.path().display()),
                ]
            }
        }}});
        let created = b.call("POST", "/session", Some(caps));
        b.session = created["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_string();
        b
    }

    fn wait_ready(&mut self, patience: Duration) {
        // chromedriver says on stdout when it listens.
        let stdout = self.driver.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if line.contains("started successfully") {
                    let _ = tx.send(());
                }
            }
        });
        rx.recv_timeout(patience)
            .expect("chromedriver did not start");
        let deadline = Instant::now() + patience;
        while TcpStream::connect(self.addr).is_err() {
            assert!(Instant::now() < deadline, "chromedriver not listening");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Opens `url` in the session's window.
    pub fn goto(&self, url: &str) {
        let r = self.call("POST", &self.path("url"), Some(json!({ "url": url })));
        assert!(r["value"].is_null(), "navigate: {r}");
    }

    /// Runs `script` (a function body) in the page and returns its value.
    pub fn eval(&self, script: &str) -> Value {
        let body = json!({ "script": script, "args": [] });
        let r = self.call("POST", &self.path("execute/sync"), Some(body));
        r["value"].clone()
    }

    /// Evaluates `script` until it returns `true` or `patience` runs out.
    pub fn wait_until(&self, what: &str, script: &str, patience: Duration) {
        let deadline = Instant::now() + patience;
        loop {
            // During a reload a script may fail; that is "not yet".
            if self.eval(script) == Value::Bool(true) {
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    fn path(&self, rest: &str) -> String {
        format!("/session/{}/{rest}", self.session)
    }

    /// A body-less request whose answer does not matter (and may never
    /// come, as when chromedriver shuts down).
    fn try_call(&self, method: &str, path: &str) -> std::io::Result<()> {
        let mut s = TcpStream::connect(self.addr)?;
        s.set_read_timeout(Some(Duration::from_secs(10)))?;
        let host = self.addr;
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\n\r\n"
        )?;
        let mut first = [0u8; 1];
        let _ = s.read(&mut first);
        Ok(())
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut s = TcpStream::connect(self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.addr,
            body.len()
        )
        .unwrap();
        read_json(s)
    }
}

/// Reads one response: by Content-Length, chunked, or to the end
/// (chromedriver may keep the connection open despite `close`).
fn read_json(s: TcpStream) -> Value {
    let mut r = BufReader::new(s);
    let mut length = None;
    let mut chunked = false;
    loop {
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        let line = line.trim_end().to_ascii_lowercase();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("content-length:") {
            length = v.trim().parse::<usize>().ok();
        }
        chunked |= line.starts_with("transfer-encoding:") && line.contains("chunked");
    }
    let mut payload = Vec::new();
    match (length, chunked) {
        (Some(n), _) => {
            payload.resize(n, 0);
            r.read_exact(&mut payload).unwrap();
        }
        (None, true) => loop {
            let mut size = String::new();
            r.read_line(&mut size).unwrap();
            let n = usize::from_str_radix(size.trim().split(';').next().unwrap(), 16).unwrap_or(0);
            let mut chunk = vec![0; n + 2];
            r.read_exact(&mut chunk).unwrap();
            if n == 0 {
                break;
            }
            payload.extend_from_slice(&chunk[..n]);
        },
        (None, false) => drop(r.read_to_end(&mut payload)),
    }
    serde_json::from_slice(&payload).unwrap_or(Value::Null)
}

impl Drop for Browser {
    /// Closes the browser through chromedriver, which then exits; killing
    /// chromedriver outright would orphan the browser it started.
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.try_call("DELETE", &format!("/session/{}", self.session));
        }
        let _ = self.try_call("GET", "/shutdown");
        let deadline = Instant::now() + Duration::from_secs(10);
        while matches!(self.driver.try_wait(), Ok(None)) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}
