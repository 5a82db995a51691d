//! Line breaking: styled segments -> lines no wider than the measure.
//!
//! Breaks only at Unicode line-break opportunities (UAX #14), never hyphenates (UKAAF, RNIB);
//! a token wider than the line (a long URL) is cut between characters, never inside a
//! base+mark cluster. Spaces stay at the end of the line they end, so text extraction and
//! assistive technology see word breaks.

use unicode_linebreak::{linebreaks, BreakOpportunity};

use crate::layout::fonts::Face;
use crate::layout::shape::Shaper;
use crate::layout::types::Glyph;

/// What a segment of text is, for tagging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegKind {
    /// Text of the current article leaf: counts toward anchor offsets.
    Leaf,
    /// Generated real content (title block text, TOC entries): tagged, not a leaf.
    Generated,
    /// A repeated label: an artifact.
    Label,
}

/// A styled piece of input text.
#[derive(Debug, Clone, PartialEq)]
pub struct Seg {
    /// The text.
    pub text: String,
    /// Drawn bold.
    pub bold: bool,
    /// Index of the link this text belongs to.
    pub link: Option<usize>,
    /// Tagging kind.
    pub kind: SegKind,
    /// A line must end after this segment (a `br`).
    pub break_after: bool,
}

impl Seg {
    /// A plain segment.
    pub fn new(text: impl Into<String>, bold: bool, kind: SegKind) -> Seg {
        Seg {
            text: text.into(),
            bold,
            link: None,
            kind,
            break_after: false,
        }
    }
}

/// A run of one style on a line, x relative to the line start.
#[derive(Debug, Clone, PartialEq)]
pub struct LineRun {
    /// Offset from the line start, in points.
    pub x: f32,
    /// Text.
    pub text: String,
    /// Glyphs (clusters relative to `text`).
    pub glyphs: Vec<Glyph>,
    /// Face.
    pub face: Face,
    /// Width including trailing spaces.
    pub width: f32,
    /// Width without trailing spaces.
    pub ink_width: f32,
    /// Link index.
    pub link: Option<usize>,
    /// Tagging kind.
    pub kind: SegKind,
    /// For [`SegKind::Leaf`] runs: char offset of the first char in the leaf text.
    pub leaf_offset: usize,
}

/// One line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// Its runs, left to right.
    pub runs: Vec<LineRun>,
    /// Width of the ink (without trailing spaces).
    pub width: f32,
}

impl Line {
    /// Leaf char offset of the line's first leaf run, if any.
    pub fn leaf_offset(&self) -> Option<usize> {
        self.runs
            .iter()
            .find(|r| r.kind == SegKind::Leaf)
            .map(|r| r.leaf_offset)
    }
}

struct Sub {
    seg: usize,
    range: std::ops::Range<usize>,
}

struct Piece {
    subs: Vec<Sub>,
    width: f32,
    ink: f32,
    forced_after: bool,
}

