//! Drawing the pages: text runs as shaped glyphs (the layout's own shaping, so what was
//! measured is what is drawn), images, frames and link annotations, each tagged content piece
//! remembered by its content id for the structure tree.

use std::collections::HashMap;
use std::sync::Arc;

use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect as KRect, Size, Transform};
use krilla::graphic::Graphic;
use krilla::image::Image;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, SpanTag};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::Document;
use rustybuzz::ttf_parser;

use crate::layout::fonts::FaceBytes;
use crate::layout::{
    ArtifactKind, Face, Fonts, ImageData, ItemKind, Layout, LinkTarget, Rect, TextRun,
};
use crate::render::pdf::PdfError;

/// Draws every page; returns the krilla identifier of each content id.
pub(super) fn draw_pages(
    doc: &mut Document,
    layout: &Layout,
    fonts: &Fonts,
) -> Result<Vec<Option<Identifier>>, PdfError> {
    let kfonts = krilla_fonts(fonts)?;
    let mut ids: Vec<Option<Identifier>> = vec![None; layout.content_count];
    let size = Size::from_wh(layout.page_width, layout.page_height)
        .ok_or_else(|| PdfError::Font("page size".to_string()))?;
    let mut labels = LabelCache::new();
    for page in &layout.pages {
        let mut p = doc.start_page_with(PageSettings::new(size));
        let mut links = Vec::new();
        {
            let mut s = p.surface();
            for item in &page.items {
                let tag = match (item.content, item.artifact) {
                    (Some(_), _) => match &item.kind {
                        ItemKind::Text(_) => Some(ContentTag::Span(SpanTag::empty())),
                        ItemKind::Image(_) => Some(ContentTag::Other),
                        _ => None,
                    },
                    (None, ArtifactKind::PageNumber) => Some(ContentTag::Artifact(
                        Artifact::with_kind(ArtifactType::PageNumber),
                    )),
                    (None, ArtifactKind::RepeatedHeader) => Some(ContentTag::Artifact(
                        Artifact::with_kind(ArtifactType::PaginationOther),
                    )),
                    (None, _) => Some(ContentTag::Artifact(Artifact::with_kind(
                        ArtifactType::Layout,
                    ))),
                };
                if let ItemKind::LinkArea(l) = &item.kind {
                    links.push((item.content, l.clone()));
                    continue;
                }
                let Some(tag) = tag else { continue };
                let id = s.start_tagged(tag);
                match &item.kind {
                    ItemKind::Text(run)
                        if item.content.is_none()
                            && matches!(
                                item.artifact,
                                ArtifactKind::Layout | ArtifactKind::RepeatedHeader
                            ) =>
                    {
                        draw_outlines(&mut s, run, fonts, &mut labels)
                    }
                    ItemKind::Text(run) => draw_text(&mut s, run, &kfonts, fonts.synthetic_bold()),
                    ItemKind::Image(img) => draw_image(&mut s, &img.data, img.rect, &kfonts[0]),
                    ItemKind::Rule(r) => draw_rule(&mut s, *r),
                    ItemKind::LinkArea(_) => {}
                }
                s.end_tagged();
                if let Some(c) = item.content {
                    if let Some(slot) = ids.get_mut(c) {
                        *slot = Some(id);
                    }
                }
            }
            s.finish();
        }
        for (content, l) in links {
            let Some(rect) =
                KRect::from_xywh(l.rect.x, l.rect.y, l.rect.w.max(1.0), l.rect.h.max(1.0))
            else {
                continue;
            };
            let target = match &l.target {
                LinkTarget::Uri(u) => Target::Action(LinkAction::new(u.clone()).into()),
                LinkTarget::Page(i, y) => {
                    Target::Destination(XyzDestination::new(*i, Point::from_xy(0.0, *y)).into())
                }
            };
            let annot =
                Annotation::new_link(LinkAnnotation::new(rect, target), Some(l.contents.clone()));
            let id = p.add_tagged_annotation(annot);
            if let Some(slot) = content.and_then(|c| ids.get_mut(c)) {
                *slot = Some(id);
            }
        }
        p.finish();
    }
    Ok(ids)
}

fn krilla_fonts(fonts: &Fonts) -> Result<Vec<Font>, PdfError> {
    [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic]
        .into_iter()
        .map(|face| {
            let data: krilla::Data = match fonts.face_bytes(face) {
                FaceBytes::Static(b) => b.into(),
                FaceBytes::Shared(b) => Arc::clone(&b).into(),
            };
            Font::new(data, 0).ok_or_else(|| PdfError::Font(fonts.family_name().to_string()))
        })
        .collect()
}

fn draw_text(
    s: &mut krilla::surface::Surface<'_>,
    run: &TextRun,
    fonts: &[Font],
    synth_bold: bool,
) {
    let font = &fonts[run.face.index()];
    let upem = font.units_per_em();
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .map(|g| {
            KrillaGlyph::new(
                GlyphId::new(u32::from(g.id)),
                g.advance as f32 / upem,
                g.x_offset as f32 / upem,
                g.y_offset as f32 / upem,
                0.0,
                g.start as usize..g.end as usize,
                None,
            )
        })
        .collect();
    if glyphs.is_empty() {
        return;
    }
    s.set_fill(Some(Fill::default()));
    s.set_stroke(bold_stroke(run, synth_bold));
    s.draw_glyphs(
        Point::from_xy(run.x, run.baseline),
        &glyphs,
        font.clone(),
        &run.text,
        run.size,
        false,
    );
    s.set_stroke(None);
}

