//! Shared helpers for integration tests: fixture editions in temp dirs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root (the bundled edition).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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

/// Writes `text` to `root/rel`, creating directories.
pub fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
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

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
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
