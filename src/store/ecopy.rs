//! Electronic copies in the store: a school's requests (one letter, one registered address),
//! the students frozen into each, and the numbered zip parts with what the mail server said
//! about each one. Also the school's registered e-mail addresses.

use super::Tx;
use super::db::{Row, params};
use super::now;
use crate::domain::ecopy::EcopyPartState;
use crate::error::Result;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct EcopyRequestRecord {
    pub id: i64,
    pub school: String,
    /// Classes asked for, `|`-separated; empty: the whole school.
    pub classes: String,
    pub naming: String,
    pub to_email: String,
    pub letter_ref: String,
    pub created_at: String,
    pub created_by: String,
}

/// What a new request records.
pub struct NewEcopyRequest<'a> {
    pub school: &'a str,
    pub classes: &'a str,
    pub naming: &'a str,
    pub to_email: &'a str,
    pub letter_ref: &'a str,
    pub created_by: &'a str,
}

/// One student of a request, as frozen when it was made.
#[derive(Debug, Clone, Serialize)]
pub struct EcopyStudent {
    pub position: i64,
    pub cjm: String,
    pub xh: String,
    pub xm: String,
    pub bh: String,
    #[serde(skip)]
    pub full_name: Option<String>,
    pub photo_sha256: String,
    pub file_name: String,
    pub part: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EcopyPartRecord {
    pub part: i64,
    pub parts: i64,
    pub photos: i64,
    pub bytes: i64,
    pub sha256: String,
    pub message_id: Option<String>,
    pub state: EcopyPartState,
    pub server_reply: String,
    pub attempts: i64,
    pub sent_at: Option<String>,
    pub sent_by: Option<String>,
}

/// A part as first packaged.
pub struct NewEcopyPart {
    pub part: i64,
    pub photos: i64,
    pub bytes: i64,
    pub sha256: String,
}

const REQUEST_COLUMNS: &str = "id, school_code, classes, naming, to_email, letter_ref, created_at, created_by";

fn request_row(r: &Row<'_>) -> Result<EcopyRequestRecord> {
    Ok(EcopyRequestRecord {
        id: r.get(0)?,
        school: r.get(1)?,
        classes: r.get(2)?,
        naming: r.get(3)?,
        to_email: r.get(4)?,
        letter_ref: r.get(5)?,
        created_at: r.get(6)?,
        created_by: r.get(7)?,
    })
}

impl Tx<'_> {
    // ----- a school's registered addresses ---------------------------------------------------

    pub fn add_school_email(&self, school: &str, email: &str) -> Result<()> {
        self.db.execute("INSERT INTO school_emails (school_code, email) VALUES (?1, ?2)", params![school, email])?;
        Ok(())
    }

    /// Remove an address, spelt as registered. Returns how many rows went.
    pub fn remove_school_email(&self, school: &str, email: &str) -> Result<usize> {
        self.db.execute("DELETE FROM school_emails WHERE school_code = ?1 AND email = ?2", params![school, email])
    }

    // ----- requests ----------------------------------------------------------------------------

    pub fn insert_ecopy_request(&self, r: &NewEcopyRequest) -> Result<i64> {
        self.db.insert(
            "INSERT INTO ecopy_requests (school_code, classes, naming, to_email, letter_ref, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
            params![r.school, r.classes, r.naming, r.to_email, r.letter_ref, now(), r.created_by],
        )
    }

    pub fn insert_ecopy_students(&self, request: i64, students: &[EcopyStudent]) -> Result<()> {
        let sql =
            "INSERT INTO ecopy_students (request_id, position, cjm, xh, xm, bh, full_name, photo_sha256, file_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
        for s in students {
            self.db.execute(
                sql,
                params![request, s.position, s.cjm, s.xh, s.xm, s.bh, s.full_name, s.photo_sha256, s.file_name],
            )?;
        }
        Ok(())
    }

    pub fn ecopy_request(&self, id: i64) -> Result<Option<EcopyRequestRecord>> {
        let sql = format!("SELECT {REQUEST_COLUMNS} FROM ecopy_requests WHERE id = ?1");
        self.db.query_opt(&sql, params![id], request_row)
    }

