//! Reports: `report due` (all the work late or due within a week: jobs and students in no job
//! yet against the promise of N working days from collection, reprint requests and corrections
//! against their own promise from the day they came) and `report schools` (each school's
//! students at every step).

use super::Workspace;
use super::jobs::JobPurpose;
use crate::domain::ids::{JobCode, RequestId};
use crate::domain::request::RequestStatus;
use crate::error::{Error, Result};
use crate::store::SchoolCounts;
use chrono::NaiveDate;
use serde::Serialize;

/// What a line of the due report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DueWork {
    /// A school's job: due from its students' latest collection.
    Job,
    /// Students imported but in no job yet: due from their earliest collection.
    NotInAJob,
    /// A reprint request's job: due from the day the request came.
    ReprintJob,
    /// A reprint request with no job yet.
    Request,
    /// A correction's reprint job: due from the day of the correction.
    CorrectionJob,
    /// Students a correction marked, in no reprint job yet.
    Correction,
}

#[derive(Debug, Serialize)]
pub struct DueLine {
    pub work: DueWork,
    pub job: Option<JobCode>,
    pub request: Option<RequestId>,
    pub school: String,
    pub students: i64,
    /// The day the promise runs from: collection, the request's or the correction's day.
    pub since: NaiveDate,
    pub promise_working_days: u32,
    pub due: NaiveDate,
    /// Working days from today to the due date; negative when late.
    pub working_days_left: i64,
    pub late: bool,
    /// Working days past the due date (0 when not late).
    pub overdue_working_days: i64,
    /// made, printing 1/3 parts completed, packed 2/5 packets, ...
    pub status: String,
    /// A job's progress, for a window that words it in its own language.
    #[serde(skip)]
    pub progress: Option<crate::domain::job::JobProgress>,
    /// A request's status (`received`, `printing`, ...), likewise.
    #[serde(skip)]
    pub request_status: Option<RequestStatus>,
}

