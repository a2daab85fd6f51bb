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
    pub station: String,
    pub shipment: Option<ShipmentView>,
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
    message: String,
    shipment: Option<i64>,
}

fn refuse(kind: ScanKind, shipment: Option<i64>, message: String) -> Verdict {
    Verdict { kind, result: ScanResult::Refused, message, shipment }
}

pub fn scan(ws: &Workspace, req: &ScanRequest) -> Result<ScanOutcome> {
    // What was scanned is kept and shown, so an ID number scanned by mistake is redacted first.
    // A scanner under a Chinese input method may type full-width characters: read them as ASCII.
    let typed = crate::domain::text::typed_code(&req.code);
    let code = crate::domain::privacy::redact(&typed).into_owned();
    if code.is_empty() {
        return Err(Error::input("nothing was scanned"));
    }
    let station = req.station.clone().unwrap_or_else(|| ws.settings.station());
    let carrier = req.carrier.as_deref().map(Carrier::parse).transpose().map_err(Error::Input)?;
    let operator = ws.settings.operator();
    let mut store = ws.store()?.at_station(&station);
    let tx = store.write()?;
    let current = match &req.shipment {
        Some(id) => Some(shipments::load(&tx, *id)?.id),
        None => tx.station_shipment(&station)?,
    };
    let ctx = Ctx { operator: &operator, station: &station, reuse_reason: req.reuse_reason.as_deref() };
    let v = classify(&tx, &code, current, carrier, &ctx)?;
    tx.insert_scan(&station, &operator, &code, v.kind.as_str(), v.shipment, v.result.as_str(), &v.message)?;
    let shipment = match v.shipment {
        Some(id) => match tx.shipment(id)? {
            Some(s) => Some(shipments::view(ws, &tx, &s)?),
            None => None,
        },
        None => None,
    };
    tx.commit()?;
    Ok(ScanOutcome { code, kind: v.kind, result: v.result, message: v.message, station, shipment })
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
            other => Ok(refuse(
                ScanKind::Unknown,
                current,
                format!("{code} is a {} barcode; scan a packet or a shipment barcode", other.name()),
            )),
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
                return Ok(refuse(ScanKind::Unknown, current, format!("{id_error}; scan it again")));
            }
            Ok(refuse(
                ScanKind::Unknown,
                current,
                format!("{code} is neither a gradlab barcode nor a tracking number we know (use --carrier other)"),
            ))
        }
    }
}

fn packet(tx: &Tx<'_>, packet: i64, current: Option<i64>, operator: &str, station: &str) -> Result<Verdict> {
    let code = PacketCode(packet);
    let Some(ship_id) = current else {
        return Ok(refuse(
            ScanKind::Packet,
            None,
            format!("no open shipment at station {station}: scan the shipment's barcode first"),
        ));
    };
    let ship = tx.shipment(ship_id)?.ok_or_else(|| Error::input(format!("no shipment {ship_id}")))?;
    let scode = ShipmentCode(ship.id);
    if let Err(e) = ship.state.after(ShipmentAction::AddPacket) {
        return Ok(refuse(ScanKind::Packet, Some(ship.id), format!("{code} not added: shipment {scode}: {e}")));
    }
    let Some(p) = tx.packet_info(packet)? else {
        return Ok(refuse(ScanKind::Packet, Some(ship.id), format!("{code}: no such packet in this workspace")));
    };
    if p.school != ship.school {
        return Ok(refuse(
            ScanKind::Packet,
            Some(ship.id),
            format!(
                "WRONG SCHOOL: packet {code} ({}) is for school {}; shipment {scode} goes to school {}",
                p.class, p.school, ship.school
            ),
        ));
    }
    if !p.printed {
        return Ok(refuse(
            ScanKind::Packet,
            Some(ship.id),
            format!("packet {code}: its job {} is not printed yet (not every part has completed)", JobCode(p.job_id)),
        ));
    }
    let describe = |verb: &str| -> Result<String> {
        let all = tx.shipment_packets(ship.id)?;
        let done = all.iter().filter(|x| x.scanned_at.is_some()).count();
        let students = crate::words::count(p.students, "student", "students");
        Ok(format!("packet {code} {} ({students}) {verb}: {done} of {} scanned", p.class, all.len()))
    };
    match p.shipment {
        Some(other) if other != ship.id => {
            let state = tx.shipment(other)?.map(|s| s.state.to_string()).unwrap_or_default();
            Ok(refuse(
                ScanKind::Packet,
                Some(ship.id),
                format!("packet {code} is already in shipment {} ({state})", ShipmentCode(other)),
            ))
        }
        Some(_) if p.scanned_at.is_some() => Ok(Verdict {
            kind: ScanKind::Packet,
            result: ScanResult::Confirmed,
            message: describe("already packed")?,
            shipment: Some(ship.id),
        }),
        Some(_) => {
            tx.mark_packet_scanned(ship.id, packet, operator, station)?;
            Ok(Verdict {
                kind: ScanKind::Packet,
                result: ScanResult::Accepted,
                message: describe("packed")?,
                shipment: Some(ship.id),
            })
        }
        None => {
            tx.add_shipment_packet(ship.id, packet, Some((operator, station)))?;
            Ok(Verdict {
                kind: ScanKind::Packet,
                result: ScanResult::Accepted,
                message: describe("added and packed")?,
                shipment: Some(ship.id),
            })
        }
    }
}

