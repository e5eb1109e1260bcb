//! The one support module every integration test crate shares (each
//! `tests/*/main.rs` declares `mod support;` with a `#[path]` to here):
//! the repository, fixture editions in temp dirs, the bundled edition built
//! once per process, writing and snapshotting files, the `jiedu` binary,
//! golden files. Submodules hold what only some tests need: `search` (the
//! search fixture), `serve` (the dev-server fixture and its HTTP and SSE
//! clients), `browser` (Node, Chromium and the skip-or-fail rule).
#![allow(dead_code)]

pub mod browser;
pub mod search;
pub mod serve;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The sub-path the bundled edition and the search fixture are built for,
/// so every test of them also proves that links and the search index are
/// found through `base_url`'s path.
pub const BASE: &str = "https://user.github.io/repo/";

/// The repository root (the bundled edition).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled edition built for [`BASE`], once per test process; every
/// test reading it shares this output and must not change it. It lives in
/// Cargo's scratch directory for tests (one folder per test crate, rebuilt
/// by the first test that asks), so nothing is left behind in `/tmp`.
pub fn bundled() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("bundled-{}", env!("CARGO_CRATE_NAME")));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("public");
        let opts = jiedu::site::BuildOptions {
            base_url: Some(BASE.into()),
            out: Some(out.clone()),
            ..Default::default()
        };
        jiedu::site::build(&repo(), &opts).unwrap();
        out
    })
}

/// A new edition in a temp dir with the bundled templates and a site.yaml.
pub fn edition(base_url: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("templates"), &dir.path().join("templates"));
    write(
        dir.path(),
        "site.yaml",
        &format!("title: 测试版\nbase_url: {base_url}\ndescription: 测试\n"),
    );
    dir
}

/// Builds the edition at `root` into its `public/` with the library's
/// defaults, panicking on an error; returns the output folder.
pub fn build_public(root: &Path) -> PathBuf {
    let out = root.join("public");
    let opts = jiedu::site::BuildOptions {
        out: Some(out.clone()),
        ..Default::default()
    };
    jiedu::site::build(root, &opts).unwrap();
    out
}

/// Writes `text` to `root/rel`, creating directories. Like most editors,
/// it writes a hidden temporary file and renames it over the old one, so
/// a watching dev server never reads half a file (on a loaded machine a
/// plain write can stall between truncating and writing longer than the
/// debounce).
pub fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    let dir = p.parent().unwrap();
    std::fs::create_dir_all(dir).unwrap();
    let name = p.file_name().unwrap().to_string_lossy();
    let tmp = dir.join(format!(".{name}.tmp~"));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, &p).unwrap();
}

/// Copies a directory tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, sorted by path. A dev server
/// may be writing meanwhile (the search index is refreshed after the
/// reload): a file that vanishes between listing and reading is left out,
/// and a caller comparing with what it expects looks again later.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let bytes = std::fs::read(e.path()).ok()?;
            Some((rel.to_string_lossy().into_owned(), bytes))
        })
        .collect();
    files.sort();
    files
}

/// Every file directly under `root`'s `content/articles/`, name → text
/// (what ingest writes); empty when the folder does not exist.
pub fn article_files(root: &Path) -> std::collections::BTreeMap<String, String> {
    let dir = root.join("content/articles");
    let mut out = std::collections::BTreeMap::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        out.insert(name, std::fs::read_to_string(e.path()).expect("read"));
    }
    out
}

/// Runs the `jiedu` binary in `root`; returns (success, stdout, stderr).
pub fn jiedu(root: &Path, args: &[&str]) -> (bool, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jiedu"))
        .args(args)
        .current_dir(root)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Reads a built page.
pub fn page(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Escapes text as Tera's autoescape does, to find it in built HTML.
pub fn tera_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Compares the files `expected` (name → text) with the golden files in
/// `dir`, or rewrites them when `JIEDU_BLESS` is set; returns the
/// differences, including golden files that are no longer produced.
pub fn check_golden(
    dir: &Path,
    expected: &std::collections::BTreeMap<String, String>,
) -> Vec<String> {
    use std::fs;
    let bless = std::env::var_os("JIEDU_BLESS").is_some();
    let mut problems = Vec::new();
    if bless {
        let _ = fs::remove_dir_all(dir);
        fs::create_dir_all(dir).expect("golden dir");
    }
    for (name, text) in expected {
        let path = dir.join(name);
        if bless {
            fs::write(&path, text).expect("write golden");
            continue;
        }
        match fs::read_to_string(&path) {
            Ok(old) if &old == text => {}
            Ok(old) => problems.push(format!(
                "{} differs:\n--- expected\n{old}\n--- actual\n{text}",
                path.display()
            )),
            Err(_) => problems.push(format!("{} is missing; actual:\n{text}", path.display())),
        }
    }
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !expected.contains_key(&name) {
                problems.push(format!("{} is no longer produced", e.path().display()));
            }
        }
    }
    problems
}
