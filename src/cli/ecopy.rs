//! The electronic-copy commands: `ecopy request|send|log`, and the output of
//! `school add-email|remove-email`.

use super::bar::Bar;
use super::output::{self, Format, Report, emit, say};
use crate::app::ecopy::{self, RequestLog, RequestMade, RequestSpec, SendOptions, SendReport};
use crate::app::{Outcome, Workspace};
use crate::domain::School;
use crate::domain::ecopy::{EcopyPartState, SendOutcome};
use crate::error::Result;
use clap::Subcommand;
use serde::Serialize;

#[derive(Debug, Subcommand)]
pub enum EcopyCmd {
    /// Record a school's letter asking for its graduates' electronic photos; prints its id (E…)
    Request {
        /// School code (院校代码)
        #[arg(long, value_name = "CODE")]
        school: String,
        /// Only these classes (班级); repeatable; default: every class
        #[arg(long = "class", value_name = "BH")]
        classes: Vec<String>,
        /// File names: xh (学号.jpg, default), xh-name (学号姓名.jpg, where the school's roster
        /// gave full names) or cjm (采集码.jpg)
        #[arg(long, value_name = "xh|xh-name|cjm")]
        naming: Option<String>,
        /// The address the letter gives; it must be registered for the school
        #[arg(long, value_name = "EMAIL")]
        to: String,
        /// The letter's reference, e.g. 〔2026〕12号
        #[arg(long, value_name = "REF")]
        letter: Option<String>,
    },
    /// E-mail a request's photos as numbered zip parts; a part the server accepted is not sent
    /// again unless --resend
    #[command(after_help = "Exit codes: 0 every part sent (or sent before), 1 nothing has reached the school, \
                      3 some parts failed (each named) while others were accepted.")]
    Send {
        /// Request id (E12)
        request: String,
        /// Send parts again even if the server accepted them before
        #[arg(long)]
        resend: bool,
        /// Only this part (repeatable)
        #[arg(long = "part", value_name = "N")]
        parts: Vec<i64>,
    },
    /// Requests and their parts, with what the mail server said about each
    Log {
        /// Only this school (院校代码)
        #[arg(long, value_name = "CODE")]
        school: Option<String>,
    },
}

pub fn run(cmd: EcopyCmd, ws: &Workspace, fmt: Format) -> Result<Outcome> {
    match cmd {
        EcopyCmd::Request { school, classes, naming, to, letter } => {
            Ok(emit(&ecopy::request(ws, &RequestSpec { school, classes, naming, to, letter })?, fmt))
        }
        EcopyCmd::Send { request, resend, parts } => {
            let bar = Bar::new();
            let report = ecopy::send(ws, request.parse()?, &SendOptions { resend, parts }, &bar)?;
            drop(bar);
            let outcome = emit(&report, fmt);
            // Whatever the format, each part that did not reach the school is named on stderr.
            for p in report.failed() {
                let what = if p.outcome == SendOutcome::NotSent { "not sent" } else { p.outcome.as_str() };
                eprintln!("error: part {}/{} of request {} {what}: {}", p.part, p.parts, report.id, p.reply);
            }
            Ok(outcome)
        }
        EcopyCmd::Log { school } => Ok(emit(&ecopy::log(ws, school.as_deref())?, fmt)),
    }
}

impl Report for RequestMade {
    fn human(&self) {
        let made = self;
        say!("{}", made.id);
        eprintln!(
            "request {}: {} of {} {} to {}, named {}",
            made.id,
            crate::words::count(made.students as i64, "student", "students"),
            made.school,
            made.school_name,
            made.to,
            made.naming.pattern()
        );
        if !made.without_full_name.is_empty() {
            eprintln!(
                "{} no full name on the school's roster and will be named 学号.jpg: {}",
                match made.without_full_name.len() {
                    1 => "1 student has".to_string(),
                    n => format!("{n} students have"),
                },
                made.without_full_name.join(", ")
            );
        }
        if !made.renamed.is_empty() {
            eprintln!("学号 used twice, files named <name>-<采集码>.jpg: {}", made.renamed.join(", "));
        }
    }
}

impl Report for Vec<RequestLog> {
    fn human(&self) {
        let rows: Vec<Vec<String>> = self
            .iter()
            .map(|r| {
                let accepted = r.parts.iter().filter(|p| p.state == EcopyPartState::Accepted).count();
                vec![
                    r.id.to_string(),
                    r.school.clone(),
                    r.to.clone(),
                    if r.letter.is_empty() { "-".into() } else { r.letter.clone() },
                    r.students.to_string(),
                    r.state.to_string(),
                    if r.parts.is_empty() { "-".into() } else { format!("{accepted}/{}", r.parts.len()) },
                    output::time(&r.created_at),
                ]
            })
            .collect();
        output::table(&["request", "school", "to", "letter", "students", "state", "accepted", "created"], &rows);
        for r in self.iter().filter(|r| !r.parts.is_empty()) {
            say!("{}:", r.id);
            for p in &r.parts {
                say!(
                    "  part {}/{}  {:<8}  {}  {} bytes  tries {}  {}  {}",
                    p.part,
                    p.parts,
                    p.state,
                    crate::words::count(p.photos, "photo", "photos"),
                    p.bytes,
                    p.attempts,
                    p.message_id.as_deref().unwrap_or("-"),
                    p.server_reply
                );
            }
        }
    }
}

impl Report for SendReport {
    fn human(&self) {
        let r = self;
        let students = crate::words::count(r.students as i64, "student", "students");
        say!("request {} to {} ({} {}): {students}", r.id, r.to, r.school, r.school_name);
        for p in &r.parts {
            let tries = crate::words::count(p.tries as i64, "try", "tries");
            let what = match p.outcome {
                SendOutcome::Skipped => "accepted before, not sent again (--resend to send it again)".to_string(),
                SendOutcome::NotSent => format!("not sent: {}", p.reply),
                _ => format!("{} after {tries}: {}", p.outcome, p.reply),
            };
            let photos = crate::words::count(p.photos, "photo", "photos");
            say!("  part {}/{} ({photos}, {} bytes): {what}", p.part, p.parts, p.zip_bytes);
        }
        if !r.without_full_name.is_empty() {
            say!(
                "named 学号.jpg for lack of a full name on the school's roster ({}): {}",
                r.without_full_name.len(),
                r.without_full_name.join(", ")
            );
        }
    }

    fn outcome(&self) -> Outcome {
        SendReport::outcome(self)
    }
}

/// A school's registered addresses after `school add-email` or `remove-email`.
#[derive(Serialize)]
pub struct Emails<'a> {
    emails: &'a [String],
    school: &'a crate::domain::SchoolCode,
    #[serde(skip)]
    name: &'a str,
}

impl<'a> Emails<'a> {
    pub fn of(s: &'a School) -> Self {
        Emails { emails: &s.emails, school: &s.code, name: &s.name }
    }
}

impl Report for Emails<'_> {
    fn human(&self) {
        say!(
            "{} {}: {}",
            self.school,
            self.name,
            if self.emails.is_empty() { "no e-mail address".into() } else { self.emails.join(", ") }
        );
    }
}
