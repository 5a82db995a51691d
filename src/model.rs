//! The one document model every stage shares: an [`Article`] is what extraction produces and
//! what layout, the PDF writer and the EPUB writer consume.
//!
//! Plain data with serde; this module depends on no other module of the crate. Text held here
//! is already normalised (NFC, whitespace collapsed) by the extraction stage.
//!
//! [`Article::to_json`] gives the user-facing JSON of `largeprint extract` (documented in the
//! README): meta fields at the top level, and every block with a `type` and, wherever it holds
//! text, a `text` field with its plain text.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// One news article or bulletin, as extracted from one page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Title, date, author and the other facts about the article.
    pub meta: Meta,
    /// The body, in reading order.
    pub blocks: Vec<Block>,
    /// Things a person should know about this article (mojibake, an image with no description).
    pub warnings: Vec<String>,
}

/// Facts about an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Meta {
    /// The headline.
    pub title: String,
    /// Publication date in ISO 8601 (`2020-07-29`), when one was found.
    pub date: Option<String>,
    /// The date exactly as the page wrote it (`Thứ tư, 29/07/2020 | 08:15`).
    pub date_original: Option<String>,
    /// The author or authors ("Hương Dịu").
    pub author: Option<String>,
    /// The lead paragraph (sapo), as plain text.
    pub lead: Option<String>,
    /// Where the page came from: a path or a URL (`-` for standard input).
    pub source: String,
    /// The page's own web address (its canonical link or og:url), when it names one.
    #[serde(default)]
    pub url: Option<String>,
    /// BCP 47 language tag of the text; "vi" for Vietnamese pages.
    pub language: String,
    /// Name of the extraction profile that matched the page (`publishing-portal`, `generic`, ...).
    pub profile: String,
}

/// A block-level element of the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// A subheading; `level` 2..=6 (level 1 is the article title).
    Heading {
        /// Heading level, 2 to 6.
        level: u8,
        /// The heading's text.
        inlines: Vec<Inline>,
    },
    /// A paragraph of body text.
    Paragraph {
        /// The paragraph's text.
        inlines: Vec<Inline>,
    },
    /// An image with its description and caption.
    Figure(Figure),
    /// An ordered or unordered list.
    List(List),
    /// A table.
    Table(Table),
    /// A block quotation.
    Quote {
        /// The quoted blocks.
        blocks: Vec<Block>,
    },
}

/// An image with its alternative text and caption.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Figure {
    /// The image address, resolved against the page (an absolute URL, or a path relative to
    /// the current directory when the page was read from disk).
    pub src: String,
    /// The `alt` attribute as written (`None` when absent, `Some("")` when empty).
    pub alt: Option<String>,
    /// The caption, empty when the image has none.
    pub caption: Vec<Inline>,
}

/// A list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct List {
    /// Numbered (`ol`) or bulleted (`ul`).
    pub ordered: bool,
    /// The items, in order.
    pub items: Vec<ListItem>,
}

/// One list item: its own blocks (paragraphs, nested lists).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ListItem {
    /// The item's content.
    pub blocks: Vec<Block>,
}

/// A table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Table {
    /// The table's caption, if any.
    pub caption: Vec<Inline>,
    /// Rows in order; header rows first when the page marked them.
    pub rows: Vec<Row>,
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Row {
    /// The row's cells.
    pub cells: Vec<Cell>,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// A header cell (`th`).
    pub header: bool,
    /// Columns spanned (at least 1).
    pub colspan: u32,
    /// Rows spanned (at least 1).
    pub rowspan: u32,
    /// The cell's text.
    pub inlines: Vec<Inline>,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Inline {
    /// Plain text.
    Text {
        /// The text (NFC, whitespace collapsed).
        text: String,
    },
    /// Strong importance (`b`, `strong`).
    Strong {
        /// The emphasised content.
        children: Vec<Inline>,
    },
    /// Emphasis (`i`, `em`); large print renders it bold.
    Emphasis {
        /// The emphasised content.
        children: Vec<Inline>,
    },
    /// A hyperlink.
    Link {
        /// The target, resolved against the page.
        href: String,
        /// The link text.
        children: Vec<Inline>,
    },
    /// A forced line break (`br`); as plain text it reads as one space.
    LineBreak,
}

impl Inline {
    /// Shorthand for a text run.
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text { text: s.into() }
    }
}

/// The plain text of a run of inlines: line breaks read as one space.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } => out.push_str(text),
            Inline::Strong { children }
            | Inline::Emphasis { children }
            | Inline::Link { children, .. } => push_plain(children, out),
            Inline::LineBreak => out.push(' '),
        }
    }
}

