//! Print jobs: `job create` freezes a school's students in print order and a copy of the
//! layout, and plans the sheets; `job render` streams them into PDF parts; `job preview`
//! draws one sheet as a PNG. A job made once never changes when a roster, a correction or a
//! layout file changes later.

use super::students::{StudentLine, in_print_order};
use super::{Workspace, schools};
use crate::domain::ids::{JobCode, PacketCode, SheetCode, ShipmentCode, StudentPrintCode};
pub use crate::domain::job::JobPurpose;
use crate::domain::job::{JobProgress, SheetContent};
use crate::domain::local_time::Zone;
use crate::domain::printing::PartState;
use crate::error::{Error, IoContext, Result};
use crate::layout::{self, CaptionStudent, Layout, Placement, SheetContext, SheetKind, SheetPlan};
use crate::msg;
use crate::progress::{self, Progress};
use crate::render::pdf::PdfWriter;
use crate::render::{Adjustment, Item, PageSpec, PdfSummary, Rect, preview};
use crate::store::{
    DispatchRecord, JobRecord, JobStudent, JobSummary, NewJob, PacketRecord, PartRecord, ReprintRecord, SheetRecord,
    Store, Tx,
};
use crate::verify::{ExpectedSheet, Who};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What `job create` is asked for.
#[derive(Debug, Clone, Default)]
pub struct JobRequest {
    pub school: String,
    /// Only these classes (班级); empty means all.
    pub classes: Vec<String>,
    /// Only these students (学号); empty means all.
    pub students: Vec<String>,
    /// Only these collection codes (采集码); empty means all. A walk-in prints exactly its
    /// student even when another code shares his 学号.
    pub codes: Vec<String>,
    /// Layout name or .toml path; None means the default layout.
    pub layout: Option<String>,
    /// Only the students a correction (勘误) left needing a reprint; the job clears their flag.
    pub needs_reprint: bool,
    /// Why the job is made: a school's set is refused for students already in a job, unless
    /// `again_reason` says why they are printed again or `new_only` leaves them out.
    pub purpose: JobPurpose,
    /// Print students already in a job again, on purpose, for this reason (audited).
    pub again_reason: Option<String>,
    /// Only the students in no job yet (a school's second batch, say).
    pub new_only: bool,
}

#[derive(Debug, Serialize)]
pub struct JobCreated {
    pub id: JobCode,
    pub students: usize,
    pub packets: usize,
    pub sheets: usize,
    pub layout: String,
}

impl JobCreated {
    /// The message `said` (the command line's or the window's words for a new job) with the
    /// job's figures as its arguments.
    pub fn said(&self, said: crate::i18n::Msg) -> crate::i18n::Msg {
        said.arg("job", self.id.to_string())
            .arg("students", self.students as i64)
            .arg("packets", self.packets as i64)
            .arg("sheets", self.sheets as i64)
            .arg("layout", self.layout.as_str())
    }
}

pub(super) fn load_job(tx: &Tx<'_>, job: JobCode) -> Result<JobRecord> {
    tx.job(job.row())?.ok_or_else(|| msg!("job-unknown", job = job.to_string()).into())
}

/// Students grouped class by class, classes in order of first appearance, each class in print
/// order: a school hands prints out class by class, so a job never interleaves classes.
fn class_by_class(lines: Vec<StudentLine>) -> Vec<(String, Vec<StudentLine>)> {
    let mut classes: Vec<(String, Vec<StudentLine>)> = Vec::new();
    for l in lines {
        match classes.iter_mut().find(|(bh, _)| *bh == l.student.bh) {
            Some((_, v)) => v.push(l),
            None => classes.push((l.student.bh.clone(), vec![l])),
        }
    }
    classes
}

pub fn create(ws: &Workspace, req: &JobRequest) -> Result<JobCreated> {
    let mut store = ws.store()?;
    let tx = store.write()?;
    let made = create_in(ws, &tx, req)?;
    tx.commit()?;
    Ok(made)
}

