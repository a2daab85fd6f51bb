//! The mailroom commands: `shipment ...`, `scan` and `report ...`.

use super::output::{self, Format, Report, emit, say};
use super::{ReportCmd, ShipmentCmd};
use crate::app::printing::FileSent;
use crate::app::scan::ScanOutcome;
use crate::app::shipments::{self, CreateShipment, Papers, ShipmentLine, ShipmentView};
use crate::app::{Outcome, Workspace, reports};
use crate::domain::shipment::ScanResult;
use crate::error::Result;
use serde::Serialize;

impl Report for ShipmentView {
    fn human(&self) {
        show(self);
    }
}

fn show(v: &ShipmentView) {
    say!(
        "{}",
        crate::msg!(
            "desk-shipment-title",
            shipment = v.id.to_string(),
            state = v.progress.state.to_string(),
            school = &v.school,
            name = &v.school_name
        )
    );
    say!(
        "  {}",
        crate::msg!(
            "desk-shipment-recipient",
            name = &v.recipient.name,
            address = &v.recipient.address,
            contact = &v.recipient.contact,
            phone = &v.recipient.phone
        )
    );
    if let Some(t) = &v.progress.tracking {
        say!(
            "  {}",
            crate::msg!("desk-shipment-tracking", carrier = v.progress.carrier.as_deref().unwrap_or(""), tracking = t)
        );
    }
    say!(
        "  {}",
        crate::msg!("desk-shipment-packets", scanned = v.scanned, expected = v.expected, students = v.students)
    );
    for p in &v.packets {
        let students = crate::msg!("desk-count-students", students = p.students);
        say!("    {} {} {} ({students}) {}", if p.scanned { "✓" } else { " " }, p.barcode, p.class, p.job);
    }
    for w in &v.warnings {
        eprintln!("{}", crate::msg!("desk-warning", warning = w.to_string()));
    }
    if !v.missing.is_empty() {
        let codes = v.missing.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", ");
        say!("  {}", crate::msg!("desk-shipment-missing", codes = codes));
    }
    for d in &v.documents {
        say!("  {d}");
    }
}

pub fn shipment(cmd: ShipmentCmd, ws: &Workspace, fmt: Format) -> Result<Outcome> {
    let v = match cmd {
        ShipmentCmd::Create { school, jobs, to, recipient, phone } => {
            let v = shipments::create(
                ws,
                &CreateShipment {
                    school,
                    jobs: jobs.iter().map(|j| j.parse()).collect::<Result<_, _>>()?,
                    to,
                    recipient,
                    phone,
                },
            )?;
            return Ok(emit(&Opened(v), fmt));
        }
        ShipmentCmd::List { status } => {
            return Ok(emit(&shipments::list(ws, status.as_deref().map(shipments::state_filter).transpose()?)?, fmt));
        }
        ShipmentCmd::Show { id } => shipments::show(ws, id.parse()?)?,
        ShipmentCmd::Seal { id, force, reason } => shipments::seal(ws, id.parse()?, force, reason.as_deref())?,
        ShipmentCmd::Ship { id, tracking, carrier, force: _, reason } => {
            shipments::ship(ws, id.parse()?, tracking.as_deref(), carrier.as_deref(), reason.as_deref())?
        }
        ShipmentCmd::Deliver { id } => shipments::deliver(ws, id.parse()?)?,
        ShipmentCmd::Return { id, reason } => shipments::return_shipment(ws, id.parse()?, &reason)?,
        ShipmentCmd::Documents { id } => shipments::documents(ws, id.parse()?)?,
        ShipmentCmd::Print { id, printer, packing_lists } => {
            let papers = if packing_lists { Papers::PackingLists } else { Papers::Label };
            return Ok(emit(&shipments::print_papers(ws, id.parse()?, &printer, papers)?, fmt));
        }
    };
    Ok(emit(&v, fmt))
}

impl Report for Vec<FileSent> {
    fn human(&self) {
        for f in self {
            let job = f.printer_job_id.map(|id| crate::msg!("desk-printer-job-paren", id = id.to_string()).to_string());
            say!(
                "{}",
                crate::msg!(
                    "desk-file-sent",
                    file = f.file.to_string(),
                    printer = &f.printer,
                    job = job.unwrap_or_default(),
                    state = f.state.to_string(),
                    message = &f.message
                )
            );
        }
    }
}

/// A shipment just opened: its id, and on stderr what it expects.
#[derive(Serialize)]
#[serde(transparent)]
struct Opened(ShipmentView);

impl Report for Opened {
    fn human(&self) {
        let v = &self.0;
        say!("{}", v.id);
        eprintln!(
            "{}",
            crate::msg!(
                "desk-shipment-opened",
                shipment = v.id.to_string(),
                school = &v.school,
                name = &v.school_name,
                packets = v.expected
            )
        );
        for w in &v.warnings {
            eprintln!("{}", crate::msg!("desk-warning", warning = w.to_string()));
        }
    }
}

