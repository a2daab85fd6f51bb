//! Mailroom reports: `report due` (what is late or due within a week against the promise of N
//! working days from collection) and `report schools` (each school's students at every step).

use super::Workspace;
use super::jobs::job_code;
use crate::error::{Error, Result};
use crate::store::SchoolCounts;
use chrono::{FixedOffset, NaiveDate, TimeZone};
use serde::Serialize;

/// Collection times are China time whatever the computer's clock zone is.
fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// Today in China.
pub fn today() -> NaiveDate {
    chrono::Utc::now().with_timezone(&china()).date_naive()
}

fn collection_day(sjc_ms: i64) -> Option<NaiveDate> {
    china().timestamp_millis_opt(sjc_ms).single().map(|t| t.date_naive())
}

#[derive(Debug, Serialize)]
pub struct DueLine {
    pub job: String,
    pub school: String,
    pub collected: NaiveDate,
    pub due: NaiveDate,
    /// Working days from today to the due date; negative when late.
    pub working_days_left: i64,
    pub late: bool,
    /// not printed, printed, packed k/n, shipped k/n.
    pub status: String,
}

#[derive(Debug, Serialize)]
pub struct DueReport {
    pub today: NaiveDate,
    pub promise_working_days: u32,
    /// Years the calendar file covers; dates outside them count weekends only.
    pub calendar_missing_years: Vec<i32>,
    pub jobs: Vec<DueLine>,
}

/// Jobs not yet delivered whose due date has passed or comes within a week of `today`.
pub fn due(ws: &Workspace, today: NaiveDate) -> Result<DueReport> {
    let calendar = ws.calendar()?;
    let n = ws.settings.shipping.promise_working_days;
    let mut store = ws.store()?;
    let tx = store.read()?;
    let mut jobs = Vec::new();
    let mut missing_years = std::collections::BTreeSet::new();
    for j in tx.job_mail_counts()? {
        if j.packets > 0 && j.delivered == j.packets {
            continue;
        }
        let Some(collected) = j.latest_sjc.and_then(collection_day) else { continue };
        let due = calendar.add_working_days(collected, n);
        for d in [collected, due, today] {
            if !calendar.covers(chrono::Datelike::year(&d)) {
                missing_years.insert(chrono::Datelike::year(&d));
            }
        }
        if due > today + chrono::Days::new(7) {
            continue;
        }
        let left = if due >= today {
            calendar.working_days_between(today, due)
        } else {
            -calendar.working_days_between(due, today)
        };
        let status = if j.printed_at.is_none() {
            "not printed".to_string()
        } else if j.shipped > 0 {
            format!("shipped {}/{}", j.shipped, j.packets)
        } else if j.packed > 0 {
            format!("packed {}/{}", j.packed, j.packets)
        } else {
            "printed".to_string()
        };
        jobs.push(DueLine {
            job: job_code(j.job_id),
            school: j.school,
            collected,
            due,
            working_days_left: left,
            late: due < today,
            status,
        });
    }
    jobs.sort_by_key(|l| (l.due, l.job.clone()));
    Ok(DueReport { today, promise_working_days: n, calendar_missing_years: missing_years.into_iter().collect(), jobs })
}

/// Parse `--today YYYY-MM-DD`.
pub fn parse_day(raw: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| Error::input(format!("{raw:?} is not a date like 2026-11-21")))
}

pub fn schools(ws: &Workspace) -> Result<Vec<SchoolCounts>> {
    let mut store = ws.store()?;
    let tx = store.read()?;
    tx.school_counts()
}