/// [`create`] inside a transaction the caller commits, so a reprint request can make its job
/// and record it in one step.
pub(super) fn create_in(ws: &Workspace, tx: &Tx<'_>, req: &JobRequest) -> Result<JobCreated> {
    let code = schools::parse_code(&req.school)?;
    let layout_name = req.layout.clone().unwrap_or_else(|| layout::DEFAULT_LAYOUT.to_string());
    let layout = layout::load(&layout_name, &ws.layouts_dir())?;
    schools::require(tx, &code)?;
    let known: Vec<String> = tx.classes(&code)?.into_iter().map(|(bh, _)| bh).collect();
    if let Some(c) = req.classes.iter().find(|c| !known.contains(c)) {
        return Err(msg!("school-no-class", school = code.to_string(), class = c, classes = known.join(", ")).into());
    }
    let mut lines = in_print_order(tx, &code, &req.classes)?;
    if !req.students.is_empty() {
        if let Some(x) = req.students.iter().find(|x| !lines.iter().any(|l| &l.student.xh == *x)) {
            return Err(msg!("job-no-student-in-classes", school = code.to_string(), xh = x).into());
        }
        lines.retain(|l| req.students.contains(&l.student.xh));
    }
    if !req.codes.is_empty() {
        if let Some(c) = req.codes.iter().find(|c| !lines.iter().any(|l| &l.student.cjm == *c)) {
            return Err(msg!("job-no-code-chosen", school = code.to_string(), cjm = c).into());
        }
        lines.retain(|l| req.codes.contains(&l.student.cjm));
    }
    if req.needs_reprint {
        super::corrections::keep_needing_reprint(tx, &code, &mut lines)?;
    }
    if lines.is_empty() {
        return Err(msg!("job-no-students", school = code.to_string()).into());
    }
    let purpose = if req.needs_reprint { JobPurpose::Correction } else { req.purpose };
    let again_reason = req.again_reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    let mut again: Option<String> = None;
    if purpose == JobPurpose::School {
        again = check_printed_before(tx, code.as_str(), &mut lines, again_reason, req.new_only)?;
    } else if again_reason.is_some() || req.new_only {
        return Err(msg!("job-again-not-for-reprints").into());
    }
    let classes = class_by_class(lines);
    let counts: Vec<(String, usize)> = classes.iter().map(|(bh, v)| (bh.clone(), v.len())).collect();
    let sheets = layout::plan(&layout, &counts);

    let frozen = layout.to_toml()?;
    let purpose = if again.is_some() { JobPurpose::Again } else { purpose };
    let job = tx.insert_job(&NewJob {
        school: code.as_str(),
        layout_name: &layout.name,
        layout_toml: &frozen,
        created_by: &ws.settings.operator(),
        purpose,
        again_reason,
    })?;
    if let Some(overlap) = &again {
        let reason = again_reason.unwrap_or_default();
        tx.audit(
            &ws.settings.operator(),
            "job.again",
            &format!("job {}", JobCode(job)),
            &format!("{overlap}; {reason}"),
        )?;
    }
    let mut student_ids = Vec::new();
    let mut packet_ids = Vec::new();
    for (i, (bh, members)) in classes.iter().enumerate() {
        let packet = tx.insert_packet(job, i as i64 + 1, bh)?;
        packet_ids.push(packet);
        for l in members {
            let position = student_ids.len() as i64 + 1;
            student_ids.push(tx.insert_job_student(job, position, packet, &l.student)?);
        }
    }
    for sheet in &sheets {
        let kind = if sheet.is_separator() { SheetContent::Separator } else { SheetContent::Photos };
        let ids: Vec<i64> = sheet.placements.iter().map(|p| student_ids[p.student]).collect();
        tx.insert_sheet(job, sheet.number as i64, kind, packet_ids[sheet.class_index], &ids)?;
    }
    if req.needs_reprint {
        let cjms: Vec<String> = classes.iter().flat_map(|(_, m)| m.iter().map(|l| l.student.cjm.clone())).collect();
        super::corrections::record_reprint_job(tx, job, &cjms, &ws.settings.operator())?;
    }
    Ok(JobCreated {
        id: JobCode(job),
        students: student_ids.len(),
        packets: packet_ids.len(),
        sheets: sheets.len(),
        layout: layout.name,
    })
}

/// A school's students already in a job (any job: printed, at the printer or waiting to be
/// sent) are not printed again by accident. Refuses naming the jobs and how many students each
/// holds; `new_only` leaves those students out instead, and an `again` reason lets them through
/// (returning what overlapped, for the audit log).
fn check_printed_before(
    tx: &Tx<'_>,
    school: &str,
    lines: &mut Vec<StudentLine>,
    again: Option<&str>,
    new_only: bool,
) -> Result<Option<String>> {
    let mut holders: Vec<(i64, usize)> = Vec::new();
    let mut in_a_job = std::collections::HashSet::new();
    let chosen: std::collections::HashSet<&str> = lines.iter().map(|l| l.student.cjm.as_str()).collect();
    for (job, _, cjm) in tx.job_memberships(school)? {
        if !chosen.contains(cjm.as_str()) {
            continue;
        }
        in_a_job.insert(cjm);
        match holders.iter_mut().find(|(j, _)| *j == job) {
            Some((_, n)) => *n += 1,
            None => holders.push((job, 1)),
        }
    }
    if holders.is_empty() {
        return Ok(None);
    }
    let stages = progress_by_job(tx)?;
    let named: Vec<String> = holders
        .iter()
        .map(|(job, n)| {
            let stage = stages.get(job).map(|p| p.words()).unwrap_or(msg!("job-stage-made"));
            msg!("job-holds", job = JobCode(*job).to_string(), stage = stage, count = *n).to_string()
        })
        .collect();
    let overlap = msg!("job-overlap", in_job = in_a_job.len(), chosen = lines.len(), holders = named.join("; "));
    if new_only {
        lines.retain(|l| !in_a_job.contains(&l.student.cjm));
        if lines.is_empty() {
            return Err(msg!("job-all-in-a-job", school = school, overlap = overlap).into());
        }
        return Ok(None);
    }
    if again.is_some() {
        return Ok(Some(overlap.to_string()));
    }
    let fresh = lines.len() - in_a_job.len();
    Err(if fresh > 0 {
        msg!("job-printed-before-some-new", school = school, overlap = overlap, fresh = fresh)
    } else {
        msg!("job-printed-before", school = school, overlap = overlap)
    }
    .into())
}

