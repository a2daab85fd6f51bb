//! The reprint-request commands: `request ...`.

use super::RequestCmd;
use super::commands::OK;
use super::output::{self, json, say};
use crate::app::Workspace;
use crate::app::requests::{self, RequestInput, RequestView};
use crate::error::Result;

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
        say!("  {}  {}  {}  {}", h.at, h.operator, h.action, h.detail);
    }
}

pub fn request(cmd: RequestCmd, ws: &Workspace, as_json: bool) -> Result<i32> {
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
                address,
                phone,
                contact,
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
            };
            let v = requests::add(ws, &input)?;
            if as_json {
                json(&v);
            } else {
                say!("{}", v.id);
                eprintln!(
                    "request {}: {}",
                    v.id,
                    match &v.student {
                        Some(s) => format!("matched to 学号 {} {}", s.xh, s.xm),
                        None => format!(
                            "not matched; {} candidates (see `gradlab request show {}`)",
                            v.candidates.len(),
                            v.id
                        ),
                    }
                );
            }
            return Ok(OK);
        }
        RequestCmd::Import { file, school } => {
            let r = requests::import(ws, &file, school.as_deref())?;
            if as_json {
                json(&r);
            } else {
                let matched = r.added.iter().filter(|v| v.student.is_some()).count();
                say!("{}: {} requests added ({} matched), {} refused", r.file, r.added.len(), matched, r.refused.len());
                for v in r.added.iter().filter(|v| v.student.is_none()) {
                    say!("  {} not matched ({} candidates)", v.id, v.candidates.len());
                }
                output::findings("refused", &r.refused);
                output::findings("warnings", &r.warnings);
            }
            return Ok(r.exit_code());
        }
        RequestCmd::List { status, school } => {
            let list =
                requests::list(ws, status.as_deref().map(requests::status_filter).transpose()?, school.as_deref())?;
            if as_json {
                json(&list);
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|v| {
                        vec![
                            v.id.to_string(),
                            v.kind.clone(),
                            v.school.clone(),
                            v.status.to_string(),
                            v.student.as_ref().map(|s| format!("{} {}", s.xh, s.xm)).unwrap_or_else(|| "-".into()),
                            v.requester.clone(),
                            v.created_at.clone(),
                        ]
                    })
                    .collect();
                output::table(&["request", "kind", "school", "status", "student", "from", "received"], &rows);
            }
            return Ok(OK);
        }
        RequestCmd::Match { id, student } => requests::match_student(ws, id.parse()?, &student)?,
        RequestCmd::Approve { id, fee } => requests::approve(ws, id.parse()?, fee)?,
        RequestCmd::Reject { id, reason } => requests::reject(ws, id.parse()?, &reason)?,
        RequestCmd::Print { id, layout } => requests::print(ws, id.parse()?, layout.as_deref())?,
        RequestCmd::Ship { id } => requests::ship(ws, id.parse()?)?,
        RequestCmd::Close { id } => requests::close(ws, id.parse()?)?,
        RequestCmd::Show { id } => requests::show(ws, id.parse()?)?,
    };
    if as_json {
        json(&v);
    } else {
        show(&v);
    }
    Ok(OK)
}
