//! Printers and dispatch: `printer add|set|list|remove|test`, `job print`, `job status` and
//! `job cancel`. A part is recorded as `sending` before its first byte goes out and as sent
//! only once the printer has it, so a part is never lost and never sent twice by accident: a
//! part already sent is skipped unless the operator says `--force`.

use super::Outcome;
use super::Workspace;
use super::jobs::{self, Loaded};
use super::workspace::DispatchLock;
use crate::domain::ids::JobCode;
use crate::domain::local_time::Zone;
use crate::domain::printing::{self, Media, PartState, PrintOutcome};
use crate::error::{Error, IoContext, Result};
use crate::i18n::Msg;
use crate::mail::calibration;
use crate::msg;
use crate::print::paper::{MediaChoice, Paper, Supports};
use crate::print::{Destination, Found, PrintError, Submission};
use crate::progress::{self, Progress};
use crate::render::{Adjustment, PdfWriter};
use crate::store::{DispatchRecord, NewDispatch, PartRecord, PrinterRecord, SheetRecord, Store};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What `printer add` is given; a correction not given is none (0 mm, 100 %).
#[derive(Debug, Clone, Default)]
pub struct PrinterSpec {
    pub name: String,
    pub ipp: Option<String>,
    pub hot_folder: Option<PathBuf>,
    pub adjust: PrinterChange,
}

/// A printer as the lab sees it.
#[derive(Debug, Clone, Serialize)]
pub struct PrinterLine {
    pub name: String,
    pub kind: &'static str,
    pub target: String,
    #[serde(flatten)]
    pub adjustment: Adjustment,
    pub media: Option<String>,
    pub added_at: String,
    pub added_by: String,
    /// What the printer said it supports for printing at exact size (`printer add`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supports: Option<Supports>,
    /// Why it could not be asked, when it could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supports_error: Option<String>,
}

impl From<&PrinterRecord> for PrinterLine {
    fn from(p: &PrinterRecord) -> Self {
        PrinterLine {
            name: p.name.clone(),
            kind: if p.ipp_uri.is_some() { "ipp" } else { "hot-folder" },
            target: p.ipp_uri.clone().or_else(|| p.hot_folder.clone()).unwrap_or_default(),
            adjustment: p.adjustment,
            media: p.media.clone(),
            added_at: p.added_at.clone(),
            added_by: p.added_by.clone(),
            supports: None,
            supports_error: None,
        }
    }
}

/// The printer's own account of what it supports, or why it could not be asked.
fn ask_supports(p: &PrinterRecord) -> (Option<Supports>, Option<String>) {
    match destination(p).supports() {
        Ok(s) => (s, None),
        Err(e) => (None, Some(printer_error(p, e).to_string())),
    }
}

/// A job's page as the printer must print it: the layout's paper, exactly, and how near the
/// edges the layout prints (its margins).
pub(super) fn job_paper(p: &PrinterRecord, l: &Loaded) -> Paper {
    let (width_mm, height_mm) = l.layout.paper_mm();
    let m = &l.layout.paper.margins_mm;
    Paper { width_mm, height_mm, margins_mm: [m.top, m.right, m.bottom, m.left], loaded: p.media.clone() }
}

pub(super) fn destination(p: &PrinterRecord) -> Destination {
    match (&p.ipp_uri, &p.hot_folder) {
        (Some(uri), _) => Destination::Ipp(uri.clone()),
        (None, Some(dir)) => Destination::HotFolder(PathBuf::from(dir)),
        (None, None) => Destination::HotFolder(PathBuf::new()),
    }
}

pub(super) fn printer_error(p: &PrinterRecord, e: PrintError) -> Error {
    Error::Printer { printer: p.name.clone(), source: e }
}

pub(super) fn require_printer(store: &mut Store, name: &str) -> Result<PrinterRecord> {
    let tx = store.read()?;
    if let Some(p) = tx.printer_named(name.trim())? {
        return Ok(p);
    }
    let known: Vec<String> = tx.printers()?.into_iter().map(|p| p.name).collect();
    Err(if known.is_empty() {
        msg!("printer-unknown-none", name = name)
    } else {
        msg!("printer-unknown", name = name, known = known.join(", "))
    }
    .into())
}

