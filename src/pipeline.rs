//! One conversion: a [`Book`] becomes its PDF and EPUB editions, in memory.
//!
//! Images are read once, the book is laid out once, and the two writers then run in parallel
//! on the same layout: the EPUB's page-list comes from the very pages the PDF prints.

use std::sync::Arc;

use crate::assets::Assets;
use crate::layout::fonts::Fonts;
use crate::layout::{self, Style};
use crate::model::Book;
use crate::render::{epub, pdf};

/// What to make and how.
#[derive(Clone)]
pub struct ConvertOptions {
    /// Large-print style: body size, page size.
    pub style: Style,
    /// The font family, loaded once and shared by every conversion.
    pub fonts: Arc<Fonts>,
    /// Make the PDF edition.
    pub pdf: bool,
    /// Make the EPUB edition.
    pub epub: bool,
    /// SOURCE_DATE_EPOCH, when set: the only clock the editions may show.
    pub source_date_epoch: Option<i64>,
    /// The PDF edition's file name, which the EPUB names as its pagination source.
    pub pdf_file_name: String,
}

/// The editions of one book.
#[derive(Debug, Clone)]
pub struct Editions {
    /// The PDF's bytes, when asked for.
    pub pdf: Option<Vec<u8>>,
    /// The EPUB's bytes, when asked for.
    pub epub: Option<Vec<u8>>,
    /// Pages of the PDF edition (the EPUB's page-list has as many entries).
    pub pdf_pages: usize,
    /// Warnings of the articles and of this conversion, each once, in a stable order.
    pub warnings: Vec<String>,
}

/// Why a book could not be converted.
#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    /// The chosen font cannot draw every character (large print never shows a tofu box).
    #[error("the font {family} has no glyph for {chars}; choose another font with --font")]
    MissingGlyphs {
        /// The font family.
        family: String,
        /// The characters it lacks, listed with their code points.
        chars: String,
    },
    /// Layout failed.
    #[error(transparent)]
    Layout(#[from] layout::LayoutError),
    /// The PDF writer failed.
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
    /// The EPUB writer failed.
    #[error(transparent)]
    Epub(#[from] epub::EpubError),
}

/// Every character the editions will draw: titles, meta and every text flow.
fn book_text(book: &Book) -> String {
    let mut text = String::new();
    if let Some(t) = &book.edition_title {
        text.push_str(t);
    }
    for a in &book.articles {
        for s in [&a.meta.author, &a.meta.date_original]
            .into_iter()
            .flatten()
        {
            text.push_str(s);
        }
        text.push_str(&a.meta.title);
        for leaf in a.leaves() {
            text.push_str(&leaf.text);
        }
    }
    text
}

/// Converts a book into the editions `opts` asks for.
pub fn convert_book(book: &Book, opts: &ConvertOptions) -> Result<Editions, ConvertError> {
    let missing = opts.fonts.missing_chars(&book_text(book));
    if !missing.is_empty() {
        let chars = missing
            .iter()
            .map(|c| format!("{c:?} (U+{:04X})", u32::from(*c)))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(ConvertError::MissingGlyphs {
            family: opts.fonts.family_name().to_string(),
            chars,
        });
    }
    let assets = Assets::load(book);
    let laid = layout::layout(book, &assets, &opts.style, &opts.fonts)?;
    let starts = laid.page_starts();
    let pdf_opts = pdf::PdfOptions {
        creation_epoch: opts.source_date_epoch,
    };
    let epub_opts = epub::EpubOptions {
        pdf_file_name: opts.pdf_file_name.clone(),
        modified: opts.source_date_epoch,
    };
    let (pdf_bytes, epub_bytes) = rayon::join(
        || {
            opts.pdf
                .then(|| pdf::write_pdf_with(&laid, book, &assets, &opts.fonts, &pdf_opts))
                .transpose()
        },
        || {
            opts.epub
                .then(|| epub::write_epub(book, &assets, &starts, &opts.fonts, &epub_opts))
                .transpose()
        },
    );
    let mut warnings: Vec<String> = Vec::new();
    for w in book
        .articles
        .iter()
        .flat_map(|a| a.warnings.iter().cloned())
        .chain(assets.warnings())
        .chain(laid.warnings.iter().cloned())
    {
        if !warnings.contains(&w) {
            warnings.push(w);
        }
    }
    Ok(Editions {
        pdf: pdf_bytes?,
        epub: epub_bytes?,
        pdf_pages: laid.page_count(),
        warnings,
    })
}
