//! Service results as the rows of the window's tables (one `Vec<String>` per row, the columns
//! in the order the views declare them) and as the summary lines above them. Stored times are
//! shown in the lab's zone, which the adapters pass in (`Session::zone`).

use super::texts;
use crate::app::batch::BatchReport;
use crate::app::corrections::CorrectionLine;
use crate::app::ecopy::RequestLog;
use crate::app::jobs::{JobDetail, JobListLine};
use crate::app::printing::{DispatchLine, JobStatusReport};
use crate::app::reports::DueReport;
use crate::app::reprint::ReprintDone;
use crate::app::requests::RequestView;
use crate::app::roster::RosterReport;
use crate::app::schools::SchoolDetail;
use crate::app::shipments::{ShipmentLine, ShipmentView};
use crate::domain::local_time::Zone;
use crate::i18n::tr;
use crate::import::Finding;
use crate::msg;
use crate::store::{SchoolCounts, SchoolSummary};

pub type Rows = Vec<Vec<String>>;

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

pub fn schools(list: &[SchoolSummary]) -> Rows {
    list.iter()
        .map(|s| {
            vec![
                s.code.clone(),
                s.name.clone(),
                s.students.to_string(),
                s.classes.to_string(),
                texts::yes_no(s.has_roster),
            ]
        })
        .collect()
}

/// `地址 … 联系人 … 电话 …；名单 …`
pub fn school_detail(d: &SchoolDetail, zone: Zone) -> String {
    let s = &d.school;
    let roster = match &d.roster {
        Some(r) => {
            msg!("row-roster-summary", source = r.source.as_str(), rows = r.rows, at = zone.show(&r.imported_at))
        }
        None => msg!("row-no-roster"),
    };
    msg!(
        "row-school-detail",
        students = d.students,
        classes = d.classes.len(),
        address = s.address.clone().unwrap_or_else(|| tr("row-not-recorded")),
        contact = s.contact.as_deref().unwrap_or("-"),
        phone = s.phone.as_deref().unwrap_or(""),
        roster = roster
    )
    .to_string()
}

pub fn batches(d: &SchoolDetail, zone: Zone) -> Rows {
    d.batches
        .iter()
        .map(|b| {
            vec![
                b.id.to_string(),
                zone.show(&b.imported_at),
                b.accepted.to_string(),
                b.skipped.to_string(),
                b.rejected.to_string(),
                // Last: a folder's path is long, and the table's detail line shows it whole.
                b.source.clone(),
            ]
        })
        .collect()
}

fn finding_row(what: &str, f: &Finding) -> Vec<String> {
    vec![what.into(), f.row.map(|r| r.to_string()).unwrap_or_default(), opt(&f.cjm), opt(&f.xh), {
        // A hint that names a command-line flag names the window's control instead.
        let reason = f.said.as_ref().map_or_else(|| f.reason.clone(), |m| m.window_text(crate::i18n::current()));
        if f.file.is_empty() { reason } else { format!("{}: {reason}", f.file) }
    }]
}

/// A batch import's report: the summary line and one row per student or finding, refusals
/// and warnings first (they are what the technician must read).
pub fn batch_report(r: &BatchReport) -> (String, Rows) {
    let summary = msg!(
        "row-batch-summary",
        source = r.source.as_str(),
        accepted = r.accepted.len(),
        skipped = r.skipped.len(),
        rejected = r.rejected.len(),
        warnings = r.warnings.len()
    );
    let title = match r.id {
        Some(id) => msg!("row-batch-stored", summary = summary, id = id.to_string()),
        None => msg!("row-batch-not-stored", summary = summary),
    }
    .to_string();
    let (refused, warning) = (tr("row-kind-rejected"), tr("row-kind-warning"));
    let mut rows: Rows = r.rejected.iter().map(|f| finding_row(&refused, f)).collect();
    // The photo check's warnings are worded from their codes and measures.
    rows.extend(r.warnings.iter().filter(|f| f.code.is_none()).map(|f| finding_row(&warning, f)));
    for p in &r.photo_checks {
        rows.extend(p.checks.iter().map(|c| {
            let what = if c.cannot_judge() { tr("row-kind-cannot-judge") } else { warning.clone() };
            vec![what, p.row.to_string(), p.cjm.clone(), p.xh.clone(), c.said().to_string()]
        }));
    }
    rows.extend(
        r.skipped
            .iter()
            .map(|s| vec![tr("row-kind-skipped"), String::new(), s.cjm.clone(), s.xh.clone(), s.reason.clone()]),
    );
    rows.extend(r.accepted.iter().map(|a| {
        let note = if a.replaced { tr("row-photo-replaced") } else { String::new() };
        vec![tr("row-kind-accepted"), String::new(), a.cjm.clone(), a.xh.clone(), note]
    }));
    (title, rows)
}

