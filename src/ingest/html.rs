//! Saved HTML pages → the lines the text pipeline reads.
//!
//! A saved news page is mostly not the article: navigation, scripts, a
//! skin switcher, an iframe sidebar, share buttons, a footer, sometimes an
//! ASP.NET directive before the doctype. This module parses the page with
//! html5ever (through `scraper`) and turns it into plain lines in the shape
//! a page dump has, so that splitting, describing and cleaning are the
//! same code for every shape:
//!
//! 1. **Directives out.** `<%…%>` and `<?…?>` blocks are blanked before
//!    parsing (html5ever would read them as text) and reported.
//! 2. **Blocks.** One walk over the tree (iterative, so 1,000-deep nesting
//!    costs no stack) collects text into lines: a line ends at every block
//!    element and `<br>`; `h1`–`h3` become `#` headings, `li` list items,
//!    the cells of a data table a tab-separated row. Scripts, styles,
//!    forms, iframes, `nav`/`aside`/`footer` and elements whose class or
//!    id names chrome (`nav`, `menu`, `share`, `breadcrumb`…) are left out
//!    and reported, as are lines that are mostly link text.
//! 3. **Article area.** The lowest element holding every line of running
//!    text (and the headline) is the article area; lines outside it are
//!    site chrome and reported.
//! 4. **Headline.** When the area has no `<h1>`, the line that `<title>`
//!    begins with becomes the headline; when no line matches, `<title>`'s
//!    own text (without the site name) heads the page.
//!
//! Only text reaches the lines, never markup: what is escaped later is
//! text, so no input HTML can become live markup in the edition. Each line
//! remembers the line of the file its text came from, so articles cite the
//! saved page's own lines.
//!
//! A page with no running text at all (an index of links, a login form)
//! is not an article page and is refused with the reason.

use super::signals as sig;
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::node::Element;
use scraper::{Html, Node};
use std::collections::{HashMap, HashSet};

/// Something left out of a page, for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// 1-based line of the file where it starts (as near as known).
    pub line: usize,
    /// What it was: `script`, `nav`, `links`, `outside the article`…
    pub what: String,
    /// Its text, shortened.
    pub text: String,
}

/// Facts from the page's `<head>`, each with where it was found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeadMeta {
    /// `<title>` text.
    pub title: Option<String>,
    /// A publication date from a `<meta>` tag, as written, and the tag.
    pub date: Option<(String, String)>,
    /// The canonical URL, and the tag it came from.
    pub url: Option<(String, String)>,
    /// The publication (`<meta name="source">`, `og:site_name`).
    pub publication: Option<(String, String)>,
}

/// An HTML page turned into lines.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// The lines, blank lines between blocks, as the text pipeline reads.
    pub text: String,
    /// For each line of `text` (0-based), the 1-based line of the file.
    pub line_map: Vec<usize>,
    /// What was left out.
    pub dropped: Vec<Dropped>,
    /// The head's facts.
    pub head: HeadMeta,
}

/// Why a page is not ingested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAnArticle {
    /// The reason, for the error message.
    pub reason: String,
}

/// Elements whose content is never text of the page.
const SKIP: [&str; 17] = [
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "select", "button", "textarea", "input", "form", "head", "map", "video",
];

/// Elements that are site chrome by their nature.
const CHROME: [&str; 4] = ["nav", "aside", "footer", "menu"];

/// Class or id words (split on `-`, `_`, space) that name chrome.
const CHROME_WORDS: [&str; 22] = [
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "foot",
    "sidebar",
    "breadcrumb",
    "crumb",
    "share",
    "copyright",
    "login",
    "toolbar",
    "topbar",
    "ad",
    "ads",
    "advert",
    "comment",
    "comments",
    "skin",
    "search",
    "pagenav",
];

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

/// What kind of line a block makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Heading(u8),
    Item,
    Row,
}

