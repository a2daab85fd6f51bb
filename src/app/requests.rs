//! Reprint requests (补洗/补片): `request add|import|match|approve|reject|print|ship|close|
//! list|show`. A request arrives with what the student or school gave to identify the
//! student; it is matched when that points at exactly one student, and otherwise waits, with
//! the candidates, for an administrator. Every step follows `domain::request` and is written
//! to the audit log in the same transaction, so each request can be traced from arrival to
//! closing. A full ID number is cut to its last 4 before anything is stored.

use super::Outcome;
use super::jobs::{self, JobPurpose, JobRequest};
use super::shipments::{self, CreateShipment};
use super::{Workspace, schools};
use crate::domain::id_number;
use crate::domain::ids::{JobCode, RequestId, ShipmentCode};
use crate::domain::name;
use crate::domain::request::{self, RequestAction, RequestKind, RequestStatus, Requester};
use crate::domain::shipment::ShipmentState;
use crate::domain::student::{self, Field};
use crate::error::{Error, Result};
use crate::i18n::{Arg, Msg};
use crate::import::Finding;
use crate::import::table::{self, Column};
use crate::msg;
use crate::store::{AuditEntry, Candidate, NewRequest, RequestRecord, Tx};
use serde::Serialize;
use std::path::Path;

fn subject(id: i64) -> String {
    format!("request {}", RequestId(id))
}

/// What a request says, unchecked: from the command line or one row of a school's table.
#[derive(Debug, Clone, Default)]
pub struct RequestInput {
    pub kind: String,
    pub school: String,
    pub xh: Option<String>,
    pub cjm: Option<String>,
    /// The last 4 of the ID number, or the whole number (cut before it is stored).
    pub id_number: Option<String>,
    pub name: Option<String>,
    pub requester: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub contact: Option<String>,
    pub note: Option<String>,
    /// Where it was taken in, kept with it; empty means the command line.
    pub source: String,
}

fn clean(v: &Option<String>) -> Option<String> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Check a request and put it in the store form; any message names the field.
fn checked(input: &RequestInput, source: &str) -> std::result::Result<(NewRequest, Vec<String>), Msg> {
    let kind = RequestKind::parse(&input.kind)?;
    let requester = Requester::parse(&input.requester)?;
    let school = crate::domain::SchoolCode::parse(&input.school)?;
    let mut warnings = Vec::new();
    let xh = clean(&input.xh)
        .map(|x| student::check_student_number(&x))
        .transpose()
        .map_err(|e| msg!("request-bad-xh", error = e))?;
    let cjm = clean(&input.cjm)
        .map(|c| student::check_cjm(&c))
        .transpose()
        .map_err(|e| msg!("request-bad-cjm", error = e))?;
    let id_last4 = match clean(&input.id_number) {
        Some(z) => {
            let id = id_number::last4(&z).map_err(|e| msg!("request-bad-id-number", error = e))?;
            warnings.extend(id.warning);
            Some(id.last4)
        }
        None => None,
    };
    let given_name = clean(&input.name);
    if let Some(n) = &given_name
        && !name::is_masked(n)
        && n.chars().count() > 1
    {
        // Names on requests are compared with the masked names we hold; keep only the mask.
        warnings.push(msg!("request-name-in-full", masked = name::mask(n)).to_string());
    }
    let given_name = given_name.map(|n| if name::is_masked(&n) { n } else { name::mask(&n) });
    if xh.is_none() && cjm.is_none() && !(id_last4.is_some() && given_name.is_some()) {
        return Err(msg!("request-which-student"));
    }
    Ok((
        NewRequest {
            kind: kind.as_str().into(),
            school: school.as_str().into(),
            given_xh: xh,
            given_cjm: cjm,
            given_id_last4: id_last4,
            given_name,
            requester: requester.as_str().into(),
            address: clean(&input.address),
            phone: clean(&input.phone),
            contact: clean(&input.contact),
            note: clean(&input.note).unwrap_or_default(),
            source: source.to_string(),
        },
        warnings,
    ))
}

/// What a request gave to find its student.
struct Identifiers<'a> {
    school: &'a str,
    xh: Option<&'a str>,
    cjm: Option<&'a str>,
    id_last4: Option<&'a str>,
    name: Option<&'a str>,
}