impl Block {
    /// The plain text of the block and everything inside it, pieces joined by a newline.
    pub fn plain_text(&self) -> String {
        match self {
            Block::Heading { inlines, .. } | Block::Paragraph { inlines } => plain_text(inlines),
            Block::Figure(f) => plain_text(&f.caption),
            Block::List(l) => l
                .items
                .iter()
                .map(|i| join_blocks(&i.blocks))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Table(t) => t
                .rows
                .iter()
                .map(|r| {
                    r.cells
                        .iter()
                        .map(|c| plain_text(&c.inlines))
                        .collect::<Vec<_>>()
                        .join(" | ")
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Quote { blocks } => join_blocks(blocks),
        }
    }
}

fn join_blocks(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(Block::plain_text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A place in the reading order where a page can begin: the `leaf`-th text flow of
/// [`Article::leaves`] and a character offset (in Unicode scalar values of that leaf's plain
/// text). The PDF layout reports one per page; the EPUB writer puts its page-break marker there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Anchor {
    /// Which article of a book (0 for a single article).
    pub article: usize,
    /// Index into [`Article::leaves`].
    pub leaf: usize,
    /// Offset in chars into that leaf's plain text (0 for a figure image).
    pub offset: usize,
}

/// What kind of text flow a [`Leaf`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeafKind {
    /// The title block (title, date, author, source) at the top of the article.
    TitleBlock,
    /// The lead paragraph.
    Lead,
    /// A heading.
    Heading,
    /// A paragraph (also one inside a list item or quote).
    Paragraph,
    /// The image of a figure (no text).
    FigureImage,
    /// The caption of a figure.
    Caption,
    /// A table caption.
    TableCaption,
    /// A table cell.
    Cell,
}

/// One text flow of an article in reading order: the unit a page break can fall inside.
#[derive(Debug, Clone, PartialEq)]
pub struct Leaf<'a> {
    /// What it is.
    pub kind: LeafKind,
    /// Its inline content (empty for the title block, the lead and images).
    pub inlines: &'a [Inline],
    /// Its plain text (the lead's text for [`LeafKind::Lead`]; empty for the title block and
    /// images). Anchor offsets count chars of this string.
    pub text: String,
}

/// The title shown for an article without one (an empty heading helps no reader).
pub const UNTITLED: &str = "(Không có tiêu đề)";

impl Meta {
    /// The title as the editions show it: trimmed, or [`UNTITLED`] when there is none.
    pub fn shown_title(&self) -> &str {
        match self.title.trim() {
            "" => UNTITLED,
            t => t,
        }
    }

    /// The source to show a reader ("Nguồn: …"): the page's web address when known, else the
    /// path it was read from; `None` for standard input.
    pub fn source_label(&self) -> Option<&str> {
        match &self.url {
            Some(url) if !url.trim().is_empty() => Some(url),
            _ if self.source.trim().is_empty() || self.source == "-" => None,
            _ => Some(&self.source),
        }
    }
}

impl<'a> Leaf<'a> {
    fn new(kind: LeafKind, inlines: &'a [Inline]) -> Leaf<'a> {
        Leaf {
            kind,
            inlines,
            text: plain_text(inlines),
        }
    }
}

/// What one conversion binds together: a single article, or a whole edition of several.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Book {
    /// The edition's title (`--edition "Bản tin tuần 30/2020"`); `None` for a single article,
    /// whose own title is the book's title.
    pub edition_title: Option<String>,
    /// The articles in the order they are printed.
    pub articles: Vec<Article>,
}

impl Book {
    /// A book of one article.
    pub fn single(article: Article) -> Book {
        Book {
            edition_title: None,
            articles: vec![article],
        }
    }

    /// The articles' authors, each once, in article order (for the editions' metadata).
    pub fn authors(&self) -> Vec<String> {
        let mut authors: Vec<String> = Vec::new();
        for a in &self.articles {
            if let Some(name) = a.meta.author.as_deref().map(str::trim) {
                if !name.is_empty() && !authors.iter().any(|x| x == name) {
                    authors.push(name.to_string());
                }
            }
        }
        authors
    }

    /// The title shown on the cover, in metadata and in the window title.
    pub fn title(&self) -> &str {
        match &self.edition_title {
            Some(t) => t,
            None => self.articles.first().map_or("", |a| a.meta.title.as_str()),
        }
    }
}

impl Article {
    /// Every text flow of the article in reading order: title block, lead, then each heading,
    /// paragraph, figure image, caption, table caption and cell, descending into lists and
    /// quotes. Layout and the EPUB writer both number page starts by this sequence.
    pub fn leaves(&self) -> Vec<Leaf<'_>> {
        let mut out = vec![Leaf::new(LeafKind::TitleBlock, &[])];
        if let Some(lead) = &self.meta.lead {
            out.push(Leaf {
                kind: LeafKind::Lead,
                inlines: &[],
                text: lead.clone(),
            });
        }
        collect_leaves(&self.blocks, &mut out);
        out
    }

    /// The user-facing JSON of `largeprint extract`.
    pub fn to_json(&self) -> Value {
        let m = &self.meta;
        json!({
            "title": m.title,
            "date": m.date,
            "date_original": m.date_original,
            "author": m.author,
            "lead": m.lead,
            "source": m.source,
            "url": m.url,
            "language": m.language,
            "profile": m.profile,
            "warnings": self.warnings,
            "blocks": self.blocks.iter().map(block_json).collect::<Vec<_>>(),
        })
    }
}

