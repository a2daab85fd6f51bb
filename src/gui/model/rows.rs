//! Service results as the rows of the window's tables (one `Vec<String>` per row, the columns
//! in the order the views declare them) and as the summary lines above them. Stored times are
//! shown in the lab's zone, which the adapters pass in (`Session::zone`).

use super::texts;
use crate::app::batch::BatchReport;
use crate::app::corrections::CorrectionLine;
use crate::app::ecopy::RequestLog;
use crate::app::jobs::{JobDetail, JobListLine};
use crate::app::printing::JobStatusReport;
use crate::app::reports::DueReport;
use crate::app::reprint::ReprintDone;
use crate::app::requests::RequestView;
use crate::app::roster::RosterReport;
use crate::app::schools::SchoolDetail;
use crate::app::shipments::{ShipmentLine, ShipmentView};
use crate::domain::local_time::Zone;
use crate::import::Finding;
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
                texts::yes_no(s.has_roster).into(),
            ]
        })
        .collect()
}

/// `地址 … 联系人 … 电话 …；名单 …`
pub fn school_detail(d: &SchoolDetail, zone: Zone) -> String {
    let s = &d.school;
    let roster = match &d.roster {
        Some(r) => format!("名单 {}（{} 行，{} 导入）", r.source, r.rows, zone.show(&r.imported_at)),
        None => "无名单（按班级、拍摄序号、学号排序）".into(),
    };
    format!(
        "{} 名学生，{} 个班级。地址：{}；联系人：{} {}。{}",
        d.students,
        d.classes.len(),
        s.address.as_deref().unwrap_or("未登记"),
        s.contact.as_deref().unwrap_or("-"),
        s.phone.as_deref().unwrap_or(""),
        roster
    )
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
    vec![
        what.into(),
        f.row.map(|r| r.to_string()).unwrap_or_default(),
        opt(&f.cjm),
        opt(&f.xh),
        if f.file.is_empty() { f.reason.clone() } else { format!("{}: {}", f.file, f.reason) },
    ]
}

/// A batch import's report: the summary line and one row per student or finding, refusals
/// and warnings first (they are what the technician must read).
pub fn batch_report(r: &BatchReport) -> (String, Rows) {
    let mut title = format!(
        "批次 {}：接受 {}，已有 {}，拒绝 {}，警告 {}",
        r.source,
        r.accepted.len(),
        r.skipped.len(),
        r.rejected.len(),
        r.warnings.len()
    );
    match r.id {
        Some(id) => title += &format!("（批次号 {id}）"),
        None => title += "。未存入任何照片",
    }
    let mut rows: Rows = r.rejected.iter().map(|f| finding_row("拒绝", f)).collect();
    // The photo check's warnings are worded in Chinese from their codes and measures.
    rows.extend(r.warnings.iter().filter(|f| f.code.is_none()).map(|f| finding_row("警告", f)));
    for p in &r.photo_checks {
        rows.extend(p.checks.iter().map(|c| {
            let what = if c.cannot_judge() { "无法判断" } else { "警告" };
            vec![what.into(), p.row.to_string(), p.cjm.clone(), p.xh.clone(), texts::photo_check(c)]
        }));
    }
    rows.extend(
        r.skipped.iter().map(|s| vec!["已有".into(), String::new(), s.cjm.clone(), s.xh.clone(), s.reason.clone()]),
    );
    rows.extend(r.accepted.iter().map(|a| {
        let note = if a.replaced { "已替换旧照片（旧照片保留在历史中）" } else { "" };
        vec!["接受".into(), String::new(), a.cjm.clone(), a.xh.clone(), note.into()]
    }));
    (title, rows)
}

pub fn roster_report(r: &RosterReport) -> (String, Rows) {
    let title =
        format!("名单 {}（院校 {}）：{} 行，{} 行有照片（名单号 {}）", r.file, r.school, r.rows, r.matched, r.id);
    let mut rows: Rows = r.rejected.iter().map(|f| finding_row("拒绝", f)).collect();
    rows.extend(r.warnings.iter().map(|f| finding_row("警告", f)));
    rows.extend(r.name_mismatches.iter().map(|m| {
        vec![
            "姓名不符".into(),
            m.row.to_string(),
            m.cjm.clone(),
            m.xh.clone(),
            format!("名单姓名 {} 与照片数据 {} 不符，可能照片有误", m.roster_name, m.masked_name),
        ]
    }));
    rows.extend(
        r.without_photo.iter().map(|l| {
            vec!["无照片".into(), l.row.to_string(), opt(&l.cjm), opt(&l.xh), "名单中有，批次中没有照片".into()]
        }),
    );
    rows.extend(r.not_on_roster.iter().map(|s| {
        vec!["不在名单".into(), String::new(), s.cjm.clone(), s.xh.clone(), format!("{}：排在名单之后打印", s.bh)]
    }));
    (title, rows)
}

