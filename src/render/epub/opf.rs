//! The package document (OPF): identity, dates, the pagination source, and the EPUB
//! Accessibility 1.1 metadata, worked out from what the book really contains.
//!
//! EPUB A11Y 1.1 §5.1 requires accessMode, accessibilityFeature and accessibilityHazard and
//! recommends accessibilitySummary and accessModeSufficient; §"Page source" requires
//! dc:source with `source-of` pagination when a page-list is present. Nothing is claimed that
//! this particular book does not do: no alternativeText claim when an image lacks any text,
//! no page navigation claims when there are no pages.

use super::xml;

/// What the metadata says about a book.
#[derive(Debug, Clone, Default)]
pub struct PackageMeta {
    /// `urn:uuid:...`, stable for the same source and title.
    pub identifier: String,
    /// The book's title.
    pub title: String,
    /// Package language.
    pub language: String,
    /// Authors, in order, without repeats.
    pub creators: Vec<String>,
    /// Publication date, ISO 8601.
    pub date: Option<String>,
    /// `CCYY-MM-DDThh:mm:ssZ`.
    pub modified: String,
    /// The PDF edition the page numbers come from (`None` when the book has no pages).
    pub page_source: Option<String>,
    /// Images shown in the book.
    pub images_shown: usize,
    /// Shown images with neither alt text nor caption.
    pub images_undescribed: usize,
    /// Images replaced by a note.
    pub images_missing: usize,
    /// Number of PDF pages in the page-list.
    pub pages: usize,
}

/// A manifest item.
#[derive(Debug, Clone)]
pub struct Item {
    /// Manifest id.
    pub id: String,
    /// Path relative to the package document.
    pub href: String,
    /// Media type.
    pub media_type: &'static str,
    /// `properties` attribute (`nav`), if any.
    pub properties: Option<&'static str>,
    /// Whether it is a spine item, in manifest order.
    pub spine: bool,
}

/// The Vietnamese accessibility summary, true for this book.
pub fn summary(m: &PackageMeta) -> String {
    let mut s = format!(
        "Ấn bản chữ to dạng EPUB của “{}”. Văn bản có tiêu đề phân cấp, mục lục và thứ tự đọc theo bài gốc; chữ mặc định cỡ lớn, giãn dòng 1,5, canh lề trái, không tự ngắt từ, nhấn mạnh bằng chữ đậm thay cho chữ nghiêng; người đọc có thể đổi cỡ chữ, phông chữ và màu.",
        m.title.trim()
    );
    if let Some(src) = &m.page_source {
        s.push_str(&format!(
            " Danh sách {} trang khớp với số trang của ấn bản PDF {}.",
            m.pages, src
        ));
    }
    match (m.images_shown, m.images_undescribed) {
        (0, _) => s.push_str(" Sách không có hình ảnh hiển thị."),
        (n, 0) => s.push_str(&format!(" Cả {n} hình ảnh đều có mô tả bằng chữ.")),
        (n, u) => s.push_str(&format!(" {u} trong {n} hình ảnh không có mô tả bằng chữ.")),
    }
    if m.images_missing > 0 {
        s.push_str(&format!(
            " {} hình ảnh không hiển thị được và được thay bằng một ghi chú.",
            m.images_missing
        ));
    }
    s.push_str(" Không có nội dung nhấp nháy, âm thanh hay chuyển động.");
    s
}

/// The accessibilityFeature values that hold for this book.
pub fn features(m: &PackageMeta) -> Vec<&'static str> {
    let mut f = vec![
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "displayTransformability",
    ];
    if m.images_shown > 0 && m.images_undescribed == 0 {
        f.push("alternativeText");
    }
    if m.page_source.is_some() {
        f.push("pageNavigation");
        f.push("printPageNumbers");
    }
    f.push("largePrint");
    f
}