/// How far every job has got, by job id.
pub(super) fn progress_by_job(tx: &Tx<'_>) -> Result<HashMap<i64, JobProgress>> {
    let states = tx.part_dispatch_states()?;
    Ok(tx.jobs()?.iter().map(|j| (j.id, progress(j, &states))).collect())
}

/// A job's progress from its counts and the states of its parts' dispatches.
fn progress(j: &JobSummary, states: &[(i64, i64, PartState)]) -> JobProgress {
    let mut sent = std::collections::HashSet::new();
    let mut completed = std::collections::HashSet::new();
    for (job, part, state) in states.iter().filter(|(job, _, _)| *job == j.id) {
        match state {
            PartState::Completed => {
                completed.insert((*job, *part));
                sent.insert((*job, *part));
            }
            PartState::Aborted | PartState::Canceled => {}
            _ => {
                sent.insert((*job, *part));
            }
        }
    }
    JobProgress {
        parts: j.parts,
        parts_sent: sent.len() as i64,
        parts_completed: completed.len() as i64,
        printed: j.printed_at.is_some(),
        packets: j.packets,
        packed: j.packed,
        shipped: j.shipped,
        delivered: j.delivered,
    }
}

#[derive(Debug, Serialize)]
pub struct SheetStudent {
    pub xh: String,
    pub xm: String,
    pub cjm: String,
    pub barcode: StudentPrintCode,
}

#[derive(Debug, Serialize)]
pub struct SheetLine {
    pub number: i64,
    pub barcode: SheetCode,
    pub kind: SheetContent,
    pub class: String,
    pub packet: PacketCode,
    pub students: Vec<SheetStudent>,
}

#[derive(Debug, Serialize)]
pub struct PacketLine {
    /// The packet's barcode payload, as scanned in the mailroom.
    pub barcode: PacketCode,
    pub class: String,
    pub students: i64,
    /// The shipment it is in (unless that shipment came back).
    pub shipment: Option<ShipmentCode>,
    pub packed: bool,
}

#[derive(Debug, Serialize)]
pub struct JobDetail {
    pub id: JobCode,
    pub school: String,
    pub school_name: String,
    pub layout: String,
    pub created_at: String,
    pub created_by: String,
    pub students: usize,
    pub packets: Vec<PacketLine>,
    pub sheets: Vec<SheetLine>,
    pub parts: Vec<PartRecord>,
    /// When every part came out of a printer complete (`job status` finds it out).
    pub printed_at: Option<String>,
    /// Every file sent to a printer, with the state last reported.
    pub dispatches: Vec<DispatchRecord>,
    pub reprints: Vec<ReprintRecord>,
    /// The latest verification of each part (`job verify`).
    pub verification: Vec<super::verify::PartCheck>,
}

/// Everything about one job, as the store has it, and the lab's zone its captions' dates are
/// taken in.
pub(super) struct Loaded {
    pub job: JobRecord,
    zone: Zone,
    school_name: String,
    pub layout: Layout,
    /// The job's students: all of them, or none when only the sheets were loaded (a render
    /// loads each part's students as it writes the part).
    students: Students,
    packets: Vec<PacketRecord>,
    pub sheets: Vec<SheetRecord>,
}

/// Students of a job (all, or those of some sheets) in print order, found by row id.
#[derive(Default)]
pub(super) struct Students {
    list: Vec<JobStudent>,
    /// Job-student id -> index into `list`.
    by_id: HashMap<i64, usize>,
}

impl Students {
    fn new(list: Vec<JobStudent>) -> Students {
        Students { by_id: list.iter().enumerate().map(|(i, s)| (s.id, i)).collect(), list }
    }

