//! The printing commands: `printer ...`, `job print|status|cancel` and `sheet reprint`.

use super::bar::Bar;
use super::output::{self, Format, Report, emit, say};
use super::{PrinterCmd, SheetCmd};
use crate::app::printing::{
    self, DispatchLine, JobStatusReport, PrintReport, PrintRequest, PrinterChange, PrinterLine, PrinterSpec, TestPrint,
};
use crate::app::{Outcome, Workspace, reprint};
use crate::error::Result;
use crate::print::paper::{MediaChoice, Supports};
use crate::words;

fn printer_rows(list: &[PrinterLine]) {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|p| {
            vec![
                p.name.clone(),
                p.kind.to_string(),
                p.target.clone(),
                format!("{:+.2}", p.offset_x_mm),
                format!("{:+.2}", p.offset_y_mm),
                format!("{:.2}%", p.scale_pct),
                p.media.clone().unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    output::table(&["printer", "kind", "address", "offset x mm", "offset y mm", "scale", "media"], &rows);
}

pub fn printer(cmd: PrinterCmd, ws: &Workspace, fmt: Format) -> Result<Outcome> {
    match cmd {
        PrinterCmd::Add { name, ipp, hot_folder, adjust } => {
            let spec = PrinterSpec {
                name,
                ipp,
                hot_folder,
                offset_x_mm: adjust.offset_x,
                offset_y_mm: adjust.offset_y,
                scale_pct: adjust.scale,
                media: adjust.media,
            };
            Ok(emit(&printing::add_printer(ws, &spec)?, fmt))
        }
        PrinterCmd::Set { name, adjust } => {
            let change = PrinterChange {
                offset_x_mm: adjust.offset_x,
                offset_y_mm: adjust.offset_y,
                scale_pct: adjust.scale,
                media: adjust.media,
            };
            Ok(emit(&printing::set_printer(ws, &name, &change)?, fmt))
        }
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
        say!("printer {} is no longer used; what was sent through it stays on record", self.removed);
    }
}

impl Report for TestPrint {
    fn human(&self) {
        let t = self;
        say!(
            "calibration sheet sent to {}{}: {} {}",
            t.printer,
            t.printer_job_id.map(|id| format!(" (printer job {id})")).unwrap_or_default(),
            t.state,
            t.message
        );
        supports(t.supports.as_ref(), None);
        say!("sent at exact size: {}", exact_size(t.exact_size.as_ref()));
        say!("{}", t.file);
        say!(
            "measure it, then enter the correction with `gradlab printer set {} --offset-x MM --offset-y MM --scale PCT`",
            t.printer
        );
    }
}

/// What the printer said it supports for printing at exact size.
fn supports(s: Option<&Supports>, error: Option<&str>) {
    match (s, error) {
        (Some(s), _) => say!("the printer supports {s}"),
        (None, Some(e)) => say!("could not ask the printer what it supports: {e}"),
        (None, None) => {}
    }
}

fn exact_size(m: Option<&MediaChoice>) -> String {
    match m {
        None => "as the hot folder's RIP prints it".into(),
        Some(m) => format!(
            "print-scaling none, {}{}",
            m.media.clone().unwrap_or_else(|| format!(
                "media size {:.1} x {:.1} mm",
                m.x_dimension as f64 / 100.0,
                m.y_dimension as f64 / 100.0
            )),
            if m.borderless { ", borderless" } else { "" }
        ),
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
            "job {} to printer {} ({}), {} each:",
            r.job,
            r.printer,
            r.printer_status,
            words::count(r.copies, "copy", "copies")
        );
        say!("  at exact size: {}", exact_size(r.exact_size.as_ref()));
        for p in &r.parts {
            let what = p.part.map(|n| format!("part {n}")).unwrap_or_else(|| "reprint".into());
            let job = p.printer_job_id.map(|id| format!(" printer job {id}")).unwrap_or_default();
            say!("  {what} (sheets {}): {}{job}, {}", p.sheets, p.outcome, state_says(p.state.as_str(), &p.note));
        }
        say!("{} sent, {} skipped", words::count(r.sent() as i64, "part", "parts"), r.parts.len() - r.sent());
    }
}

/// A printer state with what the printer said of it: "completed (the RIP has taken the file)".
fn state_says(state: &str, message: &str) -> String {
    match message.trim() {
        "" => state.to_string(),
        m => format!("{state} ({m})"),
    }
}

fn dispatch_rows(lines: &[DispatchLine]) {
    for d in lines {
        let what = match (d.part, d.reprint) {
            (Some(n), _) => format!("part {n}"),
            (None, Some(r)) => format!("reprint {r}"),
            _ => "?".into(),
        };
        let job = d.printer_job_id.map(|id| format!(" job {id}")).unwrap_or_default();
        say!("  D{} {what} on {}{job}: {}", d.dispatch, d.printer, state_says(d.state.as_str(), &d.message));
        if let Some(e) = &d.error {
            say!("    could not ask: {e}");
        }
    }
}

impl Report for JobStatusReport {
    fn human(&self) {
        let r = self;
        say!(
            "job {}: {}",
            r.job,
            match &r.printed_at {
                Some(t) => format!("printed (all parts completed; {})", output::time(t)),
                None => "not printed yet".into(),
            }
        );
        for p in &r.parts {
            say!("  part {} (sheets {}-{}): {}", p.part, p.first_sheet, p.last_sheet, p.state);
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
                "job {} reprint {}: sheets {} sent to {} ({}{})",
                d.job,
                d.id,
                sheets.join(", "),
                d.printer,
                d.sent.state,
                d.sent.printer_job_id.map(|id| format!(", printer job {id}")).unwrap_or_default()
            );
            say!("{}", d.file);
        }
    }
}