impl<'a> Identifiers<'a> {
    fn of(r: &'a NewRequest) -> Self {
        Identifiers {
            school: &r.school,
            xh: r.given_xh.as_deref(),
            cjm: r.given_cjm.as_deref(),
            id_last4: r.given_id_last4.as_deref(),
            name: r.given_name.as_deref(),
        }
    }
}

/// The students that agree with every identifier a request gave, and those that agree with
/// any one of them (to show an administrator when there is not exactly one).
fn candidates_for(tx: &Tx<'_>, g: &Identifiers<'_>) -> Result<(Vec<Candidate>, Vec<Candidate>)> {
    let any = tx.request_candidates(g.school, g.xh, g.cjm, g.id_last4)?;
    let agrees = |c: &Candidate| {
        g.xh.is_none_or(|x| x == c.xh)
            && g.cjm.is_none_or(|x| x == c.cjm)
            && g.id_last4.is_none_or(|x| x == c.zjhm4)
            && g.name.is_none_or(|n| n == c.xm || name::agrees(n, &c.xm) || name::agrees(&c.xm, n))
    };
    let all: Vec<Candidate> = any.iter().filter(|c| agrees(c)).cloned().collect();
    Ok((all, any))
}

fn candidates(tx: &Tx<'_>, r: &RequestRecord) -> Result<(Vec<Candidate>, Vec<Candidate>)> {
    candidates_for(tx, &Identifiers::of(&r.asked))
}

/// The same student asking twice for the same kind of reprint is a request entered twice: refuse
/// it, naming the request that is still open.
fn refuse_duplicate(tx: &Tx<'_>, kind: &str, cjm: &str, except: Option<i64>) -> Result<()> {
    let open: Vec<String> = tx
        .requests_for(cjm, kind)?
        .into_iter()
        .filter(|o| Some(o.id) != except && o.status.is_open())
        .map(|o| {
            msg!(
                "request-open-line",
                request = RequestId(o.id).to_string(),
                status = o.status.word(),
                source = &o.asked.source
            )
            .to_string()
        })
        .collect();
    if open.is_empty() {
        return Ok(());
    }
    let xh = tx.student(cjm)?.map(|s| s.student.xh).unwrap_or_default();
    Err(msg!("request-duplicate", xh = xh, kind = kind_word(kind), open = open.join(", ")).into())
}

/// When a request's 学号 matches no student, the stored 学号 of its school closest to it.
fn close_student_numbers(tx: &Tx<'_>, school: &str, xh: &str) -> Result<Vec<String>> {
    let code = schools::parse_code(school)?;
    let stored = tx.students_of_school(&code, &[])?;
    Ok(crate::domain::suggest::closest(xh, stored.iter().map(|s| s.student.xh.as_str()), 3)
        .into_iter()
        .map(str::to_string)
        .collect())
}

/// Record a checked request, and match it when it points at exactly one student. A request
/// that would duplicate an open one for the same student and kind is refused before anything
/// is written.
fn insert(tx: &Tx<'_>, operator: &str, new: &NewRequest) -> Result<i64> {
    let (all, _) = candidates_for(tx, &Identifiers::of(new))?;
    let only = match all.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    };
    if let Some(c) = &only {
        refuse_duplicate(tx, &new.kind, &c.cjm, None)?;
    }
    let id = tx.insert_request(new)?;
    tx.audit(
        operator,
        "request.add",
        &subject(id),
        &match Requester::parse(&new.requester) {
            Ok(Requester::Student) => Msg::new("audit-request-add-student"),
            _ => Msg::new("audit-request-add-school"),
        }
        .arg("kind", kind_word(&new.kind))
        .arg("school", &new.school)
        .arg("source", &new.source)
        .to_string(),
    )?;
    if let Some(only) = only {
        // A new request is received; matching it is the table's first step.
        let matched = RequestStatus::Received.after(RequestAction::Match).map_err(Error::Message)?;
        tx.set_request_student(id, &only.cjm, matched)?;
        tx.audit(
            operator,
            "request.match",
            &subject(id),
            &msg!("audit-request-matched-auto", xh = &only.xh, cjm = &only.cjm).to_string(),
        )?;
    }
    Ok(id)
}

