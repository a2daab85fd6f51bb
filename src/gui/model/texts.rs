//! The window's words for the states and kinds the services return as keys. Where the message
//! catalog (`crate::i18n`) has the words they come from it, so the window and the CLI say the
//! same; the rest are still written here. Errors are shown with their own Display, which is the
//! catalog's text where the message has moved there.

use crate::domain::request::RequestStatus;
use crate::domain::shipment::{ScanKind, ScanResult, ShipmentState};

/// A word of the catalog (its key), said in the window's language when shown: the second half
/// of the `(key, word)` tables the window's lists are built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word(&'static str);

impl std::fmt::Display for Word {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        crate::i18n::Msg::new(self.0).fmt(f)
    }
}

/// A state or kind key with its words; unknown keys are shown as they are.
fn label(pairs: &[(&str, Word)], key: &str) -> String {
    pairs.iter().find(|(k, _)| *k == key).map(|(_, w)| w.to_string()).unwrap_or_else(|| key.to_string())
}

/// The catalog's words for a request's status, in the window's language.
pub fn request_status(s: RequestStatus) -> String {
    s.word().to_string()
}

pub const REQUEST_KINDS: [(&str, Word); 3] = [
    ("lost", Word("request-kind-lost")),
    ("missing", Word("request-kind-missing")),
    ("damaged", Word("request-kind-damaged")),
];

pub fn request_kind(key: &str) -> String {
    label(&REQUEST_KINDS, key)
}

pub const REQUESTERS: [(&str, Word); 2] =
    [("student", Word("imp-requester-student")), ("school", Word("imp-requester-school"))];

pub fn requester(key: &str) -> String {
    label(&REQUESTERS, key)
}

pub fn shipment_state(s: ShipmentState) -> String {
    s.word().to_string()
}

/// A printed part's state, as the printer reported it.
pub fn part_state(key: &str) -> String {
    crate::domain::printing::state_words(key)
}

/// An electronic-copy request's state (`ecopy log`) or one part's.
pub fn ecopy_state(key: &str) -> String {
    label(
        &[
            ("not sent", Word("imp-ecopy-not-sent")),
            ("sent", Word("imp-ecopy-sent")),
            ("partly sent", Word("imp-ecopy-partly-sent")),
            ("failed", Word("imp-ecopy-failed")),
            ("pending", Word("imp-ecopy-pending")),
            ("accepted", Word("imp-ecopy-accepted")),
        ],
        key,
    )
}

pub const NAMINGS: [(&str, Word); 3] =
    [("xh", Word("imp-naming-xh")), ("xh-name", Word("imp-naming-xh-name")), ("cjm", Word("imp-naming-cjm"))];

pub fn naming(key: &str) -> String {
    label(&NAMINGS, key)
}

/// The strip fields a correction may change, as `correction add --field` takes them.
pub const CORRECTION_FIELDS: [(&str, Word); 5] = [
    ("xh", Word("imp-field-xh")),
    ("xm", Word("imp-field-xm")),
    ("bh", Word("imp-field-bh")),
    ("cc", Word("imp-field-cc")),
    ("xllb", Word("imp-field-xllb")),
];

pub fn correction_field(key: &str) -> String {
    label(&CORRECTION_FIELDS, key)
}

/// The large word a mailroom scan shows, and its colour key (`accepted`, `confirmed`,
/// `shown`, `refused`).
pub fn scan_verdict(kind: ScanKind, result: ScanResult, shipped: bool) -> (String, &'static str) {
    let word = match (kind, result) {
        (_, ScanResult::Refused) => "verdict-refused",
        (ScanKind::Tracking, ScanResult::Accepted) if shipped => "verdict-shipped",
        (ScanKind::Tracking, ScanResult::Accepted) => "verdict-tracking",
        (_, ScanResult::Accepted) => "verdict-accepted",
        (_, ScanResult::Confirmed) => "verdict-confirmed",
        (ScanKind::Shipment, _) => "verdict-shipment",
        _ => "verdict-recorded",
    };
    (crate::i18n::tr(word), result.as_str())
}

/// A part's preflight, from its latest verification (`job verify`).
pub fn verification(check: Option<&crate::app::verify::PartCheck>) -> String {
    crate::i18n::tr(match check {
        None => "window-unverified",
        Some(c) if c.stale => "window-verified-stale",
        Some(c) if c.passed => "window-verified",
        Some(_) => "window-verify-failed",
    })
}