pub fn add_printer(ws: &Workspace, spec: &PrinterSpec) -> Result<PrinterLine> {
    let name = spec.name.trim();
    printing::check_printer_name(name).map_err(Error::Message)?;
    let (adjustment, media) = spec.adjust.over(Adjustment::NONE, None)?;
    let (ipp_uri, hot_folder) = match (&spec.ipp, &spec.hot_folder) {
        (Some(uri), None) => {
            let uri = uri.trim();
            let ok = ["ipp://", "http://", "ipps://", "https://"].iter().any(|s| uri.starts_with(s)) && uri.len() > 8;
            if !ok {
                return Err(msg!("printer-bad-ipp", uri = crate::print::redact_uri(uri)).into());
            }
            crate::print::check_address(uri).map_err(|e| Error::from(msg!("printer-ipp-refused", error = e)))?;
            (Some(uri.to_string()), None)
        }
        (None, Some(dir)) => {
            if !dir.is_dir() {
                return Err(msg!("printer-no-hot-folder", dir = dir.display().to_string()).into());
            }
            let abs = dir.canonicalize().at(dir)?;
            (None, Some(abs.display().to_string()))
        }
        _ => return Err(msg!("printer-ipp-or-hot-folder").into()),
    };
    let mut store = ws.store()?;
    let tx = store.write()?;
    if tx.printer_named(name)?.is_some() {
        return Err(msg!("printer-exists", name = name).into());
    }
    let record = PrinterRecord {
        id: 0,
        name: name.to_string(),
        ipp_uri,
        hot_folder,
        adjustment,
        media,
        added_at: String::new(),
        added_by: ws.settings.operator(),
    };
    tx.insert_printer(&record)?;
    let p = tx.printer_named(name)?.ok_or_else(|| Error::from(msg!("printer-vanished", name = name)))?;
    tx.commit()?;
    // Added either way: a printer switched off today is still the lab's printer.
    let (supports, supports_error) = ask_supports(&p);
    Ok(PrinterLine { supports, supports_error, ..PrinterLine::from(&p) })
}

/// A change to a printer's correction or paper, after a calibration.
#[derive(Debug, Clone, Default)]
pub struct PrinterChange {
    pub offset_x_mm: Option<f64>,
    pub offset_y_mm: Option<f64>,
    pub scale_pct: Option<f64>,
    pub media: Option<String>,
}

impl PrinterChange {
    /// The correction and paper name this change makes of what a printer had, checked.
    fn over(&self, had: Adjustment, media: Option<String>) -> Result<(Adjustment, Option<String>)> {
        let a = Adjustment {
            offset_x_mm: self.offset_x_mm.unwrap_or(had.offset_x_mm),
            offset_y_mm: self.offset_y_mm.unwrap_or(had.offset_y_mm),
            scale_pct: self.scale_pct.unwrap_or(had.scale_pct),
        };
        a.check().map_err(Error::Message)?;
        let media = match &self.media {
            Some(m) => Some(Media::parse(m).map_err(Error::Message)?.name),
            None => media,
        };
        Ok((a, media))
    }
}

pub fn set_printer(ws: &Workspace, name: &str, change: &PrinterChange) -> Result<PrinterLine> {
    let mut store = ws.store()?;
    let p = require_printer(&mut store, name)?;
    let (adjustment, media) = change.over(p.adjustment, p.media.clone())?;
    let tx = store.write()?;
    tx.update_printer(p.id, adjustment, media.as_deref())?;
    let p = tx.printer(p.id)?.ok_or_else(|| Error::from(msg!("printer-vanished", name = &p.name)))?;
    tx.commit()?;
    Ok(PrinterLine::from(&p))
}

pub fn list_printers(ws: &Workspace) -> Result<Vec<PrinterLine>> {
    let mut store = ws.store()?;
    let tx = store.read()?;
    Ok(tx.printers()?.iter().map(PrinterLine::from).collect())
}

