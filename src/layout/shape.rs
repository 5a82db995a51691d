//! Shaping with rustybuzz (kerning, Vietnamese mark positioning) and a width cache keyed by
//! face and text: Vietnamese syllables repeat a lot, so most words are shaped once per book.

use std::collections::HashMap;
use std::rc::Rc;

use crate::layout::fonts::{Face, Fonts};
use crate::layout::types::Glyph;

/// A shaped piece of text, in font units.
#[derive(Debug)]
pub struct Shaped {
    /// Glyphs with clusters relative to the piece.
    pub glyphs: Vec<Glyph>,
    /// Total advance.
    pub advance: i32,
    /// Advance without trailing whitespace.
    pub ink_advance: i32,
}

/// Shapes text with the book's fonts, caching results for the duration of one layout.
pub struct Shaper<'f> {
    faces: Vec<rustybuzz::Face<'f>>,
    upem: [f32; 4],
    cache: HashMap<(Face, String), Rc<Shaped>>,
}

impl<'f> Shaper<'f> {
    /// Parses the faces of `fonts` (already validated by [`Fonts`]).
    pub fn new(fonts: &'f Fonts) -> Option<Shaper<'f>> {
        let mut faces = Vec::with_capacity(4);
        let mut upem = [1000.0; 4];
        for face in [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic] {
            let f = rustybuzz::Face::from_slice(fonts.face_data(face), 0)?;
            upem[face.index()] = f.units_per_em() as f32;
            faces.push(f);
        }
        Some(Shaper {
            faces,
            upem,
            cache: HashMap::new(),
        })
    }

    /// Units per em of a face.
    pub fn upem(&self, face: Face) -> f32 {
        self.upem[face.index()]
    }

    /// Width in points of `text` at `size`.
    pub fn width(&mut self, face: Face, size: f32, text: &str) -> f32 {
        let s = self.shape(face, text);
        s.advance as f32 * size / self.upem(face)
    }

    /// Shapes `text` (cached).
    pub fn shape(&mut self, face: Face, text: &str) -> Rc<Shaped> {
        if let Some(s) = self.cache.get(&(face, text.to_string())) {
            return s.clone();
        }
        let shaped = Rc::new(self.shape_uncached(face, text));
        self.cache.insert((face, text.to_string()), shaped.clone());
        shaped
    }

    fn shape_uncached(&self, face: Face, text: &str) -> Shaped {
        // Controls (a stray newline or tab) are drawn as spaces: same char count, so anchor
        // offsets stay valid, and no .notdef glyph reaches the PDF (PDF/UA-1 7.21.8).
        let clean: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(&clean);
        buf.set_direction(rustybuzz::Direction::LeftToRight);
        buf.guess_segment_properties();
        let out = rustybuzz::shape(&self.faces[face.index()], &[], buf);
        let infos = out.glyph_infos();
        let pos = out.glyph_positions();
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut advance = 0i32;
        for (i, (info, p)) in infos.iter().zip(pos).enumerate() {
            let start = info.cluster;
            let end = infos[i + 1..]
                .iter()
                .map(|n| n.cluster)
                .find(|&c| c != start)
                .unwrap_or(text.len() as u32);
            if info.glyph_id == 0 {
                // Only default-ignorable characters can get here (coverage was checked):
                // they have no ink and no width.
                continue;
            }
            advance += p.x_advance;
            glyphs.push(Glyph {
                id: info.glyph_id as u16,
                advance: p.x_advance,
                x_offset: p.x_offset,
                y_offset: p.y_offset,
                start,
                end: end.max(start),
            });
        }
        let trailing: String = text
            .chars()
            .rev()
            .take_while(|c| c.is_whitespace())
            .collect();
        let ink_advance = if trailing.is_empty() {
            advance
        } else {
            let cut = text.len() - trailing.len();
            let tail: i32 = glyphs
                .iter()
                .filter(|g| g.start as usize >= cut)
                .map(|g| g.advance)
                .sum();
            advance - tail
        };
        Shaped {
            glyphs,
            advance,
            ink_advance,
        }
    }
}
