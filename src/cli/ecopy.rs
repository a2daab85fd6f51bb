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
                let what = if p.outcome == SendOutcome::NotSent {
                    crate::i18n::tr("desk-not-sent")
                } else {
                    p.outcome.as_str().to_string()
                };
                eprintln!(
                    "{}",
                    crate::msg!(
                        "desk-ecopy-part-failed",
                        part = p.part.to_string(),
                        parts = p.parts.to_string(),
                        request = report.id.to_string(),
                        what = what,
                        reply = &p.reply
                    )
                );
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
            "{}",
            crate::msg!(
                "desk-ecopy-request-made",
                request = made.id.to_string(),
                students = made.students as i64,
                school = made.school.to_string(),
                name = made.school_name.to_string(),
                to = made.to.to_string(),
                naming = made.naming.pattern().to_string()
            )
        );
        if !made.without_full_name.is_empty() {
            eprintln!(
                "{}",
                crate::msg!(
                    "desk-ecopy-without-full-name",
                    students = made.without_full_name.len(),
                    names = made.without_full_name.join(", ")
                )
            );
        }
        if !made.renamed.is_empty() {
            eprintln!("{}", crate::msg!("desk-ecopy-renamed", names = made.renamed.join(", ")));
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
        output::table_tr(
            &[
                "desk-col-request",
                "desk-col-school",
                "desk-col-to",
                "desk-col-letter",
                "desk-col-students",
                "desk-col-state",
                "desk-col-accepted",
                "desk-col-created",
            ],
            &rows,
        );
        for r in self.iter().filter(|r| !r.parts.is_empty()) {
            say!("{}:", r.id);
            for p in &r.parts {
                say!(
                    "  {}",
                    crate::msg!(
                        "desk-ecopy-log-part",
                        part = p.part.to_string(),
                        parts = p.parts.to_string(),
                        state = format!("{:<8}", p.state),
                        photos = p.photos,
                        bytes = p.bytes.to_string(),
                        tries = p.attempts.to_string(),
                        message_id = p.message_id.as_deref().unwrap_or("-"),
                        reply = p.server_reply.to_string()
                    )
                );
            }
        }
    }
}

impl Report for SendReport {
    fn human(&self) {
        let r = self;
        say!(
            "{}",
            crate::msg!(
                "desk-ecopy-send-title",
                request = r.id.to_string(),
                to = r.to.to_string(),
                school = r.school.to_string(),
                name = r.school_name.to_string(),
                students = r.students as i64
            )
        );
        for p in &r.parts {
            let what = match p.outcome {
                SendOutcome::Skipped => crate::msg!("desk-ecopy-skipped"),
                SendOutcome::NotSent => crate::msg!("desk-ecopy-not-sent-because", reply = p.reply.to_string()),
                _ => crate::msg!(
                    "desk-ecopy-sent-after",
                    outcome = p.outcome.to_string(),
                    tries = p.tries as i64,
                    reply = p.reply.to_string()
                ),
            };
            say!(
                "  {}",
                crate::msg!(
                    "desk-ecopy-send-part",
                    part = p.part.to_string(),
                    parts = p.parts.to_string(),
                    photos = p.photos,
                    bytes = p.zip_bytes.to_string(),
                    what = what
                )
            );
        }
        if !r.without_full_name.is_empty() {
            say!(
                "{}",
                crate::msg!(
                    "desk-ecopy-named-xh",
                    count = r.without_full_name.len().to_string(),
                    names = r.without_full_name.join(", ")
                )
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
            if self.emails.is_empty() { crate::i18n::tr("desk-ecopy-no-email") } else { self.emails.join(", ") }
        );
    }
}
