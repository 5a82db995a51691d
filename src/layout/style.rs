//! The large-print style: sizes, page, margins and spacing, with the rules they follow
//! (UKAAF, RNIB, APH, ACB 2025, US 36 CFR 1193 advisory; see docs/standards in the README).

use crate::layout::LayoutError;

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

/// A paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PageSize {
    /// ISO A4, 210 x 297 mm (the default).
    #[default]
    A4,
    /// US Letter, 8.5 x 11 in.
    Letter,
    /// ISO A5, 148 x 210 mm.
    A5,
}

impl PageSize {
    /// Width and height in points.
    pub fn points(self) -> (f32, f32) {
        match self {
            PageSize::A4 => (210.0 * PT_PER_MM, 297.0 * PT_PER_MM),
            PageSize::Letter => (612.0, 792.0),
            PageSize::A5 => (148.0 * PT_PER_MM, 210.0 * PT_PER_MM),
        }
    }
}

/// Sizes and spacing of the large-print edition.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    /// Body text size in points (18 by default; 16 is the floor of large print, UKAAF).
    pub body_pt: f32,
    /// The paper.
    pub page: PageSize,
    /// Margin on each side in mm (at least 20, UKAAF/RNIB).
    pub margin_mm: f32,
    /// Longest line in mm (about 6 in / 150 mm, 36 CFR 1193 advisory).
    pub max_line_mm: f32,
    /// Line spacing as a multiple of the size (at least 1.5: Vietnamese stacked marks).
    pub line_spacing: f32,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            body_pt: 18.0,
            page: PageSize::A4,
            margin_mm: 25.0,
            max_line_mm: 150.0,
            line_spacing: 1.5,
        }
    }
}

impl Style {
    /// The smallest body size accepted: 16 pt (UKAAF minimum for large print).
    pub const MIN_BODY_PT: f32 = 16.0;
    /// The largest body size accepted (beyond it a word no longer fits an A5 line).
    pub const MAX_BODY_PT: f32 = 72.0;

    /// A style with this body size and paper; fails below 16 pt.
    pub fn new(body_pt: f32, page: PageSize) -> Result<Style, LayoutError> {
        if !(Self::MIN_BODY_PT..=Self::MAX_BODY_PT).contains(&body_pt) {
            return Err(LayoutError::BodySize(body_pt));
        }
        // A5 is narrow: the 20 mm minimum margin leaves a usable line at large sizes.
        let margin_mm = if page == PageSize::A5 { 20.0 } else { 25.0 };
        Ok(Style {
            body_pt,
            page,
            margin_mm,
            ..Style::default()
        })
    }

    /// Left edge of the text area.
    pub fn left(&self) -> f32 {
        self.margin_mm * PT_PER_MM
    }

    /// Top edge of the text area.
    pub fn top(&self) -> f32 {
        self.margin_mm * PT_PER_MM
    }

    /// Width of the text area: the page less margins, capped at the longest line.
    pub fn text_width(&self) -> f32 {
        let (w, _) = self.page.points();
        (w - 2.0 * self.left()).min(self.max_line_mm * PT_PER_MM)
    }

    /// Height of the text area: the bottom margin holds the page number, at body size,
    /// inside a 15 mm edge and clear of the text above it.
    pub fn text_height(&self) -> f32 {
        let (_, h) = self.page.points();
        h - self.top() - self.bottom_reserve()
    }

    /// Space below the text area: the margin, or more when the page number needs it.
    pub fn bottom_reserve(&self) -> f32 {
        self.top().max(15.0 * PT_PER_MM + 1.6 * self.body_pt)
    }

    /// Baseline of the page number: same place on every page (RNIB), its descenders 15 mm
    /// above the paper edge.
    pub fn page_number_baseline(&self) -> f32 {
        let (_, h) = self.page.points();
        h - 15.0 * PT_PER_MM - 0.5 * self.body_pt
    }

    /// Heading size: about 22/18 of the body for the title, 20/18 for level 2, body size
    /// (bold) below that (ACB 2025).
    pub fn heading_pt(&self, level: u16) -> f32 {
        match level {
            0 => self.body_pt * 26.0 / 18.0,
            1 => self.body_pt * 22.0 / 18.0,
            2 => self.body_pt * 20.0 / 18.0,
            _ => self.body_pt,
        }
    }

    /// Distance between baselines for text of `size`.
    pub fn line_height(&self, size: f32) -> f32 {
        size * self.line_spacing.max(1.5)
    }

    /// Space between paragraphs.
    pub fn para_space(&self) -> f32 {
        self.body_pt * 0.75
    }
}
