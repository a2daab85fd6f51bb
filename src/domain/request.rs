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
    pub fn parse(raw: &str) -> Result<RequestKind, String> {
        match raw.trim().to_lowercase().as_str() {
            "lost" | "丢失" | "遗失" | "补洗" => Ok(RequestKind::Lost),
            "missing" | "漏洗" | "漏印" | "缺失" | "补片" => Ok(RequestKind::Missing),
            "damaged" | "损坏" | "破损" => Ok(RequestKind::Damaged),
            other => Err(format!("request kind {other:?} is not lost (丢失), missing (漏洗) or damaged (损坏)")),
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

    pub fn parse(raw: &str) -> Result<Requester, String> {
        match raw.trim().to_lowercase().as_str() {
            "student" | "学生" | "本人" | "个人" => Ok(Requester::Student),
            "school" | "学校" | "院校" => Ok(Requester::School),
            other => Err(format!("requester {other:?} is not student (学生) or school (学校)")),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequestStatus {
    Received,
    Matched,
    Approved,
    Printed,
    Shipped,
    Closed,
    Rejected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestAction {
    Match,
    Approve,
    Print,
    Ship,
    Close,
    Reject,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 7] = [
        RequestStatus::Received,
        RequestStatus::Matched,
        RequestStatus::Approved,
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
            RequestStatus::Printed => "printed",
            RequestStatus::Shipped => "shipped",
            RequestStatus::Closed => "closed",
            RequestStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<RequestStatus> {
        RequestStatus::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }

    /// Still waiting for the lab to do something.
    pub fn is_open(self) -> bool {
        !matches!(self, RequestStatus::Closed | RequestStatus::Rejected)
    }

    /// The status after `action`, or why not, naming the current status and the next step.
    pub fn after(self, action: RequestAction) -> Result<RequestStatus, String> {
        use RequestAction as A;
        use RequestStatus as S;
        let next = match (self, action) {
            // A match may be corrected until the request is approved.
            (S::Received | S::Matched, A::Match) => S::Matched,
            (S::Matched, A::Approve) => S::Approved,
            (S::Approved, A::Print) => S::Printed,
            (S::Printed, A::Ship) => S::Shipped,
            (S::Shipped, A::Close) => S::Closed,
            (S::Received | S::Matched | S::Approved, A::Reject) => S::Rejected,
            _ => {
                let next = match self {
                    S::Received => "match it to a student (request match)",
                    S::Matched => "approve it (request approve) or reject it",
                    S::Approved => "make its reprint job (request print) or reject it",
                    S::Printed => "ship it (request ship)",
                    S::Shipped => "close it once delivered (request close)",
                    S::Closed | S::Rejected => "nothing: it is finished",
                };
                return Err(format!("the request is {}; the next step is to {next}", self.as_str()));
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
pub fn fee_cents(yuan: f64) -> Result<i64, String> {
    if !yuan.is_finite() || !(0.0..=100_000.0).contains(&yuan) {
        return Err(format!("fee {yuan} yuan is not a sum the lab charges"));
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
            (S::Approved, A::Print, S::Printed),
            (S::Printed, A::Ship, S::Shipped),
            (S::Shipped, A::Close, S::Closed),
            (S::Received, A::Reject, S::Rejected),
            (S::Matched, A::Reject, S::Rejected),
            (S::Approved, A::Reject, S::Rejected),
        ];
        for s in S::ALL {
            for a in [A::Match, A::Approve, A::Print, A::Ship, A::Close, A::Reject] {
                let want = allowed.iter().find(|(x, y, _)| *x == s && *y == a).map(|(_, _, n)| *n);
                match (s.after(a), want) {
                    (Ok(n), Some(w)) => assert_eq!(n, w, "{s:?} {a:?}"),
                    (Err(e), None) => assert!(e.contains(s.as_str()), "{e}"),
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
