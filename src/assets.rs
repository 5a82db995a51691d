//! Images of an article: resolve each figure's `src`, read it (confined to the page's own
//! folder), recognise its format and probe its pixel size.
//!
//! Both writers take images from here, so a page's images are read once per conversion. An
//! image that is missing, outside the page's folder, remote, too large or undecodable is kept
//! as a [`Problem`]: the writers draw a framed note instead and the page still converts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::{Article, Block, Book};

/// The largest image file read, in bytes.
pub const MAX_IMAGE_BYTES: u64 = 40 * 1024 * 1024;
/// The largest image accepted, in pixels (width × height), to bound decoding memory.
pub const MAX_IMAGE_PIXELS: u64 = 60_000_000;

/// An image file format the writers know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// JPEG: embedded in the PDF and EPUB unchanged.
    Jpeg,
    /// PNG.
    Png,
    /// GIF.
    Gif,
    /// WebP: the EPUB gets it converted to PNG (WebP is not an EPUB core media type).
    Webp,
}

impl ImageFormat {
    /// The media type of the format.
    pub fn media_type(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Png => "image/png",
            ImageFormat::Gif => "image/gif",
            ImageFormat::Webp => "image/webp",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Png => "png",
            ImageFormat::Gif => "gif",
            ImageFormat::Webp => "webp",
        }
    }

    /// Recognises a format from the first bytes of a file.
    pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(ImageFormat::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageFormat::Png)
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            Some(ImageFormat::Gif)
        } else if bytes.len() > 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            Some(ImageFormat::Webp)
        } else {
            None
        }
    }
}

/// An image that was read and probed.
#[derive(Debug, Clone)]
pub struct Image {
    /// The file's bytes, unchanged.
    pub bytes: Arc<Vec<u8>>,
    /// Its format.
    pub format: ImageFormat,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// Why an image could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem(pub String);

/// The images of a book, keyed by the figures' `src`.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    images: BTreeMap<String, Result<Image, Problem>>,
}

impl Assets {
    /// Reads every figure image of every article of `book`.
    pub fn load(book: &Book) -> Assets {
        let mut assets = Assets::default();
        for article in &book.articles {
            assets.load_article(article);
        }
        assets
    }

    /// Reads every figure image of `article`.
    pub fn load_article(&mut self, article: &Article) {
        let root = page_folder(&article.meta.source);
        // A page read from the web brings its images from the web; a saved page only from
        // its own folder.
        let from_web = crate::fetch::is_url(&article.meta.source);
        let mut srcs = Vec::new();
        collect_srcs(&article.blocks, &mut srcs);
        for src in srcs {
            if !self.images.contains_key(src) {
                let loaded = if from_web && crate::fetch::is_url(src) {
                    load_remote(src)
                } else {
                    load_one(src, root.as_deref())
                };
                self.images.insert(src.to_string(), loaded);
            }
        }
    }

    /// The image for a figure's `src`, or why there is none.
    pub fn get(&self, src: &str) -> Result<&Image, Problem> {
        match self.images.get(src) {
            Some(Ok(img)) => Ok(img),
            Some(Err(p)) => Err(p.clone()),
            None => Err(Problem(format!("image {src} was not loaded"))),
        }
    }

    /// Adds an image under a `src` (for callers that obtained the bytes themselves).
    pub fn insert(&mut self, src: &str, bytes: Vec<u8>) {
        let img = probe(bytes).map_err(|e| Problem(format!("image {src}: {e}")));
        self.images.insert(src.to_string(), img);
    }

    /// Every problem, as warnings naming the image, in a stable order.
    pub fn warnings(&self) -> Vec<String> {
        self.images
            .values()
            .filter_map(|r| r.as_ref().err().map(|p| p.0.clone()))
            .collect()
    }
}

fn collect_srcs<'a>(blocks: &'a [Block], out: &mut Vec<&'a str>) {
    for b in blocks {
        match b {
            Block::Figure(f) => out.push(&f.src),
            Block::List(l) => l.items.iter().for_each(|i| collect_srcs(&i.blocks, out)),
            Block::Quote { blocks } => collect_srcs(blocks, out),
            _ => {}
        }
    }
}

