//! A flat, read-only copy of the parsed page: nodes in document (pre-)order in one vector, so
//! that every walk is a loop over indices and a subtree is the index range
//! `id..end(id)`. Built from the markup5ever_rcdom tree with an explicit stack, so a page with
//! tens of thousands of nested elements cannot overflow the call stack.
//!
//! Scripts, styles, comments, templates, embedded objects and form controls are left out here:
//! they are never article content.

use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// Index of a node in [`Dom::nodes`]; 0 is the document.
pub type NodeId = usize;

/// What a node is.
#[derive(Debug, Clone)]
pub enum Kind {
    /// The document root.
    Document,
    /// An element: lowercase tag name and attributes (lowercase names, values as written).
    Element {
        /// Tag name.
        tag: String,
        /// Attributes in source order.
        attrs: Vec<(String, String)>,
    },
    /// A text node, as the parser decoded it (entities resolved, not yet normalised).
    Text(String),
}

/// One node of the page.
#[derive(Debug, Clone)]
pub struct Node {
    /// What it is.
    pub kind: Kind,
    /// Its parent (`None` for the document).
    pub parent: Option<NodeId>,
    /// Its children in order.
    pub children: Vec<NodeId>,
}

/// The whole page.
#[derive(Debug, Clone)]
pub struct Dom {
    /// Every node, in document order.
    pub nodes: Vec<Node>,
    /// `ends[id]`: one past the last node of `id`'s subtree.
    ends: Vec<NodeId>,
}

/// Elements dropped while copying the tree.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "input", "select", "textarea", "button", "option", "video", "audio", "map", "math",
];

impl Dom {
    /// Copies an rcdom tree.
    pub fn from_rcdom(dom: &RcDom) -> Dom {
        let mut nodes: Vec<Node> = Vec::new();
        let mut stack: Vec<(Handle, Option<NodeId>)> = vec![(dom.document.clone(), None)];
        while let Some((handle, parent)) = stack.pop() {
            let kind = match &handle.data {
                NodeData::Document => Kind::Document,
                NodeData::Element { name, attrs, .. } => {
                    let tag = name.local.to_string().to_ascii_lowercase();
                    if DROPPED.contains(&tag.as_str()) {
                        continue;
                    }
                    let attrs = attrs
                        .borrow()
                        .iter()
                        .map(|a| {
                            (
                                a.name.local.to_string().to_ascii_lowercase(),
                                a.value.to_string(),
                            )
                        })
                        .collect();
                    Kind::Element { tag, attrs }
                }
                NodeData::Text { contents } => Kind::Text(contents.borrow().to_string()),
                _ => continue,
            };
            let id = nodes.len();
            nodes.push(Node {
                kind,
                parent,
                children: Vec::new(),
            });
            if let Some(p) = parent {
                nodes[p].children.push(id);
            }
            for child in handle.children.borrow().iter().rev() {
                stack.push((child.clone(), Some(id)));
            }
        }
        let mut ends: Vec<NodeId> = (1..=nodes.len()).collect();
        for id in (1..nodes.len()).rev() {
            if let Some(p) = nodes[id].parent {
                ends[p] = ends[p].max(ends[id]);
            }
        }
        Dom { nodes, ends }
    }

    /// Parses an HTML document.
    pub fn parse(html: &str) -> Dom {
        use html5ever::tendril::TendrilSink;
        let rc = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
        Dom::from_rcdom(&rc)
    }

    /// One past the last node of `id`'s subtree: its descendants are `id + 1..end(id)`.
    pub fn end(&self, id: NodeId) -> NodeId {
        self.ends[id]
    }

    /// Whether `a` is a proper ancestor of `b`.
    pub fn contains(&self, a: NodeId, b: NodeId) -> bool {
        a < b && b < self.ends[a]
    }

    /// The element's tag name, or "" for text and the document.
    pub fn tag(&self, id: NodeId) -> &str {
        match &self.nodes[id].kind {
            Kind::Element { tag, .. } => tag,
            _ => "",
        }
    }

