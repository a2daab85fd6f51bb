//! The photo check in the store: each photo's measure, kept by the photo's SHA-256 with the
//! version of the measuring that made it (as JSON the import reads back), and the background
//! colour a school may require.

use super::db::{ToParam, params, placeholders};
use super::{Tx, now};
use crate::domain::school::BackgroundColour;
use crate::error::Result;
use std::collections::HashMap;

impl Tx<'_> {
    /// The stored measures (JSON) of these photos, of this `version`, by SHA-256: one query for
    /// a chunk of an import instead of one a photo.
    pub fn face_measures(&self, shas: &[&str], version: i64) -> Result<HashMap<String, String>> {
        if shas.is_empty() {
            return Ok(HashMap::new());
        }
        let sql = format!(
            "SELECT photo_sha256, measure FROM face_checks WHERE version = ?1 AND photo_sha256 IN ({})",
            placeholders(2, shas.len())
        );
        let mut params: Vec<&dyn ToParam> = vec![&version];
        params.extend(shas.iter().map(|s| s as &dyn ToParam));
        Ok(self.db.query_map(&sql, &params, |r| Ok((r.get(0)?, r.get(1)?)))?.into_iter().collect())
    }

    /// Keep a photo's measure (JSON), replacing one of another version.
    pub fn save_face_measure(&self, sha256: &str, version: i64, measure: &str) -> Result<()> {
        let at = now();
        self.db.execute(
            "INSERT INTO face_checks (photo_sha256, version, measure, checked_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (photo_sha256) DO UPDATE
             SET version = excluded.version, measure = excluded.measure, checked_at = excluded.checked_at",
            params![sha256, version, measure, at],
        )?;
        Ok(())
    }

    /// Require one background colour of a school's photos, or (None) any the standard allows.
    pub fn set_school_background(&self, code: &str, colour: Option<BackgroundColour>) -> Result<()> {
        self.db.execute(
            "UPDATE schools SET background = ?2 WHERE code = ?1",
            params![code, colour.map(BackgroundColour::as_str)],
        )?;
        Ok(())
    }
}
