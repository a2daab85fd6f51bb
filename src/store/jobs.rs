//! Print jobs in the store: the job with its frozen layout, its packets (one per class), its
//! frozen students in print order, its planned sheets and the PDF parts rendered from them.

use super::Tx;
use super::db::params;
use super::now;
use super::states::sql_list;
use crate::domain::PrintedStudent;
use crate::domain::job::{JobPurpose, SheetContent};
use crate::domain::printing::PartState;
use crate::domain::shipment::ShipmentState as S;
use crate::error::Result;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct JobRecord {
    pub id: i64,
    pub school: String,
    pub layout_name: String,
    #[serde(skip)]
    pub layout_toml: String,
    pub created_at: String,
    pub created_by: String,
}

/// A job with the counts the job list and the due report need.
#[derive(Debug, Clone, Serialize)]
pub struct JobSummary {
    pub id: i64,
    pub school: String,
    pub layout_name: String,
    pub created_at: String,
    pub purpose: JobPurpose,
    pub students: i64,
    pub sheets: i64,
    /// Latest collection time (ms since the epoch) of the job's students.
    pub latest_sjc: Option<i64>,
    pub printed_at: Option<String>,
    pub parts: i64,
    pub packets: i64,
    /// Packets scanned into a shipment that has not come back.
    pub packed: i64,
    /// Packets in a shipment that has left (shipped or delivered).
    pub shipped: i64,
    pub delivered: i64,
}

/// A job to record.
#[derive(Debug, Clone)]
pub struct NewJob<'a> {
    pub school: &'a str,
    pub layout_name: &'a str,
    pub layout_toml: &'a str,
    pub created_by: &'a str,
    pub purpose: JobPurpose,
    pub again_reason: Option<&'a str>,
}

/// A student as frozen into a job: exactly what its sheets print.
#[derive(Debug, Clone, Serialize)]
pub struct JobStudent {
    /// Row id; the student-print barcode is made from it.
    pub id: i64,
    pub position: i64,
    pub packet_id: i64,
    #[serde(flatten)]
    pub student: PrintedStudent,
}

