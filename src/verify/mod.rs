//! Preflight: proves that a rendered PDF shows what its job froze, before a sheet is printed.
//!
//! It never trusts the writer. It reads the finished file back with readers no one here wrote
//! (`lopdf` for structure, image bytes, content-stream operators and ToUnicode maps; `hayro` to
//! rasterise and `rxing` to decode barcodes) and compares what they find with what each sheet
//! must show: the `PageSpec` composed from the job's frozen layout and students, which the
//! caller gives it. It reads whatever a valid PDF may hold (compressed or split content streams,
//! form XObjects, any object order and numbering), never the particular bytes `render::pdf`
//! emits today, and uses nothing of the writer's own. It never touches the store or the photo
//! files; recording results is `app::verify`.
//!
//! Per page (= sheet, in the job's order) it checks: the paper size; that every photo frame
//! shows exactly one image whose bytes have the SHA-256 of the approved photo the job placed
//! there, clipped to the frame and covering it as the layout says, within 0.1 mm; that every
//! text (captions, header, barcode text) reads, through the font's ToUnicode map, exactly what
//! the job prints, with every glyph present in the embedded font; and that every barcode,
//! rasterised at 300 dpi where the layout puts it, decodes to exactly its payload.

mod content;
mod fonts;
mod raster;

use crate::error::Result;
use crate::i18n::Msg;
use crate::layout::plan::{QUIET_MODULES, code128_modules};
use crate::msg;
use crate::progress::{self, Progress};
use crate::render::page::PT_PER_MM;
use crate::render::{Item, PageSpec, Rect};
use content::{Bbox, Fonts, PageContent, Placed, Shown};
use lopdf::{Document, Object, ObjectId, Stream};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// How far a photo's frame or picture may lie from where the layout puts it.
pub const PLACEMENT_TOLERANCE_MM: f64 = 0.1;
/// A text is looked for this close to where the layout puts its baseline.
const TEXT_SEARCH_MM: f64 = 1.0;
/// Pages a worker takes at a time (each worker opens the file once for hayro per batch).
const PAGES_PER_BATCH: usize = 8;

/// A student, as failures name him: 学号 and the masked name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Who {
    pub xh: String,
    pub xm: String,
}

/// What one sheet must show, and whose each item is.
#[derive(Debug, Clone)]
pub struct ExpectedSheet {
    /// The sheet's number in its job.
    pub number: i64,
    /// The sheet's barcode payload (`S…`).
    pub barcode: String,
    pub page: PageSpec,
    /// For each item of `page`, the index in `students` of the student it belongs to.
    pub owners: Vec<Option<usize>>,
    pub students: Vec<Who>,
}

/// Which check a failure comes from (its machine code in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// The file is missing, unreadable or not the one recorded at render.
    File,
    /// Page count, page order or paper size.
    Pages,
    /// A photo's bytes are not the approved photo of the student placed there.
    Photo,
    /// A photo's frame or picture is not where the layout puts it.
    Placement,
    /// A barcode does not decode to its payload.
    Barcode,
    /// A text does not read what the job prints.
    Caption,
    /// A character has no ToUnicode entry or no glyph in the embedded font.
    Glyph,
}

impl Check {
    pub fn as_str(self) -> &'static str {
        match self {
            Check::File => "file",
            Check::Pages => "pages",
            Check::Photo => "photo",
            Check::Placement => "placement",
            Check::Barcode => "barcode",
            Check::Caption => "caption",
            Check::Glyph => "glyph",
        }
    }

    /// The check's name as a person reads it.
    pub fn label(self) -> Msg {
        Msg::new(match self {
            Check::File => "verify-check-file",
            Check::Pages => "verify-check-pages",
            Check::Photo => "verify-check-photo",
            Check::Placement => "verify-check-placement",
            Check::Barcode => "verify-check-barcode",
            Check::Caption => "verify-check-caption",
            Check::Glyph => "verify-check-glyph",
        })
    }
}

/// A length in millimetres as failures give it: to 0.1 mm, or to 0.01 mm where placement is
/// judged.
fn mm(v: f64) -> String {
    format!("{v:.1}")
}
fn mm2(v: f64) -> String {
    format!("{v:.2}")
}

