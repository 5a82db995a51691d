//! The body subtree to blocks: paragraphs from runs of inline content, headings, lists,
//! tables, quotes and figures (an image with whatever caption sits in the same container).
//!
//! Every block comes with [`Flags`] describing how the page showed it (centered, right-aligned,
//! right after an image in the same paragraph, caption-classed): the clean-up pass uses them to
//! attach separate caption lines and to find the author line.
//!
//! The walk is depth-bounded: below [`MAX_DEPTH`] nested block containers (or
//! [`MAX_INLINE_DEPTH`] nested inline elements) the remaining subtree is read as plain text
//! with a loop, so no page can exhaust the stack and no text is lost.

mod figures;
mod tables;

use super::dom::{Dom, Kind, NodeId};
use super::inlines::{finish_inlines, link_ratio};
use super::urls::Resolver;
use crate::model::{Block, Inline, List, ListItem};
use crate::text::normalize;

/// Nesting of block containers walked structurally.
pub const MAX_DEPTH: usize = 48;
/// Nesting of inline elements walked structurally.
pub const MAX_INLINE_DEPTH: usize = 24;

/// Elements that start a block of their own.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "blockquote",
    "figure",
    "figcaption",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "center",
    "dl",
    "dt",
    "dd",
    "pre",
    "hr",
    "form",
    "address",
    "fieldset",
    "details",
    "summary",
    "caption",
    "body",
    "html",
];

/// How the page presented a block.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Flags {
    /// Centered (`text-align:center`, `align=center`, `<center>`).
    pub centered: bool,
    /// Right-aligned.
    pub right: bool,
    /// An inline run that followed an image inside the same container
    /// (`<img><br><span>caption</span>`).
    pub after_image: bool,
    /// Inside an element whose class names a caption (`caption`, `p.Image`, `chuthich`).
    pub caption_class: bool,
}

/// A block with its presentation flags.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The block.
    pub block: Block,
    /// How it was shown.
    pub flags: Flags,
}

#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    centered: bool,
    right: bool,
    caption_class: bool,
}

/// Walks a body subtree into blocks.
pub struct Builder<'a> {
    dom: &'a Dom,
    urls: &'a Resolver,
    chrome: &'a dyn Fn(&Dom, NodeId) -> bool,
    /// Related-news lists dropped from inside the body.
    pub dropped_related: usize,
}

impl<'a> Builder<'a> {
    /// A builder; `chrome` says which elements are page furniture to skip.
    pub fn new(dom: &'a Dom, urls: &'a Resolver, chrome: &'a dyn Fn(&Dom, NodeId) -> bool) -> Self {
        Builder {
            dom,
            urls,
            chrome,
            dropped_related: 0,
        }
    }

    /// The blocks of the children of `root`.
    pub fn build(&mut self, root: NodeId) -> Vec<Item> {
        let mut out = Vec::new();
        let ctx = self.child_ctx(Ctx::default(), root);
        self.blocks_of(root, 0, ctx, &mut out);
        out
    }

    fn skip(&self, id: NodeId) -> bool {
        self.dom.is_hidden(id) || (self.chrome)(self.dom, id)
    }

    fn child_ctx(&self, mut ctx: Ctx, id: NodeId) -> Ctx {
        let d = self.dom;
        let style = d.style(id);
        let align = d.attr(id, "align").unwrap_or("").to_ascii_lowercase();
        if style.contains("text-align:center") || align == "center" || d.tag(id) == "center" {
            ctx.centered = true;
            ctx.right = false;
        } else if style.contains("text-align:right") || align == "right" {
            ctx.right = true;
            ctx.centered = false;
        } else if style.contains("text-align:") || !align.is_empty() {
            ctx.right = false;
            ctx.centered = false;
        }
        let ci = d.class_and_id(id);
        if ci.contains("caption")
            || ci.contains("chuthich")
            || ci.contains("chu-thich")
            || d.has_class(id, "image")
        {
            ctx.caption_class = true;
        }
        ctx
    }

    /// Whether an element holds block-level content or an image, so it cannot be read as a run
    /// of inline content.
    fn needs_blocks(&self, id: NodeId) -> bool {
        (id + 1..self.dom.end(id)).any(|d| {
            let t = self.dom.tag(d);
            t == "img" || BLOCK_TAGS.contains(&t)
        })
    }

