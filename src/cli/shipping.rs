//! The mailroom commands: `shipment ...`, `scan` and `report ...`.

use super::output::{self, Format, Report, emit, say};
use super::{ReportCmd, ShipmentCmd};
use crate::app::printing::FileSent;
use crate::app::scan::ScanOutcome;
use crate::app::shipments::{self, CreateShipment, Papers, ShipmentLine, ShipmentView};
use crate::app::{Outcome, Workspace, reports};
use crate::domain::shipment::ScanResult;
use crate::error::Result;
use crate::words;
use serde::Serialize;

impl Report for ShipmentView {
    fn human(&self) {
        show(self);
    }
}

fn show(v: &ShipmentView) {
    say!("shipment {}  {}  to {} {}", v.id, v.state, v.school, v.school_name);
    say!("  recipient: {}  {}  {} {}", v.recipient.name, v.recipient.address, v.recipient.contact, v.recipient.phone);
    if let Some(t) = &v.tracking {
        say!("  tracking:  {} {}", v.carrier.as_deref().unwrap_or(""), t);
    }
    say!("  packets:   {} of {} scanned, {}", v.scanned, v.expected, words::count(v.students, "student", "students"));
    for p in &v.packets {
        let students = words::count(p.students, "student", "students");
        say!("    {} {} {} ({students}) {}", if p.scanned { "✓" } else { " " }, p.barcode, p.class, p.job);
    }
    for w in &v.warnings {
        eprintln!("warning: {w}");
    }
    if !v.missing.is_empty() {
        say!("  missing:   {}", v.missing.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", "));
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
            let job = f.printer_job_id.map(|id| format!(" (printer job {id})")).unwrap_or_default();
            say!("{} sent to {}{job}: {} {}", f.file, f.printer, f.state, f.message);
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
            "shipment {} to {} {}: {} expected",
            v.id,
            v.school,
            v.school_name,
            words::count(v.expected as i64, "packet", "packets")
        );
        for w in &v.warnings {
            eprintln!("warning: {w}");
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
        output::table(&["shipment", "school", "recipient", "state", "scanned", "tracking", "created"], &rows);
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
            "as of {}: promise {} working days from collection; reprints and corrections {} from the day they came",
            r.today,
            r.promise_working_days,
            r.reprint_promise_working_days
        );
        if !r.calendar_missing_years.is_empty() {
            let years: Vec<String> = r.calendar_missing_years.iter().map(|y| y.to_string()).collect();
            say!("warning: the holiday calendar has no entry for {}; weekends only there", years.join(", "));
        }
        let rows: Vec<Vec<String>> = r
            .lines
            .iter()
            .map(|l| {
                let what = match (l.work, &l.job, &l.request) {
                    (reports::DueWork::NotInAJob, _, _) => "students in no job".to_string(),
                    (reports::DueWork::Correction, _, _) => "corrections".to_string(),
                    (reports::DueWork::ReprintJob, Some(j), _) => format!("reprint job {j}"),
                    (reports::DueWork::CorrectionJob, Some(j), _) => format!("correction job {j}"),
                    (_, Some(j), _) => format!("job {j}"),
                    (_, None, Some(r)) => format!("request {r}"),
                    (_, None, None) => "-".to_string(),
                };
                let left = if l.late {
                    format!("overdue {}", crate::words::count(l.overdue_working_days, "working day", "working days"))
                } else {
                    crate::words::count(l.working_days_left, "working day", "working days")
                };
                vec![what, l.school.clone(), l.since.to_string(), l.due.to_string(), left, l.status.clone()]
            })
            .collect();
        output::table(&["work", "school", "since", "due", "left", "status"], &rows);
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
        output::table(
            &[
                "school",
                "name",
                "imported",
                "printed",
                "packed",
                "shipped",
                "delivered",
                "open requests",
                "printed at",
                "packed at",
            ],
            &rows,
        );
    }
}
