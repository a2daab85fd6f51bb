//! The streaming PDF writer: pages go to disk as soon as they are made, so memory stays flat
//! however many pages a job has. Photos are embedded byte for byte (DCTDecode, one image object
//! per photo however often it is placed, its bytes written straight from where they were read);
//! text uses the bundled font, subset at `finish`, with a ToUnicode map so it can be searched and
//! copied; barcodes are vector bars. Page contents and the font are Flate-compressed; the file's
//! SHA-256 is taken as it is written. This is the only
//! place that converts millimetres (top-left origin) to PDF points (bottom-left origin). It never
//! decodes or re-encodes a photo, never decides where anything goes, and never touches the store.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::writers::{Catalog, DocumentInfo};
use pdf_writer::{Buf, Chunk, Content, Filter, Finish, Name, Rect as PdfRect, Ref, Str, TextStr};

use super::barcode::code128_modules;
use super::font::{FONT_NAME, Font, font_bytes};
use super::page::{Adjustment, Item, PT_PER_MM, PageSpec, Rect};
use crate::error::{Error, IoContext, Result};

const FONT_RES: Name<'static> = Name(b"F0");

/// What a finished PDF holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfSummary {
    pub pages: usize,
    pub images: usize,
    pub bytes: u64,
    /// The SHA-256 of the file, hex.
    pub sha256: String,
}

#[derive(Clone, Copy)]
struct Image {
    id: Ref,
    width: u32,
    height: u32,
    index: usize,
}

/// One PDF being written: `create`, then `add_page` for each page in print order, then
/// `finish`. Dropping it unfinished removes the temporary file.
pub struct PdfWriter {
    /// `None` once the file has been closed by `finish`.
    out: Option<BufWriter<File>>,
    tmp_path: PathBuf,
    final_path: PathBuf,
    /// Bytes written so far, i.e. where the next object starts.
    pos: u64,
    /// The SHA-256 of the bytes written so far.
    hash: sha2::Sha256,
    /// Byte offset of every allocated object, indexed by object number - 1 (0 = not written).
    offsets: Vec<u64>,
    catalog: Ref,
    page_tree: Ref,
    info: Ref,
    font: Ref,
    pages: Vec<Ref>,
    images: HashMap<String, Image>,
    glyphs: subsetter::GlyphRemapper,
    /// New glyph id -> the character it was first used for, for the ToUnicode map.
    glyph_chars: BTreeMap<u16, char>,
    /// The printer's correction for pages added from now on.
    adjustment: Adjustment,
    deflater: Deflater,
}

impl PdfWriter {
    /// Writes to a temporary file beside `path`; `finish` renames it into place (a reader never
    /// sees half a PDF).
    pub fn create(path: &Path, title: &str) -> Result<PdfWriter> {
        let name = path
            .file_name()
            .ok_or_else(|| Error::from(crate::msg!("send-pdf-no-file-name", path = path.display().to_string())))?;
        let tmp_path = path.with_file_name(format!(".{}.{}.part", name.to_string_lossy(), std::process::id()));
        let file = File::create(&tmp_path).at(&tmp_path)?;
        // Allocated up front so every page can point at them before they are written.
        let [catalog, page_tree, info, font] = [1, 2, 3, 4].map(Ref::new);
        let mut w = PdfWriter {
            out: Some(BufWriter::new(file)),
            tmp_path,
            final_path: path.to_path_buf(),
            pos: 0,
            hash: sha2::Digest::new(),
            offsets: vec![0; 4],
            catalog,
            page_tree,
            info,
            font,
            pages: Vec::new(),
            images: HashMap::new(),
            glyphs: subsetter::GlyphRemapper::new(),
            glyph_chars: BTreeMap::new(),
            adjustment: Adjustment::NONE,
            deflater: Deflater::new(),
        };
        w.write_raw(b"%PDF-1.7\n%\x80\x80\x80\x80\n\n")?;
        let mut c = Chunk::new();
        c.indirect(catalog).start::<Catalog>().pages(page_tree);
        w.put(catalog, &c)?;
        let mut c = Chunk::new();
        c.indirect(info).start::<DocumentInfo>().title(TextStr(title)).producer(TextStr("gradlab"));
        w.put(info, &c)?;
        Ok(w)
    }