#[derive(Debug, Serialize)]
pub struct RequestView {
    pub id: RequestId,
    pub kind: String,
    pub school: String,
    pub status: RequestStatus,
    pub requester: String,
    pub given: Given,
    /// The student, once matched.
    pub student: Option<Candidate>,
    /// When not matched: students that agree with what was given, or with part of it.
    pub candidates: Vec<Candidate>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub contact: Option<String>,
    pub note: String,
    pub fee_yuan: Option<f64>,
    pub reject_reason: Option<String>,
    pub job: Option<JobCode>,
    pub shipment: Option<ShipmentCode>,
    pub source: String,
    pub created_at: String,
    pub updated_at: String,
    pub warnings: Vec<String>,
    /// Every change, oldest first: who, when, what.
    pub history: Vec<AuditEntry>,
}

#[derive(Debug, Serialize)]
pub struct Given {
    pub xh: Option<String>,
    pub cjm: Option<String>,
    pub id_last4: Option<String>,
    pub name: Option<String>,
}

fn view(tx: &Tx<'_>, r: &RequestRecord, warnings: Vec<String>) -> Result<RequestView> {
    let (all, any) = candidates(tx, r)?;
    let student = match &r.cjm {
        Some(cjm) => tx.student(cjm)?.map(|s| Candidate {
            cjm: s.student.cjm.clone(),
            xh: s.student.xh.clone(),
            xm: s.student.xm.clone(),
            bh: s.student.bh.clone(),
            zjhm4: s.student.zjhm4.clone(),
        }),
        None => None,
    };
    Ok(RequestView {
        id: RequestId(r.id),
        kind: r.asked.kind.clone(),
        school: r.asked.school.clone(),
        status: r.status,
        requester: r.asked.requester.clone(),
        given: Given {
            xh: r.asked.given_xh.clone(),
            cjm: r.asked.given_cjm.clone(),
            id_last4: r.asked.given_id_last4.clone(),
            name: r.asked.given_name.clone(),
        },
        candidates: if student.is_some() {
            Vec::new()
        } else if all.len() > 1 {
            all
        } else {
            any
        },
        student,
        address: r.asked.address.clone(),
        phone: r.asked.phone.clone(),
        contact: r.asked.contact.clone(),
        note: r.asked.note.clone(),
        fee_yuan: r.fee_cents.map(|c| c as f64 / 100.0),
        reject_reason: r.reject_reason.clone(),
        job: r.job_id.map(JobCode),
        shipment: r.shipment_id.map(ShipmentCode),
        source: r.asked.source.clone(),
        created_at: r.created_at.clone(),
        updated_at: r.updated_at.clone(),
        warnings,
        history: tx.audit_entries(Some(&subject(r.id)))?,
    })
}

fn load(tx: &Tx<'_>, id: RequestId) -> Result<RequestRecord> {
    tx.request(id.row())?.ok_or_else(|| msg!("request-unknown", request = id.to_string()).into())
}

fn step(r: &RequestRecord, action: RequestAction) -> Result<RequestStatus> {
    r.status.after(action).map_err(|e| msg!("request-refused", request = RequestId(r.id).to_string(), why = e).into())
}

pub fn add(ws: &Workspace, input: &RequestInput) -> Result<RequestView> {
    let source = match input.source.trim() {
        "" => crate::i18n::tr("source-command-line"),
        given => given.to_string(),
    };
    let (new, warnings) = checked(input, &source)?;
    let mut store = ws.store()?;
    let tx = store.write()?;
    schools::require(&tx, &schools::parse_code(&new.school)?)?;
    let id = insert(&tx, &ws.settings.operator(), &new)?;
    let r = tx.request(id)?.ok_or_else(|| Error::from(msg!("request-vanished")))?;
    let mut warnings = warnings;
    warnings.extend(unmatched_hint(&tx, &r)?);
    let v = view(&tx, &r, warnings)?;
    tx.commit()?;
    Ok(v)
}

