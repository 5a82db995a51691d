//! A TrueType subsetter for the font embedded in the EPUB: keeps the outlines of the glyphs
//! the book uses and empties the others, with a fresh `cmap` for exactly the book's
//! characters.
//!
//! Glyph ids are kept (empty glyphs stay in place), so `hmtx`, `GDEF`, `GSUB` and `GPOS` stay
//! valid unchanged and reading apps still shape Vietnamese marks with the font's own
//! positioning. The `subsetter` crate that krilla uses is not suitable here: it removes the
//! `cmap` table (its output is meant for PDF CID fonts only), and a web font without a `cmap`
//! is rejected by browsers and reading apps. Graphite tables (`Silf`, `Glat`, `Gloc`, `Feat`,
//! `Sill`, `Silt`) are dropped so that Graphite-capable renderers fall back to the OpenType
//! tables, and `DSIG` is dropped because any subset invalidates the signature.

use std::collections::BTreeSet;

use rustybuzz::ttf_parser;

/// Why a font could not be subset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontError(pub String);

/// Tables copied unchanged into the subset (besides the rebuilt ones).
const KEPT: [&[u8; 4]; 13] = [
    b"OS/2", b"GDEF", b"GPOS", b"GSUB", b"cvt ", b"fpgm", b"gasp", b"hhea", b"hmtx", b"kern",
    b"maxp", b"name", b"prep",
];

pub(crate) fn u16_at(d: &[u8], at: usize) -> Result<u16, FontError> {
    d.get(at..at + 2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .ok_or_else(|| FontError(format!("font data ends early (offset {at})")))
}

pub(crate) fn u32_at(d: &[u8], at: usize) -> Result<u32, FontError> {
    d.get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or_else(|| FontError(format!("font data ends early (offset {at})")))
}

/// The tables of an sfnt font, by tag, in directory order.
type Tables<'a> = Vec<([u8; 4], &'a [u8])>;

fn tables(data: &[u8]) -> Result<Tables<'_>, FontError> {
    match u32_at(data, 0)? {
        0x0001_0000 | 0x7472_7565 => {}
        0x4F54_544F => return Err(FontError("cff-flavoured fonts are not supported".into())),
        _ => return Err(FontError("not a truetype font".into())),
    }
    let n = usize::from(u16_at(data, 4)?);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = data
            .get(rec..rec + 4)
            .and_then(|t| t.try_into().ok())
            .ok_or_else(|| FontError("truncated table directory".into()))?;
        let off = u32_at(data, rec + 8)? as usize;
        let len = u32_at(data, rec + 12)? as usize;
        let body = data.get(off..off.saturating_add(len)).ok_or_else(|| {
            FontError(format!(
                "table {} lies outside the file",
                String::from_utf8_lossy(&tag)
            ))
        })?;
        out.push((tag, body));
    }
    Ok(out)
}

fn table<'a>(all: &[([u8; 4], &'a [u8])], tag: &[u8; 4]) -> Option<&'a [u8]> {
    all.iter().find(|(t, _)| t == tag).map(|(_, b)| *b)
}