/// Take a printer out of use. Its row stays, so what was sent through it still says where.
pub fn remove_printer(ws: &Workspace, name: &str) -> Result<PrinterLine> {
    let mut store = ws.store()?;
    let p = require_printer(&mut store, name)?;
    let tx = store.write()?;
    tx.remove_printer(p.id, &ws.settings.operator())?;
    tx.commit()?;
    Ok(PrinterLine::from(&p))
}

/// The page size a printer prints: its media's, portrait, else A4.
fn paper_of(p: &PrinterRecord) -> Result<Media> {
    Media::parse(p.media.as_deref().unwrap_or("A4")).map_err(Error::Message)
}

#[derive(Debug, Serialize)]
pub struct TestPrint {
    pub printer: String,
    /// What the printer said it supports; `None` for a hot folder.
    pub supports: Option<Supports>,
    /// What was sent to print the sheet at exact size.
    pub exact_size: Option<MediaChoice>,
    pub file: String,
    pub printer_job_id: Option<i64>,
    pub state: String,
    pub message: String,
}

/// Print the calibration sheet, corrected by the printer's current adjustment, so a second
/// test after entering new values shows whether they are right.
pub fn test_printer(ws: &Workspace, name: &str) -> Result<TestPrint> {
    let mut store = ws.store()?;
    let p = require_printer(&mut store, name)?;
    let media = paper_of(&p)?;
    let now = ws.zone().now().format(crate::domain::local_time::SHOWN).to_string();
    let info =
        calibration::CalibrationInfo { printer: &p.name, media: &media.name, current: p.adjustment, printed_at: &now };
    let page = calibration::calibration_sheet(media.width_mm, media.height_mm, &info);
    let dir = printer_dir(ws, &p.name);
    std::fs::create_dir_all(&dir).at(&dir)?;
    let file = dir.join("calibration.pdf");
    let mut pdf = PdfWriter::create(&file, &format!("Calibration sheet for {}", p.name))?;
    pdf.set_adjustment(p.adjustment);
    pdf.add_page(&page, &mut |sha| Err(msg!("printer-calibration-no-photo", sha = sha).into()))?;
    pdf.finish()?;
    let dest = destination(&p);
    dest.check_ready().map_err(|e| printer_error(&p, e))?;
    let supports = dest.supports().map_err(|e| printer_error(&p, e))?;
    let paper = Paper {
        width_mm: media.width_mm,
        height_mm: media.height_mm,
        margins_mm: page.ink_margins(),
        loaded: p.media.clone(),
    };
    let exact_size = dest.check_paper(&paper).map_err(|e| printer_error(&p, e))?;
    let stem = format!("calibration-{}", ws.zone().now().format("%Y%m%d-%H%M%S"));
    let sent = dest
        .submit(
            &Submission {
                file: &file,
                job_name: &format!("gradlab calibration {}", p.name),
                file_stem: &stem,
                user: &ws.settings.operator(),
                copies: 1,
                paper: Some(&paper),
            },
            &|_| {},
        )
        .map_err(|e| printer_error(&p, e))?;
    Ok(TestPrint {
        supports,
        exact_size,
        printer: p.name,
        file: file.display().to_string(),
        printer_job_id: sent.printer_job_id,
        state: sent.state.to_string(),
        message: sent.message,
    })
}

/// What [`print_file`] sent.
#[derive(Debug, Clone, Serialize)]
pub struct FileSent {
    pub printer: String,
    pub file: String,
    pub printer_job_id: Option<i64>,
    pub state: String,
    pub message: String,
}

