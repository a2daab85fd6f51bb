//! Planning, pure and without I/O: where a layout puts things on a sheet (in mm from the
//! paper's top-left corner) and which student sits in which group slot of which sheet. Each
//! class starts on a new sheet, so a school can hand prints out class by class. Planning
//! never reads files, the store or fonts' glyph tables beyond metrics, and never writes PDF.

use std::ops::Range;

use super::file::{Align, Band, Direction, FillOrder, Layout, Separator, Side, VSide};
use crate::render::Rect;
use crate::render::font::Font;

/// Tolerance for float sums of millimetres.
pub const EPS: f64 = 1e-6;
pub const MM_PER_PT: f64 = 25.4 / 72.0;

/// Barcode rule: Code128 bars sized for code set B (11 modules a character, plus start, check
/// and stop: 11 n + 35 modules, the worst case); modules at least 0.25 mm so office laser
/// printers and hand scanners agree; 10 modules of quiet zone free on each side.
pub const MIN_MODULE_MM: f64 = 0.25;
/// Wider modules scan no better and only take room.
pub const MAX_MODULE_MM: f64 = 0.5;
pub const QUIET_MODULES: usize = 10;
pub const MIN_BAR_HEIGHT_MM: f64 = 8.0;
/// Between the bars and their human-readable text.
pub const READABLE_GAP_MM: f64 = 0.5;
/// Between a band's text and its barcode.
pub const BAND_TEXT_GAP_MM: f64 = 2.0;

/// Code128 modules of a payload of `chars` characters in code set B.
pub fn code128_modules(chars: usize) -> usize {
    11 * chars + 35
}

/// Narrowest slot that holds a `chars`-character barcode with its quiet zones.
pub fn barcode_min_width_mm(chars: usize) -> f64 {
    (code128_modules(chars) + 2 * QUIET_MODULES) as f64 * MIN_MODULE_MM
}

/// Height taken by a line of human-readable text under bars (0 when `text_pt` is 0).
pub fn readable_text_mm(text_pt: f64) -> f64 {
    if text_pt <= 0.0 {
        return 0.0;
    }
    let f = Font::bundled();
    READABLE_GAP_MM + f.ascent_mm(text_pt) + f.descent_mm(text_pt)
}

/// Where one student group goes on a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSlot {
    /// The whole group: photos, caption and barcode.
    pub cell: Rect,
    /// Photo frames, exactly the layout's boxes.
    pub photos: Vec<Rect>,
    pub caption: Rect,
    /// The barcode slot: bars, quiet zones and readable text fit inside.
    pub barcode: Option<Rect>,
}

/// A header or footer: its text on the left, the sheet barcode slot at the right end.
#[derive(Debug, Clone, PartialEq)]
pub struct BandSlot {
    pub rect: Rect,
    pub text: Rect,
    pub barcode: Option<Rect>,
}

/// A separator sheet: three text lines (school, class, count) and the packet barcode slot.
#[derive(Debug, Clone, PartialEq)]
pub struct SeparatorSlots {
    pub lines: Vec<Rect>,
    pub barcode: Rect,
}

/// One group's parts relative to the group's top-left corner.
#[derive(Debug, Clone)]
pub(crate) struct GroupShape {
    pub photos: Vec<Rect>,
    pub caption: Rect,
    pub barcode: Option<Rect>,
    pub w: f64,
    pub h: f64,
}

fn shifted(r: Rect, dx: f64, dy: f64) -> Rect {
    Rect::new(r.x + dx, r.y + dy, r.w, r.h)
}

impl Layout {
    /// Paper width and height in mm, orientation applied.
    pub fn paper_mm(&self) -> (f64, f64) {
        use super::file::Orientation::*;
        let p = &self.paper;
        let (w, h) = match p.size {
            Some(size) => size.mm(),
            None => (p.width_mm.unwrap_or(0.0), p.height_mm.unwrap_or(0.0)),
        };
        match p.orientation {
            Some(Landscape) if w < h => (h, w),
            Some(Portrait) if w > h => (h, w),
            _ => (w, h),
        }
    }

    /// The paper less its margins.
    pub fn printable(&self) -> Rect {
        let (w, h) = self.paper_mm();
        let m = &self.paper.margins_mm;
        Rect::new(m.left, m.top, w - m.left - m.right, h - m.top - m.bottom)
    }

    pub fn header(&self) -> Option<BandSlot> {
        let b = self.header_on()?;
        let p = self.printable();
        Some(band_slot(b, Rect::new(p.x, p.y, p.w, b.height_mm)))
    }

