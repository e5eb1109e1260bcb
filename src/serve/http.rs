//! The HTTP side of the dev server: files from the output, the live-reload
//! script, and the event stream that drives it.
//!
//! - `/__jiedu/reload.js` is the script; every HTML response gets a
//!   `<script>` tag for it before `</body>`. The files on disk never carry
//!   it, so the output stays equal to a plain build.
//! - `/__jiedu/events` is a Server-Sent Events stream: `hello` (the current
//!   build id, so a page loaded just before a rebuild reloads itself),
//!   `reload`, `css` (stylesheets to swap in place) and `error` (file,
//!   line, column, message for the overlay).
//! - `search` (data: the index's directory, `/search/`): a new search
//!   index was published; a page that loaded any of its files reloads.
//! - Anything else is a file under the output. Each path segment is
//!   percent-decoded on its own and refused if it decodes to `.`, `..`, or
//!   contains `/`, `\` or NUL; the file found must still lie inside the
//!   output once symbolic links are resolved. A missing file gets the
//!   site's own `404.html` with status 404.

use super::events::{Event, Shared, Status};
use crate::incremental::publish::SearchPublisher;
use crate::render::escape_html;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::sse::{self, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream, StreamExt};
use std::convert::Infallible;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast;

/// The live-reload script.
const RELOAD_JS: &str = include_str!("reload.js");

/// The dev server's routes.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/__jiedu/reload.js", get(reload_js))
        .route("/__jiedu/events", get(events))
        .fallback(file)
        .with_state(shared)
}

async fn reload_js() -> Response {
    let mut r = RELOAD_JS.into_response();
    set_type(&mut r, "text/javascript; charset=utf-8");
    r
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<sse::Event, Infallible>>> {
    // Subscribe before reading the status, so nothing falls in between.
    let rx = shared.subscribe();
    let status = shared.status().clone();
    let mut first = vec![sse::Event::default().event("hello").data(status.build)];
    first.extend(status.error.map(|e| to_sse(&Event::Error(e))));
    let rest = stream::unfold(rx, |mut rx| async move {
        use broadcast::error::RecvError;
        let event = match rx.recv().await {
            Ok(event) => event,
            // Too slow to keep up: a reload catches up with everything.
            Err(RecvError::Lagged(_)) => Event::Reload {
                build: String::new(),
            },
            Err(RecvError::Closed) => return None,
        };
        Some((to_sse(&event), rx))
    });
    let all = stream::iter(first).chain(rest).map(Ok);
    // Keep-alive comments also reveal closed connections, which drops the
    // stream and its receiver.
    Sse::new(all).keep_alive(KeepAlive::new().interval(Duration::from_secs(5)))
}

fn to_sse(event: &Event) -> sse::Event {
    let e = sse::Event::default();
    match event {
        Event::Reload { build } => e.event("reload").data(build),
        Event::Css { paths } => e.event("css").data(json(paths)),
        Event::Error(info) => e.event("error").data(json(info)),
        Event::Search { dir } => e.event("search").data(dir),
    }
}

/// JSON on one line (SSE data must not contain a carriage return; JSON
/// escapes it).
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

async fn file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "GET or HEAD only\n").into_response();
    }
    let status = shared.status().clone();
    if !status.has_site {
        return error_page(&status);
    }
    match resolve(shared.out(), uri.path()) {
        Err(Refused) => (StatusCode::BAD_REQUEST, "bad path\n").into_response(),
        Ok(Resolved::Redirect(to)) => redirect(&to),
        Ok(Resolved::File(path)) => match read(&shared, &path).await {
            Ok(bytes) => respond(StatusCode::OK, &path, bytes, &status.build),
            Err(_) => not_found(shared.out(), &status.build).await,
        },
        Ok(Resolved::Missing) => not_found(shared.out(), &status.build).await,
    }
}

/// Reads a served file; a file of the search index under the index's
/// lock, so it is of the same published index as the others.
async fn read(shared: &Shared, path: &Path) -> std::io::Result<Vec<u8>> {
    let rel = crate::incremental::output::rel_of(shared.out(), path);
    let publisher = shared
        .search()
        .filter(|_| SearchPublisher::is_index_path(&rel));
    let Some(publisher) = publisher else {
        return tokio::fs::read(path).await;
    };
    let _published = publisher.reading().await;
    tokio::fs::read(path).await
}