    /// Corrects every page added from now on for the printer it is sent to. `Adjustment::NONE`
    /// writes pages exactly as without an adjustment.
    pub fn set_adjustment(&mut self, a: Adjustment) {
        self.adjustment = a;
    }

    /// Photos are fetched through `photos(sha256)` the first time that sha is placed; each
    /// photo is ONE image XObject however often it is placed.
    ///
    /// Text and barcodes are checked before anything is written, so a refused page leaves the
    /// writer usable.
    pub fn add_page(&mut self, page: &PageSpec, photos: &mut dyn FnMut(&str) -> Result<Vec<u8>>) -> Result<()> {
        // Check, draw, write: nothing reaches the file until the page is known to be whole.
        self.check_paper(page)?;
        let barcodes = check_page(page)?;
        let (content, used_images) = self.draw(page, barcodes, photos)?;
        self.write_page(page, &content, used_images)
    }

    /// The page's size is a paper size and the printer's correction is a correction.
    fn check_paper(&self, page: &PageSpec) -> Result<()> {
        let (pw, ph) = (page.width_mm, page.height_mm);
        if !(pw.is_finite() && ph.is_finite() && pw > 0.0 && ph > 0.0) {
            return Err(crate::msg!("send-pdf-bad-paper", width = pw.to_string(), height = ph.to_string()).into());
        }
        let a = self.adjustment;
        let finite = [a.offset_x_mm, a.offset_y_mm, a.scale_pct].iter().all(|v| v.is_finite());
        if !(a.is_none() || finite && a.scale_pct > 0.0) {
            return Err(crate::msg!("send-pdf-bad-adjustment", adjustment = format!("{a:?}")).into());
        }
        Ok(())
    }

    /// The page's content stream, with the printer's correction around it, and the images it
    /// places (index -> object). Each photo is embedded the first time it is placed.
    fn draw(
        &mut self,
        page: &PageSpec,
        barcodes: Vec<Vec<u8>>,
        photos: &mut dyn FnMut(&str) -> Result<Vec<u8>>,
    ) -> Result<(Buf, BTreeMap<usize, Ref>)> {
        let a = self.adjustment;
        let adjust = !a.is_none();
        let height_pt = page.height_mm * PT_PER_MM;
        // Flip the y axis: layouts measure down from the top, PDF measures up from the bottom.
        let rect_pt =
            |r: &Rect| [r.x * PT_PER_MM, height_pt - r.bottom() * PT_PER_MM, r.w * PT_PER_MM, r.h * PT_PER_MM];

        let mut used_images = BTreeMap::new();
        let mut content = Content::new();
        if adjust {
            content.save_state();
            content.transform(adjustment_matrix(&a, page.width_mm, page.height_mm).map(|v| v as f32));
        }
        content.set_fill_gray(0.0).set_stroke_gray(0.0);
        let mut barcodes = barcodes.into_iter();
        for item in &page.items {
            match item {
                Item::Photo { sha256, frame } => {
                    let img = self.image(sha256, photos)?;
                    used_images.insert(img.index, img.id);
                    let frame = rect_pt(frame);
                    let [fx, fy, fw, fh] = frame.map(|v| v as f32);
                    content.save_state();
                    content.rect(fx, fy, fw, fh).clip_nonzero().end_path();
                    content.transform(cover_matrix(frame, img.width, img.height).map(|v| v as f32));
                    content.x_object(Name(image_name(img.index).as_bytes()));
                    content.restore_state();
                }
                Item::Text { x, y, size_pt, text } => {
                    let codes = self.encode_text(text);
                    content.begin_text();
                    content.set_font(FONT_RES, *size_pt as f32);
                    content.next_line((x * PT_PER_MM) as f32, (height_pt - y * PT_PER_MM) as f32);
                    content.show(Str(&codes));
                    content.end_text();
                }
                Item::Line { x1, y1, x2, y2, width_mm } => {
                    content.save_state();
                    content.set_line_width((width_mm * PT_PER_MM) as f32);
                    content.move_to((x1 * PT_PER_MM) as f32, (height_pt - y1 * PT_PER_MM) as f32);
                    content.line_to((x2 * PT_PER_MM) as f32, (height_pt - y2 * PT_PER_MM) as f32);
                    content.stroke();
                    content.restore_state();
                }
                Item::Frame { rect, width_mm } => {
                    let [x, y, w, h] = rect_pt(rect);
                    content.save_state();
                    content.set_line_width((width_mm * PT_PER_MM) as f32);
                    content.rect(x as f32, y as f32, w as f32, h as f32).stroke();
                    content.restore_state();
                }
                Item::Barcode { rect, .. } => {
                    // check_page encoded every barcode in item order.
                    let modules = barcodes.next().unwrap_or_default();
                    draw_bars(&mut content, rect_pt(rect), &modules);
                }
            }
        }
        if adjust {
            content.restore_state();
        }
        Ok((content.finish(), used_images))
    }

