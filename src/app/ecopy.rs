//! Electronic copies (电子版): `ecopy request` records a school's letter and freezes its
//! students; `ecopy send` packages their original photos into numbered zip parts and e-mails
//! one part per message to the address the letter gave, which must be registered for that
//! school; `ecopy log` shows what was asked for and what the mail server accepted.
//!
//! A part is recorded with every try and with the server's final answer, so a part the server
//! accepted is never sent twice unless the operator asks (`--resend`). The split into parts is
//! fixed on the first send and the zips are deterministic, so part 2 sent again is the same
//! part 2, byte for byte.

use super::Outcome;
use super::{Workspace, schools, students};
use crate::domain::School;
use crate::domain::ecopy::{EcopyPartState, EcopyRequestState, SendOutcome};
use crate::domain::ids::EcopyRequestId;
use crate::domain::local_time::Zone;
use crate::domain::school::{check_email, same_address};
use crate::email::package::{self, IndexRow, Item, Naming, Person, Stamp};
use crate::email::{Failure, Mailer, Outgoing, SmtpConfig};
use crate::error::{Error, IoContext, Result};
use crate::import::photo::sha256_hex;
use crate::msg;
use crate::progress::Progress;
use crate::store::{EcopyPartRecord, EcopyRequestRecord, EcopyStudent, NewEcopyPart, NewEcopyRequest, Store};
use serde::Serialize;

fn subject(id: i64) -> String {
    format!("ecopy {}", EcopyRequestId(id))
}

