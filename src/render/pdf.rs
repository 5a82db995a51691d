//! The PDF writer: draws a [`Layout`] with krilla in PDF/UA-1 mode: every piece of content
//! tagged under the layout's structure tree (H1..Hn, P, L/LI/Lbl/LBody, Table/TR/TH/TD,
//! Figure with Alt, Caption, Link with annotations), page numbers and frames as artifacts,
//! /Lang, DisplayDocTitle, XMP metadata with pdfuaid, bookmarks, fonts subset and embedded
//! with ToUnicode. Output is deterministic: no clock, no randomness.

mod draw;
mod tags;

use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::metadata::{DateTime, Metadata};
use krilla::{Document, SerializeSettings};

use crate::assets::Assets;
use crate::layout::{Fonts, Layout};
use crate::model::Book;

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// krilla refused the document (a PDF/UA-1 rule it enforces, or a font problem).
    #[error("pdf for \"{title}\": {reason}")]
    Krilla {
        /// The book title.
        title: String,
        /// What krilla reported.
        reason: String,
    },
    /// A bundled or user font could not be loaded by krilla.
    #[error("pdf: font {0} cannot be embedded")]
    Font(String),
}

/// Options of the PDF writer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfOptions {
    /// The document's creation date (UTC) for the metadata, as seconds since 1970: pass
    /// `SOURCE_DATE_EPOCH` here for reproducible builds; `None` writes no date.
    pub creation_epoch: Option<i64>,
}

impl PdfOptions {
    /// Options from the environment: `SOURCE_DATE_EPOCH` when set and valid.
    pub fn from_env() -> PdfOptions {
        PdfOptions {
            creation_epoch: std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|v| v.trim().parse().ok()),
        }
    }
}

/// Writes the PDF of a laid-out book (no creation date).
pub fn write_pdf(
    layout: &Layout,
    book: &Book,
    assets: &Assets,
    fonts: &Fonts,
) -> Result<Vec<u8>, PdfError> {
    write_pdf_with(layout, book, assets, fonts, &PdfOptions::default())
}

/// Writes the PDF of a laid-out book with options.
pub fn write_pdf_with(
    layout: &Layout,
    book: &Book,
    _assets: &Assets,
    fonts: &Fonts,
    options: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    let title = book.title().trim().to_string();
    let fail = |reason: String| PdfError::Krilla {
        title: title.clone(),
        reason,
    };
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| fail(format!("{e:?}")))?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: true,
        ascii_compatible: false,
        compress_content_streams: true,
        xmp_metadata: true,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    let ids = draw::draw_pages(&mut document, layout, fonts)?;
    document.set_tag_tree(tags::tag_tree(layout, ids, language(book)));
    document.set_outline(tags::outline(layout));
    document.set_metadata(metadata(book, options));
    document.finish().map_err(|e| fail(format!("{e:?}")))
}

fn language(book: &Book) -> String {
    book.articles
        .first()
        .map(|a| a.meta.language.trim().to_string())
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

fn metadata(book: &Book, options: &PdfOptions) -> Metadata {
    let title = match book.title().trim() {
        "" => crate::model::UNTITLED.to_string(),
        t => t.to_string(),
    };
    let authors = book.authors();
    let dates: Vec<String> = book
        .articles
        .iter()
        .filter_map(|a| a.meta.date.as_deref().and_then(crate::text::date_words_vi))
        .collect();
    let mut description = format!("Bản in chữ lớn: {title}");
    if let Some(d) = dates.first() {
        description.push_str(&format!(" ({d})"));
    }
    let mut m = Metadata::new()
        .title(title)
        .language(language(book))
        .description(description)
        .creator("largeprint".to_string());
    if !authors.is_empty() {
        m = m.authors(authors);
    }
    if let Some(dt) = options.creation_epoch.and_then(epoch_to_datetime) {
        m = m.creation_date(dt);
    }
    m
}

/// Converts seconds since 1970 (UTC) to a krilla date (civil-from-days, Howard Hinnant).
fn epoch_to_datetime(secs: i64) -> Option<DateTime> {
    if !(0..=253_402_300_799).contains(&secs) {
        return None;
    }
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Some(
        DateTime::new(u16::try_from(y).ok()?)
            .month(m as u8)
            .day(d as u8)
            .hour((rem / 3600) as u8)
            .minute((rem % 3600 / 60) as u8)
            .second((rem % 60) as u8)
            .utc_offset_hour(0)
            .utc_offset_minute(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_dates_are_civil_dates() {
        // 2020-07-29T08:15:00Z
        let dt = epoch_to_datetime(1_596_010_500).unwrap();
        let dbg = format!("{dt:?}");
        assert!(
            dbg.contains("2020") && dbg.contains('7') && dbg.contains("29"),
            "{dbg}"
        );
        assert!(epoch_to_datetime(-1).is_none());
    }
}
