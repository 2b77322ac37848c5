//! Images a document places: PNG and JPEG decoded by printpdf, SVG drawn
//! to pixels by resvg.

use printpdf::RawImage;

use super::TypesetError;

/// A decoded image ready to place.
pub struct Image {
    pub(crate) raw: RawImage,
    pub width_px: usize,
    pub height_px: usize,
}

impl Image {
    /// Decodes PNG, JPEG or SVG bytes (SVG is rendered to pixels with
    /// resvg, no text, no external files, at [`SVG_PIXELS`] on its long side).
    pub fn decode(bytes: &[u8]) -> Result<Image, TypesetError> {
        let raw = if is_svg(bytes) {
            rasterize_svg(bytes)?
        } else {
            let mut warnings = Vec::new();
            let mut raw = RawImage::decode_from_bytes(bytes, &mut warnings)
                .map_err(|e| TypesetError::Image(format!("cannot read the image: {e}")))?;
            to_8_bit(&mut raw);
            raw
        };
        if raw.width == 0 || raw.height == 0 {
            return Err(TypesetError::Image("the image is empty".into()));
        }
        Ok(Image {
            width_px: raw.width,
            height_px: raw.height,
            raw,
        })
    }

    pub fn aspect(&self) -> f32 {
        self.height_px as f32 / self.width_px as f32
    }
}

/// Long side of a rendered SVG: 800 px is ~1,350 dpi for a 1.5 cm emblem.
pub const SVG_PIXELS: f32 = 800.0;

/// Does this look like an SVG document?
pub fn is_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    (head.starts_with("<?xml") || head.starts_with("<svg") || head.starts_with("<!--")) && head.contains("<svg")
}

fn rasterize_svg(bytes: &[u8]) -> Result<RawImage, TypesetError> {
    use resvg::{tiny_skia, usvg};
    let tree = usvg::Tree::from_data(bytes, &usvg::Options::default())
        .map_err(|e| TypesetError::Image(format!("cannot read the SVG: {e}")))?;
    let size = tree.size();
    let scale = SVG_PIXELS / size.width().max(size.height());
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    let mut pixmap =
        tiny_skia::Pixmap::new(w.max(1), h.max(1)).ok_or_else(|| TypesetError::Image("the SVG is empty".into()))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(RawImage {
        width: pixmap.width() as usize,
        height: pixmap.height() as usize,
        pixels: printpdf::RawImageData::U8(pixmap.take_demultiplied()),
        data_format: printpdf::RawImageFormat::RGBA8,
        tag: Vec::new(),
    })
}

/// 16-bit and float images as 8-bit: what every PDF viewer reads, and half
/// the bytes. (printpdf writes 16-bit RGBA as an empty image.)
fn to_8_bit(raw: &mut RawImage) {
    use printpdf::{RawImageData, RawImageFormat as F};
    let format = match raw.data_format {
        F::R16 => F::R8,
        F::RG16 => F::RG8,
        F::RGB16 | F::RGBF32 => F::RGB8,
        F::RGBA16 | F::RGBAF32 => F::RGBA8,
        _ => return,
    };
    let bytes = match &raw.pixels {
        RawImageData::U16(v) => v.iter().map(|p| (p >> 8) as u8).collect(),
        RawImageData::F32(v) => v.iter().map(|p| (p.clamp(0.0, 1.0) * 255.0).round() as u8).collect(),
        RawImageData::U8(_) => return,
    };
    raw.pixels = RawImageData::U8(bytes);
    raw.data_format = format;
}

impl Image {
    /// The pixels as a PNG file (for a Word file, which takes PNG).
    pub fn png(&self) -> Result<Vec<u8>, TypesetError> {
        use printpdf::{RawImageData, RawImageFormat as F};
        let color = match self.raw.data_format {
            F::R8 => png::ColorType::Grayscale,
            F::RG8 => png::ColorType::GrayscaleAlpha,
            F::RGB8 => png::ColorType::Rgb,
            F::RGBA8 => png::ColorType::Rgba,
            _ => return Err(TypesetError::Image("the image's pixels have no PNG form".into())),
        };
        let RawImageData::U8(pixels) = &self.raw.pixels else {
            return Err(TypesetError::Image("the image's pixels have no PNG form".into()));
        };
        let fail = |e: png::EncodingError| TypesetError::Image(format!("cannot encode the PNG: {e}"));
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width_px as u32, self.height_px as u32);
        encoder.set_color(color);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(fail)?;
        writer.write_image_data(pixels).map_err(fail)?;
        writer.finish().map_err(fail)?;
        Ok(out)
    }
}
