//! Layout validation: every value checked, then everything made to fit the printable area
//! without overlapping. A refusal names the key or the part that overflows and by how many mm,
//! so a technician editing a layout file knows what to change. Pure: no I/O.

use super::file::{BAND_FIELDS, CAPTION_FIELDS, Layout, Side};
use super::plan::{self, EPS};
use super::template::{Piece, parse_template};
use crate::render::Rect;
use crate::render::font::Font;

impl Layout {
    /// Check every value, then that everything fits the printable area without overlapping.
    /// The message names the key or the part that overflows and by how many mm.
    pub fn validate(&self) -> Result<(), String> {
        self.check_values()?;
        self.check_fit()?;
        self.check_geometry()
    }

    fn check_values(&self) -> Result<(), String> {
        let p = &self.paper;
        match (p.size, p.width_mm, p.height_mm) {
            (Some(_), None, None) => {}
            (None, Some(w), Some(h)) => {
                positive("paper.width_mm", w)?;
                positive("paper.height_mm", h)?;
            }
            (Some(_), _, _) => return Err("paper: give either size or width_mm and height_mm, not both".into()),
            (None, _, _) => {
                return Err("paper: give size (A4, A5, A6, 6inch, 5inch, letter) or both width_mm and height_mm".into());
            }
        }
        let m = &p.margins_mm;
        for (k, v) in [("top", m.top), ("right", m.right), ("bottom", m.bottom), ("left", m.left)] {
            non_negative(&format!("paper.margins_mm.{k}"), v)?;
        }
        let (w, h) = self.paper_mm();
        if m.left + m.right >= w - EPS {
            return Err(format!(
                "paper.margins_mm: left + right ({:.1} mm) leave no room on paper {w:.1} mm wide",
                m.left + m.right
            ));
        }
        if m.top + m.bottom >= h - EPS {
            return Err(format!(
                "paper.margins_mm: top + bottom ({:.1} mm) leave no room on paper {h:.1} mm high",
                m.top + m.bottom
            ));
        }

        let g = &self.group;
        non_negative("group.gap_mm", g.gap_mm)?;
        match (g.blocks.is_empty(), g.photos.is_empty()) {
            (true, true) => return Err("group: give the photos as [[group.blocks]] or [[group.photos]]".into()),
            (false, false) => return Err("group: give either [[group.blocks]] or [[group.photos]], not both".into()),
            _ => {}
        }
        for (i, b) in g.blocks.iter().enumerate() {
            positive(&format!("group.blocks[{i}].width_mm"), b.width_mm)?;
            positive(&format!("group.blocks[{i}].height_mm"), b.height_mm)?;
            if b.rows == 0 || b.columns == 0 {
                return Err(format!("group.blocks[{i}]: rows and columns must be at least 1"));
            }
        }
        for (i, ph) in g.photos.iter().enumerate() {
            non_negative(&format!("group.photos[{i}].x_mm"), ph.x_mm)?;
            non_negative(&format!("group.photos[{i}].y_mm"), ph.y_mm)?;
            positive(&format!("group.photos[{i}].width_mm"), ph.width_mm)?;
            positive(&format!("group.photos[{i}].height_mm"), ph.height_mm)?;
        }

        let c = &self.caption;
        non_negative("caption.gap_mm", c.gap_mm)?;
        non_negative("caption.padding_mm", c.padding_mm)?;
        fonts("caption", c.font_pt, c.min_font_pt)?;
        if !(c.line_spacing.is_finite() && c.line_spacing >= 1.0) {
            return Err(format!("caption.line_spacing must be at least 1.0 (it is {})", c.line_spacing));
        }
        if let Some(w) = c.width_mm {
            positive("caption.width_mm", w)?;
        }
        if let Some(h) = c.height_mm {
            positive("caption.height_mm", h)?;
        }
        match c.position {
            Side::Below if c.height_mm.is_none() => {
                return Err("caption.height_mm is required when the caption is below".into());
            }
            Side::Right if c.width_mm.is_none() => {
                return Err("caption.width_mm is required when the caption is on the right".into());
            }
            _ => {}
        }
        if c.lines.is_empty() {
            return Err("caption.lines: give at least one line".into());
        }
        for (i, line) in c.lines.iter().enumerate() {
            check_template(&format!("caption.lines[{i}]"), line, CAPTION_FIELDS)?;
        }

        if let Some(b) = self.barcode_on() {
            if !(b.height_mm.is_finite() && b.height_mm >= plan::MIN_BAR_HEIGHT_MM - EPS) {
                return Err(format!(
                    "barcode.height_mm is {} mm; a barcode needs at least {} mm to scan",
                    b.height_mm,
                    plan::MIN_BAR_HEIGHT_MM
                ));
            }
            non_negative("barcode.gap_mm", b.gap_mm)?;
            non_negative("barcode.text_pt", b.text_pt)?;
            if b.max_chars == 0 {
                return Err("barcode.max_chars must be at least 1".into());
            }
        }

        let s = &self.sheet;
        if s.rows == 0 || s.columns == 0 {
            return Err("sheet: rows and columns must be at least 1".into());
        }
        non_negative("sheet.gap_x_mm", s.gap_x_mm)?;
        non_negative("sheet.gap_y_mm", s.gap_y_mm)?;

        for (key, band) in [("header", self.header_on()), ("footer", self.footer_on())] {
            let Some(b) = band else { continue };
            positive(&format!("{key}.height_mm"), b.height_mm)?;
            non_negative(&format!("{key}.gap_mm"), b.gap_mm)?;
            fonts(key, b.font_pt, b.min_font_pt)?;
            check_template(&format!("{key}.text"), &b.text, BAND_FIELDS)?;
            non_negative(&format!("{key}.barcode_text_pt"), b.barcode_text_pt)?;
            if b.barcode && b.barcode_max_chars == 0 {
                return Err(format!("{key}.barcode_max_chars must be at least 1"));
            }
        }
        if let Some(m) = self.crop_marks_on() {
            positive("crop_marks.length_mm", m.length_mm)?;
            non_negative("crop_marks.offset_mm", m.offset_mm)?;
            positive("crop_marks.width_mm", m.width_mm)?;
        }
        if let Some(s) = self.separator_on() {
            fonts("separator", s.font_pt, s.min_font_pt)?;
            positive("separator.text_pt", s.text_pt)?;
            if !(s.barcode_height_mm.is_finite() && s.barcode_height_mm >= plan::MIN_BAR_HEIGHT_MM - EPS) {
                return Err(format!(
                    "separator.barcode_height_mm is {} mm; a barcode needs at least {} mm to scan",
                    s.barcode_height_mm,
                    plan::MIN_BAR_HEIGHT_MM
                ));
            }
        }
        Ok(())
    }

