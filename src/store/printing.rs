//! Printers and dispatches in the store: the printers the lab has set up, every file sent to a
//! printer with the printer's job id and the last state it reported, and sheet reprints with
//! who asked for them and why.

use super::Tx;
use super::db::{Row, params};
use super::now;
use crate::domain::printing::{Adjustment, PartState};
use crate::error::Result;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct PrinterRecord {
    #[serde(skip)]
    pub id: i64,
    pub name: String,
    pub ipp_uri: Option<String>,
    pub hot_folder: Option<String>,
    /// The correction applied to everything sent to it.
    #[serde(flatten)]
    pub adjustment: Adjustment,
    pub media: Option<String>,
    pub added_at: String,
    pub added_by: String,
}

const PRINTER_COLUMNS: &str =
    "id, name, ipp_uri, hot_folder, offset_x_mm, offset_y_mm, scale_pct, media, added_at, added_by";

fn printer_row(r: &Row) -> Result<PrinterRecord> {
    Ok(PrinterRecord {
        id: r.get(0)?,
        name: r.get(1)?,
        ipp_uri: r.get(2)?,
        hot_folder: r.get(3)?,
        adjustment: Adjustment { offset_x_mm: r.get(4)?, offset_y_mm: r.get(5)?, scale_pct: r.get(6)? },
        media: r.get(7)?,
        added_at: r.get(8)?,
        added_by: r.get(9)?,
    })
}

/// One file handed to a printer: a part of a job, or a reprint.
#[derive(Debug, Clone, Serialize)]
pub struct DispatchRecord {
    pub id: i64,
    #[serde(skip)]
    pub job_id: i64,
    pub part: Option<i64>,
    #[serde(skip)]
    pub reprint_id: Option<i64>,
    #[serde(skip)]
    pub printer_id: i64,
    pub printer: String,
    pub copies: i64,
    pub file: String,
    pub sha256: String,
    pub job_name: String,
    #[serde(skip)]
    pub file_stem: String,
    pub printer_job_id: Option<i64>,
    pub files: Vec<String>,
    pub state: PartState,
    pub state_message: String,
    pub forced: bool,
    pub sent_by: String,
    pub started_at: String,
    pub sent_at: Option<String>,
    pub checked_at: Option<String>,
}

/// What is known of a dispatch before it is sent.
pub struct NewDispatch<'a> {
    pub job_id: i64,
    pub part: Option<i64>,
    pub reprint_id: Option<i64>,
    pub printer_id: i64,
    pub copies: i64,
    pub file: &'a str,
    pub sha256: &'a str,
    pub forced: bool,
    pub sent_by: &'a str,
}

/// A reprint as it is recorded: who asked, why, and the file made.
pub struct NewReprint<'a> {
    pub job_id: i64,
    pub reason: &'a str,
    pub requested_by: &'a str,
    pub path: &'a str,
    pub bytes: i64,
    pub sha256: &'a str,
    /// Sheet row ids and the code scanned for each.
    pub sheets: &'a [(i64, String)],
}

#[derive(Debug, Clone, Serialize)]
pub struct ReprintRecord {
    pub id: i64,
    #[serde(skip)]
    pub job_id: i64,
    pub reason: String,
    pub requested_by: String,
    pub requested_at: String,
    pub path: String,
    pub bytes: i64,
    pub sha256: String,
    /// Sheet numbers within the job, and the code scanned for each.
    pub sheets: Vec<(i64, String)>,
}