    pub fn footer(&self) -> Option<BandSlot> {
        let b = self.footer_on()?;
        let p = self.printable();
        Some(band_slot(b, Rect::new(p.x, p.bottom() - b.height_mm, p.w, b.height_mm)))
    }

    /// The printable area left for student groups (and separator content) once the header and
    /// footer with their gaps are taken.
    pub fn group_area(&self) -> Rect {
        let mut a = self.printable();
        if let Some(b) = self.header_on() {
            a.y += b.height_mm + b.gap_mm;
            a.h -= b.height_mm + b.gap_mm;
        }
        if let Some(b) = self.footer_on() {
            a.h -= b.height_mm + b.gap_mm;
        }
        a
    }

    /// Student groups on one sheet.
    pub fn groups_per_sheet(&self) -> usize {
        (self.sheet.rows * self.sheet.columns) as usize
    }

    /// Photo boxes of one group relative to its top-left corner, in drawing order.
    fn photo_boxes(&self) -> Vec<Rect> {
        let g = &self.group;
        if !g.photos.is_empty() {
            return g.photos.iter().map(|p| Rect::new(p.x_mm, p.y_mm, p.width_mm, p.height_mm)).collect();
        }
        let mut out = Vec::new();
        let (mut bx, mut by) = (0.0, 0.0);
        for b in &g.blocks {
            for r in 0..b.rows {
                for c in 0..b.columns {
                    let x = bx + c as f64 * (b.width_mm + g.gap_mm);
                    let y = by + r as f64 * (b.height_mm + g.gap_mm);
                    out.push(Rect::new(x, y, b.width_mm, b.height_mm));
                }
            }
            let bw = b.columns as f64 * b.width_mm + (b.columns - 1) as f64 * g.gap_mm;
            let bh = b.rows as f64 * b.height_mm + (b.rows - 1) as f64 * g.gap_mm;
            match g.direction {
                Direction::Right => bx += bw + g.gap_mm,
                Direction::Down => by += bh + g.gap_mm,
            }
        }
        out
    }

    /// One group's photos, caption and barcode relative to the group's corner.
    pub(crate) fn group_shape(&self) -> GroupShape {
        let mut photos = self.photo_boxes();
        let pw = photos.iter().map(|r| r.right()).fold(0.0, f64::max);
        let ph = photos.iter().map(|r| r.bottom()).fold(0.0, f64::max);
        let c = &self.caption;
        let (mut caption, mut w, mut h) = match c.position {
            Side::Below => {
                let cap = Rect::new(0.0, ph + c.gap_mm, c.width_mm.unwrap_or(pw), c.height_mm.unwrap_or(0.0));
                (cap, pw.max(cap.w), cap.bottom())
            }
            Side::Right => {
                let cap = Rect::new(pw + c.gap_mm, 0.0, c.width_mm.unwrap_or(0.0), c.height_mm.unwrap_or(ph));
                (cap, cap.right(), ph.max(cap.h))
            }
        };
        let mut barcode = None;
        if let Some(b) = self.barcode_on() {
            let bh = b.height_mm + readable_text_mm(b.text_pt);
            match b.position {
                VSide::Below => barcode = Some(Rect::new(0.0, h + b.gap_mm, w, bh)),
                VSide::Above => {
                    let dy = bh + b.gap_mm;
                    photos = photos.into_iter().map(|r| shifted(r, 0.0, dy)).collect();
                    caption = shifted(caption, 0.0, dy);
                    barcode = Some(Rect::new(0.0, 0.0, w, bh));
                }
            }
            h += bh + b.gap_mm;
        }
        w = w.max(0.0);
        GroupShape { photos, caption, barcode, w, h }
    }

    /// Every group slot of a sheet, in the order students fill them.
    pub fn group_slots(&self) -> Vec<GroupSlot> {
        let shape = self.group_shape();
        let s = &self.sheet;
        let area = self.group_area();
        let (rows, cols) = (s.rows as usize, s.columns as usize);
        let total_w = cols as f64 * shape.w + (cols as f64 - 1.0) * s.gap_x_mm;
        let total_h = rows as f64 * shape.h + (rows as f64 - 1.0) * s.gap_y_mm;
        let (ox, oy) = match s.align {
            Align::TopLeft => (area.x, area.y),
            Align::Center => (area.x + (area.w - total_w) / 2.0, area.y + (area.h - total_h) / 2.0),
        };
        let cells: Vec<(usize, usize)> = match s.order {
            FillOrder::Rows => (0..rows).flat_map(|r| (0..cols).map(move |c| (r, c))).collect(),
            FillOrder::Columns => (0..cols).flat_map(|c| (0..rows).map(move |r| (r, c))).collect(),
        };
        cells
            .into_iter()
            .map(|(r, c)| {
                let x = ox + c as f64 * (shape.w + s.gap_x_mm);
                let y = oy + r as f64 * (shape.h + s.gap_y_mm);
                GroupSlot {
                    cell: Rect::new(x, y, shape.w, shape.h),
                    photos: shape.photos.iter().map(|p| shifted(*p, x, y)).collect(),
                    caption: shifted(shape.caption, x, y),
                    barcode: shape.barcode.map(|b| shifted(b, x, y)),
                }
            })
            .collect()
    }

