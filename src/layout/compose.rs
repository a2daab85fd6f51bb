//! Compose: one planned sheet plus its data becomes a `PageSpec` (drawing instructions in mm).
//! Caption templates are filled and every character is checked against the bundled font before
//! anything is placed; captions shrink in 0.5 pt steps down to the layout's minimum; barcodes
//! get module and quiet-zone room by the rule in `plan`. Photo frames are exactly the layout's
//! boxes. Compose never reads files or the store and never writes PDF: the PDF writer draws
//! what this returns.

use super::file::{BAND_FIELDS, Band, CAPTION_FIELDS, Layout};
use super::plan::{
    self, BandSlot, EPS, GroupSlot, MAX_MODULE_MM, MIN_MODULE_MM, MM_PER_PT, QUIET_MODULES, READABLE_GAP_MM, SheetKind,
    SheetPlan,
};
use super::template::{Piece, parse_template};
use crate::domain::PrintedStudent;
use crate::domain::local_time::Zone;
use crate::i18n::Msg;
use crate::msg;
use crate::render::font::Font;
use crate::render::{Item, PageSpec, Rect};

/// Font sizes shrink by this much a step.
const SHRINK_STEP_PT: f64 = 0.5;
/// Crop marks shorter than this after clipping are left out.
const MIN_MARK_MM: f64 = 0.5;

/// One student's group on a sheet: what his prints carry, and his group barcode's payload
/// (the student-print id).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaptionStudent {
    pub student: PrintedStudent,
    pub barcode: String,
}

/// What a sheet needs besides its plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetContext {
    /// Job code, e.g. "J12X".
    pub job: String,
    pub school_code: String,
    pub school_name: String,
    pub class: String,
    /// 1-based sheet number and the job's sheet count, for `{sheet}` and `{sheets}`.
    pub sheet: usize,
    pub sheets: usize,
    /// Payload of the sheet barcode (header/footer).
    pub sheet_barcode: String,
    /// Payload of the class packet's barcode, printed on the separator sheet.
    pub packet_barcode: Option<String>,
    /// Students in the class, printed on the separator sheet.
    pub class_count: usize,
    /// The lab's zone: `{date}`, the collection date, is the day the photo was taken there.
    pub zone: Zone,
    /// The sheet's students, in the order of `SheetPlan::placements`.
    pub students: Vec<CaptionStudent>,
}

/// Why a sheet cannot be composed; `who` and `place` are in the catalog's words, shown in the
/// language of whoever reads the error.
#[derive(Debug, Clone, PartialEq)]
pub enum ComposeError {
    MissingGlyph { who: Msg, place: Msg, ch: char },
    DoesNotFit { who: Msg, place: Msg, min_pt: f64, need: f64, have: f64 },
    Barcode { who: Msg, payload: String, reason: Msg },
    Context { sheet: usize, reason: Msg },
}

impl ComposeError {
    /// The error as a catalog message.
    pub fn message(&self) -> Msg {
        match self {
            ComposeError::MissingGlyph { who, place, ch } => msg!(
                "imp-compose-missing-glyph",
                who = who.clone(),
                ch = format!("{ch:?}"),
                code = format!("{:04X}", *ch as u32),
                place = place.clone()
            ),
            ComposeError::DoesNotFit { who, place, min_pt, need, have } => msg!(
                "imp-compose-does-not-fit",
                who = who.clone(),
                place = place.clone(),
                pt = min_pt.to_string(),
                need = format!("{need:.1}"),
                have = format!("{have:.1}")
            ),
            ComposeError::Barcode { who, payload, reason } => msg!(
                "imp-compose-barcode",
                who = who.clone(),
                payload = format!("{payload:?}"),
                reason = reason.clone()
            ),
            ComposeError::Context { sheet, reason } => {
                msg!("imp-compose-sheet", sheet = sheet.to_string(), reason = reason.clone())
            }
        }
    }
}

impl std::fmt::Display for ComposeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for ComposeError {}

impl From<ComposeError> for crate::error::Error {
    fn from(e: ComposeError) -> Self {
        crate::error::Error::Message(e.message())
    }
}

/// A text to draw, with who it belongs to and where it comes from (for error messages).
struct Lines {
    who: Msg,
    places: Vec<Msg>,
    texts: Vec<String>,
}

