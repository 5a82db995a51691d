//! Flow: an article's blocks -> a column of units (lines, images, table rows) with keep
//! rules, plus the structure tree nodes they belong to. Walks the block tree with an explicit
//! stack, so deeply nested quotes and lists cannot overflow the call stack.

use crate::assets::{Assets, ImageFormat};
use crate::layout::fonts::Fonts;
use crate::layout::linebreak::{break_lines, Line, Seg, SegKind};
use crate::layout::shape::Shaper;
use crate::layout::style::Style;
use crate::layout::types::*;
use crate::model::{plain_text, Anchor, Block, Figure, Inline, List};

/// Deepest nesting of lists and quotes that gets its own structure and indent; deeper
/// content is flowed into the innermost kept container (assistive technology and readers
/// gain nothing from 20,000 levels, and the PDF writer's tree stays shallow).
pub const MAX_DEPTH: usize = 8;

/// The note drawn instead of an image that cannot be shown.
pub const IMAGE_NOTE: &str = "[Ảnh không hiển thị được]";
/// The alternative text of an image with neither alt text nor caption.
pub const NO_DESCRIPTION: &str = "Ảnh không có mô tả.";

/// A vertical slice of the column that pagination places whole.
#[derive(Debug, Clone, Default)]
pub struct Unit {
    /// Height.
    pub height: f32,
    /// Space above it (dropped at the top of a page).
    pub space_before: f32,
    /// Items, y relative to the unit top.
    pub items: Vec<Item>,
    /// No page break between this unit and the next (keep rules).
    pub keep_with_next: bool,
    /// Start a new page before this unit.
    pub break_before: bool,
    /// Where this unit begins in the reading order (`None` for front matter).
    pub anchor: Option<Anchor>,
    /// Where this unit begins in an edition's front matter.
    pub front: Option<FrontAnchor>,
    /// Bookmarks pointing at this unit: (level, title).
    pub outline: Vec<(usize, String)>,
    /// For a table body row: the table's header rows, drawn again above this row when it
    /// begins a page.
    pub repeat: Option<std::sync::Arc<Repeat>>,
}

/// Header rows to draw again at the top of a page, as artifacts.
#[derive(Debug, Clone, Default)]
pub struct Repeat {
    /// Their height.
    pub height: f32,
    /// Their items, y relative to the top of the first header row.
    pub items: Vec<Item>,
}

/// A pending list marker, drawn on the first unit of the item.
struct Marker {
    text: String,
    node: NodeId,
    x: f32,
}

/// Builds units and structure for a book.
pub struct Flow<'a, 'f> {
    /// The style.
    pub style: &'a Style,
    /// The shaper.
    pub shaper: Shaper<'f>,
    fonts: &'f Fonts,
    assets: &'a Assets,
    /// Structure nodes.
    pub nodes: Vec<StructNode>,
    /// Top-level nodes.
    pub roots: Vec<NodeId>,
    /// Units so far.
    pub units: Vec<Unit>,
    /// Warnings.
    pub warnings: Vec<String>,
    /// Content ids handed out.
    pub next_content: usize,
    /// Current article index.
    pub article: usize,
    /// Next leaf index of the current article.
    pub leaf: usize,
    marker: Option<Marker>,
    /// Heading level offset (1 in an edition, where the article title is H2).
    pub level_base: u16,
    last_heading: u16,
}

/// Options for one paragraph-like block.
pub struct Para {
    /// Role of the block's node.
    pub role: Role,
    /// Parent node.
    pub parent: Option<NodeId>,
    /// Size in points.
    pub size: f32,
    /// Left offset from the text area's left edge.
    pub indent: f32,
    /// Available width.
    pub width: f32,
    /// Space above.
    pub space_before: f32,
    /// Keep every line together and with what follows (headings).
    pub heading: bool,
    /// Whether the text is an article leaf.
    pub leaf: bool,
    /// Bookmark level for a heading.
    pub outline: Option<usize>,
}

