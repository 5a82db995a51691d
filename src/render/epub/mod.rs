//! The EPUB 3 packager.
