//! The audit log: who did what to which record, and when. Rows are only ever added; the
//! schema's triggers refuse any change or deletion.

use super::Tx;
use crate::error::Result;
use rusqlite::params;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub operator: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

impl Tx<'_> {
    /// Record one action. `subject` names the record (`request R12`, `school 10418`,
    /// `student <cjm>`); `detail` says what changed, in plain words.
    pub fn audit(&self, operator: &str, action: &str, subject: &str, detail: &str) -> Result<i64> {
        let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        self.tx.execute(
            "INSERT INTO audit (at, operator, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![at, operator, action, subject, detail],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    /// The entries about one subject (exactly), oldest first; all entries when `None`.
    pub fn audit_entries(&self, subject: Option<&str>) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.tx.prepare(
            "SELECT id, at, operator, action, subject, detail FROM audit WHERE ?1 IS NULL OR subject = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([subject], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                operator: r.get(2)?,
                action: r.get(3)?,
                subject: r.get(4)?,
                detail: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