/// Breaks `segs` into lines of at most `max` points at `size`.
pub fn break_lines(shaper: &mut Shaper<'_>, segs: &[Seg], size: f32, max: f32) -> Vec<Line> {
    let mut full = String::new();
    let mut seg_start = Vec::with_capacity(segs.len());
    let mut leaf_chars = Vec::with_capacity(segs.len());
    let mut chars_so_far = 0usize;
    let mut forced = Vec::new();
    for s in segs {
        seg_start.push(full.len());
        leaf_chars.push(chars_so_far);
        full.push_str(&s.text);
        if s.kind == SegKind::Leaf {
            chars_so_far += s.text.chars().count();
        }
        if s.break_after {
            forced.push(full.len());
        }
    }
    if full.is_empty() {
        return Vec::new();
    }
    let face_of = |i: usize| {
        if segs[i].bold {
            Face::Bold
        } else {
            Face::Regular
        }
    };
    // Break positions (byte offsets, ascending), with whether they are forced.
    let mut cuts: Vec<(usize, bool)> = linebreaks(&full)
        .filter(|&(p, o)| o == BreakOpportunity::Mandatory || !inside_hyphenated_word(&full, p))
        .map(|(p, o)| (p, o == BreakOpportunity::Mandatory && p < full.len()))
        .collect();
    for f in forced {
        cuts.push((f, true));
    }
    cuts.sort_unstable();
    cuts.dedup_by(|b, a| {
        if a.0 == b.0 {
            a.1 |= b.1;
            true
        } else {
            false
        }
    });
    let mut pieces = Vec::new();
    let mut from = 0usize;
    for (at, hard) in cuts {
        if at <= from {
            continue;
        }
        let piece = make_piece(shaper, segs, &seg_start, &face_of, from, at, size, hard);
        if piece.ink > max {
            split_oversize(
                shaper,
                segs,
                &seg_start,
                &face_of,
                piece,
                size,
                &full,
                &mut pieces,
            );
        } else {
            pieces.push(piece);
        }
        from = at;
    }
    // Greedy filling: left aligned, ragged right (RNIB, UKAAF: never justified).
    let mut lines: Vec<Vec<Piece>> = vec![Vec::new()];
    let mut width = 0.0f32;
    for p in pieces {
        let cur = lines.last_mut().expect("one line");
        // The trailing space counts too: it is a real glyph at the line end, and text
        // extraction tools measure lines with it.
        if !cur.is_empty() && width + p.width > max + 0.01 {
            lines.push(Vec::new());
            width = 0.0;
        }
        let forced_after = p.forced_after;
        width += p.width;
        lines.last_mut().expect("one line").push(p);
        if forced_after {
            lines.push(Vec::new());
            width = 0.0;
        }
    }
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
        .into_iter()
        .map(|ps| assemble(shaper, segs, &leaf_chars, &face_of, ps, size, &full))
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn make_piece(
    shaper: &mut Shaper<'_>,
    segs: &[Seg],
    seg_start: &[usize],
    face_of: &dyn Fn(usize) -> Face,
    from: usize,
    to: usize,
    size: f32,
    forced_after: bool,
) -> Piece {
    let full_text = |seg: usize| &segs[seg].text;
    let mut subs = Vec::new();
    for (i, &st) in seg_start.iter().enumerate() {
        let en = st + full_text(i).len();
        let a = from.max(st);
        let b = to.min(en);
        if a < b {
            subs.push(Sub {
                seg: i,
                range: a - st..b - st,
            });
        }
    }
    let mut width = 0.0;
    let mut ink = 0.0;
    let n = subs.len();
    for (k, s) in subs.iter().enumerate() {
        let t = &segs[s.seg].text[s.range.clone()];
        let face = face_of(s.seg);
        let shaped = shaper.shape(face, t);
        let upem = shaper.upem(face);
        let w = shaped.advance as f32 * size / upem;
        if k + 1 == n {
            ink = width + shaped.ink_advance as f32 * size / upem;
        }
        width += w;
    }
    Piece {
        subs,
        width,
        ink,
        forced_after,
    }
}

/// Cuts a token wider than the line into clusters that the greedy filler may break between.
#[allow(clippy::too_many_arguments)]
fn split_oversize(
    shaper: &mut Shaper<'_>,
    segs: &[Seg],
    seg_start: &[usize],
    face_of: &dyn Fn(usize) -> Face,
    piece: Piece,
    size: f32,
    full: &str,
    out: &mut Vec<Piece>,
) {
    let (Some(first), Some(last)) = (piece.subs.first(), piece.subs.last()) else {
        return;
    };
    let from = seg_start[first.seg] + first.range.start;
    let to = seg_start[last.seg] + last.range.end;
    let mut bounds: Vec<usize> = full[from..to]
        .char_indices()
        .filter(|(i, c)| *i == 0 || !is_mark(*c))
        // Never end a line with the hyphen of a cut token: it would read as hyphenation.
        .filter(|(i, _)| {
            *i == 0 || !matches!(full[..from + i].chars().next_back(), Some('-' | '\u{2010}'))
        })
        .map(|(i, _)| from + i)
        .collect();
    bounds.push(to);
    let n = bounds.len();
    for w in bounds.windows(2).enumerate() {
        let (k, pair) = w;
        let forced = k + 2 == n && piece.forced_after;
        out.push(make_piece(
            shaper, segs, seg_start, face_of, pair[0], pair[1], size, forced,
        ));
    }
}

/// A break right after the hyphen of "kinh-tế" would leave a line ending in a hyphen, which
/// reads as hyphenation (forbidden in large print, UKAAF) and is dropped by text extraction:
/// such words break only where they must (as an over-long token).
fn inside_hyphenated_word(full: &str, at: usize) -> bool {
    let mut before = full[..at].chars().rev();
    let (Some(h), Some(prev)) = (before.next(), before.next()) else {
        return false;
    };
    let next = full[at..].chars().next();
    matches!(h, '-' | '\u{2010}')
        && prev.is_alphanumeric()
        && next.is_some_and(char::is_alphanumeric)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
        | 0xFE20..=0xFE2F | 0x200C | 0x200D)
}

#[allow(clippy::too_many_arguments)]
fn assemble(
    shaper: &mut Shaper<'_>,
    segs: &[Seg],
    leaf_chars: &[usize],
    face_of: &dyn Fn(usize) -> Face,
    pieces: Vec<Piece>,
    size: f32,
    _full: &str,
) -> Line {
    let mut runs: Vec<LineRun> = Vec::new();
    let mut x = 0.0f32;
    let mut last_seg: Option<usize> = None;
    for p in pieces {
        for s in p.subs {
            let t = &segs[s.seg].text[s.range.clone()];
            let face = face_of(s.seg);
            let shaped = shaper.shape(face, t);
            let upem = shaper.upem(face);
            let w = shaped.advance as f32 * size / upem;
            let ink = shaped.ink_advance as f32 * size / upem;
            let seg = &segs[s.seg];
            let same = last_seg.is_some_and(|l| {
                let a = &segs[l];
                a.bold == seg.bold && a.link == seg.link && a.kind == seg.kind
            });
            if let (true, Some(run)) = (same, runs.last_mut()) {
                let base = run.text.len() as u32;
                run.glyphs.extend(shaped.glyphs.iter().map(|g| Glyph {
                    start: g.start + base,
                    end: g.end + base,
                    ..*g
                }));
                run.text.push_str(t);
                run.ink_width = run.width + ink;
                run.width += w;
            } else {
                let leaf_offset =
                    leaf_chars[s.seg] + segs[s.seg].text[..s.range.start].chars().count();
                runs.push(LineRun {
                    x,
                    text: t.to_string(),
                    glyphs: shaped.glyphs.clone(),
                    face,
                    width: w,
                    ink_width: ink,
                    link: seg.link,
                    kind: seg.kind,
                    leaf_offset,
                });
            }
            x += w;
            last_seg = Some(s.seg);
        }
    }
    let width = runs.last().map_or(0.0, |r| r.x + r.ink_width);
    Line { runs, width }
}
