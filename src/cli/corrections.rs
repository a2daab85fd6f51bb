//! The correction commands (勘误): `correction add|import|list`, printed as text or `--json`.

use super::CorrectionCmd;
use super::output::{self, Format, Report, emit, say};
use crate::app::corrections::{self, Applied, CorrectionLine, CorrectionRequest, ImportReport};
use crate::app::{Outcome, Workspace};
use crate::error::Result;

fn applied_line(a: &Applied) -> String {
    let row = a.row.map(|r| crate::msg!("desk-correction-row", row = r.to_string()).to_string()).unwrap_or_default();
    let reprint = if a.needs_reprint { crate::i18n::tr("desk-correction-needs-reprint") } else { String::new() };
    let c = &a.correction;
    crate::msg!(
        "desk-correction-applied",
        row = row,
        xh = c.xh.to_string(),
        field = c.field.to_string(),
        old = c.old_value.to_string(),
        new = c.new_value.to_string(),
        reprint = reprint
    )
    .to_string()
}

fn reprint_hint(applied: &[Applied], school: &str) {
    if applied.iter().any(|a| a.needs_reprint) {
        say!("{}", crate::msg!("desk-correction-reprint-hint", school = school));
    }
}

pub fn run(cmd: CorrectionCmd, ws: &Workspace, fmt: Format) -> Result<Outcome> {
    match cmd {
        CorrectionCmd::Add { school, student, field, from, to } => Ok(emit(
            &corrections::add(ws, &CorrectionRequest { school, student, field, from, to, source: "cli".into() })?,
            fmt,
        )),
        CorrectionCmd::Import { file, school, sheet } => {
            Ok(emit(&corrections::import(ws, &file, &school, sheet.as_deref())?, fmt))
        }
        CorrectionCmd::List { school } => Ok(emit(&corrections::list(ws, school.as_deref())?, fmt)),
    }
}

impl Report for Applied {
    fn human(&self) {
        let a = self;
        say!("{}", crate::msg!("desk-correction-line", id = a.correction.id.to_string(), what = applied_line(a)));
        for w in &a.warnings {
            say!("{}", crate::msg!("desk-warning", warning = w.to_string()));
        }
        reprint_hint(std::slice::from_ref(a), &a.correction.school);
    }
}

impl Report for ImportReport {
    fn human(&self) {
        let r = self;
        say!(
            "{}",
            crate::msg!(
                "desk-correction-import-summary",
                file = r.file.to_string(),
                school = r.school.to_string(),
                rows = r.rows.to_string(),
                applied = r.applied.len().to_string(),
                refused = r.rejected.len().to_string()
            )
        );
        if !r.applied.is_empty() {
            say!("{}", crate::msg!("desk-correction-applied-count", count = r.applied.len().to_string()));
        }
        for a in &r.applied {
            say!("  {}", applied_line(a));
            for w in &a.warnings {
                say!("    {}", crate::msg!("desk-warning", warning = w.to_string()));
            }
        }
        output::findings(&crate::i18n::tr("desk-refused"), &r.rejected);
        if r.applied.is_empty() {
            say!("{}", crate::i18n::tr("desk-nothing-changed"));
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
                let (r, c) = (&l.record, &l.record.correction);
                let reprint = match (&l.reprint_job, r.awaiting_reprint) {
                    (Some(j), _) => j.to_string(),
                    (None, true) => crate::i18n::tr("desk-correction-waiting"),
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
                    r.applied_by.clone(),
                    output::time(&r.applied_at),
                    reprint,
                ]
            })
            .collect();
        let heads = [
            crate::i18n::tr("desk-col-id"),
            crate::i18n::tr("desk-col-school"),
            "学号".to_string(),
            "采集码".to_string(),
            crate::i18n::tr("desk-col-field"),
            crate::i18n::tr("desk-col-old-new"),
            crate::i18n::tr("desk-col-source"),
            crate::i18n::tr("desk-col-by"),
            crate::i18n::tr("desk-col-at"),
            crate::i18n::tr("desk-col-reprint"),
        ];
        output::table(&heads.iter().map(String::as_str).collect::<Vec<_>>(), &rows);
    }
}
