//! `qr decode` and `qr parse`: read collection codes (采集码) from pictures or from the text a
//! 2D scanner types.

use super::Outcome;
use crate::domain::CollectionCode;
use crate::domain::collection_code::CodeError;
use crate::error::{Error, Result};
use crate::import::qr;
use crate::msg;
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
    CollectionCode::parse(text).map_err(|e| said(&e).into())
}

/// Why a text is not a collection code, in the reader's language.
fn said(e: &CodeError) -> crate::i18n::Msg {
    match e {
        CodeError::NotACode(why) => msg!("qr-not-a-code", why = why),
        CodeError::Missing(fields) => msg!("qr-missing", fields = fields.join(", ")),
        CodeError::Invalid(why) => msg!("qr-invalid", why = why),
    }
}

/// Find and parse the collection code in a picture.
pub fn decode_file(path: &Path) -> Result<CollectionCode> {
    let bytes = crate::import::bounds::read_file(
        path,
        crate::import::bounds::MAX_PICTURE_BYTES,
        crate::msg!("import-what-picture"),
    )?;
    let label = path.display().to_string();
    let texts =
        qr::decode_image_bytes(&bytes).map_err(|e| Error::from(msg!("qr-picture", file = &label, error = e)))?;
    let mut last = None;
    for t in &texts {
        match CollectionCode::parse(t) {
            Ok(c) => return Ok(c),
            Err(e) => last = Some(e),
        }
    }
    let e: crate::i18n::Arg = last.map(|e| said(&e).into()).unwrap_or_else(|| String::new().into());
    Err(msg!("qr-found-but", file = &label, error = e).into())
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