    fn get(&self, id: i64) -> Option<(usize, &JobStudent)> {
        let i = *self.by_id.get(&id)?;
        Some((i, &self.list[i]))
    }
}

pub(super) fn load(tx: &Tx<'_>, job: JobCode, zone: Zone) -> Result<Loaded> {
    let mut l = load_sheets(tx, job, zone)?;
    l.students = Students::new(tx.job_students(l.job.id)?);
    Ok(l)
}

/// A job without its students: what a render needs before it writes the parts, each with the
/// students of its own sheets, so its memory does not grow with the job.
fn load_sheets(tx: &Tx<'_>, job: JobCode, zone: Zone) -> Result<Loaded> {
    let job = load_job(tx, job)?;
    let school = schools::require(tx, &schools::parse_code(&job.school)?)?;
    let layout = Layout::from_toml(&job.layout_toml, &format!("job {} layout", JobCode(job.id)))?;
    Ok(Loaded {
        zone,
        school_name: school.name,
        layout: Layout { name: job.layout_name.clone(), ..layout },
        students: Students::default(),
        packets: tx.packets(job.id)?,
        sheets: tx.sheets(job.id)?,
        job,
    })
}

impl Loaded {
    fn student(&self, id: i64) -> Option<(usize, &JobStudent)> {
        self.students.get(id)
    }

    /// The students these sheets print, each once, in print order.
    pub(super) fn students_on(&self, sheets: &[&SheetRecord]) -> Vec<&JobStudent> {
        let mut ids: Vec<usize> =
            sheets.iter().flat_map(|s| s.students.iter()).filter_map(|id| self.student(*id).map(|(i, _)| i)).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().map(|i| &self.students.list[i]).collect()
    }

    /// The students of sheets `first..=last` (by number), from the store.
    fn students_of_sheets(&self, tx: &Tx<'_>, first: i64, last: i64) -> Result<Students> {
        Ok(Students::new(tx.job_students_on_sheets(self.job.id, first, last)?))
    }

    fn packet(&self, id: i64) -> Option<(usize, &PacketRecord)> {
        self.packets.iter().enumerate().find(|(_, p)| p.id == id)
    }

    /// The plan of a stored sheet, as `layout::compose` wants it, its students from `who`.
    fn plan(&self, who: &Students, s: &SheetRecord) -> SheetPlan {
        let (class_index, class) =
            self.packet(s.packet_id).map(|(i, p)| (i, p.bh.clone())).unwrap_or((0, String::new()));
        let kind = if s.kind == SheetContent::Separator {
            SheetKind::Separator { class }
        } else {
            SheetKind::Photos { class }
        };
        let placements = s
            .students
            .iter()
            .enumerate()
            .filter_map(|(slot, id)| who.get(*id).map(|(i, _)| Placement { slot, student: i }))
            .collect();
        SheetPlan { number: s.number as usize, class_index, kind, placements }
    }

    fn context(&self, who: &Students, s: &SheetRecord) -> SheetContext {
        let packet = self.packet(s.packet_id).map(|(_, p)| p);
        SheetContext {
            job: JobCode(self.job.id).to_string(),
            school_code: self.job.school.clone(),
            school_name: self.school_name.clone(),
            class: packet.map(|p| p.bh.clone()).unwrap_or_default(),
            sheet: s.number as usize,
            sheets: self.sheets.len(),
            sheet_barcode: SheetCode(s.id).to_string(),
            packet_barcode: packet.map(|p| PacketCode(p.id).to_string()),
            class_count: packet.map(|p| p.students as usize).unwrap_or(0),
            zone: self.zone,
            students: s
                .students
                .iter()
                .filter_map(|id| who.get(*id))
                .map(|(_, j)| CaptionStudent {
                    student: j.student.clone(),
                    barcode: StudentPrintCode(j.id).to_string(),
                })
                .collect(),
        }
    }

    fn page(&self, who: &Students, s: &SheetRecord) -> Result<PageSpec> {
        Ok(layout::compose(&self.layout, &self.plan(who, s), &self.context(who, s))?)
    }

    /// What preflight must find on a sheet: its page as the frozen layout composes it, each
    /// item owned by the student whose group cell holds it.
    pub(super) fn expected(&self, s: &SheetRecord) -> Result<ExpectedSheet> {
        let page = self.page(&self.students, s)?;
        let cells: Vec<Rect> = self.layout.group_slots().into_iter().map(|g| g.cell).collect();
        let plan = self.plan(&self.students, s);
        let inside = |r: &Rect, x: f64, y: f64| x >= r.x && x <= r.right() && y >= r.y && y <= r.bottom();
        let owners = page
            .items
            .iter()
            .map(|item| {
                let (x, y) = match item {
                    Item::Photo { frame: r, .. } | Item::Barcode { rect: r, .. } => (r.x + r.w / 2.0, r.y + r.h / 2.0),
                    Item::Text { x, y, .. } => (*x, *y),
                    _ => return None,
                };
                plan.placements.iter().position(|p| cells.get(p.slot).is_some_and(|c| inside(c, x, y)))
            })
            .collect();
        let students = s
            .students
            .iter()
            .filter_map(|id| self.student(*id))
            .map(|(_, j)| Who { xh: j.student.xh.clone(), xm: j.student.xm.clone() })
            .collect();
        Ok(ExpectedSheet { number: s.number, barcode: SheetCode(s.id).to_string(), page, owners, students })
    }

