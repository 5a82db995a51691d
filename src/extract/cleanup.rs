//! The clean-up pass over the body's blocks, shared by every profile: related-news sections
//! dropped, the title and lead taken out of the body, captions attached to their figures, the
//! author line taken out, heading levels made consecutive, and a warning for every image that
//! has neither alt text nor a caption (a reader of the large-print edition could not know what
//! it shows; EPUB Accessibility 1.1 asks for a text alternative).

use super::blocks::Item;
use super::inlines::{all_emphasis, all_strong, link_ratio};
use crate::model::{plain_text, Block, Inline};

/// Headings or lines that open a related-news section.
const RELATED_MARKERS: &[&str] = &[
    "tin liên quan",
    "các tin khác",
    "tin khác",
    "tin cùng chuyên mục",
    "xem thêm",
    "bài liên quan",
    "tin đã đưa",
    "đọc thêm",
    "các tin đã đưa",
    "tin bài liên quan",
    "có thể bạn quan tâm",
];

/// Longest caption line taken from a separate paragraph.
const MAX_CAPTION_CHARS: usize = 300;
/// Longest author line.
const MAX_AUTHOR_CHARS: usize = 80;

/// What the clean-up pass found.
#[derive(Debug, Default)]
pub struct Cleaned {
    /// The body.
    pub blocks: Vec<Block>,
    /// The lead, when the profile had none and the body opened with one.
    pub lead: Option<String>,
    /// The author, from the profile or from the last right-aligned line.
    pub author: Option<String>,
    /// Warnings for the article.
    pub warnings: Vec<String>,
}

fn text_of(item: &Item) -> String {
    match &item.block {
        Block::Paragraph { inlines } | Block::Heading { inlines, .. } => plain_text(inlines),
        _ => String::new(),
    }
}

fn inlines_of(item: &Item) -> Option<&[Inline]> {
    match &item.block {
        Block::Paragraph { inlines } => Some(inlines),
        _ => None,
    }
}

fn is_related_marker(text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches([':', '.', '»', '>'])
        .trim()
        .to_lowercase();
    RELATED_MARKERS.contains(&t.as_str())
}

