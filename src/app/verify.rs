//! Preflight as a service. `job verify` reads every rendered part of a job back with
//! `crate::verify` (which never trusts the writer), compares it with what the job froze,
//! records each part's verdict with the hash of the file it read, and reports every failure by
//! sheet and student. `job render` runs it right after rendering when `[render]
//! verify_after_render` is on; `sheet reprint` runs it on the file it is about to send, and
//! `job print` on a printer's corrected copy (its offset and scale applied to what each sheet
//! must show); `job print` sends a part only when its latest verification passed for the file
//! as it is.

use super::Outcome;
use super::Workspace;
use super::jobs::{self, Loaded};
use crate::domain::ids::JobCode;
use crate::error::Result;
use crate::i18n::Msg;
use crate::msg;
use crate::progress::Progress;
use crate::render::{Adjustment, Item, PageSpec, Rect};
use crate::store::{PartRecord, SheetRecord, VerificationRecord};
use crate::verify::{self, Check, Counts, Failure, Verdict, Who};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// One part's verdict.
#[derive(Debug, Clone, Serialize)]
pub struct PartVerdict {
    pub part: i64,
    pub first_sheet: i64,
    pub last_sheet: i64,
    pub path: String,
    /// SHA-256 of the file as read; empty when it could not be read.
    pub sha256: String,
    pub passed: bool,
    pub checked: Counts,
    pub failures: Vec<Failure>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    pub job: JobCode,
    pub verified_at: String,
    pub passed: bool,
    pub parts: Vec<PartVerdict>,
}

impl VerifyReport {
    pub fn failures(&self) -> usize {
        self.parts.iter().map(|p| p.failures.len()).sum()
    }

    /// Partly done when any check failed (each failure is named).
    pub fn outcome(&self) -> Outcome {
        if self.passed { Outcome::Done } else { Outcome::Partly }
    }
}

/// Check every rendered part of a job and record the verdicts.
pub fn verify(ws: &Workspace, job: JobCode, progress: &dyn Progress) -> Result<VerifyReport> {
    let mut store = ws.store()?;
    let (l, parts) = {
        let tx = store.read()?;
        let l = jobs::load(&tx, job, ws.zone())?;
        let parts = tx.parts(l.job.id)?;
        (l, parts)
    };
    let code = JobCode(l.job.id);
    if parts.is_empty() {
        return Err(msg!("verify-nothing-rendered", job = code.to_string()).into());
    }
    let owners = l.photo_owners();
    progress.stage(&crate::i18n::tr("stage-verifying"), l.sheets.len() as u64);
    let mut verdicts = Vec::new();
    for part in &parts {
        let sheets: Vec<&SheetRecord> =
            l.sheets.iter().filter(|s| (part.first_sheet..=part.last_sheet).contains(&s.number)).collect();
        let (sha256, v) =
            verify_file(&l, &sheets, Path::new(&part.path), Some(&part.sha256), Adjustment::NONE, &owners, progress)?;
        verdicts.push(PartVerdict {
            part: part.part,
            first_sheet: part.first_sheet,
            last_sheet: part.last_sheet,
            path: part.path.clone(),
            sha256,
            passed: v.failures.is_empty(),
            checked: v.checked,
            failures: v.failures,
        });
    }
    let verified_at = crate::store::now();
    let operator = ws.settings.operator();
    let tx = store.write()?;
    for (v, part) in verdicts.iter().zip(&parts) {
        let record = VerificationRecord {
            part: v.part,
            sha256: v.sha256.clone(),
            passed: v.passed,
            checked: serde_json::to_string(&v.checked).unwrap_or_default(),
            failures: serde_json::to_string(&v.failures).unwrap_or_default(),
            verified_at: verified_at.clone(),
            verified_by: operator.clone(),
            stale: false,
        };
        if !tx.insert_verification(l.job.id, &part.sha256, &record)? {
            return Err(msg!("verify-rendered-meanwhile", job = code.to_string()).into());
        }
    }
    tx.commit()?;
    Ok(VerifyReport { job: code, verified_at, passed: verdicts.iter().all(|v| v.passed), parts: verdicts })
}

/// Check one file holding `sheets` of the job, in order, written with a printer's correction
/// `adjust`, and (when given) that it is the file recorded with `recorded_sha256`. Returns the
/// file's SHA-256 and the verdict.
pub(super) fn verify_file(
    l: &Loaded,
    sheets: &[&SheetRecord],
    path: &Path,
    recorded_sha256: Option<&str>,
    adjust: Adjustment,
    owners: &HashMap<String, Who>,
    progress: &dyn Progress,
) -> Result<(String, Verdict)> {
    let mut expected = sheets.iter().map(|s| l.expected(s)).collect::<Result<Vec<_>>>()?;
    for e in &mut expected {
        e.page = adjusted(&e.page, &adjust);
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let said = msg!("verify-file-unreadable", path = path.display().to_string(), error = e.to_string());
            let f = Failure::file(Check::File, said);
            return Ok((String::new(), Verdict { checked: Counts::default(), failures: vec![f] }));
        }
    };
    let sha256 = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(&bytes))
    };
    let mut failures = Vec::new();
    if let Some(want) = recorded_sha256.filter(|w| **w != sha256) {
        failures.push(Failure::file(
            Check::File,
            msg!(
                "verify-file-changed",
                path = path.display().to_string(),
                found = &sha256[..12],
                want = want.get(..12).unwrap_or(want)
            ),
        ));
    }
    let v = verify::verify_pdf(bytes, &expected, owners, progress)?;
    failures.extend(v.failures);
    Ok((sha256, Verdict { checked: v.checked, failures }))
}

