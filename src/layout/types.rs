//! The layout result: plain data the PDF writer draws and the EPUB writer reads page starts
//! from. Coordinates are PDF points with the origin at the top-left corner of the page and y
//! growing downwards (krilla's convention).

use std::sync::Arc;

use crate::layout::fonts::Face;
use crate::model::Anchor;

/// Index of a node in [`Layout::nodes`].
pub type NodeId = usize;
/// Index of a piece of tagged content (a text run, an image, a link area): each is drawn once
/// and referenced once from the structure tree.
pub type ContentId = usize;

/// A laid-out book.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Page width in points.
    pub page_width: f32,
    /// Page height in points.
    pub page_height: f32,
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// The structure tree, as an arena; children always have larger ids than their parent.
    pub nodes: Vec<StructNode>,
    /// Top-level nodes in reading order.
    pub roots: Vec<NodeId>,
    /// Bookmarks in reading order, each with its nesting level (0 = top).
    pub outline: Vec<OutlineEntry>,
    /// Where each page starts (one entry per page).
    pub starts: Vec<PageStart>,
    /// Things a person should know (an image without description, an image not shown).
    pub warnings: Vec<String>,
    /// Number of content ids handed out.
    pub content_count: usize,
}

impl Layout {
    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Where each page begins (one per page), see [`PageStart`].
    pub fn page_starts(&self) -> Vec<PageStart> {
        self.starts.clone()
    }

    /// The article anchors of pages that begin inside an article, with their page index.
    pub fn article_page_starts(&self) -> Vec<(usize, Anchor)> {
        self.starts
            .iter()
            .enumerate()
            .filter_map(|(i, s)| match s {
                PageStart::Article(a) => Some((i, *a)),
                PageStart::EditionFront(_) => None,
            })
            .collect()
    }
}

/// Where a page begins in the reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageStart {
    /// A page of an edition's front matter (title page, table of contents), before any
    /// article, with the place it begins at: the EPUB writer puts these markers at the same
    /// place of its own title page / contents.
    EditionFront(FrontAnchor),
    /// The page's first content is at this place of an article (see [`Anchor`]).
    Article(Anchor),
}

/// A place in an edition's front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FrontAnchor {
    /// The edition title page.
    TitlePage,
    /// The heading of the table of contents.
    Contents,
    /// Entry `entry` (0-based, one per article) of the table of contents, at char `offset`
    /// of the article's title as the entry shows it.
    Entry {
        /// The entry (the article index).
        entry: usize,
        /// Char offset into the entry's title.
        offset: usize,
    },
}

/// One page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Drawn items; tagged content and artifacts, in drawing order.
    pub items: Vec<Item>,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// `Some` for real content (its id appears once in the structure tree); `None` for an
    /// artifact.
    pub content: Option<ContentId>,
    /// For artifacts, what kind.
    pub artifact: ArtifactKind,
    /// What is drawn.
    pub kind: ItemKind,
}

/// The kind of an artifact (ignored for real content).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArtifactKind {
    /// Not an artifact.
    None,
    /// A page number (Matterhorn 18: pagination artifact).
    PageNumber,
    /// A frame, rule, or repeated label: layout decoration.
    Layout,
    /// A table's header rows drawn again at the top of a page the table continues onto
    /// (a pagination artifact: the header is tagged once, where the table begins).
    RepeatedHeader,
}

/// What an item draws.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    /// A run of shaped text on one line.
    Text(TextRun),
    /// An image.
    Image(ImageBox),
    /// A stroked rectangle (frame) or line (zero height).
    Rule(Rect),
    /// A clickable link area (tagged content under a Link node).
    LinkArea(LinkArea),
}

/// An axis-aligned rectangle, top-left origin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

/// A shaped glyph, in font units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Glyph id.
    pub id: u16,
    /// Horizontal advance.
    pub advance: i32,
    /// Horizontal offset.
    pub x_offset: i32,
    /// Vertical offset (up is positive, font convention).
    pub y_offset: i32,
    /// Byte range of the run's text this glyph's cluster covers.
    pub start: u32,
    /// End of that byte range.
    pub end: u32,
}

/// A run of text in one face on one line.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left of the run.
    pub x: f32,
    /// Baseline.
    pub baseline: f32,
    /// Width of the run including a trailing space.
    pub width: f32,
    /// Width without trailing spaces (what must fit the line).
    pub ink_width: f32,
    /// Font size in points.
    pub size: f32,
    /// Face.
    pub face: Face,
    /// The text (a wrapped line keeps its trailing space, so text extraction sees word
    /// breaks).
    pub text: String,
    /// Shaped glyphs of `text`.
    pub glyphs: Vec<Glyph>,
    /// Where the text comes from: the article leaf and char offset of its first char, for text
    /// of the article's leaves; `None` for generated text (title block, markers, labels).
    pub source: Option<Anchor>,
}

/// A placed image.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageBox {
    /// Where it is drawn.
    pub rect: Rect,
    /// The figure's `src`.
    pub src: String,
    /// The decoded or embeddable pixels.
    pub data: ImageData,
}

/// Image bytes ready for the PDF writer.
#[derive(Debug, Clone, PartialEq)]
pub enum ImageData {
    /// A JPEG file, embedded unchanged.
    Jpeg(Arc<Vec<u8>>),
    /// Decoded RGBA8 pixels (PNG, GIF, WebP).
    Rgba {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// RGBA bytes, row-major.
        pixels: Arc<Vec<u8>>,
    },
}

/// A clickable area.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkArea {
    /// The area.
    pub rect: Rect,
    /// Where it goes.
    pub target: LinkTarget,
    /// Description for assistive technology (/Contents, Matterhorn 28-012).
    pub contents: String,
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    /// A web address.
    Uri(String),
    /// A page of this document (index) and the y there.
    Page(usize, f32),
}

/// A node of the structure tree.
#[derive(Debug, Clone, PartialEq)]
pub struct StructNode {
    /// Its role.
    pub role: Role,
    /// Children in reading order.
    pub children: Vec<StructChild>,
}

/// A child in the structure tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructChild {
    /// Another node.
    Node(NodeId),
    /// A piece of content.
    Content(ContentId),
}

/// Structure roles (PDF 1.7 standard structure types).
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// A section (one article of an edition).
    Sect,
    /// A heading of a level (1 = title) with its text (the heading's /T).
    Heading(u16, String),
    /// A paragraph.
    P,
    /// A list; `true` when numbered.
    L(bool),
    /// A list item.
    LI,
    /// A list item's marker.
    Lbl,
    /// A list item's body.
    LBody,
    /// A table.
    Table,
    /// A table row.
    TR,
    /// A header cell: `true` for a column header, `false` for a row header; its span.
    TH(bool, Span),
    /// A data cell and its span.
    TD(Span),
    /// A figure with its alternative text.
    Figure(String),
    /// A caption.
    Caption,
    /// A link.
    Link,
    /// A block quotation.
    BlockQuote,
    /// A table of contents.
    TOC,
    /// A table of contents item.
    TOCI,
}

/// A bookmark.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// Nesting level, 0 at the top.
    pub level: usize,
    /// The text shown.
    pub title: String,
    /// Page index.
    pub page: usize,
    /// Top of the target on that page.
    pub y: f32,
}

/// Rows and columns a table cell spans in the structure tree, normalised so every row of the
/// table covers the same number of columns (PDF/UA-1 7.2, Tables).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Rows spanned, at least 1.
    pub rows: u32,
    /// Columns spanned, at least 1.
    pub cols: u32,
}