/// For a request whose 学号 matched nobody: the closest stored 学号, as a hint to check.
fn unmatched_hint(tx: &Tx<'_>, r: &RequestRecord) -> Result<Option<String>> {
    let Some(xh) = r.asked.given_xh.as_deref().filter(|_| r.cjm.is_none()) else { return Ok(None) };
    if tx.codes_with_student_number(&schools::parse_code(&r.asked.school)?, xh)?.is_empty() {
        let close = close_student_numbers(tx, &r.asked.school, xh)?;
        let hint = if close.is_empty() {
            msg!("request-no-student-hint", school = &r.asked.school, xh = xh)
        } else {
            msg!("request-no-student-closest", school = &r.asked.school, xh = xh, close = close.join(", "))
        };
        return Ok(Some(hint.to_string()));
    }
    Ok(None)
}

#[derive(Debug, Serialize)]
pub struct ImportReport {
    pub file: String,
    pub added: Vec<RequestView>,
    pub refused: Vec<Finding>,
    pub warnings: Vec<Finding>,
}

impl ImportReport {
    /// Partly done when some rows were refused.
    pub fn outcome(&self) -> Outcome {
        Outcome::refusing(self.refused.len())
    }
}

/// The columns of a school's request table beyond those every table has.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Extra {
    Kind,
    Requester,
    Address,
    Phone,
    Contact,
    Note,
}

const EXTRA_HEADERS: &[(Extra, &[&str])] = &[
    (Extra::Kind, &["类型", "申请类型", "补洗类型", "原因", "kind"]),
    (Extra::Requester, &["申请人", "申请方", "requester"]),
    (Extra::Address, &["地址", "邮寄地址", "收件地址", "address"]),
    (Extra::Phone, &["电话", "联系电话", "手机", "手机号", "phone"]),
    (Extra::Contact, &["联系人", "收件人", "contact"]),
    (Extra::Note, &["备注", "说明", "note"]),
];

fn extra_for(header: &str) -> Option<Extra> {
    let h = table::normalise_header(header);
    EXTRA_HEADERS.iter().find(|(_, names)| names.contains(&h.as_str())).map(|(e, _)| *e)
}

/// A school's table of requests: each row is checked on its own; good rows are added (and
/// matched where they can be), bad rows are named with the reason. All in one transaction.
pub fn import(ws: &Workspace, path: &Path, school: Option<&str>) -> Result<ImportReport> {
    let (file, grid) = table::read_file(path, None)?;
    let header = table::find_header(&grid, &file).map_err(Error::Input)?;
    let extras: Vec<(Extra, usize)> =
        grid.rows[header.index].1.iter().enumerate().filter_map(|(i, h)| extra_for(h).map(|e| (e, i))).collect();
    if school.is_none() && !header.has(Column::Code(Field::Yxdm)) {
        return Err(msg!("request-table-no-school", file = &file).into());
    }
    let mut store = ws.store()?;
    let tx = store.write()?;
    if let Some(s) = school {
        schools::require(&tx, &schools::parse_code(s)?)?;
    }
    let operator = ws.settings.operator();
    let mut report = ImportReport { file: file.clone(), added: Vec::new(), refused: Vec::new(), warnings: Vec::new() };
    for (line, cells) in &grid.rows[header.index + 1..] {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let get = |c: Column| Some(header.get(cells, c).to_string()).filter(|s| !s.is_empty());
        let extra = |e: Extra| {
            extras.iter().find(|(x, _)| *x == e).and_then(|(_, i)| cells.get(*i)).map(|s| s.trim().to_string())
        };
        let row_school = get(Column::Code(Field::Yxdm));
        if let (Some(given), Some(row)) = (school, &row_school)
            && given.trim() != row
        {
            report.refused.push(Finding::new(&file, Some(*line), None, format!("院校代码 is {row}, not {given}")));
            continue;
        }
        let input = RequestInput {
            kind: extra(Extra::Kind).unwrap_or_default(),
            school: row_school.or(school.map(str::to_string)).unwrap_or_default(),
            xh: get(Column::Code(Field::Xh)),
            cjm: get(Column::Code(Field::Cjm)),
            id_number: get(Column::Code(Field::Zjhm)),
            name: get(Column::Code(Field::Xm)),
            requester: extra(Extra::Requester).unwrap_or_else(|| "school".into()),
            address: extra(Extra::Address),
            phone: extra(Extra::Phone),
            contact: extra(Extra::Contact),
            note: extra(Extra::Note),
            source: String::new(),
        };
        let source = crate::msg!("source-table-row", file = &file, row = *line).to_string();
        let (new, warnings) = match checked(&input, &source) {
            Ok(x) => x,
            Err(e) => {
                report.refused.push(Finding::new(&file, Some(*line), None, e));
                continue;
            }
        };
        if tx.school(&schools::parse_code(&new.school)?)?.is_none() {
            report.refused.push(Finding::new(
                &file,
                Some(*line),
                None,
                msg!("request-school-not-registered", school = &new.school),
            ));
            continue;
        }
        for w in &warnings {
            report.warnings.push(Finding::new(&file, Some(*line), None, w.clone()));
        }
        let id = match insert(&tx, &operator, &new) {
            Ok(id) => id,
            Err(Error::Input(why)) => {
                report.refused.push(Finding::new(&file, Some(*line), None, why));
                continue;
            }
            Err(Error::Message(why)) => {
                report.refused.push(Finding::new(&file, Some(*line), None, why));
                continue;
            }
            Err(e) => return Err(e),
        };
        let r = tx.request(id)?.ok_or_else(|| Error::from(msg!("request-vanished")))?;
        let mut warnings = warnings;
        if let Some(hint) = unmatched_hint(&tx, &r)? {
            report.warnings.push(Finding::new(&file, Some(*line), None, hint.clone()));
            warnings.push(hint);
        }
        report.added.push(view(&tx, &r, warnings)?);
    }
    tx.commit()?;
    Ok(report)
}

