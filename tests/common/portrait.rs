//! A real face for the photo check's tests and benchmark: the public-domain NASA portrait in
//! `tests/data/astronaut.png`, her head and shoulders cut out of the studio backdrop and
//! composed onto a background at 480x640, placed as the standard wants unless a [`Pose`] says
//! otherwise (shifted, scaled, rotated, recoloured, with glare on the eyes).
#![allow(dead_code)]

use image::{Rgb, RgbImage};
use std::sync::OnceLock;

/// Where her features are in the source picture (512x512), measured once by eye and YuNet.
const SOURCE_EYES: [[f32; 2]; 2] = [[203.0, 100.0], [248.0, 100.0]];
/// Her face is about this wide in the source, cheek to cheek.
const SOURCE_FACE_WIDTH: f32 = 86.0;
/// The part of the source that holds her (the flag is left of it, the shuttle right).
const PERSON_X: [f32; 2] = [96.0, 364.0];

pub const BLUE: [u8; 3] = [100, 197, 255];
pub const WHITE: [u8; 3] = [255, 255, 255];
pub const GREY: [u8; 3] = [240, 240, 240];

/// How to place her on the 480x640 photo.
#[derive(Debug, Clone, Copy)]
pub struct Pose {
    /// Face width on the photo, cheek to cheek, in px.
    pub face_width: f32,
    /// Eye line height from the top edge.
    pub eye_line: f32,
    /// Horizontal position of the point between the eyes.
    pub centre: f32,
    /// Rotation in degrees, clockwise, about the point between the eyes.
    pub degrees: f32,
    pub background: [u8; 3],
    /// Added to the background's brightness from left (0) to right (this much).
    pub gradient: f32,
    /// Paint glare (white discs) over both eyes.
    pub glare: bool,
}

impl Default for Pose {
    /// Placed as the standard wants: eyes 258 px down (her hair's top then about 55 px down),
    /// face 200 px wide, centred, level, on light blue.
    fn default() -> Self {
        Pose {
            face_width: 200.0,
            eye_line: 258.0,
            centre: 240.0,
            degrees: 0.0,
            background: BLUE,
            gradient: 0.0,
            glare: false,
        }
    }
}

struct Source {
    img: RgbImage,
    /// 1.0 where she is, 0.0 for the backdrop.
    mask: Vec<f32>,
}

fn source() -> &'static Source {
    static SRC: OnceLock<Source> = OnceLock::new();
    SRC.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/astronaut.png");
        let img = image::open(path).expect("tests/data/astronaut.png").to_rgb8();
        let mask = cut_out(&img);
        Source { img, mask }
    })
}

/// The backdrop is light and colourless: flood it from the top edge between the flag and the
/// shuttle; what it does not reach, within her part of the picture, is her.
fn cut_out(img: &RgbImage) -> Vec<f32> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let backdrop = |x: usize, y: usize| {
        let p = img.get_pixel(x as u32, y as u32).0.map(|c| c as i32);
        let (max, min) = (p.iter().max().copied().unwrap_or(0), p.iter().min().copied().unwrap_or(0));
        let luma = (299 * p[0] + 587 * p[1] + 114 * p[2]) / 1000;
        max - min < 40 && luma > 120
    };
    let mut flooded = vec![false; w * h];
    let mut stack: Vec<(usize, usize)> = (PERSON_X[0] as usize..PERSON_X[1] as usize).map(|x| (x, 0)).collect();
    while let Some((x, y)) = stack.pop() {
        let i = y * w + x;
        if flooded[i] || !backdrop(x, y) || (x as f32) < PERSON_X[0] || (x as f32) >= PERSON_X[1] {
            continue;
        }
        flooded[i] = true;
        if x > 0 {
            stack.push((x - 1, y));
        }
        if x + 1 < w {
            stack.push((x + 1, y));
        }
        if y > 0 {
            stack.push((x, y - 1));
        }
        if y + 1 < h {
            stack.push((x, y + 1));
        }
    }
    let inside = |x: usize| (x as f32) >= PERSON_X[0] && (x as f32) < PERSON_X[1];
    // Small specks of backdrop the flood missed are closed over by a 3x3 majority.
    let raw: Vec<f32> = (0..w * h).map(|i| if !flooded[i] && inside(i % w) { 1.0 } else { 0.0 }).collect();
    let mut mask = raw.clone();
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let mut s = 0.0;
            for dy in 0..3 {
                for dx in 0..3 {
                    s += raw[(y + dy - 1) * w + x + dx - 1];
                }
            }
            mask[y * w + x] = s / 9.0;
        }
    }
    mask
}