pub fn roster_report(r: &RosterReport) -> (String, Rows) {
    let title = msg!(
        "row-roster-report",
        file = r.file.as_str(),
        school = r.school.as_str(),
        rows = r.rows,
        matched = r.matched,
        id = r.id.to_string()
    )
    .to_string();
    let refused = tr("row-kind-rejected");
    let mut rows: Rows = r.rejected.iter().map(|f| finding_row(&refused, f)).collect();
    let warning = tr("row-kind-warning");
    rows.extend(r.warnings.iter().map(|f| finding_row(&warning, f)));
    rows.extend(r.name_mismatches.iter().map(|m| {
        vec![
            tr("row-kind-name-mismatch"),
            m.row.to_string(),
            m.cjm.clone(),
            m.xh.clone(),
            msg!("row-name-mismatch", roster = m.roster_name.as_str(), photo = m.masked_name.as_str()).to_string(),
        ]
    }));
    rows.extend(
        r.without_photo
            .iter()
            .map(|l| vec![tr("row-kind-no-photo"), l.row.to_string(), opt(&l.cjm), opt(&l.xh), tr("row-no-photo")]),
    );
    rows.extend(r.not_on_roster.iter().map(|s| {
        vec![
            tr("row-kind-not-on-roster"),
            String::new(),
            s.cjm.clone(),
            s.xh.clone(),
            msg!("row-not-on-roster", class = s.bh.as_str()).to_string(),
        ]
    }));
    (title, rows)
}

pub fn jobs(list: &[JobListLine]) -> Rows {
    list.iter().map(JobListLine::cells).collect()
}

pub fn job_title(d: &JobDetail, zone: Zone) -> String {
    let printed = match &d.printed_at {
        Some(t) => msg!("row-job-printed", at = zone.show(t)).to_string(),
        None => String::new(),
    };
    msg!(
        "row-job-title",
        job = d.id.to_string(),
        school = d.school.as_str(),
        name = d.school_name.as_str(),
        layout = d.layout.as_str(),
        students = d.students,
        sheets = d.sheets.len(),
        printed = printed
    )
    .to_string()
}

/// Each rendered part with its preflight and the state of its latest dispatch, as recorded in
/// the store.
pub fn job_parts(d: &JobDetail) -> Rows {
    let mut rows: Rows = d
        .parts
        .iter()
        .map(|p| {
            let last = d.dispatches.iter().rev().find(|x| x.part == Some(p.part));
            let state = last.map(|x| texts::part_state(x.state.as_str())).unwrap_or_else(|| tr("row-part-not-sent"));
            let preflight = texts::verification(d.verification.iter().find(|v| v.part == p.part));
            // Not sent yet: where the part's file is, for the technician to open.
            let (printer, said) = last
                .map(|x| (x.printer.clone(), x.state_message.clone()))
                .unwrap_or_else(|| (String::new(), p.path.clone()));
            part_row(Some((p.part, p.first_sheet, p.last_sheet)), preflight, state, printer, said)
        })
        .collect();
    let reprints = d.dispatches.iter().filter(|x| x.part.is_none());
    rows.extend(reprints.map(|x| {
        part_row(None, String::new(), texts::part_state(x.state.as_str()), x.printer.clone(), x.state_message.clone())
    }));
    rows
}

