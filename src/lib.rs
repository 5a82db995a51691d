//! largeprint turns Vietnamese government portal bulletin pages into accessible large-print
//! editions: a tagged PDF/UA-1 PDF and an EPUB 3 (EPUB Accessibility 1.1) whose page-list
//! matches the PDF's pages.
//!
//! The pipeline, one plain function per arrow:
//! ```text
//! bytes --text::decode--> text --extract--> Article --assets--> images
//!   Book (one or many Articles) --layout--> Layout (pages of positioned lines and images)
//!   Layout --render::pdf--> PDF bytes
//!   Book + Layout::page_starts --render::epub--> EPUB bytes
//! many inputs --batch--> one Outcome each, one Report
//! ```
#![deny(missing_docs)]

pub mod assets;
pub mod batch;
pub mod cli;
pub mod extract;
pub mod fetch;
pub mod layout;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod text;

pub use model::{Article, Block, Book, Inline, Meta};
