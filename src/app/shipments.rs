//! Shipments: `shipment create|list|show|seal|ship|deliver|return|documents` and
//! `job packing-lists`. A shipment goes to one school (or, with `--to`, to one person) and
//! expects the packets of the school's printed jobs not yet shipped; mailroom scans confirm
//! them (`app::scan`). Every change of state goes through the rules in `domain::shipment`, so
//! a shipment never skips a step, and every paper it needs is written under `output/`.

use super::jobs;
use super::printing::{self, FileSent};
use super::{Workspace, requests, schools};
use crate::domain::ids::{JobCode, PacketCode, RequestId, ShipmentCode};
use crate::domain::shipment::{ShipmentAction, ShipmentState};
use crate::domain::tracking::{self, Carrier};
use crate::error::{Error, IoContext, Result};
use crate::i18n::Msg;
use crate::mail::documents::{self, PacketList, Party, ShipmentDocs, ShipmentPacket};
use crate::msg;
use crate::render::{PageSpec, PdfWriter};
use crate::store::{NewShipment, PacketInfo, ShipmentProgress, ShipmentRecord, Tx};
use serde::Serialize;
use std::path::{Path, PathBuf};

pub(super) fn load(tx: &Tx<'_>, id: ShipmentCode) -> Result<ShipmentRecord> {
    tx.shipment(id.row())?.ok_or_else(|| msg!("shipment-unknown", shipment = id.to_string()).into())
}

/// Apply a step to a shipment's state, or refuse it naming the state it is in.
pub(super) fn step(s: &ShipmentRecord, action: ShipmentAction) -> Result<ShipmentState> {
    s.progress
        .state
        .after(action)
        .map_err(|e| crate::msg!("shipment-refused", shipment = ShipmentCode(s.id).to_string(), why = e).into())
}