/// One thing found wrong, named by sheet, student and what differs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Failure {
    pub check: Check,
    pub sheet: Option<i64>,
    pub sheet_barcode: Option<String>,
    pub student: Option<Who>,
    /// What differs, in the language of whoever verified.
    pub detail: String,
    /// The catalog key of `detail` as a stable machine code (empty in records made before it).
    #[serde(default)]
    pub code: String,
}

impl Failure {
    /// A failure of the file as a whole.
    pub fn file(check: Check, said: Msg) -> Failure {
        Failure { check, sheet: None, sheet_barcode: None, student: None, detail: said.to_string(), code: said.code() }
    }

    fn on(sheet: &ExpectedSheet, owner: Option<usize>, check: Check, said: Msg) -> Failure {
        Failure {
            check,
            sheet: Some(sheet.number),
            sheet_barcode: Some(sheet.barcode.clone()),
            student: owner.and_then(|i| sheet.students.get(i)).cloned(),
            detail: said.to_string(),
            code: said.code(),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let check = self.check.label();
        let detail = self.detail.as_str();
        let said = match (self.sheet, &self.student) {
            (None, _) => msg!("verify-failure-file", check = check, detail = detail),
            (Some(n), None) => msg!(
                "verify-failure-sheet",
                sheet = n,
                barcode = self.sheet_barcode.clone().unwrap_or_default(),
                check = check,
                detail = detail
            ),
            (Some(n), Some(s)) => msg!(
                "verify-failure-student",
                sheet = n,
                barcode = self.sheet_barcode.clone().unwrap_or_default(),
                xh = s.xh.as_str(),
                xm = s.xm.as_str(),
                check = check,
                detail = detail
            ),
        };
        write!(f, "{said}")
    }
}

/// How much was looked at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub pages: usize,
    pub photos: usize,
    pub texts: usize,
    pub barcodes: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.pages += o.pages;
        self.photos += o.photos;
        self.texts += o.texts;
        self.barcodes += o.barcodes;
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Verdict {
    pub checked: Counts,
    pub failures: Vec<Failure>,
}

/// What an image XObject holds.
struct ImageFacts {
    sha256: String,
    /// Pixels, from the image dictionary.
    width: f64,
    height: f64,
    /// Filters undone to reach the bytes hashed (the JPEG file when the image is DCTDecode).
    encoding: String,
}

/// Checks one PDF (one part of a job) against its sheets, in order: page i must be sheet i.
/// `photo_owners` maps the SHA-256 of every approved photo of the job to its student, so a
/// photo placed on the wrong student is named as whose it is.
pub fn verify_pdf(
    bytes: Vec<u8>,
    sheets: &[ExpectedSheet],
    photo_owners: &HashMap<String, Who>,
    progress: &dyn Progress,
) -> Result<Verdict> {
    let bytes = Arc::new(bytes);
    let doc = match Document::load_mem(&bytes) {
        Ok(d) => d,
        Err(e) => {
            return Ok(Verdict {
                checked: Counts::default(),
                failures: vec![Failure::file(Check::File, msg!("verify-not-pdf", error = e.to_string()))],
            });
        }
    };
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let mut failures = Vec::new();
    if pages.len() != sheets.len() {
        let span = match (sheets.first(), sheets.last()) {
            (Some(a), Some(b)) => msg!("verify-span-sheets", first = a.number, last = b.number),
            _ => msg!("verify-span-none"),
        };
        failures.push(Failure::file(
            Check::Pages,
            msg!("verify-page-count", pages = pages.len(), span = span, sheets = sheets.len()),
        ));
    }
    let images = image_facts(&doc);
    let fonts: Fonts = doc
        .objects
        .iter()
        .filter_map(|(id, o)| o.as_dict().ok().map(|d| (id, d)))
        .filter(|(_, d)| {
            d.has_type(b"Font")
                && !matches!(d.get(b"Subtype").and_then(Object::as_name), Ok(b"CIDFontType0" | b"CIDFontType2"))
        })
        .map(|(id, d)| (*id, fonts::FontInfo::read(&doc, d)))
        .collect();

    let n = pages.len().min(sheets.len());
    let batches: Vec<std::ops::Range<usize>> =
        (0..n).step_by(PAGES_PER_BATCH).map(|s| s..(s + PAGES_PER_BATCH).min(n)).collect();
    let ctx = Ctx { doc: &doc, fonts: &fonts, images: &images, photo_owners };
    let results: Vec<Result<(Counts, Vec<Failure>)>> = batches
        .par_iter()
        .map(|range| {
            // hayro reads the file by itself (a handle per batch, as its caches are per thread).
            let pdf = hayro::hayro_syntax::Pdf::new(bytes.clone()).ok();
            let cache = hayro::RenderCache::new();
            let mut counts = Counts::default();
            let mut found = Vec::new();
            for i in range.clone() {
                progress::check(progress)?;
                let page = pdf.as_ref().and_then(|p| p.pages().get(i));
                let (c, f) = ctx.check_page(pages[i], &sheets[i], page.map(|p| (p, &cache)));
                counts.add(c);
                found.extend(f);
                progress.inc(1);
            }
            Ok((counts, found))
        })
        .collect();
    let mut checked = Counts::default();
    for r in results {
        let (c, f) = r?;
        checked.add(c);
        failures.extend(f);
    }
    Ok(Verdict { checked, failures })
}

/// The bytes an image holds, with its filters up to the image codec undone: for a DCTDecode
/// image, the JPEG file itself, whatever compression is wrapped around it.
fn image_bytes(stream: &Stream) -> std::result::Result<(Vec<u8>, String), String> {
    let filters: Vec<Vec<u8>> =
        stream.filters().map(|f| f.into_iter().map(<[u8]>::to_vec).collect()).unwrap_or_default();
    let codec = filters
        .iter()
        .position(|f| matches!(f.as_slice(), b"DCTDecode" | b"JPXDecode" | b"JBIG2Decode" | b"CCITTFaxDecode"));
    let (outer, name) = match codec {
        Some(i) => (&filters[..i], String::from_utf8_lossy(&filters[i]).into_owned()),
        None => (&filters[..], "raw pixels".to_string()),
    };
    if outer.is_empty() {
        return Ok((stream.content.clone(), name));
    }
    let mut dict = stream.dict.clone();
    dict.set("Filter", Object::Array(outer.iter().map(|f| Object::Name(f.clone())).collect()));
    Stream::new(dict, stream.content.clone())
        .decompressed_content()
        .map(|b| (b, name))
        .map_err(|e| msg!("verify-filters", error = e.to_string()).to_string())
}

fn image_facts(doc: &Document) -> HashMap<ObjectId, ImageFacts> {
    let images: Vec<(ObjectId, &Stream)> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| o.as_stream().ok().map(|s| (*id, s)))
        .filter(|(_, s)| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image".as_slice()))
        .collect();
    images
        .par_iter()
        .map(|(id, s)| {
            use sha2::Digest;
            let dim = |k: &[u8]| s.dict.get(k).ok().and_then(|o| o.as_float().ok()).map(f64::from).unwrap_or(0.0);
            let (sha256, encoding) = match image_bytes(s) {
                Ok((b, name)) => (hex::encode(sha2::Sha256::digest(&b)), name),
                Err(e) => (String::new(), e),
            };
            (*id, ImageFacts { sha256, width: dim(b"Width"), height: dim(b"Height"), encoding })
        })
        .collect()
}

struct Ctx<'a, 'd> {
    doc: &'d Document,
    fonts: &'a Fonts<'d>,
    images: &'a HashMap<ObjectId, ImageFacts>,
    photo_owners: &'a HashMap<String, Who>,
}

/// A text line as read: show operations that continue one another on one baseline.
struct Line {
    x: f64,
    y: f64,
    end_x: f64,
    text: String,
    problems: Vec<String>,
}

fn lines(shown: Vec<Shown>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for s in shown {
        if let Some(l) = out.last_mut()
            && (s.y - l.y).abs() < 0.5
            && s.x >= l.end_x - 0.5
            && s.x <= l.end_x + 2.0
        {
            l.text.push_str(&s.text);
            l.end_x = s.end_x;
            l.problems.extend(s.problems);
            continue;
        }
        out.push(Line { x: s.x, y: s.y, end_x: s.end_x, text: s.text, problems: s.problems });
    }
    out
}

/// Page points (y up) to mm from the top-left corner.
fn to_mm(page_h_pt: f64, x: f64, y: f64) -> (f64, f64) {
    (x / PT_PER_MM, (page_h_pt - y) / PT_PER_MM)
}

/// A box in page points as a rectangle in mm from the top-left corner.
fn bbox_mm(page_h_pt: f64, b: &Bbox) -> Rect {
    Rect::new(b.x0 / PT_PER_MM, (page_h_pt - b.y1) / PT_PER_MM, (b.x1 - b.x0) / PT_PER_MM, (b.y1 - b.y0) / PT_PER_MM)
}

/// The rectangle a `iw` x `ih` picture covers when scaled to cover `frame`, centred: what
/// `Item::Photo` means (the clipping path then crops it to the frame).
fn cover(frame: &Rect, iw: f64, ih: f64) -> Rect {
    let s = (frame.w / iw).max(frame.h / ih);
    let (w, h) = (iw * s, ih * s);
    Rect::new(frame.x + (frame.w - w) / 2.0, frame.y + (frame.h - h) / 2.0, w, h)
}

/// How far `got` lies from `want` (largest edge difference), and a description of it.
fn offset(got: &Rect, want: &Rect) -> (f64, Msg) {
    let d = [got.x - want.x, got.y - want.y, got.right() - want.right(), got.bottom() - want.bottom()];
    let worst = d.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let text = msg!(
        "verify-where",
        w = mm2(got.w),
        h = mm2(got.h),
        x = mm2(got.x),
        y = mm2(got.y),
        lw = mm2(want.w),
        lh = mm2(want.h),
        lx = mm2(want.x),
        ly = mm2(want.y)
    );
    (worst, text)
}

fn centre(r: &Rect) -> (f64, f64) {
    (r.x + r.w / 2.0, r.y + r.h / 2.0)
}

impl Ctx<'_, '_> {
    fn check_page<'p>(
        &self,
        page: ObjectId,
        sheet: &ExpectedSheet,
        raster: Option<(&'p hayro::hayro_syntax::page::Page<'p>, &hayro::RenderCache<'p>)>,
    ) -> (Counts, Vec<Failure>) {
        let mut failures = Vec::new();
        let mut counts = Counts { pages: 1, ..Counts::default() };
        let content = match content::read_page(self.doc, page, self.fonts) {
            Ok(c) => c,
            Err(e) => {
                failures.push(Failure::on(sheet, None, Check::Pages, msg!("verify-page-unreadable", error = e)));
                return (counts, failures);
            }
        };
        let [x0, y0, x1, y1] = content.media_box;
        let (w, h) = ((x1 - x0) / PT_PER_MM, (y1 - y0) / PT_PER_MM);
        if (w - sheet.page.width_mm).abs() > PLACEMENT_TOLERANCE_MM
            || (h - sheet.page.height_mm).abs() > PLACEMENT_TOLERANCE_MM
        {
            failures.push(Failure::on(
                sheet,
                None,
                Check::Pages,
                msg!(
                    "verify-page-size",
                    w = mm(w),
                    h = mm(h),
                    pw = mm(sheet.page.width_mm),
                    ph = mm(sheet.page.height_mm)
                ),
            ));
        }
        let page_h = y1;
        self.check_photos(sheet, &content, page_h, &mut counts, &mut failures);
        self.check_texts(sheet, content, page_h, &mut counts, &mut failures);
        self.check_barcodes(sheet, raster, &mut counts, &mut failures);
        (counts, failures)
    }