    fn blocks_of(&mut self, node: NodeId, depth: usize, ctx: Ctx, out: &mut Vec<Item>) {
        if depth > MAX_DEPTH {
            // Past the bound the rest is read as plain text, with a loop (see module docs).
            let text = normalize(&self.dom.raw_text(node));
            if !text.is_empty() {
                out.push(Item {
                    block: para(vec![Inline::text(text)]),
                    flags: flags_of(ctx),
                });
            }
            return;
        }
        let mut run: Vec<Inline> = Vec::new();
        let mut after_image = false;
        let children = self.dom.nodes[node].children.clone();
        for c in children {
            let tag = match &self.dom.nodes[c].kind {
                Kind::Text(t) => {
                    run.push(Inline::text(t.clone()));
                    continue;
                }
                Kind::Element { tag, .. } => tag.clone(),
                Kind::Document => continue,
            };
            if self.skip(c) {
                continue;
            }
            let flushed_before = out.len();
            match tag.as_str() {
                "br" => {
                    run.push(Inline::LineBreak);
                    continue;
                }
                "img" => {
                    self.flush(&mut run, ctx, after_image, out);
                    if let Some(f) = self.figure_from_img(c) {
                        out.push(Item {
                            block: Block::Figure(f),
                            flags: Flags::default(),
                        });
                    }
                    after_image = true;
                    continue;
                }
                _ => {}
            }
            let inline = !BLOCK_TAGS.contains(&tag.as_str())
                && !self.needs_blocks(c)
                && !self.is_figure_container(c);
            if inline {
                // An inline element is part of the surrounding run, not a block.
                run.extend(self.inlines_of_element(c, 0));
                continue;
            }
            self.flush(&mut run, ctx, after_image, out);
            let cctx = self.child_ctx(ctx, c);
            match tag.as_str() {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    let level = tag.as_bytes()[1] - b'0';
                    let inlines = finish_inlines(self.inlines(c, 0));
                    if !inlines.is_empty() {
                        out.push(Item {
                            block: Block::Heading { level, inlines },
                            flags: flags_of(cctx),
                        });
                    }
                }
                "ul" | "ol" => self.list(c, depth, cctx, tag == "ol", out),
                "table" => self.table(c, depth, cctx, out),
                "blockquote" => {
                    let mut inner = Vec::new();
                    self.blocks_of(c, depth + 1, cctx, &mut inner);
                    if !inner.is_empty() {
                        let blocks = inner.into_iter().map(|i| i.block).collect();
                        out.push(Item {
                            block: Block::Quote { blocks },
                            flags: flags_of(cctx),
                        });
                    }
                }
                "hr" => {}
                _ if self.is_figure_container(c) => self.figure_container(c, out),
                _ if depth >= MAX_DEPTH => {
                    let text = normalize(&self.dom.raw_text(c));
                    if !text.is_empty() {
                        out.push(Item {
                            block: para(vec![Inline::text(text)]),
                            flags: flags_of(cctx),
                        });
                    }
                }
                _ => self.blocks_of(c, depth + 1, cctx, out),
            }
            after_image = out.len() > flushed_before
                && matches!(
                    out.last(),
                    Some(Item {
                        block: Block::Figure(_),
                        ..
                    })
                );
        }
        self.flush(&mut run, ctx, after_image, out);
    }

    /// Ends the current run of inline content: one paragraph per stretch between double line
    /// breaks (`<br><br>` separates paragraphs on older portals).
    fn flush(&mut self, run: &mut Vec<Inline>, ctx: Ctx, after_image: bool, out: &mut Vec<Item>) {
        if run.is_empty() {
            return;
        }
        let mut first = true;
        for seg in split_double_breaks(std::mem::take(run)) {
            let seg = finish_inlines(seg);
            if seg.is_empty() {
                continue;
            }
            let mut flags = flags_of(ctx);
            flags.after_image = after_image && first;
            first = false;
            out.push(Item {
                block: para(seg),
                flags,
            });
        }
    }

    fn list(&mut self, c: NodeId, depth: usize, ctx: Ctx, ordered: bool, out: &mut Vec<Item>) {
        let mut items = Vec::new();
        for li in self.dom.nodes[c].children.clone() {
            if self.dom.tag(li) != "li" || self.skip(li) {
                continue;
            }
            let mut inner = Vec::new();
            if depth >= MAX_DEPTH {
                inner.push(Item {
                    block: para(vec![Inline::text(normalize(&self.dom.raw_text(li)))]),
                    flags: Flags::default(),
                });
            } else {
                let lctx = self.child_ctx(ctx, li);
                self.blocks_of(li, depth + 1, lctx, &mut inner);
            }
            let blocks: Vec<Block> = inner.into_iter().map(|i| i.block).collect();
            if !blocks.is_empty() {
                items.push(ListItem { blocks });
            }
        }
        if items.is_empty() {
            return;
        }
        // A list whose items are (almost) all links is a related-news list, also inside the
        // body: it is navigation, not the article.
        let linky = items.iter().all(|i| {
            i.blocks
                .iter()
                .any(|b| matches!(b, Block::Paragraph { inlines } if link_ratio(inlines) >= 0.6))
        });
        if linky {
            self.dropped_related += 1;
            return;
        }
        out.push(Item {
            block: Block::List(List { ordered, items }),
            flags: flags_of(ctx),
        });
    }

    fn inlines_of_element(&mut self, c: NodeId, depth: usize) -> Vec<Inline> {
        let d = self.dom;
        let tag = d.tag(c);
        let style = d.style(c);
        let inner = if depth >= MAX_INLINE_DEPTH {
            vec![Inline::text(d.raw_text(c))]
        } else {
            self.inlines(c, depth + 1)
        };
        match tag {
            "strong" | "b" => vec![Inline::Strong { children: inner }],
            "em" | "i" | "cite" | "dfn" => vec![Inline::Emphasis { children: inner }],
            "a" => match d.attr(c, "href").map(str::trim) {
                Some(h)
                    if !h.is_empty()
                        && h != "#"
                        && !h.to_ascii_lowercase().starts_with("javascript:") =>
                {
                    vec![Inline::Link {
                        href: self.urls.link(h),
                        children: inner,
                    }]
                }
                _ => inner,
            },
            "br" => vec![Inline::LineBreak],
            "img" => Vec::new(),
            _ if style.contains("font-weight:bold") || style.contains("font-weight:700") => {
                vec![Inline::Strong { children: inner }]
            }
            _ if style.contains("font-style:italic") => vec![Inline::Emphasis { children: inner }],
            _ if BLOCK_TAGS.contains(&tag) => {
                let mut v = vec![Inline::LineBreak];
                v.extend(inner);
                v.push(Inline::LineBreak);
                v
            }
            _ => inner,
        }
    }

    /// The inline content of the children of `node`.
    fn inlines(&mut self, node: NodeId, depth: usize) -> Vec<Inline> {
        let mut out = Vec::new();
        for c in self.dom.nodes[node].children.clone() {
            match &self.dom.nodes[c].kind {
                Kind::Text(t) => out.push(Inline::text(t.clone())),
                Kind::Element { .. } if !self.skip(c) => {
                    out.extend(self.inlines_of_element(c, depth))
                }
                _ => {}
            }
        }
        out
    }
}

