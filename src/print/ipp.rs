//! IPP (RFC 8011) through the `ipp` crate's blocking client: Print-Job with the PDF streamed
//! from its file, Get-Job-Attributes, Cancel-Job, Get-Jobs and Get-Printer-Attributes. Works
//! against IPP Everywhere printers and CUPS queues alike, in the clear (ipp://) or over TLS
//! (ipps://, through rustls with the ring provider, as the mail client).

use super::paper::{MediaChoice, Supports};
use super::{Found, JobStatus, PrintError, Submission, Submitted};
use crate::domain::printing::PartState;
use crate::msg;
use ::ipp::prelude::*;
use std::time::Duration;

/// Long enough to upload a large part over a slow network, short enough that a dead printer
/// does not hang the lab's terminal.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(600);

/// A printer address: ipp:// or http://, or ipps:// or https:// (TLS, the certificate checked
/// against the system's trusted roots). One carrying `user:password@` is refused: gradlab
/// never stores or shows credentials.
pub(super) fn parse_uri(uri: &str) -> Result<Uri, PrintError> {
    let shown = super::redact_uri(uri);
    let u = uri.parse::<Uri>().map_err(|e| {
        PrintError::Other(msg!("print-bad-address", address = shown.as_str(), error = e.to_string()).to_string())
    })?;
    if u.authority().is_some_and(|a| a.as_str().contains('@')) {
        return Err(PrintError::Other(msg!("print-address-credentials", address = shown.as_str()).to_string()));
    }
    match u.scheme_str() {
        Some("ipp" | "http" | "ipps" | "https") => Ok(u),
        _ => Err(PrintError::Other(msg!("print-address-scheme", address = shown.as_str()).to_string())),
    }
}

fn name(s: &str) -> Result<IppValue, PrintError> {
    // IPP names are at most 255 bytes; cut at a character boundary rather than refuse.
    let mut end = s.len().min(255);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    Ok(IppValue::NameWithoutLanguage(s[..end].try_into().map_err(|e| PrintError::Other(format!("{e}")))?))
}

fn keyword(s: &str) -> Result<IppValue, PrintError> {
    Ok(IppValue::Keyword(s.try_into().map_err(|e| PrintError::Other(format!("{s:?}: {e}")))?))
}

fn request(uri: &Uri, op: Operation) -> Result<IppRequestResponse, PrintError> {
    IppRequestResponse::new(IppVersion::v1_1(), op, Some(uri.clone()))
        .map_err(|e| PrintError::Other(msg!("send-ipp-building", error = e.to_string()).to_string()))
}

fn attr_in(req: &mut IppRequestResponse, group: DelimiterTag, attr: &str, value: IppValue) -> Result<(), PrintError> {
    let a = IppAttribute::with_name(attr, value).map_err(|e| PrintError::Other(format!("{attr}: {e}")))?;
    req.attributes_mut().add(group, a);
    Ok(())
}

fn op_attr(req: &mut IppRequestResponse, attr: &str, value: IppValue) -> Result<(), PrintError> {
    attr_in(req, DelimiterTag::OperationAttributes, attr, value)
}

/// Send one request; a transport failure is `Unreachable`, an IPP error status is `Refused`.
fn send(uri: &Uri, req: IppRequestResponse, what: &str) -> Result<IppRequestResponse, PrintError> {
    let client = IppClient::builder(uri.clone()).request_timeout(REQUEST_TIMEOUT).build();
    let resp =
        client.send(req).map_err(|e| PrintError::Unreachable { target: uri.to_string(), reason: e.to_string() })?;
    let status = resp.header().status_code();
    if status.is_success() {
        Ok(resp)
    } else {
        let message = attr_text(&resp, DelimiterTag::OperationAttributes, "status-message");
        Err(PrintError::Refused {
            target: uri.to_string(),
            what: what.to_string(),
            reason: if message.is_empty() { format!("{status:?}") } else { format!("{status:?}: {message}") },
        })
    }
}

fn attr<'a>(resp: &'a IppRequestResponse, group: DelimiterTag, name: &str) -> Option<&'a IppValue> {
    resp.attributes().groups_of(group).find_map(|g| g.get(name)).map(|a| a.value())
}

