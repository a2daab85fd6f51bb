//! Finding collection-code (采集码) QR codes in pictures: phone photos and scans, rotated or a
//! little blurred. rqrr does the decoding; we only try it on a few sizes of the picture, because
//! a QR code photographed large or soft is often found once the picture is scaled down.

use image::{DynamicImage, GrayImage, imageops::FilterType};

/// The texts of the QR codes found in an image file's bytes.
pub fn decode_image_bytes(bytes: &[u8]) -> Result<Vec<String>, String> {
    let img = image::load_from_memory(bytes).map_err(|e| format!("not a readable PNG or JPEG picture: {e}"))?;
    let texts = decode_picture(&img);
    if texts.is_empty() {
        return Err("no QR code found in the picture".into());
    }
    Ok(texts)
}

fn try_decode(gray: GrayImage) -> Vec<String> {
    let mut prepared = rqrr::PreparedImage::prepare(gray);
    prepared.detect_grids().into_iter().filter_map(|g| g.decode().ok().map(|(_, text)| text)).collect()
}

/// Decode at full size, then at smaller sizes, stopping at the first that finds a code.
pub fn decode_picture(img: &DynamicImage) -> Vec<String> {
    let gray = img.to_luma8();
    let (w, h) = gray.dimensions();
    let longest = w.max(h);
    let mut sizes = vec![longest];
    for target in [1600u32, 1000, 700, 450] {
        if target < longest {
            sizes.push(target);
        }
    }
    for size in sizes {
        let candidate = if size == longest {
            gray.clone()
        } else {
            let scale = size as f32 / longest as f32;
            let (nw, nh) = (((w as f32) * scale).round() as u32, ((h as f32) * scale).round() as u32);
            image::imageops::resize(&gray, nw.max(1), nh.max(1), FilterType::Triangle)
        };
        let found = try_decode(stretch_contrast(candidate));
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// Spread the grey levels over the full range, so a washed-out photo binarises cleanly.
fn stretch_contrast(mut g: GrayImage) -> GrayImage {
    let (lo, hi) = g.pixels().fold((255u8, 0u8), |(lo, hi), p| (lo.min(p[0]), hi.max(p[0])));
    if hi > lo && (lo > 0 || hi < 255) {
        let span = (hi - lo) as u32;
        for p in g.pixels_mut() {
            p[0] = (((p[0] - lo) as u32 * 255) / span) as u8;
        }
    }
    g
}
