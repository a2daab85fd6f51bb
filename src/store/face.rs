//! The photo check in the store: each photo's measure, kept by the photo's SHA-256 with the
//! version of the measuring that made it (as JSON the import reads back), and the background
//! colour a school may require.

use super::{Tx, now};
use crate::domain::school::BackgroundColour;
use crate::error::Result;
use rusqlite::{OptionalExtension, params};

impl Tx<'_> {
    /// The stored measure (JSON) of a photo, if one of this `version` was made.
    pub fn face_measure(&self, sha256: &str, version: i64) -> Result<Option<String>> {
        let mut stmt =
            self.tx.prepare_cached("SELECT measure FROM face_checks WHERE photo_sha256 = ?1 AND version = ?2")?;
        Ok(stmt.query_row(params![sha256, version], |r| r.get(0)).optional()?)
    }

    /// Keep a photo's measure (JSON), replacing one of another version.
    pub fn save_face_measure(&self, sha256: &str, version: i64, measure: &str) -> Result<()> {
        let at = now();
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO face_checks (photo_sha256, version, measure, checked_at) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![sha256, version, measure, at])?;
        Ok(())
    }

    /// Require one background colour of a school's photos, or (None) any the standard allows.
    pub fn set_school_background(&self, code: &str, colour: Option<BackgroundColour>) -> Result<()> {
        self.tx.execute(
            "UPDATE schools SET background = ?2 WHERE code = ?1",
            params![code, colour.map(BackgroundColour::as_str)],
        )?;
        Ok(())
    }
}
