//! Fonts as a PDF reader sees them: how a shown string splits into character codes, what each
//! code means through the font's ToUnicode map, how far it advances, and whether the embedded
//! font program really holds a glyph for it. Everything comes from the font's own dictionaries
//! and embedded file, read through `lopdf` and `ttf-parser`; nothing from the bundled font or
//! the writer.

use lopdf::{Dictionary, Document, Encoding, Object};

/// One character code of a shown string.
pub struct Glyph {
    /// The code as it appears in the string (1 or 2 bytes).
    pub code: u32,
    /// Its text through ToUnicode; `None` when the map has no entry for it.
    pub text: Option<String>,
    /// Horizontal advance in thousandths of the font size.
    pub width: f64,
    /// Whether the embedded font program draws something for it; `None` when the font's
    /// program cannot be checked (not embedded as TrueType, say).
    pub drawn: Option<bool>,
}

/// What a font needs to turn shown strings into text and advances.
pub struct FontInfo<'a> {
    /// `BaseFont`, for messages.
    pub name: String,
    two_byte: bool,
    to_unicode: Option<Encoding<'a>>,
    widths: Widths,
    /// For each glyph id of the embedded TrueType program: whether it has an outline.
    outlines: Option<Vec<bool>>,
    /// CID -> glyph id, when not the identity.
    cid_to_gid: Option<Vec<u16>>,
}

enum Widths {
    /// Simple font: `FirstChar` and `Widths`.
    Simple { first: u32, widths: Vec<f64>, missing: f64 },
    /// CID font: `DW` and the `W` array, as (first, last, width) ranges.
    Cid { default: f64, ranges: Vec<(u32, u32, f64)> },
}

fn num(o: &Object) -> Option<f64> {
    o.as_float().ok().map(f64::from)
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    d.get(key).ok().map(|o| deref(doc, o)).and_then(|o| o.as_dict().ok())
}

/// A stream's content with every filter undone (lopdf decodes Flate, LZW, ASCII85, ...).
fn stream_bytes(doc: &Document, o: &Object) -> Option<Vec<u8>> {
    let s = deref(doc, o).as_stream().ok()?;
    if s.dict.get(b"Filter").is_ok() { s.decompressed_content().ok() } else { Some(s.content.clone()) }
}