/// A line of the parts table: the part and its sheets (`None`: a reprint sent on its own),
/// preflight, state, printer, and what the printer or the store said of it.
fn part_row(
    part: Option<(i64, i64, i64)>,
    preflight: String,
    state: String,
    printer: String,
    said: String,
) -> Vec<String> {
    let (part, sheets) = match part {
        Some((n, first, last)) => (n.to_string(), format!("{first}-{last}")),
        None => (tr("row-part-reprint"), String::new()),
    };
    vec![part, sheets, preflight, state, printer, said]
}

/// Every failure of each part's latest verification (unless the part was rendered again
/// since): part, sheet, sheet barcode, student, what kind, what differs.
pub fn verification_failures(d: &JobDetail) -> Rows {
    d.verification
        .iter()
        .filter(|v| !v.stale)
        .flat_map(|v| {
            v.failures.iter().map(move |f| {
                vec![
                    v.part.to_string(),
                    f.sheet.map(|n| n.to_string()).unwrap_or_default(),
                    f.sheet_barcode.clone().unwrap_or_default(),
                    f.student.as_ref().map(|s| format!("{} {}", s.xh, s.xm)).unwrap_or_default(),
                    f.check.label().to_string(),
                    f.detail.clone(),
                ]
            })
        })
        .collect()
}

/// What the printers answered (`job status` / `job cancel`).
pub fn job_status(r: &JobStatusReport) -> Rows {
    let answer = |x: &DispatchLine| (x.printer.clone(), x.error.clone().unwrap_or_else(|| x.message.clone()));
    let mut rows: Rows = r
        .parts
        .iter()
        .map(|p| {
            let (printer, said) =
                r.dispatches.iter().rev().find(|x| x.part == Some(p.part)).map(answer).unwrap_or_default();
            // The printers say nothing of preflight; `show_job` fills it in again.
            part_row(
                Some((p.part, p.first_sheet, p.last_sheet)),
                String::new(),
                texts::part_state(&p.state),
                printer,
                said,
            )
        })
        .collect();
    rows.extend(r.dispatches.iter().filter(|x| x.part.is_none()).map(|x| {
        let (printer, said) = answer(x);
        part_row(None, String::new(), texts::part_state(x.state.as_str()), printer, said)
    }));
    rows
}

pub fn reprints(done: &[ReprintDone]) -> Rows {
    done.iter()
        .map(|r| {
            let sheets: Vec<String> = r.sheets.iter().map(|s| s.to_string()).collect();
            vec![
                r.id.to_string(),
                r.job.to_string(),
                sheets.join(", "),
                r.printer.clone(),
                texts::part_state(r.sent.state.as_str()),
                r.file.clone(),
            ]
        })
        .collect()
}

pub fn open_shipments(list: &[ShipmentLine]) -> Rows {
    list.iter()
        .map(|s| {
            vec![
                s.id.to_string(),
                s.school.clone(),
                s.recipient.clone(),
                texts::shipment_state(s.state),
                format!("{}/{}", s.scanned, s.packets),
            ]
        })
        .collect()
}

pub fn shipment_title(v: &ShipmentView) -> String {
    msg!("row-shipment-title", shipment = v.id.to_string(), school = v.school.as_str(), name = v.school_name.as_str())
        .to_string()
}

pub fn shipment_detail(v: &ShipmentView) -> String {
    let r = &v.recipient;
    let mut s = msg!(
        "row-shipment-recipient",
        name = r.name.as_str(),
        address = r.address.as_str(),
        contact = r.contact.as_str(),
        phone = r.phone.as_str(),
        students = v.students
    )
    .to_string();
    if let Some(t) = &v.progress.tracking {
        s += &msg!(
            "row-shipment-tracking",
            carrier = v.progress.carrier.as_deref().unwrap_or(""),
            tracking = t.as_str()
        )
        .to_string();
    }
    if let Some(reason) = &v.progress.seal_reason {
        s += &msg!("row-shipment-seal-reason", reason = reason.as_str()).to_string();
    }
    if !v.missing.is_empty() {
        let codes = v.missing.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", ");
        s += &msg!("row-shipment-missing", codes = codes).to_string();
    }
    s
}

