//! The PDF writer checked by readers no one here wrote: `lopdf` for structure, image bytes,
//! placement and text; `hayro` (through our preview) and `rxing` for what a printer would show
//! and a scanner would read.

use std::collections::HashMap;
use std::path::Path;

use gradlab::Error;
use gradlab::render::page::PT_PER_MM;
use gradlab::render::preview::page_png;
use gradlab::render::{Item, PageSpec, PdfWriter, Rect};
use lopdf::{Document, Object, ObjectId};

const CAPTIONS: [&str; 4] =
    ["张*三 王㛃", "李*𠅤 2022010101001", "䶮 计算机科学与技术软工三班", "Lab 采集码 Hx4KcUcseltovhGV"];

/// Background colours of the test photos, one per photo; the centre of each photo shows it.
const COLOURS: [[u8; 3]; 3] = [[100, 197, 255], [240, 240, 240], [200, 60, 60]];

/// A 480x640 RGB photo: a solid background with a dark band near the top, like a head.
fn photo(colour: [u8; 3]) -> Vec<u8> {
    let (w, h) = (480usize, 640usize);
    let mut px = Vec::with_capacity(w * h * 3);
    for y in 0..h {
        for _ in 0..w {
            px.extend_from_slice(if (100..180).contains(&y) { &[40, 30, 20] } else { &colour });
        }
    }
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 85).encode(&px, w as u16, h as u16, jpeg_encoder::ColorType::Rgb).unwrap();
    out
}

fn sha(i: usize) -> String {
    format!("{i}").repeat(64)
}

fn crop_marks(r: Rect) -> Vec<Item> {
    let l = 3.0;
    let w = 0.1;
    vec![
        Item::Line { x1: r.x - l - 1.0, y1: r.y, x2: r.x - 1.0, y2: r.y, width_mm: w },
        Item::Line { x1: r.x, y1: r.y - l - 1.0, x2: r.x, y2: r.y - 1.0, width_mm: w },
        Item::Line { x1: r.right() + 1.0, y1: r.bottom(), x2: r.right() + l + 1.0, y2: r.bottom(), width_mm: w },
        Item::Line { x1: r.right(), y1: r.bottom() + 1.0, x2: r.right(), y2: r.bottom() + l + 1.0, width_mm: w },
    ]
}

/// Three pages: A4 with photo 0 three times and photo 1 twice, a 6x4 inch sheet with photos 2
/// and 0 in frames of other shapes, and A4 with photo 1 again.
fn pages() -> Vec<PageSpec> {
    let mut a4 = PageSpec { width_mm: 210.0, height_mm: 297.0, items: Vec::new() };
    let shas = [0, 0, 1, 0, 1];
    for (i, &p) in shas.iter().enumerate() {
        let frame = Rect::new(14.0 + 37.0 * i as f64, 20.0, 35.0, 49.0);
        a4.items.push(Item::Photo { sha256: sha(p), frame });
        a4.items.extend(crop_marks(frame));
    }
    for (i, caption) in CAPTIONS.iter().enumerate() {
        a4.items.push(Item::Text { x: 15.0, y: 90.0 + 10.0 * i as f64, size_pt: 10.0, text: caption.to_string() });
    }
    for (i, payload) in ["S12345K", "J12X", "P00042Q"].iter().enumerate() {
        a4.items.push(Item::Barcode {
            payload: payload.to_string(),
            rect: Rect::new(20.0, 150.0 + 25.0 * i as f64, 45.0, 12.0),
        });
    }
    a4.items.push(Item::Frame { rect: Rect::new(5.0, 5.0, 200.0, 287.0), width_mm: 0.2 });

    let mut small = PageSpec { width_mm: 152.4, height_mm: 101.6, items: Vec::new() };
    // A wide frame (photo overflows above and below) and a tall one (overflows left and right).
    small.items.push(Item::Photo { sha256: sha(2), frame: Rect::new(10.0, 10.0, 60.0, 40.0) });
    small.items.push(Item::Photo { sha256: sha(0), frame: Rect::new(90.0, 10.0, 25.0, 50.0) });
    small.items.push(Item::Text { x: 10.0, y: 60.0, size_pt: 9.0, text: "李*𠅤 补洗".to_string() });
    small.items.push(Item::Barcode { payload: "K7Q".to_string(), rect: Rect::new(20.0, 72.0, 40.0, 15.0) });

    let mut last = PageSpec { width_mm: 210.0, height_mm: 297.0, items: Vec::new() };
    last.items.push(Item::Photo { sha256: sha(1), frame: Rect::new(80.0, 100.0, 35.0, 45.0) });
    vec![a4, small, last]
}

struct Built {
    bytes: Vec<u8>,
    photos: HashMap<String, Vec<u8>>,
    fetches: HashMap<String, usize>,
}