/// Who a shipment goes to.
#[derive(Debug, Clone, Serialize)]
pub struct Recipient {
    pub name: String,
    pub address: String,
    pub contact: String,
    pub phone: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PacketView {
    pub barcode: PacketCode,
    pub job: JobCode,
    pub class: String,
    pub students: i64,
    pub scanned: bool,
    pub scanned_at: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ShipmentView {
    pub id: ShipmentCode,
    pub school: String,
    pub school_name: String,
    pub to_person: bool,
    pub recipient: Recipient,
    #[serde(flatten)]
    pub progress: ShipmentProgress,
    pub packets: Vec<PacketView>,
    pub expected: usize,
    pub scanned: usize,
    /// Barcodes of the packets expected but not scanned yet.
    pub missing: Vec<PacketCode>,
    pub students: i64,
    /// The label and packing lists, once written.
    pub documents: Vec<String>,
    /// What the person who made or changed it should know (a label without a sender, say).
    pub warnings: Vec<String>,
}

fn packet_view(p: &PacketInfo) -> PacketView {
    PacketView {
        barcode: PacketCode(p.packet_id),
        job: JobCode(p.job_id),
        class: p.class.clone(),
        students: p.students,
        scanned: p.scanned_at.is_some(),
        scanned_at: p.scanned_at.clone(),
    }
}

pub(super) fn view(ws: &Workspace, tx: &Tx<'_>, s: &ShipmentRecord) -> Result<ShipmentView> {
    let school = schools::require(tx, &schools::parse_code(&s.school)?)?;
    let packets: Vec<PacketView> = tx.shipment_packets(s.id)?.iter().map(packet_view).collect();
    let dir = shipment_dir(ws, s.id);
    let documents = if dir.is_dir() {
        let mut d: Vec<String> = std::fs::read_dir(&dir)
            .at(&dir)?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .map(|p| p.display().to_string())
            .collect();
        d.sort();
        d
    } else {
        Vec::new()
    };
    Ok(ShipmentView {
        id: ShipmentCode(s.id),
        school: s.school.clone(),
        school_name: school.name,
        to_person: s.to_person,
        recipient: Recipient {
            name: s.recipient.clone(),
            address: s.address.clone(),
            contact: s.contact.clone(),
            phone: s.phone.clone(),
        },
        progress: s.progress.clone(),
        expected: packets.len(),
        scanned: packets.iter().filter(|p| p.scanned).count(),
        missing: packets.iter().filter(|p| !p.scanned).map(|p| p.barcode).collect(),
        students: packets.iter().map(|p| p.students).sum(),
        packets,
        documents,
        warnings: Vec::new(),
    })
}

/// What `shipment create` is asked for.
#[derive(Debug, Clone, Default)]
pub struct CreateShipment {
    pub school: String,
    /// Only these jobs' packets; empty means every printed job of the school.
    pub jobs: Vec<JobCode>,
    /// A shipment to one person at this address instead of to the school.
    pub to: Option<String>,
    pub recipient: Option<String>,
    pub phone: Option<String>,
}

fn trimmed(v: &Option<String>) -> Option<String> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

pub fn create(ws: &Workspace, req: &CreateShipment) -> Result<ShipmentView> {
    // Jobs named for the shipment that the store does not know as printed: ask their printers.
    for job in &req.jobs {
        let job = jobs::load_job(&ws.store()?.read()?, *job)?;
        super::printing::ensure_printed(ws, job.id)?;
    }
    let mut store = ws.store()?;
    let tx = store.write()?;
    let v = create_in(ws, &tx, req)?;
    tx.commit()?;
    Ok(v)
}

/// [`create`] inside a transaction the caller commits (a reprint request ships this way).
pub(super) fn create_in(ws: &Workspace, tx: &Tx<'_>, req: &CreateShipment) -> Result<ShipmentView> {
    let code = schools::parse_code(&req.school)?;
    let school = schools::require(tx, &code)?;
    let mut job_ids = Vec::new();
    for job in &req.jobs {
        let job = jobs::load_job(tx, *job)?;
        if job.school != code.as_str() {
            return Err(msg!(
                "shipment-job-other-school",
                job = JobCode(job.id).to_string(),
                school = &job.school,
                wanted = code.to_string()
            )
            .into());
        }
        if tx.job_printed_at(job.id)?.is_none() {
            return Err(msg!("shipment-job-not-printed", job = JobCode(job.id).to_string()).into());
        }
        job_ids.push(job.id);
    }
    let to = trimmed(&req.to);
    let (recipient, address, contact, phone) = match &to {
        Some(address) => (
            trimmed(&req.recipient).ok_or_else(|| Error::from(msg!("shipment-to-needs-recipient")))?,
            address.clone(),
            String::new(),
            trimmed(&req.phone).unwrap_or_default(),
        ),
        None => {
            let address = school
                .address
                .clone()
                .filter(|a| !a.trim().is_empty())
                .ok_or_else(|| Error::from(msg!("shipment-school-no-address", school = code.to_string())))?;
            (
                school.name.clone(),
                address,
                school.contact.clone().unwrap_or_default(),
                trimmed(&req.phone).or(school.phone.clone()).unwrap_or_default(),
            )
        }
    };
    // A shipment to one person carries only the jobs named for it.
    let packets: Vec<PacketInfo> = if to.is_some() && job_ids.is_empty() {
        Vec::new()
    } else {
        tx.packets_of_school(code.as_str(), &job_ids)?
            .into_iter()
            .filter(|p| p.printed && p.shipment.is_none())
            .collect()
    };
    if packets.is_empty() && to.is_none() {
        return Err(msg!("shipment-nothing-to-ship", school = code.to_string()).into());
    }
    let id = tx.insert_shipment(&NewShipment {
        school: code.as_str(),
        to_person: to.is_some(),
        recipient: &recipient,
        address: &address,
        contact: &contact,
        phone: &phone,
        created_by: &ws.settings.operator(),
    })?;
    for p in &packets {
        tx.add_shipment_packet(id, p.packet_id, None)?;
    }
    let record = tx.shipment(id)?.ok_or_else(|| Error::from(msg!("shipment-vanished")))?;
    write_documents(ws, tx, &record)?;
    let mut v = view(ws, tx, &record)?;
    v.warnings.extend(sender_missing(ws));
    Ok(v)
}

/// A label without the lab's name or return address looks unfinished and cannot come back
/// if undeliverable: say so once, and how to set them.
fn sender_missing(ws: &Workspace) -> Option<String> {
    let s = sender(ws);
    let missing = match (s.name.trim().is_empty(), s.address.trim().is_empty()) {
        (false, false) => return None,
        (true, false) => "name",
        (false, true) => "address",
        (true, true) => "both",
    };
    let file = ws.root().join(super::workspace::SETTINGS_FILE).display().to_string();
    Some(msg!("send-shipment-no-sender", missing = missing, file = file).to_string())
}

#[derive(Debug, Serialize)]
pub struct ShipmentLine {
    pub id: ShipmentCode,
    pub school: String,
    pub recipient: String,
    pub state: ShipmentState,
    pub packets: usize,
    pub scanned: usize,
    pub tracking: Option<String>,
    pub created_at: String,
}

/// A shipment state as `--status` names it.
pub fn state_filter(raw: &str) -> Result<ShipmentState> {
    ShipmentState::parse(raw).ok_or_else(|| msg!("shipment-bad-status", status = raw).into())
}

pub fn list(ws: &Workspace, state: Option<ShipmentState>) -> Result<Vec<ShipmentLine>> {
    let mut store = ws.store()?;
    let tx = store.read()?;
    let mut out = Vec::new();
    for s in tx.shipments(state)? {
        let packets = tx.shipment_packets(s.id)?;
        out.push(ShipmentLine {
            id: ShipmentCode(s.id),
            school: s.school.clone(),
            recipient: s.recipient.clone(),
            state: s.progress.state,
            scanned: packets.iter().filter(|p| p.scanned_at.is_some()).count(),
            packets: packets.len(),
            tracking: s.progress.tracking.clone(),
            created_at: s.progress.created_at.clone(),
        });
    }
    Ok(out)
}

pub fn show(ws: &Workspace, id: ShipmentCode) -> Result<ShipmentView> {
    let mut store = ws.store()?;
    let tx = store.read()?;
    let s = load(&tx, id)?;
    view(ws, &tx, &s)
}

/// Seal a shipment once every expected packet is scanned; with `force`, seal it without the
/// missing ones (they leave the shipment and wait for the next), saying why.
pub fn seal(ws: &Workspace, id: ShipmentCode, force: bool, reason: Option<&str>) -> Result<ShipmentView> {
    let mut store = ws.store()?;
    let tx = store.write()?;
    let s = load(&tx, id)?;
    let sealed = step(&s, ShipmentAction::Seal)?;
    let v = view(ws, &tx, &s)?;
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if !v.missing.is_empty() {
        if !force {
            return Err(msg!(
                "shipment-packets-missing",
                shipment = v.id.to_string(),
                missing = v.missing.len(),
                expected = v.expected,
                codes = v.missing.iter().map(PacketCode::to_string).collect::<Vec<_>>().join(", ")
            )
            .into());
        }
        if reason.is_none() {
            return Err(msg!("shipment-force-needs-reason").into());
        }
        tx.remove_unscanned_packets(s.id)?;
        unpack_requests_left_out(&tx, s.id, &ws.settings.operator())?;
    }
    if v.scanned == 0 {
        return Err(msg!("shipment-nothing-scanned", shipment = v.id.to_string()).into());
    }
    let operator = ws.settings.operator();
    tx.set_shipment_state(s.id, sealed, reason, &operator)?;
    let s = load(&tx, id)?;
    // A tracking number scanned while the box was open was waiting for this: it ships now.
    if s.progress.tracking.is_some() {
        ship_in(&tx, &s, &operator)?;
    }
    let v = documented(ws, &tx, id)?;
    tx.commit()?;
    Ok(v)
}

/// Check a tracking number and say which carrier it is.
pub(super) fn recognise(number: &str, carrier: Option<&str>) -> Result<tracking::Tracking> {
    let carrier = carrier.map(Carrier::parse).transpose()?;
    tracking::recognise(number, carrier).map_err(|e| msg!("shipment-bad-tracking", number = number, why = e).into())
}

/// Why a tracking number may not go on a shipment: another shipment already carries it. A
/// courier's number belongs to one parcel, so a number seen twice is an old label scanned again
/// or a courier's mistake; either way the lab must look before a box leaves.
/// The refusal names the other shipments; the second message, without the advice, is what the
/// audit log keeps when the number is attached anyway.
pub(super) fn tracking_taken(tx: &Tx<'_>, shipment: i64, number: &str) -> Result<Option<(Msg, Msg)>> {
    let others: Vec<String> = tx
        .shipments_with_tracking(number)?
        .into_iter()
        .filter(|o| o.id != shipment)
        .map(|o| {
            msg!(
                "shipment-tracking-on",
                shipment = ShipmentCode(o.id).to_string(),
                state = o.progress.state.word(),
                school = &o.school
            )
            .to_string()
        })
        .collect();
    Ok((!others.is_empty()).then(|| {
        let taken = msg!("shipment-tracking-taken", number = number, shipments = others.join(", "));
        (msg!("shipment-tracking-taken-fix", taken = taken.clone()), taken)
    }))
}

/// Put a tracking number on a shipment. A number another shipment carries is refused (the
/// refusal is returned, not raised, so a scan can log it) unless `reuse_reason` says why,
/// which goes to the audit log.
pub(super) fn attach_tracking(
    tx: &Tx<'_>,
    s: &ShipmentRecord,
    t: &tracking::Tracking,
    reuse_reason: Option<&str>,
    operator: &str,
) -> Result<std::result::Result<(), Msg>> {
    if let Some((refusal, taken)) = tracking_taken(tx, s.id, &t.number)? {
        let Some(reason) = reuse_reason.map(str::trim).filter(|r| !r.is_empty()) else { return Ok(Err(refusal)) };
        tx.audit(
            operator,
            "shipment.tracking-reused",
            &format!("shipment {}", ShipmentCode(s.id)),
            &msg!("shipment-tracking-reused-audit", taken = taken, reason = reason).to_string(),
        )?;
    }
    tx.set_tracking(s.id, t.carrier.as_str(), &t.number, operator)?;
    Ok(Ok(()))
}

/// Hand a sealed shipment to the courier, with its tracking number (given here or attached
/// before). `reuse_reason` lets a number another shipment carries through, audited.
pub fn ship(
    ws: &Workspace,
    id: ShipmentCode,
    number: Option<&str>,
    carrier: Option<&str>,
    reuse_reason: Option<&str>,
) -> Result<ShipmentView> {
    let mut store = ws.store()?;
    let tx = store.write()?;
    let s = load(&tx, id)?;
    step(&s, ShipmentAction::Ship)?;
    let operator = ws.settings.operator();
    match number {
        Some(n) => {
            let t = recognise(n, carrier)?;
            attach_tracking(&tx, &s, &t, reuse_reason, &operator)?.map_err(|why| {
                Error::from(msg!("shipment-refused", shipment = ShipmentCode(s.id).to_string(), why = why))
            })?;
        }
        None if s.progress.tracking.is_none() => {
            return Err(msg!("shipment-needs-tracking", shipment = ShipmentCode(s.id).to_string()).into());
        }
        None => {}
    }
    ship_in(&tx, &s, &operator)?;
    let v = documented(ws, &tx, id)?;
    tx.commit()?;
    Ok(v)
}

/// The shipment leaves the lab with the courier: through the table of steps, and the reprint
/// requests riding in it are shipped with it.
pub(super) fn ship_in(tx: &Tx<'_>, s: &ShipmentRecord, operator: &str) -> Result<()> {
    let shipped = step(s, ShipmentAction::Ship)?;
    tx.set_shipment_state(s.id, shipped, None, operator)?;
    requests::follow(tx, requests::Event::ShipmentLeft(s.id), operator)
}

pub fn deliver(ws: &Workspace, id: ShipmentCode) -> Result<ShipmentView> {
    let mut store = ws.store()?;
    let tx = store.write()?;
    let s = load(&tx, id)?;
    let delivered = step(&s, ShipmentAction::Deliver)?;
    let operator = ws.settings.operator();
    tx.set_shipment_state(s.id, delivered, None, &operator)?;
    requests::follow(&tx, requests::Event::ShipmentDelivered(s.id), &operator)?;
    let v = view(ws, &tx, &load(&tx, id)?)?;
    tx.commit()?;
    Ok(v)
}

/// The courier brought it back: its packets may go out again in a new shipment.
pub fn return_shipment(ws: &Workspace, id: ShipmentCode, reason: &str) -> Result<ShipmentView> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(msg!("shipment-return-needs-reason").into());
    }
    let mut store = ws.store()?;
    let tx = store.write()?;
    let s = load(&tx, id)?;
    let returned = step(&s, ShipmentAction::Return)?;
    let operator = ws.settings.operator();
    tx.set_shipment_state(s.id, returned, Some(reason), &operator)?;
    requests::follow(&tx, requests::Event::ShipmentReturned(s.id), &operator)?;
    let v = view(ws, &tx, &load(&tx, id)?)?;
    tx.commit()?;
    Ok(v)
}

