//! The walk over the parsed tree: one pass (iterative, so deep nesting
//! costs no stack) collecting text into lines, a line ending at every
//! block element and `<br>`, headings, list items and the cells of a data
//! table marked as such; skipped elements are recorded for the report.

use super::chrome::skipped;
use super::model::{HtmlLine, Kind};
use crate::ingest::signals as sig;
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::node::Element;
use scraper::Node;
use std::collections::HashSet;

/// Elements that end a line.
const BLOCK: [&str; 36] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "main",
    "center",
    "figure",
    "figcaption",
    "hr",
    "address",
    "caption",
    "td",
    "th",
    "body",
    "html",
    "br",
];

fn is_block(name: &str) -> bool {
    BLOCK.contains(&name)
}

/// The walk's state.
pub(super) struct Walk<'a> {
    tree: &'a ego_tree::Tree<Node>,
    /// The lines collected so far.
    pub(super) lines: Vec<HtmlLine>,
    cur: String,
    cur_links: usize,
    cur_kind: Kind,
    cur_block: Option<NodeId>,
    new_box: bool,
    next_tight: bool,
    /// `<br>`s since the last line: one breaks a line, two a paragraph.
    brs: usize,
    /// Open elements being skipped, by node, with their kind.
    skipping: Option<NodeId>,
    link_depth: usize,
    /// Nearest block ancestors, innermost last.
    blocks: Vec<NodeId>,
    simple_cells: HashSet<NodeId>,
    /// Skipped elements, with why, for the report.
    pub(super) dropped_nodes: Vec<(NodeId, String)>,
}

impl<'a> Walk<'a> {
    /// A walk over `tree`, nothing collected yet.
    pub(super) fn new(tree: &'a ego_tree::Tree<Node>) -> Self {
        Walk {
            tree,
            lines: Vec::new(),
            cur: String::new(),
            cur_links: 0,
            cur_kind: Kind::Text,
            cur_block: None,
            new_box: true,
            next_tight: false,
            brs: 0,
            skipping: None,
            link_depth: 0,
            blocks: Vec::new(),
            simple_cells: HashSet::new(),
            dropped_nodes: Vec::new(),
        }
    }

    /// Walks the whole tree and collects its lines.
    pub(super) fn run(&mut self) {
        for edge in self.tree.root().traverse() {
            match edge {
                Edge::Open(node) => self.open(node),
                Edge::Close(node) => self.close(node),
            }
        }
        self.flush();
    }

    fn open(&mut self, node: ego_tree::NodeRef<'_, Node>) {
        if self.skipping.is_some() {
            return;
        }
        match node.value() {
            Node::Text(t) => self.text(t),
            Node::Element(e) => self.open_element(node.id(), e, node),
            _ => {}
        }
    }

    fn open_element(&mut self, id: NodeId, e: &Element, node: ego_tree::NodeRef<'_, Node>) {
        let name = e.name();
        if let Some(what) = skipped(e, node) {
            self.skipping = Some(id);
            if name != "head" {
                self.dropped_nodes.push((id, what));
            }
            return;
        }
        match name {
            "a" => self.link_depth += 1,
            "td" | "th" if is_simple_cell(node) => {
                self.simple_cells.insert(id);
                if !self.cur.trim().is_empty() {
                    self.cur.push('\t');
                }
                self.cur_kind = Kind::Row;
                return;
            }
            "tr" if row_of_simple_cells(node) => {
                self.flush();
                self.cur_block = Some(id);
                return;
            }
            _ => {}
        }
        if name == "br" {
            self.flush();
            self.brs += 1;
            self.next_tight = self.brs == 1;
            return;
        }
        if is_block(name) {
            self.flush();
            self.blocks.push(id);
            self.cur_block = Some(id);
            self.cur_kind = match name {
                "h1" => Kind::Heading(1),
                "h2" => Kind::Heading(2),
                "h3" | "h4" | "h5" | "h6" => Kind::Heading(3),
                "li" | "dt" | "dd" => Kind::Item,
                _ => Kind::Text,
            };
            if matches!(name, "h1" | "h2" | "article") {
                self.new_box = true;
            }
        }
    }

