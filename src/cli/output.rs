//! Printing results for people (plain lines) or programs (`--json`). A command builds its
//! result once, as a [`Report`]; [`emit`] is the one place that chooses between the two.
//! Times in the JSON stay as stored (UTC, RFC 3339); the lines for a person show them in the
//! lab's zone through [`time`].

use crate::app::Outcome;
use crate::domain::local_time::Zone;
use serde::Serialize;
use std::io::Write;

macro_rules! say {
    ($($t:tt)*) => { $crate::cli::output::say_line(format_args!($($t)*)) };
}
pub(crate) use say;

/// How results are printed: lines for a person, or JSON for a program (`--json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

/// A command's result: it serializes itself for `--json` and writes its own lines for a person.
pub trait Report: Serialize {
    /// The lines a person reads, through `say!`; notes beside the result go to stderr.
    fn human(&self);

    /// What the command came to, for the exit code; most results are simply done.
    fn outcome(&self) -> Outcome {
        Outcome::Done
    }
}

/// Print a command's result in the chosen format, and say what it came to.
pub fn emit<R: Report + ?Sized>(report: &R, format: Format) -> Outcome {
    match format {
        Format::Json => json(report),
        Format::Human => report.human(),
    }
    report.outcome()
}

/// What a command made, by its id: the id alone on a line, or `{"id": ...}`.
#[derive(Serialize)]
pub struct Created<T> {
    pub id: T,
}

impl<T: Serialize + std::fmt::Display> Report for Created<T> {
    fn human(&self) {
        say!("{}", self.id);
    }
}

/// Files a command wrote, one path a line (or a JSON list).
impl Report for Vec<std::path::PathBuf> {
    fn human(&self) {
        for f in self {
            say!("{}", f.display());
        }
    }
}

/// Print one line to stdout. When the reader has gone (`gradlab ... | head`), stop quietly
/// instead of panicking: the work is done, only its report is unwanted.
pub fn say_line(args: std::fmt::Arguments<'_>) {
    // Names and classes came from outside: their control characters print as text, and an ID
    // number typed where it does not belong shows only its last 4.
    let text = args.to_string();
    let text = crate::domain::privacy::redact(&text);
    let text = crate::domain::text::escape_controls(&text);
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.write_all(b"\n")) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("{}", crate::msg!("desk-cannot-write-stdout", error = e.to_string()));
    }
}

fn json<T: Serialize + ?Sized>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => say_line(format_args!("{s}")),
        Err(e) => eprintln!("{}", crate::msg!("desk-cannot-write-json", error = e.to_string())),
    }
}

/// The zone a person reads times in: the workspace's `[lab] timezone`, set once the command
/// has opened it (one command, one workspace); `Asia/Shanghai` before that.
static ZONE: std::sync::OnceLock<Zone> = std::sync::OnceLock::new();

pub fn set_zone(zone: Zone) {
    let _ = ZONE.set(zone);
}

pub fn zone() -> Zone {
    ZONE.get().copied().unwrap_or_default()
}

/// A stored time as a person reads it: in the lab's zone, `2026-11-29 21:01`.
pub fn time(stored: &str) -> String {
    zone().show(stored)
}

/// Print rows as aligned columns; widths count East Asian characters as two columns.
pub fn table(headers: &[&str], rows: &[Vec<String>]) {
    let width = |s: &str| s.chars().map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 }).sum::<usize>();
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(width(c));
            }
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (i, c) in cells.iter().enumerate() {
            out.push_str(c);
            if i + 1 < cells.len() {
                out.push_str(&" ".repeat(widths[i] - width(c) + 2));
            }
        }
        say_line(format_args!("{}", out.trim_end()));
    };
    line(headers.to_vec());
    for r in rows {
        line(r.iter().map(String::as_str).collect());
    }
}

/// [`table`] with headings from the catalog (their keys), in the language this process speaks.
pub fn table_tr(keys: &[&'static str], rows: &[Vec<String>]) {
    let heads: Vec<String> = keys.iter().map(|k| crate::i18n::tr(k)).collect();
    table(&heads.iter().map(String::as_str).collect::<Vec<_>>(), rows);
}

pub fn findings(title: &str, items: &[crate::import::Finding]) {
    if items.is_empty() {
        return;
    }
    say!("{title} ({}):", items.len());
    for f in items {
        say!("  {f}");
    }
}
