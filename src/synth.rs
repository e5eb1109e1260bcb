//! Synthetic editions for measuring: N articles of about 3 KB made by
//! reshuffling the paragraphs of seed texts, and a glossary of M terms
//! (the real ones, if given, plus generated ones injected into the text).
//!
//! The same `(articles, terms, seed)` always gives the same edition, byte
//! for byte, so builds at 1,000, 10,000 and 100,000 articles can be
//! compared across commits and against other generators (Hugo builds the
//! very same Markdown in `benches/peer.sh`).
//!
//! This is the one generator of the repository: `jiedu synth` (a hidden
//! subcommand), the benchmarks under `benches/` and the throughput
//! measurement in `tests/` all use it. It is a measuring tool, so it writes
//! files itself rather than going through `site::write`.
//!
//! Generated terms are Han phrases such as `统筹强基工程` built from two
//! syllable lists; every article gets a few of them, drawn with a skew
//! (term `k` is picked about `1/(k+1)` as often as term 0), so a few terms
//! are everywhere and most are rare, as in the real corpus. That exercises
//! the pagination of term pages and the caps of related articles.

use crate::error::{Error, Result};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthOptions {
    /// Number of articles.
    pub articles: usize,
    /// Total number of glossary terms: the real ones copied in, then
    /// generated ones up to this many.
    pub terms: usize,
    /// Seed of the reshuffling.
    pub seed: u64,
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions {
            articles: 1_000,
            terms: 1_000,
            seed: 1,
        }
    }
}

/// Target size of an article body in bytes.
pub const ARTICLE_BYTES: usize = 3_000;

/// xorshift64*: deterministic, tiny, no dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed` (any value, zero included).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }
}

/// Where seed texts are found: `$JIEDU_SEEDS`, else `<repo>/content/sources`,
/// else `<repo>/../shared/seeds`.
pub fn seed_dir(repo: &Path) -> PathBuf {
    if let Some(d) = std::env::var_os("JIEDU_SEEDS") {
        return PathBuf::from(d);
    }
    let sources = crate::layout::Layout::new(repo).sources();
    if sources.is_dir() {
        return sources;
    }
    repo.join("../shared/seeds")
}

/// The paragraphs of every `*.txt` seed in `dir`, in file-name order:
/// trimmed lines of at least 12 characters, headings and tables left out.
pub fn seed_paragraphs(dir: &Path) -> Result<Vec<String>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(|e| Error::io(f, e))?;
        out.extend(paragraphs_of(&text));
    }
    if out.is_empty() {
        return Err(Error::io(
            dir,
            std::io::Error::other("no seed paragraphs (*.txt); set JIEDU_SEEDS"),
        ));
    }
    Ok(out)
}

fn paragraphs_of(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| l.chars().count() >= 12)
        .filter(|l| !l.starts_with(['#', '|', '-', '>', '*', '`']))
        .map(String::from)
}

const FIRST: &[&str] = &[
    "统筹", "深化", "强基", "固本", "清风", "廉洁", "数字", "绿色", "协同", "共建", "智慧", "乡村",
    "城市", "法治", "文明", "创新", "开放", "民生", "安全", "振兴", "惠民", "先锋", "红岩", "山水",
    "巴渝", "长江", "枢纽", "产业", "人才", "品质", "和美", "平安",
];
const SECOND: &[&str] = &[
    "强基", "提质", "攻坚", "护航", "赋能", "领航", "聚力", "铸魂", "扬帆", "筑梦", "增效", "惠企",
    "育才", "兴业", "安居", "畅通", "焕新", "共富", "守正", "登高", "启航", "同心", "润心", "清源",
];
const LAST: &[&str] = &["工程", "行动", "计划", "机制", "体系", "专项"];

/// The generated term forms, `count` of them, all distinct, none a
/// substring of another (each ends in one of a few suffix words and starts
/// with a two-character word, so a form contains no other form).
pub fn term_forms(count: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(count);
    'all: for round in 0.. {
        for l in LAST {
            for s in SECOND {
                for f in FIRST {
                    if out.len() == count {
                        break 'all;
                    }
                    // Beyond the 4,608 plain forms, a round number keeps
                    // them distinct: 统筹强基第2工程.
                    let form = if round == 0 {
                        format!("{f}{s}{l}")
                    } else {
                        format!("{f}{s}第{}{l}", round + 1)
                    };
                    out.push(form);
                }
            }
        }
    }
    out
}

/// Article bodies: each about [`ARTICLE_BYTES`] of reshuffled seed
/// paragraphs, with generated term forms woven into some of them.
/// Article `i`'s text depends only on `i`, the seed and the inputs.
pub fn article_body(i: usize, paragraphs: &[String], forms: &[String], seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed ^ (i as u64 + 1).wrapping_mul(0x1000_0000_01b3));
    let mut body = Vec::new();
    let mut bytes = 0;
    while bytes < ARTICLE_BYTES {
        let mut p = paragraphs[rng.below(paragraphs.len())].clone();
        if !forms.is_empty() && rng.below(3) == 0 {
            let _ = write!(p, "要扎实推进“{}”。", forms[skewed(&mut rng, forms.len())]);
        }
        bytes += p.len();
        body.push(p);
    }
    body
}

