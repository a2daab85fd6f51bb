//! `gradlab scan CODE`: one scan at a mailroom station, and what it was. A packet goes into
//! the station's open shipment (or is confirmed there) unless it would go to the wrong school,
//! twice, or before it is printed; a shipment barcode shows what is still missing and makes
//! that shipment the station's current one; a courier's tracking number attaches to it. Every
//! scan is logged with time, station, operator and result, refused ones too.

use super::Outcome;
use super::Workspace;
use super::shipments::{self, ShipmentView};
use crate::domain::ids::{Id, JobCode, Kind, PacketCode, ShipmentCode};
use crate::domain::shipment::{ScanKind, ScanResult, ShipmentAction, ShipmentState};
use crate::domain::tracking::{self, Carrier};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::msg;
use crate::store::Tx;
use serde::Serialize;

#[derive(Debug, Clone, Default)]
pub struct ScanRequest {
    pub code: String,
    /// The shipment to fill; default: the station's current one.
    pub shipment: Option<ShipmentCode>,
    pub station: Option<String>,
    /// For a tracking number of a format we do not know: `other`.
    pub carrier: Option<String>,
    /// Attach a tracking number another shipment already carries, for this reason (audited).
    pub reuse_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScanOutcome {
    pub code: String,
    pub kind: ScanKind,
    pub result: ScanResult,
    pub message: String,
    /// The message's stable code (`wrong_school`, `id_wrong_check`), for scripts.
    pub message_code: String,
    pub station: String,
    pub shipment: Option<ShipmentView>,
    /// The message itself, for a window to say in its own words (`Msg::window_text`).
    #[serde(skip)]
    pub said: Msg,
}

impl ScanOutcome {
    pub fn refused(&self) -> bool {
        self.result == ScanResult::Refused
    }

    /// A refused scan is named and leaves the run partly done.
    pub fn outcome(&self) -> Outcome {
        Outcome::refusing(usize::from(self.refused()))
    }
}

struct Verdict {
    kind: ScanKind,
    result: ScanResult,
    message: Msg,
    shipment: Option<i64>,
    /// The code of what is wrong, when the message wraps a reason of its own (a misread code).
    reason: Option<String>,
}

fn refuse(kind: ScanKind, shipment: Option<i64>, message: Msg) -> Verdict {
    Verdict { kind, result: ScanResult::Refused, message, shipment, reason: None }
}

pub fn scan(ws: &Workspace, req: &ScanRequest) -> Result<ScanOutcome> {
    // What was scanned is kept and shown, so an ID number scanned by mistake is redacted first.
    // A scanner under a Chinese input method may type full-width characters: read them as ASCII.
    let typed = crate::domain::text::typed_code(&req.code);
    let code = crate::domain::privacy::redact(&typed).into_owned();
    if code.is_empty() {
        return Err(msg!("scan-nothing").into());
    }
    let station = req.station.clone().unwrap_or_else(|| ws.settings.station());
    let carrier = req.carrier.as_deref().map(Carrier::parse).transpose()?;
    let operator = ws.settings.operator();
    let mut store = ws.store()?.at_station(&station);
    let tx = store.write()?;
    let current = match &req.shipment {
        Some(id) => Some(shipments::load(&tx, *id)?.id),
        None => tx.station_shipment(&station)?,
    };
    let ctx = Ctx { operator: &operator, station: &station, reuse_reason: req.reuse_reason.as_deref() };
    let v = classify(&tx, &code, current, carrier, &ctx)?;
    // The log keeps the words the station showed.
    let message = v.message.to_string();
    tx.insert_scan(&station, &operator, &code, v.kind.as_str(), v.shipment, v.result.as_str(), &message)?;
    let shipment = match v.shipment {
        Some(id) => match tx.shipment(id)? {
            Some(s) => Some(shipments::view(ws, &tx, &s)?),
            None => None,
        },
        None => None,
    };
    tx.commit()?;
    let message_code = v.reason.unwrap_or_else(|| v.message.code());
    Ok(ScanOutcome { code, kind: v.kind, result: v.result, message, message_code, station, shipment, said: v.message })
}

/// Who scans where, and what they allowed.
struct Ctx<'a> {
    operator: &'a str,
    station: &'a str,
    reuse_reason: Option<&'a str>,
}