/// One step of a request in one transaction: check the step is allowed from its status, do
/// it, and write the audit entry `do_it` describes.
fn act(
    ws: &Workspace,
    id: RequestId,
    action: RequestAction,
    audit_action: &str,
    do_it: impl FnOnce(&Tx<'_>, &RequestRecord, RequestStatus) -> Result<Msg>,
) -> Result<RequestView> {
    let mut store = ws.store()?;
    let tx = store.write()?;
    let r = load(&tx, id)?;
    let next = step(&r, action)?;
    let detail = do_it(&tx, &r, next)?;
    // The log keeps the words of the station that did it.
    tx.audit(&ws.settings.operator(), audit_action, &subject(r.id), &detail.to_string())?;
    let v = view(&tx, &load(&tx, id)?, Vec::new())?;
    tx.commit()?;
    Ok(v)
}

/// Settle an unmatched (or wrongly matched) request by the student's 学号.
pub fn match_student(ws: &Workspace, id: RequestId, xh: &str) -> Result<RequestView> {
    act(ws, id, RequestAction::Match, "request.match", |tx, r, next| {
        let found: Vec<_> = tx
            .students_of_school(&schools::parse_code(&r.asked.school)?, &[])?
            .into_iter()
            .filter(|s| s.student.xh == xh.trim())
            .collect();
        let s = match found.as_slice() {
            [only] => only,
            [] => {
                let close = close_student_numbers(tx, &r.asked.school, xh.trim())?;
                return Err(if close.is_empty() {
                    msg!("request-match-none", school = &r.asked.school, xh = xh.trim())
                } else {
                    msg!(
                        "request-match-did-you-mean",
                        school = &r.asked.school,
                        xh = xh.trim(),
                        close = schools::or_list(close).unwrap_or(Arg::Text(String::new()))
                    )
                }
                .into());
            }
            _ => {
                return Err(msg!("request-match-many", school = &r.asked.school, count = found.len(), xh = xh).into());
            }
        };
        refuse_duplicate(tx, &r.asked.kind, &s.student.cjm, Some(r.id))?;
        tx.set_request_student(r.id, &s.student.cjm, next)?;
        Ok(msg!("audit-request-matched-by-hand", xh = &s.student.xh, cjm = &s.student.cjm))
    })
}

/// Approve with the fee for its kind from the settings, unless one is given.
pub fn approve(ws: &Workspace, id: RequestId, fee_yuan: Option<f64>) -> Result<RequestView> {
    let fees = &ws.settings.requests;
    act(ws, id, RequestAction::Approve, "request.approve", |tx, r, next| {
        let yuan = fee_yuan.unwrap_or(match RequestKind::parse(&r.asked.kind)? {
            RequestKind::Lost => fees.fee_lost,
            RequestKind::Missing => fees.fee_missing,
            RequestKind::Damaged => fees.fee_damaged,
        });
        let cents = request::fee_cents(yuan)?;
        tx.approve_request(r.id, next, cents)?;
        Ok(msg!("audit-request-fee", yuan = format!("{:.2}", cents as f64 / 100.0)))
    })
}

pub fn reject(ws: &Workspace, id: RequestId, reason: &str) -> Result<RequestView> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(msg!("request-reject-needs-reason").into());
    }
    act(ws, id, RequestAction::Reject, "request.reject", |tx, r, next| {
        tx.reject_request(r.id, next, reason)?;
        Ok(msg!("audit-request-rejected", reason = reason))
    })
}