/// Send a finished PDF that belongs to no print job (a shipping label, a packing list) to a
/// printer as it is, without the printer's correction, and write an audit entry. Nothing else
/// is recorded: such a file is made again at will (`shipment documents`).
pub fn print_file(ws: &Workspace, printer: &str, file: &Path, job_name: &str) -> Result<FileSent> {
    if !file.is_file() {
        return Err(msg!("printer-no-file", file = file.display().to_string()).into());
    }
    let mut store = ws.store()?;
    let p = require_printer(&mut store, printer)?;
    let dest = destination(&p);
    dest.check_ready().map_err(|e| printer_error(&p, e))?;
    let operator = ws.settings.operator();
    let stem = format!(
        "{}-{}",
        file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "file".into()),
        ws.zone().now().format("%Y%m%d-%H%M%S")
    );
    let sent = dest
        .submit(&Submission { file, job_name, file_stem: &stem, user: &operator, copies: 1, paper: None }, &|_| {})
        .map_err(|e| printer_error(&p, e))?;
    let tx = store.write()?;
    tx.audit(
        &operator,
        "file.print",
        &format!("printer {}", p.name),
        &msg!(
            "send-file-print-audit",
            file = file.display().to_string(),
            job_name = job_name,
            state = sent.state.word()
        )
        .to_string(),
    )?;
    tx.commit()?;
    Ok(FileSent {
        printer: p.name,
        file: file.display().to_string(),
        printer_job_id: sent.printer_job_id,
        state: sent.state.to_string(),
        message: sent.message,
    })
}

fn printer_dir(ws: &Workspace, printer: &str) -> PathBuf {
    ws.output_dir().join("printers").join(printer)
}

/// Refuse to send sheets to paper of another size: an A4 job on 6-inch paper is a waste of
/// a whole batch of photo paper.
pub(super) fn check_paper(p: &PrinterRecord, l: &Loaded) -> Result<()> {
    let Some(media) = p.media.as_deref() else { return Ok(()) };
    let media = Media::parse(media).map_err(Error::Message)?;
    let (w, h) = l.layout.paper_mm();
    if media.fits(w, h) {
        return Ok(());
    }
    Err(msg!(
        "printer-wrong-paper",
        job = JobCode(l.job.id).to_string(),
        width = w.to_string(),
        height = h.to_string(),
        layout = &l.layout.name,
        printer = &p.name,
        media = &media.name,
        media_width = format!("{:.1}", media.width_mm),
        media_height = format!("{:.1}", media.height_mm)
    )
    .into())
}

/// What became of one part (or reprint) in `job print`.
#[derive(Debug, Clone, Serialize)]
pub struct PartOutcome {
    pub part: Option<i64>,
    pub reprint: Option<i64>,
    pub sheets: String,
    pub outcome: PrintOutcome,
    pub dispatch: Option<i64>,
    pub printer_job_id: Option<i64>,
    pub state: PartState,
    pub note: String,
}

#[derive(Debug, Serialize)]
pub struct PrintReport {
    pub job: JobCode,
    pub printer: String,
    pub printer_status: String,
    /// What each part is sent with to print at exact size; `None` for a hot folder.
    pub exact_size: Option<MediaChoice>,
    pub copies: u32,
    pub parts: Vec<PartOutcome>,
}

impl PrintReport {
    pub fn sent(&self) -> usize {
        self.parts.iter().filter(|p| p.outcome == PrintOutcome::Sent).count()
    }
}

#[derive(Debug, Clone)]
pub struct PrintRequest {
    pub job: JobCode,
    pub printer: String,
    pub copies: u32,
    pub force: bool,
}

/// One file about to go to a printer.
pub(super) struct Outgoing<'a> {
    pub loaded: &'a Loaded,
    pub part: Option<i64>,
    pub reprint: Option<i64>,
    pub sheets: Vec<&'a SheetRecord>,
    /// The file as rendered for the job (no printer correction).
    pub file: PathBuf,
    /// How the printer's queue names it, before our dispatch id is added.
    pub label: String,
    pub copies: u32,
    pub forced: bool,
}

