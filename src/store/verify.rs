//! Preflight results in the store: one row per verification of a rendered part, never changed
//! afterwards, so the history of what was proved about a file stays.

use super::Tx;
use super::db::params;
use crate::error::Result;
use serde::Serialize;

/// One verification of one part, as recorded. `checked` and `failures` are JSON.
#[derive(Debug, Clone, Serialize)]
pub struct VerificationRecord {
    pub part: i64,
    /// SHA-256 of the file that was read.
    pub sha256: String,
    /// Whether every check passed (stored as `passed` or `failed`).
    pub passed: bool,
    pub checked: String,
    pub failures: String,
    pub verified_at: String,
    pub verified_by: String,
    /// Read back only: the part has been rendered again since (or is gone), so the verdict is
    /// about a file it no longer has.
    pub stale: bool,
}

impl Tx<'_> {
    /// Record a verification of the part's current render, whose recorded hash was
    /// `rendered_sha256` when the verification read it; refused when the part has been rendered
    /// again since into a different file.
    pub fn insert_verification(&self, job: i64, rendered_sha256: &str, v: &VerificationRecord) -> Result<bool> {
        let rendered_at: Option<String> = self.db.query_opt(
            "SELECT rendered_at FROM job_parts WHERE job_id = ?1 AND part = ?2 AND sha256 = ?3",
            params![job, v.part, rendered_sha256],
            |r| r.get(0),
        )?;
        let Some(rendered_at) = rendered_at else { return Ok(false) };
        self.db.execute(
            "INSERT INTO part_verifications (job_id, part, sha256, rendered_at, result, checked, failures, verified_at, verified_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![job, v.part, v.sha256, rendered_at, result_text(v.passed), v.checked, v.failures, v.verified_at, v.verified_by],
        )?;
        Ok(true)
    }

    /// The latest verification of each part of a job, by part.
    pub fn latest_verifications(&self, job: i64) -> Result<Vec<VerificationRecord>> {
        self.db.query_map(
            "SELECT v.part, v.sha256, v.result, v.checked, v.failures, v.verified_at, v.verified_by,
                    p.rendered_at IS NULL OR p.rendered_at <> v.rendered_at
             FROM part_verifications v LEFT JOIN job_parts p ON p.job_id = v.job_id AND p.part = v.part
             WHERE v.job_id = ?1 AND v.id = (SELECT max(id) FROM part_verifications w WHERE w.job_id = v.job_id AND w.part = v.part)
             ORDER BY v.part", params![job], |r| {
            Ok(VerificationRecord {
                part: r.get(0)?,
                sha256: r.get(1)?,
                passed: r.get::<String>(2)? == result_text(true),
                checked: r.get(3)?,
                failures: r.get(4)?,
                verified_at: r.get(5)?,
                verified_by: r.get(6)?,
                stale: r.get(7)?,
            })
        })
    }
}

/// How a verdict is kept in the `result` column.
fn result_text(passed: bool) -> &'static str {
    if passed { "passed" } else { "failed" }
}
