//! Electronic copies (电子版) as the lab follows them: where one e-mailed part stands with the
//! school's mail server, what became of a part in one run of `ecopy send`, and how a request
//! reads from its parts. Pure rules; building and sending the mail is `app::ecopy`.

use serde::Serialize;

/// Where one part of an e-copy request stands with the school's mail server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EcopyPartState {
    /// Made, never answered by the server.
    Pending,
    /// The server took it (a 2xx reply).
    Accepted,
    /// The last try was refused or never reached the server.
    Failed,
}

impl EcopyPartState {
    pub const ALL: [EcopyPartState; 3] = [EcopyPartState::Pending, EcopyPartState::Accepted, EcopyPartState::Failed];

    pub fn as_str(self) -> &'static str {
        match self {
            EcopyPartState::Pending => "pending",
            EcopyPartState::Accepted => "accepted",
            EcopyPartState::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<EcopyPartState> {
        EcopyPartState::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

impl std::fmt::Display for EcopyPartState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// What became of a part in one run of `ecopy send`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SendOutcome {
    Accepted,
    Failed,
    /// Accepted before; not sent again.
    Skipped,
    /// Left after a permanent failure stopped the run.
    NotSent,
}

impl SendOutcome {
    /// The part's state once the server has answered this run's try.
    pub fn state(self) -> Option<EcopyPartState> {
        match self {
            SendOutcome::Accepted => Some(EcopyPartState::Accepted),
            SendOutcome::Failed => Some(EcopyPartState::Failed),
            SendOutcome::Skipped | SendOutcome::NotSent => None,
        }
    }

    /// The part did not reach the school in this run.
    pub fn is_failure(self) -> bool {
        matches!(self, SendOutcome::Failed | SendOutcome::NotSent)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SendOutcome::Accepted => "accepted",
            SendOutcome::Failed => "failed",
            SendOutcome::Skipped => "skipped",
            SendOutcome::NotSent => "not-sent",
        }
    }
}

impl std::fmt::Display for SendOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// How a whole request reads from its parts (`ecopy log`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum EcopyRequestState {
    #[serde(rename = "not sent")]
    NotSent,
    /// Every part accepted.
    #[serde(rename = "sent")]
    Sent,
    #[serde(rename = "partly sent")]
    PartlySent,
    #[serde(rename = "failed")]
    Failed,
}

impl EcopyRequestState {
    /// From each part's state and how often it was tried.
    pub fn of(parts: &[(EcopyPartState, i64)]) -> EcopyRequestState {
        let accepted = parts.iter().filter(|(s, _)| *s == EcopyPartState::Accepted).count();
        if parts.is_empty() || parts.iter().all(|(s, tries)| *s == EcopyPartState::Pending && *tries == 0) {
            EcopyRequestState::NotSent
        } else if accepted == parts.len() {
            EcopyRequestState::Sent
        } else if accepted > 0 {
            EcopyRequestState::PartlySent
        } else if parts.iter().any(|(s, _)| *s == EcopyPartState::Failed) {
            EcopyRequestState::Failed
        } else {
            EcopyRequestState::NotSent
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EcopyRequestState::NotSent => "not sent",
            EcopyRequestState::Sent => "sent",
            EcopyRequestState::PartlySent => "partly sent",
            EcopyRequestState::Failed => "failed",
        }
    }
}

impl std::fmt::Display for EcopyRequestState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EcopyPartState::*;

    #[test]
    fn part_states_round_trip_and_serialise_as_stored() {
        for s in EcopyPartState::ALL {
            assert_eq!(EcopyPartState::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{s}\""));
        }
        assert_eq!(EcopyPartState::parse("Accepted"), None);
        for o in [SendOutcome::Accepted, SendOutcome::Failed, SendOutcome::Skipped, SendOutcome::NotSent] {
            assert_eq!(serde_json::to_string(&o).unwrap(), format!("\"{o}\""));
        }
    }

    #[test]
    fn a_request_reads_from_its_parts() {
        assert_eq!(EcopyRequestState::of(&[]), EcopyRequestState::NotSent);
        assert_eq!(EcopyRequestState::of(&[(Pending, 0), (Pending, 0)]), EcopyRequestState::NotSent);
        assert_eq!(EcopyRequestState::of(&[(Accepted, 1), (Accepted, 2)]), EcopyRequestState::Sent);
        assert_eq!(EcopyRequestState::of(&[(Accepted, 1), (Failed, 3)]), EcopyRequestState::PartlySent);
        assert_eq!(EcopyRequestState::of(&[(Failed, 1), (Pending, 0)]), EcopyRequestState::Failed);
        assert_eq!(EcopyRequestState::of(&[(Pending, 2)]), EcopyRequestState::NotSent);
        assert_eq!(serde_json::to_string(&EcopyRequestState::PartlySent).unwrap(), "\"partly sent\"");
    }
}