/// Compose one sheet of a job.
pub fn compose(layout: &Layout, sheet: &SheetPlan, ctx: &SheetContext) -> Result<PageSpec, ComposeError> {
    let (width_mm, height_mm) = layout.paper_mm();
    let mut page = PageSpec { width_mm, height_mm, items: Vec::new() };
    let slots = layout.group_slots();

    // 1. Fill every text, and check every character against the font before placing anything.
    let bands = band_texts(layout, ctx);
    let mut captions = Vec::new();
    let mut separator = None;
    match &sheet.kind {
        SheetKind::Photos { .. } => {
            if ctx.students.len() != sheet.placements.len() {
                return Err(ComposeError::Context {
                    sheet: sheet.number,
                    reason: msg!(
                        "imp-compose-students-for-places",
                        students = ctx.students.len().to_string(),
                        places = sheet.placements.len().to_string()
                    ),
                });
            }
            for (placement, student) in sheet.placements.iter().zip(&ctx.students) {
                if slots.get(placement.slot).is_none() {
                    return Err(ComposeError::Context {
                        sheet: sheet.number,
                        reason: msg!("imp-compose-no-slot", slot = (placement.slot + 1).to_string()),
                    });
                }
                captions.push(caption_lines(layout, student, ctx));
            }
        }
        SheetKind::Separator { class } => separator = Some(separator_lines(class, ctx)),
    }
    for lines in bands.iter().flatten().chain(&captions).chain(&separator) {
        check_glyphs(lines)?;
    }

    // 2. Place: photos first, so marks, text and bars are drawn over nothing they hide.
    match &sheet.kind {
        SheetKind::Photos { .. } => {
            for (placement, student) in sheet.placements.iter().zip(&ctx.students) {
                let slot = &slots[placement.slot];
                for frame in &slot.photos {
                    page.items.push(Item::Photo { sha256: student.student.photo_sha256.clone(), frame: *frame });
                }
            }
            if let Some(marks) = layout.crop_marks_on() {
                let obstacles = obstacles(layout, &slots);
                let bound = layout.printable();
                for placement in &sheet.placements {
                    for frame in &slots[placement.slot].photos {
                        crop_marks(
                            &mut page.items,
                            frame,
                            &obstacles,
                            &bound,
                            marks.length_mm,
                            marks.offset_mm,
                            marks.width_mm,
                        );
                    }
                }
            }
            for ((placement, student), lines) in sheet.placements.iter().zip(&ctx.students).zip(&captions) {
                let slot = &slots[placement.slot];
                place_caption(&mut page.items, layout, slot, lines)?;
                if let (Some(b), Some(rect)) = (layout.barcode_on(), slot.barcode) {
                    place_barcode(&mut page.items, rect, &student.barcode, b.text_pt, &lines.who)?;
                }
            }
        }
        SheetKind::Separator { .. } => {
            if let (Some(slots), Some(lines), Some(sep)) = (layout.separator_slots(), &separator, layout.separator_on())
            {
                for ((rect, text), place) in slots.lines.iter().zip(&lines.texts).zip(&lines.places) {
                    let size = fit_one_line(text, rect.w, sep.font_pt, sep.min_font_pt)
                        .map_err(|need| too_long(&lines.who, place, sep.min_font_pt, need, rect.w))?;
                    centred_text(&mut page.items, rect, size, text);
                }
                if let Some(payload) = &ctx.packet_barcode {
                    place_barcode(&mut page.items, slots.barcode, payload, sep.text_pt, &lines.who)?;
                }
            }
        }
    }
    for ((band, slot), lines) in
        [(layout.header_on(), layout.header()), (layout.footer_on(), layout.footer())].into_iter().zip(&bands)
    {
        if let (Some(band), Some(slot), Some(lines)) = (band, slot, lines) {
            place_band(&mut page.items, band, &slot, lines, ctx, sheet.number)?;
        }
    }
    Ok(page)
}

fn student_who(s: &CaptionStudent) -> Msg {
    msg!("imp-compose-who-student", xh = &s.student.xh, cjm = &s.student.cjm)
}