#[derive(Debug, Clone, Serialize)]
pub struct PacketRecord {
    pub id: i64,
    pub position: i64,
    pub bh: String,
    pub students: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SheetRecord {
    pub id: i64,
    pub number: i64,
    pub kind: SheetContent,
    pub packet_id: i64,
    /// Job-student ids in slot order.
    pub students: Vec<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartRecord {
    pub part: i64,
    pub first_sheet: i64,
    pub last_sheet: i64,
    pub path: String,
    pub bytes: i64,
    pub sha256: String,
}

impl Tx<'_> {
    pub fn insert_job(&self, j: &NewJob<'_>) -> Result<i64> {
        self.db.insert(
            "INSERT INTO jobs (school_code, layout_name, layout_toml, created_at, created_by, purpose, again_reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
            params![j.school, j.layout_name, j.layout_toml, now(), j.created_by, j.purpose, j.again_reason],
        )
    }

    pub fn insert_packet(&self, job: i64, position: i64, bh: &str) -> Result<i64> {
        self.db.insert(
            "INSERT INTO packets (job_id, position, bh) VALUES (?1, ?2, ?3) RETURNING id",
            params![job, position, bh],
        )
    }

    /// Freeze one student into a job at `position` (1-based) in `packet`; returns the row id.
    pub fn insert_job_student(&self, job: i64, position: i64, packet: i64, s: &PrintedStudent) -> Result<i64> {
        self.db.insert(
            "INSERT INTO job_students (job_id, position, packet_id, cjm, xh, xm, bh, cc, xllb, yxdm, zjhm4, sjc, full_name, photo_sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) RETURNING id",
            params![
                job,
                position,
                packet,
                s.cjm,
                s.xh,
                s.xm,
                s.bh,
                s.cc,
                s.xllb,
                s.yxdm,
                s.zjhm4,
                s.sjc,
                s.full_name,
                s.photo_sha256
            ],
        )
    }

    pub fn insert_sheet(
        &self,
        job: i64,
        number: i64,
        kind: SheetContent,
        packet: i64,
        students: &[i64],
    ) -> Result<i64> {
        let id = self.db.insert(
            "INSERT INTO sheets (job_id, number, kind, packet_id) VALUES (?1, ?2, ?3, ?4) RETURNING id",
            params![job, number, kind, packet],
        )?;
        for (slot, s) in students.iter().enumerate() {
            self.db.execute(
                "INSERT INTO sheet_slots (sheet_id, slot, job_student_id) VALUES (?1, ?2, ?3)",
                params![id, slot as i64, s],
            )?;
        }
        Ok(id)
    }

    pub fn job(&self, id: i64) -> Result<Option<JobRecord>> {
        self.db.query_opt(
            "SELECT id, school_code, layout_name, layout_toml, created_at, created_by FROM jobs WHERE id = ?1",
            params![id],
            |r| {
                Ok(JobRecord {
                    id: r.get(0)?,
                    school: r.get(1)?,
                    layout_name: r.get(2)?,
                    layout_toml: r.get(3)?,
                    created_at: r.get(4)?,
                    created_by: r.get(5)?,
                })
            },
        )
    }

    pub fn jobs(&self) -> Result<Vec<JobSummary>> {
        let packets_in = |cond: &str| {
            format!(
                "(SELECT count(DISTINCT sp.packet_id) FROM shipment_packets sp JOIN packets p ON p.id = sp.packet_id
                   JOIN shipments s ON s.id = sp.shipment_id WHERE p.job_id = j.id AND {cond})"
            )
        };
        let sql = format!(
            "SELECT j.id, j.school_code, j.layout_name, j.created_at, j.purpose,
                    (SELECT count(*) FROM job_students WHERE job_id = j.id),
                    (SELECT count(*) FROM sheets WHERE job_id = j.id),
                    (SELECT max(sjc) FROM job_students WHERE job_id = j.id),
                    j.printed_at,
                    (SELECT count(*) FROM job_parts WHERE job_id = j.id),
                    (SELECT count(*) FROM packets WHERE job_id = j.id),
                    {}, {}, {}
             FROM jobs j ORDER BY j.id",
            packets_in(&format!("sp.scanned_at IS NOT NULL AND s.state NOT IN ({})", sql_list([S::Returned]))),
            packets_in(&format!("s.state IN ({})", sql_list([S::Shipped, S::Delivered]))),
            packets_in(&format!("s.state IN ({})", sql_list([S::Delivered]))),
        );
        self.db.query_map(&sql, params![], |r| {
            Ok(JobSummary {
                id: r.get(0)?,
                school: r.get(1)?,
                layout_name: r.get(2)?,
                created_at: r.get(3)?,
                purpose: r.get(4)?,
                students: r.get(5)?,
                sheets: r.get(6)?,
                latest_sjc: r.get(7)?,
                printed_at: r.get(8)?,
                parts: r.get(9)?,
                packets: r.get(10)?,
                packed: r.get(11)?,
                shipped: r.get(12)?,
                delivered: r.get(13)?,
            })
        })
    }

