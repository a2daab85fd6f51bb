//! Measuring a photo from its pixels and the face the detector found: eye centres refined to
//! the pupils, tilt (roll) from them, the head's top where it meets the background, the face's
//! edges cheek to cheek on the image (YuNet's box is narrower), and the background's colour and
//! evenness. A measure that cannot be made with confidence is left out, never guessed. Positions are in the image's own pixels; the caller scales.

use super::detector::Detection;
use super::{Background, FaceMeasure, Measure};

/// An RGB image, 3 bytes a pixel, rows top to bottom.
#[derive(Clone, Copy)]
pub struct Pixels<'a> {
    pub rgb: &'a [u8],
    pub w: usize,
    pub h: usize,
}

impl Pixels<'_> {
    fn px(&self, x: usize, y: usize) -> [f32; 3] {
        let i = (y.min(self.h - 1) * self.w + x.min(self.w - 1)) * 3;
        [self.rgb[i] as f32, self.rgb[i + 1] as f32, self.rgb[i + 2] as f32]
    }

    fn luma(&self, x: usize, y: usize) -> f32 {
        let [r, g, b] = self.px(x, y);
        0.299 * r + 0.587 * g + 0.114 * b
    }

    /// Mean colour of the rectangle [x0, x1) x [y0, y1), clipped to the image.
    fn mean(&self, x0: f32, y0: f32, x1: f32, y1: f32) -> Option<[f32; 3]> {
        let (x0, x1) = (x0.max(0.0) as usize, (x1.max(0.0) as usize).min(self.w));
        let (y0, y1) = (y0.max(0.0) as usize, (y1.max(0.0) as usize).min(self.h));
        if x0 >= x1 || y0 >= y1 {
            return None;
        }
        let mut sum = [0f32; 3];
        for y in y0..y1 {
            for x in x0..x1 {
                let p = self.px(x, y);
                (0..3).for_each(|c| sum[c] += p[c]);
            }
        }
        let n = ((x1 - x0) * (y1 - y0)) as f32;
        Some(sum.map(|s| s / n))
    }
}

fn dist(a: [f32; 3], b: [f32; 3]) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

fn median(mut v: Vec<f32>) -> Option<f32> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f32::total_cmp);
    Some(v[v.len() / 2])
}

/// Measure the photo. `face` is the detector's best face, in the same pixels.
pub fn measure(img: Pixels<'_>, face: Option<&Detection>) -> Measure {
    let background = background(img, face);
    let Some(d) = face else { return Measure { face: None, background } };
    let bw = d.bbox[2].max(1.0);
    let raw = [d.landmarks[0], d.landmarks[1]];
    let refined = [refine_eye(img, raw[0], bw), refine_eye(img, raw[1], bw)];
    let eyes_sure = refined.iter().all(Option::is_some);
    let eyes = match refined {
        [Some(a), Some(b)] => [a, b],
        _ => raw,
    };
    let eye_line = (eyes[0][1] + eyes[1][1]) / 2.0;
    let tilt = eyes_sure.then(|| (eyes[1][1] - eyes[0][1]).atan2(eyes[1][0] - eyes[0][0]).to_degrees());
    let eye_gap = (eyes[1][0] - eyes[0][0]).abs().max(1.0);
    let mid_x = (eyes[0][0] + eyes[1][0]) / 2.0;
    let head_top = background.as_ref().and_then(|bg| head_top(img, bg, mid_x, eye_line, eye_gap));
    let face_edges = face_edges(img, eyes, eye_line, bw);
    let centre = face_edges.map(|[l, r]| (l + r) / 2.0).unwrap_or(mid_x);
    let face = FaceMeasure {
        score: d.score,
        bbox: d.bbox,
        eyes,
        eyes_found: eyes_sure,
        eye_line,
        tilt,
        head_top,
        face_edges,
        centre,
    };
    Measure { face: Some(face), background }
}

