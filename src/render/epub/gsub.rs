//! The glyph closure of a font's GSUB table: every glyph a substitution can produce from a
//! set of glyphs, so that a subset font never shows an empty glyph when a reading app applies
//! the font's Vietnamese `locl` forms, ligatures or alternates.
//!
//! The closure is deliberately generous: it follows every single, multiple, alternate,
//! ligature and reverse-chaining lookup whatever feature, script or context selects it.
//! Keeping a few glyphs too many costs bytes; keeping one too few loses a diacritic.

use std::collections::BTreeSet;

use super::subset::{u16_at, u32_at, FontError};

/// Adds to `glyphs` every glyph the GSUB table at `gsub` can substitute for glyphs already in
/// the set, until nothing changes.
pub fn close_over(gsub: &[u8], glyphs: &mut BTreeSet<u16>) -> Result<(), FontError> {
    let lookup_list = usize::from(u16_at(gsub, 8)?);
    let count = usize::from(u16_at(gsub, lookup_list)?);
    let mut subtables = Vec::new();
    for i in 0..count {
        let lookup = lookup_list + usize::from(u16_at(gsub, lookup_list + 2 + 2 * i)?);
        let kind = u16_at(gsub, lookup)?;
        let n = usize::from(u16_at(gsub, lookup + 4)?);
        for j in 0..n {
            let mut at = lookup + usize::from(u16_at(gsub, lookup + 6 + 2 * j)?);
            let mut kind = kind;
            if kind == 7 {
                // Extension substitution (type 7) wraps a subtable of another type behind a
                // 32-bit offset.
                kind = u16_at(gsub, at + 2)?;
                at += u32_at(gsub, at + 4)? as usize;
            }
            subtables.push((kind, at));
        }
    }
    // Each round can only add glyphs, and there are at most 65,536 of them; in practice two
    // or three rounds reach the fixed point.
    loop {
        let before = glyphs.len();
        for &(kind, at) in &subtables {
            apply(gsub, kind, at, glyphs)?;
        }
        if glyphs.len() == before {
            return Ok(());
        }
    }
}

fn apply(t: &[u8], kind: u16, at: usize, glyphs: &mut BTreeSet<u16>) -> Result<(), FontError> {
    let format = u16_at(t, at)?;
    let mut added = Vec::new();
    match (kind, format) {
        (1, 1) => {
            let delta = u16_at(t, at + 4)?;
            for (g, _) in coverage(t, at + usize::from(u16_at(t, at + 2)?))? {
                if glyphs.contains(&g) {
                    added.push(g.wrapping_add(delta));
                }
            }
        }
        (1, 2) => {
            for (g, i) in coverage(t, at + usize::from(u16_at(t, at + 2)?))? {
                if glyphs.contains(&g) {
                    added.push(u16_at(t, at + 6 + 2 * i)?);
                }
            }
        }
        // Multiple (2) and alternate (3) substitution share one layout: a glyph array per
        // covered glyph.
        (2, 1) | (3, 1) => {
            for (g, i) in coverage(t, at + usize::from(u16_at(t, at + 2)?))? {
                if glyphs.contains(&g) {
                    let seq = at + usize::from(u16_at(t, at + 6 + 2 * i)?);
                    for k in 0..usize::from(u16_at(t, seq)?) {
                        added.push(u16_at(t, seq + 2 + 2 * k)?);
                    }
                }
            }
        }
        (4, 1) => {
            for (g, i) in coverage(t, at + usize::from(u16_at(t, at + 2)?))? {
                if !glyphs.contains(&g) {
                    continue;
                }
                let set = at + usize::from(u16_at(t, at + 6 + 2 * i)?);
                for k in 0..usize::from(u16_at(t, set)?) {
                    let lig = set + usize::from(u16_at(t, set + 2 + 2 * k)?);
                    let out = u16_at(t, lig)?;
                    let comps = usize::from(u16_at(t, lig + 2)?);
                    let mut all = true;
                    for c in 1..comps {
                        all &= glyphs.contains(&u16_at(t, lig + 2 + 2 * c)?);
                    }
                    if all {
                        added.push(out);
                    }
                }
            }
        }
        (8, 1) => {
            let back = usize::from(u16_at(t, at + 4)?);
            let ahead_at = at + 6 + 2 * back;
            let ahead = usize::from(u16_at(t, ahead_at)?);
            let subs = ahead_at + 2 + 2 * ahead + 2;
            for (g, i) in coverage(t, at + usize::from(u16_at(t, at + 2)?))? {
                if glyphs.contains(&g) {
                    added.push(u16_at(t, subs + 2 * i)?);
                }
            }
        }
        // Contextual lookups (5, 6) only call other lookups, which are followed on their own.
        _ => {}
    }
    glyphs.extend(added);
    Ok(())
}

/// The glyphs of a coverage table with their coverage indices.
fn coverage(t: &[u8], at: usize) -> Result<Vec<(u16, usize)>, FontError> {
    let mut out = Vec::new();
    match u16_at(t, at)? {
        1 => {
            for i in 0..usize::from(u16_at(t, at + 2)?) {
                out.push((u16_at(t, at + 4 + 2 * i)?, i));
            }
        }
        2 => {
            for r in 0..usize::from(u16_at(t, at + 2)?) {
                let rec = at + 4 + 6 * r;
                let (start, end) = (u16_at(t, rec)?, u16_at(t, rec + 2)?);
                let first = usize::from(u16_at(t, rec + 4)?);
                for (k, g) in (start..=end).enumerate() {
                    out.push((g, first + k));
                }
            }
        }
        f => return Err(FontError(format!("gsub coverage format {f} is unknown"))),
    }
    Ok(out)
}