/// The folder images may be read from: the page's own folder (`None` for URLs and stdin).
fn page_folder(source: &str) -> Option<PathBuf> {
    if source.contains("://") || source == "-" || source.is_empty() {
        return None;
    }
    let parent = Path::new(source).parent()?;
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    parent.canonicalize().ok()
}

fn load_remote(src: &str) -> Result<Image, Problem> {
    let got = crate::fetch::get(src, MAX_IMAGE_BYTES).map_err(|e| Problem(format!("image {e}")))?;
    probe(got.bytes).map_err(|e| Problem(format!("image {src}: {e}")))
}

fn load_one(src: &str, root: Option<&Path>) -> Result<Image, Problem> {
    if src.starts_with("data:") {
        return Err(Problem(
            "an inline data: image is not supported".to_string(),
        ));
    }
    if src.contains("://") {
        return Err(Problem(format!(
            "image {src} is remote; save the page with its images to convert them"
        )));
    }
    let Some(root) = root else {
        return Err(Problem(format!(
            "image {src} cannot be read: the page has no folder"
        )));
    };
    let path = Path::new(src);
    let real = path
        .canonicalize()
        .map_err(|e| Problem(format!("image {src} cannot be read: {e}")))?;
    // Confinement: a page may only pull files from its own folder and below, so a hostile
    // page cannot embed arbitrary files of the machine into a public edition.
    if !real.starts_with(root) {
        return Err(Problem(format!(
            "image {src} is outside the page's folder and was not read"
        )));
    }
    let meta = std::fs::metadata(&real)
        .map_err(|e| Problem(format!("image {src} cannot be read: {e}")))?;
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(Problem(format!(
            "image {src} is larger than {MAX_IMAGE_BYTES} bytes and was not read"
        )));
    }
    let bytes =
        std::fs::read(&real).map_err(|e| Problem(format!("image {src} cannot be read: {e}")))?;
    probe(bytes).map_err(|e| Problem(format!("image {src}: {e}")))
}

/// Recognises the format and reads the pixel size without decoding the pixels.
pub fn probe(bytes: Vec<u8>) -> Result<Image, String> {
    let format = ImageFormat::sniff(&bytes)
        .ok_or_else(|| "not a JPEG, PNG, GIF or WebP file".to_string())?;
    let reader = image::ImageReader::with_format(
        std::io::Cursor::new(&bytes),
        match format {
            ImageFormat::Jpeg => image::ImageFormat::Jpeg,
            ImageFormat::Png => image::ImageFormat::Png,
            ImageFormat::Gif => image::ImageFormat::Gif,
            ImageFormat::Webp => image::ImageFormat::WebP,
        },
    );
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| format!("cannot be decoded ({e})"))?;
    if width == 0 || height == 0 {
        return Err("has no pixels".to_string());
    }
    if u64::from(width) * u64::from(height) > MAX_IMAGE_PIXELS {
        return Err(format!("is too large ({width}x{height} pixels)"));
    }
    Ok(Image {
        bytes: Arc::new(bytes),
        format,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_formats() {
        assert_eq!(
            ImageFormat::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(ImageFormat::Jpeg)
        );
        assert_eq!(ImageFormat::sniff(b"GIF89a...."), Some(ImageFormat::Gif));
        assert_eq!(ImageFormat::sniff(b"<html>"), None);
    }

    #[test]
    fn undecodable_bytes_are_a_problem_not_a_panic() {
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.extend_from_slice(&[0; 10]);
        assert!(probe(bytes).is_err());
    }

    #[test]
    fn remote_and_missing_images_are_problems() {
        assert!(load_one("https://example.org/a.jpg", None).is_err());
        let root = std::env::temp_dir().canonicalize().unwrap();
        let err = load_one("/nonexistent/x.jpg", Some(&root)).unwrap_err();
        assert!(err.0.contains("/nonexistent/x.jpg"));
    }
}