/// Write the shipment's label and packing lists again (a tracking number may have come).
pub fn documents(ws: &Workspace, id: ShipmentCode) -> Result<ShipmentView> {
    let mut store = ws.store()?;
    documented(ws, &store.read()?, id)
}

/// The shipment as it stands now, with its label and packing lists written to match.
fn documented(ws: &Workspace, tx: &Tx<'_>, id: ShipmentCode) -> Result<ShipmentView> {
    let s = load(tx, id)?;
    write_documents(ws, tx, &s)?;
    view(ws, tx, &s)
}

/// Which of a shipment's papers to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Papers {
    /// The shipping label (面单).
    Label,
    /// The shipment's packing list and each packet's (装箱单).
    PackingLists,
}

impl Papers {
    fn name(self) -> Msg {
        match self {
            Papers::Label => msg!("shipment-papers-label"),
            Papers::PackingLists => msg!("shipment-papers-packing-lists"),
        }
    }
}

/// Print a shipment's label or its packing lists on `printer`, as the files are (no printer
/// correction: they are not photo sheets); the papers are written first if they are missing.
/// One audit entry per file sent (`file.print`).
pub fn print_papers(ws: &Workspace, id: ShipmentCode, printer: &str, papers: Papers) -> Result<Vec<FileSent>> {
    let mut v = show(ws, id)?;
    if v.documents.is_empty() {
        v = documents(ws, id)?;
    }
    let files: Vec<PathBuf> = v
        .documents
        .iter()
        .filter(|d| d.ends_with("-label.pdf") == (papers == Papers::Label))
        .map(PathBuf::from)
        .collect();
    if files.is_empty() {
        return Err(msg!("shipment-nothing-to-print", shipment = v.id.to_string(), papers = papers.name()).into());
    }
    files
        .iter()
        .map(|f| {
            let name = format!("{} {}", v.id, f.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default());
            printing::print_file(ws, printer, f, &name)
        })
        .collect()
}