fn build(dir: &Path) -> Built {
    let photos: HashMap<String, Vec<u8>> = COLOURS.iter().enumerate().map(|(i, &c)| (sha(i), photo(c))).collect();
    let mut fetches: HashMap<String, usize> = HashMap::new();
    let path = dir.join("sheets.pdf");
    let mut w = PdfWriter::create(&path, "测试 batch 2024").unwrap();
    let mut fetch = |s: &str| -> gradlab::Result<Vec<u8>> {
        *fetches.entry(s.to_string()).or_default() += 1;
        photos.get(s).cloned().ok_or_else(|| Error::input(format!("no photo {s}")))
    };
    for page in pages() {
        w.add_page(&page, &mut fetch).unwrap();
        assert!(!path.exists(), "the final name appears only after finish");
    }
    let summary = w.finish().unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(summary.pages, 3);
    assert_eq!(summary.images, 3);
    assert_eq!(summary.bytes, bytes.len() as u64);
    let left: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, vec![std::ffi::OsString::from("sheets.pdf")], "no temporary file is left behind");
    Built { bytes, photos, fetches }
}

fn num(o: &Object) -> f64 {
    o.as_float().unwrap() as f64
}

/// Every in-use entry of the cross-reference table points at its object's header.
fn check_xref(bytes: &[u8]) {
    let tail = String::from_utf8_lossy(&bytes[bytes.len() - 40..]).into_owned();
    let start: usize = tail.rsplit("startxref").next().unwrap().split_whitespace().next().unwrap().parse().unwrap();
    let xref = std::str::from_utf8(&bytes[start..]).expect("the xref table and trailer are ASCII");
    assert!(xref.starts_with("xref\n0 "));
    let count: usize = xref.lines().nth(1).unwrap()[2..].parse().unwrap();
    for (id, line) in xref.lines().skip(2).take(count).enumerate() {
        if line.ends_with(" n") {
            let at: usize = line[..10].parse().unwrap();
            let header = format!("{id} 0 obj");
            assert_eq!(&bytes[at..at + header.len()], header.as_bytes(), "xref entry {id}");
        }
    }
}

/// The image XObject that page resource `name` refers to.
fn xobject(doc: &Document, page: ObjectId, name: &[u8]) -> ObjectId {
    let page = doc.get_dictionary(page).unwrap();
    let res = page.get_deref(b"Resources", doc).unwrap().as_dict().unwrap();
    let xobjects = res.get_deref(b"XObject", doc).unwrap().as_dict().unwrap();
    xobjects.get(name).unwrap().as_reference().unwrap()
}