/// Send one file: record it as `sending`, make the printer's corrected copy if it needs one,
/// hand it over, then record what the printer said. If the printer does not take it, the
/// record is removed again: nothing is marked sent that was not.
pub(super) fn send(
    ws: &Workspace,
    store: &mut Store,
    p: &PrinterRecord,
    dest: &Destination,
    out: &Outgoing,
    progress: &dyn Progress,
) -> Result<PartOutcome> {
    let code = JobCode(out.loaded.job.id);
    let adjust = p.adjustment;
    let (file, sha256) = if adjust.is_none() {
        (out.file.clone(), jobs::sha256_file(&out.file)?)
    } else {
        // The correction applies to what this printer gets only; the job's own file stays.
        let dir = printer_dir(ws, &p.name).join(code.to_string());
        std::fs::create_dir_all(&dir).at(&dir)?;
        let name = out.file.file_name().map(|n| n.to_owned()).unwrap_or_default();
        let path = dir.join(name);
        let title = format!("{} for printer {}", out.label, p.name);
        let written = out.loaded.write_pdf(
            out.loaded.students(),
            ws,
            &out.sheets,
            &path,
            &title,
            adjust,
            &crate::progress::Silent,
        )?;
        // A new file: it proves itself, with the correction applied to what it must show.
        let what = msg!("verify-what-corrected-copy", label = &out.label, printer = &p.name);
        super::verify::prove(out.loaded, &out.sheets, &path, adjust, what)?;
        (path, written.sha256)
    };
    let operator = ws.settings.operator();
    let id = {
        let tx = store.write()?;
        // Another station may have sent this part since we looked. Looking again and recording
        // `sending` in one transaction, under the store's write lock, lets only one of them.
        if let Some(part) = out.part
            && !out.forced
            && let Some(d) = tx.dispatches(out.loaded.job.id)?.into_iter().rfind(|d| d.part == Some(part))
        {
            return Ok(skipped(part, &out.sheets, &d, ws.zone()));
        }
        let id = tx.insert_dispatch(&NewDispatch {
            job_id: out.loaded.job.id,
            part: out.part,
            reprint_id: out.reprint,
            printer_id: p.id,
            copies: out.copies as i64,
            file: &file.display().to_string(),
            sha256: &sha256,
            forced: out.forced,
            sent_by: &operator,
        })?;
        tx.name_dispatch(id, &format!("{} #D{id}", out.label), &format!("{}-D{id}", file_stem(&file)))?;
        tx.commit()?;
        id
    };
    let job_name = format!("{} #D{id}", out.label);
    let paper = job_paper(p, out.loaded);
    let submitted = dest.submit(
        &Submission {
            file: &file,
            job_name: &job_name,
            file_stem: &format!("{}-D{id}", file_stem(&file)),
            user: &operator,
            copies: out.copies,
            paper: Some(&paper),
        },
        &|said| progress.note(&msg!("send-printer-progress", printer = p.name.as_str(), message = said).to_string()),
    );
    let tx = store.write()?;
    match submitted {
        Ok(s) => {
            tx.mark_sent(id, s.printer_job_id, &s.files, s.state, &s.message)?;
            tx.commit()?;
            Ok(PartOutcome {
                part: out.part,
                reprint: out.reprint,
                sheets: sheet_span(&out.sheets),
                outcome: PrintOutcome::Sent,
                dispatch: Some(id),
                printer_job_id: s.printer_job_id,
                state: s.state,
                note: s.message,
            })
        }
        Err(e) => {
            tx.delete_unsent_dispatch(id)?;
            tx.commit()?;
            Err(printer_error(p, e))
        }
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "gradlab".into())
}

fn sheet_span(sheets: &[&SheetRecord]) -> String {
    let numbers: Vec<String> = sheets.iter().map(|s| s.number.to_string()).collect();
    match (sheets.first(), sheets.last()) {
        (Some(a), Some(b)) if sheets.len() > 2 && b.number - a.number + 1 == sheets.len() as i64 => {
            format!("{}-{}", a.number, b.number)
        }
        _ => numbers.join(","),
    }
}