pub fn packets(v: &ShipmentView, zone: Zone) -> Rows {
    v.packets
        .iter()
        .map(|p| {
            vec![
                p.barcode.to_string(),
                p.job.to_string(),
                p.class.clone(),
                p.students.to_string(),
                p.scanned_at
                    .as_deref()
                    .map(|t| msg!("row-scanned-at", at = zone.show(t)).to_string())
                    .unwrap_or_else(|| tr("row-not-scanned")),
            ]
        })
        .collect()
}

pub fn requests(list: &[RequestView], zone: Zone) -> Rows {
    list.iter()
        .map(|r| {
            let who = match &r.student {
                Some(s) => format!("{} {}", s.xh, s.xm),
                None => {
                    let g = &r.given;
                    let given = [&g.xh, &g.cjm, &g.name].into_iter().flatten().cloned().collect::<Vec<_>>().join(" ");
                    msg!("row-unmatched", given = given).to_string()
                }
            };
            vec![
                r.id.to_string(),
                texts::request_kind(&r.kind),
                r.school.clone(),
                texts::request_status(r.status),
                who,
                texts::requester(&r.requester),
                zone.show(&r.updated_at),
            ]
        })
        .collect()
}

pub fn request_title(r: &RequestView) -> String {
    msg!("row-request-title", id = r.id.to_string(), kind = texts::request_kind(&r.kind), school = r.school.as_str())
        .to_string()
}

pub fn request_detail(r: &RequestView, zone: Zone) -> String {
    let mut lines = Vec::new();
    let g = &r.given;
    lines.push(msg!(
        "row-request-given",
        requester = texts::requester(&r.requester),
        xh = g.xh.as_deref().unwrap_or("-"),
        cjm = g.cjm.as_deref().unwrap_or("-"),
        last4 = g.id_last4.as_deref().unwrap_or("-"),
        name = g.name.as_deref().unwrap_or("-")
    ));
    if let Some(s) = &r.student {
        lines.push(msg!(
            "row-request-student",
            xh = s.xh.as_str(),
            xm = s.xm.as_str(),
            bh = s.bh.as_str(),
            cjm = s.cjm.as_str()
        ));
    }
    let contact = [&r.contact, &r.phone, &r.address].into_iter().flatten().cloned().collect::<Vec<_>>();
    if !contact.is_empty() {
        lines.push(msg!("row-request-contact", contact = contact.join(&tr("row-comma"))));
    }
    if !r.note.is_empty() {
        lines.push(msg!("row-request-note", note = r.note.as_str()));
    }
    if let Some(f) = r.fee_yuan {
        lines.push(msg!("row-request-fee", fee = format!("{f:.2}")));
    }
    if let Some(reason) = &r.reject_reason {
        lines.push(msg!("row-request-reject-reason", reason = reason.as_str()));
    }
    match (&r.job, &r.shipment) {
        (Some(j), Some(s)) => {
            lines.push(msg!("row-request-reprint-shipped", job = j.to_string(), shipment = s.to_string()))
        }
        (Some(j), None) => lines.push(msg!("row-reprint-job", job = j.to_string())),
        _ => {}
    }
    lines.push(msg!(
        "row-request-times",
        source = r.source.as_str(),
        created = zone.show(&r.created_at),
        updated = zone.show(&r.updated_at)
    ));
    lines.extend(r.warnings.iter().map(|w| msg!("row-request-warning", warning = w.to_string())));
    lines.iter().map(|m| m.to_string()).collect::<Vec<_>>().join("\n")
}

pub fn candidates(r: &RequestView) -> Rows {
    r.candidates
        .iter()
        .map(|c| vec![c.xh.clone(), c.xm.clone(), c.bh.clone(), c.zjhm4.clone(), c.cjm.clone()])
        .collect()
}

pub fn history(r: &RequestView, zone: Zone) -> Rows {
    r.history
        .iter()
        .map(|h| vec![zone.show(&h.at), who(&h.operator, &h.station), texts::audit_action(&h.action), h.detail.clone()])
        .collect()
}

