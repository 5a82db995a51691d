//! The EPUB 3 edition: a [`Book`] and the page starts of its PDF edition become one
//! reflowable EPUB 3.3 that passes EPUBCheck and DAISY Ace with nothing to report, conforms to
//! EPUB Accessibility 1.1 (WCAG 2.2 AA), and whose page-list points at page-break markers
//! placed exactly where the PDF's pages begin.
//!
//! Our own small packager (the `zip` crate and our own templates): `mimetype` first and
//! stored, entries in a fixed order with a fixed timestamp, ids derived from positions, no
//! clock and no hash-map order, so the same input gives the same bytes. The writer never lays
//! out a page: it only reads the [`PageStart`]s the layout reported.
//!
//! Files: `EPUB/package.opf` (`opf`), `EPUB/nav.xhtml` and the title page (`docs`), one
//! XHTML document per article (`article`, `inline`, `marks`), `EPUB/style.css` (`css`), the
//! book's images (`images`), and the bundled font subset to the book's characters (`subset`,
//! `gsub`) with its license, in a ZIP container (`package`).

mod article;
mod css;
mod docs;
mod gsub;
mod images;
mod inline;
mod marks;
mod opf;
mod package;
mod subset;
mod xml;

use std::collections::{BTreeMap, BTreeSet};

use crate::assets::Assets;
use crate::layout::{Face, Fonts, PageStart};
use crate::model::Book;

use crate::model::UNTITLED;
use article::render_article;
use docs::{Landmark, NavEntry, TitlePage};
use opf::{Item, PackageMeta};
use package::Entry;

/// Options of the EPUB edition.
#[derive(Debug, Clone, Default)]
pub struct EpubOptions {
    /// File name of the PDF edition whose pages the page-list follows (named in dc:source).
    pub pdf_file_name: String,
    /// `SOURCE_DATE_EPOCH` seconds for dcterms:modified; `None` uses the article date at
    /// 00:00:00Z.
    pub modified: Option<i64>,
}