/// What `ecopy request` is given, unchecked.
#[derive(Debug, Clone, Default)]
pub struct RequestSpec {
    pub school: String,
    pub classes: Vec<String>,
    pub naming: Option<String>,
    pub to: String,
    pub letter: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct RequestMade {
    pub id: EcopyRequestId,
    pub school: String,
    pub school_name: String,
    pub to: String,
    pub naming: Naming,
    pub letter: String,
    pub classes: Vec<String>,
    pub students: usize,
    /// 学号 of students named `学号.jpg` under xh-name: the school gave no full name for them.
    pub without_full_name: Vec<String>,
    /// Files renamed `<name>-<采集码>.jpg` because another student had the name already.
    pub renamed: Vec<String>,
}

/// Record a school's request and freeze its students in print order. The address must be one
/// registered for the school.
pub fn request(ws: &Workspace, spec: &RequestSpec) -> Result<RequestMade> {
    let code = schools::parse_code(&spec.school)?;
    let naming = match spec.naming.as_deref() {
        Some(n) => Naming::parse(n).map_err(|e| Error::from(msg!("ecopy-bad-naming", error = e)))?,
        None => Naming::Xh,
    };
    let to = check_email(&spec.to).map_err(|e| Error::from(msg!("ecopy-bad-to", error = e)))?;
    let letter = spec.letter.as_deref().map(str::trim).unwrap_or("").to_string();
    let mut store = ws.store()?;
    let tx = store.write()?;
    let school = schools::require(&tx, &code)?;
    let Some(registered) = school.emails.iter().find(|e| same_address(e, &to)).cloned() else {
        let (school_code, name) = (code.to_string(), &school.name);
        return Err(if school.emails.is_empty() {
            msg!("ecopy-not-registered-none", to = &to, school = school_code, name = name)
        } else {
            msg!("ecopy-not-registered", to = &to, school = school_code, name = name, known = school.emails.join(", "))
        }
        .into());
    };
    let known: Vec<String> = tx.classes(&code)?.into_iter().map(|(bh, _)| bh).collect();
    if let Some(unknown) = spec.classes.iter().find(|c| !known.contains(c)) {
        return Err(
            msg!("school-no-class", school = code.to_string(), class = unknown, classes = known.join(", ")).into()
        );
    }
    let lines = students::in_print_order(&tx, &code, &spec.classes)?;
    if lines.is_empty() {
        return Err(msg!("ecopy-no-students", school = code.to_string()).into());
    }
    let people: Vec<Person> = lines
        .iter()
        .map(|l| Person {
            xh: l.student.xh.clone(),
            xm: l.student.xm.clone(),
            bh: l.student.bh.clone(),
            cjm: l.student.cjm.clone(),
            full_name: l.student.full_name.clone(),
        })
        .collect();
    let named = package::name_files(naming, &people);
    let frozen: Vec<EcopyStudent> = lines
        .iter()
        .zip(&people)
        .zip(&named.names)
        .enumerate()
        .map(|(i, ((l, p), file))| EcopyStudent {
            position: i as i64 + 1,
            cjm: p.cjm.clone(),
            xh: p.xh.clone(),
            xm: p.xm.clone(),
            bh: p.bh.clone(),
            // A full name is kept only where the school asked for names.
            full_name: if naming == Naming::XhName { p.full_name.clone() } else { None },
            photo_sha256: l.student.photo_sha256.clone(),
            file_name: file.clone(),
            part: None,
        })
        .collect();
    let operator = ws.settings.operator();
    let classes = spec.classes.join("|");
    let id = tx.insert_ecopy_request(&NewEcopyRequest {
        school: code.as_str(),
        classes: &classes,
        naming: naming.as_str(),
        to_email: &registered,
        letter_ref: &letter,
        created_by: &operator,
    })?;
    tx.insert_ecopy_students(id, &frozen)?;
    let scope: crate::i18n::Arg =
        if spec.classes.is_empty() { msg!("send-ecopy-all-classes").into() } else { spec.classes.join(", ").into() };
    tx.audit(
        &operator,
        "ecopy.request",
        &subject(id),
        &msg!(
            "send-ecopy-request-audit",
            school = code.to_string(),
            students = frozen.len(),
            scope = scope,
            pattern = naming.pattern(),
            to = &registered,
            letter = if letter.is_empty() { "-" } else { letter.as_str() }
        )
        .to_string(),
    )?;
    tx.commit()?;
    let xh_of = |idx: &[usize]| idx.iter().map(|&i| people[i].xh.clone()).collect::<Vec<_>>();
    Ok(RequestMade {
        id: EcopyRequestId(id),
        school: code.to_string(),
        school_name: school.name,
        to: registered,
        naming,
        letter,
        classes: spec.classes.clone(),
        students: frozen.len(),
        without_full_name: xh_of(&named.without_full_name),
        renamed: xh_of(&named.renamed),
    })
}

// ----- sending -----------------------------------------------------------------------------------

#[derive(Debug, Clone, Default)]
pub struct SendOptions {
    /// Send parts the server accepted already, again.
    pub resend: bool,
    /// Only these parts (numbers from 1); empty: every part.
    pub parts: Vec<i64>,
}

/// What became of one part in this run.
#[derive(Debug, Clone, Serialize)]
pub struct PartOutcome {
    pub part: i64,
    pub parts: i64,
    pub photos: i64,
    pub zip_bytes: i64,
    pub outcome: SendOutcome,
    /// Tries in this run.
    pub tries: u32,
    pub message_id: Option<String>,
    pub message_bytes: Option<usize>,
    pub reply: String,
}

#[derive(Debug, Serialize)]
pub struct SendReport {
    pub id: EcopyRequestId,
    pub school: String,
    pub school_name: String,
    pub to: String,
    pub letter: String,
    pub naming: String,
    pub students: usize,
    pub parts: Vec<PartOutcome>,
    /// 学号 of students named `学号.jpg` under xh-name: the school gave no full name for them.
    pub without_full_name: Vec<String>,
    /// Parts of the request the server has accepted, in this run or before.
    pub accepted_in_all: usize,
}

impl SendReport {
    /// Parts that failed or were left unsent in this run.
    pub fn failed(&self) -> Vec<&PartOutcome> {
        self.parts.iter().filter(|p| p.outcome.is_failure()).collect()
    }

