//! Lists the default templates for the binary to embed: every file under
//! `templates/`, so a template added there is built in without anyone
//! remembering to register it. Writes `$OUT_DIR/builtin_templates.rs`,
//! included by `src/render/builtin.rs`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dir = root.join("templates");
    println!("cargo:rerun-if-changed=templates");
    let mut files = Vec::new();
    walk(&dir, &mut files);
    files.sort();
    let mut out = String::from("&[\n");
    for path in &files {
        let rel = path.strip_prefix(&dir).expect("under templates/");
        let rel = rel.to_string_lossy().replace('\\', "/");
        let hidden = rel.split('/').any(|part| part.starts_with('.'));
        if hidden {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            out,
            "    ({rel:?}, include_bytes!({:?}) as &[u8]),",
            path.display()
        )
        .expect("writing to a String");
    }
    out.push(']');
    let target = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    std::fs::write(target.join("builtin_templates.rs"), out).expect("OUT_DIR is writable");
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            walk(&path, files);
        } else {
            files.push(path);
        }
    }
}
