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

/// A printer's correction, applied to everything on a page sent to that printer.
///
/// Offsets use the page's own convention (mm, top-left origin): positive `offset_x_mm` moves
/// everything right, positive `offset_y_mm` moves everything DOWN, towards the bottom edge as
/// the sheet is read. `scale_pct` scales about the page centre, so a pure scale leaves the
/// centre where it was; the offset is applied after scaling.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Adjustment {
    pub offset_x_mm: f64,
    pub offset_y_mm: f64,
    pub scale_pct: f64,
}

impl Adjustment {
    pub const NONE: Adjustment = Adjustment { offset_x_mm: 0.0, offset_y_mm: 0.0, scale_pct: 100.0 };

    /// Whether this changes nothing (within 1e-9), so pages can be written exactly as without it.
    pub fn is_none(&self) -> bool {
        self.offset_x_mm.abs() <= 1e-9 && self.offset_y_mm.abs() <= 1e-9 && (self.scale_pct - 100.0).abs() <= 1e-9
    }

    /// Where the point `x_mm`, `y_mm` (top-left origin) of a `page_w_mm` x `page_h_mm` page ends
    /// up: scaled about the page centre, then shifted by the offsets (y grows downwards).
    pub fn apply(&self, x_mm: f64, y_mm: f64, page_w_mm: f64, page_h_mm: f64) -> (f64, f64) {
        let s = self.scale_pct / 100.0;
        let (cx, cy) = (page_w_mm / 2.0, page_h_mm / 2.0);
        (cx + (x_mm - cx) * s + self.offset_x_mm, cy + (y_mm - cy) * s + self.offset_y_mm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A4: (f64, f64) = (210.0, 297.0);

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
    }

    #[test]
    fn adjustment_none_is_identity() {
        assert!(Adjustment::NONE.is_none());
        assert!(close(Adjustment::NONE.apply(12.5, 40.0, A4.0, A4.1), (12.5, 40.0)));
        assert!(!Adjustment { offset_x_mm: 0.001, ..Adjustment::NONE }.is_none());
        assert!(!Adjustment { scale_pct: 100.01, ..Adjustment::NONE }.is_none());
    }

    #[test]
    fn adjustment_scale_keeps_centre_fixed() {
        let a = Adjustment { scale_pct: 98.0, ..Adjustment::NONE };
        assert!(close(a.apply(105.0, 148.5, A4.0, A4.1), (105.0, 148.5)));
        // 100 mm left of and above the centre becomes 98 mm.
        assert!(close(a.apply(5.0, 48.5, A4.0, A4.1), (7.0, 50.5)));
    }

    #[test]
    fn adjustment_offset_moves_right_and_down() {
        let a = Adjustment { offset_x_mm: 1.5, offset_y_mm: -2.0, scale_pct: 100.0 };
        assert!(close(a.apply(20.0, 30.0, A4.0, A4.1), (21.5, 28.0)));
        assert!(close(a.apply(105.0, 148.5, A4.0, A4.1), (106.5, 146.5)));
    }

    #[test]
    fn adjustment_scales_then_shifts() {
        let a = Adjustment { offset_x_mm: 1.0, offset_y_mm: 2.0, scale_pct: 102.0 };
        // (5, 48.5) is (-100, -100) from the centre: scaled to (-102, -102), then shifted.
        assert!(close(a.apply(5.0, 48.5, A4.0, A4.1), (105.0 - 102.0 + 1.0, 148.5 - 102.0 + 2.0)));
        assert!(close(a.apply(105.0, 148.5, A4.0, A4.1), (106.0, 150.5)));
    }

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