    /// Done when nothing failed; partly when some part failed but some part of the request has
    /// reached the school; nothing when none has.
    pub fn outcome(&self) -> Outcome {
        Outcome::of(self.accepted_in_all, self.failed().len())
    }
}

/// One process at a time sends electronic copies from a workspace, so two runs never send
/// the same part at once.
fn lock(ws: &Workspace) -> Result<std::fs::File> {
    let dir = ws.output_dir();
    std::fs::create_dir_all(&dir).at(&dir)?;
    let path = dir.join(".ecopy.lock");
    let f = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).at(&path)?;
    f.lock().at(&path)?;
    Ok(f)
}

/// The time stamp of every zip entry: when the request was made, in the lab's zone (whatever
/// the computer's clock zone is), so the same request always packs to the same bytes wherever
/// it is sent from.
fn stamp(created_at: &str, zone: Zone) -> Stamp {
    use chrono::{Datelike, Timelike};
    let utc = chrono::DateTime::parse_from_rfc3339(created_at)
        .map(|t| t.to_utc())
        .unwrap_or_else(|_| chrono::DateTime::from_timestamp(315_532_800, 0).unwrap_or_default());
    let t = zone.at(utc);
    Stamp {
        year: t.year().clamp(1980, 2107) as u16,
        month: t.month() as u8,
        day: t.day() as u8,
        hour: t.hour() as u8,
        minute: t.minute() as u8,
        second: t.second() as u8,
    }
}

fn persons(students: &[&EcopyStudent]) -> Vec<(Person, String)> {
    students
        .iter()
        .map(|s| {
            let p = Person {
                xh: s.xh.clone(),
                xm: s.xm.clone(),
                bh: s.bh.clone(),
                cjm: s.cjm.clone(),
                full_name: s.full_name.clone(),
            };
            (p, s.file_name.clone())
        })
        .collect()
}

/// The zip of one part: its students' photos read from the photo store, untouched.
fn build_zip(ws: &Workspace, req: &EcopyRequestRecord, naming: Naming, students: &[&EcopyStudent]) -> Result<Vec<u8>> {
    let people = persons(students);
    let rows: Vec<IndexRow> = people
        .iter()
        .map(|(p, file)| IndexRow { xh: &p.xh, name: p.listed_name(naming), bh: &p.bh, cjm: &p.cjm, file })
        .collect();
    let index = package::index_csv(&rows);
    let photos = ws.photos();
    let bytes: Vec<Vec<u8>> = students.iter().map(|s| photos.read(&s.photo_sha256)).collect::<Result<_>>()?;
    let files: Vec<(&str, &[u8])> =
        students.iter().zip(&bytes).map(|(s, b)| (s.file_name.as_str(), b.as_slice())).collect();
    package::build_part(&index, &files, stamp(&req.created_at, ws.zone())).map_err(Error::Input)
}