/// Subsets the TrueType font `data` to the characters in `chars` (characters the font lacks
/// are skipped: the reading app falls back to another font for them).
pub fn subset_ttf(data: &[u8], chars: &BTreeSet<char>) -> Result<Vec<u8>, FontError> {
    let all = tables(data)?;
    let need = |tag: &[u8; 4]| {
        table(&all, tag).ok_or_else(|| {
            FontError(format!(
                "font has no {} table",
                String::from_utf8_lossy(tag)
            ))
        })
    };
    let (head, maxp, glyf, loca, post) = (
        need(b"head")?,
        need(b"maxp")?,
        need(b"glyf")?,
        need(b"loca")?,
        need(b"post")?,
    );
    let num_glyphs = u16_at(maxp, 4)?;
    let long_loca = u16_at(head, 50)? == 1;
    let offsets = (0..=usize::from(num_glyphs))
        .map(|g| {
            Ok(if long_loca {
                u32_at(loca, 4 * g)? as usize
            } else {
                2 * usize::from(u16_at(loca, 2 * g)?)
            })
        })
        .collect::<Result<Vec<usize>, FontError>>()?;

    let face = ttf_parser::Face::parse(data, 0)
        .map_err(|e| FontError(format!("font cannot be parsed ({e})")))?;
    let mut mapping: Vec<(u32, u16)> = Vec::new();
    let mut glyphs: BTreeSet<u16> = BTreeSet::from([0]);
    for &c in chars {
        if let Some(g) = face.glyph_index(c) {
            mapping.push((c as u32, g.0));
            glyphs.insert(g.0);
        }
    }
    let mut gsub = table(&all, b"GSUB");
    if let Some(t) = gsub {
        // A GSUB we cannot read is dropped rather than kept: without it the font still shows
        // every mapped character, with it a substitution could land on an emptied glyph.
        if super::gsub::close_over(t, &mut glyphs).is_err() {
            gsub = None;
        }
    }
    glyphs.retain(|&g| g < num_glyphs);
    close_composites(glyf, &offsets, &mut glyphs)?;

    // glyf + long loca: kept glyphs copied, the others empty.
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(4 * (usize::from(num_glyphs) + 1));
    for g in 0..usize::from(num_glyphs) {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        if glyphs.contains(&(g as u16)) {
            let body = glyf.get(offsets[g]..offsets[g + 1]).unwrap_or(&[]);
            new_glyf.extend_from_slice(body);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());

    let mut new_head = head.to_vec();
    if new_head.len() < 54 {
        return Err(FontError("head table too short".into()));
    }
    new_head[8..12].copy_from_slice(&[0; 4]);
    new_head[50..52].copy_from_slice(&1u16.to_be_bytes());

    // post format 3: no glyph names (they would name glyphs that are now empty).
    let mut new_post = post
        .get(..32)
        .ok_or_else(|| FontError("post table too short".into()))?
        .to_vec();
    new_post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());

    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = vec![
        (*b"cmap", build_cmap(&mapping)?),
        (*b"glyf", new_glyf),
        (*b"head", new_head),
        (*b"loca", new_loca),
        (*b"post", new_post),
    ];
    for tag in KEPT {
        if tag == b"GSUB" {
            if let Some(t) = gsub {
                out_tables.push((*tag, t.to_vec()));
            }
        } else if let Some(t) = table(&all, tag) {
            out_tables.push((*tag, t.to_vec()));
        }
    }
    out_tables.sort_by_key(|t| t.0);
    Ok(assemble(out_tables))
}

/// Adds the components of composite glyphs (accented letters are often a base plus a mark).
fn close_composites(
    glyf: &[u8],
    offsets: &[usize],
    glyphs: &mut BTreeSet<u16>,
) -> Result<(), FontError> {
    let mut todo: Vec<u16> = glyphs.iter().copied().collect();
    while let Some(g) = todo.pop() {
        let (start, end) = (offsets[usize::from(g)], offsets[usize::from(g) + 1]);
        if end <= start {
            continue;
        }
        if (u16_at(glyf, start)? as i16) >= 0 {
            continue;
        }
        let mut at = start + 10;
        loop {
            let flags = u16_at(glyf, at)?;
            let comp = u16_at(glyf, at + 2)?;
            if usize::from(comp) + 1 < offsets.len() && glyphs.insert(comp) {
                todo.push(comp);
            }
            at += 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
            at += if flags & 0x0008 != 0 {
                2
            } else if flags & 0x0040 != 0 {
                4
            } else if flags & 0x0080 != 0 {
                8
            } else {
                0
            };
            if flags & 0x0020 == 0 {
                break;
            }
        }
    }
    Ok(())
}