/// A line as collected, before the article area is chosen.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    kind: Kind,
    /// Characters inside `<a>`.
    link_chars: usize,
    /// The nearest block element holding it.
    block: NodeId,
    /// Starts a new box (a heading, a table, a section).
    new_box: bool,
    /// Follows the line before without a blank line (after a `<br>`).
    tight: bool,
}

/// The walk's state.
struct Walk<'a> {
    tree: &'a ego_tree::Tree<Node>,
    lines: Vec<Line>,
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
    dropped_nodes: Vec<(NodeId, String)>,
}

/// Parses `html` and derives its lines; see the module docs.
pub fn derive(html: &str) -> Result<Derived, NotAnArticle> {
    let (cleaned, mut dropped) = blank_directives(html);
    let doc = Html::parse_document(&cleaned);
    let mut head = head_meta(&doc);
    let mut walk = Walk::new(&doc.tree);
    walk.run();
    let Walk {
        lines,
        dropped_nodes,
        ..
    } = walk;
    let mut locator = Locator::new(html);
    for (node, what) in dropped_nodes {
        let text = node_text(&doc.tree, node);
        // Empty markup (an image, a hidden input, an empty iframe) is
        // left out without a report line: there is no text to account for.
        if text.is_empty() {
            continue;
        }
        let line = locator.peek(&text);
        dropped.push(Dropped {
            line,
            what,
            text: short(&text),
        });
    }
    let lines = drop_link_lines(lines, &mut dropped, &mut locator);
    let running: Vec<&Line> = lines.iter().filter(|l| is_running(l)).collect();
    let running_chars: usize = running.iter().map(|l| han(&l.text)).sum();
    if running_chars < 20 {
        return Err(NotAnArticle {
            reason: format!(
                "no running text ({} lines, {running_chars} Chinese characters in paragraphs): an index, a login page or an empty page",
                lines.len()
            ),
        });
    }
    let lines = headline(lines, &head);
    let lines = lead_ins(lines);
    let lines = article_area(lines, &doc.tree, &mut dropped, &mut locator);
    let lines = day_page(lines, &mut head, &mut dropped, &mut locator);
    page_date(&lines, &mut head);
    let mut derived = emit(&lines, html, head);
    dropped.sort_by(|a, b| (a.line, &a.what).cmp(&(b.line, &b.what)));
    derived.dropped = dropped;
    Ok(derived)
}