    /// The text of a text node.
    pub fn text_of(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id].kind {
            Kind::Text(t) => Some(t),
            _ => None,
        }
    }

    /// An attribute's value.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        match &self.nodes[id].kind {
            Kind::Element { attrs, .. } => attrs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// Whether the class list holds `class` (ASCII case-insensitive).
    pub fn has_class(&self, id: NodeId, class: &str) -> bool {
        self.attr(id, "class").is_some_and(|c| {
            c.split_ascii_whitespace()
                .any(|t| t.eq_ignore_ascii_case(class))
        })
    }

    /// The lowercase class and id attributes joined, for token searches.
    pub fn class_and_id(&self, id: NodeId) -> String {
        let mut s = self.attr(id, "class").unwrap_or("").to_ascii_lowercase();
        s.push(' ');
        s.push_str(&self.attr(id, "id").unwrap_or("").to_ascii_lowercase());
        s
    }

    /// The lowercase inline style with spaces removed (`text-align:center;`).
    pub fn style(&self, id: NodeId) -> String {
        self.attr(id, "style")
            .unwrap_or("")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase()
    }

    /// Hidden by its own markup (`display:none`, `visibility:hidden`, `hidden`).
    pub fn is_hidden(&self, id: NodeId) -> bool {
        let s = self.style(id);
        s.contains("display:none")
            || s.contains("visibility:hidden")
            || self.attr(id, "hidden").is_some()
    }

    /// All raw text of a subtree, concatenated (no normalisation).
    pub fn raw_text(&self, id: NodeId) -> String {
        let mut s = String::new();
        for d in id..self.end(id) {
            if let Kind::Text(t) = &self.nodes[d].kind {
                s.push_str(t);
            }
        }
        s
    }

    /// The normalised text of a subtree.
    pub fn text(&self, id: NodeId) -> String {
        crate::text::normalize(&self.raw_text(id))
    }

    /// Elements of the subtree of `root` (itself included) matching a selector, in document
    /// order.
    pub fn select(&self, root: NodeId, selector: &str) -> Vec<NodeId> {
        let sel = Selector::parse(selector);
        (root..self.end(root))
            .filter(|&id| sel.matches(self, id))
            .collect()
    }

    /// The first match of a selector in the whole page.
    pub fn first(&self, selector: &str) -> Option<NodeId> {
        let sel = Selector::parse(selector);
        (0..self.nodes.len()).find(|&id| sel.matches(self, id))
    }

    /// Ancestors of `id`, nearest first.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.nodes[id].parent, move |&p| self.nodes[p].parent)
    }
}

/// A small CSS selector: compounds (`tag.class#id[attr=v]`, also `[a^=v]`, `[a$=v]`,
/// `[a*=v]`, `[a]`) joined by the descendant combinator (space). Enough for the portal
/// profiles' tables.
#[derive(Debug, Clone)]
pub struct Selector {
    compounds: Vec<Compound>,
}

#[derive(Debug, Clone, Default)]
struct Compound {
    tag: Option<String>,
    classes: Vec<String>,
    id: Option<String>,
    attrs: Vec<(String, char, String)>,
}

impl Selector {
    /// Parses a selector; unknown syntax matches nothing rather than failing.
    pub fn parse(s: &str) -> Selector {
        let compounds = s.split_whitespace().map(Compound::parse).collect();
        Selector { compounds }
    }

    /// Whether the element `id` matches.
    pub fn matches(&self, dom: &Dom, id: NodeId) -> bool {
        let Some((last, rest)) = self.compounds.split_last() else {
            return false;
        };
        if !last.matches(dom, id) {
            return false;
        }
        let mut need = rest.iter().rev().peekable();
        for a in dom.ancestors(id) {
            match need.peek() {
                Some(c) if c.matches(dom, a) => {
                    need.next();
                }
                Some(_) => {}
                None => break,
            }
        }
        need.peek().is_none()
    }
}