fn collect_leaves<'a>(blocks: &'a [Block], out: &mut Vec<Leaf<'a>>) {
    for block in blocks {
        match block {
            Block::Heading { inlines, .. } => out.push(Leaf::new(LeafKind::Heading, inlines)),
            Block::Paragraph { inlines } => out.push(Leaf::new(LeafKind::Paragraph, inlines)),
            Block::Figure(f) => {
                out.push(Leaf::new(LeafKind::FigureImage, &[]));
                if !f.caption.is_empty() {
                    out.push(Leaf::new(LeafKind::Caption, &f.caption));
                }
            }
            Block::List(l) => {
                for item in &l.items {
                    collect_leaves(&item.blocks, out);
                }
            }
            Block::Table(t) => {
                if !t.caption.is_empty() {
                    out.push(Leaf::new(LeafKind::TableCaption, &t.caption));
                }
                for row in &t.rows {
                    for cell in &row.cells {
                        out.push(Leaf::new(LeafKind::Cell, &cell.inlines));
                    }
                }
            }
            Block::Quote { blocks } => collect_leaves(blocks, out),
        }
    }
}

fn inlines_json(inlines: &[Inline]) -> Value {
    serde_json::to_value(inlines).unwrap_or(Value::Null)
}

fn block_json(block: &Block) -> Value {
    let mut o = Map::new();
    match block {
        Block::Heading { level, inlines } => {
            o.insert("type".into(), json!("heading"));
            o.insert("level".into(), json!(level));
            o.insert("text".into(), json!(plain_text(inlines)));
            o.insert("inlines".into(), inlines_json(inlines));
        }
        Block::Paragraph { inlines } => {
            o.insert("type".into(), json!("paragraph"));
            o.insert("text".into(), json!(plain_text(inlines)));
            o.insert("inlines".into(), inlines_json(inlines));
        }
        Block::Figure(f) => {
            o.insert("type".into(), json!("figure"));
            o.insert("src".into(), json!(f.src));
            o.insert("alt".into(), json!(f.alt));
            o.insert("caption".into(), json!(plain_text(&f.caption)));
            o.insert("text".into(), json!(plain_text(&f.caption)));
            o.insert("caption_inlines".into(), inlines_json(&f.caption));
        }
        Block::List(l) => {
            o.insert("type".into(), json!("list"));
            o.insert("ordered".into(), json!(l.ordered));
            o.insert("text".into(), json!(block.plain_text()));
            let items: Vec<Value> = l
                .items
                .iter()
                .map(|i| {
                    json!({
                        "text": join_blocks(&i.blocks),
                        "blocks": i.blocks.iter().map(block_json).collect::<Vec<_>>(),
                    })
                })
                .collect();
            o.insert("items".into(), Value::Array(items));
        }
        Block::Table(t) => {
            o.insert("type".into(), json!("table"));
            o.insert("text".into(), json!(block.plain_text()));
            o.insert("caption".into(), json!(plain_text(&t.caption)));
            let rows: Vec<Value> = t
                .rows
                .iter()
                .map(|r| {
                    Value::Array(
                        r.cells
                            .iter()
                            .map(|c| {
                                json!({
                                    "header": c.header,
                                    "colspan": c.colspan,
                                    "rowspan": c.rowspan,
                                    "text": plain_text(&c.inlines),
                                })
                            })
                            .collect(),
                    )
                })
                .collect();
            o.insert("rows".into(), Value::Array(rows));
        }
        Block::Quote { blocks } => {
            o.insert("type".into(), json!("quote"));
            o.insert("text".into(), json!(join_blocks(blocks)));
            o.insert(
                "blocks".into(),
                Value::Array(blocks.iter().map(block_json).collect()),
            );
        }
    }
    Value::Object(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(s: &str) -> Block {
        Block::Paragraph {
            inlines: vec![Inline::text(s)],
        }
    }

    #[test]
    fn line_break_reads_as_one_space() {
        let inl = vec![Inline::text("a"), Inline::LineBreak, Inline::text("b")];
        assert_eq!(plain_text(&inl), "a b");
    }

    #[test]
    fn leaves_follow_reading_order() {
        let a = Article {
            meta: Meta {
                title: "T".into(),
                lead: Some("L".into()),
                ..Meta::default()
            },
            blocks: vec![
                para("one"),
                Block::Figure(Figure {
                    src: "x.jpg".into(),
                    alt: None,
                    caption: vec![Inline::text("cap")],
                }),
                Block::List(List {
                    ordered: false,
                    items: vec![ListItem {
                        blocks: vec![para("item")],
                    }],
                }),
            ],
            warnings: vec![],
        };
        let kinds: Vec<LeafKind> = a.leaves().iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            vec![
                LeafKind::TitleBlock,
                LeafKind::Lead,
                LeafKind::Paragraph,
                LeafKind::FigureImage,
                LeafKind::Caption,
                LeafKind::Paragraph
            ]
        );
        let j = a.to_json();
        assert_eq!(j["blocks"][1]["type"], "figure");
        assert_eq!(j["blocks"][1]["caption"], "cap");
        assert_eq!(j["blocks"][2]["text"], "item");
    }
}