/// A skewed pick in `0..n`: small numbers far more often.
fn skewed(rng: &mut Rng, n: usize) -> usize {
    // Inverse of a log-uniform draw: about 1/(k+1) density.
    let u = (rng.below(1 << 20) as f64 + 0.5) / f64::from(1 << 20);
    (((n as f64 + 1.0).powf(u) - 1.0) as usize).min(n - 1)
}

/// The Markdown file of article `i`.
pub fn article_markdown(i: usize, body: &[String]) -> String {
    let title: String = body[0]
        .chars()
        .take_while(|c| !"，,。：:；;".contains(*c))
        .take(24)
        .collect();
    let date = format!("{}-{:02}-{:02}", 2015 + i % 11, 1 + i % 12, 1 + i % 28);
    let mut text = format!(
        "---\ntitle: '{}'\ndate: {date}\n---\n",
        title.replace('\'', "''")
    );
    for p in body {
        let _ = write!(text, "{p}\n\n");
    }
    text
}

/// The Markdown file of a generated term.
pub fn term_markdown(n: usize, form: &str) -> String {
    format!(
        "---\nterm: \"{form}\"\npinyin: synth {n}\nkind: slogan\nshort: 合成术语 {n}。\n---\n“{form}”是合成版的第 {n} 个生成术语，用于测量。\n"
    )
}

/// What [`write_edition`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthReport {
    /// Articles written.
    pub articles: usize,
    /// Real terms copied.
    pub real_terms: usize,
    /// Generated terms written.
    pub generated_terms: usize,
    /// Bytes of article Markdown.
    pub bytes: usize,
}

/// Writes a synthetic edition into `root` (which must not hold one
/// already: existing files are overwritten, others kept): `site.yaml`,
/// `templates/` copied from `templates`, the real glossary copied from
/// `glossary` if given, generated terms, and the articles.
pub fn write_edition(
    root: &Path,
    templates: &Path,
    glossary: Option<&Path>,
    paragraphs: &[String],
    opts: &SynthOptions,
) -> Result<SynthReport> {
    let layout = crate::layout::Layout::new(root);
    // An edition without templates of its own uses the built-in ones.
    if templates.is_dir() {
        copy_tree(templates, &layout.templates())?;
    }
    put(
        &layout.config_file(),
        "title: 合成版\nbase_url: https://example.org/\ndescription: 合成版，用于测量。\n",
    )?;
    let terms_dir = layout.glossary();
    let real_terms = match glossary {
        Some(g) => copy_tree(g, &terms_dir)?,
        None => 0,
    };
    std::fs::create_dir_all(&terms_dir).map_err(|e| Error::io(&terms_dir, e))?;
    let forms = term_forms(opts.terms.saturating_sub(real_terms));
    for (n, form) in forms.iter().enumerate() {
        put(
            &terms_dir.join(format!("synth-{n:05}.md")),
            &term_markdown(n, form),
        )?;
    }
    let dir = layout.articles();
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let mut bytes = 0;
    for i in 0..opts.articles {
        let text = article_markdown(i, &article_body(i, paragraphs, &forms, opts.seed));
        bytes += text.len();
        put(&dir.join(format!("synth-{i:06}.md")), &text)?;
    }
    Ok(SynthReport {
        articles: opts.articles,
        real_terms,
        generated_terms: forms.len(),
        bytes,
    })
}

fn put(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|e| Error::io(path, e))
}

/// Copies the files of `from` into `to`; returns how many `*.md` files
/// it copied at the top level (the terms of a glossary directory).
fn copy_tree(from: &Path, to: &Path) -> Result<usize> {
    let mut md = 0;
    for e in walkdir::WalkDir::new(from).sort_by_file_name() {
        let e = e.map_err(|e| Error::io(from, std::io::Error::other(e.to_string())))?;
        let sub = e.path().strip_prefix(from).unwrap_or(e.path());
        let target = to.join(sub);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).map_err(|err| Error::io(&target, err))?;
        } else {
            std::fs::copy(e.path(), &target).map_err(|err| Error::io(&target, err))?;
            md += usize::from(e.depth() == 1 && sub.extension().is_some_and(|x| x == "md"));
        }
    }
    Ok(md)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_distinct_and_none_contains_another() {
        let forms = term_forms(5_000);
        assert_eq!(forms.len(), 5_000);
        let set: std::collections::HashSet<_> = forms.iter().collect();
        assert_eq!(set.len(), forms.len());
        for a in forms.iter().step_by(97) {
            for b in &forms {
                assert!(a == b || !b.contains(a.as_str()), "{b} contains {a}");
            }
        }
    }

    #[test]
    fn bodies_are_deterministic_and_about_3kb() {
        let paras: Vec<String> = (0..50).map(|i| format!("第{i}段。").repeat(20)).collect();
        let forms = term_forms(10);
        let a = article_body(7, &paras, &forms, 1);
        assert_eq!(a, article_body(7, &paras, &forms, 1));
        assert_ne!(a, article_body(8, &paras, &forms, 1));
        let bytes: usize = a.iter().map(String::len).sum();
        assert!((ARTICLE_BYTES..ARTICLE_BYTES + 600).contains(&bytes));
    }

    #[test]
    fn skew_stays_in_range() {
        let mut rng = Rng::new(3);
        let picks: Vec<usize> = (0..10_000).map(|_| skewed(&mut rng, 100)).collect();
        assert!(picks.iter().all(|&k| k < 100));
        let low = picks.iter().filter(|&&k| k < 10).count();
        assert!(low > picks.len() / 3, "skewed towards small: {low}");
    }
}
