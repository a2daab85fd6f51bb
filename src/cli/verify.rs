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
            let what = format!("{} pages, {} photos, {} texts, {} barcodes", c.pages, c.photos, c.texts, c.barcodes);
            let verdict =
                if p.passed { "passed".to_string() } else { format!("FAILED ({} problems)", p.failures.len()) };
            say!("part {} (sheets {}-{}): {verdict}; checked {what}", p.part, p.first_sheet, p.last_sheet);
            for f in &p.failures {
                say!("  {f}");
            }
        }
        if r.passed {
            say!("job {}: every part verified; it may be printed", r.job);
        } else {
            say!("job {}: {} problems found; it will not be printed as it is", r.job, r.failures());
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
