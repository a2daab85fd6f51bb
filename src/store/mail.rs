//! The mailroom in the store: shipments with their expected and scanned packets, the log of
//! every scan, each station's current shipment, and the counts the mailroom reports need.

use super::Tx;
use super::db::{Row, params};
use super::now;
use super::states::sql_list;
use crate::domain::request::RequestStatus;
use crate::domain::shipment::ShipmentState;
use crate::error::Result;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ShipmentRecord {
    pub id: i64,
    pub school: String,
    pub to_person: bool,
    pub recipient: String,
    pub address: String,
    pub contact: String,
    pub phone: String,
    #[serde(flatten)]
    pub progress: ShipmentProgress,
}

/// Where a shipment stands, and when and why it came to each step: what the store keeps and
/// what the mailroom is shown alike.
#[derive(Debug, Clone, Serialize)]
pub struct ShipmentProgress {
    pub state: ShipmentState,
    pub carrier: Option<String>,
    pub tracking: Option<String>,
    pub created_at: String,
    pub created_by: String,
    pub sealed_at: Option<String>,
    pub seal_reason: Option<String>,
    pub shipped_at: Option<String>,
    pub delivered_at: Option<String>,
    pub returned_at: Option<String>,
    pub return_reason: Option<String>,
}

const SHIPMENT_COLUMNS: &str =
    "id, school_code, to_person, recipient, address, contact, phone, state, carrier, tracking,
    created_at, created_by, sealed_at, seal_reason, shipped_at, delivered_at, returned_at, return_reason";

fn shipment_row(r: &Row) -> Result<ShipmentRecord> {
    Ok(ShipmentRecord {
        id: r.get(0)?,
        school: r.get(1)?,
        to_person: r.get(2)?,
        recipient: r.get(3)?,
        address: r.get(4)?,
        contact: r.get(5)?,
        phone: r.get(6)?,
        progress: ShipmentProgress {
            state: r.get(7)?,
            carrier: r.get(8)?,
            tracking: r.get(9)?,
            created_at: r.get(10)?,
            created_by: r.get(11)?,
            sealed_at: r.get(12)?,
            seal_reason: r.get(13)?,
            shipped_at: r.get(14)?,
            delivered_at: r.get(15)?,
            returned_at: r.get(16)?,
            return_reason: r.get(17)?,
        },
    })
}

pub struct NewShipment<'a> {
    pub school: &'a str,
    pub to_person: bool,
    pub recipient: &'a str,
    pub address: &'a str,
    pub contact: &'a str,
    pub phone: &'a str,
    pub created_by: &'a str,
}

/// A packet (one class of one job) as the mailroom sees it.
#[derive(Debug, Clone, Serialize)]
pub struct PacketInfo {
    pub packet_id: i64,
    pub job_id: i64,
    pub school: String,
    pub class: String,
    pub students: i64,
    /// Every part of its job has come out of a printer complete.
    pub printed: bool,
    /// The shipment it is in, unless that shipment came back (returned).
    pub shipment: Option<i64>,
    /// When it was scanned into that shipment.
    pub scanned_at: Option<String>,
}

/// Packets with the shipment they are in, unless it came back.
fn packet_info_sql() -> String {
    let away = format!("s.state NOT IN ({})", sql_list([ShipmentState::Returned]));
    format!(
        "SELECT p.id, p.job_id, j.school_code, p.bh,
            (SELECT count(*) FROM job_students WHERE packet_id = p.id), j.printed_at IS NOT NULL,
            (SELECT sp.shipment_id FROM shipment_packets sp JOIN shipments s ON s.id = sp.shipment_id
              WHERE sp.packet_id = p.id AND {away} ORDER BY sp.shipment_id DESC LIMIT 1),
            (SELECT sp.scanned_at FROM shipment_packets sp JOIN shipments s ON s.id = sp.shipment_id
              WHERE sp.packet_id = p.id AND {away} ORDER BY sp.shipment_id DESC LIMIT 1)
        FROM packets p JOIN jobs j ON j.id = p.job_id"
    )
}

fn packet_row(r: &Row) -> Result<PacketInfo> {
    Ok(PacketInfo {
        packet_id: r.get(0)?,
        job_id: r.get(1)?,
        school: r.get(2)?,
        class: r.get(3)?,
        students: r.get(4)?,
        printed: r.get(5)?,
        shipment: r.get(6)?,
        scanned_at: r.get(7)?,
    })
}

