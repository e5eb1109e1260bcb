//! Accounting: proof that ingest lost and invented nothing.
//!
//! Every non-blank source line must end up in exactly one article (in its
//! body or a front-matter field moved out of the text) or in the report of
//! removed chrome. For each article, the characters of its source lines
//! and the characters of what ingest wrote must be the same multiset,
//! ignoring only whitespace, the Markdown markup ingest adds (`#` `*` `-`
//! `|` `\`), the brief bullet `●`, and punctuation width (`，` = `,`).

use super::ingested::Ingested;
use super::report::Removed;
use super::signals as sig;
use std::collections::BTreeMap;

/// Characters ingest may add or remove: markup and the brief bullet.
fn is_markup(c: char) -> bool {
    matches!(c, '#' | '*' | '-' | '|' | '\\' | '●')
}

/// One character as compared: full-width punctuation folded to ASCII;
/// `None` for what the comparison ignores.
fn fold(c: char) -> Option<char> {
    if sig::is_space(c) || is_markup(c) {
        return None;
    }
    Some(match c {
        '，' => ',',
        '：' => ':',
        '；' => ';',
        '？' => '?',
        '！' => '!',
        '（' => '(',
        '）' => ')',
        c => c,
    })
}

fn bag<'a>(texts: impl Iterator<Item = &'a str>) -> BTreeMap<char, i64> {
    let mut m = BTreeMap::new();
    for c in texts.flat_map(str::chars).filter_map(fold) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

/// Checks that `articles` and `removed` account for every character of
/// `source` (see module docs); the error lists every discrepancy.
pub fn accounting(
    source: &str,
    articles: &[Ingested],
    removed: &[Removed],
) -> Result<(), Vec<String>> {
    let lines: Vec<&str> = source.lines().collect();
    let mut problems = Vec::new();
    let mut owners: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for a in articles {
        for &n in &a.lines {
            owners.entry(n).or_default().push(a.meta.title.clone());
        }
    }
    for r in removed {
        owners
            .entry(r.line)
            .or_default()
            .push("removed chrome".into());
    }
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        let who = owners.remove(&n).unwrap_or_default();
        match (sig::is_blank(line), who.len()) {
            (true, 0) | (false, 1) => {}
            (true, _) => problems.push(format!("line {n} is blank but claimed by {who:?}")),
            (false, 0) => problems.push(format!("line {n} is in no article: {line}")),
            (false, _) => problems.push(format!("line {n} is in several articles: {who:?}")),
        }
    }
    problems.extend(owners.keys().map(|n| format!("line {n} does not exist")));
    for a in articles {
        let src = bag(a.lines.iter().filter_map(|&n| lines.get(n - 1).copied()));
        let out = bag(a
            .counted
            .iter()
            .map(String::as_str)
            .chain([a.body.as_str()]));
        if src != out {
            problems.push(format!("“{}”: {}", a.meta.title, diff(&src, &out)));
        }
    }
    for r in removed {
        let src = bag(lines.get(r.line.wrapping_sub(1)).copied().into_iter());
        if src != bag([r.text.as_str()].into_iter()) {
            problems.push(format!("removed line {} does not match the source", r.line));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn diff(src: &BTreeMap<char, i64>, out: &BTreeMap<char, i64>) -> String {
    let mut lost = String::new();
    let mut added = String::new();
    for c in src.keys().chain(out.keys()) {
        let d = src.get(c).unwrap_or(&0) - out.get(c).unwrap_or(&0);
        if d > 0 && !lost.contains(*c) {
            lost.push_str(&format!("{c}×{d} "));
        } else if d < 0 && !added.contains(*c) {
            added.push_str(&format!("{c}×{} ", -d));
        }
    }
    format!("lost [{}], added [{}]", lost.trim(), added.trim())
}
