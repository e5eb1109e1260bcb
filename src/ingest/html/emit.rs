//! The lines written out as the text the pipeline reads: heading and
//! list markers, blank lines between boxes, and each line's line in the
//! file.

use super::locate::LineLocator;
use super::model::{Derived, HeadMeta, HtmlLine, Kind};

/// The derived text and its line map.
pub(super) fn emit(lines: &[HtmlLine], html: &str, head: HeadMeta) -> Derived {
    let mut loc = LineLocator::new(html);
    let mut text = String::new();
    let mut map = Vec::new();
    let mut last_orig = 1;
    for (i, l) in lines.iter().enumerate() {
        let orig = loc.find(&l.text).unwrap_or(last_orig);
        last_orig = orig;
        if i > 0 {
            let list = l.kind == Kind::Item && lines[i - 1].kind == Kind::Item;
            let row = l.kind == Kind::Row && lines[i - 1].kind == Kind::Row;
            let blanks = if l.new_box && !row {
                2
            } else if l.tight || list || row {
                0
            } else {
                1
            };
            for _ in 0..blanks {
                text.push('\n');
                map.push(orig);
            }
        }
        let marker = match l.kind {
            Kind::Heading(1) => "# ",
            Kind::Heading(2) => "## ",
            Kind::Heading(_) => "### ",
            Kind::Item => "- ",
            _ => "",
        };
        text.push_str(marker);
        text.push_str(&l.text);
        text.push('\n');
        map.push(orig);
    }
    Derived {
        text,
        line_map: map,
        dropped: Vec::new(),
        head,
    }
}
