//! The printing commands: `printer ...`, `job print|status|cancel` and `sheet reprint`.

use super::bar::Bar;
use super::output::{self, Format, Report, emit, say};
use super::{PrinterAdjust, PrinterCmd, SheetCmd};
use crate::app::printing::{
    self, DispatchLine, JobStatusReport, PrintReport, PrintRequest, PrinterChange, PrinterLine, PrinterSpec, TestPrint,
};
use crate::app::{Outcome, Workspace, reprint};
use crate::error::Result;
use crate::print::paper::{MediaChoice, Supports};

fn printer_rows(list: &[PrinterLine]) {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|p| {
            vec![
                p.name.clone(),
                if p.kind == "ipp" { p.kind.to_string() } else { crate::i18n::tr("desk-kind-hot-folder") },
                p.target.clone(),
                format!("{:+.2}", p.adjustment.offset_x_mm),
                format!("{:+.2}", p.adjustment.offset_y_mm),
                format!("{:.2}%", p.adjustment.scale_pct),
                p.media.clone().unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    output::table_tr(
        &[
            "desk-col-printer",
            "desk-col-kind",
            "desk-col-address",
            "desk-col-offset-x",
            "desk-col-offset-y",
            "desk-col-scale",
            "desk-col-media",
        ],
        &rows,
    );
}

impl From<PrinterAdjust> for PrinterChange {
    fn from(a: PrinterAdjust) -> Self {
        PrinterChange { offset_x_mm: a.offset_x, offset_y_mm: a.offset_y, scale_pct: a.scale, media: a.media }
    }
}

pub fn printer(cmd: PrinterCmd, ws: &Workspace, fmt: Format) -> Result<Outcome> {
    match cmd {
        PrinterCmd::Add { name, ipp, hot_folder, adjust } => {
            let spec = PrinterSpec { name, ipp, hot_folder, adjust: adjust.into() };
            Ok(emit(&printing::add_printer(ws, &spec)?, fmt))
        }
        PrinterCmd::Set { name, adjust } => Ok(emit(&printing::set_printer(ws, &name, &adjust.into())?, fmt)),
        PrinterCmd::Remove { name } => Ok(emit(&Removed { removed: printing::remove_printer(ws, &name)?.name }, fmt)),
        PrinterCmd::List => Ok(emit(&printing::list_printers(ws)?, fmt)),
        PrinterCmd::Test { name } => Ok(emit(&printing::test_printer(ws, &name)?, fmt)),
    }
}

impl Report for Vec<PrinterLine> {
    fn human(&self) {
        printer_rows(self);
    }
}

/// A printer just added or changed: its line, and what it said it supports.
impl Report for PrinterLine {
    fn human(&self) {
        printer_rows(std::slice::from_ref(self));
        supports(self.supports.as_ref(), self.supports_error.as_deref());
    }
}

/// The printer `printer remove` took out of use.
#[derive(serde::Serialize)]
struct Removed {
    removed: String,
}

impl Report for Removed {
    fn human(&self) {
        say!("{}", crate::msg!("desk-printer-removed", printer = &self.removed));
    }
}

impl Report for TestPrint {
    fn human(&self) {
        let t = self;
        say!(
            "{}",
            crate::msg!(
                "desk-calibration-sent",
                printer = &t.printer,
                job = printer_job(t.printer_job_id, "paren"),
                state = crate::domain::printing::state_words(&t.state.to_string()),
                message = &t.message
            )
        );
        supports(t.supports.as_ref(), None);
        say!("{}", crate::msg!("desk-sent-exact-size", how = exact_size(t.exact_size.as_ref())));
        say!("{}", t.file);
        say!("{}", crate::msg!("desk-calibration-next", printer = &t.printer));
    }
}

/// What the printer said it supports for printing at exact size.
fn supports(s: Option<&Supports>, error: Option<&str>) {
    match (s, error) {
        (Some(s), _) => say!("{}", crate::msg!("desk-printer-supports", what = s.to_string())),
        (None, Some(e)) => say!("{}", crate::msg!("desk-printer-supports-unknown", error = e)),
        (None, None) => {}
    }
}

fn exact_size(m: Option<&MediaChoice>) -> String {
    match m {
        None => crate::i18n::tr("desk-exact-hot-folder"),
        Some(m) => crate::msg!(
            "desk-exact-ipp",
            media = m.media.clone().unwrap_or_else(|| crate::msg!(
                "desk-media-size",
                x = format!("{:.1}", m.x_dimension as f64 / 100.0),
                y = format!("{:.1}", m.y_dimension as f64 / 100.0)
            )
            .to_string()),
            borderless = if m.borderless { "yes" } else { "no" }
        )
        .to_string(),
    }
}

/// A printer's own job number, as the line it goes into says it: `" (printer job 7)"`
/// (`paren`), `", printer job 7"` (`comma`) or `" printer job 7"`; nothing without one.
pub(super) fn printer_job(id: Option<impl std::fmt::Display>, how: &str) -> String {
    let Some(id) = id else { return String::new() };
    let id = id.to_string();
    match how {
        "paren" => crate::msg!("desk-printer-job-paren", id = id).to_string(),
        "comma" => crate::msg!("desk-printer-job-comma", id = id).to_string(),
        _ => format!(" {}", crate::msg!("desk-printer-job", id = id)),
    }
}

/// What a part of a print is called: `part 2`, or `reprint`.
pub(super) fn part_name(part: Option<impl std::fmt::Display>) -> String {
    match part {
        Some(n) => crate::msg!("desk-part", part = n.to_string()).to_string(),
        None => crate::i18n::tr("desk-reprint"),
    }
}

pub fn print(ws: &Workspace, req: &PrintRequest, fmt: Format) -> Result<Outcome> {
    let bar = Bar::new();
    let r = printing::print_job(ws, req, &bar)?;
    drop(bar);
    Ok(emit(&r, fmt))
}

impl Report for PrintReport {
    fn human(&self) {
        let r = self;
        say!(
            "{}",
            crate::msg!(
                "desk-print-title",
                job = r.job.to_string(),
                printer = &r.printer,
                status = r.printer_status.to_string(),
                copies = r.copies as i64
            )
        );
        say!("  {}", crate::msg!("desk-print-exact-size", how = exact_size(r.exact_size.as_ref())));
        for p in &r.parts {
            say!(
                "  {}",
                crate::msg!(
                    "desk-print-part",
                    what = part_name(p.part),
                    sheets = p.sheets.to_string(),
                    outcome = p.outcome.word(),
                    job = printer_job(p.printer_job_id, "bare"),
                    state = state_says(p.state.as_str(), &p.note)
                )
            );
        }
        say!(
            "{}",
            crate::msg!("desk-print-summary", sent = r.sent(), skipped = (r.parts.len() - r.sent()).to_string())
        );
    }
}

/// A printer state with what the printer said of it: "completed (the RIP has taken the file)".
fn state_says(state: &str, message: &str) -> String {
    let state = crate::domain::printing::state_words(state);
    match message.trim() {
        "" => state,
        m => format!("{state} ({m})"),
    }
}

fn dispatch_rows(lines: &[DispatchLine]) {
    for d in lines {
        let what = match (d.part, d.reprint) {
            (Some(n), _) => crate::msg!("desk-part", part = n.to_string()).to_string(),
            (None, Some(r)) => crate::msg!("desk-reprint-n", reprint = r.to_string()).to_string(),
            _ => "?".into(),
        };
        let job = d.printer_job_id.map(|id| format!(" {}", crate::msg!("desk-job-n", job = id.to_string())));
        say!(
            "  {}",
            crate::msg!(
                "desk-dispatch-line",
                dispatch = d.dispatch.to_string(),
                what = what,
                printer = &d.printer,
                job = job.unwrap_or_default(),
                state = state_says(d.state.as_str(), &d.message)
            )
        );
        if let Some(e) = &d.error {
            say!("    {}", crate::msg!("desk-could-not-ask", error = e.to_string()));
        }
    }
}

impl Report for JobStatusReport {
    fn human(&self) {
        let r = self;
        let status = match &r.printed_at {
            Some(t) => crate::msg!("desk-job-printed", at = output::time(t)),
            None => crate::msg!("desk-job-not-printed"),
        };
        say!("{}", crate::msg!("desk-job-status", job = r.job.to_string(), status = status));
        for p in &r.parts {
            say!(
                "  {}",
                crate::msg!(
                    "desk-job-part-line",
                    part = p.part.to_string(),
                    first = p.first_sheet.to_string(),
                    last = p.last_sheet.to_string(),
                    state = crate::domain::printing::state_words(&p.state.to_string())
                )
            );
        }
        dispatch_rows(&r.dispatches);
    }

    fn outcome(&self) -> Outcome {
        JobStatusReport::outcome(self)
    }
}

pub fn sheet(cmd: SheetCmd, ws: &Workspace, fmt: Format) -> Result<Outcome> {
    let SheetCmd::Reprint { codes, printer, reason, as_printed } = cmd;
    let bar = Bar::new();
    let done = reprint::reprint(ws, &reprint::ReprintRequest { codes, printer, reason, as_printed }, &bar)?;
    drop(bar);
    Ok(emit(&done, fmt))
}

impl Report for Vec<reprint::ReprintDone> {
    fn human(&self) {
        for d in self {
            let sheets: Vec<String> = d.sheets.iter().map(|n| n.to_string()).collect();
            say!(
                "{}",
                crate::msg!(
                    "desk-reprint-sent",
                    job = d.job.to_string(),
                    reprint = d.id.to_string(),
                    sheets = sheets.join(", "),
                    printer = &d.printer,
                    state = crate::domain::printing::state_words(&d.sent.state.to_string()),
                    printer_job = printer_job(d.sent.printer_job_id, "comma")
                )
            );
            say!("{}", d.file);
        }
    }
}
