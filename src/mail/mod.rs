//! The lab's own pages, printed beside the photo sheets: what the mailroom prints to pack and
//! send (packing lists, shipping labels) and the calibration sheet a technician prints to
//! measure a printer. Shipments, scans and their rules are `domain::shipment`,
//! `domain::tracking` and the services in `app::shipments` and `app::scan`; sending a page to a
//! printer is `print`. This module only lays out pages.

pub mod calibration;
pub mod documents;

/// What the pages' tests share.
#[cfg(test)]
mod tests {
    use crate::render::font::Font;
    use crate::render::{Item, Rect};

    /// What an item covers: line widths and the font's ascent and descent included.
    pub fn bounds(item: &Item) -> Rect {
        match item {
            Item::Line { x1, y1, x2, y2, width_mm } => {
                let r = width_mm / 2.0;
                let (x, y) = (x1.min(*x2) - r, y1.min(*y2) - r);
                Rect::new(x, y, x1.max(*x2) + r - x, y1.max(*y2) + r - y)
            }
            Item::Frame { rect, width_mm } => {
                let r = width_mm / 2.0;
                Rect::new(rect.x - r, rect.y - r, rect.w + 2.0 * r, rect.h + 2.0 * r)
            }
            Item::Text { x, y, size_pt, text } => {
                let f = Font::bundled();
                let up = f.ascent_mm(*size_pt);
                Rect::new(*x, y - up, f.text_width_mm(text, *size_pt), up + f.descent_mm(*size_pt))
            }
            Item::Barcode { rect, .. } => *rect,
            Item::Photo { frame, .. } => *frame,
        }
    }
}
