//! Tables at large print: a grid when the columns fit the text width at body size, otherwise
//! reflowed one row per block ("Header: value" lines), never shrunk below body size (UKAAF:
//! no text smaller than the body).

use std::sync::Arc;

use crate::layout::flow::{Flow, Para, Repeat, Unit};
use crate::layout::fonts::Face;
use crate::layout::linebreak::{break_lines, Seg, SegKind};
use crate::layout::types::Span;
use crate::layout::types::*;
use crate::model::{plain_text, Row, Table};

/// Lays out `t` under `parent`.
pub fn table(f: &mut Flow<'_, '_>, t: &Table, parent: Option<NodeId>, indent: f32, width: f32) {
    let body = f.style.body_pt;
    let node = f.node(Role::Table, parent);
    if !t.caption.is_empty() {
        f.leaf += 1;
        let mut links = Vec::new();
        let segs = f.segs(&t.caption, true, SegKind::Leaf, &mut links);
        let before = f.units.len();
        f.para(
            &segs,
            &links,
            Para {
                role: Role::Caption,
                parent: Some(node),
                size: body,
                indent,
                width,
                space_before: f.style.para_space(),
                heading: false,
                leaf: true,
                outline: None,
            },
        );
        let grew = f.units.len() > before;
        if let Some(u) = f.units.last_mut().filter(|_| grew) {
            u.keep_with_next = true;
        }
    }
    // Grid columns as placed, counting cells that rows above span down into.
    let (spans, starts) = placement(t);
    let ncols = spans
        .iter()
        .zip(&starts)
        .filter_map(|(sp, st)| Some(st.last()? + sp.last()?.cols as usize))
        .max()
        .unwrap_or(0);
    if ncols == 0 {
        return;
    }
    let header_rows = t
        .rows
        .iter()
        .take_while(|r| !r.cells.is_empty() && r.cells.iter().all(|c| c.header))
        .count();
    // A grid needs every row (under the header rows, which repeat on each page the table
    // continues onto) to fit on a page: a row is never cut across pages.
    match grid_columns(f, t, ncols, width).filter(|c| rows_fit_pages(f, t, c, header_rows)) {
        Some(cols) => grid(f, t, node, &cols, header_rows, indent),
        None => reflow(f, t, node, ncols, header_rows, indent, width),
    }
}

fn pad(f: &Flow<'_, '_>) -> f32 {
    f.style.body_pt * 0.4
}

/// Whether every row of `t` on the grid `cols`, below the header rows, fits in the text area.
fn rows_fit_pages(f: &mut Flow<'_, '_>, t: &Table, cols: &[f32], header_rows: usize) -> bool {
    let (spans, starts) = placement(t);
    let body = f.style.body_pt;
    let pad = pad(f);
    let lh = f.style.line_height(body);
    let heights: Vec<f32> = t
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            row.cells
                .iter()
                .enumerate()
                .map(|(ci, cell)| {
                    let (start, end) = cell_columns(cols, &starts, &spans, r, ci);
                    let w: f32 = cols[start..end].iter().sum();
                    let segs = f.segs(&cell.inlines, cell.header, SegKind::Leaf, &mut Vec::new());
                    let n = break_lines(&mut f.shaper, &segs, body, (w - 2.0 * pad).max(1.0)).len();
                    n as f32 * lh + 2.0 * pad
                })
                .fold(lh + 2.0 * pad, f32::max)
        })
        .collect();
    let room = f.style.text_height() + 0.01;
    let head: f32 = heights.iter().take(header_rows).sum();
    let tallest = heights
        .iter()
        .skip(header_rows)
        .fold(0.0, |a: f32, &b| a.max(b));
    heights.iter().all(|&h| h <= room) && head + tallest <= room
}

/// The grid columns `start..end` that cell `ci` of row `r` covers.
fn cell_columns(
    cols: &[f32],
    starts: &[Vec<usize>],
    spans: &[Vec<Span>],
    r: usize,
    ci: usize,
) -> (usize, usize) {
    let start = starts[r][ci].min(cols.len() - 1);
    let end = (start + spans[r][ci].cols as usize).min(cols.len());
    (start, end)
}

