//! Layout validation: every value checked, then everything made to fit the printable area
//! without overlapping. A refusal names the key or the part that overflows and by how many mm,
//! so a technician editing a layout file knows what to change. Pure: no I/O.

use super::file::{BAND_FIELDS, CAPTION_FIELDS, Layout, Side};
use super::plan::{self, EPS};
use super::template::{Piece, parse_template};
use crate::i18n::Msg;
use crate::msg;
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
            (Some(_), _, _) => return Err(msg!("imp-layout-paper-both").to_string()),
            (None, _, _) => {
                return Err(msg!("imp-layout-paper-none").to_string());
            }
        }
        let m = &p.margins_mm;
        for (k, v) in [("top", m.top), ("right", m.right), ("bottom", m.bottom), ("left", m.left)] {
            non_negative(&format!("paper.margins_mm.{k}"), v)?;
        }
        let (w, h) = self.paper_mm();
        if m.left + m.right >= w - EPS {
            let margins = format!("{:.1}", m.left + m.right);
            return Err(msg!("imp-layout-margins-wide", margins = margins, paper = format!("{w:.1}")).to_string());
        }
        if m.top + m.bottom >= h - EPS {
            let margins = format!("{:.1}", m.top + m.bottom);
            return Err(msg!("imp-layout-margins-high", margins = margins, paper = format!("{h:.1}")).to_string());
        }

        let g = &self.group;
        non_negative("group.gap_mm", g.gap_mm)?;
        match (g.blocks.is_empty(), g.photos.is_empty()) {
            (true, true) => return Err(msg!("imp-layout-group-none").to_string()),
            (false, false) => return Err(msg!("imp-layout-group-both").to_string()),
            _ => {}
        }
        for (i, b) in g.blocks.iter().enumerate() {
            positive(&format!("group.blocks[{i}].width_mm"), b.width_mm)?;
            positive(&format!("group.blocks[{i}].height_mm"), b.height_mm)?;
            if b.rows == 0 || b.columns == 0 {
                return Err(msg!("imp-layout-rows-columns", key = format!("group.blocks[{i}]")).to_string());
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
            return Err(msg!("imp-layout-line-spacing", value = c.line_spacing.to_string()).to_string());
        }
        if let Some(w) = c.width_mm {
            positive("caption.width_mm", w)?;
        }
        if let Some(h) = c.height_mm {
            positive("caption.height_mm", h)?;
        }
        match c.position {
            Side::Below if c.height_mm.is_none() => {
                return Err(msg!("imp-layout-caption-height-needed").to_string());
            }
            Side::Right if c.width_mm.is_none() => {
                return Err(msg!("imp-layout-caption-width-needed").to_string());
            }
            _ => {}
        }
        if c.lines.is_empty() {
            return Err(msg!("imp-layout-caption-no-lines").to_string());
        }
        for (i, line) in c.lines.iter().enumerate() {
            check_template(&format!("caption.lines[{i}]"), line, CAPTION_FIELDS)?;
        }

        if let Some(b) = self.barcode_on() {
            if !(b.height_mm.is_finite() && b.height_mm >= plan::MIN_BAR_HEIGHT_MM - EPS) {
                return Err(bars_too_low("barcode.height_mm", b.height_mm));
            }
            non_negative("barcode.gap_mm", b.gap_mm)?;
            non_negative("barcode.text_pt", b.text_pt)?;
            if b.max_chars == 0 {
                return Err(msg!("imp-layout-at-least-one", key = "barcode.max_chars").to_string());
            }
        }

        let s = &self.sheet;
        if s.rows == 0 || s.columns == 0 {
            return Err(msg!("imp-layout-rows-columns", key = "sheet").to_string());
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
                return Err(msg!("imp-layout-at-least-one", key = format!("{key}.barcode_max_chars")).to_string());
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
                return Err(bars_too_low("separator.barcode_height_mm", s.barcode_height_mm));
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
                    let (part, other) = (format!("group.photos[{i}]"), format!("group.photos[{j}]"));
                    return Err(msg!("imp-layout-overlaps", part = part, other = other).to_string());
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
        too_much(need_h, shape.caption.h, |need, have, over| {
            msg!(
                "imp-layout-caption-too-high",
                lines = c.lines.len().to_string(),
                pt = c.min_font_pt.to_string(),
                need = need,
                have = have,
                over = over
            )
        })?;
        if shape.caption.w <= 2.0 * c.padding_mm + EPS {
            return Err(msg!("imp-layout-padding-no-room", padding = c.padding_mm.to_string()).to_string());
        }

        if let (Some(b), Some(slot)) = (self.barcode_on(), shape.barcode) {
            too_much(plan::barcode_min_width_mm(b.max_chars as usize), slot.w, |need, have, over| {
                msg!(
                    "imp-layout-barcode-too-wide",
                    chars = b.max_chars.to_string(),
                    need = need,
                    have = have,
                    over = over
                )
            })?;
        }

        for (key, band) in [("header", self.header_on()), ("footer", self.footer_on())] {
            let Some(b) = band else { continue };
            let line = font.ascent_mm(b.min_font_pt) + font.descent_mm(b.min_font_pt);
            too_much(line, b.height_mm, |need, have, over| {
                msg!(
                    "imp-layout-band-text-too-high",
                    key = key,
                    pt = b.min_font_pt.to_string(),
                    need = need,
                    have = have,
                    over = over
                )
            })?;
            if b.barcode {
                let bars = b.height_mm - plan::readable_text_mm(b.barcode_text_pt);
                if bars < plan::MIN_BAR_HEIGHT_MM - EPS {
                    return Err(msg!(
                        "imp-layout-band-bars-too-low",
                        key = key,
                        bars = format!("{bars:.1}"),
                        min = plan::MIN_BAR_HEIGHT_MM.to_string()
                    )
                    .to_string());
                }
                let need = plan::barcode_min_width_mm(b.barcode_max_chars as usize) + plan::BAND_TEXT_GAP_MM + 10.0;
                too_much(need, self.printable().w, |need, have, over| {
                    msg!("imp-layout-band-barcode-too-wide", key = key, need = need, have = have, over = over)
                })?;
            }
        }

        let area = self.group_area();
        let area_name = || {
            if self.header_on().is_some() || self.footer_on().is_some() {
                msg!("imp-layout-area-less-bands")
            } else {
                msg!("imp-layout-area")
            }
        };
        let s = &self.sheet;
        let need_w = s.columns as f64 * shape.w + (s.columns - 1) as f64 * s.gap_x_mm;
        let need_h = s.rows as f64 * shape.h + (s.rows - 1) as f64 * s.gap_y_mm;
        too_much(need_w, area.w, |need, have, over| {
            msg!("imp-layout-groups-too-wide", need = need, area = area_name(), have = have, over = over)
        })?;
        too_much(need_h, area.h, |need, have, over| {
            msg!("imp-layout-groups-too-high", need = need, area = area_name(), have = have, over = over)
        })?;

        if let Some(sep) = self.separator_on() {
            let need = self.separator_block_height(sep);
            too_much(need, area.h, |need, have, over| {
                msg!("imp-layout-separator-too-high", need = need, area = area_name(), have = have, over = over)
            })?;
            too_much(plan::barcode_min_width_mm(20), area.w, |need, have, over| {
                msg!("imp-layout-separator-too-wide", need = need, have = have, over = over)
            })?;
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
                parts.push((msg!("imp-layout-part-photo", group = i + 1, photo = j + 1).to_string(), *p));
            }
            parts.push((msg!("imp-layout-part-caption", group = i + 1).to_string(), slot.caption));
            if let Some(b) = slot.barcode {
                parts.push((msg!("imp-layout-part-barcode", group = i + 1).to_string(), b));
            }
        }
        for (name, band) in [("header", self.header()), ("footer", self.footer())] {
            if let Some(b) = band {
                parts.push((msg!("imp-layout-part-band", band = name).to_string(), b.rect));
            }
        }
        for (name, r) in &parts {
            if !printable.contains(r, EPS) {
                return Err(msg!("imp-layout-leaves-area", part = name).to_string());
            }
        }
        for (i, (a, ra)) in parts.iter().enumerate() {
            for (b, rb) in parts.iter().take(i) {
                if overlaps(ra, rb) {
                    return Err(msg!("imp-layout-overlaps", part = a, other = b).to_string());
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
    if v.is_finite() && v > 0.0 {
        Ok(())
    } else {
        Err(msg!("imp-layout-positive", key = key, value = v.to_string()).to_string())
    }
}

fn non_negative(key: &str, v: f64) -> Result<(), String> {
    if v.is_finite() && v >= 0.0 {
        Ok(())
    } else {
        Err(msg!("imp-layout-not-negative", key = key, value = v.to_string()).to_string())
    }
}

fn fonts(key: &str, font_pt: f64, min_font_pt: f64) -> Result<(), String> {
    positive(&format!("{key}.font_pt"), font_pt)?;
    positive(&format!("{key}.min_font_pt"), min_font_pt)?;
    if min_font_pt > font_pt {
        let (min, font) = (min_font_pt.to_string(), font_pt.to_string());
        return Err(msg!("imp-layout-min-font-larger", key = key, min = min, font = font).to_string());
    }
    Ok(())
}

/// "<what> 301.0 mm of height but the printable area is 281.0 mm: 20.0 mm too much": `says`
/// is given what is needed, what there is and the difference, each to 0.1 mm.
fn too_much(need: f64, have: f64, says: impl FnOnce(String, String, String) -> Msg) -> Result<(), String> {
    if need <= have + EPS {
        return Ok(());
    }
    Err(says(format!("{need:.1}"), format!("{have:.1}"), format!("{:.1}", need - have)).to_string())
}

/// "<key> is 3 mm; a barcode needs at least 5 mm to scan".
fn bars_too_low(key: &str, value: f64) -> String {
    msg!("imp-layout-bars-too-low", key = key, value = value.to_string(), min = plan::MIN_BAR_HEIGHT_MM.to_string())
        .to_string()
}

/// Parse a template and check its fixed text against the font, naming the key.
fn check_template(key: &str, template: &str, allowed: &[&str]) -> Result<(), String> {
    let pieces = parse_template(template, allowed)
        .map_err(|e| msg!("imp-layout-key-error", key = key, error = e).to_string())?;
    for piece in &pieces {
        if let Piece::Text(t) = piece
            && let Some(c) = Font::bundled().missing_chars(t).first()
        {
            let (ch, code) = (format!("{c:?}"), format!("{:04X}", *c as u32));
            return Err(msg!("imp-layout-no-glyph", key = key, ch = ch, code = code).to_string());
        }
    }
    Ok(())
}
