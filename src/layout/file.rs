//! Layout files: the TOML schema (serde types), loading a layout by name or path, and the
//! layouts shipped inside the program. Every layout loaded is validated (`validate.rs`), which
//! refuses one that does not fit its paper or has a bad value, naming the key and, for an
//! overflow, the millimetres. `load` is the only function in `layout` that touches the file system; nothing here knows
//! SQL or PDF internals. The schema is documented for users in layouts/README.md: keep the two
//! in step.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, IoContext, Result};
use crate::msg;

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
    Err(msg!(
        "layout-unknown",
        name = name_or_path,
        path = path.display().to_string(),
        shipped = builtin_names().join(", ")
    )
    .into())
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
        let mut layout: Layout = toml::from_str(text)
            .map_err(|e| Error::from(msg!("layout-bad", label = label, error = e.to_string().trim_end())))?;
        let file = Path::new(label).file_name().and_then(|f| f.to_str()).unwrap_or(label);
        layout.name = file.strip_suffix(".toml").unwrap_or(file).to_string();
        layout.validate().map_err(|e| Error::from(msg!("layout-bad", label = label, error = e.to_string())))?;
        Ok(layout)
    }

    /// The layout as TOML text, so a job can freeze the copy it was printed with.
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(self).map_err(|e| msg!("layout-unwritable", name = &self.name, error = e.to_string()).into())
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::template::{Piece, parse_template};

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