/// Column widths when the table fits as a grid at body size, else `None`.
fn grid_columns(f: &mut Flow<'_, '_>, t: &Table, ncols: usize, width: f32) -> Option<Vec<f32>> {
    let body = f.style.body_pt;
    let pad = pad(f);
    let mut min = vec![0.0f32; ncols];
    let mut max = vec![0.0f32; ncols];
    let (_, starts) = placement(t);
    for (row, row_starts) in t.rows.iter().zip(&starts) {
        for (cell, &col) in row.cells.iter().zip(row_starts) {
            let span = cell.colspan.clamp(1, 1000) as usize;
            if span == 1 && col < ncols {
                let face = if cell.header {
                    Face::Bold
                } else {
                    Face::Regular
                };
                let text = plain_text(&cell.inlines);
                let words = text
                    .split_whitespace()
                    .map(|w| f.shaper.width(face, body, w));
                min[col] = min[col].max(words.fold(0.0, f32::max));
                max[col] = max[col].max(f.shaper.width(face, body, &text));
            }
        }
    }
    let chrome = ncols as f32 * 2.0 * pad;
    let need: f32 = min.iter().sum::<f32>() + chrome;
    // Each column needs room for its longest word; a narrow column of one short word per
    // line is hard to read, so a column also gets at least 4 body-size ems.
    let floor = body * 4.0;
    let need = need.max(ncols as f32 * (floor + 2.0 * pad));
    if need > width {
        return None;
    }
    let want: f32 = max.iter().sum::<f32>() + chrome;
    if want <= width {
        return Some(max.iter().map(|m| m.max(floor) + 2.0 * pad).collect());
    }
    let min_f: Vec<f32> = min.iter().map(|m| m.max(floor)).collect();
    let spare = width - chrome - min_f.iter().sum::<f32>();
    let stretch: f32 = max.iter().zip(&min_f).map(|(a, b)| (a - b).max(0.0)).sum();
    Some(
        min_f
            .iter()
            .zip(&max)
            .map(|(lo, hi)| {
                let share = if stretch > 0.0 {
                    (hi - lo).max(0.0) / stretch
                } else {
                    1.0 / ncols as f32
                };
                lo + spare * share + 2.0 * pad
            })
            .collect(),
    )
}

fn grid(
    f: &mut Flow<'_, '_>,
    t: &Table,
    node: NodeId,
    cols: &[f32],
    header_rows: usize,
    indent: f32,
) {
    let (spans, starts) = placement(t);
    let body = f.style.body_pt;
    let pad = pad(f);
    let lh = f.style.line_height(body);
    let x_left = f.style.left() + indent;
    let col_x = |c: usize| x_left + cols[..c.min(cols.len())].iter().sum::<f32>();
    let first_unit = f.units.len();
    let mut repeat: Option<Arc<Repeat>> = None;
    for (r, row) in t.rows.iter().enumerate() {
        if r == header_rows && r > 0 {
            repeat = Some(Arc::new(repeated_header(&f.units[first_unit..])));
        }
        let tr = f.node(Role::TR, Some(node));
        let mut unit = Unit {
            space_before: if r == 0 { f.style.para_space() } else { 0.0 },
            keep_with_next: r < header_rows || (r == 0 && t.rows.len() > 1),
            repeat: repeat.clone(),
            ..Unit::default()
        };
        let mut height = lh + 2.0 * pad;
        let mut first_anchor = None;
        let mut boxes: Vec<(usize, usize)> = Vec::new();
        for (ci, cell) in row.cells.iter().enumerate() {
            f.leaf += 1;
            let leaf = f.leaf - 1;
            first_anchor.get_or_insert(f.anchor(leaf, 0));
            let (start, end) = cell_columns(cols, &starts, &spans, r, ci);
            let x = col_x(start);
            let w = col_x(end) - x;
            boxes.push((start, end));
            let role = cell_role(cell.header, r < header_rows, spans[r][ci]);
            let cell_node = f.node(role, Some(tr));
            let mut links = Vec::new();
            let segs = f.segs(&cell.inlines, cell.header, SegKind::Leaf, &mut links);
            let lines = break_lines(&mut f.shaper, &segs, body, (w - 2.0 * pad).max(1.0));
            let mut link_nodes = vec![None; links.len()];
            let n = lines.len();
            for (i, line) in lines.into_iter().enumerate() {
                let y = pad + i as f32 * lh;
                f.place_line(
                    &mut unit,
                    line,
                    x + pad,
                    y,
                    body,
                    cell_node,
                    &links,
                    &mut link_nodes,
                    Some(leaf),
                );
            }
            height = height.max(n as f32 * lh + 2.0 * pad);
        }
        unit.anchor = first_anchor.or_else(|| Some(f.anchor(f.leaf.saturating_sub(1), 0)));
        // Cell borders (decoration, an artifact): a box per cell; a column covered by a cell
        // spanning down from the row above gets only its side lines, so the cell reads as one.
        let mut covered = vec![true; cols.len()];
        for &(a, b) in &boxes {
            covered[a..b].iter_mut().for_each(|c| *c = false);
            let (x, w) = (col_x(a), col_x(b) - col_x(a));
            unit.items.push(Item {
                content: None,
                artifact: ArtifactKind::Layout,
                kind: ItemKind::Rule(Rect {
                    x,
                    y: 0.0,
                    w,
                    h: height,
                }),
            });
        }
        for (c, cov) in covered.iter().enumerate() {
            if *cov {
                for x in [col_x(c), col_x(c + 1)] {
                    unit.items.push(Item {
                        content: None,
                        artifact: ArtifactKind::Layout,
                        kind: ItemKind::Rule(Rect {
                            x,
                            y: 0.0,
                            w: 0.0,
                            h: height,
                        }),
                    });
                }
            }
        }
        unit.height = height;
        f.units.push(unit);
    }
}

