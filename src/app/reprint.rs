//! Reprinting sheets: a sheet jams or comes out damaged, the technician scans its barcode (or
//! a student's barcode on it) and `sheet reprint` renders just those sheets again, with the
//! job's frozen layout and the same positions, into a new part and sends it. Every reprint is
//! recorded with who asked, when and why, and the file is kept beside the job's parts.

use super::Workspace;
use super::jobs::{self, Loaded};
use super::printing::{self, Outgoing, PartOutcome};
use crate::domain::ids::{Id, JobCode, Kind};
use crate::error::{Error, IoContext, Result};
use crate::msg;
use crate::progress::Progress;
use crate::render::Adjustment;
use crate::store::{NewReprint, PrinterRecord, SheetRecord};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct ReprintRequest {
    /// Scanned sheet (S…) or student-print (T…) barcodes.
    pub codes: Vec<String>,
    /// Default: the printer the job was last sent to.
    pub printer: Option<String>,
    pub reason: String,
    /// Reprint sheets whose students were corrected since, as they were printed, on purpose.
    pub as_printed: bool,
}

#[derive(Debug, Serialize)]
pub struct ReprintDone {
    pub id: i64,
    pub job: JobCode,
    pub sheets: Vec<i64>,
    pub file: String,
    pub printer: String,
    pub sent: PartOutcome,
}

/// One job's share of a reprint: its sheets (row id, code scanned) and the printer.
struct Planned {
    loaded: Loaded,
    printer: PrinterRecord,
    sheets: Vec<(i64, String)>,
}

/// Which sheets of which jobs the scanned codes mean: job id -> (sheet id, code scanned).
fn resolve(ws: &Workspace, codes: &[String]) -> Result<BTreeMap<i64, Vec<(i64, String)>>> {
    let mut store = ws.store()?;
    let tx = store.read()?;
    let mut wanted: BTreeMap<i64, Vec<(i64, String)>> = BTreeMap::new();
    for raw in codes {
        let code = raw.trim();
        let id = Id::parse(code).map_err(Error::Message)?;
        let (job, sheets) = match id.kind {
            Kind::Sheet => {
                let job = tx
                    .sheet_job(id.number as i64)?
                    .ok_or_else(|| Error::from(msg!("reprint-no-sheet", code = code.to_string())))?;
                (job, vec![id.number as i64])
            }
            Kind::StudentPrint => tx
                .student_print_sheets(id.number as i64)?
                .ok_or_else(|| Error::from(msg!("reprint-no-student-print", code = code.to_string())))?,
            other => {
                return Err(msg!("reprint-wrong-kind", code = code.to_string(), kind = other.word()).into());
            }
        };
        let list = wanted.entry(job).or_default();
        for s in sheets {
            if !list.iter().any(|(x, _)| *x == s) {
                list.push((s, code.to_uppercase()));
            }
        }
    }
    Ok(wanted)
}