impl<'a> FontInfo<'a> {
    pub fn read(doc: &'a Document, font: &'a Dictionary) -> FontInfo<'a> {
        let name = font.get(b"BaseFont").and_then(Object::as_name).map(|n| String::from_utf8_lossy(n).into_owned());
        let name = name.unwrap_or_else(|_| "(unnamed font)".into());
        let type0 = font.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0".as_slice());
        // Only a font that has a ToUnicode map gets one: lopdf falls back to a standard encoding
        // otherwise, which would make up text the PDF does not carry.
        let to_unicode = if font.get(b"ToUnicode").is_ok() { font.get_font_encoding(doc).ok() } else { None };
        let mut info = FontInfo {
            name,
            two_byte: type0,
            to_unicode,
            widths: Widths::Simple { first: 0, widths: Vec::new(), missing: 0.0 },
            outlines: None,
            cid_to_gid: None,
        };
        if type0 {
            let descendant = font
                .get(b"DescendantFonts")
                .ok()
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_dict().ok());
            if let Some(cid) = descendant {
                info.widths = cid_widths(doc, cid);
                let truetype = cid.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"CIDFontType2".as_slice());
                if truetype {
                    info.outlines = dict(doc, cid, b"FontDescriptor")
                        .and_then(|d| d.get(b"FontFile2").ok())
                        .and_then(|o| stream_bytes(doc, o))
                        .map(|bytes| outlines(&bytes));
                    info.cid_to_gid = cid.get(b"CIDToGIDMap").ok().and_then(|o| match deref(doc, o) {
                        Object::Name(_) => None,
                        o => stream_bytes(doc, o)
                            .map(|b| b.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]])).collect()),
                    });
                }
            }
        } else {
            let first = font.get(b"FirstChar").ok().and_then(num).unwrap_or(0.0) as u32;
            let widths = font
                .get(b"Widths")
                .ok()
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_array().ok())
                .map(|a| a.iter().map(|w| num(deref(doc, w)).unwrap_or(0.0)).collect())
                .unwrap_or_default();
            let missing = dict(doc, font, b"FontDescriptor").and_then(|d| d.get(b"MissingWidth").ok()).and_then(num);
            info.widths = Widths::Simple { first, widths, missing: missing.unwrap_or(0.0) };
        }
        info
    }

    /// The codes of a shown string, each with its text, advance and whether it is drawn.
    pub fn glyphs(&self, bytes: &[u8]) -> Vec<Glyph> {
        let codes: Vec<(u32, &[u8])> = if self.two_byte {
            bytes.chunks(2).map(|c| (c.iter().fold(0u32, |a, &b| a << 8 | b as u32), c)).collect()
        } else {
            bytes.chunks(1).map(|c| (c[0] as u32, c)).collect()
        };
        codes
            .into_iter()
            .map(|(code, raw)| {
                let text = self
                    .to_unicode
                    .as_ref()
                    .and_then(|e| e.bytes_to_string(raw).ok())
                    .filter(|t| !t.is_empty() && !t.contains('\u{FFFD}'));
                let drawn = self.outlines.as_ref().map(|outlines| {
                    let gid = match &self.cid_to_gid {
                        Some(map) => map.get(code as usize).copied().unwrap_or(0) as usize,
                        None => code as usize,
                    };
                    let blank = text.as_deref().is_some_and(|t| t.chars().all(char::is_whitespace));
                    gid != 0 && gid < outlines.len() && (outlines[gid] || blank)
                });
                Glyph { code, text, width: self.width(code), drawn }
            })
            .collect()
    }

    fn width(&self, code: u32) -> f64 {
        match &self.widths {
            Widths::Simple { first, widths, missing } => {
                code.checked_sub(*first).and_then(|i| widths.get(i as usize)).copied().unwrap_or(*missing)
            }
            Widths::Cid { default, ranges } => {
                ranges.iter().find(|(a, b, _)| (*a..=*b).contains(&code)).map(|r| r.2).unwrap_or(*default)
            }
        }
    }

    /// Whether codes are two bytes (a Type0 font).
    pub fn two_byte(&self) -> bool {
        self.two_byte
    }
}

/// `DW` and `W` of a CIDFont: `W` holds `c [w1 w2 ...]` (consecutive codes from c) and
/// `c_first c_last w` (a range with one width).
fn cid_widths(doc: &Document, cid: &Dictionary) -> Widths {
    let default = cid.get(b"DW").ok().and_then(num).unwrap_or(1000.0);
    let mut ranges = Vec::new();
    let w = cid.get(b"W").ok().map(|o| deref(doc, o)).and_then(|o| o.as_array().ok());
    let items: Vec<&Object> = w.map(|a| a.iter().map(|o| deref(doc, o)).collect()).unwrap_or_default();
    let mut i = 0;
    while i < items.len() {
        let Some(first) = num(items[i]) else { break };
        match items.get(i + 1) {
            Some(Object::Array(list)) => {
                for (k, w) in list.iter().enumerate() {
                    let c = first as u32 + k as u32;
                    ranges.push((c, c, num(deref(doc, w)).unwrap_or(default)));
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(w)) = (num(last), items.get(i + 2).and_then(|o| num(o))) else { break };
                ranges.push((first as u32, last as u32, w));
                i += 3;
            }
            None => break,
        }
    }
    Widths::Cid { default, ranges }
}

/// For each glyph id of a TrueType program, whether it has an outline; empty if the program
/// does not parse (then no code counts as drawn).
fn outlines(program: &[u8]) -> Vec<bool> {
    let Ok(face) = ttf_parser::Face::parse(program, 0) else { return Vec::new() };
    (0..face.number_of_glyphs()).map(|g| face.glyph_bounding_box(ttf_parser::GlyphId(g)).is_some()).collect()
}