    /// Height of a separator sheet's content: three lines, a gap, the packet barcode.
    pub(crate) fn separator_block_height(&self, s: &Separator) -> f64 {
        let line = separator_line_mm(s);
        3.0 * line + 2.0 * separator_line_gap(s) + line + s.barcode_height_mm + readable_text_mm(s.text_pt)
    }

    /// The separator sheet's slots, centred vertically in the group area; `None` when the
    /// layout prints no separator sheets.
    pub fn separator_slots(&self) -> Option<SeparatorSlots> {
        let s = self.separator_on()?;
        let area = self.group_area();
        let line = separator_line_mm(s);
        let mut y = area.y + (area.h - self.separator_block_height(s)) / 2.0;
        let mut lines = Vec::new();
        for _ in 0..3 {
            lines.push(Rect::new(area.x, y, area.w, line));
            y += line + separator_line_gap(s);
        }
        y += line - separator_line_gap(s);
        let barcode = Rect::new(area.x, y, area.w, s.barcode_height_mm + readable_text_mm(s.text_pt));
        Some(SeparatorSlots { lines, barcode })
    }
}

fn separator_line_mm(s: &Separator) -> f64 {
    let f = Font::bundled();
    f.ascent_mm(s.font_pt) + f.descent_mm(s.font_pt)
}

fn separator_line_gap(s: &Separator) -> f64 {
    s.font_pt * MM_PER_PT * 0.5
}

fn band_slot(b: &Band, rect: Rect) -> BandSlot {
    if !b.barcode {
        return BandSlot { rect, text: rect, barcode: None };
    }
    let bw = barcode_min_width_mm(b.barcode_max_chars as usize);
    let barcode = Rect::new(rect.right() - bw, rect.y, bw, rect.h);
    let text = Rect::new(rect.x, rect.y, (rect.w - bw - BAND_TEXT_GAP_MM).max(0.0), rect.h);
    BandSlot { rect, text, barcode: Some(barcode) }
}

/// What a sheet carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetKind {
    /// The class separator sheet printed before a class's photo sheets.
    Separator {
        class: String,
    },
    Photos {
        class: String,
    },
}

/// A student in a group slot: `slot` indexes `Layout::group_slots()`, `student` the job's
/// print order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub slot: usize,
    pub student: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetPlan {
    /// 1-based number of the sheet in the job.
    pub number: usize,
    /// Index of the sheet's class in the classes given to `plan`.
    pub class_index: usize,
    pub kind: SheetKind,
    /// Empty for a separator sheet; slots filled in the layout's order.
    pub placements: Vec<Placement>,
}

impl SheetPlan {
    pub fn class(&self) -> &str {
        match &self.kind {
            SheetKind::Separator { class } | SheetKind::Photos { class } => class,
        }
    }

    pub fn is_separator(&self) -> bool {
        matches!(self.kind, SheetKind::Separator { .. })
    }
}

/// Plan the sheets of a job: `classes` are (class, number of students) in print order, and a
/// student's index is his position in that order. Each class starts on a new sheet, behind
/// its separator sheet when the layout asks for one; a class of no students gets no sheets.
pub fn plan(layout: &Layout, classes: &[(String, usize)]) -> Vec<SheetPlan> {
    let per_sheet = layout.groups_per_sheet().max(1);
    let separators = layout.separator_on().is_some();
    let mut sheets = Vec::new();
    let mut first = 0;
    for (class_index, (class, count)) in classes.iter().enumerate() {
        if *count > 0 && separators {
            sheets.push(SheetPlan {
                number: sheets.len() + 1,
                class_index,
                kind: SheetKind::Separator { class: class.clone() },
                placements: Vec::new(),
            });
        }
        let students: Vec<usize> = (first..first + count).collect();
        for chunk in students.chunks(per_sheet) {
            let placements = chunk.iter().enumerate().map(|(slot, &student)| Placement { slot, student }).collect();
            sheets.push(SheetPlan {
                number: sheets.len() + 1,
                class_index,
                kind: SheetKind::Photos { class: class.clone() },
                placements,
            });
        }
        first += count;
    }
    sheets
}

