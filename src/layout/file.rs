//! Layout files: the TOML schema (serde types), loading a layout by name or path, the layouts
//! shipped inside the program, and validation. Validation refuses a layout that does not fit
//! its paper or has a bad value, naming the key and, for an overflow, the millimetres.
//! `load` is the only function in `layout` that touches the file system; nothing here knows
//! SQL or PDF internals. The schema is documented for users in layouts/README.md: keep the two
//! in step.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::plan::{self, EPS};
use crate::error::{Error, IoContext, Result};
use crate::render::Rect;
use crate::render::font::Font;

/// The layouts compiled into the program, so a workspace without a layouts folder still prints.
const BUILTIN: &[(&str, &str)] = &[
    ("a4-2cun-x4", include_str!("../../layouts/a4-2cun-x4.toml")),
    ("6inch-2cun-x4", include_str!("../../layouts/6inch-2cun-x4.toml")),
    ("6inch-1cun-x8", include_str!("../../layouts/6inch-1cun-x8.toml")),
    ("a4-mixed-2cun4-1cun4", include_str!("../../layouts/a4-mixed-2cun4-1cun4.toml")),
];

/// The layout used when a job names none.
pub const DEFAULT_LAYOUT: &str = "a4-2cun-x4";

/// Fields a caption line may use (one student's data).
pub const CAPTION_FIELDS: &[&str] =
    &["xh", "xm", "bh", "cc", "xllb", "yxdm", "zjhm4", "cjm", "date", "school", "full_name"];

/// Fields a header or footer may use (the sheet's data).
pub const BAND_FIELDS: &[&str] = &["job", "school", "class", "sheet", "sheets"];

/// The TOML text of a shipped layout.
pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
}

/// Names of the shipped layouts, the default first.
pub fn builtin_names() -> Vec<&'static str> {
    BUILTIN.iter().map(|(n, _)| *n).collect()
}

/// Load a layout: a value ending in `.toml` is a path to that file; a bare name is looked up
/// as `<layouts_dir>/<name>.toml`, then among the shipped layouts (a file in the folder wins,
/// so a lab can adjust a shipped layout by copying it there).
pub fn load(name_or_path: &str, layouts_dir: &Path) -> Result<Layout> {
    if name_or_path.ends_with(".toml") {
        let path = Path::new(name_or_path);
        let text = std::fs::read_to_string(path).at(path)?;
        return Layout::from_toml(&text, name_or_path);
    }
    let path = layouts_dir.join(format!("{name_or_path}.toml"));
    if path.is_file() {
        let text = std::fs::read_to_string(&path).at(&path)?;
        return Layout::from_toml(&text, &format!("{name_or_path}.toml"));
    }
    if let Some(text) = builtin(name_or_path) {
        return Layout::from_toml(text, &format!("{name_or_path}.toml"));
    }
    Err(Error::input(format!(
        "no layout named {name_or_path:?}: there is no {} and the shipped layouts are {}",
        path.display(),
        builtin_names().join(", ")
    )))
}

/// A sheet layout, as written in a layout file. Sizes are millimetres, fonts points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// The file's name without `.toml` (not part of the TOML text).
    #[serde(skip)]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub paper: Paper,
    pub group: Group,
    pub caption: Caption,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barcode: Option<GroupBarcode>,
    pub sheet: SheetGrid,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<Band>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footer: Option<Band>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crop_marks: Option<CropMarks>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separator: Option<Separator>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paper {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<PaperSize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width_mm: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height_mm: Option<f64>,
    /// For a named size: portrait (default) or landscape. For width/height: swaps them if the
    /// shape disagrees; absent means as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orientation: Option<Orientation>,
    pub margins_mm: Margins,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaperSize {
    #[serde(rename = "A4", alias = "a4")]
    A4,
    #[serde(rename = "A5", alias = "a5")]
    A5,
    #[serde(rename = "A6", alias = "a6")]
    A6,
    /// Minilab 6-inch paper, 152 x 102 mm.
    #[serde(rename = "6inch")]
    SixInch,
    /// Minilab 5-inch paper, 127 x 89 mm.
    #[serde(rename = "5inch")]
    FiveInch,
    #[serde(rename = "letter")]
    Letter,
}

impl PaperSize {
    /// Short side, long side in mm.
    pub fn mm(self) -> (f64, f64) {
        match self {
            PaperSize::A4 => (210.0, 297.0),
            PaperSize::A5 => (148.0, 210.0),
            PaperSize::A6 => (105.0, 148.0),
            PaperSize::SixInch => (102.0, 152.0),
            PaperSize::FiveInch => (89.0, 127.0),
            PaperSize::Letter => (215.9, 279.4),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Orientation {
    Portrait,
    Landscape,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
    pub left: f64,
}

/// The photos of one student group (one student's prints).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    #[serde(default)]
    pub fit: Fit,
    /// Between neighbouring photos and between blocks.
    #[serde(default)]
    pub gap_mm: f64,
    /// How blocks follow each other.
    #[serde(default)]
    pub direction: Direction,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<PhotoBox>,
}

/// How a photo fills its box. Only `cover` exists: the photo is scaled to cover the box and
/// the PDF writer clips what sticks out, so the box need not be 3:4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fit {
    #[default]
    Cover,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    Right,
    Down,
}

/// `rows` x `columns` copies of one photo size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    pub width_mm: f64,
    pub height_mm: f64,
    #[serde(default = "one")]
    pub rows: u32,
    #[serde(default = "one")]
    pub columns: u32,
}

/// One photo at an explicit place, relative to the group's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhotoBox {
    pub x_mm: f64,
    pub y_mm: f64,
    pub width_mm: f64,
    pub height_mm: f64,
}

