//! Layout: [`crate::model::Book`] + [`Style`] + [`Fonts`] -> [`Layout`], pages of positioned
//! items (shaped text runs, images, frames, link areas, page-number artifacts), each piece of
//! real content tied to a node of a structure tree, plus bookmarks. No PDF calls here: the PDF
//! writer draws the result, the EPUB writer reads where pages start.
//!
//! # Page starts
//! [`Layout::page_starts`] returns one [`PageStart`] per page:
//! - [`PageStart::EditionFront`] for the front matter of a combined edition (a book with an
//!   `edition_title`): its title page and its table of contents, which come before any
//!   article, with the [`FrontAnchor`] of the page's first line (the title page, the
//!   contents heading, or an entry of the contents and the char offset of its title where
//!   the line begins). A book of one article has no front matter.
//! - [`PageStart::Article`] with the [`Anchor`] of the page's first content in the reading
//!   order of [`crate::model::Article::leaves`]: the article index, the leaf index and the
//!   char offset into that leaf's `text` of the first character of the page's first line.
//!   Every article starts on a new page whose anchor is its title block (leaf 0, offset 0);
//!   a page starting with a figure image has offset 0 of the image leaf; a page starting with
//!   a reflowed table row points at the row's first cell.
//!
//! # Rules applied
//! Body 18 pt by default (16 pt minimum), headings bigger and bold, line spacing 1.5,
//! left aligned and ragged right, no hyphenation, emphasis bold, captions and page numbers
//! at body size, margins 25 mm (20 mm on A5), lines at most 150 mm; keep rules as described
//! in [`flow`] and [`paginate`].

pub mod flow;
pub mod fonts;
pub mod linebreak;
pub mod paginate;
pub mod shape;
pub mod style;
pub mod table;
pub mod types;

pub use fonts::{Face, FontError, FontFamily, Fonts};
pub use style::{PageSize, Style};
pub use types::*;

use crate::assets::Assets;
use crate::model::{Anchor, Article, Book};
use flow::{Flow, Para, Unit};
use linebreak::{Seg, SegKind};

/// Why a book cannot be laid out.
#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    /// The body size is below the large-print floor or absurdly large.
    #[error("body size {0} pt is outside 16..=72 pt (large print starts at 16 pt)")]
    BodySize(f32),
    /// The font cannot draw the text.
    #[error(transparent)]
    Font(#[from] FontError),
    /// The font could not be loaded by the shaper.
    #[error("font {0}: cannot be used for shaping")]
    Shaper(String),
}

