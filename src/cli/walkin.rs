//! `walkin`: run the walk-in service with a progress bar and print what was made.

use super::bar::Bar;
use super::output::{Format, Report, emit, say};
use crate::app::walkin::{self, Walkin, WalkinRequest};
use crate::app::{Outcome, Workspace};
use crate::error::Result;

pub fn run(ws: &Workspace, req: &WalkinRequest, fmt: Format) -> Result<Outcome> {
    let bar = Bar::new();
    let w = walkin::walkin(ws, req, &bar)?;
    drop(bar);
    Ok(emit(&w, fmt))
}

impl Report for Walkin {
    fn human(&self) {
        let w = self;
        let s = &w.student;
        say!("{}", w.job);
        say!(
            "{}",
            crate::msg!(
                "desk-walkin-title",
                xh = s.xh.to_string(),
                xm = s.xm.to_string(),
                bh = s.bh.to_string(),
                school = s.school.to_string(),
                name = s.school_name.to_string(),
                cjm = s.cjm.to_string()
            )
        );
        say!("  {}", crate::msg!("desk-walkin-photo", batch = w.batch.to_string(), stored = w.stored.to_string()));
        say!("  {}", crate::msg!("desk-walkin-job", job = w.job.to_string()));
        for p in &w.pdfs {
            say!("  {}", crate::msg!("desk-walkin-pdf", pdf = p.to_string()));
        }
        say!("  {}", crate::msg!("desk-walkin-preview", preview = w.preview.to_string()));
        match &w.printed {
            Some(r) => {
                say!(
                    "  {}",
                    crate::msg!(
                        "desk-walkin-printed",
                        printer = r.printer.to_string(),
                        status = r.printer_status.to_string()
                    )
                );
                for p in &r.parts {
                    let what = super::printing::part_name(p.part);
                    let job = super::printing::printer_job(p.printer_job_id, "comma");
                    say!("    {what}: {}{job}, {} {}", p.outcome, p.state, p.note);
                }
            }
            None => say!("  {}", crate::msg!("desk-walkin-not-printed", job = w.job.to_string())),
        }
        for warning in &w.warnings {
            say!("  {}", crate::msg!("desk-warning", warning = warning.to_string()));
        }
    }
}
