//! The reprint-request commands: `request ...`.

use super::RequestCmd;
use super::output::{self, Format, Report, emit, say};
use crate::app::requests::{self, ImportReport, RequestInput, RequestView};
use crate::app::{Outcome, Workspace};
use crate::error::Result;
use serde::Serialize;

impl Report for RequestView {
    fn human(&self) {
        show(self);
    }
}

fn show(v: &RequestView) {
    say!("request {}  {}  {}  school {}  from the {}", v.id, v.kind, v.status, v.school, v.requester);
    let g = &v.given;
    say!(
        "  given:     学号 {}  采集码 {}  ID last 4 {}  姓名 {}",
        g.xh.as_deref().unwrap_or("-"),
        g.cjm.as_deref().unwrap_or("-"),
        g.id_last4.as_deref().unwrap_or("-"),
        g.name.as_deref().unwrap_or("-")
    );
    match &v.student {
        Some(s) => say!("  student:   {} {} {} ({})", s.xh, s.xm, s.bh, s.cjm),
        None if v.candidates.is_empty() => say!("  student:   not matched; no student agrees with what was given"),
        None => {
            say!("  student:   not matched; candidates (settle with `gradlab request match {} --student XH`):", v.id);
            for c in &v.candidates {
                say!("    {} {} {} ID …{}", c.xh, c.xm, c.bh, c.zjhm4);
            }
        }
    }
    if let Some(a) = &v.address {
        say!("  send to:   {} {} {}", v.contact.as_deref().unwrap_or(""), a, v.phone.as_deref().unwrap_or(""));
    }
    if let Some(f) = v.fee_yuan {
        say!("  fee:       {f:.2} yuan");
    }
    let (job, shipment) = (v.job.map(|j| j.to_string()), v.shipment.map(|s| s.to_string()));
    for (label, value) in [("job", &job), ("shipment", &shipment), ("rejected", &v.reject_reason)] {
        if let Some(x) = value {
            say!("  {label:<10} {x}");
        }
    }
    for w in &v.warnings {
        say!("  warning:   {w}");
    }
    for h in &v.history {
        say!("  {}  {} ({})  {}  {}", output::time(&h.at), h.operator, h.station, h.action, h.detail);
    }
}

pub fn request(cmd: RequestCmd, ws: &Workspace, fmt: Format) -> Result<Outcome> {
    let v = match cmd {
        RequestCmd::Add(add) => {
            let super::RequestAdd {
                kind,
                school,
                student,
                code,
                id_last4,
                name,
                requester,
                send_to: super::ContactArgs { address, contact, phone },
                note,
            } = *add;
            let input = RequestInput {
                kind,
                school,
                xh: student,
                cjm: code,
                id_number: id_last4,
                name,
                requester,
                address,
                phone,
                contact,
                note,
                source: String::new(),
            };
            return Ok(emit(&Added(requests::add(ws, &input)?), fmt));
        }
        RequestCmd::Import { file, school } => return Ok(emit(&requests::import(ws, &file, school.as_deref())?, fmt)),
        RequestCmd::List { status, school } => {
            return Ok(emit(
                &requests::list(ws, status.as_deref().map(requests::status_filter).transpose()?, school.as_deref())?,
                fmt,
            ));
        }
        RequestCmd::Match { id, student } => requests::match_student(ws, id.parse()?, &student)?,
        RequestCmd::Approve { id, fee } => requests::approve(ws, id.parse()?, fee)?,
        RequestCmd::Reject { id, reason } => requests::reject(ws, id.parse()?, &reason)?,
        RequestCmd::Print { id, layout } => requests::print(ws, id.parse()?, layout.as_deref())?,
        RequestCmd::Ship { id } => requests::ship(ws, id.parse()?)?,
        RequestCmd::Close { id } => requests::close(ws, id.parse()?)?,
        RequestCmd::Show { id } => requests::show(ws, id.parse()?)?,
    };
    Ok(emit(&v, fmt))
}

/// A request just recorded: its id, and on stderr whether it was matched.
#[derive(Serialize)]
#[serde(transparent)]
struct Added(RequestView);

impl Report for Added {
    fn human(&self) {
        let v = &self.0;
        say!("{}", v.id);
        eprintln!(
            "request {}: {}",
            v.id,
            match &v.student {
                Some(s) => format!("matched to 学号 {} {}", s.xh, s.xm),
                None => format!("not matched; {} candidates (see `gradlab request show {}`)", v.candidates.len(), v.id),
            }
        );
    }
}

impl Report for ImportReport {
    fn human(&self) {
        let r = self;
        let matched = r.added.iter().filter(|v| v.student.is_some()).count();
        say!("{}: {} requests added ({} matched), {} refused", r.file, r.added.len(), matched, r.refused.len());
        for v in r.added.iter().filter(|v| v.student.is_none()) {
            say!("  {} not matched ({} candidates)", v.id, v.candidates.len());
        }
        output::findings("refused", &r.refused);
        output::findings("warnings", &r.warnings);
    }

    fn outcome(&self) -> Outcome {
        ImportReport::outcome(self)
    }
}

impl Report for Vec<RequestView> {
    fn human(&self) {
        let rows: Vec<Vec<String>> = self
            .iter()
            .map(|v| {
                vec![
                    v.id.to_string(),
                    v.kind.clone(),
                    v.school.clone(),
                    v.status.to_string(),
                    v.student.as_ref().map(|s| format!("{} {}", s.xh, s.xm)).unwrap_or_else(|| "-".into()),
                    v.requester.clone(),
                    output::time(&v.created_at),
                ]
            })
            .collect();
        output::table(&["request", "kind", "school", "status", "student", "from", "received"], &rows);
    }
}