/// Lays out a book.
pub fn layout(
    book: &Book,
    assets: &Assets,
    style: &Style,
    fonts: &Fonts,
) -> Result<Layout, LayoutError> {
    // The caller's margins and spacing, never below the large-print floors.
    Style::new(style.body_pt, style.page)?;
    let style = Style {
        margin_mm: style.margin_mm.max(20.0),
        max_line_mm: style.max_line_mm.clamp(60.0, 150.0),
        line_spacing: style.line_spacing.max(1.5),
        ..style.clone()
    };
    let mut flow = Flow::new(&style, fonts, assets)
        .ok_or_else(|| LayoutError::Shaper(fonts.family_name().to_string()))?;
    let edition = book.edition_title.is_some();
    flow.level_base = u16::from(edition);
    let mut article_first_unit = Vec::new();
    for (i, article) in book.articles.iter().enumerate() {
        article_first_unit.push(flow.units.len());
        lay_article(&mut flow, article, i, edition);
        if let Some(u) = flow.units.get_mut(article_first_unit[i]) {
            u.break_before = true;
        }
    }
    let article_roots = std::mem::take(&mut flow.roots);
    let (mut units, front_pages) = if let Some(title) = &book.edition_title {
        front_matter(&mut flow, book, title, &article_first_unit)
    } else {
        (Vec::new(), 0)
    };
    flow.roots.extend(article_roots);
    units.append(&mut flow.units);
    let paginate::Pages {
        placed,
        count: page_count,
        repeats,
    } = paginate::paginate(&units, &style);
    let (pw, ph) = style.page.points();
    let mut pages: Vec<Page> = vec![Page::default(); page_count];
    let mut outline = Vec::new();
    let mut starts: Vec<Option<(PageStart, bool)>> = vec![None; page_count];
    for (u, at) in units.into_iter().zip(&placed) {
        let page = &mut pages[at.page];
        for (level, title) in u.outline {
            outline.push(OutlineEntry {
                level,
                title,
                page: at.page,
                y: at.y,
            });
        }
        // A page begins where its first real content does: a rule or other decoration that
        // pagination carried over from the previous block does not move the page's start
        // back to that block (the EPUB marker must sit before the text that opens the page).
        let decoration_only = u.items.iter().all(|i| i.content.is_none());
        let start = match (u.anchor, u.front) {
            (Some(a), _) => PageStart::Article(a),
            (None, f) => PageStart::EditionFront(f.unwrap_or(FrontAnchor::TitlePage)),
        };
        match &mut starts[at.page] {
            slot @ None => *slot = Some((start, decoration_only)),
            Some((first, true)) if !decoration_only => *first = start,
            _ => {}
        }
        if let Some((_, flag)) = &mut starts[at.page] {
            *flag &= decoration_only;
        }
        let at_top = at.y <= style.top() + 0.01;
        for mut item in u.items {
            // A separator drawn in the space above a unit has nothing to separate at the
            // top of a page (where that space is dropped): it would stand in the margin.
            if at_top
                && item.content.is_none()
                && matches!(item.kind, ItemKind::Rule(r) if r.y < 0.0)
            {
                continue;
            }
            shift(&mut item.kind, at.y);
            page.items.push(item);
        }
    }
    for (page, y, rep) in repeats {
        for item in &rep.items {
            let mut item = item.clone();
            shift(&mut item.kind, y);
            pages[page].items.push(item);
        }
    }
    for (i, page) in pages.iter_mut().enumerate() {
        page.items
            .push(paginate::page_number(&mut flow.shaper, &style, i));
    }
    let starts = starts
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            s.map(|(start, _)| start).unwrap_or(if i < front_pages {
                PageStart::EditionFront(FrontAnchor::TitlePage)
            } else {
                last_anchor(&book.articles)
            })
        })
        .collect();
    // Never draw tofu: every drawn character must have a glyph.
    let mut drawn = String::new();
    for page in &pages {
        for item in &page.items {
            if let ItemKind::Text(run) = &item.kind {
                drawn.push_str(&run.text);
            }
        }
    }
    fonts.check_covers(&drawn)?;
    Ok(Layout {
        page_width: pw,
        page_height: ph,
        pages,
        nodes: flow.nodes,
        roots: flow.roots,
        outline,
        starts,
        warnings: flow.warnings,
        content_count: flow.next_content,
    })
}

fn last_anchor(articles: &[Article]) -> PageStart {
    PageStart::Article(Anchor {
        article: articles.len().saturating_sub(1),
        leaf: 0,
        offset: 0,
    })
}

fn shift(kind: &mut ItemKind, dy: f32) {
    match kind {
        ItemKind::Text(t) => t.baseline += dy,
        ItemKind::Image(i) => i.rect.y += dy,
        ItemKind::Rule(r) => r.y += dy,
        ItemKind::LinkArea(l) => l.rect.y += dy,
    }
}