/// Settle dispatches left `sending` by a process that died mid-send: ask each printer whether
/// it got them. Called with the dispatch lock held, so no live send is mistaken for a dead one.
pub(super) fn settle_interrupted(store: &mut Store, job: i64) -> Result<()> {
    let stale: Vec<DispatchRecord> = {
        let tx = store.read()?;
        tx.dispatches(job)?.into_iter().filter(|d| d.state == PartState::Sending).collect()
    };
    for d in stale {
        let p = {
            let tx = store.read()?;
            tx.printer(d.printer_id)?
                .ok_or_else(|| Error::from(msg!("printer-dispatch-no-printer", dispatch = d.id)))?
        };
        let found = destination(&p)
            .find_sent(&d.job_name, &d.sent_by, &d.file_stem, d.copies as u32)
            .map_err(|e| printer_error(&p, e))?;
        let tx = store.write()?;
        match found {
            Found::Delivered(s) => tx.mark_sent(d.id, s.printer_job_id, &s.files, s.state, &s.message)?,
            Found::NotDelivered => tx.delete_unsent_dispatch(d.id)?,
            Found::Unknown => tx.set_dispatch_state(
                d.id,
                PartState::Sending,
                "sending was interrupted and the file is not in the hot folder: the RIP may have taken it; \
                 check the printer, then send again with --force if it did not print",
            )?,
        }
        tx.commit()?;
    }
    Ok(())
}

pub fn print_job(ws: &Workspace, req: &PrintRequest, progress: &dyn Progress) -> Result<PrintReport> {
    if !(1..=99).contains(&req.copies) {
        return Err(msg!("printer-bad-copies", copies = i64::from(req.copies)).into());
    }
    let mut store = ws.store()?;
    let p = require_printer(&mut store, &req.printer)?;
    let l = jobs::load(&store.read()?, req.job, ws.zone())?;
    check_paper(&p, &l)?;
    let code = JobCode(l.job.id);
    let _lock: DispatchLock = ws.lock_dispatch()?;
    if store.read()?.parts(l.job.id)?.is_empty() {
        jobs::render_loaded(ws, &mut store, &l, progress)?;
    }
    settle_interrupted(&mut store, l.job.id)?;
    let dest = destination(&p);
    let printer_status = dest.check_ready().map_err(|e| printer_error(&p, e))?;
    // Exact size or nothing: a printer that cannot print the layout's paper unscaled is
    // refused before any part is recorded or sent.
    let exact_size = dest.check_paper(&job_paper(&p, &l)).map_err(|e| printer_error(&p, e))?;
    let (parts, earlier) = {
        let tx = store.read()?;
        (tx.parts(l.job.id)?, tx.dispatches(l.job.id)?)
    };
    let unproven = unproven_parts(&mut store, code, &parts, &earlier, req.force, ws.zone())?;

    let mut outcomes = Vec::new();
    progress.stage(&msg!("stage-sending-to", printer = p.name.as_str()).to_string(), parts.len() as u64);
    for part in &parts {
        progress::check(progress)?;
        let sheets: Vec<&SheetRecord> =
            l.sheets.iter().filter(|s| (part.first_sheet..=part.last_sheet).contains(&s.number)).collect();
        let before: Vec<&DispatchRecord> = earlier.iter().filter(|d| d.part == Some(part.part)).collect();
        if let Some(d) = before.last().filter(|_| !req.force) {
            outcomes.push(skipped(part.part, &sheets, d, ws.zone()));
            progress.inc(1);
            continue;
        }
        let file = PathBuf::from(&part.path);
        if jobs::sha256_file(&file)? != part.sha256 {
            return Err(msg!("printer-part-changed", file = file.display().to_string(), job = code.to_string()).into());
        }
        let out = Outgoing {
            loaded: &l,
            part: Some(part.part),
            reprint: None,
            sheets,
            file,
            label: format!("{code} part {}/{} {}", part.part, parts.len(), l.job.school),
            copies: req.copies,
            forced: !before.is_empty(),
        };
        match send(ws, &mut store, &p, &dest, &out, progress) {
            Ok(o) => {
                if let Some((_, reason)) = unproven.iter().find(|(n, _)| *n == part.part) {
                    let tx = store.write()?;
                    tx.audit(
                        &ws.settings.operator(),
                        "job.print.unverified",
                        &format!("job {code} part {}", part.part),
                        &msg!("send-part-forced-audit", printer = p.name.as_str(), reason = reason.clone()).to_string(),
                    )?;
                    tx.commit()?;
                }
                outcomes.push(o)
            }
            Err(e) => {
                let sent: Vec<String> = outcomes
                    .iter()
                    .filter(|o| o.outcome == PrintOutcome::Sent)
                    .filter_map(|o| o.part.map(|n| n.to_string()))
                    .collect();
                if sent.is_empty() {
                    return Err(e);
                }
                return Err(msg!(
                    "printer-part-not-sent",
                    error = e.to_string(),
                    part = part.part,
                    sent = sent.join(", ")
                )
                .into());
            }
        }
        progress.inc(1);
    }
    Ok(PrintReport { job: code, printer: p.name, printer_status, exact_size, copies: req.copies, parts: outcomes })
}

