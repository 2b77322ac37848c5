//! Typesetting: fonts, shaping, line breaking, layout and PDF writing.
//! Knows nothing of reports: documents (`crate::documents`) build on it.
//!
//! Pipeline: text → [`shape`] (harfrust, the font's GSUB/GPOS) →
//! [`breaks`] (ICU dictionary + Thai word list + link rules) →
//! [`layout`] (lines) → [`flow`] (pages, tables) → [`pdf`] (content streams
//! written as pages are drawn, ActualText, subset fonts), and on request the same pages as SVG for an
//! on-screen preview (`svg`).

pub mod breaks;
pub mod chart;
mod content;
pub mod flow;
pub mod font;
pub mod glyph_text;
mod image;
pub mod layout;
pub mod overflow;
pub mod pdf;
pub mod raster;
pub mod shape;
mod stamp;
mod svg;
mod unit_patterns;
pub mod units;
pub mod words;

pub use flow::{Block, Cell, Flow, Margins, Table};
pub use font::Weight;
pub use image::is_svg;
pub use layout::{Align, Line, Paragraph, Span, Style};
pub use pdf::{Area, Image, PageSize, PdfWriter, mm};
pub use svg::escape as svg_escape;

#[derive(Debug, thiserror::Error)]
pub enum TypesetError {
    #[error("{0}")]
    Image(String),
    #[error("{0}")]
    Font(String),
    #[error("{0}")]
    Layout(String),
}