fn shipment_dir(ws: &Workspace, id: i64) -> PathBuf {
    ws.output_dir().join("shipments").join(ShipmentCode(id).to_string())
}

fn write_pages(path: &Path, title: &str, pages: &[PageSpec]) -> Result<()> {
    let mut pdf = PdfWriter::create(path, title)?;
    for page in pages {
        pdf.add_page(page, &mut |sha| Err(msg!("shipment-page-no-photo", sha = sha).into()))?;
    }
    pdf.finish()?;
    Ok(())
}

fn sender(ws: &Workspace) -> Party {
    let s = &ws.settings.shipping;
    Party {
        name: if s.sender_name.trim().is_empty() { ws.settings.lab.name.clone() } else { s.sender_name.clone() },
        address: s.sender_address.clone(),
        contact: s.sender_contact.clone(),
        phone: s.sender_phone.clone(),
    }
}

/// Now in the lab's zone, as the lists print it.
fn now_local(ws: &Workspace) -> String {
    ws.zone().now().format(crate::domain::local_time::SHOWN).to_string()
}

/// The label, the shipment's packing list and each packet's list, into `output/shipments/H…/`.
fn write_documents(ws: &Workspace, tx: &Tx<'_>, s: &ShipmentRecord) -> Result<()> {
    let v = view(ws, tx, s)?;
    let dir = shipment_dir(ws, s.id);
    std::fs::create_dir_all(&dir).at(&dir)?;
    let docs = ShipmentDocs {
        lab: ws.settings.lab.name.clone(),
        shipment_barcode: v.id.to_string(),
        school_code: v.school.clone(),
        school_name: v.school_name.clone(),
        recipient: Party {
            name: v.recipient.name.clone(),
            address: v.recipient.address.clone(),
            contact: v.recipient.contact.clone(),
            phone: v.recipient.phone.clone(),
        },
        sender: sender(ws),
        packets: v
            .packets
            .iter()
            .map(|p| ShipmentPacket {
                barcode: p.barcode.to_string(),
                job: p.job.to_string(),
                class: p.class.clone(),
                students: p.students as usize,
            })
            .collect(),
        created_at: ws.zone().show(&v.progress.created_at),
        tracking: v.progress.tracking.clone(),
    };
    write_pages(
        &dir.join(format!("{}-label.pdf", v.id)),
        &format!("{} label", v.id),
        &[documents::shipping_label(&docs)],
    )?;
    write_pages(
        &dir.join(format!("{}-shipment-list.pdf", v.id)),
        &format!("{} shipment list", v.id),
        &documents::shipment_list(&docs),
    )?;
    let mut lists = Vec::new();
    for p in tx.shipment_packets(s.id)? {
        lists.push(write_packet_list(ws, tx, &p, &dir)?);
    }
    // A packet left out when the shipment was sealed must not leave a packing list behind: the
    // packer would look for it in the box.
    for e in std::fs::read_dir(&dir).at(&dir)?.flatten() {
        let path = e.path();
        let is_list = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with("-packing-list.pdf"));
        if is_list && !lists.contains(&path) {
            std::fs::remove_file(&path).at(&path)?;
        }
    }
    Ok(())
}

