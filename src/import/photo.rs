//! Checking a photo against the standard (教毕指〔2017〕99号) by its content, never its name:
//! a JPEG that decodes completely, 480x640, three colour components, no EXIF rotation. File
//! size outside 20-40 KB, a density other than 300 dpi or a quality factor under 60 are worth a
//! warning but not a refusal. The bytes are never changed.

use crate::i18n::Msg;
use crate::msg;
use sha2::{Digest, Sha256};

pub const WIDTH: u32 = 480;
pub const HEIGHT: u32 = 640;

/// What checking an acceptable photo found.
#[derive(Debug, Clone)]
pub struct PhotoFacts {
    pub sha256: String,
    pub bytes: usize,
    pub warnings: Vec<Msg>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// What the marker walk of a JPEG found.
#[derive(Debug, Default)]
struct Markers<'a> {
    width: u32,
    height: u32,
    components: u8,
    /// JFIF density: units (0 none, 1 dpi, 2 dots per cm), x, y.
    density: Option<(u8, u16, u16)>,
    exif: Option<&'a [u8]>,
    luma_quant: Option<[u16; 64]>,
    complete: bool,
}

fn kind_of(bytes: &[u8]) -> Msg {
    match bytes {
        [0x89, b'P', b'N', b'G', ..] => msg!("file-png"),
        [b'G', b'I', b'F', ..] => msg!("file-gif"),
        [b'B', b'M', ..] => msg!("file-bmp"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => msg!("file-webp"),
        [b'I', b'I', 42, 0, ..] | [b'M', b'M', 0, 42, ..] => msg!("file-tiff"),
        [b'%', b'P', b'D', b'F', ..] => msg!("file-pdf"),
        [b'P', b'K', 3, 4, ..] => msg!("file-zip"),
        _ => msg!("file-unknown"),
    }
}

fn walk(b: &[u8]) -> Result<Markers<'_>, Msg> {
    let mut m = Markers::default();
    let mut i = 2;
    let truncated = || msg!("photo-truncated");
    loop {
        // Skip fill bytes before a marker.
        while i < b.len() && b[i] == 0xFF && b.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if i + 1 >= b.len() {
            return Err(truncated());
        }
        if b[i] != 0xFF {
            return Err(msg!("photo-bad-marker", at = i));
        }
        let marker = b[i + 1];
        i += 2;
        match marker {
            0xD9 => {
                m.complete = true;
                return Ok(m);
            }
            0xD0..=0xD7 | 0x01 => continue,
            _ => {}
        }
        if i + 2 > b.len() {
            return Err(truncated());
        }
        let len = u16::from_be_bytes([b[i], b[i + 1]]) as usize;
        if len < 2 || i + len > b.len() {
            return Err(truncated());
        }
        let seg = &b[i + 2..i + len];
        match marker {
            0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF if seg.len() >= 6 => {
                m.height = u16::from_be_bytes([seg[1], seg[2]]) as u32;
                m.width = u16::from_be_bytes([seg[3], seg[4]]) as u32;
                m.components = seg[5];
            }
            0xE0 if seg.starts_with(b"JFIF\0") && seg.len() >= 12 => {
                m.density =
                    Some((seg[7], u16::from_be_bytes([seg[8], seg[9]]), u16::from_be_bytes([seg[10], seg[11]])));
            }
            0xE1 if seg.starts_with(b"Exif\0\0") => m.exif = Some(&seg[6..]),
            0xDB => read_quant(seg, &mut m),
            _ => {}
        }
        i += len;
        if marker == 0xDA {
            // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
            // The data is most of the file: jump from one 0xFF to the next.
            loop {
                match memchr::memchr(0xFF, &b[i..]) {
                    Some(at) => i += at,
                    None => return Err(truncated()),
                }
                if i + 1 >= b.len() {
                    return Err(truncated());
                }
                if b[i + 1] != 0x00 && !(0xD0..=0xD7).contains(&b[i + 1]) && b[i + 1] != 0xFF {
                    break;
                }
                i += 1;
            }
        }
    }
}

fn read_quant(seg: &[u8], m: &mut Markers<'_>) {
    let mut j = 0;
    while j < seg.len() {
        let (precision, id) = (seg[j] >> 4, seg[j] & 0x0F);
        let size = if precision == 0 { 64 } else { 128 };
        if j + 1 + size > seg.len() {
            return;
        }
        if id == 0 {
            let mut t = [0u16; 64];
            for (k, v) in t.iter_mut().enumerate() {
                *v = if precision == 0 {
                    seg[j + 1 + k] as u16
                } else {
                    u16::from_be_bytes([seg[j + 1 + 2 * k], seg[j + 2 + 2 * k]])
                };
            }
            m.luma_quant = Some(t);
        }
        j += 1 + size;
    }
}