    /// The content stream and the page object that shows it, appended to the page tree.
    fn write_page(&mut self, page: &PageSpec, content: &[u8], used_images: BTreeMap<usize, Ref>) -> Result<()> {
        let content_id = self.alloc();
        let mut c = Chunk::new();
        c.stream(content_id, &self.deflater.deflate(content)).filter(Filter::FlateDecode);
        self.put(content_id, &c)?;

        let page_id = self.alloc();
        let mut c = Chunk::new();
        let mut p = c.page(page_id);
        p.parent(self.page_tree)
            .media_box(PdfRect::new(0.0, 0.0, (page.width_mm * PT_PER_MM) as f32, (page.height_mm * PT_PER_MM) as f32))
            .contents(content_id);
        let mut res = p.resources();
        res.fonts().pair(FONT_RES, self.font);
        let mut xobjects = res.x_objects();
        for (index, id) in used_images {
            xobjects.pair(Name(image_name(index).as_bytes()), id);
        }
        xobjects.finish();
        res.finish();
        p.finish();
        self.put(page_id, &c)?;
        self.pages.push(page_id);
        Ok(())
    }

    /// Writes the font (subset to the glyphs used), the page tree and the cross-reference table,
    /// then renames the file into place.
    pub fn finish(mut self) -> Result<PdfSummary> {
        self.write_font()?;

        let mut c = Chunk::new();
        c.pages(self.page_tree).kids(self.pages.iter().copied()).count(self.pages.len() as i32);
        self.put(self.page_tree, &c)?;

        let xref_at = self.pos;
        let mut xref = format!("xref\n0 {}\n0000000000 65535 f\r\n", self.offsets.len() + 1);
        for &offset in &self.offsets {
            if offset == 0 {
                xref.push_str("0000000000 65535 f\r\n");
            } else {
                xref.push_str(&format!("{offset:010} 00000 n\r\n"));
            }
        }
        xref.push_str(&format!(
            "trailer\n<< /Size {} /Root {} 0 R /Info {} 0 R >>\nstartxref\n{xref_at}\n%%EOF\n",
            self.offsets.len() + 1,
            self.catalog.get(),
            self.info.get()
        ));
        self.write_raw(xref.as_bytes())?;

        let out = self.out.take().ok_or_else(|| Error::input("the PDF is already finished"))?;
        let closed = out.into_inner().map_err(|e| e.into_error()).and_then(|file| file.sync_all());
        // The file is closed before the rename: Windows cannot rename an open file.
        if let Err(e) = closed.and_then(|()| std::fs::rename(&self.tmp_path, &self.final_path)) {
            let _ = std::fs::remove_file(&self.tmp_path);
            return Err(e).at(&self.final_path);
        }
        let sha256 = hex::encode(sha2::Digest::finalize(std::mem::take(&mut self.hash)));
        Ok(PdfSummary { pages: self.pages.len(), images: self.images.len(), bytes: self.pos, sha256 })
    }

    fn alloc(&mut self) -> Ref {
        self.offsets.push(0);
        Ref::new(self.offsets.len() as i32)
    }

    fn write_raw(&mut self, bytes: &[u8]) -> Result<()> {
        let out = self.out.as_mut().ok_or_else(|| Error::input("the PDF is already finished"))?;
        out.write_all(bytes).at(&self.tmp_path)?;
        sha2::Digest::update(&mut self.hash, bytes);
        let before = self.pos;
        self.pos += bytes.len() as u64;
        if before / WRITEBACK_STEP != self.pos / WRITEBACK_STEP && out.flush().is_ok() {
            start_writeback(out.get_ref(), self.pos / WRITEBACK_STEP * WRITEBACK_STEP - WRITEBACK_STEP);
        }
        Ok(())
    }

