//! Splitting a Markdown file into YAML front-matter and body, and parsing
//! the YAML into a typed struct with errors that point into the file.
//!
//! A file is `---`, YAML lines, `---`, then the body. A byte-order mark and
//! CRLF line ends are accepted. Errors from the YAML parser are shifted by
//! the lines before the YAML so that they name the line in the file, not in
//! the YAML fragment.

use crate::error::{Error, Location, Result};
use serde::de::DeserializeOwned;
use std::path::Path;

/// A file split into its parts, borrowing from the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// 0-based line of the file where the YAML starts (1 after `---`).
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// 0-based line of the file where the body starts.
    pub body_line: usize,
}

/// Splits `text` into front-matter and body. `path` is only for errors.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Error::invalid(Location::at(path, 1, 1), "no front-matter")
            .with_hint("start the file with a line `---`, then `title: …`, then another `---`"));
    }
    let after_open = first.len() + line_end_len(&text[first.len()..]);
    let mut offset = after_open;
    for (line, l) in (1..).zip(text[after_open..].split_inclusive('\n')) {
        if l.trim_end() == "---" {
            let yaml = &text[after_open..offset];
            let body = &text[offset + l.len()..];
            return Ok(Split {
                yaml,
                yaml_line: 1,
                body,
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err(
        Error::invalid(Location::at(path, 1, 1), "front-matter is never closed")
            .with_hint("add a line `---` after the last YAML line"),
    )
}

fn line_end_len(rest: &str) -> usize {
    if rest.starts_with("\r\n") {
        2
    } else if rest.starts_with('\n') {
        1
    } else {
        0
    }
}

/// Parses YAML front-matter into `T`; errors name the line in the file.
pub fn parse<T: DeserializeOwned>(split: &Split<'_>, path: &Path) -> Result<T> {
    if split.yaml.trim().is_empty() {
        return Err(
            Error::invalid(Location::at(path, 2, 1), "front-matter is empty")
                .with_hint("an article needs at least `title: …`"),
        );
    }
    yaml_serde::from_str(split.yaml).map_err(|e| yaml_error(path, split.yaml, split.yaml_line, &e))
}

/// Converts a YAML error into an [`Error::Invalid`] at the right line of
/// the file; `line_offset` is how many lines precede `yaml` in the file.
pub fn yaml_error(path: &Path, yaml: &str, line_offset: usize, e: &yaml_serde::Error) -> Error {
    let (msg, opened) = strip_positions(&e.to_string());
    // A value its own type refused (an id with `..` or `/`) is reported at
    // the start of the mapping; point at the value instead.
    let opened = opened.or_else(|| {
        let i = yaml.find(rejected_value(&msg)?)?;
        let at = Location::of_offset(path, yaml, i);
        Some((at.line, at.col))
    });
    let loc = match (opened, e.location()) {
        // An unclosed quote or bracket: point at where it opened, not at
        // the end of the YAML where the parser gave up.
        (Some((line, col)), _) => Location::at(path, line + line_offset, col),
        (None, Some(l)) => {
            // The parser reports a byte index; recount the column in
            // characters so it matches what an editor shows.
            let inner = Location::of_offset(path, yaml, l.index());
            Location::at(path, inner.line + line_offset, inner.col)
        }
        (None, None) => Location::at(path, line_offset + 1, 0),
    };
    // The scanner trips over an indenting tab while still reading the
    // value before it, and so names the line above: point at the tab.
    let tab = msg
        .contains("tab character")
        .then(|| indenting_tab(yaml, loc.line.saturating_sub(line_offset + 1)))
        .flatten();
    let loc = match tab {
        Some((line, col)) => Location::at(path, line + line_offset + 1, col + 1),
        None => loc,
    };
    let line_has_tab = yaml
        .lines()
        .nth(loc.line.saturating_sub(line_offset + 1))
        .is_some_and(|l| l.contains('\t'));
    let hint = if line_has_tab {
        Some("this line holds a tab: YAML indentation must use spaces, not tabs")
    } else {
        yaml_hint(&msg, path)
    };
    let err = Error::invalid(loc, msg);
    match hint {
        Some(h) => err.with_hint(h),
        None => err,
    }
}

/// The first tab in a line's indentation at or after 0-based line `from`
/// of `yaml` (else anywhere): its 0-based line and character column.
fn indenting_tab(yaml: &str, from: usize) -> Option<(usize, usize)> {
    let tabs: Vec<(usize, usize)> = (yaml.lines().enumerate())
        .filter_map(|(i, l)| {
            let indent = l.len() - l.trim_start_matches([' ', '\t']).len();
            let col = l[..indent].find('\t')?;
            Some((i, l[..col].chars().count()))
        })
        .collect();
    let after = tabs.iter().find(|(line, _)| *line >= from);
    after.or(tabs.first()).copied()
}

/// The parser's message without the ` at line L column C` it embeds
/// (those count from the YAML, not the file, and the location is reported
/// separately), plus the position after `while scanning …` if there is one:
/// where the construct the parser was reading began.
fn strip_positions(msg: &str) -> (String, Option<(usize, usize)>) {
    let mut out = String::with_capacity(msg.len());
    let mut opened = None;
    let mut rest = msg;
    while let Some(i) = rest.find(" at line ") {
        let Some((line, col, len)) = position(&rest[i + " at line ".len()..]) else {
            out.push_str(&rest[..i + 1]);
            rest = &rest[i + 1..];
            continue;
        };
        let before = &rest[..i];
        if before.contains("while scanning") {
            opened = Some((line, col));
        }
        out.push_str(before);
        rest = &rest[i + " at line ".len() + len..];
    }
    out.push_str(rest);
    (out, opened)
}

/// `X` from "`X` is not a valid …", the message of a rejected id.
fn rejected_value(msg: &str) -> Option<&str> {
    let (value, after) = msg.strip_prefix('`')?.split_once('`')?;
    (after.starts_with(" is not a valid") && !value.is_empty()).then_some(value)
}

/// `L column C` at the start of `s`: (L, C, bytes used).
fn position(s: &str) -> Option<(usize, usize, usize)> {
    let digits = |t: &str| t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let l = digits(s);
    let after = s[l..].strip_prefix(" column ")?;
    let c = digits(after);
    let line = s[..l].parse().ok()?;
    let col = after[..c].parse().ok()?;
    Some((line, col, l + " column ".len() + c))
}

fn yaml_hint(msg: &str, path: &Path) -> Option<&'static str> {
    let file = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if msg.contains("unknown field") && file == "site.yaml" {
        Some("check the spelling; the README's section “Configuration: site.yaml” lists every key")
    } else if msg.contains("unknown field") && !file.ends_with(".md") {
        Some("check the spelling; the README lists the keys of this file")
    } else if msg.contains("unknown field") {
        Some("check the spelling; the README lists every front-matter key")
    } else if msg.contains("missing field `title`") {
        Some("every article and page needs `title: …`")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct SampleFrontMatter {
        title: String,
    }

    #[test]
    fn splits_yaml_and_body_with_crlf_and_bom() {
        let text = "\u{feff}---\r\ntitle: 标题\r\n---\r\n正文\r\n";
        let s = split(text, Path::new("a.md")).unwrap();
        assert_eq!(s.yaml, "title: 标题\r\n");
        assert_eq!(s.body, "正文\r\n");
        assert_eq!(s.body_line, 3);
        let m: SampleFrontMatter = parse(&s, Path::new("a.md")).unwrap();
        assert_eq!(m.title, "标题");
    }

    #[test]
    fn missing_and_unclosed_front_matter() {
        let e = split("正文", Path::new("a.md")).unwrap_err().to_string();
        assert!(e.starts_with("a.md:1:1: no front-matter"), "{e}");
        let e = split("---\ntitle: x\n", Path::new("a.md"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("never closed"), "{e}");
    }

    #[test]
    fn yaml_errors_name_the_file_line_and_character_column() {
        let text = "---\n# 注释\ntitle: \"未闭合\n---\n";
        let s = split(text, Path::new("b.md")).unwrap();
        let e = parse::<SampleFrontMatter>(&s, Path::new("b.md"))
            .unwrap_err()
            .to_string();
        // Where the quote opened, with no YAML-relative positions left in
        // the message to contradict it.
        assert!(e.starts_with("b.md:3:8: "), "{e}");
        assert!(e.contains("while scanning a quoted scalar"), "{e}");
        assert!(!e.contains(" at line "), "{e}");

        let text = "---\ntitle: 中文\ntitel: x\n---\n";
        let s = split(text, Path::new("c.md")).unwrap();
        let e = parse::<SampleFrontMatter>(&s, Path::new("c.md"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("c.md:3:1: unknown field `titel`"), "{e}");
        assert!(e.contains("front-matter key"), "{e}");
    }

    #[test]
    fn a_tab_before_a_key_is_reported_on_its_own_line_with_a_hint() {
        let text = "---\ntitle: x\n\tdate: 2025-01-01\n---\n正文\n";
        let s = split(text, Path::new("t.md")).unwrap();
        let e = parse::<SampleFrontMatter>(&s, Path::new("t.md"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("t.md:3:1: "), "{e}");
        assert!(e.contains("hint: this line holds a tab"), "{e}");
        let text = "---\ntitle: x\n  \tdate: 2025-01-01\n---\n";
        let s = split(text, Path::new("t.md")).unwrap();
        let e = parse::<SampleFrontMatter>(&s, Path::new("t.md"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("t.md:3:"), "{e}");
        assert!(e.contains("hint: this line holds a tab"), "{e}");
    }
}
