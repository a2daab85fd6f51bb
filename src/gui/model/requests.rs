//! The administrator's actions on a reprint request: which the request's status allows (by
//! the rules in `domain::request`), and carrying one out through `app::requests`.

use crate::app::Workspace;
use crate::app::requests::{self, RequestView};
use crate::domain::ids::RequestId;
use crate::domain::request::{RequestAction, RequestStatus};
use crate::error::{Error, Result};

/// The buttons a request's status enables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Allowed {
    pub match_student: bool,
    pub approve: bool,
    pub reject: bool,
    pub print: bool,
    pub ship: bool,
    pub close: bool,
}

pub fn allowed(s: RequestStatus) -> Allowed {
    let ok = |a| s.after(a).is_ok();
    Allowed {
        match_student: ok(RequestAction::Match),
        approve: ok(RequestAction::Approve),
        reject: ok(RequestAction::Reject),
        print: ok(RequestAction::Print),
        ship: ok(RequestAction::Ship),
        close: ok(RequestAction::Close),
    }
}

/// One step, as the window names it (`match`, `approve`, `reject`, `print`, `ship`, `close`)
/// with what was typed for it (学号, fee in yuan, reason).
pub fn perform(ws: &Workspace, id: RequestId, action: &str, argument: &str) -> Result<RequestView> {
    let arg = argument.trim();
    match action {
        "match" => requests::match_student(ws, id, arg),
        "approve" => {
            let fee = match arg {
                "" => None,
                a => Some(a.parse::<f64>().map_err(|_| Error::from(crate::msg!("request-fee-not-number", fee = a)))?),
            };
            requests::approve(ws, id, fee)
        }
        "reject" => requests::reject(ws, id, arg),
        "print" => requests::print(ws, id, None),
        "ship" => requests::ship(ws, id),
        "close" => requests::close(ws, id),
        other => Err(Error::input(format!("unknown request action {other:?}"))),
    }
}

/// The status a step leads to, for the window's message.
pub fn done_word(action: &str) -> String {
    crate::i18n::tr(match action {
        "match" => "row-done-match",
        "approve" => "row-done-approve",
        "reject" => "row-done-reject",
        "print" => "row-done-print",
        "ship" => "row-done-ship",
        "close" => "row-done-close",
        _ => "row-done-other",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_status_enables_its_next_steps_only() {
        let a = allowed(RequestStatus::Received);
        assert!(a.match_student && a.reject && !a.approve && !a.print);
        let a = allowed(RequestStatus::Matched);
        assert!(a.approve && a.reject && a.match_student && !a.ship);
        assert_eq!(allowed(RequestStatus::Printed), Allowed { ship: true, ..Allowed::default() });
        assert_eq!(allowed(RequestStatus::Closed), Allowed::default());
    }
}