    /// Writes a chunk holding exactly the object `id`, so the object starts where the chunk does.
    fn put(&mut self, id: Ref, chunk: &Chunk) -> Result<()> {
        debug_assert!(chunk.refs().eq([id]));
        self.offsets[id.get() as usize - 1] = self.pos;
        self.write_raw(chunk.as_bytes())
    }

    /// The image for `sha256`, written on first use.
    fn image(&mut self, sha256: &str, photos: &mut dyn FnMut(&str) -> Result<Vec<u8>>) -> Result<Image> {
        if let Some(img) = self.images.get(sha256) {
            return Ok(*img);
        }
        let bytes = photos(sha256)?;
        let info =
            jpeg_info(&bytes).map_err(|e| Error::from(crate::msg!("send-pdf-photo", sha = sha256, error = e)))?;
        // Written by hand rather than through a `Chunk`, which would copy the photo once more:
        // the dictionary, then the bytes as read.
        let id = self.alloc();
        let space = if info.components == 1 { "DeviceGray" } else { "DeviceRGB" };
        let head = format!(
            "{} 0 obj\n<< /Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace /{space} \
             /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
            id.get(),
            info.width,
            info.height,
            bytes.len()
        );
        self.offsets[id.get() as usize - 1] = self.pos;
        self.write_raw(head.as_bytes())?;
        self.write_raw(&bytes)?;
        self.write_raw(b"\nendstream\nendobj\n\n")?;
        let img = Image { id, width: info.width, height: info.height, index: self.images.len() };
        self.images.insert(sha256.to_string(), img);
        Ok(img)
    }

    /// The text as 2-byte glyph ids of the subset font (Identity-H), remembering each glyph's
    /// character for ToUnicode. `check_page` has made sure every glyph exists.
    fn encode_text(&mut self, text: &str) -> Vec<u8> {
        let font = Font::bundled();
        let mut codes = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let Some(gid) = font.glyph(c) else { continue };
            let new = self.glyphs.remap(gid.0);
            self.glyph_chars.entry(new).or_insert(c);
            codes.extend_from_slice(&new.to_be_bytes());
        }
        codes
    }

    fn write_font(&mut self) -> Result<()> {
        let font = Font::bundled();
        let face = font.face();
        let to_1000 = |v: f64| (v * 1000.0 / font.units_per_em()) as f32;
        let subset = subsetter::subset(font_bytes(), 0, &self.glyphs).map_err(|e| {
            Error::from(crate::msg!("send-pdf-font-subset", font = FONT_NAME, error = format!("{e:?}")))
        })?;
        let base_font = format!("{}+{FONT_NAME}", subset_tag(&self.glyphs));
        let base_font = Name(base_font.as_bytes());
        let system_info = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

        let cid_id = self.alloc();
        let descriptor_id = self.alloc();
        let file_id = self.alloc();
        let cmap_id = self.alloc();

        let mut c = Chunk::new();
        c.type0_font(self.font)
            .base_font(base_font)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_id)
            .to_unicode(cmap_id);
        self.put(self.font, &c)?;

        let widths: Vec<f32> = self
            .glyphs
            .remapped_gids()
            .map(|g| to_1000(face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0) as f64))
            .collect();
        let mut c = Chunk::new();
        let mut cid = c.cid_font(cid_id);
        cid.subtype(CidFontType::Type2)
            .base_font(base_font)
            .system_info(system_info)
            .font_descriptor(descriptor_id)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid.widths().consecutive(0, widths);
        cid.finish();
        self.put(cid_id, &c)?;

        let bbox = face.global_bounding_box();
        let mut c = Chunk::new();
        c.font_descriptor(descriptor_id)
            .name(base_font)
            .flags(FontFlags::SYMBOLIC)
            .bbox(PdfRect::new(
                to_1000(bbox.x_min as f64),
                to_1000(bbox.y_min as f64),
                to_1000(bbox.x_max as f64),
                to_1000(bbox.y_max as f64),
            ))
            .italic_angle(face.italic_angle())
            .ascent(to_1000(face.ascender() as f64))
            .descent(to_1000(face.descender() as f64))
            .cap_height(to_1000(face.capital_height().unwrap_or(face.ascender()) as f64))
            // The usual estimate from the weight class; readers only use it for substitution.
            .stem_v(10.0 + 0.244 * (face.weight().to_number() as f32 - 50.0))
            .font_file2(file_id);
        self.put(descriptor_id, &c)?;

        let mut c = Chunk::new();
        c.stream(file_id, &self.deflater.deflate(&subset))
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), subset.len() as i32);
        self.put(file_id, &c)?;

        let mut cmap = UnicodeCmap::new(Name(b"Custom"), system_info);
        for (&gid, &ch) in &self.glyph_chars {
            cmap.pair(gid, ch);
        }
        let cmap = cmap.finish();
        let mut c = Chunk::new();
        c.cmap(cmap_id, &cmap).name(Name(b"Custom")).system_info(system_info);
        self.put(cmap_id, &c)
    }
}