/// An audit entry's action as the window shows it; an action without words of its own, as
/// stored.
pub fn audit_action(action: &str) -> String {
    let words = match action {
        "request.add" => crate::msg!("action-request-add"),
        "request.match" => crate::msg!("action-request-match"),
        "request.approve" => crate::msg!("action-request-approve"),
        "request.reject" => crate::msg!("action-request-reject"),
        "request.print" => crate::msg!("action-request-print"),
        "request.printed" => crate::msg!("action-request-printed"),
        "request.ship" => crate::msg!("action-request-ship"),
        "request.shipped" => crate::msg!("action-request-shipped"),
        "request.returned" => crate::msg!("action-request-returned"),
        "request.close" => crate::msg!("action-request-close"),
        "request.closed" => crate::msg!("action-request-closed"),
        "request.unpacked" => crate::msg!("action-request-unpacked"),
        other => return other.to_string(),
    };
    words.to_string()
}

/// What the window says while the shared store does not answer.
pub fn unreachable(u: &crate::error::Unreachable) -> String {
    use crate::error::Unreachable::*;
    match u {
        Lost { server } => crate::msg!("window-store-lost", server = server.as_str()),
        NoConnection { server, detail } => {
            crate::msg!("window-store-unreachable", server = server.as_str(), detail = detail.as_str())
        }
    }
    .to_string()
}

/// An error as the window shows it: the store not answering in the window's words, anything
/// else as the services say it.
/// An error as the window says it: a hint names the window's control where the catalog has a
/// window's wording for it (`<key>-in-window`), not the command-line flag.
pub fn error(e: &crate::Error) -> String {
    match (e.unreachable(), e) {
        (Some(u), _) => unreachable(&u),
        (None, crate::Error::Message(m)) => m.window_text(crate::i18n::current()),
        (None, _) => e.to_string(),
    }
}

/// Where a request or correction came from: the command line, or the window and its station
/// (stored already in words).
pub fn source(stored: &str) -> String {
    if stored == "cli" { crate::i18n::tr("source-command-line") } else { stored.to_string() }
}

pub fn yes_no(v: bool) -> String {
    crate::i18n::tr(if v { "window-yes" } else { "window-no" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_request_status_has_a_chinese_label() {
        // The window speaks Chinese (`gui::build` sets it); this test thread does too.
        crate::i18n::with_lang(crate::i18n::Lang::Zh, || {
            for s in RequestStatus::ALL {
                assert!(request_status(s).chars().all(|c| !c.is_ascii()), "{s}");
            }
        });
    }

    #[test]
    fn every_shipment_state_and_part_state_has_a_chinese_label() {
        crate::i18n::with_lang(crate::i18n::Lang::Zh, shipment_and_part_labels);
    }

    fn shipment_and_part_labels() {
        for s in ShipmentState::ALL {
            assert!(shipment_state(s).chars().all(|c| !c.is_ascii()), "{s}");
        }
        let labels: std::collections::HashSet<String> = ShipmentState::ALL.into_iter().map(shipment_state).collect();
        assert_eq!(labels.len(), ShipmentState::ALL.len(), "two shipment states share a label");
        for s in crate::domain::printing::PartState::ALL {
            assert!(part_state(s.as_str()).chars().all(|c| !c.is_ascii()), "{s:?}");
        }
    }

    #[test]
    fn refused_scans_are_red_whatever_they_were() {
        crate::i18n::with_lang(crate::i18n::Lang::Zh, refused_scans_in_chinese);
        let en = crate::i18n::with_lang(crate::i18n::Lang::En, || {
            scan_verdict(ScanKind::Packet, ScanResult::Refused, false)
        });
        assert_eq!(en, ("REFUSED".to_string(), "refused"));
    }

    fn refused_scans_in_chinese() {
        assert_eq!(scan_verdict(ScanKind::Packet, ScanResult::Refused, false), ("拒收".to_string(), "refused"));
        assert_eq!(scan_verdict(ScanKind::Packet, ScanResult::Accepted, false).1, "accepted");
        assert_eq!(scan_verdict(ScanKind::Tracking, ScanResult::Accepted, true).0, "已发运");
    }
}