/// The operator, and the station the action was taken at when it was recorded.
fn who(operator: &str, station: &str) -> String {
    if station.is_empty() {
        operator.to_string()
    } else {
        msg!("row-operator-at", operator = operator, station = station).to_string()
    }
}

pub fn corrections(list: &[CorrectionLine], zone: Zone) -> Rows {
    list.iter()
        .map(|c| {
            let (r, what) = (&c.record, &c.record.correction);
            vec![
                what.school.clone(),
                what.xh.clone(),
                texts::correction_field(&what.field),
                what.old_value.clone(),
                what.new_value.clone(),
                texts::source(&what.source),
                r.applied_by.clone(),
                zone.show(&r.applied_at),
                c.reprint_job
                    .map(|j| j.to_string())
                    .unwrap_or_else(|| if r.awaiting_reprint { tr("row-awaiting-reprint") } else { String::new() }),
            ]
        })
        .collect()
}

pub fn ecopies(list: &[RequestLog], zone: Zone) -> Rows {
    list.iter()
        .map(|e| {
            vec![
                e.id.to_string(),
                e.school.clone(),
                e.to.clone(),
                e.letter.clone(),
                texts::naming(&e.naming),
                e.students.to_string(),
                texts::ecopy_state(e.state.as_str()),
                zone.show(&e.created_at),
            ]
        })
        .collect()
}

pub fn ecopy_parts(e: &RequestLog, zone: Zone) -> Rows {
    e.parts
        .iter()
        .map(|p| {
            vec![
                format!("{}/{}", p.part, p.parts),
                p.photos.to_string(),
                format!("{:.1} MB", p.bytes as f64 / (1u64 << 20) as f64),
                texts::ecopy_state(p.state.as_str()),
                p.attempts.to_string(),
                p.sent_at.as_deref().map(|t| zone.show(t)).unwrap_or_default(),
                p.server_reply.clone(),
            ]
        })
        .collect()
}

pub fn due_summary(r: &DueReport) -> String {
    let mut s = msg!(
        "row-due-promise",
        days = i64::from(r.promise_working_days),
        reprint_days = i64::from(r.reprint_promise_working_days)
    )
    .to_string();
    if !r.calendar_missing_years.is_empty() {
        let years: Vec<String> = r.calendar_missing_years.iter().map(|y| y.to_string()).collect();
        s += &msg!("row-due-calendar-missing", years = years.join(&tr("row-list-sep"))).to_string();
    }
    if r.lines.is_empty() {
        s += &tr("row-due-nothing");
    }
    s
}

pub fn due(r: &DueReport) -> Rows {
    use crate::app::reports::DueWork;
    r.lines
        .iter()
        .map(|d| {
            let job = d.job.map(|j| j.to_string()).unwrap_or_default();
            let what = match d.work {
                DueWork::Job => msg!("row-due-job", job = job),
                DueWork::NotInAJob => msg!("row-due-not-in-a-job", students = d.students),
                DueWork::ReprintJob => msg!("row-reprint-job", job = job),
                DueWork::Request => {
                    msg!("row-due-request", request = d.request.map(|r| r.to_string()).unwrap_or_default())
                }
                DueWork::CorrectionJob => msg!("row-due-correction-job", job = job),
                DueWork::Correction => msg!("row-due-corrections", corrections = d.students),
            }
            .to_string();
            let left = if d.late {
                msg!("row-due-overdue", days = d.overdue_working_days).to_string()
            } else {
                d.working_days_left.to_string()
            };
            vec![what, d.school.clone(), d.since.to_string(), d.due.to_string(), left, d.status_words()]
        })
        .collect()
}