    /// Sizes that must fit, checked part by part so the message says which part and by how much.
    fn check_fit(&self) -> Result<(), String> {
        let g = &self.group;
        for (i, a) in g.photos.iter().enumerate() {
            for (j, b) in g.photos.iter().enumerate().take(i) {
                let (ra, rb) = (
                    Rect::new(a.x_mm, a.y_mm, a.width_mm, a.height_mm),
                    Rect::new(b.x_mm, b.y_mm, b.width_mm, b.height_mm),
                );
                if overlaps(&ra, &rb) {
                    return Err(format!("group.photos[{i}] overlaps group.photos[{j}]"));
                }
            }
        }

        let shape = self.group_shape();
        let c = &self.caption;
        let font = Font::bundled();
        let n = c.lines.len() as f64;
        let pitch = c.min_font_pt * c.line_spacing * plan::MM_PER_PT;
        let need_h =
            2.0 * c.padding_mm + font.ascent_mm(c.min_font_pt) + font.descent_mm(c.min_font_pt) + (n - 1.0) * pitch;
        too_much(
            &format!("caption: {} line(s) at the minimum {} pt need", c.lines.len(), c.min_font_pt),
            need_h,
            "height but the caption is",
            shape.caption.h,
        )?;
        if shape.caption.w <= 2.0 * c.padding_mm + EPS {
            return Err(format!("caption: padding_mm ({}) leaves no room for text", c.padding_mm));
        }

        if let (Some(b), Some(slot)) = (self.barcode_on(), shape.barcode) {
            too_much(
                &format!("barcode: a {}-character barcode needs", b.max_chars),
                plan::barcode_min_width_mm(b.max_chars as usize),
                "of width (0.25 mm modules and quiet zones) but the group is",
                slot.w,
            )
            .map_err(|e| format!("{e}; lower barcode.max_chars or widen the group"))?;
        }

        for (key, band) in [("header", self.header_on()), ("footer", self.footer_on())] {
            let Some(b) = band else { continue };
            let line = font.ascent_mm(b.min_font_pt) + font.descent_mm(b.min_font_pt);
            too_much(
                &format!("{key}: its text at the minimum {} pt needs", b.min_font_pt),
                line,
                "of height but the band is",
                b.height_mm,
            )?;
            if b.barcode {
                let bars = b.height_mm - plan::readable_text_mm(b.barcode_text_pt);
                if bars < plan::MIN_BAR_HEIGHT_MM - EPS {
                    return Err(format!(
                        "{key}: the sheet barcode would be {bars:.1} mm high (height_mm less its text); it needs at least {} mm",
                        plan::MIN_BAR_HEIGHT_MM
                    ));
                }
                let need = plan::barcode_min_width_mm(b.barcode_max_chars as usize) + plan::BAND_TEXT_GAP_MM + 10.0;
                too_much(
                    &format!("{key}: the sheet barcode and at least 10 mm of text need"),
                    need,
                    "of width but the printable area is",
                    self.printable().w,
                )?;
            }
        }

        let area = self.group_area();
        let less =
            if self.header_on().is_some() || self.footer_on().is_some() { " (less header and footer)" } else { "" };
        let s = &self.sheet;
        let need_w = s.columns as f64 * shape.w + (s.columns - 1) as f64 * s.gap_x_mm;
        let need_h = s.rows as f64 * shape.h + (s.rows - 1) as f64 * s.gap_y_mm;
        too_much("student groups need", need_w, &format!("of width but the printable area{less} is"), area.w)?;
        too_much("student groups need", need_h, &format!("of height but the printable area{less} is"), area.h)?;

        if let Some(sep) = self.separator_on() {
            let need = self.separator_block_height(sep);
            too_much(
                "separator sheet: its text and packet barcode need",
                need,
                &format!("of height but the printable area{less} is"),
                area.h,
            )?;
            too_much(
                "separator sheet: a 20-character packet barcode needs",
                plan::barcode_min_width_mm(20),
                "of width but the printable area is",
                area.w,
            )?;
        }
        Ok(())
    }