impl<'a, 'f> Flow<'a, 'f> {
    /// A new flow.
    pub fn new(style: &'a Style, fonts: &'f Fonts, assets: &'a Assets) -> Option<Flow<'a, 'f>> {
        Some(Flow {
            style,
            shaper: Shaper::new(fonts)?,
            fonts,
            assets,
            nodes: Vec::new(),
            roots: Vec::new(),
            units: Vec::new(),
            warnings: Vec::new(),
            next_content: 0,
            article: 0,
            leaf: 0,
            marker: None,
            level_base: 0,
            last_heading: 1,
        })
    }

    /// Adds a node under `parent` (or at the top).
    pub fn node(&mut self, role: Role, parent: Option<NodeId>) -> NodeId {
        let id = self.nodes.len();
        self.nodes.push(StructNode {
            role,
            children: Vec::new(),
        });
        match parent {
            Some(p) => self.nodes[p].children.push(StructChild::Node(id)),
            None => self.roots.push(id),
        }
        id
    }

    /// A new content id attached to `node`.
    pub fn content(&mut self, node: NodeId) -> ContentId {
        let id = self.next_content;
        self.next_content += 1;
        self.nodes[node].children.push(StructChild::Content(id));
        id
    }

    /// The anchor of the current leaf at `offset`.
    pub fn anchor(&self, leaf: usize, offset: usize) -> Anchor {
        Anchor {
            article: self.article,
            leaf,
            offset,
        }
    }

    /// Baseline offset from the top of a line box of `size`.
    pub fn baseline(&self, size: f32) -> f32 {
        let m = self.fonts.metrics(crate::layout::fonts::Face::Regular);
        let asc = m.ascender / m.units_per_em * size;
        let content = (m.ascender - m.descender) / m.units_per_em * size;
        (self.style.line_height(size) - content) / 2.0 + asc
    }

    /// Turns inlines into segments: emphasis and strong are bold (no italics in large
    /// print, UKAAF), links numbered in order. Iterative over nesting.
    pub fn segs(
        &self,
        inlines: &[Inline],
        bold: bool,
        kind: SegKind,
        links: &mut Vec<String>,
    ) -> Vec<Seg> {
        let mut out = Vec::new();
        let mut stack: Vec<(std::slice::Iter<'_, Inline>, bool, Option<usize>)> =
            vec![(inlines.iter(), bold, None)];
        while let Some((iter, b, link)) = stack.last_mut() {
            let (b, link) = (*b, *link);
            let Some(inl) = iter.next() else {
                stack.pop();
                continue;
            };
            match inl {
                Inline::Text { text } => out.push(Seg {
                    text: text.clone(),
                    bold: b,
                    link,
                    kind,
                    break_after: false,
                }),
                Inline::Strong { children } | Inline::Emphasis { children } => {
                    stack.push((children.iter(), true, link))
                }
                Inline::Link { href, children } => {
                    let idx = match link {
                        Some(i) => i,
                        None => {
                            links.push(href.clone());
                            links.len() - 1
                        }
                    };
                    stack.push((children.iter(), b, Some(idx)));
                }
                Inline::LineBreak => out.push(Seg {
                    text: " ".to_string(),
                    bold: b,
                    link,
                    kind,
                    break_after: true,
                }),
            }
        }
        out
    }

    /// Lays out a paragraph-like block: one unit per line, widow/orphan control, links.
    pub fn para(&mut self, segs: &[Seg], links: &[String], p: Para) -> Option<NodeId> {
        let lines = break_lines(&mut self.shaper, segs, p.size, p.width);
        if lines.is_empty() {
            if let Some(m) = self.marker.take() {
                // An empty list item still shows its marker.
                let mut u = Unit {
                    height: self.style.line_height(p.size),
                    anchor: Some(self.anchor(self.leaf.saturating_sub(1), 0)),
                    ..Unit::default()
                };
                self.draw_marker(&mut u, m, p.size);
                self.units.push(u);
            }
            return None;
        }
        let node = self.node(p.role.clone(), p.parent);
        let leaf = self.leaf.saturating_sub(1);
        let mut link_nodes: Vec<Option<NodeId>> = vec![None; links.len()];
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let mut u = Unit {
                height: self.style.line_height(p.size),
                space_before: if i == 0 { p.space_before } else { 0.0 },
                ..Unit::default()
            };
            u.anchor = Some(match (p.leaf, line.leaf_offset()) {
                (true, Some(off)) => self.anchor(leaf, off),
                _ => self.anchor(leaf, 0),
            });
            if i == 0 {
                if let Some(level) = p.outline {
                    let title = segs.iter().map(|s| s.text.as_str()).collect::<String>();
                    u.outline.push((level, title));
                }
                if let Some(m) = self.marker.take() {
                    self.draw_marker(&mut u, m, p.size);
                }
            }
            // Orphan: the first line never alone at a page bottom; widow: the last line
            // never alone at a page top; headings stay with what follows (UKAAF).
            u.keep_with_next = p.heading || (n >= 2 && (i == 0 || i + 2 == n));
            let x0 = self.style.left() + p.indent;
            let src = p.leaf.then_some(leaf);
            self.place_line(
                &mut u,
                line,
                x0,
                0.0,
                p.size,
                node,
                links,
                &mut link_nodes,
                src,
            );
            self.units.push(u);
        }
        Some(node)
    }

