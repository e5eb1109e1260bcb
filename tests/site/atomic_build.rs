//! Issue 9, data safety: `jiedu build` killed with SIGKILL while it writes
//! a large edition leaves public/ exactly as it was (byte for byte, or
//! absent when it was absent), never half-written; the next build takes
//! over what the killed build left. Issue 21: a rebuild removes no old
//! output on its way out (the old output is kept whole beside public/ as
//! the spare the next build writes into), and a rebuild into a reused
//! tree gives exactly the files of a build from nothing.
//!
//! Each kill waits on the file system (the temporary output holding a
//! number of files written by this build, or the swap starting), never
//! on a sleep. A build that
//! finishes before the test sees its moment is retried; the test fails if
//! that happens five times, so it cannot pass without really interrupting
//! a build.

use crate::support::*;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant, SystemTime};

/// Generous, for a loaded CI machine; only a broken build waits this long.
const PATIENCE: Duration = Duration::from_secs(120);

/// A synthetic edition large enough that writing it takes a while.
fn synthetic_edition() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let ed = dir.path().join("ed");
    let (ok, _, err) = jiedu(
        &repo(),
        &["synth", "400", ed.to_str().unwrap(), "--terms", "150"],
    );
    assert!(ok, "synth failed: {err}");
    dir
}

fn spawn_build(root: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_jiedu"))
        .arg("build")
        .current_dir(root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

fn build_to_end(root: &Path) {
    let (ok, _, err) = jiedu(root, &["build"]);
    assert!(ok, "build failed: {err}");
}

/// `.public.*` entries beside public/ (temporary or old outputs), but
/// the one spare a finished build keeps.
fn leftovers(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.") && n != ".public.spare")
        .collect()
}

/// Files under `dir` modified after `since`.
fn count_files_since(dir: &Path, since: SystemTime) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.metadata()
                .is_ok_and(|m| m.modified().is_ok_and(|t| t > since))
        })
        .count()
}

/// The newest modification time of a file under `dirs`.
fn newest(dirs: &[PathBuf]) -> SystemTime {
    dirs.iter()
        .flat_map(|d| walkdir::WalkDir::new(d).into_iter().filter_map(|e| e.ok()))
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .max()
        .unwrap_or(SystemTime::UNIX_EPOCH)
}

/// The folders under `dir`, relative, sorted.
fn folders(dir: &Path) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    all.sort();
    all
}

/// When to kill the build.
#[derive(Debug, Clone, Copy)]
enum Moment {
    /// Once its temporary output holds this many files written by this
    /// build (newer than any file of public/ or the spare it may reuse).
    Written(usize),
    /// As soon as the swap is seen to have begun (the temporary output is
    /// gone, an old output has been set aside, or public/index.html has
    /// changed while the old output is still being removed) — as late as
    /// a kill can land.
    Swapping,
}

/// Starts a build and SIGKILLs it at `moment`; false if the build ended
/// first (on a loaded machine the test thread can be descheduled past the
/// moment).
fn kill_build_at(root: &Path, moment: Moment) -> bool {
    let mut child = spawn_build(root);
    let tmp: PathBuf = root.join(format!(".public.tmp-{}", child.id()));
    let old: PathBuf = root.join(format!(".public.old-{}", child.id()));
    let deadline = Instant::now() + PATIENCE;
    let index = root.join("public/index.html");
    let old_index = std::fs::read(&index).ok();
    let since = newest(&[root.join("public"), root.join(".public.spare")]);
    let mut seen_tmp = false;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "the build failed: {status}");
            return false;
        }
        seen_tmp |= tmp.exists();
        let now = match moment {
            Moment::Written(n) => tmp.exists() && count_files_since(&tmp, since) >= n,
            Moment::Swapping => {
                seen_tmp
                    && (!tmp.exists() || old.exists() || std::fs::read(&index).ok() != old_index)
            }
        };
        if now {
            break;
        }
        assert!(Instant::now() < deadline, "build never reached {moment:?}");
        std::thread::yield_now();
    }
    child.kill().unwrap();
    // The build may have exited between the last look and the signal (a
    // signal to an exited, unreaped child is not an error): then it was
    // not interrupted, and the caller tries again.
    let status = child.wait().unwrap();
    !status.success()
}

/// Kills a build at `moment`, retrying after `reset` (which puts the
/// edition and public/ back) when the build finished first. Panics if it
/// never could: the test must really interrupt a build.
fn kill_build(root: &Path, moment: Moment, reset: impl Fn()) {
    for _ in 0..5 {
        if kill_build_at(root, moment) {
            return;
        }
        reset();
    }
    panic!("five builds finished before they could be killed at {moment:?}");
}