#[test]
fn pdf_is_read_back_by_independent_readers() {
    let dir = tempfile::tempdir().unwrap();
    let built = build(dir.path());
    check_xref(&built.bytes);
    for (s, n) in &built.fetches {
        assert_eq!(*n, 1, "photo {s} fetched once");
    }

    let doc = Document::load_mem(&built.bytes).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info).unwrap();
    assert_eq!(info.get(b"Producer").unwrap().as_str().unwrap(), b"gradlab");
    assert!(info.get(b"Title").is_ok());

    // One image object per distinct photo, its bytes the original JPEG exactly.
    let mut image_of: HashMap<ObjectId, String> = HashMap::new();
    for (&id, obj) in &doc.objects {
        let Ok(stream) = obj.as_stream() else { continue };
        if stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Image".as_slice()) {
            continue;
        }
        assert_eq!(stream.dict.get(b"Filter").unwrap().as_name().unwrap(), b"DCTDecode");
        assert_eq!(stream.dict.get(b"ColorSpace").unwrap().as_name().unwrap(), b"DeviceRGB");
        assert_eq!(stream.dict.get(b"Width").unwrap().as_i64().unwrap(), 480);
        assert_eq!(stream.dict.get(b"Height").unwrap().as_i64().unwrap(), 640);
        let (s, _) =
            built.photos.iter().find(|(_, b)| **b == stream.content).expect("image bytes equal an original JPEG");
        assert!(image_of.insert(id, s.clone()).is_none());
    }
    assert_eq!(image_of.len(), 3);
    let mut distinct: Vec<_> = image_of.values().collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 3, "exactly one image object per distinct photo");

    let specs = pages();
    let page_ids = doc.get_pages();
    assert_eq!(page_ids.len(), specs.len());
    for ((&no, &page_id), spec) in page_ids.iter().zip(&specs) {
        let page = doc.get_dictionary(page_id).unwrap();
        let mb: Vec<f64> = page.get(b"MediaBox").unwrap().as_array().unwrap().iter().map(num).collect();
        let (w_pt, h_pt) = (spec.width_mm * PT_PER_MM, spec.height_mm * PT_PER_MM);
        assert_eq!(mb.len(), 4);
        assert!(mb[0] == 0.0 && mb[1] == 0.0 && (mb[2] - w_pt).abs() < 0.01 && (mb[3] - h_pt).abs() < 0.01, "{mb:?}");

        // Each placed photo: the clip is the frame and the matrix covers it, centred.
        let content = lopdf::content::Content::decode(&doc.get_page_content(page_id)).unwrap();
        let mut placed = Vec::new();
        let (mut clip, mut cm) = (None, None);
        for op in &content.operations {
            let args: Vec<f64> = op.operands.iter().filter_map(|o| o.as_float().ok()).map(|v| v as f64).collect();
            match op.operator.as_str() {
                "re" => clip = Some(args),
                "cm" => cm = Some(args),
                "Do" => {
                    let name = op.operands[0].as_name().unwrap();
                    placed.push((xobject(&doc, page_id, name), clip.take().unwrap(), cm.take().unwrap()));
                }
                _ => {}
            }
        }
        let frames: Vec<(&String, &Rect)> = spec
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Photo { sha256, frame } => Some((sha256, frame)),
                _ => None,
            })
            .collect();
        assert_eq!(placed.len(), frames.len(), "page {no}");
        for ((image, clip, cm), (sha256, f)) in placed.iter().zip(frames) {
            assert_eq!(&image_of[image], sha256, "page {no}: the photo placed is the one asked for");
            let frame = [f.x * PT_PER_MM, (spec.height_mm - f.y - f.h) * PT_PER_MM, f.w * PT_PER_MM, f.h * PT_PER_MM];
            let s = (frame[2] / 480.0).max(frame[3] / 640.0);
            let expected = [
                480.0 * s,
                0.0,
                0.0,
                640.0 * s,
                frame[0] + (frame[2] - 480.0 * s) / 2.0,
                frame[1] + (frame[3] - 640.0 * s) / 2.0,
            ];
            for (got, want) in cm.iter().zip(expected) {
                assert!((got - want).abs() / PT_PER_MM < 0.1, "page {no} cm {cm:?} vs {expected:?}");
            }
            for (got, want) in clip.iter().zip(frame) {
                assert!((got - want).abs() / PT_PER_MM < 0.1, "page {no} clip {clip:?} vs {frame:?}");
            }
        }

        // Text comes back through ToUnicode, rare characters included.
        let text = doc.extract_text(&[no]).unwrap();
        for item in &spec.items {
            if let Item::Text { text: caption, .. } = item {
                assert!(text.contains(caption.as_str()), "page {no}: {caption:?} not in {text:?}");
            }
        }
    }

    check_font(&doc);
    check_rendering(&built.bytes, &specs);
}

/// The font is a Type0/CIDFontType2 pair whose embedded file is a real, small subset.
fn check_font(doc: &Document) {
    let fonts: Vec<_> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Type0".as_slice()))
        .collect();
    assert_eq!(fonts.len(), 1, "one font object shared by all pages");
    let type0 = fonts[0];
    assert_eq!(type0.get(b"Encoding").unwrap().as_name().unwrap(), b"Identity-H");
    let cid = type0.get(b"DescendantFonts").unwrap().as_array().unwrap()[0].as_reference().unwrap();
    let cid = doc.get_dictionary(cid).unwrap();
    assert_eq!(cid.get(b"Subtype").unwrap().as_name().unwrap(), b"CIDFontType2");
    assert!(cid.get(b"W").is_ok());
    let descriptor = cid.get_deref(b"FontDescriptor", doc).unwrap().as_dict().unwrap();
    let file = descriptor.get_deref(b"FontFile2", doc).unwrap().as_stream().unwrap();
    assert_eq!(file.dict.get(b"Filter").unwrap().as_name().unwrap(), b"FlateDecode", "the subset is compressed");
    let subset = file.decompressed_content().expect("the subset inflates");
    assert!(file.content.len() < subset.len(), "compressing it pays: {} of {} bytes", file.content.len(), subset.len());
    let face = ttf_parser::Face::parse(&subset, 0).expect("the embedded subset parses as a font");
    let distinct: std::collections::HashSet<char> = pages()
        .iter()
        .flat_map(|p| p.items.iter())
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.chars()),
            _ => None,
        })
        .flatten()
        .collect();
    // .notdef plus one glyph per distinct character (space included).
    assert_eq!(face.number_of_glyphs() as usize, distinct.len() + 1);
    assert!(subset.len() < 200_000, "subset is {} bytes", subset.len());
}

