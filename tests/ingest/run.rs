//! `ingest::run` on a copy of the seed edition (issue 3, items 6, 7, 10):
//! dry runs write nothing, a second run changes nothing, editors' bodies
//! and front-matter survive, `force` keeps a backup, slugs never change.

use crate::support::{article_files as snapshot, jiedu};
use jiedu::content::Article;
use jiedu::ingest::{run, Action, IngestOptions, IngestReport};
use std::fs;
use std::path::{Path, PathBuf};

fn edition() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let sources = dir.path().join("content/sources");
    fs::create_dir_all(&sources).expect("mkdir");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/sources");
    for e in fs::read_dir(seeds).expect("seeds").flatten() {
        fs::copy(e.path(), sources.join(e.file_name())).expect("copy");
    }
    dir
}

fn ingest(root: &Path, opts: IngestOptions) -> IngestReport {
    let report = run(root, &opts).expect("run");
    assert!(report.is_ok(), "{:?}", report.errors);
    report
}

fn article_path(root: &Path, report: &IngestReport, title_start: &str) -> PathBuf {
    let a = report
        .sources
        .iter()
        .flat_map(|s| &s.articles)
        .find(|a| a.title.starts_with(title_start))
        .expect(title_start);
    root.join(&a.path)
}

#[test]
fn dry_run_writes_nothing_and_reports_the_plan() {
    let ed = edition();
    let report = ingest(
        ed.path(),
        IngestOptions {
            dry_run: true,
            ..Default::default()
        },
    );
    assert!(snapshot(ed.path()).is_empty());
    assert_eq!(report.count(Action::Created), 22);
    let table = report.table();
    assert!(
        table.starts_with("000_1eef88d04c1771e2.txt  [text, UTF-8; extension .txt]\n"),
        "{table}"
    );
    assert!(table.contains("interview"), "{table}");
    assert!(
        table.contains("dry run (nothing written): 22 articles from 5 sources"),
        "{table}"
    );
    assert!(
        table.contains("004_3e29c74bab34ae51.txt:39  关于我们 | 网站声明 | 返回首页"),
        "{table}"
    );
    let json = serde_json::to_value(&report).expect("json");
    assert_eq!(json["sources"][0]["articles"][0]["kind"], "interview");
    assert_eq!(json["removed"][0]["line"], 39);
}

#[test]
fn a_second_run_changes_nothing_and_every_file_loads() {
    let ed = edition();
    let first = ingest(ed.path(), IngestOptions::default());
    assert_eq!(first.count(Action::Created), 22);
    let files = snapshot(ed.path());
    assert_eq!(files.len(), 22);
    for (name, text) in &files {
        let a = Article::parse(text, &ed.path().join("content/articles").join(name)).expect(name);
        assert_eq!(format!("{}.md", a.slug), *name);
        assert!(a.meta.ingest.is_some());
    }
    let second = ingest(ed.path(), IngestOptions::default());
    assert_eq!(second.count(Action::Unchanged), 22, "{}", second.table());
    assert_eq!(snapshot(ed.path()), files);
}

#[test]
fn edited_bodies_are_kept_and_force_makes_a_backup() {
    let ed = edition();
    let report = ingest(ed.path(), IngestOptions::default());
    let path = article_path(ed.path(), &report, "心往一处想");
    let edited = fs::read_to_string(&path)
        .expect("read")
        .replace("高质量发展，是", "高质量发展，正是");
    fs::write(&path, &edited).expect("edit");

    let again = ingest(ed.path(), IngestOptions::default());
    assert_eq!(again.count(Action::KeptEdited), 1);
    assert_eq!(fs::read_to_string(&path).expect("read"), edited);
    let named = ingest(
        ed.path(),
        IngestOptions {
            files: vec!["003_3fdefc164c826a20.txt".into()],
            ..Default::default()
        },
    );
    assert_eq!(named.sources.len(), 1);
    assert_eq!(named.count(Action::KeptEdited), 1);

    let forced = ingest(
        ed.path(),
        IngestOptions {
            force: true,
            ..Default::default()
        },
    );
    assert_eq!(forced.count(Action::Forced), 1);
    let backup = path.with_file_name(format!(
        "{}.bak-1",
        path.file_name().and_then(|n| n.to_str()).expect("name")
    ));
    assert_eq!(fs::read_to_string(&backup).expect("backup"), edited);
    assert!(!fs::read_to_string(&path).expect("read").contains("正是"));
    // The backup is not an article: a further run sees exactly 22.
    let after = ingest(ed.path(), IngestOptions::default());
    assert_eq!(after.count(Action::Unchanged), 22);
}