/// The header rows' units as one block of artifacts to draw again at the top of a page.
fn repeated_header(units: &[Unit]) -> Repeat {
    let mut rep = Repeat::default();
    for u in units {
        let dy = rep.height;
        for item in &u.items {
            let kind = match &item.kind {
                ItemKind::Text(t) => ItemKind::Text(TextRun {
                    baseline: t.baseline + dy,
                    source: None,
                    ..t.clone()
                }),
                ItemKind::Rule(r) => ItemKind::Rule(Rect { y: r.y + dy, ..*r }),
                // Links and images work where the header is tagged, not in its copies.
                ItemKind::LinkArea(_) | ItemKind::Image(_) => continue,
            };
            rep.items.push(Item {
                content: None,
                artifact: ArtifactKind::RepeatedHeader,
                kind,
            });
        }
        rep.height += u.height;
    }
    rep
}

/// The label of every grid column: the texts of the header cells above it, joined by " / ".
/// Cells are placed by [`placement`], so a header cell spanning rows down (rowspan) does not
/// shift the labels of the row below it.
fn header_labels(
    t: &Table,
    starts: &[Vec<usize>],
    ncols: usize,
    header_rows: usize,
) -> Vec<String> {
    let mut labels = vec![String::new(); ncols];
    for (row, row_starts) in t.rows.iter().zip(starts).take(header_rows) {
        for (cell, &col) in row.cells.iter().zip(row_starts) {
            let span = cell.colspan.clamp(1, 1000) as usize;
            let text = plain_text(&cell.inlines);
            for l in labels.iter_mut().skip(col).take(span) {
                if !text.trim().is_empty() {
                    if !l.is_empty() {
                        l.push_str(" / ");
                    }
                    l.push_str(text.trim());
                }
            }
        }
    }
    labels
}

