//! A sheet as drawing instructions: everything in millimetres, measured from the top-left
//! corner of the paper, as layouts are written. Only the PDF writer converts to points.

/// A rectangle: `x`, `y` is its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Self {
        Rect { x, y, w, h }
    }

    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// Whether two rectangles share any area (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }

    /// Whether `o` lies inside this rectangle, allowing `eps` mm of rounding.
    pub fn contains(&self, o: &Rect, eps: f64) -> bool {
        o.x >= self.x - eps
            && o.y >= self.y - eps
            && o.right() <= self.right() + eps
            && o.bottom() <= self.bottom() + eps
    }
}

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A stored photo (by its SHA-256) scaled to cover `frame` and cropped to it by a clipping
    /// path; the JPEG bytes are embedded untouched.
    Photo { sha256: String, frame: Rect },
    /// One line of text in the bundled font; `x`, `y` is the left end of its baseline.
    Text { x: f64, y: f64, size_pt: f64, text: String },
    /// A straight line (crop marks, rules).
    Line { x1: f64, y1: f64, x2: f64, y2: f64, width_mm: f64 },
    /// A rectangle outline.
    Frame { rect: Rect, width_mm: f64 },
    /// A Code128 barcode whose bars fill `rect` exactly; the caller leaves quiet zones around it.
    Barcode { payload: String, rect: Rect },
}

/// A page to draw: its paper size and items, in drawing order.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSpec {
    pub width_mm: f64,
    pub height_mm: f64,
    pub items: Vec<Item>,
}

impl PageSpec {
    /// How near each edge (top, right, bottom, left) anything on the page is drawn, in mm:
    /// what a printer's margins must allow for the page to print whole.
    pub fn ink_margins(&self) -> [f64; 4] {
        let mut m = [f64::INFINITY; 4];
        let mut take = |x0: f64, y0: f64, x1: f64, y1: f64| {
            m[0] = m[0].min(y0.min(y1));
            m[1] = m[1].min(self.width_mm - x0.max(x1));
            m[2] = m[2].min(self.height_mm - y0.max(y1));
            m[3] = m[3].min(x0.min(x1));
        };
        for item in &self.items {
            match item {
                Item::Photo { frame: r, .. } | Item::Barcode { rect: r, .. } | Item::Frame { rect: r, .. } => {
                    take(r.x, r.y, r.right(), r.bottom())
                }
                Item::Line { x1, y1, x2, y2, width_mm } => {
                    let hw = width_mm / 2.0;
                    take(x1.min(*x2) - hw, y1.min(*y2) - hw, x1.max(*x2) + hw, y1.max(*y2) + hw)
                }
                // A line of text reaches about one size above its baseline.
                Item::Text { x, y, size_pt, .. } => take(*x, y - size_pt * 25.4 / 72.0, *x, *y),
            }
        }
        m.map(|v| if v.is_finite() { v.max(0.0) } else { 0.0 })
    }
}

pub const PT_PER_MM: f64 = 72.0 / 25.4;

pub use crate::domain::printing::Adjustment;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ink_margins_measure_the_nearest_drawing() {
        let page = PageSpec {
            width_mm: 100.0,
            height_mm: 150.0,
            items: vec![Item::Frame { rect: Rect::new(5.0, 7.0, 80.0, 100.0), width_mm: 0.2 }],
        };
        assert_eq!(page.ink_margins(), [7.0, 15.0, 43.0, 5.0]);
    }
}