/// Fix the split of a request into parts on its first send: plan by file sizes so that each
/// message stays under the limit, build each zip once to record its size and hash.
fn package_request(
    ws: &Workspace,
    store: &mut Store,
    req: &EcopyRequestRecord,
    naming: Naming,
    students: &[EcopyStudent],
    cfg: &SmtpConfig,
    progress: &dyn Progress,
) -> Result<()> {
    let photos = ws.photos();
    let people = persons(&students.iter().collect::<Vec<_>>());
    let mut items = Vec::with_capacity(students.len());
    for (s, (p, file)) in students.iter().zip(&people) {
        let bytes = photos.size(&s.photo_sha256)?;
        let row = IndexRow { xh: &p.xh, name: p.listed_name(naming), bh: &p.bh, cjm: &p.cjm, file };
        items.push(Item { name_len: file.len(), bytes, index_row_len: package::index_row_len(&row) });
    }
    let budget = package::zip_budget(cfg.max_message_bytes);
    let plan = package::plan_parts(&items, budget).map_err(|(i, need)| {
        let s = &students[i];
        Error::from(msg!(
            "ecopy-photo-too-big",
            xh = &s.xh,
            bytes = items[i].bytes as i64,
            mb = (cfg.max_message_bytes / 1_000_000) as i64,
            need = need as i64,
            budget = budget as i64
        ))
    })?;
    let count = plan.last().copied().unwrap_or(0) as i64;
    progress.stage(&crate::i18n::tr("stage-packaging"), count as u64);
    let mut parts = Vec::new();
    for n in 1..=count {
        let mine: Vec<&EcopyStudent> =
            students.iter().zip(&plan).filter(|(_, p)| i64::from(**p) == n).map(|(s, _)| s).collect();
        let zip = build_zip(ws, req, naming, &mine)?;
        if zip.len() as u64 > budget {
            return Err(msg!("ecopy-part-too-big", part = n, bytes = zip.len(), budget = budget as i64).into());
        }
        parts.push(NewEcopyPart {
            part: n,
            photos: mine.len() as i64,
            bytes: zip.len() as i64,
            sha256: sha256_hex(&zip),
        });
        progress.inc(1);
    }
    let assignment: Vec<(i64, i64)> = students.iter().zip(&plan).map(|(s, p)| (s.position, i64::from(*p))).collect();
    let tx = store.write()?;
    if tx.ecopy_parts(req.id)?.is_empty() {
        tx.insert_ecopy_parts(req.id, &parts, &assignment)?;
    }
    tx.commit()
}

fn message_id(req: i64, part: i64, from: &str) -> String {
    let domain = from.rsplit_once('@').map(|(_, d)| d).unwrap_or("gradlab.local");
    let ms = chrono::Utc::now().timestamp_millis();
    format!("<gradlab.{}.part{part}.{ms}.{}@{domain}>", EcopyRequestId(req), std::process::id())
}

struct Letter<'a> {
    lab: &'a str,
    school_code: &'a str,
    school_name: &'a str,
    letter: &'a str,
    naming: Naming,
}

impl Letter<'_> {
    fn subject(&self, part: i64, parts: i64) -> String {
        let mut s = format!("电子版照片 {} {}", self.school_code, self.school_name);
        if !self.letter.is_empty() {
            s.push(' ');
            s.push_str(self.letter);
        }
        format!("{s} {part}/{parts}")
    }

    fn text(&self, part: i64, parts: i64, photos: i64) -> String {
        let by_letter = if self.letter.is_empty() { String::new() } else { format!("（{}）", self.letter) };
        format!(
            "{}：\r\n\r\n根据贵校申请电子版照片的来函{by_letter}，现发送毕业生电子版照片。\r\n\
             本邮件为第 {part} 封，共 {parts} 封；附件压缩包内有 {photos} 张照片，文件名为{}，\
             名单见压缩包内 index.csv（可用 Excel 打开）。\r\n\
             照片为审核通过的原始文件，未经任何修改。照片含学生个人信息，请妥善保管，仅用于学历证书等规定用途。\r\n\
             请在收齐全部 {parts} 封邮件后回复确认。\r\n\r\n{}\r\n",
            self.school_name,
            self.naming.pattern(),
            self.lab
        )
    }
}