/// The package document.
pub fn package(m: &PackageMeta, items: &[Item]) -> String {
    let lang = xml::attr(&m.language);
    let mut o = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"pub-id\" xml:lang=\"{lang}\" dir=\"ltr\">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
    );
    let meta = |o: &mut String, prop: &str, value: &str| {
        o.push_str(&format!(
            "<meta property=\"{prop}\">{}</meta>\n",
            xml::text(value)
        ));
    };
    o.push_str(&format!(
        "<dc:identifier id=\"pub-id\">{}</dc:identifier>\n",
        xml::text(&m.identifier)
    ));
    o.push_str(&format!(
        "<dc:title id=\"title\">{}</dc:title>\n",
        xml::text(&m.title)
    ));
    o.push_str(&format!(
        "<dc:language>{}</dc:language>\n",
        xml::text(&m.language)
    ));
    for (i, c) in m.creators.iter().enumerate() {
        o.push_str(&format!(
            "<dc:creator id=\"creator-{}\">{}</dc:creator>\n",
            i + 1,
            xml::text(c)
        ));
    }
    if let Some(d) = &m.date {
        o.push_str(&format!("<dc:date>{}</dc:date>\n", xml::text(d)));
    }
    meta(&mut o, "dcterms:modified", &m.modified);
    if let Some(src) = &m.page_source {
        o.push_str(&format!(
            "<dc:source id=\"page-source\">{}</dc:source>\n",
            xml::text(src)
        ));
        o.push_str("<meta refines=\"#page-source\" property=\"source-of\">pagination</meta>\n");
    }
    meta(&mut o, "schema:accessMode", "textual");
    if m.images_shown > 0 {
        meta(&mut o, "schema:accessMode", "visual");
        if m.images_undescribed == 0 {
            meta(&mut o, "schema:accessModeSufficient", "textual");
        }
        meta(&mut o, "schema:accessModeSufficient", "textual,visual");
    } else {
        meta(&mut o, "schema:accessModeSufficient", "textual");
    }
    for f in features(m) {
        meta(&mut o, "schema:accessibilityFeature", f);
    }
    meta(&mut o, "schema:accessibilityHazard", "none");
    meta(&mut o, "schema:accessibilitySummary", &summary(m));
    meta(
        &mut o,
        "dcterms:conformsTo",
        "EPUB Accessibility 1.1 - WCAG 2.2 Level AA",
    );
    meta(&mut o, "a11y:certifiedBy", "largeprint");
    o.push_str("</metadata>\n<manifest>\n");
    for it in items {
        o.push_str(&format!(
            "<item id=\"{}\" href=\"{}\" media-type=\"{}\"{}/>\n",
            xml::attr(&it.id),
            xml::attr(&it.href),
            it.media_type,
            it.properties
                .map(|p| format!(" properties=\"{p}\""))
                .unwrap_or_default()
        ));
    }
    o.push_str("</manifest>\n<spine>\n");
    for it in items.iter().filter(|i| i.spine) {
        o.push_str(&format!("<itemref idref=\"{}\"/>\n", xml::attr(&it.id)));
    }
    o.push_str("</spine>\n</package>\n");
    o
}

/// `seconds` since the Unix epoch as `CCYY-MM-DDThh:mm:ssZ` (negative clamps to the epoch).
pub fn timestamp(seconds: i64) -> String {
    let s = seconds.max(0);
    let (days, rem) = (s / 86_400, s % 86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `civil_from_days`).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(timestamp(1_595_980_800), "2020-07-29T00:00:00Z");
        assert_eq!(timestamp(951_782_400 + 3661), "2000-02-29T01:01:01Z");
    }

    #[test]
    fn claims_follow_the_book() {
        let mut m = PackageMeta {
            images_shown: 2,
            images_undescribed: 1,
            ..PackageMeta::default()
        };
        assert!(!features(&m).contains(&"alternativeText"));
        assert!(!features(&m).contains(&"printPageNumbers"));
        m.images_undescribed = 0;
        m.page_source = Some("x.pdf".into());
        assert!(features(&m).contains(&"alternativeText"));
        assert!(features(&m).contains(&"printPageNumbers"));
        assert!(summary(&m).contains("Cả 2 hình ảnh"));
    }
}