/// Split sheets into PDF parts of at most `max_sheets` (0: no limit). A part ends at the last
/// class boundary inside it, so a class is not cut across files; only a class longer than
/// `max_sheets` is split, at the limit.
pub fn split_parts(sheets: &[SheetPlan], max_sheets: usize) -> Vec<Range<usize>> {
    let max = if max_sheets == 0 { sheets.len().max(1) } else { max_sheets };
    let mut parts = Vec::new();
    let mut start = 0;
    while start < sheets.len() {
        let limit = (start + max).min(sheets.len());
        let mut end = limit;
        if limit < sheets.len() {
            // The last index in (start, limit] where a new class begins.
            if let Some(b) = (start + 1..=limit).rev().find(|&i| sheets[i].class_index != sheets[i - 1].class_index) {
                end = b;
            }
        }
        parts.push(start..end);
        start = end;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::file::builtin;

    fn shipped(name: &str) -> Layout {
        Layout::from_toml(builtin(name).unwrap(), name).unwrap()
    }

    fn classes(sizes: &[usize]) -> Vec<(String, usize)> {
        sizes.iter().enumerate().map(|(i, n)| (format!("班{i}"), *n)).collect()
    }

    #[test]
    fn classes_start_on_new_sheets_behind_separators() {
        let l = shipped("a4-2cun-x4");
        let per = l.groups_per_sheet();
        assert!(l.separator_on().is_some());
        let sheets = plan(&l, &classes(&[per + 1, 0, 1]));
        let kinds: Vec<(bool, usize, usize)> =
            sheets.iter().map(|s| (s.is_separator(), s.class_index, s.placements.len())).collect();
        assert_eq!(kinds, vec![(true, 0, 0), (false, 0, per), (false, 0, 1), (true, 2, 0), (false, 2, 1)]);
        assert_eq!(sheets.iter().map(|s| s.number).collect::<Vec<_>>(), vec![1, 2, 3, 4, 5]);
        assert_eq!(sheets[2].placements, vec![Placement { slot: 0, student: per }]);
        assert_eq!(sheets[4].placements, vec![Placement { slot: 0, student: per + 1 }]);
    }

    fn sheets_of(class_of_sheet: &[usize]) -> Vec<SheetPlan> {
        class_of_sheet
            .iter()
            .enumerate()
            .map(|(i, &c)| SheetPlan {
                number: i + 1,
                class_index: c,
                kind: SheetKind::Photos { class: c.to_string() },
                placements: vec![],
            })
            .collect()
    }

    #[test]
    fn parts_break_at_class_boundaries() {
        let s = sheets_of(&[0, 0, 0, 1, 1, 2, 2, 2, 2, 2, 2, 3]);
        // 0..5 holds classes 0 and 1 whole; class 2 (6 sheets) is split at the limit.
        assert_eq!(split_parts(&s, 5), vec![0..5, 5..10, 10..12]);
        assert_eq!(split_parts(&s, 4), vec![0..3, 3..5, 5..9, 9..12]);
        assert_eq!(split_parts(&s, 0), vec![0..12]);
        assert_eq!(split_parts(&s, 100), vec![0..12]);
        assert_eq!(split_parts(&s[..3], 3), vec![0..3]);
        assert!(split_parts(&[], 4).is_empty());
    }

    #[test]
    fn slots_fill_in_order_and_frames_are_the_layout_mm() {
        let text = builtin("a4-2cun-x4").unwrap().replace("align = \"center\"", "align = \"top_left\"");
        let l = Layout::from_toml(&text, "t.toml").unwrap();
        let slots = l.group_slots();
        assert_eq!(slots.len(), 4);
        // Margin 8 mm; header 12 mm + 3 mm gap; 2 x 2 photos of 35 x 49 mm with 2 mm gaps.
        assert_eq!(slots[0].photos[0], Rect::new(8.0, 23.0, 35.0, 49.0));
        assert_eq!(slots[0].photos[3], Rect::new(45.0, 74.0, 35.0, 49.0));
        assert_eq!(slots[0].caption, Rect::new(8.0, 124.0, 72.0, 16.5));
        // Second group: 72 mm of photos + 10 mm gap to the right, same row.
        assert_eq!(slots[1].photos[0], Rect::new(90.0, 23.0, 35.0, 49.0));
        assert!(slots[2].cell.y > slots[0].cell.bottom());
        let text = text.replace("order = \"rows\"", "order = \"columns\"");
        let by_columns = Layout::from_toml(&text, "t.toml").unwrap().group_slots();
        assert_eq!(by_columns[1].cell, slots[2].cell);
    }
}
