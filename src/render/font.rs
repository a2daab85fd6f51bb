//! The bundled CJK font (Noto Sans SC Regular, SIL OFL; see fonts/OFL.txt), compiled into the
//! program so a fresh machine needs nothing installed. It answers the questions layout asks
//! before anything is written: does the font have every character, and how wide is a text.

use std::sync::OnceLock;

/// The font as fonts/ keeps it, zstd-compressed: 5.0 MB in the program instead of 10.6 (gzip
/// made 6.3 and took longer to unpack, 61-64 ms against 36-40 measured side by side, paid by
/// every process that renders or opens the window). A `static`, not a `const`: a const is
/// copied into every place that names it, and the font once stood three times in the program
/// (the text measure, the PDF's subset, the window).
static FONT_PACKED: &[u8] = include_bytes!("../../fonts/NotoSansSC-Regular.ttf.zst");
pub const FONT_NAME: &str = "NotoSansSC-Regular";

/// The bundled font's bytes (a TrueType file), unpacked once, on first use.
pub fn font_bytes() -> &'static [u8] {
    static FONT: OnceLock<Vec<u8>> = OnceLock::new();
    FONT.get_or_init(|| {
        // The font is part of the program; failing to unpack it is a build defect.
        zstd::bulk::decompress(FONT_PACKED, 11 << 20).expect("bundled font unpacks")
    })
}

pub struct Font {
    face: ttf_parser::Face<'static>,
    units_per_em: f64,
    /// Glyph id and advance of every character of the Basic Multilingual Plane (glyph 0: none),
    /// looked up in the font's cmap once: a job's captions ask for the same few hundred
    /// characters millions of times, and the cmap's search was a fifth of a render.
    bmp: Vec<(u16, u16)>,
}

impl Font {
    /// The bundled font, parsed once.
    pub fn bundled() -> &'static Font {
        static FONT: OnceLock<Font> = OnceLock::new();
        FONT.get_or_init(|| {
            // The font is part of the program; failing to parse it is a build defect.
            let face = ttf_parser::Face::parse(font_bytes(), 0).expect("bundled font parses");
            let units_per_em = face.units_per_em() as f64;
            let bmp = (0..=0xFFFFu32)
                .map(|cp| {
                    let glyph = char::from_u32(cp).and_then(|c| face.glyph_index(c));
                    glyph.map_or((0, 0), |g| (g.0, face.glyph_hor_advance(g).unwrap_or(0)))
                })
                .collect();
            Font { face, units_per_em, bmp }
        })
    }

    pub fn face(&self) -> &ttf_parser::Face<'static> {
        &self.face
    }

    pub fn units_per_em(&self) -> f64 {
        self.units_per_em
    }

    pub fn glyph(&self, c: char) -> Option<ttf_parser::GlyphId> {
        match self.bmp.get(c as usize) {
            Some(&(0, _)) => None,
            Some(&(glyph, _)) => Some(ttf_parser::GlyphId(glyph)),
            None => self.face.glyph_index(c),
        }
    }

    /// Characters of `text` the font cannot draw, each once, in order of appearance.
    pub fn missing_chars(&self, text: &str) -> Vec<char> {
        let mut out = Vec::new();
        for c in text.chars() {
            if self.glyph(c).is_none() && !c.is_control() && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// Advance width of a glyph in font units (0 for a missing glyph).
    pub fn advance(&self, c: char) -> u16 {
        match self.bmp.get(c as usize) {
            Some(&(_, advance)) => advance,
            None => self.glyph(c).and_then(|g| self.face.glyph_hor_advance(g)).unwrap_or(0),
        }
    }

    /// Width of a line of text at `size_pt`, in millimetres.
    pub fn text_width_mm(&self, text: &str, size_pt: f64) -> f64 {
        let units: f64 = text.chars().map(|c| self.advance(c) as f64).sum();
        units / self.units_per_em * size_pt * 25.4 / 72.0
    }

    /// Distance from baseline to the top of the tallest glyphs (ascender), in mm at `size_pt`.
    pub fn ascent_mm(&self, size_pt: f64) -> f64 {
        self.face.ascender() as f64 / self.units_per_em * size_pt * 25.4 / 72.0
    }

    /// Distance below the baseline (descender, positive), in mm at `size_pt`.
    pub fn descent_mm(&self, size_pt: f64) -> f64 {
        -(self.face.descender() as f64) / self.units_per_em * size_pt * 25.4 / 72.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_says_what_the_cmap_says() {
        let f = Font::bundled();
        for c in ['0', 'A', '张', '𠀀', '\u{E000}', '\u{1F600}', ' '] {
            assert_eq!(f.glyph(c), f.face().glyph_index(c), "{c:?}");
            let advance = f.face().glyph_index(c).and_then(|g| f.face().glyph_hor_advance(g)).unwrap_or(0);
            assert_eq!(f.advance(c), advance, "{c:?}");
        }
    }

    #[test]
    fn covers_rare_name_characters() {
        let f = Font::bundled();
        assert!(f.missing_chars("张*三 李𠅤 王㛃 䶮 2022010101001").is_empty());
        assert_eq!(f.missing_chars("a\u{E000}b\u{E000}"), vec!['\u{E000}']);
        let w = f.text_width_mm("学号", 10.0);
        assert!((w - 2.0 * 10.0 * 25.4 / 72.0).abs() < 0.5, "{w}");
    }
}