fn classify(tx: &Tx<'_>, code: &str, current: Option<i64>, carrier: Option<Carrier>, ctx: &Ctx<'_>) -> Result<Verdict> {
    match Id::parse(code) {
        Ok(id) => match id.kind {
            Kind::Packet => packet(tx, id.number as i64, current, ctx.operator, ctx.station),
            Kind::Shipment => shipment(tx, id.number as i64, ctx.station),
            other => Ok(refuse(ScanKind::Unknown, current, msg!("scan-wrong-kind", code = code, kind = other.word()))),
        },
        Err(id_error) => {
            if carrier.is_some() || tracking::looks_like_tracking(code) {
                return tracking_number(tx, code, current, carrier, ctx);
            }
            // Our own shape with a wrong check character is a misread or mistyped code.
            let ours = code.chars().next().is_some_and(|c| Kind::from_letter(c).is_some())
                && code.len() >= 3
                && code.chars().skip(1).all(|c| c.is_ascii_alphanumeric());
            if ours {
                let reason = Some(id_error.code());
                return Ok(Verdict {
                    reason,
                    ..refuse(ScanKind::Unknown, current, msg!("scan-again", problem = id_error))
                });
            }
            Ok(refuse(ScanKind::Unknown, current, msg!("scan-unknown", code = code)))
        }
    }
}

fn packet(tx: &Tx<'_>, packet: i64, current: Option<i64>, operator: &str, station: &str) -> Result<Verdict> {
    let code = PacketCode(packet);
    let Some(ship_id) = current else {
        return Ok(refuse(ScanKind::Packet, None, msg!("scan-no-open-shipment", station = station)));
    };
    let ship = tx
        .shipment(ship_id)?
        .ok_or_else(|| Error::from(msg!("shipment-no-such", shipment = ShipmentCode(ship_id).to_string())))?;
    let scode = ShipmentCode(ship.id);
    if let Err(e) = ship.progress.state.after(ShipmentAction::AddPacket) {
        let m = msg!("scan-packet-not-added", code = code.to_string(), shipment = scode.to_string(), why = e);
        return Ok(refuse(ScanKind::Packet, Some(ship.id), m));
    }
    let Some(p) = tx.packet_info(packet)? else {
        return Ok(refuse(ScanKind::Packet, Some(ship.id), msg!("scan-no-such-packet", code = code.to_string())));
    };
    if p.school != ship.school {
        return Ok(refuse(
            ScanKind::Packet,
            Some(ship.id),
            msg!(
                "scan-wrong-school",
                code = code.to_string(),
                class = &p.class,
                school = &p.school,
                shipment = scode.to_string(),
                to = &ship.school
            ),
        ));
    }
    if !p.printed {
        return Ok(refuse(
            ScanKind::Packet,
            Some(ship.id),
            msg!("scan-not-printed", code = code.to_string(), job = JobCode(p.job_id).to_string()),
        ));
    }
    let describe = |key: &'static str| -> Result<Msg> {
        let all = tx.shipment_packets(ship.id)?;
        let done = all.iter().filter(|x| x.scanned_at.is_some()).count();
        Ok(Msg::new(key)
            .arg("code", code.to_string())
            .arg("class", &p.class)
            .arg("students", p.students)
            .arg("done", done)
            .arg("all", all.len()))
    };
    match p.shipment {
        Some(other) if other != ship.id => {
            let state = tx.shipment(other)?.map(|s| s.progress.state.word().to_string()).unwrap_or_default();
            let shipment = ShipmentCode(other).to_string();
            let m = msg!("scan-packet-elsewhere", code = code.to_string(), shipment = shipment, state = state);
            Ok(refuse(ScanKind::Packet, Some(ship.id), m))
        }
        Some(_) if p.scanned_at.is_some() => Ok(Verdict {
            kind: ScanKind::Packet,
            result: ScanResult::Confirmed,
            message: describe("scan-packet-already-packed")?,
            shipment: Some(ship.id),
            reason: None,
        }),
        Some(_) => {
            tx.mark_packet_scanned(ship.id, packet, operator, station)?;
            Ok(Verdict {
                kind: ScanKind::Packet,
                result: ScanResult::Accepted,
                message: describe("scan-packet-packed")?,
                shipment: Some(ship.id),
                reason: None,
            })
        }
        None => {
            tx.add_shipment_packet(ship.id, packet, Some((operator, station)))?;
            Ok(Verdict {
                kind: ScanKind::Packet,
                result: ScanResult::Accepted,
                message: describe("scan-packet-added")?,
                shipment: Some(ship.id),
                reason: None,
            })
        }
    }
}

