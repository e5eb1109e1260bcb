//! `jiedu ingest --review`: a whole page's result on one screen.
//!
//! For each article an editor sees, side by side, what ingest put in the
//! front-matter (title, kicker, subtitle, column, byline and authors,
//! date, dateline, source lines) and the first lines of the body it wrote,
//! followed by the warnings to check. Nothing is written.

use super::ingested::Ingested;
use super::pipeline::IngestedSource;
use std::fmt::Write as _;

/// Width of the front-matter column, in characters.
const LEFT: usize = 38;
/// Body lines shown per article.
const BODY_LINES: usize = 6;
/// Characters shown of a body line.
const BODY_WIDTH: usize = 44;

/// The review of one ingested source (see module docs).
pub fn review(src: &IngestedSource) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "━━ {} — {} articles", src.file, src.articles.len());
    for (i, a) in src.articles.iter().enumerate() {
        let _ = writeln!(out, "── {} ──", i + 1);
        let left = front(a);
        let right = body_lines(&a.body);
        for row in 0..left.len().max(right.len()) {
            let l = left.get(row).map_or("", String::as_str);
            let r = right.get(row).map_or("", String::as_str);
            let _ = writeln!(out, "{}│ {r}", pad(l, LEFT));
        }
        for w in &a.meta.warnings {
            let _ = writeln!(out, "  ! {w}");
        }
    }
    out
}

/// The front-matter fields worth a glance, one per row.
fn front(a: &Ingested) -> Vec<String> {
    let m = &a.meta;
    let mut rows = vec![format!("title    {}", m.title)];
    let mut opt = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            rows.push(format!("{k:<8} {v}"));
        }
    };
    opt("kicker", &m.kicker);
    opt("subtitle", &m.subtitle);
    opt("column", &m.column);
    opt("byline", &m.byline);
    opt("dateline", &m.dateline);
    if !m.authors.is_empty() {
        rows.push(format!("authors  {}", m.authors.join("、")));
    }
    let kind = m
        .kind
        .and_then(|k| serde_json::to_value(k).ok())
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    rows.push(format!("kind     {kind}"));
    rows.push(format!(
        "date     {}",
        m.date.as_ref().map_or("—".to_string(), ToString::to_string)
    ));
    if let Some(s) = &m.source {
        rows.push(format!("lines    {}–{}", s.first_line, s.last_line));
    }
    rows
}

/// The first non-blank lines of the body, shortened.
fn body_lines(body: &str) -> Vec<String> {
    body.lines()
        .filter(|l| !l.trim().is_empty())
        .take(BODY_LINES)
        .map(|l| {
            let short: String = l.chars().take(BODY_WIDTH).collect();
            if l.chars().count() > BODY_WIDTH {
                format!("{short}…")
            } else {
                short
            }
        })
        .collect()
}

/// `s` cut or padded to `width` display columns (CJK counts two).
fn pad(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = if c.is_ascii() { 1 } else { 2 };
        if used + w > width - 1 {
            out.push('…');
            used += 1;
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_front_matter_beside_the_body_and_the_warnings() {
        let page = "# 标题\n\n□本报记者 周尤\n\n正文第一段。\n\n正文第二段。\n";
        let src = super::super::ingest_text("a.txt", "00", page);
        let r = review(&src);
        assert!(r.contains("━━ a.txt — 1 articles"), "{r}");
        let title_row = r
            .lines()
            .find(|l| l.contains("title    标题"))
            .expect("title");
        assert!(title_row.contains("│ 正文第一段。"), "{r}");
        assert!(r.contains("authors  周尤"), "{r}");
        assert!(r.contains("  ! date:"), "{r}");
    }

    #[test]
    fn pads_wide_characters_to_columns() {
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("标题", 6), "标题  ");
        assert!(pad("很长很长很长很长", 6).starts_with("很长…"));
    }
}
