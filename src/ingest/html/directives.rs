//! Server directives (`<%…%>`, `<?…?>`) blanked before parsing, since
//! html5ever would read them as text, and reported.

use super::locate::{line_at, short};
use super::model::Dropped;

/// Blanks `<%…%>` and `<?…?>` (keeping line ends, so positions hold) and
/// reports each.
pub(super) fn blank_directives(html: &str) -> (String, Vec<Dropped>) {
    let mut out = String::with_capacity(html.len());
    let mut dropped = Vec::new();
    let mut rest = html;
    let mut consumed = 0;
    loop {
        let next = ["<%", "<?"]
            .iter()
            .filter_map(|o| rest.find(o).map(|i| (i, *o)))
            .min();
        let Some((i, open)) = next else {
            out.push_str(rest);
            break;
        };
        let close = if open == "<%" { "%>" } else { "?>" };
        let end = rest[i..].find(close).map_or(rest.len(), |j| i + j + 2);
        out.push_str(&rest[..i]);
        let directive = &rest[i..end];
        dropped.push(Dropped {
            line: line_at(html, consumed + i),
            what: "server directive".to_string(),
            text: short(directive),
        });
        out.extend(
            directive
                .chars()
                .map(|c| if c == '\n' { '\n' } else { ' ' }),
        );
        consumed += end;
        rest = &rest[end..];
    }
    (out, dropped)
}
