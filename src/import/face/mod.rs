//! The photo check against the standard's geometry (教毕指〔2017〕99号): on the 480x640 image
//! the head's top 50-110 px from the top edge, the eyes 200-300 px, the face 180-300 px wide,
//! the subject centred and level, the background light blue RGB(100,197,255), white or grey
//! 240, and even. It works on decoded pixels (the import's JPEG check decodes them), is a
//! stage of its own after that check, and only ever warns: a photo is never refused for its
//! geometry, and a measure it cannot make with confidence is reported as 无法判断 (cannot
//! judge), never guessed.
//!
//! - [`detector`]: the YuNet face detector (compiled in, run on every core at once);
//! - `net`: the small runner of its network (the ONNX file's graph, eight operators);
//! - `measure`: eyes, tilt, head top, face edges and background from the pixels;
//! - `rules`: the standard's ranges, and what is out of them as [`Check`]s.

pub mod detector;
mod measure;
mod net;
mod rules;

pub use rules::{
    Check, EYE_LINE, FACE_WIDTH, HEAD_TOP, MAX_CENTRE_OFFSET, MAX_COLOUR_DISTANCE, MAX_SPREAD, MAX_TILT, judge,
};

pub use crate::domain::school::BackgroundColour;
use serde::{Deserialize, Serialize};

/// Bump when the measuring changes: a stored measure of another version is made again.
pub const VERSION: i64 = 1;

/// The standard's width and height; measures are given on this scale whatever the image's.
pub const WIDTH: f32 = 480.0;
pub const HEIGHT: f32 = 640.0;

/// What the check measured on one photo, in pixels of the 480x640 standard image. What could
/// not be measured with confidence is `None`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// The face found; `None` when there was none.
    pub face: Option<FaceMeasure>,
    /// The background; `None` when too little of it shows.
    pub background: Option<Background>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaceMeasure {
    /// The detector's confidence, 0-1.
    pub score: f32,
    /// The detector's face box: left, top, width, height.
    pub bbox: [f32; 4],
    /// Eye centres (x, y), image left first: the pupils when they could be found, else the
    /// detector's points.
    pub eyes: [[f32; 2]; 2],
    /// Whether the pupils were found (not with glare on glasses or closed eyes).
    pub eyes_found: bool,
    /// Height of the eyes from the top edge.
    pub eye_line: f32,
    /// Roll in degrees from the pupils; positive when the image-right eye is lower.
    pub tilt: Option<f32>,
    /// The head's top (where it meets the background), from the top edge.
    pub head_top: Option<f32>,
    /// The face's left and right edges, cheek to cheek.
    pub face_edges: Option<[f32; 2]>,
    /// The face's horizontal centre: between its edges, else between the eyes.
    pub centre: f32,
}

impl FaceMeasure {
    pub fn face_width(&self) -> Option<f32> {
        self.face_edges.map(|[l, r]| r - l)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Background {
    /// Its colour: the median of patches at the top corners and down the sides.
    pub colour: [u8; 3],
    /// How far the most different patch is from that colour (RGB distance).
    pub spread: f32,
    /// Pixel noise within the patches (RGB distance, root mean square).
    pub noise: f32,
}

/// Measure one photo from its decoded RGB pixels (`w` x `h`, any scale of 480x640).
pub fn measure(rgb: &[u8], w: usize, h: usize) -> Result<Measure, String> {
    let found = detector::detect(rgb, w, h)?;
    let m = measure::measure(measure::Pixels { rgb, w, h }, found.as_ref());
    Ok(scaled(m, WIDTH / w as f32))
}

fn scaled(m: Measure, k: f32) -> Measure {
    let p = |v: [f32; 2]| v.map(|c| c * k);
    Measure {
        face: m.face.map(|f| FaceMeasure {
            bbox: f.bbox.map(|c| c * k),
            eyes: f.eyes.map(p),
            eye_line: f.eye_line * k,
            head_top: f.head_top.map(|v| v * k),
            face_edges: f.face_edges.map(p),
            centre: f.centre * k,
            ..f
        }),
        background: m.background,
    }
}
