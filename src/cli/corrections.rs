//! The correction commands (勘误): `correction add|import|list`, printed as text or `--json`.

use super::CorrectionCmd;
use super::output::{self, Format, Report, emit, say};
use crate::app::corrections::{self, Applied, CorrectionLine, CorrectionRequest, ImportReport};
use crate::app::{Outcome, Workspace};
use crate::error::Result;

fn applied_line(a: &Applied) -> String {
    let row = a.row.map(|r| format!("row {r}: ")).unwrap_or_default();
    let reprint = if a.needs_reprint { "; printed photos need a reprint" } else { "" };
    format!("{row}学号 {} {}: {} -> {}{reprint}", a.xh, a.field, a.old_value, a.new_value)
}

fn reprint_hint(applied: &[Applied], school: &str) {
    if applied.iter().any(|a| a.needs_reprint) {
        say!("make the reprint job with: gradlab job create --needs-reprint --school {school}");
    }
}

pub fn run(cmd: CorrectionCmd, ws: &Workspace, fmt: Format) -> Result<Outcome> {
    match cmd {
        CorrectionCmd::Add { school, student, field, from, to } => {
            Ok(emit(&corrections::add(ws, &CorrectionRequest { school, student, field, from, to })?, fmt))
        }
        CorrectionCmd::Import { file, school, sheet } => {
            Ok(emit(&corrections::import(ws, &file, &school, sheet.as_deref())?, fmt))
        }
        CorrectionCmd::List { school } => Ok(emit(&corrections::list(ws, school.as_deref())?, fmt)),
    }
}

impl Report for Applied {
    fn human(&self) {
        let a = self;
        say!("correction {}: {}", a.id, applied_line(a));
        for w in &a.warnings {
            say!("warning: {w}");
        }
        reprint_hint(std::slice::from_ref(a), &a.school);
    }
}

impl Report for ImportReport {
    fn human(&self) {
        let r = self;
        say!(
            "correction table {} for school {}: {} rows, {} applied, {} refused",
            r.file,
            r.school,
            r.rows,
            r.applied.len(),
            r.rejected.len()
        );
        if !r.applied.is_empty() {
            say!("applied ({}):", r.applied.len());
        }
        for a in &r.applied {
            say!("  {}", applied_line(a));
            for w in &a.warnings {
                say!("    warning: {w}");
            }
        }
        output::findings("refused", &r.rejected);
        if r.applied.is_empty() {
            say!("nothing was changed");
        }
        reprint_hint(&r.applied, &r.school);
    }

    fn outcome(&self) -> Outcome {
        ImportReport::outcome(self)
    }
}

impl Report for Vec<CorrectionLine> {
    fn human(&self) {
        let rows: Vec<Vec<String>> = self
            .iter()
            .map(|l| {
                let c = &l.record;
                let reprint = match (&l.reprint_job, c.awaiting_reprint) {
                    (Some(j), _) => j.to_string(),
                    (None, true) => "waiting".into(),
                    (None, false) => "-".into(),
                };
                vec![
                    c.id.to_string(),
                    c.school.clone(),
                    c.xh.clone(),
                    c.cjm.clone(),
                    c.field.clone(),
                    format!("{} -> {}", c.old_value, c.new_value),
                    c.source.clone(),
                    c.applied_by.clone(),
                    output::time(&c.applied_at),
                    reprint,
                ]
            })
            .collect();
        output::table(
            &["id", "school", "学号", "采集码", "field", "old -> new", "source", "by", "at", "reprint"],
            &rows,
        );
    }
}