/// Fill a template already validated by the layout (unknown fields cannot occur; they fill
/// as nothing should a hand-built layout skip validation).
fn fill(template: &str, allowed: &[&str], value: impl Fn(&str) -> String) -> String {
    let pieces = parse_template(template, allowed).unwrap_or_else(|_| vec![Piece::Text(template.to_string())]);
    pieces
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => t,
            Piece::Field(f) => value(&f),
        })
        .collect()
}

fn caption_lines(layout: &Layout, c: &CaptionStudent, ctx: &SheetContext) -> Lines {
    let s = &c.student;
    let value = |field: &str| match field {
        "xh" => s.xh.clone(),
        "xm" => s.xm.clone(),
        "bh" => s.bh.clone(),
        "cc" => s.cc.clone(),
        "xllb" => s.xllb.clone(),
        "yxdm" => s.yxdm.clone(),
        "zjhm4" => s.zjhm4.clone(),
        "cjm" => s.cjm.clone(),
        "date" => s.sjc.map(|t| ctx.zone.collection_date(t)).unwrap_or_default(),
        "school" => ctx.school_name.clone(),
        "full_name" => s.full_name.clone().unwrap_or_else(|| s.xm.clone()),
        _ => String::new(),
    };
    let templates = &layout.caption.lines;
    Lines {
        who: student_who(c),
        places: templates
            .iter()
            .enumerate()
            .map(|(i, t)| {
                // Quoted by hand: Debug's escaping of every character was a tenth of a render.
                msg!("imp-compose-place-caption-line", line = (i + 1).to_string(), template = format!("\"{t}\""))
            })
            .collect(),
        texts: templates.iter().map(|t| fill(t, CAPTION_FIELDS, value)).collect(),
    }
}

fn band_texts(layout: &Layout, ctx: &SheetContext) -> [Option<Lines>; 2] {
    let one = |band: Option<&Band>, key: &str| {
        band.map(|b| {
            let value = |field: &str| match field {
                "job" => ctx.job.clone(),
                "school" => ctx.school_name.clone(),
                "class" => ctx.class.clone(),
                "sheet" => ctx.sheet.to_string(),
                "sheets" => ctx.sheets.to_string(),
                _ => String::new(),
            };
            Lines {
                who: msg!("imp-compose-who-sheet", sheet = ctx.sheet.to_string()),
                places: vec![msg!("imp-compose-place-band", band = key, template = format!("\"{}\"", b.text))],
                texts: vec![fill(&b.text, BAND_FIELDS, value)],
            }
        })
    };
    [one(layout.header_on(), "header"), one(layout.footer_on(), "footer")]
}

fn separator_lines(class: &str, ctx: &SheetContext) -> Lines {
    Lines {
        who: msg!("imp-compose-who-separator", class = class),
        places: vec![
            msg!("imp-compose-place-school"),
            msg!("imp-compose-place-class"),
            msg!("imp-compose-place-count"),
        ],
        texts: vec![ctx.school_name.clone(), class.to_string(), format!("{} 人", ctx.class_count)],
    }
}

fn check_glyphs(lines: &Lines) -> Result<(), ComposeError> {
    for (text, place) in lines.texts.iter().zip(&lines.places) {
        if let Some(&ch) = Font::bundled().missing_chars(text).first() {
            return Err(ComposeError::MissingGlyph { who: lines.who.clone(), place: place.clone(), ch });
        }
    }
    Ok(())
}

fn too_long(who: &Msg, place: &Msg, min_pt: f64, need: f64, have: f64) -> ComposeError {
    ComposeError::DoesNotFit { who: who.clone(), place: place.clone(), min_pt, need, have }
}

/// Sizes to try: `from`, then 0.5 pt smaller each step, ending exactly at `min`.
fn sizes(from: f64, min: f64) -> impl Iterator<Item = f64> {
    let steps = ((from - min) / SHRINK_STEP_PT).floor().max(0.0) as usize;
    (0..=steps)
        .map(move |i| from - i as f64 * SHRINK_STEP_PT)
        .chain((from - steps as f64 * SHRINK_STEP_PT > min + EPS).then_some(min))
}