/// A `cmap` with a format 4 subtable for the Basic Multilingual Plane (all of Vietnamese) and,
/// when needed, a format 12 subtable for the characters beyond it.
fn build_cmap(mapping: &[(u32, u16)]) -> Result<Vec<u8>, FontError> {
    // Runs of consecutive characters mapped to consecutive glyphs become one segment.
    let mut bmp: Vec<(u32, u32, u16)> = Vec::new();
    let mut astral: Vec<(u32, u32, u16)> = Vec::new();
    for &(c, g) in mapping {
        let list = if c <= 0xFFFF { &mut bmp } else { &mut astral };
        match list.last_mut() {
            Some((start, end, g0))
                if *end + 1 == c && u32::from(*g0) + (c - *start) == u32::from(g) =>
            {
                *end = c
            }
            _ => list.push((c, c, g)),
        }
    }
    bmp.retain(|&(s, _, _)| s < 0xFFFF);

    let seg_count = bmp.len() + 1;
    let mut f4 = Vec::new();
    let search_range = 2 * (1u32 << (usize::BITS - 1 - seg_count.leading_zeros()));
    let length = 16 + 8 * seg_count;
    if length > 0xFFFF {
        return Err(FontError("too many characters for a format 4 cmap".into()));
    }
    for v in [
        4u16,
        length as u16,
        0,
        (2 * seg_count) as u16,
        search_range as u16,
        (search_range / 2).trailing_zeros() as u16,
        (2 * seg_count as u32 - search_range) as u16,
    ] {
        f4.extend_from_slice(&v.to_be_bytes());
    }
    for &(_, end, _) in &bmp {
        f4.extend_from_slice(&(end as u16).to_be_bytes());
    }
    f4.extend_from_slice(&0xFFFFu16.to_be_bytes());
    f4.extend_from_slice(&0u16.to_be_bytes()); // reservedPad
    for &(start, _, _) in &bmp {
        f4.extend_from_slice(&(start as u16).to_be_bytes());
    }
    f4.extend_from_slice(&0xFFFFu16.to_be_bytes());
    for &(start, _, g) in &bmp {
        f4.extend_from_slice(&g.wrapping_sub(start as u16).to_be_bytes());
    }
    f4.extend_from_slice(&1u16.to_be_bytes());
    f4.extend(std::iter::repeat_n(0u8, 2 * seg_count)); // idRangeOffset: all zero

    let mut f12 = Vec::new();
    if !astral.is_empty() {
        for v in [12u16, 0] {
            f12.extend_from_slice(&v.to_be_bytes());
        }
        for v in [16 + 12 * astral.len() as u32, 0, astral.len() as u32] {
            f12.extend_from_slice(&v.to_be_bytes());
        }
        for &(start, end, g) in &astral {
            for v in [start, end, u32::from(g)] {
                f12.extend_from_slice(&v.to_be_bytes());
            }
        }
    }
    let mut records: Vec<(u16, u16, bool)> = vec![(0, 3, false), (3, 1, false)];
    if !f12.is_empty() {
        records = vec![(0, 3, false), (0, 4, true), (3, 1, false), (3, 10, true)];
    }
    let header = 4 + 8 * records.len() as u32;
    let mut out = Vec::new();
    out.extend_from_slice(&0u16.to_be_bytes());
    out.extend_from_slice(&(records.len() as u16).to_be_bytes());
    for (platform, encoding, long) in records {
        out.extend_from_slice(&platform.to_be_bytes());
        out.extend_from_slice(&encoding.to_be_bytes());
        let off = if long {
            header + f4.len() as u32
        } else {
            header
        };
        out.extend_from_slice(&off.to_be_bytes());
    }
    out.extend_from_slice(&f4);
    out.extend_from_slice(&f12);
    Ok(out)
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// Writes an sfnt file from tables sorted by tag, with checksums and the `head` adjustment.
fn assemble(tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    let n = tables.len();
    let pow = 1usize << (usize::BITS - 1 - n.leading_zeros());
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    for v in [
        n,
        pow * 16,
        pow.trailing_zeros() as usize,
        n * 16 - pow * 16,
    ] {
        out.extend_from_slice(&(v as u16).to_be_bytes());
    }
    let mut offset = 12 + 16 * n;
    let mut head_at = None;
    for (tag, body) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(body).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(body.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += body.len().div_ceil(4) * 4;
    }
    for (_, body) in &tables {
        out.extend_from_slice(body);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(at) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}
