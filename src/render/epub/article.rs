//! One article as an XHTML content document: a header with title, date, author and source,
//! then the body blocks in reading order, with a page-break marker wherever a PDF page begins.
//!
//! Blocks are walked with an explicit stack in the same order as
//! [`crate::model::Article::leaves`], counting leaves as they go, so leaf indices in page
//! anchors resolve to the same text the layout measured. Headings are renumbered so that no
//! level is skipped (WCAG 1.3.1, Ace `heading-order`): the article title is the document's
//! only h1.

use std::collections::BTreeMap;

use super::images::{ImagePlan, Placed};
use super::inline::{push_inlines, InlineOutcome};
use super::marks::marker;
use super::xml;
use crate::model::{plain_text, Article, Block, Inline, Table};

/// A heading for the table of contents.
#[derive(Debug, Clone)]
pub struct TocEntry {
    /// 1 for the article title, 2..=6 below it, with no level skipped.
    pub level: u8,
    /// Fragment id of the heading in its document.
    pub id: String,
    /// The heading's plain text.
    pub text: String,
}

/// An article rendered as the body of a content document.
#[derive(Debug, Default)]
pub struct ArticleBody {
    /// The XHTML of the body's content.
    pub xhtml: String,
    /// Headings, in order, title first.
    pub toc: Vec<TocEntry>,
    /// Pages whose markers were placed, in order of placement.
    pub placed: Vec<usize>,
    /// Pages whose offset was past the end of their leaf.
    pub past_end: Vec<usize>,
    /// Figures rendered with their image.
    pub images_shown: usize,
    /// Images shown with neither alt text nor caption.
    pub images_undescribed: usize,
    /// Figures whose image could not be shown (a note is shown instead).
    pub images_missing: usize,
}

enum Step<'a> {
    Block(&'a Block),
    Raw(&'static str),
}

/// The note shown where an image cannot be shown (issue 3 and 4 use the same words).
pub const MISSING_IMAGE: &str = "[Ảnh không hiển thị được]";

struct Walker<'a> {
    out: String,
    body: ArticleBody,
    marks: &'a BTreeMap<usize, Vec<(usize, usize)>>,
    images: &'a ImagePlan,
    leaf: usize,
    last_level: u8,
    prefix: String,
}