/// The pupil near a detector's eye point (which may be 10-20 px off): within reach of it, the
/// small window darkest against the ring around it. An iris has the white of the eye on both
/// sides and skin above and below; a brow or a lash line is dark along its length, so it does
/// not stand out from its ring. Glare on glasses, closed eyes or a best spot at the edge of
/// the reach leave the pupil not found.
fn refine_eye(img: Pixels<'_>, raw: [f32; 2], bw: f32) -> Option<[f32; 2]> {
    let (cx, cy) = (raw[0] as isize, raw[1] as isize);
    // Glare on glasses: the eye point itself lies in a patch of near-white.
    let r = (0.05 * bw) as isize;
    let (mut bright, mut all) = (0, 0);
    for y in cy - r..=cy + r {
        for x in cx - r..=cx + r {
            if x >= 0 && y >= 0 && (x as usize) < img.w && (y as usize) < img.h {
                all += 1;
                bright += (img.luma(x as usize, y as usize) > 225.0) as usize;
            }
        }
    }
    if all == 0 || bright * 4 > all {
        return None;
    }
    let (rx, ry) = ((0.13 * bw) as isize, (0.11 * bw) as isize);
    let half = ((0.05 * bw) as isize / 2).max(1);
    let ring = 3 * half;
    // Summed luma over the reach and its margin: any box's mean in four lookups.
    let (x0, y0) = (cx - rx - ring - 1, cy - ry - ring - 1);
    let (w, h) = ((2 * (rx + ring) + 3) as usize, (2 * (ry + ring) + 3) as usize);
    if x0 < 0 || y0 < 0 || x0 as usize + w > img.w || y0 as usize + h > img.h {
        return None;
    }
    let mut sat = vec![0f32; (w + 1) * (h + 1)];
    for y in 0..h {
        let mut row = 0.0;
        for x in 0..w {
            row += img.luma(x0 as usize + x, y0 as usize + y);
            sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1] + row;
        }
    }
    let boxed = |x: isize, y: isize, r: isize| {
        let (a, b) = ((x - x0 - r) as usize, (y - y0 - r) as usize);
        let (c, d) = ((x - x0 + r + 1) as usize, (y - y0 + r + 1) as usize);
        let s = sat[d * (w + 1) + c] - sat[b * (w + 1) + c] - sat[d * (w + 1) + a] + sat[b * (w + 1) + a];
        (s, ((2 * r + 1) * (2 * r + 1)) as f32)
    };
    let (mut best, mut at) = (f32::MIN, (cx, cy));
    for y in cy - ry..=cy + ry {
        for x in cx - rx..=cx + rx {
            let (inner, n_in) = boxed(x, y, half);
            let (outer, n_out) = boxed(x, y, ring);
            let contrast = (outer - inner) / (n_out - n_in) - inner / n_in;
            if contrast > best {
                best = contrast;
                at = (x, y);
            }
        }
    }
    let inner = (at.0 - cx).abs() < rx && (at.1 - cy).abs() < ry;
    (inner && best >= 15.0).then_some([at.0 as f32, at.1 as f32])
}

/// Where the head meets the background above the eyes, looking down columns near the middle
/// of the face. Hair the colour of the background leaves the head's top unseen.
fn head_top(img: Pixels<'_>, bg: &Background, mid_x: f32, eye_line: f32, eye_gap: f32) -> Option<f32> {
    let threshold = (4.0 * bg.noise).max(40.0);
    let colour = bg.colour.map(|c| c as f32);
    let (x0, x1) = ((mid_x - 0.35 * eye_gap).max(0.0) as usize, ((mid_x + 0.35 * eye_gap) as usize).min(img.w));
    let bottom = (eye_line.max(0.0) as usize).min(img.h);
    let mut tops = Vec::new();
    for x in (x0..x1).step_by(2) {
        let mut run = 0;
        for y in 0..bottom {
            if dist(img.px(x, y), colour) > threshold {
                run += 1;
                if run == 3 {
                    tops.push((y + 1 - 3) as f32);
                    break;
                }
            } else {
                run = 0;
            }
        }
    }
    let top = median(tops)?;
    // Hair hardly different from the background: the edge found is not to be trusted.
    let band = img.mean(x0 as f32, top + 3.0, x1 as f32, top + 3.0 + 0.15 * eye_gap)?;
    if dist(band, colour) < 1.5 * threshold {
        return None;
    }
    // From the top of the head to the eyes is about twice the distance between the eyes; a
    // "top" much nearer the eyes is the forehead, with the hair lost in the background.
    (eye_line - top >= 1.3 * eye_gap).then_some(top)
}

/// Chromaticity and brightness, to tell skin from hair and background under uneven light.
fn chroma(p: [f32; 3]) -> ([f32; 2], f32) {
    let s = (p[0] + p[1] + p[2]).max(1.0);
    ([p[0] / s, p[1] / s], s / 3.0)
}