    /// Places one line's runs (and link areas) into `u` at `x0` and `y_top`; runs go to
    /// `node` (or a Link child of it), labels become artifacts. `leaf` is the article leaf
    /// the text comes from, if it does.
    #[allow(clippy::too_many_arguments)]
    pub fn place_line(
        &mut self,
        u: &mut Unit,
        line: Line,
        x0: f32,
        y_top: f32,
        size: f32,
        node: NodeId,
        links: &[String],
        link_nodes: &mut [Option<NodeId>],
        leaf: Option<usize>,
    ) {
        let baseline = y_top + self.baseline(size);
        let line_h = self.style.line_height(size);
        let mut areas: Vec<(usize, f32, f32)> = Vec::new();
        for run in line.runs {
            let (content, artifact) = match run.kind {
                SegKind::Label => (None, ArtifactKind::Layout),
                _ => {
                    let owner = match run.link {
                        Some(k) if k < link_nodes.len() => {
                            *link_nodes[k].get_or_insert_with(|| self.node(Role::Link, Some(node)))
                        }
                        _ => node,
                    };
                    (Some(self.content(owner)), ArtifactKind::None)
                }
            };
            if let Some(k) = run.link {
                match areas.last_mut() {
                    Some(a) if a.0 == k => a.2 = run.x + run.ink_width,
                    _ => areas.push((k, run.x, run.x + run.ink_width)),
                }
            }
            let source = match leaf {
                Some(l) if run.kind == SegKind::Leaf => Some(self.anchor(l, run.leaf_offset)),
                _ => None,
            };
            u.items.push(Item {
                content,
                artifact,
                kind: ItemKind::Text(TextRun {
                    x: x0 + run.x,
                    baseline,
                    width: run.width,
                    ink_width: run.ink_width,
                    size,
                    face: run.face,
                    text: run.text,
                    glyphs: run.glyphs,
                    source,
                }),
            });
        }
        for (k, a, b) in areas {
            let Some(ln) = link_nodes.get(k).copied().flatten() else {
                continue;
            };
            let content = Some(self.content(ln));
            u.items.push(Item {
                content,
                artifact: ArtifactKind::None,
                kind: ItemKind::LinkArea(LinkArea {
                    rect: Rect {
                        x: x0 + a,
                        y: y_top,
                        w: (b - a).max(1.0),
                        h: line_h,
                    },
                    target: LinkTarget::Uri(links[k].clone()),
                    contents: links[k].clone(),
                }),
            });
        }
    }

    fn draw_marker(&mut self, u: &mut Unit, m: Marker, size: f32) {
        let segs = [Seg::new(m.text.clone(), true, SegKind::Generated)];
        let lines = break_lines(&mut self.shaper, &segs, size, f32::MAX);
        let content = Some(self.content(m.node));
        let baseline = self.baseline(size);
        if let Some(run) = lines
            .into_iter()
            .next()
            .and_then(|l| l.runs.into_iter().next())
        {
            u.items.push(Item {
                content,
                artifact: ArtifactKind::None,
                kind: ItemKind::Text(TextRun {
                    x: m.x,
                    baseline,
                    width: run.width,
                    ink_width: run.ink_width,
                    size,
                    face: run.face,
                    text: run.text,
                    glyphs: run.glyphs,
                    source: None,
                }),
            });
        }
    }

