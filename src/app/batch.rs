//! `batch import`: bring an approved batch into the store. Photos are checked and staged
//! outside the transaction; then, holding the store's write lock, each row is stored, skipped
//! (already there, same photo) or refused, and the accepted set is committed whole, or nothing.
//! The photo check against the standard's geometry (`[import] face_check`) measures each photo
//! not measured before; what is out of range, for the school's required background too, is a
//! warning with its machine code, and the measures of stored photos are kept by their hash.

use super::Outcome;
use super::{Workspace, schools};
use crate::domain::SchoolCode;
use crate::domain::school::BackgroundColour;
use crate::error::{Error, Result};
use crate::import::Finding;
use crate::import::batch::{self, Candidate};
use crate::import::face::{self, Check, Measure};
use crate::import::source::BatchSource;
use crate::msg;
use crate::progress::{self, Progress};
use crate::store::{StoredStudent, Tx};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

#[derive(Debug, Clone, Serialize)]
pub struct Accepted {
    pub cjm: String,
    pub xh: String,
    pub school: String,
    /// True when this replaced a different photo stored earlier (`--replace`).
    pub replaced: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub cjm: String,
    pub xh: String,
    pub school: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BatchReport {
    /// The batch's id in the store; None when nothing was stored.
    pub id: Option<i64>,
    pub source: String,
    pub data_table: String,
    pub accepted: Vec<Accepted>,
    pub skipped: Vec<Skipped>,
    pub rejected: Vec<Finding>,
    pub warnings: Vec<Finding>,
    /// The photo check's findings with their measures, for each stored photo it found
    /// something in (the same findings are among `warnings`, with their codes).
    pub photo_checks: Vec<PhotoCheck>,
}

/// One photo's findings from the photo check, with what was measured (for drawing it).
#[derive(Debug, Clone, Serialize)]
pub struct PhotoCheck {
    pub cjm: String,
    pub xh: String,
    pub file: String,
    pub row: usize,
    pub sha256: String,
    pub checks: Vec<Check>,
    pub measure: Measure,
}

impl BatchReport {
    /// Findings in the order of the table's rows.
    fn sort(&mut self) {
        crate::import::in_row_order(&mut self.rejected);
        crate::import::in_row_order(&mut self.warnings);
    }

    /// Done when every row was accepted or already there; partly when some rows were refused;
    /// nothing when rows were refused and none accepted.
    pub fn outcome(&self) -> Outcome {
        Outcome::of(self.accepted.len(), self.rejected.len())
    }
}

enum Decision {
    New,
    /// A new photo for a stored student; the stored student, whose old photo and number the
    /// import's warnings must no longer count.
    Replace(Box<StoredStudent>),
    /// Already stored with this photo; the stored student, to compare the row's data with.
    Same(Box<StoredStudent>),
    Conflict(crate::i18n::Msg),
}

/// What to do with a row, given the student stored under its code (if any).
fn decide(stored: Option<StoredStudent>, c: &Candidate, replace: bool) -> Decision {
    let Some(old) = stored else { return Decision::New };
    if old.photo_sha256 == c.photo.sha256 {
        return Decision::Same(Box::new(old));
    }
    if replace {
        return Decision::Replace(Box::new(old));
    }
    Decision::Conflict(crate::msg!("batch-different-photo", batch = old.batch_id))
}

/// Which students share a photo or a school's student number with the ones an import stores:
/// what is stored already, asked in batches before the first is stored, then kept up to date
/// as each is stored, so each student's warning names the same codes as asking the store after
/// storing him would.
struct Sharing {
    by_photo: HashMap<String, BTreeSet<String>>,
    /// By school, then by student number.
    by_number: HashMap<SchoolCode, HashMap<String, BTreeSet<String>>>,
}

impl Sharing {
    fn of(tx: &Tx<'_>, to_store: &[(&Candidate, Option<Box<StoredStudent>>)]) -> Result<Sharing> {
        let shas: Vec<&str> = to_store.iter().map(|(c, _)| c.photo.sha256.as_str()).collect();
        let mut numbers: BTreeMap<&SchoolCode, Vec<&str>> = BTreeMap::new();
        for (c, _) in to_store {
            numbers.entry(&c.student.school).or_default().push(c.student.xh.as_str());
        }
        let mut by_number = HashMap::new();
        for (school, xhs) in numbers {
            by_number.insert(school.clone(), tx.codes_with_student_numbers(school, &xhs)?);
        }
        Ok(Sharing { by_photo: tx.codes_with_photos(&shas)?, by_number })
    }

