//! The photo check drawn for the technician: a thumbnail of the photo with what was measured
//! over it (head top, eye line, face edges, face centre), red where a measure is out of the
//! standard's range and green where it is within, and the standard's ranges for the head top
//! and the eyes as bands at the left edge. Plain pixels; the adapter hands them to Slint.

use crate::import::face::{Check, EYE_LINE, HEAD_TOP, Measure};
use image::{Rgba, RgbaImage};

/// The thumbnail is the 480x640 photo shrunk this many times.
pub const SHRINK: u32 = 3;
const RED: Rgba<u8> = Rgba([230, 30, 30, 255]);
const GREEN: Rgba<u8> = Rgba([20, 170, 60, 255]);
const BAND: Rgba<u8> = Rgba([20, 170, 60, 150]);

fn blend(img: &mut RgbaImage, x: i64, y: i64, c: Rgba<u8>) {
    if x < 0 || y < 0 || x >= img.width() as i64 || y >= img.height() as i64 {
        return;
    }
    let p = img.get_pixel_mut(x as u32, y as u32);
    let a = c.0[3] as u32;
    for k in 0..3 {
        p.0[k] = ((c.0[k] as u32 * a + p.0[k] as u32 * (255 - a)) / 255) as u8;
    }
}

/// A line from (x0, y0) to (x1, y1) in photo pixels, two thumbnail pixels wide.
fn line(img: &mut RgbaImage, [x0, y0]: [f32; 2], [x1, y1]: [f32; 2], c: Rgba<u8>) {
    let k = SHRINK as f32;
    let steps = ((x1 - x0).abs().max((y1 - y0).abs()) / k).ceil().max(1.0) as i64;
    for i in 0..=steps {
        let t = i as f32 / steps as f32;
        let (x, y) = (((x0 + (x1 - x0) * t) / k) as i64, ((y0 + (y1 - y0) * t) / k) as i64);
        for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
            blend(img, x + dx, y + dy, c);
        }
    }
}

/// The photo (decoded JPEG) shrunk, with the measures drawn over it.
pub fn thumbnail(jpeg: &[u8], m: &Measure, checks: &[Check]) -> Result<RgbaImage, String> {
    let photo = image::load_from_memory_with_format(jpeg, image::ImageFormat::Jpeg)
        .map_err(|e| format!("the photo does not decode: {e}"))?
        .into_rgb8();
    let (w, h) = (photo.width() / SHRINK, photo.height() / SHRINK);
    let mut img = RgbaImage::new(w, h);
    for (x, y, p) in img.enumerate_pixels_mut() {
        let mut sum = [0u32; 3];
        for dy in 0..SHRINK {
            for dx in 0..SHRINK {
                let q = photo.get_pixel(x * SHRINK + dx, y * SHRINK + dy).0;
                (0..3).for_each(|k| sum[k] += q[k] as u32);
            }
        }
        let n = SHRINK * SHRINK;
        *p = Rgba([(sum[0] / n) as u8, (sum[1] / n) as u8, (sum[2] / n) as u8, 255]);
    }
    let scale = photo.width() as f32 / 480.0;
    let wide = photo.width() as f32;
    for [a, b] in [HEAD_TOP, EYE_LINE] {
        for y in (a * scale) as i64 / SHRINK as i64..=(b * scale) as i64 / SHRINK as i64 {
            for x in 0..4 {
                blend(&mut img, x, y, BAND);
            }
        }
    }
    let colour = |code: &str| if checks.iter().any(|c| c.code() == code) { RED } else { GREEN };
    let Some(f) = &m.face else { return Ok(img) };
    let p = |v: f32| v * scale;
    if let Some(top) = f.head_top {
        line(&mut img, [p(f.centre) - 0.2 * wide, p(top)], [p(f.centre) + 0.2 * wide, p(top)], colour("head_top"));
    }
    let [l, r] = f.face_edges.unwrap_or([f.bbox[0], f.bbox[0] + f.bbox[2]]);
    let eye = colour(if f.tilt.is_some_and(|t| t.abs() > crate::import::face::MAX_TILT) { "tilt" } else { "eye_line" });
    line(&mut img, [p(f.eyes[0][0]), p(f.eyes[0][1])], [p(f.eyes[1][0]), p(f.eyes[1][1])], eye);
    line(&mut img, [p(l) - 12.0, p(f.eye_line)], [p(r) + 12.0, p(f.eye_line)], colour("eye_line"));
    if f.face_edges.is_some() {
        let (y0, y1) = (p(f.eye_line - 0.35 * (r - l)), p(f.eye_line + 0.6 * (r - l)));
        line(&mut img, [p(l), y0], [p(l), y1], colour("face_width"));
        line(&mut img, [p(r), y0], [p(r), y1], colour("face_width"));
    }
    let c = colour("centre");
    line(&mut img, [p(f.centre), p(f.eye_line) + 20.0], [p(f.centre), p(f.eye_line) + 120.0 * scale], c);
    line(&mut img, [wide / 2.0, 0.0], [wide / 2.0, 12.0 * scale], c);
    line(&mut img, [wide / 2.0, photo.height() as f32 - 12.0 * scale], [wide / 2.0, photo.height() as f32], c);
    Ok(img)
}