/// The IJG luminance table in zig-zag order, as it appears in a DQT segment.
const IJG_LUMA_ZIGZAG: [u16; 64] = [
    16, 11, 12, 14, 12, 10, 16, 14, 13, 14, 18, 17, 16, 19, 24, 40, 26, 24, 22, 22, 24, 49, 35, 37, 29, 40, 58, 51, 61,
    60, 57, 51, 56, 55, 64, 72, 92, 78, 64, 68, 87, 69, 55, 56, 80, 109, 81, 87, 95, 98, 103, 104, 103, 62, 77, 113,
    121, 112, 100, 120, 92, 101, 103, 99,
];

/// The IJG quality factor a luminance table corresponds to (an estimate for other encoders).
fn estimated_quality(q: &[u16; 64]) -> u32 {
    let ratio: f64 = q.iter().zip(IJG_LUMA_ZIGZAG).map(|(&a, b)| a as f64 / b as f64).sum::<f64>() / 64.0;
    let scale = ratio * 100.0;
    let quality = if scale <= 100.0 { (200.0 - scale) / 2.0 } else { 5000.0 / scale };
    quality.round().clamp(1.0, 100.0) as u32
}

fn exif_orientation(exif: &[u8]) -> Option<u32> {
    let data = exif::Reader::new().read_raw(exif.to_vec()).ok()?;
    data.get_field(exif::Tag::Orientation, exif::In::PRIMARY)?.value.get_uint(0)
}

/// Check one photo. Err is the reason it is refused, in plain words.
pub fn check(bytes: &[u8]) -> Result<PhotoFacts, Msg> {
    check_decoded(bytes).map(|(facts, _)| facts)
}

/// Check one photo and keep its decoded pixels for the stages after this one (the photo check
/// against the standard's geometry, `super::face`).
pub fn check_decoded(bytes: &[u8]) -> Result<(PhotoFacts, image::RgbImage), Msg> {
    check_decoded_as(bytes, sha256_hex(bytes))
}

/// [`check_decoded`] for a photo whose SHA-256 the caller has already computed.
pub fn check_decoded_as(bytes: &[u8], sha256: String) -> Result<(PhotoFacts, image::RgbImage), Msg> {
    let facts = check_known(bytes, sha256)?;
    let pixels = image::load_from_memory_with_format(bytes, image::ImageFormat::Jpeg)
        .map_err(|e| msg!("photo-undecodable", detail = e.to_string()))?
        .into_rgb8();
    Ok((facts, pixels))
}

/// Check a new photo when its pixels are not wanted (the photo check is off, or knows this
/// photo's measure): what [`check_decoded_as`] proves, with the decoder's DCT scaling (1/8), so
/// every block of the entropy-coded data is read and checked but only its average is computed.
pub fn check_whole(bytes: &[u8], sha256: String) -> Result<PhotoFacts, Msg> {
    let facts = check_known(bytes, sha256)?;
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    let undecodable = |e: jpeg_decoder::Error| msg!("photo-undecodable", detail = e.to_string());
    decoder.scale((WIDTH / 8) as u16, (HEIGHT / 8) as u16).map_err(undecodable)?;
    decoder.decode().map_err(undecodable)?;
    Ok(facts)
}

/// Check a photo the store already holds, by its SHA-256: it decoded completely when it was
/// first stored, and the same bytes decode the same, so only what its markers say is read
/// again (the frame, the size, the rotation, and what the warnings need). A batch imported
/// again costs its reading and hashing, not a decode per photo.
pub fn check_known(bytes: &[u8], sha256: String) -> Result<PhotoFacts, Msg> {
    if bytes.is_empty() {
        return Err(msg!("photo-empty"));
    }
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(msg!("photo-not-jpeg", kind = kind_of(bytes)));
    }
    let m = walk(bytes)?;
    match m.components {
        3 => {}
        1 => return Err(msg!("photo-greyscale")),
        4 => return Err(msg!("photo-cmyk")),
        0 => return Err(msg!("photo-no-frame")),
        n => return Err(msg!("photo-components", n = n as i64)),
    }
    if (m.width, m.height) != (WIDTH, HEIGHT) {
        let (w, h) = (m.width as i64, m.height as i64);
        return Err(msg!("photo-size", width = w, height = h, want_width = WIDTH as i64, want_height = HEIGHT as i64));
    }
    if let Some(o) = m.exif.and_then(exif_orientation)
        && o != 1
    {
        return Err(msg!("photo-rotated", orientation = o as i64));
    }
    let mut warnings = Vec::new();
    let kb = bytes.len() as f64 / 1024.0;
    if !(20.0..=40.0).contains(&kb) {
        warnings.push(msg!("photo-file-size", kb = format!("{kb:.1}")));
    }
    match m.density {
        Some((1, 300, 300)) => {}
        Some((2, 118, 118)) => {}
        Some((units, x, y)) => {
            let unit = match units {
                1 => msg!("density-dpi"),
                2 => msg!("density-dpcm"),
                _ => msg!("density-no-unit"),
            };
            warnings.push(msg!("photo-density", x = x as i64, y = y as i64, unit = unit));
        }
        None => warnings.push(msg!("photo-no-density")),
    }
    if let Some(q) = m.luma_quant {
        let quality = estimated_quality(&q);
        if quality < 60 {
            warnings.push(msg!("photo-quality", quality = quality as i64));
        }
    }
    Ok(PhotoFacts { sha256, bytes: bytes.len(), warnings })
}

