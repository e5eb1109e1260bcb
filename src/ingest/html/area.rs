//! Which collected lines are the article: lines that are mostly link
//! text are navigation, and lines outside the lowest element holding the
//! running text and the headline (the article area) are site chrome;
//! both are reported.

use super::locate::{short, LineLocator};
use super::model::{is_running, Dropped, HtmlLine, Kind};
use ego_tree::NodeId;
use scraper::Node;
use std::collections::HashMap;

/// Lines that are mostly link text are navigation, not article.
pub(super) fn drop_link_lines(
    lines: Vec<HtmlLine>,
    dropped: &mut Vec<Dropped>,
    loc: &mut LineLocator,
) -> Vec<HtmlLine> {
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

/// Keeps the lines inside the lowest element holding the running text and
/// the headline; reports the rest.
pub(super) fn article_area(
    lines: Vec<HtmlLine>,
    tree: &ego_tree::Tree<Node>,
    dropped: &mut Vec<Dropped>,
    loc: &mut LineLocator,
) -> Vec<HtmlLine> {
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
