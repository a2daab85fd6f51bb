//! Finding collection-code (采集码) QR codes in pictures: phone photos and scans, rotated or a
//! little blurred. rqrr does the decoding; we only try it on a few sizes of the picture, because
//! a QR code photographed large or soft is often found once the picture is scaled down.

use super::bounds;
use crate::msg;
use image::{DynamicImage, GrayImage, imageops::FilterType};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// A 采集码 fills a good part of any usable picture; this many pixels on the long side read it.
const LONGEST: u32 = 1600;
/// How long one picture may be searched: a picture tiled with finder patterns sends the
/// decoder into a search that grows with their number.
pub const SEARCH_LIMIT: Duration = Duration::from_secs(15);
/// Searches that ran past their limit keep a core until they finish; no more than this many
/// run at once, so a handful of hostile pictures cannot take the whole computer.
const MAX_SEARCHES: usize = 2;

/// The texts of the QR codes found in an image file's bytes. The picture's size is read from
/// its header and refused before it is decoded when it is too large; it is decoded under
/// memory limits, scaled down to a size a 采集码 needs, and searched for a bounded time.
pub fn decode_image_bytes(bytes: &[u8]) -> Result<Vec<String>, String> {
    let unreadable = |e: image::ImageError| msg!("imp-qr-unreadable", error = e.to_string()).to_string();
    let reader = || {
        image::ImageReader::new(std::io::Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| msg!("imp-qr-unreadable", error = e.to_string()).to_string())
    };
    let (w, h) = reader()?.into_dimensions().map_err(unreadable)?;
    if w as u64 * h as u64 > bounds::MAX_PICTURE_PIXELS {
        return Err(msg!(
            "imp-qr-too-large",
            width = w.to_string(),
            height = h.to_string(),
            millions = (bounds::MAX_PICTURE_PIXELS / 1_000_000).to_string()
        )
        .to_string());
    }
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(bounds::MAX_PICTURE_PIXELS * 4);
    let mut r = reader()?;
    r.limits(limits);
    // The JPEG decoder asserts on some damaged streams (fuzzing found one): refused, not a crash.
    let img = bounds::without_panicking(|| r.decode())
        .unwrap_or_else(|| Err(image::ImageError::IoError(std::io::Error::other(crate::i18n::tr("table-damaged")))))
        .map_err(unreadable)?;
    let img = if w.max(h) > LONGEST { img.thumbnail(LONGEST, LONGEST) } else { img };
    let texts = search_bounded(img.to_luma8(), SEARCH_LIMIT)?;
    if texts.is_empty() {
        return Err(crate::i18n::tr("imp-qr-none"));
    }
    Ok(texts)
}

static RUNNING: (Mutex<usize>, Condvar) = (Mutex::new(0), Condvar::new());

/// Search a picture on its own thread and give up after `limit`.
fn search_bounded(gray: GrayImage, limit: Duration) -> Result<Vec<String>, String> {
    let busy = || crate::i18n::tr("imp-qr-busy");
    {
        let (lock, cv) = &RUNNING;
        let running = lock.lock().map_err(|_| busy())?;
        let (mut running, _) = cv.wait_timeout_while(running, limit, |n| *n >= MAX_SEARCHES).map_err(|_| busy())?;
        if *running >= MAX_SEARCHES {
            return Err(busy());
        }
        *running += 1;
    }
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let found = decode_picture(&DynamicImage::ImageLuma8(gray));
        let (lock, cv) = &RUNNING;
        if let Ok(mut n) = lock.lock() {
            *n -= 1;
        }
        cv.notify_one();
        let _ = tx.send(found);
    });
    rx.recv_timeout(limit).map_err(|_| msg!("imp-qr-timeout", seconds = limit.as_secs().to_string()).to_string())
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
    for target in [1000u32, 700, 450] {
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