/// Send a request's parts. Settings are checked before anything is recorded; each try and the
/// server's final answer are recorded as they happen.
pub fn send(ws: &Workspace, code: EcopyRequestId, opts: &SendOptions, progress: &dyn Progress) -> Result<SendReport> {
    let id = code.row();
    let cfg = ws.settings.smtp.resolve(ws.root(), &|v| std::env::var(v).ok()).map_err(Error::Input)?;
    let _lock = lock(ws)?;
    let mut store = ws.store()?;
    let (req, school) = registered_request(&mut store, id)?;
    let naming = Naming::parse(&req.naming).map_err(Error::Input)?;
    let read = |store: &mut Store| -> Result<_> {
        let tx = store.read()?;
        Ok((tx.ecopy_students(id)?, tx.ecopy_parts(id)?))
    };
    let (mut students, mut parts) = read(&mut store)?;
    if parts.is_empty() {
        package_request(ws, &mut store, &req, naming, &students, &cfg, progress)?;
        (students, parts) = read(&mut store)?;
    }
    let total = parts.len() as i64;
    if let Some(bad) = opts.parts.iter().find(|p| **p < 1 || **p > total) {
        return Err(
            msg!("ecopy-no-such-part", request = EcopyRequestId(id).to_string(), total = total, part = *bad).into()
        );
    }
    let chosen = |p: &EcopyPartRecord| opts.parts.is_empty() || opts.parts.contains(&p.part);
    let due = |p: &EcopyPartRecord| opts.resend || p.state != EcopyPartState::Accepted;
    let to_send = parts.iter().filter(|p| chosen(p) && due(p)).count();
    let mailer = if to_send > 0 { Some(Mailer::new(&cfg).map_err(Error::Input)?) } else { None };
    let run = mailer.as_ref().map(|mailer| Run {
        ws,
        req: &req,
        naming,
        students: &students,
        mailer,
        cfg: &cfg,
        letter: Letter {
            lab: &ws.settings.lab.name,
            school_code: school.code.as_str(),
            school_name: &school.name,
            letter: &req.letter_ref,
            naming,
        },
        progress,
    });
    progress.stage(&crate::i18n::tr("stage-sending-email"), to_send as u64);
    let mut outcomes = Vec::new();
    let mut stopped = false;
    for p in parts.iter().filter(|p| chosen(p)) {
        let mut outcome = PartOutcome {
            part: p.part,
            parts: p.parts,
            photos: p.photos,
            zip_bytes: p.bytes,
            outcome: SendOutcome::Skipped,
            tries: 0,
            message_id: p.message_id.clone(),
            message_bytes: None,
            reply: p.server_reply.clone(),
        };
        match (&run, due(p), stopped) {
            (_, false, _) => {}
            (_, true, true) => {
                outcome.outcome = SendOutcome::NotSent;
                outcome.reply = crate::i18n::tr("send-ecopy-earlier-failed");
            }
            (None, true, false) => break,
            (Some(run), true, false) => {
                let result = run.send_part(&mut store, p, &mut outcome);
                stopped = run.record(&mut store, p, &mut outcome, result)?;
                progress.inc(1);
            }
        }
        outcomes.push(outcome);
    }
    let accepted_in_all = store.read()?.ecopy_parts(id)?.iter().filter(|p| p.state == EcopyPartState::Accepted).count();
    let without_full_name = if naming == Naming::XhName {
        students
            .iter()
            .filter(|s| s.full_name.as_deref().is_none_or(|n| n.trim().is_empty()))
            .map(|s| s.xh.clone())
            .collect()
    } else {
        Vec::new()
    };
    Ok(SendReport {
        id: EcopyRequestId(id),
        school: school.code.to_string(),
        school_name: school.name.clone(),
        to: req.to_email.clone(),
        letter: req.letter_ref.clone(),
        naming: req.naming.clone(),
        students: students.len(),
        parts: outcomes,
        without_full_name,
        accepted_in_all,
    })
}

/// The request and its school, as long as the request's address is still registered for the
/// school: an address removed since the request was made gets nothing.
fn registered_request(store: &mut Store, id: i64) -> Result<(EcopyRequestRecord, School)> {
    let tx = store.read()?;
    let req = tx
        .ecopy_request(id)?
        .ok_or_else(|| Error::from(msg!("ecopy-unknown", request = EcopyRequestId(id).to_string())))?;
    let school = schools::require(&tx, &schools::parse_code(&req.school)?)?;
    if !school.emails.iter().any(|e| same_address(e, &req.to_email)) {
        let registered: crate::i18n::Arg =
            if school.emails.is_empty() { msg!("ecopy-none").into() } else { school.emails.join(", ").into() };
        return Err(msg!(
            "ecopy-no-longer-registered",
            to = &req.to_email,
            school = school.code.to_string(),
            registered = registered
        )
        .into());
    }
    Ok((req, school))
}