fn flags_of(ctx: Ctx) -> Flags {
    Flags {
        centered: ctx.centered,
        right: ctx.right,
        after_image: false,
        caption_class: ctx.caption_class,
    }
}

fn para(inlines: Vec<Inline>) -> Block {
    Block::Paragraph { inlines }
}

fn is_blank(i: Option<&Inline>) -> bool {
    matches!(i, Some(Inline::Text { text }) if text.chars().all(crate::text::is_space))
}

/// Splits a run at two or more top-level line breaks with only white space between them.
fn split_double_breaks(run: Vec<Inline>) -> Vec<Vec<Inline>> {
    let mut segs = vec![Vec::new()];
    let mut i = 0;
    while i < run.len() {
        if matches!(run[i], Inline::LineBreak) {
            let mut j = i + 1;
            let mut breaks = 1;
            while j < run.len() && (matches!(run[j], Inline::LineBreak) || is_blank(run.get(j))) {
                if matches!(run[j], Inline::LineBreak) {
                    breaks += 1;
                }
                j += 1;
            }
            if breaks >= 2 {
                segs.push(Vec::new());
                i = j;
                continue;
            }
        }
        if let Some(last) = segs.last_mut() {
            last.push(run[i].clone());
        }
        i += 1;
    }
    segs
}
