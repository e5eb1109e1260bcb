//! The plain-text table `jiedu terms` prints.

use super::candidate::Candidate;
use crate::text::is_han;
use std::fmt::Write as _;

/// A plain-text table of candidates for the terminal: count, articles,
/// kind, phrase, note, and the example's place and sentence (shortened).
pub fn table(candidates: &[Candidate]) -> String {
    let width = candidates
        .iter()
        .map(|c| display_width(&c.text))
        .max()
        .unwrap_or(0)
        .max(4);
    let mut out = format!(
        "{:>6} {:>5} {:>4}  {:<15} {}  example\n",
        "marked",
        "count",
        "arts",
        "kind",
        pad("text", width)
    );
    for c in candidates {
        let note = c
            .note
            .as_deref()
            .map(|n| format!(" [{n}]"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:>6} {:>5} {:>4}  {:<15} {}  {}#{}: {}{}",
            c.marked,
            c.count,
            c.articles,
            c.kind.key(),
            pad(&c.text, width),
            c.example.article,
            c.example.paragraph,
            shorten(&c.example.sentence, 40),
            note,
        );
    }
    out
}

/// Columns a string takes in a terminal: wide (CJK, full-width) characters
/// take two.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if is_han(c)
                || ('\u{3000}'..='\u{303f}').contains(&c)
                || ('\u{ff00}'..='\u{ffef}').contains(&c)
                || ('\u{2018}'..='\u{201d}').contains(&c)
            {
                2
            } else {
                1
            }
        })
        .sum()
}

fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(display_width(s))))
}

fn shorten(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max_chars).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::candidates::{CandidateKind::*, Example};
    use crate::ids::{ParagraphId, Slug};

    #[test]
    fn table_aligns_wide_characters() {
        let c = Candidate {
            text: "两个确立".into(),
            kind: NumericFormula,
            count: 7,
            marked: 5,
            articles: 3,
            note: None,
            example: Example {
                article: Slug::new("a").unwrap(),
                paragraph: ParagraphId(2),
                sentence: "坚定拥护“两个确立”。".into(),
            },
        };
        let t = table(std::slice::from_ref(&c));
        assert!(
            t.starts_with("marked count arts  kind            text      example\n"),
            "{t}"
        );
        assert!(
            t.contains("     5     7    3  numeric-formula 两个确立  a#p2: 坚定拥护“两个确立”。\n"),
            "{t}"
        );
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.contains(r#""kind":"numeric-formula""#), "{json}");
        assert!(json.contains(r#""paragraph":"p2""#), "{json}");
    }
}