/// A photo whose markers are in order but whose Huffman table cannot be built: no decoder
/// gets through its scan.
#[cfg(test)]
pub(crate) fn undecodable(good: &[u8]) -> Vec<u8> {
    let mut bad = good.to_vec();
    let dht = bad.windows(2).position(|w| w == [0xFF, 0xC4]).expect("a DHT segment");
    // Length (2 bytes), class and id (1 byte), then 16 code counts: too many codes.
    bad[dht + 5..dht + 21].fill(0xFF);
    bad
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(w: u16, h: u16, q: u8, color: jpeg_encoder::ColorType) -> Vec<u8> {
        let channels = match color {
            jpeg_encoder::ColorType::Luma => 1,
            jpeg_encoder::ColorType::Cmyk => 4,
            _ => 3,
        };
        let px: Vec<u8> = (0..w as usize * h as usize * channels).map(|i| (i * 7 % 251) as u8).collect();
        let mut out = Vec::new();
        let mut enc = jpeg_encoder::Encoder::new(&mut out, q);
        enc.set_density(jpeg_encoder::PixelDensity::dpi(300));
        enc.encode(&px, w, h, color).unwrap();
        out
    }

    #[test]
    fn accepts_standard_and_names_what_is_wrong() {
        let ok = jpeg(480, 640, 90, jpeg_encoder::ColorType::Rgb);
        let facts = check(&ok).unwrap();
        assert_eq!(facts.sha256, sha256_hex(&ok));
        assert!(check(&jpeg(480, 640, 90, jpeg_encoder::ColorType::Cmyk)).unwrap_err().to_string().contains("CMYK"));
        assert!(
            check(&jpeg(480, 640, 90, jpeg_encoder::ColorType::Luma)).unwrap_err().to_string().contains("greyscale")
        );
        assert!(check(&jpeg(640, 480, 90, jpeg_encoder::ColorType::Rgb)).unwrap_err().to_string().contains("640x480"));
        assert!(check(&ok[..ok.len() / 2]).unwrap_err().to_string().contains("truncated"));
        assert!(check(&[]).unwrap_err().to_string().contains("empty"));
        assert!(check(b"\x89PNG\r\n\x1a\n....").unwrap_err().to_string().contains("PNG"));
    }

    #[test]
    fn a_stored_photo_is_checked_by_its_markers_without_decoding_it() {
        let good = jpeg(480, 640, 90, jpeg_encoder::ColorType::Rgb);
        let bad = undecodable(&good);
        let why = check(&bad).unwrap_err();
        assert_eq!(why.code(), "photo_undecodable", "{why}");
        // The store holds only photos that decoded whole; what it holds is known by its hash.
        let known = check_known(&bad, sha256_hex(&bad)).expect("read by its markers only");
        assert_eq!(known.sha256, sha256_hex(&bad));
        assert_eq!(check_whole(&bad, sha256_hex(&bad)).unwrap_err().code(), "photo_undecodable");
        assert!(check_whole(&good, sha256_hex(&good)).is_ok(), "a whole photo is whole at 1/8 too");
        // What the markers say is still checked.
        let wrong = jpeg(640, 480, 90, jpeg_encoder::ColorType::Rgb);
        assert_eq!(check_known(&wrong, sha256_hex(&wrong)).unwrap_err().code(), "photo_size");
    }

    #[test]
    fn estimates_low_quality() {
        let low = jpeg(480, 640, 30, jpeg_encoder::ColorType::Rgb);
        let w = check(&low).unwrap().warnings;
        assert!(w.iter().any(|w| w.to_string().contains("quality")), "{w:?}");
        let high = jpeg(480, 640, 85, jpeg_encoder::ColorType::Rgb);
        assert!(!check(&high).unwrap().warnings.iter().any(|w| w.to_string().contains("quality")));
    }
}
