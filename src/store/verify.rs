//! Preflight results in the store: one row per verification of a rendered part, never changed
//! afterwards, so the history of what was proved about a file stays.

use super::Tx;
use crate::error::Result;
use rusqlite::params;
use serde::Serialize;

/// One verification of one part, as recorded. `checked` and `failures` are JSON.
#[derive(Debug, Clone, Serialize)]
pub struct VerificationRecord {
    pub part: i64,
    /// SHA-256 of the file that was read.
    pub sha256: String,
    /// `passed` or `failed`.
    pub result: String,
    pub checked: String,
    pub failures: String,
    pub verified_at: String,
    pub verified_by: String,
}

impl Tx<'_> {
    pub fn insert_verification(&self, job: i64, v: &VerificationRecord) -> Result<()> {
        self.tx.execute(
            "INSERT INTO part_verifications (job_id, part, sha256, result, checked, failures, verified_at, verified_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![job, v.part, v.sha256, v.result, v.checked, v.failures, v.verified_at, v.verified_by],
        )?;
        Ok(())
    }

    /// The latest verification of each part of a job, by part.
    pub fn latest_verifications(&self, job: i64) -> Result<Vec<VerificationRecord>> {
        let mut stmt = self.tx.prepare(
            "SELECT part, sha256, result, checked, failures, verified_at, verified_by FROM part_verifications v
             WHERE job_id = ?1 AND id = (SELECT max(id) FROM part_verifications w WHERE w.job_id = v.job_id AND w.part = v.part)
             ORDER BY part",
        )?;
        let rows = stmt.query_map([job], |r| {
            Ok(VerificationRecord {
                part: r.get(0)?,
                sha256: r.get(1)?,
                result: r.get(2)?,
                checked: r.get(3)?,
                failures: r.get(4)?,
                verified_at: r.get(5)?,
                verified_by: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
