//! The XHTML documents around the articles: the common document shell, the title page (one
//! article) or edition front page (several), and the navigation document with its table of
//! contents, landmarks and page-list, all labelled in Vietnamese.
//!
//! EPUB Accessibility 1.1 and Ace: every document has `lang` and `xml:lang`; each nav has an
//! ARIA role matching its `epub:type` where DPUB-ARIA has one (doc-toc, doc-pagelist) and a
//! distinct label (axe landmark-unique).

use super::article::TocEntry;
use super::marks::marker;
use super::xml;
use crate::layout::FrontAnchor;

/// A complete XHTML5 content document.
pub fn document(lang: &str, title: &str, body_type: &str, body: &str) -> String {
    let lang = xml::attr(lang);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n\
<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{lang}\" xml:lang=\"{lang}\">\n\
<head>\n<meta charset=\"UTF-8\"/>\n<title>{}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n</head>\n\
<body epub:type=\"{body_type}\">\n{body}\n</body>\n</html>\n",
        xml::text(title)
    )
}

/// Facts shown on the title page.
#[derive(Debug, Clone)]
pub struct TitlePage<'a> {
    /// The book's title.
    pub title: &'a str,
    /// Date line, already in words.
    pub date: Option<String>,
    /// Authors, in order.
    pub authors: Vec<String>,
    /// The PDF edition the page numbers follow, when the book has pages.
    pub pdf_name: Option<&'a str>,
    /// For an edition: each article's title, document href and first PDF page.
    pub contents: Vec<(String, String, Option<usize>)>,
    /// Pages of the PDF's front matter with where they begin, in order.
    pub front_pages: &'a [(FrontAnchor, usize)],
    /// A sentence naming the embedded font and where its license is in the book.
    pub font_note: Option<String>,
}

/// The title page (one article) or edition front page with its contents list (several).
pub fn title_page(tp: &TitlePage<'_>) -> String {
    let marks_at = |want: &dyn Fn(&FrontAnchor) -> bool| -> String {
        tp.front_pages
            .iter()
            .filter(|(f, _)| want(f))
            .map(|&(_, p)| marker(p))
            .collect()
    };
    let mut b = String::from("<section epub:type=\"titlepage\" aria-labelledby=\"book-title\">\n");
    b.push_str(&marks_at(&|f| *f == FrontAnchor::TitlePage));
    b.push_str(&format!(
        "<h1 id=\"book-title\">{}</h1>\n",
        xml::text(tp.title)
    ));
    if let Some(d) = &tp.date {
        b.push_str(&format!("<p class=\"dateline\">{}</p>\n", xml::text(d)));
    }
    if !tp.authors.is_empty() {
        b.push_str(&format!(
            "<p class=\"byline\">Tác giả: {}</p>\n",
            xml::text(&tp.authors.join(", "))
        ));
    }
    // An edition's front page says what the PDF's says, in the same order: title, then
    // the number of articles.
    if !tp.contents.is_empty() {
        b.push_str(&format!(
            "<p class=\"edition-note\">{} bài</p>\n",
            tp.contents.len()
        ));
    }
    b.push_str("<p class=\"edition-note\">Ấn bản chữ to.</p>\n");
    if let Some(pdf) = tp.pdf_name {
        b.push_str(&format!(
            "<p class=\"edition-note\">Số trang trong sách này khớp với số trang của ấn bản PDF {}.</p>\n",
            xml::text(pdf)
        ));
    }
    if let Some(note) = &tp.font_note {
        b.push_str(&format!(
            "<p class=\"edition-note\">{}</p>\n",
            xml::text(note)
        ));
    }
    b.push_str("</section>\n");
    let mut placed = tp
        .front_pages
        .iter()
        .filter(|(f, _)| *f == FrontAnchor::TitlePage)
        .count();
    if !tp.contents.is_empty() {
        b.push_str("<section id=\"contents\" aria-labelledby=\"contents-title\">\n");
        b.push_str(&marks_at(&|f| *f == FrontAnchor::Contents));
        b.push_str("<h2 id=\"contents-title\">Mục lục</h2>\n<ol class=\"contents\">\n");
        for (k, (title, href, page)) in tp.contents.iter().enumerate() {
            // A PDF contents page may begin inside an entry: its marker goes before the
            // same character of the title.
            let mut cuts: Vec<(usize, usize)> = tp
                .front_pages
                .iter()
                .filter_map(|&(f, p)| match f {
                    FrontAnchor::Entry { entry, offset } if entry == k => Some((offset, p)),
                    _ => None,
                })
                .collect();
            cuts.sort_unstable();
            placed += cuts.len();
            b.push_str("<li>");
            let chars = title.chars().count();
            let mut link = String::new();
            let mut from = 0;
            for &(offset, p) in &cuts {
                if offset == 0 {
                    b.push_str(&marker(p));
                    continue;
                }
                let at = offset.min(chars);
                link.push_str(&xml::text(
                    &title.chars().skip(from).take(at - from).collect::<String>(),
                ));
                link.push_str(&marker(p));
                from = at;
            }
            link.push_str(&xml::text(&title.chars().skip(from).collect::<String>()));
            b.push_str(&format!("<a href=\"{}\">{link}</a>", xml::attr(href)));
            if let Some(p) = page {
                b.push_str(&format!(", trang {p}"));
            }
            b.push_str("</li>\n");
        }
        b.push_str("</ol>\n</section>\n");
    }
    // Front-matter places this page does not show (none for the books the layout makes)
    // still get their markers, in order, so the page-list stays whole.
    if placed < tp.front_pages.len() {
        for &(f, p) in tp.front_pages {
            let shown = f == FrontAnchor::TitlePage
                || (!tp.contents.is_empty()
                    && match f {
                        FrontAnchor::Entry { entry, .. } => entry < tp.contents.len(),
                        _ => true,
                    });
            if !shown {
                b.push_str(&marker(p));
                b.push('\n');
            }
        }
    }
    b
}

