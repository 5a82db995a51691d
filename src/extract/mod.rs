//! Extraction: HTML page -> [`crate::model::Article`].