impl Walker<'_> {
    fn leaf_marks(&mut self) -> Vec<(usize, usize)> {
        let m = self.marks.get(&self.leaf).cloned().unwrap_or_default();
        self.leaf += 1;
        m
    }

    fn absorb(&mut self, o: InlineOutcome) {
        self.body.placed.extend(o.placed);
        self.body.past_end.extend(o.past_end);
    }

    /// Markers at offset 0 go in front of the element, so a reading app that jumps to the
    /// page shows the element whole.
    fn leading(&mut self, marks: &mut Vec<(usize, usize)>) {
        while let Some(&(0, page)) = marks.first() {
            self.out.push_str(&marker(page));
            self.body.placed.push(page);
            marks.remove(0);
        }
    }

    fn inlines_in(
        &mut self,
        open: &str,
        close: &str,
        inlines: &[Inline],
        mut marks: Vec<(usize, usize)>,
        lead_out: bool,
    ) {
        if lead_out {
            self.leading(&mut marks);
        }
        if plain_text(inlines).trim().is_empty() && !has_break(inlines) {
            // An empty element (an empty heading is an Ace violation) is left out; its
            // markers still go in.
            let mut o = InlineOutcome::default();
            for (_, page) in marks {
                self.out.push_str(&marker(page));
                o.placed.push(page);
            }
            self.absorb(o);
            return;
        }
        self.out.push_str(open);
        let o = push_inlines(&mut self.out, inlines, &marks);
        self.out.push_str(close);
        self.absorb(o);
    }

    fn block<'b>(&mut self, block: &'b Block, stack: &mut Vec<Step<'b>>) {
        match block {
            Block::Heading { level, inlines } => {
                let level = (*level).clamp(2, 6).min(self.last_level + 1);
                let marks = self.leaf_marks();
                let text = plain_text(inlines);
                if !text.trim().is_empty() {
                    self.last_level = level;
                    let id = format!("{}h{}", self.prefix, self.body.toc.len());
                    self.body.toc.push(TocEntry {
                        level,
                        id: id.clone(),
                        text: text.trim().to_string(),
                    });
                    let open = format!("<h{level} id=\"{id}\">");
                    let close = format!("</h{level}>");
                    self.inlines_in(&open, &close, inlines, marks, true);
                } else {
                    self.inlines_in("", "", inlines, marks, true);
                }
            }
            Block::Paragraph { inlines } => {
                let marks = self.leaf_marks();
                self.inlines_in("<p>", "</p>", inlines, marks, true);
            }
            Block::Figure(f) => {
                let mut marks = self.leaf_marks();
                self.leading(&mut marks);
                for (_, page) in marks {
                    // An image has no text: every marker of it goes in front.
                    self.out.push_str(&marker(page));
                    self.body.placed.push(page);
                }
                let caption = plain_text(&f.caption);
                let has_caption = !caption.trim().is_empty();
                let cap_marks = if f.caption.is_empty() {
                    Vec::new()
                } else {
                    self.leaf_marks()
                };
                self.out.push_str("<figure>");
                match self.images.get(&f.src) {
                    Placed::Shown {
                        href,
                        width,
                        height,
                    } => {
                        self.body.images_shown += 1;
                        let alt = f.alt.as_deref().map(str::trim).filter(|a| !a.is_empty());
                        // The caption stands in as the text alternative when the page gave
                        // none; with neither, alt="" marks the image decorative and the book
                        // does not claim alternativeText (EPUB A11Y 1.1: claim what holds).
                        let alt = match alt {
                            Some(a) => a.to_string(),
                            None if has_caption => caption.trim().to_string(),
                            None => {
                                self.body.images_undescribed += 1;
                                String::new()
                            }
                        };
                        self.out.push_str(&format!(
                            "<img src=\"{}\" alt=\"{}\" width=\"{width}\" height=\"{height}\"/>",
                            xml::attr(href),
                            xml::attr(&alt)
                        ));
                    }
                    Placed::Missing => {
                        self.body.images_missing += 1;
                        self.out.push_str("<p class=\"missing-image\">");
                        xml::push_text(&mut self.out, MISSING_IMAGE);
                        if let Some(alt) = f
                            .alt
                            .as_deref()
                            .map(str::trim)
                            .filter(|a| !a.is_empty() && *a != caption.trim())
                        {
                            self.out.push(' ');
                            xml::push_text(&mut self.out, alt);
                        }
                        self.out.push_str("</p>");
                    }
                }
                if !f.caption.is_empty() {
                    self.inlines_in(
                        "<figcaption>",
                        "</figcaption>",
                        &f.caption,
                        cap_marks,
                        false,
                    );
                }
                self.out.push_str("</figure>");
            }
            Block::List(l) => {
                if l.items.is_empty() {
                    return;
                }
                let (open, close) = if l.ordered {
                    ("<ol>", "</ol>")
                } else {
                    ("<ul>", "</ul>")
                };
                self.out.push_str(open);
                stack.push(Step::Raw(close));
                for item in l.items.iter().rev() {
                    stack.push(Step::Raw("</li>"));
                    stack.extend(item.blocks.iter().rev().map(Step::Block));
                    stack.push(Step::Raw("<li>"));
                }
            }
            Block::Table(t) => self.table(t),
            Block::Quote { blocks } => {
                self.out.push_str("<blockquote>");
                stack.push(Step::Raw("</blockquote>"));
                stack.extend(blocks.iter().rev().map(Step::Block));
            }
        }
    }

    fn table(&mut self, t: &Table) {
        let cap_marks = if t.caption.is_empty() {
            Vec::new()
        } else {
            self.leaf_marks()
        };
        let rows: Vec<_> = t.rows.iter().filter(|r| !r.cells.is_empty()).collect();
        if rows.is_empty() {
            if !t.caption.is_empty() {
                self.inlines_in("<p>", "</p>", &t.caption, cap_marks, true);
            }
            return;
        }
        // A header cell needs data cells to head (axe th-has-data-cells): a table of headers
        // only is written with plain cells.
        let has_data = rows.iter().any(|r| r.cells.iter().any(|c| !c.header));
        let all_header = |r: &crate::model::Row| has_data && r.cells.iter().all(|c| c.header);
        self.out.push_str("<table>");
        if !t.caption.is_empty() {
            self.inlines_in("<caption>", "</caption>", &t.caption, cap_marks, false);
        }
        let head_rows = rows
            .iter()
            .take_while(|r| all_header(r))
            .count()
            .min(rows.len() - 1);
        for (i, row) in rows.iter().enumerate() {
            if i == 0 && head_rows > 0 {
                self.out.push_str("<thead>");
            }
            if i == head_rows {
                self.out.push_str("<tbody>");
            }
            self.out.push_str("<tr>");
            let col_header = all_header(row);
            for cell in &row.cells {
                let marks = self.leaf_marks();
                let mut open = String::from(if cell.header && has_data {
                    "<th"
                } else {
                    "<td"
                });
                if cell.header && has_data {
                    open.push_str(if col_header {
                        " scope=\"col\""
                    } else {
                        " scope=\"row\""
                    });
                }
                if cell.colspan > 1 {
                    open.push_str(&format!(" colspan=\"{}\"", cell.colspan.min(1000)));
                }
                if cell.rowspan > 1 {
                    open.push_str(&format!(" rowspan=\"{}\"", cell.rowspan.min(65534)));
                }
                open.push('>');
                let close = if cell.header && has_data {
                    "</th>"
                } else {
                    "</td>"
                };
                self.out.push_str(&open);
                let o = push_inlines(&mut self.out, &cell.inlines, &marks);
                self.absorb(o);
                self.out.push_str(close);
            }
            self.out.push_str("</tr>");
            if i + 1 == head_rows {
                self.out.push_str("</thead>");
            }
        }
        self.out.push_str("</tbody></table>");
    }
}