/// The largest size that fits `text` into `width`, or the width it needs at the minimum.
fn fit_one_line(text: &str, width: f64, font_pt: f64, min_pt: f64) -> Result<f64, f64> {
    let font = Font::bundled();
    sizes(font_pt, min_pt)
        .find(|&pt| font.text_width_mm(text, pt) <= width + EPS)
        .ok_or(font.text_width_mm(text, min_pt))
}

fn place_caption(items: &mut Vec<Item>, layout: &Layout, slot: &GroupSlot, lines: &Lines) -> Result<(), ComposeError> {
    let c = &layout.caption;
    let font = Font::bundled();
    let inner = Rect::new(
        slot.caption.x + c.padding_mm,
        slot.caption.y + c.padding_mm,
        slot.caption.w - 2.0 * c.padding_mm,
        slot.caption.h - 2.0 * c.padding_mm,
    );
    let n = lines.texts.len() as f64;
    let height = |pt: f64| font.ascent_mm(pt) + font.descent_mm(pt) + (n - 1.0) * pt * c.line_spacing * MM_PER_PT;
    let fits =
        |pt: f64| height(pt) <= inner.h + EPS && lines.texts.iter().all(|t| font.text_width_mm(t, pt) <= inner.w + EPS);
    let Some(size) = sizes(c.font_pt, c.min_font_pt).find(|&pt| fits(pt)) else {
        // Name the first line that is still too wide; else the lines are too many for the height.
        let min = c.min_font_pt;
        for (text, place) in lines.texts.iter().zip(&lines.places) {
            let need = font.text_width_mm(text, min);
            if need > inner.w + EPS {
                return Err(too_long(&lines.who, place, min, need, inner.w));
            }
        }
        let place = msg!("imp-compose-place-caption-lines");
        return Err(too_long(&lines.who, &place, min, height(min), inner.h));
    };
    let pitch = size * c.line_spacing * MM_PER_PT;
    for (i, text) in lines.texts.iter().enumerate() {
        if text.is_empty() {
            continue;
        }
        let y = inner.y + font.ascent_mm(size) + i as f64 * pitch;
        items.push(Item::Text { x: inner.x, y, size_pt: size, text: text.clone() });
    }
    Ok(())
}

fn place_band(
    items: &mut Vec<Item>,
    band: &Band,
    slot: &BandSlot,
    lines: &Lines,
    ctx: &SheetContext,
    sheet: usize,
) -> Result<(), ComposeError> {
    let font = Font::bundled();
    let (text, place) = (&lines.texts[0], &lines.places[0]);
    let size = fit_one_line(text, slot.text.w, band.font_pt, band.min_font_pt)
        .map_err(|need| too_long(&lines.who, place, band.min_font_pt, need, slot.text.w))?;
    if !text.is_empty() {
        let y = slot.text.y + (slot.text.h - font.ascent_mm(size) - font.descent_mm(size)) / 2.0 + font.ascent_mm(size);
        items.push(Item::Text { x: slot.text.x, y, size_pt: size, text: text.clone() });
    }
    if let Some(rect) = slot.barcode {
        if ctx.sheet_barcode.is_empty() {
            return Err(ComposeError::Context { sheet, reason: msg!("imp-compose-no-sheet-barcode") });
        }
        place_barcode(items, rect, &ctx.sheet_barcode, band.barcode_text_pt, &lines.who)?;
    }
    Ok(())
}

