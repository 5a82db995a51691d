//! The book's images as EPUB resources: one file per distinct figure `src`, named by order of
//! first appearance, bytes copied unchanged (JPEG, PNG, GIF are EPUB core media types);
//! WebP, which is not one, is decoded and written as PNG.
//!
//! An image the assets stage could not read, or a WebP that will not decode, is `Missing`:
//! the content shows a visible note instead, never a broken reference.

use std::collections::BTreeMap;

use crate::assets::{Assets, ImageFormat};
use crate::model::{Block, Book};

/// How a figure's image appears in the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placed {
    /// The image is in the book at `href` (relative to the content documents).
    Shown {
        /// Path relative to the content documents.
        href: String,
        /// Pixel width.
        width: u32,
        /// Pixel height.
        height: u32,
    },
    /// The image could not be used.
    Missing,
}

/// One image file to store in the EPUB.
#[derive(Debug, Clone)]
pub struct ImageFile {
    /// Path relative to the package document's folder.
    pub href: String,
    /// Media type for the manifest.
    pub media_type: &'static str,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Every figure `src` of a book and where its image went.
#[derive(Debug, Default)]
pub struct ImagePlan {
    by_src: BTreeMap<String, Placed>,
    /// The files, in order of first appearance.
    pub files: Vec<ImageFile>,
    /// Why an image was not used, for each one that was not.
    pub problems: Vec<String>,
}

impl ImagePlan {
    /// Decides the file of every figure image of `book`.
    pub fn new(book: &Book, assets: &Assets) -> ImagePlan {
        let mut plan = ImagePlan::default();
        let mut stack: Vec<&Block> = Vec::new();
        for article in &book.articles {
            stack.extend(article.blocks.iter().rev());
            while let Some(b) = stack.pop() {
                match b {
                    Block::Figure(f) => plan.add(&f.src, assets),
                    Block::List(l) => {
                        for item in l.items.iter().rev() {
                            stack.extend(item.blocks.iter().rev());
                        }
                    }
                    Block::Quote { blocks } => stack.extend(blocks.iter().rev()),
                    _ => {}
                }
            }
        }
        plan
    }

    fn add(&mut self, src: &str, assets: &Assets) {
        if self.by_src.contains_key(src) {
            return;
        }
        let placed = match assets.get(src) {
            Ok(img) => {
                let n = self.files.len() + 1;
                let converted = match img.format {
                    ImageFormat::Webp => webp_to_png(&img.bytes)
                        .map(|png| (png, "png", "image/png"))
                        .map_err(|e| format!("image {src}: webp could not be converted ({e})")),
                    f => Ok((img.bytes.as_ref().clone(), f.extension(), f.media_type())),
                };
                match converted {
                    Ok((bytes, ext, media_type)) => {
                        let href = format!("images/image-{n:03}.{ext}");
                        self.files.push(ImageFile {
                            href: href.clone(),
                            media_type,
                            bytes,
                        });
                        Placed::Shown {
                            href,
                            width: img.width,
                            height: img.height,
                        }
                    }
                    Err(e) => {
                        self.problems.push(e);
                        Placed::Missing
                    }
                }
            }
            Err(p) => {
                self.problems.push(p.0);
                Placed::Missing
            }
        };
        self.by_src.insert(src.to_string(), placed);
    }

    /// Where the image of `src` went.
    pub fn get(&self, src: &str) -> &Placed {
        self.by_src.get(src).unwrap_or(&Placed::Missing)
    }
}

fn webp_to_png(bytes: &[u8]) -> Result<Vec<u8>, image::ImageError> {
    let img = image::load_from_memory_with_format(bytes, image::ImageFormat::WebP)?;
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)?;
    Ok(out.into_inner())
}