async fn not_found(out: &Path, build: &str) -> Response {
    let page = out.join("404.html");
    match tokio::fs::read(&page).await {
        Ok(bytes) => respond(StatusCode::NOT_FOUND, &page, bytes, build),
        Err(_) => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

fn redirect(to: &str) -> Response {
    let mut r = StatusCode::PERMANENT_REDIRECT.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

fn respond(status: StatusCode, path: &Path, bytes: Vec<u8>, build: &str) -> Response {
    let kind = content_type(path);
    let body = match kind.starts_with("text/html") {
        true => inject(bytes, build),
        false => bytes,
    };
    let mut r = (status, Body::from(body)).into_response();
    set_type(&mut r, kind);
    r
}

fn set_type(r: &mut Response, kind: &'static str) {
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    // An editor wants to see the edit, never a cached page.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

/// The page shown while no build has ever succeeded.
fn error_page(status: &Status) -> Response {
    let (place, message) = match &status.error {
        Some(e) => (e.place(), e.message.as_str()),
        None => (String::new(), "the site is being built"),
    };
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>jiedu: build failed</title></head>\
         <body><h1>jiedu: the site could not be built</h1><p>{}</p><pre>{}</pre>\
         <p>Fix the file and this page reloads by itself.</p></body></html>\n",
        escape_html(&place),
        escape_html(message)
    );
    let body = inject(html.into_bytes(), &status.build);
    let mut r = (StatusCode::INTERNAL_SERVER_ERROR, Body::from(body)).into_response();
    set_type(&mut r, "text/html; charset=utf-8");
    r
}

/// Adds the reload script before the last `</body>` (or at the end).
pub fn inject(mut html: Vec<u8>, build: &str) -> Vec<u8> {
    let tag = format!(
        "<script src=\"/__jiedu/reload.js\" data-build=\"{}\"></script>",
        escape_html(build)
    );
    let at = find_last(&html, b"</body>").unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The content type of a served file, by extension; text types say UTF-8.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// A request path that may not be served.
#[derive(Debug, PartialEq, Eq)]
pub struct Refused;

/// What a request path names in the output.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file to send.
    File(PathBuf),
    /// A directory asked for without its trailing slash.
    Redirect(String),
    /// Nothing.
    Missing,
}

/// Maps a raw request path onto a file inside `out`.
pub fn resolve(out: &Path, raw: &str) -> Result<Resolved, Refused> {
    let mut path = out.to_path_buf();
    for segment in raw.split('/').filter(|s| !s.is_empty()) {
        path.push(safe_segment(segment)?);
    }
    if path.is_dir() {
        if !raw.ends_with('/') {
            return Ok(Resolved::Redirect(format!("{raw}/")));
        }
        path.push("index.html");
    }
    if !path.is_file() {
        return Ok(Resolved::Missing);
    }
    // A symbolic link inside the output must not lead out of it.
    let inside = match (path.canonicalize(), out.canonicalize()) {
        (Ok(p), Ok(o)) => p.starts_with(o),
        _ => false,
    };
    match inside {
        true => Ok(Resolved::File(path)),
        false => Ok(Resolved::Missing),
    }
}

/// One percent-decoded path segment, if it is a plain file name.
fn safe_segment(raw: &str) -> Result<String, Refused> {
    let bytes = percent_decode(raw).ok_or(Refused)?;
    let s = String::from_utf8(bytes).map_err(|_| Refused)?;
    let bad_char = s.contains(['/', '\\', '\0']);
    let plain = matches!(
        Path::new(&s).components().next(),
        Some(Component::Normal(_))
    );
    if bad_char || !plain || s == "." || s == ".." {
        return Err(Refused);
    }
    Ok(s)
}

/// `%XX` escapes decoded, or `None` if one is malformed (`%zz`, a `%` at
/// the end): such a request is refused, not guessed at.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let well_formed = s.split('%').skip(1).all(|after| {
        let b = after.as_bytes();
        b.len() >= 2 && b[0].is_ascii_hexdigit() && b[1].is_ascii_hexdigit()
    });
    well_formed.then(|| percent_encoding::percent_decode_str(s).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("articles/a")).unwrap();
        std::fs::write(dir.path().join("articles/a/index.html"), "a").unwrap();
        std::fs::write(dir.path().join("中文.txt"), "z").unwrap();
        dir
    }

    #[test]
    fn paths_resolve_inside_the_output() {
        let dir = out();
        let o = dir.path();
        assert_eq!(
            resolve(o, "/articles/a/"),
            Ok(Resolved::File(o.join("articles/a/index.html")))
        );
        assert_eq!(
            resolve(o, "/articles/a"),
            Ok(Resolved::Redirect("/articles/a/".into()))
        );
        assert_eq!(
            resolve(o, "/%E4%B8%AD%E6%96%87.txt"),
            Ok(Resolved::File(o.join("中文.txt")))
        );
        assert_eq!(
            resolve(o, "//articles//a/"),
            Ok(Resolved::File(o.join("articles/a/index.html")))
        );
        assert_eq!(resolve(o, "/nope"), Ok(Resolved::Missing));
    }

    #[test]
    fn traversal_is_refused() {
        let dir = out();
        for bad in [
            "/../x",
            "/articles/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/articles%2f..%2f..%2fx",
            "/..%5cx",
            "/a\\..\\x",
            "/%00",
            "/%zz",
            "/%ff",
            "/.",
        ] {
            assert_eq!(resolve(dir.path(), bad), Err(Refused), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_output_are_not_followed() {
        let dir = out();
        let secret = tempfile::tempdir().unwrap();
        std::fs::write(secret.path().join("s.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(secret.path(), dir.path().join("link")).unwrap();
        assert_eq!(resolve(dir.path(), "/link/s.txt"), Ok(Resolved::Missing));
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = inject(b"<body><p>x</p></body></html>".to_vec(), "b1");
        let html = String::from_utf8(html).unwrap();
        assert_eq!(
            html,
            "<body><p>x</p><script src=\"/__jiedu/reload.js\" data-build=\"b1\"></script></body></html>"
        );
    }

    #[test]
    fn text_types_say_utf8() {
        for f in [
            "a.html",
            "a.css",
            "a.js",
            "atom.xml",
            "robots.txt",
            "a.json",
        ] {
            assert!(content_type(Path::new(f)).ends_with("charset=utf-8"), "{f}");
        }
        assert_eq!(content_type(Path::new("a.png")), "image/png");
    }
}