    /// Every approved photo of the job and whose it is, so a photo on the wrong student is
    /// named as whose it is.
    pub(super) fn photo_owners(&self) -> HashMap<String, Who> {
        self.students
            .list
            .iter()
            .map(|j| (j.student.photo_sha256.clone(), Who { xh: j.student.xh.clone(), xm: j.student.xm.clone() }))
            .collect()
    }

    /// The students `load` read: all of the job's (none after `load_sheets`).
    pub(super) fn students(&self) -> &Students {
        &self.students
    }

    /// Write these sheets, in this order, into one PDF at `path`, corrected for a printer by
    /// `adjust`, with their students from `who`. The same sheet always comes out the same: same
    /// layout, same positions. Each page is composed (every caption checked against the font)
    /// just before it is written.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn write_pdf(
        &self,
        who: &Students,
        ws: &Workspace,
        sheets: &[&SheetRecord],
        path: &Path,
        title: &str,
        adjust: Adjustment,
        progress: &dyn Progress,
    ) -> Result<PdfSummary> {
        let photos = ws.photos();
        let mut pdf = PdfWriter::create(path, title)?;
        pdf.set_adjustment(adjust);
        for s in sheets {
            progress::check(progress)?;
            pdf.add_page(&self.page(who, s)?, &mut |sha| photos.read(sha))?;
            progress.inc(1);
        }
        pdf.finish()
    }
}

pub fn show(ws: &Workspace, job: JobCode) -> Result<JobDetail> {
    let mut store = ws.store()?;
    let tx = store.read()?;
    let l = load(&tx, job, ws.zone())?;
    let sheets = l
        .sheets
        .iter()
        .map(|s| SheetLine {
            number: s.number,
            barcode: SheetCode(s.id),
            kind: s.kind,
            class: l.packet(s.packet_id).map(|(_, p)| p.bh.clone()).unwrap_or_default(),
            packet: PacketCode(s.packet_id),
            students: s
                .students
                .iter()
                .filter_map(|id| l.student(*id))
                .map(|(_, j)| SheetStudent {
                    xh: j.student.xh.clone(),
                    xm: j.student.xm.clone(),
                    cjm: j.student.cjm.clone(),
                    barcode: StudentPrintCode(j.id),
                })
                .collect(),
        })
        .collect();
    Ok(JobDetail {
        id: JobCode(l.job.id),
        school: l.job.school.clone(),
        school_name: l.school_name.clone(),
        layout: l.job.layout_name.clone(),
        created_at: l.job.created_at.clone(),
        created_by: l.job.created_by.clone(),
        students: l.students.list.len(),
        packets: l
            .packets
            .iter()
            .map(|p| {
                let info = tx.packet_info(p.id)?;
                Ok(PacketLine {
                    barcode: PacketCode(p.id),
                    class: p.bh.clone(),
                    students: p.students,
                    shipment: info.as_ref().and_then(|i| i.shipment).map(ShipmentCode),
                    packed: info.is_some_and(|i| i.scanned_at.is_some()),
                })
            })
            .collect::<Result<_>>()?,
        sheets,
        verification: super::verify::part_checks(&tx.parts(l.job.id)?, &tx.latest_verifications(l.job.id)?),
        parts: tx.parts(l.job.id)?,
        printed_at: tx.job_printed_at(l.job.id)?,
        dispatches: tx.dispatches(l.job.id)?,
        reprints: tx.reprints(l.job.id)?,
    })
}

#[derive(Debug, Serialize)]
pub struct JobListLine {
    pub id: JobCode,
    pub school: String,
    pub layout: String,
    pub purpose: JobPurpose,
    pub created_at: String,
    pub students: i64,
    pub sheets: i64,
    pub rendered_parts: i64,
    /// made, rendered, printing, printed, packed, shipped or delivered.
    pub stage: crate::domain::job::JobStage,
    /// The stage with its counts: `printing 1/3 parts completed`, `packed 2/5 packets`.
    pub state: String,
    pub progress: JobProgress,
}

