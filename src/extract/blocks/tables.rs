//! Tables: data tables (header cells, row and column spans) become [`Table`] blocks; layout
//! tables are read cell by cell as containers; a small table holding an image is a figure.

use super::{flags_of, Builder, Ctx, Item, MAX_DEPTH};
use crate::extract::dom::NodeId;
use crate::extract::inlines::finish_inlines;
use crate::model::{Block, Cell, Inline, Row, Table};

impl Builder<'_> {
    pub(super) fn table(&mut self, t: NodeId, depth: usize, ctx: Ctx, out: &mut Vec<Item>) {
        let d = self.dom;
        let own = |id: NodeId| d.ancestors(id).find(|&a| d.tag(a) == "table") == Some(t);
        let rows: Vec<NodeId> = (t + 1..d.end(t))
            .filter(|&r| d.tag(r) == "tr" && own(r))
            .collect();
        let nested = (t + 1..d.end(t)).any(|x| d.tag(x) == "table");
        let imgs = (t + 1..d.end(t)).filter(|&x| d.tag(x) == "img").count();
        let cells_per_row: Vec<usize> = rows
            .iter()
            .map(|&r| {
                d.nodes[r]
                    .children
                    .iter()
                    .filter(|&&c| matches!(d.tag(c), "td" | "th"))
                    .count()
            })
            .collect();
        if imgs > 0 && d.text(t).chars().count() <= 400 {
            // table.image / <table align=center><img><br><span>caption</span>
            return self.figure_container(t, out);
        }
        let data = rows.len() >= 2 && cells_per_row.iter().any(|&n| n >= 2) && !nested && imgs == 0;
        if !data {
            // A layout table: read its cells as containers, in order.
            for &r in &rows {
                for cell in d.nodes[r].children.clone() {
                    if matches!(d.tag(cell), "td" | "th") && !self.skip(cell) && depth < MAX_DEPTH {
                        let cctx = self.child_ctx(ctx, cell);
                        self.blocks_of(cell, depth + 1, cctx, out);
                    }
                }
            }
            return;
        }
        let mut table = Table::default();
        if let Some(cap) = (t + 1..d.end(t)).find(|&x| d.tag(x) == "caption" && own(x)) {
            table.caption = finish_inlines(self.inlines(cap, 0));
        }
        for &r in &rows {
            let in_head = d
                .ancestors(r)
                .take_while(|&a| a != t)
                .any(|a| d.tag(a) == "thead");
            let mut row = Row::default();
            for cell in d.nodes[r].children.clone() {
                let tag = d.tag(cell);
                if !matches!(tag, "td" | "th") {
                    continue;
                }
                let span = |name: &str| {
                    d.attr(cell, name)
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .map_or(1, |v| v.clamp(1, 1000))
                };
                row.cells.push(Cell {
                    header: tag == "th" || in_head,
                    colspan: span("colspan"),
                    rowspan: span("rowspan"),
                    inlines: self.cell_inlines(cell, depth),
                });
            }
            if !row.cells.is_empty() {
                table.rows.push(row);
            }
        }
        out.push(Item {
            block: Block::Table(table),
            flags: flags_of(ctx),
        });
    }

    /// A cell's content as one run of inlines: its paragraphs joined by line breaks.
    fn cell_inlines(&mut self, cell: NodeId, depth: usize) -> Vec<Inline> {
        let mut inner = Vec::new();
        if depth < MAX_DEPTH {
            self.blocks_of(cell, depth + 1, Ctx::default(), &mut inner);
        }
        let mut out = Vec::new();
        for item in inner {
            let inl = match item.block {
                Block::Paragraph { inlines } | Block::Heading { inlines, .. } => inlines,
                other => vec![Inline::text(other.plain_text())],
            };
            if !out.is_empty() {
                out.push(Inline::LineBreak);
            }
            out.extend(inl);
        }
        finish_inlines(out)
    }
}
