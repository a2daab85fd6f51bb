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

pub const PT_PER_MM: f64 = 72.0 / 25.4;