    /// The final word: every rect of a sheet inside the printable area and none overlapping.
    /// By construction this holds once `check_fit` passed; it is kept as a safety net.
    fn check_geometry(&self) -> Result<(), String> {
        let printable = self.printable();
        let mut parts: Vec<(String, Rect)> = Vec::new();
        for (i, slot) in self.group_slots().iter().enumerate() {
            for (j, p) in slot.photos.iter().enumerate() {
                parts.push((format!("group {} photo {}", i + 1, j + 1), *p));
            }
            parts.push((format!("group {} caption", i + 1), slot.caption));
            if let Some(b) = slot.barcode {
                parts.push((format!("group {} barcode", i + 1), b));
            }
        }
        for (name, band) in [("header", self.header()), ("footer", self.footer())] {
            if let Some(b) = band {
                parts.push((name.to_string(), b.rect));
            }
        }
        for (name, r) in &parts {
            if !printable.contains(r, EPS) {
                return Err(format!("{name} leaves the printable area"));
            }
        }
        for (i, (a, ra)) in parts.iter().enumerate() {
            for (b, rb) in parts.iter().take(i) {
                if overlaps(ra, rb) {
                    return Err(format!("{a} overlaps {b}"));
                }
            }
        }
        Ok(())
    }
}

/// Overlap with a little tolerance, so rectangles that touch after float rounding pass.
pub(crate) fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.right() - EPS && b.x < a.right() - EPS && a.y < b.bottom() - EPS && b.y < a.bottom() - EPS
}

fn positive(key: &str, v: f64) -> Result<(), String> {
    if v.is_finite() && v > 0.0 { Ok(()) } else { Err(format!("{key} must be more than 0 (it is {v})")) }
}

fn non_negative(key: &str, v: f64) -> Result<(), String> {
    if v.is_finite() && v >= 0.0 { Ok(()) } else { Err(format!("{key} must not be negative (it is {v})")) }
}

fn fonts(key: &str, font_pt: f64, min_font_pt: f64) -> Result<(), String> {
    positive(&format!("{key}.font_pt"), font_pt)?;
    positive(&format!("{key}.min_font_pt"), min_font_pt)?;
    if min_font_pt > font_pt {
        return Err(format!("{key}.min_font_pt ({min_font_pt}) is larger than {key}.font_pt ({font_pt})"));
    }
    Ok(())
}

/// "<what> 301.0 mm of height but the printable area is 281.0 mm: 20.0 mm too much".
fn too_much(what: &str, need: f64, but: &str, have: f64) -> Result<(), String> {
    if need <= have + EPS {
        return Ok(());
    }
    Err(format!("{what} {need:.1} mm {but} {have:.1} mm: {:.1} mm too much", need - have))
}

/// Parse a template and check its fixed text against the font, naming the key.
fn check_template(key: &str, template: &str, allowed: &[&str]) -> Result<(), String> {
    let pieces = parse_template(template, allowed).map_err(|e| format!("{key}: {e}"))?;
    for piece in &pieces {
        if let Piece::Text(t) = piece
            && let Some(c) = Font::bundled().missing_chars(t).first()
        {
            return Err(format!("{key}: the bundled font has no glyph for {c:?} (U+{:04X})", *c as u32));
        }
    }
    Ok(())
}