/// Only what preflight proved goes out: every part about to be sent must have passed its
/// latest verification for the very file recorded at render. The parts that have not, with
/// why; refused unless the operator forces it.
fn unproven_parts(
    store: &mut Store,
    code: JobCode,
    parts: &[PartRecord],
    earlier: &[DispatchRecord],
    force: bool,
    zone: Zone,
) -> Result<Vec<(i64, Msg)>> {
    let latest = store.read()?.latest_verifications(code.row())?;
    let unproven: Vec<(i64, Msg)> = parts
        .iter()
        .filter(|p| force || !earlier.iter().any(|d| d.part == Some(p.part)))
        .filter_map(|p| {
            super::verify::unproven(code, p, latest.iter().find(|v| v.part == p.part), zone).map(|r| (p.part, r))
        })
        .collect();
    if !unproven.is_empty() && !force {
        let reasons: Vec<Msg> = unproven.into_iter().map(|(_, r)| r).collect();
        return Err(msg!("printer-unproven", job = code.to_string(), reasons = reasons).into());
    }
    Ok(unproven)
}

/// A part left alone because it was sent before.
fn skipped(part: i64, sheets: &[&SheetRecord], d: &DispatchRecord, zone: Zone) -> PartOutcome {
    PartOutcome {
        part: Some(part),
        reprint: None,
        sheets: sheet_span(sheets),
        outcome: PrintOutcome::Skipped,
        dispatch: Some(d.id),
        printer_job_id: d.printer_job_id,
        state: d.state,
        note: msg!(
            "print-already-sent",
            printer = d.printer.as_str(),
            at = zone.show(d.sent_at.as_deref().unwrap_or(&d.started_at)),
            state = d.state.word()
        )
        .to_string(),
    }
}