impl Report for Vec<ShipmentLine> {
    fn human(&self) {
        let rows: Vec<Vec<String>> = self
            .iter()
            .map(|s| {
                vec![
                    s.id.to_string(),
                    s.school.clone(),
                    s.recipient.clone(),
                    s.state.to_string(),
                    format!("{}/{}", s.scanned, s.packets),
                    s.tracking.clone().unwrap_or_else(|| "-".into()),
                    output::time(&s.created_at),
                ]
            })
            .collect();
        output::table_tr(
            &[
                "desk-col-shipment",
                "desk-col-school",
                "desk-col-recipient",
                "desk-col-state",
                "desk-col-scanned",
                "desk-col-tracking",
                "desk-col-created",
            ],
            &rows,
        );
    }
}

impl Report for ScanOutcome {
    fn human(&self) {
        let o = self;
        let line = match o.result {
            ScanResult::Accepted => crate::msg!("scan-line-accepted", message = &o.message),
            ScanResult::Confirmed => crate::msg!("scan-line-confirmed", message = &o.message),
            ScanResult::Refused => crate::msg!("scan-line-refused", message = &o.message),
            ScanResult::Shown => crate::msg!("scan-line-shown", message = &o.message),
        };
        say!("{line}");
    }

    fn outcome(&self) -> Outcome {
        ScanOutcome::outcome(self)
    }
}

pub fn report(cmd: ReportCmd, ws: &Workspace, fmt: Format) -> Result<Outcome> {
    match cmd {
        ReportCmd::Due { today } => {
            let day = match today {
                Some(d) => reports::parse_day(&d)?,
                None => ws.zone().today(),
            };
            Ok(emit(&reports::due(ws, day)?, fmt))
        }
        ReportCmd::Schools => Ok(emit(&reports::schools(ws)?, fmt)),
    }
}

impl Report for reports::DueReport {
    fn human(&self) {
        let r = self;
        say!(
            "{}",
            crate::msg!(
                "desk-due-header",
                today = r.today.to_string(),
                days = r.promise_working_days.to_string(),
                reprint_days = r.reprint_promise_working_days.to_string()
            )
        );
        if !r.calendar_missing_years.is_empty() {
            let years: Vec<String> = r.calendar_missing_years.iter().map(|y| y.to_string()).collect();
            say!("{}", crate::msg!("desk-due-calendar-missing", years = years.join(", ")));
        }
        let rows: Vec<Vec<String>> = r
            .lines
            .iter()
            .map(|l| {
                let what = match (l.work, &l.job, &l.request) {
                    (reports::DueWork::NotInAJob, _, _) => crate::i18n::tr("desk-due-not-in-a-job"),
                    (reports::DueWork::Correction, _, _) => crate::i18n::tr("desk-due-corrections"),
                    (reports::DueWork::ReprintJob, Some(j), _) => {
                        crate::msg!("desk-due-reprint-job", job = j.to_string()).to_string()
                    }
                    (reports::DueWork::CorrectionJob, Some(j), _) => {
                        crate::msg!("desk-due-correction-job", job = j.to_string()).to_string()
                    }
                    (_, Some(j), _) => crate::msg!("desk-due-job", job = j.to_string()).to_string(),
                    (_, None, Some(r)) => crate::msg!("desk-due-request", request = r.to_string()).to_string(),
                    (_, None, None) => "-".to_string(),
                };
                let left = if l.late {
                    crate::msg!("desk-due-overdue", days = l.overdue_working_days).to_string()
                } else {
                    crate::msg!("desk-due-days-left", days = l.working_days_left).to_string()
                };
                vec![what, l.school.clone(), l.since.to_string(), l.due.to_string(), left, l.status_words()]
            })
            .collect();
        output::table_tr(
            &["desk-col-work", "desk-col-school", "desk-col-since", "desk-col-due", "desk-col-left", "desk-col-status"],
            &rows,
        );
    }
}

impl Report for Vec<crate::store::SchoolCounts> {
    fn human(&self) {
        let rows: Vec<Vec<String>> = self
            .iter()
            .map(|s| {
                vec![
                    s.school.clone(),
                    s.name.clone(),
                    s.imported.to_string(),
                    s.printed.to_string(),
                    s.packed.to_string(),
                    s.shipped.to_string(),
                    s.delivered.to_string(),
                    s.open_requests.to_string(),
                    s.printed_at.join(", "),
                    s.packed_at.join(", "),
                ]
            })
            .collect();
        output::table_tr(
            &[
                "desk-col-school",
                "desk-col-name",
                "desk-col-imported",
                "desk-col-printed",
                "desk-col-packed",
                "desk-col-shipped",
                "desk-col-delivered",
                "desk-col-open-requests",
                "desk-col-printed-at",
                "desk-col-packed-at",
            ],
            &rows,
        );
    }
}