    fn check_photos(
        &self,
        sheet: &ExpectedSheet,
        content: &PageContent,
        page_h: f64,
        counts: &mut Counts,
        failures: &mut Vec<Failure>,
    ) {
        // What each drawn image shows of the page: its picture, cut by the clip.
        let drawn: Vec<(&Placed, Rect, Rect)> = content
            .images
            .iter()
            .map(|p| {
                let picture = Bbox::of_unit_square(&p.ctm);
                let visible = p.clip.map_or(picture, |c| c.intersect(&picture));
                (p, bbox_mm(page_h, &picture), bbox_mm(page_h, &visible))
            })
            .collect();
        let mut used = vec![false; drawn.len()];
        for (i, item) in sheet.page.items.iter().enumerate() {
            let Item::Photo { sha256, frame } = item else { continue };
            counts.photos += 1;
            let owner = sheet.owners.get(i).copied().flatten();
            let fail = |check, said: Msg| Failure::on(sheet, owner, check, said);
            let (fx, fy) = centre(frame);
            let found = drawn
                .iter()
                .enumerate()
                .filter(|(k, (_, _, v))| {
                    let (cx, cy) = centre(v);
                    !used[*k]
                        && v.w > 0.0
                        && v.h > 0.0
                        && (cx - fx).abs() < frame.w / 2.0
                        && (cy - fy).abs() < frame.h / 2.0
                })
                .min_by(|(_, (_, _, a)), (_, (_, _, b))| {
                    let d = |r: &Rect| (centre(r).0 - fx).hypot(centre(r).1 - fy);
                    d(a).total_cmp(&d(b))
                })
                .map(|(k, _)| k);
            let Some(k) = found else {
                failures.push(fail(
                    Check::Photo,
                    msg!("verify-no-photo", w = mm(frame.w), h = mm(frame.h), x = mm(frame.x), y = mm(frame.y)),
                ));
                continue;
            };
            used[k] = true;
            let (placed, picture, _) = &drawn[k];
            let Some(facts) = self.images.get(&placed.image) else { continue };
            if facts.sha256 != *sha256 {
                let short = |s: &str| s.get(..12).unwrap_or(s).to_string();
                let detail = match self.photo_owners.get(&facts.sha256) {
                    Some(who) => msg!(
                        "verify-photo-of-other",
                        x = mm(frame.x),
                        y = mm(frame.y),
                        xh = who.xh.as_str(),
                        xm = who.xm.as_str()
                    ),
                    None if facts.sha256.is_empty() => {
                        msg!("verify-image-unreadable", error = facts.encoding.as_str())
                    }
                    None => msg!(
                        "verify-photo-altered",
                        x = mm(frame.x),
                        y = mm(frame.y),
                        encoding = facts.encoding.as_str(),
                        found = short(&facts.sha256),
                        want = short(sha256)
                    ),
                };
                failures.push(fail(Check::Photo, detail));
            }
            // Where it shows: clipped to exactly the frame, and the picture scaled to cover the
            // frame, centred, neither rotated nor stretched.
            let m = placed.ctm;
            let (sx, sy) = (m[0].hypot(m[1]), m[2].hypot(m[3]));
            if m[1].abs() > 1e-6 * sx || m[2].abs() > 1e-6 * sy || m[0] <= 0.0 || m[3] <= 0.0 {
                failures.push(fail(Check::Placement, msg!("verify-photo-skewed", x = mm(frame.x), y = mm(frame.y))));
                continue;
            }
            match placed.clip {
                None => failures
                    .push(fail(Check::Placement, msg!("verify-photo-not-clipped", x = mm(frame.x), y = mm(frame.y)))),
                Some(clip) => {
                    let (worst, text) = offset(&bbox_mm(page_h, &clip), frame);
                    if worst > PLACEMENT_TOLERANCE_MM {
                        failures.push(fail(Check::Placement, msg!("verify-frame-off", at = text, off = mm2(worst))));
                    }
                }
            }
            if facts.width > 0.0 && facts.height > 0.0 {
                let want = cover(frame, facts.width, facts.height);
                let (worst, text) = offset(picture, &want);
                if worst > PLACEMENT_TOLERANCE_MM {
                    failures.push(fail(Check::Placement, msg!("verify-picture-off", at = text, off = mm2(worst))));
                }
            }
        }
        for (k, (_, _, visible)) in drawn.iter().enumerate() {
            if !used[k] && visible.w > 0.0 && visible.h > 0.0 {
                failures.push(Failure::on(
                    sheet,
                    None,
                    Check::Photo,
                    msg!(
                        "verify-stray-image",
                        x = mm(visible.x),
                        y = mm(visible.y),
                        w = mm(visible.w),
                        h = mm(visible.h)
                    ),
                ));
            }
        }
    }