/// A dispatch as `job status` and `job cancel` report it.
#[derive(Debug, Clone, Serialize)]
pub struct DispatchLine {
    pub dispatch: i64,
    pub part: Option<i64>,
    pub reprint: Option<i64>,
    pub printer: String,
    pub printer_job_id: Option<i64>,
    pub state: PartState,
    pub message: String,
    pub sent_at: Option<String>,
    /// Set when the printer could not be asked; `state` is then the last one known.
    pub error: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PartStatus {
    pub part: i64,
    pub first_sheet: i64,
    pub last_sheet: i64,
    /// The state of the part's latest dispatch, or `not sent`.
    pub state: String,
}

#[derive(Debug, Serialize)]
pub struct JobStatusReport {
    pub job: JobCode,
    pub printed: bool,
    pub printed_at: Option<String>,
    pub parts: Vec<PartStatus>,
    pub dispatches: Vec<DispatchLine>,
}

impl JobStatusReport {
    /// Partly done when some printer could not be asked.
    pub fn outcome(&self) -> Outcome {
        Outcome::refusing(self.dispatches.iter().filter(|d| d.error.is_some()).count())
    }
}

fn line(d: &DispatchRecord, error: Option<String>) -> DispatchLine {
    DispatchLine {
        dispatch: d.id,
        part: d.part,
        reprint: d.reprint_id,
        printer: d.printer.clone(),
        printer_job_id: d.printer_job_id,
        state: d.state,
        message: d.state_message.clone(),
        sent_at: d.sent_at.clone(),
        error,
    }
}

/// Ask the printers about every part not yet finished, record the answers, and mark the job
/// printed once every part has come out complete.
pub fn job_status(ws: &Workspace, job: JobCode) -> Result<JobStatusReport> {
    update_states(ws, job, |dest, d| dest.status(d.printer_job_id, &d.files))
}

/// A job about to be shipped must be printed. When the store does not know it yet, ask its
/// printers (as `job status` does) instead of sending the person to do it; still not printed
/// is refused, naming each part's state.
pub(super) fn ensure_printed(ws: &Workspace, job: i64) -> Result<()> {
    if ws.store()?.read()?.job_printed_at(job)?.is_some() {
        return Ok(());
    }
    let code = JobCode(job);
    let report = job_status(ws, code)?;
    if report.printed {
        return Ok(());
    }
    let word = |state: &str| PartState::parse(state).map(PartState::word).unwrap_or(msg!("printer-state-not-sent"));
    let mut why: Vec<String> = report
        .parts
        .iter()
        .map(|p| msg!("printer-part-state", part = p.part, state = word(&p.state)).to_string())
        .collect();
    why.extend(report.dispatches.iter().filter_map(|d| d.error.clone()));
    if report.parts.is_empty() {
        why.push(crate::i18n::tr("printer-never-sent"));
    }
    Err(msg!("printer-job-not-printed", job = code.to_string(), why = why.join("; ")).into())
}

/// Cancel every part still waiting or printing.
pub fn cancel_job(ws: &Workspace, job: JobCode) -> Result<JobStatusReport> {
    let operator = ws.settings.operator();
    update_states(ws, job, |dest, d| dest.cancel(d.printer_job_id, &d.files, &operator))
}

fn update_states(
    ws: &Workspace,
    job: JobCode,
    ask: impl Fn(&Destination, &DispatchRecord) -> std::result::Result<crate::print::JobStatus, PrintError>,
) -> Result<JobStatusReport> {
    let mut store = ws.store()?;
    let job = {
        let tx = store.read()?;
        jobs::load_job(&tx, job)?
    };
    let _lock = ws.lock_dispatch()?;
    settle_interrupted(&mut store, job.id)?;
    let dispatches = store.read()?.dispatches(job.id)?;
    let mut lines = Vec::new();
    let mut answers = Vec::new();
    for d in &dispatches {
        if d.state.is_final() || d.state == PartState::Sending {
            lines.push(line(d, None));
            continue;
        }
        let p = store
            .read()?
            .printer(d.printer_id)?
            .ok_or_else(|| Error::from(msg!("printer-dispatch-no-printer", dispatch = d.id)))?;
        match ask(&destination(&p), d) {
            Ok(st) => {
                answers.push((d.id, st.state, st.message.clone()));
                let mut l = line(d, None);
                l.state = st.state;
                l.message = st.message;
                lines.push(l);
            }
            Err(e) => lines.push(line(d, Some(printer_error(&p, e).to_string()))),
        }
    }
    let tx = store.write()?;
    for (id, state, message) in &answers {
        tx.set_dispatch_state(*id, *state, message)?;
    }
    let parts = tx.parts(job.id)?;
    let per_part: Vec<Vec<PartState>> =
        parts.iter().map(|p| lines.iter().filter(|l| l.part == Some(p.part)).map(|l| l.state).collect()).collect();
    let printed = printing::job_printed(&per_part);
    if printed && tx.job_printed_at(job.id)?.is_none() {
        tx.set_job_printed(job.id)?;
        super::requests::follow(&tx, super::requests::Event::JobPrinted(job.id), &ws.settings.operator())?;
    }
    let printed_at = tx.job_printed_at(job.id)?;
    tx.commit()?;
    let parts = parts
        .iter()
        .map(|p| PartStatus {
            part: p.part,
            first_sheet: p.first_sheet,
            last_sheet: p.last_sheet,
            state: lines
                .iter()
                .rev()
                .find(|l| l.part == Some(p.part))
                .map(|l| l.state.to_string())
                .unwrap_or_else(|| "not sent".into()),
        })
        .collect();
    Ok(JobStatusReport { job: JobCode(job.id), printed, printed_at, parts, dispatches: lines })
}
