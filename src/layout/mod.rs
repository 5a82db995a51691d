//! Layout: [`crate::model::Book`] + style + fonts -> pages of positioned items.
