//! Queries and changes, one method per question the services ask. Row mapping stays here so
//! the rest of the program sees only domain types.

use super::Tx;
use super::db::{Row, ToParam, params, placeholders};
use super::now;
use crate::domain::school::BackgroundColour;
use crate::domain::{RosterRow, School, SchoolCode, Student};
use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};

/// A student as stored: his fields, his current photo and the batch it came in.
#[derive(Debug, Clone, Serialize)]
pub struct StoredStudent {
    #[serde(flatten)]
    pub student: Student,
    pub photo_sha256: String,
    pub batch_id: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SchoolSummary {
    pub code: String,
    pub name: String,
    pub students: i64,
    pub classes: i64,
    pub has_roster: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct RosterInfo {
    pub id: i64,
    pub source: String,
    pub sheet: String,
    pub imported_at: String,
    pub rows: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct BatchRecord {
    pub id: i64,
    pub source: String,
    pub data_table: String,
    pub imported_at: String,
    pub accepted: i64,
    pub skipped: i64,
    pub rejected: i64,
}

const STUDENT_COLUMNS: &str =
    "cjm, school_code, xh, xm, bh, cc, xllb, zjhm4, sjc, shooting_seq, photo_sha256, batch_id";

fn stored_student(r: &Row<'_>) -> Result<StoredStudent> {
    let code: String = r.get(1)?;
    Ok(StoredStudent {
        student: Student {
            cjm: r.get(0)?,
            school: SchoolCode::parse(&code)
                .map_err(|e| super::DbError::Value { column: 1, problem: e.to_string() })?,
            xh: r.get(2)?,
            xm: r.get(3)?,
            bh: r.get(4)?,
            cc: r.get(5)?,
            xllb: r.get(6)?,
            zjhm4: r.get(7)?,
            sjc: r.get(8)?,
            shooting_seq: r.get(9)?,
        },
        photo_sha256: r.get(10)?,
        batch_id: r.get(11)?,
    })
}

/// A student's row as `insert_student` and `replace_student` write it, `?1` to `?13`.
fn student_values<'a>(
    s: &'a Student,
    photo: &'a &'a str,
    batch: &'a i64,
    at: &'a dyn ToParam,
) -> [&'a dyn ToParam; 13] {
    [&s.cjm, &s.school, &s.xh, &s.xm, &s.bh, &s.cc, &s.xllb, &s.zjhm4, &s.sjc, &s.shooting_seq, photo, batch, at]
}

impl Tx<'_> {
    // ----- schools -------------------------------------------------------------------------

    pub fn insert_school(&self, s: &School) -> Result<()> {
        if self.school(&s.code)?.is_some() {
            return Err(crate::msg!("school-already-registered", school = s.code.to_string()).into());
        }
        self.db.execute(
            "INSERT INTO schools (code, name, address, contact, phone, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![s.code.as_str(), s.name, s.address, s.contact, s.phone, now()],
        )?;
        for e in &s.emails {
            self.db.execute(
                "INSERT INTO school_emails (school_code, email) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                params![s.code.as_str(), e],
            )?;
        }
        Ok(())
    }

    pub fn school(&self, code: &SchoolCode) -> Result<Option<School>> {
        let row = self.db.query_opt(
            "SELECT name, address, contact, phone, background FROM schools WHERE code = ?1",
            params![code.as_str()],
            |r| Ok((r.get::<String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get::<Option<String>>(4)?)),
        )?;
        let Some((name, address, contact, phone, background)) = row else { return Ok(None) };
        // The column's CHECK admits only the names BackgroundColour parses.
        let background = background.and_then(|b| BackgroundColour::parse(&b).ok());
        let emails = self.db.query_map(
            "SELECT email FROM school_emails WHERE school_code = ?1 ORDER BY email",
            params![code.as_str()],
            |r| r.get(0),
        )?;
        Ok(Some(School { code: code.clone(), name, emails, address, contact, phone, background }))
    }

    pub fn schools(&self) -> Result<Vec<SchoolSummary>> {
        self.db.query_map(
            "SELECT s.code, s.name,
                    (SELECT count(*) FROM students WHERE school_code = s.code),
                    (SELECT count(DISTINCT bh) FROM students WHERE school_code = s.code),
                    EXISTS (SELECT 1 FROM rosters WHERE school_code = s.code AND superseded_at IS NULL)
             FROM schools s ORDER BY s.code",
            params![],
            |r| {
                Ok(SchoolSummary {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    students: r.get(2)?,
                    classes: r.get(3)?,
                    has_roster: r.get(4)?,
                })
            },
        )
    }

    /// Classes of a school with how many students each has.
    pub fn classes(&self, code: &SchoolCode) -> Result<Vec<(String, i64)>> {
        self.db.query_map(
            "SELECT bh, count(*) FROM students WHERE school_code = ?1 GROUP BY bh ORDER BY bh",
            params![code.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    // ----- photos and batches --------------------------------------------------------------

    pub fn insert_photo(&self, sha256: &str, bytes: usize) -> Result<()> {
        self.db.execute(
            "INSERT INTO photos (sha256, bytes, stored_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
            params![sha256, bytes as i64, now()],
        )?;
        Ok(())
    }

    /// A shared store's photo bytes (PostgreSQL keeps them in `photo_blobs`).
    pub fn insert_photo_bytes(&self, sha256: &str, bytes: &[u8]) -> Result<()> {
        self.db.execute(
            "INSERT INTO photo_blobs (sha256, bytes) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![sha256, bytes],
        )?;
        Ok(())
    }

    /// A photo's bytes from a shared store.
    pub fn photo_bytes(&self, sha256: &str) -> Result<Vec<u8>> {
        self.db
            .query_opt("SELECT bytes FROM photo_blobs WHERE sha256 = ?1", params![sha256], |r| r.get(0))?
            .ok_or_else(|| crate::Error::from(crate::msg!("photo-not-in-store", sha256 = sha256)))
    }

    /// Several photos' bytes from a shared store in one trip, each with its SHA-256; a hash
    /// the store does not have is simply not in the answer.
    pub fn photos_bytes(&self, shas: &[&str]) -> Result<Vec<(String, Vec<u8>)>> {
        if shas.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!("SELECT sha256, bytes FROM photo_blobs WHERE sha256 IN ({})", placeholders(1, shas.len()));
        let params: Vec<&dyn ToParam> = shas.iter().map(|s| s as &dyn ToParam).collect();
        self.db.query_map(&sql, &params, |r| Ok((r.get(0)?, r.get(1)?)))
    }

    /// A stored photo's size in bytes.
    pub fn photo_size(&self, sha256: &str) -> Result<u64> {
        let size: Option<i64> =
            self.db.query_opt("SELECT bytes FROM photos WHERE sha256 = ?1", params![sha256], |r| r.get(0))?;
        size.map(|n| n as u64).ok_or_else(|| crate::Error::from(crate::msg!("photo-not-in-store", sha256 = sha256)))
    }

    /// Every photo a row refers to: the files the photo store must keep.
    pub fn referenced_photos(&self) -> Result<HashSet<String>> {
        Ok(self.db.query_map("SELECT sha256 FROM photos", params![], |r| r.get(0))?.into_iter().collect())
    }

    pub fn insert_batch(&self, source: &str, data_table: &str, counts: [usize; 3]) -> Result<i64> {
        self.db.insert(
            "INSERT INTO batches (source, data_table, imported_at, accepted, skipped, rejected) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
            params![source, data_table, now(), counts[0] as i64, counts[1] as i64, counts[2] as i64],
        )
    }

    /// Batches that brought students of a school, newest first.
    pub fn batches_of_school(&self, code: &SchoolCode) -> Result<Vec<BatchRecord>> {
        self.db.query_map(
            "SELECT id, source, data_table, imported_at, accepted, skipped, rejected FROM batches
             WHERE id IN (SELECT batch_id FROM students WHERE school_code = ?1
                          UNION SELECT from_batch FROM photo_history h JOIN students s ON s.cjm = h.cjm WHERE s.school_code = ?1)
             ORDER BY id DESC", params![code.as_str()], |r| {
            Ok(BatchRecord {
                id: r.get(0)?,
                source: r.get(1)?,
                data_table: r.get(2)?,
                imported_at: r.get(3)?,
                accepted: r.get(4)?,
                skipped: r.get(5)?,
                rejected: r.get(6)?,
            })
        })
    }

    // ----- students ------------------------------------------------------------------------

    pub fn student(&self, cjm: &str) -> Result<Option<StoredStudent>> {
        let sql = format!("SELECT {STUDENT_COLUMNS} FROM students WHERE cjm = ?1");
        self.db.query_opt(&sql, params![cjm], stored_student)
    }

    /// The stored students among these codes, by code: an import's rows looked up a few
    /// hundred to a query instead of one a query.
    pub fn students(&self, cjms: &[&str]) -> Result<HashMap<String, StoredStudent>> {
        let mut out = HashMap::with_capacity(cjms.len());
        for chunk in cjms.chunks(500) {
            let sql = format!("SELECT {STUDENT_COLUMNS} FROM students WHERE cjm IN ({})", placeholders(1, chunk.len()));
            let params: Vec<&dyn ToParam> = chunk.iter().map(|s| s as &dyn ToParam).collect();
            for s in self.db.query_map(&sql, &params, stored_student)? {
                out.insert(s.student.cjm.clone(), s);
            }
        }
        Ok(out)
    }

    /// Codes of the students whose current photo is one of these, by photo: what an import
    /// warns about, asked 500 photos at a time instead of once a student.
    pub fn codes_with_photos(&self, shas: &[&str]) -> Result<HashMap<String, BTreeSet<String>>> {
        let mut out: HashMap<String, BTreeSet<String>> = HashMap::new();
        for chunk in shas.chunks(500) {
            let sql = format!(
                "SELECT photo_sha256, cjm FROM students WHERE photo_sha256 IN ({})",
                placeholders(1, chunk.len())
            );
            let params: Vec<&dyn ToParam> = chunk.iter().map(|s| s as &dyn ToParam).collect();
            let rows: Vec<(String, String)> = self.db.query_map(&sql, &params, |r| Ok((r.get(0)?, r.get(1)?)))?;
            for (sha, cjm) in rows {
                out.entry(sha).or_default().insert(cjm);
            }
        }
        Ok(out)
    }

    /// Codes of a school's students who have one of these student numbers, by number: as
    /// [`Tx::codes_with_photos`], 500 numbers at a time.
    pub fn codes_with_student_numbers(
        &self,
        school: &SchoolCode,
        numbers: &[&str],
    ) -> Result<HashMap<String, BTreeSet<String>>> {
        let mut out: HashMap<String, BTreeSet<String>> = HashMap::new();
        for chunk in numbers.chunks(500) {
            let sql = format!(
                "SELECT xh, cjm FROM students WHERE school_code = ?1 AND xh IN ({})",
                placeholders(2, chunk.len())
            );
            let code = school.as_str();
            let params: Vec<&dyn ToParam> =
                std::iter::once(&code as &dyn ToParam).chain(chunk.iter().map(|s| s as &dyn ToParam)).collect();
            let rows: Vec<(String, String)> = self.db.query_map(&sql, &params, |r| Ok((r.get(0)?, r.get(1)?)))?;
            for (xh, cjm) in rows {
                out.entry(xh).or_default().insert(cjm);
            }
        }
        Ok(out)
    }

    /// Codes of a school's students who have this student number.
    pub fn codes_with_student_number(&self, school: &SchoolCode, xh: &str) -> Result<Vec<String>> {
        self.db.query_map(
            "SELECT cjm FROM students WHERE school_code = ?1 AND xh = ?2 ORDER BY cjm",
            params![school.as_str(), xh],
            |r| r.get(0),
        )
    }

    /// Codes of the students whose current photo is this one.
    pub fn codes_with_photo(&self, sha256: &str) -> Result<Vec<String>> {
        self.db
            .query_map("SELECT cjm FROM students WHERE photo_sha256 = ?1 ORDER BY cjm", params![sha256], |r| r.get(0))
    }

    /// A school's students, optionally only some classes, in no particular order.
    pub fn students_of_school(&self, school: &SchoolCode, classes: &[String]) -> Result<Vec<StoredStudent>> {
        let sql = format!("SELECT {STUDENT_COLUMNS} FROM students WHERE school_code = ?1");
        let mut out = self.db.query_map(&sql, params![school.as_str()], stored_student)?;
        if !classes.is_empty() {
            out.retain(|s| classes.contains(&s.student.bh));
        }
        Ok(out)
    }

    pub fn insert_student(&self, s: &Student, photo_sha256: &str, batch_id: i64) -> Result<()> {
        self.db.execute(
            "INSERT INTO students (cjm, school_code, xh, xm, bh, cc, xllb, zjhm4, sjc, shooting_seq, photo_sha256, batch_id, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            &student_values(s, &photo_sha256, &batch_id, &now()),
        )?;
        Ok(())
    }

    /// Give a student a new photo (and the fields that came with it); the old photo goes to
    /// the history, never away.
    pub fn replace_student(&self, s: &Student, photo_sha256: &str, batch_id: i64) -> Result<()> {
        let old =
            self.student(&s.cjm)?.ok_or_else(|| Error::from(crate::msg!("student-not-found", cjm = s.cjm.as_str())))?;
        self.db.execute("INSERT INTO photo_history (cjm, photo_sha256, from_batch, replaced_by, replaced_at) VALUES (?1, ?2, ?3, ?4, ?5)", params![s.cjm, old.photo_sha256, old.batch_id, batch_id, now()])?;
        self.db.execute(
            "UPDATE students SET school_code = ?2, xh = ?3, xm = ?4, bh = ?5, cc = ?6, xllb = ?7, zjhm4 = ?8, sjc = ?9,
                        shooting_seq = ?10, photo_sha256 = ?11, batch_id = ?12, updated_at = ?13 WHERE cjm = ?1",
            &student_values(s, &photo_sha256, &batch_id, &now()),
        )?;
        Ok(())
    }

    /// (school, collection time) of every student in no job yet.
    pub fn students_in_no_job(&self) -> Result<Vec<(String, Option<i64>)>> {
        self.db.query_map(
            "SELECT school_code, sjc FROM students s WHERE NOT EXISTS (SELECT 1 FROM job_students WHERE cjm = s.cjm)",
            params![],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    // ----- rosters -------------------------------------------------------------------------

    /// Store a new roster for a school; the one it replaces is kept, marked superseded. A row
    /// kept from an earlier roster names it in `origins` (None: the row is this file's).
    pub fn insert_roster(
        &self,
        school: &SchoolCode,
        source: &str,
        sheet: &str,
        rows: &[RosterRow],
        origins: &[Option<i64>],
    ) -> Result<i64> {
        let t = now();
        self.db.execute(
            "UPDATE rosters SET superseded_at = ?2 WHERE school_code = ?1 AND superseded_at IS NULL",
            params![school.as_str(), t],
        )?;
        let id = self.db.insert(
            "INSERT INTO rosters (school_code, source, sheet, imported_at) VALUES (?1, ?2, ?3, ?4) RETURNING id",
            params![school.as_str(), source, sheet, t],
        )?;
        let sql = "INSERT INTO roster_rows (roster_id, position, source_row, cjm, xh, full_name, id_last4, bh, department, major,
                                      from_roster)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
        for (i, r) in rows.iter().enumerate() {
            let origin = origins.get(i).copied().flatten();
            self.db.execute(
                sql,
                params![
                    id,
                    (i + 1) as i64,
                    r.source_row as i64,
                    r.cjm,
                    r.xh,
                    r.full_name,
                    r.id_last4,
                    r.bh,
                    r.department,
                    r.major,
                    origin
                ],
            )?;
        }
        Ok(id)
    }

    /// The roster each row of a roster came from, in row order: the roster itself, or the
    /// earlier one a row was kept from when a later file covered other classes only.
    pub fn roster_row_origins(&self, roster: i64) -> Result<Vec<i64>> {
        self.db.query_map(
            "SELECT coalesce(from_roster, roster_id) FROM roster_rows WHERE roster_id = ?1 ORDER BY position",
            params![roster],
            |r| r.get(0),
        )
    }

    /// When a roster was imported.
    pub fn roster_imported_at(&self, roster: i64) -> Result<Option<String>> {
        self.db.query_opt("SELECT imported_at FROM rosters WHERE id = ?1", params![roster], |r| r.get(0))
    }

    /// The school's current roster, rows in roster order.
    pub fn current_roster(&self, school: &SchoolCode) -> Result<Option<(RosterInfo, Vec<RosterRow>)>> {
        let info = self.db.query_opt(
            "SELECT r.id, r.source, r.sheet, r.imported_at, (SELECT count(*) FROM roster_rows WHERE roster_id = r.id)
                 FROM rosters r WHERE school_code = ?1 AND superseded_at IS NULL",
            params![school.as_str()],
            |r| {
                Ok(RosterInfo {
                    id: r.get(0)?,
                    source: r.get(1)?,
                    sheet: r.get(2)?,
                    imported_at: r.get(3)?,
                    rows: r.get(4)?,
                })
            },
        )?;
        let Some(info) = info else { return Ok(None) };
        let rows = self.db.query_map(
            "SELECT source_row, cjm, xh, full_name, id_last4, bh, department, major FROM roster_rows
             WHERE roster_id = ?1 ORDER BY position",
            params![info.id],
            |r| {
                Ok(RosterRow {
                    source_row: r.get::<i64>(0)? as usize,
                    cjm: r.get(1)?,
                    xh: r.get(2)?,
                    full_name: r.get(3)?,
                    id_last4: r.get(4)?,
                    bh: r.get(5)?,
                    department: r.get(6)?,
                    major: r.get(7)?,
                })
            },
        )?;
        Ok(Some((info, rows)))
    }

    /// How many rosters a school has had, current and superseded.
    pub fn roster_count(&self, school: &SchoolCode) -> Result<i64> {
        self.db.query_one("SELECT count(*) FROM rosters WHERE school_code = ?1", params![school.as_str()], |r| r.get(0))
    }
}
