//! What a page's content streams draw, as a PDF reader works it out: a small interpreter of the
//! operators that place images and show text (graphics state with `q`/`Q`/`cm`, clipping paths,
//! image and form XObjects, the text state and text matrices), over streams `lopdf` decodes
//! whatever their filters. It finds where each image lands and where it is clipped, and the
//! text each show operation puts on the page through the font's ToUnicode map. Coordinates it
//! returns are PDF points of the page, y up.

use super::fonts::FontInfo;
use crate::msg;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;

/// An affine matrix `[a b c d e f]` as PDF writes it (row vectors: p' = p x M).
pub type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n`: the matrix of applying `m` first.
fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

pub fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// An axis-aligned box in page points: x0 <= x1, y0 <= y1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bbox {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Bbox {
    fn point(x: f64, y: f64) -> Bbox {
        Bbox { x0: x, y0: y, x1: x, y1: y }
    }

    fn add(self, x: f64, y: f64) -> Bbox {
        Bbox { x0: self.x0.min(x), y0: self.y0.min(y), x1: self.x1.max(x), y1: self.y1.max(y) }
    }

    pub fn intersect(&self, o: &Bbox) -> Bbox {
        let (x0, y0) = (self.x0.max(o.x0), self.y0.max(o.y0));
        Bbox { x0, y0, x1: self.x1.min(o.x1).max(x0), y1: self.y1.min(o.y1).max(y0) }
    }

    /// The box the unit square covers under `m`.
    pub fn of_unit_square(m: &Matrix) -> Bbox {
        let (x, y) = apply(m, 0.0, 0.0);
        [(1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].iter().fold(Bbox::point(x, y), |b, &(u, v)| {
            let (x, y) = apply(m, u, v);
            b.add(x, y)
        })
    }
}

/// An image drawn on the page.
pub struct Placed {
    /// The image XObject.
    pub image: ObjectId,
    /// The transformation in force: the image's unit square maps through it.
    pub ctm: Matrix,
    /// The clipping area in force (the bounding box of the clipping paths), if any.
    pub clip: Option<Bbox>,
}

/// What one show-text operation put on the page.
pub struct Shown {
    /// Where the first character's origin lands, in page points.
    pub x: f64,
    pub y: f64,
    /// Where the next character would go, on the same baseline.
    pub end_x: f64,
    /// The text through ToUnicode (codes without an entry are left out and named in `problems`).
    pub text: String,
    /// Codes without a ToUnicode entry or without a glyph in the embedded font.
    pub problems: Vec<String>,
}

pub struct PageContent {
    pub media_box: [f64; 4],
    pub images: Vec<Placed>,
    pub shown: Vec<Shown>,
}

/// Fonts read once per document, shared by every page that uses them.
pub type Fonts<'a> = HashMap<ObjectId, FontInfo<'a>>;

#[derive(Clone)]
struct State {
    ctm: Matrix,
    clip: Option<Bbox>,
    font: Option<ObjectId>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
}

struct Reader<'a, 'f> {
    doc: &'a Document,
    fonts: &'f Fonts<'a>,
    /// Fonts given as direct dictionaries in a resource dictionary, read on first use.
    direct_fonts: HashMap<Vec<u8>, FontInfo<'a>>,
    out: PageContent,
    depth: usize,
}

fn nums(op: &lopdf::content::Operation) -> Vec<f64> {
    op.operands.iter().filter_map(|o| o.as_float().ok()).map(f64::from).collect()
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

/// The page's resource dictionary, inherited from the page tree when the page has none.
fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Ok(r) = node.get(b"Resources") {
            return deref(doc, r).as_dict().ok();
        }
        node = doc.get_dictionary(node.get(b"Parent").ok()?.as_reference().ok()?).ok()?;
    }
    None
}

/// The page's MediaBox, inherited like its resources.
fn media_box(doc: &Document, page: ObjectId) -> Option<[f64; 4]> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Ok(b) = node.get(b"MediaBox") {
            let v: Vec<f64> = deref(doc, b)
                .as_array()
                .ok()?
                .iter()
                .filter_map(|o| deref(doc, o).as_float().ok())
                .map(f64::from)
                .collect();
            return (v.len() == 4).then(|| [v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])]);
        }
        node = doc.get_dictionary(node.get(b"Parent").ok()?.as_reference().ok()?).ok()?;
    }
    None
}

/// Everything a page draws that preflight looks at, or why the page cannot be read.
pub fn read_page<'a>(doc: &'a Document, page: ObjectId, fonts: &Fonts<'a>) -> Result<PageContent, String> {
    let media_box = media_box(doc, page).ok_or("the page has no MediaBox")?;
    let resources = page_resources(doc, page);
    let content =
        Content::decode(&doc.get_page_content(page)).map_err(|e| format!("its content stream cannot be read: {e}"))?;
    let mut r = Reader {
        doc,
        fonts,
        direct_fonts: HashMap::new(),
        out: PageContent { media_box, images: Vec::new(), shown: Vec::new() },
        depth: 0,
    };
    let state = State {
        ctm: IDENTITY,
        clip: None,
        font: None,
        size: 0.0,
        char_spacing: 0.0,
        word_spacing: 0.0,
        h_scale: 1.0,
        leading: 0.0,
        rise: 0.0,
    };
    r.run(&content.operations, resources, state)?;
    Ok(r.out)
}

impl<'a> Reader<'a, '_> {
    fn run(
        &mut self,
        ops: &[lopdf::content::Operation],
        resources: Option<&'a Dictionary>,
        state: State,
    ) -> Result<(), String> {
        let mut gs = state;
        let mut stack: Vec<State> = Vec::new();
        let mut path: Option<Bbox> = None;
        let mut clipping = false;
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        // A font given as a direct dictionary has no object id; it is keyed by resource name.
        let mut direct_font: Option<Vec<u8>> = None;
        for op in ops {
            let n = nums(op);
            match op.operator.as_str() {
                "q" => stack.push(gs.clone()),
                "Q" => gs = stack.pop().unwrap_or_else(|| gs.clone()),
                "cm" if n.len() == 6 => gs.ctm = mul(&[n[0], n[1], n[2], n[3], n[4], n[5]], &gs.ctm),
                "re" if n.len() == 4 => {
                    for (x, y) in [(n[0], n[1]), (n[0] + n[2], n[1]), (n[0], n[1] + n[3]), (n[0] + n[2], n[1] + n[3])] {
                        let (px, py) = apply(&gs.ctm, x, y);
                        path = Some(path.map_or(Bbox::point(px, py), |b| b.add(px, py)));
                    }
                }
                "m" | "l" | "c" | "v" | "y" => {
                    for p in n.chunks_exact(2) {
                        let (px, py) = apply(&gs.ctm, p[0], p[1]);
                        path = Some(path.map_or(Bbox::point(px, py), |b| b.add(px, py)));
                    }
                }
                "W" | "W*" => clipping = true,
                "n" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "S" | "s" => {
                    if clipping && let Some(p) = path {
                        gs.clip = Some(gs.clip.map_or(p, |c| c.intersect(&p)));
                    }
                    path = None;
                    clipping = false;
                }
                "Do" => {
                    if let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) {
                        self.draw_xobject(name, resources, &gs)?;
                    }
                }
                "BT" => (tm, tlm) = (IDENTITY, IDENTITY),
                "Tf" if op.operands.len() == 2 => {
                    let name = op.operands[0].as_name().unwrap_or_default();
                    gs.size = op.operands[1].as_float().map(f64::from).unwrap_or(0.0);
                    match self.font_ref(name, resources) {
                        Some(FontRef::Object(id)) => (gs.font, direct_font) = (Some(id), None),
                        Some(FontRef::Direct) => (gs.font, direct_font) = (None, Some(name.to_vec())),
                        None => (gs.font, direct_font) = (None, None),
                    }
                }
                "Tc" if n.len() == 1 => gs.char_spacing = n[0],
                "Tw" if n.len() == 1 => gs.word_spacing = n[0],
                "Tz" if n.len() == 1 => gs.h_scale = n[0] / 100.0,
                "TL" if n.len() == 1 => gs.leading = n[0],
                "Ts" if n.len() == 1 => gs.rise = n[0],
                "Td" if n.len() == 2 => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n[0], n[1]], &tlm);
                    tm = tlm;
                }
                "TD" if n.len() == 2 => {
                    gs.leading = -n[1];
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n[0], n[1]], &tlm);
                    tm = tlm;
                }
                "Tm" if n.len() == 6 => {
                    tlm = [n[0], n[1], n[2], n[3], n[4], n[5]];
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator == "\"" && n.len() >= 2 {
                        (gs.word_spacing, gs.char_spacing) = (n[0], n[1]);
                    }
                    if op.operator == "'" || op.operator == "\"" {
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    let parts: Vec<&Object> = match op.operands.last() {
                        Some(Object::Array(a)) if op.operator == "TJ" => a.iter().collect(),
                        Some(o) => vec![o],
                        None => Vec::new(),
                    };
                    self.show(&parts, &gs, &mut tm, direct_font.as_deref(), resources);
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn font_ref(&self, name: &[u8], resources: Option<&'a Dictionary>) -> Option<FontRef> {
        let fonts = deref(self.doc, resources?.get(b"Font").ok()?).as_dict().ok()?;
        match fonts.get(name).ok()? {
            Object::Reference(id) => Some(FontRef::Object(*id)),
            Object::Dictionary(_) => Some(FontRef::Direct),
            _ => None,
        }
    }

    fn font(&mut self, gs: &State, direct: Option<&[u8]>, resources: Option<&'a Dictionary>) -> Option<&FontInfo<'a>> {
        if let Some(id) = gs.font {
            return self.fonts.get(&id);
        }
        let name = direct?;
        if !self.direct_fonts.contains_key(name) {
            let fonts = deref(self.doc, resources?.get(b"Font").ok()?).as_dict().ok()?;
            let font = fonts.get(name).ok()?.as_dict().ok()?;
            self.direct_fonts.insert(name.to_vec(), FontInfo::read(self.doc, font));
        }
        self.direct_fonts.get(name)
    }

    /// One show operation: strings draw their codes, numbers move back by thousandths of
    /// the font size.
    fn show(
        &mut self,
        parts: &[&Object],
        gs: &State,
        tm: &mut Matrix,
        direct: Option<&[u8]>,
        resources: Option<&'a Dictionary>,
    ) {
        let origin = apply(&mul(tm, &gs.ctm), 0.0, gs.rise);
        let mut shown = Shown { x: origin.0, y: origin.1, end_x: origin.0, text: String::new(), problems: Vec::new() };
        let Some(font) = self.font(gs, direct, resources) else {
            shown.problems.push("text is shown without a font the page's resources name".into());
            self.out.shown.push(shown);
            return;
        };
        let advance = |tm: &mut Matrix, tx: f64| *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
        for part in parts {
            match part {
                Object::String(bytes, _) => {
                    for g in font.glyphs(bytes) {
                        match &g.text {
                            Some(t) => shown.text.push_str(t),
                            None => shown.problems.push(
                                msg!(
                                    "verify-no-tounicode",
                                    code = format!("{:#06x}", g.code),
                                    font = font.name.as_str()
                                )
                                .to_string(),
                            ),
                        }
                        if g.drawn == Some(false) {
                            let what = g.text.as_deref().map(|t| format!("'{t}' ")).unwrap_or_default();
                            shown.problems.push(
                                msg!(
                                    "verify-no-glyph",
                                    what = what,
                                    code = format!("{:#06x}", g.code),
                                    font = font.name.as_str()
                                )
                                .to_string(),
                            );
                        }
                        let space = !font.two_byte() && g.code == 32;
                        let tx =
                            (g.width / 1000.0 * gs.size + gs.char_spacing + if space { gs.word_spacing } else { 0.0 })
                                * gs.h_scale;
                        advance(tm, tx);
                    }
                }
                o => {
                    if let Ok(v) = o.as_float() {
                        advance(tm, -f64::from(v) / 1000.0 * gs.size * gs.h_scale);
                    }
                }
            }
        }
        shown.end_x = apply(&mul(tm, &gs.ctm), 0.0, gs.rise).0;
        self.out.shown.push(shown);
    }

    fn draw_xobject(&mut self, name: &[u8], resources: Option<&'a Dictionary>, gs: &State) -> Result<(), String> {
        let Some(xobjects) =
            resources.and_then(|r| r.get(b"XObject").ok()).and_then(|o| deref(self.doc, o).as_dict().ok())
        else {
            return Ok(());
        };
        let Ok(Object::Reference(id)) = xobjects.get(name) else { return Ok(()) };
        let Ok(stream) = self.doc.get_object(*id).and_then(Object::as_stream) else { return Ok(()) };
        match stream.dict.get(b"Subtype").and_then(Object::as_name).ok() {
            Some(b"Image") => self.out.images.push(Placed { image: *id, ctm: gs.ctm, clip: gs.clip }),
            Some(b"Form") if self.depth < 8 => {
                let m: Vec<f64> = stream
                    .dict
                    .get(b"Matrix")
                    .and_then(Object::as_array)
                    .map(|a| a.iter().filter_map(|o| o.as_float().ok()).map(f64::from).collect())
                    .unwrap_or_default();
                let matrix = if m.len() == 6 { [m[0], m[1], m[2], m[3], m[4], m[5]] } else { IDENTITY };
                let bytes = if stream.dict.get(b"Filter").is_ok() {
                    stream.decompressed_content().map_err(|e| format!("form XObject {id:?} cannot be decoded: {e}"))?
                } else {
                    stream.content.clone()
                };
                let ops = Content::decode(&bytes).map_err(|e| format!("form XObject {id:?} cannot be read: {e}"))?;
                let own = stream.dict.get(b"Resources").ok().and_then(|o| deref(self.doc, o).as_dict().ok());
                let mut inner = gs.clone();
                inner.ctm = mul(&matrix, &gs.ctm);
                self.depth += 1;
                let done = self.run(&ops.operations, own.or(resources), inner);
                self.depth -= 1;
                done?;
            }
            _ => {}
        }
        Ok(())
    }
}

enum FontRef {
    Object(ObjectId),
    Direct,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_as_pdf_says() {
        // Translate then scale: the point (1, 1) goes to (2, 3), then doubles.
        let t = [1.0, 0.0, 0.0, 1.0, 1.0, 2.0];
        let s = [2.0, 0.0, 0.0, 2.0, 0.0, 0.0];
        assert_eq!(apply(&mul(&t, &s), 1.0, 1.0), (4.0, 6.0));
        let b = Bbox::of_unit_square(&[10.0, 0.0, 0.0, 20.0, 5.0, 7.0]);
        assert_eq!(b, Bbox { x0: 5.0, y0: 7.0, x1: 15.0, y1: 27.0 });
    }
}