impl<'a> Walk<'a> {
    fn new(tree: &'a ego_tree::Tree<Node>) -> Self {
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

    fn run(&mut self) {
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
            self.lines.push(Line {
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

/// Why an element's content is left out, if it is.
fn skipped(e: &Element, node: ego_tree::NodeRef<'_, Node>) -> Option<String> {
    let name = e.name();
    if name == "form" && wraps_the_page(node) {
        return None;
    }
    if SKIP.contains(&name) {
        return Some(name.to_string());
    }
    if CHROME.contains(&name) {
        return Some(name.to_string());
    }
    if name == "header" && !holds(node, &["h1", "h2"]) {
        return Some("header".to_string());
    }
    if e.attr("hidden").is_some()
        || e.attr("style").is_some_and(|s| {
            s.replace(' ', "")
                .to_ascii_lowercase()
                .contains("display:none")
        })
    {
        return Some("hidden".to_string());
    }
    let words = e
        .attr("class")
        .into_iter()
        .chain(e.id())
        .flat_map(|v| v.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .map(str::to_ascii_lowercase);
    for w in words {
        if CHROME_WORDS.contains(&w.as_str()) && !holds(node, &["h1"]) {
            return Some(format!("chrome ({w})"));
        }
    }
    None
}

/// Does `node` have a descendant element named one of `names`?
/// A `<form>` around the page itself, as ASP.NET WebForms wraps every
/// page in `<form runat="server">`: it holds a headline or running text
/// (100 Chinese characters or more), which a login or search form never
/// does. Its inputs are still left out one by one.
fn wraps_the_page(node: ego_tree::NodeRef<'_, Node>) -> bool {
    if holds(node, &["h1"]) {
        return true;
    }
    let mut n = 0;
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            n += han(t);
            if n >= 100 {
                return true;
            }
        }
    }
    false
}

fn holds(node: ego_tree::NodeRef<'_, Node>, names: &[&str]) -> bool {
    node.descendants().skip(1).any(|d| {
        d.value()
            .as_element()
            .is_some_and(|e| names.contains(&e.name()))
    })
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

/// Lines that are mostly link text are navigation, not article.
fn drop_link_lines(lines: Vec<Line>, dropped: &mut Vec<Dropped>, loc: &mut Locator) -> Vec<Line> {
    let mut keep = Vec::with_capacity(lines.len());
    for l in lines {
        let n = l.text.chars().filter(|c| !c.is_whitespace()).count().max(1);
        if l.link_chars * 10 >= n * 6 {
            dropped.push(Dropped {
                line: loc.peek(&l.text),
                what: "links".to_string(),
                text: short(&l.text),
            });
        } else {
            keep.push(l);
        }
    }
    keep
}

/// Running text: a paragraph of at least 20 Chinese characters that is
/// not a heading.
fn is_running(l: &Line) -> bool {
    matches!(l.kind, Kind::Text | Kind::Item) && han(&l.text) >= 20
}

fn han(s: &str) -> usize {
    s.chars().filter(|&c| sig::is_han(c)).count()
}

/// The headline: an `<h1>`, else the line `<title>` begins with, else the
/// title itself as a new first line.
fn headline(mut lines: Vec<Line>, head: &HeadMeta) -> Vec<Line> {
    if lines.iter().any(|l| l.kind == Kind::Heading(1)) {
        return lines;
    }
    let Some(title) = head.title.as_deref().map(title_without_site) else {
        return lines;
    };
    if sig::chars(&title) < 4 {
        return lines;
    }
    let matching = lines.iter().position(|l| {
        l.kind != Kind::Row
            && sig::chars(&l.text) >= 4
            && sig::chars(&l.text) <= 80
            && (title.starts_with(l.text.as_str()) || l.text.starts_with(title.as_str()))
    });
    match matching {
        Some(i) => {
            lines[i].kind = Kind::Heading(1);
            lines[i].new_box = true;
        }
        None => {
            let block = lines.first().map(|l| l.block);
            if let Some(block) = block {
                lines.insert(
                    0,
                    Line {
                        text: title,
                        kind: Kind::Heading(1),
                        link_chars: 0,
                        block,
                        new_box: true,
                        tight: false,
                    },
                );
            }
        }
    }
    lines
}

/// An `<h1>` ending in a colon right above another `<h1>` introduces
/// it (`绍兴一中9月党员学习推荐材料：` over the headline of the article a
/// site reprints): it is the headline's lead-in, read as its kicker, not
/// a headline of its own.
fn lead_ins(mut lines: Vec<Line>) -> Vec<Line> {
    for i in 1..lines.len() {
        let (before, after) = lines.split_at_mut(i);
        let lead = &mut before[i - 1];
        let introduces = sig::trim(&lead.text).ends_with(['：', ':']);
        if lead.kind == Kind::Heading(1) && after[0].kind == Kind::Heading(1) && introduces {
            lead.kind = Kind::Heading(3);
        }
    }
    lines
}

/// A day's page of items (a programme's running order, an edition's
/// round-up): an `<h1>` that names a day (`新闻联播 2021-07-09`) over at
/// least two `<h2>` items. The `<h1>` and what precedes the first item are
/// the page's, not an article's: they are reported, the day becomes the
/// page's date when no `<meta>` gives one, and each `<h2>` becomes an
/// article's headline.
fn day_page(
    mut lines: Vec<Line>,
    head: &mut HeadMeta,
    dropped: &mut Vec<Dropped>,
    loc: &mut Locator,
) -> Vec<Line> {
    let Some(h1) = lines.iter().position(|l| l.kind == Kind::Heading(1)) else {
        return lines;
    };
    let Some(day) = crate::ingest::printed::day_title(&lines[h1].text) else {
        return lines;
    };
    let items = lines[h1..]
        .iter()
        .filter(|l| l.kind == Kind::Heading(2))
        .count();
    let others = lines.iter().filter(|l| l.kind == Kind::Heading(1)).count();
    if items < 2 || others > 1 {
        return lines;
    }
    let first_item = lines[h1..]
        .iter()
        .position(|l| l.kind == Kind::Heading(2))
        .map_or(h1, |i| h1 + i);
    for l in lines.drain(h1..first_item) {
        dropped.push(Dropped {
            line: loc.peek(&l.text),
            what: "page heading".to_string(),
            text: short(&l.text),
        });
    }
    for l in &mut lines {
        if l.kind == Kind::Heading(2) {
            l.kind = Kind::Heading(1);
        }
    }
    // `更新于 2021-07-09 20:19:43` closing the page is the page's own stamp,
    // not the last item's words.
    static STAMP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?:更新|发布|生成)(?:于|时间)?[：:\s]*\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
            .expect("valid regex")
    });
    if lines
        .last()
        .is_some_and(|l| l.kind == Kind::Text && STAMP.is_match(sig::trim(&l.text)))
    {
        let l = lines.pop().expect("a last line");
        let html = loc.html;
        let line = match html.rfind(sig::trim(&l.text)) {
            Some(at) => line_at(html, at),
            None => loc.peek(&l.text),
        };
        dropped.push(Dropped {
            line,
            what: "page stamp".to_string(),
            text: short(&l.text),
        });
    }
    if head.date.is_none() {
        head.date = Some((day.to_string(), "page's <h1>".to_string()));
    }
    lines
}

/// The page's own date when no `<meta>` gives one: a date line above the
/// first paragraph of running text (`2010年09月10日09:14 来源:大河网`,
/// `发布日期：2019-03-06`), the box under a saved page's headline. It
/// dates everything on the page, not only the article it stands in.
fn page_date(lines: &[Line], head: &mut HeadMeta) {
    if head.date.is_some() {
        return;
    }
    let end = lines.iter().position(is_running).unwrap_or(lines.len());
    let found = lines[..end]
        .iter()
        .filter(|l| l.kind == Kind::Text)
        .find_map(|l| crate::ingest::printed::stated_date(&l.text).map(|(d, _)| d));
    if let Some(date) = found {
        head.date = Some((date.to_string(), "page's date line".to_string()));
    }
}

/// `<title>` without the site name: the part before `_`, ` - `, `|`, `——`.
pub fn title_without_site(title: &str) -> String {
    let t = sig::trim(title);
    let cut = ["_", " - ", "|", "——", "－"]
        .iter()
        .filter_map(|sep| t.find(sep))
        .filter(|&i| i > 0)
        .min()
        .unwrap_or(t.len());
    sig::trim(&t[..cut]).to_string()
}

/// Keeps the lines inside the lowest element holding the running text and
/// the headline; reports the rest.
fn article_area(
    lines: Vec<Line>,
    tree: &ego_tree::Tree<Node>,
    dropped: &mut Vec<Dropped>,
    loc: &mut Locator,
) -> Vec<Line> {
    let anchors: Vec<NodeId> = lines
        .iter()
        .filter(|l| is_running(l) || l.kind == Kind::Heading(1))
        .map(|l| l.block)
        .collect();
    let Some(area) = common_ancestor(tree, &anchors) else {
        return lines;
    };
    let inside: HashMap<NodeId, bool> = lines
        .iter()
        .map(|l| (l.block, is_within(tree, l.block, area)))
        .collect();
    let mut keep = Vec::with_capacity(lines.len());
    for l in lines {
        // A data table's rows are content wherever they sit.
        if l.kind == Kind::Row || inside.get(&l.block).copied().unwrap_or(true) {
            keep.push(l);
        } else {
            dropped.push(Dropped {
                line: loc.peek(&l.text),
                what: "outside the article".to_string(),
                text: short(&l.text),
            });
        }
    }
    keep
}

fn path_to_root(tree: &ego_tree::Tree<Node>, id: NodeId) -> Vec<NodeId> {
    let mut path: Vec<NodeId> = tree
        .get(id)
        .map(|n| n.ancestors().map(|a| a.id()).collect())
        .unwrap_or_default();
    path.reverse();
    path.push(id);
    path
}

fn common_ancestor(tree: &ego_tree::Tree<Node>, ids: &[NodeId]) -> Option<NodeId> {
    let mut iter = ids.iter();
    let mut common = path_to_root(tree, *iter.next()?);
    for &id in iter {
        let p = path_to_root(tree, id);
        let same = common.iter().zip(&p).take_while(|(a, b)| a == b).count();
        common.truncate(same);
    }
    common.last().copied()
}

fn is_within(tree: &ego_tree::Tree<Node>, id: NodeId, area: NodeId) -> bool {
    id == area
        || tree
            .get(id)
            .is_some_and(|n| n.ancestors().any(|a| a.id() == area))
}

/// The derived text and its line map.
fn emit(lines: &[Line], html: &str, head: HeadMeta) -> Derived {
    let mut loc = Locator::new(html);
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

/// Finds where a line's text is in the file, moving forward through it.
/// Text is matched on its first run of characters that HTML never
/// escapes (Chinese characters and letters), so entities do not matter.
struct Locator<'a> {
    html: &'a str,
    cursor: usize,
}

impl<'a> Locator<'a> {
    /// Starts at `<body`, so text is not found in `<title>` first.
    fn new(html: &'a str) -> Self {
        let lower = html
            .get(..html.len().min(1 << 20))
            .map(str::to_ascii_lowercase);
        let cursor = lower.and_then(|l| l.find("<body")).unwrap_or(0);
        Locator { html, cursor }
    }

    /// The line of the next occurrence of `text`'s key; moves on.
    fn find(&mut self, text: &str) -> Option<usize> {
        let key = key_of(text)?;
        let at = self.html[self.cursor..].find(&key)? + self.cursor;
        self.cursor = at;
        Some(line_at(self.html, at))
    }

    /// The line of `text` anywhere after the cursor, without moving;
    /// the cursor's line when it is not found.
    fn peek(&mut self, text: &str) -> usize {
        let from = self.cursor;
        let found = key_of(text).and_then(|k| self.html[from..].find(&k).map(|i| i + from));
        line_at(self.html, found.unwrap_or(from))
    }
}

fn key_of(text: &str) -> Option<String> {
    let good = |c: char| sig::is_han(c) || c.is_alphanumeric();
    let mut best = String::new();
    let mut run = String::new();
    for c in text.chars() {
        if good(c) {
            run.push(c);
            if run.chars().count() >= 8 {
                return Some(run);
            }
        } else {
            if run.chars().count() > best.chars().count() {
                best = run.clone();
            }
            run.clear();
        }
    }
    if run.chars().count() > best.chars().count() {
        best = run;
    }
    (best.chars().count() >= 2).then_some(best)
}

fn line_at(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    let mut at = at;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text[..at].bytes().filter(|&b| b == b'\n').count() + 1
}

/// Blanks `<%…%>` and `<?…?>` (keeping line ends, so positions hold) and
/// reports each.
fn blank_directives(html: &str) -> (String, Vec<Dropped>) {
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

fn node_text(tree: &ego_tree::Tree<Node>, id: NodeId) -> String {
    let Some(node) = tree.get(id) else {
        return String::new();
    };
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
            s.push(' ');
            if s.len() > 400 {
                break;
            }
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most 60 characters, for the report.
fn short(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

/// Title, date, URL and publication from `<head>`.
fn head_meta(doc: &Html) -> HeadMeta {
    let mut m = HeadMeta::default();
    for node in doc.tree.root().descendants() {
        let Some(e) = node.value().as_element() else {
            continue;
        };
        match e.name() {
            "title" if m.title.is_none() => {
                let t = node_text(&doc.tree, node.id());
                if !t.is_empty() {
                    m.title = Some(t);
                }
            }
            "meta" => meta_tag(e, &mut m),
            "link"
                if e.attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                if let Some(href) = e.attr("href").filter(|h| is_web_url(h)) {
                    m.url
                        .get_or_insert((href.to_string(), "<link rel=canonical>".into()));
                }
            }
            _ => {}
        }
    }
    m
}

fn meta_tag(e: &Element, m: &mut HeadMeta) {
    let key = e
        .attr("name")
        .or_else(|| e.attr("property"))
        .or_else(|| e.attr("itemprop"))
        .unwrap_or("")
        .to_ascii_lowercase();
    let Some(content) = e.attr("content").map(sig::trim).filter(|c| !c.is_empty()) else {
        return;
    };
    let tag = format!("<meta {key}>");
    match key.as_str() {
        "publishdate"
        | "pubdate"
        | "publish_date"
        | "article:published_time"
        | "datepublished"
        | "og:release_date"
        | "date" => {
            m.date.get_or_insert((content.to_string(), tag));
        }
        "og:url" if is_web_url(content) => {
            m.url.get_or_insert((content.to_string(), tag));
        }
        "source" | "og:site_name" => {
            let name = content
                .trim_start_matches("来源：")
                .trim_start_matches("来源:");
            if !name.is_empty() && sig::chars(name) <= 20 {
                m.publication
                    .get_or_insert((sig::trim(name).to_string(), tag));
            }
        }
        _ => {}
    }
}

fn is_web_url(s: &str) -> bool {
    (s.starts_with("http://") || s.starts_with("https://")) && !s.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!("<!DOCTYPE html>\n<html><head><title>标题在这里_某某网</title></head>\n<body>\n{body}\n</body></html>\n")
    }

    const PARA: &str = "这是一段足够长的正文，用来说明文章页面里真正的内容在哪里，而不是导航。";

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
    fn a_heading_ending_in_a_colon_introduces_the_next() {
        let html = page(&format!(
            "<div><h1>某校九月学习材料：</h1><h1>标题在这里</h1><p>{PARA}</p></div>"
        ));
        let d = derive(&html).unwrap();
        assert!(d.text.starts_with("### 某校九月学习材料：\n"), "{}", d.text);
        assert!(d.text.contains("\n# 标题在这里\n"), "{}", d.text);
        // Not followed by a headline: it stays a heading of its own.
        let html = page(&format!("<div><h1>标题在这里：</h1><p>{PARA}</p></div>"));
        assert!(derive(&html).unwrap().text.starts_with("# 标题在这里："));
    }

    #[test]
    fn a_day_page_gives_its_items_and_its_date() {
        let d = derive(&format!(
            "<h1>新闻联播 2021-07-09</h1>\n<h2>甲事</h2>\n<p>{PARA}</p>\n<h2>乙事</h2>\n<p>{PARA}</p>\n<p>更新于 2021-07-09 20:19:43</p>\n"
        ))
        .unwrap();
        assert!(!d.text.contains("更新于"), "{}", d.text);
        assert!(d
            .dropped
            .iter()
            .any(|x| x.what == "page stamp" && x.line == 6));
        assert!(d.text.starts_with("# 甲事\n"), "{}", d.text);
        assert!(d.text.contains("\n# 乙事\n"), "{}", d.text);
        assert!(!d.text.contains("新闻联播"), "{}", d.text);
        assert!(d.dropped.iter().any(|x| x.what == "page heading"));
        assert_eq!(
            d.head.date,
            Some(("2021-07-09".to_string(), "page's <h1>".to_string()))
        );
        // A headline that is not a day's title keeps its subheads.
        let d = derive(&page(&format!(
            "<h1>标题在这里</h1><h2>一</h2><p>{PARA}</p><h2>二</h2><p>{PARA}</p>"
        )))
        .unwrap();
        assert!(d.text.starts_with("# 标题在这里\n"), "{}", d.text);
        assert!(d.text.contains("## 一"), "{}", d.text);
    }

    #[test]
    fn a_form_around_the_page_is_not_a_form() {
        let html = page(&format!(
            "<form runat=server><div class=nav><a href=/>首页</a></div><select><option>蓝皮肤</option></select>\
             <h1>标题在这里</h1><div id=msg>2010年09月10日09:14 来源:大河网</div><p>{PARA}</p></form>"
        ));
        let d = derive(&html).unwrap();
        assert!(d.text.contains(PARA), "{}", d.text);
        assert!(!d.text.contains("蓝皮肤"), "{}", d.text);
        assert_eq!(
            d.head.date.as_ref().map(|x| x.0.as_str()),
            Some("2010-09-10")
        );
        // A login form is still left out, and the page refused.
        let login =
            page("<form><p>用户名<input name=u></p><p>密码<input type=password></p></form>");
        assert!(derive(&login).is_err());
    }

    #[test]
    fn title_heads_a_page_without_h1() {
        let d = derive(&page(&format!("<p>{PARA}</p>"))).unwrap();
        assert!(d.text.starts_with("# 标题在这里\n"), "{}", d.text);
        let d = derive(&page(&format!("<b>标题在这里</b><p>{PARA}</p>"))).unwrap();
        assert_eq!(d.text.matches("标题在这里").count(), 1, "{}", d.text);
    }

    #[test]
    fn data_tables_are_rows_layout_tables_are_not() {
        let d = derive(&page(&format!(
            "<table><tr><td><p>{PARA}</p></td></tr></table><table><tr><td>地区</td><td>数量</td></tr><tr><td>重庆</td><td>5</td></tr></table>"
        )))
        .unwrap();
        assert!(d.text.contains("地区\t数量\n重庆\t5"), "{}", d.text);
    }

    #[test]
    fn directives_and_index_pages() {
        let html = format!(
            "<%@ Page Language=\"C#\" %>\n{}",
            page(&format!("<p>{PARA}</p>"))
        );
        let d = derive(&html).unwrap();
        assert!(!d.text.contains("Page"), "{}", d.text);
        assert_eq!(d.dropped[0].what, "server directive");
        let links: String = (0..30)
            .map(|i| format!("<li><a href=/{i}>新闻标题第{i}条比较长的一条</a></li>"))
            .collect();
        let e = derive(&page(&format!("<ul>{links}</ul>"))).unwrap_err();
        assert!(e.reason.contains("no running text"), "{}", e.reason);
        let login = page("<form><input name=u><input type=password>登录</form>");
        assert!(derive(&login).is_err());
    }

    #[test]
    fn head_facts() {
        let html = "<html><head><title>t</title><meta name=\"publishdate\" content=\"2022-01-22\"><meta name=\"source\" content=\"来源：人民日报\"><link rel=canonical href=\"http://paper.people.com.cn/a.htm\"></head><body></body></html>";
        let doc = Html::parse_document(html);
        let m = head_meta(&doc);
        assert_eq!(m.date.unwrap().0, "2022-01-22");
        assert_eq!(m.publication.unwrap().0, "人民日报");
        assert_eq!(m.url.unwrap().0, "http://paper.people.com.cn/a.htm");
    }
}
