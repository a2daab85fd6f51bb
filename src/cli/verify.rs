//! `job verify`, and the verification `job render` runs: each part's verdict, then every
//! failure by sheet, student and what differs. Exit 3 when anything failed.

use super::bar::Bar;
use super::commands::{OK, PARTLY};
use super::output::{json, say};
use crate::app::verify::VerifyReport;
use crate::app::{self, Workspace};
use crate::error::Result;

/// The report as lines, and the exit code it calls for.
pub fn report(r: &VerifyReport) -> i32 {
    for p in &r.parts {
        let c = &p.checked;
        let what = format!("{} pages, {} photos, {} texts, {} barcodes", c.pages, c.photos, c.texts, c.barcodes);
        let verdict = if p.passed { "passed".to_string() } else { format!("FAILED ({} problems)", p.failures.len()) };
        say!("part {} (sheets {}-{}): {verdict}; checked {what}", p.part, p.first_sheet, p.last_sheet);
        for f in &p.failures {
            say!("  {f}");
        }
    }
    if r.passed {
        say!("job {}: every part verified; it may be printed", r.job);
        OK
    } else {
        say!("job {}: {} problems found; it will not be printed as it is", r.job, r.failures());
        PARTLY
    }
}

pub fn verify(ws: &Workspace, job: &str, as_json: bool) -> Result<i32> {
    let bar = Bar::new();
    let r = app::verify::verify(ws, job.parse()?, &bar)?;
    drop(bar);
    if as_json {
        json(&r);
        Ok(if r.passed { OK } else { PARTLY })
    } else {
        Ok(report(&r))
    }
}