pub fn jobs(list: &[JobListLine]) -> Rows {
    list.iter()
        .map(|j| {
            vec![
                j.id.to_string(),
                j.school.clone(),
                j.layout.clone(),
                j.students.to_string(),
                j.sheets.to_string(),
                job_state(&j.progress),
            ]
        })
        .collect()
}

/// A job's stage in the window's words, with its counts: 打印中 1/3 段完成, 已装袋 2/5 包.
pub fn job_state(p: &crate::domain::job::JobProgress) -> String {
    p.words().to_string()
}

pub fn job_title(d: &JobDetail, zone: Zone) -> String {
    let printed = match &d.printed_at {
        Some(t) => format!("，已打印（{}）", zone.show(t)),
        None => String::new(),
    };
    format!(
        "作业 {}  {} {}  版面 {}  {} 名学生，{} 页{printed}",
        d.id,
        d.school,
        d.school_name,
        d.layout,
        d.students,
        d.sheets.len()
    )
}

/// Each rendered part with its preflight and the state of its latest dispatch, as recorded in
/// the store.
pub fn job_parts(d: &JobDetail) -> Rows {
    let mut rows: Rows = d
        .parts
        .iter()
        .map(|p| {
            let last = d.dispatches.iter().rev().find(|x| x.part == Some(p.part));
            vec![
                p.part.to_string(),
                format!("{}-{}", p.first_sheet, p.last_sheet),
                texts::verification(d.verification.iter().find(|v| v.part == p.part)).into(),
                last.map(|x| texts::part_state(x.state.as_str())).unwrap_or_else(|| "未发送".into()),
                last.map(|x| x.printer.clone()).unwrap_or_default(),
                last.map(|x| x.state_message.clone()).unwrap_or_else(|| p.path.clone()),
            ]
        })
        .collect();
    rows.extend(d.dispatches.iter().filter(|x| x.part.is_none()).map(|x| {
        vec![
            "补印".into(),
            String::new(),
            String::new(),
            texts::part_state(x.state.as_str()),
            x.printer.clone(),
            x.state_message.clone(),
        ]
    }));
    rows
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
                    texts::check_kind(f.check).into(),
                    f.detail.clone(),
                ]
            })
        })
        .collect()
}