impl Compound {
    fn parse(s: &str) -> Compound {
        let mut c = Compound::default();
        let mut rest = s;
        let name_end = rest.find(['.', '#', '[']).unwrap_or(rest.len());
        let name = &rest[..name_end];
        if !name.is_empty() && name != "*" {
            c.tag = Some(name.to_ascii_lowercase());
        }
        rest = &rest[name_end..];
        while let Some(first) = rest.chars().next() {
            rest = &rest[first.len_utf8()..];
            match first {
                '.' | '#' => {
                    let e = rest.find(['.', '#', '[']).unwrap_or(rest.len());
                    let v = rest[..e].to_string();
                    if first == '.' {
                        c.classes.push(v);
                    } else {
                        c.id = Some(v);
                    }
                    rest = &rest[e..];
                }
                '[' => {
                    let e = rest.find(']').unwrap_or(rest.len());
                    let inner = &rest[..e];
                    rest = rest.get(e + 1..).unwrap_or("");
                    if let Some(eq) = inner.find('=') {
                        let (mut name, val) =
                            (&inner[..eq], inner[eq + 1..].trim_matches(['"', '\'']));
                        let mut op = '=';
                        if let Some(last) = name.chars().last().filter(|c| "^$*~".contains(*c)) {
                            op = last;
                            name = &name[..name.len() - 1];
                        }
                        c.attrs
                            .push((name.to_ascii_lowercase(), op, val.to_string()));
                    } else {
                        c.attrs
                            .push((inner.to_ascii_lowercase(), '?', String::new()));
                    }
                }
                _ => break,
            }
        }
        c
    }

    fn matches(&self, dom: &Dom, id: NodeId) -> bool {
        let Kind::Element { tag, .. } = &dom.nodes[id].kind else {
            return false;
        };
        if self.tag.as_ref().is_some_and(|t| t != tag) {
            return false;
        }
        if self
            .id
            .as_ref()
            .is_some_and(|want| dom.attr(id, "id") != Some(want.as_str()))
        {
            return false;
        }
        if !self.classes.iter().all(|c| dom.has_class(id, c)) {
            return false;
        }
        self.attrs.iter().all(|(name, op, want)| {
            let Some(v) = dom.attr(id, name) else {
                return false;
            };
            match op {
                '=' => v == want,
                '^' => v.starts_with(want.as_str()),
                '$' => v.ends_with(want.as_str()),
                '*' => v.contains(want.as_str()),
                '~' => v.split_ascii_whitespace().any(|t| t == want),
                _ => true,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors() {
        let d = Dom::parse(
            r#"<div id="a" class="x y"><p class="Normal">one</p><span id="ctl00_RichHtmlField" data-role="content"><b>two</b></span></div><script>var x = 1;</script><!-- comment -->"#,
        );
        assert_eq!(d.select(0, "p.Normal").len(), 1);
        assert_eq!(d.select(0, "#a p").len(), 1);
        assert_eq!(d.select(0, "div.x.y").len(), 1);
        assert_eq!(d.select(0, "div.x.z").len(), 0);
        assert_eq!(d.select(0, "[id$=_RichHtmlField] b").len(), 1);
        assert_eq!(d.select(0, "span[data-role=content]").len(), 1);
        assert_eq!(d.select(0, "[class^=x]").len(), 1);
        let all = d.raw_text(0);
        assert!(all.contains("one") && all.contains("two"));
        assert!(!all.contains("var x") && !all.contains("comment"));
    }

    #[test]
    fn deep_nesting_builds_without_recursion() {
        let n = 20_000;
        let html = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
        let d = Dom::parse(&html);
        assert!(d.nodes.len() > n);
        assert_eq!(d.text(0), "deep text");
        let body = d.first("body").expect("body");
        assert_eq!(d.end(body), d.nodes.len());
    }
}