/// The caption strip (信息条) of a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Caption {
    #[serde(default)]
    pub position: Side,
    /// Between the photos and the strip.
    #[serde(default = "caption_gap")]
    pub gap_mm: f64,
    /// Required when the strip is on the right; below, it defaults to the photos' width.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width_mm: Option<f64>,
    /// Required when the strip is below; on the right, it defaults to the photos' height.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height_mm: Option<f64>,
    pub font_pt: f64,
    pub min_font_pt: f64,
    /// Baseline-to-baseline distance, in multiples of the font size.
    #[serde(default = "line_spacing")]
    pub line_spacing: f64,
    #[serde(default = "caption_padding")]
    pub padding_mm: f64,
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    #[default]
    Below,
    Right,
}

/// The barcode of a student group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupBarcode {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub position: VSide,
    /// Height of the bars.
    #[serde(default = "bar_height")]
    pub height_mm: f64,
    /// Between the barcode and the rest of the group.
    #[serde(default = "one_mm")]
    pub gap_mm: f64,
    /// Size of the human-readable text under the bars; 0 for none.
    #[serde(default = "barcode_text_pt")]
    pub text_pt: f64,
    /// The longest payload the slot must hold, in characters.
    #[serde(default = "group_barcode_chars")]
    pub max_chars: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VSide {
    Above,
    #[default]
    Below,
}

/// How student groups tile a sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetGrid {
    pub rows: u32,
    pub columns: u32,
    #[serde(default)]
    pub gap_x_mm: f64,
    #[serde(default)]
    pub gap_y_mm: f64,
    /// Fill order: along rows first (left to right, then down) or along columns.
    #[serde(default)]
    pub order: FillOrder,
    #[serde(default)]
    pub align: Align,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FillOrder {
    #[default]
    Rows,
    Columns,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    #[default]
    TopLeft,
    Center,
}

/// A sheet header or footer: one line of text and optionally the sheet barcode at its right.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub height_mm: f64,
    /// Between the band and the student groups.
    #[serde(default = "band_gap")]
    pub gap_mm: f64,
    pub text: String,
    #[serde(default = "band_font")]
    pub font_pt: f64,
    #[serde(default = "band_min_font")]
    pub min_font_pt: f64,
    #[serde(default)]
    pub barcode: bool,
    #[serde(default = "barcode_text_pt")]
    pub barcode_text_pt: f64,
    #[serde(default = "band_barcode_chars")]
    pub barcode_max_chars: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CropMarks {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default = "mark_length")]
    pub length_mm: f64,
    /// Distance between the photo's corner and the start of the mark.
    #[serde(default = "one_mm")]
    pub offset_mm: f64,
    #[serde(default = "mark_width")]
    pub width_mm: f64,
}

/// The class separator sheet printed before each class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Separator {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default = "separator_font")]
    pub font_pt: f64,
    #[serde(default = "separator_min_font")]
    pub min_font_pt: f64,
    /// Height of the packet barcode's bars.
    #[serde(default = "separator_bar_height")]
    pub barcode_height_mm: f64,
    #[serde(default = "separator_text_pt")]
    pub text_pt: f64,
}

fn one() -> u32 {
    1
}
fn yes() -> bool {
    true
}
fn one_mm() -> f64 {
    1.0
}
fn caption_gap() -> f64 {
    1.0
}
fn caption_padding() -> f64 {
    0.5
}
fn line_spacing() -> f64 {
    1.2
}
fn bar_height() -> f64 {
    8.0
}
fn barcode_text_pt() -> f64 {
    6.0
}
fn group_barcode_chars() -> u32 {
    20
}
fn band_barcode_chars() -> u32 {
    12
}
fn band_gap() -> f64 {
    2.0
}
fn band_font() -> f64 {
    9.0
}
fn band_min_font() -> f64 {
    6.0
}
fn mark_length() -> f64 {
    3.0
}
fn mark_width() -> f64 {
    0.1
}
fn separator_font() -> f64 {
    24.0
}
fn separator_min_font() -> f64 {
    12.0
}
fn separator_bar_height() -> f64 {
    15.0
}
fn separator_text_pt() -> f64 {
    10.0
}