/// Make the reprint job for the request's student through the job services. The request is
/// `printing` until that job has printed.
pub fn print(ws: &Workspace, id: RequestId, layout: Option<&str>) -> Result<RequestView> {
    act(ws, id, RequestAction::Print, "request.print", |tx, r, next| {
        let cjm = r
            .cjm
            .clone()
            .ok_or_else(|| Error::from(msg!("request-no-student", request = RequestId(r.id).to_string())))?;
        let made = jobs::create_in(
            ws,
            tx,
            &JobRequest {
                school: r.asked.school.clone(),
                codes: vec![cjm],
                layout: layout.map(str::to_string),
                purpose: JobPurpose::Reprint,
                ..Default::default()
            },
        )?;
        tx.set_request_job(r.id, made.id.row(), next)?;
        Ok(msg!("audit-request-reprint-job", job = made.id.to_string()))
    })
}

/// Send the printed reprint: to the student's own address, or with the school's next shipment
/// (its open one if there is one, else a new one). A reprint still at the printer is asked
/// about first, so nobody has to run `job status` by hand.
pub fn ship(ws: &Workspace, id: RequestId) -> Result<RequestView> {
    let printing = {
        let mut store = ws.store()?;
        let tx = store.read()?;
        let r = load(&tx, id)?;
        if r.status == RequestStatus::Printing { r.job_id } else { None }
    };
    if let Some(job) = printing {
        super::printing::ensure_printed(ws, job)
            .map_err(|e| Error::from(msg!("request-not-printed", request = id.to_string(), why = e.to_string())))?;
    }
    act(ws, id, RequestAction::Ship, "request.ship", |tx, r, next| {
        if let Some(s) = r.shipment_id {
            return Err(msg!(
                "request-already-shipping",
                request = RequestId(r.id).to_string(),
                shipment = ShipmentCode(s).to_string()
            )
            .into());
        }
        let shipment = ship_in(ws, tx, r)?;
        tx.set_request_shipment(r.id, Some(shipment), next)?;
        Ok(msg!("audit-request-packed", shipment = ShipmentCode(shipment).to_string()))
    })
}

fn ship_in(ws: &Workspace, tx: &Tx<'_>, r: &RequestRecord) -> Result<i64> {
    let job = r.job_id.ok_or_else(|| Error::from(msg!("request-no-job", request = RequestId(r.id).to_string())))?;
    let job_code = JobCode(job);
    let by_job = |to: Option<String>, recipient: Option<String>| -> Result<i64> {
        let req = CreateShipment {
            school: r.asked.school.clone(),
            jobs: vec![job_code],
            to,
            recipient,
            phone: r.asked.phone.clone(),
        };
        Ok(shipments::create_in(ws, tx, &req)?.id.row())
    };
    match Requester::parse(&r.asked.requester)? {
        Requester::Student => {
            let address = r
                .asked
                .address
                .clone()
                .ok_or_else(|| Error::from(msg!("request-no-address", request = RequestId(r.id).to_string())))?;
            let recipient = r.asked.contact.clone().or(r.asked.given_name.clone()).unwrap_or_else(|| "学生".into());
            by_job(Some(address), Some(recipient))
        }
        Requester::School => {
            let open = tx
                .shipments(Some(ShipmentState::Open))?
                .into_iter()
                .find(|s| s.school == r.asked.school && !s.to_person);
            let Some(s) = open else { return by_job(None, None) };
            for p in tx.packets_of_school(&r.asked.school, &[job])? {
                if p.shipment.is_none() {
                    tx.add_shipment_packet(s.id, p.packet_id, None)?;
                }
            }
            Ok(s.id)
        }
    }
}