fn attr_text(resp: &IppRequestResponse, group: DelimiterTag, name: &str) -> String {
    attr(resp, group, name).map(|v| v.to_string()).unwrap_or_default()
}

fn int_of(v: &IppValue) -> Option<i32> {
    match v {
        IppValue::Integer(i) | IppValue::Enum(i) => Some(*i),
        _ => None,
    }
}

fn status_of(group: &IppAttributeGroup) -> Option<JobStatus> {
    let state = group.get("job-state").and_then(|a| int_of(a.value())).and_then(PartState::from_ipp)?;
    let mut message = group.get("job-state-message").map(|a| a.value().to_string()).unwrap_or_default();
    let reasons = group.get("job-state-reasons").map(|a| a.value().to_string()).unwrap_or_default();
    if !reasons.is_empty() && reasons != "none" && !message.contains(&reasons) {
        message = if message.is_empty() { reasons } else { format!("{message} ({reasons})") };
    }
    Some(JobStatus { state, message })
}

pub(super) fn check_ready(uri: &str) -> Result<String, PrintError> {
    let u = parse_uri(uri)?;
    let mut req = request(&u, Operation::GetPrinterAttributes)?;
    op_attr(
        &mut req,
        "requested-attributes",
        IppValue::Array(vec![
            keyword("printer-state")?,
            keyword("printer-is-accepting-jobs")?,
            keyword("printer-make-and-model")?,
        ]),
    )?;
    let resp = send(&u, req, "Get-Printer-Attributes")?;
    let g = DelimiterTag::PrinterAttributes;
    if let Some(IppValue::Boolean(false)) = attr(&resp, g, "printer-is-accepting-jobs") {
        return Err(PrintError::Refused {
            target: uri.into(),
            what: crate::i18n::tr("print-what-new-jobs"),
            reason: crate::i18n::tr("print-not-accepting"),
        });
    }
    let state = match attr(&resp, g, "printer-state").and_then(int_of) {
        Some(3) => "print-state-idle",
        Some(4) => "print-state-printing",
        Some(5) => "print-state-stopped",
        _ => "print-state-unknown",
    };
    let state = crate::i18n::tr(state);
    Ok(format!("{} ({state})", attr_text(&resp, g, "printer-make-and-model")))
}

/// Every value of an attribute (one, or each of a set).
fn values(v: Option<&IppValue>) -> Vec<&IppValue> {
    match v {
        Some(IppValue::Array(a)) => a.iter().collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    }
}

fn member<'a>(c: &'a IppValue, name: &str) -> Option<&'a IppValue> {
    match c {
        IppValue::Collection(m) => m.iter().find(|(k, _)| k.as_str() == name).map(|(_, v)| v),
        _ => None,
    }
}

/// What the printer supports for printing at exact size (Get-Printer-Attributes).
pub(super) fn supports(uri: &str) -> Result<Supports, PrintError> {
    let u = parse_uri(uri)?;
    let mut req = request(&u, Operation::GetPrinterAttributes)?;
    let wanted = [
        "print-scaling-supported",
        "media-supported",
        "media-size-supported",
        "media-col-supported",
        "media-top-margin-supported",
        "media-right-margin-supported",
        "media-bottom-margin-supported",
        "media-left-margin-supported",
    ];
    op_attr(
        &mut req,
        "requested-attributes",
        IppValue::Array(wanted.iter().map(|k| keyword(k)).collect::<Result<_, _>>()?),
    )?;
    let resp = send(&u, req, "Get-Printer-Attributes")?;
    let g = DelimiterTag::PrinterAttributes;
    let words = |name: &str| values(attr(&resp, g, name)).iter().map(|v| v.to_string()).collect::<Vec<_>>();
    let ints = |name: &str| values(attr(&resp, g, name)).into_iter().filter_map(int_of).collect::<Vec<_>>();
    let media_sizes = values(attr(&resp, g, "media-size-supported"))
        .into_iter()
        .filter_map(|c| {
            let x = member(c, "x-dimension").and_then(int_of)?;
            let y = member(c, "y-dimension").and_then(int_of)?;
            Some((x, y))
        })
        .collect();
    Ok(Supports {
        print_scaling: words("print-scaling-supported"),
        media: words("media-supported"),
        media_sizes,
        media_col: words("media-col-supported"),
        margins: ["top", "right", "bottom", "left"].map(|side| ints(&format!("media-{side}-margin-supported"))),
    })
}