/// "Tin, ảnh: Hương Dịu" gives "Hương Dịu": the credit words before the colon are dropped.
pub fn strip_author_prefix(s: &str) -> String {
    if let Some(i) = s.find(':') {
        let head = s[..i].to_lowercase();
        let credit = head
            .split(|c: char| c == ',' || c == '-' || c == '&' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .all(|w| {
                matches!(
                    w,
                    "tin"
                        | "bài"
                        | "ảnh"
                        | "và"
                        | "tác"
                        | "giả"
                        | "thực"
                        | "hiện"
                        | "video"
                        | "clip"
                )
            });
        if credit && !head.trim().is_empty() {
            return s[i + 1..].trim().to_string();
        }
    }
    s.trim().to_string()
}

/// Runs the clean-up pass. `title`, `lead` and `author` are what the profile found outside
/// the body.
pub fn clean(items: Vec<Item>, title: &str, lead: Option<&str>, author: Option<&str>) -> Cleaned {
    let mut out = Cleaned::default();
    // 1. Related-news sections, also inside the body, and stray web-part captions.
    let mut kept: Vec<Item> = Vec::with_capacity(items.len());
    let mut in_related = false;
    for item in items {
        let text = text_of(&item);
        let ratio = inlines_of(&item).map_or(0.0, link_ratio);
        if is_related_marker(&text) {
            in_related = true;
            continue;
        }
        if in_related {
            if matches!(item.block, Block::Paragraph { .. }) && ratio >= 0.5 {
                continue;
            }
            in_related = false;
        }
        let lower = text.to_lowercase();
        let arrow = lower.starts_with(">>")
            || lower.starts_with('»')
            || lower.starts_with("xem thêm")
            || lower.starts_with("tin liên quan");
        if arrow && ratio >= 0.5 {
            continue;
        }
        if text.contains("PublishingPortal - ") {
            continue;
        }
        kept.push(item);
    }
    // 2. The title and a dateline repeated at the top of the body.
    let title_n = crate::text::normalize(title);
    if let Some(pos) = kept.iter().take(3).position(|i| {
        let t = text_of(i);
        let dated_rest = t.strip_prefix(title_n.as_str()).is_some_and(|rest| {
            rest.chars().count() <= 60 && crate::text::iso_date(rest).is_some()
        });
        !title_n.is_empty() && (t == title_n || dated_rest)
    }) {
        kept.remove(pos);
    }
    if let Some(pos) = kept.iter().take(4).position(|i| {
        let t = text_of(i);
        matches!(i.block, Block::Paragraph { .. })
            && t.chars().count() <= 60
            && crate::text::iso_date(&t).is_some()
    }) {
        kept.remove(pos);
    }
    // 3. The lead: drop its copy from the body, or take it from a bold opening paragraph.
    match lead {
        Some(l) => {
            if let Some(pos) = kept.iter().take(4).position(|i| {
                let t = text_of(i);
                !t.is_empty() && (t == l || (l.starts_with(&t) && t.chars().count() > 40))
            }) {
                kept.remove(pos);
            }
        }
        None => {
            if let Some(first) = kept.first() {
                let t = text_of(first);
                let bold = inlines_of(first).is_some_and(all_strong);
                let long_heading =
                    matches!(first.block, Block::Heading { .. }) && t.chars().count() > 100;
                if (bold && t.chars().count() >= 60) || long_heading {
                    out.lead = Some(t);
                    kept.remove(0);
                }
            }
        }
    }
    // 4. The author: the last paragraph, short and right-aligned (bold or not).
    out.author = author.map(strip_author_prefix).filter(|a| !a.is_empty());
    if let Some(last) = kept.last() {
        let t = text_of(last);
        let n = t.chars().count();
        let is_para = inlines_of(last).is_some();
        let styled = inlines_of(last).is_some_and(|v| all_strong(v) || all_emphasis(v));
        let author_like =
            is_para && n > 0 && n <= MAX_AUTHOR_CHARS && last.flags.right && (styled || n <= 50);
        match &out.author {
            Some(a) if is_para && n <= MAX_AUTHOR_CHARS && t.contains(a.as_str()) => {
                kept.pop();
            }
            None if author_like => {
                out.author = Some(strip_author_prefix(&t));
                kept.pop();
            }
            _ => {}
        }
    }
    // 5. Captions given as a separate line right after the image.
    let mut blocks: Vec<Block> = Vec::with_capacity(kept.len());
    let mut i = 0;
    while i < kept.len() {
        let item = &kept[i];
        if let Block::Figure(f) = &item.block {
            let mut f = f.clone();
            if f.caption.is_empty() {
                if let Some(next) = kept.get(i + 1) {
                    if let Some(inl) = inlines_of(next) {
                        let n = plain_text(inl).chars().count();
                        let fl = next.flags;
                        let captionish =
                            fl.after_image || fl.centered || fl.caption_class || all_emphasis(inl);
                        if captionish
                            && !fl.right
                            && n <= MAX_CAPTION_CHARS
                            && link_ratio(inl) < 0.5
                        {
                            f.caption = unwrap_emphasis(inl.to_vec());
                            i += 1;
                        }
                    }
                }
            } else if all_emphasis(&f.caption) {
                f.caption = unwrap_emphasis(f.caption);
            }
            let described =
                f.alt.as_deref().is_some_and(|a| !a.is_empty()) || !f.caption.is_empty();
            if !described {
                out.warnings.push(format!(
                    "image {} has neither alt text nor a caption",
                    f.src
                ));
            }
            blocks.push(Block::Figure(f));
        } else {
            blocks.push(item.block.clone());
        }
        i += 1;
    }
    // 6. Heading levels: the first body heading is level 2, and no level is skipped.
    normalise_headings(&mut blocks);
    out.blocks = blocks;
    out
}

/// Captions are set in italics on the page only to mark them as captions; large print shows
/// them in their own style, so the wrapper goes (UKAAF: avoid italics).
fn unwrap_emphasis(v: Vec<Inline>) -> Vec<Inline> {
    if !all_emphasis(&v) {
        return v;
    }
    let mut out = Vec::new();
    for i in v {
        match i {
            Inline::Emphasis { children } => out.extend(children),
            other => out.push(other),
        }
    }
    out
}

fn normalise_headings(blocks: &mut [Block]) {
    let mut stack: Vec<(u8, u8)> = Vec::new();
    for b in blocks.iter_mut() {
        if let Block::Heading { level, .. } = b {
            let src = *level;
            while stack.last().is_some_and(|&(s, _)| s >= src) {
                stack.pop();
            }
            let new = stack.last().map_or(2, |&(_, n)| (n + 1).min(6));
            stack.push((src, new));
            *level = new;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::Flags;
    use crate::model::Figure;

    fn p(s: &str, flags: Flags) -> Item {
        Item {
            block: Block::Paragraph {
                inlines: vec![Inline::text(s)],
            },
            flags,
        }
    }

    fn h(level: u8, s: &str) -> Item {
        Item {
            block: Block::Heading {
                level,
                inlines: vec![Inline::text(s)],
            },
            flags: Flags::default(),
        }
    }

    fn fig(src: &str, alt: Option<&str>) -> Item {
        Item {
            block: Block::Figure(Figure {
                src: src.into(),
                alt: alt.map(String::from),
                caption: vec![],
            }),
            flags: Flags::default(),
        }
    }

    #[test]
    fn captions_attach_once() {
        let centered = Flags {
            centered: true,
            ..Flags::default()
        };
        let items = vec![
            p("Đoạn một.", Flags::default()),
            fig("a.jpg", None),
            p("Chú thích ảnh một", centered),
            p("Đoạn hai.", Flags::default()),
            fig("b.jpg", None),
            p("Đoạn ba không phải chú thích.", Flags::default()),
        ];
        let c = clean(items, "T", Some("L"), None);
        assert_eq!(c.blocks.len(), 5);
        match &c.blocks[1] {
            Block::Figure(f) => assert_eq!(plain_text(&f.caption), "Chú thích ảnh một"),
            other => panic!("{other:?}"),
        }
        assert!(!c.blocks.iter().any(|b| matches!(b, Block::Paragraph { inlines } if plain_text(inlines) == "Chú thích ảnh một")));
        assert_eq!(
            c.warnings,
            vec!["image b.jpg has neither alt text nor a caption".to_string()]
        );
    }

    #[test]
    fn author_and_lead_leave_the_body() {
        let right = Flags {
            right: true,
            ..Flags::default()
        };
        let items = vec![
            h(1, "Tiêu đề"),
            p(
                "Tóm tắt bài viết dài hơn bốn mươi ký tự để được nhận ra là sapo.",
                Flags::default(),
            ),
            p("Nội dung.", Flags::default()),
            Item {
                block: Block::Paragraph {
                    inlines: vec![Inline::Strong {
                        children: vec![Inline::text("Tin, ảnh: Hương Dịu")],
                    }],
                },
                flags: right,
            },
        ];
        let c = clean(
            items,
            "Tiêu đề",
            Some("Tóm tắt bài viết dài hơn bốn mươi ký tự để được nhận ra là sapo."),
            None,
        );
        assert_eq!(c.author.as_deref(), Some("Hương Dịu"));
        assert_eq!(c.blocks.len(), 1);
        assert_eq!(c.blocks[0].plain_text(), "Nội dung.");
    }

    #[test]
    fn related_sections_go() {
        let link = |s: &str| Item {
            block: Block::Paragraph {
                inlines: vec![Inline::Link {
                    href: "/x".into(),
                    children: vec![Inline::text(s)],
                }],
            },
            flags: Flags::default(),
        };
        let items = vec![
            p("Nội dung chính của bài.", Flags::default()),
            p("Tin liên quan:", Flags::default()),
            link("Bài khác một"),
            link("Bài khác hai"),
            p("Nội dung tiếp.", Flags::default()),
            link(">> Xem thêm bài ba"),
        ];
        let c = clean(items, "T", None, None);
        let texts: Vec<String> = c.blocks.iter().map(Block::plain_text).collect();
        assert_eq!(texts, vec!["Nội dung chính của bài.", "Nội dung tiếp."]);
    }

    #[test]
    fn heading_levels_are_consecutive() {
        let items = vec![
            h(4, "a"),
            h(5, "b"),
            h(4, "c"),
            h(6, "d"),
            h(3, "e"),
            h(4, "f"),
        ];
        let c = clean(items, "T", Some("L"), None);
        let levels: Vec<u8> = c
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading { level, .. } => *level,
                _ => 0,
            })
            .collect();
        assert_eq!(levels, vec![2, 3, 2, 3, 2, 3]);
    }

    #[test]
    fn author_prefixes() {
        assert_eq!(strip_author_prefix("Tin, ảnh: Hương Dịu"), "Hương Dịu");
        assert_eq!(strip_author_prefix("Bài và ảnh: Ngọc Anh"), "Ngọc Anh");
        assert_eq!(strip_author_prefix("Hương Dịu"), "Hương Dịu");
        assert_eq!(
            strip_author_prefix("Theo Báo Bắc Kạn: X"),
            "Theo Báo Bắc Kạn: X"
        );
    }
}
