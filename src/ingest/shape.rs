//! Which of the three shapes a source comes in: plain text, Markdown
//! (with or without YAML front-matter) or saved HTML.
//!
//! The extension proposes a shape and the content can overrule it, in one
//! direction only: text that is plainly an HTML document (`<!DOCTYPE html`,
//! `<html`, or an ASP/PHP/JSP directive before it) is HTML whatever its
//! name, and a `.txt` that opens with a closed YAML front-matter block is
//! Markdown. A `.html` or `.md` is never demoted to text. The reason is
//! kept for the report, so an editor sees why a file was read as it was.
//!
//! ```
//! use jiedu::ingest::shape::{detect, Shape};
//! assert_eq!(detect("a.txt", "<!DOCTYPE html><p>x</p>").shape, Shape::Html);
//! assert_eq!(detect("a.md", "# 标题\n").shape, Shape::Markdown);
//! assert_eq!(detect("a.txt", "# 标题\n").shape, Shape::Text);
//! ```

use serde::Serialize;

/// A source's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    /// A page dump as plain text.
    Text,
    /// Markdown, with or without YAML front-matter.
    Markdown,
    /// A saved HTML page.
    Html,
}

impl Shape {
    /// The name shown in reports.
    pub fn label(self) -> &'static str {
        match self {
            Shape::Text => "text",
            Shape::Markdown => "markdown",
            Shape::Html => "html",
        }
    }
}

/// A shape and why it was chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Detected {
    /// The shape.
    pub shape: Shape,
    /// Why, e.g. `extension .html` or `content: <!DOCTYPE html> (extension .txt)`.
    pub reason: String,
}

/// The shape of `file` (its name) holding decoded `text`.
pub fn detect(file: &str, text: &str) -> Detected {
    let ext = file
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let by_ext = match ext.as_str() {
        "html" | "htm" => Some(Shape::Html),
        "md" | "markdown" => Some(Shape::Markdown),
        "txt" => Some(Shape::Text),
        _ => None,
    };
    let ext_note = if ext.is_empty() {
        "no extension".to_string()
    } else {
        format!("extension .{ext}")
    };
    if let Some(sign) = html_signature(text) {
        let reason = if by_ext == Some(Shape::Html) {
            format!("{ext_note}; content {sign}")
        } else {
            format!("content {sign} ({ext_note})")
        };
        return Detected {
            shape: Shape::Html,
            reason,
        };
    }
    match by_ext {
        Some(Shape::Html) => Detected {
            shape: Shape::Html,
            reason: format!("{ext_note} (no <html> tag found)"),
        },
        Some(Shape::Markdown) => Detected {
            shape: Shape::Markdown,
            reason: if has_front_matter(text) {
                format!("{ext_note}; YAML front-matter")
            } else {
                ext_note
            },
        },
        _ if has_front_matter(text) => Detected {
            shape: Shape::Markdown,
            reason: format!("content opens with YAML front-matter ({ext_note})"),
        },
        _ => Detected {
            shape: Shape::Text,
            reason: ext_note,
        },
    }
}

/// What makes `text` plainly an HTML document, if anything: checked on the
/// start of the text (after blank space and server directives).
fn html_signature(text: &str) -> Option<&'static str> {
    let mut rest = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let mut directive = false;
    // Skip leading directives (<%@ Page … %>, <?php … ?>, <?xml … ?>) and
    // comments, at most a few, to reach the document's first tag.
    for _ in 0..8 {
        let closing = if rest.starts_with("<%") {
            "%>"
        } else if rest.starts_with("<?") {
            "?>"
        } else if rest.starts_with("<!--") {
            "-->"
        } else {
            break;
        };
        directive |= !rest.starts_with("<!--");
        match rest.find(closing) {
            Some(i) => rest = rest[i + closing.len()..].trim_start(),
            None => break,
        }
    }
    let head: String = rest
        .chars()
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html") {
        Some("<!DOCTYPE html>")
    } else if head.starts_with("<html") {
        Some("<html>")
    } else if head.starts_with("<head") || head.starts_with("<meta") {
        Some("<head>")
    } else if directive && head.starts_with('<') {
        Some("a server directive, then markup")
    } else {
        None
    }
}

/// Does `text` open with `---`, YAML, `---`?
pub fn has_front_matter(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return false;
    }
    lines.take(200).any(|l| l.trim_end() == "---")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_proposes_content_overrules() {
        assert_eq!(detect("a.html", "<html><p>x").shape, Shape::Html);
        assert_eq!(detect("a.htm", "just text").shape, Shape::Html);
        assert_eq!(detect("a.txt", "\n\n<HTML lang=zh>").shape, Shape::Html);
        let asp = detect(
            "page.txt",
            "<%@ Page Language=\"C#\" %>\r\n<!DOCTYPE html PUBLIC>",
        );
        assert_eq!(asp.shape, Shape::Html);
        assert!(asp.reason.contains("extension .txt"), "{}", asp.reason);
        assert_eq!(
            detect("a.txt", "---\ntitle: x\n---\n正文").shape,
            Shape::Markdown
        );
        assert_eq!(detect("a.txt", "---\n正文没有结束").shape, Shape::Text);
        assert_eq!(detect("a.md", "正文").shape, Shape::Markdown);
        assert_eq!(detect("a.txt", "正文 <b>x</b>").shape, Shape::Text);
    }
}
