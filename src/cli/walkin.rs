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
        say!("walk-in {} {} ({}), school {} {}, 采集码 {}", s.xh, s.xm, s.bh, s.school, s.school_name, s.cjm);
        say!("  photo:   batch {} ({})", w.batch, w.stored);
        say!("  job:     {}", w.job);
        for p in &w.pdfs {
            say!("  pdf:     {p}");
        }
        say!("  preview: {}", w.preview);
        match &w.printed {
            Some(r) => {
                say!("  printed: printer {} ({})", r.printer, r.printer_status);
                for p in &r.parts {
                    let what = p.part.map(|n| format!("part {n}")).unwrap_or_else(|| "reprint".into());
                    let job = p.printer_job_id.map(|id| format!(", printer job {id}")).unwrap_or_default();
                    say!("    {what}: {}{job}, {} {}", p.outcome, p.state, p.note);
                }
            }
            None => say!("  not printed (no --printer); print it with `gradlab job print {} --printer NAME`", w.job),
        }
        for warning in &w.warnings {
            say!("  warning: {warning}");
        }
    }
}