/// Why an EPUB could not be written.
#[derive(Debug, thiserror::Error)]
pub enum EpubError {
    /// The book has no article.
    #[error("the book has no article to write; give at least one page")]
    EmptyBook,
    /// A page start does not name a place in the book.
    #[error("page {page} cannot be marked in the epub: {reason} (the page starts do not belong to this book)")]
    PageStart {
        /// The 1-based page number.
        page: usize,
        /// What is wrong with it.
        reason: String,
    },
    /// The ZIP container could not be written.
    #[error("cannot write the epub container: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// The ZIP container could not be written.
    #[error("cannot write the epub container: {0}")]
    Io(#[from] std::io::Error),
}

/// Writes the EPUB edition of `book`. `pages` holds one [`PageStart`] per page of the PDF
/// edition (from the layout at the same options), in page order; an empty slice gives a
/// book without page navigation.
pub fn write_epub(
    book: &Book,
    assets: &Assets,
    pages: &[PageStart],
    fonts: &Fonts,
    opts: &EpubOptions,
) -> Result<Vec<u8>, EpubError> {
    if book.articles.is_empty() {
        return Err(EpubError::EmptyBook);
    }
    let n = book.articles.len();
    let marks = marks::Marks::new(pages, n)
        .map_err(|(page, reason)| EpubError::PageStart { page, reason })?;
    let images = images::ImagePlan::new(book, assets);
    let lang = language(book);
    let title = match book.title().trim() {
        "" => UNTITLED,
        t => t,
    };

    // Articles.
    let mut page_href: BTreeMap<usize, String> = BTreeMap::new();
    let mut toc: Vec<NavEntry> = Vec::new();
    let mut article_docs: Vec<(String, String)> = Vec::new();
    let mut meta = PackageMeta::default();
    for (i, article) in book.articles.iter().enumerate() {
        let (href, prefix) = if n == 1 {
            ("article.xhtml".to_string(), String::new())
        } else {
            (
                format!("article-{:03}.xhtml", i + 1),
                format!("a{}-", i + 1),
            )
        };
        let body = render_article(article, &prefix, &marks.articles[i], &images);
        if let Some(&page) = body.past_end.first() {
            return Err(EpubError::PageStart {
                page,
                reason: format!(
                    "its place lies past the end of the text of article {}",
                    i + 1
                ),
            });
        }
        for &p in &body.placed {
            page_href.insert(p, href.clone());
        }
        meta.images_shown += body.images_shown;
        meta.images_undescribed += body.images_undescribed;
        meta.images_missing += body.images_missing;
        toc.extend(body.toc.iter().map(|e| NavEntry {
            href: href.clone(),
            entry: e.clone(),
        }));
        let doc_title = body.toc.first().map_or(title, |t| t.text.as_str());
        let xhtml = docs::document(
            &lang,
            doc_title,
            "bodymatter",
            &format!("<main>\n{}\n</main>", body.xhtml),
        );
        article_docs.push((href, xhtml));
    }

    // Fonts: names and license first, since the title page credits them.
    let family = fonts.family_name().replace(['"', '\\', '<', '>', '&'], "");
    let file_stem: String = family.chars().filter(char::is_ascii_alphanumeric).collect();
    let is_ofl = fonts
        .license_text()
        .to_ascii_uppercase()
        .contains("OPEN FONT LICENSE");
    let license_href = if is_ofl {
        "fonts/OFL.txt"
    } else {
        "fonts/LICENSE.txt"
    };
    let font_note = if is_ofl {
        format!("Phông chữ {family} dùng theo giấy phép SIL Open Font License 1.1 (tệp {license_href} trong sách).")
    } else {
        format!("Giấy phép của phông chữ {family}: tệp {license_href} trong sách.")
    };

    // Title page / edition front matter.
    for &(_, p) in &marks.front {
        page_href.insert(p, "titlepage.xhtml".to_string());
    }
    let first_page = |i: usize| {
        pages
            .iter()
            .position(|s| matches!(s, PageStart::Article(a) if a.article == i))
            .map(|p| p + 1)
    };
    let contents = if n > 1 {
        book.articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let t = a.meta.shown_title();
                (t.to_string(), article_docs[i].0.clone(), first_page(i))
            })
            .collect()
    } else {
        Vec::new()
    };
    let authors = book.authors();
    let date = book_date(book);
    let tp = TitlePage {
        title,
        date: if n == 1 {
            date.as_deref().and_then(crate::text::date_words_vi)
        } else {
            None
        },
        authors: if n == 1 { authors.clone() } else { Vec::new() },
        pdf_name: (!pages.is_empty()).then_some(opts.pdf_file_name.as_str()),
        contents,
        front_pages: &marks.front,
        font_note: Some(font_note),
    };
    let title_doc = docs::document(&lang, title, "frontmatter", &docs::title_page(&tp));

    // Every page must have its marker, in page order of the reading order.
    let mut page_list = Vec::with_capacity(pages.len());
    for page in 1..=pages.len() {
        let href = page_href.get(&page).ok_or_else(|| EpubError::PageStart {
            page,
            reason: "its marker could not be placed".to_string(),
        })?;
        page_list.push((page, href.clone()));
    }
    let first_article = article_docs[0].0.clone();
    let mut landmarks = vec![
        Landmark {
            kind: "titlepage",
            href: "titlepage.xhtml".into(),
            label: "Trang tên sách",
        },
        Landmark {
            kind: "bodymatter",
            href: first_article,
            label: "Nội dung chính",
        },
    ];
    if n > 1 {
        landmarks.insert(
            1,
            Landmark {
                kind: "toc",
                href: "titlepage.xhtml#contents".into(),
                label: "Mục lục",
            },
        );
    }
    let nav = docs::nav_document(&lang, &toc, &landmarks, &page_list);

    // The font, subset to what the reader will see (plus printable ASCII, which list
    // numbering and reading-app overlays draw with the book's font).
    let mut chars: BTreeSet<char> = (' '..='~').collect();
    xml::collect_visible_chars(&title_doc, &mut chars);
    xml::collect_visible_chars(&nav, &mut chars);
    for (_, d) in &article_docs {
        xml::collect_visible_chars(d, &mut chars);
    }
    let regular = fonts.face_data(Face::Regular);
    let bold = fonts.face_data(Face::Bold);
    let mut font_files = vec![(
        format!("fonts/{file_stem}-Regular"),
        embeddable(regular, &chars),
    )];
    // A user font with one face: the reading app makes the bold itself.
    if bold != regular {
        font_files.push((format!("fonts/{file_stem}-Bold"), embeddable(bold, &chars)));
    }
    let font_href = |i: usize| font_files.get(i).map(|f| format!("{}.{}", f.0, (f.1).1 .0));
    let family_css = format!("LargePrint {family}");
    let css = css::stylesheet(
        &family_css,
        &font_href(0).unwrap_or_default(),
        font_href(1).as_deref(),
    );

    // Package document.
    meta.identifier = identifier(book);
    meta.title = title.to_string();
    meta.language = lang.clone();
    meta.creators = authors;
    meta.date = date.clone();
    meta.modified = match opts.modified {
        Some(s) => opf::timestamp(s),
        None => opf::timestamp(date.as_deref().and_then(iso_days).unwrap_or(3652) * 86_400),
    };
    meta.page_source = (!pages.is_empty()).then(|| opts.pdf_file_name.clone());
    meta.pages = pages.len();

    let mut items = vec![
        item(
            "nav",
            "nav.xhtml",
            "application/xhtml+xml",
            Some("nav"),
            false,
        ),
        item("style", "style.css", "text/css", None, false),
        item(
            "titlepage",
            "titlepage.xhtml",
            "application/xhtml+xml",
            None,
            true,
        ),
    ];
    for (i, (href, _)) in article_docs.iter().enumerate() {
        items.push(item(
            &format!("article-{}", i + 1),
            href,
            "application/xhtml+xml",
            None,
            true,
        ));
    }
    for (i, (stem, (_, (ext, mt)))) in font_files.iter().enumerate() {
        items.push(item(
            &format!("font-{}", i + 1),
            &format!("{stem}.{ext}"),
            mt,
            None,
            false,
        ));
    }
    items.push(item(
        "font-license",
        license_href,
        "text/plain",
        None,
        false,
    ));
    for (i, f) in images.files.iter().enumerate() {
        items.push(item(
            &format!("image-{}", i + 1),
            &f.href,
            f.media_type,
            None,
            false,
        ));
    }
    let opf = opf::package(&meta, &items);

    let mut entries = vec![
        entry("package.opf", opf.into_bytes()),
        entry("nav.xhtml", nav.into_bytes()),
        entry("style.css", css.into_bytes()),
        entry("titlepage.xhtml", title_doc.into_bytes()),
    ];
    for (href, doc) in article_docs {
        entries.push(entry(&href, doc.into_bytes()));
    }
    for (stem, (bytes, (ext, _))) in font_files {
        entries.push(entry(&format!("{stem}.{ext}"), bytes));
    }
    entries.push(entry(
        license_href,
        fonts.license_text().as_bytes().to_vec(),
    ));
    for f in images.files {
        entries.push(entry(&f.href, f.bytes));
    }
    let days = meta.modified.get(..10).and_then(iso_days).unwrap_or(3652);
    Ok(package::write(&entries, opf::civil_from_days(days))?)
}