/// Bars centred in `slot`, as wide as the payload needs at the widest module (up to 0.5 mm)
/// that leaves 10 modules of quiet zone free on each side; the readable text centred below.
fn place_barcode(
    items: &mut Vec<Item>,
    slot: Rect,
    payload: &str,
    text_pt: f64,
    who: &Msg,
) -> Result<(), ComposeError> {
    let err = |reason: Msg| ComposeError::Barcode { who: who.clone(), payload: payload.to_string(), reason };
    if payload.is_empty() || !payload.bytes().all(|b| (32..=126).contains(&b)) {
        return Err(err(msg!("imp-compose-barcode-not-ascii")));
    }
    let modules = plan::code128_modules(payload.chars().count());
    let module = (slot.w / (modules + 2 * QUIET_MODULES) as f64).min(MAX_MODULE_MM);
    if module < MIN_MODULE_MM - EPS {
        return Err(err(msg!(
            "imp-compose-barcode-too-wide",
            chars = payload.len().to_string(),
            need = format!("{:.1}", plan::barcode_min_width_mm(payload.len())),
            have = format!("{:.1}", slot.w)
        )));
    }
    let text_h = plan::readable_text_mm(text_pt);
    let w = modules as f64 * module;
    let bars = Rect::new(slot.x + (slot.w - w) / 2.0, slot.y, w, slot.h - text_h);
    items.push(Item::Barcode { payload: payload.to_string(), rect: bars });
    if text_pt > 0.0 {
        let font = Font::bundled();
        // The readable text is narrower than the bars at any sensible size; shrink if not.
        let pt = fit_one_line(payload, slot.w, text_pt, 1.0).unwrap_or(1.0);
        let x = slot.x + (slot.w - font.text_width_mm(payload, pt)) / 2.0;
        let y = bars.bottom() + READABLE_GAP_MM + font.ascent_mm(text_pt);
        items.push(Item::Text { x, y, size_pt: pt, text: payload.to_string() });
    }
    Ok(())
}

fn centred_text(items: &mut Vec<Item>, rect: &Rect, size: f64, text: &str) {
    let font = Font::bundled();
    let x = rect.x + (rect.w - font.text_width_mm(text, size)) / 2.0;
    items.push(Item::Text { x, y: rect.y + font.ascent_mm(size), size_pt: size, text: text.to_string() });
}

/// Everything a crop mark must not run into: every photo, caption and barcode slot of the
/// sheet (used or not, so every sheet of a layout looks the same) and the header and footer.
fn obstacles(layout: &Layout, slots: &[GroupSlot]) -> Vec<Rect> {
    let mut out = Vec::new();
    for s in slots {
        out.extend(s.photos.iter().copied());
        out.push(s.caption);
        out.extend(s.barcode);
    }
    out.extend(layout.header().map(|b| b.rect));
    out.extend(layout.footer().map(|b| b.rect));
    out
}