/// One logged scan.
#[derive(Debug, Clone, Serialize)]
pub struct ScanRecord {
    pub id: i64,
    pub scanned_at: String,
    pub station: String,
    pub operator: String,
    pub code: String,
    pub kind: String,
    pub shipment: Option<i64>,
    pub result: String,
    pub message: String,
}

/// What the due-date report needs of a job.
/// Students of one school at each step, for `report schools`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SchoolCounts {
    pub school: String,
    pub name: String,
    pub imported: i64,
    pub printed: i64,
    pub packed: i64,
    pub shipped: i64,
    pub delivered: i64,
    /// Reprint requests neither closed nor rejected.
    pub open_requests: i64,
    /// The stations that sent the school's jobs to a printer, and that packed its packets.
    pub printed_at: Vec<String>,
    pub packed_at: Vec<String>,
}

impl Tx<'_> {
    pub fn insert_shipment(&self, s: &NewShipment) -> Result<i64> {
        self.db.insert(
            "INSERT INTO shipments (school_code, to_person, recipient, address, contact, phone, state, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?9, ?7, ?8) RETURNING id",
            params![
                s.school,
                s.to_person,
                s.recipient,
                s.address,
                s.contact,
                s.phone,
                now(),
                s.created_by,
                ShipmentState::Open
            ],
        )
    }

    pub fn shipment(&self, id: i64) -> Result<Option<ShipmentRecord>> {
        let sql = format!("SELECT {SHIPMENT_COLUMNS} FROM shipments WHERE id = ?1");
        self.db.query_opt(&sql, params![id], shipment_row)
    }

    pub fn shipments(&self, state: Option<ShipmentState>) -> Result<Vec<ShipmentRecord>> {
        let sql = format!(
            "SELECT {SHIPMENT_COLUMNS} FROM shipments WHERE CAST(?1 AS TEXT) IS NULL OR state = ?1 ORDER BY id"
        );
        self.db.query_map(&sql, params![state], shipment_row)
    }

    /// Packets expected in a shipment, in the order they were added.
    pub fn shipment_packets(&self, shipment: i64) -> Result<Vec<PacketInfo>> {
        let sql = format!(
            "{} JOIN shipment_packets x ON x.packet_id = p.id WHERE x.shipment_id = ?1
             ORDER BY x.added_at, p.job_id, p.position",
            packet_info_sql()
        );
        self.db.query_map(&sql, params![shipment], packet_row)
    }

    pub fn packet_info(&self, packet: i64) -> Result<Option<PacketInfo>> {
        let sql = format!("{} WHERE p.id = ?1", packet_info_sql());
        self.db.query_opt(&sql, params![packet], packet_row)
    }

    /// Packets of a school's jobs (all, or only `jobs`), in job and class order.
    pub fn packets_of_school(&self, school: &str, jobs: &[i64]) -> Result<Vec<PacketInfo>> {
        let sql = format!("{} WHERE j.school_code = ?1 ORDER BY p.job_id, p.position", packet_info_sql());
        let rows = self.db.query_map(&sql, params![school], packet_row)?;
        Ok(rows.into_iter().filter(|p| jobs.is_empty() || jobs.contains(&p.job_id)).collect())
    }

    pub fn add_shipment_packet(&self, shipment: i64, packet: i64, scanned: Option<(&str, &str)>) -> Result<()> {
        let t = now();
        self.db.execute(
            "INSERT INTO shipment_packets (shipment_id, packet_id, added_at, scanned_at, scanned_by, station)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                shipment,
                packet,
                t,
                scanned.map(|_| t.clone()),
                scanned.map(|(by, _)| by),
                scanned.map(|(_, station)| station)
            ],
        )?;
        Ok(())
    }

    pub fn mark_packet_scanned(&self, shipment: i64, packet: i64, by: &str, station: &str) -> Result<()> {
        self.db.execute(
            "UPDATE shipment_packets SET scanned_at = ?3, scanned_by = ?4, station = ?5
             WHERE shipment_id = ?1 AND packet_id = ?2 AND scanned_at IS NULL",
            params![shipment, packet, now(), by, station],
        )?;
        Ok(())
    }

    /// Take the packets never scanned out of a shipment sealed without them.
    pub fn remove_unscanned_packets(&self, shipment: i64) -> Result<usize> {
        self.db.execute("DELETE FROM shipment_packets WHERE shipment_id = ?1 AND scanned_at IS NULL", params![shipment])
    }

    /// Put a shipment in the state the domain's table of steps gave, stamping when (and, for
    /// sealing without some packets or a return, why) it got there.
    pub fn set_shipment_state(&self, id: i64, state: ShipmentState, reason: Option<&str>, by: &str) -> Result<()> {
        let (at, why) = match state {
            ShipmentState::Open => (None, None),
            ShipmentState::Sealed => (Some("sealed_at"), Some("seal_reason")),
            ShipmentState::Shipped => (Some("shipped_at"), None),
            ShipmentState::Delivered => (Some("delivered_at"), None),
            ShipmentState::Returned => (Some("returned_at"), Some("return_reason")),
        };
        // Every placeholder is used, whichever columns are stamped (PostgreSQL must type each).
        let t = now();
        match (at, why) {
            (None, _) => self
                .db
                .execute("UPDATE shipments SET state = ?2, changed_by = ?3 WHERE id = ?1", params![id, state, by])?,
            (Some(at), None) => self.db.execute(
                &format!("UPDATE shipments SET state = ?2, changed_by = ?3, {at} = ?4 WHERE id = ?1"),
                params![id, state, by, t],
            )?,
            (Some(at), Some(why)) => self.db.execute(
                &format!("UPDATE shipments SET state = ?2, changed_by = ?3, {at} = ?4, {why} = ?5 WHERE id = ?1"),
                params![id, state, by, t, reason],
            )?,
        };
        Ok(())
    }

    pub fn set_tracking(&self, id: i64, carrier: &str, tracking: &str, by: &str) -> Result<()> {
        self.db.execute(
            "UPDATE shipments SET carrier = ?2, tracking = ?3, changed_by = ?4 WHERE id = ?1",
            params![id, carrier, tracking, by],
        )?;
        Ok(())
    }

    /// Shipments that carry this tracking number, whatever their state.
    pub fn shipments_with_tracking(&self, number: &str) -> Result<Vec<ShipmentRecord>> {
        let sql = format!("SELECT {SHIPMENT_COLUMNS} FROM shipments WHERE tracking = ?1 ORDER BY id");
        self.db.query_map(&sql, params![number], shipment_row)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn insert_scan(
        &self,
        station: &str,
        operator: &str,
        code: &str,
        kind: &str,
        shipment: Option<i64>,
        result: &str,
        message: &str,
    ) -> Result<i64> {
        self.db.insert(
            "INSERT INTO scans (scanned_at, station, operator, code, kind, shipment_id, result, message)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
            params![now(), station, operator, code, kind, shipment, result, message],
        )
    }

    /// The latest scans, newest first; of one shipment, or of all.
    pub fn scans(&self, shipment: Option<i64>, limit: i64) -> Result<Vec<ScanRecord>> {
        self.db.query_map(
            "SELECT id, scanned_at, station, operator, code, kind, shipment_id, result, message FROM scans
             WHERE CAST(?1 AS BIGINT) IS NULL OR shipment_id = ?1 ORDER BY id DESC LIMIT ?2",
            params![shipment, limit],
            |r| {
                Ok(ScanRecord {
                    id: r.get(0)?,
                    scanned_at: r.get(1)?,
                    station: r.get(2)?,
                    operator: r.get(3)?,
                    code: r.get(4)?,
                    kind: r.get(5)?,
                    shipment: r.get(6)?,
                    result: r.get(7)?,
                    message: r.get(8)?,
                })
            },
        )
    }

    /// The shipment a scanning station is filling.
    pub fn station_shipment(&self, station: &str) -> Result<Option<i64>> {
        Ok(self
            .db
            .query_opt("SELECT shipment_id FROM stations WHERE name = ?1", params![station], |r| r.get(0))?
            .flatten())
    }

    pub fn set_station_shipment(&self, station: &str, shipment: i64) -> Result<()> {
        self.db.execute(
            "INSERT INTO stations (name, shipment_id) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET shipment_id = excluded.shipment_id",
            params![station, shipment],
        )?;
        Ok(())
    }

    /// Who was last chosen as the operator at a station (empty: nobody yet).
    pub fn station_operator(&self, station: &str) -> Result<String> {
        Ok(self
            .db
            .query_opt("SELECT operator FROM stations WHERE name = ?1", params![station], |r| r.get(0))?
            .unwrap_or_default())
    }

    pub fn set_station_operator(&self, station: &str, operator: &str) -> Result<()> {
        self.db.execute(
            "INSERT INTO stations (name, operator) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET operator = excluded.operator",
            params![station, operator],
        )?;
        Ok(())
    }

    /// The names that have worked in this lab, most recently active first: what a station
    /// offers when someone new sits down.
    pub fn known_operators(&self, limit: i64) -> Result<Vec<String>> {
        self.db.query_map(
            "SELECT operator FROM audit WHERE operator <> '' GROUP BY operator ORDER BY MAX(id) DESC LIMIT ?1",
            params![limit],
            |r| r.get(0),
        )
    }

    /// Distinct students of each school at each step of the way.
    pub fn school_counts(&self) -> Result<Vec<SchoolCounts>> {
        let step = |cond: &str| {
            format!(
                "(SELECT count(DISTINCT js.cjm) FROM job_students js JOIN jobs j ON j.id = js.job_id
                   JOIN shipment_packets sp ON sp.packet_id = js.packet_id JOIN shipments s ON s.id = sp.shipment_id
                   WHERE j.school_code = c.code AND {cond})"
            )
        };
        let sql = format!(
            "SELECT c.code, c.name, (SELECT count(*) FROM students WHERE school_code = c.code),
                (SELECT count(DISTINCT js.cjm) FROM job_students js JOIN jobs j ON j.id = js.job_id
                   WHERE j.school_code = c.code AND j.printed_at IS NOT NULL),
                {}, {}, {},
                (SELECT count(*) FROM requests WHERE school_code = c.code AND status IN ({}))
             FROM schools c ORDER BY c.code",
            step(&format!("sp.scanned_at IS NOT NULL AND s.state NOT IN ({})", sql_list([ShipmentState::Returned]))),
            step(&format!("s.state IN ({})", sql_list([ShipmentState::Shipped, ShipmentState::Delivered]))),
            step(&format!("s.state IN ({})", sql_list([ShipmentState::Delivered]))),
            sql_list(RequestStatus::ALL.into_iter().filter(|s| s.is_open())),
        );
        let mut counts = self.db.query_map(&sql, params![], |r| {
            Ok(SchoolCounts {
                school: r.get(0)?,
                name: r.get(1)?,
                imported: r.get(2)?,
                printed: r.get(3)?,
                packed: r.get(4)?,
                shipped: r.get(5)?,
                delivered: r.get(6)?,
                open_requests: r.get(7)?,
                printed_at: Vec::new(),
                packed_at: Vec::new(),
            })
        })?;
        let stations = |sql: &str| -> Result<Vec<(String, String)>> {
            self.db.query_map(sql, params![], |r| Ok((r.get(0)?, r.get(1)?)))
        };
        let printing = stations(
            "SELECT DISTINCT j.school_code, d.station FROM dispatches d JOIN jobs j ON j.id = d.job_id
              WHERE d.station <> '' ORDER BY 1, 2",
        )?;
        let packing = stations(
            "SELECT DISTINCT j.school_code, sp.station FROM shipment_packets sp JOIN packets p ON p.id = sp.packet_id
               JOIN jobs j ON j.id = p.job_id WHERE sp.scanned_at IS NOT NULL AND sp.station <> '' ORDER BY 1, 2",
        )?;
        for c in &mut counts {
            let of = |list: &[(String, String)]| {
                list.iter().filter(|(s, _)| *s == c.school).map(|(_, n)| n.clone()).collect()
            };
            c.printed_at = of(&printing);
            c.packed_at = of(&packing);
        }
        Ok(counts)
    }

    pub fn update_school_contact(
        &self,
        code: &str,
        address: Option<&str>,
        contact: Option<&str>,
        phone: Option<&str>,
    ) -> Result<()> {
        self.db.execute(
            "UPDATE schools SET address = coalesce(?2, address), contact = coalesce(?3, contact),
                    phone = coalesce(?4, phone) WHERE code = ?1",
            params![code, address, contact, phone],
        )?;
        Ok(())
    }
}
