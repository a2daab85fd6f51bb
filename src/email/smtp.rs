//! Talking to the lab's mail server with `lettre`: one connection per message (STARTTLS or
//! implicit TLS, the system's trusted roots plus `ca_file`), AUTH when configured, and the
//! server's answer classified so the caller knows whether to try again. Retrying, recording
//! and choosing what to send belong to `app::ecopy`.

use super::config::{Security, SmtpConfig};
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport};
use std::time::Duration;

/// Why a message was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// A 4xx reply or a dropped or refused connection: worth trying again later.
    Transient(String),
    /// A 5xx reply, or a TLS or configuration problem no retry will cure.
    Permanent(String),
}

impl Failure {
    pub fn reply(&self) -> &str {
        match self {
            Failure::Transient(s) | Failure::Permanent(s) => s,
        }
    }
}

/// One message to send: a short cover letter and one attachment.
pub struct Outgoing<'a> {
    pub from_name: &'a str,
    pub to: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
    pub message_id: &'a str,
    pub attachment_name: &'a str,
    pub attachment: Vec<u8>,
}

/// A message ready to go: its envelope and its bytes exactly as they will be sent.
pub struct Formatted {
    envelope: lettre::address::Envelope,
    pub bytes: Vec<u8>,
}

pub struct Mailer {
    transport: SmtpTransport,
    from: String,
}

/// How long one read or write on the connection may take before it counts as dropped.
const TIMEOUT: Duration = Duration::from_secs(120);

impl Mailer {
    pub fn new(cfg: &SmtpConfig) -> Result<Mailer, String> {
        let mut builder = SmtpTransport::builder_dangerous(cfg.host.as_str()).port(cfg.port).timeout(Some(TIMEOUT));
        if cfg.security != Security::None {
            let mut tls = TlsParameters::builder(cfg.host.clone());
            if let Some((path, pem)) = &cfg.ca {
                let cert = Certificate::from_pem(pem).map_err(|e| {
                    crate::msg!("send-smtp-ca-file", file = path.display().to_string(), error = e.to_string())
                        .to_string()
                })?;
                tls = tls.add_root_certificate(cert);
            }
            let tls = tls.build_rustls().map_err(|e| {
                crate::msg!("send-smtp-tls-setup", host = cfg.host.as_str(), error = e.to_string()).to_string()
            })?;
            builder = builder.tls(match cfg.security {
                Security::Tls => Tls::Wrapper(tls),
                _ => Tls::Required(tls),
            });
        }
        if let Some((user, password)) = &cfg.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.expose().to_string()));
        }
        Ok(Mailer { transport: builder.build(), from: cfg.from.clone() })
    }

    /// Build the message: plain-text letter in UTF-8 and the attachment in base64.
    pub fn format(&self, out: &Outgoing) -> Result<Formatted, String> {
        let from: Mailbox = format!("{} <{}>", quote(out.from_name), self.from)
            .parse()
            .or_else(|_| self.from.parse())
            .map_err(|e: lettre::address::AddressError| {
                crate::msg!("send-smtp-bad-sender", from = self.from.as_str(), error = e.to_string()).to_string()
            })?;
        let to: Mailbox = out.to.parse().map_err(|e: lettre::address::AddressError| {
            crate::msg!("send-smtp-bad-to", to = out.to, error = e.to_string()).to_string()
        })?;
        let zip = ContentType::parse("application/zip").map_err(|e| e.to_string())?;
        let message = Message::builder()
            .from(from)
            .to(to)
            .subject(out.subject)
            .message_id(Some(out.message_id.to_string()))
            .multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(out.text.to_string()))
                    .singlepart(Attachment::new(out.attachment_name.to_string()).body(out.attachment.clone(), zip)),
            )
            .map_err(|e| crate::msg!("send-smtp-cannot-build", error = e.to_string()).to_string())?;
        Ok(Formatted { envelope: message.envelope().clone(), bytes: message.formatted() })
    }

    /// Send one message on a new connection. Ok carries the server's reply (`250 ...`).
    pub fn send(&self, msg: &Formatted) -> Result<String, Failure> {
        match self.transport.send_raw(&msg.envelope, &msg.bytes) {
            Ok(r) => Ok(reply_text(r.code().to_string(), r.message())),
            Err(e) => Err(classify(&e)),
        }
    }
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace(['"', '\\', '\r', '\n'], " "))
}

fn reply_text<'a>(code: String, lines: impl Iterator<Item = &'a str>) -> String {
    let text: Vec<&str> = lines.collect();
    if text.is_empty() { code } else { format!("{code} {}", text.join(" ")) }
}

/// The kind of the first I/O error behind `e`, if any.
fn io_kind(e: &(dyn std::error::Error + 'static)) -> Option<std::io::ErrorKind> {
    let mut cur = Some(e);
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        cur = err.source();
    }
    None
}

/// Sort a lettre error into try-again or give-up, with the words the server said.
fn classify(e: &lettre::transport::smtp::Error) -> Failure {
    let detail = std::error::Error::source(e).map(|s| s.to_string()).unwrap_or_default();
    if let Some(code) = e.status() {
        let text = if detail.is_empty() { code.to_string() } else { format!("{code} {detail}") };
        return if e.is_transient() { Failure::Transient(text) } else { Failure::Permanent(text) };
    }
    // rustls reports a refused certificate or a failed handshake as invalid data on the
    // connection; lettre passes it on as a network error. No retry cures it.
    if e.is_tls() || io_kind(e) == Some(std::io::ErrorKind::InvalidData) {
        return Failure::Permanent(crate::msg!("send-smtp-tls", detail = detail).to_string());
    }
    if e.is_client() {
        return Failure::Permanent(format!("{e}"));
    }
    if e.is_timeout() || io_kind(e) == Some(std::io::ErrorKind::WouldBlock) {
        return Failure::Transient(crate::msg!("send-smtp-timeout", seconds = TIMEOUT.as_secs() as i64).to_string());
    }
    // Network, connection, timeout or a garbled answer: the connection dropped.
    Failure::Transient(format!("{e}"))
}