impl Drop for PdfWriter {
    fn drop(&mut self) {
        // Not finished (an error or an early return): leave no half-written file behind.
        if let Some(out) = self.out.take() {
            drop(out);
            let _ = std::fs::remove_file(&self.tmp_path);
        }
    }
}

/// Refuses a page whose text the font cannot draw or whose barcodes cannot be encoded; returns
/// the barcodes' modules in item order.
fn check_page(page: &PageSpec) -> Result<Vec<Vec<u8>>> {
    let font = Font::bundled();
    let mut barcodes = Vec::new();
    for item in &page.items {
        match item {
            // Control characters have no glyph and draw nothing, as `Font::missing_chars` says.
            Item::Text { text, .. } => {
                if let Some(c) = text.chars().find(|&c| !c.is_control() && font.glyph(c).is_none()) {
                    let code = format!("U+{:04X}", c as u32);
                    return Err(crate::msg!(
                        "render-no-glyph",
                        text = text.as_str(),
                        char = c.to_string(),
                        code = code
                    )
                    .into());
                }
            }
            Item::Barcode { payload, .. } => barcodes.push(code128_modules(payload).map_err(Error::Input)?),
            _ => {}
        }
    }
    Ok(barcodes)
}

/// The `cm` matrix that scales a `iw` x `ih` pixel image to cover `frame` (x, y, w, h in points,
/// bottom-left origin) with its aspect ratio kept, centred; the clipping path crops the excess.
fn cover_matrix(frame: [f64; 4], iw: u32, ih: u32) -> [f64; 6] {
    let [x, y, w, h] = frame;
    let scale = (w / iw as f64).max(h / ih as f64);
    let (dw, dh) = (iw as f64 * scale, ih as f64 * scale);
    [dw, 0.0, 0.0, dh, x + (w - dw) / 2.0, y + (h - dh) / 2.0]
}

/// The `cm` matrix (points, y up) that moves every point of a `w_mm` x `h_mm` page to where
/// `Adjustment::apply` puts it. In points the page centre is (cx, cy) either way up, so the
/// scale about it is the same; only the y offset changes sign, as "down" is -y in PDF.
fn adjustment_matrix(a: &Adjustment, w_mm: f64, h_mm: f64) -> [f64; 6] {
    let s = a.scale_pct / 100.0;
    let (cx, cy) = (w_mm / 2.0 * PT_PER_MM, h_mm / 2.0 * PT_PER_MM);
    [s, 0.0, 0.0, s, cx * (1.0 - s) + a.offset_x_mm * PT_PER_MM, cy * (1.0 - s) - a.offset_y_mm * PT_PER_MM]
}

/// How much of a PDF is written before the disk is asked to start writing it out.
const WRITEBACK_STEP: u64 = 8 << 20;