impl DueLine {
    /// The status in the reader's language (`status` keeps fixed English words for `--json`).
    pub fn status_words(&self) -> String {
        match (&self.progress, self.request_status, self.work) {
            (Some(p), _, _) => p.words().to_string(),
            (None, Some(status), _) => status.word().to_string(),
            (None, None, DueWork::NotInAJob) => crate::i18n::tr("row-due-no-job-yet"),
            (None, None, DueWork::Correction) => crate::i18n::tr("row-due-awaiting-correction-job"),
            _ => self.status.clone(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct DueReport {
    pub today: NaiveDate,
    pub promise_working_days: u32,
    pub reprint_promise_working_days: u32,
    /// Years the calendar file covers; dates outside them count weekends only.
    pub calendar_missing_years: Vec<i32>,
    pub lines: Vec<DueLine>,
}

/// One piece of work the promise applies to, before its dates are worked out.
struct Work {
    work: DueWork,
    job: Option<i64>,
    request: Option<i64>,
    school: String,
    students: i64,
    since: NaiveDate,
    promise: u32,
    status: String,
    progress: Option<crate::domain::job::JobProgress>,
    request_status: Option<RequestStatus>,
}

/// All the work not yet delivered whose due date has passed or comes within a week of
/// `today`: jobs, students in no job yet, reprint requests and corrections, each against its
/// own promise. Every day (collection, request, correction) is the day its time falls on in the
/// lab's zone, whatever the computer's clock zone is.
pub fn due(ws: &Workspace, today: NaiveDate) -> Result<DueReport> {
    let zone = ws.zone();
    let day_of = |stored: &str| zone.day(stored);
    let collection_day = |sjc: i64| zone.day_of_millis(sjc);
    let calendar = ws.calendar()?;
    let shipping = ws.settings.shipping.promise_working_days;
    let reprints = ws.settings.requests.promise_working_days;
    let mut store = ws.store()?;
    let tx = store.read()?;
    let progress = super::jobs::progress_by_job(&tx)?;
    let mut work = Vec::new();
    let corrections = tx.corrections(None)?;
    let requests = tx.requests(None, None)?;
    for j in tx.jobs()? {
        let p = progress.get(&j.id).copied().unwrap_or_default();
        if p.stage() == crate::domain::job::JobStage::Delivered {
            continue;
        }
        let (kind, since, promise, request) = match j.purpose {
            JobPurpose::Reprint => {
                let r = requests.iter().find(|r| r.job_id == Some(j.id));
                let Some(day) = r.and_then(|r| day_of(&r.created_at)) else { continue };
                (DueWork::ReprintJob, day, reprints, r.map(|r| r.id))
            }
            JobPurpose::Correction => {
                let day = corrections
                    .iter()
                    .filter(|c| c.reprint_job_id == Some(j.id))
                    .filter_map(|c| day_of(&c.applied_at))
                    .min();
                let Some(day) = day.or_else(|| day_of(&j.created_at)) else { continue };
                (DueWork::CorrectionJob, day, reprints, None)
            }
            _ => {
                let Some(day) = j.latest_sjc.and_then(&collection_day) else { continue };
                (DueWork::Job, day, shipping, None)
            }
        };
        work.push(Work {
            work: kind,
            job: Some(j.id),
            request,
            school: j.school.clone(),
            students: j.students,
            since,
            promise,
            status: p.describe(),
            progress: Some(p),
            request_status: None,
        });
    }
    // Students no job holds yet, per school, due from the earliest collection among them.
    let mut waiting: std::collections::BTreeMap<String, (i64, Option<i64>)> = Default::default();
    for (school, sjc) in tx.students_in_no_job()? {
        let e = waiting.entry(school).or_insert((0, None));
        e.0 += 1;
        e.1 = match (e.1, sjc) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    for (school, (n, sjc)) in waiting {
        let Some(since) = sjc.and_then(&collection_day) else { continue };
        let status = format!("{} in no job yet", crate::words::count(n, "student", "students"));
        work.push(Work {
            work: DueWork::NotInAJob,
            job: None,
            request: None,
            school,
            students: n,
            since,
            promise: shipping,
            status,
            progress: None,
            request_status: None,
        });
    }
    for r in requests.iter().filter(|r| r.job_id.is_none()) {
        let open = r.status.is_open();
        let Some(since) = day_of(&r.created_at).filter(|_| open) else { continue };
        work.push(Work {
            work: DueWork::Request,
            job: None,
            request: Some(r.id),
            school: r.asked.school.clone(),
            students: 1,
            since,
            promise: reprints,
            status: format!("{} request {}", r.asked.kind, r.status),
            progress: None,
            request_status: Some(r.status),
        });
    }
    let mut marked: std::collections::BTreeMap<String, (i64, NaiveDate)> = Default::default();
    for c in corrections.iter().filter(|c| c.awaiting_reprint) {
        let Some(day) = day_of(&c.applied_at) else { continue };
        let e = marked.entry(c.correction.school.clone()).or_insert((0, day));
        e.0 += 1;
        e.1 = e.1.min(day);
    }
    for (school, (n, since)) in marked {
        let status = format!("{} awaiting a reprint job", crate::words::count(n, "correction", "corrections"));
        work.push(Work {
            work: DueWork::Correction,
            job: None,
            request: None,
            school,
            students: n,
            since,
            promise: reprints,
            status,
            progress: None,
            request_status: None,
        });
    }

    let mut lines = Vec::new();
    let mut missing_years = std::collections::BTreeSet::new();
    for w in work {
        let due = calendar.add_working_days(w.since, w.promise);
        for d in [w.since, due, today] {
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
        lines.push(DueLine {
            work: w.work,
            job: w.job.map(JobCode),
            request: w.request.map(RequestId),
            school: w.school,
            students: w.students,
            since: w.since,
            promise_working_days: w.promise,
            due,
            working_days_left: left,
            late: due < today,
            overdue_working_days: (-left).max(0),
            status: w.status,
            progress: w.progress,
            request_status: w.request_status,
        });
    }
    lines.sort_by_key(|l| (l.due, l.school.clone(), l.job, l.request));
    Ok(DueReport {
        today,
        promise_working_days: shipping,
        reprint_promise_working_days: reprints,
        calendar_missing_years: missing_years.into_iter().collect(),
        lines,
    })
}

/// Parse `--today YYYY-MM-DD`.
pub fn parse_day(raw: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| Error::from(crate::msg!("report-bad-day", value = raw)))
}

pub fn schools(ws: &Workspace) -> Result<Vec<SchoolCounts>> {
    let mut store = ws.store()?;
    let tx = store.read()?;
    tx.school_counts()
}