    /// Requests, newest first, optionally of one school.
    pub fn ecopy_requests(&self, school: Option<&str>) -> Result<Vec<EcopyRequestRecord>> {
        let sql = format!(
            "SELECT {REQUEST_COLUMNS} FROM ecopy_requests WHERE CAST(?1 AS TEXT) IS NULL OR school_code = ?1 ORDER BY id DESC"
        );
        self.db.query_map(&sql, params![school], request_row)
    }

    /// A request's students in their frozen order.
    pub fn ecopy_students(&self, request: i64) -> Result<Vec<EcopyStudent>> {
        self.db.query_map(
            "SELECT position, cjm, xh, xm, bh, full_name, photo_sha256, file_name, part FROM ecopy_students
             WHERE request_id = ?1 ORDER BY position",
            params![request],
            |r| {
                Ok(EcopyStudent {
                    position: r.get(0)?,
                    cjm: r.get(1)?,
                    xh: r.get(2)?,
                    xm: r.get(3)?,
                    bh: r.get(4)?,
                    full_name: r.get(5)?,
                    photo_sha256: r.get(6)?,
                    file_name: r.get(7)?,
                    part: r.get(8)?,
                })
            },
        )
    }

    pub fn ecopy_student_count(&self, request: i64) -> Result<i64> {
        self.db.query_one("SELECT count(*) FROM ecopy_students WHERE request_id = ?1", params![request], |r| r.get(0))
    }

    // ----- parts -------------------------------------------------------------------------------

    pub fn ecopy_parts(&self, request: i64) -> Result<Vec<EcopyPartRecord>> {
        self.db.query_map(
            "SELECT part, parts, photos, bytes, sha256, message_id, state, server_reply, attempts, sent_at, sent_by
             FROM ecopy_parts WHERE request_id = ?1 ORDER BY part",
            params![request],
            |r| {
                Ok(EcopyPartRecord {
                    part: r.get(0)?,
                    parts: r.get(1)?,
                    photos: r.get(2)?,
                    bytes: r.get(3)?,
                    sha256: r.get(4)?,
                    message_id: r.get(5)?,
                    state: r.get(6)?,
                    server_reply: r.get(7)?,
                    attempts: r.get(8)?,
                    sent_at: r.get(9)?,
                    sent_by: r.get(10)?,
                })
            },
        )
    }

    /// Fix how a request is split: each student's part (by position) and each part's zip,
    /// all pending. Done once, on the first send; later sends rebuild the same zips.
    pub fn insert_ecopy_parts(&self, request: i64, parts: &[NewEcopyPart], assignment: &[(i64, i64)]) -> Result<()> {
        let sql = "INSERT INTO ecopy_parts (request_id, part, parts, photos, bytes, sha256, state)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
        for p in parts {
            self.db.execute(
                sql,
                params![request, p.part, parts.len() as i64, p.photos, p.bytes, p.sha256, EcopyPartState::Pending],
            )?;
        }
        let sql = "UPDATE ecopy_students SET part = ?3 WHERE request_id = ?1 AND position = ?2";
        for (position, part) in assignment {
            self.db.execute(sql, params![request, position, part])?;
        }
        Ok(())
    }

    /// A try of a part begins: count it and record the Message-ID it goes out with.
    pub fn ecopy_part_attempt(&self, request: i64, part: i64, message_id: &str) -> Result<()> {
        self.db.execute(
            "UPDATE ecopy_parts SET attempts = attempts + 1, message_id = ?3 WHERE request_id = ?1 AND part = ?2",
            params![request, part, message_id],
        )?;
        Ok(())
    }

    /// The server's final answer about a part: `accepted` or `failed`, with its reply.
    pub fn ecopy_part_result(
        &self,
        request: i64,
        part: i64,
        state: EcopyPartState,
        reply: &str,
        by: &str,
    ) -> Result<()> {
        self.db.execute(
            "UPDATE ecopy_parts SET state = ?3, server_reply = ?4, sent_at = ?5, sent_by = ?6
             WHERE request_id = ?1 AND part = ?2",
            params![request, part, state, reply, now(), by],
        )?;
        Ok(())
    }
}