/// Title block (title, date in words, author, source), lead, body.
fn lay_article(flow: &mut Flow<'_, '_>, article: &Article, index: usize, edition: bool) {
    let level: u16 = if edition { 2 } else { 1 };
    flow.start_article(index, level);
    let body = flow.style.body_pt;
    let width = flow.style.text_width();
    let parent = if edition {
        Some(flow.node(Role::Sect, None))
    } else {
        None
    };
    let meta = &article.meta;
    flow.leaf = 1; // leaf 0: the title block
    let title = meta.shown_title();
    let segs = [Seg::new(title, true, SegKind::Generated)];
    flow.para(
        &segs,
        &[],
        Para {
            role: Role::Heading(level, title.to_string()),
            parent,
            size: flow.style.heading_pt(1),
            indent: 0.0,
            width,
            space_before: 0.0,
            heading: true,
            leaf: false,
            outline: Some(usize::from(level - 1)),
        },
    );
    let date = meta
        .date
        .as_deref()
        .and_then(crate::text::date_words_vi)
        .or_else(|| meta.date_original.clone());
    let plain = |text: String| vec![Seg::new(text, false, SegKind::Generated)];
    let source = meta.source_label().map(|s| {
        let mut segs = plain("Nguồn: ".to_string());
        let mut address = Seg::new(s, false, SegKind::Generated);
        // A web address is a working link (Matterhorn 28: a printed URL carries a Link).
        if s.starts_with("http://") || s.starts_with("https://") {
            address.link = Some(0);
        }
        segs.push(address);
        segs
    });
    let facts = [
        date.map(plain),
        meta.author
            .as_ref()
            .filter(|a| !a.trim().is_empty())
            .map(|a| plain(format!("Tác giả: {a}"))),
        source,
    ];
    let source_links: Vec<String> = meta
        .source_label()
        .filter(|s| s.starts_with("http://") || s.starts_with("https://"))
        .map(str::to_string)
        .into_iter()
        .collect();
    let n_facts = facts.iter().flatten().count();
    for (k, fact) in facts.into_iter().flatten().enumerate() {
        let links = if fact.iter().any(|s| s.link.is_some()) {
            source_links.as_slice()
        } else {
            &[]
        };
        flow.para(
            &fact,
            links,
            Para {
                role: Role::P,
                parent,
                size: body,
                indent: 0.0,
                width,
                space_before: if k == 0 { body * 0.5 } else { 0.0 },
                heading: k + 1 < n_facts,
                leaf: false,
                outline: None,
            },
        );
    }
    flow.rule(body * 0.5, width);
    if let Some(lead) = &meta.lead {
        flow.leaf = 2;
        let segs = [Seg::new(lead.clone(), true, SegKind::Leaf)];
        flow.para(
            &segs,
            &[],
            Para {
                role: Role::P,
                parent,
                size: body,
                indent: 0.0,
                width,
                space_before: body * 0.5,
                heading: false,
                leaf: true,
                outline: None,
            },
        );
    }
    flow.blocks(&article.blocks, parent);
}

/// The edition's title page and table of contents; returns their units and page count.
fn front_matter(
    flow: &mut Flow<'_, '_>,
    book: &Book,
    title: &str,
    article_first_unit: &[usize],
) -> (Vec<Unit>, usize) {
    let style = flow.style;
    // Page index (relative to the first article page) where each article starts.
    let placed = paginate::paginate(&flow.units, style).placed;
    let rel_start: Vec<usize> = article_first_unit
        .iter()
        .map(|&u| placed.get(u).map_or(0, |p| p.page))
        .collect();
    let article_units = std::mem::take(&mut flow.units);
    let saved = (flow.nodes.len(), flow.roots.len(), flow.next_content);
    let mut front_pages = 2;
    let mut result = Vec::new();
    for _ in 0..4 {
        flow.nodes.truncate(saved.0);
        flow.roots.truncate(saved.1);
        flow.next_content = saved.2;
        flow.units.clear();
        build_front(flow, book, title, &rel_start, front_pages);
        let pages = paginate::paginate(&flow.units, style).count;
        result = std::mem::take(&mut flow.units);
        if pages == front_pages {
            break;
        }
        front_pages = pages;
    }
    flow.units = article_units;
    (result, front_pages)
}

