//! `job verify`, and the verification `job render` runs: each part's verdict, then every
//! failure by sheet, student and what differs. Exit 3 when anything failed.

use super::bar::Bar;
use super::output::{Format, Report, emit, say};
use crate::app::verify::VerifyReport;
use crate::app::{self, Outcome, Workspace};
use crate::error::Result;

impl Report for VerifyReport {
    fn human(&self) {
        let r = self;
        for p in &r.parts {
            let c = &p.checked;
            let what = crate::msg!(
                "desk-verify-checked",
                pages = c.pages.to_string(),
                photos = c.photos.to_string(),
                texts = c.texts.to_string(),
                barcodes = c.barcodes.to_string()
            );
            let verdict = if p.passed {
                crate::msg!("desk-verify-passed")
            } else {
                crate::msg!("desk-verify-failed", problems = p.failures.len().to_string())
            };
            say!(
                "{}",
                crate::msg!(
                    "desk-verify-part",
                    part = p.part.to_string(),
                    first = p.first_sheet.to_string(),
                    last = p.last_sheet.to_string(),
                    verdict = verdict,
                    checked = what
                )
            );
            for f in &p.failures {
                say!("  {f}");
            }
        }
        if r.passed {
            say!("{}", crate::msg!("desk-verify-job-passed", job = r.job.to_string()));
        } else {
            say!(
                "{}",
                crate::msg!("desk-verify-job-failed", job = r.job.to_string(), problems = r.failures().to_string())
            );
        }
    }

    fn outcome(&self) -> Outcome {
        VerifyReport::outcome(self)
    }
}

pub fn verify(ws: &Workspace, job: &str, fmt: Format) -> Result<Outcome> {
    let bar = Bar::new();
    let r = app::verify::verify(ws, job.parse()?, &bar)?;
    drop(bar);
    Ok(emit(&r, fmt))
}