pub fn school_counts(list: &[SchoolCounts]) -> Rows {
    list.iter()
        .map(|c| {
            vec![
                c.school.clone(),
                c.name.clone(),
                c.imported.to_string(),
                c.printed.to_string(),
                c.packed.to_string(),
                c.shipped.to_string(),
                c.delivered.to_string(),
                c.open_requests.to_string(),
                c.printed_at.join(&tr("row-list-sep")),
                c.packed_at.join(&tr("row-list-sep")),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::reports::{DueLine, DueReport, DueWork};
    use crate::domain::job::JobProgress;

    #[test]
    fn a_refusal_that_names_a_flag_names_the_windows_checkbox_instead() {
        let f = crate::import::Finding::new("x.xlsx", Some(3), None, msg!("batch-different-photo", batch = 2_i64));
        let zh = crate::i18n::with_lang(crate::i18n::Lang::Zh, || finding_row("拒绝", &f));
        assert!(zh[4].contains("“替换已存的不同照片”") && !zh[4].contains("--replace"), "{}", zh[4]);
        assert!(f.reason.contains("--replace"), "the command line keeps its flag: {}", f.reason);
    }

    #[test]
    fn a_refused_row_names_its_student_and_its_whole_reason() {
        let refused =
            crate::import::Finding::new("照片数据.xlsx", Some(7), Some("7pF6nCoSRpavUGJu"), "无法解码".to_string())
                .with_xh(Some("2022030101119"));
        let report = BatchReport {
            id: None,
            source: "批次".into(),
            data_table: "照片数据.xlsx".into(),
            accepted: vec![],
            skipped: vec![],
            rejected: vec![refused],
            warnings: vec![],
            photo_checks: vec![],
        };
        let (_, rows) = crate::i18n::with_lang(crate::i18n::Lang::Zh, || batch_report(&report));
        assert_eq!(rows[0][..4], ["拒绝", "7", "7pF6nCoSRpavUGJu", "2022030101119"]);
        assert_eq!(rows[0][4], "照片数据.xlsx: 无法解码");
    }

    fn line(work: DueWork, progress: Option<JobProgress>, overdue: i64) -> DueLine {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        DueLine {
            work,
            job: Some(crate::domain::ids::JobCode(1)),
            request: None,
            school: "10418".into(),
            students: 3,
            since: day,
            promise_working_days: 40,
            due: day,
            working_days_left: -overdue,
            late: overdue > 0,
            overdue_working_days: overdue,
            status: "English for the terminal".into(),
            progress,
            request_status: None,
        }
    }

    #[test]
    fn stored_times_show_in_the_zone_given_to_the_minute() {
        let line = || CorrectionLine {
            record: crate::store::CorrectionRecord {
                correction: crate::store::Correction {
                    id: 1,
                    school: "10418".into(),
                    cjm: "Hx4KcUcseltovhGV".into(),
                    xh: "2020001".into(),
                    field: "bh".into(),
                    old_value: "软工1班".into(),
                    new_value: "软工2班".into(),
                    source: "勘误表.xlsx".into(),
                },
                applied_at: "2026-11-29T13:01:28.111Z".into(),
                applied_by: "王老师".into(),
                reprint_job_id: None,
                awaiting_reprint: false,
            },
            reprint_job: None,
        };
        assert_eq!(corrections(&[line()], Zone::CHINA)[0][7], "2026-11-29 21:01");
        assert_eq!(corrections(&[line()], Zone::parse("Europe/Berlin").unwrap())[0][7], "2026-11-29 14:01");
    }

    #[test]
    fn the_due_report_reads_in_chinese() {
        let packed =
            JobProgress { parts: 1, parts_completed: 1, printed: true, packets: 3, packed: 1, ..Default::default() };
        let report = DueReport {
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            promise_working_days: 40,
            reprint_promise_working_days: 10,
            calendar_missing_years: Vec::new(),
            lines: vec![line(DueWork::Job, Some(packed), 5), line(DueWork::NotInAJob, None, 0)],
        };
        // The window speaks Chinese (`gui::build` sets it); this test thread does too.
        let rows = crate::i18n::with_lang(crate::i18n::Lang::Zh, || due(&report));
        assert_eq!(rows[0][4], "逾期 5 个工作日");
        assert_eq!(rows[0][5], "已装袋 1/3 包");
        assert_eq!(rows[1][0], "3 名学生未排作业");
        assert_eq!(rows[1][5], "尚未排作业");
        assert!(rows.iter().flatten().all(|c| !c.contains("English")));
    }
}
