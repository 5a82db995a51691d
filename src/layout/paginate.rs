//! Pagination: places units on pages, honouring keep chains (headings with what follows,
//! no widows or orphans, image with caption), and adds page numbers in the same place on
//! every page, bold and at body size (RNIB).

use std::sync::Arc;

use crate::layout::flow::{Repeat, Unit};
use crate::layout::fonts::Face;
use crate::layout::linebreak::{break_lines, Seg, SegKind};
use crate::layout::shape::Shaper;
use crate::layout::style::Style;
use crate::layout::types::*;

/// A unit placed on a page.
pub struct Placed {
    /// Page index.
    pub page: usize,
    /// Top of the unit on the page.
    pub y: f32,
}

/// Where pagination put things.
#[derive(Default)]
pub struct Pages {
    /// One placement per unit, in unit order.
    pub placed: Vec<Placed>,
    /// Number of pages.
    pub count: usize,
    /// Table header rows to draw again: (page, top y, the header).
    pub repeats: Vec<(usize, f32, Arc<Repeat>)>,
}

/// Assigns each unit a page and a y; a table row that begins a page gets its table's header
/// rows drawn above it again.
pub fn paginate(units: &[Unit], style: &Style) -> Pages {
    let top = style.top();
    let bottom = top + style.text_height();
    let mut placed = Vec::with_capacity(units.len());
    let mut repeats = Vec::new();
    let mut page = 0usize;
    let mut y = top;
    let mut page_empty = true;
    let mut i = 0;
    while i < units.len() {
        // The keep chain starting here: units joined by keep_with_next.
        let mut j = i;
        while j + 1 < units.len() && units[j].keep_with_next && !units[j + 1].break_before {
            j += 1;
        }
        if units[i].break_before && !page_empty {
            page += 1;
            y = top;
            page_empty = true;
        }
        let chain_h = chain_height(&units[i..=j], page_empty);
        let fits_here = y + chain_h <= bottom + 0.01;
        let fits_page =
            chain_height(&units[i..=j], true) + repeat_height(&units[i]) <= bottom - top + 0.01;
        if !fits_here && fits_page && !page_empty {
            page += 1;
            y = top;
            page_empty = true;
        }
        // A chain taller than a page is broken wherever the page ends.
        for u in &units[i..=j] {
            let (p, uy) = place(u, &mut page, &mut y, &mut page_empty, top, bottom);
            if let (Some(rep), true) = (&u.repeat, uy <= top + 0.01) {
                // The row opens a page: its table's header goes first, the row below it.
                repeats.push((p, uy, rep.clone()));
                y += rep.height;
                placed.push(Placed {
                    page: p,
                    y: uy + rep.height,
                });
            } else {
                placed.push(Placed { page: p, y: uy });
            }
        }
        i = j + 1;
    }
    Pages {
        placed,
        count: if units.is_empty() { 1 } else { page + 1 },
        repeats,
    }
}

fn repeat_height(u: &Unit) -> f32 {
    u.repeat.as_ref().map_or(0.0, |r| r.height)
}

fn chain_height(units: &[Unit], at_top: bool) -> f32 {
    units
        .iter()
        .enumerate()
        .map(|(k, u)| {
            u.height
                + if k == 0 && at_top {
                    0.0
                } else {
                    u.space_before
                }
        })
        .sum()
}

fn place(
    u: &Unit,
    page: &mut usize,
    y: &mut f32,
    empty: &mut bool,
    top: f32,
    bottom: f32,
) -> (usize, f32) {
    let space = if *empty { 0.0 } else { u.space_before };
    if !*empty && *y + space + u.height > bottom + 0.01 {
        *page += 1;
        *y = top;
        *empty = true;
    }
    let space = if *empty { 0.0 } else { u.space_before };
    let uy = *y + space;
    *y = uy + u.height;
    *empty = false;
    (*page, uy)
}

/// The page number item for page index `i` (artifact, bold, body size, centred at the
/// bottom, same place on every page).
pub fn page_number(shaper: &mut Shaper<'_>, style: &Style, i: usize) -> Item {
    let size = style.body_pt;
    let text = (i + 1).to_string();
    let segs = [Seg::new(text.clone(), true, SegKind::Label)];
    let run = break_lines(shaper, &segs, size, f32::MAX)
        .into_iter()
        .next()
        .and_then(|l| l.runs.into_iter().next());
    let (pw, _) = style.page.points();
    let (width, glyphs) = run.map_or((0.0, Vec::new()), |r| (r.ink_width, r.glyphs));
    Item {
        content: None,
        artifact: ArtifactKind::PageNumber,
        kind: ItemKind::Text(TextRun {
            x: (pw - width) / 2.0,
            baseline: style.page_number_baseline(),
            width,
            ink_width: width,
            size,
            face: Face::Bold,
            text,
            glyphs,
            source: None,
        }),
    }
}
