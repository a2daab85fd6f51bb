//! The mailroom commands: `shipment ...`, `scan` and `report ...`.

use super::commands::{OK, PARTLY};
use super::output::{self, json, say};
use super::{ReportCmd, ShipmentCmd};
use crate::app::scan::ScanOutcome;
use crate::app::shipments::{self, CreateShipment, Papers, ShipmentView};
use crate::app::{Workspace, reports};
use crate::error::Result;
use crate::words;

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
        say!("  missing:   {}", v.missing.join(", "));
    }
    for d in &v.documents {
        say!("  {d}");
    }
}

pub fn shipment(cmd: ShipmentCmd, ws: &Workspace, as_json: bool) -> Result<i32> {
    let v = match cmd {
        ShipmentCmd::Create { school, jobs, to, recipient, phone } => {
            let v = shipments::create(ws, &CreateShipment { school, jobs, to, recipient, phone })?;
            if as_json {
                json(&v);
            } else {
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
            return Ok(OK);
        }
        ShipmentCmd::List { status } => {
            let list = shipments::list(ws, status.as_deref())?;
            if as_json {
                json(&list);
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|s| {
                        vec![
                            s.id.clone(),
                            s.school.clone(),
                            s.recipient.clone(),
                            s.state.clone(),
                            format!("{}/{}", s.scanned, s.packets),
                            s.tracking.clone().unwrap_or_else(|| "-".into()),
                            s.created_at.clone(),
                        ]
                    })
                    .collect();
                output::table(&["shipment", "school", "recipient", "state", "scanned", "tracking", "created"], &rows);
            }
            return Ok(OK);
        }
        ShipmentCmd::Show { id } => shipments::show(ws, &id)?,
        ShipmentCmd::Seal { id, force, reason } => shipments::seal(ws, &id, force, reason.as_deref())?,
        ShipmentCmd::Ship { id, tracking, carrier, force: _, reason } => {
            shipments::ship(ws, &id, tracking.as_deref(), carrier.as_deref(), reason.as_deref())?
        }
        ShipmentCmd::Deliver { id } => shipments::deliver(ws, &id)?,
        ShipmentCmd::Return { id, reason } => shipments::return_shipment(ws, &id, &reason)?,
        ShipmentCmd::Documents { id } => shipments::documents(ws, &id)?,
        ShipmentCmd::Print { id, printer, packing_lists } => {
            let papers = if packing_lists { Papers::PackingLists } else { Papers::Label };
            let sent = shipments::print_papers(ws, &id, &printer, papers)?;
            if as_json {
                json(&sent);
            } else {
                for f in &sent {
                    let job = f.printer_job_id.map(|id| format!(" (printer job {id})")).unwrap_or_default();
                    say!("{} sent to {}{job}: {} {}", f.file, f.printer, f.state, f.message);
                }
            }
            return Ok(OK);
        }
    };
    if as_json {
        json(&v);
    } else {
        show(&v);
    }
    Ok(OK)
}

pub fn scan(o: &ScanOutcome, as_json: bool) -> Result<i32> {
    if as_json {
        json(o);
    } else {
        match o.result {
            "accepted" => say!("OK: {}", o.message),
            "confirmed" => say!("OK (already): {}", o.message),
            "refused" => say!("REFUSED: {}", o.message),
            _ => say!("{}", o.message),
        }
    }
    Ok(if o.refused() { PARTLY } else { OK })
}

pub fn report(cmd: ReportCmd, ws: &Workspace, as_json: bool) -> Result<i32> {
    match cmd {
        ReportCmd::Due { today } => {
            let day = match today {
                Some(d) => reports::parse_day(&d)?,
                None => reports::today(),
            };
            let r = reports::due(ws, day)?;
            if as_json {
                json(&r);
                return Ok(OK);
            }
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
                        format!(
                            "overdue {}",
                            crate::words::count(l.overdue_working_days, "working day", "working days")
                        )
                    } else {
                        crate::words::count(l.working_days_left, "working day", "working days")
                    };
                    vec![what, l.school.clone(), l.since.to_string(), l.due.to_string(), left, l.status.clone()]
                })
                .collect();
            output::table(&["work", "school", "since", "due", "left", "status"], &rows);
        }
        ReportCmd::Schools => {
            let list = reports::schools(ws)?;
            if as_json {
                json(&list);
                return Ok(OK);
            }
            let rows: Vec<Vec<String>> = list
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
                    ]
                })
                .collect();
            output::table(
                &["school", "name", "imported", "printed", "packed", "shipped", "delivered", "open requests"],
                &rows,
            );
        }
    }
    Ok(OK)
}