fn collection(members: Vec<(&str, IppValue)>) -> Result<IppValue, PrintError> {
    let mut map = std::collections::BTreeMap::new();
    for (k, v) in members {
        map.insert(k.try_into().map_err(|e| PrintError::Other(format!("{k}: {e}")))?, v);
    }
    Ok(IppValue::Collection(map))
}

/// `print-scaling=none` and the paper, as job attributes.
fn exact_size(req: &mut IppRequestResponse, m: &MediaChoice) -> Result<(), PrintError> {
    let job = DelimiterTag::JobAttributes;
    attr_in(req, job, "print-scaling", keyword("none")?)?;
    match &m.media {
        Some(name) if !m.borderless => attr_in(req, job, "media", keyword(name)?),
        _ => {
            let size = collection(vec![
                ("x-dimension", IppValue::Integer(m.x_dimension)),
                ("y-dimension", IppValue::Integer(m.y_dimension)),
            ])?;
            let mut members = vec![("media-size", size)];
            if m.borderless {
                for side in ["media-top-margin", "media-right-margin", "media-bottom-margin", "media-left-margin"] {
                    members.push((side, IppValue::Integer(0)));
                }
            }
            attr_in(req, job, "media-col", collection(members)?)
        }
    }
}

/// How long to keep asking a busy printer to take a job. A printer without a queue of its own
/// refuses new jobs (server-error-busy) while it prints one; a large part takes minutes.
const BUSY_WAIT: Duration = Duration::from_secs(30 * 60);

fn is_busy(e: &PrintError) -> bool {
    matches!(e, PrintError::Refused { reason, .. }
        if reason.starts_with("ServerErrorBusy") || reason.starts_with("ServerErrorServiceUnavailable")
            || reason.starts_with("ServerErrorTemporaryError"))
}

pub(super) fn print_job(uri: &str, s: &Submission, waiting: &dyn Fn(&str)) -> Result<Submitted, PrintError> {
    let started = std::time::Instant::now();
    let mut pause = Duration::from_millis(200);
    loop {
        match print_once(uri, s) {
            Err(e) if is_busy(&e) && started.elapsed() < BUSY_WAIT => {
                waiting(
                    &msg!("print-busy-retry", error = e.to_string(), seconds = format!("{:.1}", pause.as_secs_f64()))
                        .to_string(),
                );
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_secs(5));
            }
            other => return other,
        }
    }
}

fn print_once(uri: &str, s: &Submission) -> Result<Submitted, PrintError> {
    let u = parse_uri(uri)?;
    let file = std::fs::File::open(s.file).map_err(|e| PrintError::Other(format!("{}: {e}", s.file.display())))?;
    let mut req = request(&u, Operation::PrintJob)?;
    op_attr(&mut req, "requesting-user-name", name(s.user)?)?;
    op_attr(&mut req, "job-name", name(s.job_name)?)?;
    op_attr(
        &mut req,
        "document-format",
        IppValue::MimeMediaType("application/pdf".try_into().map_err(|e| PrintError::Other(format!("{e}")))?),
    )?;
    if s.copies > 1 {
        attr_in(&mut req, DelimiterTag::JobAttributes, "copies", IppValue::Integer(s.copies as i32))?;
    }
    if let Some(paper) = s.paper {
        let choice = supports(uri)?
            .choose(paper)
            .map_err(|reason| PrintError::Unsupported { target: uri.to_string(), reason })?;
        exact_size(&mut req, &choice)?;
    }
    *req.payload_mut() = IppPayload::new(file);
    let resp = send(&u, req, &msg!("send-ipp-what-job", job = s.job_name).to_string())?;
    let job = resp.attributes().groups_of(DelimiterTag::JobAttributes).next();
    let id = job
        .and_then(|g| g.get("job-id"))
        .and_then(|a| int_of(a.value()))
        .ok_or_else(|| PrintError::Other(msg!("send-ipp-no-job-id", printer = uri, job = s.job_name).to_string()))?;
    let status = job.and_then(status_of).unwrap_or(JobStatus { state: PartState::Pending, message: String::new() });
    Ok(Submitted { printer_job_id: Some(id as i64), files: Vec::new(), state: status.state, message: status.message })
}