impl JobListLine {
    /// What a list of jobs shows of each, the command line and the window alike: code, school,
    /// layout, students, sheets and progress in words.
    pub fn cells(&self) -> Vec<String> {
        let counts = [self.students, self.sheets].map(|n| n.to_string());
        let named = [self.id.to_string(), self.school.clone(), self.layout.clone()];
        named.into_iter().chain(counts).chain([self.progress.words().to_string()]).collect()
    }
}

pub fn list(ws: &Workspace) -> Result<Vec<JobListLine>> {
    let mut store = ws.store()?;
    let tx = store.read()?;
    let states = tx.part_dispatch_states()?;
    Ok(tx
        .jobs()?
        .into_iter()
        .map(|j| {
            let p = progress(&j, &states);
            JobListLine {
                id: JobCode(j.id),
                purpose: j.purpose,
                stage: p.stage(),
                state: p.describe(),
                progress: p,
                school: j.school,
                layout: j.layout_name,
                created_at: j.created_at,
                students: j.students,
                sheets: j.sheets,
                rendered_parts: j.parts,
            }
        })
        .collect())
}

#[derive(Debug, Serialize)]
pub struct Rendered {
    pub id: JobCode,
    pub sheets: usize,
    pub parts: Vec<PartRecord>,
    /// The parts read back right after rendering (`[render] verify_after_render`).
    pub verification: Option<super::verify::VerifyReport>,
}

/// The folder a job's PDFs go to.
pub(super) fn job_dir(ws: &Workspace, id: i64) -> PathBuf {
    ws.output_dir().join("jobs").join(JobCode(id).to_string())
}

pub fn render(ws: &Workspace, job: JobCode, progress: &dyn Progress) -> Result<Rendered> {
    let mut store = ws.store()?;
    let l = load_sheets(&store.read()?, job, ws.zone())?;
    render_loaded(ws, &mut store, &l, progress)
}

/// [`render`] for a job already loaded (printing renders a job it has loaded to check paper).
/// Its students are read again part by part from the store, whether `l` holds them or not.
pub(super) fn render_loaded(
    ws: &Workspace,
    store: &mut Store,
    l: &Loaded,
    progress: &dyn Progress,
) -> Result<Rendered> {
    let code = JobCode(l.job.id);
    if let Some(d) = store.read()?.dispatches(l.job.id)?.iter().find(|d| !d.state.is_final()) {
        let (job, state) = (code.to_string(), d.state.word());
        return Err(match d.part {
            Some(part) => msg!("job-part-at-printer", job = job, part = part, state = state, printer = &d.printer),
            None => msg!("job-reprint-at-printer", job = job, state = state, printer = &d.printer),
        }
        .into());
    }
    // A caption the font cannot write (or any other failure) stops the render with nothing
    // half-made: the parts are written in a staging folder that is then removed.
    let (parts, folder) = write_parts(ws, store, l, progress)?;
    let tx = store.write()?;
    tx.replace_parts(l.job.id, &parts)?;
    tx.commit()?;
    // Only now that the store names the new parts may the earlier ones go.
    remove_other_renderings(&job_dir(ws, l.job.id), &folder);
    // Stopping the verification leaves the parts rendered but unverified: `job print` then
    // waits for `job verify`.
    let verification = match ws.settings.render.verify_after_render {
        true => match super::verify::verify(ws, code, progress) {
            Ok(v) => Some(v),
            Err(Error::Cancelled) => None,
            Err(e) => return Err(e),
        },
        false => None,
    };
    Ok(Rendered { id: code, sheets: l.sheets.len(), parts, verification })
}

