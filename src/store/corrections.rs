//! Corrections (勘误) in the store: the corrected field written on the student, the
//! correction kept with its old and new values and where it came from, the student's
//! needs-reprint flag, and which reprint job redid his prints. No rules here: which fields may
//! change and what a value must look like is `domain::correction`'s business.

use super::Tx;
use super::db::params;
use super::now;
use crate::domain::SchoolCode;
use crate::domain::student::Field;
use crate::error::Result;
use serde::Serialize;

/// The students column a strip field is stored in; other fields have no business here.
fn column(field: Field) -> Result<&'static str> {
    match field {
        Field::Xh => Ok("xh"),
        Field::Xm => Ok("xm"),
        Field::Bh => Ok("bh"),
        Field::Cc => Ok("cc"),
        Field::Xllb => Ok("xllb"),
        other => Err(crate::msg!("correction-field-fixed", field = other.label()).into()),
    }
}

/// A correction to store, already checked.
#[derive(Debug, Clone)]
pub struct NewCorrection<'a> {
    pub cjm: &'a str,
    pub school: &'a SchoolCode,
    pub field: Field,
    pub old_value: &'a str,
    pub new_value: &'a str,
    /// `cli`, or `FILE row N` for a row of a correction table.
    pub source: &'a str,
    pub applied_by: &'a str,
}

/// What a correction changed, as the desk shows it once applied and in the list later.
#[derive(Debug, Clone, Serialize)]
pub struct Correction {
    pub id: i64,
    pub school: String,
    pub cjm: String,
    /// The student's 学号 now (after this and any later correction).
    pub xh: String,
    pub field: String,
    pub old_value: String,
    pub new_value: String,
    /// `cli`, `FILE row N`, or the window and its station.
    pub source: String,
}

/// A stored correction, with the student's current 学号.
#[derive(Debug, Clone, Serialize)]
pub struct CorrectionRecord {
    #[serde(flatten)]
    pub correction: Correction,
    pub applied_at: String,
    pub applied_by: String,
    pub reprint_job_id: Option<i64>,
    /// The student had printed photos when this was applied and no reprint job redid them yet.
    pub awaiting_reprint: bool,
}

/// A correction asks for a reprint when the student was already in a job when it was applied.
const PRINTED_BEFORE: &str = "EXISTS (SELECT 1 FROM job_students js JOIN jobs j ON j.id = js.job_id
                                  WHERE js.cjm = c.cjm AND j.created_at <= c.applied_at)";

impl Tx<'_> {
    /// Write a corrected value onto the student.
    pub fn set_student_field(&self, cjm: &str, field: Field, value: &str) -> Result<()> {
        let sql = format!("UPDATE students SET {} = ?2, updated_at = ?3 WHERE cjm = ?1", column(field)?);
        let n = self.db.execute(&sql, params![cjm, value, now()])?;
        if n != 1 {
            return Err(crate::msg!("student-not-found", cjm = cjm).into());
        }
        Ok(())
    }

    pub fn insert_correction(&self, c: &NewCorrection<'_>) -> Result<i64> {
        self.db.insert(
            "INSERT INTO corrections (cjm, school_code, field, old_value, new_value, source, applied_at, applied_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
            params![
                c.cjm,
                c.school.as_str(),
                column(c.field)?,
                c.old_value,
                c.new_value,
                c.source,
                now(),
                c.applied_by
            ],
        )
    }

    /// Whether the student has been put into any job (has printed photos).
    pub fn student_in_any_job(&self, cjm: &str) -> Result<bool> {
        self.db.query_one("SELECT EXISTS (SELECT 1 FROM job_students WHERE cjm = ?1)", params![cjm], |r| r.get(0))
    }

    pub fn set_needs_reprint(&self, cjm: &str, needs: bool) -> Result<()> {
        self.db.execute("UPDATE students SET needs_reprint = ?2 WHERE cjm = ?1", params![cjm, needs])?;
        Ok(())
    }

    /// Collection codes of a school's students whose printed photos need redoing.
    pub fn students_needing_reprint(&self, school: &SchoolCode) -> Result<Vec<String>> {
        self.db.query_map(
            "SELECT cjm FROM students WHERE school_code = ?1 AND needs_reprint = 1 ORDER BY cjm",
            params![school.as_str()],
            |r| r.get(0),
        )
    }

    /// The reprint job `job` redoes these students' prints: clear their flags, and record the
    /// job on each of their corrections that was waiting for it. Returns how many corrections.
    pub fn record_reprint_job(&self, job: i64, cjms: &[String]) -> Result<usize> {
        let clear = "UPDATE students SET needs_reprint = 0 WHERE cjm = ?1";
        let mark = "UPDATE corrections AS c SET reprint_job_id = ?1
             WHERE c.cjm = ?2 AND c.reprint_job_id IS NULL
               AND EXISTS (SELECT 1 FROM job_students js JOIN jobs j ON j.id = js.job_id
                           WHERE js.cjm = c.cjm AND j.id <> ?1 AND j.created_at <= c.applied_at)";
        let mut n = 0;
        for cjm in cjms {
            self.db.execute(clear, params![cjm])?;
            n += self.db.execute(mark, params![job, cjm])?;
        }
        Ok(n)
    }

    /// Corrections, oldest first; only one school's when given.
    pub fn corrections(&self, school: Option<&SchoolCode>) -> Result<Vec<CorrectionRecord>> {
        let sql = format!(
            "SELECT c.id, c.school_code, c.cjm, s.xh, c.field, c.old_value, c.new_value, c.source, c.applied_at,
                    c.applied_by, c.reprint_job_id, c.reprint_job_id IS NULL AND {PRINTED_BEFORE}
             FROM corrections c JOIN students s ON s.cjm = c.cjm
             WHERE CAST(?1 AS TEXT) IS NULL OR c.school_code = ?1
             ORDER BY c.id"
        );
        self.db.query_map(&sql, params![school.map(SchoolCode::as_str)], |r| {
            Ok(CorrectionRecord {
                correction: Correction {
                    id: r.get(0)?,
                    school: r.get(1)?,
                    cjm: r.get(2)?,
                    xh: r.get(3)?,
                    field: r.get(4)?,
                    old_value: r.get(5)?,
                    new_value: r.get(6)?,
                    source: r.get(7)?,
                },
                applied_at: r.get(8)?,
                applied_by: r.get(9)?,
                reprint_job_id: r.get(10)?,
                awaiting_reprint: r.get(11)?,
            })
        })
    }
}