/// Eight marks per photo, two at each corner, continuing its edges outwards. A mark starts
/// `offset` away from the corner and is cut short `offset` before anything else on the sheet
/// and at the printable area, so between photos set close together only the outer marks
/// remain; what is left shorter than 0.5 mm is dropped.
fn crop_marks(
    items: &mut Vec<Item>,
    frame: &Rect,
    obstacles: &[Rect],
    bound: &Rect,
    len: f64,
    offset: f64,
    width: f64,
) {
    let corners = [
        (frame.x, frame.y, -1.0, -1.0),
        (frame.right(), frame.y, 1.0, -1.0),
        (frame.x, frame.bottom(), -1.0, 1.0),
        (frame.right(), frame.bottom(), 1.0, 1.0),
    ];
    let hw = width / 2.0;
    for (cx, cy, sx, sy) in corners {
        for horizontal in [true, false] {
            let (p, s, across) = if horizontal { (cx, sx, cy) } else { (cy, sy, cx) };
            let mut end = offset + len;
            // Stop at the printable area's edge.
            let (lo, hi) = if horizontal { (bound.x, bound.right()) } else { (bound.y, bound.bottom()) };
            end = end.min(if s > 0.0 { hi - p } else { p - lo });
            for o in obstacles.iter().filter(|o| *o != frame) {
                let (olo, ohi, alo, ahi) =
                    if horizontal { (o.x, o.right(), o.y, o.bottom()) } else { (o.y, o.bottom(), o.x, o.right()) };
                if across < alo - hw || across > ahi + hw {
                    continue;
                }
                let enter = if s > 0.0 {
                    if ohi + hw < p { continue } else { (olo - hw - p).max(0.0) }
                } else if olo - hw > p {
                    continue;
                } else {
                    (p - ohi - hw).max(0.0)
                };
                end = end.min(enter - offset);
            }
            if end - offset < MIN_MARK_MM {
                continue;
            }
            let (a, b) = (p + s * offset, p + s * end);
            let item = if horizontal {
                Item::Line { x1: a, y1: across, x2: b, y2: across, width_mm: width }
            } else {
                Item::Line { x1: across, y1: a, x2: across, y2: b, width_mm: width }
            };
            items.push(item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::file::builtin;
    use crate::layout::plan::plan;

    fn shipped(name: &str) -> Layout {
        Layout::from_toml(builtin(name).unwrap(), name).unwrap()
    }

    fn student(i: usize) -> CaptionStudent {
        CaptionStudent {
            student: PrintedStudent {
                cjm: "Hx4KcUcseltovhGV".into(),
                xh: format!("20181800421511{i}"),
                xm: "张*三".into(),
                bh: "计算机科学与技术软工三班".into(),
                cc: "本科".into(),
                xllb: "网络教育".into(),
                yxdm: "10418".into(),
                zjhm4: "471X".into(),
                sjc: Some(1653446320558),
                full_name: None,
                photo_sha256: format!("{i:064}"),
            },
            barcode: format!("T{i}00001X"),
        }
    }

    fn context(sheet: &SheetPlan, students: Vec<CaptionStudent>) -> SheetContext {
        SheetContext {
            job: "J12X".into(),
            school_code: "10418".into(),
            school_name: "江西师范大学".into(),
            class: sheet.class().into(),
            sheet: sheet.number,
            sheets: 9,
            sheet_barcode: format!("S{}7", sheet.number),
            packet_barcode: Some("P33K".into()),
            class_count: 3,
            zone: Zone::CHINA,
            students,
        }
    }

    fn first_photo_sheet(layout: &Layout, n: usize) -> SheetPlan {
        plan(layout, &[("软工三班".to_string(), n)]).into_iter().find(|s| !s.is_separator()).unwrap()
    }

    fn texts(page: &PageSpec) -> Vec<(f64, String)> {
        page.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { size_pt, text, .. } => Some((*size_pt, text.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn frames_are_exactly_the_layout_mm_and_everything_stays_printable() {
        for name in crate::layout::builtin_names() {
            let layout = shipped(name);
            let n = layout.groups_per_sheet();
            let sheet = first_photo_sheet(&layout, n);
            let page = compose(&layout, &sheet, &context(&sheet, (0..n).map(student).collect())).unwrap();
            let slots = layout.group_slots();
            let frames: Vec<Rect> = page
                .items
                .iter()
                .filter_map(|i| if let Item::Photo { frame, .. } = i { Some(*frame) } else { None })
                .collect();
            let expected: Vec<Rect> = slots.iter().flat_map(|s| s.photos.clone()).collect();
            assert_eq!(frames, expected, "{name}");
            let p = layout.printable();
            for item in &page.items {
                match item {
                    Item::Line { x1, y1, x2, y2, .. } => {
                        assert!(
                            p.contains(&Rect::new(x1.min(*x2), y1.min(*y2), (x2 - x1).abs(), (y2 - y1).abs()), EPS)
                        );
                        for f in &frames {
                            let r = Rect::new(
                                x1.min(*x2),
                                y1.min(*y2),
                                (x2 - x1).abs().max(0.01),
                                (y2 - y1).abs().max(0.01),
                            );
                            assert!(!f.overlaps(&r), "{name}: crop mark {item:?} over a photo");
                        }
                    }
                    Item::Barcode { payload, rect } => {
                        let modules = plan::code128_modules(payload.len()) as f64;
                        assert!(rect.w / modules >= MIN_MODULE_MM - EPS, "{name}");
                        assert!(rect.h >= plan::MIN_BAR_HEIGHT_MM - EPS, "{name}");
                        assert!(p.contains(rect, EPS));
                    }
                    _ => {}
                }
            }
            assert!(texts(&page).iter().any(|(_, t)| t.contains("采集日期 2022-05-25")), "{name}: {:?}", texts(&page));
        }
    }

    #[test]
    fn the_strips_collection_date_is_the_day_in_the_labs_zone() {
        let layout = shipped("a4-2cun-x4");
        let sheet = first_photo_sheet(&layout, 1);
        let mut s = student(0);
        s.student.sjc = Some(1_778_972_400_000); // 07:00 on 2026-05-17 in Beijing, 23:00 on the 16th in UTC
        let date = |zone: Zone| {
            let ctx = SheetContext { zone, ..context(&sheet, vec![s.clone()]) };
            texts(&compose(&layout, &sheet, &ctx).unwrap()).into_iter().map(|(_, t)| t).find(|t| t.contains("采集日期"))
        };
        assert_eq!(date(Zone::CHINA).as_deref(), Some("采集日期 2026-05-17"));
        assert_eq!(date(Zone::parse("UTC").unwrap()).as_deref(), Some("采集日期 2026-05-16"));
    }

    #[test]
    fn a4_has_crop_marks_and_a_header() {
        let layout = shipped("a4-2cun-x4");
        let sheet = first_photo_sheet(&layout, 1);
        let page = compose(&layout, &sheet, &context(&sheet, vec![student(0)])).unwrap();
        let marks = page.items.iter().filter(|i| matches!(i, Item::Line { .. })).count();
        assert!(marks >= 4, "{marks}");
        assert!(texts(&page).iter().any(|(_, t)| t.contains("J12X") && t.contains("江西师范大学")));
        assert!(page.items.iter().any(|i| matches!(i, Item::Barcode { payload, .. } if payload == "S27")));
    }

    #[test]
    fn long_caption_shrinks_then_fails_naming_the_student() {
        let layout = shipped("a4-2cun-x4");
        let sheet = first_photo_sheet(&layout, 1);
        let mut s = student(0);
        // 34 characters of 1 em: 84 mm at 7 pt, 66 mm at 5.5 pt; the strip holds 71 mm.
        s.student.bh = "计算机科学与技术专业软件工程方向继续教育学院南昌函授站二零二二级三班".into();
        assert_eq!(s.student.bh.chars().count(), 34);
        let page = compose(&layout, &sheet, &context(&sheet, vec![s.clone()])).unwrap();
        let (size, _) = texts(&page).into_iter().find(|(_, t)| *t == s.student.bh).unwrap();
        assert!(size < layout.caption.font_pt && size >= layout.caption.min_font_pt, "{size}");

        s.student.bh = s.student.bh.repeat(2);
        let e = compose(&layout, &sheet, &context(&sheet, vec![s.clone()])).unwrap_err().to_string();
        assert!(
            e.contains(&s.student.xh)
                && e.contains(&s.student.cjm)
                && e.contains("caption line 2")
                && e.contains("{bh}"),
            "{e}"
        );
    }

    #[test]
    fn missing_glyph_names_the_student_and_the_character() {
        let layout = shipped("a4-2cun-x4");
        let sheet = first_photo_sheet(&layout, 2);
        let mut bad = student(1);
        bad.student.xm = "王\u{E000}".into();
        let e = compose(&layout, &sheet, &context(&sheet, vec![student(0), bad.clone()])).unwrap_err();
        assert!(matches!(e, ComposeError::MissingGlyph { ch: '\u{E000}', .. }));
        let e = e.to_string();
        assert!(e.contains(&bad.student.xh) && e.contains(&bad.student.cjm) && e.contains("U+E000"), "{e}");
    }

    #[test]
    fn separator_sheet_shows_class_count_and_packet_barcode() {
        let layout = shipped("a4-2cun-x4");
        let sheets = plan(&layout, &[("软工三班".to_string(), 3)]);
        assert!(sheets[0].is_separator());
        let page = compose(&layout, &sheets[0], &context(&sheets[0], vec![])).unwrap();
        let t: Vec<String> = texts(&page).into_iter().map(|(_, t)| t).collect();
        assert!(
            t.contains(&"江西师范大学".to_string())
                && t.contains(&"软工三班".to_string())
                && t.contains(&"3 人".to_string())
        );
        assert!(page.items.iter().any(|i| matches!(i, Item::Barcode { payload, .. } if payload == "P33K")));
        assert!(!page.items.iter().any(|i| matches!(i, Item::Photo { .. })));
    }

    #[test]
    fn shrink_sizes_end_at_the_minimum() {
        assert_eq!(sizes(7.0, 5.5).collect::<Vec<_>>(), vec![7.0, 6.5, 6.0, 5.5]);
        assert_eq!(sizes(7.0, 5.8).collect::<Vec<_>>(), vec![7.0, 6.5, 6.0, 5.8]);
        assert_eq!(sizes(6.0, 6.0).collect::<Vec<_>>(), vec![6.0]);
    }
}