/// Write a job's part files into a staging folder, then rename it into place as a new folder of
/// the job's (`render-N`), beside any earlier rendering. Returns the parts and that folder.
/// Until the store records the new parts, the earlier ones stay where it says they are, whole,
/// so a render cut off at any moment (even killed) leaves the job exactly as it was.
fn write_parts(
    ws: &Workspace,
    store: &mut Store,
    l: &Loaded,
    progress: &dyn Progress,
) -> Result<(Vec<PartRecord>, PathBuf)> {
    let code = JobCode(l.job.id);
    let ranges = {
        let plans: Vec<SheetPlan> = l.sheets.iter().map(|s| l.plan(&Students::default(), s)).collect();
        layout::split_parts(&plans, ws.settings.render.max_sheets_per_part)
    };
    let job_folder = job_dir(ws, l.job.id);
    let dir = job_folder.join(format!("render-{}", next_rendering(&job_folder)));
    let staging = ws.output_dir().join("jobs").join(format!(".{code}.rendering"));
    if staging.exists() {
        std::fs::remove_dir_all(&staging).at(&staging)?;
    }
    std::fs::create_dir_all(&staging).at(&staging)?;
    let tx = store.read()?;
    let photos = ws.photos();
    if photos.is_shared() {
        let shas = tx.job_photos(l.job.id)?;
        photos.prefetch(&shas.iter().map(String::as_str).collect::<Vec<_>>(), progress)?;
    }
    progress.stage(&crate::i18n::tr("stage-rendering"), l.sheets.len() as u64);
    let write_part = |i: usize, who: &Students| -> Result<PartRecord> {
        let range = &ranges[i];
        let name = format!("{code}-part{:02}-of-{:02}.pdf", i + 1, ranges.len());
        let sheets: Vec<&SheetRecord> = l.sheets[range.clone()].iter().collect();
        let title = format!("{code} part {} of {}", i + 1, ranges.len());
        let summary = l.write_pdf(who, ws, &sheets, &staging.join(&name), &title, Adjustment::NONE, progress)?;
        Ok(PartRecord {
            part: i as i64 + 1,
            first_sheet: l.sheets[range.start].number,
            last_sheet: l.sheets[range.end - 1].number,
            path: dir.join(&name).display().to_string(),
            bytes: summary.bytes as i64,
            sha256: summary.sha256,
        })
    };
    let write = || -> Result<Vec<PartRecord>> {
        // Parts are files of their own, each written whole by one thread; this thread reads each
        // part's students from the store just before a writer is free to take it, so only the
        // students of the parts being written are in memory, however many the job has. One
        // writer more than there are cores: each part is made durable before it counts, and
        // while one writer waits on the disk for that the others keep the cores busy.
        let writers = rayon::current_num_threads().max(1) + 1;
        let mut parts = hand_out(
            ranges.len(),
            writers,
            |i| l.students_of_sheets(&tx, l.sheets[ranges[i].start].number, l.sheets[ranges[i].end - 1].number),
            |i, who| write_part(i, &who),
        )?;
        parts.sort_by_key(|p| p.part);
        std::fs::create_dir_all(&job_folder).at(&job_folder)?;
        std::fs::rename(&staging, &dir).at(&dir)?;
        Ok(parts)
    };
    let parts = write().inspect_err(|_| {
        let _ = std::fs::remove_dir_all(&staging);
    })?;
    Ok((parts, dir))
}

/// Do `work` on items `0..count` with `workers` threads, each item loaded by `load` on this
/// thread (which may hold what cannot be shared, a store transaction) just before a worker is
/// free to take it. The first error stops the handing out; the items already taken finish.
/// Returns every result, in no particular order, or the first error.
fn hand_out<T: Send, R: Send>(
    count: usize,
    workers: usize,
    mut load: impl FnMut(usize) -> Result<T>,
    work: impl Fn(usize, T) -> Result<R> + Sync,
) -> Result<Vec<R>> {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex, mpsc};
    let (hand, take) = mpsc::sync_channel::<(usize, T)>(0);
    // Only the workers hold the receiving end: when every one has stopped (each on an error),
    // handing on fails instead of waiting for a worker that will never come.
    let take = Arc::new(Mutex::new(take));
    let failed = AtomicBool::new(false);
    let (work, failed) = (&work, &failed);
    let results: Vec<Result<Vec<R>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..workers.max(1))
            .map(|_| {
                let take = Arc::clone(&take);
                scope.spawn(move || -> Result<Vec<R>> {
                    let mut done = Vec::new();
                    // A poisoned lock means another worker panicked: stop taking items.
                    while let Ok((i, item)) = take.lock().map_err(|_| ()).and_then(|t| t.recv().map_err(|_| ())) {
                        let result = work(i, item);
                        failed.fetch_or(result.is_err(), Ordering::Relaxed);
                        done.push(result?);
                    }
                    Ok(done)
                })
            })
            .collect();
        drop(take);
        let mut handed = Ok(Vec::new());
        for i in 0..count {
            if failed.load(Ordering::Relaxed) {
                break;
            }
            match load(i) {
                Ok(item) => {
                    if hand.send((i, item)).is_err() {
                        break;
                    }
                }
                Err(e) => {
                    handed = Err(e);
                    break;
                }
            }
        }
        drop(hand);
        let mut all: Vec<Result<Vec<R>>> =
            workers.into_iter().map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect();
        all.push(handed);
        all
    });
    let mut out = Vec::with_capacity(count);
    for r in results {
        out.extend(r?);
    }
    Ok(out)
}

/// The number of a job's next rendering folder: one past the highest there.
fn next_rendering(job_folder: &Path) -> u64 {
    let highest = std::fs::read_dir(job_folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.strip_prefix("render-")?.parse::<u64>().ok())
        .max();
    highest.map_or(1, |n| n + 1)
}