fn build_front(
    flow: &mut Flow<'_, '_>,
    book: &Book,
    title: &str,
    rel_start: &[usize],
    front_pages: usize,
) {
    let style = flow.style;
    let body = style.body_pt;
    let width = style.text_width();
    let segs = [Seg::new(title, true, SegKind::Generated)];
    flow.para(
        &segs,
        &[],
        Para {
            role: Role::Heading(1, title.to_string()),
            parent: None,
            size: style.heading_pt(0),
            indent: 0.0,
            width,
            space_before: 0.0,
            heading: true,
            leaf: false,
            outline: Some(0),
        },
    );
    let count = format!("{} bài", book.articles.len());
    flow.para(
        &[Seg::new(count, false, SegKind::Generated)],
        &[],
        Para {
            role: Role::P,
            parent: None,
            size: body,
            indent: 0.0,
            width,
            space_before: body,
            heading: false,
            leaf: false,
            outline: None,
        },
    );
    for u in &mut flow.units {
        u.front = Some(FrontAnchor::TitlePage);
    }
    let first_toc = flow.units.len();
    let toc_title = "Mục lục";
    flow.para(
        &[Seg::new(toc_title, true, SegKind::Generated)],
        &[],
        Para {
            role: Role::Heading(2, toc_title.to_string()),
            parent: None,
            size: style.heading_pt(2),
            indent: 0.0,
            width,
            space_before: 0.0,
            heading: true,
            leaf: false,
            outline: Some(1),
        },
    );
    for u in &mut flow.units[first_toc..] {
        u.front = Some(FrontAnchor::Contents);
    }
    if let Some(u) = flow.units.get_mut(first_toc) {
        u.break_before = true;
    }
    let toc = flow.node(Role::TOC, None);
    let num_w = flow.shaper.width(Face::Bold, body, "0000");
    for (a, article) in book.articles.iter().enumerate() {
        let page = front_pages + rel_start.get(a).copied().unwrap_or(0);
        let t = article.meta.shown_title();
        let mut seg = Seg::new(format!("{t} "), false, SegKind::Generated);
        seg.link = Some(0);
        let before = flow.units.len();
        let item = flow.para(
            &[seg],
            &[format!("{t}, trang {}", page + 1)],
            Para {
                role: Role::TOCI,
                parent: Some(toc),
                size: body,
                indent: 0.0,
                width: width - num_w - body,
                space_before: body * 0.5,
                heading: false,
                leaf: false,
                outline: None,
            },
        );
        // Each line of the entry begins at a char offset of the title it shows.
        let mut offset = 0;
        for u in &mut flow.units[before..] {
            u.front = Some(FrontAnchor::Entry { entry: a, offset });
            offset += u
                .items
                .iter()
                .filter_map(|i| match &i.kind {
                    ItemKind::Text(run) => Some(run.text.chars().count()),
                    _ => None,
                })
                .sum::<usize>();
        }
        let (Some(item), Some(last)) = (item, flow.units.len().checked_sub(1)) else {
            continue;
        };
        let link_node = flow.nodes[item].children.iter().find_map(|c| match c {
            StructChild::Node(n) => Some(*n),
            StructChild::Content(_) => None,
        });
        let owner = link_node.unwrap_or(item);
        // The page number, right-aligned on the entry's last line.
        let number = (page + 1).to_string();
        let segs = [Seg::new(number, true, SegKind::Generated)];
        let line = linebreak::break_lines(&mut flow.shaper, &segs, body, f32::MAX)
            .into_iter()
            .next();
        if let Some(line) = line {
            let x = style.left() + width - line.width;
            let mut unit = std::mem::take(&mut flow.units[last]);
            let mut none: Vec<Option<NodeId>> = Vec::new();
            flow.place_line(&mut unit, line, x, 0.0, body, owner, &[], &mut none, None);
            flow.units[last] = unit;
        }
        for u in &mut flow.units[before..] {
            for it in &mut u.items {
                if let ItemKind::LinkArea(l) = &mut it.kind {
                    l.target = LinkTarget::Page(page, style.top());
                    l.rect.w = width - (l.rect.x - style.left());
                }
            }
        }
    }
    for u in &mut flow.units {
        u.anchor = None;
    }
}