    fn check_texts(
        &self,
        sheet: &ExpectedSheet,
        content: PageContent,
        page_h: f64,
        counts: &mut Counts,
        failures: &mut Vec<Failure>,
    ) {
        let read: Vec<Line> = lines(content.shown);
        let at: Vec<(f64, f64)> = read.iter().map(|l| to_mm(page_h, l.x, l.y)).collect();
        let mut used = vec![false; read.len()];
        for (i, item) in sheet.page.items.iter().enumerate() {
            let Item::Text { x, y, text, .. } = item else { continue };
            if text.chars().all(char::is_control) {
                continue;
            }
            counts.texts += 1;
            let owner = sheet.owners.get(i).copied().flatten();
            let found = (0..read.len())
                .filter(|&k| !used[k] && (at[k].0 - x).hypot(at[k].1 - y) <= TEXT_SEARCH_MM)
                .min_by(|&a, &b| (at[a].0 - x).hypot(at[a].1 - y).total_cmp(&(at[b].0 - x).hypot(at[b].1 - y)));
            let Some(k) = found else {
                failures.push(Failure::on(
                    sheet,
                    owner,
                    Check::Caption,
                    msg!("verify-text-missing", text = text.as_str(), x = mm(*x), y = mm(*y)),
                ));
                continue;
            };
            used[k] = true;
            let want: String = text.chars().filter(|c| !c.is_control()).collect();
            if read[k].text != want {
                failures.push(Failure::on(
                    sheet,
                    owner,
                    Check::Caption,
                    msg!("verify-text-differs", read = read[k].text.as_str(), want = want.as_str()),
                ));
            }
            for p in &read[k].problems {
                failures.push(Failure::on(
                    sheet,
                    owner,
                    Check::Glyph,
                    msg!("verify-glyph", want = want.as_str(), problem = p.clone()),
                ));
            }
        }
        for (k, l) in read.iter().enumerate() {
            if !used[k] && (!l.text.trim().is_empty() || !l.problems.is_empty()) {
                failures.push(Failure::on(
                    sheet,
                    None,
                    Check::Caption,
                    msg!("verify-stray-text", text = l.text.as_str(), x = mm(at[k].0), y = mm(at[k].1)),
                ));
            }
        }
    }