/// What every part of one request is sent with.
struct Run<'a> {
    ws: &'a Workspace,
    req: &'a EcopyRequestRecord,
    naming: Naming,
    students: &'a [EcopyStudent],
    mailer: &'a Mailer,
    cfg: &'a SmtpConfig,
    letter: Letter<'a>,
    progress: &'a dyn Progress,
}

impl Run<'_> {
    /// Package and send one part, trying again on transient failures with growing waits. Every
    /// try is recorded before it starts. Ok carries the server's reply.
    fn send_part(
        &self,
        store: &mut Store,
        p: &EcopyPartRecord,
        outcome: &mut PartOutcome,
    ) -> std::result::Result<String, Failure> {
        let (req, cfg) = (self.req, self.cfg);
        let local = |e: Error| Failure::Permanent(msg!("send-ecopy-not-sent", error = e.said()).to_string());
        let mine: Vec<&EcopyStudent> = self.students.iter().filter(|s| s.part == Some(p.part)).collect();
        let zip = build_zip(self.ws, req, self.naming, &mine).map_err(local)?;
        if sha256_hex(&zip) != p.sha256 || mine.len() as i64 != p.photos {
            return Err(Failure::Permanent(
                msg!("send-ecopy-zip-changed", part = p.part, sha = p.sha256.as_str()).to_string(),
            ));
        }
        // A part whose last attempt was cut off before the server's answer was recorded may
        // have arrived: it goes again under the same Message-ID, so the school's mail program
        // shows one message, not two.
        let mid = match (&p.message_id, p.state) {
            (Some(earlier), EcopyPartState::Pending) => earlier.clone(),
            _ => message_id(req.id, p.part, &cfg.from),
        };
        let subject = self.letter.subject(p.part, p.parts);
        let text = self.letter.text(p.part, p.parts, p.photos);
        let attachment_name =
            format!("{}-{}-part{}of{}.zip", self.letter.school_code, EcopyRequestId(req.id), p.part, p.parts);
        let msg = self
            .mailer
            .format(&Outgoing {
                from_name: self.letter.lab,
                to: &req.to_email,
                subject: &subject,
                text: &text,
                message_id: &mid,
                attachment_name: &attachment_name,
                attachment: zip,
            })
            .map_err(|e| Failure::Permanent(msg!("send-ecopy-not-sent", error = e).to_string()))?;
        outcome.message_id = Some(mid.clone());
        outcome.message_bytes = Some(msg.bytes.len());
        if msg.bytes.len() as u64 > cfg.max_message_bytes {
            return Err(Failure::Permanent(
                msg!(
                    "send-ecopy-message-too-big",
                    bytes = msg.bytes.len(),
                    mb = (cfg.max_message_bytes / 1_000_000) as i64
                )
                .to_string(),
            ));
        }
        let mut attempt = 0;
        loop {
            attempt += 1;
            outcome.tries = attempt;
            record_attempt(store, req.id, p.part, &mid).map_err(local)?;
            match self.mailer.send(&msg) {
                Ok(reply) => return Ok(reply),
                Err(Failure::Transient(reply)) if attempt < cfg.tries => {
                    let wait = cfg.retry_delay(attempt);
                    self.progress.note(
                        &msg!(
                            "send-ecopy-retry",
                            part = p.part,
                            parts = p.parts,
                            reply = reply.as_str(),
                            seconds = format!("{:.1}", wait.as_secs_f64()),
                            attempt = (attempt + 1) as i64,
                            tries = cfg.tries as i64
                        )
                        .to_string(),
                    );
                    std::thread::sleep(wait);
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Record the server's final answer for a part, in its row and the audit log. True when
    /// the failure was permanent, so the parts after it are not tried.
    fn record(
        &self,
        store: &mut Store,
        p: &EcopyPartRecord,
        outcome: &mut PartOutcome,
        result: std::result::Result<String, Failure>,
    ) -> Result<bool> {
        let (state, reply, permanent) = match result {
            Ok(reply) => (EcopyPartState::Accepted, reply, false),
            Err(Failure::Transient(r)) => (EcopyPartState::Failed, r, false),
            Err(Failure::Permanent(r)) => (EcopyPartState::Failed, r, true),
        };
        let accepted = state == EcopyPartState::Accepted;
        outcome.outcome = if accepted { SendOutcome::Accepted } else { SendOutcome::Failed };
        outcome.reply = reply.clone();
        let operator = self.ws.settings.operator();
        let tx = store.write()?;
        tx.ecopy_part_result(self.req.id, p.part, state, &reply, &operator)?;
        let what = msg!(
            "send-ecopy-part-audit",
            part = p.part,
            parts = p.parts,
            photos = p.photos,
            bytes = p.bytes,
            to = self.req.to_email.as_str(),
            state = state.as_str(),
            tries = outcome.tries as i64,
            message_id = outcome.message_id.as_deref().unwrap_or("-"),
            reply = reply.as_str()
        )
        .to_string();
        let action = if accepted { "ecopy.sent" } else { "ecopy.failed" };
        tx.audit(&operator, action, &subject(self.req.id), &what)?;
        tx.commit()?;
        Ok(permanent)
    }
}

fn record_attempt(store: &mut Store, req: i64, part: i64, mid: &str) -> Result<()> {
    let tx = store.write()?;
    tx.ecopy_part_attempt(req, part, mid)?;
    tx.commit()
}

// ----- the log -----------------------------------------------------------------------------------

#[derive(Debug, Serialize)]
pub struct RequestLog {
    pub id: EcopyRequestId,
    pub school: String,
    pub to: String,
    pub letter: String,
    pub naming: String,
    pub classes: Vec<String>,
    pub students: i64,
    pub created_at: String,
    pub created_by: String,
    pub state: EcopyRequestState,
    pub parts: Vec<EcopyPartRecord>,
}

pub fn log(ws: &Workspace, school: Option<&str>) -> Result<Vec<RequestLog>> {
    let code = school.map(schools::parse_code).transpose()?;
    let mut store = ws.store()?;
    let tx = store.read()?;
    if let Some(code) = &code {
        schools::require(&tx, code)?;
    }
    let mut out = Vec::new();
    for r in tx.ecopy_requests(code.as_ref().map(|c| c.as_str()))? {
        let parts = tx.ecopy_parts(r.id)?;
        let state = EcopyRequestState::of(&parts.iter().map(|p| (p.state, p.attempts)).collect::<Vec<_>>());
        out.push(RequestLog {
            id: EcopyRequestId(r.id),
            students: tx.ecopy_student_count(r.id)?,
            classes: r.classes.split('|').filter(|c| !c.is_empty()).map(str::to_string).collect(),
            school: r.school,
            to: r.to_email,
            letter: r.letter_ref,
            naming: r.naming,
            created_at: r.created_at,
            created_by: r.created_by,
            state,
            parts,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zips_files_are_dated_in_the_labs_zone() {
        let at = |s: Stamp| (s.year, s.month, s.day, s.hour, s.minute, s.second);
        let made = "2026-05-16T23:00:05.123Z";
        assert_eq!(at(stamp(made, Zone::CHINA)), (2026, 5, 17, 7, 0, 5));
        assert_eq!(at(stamp(made, Zone::parse("Europe/Berlin").unwrap())), (2026, 5, 17, 1, 0, 5));
    }
}