impl Layout {
    /// Parse and validate a layout; `label` (usually the file name) starts every error message.
    pub fn from_toml(text: &str, label: &str) -> Result<Layout> {
        let mut layout: Layout =
            toml::from_str(text).map_err(|e| Error::input(format!("layout {label}: {}", e.to_string().trim_end())))?;
        let file = Path::new(label).file_name().and_then(|f| f.to_str()).unwrap_or(label);
        layout.name = file.strip_suffix(".toml").unwrap_or(file).to_string();
        layout.validate().map_err(|e| Error::input(format!("layout {label}: {e}")))?;
        Ok(layout)
    }

    /// The layout as TOML text, so a job can freeze the copy it was printed with.
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(self).map_err(|e| Error::input(format!("layout {}: cannot write as TOML: {e}", self.name)))
    }

    /// The enabled optional parts, `None` when absent or switched off.
    pub fn barcode_on(&self) -> Option<&GroupBarcode> {
        self.barcode.as_ref().filter(|b| b.enabled)
    }
    pub fn header_on(&self) -> Option<&Band> {
        self.header.as_ref().filter(|b| b.enabled)
    }
    pub fn footer_on(&self) -> Option<&Band> {
        self.footer.as_ref().filter(|b| b.enabled)
    }
    pub fn crop_marks_on(&self) -> Option<&CropMarks> {
        self.crop_marks.as_ref().filter(|c| c.enabled)
    }
    pub fn separator_on(&self) -> Option<&Separator> {
        self.separator.as_ref().filter(|s| s.enabled)
    }

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

/// A piece of a text template: literal text or a `{field}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Field(String),
}

/// Split a template like `"{xh} {xm}"` into pieces; `{{` and `}}` stand for literal braces.
/// Fields not in `allowed` are refused.
pub fn parse_template(template: &str, allowed: &[&str]) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => name.push(c),
                        None => return Err(format!("a {{ without its }} in {template:?}")),
                    }
                }
                let name = name.trim().to_string();
                if !allowed.contains(&name.as_str()) {
                    return Err(format!("unknown field {{{name}}} (the fields are {})", allowed.join(", ")));
                }
                if !text.is_empty() {
                    out.push(Piece::Text(std::mem::take(&mut text)));
                }
                out.push(Piece::Field(name));
            }
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    Ok(out)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped(name: &str) -> Layout {
        Layout::from_toml(builtin(name).unwrap(), &format!("{name}.toml")).unwrap()
    }

    #[test]
    fn every_shipped_layout_loads_and_round_trips() {
        assert_eq!(builtin_names()[0], DEFAULT_LAYOUT);
        for name in builtin_names() {
            let layout = shipped(name);
            assert_eq!(layout.name, name);
            let text = layout.to_toml().unwrap();
            let again = Layout::from_toml(&text, name).unwrap();
            assert_eq!(again, layout, "{name} round trip:\n{text}");
        }
    }

    #[test]
    fn named_paper_and_orientation() {
        let l = shipped("6inch-2cun-x4");
        assert_eq!(l.paper_mm(), (152.0, 102.0));
        assert_eq!(shipped("a4-2cun-x4").paper_mm(), (210.0, 297.0));
    }

    #[test]
    fn templates() {
        assert_eq!(
            parse_template("证件 {zjhm4}{{x}}", CAPTION_FIELDS).unwrap(),
            vec![Piece::Text("证件 ".into()), Piece::Field("zjhm4".into()), Piece::Text("{x}".into())]
        );
        assert!(parse_template("{name}", CAPTION_FIELDS).unwrap_err().contains("unknown field {name}"));
        assert!(parse_template("{xh", CAPTION_FIELDS).is_err());
        assert!(parse_template("{job}", CAPTION_FIELDS).is_err());
    }

    fn edited(from: &str, to: &str) -> String {
        let text = builtin(DEFAULT_LAYOUT).unwrap();
        assert!(text.contains(from), "{from}");
        text.replacen(from, to, 1)
    }

    fn error_of(text: &str) -> String {
        Layout::from_toml(text, "t.toml").unwrap_err().to_string()
    }

    #[test]
    fn bad_values_name_the_key() {
        let e = error_of(&edited("min_font_pt = 5.5", "min_font_pt = 9.0"));
        assert!(e.contains("caption.min_font_pt (9) is larger than caption.font_pt"), "{e}");
        let e = error_of(&edited("width_mm = 35.0", "width_mm = -35.0"));
        assert!(e.contains("group.blocks[0].width_mm must be more than 0"), "{e}");
        let e = error_of(&edited("\"{bh}\"", "\"{banji}\""));
        assert!(e.contains("caption.lines[1]: unknown field {banji}"), "{e}");
        let e = error_of(&edited("rows = 2\ncolumns = 2\ngap_x_mm", "rows = 2\ncolumns = 2\ncolour = 1\ngap_x_mm"));
        assert!(e.contains("unknown field `colour`"), "{e}");
        assert!(e.starts_with("layout t.toml:"), "{e}");
    }

    #[test]
    fn overflow_names_the_millimetres() {
        let e = error_of(&edited("[sheet]\nrows = 2", "[sheet]\nrows = 3"));
        assert!(e.contains("student groups need") && e.contains("of height") && e.contains("mm too much"), "{e}");
    }
}
