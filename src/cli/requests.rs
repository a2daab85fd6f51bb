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
    say!(
        "{}",
        crate::msg!(
            "desk-request-title",
            request = v.id.to_string(),
            kind = v.kind.to_string(),
            status = v.status.to_string(),
            school = v.school.to_string(),
            requester = v.requester.to_string()
        )
    );
    let g = &v.given;
    say!(
        "  {}",
        crate::msg!(
            "desk-request-given",
            xh = g.xh.as_deref().unwrap_or("-"),
            cjm = g.cjm.as_deref().unwrap_or("-"),
            last4 = g.id_last4.as_deref().unwrap_or("-"),
            name = g.name.as_deref().unwrap_or("-")
        )
    );
    match &v.student {
        Some(s) => say!(
            "  {}",
            crate::msg!(
                "desk-request-student",
                xh = s.xh.to_string(),
                xm = s.xm.to_string(),
                bh = s.bh.to_string(),
                cjm = s.cjm.to_string()
            )
        ),
        None if v.candidates.is_empty() => say!("  {}", crate::i18n::tr("desk-request-no-match")),
        None => {
            say!("  {}", crate::msg!("desk-request-candidates", request = v.id.to_string()));
            for c in &v.candidates {
                say!(
                    "    {}",
                    crate::msg!(
                        "desk-request-candidate",
                        xh = c.xh.to_string(),
                        xm = c.xm.to_string(),
                        bh = c.bh.to_string(),
                        last4 = c.zjhm4.to_string()
                    )
                );
            }
        }
    }
    if let Some(a) = &v.address {
        say!(
            "  {}",
            crate::msg!(
                "desk-request-send-to",
                contact = v.contact.as_deref().unwrap_or(""),
                address = a.to_string(),
                phone = v.phone.as_deref().unwrap_or("")
            )
        );
    }
    if let Some(f) = v.fee_yuan {
        say!("  {}", crate::msg!("desk-request-fee", fee = format!("{f:.2}")));
    }
    if let Some(j) = v.job {
        say!("  {}", crate::msg!("desk-request-job", job = j.to_string()));
    }
    if let Some(s) = v.shipment {
        say!("  {}", crate::msg!("desk-request-shipment", shipment = s.to_string()));
    }
    if let Some(r) = &v.reject_reason {
        say!("  {}", crate::msg!("desk-request-rejected", reason = r.to_string()));
    }
    for w in &v.warnings {
        say!("  {}", crate::msg!("desk-request-warning", warning = w.to_string()));
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
        let said = match &v.student {
            Some(s) => crate::msg!(
                "desk-request-added-matched",
                request = v.id.to_string(),
                xh = s.xh.to_string(),
                xm = s.xm.to_string()
            ),
            None => crate::msg!(
                "desk-request-added-unmatched",
                request = v.id.to_string(),
                candidates = v.candidates.len().to_string()
            ),
        };
        eprintln!("{said}");
    }
}

impl Report for ImportReport {
    fn human(&self) {
        let r = self;
        let matched = r.added.iter().filter(|v| v.student.is_some()).count();
        say!(
            "{}",
            crate::msg!(
                "desk-request-import-summary",
                file = r.file.to_string(),
                added = r.added.len().to_string(),
                matched = matched.to_string(),
                refused = r.refused.len().to_string()
            )
        );
        for v in r.added.iter().filter(|v| v.student.is_none()) {
            say!(
                "  {}",
                crate::msg!(
                    "desk-request-import-unmatched",
                    request = v.id.to_string(),
                    candidates = v.candidates.len().to_string()
                )
            );
        }
        output::findings(&crate::i18n::tr("desk-refused"), &r.refused);
        output::findings(&crate::i18n::tr("desk-warnings"), &r.warnings);
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
        output::table_tr(
            &[
                "desk-col-request",
                "desk-col-kind",
                "desk-col-school",
                "desk-col-status",
                "desk-col-student",
                "desk-col-from",
                "desk-col-received",
            ],
            &rows,
        );
    }
}
