//! `walkin`: a student who missed collection (散拍 / 补拍) comes to the centre with his
//! collection code (采集码) and a photo, and has it printed on the spot. This service owns no
//! rule of its own: it decodes the code with [`super::qr`], stores the photo by writing a
//! one-row batch into a temporary folder inside the workspace and importing it with
//! [`super::batch::import`] (so every photo check, the unregistered-school refusal and the
//! atomic photo store are exactly those of a batch import), then makes, renders and previews a
//! job for this one student with [`super::jobs`] and, given a printer, sends it with
//! [`super::printing`]. It must never check or store a photo itself.

use super::batch::{self, BatchReport, PhotoCheck};
use super::jobs::{self, JobRequest};
use super::printing::{self, PrintReport, PrintRequest};
use super::{Workspace, qr, schools};
use crate::domain::CollectionCode;
use crate::domain::ids::JobCode;
use crate::domain::printing::Media;
use crate::error::{Error, IoContext, Result};
use crate::import::Finding;
use crate::layout;
use crate::msg;
use crate::progress::Progress;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Where the collection code comes from.
#[derive(Debug, Clone)]
pub enum CodeSource {
    /// The text a 2D scanner typed (the code's JSON payload).
    Text(String),
    /// A picture of the QR code.
    Image(PathBuf),
}

/// What `walkin` is asked for.
#[derive(Debug, Clone)]
pub struct WalkinRequest {
    pub code: CodeSource,
    /// The approved photo (JPEG), checked as in a batch import.
    pub photo: PathBuf,
    /// Layout name or .toml path; None means the default layout.
    pub layout: Option<String>,
    /// Print at once on this printer.
    pub printer: Option<String>,
    /// Replace a different photo already stored for this code (the old one stays in history).
    pub replace: bool,
}

/// The student the walk-in was for, as printed on his strip (masked name only).
#[derive(Debug, Clone, Serialize)]
pub struct WalkinStudent {
    pub cjm: String,
    pub xh: String,
    pub xm: String,
    pub bh: String,
    pub school: String,
    pub school_name: String,
}

#[derive(Debug, Serialize)]
pub struct Walkin {
    /// The job made (J…): what this command creates.
    pub id: JobCode,
    pub student: WalkinStudent,
    /// The batch holding the student's photo: the new one-row batch, or the batch that stored
    /// the same photo before.
    pub batch: i64,
    /// `new`, `replaced` (with --replace) or `already stored` (the same photo again).
    pub stored: &'static str,
    pub job: JobCode,
    pub pdfs: Vec<String>,
    pub preview: String,
    /// What the printer was sent, when one was given.
    pub printed: Option<PrintReport>,
    /// Warnings from the code and the photo check (file size, density, ...).
    pub warnings: Vec<String>,
    /// The photo check's findings against the standard's geometry, with their codes and
    /// measures (empty when nothing was found or the check is off).
    pub photo_checks: Vec<PhotoCheck>,
}

/// A folder removed when dropped, whatever happened in between.
struct TempDir(PathBuf);