/// One table-of-contents entry of the nav: a heading of a document.
#[derive(Debug, Clone)]
pub struct NavEntry {
    /// Document href.
    pub href: String,
    /// The heading.
    pub entry: TocEntry,
}

/// A landmark of the nav's landmarks list.
#[derive(Debug, Clone)]
pub struct Landmark {
    /// The `epub:type` (titlepage, toc, bodymatter).
    pub kind: &'static str,
    /// Target href.
    pub href: String,
    /// Vietnamese label.
    pub label: &'static str,
}

/// The EPUB navigation document.
pub fn nav_document(
    lang: &str,
    toc: &[NavEntry],
    landmarks: &[Landmark],
    pages: &[(usize, String)],
) -> String {
    let mut b = String::new();
    b.push_str("<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-title\">\n<h1 id=\"toc-title\">Mục lục</h1>\n");
    b.push_str(&nested_list(toc));
    b.push_str("</nav>\n");
    if !landmarks.is_empty() {
        b.push_str("<nav epub:type=\"landmarks\" id=\"landmarks\" aria-labelledby=\"landmarks-title\" hidden=\"hidden\">\n<h2 id=\"landmarks-title\">Các mốc</h2>\n<ol>\n");
        for l in landmarks {
            b.push_str(&format!(
                "<li><a epub:type=\"{}\" href=\"{}\">{}</a></li>\n",
                l.kind,
                xml::attr(&l.href),
                xml::text(l.label)
            ));
        }
        b.push_str("</ol>\n</nav>\n");
    }
    // A page-list needs at least one entry (EPUB 3.3 nav rules); a book without pages has none.
    if !pages.is_empty() {
        b.push_str("<nav epub:type=\"page-list\" role=\"doc-pagelist\" id=\"page-list\" aria-labelledby=\"page-list-title\" hidden=\"hidden\">\n<h2 id=\"page-list-title\">Danh sách trang</h2>\n<ol>\n");
        for (page, href) in pages {
            b.push_str(&format!(
                "<li><a href=\"{}#page-{page}\">{page}</a></li>\n",
                xml::attr(href)
            ));
        }
        b.push_str("</ol>\n</nav>\n");
    }
    document(lang, "Mục lục", "frontmatter", &b)
}

/// Headings as nested `ol`s: a deeper heading opens a list inside the entry above it.
fn nested_list(entries: &[NavEntry]) -> String {
    let mut b = String::from("<ol>\n");
    let mut open: Vec<u8> = Vec::new();
    for e in entries {
        let link = format!(
            "<a href=\"{}#{}\">{}</a>",
            xml::attr(&e.href),
            xml::attr(&e.entry.id),
            xml::text(&e.entry.text)
        );
        let level = e.entry.level;
        match open.last().copied() {
            None => {
                b.push_str(&format!("<li>{link}"));
                open.push(level);
            }
            Some(top) if level > top => {
                b.push_str(&format!("\n<ol>\n<li>{link}"));
                open.push(level);
            }
            Some(_) => {
                while open.len() > 1
                    && open[open.len() - 1] > level
                    && open[open.len() - 2] >= level
                {
                    b.push_str("</li>\n</ol>");
                    open.pop();
                }
                b.push_str(&format!("</li>\n<li>{link}"));
                if let Some(top) = open.last_mut() {
                    *top = level;
                }
            }
        }
    }
    if !open.is_empty() {
        b.push_str("</li>\n");
        for _ in 1..open.len() {
            b.push_str("</ol>\n</li>\n");
        }
    }
    b.push_str("</ol>\n");
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(level: u8, id: &str) -> NavEntry {
        NavEntry {
            href: "a.xhtml".into(),
            entry: TocEntry {
                level,
                id: id.into(),
                text: id.into(),
            },
        }
    }

    #[test]
    fn nesting_is_balanced() {
        let html = nested_list(&[
            e(1, "t"),
            e(2, "a"),
            e(3, "b"),
            e(2, "c"),
            e(1, "u"),
            e(2, "d"),
        ]);
        assert_eq!(html.matches("<ol>").count(), html.matches("</ol>").count());
        assert_eq!(html.matches("<li>").count(), html.matches("</li>").count());
        assert_eq!(html.matches("<ol>").count(), 4);
    }
}