fn shipment(tx: &Tx<'_>, id: i64, station: &str) -> Result<Verdict> {
    let code = ShipmentCode(id);
    let Some(s) = tx.shipment(id)? else {
        return Ok(refuse(ScanKind::Shipment, None, msg!("scan-no-such-shipment", code = code.to_string())));
    };
    let packets = tx.shipment_packets(id)?;
    let missing: Vec<String> =
        packets.iter().filter(|p| p.scanned_at.is_none()).map(|p| PacketCode(p.packet_id).to_string()).collect();
    let state = s.progress.state;
    if matches!(state, ShipmentState::Open | ShipmentState::Sealed) {
        tx.set_station_shipment(station, id)?;
    }
    let message = match (state, missing.is_empty()) {
        (ShipmentState::Open, true) => Msg::new("scan-shipment-complete").arg("all", packets.len()),
        (ShipmentState::Open, false) => Msg::new("scan-shipment-missing")
            .arg("missing", missing.len())
            .arg("all", packets.len())
            .arg("codes", missing.join(", ")),
        _ => Msg::new("scan-shipment-is"),
    }
    .arg("code", code.to_string())
    .arg("school", &s.school)
    .arg("state", state.word());
    Ok(Verdict { kind: ScanKind::Shipment, result: ScanResult::Shown, message, shipment: Some(id), reason: None })
}

fn tracking_number(
    tx: &Tx<'_>,
    code: &str,
    current: Option<i64>,
    carrier: Option<Carrier>,
    ctx: &Ctx<'_>,
) -> Result<Verdict> {
    let t = match tracking::recognise(code, carrier) {
        Ok(t) => t,
        Err(e) => return Ok(refuse(ScanKind::Tracking, current, msg!("scan-tracking-refused", code = code, why = e))),
    };
    let Some(ship_id) = current else {
        return Ok(refuse(ScanKind::Tracking, None, msg!("scan-tracking-no-shipment")));
    };
    let ship = tx
        .shipment(ship_id)?
        .ok_or_else(|| Error::from(msg!("shipment-no-such", shipment = ShipmentCode(ship_id).to_string())))?;
    let scode = ShipmentCode(ship.id);
    let state = ship.progress.state;
    if let Err(e) = state.after(ShipmentAction::AttachTracking) {
        let m = msg!("scan-tracking-state", shipment = scode.to_string(), why = e);
        return Ok(refuse(ScanKind::Tracking, Some(ship.id), m));
    }
    if let Err(why) = shipments::attach_tracking(tx, &ship, &t, ctx.reuse_reason, ctx.operator)? {
        let m = msg!("scan-tracking-not-changed", shipment = scode.to_string(), why = why);
        return Ok(refuse(ScanKind::Tracking, Some(ship.id), m));
    }
    let number = format!("{} {}", t.carrier.as_str(), t.number);
    if state.after(ShipmentAction::Ship).is_ok() {
        shipments::ship_in(tx, &ship, ctx.operator)?;
        return Ok(Verdict {
            kind: ScanKind::Tracking,
            result: ScanResult::Accepted,
            message: msg!("scan-tracking-shipped", shipment = scode.to_string(), number = number),
            shipment: Some(ship.id),
            reason: None,
        });
    }
    // Still open: say what happens next, so nobody thinks the box has left.
    let packets = tx.shipment_packets(ship.id)?;
    let scanned = packets.iter().filter(|p| p.scanned_at.is_some()).count();
    Ok(Verdict {
        kind: ScanKind::Tracking,
        result: ScanResult::Accepted,
        message: msg!(
            "scan-tracking-attached",
            number = number,
            shipment = scode.to_string(),
            scanned = scanned,
            all = packets.len()
        ),
        shipment: Some(ship.id),
        reason: None,
    })
}