/// What the printers answered (`job status` / `job cancel`).
pub fn job_status(r: &JobStatusReport) -> Rows {
    let mut rows: Rows = r
        .parts
        .iter()
        .map(|p| {
            let last = r.dispatches.iter().rev().find(|x| x.part == Some(p.part));
            vec![
                p.part.to_string(),
                format!("{}-{}", p.first_sheet, p.last_sheet),
                // The printers say nothing of preflight; `show_job` fills it in again.
                String::new(),
                texts::part_state(&p.state),
                last.map(|x| x.printer.clone()).unwrap_or_default(),
                last.map(|x| x.error.clone().unwrap_or_else(|| x.message.clone())).unwrap_or_default(),
            ]
        })
        .collect();
    rows.extend(r.dispatches.iter().filter(|x| x.part.is_none()).map(|x| {
        vec![
            "补印".into(),
            String::new(),
            String::new(),
            texts::part_state(x.state.as_str()),
            x.printer.clone(),
            x.error.clone().unwrap_or_else(|| x.message.clone()),
        ]
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
    format!("发运单 {} → {} {}", v.id, v.school, v.school_name)
}

pub fn shipment_detail(v: &ShipmentView) -> String {
    let r = &v.recipient;
    let mut s = format!("收件人 {}，{}，{} {}；共 {} 名学生。", r.name, r.address, r.contact, r.phone, v.students);
    if let Some(t) = &v.tracking {
        s += &format!("快递单号 {} {}。", v.carrier.as_deref().unwrap_or(""), t);
    }
    if let Some(reason) = &v.seal_reason {
        s += &format!("缺包封箱原因：{reason}。");
    }
    if !v.missing.is_empty() {
        s += &format!("未扫描：{}。", v.missing.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", "));
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
                p.scanned_at.as_deref().map(|t| format!("是 {}", zone.show(t))).unwrap_or_else(|| "否".into()),
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
                    format!("未匹配：{given}")
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
    format!("请求 {}：{}，院校 {}", r.id, texts::request_kind(&r.kind), r.school)
}

pub fn request_detail(r: &RequestView, zone: Zone) -> String {
    let mut lines = Vec::new();
    let g = &r.given;
    lines.push(format!(
        "申请人 {}；提供：学号 {}，采集码 {}，证件后4位 {}，姓名 {}",
        texts::requester(&r.requester),
        g.xh.as_deref().unwrap_or("-"),
        g.cjm.as_deref().unwrap_or("-"),
        g.id_last4.as_deref().unwrap_or("-"),
        g.name.as_deref().unwrap_or("-")
    ));
    if let Some(s) = &r.student {
        lines.push(format!("学生：{} {} {}（{}）", s.xh, s.xm, s.bh, s.cjm));
    }
    let contact = [&r.contact, &r.phone, &r.address].into_iter().flatten().cloned().collect::<Vec<_>>();
    if !contact.is_empty() {
        lines.push(format!("联系：{}", contact.join("，")));
    }
    if !r.note.is_empty() {
        lines.push(format!("说明：{}", r.note));
    }
    if let Some(f) = r.fee_yuan {
        lines.push(format!("费用：{f:.2} 元"));
    }
    if let Some(reason) = &r.reject_reason {
        lines.push(format!("拒绝原因：{reason}"));
    }
    match (&r.job, &r.shipment) {
        (Some(j), Some(s)) => lines.push(format!("补印作业 {j}，发运单 {s}")),
        (Some(j), None) => lines.push(format!("补印作业 {j}")),
        _ => {}
    }
    lines.push(format!("来源 {}；登记 {}；更新 {}", r.source, zone.show(&r.created_at), zone.show(&r.updated_at)));
    lines.extend(r.warnings.iter().map(|w| format!("注意：{w}")));
    lines.join("\n")
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
    if station.is_empty() { operator.to_string() } else { format!("{operator}（{station}）") }
}

pub fn corrections(list: &[CorrectionLine], zone: Zone) -> Rows {
    list.iter()
        .map(|c| {
            let r = &c.record;
            vec![
                r.school.clone(),
                r.xh.clone(),
                texts::correction_field(&r.field),
                r.old_value.clone(),
                r.new_value.clone(),
                r.source.clone(),
                r.applied_by.clone(),
                zone.show(&r.applied_at),
                c.reprint_job
                    .map(|j| j.to_string())
                    .unwrap_or_else(|| if r.awaiting_reprint { "待补印".into() } else { String::new() }),
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
    let mut s = format!(
        "承诺：采集后 {} 个工作日寄出；补印与勘误自申请之日起 {} 个工作日。",
        r.promise_working_days, r.reprint_promise_working_days
    );
    if !r.calendar_missing_years.is_empty() {
        let years: Vec<String> = r.calendar_missing_years.iter().map(|y| y.to_string()).collect();
        s += &format!("节假日表缺少 {} 年，这些年份只按周末计算。", years.join("、"));
    }
    if r.lines.is_empty() {
        s += "没有逾期或一周内到期的工作。";
    }
    s
}

pub fn due(r: &DueReport) -> Rows {
    use crate::app::reports::DueWork;
    r.lines
        .iter()
        .map(|d| {
            let what = match d.work {
                DueWork::Job => format!("作业 {}", d.job.map(|j| j.to_string()).unwrap_or_default()),
                DueWork::NotInAJob => format!("{} 名学生未排作业", d.students),
                DueWork::ReprintJob => format!("补印作业 {}", d.job.map(|j| j.to_string()).unwrap_or_default()),
                DueWork::Request => format!("补印申请 {}", d.request.map(|r| r.to_string()).unwrap_or_default()),
                DueWork::CorrectionJob => format!("勘误重印 {}", d.job.map(|j| j.to_string()).unwrap_or_default()),
                DueWork::Correction => format!("{} 条勘误待重印", d.students),
            };
            let left = if d.late {
                format!("逾期 {} 个工作日", d.overdue_working_days)
            } else {
                d.working_days_left.to_string()
            };
            let state = match (&d.progress, &d.request_status, d.work) {
                (Some(p), _, _) => job_state(p),
                (None, Some(status), _) => texts::request_status(*status),
                (None, None, DueWork::NotInAJob) => "尚未排作业".into(),
                (None, None, DueWork::Correction) => "等待重印作业".into(),
                _ => d.status.clone(),
            };
            vec![what, d.school.clone(), d.since.to_string(), d.due.to_string(), left, state]
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
                c.printed_at.join("、"),
                c.packed_at.join("、"),
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
        let (_, rows) = batch_report(&report);
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
                id: 1,
                school: "10418".into(),
                cjm: "Hx4KcUcseltovhGV".into(),
                xh: "2020001".into(),
                field: "bh".into(),
                old_value: "软工1班".into(),
                new_value: "软工2班".into(),
                source: "勘误表.xlsx".into(),
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
