//! Figures: an image and its caption, from `figure`/`figcaption`, `table.image`/`td.caption`,
//! VnExpress `tplCaption`, VCCorp `[type=Photo]` boxes and the like. Theme images (icons,
//! spacers, logos, SharePoint `/_layouts/` and `/Style Library/` files) are not figures.

use super::{Builder, Flags, Item};
use crate::extract::dom::NodeId;
use crate::extract::inlines::finish_inlines;
use crate::model::{Block, Figure};
use crate::text::normalize;

impl Builder<'_> {
    pub(super) fn is_figure_container(&self, c: NodeId) -> bool {
        let d = self.dom;
        if d.tag(c) == "figure" {
            return true;
        }
        if d.attr(c, "type")
            .is_some_and(|t| t.eq_ignore_ascii_case("photo"))
        {
            return true;
        }
        let ci = d.class_and_id(c);
        let figure_class = [
            "tplcaption",
            "image",
            "picture",
            "photo",
            "figure",
            "hinh-anh",
            "hinhanh",
        ]
        .iter()
        .any(|k| ci.contains(k));
        figure_class
            && (c + 1..d.end(c)).any(|x| d.tag(x) == "img")
            && d.text(c).chars().count() <= 500
    }

    /// A container holding an image (or a few) and its caption.
    pub(super) fn figure_container(&mut self, c: NodeId, out: &mut Vec<Item>) {
        let d = self.dom;
        let imgs: Vec<NodeId> = (c + 1..d.end(c))
            .filter(|&x| d.tag(x) == "img" && !self.skip(x))
            .collect();
        let mut figs: Vec<Figure> = imgs
            .iter()
            .filter_map(|&i| self.figure_from_img(i))
            .collect();
        let Some(last) = figs.last_mut() else {
            return;
        };
        let cap_node = (c + 1..d.end(c)).find(|&x| {
            let ci = d.class_and_id(x);
            d.tag(x) == "figcaption"
                || ci.contains("caption")
                || ci.contains("chuthich")
                || d.has_class(x, "image") && d.tag(x) == "p"
        });
        let caption = match cap_node {
            Some(n) => self.inlines(n, 0),
            None => self.inlines(c, 0),
        };
        last.caption = finish_inlines(caption);
        for f in figs {
            out.push(Item {
                block: Block::Figure(f),
                flags: Flags::default(),
            });
        }
    }

    /// A figure for a content image; `None` for icons, spacers and theme images.
    pub(super) fn figure_from_img(&self, img: NodeId) -> Option<Figure> {
        let d = self.dom;
        let src = ["src", "data-src", "data-original"]
            .iter()
            .filter_map(|a| d.attr(img, a))
            .map(str::trim)
            .find(|s| !s.is_empty() && !s.starts_with("data:image/gif"))?;
        let lower = src.to_ascii_lowercase();
        let theme = [
            "/_layouts/",
            "/style%20library/",
            "/style library/",
            "spacer",
            "blank.gif",
            "/icons/",
            "icon-",
            "/logo",
        ]
        .iter()
        .any(|k| lower.contains(k));
        let tiny = ["width", "height"].iter().any(|a| {
            d.attr(img, a)
                .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
                .is_some_and(|v| v <= 32)
        });
        if theme || tiny {
            return None;
        }
        Some(Figure {
            src: self.urls.image(src),
            alt: d.attr(img, "alt").map(normalize),
            caption: Vec::new(),
        })
    }
}