    fn check_barcodes<'p>(
        &self,
        sheet: &ExpectedSheet,
        raster: Option<(&'p hayro::hayro_syntax::page::Page<'p>, &hayro::RenderCache<'p>)>,
        counts: &mut Counts,
        failures: &mut Vec<Failure>,
    ) {
        for (i, item) in sheet.page.items.iter().enumerate() {
            let Item::Barcode { payload, rect } = item else { continue };
            counts.barcodes += 1;
            let owner = sheet.owners.get(i).copied().flatten();
            let Some((page, cache)) = raster else {
                failures.push(Failure::on(
                    sheet,
                    owner,
                    Check::Barcode,
                    msg!("verify-barcode-no-raster", payload = payload.as_str()),
                ));
                continue;
            };
            // The bars with their quiet zones, as a scanner is aimed at them.
            let module = rect.w / code128_modules(payload.chars().count()) as f64;
            let quiet = QUIET_MODULES as f64 * module;
            let window = Rect::new(rect.x - quiet, rect.y - 1.0, rect.w + 2.0 * quiet, rect.h + 2.0);
            let read = raster::window(page, cache, &window).and_then(raster::decode_code128);
            match read {
                Ok(text) if text == *payload => {}
                Ok(text) => failures.push(Failure::on(
                    sheet,
                    owner,
                    Check::Barcode,
                    msg!(
                        "verify-barcode-reads",
                        x = mm(rect.x),
                        y = mm(rect.y),
                        read = text,
                        payload = payload.as_str()
                    ),
                )),
                Err(e) => failures.push(Failure::on(
                    sheet,
                    owner,
                    Check::Barcode,
                    msg!(
                        "verify-barcode-unread",
                        x = mm(rect.x),
                        y = mm(rect.y),
                        payload = payload.as_str(),
                        problem = e
                    ),
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_centres_and_overflows_one_way() {
        let r = cover(&Rect::new(10.0, 20.0, 35.0, 49.0), 480.0, 640.0);
        assert!((r.h - 49.0).abs() < 1e-9 && (r.w - 36.75).abs() < 1e-9);
        assert!((r.x - (10.0 - 0.875)).abs() < 1e-9 && (r.y - 20.0).abs() < 1e-9);
    }

    #[test]
    fn failures_name_sheet_student_and_check() {
        let f = Failure {
            check: Check::Photo,
            sheet: Some(3),
            sheet_barcode: Some("S12K".into()),
            student: Some(Who { xh: "2022001".into(), xm: "李*三".into() }),
            detail: "x".into(),
            code: String::new(),
        };
        use crate::i18n::{Lang, with_lang};
        assert_eq!(with_lang(Lang::En, || f.to_string()), "sheet 3 (S12K), student 2022001 李*三: photo: x");
        assert_eq!(with_lang(Lang::Zh, || f.to_string()), "第 3 张版面（S12K），学生 2022001 李*三：照片：x");
        let gone = with_lang(Lang::En, || Failure::file(Check::File, msg!("verify-span-none")));
        assert_eq!((gone.to_string(), gone.code.as_str()), ("file: no sheets".to_string(), "verify_span_none"));
    }
}
