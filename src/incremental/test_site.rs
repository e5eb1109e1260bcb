//! Small sites for the incremental layer's unit tests.

use crate::content::{Article, Site, Term};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The address the test sessions and builds link to.
pub const BASE: &str = "http://127.0.0.1:1111/";

/// A site of `articles` (slug, body) and `terms` (id, form), with no
/// pages, sources or translations.
pub fn site(articles: &[(&str, &str)], terms: &[(&str, &str)]) -> Site {
    let config = "title: t\nbase_url: https://x.org/\n";
    let config = crate::config::SiteConfig::parse(config, Path::new("site.yaml")).unwrap();
    let article = |(slug, body): &(&str, &str)| {
        let text = format!("---\ntitle: {slug}\n---\n{body}\n");
        Article::parse(&text, Path::new(&format!("a/{slug}.md"))).unwrap()
    };
    let term = |(id, form): &(&str, &str)| {
        let text = format!("---\nterm: {form}\nkind: slogan\n---\n");
        Term::parse(&text, Path::new(&format!("g/{id}.md"))).unwrap()
    };
    Site {
        root: PathBuf::from("."),
        config,
        articles: articles.iter().map(article).collect(),
        terms: terms.iter().map(term).collect(),
        pages: Vec::new(),
        sources: Vec::new(),
        annotations: Vec::new(),
        translations: Vec::new(),
    }
}

/// Writes `text` to `rel` under `root`, making folders.
pub fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// An article file's text.
pub fn article(title: &str, day: u32, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: 2025-01-{day:02}\n{extra}---\n{body}\n\n第二段。\n")
}

/// A glossary entry's text.
pub fn term(form: &str, extra: &str, definition: &str) -> String {
    format!("---\nterm: {form}\npinyin: x\nkind: slogan\n{extra}---\n{definition}\n")
}

/// Dated articles (so they have neighbours), several that mention no term
/// (pages an edit elsewhere must leave alone), terms with a parent and a
/// see-also, a free page in the navigation, a cited source, a translation.
pub fn edition(root: &Path) {
    write(
        root,
        "site.yaml",
        "title: 测试版\nbase_url: https://example.org/\n",
    );
    write(
        root,
        "content/sources/s1.txt",
        "第一行\n市委召开全会，强调两个确立。\n第三行\n",
    );
    let cite = "source: {file: s1.txt, first_line: 2, last_line: 2, sha256: x}\n";
    write(
        root,
        "content/articles/jia.md",
        &article("文章甲", 1, cite, "市委召开全会，强调两个确立。"),
    );
    write(
        root,
        "content/articles/yi.md",
        &article("文章乙", 2, "", "推进清廉重庆建设。"),
    );
    write(
        root,
        "content/articles/bing.md",
        &article("文章丙", 3, "", "三清三减三增工作取得成效，三清先行。"),
    );
    for (i, slug) in ["ding", "wu", "ji", "geng", "xin", "ren", "gui"]
        .iter()
        .enumerate()
    {
        let body = format!("普通的消息第{i}条。");
        write(
            root,
            &format!("content/articles/{slug}.md"),
            &article(slug, 4 + i as u32, "", &body),
        );
    }
    write(
        root,
        "content/glossary/liang-ge-que-li.md",
        &term("两个确立", "see_also: [qing-lian]\n", "定义。"),
    );
    write(
        root,
        "content/glossary/qing-lian.md",
        &term("清廉重庆", "", "定义。"),
    );
    write(
        root,
        "content/glossary/san-qing-san-jian-san-zeng.md",
        &term("三清三减三增", "", "定义。"),
    );
    write(
        root,
        "content/glossary/san-qing.md",
        &term("三清", "parent: san-qing-san-jian-san-zeng\n", "定义。"),
    );
    write(
        root,
        "content/pages/about.md",
        "---\ntitle: 关于\nnav_order: 1\n---\n关于本版。\n",
    );
    let translation =
        "---\ntitle: Article yi\ntranslator: T. Ester\nstatus: draft\n---\n{#p1}\nFirst.\n";
    write(root, "content/translations/en/yi.md", translation);
}

/// Every file under `dir` with its bytes.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// A fresh `jiedu build` of `root` with the session's links.
pub fn fresh_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let opts = crate::site::BuildOptions {
        base_url: Some(BASE.into()),
        out: Some(out.path().join("public")),
        ..Default::default()
    };
    crate::site::build(root, &opts).unwrap();
    files(&out.path().join("public"))
}