/// Close by hand once the shipment carrying the reprint has left; delivery closes it anyway.
pub fn close(ws: &Workspace, id: RequestId) -> Result<RequestView> {
    act(ws, id, RequestAction::Close, "request.close", |tx, r, next| {
        tx.set_request_status(r.id, next)?;
        Ok(msg!("audit-request-closed-by-hand"))
    })
}

/// A request's kind as a person reads it; a kind this program does not know, as stored.
fn kind_word(kind: &str) -> crate::i18n::Arg {
    match RequestKind::parse(kind) {
        Ok(RequestKind::Lost) => msg!("request-kind-lost").into(),
        Ok(RequestKind::Missing) => msg!("request-kind-missing").into(),
        Ok(RequestKind::Damaged) => msg!("request-kind-damaged").into(),
        Err(_) => kind.into(),
    }
}

/// Something happened to a job or shipment that requests ride on.
#[derive(Debug, Clone, Copy)]
pub(super) enum Event {
    JobPrinted(i64),
    ShipmentLeft(i64),
    ShipmentReturned(i64),
    ShipmentDelivered(i64),
}

/// Move the requests riding on a job or shipment along with it, through the same table of
/// steps as an administrator's, each step audited. Requests the event does not concern (closed
/// by hand, say) stay as they are.
pub(super) fn follow(tx: &Tx<'_>, event: Event, operator: &str) -> Result<()> {
    let shipment = |s: i64, action, audit_action, key: &'static str| -> Result<_> {
        let detail = Msg::new(key).arg("shipment", ShipmentCode(s).to_string());
        Ok((tx.requests_in_shipment(s)?, action, audit_action, detail))
    };
    let (riding, action, audit_action, detail) = match event {
        Event::JobPrinted(job) => (
            tx.requests_of_job(job)?,
            RequestAction::JobPrinted,
            "request.printed",
            msg!("audit-request-job-printed", job = JobCode(job).to_string()),
        ),
        Event::ShipmentLeft(s) => {
            shipment(s, RequestAction::ShipmentLeft, "request.shipped", "audit-request-shipment-left")?
        }
        Event::ShipmentReturned(s) => {
            shipment(s, RequestAction::ShipmentReturned, "request.returned", "audit-request-shipment-returned")?
        }
        Event::ShipmentDelivered(s) => {
            shipment(s, RequestAction::Delivered, "request.closed", "audit-request-shipment-delivered")?
        }
    };
    let detail = detail.to_string();
    for r in riding {
        let Ok(next) = r.status.after(action) else { continue };
        match event {
            Event::ShipmentReturned(_) => tx.set_request_shipment(r.id, None, next)?,
            _ => tx.set_request_status(r.id, next)?,
        }
        tx.audit(operator, audit_action, &subject(r.id), &detail)?;
    }
    Ok(())
}

/// A request status as `--status` names it.
pub fn status_filter(raw: &str) -> Result<RequestStatus> {
    RequestStatus::parse(raw).ok_or_else(|| {
        let all: Vec<&str> = RequestStatus::ALL.iter().map(|s| s.as_str()).collect();
        msg!("request-bad-status", status = raw, all = all.join(", ")).into()
    })
}

pub fn list(ws: &Workspace, status: Option<RequestStatus>, school: Option<&str>) -> Result<Vec<RequestView>> {
    let school = school.map(schools::parse_code).transpose()?;
    let mut store = ws.store()?;
    let tx = store.read()?;
    tx.requests(status, school.as_ref().map(|s| s.as_str()))?.iter().map(|r| view(&tx, r, Vec::new())).collect()
}

pub fn show(ws: &Workspace, id: RequestId) -> Result<RequestView> {
    let mut store = ws.store()?;
    let tx = store.read()?;
    let r = load(&tx, id)?;
    view(&tx, &r, Vec::new())
}