/// Ask the kernel to start writing `WRITEBACK_STEP` bytes of `file` from `from` to the disk, and
/// not wait. A part is made durable (fsync) before it counts; left alone, the kernel would write
/// nothing of it until then, and the writer would wait for the whole part (22 MB for 200
/// sheets) at its end. Only a hint: the fsync still makes the file whole on the disk.
fn start_writeback(file: &File, from: u64) {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::io::AsRawFd;
        // SAFETY: the descriptor is the open file's own; the call reads no memory of ours.
        unsafe {
            libc::sync_file_range(file.as_raw_fd(), from as i64, WRITEBACK_STEP as i64, libc::SYNC_FILE_RANGE_WRITE);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (file, from);
}

/// Fills each run of bars as one rectangle, the modules stretched to fill `rect` exactly. The
/// bars are drawn in module units (a `cm` makes one module wide and the barcode's height one
/// unit tall), so every bar is whole numbers: written exactly, in fewer bytes, and far faster
/// than the decimals of each bar's place in points, which were most of a sheet's numbers.
fn draw_bars(content: &mut Content, rect: [f64; 4], modules: &[u8]) {
    let [x, y, w, h] = rect;
    if modules.is_empty() {
        return;
    }
    content.save_state();
    content.transform([(w / modules.len() as f64) as f32, 0.0, 0.0, h as f32, x as f32, y as f32]);
    let mut i = 0;
    while i < modules.len() {
        if modules[i] == 1 {
            let start = i;
            while i < modules.len() && modules[i] == 1 {
                i += 1;
            }
            content.rect(start as f32, 0.0, (i - start) as f32, 1.0);
        } else {
            i += 1;
        }
    }
    content.fill_nonzero();
    content.restore_state();
}

/// zlib compression for FlateDecode streams, at the fast level: page contents are repetitive
/// enough that the slower levels buy little and cost a tenth of a render. One compressor serves
/// a writer's every stream: its state is some 380 KB, and making one a page cost the time to
/// set it up and let the allocator keep the freed blocks (a render's memory grew with the job).
struct Deflater(flate2::Compress);

impl Deflater {
    fn new() -> Deflater {
        Deflater(flate2::Compress::new(flate2::Compression::fast(), true))
    }

    fn deflate(&mut self, data: &[u8]) -> Vec<u8> {
        self.0.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let read = self.0.total_in() as usize;
            // Compressing into memory cannot fail; the loop only makes room.
            let status = self.0.compress_vec(&data[read..], &mut out, flate2::FlushCompress::Finish);
            if status.expect("deflate into memory") == flate2::Status::StreamEnd {
                return out;
            }
            out.reserve(out.capacity().max(64));
        }
    }
}

fn image_name(index: usize) -> String {
    format!("Im{index}")
}

