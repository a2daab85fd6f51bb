//! The photo check in the store: each photo's measure, kept by the photo's SHA-256 with the
//! version of the measuring that made it (as JSON the import reads back), and the background
//! colour a school may require.

use super::db::params;
use super::{Tx, now};
use crate::domain::school::BackgroundColour;
use crate::error::Result;

impl Tx<'_> {
    /// The stored measure (JSON) of a photo, if one of this `version` was made.
    pub fn face_measure(&self, sha256: &str, version: i64) -> Result<Option<String>> {
        self.db.query_opt(
            "SELECT measure FROM face_checks WHERE photo_sha256 = ?1 AND version = ?2",
            params![sha256, version],
            |r| r.get(0),
        )
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
