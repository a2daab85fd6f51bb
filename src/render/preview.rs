//! Page previews: one page of a PDF rendered to PNG with `hayro`, for the GUI and for checking
//! our own output with a reader no one here wrote. It only reads PDF bytes; it never writes a
//! PDF and never changes one.

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings, render};

/// A rendered PNG as a JPEG (quality 90), for a preview saved under a .jpg name.
pub fn png_to_jpeg(png: &[u8]) -> Result<Vec<u8>, String> {
    let img = image::load_from_memory_with_format(png, image::ImageFormat::Png).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img.to_rgb8())
        .map_err(|e| crate::msg!("send-preview-jpeg", error = e.to_string()).to_string())?;
    Ok(out)
}

/// The largest side the renderer can draw, in pixels.
const MAX_SIDE_PX: f32 = u16::MAX as f32;

/// Renders page `page_index` (0-based) of `pdf` at `dpi` on white paper and returns a PNG.
pub fn page_png(pdf: &[u8], page_index: usize, dpi: f32) -> Result<Vec<u8>, String> {
    if !(dpi.is_finite() && dpi > 0.0) {
        return Err(crate::msg!("send-preview-bad-dpi", dpi = dpi.to_string()).to_string());
    }
    let doc = Pdf::new(pdf.to_vec())
        .map_err(|e| crate::msg!("send-preview-unreadable", error = format!("{e:?}")).to_string())?;
    let pages = doc.pages();
    let page = pages
        .get(page_index)
        .ok_or_else(|| crate::msg!("send-preview-no-page", page = page_index + 1, pages = pages.len()).to_string())?;
    let (w, h) = page.render_dimensions();
    let (w_px, h_px) = ((w * dpi / 72.0).round().max(1.0), (h * dpi / 72.0).round().max(1.0));
    if w_px > MAX_SIDE_PX || h_px > MAX_SIDE_PX {
        return Err(crate::msg!(
            "send-preview-too-large",
            page = page_index + 1,
            dpi = dpi.to_string(),
            max = MAX_SIDE_PX.to_string()
        )
        .to_string());
    }
    // hayro truncates the scaled size, so 6 inches at 300 dpi could come out 1799 pixels wide;
    // aiming a quarter pixel beyond the rounded size gives exactly 1800.
    let settings = PixmapSettings { x_scale: (w_px + 0.25) / w, y_scale: (h_px + 0.25) / h, bg_color: WHITE };
    let cache = RenderCache::new();
    let pixmap = render(page, &cache, &InterpreterSettings::default(), &RenderSettings::default(), &settings);
    pixmap.into_png().map_err(|e| crate::msg!("send-preview-png", error = e.to_string()).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_garbage_and_bad_resolution() {
        assert!(page_png(b"not a pdf", 0, 72.0).unwrap_err().contains("cannot read the PDF"));
        assert!(page_png(b"%PDF-1.7", 0, 0.0).unwrap_err().contains("positive"));
    }
}