/// Rendered at 300 dpi, photos show inside their frames only and every barcode scans.
fn check_rendering(bytes: &[u8], specs: &[PageSpec]) {
    let dpi = 300.0;
    let px = |mm: f64| (mm / 25.4 * dpi).round() as i64;
    for (index, spec) in specs.iter().enumerate().take(2) {
        let png = page_png(bytes, index, dpi as f32).unwrap();
        let img = image::load_from_memory(&png).unwrap().to_rgb8();
        assert_eq!(img.width() as i64, px(spec.width_mm));
        let pixel = |x: f64, y: f64| img.get_pixel(px(x) as u32, px(y) as u32).0;
        let near = |a: [u8; 3], b: [u8; 3]| a.iter().zip(b).all(|(&p, q)| (p as i32 - q as i32).abs() < 24);
        for item in &spec.items {
            match item {
                Item::Photo { sha256, frame } => {
                    let colour = COLOURS[sha256[..1].parse::<usize>().unwrap()];
                    let centre = pixel(frame.x + frame.w / 2.0, frame.y + frame.h * 0.8);
                    assert!(near(centre, colour), "page {index}: {centre:?} inside the frame, want {colour:?}");
                    // Cover-fit overflows the frame; the clip must hide it.
                    for (x, y) in [(frame.x + frame.w / 2.0, frame.y - 0.5), (frame.x - 0.5, frame.y + frame.h / 2.0)] {
                        assert!(near(pixel(x, y), [255, 255, 255]), "page {index}: photo drawn outside its frame");
                    }
                }
                Item::Barcode { payload, rect } => {
                    // The barcode with its quiet zone, as a scanner would be aimed at it.
                    let (x0, y0) = (px(rect.x - 6.0), px(rect.y - 4.0));
                    let (w, h) = (px(rect.w + 12.0), px(rect.h + 8.0));
                    let crop = image::imageops::crop_imm(&img, x0 as u32, y0 as u32, w as u32, h as u32).to_image();
                    let luma = image::DynamicImage::ImageRgb8(crop).to_luma8();
                    let found = rxing::helpers::detect_in_luma(
                        luma.into_raw(),
                        w as u32,
                        h as u32,
                        Some(rxing::BarcodeFormat::CODE_128),
                    )
                    .unwrap_or_else(|e| panic!("page {index}: barcode {payload} not decoded: {e:?}"));
                    assert_eq!(found.getText(), payload);
                }
                _ => {}
            }
        }
    }
    let err = page_png(bytes, 3, 72.0).unwrap_err();
    assert!(err.contains("3 pages"), "{err}");
}

#[test]
fn a_character_the_font_lacks_is_named_and_the_writer_stays_usable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.pdf");
    let mut w = PdfWriter::create(&path, "t").unwrap();
    let mut no_photos = |s: &str| -> gradlab::Result<Vec<u8>> { Err(Error::input(format!("no photo {s}"))) };
    let bad = PageSpec {
        width_mm: 100.0,
        height_mm: 100.0,
        items: vec![Item::Text { x: 10.0, y: 10.0, size_pt: 10.0, text: "王\u{E000}".to_string() }],
    };
    let err = w.add_page(&bad, &mut no_photos).unwrap_err();
    assert_eq!(err.code(), "render_no_glyph", "{err}");
    let msg = err.to_string();
    assert!(msg.contains('\u{E000}') && msg.contains("U+E000"), "{msg}");

    let bad_code = PageSpec {
        width_mm: 100.0,
        height_mm: 100.0,
        items: vec![Item::Barcode { payload: "学号".to_string(), rect: Rect::new(10.0, 10.0, 40.0, 10.0) }],
    };
    assert!(w.add_page(&bad_code, &mut no_photos).unwrap_err().to_string().contains("学号"));

    let good = PageSpec {
        width_mm: 100.0,
        height_mm: 100.0,
        items: vec![Item::Text { x: 10.0, y: 10.0, size_pt: 10.0, text: "王".to_string() }],
    };
    w.add_page(&good, &mut no_photos).unwrap();
    assert!(!path.exists());
    assert_eq!(w.finish().unwrap().pages, 1);
    let doc = Document::load(&path).unwrap();
    assert_eq!(doc.get_pages().len(), 1);
    assert!(doc.extract_text(&[1]).unwrap().contains('王'));
}

#[test]
fn a_photo_that_is_not_a_jpeg_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = PdfWriter::create(&dir.path().join("x.pdf"), "t").unwrap();
    let page = PageSpec {
        width_mm: 100.0,
        height_mm: 100.0,
        items: vec![Item::Photo { sha256: "abc123".to_string(), frame: Rect::new(10.0, 10.0, 30.0, 40.0) }],
    };
    let err = w.add_page(&page, &mut |_| Ok(b"\x89PNG\r\n".to_vec())).unwrap_err().to_string();
    assert!(err.contains("abc123") && err.contains("not a JPEG"), "{err}");
    drop(w);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "an unfinished PDF leaves no file");
}
