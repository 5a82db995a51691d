//! The ZIP container (OCF 3.3): `mimetype` first, stored, with no extra field; then every
//! entry in the order given, with one fixed timestamp and fixed permissions, so the same
//! book gives the same bytes on every machine and every run.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// One file of the container.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Path inside the container.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

const CONTAINER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n<rootfiles>\n<rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n</container>\n";

/// Writes the container. `date` is (year, month, day) for every entry's timestamp; dates
/// outside what ZIP can store (before 1980) use 1980-01-01.
pub fn write(entries: &[Entry], date: (i64, u32, u32)) -> zip::result::ZipResult<Vec<u8>> {
    let stamp = u16::try_from(date.0)
        .ok()
        .and_then(|y| DateTime::from_date_and_time(y, date.1 as u8, date.2 as u8, 0, 0, 0).ok())
        .unwrap_or_default();
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    let deflated = stored
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9));
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // OCF 3.3 §4.3: the first entry is "mimetype", uncompressed, without an extra field.
    zip.start_file("mimetype", stored)?;
    zip.write_all(b"application/epub+zip")?;
    zip.start_file("META-INF/container.xml", deflated)?;
    zip.write_all(CONTAINER.as_bytes())?;
    for e in entries {
        zip.start_file(e.path.as_str(), deflated)?;
        zip.write_all(&e.bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}