fn has_break(inlines: &[Inline]) -> bool {
    inlines.iter().any(|i| matches!(i, Inline::LineBreak))
}

/// Renders `article` (the `index`-th of the book) as the content of a `<body>`, with the
/// markers `marks` (leaf -> (offset, page)). Ids are prefixed with `prefix` so they are unique
/// across the book.
pub fn render_article(
    article: &Article,
    prefix: &str,
    marks: &BTreeMap<usize, Vec<(usize, usize)>>,
    images: &ImagePlan,
) -> ArticleBody {
    let mut w = Walker {
        out: String::new(),
        body: ArticleBody::default(),
        marks,
        images,
        leaf: 0,
        last_level: 1,
        prefix: prefix.to_string(),
    };
    let m = &article.meta;
    w.out.push_str("<header>");
    let title_marks = w.leaf_marks();
    for (_, page) in title_marks {
        w.out.push_str(&marker(page));
        w.body.placed.push(page);
    }
    let title = m.shown_title();
    let title_id = format!("{prefix}title");
    w.out
        .push_str(&format!("<h1 id=\"{title_id}\">{}</h1>", xml::text(title)));
    w.body.toc.push(TocEntry {
        level: 1,
        id: title_id,
        text: title.to_string(),
    });
    let date = m
        .date
        .as_deref()
        .and_then(crate::text::date_words_vi)
        .or_else(|| m.date_original.clone())
        .filter(|d| !d.trim().is_empty());
    if let Some(d) = date {
        w.out
            .push_str(&format!("<p class=\"dateline\">{}</p>", xml::text(&d)));
    }
    if let Some(a) = m.author.as_deref().filter(|a| !a.trim().is_empty()) {
        w.out.push_str(&format!(
            "<p class=\"byline\">Tác giả: {}</p>",
            xml::text(a)
        ));
    }
    if let Some(source) = m.source_label() {
        let shown = if source.starts_with("http://") || source.starts_with("https://") {
            format!(
                "<a href=\"{}\">{}</a>",
                xml::attr(source),
                xml::text(source)
            )
        } else {
            xml::text(source)
        };
        w.out
            .push_str(&format!("<p class=\"source\">Nguồn: {shown}</p>"));
    }
    w.out.push_str("</header>");
    if let Some(lead) = &m.lead {
        let marks = w.leaf_marks();
        w.inlines_in(
            "<p class=\"lead\">",
            "</p>",
            &[Inline::text(lead.clone())],
            marks,
            true,
        );
    }
    let mut stack: Vec<Step> = article.blocks.iter().rev().map(Step::Block).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Raw(s) => w.out.push_str(s),
            Step::Block(b) => w.block(b, &mut stack),
        }
    }
    // Markers whose leaf does not exist: placed at the end of the article and reported.
    let leaves = w.leaf;
    for (_, list) in w.marks.range(leaves..) {
        for &(_, page) in list {
            w.out.push_str(&marker(page));
            w.body.placed.push(page);
            w.body.past_end.push(page);
        }
    }
    w.body.xhtml = std::mem::take(&mut w.out);
    w.body
}
