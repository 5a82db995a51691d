//! Where each PDF page begins, turned into page-break markers for the XHTML: page numbers
//! grouped by article, leaf and character offset.
//!
//! EPUB Accessibility 1.1 §"Page navigation": every page the page-list names must have a
//! marker in the content, placed where that page of the print (here: PDF) edition begins.

use std::collections::BTreeMap;

use super::PageStart;
use crate::layout::FrontAnchor;
use crate::model::Anchor;

/// Page numbers (1-based) keyed by where they begin.
#[derive(Debug, Default)]
pub struct Marks {
    /// Per article: leaf index -> (char offset, page number), in page order.
    pub articles: Vec<BTreeMap<usize, Vec<(usize, usize)>>>,
    /// Pages of the edition's front matter (title page, contents) with where they begin,
    /// in order.
    pub front: Vec<(FrontAnchor, usize)>,
}

impl Marks {
    /// Groups `pages` by place. Fails when a page names an article the book does not have or
    /// when pages go backwards in reading order (the page-list must follow the reading order).
    pub fn new(pages: &[PageStart], articles: usize) -> Result<Marks, (usize, String)> {
        let mut marks = Marks {
            articles: vec![BTreeMap::new(); articles],
            front: Vec::new(),
        };
        let mut last: Option<Anchor> = None;
        for (i, start) in pages.iter().enumerate() {
            let page = i + 1;
            match start {
                PageStart::EditionFront(f) => {
                    if last.is_some() {
                        return Err((page, "front matter comes after an article page".into()));
                    }
                    if marks.front.last().is_some_and(|(l, _)| f < l) {
                        return Err((page, "it begins before the previous page".into()));
                    }
                    if let FrontAnchor::Entry { entry, .. } = f {
                        if *entry >= articles {
                            return Err((
                                page,
                                format!(
                                    "it names contents entry {} of a book of {articles}",
                                    entry + 1
                                ),
                            ));
                        }
                    }
                    marks.front.push((*f, page));
                }
                PageStart::Article(a) => {
                    if a.article >= articles {
                        return Err((
                            page,
                            format!("it names article {} of a book of {articles}", a.article + 1),
                        ));
                    }
                    if last.is_some_and(|l| *a < l) {
                        return Err((page, "it begins before the previous page".into()));
                    }
                    last = Some(*a);
                    marks.articles[a.article]
                        .entry(a.leaf)
                        .or_default()
                        .push((a.offset, page));
                }
            }
        }
        Ok(marks)
    }
}

/// The marker element for page `page` (EPUB SSV `pagebreak` with its DPUB-ARIA role).
pub fn marker(page: usize) -> String {
    format!(
        "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"page-{page}\" aria-label=\"{page}\"></span>"
    )
}