impl Tx<'_> {
    pub fn insert_printer(&self, p: &PrinterRecord) -> Result<i64> {
        self.db.insert(
            "INSERT INTO printers (name, ipp_uri, hot_folder, offset_x_mm, offset_y_mm, scale_pct, media, added_at, added_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
            params![
                p.name,
                p.ipp_uri,
                p.hot_folder,
                p.adjustment.offset_x_mm,
                p.adjustment.offset_y_mm,
                p.adjustment.scale_pct,
                p.media,
                now(),
                p.added_by
            ],
        )
    }

    /// The printer of that name now in use (a removed one is not found).
    pub fn printer_named(&self, name: &str) -> Result<Option<PrinterRecord>> {
        let sql = format!("SELECT {PRINTER_COLUMNS} FROM printers WHERE name = ?1 AND removed_at IS NULL");
        self.db.query_opt(&sql, params![name], printer_row)
    }

    /// Any printer, removed or not, by row id.
    pub fn printer(&self, id: i64) -> Result<Option<PrinterRecord>> {
        let sql = format!("SELECT {PRINTER_COLUMNS} FROM printers WHERE id = ?1");
        self.db.query_opt(&sql, params![id], printer_row)
    }

    pub fn printers(&self) -> Result<Vec<PrinterRecord>> {
        let sql = format!("SELECT {PRINTER_COLUMNS} FROM printers WHERE removed_at IS NULL ORDER BY name");
        self.db.query_map(&sql, params![], printer_row)
    }

    pub fn update_printer(&self, id: i64, a: Adjustment, media: Option<&str>) -> Result<()> {
        self.db.execute(
            "UPDATE printers SET offset_x_mm = ?2, offset_y_mm = ?3, scale_pct = ?4, media = ?5 WHERE id = ?1",
            params![id, a.offset_x_mm, a.offset_y_mm, a.scale_pct, media],
        )?;
        Ok(())
    }

    pub fn remove_printer(&self, id: i64, by: &str) -> Result<()> {
        self.db.execute(
            "UPDATE printers SET removed_at = ?2, removed_by = ?3 WHERE id = ?1 AND removed_at IS NULL",
            params![id, now(), by],
        )?;
        Ok(())
    }

    /// Record a dispatch in state `sending`, before anything is sent; returns its id.
    pub fn insert_dispatch(&self, d: &NewDispatch) -> Result<i64> {
        self.db.insert(
            "INSERT INTO dispatches (job_id, part, reprint_id, printer_id, copies, file, sha256, job_name, file_stem,
                                     state, forced, sent_by, started_at, station)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '', '', ?11, ?8, ?9, ?10, ?12) RETURNING id",
            params![
                d.job_id,
                d.part,
                d.reprint_id,
                d.printer_id,
                d.copies,
                d.file,
                d.sha256,
                d.forced,
                d.sent_by,
                now(),
                PartState::Sending,
                self.station
            ],
        )
    }

    /// The names a dispatch goes under at the printer; they carry its id, so they are set
    /// once the id is known.
    pub fn name_dispatch(&self, id: i64, job_name: &str, file_stem: &str) -> Result<()> {
        self.db.execute(
            "UPDATE dispatches SET job_name = ?2, file_stem = ?3 WHERE id = ?1",
            params![id, job_name, file_stem],
        )?;
        Ok(())
    }

    /// The printer has the file.
    pub fn mark_sent(
        &self,
        id: i64,
        printer_job_id: Option<i64>,
        files: &[String],
        state: PartState,
        message: &str,
    ) -> Result<()> {
        let t = now();
        self.db.execute(
            "UPDATE dispatches SET printer_job_id = ?2, files = ?3, state = ?4, state_message = ?5, sent_at = ?6,
                    checked_at = ?6
             WHERE id = ?1",
            params![id, printer_job_id, files.join("\n"), state, message, t],
        )?;
        Ok(())
    }

    /// Forget a dispatch that never reached the printer.
    pub fn delete_unsent_dispatch(&self, id: i64) -> Result<()> {
        self.db.execute("DELETE FROM dispatches WHERE id = ?1 AND state = ?2", params![id, PartState::Sending])?;
        Ok(())
    }

    pub fn set_dispatch_state(&self, id: i64, state: PartState, message: &str) -> Result<()> {
        self.db.execute(
            "UPDATE dispatches SET state = ?2, state_message = ?3, checked_at = ?4 WHERE id = ?1",
            params![id, state, message, now()],
        )?;
        Ok(())
    }

    /// Every dispatch of a job, oldest first.
    pub fn dispatches(&self, job: i64) -> Result<Vec<DispatchRecord>> {
        self.db.query_map(
            "SELECT d.id, d.job_id, d.part, d.reprint_id, d.printer_id, p.name, d.copies, d.file, d.sha256, d.job_name,
                    d.file_stem, d.printer_job_id, d.files, d.state, d.state_message, d.forced, d.sent_by,
                    d.started_at, d.sent_at, d.checked_at
             FROM dispatches d JOIN printers p ON p.id = d.printer_id WHERE d.job_id = ?1 ORDER BY d.id",
            params![job],
            |r| {
                let files: String = r.get(12)?;
                Ok(DispatchRecord {
                    id: r.get(0)?,
                    job_id: r.get(1)?,
                    part: r.get(2)?,
                    reprint_id: r.get(3)?,
                    printer_id: r.get(4)?,
                    printer: r.get(5)?,
                    copies: r.get(6)?,
                    file: r.get(7)?,
                    sha256: r.get(8)?,
                    job_name: r.get(9)?,
                    file_stem: r.get(10)?,
                    printer_job_id: r.get(11)?,
                    files: files.lines().map(str::to_string).collect(),
                    state: r.get(13)?,
                    state_message: r.get(14)?,
                    forced: r.get(15)?,
                    sent_by: r.get(16)?,
                    started_at: r.get(17)?,
                    sent_at: r.get(18)?,
                    checked_at: r.get(19)?,
                })
            },
        )
    }

    /// When the job came out complete; `None` while any part has not.
    pub fn job_printed_at(&self, job: i64) -> Result<Option<String>> {
        Ok(self.db.query_opt("SELECT printed_at FROM jobs WHERE id = ?1", params![job], |r| r.get(0))?.flatten())
    }

    /// Mark the job printed (once; the first time it was found complete is kept).
    pub fn set_job_printed(&self, job: i64) -> Result<()> {
        self.db.execute("UPDATE jobs SET printed_at = ?2 WHERE id = ?1 AND printed_at IS NULL", params![job, now()])?;
        Ok(())
    }

    pub fn insert_reprint(&self, r: &NewReprint) -> Result<i64> {
        let id = self.db.insert(
            "INSERT INTO reprints (job_id, reason, requested_by, requested_at, path, bytes, sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
            params![r.job_id, r.reason, r.requested_by, now(), r.path, r.bytes, r.sha256],
        )?;
        for (sheet, scanned) in r.sheets {
            self.db.execute(
                "INSERT INTO reprint_sheets (reprint_id, sheet_id, scanned) VALUES (?1, ?2, ?3)",
                params![id, sheet, scanned],
            )?;
        }
        Ok(id)
    }

    /// Take back a reprint that never reached a printer.
    pub fn delete_reprint(&self, id: i64) -> Result<()> {
        self.db
            .execute("DELETE FROM dispatches WHERE reprint_id = ?1 AND state = ?2", params![id, PartState::Sending])?;
        self.db.execute("DELETE FROM reprint_sheets WHERE reprint_id = ?1", params![id])?;
        self.db.execute("DELETE FROM reprints WHERE id = ?1", params![id])?;
        Ok(())
    }

    pub fn reprints(&self, job: i64) -> Result<Vec<ReprintRecord>> {
        let mut reprints = self.db.query_map(
            "SELECT id, job_id, reason, requested_by, requested_at, path, bytes, sha256 FROM reprints
             WHERE job_id = ?1 ORDER BY id",
            params![job],
            |r| {
                Ok(ReprintRecord {
                    id: r.get(0)?,
                    job_id: r.get(1)?,
                    reason: r.get(2)?,
                    requested_by: r.get(3)?,
                    requested_at: r.get(4)?,
                    path: r.get(5)?,
                    bytes: r.get(6)?,
                    sha256: r.get(7)?,
                    sheets: Vec::new(),
                })
            },
        )?;
        for r in &mut reprints {
            r.sheets = self.db.query_map(
                "SELECT s.number, r.scanned FROM reprint_sheets r JOIN sheets s ON s.id = r.sheet_id
                 WHERE r.reprint_id = ?1 ORDER BY s.number",
                params![r.id],
                |x| Ok((x.get(0)?, x.get(1)?)),
            )?;
        }
        Ok(reprints)
    }

    /// The job a sheet belongs to, by the sheet's row id.
    pub fn sheet_job(&self, sheet: i64) -> Result<Option<i64>> {
        self.db.query_opt("SELECT job_id FROM sheets WHERE id = ?1", params![sheet], |r| r.get(0))
    }

    /// The job and sheets a student print (job-student row id) is on.
    pub fn student_print_sheets(&self, job_student: i64) -> Result<Option<(i64, Vec<i64>)>> {
        let Some(job) =
            self.db.query_opt("SELECT job_id FROM job_students WHERE id = ?1", params![job_student], |r| r.get(0))?
        else {
            return Ok(None);
        };
        let sheets = self.db.query_map(
            "SELECT s.sheet_id FROM sheet_slots s JOIN sheets h ON h.id = s.sheet_id
             WHERE s.job_student_id = ?1 GROUP BY s.sheet_id ORDER BY min(h.number)",
            params![job_student],
            |r| r.get(0),
        )?;
        Ok(Some((job, sheets)))
    }
}