fn item(
    id: &str,
    href: &str,
    media_type: &'static str,
    properties: Option<&'static str>,
    spine: bool,
) -> Item {
    Item {
        id: id.to_string(),
        href: href.to_string(),
        media_type,
        properties,
        spine,
    }
}

fn entry(href: &str, bytes: Vec<u8>) -> Entry {
    Entry {
        path: format!("EPUB/{href}"),
        bytes,
    }
}

/// The font bytes to embed with their extension and media type: the subset, or (for a user
/// font our subsetter cannot read, such as CFF outlines) the file unchanged.
fn embeddable(data: &[u8], chars: &BTreeSet<char>) -> (Vec<u8>, (&'static str, &'static str)) {
    match subset::subset_ttf(data, chars) {
        Ok(sub) => (sub, ("ttf", "font/ttf")),
        Err(_) if data.starts_with(b"OTTO") => (data.to_vec(), ("otf", "font/otf")),
        Err(_) => (data.to_vec(), ("ttf", "font/ttf")),
    }
}

/// The book's language: the first article's when it is a plausible BCP 47 tag, else "vi".
fn language(book: &Book) -> String {
    let l = book.articles.first().map_or("", |a| a.meta.language.trim());
    let ok =
        !l.is_empty() && l.len() <= 35 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if ok {
        l.to_string()
    } else {
        "vi".to_string()
    }
}

/// The book's date: the latest valid article date.
fn book_date(book: &Book) -> Option<String> {
    book.articles
        .iter()
        .filter_map(|a| a.meta.date.as_deref())
        .filter(|d| iso_days(d).is_some())
        .max()
        .map(|d| d[..10].to_string())
}

/// Days since 1970-01-01 of an ISO `YYYY-MM-DD` date (H. Hinnant's `days_from_civil`).
fn iso_days(s: &str) -> Option<i64> {
    let (y, m, d) = crate::text::parse_iso(s)?;
    let (y, m, d) = (i64::from(y), i64::from(m), i64::from(d));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// A UUID (v5) from the sources and the title: the same page gives the same identifier on
/// every run, a different page a different one. The page's web address is preferred to the
/// path, so the same saved page converted from another folder keeps its identifier.
fn identifier(book: &Book) -> String {
    let mut name = String::from("largeprint-epub\n");
    for a in &book.articles {
        name.push_str(a.meta.url.as_deref().unwrap_or(&a.meta.source));
        name.push('\n');
    }
    name.push_str(book.title());
    format!(
        "urn:uuid:{}",
        uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_days_round_trips() {
        assert_eq!(iso_days("1970-01-01"), Some(0));
        assert_eq!(iso_days("2020-07-29"), Some(18_472));
        assert_eq!(opf::civil_from_days(18_472), (2020, 7, 29));
        assert_eq!(iso_days("2021-02-29"), None);
        assert_eq!(iso_days("29/07/2020"), None);
    }
}