#[test]
fn a_killed_first_build_leaves_no_public_and_the_next_build_cleans_up() {
    let dir = synthetic_edition();
    let root = dir.path().join("ed");
    let public = root.join("public");
    kill_build(&root, Moment::Written(50), || {
        std::fs::remove_dir_all(&public).unwrap()
    });
    assert!(
        !root.join("public").exists(),
        "no public/ after a killed first build"
    );
    assert!(
        !leftovers(&root).is_empty(),
        "the killed build left its temporary output (so it was mid-write)"
    );
    build_to_end(&root);
    assert!(root.join("public/index.html").is_file());
    assert_eq!(
        leftovers(&root),
        Vec::<String>::new(),
        "the next build removed the stale temporary output"
    );
}

#[test]
fn a_killed_rebuild_leaves_the_old_site_byte_identical() {
    let dir = synthetic_edition();
    let root = dir.path().join("ed");
    build_to_end(&root);
    let before = snapshot(&root.join("public"));
    let total = before.len();
    assert!(total > 400, "a large site: {total} files");

    // An edit, so a completed build would differ from the old site: a
    // new title each time, so no tree a build may reuse (the spare, or
    // what a killed build left) already holds the pages it writes.
    let yaml = root.join("site.yaml");
    let site = std::fs::read_to_string(&yaml).unwrap();
    let title = site
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .unwrap()
        .trim_matches('"')
        .to_owned();
    let titled = before
        .iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(&title))
        .count();
    assert!(
        titled > total / 2,
        "most files show the title: {titled} of {total}"
    );
    let edits = std::cell::Cell::new(0);
    let edit = || {
        edits.set(edits.get() + 1);
        let edited = site.replacen("title: ", &format!("title: 改过的{}", edits.get()), 1);
        std::fs::write(&yaml, edited).unwrap();
    };
    // After a build that finished: back to the old site, a new edit pending.
    let reset_to_old = || {
        std::fs::write(&yaml, &site).unwrap();
        build_to_end(&root);
        edit();
    };
    for n in [1, titled / 4, titled / 2, titled * 9 / 10] {
        edit();
        kill_build(&root, Moment::Written(n), reset_to_old);
        assert!(
            snapshot(&root.join("public")) == before,
            "public/ changed after a build killed at {n} of {titled} files"
        );
    }
    let edited = site.replacen("title: ", "title: 改过的", 1);
    std::fs::write(&yaml, &edited).unwrap();

    // Killed as late as possible: public/ is wholly old or wholly new.
    build_to_end(&root);
    let after = snapshot(&root.join("public"));
    assert!(after != before, "the edit changes the site");
    std::fs::write(&yaml, &site).unwrap();
    let reset_to_new = || {
        std::fs::write(&yaml, &edited).unwrap();
        build_to_end(&root);
        std::fs::write(&yaml, &site).unwrap();
    };
    kill_build(&root, Moment::Swapping, reset_to_new);
    assert!(
        root.join("public").is_dir(),
        "public/ never goes missing: the swap is one atomic exchange"
    );
    let now = snapshot(&root.join("public"));
    assert!(
        now == after || now == before,
        "public/ is a whole site after a kill during the swap"
    );

    build_to_end(&root);
    assert_eq!(leftovers(&root), Vec::<String>::new());
    assert!(
        snapshot(&root.join("public")) == before,
        "back to the original"
    );
}

/// A rebuild leaves the old output whole beside public/ instead of
/// removing it before the command returns, and a build into a reused
/// tree (an older output) gives exactly the files and folders of a build
/// from nothing, including an article removed since.
#[test]
fn a_rebuild_keeps_the_old_output_aside_and_reuses_it_exactly() {
    let dir = synthetic_edition();
    let root = dir.path().join("ed");
    let public = root.join("public");
    let spare = root.join(".public.spare");
    let yaml = root.join("site.yaml");
    let site = std::fs::read_to_string(&yaml).unwrap();
    let fresh = |name: &str| {
        let out = dir.path().join(name);
        let (ok, _, err) = jiedu(&root, &["build", "-o", out.to_str().unwrap()]);
        assert!(ok, "build failed: {err}");
        out
    };

    build_to_end(&root);
    let first = snapshot(&public);
    std::fs::write(&yaml, site.replacen("title: ", "title: 第二版", 1)).unwrap();
    build_to_end(&root);
    assert!(
        snapshot(&spare) == first,
        "the replaced output is kept whole, not removed on the way out"
    );
    let second = fresh("second");
    assert!(snapshot(&public) == snapshot(&second));

    // Third version: another title and one article fewer; built into
    // the first output's tree.
    std::fs::write(&yaml, site.replacen("title: ", "title: 第三版", 1)).unwrap();
    let articles = root.join("content/articles");
    let victim = std::fs::read_dir(&articles)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .min()
        .unwrap();
    std::fs::remove_file(&victim).unwrap();
    build_to_end(&root);
    let third = fresh("third");
    let now = snapshot(&public);
    assert!(
        now != first && now == snapshot(&third),
        "a reused tree gives a fresh build's files"
    );
    assert_eq!(
        folders(&public),
        folders(&third),
        "and no folder of the old tree is left"
    );
    assert!(snapshot(&spare) == snapshot(&second));
    assert_eq!(leftovers(&root), Vec::<String>::new());
}