/// The face's left and right edges, cheek to cheek: on rows between the eyes and the nose,
/// from each eye outwards to where the skin ends.
fn face_edges(img: Pixels<'_>, eyes: [[f32; 2]; 2], eye_line: f32, bw: f32) -> Option<[f32; 2]> {
    let patch = 0.05 * bw;
    let cheek = |e: [f32; 2]| img.mean(e[0] - patch, e[1] + 0.2 * bw - patch, e[0] + patch, e[1] + 0.2 * bw + patch);
    let (a, b) = (cheek(eyes[0])?, cheek(eyes[1])?);
    let (skin_c, skin_l) = chroma([(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0, (a[2] + b[2]) / 2.0]);
    let is_skin = |x: usize, y: usize| {
        let (c, l) = chroma(img.px(x, y));
        ((c[0] - skin_c[0]).powi(2) + (c[1] - skin_c[1]).powi(2)).sqrt() < 0.035 && l > 0.5 * skin_l && l < 1.5 * skin_l
    };
    let reach = 0.9 * bw;
    let mut sides: [Vec<f32>; 2] = [Vec::new(), Vec::new()];
    // Below the eyes (clear of glasses) down to the nose, where the cheeks are widest.
    for k in 2..=7 {
        let y = eye_line + 0.05 * k as f32 * bw;
        if y < 0.0 || y >= img.h as f32 {
            continue;
        }
        let y = y as usize;
        for (side, dir) in [(0usize, -1isize), (1, 1)] {
            let start = eyes[side][0] as isize;
            let limit = (eyes[side][0] + dir as f32 * reach) as isize;
            let mut x = start;
            let mut run = 0;
            while (dir < 0 && x > limit.max(0)) || (dir > 0 && x < limit.min(img.w as isize - 1)) {
                if is_skin(x as usize, y) {
                    run = 0;
                } else {
                    run += 1;
                    if run == 3 {
                        sides[side].push((x - dir * 3) as f32);
                        break;
                    }
                }
                x += dir;
            }
        }
    }
    if sides.iter().any(|s| s.len() < 3) {
        return None;
    }
    let [l, r] = sides.map(|s| median(s).unwrap_or(0.0));
    // Cheek to cheek is wider than YuNet's box but not twice as wide; outside that, the edge
    // found is an eye corner, an ear or the hair, not the cheek.
    (r - l >= 0.85 * bw && r - l <= 1.7 * bw).then_some([l, r])
}

/// The background's colour (median of patches at the top corners and down the sides, away
/// from the head) and how uneven it is.
fn background(img: Pixels<'_>, face: Option<&Detection>) -> Option<Background> {
    let (w, h) = (img.w as f32, img.h as f32);
    // Patches in fractions of the photo: top corners, the top edge and the sides above the
    // shoulders.
    let patches = [
        [0.0, 0.0, 0.15, 0.14],
        [0.85, 0.0, 1.0, 0.14],
        [0.0, 0.16, 0.08, 0.40],
        [0.92, 0.16, 1.0, 0.40],
        [0.3, 0.0, 0.7, 0.05],
    ];
    // Away from the head: the face box widened to take in the hair and ears.
    let head = face.map(|d| {
        let [x, y, bw, bh] = d.bbox;
        [x - 0.4 * bw, y - 0.9 * bh, x + 1.4 * bw, y + 1.6 * bh]
    });
    let mut means = Vec::new();
    let mut noise = Vec::new();
    for [fx0, fy0, fx1, fy1] in patches {
        let (x0, y0, x1, y1) = ((fx0 * w) as usize, (fy0 * h) as usize, (fx1 * w) as usize, (fy1 * h) as usize);
        let mut pixels = Vec::new();
        for y in (y0..y1.min(img.h)).step_by(2) {
            for x in (x0..x1.min(img.w)).step_by(2) {
                let in_head = head
                    .is_some_and(|[a, b, c, d]| (x as f32) > a && (x as f32) < c && (y as f32) > b && (y as f32) < d);
                if !in_head {
                    pixels.push(img.px(x, y));
                }
            }
        }
        if pixels.len() < 100 {
            continue;
        }
        let n = pixels.len() as f32;
        let mut m = [0f32; 3];
        pixels.iter().for_each(|p| (0..3).for_each(|c| m[c] += p[c] / n));
        let rms = (pixels.iter().map(|p| dist(*p, m).powi(2)).sum::<f32>() / n).sqrt();
        means.push(m);
        noise.push(rms);
    }
    if means.len() < 2 {
        return None;
    }
    let colour = [0, 1, 2].map(|c| median(means.iter().map(|m| m[c]).collect()).unwrap_or(0.0));
    // One patch may catch hair or a shoulder the head's box did not cover; uneven light or a
    // gradient moves more than one.
    let mut apart: Vec<f32> = means.iter().map(|m| dist(*m, colour)).collect();
    apart.sort_by(f32::total_cmp);
    let spread = if apart.len() >= 3 { apart[apart.len() - 2] } else { apart[apart.len() - 1] };
    let noise = noise.iter().sum::<f32>() / noise.len() as f32;
    Some(Background { colour: colour.map(|c| c.round().clamp(0.0, 255.0) as u8), spread, noise })
}
