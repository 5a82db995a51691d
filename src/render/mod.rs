//! Writers: the PDF edition from a [`crate::layout::Layout`], the EPUB edition from the
//! [`crate::model::Book`] and the PDF's page starts. Neither breaks lines nor lays out pages.

pub mod epub;
pub mod pdf;