/// Reprint requests packed in a shipment that was sealed without their packets wait for the
/// next one: they are taken out of it (still printed), so its leaving does not ship them.
fn unpack_requests_left_out(tx: &Tx<'_>, shipment: i64, operator: &str) -> Result<()> {
    let in_box: Vec<i64> = tx.shipment_packets(shipment)?.iter().map(|p| p.job_id).collect();
    for r in tx.requests_in_shipment(shipment)? {
        if r.job_id.is_some_and(|j| !in_box.contains(&j)) {
            tx.set_request_shipment(r.id, None, r.status)?;
            tx.audit(
                operator,
                "request.unpacked",
                &format!("request {}", RequestId(r.id)),
                &crate::msg!("audit-request-unpacked", shipment = ShipmentCode(shipment).to_string()).to_string(),
            )?;
        }
    }
    Ok(())
}

fn write_packet_list(ws: &Workspace, tx: &Tx<'_>, p: &PacketInfo, dir: &Path) -> Result<PathBuf> {
    let school = schools::require(tx, &schools::parse_code(&p.school)?)?;
    let students = tx
        .job_students(p.job_id)?
        .into_iter()
        .filter(|s| s.packet_id == p.packet_id)
        .map(|s| (s.student.xh, s.student.xm))
        .collect();
    let list = PacketList {
        lab: ws.settings.lab.name.clone(),
        school_code: p.school.clone(),
        school_name: school.name,
        job: JobCode(p.job_id).to_string(),
        class: p.class.clone(),
        packet_barcode: PacketCode(p.packet_id).to_string(),
        students,
        printed_at: now_local(ws),
    };
    let path = dir.join(format!("{}-packing-list.pdf", list.packet_barcode));
    write_pages(&path, &format!("{} packing list", list.packet_barcode), &documents::packet_list(&list))?;
    Ok(path)
}

/// Every packet's packing list of a job, into `output/jobs/J…/packets/`.
pub fn packing_lists(ws: &Workspace, job: JobCode) -> Result<Vec<PathBuf>> {
    let mut store = ws.store()?;
    let tx = store.read()?;
    let job = jobs::load_job(&tx, job)?;
    let dir = jobs::job_dir(ws, job.id).join("packets");
    std::fs::create_dir_all(&dir).at(&dir)?;
    let packets = tx.packets_of_school(&job.school, &[job.id])?;
    packets.iter().map(|p| write_packet_list(ws, &tx, p, &dir)).collect()
}