pub fn reprint(ws: &Workspace, req: &ReprintRequest, progress: &dyn Progress) -> Result<Vec<ReprintDone>> {
    let reason = req.reason.trim();
    if reason.is_empty() {
        return Err(msg!("reprint-needs-reason").into());
    }
    if req.codes.is_empty() {
        return Err(msg!("reprint-nothing").into());
    }
    let wanted = resolve(ws, &req.codes)?;
    let mut store = ws.store()?;
    // Every job's printer is settled before anything is sent, so a bad name stops it all.
    let mut plan: Vec<Planned> = Vec::new();
    for (job, sheets) in wanted {
        let l = jobs::load(&store.read()?, JobCode(job), ws.zone())?;
        let p = match &req.printer {
            Some(name) => printing::require_printer(&mut store, name)?,
            None => last_printer(&mut store, job)?
                .ok_or_else(|| Error::from(msg!("reprint-no-printer", job = JobCode(job).to_string())))?,
        };
        printing::check_paper(&p, &l)?;
        if !req.as_printed {
            refuse_corrected(&mut store, &l, &sheets)?;
        }
        plan.push(Planned { loaded: l, printer: p, sheets });
    }
    let _lock = ws.lock_dispatch()?;
    let mut done = Vec::new();
    for Planned { loaded: l, printer: p, sheets: wanted } in &plan {
        let code = JobCode(l.job.id);
        let mut sheets: Vec<&SheetRecord> =
            l.sheets.iter().filter(|s| wanted.iter().any(|(id, _)| *id == s.id)).collect();
        sheets.sort_by_key(|s| s.number);
        let dir = jobs::job_dir(ws, l.job.id).join("reprints");
        std::fs::create_dir_all(&dir).at(&dir)?;
        // The reprint's number names its file, so it is made in the transaction that records it.
        let tx = store.write()?;
        let next = tx.reprints(l.job.id)?.len() + 1;
        let file = dir.join(format!("{code}-reprint{next:02}.pdf"));
        let title = format!("{code} reprint {next}");
        let summary = l.write_pdf(l.students(), ws, &sheets, &file, &title, Adjustment::NONE, progress)?;
        let operator = ws.settings.operator();
        let id = tx.insert_reprint(&NewReprint {
            job_id: l.job.id,
            reason,
            requested_by: &operator,
            path: &file.display().to_string(),
            bytes: summary.bytes as i64,
            sha256: &summary.sha256,
            sheets: wanted,
        })?;
        if req.as_printed {
            tx.audit(
                &operator,
                "sheet.reprint-as-printed",
                &format!("job {code}"),
                &format!(
                    "reprint {next} of sheets {} as printed, corrections since left out: {reason}",
                    sheet_numbers(&sheets)
                ),
            )?;
        }
        tx.commit()?;
        let out = Outgoing {
            loaded: l,
            part: None,
            reprint: Some(id),
            sheets: sheets.clone(),
            file: file.clone(),
            label: format!("{code} reprint {next} {}", l.job.school),
            copies: 1,
            forced: false,
        };
        let dest = printing::destination(p);
        // Preflight first: the new file must prove itself like any part before it is sent.
        let sent = super::verify::prove(
            l,
            &sheets,
            &file,
            Adjustment::NONE,
            msg!("verify-what-reprint", job = code.to_string()),
        )
        .and_then(|_| dest.check_ready().map_err(|e| printing::printer_error(p, e)))
        .and_then(|_| printing::send(ws, &mut store, p, &dest, &out, progress));
        let sent = match sent {
            Ok(s) => s,
            Err(e) => {
                // Not sent: the reprint is taken back whole, file and record.
                let tx = store.write()?;
                tx.delete_reprint(id)?;
                tx.commit()?;
                let _ = std::fs::remove_file(&file);
                return Err(e);
            }
        };
        done.push(ReprintDone {
            id,
            job: code,
            sheets: sheets.iter().map(|s| s.number).collect(),
            file: file.display().to_string(),
            printer: p.name.clone(),
            sent,
        });
    }
    Ok(done)
}

/// A sheet reprinted after one of its students was corrected would print the old values again,
/// silently. Refuse, naming each student and field, and point to the corrected prints.
fn refuse_corrected(store: &mut crate::store::Store, l: &Loaded, wanted: &[(i64, String)]) -> Result<()> {
    let sheets: Vec<&SheetRecord> = l.sheets.iter().filter(|s| wanted.iter().any(|(id, _)| *id == s.id)).collect();
    let on_sheets = l.students_on(&sheets);
    let code = crate::domain::SchoolCode::parse(&l.job.school)?;
    let corrected: Vec<String> = store
        .read()?
        .corrections(Some(&code))?
        .into_iter()
        .filter(|c| c.applied_at > l.job.created_at)
        .filter_map(|record| {
            let c = &record.correction;
            let s = on_sheets.iter().find(|s| s.student.cjm == c.cjm)?;
            let field = crate::domain::correction::parse_field(&c.field).map(|f| f.label()).unwrap_or(&c.field);
            Some(
                msg!(
                    "reprint-corrected-line",
                    xh = &s.student.xh,
                    name = &s.student.xm,
                    field = field,
                    old = &c.old_value,
                    new = &c.new_value
                )
                .to_string(),
            )
        })
        .collect();
    if corrected.is_empty() {
        return Ok(());
    }
    Err(msg!(
        "reprint-corrected",
        job = JobCode(l.job.id).to_string(),
        corrections = corrected.join("; "),
        school = &l.job.school
    )
    .into())
}

fn sheet_numbers(sheets: &[&SheetRecord]) -> String {
    sheets.iter().map(|s| s.number.to_string()).collect::<Vec<_>>().join(", ")
}

/// The printer the job's latest dispatch went to, if it is still in use.
fn last_printer(store: &mut crate::store::Store, job: i64) -> Result<Option<PrinterRecord>> {
    let tx = store.read()?;
    let Some(d) = tx.dispatches(job)?.into_iter().last() else { return Ok(None) };
    let Some(p) = tx.printer(d.printer_id)? else { return Ok(None) };
    // A removed printer is not used by default; its name may now mean another machine.
    Ok(tx.printer_named(&p.name)?.filter(|q| q.id == p.id))
}
