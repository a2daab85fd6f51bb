//! The audit log: who did what to which record, and when, as declared (the operator) and as
//! the computer knows it (the OS account). Rows are only ever added; the schema's triggers
//! refuse any change or deletion, each row's hash chains it to the one before
//! (`domain::audit_chain`), and a missing trigger is put back when the store is opened.

use super::db::params;
use super::{Tx, now};
use crate::domain::audit_chain::{self, Link};
use crate::domain::privacy;
use crate::error::Result;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub operator: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
    /// The station (computer) it was done at.
    pub station: String,
}

impl Tx<'_> {
    /// Record one action. `subject` names the record (`request R12`, `school 10418`,
    /// `student <cjm>`); `detail` says what changed, in plain words.
    pub fn audit(&self, operator: &str, action: &str, subject: &str, detail: &str) -> Result<i64> {
        let at = now();
        let (prev_id, prev_hash): (i64, String) = self
            .db
            .query_opt("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", params![], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .unwrap_or((0, String::new()));
        let mut link = Link {
            id: prev_id + 1,
            at,
            operator: operator.to_string(),
            os_account: os_account(),
            action: action.to_string(),
            subject: privacy::redact(subject).into_owned(),
            detail: privacy::redact(detail).into_owned(),
            station: self.station.clone(),
            hash: String::new(),
        };
        link.hash = audit_chain::hash(&prev_hash, &link);
        self.db.execute(
            "INSERT INTO audit (id, at, operator, os_account, action, subject, detail, hash, station) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                link.id,
                link.at,
                link.operator,
                link.os_account,
                link.action,
                link.subject,
                link.detail,
                link.hash,
                link.station
            ],
        )?;
        Ok(link.id)
    }

    /// Audit entries with ids above `after`, oldest first, as the chain sees them.
    pub fn audit_links(&self, after: i64) -> Result<Vec<Link>> {
        self.db.query_map(
            "SELECT id, at, operator, os_account, action, subject, detail, hash, station FROM audit WHERE id > ?1 ORDER BY id",
            params![after],
            |r| {
                Ok(Link {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    operator: r.get(2)?,
                    os_account: r.get(3)?,
                    action: r.get(4)?,
                    subject: r.get(5)?,
                    detail: r.get(6)?,
                    hash: r.get(7)?,
                    station: r.get(8)?,
                })
            },
        )
    }

    /// The id and hash of the entry `n` places before the last, to start a short walk from.
    pub fn audit_mark(&self, n: i64) -> Result<Option<(i64, String)>> {
        self.db.query_opt("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1 OFFSET ?1", params![n], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
    }

    /// Put back any trigger that keeps the log append-only; returns the names put back.
    pub fn restore_audit_guards(&self) -> Result<Vec<&'static str>> {
        let mut restored = Vec::new();
        let guards = if self.db.is_postgres() { super::pg_schema::AUDIT_GUARDS } else { super::schema::AUDIT_GUARDS };
        for (name, sql) in guards {
            if !self.db.has_trigger(name)? {
                self.db.batch(sql)?;
                restored.push(*name);
            }
        }
        Ok(restored)
    }

    /// The entries about one subject (exactly), oldest first; all entries when `None`.
    pub fn audit_entries(&self, subject: Option<&str>) -> Result<Vec<AuditEntry>> {
        self.db.query_map(
            "SELECT id, at, operator, action, subject, detail, station FROM audit WHERE CAST(?1 AS TEXT) IS NULL OR subject = ?1 ORDER BY id",
            params![subject],
            |r| {
                Ok(AuditEntry {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    operator: r.get(2)?,
                    action: r.get(3)?,
                    subject: r.get(4)?,
                    detail: r.get(5)?,
                    station: r.get(6)?,
                })
            },
        )
    }
}

/// The account the program runs under, as the computer knows it: the name the session gives
/// and the numeric user id, which an operator cannot choose.
fn os_account() -> String {
    let name = std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).or_else(|_| std::env::var("USERNAME"));
    #[cfg(unix)]
    {
        // SAFETY: getuid cannot fail and has no side effects.
        let uid = unsafe { libc::getuid() };
        match name {
            Ok(n) => format!("{n} (uid {uid})"),
            Err(_) => format!("uid {uid}"),
        }
    }
    #[cfg(not(unix))]
    name.unwrap_or_else(|_| "unknown".into())
}