fn shipment(tx: &Tx<'_>, id: i64, station: &str) -> Result<Verdict> {
    let code = ShipmentCode(id);
    let Some(s) = tx.shipment(id)? else {
        return Ok(refuse(ScanKind::Shipment, None, format!("{code}: no such shipment in this workspace")));
    };
    let packets = tx.shipment_packets(id)?;
    let missing: Vec<String> =
        packets.iter().filter(|p| p.scanned_at.is_none()).map(|p| PacketCode(p.packet_id).to_string()).collect();
    let state = s.state;
    if matches!(state, ShipmentState::Open | ShipmentState::Sealed) {
        tx.set_station_shipment(station, id)?;
    }
    let mut message = format!("shipment {code} to school {} is {}", s.school, s.state);
    if state == ShipmentState::Open {
        message += &if missing.is_empty() {
            format!("; all {} scanned", crate::words::count(packets.len() as i64, "packet", "packets"))
        } else {
            let of = crate::words::count(packets.len() as i64, "packet", "packets");
            format!("; {} of {of} missing: {}", missing.len(), missing.join(", "))
        };
    }
    Ok(Verdict { kind: ScanKind::Shipment, result: ScanResult::Shown, message, shipment: Some(id) })
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
        Err(e) => return Ok(refuse(ScanKind::Tracking, current, format!("tracking number {code}: {e}"))),
    };
    let Some(ship_id) = current else {
        return Ok(refuse(
            ScanKind::Tracking,
            None,
            "no open shipment at this station: scan the shipment's barcode first".into(),
        ));
    };
    let ship = tx.shipment(ship_id)?.ok_or_else(|| Error::input(format!("no shipment {ship_id}")))?;
    let scode = ShipmentCode(ship.id);
    let state = ship.state;
    if let Err(e) = state.after(ShipmentAction::AttachTracking) {
        return Ok(refuse(ScanKind::Tracking, Some(ship.id), format!("shipment {scode}: {e}")));
    }
    if let Err(why) = shipments::attach_tracking(tx, &ship, &t, ctx.reuse_reason, ctx.operator)? {
        return Ok(refuse(ScanKind::Tracking, Some(ship.id), format!("shipment {scode} not changed: {why}")));
    }
    let number = format!("{} {}", t.carrier.as_str(), t.number);
    if state.after(ShipmentAction::Ship).is_ok() {
        shipments::ship_in(tx, &ship, ctx.operator)?;
        return Ok(Verdict {
            kind: ScanKind::Tracking,
            result: ScanResult::Accepted,
            message: format!("shipment {scode} shipped: {number}"),
            shipment: Some(ship.id),
        });
    }
    // Still open: say what happens next, so nobody thinks the box has left.
    let packets = tx.shipment_packets(ship.id)?;
    let scanned = packets.iter().filter(|p| p.scanned_at.is_some()).count();
    Ok(Verdict {
        kind: ScanKind::Tracking,
        result: ScanResult::Accepted,
        message: format!(
            "tracking {number} attached to open shipment {scode} ({scanned} of {} scanned); it ships when the \
             shipment is sealed",
            crate::words::count(packets.len() as i64, "packet", "packets")
        ),
        shipment: Some(ship.id),
    })
}