fn job_request(uri: &Uri, op: Operation, id: i64, user: Option<&str>) -> Result<IppRequestResponse, PrintError> {
    let mut req = request(uri, op)?;
    op_attr(&mut req, "job-id", IppValue::Integer(id as i32))?;
    if let Some(user) = user {
        op_attr(&mut req, "requesting-user-name", name(user)?)?;
    }
    Ok(req)
}

pub(super) fn job_status(uri: &str, id: i64) -> Result<JobStatus, PrintError> {
    let u = parse_uri(uri)?;
    let req = job_request(&u, Operation::GetJobAttributes, id, None)?;
    let resp = send(&u, req, &msg!("send-ipp-what-state", id = id.to_string()).to_string())?;
    resp.attributes()
        .groups_of(DelimiterTag::JobAttributes)
        .find_map(status_of)
        .ok_or_else(|| PrintError::Other(msg!("send-ipp-no-job-state", printer = uri, id = id.to_string()).to_string()))
}

pub(super) fn cancel(uri: &str, id: i64, user: &str) -> Result<JobStatus, PrintError> {
    let u = parse_uri(uri)?;
    let req = job_request(&u, Operation::CancelJob, id, Some(user))?;
    match send(&u, req, &msg!("send-ipp-what-cancel", id = id.to_string()).to_string()) {
        Ok(_) => {
            // A printer stops at the next page boundary; wait a little for it to say so.
            let deadline = std::time::Instant::now() + Duration::from_secs(15);
            loop {
                let st = job_status(uri, id)?;
                if st.state.is_final() || std::time::Instant::now() > deadline {
                    return Ok(st);
                }
                std::thread::sleep(Duration::from_millis(250));
            }
        }
        // Already finished: say what it finished as, rather than fail.
        Err(PrintError::Refused { .. }) => {
            let st = job_status(uri, id)?;
            if st.state.is_final() {
                Ok(st)
            } else {
                Err(PrintError::Refused {
                    target: uri.into(),
                    what: msg!("send-ipp-what-cancel", id = id.to_string()).to_string(),
                    reason: msg!("send-ipp-job-is", state = st.state.word()).to_string(),
                })
            }
        }
        Err(e) => Err(e),
    }
}

/// Our job among the printer's: the same name, sent by the same user (another station may
/// have printed a part of the same name).
pub(super) fn find_job(uri: &str, job_name: &str, user: &str) -> Result<Found, PrintError> {
    let u = parse_uri(uri)?;
    let mut req = request(&u, Operation::GetJobs)?;
    op_attr(&mut req, "which-jobs", keyword("all")?)?;
    op_attr(
        &mut req,
        "requested-attributes",
        IppValue::Array(vec![
            keyword("job-id")?,
            keyword("job-name")?,
            keyword("job-originating-user-name")?,
            keyword("job-state")?,
            keyword("job-state-message")?,
            keyword("job-state-reasons")?,
        ]),
    )?;
    let resp = send(&u, req, &crate::i18n::tr("send-ipp-what-list"))?;
    for g in resp.attributes().groups_of(DelimiterTag::JobAttributes) {
        let text = |attr: &str| g.get(attr).map(|a| a.value().to_string());
        if text("job-name").as_deref() == Some(job_name)
            && text("job-originating-user-name").is_some_and(|u| sent_by(&u, user))
            && let Some(id) = g.get("job-id").and_then(|a| int_of(a.value()))
        {
            let st = status_of(g).unwrap_or(JobStatus { state: PartState::Pending, message: String::new() });
            return Ok(Found::Delivered(Submitted {
                printer_job_id: Some(id as i64),
                files: Vec::new(),
                state: st.state,
                message: st.message,
            }));
        }
    }
    Ok(Found::NotDelivered)
}

/// Whether a job's originating user is the one we sent it as. IPP cuts names at 255 bytes, and a
/// CUPS queue may append `@host`.
fn sent_by(originating: &str, user: &str) -> bool {
    let ours = name(user).map(|v| v.to_string()).unwrap_or_default();
    originating == ours || originating.split('@').next() == Some(ours.as_str())
}