#[test]
fn front_matter_edits_survive_and_renamed_files_are_found() {
    let ed = edition();
    let report = ingest(ed.path(), IngestOptions::default());
    let path = article_path(ed.path(), &report, "（无标题）");
    let text = fs::read_to_string(&path).expect("read");
    let edited = text
        .replace(
            "title: （无标题）根据市委统一部署…",
            "title: 西部科学城重庆高新区党工委关于巡视整改进展情况的通报",
        )
        .replace(
            "kind: report\n",
            "kind: report\neditor_note: 标题由编辑根据首段拟定\n",
        );
    assert_ne!(edited, text);
    let renamed = path.with_file_name("xunshi-zhenggai.md");
    fs::remove_file(&path).expect("rm");
    fs::write(&renamed, &edited).expect("edit");

    // An editor's YAML layout and comments are left as they are.
    let commented = edited.replacen("kind: report\n", "kind: report  # 编辑确认\n", 1);
    fs::write(&renamed, &commented).expect("comment");
    ingest(ed.path(), IngestOptions::default());
    assert_eq!(fs::read_to_string(&renamed).expect("read"), commented);

    for _ in 0..2 {
        let again = ingest(ed.path(), IngestOptions::default());
        assert_eq!(again.count(Action::Created), 0, "{}", again.table());
        let now = fs::read_to_string(&renamed).expect("read");
        assert!(
            now.contains("title: 西部科学城重庆高新区党工委关于巡视整改进展情况的通报"),
            "{now}"
        );
        assert!(now.contains("editor_note: 标题由编辑根据首段拟定"));
        assert!(!path.exists());
    }
}

#[test]
fn sources_outside_the_edition_and_unreadable_articles_are_reported() {
    let ed = edition();
    let outside = ed.path().join("elsewhere.txt");
    fs::write(&outside, "# 标题\n").expect("write");
    let report = run(
        ed.path(),
        &IngestOptions {
            files: vec![outside],
            ..Default::default()
        },
    )
    .expect("run");
    assert!(
        report.errors[0].contains("not in content/sources/"),
        "{:?}",
        report.errors
    );

    let articles = ed.path().join("content/articles");
    fs::create_dir_all(&articles).expect("mkdir");
    fs::write(articles.join("broken.md"), "no front-matter").expect("write");
    fs::write(articles.join(".hidden.md"), "---\ntitle: x\n---\n").expect("write");
    let report = run(ed.path(), &IngestOptions::default()).expect("run");
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    assert!(
        report.errors[0].contains("broken.md:1:1: no front-matter"),
        "{:?}",
        report.errors
    );
    assert_eq!(
        fs::read_to_string(articles.join("broken.md")).expect("read"),
        "no front-matter"
    );
    assert_eq!(report.count(Action::Created), 22);
}

#[test]
fn the_committed_edition_survives_re_ingest_byte_for_byte() {
    let ed = edition();
    let articles = ed.path().join("content/articles");
    fs::create_dir_all(&articles).expect("mkdir");
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/articles");
    for e in fs::read_dir(committed).expect("articles").flatten() {
        fs::copy(e.path(), articles.join(e.file_name())).expect("copy");
    }
    let before = snapshot(ed.path());
    for (name, text) in &before {
        let a = Article::parse(text, &articles.join(name)).expect(name);
        assert!(
            a.meta.date.is_some(),
            "{name}: the editor dated every article"
        );
    }
    let report = ingest(ed.path(), IngestOptions::default());
    // Ingest now keeps the 「五个体系」 summary box with its host article
    // (issue 16), but the host's body carries the editor's emendations
    // (issue 17), so it is kept as edited and the box stays a file of its
    // own, shown with its host through `host:`. Articles whose body an
    // editor emended are kept as edited, the others unchanged; nothing is
    // created or rewritten.
    eprintln!("{}", report.table());
    assert_eq!(report.count(Action::Created), 0, "{}", report.table());
    assert_eq!(report.count(Action::Updated), 0, "{}", report.table());
    let kept = report.count(Action::Unchanged) + report.count(Action::KeptEdited);
    assert_eq!(kept, 22, "{}", report.table());
    assert_eq!(snapshot(ed.path()), before);
}

/// `jiedu ingest --review` (issue 16): each article's front-matter beside
/// its first lines, with its warnings, for the named source; nothing is
/// written.
#[test]
fn review_shows_a_page_at_a_glance_and_writes_nothing() {
    let ed = edition();
    let (ok, text, err) = jiedu(
        ed.path(),
        &["ingest", "--review", "002_7a5208351f7f5ae7.txt"],
    );
    assert!(ok, "{err}");
    assert!(
        text.contains("━━ 002_7a5208351f7f5ae7.txt — 2 articles"),
        "{text}"
    );
    assert!(text.contains("authors  张珺、周尤"), "{text}");
    assert!(text.contains("column   【案例】"), "{text}");
    assert!(text.contains("  ! date: year 2025 inferred"), "{text}");
    assert!(!text.contains("000_1eef88d04c1771e2.txt"), "{text}");
    assert!(snapshot(ed.path()).is_empty());
}
