//! Barcodes as a scanner would see them: `hayro` rasterises the page at 300 dpi and `rxing`
//! decodes what is drawn there. Only the window around a barcode is rasterised (with its quiet
//! zones), through the page's own transform, so the pixels are exactly those of the same
//! window in a raster of the whole page, with anything else drawn there included; hayro skips
//! what falls outside the window (the photos), which is what makes checking every barcode of a
//! large job affordable.

use crate::render::Rect;
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_interpret::util::TransformExt;
use hayro::hayro_syntax::page::Page;
use hayro::kurbo::Affine;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::vello_cpu::{Pixmap, RasterizerSettings, RenderContext, Resources, TargetInit};
use hayro::{RenderCache, RenderSettings, render_into};

pub const DPI: f64 = 300.0;

/// A window of the page (mm from its top-left corner) at [`DPI`], as grey levels.
pub struct Window {
    pub width: u32,
    pub height: u32,
    pub luma: Vec<u8>,
}

fn px(mm: f64) -> f64 {
    mm / 25.4 * DPI
}

/// Rasterise `window` of `page` on white paper.
pub fn window<'a>(page: &'a Page<'a>, cache: &RenderCache<'a>, window: &Rect) -> Result<Window, String> {
    let (x0, y0) = (px(window.x).floor(), px(window.y).floor());
    let (w, h) = ((px(window.right()).ceil() - x0).max(1.0), (px(window.bottom()).ceil() - y0).max(1.0));
    if w > u16::MAX as f64 || h > u16::MAX as f64 {
        let (w, h) = (format!("{:.0}", window.w), format!("{:.0}", window.h));
        return Err(crate::msg!("verify-window-too-large", w = w, h = h).to_string());
    }
    let (w, h) = (w as u16, h as u16);
    let scale = DPI / 72.0;
    let transform = Affine::translate((-x0, -y0)) * Affine::scale(scale) * page.initial_transform(true).to_kurbo();
    let mut ctx = RenderContext::new(w, h);
    render_into(page, cache, &InterpreterSettings::default(), &RenderSettings::default(), &mut ctx, transform);
    ctx.flush();
    let mut pixmap = Pixmap::new(w, h);
    ctx.render_with(
        &mut pixmap,
        &mut Resources::default(),
        RasterizerSettings { target_init: TargetInit::Clear(WHITE), ..Default::default() },
    );
    // White paper under everything, so the pixels are opaque and premultiplying changes nothing.
    let luma =
        pixmap.data().iter().map(|p| ((p.r as u32 * 299 + p.g as u32 * 587 + p.b as u32 * 114) / 1000) as u8).collect();
    Ok(Window { width: w as u32, height: h as u32, luma })
}

/// The text of the one Code 128 barcode in the window, as rxing reads it.
pub fn decode_code128(w: Window) -> Result<String, String> {
    rxing::helpers::detect_in_luma(w.luma, w.width, w.height, Some(rxing::BarcodeFormat::CODE_128))
        .map(|r| r.getText().to_string())
        .map_err(|e| match e {
            rxing::Exceptions::NotFoundException(_) => crate::i18n::tr("verify-barcode-none"),
            e => crate::msg!("verify-barcode-bad", error = e.to_string()).to_string(),
        })
}