/// The stroke that makes a bold run bold with a single-face user font (`synth_bold`): its
/// outlines stroked as well as filled. `None` otherwise.
fn bold_stroke(run: &TextRun, synth_bold: bool) -> Option<Stroke> {
    let bold = matches!(run.face, Face::Bold | Face::BoldItalic);
    (synth_bold && bold).then(|| Stroke {
        width: run.size * 0.04,
        ..Stroke::default()
    })
}

/// Drawn labels, one graphic per face, size and text: a label that recurs (a column label on
/// every row, a header on every page) is written into the file once.
type LabelCache = HashMap<(usize, u32, String), Option<Graphic>>;

/// Draws a run as filled glyph outlines instead of text. Used for decorations that repeat
/// what the document already says (a reflowed table's column labels, a table header drawn
/// again on a later page): besides being artifacts that assistive technology skips, they stay
/// out of text extraction, copying and search, where they would cut into the real text or
/// repeat it.
fn draw_outlines(
    s: &mut krilla::surface::Surface<'_>,
    run: &TextRun,
    fonts: &Fonts,
    cache: &mut LabelCache,
) {
    let key = (run.face.index(), run.size.to_bits(), run.text.clone());
    let graphic = cache
        .entry(key)
        .or_insert_with(|| outline_graphic(s, run, fonts))
        .clone();
    if let Some(graphic) = graphic {
        s.push_transform(&Transform::from_translate(run.x, run.baseline));
        s.draw_graphic(graphic);
        s.pop();
    }
}

/// The run's glyph outlines as a graphic with its pen at the origin on the baseline.
fn outline_graphic(
    s: &mut krilla::surface::Surface<'_>,
    run: &TextRun,
    fonts: &Fonts,
) -> Option<Graphic> {
    let face = ttf_parser::Face::parse(fonts.face_data(run.face), 0).ok()?;
    let scale = run.size / f32::from(face.units_per_em());
    let mut pen = Outline {
        path: PathBuilder::new(),
        x: 0.0,
        y: 0.0,
        scale,
    };
    let mut advance = 0.0;
    for g in &run.glyphs {
        pen.x = (advance + g.x_offset as f32) * scale;
        pen.y = -(g.y_offset as f32) * scale;
        face.outline_glyph(ttf_parser::GlyphId(g.id), &mut pen);
        advance += g.advance as f32;
    }
    let path = pen.path.finish()?;
    let mut builder = s.stream_builder();
    let mut sub = builder.surface();
    sub.set_fill(Some(Fill::default()));
    sub.set_stroke(bold_stroke(run, fonts.synthetic_bold()));
    sub.draw_path(&path);
    sub.finish();
    Some(Graphic::new(builder.finish(), false))
}

/// Glyph outlines (font units, y up) into a page path at a pen position and scale.
struct Outline {
    path: PathBuilder,
    x: f32,
    y: f32,
    scale: f32,
}

impl Outline {
    /// A point in the graphic, rounded to 1/100 pt (finer than any printer, short in the file).
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        let round = |v: f32| (v * 100.0).round() / 100.0;
        (
            round(self.x + x * self.scale),
            round(self.y - y * self.scale),
        )
    }
}

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x1, y1) = self.at(x1, y1);
        let (x, y) = self.at(x, y);
        self.path.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (x1, y1) = self.at(x1, y1);
        let (x2, y2) = self.at(x2, y2);
        let (x, y) = self.at(x, y);
        self.path.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.path.close();
    }
}

fn draw_image(s: &mut krilla::surface::Surface<'_>, data: &ImageData, r: Rect, _font: &Font) {
    let image = match data {
        ImageData::Jpeg(bytes) => Image::from_jpeg(Arc::clone(bytes).into(), true)
            .ok()
            .or_else(|| {
                // krilla cannot embed this JPEG unchanged (an unusual colour model): decode it.
                let img =
                    image::load_from_memory_with_format(bytes, image::ImageFormat::Jpeg).ok()?;
                let rgba = img.to_rgba8();
                let (w, h) = rgba.dimensions();
                Some(Image::from_rgba8(rgba.into_raw(), w, h))
            }),
        ImageData::Rgba {
            width,
            height,
            pixels,
        } => Some(Image::from_rgba8(pixels.as_ref().clone(), *width, *height)),
    };
    let Some(size) = Size::from_wh(r.w.max(0.1), r.h.max(0.1)) else {
        return;
    };
    match image {
        Some(img) => {
            s.push_transform(&Transform::from_translate(r.x, r.y));
            s.draw_image(img, size);
            s.pop();
        }
        None => draw_rule(s, r),
    }
}

fn draw_rule(s: &mut krilla::surface::Surface<'_>, r: Rect) {
    let mut pb = PathBuilder::new();
    if r.h <= 0.0 || r.w <= 0.0 {
        // A line: horizontal rule or vertical cell side.
        pb.move_to(r.x, r.y);
        pb.line_to(r.x + r.w.max(0.0), r.y + r.h.max(0.0));
    } else if let Some(rect) = KRect::from_xywh(r.x, r.y, r.w, r.h) {
        pb.push_rect(rect);
    }
    let Some(path) = pb.finish() else { return };
    s.set_fill(None);
    s.set_stroke(Some(Stroke {
        width: 1.5,
        ..Stroke::default()
    }));
    s.draw_path(&path);
    s.set_stroke(None);
    s.set_fill(Some(Fill::default()));
}
