//! Reprint requests (补洗/补片): their kinds, who asks, and the states a request goes through
//! from arrival to closing, with the only steps allowed between them.

use serde::Serialize;

/// Why prints are asked for again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequestKind {
    /// Received and then lost (丢失).
    Lost,
    /// Never printed (漏洗).
    Missing,
    /// Damaged (损坏).
    Damaged,
}

impl RequestKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::Lost => "lost",
            RequestKind::Missing => "missing",
            RequestKind::Damaged => "damaged",
        }
    }

    /// The English key or the words a school's table uses.
    pub fn parse(raw: &str) -> Result<RequestKind, crate::i18n::Msg> {
        match raw.trim().to_lowercase().as_str() {
            "lost" | "丢失" | "遗失" | "补洗" => Ok(RequestKind::Lost),
            "missing" | "漏洗" | "漏印" | "缺失" | "补片" => Ok(RequestKind::Missing),
            "damaged" | "损坏" | "破损" => Ok(RequestKind::Damaged),
            other => Err(crate::msg!("request-bad-kind", kind = other)),
        }
    }
}

/// Who asked, and so where the reprints go by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Requester {
    Student,
    School,
}

impl Requester {
    pub fn as_str(self) -> &'static str {
        match self {
            Requester::Student => "student",
            Requester::School => "school",
        }
    }

    pub fn parse(raw: &str) -> Result<Requester, crate::i18n::Msg> {
        match raw.trim().to_lowercase().as_str() {
            "student" | "学生" | "本人" | "个人" => Ok(Requester::Student),
            "school" | "学校" | "院校" => Ok(Requester::School),
            other => Err(crate::msg!("request-bad-requester", requester = other)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequestStatus {
    Received,
    Matched,
    Approved,
    /// Its reprint job is made and waits for (or is at) the printer.
    Printing,
    /// Its reprint job has printed: every part came out complete.
    Printed,
    /// The shipment carrying it has left the lab.
    Shipped,
    Closed,
    Rejected,
}

/// What happens to a request: an administrator's steps, and the events of its reprint job and
/// shipment that move it along by themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestAction {
    Match,
    Approve,
    /// Make its reprint job.
    Print,
    /// The reprint job has printed.
    JobPrinted,
    /// Put the printed reprint into a shipment (to the student, or with the school's next).
    Ship,
    /// That shipment left the lab.
    ShipmentLeft,
    /// That shipment came back undelivered: the reprint waits to be shipped again.
    ShipmentReturned,
    /// That shipment was delivered.
    Delivered,
    /// Close by hand once shipped (a parcel to a student may never report its delivery).
    Close,
    Reject,
}

impl RequestAction {
    pub const ALL: [RequestAction; 10] = [
        RequestAction::Match,
        RequestAction::Approve,
        RequestAction::Print,
        RequestAction::JobPrinted,
        RequestAction::Ship,
        RequestAction::ShipmentLeft,
        RequestAction::ShipmentReturned,
        RequestAction::Delivered,
        RequestAction::Close,
        RequestAction::Reject,
    ];
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 8] = [
        RequestStatus::Received,
        RequestStatus::Matched,
        RequestStatus::Approved,
        RequestStatus::Printing,
        RequestStatus::Printed,
        RequestStatus::Shipped,
        RequestStatus::Closed,
        RequestStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::Received => "received",
            RequestStatus::Matched => "matched",
            RequestStatus::Approved => "approved",
            RequestStatus::Printing => "printing",
            RequestStatus::Printed => "printed",
            RequestStatus::Shipped => "shipped",
            RequestStatus::Closed => "closed",
            RequestStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<RequestStatus> {
        RequestStatus::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }

    /// The status as a person reads it.
    pub fn word(self) -> crate::i18n::Msg {
        use crate::msg;
        match self {
            RequestStatus::Received => msg!("request-status-received"),
            RequestStatus::Matched => msg!("request-status-matched"),
            RequestStatus::Approved => msg!("request-status-approved"),
            RequestStatus::Printing => msg!("request-status-printing"),
            RequestStatus::Printed => msg!("request-status-printed"),
            RequestStatus::Shipped => msg!("request-status-shipped"),
            RequestStatus::Closed => msg!("request-status-closed"),
            RequestStatus::Rejected => msg!("request-status-rejected"),
        }
    }

    /// Still waiting for the lab to do something.
    pub fn is_open(self) -> bool {
        !matches!(self, RequestStatus::Closed | RequestStatus::Rejected)
    }

    /// The status after `action`, or why not, naming the current status and the next step.
    pub fn after(self, action: RequestAction) -> Result<RequestStatus, crate::i18n::Msg> {
        use RequestAction as A;
        use RequestStatus as S;
        let next = match (self, action) {
            // A match may be corrected until the request is approved.
            (S::Received | S::Matched, A::Match) => S::Matched,
            (S::Matched, A::Approve) => S::Approved,
            (S::Approved, A::Print) => S::Printing,
            (S::Printing, A::JobPrinted) => S::Printed,
            // Packed into a shipment it stays printed until that shipment leaves.
            (S::Printed, A::Ship) => S::Printed,
            (S::Printed, A::ShipmentLeft) => S::Shipped,
            (S::Shipped, A::ShipmentReturned) => S::Printed,
            (S::Shipped, A::Delivered | A::Close) => S::Closed,
            (S::Received | S::Matched | S::Approved, A::Reject) => S::Rejected,
            _ => {
                use crate::msg;
                let next = match self {
                    S::Received => msg!("request-next-received"),
                    S::Matched => msg!("request-next-matched"),
                    S::Approved => msg!("request-next-approved"),
                    S::Printing => msg!("request-next-printing"),
                    S::Printed => msg!("request-next-printed"),
                    S::Shipped => msg!("request-next-shipped"),
                    S::Closed | S::Rejected => msg!("request-next-finished"),
                };
                return Err(msg!("request-step-refused", status = self.word(), next = next));
            }
        };
        Ok(next)
    }
}

impl std::fmt::Display for RequestStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A fee in yuan as whole fen (cents), refusing what is not a sum of money.
pub fn fee_cents(yuan: f64) -> Result<i64, crate::i18n::Msg> {
    if !yuan.is_finite() || !(0.0..=100_000.0).contains(&yuan) {
        return Err(crate::msg!("request-bad-fee", yuan = yuan.to_string()));
    }
    Ok((yuan * 100.0).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_and_action() {
        use RequestAction as A;
        use RequestStatus as S;
        let allowed = [
            (S::Received, A::Match, S::Matched),
            (S::Matched, A::Match, S::Matched),
            (S::Matched, A::Approve, S::Approved),
            (S::Approved, A::Print, S::Printing),
            (S::Printing, A::JobPrinted, S::Printed),
            (S::Printed, A::Ship, S::Printed),
            (S::Printed, A::ShipmentLeft, S::Shipped),
            (S::Shipped, A::ShipmentReturned, S::Printed),
            (S::Shipped, A::Delivered, S::Closed),
            (S::Shipped, A::Close, S::Closed),
            (S::Received, A::Reject, S::Rejected),
            (S::Matched, A::Reject, S::Rejected),
            (S::Approved, A::Reject, S::Rejected),
        ];
        for s in S::ALL {
            for a in A::ALL {
                let want = allowed.iter().find(|(x, y, _)| *x == s && *y == a).map(|(_, _, n)| *n);
                match (s.after(a), want) {
                    (Ok(n), Some(w)) => assert_eq!(n, w, "{s:?} {a:?}"),
                    (Err(e), None) => assert!(e.to_string().contains(s.as_str()), "{e}"),
                    (got, want) => panic!("{s:?} {a:?}: got {got:?}, want {want:?}"),
                }
            }
        }
    }

    #[test]
    fn kinds_requesters_and_fees() {
        assert_eq!(RequestKind::parse("漏洗").unwrap(), RequestKind::Missing);
        assert_eq!(RequestKind::parse(" Lost ").unwrap(), RequestKind::Lost);
        assert!(RequestKind::parse("stolen").is_err());
        assert_eq!(Requester::parse("学校").unwrap(), Requester::School);
        assert!(Requester::parse("parent").is_err());
        assert_eq!(fee_cents(12.5).unwrap(), 1250);
        assert_eq!(fee_cents(0.1 + 0.2).unwrap(), 30);
        assert!(fee_cents(-1.0).is_err() && fee_cents(f64::NAN).is_err());
        assert_eq!(RequestStatus::parse("shipped"), Some(RequestStatus::Shipped));
        assert!(!RequestStatus::Rejected.is_open() && RequestStatus::Printed.is_open());
    }
}
