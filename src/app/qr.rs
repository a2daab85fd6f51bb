//! `qr decode` and `qr parse`: read collection codes (采集码) from pictures or from the text a
//! 2D scanner types.

use super::Outcome;
use crate::domain::CollectionCode;
use crate::error::{Error, Result};
use crate::import::qr;
use serde::Serialize;
use std::path::Path;

#[derive(Debug, Serialize)]
pub struct Decoded {
    pub file: String,
    pub code: Option<CollectionCode>,
    pub error: Option<String>,
}

/// Parse the text of a collection code.
pub fn parse(text: &str) -> Result<CollectionCode> {
    CollectionCode::parse(text).map_err(|e| Error::input(e.to_string()))
}

/// Find and parse the collection code in a picture.
pub fn decode_file(path: &Path) -> Result<CollectionCode> {
    let bytes = crate::import::bounds::read_file(path, crate::import::bounds::MAX_PICTURE_BYTES, "the picture")?;
    let label = path.display();
    let texts = qr::decode_image_bytes(&bytes).map_err(|e| Error::input(format!("{label}: {e}")))?;
    let mut last = None;
    for t in &texts {
        match CollectionCode::parse(t) {
            Ok(c) => return Ok(c),
            Err(e) => last = Some(e),
        }
    }
    let e = last.map(|e| e.to_string()).unwrap_or_default();
    Err(Error::input(format!("{label}: a QR code was found, but {e}")))
}

/// Done when every picture gave a code, partly when some did, nothing when none did.
pub fn outcome(decoded: &[Decoded]) -> Outcome {
    let failed = decoded.iter().filter(|d| d.error.is_some()).count();
    Outcome::of(decoded.len() - failed, failed)
}

/// Decode several pictures; each gets its code or the reason it has none.
pub fn decode_files(paths: &[impl AsRef<Path>]) -> Vec<Decoded> {
    paths
        .iter()
        .map(|p| {
            let p = p.as_ref();
            match decode_file(p) {
                Ok(code) => Decoded { file: p.display().to_string(), code: Some(code), error: None },
                Err(e) => Decoded { file: p.display().to_string(), code: None, error: Some(e.to_string()) },
            }
        })
        .collect()
}
