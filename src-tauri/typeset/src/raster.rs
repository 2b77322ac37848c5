//! Pixels from an SVG page (resvg): an infographic drawn from outlined
//! pages ([`crate::PdfWriter::with_outlined_preview`]), so its Thai is
//! shaped and broken by this crate, not by a text engine's guess.

use resvg::{tiny_skia, usvg};

use super::TypesetError;

/// `svg` drawn `scale` pixels to its unit (1: a point is a pixel) on
/// white, as a PNG. The same SVG gives the same bytes.
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>, TypesetError> {
    let fail = |e: String| TypesetError::Image(e);
    let tree =
        usvg::Tree::from_str(svg, &usvg::Options::default()).map_err(|e| fail(format!("cannot read the SVG: {e}")))?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).round() as u32,
        (size.height() * scale).round() as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(w.max(1), h.max(1)).ok_or_else(|| fail("the SVG is empty".into()))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| fail(format!("cannot encode the PNG: {e}")))
}
