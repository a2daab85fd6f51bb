//! Reprint requests in the store: what each request gave to find its student, the student it
//! was matched to, its status, fee, reprint job and shipment, and the lookups matching needs.

use super::Tx;
use super::db::{Row, params};
use super::now;
use crate::domain::request::RequestStatus;
use crate::error::Result;
use serde::Serialize;

#[derive(Debug, Clone)]
pub struct RequestRecord {
    pub id: i64,
    /// What the request said when it arrived.
    pub asked: NewRequest,
    /// The student it was matched to.
    pub cjm: Option<String>,
    pub status: RequestStatus,
    pub fee_cents: Option<i64>,
    pub reject_reason: Option<String>,
    pub job_id: Option<i64>,
    pub shipment_id: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
}

const COLUMNS: &str = "id, kind, school_code, given_xh, given_cjm, given_id_last4, given_name, cjm, requester,
    address, phone, contact, note, status, fee_cents, reject_reason, job_id, shipment_id, source, created_at, updated_at";

fn request_row(r: &Row) -> Result<RequestRecord> {
    Ok(RequestRecord {
        id: r.get(0)?,
        asked: NewRequest {
            kind: r.get(1)?,
            school: r.get(2)?,
            given_xh: r.get(3)?,
            given_cjm: r.get(4)?,
            given_id_last4: r.get(5)?,
            given_name: r.get(6)?,
            requester: r.get(8)?,
            address: r.get(9)?,
            phone: r.get(10)?,
            contact: r.get(11)?,
            note: r.get(12)?,
            source: r.get(18)?,
        },
        cjm: r.get(7)?,
        status: r.get(13)?,
        fee_cents: r.get(14)?,
        reject_reason: r.get(15)?,
        job_id: r.get(16)?,
        shipment_id: r.get(17)?,
        created_at: r.get(19)?,
        updated_at: r.get(20)?,
    })
}

/// A request as it arrives; the ID number is already cut to its last 4.
#[derive(Debug, Clone, Default)]
pub struct NewRequest {
    pub kind: String,
    pub school: String,
    pub given_xh: Option<String>,
    pub given_cjm: Option<String>,
    pub given_id_last4: Option<String>,
    pub given_name: Option<String>,
    pub requester: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub contact: Option<String>,
    pub note: String,
    pub source: String,
}

/// A student a request might mean.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Candidate {
    pub cjm: String,
    pub xh: String,
    pub xm: String,
    pub bh: String,
    pub zjhm4: String,
}

impl Tx<'_> {
    pub fn insert_request(&self, r: &NewRequest) -> Result<i64> {
        let t = now();
        self.db.insert(
            "INSERT INTO requests (kind, school_code, given_xh, given_cjm, given_id_last4, given_name, requester,
                                   address, phone, contact, note, status, source, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?14, ?12, ?13, ?13) RETURNING id",
            params![
                r.kind,
                r.school,
                r.given_xh,
                r.given_cjm,
                r.given_id_last4,
                r.given_name,
                r.requester,
                r.address,
                r.phone,
                r.contact,
                r.note,
                r.source,
                t,
                RequestStatus::Received
            ],
        )
    }

    pub fn request(&self, id: i64) -> Result<Option<RequestRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM requests WHERE id = ?1");
        self.db.query_opt(&sql, params![id], request_row)
    }

    pub fn requests(&self, status: Option<RequestStatus>, school: Option<&str>) -> Result<Vec<RequestRecord>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM requests WHERE (CAST(?1 AS TEXT) IS NULL OR status = ?1) AND (CAST(?2 AS TEXT) IS NULL OR school_code = ?2)
             ORDER BY id"
        );
        self.db.query_map(&sql, params![status, school], request_row)
    }

    pub fn set_request_student(&self, id: i64, cjm: &str, status: RequestStatus) -> Result<()> {
        self.db.execute(
            "UPDATE requests SET cjm = ?2, status = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, cjm, status, now()],
        )?;
        Ok(())
    }

    pub fn set_request_status(&self, id: i64, status: RequestStatus) -> Result<()> {
        self.db
            .execute("UPDATE requests SET status = ?2, updated_at = ?3 WHERE id = ?1", params![id, status, now()])?;
        Ok(())
    }

    pub fn approve_request(&self, id: i64, status: RequestStatus, fee_cents: i64) -> Result<()> {
        self.db.execute(
            "UPDATE requests SET status = ?4, fee_cents = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, fee_cents, now(), status],
        )?;
        Ok(())
    }

    pub fn reject_request(&self, id: i64, status: RequestStatus, reason: &str) -> Result<()> {
        self.db.execute(
            "UPDATE requests SET status = ?4, reject_reason = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, reason, now(), status],
        )?;
        Ok(())
    }

    pub fn set_request_job(&self, id: i64, job: i64, status: RequestStatus) -> Result<()> {
        self.db.execute(
            "UPDATE requests SET status = ?3, job_id = ?2, updated_at = ?4 WHERE id = ?1",
            params![id, job, status, now()],
        )?;
        Ok(())
    }

    /// The shipment carrying the request's reprint; None takes it out of one that came back.
    pub fn set_request_shipment(&self, id: i64, shipment: Option<i64>, status: RequestStatus) -> Result<()> {
        self.db.execute(
            "UPDATE requests SET status = ?3, shipment_id = ?2, updated_at = ?4 WHERE id = ?1",
            params![id, shipment, status, now()],
        )?;
        Ok(())
    }

    /// Requests whose reprint job this is.
    pub fn requests_of_job(&self, job: i64) -> Result<Vec<RequestRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM requests WHERE job_id = ?1 ORDER BY id");
        self.db.query_map(&sql, params![job], request_row)
    }

    /// Requests riding in this shipment.
    pub fn requests_in_shipment(&self, shipment: i64) -> Result<Vec<RequestRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM requests WHERE shipment_id = ?1 ORDER BY id");
        self.db.query_map(&sql, params![shipment], request_row)
    }

    /// Requests for this student of this kind, oldest first.
    pub fn requests_for(&self, cjm: &str, kind: &str) -> Result<Vec<RequestRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM requests WHERE cjm = ?1 AND kind = ?2 ORDER BY id");
        self.db.query_map(&sql, params![cjm, kind], request_row)
    }

    /// Students of a school matching any one of the identifiers a request gave.
    pub fn request_candidates(
        &self,
        school: &str,
        xh: Option<&str>,
        cjm: Option<&str>,
        id_last4: Option<&str>,
    ) -> Result<Vec<Candidate>> {
        self.db.query_map(
            "SELECT cjm, xh, xm, bh, zjhm4 FROM students WHERE school_code = ?1
               AND (xh = ?2 OR cjm = ?3 OR zjhm4 = ?4)
             ORDER BY bh, xh LIMIT 50",
            params![school, xh, cjm, id_last4],
            |r| Ok(Candidate { cjm: r.get(0)?, xh: r.get(1)?, xm: r.get(2)?, bh: r.get(3)?, zjhm4: r.get(4)? }),
        )
    }
}