/// Verify a file made for sending (a reprint, a printer's corrected copy) against its sheets;
/// the error names every failure, and `what` says which file it was.
pub(super) fn prove(l: &Loaded, sheets: &[&SheetRecord], path: &Path, adjust: Adjustment, what: Msg) -> Result<()> {
    let owners = l.photo_owners();
    let (_, v) = verify_file(l, sheets, path, None, adjust, &owners, &crate::progress::Silent)?;
    if v.failures.is_empty() {
        return Ok(());
    }
    let failures: Vec<String> = v.failures.iter().map(|f| f.to_string()).collect();
    Err(msg!("verify-not-sent", what = what, failures = failures.join("; ")).into())
}

/// What a page must show once a printer's correction has moved and scaled everything on it
/// (`Adjustment::apply`: about the page centre, then offset).
fn adjusted(page: &PageSpec, a: &Adjustment) -> PageSpec {
    if a.is_none() {
        return page.clone();
    }
    let (w, h) = (page.width_mm, page.height_mm);
    let s = a.scale_pct / 100.0;
    let point = |x: f64, y: f64| a.apply(x, y, w, h);
    let rect = |r: &Rect| {
        let (x, y) = point(r.x, r.y);
        Rect::new(x, y, r.w * s, r.h * s)
    };
    let items = page
        .items
        .iter()
        .map(|item| match item {
            Item::Photo { sha256, frame } => Item::Photo { sha256: sha256.clone(), frame: rect(frame) },
            Item::Barcode { payload, rect: r } => Item::Barcode { payload: payload.clone(), rect: rect(r) },
            Item::Frame { rect: r, width_mm } => Item::Frame { rect: rect(r), width_mm: width_mm * s },
            Item::Text { x, y, size_pt, text } => {
                let (x, y) = point(*x, *y);
                Item::Text { x, y, size_pt: size_pt * s, text: text.clone() }
            }
            Item::Line { x1, y1, x2, y2, width_mm } => {
                let ((x1, y1), (x2, y2)) = (point(*x1, *y1), point(*x2, *y2));
                Item::Line { x1, y1, x2, y2, width_mm: width_mm * s }
            }
        })
        .collect();
    PageSpec { width_mm: w, height_mm: h, items }
}

/// Why a part may not be printed as it is, or `None` when its latest verification passed for
/// exactly the file recorded at render. Times are said in the lab's `zone`.
pub(super) fn unproven(
    job: JobCode,
    part: &PartRecord,
    latest: Option<&VerificationRecord>,
    zone: crate::domain::local_time::Zone,
) -> Option<Msg> {
    let again = msg!("verify-run-again", job = job.to_string());
    let Some(v) = latest else {
        return Some(msg!("verify-unproven-never", part = part.part, again = again));
    };
    let at = zone.show(&v.verified_at);
    if v.stale {
        return Some(msg!("verify-unproven-stale", part = part.part, at = at, again = again));
    }
    if !v.passed {
        let failures: Vec<Failure> = serde_json::from_str(&v.failures).unwrap_or_default();
        let first = failures.first().map(|f| f.to_string()).unwrap_or_default();
        let more = failures.len().saturating_sub(1);
        return Some(msg!(
            "verify-unproven-failed",
            part = part.part,
            at = at,
            first = first,
            more = more,
            again = again
        ));
    }
    if v.sha256 != part.sha256 {
        return Some(msg!("verify-unproven-changed", part = part.part, at = at, again = again));
    }
    None
}

/// The latest verification of each part of a job, with its failures read back.
#[derive(Debug, Clone, Serialize)]
pub struct PartCheck {
    pub part: i64,
    pub sha256: String,
    pub passed: bool,
    /// Whether the part has been rendered again since (the verdict is about an older file).
    pub stale: bool,
    pub verified_at: String,
    pub verified_by: String,
    pub failures: Vec<Failure>,
}

pub(super) fn part_checks(parts: &[PartRecord], latest: &[VerificationRecord]) -> Vec<PartCheck> {
    latest
        .iter()
        .map(|v| PartCheck {
            part: v.part,
            sha256: v.sha256.clone(),
            passed: v.passed,
            stale: v.stale || !parts.iter().any(|p| p.part == v.part),
            verified_at: v.verified_at.clone(),
            verified_by: v.verified_by.clone(),
            failures: serde_json::from_str(&v.failures).unwrap_or_default(),
        })
        .collect()
}