impl TempDir {
    fn create(path: PathBuf) -> Result<TempDir> {
        if path.exists() {
            // Left by an earlier process with the same id that was killed.
            std::fs::remove_dir_all(&path).at(&path)?;
        }
        std::fs::create_dir_all(&path).at(&path)?;
        Ok(TempDir(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn decode(code: &CodeSource) -> Result<CollectionCode> {
    match code {
        CodeSource::Text(t) => qr::parse(t).map_err(|e| msg!("walkin-bad-code", error = e.said()).into()),
        CodeSource::Image(p) => qr::decode_file(p),
    }
}

/// The one-row data table of a walk-in, under the CHSI keys a batch import reads.
fn data_table(code: &CollectionCode) -> Result<Vec<u8>> {
    let s = &code.student;
    let sjc = s.sjc.map(|t| t.to_string()).unwrap_or_default();
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Error::from(msg!("walkin-table-unwritable", error = e.to_string()));
    w.write_record(["sjc", "cjm", "yxdm", "zjhm", "xh", "cc", "xllb", "xm", "bh"]).map_err(fail)?;
    w.write_record([&sjc, &s.cjm, s.school.as_str(), &s.zjhm4, &s.xh, &s.cc, &s.xllb, &s.xm, &s.bh]).map_err(fail)?;
    w.into_inner().map_err(|e| msg!("walkin-table-unwritable", error = e.to_string()).into())
}

/// A finding of the import in the walk-in's words: the photo is the operator's file, not the
/// copy in the temporary batch.
fn finding(f: &Finding, photo_name: &str, photo: &Path) -> String {
    if f.photo.as_deref() == Some(photo_name) || f.file == photo_name {
        msg!("walkin-photo-finding", photo = photo.display().to_string(), reason = &f.reason).to_string()
    } else {
        f.reason.clone()
    }
}

/// Refuse a printer whose paper cannot take the layout before anything is stored.
fn check_printer(ws: &Workspace, name: &str, layout_name: &str) -> Result<()> {
    let mut store = ws.store()?;
    let p = printing::require_printer(&mut store, name)?;
    let Some(media) = p.media.as_deref() else { return Ok(()) };
    let media = Media::parse(media).map_err(Error::Message)?;
    let layout = layout::load(layout_name, &ws.layouts_dir())?;
    let (w, h) = layout.paper_mm();
    if media.fits(w, h) {
        return Ok(());
    }
    Err(msg!(
        "walkin-wrong-paper",
        layout = &layout.name,
        width = w.to_string(),
        height = h.to_string(),
        printer = &p.name,
        media = &media.name,
        media_width = format!("{:.1}", media.width_mm),
        media_height = format!("{:.1}", media.height_mm)
    )
    .into())
}

/// Import the one-row batch; the stored batch id and how the photo was stored.
fn store_photo(
    ws: &Workspace,
    code: &CollectionCode,
    req: &WalkinRequest,
    warnings: &mut Vec<String>,
    checks: &mut Vec<PhotoCheck>,
    progress: &dyn Progress,
) -> Result<(i64, &'static str)> {
    let cjm = &code.student.cjm;
    let photo_name = format!("{cjm}.jpg");
    let output = ws.output_dir();
    std::fs::create_dir_all(&output).at(&output)?;
    let dir = TempDir::create(output.join(format!(".walkin-{}", std::process::id())))?;
    let table = dir.0.join(format!("walkin-{cjm}.csv"));
    std::fs::write(&table, data_table(code)?).at(&table)?;
    std::fs::copy(&req.photo, dir.0.join(&photo_name)).at(&req.photo)?;

    let report: BatchReport = batch::import(ws, &dir.0, req.replace, progress)?;
    drop(dir);
    warnings.extend(report.warnings.iter().map(|f| finding(f, &photo_name, &req.photo)));
    checks
        .extend(report.photo_checks.iter().cloned().map(|c| PhotoCheck { file: req.photo.display().to_string(), ..c }));
    if !report.rejected.is_empty() {
        let reasons: Vec<String> = report.rejected.iter().map(|f| finding(f, &photo_name, &req.photo)).collect();
        return Err(msg!("walkin-refused", cjm = cjm, reasons = reasons.join("; ")).into());
    }
    if let (Some(id), Some(a)) = (report.id, report.accepted.first()) {
        return Ok((id, if a.replaced { "replaced" } else { "new" }));
    }
    // The same photo was already stored for this code.
    let mut store = ws.store()?;
    let stored = store.read()?.student(cjm)?.ok_or_else(|| Error::from(msg!("walkin-nothing-stored", cjm = cjm)))?;
    Ok((stored.batch_id, "already stored"))
}

pub fn walkin(ws: &Workspace, req: &WalkinRequest, progress: &dyn Progress) -> Result<Walkin> {
    // Everything that can be checked without changing the store is checked first, so that a
    // refusal leaves nothing behind.
    let code = decode(&req.code)?;
    if !req.photo.is_file() {
        return Err(msg!("walkin-no-photo", photo = req.photo.display().to_string()).into());
    }
    let school = {
        let mut store = ws.store()?;
        let tx = store.read()?;
        schools::require(&tx, &code.student.school)
            .map_err(|e| Error::from(msg!("walkin-school", cjm = &code.student.cjm, error = e.said())))?
    };
    let layout_name = req.layout.clone().unwrap_or_else(|| layout::DEFAULT_LAYOUT.to_string());
    layout::load(&layout_name, &ws.layouts_dir())?;
    if let Some(p) = &req.printer {
        check_printer(ws, p, &layout_name)?;
    }

    let mut warnings = code.warnings.clone();
    let mut photo_checks = Vec::new();
    let (batch, stored) = store_photo(ws, &code, req, &mut warnings, &mut photo_checks, progress)?;
    let cjm = code.student.cjm.clone();
    // The student as stored: a row whose photo was already there keeps the stored data.
    let s = {
        let mut store = ws.store()?;
        let tx = store.read()?;
        tx.student(&cjm)?.ok_or_else(|| Error::from(msg!("walkin-not-in-store", cjm = &cjm)))?
    };
    let student = WalkinStudent {
        cjm: cjm.clone(),
        xh: s.student.xh.clone(),
        xm: s.student.xm.clone(),
        bh: s.student.bh.clone(),
        school: school.code.to_string(),
        school_name: school.name.clone(),
    };
    let after_store = |what: crate::i18n::Msg, e: Error| {
        Error::from(msg!(
            "walkin-after-store",
            cjm = &cjm,
            xh = &student.xh,
            batch = batch.to_string(),
            what = what,
            error = e.said()
        ))
    };

    let job_req = JobRequest {
        school: student.school.clone(),
        students: vec![student.xh.clone()],
        codes: vec![cjm.clone()],
        layout: Some(layout_name.clone()),
        purpose: jobs::JobPurpose::Walkin,
        ..Default::default()
    };
    let made = jobs::create(ws, &job_req).map_err(|e| after_store(msg!("walkin-no-job"), e))?;
    let job = made.id;
    let rendered = jobs::render(ws, job, progress)
        .map_err(|e| after_store(msg!("walkin-not-rendered", job = job.to_string()), e))?;
    let pdfs: Vec<String> = rendered.parts.iter().map(|p| p.path.clone()).collect();
    let dir =
        pdfs.first().and_then(|p| Path::new(p).parent().map(Path::to_path_buf)).unwrap_or_else(|| ws.output_dir());
    let preview = jobs::preview(ws, job, None, &dir.join(format!("{job}-preview.png")))
        .map_err(|e| after_store(msg!("walkin-no-preview", job = job.to_string(), pdfs = pdfs.join(", ")), e))?;

    let printed = match &req.printer {
        None => None,
        Some(p) => {
            let sent =
                printing::print_job(ws, &PrintRequest { job, printer: p.clone(), copies: 1, force: false }, progress);
            match sent {
                Ok(r) => Some(r),
                Err(e) => {
                    let said = msg!(
                        "send-walkin-audit-not-printed",
                        batch = batch.to_string(),
                        job = job.to_string(),
                        printer = p,
                        error = e.said()
                    );
                    let noted = audit(ws, &cjm, &said.to_string()).err();
                    let key = if noted.is_some() { "walkin-not-printed-unaudited" } else { "walkin-not-printed" };
                    let mut m = crate::i18n::Msg::new(key)
                        .arg("cjm", &cjm)
                        .arg("xh", &student.xh)
                        .arg("batch", batch.to_string())
                        .arg("job", job.to_string())
                        .arg("pdfs", pdfs.join(", "))
                        .arg("error", e.said())
                        .arg("printer", p);
                    if let Some(a) = noted {
                        m = m.arg("audit", a.said());
                    }
                    return Err(m.into());
                }
            }
        }
    };
    let printer = match &printed {
        Some(r) => {
            msg!("send-walkin-audit-printer", printer = r.printer.as_str(), sent = r.sent(), parts = r.parts.len())
        }
        None => msg!("send-walkin-audit-no-printer"),
    };
    let said =
        msg!("send-walkin-audit", batch = batch.to_string(), stored = stored, job = job.to_string(), printed = printer);
    audit(ws, &cjm, &said.to_string())?;
    Ok(Walkin {
        id: job,
        student,
        batch,
        stored,
        job,
        pdfs,
        preview: preview.display().to_string(),
        printed,
        warnings,
        photo_checks,
    })
}

fn audit(ws: &Workspace, cjm: &str, detail: &str) -> Result<()> {
    let mut store = ws.store()?;
    let tx = store.write()?;
    tx.audit(&ws.settings.operator(), "walkin", &format!("student {cjm}"), detail)?;
    tx.commit()?;
    Ok(())
}
