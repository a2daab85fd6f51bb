//! Dispatch: hands finished PDF files to a printer, over IPP (the `ipp` crate's blocking
//! client) or by dropping them into a RIP's hot folder, and asks the printer what became of
//! each job. This module sends bytes exactly as given and never edits a PDF or touches the
//! store; deciding what to send, and recording it, is `app::printing`.

mod hot_folder;
mod ipp;
pub mod paper;

use crate::domain::printing::PartState;
use std::path::{Path, PathBuf};

/// Where a printer takes its jobs.
#[derive(Debug, Clone, PartialEq)]
pub enum Destination {
    /// An IPP printer or CUPS queue: `ipp://host:631/ipp/print`, `http://host:631/printers/q`.
    Ipp(String),
    /// A folder a RIP watches; a PDF appearing under its final name is printed.
    HotFolder(PathBuf),
}

/// One file to print.
pub struct Submission<'a> {
    pub file: &'a Path,
    /// Carries our job id and part, so the printer's queue says what each job is.
    pub job_name: &'a str,
    /// File name (without `.pdf`) for a hot folder; unique per dispatch.
    pub file_stem: &'a str,
    /// The operator, sent as `requesting-user-name`.
    pub user: &'a str,
    pub copies: u32,
    /// Print at exactly this size: an IPP printer is sent `print-scaling=none` and the paper
    /// (and refused if it supports neither); a hot folder's RIP is trusted with the file.
    pub paper: Option<&'a paper::Paper>,
}

/// What the printer gave back for a submission.
#[derive(Debug, Clone, PartialEq)]
pub struct Submitted {
    /// The IPP `job-id`; `None` for a hot folder.
    pub printer_job_id: Option<i64>,
    /// For a hot folder, the file names written (one per copy).
    pub files: Vec<String>,
    pub state: PartState,
    pub message: String,
}

/// A job's state as the printer reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct JobStatus {
    pub state: PartState,
    pub message: String,
}

/// What [`Destination::find_sent`] learnt about an interrupted send.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// The printer has it.
    Delivered(Submitted),
    /// It certainly never arrived (and any half-written file was removed).
    NotDelivered,
    /// No way to tell: a hot folder's RIP may already have taken the file.
    Unknown,
}

/// Failures talking to a printer; the message names the printer's address.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("{}", crate::msg!("print-unreachable", target = target.as_str(), reason = reason.as_str()))]
    Unreachable { target: String, reason: String },
    #[error("{}", crate::msg!("print-refused", target = target.as_str(), what = what.as_str(), reason = reason.as_str()))]
    Refused { target: String, what: String, reason: String },
    /// The printer cannot print at exact size what is asked of it.
    #[error("{}", crate::msg!("print-unsupported", target = target.as_str(), reason = reason.as_str()))]
    Unsupported { target: String, reason: String },
    #[error("{0}")]
    Other(String),
}

impl Destination {
    /// Whether the printer is there and accepting jobs, before anything is sent.
    pub fn check_ready(&self) -> Result<String, PrintError> {
        match self {
            Destination::Ipp(uri) => ipp::check_ready(uri),
            Destination::HotFolder(dir) => hot_folder::check_ready(dir),
        }
    }

    /// What the printer supports for printing at exact size; `None` for a hot folder.
    pub fn supports(&self) -> Result<Option<paper::Supports>, PrintError> {
        match self {
            Destination::Ipp(uri) => ipp::supports(uri).map(Some),
            Destination::HotFolder(_) => Ok(None),
        }
    }

    /// What would be sent for `paper`, refused (naming what the printer lacks) before anything
    /// is sent; `None` for a hot folder.
    pub fn check_paper(&self, paper: &paper::Paper) -> Result<Option<paper::MediaChoice>, PrintError> {
        match self {
            Destination::Ipp(uri) => ipp::supports(uri)?
                .choose(paper)
                .map(Some)
                .map_err(|reason| PrintError::Unsupported { target: uri.clone(), reason }),
            Destination::HotFolder(_) => Ok(None),
        }
    }

    /// Hand a file over. A busy printer is asked again, with `waiting` told each time, until
    /// it takes the job or half an hour has passed.
    pub fn submit(&self, s: &Submission, waiting: &dyn Fn(&str)) -> Result<Submitted, PrintError> {
        match self {
            Destination::Ipp(uri) => ipp::print_job(uri, s, waiting),
            Destination::HotFolder(dir) => hot_folder::drop_file(dir, s),
        }
    }

    /// The state of a job sent earlier: by its IPP job id, or by the files left in the folder.
    pub fn status(&self, printer_job_id: Option<i64>, files: &[String]) -> Result<JobStatus, PrintError> {
        match (self, printer_job_id) {
            (Destination::Ipp(uri), Some(id)) => ipp::job_status(uri, id),
            (Destination::Ipp(_), None) => Err(PrintError::Other("no IPP job id was recorded".into())),
            (Destination::HotFolder(dir), _) => Ok(hot_folder::status(dir, files)),
        }
    }

    pub fn cancel(&self, printer_job_id: Option<i64>, files: &[String], user: &str) -> Result<JobStatus, PrintError> {
        match (self, printer_job_id) {
            (Destination::Ipp(uri), Some(id)) => ipp::cancel(uri, id, user),
            (Destination::Ipp(_), None) => Err(PrintError::Other("no IPP job id was recorded".into())),
            (Destination::HotFolder(dir), _) => hot_folder::cancel(dir, files),
        }
    }

    /// After a crash between sending and recording: did the printer get this submission?
    pub fn find_sent(&self, job_name: &str, user: &str, file_stem: &str, copies: u32) -> Result<Found, PrintError> {
        match self {
            Destination::Ipp(uri) => ipp::find_job(uri, job_name, user),
            Destination::HotFolder(dir) => Ok(hot_folder::find_sent(dir, file_stem, copies)),
        }
    }
}

/// Check an IPP printer address before it is stored: a scheme we speak, no credentials.
pub fn check_address(uri: &str) -> Result<(), String> {
    ipp::parse_uri(uri).map(|_| ()).map_err(|e| e.to_string())
}

/// A printer address as it may be shown: any `user:password@` replaced by `***@`.
pub fn redact_uri(uri: &str) -> String {
    let Some((scheme, rest)) = uri.split_once("://") else { return uri.to_string() };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..end].rfind('@') {
        Some(at) => format!("{scheme}://***@{}", &rest[at + 1..]),
        None => uri.to_string(),
    }
}

#[cfg(test)]
mod uri_tests {
    #[test]
    fn credentials_never_show() {
        assert_eq!(super::redact_uri("ipps://lab:s3cret@10.0.0.5:631/ipp/print"), "ipps://***@10.0.0.5:631/ipp/print");
        assert_eq!(super::redact_uri("ipp://printer.local/ipp/print"), "ipp://printer.local/ipp/print");
        assert_eq!(super::redact_uri("ipp://h/ipp/print?x=a@b"), "ipp://h/ipp/print?x=a@b");
    }
}