    /// Normalises a heading level so levels never skip (Matterhorn 14-003).
    pub fn heading_level(&mut self, level: u8) -> u16 {
        let want = u16::from(level.clamp(2, 6)) + self.level_base;
        let lvl = want.min(self.last_heading + 1).max(2 + self.level_base);
        self.last_heading = lvl;
        lvl
    }

    /// Resets heading tracking at the start of an article whose title has `level`.
    pub fn start_article(&mut self, article: usize, title_level: u16) {
        self.article = article;
        self.leaf = 0;
        self.last_heading = title_level;
    }

    /// Lays out a block list (an article body).
    pub fn blocks(&mut self, blocks: &[Block], root: Option<NodeId>) {
        enum Frame<'b> {
            Blocks {
                it: std::slice::Iter<'b, Block>,
                parent: Option<NodeId>,
                indent: f32,
                depth: usize,
            },
            List {
                list: &'b List,
                next: usize,
                node: Option<NodeId>,
                indent: f32,
                depth: usize,
            },
        }
        let mut stack = vec![Frame::Blocks {
            it: blocks.iter(),
            parent: root,
            indent: 0.0,
            depth: 0,
        }];
        let body = self.style.body_pt;
        let max_indent = self.style.text_width() / 3.0;
        while let Some(top) = stack.last_mut() {
            match top {
                Frame::Blocks {
                    it,
                    parent,
                    indent,
                    depth,
                } => {
                    let (parent, indent, depth) = (*parent, *indent, *depth);
                    let Some(block) = it.next() else {
                        stack.pop();
                        continue;
                    };
                    let width = self.style.text_width() - indent;
                    match block {
                        Block::Heading { level, inlines } => {
                            self.leaf += 1;
                            let lvl = self.heading_level(*level);
                            let mut links = Vec::new();
                            let segs = self.segs(inlines, true, SegKind::Leaf, &mut links);
                            let title = plain_text(inlines);
                            let size = self.style.heading_pt(lvl.saturating_sub(self.level_base));
                            self.para(
                                &segs,
                                &links,
                                Para {
                                    role: Role::Heading(lvl, title),
                                    parent,
                                    size,
                                    indent,
                                    width,
                                    space_before: body,
                                    heading: true,
                                    leaf: true,
                                    outline: Some(usize::from(lvl.saturating_sub(1))),
                                },
                            );
                        }
                        Block::Paragraph { inlines } => {
                            self.leaf += 1;
                            let mut links = Vec::new();
                            let segs = self.segs(inlines, false, SegKind::Leaf, &mut links);
                            let space = if self.marker.is_some() {
                                body * 0.4
                            } else {
                                self.style.para_space()
                            };
                            self.para(
                                &segs,
                                &links,
                                Para {
                                    role: Role::P,
                                    parent,
                                    size: body,
                                    indent,
                                    width,
                                    space_before: space,
                                    heading: false,
                                    leaf: true,
                                    outline: None,
                                },
                            );
                        }
                        Block::Figure(f) => self.figure(f, parent, indent, width),
                        Block::Table(t) => {
                            crate::layout::table::table(self, t, parent, indent, width)
                        }
                        Block::Quote { blocks } => {
                            let (node, ind, d) = if depth < MAX_DEPTH {
                                let q = self.node(Role::BlockQuote, parent);
                                (Some(q), (indent + body * 1.5).min(max_indent), depth + 1)
                            } else {
                                (parent, indent, depth)
                            };
                            stack.push(Frame::Blocks {
                                it: blocks.iter(),
                                parent: node,
                                indent: ind,
                                depth: d,
                            });
                        }
                        Block::List(l) => {
                            let node = if depth < MAX_DEPTH {
                                Some(self.node(Role::L(l.ordered), parent))
                            } else {
                                None
                            };
                            let fallback = if node.is_none() { parent } else { None };
                            stack.push(Frame::List {
                                list: l,
                                next: 0,
                                node: node.or(fallback),
                                indent,
                                depth: depth + 1,
                            });
                        }
                    }
                }
                Frame::List {
                    list,
                    next,
                    node,
                    indent,
                    depth,
                } => {
                    let (list, i, node, indent, depth) = (*list, *next, *node, *indent, *depth);
                    let Some(item) = list.items.get(i) else {
                        stack.pop();
                        continue;
                    };
                    *next += 1;
                    let structured = depth <= MAX_DEPTH;
                    let marker_w = body * if list.ordered { 2.2 } else { 1.4 };
                    let (body_node, ind) = if structured {
                        let li = self.node(Role::LI, node);
                        let lbl = self.node(Role::Lbl, Some(li));
                        let text = if list.ordered {
                            format!("{}.", i + 1)
                        } else {
                            "•".to_string()
                        };
                        self.marker = Some(Marker {
                            text,
                            node: lbl,
                            x: self.style.left() + indent,
                        });
                        (
                            Some(self.node(Role::LBody, Some(li))),
                            (indent + marker_w).min(max_indent),
                        )
                    } else {
                        (node, indent)
                    };
                    if item.blocks.is_empty() {
                        if let (Some(bn), Some(m)) = (body_node, self.marker.take()) {
                            // Nothing to read but the marker: keep the item visible and tagged.
                            self.marker = Some(m);
                            self.para(
                                &[Seg::new("", false, SegKind::Generated)],
                                &[],
                                Para {
                                    role: Role::P,
                                    parent: Some(bn),
                                    size: body,
                                    indent: ind,
                                    width: self.style.text_width() - ind,
                                    space_before: body * 0.4,
                                    heading: false,
                                    leaf: false,
                                    outline: None,
                                },
                            );
                        }
                    }
                    stack.push(Frame::Blocks {
                        it: item.blocks.iter(),
                        parent: body_node,
                        indent: ind,
                        depth,
                    });
                }
            }
        }
        if let Some(m) = self.marker.take() {
            let mut u = Unit {
                height: self.style.line_height(body),
                ..Unit::default()
            };
            self.draw_marker(&mut u, m, body);
            self.units.push(u);
        }
    }

    /// A figure: the image scaled to the text width, or a framed note when it cannot be
    /// shown, then its caption, kept together (RNIB: caption never apart from its image).
    pub fn figure(&mut self, f: &Figure, parent: Option<NodeId>, indent: f32, width: f32) {
        self.leaf += 1;
        let image_leaf = self.leaf - 1;
        let caption = plain_text(&f.caption);
        let alt = match f.alt.as_deref().map(str::trim) {
            Some(a) if !a.is_empty() => a.to_string(),
            _ if !caption.trim().is_empty() => caption.trim().to_string(),
            _ => {
                self.warnings.push(format!(
                    "image {} has no alt text and no caption: described as \"{NO_DESCRIPTION}\"",
                    f.src
                ));
                NO_DESCRIPTION.to_string()
            }
        };
        let body = self.style.body_pt;
        let fig = self.node(Role::Figure(alt), parent);
        let x = self.style.left() + indent;
        let mut unit = Unit {
            space_before: self.style.para_space(),
            anchor: Some(self.anchor(image_leaf, 0)),
            keep_with_next: !caption.is_empty(),
            ..Unit::default()
        };
        match self.image_data(&f.src) {
            Ok((data, pw, ph)) => {
                // Natural size: one image pixel = one CSS px (1/96 in); enlarged at most 2x
                // (issue rule), never wider than the text, never taller than a page less
                // room for two caption lines.
                let natural = pw as f32 * 0.75;
                let mut w = width.min(natural * 2.0);
                let mut h = w * ph as f32 / pw as f32;
                let max_h = self.style.text_height() - 2.0 * self.style.line_height(body) - body;
                if h > max_h {
                    w *= max_h / h;
                    h = max_h;
                }
                let content = Some(self.content(fig));
                if let Some(m) = self.marker.take() {
                    self.draw_marker(&mut unit, m, body);
                }
                unit.items.push(Item {
                    content,
                    artifact: ArtifactKind::None,
                    kind: ItemKind::Image(ImageBox {
                        rect: Rect { x, y: 0.0, w, h },
                        src: f.src.clone(),
                        data,
                    }),
                });
                unit.height = h;
            }
            Err(problem) => {
                self.warnings
                    .push(format!("{problem}: drawn as \"{IMAGE_NOTE}\""));
                let segs = [Seg::new(IMAGE_NOTE, true, SegKind::Generated)];
                let pad = body * 0.5;
                let lines = break_lines(&mut self.shaper, &segs, body, width - 2.0 * pad);
                let lh = self.style.line_height(body);
                let h = lines.len() as f32 * lh + 2.0 * pad;
                unit.items.push(Item {
                    content: None,
                    artifact: ArtifactKind::Layout,
                    kind: ItemKind::Rule(Rect {
                        x,
                        y: 0.0,
                        w: width,
                        h,
                    }),
                });
                if let Some(m) = self.marker.take() {
                    self.draw_marker(&mut unit, m, body);
                }
                let baseline = self.baseline(body);
                for (i, line) in lines.into_iter().enumerate() {
                    for run in line.runs {
                        let content = Some(self.content(fig));
                        unit.items.push(Item {
                            content,
                            artifact: ArtifactKind::None,
                            kind: ItemKind::Text(TextRun {
                                x: x + pad + run.x,
                                baseline: pad + i as f32 * lh + baseline,
                                width: run.width,
                                ink_width: run.ink_width,
                                size: body,
                                face: run.face,
                                text: run.text,
                                glyphs: run.glyphs,
                                source: None,
                            }),
                        });
                    }
                }
                unit.height = h;
            }
        }
        self.units.push(unit);
        if !f.caption.is_empty() {
            self.leaf += 1;
            let mut links = Vec::new();
            let segs = self.segs(&f.caption, false, SegKind::Leaf, &mut links);
            // Captions at body size, never smaller (UKAAF, ACB 2025).
            let before = self.units.len();
            self.para(
                &segs,
                &links,
                Para {
                    role: Role::Caption,
                    parent,
                    size: body,
                    indent,
                    width,
                    space_before: body * 0.3,
                    heading: false,
                    leaf: true,
                    outline: None,
                },
            );
            if self.units.len() == before {
                if let Some(u) = self.units.last_mut() {
                    u.keep_with_next = false;
                }
            }
        }
    }

    fn image_data(&self, src: &str) -> Result<(ImageData, u32, u32), String> {
        let img = self.assets.get(src).map_err(|p| p.0)?;
        match img.format {
            ImageFormat::Jpeg => Ok((ImageData::Jpeg(img.bytes.clone()), img.width, img.height)),
            other => {
                let fmt = match other {
                    ImageFormat::Png => image::ImageFormat::Png,
                    ImageFormat::Gif => image::ImageFormat::Gif,
                    _ => image::ImageFormat::WebP,
                };
                let decoded = image::load_from_memory_with_format(&img.bytes, fmt)
                    .map_err(|e| format!("image {src} cannot be decoded ({e})"))?;
                let rgba = decoded.to_rgba8();
                let (w, h) = rgba.dimensions();
                Ok((
                    ImageData::Rgba {
                        width: w,
                        height: h,
                        pixels: std::sync::Arc::new(rgba.into_raw()),
                    },
                    w,
                    h,
                ))
            }
        }
    }

    /// Draws a horizontal rule (an artifact) as its own unit.
    pub fn rule(&mut self, space_before: f32, width: f32) {
        let anchor = self.units.last().and_then(|u| u.anchor);
        self.units.push(Unit {
            height: self.style.body_pt * 0.5,
            space_before,
            anchor,
            items: vec![Item {
                content: None,
                artifact: ArtifactKind::Layout,
                kind: ItemKind::Rule(Rect {
                    x: self.style.left(),
                    y: 0.0,
                    w: width,
                    h: 0.0,
                }),
            }],
            ..Unit::default()
        });
    }
}