    /// Count `c` as stored (in place of `old`, when he replaced a stored student), and give the
    /// other students with his photo and those with his student number, each by code in order.
    fn stored(&mut self, c: &Candidate, old: Option<&StoredStudent>) -> (Vec<String>, Vec<String>) {
        let cjm = &c.student.cjm;
        if let Some(old) = old {
            if let Some(codes) = self.by_photo.get_mut(&old.photo_sha256) {
                codes.remove(cjm);
            }
            if let Some(codes) = self.by_number.get_mut(&old.student.school).and_then(|n| n.get_mut(&old.student.xh)) {
                codes.remove(cjm);
            }
        }
        let photo = self.by_photo.entry(c.photo.sha256.clone()).or_default();
        photo.insert(cjm.clone());
        let same_photo = photo.iter().filter(|o| *o != cjm).cloned().collect();
        let number =
            self.by_number.entry(c.student.school.clone()).or_default().entry(c.student.xh.clone()).or_default();
        number.insert(cjm.clone());
        let same_number = number.iter().filter(|o| *o != cjm).cloned().collect();
        (same_photo, same_number)
    }
}

/// Differences between a stored student's fields and a row's, for a row that changes nothing.
fn differences(old: &crate::domain::Student, new: &crate::domain::Student) -> Vec<String> {
    let pairs = [
        ("xh", &old.xh, &new.xh),
        ("xm", &old.xm, &new.xm),
        ("bh", &old.bh, &new.bh),
        ("cc", &old.cc, &new.cc),
        ("xllb", &old.xllb, &new.xllb),
        ("zjhm", &old.zjhm4, &new.zjhm4),
    ];
    pairs.iter().filter(|(_, a, b)| a != b).map(|(k, a, b)| format!("{k}: stored {a:?}, this row {b:?}")).collect()
}

pub fn import(ws: &Workspace, path: &Path, replace: bool, progress: &dyn Progress) -> Result<BatchReport> {
    let mut src = BatchSource::open(path, ws.zip_limits())?;
    let table = batch::read_table(&mut src)?;
    if table.is_empty() {
        return Err(msg!("batch-no-rows", file = path.display().to_string(), table = &table.data_table).into());
    }
    let mut store = ws.store()?;
    let mut required: BTreeMap<SchoolCode, Option<BackgroundColour>> = BTreeMap::new();
    {
        let tx = store.read()?;
        let mut unknown: Vec<crate::i18n::Msg> = Vec::new();
        for (code, rows) in table.schools() {
            match tx.school(&code)? {
                Some(school) => {
                    required.insert(code, school.background);
                }
                None => {
                    let ranges = crate::domain::suggest::row_ranges(&rows);
                    let school = code.to_string();
                    unknown.push(match schools::did_you_mean(&tx, code.as_str())? {
                        None => msg!("batch-unknown-school", school = school, count = rows.len(), rows = ranges),
                        Some(close) => msg!(
                            "batch-unknown-school-close",
                            school = school,
                            count = rows.len(),
                            rows = ranges,
                            close = close
                        ),
                    });
                }
            }
        }
        if !unknown.is_empty() {
            let schools: Vec<String> = unknown.iter().map(|m| m.to_string()).collect();
            return Err(msg!(
                "batch-unknown-schools",
                file = path.display().to_string(),
                table = &table.data_table,
                schools = schools.join("; ")
            )
            .into());
        }
    }

    let _lock = ws.lock_imports()?;
    let photos = ws.photos();
    // Walking the whole photo store is only worth it after an import was cut off.
    if photos.interrupted() {
        photos.clean(&store.read()?.referenced_photos()?)?;
    }
    let stored = store.read()?.referenced_photos()?;
    let mut staging = photos.staging(stored.clone())?;
    let contents = {
        let reader = store.read()?;
        let mut known = |shas: &[&str]| -> Result<HashMap<String, Measure>> {
            let kept = reader.face_measures(shas, face::VERSION)?;
            // A stored measure that no longer reads is simply made again.
            Ok(kept.into_iter().filter_map(|(sha, json)| Some((sha, serde_json::from_str(&json).ok()?))).collect())
        };
        let known: Option<batch::KnownMeasures<'_>> = ws.settings.import.face_check.then_some(&mut known);
        batch::check_photos(
            &mut src,
            table,
            progress,
            &|sha, bytes| staging.stage(sha, bytes).map(|_| ()),
            known,
            &stored,
        )?
    };

    let mut report = BatchReport {
        id: None,
        source: path.display().to_string(),
        data_table: contents.data_table.clone(),
        accepted: Vec::new(),
        skipped: Vec::new(),
        rejected: contents.rejected,
        warnings: contents.warnings,
        photo_checks: Vec::new(),
    };
    let tx = store.write()?;
    // The candidates to store, each with the student it replaces.
    let mut to_store: Vec<(&Candidate, Option<Box<StoredStudent>>)> = Vec::new();
    let mut measured: Vec<&Candidate> = Vec::new();
    let codes: Vec<&str> = contents.candidates.iter().map(|c| c.student.cjm.as_str()).collect();
    let mut stored_students = tx.students(&codes)?;
    let already_stored = crate::i18n::tr("import-already-stored");
    for c in &contents.candidates {
        let decision = decide(stored_students.remove(c.student.cjm.as_str()), c, replace);
        if !matches!(decision, Decision::Conflict(_)) {
            photo_check(&mut report, &contents.data_table, c, required.get(&c.student.school).copied().flatten());
            measured.push(c);
        }
        match decision {
            Decision::New => to_store.push((c, None)),
            Decision::Replace(old) => to_store.push((c, Some(old))),
            Decision::Same(old) => {
                let diffs = differences(&old.student, &c.student);
                if !diffs.is_empty() {
                    report.warnings.push(Finding::of_student(
                        &contents.data_table,
                        Some(c.row),
                        &c.student,
                        crate::msg!("import-same-photo-other-data", differences = diffs.join("; ")),
                    ));
                }
                report.skipped.push(Skipped {
                    cjm: c.student.cjm.clone(),
                    xh: c.student.xh.clone(),
                    school: c.student.school.to_string(),
                    reason: already_stored.clone(),
                });
            }
            Decision::Conflict(reason) => report.rejected.push(
                Finding::of_student(&contents.data_table, Some(c.row), &c.student, reason).with_photo(Some(&c.file)),
            ),
        }
    }
    let fresh = save_measures(&tx, &measured)?;
    if to_store.is_empty() {
        // Nothing new to keep but the measures of photos already stored; drop the staged files.
        if fresh {
            tx.commit()?;
        }
        report.sort();
        return Ok(report);
    }

    progress.stage(&crate::i18n::tr("stage-storing"), to_store.len() as u64);
    let counts = [to_store.len(), report.skipped.len(), report.rejected.len()];
    let batch_id = tx.insert_batch(&report.source, &report.data_table, counts)?;
    let wanted: HashSet<&str> = to_store.iter().map(|(c, _)| c.photo.sha256.as_str()).collect();
    staging.place_only(&wanted, &tx)?;
    let mut sharing = Sharing::of(&tx, &to_store)?;
    for (c, old) in &to_store {
        progress::check(progress)?;
        let replaced = old.is_some();
        tx.insert_photo(&c.photo.sha256, c.photo.bytes)?;
        if replaced {
            tx.replace_student(&c.student, &c.photo.sha256, batch_id)?;
        } else {
            tx.insert_student(&c.student, &c.photo.sha256, batch_id)?;
        }
        let (same_photo, same_number) = sharing.stored(c, old.as_deref());
        if !same_photo.is_empty() {
            report.warnings.push(Finding::of_student(
                &contents.data_table,
                Some(c.row),
                &c.student,
                crate::msg!("import-photo-also-for", codes = same_photo.join(", ")),
            ));
        }
        if !same_number.is_empty() {
            report.warnings.push(Finding::of_student(
                &contents.data_table,
                Some(c.row),
                &c.student,
                crate::msg!(
                    "import-number-also-for",
                    xh = &c.student.xh,
                    school = c.student.school.to_string(),
                    codes = same_number.join(", ")
                ),
            ));
        }
        if replaced {
            tx.audit(
                &ws.settings.operator(),
                "photo.replace",
                &format!("student {}", c.student.cjm),
                &crate::msg!(
                    "batch-audit-replaced",
                    batch = batch_id,
                    file = c.file.as_str(),
                    sha256 = &c.photo.sha256[..12]
                )
                .to_string(),
            )?;
        }
        report.accepted.push(Accepted {
            cjm: c.student.cjm.clone(),
            xh: c.student.xh.clone(),
            school: c.student.school.to_string(),
            replaced,
        });
        progress.inc(1);
    }
    tx.audit(
        &ws.settings.operator(),
        "batch.import",
        &format!("batch {batch_id}"),
        &crate::msg!(
            "batch-audit-import",
            stored = to_store.len(),
            replaced = to_store.iter().filter(|(_, old)| old.is_some()).count(),
            skipped = report.skipped.len(),
            refused = report.rejected.len(),
            source = report.source.as_str()
        )
        .to_string(),
    )?;
    tx.commit()?;
    staging.finish();
    report.id = Some(batch_id);
    report.sort();
    Ok(report)
}

/// The photo check's warnings for one photo, for the school's required background.
fn photo_check(report: &mut BatchReport, data_table: &str, c: &Candidate, required: Option<BackgroundColour>) {
    let Some(m) = &c.face else { return };
    let checks = face::judge(&m.measure, required);
    if checks.is_empty() {
        return;
    }
    for check in &checks {
        report.warnings.push(
            Finding::of_student(data_table, Some(c.row), &c.student, check.finding().to_string())
                .with_photo(Some(&c.file))
                .with_code(check.code()),
        );
    }
    report.photo_checks.push(PhotoCheck {
        cjm: c.student.cjm.clone(),
        xh: c.student.xh.clone(),
        file: c.file.clone(),
        row: c.row,
        sha256: c.photo.sha256.clone(),
        checks,
        measure: m.measure.clone(),
    });
}

/// Keep the measures this import made of photos that are (or will be) stored, so they are
/// never measured again. Returns whether there were any.
fn save_measures(tx: &Tx<'_>, candidates: &[&Candidate]) -> Result<bool> {
    let mut any = false;
    for c in candidates {
        let Some(m) = c.face.as_ref().filter(|m| m.fresh) else { continue };
        let json = serde_json::to_string(&m.measure)
            .map_err(|e| Error::from(msg!("batch-measure-unwritable", file = &c.file, error = e.to_string())))?;
        tx.save_face_measure(&c.photo.sha256, face::VERSION, &json)?;
        any = true;
    }
    Ok(any)
}
