//! The life of a shipment (a box of packets mailed to one school): its states, what may be
//! done to it in each, and the refusal that tells the packer what to do instead. Pure rules;
//! storing shipments and printing their labels live elsewhere.

use crate::i18n::Msg;
use crate::msg;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ShipmentState {
    /// Packets are being put in.
    Open,
    /// Closed: its contents are final and its packing list printed.
    Sealed,
    /// Handed to the courier.
    Shipped,
    Delivered,
    /// Came back to the lab undelivered.
    Returned,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShipmentAction {
    Seal,
    Ship,
    Deliver,
    Return,
    AddPacket,
    AttachTracking,
}

impl ShipmentAction {
    pub const ALL: [ShipmentAction; 6] = [
        ShipmentAction::Seal,
        ShipmentAction::Ship,
        ShipmentAction::Deliver,
        ShipmentAction::Return,
        ShipmentAction::AddPacket,
        ShipmentAction::AttachTracking,
    ];

    /// What "it can ..." says of the action, with the command that does it, so a refusal
    /// tells the packer what to type instead.
    fn allowed_phrase(self) -> Msg {
        match self {
            ShipmentAction::Seal => msg!("shipment-can-seal"),
            ShipmentAction::Ship => msg!("shipment-can-ship"),
            ShipmentAction::Deliver => msg!("shipment-can-deliver"),
            ShipmentAction::Return => msg!("shipment-can-return"),
            ShipmentAction::AddPacket => msg!("shipment-can-add-packet"),
            ShipmentAction::AttachTracking => msg!("shipment-can-attach-tracking"),
        }
    }

    fn refused_phrase(self) -> Msg {
        match self {
            ShipmentAction::Seal => msg!("shipment-cannot-seal"),
            ShipmentAction::Ship => msg!("shipment-cannot-ship"),
            ShipmentAction::Deliver => msg!("shipment-cannot-deliver"),
            ShipmentAction::Return => msg!("shipment-cannot-return"),
            ShipmentAction::AddPacket => msg!("shipment-cannot-add-packet"),
            ShipmentAction::AttachTracking => msg!("shipment-cannot-attach-tracking"),
        }
    }
}

impl ShipmentState {
    pub const ALL: [ShipmentState; 5] = [
        ShipmentState::Open,
        ShipmentState::Sealed,
        ShipmentState::Shipped,
        ShipmentState::Delivered,
        ShipmentState::Returned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ShipmentState::Open => "open",
            ShipmentState::Sealed => "sealed",
            ShipmentState::Shipped => "shipped",
            ShipmentState::Delivered => "delivered",
            ShipmentState::Returned => "returned",
        }
    }

    pub fn parse(s: &str) -> Option<ShipmentState> {
        ShipmentState::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The one table of what may happen when; `after` and its messages are built on it.
    fn next(self, action: ShipmentAction) -> Option<ShipmentState> {
        use ShipmentAction as A;
        use ShipmentState as S;
        Some(match (self, action) {
            (S::Open, A::Seal) => S::Sealed,
            (S::Sealed, A::Ship) => S::Shipped,
            (S::Shipped, A::Deliver) => S::Delivered,
            (S::Shipped, A::Return) => S::Returned,
            // Packets go in only while the box is open: once sealed its packing list is printed.
            (S::Open, A::AddPacket) => S::Open,
            // The number may be known before the courier collects (a label printed in advance);
            // once shipped the number is what the school is tracking, so it stays.
            (S::Open | S::Sealed, A::AttachTracking) => self,
            _ => return None,
        })
    }

    /// The state after `action`, or an error that names the current state and what is allowed
    /// from it, e.g. "shipment is sealed: it can be shipped (shipment ship) or have its tracking
    /// number attached (scan the courier's label), but no packet can be added".
    pub fn after(self, action: ShipmentAction) -> Result<ShipmentState, Msg> {
        if let Some(next) = self.next(action) {
            return Ok(next);
        }
        let allowed: Vec<Msg> =
            ShipmentAction::ALL.into_iter().filter(|a| self.next(*a).is_some()).map(|a| a.allowed_phrase()).collect();
        let (state, refused) = (self.word(), action.refused_phrase());
        Err(match allowed.as_slice() {
            [] => msg!("shipment-refused-final", state = state, refused = refused),
            [one] => msg!("shipment-refused-one", state = state, allowed = one.clone(), refused = refused),
            [rest @ .., last] => {
                let lang = crate::i18n::current();
                let sep = if lang == crate::i18n::Lang::Zh { "、" } else { ", " };
                let rest: Vec<String> = rest.iter().map(|m| m.text(lang)).collect();
                msg!(
                    "shipment-refused-some",
                    state = state,
                    allowed = rest.join(sep),
                    last = last.clone(),
                    refused = refused
                )
            }
        })
    }

    /// The state as a person reads it.
    pub fn word(self) -> Msg {
        match self {
            ShipmentState::Open => msg!("shipment-state-open"),
            ShipmentState::Sealed => msg!("shipment-state-sealed"),
            ShipmentState::Shipped => msg!("shipment-state-shipped"),
            ShipmentState::Delivered => msg!("shipment-state-delivered"),
            ShipmentState::Returned => msg!("shipment-state-returned"),
        }
    }
}

impl std::fmt::Display for ShipmentState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_and_action() {
        use ShipmentAction::*;
        use ShipmentState::*;
        // Rows: states; columns: Seal, Ship, Deliver, Return, AddPacket, AttachTracking.
        let table: [(ShipmentState, [Option<ShipmentState>; 6]); 5] = [
            (Open, [Some(Sealed), None, None, None, Some(Open), Some(Open)]),
            (Sealed, [None, Some(Shipped), None, None, None, Some(Sealed)]),
            (Shipped, [None, None, Some(Delivered), Some(Returned), None, None]),
            (Delivered, [None; 6]),
            (Returned, [None; 6]),
        ];
        assert_eq!(ShipmentAction::ALL, [Seal, Ship, Deliver, Return, AddPacket, AttachTracking]);
        assert_eq!(table.map(|(s, _)| s), ShipmentState::ALL);
        for (state, row) in table {
            for (action, expected) in ShipmentAction::ALL.into_iter().zip(row) {
                match (state.after(action), expected) {
                    (Ok(got), Some(want)) => assert_eq!(got, want, "{state} {action:?}"),
                    (Err(e), None) => {
                        let e = e.to_string();
                        assert!(e.starts_with(&format!("shipment is {state}: ")), "{state} {action:?}: {e}");
                        assert!(e.ends_with(&action.refused_phrase().to_string()), "{state} {action:?}: {e}");
                    }
                    (got, want) => panic!("{state} {action:?}: got {got:?}, want {want:?}"),
                }
            }
        }
    }

    #[test]
    fn refusals_say_what_is_allowed() {
        assert_eq!(
            ShipmentState::Sealed.after(ShipmentAction::AddPacket).unwrap_err().to_string(),
            "shipment is sealed: it can be shipped (shipment ship) or have its tracking number attached \
             (scan the courier's label), but no packet can be added"
        );
        assert_eq!(
            ShipmentState::Open.after(ShipmentAction::Ship).unwrap_err().to_string(),
            "shipment is open: it can be sealed (shipment seal), take more packets (scan them) or have its \
             tracking number attached (scan the courier's label), but it cannot be shipped"
        );
        assert_eq!(
            ShipmentState::Shipped.after(ShipmentAction::AttachTracking).unwrap_err().to_string(),
            "shipment is shipped: it can be marked delivered (shipment deliver) or be marked returned \
             (shipment return), but no tracking number can be attached"
        );
        assert_eq!(
            ShipmentState::Delivered.after(ShipmentAction::Return).unwrap_err().to_string(),
            "shipment is delivered: nothing more can happen to it, so it cannot be marked returned"
        );
    }

    #[test]
    fn state_names_round_trip() {
        for s in ShipmentState::ALL {
            assert_eq!(ShipmentState::parse(s.as_str()), Some(s));
            assert_eq!(s.to_string(), s.as_str());
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{s}\""));
        }
        assert_eq!(ShipmentState::parse("Open"), None);
    }
}

/// What a mailroom scan read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScanKind {
    Packet,
    Shipment,
    Tracking,
    Unknown,
}

impl ScanKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ScanKind::Packet => "packet",
            ScanKind::Shipment => "shipment",
            ScanKind::Tracking => "tracking",
            ScanKind::Unknown => "unknown",
        }
    }
}

/// What became of a scan: taken, already there, refused, or only shown (a shipment's barcode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScanResult {
    Accepted,
    Confirmed,
    Refused,
    Shown,
}

impl ScanResult {
    pub fn as_str(self) -> &'static str {
        match self {
            ScanResult::Accepted => "accepted",
            ScanResult::Confirmed => "confirmed",
            ScanResult::Refused => "refused",
            ScanResult::Shown => "shown",
        }
    }
}