    /// (job, part, state) of every dispatch of a rendered part, oldest first.
    pub fn part_dispatch_states(&self) -> Result<Vec<(i64, i64, PartState)>> {
        self.db.query_map(
            "SELECT job_id, part, state FROM dispatches WHERE part IS NOT NULL ORDER BY id",
            params![],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    /// Which of a school's students are in which jobs: (job, purpose, collection code).
    pub fn job_memberships(&self, school: &str) -> Result<Vec<(i64, JobPurpose, String)>> {
        self.db.query_map(
            "SELECT j.id, j.purpose, js.cjm FROM job_students js JOIN jobs j ON j.id = js.job_id
             WHERE j.school_code = ?1 ORDER BY j.id, js.position",
            params![school],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    pub fn job_students(&self, job: i64) -> Result<Vec<JobStudent>> {
        let sql = format!("SELECT {JOB_STUDENT_COLUMNS} FROM job_students WHERE job_id = ?1 ORDER BY position");
        self.db.query_map(&sql, params![job], job_student)
    }

    /// The students printed on a job's sheets `first..=last` (by number), in print order.
    pub fn job_students_on_sheets(&self, job: i64, first: i64, last: i64) -> Result<Vec<JobStudent>> {
        let sql = format!(
            "SELECT {JOB_STUDENT_COLUMNS} FROM job_students WHERE id IN (
                SELECT s.job_student_id FROM sheet_slots s JOIN sheets h ON h.id = s.sheet_id
                WHERE h.job_id = ?1 AND h.number BETWEEN ?2 AND ?3)
             ORDER BY position"
        );
        self.db.query_map(&sql, params![job, first, last], job_student)
    }

    /// The photos a job prints, each once.
    pub fn job_photos(&self, job: i64) -> Result<Vec<String>> {
        self.db
            .query_map("SELECT DISTINCT photo_sha256 FROM job_students WHERE job_id = ?1", params![job], |r| r.get(0))
    }

    pub fn packets(&self, job: i64) -> Result<Vec<PacketRecord>> {
        self.db.query_map(
            "SELECT p.id, p.position, p.bh, (SELECT count(*) FROM job_students WHERE packet_id = p.id)
             FROM packets p WHERE job_id = ?1 ORDER BY position",
            params![job],
            |r| Ok(PacketRecord { id: r.get(0)?, position: r.get(1)?, bh: r.get(2)?, students: r.get(3)? }),
        )
    }

    pub fn sheets(&self, job: i64) -> Result<Vec<SheetRecord>> {
        let mut sheets = self.db.query_map(
            "SELECT id, number, kind, packet_id FROM sheets WHERE job_id = ?1 ORDER BY number",
            params![job],
            |r| {
                Ok(SheetRecord {
                    id: r.get(0)?,
                    number: r.get(1)?,
                    kind: r.get(2)?,
                    packet_id: r.get(3)?,
                    students: Vec::new(),
                })
            },
        )?;
        let pairs: Vec<(i64, i64)> = self.db.query_map(
            "SELECT s.sheet_id, s.job_student_id FROM sheet_slots s JOIN sheets h ON h.id = s.sheet_id
             WHERE h.job_id = ?1 ORDER BY h.number, s.slot",
            params![job],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut i = 0;
        for sheet in &mut sheets {
            while i < pairs.len() && pairs[i].0 == sheet.id {
                sheet.students.push(pairs[i].1);
                i += 1;
            }
        }
        Ok(sheets)
    }

    /// Record the PDF parts of a job's latest rendering, replacing earlier ones.
    pub fn replace_parts(&self, job: i64, parts: &[PartRecord]) -> Result<()> {
        self.db.execute("DELETE FROM job_parts WHERE job_id = ?1", params![job])?;
        for p in parts {
            self.db.execute(
                "INSERT INTO job_parts (job_id, part, first_sheet, last_sheet, path, bytes, sha256, rendered_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![job, p.part, p.first_sheet, p.last_sheet, p.path, p.bytes, p.sha256, now()],
            )?;
        }
        Ok(())
    }

    pub fn parts(&self, job: i64) -> Result<Vec<PartRecord>> {
        self.db.query_map(
            "SELECT part, first_sheet, last_sheet, path, bytes, sha256 FROM job_parts WHERE job_id = ?1 ORDER BY part",
            params![job],
            |r| {
                Ok(PartRecord {
                    part: r.get(0)?,
                    first_sheet: r.get(1)?,
                    last_sheet: r.get(2)?,
                    path: r.get(3)?,
                    bytes: r.get(4)?,
                    sha256: r.get(5)?,
                })
            },
        )
    }
}

const JOB_STUDENT_COLUMNS: &str =
    "id, position, packet_id, cjm, xh, xm, bh, cc, xllb, yxdm, zjhm4, sjc, full_name, photo_sha256";

fn job_student(r: &super::db::Row<'_>) -> Result<JobStudent> {
    Ok(JobStudent {
        id: r.get(0)?,
        position: r.get(1)?,
        packet_id: r.get(2)?,
        student: PrintedStudent {
            cjm: r.get(3)?,
            xh: r.get(4)?,
            xm: r.get(5)?,
            bh: r.get(6)?,
            cc: r.get(7)?,
            xllb: r.get(8)?,
            yxdm: r.get(9)?,
            zjhm4: r.get(10)?,
            sjc: r.get(11)?,
            full_name: r.get(12)?,
            photo_sha256: r.get(13)?,
        },
    })
}