    fn close(&mut self, node: ego_tree::NodeRef<'_, Node>) {
        if let Some(s) = self.skipping {
            if s == node.id() {
                self.skipping = None;
            }
            return;
        }
        let Node::Element(e) = node.value() else {
            return;
        };
        let name = e.name();
        if name == "a" {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
        if self.simple_cells.contains(&node.id()) || name == "br" {
            return;
        }
        if is_block(name) || name == "tr" {
            self.flush();
            if self.blocks.last() == Some(&node.id()) {
                self.blocks.pop();
            }
            self.cur_block = self.blocks.last().copied();
            self.cur_kind = Kind::Text;
            if name == "article" {
                self.new_box = true;
            }
        }
    }

    fn text(&mut self, t: &str) {
        let mut last_space = self.cur.ends_with(' ') || self.cur.is_empty();
        for c in t.chars() {
            let space = c.is_whitespace() && c != '\u{3000}';
            if space {
                if !last_space {
                    self.cur.push(' ');
                }
                last_space = true;
                continue;
            }
            if c.is_control() {
                continue;
            }
            self.cur.push(c);
            if self.link_depth > 0 {
                self.cur_links += 1;
            }
            last_space = false;
        }
    }

    fn flush(&mut self) {
        let text = tidy(&self.cur);
        if !text.is_empty() {
            let has_tab = text.contains('\t');
            let kind = match self.cur_kind {
                Kind::Row if !has_tab => Kind::Text,
                k => k,
            };
            self.lines.push(HtmlLine {
                text,
                kind,
                link_chars: self.cur_links,
                block: self.cur_block.unwrap_or_else(|| self.tree.root().id()),
                new_box: self.new_box,
                tight: self.next_tight && !self.new_box,
            });
            self.new_box = false;
            self.next_tight = false;
            self.brs = 0;
        }
        self.cur.clear();
        self.cur_links = 0;
        self.cur_kind = match self.cur_kind {
            Kind::Row => Kind::Text,
            k => k,
        };
    }
}

/// Collapses spaces around tabs and at the ends; drops the spaces
/// html source wrapping put between Chinese characters.
fn tidy(s: &str) -> String {
    let cells: Vec<String> = s.split('\t').map(|c| sig::trim(c).to_string()).collect();
    let joined = if cells.iter().filter(|c| !c.is_empty()).count() >= 2 {
        cells.join("\t")
    } else {
        cells.concat()
    };
    sig::trim(&joined).to_string()
}

/// A table cell with no block inside: its text is one cell of a row.
fn is_simple_cell(node: ego_tree::NodeRef<'_, Node>) -> bool {
    !node.descendants().skip(1).take(400).any(|d| {
        d.value()
            .as_element()
            .is_some_and(|e| is_block(e.name()) && e.name() != "br")
    })
}

fn row_of_simple_cells(node: ego_tree::NodeRef<'_, Node>) -> bool {
    let cells: Vec<_> = node
        .children()
        .filter(|c| {
            c.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "td" | "th"))
        })
        .collect();
    cells.len() >= 2 && cells.iter().all(|c| is_simple_cell(*c))
}

#[cfg(test)]
mod tests {
    use crate::ingest::html::derive;
    use crate::ingest::html::tests::{page, PARA};

    #[test]
    fn blocks_become_lines_and_chrome_goes() {
        let html = page(&format!(
            "<div class=\"nav\"><a href=/>首页</a><a href=/x>国内</a></div>\n<script>var x='<p>不要</p>';</script>\n<div id=content><h1>标题在这里</h1>\n<p>{PARA}</p><p>第二段<br>换行{PARA}</p>\n<ul><li>一项</li><li>二项</li></ul></div>\n<div class=footer>版权所有</div>"
        ));
        let d = derive(&html).unwrap();
        assert!(d.text.starts_with("# 标题在这里\n"), "{}", d.text);
        assert!(d.text.contains("第二段\n换行"), "{}", d.text);
        assert!(d.text.contains("- 一项\n"), "{}", d.text);
        for bad in ["首页", "不要", "var", "版权所有", "<"] {
            assert!(!d.text.contains(bad), "{bad} leaked: {}", d.text);
        }
        assert!(d.dropped.iter().any(|x| x.what == "script"));
        assert_eq!(d.line_map.len(), d.text.lines().count());
        let h1 = d.text.lines().position(|l| l.starts_with("# ")).unwrap();
        assert_eq!(d.line_map[h1], 6);
    }

    #[test]
    fn data_tables_are_rows_layout_tables_are_not() {
        let d = derive(&page(&format!(
            "<table><tr><td><p>{PARA}</p></td></tr></table><table><tr><td>地区</td><td>数量</td></tr><tr><td>重庆</td><td>5</td></tr></table>"
        )))
        .unwrap();
        assert!(d.text.contains("地区\t数量\n重庆\t5"), "{}", d.text);
    }
}
