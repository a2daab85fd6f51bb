//! The YuNet face detector (OpenCV Zoo, MIT; `models/`), compiled into the program and run by
//! our own small runner (`net`). The network is loaded once per process and holds no running
//! state, so photos are checked on every core at once.
//! Input is the photo box-filtered down to [`INPUT_W`] x [`INPUT_H`]; what comes out is the
//! best face in the photo's own pixel coordinates.

use super::net::{Net, Tensor};
use std::sync::OnceLock;

pub(super) const MODEL: &[u8] = include_bytes!("../../../models/face_detection_yunet_2023mar.onnx");

/// The network's input: a 480x640 photo shrunk five times (both multiples of 32, as YuNet
/// needs). A standard face, 180-300 px wide, is 36-60 px here, well within what YuNet finds.
pub const INPUT_W: usize = 96;
pub const INPUT_H: usize = 128;
const STRIDES: [usize; 3] = [8, 16, 32];
/// Below this score a candidate is not a face (OpenCV's own examples use 0.6 to 0.9).
const MIN_SCORE: f32 = 0.6;

/// One face as YuNet sees it, in the coordinates of the image it was given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    pub score: f32,
    /// Left, top, width, height.
    pub bbox: [f32; 4],
    /// Right eye, left eye (the subject's: image left first), nose tip, right and left mouth
    /// corners, each (x, y).
    pub landmarks: [[f32; 2]; 5],
}

fn net() -> Result<&'static Net, String> {
    static NET: OnceLock<Result<Net, String>> = OnceLock::new();
    NET.get_or_init(|| Net::load(MODEL).map_err(|e| format!("the face detector could not be loaded: {e}")))
        .as_ref()
        .map_err(Clone::clone)
}

/// Shrink an RGB image (any size) to the network's input by averaging boxes of pixels, as a
/// BGR planar tensor of 0-255 floats.
pub(super) fn input(rgb: &[u8], w: usize, h: usize) -> Tensor {
    let mut data = vec![0f32; 3 * INPUT_W * INPUT_H];
    let plane = INPUT_W * INPUT_H;
    for oy in 0..INPUT_H {
        let (y0, y1) = (oy * h / INPUT_H, ((oy + 1) * h / INPUT_H).max(oy * h / INPUT_H + 1));
        for ox in 0..INPUT_W {
            let (x0, x1) = (ox * w / INPUT_W, ((ox + 1) * w / INPUT_W).max(ox * w / INPUT_W + 1));
            let mut sum = [0u32; 3];
            for y in y0..y1 {
                let row = &rgb[(y * w + x0) * 3..(y * w + x1) * 3];
                for px in row.chunks_exact(3) {
                    sum[0] += px[0] as u32;
                    sum[1] += px[1] as u32;
                    sum[2] += px[2] as u32;
                }
            }
            let n = ((y1 - y0) * (x1 - x0)) as f32;
            let i = oy * INPUT_W + ox;
            data[i] = sum[2] as f32 / n;
            data[plane + i] = sum[1] as f32 / n;
            data[2 * plane + i] = sum[0] as f32 / n;
        }
    }
    Tensor { shape: vec![1, 3, INPUT_H, INPUT_W], data }
}

/// The best face in an RGB image of `w` x `h` pixels, if any scores as a face.
pub fn detect(rgb: &[u8], w: usize, h: usize) -> Result<Option<Detection>, String> {
    if rgb.len() != w * h * 3 || w < INPUT_W || h < INPUT_H {
        return Err(format!("the face detector needs an RGB image of at least {INPUT_W}x{INPUT_H}"));
    }
    let outputs = net()?.run(input(rgb, w, h)).map_err(|e| format!("face detector: {e}"))?;
    if outputs.len() != 12 {
        return Err(format!("face detector: {} outputs, expected 12", outputs.len()));
    }
    let view = |i: usize| outputs[i].data.as_slice();
    let (sx, sy) = (w as f32 / INPUT_W as f32, h as f32 / INPUT_H as f32);
    let mut best: Option<Detection> = None;
    for (k, stride) in STRIDES.iter().enumerate() {
        let (cls, obj, bbox, kps) = (view(k), view(3 + k), view(6 + k), view(9 + k));
        let cols = INPUT_W / stride;
        let cells = cols * (INPUT_H / stride);
        if cls.len() < cells || obj.len() < cells || bbox.len() < cells * 4 || kps.len() < cells * 10 {
            return Err(format!("face detector: output of stride {stride} is too short"));
        }
        let s = *stride as f32;
        for idx in 0..cells {
            let score = (cls[idx].clamp(0.0, 1.0) * obj[idx].clamp(0.0, 1.0)).sqrt();
            if score < MIN_SCORE || best.is_some_and(|b| b.score >= score) {
                continue;
            }
            let (c, r) = ((idx % cols) as f32, (idx / cols) as f32);
            let b = &bbox[idx * 4..idx * 4 + 4];
            let (cx, cy) = ((c + b[0]) * s, (r + b[1]) * s);
            let (bw, bh) = (b[2].exp() * s, b[3].exp() * s);
            let mut landmarks = [[0f32; 2]; 5];
            for (n, p) in landmarks.iter_mut().enumerate() {
                *p = [(kps[idx * 10 + 2 * n] + c) * s * sx, (kps[idx * 10 + 2 * n + 1] + r) * s * sy];
            }
            best = Some(Detection {
                score,
                bbox: [(cx - bw / 2.0) * sx, (cy - bh / 2.0) * sy, bw * sx, bh * sy],
                landmarks,
            });
        }
    }
    Ok(best)
}