fn reflow(
    f: &mut Flow<'_, '_>,
    t: &Table,
    node: NodeId,
    ncols: usize,
    header_rows: usize,
    indent: f32,
    width: f32,
) {
    let body = f.style.body_pt;
    let (spans, starts) = placement(t);
    let labels = header_labels(t, &starts, ncols, header_rows);
    for (r, row) in t.rows.iter().enumerate() {
        let tr = f.node(Role::TR, Some(node));
        let is_header = r < header_rows;
        row_block(
            f, row, &spans[r], &starts[r], tr, is_header, &labels, indent, width, body,
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn row_block(
    f: &mut Flow<'_, '_>,
    row: &Row,
    spans: &[Span],
    starts: &[usize],
    tr: NodeId,
    is_header: bool,
    labels: &[String],
    indent: f32,
    width: f32,
    body: f32,
) {
    for (i, cell) in row.cells.iter().enumerate() {
        f.leaf += 1;
        let col = starts[i];
        let role = cell_role(cell.header, is_header, spans[i]);
        let mut links = Vec::new();
        let mut segs = Vec::new();
        let label = labels.get(col).filter(|l| !l.is_empty() && !is_header);
        if let Some(l) = label {
            // The column header repeated before each value: a label, so an artifact.
            segs.push(Seg::new(format!("{l}: "), true, SegKind::Label));
        }
        segs.extend(f.segs(
            &cell.inlines,
            cell.header || is_header,
            SegKind::Leaf,
            &mut links,
        ));
        let space = if i == 0 {
            f.style.para_space() * 1.5
        } else {
            body * 0.2
        };
        let before = f.units.len();
        let cell_node = f.para(
            &segs,
            &links,
            Para {
                role,
                parent: Some(tr),
                size: body,
                indent,
                width,
                space_before: space,
                heading: false,
                leaf: true,
                outline: None,
            },
        );
        if cell_node.is_none() {
            // An empty cell still needs its place in the table structure.
            f.node(cell_role(cell.header, is_header, spans[i]), Some(tr));
        }
        if i == 0 && f.units.len() > before {
            // A rule above each row block separates the rows (decoration).
            let x = f.style.left() + indent;
            f.units[before].items.push(Item {
                content: None,
                artifact: ArtifactKind::Layout,
                kind: ItemKind::Rule(Rect {
                    x,
                    y: -space / 2.0,
                    w: width,
                    h: 0.0,
                }),
            });
        }
        // Keep a row's cells together where a page allows, and the header rows with the
        // first row they label.
        if i + 1 < row.cells.len() || is_header {
            let grew = f.units.len() > before;
            if let Some(u) = f.units.last_mut().filter(|_| grew) {
                u.keep_with_next = true;
            }
        }
    }
}

fn cell_role(header: bool, in_header_row: bool, span: Span) -> Role {
    match (header, in_header_row) {
        (true, true) => Role::TH(true, span),
        (true, false) => Role::TH(false, span),
        _ => Role::TD(span),
    }
}

/// Spans of every cell for the structure tree: row spans clamped to the table, and the last
/// cell of a short row widened so every row covers the same number of columns (a page's
/// ragged table would otherwise be an invalid PDF/UA table).
pub fn tag_spans(t: &Table) -> Vec<Vec<Span>> {
    placement(t).0
}

/// Spans (as [`tag_spans`]) and the first grid column of every cell, accounting for cells
/// of rows above that span down into a row.
fn placement(t: &Table) -> (Vec<Vec<Span>>, Vec<Vec<usize>>) {
    let nrows = t.rows.len();
    // Columns still covered by row spans from rows above: remaining rows per column.
    let mut carry: Vec<u32> = Vec::new();
    let mut out: Vec<Vec<Span>> = Vec::with_capacity(nrows);
    let mut widths = Vec::with_capacity(nrows);
    let mut starts: Vec<Vec<usize>> = Vec::with_capacity(nrows);
    for (r, row) in t.rows.iter().enumerate() {
        let mut spans = Vec::with_capacity(row.cells.len());
        let mut row_starts = Vec::with_capacity(row.cells.len());
        let mut col = 0usize;
        let mut covered = 0usize;
        let mut next_carry = carry.clone();
        for c in next_carry.iter_mut() {
            *c = c.saturating_sub(1);
        }
        for cell in &row.cells {
            while col < carry.len() && carry[col] > 0 {
                col += 1;
                covered += 1;
            }
            let cols = cell.colspan.clamp(1, 1000);
            let rows = cell.rowspan.clamp(1, (nrows - r) as u32);
            for k in col..col + cols as usize {
                if next_carry.len() <= k {
                    next_carry.resize(k + 1, 0);
                }
                next_carry[k] = rows - 1;
            }
            spans.push(Span { rows, cols });
            row_starts.push(col);
            col += cols as usize;
            covered += cols as usize;
        }
        covered += carry.iter().skip(col).filter(|&&c| c > 0).count();
        widths.push(covered);
        out.push(spans);
        starts.push(row_starts);
        carry = next_carry;
    }
    let ncols = widths.iter().copied().max().unwrap_or(0);
    for (spans, w) in out.iter_mut().zip(widths) {
        if let Some(last) = spans.last_mut() {
            last.cols += (ncols - w) as u32;
        }
    }
    (out, starts)
}
