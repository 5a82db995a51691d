//! The structure tree and the bookmarks, built from the layout's arena without recursion
//! (children always have larger ids than their parents, so building from the last node back
//! sees every child before its parent).

use std::num::NonZeroU16;

use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::outline::{Outline, OutlineNode};
use krilla::tagging::{
    Identifier, ListNumbering, Node, TableHeaderScope, Tag, TagGroup, TagKind, TagTree,
};

use crate::layout::{Layout, Role, StructChild};

fn tag_of(role: &Role) -> TagKind {
    match role {
        Role::Sect => Tag::Section.into(),
        Role::Heading(level, title) => Tag::Hn(
            NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN),
            Some(title.clone()),
        )
        .into(),
        Role::P => Tag::P.into(),
        Role::L(true) => Tag::L(ListNumbering::Decimal).into(),
        Role::L(false) => Tag::L(ListNumbering::Disc).into(),
        Role::LI => Tag::LI.into(),
        Role::Lbl => Tag::Lbl.into(),
        Role::LBody => Tag::LBody.into(),
        Role::Table => Tag::Table.into(),
        Role::TR => Tag::TR.into(),
        Role::TH(column, span) => {
            let scope = if *column {
                TableHeaderScope::Column
            } else {
                TableHeaderScope::Row
            };
            Tag::TH(scope)
                .with_row_span(nz(span.rows))
                .with_col_span(nz(span.cols))
                .into()
        }
        Role::TD(span) => Tag::TD
            .with_row_span(nz(span.rows))
            .with_col_span(nz(span.cols))
            .into(),
        Role::Figure(alt) => Tag::Figure(Some(alt.clone())).into(),
        Role::Caption => Tag::Caption.into(),
        Role::Link => Tag::Link.into(),
        Role::BlockQuote => Tag::BlockQuote.into(),
        Role::TOC => Tag::TOC.into(),
        Role::TOCI => Tag::TOCI.into(),
    }
}

/// A span attribute, written only when it is more than one.
fn nz(n: u32) -> Option<std::num::NonZeroU32> {
    std::num::NonZeroU32::new(n).filter(|n| n.get() > 1)
}

/// The tag tree of the layout, with the document language.
pub(super) fn tag_tree(layout: &Layout, ids: Vec<Option<Identifier>>, lang: String) -> TagTree {
    let mut built: Vec<Option<TagGroup>> = vec![None; layout.nodes.len()];
    for (i, node) in layout.nodes.iter().enumerate().rev() {
        let mut group = TagGroup::new(tag_of(&node.role));
        for child in &node.children {
            match *child {
                StructChild::Node(n) => {
                    if let Some(g) = built.get_mut(n).and_then(Option::take) {
                        if !g.children.is_empty() {
                            group.push(Node::Group(g));
                        }
                    }
                }
                StructChild::Content(c) => {
                    if let Some(id) = ids.get(c).copied().flatten() {
                        group.push(Node::Leaf(id));
                    }
                }
            }
        }
        built[i] = Some(group);
    }
    let mut tree = TagTree::new().with_lang(Some(lang));
    for &r in &layout.roots {
        if let Some(g) = built.get_mut(r).and_then(Option::take) {
            if !g.children.is_empty() {
                tree.push(Node::Group(g));
            }
        }
    }
    tree
}

/// Bookmarks: the title, then each heading nested by level (per article in an edition).
pub(super) fn outline(layout: &Layout) -> Outline {
    let mut outline = Outline::new();
    let mut stack: Vec<(usize, OutlineNode)> = Vec::new();
    for e in &layout.outline {
        let node = OutlineNode::new(
            e.title.clone(),
            XyzDestination::new(e.page, Point::from_xy(0.0, e.y)),
        )
        .with_open(true);
        while stack.last().is_some_and(|(l, _)| *l >= e.level) {
            let (_, done) = stack.pop().expect("non-empty");
            match stack.last_mut() {
                Some((_, parent)) => parent.push_child(done),
                None => outline.push_child(done),
            }
        }
        stack.push((e.level, node));
    }
    while let Some((_, done)) = stack.pop() {
        match stack.last_mut() {
            Some((_, parent)) => parent.push_child(done),
            None => outline.push_child(done),
        }
    }
    outline
}