/// Six capital letters naming this subset (PDF requires a tag before a subset font's name); the
/// same glyphs give the same tag, so output is reproducible.
fn subset_tag(glyphs: &subsetter::GlyphRemapper) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for g in glyphs.remapped_gids() {
        for b in g.to_be_bytes() {
            hash = (hash ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|_| {
            let letter = (b'A' + (hash % 26) as u8) as char;
            hash /= 26;
            letter
        })
        .collect()
}

#[derive(Debug, PartialEq, Eq)]
struct JpegInfo {
    width: u32,
    height: u32,
    components: u8,
}

/// Reads size and colour components from a JPEG's frame header without decoding it.
fn jpeg_info(b: &[u8]) -> std::result::Result<JpegInfo, String> {
    if !b.starts_with(&[0xFF, 0xD8]) {
        return Err(crate::i18n::tr("send-jpeg-not-jpeg"));
    }
    let corrupt = || crate::i18n::tr("send-jpeg-corrupt");
    let mut i = 2;
    loop {
        if b.get(i) != Some(&0xFF) {
            return Err(corrupt());
        }
        // Any number of 0xFF fill bytes may precede a marker.
        while b.get(i) == Some(&0xFF) {
            i += 1;
        }
        let marker = *b.get(i).ok_or_else(corrupt)?;
        i += 1;
        match marker {
            0x01 | 0xD0..=0xD7 => continue,
            0xD9 | 0xDA => return Err(corrupt()),
            _ => {}
        }
        let len = u16::from_be_bytes([*b.get(i).ok_or_else(corrupt)?, *b.get(i + 1).ok_or_else(corrupt)?]) as usize;
        let seg = b.get(i + 2..i + len).ok_or_else(corrupt)?;
        match marker {
            // Baseline, extended sequential and progressive Huffman: what DCTDecode reads.
            0xC0..=0xC2 => {
                let [precision, h1, h0, w1, w0, components, ..] = *seg else { return Err(corrupt()) };
                let (width, height) = (u16::from_be_bytes([w1, w0]) as u32, u16::from_be_bytes([h1, h0]) as u32);
                if precision != 8 {
                    return Err(crate::msg!("send-jpeg-precision", bits = i64::from(precision)).to_string());
                }
                if width == 0 || height == 0 {
                    return Err(crate::i18n::tr("send-jpeg-no-size"));
                }
                if components != 1 && components != 3 {
                    return Err(crate::msg!("send-jpeg-components", components = i64::from(components)).to_string());
                }
                return Ok(JpegInfo { width, height, components });
            }
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                return Err(crate::msg!("send-jpeg-coding", sof = i64::from(marker - 0xC0)).to_string());
            }
            _ => i += len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny_jpeg(w: u16, h: u16) -> Vec<u8> {
        let mut out = Vec::new();
        let pixels = vec![128u8; w as usize * h as usize * 3];
        jpeg_encoder::Encoder::new(&mut out, 80).encode(&pixels, w, h, jpeg_encoder::ColorType::Rgb).unwrap();
        out
    }

    #[test]
    fn reads_the_frame_header() {
        assert_eq!(jpeg_info(&tiny_jpeg(48, 64)), Ok(JpegInfo { width: 48, height: 64, components: 3 }));
        assert!(jpeg_info(b"\x89PNG").unwrap_err().contains("not a JPEG"));
        let cut = tiny_jpeg(48, 64);
        assert!(jpeg_info(&cut[..20]).unwrap_err().contains("cut short"));
    }

    #[test]
    fn cover_fills_the_frame_and_centres() {
        // A 3:4 photo in a square frame: width fits, height overflows equally above and below.
        let m = cover_matrix([10.0, 20.0, 30.0, 30.0], 480, 640);
        assert_eq!(m[0], 30.0);
        assert!((m[3] - 40.0).abs() < 1e-9);
        assert_eq!(m[4], 10.0);
        assert!((m[5] - 15.0).abs() < 1e-9);
    }

    #[test]
    fn unfinished_writer_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.pdf");
        let w = PdfWriter::create(&path, "t").unwrap();
        drop(w);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn photos_go_in_as_read_contents_and_font_compressed_and_the_hash_is_the_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.pdf");
        let photo = tiny_jpeg(48, 64);
        let page = PageSpec {
            width_mm: 102.0,
            height_mm: 152.0,
            items: vec![
                Item::Photo { sha256: "a".repeat(64), frame: Rect::new(10.0, 10.0, 30.0, 40.0) },
                Item::Text { x: 10.0, y: 60.0, size_pt: 9.0, text: "张三 2020010001".into() },
            ],
        };
        let mut w = PdfWriter::create(&path, "t").unwrap();
        w.add_page(&page, &mut |_| Ok(photo.clone())).unwrap();
        let summary = w.finish().unwrap();
        let bytes = std::fs::read(&path).unwrap();
        use sha2::Digest;
        assert_eq!(summary.sha256, hex::encode(sha2::Sha256::digest(&bytes)));
        assert_eq!(summary.bytes, bytes.len() as u64);

        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let filter = |s: &lopdf::Stream| s.dict.get(b"Filter").and_then(|f| f.as_name()).map(|n| n.to_vec()).ok();
        let streams: Vec<&lopdf::Stream> = doc.objects.values().filter_map(|o| o.as_stream().ok()).collect();
        let image = streams.iter().find(|s| s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Image"));
        let image = image.expect("the photo's image object");
        assert_eq!(image.content, photo, "the photo's bytes as they were read");
        assert_eq!(filter(image), Some(b"DCTDecode".to_vec()));
        let flate = streams.iter().filter(|s| filter(s) == Some(b"FlateDecode".to_vec())).count();
        // The page's content, the font subset and the ToUnicode map.
        assert!(flate >= 2, "{flate} Flate streams");
        let ops = operations(&bytes);
        assert!(ops[0].iter().any(|o| o.operator == "Do") && ops[0].iter().any(|o| o.operator == "Tj"), "{ops:?}");
    }

    /// A page with one frame whose top-left corner is at (20, 30) mm.
    fn frame_page() -> PageSpec {
        PageSpec {
            width_mm: 102.0,
            height_mm: 152.0,
            items: vec![Item::Frame { rect: Rect::new(20.0, 30.0, 40.0, 50.0), width_mm: 0.2 }],
        }
    }

    /// Writes the pages, each with the adjustment given (`None`: leave the writer's as it is).
    fn write(pages: &[(Option<Adjustment>, PageSpec)]) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        let mut w = PdfWriter::create(&path, "t").unwrap();
        for (a, page) in pages {
            if let Some(a) = a {
                w.set_adjustment(*a);
            }
            w.add_page(page, &mut |_| unreachable!()).unwrap();
        }
        w.finish().unwrap();
        std::fs::read(&path).unwrap()
    }

    fn operations(pdf: &[u8]) -> Vec<Vec<lopdf::content::Operation>> {
        let doc = lopdf::Document::load_mem(pdf).unwrap();
        let pages = doc.get_pages().into_values();
        pages.map(|id| lopdf::content::Content::decode(&doc.get_page_content(id)).unwrap().operations).collect()
    }

    fn numbers(op: &lopdf::content::Operation) -> Vec<f64> {
        op.operands.iter().map(|o| o.as_float().unwrap() as f64).collect()
    }

    #[test]
    fn adjustment_is_one_cm_that_moves_points_like_apply() {
        let page = frame_page();
        let a = Adjustment { offset_x_mm: 1.5, offset_y_mm: 2.5, scale_pct: 98.0 };
        let ops = operations(&write(&[(None, page.clone()), (Some(a), page.clone())]));

        // Set after the first page: that one is untouched, no cm before its frame.
        let first: Vec<&str> = ops[0].iter().map(|o| o.operator.as_str()).collect();
        let re = first.iter().position(|&o| o == "re").unwrap();
        assert!(!first[..re].contains(&"cm"), "{first:?}");

        let second = &ops[1];
        assert_eq!(second[0].operator, "q");
        assert_eq!(second[1].operator, "cm");
        assert_eq!(second.last().unwrap().operator, "Q");
        assert_eq!(second.iter().filter(|o| o.operator == "cm").count(), 1);
        let m = numbers(&second[1]);
        let corner = numbers(second.iter().find(|o| o.operator == "re").unwrap());
        // `re` takes the bottom-left corner; its top-left is one height up.
        let (x, y) = (corner[0], corner[1] + corner[3]);
        let (px, py) = (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
        let got = (px / PT_PER_MM, page.height_mm - py / PT_PER_MM);
        let want = a.apply(20.0, 30.0, page.width_mm, page.height_mm);
        assert!((got.0 - want.0).abs() < 0.01 && (got.1 - want.1).abs() < 0.01, "{got:?} vs {want:?}");
    }

    #[test]
    fn no_adjustment_writes_the_same_bytes() {
        let page = frame_page();
        let plain = write(&[(None, page.clone())]);
        assert_eq!(write(&[(Some(Adjustment::NONE), page.clone())]), plain);
        let ops = operations(&plain);
        let first: Vec<&str> = ops[0].iter().map(|o| o.operator.as_str()).collect();
        let re = first.iter().position(|&o| o == "re").unwrap();
        assert!(!first[..re].contains(&"cm"), "{first:?}");
    }

    #[test]
    fn refuses_a_nonsense_adjustment() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = PdfWriter::create(&dir.path().join("a.pdf"), "t").unwrap();
        w.set_adjustment(Adjustment { scale_pct: 0.0, ..Adjustment::NONE });
        assert!(w.add_page(&frame_page(), &mut |_| unreachable!()).is_err());
        w.set_adjustment(Adjustment::NONE);
        w.add_page(&frame_page(), &mut |_| unreachable!()).unwrap();
        assert_eq!(w.finish().unwrap().pages, 1);
    }

    #[test]
    fn subset_tag_is_six_capitals() {
        let tag = subset_tag(&subsetter::GlyphRemapper::new_from_glyphs(&[3, 40]));
        assert_eq!(tag.len(), 6);
        assert!(tag.chars().all(|c| c.is_ascii_uppercase()));
    }

    #[test]
    fn one_deflater_makes_each_stream_whole_on_its_own() {
        use std::io::Read;
        // Bytes that do not compress need more room than the first guess; then a short stream
        // and an empty one, each after the compressor was used.
        let noise: Vec<u8> = (0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        let page = b"q 1 0 0 1 10 10 cm /Im1 Do Q ".repeat(50);
        let mut d = Deflater::new();
        for data in [&noise[..], &page[..], &[][..], &page[..]] {
            let packed = d.deflate(data);
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(&packed[..]).read_to_end(&mut back).expect("a whole zlib stream");
            assert_eq!(back, data);
        }
    }
}