/// Remove a job's rendering folders other than `keep`: the one the store named before, and any
/// left by a render killed between writing its folder and recording it, and parts an earlier
/// gradlab wrote straight into the job's folder. Packets and reprints beside them stay. What
/// cannot be removed now is removed by the next render.
fn remove_other_renderings(job_folder: &Path, keep: &Path) {
    for e in std::fs::read_dir(job_folder).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with("render-") && e.path() != keep {
            let _ = std::fs::remove_dir_all(e.path());
        } else if name.contains("-part") && name.ends_with(".pdf") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// SHA-256 of a file read in pieces, so a part of any size is hashed in little memory.
pub(super) fn sha256_file(path: &Path) -> Result<String> {
    use sha2::Digest;
    use std::io::Read;
    let mut f = std::fs::File::open(path).at(path)?;
    let mut hasher = sha2::Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf).at(path)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// Draw one sheet of a job (1-based; default the first sheet with photos) to a PNG.
pub fn preview(ws: &Workspace, job: JobCode, sheet: Option<usize>, out: &Path) -> Result<PathBuf> {
    // The file is what its name says: a PNG, or a JPEG for a .jpg name.
    let ext = out.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let jpeg = match ext.as_str() {
        "png" => false,
        "jpg" | "jpeg" => true,
        _ => {
            return Err(msg!("job-preview-type", file = out.display().to_string()).into());
        }
    };
    let mut store = ws.store()?;
    let tx = store.read()?;
    let l = load(&tx, job, ws.zone())?;
    let s = match sheet {
        Some(n) => l.sheets.iter().find(|s| s.number as usize == n).ok_or_else(|| {
            Error::from(msg!(
                "job-no-such-sheet",
                job = JobCode(l.job.id).to_string(),
                sheets = l.sheets.len(),
                sheet = n
            ))
        })?,
        None => l
            .sheets
            .iter()
            .find(|s| s.kind == SheetContent::Photos)
            .or(l.sheets.first())
            .ok_or_else(|| Error::from(msg!("job-no-sheets", job = JobCode(l.job.id).to_string())))?,
    };
    let page = l.page(&l.students, s)?;
    let tmp = ws.output_dir().join(format!(".preview-{}.pdf", std::process::id()));
    let photos = ws.photos();
    let mut pdf = PdfWriter::create(&tmp, "preview")?;
    pdf.add_page(&page, &mut |sha| photos.read(sha))?;
    pdf.finish()?;
    let bytes = std::fs::read(&tmp).at(&tmp);
    let _ = std::fs::remove_file(&tmp);
    let png = preview::page_png(&bytes?, 0, ws.settings.render.preview_dpi)
        .map_err(|e| Error::from(msg!("job-preview-failed", sheet = s.number, error = e)))?;
    let png = if jpeg { preview::png_to_jpeg(&png).map_err(Error::Input)? } else { png };
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).at(dir)?;
    }
    super::workspace::write_atomically(out, &png)?;
    Ok(out.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::hand_out;
    use crate::error::Error;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn every_item_is_loaded_once_and_worked_once() {
        let mut loaded = Vec::new();
        let mut done = hand_out(
            50,
            3,
            |i| {
                loaded.push(i);
                Ok(i * 10)
            },
            |i, v| Ok((i, v)),
        )
        .unwrap();
        done.sort();
        assert_eq!(loaded, (0..50).collect::<Vec<_>>());
        assert_eq!(done, (0..50).map(|i| (i, i * 10)).collect::<Vec<_>>());
    }

    #[test]
    fn workers_that_all_fail_stop_the_handing_out() {
        let loads = AtomicUsize::new(0);
        let r = hand_out(
            1_000,
            2,
            |i| {
                loads.fetch_add(1, Ordering::Relaxed);
                Ok(i)
            },
            |i, _| -> crate::Result<()> { Err(Error::input(format!("item {i} fails"))) },
        );
        assert!(r.unwrap_err().to_string().contains("fails"));
        // Each worker takes one item and stops; at most one more is loaded before the
        // handing out sees it.
        assert!(loads.load(Ordering::Relaxed) <= 3, "{} loaded", loads.load(Ordering::Relaxed));
    }

    #[test]
    fn a_load_that_fails_is_the_error_and_nothing_after_it_is_handed_out() {
        let worked = AtomicUsize::new(0);
        let r = hand_out(
            10,
            2,
            |i| if i == 4 { Err(Error::input("cannot read part 5")) } else { Ok(i) },
            |_, _| {
                worked.fetch_add(1, Ordering::Relaxed);
                Ok(())
            },
        );
        assert!(r.unwrap_err().to_string().contains("part 5"));
        assert_eq!(worked.load(Ordering::Relaxed), 4, "the four loaded before it are finished");
    }
}