fn bilinear(src: &Source, x: f32, y: f32) -> Option<([f32; 3], f32)> {
    let (w, h) = (src.img.width() as usize, src.img.height() as usize);
    if x < 0.0 || y < 0.0 || x >= (w - 1) as f32 || y >= (h - 1) as f32 {
        return None;
    }
    let (x0, y0) = (x as usize, y as usize);
    let (fx, fy) = (x - x0 as f32, y - y0 as f32);
    let mut c = [0f32; 3];
    let mut a = 0.0;
    for (dx, dy, wgt) in
        [(0, 0, (1.0 - fx) * (1.0 - fy)), (1, 0, fx * (1.0 - fy)), (0, 1, (1.0 - fx) * fy), (1, 1, fx * fy)]
    {
        let p = src.img.get_pixel((x0 + dx) as u32, (y0 + dy) as u32).0;
        (0..3).for_each(|k| c[k] += p[k] as f32 * wgt);
        a += src.mask[(y0 + dy) * w + x0 + dx] * wgt;
    }
    Some((c, a))
}

/// Her portrait at 480x640, placed as `pose` says.
pub fn portrait_rgb(pose: &Pose) -> RgbImage {
    let src = source();
    let s = pose.face_width / SOURCE_FACE_WIDTH;
    let (sx, sy) = ((SOURCE_EYES[0][0] + SOURCE_EYES[1][0]) / 2.0, SOURCE_EYES[0][1]);
    let (sin, cos) = pose.degrees.to_radians().sin_cos();
    let mut out = RgbImage::new(480, 640);
    for (x, y, px) in out.enumerate_pixels_mut() {
        let (u, v) = (x as f32 - pose.centre, y as f32 - pose.eye_line);
        // Undo the clockwise rotation, then the scale.
        let (ru, rv) = (u * cos + v * sin, -u * sin + v * cos);
        let bg = {
            let lift = pose.gradient * x as f32 / 480.0;
            pose.background.map(|c| (c as f32 + lift).clamp(0.0, 255.0))
        };
        let c = match bilinear(src, sx + ru / s, sy + rv / s) {
            Some((c, a)) => [0, 1, 2].map(|k| c[k] * a + bg[k] * (1.0 - a)),
            None => bg,
        };
        *px = Rgb(c.map(|v| v.round().clamp(0.0, 255.0) as u8));
    }
    if pose.glare {
        for [ex, ey] in eyes(pose) {
            let r = 0.09 * pose.face_width;
            for y in (ey - r) as i32..=(ey + r) as i32 {
                for x in (ex - r) as i32..=(ex + r) as i32 {
                    if ((x as f32 - ex).powi(2) + (y as f32 - ey).powi(2)) <= r * r {
                        out.put_pixel(x as u32, y as u32, Rgb([250, 250, 250]));
                    }
                }
            }
        }
    }
    out
}

/// Her hair's colour: the mean of a patch of it, for a background the hair disappears in.
pub fn hair_colour() -> [u8; 3] {
    let src = source();
    let mut sum = [0u32; 3];
    let mut n = 0;
    for y in 25..45 {
        for x in 200..250 {
            let p = src.img.get_pixel(x, y).0;
            (0..3).for_each(|k| sum[k] += p[k] as u32);
            n += 1;
        }
    }
    sum.map(|s| (s / n) as u8)
}

/// Where her eyes land on the photo for `pose`.
pub fn eyes(pose: &Pose) -> [[f32; 2]; 2] {
    let s = pose.face_width / SOURCE_FACE_WIDTH;
    let (sx, sy) = ((SOURCE_EYES[0][0] + SOURCE_EYES[1][0]) / 2.0, SOURCE_EYES[0][1]);
    let (sin, cos) = pose.degrees.to_radians().sin_cos();
    SOURCE_EYES.map(|[x, y]| {
        let (u, v) = ((x - sx) * s, (y - sy) * s);
        [pose.centre + u * cos - v * sin, pose.eye_line + u * sin + v * cos]
    })
}

/// Her portrait as the lab receives it: a 480x640 JPEG, quality 90, 300 dpi.
pub fn portrait(pose: &Pose) -> Vec<u8> {
    let img = portrait_rgb(pose);
    let mut out = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut out, 90);
    enc.set_density(jpeg_encoder::PixelDensity::dpi(300));
    enc.encode(img.as_raw(), 480, 640, jpeg_encoder::ColorType::Rgb).expect("encode portrait");
    out
}
